/* SPDX-License-Identifier: MIT */
/* What an import would do, file by file, before anything is written (the
 * web's import preview): how many rows are new, changed and unchanged, and
 * the first PREVIEW_ROWS new and changed rows, a changed row with its
 * changed cells (old → new). Filled by the importer (store/import.h),
 * kept with a preview job as JSON (io/preview_json.h), shown by the web.
 * A preview owns every string in it: release with preview_release. */
#ifndef TANDEM_PREVIEW_H
#define TANDEM_PREVIEW_H

#include <stddef.h>
#include <stdint.h>

#define PREVIEW_ROWS 20

struct preview_cell {
	char *column;            /* the schema column's name */
	char *before, *after;    /* NULL when empty */
};

struct preview_row {
	char *key;               /* "CT01" or "CT01/AHT/2025-03-02" */
	unsigned long line;
	int changed;             /* 0: new, 1: changed */
	struct preview_cell *cells;   /* changed rows: the cells that change */
	size_t n_cells;
};

struct preview_file {
	char *file;              /* as named in the import */
	char *table;             /* the record kind */
	uint64_t added, changed, unchanged;
	struct preview_row *rows;     /* the first PREVIEW_ROWS new and changed rows */
	size_t n_rows, cap_rows;
};

struct preview {
	char *encoding;          /* "utf-8" or "cp949": how the files were read */
	struct preview_file *files;
	size_t n_files, cap_files;
};

/* The file entry named file (added at the end when new). */
struct preview_file *preview_file(struct preview *p, const char *file, const char *table);
/* A row to show, or NULL when PREVIEW_ROWS are kept already. */
struct preview_row *preview_add_row(struct preview_file *f, const char *key, size_t key_len,
				    unsigned long line, int changed);
void preview_add_cell(struct preview_row *r, const char *column, const char *before,
		      const char *after);
void preview_release(struct preview *p);

#endif
