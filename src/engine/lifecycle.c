/* SPDX-License-Identifier: MIT */
/* The lifecycle computations of lifecycle.h: promises, alerts, the growth
 * cycle, referrals and the track record. Pure functions over a dataset; the
 * arrays they return are the caller's (see each *_release). */
#include "engine/lifecycle.h"

#include "engine/credits.h"

#include <stdlib.h>
#include <string.h>

/* ---- indexes ----------------------------------------------------------- */

/* Items grouped by an int key in [0, n_groups): group g holds
 * items[start[g] .. start[g+1]), in item order. */
struct group_index {
	size_t *start;
	int *items;
};

static void group_build(struct group_index *gi, size_t n_groups, size_t n_items,
			const int *keys)
{
	size_t *fill = xcalloc(n_groups + 1, sizeof *fill);
	gi->start = xcalloc(n_groups + 1, sizeof *gi->start);
	gi->items = xcalloc(n_items ? n_items : 1, sizeof *gi->items);
	for (size_t i = 0; i < n_items; i++)
		if (keys[i] >= 0 && (size_t)keys[i] < n_groups)
			gi->start[keys[i] + 1]++;
	for (size_t g = 0; g < n_groups; g++)
		gi->start[g + 1] += gi->start[g];
	for (size_t i = 0; i < n_items; i++)
		if (keys[i] >= 0 && (size_t)keys[i] < n_groups)
			gi->items[gi->start[keys[i]] + fill[keys[i]]++] = (int)i;
	xfree(fill);
}

static void group_release(struct group_index *gi)
{
	xfree(gi->start);
	xfree(gi->items);
}

/* SLA metrics by contract and metric-months by metric. */
struct lc_ctx {
	const struct dataset *ds;
	struct group_index metrics, months;
};

static void ctx_init(struct lc_ctx *ctx, const struct dataset *ds)
{
	int *keys = xcalloc(ds->n_sla_metrics + ds->n_metric_months + 1, sizeof *keys);
	ctx->ds = ds;
	for (size_t i = 0; i < ds->n_sla_metrics; i++)
		keys[i] = ds->sla_metrics[i].contract;
	group_build(&ctx->metrics, ds->n_contracts, ds->n_sla_metrics, keys);
	for (size_t i = 0; i < ds->n_metric_months; i++)
		keys[i] = ds->metric_months[i].sla_metric;
	group_build(&ctx->months, ds->n_sla_metrics, ds->n_metric_months, keys);
	xfree(keys);
}

static void ctx_release(struct lc_ctx *ctx)
{
	group_release(&ctx->metrics);
	group_release(&ctx->months);
}

static size_t n_metrics_of(const struct lc_ctx *ctx, int c)
{
	return ctx->metrics.start[c + 1] - ctx->metrics.start[c];
}

/* Index-by-id sorting, so results come out in id order whatever the order
 * of the arrays. */
struct id_key {
	const char *id;
	int index;
};

static int id_key_cmp(const void *a, const void *b)
{
	const struct id_key *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* A new array of n indexes ordered by the ids given; the caller frees it. */
static int *order_by_id(const char *const *ids, size_t n)
{
	struct id_key *keys = xcalloc(n ? n : 1, sizeof *keys);
	int *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct id_key){ ids[i], (int)i };
	xqsort(keys, n, sizeof *keys, id_key_cmp);
	for (size_t i = 0; i < n; i++)
		order[i] = keys[i].index;
	xfree(keys);
	return order;
}

static int *contract_order(const struct dataset *ds)
{
	const char **ids = xcalloc(ds->n_contracts + 1, sizeof *ids);
	for (size_t i = 0; i < ds->n_contracts; i++)
		ids[i] = ds->contracts[i].id;
	int *order = order_by_id(ids, ds->n_contracts);
	xfree(ids);
	return order;
}

/* ---- SLA months -------------------------------------------------------- */

/* The same exact comparison as the engine's month tables (sales.c): the
 * monthly value Σnum/Σden meets target when Σnum·10^6 ≥ target·Σden
 * (higher is better) or ≤ (lower). The score's month tables exist only for
 * the sales subjects of one year; alerts and the cycle need every contract
 * at any date, hence this small twin (a unit test checks they agree). */
static int month_met(enum direction dir, micro_t num, micro_t den, micro_t target)
{
	__int128 lhs = (__int128)num * MICRO_ONE;
	__int128 rhs = (__int128)target * den;
	return dir == DIR_HIGHER ? lhs >= rhs : lhs <= rhs;
}

struct cell {
	micro_t num, den;
	int rows;
};

/* Σ over metric-months of contract c's metric slot m (0-based within the
 * contract) in month index idx: *out, or rows 0 when none. */
static void metric_cell(const struct lc_ctx *ctx, int c, size_t m, int idx, struct cell *out)
{
	const struct dataset *ds = ctx->ds;
	int mi = ctx->metrics.items[ctx->metrics.start[c] + m];
	month_t month = date_month(ds->contracts[c].go_live_on) + idx - 1;
	memset(out, 0, sizeof *out);
	for (size_t x = ctx->months.start[mi]; x < ctx->months.start[mi + 1]; x++) {
		const struct metric_month *mm = &ds->metric_months[ctx->months.items[x]];
		if (mm->month != month)
			continue;
		out->num += mm->sum_numerator;
		out->den += mm->sum_denominator;
		out->rows += mm->rows;
	}
}

static int cell_has_data(const struct cell *cl)
{
	return cl->rows > 0 && cl->den > 0;
}

static int cell_met(const struct dataset *ds, int mi, const struct cell *cl)
{
	const struct sla_metric *sm = &ds->sla_metrics[mi];
	return cell_has_data(cl) && month_met(sm->direction, cl->num, cl->den, sm->target);
}

static int ctx_stabilized_at(const struct lc_ctx *ctx, int c, int run_months, int last_index,
			     int *compliant)
{
	size_t n = n_metrics_of(ctx, c);
	int run = 0, found = 0, count = 0;
	if (ctx->ds->contracts[c].go_live_on == DAY_NONE)
		n = 0;
	for (int idx = 1; n && idx <= last_index; idx++) {
		int ok = 1;
		for (size_t m = 0; m < n && ok; m++) {
			struct cell cl;
			metric_cell(ctx, c, m, idx, &cl);
			ok = cell_met(ctx->ds, ctx->metrics.items[ctx->metrics.start[c] + m], &cl);
		}
		count += ok;
		run = ok ? run + 1 : 0;
		if (run == run_months && !found)
			found = idx - run_months + 1;
	}
	if (compliant)
		*compliant = count;
	return found;
}

int lifecycle_stabilized_at(const struct dataset *ds, int c, int run_months, int last_index,
			    int *compliant)
{
	struct lc_ctx ctx;
	ctx_init(&ctx, ds);
	int s = ctx_stabilized_at(&ctx, c, run_months, last_index, compliant);
	ctx_release(&ctx);
	return s;
}

static int planned_months(const struct contract *k)
{
	int32_t p = k->planned_stabilization_months;
	return p == INT_NONE || p < 1 ? 0 : (int)p;
}

static int month_index(const struct contract *k, day_t d)
{
	return date_month(d) - date_month(k->go_live_on) + 1;
}

/* ---- proposals and their contracts ------------------------------------ */

static int proposal_before(const struct proposal *a, const struct proposal *b)
{
	if (a->proposed_on != b->proposed_on)
		return a->proposed_on < b->proposed_on;
	return strcmp(a->id, b->id) < 0;
}

void lifecycle_match_contracts(const struct dataset *ds, int *out)
{
	size_t n = ds->n_proposals;
	int *order = xcalloc(n + 1, sizeof *order);
	unsigned char *taken = xcalloc(ds->n_contracts + 1, 1);
	size_t n_won = 0;

	for (size_t i = 0; i < n; i++) {
		out[i] = NO_INDEX;
		if (ds->proposals[i].status != PROP_WON)
			continue;
		/* insertion into (proposed_on, id) order */
		size_t j = n_won++;
		while (j > 0 && proposal_before(&ds->proposals[i], &ds->proposals[order[j - 1]])) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = (int)i;
	}
	for (size_t w = 0; w < n_won; w++) {
		const struct proposal *p = &ds->proposals[order[w]];
		int best = NO_INDEX;
		for (size_t c = 0; c < ds->n_contracts; c++) {
			const struct contract *k = &ds->contracts[c];
			if (taken[c] || k->client != p->client || k->renews_contract != NO_INDEX)
				continue;
			if (p->service_line && *p->service_line &&
			    strcmp(p->service_line, k->service_line ? k->service_line : ""))
				continue;
			if (p->proposed_on != DAY_NONE &&
			    (k->signed_on == DAY_NONE || k->signed_on < p->proposed_on))
				continue;
			if (best == NO_INDEX || k->signed_on < ds->contracts[best].signed_on ||
			    (k->signed_on == ds->contracts[best].signed_on &&
			     strcmp(k->id, ds->contracts[best].id) < 0))
				best = (int)c;
		}
		if (best != NO_INDEX) {
			taken[best] = 1;
			out[order[w]] = best;
		}
	}
	xfree(order);
	xfree(taken);
}

/* ---- promise vs delivery ---------------------------------------------- */

static const struct score_criterion *find_s2_1(const struct scores *s, const char *contract_id)
{
	const struct score_set *set = score_find_set(s, contract_id, ORG_SALES);
	if (!set)
		return NULL;
	for (size_t i = 0; i < set->n_criteria; i++)
		if (set->criteria[i].def->code == CRIT_S2_1)
			return set->criteria[i].measures[0].available ? &set->criteria[i] : NULL;
	return NULL;
}

/* The latest review of proposal p that carries a prediction, or NO_INDEX. */
static int latest_prediction(const struct dataset *ds, int p)
{
	int best = NO_INDEX;
	for (size_t i = 0; i < ds->n_feasibility_reviews; i++) {
		const struct feasibility_review *r = &ds->feasibility_reviews[i];
		if (r->proposal != p || r->predicted_attainment == MICRO_NONE)
			continue;
		if (best == NO_INDEX || r->reviewed_on > ds->feasibility_reviews[best].reviewed_on)
			best = (int)i;
	}
	return best;
}

/* Calibration per person over rows with a prediction; who(row) names the
 * person (NO_INDEX: not counted). Returns a new array by person id. */
static struct lc_calibration *calibrate(const struct dataset *ds, const struct lc_promises *p,
					int (*who)(const struct dataset *, const struct lc_promise *),
					size_t *n_out)
{
	struct lc_calibration *cal = xcalloc(ds->n_people + 1, sizeof *cal);
	long double *sum = xcalloc(ds->n_people + 1, sizeof *sum);
	long double *abs_sum = xcalloc(ds->n_people + 1, sizeof *abs_sum);
	long *n = xcalloc(ds->n_people + 1, sizeof *n);
	const char **ids = xcalloc(ds->n_people + 1, sizeof *ids);
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++) {
		int person = who(ds, &p->rows[i]);
		if (!p->rows[i].has_predicted || person == NO_INDEX)
			continue;
		n[person]++;
		sum[person] += p->rows[i].gap;
		abs_sum[person] += p->rows[i].gap < 0 ? -p->rows[i].gap : p->rows[i].gap;
	}
	for (size_t i = 0; i < ds->n_people; i++)
		ids[i] = ds->people[i].id;
	int *order = order_by_id(ids, ds->n_people);
	for (size_t i = 0; i < ds->n_people; i++) {
		int person = order[i];
		if (!n[person])
			continue;
		cal[k++] = (struct lc_calibration){ person, n[person], sum[person] / n[person],
						    abs_sum[person] / n[person] };
	}
	xfree(order);
	xfree(ids);
	xfree(n);
	xfree(sum);
	xfree(abs_sum);
	*n_out = k;
	return cal;
}

static int row_reviewer(const struct dataset *ds, const struct lc_promise *r)
{
	return r->review == NO_INDEX ? NO_INDEX : ds->feasibility_reviews[r->review].reviewer;
}

static int row_sales_owner(const struct dataset *ds, const struct lc_promise *r)
{
	return ds->contracts[r->contract].sales_owner;
}

void lifecycle_promises(const struct scores *s, const struct lc_override *overrides,
			size_t n_overrides, struct lc_promises *out)
{
	const struct dataset *ds = s->ds;
	int *match = xcalloc(ds->n_proposals + 1, sizeof *match);
	const char **ids = xcalloc(ds->n_proposals + 1, sizeof *ids);
	long double sum = 0, abs_sum = 0;

	memset(out, 0, sizeof *out);
	out->year = s->year;
	out->overall.person = NO_INDEX;
	out->rows = xcalloc(ds->n_proposals + 1, sizeof *out->rows);
	lifecycle_match_contracts(ds, match);
	for (size_t i = 0; i < ds->n_proposals; i++)
		ids[i] = ds->proposals[i].id;
	int *order = order_by_id(ids, ds->n_proposals);
	for (size_t o = 0; o < ds->n_proposals; o++) {
		int p = order[o];
		if (match[p] == NO_INDEX)
			continue;
		const struct score_criterion *sc = find_s2_1(s, ds->contracts[match[p]].id);
		if (!sc)
			continue;
		struct lc_promise *r = &out->rows[out->n++];
		r->proposal = p;
		r->contract = match[p];
		r->review = latest_prediction(ds, p);
		r->override = -1;
		for (size_t v = 0; v < n_overrides; v++)
			if (overrides[v].proposal == p)
				r->override = (int)v;
		r->met = (long)sc->measures[0].num;
		r->with_data = (long)sc->measures[0].den;
		r->actual = sc->measures[0].value;
		if (r->review != NO_INDEX) {
			r->has_predicted = 1;
			r->predicted = (long double)ds->feasibility_reviews[r->review].predicted_attainment
				       / MICRO_ONE;
			r->gap = r->actual - r->predicted;
			out->overall.n++;
			sum += r->gap;
			abs_sum += r->gap < 0 ? -r->gap : r->gap;
		}
	}
	if (out->overall.n) {
		out->overall.bias = sum / out->overall.n;
		out->overall.mae = abs_sum / out->overall.n;
	}
	out->by_reviewer = calibrate(ds, out, row_reviewer, &out->n_by_reviewer);
	out->by_sales_owner = calibrate(ds, out, row_sales_owner, &out->n_by_sales_owner);
	xfree(order);
	xfree(ids);
	xfree(match);
}

void lc_promises_release(struct lc_promises *p)
{
	xfree(p->rows);
	xfree(p->by_reviewer);
	xfree(p->by_sales_owner);
	memset(p, 0, sizeof *p);
}

/* ---- early warnings --------------------------------------------------- */

static const char *const rule_ids[LC_RULE_COUNT] = {
	"stabilization_overdue", "sla_missed", "readiness_open", "renewal_at_risk",
	"below_minimum", "credit_exposure",
};

const char *lc_rule_id(enum lc_rule r)
{
	return r < LC_RULE_COUNT ? rule_ids[r] : "";
}

struct alert_list {
	struct lc_alert *items;
	size_t n, cap;
};

static struct lc_alert *alert_add(struct alert_list *l, enum lc_rule rule, int c)
{
	ALLOC_GROW(l->items, l->n + 1, l->cap);
	struct lc_alert *a = &l->items[l->n++];
	memset(a, 0, sizeof *a);
	a->rule = rule;
	a->contract = c;
	a->sla_metric = a->renewal = NO_INDEX;
	a->previous_on = a->latest_on = DAY_NONE;
	return a;
}

static int is_live(const struct contract *k, day_t as_of)
{
	return k->go_live_on != DAY_NONE && k->go_live_on <= as_of &&
	       (k->end_on == DAY_NONE || k->end_on >= as_of);
}

/* Rule 1: month P+K−1 has passed (the as-of date lies in a later month)
 * and no run of K compliant months has begun. */
static void rule_overdue(const struct lc_ctx *ctx, int c, int run_months, day_t as_of,
			 struct alert_list *l)
{
	const struct contract *k = &ctx->ds->contracts[c];
	int P = planned_months(k), compliant = 0;
	if (!is_live(k, as_of) || !P || !n_metrics_of(ctx, c))
		return;
	int now = month_index(k, as_of), deadline = P + run_months - 1;
	if (now <= deadline || ctx_stabilized_at(ctx, c, run_months, now, &compliant))
		return;
	struct lc_alert *a = alert_add(l, LC_STABILIZATION_OVERDUE, c);
	a->planned_months = P;
	a->run_months = run_months;
	a->deadline_month = date_month(k->go_live_on) + deadline - 1;
	a->months_elapsed = now;
	a->compliant_months = compliant;
}

/* Rule 2: one metric has data and misses its target in each of the last N
 * complete months (the N months before the as-of month), all after go-live. */
static void rule_sla_missed(const struct lc_ctx *ctx, int c, int n_months, day_t as_of,
			    struct alert_list *l)
{
	const struct contract *k = &ctx->ds->contracts[c];
	if (!is_live(k, as_of))
		return;
	int now = month_index(k, as_of);
	if (now - n_months < 1)
		return;
	for (size_t m = 0; m < n_metrics_of(ctx, c); m++) {
		int mi = ctx->metrics.items[ctx->metrics.start[c] + m];
		struct lc_month_value *vals = xcalloc((size_t)n_months, sizeof *vals);
		int missed = 1;
		for (int i = 0; i < n_months && missed; i++) {
			struct cell cl;
			int idx = now - n_months + i;
			metric_cell(ctx, c, m, idx, &cl);
			missed = cell_has_data(&cl) && !cell_met(ctx->ds, mi, &cl);
			vals[i] = (struct lc_month_value){ date_month(k->go_live_on) + idx - 1, cl.num,
							   cl.den, ctx->ds->sla_metrics[mi].target };
		}
		if (!missed) {
			xfree(vals);
			continue;
		}
		struct lc_alert *a = alert_add(l, LC_SLA_MISSED, c);
		a->sla_metric = mi;
		a->months = vals;
		a->n_months = (size_t)n_months;
	}
}

/* Rule 3: from D days before go-live up to the go-live day itself, a
 * required readiness item is not done (by the as-of date). */
static void rule_readiness(const struct dataset *ds, int c, int days, day_t as_of,
			   struct alert_list *l)
{
	const struct contract *k = &ds->contracts[c];
	int *open = NULL;
	size_t n = 0, cap = 0;
	if (k->go_live_on == DAY_NONE || as_of > k->go_live_on || k->go_live_on - as_of > days)
		return;
	for (size_t i = 0; i < ds->n_readiness; i++) {
		const struct readiness_item *it = &ds->readiness[i];
		if (it->contract != c || !it->required)
			continue;
		if (it->done_on != DAY_NONE && it->done_on <= as_of)
			continue;
		ALLOC_GROW(open, n + 1, cap);
		open[n++] = (int)i;
	}
	if (!n)
		return;
	/* items by name, so the evidence reads the same every time */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(ds->readiness[open[j - 1]].item,
						   ds->readiness[open[j]].item) > 0; j--) {
			int t = open[j];
			open[j] = open[j - 1];
			open[j - 1] = t;
		}
	struct lc_alert *a = alert_add(l, LC_READINESS_OPEN, c);
	a->items = open;
	a->n_items = n;
	a->days_to_go_live = k->go_live_on - as_of;
}

/* The mean rating level of client on date d, over ratings dated ≤ as_of. */
static long double level_on(const struct dataset *ds, int client, day_t d)
{
	long sum = 0, n = 0;
	for (size_t i = 0; i < ds->n_relationship_ratings; i++) {
		const struct relationship_rating *r = &ds->relationship_ratings[i];
		if (r->client == client && r->date == d) {
			sum += r->level;
			n++;
		}
	}
	return n ? (long double)sum / n : 0;
}

/* Rule 4: a pending renewal due within R days (the due day included) while
 * the client's latest rating level is below the one before it. */
static void rule_renewal(const struct dataset *ds, int c, int days, day_t as_of,
			 struct alert_list *l)
{
	for (size_t i = 0; i < ds->n_renewals; i++) {
		const struct renewal *rn = &ds->renewals[i];
		if (rn->contract != c || rn->outcome != REN_PENDING || rn->due_on < as_of ||
		    rn->due_on - as_of > days)
			continue;
		int client = ds->contracts[c].client;
		day_t latest = DAY_NONE, previous = DAY_NONE;
		for (size_t r = 0; r < ds->n_relationship_ratings; r++) {
			const struct relationship_rating *rr = &ds->relationship_ratings[r];
			if (rr->client != client || rr->date > as_of || rr->date == latest)
				continue;
			if (latest == DAY_NONE || rr->date > latest) {
				previous = latest;
				latest = rr->date;
			} else if (rr->date != previous && (previous == DAY_NONE || rr->date > previous)) {
				previous = rr->date;
			}
		}
		if (previous == DAY_NONE)
			continue;
		long double was = level_on(ds, client, previous), now = level_on(ds, client, latest);
		if (!(now < was))
			continue;
		struct lc_alert *a = alert_add(l, LC_RENEWAL_AT_RISK, c);
		a->renewal = (int)i;
		a->days_to_due = rn->due_on - as_of;
		a->previous_on = previous;
		a->latest_on = latest;
		a->previous_level = was;
		a->latest_level = now;
	}
}

/* Rules 5 and 6 (issue 20), over the month of as_of so far: each metric
 * with SLA terms whose value misses its minimum (burn-in months included:
 * the warning comes before the money), and the contract's service credits
 * of the month when above zero. Credit rows come by metric. */
static void rule_credits(const struct dataset *ds, const struct credits *cr, int c, day_t as_of,
			 struct alert_list *l)
{
	month_t month = date_month(as_of);
	mpq_t exposure;
	int n = 0;
	size_t pool = cr->n_pools;
	mpq_init(exposure);
	for (size_t i = 0; i < cr->n_rows; i++) {
		const struct credit_row *r = &cr->rows[i];
		if (r->contract != c || r->month != month)
			continue;
		const struct sla_term *t = &ds->sla_terms[r->term];
		const struct metric_month *mm = &ds->metric_months[r->metric_month];
		if (credits_misses_minimum(ds, t, mm->sum_numerator, mm->sum_denominator)) {
			struct lc_alert *a = alert_add(l, LC_BELOW_MINIMUM, c);
			a->sla_metric = t->sla_metric;
			a->months = xcalloc(1, sizeof *a->months);
			a->months[0] = (struct lc_month_value){ month, mm->sum_numerator,
								mm->sum_denominator, t->minimum };
			a->n_months = 1;
			a->burn_in = r->outcome == CREDIT_BURN_IN;
			a->month = month;
		}
		if (mpq_sgn(r->credit) > 0) {
			mpq_add(exposure, exposure, r->credit);
			n++;
		}
		pool = r->pool;
	}
	if (n) {
		struct lc_alert *a = alert_add(l, LC_CREDIT_EXPOSURE, c);
		a->month = month;
		a->pool_cents = credits_cents(cr->pools[pool].pool);
		a->exposure_cents = credits_cents(exposure);
		a->n_metrics = n;
	}
	mpq_clear(exposure);
}

/* Within one contract and rule: metrics by id, renewals by due date. */
static int alert_before(const struct dataset *ds, const struct lc_alert *a, const struct lc_alert *b)
{
	if (a->rule != b->rule)
		return a->rule < b->rule;
	if (a->rule == LC_SLA_MISSED || a->rule == LC_BELOW_MINIMUM)
		return strcmp(ds->sla_metrics[a->sla_metric].metric, ds->sla_metrics[b->sla_metric].metric) < 0;
	if (a->rule == LC_RENEWAL_AT_RISK)
		return ds->renewals[a->renewal].due_on < ds->renewals[b->renewal].due_on;
	return 0;
}

void lifecycle_alerts(const struct dataset *ds, const struct model_alerts *alerts,
		      int run_months, day_t as_of, struct lc_alerts *out)
{
	struct lc_ctx ctx;
	struct alert_list l = { NULL, 0, 0 };
	int *order = contract_order(ds);
	struct credits cr;

	ctx_init(&ctx, ds);
	credits_compute(ds, &cr);
	for (size_t o = 0; o < ds->n_contracts; o++) {
		int c = order[o];
		size_t first = l.n;
		rule_overdue(&ctx, c, run_months, as_of, &l);
		rule_sla_missed(&ctx, c, alerts->sla_missed_months, as_of, &l);
		rule_readiness(ds, c, alerts->readiness_days_before_go_live, as_of, &l);
		rule_renewal(ds, c, alerts->renewal_days, as_of, &l);
		rule_credits(ds, &cr, c, as_of, &l);
		for (size_t i = first + 1; i < l.n; i++)
			for (size_t j = i; j > first && alert_before(ds, &l.items[j], &l.items[j - 1]); j--) {
				struct lc_alert t = l.items[j];
				l.items[j] = l.items[j - 1];
				l.items[j - 1] = t;
			}
	}
	ctx_release(&ctx);
	credits_free(&cr);
	xfree(order);
	out->as_of = as_of;
	out->items = l.items;
	out->n = l.n;
}

void lc_alerts_release(struct lc_alerts *a)
{
	for (size_t i = 0; i < a->n; i++) {
		xfree(a->items[i].months);
		xfree(a->items[i].items);
	}
	xfree(a->items);
	memset(a, 0, sizeof *a);
}

/* ---- the growth cycle ------------------------------------------------- */

static int in_range(day_t d, day_t first, day_t last)
{
	return d != DAY_NONE && d >= first && d <= last;
}

/* The plan deadline of contract c: month index P+K−1, or 0 when c is not
 * judged on stabilization (a renewal, no P, no SLA metrics, no go-live). */
static int plan_deadline(const struct lc_ctx *ctx, int c, int run_months)
{
	const struct contract *k = &ctx->ds->contracts[c];
	int P = planned_months(k);
	if (!P || k->renews_contract != NO_INDEX || k->go_live_on == DAY_NONE || !n_metrics_of(ctx, c))
		return 0;
	return P + run_months - 1;
}

static int deadline_in(const struct lc_ctx *ctx, int c, int deadline, day_t first, day_t last)
{
	month_t m = date_month(ctx->ds->contracts[c].go_live_on) + deadline - 1;
	return in_range(date_from_ymd(month_year(m), month_month(m), 1), first, last);
}

static int contract_active(const struct contract *k, day_t first, day_t last)
{
	return k->go_live_on != DAY_NONE && k->go_live_on <= last &&
	       (k->end_on == DAY_NONE || k->end_on >= first);
}

/* Is c, signed in its year, on a service line its client never had, while
 * the client had some contract before it? */
static int new_service_line(const struct dataset *ds, int c)
{
	const struct contract *k = &ds->contracts[c];
	int existing = 0;
	if (k->renews_contract != NO_INDEX || k->signed_on == DAY_NONE)
		return 0;
	for (size_t i = 0; i < ds->n_contracts; i++) {
		const struct contract *o = &ds->contracts[i];
		if ((int)i == c || o->client != k->client || o->signed_on == DAY_NONE ||
		    o->signed_on >= k->signed_on)
			continue;
		existing = 1;
		if (!strcmp(o->service_line ? o->service_line : "", k->service_line ? k->service_line : ""))
			return 0;
	}
	return existing;
}

/* The client that introduced client c (see struct lc_referral), with the
 * referral's date, or NO_INDEX. */
static int referrer(const struct dataset *ds, int c, day_t *on)
{
	int fixed = ds->clients[c].referred_by, parent = fixed;
	*on = DAY_NONE;
	for (size_t i = 0; i < ds->n_references; i++) {
		const struct reference *r = &ds->references[i];
		if (r->kind != REF_REFERRAL || r->referred_client != c || r->client == c)
			continue;
		if (fixed != NO_INDEX && r->client != fixed)
			continue;
		if (*on == DAY_NONE || r->date < *on ||
		    (r->date == *on && strcmp(ds->clients[r->client].id, ds->clients[parent].id) < 0)) {
			*on = r->date;
			parent = r->client;
		}
	}
	return parent == c ? NO_INDEX : parent;
}

static void cycle_year(const struct lc_ctx *ctx, const struct model *m, int year,
		       struct lc_cycle_year *y)
{
	const struct dataset *ds = ctx->ds;
	day_t first = model_year_first_day(m, year), last = model_year_last_day(m, year);
	day_t *first_signed = xcalloc(ds->n_clients + 1, sizeof *first_signed);
	unsigned char *account = xcalloc(ds->n_clients + 1, 1);

	memset(y, 0, sizeof *y);
	y->year = year;
	y->first_day = first;
	y->last_day = last;
	for (size_t i = 0; i < ds->n_clients; i++)
		first_signed[i] = DAY_NONE;
	for (size_t c = 0; c < ds->n_contracts; c++) {
		const struct contract *k = &ds->contracts[c];
		int deadline = plan_deadline(ctx, (int)c, m->stabilization_run_months);
		if (deadline && deadline_in(ctx, (int)c, deadline, first, last)) {
			y->stab_judged++;
			y->stab_within_plan += ctx_stabilized_at(ctx, (int)c, m->stabilization_run_months,
								  deadline, NULL) > 0;
		}
		if (contract_active(k, first, last)) {
			y->active_contracts++;
			y->active_value += k->annual_value;
			account[k->client] = 1;
		}
		if (in_range(k->signed_on, first, last) && new_service_line(ds, (int)c))
			y->new_service_lines++;
		if (k->signed_on != DAY_NONE &&
		    (first_signed[k->client] == DAY_NONE || k->signed_on < first_signed[k->client]))
			first_signed[k->client] = k->signed_on;
	}
	for (size_t i = 0; i < ds->n_renewals; i++) {
		const struct renewal *r = &ds->renewals[i];
		if (!in_range(r->due_on, first, last) || r->outcome == REN_PENDING)
			continue;
		y->renewal_decided++;
		y->renewed += r->outcome == REN_RENEWED;
	}
	for (size_t i = 0; i < ds->n_expansions; i++) {
		const struct expansion *e = &ds->expansions[i];
		if (!in_range(e->date, first, last))
			continue;
		y->expansions++;
		if (e->added_annual_value != MICRO_NONE)
			y->expansion_value += e->added_annual_value;
	}
	for (size_t i = 0; i < ds->n_clients; i++) {
		day_t on;
		if (!in_range(first_signed[i], first, last))
			continue;
		y->new_clients++;
		y->referred_new_clients += referrer(ds, (int)i, &on) != NO_INDEX;
	}
	for (size_t i = 0; i < ds->n_references; i++)
		y->references += in_range(ds->references[i].date, first, last);
	for (size_t i = 0; i < ds->n_clients; i++)
		y->accounts += account[i];
	xfree(first_signed);
	xfree(account);
}

void lifecycle_cycle(const struct dataset *ds, const struct model *m, int y1, int y2,
		     struct lc_cycle_year **out, size_t *n)
{
	struct lc_ctx ctx;
	size_t count = y2 >= y1 ? (size_t)(y2 - y1 + 1) : 0;
	ctx_init(&ctx, ds);
	*out = xcalloc(count + 1, sizeof **out);
	for (size_t i = 0; i < count; i++)
		cycle_year(&ctx, m, y1 + (int)i, &(*out)[i]);
	*n = count;
	ctx_release(&ctx);
}

/* ---- the referral tree ------------------------------------------------ */

struct tree {
	const struct dataset *ds;
	int *parent;
	day_t *on;
	int *order;                 /* clients by id */
	unsigned char *visited;
	struct lc_referral *out;
	size_t n;
};

static void tree_walk(struct tree *t, int c, int depth)
{
	t->visited[c] = 1;
	t->out[t->n++] = (struct lc_referral){ c, t->parent[c], depth, t->on[c] };
	for (size_t i = 0; i < t->ds->n_clients; i++) {
		int child = t->order[i];
		if (t->parent[child] == c && !t->visited[child])
			tree_walk(t, child, depth + 1);
	}
}

void lifecycle_referrals(const struct dataset *ds, struct lc_referral **out, size_t *n)
{
	size_t nc = ds->n_clients;
	struct tree t = { ds, xcalloc(nc + 1, sizeof(int)), xcalloc(nc + 1, sizeof(day_t)), NULL,
			  xcalloc(nc + 1, 1), xcalloc(nc + 1, sizeof(struct lc_referral)), 0 };
	unsigned char *has_child = xcalloc(nc + 1, 1);
	const char **ids = xcalloc(nc + 1, sizeof *ids);

	for (size_t i = 0; i < nc; i++) {
		ids[i] = ds->clients[i].id;
		t.parent[i] = referrer(ds, (int)i, &t.on[i]);
		if (t.parent[i] != NO_INDEX)
			has_child[t.parent[i]] = 1;
	}
	t.order = order_by_id(ids, nc);
	for (size_t i = 0; i < nc; i++) {
		int c = t.order[i];
		if (t.parent[c] == NO_INDEX && has_child[c])
			tree_walk(&t, c, 0);
	}
	/* What is left is in a cycle (A introduced B introduced A): start
	 * each such chain at its smallest id, so every client still shows. */
	for (size_t i = 0; i < nc; i++) {
		int c = t.order[i];
		if (!t.visited[c] && t.parent[c] != NO_INDEX)
			tree_walk(&t, c, 0);
	}
	*out = t.out;
	*n = t.n;
	xfree(t.parent);
	xfree(t.on);
	xfree(t.order);
	xfree(t.visited);
	xfree(has_child);
	xfree(ids);
}

/* ---- the track record ------------------------------------------------- */

static int contract_before(const struct dataset *ds, int a, int b)
{
	const struct contract *x = &ds->contracts[a], *y = &ds->contracts[b];
	if (x->go_live_on != y->go_live_on)
		return x->go_live_on < y->go_live_on;
	return strcmp(x->id, y->id) < 0;
}

void lifecycle_track_record(const struct scores *s, struct lc_track_record *out)
{
	const struct dataset *ds = s->ds;
	const struct model *m = s->model;
	int K = m->stabilization_run_months;
	struct lc_ctx ctx;
	struct lc_cycle_year y;

	memset(out, 0, sizeof *out);
	out->year = s->year;
	ctx_init(&ctx, ds);
	cycle_year(&ctx, m, s->year, &y);
	out->renewed = y.renewed;
	out->renewal_decided = y.renewal_decided;
	out->active_contracts = y.active_contracts;
	out->active_value = y.active_value;
	out->expansions = y.expansions;
	out->expansion_value = y.expansion_value;
	out->contracts = xcalloc(ds->n_contracts + 1, sizeof *out->contracts);
	for (size_t c = 0; c < ds->n_contracts; c++) {
		const struct contract *k = &ds->contracts[c];
		int deadline = plan_deadline(&ctx, (int)c, K);
		if (!deadline || !deadline_in(&ctx, (int)c, deadline, s->first_day, s->last_day))
			continue;
		day_t end = k->end_on != DAY_NONE && k->end_on < s->last_day ? k->end_on : s->last_day;
		struct lc_track_contract *t;
		size_t j = out->n_contracts++;
		/* insertion by go-live, then id */
		while (j > 0 && contract_before(ds, (int)c, out->contracts[j - 1].contract)) {
			out->contracts[j] = out->contracts[j - 1];
			j--;
		}
		t = &out->contracts[j];
		memset(t, 0, sizeof *t);
		t->contract = (int)c;
		t->planned_months = planned_months(k);
		t->stabilized_at = ctx_stabilized_at(&ctx, (int)c, K, month_index(k, end), NULL);
		t->within_plan = t->stabilized_at && t->stabilized_at <= t->planned_months;
		const struct score_criterion *sc = find_s2_1(s, k->id);
		if (sc) {
			t->has_attainment = 1;
			t->met = (long)sc->measures[0].num;
			t->with_data = (long)sc->measures[0].den;
		}
		out->stab_judged++;
		out->stab_within_plan += t->within_plan;
		if (t->stabilized_at) {
			out->stabilized++;
			out->sum_stabilized_at += t->stabilized_at;
			out->sum_planned += t->planned_months;
		}
	}
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		if (set->org != ORG_SALES)
			continue;
		const struct score_criterion *sc = find_s2_1(s, ds->contracts[set->contract].id);
		if (!sc)
			continue;
		out->ss_contracts++;
		out->ss_met += (long)sc->measures[0].num;
		out->ss_with_data += (long)sc->measures[0].den;
	}
	ctx_release(&ctx);
}

void lc_track_record_release(struct lc_track_record *t)
{
	xfree(t->contracts);
	memset(t, 0, sizeof *t);
}
