/* SPDX-License-Identifier: MIT */
/* The backend-independent half of the SQL wrapper: dispatch through the
 * function table, transactions and small conveniences. */
#include "store/store.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct stmt_head {
	struct store *store;   /* every backend's stmt starts with this */
};

#define OPS(st) (((struct stmt_head *)(st))->store->ops)

static void unwind_store(void *s)
{
	store_close(s);
}

void store_guard(struct store *s)
{
	alloc_cleanup_push(&s->unwind, unwind_store, s);
}

int store_open(const char *url, struct store **out, struct buf *err)
{
	if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11))
		return store_postgres_open(url, out, err);
	return store_sqlite_open(url, out, err);
}

static void forget_failure(struct store *s)
{
	xfree(s->tx_failure);
	s->tx_failure = NULL;
	s->tx_failure_level = 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	alloc_cleanup_pop(&s->unwind);
	if (s->in_tx)
		store_rollback_all(s);
	forget_failure(s);
	sodium_memzero(s->audit_key, sizeof s->audit_key);
	s->ops->close(s);
}

const char *store_default_url(const char *flag)
{
	const char *env;
	if (flag && *flag)
		return flag;
	env = getenv("TANDEM_DB");
	if (env && *env)
		return env;
	return "tandem.db";
}

int store_exec(struct store *s, const char *sql, struct buf *err)
{
	return s->ops->exec(s, sql, err);
}

int store_flush_cache(struct store *s, struct buf *err)
{
	return s->ops->flush_cache ? s->ops->flush_cache(s, err) : 0;
}

int store_writeback(struct store *s)
{
	return s->in_tx && s->ops->writeback ? s->ops->writeback(s, 1) : 0;
}

static void writeback_end(struct store *s)
{
	if (s->ops->writeback)
		s->ops->writeback(s, 0);
}

int store_prepare(struct store *s, const char *sql, struct stmt **out, struct buf *err)
{
	return s->ops->prepare(s, sql, out, err);
}

/* A transaction inside a transaction is a savepoint: its commit keeps its
 * changes for the outer one to commit or roll back, its rollback undoes
 * only its own. Both backends allow a savepoint's name to be used again
 * (the newest one of that name is meant). */
int store_begin(struct store *s, struct buf *err)
{
	int rc;
	if (s->in_tx) {
		rc = store_exec(s, "SAVEPOINT tandem_nested", err);
		if (!rc)
			s->in_tx++;
		return rc;
	}
	rc = store_exec(s, s->ops->kind == STORE_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", err);
	if (!rc)
		s->in_tx = 1;
	return rc;
}

/* A transaction in which a statement failed is not committed, whether or
 * not its caller noticed the failure: PostgreSQL's rule, kept on SQLite
 * too, so that an error swallowed somewhere (a lookup that failed for want
 * of memory, read as "not found") can never commit half an import. A
 * savepoint rolled back takes its own failures with it. */
int store_commit(struct store *s, struct buf *err)
{
	int rc;
	if (s->in_tx > 1) {
		rc = store_exec(s, "RELEASE SAVEPOINT tandem_nested", err);
		s->in_tx--;
		if (s->tx_failure && s->tx_failure_level > s->in_tx)
			s->tx_failure_level = s->in_tx;
		return rc;
	}
	if (s->tx_failure) {
		buf_addf(err, "%s: not committed: a statement in the transaction failed: %s",
			 s->location, s->tx_failure);
		store_rollback(s);
		return -1;
	}
	rc = store_exec(s, "COMMIT", err);
	s->in_tx = 0;
	writeback_end(s);
	return rc;
}

int store_rollback(struct store *s)
{
	struct buf err = BUF_INIT;
	int rc = store_exec(s, s->in_tx > 1 ? "ROLLBACK TO SAVEPOINT tandem_nested;"
			    " RELEASE SAVEPOINT tandem_nested" : "ROLLBACK", &err);
	buf_release(&err);
	if (s->tx_failure && s->tx_failure_level >= s->in_tx)
		forget_failure(s);
	if (s->in_tx > 1) {
		s->in_tx--;
	} else {
		s->in_tx = 0;
		writeback_end(s);
	}
	return rc;
}

int store_rollback_all(struct store *s)
{
	if (!s->in_tx)
		return 0;
	s->in_tx = 1;
	return store_rollback(s);
}

int stmt_bind_text(struct stmt *st, int idx, const char *s, size_t len)
{
	return OPS(st)->bind_text(st, idx, s, len);
}

int stmt_bind_str(struct stmt *st, int idx, const char *s)
{
	if (!s)
		return stmt_bind_null(st, idx);
	return stmt_bind_text(st, idx, s, strlen(s));
}

int stmt_bind_int64(struct stmt *st, int idx, int64_t v)
{
	return OPS(st)->bind_int64(st, idx, v);
}

int stmt_bind_null(struct stmt *st, int idx)
{
	return OPS(st)->bind_null(st, idx);
}

int stmt_bind_blob(struct stmt *st, int idx, const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = data;
	struct buf text = BUF_INIT;
	int rc;
	if (OPS(st)->bind_blob)
		return OPS(st)->bind_blob(st, idx, data, len);
	buf_adds(&text, "\\x");
	for (size_t i = 0; i < len; i++) {
		buf_addc(&text, hex[p[i] >> 4]);
		buf_addc(&text, hex[p[i] & 15]);
	}
	rc = stmt_bind_text(st, idx, text.data, text.len);
	buf_release(&text);
	return rc;
}

const unsigned char *stmt_blob(struct stmt *st, int col, size_t *len)
{
	return OPS(st)->column_blob(st, col, len);
}

int stmt_step(struct stmt *st)
{
	struct store *s = ((struct stmt_head *)st)->store;
	int rc = s->ops->step(st);
	if (rc == STORE_ERROR && s->in_tx && !s->tx_failure) {
		s->tx_failure = xstrdup(stmt_error(st));
		s->tx_failure_level = s->in_tx;
	}
	return rc;
}
int stmt_reset(struct stmt *st) { return OPS(st)->reset(st); }

void stmt_finalize(struct stmt *st)
{
	if (st)
		OPS(st)->finalize(st);
}

int stmt_column_count(struct stmt *st) { return OPS(st)->column_count(st); }
int stmt_is_null(struct stmt *st, int col) { return OPS(st)->column_is_null(st, col); }

const char *stmt_text(struct stmt *st, int col, size_t *len)
{
	return OPS(st)->column_text(st, col, len);
}

char *stmt_text_dup(struct stmt *st, int col)
{
	return stmt_is_null(st, col) ? NULL : xstrdup(stmt_text(st, col, NULL));
}

int64_t stmt_int64(struct stmt *st, int col) { return OPS(st)->column_int64(st, col); }
int64_t stmt_changes(struct stmt *st) { return OPS(st)->changes(st); }
const char *stmt_error(struct stmt *st) { return OPS(st)->stmt_error(st); }

int store_run(struct store *s, struct buf *err, const char *sql, int n,
	      const char *const *params)
{
	struct stmt *st;
	int rc;
	if (store_prepare(s, sql, &st, err))
		return -1;
	for (int i = 0; i < n; i++)
		stmt_bind_str(st, i + 1, params[i]);
	while ((rc = stmt_step(st)) == STORE_ROW)
		;
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

int store_query_int64(struct store *s, const char *sql, int64_t dflt, int64_t *out,
		      struct buf *err)
{
	struct stmt *st;
	int rc;
	if (store_prepare(s, sql, &st, err))
		return -1;
	*out = dflt;
	rc = stmt_step(st);
	if (rc == STORE_ROW && !stmt_is_null(st, 0))
		*out = stmt_int64(st, 0);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}
