/* SPDX-License-Identifier: MIT */
/* The contract page, the import page with its validation preview, the
 * accounts and the embedded static files. Record lists and forms are in
 * records_pages.c, the audit log in audit_web.c. */
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
