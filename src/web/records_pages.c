/* SPDX-License-Identifier: MIT */
/* Records: the kinds, a kind's list (a text filter, names beside codes,
 * amounts and dates as people read them, paging with totals) and the forms
 * to enter and correct every kind — built from domain/schema.c through
 * html_form() (form.c), with names accepted where ids are asked for — and
 * the suggestions behind the pickers (GET /api/v1/suggest/{kind}). */
#include "web/web_impl.h"
#include "web/table.h"

#include "domain/decimal.h"
#include "io/jsonw.h"
#include "report/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_PAGE 50

int web_can_write(const struct request *req, const struct table *t)
{
	return req->logged_in && (web_kind_writers(t) & req->session.user.role);
}

void web_record_href(struct buf *out, const struct table *t, const struct record *r, const char *what)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	buf_addf(out, "/records/%s/%s", t->name, what);
	for (size_t i = 0; i < nk; i++) {
		buf_addc(out, '/');
		http_url_escape(out, r->values[keys[i]] ? r->values[keys[i]] : "");
	}
}

/* --- record lists -------------------------------------------------------- */

void page_records_index(struct request *req, struct response *res)
{
	struct buf *o = &res->body;
	struct buf err = BUF_INIT;
	html_page_begin(req, res, "records.title", NULL);
	html_raw(o, "<section class=\"card\"><ul class=\"kinds\">\n");
	for (size_t k = 0; k < schema_n_tables; k++) {
		const struct table *t = &schema_tables[k];
		struct record_list l;
		int64_t n = 0;
		if (records_list(req->store, t, NULL, 0, 0, 0, &l, &err) == 0) {
			n = l.total;
			record_list_free(t, &l);
		}
		html_raw(o, "<li><a href=\"/records/");
		html_escape(o, t->name);
		html_raw(o, "\">");
		html_msg(o, req, arena_printf(&req->arena, "kind.%s", t->name));
		html_raw(o, "</a> <span class=\"muted\">");
		html_escape(o, t->name);
		buf_addf(o, ".csv · %lld</span>", (long long)n);
		if (!web_can_write(req, t)) {
			html_raw(o, " <span class=\"badge\">");
			html_msg(o, req, "records.read_only");
			html_raw(o, "</span>");
		}
		html_raw(o, "</li>\n");
	}
	html_raw(o, "</ul></section>\n");
	html_page_end(req, res);
	buf_release(&err);
}

/* Names of the clients, people and units a page of records refers to,
 * looked up once each. */
struct name_cache {
	const char *table[LIST_PAGE * 4], *id[LIST_PAGE * 4], *name[LIST_PAGE * 4];
	size_t n;
};

static const char *name_of(struct request *req, struct name_cache *nc, const char *ref, const char *id)
{
	const struct table *rt = schema_find(ref);
	int col = rt ? schema_column(rt, "name") : -1;
	const char *key[1] = { id };
	struct record r;
	struct buf err = BUF_INIT;
	const char *name = NULL;
	if (col < 0 || rt->blocks || !strcmp(ref, "sla_metrics"))
		return NULL;
	for (size_t i = 0; i < nc->n; i++)
		if (!strcmp(nc->table[i], ref) && !strcmp(nc->id[i], id))
			return nc->name[i];
	if (records_get(req->store, rt, key, &r, &err) == 0) {
		if (r.values[col])
			name = arena_strdup(&req->arena, r.values[col]);
		record_free(rt, &r);
	}
	buf_release(&err);
	if (nc->n < sizeof nc->id / sizeof nc->id[0]) {
		nc->table[nc->n] = ref;
		nc->id[nc->n] = arena_strdup(&req->arena, id);
		nc->name[nc->n++] = name;
	}
	return name;
}

/* Is a column an amount of money (won)? COL_MONEY is any non-negative
 * decimal — percentages, ratios and denominators too — so the columns
 * that hold won are named here. */
static int is_won(const struct column *col)
{
	static const char *const won[] = { "added_annual_value", "annual_savings", "annual_value", "cost",
					   "new_annual_value", "revenue" };
	for (size_t i = 0; col->type == COL_MONEY && i < sizeof won / sizeof won[0]; i++)
		if (!strcmp(col->name, won[i]))
			return 1;
	return 0;
}

static void draw_money(struct request *req, struct buf *o, const void *v)
{
	html_money_short(o, req, v);
}

static void draw_read_only(struct request *req, struct buf *o, const void *unused)
{
	(void)unused;
	html_raw(o, "<span class=\"muted small\">");
	html_msg(o, req, "records.read_only");
	html_raw(o, "</span>");
}

/* One cell of a record list: a contract as a link to its page, a choice
 * in the user's language, won as people read it, counts grouped, a
 * client, person or unit by its name with its code beside. */
static void list_cell(struct request *req, struct table_cell *cell, const struct table *t, size_t c,
		      const char *v, struct name_cache *nc)
{
	const struct column *col = &t->columns[c];
	int contract_link = (c == 0 && !strcmp(t->name, "contracts")) ||
		(col->ref_table && !strcmp(col->ref_table, "contracts"));
	memset(cell, 0, sizeof *cell);
	cell->text = v;
	if (!v)
		return;
	if (contract_link) {
		struct buf h = BUF_INIT;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, v);
		cell->href = arena_strdup(&req->arena, h.data);
		buf_release(&h);
	} else if (col->type == COL_ENUM) {
		cell->text = msg(req->lang, arena_printf(&req->arena, "enum.%s", v));
		cell->choice = v;
	} else if (is_won(col)) {
		cell->draw = draw_money;
		cell->draw_arg = v;
	} else if (schema_is_integer(col)) {
		struct buf g = BUF_INIT;
		html_grouped_number(&g, v);
		cell->text = arena_strdup(&req->arena, g.data);
		buf_release(&g);
	} else {
		const char *name = col->ref_table ? name_of(req, nc, col->ref_table, v) : NULL;
		if (name) {
			cell->text = name;
			cell->note = v;
			cell->note_code = 1;
		}
	}
}

/* May the user change this record at all? The policy's answer to an update
 * that changes nothing: the role's rule and its relation (a salesperson's
 * own contracts, an operations unit's) — the same decision a save asks. */
static int may_edit(struct request *req, const struct table *t, const struct record *r)
{
	struct policy_actor a = { req->session.user.role, req->session.user.person_id };
	struct policy_decision d;
	struct buf err = BUF_INIT;
	int ok = web_can_write(req, t) && policy_decide(req->store, &a, t, POLICY_UPDATE, r, r, &d, &err) == 0 &&
		 d.effect != POLICY_DENY;
	buf_release(&err);
	return ok;
}

/* The list's columns as a table: every column of the kind, sortable
 * (but for measurements, listed by their key only), and the actions. */
static struct table_desc *list_desc(struct request *req, const struct table *t)
{
	struct table_desc *d = arena_alloc(&req->arena, sizeof *d);
	size_t n = t->n_columns < TABLE_MAX_COLUMNS - 1 ? t->n_columns : TABLE_MAX_COLUMNS - 1;
	struct table_column *cols = arena_alloc(&req->arena, (n + 1) * sizeof *cols);
	memset(d, 0, sizeof *d);
	memset(cols, 0, (n + 1) * sizeof *cols);
	for (size_t c = 0; c < n; c++) {
		const struct column *col = &t->columns[c];
		cols[c].key = col->name;
		cols[c].label_key = arena_printf(&req->arena, "col.%s", col->name);
		cols[c].kind = is_won(col) ? TABLE_WON : schema_is_integer(col) ? TABLE_NUMBER : TABLE_TEXT;
		cols[c].flags = (c == 0 ? TABLE_ROW_HEADER : 0) | (t->blocks ? 0 : TABLE_SORTABLE);
	}
	cols[n].key = "actions";
	cols[n].label_key = "records.actions";
	cols[n].flags = TABLE_LABEL_HIDDEN;
	d->id = "records";
	d->class_name = "records";
	d->columns = cols;
	d->n_columns = n + 1;
	d->per_page = LIST_PAGE;
	d->empty_key = "records.none";
	d->none_match_key = "records.none_filtered";
	d->default_sort = -1;
	d->numbered = 1;
	return d;
}

void page_record_list(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	struct buf *o = &res->body;
	struct buf err = BUF_INIT;
	struct record_list l;
	struct record_filter f[16];
	struct name_cache *nc = arena_alloc(&req->arena, sizeof *nc);
	struct table_desc *d = list_desc(req, t);
	struct table_state st;
	size_t nf = 0;
	const char *q = t->blocks ? NULL : http_query(req, "q");
	table_state_read(req, d, &st);
	int sort = st.sort >= 0 && (size_t)st.sort < t->n_columns ? st.sort : -1;
	long limit = (long)st.per_page, offset = (long)((st.page - 1) * st.per_page);
	nc->n = 0;
	for (size_t i = 0; i < req->n_query && nf < 16; i++)
		if (schema_column(t, req->query[i].name) >= 0 && *req->query[i].value) {
			f[nf].column = req->query[i].name;
			f[nf].value = req->query[i].value;
			nf++;
		}
	int rc = records_search_sorted(req->store, t, f, nf, q, sort, st.desc, limit, offset, &l, &err);
	if (rc == -2)
		memset(&l, 0, sizeof l);
	else if (rc) {
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	if (rc == 0 && offset > 0 && offset >= l.total && l.total > 0) {
		/* a page past the end: the last one */
		int64_t total = l.total;
		record_list_free(t, &l);
		st.page = (size_t)((total - 1) / limit) + 1;
		offset = (long)((st.page - 1) * st.per_page);
		if (records_search_sorted(req->store, t, f, nf, q, sort, st.desc, limit, offset, &l, &err)) {
			html_error_page(req, res, 500, "error.internal", NULL);
			goto out;
		}
	}
	html_page_begin(req, res, arena_printf(&req->arena, "kind.%s", t->name), NULL);
	const char *saved = http_query(req, "saved");
	if (saved) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, !strcmp(saved, "deleted") ? "records.deleted" : "records.saved");
		html_raw(o, "</p>\n");
	}
	html_raw(o, "<p class=\"actions\">");
	if (web_can_write(req, t)) {
		html_raw(o, "<a class=\"button primary\" id=\"new-record\" href=\"/records/");
		html_escape(o, t->name);
		html_raw(o, "/new\">");
		html_msg(o, req, "records.new");
		html_raw(o, "</a> ");
	}
	html_raw(o, "<a href=\"/records\">");
	html_msg(o, req, "records.all_kinds");
	html_raw(o, "</a></p>\n");
	/* A text filter over ids, text and the names referred to; measurements
	 * (too many rows for it) filter by their key columns instead. */
	html_raw(o, "<form method=\"get\" class=\"filters\" id=\"record-filter\">");
	if (!t->blocks) {
		html_raw(o, "<label for=\"q\">");
		html_msg(o, req, "records.filter_text");
		html_raw(o, "</label> <input id=\"q\" name=\"q\" type=\"search\" value=\"");
		html_escape(o, q ? q : "");
		html_raw(o, "\">");
	} else {
		int keys[8];
		size_t nk = record_key_columns(t, keys);
		for (size_t i = 0; i < nk; i++) {
			const char *name = t->columns[keys[i]].name;
			html_raw(o, "<label for=\"f-");
			html_escape(o, name);
			html_raw(o, "\">");
			html_msg(o, req, arena_printf(&req->arena, "col.%s", name));
			html_raw(o, "</label> <input id=\"f-");
			html_escape(o, name);
			html_raw(o, "\" name=\"");
			html_escape(o, name);
			html_raw(o, t->columns[keys[i]].type == COL_DATE ? "\" type=\"date\" value=\"" : "\" value=\"");
			html_escape(o, http_query(req, name) ? http_query(req, name) : "");
			html_raw(o, "\"> ");
		}
	}
	if (sort >= 0) {
		/* a new filter keeps the order chosen */
		html_raw(o, "<input type=\"hidden\" name=\"sort\" value=\"");
		html_escape(o, t->columns[sort].name);
		html_raw(o, st.desc ? "\"><input type=\"hidden\" name=\"dir\" value=\"desc\">"
			 : "\"><input type=\"hidden\" name=\"dir\" value=\"asc\">");
	}
	html_raw(o, " <button type=\"submit\">");
	html_msg(o, req, "action.filter");
	html_raw(o, "</button></form>\n");
	if (rc == -2) {
		html_raw(o, "<p class=\"notice error\" role=\"alert\">");
		html_error_text(o, req, err.data);
		html_raw(o, "</p>\n");
	}
	struct table_row *rows = arena_alloc(&req->arena, (l.n + 1) * sizeof *rows);
	for (size_t i = 0; i < l.n; i++) {
		const struct record *r = &l.rows[i];
		struct table_cell *cells = arena_alloc(&req->arena, d->n_columns * sizeof *cells);
		struct table_cell *act = &cells[d->n_columns - 1];
		for (size_t c = 0; c + 1 < d->n_columns; c++)
			list_cell(req, &cells[c], t, c, r->values[c], nc);
		memset(act, 0, sizeof *act);
		if (may_edit(req, t, r)) {
			struct buf h = BUF_INIT;
			web_record_href(&h, t, r, "edit");
			act->href = arena_strdup(&req->arena, h.data);
			act->text = msg(req->lang, "action.edit");
			buf_release(&h);
		} else if (web_can_write(req, t)) {
			act->draw = draw_read_only;
		}
		rows[i].cells = cells;
		rows[i].id = NULL;
	}
	struct table_given given = { (size_t)l.total, NULL };
	html_table_given(req, o, d, &st, rows, l.n, &given);
	html_page_end(req, res);
	record_list_free(t, &l);
out:
	buf_release(&err);
}

/* --- record forms ---------------------------------------------------------- */

/* One form for creating (key NULL) and correcting a record. values are
 * the field values to show; problems the refusal's (NULL: none), each
 * shown beside its field in the user's language, those of no one field
 * above the form; cands the choices of ambiguous names, per column (or
 * NULL). */
static void record_form(struct request *req, struct response *res, const struct table *t,
			const char *const *key, const char *const *values,
			const struct problem_list *problems, struct named_record **cands,
			const size_t *n_cands)
{
	struct buf *o = &res->body, action = BUF_INIT, cancel = BUF_INIT;
	int keys[8];
	size_t nk = record_key_columns(t, keys), n;
	struct form f = { 0 };

	html_page_begin(req, res, key ? "records.edit" : "records.new",
			msg(req->lang, arena_printf(&req->arena, "kind.%s", t->name)));
	buf_addf(&action, "/records/%s", t->name);
	if (key) {
		buf_adds(&action, "/edit");
		for (size_t i = 0; i < nk; i++) {
			buf_addc(&action, '/');
			http_url_escape(&action, key[i]);
		}
	}
	if (!problems && key && http_query(req, "saved")) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "records.saved");
		html_raw(o, "</p>\n");
	}
	struct form_field *fields = form_fields_of_table(req, t, values, problems, key != NULL, &n);
	for (size_t c = 0; cands && c < n; c++) {
		fields[c].candidates = cands[c];
		fields[c].n_candidates = n_cands[c];
	}
	/* Why, for a change that waits for the other side's confirmation. */
	struct form_field *all = arena_alloc(&req->arena, (n + 1) * sizeof *all);
	memcpy(all, fields, n * sizeof *all);
	memset(&all[n], 0, sizeof all[n]);
	all[n].name = "reason";
	all[n].label = msg(req->lang, "records.reason");
	all[n].kind = FIELD_TEXT;
	all[n].value = http_form(req, "reason");
	buf_addf(&cancel, "/records/%s", t->name);
	f.action = action.data;
	f.error = problems ? web_problems_text(req, problems, t) : NULL;
	f.error_shown = 1;
	f.has_errors = problems && problems->total;
	f.fields = all;
	f.n_fields = n + 1;
	f.submit_label = msg(req->lang, "action.save");
	f.cancel_href = cancel.data;
	html_form(req, o, &f);
	if (key) {
		struct buf del = BUF_INIT;
		buf_addf(&del, "/records/%s/delete", t->name);
		for (size_t i = 0; i < nk; i++) {
			buf_addc(&del, '/');
			http_url_escape(&del, key[i]);
		}
		html_raw(o, "<form method=\"post\" class=\"danger-zone\" data-confirm=\"");
		html_msg(o, req, "records.confirm_delete");
		html_raw(o, "\" action=\"");
		html_escape(o, del.data);
		html_raw(o, "\">");
		html_csrf_field(req, o);
		html_raw(o, "<button type=\"submit\" class=\"danger\">");
		html_msg(o, req, "action.delete");
		html_raw(o, "</button></form>\n");
		buf_release(&del);
	}
	html_page_end(req, res);
	buf_release(&action);
	buf_release(&cancel);
}

void page_record_new(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);
	/* Query parameters prefill the form (links like "add a readiness item
	 * to this contract"). */
	for (size_t c = 0; c < t->n_columns; c++)
		values[c] = http_query(req, t->columns[c].name);
	/* The next free id in the kind's pattern, offered. */
	if (!values[0])
		values[0] = form_next_id(req, t);
	/* A rating or review is written in the account's own name (SPEC §2). */
	int pc = policy_person_column(t);
	if (pc >= 0 && !values[pc])
		values[pc] = req->session.user.person_id;
	record_form(req, res, t, NULL, values, NULL, NULL, NULL);
}

void page_record_edit(struct request *req, struct response *res)
{
	struct record r;
	struct buf err = BUF_INIT;
	int rc = records_get(req->store, req->table, req->key, &r, &err);
	if (rc) {
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found", NULL);
	} else {
		record_form(req, res, req->table, req->key, (const char *const *)r.values, NULL, NULL, NULL);
		record_free(req->table, &r);
	}
	buf_release(&err);
}

static const char **form_values(struct request *req, const struct table *t)
{
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct param *p = http_form_param(req, t->columns[c].name);
		values[c] = p && *p->value && strlen(p->value) == p->len ? p->value : NULL;
	}
	return values;
}

/* The values to write: amounts typed the way people type them
 * ("450,000,000", "4억5천만") become plain numbers; everything else, and
 * what cannot be read, goes to the importer as typed (which then says
 * what is wrong). The form shows what was typed either way. */
static const char **amounts_read(struct request *req, const struct table *t, const char **typed)
{
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);
	for (size_t c = 0; c < t->n_columns; c++) {
		enum col_type ty = t->columns[c].type;
		micro_t v;
		char text[32];
		values[c] = typed[c];
		if (!typed[c] || (ty != COL_MONEY && ty != COL_DECIMAL && ty != COL_COUNT) ||
		    decimal_parse(typed[c], strlen(typed[c]), &v) == DECIMAL_OK)
			continue;
		if (decimal_parse_human(typed[c], &v) == DECIMAL_OK) {
			decimal_format(v, text);
			values[c] = arena_strdup(&req->arena, text);
		}
	}
	return values;
}

/* Where a saved record is shown: a contract or a proposal on its own
 * page, any other record in its form (with the "saved" notice). */
static void saved_href(struct buf *to, const struct table *t, const struct record *r)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	if (!strcmp(t->name, "contracts") || !strcmp(t->name, "proposals")) {
		buf_addf(to, "/%s/", t->name);
		http_url_escape(to, r->values[keys[0]]);
		buf_adds(to, !strcmp(t->name, "contracts") ? "?saved=1" : "?done=1");
		return;
	}
	buf_addf(to, "/records/%s/edit", t->name);
	for (size_t i = 0; i < nk; i++) {
		buf_addc(to, '/');
		http_url_escape(to, r->values[keys[i]]);
	}
	buf_adds(to, "?saved=1");
}

static void save_form(struct request *req, struct response *res, const char *const *key)
{
	const struct table *t = req->table;
	const char **values = form_values(req, t);
	struct record saved;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct named_record **cands;
	size_t *n_cands;
	int64_t change_id;
	const char *code;
	/* Names typed where an id is asked for are read first; an ambiguous
	 * one is answered with its candidates (the write then fails on it, so
	 * the other problems are shown too). Its problem comes first: it wins
	 * beside its field. */
	form_resolve_refs(req, t, values, &cands, &n_cands, &problems);
	enum app_status wr = web_record_write(req, t, key, amounts_read(req, t, values), &saved,
					      &problems, &change_id, &code);
	switch (wr) {
	case APP_PROPOSED:
		http_redirect(res, req, arena_printf(&req->arena, "/changes?proposed=%lld", (long long)change_id));
		break;
	case APP_OK: {
		struct buf to = BUF_INIT;
		saved_href(&to, t, &saved);
		http_redirect(res, req, to.data);
		buf_release(&to);
		record_free(t, &saved);
		break;
	}
	case APP_MISSING:
		html_error_page(req, res, 404, "error.not_found", NULL);
		break;
	default:
		res->status = web_app_http(wr);
		record_form(req, res, t, key, values, &problems, cands, n_cands);
		break;
	}
	problems_release(&problems);
}

void page_record_create(struct request *req, struct response *res)
{
	save_form(req, res, NULL);
}

void page_record_update(struct request *req, struct response *res)
{
	save_form(req, res, req->key);
}

void page_record_delete(struct request *req, struct response *res)
{
	struct problem_list problems = PROBLEM_LIST_INIT;
	int64_t change_id;
	const char *code;
	enum app_status wr = web_record_delete(req, req->table, req->key, &problems, &change_id, &code);
	const char *detail = web_problems_text(req, &problems, NULL);
	switch (wr) {
	case APP_OK:
		http_redirect(res, req, arena_printf(&req->arena, "/records/%s?saved=deleted", req->table->name));
		break;
	case APP_PROPOSED:
		http_redirect(res, req, arena_printf(&req->arena, "/changes?proposed=%lld", (long long)change_id));
		break;
	case APP_FORBIDDEN:
		html_error_page_shown(req, res, 403, "error.forbidden", detail);
		break;
	case APP_CONFLICT:
		html_error_page_shown(req, res, 409, code ? "error.forbidden" : "records.in_use", detail);
		break;
	case APP_CLOSED:
		html_error_page_shown(req, res, 409, "error.conflict", detail);
		break;
	case APP_MISSING:
		html_error_page(req, res, 404, "error.not_found", NULL);
		break;
	default:
		html_error_page(req, res, 500, "error.internal", NULL);
		break;
	}
	problems_release(&problems);
}

/* --- suggestions for the pickers --------------------------------------------- */

/* GET /api/v1/suggest/{kind}?q=TEXT: up to 20 records of a named kind whose
 * id or name contains the text, exact matches first, and the id a new
 * record of the kind would be offered. */
void api_suggest(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	const char *q = http_query(req, "q");
	struct named_record *found = NULL;
	size_t n = 0;
	struct buf err = BUF_INIT, j = BUF_INIT;
	int rc = records_named(req->store, t, q ? q : "", 20, &found, &n, &err);
	if (rc == -2) {
		http_json_error(res, 400, "kind", "%s has no names to suggest", t->name);
		goto out;
	}
	if (rc) {
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	const char *next = form_next_id(req, t);
	buf_adds(&j, "{\"kind\":");
	json_write_string(&j, t->name, strlen(t->name));
	buf_adds(&j, ",\"q\":");
	json_write_string(&j, q ? q : "", strlen(q ? q : ""));
	buf_adds(&j, ",\"next_id\":");
	if (next)
		json_write_string(&j, next, strlen(next));
	else
		buf_adds(&j, "null");
	buf_adds(&j, ",\"items\":[");
	for (size_t i = 0; i < n; i++) {
		buf_adds(&j, i ? ",{\"id\":" : "{\"id\":");
		json_write_string(&j, found[i].id, strlen(found[i].id));
		buf_adds(&j, ",\"name\":");
		json_write_string(&j, found[i].name, strlen(found[i].name));
		buf_adds(&j, found[i].exact ? ",\"exact\":true}" : ",\"exact\":false}");
	}
	buf_adds(&j, "]}");
	http_json(res, 200, &j);
out:
	named_records_free(found, n);
	buf_release(&err);
	buf_release(&j);
}
