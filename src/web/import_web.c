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
#include "web/table.h"

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

/* The encoding field: radios, checked the value preselected; "auto" only
 * before a first preview. */
static struct form_field encoding_field(struct request *req, const char *checked, int with_auto)
{
	enum { N = sizeof encodings / sizeof encodings[0] };
	const char **values = arena_alloc(&req->arena, (N + 1) * sizeof *values);
	const char **labels = arena_alloc(&req->arena, (N + 1) * sizeof *labels);
	size_t n = 0;
	for (size_t i = with_auto ? 0 : 1; i < N; i++) {
		values[n] = encodings[i].value;
		labels[n++] = msg(req->lang, encodings[i].key);
	}
	values[n] = labels[n] = NULL;
	return (struct form_field){ .name = "encoding", .id = "encoding", .label = msg(req->lang, "import.encoding"),
				    .kind = FIELD_RADIO, .options = values, .option_labels = labels,
				    .value = checked, .help = msg(req->lang, "import.encoding_help") };
}

static void import_form(struct request *req, struct buf *o)
{
	struct form_field fields[] = {
		{ .name = "files", .id = "files", .label = msg(req->lang, "import.files"), .kind = FIELD_FILE,
		  .flags = FIELD_REQUIRED | FIELD_MULTIPLE, .accept = ".csv,.xlsx,text/csv",
		  .help = msg(req->lang, "import.help") },
		encoding_field(req, "auto", 1),
	};
	struct form f = { .id = "import-form", .action = "/import", .css = "stack", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0],
			  .submit_label = msg(req->lang, "import.preview") };
	html_raw(o, "<section class=\"card\">");
	html_form(req, o, &f);
	html_raw(o, "</section>\n");
}

static const struct table_column queue_columns[] = {
	{ "job", "import.job", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_ROW_HEADER },
	{ "state", "import.state", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_CHOICES, 0, NULL, "job." },
	{ "files", "import.files", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SEARCH },
	{ "created", "import.created", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "owner", "import.owner", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_CHOICES | TABLE_SEARCH },
};

/* The queue: the jobs waiting and running, then the newest finished. */
static void import_queue(struct request *req, struct buf *o)
{
	enum { N = sizeof queue_columns / sizeof queue_columns[0] };
	struct job *jobs;
	size_t n;
	struct buf err = BUF_INIT;
	if (store_job_list(req->store, 20, &jobs, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		buf_release(&err);
		return;
	}
	if (n) {
		struct table_row *rows = arena_alloc(&req->arena, n * sizeof *rows);
		for (size_t i = 0; i < n; i++) {
			struct table_cell *c = arena_alloc(&req->arena, N * sizeof *c);
			char local[20];
			memset(c, 0, N * sizeof *c);
			c[0].text = arena_printf(&req->arena, "#%lld", (long long)jobs[i].id);
			c[0].href = arena_printf(&req->arena, "/import/jobs/%lld", (long long)jobs[i].id);
			c[1].choice = arena_strdup(&req->arena, jobs[i].state);
			c[1].text = msg(req->lang, arena_printf(&req->arena, "job.%s", jobs[i].state));
			if (jobs[i].dry_run)
				c[1].note = msg(req->lang, "import.preview_job");
			c[2].text = arena_strdup(&req->arena, jobs[i].names);
			web_local_time(req, jobs[i].created_at, local);
			c[3].text = arena_strdup(&req->arena, local);
			c[4].text = arena_strdup(&req->arena, jobs[i].owner);
			rows[i].cells = c;
			rows[i].id = NULL;
		}
		const struct table_desc t = { "import-queue", "queue", queue_columns, N, 20, NULL, -1, 0 };
		html_table_card(req, o, "queue", "import.queue", &t, rows, n);
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

static const struct table_column count_columns[] = {
	{ "file", "import.file", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "kind", "import.kind", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "added", "import.added", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SUM, 0, NULL, NULL, "added" },
	{ "changed", "import.changed", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SUM, 0, NULL, NULL, "changed" },
	{ "unchanged", "import.unchanged", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SUM, 0, NULL, NULL,
	  "unchanged" },
};

static const struct table_column change_columns[] = {
	{ "row", "import.row", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, 0 },
	{ "key", "import.key", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SEARCH },
	{ "status", "import.status", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "change", "import.change", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
};

static const struct table_column problem_columns[] = {
	{ "file", "import.file", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_CHOICES },
	{ "row", "import.row", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, 0 },
	{ "column", "import.column", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_CHOICES },
	{ "message", "import.message", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SEARCH },
	{ "value", "import.value", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
};

/* Drawn: a key or a value as code, "(empty)" when there is none. */
static void draw_code(struct request *req, struct buf *o, const void *arg)
{
	shown_value(req, o, arg);
}

/* Drawn: a changed row's cells, each "column: before → after". */
static void draw_change(struct request *req, struct buf *o, const void *arg)
{
	const struct preview_row *row = arg;
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
}

/* One file's rows that are new or changed. */
static void preview_rows(struct request *req, struct buf *o, const struct preview_file *f, size_t index)
{
	enum { N = sizeof change_columns / sizeof change_columns[0] };
	struct table_row *rows = arena_alloc(&req->arena, (f->n_rows + 1) * sizeof *rows);
	for (size_t r = 0; r < f->n_rows; r++) {
		const struct preview_row *row = &f->rows[r];
		struct table_cell *c = arena_alloc(&req->arena, N * sizeof *c);
		memset(c, 0, N * sizeof *c);
		c[0].row_class = row->changed ? "changed" : "added";
		c[0].has_num = 1;
		c[0].num = row->line;
		c[1].text = row->key;
		c[1].draw = draw_code;
		c[1].draw_arg = row->key;
		c[2].text = msg(req->lang, row->changed ? "import.status_changed" : "import.status_new");
		c[3].draw = draw_change;
		c[3].draw_arg = row;
		rows[r].cells = c;
		rows[r].id = NULL;
	}
	/* each file's list pages by itself */
	const struct table_desc t = { NULL, arena_printf(&req->arena, "f%zu", index), change_columns, N, 50,
				      NULL, -1, 0, "preview-rows" };
	html_raw(o, "<h3>");
	html_escape(o, f->file);
	html_raw(o, "</h3>");
	html_table(req, o, &t, rows, f->n_rows);
}

/* What the import will do, file by file (domain/preview.h). */
static void preview_section(struct request *req, struct buf *o, const struct preview *p)
{
	enum { N = sizeof count_columns / sizeof count_columns[0] };
	uint64_t replaced = 0;
	char n[24];
	const char *args[1] = { n };
	enum lang lang = i18n_lang(req->lang);
	struct buf text = BUF_INIT;
	struct table_row *rows = arena_alloc(&req->arena, (p->n_files + 1) * sizeof *rows);

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
	for (size_t i = 0; i < p->n_files; i++) {
		const struct preview_file *f = &p->files[i];
		struct table_cell *c = arena_alloc(&req->arena, N * sizeof *c);
		memset(c, 0, N * sizeof *c);
		c[0].text = f->file;
		c[1].text = i18n_named(lang, "kind.", f->table);
		c[2].has_num = c[3].has_num = c[4].has_num = 1;
		c[2].num = (long double)f->added;
		c[3].num = (long double)f->changed;
		c[4].num = (long double)f->unchanged;
		rows[i].cells = c;
		rows[i].id = NULL;
	}
	const struct table_desc counts = { "preview-counts", "counts", count_columns, N, 50, NULL, -1, 0 };
	html_table(req, o, &counts, rows, p->n_files);
	for (size_t i = 0; i < p->n_files; i++)
		if (p->files[i].n_rows)
			preview_rows(req, o, &p->files[i], i);
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
	enum { N = sizeof problem_columns / sizeof problem_columns[0] };
	enum lang lang = i18n_lang(req->lang);
	struct buf text = BUF_INIT;
	struct table_row *rows = arena_alloc(&req->arena, (l->n + 1) * sizeof *rows);
	for (size_t i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		struct table_cell *c = arena_alloc(&req->arena, N * sizeof *c);
		memset(c, 0, N * sizeof *c);
		c[0].text = p->where ? p->where : p->file ? p->file : "";
		c[1].has_num = p->line != 0;
		c[1].num = p->line;
		c[1].text = "";
		c[2].text = arena_strdup(&req->arena, problem_column_name(p, lang));
		buf_reset(&text);
		problem_message(p, lang, &text);
		c[3].text = arena_strdup(&req->arena, text.data);
		c[4].text = p->value ? p->value : "";
		if (p->value) {
			c[4].draw = draw_code;
			c[4].draw_arg = p->value;
		}
		rows[i].cells = c;
		rows[i].id = NULL;
	}
	const struct table_desc t = { "problems", "problems", problem_columns, N, 100, NULL, -1, 0 };
	html_table(req, o, &t, rows, l->n);
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
	struct form_field fields[] = {
		{ .name = "recheck", .kind = FIELD_HIDDEN,
		  .value = arena_printf(&req->arena, "%lld", (long long)job->id) },
		encoding_field(req, used, 0),
	};
	struct form f = { .id = "recheck", .action = "/import", .css = "card stack", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0], .plain_submit = 1,
			  .intro = arena_strdup(&req->arena, text.data),
			  .submit_label = msg(req->lang, "import.recheck") };
	html_form(req, o, &f);
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

/* A job's page: while it waits or runs, its place or its progress, and the
 * page reloads itself every second (a Refresh header: no script needed);
 * then the preview with the commit button, the problems, or the result. */
void page_import_job(struct request *req, struct response *res)
{
	struct buf *o = &res->body;
	struct job job;
	struct preview preview;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int have_preview = 0;
	memset(&preview, 0, sizeof preview);
	if (web_job_page_get(req, res, NULL, &job))
		return;
	have_preview = job.preview && !preview_parse(job.preview, &preview);
	html_page_begin(req, res, "import.title", NULL);
	web_job_heading(req, o, &job);
	if (!job.finished) {
		web_job_waiting(req, res, &job, "/import/jobs/", "import.running");
	} else if (!job.ok) {
		web_job_failed(req, res, &job, "import.has_errors");
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
			web_job_committed(req, o, &job, "/import/jobs/");
		} else {
			web_job_commit_form(req, o, &job, "/import");
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
}

/* POST /api/v1/imports: the upload becomes a job (?dry_run=1 for a
 * preview, ?encoding=utf-8|cp949 to choose how CSV files are read, else
 * detected); ?wait=S answers as the synchronous import did when the job
 * is done by then. */
void api_imports(struct request *req, struct response *res)
{
	struct buf problem = BUF_INIT, err = BUF_INIT, j = BUF_INIT;
	int dry;
	/* A waiting request holds a worker: at most 30 s. */
	long wait = web_job_query(req, &dry);
	int64_t id = 0;
	int rc = web_job_enqueue_upload(req, dry, &id, &problem, &err);
	if (rc > 0) {
		/* The error, and the result the import would have had. */
		buf_adds(&j, "{\"error\":");
		json_write_string(&j, problem.data, problem.len);
		buf_addf(&j, ",\"ok\":false,\"dry_run\":%s,\"files\":0,\"rows\":0,\"batch\":0,"
			 "\"errors\":[", dry ? "true" : "false");
		json_write_string(&j, problem.data, problem.len);
		buf_adds(&j, "]}");
		http_json(res, 422, &j);
	} else if (rc < 0) {
		fprintf(stderr, "tandem serve: import: %s\n", err.data);
		http_json_error(res, 500, NULL, "the import could not be queued (a storage error)");
	} else {
		web_job_answer(req, res, id, wait, "the import could not be queued (a storage error)");
	}
	buf_release(&problem);
	buf_release(&err);
	buf_release(&j);
}
