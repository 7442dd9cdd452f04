/* SPDX-License-Identifier: MIT */
/* The importer's inputs: what each path given to store_import is (a CSV
 * file named after its kind, a folder of them, an XLSX workbook whose
 * sheets are converted to CSV here) and the order the files are read in. */
#include "store/import_impl.h"

#include "base/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static void expected_kinds(struct buf *out, const char *suffix)
{
	for (size_t i = 0; i < schema_n_tables; i++)
		buf_addf(out, "%s%s%s", i ? ", " : "", schema_tables[i].name, suffix);
}

static void unknown_file(struct importer *im, const char *path, const char *base)
{
	struct buf exp = BUF_INIT;
	struct problem *p = import_problem(im, path, 1, 1, "unknown_file");
	expected_kinds(&exp, ".csv");
	problem_arg(p, base, strlen(base));
	problem_arg(p, exp.data, exp.len);
	buf_release(&exp);
}

void import_add_file(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
		     const char *path)
{
	const char *base = strrchr(path, '/');
	char name[128];
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (!has_suffix(base, ".csv") || len - 4 >= sizeof name) {
		unknown_file(im, path, base);
		return;
	}
	memcpy(name, base, len - 4);
	name[len - 4] = '\0';
	const struct table *t = schema_find(name);
	if (!t) {
		unknown_file(im, path, base);
		return;
	}
	ALLOC_GROW(*files, *n + 1, *cap);
	memset(&(*files)[*n], 0, sizeof **files);
	(*files)[*n].path = xstrdup(path);
	(*files)[*n].table = t;
	(*files)[*n].order = *n;
	(*n)++;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void close_dir(void *d)
{
	closedir(d);
}

void import_add_folder(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
		       const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct alloc_cleanup unwind;   /* closes d on out-of-memory */
	char **names = NULL;
	size_t n_names = 0, cap_names = 0;

	if (!d) {
		const char *why = strerror(errno);
		problem_arg(import_problem(im, dir, 1, 1, "folder_unreadable"), why, strlen(why));
		return;
	}
	alloc_cleanup_push(&unwind, close_dir, d);
	while ((e = readdir(d))) {
		if (!has_suffix(e->d_name, ".csv"))
			continue;
		ALLOC_GROW(names, n_names + 1, cap_names);
		names[n_names++] = xstrdup(e->d_name);
	}
	alloc_cleanup_pop(&unwind);
	closedir(d);
	if (!n_names)
		import_problem(im, dir, 1, 1, "folder_empty");
	xqsort(names, n_names, sizeof *names, cmp_name);
	for (size_t i = 0; i < n_names; i++) {
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", names[i]);
		import_add_file(im, files, n, cap, p.data);
		buf_release(&p);
		xfree(names[i]);
	}
	xfree(names);
}

/* A problem that is positioned by a whole workbook ("book.xlsx: ..."). */
static struct problem *book_problem(struct importer *im, const char *path, const char *code)
{
	struct problem *p = import_problem(im, NULL, 0, 0, code);
	problem_at(p, NULL, path, 0, 0);
	return p;
}

/* A message of the XLSX reader, which carries its own position. */
static void reader_problem(struct importer *im, const struct buf *msg)
{
	problem_arg(import_problem(im, NULL, 0, 0, "text"), msg->data, msg->len);
}

void import_add_workbook(struct importer *im, struct import_file **files, size_t *n,
			 size_t *cap, const char *path)
{
	struct xlsx_book *book = NULL;
	struct buf err = BUF_INIT;
	size_t used = 0, before = *n;
	uint64_t errors_before = im->res->errors;

	if (xlsx_open_file(&book, path, &err)) {
		reader_problem(im, &err);
		goto out;
	}
	for (size_t i = 0; i < xlsx_n_sheets(book); i++) {
		const char *name = xlsx_sheet_name(book, i);
		const struct table *t = schema_find(name);
		struct xlsx_csv *csv;
		if (name[0] == '_')
			continue;
		if (!t) {
			struct buf exp = BUF_INIT;
			struct problem *p = book_problem(im, path, "unknown_sheet");
			expected_kinds(&exp, "");
			problem_arg(p, name, strlen(name));
			problem_arg(p, exp.data, exp.len);
			buf_release(&exp);
			continue;
		}
		csv = xcalloc(1, sizeof *csv);
		buf_init(&csv->text);
		buf_reset(&err);
		if (xlsx_sheet_csv(book, i, t, XLSX_MAX_CSV - used, csv, &err)) {
			reader_problem(im, &err);
			xlsx_csv_release(csv);
			xfree(csv);
			continue;
		}
		used += csv->text.len;
		ALLOC_GROW(*files, *n + 1, *cap);
		memset(&(*files)[*n], 0, sizeof **files);
		(*files)[*n].path = xstrdup(csv->where);
		(*files)[*n].data = csv->text.data;
		(*files)[*n].len = csv->text.len;
		(*files)[*n].table = t;
		(*files)[*n].order = *n;
		(*files)[*n].where = xlsx_csv_where;
		(*files)[*n].where_ctx = csv;
		(*files)[*n].sheet = csv;
		(*n)++;
	}
	if (*n == before && im->res->errors == errors_before)
		book_problem(im, path, "no_sheet");
out:
	xlsx_close(book);
	buf_release(&err);
}

static int cmp_files(const void *a, const void *b)
{
	const struct import_file *x = a, *y = b;
	size_t tx = import_table_index(x->table), ty = import_table_index(y->table);
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void import_sort_files(struct import_file *files, size_t n)
{
	xqsort(files, n, sizeof *files, cmp_files);
}
