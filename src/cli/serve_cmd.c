/* SPDX-License-Identifier: MIT */
/* tandem serve: the web application (web/web.h) on a local address. */
#include "cli/commands.h"

#include "store/audit.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_serve[] =
	"usage: tandem serve [--listen HOST:PORT] [--db PATH] [--threads N]\n"
	"                    [--session-ttl SECONDS] [--lockout SECONDS] [--tls-proxy]\n"
	"                    [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
	"                    [--trusted-proxy ADDR] [--max-sessions N]\n"
	"                    [--per-ip-connections N] [--time-zone ZONE]\n"
	"                    [--quiet] [--routes | --routes-md]\n"
	"\n"
	"Serves the JSON API (/api/v1, described at /api/v1/openapi.json) and the\n"
	"web pages in Korean and English. Log in with an account made by\n"
	"'tandem user add'. The server stops cleanly on SIGINT or SIGTERM.\n"
	"\n"
	"  --listen HOST:PORT  the address (default 127.0.0.1:8080); port 0 picks a\n"
	"                      free port; the URL is printed as 'listening on URL'\n"
	"  --threads N         worker threads, 1 to 16 (default 4)\n"
	"  --session-ttl S     a session ends after S idle seconds (default 28800)\n"
	"  --lockout S         an account is locked for S seconds after 5 bad\n"
	"                      passwords in a row (default 900); a locked account is\n"
	"                      answered exactly as a wrong password is. 20 failed\n"
	"                      logins from one address in 15 minutes block it for the\n"
	"                      rest of them; a success does not reset that count\n"
	"  --tls-proxy         the server is behind a TLS-terminating proxy:\n"
	"                      cookies are marked Secure\n"
	"  --header-timeout S  a request's headers must arrive within S seconds\n"
	"                      (default 10), counted from the connection or, on a\n"
	"                      kept-alive one, from the previous answer; a slower\n"
	"                      client is disconnected\n"
	"  --body-timeout S    its body, within S seconds after them (default 60)\n"
	"  --trusted-proxy A   the reverse proxy's address (e.g. 127.0.0.1): a request\n"
	"                      from it is taken to come from the last address of its\n"
	"                      X-Forwarded-For header, for the login limits and the\n"
	"                      log; from anywhere else the header is ignored\n"
	"  --max-sessions N    sessions per account, 1 to 1000 (default 10): a new\n"
	"                      login ends the account's oldest beyond it\n"
	"  --per-ip-connections N  open connections per client address, 1 to 1024\n"
	"                      (default 32; behind a proxy every client shares its\n"
	"                      address, so raise it there)\n"
	"  --time-zone ZONE    the zone pages show times in, a tz database name\n"
	"                      (default Asia/Seoul); the audit log is kept in UTC\n"
	"  --quiet             no access log on stderr\n"
	"  --routes            print the route x role table and exit\n"
	"  --routes-md         the same, as markdown (`tandem policy` prints who may\n"
	"                      change which records)\n"
	"\n"
	"Limits: 64 KiB request bodies (8 MiB for imports), 16 KiB of headers,\n"
	"256 connections, 30 s idle timeout (it also ends an answer the client\n"
	"stops reading). TANDEM_FAST_HASH=1 makes password hashing cheap; it is\n"
	"for tests only.\n"
	"\n"
	"Limits on reading an uploaded XLSX workbook:\n"
	CLI_LIMITS_HELP;

static int number(const char *v, long min, long max, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

int cmd_serve(int argc, char **argv, struct cli *cli)
{
	struct web_config cfg;
	struct buf err = BUF_INIT, host = BUF_INIT;
	struct store *s = NULL;
	int rc;

	web_config_default(&cfg);
	if (cli_limits_env("serve")) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		long n;
		int r;
		if (cli_help(argv[i], cli_find("serve"))) {
			rc = EXIT_OK;
			goto out;
		}
		if ((r = cli_common_opt(argc, argv, &i, cli)) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if ((r = cli_limit_opt(argc, argv, &i, "serve")) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if ((r = cli_opt(argc, argv, &i, "--listen", &v)) != 0) {
			const char *colon = r > 0 ? strrchr(v, ':') : NULL;
			if (!colon || colon == v || number(colon + 1, 0, 65535, &n)) {
				rc = r < 0 ? EXIT_USAGE : cli_usage_error("serve", "--listen takes HOST:PORT");
				goto out;
			}
			buf_reset(&host);
			buf_add(&host, v, (size_t)(colon - v));
			cfg.port = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--time-zone", &v)) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
			cfg.time_zone = v;
		} else if ((r = cli_opt(argc, argv, &i, "--threads", &v)) != 0) {
			if (r < 0 || number(v, 1, 16, &n)) {
				rc = r < 0 ? EXIT_USAGE : cli_usage_error("serve", "--threads takes 1 to 16");
				goto out;
			}
			cfg.threads = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--session-ttl", &v)) != 0) {
			if (r < 0 || number(v, 1, 30L * 24 * 3600, &n)) {
				rc = r < 0 ? EXIT_USAGE : cli_usage_error("serve", "--session-ttl takes seconds");
				goto out;
			}
			cfg.session_ttl = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--lockout", &v)) != 0) {
			if (r < 0 || number(v, 1, 24L * 3600, &n)) {
				rc = r < 0 ? EXIT_USAGE : cli_usage_error("serve", "--lockout takes seconds");
				goto out;
			}
			cfg.lockout_seconds = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--header-timeout", &v)) != 0) {
			if (r < 0 || number(v, 1, 3600, &n)) {
				rc = r < 0 ? EXIT_USAGE
					: cli_usage_error("serve", "--header-timeout takes 1 to 3600 seconds");
				goto out;
			}
			cfg.header_timeout = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--body-timeout", &v)) != 0) {
			if (r < 0 || number(v, 1, 24L * 3600, &n)) {
				rc = r < 0 ? EXIT_USAGE
					: cli_usage_error("serve", "--body-timeout takes 1 to 86400 seconds");
				goto out;
			}
			cfg.body_timeout = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--trusted-proxy", &v)) != 0) {
			unsigned char bin[sizeof(struct in6_addr)];
			if (r < 0 || (inet_pton(AF_INET, v, bin) != 1 && inet_pton(AF_INET6, v, bin) != 1)) {
				rc = r < 0 ? EXIT_USAGE
					: cli_usage_error("serve", "--trusted-proxy takes an IP address, not '%s'", v);
				goto out;
			}
			cfg.trusted_proxy = v;
		} else if ((r = cli_opt(argc, argv, &i, "--max-sessions", &v)) != 0) {
			if (r < 0 || number(v, 1, 1000, &n)) {
				rc = r < 0 ? EXIT_USAGE : cli_usage_error("serve", "--max-sessions takes 1 to 1000");
				goto out;
			}
			cfg.max_sessions = (int)n;
		} else if ((r = cli_opt(argc, argv, &i, "--per-ip-connections", &v)) != 0) {
			if (r < 0 || number(v, 1, 1024, &n)) {
				rc = r < 0 ? EXIT_USAGE
					: cli_usage_error("serve", "--per-ip-connections takes 1 to 1024");
				goto out;
			}
			cfg.per_ip_connections = (int)n;
		} else if (!strcmp(argv[i], "--tls-proxy")) {
			cfg.tls_proxy = 1;
		} else if (!strcmp(argv[i], "--quiet")) {
			cfg.quiet = 1;
		} else if (!strcmp(argv[i], "--routes") || !strcmp(argv[i], "--routes-md")) {
			struct buf out = BUF_INIT;
			int md = !strcmp(argv[i], "--routes-md");
			web_routes_text(&out, md);
			fputs(out.data, stdout);
			buf_release(&out);
			rc = EXIT_OK;
			goto out;
		} else {
			rc = cli_usage_error("serve", "unknown argument '%s'", argv[i]);
			goto out;
		}
	}
	if (host.len)
		cfg.host = host.data;
	/* Open once here, so that a missing or old store is reported before
	 * the server starts; the workers open their own connections. */
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	/* Every write appends to the audit log: without its key, none could. */
	if (audit_key_check(s, &err)) {
		cli_error("refusing to serve: %s", err.data);
		store_close(s);
		rc = EXIT_STORAGE;
		goto out;
	}
	store_close(s);
	cfg.db_url = store_default_url(cli->db);
	if (web_serve(&cfg, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
		goto out;
	}
	rc = EXIT_OK;
out:
	buf_release(&err);
	buf_release(&host);
	return rc;
}
