/* SPDX-License-Identifier: MIT */
/* Importing the SPEC §4 files into the store: all-or-nothing, every bad
 * cell reported as FILE:LINE:COLUMN: message. */
#ifndef TANDEM_IMPORT_H
#define TANDEM_IMPORT_H

#include <stdint.h>

#include "store/store.h"

struct import_options {
	const char *encoding;    /* NULL (UTF-8) or "cp949" */
	int dry_run;             /* validate only; write nothing */
	int progress;            /* print a progress line on stderr */
	size_t max_errors;       /* errors printed before "and N more"; 0 = 100 */
	const char *actor;       /* for the audit log */
	/* Optional: told, at most every 250 ms and at the end of each file
	 * (done), the rows and bytes of the file read so far (a job's
	 * progress). */
	void (*on_progress)(void *ctx, uint64_t rows, uint64_t bytes, int done);
	void *progress_ctx;
};

struct import_result {
	uint64_t rows;           /* rows read (valid or not) */
	uint64_t errors;         /* bad cells and rows found */
	int64_t batch;           /* the import batch written, 0 when none */
	int files;
	int closed;              /* some errors: changes to a closed year */
};

/* Imports files and folders (folders: every .csv inside) and XLSX
 * workbooks (every sheet named as a record kind; sheets whose names begin
 * with '_' are notes and skipped). Error lines go
 * to errors, one per line, capped at max_errors plus a count of the rest.
 * Returns 0 (written, or validated for a dry run), 1 when the input had
 * errors (nothing written), -1 on a storage failure (err set). */
int store_import(struct store *s, const char *const *paths, int n_paths,
		 const struct import_options *opt, struct import_result *res,
		 struct buf *errors, struct buf *err);

/* An in-memory file, as uploaded through the web: name is the file name
 * ("contracts.csv") used for its record kind and in messages. */
struct import_source {
	const char *name;
	const char *data;
	size_t len;
	/* Optional: how a position in data reads in messages. When set, the
	 * data is UTF-8 CSV made by a converter and an error at CSV line and
	 * field (line, column) is written where(where_ctx, line, column, out)
	 * instead of "name:LINE:COLUMN"; an XLSX sheet (io/xlsx_read.h) says
	 * "book.xlsx:contracts!C14". */
	void (*where)(const void *ctx, unsigned long line, int column, struct buf *out);
	const void *where_ctx;
};

/* The same as store_import over in-memory files. */
int store_import_mem(struct store *s, const struct import_source *sources, int n_sources,
		     const struct import_options *opt, struct import_result *res,
		     struct buf *errors, struct buf *err);

#endif
