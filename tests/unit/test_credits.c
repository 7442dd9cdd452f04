/* SPDX-License-Identifier: MIT */
/* The service-credit rules of engine/credits.h on hand-made datasets, each
 * expected amount computed by hand in the comment beside it. Revenue is
 * 1000 a month and 10 % is at risk, so the pool is 100 unless said. */
#include "test_engine_fixture.h"

#include "engine/credits.h"

static void fx_term(struct dataset *ds, int metric, const char *minimum, const char *expected,
		    const char *at_risk, const char *allocation, enum credit_rule rule,
		    int earn_back, int burn_in)
{
	struct sla_term *t = GROW(ds->sla_terms, ds->n_sla_terms);
	t->sla_metric = metric;
	t->minimum = M(minimum);
	t->expected = M(expected);
	t->at_risk_pct = M(at_risk);
	t->allocation_pct = M(allocation);
	t->credit_rule = rule;
	t->earn_back_months = earn_back;
	t->burn_in_months = burn_in;
}

/* A contract K1 live from 2025-01-10 with revenue 1000 in 2025-01..2025-12. */
static struct dataset *base(void)
{
	struct dataset *ds = fx_new();
	int client = fx_client(ds, "C1");
	int k = fx_contract(ds, "K1", client, "voice", "2025-01-10");
	static const char *const months[] = { "2025-01", "2025-02", "2025-03", "2025-04",
					      "2025-05", "2025-06", "2025-07", "2025-08",
					      "2025-09", "2025-10", "2025-11", "2025-12" };
	for (size_t m = 0; m < 12; m++)
		fx_financial(ds, k, months[m], "1000", "900");
	return ds;
}

/* The row of sla_metric `metric` in `month`, or NULL. */
static const struct credit_row *row_of(const struct credits *c, int metric, const char *month)
{
	for (size_t i = 0; i < c->n_rows; i++)
		if (c->ds->sla_terms[c->rows[i].term].sla_metric == metric &&
		    c->rows[i].month == MON(month))
			return &c->rows[i];
	return NULL;
}

/* The credit of that row as text with two decimals (a static buffer). */
static const char *credit_of(const struct credits *c, int metric, const char *month)
{
	static char text[64];
	const struct credit_row *r = row_of(c, metric, month);
	struct buf b = BUF_INIT;
	if (!r)
		return "no row";
	credits_format(&b, r->credit, 2);
	snprintf(text, sizeof text, "%s", b.data);
	buf_release(&b);
	return text;
}

static const char *state_of(const struct credits *c, int metric, const char *month)
{
	const struct credit_row *r = row_of(c, metric, month);
	return r ? credits_state_id(r->state) : "no row";
}

static const char *outcome_of(const struct credits *c, int metric, const char *month)
{
	const struct credit_row *r = row_of(c, metric, month);
	return r ? credits_outcome_id(r->outcome) : "no row";
}

/* Burn-in 2: month 2 (February) is still burn-in, month 3 (March) is not. */
static void credits_burn_in_boundary(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "50", CREDIT_FULL, 0, 2);
	fx_month(ds, sl, "2025-01", "50", "100");   /* month 1: 0.5, burn-in */
	fx_month(ds, sl, "2025-02", "50", "100");   /* month 2: 0.5, burn-in */
	fx_month(ds, sl, "2025-03", "50", "100");   /* month 3: 0.5 < 0.7: 50 % of 100 */
	credits_compute(ds, &c);
	assert_int_equal(c.n_rows, 3);
	assert_string_equal(outcome_of(&c, sl, "2025-02"), "burn_in");
	assert_string_equal(credit_of(&c, sl, "2025-02"), "0.00");
	assert_string_equal(state_of(&c, sl, "2025-02"), "nothing");
	assert_int_equal(row_of(&c, sl, "2025-02")->index, 2);
	assert_string_equal(outcome_of(&c, sl, "2025-03"), "whole");
	assert_string_equal(credit_of(&c, sl, "2025-03"), "50.00");
	assert_string_equal(state_of(&c, sl, "2025-03"), "owed");
	assert_int_equal(row_of(&c, sl, "2025-03")->index, 3);
	credits_free(&c);
	fx_free(ds);
}

/* A month without data has no row and no credit: no rows at all in
 * April, and rows whose Σdenominator is 0 (May) count as no data. */
static void credits_month_without_data(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	struct credit_totals t;
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "50", CREDIT_FULL, 0, 0);
	fx_month(ds, sl, "2025-03", "60", "100");   /* 0.6: 50 */
	fx_month(ds, sl, "2025-05", "0", "0");      /* no data */
	fx_month(ds, sl, "2025-06", "60", "100");   /* 0.6: 50 */
	credits_compute(ds, &c);
	assert_int_equal(c.n_rows, 2);
	assert_string_equal(credit_of(&c, sl, "2025-04"), "no row");
	assert_string_equal(credit_of(&c, sl, "2025-05"), "no row");
	assert_int_equal(c.n_pools, 2);   /* no pool for months without rows */
	credits_sum(&c, NULL, NULL, MON("2025-01"), MON("2025-12"), &t);
	assert_int_equal(t.owed, 10000);  /* 100.00 */
	assert_int_equal(t.pool, 20000);  /* two pools of 100 */
	credits_free(&c);
	fx_free(ds);
}

/* full: the whole allocation below the minimum; nothing at it or between
 * minimum and expected. */
static void credits_full_rule(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "40", CREDIT_FULL, 0, 0);
	fx_month(ds, sl, "2025-01", "75", "100");        /* between: nothing */
	fx_month(ds, sl, "2025-02", "70", "100");        /* at the minimum: nothing */
	fx_month(ds, sl, "2025-03", "699999", "1000000"); /* just below: 40 % of 100 */
	credits_compute(ds, &c);
	assert_string_equal(outcome_of(&c, sl, "2025-01"), "none");
	assert_string_equal(credit_of(&c, sl, "2025-01"), "0.00");
	assert_string_equal(outcome_of(&c, sl, "2025-02"), "none");
	assert_string_equal(credit_of(&c, sl, "2025-02"), "0.00");
	assert_string_equal(outcome_of(&c, sl, "2025-03"), "whole");
	assert_string_equal(credit_of(&c, sl, "2025-03"), "40.00");
	credits_free(&c);
	fx_free(ds);
}

/* linear: nothing at expected, a share between, the whole at and beyond
 * the minimum. Allocation 50 % of 100 = 50. */
static void credits_linear_rule(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "50", CREDIT_LINEAR, 0, 0);
	fx_month(ds, sl, "2025-01", "80", "100");    /* at expected: nothing */
	fx_month(ds, sl, "2025-02", "77", "100");    /* 50 × (0.8 − 0.77) ÷ 0.1 = 15 */
	fx_month(ds, sl, "2025-03", "70", "100");    /* at the minimum: 50 */
	fx_month(ds, sl, "2025-04", "40", "100");    /* beyond: 50 */
	/* Σnumerator ÷ Σdenominator, not a mean of days: (300 + 1200) ÷
	 * (500 + 1500) = 0.75 → 50 × 0.05 ÷ 0.1 = 25 (the mean of 0.6 and 0.8
	 * would give 0.7, the minimum, and 50). */
	fx_month(ds, sl, "2025-05", "1500", "2000");
	/* 2 ÷ 3 is not a decimal: 50 × (0.8 − 0.7666…) ÷ 0.1 = 16.666… → 16.67 */
	fx_month(ds, sl, "2025-06", "23", "30");
	credits_compute(ds, &c);
	assert_string_equal(outcome_of(&c, sl, "2025-01"), "none");
	assert_string_equal(credit_of(&c, sl, "2025-01"), "0.00");
	assert_string_equal(outcome_of(&c, sl, "2025-02"), "partial");
	assert_string_equal(credit_of(&c, sl, "2025-02"), "15.00");
	assert_string_equal(outcome_of(&c, sl, "2025-03"), "whole");
	assert_string_equal(credit_of(&c, sl, "2025-03"), "50.00");
	assert_string_equal(outcome_of(&c, sl, "2025-04"), "whole");
	assert_string_equal(credit_of(&c, sl, "2025-04"), "50.00");
	assert_string_equal(credit_of(&c, sl, "2025-05"), "25.00");
	assert_string_equal(credit_of(&c, sl, "2025-06"), "16.67");
	credits_free(&c);
	fx_free(ds);
}

/* Lower is better (handle time, expected 300 s, minimum 360 s): mirrored. */
static void credits_lower_is_better(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	(void)state;
	int aht = fx_metric(ds, 0, "AHT", DIR_LOWER, "300", NULL);
	int hold = fx_metric(ds, 0, "HOLD", DIR_LOWER, "30", NULL);
	fx_term(ds, aht, "360", "300", "10", "50", CREDIT_LINEAR, 0, 0);
	fx_term(ds, hold, "60", "30", "10", "20", CREDIT_FULL, 0, 0);
	fx_month(ds, aht, "2025-01", "29000", "100");   /* 290 ≤ 300: nothing */
	fx_month(ds, aht, "2025-02", "33000", "100");   /* 50 × (330 − 300) ÷ 60 = 25 */
	fx_month(ds, aht, "2025-03", "36000", "100");   /* at 360: 50 */
	fx_month(ds, aht, "2025-04", "40000", "100");   /* beyond: 50 */
	fx_month(ds, hold, "2025-01", "6000", "100");   /* at 60: nothing */
	fx_month(ds, hold, "2025-02", "6001", "100");   /* 60.01 > 60: 20 */
	credits_compute(ds, &c);
	assert_string_equal(credit_of(&c, aht, "2025-01"), "0.00");
	assert_string_equal(outcome_of(&c, aht, "2025-02"), "partial");
	assert_string_equal(credit_of(&c, aht, "2025-02"), "25.00");
	assert_string_equal(outcome_of(&c, aht, "2025-03"), "whole");
	assert_string_equal(credit_of(&c, aht, "2025-03"), "50.00");
	assert_string_equal(credit_of(&c, aht, "2025-04"), "50.00");
	assert_string_equal(credit_of(&c, hold, "2025-01"), "0.00");
	assert_string_equal(credit_of(&c, hold, "2025-02"), "20.00");
	credits_free(&c);
	fx_free(ds);
}

/* Cap: allocations of 60 % and 70 % both missed in March add up to 130,
 * more than the pool of 100: each × 100 ÷ 130 → 46.153846… and
 * 53.846153… In April only one misses: 60, no cap. Without a financials
 * row the pool is 0 and so is every credit. */
static void credits_cap(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	struct credit_totals t;
	struct buf b = BUF_INIT;
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	int fcr = fx_metric(ds, 0, "FCR", DIR_HIGHER, "0.7", NULL);
	/* The dataset keeps terms by sla_metric: SL (0) then FCR (1). */
	fx_term(ds, sl, "0.7", "0.8", "10", "60", CREDIT_FULL, 0, 0);
	fx_term(ds, fcr, "0.6", "0.7", "10", "70", CREDIT_FULL, 0, 0);
	fx_month(ds, sl, "2025-03", "50", "100");
	fx_month(ds, sl, "2025-04", "50", "100");
	fx_month(ds, fcr, "2025-03", "50", "100");
	fx_month(ds, fcr, "2025-04", "65", "100");
	credits_compute(ds, &c);
	const struct credit_pool *march = &c.pools[0];
	assert_int_equal(march->month, MON("2025-03"));
	credits_format(&b, march->total, 2);
	assert_string_equal(b.data, "130.00");
	buf_reset(&b);
	credits_format(&b, march->cap, 6);
	assert_string_equal(b.data, "0.769231");   /* 100 ÷ 130 */
	assert_string_equal(credit_of(&c, sl, "2025-03"), "46.15");
	assert_string_equal(credit_of(&c, fcr, "2025-03"), "53.85");
	assert_string_equal(credit_of(&c, sl, "2025-04"), "60.00");
	assert_string_equal(credit_of(&c, fcr, "2025-04"), "0.00");
	buf_reset(&b);
	credits_format(&b, c.pools[1].cap, 6);
	assert_string_equal(b.data, "1.000000");
	/* The month's credits add up to the pool exactly, before rounding. */
	credits_sum(&c, NULL, NULL, MON("2025-03"), MON("2025-03"), &t);
	assert_int_equal(t.owed, 10000);
	credits_free(&c);
	fx_free(ds);

	/* No revenue for the month: pool 0, credit 0 however bad the value. */
	ds = fx_new();
	fx_client(ds, "C1");
	fx_contract(ds, "K1", 0, "voice", "2025-01-10");
	sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "60", CREDIT_FULL, 0, 0);
	fx_month(ds, sl, "2025-03", "10", "100");
	credits_compute(ds, &c);
	assert_int_equal(c.pools[0].revenue, MICRO_NONE);
	assert_string_equal(outcome_of(&c, sl, "2025-03"), "whole");
	assert_string_equal(credit_of(&c, sl, "2025-03"), "0.00");
	assert_string_equal(state_of(&c, sl, "2025-03"), "nothing");
	credits_free(&c);
	fx_free(ds);
	buf_release(&b);
}

/* Earn-back over 2 months, expected 0.8 (full rule, minimum 0.7, so each
 * credit is 50), data from January to November but not July:
 * - January's credit: February and March meet 0.8 → waived;
 * - April's: May (0.7) misses the expected level → owed;
 * - June's: July has no data though later months have (a gap) → owed;
 * - August's: September and October meet → waived;
 * - November's (the last month with data): December and January lie
 *   after it, nothing missed → pending. */
static void credits_earn_back_rule(void **state)
{
	struct dataset *ds = base();
	struct credits c;
	struct credit_totals t;
	struct earn_back_month look[2];
	(void)state;
	int sl = fx_metric(ds, 0, "SL", DIR_HIGHER, "0.8", NULL);
	fx_term(ds, sl, "0.7", "0.8", "10", "50", CREDIT_FULL, 2, 0);
	const char *months[][2] = { { "2025-01", "60" }, { "2025-02", "80" }, { "2025-03", "85" },
				    { "2025-04", "60" }, { "2025-05", "70" }, { "2025-06", "60" },
				    { "2025-08", "60" }, { "2025-09", "90" }, { "2025-10", "90" },
				    { "2025-11", "60" } };
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
		fx_month(ds, sl, months[i][0], months[i][1], "100");
	credits_compute(ds, &c);
	assert_string_equal(state_of(&c, sl, "2025-01"), "waived");
	assert_string_equal(state_of(&c, sl, "2025-02"), "nothing");
	assert_string_equal(state_of(&c, sl, "2025-04"), "owed");
	assert_string_equal(state_of(&c, sl, "2025-05"), "nothing");
	assert_string_equal(state_of(&c, sl, "2025-06"), "owed");
	assert_string_equal(state_of(&c, sl, "2025-08"), "waived");
	assert_string_equal(state_of(&c, sl, "2025-11"), "pending");
	assert_int_equal(credits_earn_back(&c, row_of(&c, sl, "2025-06"), look), 2);
	assert_int_equal(look[0].month, MON("2025-07"));
	assert_int_equal(look[0].metric_month, NO_INDEX);
	assert_false(look[0].after_last);
	assert_int_equal(look[1].metric_month, 6);
	assert_false(look[1].met);
	assert_int_equal(credits_earn_back(&c, row_of(&c, sl, "2025-11"), look), 2);
	assert_true(look[0].after_last);
	assert_true(look[1].after_last);
	assert_int_equal(look[1].month, MON("2026-01"));
	credits_sum(&c, NULL, NULL, MON("2025-01"), MON("2025-12"), &t);
	assert_int_equal(t.owed, 10000);
	assert_int_equal(t.waived, 10000);
	assert_int_equal(t.pending, 5000);
	credits_free(&c);

	/* Without November, September missing (0.6): August's credit is owed;
	 * September's looks at October (met) and November (after the last
	 * month with data): pending. */
	ds->n_metric_months--;
	ds->metric_months[7].sum_numerator = M("60");
	credits_compute(ds, &c);
	assert_string_equal(state_of(&c, sl, "2025-08"), "owed");
	assert_string_equal(state_of(&c, sl, "2025-09"), "pending");
	credits_free(&c);

	/* earn_back_months 0: owed at once, even when the next months are met. */
	ds->sla_terms[0].earn_back_months = 0;
	credits_compute(ds, &c);
	assert_string_equal(state_of(&c, sl, "2025-01"), "owed");
	credits_free(&c);
	fx_free(ds);
}

/* One rounding, half away from zero, at the end; totals are rounded sums,
 * not sums of rounded rows. */
static void credits_rounding(void **state)
{
	mpq_t q;
	struct buf b = BUF_INIT;
	(void)state;
	mpq_init(q);
	mpq_set_si(q, 1, 8);          /* 0.125 → 0.13 */
	credits_format(&b, q, 2);
	assert_string_equal(b.data, "0.13");
	assert_int_equal(credits_cents(q), 13);
	buf_reset(&b);
	mpq_set_si(q, -1, 8);         /* −0.125 → −0.13 */
	credits_format(&b, q, 2);
	assert_string_equal(b.data, "-0.13");
	assert_int_equal(credits_cents(q), -13);
	buf_reset(&b);
	mpq_set_si(q, -1, 1000);      /* −0.001 → 0.00, never −0.00 */
	credits_format(&b, q, 2);
	assert_string_equal(b.data, "0.00");
	buf_reset(&b);
	mpq_set_si(q, 2, 3);
	credits_format(&b, q, 6);
	assert_string_equal(b.data, "0.666667");
	buf_reset(&b);
	credits_format_cents(&b, 123456);
	assert_string_equal(b.data, "1234.56");
	mpq_clear(q);
	buf_release(&b);

	/* Three credits of 100 ÷ 3 = 33.333…: rows print 33.33 each, the total
	 * is 100.00 (not 99.99). */
	struct dataset *ds = base();
	struct credits c;
	struct credit_totals t;
	int m[3];
	const char *names[] = { "A", "B", "C" };
	for (int i = 0; i < 3; i++) {
		m[i] = fx_metric(ds, 0, names[i], DIR_HIGHER, "1", NULL);
		fx_term(ds, m[i], "0.5", "1", "10", "50", CREDIT_FULL, 0, 0);
		fx_month(ds, m[i], "2025-02", "1", "10");
	}
	/* Three whole allocations of 50 = 150 > 100: each × 2/3 = 33.333… */
	credits_compute(ds, &c);
	assert_string_equal(credit_of(&c, m[1], "2025-02"), "33.33");
	credits_sum(&c, NULL, NULL, MON("2025-02"), MON("2025-02"), &t);
	assert_int_equal(t.owed, 10000);
	credits_free(&c);
	fx_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(credits_burn_in_boundary),
		cmocka_unit_test(credits_month_without_data),
		cmocka_unit_test(credits_full_rule),
		cmocka_unit_test(credits_linear_rule),
		cmocka_unit_test(credits_lower_is_better),
		cmocka_unit_test(credits_cap),
		cmocka_unit_test(credits_earn_back_rule),
		cmocka_unit_test(credits_rounding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
