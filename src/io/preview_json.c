/* SPDX-License-Identifier: MIT */
/* The JSON of io/preview_json.h: written with io/jsonw.h, read with
 * jansson. */
#include "io/preview_json.h"

#include "base/alloc.h"
#include "io/jsonw.h"

#include <jansson.h>
#include <string.h>

void problems_json(const struct problem_list *l, struct buf *out)
{
	buf_addf(out, "{\"total\":%llu,\"items\":[", (unsigned long long)l->total);
	for (size_t i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		buf_adds(out, i ? ",{\"code\":" : "{\"code\":");
		json_write_string_or_null(out, p->code);
		buf_adds(out, ",\"table\":");
		json_write_string_or_null(out, p->table);
		buf_addf(out, ",\"col\":%d,\"file\":", p->col);
		json_write_string_or_null(out, p->file);
		buf_adds(out, ",\"where\":");
		json_write_string_or_null(out, p->where);
		buf_addf(out, ",\"line\":%lu,\"column\":%d,\"value\":", p->line, p->column);
		json_write_string_or_null(out, p->value);
		buf_adds(out, ",\"args\":[");
		for (int a = 0; a < p->n_args; a++) {
			if (a)
				buf_addc(out, ',');
			json_write_string_or_null(out, p->args[a]);
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "]}");
}

static const char *str_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *dup_of(json_t *o, const char *key)
{
	const char *s = str_of(o, key);
	return s ? xstrdup(s) : NULL;
}

int problems_parse(const char *text, struct problem_list *out)
{
	json_error_t je;
	json_t *root = json_loads(text, 0, &je), *items;
	size_t i;
	json_t *item;
	problems_init(out, 0);
	if (!json_is_object(root) || !json_is_array(items = json_object_get(root, "items"))) {
		json_decref(root);
		return -1;
	}
	json_array_foreach(items, i, item) {
		const char *code = str_of(item, "code"), *table = str_of(item, "table");
		const struct table *t = table ? schema_find(table) : NULL;
		json_t *args = json_object_get(item, "args"), *arg;
		size_t k;
		struct problem *p = problems_add(out, code ? code : "text");
		p->table = t ? t->name : NULL;
		p->col = (int)json_integer_value(json_object_get(item, "col"));
		if (!t || p->col < 0 || (size_t)p->col >= t->n_columns)
			p->col = -1;
		p->file = dup_of(item, "file");
		p->where = dup_of(item, "where");
		p->line = (unsigned long)json_integer_value(json_object_get(item, "line"));
		p->column = (int)json_integer_value(json_object_get(item, "column"));
		p->value = dup_of(item, "value");
		json_array_foreach(args, k, arg)
			if (json_is_string(arg))
				problem_arg(p, json_string_value(arg), strlen(json_string_value(arg)));
	}
	json_int_t total = json_integer_value(json_object_get(root, "total"));
	if (total > (json_int_t)out->n)
		out->total = (uint64_t)total;
	json_decref(root);
	return 0;
}

void preview_json(const struct preview *p, struct buf *out)
{
	buf_adds(out, "{\"encoding\":");
	json_write_string_or_null(out, p->encoding);
	buf_adds(out, ",\"files\":[");
	for (size_t i = 0; i < p->n_files; i++) {
		const struct preview_file *f = &p->files[i];
		buf_adds(out, i ? ",{\"file\":" : "{\"file\":");
		json_write_string_or_null(out, f->file);
		buf_adds(out, ",\"table\":");
		json_write_string_or_null(out, f->table);
		buf_addf(out, ",\"added\":%llu,\"changed\":%llu,\"unchanged\":%llu,\"rows\":[",
			 (unsigned long long)f->added, (unsigned long long)f->changed,
			 (unsigned long long)f->unchanged);
		for (size_t r = 0; r < f->n_rows; r++) {
			const struct preview_row *row = &f->rows[r];
			buf_adds(out, r ? ",{\"key\":" : "{\"key\":");
			json_write_string_or_null(out, row->key);
			buf_addf(out, ",\"line\":%lu,\"changed\":%s,\"cells\":[", row->line,
				 row->changed ? "true" : "false");
			for (size_t c = 0; c < row->n_cells; c++) {
				buf_adds(out, c ? ",{\"column\":" : "{\"column\":");
				json_write_string_or_null(out, row->cells[c].column);
				buf_adds(out, ",\"before\":");
				json_write_string_or_null(out, row->cells[c].before);
				buf_adds(out, ",\"after\":");
				json_write_string_or_null(out, row->cells[c].after);
				buf_addc(out, '}');
			}
			buf_adds(out, "]}");
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "]}");
}

int preview_parse(const char *text, struct preview *out)
{
	json_error_t je;
	json_t *root = json_loads(text, 0, &je), *files, *file;
	size_t i;
	memset(out, 0, sizeof *out);
	if (!json_is_object(root) || !json_is_array(files = json_object_get(root, "files"))) {
		json_decref(root);
		return -1;
	}
	out->encoding = dup_of(root, "encoding");
	json_array_foreach(files, i, file) {
		const char *name = str_of(file, "file"), *table = str_of(file, "table");
		json_t *rows = json_object_get(file, "rows"), *row;
		size_t r;
		struct preview_file *f = preview_file(out, name ? name : "", table ? table : "");
		f->added = (uint64_t)json_integer_value(json_object_get(file, "added"));
		f->changed = (uint64_t)json_integer_value(json_object_get(file, "changed"));
		f->unchanged = (uint64_t)json_integer_value(json_object_get(file, "unchanged"));
		json_array_foreach(rows, r, row) {
			const char *key = str_of(row, "key");
			json_t *cells = json_object_get(row, "cells"), *cell;
			size_t c;
			struct preview_row *pr = preview_add_row(
				f, key ? key : "", key ? strlen(key) : 0,
				(unsigned long)json_integer_value(json_object_get(row, "line")),
				json_is_true(json_object_get(row, "changed")));
			if (!pr)
				break;
			json_array_foreach(cells, c, cell) {
				const char *column = str_of(cell, "column");
				preview_add_cell(pr, column ? column : "", str_of(cell, "before"),
						 str_of(cell, "after"));
			}
		}
	}
	json_decref(root);
	return 0;
}
