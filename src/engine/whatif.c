/* SPDX-License-Identifier: MIT */
/* Comparing two scorings subject by subject; see whatif.h. The struct
 * whatif and its arrays belong to the caller (whatif_free). */
#include "engine/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/exact.h"
#include "engine/numfmt.h"

static const struct model_category *category_in(const struct model *m, enum org_kind org,
						const char *id, size_t *index)
{
	for (size_t c = 0; c < m->orgs[org].n_categories; c++)
		if (!strcmp(m->orgs[org].categories[c].id, id)) {
			*index = c;
			return &m->orgs[org].categories[c];
		}
	return NULL;
}

static int cmp_movers(const void *a, const void *b)
{
	const struct whatif_mover *x = a, *y = b;
	long double dx = numfmt_round(fabsl(x->delta), 2), dy = numfmt_round(fabsl(y->delta), 2);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->category, y->category);
}

void whatif_contributions(const struct scores *s, const struct score_aggregate *ag,
			  long double *out)
{
	const struct model_org *mo = &s->model->orgs[ag->org];
	long double *w = xcalloc(mo->n_categories + 1, sizeof *w);
	long double weight_sum = 0;

	for (size_t c = 0; c < mo->n_categories; c++) {
		w[c] = exact_ld(mo->categories[c].weight);
		out[c] = 0;
	}
	for (size_t i = 0; i < ag->n_subjects; i++) {
		const struct score_set *set = &s->sets[ag->subjects[i]];
		long double avail = 0, weight = (long double)set->weight;
		if (!set->total.available)
			continue;
		weight_sum += weight;
		for (size_t c = 0; c < mo->n_categories; c++)
			if (set->categories[c].available)
				avail += w[c];
		for (size_t c = 0; c < mo->n_categories; c++)
			if (set->categories[c].available)
				out[c] += weight * w[c] * set->categories[c].score / avail;
	}
	for (size_t c = 0; c < mo->n_categories; c++)
		out[c] = weight_sum > 0 ? out[c] / weight_sum : 0;
	xfree(w);
}

struct share {
	size_t index;
	long double error;          /* exact − shown, in hundredths */
};

static int cmp_share_up(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	if (x->error != y->error)
		return x->error > y->error ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_share_down(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	if (x->error != y->error)
		return x->error < y->error ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void whatif_round_shares(const long double *deltas, size_t n, long double total, long *shown)
{
	struct share *sh = xcalloc(n + 1, sizeof *sh);
	long target = lroundl(numfmt_round(total, 2) * 100);
	long sum = 0;
	/* each rounded as printed, then the cents still missing go to those
	 * rounded furthest the other way (ties: the first in order) */
	for (size_t i = 0; i < n; i++) {
		long double x = deltas[i] * 100;
		shown[i] = lroundl(numfmt_round(x, 0));
		sh[i].index = i;
		sh[i].error = x - shown[i];
		sum += shown[i];
	}
	if (!n) {
		/* nothing to share */
	} else if (sum < target) {
		xqsort(sh, n, sizeof *sh, cmp_share_up);
		for (size_t k = 0; sum < target; k = (k + 1) % n, sum++)
			shown[sh[k].index]++;
	} else if (sum > target) {
		xqsort(sh, n, sizeof *sh, cmp_share_down);
		for (size_t k = 0; sum > target; k = (k + 1) % n, sum--)
			shown[sh[k].index]--;
	}
	xfree(sh);
}

static int cmp_contributions(const void *a, const void *b)
{
	const struct whatif_contribution *x = a, *y = b;
	long dx = labs(x->shown_delta), dy = labs(y->shown_delta);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->category, y->category);
}

static void fill_contributions(const struct scores *os, const struct scores *ns,
			       const struct score_aggregate *oa, const struct score_aggregate *na,
			       struct whatif_row *r)
{
	const struct model_org *mo = &os->model->orgs[oa->org], *mn = &ns->model->orgs[na->org];
	long double *oc = xcalloc(mo->n_categories + 1, sizeof *oc);
	long double *nc = xcalloc(mn->n_categories + 1, sizeof *nc);
	size_t n = 0;

	whatif_contributions(os, oa, oc);
	whatif_contributions(ns, na, nc);
	r->contributions = xcalloc(mo->n_categories + mn->n_categories + 1,
				   sizeof *r->contributions);
	for (size_t c = 0; c < mo->n_categories; c++) {
		size_t j;
		struct whatif_contribution *x = &r->contributions[n++];
		x->category = mo->categories[c].id;
		x->old_value = oc[c];
		x->new_value = category_in(ns->model, na->org, x->category, &j) ? nc[j] : 0;
	}
	for (size_t c = 0; c < mn->n_categories; c++) {
		size_t j;
		if (category_in(os->model, oa->org, mn->categories[c].id, &j))
			continue;
		struct whatif_contribution *x = &r->contributions[n++];
		x->category = mn->categories[c].id;
		x->new_value = nc[c];
	}
	long double *deltas = xcalloc(n + 1, sizeof *deltas);
	long *shown = xcalloc(n + 1, sizeof *shown);
	for (size_t i = 0; i < n; i++)
		deltas[i] = r->contributions[i].delta =
			r->contributions[i].new_value - r->contributions[i].old_value;
	whatif_round_shares(deltas, n, r->delta, shown);
	for (size_t i = 0; i < n; i++)
		r->contributions[i].shown_delta = shown[i];
	r->n_contributions = n;
	xqsort(r->contributions, n, sizeof *r->contributions, cmp_contributions);
	xfree(deltas);
	xfree(shown);
	xfree(oc);
	xfree(nc);
}

static void fill_row(const struct scores *os, const struct scores *ns,
		     const struct score_aggregate *oa, const struct score_aggregate *na,
		     struct whatif_row *r)
{
	const struct score_aggregate *any = oa ? oa : na;
	memset(r, 0, sizeof *r);
	r->kind = any->kind;
	r->id = any->id;
	r->org = any->org;
	if (oa && oa->total.available) {
		r->old_available = 1;
		r->old_total = oa->total.score;
		r->old_grade = model_grade(os->model, numfmt_round(r->old_total, 2));
	}
	if (na && na->total.available) {
		r->new_available = 1;
		r->new_total = na->total.score;
		r->new_grade = model_grade(ns->model, numfmt_round(r->new_total, 2));
	}
	if (r->old_available && r->new_available)
		r->delta = r->new_total - r->old_total;
	if (!oa || !na)
		return;
	if (r->old_available && r->new_available)
		fill_contributions(os, ns, oa, na, r);
	const struct model_org *mo = &os->model->orgs[oa->org];
	r->movers = xcalloc(mo->n_categories, sizeof *r->movers);
	for (size_t c = 0; c < mo->n_categories; c++) {
		size_t nc;
		if (!category_in(ns->model, na->org, mo->categories[c].id, &nc))
			continue;
		const struct score_group *og = &oa->categories[c], *ng = &na->categories[nc];
		if (!og->available || !ng->available)
			continue;
		r->movers[r->n_movers].category = mo->categories[c].id;
		r->movers[r->n_movers].delta = ng->score - og->score;
		r->n_movers++;
	}
	xqsort(r->movers, r->n_movers, sizeof *r->movers, cmp_movers);
}

static int cmp_rows(const void *a, const void *b)
{
	const struct whatif_row *x = a, *y = b;
	int xa = x->old_available && x->new_available, ya = y->old_available && y->new_available;
	int c;
	if (xa != ya)
		return xa ? -1 : 1;
	if (xa) {
		long double dx = numfmt_round(fabsl(x->delta), 2);
		long double dy = numfmt_round(fabsl(y->delta), 2);
		if (dx != dy)
			return dx > dy ? -1 : 1;
	}
	if ((c = strcmp(x->id, y->id)))
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(score_org_id(x->org), score_org_id(y->org));
}

static void fill_grades(const struct scores *os, const struct scores *ns, enum org_kind org,
			enum subject_kind kind, struct whatif_grades *g)
{
	const struct model *mo = os->model, *mn = ns->model;
	size_t *oc = xcalloc(mo->n_grades + 1, sizeof *oc), *nc = xcalloc(mn->n_grades + 1, sizeof *nc);
	size_t cap = mo->n_grades + mn->n_grades + 1;

	g->org = org;
	g->kind = kind;
	g->grade = xcalloc(cap, sizeof *g->grade);
	g->before = xcalloc(cap, sizeof *g->before);
	g->after = xcalloc(cap, sizeof *g->after);
	score_grade_counts(os, org, kind, oc);
	score_grade_counts(ns, org, kind, nc);
	for (size_t i = 0; i < mo->n_grades; i++) {
		g->grade[g->n] = mo->grades[i].grade;
		g->before[g->n++] = oc[i];
	}
	for (size_t i = 0; i < mn->n_grades; i++) {
		size_t k;
		for (k = 0; k < g->n && strcmp(g->grade[k], mn->grades[i].grade); k++)
			;
		if (k == g->n)
			g->grade[g->n++] = mn->grades[i].grade;
		g->after[k] = nc[i];
	}
	g->grade[g->n] = NULL;
	g->before[g->n] = oc[mo->n_grades];
	g->after[g->n++] = nc[mn->n_grades];
	xfree(oc);
	xfree(nc);
}

int whatif_compare(const struct scores *os, const struct scores *ns,
		   struct whatif **out, struct buf *err)
{
	struct whatif *w;
	size_t alloc = 0;

	*out = NULL;
	if (os->year != ns->year) {
		buf_addf(err, "cannot compare %d with %d\n", os->year, ns->year);
		return -1;
	}
	w = xcalloc(1, sizeof *w);
	w->year = os->year;
	for (size_t i = 0; i < os->n_aggregates; i++) {
		const struct score_aggregate *oa = &os->aggregates[i];
		ALLOC_GROW(w->rows, w->n_rows + 1, alloc);
		fill_row(os, ns, oa, score_find_aggregate(ns, oa->kind, oa->id, oa->org),
			 &w->rows[w->n_rows++]);
	}
	for (size_t i = 0; i < ns->n_aggregates; i++) {
		const struct score_aggregate *na = &ns->aggregates[i];
		if (score_find_aggregate(os, na->kind, na->id, na->org))
			continue;
		ALLOC_GROW(w->rows, w->n_rows + 1, alloc);
		fill_row(os, ns, NULL, na, &w->rows[w->n_rows++]);
	}
	xqsort(w->rows, w->n_rows, sizeof *w->rows, cmp_rows);
	for (int i = 0; i < 4; i++)
		fill_grades(os, ns, i < 2 ? ORG_SALES : ORG_OPERATIONS,
			    i % 2 ? SUBJECT_ORG_UNIT : SUBJECT_PERSON, &w->grades[i]);
	*out = w;
	return 0;
}

void whatif_free(struct whatif *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n_rows; i++) {
		xfree(w->rows[i].movers);
		xfree(w->rows[i].contributions);
	}
	xfree(w->rows);
	for (int i = 0; i < 4; i++) {
		xfree(w->grades[i].grade);
		xfree(w->grades[i].before);
		xfree(w->grades[i].after);
	}
	xfree(w);
}
