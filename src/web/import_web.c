/* SPDX-License-Identifier: MIT */
/* Importing through the web, one feature in one file: the import page (the
 * upload form with its encoding choice, the queue), the job page (its
 * place or progress, then the preview — per file the rows that are new,
 * changed with their changed cells, and unchanged — or the problems as a
 * table in the reader's language, or the result), the form's POST (queue
 * a preview, check it again in another encoding, commit it) and the JSON
 * API's POST /api/v1/imports. The jobs themselves run in web/jobs.c; what
 * a page shows is kept with the job in the store, so any server shows it
 * and commits it (docs/deploy.md: no sticky sessions). */
#include "web/web_impl.h"

#include "io/jsonw.h"
#include "io/preview_json.h"
#include "report/problems.h"
#include "store/jobs.h"

#include <stdio.h>
#include <string.h>

/* The encodings a person may choose for CSV files; "auto" detects. */
static const struct {
	const char *value, *key;
} encodings[] = {
	{ "auto", "import.encoding_auto" },
	{ "utf-8", "import.encoding_utf8" },
	{ "cp949", "import.encoding_cp949" },
};

/* The encoding radios; checked is the value preselected. */
static void encoding_choice(struct request *req, struct buf *o, const char *checked, int with_auto)
{
	html_raw(o, "<fieldset class=\"encoding\"><legend>");
	html_msg(o, req, "import.encoding");
	html_raw(o, "</legend>");
	for (size_t i = with_auto ? 0 : 1; i < sizeof encodings / sizeof encodings[0]; i++) {
		html_raw(o, "<label><input type=\"radio\" name=\"encoding\" value=\"");
		html_escape(o, encodings[i].value);
		html_raw(o, "\"");
		if (!strcmp(encodings[i].value, checked))
			html_raw(o, " checked");
		html_raw(o, "> ");
		html_msg(o, req, encodings[i].key);
		html_raw(o, "</label> ");
	}
	html_raw(o, "<p class=\"muted small\">");
	html_msg(o, req, "import.encoding_help");
	html_raw(o, "</p></fieldset>");
}

static void import_form(struct request *req, struct buf *o)
{
	html_raw(o, "<section class=\"card\"><form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"stack\">");
	html_csrf_field(req, o);
	html_raw(o, "<label for=\"files\">");
	html_msg(o, req, "import.files");
	html_raw(o, "</label><input id=\"files\" name=\"files\" type=\"file\" accept=\".csv,.xlsx,text/csv\" multiple required>"
		 "<p class=\"muted small\">");
	html_msg(o, req, "import.help");
	html_raw(o, "</p>");
	encoding_choice(req, o, "auto", 1);
	html_raw(o, "<button type=\"submit\" class=\"primary\">");
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
		html_raw(o, "</h2><div class=\"scroll\"><table class=\"data\"><thead><tr><th>");
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
		html_raw(o, "</tbody></table></div></section>\n");
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

/* Queues the preview of an upload, the preview again in the encoding
 * chosen (recheck), or the import of a valid preview (commit), and sends
 * the browser to the job's page. Nothing is parsed here. */
void page_import_post(struct request *req, struct response *res)
{
	struct buf problem = BUF_INIT, err = BUF_INIT;
	const char *commit = http_form(req, "commit"), *recheck = http_form(req, "recheck");
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
	} else if (recheck) {
		int64_t preview = web_job_id(recheck);
		const char *encoding = http_form(req, "encoding");
		if (!encoding || (strcmp(encoding, "utf-8") && strcmp(encoding, "cp949"))) {
			html_error_page(req, res, 400, "import.encoding_bad", NULL);
			goto out;
		}
		rc = preview ? store_job_recheck(req->store, preview, req->session.user.name, req->actor,
						 encoding, &id, &err) : 1;
		if (rc == 1) {
			html_error_page(req, res, 410, "import.expired", NULL);
			goto out;
		}
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
	web_jobs_wake(req->srv);
	http_redirect(res, req, arena_printf(&req->arena, "/import/jobs/%lld", (long long)id));
out:
	buf_release(&problem);
	buf_release(&err);
}

/* A cell's value as shown: "(empty)" when there is none. */
static void shown_value(struct request *req, struct buf *o, const char *v)
{
	if (v && *v) {
		html_raw(o, "<code>");
		html_escape(o, v);
		html_raw(o, "</code>");
	} else {
		html_raw(o, "<span class=\"muted\">");
		html_msg(o, req, "import.empty");
		html_raw(o, "</span>");
	}
}

/* A column's name as the reader reads it. */
static const char *column_label(struct request *req, const char *name)
{
	return i18n_lang(req->lang) == LANG_KO ? i18n_named(LANG_KO, "col.", name) : name;
}

static void count_cell(struct buf *o, const char *cls, uint64_t n)
{
	buf_addf(o, "<td class=\"num %s\">%llu</td>", cls, (unsigned long long)n);
}

/* What the import will do, file by file (domain/preview.h). */
static void preview_section(struct request *req, struct buf *o, const struct preview *p)
{
	uint64_t replaced = 0;
	char n[24];
	const char *args[1] = { n };
	enum lang lang = i18n_lang(req->lang);
	struct buf text = BUF_INIT;

	for (size_t i = 0; i < p->n_files; i++)
		replaced += p->files[i].changed;
	html_raw(o, "<section class=\"card\" id=\"preview\"><h2>");
	html_msg(o, req, "import.preview_title");
	html_raw(o, "</h2>");
	if (replaced) {
		snprintf(n, sizeof n, "%llu", (unsigned long long)replaced);
		i18n_add(&text, lang, "import.replace_warning", args, 1);
		html_raw(o, "<p class=\"notice warn\" role=\"status\" id=\"replace-warning\">");
		html_escape(o, text.data);
		html_raw(o, "</p>");
	}
	html_raw(o, "<div class=\"scroll\"><table class=\"data\" id=\"preview-counts\"><thead><tr><th>");
	html_msg(o, req, "import.file");
	html_raw(o, "</th><th>");
	html_msg(o, req, "import.kind");
	html_raw(o, "</th><th class=\"num\">");
	html_msg(o, req, "import.added");
	html_raw(o, "</th><th class=\"num\">");
	html_msg(o, req, "import.changed");
	html_raw(o, "</th><th class=\"num\">");
	html_msg(o, req, "import.unchanged");
	html_raw(o, "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < p->n_files; i++) {
		const struct preview_file *f = &p->files[i];
		html_raw(o, "<tr><td>");
		html_escape(o, f->file);
		html_raw(o, "</td><td>");
		html_escape(o, i18n_named(lang, "kind.", f->table));
		html_raw(o, "</td>");
		count_cell(o, "added", f->added);
		count_cell(o, "changed", f->changed);
		count_cell(o, "unchanged", f->unchanged);
		html_raw(o, "</tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n");

	for (size_t i = 0; i < p->n_files; i++) {
		const struct preview_file *f = &p->files[i];
		if (!f->n_rows)
			continue;
		html_raw(o, "<h3>");
		html_escape(o, f->file);
		html_raw(o, "</h3><div class=\"scroll\"><table class=\"data preview-rows\"><thead><tr><th>");
		html_msg(o, req, "import.row");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.key");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.status");
		html_raw(o, "</th><th>");
		html_msg(o, req, "import.change");
		html_raw(o, "</th></tr></thead><tbody>\n");
		for (size_t r = 0; r < f->n_rows; r++) {
			const struct preview_row *row = &f->rows[r];
			buf_addf(o, "<tr class=\"%s\"><td class=\"num\">%lu</td><td><code>",
				 row->changed ? "changed" : "added", row->line);
			html_escape(o, row->key);
			html_raw(o, "</code></td><td>");
			html_msg(o, req, row->changed ? "import.status_changed" : "import.status_new");
			html_raw(o, "</td><td>");
			for (size_t c = 0; c < row->n_cells; c++) {
				const struct preview_cell *cell = &row->cells[c];
				html_raw(o, "<div class=\"cell-change\">");
				html_escape(o, column_label(req, cell->column));
				html_raw(o, ": ");
				shown_value(req, o, cell->before);
				html_raw(o, " → ");
				shown_value(req, o, cell->after);
				html_raw(o, "</div>");
			}
			html_raw(o, "</td></tr>\n");
		}
		html_raw(o, "</tbody></table></div>\n");
	}
	snprintf(n, sizeof n, "%d", PREVIEW_ROWS);
	buf_reset(&text);
	i18n_add(&text, lang, "import.rows_shown", args, 1);
	html_raw(o, "<p class=\"muted small\">");
	html_escape(o, text.data);
	html_raw(o, "</p></section>\n");
	buf_release(&text);
}

/* The problems as a table: file, row, column (its label in the reader's
 * language), the message in that language, the offending value. */
static void problems_table(struct request *req, struct buf *o, const struct problem_list *l)
{
	enum lang lang = i18n_lang(req->lang);
	struct buf text = BUF_INIT;
	html_raw(o, "<div class=\"scroll\"><table class=\"data\" id=\"problems\"><thead><tr><th>");
	html_msg(o, req, "import.file");
	html_raw(o, "</th><th class=\"num\">");
	html_msg(o, req, "import.row");
	html_raw(o, "</th><th>");
	html_msg(o, req, "import.column");
	html_raw(o, "</th><th>");
	html_msg(o, req, "import.message");
	html_raw(o, "</th><th>");
	html_msg(o, req, "import.value");
	html_raw(o, "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		html_raw(o, "<tr><td>");
		html_escape(o, p->where ? p->where : p->file ? p->file : "");
		html_raw(o, "</td><td class=\"num\">");
		if (p->line)
			buf_addf(o, "%lu", p->line);
		html_raw(o, "</td><td>");
		html_escape(o, problem_column_name(p, lang));
		html_raw(o, "</td><td>");
		buf_reset(&text);
		problem_message(p, lang, &text);
		html_escape(o, text.data);
		html_raw(o, "</td><td>");
		if (p->value)
			shown_value(req, o, p->value);
		html_raw(o, "</td></tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n");
	if (l->total > l->n) {
		char n[24];
		const char *args[1] = { n };
		snprintf(n, sizeof n, "%llu", (unsigned long long)(l->total - l->n));
		buf_reset(&text);
		i18n_add(&text, lang, "import.more_errors", args, 1);
		html_raw(o, "<p class=\"muted\">");
		html_escape(o, text.data);
		html_raw(o, "</p>\n");
	}
	buf_release(&text);
}

/* The choice of encoding after a preview: the one used preselected, and
 * the preview again in the other (files of CSV only: a workbook is UTF-8
 * inside). */
static void recheck_form(struct request *req, struct buf *o, const struct job *job,
			 const char *used)
{
	char args_n[32];
	const char *args[1] = { args_n };
	struct buf text = BUF_INIT;
	snprintf(args_n, sizeof args_n, "%s", !strcmp(used, "cp949") ? "CP949" : "UTF-8");
	i18n_add(&text, i18n_lang(req->lang), job->encoding ? "import.encoding_chosen"
							    : "import.encoding_detected", args, 1);
	html_raw(o, "<form method=\"post\" action=\"/import\" class=\"card\" id=\"recheck\">");
	html_csrf_field(req, o);
	buf_addf(o, "<input type=\"hidden\" name=\"recheck\" value=\"%lld\"><p>", (long long)job->id);
	html_escape(o, text.data);
	html_raw(o, "</p>");
	encoding_choice(req, o, used, 0);
	html_raw(o, "<button type=\"submit\">");
	html_msg(o, req, "import.recheck");
	html_raw(o, "</button></form>\n");
	buf_release(&text);
}

/* The limit of the XLSX reader that stopped a job, in the reader's words. */
static void limit_notice(struct request *req, struct buf *o, const char *limit_name)
{
	struct buf key = BUF_INIT;
	enum lang lang = i18n_lang(req->lang);
	buf_addf(&key, "report.limit_%s", limit_name);
	html_raw(o, "<p>");
	html_escape(o, i18n(lang, key.data));
	html_raw(o, "; ");
	html_escape(o, i18n(lang, "report.limit_raise"));
	html_raw(o, "</p>");
	buf_release(&key);
}

static void job_waiting(struct request *req, struct response *res, const struct job *job)
{
	struct buf *o = &res->body;
	http_header(res, req, "Refresh", "1");
	html_raw(o, "<p role=\"status\">");
	if (!strcmp(job->state, "queued")) {
		html_msg(o, req, "import.queued");
		buf_addf(o, ": %lld", (long long)job->ahead);
	} else {
		html_msg(o, req, "import.running");
		buf_addf(o, ": %lld · %lld / %lld B", (long long)job->progress_rows,
			 (long long)job->progress_bytes, (long long)job->bytes);
	}
	html_raw(o, "</p>");
	buf_addf(o, "<progress id=\"job-progress\" max=\"%lld\" value=\"%lld\"></progress>",
		 (long long)(job->bytes ? job->bytes : 1),
		 (long long)(!strcmp(job->state, "queued") ? 0 : job->progress_bytes));
	html_raw(o, "<p class=\"muted small\">");
	html_msg(o, req, "import.refresh_help");
	html_raw(o, " ");
	html_link(o, arena_printf(&req->arena, "/import/jobs/%lld", (long long)job->id),
		  msg(req->lang, "import.refresh"));
	html_raw(o, "</p></section>\n");
}

/* A job's page: while it waits or runs, its place or its progress, and the
 * page reloads itself every second (a Refresh header: no script needed);
 * then the preview with the commit button, the problems, or the result. */
void page_import_job(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct job job;
	struct preview preview;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int have_preview = 0;
	int64_t id = web_job_id(req->n_params ? req->params[0] : NULL);
	int rc = id ? web_job_get(req, id, &job, &err) : 1;
	memset(&preview, 0, sizeof preview);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found",
				NULL);
		buf_release(&err);
		return;
	}
	have_preview = job.preview && !preview_parse(job.preview, &preview);
	html_page_begin(req, res, "import.title", NULL);
	html_raw(o, "<section class=\"card\" id=\"job\"><h2>");
	html_msg(o, req, "import.job");
	buf_addf(o, " #%lld · ", (long long)job.id);
	job_state(o, req, job.state);
	html_raw(o, "</h2><p>");
	html_escape(o, job.names);
	html_raw(o, "</p>\n");
	if (!job.finished) {
		job_waiting(req, res, &job);
	} else if (!job.ok) {
		res->status = 422;
		html_raw(o, "<div class=\"notice error\" role=\"alert\"><p>");
		html_msg(o, req, "import.has_errors");
		buf_addf(o, " (%lld)", (long long)job.n_errors);
		html_raw(o, "</p>");
		if (job.limit_name)
			limit_notice(req, o, job.limit_name);
		html_raw(o, "</div>\n");
		/* A job of an older server kept its problems as lines only. */
		if (job.problems && !problems_parse(job.problems, &problems))
			problems_table(req, o, &problems);
		else
			html_problem_list(o, job.errors);
		html_raw(o, "</section>\n");
		if (job.dry_run)
			recheck_form(req, o, &job,
				     have_preview && preview.encoding ? preview.encoding : "utf-8");
	} else if (job.dry_run) {
		html_raw(o, "<div class=\"notice ok\" role=\"status\"><p>");
		html_msg(o, req, "import.valid");
		buf_addf(o, ": %lld · %d · ", (long long)job.rows, job.files);
		html_escape(o, job.names);
		html_raw(o, "</p></div></section>\n");
		if (have_preview)
			preview_section(req, o, &preview);
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
			recheck_form(req, o, &job,
				     have_preview && preview.encoding ? preview.encoding : "utf-8");
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
	preview_release(&preview);
	problems_release(&problems);
	store_job_release(&job);
	buf_release(&err);
}

/* POST /api/v1/imports: the upload becomes a job (?dry_run=1 for a
 * preview, ?encoding=utf-8|cp949 to choose how CSV files are read, else
 * detected); ?wait=S answers as the synchronous import did when the job
 * is done by then. */
void api_imports(struct request *req, struct response *res)
{
	struct buf problem = BUF_INIT, err = BUF_INIT, j = BUF_INIT;
	const char *dr = http_query(req, "dry_run");
	int dry = dr && strcmp(dr, "0");
	/* A waiting request holds a worker: at most 30 s. */
	long wait = web_query_long(req, "wait", 0, 0, 30);
	int64_t id = 0;
	struct job job;
	int rc = web_job_enqueue_upload(req, dry, &id, &problem, &err);
	memset(&job, 0, sizeof job);
	if (rc > 0) {
		/* The error, and the result the import would have had. */
		buf_adds(&j, "{\"error\":");
		json_write_string(&j, problem.data, problem.len);
		buf_addf(&j, ",\"ok\":false,\"dry_run\":%s,\"files\":0,\"rows\":0,\"batch\":0,"
			 "\"errors\":[", dry ? "true" : "false");
		json_write_string(&j, problem.data, problem.len);
		buf_adds(&j, "]}");
		http_json(res, 422, &j);
		goto out;
	}
	if (rc < 0 || web_job_wait(req, id, wait, &job, &err)) {
		fprintf(stderr, "tandem serve: import: %s\n", err.data);
		http_json_error(res, 500, NULL, "the import could not be queued (a storage error)");
		goto out;
	}
	web_job_json(&j, &job);
	char *loc = arena_printf(&req->arena, "/api/v1/jobs/%lld", (long long)id);
	http_header(res, req, "Location", loc);
	http_json(res, !wait || !job.finished ? 202 : job.ok ? 200 : 422, &j);
out:
	store_job_release(&job);
	buf_release(&problem);
	buf_release(&err);
	buf_release(&j);
}
