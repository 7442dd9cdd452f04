/* SPDX-License-Identifier: MIT */
/* The HTTP server: libmicrohttpd with a pool of worker threads, a pool of
 * store connections (one connection is used by one request at a time),
 * size caps on everything read from the network, an access log line per
 * request on stderr, security headers on every answer and a graceful stop
 * on SIGINT/SIGTERM. Each request's struct request and its arena are freed
 * when libmicrohttpd reports the request completed. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "base/dynlib.h"
#include "store/version.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

/* libmicrohttpd is loaded by web_serve, not at start: it links a dozen
 * libraries (GnuTLS and what that needs) that no other command uses.
 * microhttpd.h still gives the types, the constants and, through these
 * pointers, the prototypes. */
#define LIBMICROHTTPD_FUNCTIONS(X) \
	X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
	X(MHD_destroy_response) X(MHD_get_connection_info) X(MHD_get_connection_values) \
	X(MHD_get_daemon_info) X(MHD_lookup_connection_value) X(MHD_queue_response) \
	X(MHD_quiesce_daemon) X(MHD_start_daemon) X(MHD_stop_daemon)

static struct libmicrohttpd_functions {
	LIBMICROHTTPD_FUNCTIONS(DYNLIB_POINTER)
} mhd;

#define LIBMICROHTTPD_SYMBOL(function) DYNLIB_SYMBOL(struct libmicrohttpd_functions, function),
static const struct dynlib_symbol libmicrohttpd_symbols[] = {
	LIBMICROHTTPD_FUNCTIONS(LIBMICROHTTPD_SYMBOL)
};

static struct dynlib libmicrohttpd = {
	"libmicrohttpd.so.12", "TANDEM_LIBMICROHTTPD", libmicrohttpd_symbols,
	sizeof libmicrohttpd_symbols / sizeof libmicrohttpd_symbols[0], &mhd, 0,
};

void web_config_default(struct web_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->host = "127.0.0.1";
	cfg->time_zone = NULL;        /* Asia/Seoul, or UTC without the tz database */
	cfg->port = 8080;
	cfg->threads = 4;
	cfg->session_ttl = 8 * 3600;
	cfg->max_failures = 5;
	cfg->lockout_seconds = 15 * 60;
	cfg->addr_max_failures = 20;
	cfg->addr_window_seconds = 15 * 60;
	cfg->max_body = 64 * 1024;
	cfg->max_upload = 8 * 1024 * 1024;
	cfg->max_connections = 256;
	cfg->timeout_seconds = 30;
	cfg->header_timeout = 10;
	cfg->body_timeout = 60;
	cfg->session_cache_ms = 2000;
	cfg->max_sessions = 10;
	cfg->per_ip_connections = 32;
}

static void conn_close(struct web_conn *c)
{
	if (!c)
		return;
	stmt_finalize(c->version);
	store_close(c->store);
	xfree(c);
}

struct web_conn *web_conn_acquire(struct web_server *srv, struct buf *err)
{
	struct web_conn *c = NULL;
	pthread_mutex_lock(&srv->pool_lock);
	if (srv->n_pool)
		c = srv->pool[--srv->n_pool];
	pthread_mutex_unlock(&srv->pool_lock);
	if (c)
		return c;
	c = xcalloc(1, sizeof *c);
	if (store_open(srv->cfg.db_url, &c->store, err)) {
		xfree(c);
		return NULL;
	}
	return c;
}

void web_conn_release(struct web_server *srv, struct web_conn *c)
{
	if (!c)
		return;
	store_rollback_all(c->store);
	/* A connection that failed as a connection is not handed out again. */
	if (c->store->unavailable) {
		conn_close(c);
		return;
	}
	pthread_mutex_lock(&srv->pool_lock);
	if (srv->n_pool < STORE_POOL_MAX) {
		srv->pool[srv->n_pool++] = c;
		c = NULL;
	}
	pthread_mutex_unlock(&srv->pool_lock);
	conn_close(c);
}

/* Reads both versions of store/version.h once per request. */
int web_data_version(struct request *req, int64_t *out, struct buf *err)
{
	struct web_conn *c = req->conn;
	int step;
	if (req->have_data_version) {
		*out = req->data_version;
		return 0;
	}
	/* Kept prepared on the connection: this runs on nearly every request. */
	if (!c->version && store_prepare(c->store, store_versions_sql, &c->version, err))
		return -1;
	step = stmt_step(c->version);
	if (step != STORE_ROW) {
		buf_addf(err, "cannot read the data version: %s",
			 step == STORE_ERROR ? stmt_error(c->version) : "no row");
		stmt_finalize(c->version);
		c->version = NULL;
		return -1;
	}
	req->data_version = stmt_int64(c->version, 0);
	req->sessions_version = stmt_int64(c->version, 1);
	req->have_data_version = 1;
	/* Reset at once, so no read transaction stays open between requests. */
	stmt_reset(c->version);
	*out = req->data_version;
	return 0;
}

/* The path is kept as sent (see unescape_none); segments are decoded here.
 * Returns -1 for a path that cannot be a resource of ours. */
int http_split_path(struct request *req, const char *url)
{
	size_t n = 0, len = strlen(url);
	if (url[0] != '/' || len > 2048)
		return -1;
	for (size_t i = 0; i < len; i++)
		n += url[i] == '/';
	req->segs = arena_alloc(&req->arena, (n + 1) * sizeof *req->segs);
	req->n_segs = 0;
	const char *p = url + 1;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t l = slash ? (size_t)(slash - p) : strlen(p);
		if (l || slash) {
			char *seg = arena_strndup(&req->arena, p, l);
			size_t dl = http_unescape(seg, l, 0);
			if (dl != strlen(seg))
				return -1;          /* a NUL byte inside a segment */
			if (l || (slash && slash[1]))
				req->segs[req->n_segs++] = seg;
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	return 0;
}

static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct request *req = cls;
	(void)kind;
	if (req->n_query >= 256)
		return MHD_NO;
	char *k = arena_strdup(&req->arena, key);
	char *v = arena_strdup(&req->arena, value ? value : "");
	http_unescape(k, strlen(k), 0);
	size_t vl = http_unescape(v, strlen(v), 0);
	struct param *np = arena_alloc(&req->arena, (req->n_query + 1) * sizeof *np);
	if (req->n_query)
		memcpy(np, req->query, req->n_query * sizeof *np);
	np[req->n_query].name = k;
	np[req->n_query].value = v;
	np[req->n_query].len = vl;
	np[req->n_query].filename = NULL;
	req->query = np;
	req->n_query++;
	return MHD_YES;
}

static enum http_method method_of(const char *m)
{
	static const struct { const char *name; enum http_method m; } methods[] = {
		{ "DELETE", HTTP_DELETE }, { "GET", HTTP_GET }, { "HEAD", HTTP_HEAD },
		{ "POST", HTTP_POST }, { "PUT", HTTP_PUT },
	};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (!strcmp(methods[i].name, m))
			return methods[i].m;
	return 0;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Behind a proxy every request comes from the proxy's address. Only when
 * it does (the --trusted-proxy address) is X-Forwarded-For believed, and
 * then only its last entry, the one that proxy appended: the entries before
 * it are whatever the client sent. A malformed entry leaves the proxy's
 * address, so a client cannot pick an address to hide behind. */
static void forwarded_client(struct web_server *srv, struct MHD_Connection *c, struct request *req)
{
	const char *proxy = srv->cfg.trusted_proxy, *xff, *last;
	unsigned char bin[sizeof(struct in6_addr)];
	char addr[64];
	size_t len;
	if (!proxy || strcmp(req->remote, proxy) || !(xff = header(c, "X-Forwarded-For")))
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	len = strcspn(last, " \t");
	if (!len || len >= sizeof addr || last[len + strspn(last + len, " \t")] != '\0')
		return;
	memcpy(addr, last, len);
	addr[len] = '\0';
	if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1)
		return;
	snprintf(req->remote, sizeof req->remote, "%s", addr);
}

/* --- request deadlines --------------------------------------------------
 * libmicrohttpd (0.9.75) has only an idle timeout, reset by every byte
 * read: a client that sends one header byte every few seconds keeps its
 * connection for as long as it likes. So every connection is watched from
 * the moment libmicrohttpd reports it started: its request's headers must
 * arrive within cfg.header_timeout seconds (the first call of on_request
 * says they have), then its body within cfg.body_timeout seconds more (the
 * last call says it has). While the request is handled and answered there
 * is no deadline; a client that stops reading is left to the idle timeout.
 * When a request completes, the next one on the same keep-alive connection
 * starts its own header clock, so keep-alive idle time counts against it.
 *
 * A watchdog thread shuts down (never closes) the socket of a connection
 * past its deadline: libmicrohttpd then reads the end of the stream, closes
 * the connection itself and reports it closed, as it does for a client that
 * hangs up. It reports that before it closes the descriptor
 * (MHD_cleanup_connections calls the notification, then close), and the
 * notification frees the connection's slot under the lock the watchdog
 * holds while it shuts sockets down; so the watchdog never touches a
 * descriptor that was closed, or closed and reused. Nothing else ever
 * blocks on that lock for longer than a walk of the table. */

struct watched {
	struct watchdog *dog;
	int fd;                       /* -1: a free slot */
	int cut;                      /* shut down by the watchdog */
	uint64_t deadline_us;         /* http_now_us() time; 0: none */
};

struct watchdog {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int started, stop;
	uint64_t header_us, body_us;
	uint64_t next_wake_us;        /* the watchdog sleeps until then; 0: until woken */
	size_t n_slots;
	struct watched *slots;        /* one per connection libmicrohttpd may hold */
};

static void *watchdog_main(void *arg)
{
	struct watchdog *dog = arg;
	pthread_mutex_lock(&dog->lock);
	while (!dog->stop) {
		uint64_t now = http_now_us(), next = 0;
		for (size_t i = 0; i < dog->n_slots; i++) {
			struct watched *w = &dog->slots[i];
			if (w->fd < 0 || !w->deadline_us)
				continue;
			if (w->deadline_us <= now) {
				shutdown(w->fd, SHUT_RDWR);
				w->deadline_us = 0;
				w->cut = 1;
			} else if (!next || w->deadline_us < next) {
				next = w->deadline_us;
			}
		}
		dog->next_wake_us = next;
		if (!next) {
			pthread_cond_wait(&dog->wake, &dog->lock);
		} else {
			struct timespec at = { (time_t)(next / 1000000u), (long)(next % 1000000u) * 1000 };
			pthread_cond_timedwait(&dog->wake, &dog->lock, &at);
		}
	}
	pthread_mutex_unlock(&dog->lock);
	return NULL;
}

enum watch_phase { WATCH_HEADERS, WATCH_BODY, WATCH_NONE };

/* With dog->lock held. */
static void arm_locked(struct watched *w, enum watch_phase phase)
{
	struct watchdog *dog = w->dog;
	uint64_t timeout_us = phase == WATCH_HEADERS ? dog->header_us
		: phase == WATCH_BODY ? dog->body_us : 0;
	if (w->cut)
		return;
	w->deadline_us = timeout_us ? http_now_us() + timeout_us : 0;
	if (w->deadline_us && (!dog->next_wake_us || w->deadline_us < dog->next_wake_us))
		pthread_cond_signal(&dog->wake);
}

/* Starts the clock of the connection's next phase. Returns whether the
 * watchdog had cut the connection off. */
static int watch(struct MHD_Connection *c, enum watch_phase phase)
{
	const union MHD_ConnectionInfo *ci =
		mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct watched *w = ci ? ci->socket_context : NULL;
	int cut;
	if (!w)
		return 0;
	pthread_mutex_lock(&w->dog->lock);
	cut = w->cut;
	arm_locked(w, phase);
	pthread_mutex_unlock(&w->dog->lock);
	return cut;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct watchdog *dog = cls;
	struct watched *w = *socket_context;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci)
			return;
		pthread_mutex_lock(&dog->lock);
		for (size_t i = 0; i < dog->n_slots && !w; i++)
			if (dog->slots[i].fd < 0)
				w = &dog->slots[i];
		if (w) {
			w->fd = ci->connect_fd;
			w->cut = 0;
			arm_locked(w, WATCH_HEADERS);
		} else {
			/* More connections than libmicrohttpd's limit allows:
			 * cannot happen; refuse the connection rather than
			 * leave it without a deadline. */
			shutdown(ci->connect_fd, SHUT_RDWR);
		}
		pthread_mutex_unlock(&dog->lock);
		*socket_context = w;
	} else if (w) {
		pthread_mutex_lock(&dog->lock);
		w->fd = -1;
		w->deadline_us = 0;
		pthread_mutex_unlock(&dog->lock);
		*socket_context = NULL;
	}
}

/* Starts the watchdog of one server; 0, or -1 with err. */
static int watchdog_start(struct watchdog *dog, const struct web_config *cfg, struct buf *err)
{
	pthread_condattr_t attr;
	int rc;
	memset(dog, 0, sizeof *dog);
	dog->header_us = (uint64_t)cfg->header_timeout * 1000000u;
	dog->body_us = (uint64_t)cfg->body_timeout * 1000000u;
	dog->n_slots = (size_t)cfg->max_connections;
	/* calloc(3), not xcalloc: the table is shared with the server's
	 * threads, and it is freed with free(3) by watchdog_stop. */
	dog->slots = calloc(dog->n_slots, sizeof *dog->slots);
	if (!dog->slots) {
		buf_addf(err, "cannot start the request deadlines: out of memory");
		return -1;
	}
	for (size_t i = 0; i < dog->n_slots; i++) {
		dog->slots[i].dog = dog;
		dog->slots[i].fd = -1;
	}
	pthread_mutex_init(&dog->lock, NULL);
	/* Deadlines are on the monotonic clock (http_now_us), so is the wait. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&dog->wake, &attr);
	pthread_condattr_destroy(&attr);
	rc = pthread_create(&dog->thread, NULL, watchdog_main, dog);
	if (rc) {
		buf_addf(err, "cannot start the request deadlines: %s", strerror(rc));
		return -1;
	}
	dog->started = 1;
	return 0;
}

/* After the daemon has stopped (every connection reported closed). */
static void watchdog_stop(struct watchdog *dog)
{
	if (dog->started) {
		pthread_mutex_lock(&dog->lock);
		dog->stop = 1;
		pthread_cond_signal(&dog->wake);
		pthread_mutex_unlock(&dog->lock);
		pthread_join(dog->thread, NULL);
	}
	if (dog->slots) {
		pthread_cond_destroy(&dog->wake);
		pthread_mutex_destroy(&dog->lock);
	}
	free(dog->slots);
	dog->slots = NULL;
}

struct request_state {
	struct request req;
	int status;
	size_t bytes;
	int answered;
	const char *user;
};

static enum MHD_Result send_response(struct MHD_Connection *c, struct request_state *rs,
				     struct response *res)
{
	size_t len;
	struct request *req = &rs->req;
	char *body = buf_detach(&res->body, &len);
	struct MHD_Response *r =
		mhd.MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ok;
	if (!r) {
		xfree(body);
		return MHD_NO;
	}
	mhd.MHD_add_response_header(r, "Content-Type",
				    res->content_type ? res->content_type : "text/html; charset=utf-8");
	mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
	mhd.MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	mhd.MHD_add_response_header(r, "Content-Security-Policy",
				    "default-src 'self'; script-src 'self'; style-src 'self';"
				    " img-src 'self' data:; form-action 'self'; frame-ancestors 'none';"
				    " base-uri 'none'");
	if (!req->route || !(req->route->flags & ROUTE_PUBLIC) || req->route->flags & ROUTE_NO_CSRF)
		mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
	for (size_t i = 0; i < res->n_headers; i++)
		mhd.MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	rs->status = res->status;
	rs->bytes = len;
	rs->answered = 1;
	ok = mhd.MHD_queue_response(c, (unsigned)res->status, r);
	mhd.MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result too_large(struct MHD_Connection *c, struct request_state *rs)
{
	struct response res = { 413, BUF_INIT, NULL, { { 0 } }, 0 };
	rs->req.too_big = 1;
	if (rs->req.route && rs->req.route->flags & ROUTE_API)
		http_json_error(&res, 413, NULL, "request body too large (at most %zu bytes)",
				rs->req.body_cap);
	else {
		res.content_type = "text/plain; charset=utf-8";
		buf_addf(&res.body, "request body too large (at most %zu bytes)\n", rs->req.body_cap);
	}
	return send_response(c, rs, &res);
}

static void parse_form(struct request *req)
{
	const char *ct = req->content_type;
	if (!ct || !req->body.len)
		return;
	if (!strncasecmp(ct, "application/x-www-form-urlencoded", 33))
		http_parse_urlencoded(&req->arena, req->body.data, req->body.len, &req->form,
				      &req->n_form);
	else if (!strncasecmp(ct, "multipart/form-data", 19) &&
		 http_parse_multipart(&req->arena, ct, req->body.data, req->body.len, &req->form,
				      &req->n_form))
		req->n_form = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct web_server *srv = cls;
	struct request_state *rs = *con_cls;
	(void)version;

	if (!rs) {
		watch(c, WATCH_BODY);       /* the headers are in */
		rs = xcalloc(1, sizeof *rs);
		*con_cls = rs;
		struct request *req = &rs->req;
		req->srv = srv;
		req->started_us = http_now_us();
		req->body = (struct buf)BUF_INIT;
		req->method = method_of(method);
		req->method_text = arena_strdup(&req->arena, method);
		req->path = arena_strdup(&req->arena, url);
		const union MHD_ConnectionInfo *ci =
			mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
					  req->remote, sizeof req->remote);
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
					  req->remote, sizeof req->remote);
		}
		if (!req->remote[0])
			snprintf(req->remote, sizeof req->remote, "-");
		forwarded_client(srv, c, req);
		int known = 0;
		if (http_split_path(req, url) == 0 && req->method) {
			enum http_method m = req->method == HTTP_HEAD ? HTTP_GET : req->method;
			req->route = web_route_find((const char *const *)req->segs, req->n_segs, m, &known);
		}
		req->body_cap = req->route && req->route->flags & ROUTE_UPLOAD
			? srv->cfg.max_upload : srv->cfg.max_body;
		const char *cl = header(c, "Content-Length");
		if (cl) {
			char *end;
			unsigned long long v = strtoull(cl, &end, 10);
			if (*end || v > req->body_cap)
				return too_large(c, rs);
		}
		return MHD_YES;
	}
	if (!*upload_data_size)
		watch(c, WATCH_NONE);       /* the last call: the body is in */
	if (rs->answered) {
		*upload_data_size = 0;   /* discard what follows a refusal */
		return MHD_YES;
	}
	if (*upload_data_size) {
		struct request *req = &rs->req;
		/* Past the cap the rest is read and dropped, then refused. */
		if (req->too_big || req->body.len + *upload_data_size > req->body_cap) {
			req->too_big = 1;
			buf_release(&req->body);
		} else {
			buf_add(&req->body, upload_data, *upload_data_size);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rs->req.too_big)
		return too_large(c, rs);

	struct request *req = &rs->req;
	struct response res = { 200, BUF_INIT, NULL, { { 0 } }, 0 };
	struct buf err = BUF_INIT;
	req->content_type = header(c, "Content-Type");
	req->cookie_header = header(c, "Cookie");
	req->csrf_header = header(c, "X-CSRF-Token");
	req->accept_language = header(c, "Accept-Language");
	mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, req);
	parse_form(req);
	req->conn = web_conn_acquire(srv, &err);
	req->store = req->conn ? req->conn->store : NULL;
	if (!req->store) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		web_store_unavailable(req, &res);
	} else {
		web_dispatch(req, &res);
	}
	web_conn_release(srv, req->conn);
	req->conn = NULL;
	req->store = NULL;
	if (req->logged_in)
		rs->user = arena_strdup(&req->arena, req->session.user.name);
	buf_release(&err);
	enum MHD_Result ok = send_response(c, rs, &res);
	buf_release(&res.body);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct web_server *srv = cls;
	struct request_state *rs = *con_cls;
	(void)toe;
	/* A keep-alive connection's next request starts its header clock. */
	int cut = watch(c, WATCH_HEADERS);
	if (!rs)
		return;
	struct request *req = &rs->req;
	if (!srv->cfg.quiet) {
		char at[21];
		clock_now_iso(at);
		/* The path is logged as sent: it is percent-encoded, so it holds
		 * no spaces or control characters that could forge a log line. */
		fprintf(stderr, "%s %s %s \"%s %.200s\" %d %zu %.1fms\n", at, req->remote,
			rs->user ? rs->user : "-", req->method_text ? req->method_text : "-",
			req->path ? req->path : "-",
			rs->status ? rs->status : cut ? 408 : 0,  /* 408: its body came too slowly */
			rs->bytes,
			(double)(http_now_us() - req->started_us) / 1000.0);
	}
	if (req->logged_in)
		session_release(&req->session);
	buf_release(&req->body);
	arena_release(&req->arena);
	xfree(rs);
	*con_cls = NULL;
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	/* One line, whole: the workers log at once when the deadlines cut
	 * many slow connections off together. */
	flockfile(stderr);
	fputs("tandem serve: ", stderr);
	vfprintf(stderr, fmt, ap);
	funlockfile(stderr);
}

int web_serve(const struct web_config *cfg, struct buf *err)
{
	struct web_server *srv = xcalloc(1, sizeof *srv);
	struct MHD_Daemon *d = NULL;
	struct watchdog dog;
	struct sockaddr_in addr;
	struct buf why = BUF_INIT;
	sigset_t sigs;
	int rc = -1, sig;

	memset(&dog, 0, sizeof dog);
	if (dynlib_load(&libmicrohttpd, &why)) {
		buf_addf(err, "cannot start the web server: %s", why.data);
		goto out;
	}
	srv->cfg = *cfg;
	if (feed_tz_init(&srv->tz, cfg->time_zone ? cfg->time_zone : "Asia/Seoul", &why)) {
		if (cfg->time_zone) {
			buf_addf(err, "--time-zone: %s", why.data);
			goto out;
		}
		/* the default on a machine without the tz database: UTC, said */
		fprintf(stderr, "tandem serve: no time zone data for Asia/Seoul (install tzdata); pages show UTC\n");
		buf_reset(&why);
		feed_tz_init(&srv->tz, "UTC", &why);
	}
	pthread_mutex_init(&srv->pool_lock, NULL);
	pthread_mutex_init(&srv->write_lock, NULL);
	pthread_mutex_init(&srv->addr_lock, NULL);
	pthread_mutex_init(&srv->hash_lock, NULL);
	srv->hash_limit = web_hash_limit(cfg->threads);
	web_sessions_cache_init(srv);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
		buf_addf(err, "cannot listen on '%s': not an IPv4 address", cfg->host);
		goto out;
	}
	/* The workers inherit this mask, so the signals reach sigwait() below. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (watchdog_start(&dog, cfg, err) || web_jobs_start(srv, err))
		goto out;

	d = mhd.MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
				 MHD_USE_ERROR_LOG,
				 0, NULL, NULL, on_request, srv,
				 MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
				 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				 MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
				 MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
				 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connections,
				 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds,
				 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
				 MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL,
				 MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
				 MHD_OPTION_NOTIFY_CONNECTION, on_connection, &dog,
				 MHD_OPTION_END);
	if (!d) {
		buf_addf(err, "cannot listen on %s:%d: %s", cfg->host, cfg->port, strerror(errno));
		goto out;
	}
	const union MHD_DaemonInfo *di = mhd.MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://%s:%u\n", cfg->host, di ? (unsigned)di->port : (unsigned)cfg->port);
	fflush(stdout);
	for (;;) {
		if (sigwait(&sigs, &sig) == 0 && (sig == SIGINT || sig == SIGTERM))
			break;
	}
	fprintf(stderr, "tandem serve: stopping (signal %d)\n", sig);
	/* Stop accepting, let the requests in progress finish, then stop. */
	mhd.MHD_quiesce_daemon(d);
	mhd.MHD_stop_daemon(d);
	rc = 0;
out:
	web_jobs_stop(srv);
	watchdog_stop(&dog);
	for (size_t i = 0; i < srv->n_pool; i++)
		conn_close(srv->pool[i]);
	web_scores_cache_free(srv);
	web_sessions_cache_free(srv);
	pthread_mutex_destroy(&srv->pool_lock);
	pthread_mutex_destroy(&srv->write_lock);
	pthread_mutex_destroy(&srv->addr_lock);
	pthread_mutex_destroy(&srv->hash_lock);
	xfree(srv);
	buf_release(&why);
	return rc;
}
