/* SPDX-License-Identifier: MIT */
/* Backups and copies of a whole store: a SQLite store's file copied with
 * SQLite's online backup API (consistent, and safe while other processes
 * read and write it), and a row-by-row copy of every table from one store
 * into another of either kind (tandem migrate --from --to, and restoring a
 * SQLite backup into PostgreSQL). */
#ifndef TANDEM_BACKUP_H
#define TANDEM_BACKUP_H

#include <stdint.h>

#include "store/store.h"

/* Copies the SQLite store at path into the file out: a snapshot of one
 * moment, taken while other processes go on reading and writing. The copy
 * is written beside out and renamed into place, so out is either untouched
 * or the whole copy; it is a single file (rollback journal, not WAL) and
 * passes SQLite's quick_check. Returns 0, or -1 with err. */
int store_backup_sqlite(const char *path, const char *out, struct buf *err);

/* Checks that file is an intact SQLite tandem store (quick_check, and a
 * schema version this tandem knows) without changing it. *version is its
 * schema version. Returns 0, or -1 with err. */
int store_check_backup(const char *file, int *version, struct buf *err);

/* Writes the SQLite backup file into the SQLite store at path with the
 * backup API: the store's previous content is replaced in one transaction.
 * Returns 0, or -1 with err. */
int store_restore_sqlite(const char *file, const char *path, struct buf *err);

struct copy_stats {
	int tables;
	uint64_t rows;
};

/* Copies every row of every table of from (schema_version aside) into to,
 * in one transaction of to. Both must be at this tandem's schema version.
 * to must hold no rows, unless replace is set: then its rows are deleted
 * first, in the same transaction. Returns 0, or -1 with err (to unchanged). */
int store_copy(struct store *from, struct store *to, int replace, struct copy_stats *stats,
	       struct buf *err);

#endif
