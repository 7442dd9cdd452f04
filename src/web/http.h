/* SPDX-License-Identifier: MIT */
/* The web module's request and response, shared by the server, the router
 * and the handlers. A request owns an arena: every string parsed from the
 * network (path segments, query and form fields, uploads) lives in it and
 * dies with the request, so handlers never free what they read. A response
 * owns its body buffer until the server hands it to libmicrohttpd. */
#ifndef TANDEM_WEB_HTTP_H
#define TANDEM_WEB_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "domain/schema.h"
#include "store/store.h"
#include "store/users.h"

/* --- arena ---------------------------------------------------------------- */

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;              /* bytes handed out, for the size cap */
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

/* --- requests --------------------------------------------------------------- */

enum http_method { HTTP_GET = 1, HTTP_POST = 2, HTTP_PUT = 4, HTTP_DELETE = 8, HTTP_HEAD = 16 };

struct param {
	const char *name;
	const char *value;        /* NUL-terminated; may hold NULs before len */
	size_t len;
	const char *filename;     /* multipart file parts only, else NULL */
};

struct web_server;
struct actor_name;
struct web_conn;
struct route;

struct request {
	struct arena arena;
	struct web_server *srv;
	enum http_method method;
	const char *method_text;
	const char *path;                 /* as sent, still percent-encoded */
	char **segs;                      /* decoded path segments */
	size_t n_segs;
	struct param *query;
	size_t n_query;
	struct param *form;               /* urlencoded or multipart fields */
	size_t n_form;
	struct buf body;                  /* the raw body, at most body_cap bytes */
	size_t body_cap;
	int too_big;
	const char *content_type;
	const char *cookie_header;
	const char *csrf_header;
	const char *accept_language;
	const char *referer;              /* Referer and Host: the language */
	const char *host;                 /* ... switch after a POST */
	char remote[64];                  /* the peer's address, for logs and limits */

	const struct route *route;
	int logged_in;
	struct session session;
	char session_token[65];
	const char *lang;                 /* "en" or "ko" */
	int set_lang_cookie;
	struct store *store;              /* a connection of the server's pool */
	struct web_conn *conn;            /* ... and what the pool keeps with it */
	int64_t data_version;             /* the store's versions (store/version.h), */
	int64_t sessions_version;         /* ... read once */
	int have_data_version;

	/* Bound by the router for record routes. */
	const struct table *table;
	const char **key;                 /* key values, in key-column order */
	size_t n_key;
	const char *params[4];            /* the route's {name} segments, in order */
	size_t n_params;
	char **rest;                      /* the segments matched by a final '*' */
	size_t n_rest;
	char actor[96];                   /* "user:NAME" for the audit log */
	/* Bound by the router for ROUTE_YEAR routes: ?year=, else the
	 * default year (year_given 0). */
	int year;
	int year_given;
	uint64_t started_us;
	struct login_wait *login;         /* a login being hashed (auth.c), owned */
	struct actor_name *actor_names;   /* accounts' people looked up (html.c) */
};

struct header {
	const char *name, *value;
};

struct response {
	int status;
	struct buf body;
	const char *content_type;
	struct header headers[8];
	size_t n_headers;
};

/* Looks up a query / form field; NULL when absent. */
const char *http_query(const struct request *r, const char *name);
const char *http_form(const struct request *r, const char *name);
const struct param *http_form_param(const struct request *r, const char *name);
/* A cookie's value from the Cookie header (in the arena), or NULL. */
const char *http_cookie(struct request *r, const char *name);
/* Decodes %XX (and '+' as space when plus_space) in place; returns the new
 * length. Bytes that decode to NUL are kept (len tells). */
size_t http_unescape(char *s, size_t len, int plus_space);
/* Parses "a=1&b=2" into an arena array. */
void http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct param **out,
			   size_t *n);
/* Parses a multipart/form-data body. Returns 0, or -1 when malformed. */
int http_parse_multipart(struct arena *a, const char *content_type, const char *body,
			 size_t len, struct param **out, size_t *n);
/* Appends the percent-encoding of s (for URLs built from data). */
void http_url_escape(struct buf *out, const char *s);

void http_header(struct response *res, struct request *req, const char *name,
		 const char *value);
/* Sets a JSON body and status. The body takes json's storage: json is
 * left empty (its owner still releases it). */
void http_json(struct response *res, int status, struct buf *json);
/* {"error": msg, "field": field} with status. */
void http_json_error(struct response *res, int status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void http_redirect(struct response *res, struct request *req, const char *location);

/* Microseconds since some fixed point, for timing. */
uint64_t http_now_us(void);

#endif
