/* SPDX-License-Identifier: MIT */
/* The PostgreSQL backend of the SQL wrapper (libpq): one connection per
 * store. Statement SQL has its '?' placeholders renumbered to $1, $2, ...
 * and is prepared once per connection (a cache keyed by the SQL); rows
 * arrive one at a time in libpq's single-row mode, so a million-row export
 * holds one row in memory. Parameters travel as text and PostgreSQL infers
 * their types from the statement. A transaction takes an advisory lock, so
 * writers queue one behind another exactly as SQLite's BEGIN IMMEDIATE makes
 * them do. A connection the server dropped is opened again between
 * transactions; a failure that is the connection's, not the statement's,
 * sets store->unavailable (see "losing the server" below). Everything
 * returned is owned by the store or the statement. */
#include "store/store.h"

#include "base/dynlib.h"

#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_TEXT 25
/* Prepared statements kept per connection before the least recently used
 * idle one is deallocated. */
#define CACHE_MAX 512
/* Attempts of an autocommit statement that met a serialization failure or
 * a deadlock. */
#define RETRIES 4
/* How long a writer waits for another one (and for a row lock). */
#define LOCK_TIMEOUT "SET lock_timeout = '120s'"
/* pg_advisory_xact_lock key of the store-wide write lock: "tandem". */
#define WRITE_LOCK "SELECT pg_advisory_xact_lock(127978171638125)"
/* Seconds a connection attempt may take (the URL's connect_timeout wins):
 * without it a server that does not answer holds a request for as long as
 * the kernel keeps trying. */
#define CONNECT_TIMEOUT "5"

/* libpq is loaded by the first PostgreSQL store a process opens, not at
 * start: it links some twenty libraries (Kerberos, LDAP, TLS) that a
 * process on SQLite never needs. libpq-fe.h still gives the types, the
 * constants and, through these pointers, the prototypes. */
#define LIBPQ_FUNCTIONS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdbParams) \
	X(PQconsumeInput) X(PQdescribePrepared) X(PQerrorMessage) X(PQexec) \
	X(PQexecParams) X(PQfinish) X(PQfreemem) X(PQftype) X(PQgetResult) \
	X(PQgetisnull) X(PQgetvalue) X(PQnfields) X(PQntuples) X(PQprepare) \
	X(PQreset) X(PQresultErrorField) X(PQresultErrorMessage) X(PQresultStatus) \
	X(PQsendQueryPrepared) X(PQserverVersion) X(PQsetClientEncoding) \
	X(PQsetNoticeProcessor) X(PQsetSingleRowMode) X(PQsocket) X(PQstatus) \
	X(PQtransactionStatus) X(PQunescapeBytea)

static struct libpq_functions {
	LIBPQ_FUNCTIONS(DYNLIB_POINTER)
} pq;

#define LIBPQ_SYMBOL(function) DYNLIB_SYMBOL(struct libpq_functions, function),
static const struct dynlib_symbol libpq_symbols[] = { LIBPQ_FUNCTIONS(LIBPQ_SYMBOL) };

static struct dynlib libpq = {
	"libpq.so.5", "TANDEM_LIBPQ", libpq_symbols,
	sizeof libpq_symbols / sizeof libpq_symbols[0], &pq, 0,
};

struct cached {
	char *sql;              /* the translated SQL: the key */
	uint64_t hash;
	char name[24];          /* the server-side prepared statement's name */
	int n_params;
	Oid *types;             /* NULL, or n_params types (0 = inferred) */
	unsigned generation;    /* the connection it was prepared on */
	int users;              /* live statements using it */
	uint64_t last_used;
};

struct pg_store {
	struct store base;
	PGconn *conn;
	struct stmt *streaming;  /* the statement whose rows are arriving */
	struct cached **cache;
	size_t n_cache, cap_cache;
	unsigned generation;     /* bumped by every reconnect */
	uint64_t next_name, tick;
};

enum { ST_IDLE, ST_STREAMING, ST_ENDED };

struct stmt {
	struct store *store;     /* first: see store.c */
	struct pg_store *pg;
	struct cached *c;
	struct buf *params;      /* one per placeholder */
	const char **values;     /* NULL binds NULL */
	int *lengths;
	int *formats;            /* 0 text, 1 binary (blobs) */
	int state;
	int end_rc;              /* STORE_DONE or STORE_ERROR once ST_ENDED */
	int lost;                /* ... the error was the connection's */
	int rows_seen;
	PGresult *row;           /* the current row (a single-tuple result) */
	PGresult **queue;        /* rows read ahead when the connection was needed */
	size_t n_queue, queue_at, cap_queue;
	int n_columns;           /* -1 until known */
	int64_t changes;
	char sqlstate[6];
	struct buf error;
	struct buf blob;         /* the last column_blob, decoded */
};

static void quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* --- messages ------------------------------------------------------------ */

/* The URL without its password, for messages: user:secret@ and
 * password=secret become user:***@ and password=***. Returns malloc'ed
 * memory; the caller frees it. */
static char *redact_url(const char *url)
{
	struct buf b = BUF_INIT;
	const char *rest = strstr(url, "://");
	const char *p;
	if (!rest) {
		buf_adds(&b, url);
		return buf_detach(&b, NULL);
	}
	rest += 3;
	buf_add(&b, url, (size_t)(rest - url));
	size_t auth_len = strcspn(rest, "/?");
	const char *at = memchr(rest, '@', auth_len);
	if (at) {
		const char *colon = memchr(rest, ':', (size_t)(at - rest));
		if (colon) {
			buf_add(&b, rest, (size_t)(colon - rest));
			buf_adds(&b, ":***");
			rest = at;
		}
	}
	/* Query parameters: password=... up to the next '&'. */
	while ((p = strstr(rest, "password=")) != NULL &&
	       (p == rest || p[-1] == '?' || p[-1] == '&')) {
		p += strlen("password=");
		buf_add(&b, rest, (size_t)(p - rest));
		buf_adds(&b, "***");
		rest = p + strcspn(p, "&");
	}
	buf_adds(&b, rest);
	return buf_detach(&b, NULL);
}

/* Appends libpq's message without its trailing newline; multi-line
 * messages are joined with "; ". */
static void add_message(struct buf *out, const char *msg)
{
	size_t len = msg ? strlen(msg) : 0;
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (!len) {
		buf_adds(out, "unknown error");
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (msg[i] == '\n') {
			buf_adds(out, "; ");
			while (i + 1 < len && (msg[i + 1] == ' ' || msg[i + 1] == '\t'))
				i++;
		} else {
			buf_addc(out, msg[i]);
		}
	}
}

/* Did a failure come from the connection rather than from the statement?
 * The connection broke, or the server said it is going away: SQLSTATE
 * class 08 (connection exception), 57P01 (terminated by an administrator,
 * pg_terminate_backend, a fast shutdown), 57P02 (another server process
 * crashed), 57P03 (the server is starting or stopping). A constraint, a
 * syntax or a lock timeout error is the statement's. */
static int connection_failure(PGconn *conn, const PGresult *r)
{
	const char *state = r ? pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (pq.PQstatus(conn) == CONNECTION_BAD)
		return 1;
	return state && (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
			 !strcmp(state, "57P02") || !strcmp(state, "57P03"));
}

/* The message of a failed result, or of the connection. A failure of the
 * connection marks the store unavailable. */
static void result_message(struct pg_store *pg, const PGresult *r, struct buf *out)
{
	PGconn *conn = pg->conn;
	const char *state = r ? pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = r ? pq.PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;

	if (connection_failure(conn, r)) {
		pg->base.unavailable = 1;
		buf_adds(out, "lost the connection to the database server: ");
		add_message(out, primary ? primary : pq.PQerrorMessage(conn));
		return;
	}
	if (state && !strcmp(state, "55P03")) {
		buf_adds(out, "the store is busy: another process kept it locked for too long");
		return;
	}
	if (!primary) {
		add_message(out, r ? pq.PQresultErrorMessage(r) : pq.PQerrorMessage(conn));
		return;
	}
	add_message(out, primary);
	if (detail) {
		buf_adds(out, " (");
		add_message(out, detail);
		buf_adds(out, ")");
	}
}

/* --- placeholders and the statement cache -------------------------------- */

/* Copies sql to out with each '?' outside string literals, quoted names
 * and comments renumbered $1, $2, ... Returns the number of placeholders. */
static int translate(const char *sql, struct buf *out)
{
	int n = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			/* A doubled quote inside ends and reopens: same result. */
			const char *end = strchr(p + 1, *p);
			size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
			buf_add(out, p, len);
			p += len;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t len = strcspn(p, "\n");
			buf_add(out, p, len);
			p += len;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t len = end ? (size_t)(end - p) + 2 : strlen(p);
			buf_add(out, p, len);
			p += len;
		} else if (*p == '?') {
			buf_addf(out, "$%d", ++n);
			p++;
		} else {
			buf_addc(out, *p++);
		}
	}
	return n;
}

static uint64_t hash_sql(const char *s)
{
	uint64_t h = 1469598103934665603ULL;    /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void drain(struct stmt *st);

/* Lets the statement whose rows are arriving read the rest of them, so the
 * connection is free for another command. */
static void free_connection(struct pg_store *pg)
{
	if (pg->streaming)
		drain(pg->streaming);
}

/* Runs a command that returns no rows; 0 or -1 with the message in err. */
static int run_simple(struct pg_store *pg, const char *sql, struct buf *err)
{
	PGresult *r = pq.PQexec(pg->conn, sql);
	ExecStatusType rs = pq.PQresultStatus(r);
	int rc = 0;
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && rs != PGRES_EMPTY_QUERY) {
		struct buf ignored = BUF_INIT;
		result_message(pg, r, err ? err : &ignored);
		buf_release(&ignored);
		rc = -1;
	}
	pq.PQclear(r);
	return rc;
}

/* The session's settings, after connecting and after a reconnect. */
static int setup_session(struct pg_store *pg, struct buf *err)
{
	pq.PQsetNoticeProcessor(pg->conn, quiet_notices, NULL);
	if (pq.PQsetClientEncoding(pg->conn, "UTF8")) {
		buf_adds(err, "cannot use UTF-8 with this server");
		return -1;
	}
	return run_simple(pg, LOCK_TIMEOUT, err);
}

/* --- losing the server ----------------------------------------------------
 * The server may drop a connection at any moment: pg_terminate_backend, a
 * restart, a crash, a network cut. Between transactions that costs
 * nothing: the connection is opened again (PQreset, within the connect
 * timeout) and its statements prepared again on first use. A SELECT of its
 * own that lost its connection before it returned a row is run once more on
 * the new one: nothing it did can have mattered. Anything else fails, with
 * store->unavailable set, so that the caller can tell "try again later"
 * from a broken statement: a write outside a transaction is not repeated
 * (the server may have done it), and a transaction that lost its
 * connection is gone, rolled back by the server. Only its COMMIT is in
 * doubt, when the connection breaks after the server received it: the
 * transaction's id, read before the COMMIT, is asked about on a new
 * connection (txid_status), so that the caller hears "committed" exactly
 * when it was. */

/* An idle connection that the server closed looks fine to libpq until it
 * next reads from it; the socket says so at once: readable while nothing
 * was asked means a goodbye message, or the end of the stream. */
static void notice_hangup(struct pg_store *pg)
{
	struct pollfd p = { pq.PQsocket(pg->conn), POLLIN, 0 };
	if (pq.PQstatus(pg->conn) != CONNECTION_OK || p.fd < 0 ||
	    pq.PQtransactionStatus(pg->conn) == PQTRANS_ACTIVE)
		return;
	if (poll(&p, 1, 0) > 0)
		pq.PQconsumeInput(pg->conn);
}

/* Opens the connection again; 0 when it is usable. */
static int reconnect(struct pg_store *pg)
{
	struct buf ignored = BUF_INIT;
	int rc = -1;
	pq.PQreset(pg->conn);
	if (pq.PQstatus(pg->conn) == CONNECTION_OK) {
		pg->generation++;
		pg->streaming = NULL;
		rc = setup_session(pg, &ignored);
	}
	buf_release(&ignored);
	return rc;
}

/* A connection that broke outside a transaction is opened again (the
 * server restarted, or an idle connection was cut); inside one, the
 * transaction is lost and the caller hears so. */
static int check_connection(struct pg_store *pg, struct buf *err)
{
	notice_hangup(pg);
	if (pq.PQstatus(pg->conn) != CONNECTION_BAD)
		return 0;
	if (!pg->base.in_tx && !reconnect(pg))
		return 0;
	pg->base.unavailable = 1;
	buf_addf(err, "%s: ", pg->base.location);
	buf_adds(err, "lost the connection to the database server: ");
	add_message(err, pq.PQerrorMessage(pg->conn));
	return -1;
}

/* The id of the open transaction if it has one (it wrote), else "". */
static void transaction_id(struct pg_store *pg, char xid[24])
{
	PGresult *r = pq.PQexec(pg->conn, "SELECT txid_current_if_assigned()");
	xid[0] = '\0';
	if (pq.PQresultStatus(r) == PGRES_TUPLES_OK && pq.PQntuples(r) == 1 && !pq.PQgetisnull(r, 0, 0))
		snprintf(xid, 24, "%s", pq.PQgetvalue(r, 0, 0));
	pq.PQclear(r);
}

/* After the connection broke during the COMMIT of transaction xid: 1 when
 * it committed, 0 when it did not, -1 when that cannot be known (no new
 * connection). A transaction still "in progress" belongs to a server
 * process that is on its way out (it was terminated, or its client is
 * gone): it is asked about again for up to two seconds. */
static int commit_outcome(struct pg_store *pg, const char *xid)
{
	const char *params[1] = { xid };
	if (reconnect(pg))
		return -1;
	for (int i = 0; i < 20; i++) {
		PGresult *r = pq.PQexecParams(pg->conn, "SELECT txid_status($1::bigint)", 1, NULL,
					      params, NULL, NULL, 0);
		int known = pq.PQresultStatus(r) == PGRES_TUPLES_OK && pq.PQntuples(r) == 1;
		const char *status = known ? pq.PQgetvalue(r, 0, 0) : "";
		int outcome = !strcmp(status, "committed") ? 1 : !strcmp(status, "aborted") ? 0 : -1;
		pq.PQclear(r);
		if (!known || outcome >= 0)
			return known ? outcome : -1;
		struct timespec pause = { 0, 100000000L };
		nanosleep(&pause, NULL);
	}
	return -1;
}

/* The number in "... parameter $N" of an indeterminate-type error. */
static int param_number(const PGresult *r)
{
	const char *m = pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *d = m ? strchr(m, '$') : NULL;
	return d ? (int)strtol(d + 1, NULL, 10) : 0;
}

/* Prepares c on the server. Where PostgreSQL cannot infer a parameter's
 * type ("? IS NULL"), it is declared text and the statement prepared
 * again. Inside a transaction a savepoint keeps a failed prepare from
 * aborting it, as a failed sqlite3_prepare does not. */
static int server_prepare(struct pg_store *pg, struct cached *c, struct buf *err)
{
	int in_tx = pq.PQtransactionStatus(pg->conn) == PQTRANS_INTRANS;
	int rc = -1;

	if (in_tx && run_simple(pg, "SAVEPOINT tandem_prepare", err))
		return -1;
	for (int attempt = 0; attempt <= c->n_params; attempt++) {
		PGresult *r = pq.PQprepare(pg->conn, c->name, c->sql, c->n_params, c->types);
		if (pq.PQresultStatus(r) == PGRES_COMMAND_OK) {
			pq.PQclear(r);
			rc = 0;
			break;
		}
		const char *state = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
		int n = param_number(r);
		if (state && !strcmp(state, "42P18") && n >= 1 && n <= c->n_params &&
		    (!c->types || !c->types[n - 1])) {
			pq.PQclear(r);
			if (!c->types)
				c->types = xcalloc((size_t)c->n_params, sizeof *c->types);
			c->types[n - 1] = OID_TEXT;
			if (in_tx && (run_simple(pg, "ROLLBACK TO SAVEPOINT tandem_prepare", err)))
				return -1;
			continue;
		}
		buf_addf(err, "%s: ", pg->base.location);
		result_message(pg, r, err);
		pq.PQclear(r);
		break;
	}
	if (in_tx) {
		const char *end = rc ? "ROLLBACK TO SAVEPOINT tandem_prepare; RELEASE tandem_prepare"
				     : "RELEASE tandem_prepare";
		if (run_simple(pg, end, rc ? NULL : err))
			rc = -1;
	}
	if (!rc)
		c->generation = pg->generation;
	return rc;
}

static void cached_free(struct cached *c)
{
	xfree(c->sql);
	xfree(c->types);
	xfree(c);
}

/* Makes room in a full cache by forgetting the idle statement used least
 * recently (its server-side statement is deallocated). */
static void cache_evict(struct pg_store *pg)
{
	size_t victim = pg->n_cache;
	for (size_t i = 0; i < pg->n_cache; i++)
		if (!pg->cache[i]->users &&
		    (victim == pg->n_cache || pg->cache[i]->last_used < pg->cache[victim]->last_used))
			victim = i;
	if (victim == pg->n_cache)
		return;
	struct cached *c = pg->cache[victim];
	if (c->generation == pg->generation) {
		/* Not SQL built from data: the name is ours ("t" and a counter). */
		struct buf sql = BUF_INIT;
		buf_addf(&sql, "DEALLOCATE %s", c->name);
		run_simple(pg, sql.data, NULL);
		buf_release(&sql);
	}
	cached_free(c);
	pg->cache[victim] = pg->cache[--pg->n_cache];
}

static struct cached *cache_get(struct pg_store *pg, const char *sql, struct buf *err)
{
	struct buf text = BUF_INIT;
	int n = translate(sql, &text);
	uint64_t h = hash_sql(text.data);
	struct cached *c = NULL;

	for (size_t i = 0; i < pg->n_cache; i++)
		if (pg->cache[i]->hash == h && !strcmp(pg->cache[i]->sql, text.data)) {
			c = pg->cache[i];
			break;
		}
	if (!c) {
		if (pg->n_cache >= CACHE_MAX)
			cache_evict(pg);
		c = xcalloc(1, sizeof *c);
		c->sql = buf_detach(&text, NULL);
		c->hash = h;
		c->n_params = n;
		c->generation = pg->generation - 1;
		snprintf(c->name, sizeof c->name, "t%llu", (unsigned long long)++pg->next_name);
		if (server_prepare(pg, c, err)) {
			cached_free(c);
			return NULL;
		}
		ALLOC_GROW(pg->cache, pg->n_cache + 1, pg->cap_cache);
		pg->cache[pg->n_cache++] = c;
	} else if (c->generation != pg->generation && server_prepare(pg, c, err)) {
		buf_release(&text);
		return NULL;
	}
	buf_release(&text);
	c->last_used = ++pg->tick;
	return c;
}

/* --- statements ---------------------------------------------------------- */

static int pg_prepare(struct store *s, const char *sql, struct stmt **out, struct buf *err)
{
	struct pg_store *pg = (struct pg_store *)s;
	struct cached *c;
	struct stmt *st;

	free_connection(pg);
	if (check_connection(pg, err) || !(c = cache_get(pg, sql, err)))
		return -1;
	c->users++;
	st = xcalloc(1, sizeof *st);
	st->store = s;
	st->pg = pg;
	st->c = c;
	st->n_columns = -1;
	buf_init(&st->error);
	buf_init(&st->blob);
	if (c->n_params) {
		st->params = xcalloc((size_t)c->n_params, sizeof *st->params);
		st->values = xcalloc((size_t)c->n_params, sizeof *st->values);
		st->lengths = xcalloc((size_t)c->n_params, sizeof *st->lengths);
		st->formats = xcalloc((size_t)c->n_params, sizeof *st->formats);
		for (int i = 0; i < c->n_params; i++)
			buf_init(&st->params[i]);
	}
	*out = st;
	return 0;
}

static struct buf *param(struct stmt *st, int idx)
{
	if (idx < 1 || idx > st->c->n_params)
		return NULL;
	buf_reset(&st->params[idx - 1]);
	return &st->params[idx - 1];
}

static void set_param(struct stmt *st, int idx, int format)
{
	st->values[idx - 1] = st->params[idx - 1].data;
	st->lengths[idx - 1] = (int)st->params[idx - 1].len;
	st->formats[idx - 1] = format;
}

static int pg_bind_text(struct stmt *st, int idx, const char *s, size_t len)
{
	struct buf *b = param(st, idx);
	if (!b)
		return -1;
	buf_add(b, s, len);
	set_param(st, idx, 0);
	return 0;
}

static int pg_bind_int64(struct stmt *st, int idx, int64_t v)
{
	struct buf *b = param(st, idx);
	if (!b)
		return -1;
	buf_addf(b, "%lld", (long long)v);
	set_param(st, idx, 0);
	return 0;
}

/* Blobs travel in binary: the bytes as they are. */
static int pg_bind_blob(struct stmt *st, int idx, const void *data, size_t len)
{
	struct buf *b = param(st, idx);
	if (!b)
		return -1;
	buf_add(b, data, len);
	set_param(st, idx, 1);
	return 0;
}

static int pg_bind_null(struct stmt *st, int idx)
{
	if (idx < 1 || idx > st->c->n_params)
		return -1;
	st->values[idx - 1] = NULL;
	st->formats[idx - 1] = 0;
	return 0;
}

/* The statement has seen the end of its results. */
static void end(struct stmt *st, int rc)
{
	st->state = ST_ENDED;
	st->end_rc = rc;
	if (st->pg->streaming == st)
		st->pg->streaming = NULL;
}

/* Reads the next row of a streaming statement: a single-tuple result the
 * caller owns, or NULL at the end (the outcome is in end_rc). */
static PGresult *read_row(struct stmt *st)
{
	PGconn *conn = st->pg->conn;
	PGresult *r = pq.PQgetResult(conn), *more;
	int rc = STORE_DONE;

	if (!r) {
		if (pq.PQstatus(conn) == CONNECTION_BAD) {
			buf_reset(&st->error);
			result_message(st->pg, NULL, &st->error);
			st->lost = 1;
			rc = STORE_ERROR;
		}
		end(st, rc);
		return NULL;
	}
	switch (pq.PQresultStatus(r)) {
	case PGRES_SINGLE_TUPLE:
		st->n_columns = pq.PQnfields(r);
		return r;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
	case PGRES_EMPTY_QUERY:
		st->n_columns = pq.PQnfields(r);
		st->changes = strtoll(pq.PQcmdTuples(r), NULL, 10);
		break;
	default: {
		const char *state = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
		snprintf(st->sqlstate, sizeof st->sqlstate, "%s", state ? state : "");
		buf_reset(&st->error);
		st->lost = connection_failure(conn, r);
		result_message(st->pg, r, &st->error);
		rc = STORE_ERROR;
	}
	}
	pq.PQclear(r);
	while ((more = pq.PQgetResult(conn)) != NULL)
		pq.PQclear(more);
	end(st, rc);
	return NULL;
}

static void drain(struct stmt *st)
{
	PGresult *r;
	while (st->state == ST_STREAMING && (r = read_row(st)) != NULL) {
		ALLOC_GROW(st->queue, st->n_queue + 1, st->cap_queue);
		st->queue[st->n_queue++] = r;
	}
}

static void clear_rows(struct stmt *st)
{
	pq.PQclear(st->row);
	st->row = NULL;
	for (size_t i = st->queue_at; i < st->n_queue; i++)
		pq.PQclear(st->queue[i]);
	st->n_queue = st->queue_at = 0;
}

static int start(struct stmt *st)
{
	struct pg_store *pg = st->pg;
	struct cached *c = st->c;

	free_connection(pg);
	buf_reset(&st->error);
	st->sqlstate[0] = '\0';
	st->rows_seen = 0;
	st->lost = 0;
	if (check_connection(pg, &st->error) ||
	    (c->generation != pg->generation && server_prepare(pg, c, &st->error))) {
		st->lost = pq.PQstatus(pg->conn) == CONNECTION_BAD;
		end(st, STORE_ERROR);
		return -1;
	}
	if (!pq.PQsendQueryPrepared(pg->conn, c->name, c->n_params, st->values, st->lengths,
				    st->formats, 0)) {
		st->lost = connection_failure(pg->conn, NULL);
		result_message(pg, NULL, &st->error);
		end(st, STORE_ERROR);
		return -1;
	}
	pq.PQsetSingleRowMode(pg->conn);
	st->state = ST_STREAMING;
	pg->streaming = st;
	return 0;
}

static int retryable(const struct stmt *st)
{
	return !strcmp(st->sqlstate, "40001") || !strcmp(st->sqlstate, "40P01");
}

/* Does the statement only read? Tandem's SELECTs have no side effects. */
static int reads_only(const struct cached *c)
{
	const char *p = c->sql;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return !strncasecmp(p, "SELECT", 6);
}

static int pg_step(struct stmt *st)
{
	int unavailable = st->pg->base.unavailable, reran = 0;
	for (int attempt = 1;; attempt++) {
		pq.PQclear(st->row);
		st->row = NULL;
		if (st->state == ST_IDLE && start(st))
			return STORE_ERROR;
		if (st->queue_at < st->n_queue) {
			st->row = st->queue[st->queue_at++];
		} else if (st->state == ST_STREAMING) {
			st->row = read_row(st);
		}
		if (st->row) {
			st->rows_seen++;
			return STORE_ROW;
		}
		/* A statement of its own (no transaction around it) that lost
		 * to a concurrent one is simply run again, a few times. */
		if (st->end_rc == STORE_ERROR && retryable(st) && !st->rows_seen &&
		    !st->pg->base.in_tx && attempt < RETRIES) {
			struct timespec pause = { 0, 20000000L * attempt };
			nanosleep(&pause, NULL);
			st->state = ST_IDLE;
			continue;
		}
		/* A read of its own that lost its connection before its first
		 * row: once more, on a new connection (see "losing the server"). */
		if (st->end_rc == STORE_ERROR && st->lost && !st->rows_seen && !reran &&
		    !st->pg->base.in_tx && reads_only(st->c)) {
			reran = 1;
			st->pg->base.unavailable = unavailable;
			st->n_queue = st->queue_at = 0;
			st->state = ST_IDLE;
			continue;
		}
		return st->end_rc;
	}
}

static int pg_reset(struct stmt *st)
{
	PGresult *r;
	while (st->state == ST_STREAMING && (r = read_row(st)) != NULL)
		pq.PQclear(r);
	clear_rows(st);
	st->state = ST_IDLE;
	st->end_rc = STORE_DONE;
	for (int i = 0; i < st->c->n_params; i++) {
		st->values[i] = NULL;
		st->formats[i] = 0;
	}
	return 0;
}

static void pg_finalize(struct stmt *st)
{
	pg_reset(st);
	st->c->users--;
	for (int i = 0; i < st->c->n_params; i++)
		buf_release(&st->params[i]);
	xfree(st->params);
	xfree(st->values);
	xfree(st->lengths);
	xfree(st->formats);
	xfree(st->queue);
	buf_release(&st->error);
	buf_release(&st->blob);
	xfree(st);
}

static int pg_column_count(struct stmt *st)
{
	if (st->n_columns < 0) {
		struct pg_store *pg = st->pg;
		free_connection(pg);
		PGresult *r = pq.PQdescribePrepared(pg->conn, st->c->name);
		st->n_columns = pq.PQresultStatus(r) == PGRES_COMMAND_OK ? pq.PQnfields(r) : 0;
		pq.PQclear(r);
	}
	return st->n_columns;
}

static int valid(const struct stmt *st, int col)
{
	return st->row && col >= 0 && col < pq.PQnfields(st->row);
}

static int pg_column_is_null(struct stmt *st, int col)
{
	return !valid(st, col) || pq.PQgetisnull(st->row, 0, col);
}

/* Text as SQLite would give it: booleans (from comparisons) read 1 and 0. */
static const char *pg_column_text(struct stmt *st, int col, size_t *len)
{
	const char *t = "";
	if (valid(st, col)) {
		t = pq.PQgetvalue(st->row, 0, col);
		if (pq.PQftype(st->row, col) == OID_BOOL && !pq.PQgetisnull(st->row, 0, col))
			t = *t == 't' ? "1" : "0";
	}
	if (len)
		*len = strlen(t);
	return t;
}

/* sum() of BIGINT is numeric in PostgreSQL: any number reads as its
 * integer part, as sqlite3_column_int64 does. */
static int64_t pg_column_int64(struct stmt *st, int col)
{
	const char *t = pg_column_text(st, col, NULL);
	return strtoll(t, NULL, 10);
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* bytea arrives as text, "\x" and two hex digits a byte (bytea_output
 * hex, the default since 9.0); the bytes are decoded into the statement's
 * buffer, valid until the next column_blob, step, reset or finalize. */
static const unsigned char *pg_column_blob(struct stmt *st, int col, size_t *len)
{
	size_t n;
	const char *t = pg_column_text(st, col, &n);
	buf_reset(&st->blob);
	if (n >= 2 && t[0] == '\\' && t[1] == 'x') {
		for (size_t i = 2; i + 1 < n; i += 2) {
			int hi = hex_digit(t[i]), lo = hex_digit(t[i + 1]);
			if (hi < 0 || lo < 0)
				break;
			buf_addc(&st->blob, (char)(hi << 4 | lo));
		}
	} else if (n) {
		size_t out_len = 0;
		unsigned char *bytes = pq.PQunescapeBytea((const unsigned char *)t, &out_len);
		if (bytes)
			buf_add(&st->blob, bytes, out_len);
		pq.PQfreemem(bytes);
	}
	*len = st->blob.len;
	return (const unsigned char *)st->blob.data;
}

static int64_t pg_changes(struct stmt *st) { return st->changes; }

static const char *pg_stmt_error(struct stmt *st)
{
	return st->error.len ? st->error.data : "no error";
}

/* --- the store ------------------------------------------------------------ */

static int is_begin(const char *sql)
{
	return !strcmp(sql, "BEGIN") || !strcmp(sql, "BEGIN IMMEDIATE");
}

static int pg_exec(struct store *s, const char *sql, struct buf *err)
{
	struct pg_store *pg = (struct pg_store *)s;
	PGresult *r;
	ExecStatusType rs;
	int rc = 0, commit = !strcmp(sql, "COMMIT"), unavailable = s->unavailable;
	char xid[24] = "";

	free_connection(pg);
	if (check_connection(pg, err))
		return -1;
	if (commit)
		transaction_id(pg, xid);
	/* A transaction begins holding the store's write lock: without it two
	 * imports would both number themselves max(batch) + 1. */
	r = pq.PQexec(pg->conn, is_begin(sql) ? "BEGIN; " WRITE_LOCK : sql);
	rs = pq.PQresultStatus(r);
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && rs != PGRES_EMPTY_QUERY) {
		struct buf msg = BUF_INIT;
		int lost = connection_failure(pg->conn, r);
		result_message(pg, r, &msg);
		int outcome = commit && lost && xid[0] ? commit_outcome(pg, xid) : 0;
		if (outcome == 1) {
			/* It committed; only its answer was lost. */
			s->unavailable = unavailable;
			buf_release(&msg);
			pq.PQclear(r);
			return 0;
		}
		buf_addf(err, "%s: %s", s->location, msg.data);
		if (outcome < 0)
			buf_adds(err, " (the transaction may have been committed: the database"
				 " could not be asked, or could not tell)");
		buf_release(&msg);
		rc = -1;
		if (is_begin(sql))
			run_simple(pg, "ROLLBACK", NULL);
	} else if (!strcmp(sql, "COMMIT") && !strcmp(pq.PQcmdStatus(r), "ROLLBACK")) {
		/* PostgreSQL answers COMMIT of a failed transaction by rolling it back. */
		buf_addf(err, "%s: the transaction failed and was rolled back", s->location);
		rc = -1;
	}
	pq.PQclear(r);
	return rc;
}

static void pg_close(struct store *s)
{
	struct pg_store *pg = (struct pg_store *)s;
	for (size_t i = 0; i < pg->n_cache; i++)
		cached_free(pg->cache[i]);
	xfree(pg->cache);
	pq.PQfinish(pg->conn);
	xfree(s->location);
	xfree(pg);
}

static const struct store_ops postgres_ops = {
	STORE_POSTGRES, pg_exec, pg_prepare, pg_bind_text, pg_bind_int64, pg_bind_null,
	pg_step, pg_reset, pg_finalize, pg_column_count, pg_column_is_null,
	pg_column_text, pg_column_int64, pg_changes, pg_stmt_error, pg_close,
	pg_bind_blob, pg_column_blob, NULL,
};

/* Tandem orders by bytes, as SQLite does (the loader binary-searches what
 * it reads with strcmp): the database must collate as C. */
static int check_database(struct pg_store *pg, struct buf *err)
{
	struct stmt *st;
	int rc = -1;
	if (pq.PQserverVersion(pg->conn) < 100000) {
		buf_addf(err, "%s: PostgreSQL %d is too old; tandem needs 10 or newer",
			 pg->base.location, pq.PQserverVersion(pg->conn) / 10000);
		return -1;
	}
	if (pg_prepare(&pg->base, "SELECT datcollate FROM pg_database"
		       " WHERE datname = current_database()", &st, err))
		return -1;
	if (pg_step(st) != STORE_ROW) {
		buf_addf(err, "%s: %s", pg->base.location, pg_stmt_error(st));
		goto out;
	}
	const char *coll = pg_column_text(st, 0, NULL);
	if (strcmp(coll, "C") && strcmp(coll, "POSIX") && strcmp(coll, "C.UTF-8") &&
	    strcmp(coll, "C.utf8")) {
		buf_addf(err, "%s: the database collates as '%s'; tandem needs a database created"
			 " with LC_COLLATE 'C' (createdb --locale=C --template=template0 ...)",
			 pg->base.location, coll);
		goto out;
	}
	rc = 0;
out:
	pg_finalize(st);
	return rc;
}

int store_postgres_open(const char *url, struct store **out, struct buf *err)
{
	/* Keywords are read in order and the last one wins: the URL's own
	 * connect_timeout, if it has one, overrides ours. */
	static const char *const keys[] = { "connect_timeout", "dbname", NULL };
	const char *const values[] = { CONNECT_TIMEOUT, url, NULL };
	struct buf why = BUF_INIT;
	struct pg_store *pg;

	if (dynlib_load(&libpq, &why)) {
		buf_addf(err, "cannot use a PostgreSQL store: %s", why.data);
		buf_release(&why);
		return -1;
	}
	pg = xcalloc(1, sizeof *pg);
	pg->base.ops = &postgres_ops;
	pg->base.location = redact_url(url);
	pg->generation = 1;
	pg->conn = pq.PQconnectdbParams(keys, values, 1);
	/* From the moment there is a connection, an out-of-memory unwind (in
	 * the session's setup, say) closes it. */
	store_guard(&pg->base);
	if (!pg->conn || pq.PQstatus(pg->conn) != CONNECTION_OK) {
		buf_addf(err, "cannot connect to '%s': ", pg->base.location);
		add_message(err, pg->conn ? pq.PQerrorMessage(pg->conn) : "out of memory");
		store_close(&pg->base);
		return -1;
	}
	if (setup_session(pg, err) || check_database(pg, err)) {
		store_close(&pg->base);
		return -1;
	}
	*out = &pg->base;
	return 0;
}
