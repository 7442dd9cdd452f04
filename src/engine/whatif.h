/* SPDX-License-Identifier: MIT */
/* `tandem whatif`: two scorings of the same year (the active model and a
 * draft) compared per person, org unit and company: old and new total,
 * delta, grade change and the categories that moved most. whatif_compare()
 * returns a struct whatif the caller releases with whatif_free(); it
 * borrows ids from both struct scores, which must outlive it. */
#ifndef TANDEM_WHATIF_H
#define TANDEM_WHATIF_H

#include "engine/score.h"

struct whatif_mover {
	const char *category;       /* category id */
	long double delta;          /* new − old category score */
};

/* A category's contribution to a total: its weight share × its score,
 * w_c·score_c ÷ Σ w of the contract's available categories (n/a ones give
 * their weight to the rest, SPEC §5), and for a person, unit or company the
 * same weighted mean over the subjects as the total, so that the
 * contributions add up to the total. 0 where the model has no such
 * category. */
struct whatif_contribution {
	const char *category;       /* category id */
	long double old_value, new_value;
	long double delta;          /* new − old */
	/* delta in hundredths as printed: rounded so that the printed deltas
	 * of a row add up to its printed total delta (largest remainder) */
	long shown_delta;
};

struct whatif_row {
	enum subject_kind kind;
	const char *id;
	enum org_kind org;
	int old_available, new_available;
	long double old_total, new_total;
	long double delta;          /* when both are available */
	const char *old_grade, *new_grade;  /* NULL when n/a */
	struct whatif_mover *movers;        /* categories in both, by |delta| desc */
	size_t n_movers;
	/* when both totals are available: the old model's categories, then
	 * the new model's others; sorted by |shown_delta| desc, then id */
	struct whatif_contribution *contributions;
	size_t n_contributions;
};

/* How many people or org units of one organization are in each grade
 * before and after: the old model's grades, then the new model's others
 * (matched by name), then n/a (grade NULL). */
struct whatif_grades {
	enum org_kind org;
	enum subject_kind kind;     /* SUBJECT_PERSON or SUBJECT_ORG_UNIT */
	size_t n;
	const char **grade;         /* borrowed from the models; NULL = n/a */
	size_t *before, *after;
};

struct whatif {
	int year;
	struct whatif_row *rows;    /* by |delta| (as printed) desc, then id */
	size_t n_rows;
	struct whatif_grades grades[4];     /* sales people, sales units,
					       operations people, operations units */
};

/* Returns 0 and *out, or −1 with a message in err when the years differ. */
int whatif_compare(const struct scores *old_scores, const struct scores *new_scores,
		   struct whatif **out, struct buf *err);
void whatif_free(struct whatif *w);

/* The contribution of each category of aggregate ag to its total, in model
 * order (out has ag->n_categories entries): see struct whatif_contribution. */
void whatif_contributions(const struct scores *s, const struct score_aggregate *ag,
			  long double *out);
/* Rounds deltas (in points) to hundredths so that they add up to the total
 * delta rounded to hundredths (largest remainder; ties by position). */
void whatif_round_shares(const long double *deltas, size_t n, long double total,
			 long *shown);

#endif
