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
};

struct whatif {
	int year;
	struct whatif_row *rows;    /* by |delta| (as printed) desc, then id */
	size_t n_rows;
};

/* Returns 0 and *out, or −1 with a message in err when the years differ. */
int whatif_compare(const struct scores *old_scores, const struct scores *new_scores,
		   struct whatif **out, struct buf *err);
void whatif_free(struct whatif *w);

#endif
