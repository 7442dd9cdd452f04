/* SPDX-License-Identifier: MIT */
/* Scoring an evaluation year (SPEC §5): per contract and organization every
 * criterion's value, score and evidence, then categories, totals and the
 * roll-ups for people, org units and the company. Pure computation over a
 * struct dataset: no I/O, no SQL. score_run() returns a struct scores the
 * caller releases with scores_free(); it borrows the model and the dataset,
 * which must outlive it (the evidence rows point into the dataset). */
#ifndef TANDEM_SCORE_H
#define TANDEM_SCORE_H

#include <stddef.h>

#include "base/buf.h"
#include "domain/dataset.h"
#include "engine/criteria.h"
#include "engine/model.h"
#include "engine/numfmt.h"

/* The scoring's day window (SPEC §5: measurements dated before go_live_on
 * or after end_on are ignored; a year is scored on the data up to its last
 * day): a contract without a go-live date has no day that counts; else the
 * days from go_live_on to end_on (no end: open), cut at last_day (DAY_NONE:
 * not cut). A day_window_fn (domain/dataset.h). */
int score_day_window(const struct contract *c, day_t last_day, day_t *from, day_t *until);

enum subject_kind { SUBJECT_CONTRACT, SUBJECT_PERSON, SUBJECT_ORG_UNIT, SUBJECT_COMPANY };

/* The records behind a value, as indexes into the dataset's arrays. */
enum evidence_kind {
	EV_READINESS, EV_MANUAL_RATING, EV_SCOPE_CHANGE, EV_FINANCIAL, EV_HANDOVER,
	EV_EXPANSION, EV_CHILD_CONTRACT, EV_RENEWAL, EV_RELATIONSHIP_RATING,
	EV_PROPOSAL, EV_REFERENCE, EV_INNOVATION,
};

enum evidence_status {
	EVS_COUNTED,        /* counts toward the value (numerator / sum) */
	EVS_NOT_COUNTED,    /* in the denominator only: not done, lost, ... */
	EVS_EXCLUDED,       /* looked at and left out; `reason` says why */
};

struct evidence_row {
	enum evidence_kind kind;
	int index;                  /* into the dataset array of `kind` */
	enum evidence_status status;
	const char *reason;         /* a static key ("after_year_end"), see i18n */
	int measure;                /* which measure of the criterion (def order) */
	long double amount;         /* what it added (a referral 2, a rating 3.5) */
};

/* One metric in one month of a contract. */
struct month_cell {
	int rows;                   /* measurement rows that month */
	int has_data;               /* rows > 0 and Σdenominator > 0 */
	int met;                    /* monthly value meets `target` */
	micro_t num, den;           /* Σnumerator, Σdenominator */
	micro_t target;             /* the target this table judges against */
};

/* Months first..last (month indexes, month 1 = the go-live month) by the
 * contract's SLA metrics; empty when last < first. */
struct month_table {
	int first, last;
	month_t go_live_month;      /* month index i is go_live_month + i − 1 */
	size_t n_metrics;
	int *metrics;               /* dataset sla_metrics indexes */
	struct month_cell *cells;   /* (last − first + 1) × n_metrics, by month */
	int *compliant;             /* per month: every metric has data and is met */
};

struct score_measure {
	const struct model_measure *model;  /* NULL when the model leaves it out */
	int available;
	long double value;
	long double num, den;       /* value = num ÷ den (den = 1 for counts) */
	wide_t exact_num, exact_den;    /* the value exactly; exact_den 0 when not known */
	long double score;          /* when available and in the model */
};

struct score_criterion {
	const struct model_criterion *model;
	const struct criterion_def *def;
	int available;
	long double score;
	int value_available;        /* single-measure criteria only */
	long double value;
	struct score_measure measures[CRITERION_MAX_MEASURES];  /* def order */
	const char *na_reason;      /* why n/a (a static key), or NULL */
	struct evidence_row *rows;
	size_t n_rows, rows_alloc;
	struct month_table months;  /* S2.1, S3.1, S3.2 */
	int elapsed_months;         /* E (S2.1, S3.1, S3.2) */
	int stabilized_at;          /* S2.1, S3.1: s, or 0 when not stabilized */
	int planned_months;         /* P, or 0 when empty */
};

/* A category or total: a score (when available) and coverage counts. */
struct score_group {
	int available;
	long double score;
	long n_available, n_criteria;   /* coverage = n_available ÷ n_criteria */
};

/* One contract scored for one organization. */
struct score_set {
	int contract;               /* dataset contracts index */
	enum org_kind org;
	struct score_criterion *criteria;   /* model order over all categories */
	size_t n_criteria;
	struct score_group *categories;     /* model order */
	size_t n_categories;
	struct score_group total;
	wide_t weight;              /* micro-units: annual_value, or 10^6 (equal) */
};

/* An operations contract too young to judge in the year (SPEC §5
 * "Maturity"). */
struct score_too_early {
	int contract;               /* dataset contracts index */
	int months;                 /* month index of the year's last month */
};

/* A person, org unit or the company for one organization. */
struct score_aggregate {
	enum subject_kind kind;
	int index;                  /* people or units index; −1 for the company */
	const char *id;             /* borrowed; "company" for the company */
	enum org_kind org;
	struct score_group *categories;     /* model order */
	size_t n_categories;
	struct score_group total;
	wide_t total_weight;        /* Σ weight of subjects whose total is available */
	size_t *subjects;           /* indexes into scores->sets */
	size_t n_subjects;
};

struct scores {
	const struct model *model;
	const struct dataset *ds;
	int year;
	day_t first_day, last_day;
	struct score_set *sets;     /* by contract id, then org id */
	size_t n_sets;
	struct score_aggregate *aggregates; /* by kind, id, org id */
	size_t n_aggregates;
	/* Operations contracts live in the year but younger than the model's
	 * operations_min_months: "too early to judge", scored nowhere (SPEC §5
	 * "Maturity"). By contract id. */
	struct score_too_early *too_early;
	size_t n_too_early;
	/* Set by a caller that wants the renderers to print one subject only
	 * ("contract", "C1"); both NULL for every row. Not used by scoring. */
	const char *only_kind, *only_id;
};

/* Scores year `year` of ds under model. Returns 0 and a new struct scores
 * in *out (release with scores_free), or −1 with a message in err. */
int score_run(const struct model *model, const struct dataset *ds, int year,
	      struct scores **out, struct buf *err);
void scores_free(struct scores *s);

/* How many people or org units (kind) of organization org fall in each
 * grade of the model, judged on the total as printed: counts[g] for the
 * model's grade g, counts[n_grades] for those whose total is n/a. counts
 * has s->model->n_grades + 1 entries. */
void score_grade_counts(const struct scores *s, enum org_kind org, enum subject_kind kind,
			size_t *counts);

/* "sales" or "operations". */
const char *score_org_id(enum org_kind org);
/* "contract", "person", "org_unit" or "company". */
const char *score_subject_kind_id(enum subject_kind kind);
/* The id of a set's contract. */
const char *score_set_id(const struct scores *s, const struct score_set *set);
/* Coverage as a number in [0, 1] (0 with no criteria). */
long double score_coverage(const struct score_group *g);
/* The set of a contract for org, or NULL. */
const struct score_set *score_find_set(const struct scores *s, const char *contract_id,
				       enum org_kind org);
const struct score_aggregate *score_find_aggregate(const struct scores *s,
						   enum subject_kind kind,
						   const char *id, enum org_kind org);

#endif
