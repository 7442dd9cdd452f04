/* SPDX-License-Identifier: MIT */
/* score_run(): choosing the subjects of a year, scoring each contract for
 * each organization, and rolling categories and totals up to people, org
 * units and the company (SPEC §5 "Roll-up and grades", "Precise readings").
 * The struct scores returned is released with scores_free(). */
#include "engine/score_impl.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- indexes over the dataset ------------------------------------------ */

/* Groups the n records at base (each `stride` bytes, with an int key at
 * key_off) by key; keys outside 0..n_keys−1 (NO_INDEX) are left out. */
static void bucket_build(struct bucket *b, const void *base, size_t n, size_t stride,
			 size_t key_off, size_t n_keys)
{
	size_t *cursor;
	b->start = xcalloc(n_keys + 1, sizeof *b->start);
	b->items = xcalloc(n, sizeof *b->items);
	for (size_t i = 0; i < n; i++) {
		int key;
		memcpy(&key, (const char *)base + i * stride + key_off, sizeof key);
		if (key >= 0 && (size_t)key < n_keys)
			b->start[key + 1]++;
	}
	for (size_t k = 0; k < n_keys; k++)
		b->start[k + 1] += b->start[k];
	assert(b->start[n_keys] <= n);   /* else a record would be counted twice */
	cursor = xcalloc(n_keys + 1, sizeof *cursor);
	memcpy(cursor, b->start, (n_keys + 1) * sizeof *cursor);
	for (size_t i = 0; i < n; i++) {
		int key;
		memcpy(&key, (const char *)base + i * stride + key_off, sizeof key);
		if (key >= 0 && (size_t)key < n_keys)
			b->items[cursor[key]++] = (int)i;
	}
	xfree(cursor);
}

#define BUCKET(b, arr, n, type, field, n_keys) \
	bucket_build((b), (arr), (n), sizeof(type), offsetof(type, field), (n_keys))

static void bucket_free(struct bucket *b)
{
	xfree(b->start);
	xfree(b->items);
}

static void ctx_init(struct score_ctx *ctx, const struct model *model,
		     const struct dataset *ds, int year)
{
	size_t nc = ds->n_contracts;
	memset(ctx, 0, sizeof *ctx);
	ctx->model = model;
	ctx->ds = ds;
	ctx->year = year;
	ctx->first_day = model_year_first_day(model, year);
	ctx->last_day = model_year_last_day(model, year);
	ctx->last_month = date_month(ctx->last_day);
	model_numbers_init(&ctx->numbers, model);
	BUCKET(&ctx->metrics, ds->sla_metrics, ds->n_sla_metrics, struct sla_metric, contract, nc);
	BUCKET(&ctx->metric_months, ds->metric_months, ds->n_metric_months,
	       struct metric_month, sla_metric, ds->n_sla_metrics);
	BUCKET(&ctx->readiness, ds->readiness, ds->n_readiness, struct readiness_item, contract, nc);
	BUCKET(&ctx->manual_ratings, ds->manual_ratings, ds->n_manual_ratings,
	       struct manual_rating, contract, nc);
	BUCKET(&ctx->handover, ds->handover, ds->n_handover, struct handover_item, contract, nc);
	BUCKET(&ctx->scope_changes, ds->scope_changes, ds->n_scope_changes,
	       struct scope_change, contract, nc);
	BUCKET(&ctx->financials, ds->financials, ds->n_financials, struct financial, contract, nc);
	BUCKET(&ctx->expansions, ds->expansions, ds->n_expansions, struct expansion, contract, nc);
	BUCKET(&ctx->renewals, ds->renewals, ds->n_renewals, struct renewal, contract, nc);
	BUCKET(&ctx->innovations, ds->innovations, ds->n_innovations, struct innovation, contract, nc);
	BUCKET(&ctx->children, ds->contracts, nc, struct contract, parent_contract, nc);
	BUCKET(&ctx->by_client, ds->contracts, nc, struct contract, client, ds->n_clients);
	BUCKET(&ctx->proposals, ds->proposals, ds->n_proposals, struct proposal,
	       credited_contract, nc);
	BUCKET(&ctx->references, ds->references, ds->n_references, struct reference,
	       credited_contract, nc);
	BUCKET(&ctx->relationship, ds->relationship_ratings, ds->n_relationship_ratings,
	       struct relationship_rating, client, ds->n_clients);
}

static void ctx_release(struct score_ctx *ctx)
{
	struct bucket *all[] = {
		&ctx->metrics, &ctx->metric_months, &ctx->readiness, &ctx->manual_ratings,
		&ctx->handover, &ctx->scope_changes, &ctx->financials, &ctx->expansions,
		&ctx->renewals, &ctx->innovations, &ctx->children, &ctx->by_client,
		&ctx->proposals, &ctx->references, &ctx->relationship,
	};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		bucket_free(all[i]);
	model_numbers_release(&ctx->numbers);
}

/* ---- helpers shared with sales.c and operations.c ---------------------- */

void score_evidence(struct score_criterion *out, enum evidence_kind kind, int index,
		    enum evidence_status status, const char *reason, int measure,
		    long double amount)
{
	ALLOC_GROW(out->rows, out->n_rows + 1, out->rows_alloc);
	struct evidence_row *r = &out->rows[out->n_rows++];
	r->kind = kind;
	r->index = index;
	r->status = status;
	r->reason = reason;
	r->measure = measure;
	r->amount = amount;
}

/* A whole number a 128-bit integer holds exactly (|x| < 2^100, far more
 * than any count or sum of micro-units). */
static int is_integral(long double x)
{
	return x > -1e30L && x < 1e30L && x == truncl(x);
}

void score_measure_set(struct score_criterion *out, int i, long double num, long double den)
{
	/* Every caller checks its denominator first (an empty year is "no
	 * data", not a score); a zero here would score inf or NaN silently. */
	assert(i >= 0 && i < CRITERION_MAX_MEASURES);
	assert(den > 0);
	struct score_measure *m = &out->measures[i];
	m->available = 1;
	m->num = num;
	m->den = den;
	m->value = num / den;
	m->exact_num = m->exact_den = 0;
	if (is_integral(num) && is_integral(den) && den > 0) {
		m->exact_num = (wide_t)num;
		m->exact_den = (wide_t)den;
	}
}

void score_measure_exact(struct score_criterion *out, int i, wide_t num, wide_t den)
{
	assert(i >= 0 && i < CRITERION_MAX_MEASURES && out->measures[i].available);
	out->measures[i].exact_num = den > 0 ? num : 0;
	out->measures[i].exact_den = den > 0 ? den : 0;
}

void score_measure_money(struct score_criterion *out, int i, long double num_micro,
			 long double den_micro)
{
	score_measure_set(out, i, num_micro / MICRO_ONE, den_micro / MICRO_ONE);
	out->measures[i].value = num_micro / den_micro;
	out->measures[i].exact_num = out->measures[i].exact_den = 0;
	if (is_integral(num_micro) && is_integral(den_micro) && den_micro > 0)
		score_measure_exact(out, i, (wide_t)num_micro, (wide_t)den_micro);
}

int score_day_window(const struct contract *c, day_t last_day, day_t *from, day_t *until)
{
	if (c->go_live_on == DAY_NONE)
		return 0;
	*from = c->go_live_on;
	*until = c->end_on == DAY_NONE ? INT32_MAX : c->end_on;
	if (last_day != DAY_NONE && last_day < *until)
		*until = last_day;
	return 1;
}

int score_in_year(const struct score_ctx *ctx, day_t d)
{
	return d != DAY_NONE && d >= ctx->first_day && d <= ctx->last_day;
}

/* ---- one contract for one organization --------------------------------- */

/* Scores the measures the model uses; the criterion is their mean. */
static void finish_criterion(struct score_criterion *sc, const struct scoring *scorings)
{
	const struct model_criterion *cr = sc->model;
	long double sum = 0;
	int n = 0;
	for (size_t i = 0; i < cr->n_measures; i++) {
		const struct model_measure *mm = &cr->measures[i];
		assert(mm->def_index >= 0 && (size_t)mm->def_index < sc->def->n_measures);
		struct score_measure *m = &sc->measures[mm->def_index];
		m->model = mm;
		if (!m->available)
			continue;
		m->score = model_apply_scoring_exact(&scorings[i], m->value, m->exact_num,
						     m->exact_den);
		sum += m->score;
		n++;
	}
	sc->available = n > 0;
	sc->score = n ? sum / n : 0;
	if (sc->def->n_measures == 1 && sc->measures[0].available) {
		sc->value_available = 1;
		sc->value = sc->measures[0].value;
	}
	if (!sc->available && !sc->na_reason)
		sc->na_reason = "no_data";
	if (sc->available)
		sc->na_reason = NULL;
}

static void score_contract(const struct score_ctx *ctx, int c, enum org_kind org,
			   struct score_set *set)
{
	const struct model_org *mo = &ctx->model->orgs[org];
	const struct contract *k = &ctx->ds->contracts[c];
	long double total_num = 0, total_den = 0;
	size_t x = 0;

	set->contract = c;
	set->org = org;
	set->n_criteria = mo->n_criteria;
	set->criteria = xcalloc(mo->n_criteria, sizeof *set->criteria);
	set->n_categories = mo->n_categories;
	set->categories = xcalloc(mo->n_categories, sizeof *set->categories);
	for (size_t ci = 0; ci < mo->n_categories; ci++) {
		const struct model_category *cat = &mo->categories[ci];
		struct score_group *g = &set->categories[ci];
		long double num = 0, den = 0;
		g->n_criteria = (long)cat->n_criteria;
		for (size_t i = 0; i < cat->n_criteria; i++) {
			struct score_criterion *sc = &set->criteria[x++];
			sc->model = &cat->criteria[i];
			sc->def = sc->model->def;
			if (org == ORG_SALES)
				score_sales_criterion(ctx, c, sc);
			else
				score_operations_criterion(ctx, c, sc);
			finish_criterion(sc, &ctx->numbers.scoring[org][(x - 1) * CRITERION_MAX_MEASURES]);
			if (!sc->available)
				continue;
			num += ctx->numbers.criterion_weight[org][x - 1] * sc->score;
			den += ctx->numbers.criterion_weight[org][x - 1];
			g->n_available++;
		}
		g->available = den > 0;
		g->score = g->available ? num / den : 0;
		set->total.n_available += g->n_available;
		set->total.n_criteria += g->n_criteria;
		if (g->available) {
			total_num += ctx->numbers.category_weight[org][ci] * g->score;
			total_den += ctx->numbers.category_weight[org][ci];
		}
	}
	/* The categories hold every criterion of the organization once. */
	assert(x == mo->n_criteria);
	set->total.available = total_den > 0;
	set->total.score = set->total.available ? total_num / total_den : 0;
	if (ctx->model->rollup_weighting == ROLLUP_EQUAL)
		set->weight = MICRO_ONE;
	else
		set->weight = k->annual_value == MICRO_NONE || k->annual_value < 0 ? 0 : k->annual_value;
}

/* ---- subjects ---------------------------------------------------------- */

static int is_sales_subject(const struct score_ctx *ctx, const struct contract *k)
{
	day_t from = model_year_first_day(ctx->model, ctx->year -
					  ctx->model->sales_window_years + 1);
	return k->go_live_on != DAY_NONE && k->go_live_on >= from &&
	       k->go_live_on <= ctx->last_day && k->renews_contract == NO_INDEX;
}

/* Operations subjects: live at any time in the year (SPEC §5, "Subjects
 * and time"), and old enough to judge ("Maturity"). */
enum ops_subject { OPS_NOT_SUBJECT, OPS_SUBJECT, OPS_TOO_EARLY };

static enum ops_subject operations_subject(const struct score_ctx *ctx,
					   const struct contract *k, int *months)
{
	if (k->go_live_on == DAY_NONE || k->go_live_on > ctx->last_day ||
	    (k->end_on != DAY_NONE && k->end_on < ctx->first_day))
		return OPS_NOT_SUBJECT;
	*months = date_month(ctx->last_day) - date_month(k->go_live_on) + 1;
	return *months < ctx->model->operations_min_months ? OPS_TOO_EARLY : OPS_SUBJECT;
}

struct id_index {
	const char *id;
	int index;
};

static int cmp_id_index(const void *a, const void *b)
{
	return strcmp(((const struct id_index *)a)->id, ((const struct id_index *)b)->id);
}

/* ---- roll-up ----------------------------------------------------------- */

static void aggregate_compute(struct scores *s, struct score_aggregate *ag)
{
	const struct model_org *mo = &s->model->orgs[ag->org];
	long double tot_num = 0, tot_den = 0;

	ag->n_categories = mo->n_categories;
	ag->categories = xcalloc(mo->n_categories, sizeof *ag->categories);
	for (size_t ci = 0; ci < mo->n_categories; ci++) {
		struct score_group *g = &ag->categories[ci];
		long double num = 0, den = 0;
		for (size_t i = 0; i < ag->n_subjects; i++) {
			const struct score_set *set = &s->sets[ag->subjects[i]];
			const struct score_group *sg = &set->categories[ci];
			g->n_available += sg->n_available;
			g->n_criteria += sg->n_criteria;
			if (!sg->available || set->weight == 0)
				continue;
			num += (long double)set->weight * sg->score;
			den += (long double)set->weight;
		}
		g->available = den > 0;
		g->score = g->available ? num / den : 0;
	}
	for (size_t i = 0; i < ag->n_subjects; i++) {
		const struct score_set *set = &s->sets[ag->subjects[i]];
		ag->total.n_available += set->total.n_available;
		ag->total.n_criteria += set->total.n_criteria;
		if (!set->total.available)
			continue;
		ag->total_weight += set->weight;
		tot_num += (long double)set->weight * set->total.score;
		tot_den += (long double)set->weight;
	}
	ag->total.available = tot_den > 0;
	ag->total.score = ag->total.available ? tot_num / tot_den : 0;
}

struct agg_builder {
	size_t *subjects;
	size_t n, alloc;
	int wanted;
};

static void agg_add(struct agg_builder *b, size_t set_index)
{
	ALLOC_GROW(b->subjects, b->n + 1, b->alloc);
	b->subjects[b->n++] = set_index;
	b->wanted = 1;
}

static void agg_emit(struct scores *s, struct agg_builder *b, size_t *alloc,
		     enum subject_kind kind, int index, const char *id, enum org_kind org)
{
	if (!b->wanted) {
		xfree(b->subjects);
		return;
	}
	ALLOC_GROW(s->aggregates, s->n_aggregates + 1, *alloc);
	struct score_aggregate *ag = &s->aggregates[s->n_aggregates++];
	memset(ag, 0, sizeof *ag);
	ag->kind = kind;
	ag->index = index;
	ag->id = id;
	ag->org = org;
	ag->subjects = b->subjects;
	ag->n_subjects = b->n;
	aggregate_compute(s, ag);
}

static int cmp_aggregates(const void *a, const void *b)
{
	const struct score_aggregate *x = a, *y = b;
	int c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->id, y->id)))
		return c;
	return strcmp(score_org_id(x->org), score_org_id(y->org));
}

static void roll_up(struct scores *s)
{
	const struct dataset *ds = s->ds;
	size_t np = ds->n_people, nu = ds->n_units, alloc = 0;
	struct agg_builder *people = xcalloc(2 * np, sizeof *people);
	struct agg_builder *units = xcalloc(2 * nu, sizeof *units);
	struct agg_builder company[2] = { { 0 }, { 0 } };

	/* Rows by kind: a person for the kind of their unit, a unit for its own
	 * kind and every kind below it. */
	for (size_t p = 0; p < np; p++) {
		int u = ds->people[p].org_unit;
		if (u >= 0 && (size_t)u < nu && ds->units[u].kind != ORG_EXECUTIVE)
			people[2 * p + ds->units[u].kind].wanted = 1;
	}
	for (size_t v = 0; v < nu; v++) {
		enum org_kind k = ds->units[v].kind;
		if (k == ORG_EXECUTIVE)
			continue;
		for (int u = (int)v, steps = 0; u >= 0 && (size_t)u < nu && steps <= (int)nu;
		     u = ds->units[u].parent, steps++)
			units[2 * u + k].wanted = 1;
	}
	company[0].wanted = company[1].wanted = 1;

	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		const struct contract *k = &ds->contracts[set->contract];
		int p = set->org == ORG_SALES ? k->sales_owner : k->ops_owner;
		agg_add(&company[set->org], i);
		if (p < 0 || (size_t)p >= np)
			continue;
		agg_add(&people[2 * p + set->org], i);
		for (int u = ds->people[p].org_unit, steps = 0; u >= 0 && (size_t)u < nu &&
		     steps <= (int)nu; u = ds->units[u].parent, steps++)
			agg_add(&units[2 * u + set->org], i);
	}

	for (size_t p = 0; p < np; p++)
		for (int org = 0; org < 2; org++)
			agg_emit(s, &people[2 * p + org], &alloc, SUBJECT_PERSON, (int)p,
				 ds->people[p].id, (enum org_kind)org);
	for (size_t u = 0; u < nu; u++)
		for (int org = 0; org < 2; org++)
			agg_emit(s, &units[2 * u + org], &alloc, SUBJECT_ORG_UNIT, (int)u,
				 ds->units[u].id, (enum org_kind)org);
	for (int org = 0; org < 2; org++)
		agg_emit(s, &company[org], &alloc, SUBJECT_COMPANY, -1, "company",
			 (enum org_kind)org);
	xfree(people);
	xfree(units);
	xqsort(s->aggregates, s->n_aggregates, sizeof *s->aggregates, cmp_aggregates);
}

/* ---- the entry points -------------------------------------------------- */

int score_run(const struct model *model, const struct dataset *ds, int year,
	      struct scores **out, struct buf *err)
{
	struct score_ctx ctx;
	struct scores *s;
	struct id_index *order = NULL;
	size_t alloc = 0, too_early_alloc = 0;

	*out = NULL;
	if (year < YEAR_FIRST || year > YEAR_LAST) {
		buf_addf(err, "year %d out of range\n", year);
		return -1;
	}
	if (ds->year && ds->year < year) {
		buf_addf(err, "data loaded for %d cannot score %d\n", ds->year, year);
		return -1;
	}
	ctx_init(&ctx, model, ds, year);
	s = xcalloc(1, sizeof *s);
	s->model = model;
	s->ds = ds;
	s->year = year;
	s->first_day = ctx.first_day;
	s->last_day = ctx.last_day;

	order = xcalloc(ds->n_contracts, sizeof *order);
	for (size_t i = 0; i < ds->n_contracts; i++) {
		order[i].id = ds->contracts[i].id;
		order[i].index = (int)i;
	}
	xqsort(order, ds->n_contracts, sizeof *order, cmp_id_index);
	for (size_t i = 0; i < ds->n_contracts; i++) {
		const struct contract *k = &ds->contracts[order[i].index];
		/* "operations" sorts before "sales". */
		int months;
		switch (operations_subject(&ctx, k, &months)) {
		case OPS_SUBJECT:
			ALLOC_GROW(s->sets, s->n_sets + 1, alloc);
			memset(&s->sets[s->n_sets], 0, sizeof *s->sets);
			score_contract(&ctx, order[i].index, ORG_OPERATIONS, &s->sets[s->n_sets++]);
			break;
		case OPS_TOO_EARLY:
			ALLOC_GROW(s->too_early, s->n_too_early + 1, too_early_alloc);
			s->too_early[s->n_too_early].contract = order[i].index;
			s->too_early[s->n_too_early++].months = months;
			break;
		case OPS_NOT_SUBJECT:
			break;
		}
		if (is_sales_subject(&ctx, k)) {
			ALLOC_GROW(s->sets, s->n_sets + 1, alloc);
			memset(&s->sets[s->n_sets], 0, sizeof *s->sets);
			score_contract(&ctx, order[i].index, ORG_SALES, &s->sets[s->n_sets++]);
		}
	}
	roll_up(s);
	xfree(order);
	ctx_release(&ctx);
	*out = s;
	return 0;
}

static void month_table_free(struct month_table *t)
{
	xfree(t->metrics);
	xfree(t->cells);
	xfree(t->compliant);
}

void scores_free(struct scores *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_sets; i++) {
		struct score_set *set = &s->sets[i];
		for (size_t k = 0; k < set->n_criteria; k++) {
			xfree(set->criteria[k].rows);
			month_table_free(&set->criteria[k].months);
		}
		xfree(set->criteria);
		xfree(set->categories);
	}
	xfree(s->sets);
	for (size_t i = 0; i < s->n_aggregates; i++) {
		xfree(s->aggregates[i].categories);
		xfree(s->aggregates[i].subjects);
	}
	xfree(s->aggregates);
	xfree(s->too_early);
	xfree(s);
}

void score_grade_counts(const struct scores *s, enum org_kind org, enum subject_kind kind,
			size_t *counts)
{
	const struct model *m = s->model;
	memset(counts, 0, (m->n_grades + 1) * sizeof *counts);
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->org != org || ag->kind != kind)
			continue;
		if (!ag->total.available) {
			counts[m->n_grades]++;
			continue;
		}
		const char *grade = model_grade(m, numfmt_round(ag->total.score, 2));
		for (size_t g = 0; g < m->n_grades; g++)
			if (m->grades[g].grade == grade) {
				counts[g]++;
				break;
			}
	}
}

const char *score_org_id(enum org_kind org)
{
	return org == ORG_SALES ? "sales" : org == ORG_OPERATIONS ? "operations" : "executive";
}

const char *score_subject_kind_id(enum subject_kind kind)
{
	static const char *const ids[] = { "contract", "person", "org_unit", "company" };
	return ids[kind];
}

const char *score_set_id(const struct scores *s, const struct score_set *set)
{
	return s->ds->contracts[set->contract].id;
}

long double score_coverage(const struct score_group *g)
{
	return g->n_criteria ? (long double)g->n_available / (long double)g->n_criteria : 0;
}

const struct score_set *score_find_set(const struct scores *s, const char *contract_id,
				       enum org_kind org)
{
	for (size_t i = 0; i < s->n_sets; i++)
		if (s->sets[i].org == org && !strcmp(score_set_id(s, &s->sets[i]), contract_id))
			return &s->sets[i];
	return NULL;
}

const struct score_aggregate *score_find_aggregate(const struct scores *s,
						   enum subject_kind kind,
						   const char *id, enum org_kind org)
{
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->kind == kind && ag->org == org && !strcmp(ag->id, id))
			return ag;
	}
	return NULL;
}
