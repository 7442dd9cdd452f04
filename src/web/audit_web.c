/* SPDX-License-Identifier: MIT */
/* The audit log page: who changed what and when, newest first, filtered by
 * actor, kind, record and local dates, paged with totals; times in the
 * server's zone (--time-zone, Asia/Seoul by default); a record's update
 * as the fields it changed, a stored model as a summary and a link, never
 * the whole model inline. The chain's integrity is checked on each visit. */
#include "web/web_impl.h"
#include "web/table.h"

#include "domain/schema.h"
#include "report/i18n.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

#define AUDIT_PAGE 100

/* A record kind's name, or the audit's own entities (model, results, user). */
static const char *audit_entity(struct request *req, const char *entity)
{
	enum lang lang = i18n_lang(req->lang);
	const char *t = i18n_named(lang, "kind.", entity);
	return t != entity ? t : i18n_named(lang, "audit.entity.", entity);
}

/* The entities one can filter by: the record kinds and the audit's own. */
static void entity_select(struct request *req, struct buf *o, const char *current)
{
	static const char *const own[] = { "alert", "model", "results", "user" };
	html_raw(o, "<select id=\"a-entity\" name=\"entity\"><option value=\"\"></option>");
	for (size_t i = 0; i < schema_n_tables + sizeof own / sizeof own[0]; i++) {
		const char *name = i < schema_n_tables ? schema_tables[i].name : own[i - schema_n_tables];
		html_raw(o, "<option value=\"");
		html_escape(o, name);
		html_raw(o, current && !strcmp(current, name) ? "\" selected>" : "\">");
		html_escape(o, audit_entity(req, name));
		html_raw(o, "</option>");
	}
	html_raw(o, "</select>");
}

static void text_input(struct request *req, struct buf *o, const char *name, const char *type,
		       const char *label_key)
{
	const char *v = http_query(req, name);
	html_raw(o, "<span class=\"filter\"><label for=\"a-");
	html_escape(o, name);
	html_raw(o, "\">");
	html_msg(o, req, label_key);
	html_raw(o, "</label> <input id=\"a-");
	html_escape(o, name);
	html_raw(o, "\" name=\"");
	html_escape(o, name);
	html_raw(o, "\" type=\"");
	html_escape(o, type);
	html_raw(o, "\" value=\"");
	html_escape(o, v ? v : "");
	html_raw(o, "\"></span> ");
}

/* The label of a field of an audit entry: the column's name when the
 * catalog has one (col.NAME), else an audit field's (audit.field.NAME),
 * else the name itself. */
static const char *field_label(struct request *req, const char *name)
{
	enum lang lang = i18n_lang(req->lang);
	const char *t = i18n_find(lang, arena_printf(&req->arena, "col.%s", name));
	if (!t)
		t = i18n_find(lang, arena_printf(&req->arena, "audit.field.%s", name));
	return t ? t : name;
}

/* A field's value as a reader says it: a role by its name, a value of an
 * enumerated column of the record kind (schema.c) by its label, a
 * yes-or-no field (jsonin reads true and false as 1 and 0) as yes or no,
 * null as a dash. */
static void field_value(struct request *req, struct buf *o, const char *entity,
			const char *name, const char *v)
{
	static const char *const yes_no[] = { "disabled" };
	enum lang lang = i18n_lang(req->lang);
	const struct table *kind = schema_find(entity);
	const char *t = NULL;
	if (!v)
		t = "—";
	else if (!strcmp(name, "role"))
		t = i18n_named(lang, "role.", v);
	for (size_t i = 0; v && kind && i < kind->n_columns; i++)
		if (!strcmp(kind->columns[i].name, name) && kind->columns[i].type == COL_ENUM)
			t = i18n_named(lang, "enum.", v);
	for (size_t i = 0; v && i < sizeof yes_no / sizeof *yes_no; i++)
		if (!strcmp(name, yes_no[i]) && (!strcmp(v, "0") || !strcmp(v, "1")))
			t = i18n_find(lang, v[0] == '1' ? "grid.yes" : "grid.no");
	html_escape(o, t ? t : v);
}

/* A created or deleted record as "label: value", one a line; -1 when the
 * value is not a flat object (it is then shown as text). */
static int field_values(struct request *req, struct buf *o, const char *entity, const char *json)
{
	struct param *f;
	size_t n;
	struct buf err = BUF_INIT;
	int rc = jsonin_parse_flat(&req->arena, json, strlen(json), &f, &n, &err) ? -1 : 0;
	buf_release(&err);
	if (rc)
		return -1;
	html_raw(o, "<ul class=\"changed\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(o, "<li>");
		html_escape(o, field_label(req, f[i].name));
		html_raw(o, ": ");
		field_value(req, o, entity, f[i].name, f[i].value);
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul>");
	return 0;
}

/* A record's update as "column: before → after", one a line, for the
 * columns that changed; 0, or -1 when either side is not a flat object. */
static int changed_fields(struct request *req, struct buf *o, const char *entity, const char *before,
			  const char *after)
{
	struct param *b, *a;
	size_t nb, na, shown = 0;
	struct buf err = BUF_INIT;
	int rc = -1;
	if (!before || !after ||
	    jsonin_parse_flat(&req->arena, before, strlen(before), &b, &nb, &err) ||
	    jsonin_parse_flat(&req->arena, after, strlen(after), &a, &na, &err))
		goto out;
	html_raw(o, "<ul class=\"changed\">");
	for (size_t i = 0; i < na; i++) {
		const char *was = NULL;
		for (size_t j = 0; j < nb; j++)
			if (!strcmp(b[j].name, a[i].name))
				was = b[j].value;
		const char *now = a[i].value;
		if ((!was && !now) || (was && now && !strcmp(was, now)))
			continue;
		html_raw(o, "<li>");
		html_escape(o, field_label(req, a[i].name));
		html_raw(o, ": <del>");
		field_value(req, o, entity, a[i].name, was);
		html_raw(o, "</del> → <ins>");
		field_value(req, o, entity, a[i].name, now);
		html_raw(o, "</ins></li>");
		shown++;
	}
	if (!shown) {
		html_raw(o, "<li class=\"muted\">");
		html_msg(o, req, "audit.no_change");
		html_raw(o, "</li>");
	}
	html_raw(o, "</ul>");
	rc = 0;
out:
	buf_release(&err);
	return rc;
}

/* A long value folded: its first characters, the rest on demand. */
static void folded(struct request *req, struct buf *o, const char *v)
{
	size_t len = v ? strlen(v) : 0, cut = 160;
	if (!v) {
		html_raw(o, "—");
		return;
	}
	if (len <= cut + 40) {
		html_raw(o, "<code class=\"json\">");
		html_escape(o, v);
		html_raw(o, "</code>");
		return;
	}
	while (cut < len && ((unsigned char)v[cut] & 0xC0) == 0x80)
		cut++;                         /* never inside a character */
	html_raw(o, "<details><summary><code class=\"json\">");
	html_escape_n(o, v, cut);
	html_raw(o, "…</code> ");
	html_msg(o, req, "audit.show_all");
	html_raw(o, "</summary><code class=\"json\">");
	html_escape(o, v);
	html_raw(o, "</code></details>");
}

void web_record_change(struct request *req, struct buf *o, const char *entity, const char *before,
		       const char *after)
{
	if (before && after && !changed_fields(req, o, entity, before, after))
		return;                        /* an update or an import's replace */
	const char *sides[2][2] = { { "audit.before", before }, { "audit.after", after } };
	for (size_t i = 0; i < 2; i++) {
		if (!sides[i][1])
			continue;
		html_raw(o, "<div><span class=\"muted small\">");
		html_msg(o, req, sides[i][0]);
		html_raw(o, "</span> ");
		if (field_values(req, o, entity, sides[i][1]))
			folded(req, o, sides[i][1]);
		html_raw(o, "</div>");
	}
}

/* What changed, in one cell: a model as a summary and its link, an update
 * as its changed fields, anything else as its values (long ones folded). */
static void change_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct audit_row *r = arg;
	if (!strcmp(r->entity, "model")) {
		struct buf h = BUF_INIT, t = BUF_INIT;
		char size[32];
		snprintf(size, sizeof size, "%zu", r->after ? strlen(r->after) : (size_t)0);
		const char *args[] = { r->key, size };
		i18n_add(&t, i18n_lang(req->lang), r->after ? "audit.model_stored" : "audit.model_changed", args, 2);
		buf_adds(&h, "/models/");
		http_url_escape(&h, r->key);
		html_raw(o, "<span class=\"model-change\">");
		html_escape(o, t.data);
		html_raw(o, " ");
		html_link(o, h.data, msg(req->lang, "audit.open_model"));
		html_raw(o, "</span>");
		buf_release(&h);
		buf_release(&t);
		return;
	}
	web_record_change(req, o, r->entity, r->before, r->after);
}

/* The record an entry is about: a contract or a proposal as a link to its
 * page, a client, person or unit with its name beside its code (while it
 * exists), anything else as its key. */
static void key_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct audit_row *r = arg;
	static const struct { const char *entity, *page; } pages[] = {
		{ "contracts", "/contracts/" }, { "proposals", "/proposals/" },
	};
	const struct table *t = schema_find(r->entity);
	int name_col = t && !t->blocks ? schema_column(t, "name") : -1;
	if (!strncmp(r->key, "batch ", 6)) {
		struct buf b = BUF_INIT;
		const char *args[] = { r->key + 6 };
		i18n_add(&b, i18n_lang(req->lang), "audit.batch", args, 1);
		html_escape(o, b.data);
		buf_release(&b);
		return;
	}
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (!strcmp(r->entity, pages[i].entity) && strcmp(r->action, "delete") && !strchr(r->key, ' ')) {
			struct buf h = BUF_INIT;
			buf_adds(&h, pages[i].page);
			http_url_escape(&h, r->key);
			html_link(o, h.data, r->key);
			buf_release(&h);
			return;
		}
	html_escape(o, r->key);
	if (name_col >= 0 && !strchr(r->key, '/') && !strchr(r->key, ' ')) {
		const char *key[1] = { r->key };
		struct record rec;
		struct buf err = BUF_INIT;
		if (records_get(req->store, t, key, &rec, &err) == 0) {
			if (rec.values[name_col]) {
				html_raw(o, " <span class=\"muted small\">");
				html_escape(o, rec.values[name_col]);
				html_raw(o, "</span>");
			}
			record_free(t, &rec);
		}
		buf_release(&err);
	}
}

/* When an entry was made, in the server's zone, its instant in datetime. */
static void time_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct audit_row *r = arg;
	char local[20];
	web_local_time(req, r->at, local);
	html_raw(o, "<time datetime=\"");
	html_escape(o, r->at);
	html_raw(o, "\">");
	html_escape(o, local);
	html_raw(o, "</time>");
}

static const struct table_column audit_columns[] = {
	{ .key = "seq", .label_key = "audit.seq", .kind = TABLE_NUMBER },
	{ .key = "at", .label_key = "audit.at" },
	{ .key = "actor", .label_key = "audit.actor" },
	{ .key = "action", .label_key = "audit.action" },
	{ .key = "entity", .label_key = "audit.entity" },
	{ .key = "key", .label_key = "audit.key" },
	{ .key = "change", .label_key = "audit.change", .class_name = "change" },
};

/* Newest first, a hundred a page, filtered by the page's own form (the
 * store pages: html_table_given()). */
static const struct table_desc audit_table = {
	.id = "audit", .class_name = "audit", .columns = audit_columns,
	.n_columns = sizeof audit_columns / sizeof audit_columns[0], .per_page = AUDIT_PAGE,
	.empty_key = "audit.none", .default_sort = -1, .numbered = 1,
};

void page_audit(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT, problems = BUF_INIT;
	struct audit_row *rows = NULL;
	size_t n = 0;
	int64_t total = 0;
	struct table_state st;
	table_state_read(req, &audit_table, &st);
	long offset = (long)((st.page - 1) * st.per_page);
	const char *from_text = http_query(req, "from"), *to_text = http_query(req, "to");
	char from[21] = "", before[21] = "";
	day_t d;
	const char *actor = http_query(req, "actor");
	struct audit_query q = { actor, http_query(req, "entity"), http_query(req, "key"), NULL, NULL };
	/* "kim" is the account kim ("user:kim"); "cli:root" as it is */
	if (actor && *actor && !strchr(actor, ':'))
		q.actor = arena_printf(&req->arena, "user:%s", actor);
	/* The dates are days in the server's zone: from its first second to
	 * the end of the "to" day. */
	if ((from_text && *from_text && date_parse(from_text, strlen(from_text), &d)) ||
	    (to_text && *to_text && date_parse(to_text, strlen(to_text), &d))) {
		html_error_page(req, res, 400, "audit.bad_date", NULL);
		goto out;
	}
	if (from_text && *from_text && !date_parse(from_text, strlen(from_text), &d)) {
		web_local_day_start(req, d, from);
		q.from = from;
	}
	if (to_text && *to_text && !date_parse(to_text, strlen(to_text), &d)) {
		web_local_day_start(req, d + 1, before);
		q.before = before;
	}
	html_page_begin(req, res, "audit.title", NULL);
	int v = audit_verify(req->store, &problems, &err);
	html_raw(o, v == 0 ? "<p class=\"notice ok\" role=\"status\">" : "<p class=\"notice error\" role=\"alert\">");
	html_msg(o, req, v == 0 ? "audit.intact" : "audit.broken");
	if (v) {
		html_raw(o, " ");
		html_escape(o, v < 0 || v >= 2 ? err.data : problems.data);   /* 2, 3: the key */
	}
	html_raw(o, "</p>\n");
	buf_reset(&err);
	html_raw(o, "<form method=\"get\" class=\"filters\" id=\"audit-filter\">");
	text_input(req, o, "actor", "text", "audit.actor");
	html_raw(o, "<span class=\"filter\"><label for=\"a-entity\">");
	html_msg(o, req, "audit.entity");
	html_raw(o, "</label> ");
	entity_select(req, o, q.entity);
	html_raw(o, "</span> ");
	text_input(req, o, "key", "text", "audit.key");
	text_input(req, o, "from", "date", "audit.from");
	text_input(req, o, "to", "date", "audit.to");
	html_raw(o, "<button type=\"submit\">");
	html_msg(o, req, "action.filter");
	html_raw(o, "</button></form>\n<p class=\"muted small\" id=\"audit-zone\">");
	{
		/* the zone is a name of the tz database: shown as code */
		struct buf t = BUF_INIT;
		const char *zone = req->srv->tz.name, *args[] = { zone };
		i18n_add(&t, i18n_lang(req->lang), "audit.zone", args, 1);
		const char *at = strstr(t.data, zone);
		if (at) {
			html_escape_n(o, t.data, (size_t)(at - t.data));
			html_raw(o, "<code>");
			html_escape(o, zone);
			html_raw(o, "</code>");
			html_escape(o, at + strlen(zone));
		} else {
			html_escape(o, t.data);
		}
		buf_release(&t);
	}
	html_raw(o, "</p>\n");
	if (records_audit_query(req->store, &q, (long)st.per_page, offset, &rows, &n, &total, &err)) {
		fprintf(stderr, "tandem serve: audit: %s\n", err.data);
		html_raw(o, "<p class=\"notice error\" role=\"alert\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p>\n");
		html_page_end(req, res);
		goto out;
	}
	struct table_row *trows = arena_alloc(&req->arena, (n + 1) * sizeof *trows);
	for (size_t i = 0; i < n; i++) {
		struct table_cell *c = arena_alloc(&req->arena, 7 * sizeof *c);
		memset(c, 0, 7 * sizeof *c);
		c[0].text = arena_printf(&req->arena, "%lld", (long long)rows[i].seq);
		c[1].draw = time_cell;
		c[2].text = web_actor_text(req, rows[i].actor);
		c[3].text = i18n_named(i18n_lang(req->lang), "audit.action.", rows[i].action);
		c[4].text = audit_entity(req, rows[i].entity);
		c[5].draw = key_cell;
		c[6].draw = change_cell;
		for (size_t k = 0; k < 7; k++)
			if (c[k].draw)
				c[k].draw_arg = &rows[i];
		trows[i].cells = c;
		trows[i].id = NULL;
	}
	struct table_given given = { (size_t)total, NULL };
	html_table_given(req, o, &audit_table, &st, trows, n, &given);
	html_page_end(req, res);
out:
	records_audit_list_free(rows, n);
	buf_release(&err);
	buf_release(&problems);
}
