/* SPDX-License-Identifier: MIT */
/* The import preview's bookkeeping (domain/preview.h). */
#include "domain/preview.h"

#include "base/alloc.h"
#include "base/buf.h"

#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct preview_file *preview_file(struct preview *p, const char *file, const char *table)
{
	for (size_t i = 0; i < p->n_files; i++)
		if (!strcmp(p->files[i].file, file))
			return &p->files[i];
	ALLOC_GROW(p->files, p->n_files + 1, p->cap_files);
	struct preview_file *f = &p->files[p->n_files++];
	memset(f, 0, sizeof *f);
	f->file = xstrdup(file);
	f->table = xstrdup(table);
	return f;
}

struct preview_row *preview_add_row(struct preview_file *f, const char *key, size_t key_len,
				    unsigned long line, int changed)
{
	if (f->n_rows >= PREVIEW_ROWS)
		return NULL;
	ALLOC_GROW(f->rows, f->n_rows + 1, f->cap_rows);
	struct preview_row *r = &f->rows[f->n_rows++];
	memset(r, 0, sizeof *r);
	r->key = xstrndup(key, key_len);
	r->line = line;
	r->changed = changed;
	return r;
}

void preview_add_cell(struct preview_row *r, const char *column, const char *before,
		      const char *after)
{
	r->cells = xrealloc(r->cells, (r->n_cells + 1) * sizeof *r->cells);
	r->cells[r->n_cells].column = xstrdup(column);
	r->cells[r->n_cells].before = dup_or_null(before);
	r->cells[r->n_cells].after = dup_or_null(after);
	r->n_cells++;
}

void preview_release(struct preview *p)
{
	for (size_t i = 0; i < p->n_files; i++) {
		struct preview_file *f = &p->files[i];
		for (size_t k = 0; k < f->n_rows; k++) {
			struct preview_row *r = &f->rows[k];
			for (size_t c = 0; c < r->n_cells; c++) {
				xfree(r->cells[c].column);
				xfree(r->cells[c].before);
				xfree(r->cells[c].after);
			}
			xfree(r->cells);
			xfree(r->key);
		}
		xfree(f->rows);
		xfree(f->file);
		xfree(f->table);
	}
	xfree(p->files);
	xfree(p->encoding);
	memset(p, 0, sizeof *p);
}
