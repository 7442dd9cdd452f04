/* SPDX-License-Identifier: MIT */
/* The yearly review in the web (SPEC §5 "Yearly review"): the stored model
 * versions, one model's JSON, the differences between two, a what-if of a
 * draft against the model that scores a year now, importing a version,
 * activating it, and freezing a year's official results and verifying
 * them later — each as JSON under /api/v1 and as pages. The work is the
 * CLI's (cli/model_cmd.c, cli/score_cmd.c), done here over the same store
 * functions; who may do what is in the route table. Everything allocated
 * here is released before the handler returns. */
#include "web/web_impl.h"
#include "web/table.h"

#include "app/scoring.h"

#include "report/i18n.h"
#include "report/model_diff_text.h"
#include "report/units.h"
#include "report/scores_text.h"

#include "base/clock.h"
#include "domain/date.h"
#include "engine/calibrate.h"
#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"
#include "engine/whatif.h"
#include "io/jsonw.h"
#include "report/scores_csv.h"
#include "report/scores_json.h"
#include "report/whatif_text.h"
#include "store/load.h"
#include "store/models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_BODY_MAX (1u << 20)

/* Each line of text as a JSON string array member. */
static void jlines(struct buf *o, const char *text)
{
	int first = 1;
	buf_addc(o, '[');
	for (const char *line = text ? text : ""; *line;) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		if (len) {
			buf_adds(o, first ? "" : ",");
			json_write_string(o, line, len);
			first = 0;
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	buf_addc(o, ']');
}

/* --- the work: app/scoring.h, its results as HTTP statuses --------------- */

/* A model by name ("default" or a stored version: app_model_load's rule,
 * no files). Returns 0 with *out (model_free), 1 when there is no such
 * version, -1 with err. */
static int model_by_name(struct store *s, const char *name, struct model **out,
			 struct buf *err)
{
	char *version = NULL;
	enum app_status st = app_model_load(s, name, 0, 0, out, &version, err);
	xfree(version);
	return st == APP_OK ? 0 : st == APP_MISSING ? 1 : -1;
}

/* What the what-if compared: the year's model now beside a draft. */
struct whatif_run {
	const struct scored *now;
	struct app_scored_year draft;
	struct whatif *w;
};

static void whatif_run_release(struct web_server *srv, struct whatif_run *r)
{
	whatif_free(r->w);
	app_scored_year_release(&r->draft);
	web_scores_release(srv, r->now);
	memset(r, 0, sizeof *r);
}

/* Parses the draft (JSON text, or the stored version named) and compares.
 * Returns 0, or an HTTP status with a message in err. */
static int whatif_run(struct request *req, int year, const char *text, size_t len,
		      const char *version, struct whatif_run *r, struct buf *err)
{
	struct model *m = NULL;
	memset(r, 0, sizeof *r);
	if (version && *version) {
		int got = model_by_name(req->store, version, &m, err);
		if (got)
			return got > 0 ? (buf_addf(err, "no stored model version '%s'", version), 404) : 500;
	} else if (!text || !len) {
		buf_adds(err, "send the draft model's JSON (or ?model=VERSION)");
		return 422;
	} else if (len > MODEL_BODY_MAX) {
		buf_adds(err, "the model is too large");
		return 413;
	} else if (model_parse(text, len, "draft", &m, err)) {
		return 422;
	}
	r->now = web_scores_get(req, year, err);
	if (!r->now) {
		model_free(m);
		return 500;
	}
	enum app_status st = app_whatif(req->store, r->now->scores, m, version && *version ? version : "draft",
					year, &r->draft, &r->w, err);
	return st == APP_OK ? 0 : web_app_http(st);
}

/* The year of a form's year field, else the default year; 0 when it is
 * not a year. */
static int form_year(struct request *req)
{
	int year = 0, got = web_year_param(req, "year", &year);
	return got < 0 ? 0 : got ? year : web_default_year(req);
}

static void signed_number(struct buf *o, long double v)
{
	if (numfmt_round(v, 2) > 0)
		buf_addc(o, '+');
	numfmt_ld(o, v, 2);
}

/* Freezes year with the model that scores it now: the cached scores and
 * the data version they were read at (app_freeze re-checks it). */
static enum app_status freeze_year(struct request *req, int year, struct frozen *f,
				   struct buf *err)
{
	const struct scored *sc = web_scores_get(req, year, err);
	memset(f, 0, sizeof *f);
	if (!sc)
		return APP_FAILED;
	enum app_status st = app_freeze(req->store, year, sc->scores, sc->model_version,
					sc->data_version, req->actor, f, err);
	web_scores_release(req->srv, sc);
	return st;
}

/* Stores the model text as version (NULL: "Y-N") for year. Returns 201,
 * or a status with a message in err; *stored gets the version's name. */
static int import_model(struct request *req, const char *text, size_t len, int year,
			const char *version, char **stored, struct buf *err)
{
	struct model *m = NULL;
	*stored = NULL;
	if (!text || !len) {
		buf_adds(err, "send the model's JSON");
		return 422;
	}
	if (len > MODEL_BODY_MAX) {
		buf_adds(err, "the model is too large");
		return 413;
	}
	if (model_parse(text, len, "model", &m, err))
		return 422;
	enum app_status st = app_model_import(req->store, m, year, version, req->actor, stored, err);
	model_free(m);
	return st == APP_OK ? 201 : web_app_http(st);
}

static void log_failure(int status, const struct buf *err)
{
	if (status >= 500)
		fprintf(stderr, "tandem serve: models: %s\n", err->data);
}

/* --- the API ------------------------------------------------------------- */

static int api_body_json(struct request *req, struct response *res)
{
	if (!req->content_type || strncmp(req->content_type, "application/json", 16)) {
		http_json_error(res, 415, NULL, "send the model as application/json");
		return 0;
	}
	return 1;
}

static void api_fail(struct response *res, int status, const struct buf *err)
{
	log_failure(status, err);
	if (status >= 500)
		http_json_error(res, status, NULL, "internal error");
	else
		http_json_error(res, status, NULL, "%s", err->data);
}

void api_models_list(struct request *req, struct response *res)
{
	struct stored_model *list = NULL;
	struct buf err = BUF_INIT, j = BUF_INIT;
	size_t n = 0;
	char *now_version = NULL;
	struct model *now = NULL;
	int year = web_default_year(req);

	if (store_model_list(req->store, &list, &n, &err) ||
	    app_model_load(req->store, NULL, year, 0, &now, &now_version, &err) != APP_OK) {
		api_fail(res, 500, &err);
		goto out;
	}
	buf_addf(&j, "{\"year\":%d,\"scoring_model\":", year);
	json_write_string_or_null(&j, now_version);
	buf_adds(&j, ",\"models\":[");
	for (size_t i = 0; i < n; i++) {
		buf_adds(&j, i ? ",{\"version\":" : "{\"version\":");
		json_write_string_or_null(&j, list[i].version);
		if (list[i].year)
			buf_addf(&j, ",\"year\":%d", list[i].year);
		else
			buf_adds(&j, ",\"year\":null");
		buf_addf(&j, ",\"active\":%s,\"created_at\":", list[i].active ? "true" : "false");
		json_write_string_or_null(&j, list[i].created_at);
		buf_adds(&j, ",\"created_by\":");
		json_write_string_or_null(&j, list[i].created_by);
		char *note = model_note_of(list[i].body);
		buf_adds(&j, ",\"note\":");
		json_write_string_or_null(&j, note);
		xfree(note);
		buf_adds(&j, "}");
	}
	buf_adds(&j, "]}");
	http_json(res, 200, &j);
out:
	for (size_t i = 0; i < n; i++)
		stored_model_release(&list[i]);
	xfree(list);
	model_free(now);
	xfree(now_version);
	buf_release(&err);
	buf_release(&j);
}

void api_model_get(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct stored_model sm = { 0 };
	struct model *m = NULL;
	const char *name = req->params[0];
	int got = model_by_name(req->store, name, &m, &err);
	if (got) {
		if (got > 0)
			http_json_error(res, 404, NULL, "no model version '%s'", name);
		else
			api_fail(res, 500, &err);
		goto out;
	}
	if (strcmp(name, "default") && store_model_get(req->store, name, &sm, &err) < 0) {
		api_fail(res, 500, &err);
		goto out;
	}
	char *json = model_to_json(m);
	buf_adds(&j, "{\"version\":");
	json_write_string_or_null(&j, name);
	if (sm.year)
		buf_addf(&j, ",\"year\":%d", sm.year);
	else
		buf_adds(&j, ",\"year\":null");
	buf_addf(&j, ",\"active\":%s,\"model\":%s}", sm.active ? "true" : "false", json);
	xfree(json);
	http_json(res, 200, &j);
out:
	stored_model_release(&sm);
	model_free(m);
	buf_release(&err);
	buf_release(&j);
}

void api_models_diff(struct request *req, struct response *res)
{
	const char *a = http_query(req, "a"), *b = http_query(req, "b");
	struct model *ma = NULL, *mb = NULL;
	struct buf err = BUF_INIT, j = BUF_INIT, d = BUF_INIT;
	int got;
	if (!a || !*a || !b || !*b) {
		http_json_error(res, 400, a && *a ? "b" : "a", "name two models: ?a=VERSION&b=VERSION (or default)");
		goto out;
	}
	if ((got = model_by_name(req->store, a, &ma, &err)) != 0 ||
	    (got = model_by_name(req->store, b, &mb, &err)) != 0) {
		if (got > 0)
			http_json_error(res, 404, ma ? "b" : "a", "no model version '%s'", ma ? b : a);
		else
			api_fail(res, 500, &err);
		goto out;
	}
	int n = report_model_diff(ma, mb, LANG_EN, DIFF_FORMULAS, &d);
	buf_adds(&j, "{\"a\":");
	json_write_string_or_null(&j, a);
	buf_adds(&j, ",\"b\":");
	json_write_string_or_null(&j, b);
	buf_addf(&j, ",\"same\":%s,\"changes\":", n ? "false" : "true");
	jlines(&j, d.data);
	/* the same changes for people, in the request's language */
	buf_reset(&d);
	report_model_diff(ma, mb, i18n_lang(req->lang), DIFF_WORDS, &d);
	buf_adds(&j, ",\"changes_text\":");
	jlines(&j, d.data);
	buf_adds(&j, "}");
	http_json(res, 200, &j);
out:
	model_free(ma);
	model_free(mb);
	buf_release(&err);
	buf_release(&j);
	buf_release(&d);
}

static void whatif_json(struct buf *j, const struct whatif_run *r, const char *draft_name)
{
	report_whatif_json(r->w, r->now->model_version, draft_name, j);
}

void api_models_whatif(struct request *req, struct response *res)
{
	struct whatif_run r;
	struct buf err = BUF_INIT, j = BUF_INIT;
	const char *version = http_query(req, "model");
	int year = req->year, status;
	if (!(version && *version) && !api_body_json(req, res))
		goto out;
	status = whatif_run(req, year, req->body.data, req->body.len, version, &r, &err);
	if (status)
		api_fail(res, status, &err);
	else {
		whatif_json(&j, &r, version && *version ? version : "draft");
		http_json(res, 200, &j);
	}
	whatif_run_release(req->srv, &r);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_models_import(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	char *stored = NULL;
	int year = req->year, status;
	if (!api_body_json(req, res))
		goto out;
	status = import_model(req, req->body.data, req->body.len, year, http_query(req, "version"),
			      &stored, &err);
	if (status != 201) {
		api_fail(res, status, &err);
		goto out;
	}
	buf_adds(&j, "{\"version\":");
	json_write_string_or_null(&j, stored);
	buf_addf(&j, ",\"year\":%d,\"active\":false}", year);
	http_json(res, 201, &j);
out:
	xfree(stored);
	buf_release(&err);
	buf_release(&j);
}

void api_model_activate(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	enum app_status st = app_model_activate(req->store, req->params[0], req->actor, &err);
	if (st != APP_OK)
		api_fail(res, web_app_http(st), &err);
	else {
		buf_adds(&j, "{\"version\":");
		json_write_string_or_null(&j, req->params[0]);
		buf_adds(&j, ",\"active\":true}");
		http_json(res, 200, &j);
	}
	buf_release(&err);
	buf_release(&j);
}

static int path_year(struct request *req)
{
	int y = 0;
	return web_parse_year(req->params[0], &y) == 1 ? y : 0;
}

void api_freeze(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct frozen f;
	int year = path_year(req), status;
	if (!year) {
		http_json_error(res, 404, NULL, "not a year: '%s'", req->params[0]);
		goto out;
	}
	status = web_app_http(freeze_year(req, year, &f, &err));
	if (status != 200) {
		api_fail(res, status, &err);
		goto out;
	}
	buf_addf(&j, "{\"year\":%d,\"model_version\":", year);
	json_write_string_or_null(&j, f.model_version);
	buf_adds(&j, ",\"data_hash\":");
	json_write_string_or_null(&j, f.data_hash);
	buf_adds(&j, ",\"frozen_at\":");
	json_write_string_or_null(&j, f.frozen_at);
	buf_adds(&j, ",\"frozen_by\":");
	json_write_string_or_null(&j, f.frozen_by);
	buf_adds(&j, "}");
	http_json(res, 201, &j);
	frozen_release(&f);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_verify(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct app_verification v;
	int year = path_year(req), status;
	if (!year) {
		http_json_error(res, 404, NULL, "not a year: '%s'", req->params[0]);
		goto out;
	}
	status = web_app_http(app_verify(req->store, year, &v, &err));
	if (status != 200) {
		api_fail(res, status, &err);
	} else {
		buf_addf(&j, "{\"year\":%d,\"model_version\":", year);
		json_write_string_or_null(&j, v.f.model_version);
		buf_adds(&j, ",\"frozen_at\":");
		json_write_string_or_null(&j, v.f.frozen_at);
		buf_adds(&j, ",\"frozen_by\":");
		json_write_string_or_null(&j, v.f.frozen_by);
		buf_addf(&j, ",\"data_unchanged\":%s,\"results_identical\":%s,\"differences\":",
			 v.data_same ? "true" : "false", v.results_same ? "true" : "false");
		jlines(&j, v.diff.data);
		buf_adds(&j, "}");
		http_json(res, 200, &j);
	}
	app_verification_release(&v);
out:
	buf_release(&err);
	buf_release(&j);
}

/* --- pages --------------------------------------------------------------- */

/* The buttons follow the route table: who may activate, who may import. */
static int may_activate(const struct request *req)
{
	return web_may(req, HTTP_POST, "/models/{version}/activate", NULL);
}

static int may_import(const struct request *req)
{
	return web_may(req, HTTP_POST, "/models", NULL);
}

static void model_href(struct buf *out, const char *version)
{
	buf_adds(out, "/models/");
	http_url_escape(out, version);
}

static void notice(struct request *req, struct buf *o, const char *key, const char *detail, int error)
{
	html_raw(o, error ? "<div class=\"notice error\" role=\"alert\"><p>"
		 : "<div class=\"notice ok\" role=\"status\"><p>");
	html_msg(o, req, key);
	if (detail && *detail) {
		html_raw(o, "</p><pre class=\"small\">");
		html_error_text(o, req, detail);
		html_raw(o, "</pre></div>\n");
	} else {
		html_raw(o, "</p></div>\n");
	}
}

/* A field choosing a model: the built-in one ("default") and the stored
 * versions, selected the one named; without the built-in, an empty
 * choice "—" first (none: a file instead). */
static struct form_field model_field(struct request *req, const char *name, const char *id,
				     const char *label_key, const struct stored_model *list, size_t n,
				     const char *selected, int with_builtin)
{
	const char **values = arena_alloc(&req->arena, (n + 2) * sizeof *values);
	const char **labels = arena_alloc(&req->arena, (n + 2) * sizeof *labels);
	size_t k = 0;
	if (with_builtin) {
		values[k] = "default";
		labels[k++] = msg(req->lang, "models.builtin");
	}
	for (size_t i = 0; i < n; i++) {
		values[k] = list[i].version;
		labels[k++] = list[i].version;
	}
	values[k] = labels[k] = NULL;
	return (struct form_field){ .name = name, .id = id, .label = msg(req->lang, label_key), .kind = FIELD_ENUM,
				    .flags = with_builtin ? FIELD_NO_EMPTY : 0, .options = values,
				    .option_labels = labels, .value = selected, .empty_label = "—" };
}

static void model_state_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct stored_model *m = arg;
	if (m->active) {
		html_raw(o, "<span class=\"grade grade-A\">");
		html_msg(o, req, "models.active");
		html_raw(o, "</span>");
	} else {
		html_msg(o, req, "models.inactive");
	}
}

static void model_activate_cell(struct request *req, struct buf *o, const void *arg)
{
	const struct stored_model *m = arg;
	struct buf href = BUF_INIT;
	if (may_activate(req) && !m->active) {
		model_href(&href, m->version);
		buf_adds(&href, "/activate");
		struct form f = { .action = href.data, .inline_form = 1, .plain_submit = 1,
				  .submit_label = msg(req->lang, "models.activate") };
		html_form(req, o, &f);
	}
	buf_release(&href);
}

static const struct table_column model_columns[] = {
	{ .key = "version", .label_key = "models.version", .flags = TABLE_ROW_HEADER | TABLE_SEARCH },
	{ .key = "year", .label_key = "score.year", .align = TABLE_ALIGN_LEFT },
	{ .key = "state", .label_key = "models.state" },
	{ .key = "created", .label_key = "models.created", .flags = TABLE_SEARCH },
	{ .key = "note", .label_key = "models.note", .flags = TABLE_SEARCH, .class_name = "note" },
	{ .key = "activate", .label_key = "models.activate", .flags = TABLE_LABEL_HIDDEN },
};

/* The versions stored, the built-in model first (html_table). */
static void model_list_table(struct request *req, struct buf *o, const struct stored_model *list, size_t n)
{
	static const struct table_desc d = { .id = "model-list", .columns = model_columns,
					     .n_columns = sizeof model_columns / sizeof model_columns[0],
					     .default_sort = -1 };
	struct table_row *rows = arena_alloc(&req->arena, (n + 1) * sizeof *rows);
	for (size_t i = 0; i <= n; i++) {
		struct table_cell *c = arena_alloc(&req->arena, 6 * sizeof *c);
		memset(c, 0, 6 * sizeof *c);
		rows[i].cells = c;
		rows[i].id = NULL;
		if (i == 0) {
			c[0].text = msg(req->lang, "models.builtin");
			c[0].href = "/models/default";
			c[1].text = msg(req->lang, "models.any_year");
			c[3].text = msg(req->lang, "models.builtin_source");
			continue;
		}
		const struct stored_model *m = &list[i - 1];
		struct buf href = BUF_INIT;
		model_href(&href, m->version);
		c[0].text = m->version;
		c[0].href = arena_strdup(&req->arena, href.data);
		c[1].text = m->year ? arena_printf(&req->arena, "%d", m->year) : msg(req->lang, "models.any_year");
		c[2].draw = model_state_cell;
		c[2].draw_arg = m;
		c[3].text = arena_printf(&req->arena, "%s · %s", web_local_time_text(req, m->created_at),
					  web_actor_text(req, m->created_by));
		char *note = model_note_of(m->body);
		c[4].text = note ? web_note_text(req, note) : NULL;
		xfree(note);
		c[5].draw = model_activate_cell;
		c[5].draw_arg = m;
		buf_release(&href);
	}
	html_table(req, o, &d, rows, n + 1);
}

/* The editor, from a model as it is or from its calibration. */
static void editor_forms(struct request *req, struct buf *o, const struct stored_model *list, size_t n,
			 const char *now_version, int year)
{
	static const char *const orgs[] = { "sales", "operations", NULL };
	struct form_field open = model_field(req, "from", "ed-from", "models.editor_from", list, n, now_version, 1);
	struct form editor = { .id = "open-editor", .action = "/models/edit", .css = "filters", .fields = &open,
			       .n_fields = 1, .get = 1, .plain_submit = 1,
			       .submit_label = msg(req->lang, "models.editor_open") };
	struct form_field cal[] = {
		model_field(req, "from", "cal-from", "models.editor_from", list, n, now_version, 1),
		form_year_field(req, "calibrate", "cal-year", "models.calibrate_for", year + 1),
		{ .name = "years", .id = "cal-years", .label = msg(req->lang, "models.calibrate_years"),
		  .kind = FIELD_NUMBER, .min = 1, .max = 20, .value = "2" },
		{ .name = "org", .id = "cal-org", .label = msg(req->lang, "models.calibrate_org"), .kind = FIELD_ENUM,
		  .options = orgs, .option_prefix = "org.", .empty_label = msg(req->lang, "models.calibrate_both") },
	};
	cal[1].flags |= FIELD_REQUIRED;
	struct form calibrate = { .id = "calibrate", .action = "/models/edit", .css = "filters", .fields = cal,
				  .n_fields = sizeof cal / sizeof cal[0], .get = 1, .plain_submit = 1,
				  .submit_label = msg(req->lang, "models.calibrate") };
	html_form_section(req, o, "models.editor", "models.editor_help", &editor, 1);
	html_form_section(req, o, "models.calibrate", "models.calibrate_help", &calibrate, 1);
}

/* Diff: two models, a GET form. */
static void diff_form(struct request *req, struct buf *o, const struct stored_model *list, size_t n)
{
	struct form_field pair[] = {
		model_field(req, "a", "a", "models.from", list, n, NULL, 1),
		model_field(req, "b", "b", "models.to", list, n, n ? list[n - 1].version : NULL, 1),
	};
	struct form f = { .id = "diff-form", .action = "/models/diff", .css = "filters", .fields = pair,
			  .n_fields = 2, .get = 1, .plain_submit = 1, .submit_label = msg(req->lang, "models.compare") };
	html_form_section(req, o, "models.diff", NULL, &f, 1);
}

/* What-if and import: both take a model's JSON file. */
static void upload_forms(struct request *req, struct buf *o, const struct stored_model *list, size_t n,
			 int year)
{
	struct form_field whatif[] = {
		{ .name = "model", .id = "whatif-file", .label = msg(req->lang, "models.file"), .kind = FIELD_FILE,
		  .accept = ".json,application/json" },
		model_field(req, "stored", "whatif-stored", "models.or_stored", list, n, NULL, 0),
		form_year_field(req, "year", "whatif-year", "score.year", year),
	};
	struct form_field import[] = {
		{ .name = "model", .id = "import-file", .label = msg(req->lang, "models.file"), .kind = FIELD_FILE,
		  .flags = FIELD_REQUIRED, .accept = ".json,application/json" },
		form_year_field(req, "year", "import-year", "score.year", year),
		{ .name = "version", .id = "import-version", .label = msg(req->lang, "models.version_name"),
		  .kind = FIELD_TEXT, .maxlength = 40 },
	};
	import[1].flags |= FIELD_REQUIRED;
	struct form w = { .id = "whatif-form", .action = "/models/whatif", .css = "stack", .fields = whatif,
			  .n_fields = sizeof whatif / sizeof whatif[0], .submit_label = msg(req->lang, "models.run_whatif") };
	struct form i = { .id = "import-form", .action = "/models", .css = "stack", .fields = import,
			  .n_fields = sizeof import / sizeof import[0],
			  .submit_label = msg(req->lang, "models.import_button") };
	html_form_section(req, o, "models.whatif", "models.whatif_help", &w, 1);
	html_form_section(req, o, "models.import", "models.import_help", &i, 1);
}

/* Official results: verify a frozen year; freeze one (who may). */
static void frozen_forms(struct request *req, struct buf *o, int year)
{
	struct form_field verify = form_year_field(req, "year", "verify-year", "score.year", year);
	struct form_field freeze = form_year_field(req, "year", "freeze-year", "score.year", year);
	const struct form forms[] = {
		{ .id = "verify-form", .action = "/frozen", .css = "filters", .fields = &verify, .n_fields = 1,
		  .get = 1, .plain_submit = 1, .submit_label = msg(req->lang, "models.verify") },
		{ .id = "freeze-form", .action = "/frozen", .css = "filters", .fields = &freeze, .n_fields = 1,
		  .submit_label = msg(req->lang, "models.freeze") },
	};
	html_form_section(req, o, "models.frozen", "models.frozen_help", forms,
			  web_may(req, HTTP_POST, "/frozen", NULL) ? 2 : 1);
}

/* The models page: the versions, and the forms of the review. */
static void models_page(struct request *req, struct response *res, const char *notice_key,
			const char *detail, int error)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct stored_model *list = NULL;
	size_t n = 0;
	int year = web_default_year(req);
	char *now_version = NULL;
	struct model *now = NULL;

	if (store_model_list(req->store, &list, &n, &err) ||
	    app_model_load(req->store, NULL, year, 0, &now, &now_version, &err) != APP_OK) {
		log_failure(500, &err);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	html_page_begin(req, res, "models.title", NULL);
	if (notice_key)
		notice(req, o, notice_key, detail, error);
	html_raw(o, "<p>");
	html_msg(o, req, "models.intro");
	html_raw(o, "</p>\n<p>");
	html_msg(o, req, "models.scoring_now");
	buf_addf(o, " %d: <strong>", year);
	html_escape(o, strcmp(now_version, "default") ? now_version : msg(req->lang, "models.builtin"));
	html_raw(o, "</strong></p>\n<section class=\"card\">\n<h2>");
	html_msg(o, req, "models.versions");
	html_raw(o, "</h2>\n");
	model_list_table(req, o, list, n);
	html_raw(o, "</section>\n");


	if (may_import(req))
		editor_forms(req, o, list, n, now_version, year);
	diff_form(req, o, list, n);
	if (may_import(req))
		upload_forms(req, o, list, n, year);
	frozen_forms(req, o, year);
	html_page_end(req, res);
out:
	for (size_t i = 0; i < n; i++)
		stored_model_release(&list[i]);
	xfree(list);
	model_free(now);
	xfree(now_version);
	buf_release(&err);
}

void page_models(struct request *req, struct response *res)
{
	models_page(req, res, NULL, NULL, 0);
}

/* On a model's page: its difference from the model scoring its year now,
 * a what-if, and the editor and calibration that start from it. */
static void model_review_cards(struct request *req, struct buf *o, const char *name,
			       const struct model *m, const struct stored_model *sm)
{
	struct model *nm = NULL;
	char *now = NULL;
	struct buf err = BUF_INIT, diff = BUF_INIT;
	int year = sm->year ? sm->year : web_default_year(req);
	/* the model scoring the year now, unless it is this stored version */
	if (app_model_load(req->store, NULL, year, 0, &nm, &now, &err) == APP_OK) {
		int builtin = !strcmp(now, "default");
		if (builtin || strcmp(now, name)) {
			html_raw(o, "<section class=\"card\"><h2>");
			html_msg(o, req, "models.diff_active");
			html_raw(o, " (");
			html_escape(o, builtin ? msg(req->lang, "models.builtin") : now);
			buf_addf(o, ", %d)</h2>", year);
			if (report_model_diff(nm, m, i18n_lang(req->lang), DIFF_WORDS, &diff)) {
				html_raw(o, "<pre class=\"small\" id=\"model-diff-active\">");
				html_escape_n(o, diff.data, diff.len ? diff.len - 1 : 0);
				html_raw(o, "</pre>");
			} else {
				html_raw(o, "<p class=\"muted\" id=\"model-diff-active\">");
				html_msg(o, req, "models.diff_none");
				html_raw(o, "</p>");
			}
			html_raw(o, "</section>\n");
		}
	}
	if (may_import(req)) {
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, "models.whatif");
		html_raw(o, "</h2>");
		struct form_field wf[] = {
			{ .name = "stored", .kind = FIELD_HIDDEN, .value = name },
			form_year_field(req, "year", "wi-year", "models.whatif_this",
					sm->year ? sm->year - 1 : web_default_year(req)),
		};
		struct form f = { .id = "whatif-this", .action = "/models/whatif", .css = "filters", .fields = wf,
				  .n_fields = 2, .plain_submit = 1, .submit_label = msg(req->lang, "models.run_whatif") };
		html_form(req, o, &f);
		html_raw(o, "<p><a class=\"button\" id=\"edit-model\" href=\"/models/edit?from=");
		{
			struct buf h = BUF_INIT;
			http_url_escape(&h, name);
			html_escape(o, h.data);
			buf_release(&h);
		}
		html_raw(o, "\">");
		html_msg(o, req, "models.edit");
		html_raw(o, "</a></p></section>\n");
	}
	xfree(now);
	model_free(nm);
	buf_release(&err);
	buf_release(&diff);
}

void page_model(struct request *req, struct response *res)
{
	const char *name = req->params[0];
	struct buf *o = &res->body, err = BUF_INIT;
	struct stored_model sm = { 0 };
	struct model *m = NULL;
	int got = model_by_name(req->store, name, &m, &err);
	if (got) {
		log_failure(got > 0 ? 404 : 500, &err);
		html_error_page(req, res, got > 0 ? 404 : 500, got > 0 ? "error.not_found" : "error.internal", NULL);
		goto out;
	}
	if (strcmp(name, "default") && store_model_get(req->store, name, &sm, &err) < 0) {
		log_failure(500, &err);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	html_page_begin(req, res, "models.one", strcmp(name, "default") ? name : msg(req->lang, "models.builtin"));
	html_raw(o, "<p><a href=\"/models\">← ");
	html_msg(o, req, "models.back");
	html_raw(o, "</a></p>\n<section class=\"tiles\"><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "score.year");
	html_raw(o, "</span><span class=\"tile-score\">");
	if (sm.year)
		buf_addf(o, "%d", sm.year);
	else
		html_msg(o, req, "models.any_year");
	html_raw(o, "</span></div><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "models.state");
	html_raw(o, "</span><span class=\"tile-score\" id=\"model-state\">");
	html_msg(o, req, sm.active ? "models.active" : "models.inactive");
	html_raw(o, "</span></div></section>\n");
	if (http_query(req, "saved"))
		notice(req, o, "models.saved", NULL, 0);
	if (m->description) {
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, "models.note");
		html_raw(o, "</h2><p id=\"model-note\">");
		html_note(o, req, m->description);
		html_raw(o, "</p></section>\n");
	}
	model_review_cards(req, o, name, m, &sm);
	if (may_activate(req) && sm.version && !sm.active) {
		struct buf href = BUF_INIT;
		model_href(&href, name);
		buf_adds(&href, "/activate");
		struct form_field confirm = { .name = "confirm", .id = "confirm-activate",
					      .label = msg(req->lang, "models.confirm_activate"), .kind = FIELD_CHECKBOX,
					      .flags = FIELD_REQUIRED, .value = "yes" };
		struct form f = { .id = "activate-form", .action = href.data, .css = "stack confirm-actions",
				  .fields = &confirm, .n_fields = 1, .validate = 1,
				  .submit_label = msg(req->lang, "models.activate") };
		html_form(req, o, &f);
		buf_release(&href);
	}
	/* The categories and criteria as a readable table, then the JSON. */
	int ko = !strcmp(req->lang, "ko");
	for (size_t org = 0; org < 2; org++) {
		const struct model_org *mo = &m->orgs[org];
		html_raw(o, "<section class=\"card\">\n<h2>");
		html_msg(o, req, org == ORG_SALES ? "org.sales" : "org.operations");
		html_raw(o, "</h2>\n<table class=\"data\"><thead><tr><th scope=\"col\">");
		html_msg(o, req, "score.criterion");
		html_raw(o, "</th><th scope=\"col\">");
		html_msg(o, req, "evidence.scoring");
		html_raw(o, "</th></tr></thead><tbody>\n");
		for (size_t c = 0; c < mo->n_categories; c++) {
			const struct model_category *cat = &mo->categories[c];
			html_raw(o, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"2\">");
			html_escape(o, model_name_text(&cat->name, ko));
			html_raw(o, " <span class=\"muted\">(");
			html_msg(o, req, "models.weight");
			html_raw(o, " ");
			numfmt_ld(o, cat->weight, 2);
			html_raw(o, ")</span></th></tr>\n");
			for (size_t k = 0; k < cat->n_criteria; k++) {
				const struct model_criterion *cr = &cat->criteria[k];
				html_raw(o, "<tr><th scope=\"row\"><span class=\"crit-id\">");
				html_escape(o, cr->id);
				html_raw(o, "</span> ");
				html_escape(o, model_name_text(&cr->name, ko));
				html_raw(o, "</th><td>");
				for (size_t x = 0; x < cr->n_measures; x++) {
					struct buf st = BUF_INIT;
					report_scoring_words(&cr->measures[x].scoring, i18n_lang(req->lang), &st);
					if (x)
						html_raw(o, "<br>");
					html_escape(o, st.data);
					buf_reset(&st);
					model_scoring_text(&cr->measures[x].scoring, &st);
					html_raw(o, " <code class=\"muted small\">");
					html_escape(o, st.data);
					html_raw(o, "</code>");
					buf_release(&st);
				}
				html_raw(o, "</td></tr>\n");
			}
		}
		html_raw(o, "</tbody></table>\n</section>\n");
	}
	char *json = model_to_json(m);
	html_raw(o, "<section class=\"card\"><details><summary>");
	html_msg(o, req, "models.json");
	html_raw(o, "</summary><pre class=\"small\" id=\"model-json\">");
	html_escape(o, json);
	html_raw(o, "</pre></details></section>\n");
	xfree(json);
	html_page_end(req, res);
out:
	stored_model_release(&sm);
	model_free(m);
	buf_release(&err);
}

void page_models_diff(struct request *req, struct response *res)
{
	const char *a = http_query(req, "a"), *b = http_query(req, "b");
	struct model *ma = NULL, *mb = NULL;
	struct buf *o = &res->body, err = BUF_INIT, d = BUF_INIT, title = BUF_INIT;
	int got;
	if (!a || !*a || !b || !*b) {
		html_error_page(req, res, 400, "models.name_two", NULL);
		goto out;
	}
	if ((got = model_by_name(req->store, a, &ma, &err)) != 0 ||
	    (got = model_by_name(req->store, b, &mb, &err)) != 0) {
		log_failure(got > 0 ? 404 : 500, &err);
		html_error_page(req, res, got > 0 ? 404 : 500, got > 0 ? "error.not_found" : "error.internal",
				got > 0 ? (ma ? b : a) : NULL);
		goto out;
	}
	int n = report_model_diff(ma, mb, i18n_lang(req->lang), DIFF_WORDS, &d);
	buf_addf(&title, "%s → %s", a, b);
	html_page_begin(req, res, "models.diff", title.data);
	html_raw(o, "<p><a href=\"/models\">← ");
	html_msg(o, req, "models.back");
	html_raw(o, "</a></p>\n<section class=\"card\">\n");
	if (!n) {
		html_raw(o, "<p id=\"diff-same\">");
		html_msg(o, req, "models.same");
		html_raw(o, "</p>\n");
	} else {
		html_raw(o, "<ul class=\"diff\" id=\"diff\">\n");
		for (const char *line = d.data; *line;) {
			const char *eol = strchr(line, '\n');
			size_t len = eol ? (size_t)(eol - line) : strlen(line);
			html_raw(o, "<li>");
			html_escape_n(o, line, len);
			html_raw(o, "</li>\n");
			if (!eol)
				break;
			line = eol + 1;
		}
		html_raw(o, "</ul>\n");
	}
	html_raw(o, "</section>\n");
	html_page_end(req, res);
out:
	model_free(ma);
	model_free(mb);
	buf_release(&err);
	buf_release(&d);
	buf_release(&title);
}

/* A subject's display name for the what-if table. */
static const char *subject_display(const struct request *req, const struct dataset *ds,
				   const struct whatif_row *r)
{
	if (r->kind == SUBJECT_COMPANY)
		return msg(req->lang, "score.company");
	if (r->kind == SUBJECT_PERSON) {
		for (size_t i = 0; i < ds->n_people; i++)
			if (!strcmp(ds->people[i].id, r->id))
				return ds->people[i].name;
	} else if (r->kind == SUBJECT_ORG_UNIT) {
		for (size_t i = 0; i < ds->n_units; i++)
			if (!strcmp(ds->units[i].id, r->id))
				return ds->units[i].name;
	}
	return r->id;
}

/* A total before or after: its score and grade, or n/a. */
static void total_cell(struct table_cell *c, int available, long double v, const char *grade)
{
	c->has_num = available;
	c->num = v;
	c->badge = available ? grade : NULL;
}

/* People and org units per grade before → after, one row per organization
 * and kind (html_table; the page answers a POST, so it has no controls). */
static void whatif_grades_card(struct request *req, struct buf *o, const struct whatif *w)
{
	const struct whatif_grades *head = &w->grades[0];
	size_t n_cols = head->n + 1;
	struct table_column *cols = arena_alloc(&req->arena, n_cols * sizeof *cols);
	struct table_row *rows = arena_alloc(&req->arena, 4 * sizeof *rows);
	cols[0] = (struct table_column){ "org", "score.org", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_ROW_HEADER };
	for (size_t k = 0; k < head->n; k++)
		cols[k + 1] = (struct table_column){ arena_printf(&req->arena, "g%zu", k),
						     head->grade[k] ? NULL : "score.na", head->grade[k], TABLE_TEXT,
						     TABLE_ALIGN_RIGHT };
	for (int i = 0; i < 4; i++) {
		const struct whatif_grades *g = &w->grades[i];
		struct table_cell *c = arena_alloc(&req->arena, n_cols * sizeof *c);
		memset(c, 0, n_cols * sizeof *c);
		c[0].text = arena_printf(&req->arena, "%s · %s",
					 msg(req->lang, g->org == ORG_SALES ? "org.sales" : "org.operations"),
					 msg(req->lang, g->kind == SUBJECT_PERSON ? "dash.grades_people"
					     : "dash.grades_units"));
		for (size_t k = 0; k < g->n && k + 1 < n_cols; k++)
			c[k + 1].text = arena_printf(&req->arena, "%zu → %zu", g->before[k], g->after[k]);
		rows[i].cells = c;
		rows[i].id = NULL;
	}
	const struct table_desc t = { "whatif-grades", "grades", cols, n_cols, 50, NULL, -1, 0 };
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "dash.grades");
	html_raw(o, "</h2>");
	html_table(req, o, &t, rows, 4);
	html_raw(o, "</section>\n");
}

static const struct table_column whatif_columns[] = {
	{ "subject", "score.subject", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_ROW_HEADER },
	{ "org", "score.org", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "old", "models.old", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, 0, 2 },
	{ "new", "models.new", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, 0, 2 },
	{ "delta", "models.delta", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0 },
	{ "movers", "models.movers", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
};

/* Every subject's total before and after, what moved it; a row whose
 * grade changes is marked. All rows on one page: the page answers a POST,
 * so it has no sort or page links. */
static void whatif_table(struct request *req, struct buf *o, const struct whatif_run *r)
{
	enum { N = sizeof whatif_columns / sizeof whatif_columns[0] };
	struct table_row *rows = arena_alloc(&req->arena, (r->w->n_rows + 1) * sizeof *rows);
	for (size_t i = 0; i < r->w->n_rows; i++) {
		const struct whatif_row *row = &r->w->rows[i];
		struct table_cell *c = arena_alloc(&req->arena, N * sizeof *c);
		struct buf t = BUF_INIT;
		memset(c, 0, N * sizeof *c);
		if (row->old_grade && row->new_grade && strcmp(row->old_grade, row->new_grade))
			c[0].row_class = "moved";
		c[0].text = subject_display(req, r->now->ds, row);
		c[0].note = msg(req->lang, arena_printf(&req->arena, "subject.%s", score_subject_kind_id(row->kind)));
		c[1].text = msg(req->lang, row->org == ORG_SALES ? "org.sales" : "org.operations");
		total_cell(&c[2], row->old_available, row->old_total, row->old_grade);
		total_cell(&c[3], row->new_available, row->new_total, row->new_grade);
		if (row->old_available && row->new_available)
			signed_number(&t, row->delta);
		c[4].text = arena_strdup(&req->arena, t.data);
		buf_reset(&t);
		for (size_t k = 0; k < row->n_contributions; k++) {
			struct buf num = BUF_INIT;
			buf_adds(&t, k ? " + " : "= ");
			buf_adds(&t, row->contributions[k].category);
			buf_addc(&t, ' ');
			report_hundredths(&num, row->contributions[k].shown_delta);
			buf_adds(&t, num.data);
			buf_release(&num);
		}
		c[5].text = arena_strdup(&req->arena, t.data);
		rows[i].cells = c;
		rows[i].id = NULL;
		buf_release(&t);
	}
	const struct table_desc d = { "whatif", "whatif", whatif_columns, N, 500, "score.no_subjects", -1, 0 };
	html_raw(o, "<section class=\"card\">");
	html_table(req, o, &d, rows, r->w->n_rows);
	html_raw(o, "</section>\n");
}

void page_models_whatif(struct request *req, struct response *res)
{
	struct whatif_run r;
	struct buf *o = &res->body, err = BUF_INIT, title = BUF_INIT;
	const struct param *file = http_form_param(req, "model");
	const char *stored = http_form(req, "stored");
	int year = form_year(req), status;
	if (!year) {
		res->status = 422;
		models_page(req, res, "models.bad_year", NULL, 1);
		goto out;
	}
	if (file && file->len)
		stored = NULL;
	status = whatif_run(req, year, file ? file->value : NULL, file ? file->len : 0, stored, &r, &err);
	if (status) {
		log_failure(status, &err);
		whatif_run_release(req->srv, &r);
		res->status = status;
		if (status >= 500)
			html_error_page(req, res, status, "error.internal", NULL);
		else
			models_page(req, res, "models.whatif_failed", err.data, 1);
		goto out;
	}
	buf_addf(&title, "%s → %s · %d", strcmp(r.now->model_version, "default") ? r.now->model_version
		 : msg(req->lang, "models.builtin"), stored && *stored ? stored : msg(req->lang, "models.draft"),
		 year);
	html_page_begin(req, res, "models.whatif", title.data);
	html_raw(o, "<p><a href=\"/models\">← ");
	html_msg(o, req, "models.back");
	html_raw(o, "</a></p>\n<p class=\"muted\">");
	html_msg(o, req, "models.whatif_result_help");
	html_raw(o, "</p>\n");
	whatif_table(req, o, &r);
	whatif_grades_card(req, o, r.w);
	html_page_end(req, res);
	whatif_run_release(req->srv, &r);
out:
	buf_release(&err);
	buf_release(&title);
}

void page_models_import(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT;
	const struct param *file = http_form_param(req, "model");
	char *stored = NULL;
	int year = 0, status;
	if (web_year_param(req, "year", &year) != 1) {
		res->status = 422;
		models_page(req, res, "models.bad_year", NULL, 1);
		goto out;
	}
	status = import_model(req, file ? file->value : NULL, file ? file->len : 0, (int)year,
			      http_form(req, "version"), &stored, &err);
	if (status != 201) {
		log_failure(status, &err);
		res->status = status;
		if (status >= 500)
			html_error_page(req, res, status, "error.internal", NULL);
		else
			models_page(req, res, "models.import_failed", err.data, 1);
		goto out;
	}
	struct buf href = BUF_INIT;
	model_href(&href, stored);
	http_redirect(res, req, href.data);
	buf_release(&href);
out:
	xfree(stored);
	buf_release(&err);
}

/* The second step of an activation: what changes, then a POST with
 * confirm=1. */
static void activate_confirm_page(struct request *req, struct response *res, const char *version)
{
	struct buf *o = &res->body, err = BUF_INIT, t = BUF_INIT, href = BUF_INIT;
	struct stored_model sm = { 0 };
	struct model *now = NULL;
	char *now_version = NULL;
	int rc = store_model_get(req->store, version, &sm, &err);
	if (rc) {
		log_failure(rc > 0 ? 404 : 500, &err);
		html_error_page(req, res, rc > 0 ? 404 : 500, rc > 0 ? "error.not_found" : "error.internal",
				rc > 0 ? version : NULL);
		goto out;
	}
	int year = sm.year ? sm.year : web_default_year(req);
	if (app_model_load(req->store, NULL, year, 0, &now, &now_version, &err) != APP_OK) {
		log_failure(500, &err);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	const char *args[] = { version, y, strcmp(now_version, "default") ? now_version
			       : msg(req->lang, "models.builtin") };
	html_page_begin(req, res, "models.activate_title", version);
	html_raw(o, "<section class=\"card confirm\" id=\"confirm\">\n<p>");
	i18n_add(&t, i18n_lang(req->lang), sm.year ? "models.activate_what" : "models.activate_what_any",
		 args, 3);
	html_escape(o, t.data);
	html_raw(o, "</p>\n<p>");
	html_msg(o, req, "models.activate_audited");
	html_raw(o, "</p>\n");
	model_href(&href, version);
	buf_adds(&href, "/activate");
	buf_reset(&t);
	i18n_add(&t, i18n_lang(req->lang), "models.activate_confirm", args, 1);
	struct form_field confirm = { .name = "confirm", .kind = FIELD_HIDDEN, .value = "yes" };
	struct form f = { .action = href.data, .css = "confirm-actions", .fields = &confirm, .n_fields = 1,
			  .submit_label = t.data, .cancel_href = "/models" };
	html_form(req, o, &f);
	html_raw(o, "</section>\n");
	html_page_end(req, res);
out:
	stored_model_release(&sm);
	model_free(now);
	xfree(now_version);
	buf_release(&err);
	buf_release(&t);
	buf_release(&href);
}

void page_model_activate(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT;
	const char *confirm = http_form(req, "confirm");
	struct stored_model sm = { 0 };
	int got = store_model_get(req->store, req->params[0], &sm, &err);
	stored_model_release(&sm);
	if (got) {
		if (got < 0)
			log_failure(500, &err);
		html_error_page(req, res, got > 0 ? 404 : 500, got > 0 ? "error.not_found" : "error.internal",
				got > 0 ? req->params[0] : NULL);
		buf_release(&err);
		return;
	}
	if (!confirm || strcmp(confirm, "yes")) {
		/* activation changes every score of the year: only when confirmed;
		 * unconfirmed, the answer (422) says what would happen and asks */
		activate_confirm_page(req, res, req->params[0]);
		if (res->status < 400)
			res->status = 422;
		buf_release(&err);
		return;
	}
	enum app_status st = app_model_activate(req->store, req->params[0], req->actor, &err);
	if (st != APP_OK) {
		web_app_error(req, res, st, NULL, err.data);
	} else {
		struct buf href = BUF_INIT;
		model_href(&href, req->params[0]);
		http_redirect(res, req, href.data);
		buf_release(&href);
	}
	buf_release(&err);
}

/* The second step of a freeze: what it does, a warning and a second
 * confirmation when the year is not over; then a POST with confirm=1
 * (and unfinished=1 for a year not over). problem: a message key shown
 * as an error (the second confirmation missing). */
static void freeze_confirm_page(struct request *req, struct response *res, int year,
				const char *problem)
{
	struct buf *o = &res->body, err = BUF_INIT, t = BUF_INIT;
	struct model *m = NULL;
	char *version = NULL;
	day_t last;
	char y[8], last_text[11];
	enum lang lang = i18n_lang(req->lang);
	int over = web_year_is_over(req, year, &last);
	if (app_model_load(req->store, NULL, year, 0, &m, &version, &err) != APP_OK) {
		log_failure(500, &err);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	snprintf(y, sizeof y, "%d", year);
	date_format(last, last_text);
	const char *args[] = { y, strcmp(version, "default") ? version : msg(req->lang, "models.builtin"),
			       last_text };
	buf_reset(&t);
	i18n_add(&t, lang, "models.freeze_title", args, 1);
	html_page_begin(req, res, "models.freeze", t.data);
	if (problem) {
		html_raw(o, "<div class=\"notice error\" role=\"alert\" id=\"freeze-problem\"><p>");
		html_msg(o, req, problem);
		html_raw(o, "</p></div>\n");
	}
	html_raw(o, "<section class=\"card confirm\" id=\"confirm\">\n<p>");
	buf_reset(&t);
	i18n_add(&t, lang, "models.freeze_what", args, 2);
	html_escape(o, t.data);
	html_raw(o, "</p>\n");
	/* A year not over yet: said plainly, and a second box to tick. */
	struct form_field fields[] = {
		{ .name = "year", .kind = FIELD_HIDDEN, .value = y },
		{ .name = "confirm", .kind = FIELD_HIDDEN, .value = "1" },
		{ .name = "unfinished", .id = "unfinished", .kind = FIELD_CHECKBOX, .flags = FIELD_REQUIRED, .value = "1" },
	};
	if (!over) {
		html_raw(o, "<div class=\"notice warn\" role=\"alert\" id=\"freeze-unfinished\"><p><strong>");
		buf_reset(&t);
		i18n_add(&t, lang, "models.freeze_unfinished", args, 3);
		html_escape(o, t.data);
		html_raw(o, "</strong></p></div>\n");
		buf_reset(&t);
		i18n_add(&t, lang, "models.freeze_unfinished_ok", args, 1);
		fields[2].label = arena_strdup(&req->arena, t.data);
	}
	buf_reset(&t);
	i18n_add(&t, lang, "models.freeze_confirm", args, 1);
	struct form f = { .id = "freeze-confirm", .action = "/frozen", .css = "stack confirm-actions",
			  .fields = fields, .n_fields = over ? 2 : 3, .validate = 1, .submit_class = "danger",
			  .submit_label = t.data, .cancel_href = "/models" };
	html_form(req, o, &f);
	html_raw(o, "</section>\n");
	html_page_end(req, res);
out:
	model_free(m);
	xfree(version);
	buf_release(&err);
	buf_release(&t);
}

void page_freeze(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT;
	struct frozen f;
	int year = 0, status;
	if (web_year_param(req, "year", &year) != 1) {
		res->status = 422;
		models_page(req, res, "models.bad_year", NULL, 1);
		goto out;
	}
	/* Two steps: what happens first; a year not over needs a second yes. */
	const char *confirm = http_form(req, "confirm"), *unfinished = http_form(req, "unfinished");
	day_t last;
	if (!confirm || strcmp(confirm, "1")) {
		freeze_confirm_page(req, res, (int)year, NULL);
		goto out;
	}
	if (!web_year_is_over(req, (int)year, &last) && (!unfinished || strcmp(unfinished, "1"))) {
		res->status = 422;
		freeze_confirm_page(req, res, (int)year, "models.freeze_unfinished_needed");
		goto out;
	}
	status = web_app_http(freeze_year(req, (int)year, &f, &err));
	if (status != 200) {
		log_failure(status, &err);
		res->status = status;
		if (status >= 500)
			html_error_page(req, res, status, "error.internal", NULL);
		else
			models_page(req, res, "models.freeze_failed", err.data, 1);
		goto out;
	}
	frozen_release(&f);
	http_redirect(res, req, arena_printf(&req->arena, "/frozen?year=%d", year));
out:
	buf_release(&err);
}

void page_verify(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT, title = BUF_INIT;
	struct app_verification v;
	int year = req->year, status;
	status = web_app_http(app_verify(req->store, year, &v, &err));
	if (status != 200) {
		log_failure(status, &err);
		res->status = status;
		if (status >= 500)
			html_error_page(req, res, status, "error.internal", NULL);
		else
			models_page(req, res, status == 404 ? "models.not_frozen" : "models.verify_failed",
				    err.data, 1);
		app_verification_release(&v);
		goto out;
	}
	buf_addf(&title, "%d", year);
	html_page_begin(req, res, "models.verify_title", title.data);
	html_raw(o, "<p><a href=\"/models\">← ");
	html_msg(o, req, "models.back");
	html_raw(o, "</a></p>\n<p>");
	html_msg(o, req, "models.frozen_on");
	html_raw(o, " ");
	html_escape(o, web_local_time_text(req, v.f.frozen_at));
	html_raw(o, " · ");
	html_actor(o, req, v.f.frozen_by);
	html_raw(o, " · ");
	html_escape(o, v.f.model_version);
	html_raw(o, "</p>\n<section class=\"tiles\"><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "models.data");
	html_raw(o, "</span><span class=\"tile-score\" id=\"verify-data\">");
	html_msg(o, req, v.data_same ? "models.unchanged" : "models.changed");
	html_raw(o, "</span></div><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "models.results");
	html_raw(o, "</span><span class=\"tile-score\" id=\"verify-results\">");
	html_msg(o, req, v.results_same ? "models.identical" : "models.differ");
	html_raw(o, "</span></div></section>\n");
	if (v.diff.len) {
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, "models.differences");
		html_raw(o, "</h2><pre class=\"small\" id=\"verify-diff\">");
		html_escape(o, v.diff.data);
		html_raw(o, "</pre></section>\n");
	}
	html_page_end(req, res);
	app_verification_release(&v);
out:
	buf_release(&err);
	buf_release(&title);
}

/* --- the model editor (issue 17 item 5) ------------------------------------
 *
 * A form with every number a person reviews each year: category and
 * criterion weights, each measure's linear bounds or bands, and the
 * maturity setting; names, grades and the rest come from the model it
 * starts from. Saving validates everything at once (the form's numbers,
 * then the model as model_parse() checks any model file) and stores a
 * draft version with a note; nothing is activated here. Field names:
 * cw:CAT, kw:CRIT, z:CRIT:MEASURE, f:CRIT:MEASURE, bt:CRIT:MEASURE:I,
 * bs:CRIT:MEASURE:I, bo:CRIT:MEASURE, min_months. */

/* The value shown in a field: what was submitted when the form comes back
 * with errors, else the model's number. */
static void number_field(struct request *req, struct buf *o, const char *name, double v,
			 int from_form, const char *label)
{
	const char *sent = from_form ? http_form(req, name) : NULL;
	html_raw(o, "<input class=\"num\" inputmode=\"decimal\" size=\"9\" name=\"");
	html_escape(o, name);
	html_raw(o, "\" aria-label=\"");
	html_escape(o, label);
	html_raw(o, "\" value=\"");
	if (sent)
		html_escape(o, sent);
	else {
		struct buf t = BUF_INIT;
		numfmt_double(&t, v);
		html_escape(o, t.data);
		buf_release(&t);
	}
	html_raw(o, "\">");
}

static void calibration_card(struct request *req, struct buf *o, const struct calibration *c)
{
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "models.calibration");
	buf_addf(o, " %d ← %d–%d</h2><div class=\"scroll\"><table class=\"data\" id=\"calibration\">"
		 "<thead><tr><th scope=\"col\">", c->year, c->first_year, c->last_year);
	html_msg(o, req, "score.criterion");
	html_raw(o, "</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">P10</th>"
		 "<th scope=\"col\" class=\"num\">P50</th><th scope=\"col\" class=\"num\">P90</th>"
		 "<th scope=\"col\">");
	html_msg(o, req, "evidence.scoring");
	html_raw(o, "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct calib_measure *r = &c->rows[i];
		struct buf t = BUF_INIT;
		html_raw(o, "<tr><th scope=\"row\"><span class=\"crit-id\">");
		html_escape(o, r->criterion);
		html_raw(o, "</span> ");
		html_escape(o, r->measure);
		buf_addf(o, "</th><td class=\"num\">%zu</td>", r->n);
		const long double p[3] = { r->p10, r->p50, r->p90 };
		for (int k = 0; k < 3; k++) {
			html_raw(o, "<td class=\"num\">");
			if (r->n)
				numfmt_ld(o, p[k], 4);
			html_raw(o, "</td>");
		}
		html_raw(o, "<td><code>");
		model_scoring_text(&r->old_scoring, &t);
		if (r->outcome == CALIB_CHANGED) {
			buf_adds(&t, " → ");
			model_scoring_text(&r->new_scoring, &t);
		}
		html_escape(o, t.data);
		html_raw(o, "</code>");
		if (r->outcome != CALIB_CHANGED) {
			html_raw(o, " <span class=\"muted\">");
			html_msg(o, req, "models.kept");
			html_raw(o, "</span>");
		}
		{
			/* the scoring the draft gets, in words */
			const struct criterion_def *def = criterion_find(r->criterion);
			int at = def ? criterion_measure_index(def, r->measure) : -1;
			buf_reset(&t);
			units_scoring_words(&t, i18n_lang(req->lang), &r->new_scoring,
					    at >= 0 && def->measure_formats[at] == VALUE_RATIO);
			html_raw(o, "<br><span class=\"small\">");
			html_escape(o, t.data);
			html_raw(o, "</span>");
		}
		html_raw(o, "</td></tr>\n");
		buf_release(&t);
	}
	html_raw(o, "</tbody></table></div></section>\n");
}

/* A measure's scoring as the model has it now, in words, beside the
 * editor's fields. */
static void scoring_words_note(struct request *req, struct buf *o, const struct model_criterion *cr,
			       const struct model_measure *mm)
{
	struct buf t = BUF_INIT;
	units_scoring_words(&t, i18n_lang(req->lang), &mm->scoring,
			    cr->def && mm->def_index >= 0 &&
			    cr->def->measure_formats[mm->def_index] == VALUE_RATIO);
	html_raw(o, " <span class=\"muted small scoring-words\">");
	html_escape(o, t.data);
	html_raw(o, "</span>");
	buf_release(&t);
}

/* The editor page for model m (started from version `from`); errors, when
 * set, are listed and the fields keep what was sent. */
static void editor_page(struct request *req, struct response *res, const struct model *m,
			const char *from, int year, const struct calibration *cal, const char *errors)
{
	struct buf *o = &res->body;
	int again = errors != NULL, ko = !strcmp(req->lang, "ko");
	html_page_begin(req, res, "models.editor", NULL);
	html_raw(o, "<p><a href=\"/models\">← ");
	html_msg(o, req, "models.back");
	html_raw(o, "</a></p>\n<p class=\"muted\">");
	html_msg(o, req, "models.editor_help");
	html_raw(o, "</p>\n");
	if (errors) {
		html_raw(o, "<div class=\"notice error\" role=\"alert\" id=\"editor-errors\"><p>");
		html_msg(o, req, "models.not_saved");
		html_raw(o, "</p><ul>");
		for (const char *p = errors; *p; ) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if (len) {
				char *line = arena_printf(&req->arena, "%.*s", (int)len, p);
				html_raw(o, "<li>");
				html_error_text(o, req, line);
				html_raw(o, "</li>");
			}
			p += len + (e != NULL);
		}
		html_raw(o, "</ul></div>\n");
	}
	if (cal)
		calibration_card(req, o, cal);
	html_raw(o, "<form method=\"post\" action=\"/models/edit\" class=\"stack\" id=\"model-editor\">");
	html_csrf_field(req, o);
	html_raw(o, "<input type=\"hidden\" name=\"base\" value=\"");
	html_escape(o, from);
	html_raw(o, "\"><p class=\"muted\">");
	html_msg(o, req, "models.editor_from");
	html_raw(o, ": <strong>");
	html_escape(o, strcmp(from, "default") ? from : msg(req->lang, "models.builtin"));
	html_raw(o, "</strong></p>\n<label for=\"ed-year\">");
	html_msg(o, req, "models.for_year");
	html_raw(o, "</label><input id=\"ed-year\" name=\"year\" type=\"number\" min=\"1001\" max=\"9998\" value=\"");
	const char *typed = again ? http_form(req, "year") : NULL; /* checksrc: allow year (shown back as typed) */
	if (typed)
		html_escape(o, typed);
	else
		buf_addf(o, "%d", year);
	html_raw(o, "\" required>\n<label for=\"ed-version\">");
	html_msg(o, req, "models.version_optional");
	html_raw(o, "</label><input id=\"ed-version\" name=\"version\" maxlength=\"40\" value=\"");
	if (again && http_form(req, "version"))
		html_escape(o, http_form(req, "version"));
	html_raw(o, "\">\n<label for=\"ed-note\">");
	html_msg(o, req, "models.note");
	html_raw(o, "</label><textarea id=\"ed-note\" name=\"note\" rows=\"3\" required>");
	if (again && http_form(req, "note"))
		html_escape(o, http_form(req, "note"));
	else if (cal && m->description)
		html_note(o, req, m->description);
	html_raw(o, "</textarea>\n<label for=\"ed-min\">");
	html_msg(o, req, "models.min_months");
	html_raw(o, "</label>");
	number_field(req, o, "min_months", m->operations_min_months, again,
		     msg(req->lang, "models.min_months"));
	for (int org = 0; org < 2; org++) {
		const struct model_org *mo = &m->orgs[org];
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, org == ORG_SALES ? "org.sales" : "org.operations");
		html_raw(o, "</h2><div class=\"scroll\"><table class=\"data editor\"><thead><tr><th scope=\"col\">");
		html_msg(o, req, "score.criterion");
		html_raw(o, "</th><th scope=\"col\">");
		html_msg(o, req, "models.weight");
		html_raw(o, "</th><th scope=\"col\">");
		html_msg(o, req, "evidence.scoring");
		html_raw(o, "</th></tr></thead><tbody>\n");
		for (size_t c = 0; c < mo->n_categories; c++) {
			const struct model_category *cat = &mo->categories[c];
			const char *name = arena_printf(&req->arena, "cw:%s", cat->id);
			html_raw(o, "<tr class=\"group\"><th scope=\"row\">");
			html_escape(o, cat->id);
			html_raw(o, " ");
			html_escape(o, model_name_text(&cat->name, ko));
			html_raw(o, "</th><td>");
			number_field(req, o, name, cat->weight, again,
				     arena_printf(&req->arena, "%s %s", cat->id, msg(req->lang, "models.weight")));
			html_raw(o, "</td><td></td></tr>\n");
			for (size_t k = 0; k < cat->n_criteria; k++) {
				const struct model_criterion *cr = &cat->criteria[k];
				html_raw(o, "<tr><th scope=\"row\"><span class=\"crit-id\">");
				html_escape(o, cr->id);
				html_raw(o, "</span> ");
				html_escape(o, model_name_text(&cr->name, ko));
				html_raw(o, "</th><td>");
				number_field(req, o, arena_printf(&req->arena, "kw:%s", cr->id), cr->weight,
					     again, arena_printf(&req->arena, "%s %s", cr->id,
								 msg(req->lang, "models.weight")));
				html_raw(o, "</td><td>");
				for (size_t x = 0; x < cr->n_measures; x++) {
					const struct model_measure *mm = &cr->measures[x];
					const struct scoring *sc = &mm->scoring;
					html_raw(o, x ? "<br><span class=\"muted\">" : "<span class=\"muted\">");
					html_escape(o, mm->id);
					html_raw(o, "</span> ");
					if (sc->fn == SCORING_LINEAR) {
						html_raw(o, "linear(");
						number_field(req, o, arena_printf(&req->arena, "z:%s:%s", cr->id, mm->id),
							     sc->zero, again, arena_printf(&req->arena, "%s %s %s",
							     cr->id, mm->id, msg(req->lang, "models.zero")));
						html_raw(o, ", ");
						number_field(req, o, arena_printf(&req->arena, "f:%s:%s", cr->id, mm->id),
							     sc->full, again, arena_printf(&req->arena, "%s %s %s",
							     cr->id, mm->id, msg(req->lang, "models.full")));
						html_raw(o, ")");
						scoring_words_note(req, o, cr, mm);
						continue;
					}
					html_raw(o, sc->lower_is_better ? "bands (≤) " : "bands (≥) ");
					for (size_t b = 0; b < sc->n_bands; b++) {
						number_field(req, o, arena_printf(&req->arena, "bt:%s:%s:%zu", cr->id,
							     mm->id, b), sc->bands[b].threshold, again,
							     arena_printf(&req->arena, "%s %s %s %zu", cr->id, mm->id,
							     msg(req->lang, "models.threshold"), b + 1));
						html_raw(o, "→");
						number_field(req, o, arena_printf(&req->arena, "bs:%s:%s:%zu", cr->id,
							     mm->id, b), sc->bands[b].score, again,
							     arena_printf(&req->arena, "%s %s %s %zu", cr->id, mm->id,
							     msg(req->lang, "models.band_score"), b + 1));
						html_raw(o, ", ");
					}
					html_msg(o, req, "models.otherwise");
					html_raw(o, " ");
					number_field(req, o, arena_printf(&req->arena, "bo:%s:%s", cr->id, mm->id),
						     sc->otherwise, again, arena_printf(&req->arena, "%s %s %s",
						     cr->id, mm->id, msg(req->lang, "models.otherwise")));
					scoring_words_note(req, o, cr, mm);
				}
				html_raw(o, "</td></tr>\n");
			}
		}
		html_raw(o, "</tbody></table></div></section>\n");
	}
	html_raw(o, "<button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "models.save_draft");
	html_raw(o, "</button></form>\n");
	html_page_end(req, res);
}

/* GET /models/edit?from=VERSION[&calibrate=Y&org=sales|operations&years=N] */
void page_model_edit(struct request *req, struct response *res)
{
	const char *from = http_query(req, "from"), *cal_year = http_query(req, "calibrate");
	const char *org = http_query(req, "org"), *years = http_query(req, "years");
	struct model *m = NULL, *draft = NULL;
	struct calibration *cal = NULL;
	struct buf err = BUF_INIT;
	int year = web_default_year(req) + 1;

	if (!from || !*from)
		from = "default";
	int got = model_by_name(req->store, from, &m, &err);
	if (got) {
		log_failure(got > 0 ? 404 : 500, &err);
		html_error_page(req, res, got > 0 ? 404 : 500, got > 0 ? "error.not_found" : "error.internal",
				from);
		goto out;
	}
	if (cal_year && *cal_year) {
		char *end = NULL;
		long n = years && *years ? strtol(years, &end, 10) : 2;
		int y = 0, orgs[2] = { !org || !*org || !strcmp(org, "sales"),
				       !org || !*org || !strcmp(org, "operations") };
		if (web_year_param(req, "calibrate", &y) != 1 || (end && *end) || n < 1 || n > 20 ||
		    (!orgs[0] && !orgs[1])) {
			res->status = 422;
			models_page(req, res, "models.bad_year", NULL, 1);
			goto out;
		}
		if (app_calibrate(req->store, m, (int)y, (int)n, orgs, &draft, &cal, &err) != APP_OK) {
			log_failure(500, &err);
			html_error_page(req, res, 500, "error.internal", NULL);
			goto out;
		}
		year = (int)y;
	}
	editor_page(req, res, draft ? draft : m, from, year, cal, NULL);
out:
	calibration_free(cal);
	model_free(draft);
	model_free(m);
	buf_release(&err);
}

/* A model difference, one line a change, each in the user's language. */
/* The label of an editor field in the user's language ("평가 영역 S1의
 * 가중치"), from the catalog entry key with {1} … {3}; in the arena. */
static const char *field_label(struct request *req, const char *key, const char *a, const char *b,
			       const char *c)
{
	struct buf t = BUF_INIT;
	const char *args[] = { a, b, c };
	i18n_add(&t, i18n_lang(req->lang), key, args, 3);
	const char *shown = arena_strdup(&req->arena, t.data);
	buf_release(&t);
	return shown;
}

/* A number field into *v; a problem is appended to errors. */
static void read_number(struct request *req, const char *name, const char *label, double *v,
			struct buf *errors)
{
	const char *t = http_form(req, name);
	char *end;
	double d = t ? strtod(t, &end) : 0;
	if (!t || !*t || *end || !isfinite(d)) {
		buf_addf(errors, "%s: '%s' %s\n", label, t ? t : "", msg(req->lang, "models.not_a_number"));
		return;
	}
	*v = d;
}

/* POST /models/edit: apply the form to its base model, validate, store. */
void page_model_edit_save(struct request *req, struct response *res)
{
	const char *from = http_form(req, "base"), *note = http_form(req, "note");
	struct model *m = NULL, *check = NULL;
	struct buf err = BUF_INIT, errors = BUF_INIT;
	char *stored = NULL, *json = NULL;
	int year = 0, year_ok = web_year_param(req, "year", &year) == 1;
	double min_months = 0;

	if (!from || !*from)
		from = "default";
	int got = model_by_name(req->store, from, &m, &err);
	if (got) {
		log_failure(got > 0 ? 404 : 500, &err);
		html_error_page(req, res, got > 0 ? 404 : 500, got > 0 ? "error.not_found" : "error.internal",
				from);
		goto out;
	}
	if (!year_ok)
		buf_addf(&errors, "%s: %s\n", msg(req->lang, "models.for_year"), msg(req->lang, "models.bad_year"));
	if (!note || !*note)
		buf_addf(&errors, "%s\n", msg(req->lang, "models.note_required"));
	min_months = m->operations_min_months;
	read_number(req, "min_months", "operations_min_months", &min_months, &errors);
	if (min_months != (int)min_months || min_months < 0 || min_months > 120)
		buf_addf(&errors, "operations_min_months: %s\n",
			 field_label(req, "error.model.whole_range", "0", "120", NULL));
	else
		m->operations_min_months = (int)min_months;
	for (int org = 0; org < 2; org++) {
		struct model_org *mo = &m->orgs[org];
		for (size_t c = 0; c < mo->n_categories; c++) {
			struct model_category *cat = &mo->categories[c];
			read_number(req, arena_printf(&req->arena, "cw:%s", cat->id),
				    field_label(req, "models.label_category_weight", cat->id, NULL, NULL), &cat->weight, &errors);
			for (size_t k = 0; k < cat->n_criteria; k++) {
				struct model_criterion *cr = &cat->criteria[k];
				read_number(req, arena_printf(&req->arena, "kw:%s", cr->id),
					    field_label(req, "models.label_criterion_weight", cr->id, NULL, NULL), &cr->weight,
					    &errors);
				for (size_t x = 0; x < cr->n_measures; x++) {
					struct model_measure *mm = &cr->measures[x];
					struct scoring *sc = &mm->scoring;
					if (sc->fn == SCORING_LINEAR) {
						read_number(req, arena_printf(&req->arena, "z:%s:%s", cr->id, mm->id),
							    field_label(req, "models.label_zero", cr->id, mm->id, NULL),
							    &sc->zero, &errors);
						read_number(req, arena_printf(&req->arena, "f:%s:%s", cr->id, mm->id),
							    field_label(req, "models.label_full", cr->id, mm->id, NULL),
							    &sc->full, &errors);
						continue;
					}
					for (size_t b = 0; b < sc->n_bands; b++) {
						read_number(req, arena_printf(&req->arena, "bt:%s:%s:%zu", cr->id, mm->id, b),
							    field_label(req, "models.label_band_threshold", cr->id, mm->id,
								arena_printf(&req->arena, "%zu", b + 1)), &sc->bands[b].threshold, &errors);
						read_number(req, arena_printf(&req->arena, "bs:%s:%s:%zu", cr->id, mm->id, b),
							    field_label(req, "models.label_band_score", cr->id, mm->id,
								arena_printf(&req->arena, "%zu", b + 1)), &sc->bands[b].score, &errors);
					}
					read_number(req, arena_printf(&req->arena, "bo:%s:%s", cr->id, mm->id),
						    field_label(req, "models.label_otherwise", cr->id, mm->id, NULL),
						    &sc->otherwise, &errors);
				}
			}
		}
	}
	/* The model as any model file is checked, with the numbers that did
	 * read: every problem is listed at once (a field that is not a number
	 * keeps the base's value here, so it is reported once). */
	m->year = year_ok ? year : 0;
	xfree(m->description);
	m->description = note && *note ? xstrdup(note) : NULL;
	json = model_to_json(m);
	model_parse(json, strlen(json), "model", &check, &errors);
	if (errors.len) {
		res->status = 422;
		editor_page(req, res, m, from, year_ok ? year : 0, NULL, errors.data);
		goto out;
	}
	int status = import_model(req, json, strlen(json), (int)year, http_form(req, "version"), &stored,
				  &err);
	if (status != 201) {
		log_failure(status, &err);
		if (status >= 500) {
			html_error_page(req, res, status, "error.internal", NULL);
		} else {
			res->status = status;
			editor_page(req, res, m, from, (int)year, NULL, err.data);
		}
		goto out;
	}
	struct buf href = BUF_INIT;
	model_href(&href, stored);
	buf_adds(&href, "?saved=1");
	http_redirect(res, req, href.data);
	buf_release(&href);
out:
	xfree(stored);
	xfree(json);
	model_free(check);
	model_free(m);
	buf_release(&err);
	buf_release(&errors);
}
