/* SPDX-License-Identifier: MIT */
/* The operations criteria O1.1–O3.3 of one contract (SPEC §5 "Operations
 * criteria"): values and evidence only; the caller scores them. Evidence
 * rows are allocated into the struct score_criterion (scores_free). */
#include "engine/score_impl.h"

#include "engine/exact.h"

#include <string.h>

static micro_t micro_or_zero(micro_t v)
{
	return v == MICRO_NONE ? 0 : v;
}

static void o1_1_expansions(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	micro_t annual = micro_or_zero(ds->contracts[c].annual_value);
	wide_t added = 0;
	long n = 0;
	for (size_t i = ctx->expansions.start[c]; i < ctx->expansions.start[c + 1]; i++) {
		int r = ctx->expansions.items[i];
		const struct expansion *e = &ds->expansions[r];
		if (!score_in_year(ctx, e->date)) {
			score_evidence(out, EV_EXPANSION, r, EVS_EXCLUDED, "not_in_year", 0, 0);
			continue;
		}
		n++;
		added += micro_or_zero(e->added_annual_value);
		score_evidence(out, EV_EXPANSION, r, EVS_COUNTED, NULL, 0, 1);
	}
	score_measure_set(out, 0, n, 1);
	if (annual > 0)
		score_measure_money(out, 1, (long double)added, (long double)annual);
}

/* Service lines compare as text; an empty one matches only another empty
 * one. */
static int same_line(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* The client of child contract ch had its service line before: the parent
 * has it, or a contract of the client on it was signed strictly earlier. */
static int service_line_had(const struct score_ctx *ctx, int ch)
{
	const struct dataset *ds = ctx->ds;
	const struct contract *child = &ds->contracts[ch];
	int parent = child->parent_contract;
	if (parent != NO_INDEX &&
	    same_line(ds->contracts[parent].service_line, child->service_line))
		return 1;
	for (size_t i = ctx->by_client.start[child->client]; i < ctx->by_client.start[child->client + 1]; i++) {
		const struct contract *o = &ds->contracts[ctx->by_client.items[i]];
		if (o != child && o->signed_on != DAY_NONE && o->signed_on < child->signed_on &&
		    same_line(o->service_line, child->service_line))
			return 1;
	}
	return 0;
}

static void o1_2_new_lines(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	long n = 0;
	for (size_t i = ctx->children.start[c]; i < ctx->children.start[c + 1]; i++) {
		int ch = ctx->children.items[i];
		if (!score_in_year(ctx, ctx->ds->contracts[ch].signed_on))
			score_evidence(out, EV_CHILD_CONTRACT, ch, EVS_EXCLUDED, "not_in_year", 0, 0);
		else if (service_line_had(ctx, ch))
			score_evidence(out, EV_CHILD_CONTRACT, ch, EVS_EXCLUDED, "service_line_had", 0, 0);
		else {
			n++;
			score_evidence(out, EV_CHILD_CONTRACT, ch, EVS_COUNTED, NULL, 0, 1);
		}
	}
	score_measure_set(out, 0, n, 1);
}

static void o1_3_renewals(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	micro_t old = micro_or_zero(ds->contracts[c].annual_value);
	wide_t growth = 0, base = 0;
	long renewed = 0, lost = 0, valued = 0;
	for (size_t i = ctx->renewals.start[c]; i < ctx->renewals.start[c + 1]; i++) {
		int r = ctx->renewals.items[i];
		const struct renewal *rn = &ds->renewals[r];
		if (!score_in_year(ctx, rn->due_on)) {
			score_evidence(out, EV_RENEWAL, r, EVS_EXCLUDED, "not_in_year", 0, 0);
			continue;
		}
		if (rn->outcome == REN_PENDING) {
			score_evidence(out, EV_RENEWAL, r, EVS_EXCLUDED, "pending", 0, 0);
			continue;
		}
		if (rn->outcome == REN_LOST) {
			lost++;
			score_evidence(out, EV_RENEWAL, r, EVS_NOT_COUNTED, "lost", 0, 0);
			continue;
		}
		renewed++;
		score_evidence(out, EV_RENEWAL, r, EVS_COUNTED, NULL, 0, 1);
		if (rn->new_annual_value == MICRO_NONE) {
			score_evidence(out, EV_RENEWAL, r, EVS_EXCLUDED, "no_new_value", 1, 0);
			continue;
		}
		valued++;
		growth += (wide_t)rn->new_annual_value - old;
		base += old;
		score_evidence(out, EV_RENEWAL, r, EVS_COUNTED, NULL, 1,
			       (long double)((wide_t)rn->new_annual_value - old) / MICRO_ONE);
	}
	if (renewed + lost)
		score_measure_set(out, 0, renewed, renewed + lost);
	if (valued && base > 0)
		score_measure_money(out, 1, (long double)growth, (long double)base);
	if (!(renewed + lost))
		out->na_reason = "no_renewals";
}

static void o2_1_relationship(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	int client = ds->contracts[c].client;
	long sum = 0, n = 0;
	for (size_t i = ctx->relationship.start[client]; i < ctx->relationship.start[client + 1]; i++) {
		int r = ctx->relationship.items[i];
		const struct relationship_rating *rr = &ds->relationship_ratings[r];
		if (!score_in_year(ctx, rr->date)) {
			score_evidence(out, EV_RELATIONSHIP_RATING, r, EVS_EXCLUDED, "not_in_year", 0, 0);
			continue;
		}
		sum += rr->level;
		n++;
		score_evidence(out, EV_RELATIONSHIP_RATING, r, EVS_COUNTED, NULL, 0, rr->level);
	}
	if (!n)
		out->na_reason = "no_ratings";
	else
		score_measure_set(out, 0, sum, n);
}

static void o2_2_proposals(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	long n = 0;
	for (size_t i = ctx->proposals.start[c]; i < ctx->proposals.start[c + 1]; i++) {
		int r = ctx->proposals.items[i];
		const struct proposal *p = &ds->proposals[r];
		if (p->origin != ORIGIN_OPERATIONS)
			score_evidence(out, EV_PROPOSAL, r, EVS_EXCLUDED, "origin_sales", 0, 0);
		else if (p->status == PROP_DRAFT)
			/* Not yet proposed to the client (SPEC §5, O2.2). */
			score_evidence(out, EV_PROPOSAL, r, EVS_EXCLUDED, "draft", 0, 0);
		else if (!score_in_year(ctx, p->proposed_on))
			score_evidence(out, EV_PROPOSAL, r, EVS_EXCLUDED, "not_in_year", 0, 0);
		else {
			n++;
			score_evidence(out, EV_PROPOSAL, r, EVS_COUNTED, NULL, 0, 1);
		}
	}
	score_measure_set(out, 0, n, 1);
}

static void o2_3_references(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	const struct dataset *ds = ctx->ds;
	const struct model_numbers *m = &ctx->numbers;
	long count[4] = { 0, 0, 0, 0 };
	for (size_t i = ctx->references.start[c]; i < ctx->references.start[c + 1]; i++) {
		int r = ctx->references.items[i];
		const struct reference *ref = &ds->references[r];
		if (!score_in_year(ctx, ref->date)) {
			score_evidence(out, EV_REFERENCE, r, EVS_EXCLUDED, "not_in_year", 0, 0);
			continue;
		}
		count[ref->kind]++;
		score_evidence(out, EV_REFERENCE, r, EVS_COUNTED, NULL, 0,
			       m->reference_weight[ref->kind]);
	}
	/* Σ count·weight, in long double and exactly (the weights' decimals
	 * are powers of ten apart, so the largest denominator is common). */
	long double sum = 0;
	wide_t num = 0, den = 1;
	int exact = 1;
	for (int k = 0; k < 4; k++) {
		if (!count[k])
			continue;
		sum += count[k] * m->reference_weight[k];
		wide_t wn = m->reference_num[k], wd = m->reference_den[k], term;
		if (wd <= 0) {
			exact = 0;
			continue;
		}
		if (wd > den) {
			exact = exact && !exact_mul(num, wd / den, &num);
			den = wd;
		}
		exact = exact && !exact_mul(wn, count[k], &term) &&
			!exact_mul(term, den / wd, &term) && !__builtin_add_overflow(num, term, &num);
	}
	score_measure_set(out, 0, sum, 1);
	score_measure_exact(out, 0, exact ? num : 0, exact ? den : 0);
}

/* O3.1–O3.3: innovations of one kind dated in Y, deployed ones only unless
 * any_status; O3.1 sums annual_savings against annual_value. */
static void o3_innovations(const struct score_ctx *ctx, int c, struct score_criterion *out,
			   enum innovation_kind kind, int any_status, int savings)
{
	const struct dataset *ds = ctx->ds;
	micro_t annual = micro_or_zero(ds->contracts[c].annual_value);
	wide_t saved = 0;
	long n = 0;
	for (size_t i = ctx->innovations.start[c]; i < ctx->innovations.start[c + 1]; i++) {
		int r = ctx->innovations.items[i];
		const struct innovation *in = &ds->innovations[r];
		if (in->kind != kind)
			continue;
		if (!score_in_year(ctx, in->date)) {
			score_evidence(out, EV_INNOVATION, r, EVS_EXCLUDED, "not_in_year", 0, 0);
			continue;
		}
		if (!any_status && in->status != INNO_DEPLOYED) {
			score_evidence(out, EV_INNOVATION, r, EVS_EXCLUDED, "not_deployed", 0, 0);
			continue;
		}
		n++;
		saved += micro_or_zero(in->annual_savings);
		score_evidence(out, EV_INNOVATION, r, EVS_COUNTED, NULL, 0,
			       savings ? (long double)micro_or_zero(in->annual_savings) / MICRO_ONE : 1);
	}
	if (!savings)
		score_measure_set(out, 0, n, 1);
	else if (annual > 0)
		score_measure_money(out, 0, (long double)saved, (long double)annual);
	else
		out->na_reason = "no_annual_value";
}

void score_operations_criterion(const struct score_ctx *ctx, int c, struct score_criterion *out)
{
	switch (out->def->code) {
	case CRIT_O1_1: o1_1_expansions(ctx, c, out); break;
	case CRIT_O1_2: o1_2_new_lines(ctx, c, out); break;
	case CRIT_O1_3: o1_3_renewals(ctx, c, out); break;
	case CRIT_O2_1: o2_1_relationship(ctx, c, out); break;
	case CRIT_O2_2: o2_2_proposals(ctx, c, out); break;
	case CRIT_O2_3: o2_3_references(ctx, c, out); break;
	case CRIT_O3_1: o3_innovations(ctx, c, out, INNO_PROCESS_IMPROVEMENT, 0, 1); break;
	case CRIT_O3_2: o3_innovations(ctx, c, out, INNO_SERVICE_MODEL, 1, 0); break;
	case CRIT_O3_3: o3_innovations(ctx, c, out, INNO_AUTOMATION, 0, 0); break;
	default: break;
	}
}
