/* SPDX-License-Identifier: MIT */
/* Importing the SPEC §4 files into the store: all-or-nothing, every bad
 * cell a structured problem (domain/validate.h) at its FILE:LINE:COLUMN,
 * rendered by the caller in the user's language (report/problems.h). */
#ifndef TANDEM_IMPORT_H
#define TANDEM_IMPORT_H

#include <stdint.h>

#include "domain/preview.h"
#include "domain/validate.h"
#include "store/store.h"

/* Where an import is: the file being read, its rows and bytes so far. */
struct import_progress {
	const char *file;
	uint64_t rows, bytes;
	uint64_t total_bytes;    /* of the file; 0 when unknown */
	int done;                /* the file is read */
};

struct import_options {
	const char *encoding;    /* NULL (UTF-8) or "cp949" */
	int dry_run;             /* validate only; write nothing */
	size_t max_errors;       /* problems kept; the rest only counted; 0 = 100 */
	const char *actor;       /* for the audit log */
	/* Optional: told, at most every 250 ms and at the end of each file,
	 * where the import is (a job's progress, the CLI's progress line). */
	void (*on_progress)(void *ctx, const struct import_progress *p);
	void *progress_ctx;
	/* Optional: filled with what the import does, file by file (new,
	 * changed and unchanged rows): the web's preview of a dry run. */
	struct preview *preview;
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
 * with '_' are notes and skipped). Problems are added to problems (which
 * keeps max_errors of them and counts the rest). Returns 0 (written, or
 * validated for a dry run), 1 when the input had errors (nothing
 * written), -1 on a storage failure (err set). */
int store_import(struct store *s, const char *const *paths, int n_paths,
		 const struct import_options *opt, struct import_result *res,
		 struct problem_list *problems, struct buf *err);

/* An in-memory file, as uploaded through the web: name is the file name
 * ("contracts.csv") used for its record kind and in messages. Either data
 * (CSV text) or values (one record of name's kind, a text value or NULL per
 * schema column: a form's record, checked and written by the same code
 * without becoming CSV). */
struct import_source {
	const char *name;
	const char *data;
	size_t len;
	const char *const *values;
	const char *encoding;    /* of data; NULL: the options' */
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
		     struct problem_list *problems, struct buf *err);

#endif
