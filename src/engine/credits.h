/* SPDX-License-Identifier: MIT */
/* Service credits under a contract's SLA terms (issue 20; docs/evaluation.md,
 * "Service credits"): pure functions over a loaded dataset, no I/O. Every
 * amount is an exact rational (GMP); text and cents come from one rounding
 * rule, half away from zero, applied only when a number is shown.
 *
 * The rules, in order:
 * - a metric's month value is Σnumerator ÷ Σdenominator over the calendar
 *   month (struct metric_month); month 1 is the go-live month; a month
 *   without data (no rows or Σdenominator = 0) has no row and no credit;
 * - no credit in months 1..burn_in_months;
 * - pool = at_risk_pct % of the month's revenue (financials; no row = 0);
 *   a metric's allocation = allocation_pct % of the pool;
 * - full: the allocation when the value misses the minimum (below it when
 *   higher is better, above it when lower is better), else nothing;
 *   linear: nothing when the value meets the expected level; else the
 *   allocation when it misses or equals the minimum; else allocation ×
 *   (expected − value) ÷ (expected − minimum), mirrored for lower;
 * - cap: when a contract's credits of a month add up to more than its
 *   pool, each is scaled by pool ÷ total;
 * - earn-back, for a credit above zero: waived when the metric meets the
 *   expected level in each of the next earn_back_months months; pending
 *   when none of them missed (a month without data before the metric's
 *   last month with data counts as missed) but some lie after that last
 *   month; otherwise owed (at once with earn_back_months 0). */
#ifndef TANDEM_CREDITS_H
#define TANDEM_CREDITS_H

#include <gmp.h>

#include "base/buf.h"
#include "domain/dataset.h"

enum credit_outcome {
	CREDIT_BURN_IN,     /* within months 1..burn_in_months */
	CREDIT_NONE,        /* the value meets the level its rule asks for */
	CREDIT_PARTIAL,     /* linear, between expected and minimum */
	CREDIT_WHOLE,       /* the whole allocation */
};

enum credit_state { CREDIT_NOTHING, CREDIT_OWED, CREDIT_WAIVED, CREDIT_PENDING };

/* One metric's month with data under its terms. */
struct credit_row {
	int term;                   /* index into ds->sla_terms */
	int contract;               /* index into ds->contracts */
	int metric_month;           /* index into ds->metric_months */
	month_t month;
	int32_t index;              /* month index, go-live month = 1 */
	enum credit_outcome outcome;
	enum credit_state state;
	size_t pool;                /* index into credits.pools */
	mpq_t allocation;           /* allocation_pct % of the pool */
	mpq_t before_cap;           /* the credit by the rule */
	mpq_t credit;               /* after the cap */
};

/* One contract's month that has at least one credit row. */
struct credit_pool {
	int contract;
	month_t month;
	int32_t index;
	micro_t revenue;            /* MICRO_NONE without a financials row */
	mpq_t pool;                 /* at_risk_pct % of the revenue */
	mpq_t total;                /* Σ before_cap of the month's rows */
	mpq_t cap;                  /* pool ÷ total when total > pool, else 1 */
};

struct credits {
	const struct dataset *ds;
	struct credit_row *rows;    /* by term (contract, metric), then month */
	size_t n_rows;
	struct credit_pool *pools;  /* by contract, then month */
	size_t n_pools;
};

/* Computes every credit row of ds (all months loaded). The caller frees
 * out with credits_free(); ds must outlive it. */
void credits_compute(const struct dataset *ds, struct credits *out);
void credits_free(struct credits *c);

/* One month the earn-back of a row looked at. */
struct earn_back_month {
	month_t month;
	int metric_month;           /* index into ds->metric_months, or NO_INDEX (no data) */
	int met;                    /* meets the expected level */
	int after_last;             /* lies after the metric's last month with data */
};
/* Fills out[0..earn_back_months-1] with the months row's earn-back looked
 * at; returns how many (the term's earn_back_months). out must hold that
 * many. */
size_t credits_earn_back(const struct credits *c, const struct credit_row *row,
			 struct earn_back_month *out);

/* Does the value num ÷ den meet the expected level of term t? Does it
 * miss (is it worse than) the minimum? den > 0. */
int credits_meets_expected(const struct dataset *ds, const struct sla_term *t, micro_t num,
			   micro_t den);
int credits_misses_minimum(const struct dataset *ds, const struct sla_term *t, micro_t num,
			   micro_t den);

/* Sums, each rounded once to cents (half away from zero). */
struct credit_totals {
	int64_t pool, owed, waived, pending;   /* cents */
	int64_t incurred;                      /* cents: every credit, whatever its state */
	int64_t rows;                          /* credit rows counted */
	int64_t below_minimum;                 /* rows whose value missed the minimum (after burn-in) */
};
/* Totals of the rows and pools of contracts for which want() says yes (all
 * when want is NULL), in months [from, to]. */
typedef int (*credit_filter)(const struct dataset *ds, int contract, const void *arg);
void credits_sum(const struct credits *c, credit_filter want, const void *arg, month_t from,
		 month_t to, struct credit_totals *out);

/* q rounded half away from zero to cents. */
int64_t credits_cents(mpq_srcptr q);
/* Appends q rounded half away from zero to `decimals` places (0..9),
 * trailing zeros kept, never "-0.00". */
void credits_format(struct buf *out, mpq_srcptr q, int decimals);
/* Appends cents as "123.45". */
void credits_format_cents(struct buf *out, int64_t cents);
/* "burn_in", "none", "partial", "whole"; "nothing", "owed", "waived",
 * "pending": the ids renderers translate. */
const char *credits_outcome_id(enum credit_outcome o);
const char *credits_state_id(enum credit_state s);

#endif
