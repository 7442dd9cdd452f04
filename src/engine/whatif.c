/* SPDX-License-Identifier: MIT */
/* Comparing two scorings subject by subject; see whatif.h. The struct
 * whatif and its arrays belong to the caller (whatif_free). */
#include "engine/whatif.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	*out = w;
	return 0;
}

void whatif_free(struct whatif *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n_rows; i++)
		xfree(w->rows[i].movers);
	xfree(w->rows);
	xfree(w);
}
