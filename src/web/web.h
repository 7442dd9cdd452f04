/* SPDX-License-Identifier: MIT */
/* The web application behind `tandem serve`: an HTTP server (libmicrohttpd)
 * with the JSON API under /api/v1 and server-rendered pages in Korean and
 * English. This is the module's public face; web_impl.h is its inside. */
#ifndef TANDEM_WEB_H
#define TANDEM_WEB_H

#include <stddef.h>

#include "base/buf.h"
#include "store/store.h"

struct web_config {
	const char *host;             /* "127.0.0.1" */
	int port;                     /* 0 = any free port */
	const char *db_url;           /* the store to open, one connection per worker */
	int threads;                  /* worker threads (2..16) */
	int session_ttl;              /* idle seconds before a session ends */
	int tls_proxy;                /* behind a TLS proxy: cookies get Secure */
	int max_failures;             /* bad passwords in a row before a lockout */
	int lockout_seconds;
	int addr_max_failures;        /* failed logins per address per window */
	int addr_window_seconds;
	size_t max_body;              /* bytes, ordinary requests */
	size_t max_upload;            /* bytes, imports */
	int max_connections;
	int timeout_seconds;          /* an idle connection is closed after this */
	int header_timeout;           /* seconds for a request's headers to arrive,
					 from the connection or the previous answer */
	int body_timeout;             /* seconds for its body, after the headers */
	int quiet;                    /* no access log */
	int session_cache_ms;         /* how long a looked-up session is trusted
					 without asking the store again (0: never) */
	int max_sessions;             /* sessions per account; a new one ends the
					 oldest beyond it (default 10) */
	const char *trusted_proxy;    /* the proxy's address: only a request from
					 it names the client in X-Forwarded-For */
	int per_ip_connections;       /* open connections per client address */
	const char *time_zone;        /* the zone pages show times in (tz database
					 name); NULL: Asia/Seoul, or UTC where the
					 tz database is missing */
};

/* Fills cfg with the defaults. */
void web_config_default(struct web_config *cfg);

/* Serves until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT"
 * on stdout once the socket is bound. Returns 0 after a clean stop, -1 with
 * err when the server could not start. */
int web_serve(const struct web_config *cfg, struct buf *err);

/* One demo account per role with a random password, for `tandem demo`:
 * appends "NAME ROLE PASSWORD" lines to out_passwords. */
int web_demo_users(struct store *s, struct buf *out_passwords, struct buf *err);

/* The route × role table as text (one route a line), for `tandem serve
 * --routes` and docs/security.md; markdown when md is set. */
void web_routes_text(struct buf *out, int md);

#endif
