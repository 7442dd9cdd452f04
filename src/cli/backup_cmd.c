/* SPDX-License-Identifier: MIT */
/* tandem backup and tandem restore: a SQLite store copied into one file
 * while it is in use, and such a file written back into a store of either
 * kind. PostgreSQL stores are backed up with pg_dump (docs/deploy.md). */
#include "cli/commands.h"

#include "store/backup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char help_backup[] =
	"usage: tandem backup --out FILE [--db PATH]\n"
	"\n"
	"Copies a SQLite store into FILE with SQLite's online backup API: a\n"
	"consistent copy of one moment, taken while 'tandem serve' and imports go\n"
	"on using the store. FILE is one self-contained SQLite file, checked after\n"
	"writing; an existing FILE is replaced only once the copy is complete.\n"
	"Restore it with 'tandem restore FILE'.\n"
	"\n"
	"A PostgreSQL store is backed up with PostgreSQL's own tools:\n"
	"  pg_dump --format=custom --file FILE 'postgresql://...'\n"
	"(see docs/deploy.md).\n";

const char help_restore[] =
	"usage: tandem restore FILE [--db PATH] [--force]\n"
	"\n"
	"Writes a backup made by 'tandem backup' into the store named by --db\n"
	"(default ./tandem.db, or $TANDEM_DB), which may be a SQLite file or a\n"
	"PostgreSQL database. The backup is checked first. A store that already\n"
	"holds data is replaced only with --force; the replacement is one\n"
	"transaction, so the store is either as it was or the backup's.\n"
	"A backup from an older tandem is brought up to date on the way in.\n";

static int is_postgres(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

int cmd_backup(int argc, char **argv, struct cli *cli)
{
	const char *out_file = NULL, *url;
	struct buf err = BUF_INIT;
	struct stat st;
	int rc = EXIT_STORAGE;

	const struct cli_option options[] = { { "--out", CLI_TEXT, &out_file } };
	const struct cli_spec spec = { "backup", CLI_OPTIONS(options), 1 };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (!out_file)
		return cli_usage_error("backup", "--out FILE is required");
	url = store_default_url(cli->db);
	if (is_postgres(url)) {
		cli_error("a PostgreSQL store is backed up with pg_dump, not tandem backup:\n"
			  "  pg_dump --format=custom --file %s \"$TANDEM_DB\"\n"
			  "(see docs/deploy.md)", out_file);
		return EXIT_USAGE;
	}
	if (store_backup_sqlite(url, out_file, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	if (!stat(out_file, &st))
		printf("backed up %s to %s (%lld bytes)\n", url, out_file, (long long)st.st_size);
	rc = EXIT_OK;
out:
	buf_release(&err);
	return rc;
}

/* A SQLite target: the backup API writes the file in one transaction. */
static int restore_to_sqlite(const char *file, const char *path, int force)
{
	struct buf err = BUF_INIT;
	struct store *s = NULL;
	struct stat st;
	int from = 0, to = 0, rc = EXIT_STORAGE;

	if (!stat(path, &st) && st.st_size > 0 && !force) {
		cli_error("'%s' already exists; restore replaces a store only with --force", path);
		return EXIT_BAD_INPUT;
	}
	if (store_restore_sqlite(file, path, &err) || store_open(path, &s, &err) ||
	    store_migrate(s, &from, &to, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	printf("restored %s into %s (schema version %d)\n", file, path, to);
	rc = EXIT_OK;
out:
	store_close(s);
	buf_release(&err);
	return rc;
}

/* A PostgreSQL target: the backup is restored into a temporary SQLite file,
 * brought to the current schema, and copied row by row. */
static int restore_to_postgres(const char *file, const char *url, int force)
{
	struct buf err = BUF_INIT, tmp = BUF_INIT;
	struct store *from = NULL, *to = NULL;
	struct copy_stats stats;
	char dir[] = "/tmp/tandem-restore-XXXXXX";
	int a, b, rc = EXIT_STORAGE;

	if (!mkdtemp(dir)) {
		cli_error("cannot create a temporary folder: %s", strerror(errno));
		return EXIT_STORAGE;
	}
	buf_addf(&tmp, "%s/store.db", dir);
	if (store_restore_sqlite(file, tmp.data, &err) || store_open(tmp.data, &from, &err) ||
	    store_migrate(from, &a, &b, &err) || store_open(url, &to, &err) ||
	    store_migrate(to, &a, &b, &err) || store_copy(from, to, force, &stats, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	printf("restored %s into %s (%llu rows in %d tables)\n", file, to->location,
	       (unsigned long long)stats.rows, stats.tables);
	rc = EXIT_OK;
out:
	store_close(from);
	store_close(to);
	for (size_t i = 0; i < 3; i++) {
		static const char *const suffix[] = { "", "-wal", "-shm" };
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s%s", tmp.data, suffix[i]);
		unlink(p.data);
		buf_release(&p);
	}
	rmdir(dir);
	buf_release(&tmp);
	buf_release(&err);
	return rc;
}

int cmd_restore(int argc, char **argv, struct cli *cli)
{
	const char *file = NULL, *url;
	struct buf err = BUF_INIT;
	int force = 0, version, n_pos, rc;
	const struct cli_option options[] = { { "--force", CLI_FLAG, &force } };
	const struct cli_spec spec = { "restore", CLI_OPTIONS(options), 1, 0, &file, 1, &n_pos };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (!file)
		return cli_usage_error("restore", "the backup FILE is required");
	url = store_default_url(cli->db);
	if (store_check_backup(file, &version, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_BAD_INPUT;
	}
	buf_release(&err);
	return is_postgres(url) ? restore_to_postgres(file, url, force)
				: restore_to_sqlite(file, url, force);
}
