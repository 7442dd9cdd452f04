/* SPDX-License-Identifier: MIT */
/* Calibration of a model's linear scoring bounds from the per-contract
 * values of past years; see calibrate.h. The draft model and the struct
 * calibration belong to the caller. */
#include "engine/calibrate.h"

#include <stdlib.h>
#include <string.h>

long double calibrate_percentile(const long double *sorted, size_t n, int p)
{
	/* rank = ceil(p·n / 100), in integers so that 10 % of 20 is rank 2 */
	size_t rank = ((size_t)p * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static int cmp_ld(const void *a, const void *b)
{
	long double x = *(const long double *)a, y = *(const long double *)b;
	return x < y ? -1 : x > y;
}

/* Every available value of one measure over the history, sorted. The
 * caller frees *values. */
static size_t collect_values(const struct scores *const *history, size_t n_history,
			     enum org_kind org, const char *criterion, int def_index,
			     long double **values)
{
	size_t n = 0, alloc = 0;
	*values = NULL;
	for (size_t h = 0; h < n_history; h++) {
		const struct scores *s = history[h];
		for (size_t i = 0; i < s->n_sets; i++) {
			const struct score_set *set = &s->sets[i];
			if (set->org != org)
				continue;
			for (size_t k = 0; k < set->n_criteria; k++) {
				const struct score_criterion *sc = &set->criteria[k];
				if (strcmp(sc->model->id, criterion))
					continue;
				const struct score_measure *m = &sc->measures[def_index];
				if (!m->available)
					continue;
				ALLOC_GROW(*values, n + 1, alloc);
				(*values)[n++] = m->value;
			}
		}
	}
	if (n)
		xqsort(*values, n, sizeof **values, cmp_ld);
	return n;
}

static void calibrate_measure(const struct scores *const *history, size_t n_history,
			      enum org_kind org, const struct model_criterion *cr,
			      struct model_measure *mm, struct calib_measure *row)
{
	long double *values;

	row->org = org;
	row->criterion = cr->id;
	row->measure = mm->id;
	row->old_scoring = mm->scoring;
	row->n = collect_values(history, n_history, org, cr->id, mm->def_index, &values);
	if (row->n) {
		row->p10 = calibrate_percentile(values, row->n, 10);
		row->p50 = calibrate_percentile(values, row->n, 50);
		row->p90 = calibrate_percentile(values, row->n, 90);
	}
	xfree(values);
	if (mm->scoring.fn != SCORING_LINEAR)
		row->outcome = CALIB_BANDS;
	else if (row->n < CALIBRATE_MIN_VALUES)
		row->outcome = CALIB_TOO_FEW;
	else if (row->p10 == row->p90)
		row->outcome = CALIB_FLAT;
	else {
		row->outcome = CALIB_CHANGED;
		int lower_is_better = mm->scoring.zero > mm->scoring.full;
		mm->scoring.zero = (double)(lower_is_better ? row->p90 : row->p10);
		mm->scoring.full = (double)(lower_is_better ? row->p10 : row->p90);
		if (mm->scoring.zero == mm->scoring.full) {
			/* distinct long doubles that meet as doubles: keep */
			mm->scoring = row->old_scoring;
			row->outcome = CALIB_FLAT;
		}
	}
	row->new_scoring = mm->scoring;
}

int calibrate_run(const struct model *from, const struct scores *const *history,
		  size_t n_history, int year, struct model **draft,
		  struct calibration **out, struct buf *err)
{
	static const int both[2] = { 1, 1 };
	return calibrate_run_orgs(from, history, n_history, year, both, draft, out, err);
}

int calibrate_run_orgs(const struct model *from, const struct scores *const *history,
		       size_t n_history, int year, const int orgs[2], struct model **draft,
		       struct calibration **out, struct buf *err)
{
	struct model *m;
	struct calibration *c;
	size_t alloc = 0;
	int first = 0, last = 0;

	*draft = NULL;
	*out = NULL;
	for (size_t h = 0; h < n_history; h++) {
		if (history[h]->model != from) {
			buf_adds(err, "calibration history must be scored under the model calibrated\n");
			return -1;
		}
		if (!h || history[h]->year < first)
			first = history[h]->year;
		if (!h || history[h]->year > last)
			last = history[h]->year;
	}
	/* A copy through the canonical JSON: the draft shares nothing. */
	char *json = model_to_json(from);
	int bad = model_parse(json, strlen(json), "calibrate", &m, err);
	xfree(json);
	if (bad)
		return -1;
	c = xcalloc(1, sizeof *c);
	c->year = year;
	c->first_year = first;
	c->last_year = last;
	for (int k = 0; k < 2; k++) {
		struct model_org *org = &m->orgs[k];
		if (!orgs[k])
			continue;
		for (size_t ci = 0; ci < org->n_categories; ci++) {
			struct model_category *cat = &org->categories[ci];
			for (size_t i = 0; i < cat->n_criteria; i++) {
				struct model_criterion *cr = &cat->criteria[i];
				for (size_t j = 0; j < cr->n_measures; j++) {
					ALLOC_GROW(c->rows, c->n_rows + 1, alloc);
					struct calib_measure *row = &c->rows[c->n_rows++];
					memset(row, 0, sizeof *row);
					calibrate_measure(history, n_history, (enum org_kind)k, cr,
							  &cr->measures[j], row);
				}
			}
		}
	}
	m->year = year;
	xfree(m->description);
	struct buf d = BUF_INIT;
	if (n_history)
		buf_addf(&d, "calibrated for %d from %d-%d: %s linear bounds = P10/P90 of "
			 "each measure's per-contract values", year, first, last,
			 orgs[0] && orgs[1] ? "all" : orgs[ORG_SALES] ? "sales" : "operations");
	else
		buf_addf(&d, "calibrated for %d without history: bounds kept", year);
	m->description = buf_detach(&d, NULL);
	*draft = m;
	*out = c;
	return 0;
}

int calibrate_from(const struct model *base, const struct dataset *ds, int year, int n_years,
		   const int orgs[2], struct model **draft, struct calibration **out,
		   struct buf *err)
{
	struct scores *history[20] = { 0 };
	int rc = -1;

	*draft = NULL;
	*out = NULL;
	if (n_years < 1 || n_years > 20) {
		buf_addf(err, "calibration takes 1 to 20 years of history, not %d\n", n_years);
		return -1;
	}
	for (int h = 0; h < n_years; h++)
		if (score_run(base, ds, year - n_years + h, &history[h], err))
			goto out;
	rc = calibrate_run_orgs(base, (const struct scores *const *)history, (size_t)n_years, year,
				orgs, draft, out, err);
out:
	for (int h = 0; h < n_years; h++)
		scores_free(history[h]);
	return rc;
}

void calibration_free(struct calibration *c)
{
	if (!c)
		return;
	xfree(c->rows);
	xfree(c);
}
