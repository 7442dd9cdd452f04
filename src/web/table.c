/* SPDX-License-Identifier: MIT */
/* The one table renderer (table.h): a descriptor of columns and the rows
 * as cells become a sortable, filterable, paged HTML table whose controls
 * are links and GET forms. Everything shown goes through html_escape();
 * the markup is literals of this file. Allocations are the request's
 * arena's and die with it. */
#include "web/table.h"

#include "web/web_impl.h"

#include "report/i18n.h"
#include "report/svg.h"
#include "report/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_PER_PAGE 50
#define MAX_PER_PAGE 500
#define MAX_CHOICES 30

/* The query name of a table parameter: "sort" or "units_sort". */
static const char *param_name(struct request *req, const struct table_desc *t, const char *name)
{
	return t->prefix ? arena_printf(&req->arena, "%s_%s", t->prefix, name) : name;
}

static const char *query_of(const struct request *req, const struct table_desc *t, const char *name)
{
	char full[96];
	if (!t->prefix)
		return http_query(req, name);
	snprintf(full, sizeof full, "%s_%s", t->prefix, name);
	return http_query(req, full);
}

/* Is query parameter name one of this table's own (sort, dir, q, page,
 * per, f_*)? */
static int own_param(const struct table_desc *t, const char *name)
{
	static const char *const own[] = { "dir", "offset", "page", "per", "q", "sort" };
	if (t->prefix) {
		size_t pl = strlen(t->prefix);
		if (strncmp(name, t->prefix, pl) || name[pl] != '_')
			return 0;
		name += pl + 1;
	}
	if (!strncmp(name, "f_", 2))
		return 1;
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (!strcmp(name, own[i]))
			return 1;
	return 0;
}

static size_t parse_size(const char *s, size_t dflt, size_t min, size_t max)
{
	size_t v = 0;
	if (!s || !*s || strlen(s) > 9)
		return dflt;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return dflt;
		v = v * 10 + (size_t)(*p - '0');
	}
	return v < min || v > max ? dflt : v;
}

void table_state_read(const struct request *req, const struct table_desc *t,
		      struct table_state *st)
{
	memset(st, 0, sizeof *st);
	st->sort = t->default_sort;
	st->desc = t->default_desc;
	const char *sort = query_of(req, t, "sort"), *dir = query_of(req, t, "dir");
	for (size_t c = 0; sort && c < t->n_columns && c < TABLE_MAX_COLUMNS; c++)
		if ((t->columns[c].flags & TABLE_SORTABLE) && !strcmp(sort, t->columns[c].key)) {
			st->sort = (int)c;
			st->desc = 0;
		}
	if (dir && !strcmp(dir, "desc"))
		st->desc = 1;
	else if (dir && !strcmp(dir, "asc"))
		st->desc = 0;
	const char *q = query_of(req, t, "q");
	st->q = q && *q ? q : NULL;
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++) {
		char name[80];
		if (!(t->columns[c].flags & TABLE_CHOICES))
			continue;
		snprintf(name, sizeof name, "f_%s", t->columns[c].key);
		const char *v = query_of(req, t, name);
		st->choice[c] = v && *v ? v : NULL;
	}
	st->per_page = parse_size(query_of(req, t, "per"), t->per_page ? t->per_page : DEFAULT_PER_PAGE,
				  1, MAX_PER_PAGE);
	st->page = parse_size(query_of(req, t, "page"), 0, 1, 1000000000);
	if (!st->page)
		st->page = parse_size(query_of(req, t, "offset"), 0, 0, 999999999) / st->per_page + 1;
}

/* --- values ------------------------------------------------------------ */

static int numeric(enum table_kind k)
{
	return k != TABLE_TEXT;
}

void html_table_value(struct request *req, struct buf *out, enum table_kind kind, int decimals,
		      const struct table_cell *c)
{
	enum lang lang = i18n_lang(req->lang);
	struct buf t = BUF_INIT;
	if (kind == TABLE_TEXT || !c->has_num) {
		if (c->text)
			html_escape(out, c->text);
		else if (kind != TABLE_TEXT)
			html_msg(out, req, "score.na");
		return;
	}
	switch (kind) {
	case TABLE_TEXT:
		break;
	case TABLE_NUMBER: {
		struct buf n = BUF_INIT;
		numfmt_ld(&n, c->num, decimals);
		html_grouped_number(&t, n.data);
		buf_release(&n);
		break;
	}
	case TABLE_PERCENT: units_percent(&t, c->num, decimals); break;
	case TABLE_POINTS: units_points(&t, c->num, decimals); break;
	case TABLE_DAYS: units_days(&t, lang, c->num, decimals); break;
	case TABLE_MONTHS: units_months(&t, lang, c->num, decimals); break;
	case TABLE_WON: units_won(&t, lang, (wide_t)c->micro); break;
	case TABLE_TREND: {
		struct buf n = BUF_INIT;
		numfmt_ld(&n, c->num, decimals);
		if (n.data[0] != '-' && strspn(n.data, "0.") != n.len)
			buf_addc(&t, '+');
		buf_add(&t, n.data, n.len);
		buf_release(&n);
		break;
	}
	}
	html_escape(out, t.data);
	buf_release(&t);
}

/* --- filtering and sorting ------------------------------------------------ */

static int contains_folded(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay)
		return 0;
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i]) {
			unsigned char a = (unsigned char)h[i], b = (unsigned char)needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b - 'A' + 'a');
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

static int searchable(const struct table_desc *t, size_t c)
{
	int any = 0;
	for (size_t i = 0; i < t->n_columns; i++)
		any |= (t->columns[i].flags & TABLE_SEARCH) != 0;
	return any ? (t->columns[c].flags & TABLE_SEARCH) != 0 : t->columns[c].kind == TABLE_TEXT;
}

static int has_search(const struct table_desc *t)
{
	for (size_t c = 0; c < t->n_columns; c++)
		if (t->columns[c].flags & TABLE_SEARCH)
			return 1;
	return 0;
}

static const char *choice_of(const struct table_cell *c)
{
	return c->choice ? c->choice : c->text ? c->text : "";
}

static int row_passes(const struct table_desc *t, const struct table_state *st,
		      const struct table_row *r)
{
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++)
		if (st->choice[c] && strcmp(choice_of(&r->cells[c]), st->choice[c]))
			return 0;
	if (!st->q)
		return 1;
	for (size_t c = 0; c < t->n_columns; c++)
		if (searchable(t, c) && (contains_folded(r->cells[c].text, st->q)
					 || contains_folded(r->cells[c].note, st->q)))
			return 1;
	return 0;
}

/* Rows without a number sort last in either direction; ties keep the
 * rows' own order (the sort is stable). */
static int compare(const struct table_column *col, int desc, const struct table_row *a,
		   const struct table_row *b, size_t c)
{
	const struct table_cell *x = &a->cells[c], *y = &b->cells[c];
	int r;
	if (numeric(col->kind)) {
		if (x->has_num != y->has_num)
			return x->has_num ? -1 : 1;
		if (!x->has_num)
			return 0;
		if (col->kind == TABLE_WON)
			r = (x->micro > y->micro) - (x->micro < y->micro);
		else
			r = (x->num > y->num) - (x->num < y->num);
	} else {
		r = strcmp(x->text ? x->text : "", y->text ? y->text : "");
	}
	return desc ? -r : r;
}

static void merge_sort(const struct table_column *col, int desc, size_t c, struct table_row *rows,
		       struct table_row *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	merge_sort(col, desc, c, rows, tmp, h);
	merge_sort(col, desc, c, rows + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = compare(col, desc, &rows[j], &rows[i], c) < 0 ? rows[j++] : rows[i++];
	while (i < h)
		tmp[k++] = rows[i++];
	while (j < n)
		tmp[k++] = rows[j++];
	memcpy(rows, tmp, n * sizeof *rows);
}

/* --- links ---------------------------------------------------------------- */

/* The page's path and query without this table's own parameters (and
 * without lang, which the session keeps), ready for more: "…?a=1&". */
static void base_href(const struct request *req, const struct table_desc *t, struct buf *out)
{
	buf_adds(out, req->path);
	buf_addc(out, '?');
	for (size_t i = 0; i < req->n_query; i++) {
		if (own_param(t, req->query[i].name) || !strcmp(req->query[i].name, "lang"))
			continue;
		http_url_escape(out, req->query[i].name);
		buf_addc(out, '=');
		http_url_escape(out, req->query[i].value);
		buf_addc(out, '&');
	}
}

static void add_param(struct request *req, const struct table_desc *t, struct buf *out,
		      const char *name, const char *value)
{
	http_url_escape(out, param_name(req, t, name));
	buf_addc(out, '=');
	http_url_escape(out, value);
	buf_addc(out, '&');
}

/* The href of st (sort, filters, page) on this page. */
static void state_href(struct request *req, const struct table_desc *t, const struct table_state *st,
		       struct buf *out)
{
	base_href(req, t, out);
	if (st->sort >= 0 && (st->sort != t->default_sort || st->desc != t->default_desc)) {
		add_param(req, t, out, "sort", t->columns[st->sort].key);
		add_param(req, t, out, "dir", st->desc ? "desc" : "asc");
	}
	if (st->q)
		add_param(req, t, out, "q", st->q);
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++)
		if (st->choice[c])
			add_param(req, t, out, arena_printf(&req->arena, "f_%s", t->columns[c].key),
				  st->choice[c]);
	if (st->per_page != (t->per_page ? t->per_page : DEFAULT_PER_PAGE))
		add_param(req, t, out, "per", arena_printf(&req->arena, "%zu", st->per_page));
	if (st->page > 1)
		add_param(req, t, out, "page", arena_printf(&req->arena, "%zu", st->page));
	if (out->len && (out->data[out->len - 1] == '&' || out->data[out->len - 1] == '?'))
		out->data[--out->len] = 0;
}

/* --- rendering ------------------------------------------------------------ */

static enum table_align align_of(const struct table_column *col)
{
	if (col->align != TABLE_ALIGN_AUTO)
		return col->align;
	return numeric(col->kind) ? TABLE_ALIGN_RIGHT : TABLE_ALIGN_LEFT;
}

static void label(struct request *req, struct buf *out, const struct table_column *col)
{
	if (col->flags & TABLE_LABEL_HIDDEN) {
		html_raw(out, "<span class=\"visually-hidden\">");
		html_msg(out, req, col->label_key ? col->label_key : "table.empty");
		html_raw(out, "</span>");
	} else if (col->label_key)
		html_msg(out, req, col->label_key);
	else
		html_escape(out, col->label ? col->label : col->key);
}

static void cell_class(struct buf *out, const struct table_column *col, int total)
{
	static const char *const aligns[] = { "", "", "num", "center" };
	const char *align = aligns[align_of(col)];
	int any = 0;
	if (!*align && !col->class_name && !total)
		return;
	html_raw(out, " class=\"");
	if (*align) {
		html_escape(out, align);
		any = 1;
	}
	if (col->class_name) {
		if (any)
			html_raw(out, " ");
		html_escape(out, col->class_name);
		any = 1;
	}
	if (total)
		html_raw(out, any ? " total-row" : "total-row");
	html_raw(out, "\"");
}

static void choice_text(struct request *req, struct buf *out, const struct table_column *col,
			const char *v)
{
	if (col->choice_prefix)
		html_escape(out, i18n_named(i18n_lang(req->lang), col->choice_prefix, v));
	else
		html_escape(out, v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct values of column c over rows, sorted; NULL when more than
 * MAX_CHOICES (a select of hundreds helps nobody: the text filter does). */
static const char **distinct(struct request *req, const struct table_row *rows, size_t n, size_t c,
			     size_t *n_out)
{
	const char **v = arena_alloc(&req->arena, (MAX_CHOICES + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = choice_of(&rows[i].cells[c]);
		size_t j = 0;
		while (j < k && strcmp(v[j], s))
			j++;
		if (j < k || !*s)
			continue;
		if (k == MAX_CHOICES)
			return NULL;
		v[k++] = s;
	}
	qsort(v, k, sizeof *v, cmp_str);
	*n_out = k;
	return v;
}

/* Lists this short are read at a glance: no filter, no pager (unless a
 * filter is on, so that it can be seen and cleared). */
#define SHORT_LIST 10

static int filter_active(const struct table_desc *t, const struct table_state *st)
{
	int active = st->q != NULL;
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++)
		active |= st->choice[c] != NULL;
	return active;
}

static void filter_form(struct request *req, struct buf *out, const struct table_desc *t,
			const struct table_state *st, const struct table_row *all, size_t n_all,
			size_t total)
{
	int any_choice = 0, active = filter_active(t, st);
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++)
		any_choice |= (t->columns[c].flags & TABLE_CHOICES) != 0;
	if ((!any_choice && !has_search(t)) || (!active && (all ? n_all : total) <= SHORT_LIST))
		return;
	html_raw(out, "<form method=\"get\" class=\"filters table-filter\" role=\"search\" aria-label=\"");
	html_msg(out, req, "action.filter");
	html_raw(out, "\">\n");
	/* the page's other parameters ride along (year, org, other tables) */
	for (size_t i = 0; i < req->n_query; i++) {
		if (own_param(t, req->query[i].name) || !strcmp(req->query[i].name, "lang"))
			continue;
		html_raw(out, "<input type=\"hidden\" name=\"");
		html_escape(out, req->query[i].name);
		html_raw(out, "\" value=\"");
		html_escape(out, req->query[i].value);
		html_raw(out, "\">");
	}
	if (st->sort >= 0 && (st->sort != t->default_sort || st->desc != t->default_desc)) {
		html_raw(out, "<input type=\"hidden\" name=\"");
		html_escape(out, param_name(req, t, "sort"));
		html_raw(out, "\" value=\"");
		html_escape(out, t->columns[st->sort].key);
		html_raw(out, "\"><input type=\"hidden\" name=\"");
		html_escape(out, param_name(req, t, "dir"));
		html_raw(out, st->desc ? "\" value=\"desc\">" : "\" value=\"asc\">");
	}
	if (has_search(t)) {
		const char *qn = param_name(req, t, "q");
		html_raw(out, "<label><span>");
		html_msg(out, req, "table.search");
		html_raw(out, "</span> <input type=\"search\" name=\"");
		html_escape(out, qn);
		html_raw(out, "\" value=\"");
		html_escape(out, st->q ? st->q : "");
		html_raw(out, "\"></label>\n");
	}
	for (size_t c = 0; c < t->n_columns && c < TABLE_MAX_COLUMNS; c++) {
		const struct table_column *col = &t->columns[c];
		const char *const *values = col->choices;
		const char **found = NULL;
		size_t n = 0;
		if (!(col->flags & TABLE_CHOICES))
			continue;
		if (values)
			while (values[n])
				n++;
		else if (all && (found = distinct(req, all, n_all, c, &n)) != NULL)
			values = found;
		if (!values)
			continue;
		html_raw(out, "<label><span>");
		label(req, out, col);
		html_raw(out, "</span> <select name=\"");
		html_escape(out, param_name(req, t, arena_printf(&req->arena, "f_%s", col->key)));
		html_raw(out, "\"><option value=\"\">");
		html_msg(out, req, "table.all");
		html_raw(out, "</option>");
		for (size_t i = 0; i < n; i++) {
			html_raw(out, "<option value=\"");
			html_escape(out, values[i]);
			html_raw(out, st->choice[c] && !strcmp(st->choice[c], values[i]) ? "\" selected>" : "\">");
			choice_text(req, out, col, values[i]);
			html_raw(out, "</option>");
		}
		html_raw(out, "</select></label>\n");
	}
	html_raw(out, "<button type=\"submit\">");
	html_msg(out, req, "action.filter");
	html_raw(out, "</button>");
	if (active) {
		struct table_state clear = *st;
		struct buf href = BUF_INIT;
		clear.q = NULL;
		memset(clear.choice, 0, sizeof clear.choice);
		clear.page = 1;
		state_href(req, t, &clear, &href);
		html_raw(out, " <a class=\"table-clear\" href=\"");
		html_escape(out, href.data);
		html_raw(out, "\">");
		html_msg(out, req, "table.clear");
		html_raw(out, "</a>");
		buf_release(&href);
	}
	html_raw(out, "\n</form>\n");
}

static void head(struct request *req, struct buf *out, const struct table_desc *t,
		 const struct table_state *st)
{
	html_raw(out, "<thead><tr>");
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct table_column *col = &t->columns[c];
		int sorted = st->sort == (int)c;
		html_raw(out, "<th scope=\"col\"");
		cell_class(out, col, 0);
		if (sorted)
			html_raw(out, st->desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
		if (col->title) {
			html_raw(out, " title=\"");
			html_escape(out, col->title);
			html_raw(out, "\"");
		}
		html_raw(out, ">");
		if (!(col->flags & TABLE_SORTABLE) || c >= TABLE_MAX_COLUMNS) {
			label(req, out, col);
			html_raw(out, "</th>");
			continue;
		}
		/* A click sorts by the column, numbers best-first (descending),
		 * text A to Z; a second click turns the order round. */
		struct table_state next = *st;
		struct buf href = BUF_INIT;
		next.sort = (int)c;
		next.desc = sorted ? !st->desc : numeric(col->kind);
		next.page = 1;
		state_href(req, t, &next, &href);
		html_raw(out, "<a class=\"sort\" href=\"");
		html_escape(out, href.data);
		html_raw(out, "\">");
		label(req, out, col);
		if (sorted)
			html_raw(out, st->desc ? " <span aria-hidden=\"true\">▼</span>"
				 : " <span aria-hidden=\"true\">▲</span>");
		html_raw(out, "</a></th>");
		buf_release(&href);
	}
	html_raw(out, "</tr></thead>\n");
}

static void cell(struct request *req, struct buf *out, const struct table_column *col,
		 const struct table_cell *c, int total)
{
	int row_head = (col->flags & TABLE_ROW_HEADER) != 0;
	html_raw(out, row_head ? "<th scope=\"row\"" : "<td");
	cell_class(out, col, total);
	if (c->title) {
		html_raw(out, " title=\"");
		html_escape(out, c->title);
		html_raw(out, "\"");
	}
	html_raw(out, ">");
	if (c->draw) {
		c->draw(req, out, c->draw_arg);
		html_raw(out, row_head ? "</th>" : "</td>");
		return;
	}
	if (c->href) {
		html_raw(out, "<a href=\"");
		html_escape(out, c->href);
		if (c->label) {
			html_raw(out, "\" aria-label=\"");
			html_escape(out, c->label);
		}
		html_raw(out, "\">");
	}
	size_t drawn = 0;
	for (size_t i = 0; col->kind == TABLE_TREND && i < c->n_series; i++)
		drawn += c->series[i] != SVG_NONE;
	if (drawn >= 2) {
		char title[64];
		snprintf(title, sizeof title, "%s–%s", c->series_labels[0], c->series_labels[c->n_series - 1]);
		svg_sparkline(out, title, c->series_labels, c->series, c->n_series, 0, 100,
			      c->series_partial, msg(req->lang, "explore.partial_year"));
		html_raw(out, " ");
	}
	html_table_value(req, out, col->kind, col->decimals, c);
	if (c->href)
		html_raw(out, "</a>");
	html_grade_badge(out, c->badge);
	if (c->note && *c->note) {
		html_raw(out, c->note_code ? " <span class=\"muted small code\">" : " <span class=\"muted\">");
		html_escape(out, c->note);
		html_raw(out, "</span>");
	}
	html_raw(out, row_head ? "</th>" : "</td>");
}

/* A link of the pager to page `page` of st. */
static void page_link(struct request *req, struct buf *out, const struct table_desc *t,
		      const struct table_state *st, size_t page, const char *rel, const char *key)
{
	struct table_state to = *st;
	struct buf href = BUF_INIT;
	static const struct { const char *rel, *before, *after; } arrows[] = {
		{ "prev", "← ", "" }, { "next", "", " →" }, { "first", "", "" }, { "last", "", "" },
	};
	size_t a = 0;
	while (a < sizeof arrows / sizeof arrows[0] - 1 && strcmp(arrows[a].rel, rel))
		a++;
	to.page = page;
	state_href(req, t, &to, &href);
	html_raw(out, " <a rel=\"");
	html_escape(out, rel);
	html_raw(out, "\" href=\"");
	html_escape(out, href.data);
	html_raw(out, "\">");
	html_escape(out, arrows[a].before);
	html_msg(out, req, key);
	html_escape(out, arrows[a].after);
	html_raw(out, "</a>");
	buf_release(&href);
}

/* A numbered pager's page box: a GET form carrying the page's other
 * parameters. */
static void page_box(struct request *req, struct buf *out, const struct table_desc *t,
		     const struct table_state *st, size_t pages)
{
	const char *page_name = param_name(req, t, "page"), *offset_name = param_name(req, t, "offset");
	html_raw(out, " <form method=\"get\" class=\"inline\">");
	for (size_t i = 0; i < req->n_query; i++) {
		const char *name = req->query[i].name;
		if (!strcmp(name, page_name) || !strcmp(name, offset_name) || !*req->query[i].value)
			continue;
		html_raw(out, "<input type=\"hidden\" name=\"");
		html_escape(out, name);
		html_raw(out, "\" value=\"");
		html_escape(out, req->query[i].value);
		html_raw(out, "\">");
	}
	html_raw(out, "<label for=\"");
	html_escape(out, page_name);
	html_raw(out, "\">");
	html_msg(out, req, "records.page");
	html_raw(out, "</label> <input id=\"");
	html_escape(out, page_name);
	html_raw(out, "\" name=\"");
	html_escape(out, page_name);
	buf_addf(out, "\" type=\"number\" min=\"1\" max=\"%zu\" value=\"%zu\"> ", pages, st->page);
	html_raw(out, "<button type=\"submit\">");
	html_msg(out, req, "action.go");
	html_raw(out, "</button></form>");
}

static void pager(struct request *req, struct buf *out, const struct table_desc *t,
		  const struct table_state *st, size_t total)
{
	size_t first = total ? (st->page - 1) * st->per_page + 1 : 0;
	size_t last = first ? first + st->per_page - 1 : 0;
	size_t pages = total ? (total + st->per_page - 1) / st->per_page : 1;
	struct buf n[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT }, text = BUF_INIT;
	if (last > total)
		last = total;
	units_count(&n[0], (long long)first);
	units_count(&n[1], (long long)last);
	units_count(&n[2], (long long)total);
	units_count(&n[3], (long long)st->page);
	units_count(&n[4], (long long)pages);
	const char *args[] = { n[0].data, n[1].data, n[2].data, n[3].data, n[4].data };
	i18n_add(&text, i18n_lang(req->lang), t->numbered ? "records.range" : "table.range", args,
		 t->numbered ? 5 : 3);
	html_raw(out, t->numbered ? "<nav class=\"pager\" id=\"pager\" aria-label=\"" : "<nav class=\"pager\" aria-label=\"");
	html_msg(out, req, "table.pages");
	html_raw(out, t->numbered ? "\"><span class=\"range\" id=\"range\">" : "\"><span class=\"range\">");
	html_escape(out, text.data);
	html_raw(out, "</span>");
	if (t->numbered && st->page > 1)
		page_link(req, out, t, st, 1, "first", "action.first");
	if (st->page > 1)
		page_link(req, out, t, st, st->page - 1, "prev", "action.prev");
	if (last < total)
		page_link(req, out, t, st, st->page + 1, "next", "action.next");
	if (t->numbered && last < total)
		page_link(req, out, t, st, pages, "last", "action.last");
	if (t->numbered && pages > 1)
		page_box(req, out, t, st, pages);
	html_raw(out, "</nav>\n");
	for (size_t i = 0; i < 5; i++)
		buf_release(&n[i]);
	buf_release(&text);
}

static void render(struct request *req, struct buf *out, const struct table_desc *t,
		   const struct table_state *st, const struct table_row *rows, size_t n_rows,
		   size_t total, const struct table_cell *totals, const struct table_row *all,
		   size_t n_all)
{
	int filtered = filter_active(t, st);
	filter_form(req, out, t, st, all, n_all, total);
	html_raw(out, "<div class=\"scroll\"><table class=\"data");
	if (t->class_name) {
		html_raw(out, " ");
		html_escape(out, t->class_name);
	}
	html_raw(out, "\"");
	if (t->id) {
		html_raw(out, " id=\"");
		html_escape(out, t->id);
		html_raw(out, "\"");
	}
	html_raw(out, ">\n");
	head(req, out, t, st);
	html_raw(out, "<tbody>\n");
	for (size_t i = 0; i < n_rows; i++) {
		html_raw(out, "<tr");
		if (t->n_columns && rows[i].cells[0].row_class) {
			html_raw(out, " class=\"");
			html_escape(out, rows[i].cells[0].row_class);
			html_raw(out, "\"");
		}
		if (rows[i].id) {
			html_raw(out, " id=\"");
			html_escape(out, rows[i].id);
			html_raw(out, "\"");
		}
		html_raw(out, ">");
		for (size_t c = 0; c < t->n_columns; c++)
			cell(req, out, &t->columns[c], &rows[i].cells[c], 0);
		html_raw(out, "</tr>\n");
	}
	if (!n_rows) {
		buf_addf(out, "<tr><td colspan=\"%zu\" class=\"muted empty\"", t->n_columns);
		if (t->id) {
			html_raw(out, " id=\"");
			html_escape(out, t->id);
			html_raw(out, "-empty\"");
		}
		html_raw(out, ">");
		html_msg(out, req, filtered ? (t->none_match_key ? t->none_match_key : "table.none_match")
			 : t->empty_key ? t->empty_key : "table.empty");
		html_raw(out, "</td></tr>\n");
	}
	html_raw(out, "</tbody>\n");
	if (totals && total) {
		html_raw(out, "<tfoot><tr>");
		for (size_t c = 0; c < t->n_columns; c++) {
			const struct table_column *col = &t->columns[c];
			if (c == 0 && !(col->flags & TABLE_SUM)) {
				html_raw(out, "<th scope=\"row\" class=\"total-row\">");
				html_msg(out, req, "table.total");
				html_raw(out, "</th>");
				continue;
			}
			if (!(col->flags & TABLE_SUM)) {
				/* nothing to add up here (a score, a name): left empty */
				html_raw(out, "<td class=\"total-row\"></td>");
				continue;
			}
			cell(req, out, col, &totals[c], 1);
		}
		html_raw(out, "</tr></tfoot>\n");
	}
	html_raw(out, "</table></div>\n");
	if (t->numbered || filtered || total > st->per_page || (all ? n_all : total) > SHORT_LIST)
		pager(req, out, t, st, total);
}

size_t html_table(struct request *req, struct buf *out, const struct table_desc *t,
		  struct table_row *rows, size_t n_rows)
{
	struct table_state st;
	struct table_row *shown, *tmp;
	struct table_cell *totals = NULL;
	size_t n = 0;
	table_state_read(req, t, &st);
	shown = arena_alloc(&req->arena, (n_rows + 1) * sizeof *shown);
	tmp = arena_alloc(&req->arena, (n_rows + 1) * sizeof *tmp);
	for (size_t i = 0; i < n_rows; i++)
		if (row_passes(t, &st, &rows[i]))
			shown[n++] = rows[i];
	if (st.sort >= 0 && (size_t)st.sort < t->n_columns)
		merge_sort(&t->columns[st.sort], st.desc, (size_t)st.sort, shown, tmp, n);
	/* totals over every row that passed the filter, not just this page */
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct table_column *col = &t->columns[c];
		if (!(col->flags & TABLE_SUM))
			continue;
		if (!totals) {
			totals = arena_alloc(&req->arena, t->n_columns * sizeof *totals);
			memset(totals, 0, t->n_columns * sizeof *totals);
		}
		wide_t micro = 0;
		long double sum = 0;
		for (size_t i = 0; i < n; i++)
			if (shown[i].cells[c].has_num) {
				micro += shown[i].cells[c].micro;
				sum += shown[i].cells[c].num;
			}
		totals[c].has_num = 1;
		totals[c].num = sum;
		totals[c].micro = (long long)micro;
	}
	/* a page past the end shows the last page */
	if (n && (st.page - 1) * st.per_page >= n)
		st.page = (n - 1) / st.per_page + 1;
	size_t from = n ? (st.page - 1) * st.per_page : 0;
	size_t count = n - from < st.per_page ? n - from : st.per_page;
	render(req, out, t, &st, shown + from, count, n, totals, rows, n_rows);
	return n;
}

void html_table_given(struct request *req, struct buf *out, const struct table_desc *t,
		      const struct table_state *st, const struct table_row *rows, size_t n_rows,
		      const struct table_given *given)
{
	render(req, out, t, st, rows, n_rows, given ? given->total : n_rows,
	       given ? given->totals : NULL, NULL, 0);
}

size_t html_table_card(struct request *req, struct buf *out, const char *section_id, const char *title_key,
		       const struct table_desc *t, struct table_row *rows, size_t n_rows)
{
	html_raw(out, "<section class=\"card\"");
	if (section_id) {
		html_raw(out, " id=\"");
		html_escape(out, section_id);
		html_raw(out, "\"");
	}
	html_raw(out, ">\n<h2>");
	html_msg(out, req, title_key);
	html_raw(out, "</h2>\n");
	size_t shown = html_table(req, out, t, rows, n_rows);
	html_raw(out, "</section>\n");
	return shown;
}
