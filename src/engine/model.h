/* SPDX-License-Identifier: MIT */
/* The evaluation model of SPEC §5 as data: organizations, categories,
 * criteria, measures and their scoring functions, and every parameter the
 * scoring uses. Models are JSON (assets/model-default.json is the default; the app room
 * reads it from the binary's assets, app_model_default);
 * model_parse() validates one completely. A struct model is owned by whoever
 * parsed it and released with model_free(). */
#ifndef TANDEM_MODEL_H
#define TANDEM_MODEL_H

#include <stddef.h>

#include "base/buf.h"
#include "domain/dataset.h"
#include "domain/date.h"
#include "engine/criteria.h"
#include "engine/numfmt.h"

enum scoring_fn { SCORING_LINEAR, SCORING_BANDS };

/* bands: the first band (in model order) whose threshold the value reaches
 * gives the score: value >= threshold when better = higher, value <=
 * threshold when better = lower. Thresholds run strictly from the best band
 * down, so the first match is the best one reached; below every band the
 * score is `otherwise`. */
struct band {
	double threshold;
	double score;
	/* Set by model_scoring_prepare(): the decimal the threshold was
	 * written as, exactly (t_den 0 when it does not fit) and rounded once
	 * to a long double. */
	wide_t t_num, t_den;
	long double threshold_ld;
};

struct scoring {
	enum scoring_fn fn;
	double zero, full;          /* linear: 100·(v − zero)/(full − zero), clamped */
	int lower_is_better;        /* bands */
	struct band *bands;
	size_t n_bands;
	double otherwise;           /* bands */
	/* Set by model_scoring_prepare() on the copies struct model_numbers
	 * holds: zero and full as the decimals written, rounded once to long
	 * doubles. An unprepared scoring is prepared on the fly by
	 * model_apply_scoring(). */
	int prepared;
	long double zero_ld, full_ld;
};

struct model_name {
	char *en, *ko;
};

struct model_measure {
	char *id;
	struct model_name name;
	struct scoring scoring;
	int def_index;              /* position in the criterion_def's measures */
};

struct model_criterion {
	char *id;
	struct model_name name;
	double weight;
	const struct criterion_def *def;
	struct model_measure *measures;
	size_t n_measures;
};

struct model_category {
	char *id;
	struct model_name name;
	double weight;
	struct model_criterion *criteria;
	size_t n_criteria;
};

struct model_org {
	char *id;                   /* "sales" or "operations" */
	struct model_name name;
	struct model_category *categories;
	size_t n_categories;
	size_t n_criteria;          /* over all its categories */
};

enum rollup_weighting { ROLLUP_VALUE, ROLLUP_EQUAL };

/* The thresholds of the early warnings (SPEC §6, `tandem alerts`): the
 * optional "alerts" object of a model; a key left out takes its default. */
struct model_alerts {
	int readiness_days_before_go_live;  /* 14: open required items this close */
	int renewal_days;                   /* 90: a pending renewal this close */
	int sla_missed_months;              /* 2: months missed in a row */
};

struct model_grade {
	char *grade;
	double min;                 /* a total >= min earns this grade */
};

struct model {
	char *name;
	char *description;          /* NULL when absent */
	int year;                   /* the year the model is for; 0 = any */
	int fiscal_year_first_month;        /* 1..12 */
	int stabilization_run_months;       /* K */
	int sales_window_years;             /* 2 = Y and Y−1 */
	/* SPEC §5 "Maturity": a contract is an operations subject only when
	 * the month index of the year's last month (go-live month = 1) is at
	 * least this; 0 (the default) leaves nothing out. */
	int operations_min_months;
	enum rollup_weighting rollup_weighting;
	double required_margin[3];          /* by enum risk_tier */
	double reference_weight[4];         /* by enum reference_kind */

	struct model_alerts alerts;
	struct model_grade *grades;         /* descending min; the last min is 0 */
	size_t n_grades;
	struct model_org orgs[2];           /* by enum org_kind: ORG_SALES, ORG_OPERATIONS */
};

/* Parses and validates a model. On success *out is a new model the caller
 * releases with model_free() and 0 is returned; on failure every problem is
 * appended to err, one per line, as "SOURCE: PATH: message" (for example
 * "model.json: organizations[0].categories[2].weight: must be > 0"), and -1
 * is returned. */
int model_parse(const char *json, size_t len, const char *source,
		struct model **out, struct buf *err);
void model_free(struct model *m);

/* The model as canonical JSON (fixed key order, two-space indent, trailing
 * newline); parsing it gives an equal model. The caller frees the string. */
char *model_to_json(const struct model *m);

/* Evaluation year Y runs from the first day of the fiscal first month m of
 * calendar year Y to the day before the same day of Y+1; with m = 1 that is
 * 1 Jan Y .. 31 Dec Y. (A fiscal year is named by the calendar year it
 * starts in.) */
day_t model_year_first_day(const struct model *m, int year);
day_t model_year_last_day(const struct model *m, int year);
/* The last year of m's calendar that ended before today: the year people
 * look at first, since its data are complete. */
int model_last_complete_year(const struct model *m, day_t today);

/* One difference between two models, as data: the catalog key that says it
 * (report/i18n.c "diff." keys: "diff.category_weight" is "weight of category
 * {1}: {2} → {3}"), its text arguments (ids, names, enum values), and for a
 * number or a scoring function the values before and after, which the
 * reader's edge (report/model_diff_text.c) appends as the last arguments,
 * in words and with units. */
enum model_change_what {
	MODEL_CHANGE_TEXT,          /* every argument is in args */
	MODEL_CHANGE_NUMBER,        /* + before, after */
	MODEL_CHANGE_SCORING,       /* + scoring_before (NULL when added), scoring_after */
};
enum model_change_unit { MODEL_UNIT_PLAIN, MODEL_UNIT_RATIO };

struct model_change {
	const char *key;
	char *args[5];
	size_t n_args;
	enum model_change_what what;
	/* args that are values with a label in the catalog ("low" is
	 * "enum.low"): the labels' prefix, or NULL */
	const char *labels;
	enum model_change_unit unit;
	double before, after;
	/* point into the two models compared: valid while they live */
	const struct scoring *scoring_before, *scoring_after;
	int ratio;                  /* the measure's values are ratios */
};

struct model_changes {
	struct model_change *v;
	size_t n, cap;
};
#define MODEL_CHANGES_INIT { NULL, 0, 0 }

/* Appends to d every difference between a and b, in a fixed order (model
 * settings, then each organization's categories and criteria). Returns
 * the number appended (0 = equal). Release d with model_changes_release();
 * the scoring pointers stay valid only while a and b live. */
int model_diff_changes(const struct model *a, const struct model *b, struct model_changes *d);
void model_changes_release(struct model_changes *d);

/* Appends the text of a scoring function: "linear(0.6, 0.95)" or
 * "bands(higher: ≥0.95→100, ≥0.8→60, else 0)". */
void model_scoring_text(const struct scoring *s, struct buf *out);

/* The model name of the given language: "ko" or anything else for English. */
const char *model_name_text(const struct model_name *n, int korean);

/* The score of value v under s, in [0, 100]. Band thresholds are compared
 * with v as the decimals written; v is a long double, so a value within a
 * long double's rounding of a threshold may compare as equal to it: prefer
 * model_apply_scoring_exact() when the exact value is known. */
long double model_apply_scoring(const struct scoring *s, long double v);
/* The same for a value known exactly as num ÷ den (den > 0), v being its
 * long double: band thresholds are compared exactly. den 0 = not known. */
long double model_apply_scoring_exact(const struct scoring *s, long double v,
				      wide_t num, wide_t den);
/* Fills the exact fields of s and its bands. */
void model_scoring_prepare(struct scoring *s);

/* Every number the scoring uses, as the decimal written in the model
 * (engine/exact.h), taken when scoring starts, so that a model changed
 * after parsing is read as it is now. Filled by model_numbers_init(),
 * released with model_numbers_release(). */
struct model_numbers {
	long double *category_weight[2];    /* by category, model order */
	long double *criterion_weight[2];   /* by criterion, model order */
	/* prepared copies, [criterion × CRITERION_MAX_MEASURES + measure]
	 * in model order (their bands are owned here) */
	struct scoring *scoring[2];
	long double required_margin[3];
	wide_t margin_num[3], margin_den[3];        /* den 0: does not fit */
	long double reference_weight[4];
	wide_t reference_num[4], reference_den[4];
	size_t n_orgs_criteria[2];
};
void model_numbers_init(struct model_numbers *n, const struct model *m);
void model_numbers_release(struct model_numbers *n);

/* The grade of a total score (already rounded as printed). */
const char *model_grade(const struct model *m, long double total);

/* The note of a stored model: its "description" (why it is what it is),
 * read from the JSON text without validating the rest. NULL when there is
 * none or the text is not JSON; else the caller frees the string. */
char *model_note_of(const char *json);

/* Lookups by id; NULL when absent. */
const struct model_criterion *model_find_criterion(const struct model *m, const char *id);

#endif
