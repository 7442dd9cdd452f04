/* SPDX-License-Identifier: MIT */
/* Rendering problems through the catalog (report/problems.h). */
#include "report/problems.h"

#include "io/jsonw.h"

#include <stdio.h>
#include <string.h>

/* Code "text": a message from below that has no code of its own (the CSV
 * reader's, the XLSX reader's, the system's), shown as it is. */
static const char text_code[] = "text";

/* A list parameter ("a\x1fb\x1fc") as the language joins it: "a, b or c",
 * "a, b, c 중 하나". */
static const char *join_list(const char *arg, enum lang lang, struct buf *out)
{
	const char *sep = PROBLEM_LIST_SEP, *s = arg, *next;
	size_t n = 1;
	for (const char *q = arg; (q = strstr(q, sep)); q++)
		n++;
	for (size_t i = 0; i < n; i++, s = next + 1) {
		next = strstr(s, sep);
		if (!next)
			next = s + strlen(s);
		buf_adds(out, i == 0 ? "" : lang == LANG_EN && i == n - 1 ? " or " : ", ");
		/* An allowed value reads as its label in Korean ("sales" → 영업). */
		char item[64];
		size_t len = (size_t)(next - s);
		if (lang == LANG_KO && len < sizeof item) {
			memcpy(item, s, len);
			item[len] = '\0';
			buf_adds(out, i18n_named(lang, "enum.", item));
		} else {
			buf_add(out, s, len);
		}
	}
	if (lang == LANG_KO)
		buf_adds(out, " 중 하나");
	return out->data;
}

const char *problem_key(const struct problem *p, char *key, size_t size)
{
	if (!strcmp(p->code, text_code))
		snprintf(key, size, "error.other");   /* plain text: no entry of its own */
	else
		snprintf(key, size, "%s%s", strchr(p->code, '.') ? "" : "error.", p->code);
	return key;
}

void problem_message(const struct problem *p, enum lang lang, struct buf *out)
{
	static const char *const label_groups[] = { "col.", "enum.", "noun." };
	const char *shown[PROBLEM_MAX_ARGS];
	struct buf lists[PROBLEM_MAX_ARGS];
	char key[96];
	if (!strcmp(p->code, text_code)) {
		/* Plain text from a reader below validation ("invalid UTF-8 …"):
		 * the catalog reads it back into the user's language. */
		size_t n;
		if (lang == LANG_KO && p->n_args)
			i18n_translate(lang, p->args[0], out, NULL, &n);
		else
			buf_adds(out, p->n_args ? p->args[0] : "");
		return;
	}
	/* A column's name, an enum value or a record's noun ("client") reads
	 * as its Korean label. */
	for (int i = 0; i < p->n_args; i++) {
		buf_init(&lists[i]);
		shown[i] = p->args[i];
		if (strstr(p->args[i], PROBLEM_LIST_SEP)) {
			shown[i] = join_list(p->args[i], lang, &lists[i]);
			continue;
		}
		for (size_t g = 0; lang == LANG_KO && g < 3 && shown[i] == p->args[i]; g++)
			shown[i] = i18n_named(lang, label_groups[g], p->args[i]);
	}
	i18n_add(out, lang, problem_key(p, key, sizeof key), shown, (size_t)p->n_args);
	for (int i = 0; i < p->n_args; i++)
		buf_release(&lists[i]);
}

void problem_line(const struct problem *p, enum lang lang, struct buf *out)
{
	if (p->where)
		buf_addf(out, "%s: ", p->where);
	else if (p->file && p->line)
		buf_addf(out, "%s:%lu:%d: ", p->file, p->line, p->column);
	else if (p->file)
		buf_addf(out, "%s: ", p->file);
	problem_message(p, lang, out);
}

void problems_render(const struct problem_list *l, enum lang lang, struct buf *out)
{
	for (size_t i = 0; i < l->n; i++) {
		problem_line(&l->items[i], lang, out);
		buf_addc(out, '\n');
	}
	if (l->total > l->n) {
		char n[24];
		const char *args[1] = { n };
		snprintf(n, sizeof n, "%llu", (unsigned long long)(l->total - l->n));
		i18n_add(out, lang, "import.more_errors", args, 1);
		buf_addc(out, '\n');
	}
}

const char *problem_column_name(const struct problem *p, enum lang lang)
{
	const struct table *t = p->table ? schema_find(p->table) : NULL;
	if (!t || p->col < 0 || (size_t)p->col >= t->n_columns)
		return "";
	return lang == LANG_KO ? i18n_named(lang, "col.", t->columns[p->col].name)
			       : t->columns[p->col].name;
}

void problem_api_json(const struct problem *p, enum lang lang, struct buf *out)
{
	char key[96];
	const char *column = problem_column_name(p, LANG_EN);
	struct buf m = BUF_INIT;
	buf_adds(out, "{\"row\":");
	if (p->line)
		buf_addf(out, "%lu", p->line);
	else
		buf_adds(out, "null");
	buf_adds(out, ",\"column\":");
	json_write_string_or_null(out, *column ? column : NULL);
	buf_adds(out, ",\"code\":");
	json_write_string_or_null(out, problem_key(p, key, sizeof key));
	buf_adds(out, ",\"params\":");
	problem_params_json(p, out);
	buf_adds(out, ",\"message\":");
	problem_message(p, lang, &m);
	json_write_string(out, m.data, m.len);
	buf_addc(out, '}');
	buf_release(&m);
}

void problem_params_json(const struct problem *p, struct buf *out)
{
	struct buf list = BUF_INIT;
	buf_addc(out, '[');
	for (int i = 0; i < p->n_args; i++) {
		const char *a = p->args[i];
		buf_adds(out, i ? "," : "");
		if (strstr(a, PROBLEM_LIST_SEP)) {
			buf_reset(&list);
			a = join_list(a, LANG_EN, &list);
		}
		json_write_string_or_null(out, a);
	}
	buf_addc(out, ']');
	buf_release(&list);
}

void problems_api_json(const struct problem_list *l, enum lang lang, struct buf *out)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(out, i ? "," : "");
		problem_api_json(&l->items[i], lang, out);
	}
	buf_addc(out, ']');
}

const struct problem *problems_find(const struct problem_list *l, const char *table, int col)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		int about = p->table && table && !strcmp(p->table, table) ? p->col : -1;
		if (about == col)
			return p;
	}
	return NULL;
}
