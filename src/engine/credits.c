/* SPDX-License-Identifier: MIT */
/* The service-credit rules of credits.h. Amounts are GMP rationals in
 * currency units, built from the micro-unit integers of the dataset, so
 * nothing is rounded before it is shown. The arrays of struct credits are
 * owned by it and freed by credits_free(). */
#include "engine/credits.h"

#include "base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int higher_is_better(const struct dataset *ds, const struct sla_term *t)
{
	return ds->sla_metrics[t->sla_metric].direction == DIR_HIGHER;
}

/* Compares num ÷ den with level (micro-units): <0, 0, >0. den > 0. */
static int compare_value(micro_t num, micro_t den, micro_t level)
{
	__int128 lhs = (__int128)num * 1000000, rhs = (__int128)level * den;
	return lhs < rhs ? -1 : lhs > rhs;
}

int credits_meets_expected(const struct dataset *ds, const struct sla_term *t, micro_t num,
			   micro_t den)
{
	int c = compare_value(num, den, t->expected);
	return higher_is_better(ds, t) ? c >= 0 : c <= 0;
}

int credits_misses_minimum(const struct dataset *ds, const struct sla_term *t, micro_t num,
			   micro_t den)
{
	int c = compare_value(num, den, t->minimum);
	return higher_is_better(ds, t) ? c < 0 : c > 0;
}

static int has_data(const struct metric_month *mm)
{
	return mm->rows > 0 && mm->sum_denominator > 0;
}

/* q = v (micro-units) as currency units. */
static void q_from_micro(mpq_t q, micro_t v)
{
	mpz_t n;
	mpz_init(n);
	mpz_set_si(n, v);
	mpq_set_num(q, n);
	mpz_set_si(n, 1000000);
	mpq_set_den(q, n);
	mpq_canonicalize(q);
	mpz_clear(n);
}

/* q = q × pct ÷ 100, pct in micro-units. */
static void q_times_pct(mpq_t q, micro_t pct)
{
	mpq_t p;
	mpq_init(p);
	q_from_micro(p, pct);
	mpq_mul(q, q, p);
	mpz_mul_ui(mpq_denref(q), mpq_denref(q), 100);
	mpq_canonicalize(q);
	mpq_clear(p);
}

/* The linear share (expected − value) ÷ (expected − minimum), mirrored for
 * lower-is-better, of a value strictly between the two levels. */
static void linear_share(mpq_t share, const struct sla_term *t, int higher, micro_t num,
			 micro_t den)
{
	mpz_t a, b;
	mpz_inits(a, b, NULL);
	/* expected − num ÷ den = (expected × den − num × 10^6) ÷ (10^6 × den);
	 * expected − minimum = (expected − minimum) ÷ 10^6. */
	mpz_set_si(a, t->expected);
	mpz_mul_si(a, a, den);
	mpz_set_si(b, num);
	mpz_mul_ui(b, b, 1000000);
	mpz_sub(a, a, b);
	mpz_set_si(b, t->expected - t->minimum);
	mpz_mul_si(b, b, den);
	if (!higher) {
		mpz_neg(a, a);
		mpz_neg(b, b);
	}
	mpq_set_num(share, a);
	mpq_set_den(share, b);
	mpq_canonicalize(share);
	mpz_clears(a, b, NULL);
}

static micro_t revenue_of(const struct dataset *ds, int contract, month_t month)
{
	size_t lo = 0, hi = ds->n_financials;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct financial *f = &ds->financials[mid];
		int c = f->contract != contract ? (f->contract < contract ? -1 : 1)
			: f->month != month ? (f->month < month ? -1 : 1) : 0;
		if (!c)
			return f->revenue;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return MICRO_NONE;
}

/* The metric months of sla_metric mi: [*first, *end). */
static void months_of(const struct dataset *ds, int mi, size_t *first, size_t *end)
{
	size_t lo = 0, hi = ds->n_metric_months;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ds->metric_months[mid].sla_metric < mi)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo < ds->n_metric_months && ds->metric_months[lo].sla_metric == mi)
		lo++;
	*end = lo;
}

static int cmp_pool(const void *a, const void *b)
{
	const struct credit_pool *x = a, *y = b;
	if (x->contract != y->contract)
		return x->contract < y->contract ? -1 : 1;
	return x->month < y->month ? -1 : x->month > y->month;
}

static size_t find_pool(const struct credits *c, int contract, month_t month)
{
	size_t lo = 0, hi = c->n_pools;
	struct credit_pool key = { .contract = contract, .month = month };
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = cmp_pool(&c->pools[mid], &key);
		if (!r)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c->n_pools;
}

size_t credits_earn_back(const struct credits *c, const struct credit_row *row,
			 struct earn_back_month *out)
{
	const struct dataset *ds = c->ds;
	const struct sla_term *t = &ds->sla_terms[row->term];
	size_t first, end, n = (size_t)(t->earn_back_months > 0 ? t->earn_back_months : 0);
	month_t last = MONTH_NONE;
	months_of(ds, t->sla_metric, &first, &end);
	for (size_t i = first; i < end; i++)
		if (has_data(&ds->metric_months[i]))
			last = ds->metric_months[i].month;
	for (size_t k = 0; k < n; k++) {
		struct earn_back_month *e = &out[k];
		e->month = row->month + (month_t)(k + 1);
		e->metric_month = NO_INDEX;
		e->met = 0;
		e->after_last = last == MONTH_NONE || e->month > last;
		for (size_t i = first; i < end; i++) {
			const struct metric_month *mm = &ds->metric_months[i];
			if (mm->month != e->month || !has_data(mm))
				continue;
			e->metric_month = (int)i;
			e->met = credits_meets_expected(ds, t, mm->sum_numerator, mm->sum_denominator);
		}
	}
	return n;
}

static enum credit_state earn_back_state(const struct credits *c, const struct credit_row *row)
{
	const struct sla_term *t = &c->ds->sla_terms[row->term];
	size_t n = (size_t)(t->earn_back_months > 0 ? t->earn_back_months : 0);
	struct earn_back_month *look;
	int missed = 0, after = 0;
	if (!n)
		return CREDIT_OWED;
	look = xcalloc(n, sizeof *look);
	credits_earn_back(c, row, look);
	for (size_t k = 0; k < n; k++) {
		if (look[k].met)
			continue;
		if (look[k].metric_month == NO_INDEX && look[k].after_last)
			after = 1;
		else
			missed = 1;
	}
	xfree(look);
	return missed ? CREDIT_OWED : after ? CREDIT_PENDING : CREDIT_WAIVED;
}

void credits_compute(const struct dataset *ds, struct credits *out)
{
	size_t cap_rows = 0, cap_pools = 0;
	memset(out, 0, sizeof *out);
	out->ds = ds;

	/* The rows, and a pool for every contract month that has one. */
	for (size_t ti = 0; ti < ds->n_sla_terms; ti++) {
		const struct sla_term *t = &ds->sla_terms[ti];
		const struct sla_metric *sm = &ds->sla_metrics[t->sla_metric];
		const struct contract *k = &ds->contracts[sm->contract];
		size_t first, end;
		if (k->go_live_on == DAY_NONE)
			continue;
		month_t go_live = date_month(k->go_live_on);
		months_of(ds, t->sla_metric, &first, &end);
		for (size_t i = first; i < end; i++) {
			const struct metric_month *mm = &ds->metric_months[i];
			if (!has_data(mm) || mm->month < go_live)
				continue;
			ALLOC_GROW(out->rows, out->n_rows + 1, cap_rows);
			struct credit_row *r = &out->rows[out->n_rows++];
			memset(r, 0, sizeof *r);
			r->term = (int)ti;
			r->contract = sm->contract;
			r->metric_month = (int)i;
			r->month = mm->month;
			r->index = mm->month - go_live + 1;
			mpq_inits(r->allocation, r->before_cap, r->credit, NULL);
			size_t p;
			/* A contract's pools are the last ones made (terms come
			 * by contract). */
			for (p = out->n_pools; p > 0 && out->pools[p - 1].contract == r->contract; p--)
				if (out->pools[p - 1].month == r->month)
					break;
			if (p > 0 && out->pools[p - 1].contract != r->contract)
				p = 0;
			if (p == 0) {
				ALLOC_GROW(out->pools, out->n_pools + 1, cap_pools);
				struct credit_pool *pl = &out->pools[out->n_pools++];
				memset(pl, 0, sizeof *pl);
				pl->contract = r->contract;
				pl->month = r->month;
				pl->index = r->index;
				pl->revenue = revenue_of(ds, r->contract, r->month);
				mpq_inits(pl->pool, pl->total, pl->cap, NULL);
				if (pl->revenue != MICRO_NONE) {
					q_from_micro(pl->pool, pl->revenue);
					q_times_pct(pl->pool, t->at_risk_pct);
				}
			}
		}
	}
	xqsort(out->pools, out->n_pools, sizeof *out->pools, cmp_pool);

	/* Each rule's credit, and the month totals. */
	for (size_t i = 0; i < out->n_rows; i++) {
		struct credit_row *r = &out->rows[i];
		const struct sla_term *t = &ds->sla_terms[r->term];
		const struct metric_month *mm = &ds->metric_months[r->metric_month];
		int higher = higher_is_better(ds, t);
		r->pool = find_pool(out, r->contract, r->month);
		struct credit_pool *pl = &out->pools[r->pool];
		mpq_set(r->allocation, pl->pool);
		q_times_pct(r->allocation, t->allocation_pct);
		if (r->index <= t->burn_in_months) {
			r->outcome = CREDIT_BURN_IN;
		} else if (t->credit_rule == CREDIT_FULL) {
			r->outcome = credits_misses_minimum(ds, t, mm->sum_numerator, mm->sum_denominator)
				? CREDIT_WHOLE : CREDIT_NONE;
		} else if (credits_meets_expected(ds, t, mm->sum_numerator, mm->sum_denominator)) {
			r->outcome = CREDIT_NONE;
		} else if (compare_value(mm->sum_numerator, mm->sum_denominator, t->minimum) == 0 ||
			   credits_misses_minimum(ds, t, mm->sum_numerator, mm->sum_denominator)) {
			r->outcome = CREDIT_WHOLE;
		} else {
			r->outcome = CREDIT_PARTIAL;
		}
		if (r->outcome == CREDIT_WHOLE) {
			mpq_set(r->before_cap, r->allocation);
		} else if (r->outcome == CREDIT_PARTIAL) {
			linear_share(r->before_cap, t, higher, mm->sum_numerator, mm->sum_denominator);
			mpq_mul(r->before_cap, r->before_cap, r->allocation);
		}
		mpq_add(pl->total, pl->total, r->before_cap);
	}
	for (size_t p = 0; p < out->n_pools; p++) {
		struct credit_pool *pl = &out->pools[p];
		if (mpq_cmp(pl->total, pl->pool) > 0)
			mpq_div(pl->cap, pl->pool, pl->total);
		else
			mpq_set_ui(pl->cap, 1, 1);
	}
	for (size_t i = 0; i < out->n_rows; i++) {
		struct credit_row *r = &out->rows[i];
		mpq_mul(r->credit, r->before_cap, out->pools[r->pool].cap);
		r->state = mpq_sgn(r->credit) > 0 ? earn_back_state(out, r) : CREDIT_NOTHING;
	}
}

void credits_free(struct credits *c)
{
	for (size_t i = 0; i < c->n_rows; i++)
		mpq_clears(c->rows[i].allocation, c->rows[i].before_cap, c->rows[i].credit, NULL);
	for (size_t p = 0; p < c->n_pools; p++)
		mpq_clears(c->pools[p].pool, c->pools[p].total, c->pools[p].cap, NULL);
	xfree(c->rows);
	xfree(c->pools);
	memset(c, 0, sizeof *c);
}

/* |q| × 10^decimals rounded half away from zero, into n; returns q's sign. */
static int rounded(mpz_t n, mpq_srcptr q, int decimals)
{
	mpz_t d;
	mpz_init(d);
	mpz_abs(n, mpq_numref(q));
	mpz_ui_pow_ui(d, 10, (unsigned long)decimals);
	mpz_mul(n, n, d);
	mpz_mul_ui(n, n, 2);
	mpz_add(n, n, mpq_denref(q));
	mpz_mul_ui(d, mpq_denref(q), 2);
	mpz_fdiv_q(n, n, d);
	mpz_clear(d);
	return mpq_sgn(q);
}

int64_t credits_cents(mpq_srcptr q)
{
	mpz_t n;
	mpz_init(n);
	int sign = rounded(n, q, 2);
	int64_t v = (int64_t)mpz_get_si(n);
	mpz_clear(n);
	return sign < 0 ? -v : v;
}

void credits_format(struct buf *out, mpq_srcptr q, int decimals)
{
	mpz_t n;
	mpz_init(n);
	int sign = rounded(n, q, decimals);
	char *digits = mpz_get_str(NULL, 10, n);
	size_t len = strlen(digits);
	if (sign < 0 && mpz_sgn(n))
		buf_addc(out, '-');
	if (len <= (size_t)decimals) {
		buf_adds(out, "0");
		if (decimals) {
			buf_addc(out, '.');
			for (size_t i = len; i < (size_t)decimals; i++)
				buf_addc(out, '0');
			buf_adds(out, digits);
		}
	} else {
		buf_add(out, digits, len - (size_t)decimals);
		if (decimals) {
			buf_addc(out, '.');
			buf_adds(out, digits + len - decimals);
		}
	}
	void (*release)(void *, size_t);
	mp_get_memory_functions(NULL, NULL, &release);
	release(digits, len + 1);
	mpz_clear(n);
}

void credits_format_cents(struct buf *out, int64_t cents)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	buf_addf(out, "%s%llu.%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
}

void credits_sum(const struct credits *c, credit_filter want, const void *arg, month_t from,
		 month_t to, struct credit_totals *out)
{
	mpq_t pool, owed, waived, pending, incurred;
	mpq_inits(pool, owed, waived, pending, incurred, NULL);
	memset(out, 0, sizeof *out);
	for (size_t p = 0; p < c->n_pools; p++) {
		const struct credit_pool *pl = &c->pools[p];
		if (pl->month < from || pl->month > to || (want && !want(c->ds, pl->contract, arg)))
			continue;
		mpq_add(pool, pool, pl->pool);
	}
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct credit_row *r = &c->rows[i];
		if (r->month < from || r->month > to || (want && !want(c->ds, r->contract, arg)))
			continue;
		const struct metric_month *mm = &c->ds->metric_months[r->metric_month];
		out->rows++;
		if (credits_misses_minimum(c->ds, &c->ds->sla_terms[r->term], mm->sum_numerator,
					   mm->sum_denominator))
			out->below_minimum++;
		mpq_add(incurred, incurred, r->credit);
		switch (r->state) {
		case CREDIT_OWED: mpq_add(owed, owed, r->credit); break;
		case CREDIT_WAIVED: mpq_add(waived, waived, r->credit); break;
		case CREDIT_PENDING: mpq_add(pending, pending, r->credit); break;
		case CREDIT_NOTHING: break;
		}
	}
	out->pool = credits_cents(pool);
	out->owed = credits_cents(owed);
	out->waived = credits_cents(waived);
	out->pending = credits_cents(pending);
	out->incurred = credits_cents(incurred);
	mpq_clears(pool, owed, waived, pending, incurred, NULL);
}

const char *credits_outcome_id(enum credit_outcome o)
{
	static const char *const ids[] = { "burn_in", "none", "partial", "whole" };
	return ids[o];
}

const char *credits_state_id(enum credit_state s)
{
	static const char *const ids[] = { "nothing", "owed", "waived", "pending" };
	return ids[s];
}
