/* SPDX-License-Identifier: MIT */
/* The contract page, the accounts and the embedded static files. Record
 * lists and forms are in records_pages.c, the audit log in audit_web.c,
 * the import pages in import_web.c. */
#include "web/web_impl.h"
#include "web/table.h"

#include "domain/decimal.h"
#include "report/i18n.h"

#include "embedded.h"
#include "store/audit.h"
#include "report/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"

/* --- assets -------------------------------------------------------------- */

void page_asset(struct request *req, struct response *res)
{
	struct buf name = BUF_INIT;
	for (size_t i = 0; i < req->n_rest; i++) {
		if (!strcmp(req->rest[i], "..") || !strcmp(req->rest[i], ".")) {
			res->status = 404;
			goto out;
		}
		buf_addf(&name, "%s%s", i ? "/" : "", req->rest[i]);
	}
	const struct embedded_file *f = strncmp(name.data, "web/", 4) ? NULL : embedded_find(name.data);
	if (!f) {
		res->status = 404;
		res->content_type = "text/plain; charset=utf-8";
		buf_adds(&res->body, "not found\n");
		goto out;
	}
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".png", "image/png" },
		{ ".svg", "image/svg+xml" },
	};
	res->content_type = "application/octet-stream";
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t el = strlen(types[i].ext);
		if (name.len > el && !strcmp(name.data + name.len - el, types[i].ext))
			res->content_type = types[i].type;
	}
	buf_add(&res->body, f->data, f->size);
	http_header(res, req, "Cache-Control", "public, max-age=3600");
out:
	buf_release(&name);
}

/* --- the contract page ------------------------------------------------------ */

/* The name of a referenced client or person, or NULL. */
static char *ref_name(struct request *req, const char *ref_table, const char *id)
{
	const struct table *rt = schema_find(ref_table);
	const char *key[1] = { id };
	struct record r;
	struct buf err = BUF_INIT;
	char *name = NULL;
	int nc = rt ? schema_column(rt, "name") : -1;
	if (nc >= 0 && records_get(req->store, rt, key, &r, &err) == 0) {
		if (r.values[nc])
			name = arena_strdup(&req->arena, r.values[nc]);
		record_free(rt, &r);
	}
	buf_release(&err);
	return name;
}

static void field_row(struct request *req, struct buf *o, const struct table *t,
		      const struct record *r, const char *col)
{
	int c = schema_column(t, col);
	const struct column *cd = &t->columns[c];
	const char *v = r->values[c];
	html_raw(o, "<div><dt>");
	html_msg(o, req, arena_printf(&req->arena, "col.%s", col));
	html_raw(o, "</dt><dd>");
	if (!v) {
		html_raw(o, "—");
	} else if (cd->type == COL_MONEY) {
		html_money(o, req, v);
	} else if (cd->ref_table && strcmp(cd->ref_table, "contracts")) {
		char *name = ref_name(req, cd->ref_table, v);
		html_escape(o, name ? name : v);
		if (name) {
			html_raw(o, " <span class=\"muted small\">");
			html_escape(o, v);
			html_raw(o, "</span>");
		}
	} else if (cd->ref_table) {
		struct buf h = BUF_INIT;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, v);
		html_link(o, h.data, v);
		buf_release(&h);
	} else if (cd->type == COL_ENUM) {
		html_msg(o, req, arena_printf(&req->arena, "enum.%s", v));
	} else {
		html_escape(o, v);
	}
	html_raw(o, "</dd></div>\n");
}

/* A contract's checklist. go_live: the contract's go-live date (readiness
 * only): an item done after it is marked, since it does not count for
 * readiness at go-live (S1.1). */
static void checklist(struct request *req, struct buf *o, const char *kind, const char *contract,
		      const char *done_col, const char *go_live)
{
	const struct table *t = schema_find(kind);
	struct record_filter f = { "contract_id", contract };
	struct record_list l;
	struct buf err = BUF_INIT;
	int item = schema_column(t, "item"), done = schema_column(t, done_col);
	int req_col = schema_column(t, "required");
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, arena_printf(&req->arena, "kind.%s", t->name));
	html_raw(o, "</h2>\n");
	if (records_list(req->store, t, &f, 1, 500, 0, &l, &err) == 0) {
		size_t n_done = 0, n_late = 0;
		html_raw(o, "<ul class=\"checklist\">\n");
		for (size_t i = 0; i < l.n; i++) {
			const char *d = l.rows[i].values[done];
			int late = d && go_live && strcmp(d, go_live) > 0;   /* dates as YYYY-MM-DD */
			n_done += d != NULL;
			n_late += late;
			html_raw(o, late ? "<li class=\"late\"><span aria-hidden=\"true\">!</span> "
				 : d ? "<li class=\"done\"><span aria-hidden=\"true\">✓</span> "
				 : "<li class=\"open\"><span aria-hidden=\"true\">○</span> ");
			html_escape(o, l.rows[i].values[item]);
			if (req_col >= 0 && l.rows[i].values[req_col] && !strcmp(l.rows[i].values[req_col], "0")) {
				html_raw(o, " <span class=\"muted small\">(");
				html_msg(o, req, "contract.optional");
				html_raw(o, ")</span>");
			}
			html_raw(o, " <span class=\"muted\">");
			if (d)
				html_escape(o, d);
			else
				html_msg(o, req, "contract.open_item");
			html_raw(o, "</span>");
			if (late) {
				html_raw(o, " <span class=\"badge warn\">");
				html_msg(o, req, "reason.done_after_go_live");
				html_raw(o, "</span>");
			}
			if (web_can_write(req, t)) {
				struct buf h = BUF_INIT;
				web_record_href(&h, t, &l.rows[i], "edit");
				html_raw(o, " ");
				html_link(o, h.data, msg(req->lang, "action.edit"));
				buf_release(&h);
			}
			html_raw(o, "</li>\n");
		}
		if (!l.n) {
			html_raw(o, "<li class=\"muted\">");
			html_msg(o, req, "records.none");
			html_raw(o, "</li>\n");
		}
		html_raw(o, "</ul>\n");
		buf_addf(o, "<p class=\"muted\" id=\"%s-count\">%zu / %zu", kind, n_done, l.n);
		if (n_late) {
			struct buf text = BUF_INIT;
			char late_text[24];
			snprintf(late_text, sizeof late_text, "%zu", n_late);
			const char *args[] = { late_text };
			i18n_add(&text, i18n_lang(req->lang), "contract.late_items", args, 1);
			html_raw(o, " · ");
			html_escape(o, text.data);
			buf_release(&text);
		}
		html_raw(o, "</p>\n");
		record_list_free(t, &l);
	}
	if (web_can_write(req, t)) {
		struct buf h = BUF_INIT;
		buf_addf(&h, "/records/%s/new?contract_id=", kind);
		http_url_escape(&h, contract);
		html_raw(o, "<p>");
		html_link(o, h.data, msg(req->lang, "records.new"));
		html_raw(o, "</p>");
		buf_release(&h);
	}
	html_raw(o, "</section>\n");
	buf_release(&err);
}

void page_contract(struct request *req, struct response *res)
{
	const struct table *t = schema_find("contracts");
	const char *key[1] = { req->params[0] };
	struct record r;
	struct buf err = BUF_INIT, *o = &res->body;
	int rc = records_get(req->store, t, key, &r, &err);
	if (rc) {
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found", NULL);
		buf_release(&err);
		return;
	}
	html_page_begin(req, res, "contract.title", key[0]);
	if (http_query(req, "saved")) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "records.saved");
		html_raw(o, "</p>\n");
	}
	/* The lifecycle as a timeline of its dates. */
	static const char *const steps[] = { "signed_on", "ramp_started_on", "staffed_on", "go_live_on", "end_on" };
	char today[21];
	clock_now_iso(today);
	today[10] = '\0';
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "contract.lifecycle");
	html_raw(o, "</h2>\n<ol class=\"timeline\">\n");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const char *d = r.values[schema_column(t, steps[i])];
		int past = d && strcmp(d, today) <= 0;
		html_raw(o, past ? "<li class=\"past\">" : d ? "<li class=\"future\">" : "<li class=\"unknown\">");
		html_raw(o, "<span class=\"step\">");
		html_msg(o, req, arena_printf(&req->arena, "col.%s", steps[i]));
		html_raw(o, "</span><span class=\"date\">");
		html_escape(o, d ? d : "—");
		html_raw(o, "</span></li>\n");
	}
	html_raw(o, "</ol>\n</section>\n");
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "contract.terms");
	html_raw(o, "</h2>\n<dl class=\"fields\">\n");
	for (size_t c = 0; c < t->n_columns; c++)
		field_row(req, o, t, &r, t->columns[c].name);
	html_raw(o, "</dl>\n<p class=\"actions\">");
	{
		struct buf h = BUF_INIT;
		int year = web_default_year(req);
		buf_adds(&h, "/scores/contract/");
		http_url_escape(&h, key[0]);
		buf_addf(&h, "?year=%d&org=sales", year);
		html_link(o, h.data, msg(req->lang, "contract.sales_scores"));
		html_raw(o, " · ");
		buf_reset(&h);
		buf_adds(&h, "/scores/contract/");
		http_url_escape(&h, key[0]);
		buf_addf(&h, "?year=%d&org=operations", year);
		html_link(o, h.data, msg(req->lang, "contract.ops_scores"));
		if (web_can_write(req, t)) {
			html_raw(o, " · ");
			buf_reset(&h);
			web_record_href(&h, t, &r, "edit");
			html_link(o, h.data, msg(req->lang, "action.edit"));
		}
		buf_release(&h);
	}
	html_raw(o, "</p>\n</section>\n<div class=\"columns\">\n");
	checklist(req, o, "readiness", key[0], "done_on", r.values[schema_column(t, "go_live_on")]);
	checklist(req, o, "handover", key[0], "accepted_on", NULL);
	html_raw(o, "</div>\n");
	/* The SLA metrics. */
	{
		const struct table *mt = schema_find("sla_metrics");
		struct record_filter f = { "contract_id", key[0] };
		struct record_list l;
		if (records_list(req->store, mt, &f, 1, 100, 0, &l, &err) == 0) {
			html_raw(o, "<section class=\"card\"><h2>");
			html_msg(o, req, arena_printf(&req->arena, "kind.%s", mt->name));
			html_raw(o, "</h2><table class=\"data\"><thead><tr>");
			for (size_t c = 1; c < mt->n_columns; c++) {
				html_raw(o, "<th scope=\"col\">");
				html_msg(o, req, arena_printf(&req->arena, "col.%s", mt->columns[c].name));
				html_raw(o, "</th>");
			}
			html_raw(o, "</tr></thead><tbody>\n");
			for (size_t i = 0; i < l.n; i++) {
				html_raw(o, "<tr>");
				for (size_t c = 1; c < mt->n_columns; c++) {
					const char *v = l.rows[i].values[c];
					html_raw(o, "<td>");
					if (v && mt->columns[c].type == COL_ENUM)
						html_msg(o, req, arena_printf(&req->arena, "enum.%s", v));
					else
						html_escape(o, v ? v : "");
					html_raw(o, "</td>");
				}
				html_raw(o, "</tr>\n");
			}
			html_raw(o, "</tbody></table></section>\n");
			record_list_free(mt, &l);
		}
	}
	web_feed_sources_panel(req, o, key[0]);
	/* Evidence about it that waits for the other side's confirmation. */
	web_contract_changes_section(req, o, r.values[0]);
	web_credits_contract(req, o, key[0]);
	html_page_end(req, res);
	record_free(t, &r);
	buf_release(&err);
}

/* --- accounts ------------------------------------------------------------------ */

static void role_select(struct request *req, struct buf *o, const char *id, const char *current)
{
	html_raw(o, "<select id=\"");
	html_escape(o, id);
	html_raw(o, "\" name=\"role\">");
	for (int i = 0; role_names[i]; i++) {
		html_raw(o, "<option value=\"");
		html_escape(o, role_names[i]);
		html_raw(o, current && !strcmp(current, role_names[i]) ? "\" selected>" : "\">");
		html_msg(o, req, arena_printf(&req->arena, "role.%s", role_names[i]));
		html_raw(o, "</option>");
	}
	html_raw(o, "</select>");
}

/* An account's actions: its role, enable or disable, a new password. */
static void user_actions_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct user *u = arg;
	struct buf h = BUF_INIT;
	buf_adds(&h, "/users/");
	http_url_escape(&h, u->name);
	html_raw(o, "<form method=\"post\" class=\"inline\" action=\"");
	html_escape(o, h.data);
	html_raw(o, "\">");
	html_csrf_field(req, o);
	char *rid = arena_printf(&req->arena, "role-%s", u->name);
	html_raw(o, "<label class=\"visually-hidden\" for=\"");
	html_escape(o, rid);
	html_raw(o, "\">");
	html_msg(o, req, "users.role");
	html_raw(o, "</label>");
	role_select(req, o, rid, role_name(u->role));
	html_raw(o, " <button type=\"submit\" name=\"op\" value=\"role\">");
	html_msg(o, req, "users.set_role");
	html_raw(o, "</button> <button type=\"submit\" name=\"op\" value=\"");
	html_raw(o, u->disabled ? "enable\">" : "disable\">");
	html_msg(o, req, u->disabled ? "users.enable" : "users.disable");
	html_raw(o, "</button> <button type=\"submit\" name=\"op\" value=\"reset\">");
	html_msg(o, req, "users.reset");
	html_raw(o, "</button></form>");
	buf_release(&h);
}

static const struct table_column user_columns[] = {
	{ .key = "name", .label_key = "users.name", .flags = TABLE_ROW_HEADER | TABLE_SORTABLE | TABLE_SEARCH },
	{ .key = "role", .label_key = "users.role", .flags = TABLE_SORTABLE | TABLE_CHOICES,
	  .choice_prefix = "role." },
	{ .key = "person", .label_key = "users.person", .flags = TABLE_SORTABLE | TABLE_SEARCH },
	{ .key = "state", .label_key = "users.state", .flags = TABLE_SORTABLE },
	{ .key = "change", .label_key = "users.change" },
};

static void users_page(struct request *req, struct response *res, const char *notice,
		       const char *password_for, const char *password, int error)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct user *list;
	size_t n;
	html_page_begin(req, res, "users.title", NULL);
	if (notice) {
		html_raw(o, error ? "<p class=\"notice error\" role=\"alert\">" : "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, notice);
		if (password) {
			html_raw(o, " <strong>");
			html_escape(o, password_for);
			html_raw(o, "</strong>: <code id=\"new-password\">");
			html_escape(o, password);
			html_raw(o, "</code> ");
			html_msg(o, req, "users.shown_once");
		}
		html_raw(o, "</p>\n");
	}
	if (users_list(req->store, &list, &n, &err) == 0) {
		static const struct table_desc d = { .id = "users", .columns = user_columns,
						     .n_columns = sizeof user_columns / sizeof user_columns[0],
						     .default_sort = -1 };
		struct table_row *rows = arena_alloc(&req->arena, (n + 1) * sizeof *rows);
		for (size_t i = 0; i < n; i++) {
			struct user *u = &list[i];
			struct table_cell *c = arena_alloc(&req->arena, 5 * sizeof *c);
			const char *role = role_name(u->role) ? role_name(u->role) : "?";
			memset(c, 0, 5 * sizeof *c);
			c[0].text = u->name;
			c[1].text = msg(req->lang, arena_printf(&req->arena, "role.%s", role));
			c[1].choice = role;
			c[2].text = u->person_id ? u->person_id : "—";
			c[3].text = msg(req->lang, u->disabled ? "users.disabled" : u->locked_until ? "users.locked"
					: "users.active");
			c[4].draw = user_actions_cell;
			c[4].draw_arg = u;
			rows[i].cells = c;
			rows[i].id = NULL;
		}
		html_table(req, o, &d, rows, n);
		users_free_list(list, n);
	}
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "users.add");
	html_raw(o, "</h2>");
	{
		/* a new account: its name, its role, the person it is (a picker by name) */
		struct form_field fields[3] = {
			{ .name = "name", .label = msg(req->lang, "users.name"), .kind = FIELD_TEXT,
			  .flags = FIELD_REQUIRED },
			{ .name = "role", .label = msg(req->lang, "users.role"), .kind = FIELD_ENUM,
			  .flags = FIELD_REQUIRED, .options = role_names, .option_prefix = "role.", .value = "viewer" },
			{ .name = "person_id", .label = msg(req->lang, "users.person"), .kind = FIELD_REFERENCE,
			  .ref = "people" },
		};
		struct form f = { .id = "add-user", .action = "/users", .css = "record-form", .fields = fields, .n_fields = 3,
				  .submit_label = msg(req->lang, "users.add") };
		html_form(req, o, &f);
	}
	html_raw(o, "<p class=\"muted small\">");
	html_msg(o, req, "users.password_help");
	html_raw(o, "</p></section>\n");
	html_page_end(req, res);
	buf_release(&err);
}

void page_users(struct request *req, struct response *res)
{
	users_page(req, res, NULL, NULL, NULL, 0);
}

void page_users_create(struct request *req, struct response *res)
{
	const char *name = http_form(req, "name"), *role = http_form(req, "role");
	const char *person = http_form(req, "person_id");
	struct buf err = BUF_INIT;
	char password[21];
	if (!name || !user_name_valid(name) || !role_parse(role)) {
		res->status = 422;
		users_page(req, res, "users.bad_input", NULL, NULL, 1);
		goto out;
	}
	if (person && *person) {
		/* the picker takes a name: one person of that name (or id) is that person */
		struct named_record *found = NULL;
		size_t nfound = 0;
		if (records_named(req->store, schema_find("people"), person, 2, &found, &nfound, &err) == 0 &&
		    nfound >= 1 && (nfound == 1 || (found[0].exact && !found[1].exact)))
			person = arena_strdup(&req->arena, found[0].id);
		named_records_free(found, nfound);
		buf_reset(&err);
	}
	password_generate(password);
	int rc = users_add(req->store, name, role_parse(role), person && *person ? person : NULL,
			   password, req->actor, &err);
	if (rc == 1) {
		res->status = 409;
		users_page(req, res, "users.exists", NULL, NULL, 1);
	} else if (rc) {
		html_error_page(req, res, 500, "error.internal", NULL);
	} else {
		users_page(req, res, "users.created", name, password, 0);
	}
	sodium_memzero(password, sizeof password);
out:
	buf_release(&err);
}

void page_users_update(struct request *req, struct response *res)
{
	const char *name = req->params[0], *op = http_form(req, "op");
	struct buf err = BUF_INIT;
	char password[21] = "";
	int rc;
	int self = !strcmp(name, req->session.user.name);
	if (!op) {
		res->status = 422;
		users_page(req, res, "users.bad_input", NULL, NULL, 1);
		goto out;
	}
	if (!strcmp(op, "role")) {
		enum role r = role_parse(http_form(req, "role"));
		if (!r || (self && r != ROLE_ADMIN)) {
			res->status = 422;
			users_page(req, res, self ? "users.not_self" : "users.bad_input", NULL, NULL, 1);
			goto out;
		}
		rc = users_set_role(req->store, name, r, req->actor, &err);
	} else if (!strcmp(op, "disable") || !strcmp(op, "enable")) {
		if (self && !strcmp(op, "disable")) {
			res->status = 422;
			users_page(req, res, "users.not_self", NULL, NULL, 1);
			goto out;
		}
		rc = users_set_disabled(req->store, name, !strcmp(op, "disable"), req->actor, &err);
	} else if (!strcmp(op, "reset")) {
		password_generate(password);
		rc = users_set_password(req->store, name, password, req->actor, &err);
	} else {
		res->status = 422;
		users_page(req, res, "users.bad_input", NULL, NULL, 1);
		goto out;
	}
	/* The account's role or sessions may have changed. */
	web_session_forget_all(req->srv);
	if (rc == 1)
		html_error_page(req, res, 404, "error.not_found", NULL);
	else if (rc)
		html_error_page(req, res, 500, "error.internal", NULL);
	else
		users_page(req, res, "users.changed", password[0] ? name : NULL, password[0] ? password : NULL, 0);
out:
	sodium_memzero(password, sizeof password);
	buf_release(&err);
}
