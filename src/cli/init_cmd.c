/* SPDX-License-Identifier: MIT */
/* tandem init and tandem migrate: create a store, or bring its schema up to
 * date with the forward migrations of store/migrate.c. */
#include "cli/commands.h"

#include "store/audit.h"
#include "store/backup.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char help_init[] =
	"usage: tandem init [--db PATH] [--audit-key PATH]\n"
	"\n"
	"Creates a new, empty store: a SQLite file (default ./tandem.db, or\n"
	"$TANDEM_DB) with every table of the current schema, and the key of its\n"
	"audit log: 32 random bytes in a file of mode 0600 beside the store\n"
	"(tandem.db.key), or at --audit-key PATH / $TANDEM_AUDIT_KEY_FILE (the\n"
	"way for PostgreSQL, whose servers share the file as they share the\n"
	"connection string). Keep the key out of the database's backups' reach:\n"
	"without it the log can be neither written nor verified.\n"
	"Running it on a store that already exists changes nothing and says so;\n"
	"on a store whose audit log was written before audit keys it creates the\n"
	"key and gives every entry its MAC (docs/security.md).\n";

const char help_migrate[] =
	"usage: tandem migrate [--db PATH] [--audit-key PATH]\n"
	"       tandem migrate --from STORE --to STORE [--force]\n"
	"\n"
	"Brings the store's schema up to the version this tandem expects, applying\n"
	"each forward migration in one transaction, and keys the audit log as\n"
	"'tandem init' does. Safe to run more than once.\n"
	"\n"
	"With --from and --to it copies everything one store holds (records,\n"
	"imports, models, frozen results, users, sessions, the audit log) into\n"
	"another, of either kind, e.g. from a SQLite file to a shared PostgreSQL\n"
	"database:\n"
	"  tandem migrate --from tandem.db --to postgresql://tandem@db/tandem\n"
	"The target gets the current schema if it has none and must be empty;\n"
	"--force replaces what it holds. The copy is one transaction of the\n"
	"target, and the row counts are checked. Compare 'tandem export' of both\n"
	"to see the records are the same.\n";

static int run_migrations(int argc, char **argv, struct cli *cli, int is_init)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int from = 0, to = 0, rc = EXIT_STORAGE, created = 0;
	int64_t rekeyed = 0;
	const struct cli_spec spec = { argv[0], NULL, 0, 1 };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	const char *url = store_default_url(cli->db);
	if (store_open(url, &s, &err) || store_migrate(s, &from, &to, &err) ||
	    audit_key_setup(s, &created, &rekeyed, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	/* s->location: a PostgreSQL URL without its password. */
	if (from == to)
		printf("%s: %s (schema version %d)\n", s->location,
		       is_init ? "already a tandem store" : "schema is up to date", to);
	else if (from == 0)
		printf("%s: created (schema version %d)\n", s->location, to);
	else
		printf("%s: migrated from schema version %d to %d\n", s->location, from, to);
	if (created) {
		struct buf path = BUF_INIT;
		audit_key_path(s, &path);
		printf("audit key: created %s (mode 0600; keep it, and keep it out of the database)\n",
		       path.data);
		buf_release(&path);
	}
	if (rekeyed)
		printf("audit log: %lld entries written before audit keys now carry their MAC\n",
		       (long long)rekeyed);
	rc = EXIT_OK;
out:
	store_close(s);
	buf_release(&err);
	return rc;
}

int cmd_init(int argc, char **argv, struct cli *cli)
{
	return run_migrations(argc, argv, cli, 1);
}

static int is_postgres(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

/* tandem migrate --from --to: the target is created or brought up to date,
 * then filled; the source is only read. */
static int copy_store(const char *from_url, const char *to_url, int force)
{
	struct store *from = NULL, *to = NULL;
	struct buf err = BUF_INIT;
	struct copy_stats stats;
	int a, b, rc = EXIT_STORAGE;

	/* Opening a SQLite path creates it: a missing source is an error. */
	if (!is_postgres(from_url) && access(from_url, R_OK)) {
		cli_error("cannot read '%s': no such store", from_url);
		return EXIT_STORAGE;
	}
	if (store_open(from_url, &from, &err) || store_open(to_url, &to, &err) ||
	    store_migrate(to, &a, &b, &err) || store_copy(from, to, force, &stats, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	printf("copied %llu rows in %d tables from %s to %s\n", (unsigned long long)stats.rows,
	       stats.tables, from->location, to->location);
	rc = EXIT_OK;
out:
	store_close(from);
	store_close(to);
	buf_release(&err);
	return rc;
}

int cmd_migrate(int argc, char **argv, struct cli *cli)
{
	const char *from = NULL, *to = NULL;
	int force = 0, other = 0;

	for (int i = 1; i < argc; i++) {
		int r;
		if (cli_help(argv[i], cli_find("migrate")))
			return EXIT_OK;
		if ((r = cli_opt(argc, argv, &i, "--from", &from)) != 0 ||
		    (r = cli_opt(argc, argv, &i, "--to", &to)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
		} else if (!strcmp(argv[i], "--force")) {
			force = 1;
		} else {
			other = 1;
		}
	}
	if (!from && !to && !force)
		return run_migrations(argc, argv, cli, 0);
	if (!from || !to)
		return cli_usage_error("migrate", "--from and --to go together");
	if (other)
		return cli_usage_error("migrate", "--from/--to take no other arguments");
	return copy_store(from, to, force);
}
