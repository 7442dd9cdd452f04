/* SPDX-License-Identifier: MIT */
/* tandem init and tandem migrate: create a store, or bring its schema up to
 * date with the forward migrations of store/migrate.c. */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

const char help_init[] =
	"usage: tandem init [--db PATH]\n"
	"\n"
	"Creates a new, empty store: a SQLite file (default ./tandem.db, or\n"
	"$TANDEM_DB) with every table of the current schema. Running it on a store\n"
	"that already exists changes nothing and says so.\n";

const char help_migrate[] =
	"usage: tandem migrate [--db PATH]\n"
	"\n"
	"Brings the store's schema up to the version this tandem expects, applying\n"
	"each forward migration in one transaction. Safe to run more than once.\n";

static int run_migrations(int argc, char **argv, struct cli *cli, int is_init)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int from = 0, to = 0, rc = EXIT_STORAGE;
	const struct command *self = cli_find(argv[0]);

	for (int i = 1; i < argc; i++) {
		int r;
		if (cli_help(argv[i], self))
			return EXIT_OK;
		if ((r = cli_common_opt(argc, argv, &i, cli)) < 0)
			return EXIT_USAGE;
		if (r == 0)
			return cli_usage_error(argv[0], "unexpected argument '%s'", argv[i]);
	}
	const char *url = store_default_url(cli->db);
	if (store_open(url, &s, &err) || store_migrate(s, &from, &to, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	if (from == to)
		printf("%s: %s (schema version %d)\n", url,
		       is_init ? "already a tandem store" : "schema is up to date", to);
	else if (from == 0)
		printf("%s: created (schema version %d)\n", url, to);
	else
		printf("%s: migrated from schema version %d to %d\n", url, from, to);
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

int cmd_migrate(int argc, char **argv, struct cli *cli)
{
	return run_migrations(argc, argv, cli, 0);
}
