/* SPDX-License-Identifier: MIT */
/* The sales criteria S1.1–S3.3 of one contract (SPEC §5 "Sales criteria"):
 * values and evidence only; the caller scores them. Month tables and
 * evidence rows are allocated into the struct score_criterion and freed by
 * scores_free(). */
#include "engine/score_impl.h"

#include "engine/exact.h"

#include <stdlib.h>
#include <string.h>

/* ---- SLA month tables -------------------------------------------------- */

/* A monthly value meets target: Σnum/Σden ≥ target (higher) or ≤ (lower),
 * compared exactly as Σnum·10^6 against target·Σden (Σden > 0). */
static int month_met(enum direction dir, micro_t num, micro_t den, micro_t target)
{
	__int128 lhs = (__int128)num * MICRO_ONE;
	__int128 rhs = (__int128)target * den;
	return dir == DIR_HIGHER ? lhs >= rhs : lhs <= rhs;
}

/* E: the month index of the end of the year, or of end_on when earlier. */
static int elapsed_months(const struct score_ctx *ctx, const struct contract *k)
{
	day_t end = ctx->last_day;
	if (k->end_on != DAY_NONE && k->end_on < end)
		end = k->end_on;
	return date_month(end) - date_month(k->go_live_on) + 1;
}

static int planned_months(const struct contract *k)
{
	int32_t p = k->planned_stabilization_months;
	return p == INT_NONE || p < 1 ? 0 : (int)p;
}

enum target_kind { TARGET_FINAL, TARGET_INITIAL };

/* Fills t with months first..last of contract c's metrics, each judged
 * against its target (or initial_target, falling back to target). */
static void build_table(const struct score_ctx *ctx, int c, int first, int last,
			enum target_kind tk, struct month_table *t)
{
	const struct dataset *ds = ctx->ds;
	const struct contract *k = &ds->contracts[c];
	size_t n = ctx->metrics.start[c + 1] - ctx->metrics.start[c];
	size_t n_months = last >= first ? (size_t)(last - first + 1) : 0;

	t->first = first;
	t->last = last;
	t->go_live_month = date_month(k->go_live_on);
	t->n_metrics = n;
	t->metrics = xcalloc(n, sizeof *t->metrics);
	t->cells = xcalloc(n * n_months, sizeof *t->cells);
	t->compliant = xcalloc(n_months, sizeof *t->compliant);
	for (size_t m = 0; m < n; m++) {
		int mi = ctx->metrics.items[ctx->metrics.start[c] + m];
		const struct sla_metric *sm = &ds->sla_metrics[mi];
		micro_t target = sm->target;
		if (tk == TARGET_INITIAL && sm->initial_target != MICRO_NONE)
			target = sm->initial_target;
		t->metrics[m] = mi;
		for (size_t i = 0; i < n_months; i++)
			t->cells[i * n + m].target = target;
		for (size_t x = ctx->metric_months.start[mi]; x < ctx->metric_months.start[mi + 1]; x++) {
			const struct metric_month *mm = &ds->metric_months[ctx->metric_months.items[x]];
			int idx = mm->month - t->go_live_month + 1;
			if (idx < first || idx > last || mm->month > ctx->last_month)
				continue;
			struct month_cell *cell = &t->cells[(size_t)(idx - first) * n + m];
			cell->rows += mm->rows;
			cell->num += mm->sum_numerator;
			cell->den += mm->sum_denominator;
		}
		for (size_t i = 0; i < n_months; i++) {
			struct month_cell *cell = &t->cells[i * n + m];
			cell->has_data = cell->rows > 0 && cell->den > 0;
			cell->met = cell->has_data &&
				    month_met(sm->direction, cell->num, cell->den, cell->target);
		}
	}
	for (size_t i = 0; i < n_months; i++) {
		int ok = n > 0;
		for (size_t m = 0; m < n; m++)
			if (!t->cells[i * n + m].met)
				ok = 0;
		t->compliant[i] = ok;
	}
}

/* The first month of the first run of K compliant months within 1..E of a
 * table built over months 1..E, or 0. */
static int months_to_stabilize(const struct month_table *t, int k_run)
{
	int run = 0;
	for (int i = t->first; i <= t->last; i++) {
		run = t->compliant[i - t->first] ? run + 1 : 0;
		if (run == k_run)
			return i - k_run + 1;
	}
	return 0;
}

/* met ÷ metric-months with data over the whole table. */
static void table_met_share(struct score_criterion *out, const char *na_reason)
{
	const struct month_table *t = &out->months;
	long met = 0, with_data = 0;
	size_t n_cells = t->last >= t->first ? (size_t)(t->last - t->first + 1) * t->n_metrics : 0;
	for (size_t i = 0; i < n_cells; i++) {
		with_data += t->cells[i].has_data;
		met += t->cells[i].met;
	}
	if (!with_data) {
		out->na_reason = na_reason;
		return;
	}
	score_measure_set(out, 0, met, with_data);
}

static void sla_criterion(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct contract *k = &ctx->ds->contracts[c];
	int K = ctx->model->stabilization_run_months;
	int E = elapsed_months(ctx, k), P = planned_months(k), s;
	struct month_table stab = { 0 };

	out->elapsed_months = E;
	out->planned_months = P;
	if (ctx->metrics.start[c] == ctx->metrics.start[c + 1]) {
		out->na_reason = "no_sla_metrics";
		return;
	}
	if (out->def->code == CRIT_S3_2) {
		if (!P) {
			out->na_reason = "no_planned_months";
			return;
		}
		build_table(ctx, c, 1, P < E ? P : E, TARGET_INITIAL, &out->months);
		table_met_share(out, "no_data");
		return;
	}
	build_table(ctx, c, 1, E, TARGET_FINAL, &stab);
	s = months_to_stabilize(&stab, K);
	out->stabilized_at = s;
	if (out->def->code == CRIT_S3_1) {
		out->months = stab;
		if (!P)
			out->na_reason = "no_planned_months";
		else if (s)
			score_measure_set(out, 0, s, P);
		else if (E <= P + K - 1)
			out->na_reason = "not_yet_stabilized";
		else
			score_measure_set(out, 0, E - K + 2, P);
		return;
	}
	/* S2.1: the steady state begins K months after stabilization, or
	 * after month P+K−1 when the contract never stabilized. */
	xfree(stab.metrics);
	xfree(stab.cells);
	xfree(stab.compliant);
	if (!s && !P) {
		out->na_reason = "no_planned_months";
		return;
	}
	build_table(ctx, c, s ? s + K : P + K, E, TARGET_FINAL, &out->months);
	table_met_share(out, "no_steady_state_data");
}

/* ---- the other sales criteria ------------------------------------------ */

static void s1_1_readiness(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	day_t go_live = ds->contracts[c].go_live_on;
	long done = 0, required = 0;
	for (size_t i = ctx->readiness.start[c]; i < ctx->readiness.start[c + 1]; i++) {
		int r = ctx->readiness.items[i];
		const struct readiness_item *it = &ds->readiness[r];
		if (!it->required) {
			score_evidence(out, EV_READINESS, r, EVS_EXCLUDED, "not_required", 0, 0);
			continue;
		}
		required++;
		if (it->done_on == DAY_NONE) {
			score_evidence(out, EV_READINESS, r, EVS_NOT_COUNTED, "not_done", 0, 0);
		} else if (it->done_on > ctx->last_day) {
			score_evidence(out, EV_READINESS, r, EVS_NOT_COUNTED, "after_year_end", 0, 0);
		} else if (it->done_on > go_live) {
			score_evidence(out, EV_READINESS, r, EVS_NOT_COUNTED, "done_after_go_live", 0, 0);
		} else {
			done++;
			score_evidence(out, EV_READINESS, r, EVS_COUNTED, NULL, 0, 1);
		}
	}
	if (!required)
		out->na_reason = "no_required_items";
	else
		score_measure_set(out, 0, done, required);
}

static void s1_2_ramp(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct contract *k = &ctx->ds->contracts[c];
	if (k->ramp_started_on == DAY_NONE || k->staffed_on == DAY_NONE ||
	    k->planned_ramp_days == INT_NONE) {
		out->na_reason = "missing_dates";
		return;
	}
	if (k->ramp_started_on > ctx->last_day || k->staffed_on > ctx->last_day) {
		out->na_reason = "after_year_end";
		return;
	}
	if (k->planned_ramp_days <= 0) {
		out->na_reason = "no_planned_ramp_days";
		return;
	}
	score_measure_set(out, 0, k->staffed_on - k->ramp_started_on, k->planned_ramp_days);
}

static void s1_3_manual(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	long sum = 0, n = 0;
	for (size_t i = ctx->manual_ratings.start[c]; i < ctx->manual_ratings.start[c + 1]; i++) {
		int r = ctx->manual_ratings.items[i];
		const struct manual_rating *mr = &ds->manual_ratings[r];
		if (mr->rated_on > ctx->last_day) {
			score_evidence(out, EV_MANUAL_RATING, r, EVS_EXCLUDED, "after_year_end", 0, 0);
			continue;
		}
		sum += mr->concreteness + mr->feasibility;
		n++;
		score_evidence(out, EV_MANUAL_RATING, r, EVS_COUNTED, NULL, 0,
			       (mr->concreteness + mr->feasibility) / 2.0L);
	}
	if (!n)
		out->na_reason = "no_ratings";
	else
		score_measure_set(out, 0, sum, 2 * n);
}

static void s2_2_margin(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	const struct contract *k = &ds->contracts[c];
	wide_t revenue = 0, cost = 0;
	long rows = 0;
	for (size_t i = ctx->financials.start[c]; i < ctx->financials.start[c + 1]; i++) {
		int r = ctx->financials.items[i];
		const struct financial *f = &ds->financials[r];
		if (f->month > ctx->last_month) {
			score_evidence(out, EV_FINANCIAL, r, EVS_EXCLUDED, "after_year_end", 0, 0);
			continue;
		}
		rows++;
		revenue += f->revenue == MICRO_NONE ? 0 : f->revenue;
		cost += f->cost == MICRO_NONE ? 0 : f->cost;
		score_evidence(out, EV_FINANCIAL, r, EVS_COUNTED, NULL, 0, 0);
	}
	if (!rows)
		out->na_reason = "no_financials";
	else if (revenue <= 0)
		out->na_reason = "no_revenue";
	else if (k->risk_tier == RISK_NONE)
		out->na_reason = "no_risk_tier";
	else
	{
		/* (revenue − cost)/revenue ÷ margin = (revenue − cost) ÷ (revenue·margin),
		 * and with margin = mn ÷ md exactly: (revenue − cost)·md ÷ (revenue·mn) */
		const struct model_numbers *m = &ctx->numbers;
		int t = k->risk_tier;
		wide_t num, den;
		score_measure_money(out, 0, (long double)(revenue - cost),
				    (long double)revenue * m->required_margin[t]);
		if (m->margin_den[t] > 0 && !exact_mul(revenue - cost, m->margin_den[t], &num) &&
		    !exact_mul(revenue, m->margin_num[t], &den))
			score_measure_exact(out, 0, num, den);
		else
			score_measure_exact(out, 0, 0, 0);
	}
}

static void s2_3_scope(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	day_t from = ds->contracts[c].go_live_on;
	day_t until = date_add_months(from, 12);   /* exclusive: the anniversary */
	long n = 0;
	for (size_t i = ctx->scope_changes.start[c]; i < ctx->scope_changes.start[c + 1]; i++) {
		int r = ctx->scope_changes.items[i];
		day_t d = ds->scope_changes[r].date;
		if (d > ctx->last_day)
			score_evidence(out, EV_SCOPE_CHANGE, r, EVS_EXCLUDED, "after_year_end", 0, 0);
		else if (d < from || d >= until)
			score_evidence(out, EV_SCOPE_CHANGE, r, EVS_EXCLUDED, "outside_first_12_months", 0, 0);
		else {
			n++;
			score_evidence(out, EV_SCOPE_CHANGE, r, EVS_COUNTED, NULL, 0, 1);
		}
	}
	score_measure_set(out, 0, n, 1);
}

static void s3_3_handover(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	long accepted = 0, items = 0;
	for (size_t i = ctx->handover.start[c]; i < ctx->handover.start[c + 1]; i++) {
		int r = ctx->handover.items[i];
		day_t d = ds->handover[r].accepted_on;
		items++;
		if (d == DAY_NONE)
			score_evidence(out, EV_HANDOVER, r, EVS_NOT_COUNTED, "not_accepted", 0, 0);
		else if (d > ctx->last_day)
			score_evidence(out, EV_HANDOVER, r, EVS_NOT_COUNTED, "after_year_end", 0, 0);
		else {
			accepted++;
			score_evidence(out, EV_HANDOVER, r, EVS_COUNTED, NULL, 0, 1);
		}
	}
	if (!items)
		out->na_reason = "no_handover_items";
	else
		score_measure_set(out, 0, accepted, items);
}

void score_sales_criterion(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	switch (out->def->code) {
	case CRIT_S1_1: s1_1_readiness(ctx, c, out); break;
	case CRIT_S1_2: s1_2_ramp(ctx, c, out); break;
	case CRIT_S1_3: s1_3_manual(ctx, c, out); break;
	case CRIT_S2_1: sla_criterion(ctx, c, out); break;
	case CRIT_S2_2: s2_2_margin(ctx, c, out); break;
	case CRIT_S2_3: s2_3_scope(ctx, c, out); break;
	case CRIT_S3_1: sla_criterion(ctx, c, out); break;
	case CRIT_S3_2: sla_criterion(ctx, c, out); break;
	case CRIT_S3_3: s3_3_handover(ctx, c, out); break;
	default: break;
	}
}
