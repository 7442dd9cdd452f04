/* SPDX-License-Identifier: MIT */
/* Imports as background jobs (store/jobs.h). A request only stores the
 * upload and enqueues it; each server runs one runner thread, on its own
 * store connection, that claims queued jobs one at a time, turns workbooks
 * into CSV under the reading limits (io/xlsx_read.h), imports, and records
 * the result. The job being run has its progress here, in memory, as well
 * as in the store (written between files). The API's job objects are
 * written by web_job_json; everything returned is the caller's to free as
 * each comment says. */
#include "web/web_impl.h"

#include "io/csv.h"
#include "io/jsonw.h"
#include "io/preview_json.h"
#include "io/xlsx_read.h"
#include "report/problems.h"
#include "store/feed_store.h"
#include "store/import.h"
#include "store/jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 32

struct job_runner {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int started, stop, woken;
	char server[128];             /* "HOST:PID", in the jobs' server column */
	/* the job being run, and its progress (under lock) */
	int64_t current;
	int64_t rows, bytes;
	int64_t rows_before, bytes_before;   /* of the files done */
};

/* --- running one job ------------------------------------------------------ */

/* A message of a reader that carries its own position. */
static void text_problem(struct problem_list *problems, const char *msg)
{
	problem_arg(problems_add(problems, "text"), msg, strlen(msg));
}

/* Adds the sheets of a workbook named as record kinds as CSV sources; the
 * converted sheets go to sheets[] for the caller to release. Returns 0, or
 * -1 with a problem added. */
static int add_workbook(const struct job_file *f, struct import_source *src, int *n,
			struct xlsx_csv **sheets, int *n_sheets, char **names,
			struct problem_list *problems)
{
	struct xlsx_book *book = NULL;
	struct buf err = BUF_INIT;
	size_t used = 0;
	int rc = -1;
	if (xlsx_open_mem(&book, f->name, f->data, f->len, &err)) {
		text_problem(problems, err.data);
		goto out;
	}
	for (size_t i = 0; i < xlsx_n_sheets(book); i++) {
		const char *name = xlsx_sheet_name(book, i);
		const struct table *t = schema_find(name);
		if (name[0] == '_')
			continue;
		if (!t) {
			buf_reset(&err);
			buf_addf(&err, "%s: unknown sheet '%s' (sheets are named after record kinds;"
				 " sheets named _... are skipped)", f->name, name);
			text_problem(problems, err.data);
			goto out;
		}
		if (*n >= MAX_FILES) {
			buf_reset(&err);
			buf_addf(&err, "%s: too many sheets (at most 32 files and sheets)", f->name);
			text_problem(problems, err.data);
			goto out;
		}
		struct xlsx_csv *csv = xcalloc(1, sizeof *csv);
		buf_init(&csv->text);
		sheets[(*n_sheets)++] = csv;
		buf_reset(&err);
		if (xlsx_sheet_csv(book, i, t, XLSX_MAX_CSV - used, csv, &err)) {
			text_problem(problems, err.data);
			goto out;
		}
		used += csv->text.len;
		names[*n] = xmalloc(strlen(t->name) + 5);
		memcpy(names[*n], t->name, strlen(t->name));
		memcpy(names[*n] + strlen(t->name), ".csv", 5);
		src[*n].name = names[*n];
		src[*n].data = csv->text.data;
		src[*n].len = csv->text.len;
		src[*n].where = xlsx_csv_where;
		src[*n].where_ctx = csv;
		(*n)++;
	}
	rc = 0;
out:
	xlsx_close(book);
	buf_release(&err);
	return rc;
}

static void on_progress(void *ctx, const struct import_progress *p)
{
	struct job_runner *r = ctx;
	pthread_mutex_lock(&r->lock);
	r->rows = r->rows_before + (int64_t)p->rows;
	if (p->done)
		r->rows_before = r->rows;
	pthread_mutex_unlock(&r->lock);
}

static void set_progress(struct job_runner *r, int64_t rows, int64_t bytes)
{
	pthread_mutex_lock(&r->lock);
	r->rows = r->rows_before = rows;
	r->bytes = r->bytes_before = bytes;
	pthread_mutex_unlock(&r->lock);
}

static void on_feed_progress(void *ctx, uint64_t records, uint64_t bytes)
{
	struct job_runner *r = ctx;
	pthread_mutex_lock(&r->lock);
	r->rows = (int64_t)records;
	r->bytes = (int64_t)bytes;
	pthread_mutex_unlock(&r->lock);
}

/* A feed job (feeds_web.c reads it): one writer at a time, as imports. */
static void run_feed_job(struct web_server *srv, struct store *s, const struct job *job,
			 const struct job_file *files, size_t n_files)
{
	struct feed_import_result fr;
	struct job_result jr;
	struct buf report = BUF_INIT, detail = BUF_INIT, err = BUF_INIT;
	int rc;
	pthread_mutex_lock(&srv->write_lock);
	rc = web_feed_job_run(s, job, files, n_files, on_feed_progress, srv->jobs, &fr, &report, &detail);
	pthread_mutex_unlock(&srv->write_lock);
	/* The bytes read, for the job's progress once it is done. */
	int64_t bytes = 0;
	for (size_t i = 0; i < n_files; i++)
		bytes += (int64_t)files[i].len;
	if (store_job_progress(s, job->id, (int64_t)fr.records, bytes, &err)) {
		fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)job->id, err.data);
		buf_reset(&err);
	}
	memset(&jr, 0, sizeof jr);
	jr.ok = rc == 0;
	jr.rows = (int64_t)fr.records;
	jr.batch = fr.batch;
	jr.files = fr.files;
	jr.n_errors = rc == 0 ? 0 : fr.errors ? (int64_t)fr.errors : 1;
	jr.errors = rc == 0 ? NULL : report.data;
	jr.detail = detail.data;
	if (store_job_finish(s, job->id, rc == 0 ? "done" : "failed", &jr, &err))
		fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)job->id, err.data);
	buf_release(&report);
	buf_release(&detail);
	buf_release(&err);
}

/* Runs job id, claimed by this server, to its end. */
static void run_job(struct web_server *srv, struct store *s, int64_t id)
{
	struct job_runner *r = srv->jobs;
	struct job job;
	struct job_file *files = NULL;
	size_t n_files = 0;
	struct import_source src[MAX_FILES];
	struct xlsx_csv *sheets[MAX_FILES];
	char *names[MAX_FILES];
	int n = 0, n_sheets = 0, rc = 1;
	int64_t bytes = 0;
	struct import_result result;
	struct job_result jr;
	struct problem_list problems;
	struct preview preview;
	struct buf errors = BUF_INIT, err = BUF_INIT, problems_text = BUF_INIT, preview_text = BUF_INIT;
	const char *detected = "utf-8";
	enum xlsx_limit limit;

	memset(src, 0, sizeof src);
	memset(names, 0, sizeof names);
	memset(&result, 0, sizeof result);
	memset(&preview, 0, sizeof preview);
	problems_init(&problems, 200);
	if (store_job_get(s, id, &job, &err) || store_job_files(s, id, &files, &n_files, &err)) {
		fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)id, err.data);
		store_job_release(&job);
		buf_release(&err);
		return;
	}
	pthread_mutex_lock(&r->lock);
	r->current = id;
	r->rows = r->bytes = r->rows_before = r->bytes_before = 0;
	pthread_mutex_unlock(&r->lock);
	if (!strcmp(job.kind, "feed")) {
		run_feed_job(srv, s, &job, files, n_files);
		goto done;
	}
	/* Imports and feeds are the kinds this server runs (a newer one may
	 * have enqueued another): say so rather than guess. */
	if (strcmp(job.kind, "import")) {
		buf_addf(&err, "this server does not run jobs of kind '%s'", job.kind);
		text_problem(&problems, err.data);
		goto finish;
	}

	/* Workbooks become CSV first, file by file, with the progress written
	 * to the store between files (no transaction is open yet). */
	for (size_t i = 0; i < n_files; i++) {
		const struct job_file *f = &files[i];
		size_t len = strlen(f->name);
		if (n >= MAX_FILES)
			break;
		if (len > 5 && !strcmp(f->name + len - 5, ".xlsx")) {
			if (add_workbook(f, src, &n, sheets, &n_sheets, names, &problems))
				goto finish;
		} else {
			/* The encoding chosen, else the one the bytes are in
			 * (CP949 is what Korean Excel saves). */
			const char *enc = job.encoding ? job.encoding : csv_detect_encoding(f->data, f->len);
			if (!strcmp(enc, "cp949"))
				detected = "cp949";
			src[n].name = f->name;
			src[n].data = f->data;
			src[n].len = f->len;
			src[n].encoding = enc;
			n++;
		}
		bytes += (int64_t)f->len;
		set_progress(r, 0, bytes);
		buf_reset(&err);
		if (store_job_progress(s, id, 0, bytes, &err))
			fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)id, err.data);
	}
	set_progress(r, 0, bytes);
	{
		struct import_options opt = { .dry_run = job.dry_run, .max_errors = 200,
					      .actor = job.actor, .on_progress = on_progress,
					      .progress_ctx = r, .preview = job.dry_run ? &preview : NULL };
		preview.encoding = xstrdup(job.encoding ? job.encoding : detected);
		buf_reset(&err);
		/* One import writes at a time, after the writes of requests
		 * already waiting (the server's write lock; across servers, the
		 * store's: BEGIN IMMEDIATE or PostgreSQL's advisory lock). */
		pthread_mutex_lock(&srv->write_lock);
		rc = store_import_mem(s, src, n, &opt, &result, &problems, &err);
		pthread_mutex_unlock(&srv->write_lock);
		if (rc < 0) {
			fprintf(stderr, "tandem serve: job %lld: import: %s\n", (long long)id, err.data);
			problems_release(&problems);
			text_problem(&problems, "the import failed (a storage error); nothing was written");
		}
	}
finish:
	/* The API's errors stay the English lines they were; the pages render
	 * the problems in their reader's language. */
	problems_render(&problems, LANG_EN, &errors);
	problems_json(&problems, &problems_text);
	if (rc == 0 && job.dry_run) {
		preview_json(&preview, &preview_text);
	} else if (job.dry_run && preview.encoding) {
		/* A failed preview keeps how its files were read (the page offers
		 * the other encoding), not the half of a preview it made. */
		struct preview read_as = { .encoding = preview.encoding };
		preview_json(&read_as, &preview_text);
	}
	limit = xlsx_limit_in(errors.data);
	memset(&jr, 0, sizeof jr);
	jr.ok = rc == 0;
	jr.rows = (int64_t)result.rows;
	jr.batch = result.batch;
	jr.files = result.files;
	jr.n_errors = rc == 0 ? 0 : result.errors ? (int64_t)result.errors : 1;
	jr.errors = errors.data;
	jr.limit_name = xlsx_limit_name(limit);
	jr.problems = problems.total ? problems_text.data : NULL;
	jr.preview = preview_text.len ? preview_text.data : NULL;
	buf_reset(&err);
	if (store_job_finish(s, id, rc == 0 ? "done" : "failed", &jr, &err))
		fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)id, err.data);
done:
	pthread_mutex_lock(&r->lock);
	r->current = 0;
	pthread_mutex_unlock(&r->lock);
	for (int i = 0; i < n_sheets; i++) {
		xlsx_csv_release(sheets[i]);
		xfree(sheets[i]);
	}
	for (int i = 0; i < MAX_FILES; i++)
		xfree(names[i]);
	store_job_files_free(files, n_files);
	store_job_release(&job);
	problems_release(&problems);
	preview_release(&preview);
	buf_release(&errors);
	buf_release(&err);
	buf_release(&problems_text);
	buf_release(&preview_text);
}

/* Sleeps up to ms, or until woken. */
static void runner_wait(struct job_runner *r, long ms)
{
	struct timespec at;
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_sec += ms / 1000;
	at.tv_nsec += (ms % 1000) * 1000000L;
	if (at.tv_nsec >= 1000000000L) {
		at.tv_sec++;
		at.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&r->lock);
	while (!r->stop && !r->woken)
		if (pthread_cond_timedwait(&r->wake, &r->lock, &at))
			break;
	r->woken = 0;
	pthread_mutex_unlock(&r->lock);
}

static int runner_stopping(struct job_runner *r)
{
	int stop;
	pthread_mutex_lock(&r->lock);
	stop = r->stop;
	pthread_mutex_unlock(&r->lock);
	return stop;
}

/* Other servers' jobs are seen within a second: the runner looks again
 * every second when the queue is empty, at once when this server enqueues. */
static void *runner_main(void *arg)
{
	struct web_server *srv = arg;
	struct job_runner *r = srv->jobs;
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	while (!runner_stopping(r)) {
		int64_t id;
		int rc;
		buf_reset(&err);
		if (!s && store_open(srv->cfg.db_url, &s, &err)) {
			fprintf(stderr, "tandem serve: jobs: %s\n", err.data);
			s = NULL;
			runner_wait(r, 1000);
			continue;
		}
		rc = store_job_claim(s, r->server, &id, &err);
		if (rc < 0) {
			fprintf(stderr, "tandem serve: jobs: %s\n", err.data);
			if (s->unavailable) {
				store_close(s);
				s = NULL;
			}
			runner_wait(r, 1000);
		} else if (rc == 1) {
			runner_wait(r, 1000);
		} else {
			run_job(srv, s, id);
			store_rollback_all(s);
			if (s->unavailable) {
				store_close(s);
				s = NULL;
			}
		}
	}
	store_close(s);
	buf_release(&err);
	return NULL;
}

int web_jobs_start(struct web_server *srv, struct buf *err)
{
	struct job_runner *r = xcalloc(1, sizeof *r);
	pthread_condattr_t attr;
	char host[64] = "";
	int rc;
	gethostname(host, sizeof host - 1);
	snprintf(r->server, sizeof r->server, "%s:%ld", host[0] ? host : "localhost", (long)getpid());
	pthread_mutex_init(&r->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&r->wake, &attr);
	pthread_condattr_destroy(&attr);
	srv->jobs = r;
	rc = pthread_create(&r->thread, NULL, runner_main, srv);
	if (rc) {
		buf_addf(err, "cannot start the job runner: %s", strerror(rc));
		return -1;
	}
	r->started = 1;
	return 0;
}

void web_jobs_stop(struct web_server *srv)
{
	struct job_runner *r = srv->jobs;
	if (!r)
		return;
	if (r->started) {
		pthread_mutex_lock(&r->lock);
		r->stop = 1;
		pthread_cond_signal(&r->wake);
		pthread_mutex_unlock(&r->lock);
		/* A job being run finishes first: its import is one transaction,
		 * and its result is recorded. */
		pthread_join(r->thread, NULL);
	}
	pthread_cond_destroy(&r->wake);
	pthread_mutex_destroy(&r->lock);
	xfree(r);
	srv->jobs = NULL;
}

void web_jobs_wake(struct web_server *srv)
{
	struct job_runner *r = srv->jobs;
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	r->woken = 1;
	pthread_cond_signal(&r->wake);
	pthread_mutex_unlock(&r->lock);
}

/* --- requests --------------------------------------------------------------- */

int web_job_enqueue_upload(struct request *req, int dry_run, int64_t *id, struct buf *problem,
			   struct buf *err)
{
	struct job_file files[MAX_FILES];
	size_t n = 0;
	const char *file = http_query(req, "file");
	for (size_t i = 0; i < req->n_form; i++) {
		const struct param *part = &req->form[i];
		if (!part->filename || !part->len)
			continue;
		/* Only the base name is kept: a path cannot reach the disk here,
		 * the name only says which kind of record the file holds. */
		const char *base = strrchr(part->filename, '/');
		if (n >= MAX_FILES) {
			/* Said, not dropped: a file left out would be an import
			 * that looks complete and is not. */
			buf_addf(problem, "%s: too many files (at most 32 files and sheets in one import)",
				 base ? base + 1 : part->filename);
			return 2;
		}
		files[n].name = (char *)(base ? base + 1 : part->filename);
		files[n].data = (char *)part->value;
		files[n].len = part->len;
		n++;
	}
	if (!n && file && req->body.len && !req->n_form) {
		const char *base = strrchr(file, '/');
		files[0].name = (char *)(base ? base + 1 : file);
		files[0].data = req->body.data;
		files[0].len = req->body.len;
		n = 1;
	}
	if (!n) {
		buf_adds(problem, "upload: no files: choose CSV files named after their kind"
			 " (contracts.csv, ...) or an XLSX workbook with sheets named so");
		return 1;
	}
	/* The encoding of the CSV files: chosen (the preview's choice, or
	 * ?encoding=), else detected when the job runs. */
	const char *encoding = http_form(req, "encoding");
	if (!encoding)
		encoding = http_query(req, "encoding");
	if (encoding && (!*encoding || !strcmp(encoding, "auto")))
		encoding = NULL;
	if (encoding && strcmp(encoding, "utf-8") && strcmp(encoding, "cp949")) {
		buf_addf(problem, "upload: unknown encoding '%s' (utf-8, cp949 or auto)", encoding);
		return 1;
	}
	if (store_job_enqueue(req->store, "import", req->session.user.name, req->actor, dry_run,
			      encoding, files, n, id, err))
		return -1;
	web_jobs_wake(req->srv);
	return 0;
}

int web_job_get(struct request *req, int64_t id, struct job *out, struct buf *err)
{
	struct job_runner *r = req->srv->jobs;
	int rc = store_job_get(req->store, id, out, err);
	if (rc || !r || strcmp(out->state, "running"))
		return rc;
	pthread_mutex_lock(&r->lock);
	if (r->current == id) {
		out->progress_rows = r->rows;
		out->progress_bytes = r->bytes;
	}
	pthread_mutex_unlock(&r->lock);
	return 0;
}

int web_job_wait(struct request *req, int64_t id, long seconds, struct job *out, struct buf *err)
{
	uint64_t until = http_now_us() + (uint64_t)seconds * 1000000u;
	for (;;) {
		int rc = web_job_get(req, id, out, err);
		if (rc || !strcmp(out->state, "done") || !strcmp(out->state, "failed") ||
		    http_now_us() >= until)
			return rc;
		store_job_release(out);
		struct timespec pause = { 0, 20 * 1000000L };
		nanosleep(&pause, NULL);
	}
}

void web_json_lines(struct buf *j, const char *text)
{
	int first = 1;
	buf_addc(j, '[');
	for (const char *line = text ? text : ""; *line;) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		if (len) {
			buf_adds(j, first ? "" : ",");
			json_write_string(j, line, len);
			first = 0;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	buf_addc(j, ']');
}

void web_job_json(struct buf *j, const struct job *job)
{
	buf_addf(j, "{\"id\":%lld,\"kind\":", (long long)job->id);
	json_write_string_or_null(j, job->kind);
	buf_adds(j, ",\"state\":");
	json_write_string_or_null(j, job->state);
	buf_adds(j, ",\"owner\":");
	json_write_string_or_null(j, job->owner);
	buf_addf(j, ",\"dry_run\":%s,\"files\":", job->dry_run ? "true" : "false");
	json_write_string_or_null(j, job->names);
	buf_adds(j, ",\"created_at\":");
	json_write_string_or_null(j, job->created_at);
	buf_adds(j, ",\"started_at\":");
	json_write_string_or_null(j, job->started_at);
	buf_adds(j, ",\"finished_at\":");
	json_write_string_or_null(j, job->finished_at);
	buf_adds(j, ",\"server\":");
	json_write_string_or_null(j, job->server);
	buf_addf(j, ",\"ahead\":%lld,\"progress\":{\"rows\":%lld,\"bytes\":%lld,\"total_bytes\":%lld}",
		 (long long)job->ahead, (long long)job->progress_rows,
		 (long long)job->progress_bytes, (long long)job->bytes);
	if (job->preview_of)
		buf_addf(j, ",\"preview_of\":%lld", (long long)job->preview_of);
	else
		buf_adds(j, ",\"preview_of\":null");
	if (job->committed_by)
		buf_addf(j, ",\"committed_by\":%lld", (long long)job->committed_by);
	else
		buf_adds(j, ",\"committed_by\":null");
	buf_addf(j, ",\"href\":\"/api/v1/jobs/%lld\",\"result\":", (long long)job->id);
	if (!job->finished) {
		buf_adds(j, "null}");
		return;
	}
	/* The synchronous import's answer, as it was. */
	buf_addf(j, "{\"ok\":%s,\"dry_run\":%s,\"files\":%d,\"rows\":%lld,\"batch\":%lld,\"errors\":",
		 job->ok ? "true" : "false", job->dry_run ? "true" : "false", job->files,
		 (long long)job->rows, (long long)job->batch);
	web_json_lines(j, job->errors);
	buf_adds(j, ",\"limit\":");
	json_write_string_or_null(j, job->limit_name);
	/* The kind's own result (a feed's: format, map, records, skipped,
	 * days, removed, messages), our own JSON as stored. */
	if (job->detail) {
		buf_adds(j, ",\"detail\":");
		buf_adds(j, job->detail);
	}
	/* An import's page as data: the preview of a dry run (files,
	 * counts, rows) and the problems with their codes and parameters
	 * (io/preview_json.h), both written by this code into the store. */
	if (!strcmp(job->kind, "import")) {
		buf_adds(j, ",\"preview\":");
		buf_adds(j, job->preview ? job->preview : "null");
		buf_adds(j, ",\"problems\":");
		buf_adds(j, job->problems ? job->problems : "null");
	}
	buf_adds(j, "}}");
}

int web_job_page_get(struct request *req, struct response *res, const char *kind, struct job *job)
{
	struct buf err = BUF_INIT;
	int64_t id = web_job_id(req->n_params ? req->params[0] : NULL);
	int rc = id ? web_job_get(req, id, job, &err) : 1;
	if (!rc && kind && strcmp(job->kind, kind)) {
		store_job_release(job);
		rc = 1;
	}
	if (rc < 0)
		fprintf(stderr, "tandem serve: %s\n", err.data);
	if (rc)
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found", NULL);
	buf_release(&err);
	return rc;
}

void web_job_failed(struct request *req, struct response *res, const struct job *job, const char *key)
{
	struct buf *o = &res->body;
	res->status = 422;
	html_raw(o, "<div class=\"notice error\" role=\"alert\"><p>");
	html_msg(o, req, key);
	buf_addf(o, " (%lld)", (long long)job->n_errors);
	html_raw(o, "</p>");
}

void web_job_heading(struct request *req, struct buf *o, const struct job *job)
{
	html_raw(o, "<section class=\"card\" id=\"job\"><h2>");
	html_msg(o, req, "import.job");
	buf_addf(o, " #%lld · ", (long long)job->id);
	html_msg(o, req, arena_printf(&req->arena, "job.%s", job->state));
	html_raw(o, "</h2><p>");
	html_escape(o, job->names);
	html_raw(o, "</p>\n");
}

void web_job_committed(struct request *req, struct buf *o, const struct job *job, const char *page)
{
	html_raw(o, "<p>");
	html_msg(o, req, "import.committed");
	html_raw(o, " ");
	html_link(o, arena_printf(&req->arena, "%s%lld", page, (long long)job->committed_by),
		  arena_printf(&req->arena, "#%lld", (long long)job->committed_by));
	html_raw(o, "</p>\n");
}

void web_job_waiting(struct request *req, struct response *res, const struct job *job, const char *page,
		     const char *running_key)
{
	struct buf *o = &res->body;
	http_header(res, req, "Refresh", "1");
	html_raw(o, "<p role=\"status\">");
	if (!strcmp(job->state, "queued")) {
		html_msg(o, req, "import.queued");
		buf_addf(o, ": %lld", (long long)job->ahead);
	} else {
		html_msg(o, req, running_key);
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
	html_link(o, arena_printf(&req->arena, "%s%lld", page, (long long)job->id),
		  msg(req->lang, "import.refresh"));
	html_raw(o, "</p></section>\n");
}

void web_job_commit_form(struct request *req, struct buf *o, const struct job *job, const char *action)
{
	struct form_field commit = { .name = "commit", .kind = FIELD_HIDDEN,
				     .value = arena_printf(&req->arena, "%lld", (long long)job->id) };
	struct form f = { .id = "commit", .action = action, .css = "card stack", .fields = &commit, .n_fields = 1,
			  .intro = msg(req->lang, "import.commit_help"),
			  .submit_label = msg(req->lang, "import.commit") };
	html_form(req, o, &f);
}

long web_job_query(const struct request *req, int *dry_run)
{
	const char *dr = http_query(req, "dry_run");
	*dry_run = dr && strcmp(dr, "0");
	return web_query_long(req, "wait", 0, 0, 30);
}

void web_job_answer(struct request *req, struct response *res, int64_t id, long wait, const char *failure)
{
	struct job job;
	struct buf err = BUF_INIT, j = BUF_INIT;
	memset(&job, 0, sizeof job);
	if (web_job_wait(req, id, wait, &job, &err)) {
		fprintf(stderr, "tandem serve: job %lld: %s\n", (long long)id, err.data);
		http_json_error(res, 500, NULL, "%s", failure);
	} else {
		web_job_json(&j, &job);
		http_header(res, req, "Location", arena_printf(&req->arena, "/api/v1/jobs/%lld", (long long)id));
		http_json(res, !wait || !job.finished ? 202 : job.ok ? 200 : 422, &j);
	}
	store_job_release(&job);
	buf_release(&err);
	buf_release(&j);
}

/* Parses a job id path segment; 0 when it is not one. */
int64_t web_job_id(const char *s)
{
	char *end;
	long long v;
	if (!s || !*s || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end || v <= 0 ? 0 : (int64_t)v;
}

void api_job_get(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct job job;
	int64_t id = web_job_id(req->n_params ? req->params[0] : NULL);
	int rc = id ? web_job_get(req, id, &job, &err) : 1;
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, rc < 0 ? 500 : 404, NULL, rc < 0 ? "internal error" : "no such job");
		goto out;
	}
	web_job_json(&j, &job);
	store_job_release(&job);
	http_json(res, 200, &j);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_jobs_list(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct job *jobs;
	size_t n;
	long limit = web_query_long(req, "limit", 50, 1, 500);
	if (store_job_list(req->store, (int)limit, &jobs, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_adds(&j, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		struct job_runner *r = req->srv->jobs;
		if (r && !strcmp(jobs[i].state, "running")) {
			pthread_mutex_lock(&r->lock);
			if (r->current == jobs[i].id) {
				jobs[i].progress_rows = r->rows;
				jobs[i].progress_bytes = r->bytes;
			}
			pthread_mutex_unlock(&r->lock);
		}
		if (i)
			buf_adds(&j, ",");
		web_job_json(&j, &jobs[i]);
	}
	buf_adds(&j, "]}");
	store_job_list_free(jobs, n);
	http_json(res, 200, &j);
out:
	buf_release(&err);
	buf_release(&j);
}
