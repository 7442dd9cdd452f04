/* SPDX-License-Identifier: MIT */
/* The audit log page: who changed what and when, newest first, filtered by
 * actor, kind, record and local dates, paged with totals; times in the
 * server's zone (--time-zone, Asia/Seoul by default); a record's update
 * as the fields it changed, a stored model as a summary and a link, never
 * the whole model inline. The chain's integrity is checked on each visit. */
#include "web/web_impl.h"

#include "report/i18n.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

#define AUDIT_PAGE 100

/* "user:kim" → "사용자 kim": who did it, in the user's language. */
static void audit_actor(struct request *req, struct buf *o, const char *actor)
{
	static const struct { const char *prefix, *key; } kinds[] = {
		{ "user:", "audit.by_user" }, { "cli:", "audit.by_cli" }, { "web:", "audit.by_web" },
	};
	for (size_t i = 0; actor && i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (!strncmp(actor, kinds[i].prefix, n)) {
			struct buf t = BUF_INIT;
			const char *args[] = { strcmp(actor + n, "unknown") ? actor + n
					       : msg(req->lang, "audit.unknown_user") };
			i18n_add(&t, i18n_lang(req->lang), kinds[i].key, args, 1);
			html_escape(o, t.data);
			buf_release(&t);
			return;
		}
	}
	html_escape(o, actor);
}

/* A record kind's name, or the audit's own entities (model, results, user). */
static void audit_entity(struct request *req, struct buf *o, const char *entity)
{
	enum lang lang = i18n_lang(req->lang);
	const char *t = i18n_named(lang, "kind.", entity);
	html_escape(o, t != entity ? t : i18n_named(lang, "audit.entity.", entity));
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
		audit_entity(req, o, name);
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

/* A record's update as "column: before → after", one a line, for the
 * columns that changed; 0, or -1 when either side is not a flat object. */
static int changed_fields(struct request *req, struct buf *o, const struct audit_row *r)
{
	struct param *b, *a;
	size_t nb, na, shown = 0;
	struct buf err = BUF_INIT;
	int rc = -1;
	if (!r->before || !r->after ||
	    jsonin_parse_flat(&req->arena, r->before, strlen(r->before), &b, &nb, &err) ||
	    jsonin_parse_flat(&req->arena, r->after, strlen(r->after), &a, &na, &err))
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
		html_msg(o, req, arena_printf(&req->arena, "col.%s", a[i].name));
		html_raw(o, ": <del>");
		html_escape(o, was ? was : "—");
		html_raw(o, "</del> → <ins>");
		html_escape(o, now ? now : "—");
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

/* What changed, in one cell: a model as a summary and its link, an update
 * as its changed fields, anything else as its values (long ones folded). */
static void change_cell(struct request *req, struct buf *o, const struct audit_row *r)
{
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
	if (r->before && r->after && !changed_fields(req, o, r))
		return;                        /* an update or an import's replace */
	if (r->before) {
		html_raw(o, "<div><span class=\"muted small\">");
		html_msg(o, req, "audit.before");
		html_raw(o, "</span> ");
		folded(req, o, r->before);
		html_raw(o, "</div>");
	}
	if (r->after) {
		html_raw(o, "<div><span class=\"muted small\">");
		html_msg(o, req, "audit.after");
		html_raw(o, "</span> ");
		folded(req, o, r->after);
		html_raw(o, "</div>");
	}
}

/* The record an entry is about: a contract or a proposal as a link to its
 * page, a client, person or unit with its name beside its code (while it
 * exists), anything else as its key. */
static void key_cell(struct request *req, struct buf *o, const struct audit_row *r)
{
	static const struct { const char *entity, *page; } pages[] = {
		{ "contracts", "/contracts/" }, { "proposals", "/proposals/" },
	};
	const struct table *t = schema_find(r->entity);
	int name_col = t && !t->blocks ? schema_column(t, "name") : -1;
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

/* The page's address with its filters and another offset. */
static void audit_href(struct request *req, struct buf *h, long offset)
{
	buf_adds(h, "/audit?");
	for (size_t i = 0; i < req->n_query; i++) {
		if (!strcmp(req->query[i].name, "offset") || !*req->query[i].value)
			continue;
		http_url_escape(h, req->query[i].name);
		buf_addc(h, '=');
		http_url_escape(h, req->query[i].value);
		buf_addc(h, '&');
	}
	buf_addf(h, "offset=%ld", offset);
}

static void audit_pager(struct request *req, struct buf *o, long offset, size_t n, int64_t total)
{
	struct buf t = BUF_INIT, g[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	long pages = total ? (long)((total + AUDIT_PAGE - 1) / AUDIT_PAGE) : 1;
	long v[5] = { n ? offset + 1 : 0, offset + (long)n, (long)total, offset / AUDIT_PAGE + 1, pages };
	const char *args[5];
	for (size_t i = 0; i < 5; i++) {
		char raw[24];
		snprintf(raw, sizeof raw, "%ld", v[i]);
		html_grouped_number(&g[i], raw);
		args[i] = g[i].data;
	}
	i18n_add(&t, i18n_lang(req->lang), "records.range", args, 5);
	html_raw(o, "<nav class=\"pager\" id=\"pager\" aria-label=\"");
	html_msg(o, req, "records.pages");
	html_raw(o, "\"><span id=\"range\">");
	html_escape(o, t.data);
	html_raw(o, "</span> ");
	static const struct { int forward; const char *key, *rel; } links[] = {
		{ 0, "action.first", "first" }, { 0, "action.prev", "prev" },
		{ 1, "action.next", "next" }, { 1, "action.last", "last" },
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		long to = i == 0 ? 0 : i == 1 ? (offset > AUDIT_PAGE ? offset - AUDIT_PAGE : 0)
			: i == 2 ? offset + AUDIT_PAGE : (pages - 1) * AUDIT_PAGE;
		if (links[i].forward ? offset + AUDIT_PAGE >= total : offset <= 0)
			continue;
		struct buf h = BUF_INIT;
		audit_href(req, &h, to);
		html_raw(o, "<a href=\"");
		html_escape(o, h.data);
		html_raw(o, "\" rel=\"");
		html_escape(o, links[i].rel);
		html_raw(o, "\">");
		html_msg(o, req, links[i].key);
		html_raw(o, "</a> ");
		buf_release(&h);
	}
	html_raw(o, "</nav>\n");
	buf_release(&t);
	for (size_t i = 0; i < 5; i++)
		buf_release(&g[i]);
}

void page_audit(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT, problems = BUF_INIT;
	struct audit_row *rows = NULL;
	size_t n = 0;
	int64_t total = 0;
	long offset = web_query_long(req, "offset", 0, 0, 1L << 40);
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
	if (records_audit_query(req->store, &q, AUDIT_PAGE, offset, &rows, &n, &total, &err)) {
		fprintf(stderr, "tandem serve: audit: %s\n", err.data);
		html_raw(o, "<p class=\"notice error\" role=\"alert\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p>\n");
		html_page_end(req, res);
		goto out;
	}
	html_raw(o, "<div class=\"scroll\"><table class=\"data audit\" id=\"audit\"><thead><tr>");
	static const char *const heads[] = { "audit.seq", "audit.at", "audit.actor", "audit.action",
					     "audit.entity", "audit.key", "audit.change" };
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		html_raw(o, "<th scope=\"col\">");
		html_msg(o, req, heads[i]);
		html_raw(o, "</th>");
	}
	html_raw(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		char local[20];
		web_local_time(req, rows[i].at, local);
		buf_addf(o, "<tr><td class=\"num\">%lld</td><td><time datetime=\"", (long long)rows[i].seq);
		html_escape(o, rows[i].at);
		html_raw(o, "\">");
		html_escape(o, local);
		html_raw(o, "</time></td><td>");
		audit_actor(req, o, rows[i].actor);
		html_raw(o, "</td><td>");
		html_escape(o, i18n_named(i18n_lang(req->lang), "audit.action.", rows[i].action));
		html_raw(o, "</td><td>");
		audit_entity(req, o, rows[i].entity);
		html_raw(o, "</td><td>");
		if (!strncmp(rows[i].key, "batch ", 6)) {
			struct buf t = BUF_INIT;
			const char *args[] = { rows[i].key + 6 };
			i18n_add(&t, i18n_lang(req->lang), "audit.batch", args, 1);
			html_escape(o, t.data);
			buf_release(&t);
		} else {
			key_cell(req, o, &rows[i]);
		}
		html_raw(o, "</td><td class=\"change\">");
		change_cell(req, o, &rows[i]);
		html_raw(o, "</td></tr>\n");
	}
	if (!n) {
		html_raw(o, "<tr><td colspan=\"7\" class=\"muted\" id=\"audit-empty\">");
		html_msg(o, req, "audit.none");
		html_raw(o, "</td></tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n");
	audit_pager(req, o, offset, n, total);
	html_page_end(req, res);
out:
	records_audit_list_free(rows, n);
	buf_release(&err);
	buf_release(&problems);
}
