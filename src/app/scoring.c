/* SPDX-License-Identifier: MIT */
/* The scoring actions of app/scoring.h over the store and the engine. */
#include "app/scoring.h"

#include "base/clock.h"
#include "embedded.h"
#include "domain/date.h"
#include "engine/calibrate.h"
#include "report/scores_csv.h"
#include "report/scores_json.h"
#include "store/blocks.h"
#include "store/load.h"
#include "store/version.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int app_load_data(struct store *s, day_t last_day, struct dataset *ds, struct buf *err)
{
	return store_load(s, last_day, score_day_window, ds, err);
}

int app_model_default(struct model **out, struct buf *err)
{
	const struct embedded_file *f = embedded_find("model-default.json");
	if (!f) {
		buf_adds(err, "model-default.json: not built into this binary\n");
		*out = NULL;
		return -1;
	}
	return model_parse((const char *)f->data, f->size, "model-default.json", out, err);
}

/* A model file is read whole; no model comes near this size. */
#define MODEL_FILE_MAX (64u << 20)

static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > MODEL_FILE_MAX) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		buf_add(out, chunk, n);
	}
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

enum app_status app_model_load(struct store *s, const char *name, int year, unsigned flags,
			       struct model **out, char **version, struct buf *err)
{
	struct stored_model sm = { 0 };
	struct buf text = BUF_INIT;
	struct stat sb;
	enum app_status st = APP_FAILED;
	int got;

	*out = NULL;
	*version = NULL;
	if (name && flags & APP_MODEL_FILES && !stat(name, &sb)) {
		if (read_file(name, &text)) {
			buf_addf(err, "cannot read '%s': %s", name, strerror(errno));
			goto out;
		}
		if (model_parse(text.data, text.len, name, out, err)) {
			st = APP_INVALID;
			goto out;
		}
		*version = xstrdup(name);
		st = APP_OK;
		goto out;
	}
	if (name && !strcmp(name, "default"))
		goto builtin;
	got = !s ? 1 : name ? store_model_get(s, name, &sm, err) : store_model_for_year(s, year, &sm, err);
	if (got < 0)
		goto out;
	if (got == 1 && name) {
		st = APP_MISSING;
		goto out;
	}
	if (got == 0) {
		if (model_parse(sm.body, strlen(sm.body), sm.version, out, err)) {
			st = APP_INVALID;
			goto out;
		}
		*version = xstrdup(sm.version);
		st = APP_OK;
		goto out;
	}
builtin:
	if (app_model_default(out, err))
		goto out;              /* the embedded model does not parse: a bug */
	*version = xstrdup("default");
	st = APP_OK;
out:
	stored_model_release(&sm);
	buf_release(&text);
	return st;
}

enum app_status app_score_with(struct store *s, struct model *m, const char *version, int year,
			       struct app_scored_year *out, struct buf *err)
{
	memset(out, 0, sizeof *out);
	out->model = m;
	out->model_version = xstrdup(version);
	out->year = year;
	if (store_data_version(s, &out->data_version, err) ||
	    app_load_data(s, model_year_last_day(m, year), &out->ds, err) ||
	    score_run(m, &out->ds, year, &out->scores, err))
		return APP_FAILED;
	return APP_OK;
}

enum app_status app_open_scored_year(struct store *s, const char *name, int year, unsigned flags,
				     struct app_scored_year *out, struct buf *err)
{
	struct model *m;
	char *version;
	enum app_status st = app_model_load(s, name, year, flags, &m, &version, err);
	memset(out, 0, sizeof *out);
	if (st != APP_OK)
		return st;
	st = app_score_with(s, m, version, year, out, err);
	xfree(version);
	return st;
}

enum app_status app_open_year_data(struct store *s, const char *name, int year, unsigned flags,
				   struct app_scored_year *out, struct buf *err)
{
	enum app_status st;
	memset(out, 0, sizeof *out);
	out->year = year;
	st = app_model_load(s, name, year, flags, &out->model, &out->model_version, err);
	if (st != APP_OK)
		return st;
	if (store_data_version(s, &out->data_version, err) ||
	    app_load_data(s, model_year_last_day(out->model, year), &out->ds, err))
		return APP_FAILED;
	return APP_OK;
}

enum app_status app_open_as_of(struct store *s, const char *name, day_t as_of, unsigned flags,
			       struct app_scored_year *out, struct buf *err)
{
	enum app_status st;
	int y, mo, d;
	memset(out, 0, sizeof *out);
	date_to_ymd(as_of, &y, &mo, &d);
	/* the model of the calendar year first, to learn its fiscal start */
	st = app_model_load(s, name, y, flags, &out->model, &out->model_version, err);
	if (st != APP_OK)
		return st;
	if (as_of < model_year_first_day(out->model, y)) {
		/* the fiscal year began the calendar year before */
		y--;
		if (!name) {
			model_free(out->model);
			xfree(out->model_version);
			out->model = NULL;
			out->model_version = NULL;
			st = app_model_load(s, NULL, y, flags, &out->model, &out->model_version, err);
			if (st != APP_OK)
				return st;
		}
	}
	out->year = y;
	if (store_data_version(s, &out->data_version, err) || app_load_data(s, as_of, &out->ds, err))
		return APP_FAILED;
	return APP_OK;
}

void app_scored_year_release(struct app_scored_year *y)
{
	scores_free(y->scores);
	dataset_free(&y->ds);
	model_free(y->model);
	xfree(y->model_version);
	memset(y, 0, sizeof *y);
}

day_t app_today(void)
{
	char now[21];
	day_t d = DAY_NONE;
	clock_now_iso(now);
	date_parse(now, 10, &d);
	return d;
}

int app_year_is_over(struct store *s, int year, day_t today, day_t *last_day)
{
	struct model *m = NULL;
	char *version = NULL;
	struct buf err = BUF_INIT;
	*last_day = date_from_ymd(year, 12, 31);
	if (app_model_load(s, NULL, year, 0, &m, &version, &err) == APP_OK)
		*last_day = model_year_last_day(m, year);
	model_free(m);
	xfree(version);
	buf_release(&err);
	return *last_day < today;
}

int app_default_year(struct store *s, day_t today)
{
	struct model *m = NULL;
	char *version = NULL;
	struct buf err = BUF_INIT;
	int64_t newest = 0;
	int y, dy, dm, dd;

	/* The last complete year, by the calendar of the model in force last
	 * year (a fiscal year may end in another month) ... */
	date_to_ymd(today, &dy, &dm, &dd);
	if (app_model_load(s, NULL, dy - 1, 0, &m, &version, &err) == APP_OK)
		y = model_last_complete_year(m, today);
	else
		y = dy - 1;
	/* ... or the year of the newest SLA data when the data end before it. */
	if (!blocks_newest_year(s, &newest, &err) && newest >= 1000 && newest < y)
		y = (int)newest;
	model_free(m);
	xfree(version);
	buf_release(&err);
	return y;
}

enum app_status app_freeze(struct store *s, int year, const struct scores *scores,
			   const char *model_version, int64_t data_version, const char *actor,
			   struct frozen *out, struct buf *err)
{
	struct buf csv = BUF_INIT, json = BUF_INIT;
	char hash[65], at[21];
	int64_t after;
	enum app_status st = APP_FAILED;
	int rc;

	memset(out, 0, sizeof *out);
	if (store_data_hash(s, hash, err) || store_data_version(s, &after, err))
		goto out;
	/* The hash and the scores must describe the same data: every writer
	 * bumps the version in its transaction, so a write by any process
	 * since the scores' data were read shows here. */
	if (after != data_version) {
		buf_addf(err, "the data changed while freezing %d; try again", year);
		st = APP_CONFLICT;
		goto out;
	}
	report_scores_csv(scores, &csv);
	report_scores_json(scores, &json);
	clock_now_iso(at);
	struct frozen f = { year, (char *)model_version, hash, csv.data, json.data, at, (char *)actor };
	rc = store_freeze(s, &f, err);
	if (rc) {
		st = rc > 0 ? APP_CONFLICT : APP_FAILED;
		goto out;
	}
	out->year = year;
	out->model_version = xstrdup(model_version);
	out->data_hash = xstrdup(hash);
	out->csv = buf_detach(&csv, NULL);
	out->json = buf_detach(&json, NULL);
	out->frozen_at = xstrdup(at);
	out->frozen_by = xstrdup(actor);
	st = APP_OK;
out:
	buf_release(&csv);
	buf_release(&json);
	return st;
}

enum app_status app_verify(struct store *s, int year, struct app_verification *v,
			   struct buf *err)
{
	struct app_scored_year y = { 0 };
	struct buf csv = BUF_INIT;
	char hash[65];
	enum app_status st;
	int got;

	memset(v, 0, sizeof *v);
	v->diff = (struct buf)BUF_INIT;
	got = store_frozen_get(s, year, &v->f, err);
	if (got) {
		if (got > 0)
			buf_addf(err, "the results of %d are not frozen", year);
		return got > 0 ? APP_MISSING : APP_FAILED;
	}
	st = app_open_scored_year(s, v->f.model_version, year, 0, &y, err);
	if (st == APP_MISSING) {
		buf_addf(err, "the frozen model '%s' is not a stored version", v->f.model_version);
		st = APP_CONFLICT;
	}
	if (st != APP_OK)
		goto out;
	st = APP_FAILED;
	if (store_data_hash(s, hash, err))
		goto out;
	report_scores_csv(y.scores, &csv);
	v->data_same = !strcmp(hash, v->f.data_hash);
	v->results_same = !strcmp(csv.data, v->f.csv);
	if (!v->results_same)
		report_scores_csv_diff(v->f.csv, csv.data, &v->diff);
	st = APP_OK;
out:
	app_scored_year_release(&y);
	buf_release(&csv);
	return st;
}

void app_verification_release(struct app_verification *v)
{
	frozen_release(&v->f);
	buf_release(&v->diff);
}

enum app_status app_whatif(struct store *s, const struct scores *now, struct model *draft,
			   const char *draft_version, int year, struct app_scored_year *scored,
			   struct whatif **w, struct buf *err)
{
	*w = NULL;
	if (app_score_with(s, draft, draft_version, year, scored, err) != APP_OK ||
	    whatif_compare(now, scored->scores, w, err))
		return APP_FAILED;
	return APP_OK;
}

enum app_status app_calibrate(struct store *s, const struct model *base, int year, int n_years,
			      const int orgs[2], struct model **draft, struct calibration **cal,
			      struct buf *err)
{
	struct dataset ds = { 0 };
	enum app_status st = APP_FAILED;
	*draft = NULL;
	*cal = NULL;
	if (n_years < 1 || n_years > 20) {
		buf_addf(err, "calibration takes 1 to 20 years of history, not %d", n_years);
		return APP_INVALID;
	}
	if (!app_load_data(s, model_year_last_day(base, year - 1), &ds, err) &&
	    !calibrate_from(base, &ds, year, n_years, orgs, draft, cal, err))
		st = APP_OK;
	dataset_free(&ds);
	return st;
}

/* Is version a name a stored version may take? */
static int version_name_ok(const char *version)
{
	static const char *const reserved[] = { "default", "diff", "whatif", "edit" };
	size_t len = strlen(version);
	if (!len || len > 40)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((version[i] >= 'a' && version[i] <= 'z') || (version[i] >= 'A' && version[i] <= 'Z') ||
		      (version[i] >= '0' && version[i] <= '9') || strchr("-_.", version[i])))
			return 0;
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (!strcmp(version, reserved[i]))
			return 0;
	return 1;
}

enum app_status app_model_import(struct store *s, const struct model *m, int year,
				 const char *version, const char *actor, char **stored,
				 struct buf *err)
{
	char name[64];
	int put;

	*stored = NULL;
	if (version && *version && !version_name_ok(version)) {
		buf_adds(err, "a version is 1 to 40 letters, digits, '-', '_' or '.' (not default, diff, whatif or edit)");
		return APP_INVALID;
	}
	if (!version || !*version) {
		struct stored_model *list;
		size_t count, same_year = 0;
		if (store_model_list(s, &list, &count, err))
			return APP_FAILED;
		for (size_t i = 0; i < count; i++) {
			same_year += list[i].year == year;
			stored_model_release(&list[i]);
		}
		xfree(list);
		snprintf(name, sizeof name, "%d-%zu", year, same_year + 1);
		version = name;
	}
	char *json = model_to_json(m);
	put = store_model_put(s, version, year, json, actor, err);
	xfree(json);
	if (put)
		return put > 0 ? APP_CONFLICT : APP_FAILED;
	*stored = xstrdup(version);
	return APP_OK;
}

enum app_status app_model_activate(struct store *s, const char *version, const char *actor,
				   struct buf *err)
{
	int rc = store_model_activate(s, version, actor, err);
	if (rc > 0)
		buf_addf(err, "no stored model version '%s'", version);
	return rc == 0 ? APP_OK : rc > 0 ? APP_MISSING : APP_FAILED;
}
