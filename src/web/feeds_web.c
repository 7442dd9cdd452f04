/* SPDX-License-Identifier: MIT */
/* SLA feeds on the web (issue 19, docs/feeds.md): the page /feeds where an
 * admin picks a format and a stored map, uploads files, previews (a dry
 * run) and imports; maps stored by name and edited there; and the same as
 * JSON under /api/v1/feeds. Everything a handler allocates lives in the
 * request's arena or is released before it returns. */
#include "web/web_impl.h"

#include "report/i18n.h"

#include "io/feed.h"
#include "io/jsonw.h"
#include "report/scores_text.h"
#include "store/feed_store.h"
#include "store/jobs.h"
#include "web/table.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define MAX_FEED_FILES 32
#define MAP_NAME_MAX 64

/* A map name: letters, digits, '-', '_' and '.', at most 64 bytes. */
static int good_map_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n && n <= MAP_NAME_MAX &&
	       strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") == n &&
	       name[0] != '.';
}

/* A feed job's params (store/jobs.h): the format, the map's name and the
 * map's JSON as stored when the job was queued, one a line (neither the
 * format nor a map name has a line break). */

/* Queues the import (or the preview) of the request's uploaded files with
 * the stored map and the format named. Returns 0 with *id, 2 when the
 * request itself is wrong (problem says why, one line), -1 on a storage
 * failure. Nothing is parsed here: the job runner does it. */
static int enqueue_feed(struct request *req, const char *format_name, const char *map_name,
			int dry_run, int64_t *id, struct buf *problem)
{
	struct job_file files[MAX_FEED_FILES];
	struct buf err = BUF_INIT, params = BUF_INIT;
	char *body = NULL;
	size_t n = 0;
	int rc;
	if (!format_name || !feed_format_find(format_name)) {
		buf_addf(problem, "format: unknown format '%s'", format_name ? format_name : "");
		return 2;
	}
	if (!good_map_name(map_name)) {
		buf_addf(problem, "map: choose a stored map");
		return 2;
	}
	for (size_t i = 0; i < req->n_form; i++) {
		const struct param *part = &req->form[i];
		if (!part->filename || !part->len)
			continue;
		/* Only the base name: it names the file in messages and evidence. */
		const char *base = strrchr(part->filename, '/');
		if (n >= MAX_FEED_FILES) {
			buf_addf(problem, "%s: too many files (at most %d in one feed import)",
				 base ? base + 1 : part->filename, MAX_FEED_FILES);
			return 2;
		}
		files[n].name = (char *)(base ? base + 1 : part->filename);
		files[n].data = (char *)part->value;
		files[n].len = part->len;
		n++;
	}
	rc = store_feed_map_get(req->store, map_name, &body, &err);
	if (rc) {
		if (rc > 0)
			buf_addf(problem, "map: no stored map '%s'", map_name);
		else
			fprintf(stderr, "tandem serve: feed: %s\n", err.data);
		buf_release(&err);
		return rc > 0 ? 2 : -1;
	}
	if (!n) {
		buf_adds(problem, "upload: no files: choose the exported files to import");
		rc = 2;
		goto out;
	}
	buf_addf(&params, "%s\n%s\n%s", format_name, map_name, body);
	if (store_job_enqueue_params(req->store, "feed", params.data, req->session.user.name, req->actor,
				     dry_run, files, n, id, &err)) {
		fprintf(stderr, "tandem serve: feed: %s\n", err.data);
		rc = -1;
		goto out;
	}
	web_jobs_wake(req->srv);
	rc = 0;
out:
	xfree(body);
	buf_release(&err);
	buf_release(&params);
	return rc;
}

int web_feed_job_run(struct store *s, const struct job *job, const struct job_file *jf, size_t n_jf,
		     void (*on_progress)(void *ctx, uint64_t records, uint64_t bytes), void *ctx,
		     struct feed_import_result *r, struct buf *report, struct buf *detail)
{
	struct feed_file files[MAX_FEED_FILES];
	struct feed_import_options opt = { NULL, job->dry_run, 0, 0, job->actor, on_progress, ctx };
	struct feed_map *map = NULL;
	struct buf err = BUF_INIT;
	const char *params = job->params ? job->params : "";
	const char *nl1 = strchr(params, '\n'), *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
	char *format = NULL, *map_name = NULL;
	size_t n = 0;
	int rc = 1;
	memset(r, 0, sizeof *r);
	if (!nl2) {
		buf_adds(report, "the job names no format and map (it was queued by another version)\n");
		goto out;
	}
	format = xstrndup(params, (size_t)(nl1 - params));
	map_name = xstrndup(nl1 + 1, (size_t)(nl2 - nl1 - 1));
	if (!(opt.format = feed_format_find(format))) {
		buf_addf(report, "format: unknown format '%s'\n", format);
		goto out;
	}
	for (size_t i = 0; i < n_jf && n < MAX_FEED_FILES; i++) {
		files[n].name = jf[i].name;
		files[n].path = NULL;
		files[n].data = jf[i].data;
		files[n].len = jf[i].len;
		n++;
	}
	if (feed_map_read(map_name, nl2 + 1, strlen(nl2 + 1), &map, report))
		goto out;
	rc = store_feed_import(s, map, files, (int)n, &opt, r, report, &err);
	if (rc < 0) {
		fprintf(stderr, "tandem serve: feed import: %s\n", err.data);
		buf_reset(report);
		buf_adds(report, "the feed import failed (a storage error); nothing was written\n");
	}
out:
	buf_adds(detail, "{\"format\":");
	json_write_string(detail, format ? format : "", format ? strlen(format) : 0);
	buf_adds(detail, ",\"map\":");
	json_write_string(detail, map_name ? map_name : "", map_name ? strlen(map_name) : 0);
	buf_addf(detail, ",\"records\":%llu,\"skipped\":%llu,\"days\":%llu,\"removed\":%llu,\"messages\":",
		 (unsigned long long)r->records, (unsigned long long)r->skipped, (unsigned long long)r->days,
		 (unsigned long long)r->removed);
	web_json_lines(detail, report->data);
	buf_adds(detail, "}");
	feed_map_free(map);
	xfree(format);
	xfree(map_name);
	buf_release(&err);
	return rc;
}

/* POST /api/v1/feeds?format=F&map=NAME[&dry_run=1][&wait=S], the files
 * multipart: queues the job (202 and the job, as POST /api/v1/imports);
 * with ?wait=S a job finished by then answers 200 or 422. */
void api_feeds(struct request *req, struct response *res)
{
	struct buf problem = BUF_INIT;
	int dry;
	long wait = web_job_query(req, &dry);
	int64_t id = 0;
	int rc = enqueue_feed(req, http_query(req, "format"), http_query(req, "map"), dry, &id, &problem);
	if (rc == 2)
		http_json_error(res, 400, NULL, "%s", problem.data);
	else if (rc < 0)
		http_json_error(res, 500, NULL, "the feed import could not be queued (a storage error)");
	else
		web_job_answer(req, res, id, wait, "the feed import could not be queued (a storage error)");
	buf_release(&problem);
}

static int list_json(void *ctx, const char *name, const char *at, const char *by)
{
	struct buf *j = ctx;
	buf_adds(j, j->data[j->len - 1] == '[' ? "{\"name\":" : ",{\"name\":");
	json_write_string(j, name, strlen(name));
	buf_adds(j, ",\"updated_at\":");
	json_write_string(j, at, strlen(at));
	buf_adds(j, ",\"updated_by\":");
	json_write_string(j, by, strlen(by));
	buf_adds(j, "}");
	return 0;
}

/* GET /api/v1/feeds/maps: the stored maps. */
void api_feed_maps(struct request *req, struct response *res)
{
	struct buf j = BUF_INIT, err = BUF_INIT;
	buf_adds(&j, "[");
	if (store_feed_map_list(req->store, list_json, &j, &err)) {
		http_json_error(res, 500, NULL, "the maps cannot be read (a storage error)");
	} else {
		buf_adds(&j, "]");
		http_json(res, 200, &j);
	}
	buf_release(&j);
	buf_release(&err);
}

/* GET /api/v1/feeds/maps/{name}: the map's JSON as stored. */
void api_feed_map_get(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	char *body = NULL;
	int rc = good_map_name(req->params[0]) ? store_feed_map_get(req->store, req->params[0], &body, &err) : 1;
	if (rc > 0)
		http_json_error(res, 404, NULL, "no stored map '%s'", req->params[0]);
	else if (rc < 0)
		http_json_error(res, 500, NULL, "the map cannot be read (a storage error)");
	else {
		buf_adds(&j, body);
		http_json(res, 200, &j);
	}
	xfree(body);
	buf_release(&err);
	buf_release(&j);
}

/* Checks and stores a map; problems (as MAP: path: message lines) go to
 * report. Returns 0, 1 when the map has problems, 2 for a bad name, -1. */
static int save_map(struct request *req, const char *name, const char *body, size_t len,
		    struct buf *report)
{
	struct feed_map *m = NULL;
	struct buf err = BUF_INIT;
	char *text;
	int rc;
	if (!good_map_name(name)) {
		buf_adds(report, "name: a map name is 1 to 64 letters, digits, '-', '_' or '.'\n");
		return 2;
	}
	if (feed_map_read(name, body, len, &m, report))
		return 1;
	feed_map_free(m);
	text = arena_strndup(&req->arena, body, len);
	rc = store_feed_map_put(req->store, name, text, req->actor, &err);
	if (rc)
		fprintf(stderr, "tandem serve: feed map: %s\n", err.data);
	buf_release(&err);
	return rc ? -1 : 0;
}

/* PUT /api/v1/feeds/maps/{name}: the map JSON as the body. */
void api_feed_map_put(struct request *req, struct response *res)
{
	struct buf report = BUF_INIT, j = BUF_INIT;
	int rc = save_map(req, req->params[0], req->body.data, req->body.len, &report);
	if (rc < 0) {
		http_json_error(res, 500, NULL, "the map cannot be stored (a storage error)");
	} else if (rc == 2) {
		buf_setlen(&report, report.len - 1);
		http_json_error(res, 400, "name", "%s", report.data);
	} else {
		buf_addf(&j, "{\"ok\":%s,\"name\":", rc ? "false" : "true");
		json_write_string(&j, req->params[0], strlen(req->params[0]));
		buf_adds(&j, ",\"messages\":");
		web_json_lines(&j, report.data);
		buf_adds(&j, "}");
		http_json(res, rc ? 422 : 200, &j);
	}
	buf_release(&report);
	buf_release(&j);
}

/* --- the page -------------------------------------------------------------- */

/* The stored maps as rows (for the list) and as values (for the
 * import form's choice). */
struct stored_maps {
	struct request *req;
	struct table_row *rows;
	const char **names;           /* NULL-terminated */
	size_t n, cap;
};

enum { MAP_COLUMNS = 3 };

static int map_row(void *ctx, const char *name, const char *at, const char *by)
{
	struct stored_maps *m = ctx;
	struct request *req = m->req;
	char local[20];
	if (m->n + 1 >= m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct table_row *rows = arena_alloc(&req->arena, cap * sizeof *rows);
		const char **names = arena_alloc(&req->arena, cap * sizeof *names);
		if (m->n) {
			memcpy(rows, m->rows, m->n * sizeof *rows);
			memcpy(names, m->names, m->n * sizeof *names);
		}
		m->rows = rows;
		m->names = names;
		m->cap = cap;
	}
	struct table_cell *cells = arena_alloc(&req->arena, MAP_COLUMNS * sizeof *cells);
	memset(cells, 0, MAP_COLUMNS * sizeof *cells);
	cells[0].text = arena_strdup(&req->arena, name);
	{
		struct buf h = BUF_INIT;
		buf_adds(&h, "/feeds?map=");
		http_url_escape(&h, name);
		buf_adds(&h, "#map-editor");
		cells[0].href = arena_strdup(&req->arena, h.data);
		buf_release(&h);
	}
	web_local_time(req, at, local);
	cells[1].text = arena_strdup(&req->arena, local);
	cells[2].text = arena_strdup(&req->arena, by);
	m->rows[m->n].cells = cells;
	m->rows[m->n].id = NULL;
	m->names[m->n++] = cells[0].text;
	m->names[m->n] = NULL;
	return 0;
}

static const struct table_column map_columns[MAP_COLUMNS] = {
	{ "name", "feeds.map_name", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH },
	{ "updated_at", "feeds.updated_at", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "updated_by", "feeds.updated_by", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_CHOICES | TABLE_SEARCH },
};
static const struct table_desc map_table = {
	"feed-maps", "maps", map_columns, MAP_COLUMNS, 50, "feeds.no_maps", 0, 0,
};

/* The import form: format, stored map, files, dry run. */
static void import_form(struct request *req, struct buf *o, const struct stored_maps *m,
			const char *format, const char *map)
{
	const char **formats = arena_alloc(&req->arena, (feed_n_formats + 1) * sizeof *formats);
	const char **labels = arena_alloc(&req->arena, (feed_n_formats + 1) * sizeof *labels);
	for (size_t i = 0; i < feed_n_formats; i++) {
		/* The summary in the user's language (feed.format.NAME), the
		 * English one of the format table when the catalog lacks it. */
		const char *summary = i18n_find(i18n_lang(req->lang),
						arena_printf(&req->arena, "feed.format.%s", feed_formats[i].name));
		formats[i] = feed_formats[i].name;
		labels[i] = arena_printf(&req->arena, "%s — %s", feed_formats[i].name,
					 summary ? summary : feed_formats[i].summary);
	}
	formats[feed_n_formats] = labels[feed_n_formats] = NULL;
	static const char *const no_maps[] = { NULL };
	struct form_field fields[] = {
		{ .name = "format", .id = "format", .label = msg(req->lang, "feeds.format"), .kind = FIELD_ENUM,
		  .flags = FIELD_REQUIRED | FIELD_NO_EMPTY, .options = formats, .option_labels = labels,
		  .value = format },
		{ .name = "map", .id = "map", .label = msg(req->lang, "feeds.map"), .kind = FIELD_ENUM,
		  .flags = FIELD_REQUIRED | FIELD_NO_EMPTY | FIELD_PLAIN_OPTIONS,
		  .options = m->n ? m->names : no_maps, .value = map,
		  .help = m->n ? NULL : msg(req->lang, "feeds.no_maps") },
		{ .name = "files", .id = "files", .label = msg(req->lang, "feeds.files"), .kind = FIELD_FILE,
		  .flags = FIELD_REQUIRED | FIELD_MULTIPLE, .accept = ".json,.csv,.xlsx" },
		{ .name = "dry_run", .id = "dry_run", .label = msg(req->lang, "feeds.dry_run"),
		  .kind = FIELD_CHECKBOX, .flags = FIELD_CHECKED, .value = "1" },
	};
	struct form f = { .id = "feed-import", .action = "/feeds", .css = "stack", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0],
			  .submit_label = msg(req->lang, "feeds.submit"), .help = msg(req->lang, "feeds.help") };
	html_form(req, o, &f);
}

/* The map editor: a name and the map's JSON. */
static void map_form(struct request *req, struct buf *o, const char *name, const char *body)
{
	struct form_field fields[] = {
		{ .name = "name", .id = "map-name", .label = msg(req->lang, "feeds.map_name"), .kind = FIELD_TEXT,
		  .flags = FIELD_REQUIRED, .maxlength = MAP_NAME_MAX, .value = name },
		{ .name = "body", .id = "map-body", .label = msg(req->lang, "feeds.map_body"),
		  .kind = FIELD_TEXTAREA, .flags = FIELD_REQUIRED | FIELD_CODE, .rows = 14,
		  .value = body ? body
				: "{\"timezone\": \"Asia/Seoul\",\n \"service_level\": {\"threshold_seconds\": 20},\n"
				  " \"queues\": [{\"source_id\": \"...\", \"contract_id\": \"...\",\n"
				  "             \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	};
	struct form f = { .id = "map-editor", .action = "/feeds/maps", .css = "stack", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0], .plain_submit = 1,
			  .submit_label = msg(req->lang, "feeds.map_save") };
	html_form(req, o, &f);
}

static void feeds_page(struct request *req, struct response *res, const char *format,
		       const char *map, const char *edit_name, const char *edit_body)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct stored_maps m = { req, NULL, NULL, 0, 0 };
	if (store_feed_map_list(req->store, map_row, &m, &err))
		fprintf(stderr, "tandem serve: feed maps: %s\n", err.data);
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "feeds.import");
	html_raw(o, "</h2>\n");
	import_form(req, o, &m, format, map);
	html_raw(o, "</section>\n");

	/* The stored maps and the editor. */
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "feeds.maps");
	html_raw(o, "</h2>\n");
	html_table(req, o, &map_table, m.rows, m.n);
	map_form(req, o, edit_name, edit_body);
	html_raw(o, "</section>\n");
	buf_release(&err);
}

/* GET /feeds[?map=NAME]: the page, with NAME in the editor. */
void page_feeds(struct request *req, struct response *res)
{
	const char *name = http_query(req, "map");
	char *body = NULL;
	struct buf err = BUF_INIT;
	if (name && (!good_map_name(name) || store_feed_map_get(req->store, name, &body, &err))) {
		html_error_page(req, res, 404, "feeds.unknown_map", name);
		buf_release(&err);
		return;
	}
	html_page_begin(req, res, "feeds.title", NULL);
	feeds_page(req, res, NULL, name, name, body);
	html_page_end(req, res);
	xfree(body);
	buf_release(&err);
}

/* POST /feeds: queues a preview (dry run) or an import, or the import of a
 * valid preview (commit=ID), and sends the browser to the job's page.
 * Nothing is parsed here. */
void page_feeds_post(struct request *req, struct response *res)
{
	struct buf *o = &res->body, problem = BUF_INIT, err = BUF_INIT;
	const char *format = http_form(req, "format"), *map = http_form(req, "map");
	const char *commit = http_form(req, "commit");
	int64_t id = 0;
	int rc;
	if (commit) {
		int64_t preview = web_job_id(commit);
		struct job pj;
		/* Only a feed's preview is imported from here (an import's has
		 * its own page). */
		rc = preview ? store_job_get(req->store, preview, &pj, &err) : 1;
		if (!rc) {
			if (strcmp(pj.kind, "feed"))
				rc = 1;
			store_job_release(&pj);
		}
		if (!rc)
			rc = store_job_commit_preview(req->store, preview, req->session.user.name, req->actor,
						      &id, &err);
		if (rc == 1) {
			html_error_page(req, res, 410, "import.expired", NULL);
			goto out;
		}
		if (rc < 0)
			fprintf(stderr, "tandem serve: feed: %s\n", err.data);
		else
			web_jobs_wake(req->srv);
	} else {
		rc = enqueue_feed(req, format, map, http_form(req, "dry_run") != NULL, &id, &problem);
	}
	if (rc < 0) {
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	if (rc == 2) {
		html_page_begin(req, res, "feeds.title", NULL);
		res->status = 400;
		html_raw(o, "<div class=\"notice error\" role=\"alert\"><p>");
		html_msg(o, req, "feeds.has_errors");
		html_raw(o, "</p>");
		html_problem_list(o, problem.data);
		html_raw(o, "</div>\n");
		feeds_page(req, res, format, map, NULL, NULL);
		html_page_end(req, res);
		goto out;
	}
	http_redirect(res, req, arena_printf(&req->arena, "/feeds/jobs/%lld", (long long)id));
out:
	buf_release(&problem);
	buf_release(&err);
}

/* The lines of a feed job's messages (its detail's "messages"), for the
 * page: the detail is our own JSON, read back with the JSON reader. */
static void job_messages(const struct job *job, struct buf *lines)
{
	json_error_t je;
	json_t *d = job->detail ? json_loads(job->detail, 0, &je) : NULL, *m = json_object_get(d, "messages");
	size_t i;
	json_t *v;
	json_array_foreach(m, i, v)
		if (json_is_string(v))
			buf_addf(lines, "%s\n", json_string_value(v));
	json_decref(d);
}

static int64_t detail_int(const struct job *job, const char *key)
{
	json_error_t je;
	json_t *d = job->detail ? json_loads(job->detail, 0, &je) : NULL;
	int64_t v = json_integer_value(json_object_get(d, key));
	json_decref(d);
	return v;
}

/* GET /feeds/jobs/{id}: a feed job's page, as an import job's: its place
 * in the queue or its progress (the page reloads itself every second),
 * then the problems, or what was (or would be) written with the button
 * that imports a valid preview. */
void page_feed_job(struct request *req, struct response *res)
{
	struct buf *o = &res->body, lines = BUF_INIT;
	struct job job;
	if (web_job_page_get(req, res, "feed", &job))
		return;
	html_page_begin(req, res, "feeds.title", NULL);
	web_job_heading(req, o, &job);
	job_messages(&job, &lines);
	if (!job.finished) {
		web_job_waiting(req, res, &job, "/feeds/jobs/", "feeds.running");
	} else if (!job.ok) {
		web_job_failed(req, res, &job, "feeds.has_errors");
		html_problem_list(o, job.errors ? job.errors : lines.data);
		html_raw(o, "</div></section>\n");
	} else {
		html_raw(o, "<div class=\"notice ok\" role=\"status\"><p>");
		html_msg(o, req, job.dry_run ? "feeds.valid" : "feeds.done");
		buf_addf(o, ": %lld · %lld", (long long)job.rows, (long long)detail_int(&job, "days"));
		if (!job.dry_run)
			buf_addf(o, " · batch %lld", (long long)job.batch);
		html_raw(o, "</p>");
		if (lines.len)
			html_problem_list(o, lines.data);
		html_raw(o, "</div></section>\n");
		if (job.dry_run && job.committed_by) {
			web_job_committed(req, o, &job, "/feeds/jobs/");
		} else if (job.dry_run) {
			web_job_commit_form(req, o, &job, "/feeds");
		}
	}
	if (job.finished)
		feeds_page(req, res, NULL, NULL, NULL, NULL);
	html_page_end(req, res);
	store_job_release(&job);
	buf_release(&lines);
}

/* POST /feeds/maps: store (create or replace) a map by name. */
void page_feed_map_post(struct request *req, struct response *res)
{
	struct buf *o = &res->body, report = BUF_INIT;
	const char *name = http_form(req, "name"), *body = http_form(req, "body");
	int rc = save_map(req, name, body ? body : "", body ? strlen(body) : 0, &report);
	html_page_begin(req, res, "feeds.title", NULL);
	if (rc < 0) {
		res->status = 500;
		html_raw(o, "<p class=\"notice error\" role=\"alert\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p>");
	} else if (rc) {
		res->status = rc == 2 ? 400 : 422;
		html_raw(o, "<div class=\"notice error\" role=\"alert\"><p>");
		html_msg(o, req, "feeds.map_has_errors");
		html_raw(o, "</p>");
		html_problem_list(o, report.data);
		html_raw(o, "</div>\n");
	} else {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "feeds.map_saved");
		html_raw(o, ": ");
		html_escape(o, name);
		html_raw(o, "</p>\n");
	}
	feeds_page(req, res, NULL, rc ? NULL : name, name, body);
	html_page_end(req, res);
	buf_release(&report);
}

/* --- the evidence ----------------------------------------------------------- */

/* The feed sources behind a contract's measurements, one row each. */
enum { SOURCE_COLUMNS = 8 };
static const struct table_column source_columns[SOURCE_COLUMNS] = {
	{ "metric", "feeds.metric", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES },
	{ "format", "feeds.format", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES },
	{ "source_id", "feeds.source_id", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SEARCH },
	{ "measure", "feeds.measure", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "first_day", "feeds.first_day", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "last_day", "feeds.last_day", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "days", "feeds.days", NULL, TABLE_DAYS, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "items", "feeds.items", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM },
};
static const struct table_desc source_table = {
	"feed-sources", "sources", source_columns, SOURCE_COLUMNS, 50, NULL, -1, 0,
};

struct source_rows {
	struct request *req;
	struct table_row *rows;
	size_t n, cap;
};

static int summary_row(void *ctx, const struct feed_summary *f)
{
	struct source_rows *sr = ctx;
	struct request *req = sr->req;
	const char *texts[] = { f->metric, f->format, f->source_id, f->measure, f->first_day, f->last_day };
	if (sr->n == sr->cap) {
		size_t cap = sr->cap ? sr->cap * 2 : 16;
		struct table_row *rows = arena_alloc(&req->arena, cap * sizeof *rows);
		if (sr->n)
			memcpy(rows, sr->rows, sr->n * sizeof *rows);
		sr->rows = rows;
		sr->cap = cap;
	}
	struct table_cell *cells = arena_alloc(&req->arena, SOURCE_COLUMNS * sizeof *cells);
	memset(cells, 0, SOURCE_COLUMNS * sizeof *cells);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		cells[i].text = arena_strdup(&req->arena, texts[i]);
	cells[6].has_num = cells[7].has_num = 1;
	cells[6].num = (long double)f->days;
	cells[7].num = (long double)f->items;
	sr->rows[sr->n].cells = cells;
	sr->rows[sr->n++].id = NULL;
	return 0;
}

void web_feed_sources_panel(struct request *req, struct buf *o, const char *contract)
{
	struct buf err = BUF_INIT;
	struct source_rows sr = { req, NULL, 0, 0 };
	if (store_feed_contract_sources(req->store, contract, summary_row, &sr, &err) || !sr.n) {
		if (err.len)
			fprintf(stderr, "tandem serve: feed sources: %s\n", err.data);
		buf_release(&err);
		return;   /* no feed: nothing to show */
	}
	html_table_card(req, o, "feed-sources-card", "feeds.sources", &source_table, sr.rows, sr.n);
	buf_release(&err);
}

static int source_json(void *ctx, day_t day, const char *format, const char *source_id,
		       const char *measure, const char *files, int64_t items)
{
	struct buf *j = ctx;
	char date[11];
	date_format(day, date);
	buf_adds(j, j->data[j->len - 1] == '[' ? "{\"date\":" : ",{\"date\":");
	json_write_string(j, date, 10);
	buf_adds(j, ",\"format\":");
	json_write_string(j, format, strlen(format));
	buf_adds(j, ",\"source_id\":");
	json_write_string(j, source_id, strlen(source_id));
	buf_adds(j, ",\"measure\":");
	json_write_string(j, measure, strlen(measure));
	buf_adds(j, ",\"files\":[");
	for (const char *p = files; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (p != files)
			buf_addc(j, ',');
		json_write_string(j, p, len);
		p += len + (nl ? 1 : 0);
	}
	buf_addf(j, "],\"items\":%lld}", (long long)items);
	return 0;
}

/* GET /api/v1/feeds/sources?contract=ID&metric=M[&from=D&to=D]: for each day
 * the feed sources behind the measurement. */
void api_feed_sources(struct request *req, struct response *res)
{
	const char *contract = http_query(req, "contract"), *metric = http_query(req, "metric");
	const char *from = http_query(req, "from"), *to = http_query(req, "to");
	day_t f = DAY_NONE, t = DAY_NONE;
	struct buf j = BUF_INIT, err = BUF_INIT;
	if (!contract || !*contract || !metric || !*metric) {
		http_json_error(res, 400, contract && *contract ? "metric" : "contract",
				"name the contract and the metric (?contract=ID&metric=M)");
		return;
	}
	if ((from && date_parse(from, strlen(from), &f)) || (to && date_parse(to, strlen(to), &t))) {
		http_json_error(res, 400, from && date_parse(from, strlen(from), &f) ? "from" : "to",
				"not a date (YYYY-MM-DD)");
		return;
	}
	buf_adds(&j, "[");
	if (store_feed_sources(req->store, contract, metric, f, t, source_json, &j, &err)) {
		http_json_error(res, 500, NULL, "the feed sources cannot be read (a storage error)");
	} else {
		buf_adds(&j, "]");
		http_json(res, 200, &j);
	}
	buf_release(&j);
	buf_release(&err);
}

int web_explain(struct request *req, const struct scores *s, const char *contract,
		const char *criterion, enum lang lang, struct buf *out, struct buf *err)
{
	struct feed_evidence *fe = NULL;
	size_t n = 0;
	day_t from, to;
	int rc;
	if (report_explain_span(s, contract, criterion, &from, &to) &&
	    store_feed_evidence(req->store, contract, from, to, &fe, &n, err)) {
		fprintf(stderr, "tandem serve: feed evidence: %s\n", err->data);
		buf_reset(err);   /* the explanation goes on without the feeds */
	}
	rc = report_explain_feeds(s, contract, criterion, fe, n, lang, out, err);
	feed_evidence_free(fe, n);
	return rc;
}
