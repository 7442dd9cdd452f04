/* SPDX-License-Identifier: MIT */
/* tandem audit: read and verify the hash-chained audit log. */
#include "cli/commands.h"

#include "store/audit.h"
#include "store/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_audit[] =
	"usage: tandem audit list [--limit N] [--entity KIND] [--db PATH]\n"
	"       tandem audit verify [--db PATH]\n"
	"\n"
	"Every change to evaluation data, accounts and models is appended to the\n"
	"audit log, each entry chained to the one before it by a SHA-256 hash.\n"
	"\n"
	"  list     the newest entries first (default 50): number, time, who,\n"
	"           what, which record, and the values before and after\n"
	"  verify   recompute the whole chain; exit status 1 and one line per\n"
	"           problem when an entry was edited, deleted or reordered\n";

static int audit_list(struct store *s, long limit, const char *entity)
{
	struct audit_row *rows;
	size_t n;
	int64_t total;
	struct buf err = BUF_INIT;
	if (records_audit_list(s, limit, 0, entity, &rows, &n, &total, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_STORAGE;
	}
	for (size_t i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)r->seq, r->at, r->actor, r->action,
		       r->entity, r->key ? r->key : "-", r->before ? r->before : "-",
		       r->after ? r->after : "-");
	}
	records_audit_list_free(rows, n);
	buf_release(&err);
	return EXIT_OK;
}

int cmd_audit(int argc, char **argv, struct cli *cli)
{
	const char *sub = NULL, *entity = NULL;
	long limit = 50;
	struct store *s = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if (cli_help(argv[i], cli_find("audit")))
			return EXIT_OK;
		if ((r = cli_common_opt(argc, argv, &i, cli)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if ((r = cli_opt(argc, argv, &i, "--limit", &v)) != 0) {
			char *end;
			if (r < 0)
				return EXIT_USAGE;
			limit = strtol(v, &end, 10);
			if (*end || limit < 1 || limit > 1000000)
				return cli_usage_error("audit", "--limit takes a number from 1 to 1000000");
		} else if ((r = cli_opt(argc, argv, &i, "--entity", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			entity = v;
		} else if (!sub && argv[i][0] != '-') {
			sub = argv[i];
		} else {
			return cli_usage_error("audit", "unexpected argument '%s'", argv[i]);
		}
	}
	if (!sub || (strcmp(sub, "list") && strcmp(sub, "verify")))
		return cli_usage_error("audit", "say 'list' or 'verify'");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	if (!strcmp(sub, "list")) {
		rc = audit_list(s, limit, entity);
	} else {
		struct buf problems = BUF_INIT, err = BUF_INIT;
		int64_t n = 0;
		int v = audit_verify(s, &problems, &err);
		store_query_int64(s, "SELECT count(*) FROM audit_log", 0, &n, &err);
		if (v < 0) {
			cli_error("%s", err.data);
			rc = EXIT_STORAGE;
		} else if (v) {
			fputs(problems.data, stdout);
			cli_error("the audit log is broken: it was changed outside tandem");
			rc = EXIT_BAD_INPUT;
		} else {
			printf("the audit log is intact: %lld entries\n", (long long)n);
			rc = EXIT_OK;
		}
		buf_release(&problems);
		buf_release(&err);
	}
	store_close(s);
	return rc;
}
