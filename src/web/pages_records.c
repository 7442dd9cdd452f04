/* SPDX-License-Identifier: MIT */
/* The pages that show and change data: record lists and the forms to
 * enter and correct every record kind (driven by domain/schema.c, with the
 * importer's messages shown beside the fields), the contract page, the
 * proposals with the gate, the import page with its validation preview,
 * the audit log, the accounts and the embedded static files. */
#include "web/web_impl.h"

#include "domain/decimal.h"
#include "report/i18n.h"

#include "embedded.h"
#include "store/audit.h"
#include "report/i18n.h"
#include "store/import.h"
#include "store/jobs.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"

static int can_write(const struct request *req, const struct table *t)
{
	return req->logged_in && (web_kind_writers(t) & req->session.user.role);
}

static void kind_title(struct request *req, struct buf *o, const struct table *t)
{
	html_msg(o, req, arena_printf(&req->arena, "kind.%s", t->name));
}

static void record_href(struct buf *out, const struct table *t, const struct record *r,
			const char *what)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	buf_addf(out, "/records/%s/%s", t->name, what);
	for (size_t i = 0; i < nk; i++) {
		buf_addc(out, '/');
		http_url_escape(out, r->values[keys[i]] ? r->values[keys[i]] : "");
	}
}

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
		kind_title(req, o, t);
		html_raw(o, "</a> <span class=\"muted\">");
		html_escape(o, t->name);
		buf_addf(o, ".csv · %lld</span>", (long long)n);
		if (!can_write(req, t)) {
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

void page_record_list(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	struct buf *o = &res->body;
	struct buf err = BUF_INIT;
	struct record_list l;
	struct record_filter f[16];
	size_t nf = 0;
	long limit = 50, offset = web_query_long(req, "offset", 0, 0, 1L << 40);

	for (size_t i = 0; i < req->n_query && nf < 16; i++)
		if (schema_column(t, req->query[i].name) >= 0 && *req->query[i].value) {
			f[nf].column = req->query[i].name;
			f[nf].value = req->query[i].value;
			nf++;
		}
	int rc = records_list(req->store, t, f, nf, limit, offset, &l, &err);
	if (rc == -2)
		memset(&l, 0, sizeof l);
	else if (rc) {
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	html_page_begin(req, res, arena_printf(&req->arena, "kind.%s", t->name), NULL);
	const char *saved = http_query(req, "saved");
	if (saved) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, !strcmp(saved, "deleted") ? "records.deleted" : "records.saved");
		html_raw(o, "</p>\n");
	}
	html_raw(o, "<p class=\"actions\">");
	if (can_write(req, t)) {
		html_raw(o, "<a class=\"button primary\" href=\"/records/");
		html_escape(o, t->name);
		html_raw(o, "/new\">");
		html_msg(o, req, "records.new");
		html_raw(o, "</a> ");
	}
	html_raw(o, "<a href=\"/records\">");
	html_msg(o, req, "records.all_kinds");
	html_raw(o, "</a></p>\n");
	/* A filter on the first (key) column. */
	html_raw(o, "<form method=\"get\" class=\"filters\"><label for=\"f\">");
	html_escape(o, t->columns[0].name);
	html_raw(o, "</label> <input id=\"f\" name=\"");
	html_escape(o, t->columns[0].name);
	html_raw(o, "\" value=\"");
	html_escape(o, http_query(req, t->columns[0].name));
	html_raw(o, "\"> <button type=\"submit\">");
	html_msg(o, req, "action.filter");
	html_raw(o, "</button></form>\n");
	html_raw(o, "<div class=\"scroll\"><table class=\"data\" id=\"records\"><thead><tr>");
	for (size_t c = 0; c < t->n_columns; c++) {
		html_raw(o, "<th scope=\"col\">");
		html_msg(o, req, arena_printf(&req->arena, "col.%s", t->columns[c].name));
		html_raw(o, "</th>");
	}
	html_raw(o, "<th scope=\"col\"><span class=\"visually-hidden\">");
	html_msg(o, req, "records.actions");
	html_raw(o, "</span></th></tr></thead><tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct record *r = &l.rows[i];
		html_raw(o, "<tr>");
		for (size_t c = 0; c < t->n_columns; c++) {
			const char *v = r->values[c];
			int link = v && ((c == 0 && !strcmp(t->name, "contracts")) ||
					 (t->columns[c].ref_table && !strcmp(t->columns[c].ref_table, "contracts")));
			html_raw(o, schema_is_integer(&t->columns[c]) ? "<td class=\"num\">" : "<td>");
			if (link) {
				struct buf h = BUF_INIT;
				buf_adds(&h, "/contracts/");
				http_url_escape(&h, v);
				html_link(o, h.data, v);
				buf_release(&h);
			} else if (v && t->columns[c].type == COL_ENUM) {
				html_msg(o, req, arena_printf(&req->arena, "enum.%s", v));
			} else if (v && t->columns[c].type == COL_MONEY) {
				struct buf g = BUF_INIT;
				html_grouped_number(&g, v);
				html_escape(o, g.data);
				buf_release(&g);
			} else {
				html_escape(o, v ? v : "");
			}
			html_raw(o, "</td>");
		}
		html_raw(o, "<td>");
		if (can_write(req, t)) {
			struct buf h = BUF_INIT;
			record_href(&h, t, r, "edit");
			html_link(o, h.data, msg(req->lang, "action.edit"));
			buf_release(&h);
		}
		html_raw(o, "</td></tr>\n");
	}
	if (!l.n) {
		html_raw(o, "<tr><td colspan=\"30\" class=\"muted\">");
		html_msg(o, req, "records.none");
		html_raw(o, "</td></tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n<p class=\"pager\">");
	buf_addf(o, "%lld–%lld / %lld ", (long long)(l.n ? offset + 1 : 0), (long long)(offset + (long)l.n),
		 (long long)l.total);
	if (offset > 0) {
		html_raw(o, "<a href=\"?offset=");
		buf_addf(o, "%ld", offset > limit ? offset - limit : 0);
		html_raw(o, "\">");
		html_msg(o, req, "action.prev");
		html_raw(o, "</a> ");
	}
	if (offset + limit < l.total) {
		html_raw(o, "<a href=\"?offset=");
		buf_addf(o, "%ld", offset + limit);
		html_raw(o, "\">");
		html_msg(o, req, "action.next");
		html_raw(o, "</a>");
	}
	html_raw(o, "</p>\n");
	html_page_end(req, res);
	record_list_free(t, &l);
out:
	buf_release(&err);
}

/* --- record forms ---------------------------------------------------------- */

/* The error message of a column in "column\tmessage" lines, or NULL. */
static const char *field_error(struct request *req, const char *errors, const char *column)
{
	size_t cl = strlen(column);
	for (const char *line = errors; line && *line;) {
		const char *tab = strchr(line, '\t'), *eol = strchr(line, '\n');
		if (!tab || !eol)
			break;
		if ((size_t)(tab - line) == cl && !memcmp(line, column, cl))
			return arena_strndup(&req->arena, tab + 1, (size_t)(eol - tab - 1));
		line = eol + 1;
	}
	return NULL;
}

static void ref_datalist(struct request *req, struct buf *o, const char *ref, const char *id)
{
	const struct table *rt = schema_find(ref);
	struct record_list l;
	struct buf err = BUF_INIT;
	if (!rt || !strcmp(ref, "sla_metrics"))
		return;
	if (records_list(req->store, rt, NULL, 0, 500, 0, &l, &err) == 0) {
		html_raw(o, "<datalist id=\"");
		html_escape(o, id);
		html_raw(o, "\">");
		int name_col = schema_column(rt, "name");
		for (size_t i = 0; i < l.n; i++) {
			html_raw(o, "<option value=\"");
			html_escape(o, l.rows[i].values[0]);
			html_raw(o, "\">");
			if (name_col >= 0)
				html_escape(o, l.rows[i].values[name_col]);
			html_raw(o, "</option>");
		}
		html_raw(o, "</datalist>\n");
		record_list_free(rt, &l);
	}
	buf_release(&err);
}

/* One form for creating (key NULL) and correcting a record. values are
 * the field values to show; errors the "column\tmessage" lines. */
static void record_form(struct request *req, struct response *res, const struct table *t,
			const char *const *key, const char *const *values, const char *errors)
{
	struct buf *o = &res->body, action = BUF_INIT;
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	const char *general = errors ? field_error(req, errors, "") : NULL;

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
	if (!errors && key && http_query(req, "saved")) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "records.saved");
		html_raw(o, "</p>\n");
	}
	if (errors && *errors) {
		html_raw(o, "<div class=\"notice error\" role=\"alert\" id=\"form-errors\"><p>");
		html_msg(o, req, "form.has_errors");
		html_raw(o, "</p>");
		if (general) {
			html_raw(o, "<p>");
			html_error_text(o, req, general);
			html_raw(o, "</p>");
		}
		html_raw(o, "</div>\n");
	}
	html_raw(o, "<form method=\"post\" class=\"record-form card\" novalidate action=\"");
	html_escape(o, action.data);
	html_raw(o, "\">\n");
	html_csrf_field(req, o);
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct column *col = &t->columns[c];
		const char *v = values ? values[c] : NULL;
		const char *e = errors ? field_error(req, errors, col->name) : NULL;
		int locked = key && (col->flags & COL_KEY);
		char *id = arena_printf(&req->arena, "f-%s", col->name);
		html_raw(o, "<div class=\"field");
		html_raw(o, e ? " invalid\">" : "\">");
		html_raw(o, "<label for=\"");
		html_escape(o, id);
		html_raw(o, "\">");
		html_msg(o, req, arena_printf(&req->arena, "col.%s", col->name));
		html_raw(o, " <span class=\"colname\">");
		html_escape(o, col->name);
		html_raw(o, "</span>");
		if (col->flags & COL_REQUIRED) {
			html_raw(o, " <span class=\"req\" aria-hidden=\"true\">*</span><span class=\"visually-hidden\">");
			html_msg(o, req, "form.required");
			html_raw(o, "</span>");
		}
		html_raw(o, "</label>\n");
		if (col->type == COL_ENUM || col->type == COL_FLAG || col->type == COL_RATING) {
			static const char *const flag_values[] = { "1", "0", NULL };
			static const char *const rating_values[] = { "1", "2", "3", "4", "5", NULL };
			const char *const *opts = col->type == COL_ENUM ? col->enum_values
				: col->type == COL_FLAG ? flag_values : rating_values;
			html_raw(o, "<select id=\"");
			html_escape(o, id);
			html_raw(o, "\" name=\"");
			html_escape(o, col->name);
			html_raw(o, "\"");
			if (e)
				html_raw(o, " aria-invalid=\"true\"");
			if (e) {
				html_raw(o, " aria-describedby=\"");
				html_escape(o, id);
				html_raw(o, "-err\"");
			}
			if (locked)
				html_raw(o, " disabled");
			html_raw(o, ">");
			if (!(col->flags & COL_REQUIRED) || !v)
				html_raw(o, "<option value=\"\"></option>");
			for (int i = 0; opts[i]; i++) {
				html_raw(o, "<option value=\"");
				html_escape(o, opts[i]);
				html_raw(o, v && !strcmp(v, opts[i]) ? "\" selected>" : "\">");
				if (col->type == COL_ENUM)
					html_msg(o, req, arena_printf(&req->arena, "enum.%s", opts[i]));
				else
					html_escape(o, opts[i]);
				html_raw(o, "</option>");
			}
			/* A stored value outside the list is still shown. */
			html_raw(o, "</select>\n");
			if (locked) {
				html_raw(o, "<input type=\"hidden\" name=\"");
				html_escape(o, col->name);
				html_raw(o, "\" value=\"");
				html_escape(o, v ? v : "");
				html_raw(o, "\">");
			}
		} else {
			html_raw(o, "<input id=\"");
			html_escape(o, id);
			html_raw(o, "\" name=\"");
			html_escape(o, col->name);
			html_raw(o, col->type == COL_DATE ? "\" type=\"date" : "\" type=\"text");
			html_raw(o, "\" value=\"");
			html_escape(o, v ? v : "");
			html_raw(o, "\"");
			if (col->type == COL_DECIMAL || col->type == COL_MONEY || col->type == COL_COUNT)
				html_raw(o, " inputmode=\"decimal\"");
			if (col->type == COL_MONTH)
				html_raw(o, " placeholder=\"YYYY-MM\"");
			if (col->ref_table) {
				html_raw(o, " list=\"");
				html_escape(o, id);
				html_raw(o, "-list\"");
			}
			if (col->flags & COL_REQUIRED)
				html_raw(o, " aria-required=\"true\"");
			if (e) {
				html_raw(o, " aria-invalid=\"true\" aria-describedby=\"");
				html_escape(o, id);
				html_raw(o, "-err\"");
			}
			if (locked)
				html_raw(o, " readonly");
			html_raw(o, ">\n");
			if (col->ref_table && !locked)
				ref_datalist(req, o, col->ref_table, arena_printf(&req->arena, "%s-list", id));
		}
		if (e) {
			html_raw(o, "<p class=\"field-error\" id=\"");
			html_escape(o, id);
			html_raw(o, "-err\">");
			html_error_text(o, req, e);
			html_raw(o, "</p>\n");
		}
		html_raw(o, "</div>\n");
	}
	/* Why, for a change that waits for the other side's confirmation. */
	html_raw(o, "<div class=\"field\"><label for=\"f-reason\">");
	html_msg(o, req, "records.reason");
	html_raw(o, "</label><input id=\"f-reason\" name=\"reason\" maxlength=\"2000\" value=\"");
	html_escape(o, http_form(req, "reason") ? http_form(req, "reason") : "");
	html_raw(o, "\"></div>\n");
	html_raw(o, "<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "action.save");
	html_raw(o, "</button> <a href=\"/records/");
	html_escape(o, t->name);
	html_raw(o, "\">");
	html_msg(o, req, "action.cancel");
	html_raw(o, "</a></div>\n</form>\n");
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
}

void page_record_new(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);
	/* Query parameters prefill the form (links like "add a readiness item
	 * to this contract"). */
	for (size_t c = 0; c < t->n_columns; c++)
		values[c] = http_query(req, t->columns[c].name);
	/* A rating or review is written in the account's own name (SPEC §2). */
	int pc = policy_person_column(t);
	if (pc >= 0 && !values[pc])
		values[pc] = req->session.user.person_id;
	record_form(req, res, t, NULL, values, NULL);
}

void page_record_edit(struct request *req, struct response *res)
{
	struct record r;
	struct buf err = BUF_INIT;
	int rc = records_get(req->store, req->table, req->key, &r, &err);
	if (rc) {
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found", NULL);
	} else {
		record_form(req, res, req->table, req->key, (const char *const *)r.values, NULL);
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
	struct buf errors = BUF_INIT;
	int64_t change_id;
	const char *code;
	enum app_status wr = web_record_write(req, t, key, amounts_read(req, t, values), &saved, &errors, &change_id, &code);
	if ((wr == APP_FORBIDDEN || wr == APP_CONFLICT) && code) {
		/* The policy's refusal, in the user's language, beside its field. */
		const char *tab = strchr(errors.data, '\t');
		struct buf f = BUF_INIT;
		if (tab)
			buf_add(&f, errors.data, (size_t)(tab - errors.data));
		buf_reset(&errors);
		buf_addf(&errors, "%s\t%s\n", f.len ? f.data : "", msg(req->lang, code));
		buf_release(&f);
	}
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
		record_form(req, res, t, key, values, errors.data);
		break;
	}
	buf_release(&errors);
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
	struct buf errors = BUF_INIT;
	int64_t change_id;
	const char *code;
	enum app_status wr = web_record_delete(req, req->table, req->key, &errors, &change_id, &code);
	const char *tab = strchr(errors.data, '\t');
	const char *detail = code ? msg(req->lang, code)
		: tab ? arena_printf(&req->arena, "%.*s", (int)strcspn(tab + 1, "\n"), tab + 1) : NULL;
	switch (wr) {
	case APP_OK:
		http_redirect(res, req, arena_printf(&req->arena, "/records/%s?saved=deleted", req->table->name));
		break;
	case APP_PROPOSED:
		http_redirect(res, req, arena_printf(&req->arena, "/changes?proposed=%lld", (long long)change_id));
		break;
	case APP_FORBIDDEN:
		html_error_page(req, res, 403, "error.forbidden", detail);
		break;
	case APP_CONFLICT:
	case APP_CLOSED:
		html_error_page(req, res, 409, code ? "error.forbidden" : "records.in_use", detail);
		break;
	case APP_MISSING:
		html_error_page(req, res, 404, "error.not_found", NULL);
		break;
	default:
		html_error_page(req, res, 500, "error.internal", NULL);
		break;
	}
	buf_release(&errors);
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
	kind_title(req, o, t);
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
			if (can_write(req, t)) {
				struct buf h = BUF_INIT;
				record_href(&h, t, &l.rows[i], "edit");
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
	if (can_write(req, t)) {
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
		if (can_write(req, t)) {
			html_raw(o, " · ");
			buf_reset(&h);
			record_href(&h, t, &r, "edit");
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
			kind_title(req, o, mt);
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

/* --- import ----------------------------------------------------------------- */

static void import_form(struct request *req, struct buf *o)
{
	html_raw(o, "<section class=\"card\"><form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"stack\">");
	html_csrf_field(req, o);
	html_raw(o, "<label for=\"files\">");
	html_msg(o, req, "import.files");
	html_raw(o, "</label><input id=\"files\" name=\"files\" type=\"file\" accept=\".csv,.xlsx,text/csv\" multiple required>"
		 "<p class=\"muted small\">");
	html_msg(o, req, "import.help");
	html_raw(o, "</p><button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "import.preview");
	html_raw(o, "</button></form></section>\n");
}

static void job_state(struct buf *o, const struct request *req, const char *state)
{
	struct buf key = BUF_INIT;
	buf_addf(&key, "job.%s", state);
	html_msg(o, req, key.data);
	buf_release(&key);
}

/* The queue: the jobs waiting and running, then the newest finished. */
static void import_queue(struct request *req, struct buf *o)
{
	struct job *jobs;
	size_t n;
	struct buf err = BUF_INIT;
	if (store_job_list(req->store, 20, &jobs, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		buf_release(&err);
		return;
	}
	if (n) {
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, "import.queue");
		html_raw(o, "</h2><table><thead><tr><th>");
		html_msg(o, req, "import.job");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.state");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.files");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.created");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.owner");
		html_raw(o, "</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			char href[64], label[32];
			snprintf(href, sizeof href, "/import/jobs/%lld", (long long)jobs[i].id);
			snprintf(label, sizeof label, "#%lld", (long long)jobs[i].id);
			html_raw(o, "<tr><td>");
			html_link(o, href, label);
			html_raw(o, "</td><td>");
			job_state(o, req, jobs[i].state);
			if (jobs[i].dry_run) {
				html_raw(o, " (");
				html_msg(o, req, "import.preview_job");
				html_raw(o, ")");
			}
			html_raw(o, "</td><td>");
			html_escape(o, jobs[i].names);
			html_raw(o, "</td><td>");
			html_escape(o, jobs[i].created_at);
			html_raw(o, "</td><td>");
			html_escape(o, jobs[i].owner);
			html_raw(o, "</td></tr>\n");
		}
		html_raw(o, "</tbody></table></section>\n");
	}
	store_job_list_free(jobs, n);
	buf_release(&err);
}

void page_import(struct request *req, struct response *res)
{
	html_page_begin(req, res, "import.title", NULL);
	import_form(req, &res->body);
	import_queue(req, &res->body);
	html_page_end(req, res);
}

/* Queues the preview of an upload, or the import of a valid preview, and
 * sends the browser to the job's page. Nothing is parsed here. */
void page_import_post(struct request *req, struct response *res)
{
	struct buf problem = BUF_INIT, err = BUF_INIT;
	const char *commit = http_form(req, "commit");
	int64_t id = 0;
	int rc;

	if (commit) {
		int64_t preview = web_job_id(commit);
		rc = preview ? store_job_commit_preview(req->store, preview, req->session.user.name,
							req->actor, &id, &err) : 1;
		if (rc == 1) {
			html_error_page(req, res, 410, "import.expired", NULL);
			goto out;
		}
		if (rc == 0)
			web_jobs_wake(req->srv);
	} else {
		rc = web_job_enqueue_upload(req, 1, &id, &problem, &err);
		if (rc > 0) {
			html_page_begin(req, res, "import.title", NULL);
			res->status = 422;
			html_raw(&res->body, "<p class=\"notice error\" role=\"alert\">");
			html_msg(&res->body, req, rc == 1 ? "import.no_files" : "import.too_many");
			html_raw(&res->body, "</p>");
			import_form(req, &res->body);
			html_page_end(req, res);
			goto out;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "tandem serve: import: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	http_redirect(res, req, arena_printf(&req->arena, "/import/jobs/%lld", (long long)id));
out:
	buf_release(&problem);
	buf_release(&err);
}

/* A job's page: while it waits or runs, its place or its progress, and the
 * page reloads itself every second (a Refresh header: no script needed);
 * then the preview with the commit button, the problems, or the result. */
void page_import_job(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct job job;
	int64_t id = web_job_id(req->n_params ? req->params[0] : NULL);
	int rc = id ? web_job_get(req, id, &job, &err) : 1;
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found",
				NULL);
		buf_release(&err);
		return;
	}
	html_page_begin(req, res, "import.title", NULL);
	html_raw(o, "<section class=\"card\" id=\"job\"><h2>");
	html_msg(o, req, "import.job");
	buf_addf(o, " #%lld · ", (long long)job.id);
	job_state(o, req, job.state);
	html_raw(o, "</h2><p>");
	html_escape(o, job.names);
	html_raw(o, "</p>\n");
	if (!job.finished) {
		http_header(res, req, "Refresh", "1");
		if (!strcmp(job.state, "queued")) {
			html_raw(o, "<p role=\"status\">");
			html_msg(o, req, "import.queued");
			buf_addf(o, ": %lld", (long long)job.ahead);
			html_raw(o, "</p>");
		} else {
			html_raw(o, "<p role=\"status\">");
			html_msg(o, req, "import.running");
			buf_addf(o, ": %lld · %lld / %lld B", (long long)job.progress_rows,
				 (long long)job.progress_bytes, (long long)job.bytes);
			html_raw(o, "</p>");
		}
		buf_addf(o, "<progress id=\"job-progress\" max=\"%lld\" value=\"%lld\"></progress>",
			 (long long)(job.bytes ? job.bytes : 1),
			 (long long)(!strcmp(job.state, "queued") ? 0 : job.progress_bytes));
		html_raw(o, "<p class=\"muted small\">");
		html_msg(o, req, "import.refresh_help");
		html_raw(o, " ");
		html_link(o, arena_printf(&req->arena, "/import/jobs/%lld", (long long)job.id),
			  msg(req->lang, "import.refresh"));
		html_raw(o, "</p></section>\n");
	} else if (!job.ok) {
		res->status = 422;
		html_raw(o, "<div class=\"notice error\" role=\"alert\"><p>");
		html_msg(o, req, "import.has_errors");
		buf_addf(o, " (%lld)", (long long)job.n_errors);
		html_raw(o, "</p>");
		if (job.limit_name) {
			struct buf key = BUF_INIT;
			enum lang lang = req->lang && !strcmp(req->lang, "ko") ? LANG_KO : LANG_EN;
			buf_addf(&key, "report.limit_%s", job.limit_name);
			html_raw(o, "<p>");
			html_escape(o, i18n(lang, key.data));
			html_raw(o, "; ");
			html_escape(o, i18n(lang, "report.limit_raise"));
			html_raw(o, "</p>");
			buf_release(&key);
		}
		html_raw(o, "</div>\n");
		html_problem_list(o, job.errors);
		html_raw(o, "</section>\n");
	} else if (job.dry_run) {
		html_raw(o, "<div class=\"notice ok\" role=\"status\"><p>");
		html_msg(o, req, "import.valid");
		buf_addf(o, ": %lld · %d · ", (long long)job.rows, job.files);
		html_escape(o, job.names);
		html_raw(o, "</p></div></section>\n");
		if (job.committed_by) {
			html_raw(o, "<p>");
			html_msg(o, req, "import.committed");
			html_raw(o, " ");
			html_link(o, arena_printf(&req->arena, "/import/jobs/%lld", (long long)job.committed_by),
				  arena_printf(&req->arena, "#%lld", (long long)job.committed_by));
			html_raw(o, "</p>\n");
		} else {
			html_raw(o, "<form method=\"post\" action=\"/import\" class=\"card\">");
			html_csrf_field(req, o);
			buf_addf(o, "<input type=\"hidden\" name=\"commit\" value=\"%lld\"><p>",
				 (long long)job.id);
			html_msg(o, req, "import.commit_help");
			html_raw(o, "</p><button type=\"submit\" class=\"primary\">");
			html_msg(o, req, "import.commit");
			html_raw(o, "</button></form>\n");
		}
	} else {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "import.done");
		buf_addf(o, ": %lld · batch %lld", (long long)job.rows, (long long)job.batch);
		html_raw(o, "</p></section>\n");
	}
	if (job.finished)
		import_form(req, o);
	html_page_end(req, res);
	store_job_release(&job);
	buf_release(&err);
}

/* --- the audit log ------------------------------------------------------------ */

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

void page_audit(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT, problems = BUF_INIT;
	struct audit_row *rows;
	size_t n;
	int64_t total;
	long limit = 100, offset = web_query_long(req, "offset", 0, 0, 1L << 40);
	html_page_begin(req, res, "audit.title", NULL);
	int v = audit_verify(req->store, &problems, &err);
	html_raw(o, v == 0 ? "<p class=\"notice ok\" role=\"status\">" : "<p class=\"notice error\" role=\"alert\">");
	html_msg(o, req, v == 0 ? "audit.intact" : "audit.broken");
	if (v) {
		html_raw(o, " ");
		html_escape(o, v < 0 || v >= 2 ? err.data : problems.data);   /* 2, 3: the key */
	}
	html_raw(o, "</p>\n");
	if (records_audit_list(req->store, limit, offset, NULL, &rows, &n, &total, &err) == 0) {
		html_raw(o, "<div class=\"scroll\"><table class=\"data audit\"><thead><tr>");
		static const char *const heads[] = { "audit.seq", "audit.at", "audit.actor", "audit.action",
						     "audit.entity", "audit.key", "audit.before", "audit.after" };
		for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
			html_raw(o, "<th scope=\"col\">");
			html_msg(o, req, heads[i]);
			html_raw(o, "</th>");
		}
		html_raw(o, "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_addf(o, "<tr><td class=\"num\">%lld</td><td>", (long long)rows[i].seq);
			html_escape(o, rows[i].at);
			html_raw(o, "</td><td>");
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
				html_escape(o, rows[i].key);
			}
			html_raw(o, "</td><td><code class=\"json\">");
			html_escape(o, rows[i].before);
			html_raw(o, "</code></td><td><code class=\"json\">");
			html_escape(o, rows[i].after);
			html_raw(o, "</code></td></tr>\n");
		}
		html_raw(o, "</tbody></table></div>\n<p class=\"pager\">");
		buf_addf(o, "%lld–%lld / %lld ", (long long)(n ? offset + 1 : 0), (long long)(offset + (long)n),
			 (long long)total);
		if (offset + limit < total) {
			buf_addf(o, "<a href=\"?offset=%ld\">", offset + limit);
			html_msg(o, req, "action.next");
			html_raw(o, "</a>");
		}
		html_raw(o, "</p>\n");
		records_audit_list_free(rows, n);
	}
	html_page_end(req, res);
	buf_release(&err);
	buf_release(&problems);
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
		html_raw(o, "<div class=\"scroll\"><table class=\"data\"><thead><tr>");
		static const char *const heads[] = { "users.name", "users.role", "users.person", "users.state",
						     "users.change" };
		for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
			html_raw(o, "<th scope=\"col\">");
			html_msg(o, req, heads[i]);
			html_raw(o, "</th>");
		}
		html_raw(o, "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			struct user *u = &list[i];
			struct buf h = BUF_INIT;
			buf_adds(&h, "/users/");
			http_url_escape(&h, u->name);
			html_raw(o, "<tr><th scope=\"row\">");
			html_escape(o, u->name);
			html_raw(o, "</th><td>");
			html_msg(o, req, arena_printf(&req->arena, "role.%s", role_name(u->role) ? role_name(u->role) : "?"));
			html_raw(o, "</td><td>");
			html_escape(o, u->person_id ? u->person_id : "—");
			html_raw(o, "</td><td>");
			html_msg(o, req, u->disabled ? "users.disabled" : u->locked_until ? "users.locked" : "users.active");
			html_raw(o, "</td><td><form method=\"post\" class=\"inline\" action=\"");
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
			html_raw(o, "</button></form></td></tr>\n");
			buf_release(&h);
		}
		html_raw(o, "</tbody></table></div>\n");
		users_free_list(list, n);
	}
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "users.add");
	html_raw(o, "</h2><form method=\"post\" action=\"/users\" class=\"grid-form\">");
	html_csrf_field(req, o);
	html_raw(o, "<label for=\"u-name\">");
	html_msg(o, req, "users.name");
	html_raw(o, "</label><input id=\"u-name\" name=\"name\" required maxlength=\"64\" pattern=\"[A-Za-z0-9._@\\-]+\">"
		 "<label for=\"u-role\">");
	html_msg(o, req, "users.role");
	html_raw(o, "</label>");
	role_select(req, o, "u-role", "viewer");
	html_raw(o, "<label for=\"u-person\">");
	html_msg(o, req, "users.person");
	html_raw(o, "</label><input id=\"u-person\" name=\"person_id\" maxlength=\"200\">"
		 "<button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "users.add");
	html_raw(o, "</button></form><p class=\"muted small\">");
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
