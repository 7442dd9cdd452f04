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
	"       tandem audit verify [--head N:HASH] [--db PATH] [--audit-key PATH]\n"
	"       tandem audit head [--db PATH]\n"
	"       tandem audit rotate-key [--db PATH] [--audit-key PATH]\n"
	"\n"
	"Every change to evaluation data, accounts and models is appended to the\n"
	"audit log, each entry chained to the one before it by a SHA-256 hash and\n"
	"sealed by an HMAC-SHA-256 under the audit key, a file kept outside the\n"
	"database (beside a SQLite store as tandem.db.key, or --audit-key PATH /\n"
	"$TANDEM_AUDIT_KEY_FILE).\n"
	"\n"
	"  list        the newest entries first (default 50): number, time, who,\n"
	"              what, which record, and the values before and after\n"
	"  verify      recompute the whole chain and every MAC; exit status 1 and\n"
	"              one line per problem when an entry was edited, deleted or\n"
	"              reordered, or the key is not this store's; 3 when the key\n"
	"              file is missing. With --head N:HASH (as 'audit head' printed\n"
	"              it earlier) also when entry N is gone or changed: the log was\n"
	"              truncated or replaced\n"
	"  head        print N:HASH, the number of entries and the newest one's\n"
	"              hash, to record elsewhere (a ticket, a mail, the frozen report)\n"
	"  rotate-key  check the chain, make a new key, seal every entry with it and\n"
	"              replace the key file (the old one is gone); audited. Stop the\n"
	"              servers first and give them the new file\n";

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

static int audit_verify_cmd(struct store *s, const char *head)
{
	struct buf problems = BUF_INIT, err = BUF_INIT;
	int64_t n = 0;
	char hash[65];
	int rc, v = audit_verify_head(s, head, &problems, &err);
	if (v == 0 && audit_head(s, &n, hash, &err))
		v = -1;
	if (v < 0) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else if (v == 2 || v == 3) {
		cli_error("cannot verify the audit log: %s", err.data);
		rc = v == 3 ? EXIT_STORAGE : EXIT_BAD_INPUT;
	} else if (v) {
		fputs(problems.data, stdout);
		cli_error("the audit log is broken: it was changed outside tandem");
		rc = EXIT_BAD_INPUT;
	} else {
		printf("the audit log is intact: %lld entries, head %lld:%s\n", (long long)n,
		       (long long)n, hash);
		rc = EXIT_OK;
	}
	buf_release(&problems);
	buf_release(&err);
	return rc;
}

static int audit_head_cmd(struct store *s)
{
	struct buf err = BUF_INIT;
	int64_t n;
	char hash[65];
	int rc = EXIT_OK;
	if (audit_head(s, &n, hash, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else {
		printf("%lld:%s\n", (long long)n, hash);
	}
	buf_release(&err);
	return rc;
}

static int audit_rotate_cmd(struct store *s)
{
	struct buf problems = BUF_INIT, err = BUF_INIT, path = BUF_INIT;
	int64_t n = 0;
	int rc, v = audit_rotate_key(s, audit_cli_actor(), &n, &problems, &err);
	audit_key_path(s, &path);
	if (v > 0) {
		fputs(problems.data, stdout);
		cli_error("the audit log is broken, so the key was not rotated (see 'tandem audit verify')");
		rc = EXIT_BAD_INPUT;
	} else if (v < 0) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else {
		printf("audit key rotated: %s holds the new key; %lld entries re-sealed\n", path.data,
		       (long long)n);
		rc = EXIT_OK;
	}
	buf_release(&problems);
	buf_release(&err);
	buf_release(&path);
	return rc;
}

int cmd_audit(int argc, char **argv, struct cli *cli)
{
	const char *sub = NULL, *entity = NULL, *head = NULL;
	int limit = 50, n_pos, rc;
	struct store *s = NULL;
	const struct cli_option options[] = {
		{ "--limit", CLI_INT, &limit, 1, 1000000,
		  "--limit takes a number from 1 to 1000000" },
		{ "--head", CLI_TEXT, &head },
		{ "--entity", CLI_TEXT, &entity },
	};
	const struct cli_spec spec = { "audit", CLI_OPTIONS(options), 1, 0, &sub, 1, &n_pos };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (!sub || (strcmp(sub, "list") && strcmp(sub, "verify") && strcmp(sub, "head") &&
		     strcmp(sub, "rotate-key")))
		return cli_usage_error("audit", "say 'list', 'verify', 'head' or 'rotate-key'");
	if (head && strcmp(sub, "verify"))
		return cli_usage_error("audit", "--head goes with 'verify'");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	if (!strcmp(sub, "list"))
		rc = audit_list(s, limit, entity);
	else if (!strcmp(sub, "verify"))
		rc = audit_verify_cmd(s, head);
	else if (!strcmp(sub, "head"))
		rc = audit_head_cmd(s);
	else
		rc = audit_rotate_cmd(s);
	store_close(s);
	return rc;
}
