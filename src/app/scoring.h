/* SPDX-License-Identifier: MIT */
/* The scoring actions, once for the CLI and the web: which model scores a
 * year (one precedence rule), a scored year (model, data, scores), the
 * default year, freezing a year's official results (with the data-version
 * re-check that keeps the scores and the data hash about the same data),
 * verifying them, a what-if of a draft model, and storing and activating
 * model versions. Each returns an app_status (app/app.h) with the reason
 * in err; what a function gives back is the caller's, as each says. */
#ifndef TANDEM_APP_SCORING_H
#define TANDEM_APP_SCORING_H

#include <stdint.h>

#include "app/app.h"
#include "domain/dataset.h"
#include "engine/model.h"
#include "engine/score.h"
#include "engine/whatif.h"
#include "store/models.h"

/* app_model_load flags. */
enum {
	/* name may be the path of a JSON file (the command line's --model
	 * FILE). Never for the web: a client's text never names a file. */
	APP_MODEL_FILES = 1 << 0,
};

/* Every record of the store into ds (store_load) with the measurements
 * summed over the days the engine's day window lets in up to last_day
 * (DAY_NONE: all): the one way data is loaded for the engine. Same
 * ownership and errors as store_load(). */
int app_load_data(struct store *s, day_t last_day, struct dataset *ds, struct buf *err);

/* The default model of SPEC §5: assets/model-default.json as built into
 * the binary, parsed by the engine (the engine itself reads no assets).
 * Same ownership and errors as model_parse(). */
int app_model_default(struct model **out, struct buf *err);

/* The one model-precedence rule. name:
 *   NULL       the store's model for year (store_model_for_year), else
 *              the built-in default;
 *   a file     with APP_MODEL_FILES, when a file of that path exists;
 *   "default"  the built-in default;
 *   else       the stored version of that name.
 * s may be NULL (files and the built-in only). APP_OK with *out
 * (model_free) and *version ("default", a stored version or the file's
 * path; free); APP_MISSING (no such version; err left empty so the caller
 * words it), APP_INVALID (the model does not parse: err) or APP_FAILED. */
enum app_status app_model_load(struct store *s, const char *name, int year, unsigned flags,
			       struct model **out, char **version, struct buf *err);

/* A scored year: the model, the loaded data and the scores, owned together
 * and released with app_scored_year_release(). data_version is the
 * store's data version read before the data were (store/version.h). */
struct app_scored_year {
	struct model *model;
	char *model_version;
	struct dataset ds;
	struct scores *scores;
	int year;
	int64_t data_version;
};

/* Loads the model as app_model_load() does, then the year's data (up to
 * the year's last day by the model's calendar), and scores them. */
enum app_status app_open_scored_year(struct store *s, const char *name, int year, unsigned flags,
				     struct app_scored_year *out, struct buf *err);
/* The model and the data of year without scoring (scores NULL). */
enum app_status app_open_year_data(struct store *s, const char *name, int year, unsigned flags,
				   struct app_scored_year *out, struct buf *err);
/* The model in force on day as_of (name NULL: the model of the evaluation
 * year that contains as_of, by that model's calendar; else name whatever
 * the year) and the data up to as_of, as the alerts read them (scores
 * NULL, year the evaluation year). */
enum app_status app_open_as_of(struct store *s, const char *name, day_t as_of, unsigned flags,
			       struct app_scored_year *out, struct buf *err);
/* The same with a model already loaded (taken over: released with out;
 * version copied). */
enum app_status app_score_with(struct store *s, struct model *m, const char *version, int year,
			       struct app_scored_year *out, struct buf *err);
void app_scored_year_release(struct app_scored_year *y);

/* Today by the clock (TANDEM_NOW in tests). */
day_t app_today(void);
/* The last day of year by the calendar of the model that scores it into
 * *last_day (31 Dec when the model cannot be read); 1 when that day is
 * before today, else 0. */
int app_year_is_over(struct store *s, int year, day_t today, day_t *last_day);
/* The default year of every page, API call and form that takes one: the
 * last COMPLETE year (ended before today by the calendar of the model in
 * force the year before today's), or the year of the newest SLA data when
 * the data end before it. */
int app_default_year(struct store *s, day_t today);

/* Freezes year's official results: scores (scored under model_version
 * from the data of data_version) as CSV and JSON, with a hash of the data.
 * The data version is read again after hashing: a write in between, by
 * any process, would pair scores and a hash of different data, so that is
 * refused (APP_CONFLICT, "the data changed while freezing Y; try again").
 * APP_CONFLICT also when the year is frozen already. On APP_OK *out holds
 * what was frozen (frozen_release). */
enum app_status app_freeze(struct store *s, int year, const struct scores *scores,
			   const char *model_version, int64_t data_version, const char *actor,
			   struct frozen *out, struct buf *err);

/* A frozen year recomputed with its frozen model. */
struct app_verification {
	struct frozen f;          /* what was frozen */
	int data_same, results_same;
	struct buf diff;          /* the CSV differences when not results_same */
};
/* APP_MISSING (not frozen), APP_CONFLICT (the frozen model is no stored
 * version any more), APP_FAILED; err says which. Release *v with
 * app_verification_release() whatever the status. */
enum app_status app_verify(struct store *s, int year, struct app_verification *v,
			   struct buf *err);
void app_verification_release(struct app_verification *v);

/* Scores year under draft (taken over: released with *scored) and compares
 * with now (the same year under the model in force, or any other).
 * *w is the caller's (whatif_free). */
enum app_status app_whatif(struct store *s, const struct scores *now, struct model *draft,
			   const char *draft_version, int year, struct app_scored_year *scored,
			   struct whatif **w, struct buf *err);

struct calibration;
/* Calibrates base for year from the n_years (1..20) years before it, each
 * scored under base from the store's data, for the organizations in
 * orgs[2] (engine/calibrate.h). APP_INVALID when n_years is out of range;
 * on APP_OK *draft (model_free) and *cal (calibration_free) are the
 * caller's. */
enum app_status app_calibrate(struct store *s, const struct model *base, int year, int n_years,
			      const int orgs[2], struct model **draft, struct calibration **cal,
			      struct buf *err);

/* Stores m as a model version of year: version NULL or "" names it
 * "YEAR-N", the next of its year. A version is 1 to 40 letters, digits,
 * '-', '_' or '.', and not a word of the paths (default, diff, whatif,
 * edit): else APP_INVALID. APP_CONFLICT when the version exists with
 * another body. *stored is the version's name (free). */
enum app_status app_model_import(struct store *s, const struct model *m, int year,
				 const char *version, const char *actor, char **stored,
				 struct buf *err);
/* Makes version the active model of its year (audited). APP_MISSING with
 * "no stored model version 'V'". */
enum app_status app_model_activate(struct store *s, const char *version, const char *actor,
				   struct buf *err);

#endif
