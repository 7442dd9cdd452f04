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
	"                    [--per-ip-connections N] [--login-cpu-percent N]\n"
	"                    [--time-zone ZONE]\n"
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
	"  --login-cpu-percent N  the share of one core, 0 to 100, that the logins\n"
	"                      of one client address may spend hashing passwords on\n"
	"                      average, in bursts of up to 2 s of CPU (default 25;\n"
	"                      0: no limit); beyond it a login is answered 429 at\n"
	"                      once with Retry-After. Passwords are hashed on\n"
	"                      threads of their own at nice 19\n"
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
	const char *listen = NULL;
	int rc, routes = 0, routes_md = 0;
	const struct cli_option options[] = {
		{ "--listen", CLI_TEXT, &listen },
		{ "--time-zone", CLI_TEXT, &cfg.time_zone },
		{ "--threads", CLI_INT, &cfg.threads, 1, 16, "--threads takes 1 to 16" },
		{ "--session-ttl", CLI_INT, &cfg.session_ttl, 1, 30L * 24 * 3600,
		  "--session-ttl takes seconds" },
		{ "--lockout", CLI_INT, &cfg.lockout_seconds, 1, 24L * 3600,
		  "--lockout takes seconds" },
		{ "--header-timeout", CLI_INT, &cfg.header_timeout, 1, 3600,
		  "--header-timeout takes 1 to 3600 seconds" },
		{ "--body-timeout", CLI_INT, &cfg.body_timeout, 1, 24L * 3600,
		  "--body-timeout takes 1 to 86400 seconds" },
		{ "--trusted-proxy", CLI_TEXT, &cfg.trusted_proxy },
		{ "--max-sessions", CLI_INT, &cfg.max_sessions, 1, 1000,
		  "--max-sessions takes 1 to 1000" },
		{ "--per-ip-connections", CLI_INT, &cfg.per_ip_connections, 1, 1024,
		  "--per-ip-connections takes 1 to 1024" },
		{ "--login-cpu-percent", CLI_INT, &cfg.login_cpu_percent, 0, 100,
		  "--login-cpu-percent takes 0 to 100" },
		{ "--tls-proxy", CLI_FLAG, &cfg.tls_proxy },
		{ "--quiet", CLI_FLAG, &cfg.quiet },
		{ "--routes", CLI_FLAG, &routes },
		{ "--routes-md", CLI_FLAG, &routes_md },
	};
	const struct cli_spec spec = { "serve", CLI_OPTIONS(options), 1, 1 };

	web_config_default(&cfg);
	if (cli_limits_env("serve")) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli_parse(&spec, argc, argv, cli, &rc))
		goto out;
	if (listen) {
		const char *colon = strrchr(listen, ':');
		long port;

		if (!colon || colon == listen || number(colon + 1, 0, 65535, &port)) {
			rc = cli_usage_error("serve", "--listen takes HOST:PORT");
			goto out;
		}
		buf_add(&host, listen, (size_t)(colon - listen));
		cfg.port = (int)port;
	}
	if (cfg.trusted_proxy) {
		unsigned char bin[sizeof(struct in6_addr)];

		if (inet_pton(AF_INET, cfg.trusted_proxy, bin) != 1 &&
		    inet_pton(AF_INET6, cfg.trusted_proxy, bin) != 1) {
			rc = cli_usage_error("serve", "--trusted-proxy takes an IP address, not '%s'",
					     cfg.trusted_proxy);
			goto out;
		}
	}
	if (routes || routes_md) {
		struct buf out = BUF_INIT;

		web_routes_text(&out, routes_md);
		fputs(out.data, stdout);
		buf_release(&out);
		rc = EXIT_OK;
		goto out;
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
