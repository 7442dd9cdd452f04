/* SPDX-License-Identifier: MIT */
/* Building and ordering the result rows; see score_rows.h. The array
 * returned is the caller's (xfree()). */
#include "report/score_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/numfmt.h"

const char *const score_evidence_kinds[] = {
	[EV_READINESS] = "readiness", [EV_MANUAL_RATING] = "manual_ratings",
	[EV_SCOPE_CHANGE] = "scope_changes", [EV_FINANCIAL] = "financials",
	[EV_HANDOVER] = "handover", [EV_EXPANSION] = "expansions",
	[EV_CHILD_CONTRACT] = "contracts", [EV_RENEWAL] = "renewals",
	[EV_RELATIONSHIP_RATING] = "relationship_ratings", [EV_PROPOSAL] = "proposals",
	[EV_REFERENCE] = "references", [EV_INNOVATION] = "innovations",
};
const char *const score_evidence_statuses[] = {
	[EVS_COUNTED] = "counted", [EVS_NOT_COUNTED] = "not_counted",
	[EVS_EXCLUDED] = "excluded",
};

struct row_list {
	struct score_row *rows;
	size_t n, alloc;
	struct buf num;   /* scratch for one number: no allocation per number */
};

/* Copies the number in l->num into a fixed field, cut as snprintf cuts. */
static void put_num(struct row_list *l, char *dst, size_t size)
{
	size_t len = l->num.len < size - 1 ? l->num.len : size - 1;
	memcpy(dst, l->num.data, len);
	dst[len] = '\0';
}

/* Prints into a fixed field through a struct buf, so every number goes
 * through the one formatter. */
static void put_ld(struct row_list *l, char *dst, size_t size, long double v, int decimals)
{
	buf_reset(&l->num);
	numfmt_ld(&l->num, v, decimals);
	put_num(l, dst, size);
}

static void put_micro(struct row_list *l, char *dst, size_t size, wide_t v, int decimals)
{
	buf_reset(&l->num);
	numfmt_micro(&l->num, v, decimals);
	put_num(l, dst, size);
}

static void put_group(struct row_list *l, struct score_row *r, const struct score_group *g)
{
	if (g->available)
		put_ld(l, r->score, sizeof r->score, g->score, 2);
	put_ld(l, r->coverage, sizeof r->coverage, score_coverage(g), 4);
}

static struct score_row *new_row(struct row_list *l, enum subject_kind kind,
				 const char *id, enum org_kind org, const char *criterion,
				 enum score_row_level level)
{
	ALLOC_GROW(l->rows, l->n + 1, l->alloc);
	struct score_row *r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->subject_id = id;
	r->org = org;
	r->criterion = criterion;
	r->level = level;
	return r;
}

static void contract_rows(const struct scores *s, const struct score_set *set,
			  struct row_list *l)
{
	const struct model_org *mo = &s->model->orgs[set->org];
	const char *id = score_set_id(s, set);
	size_t x = 0;

	for (size_t ci = 0; ci < mo->n_categories; ci++) {
		const struct model_category *cat = &mo->categories[ci];
		struct score_row *r = new_row(l, SUBJECT_CONTRACT, id, set->org, cat->id,
					      ROW_CATEGORY);
		r->set = set;
		r->group = &set->categories[ci];
		r->category = ci;
		put_group(l, r, &set->categories[ci]);
		put_ld(l, r->weight, sizeof r->weight, cat->weight, 2);
		for (size_t i = 0; i < cat->n_criteria; i++) {
			const struct score_criterion *sc = &set->criteria[x++];
			r = new_row(l, SUBJECT_CONTRACT, id, set->org, sc->model->id, ROW_CRITERION);
			r->set = set;
			r->crit = sc;
			if (sc->value_available && sc->def->format != VALUE_NONE)
				put_ld(l, r->value, sizeof r->value, sc->value,
				       value_format_decimals(sc->def->format));
			if (sc->available)
				put_ld(l, r->score, sizeof r->score, sc->score, 2);
			put_ld(l, r->weight, sizeof r->weight, sc->model->weight, 2);
			put_ld(l, r->coverage, sizeof r->coverage, sc->available ? 1 : 0, 4);
		}
	}
	struct score_row *t = new_row(l, SUBJECT_CONTRACT, id, set->org, "total", ROW_TOTAL);
	t->set = set;
	t->group = &set->total;
	put_group(l, t, &set->total);
	put_micro(l, t->weight, sizeof t->weight, set->weight, 2);
}

static void aggregate_rows(const struct scores *s, const struct score_aggregate *ag,
			   struct row_list *l)
{
	const struct model_org *mo = &s->model->orgs[ag->org];
	for (size_t ci = 0; ci < mo->n_categories; ci++) {
		struct score_row *r = new_row(l, ag->kind, ag->id, ag->org,
					      mo->categories[ci].id, ROW_CATEGORY);
		r->aggregate = ag;
		r->group = &ag->categories[ci];
		r->category = ci;
		put_group(l, r, &ag->categories[ci]);
		put_ld(l, r->weight, sizeof r->weight, mo->categories[ci].weight, 2);
	}
	struct score_row *t = new_row(l, ag->kind, ag->id, ag->org, "total", ROW_TOTAL);
	t->aggregate = ag;
	t->group = &ag->total;
	put_group(l, t, &ag->total);
	put_micro(l, t->weight, sizeof t->weight, ag->total_weight, 2);
}

static int cmp_rows(const void *a, const void *b)
{
	const struct score_row *x = a, *y = b;
	int c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->subject_id, y->subject_id)))
		return c;
	if ((c = strcmp(score_org_id(x->org), score_org_id(y->org))))
		return c;
	return strcmp(x->criterion, y->criterion);
}

void score_rows_build(const struct scores *s, struct score_row **rows, size_t *n)
{
	struct row_list l = { .num = BUF_INIT };
	for (size_t i = 0; i < s->n_sets; i++)
		contract_rows(s, &s->sets[i], &l);
	for (size_t i = 0; i < s->n_aggregates; i++)
		aggregate_rows(s, &s->aggregates[i], &l);
	buf_release(&l.num);
	xqsort(l.rows, l.n, sizeof *l.rows, cmp_rows);
	if (s->only_kind && s->only_id) {
		size_t kept = 0;
		for (size_t i = 0; i < l.n; i++)
			if (!strcmp(score_subject_kind_id(l.rows[i].kind), s->only_kind) &&
			    !strcmp(l.rows[i].subject_id, s->only_id))
				l.rows[kept++] = l.rows[i];
		l.n = kept;
	}
	*rows = l.rows;
	*n = l.n;
}
