/* SPDX-License-Identifier: MIT */
/* The renderers of credits_report.h. Money has two decimals, month values
 * four, the cap factor six; each number is rounded once, half away from
 * zero, from the engine's exact rationals (credits_format). */
#include "report/credits_report.h"

#include "domain/date.h"
#include "io/csv.h"
#include "engine/numfmt.h"
#include "io/jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void report_credit_value(struct buf *out, micro_t num, micro_t den, int decimals)
{
	mpq_t q;
	mpq_init(q);
	mpz_set_si(mpq_numref(q), num);
	mpz_set_si(mpq_denref(q), den);
	mpq_canonicalize(q);
	credits_format(out, q, decimals);
	mpq_clear(q);
}

static int month_in_year(month_t m, int year)
{
	return month_year(m) == year;
}

static int row_wanted(const struct credit_row *r, int year, int contract)
{
	return month_in_year(r->month, year) && (contract < 0 || r->contract == contract);
}

int report_credits_has_year(const struct credits *c, int year, int contract)
{
	for (size_t i = 0; i < c->n_rows; i++)
		if (row_wanted(&c->rows[i], year, contract))
			return 1;
	return 0;
}

static const struct sla_term *term_of(const struct credits *c, const struct credit_row *r)
{
	return &c->ds->sla_terms[r->term];
}

static const char *metric_of(const struct credits *c, const struct credit_row *r)
{
	return c->ds->sla_metrics[term_of(c, r)->sla_metric].metric;
}

static const struct metric_month *mm_of(const struct credits *c, const struct credit_row *r)
{
	return &c->ds->metric_months[r->metric_month];
}

void report_credits_csv(const struct credits *c, int year, int contract, struct buf *out)
{
	buf_adds(out, "contract_id,metric,month,value,minimum,expected,credit_owed,credit_waived,"
		 "credit_pending\n");
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct credit_row *r = &c->rows[i];
		const struct sla_term *t = term_of(c, r);
		const struct metric_month *mm = mm_of(c, r);
		const char *id = c->ds->contracts[r->contract].id, *metric = metric_of(c, r);
		if (!row_wanted(r, year, contract))
			continue;
		csv_write_field(out, id, strlen(id));
		buf_addc(out, ',');
		csv_write_field(out, metric, strlen(metric));
		buf_addc(out, ',');
		numfmt_month(out, r->month);
		buf_addc(out, ',');
		report_credit_value(out, mm->sum_numerator, mm->sum_denominator, 4);
		buf_addc(out, ',');
		numfmt_decimal(out, t->minimum);
		buf_addc(out, ',');
		numfmt_decimal(out, t->expected);
		for (enum credit_state s = CREDIT_OWED; s <= CREDIT_PENDING; s++) {
			buf_addc(out, ',');
			if (r->state == s)
				credits_format(out, r->credit, 2);
			else
				buf_adds(out, "0.00");
		}
		buf_addc(out, '\n');
	}
}

static int in_contract(const struct dataset *ds, int contract, const void *arg)
{
	(void)ds;
	return contract == *(const int *)arg;
}

void report_credits_months(const struct credits *c, int year, int contract,
			   struct credit_month_totals out[12])
{
	for (int m = 0; m < 12; m++) {
		out[m].month = month_of_ymd(year, m + 1);
		credits_sum(c, contract < 0 ? NULL : in_contract, &contract, out[m].month, out[m].month,
			    &out[m].totals);
	}
}

static const char *state_key(const struct credit_row *r)
{
	static const char *const keys[] = { "report.cr_state_nothing", "report.cr_state_owed", "report.cr_state_waived",
					    "report.cr_state_pending" };
	return r->outcome == CREDIT_BURN_IN ? "report.cr_state_burn_in" : keys[r->state];
}

/* The first term of the contract, which carries its at_risk_pct and
 * burn_in_months. */
static const struct sla_term *contract_term(const struct credits *c, int contract)
{
	for (size_t i = 0; i < c->n_rows; i++)
		if (c->rows[i].contract == contract)
			return term_of(c, &c->rows[i]);
	return NULL;
}

/* "LABEL: owed X, waived Y, pending Z (pool W)" after lead. */
static void text_totals(struct buf *out, const char *lead, const char *label_key,
			const struct credit_totals *t, enum lang lang)
{
	buf_addf(out, "%s%s: %s ", lead, i18n(lang, label_key), i18n(lang, "report.cr_state_owed"));
	credits_format_cents(out, t->owed);
	buf_addf(out, ", %s ", i18n(lang, "report.cr_state_waived"));
	credits_format_cents(out, t->waived);
	buf_addf(out, ", %s ", i18n(lang, "report.cr_state_pending"));
	credits_format_cents(out, t->pending);
	buf_addf(out, " (%s ", i18n(lang, "report.cr_pool_total"));
	credits_format_cents(out, t->pool);
	buf_adds(out, ")\n");
}

static void text_contract(const struct credits *c, int year, int k, enum lang lang, struct buf *out)
{
	const struct dataset *ds = c->ds;
	const struct contract *ct = &ds->contracts[k];
	const struct sla_term *first = contract_term(c, k);
	struct credit_totals t;
	struct buf cell = BUF_INIT;

	buf_addf(out, "%s %s %s\n", ct->id, ds->clients[ct->client].id, ds->clients[ct->client].name);
	buf_addf(out, "  %s ", i18n(lang, "report.cr_at_risk"));
	numfmt_decimal(out, first->at_risk_pct);
	buf_addf(out, " %%, %s %d\n", i18n(lang, "report.cr_burn_in_months"), first->burn_in_months);
	buf_addf(out, "  %-8s %-10s %12s %10s %10s %-7s %14s  %s\n", i18n(lang, "report.cr_month"),
		 i18n(lang, "report.cr_metric"), i18n(lang, "report.cr_value"), i18n(lang, "report.cr_minimum"),
		 i18n(lang, "report.cr_expected"), i18n(lang, "report.cr_rule"), i18n(lang, "report.cr_credit"),
		 i18n(lang, "report.cr_state"));
	for (size_t p = 0; p < c->n_pools; p++) {
		const struct credit_pool *pl = &c->pools[p];
		if (pl->contract != k || !month_in_year(pl->month, year))
			continue;
		for (size_t i = 0; i < c->n_rows; i++) {
			const struct credit_row *r = &c->rows[i];
			const struct sla_term *term = term_of(c, r);
			const struct metric_month *mm = mm_of(c, r);
			char month[8], minimum[32], expected[32];
			if (r->pool != p)
				continue;
			month_format(r->month, month);
			decimal_format(term->minimum, minimum);
			decimal_format(term->expected, expected);
			buf_reset(&cell);
			report_credit_value(&cell, mm->sum_numerator, mm->sum_denominator, 4);
			buf_addf(out, "  %-8s %-10s %12s %10s %10s %-7s ", month, metric_of(c, r),
				 cell.data, minimum, expected,
				 term->credit_rule == CREDIT_FULL ? "full" : "linear");
			buf_reset(&cell);
			credits_format(&cell, r->credit, 2);
			buf_addf(out, "%14s  %s\n", cell.data, i18n(lang, state_key(r)));
		}
		if (mpq_cmp_ui(pl->cap, 1, 1) < 0) {
			buf_addf(out, "  %-8s %s ", "", i18n(lang, "report.cr_capped"));
			credits_format(out, pl->total, 2);
			buf_addf(out, " > %s ", i18n(lang, "report.cr_pool"));
			credits_format(out, pl->pool, 2);
			buf_addf(out, ", %s ", i18n(lang, "report.cr_cap_factor"));
			credits_format(out, pl->cap, 6);
			buf_addc(out, '\n');
		}
	}
	credits_sum(c, in_contract, &k, month_of_ymd(year, 1), month_of_ymd(year, 12), &t);
	text_totals(out, "  ", "report.cr_total", &t, lang);
	buf_release(&cell);
}

void report_credits_text(const struct credits *c, int year, int contract, enum lang lang,
			 struct buf *out)
{
	int any = 0;
	buf_addf(out, "%s %d\n", i18n(lang, "report.cr_title"), year);
	for (size_t k = 0; k < c->ds->n_contracts; k++) {
		if ((contract >= 0 && (int)k != contract) || !report_credits_has_year(c, year, (int)k))
			continue;
		buf_addc(out, '\n');
		text_contract(c, year, (int)k, lang, out);
		any = 1;
	}
	if (!any) {
		buf_addf(out, "\n%s\n", i18n(lang, "report.cr_none"));
		return;
	}
	if (contract < 0) {
		struct credit_totals t;
		credits_sum(c, NULL, NULL, month_of_ymd(year, 1), month_of_ymd(year, 12), &t);
		text_totals(out, "\n", "report.cr_company_total", &t, lang);
	}
}

static void json_totals(struct buf *out, const struct credit_totals *t)
{
	buf_adds(out, "{\"pool\":");
	credits_format_cents(out, t->pool);
	buf_adds(out, ",\"owed\":");
	credits_format_cents(out, t->owed);
	buf_adds(out, ",\"waived\":");
	credits_format_cents(out, t->waived);
	buf_adds(out, ",\"pending\":");
	credits_format_cents(out, t->pending);
	buf_addc(out, '}');
}

static void json_row(const struct credits *c, const struct credit_row *r, struct buf *out)
{
	const struct dataset *ds = c->ds;
	const struct sla_term *t = term_of(c, r);
	const struct metric_month *mm = mm_of(c, r);
	size_t n = (size_t)(t->earn_back_months > 0 ? t->earn_back_months : 0);
	struct earn_back_month *look = xcalloc(n + 1, sizeof *look);

	buf_adds(out, "{\"metric\":");
	json_write_string_or_null(out, metric_of(c, r));
	buf_addf(out, ",\"direction\":\"%s\",\"sum_numerator\":",
		 ds->sla_metrics[t->sla_metric].direction == DIR_HIGHER ? "higher" : "lower");
	numfmt_decimal(out, mm->sum_numerator);
	buf_adds(out, ",\"sum_denominator\":");
	numfmt_decimal(out, mm->sum_denominator);
	buf_adds(out, ",\"value\":");
	report_credit_value(out, mm->sum_numerator, mm->sum_denominator, 4);
	buf_adds(out, ",\"minimum\":");
	numfmt_decimal(out, t->minimum);
	buf_adds(out, ",\"expected\":");
	numfmt_decimal(out, t->expected);
	buf_addf(out, ",\"credit_rule\":\"%s\",\"allocation_pct\":",
		 t->credit_rule == CREDIT_FULL ? "full" : "linear");
	numfmt_decimal(out, t->allocation_pct);
	buf_adds(out, ",\"allocation\":");
	credits_format(out, r->allocation, 2);
	buf_addf(out, ",\"outcome\":\"%s\",\"credit_before_cap\":", credits_outcome_id(r->outcome));
	credits_format(out, r->before_cap, 2);
	buf_adds(out, ",\"credit\":");
	credits_format(out, r->credit, 2);
	buf_addf(out, ",\"state\":\"%s\",\"earn_back_months\":%d,\"earn_back\":[",
		 credits_state_id(r->state), t->earn_back_months);
	if (r->state != CREDIT_NOTHING) {
		credits_earn_back(c, r, look);
		for (size_t k = 0; k < n; k++) {
			buf_adds(out, k ? ",{\"month\":\"" : "{\"month\":\"");
			numfmt_month(out, look[k].month);
			buf_adds(out, "\",\"value\":");
			if (look[k].metric_month == NO_INDEX) {
				buf_addf(out, "null,\"met\":false,\"after_last_data\":%s",
					 look[k].after_last ? "true" : "false");
			} else {
				const struct metric_month *e = &ds->metric_months[look[k].metric_month];
				report_credit_value(out, e->sum_numerator, e->sum_denominator, 4);
				buf_addf(out, ",\"met\":%s,\"after_last_data\":false",
					 look[k].met ? "true" : "false");
			}
			buf_addc(out, '}');
		}
	}
	buf_adds(out, "]}");
	xfree(look);
}

void report_credits_json(const struct credits *c, int year, int contract, struct buf *out)
{
	const struct dataset *ds = c->ds;
	struct credit_totals t;
	int first_contract = 1;
	buf_addf(out, "{\n  \"year\": %d,\n  \"contracts\": [", year);
	for (size_t k = 0; k < ds->n_contracts; k++) {
		const struct contract *ct = &ds->contracts[k];
		const struct sla_term *term;
		int first_month = 1, ki = (int)k;
		if ((contract >= 0 && ki != contract) || !report_credits_has_year(c, year, ki))
			continue;
		term = contract_term(c, ki);
		buf_adds(out, first_contract ? "\n    {\"contract_id\":" : ",\n    {\"contract_id\":");
		first_contract = 0;
		json_write_string_or_null(out, ct->id);
		buf_adds(out, ",\"client_id\":");
		json_write_string_or_null(out, ds->clients[ct->client].id);
		buf_adds(out, ",\"sales_owner\":");
		json_write_string_or_null(out, ct->sales_owner == NO_INDEX ? NULL : ds->people[ct->sales_owner].id);
		buf_adds(out, ",\"ops_owner\":");
		json_write_string_or_null(out, ct->ops_owner == NO_INDEX ? NULL : ds->people[ct->ops_owner].id);
		buf_adds(out, ",\"go_live_month\":\"");
		numfmt_month(out, date_month(ct->go_live_on));
		buf_adds(out, "\",\"at_risk_pct\":");
		numfmt_decimal(out, term->at_risk_pct);
		buf_addf(out, ",\"burn_in_months\":%d,\"totals\":", term->burn_in_months);
		credits_sum(c, in_contract, &ki, month_of_ymd(year, 1), month_of_ymd(year, 12), &t);
		json_totals(out, &t);
		buf_adds(out, ",\"months\":[");
		for (size_t p = 0; p < c->n_pools; p++) {
			const struct credit_pool *pl = &c->pools[p];
			int first_row = 1;
			if (pl->contract != ki || !month_in_year(pl->month, year))
				continue;
			buf_adds(out, first_month ? "\n      {\"month\":\"" : ",\n      {\"month\":\"");
			first_month = 0;
			numfmt_month(out, pl->month);
			buf_addf(out, "\",\"index\":%d,\"burn_in\":%s,\"revenue\":", pl->index,
				 pl->index <= term->burn_in_months ? "true" : "false");
			if (pl->revenue == MICRO_NONE)
				buf_adds(out, "null");
			else
				numfmt_decimal(out, pl->revenue);
			buf_adds(out, ",\"pool\":");
			credits_format(out, pl->pool, 2);
			buf_adds(out, ",\"credits_before_cap\":");
			credits_format(out, pl->total, 2);
			buf_adds(out, ",\"cap_factor\":");
			credits_format(out, pl->cap, 6);
			buf_adds(out, ",\"metrics\":[");
			for (size_t i = 0; i < c->n_rows; i++) {
				if (c->rows[i].pool != p)
					continue;
				buf_adds(out, first_row ? "\n        " : ",\n        ");
				first_row = 0;
				json_row(c, &c->rows[i], out);
			}
			buf_adds(out, "]}");
		}
		buf_adds(out, "]}");
	}
	credits_sum(c, contract < 0 ? NULL : in_contract, &contract, month_of_ymd(year, 1),
		    month_of_ymd(year, 12), &t);
	buf_adds(out, first_contract ? "],\n  \"totals\": " : "\n  ],\n  \"totals\": ");
	json_totals(out, &t);
	buf_adds(out, "\n}\n");
}

int report_credit_terms_line(struct buf *out, const struct dataset *ds, int contract,
			     enum lang lang)
{
	const struct sla_term *first = NULL;
	for (size_t i = 0; i < ds->n_sla_terms; i++) {
		const struct sla_term *t = &ds->sla_terms[i];
		if (ds->sla_metrics[t->sla_metric].contract != contract)
			continue;
		buf_adds(out, first ? ", " : "");
		if (!first)
			first = t;
		buf_addf(out, "%s ", ds->sla_metrics[t->sla_metric].metric);
		numfmt_decimal(out, t->minimum);
		buf_adds(out, "–");
		numfmt_decimal(out, t->expected);
		buf_addf(out, " %s ", i18n(lang, t->credit_rule == CREDIT_FULL ? "enum.full" : "enum.linear"));
		numfmt_decimal(out, t->allocation_pct);
		buf_adds(out, " %");
	}
	if (!first)
		return 0;
	buf_adds(out, "; ");
	numfmt_decimal(out, first->at_risk_pct);
	buf_addf(out, " %% %s, %s %d", i18n(lang, "report.cr_pool_total"), i18n(lang, "report.cr_burn_in_months"),
		 first->burn_in_months);
	return 1;
}

void report_credit_terms_json(struct buf *out, const struct dataset *ds, int contract)
{
	int any = 0;
	buf_addc(out, '[');
	for (size_t i = 0; i < ds->n_sla_terms; i++) {
		const struct sla_term *t = &ds->sla_terms[i];
		if (ds->sla_metrics[t->sla_metric].contract != contract)
			continue;
		buf_adds(out, any ? ",{\"metric\":" : "{\"metric\":");
		any = 1;
		json_write_string_or_null(out, ds->sla_metrics[t->sla_metric].metric);
		buf_adds(out, ",\"minimum\":");
		numfmt_decimal(out, t->minimum);
		buf_adds(out, ",\"expected\":");
		numfmt_decimal(out, t->expected);
		buf_addf(out, ",\"credit_rule\":\"%s\",\"at_risk_pct\":",
			 t->credit_rule == CREDIT_FULL ? "full" : "linear");
		numfmt_decimal(out, t->at_risk_pct);
		buf_adds(out, ",\"allocation_pct\":");
		numfmt_decimal(out, t->allocation_pct);
		buf_addf(out, ",\"earn_back_months\":%d,\"burn_in_months\":%d}", t->earn_back_months,
			 t->burn_in_months);
	}
	buf_addc(out, ']');
}

void report_credits_contract_totals(const struct credits *c, int contract,
				    struct credit_totals *out)
{
	credits_sum(c, in_contract, &contract, INT32_MIN, INT32_MAX, out);
}
