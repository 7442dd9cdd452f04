/* SPDX-License-Identifier: MIT */
/* The lifecycle renderers of lifecycle_text.h. Ratios print with four
 * decimals, money with two, mean months with two, all through numfmt. */
#include "report/lifecycle_text.h"

#include "report/credits_report.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/decimal.h"
#include "engine/numfmt.h"
#include "io/csv.h"
#include "io/jsonw.h"
#include "report/svg.h"
#include "report/units.h"
#include "domain/proposal_detail.h"

/* ---- small pieces ------------------------------------------------------ */

static void put_ratio(struct buf *out, long num, long den)
{
	numfmt_ld(out, (long double)num / den, 4);
}

/* num ÷ den with four decimals, or `none` when den is 0. */
static void put_rate(struct buf *out, long num, long den, const char *none)
{
	if (den)
		put_ratio(out, num, den);
	else
		buf_adds(out, none);
}

static void put_wide_rate(struct buf *out, wide_t num, wide_t den, const char *none)
{
	if (den)
		numfmt_ld(out, (long double)num / (long double)den, 4);
	else
		buf_adds(out, none);
}

static void json_key(struct buf *out, const char *key)
{
	json_write_string_or_null(out, key);
	buf_addc(out, ':');
}

static void json_date(struct buf *out, day_t d)
{
	if (d == DAY_NONE) {
		buf_adds(out, "null");
		return;
	}
	buf_addc(out, '"');
	numfmt_date(out, d);
	buf_addc(out, '"');
}

static void csv_str(struct buf *out, const char *s)
{
	if (s)
		csv_write_text_cell(out, s, strlen(s));
}

static const char *person_id(const struct dataset *ds, int p)
{
	return p == NO_INDEX ? NULL : ds->people[p].id;
}

/* "P-O1 박운영", or "-" */
static void put_person(struct buf *out, const struct dataset *ds, int p)
{
	if (p == NO_INDEX)
		buf_adds(out, "-");
	else
		buf_addf(out, "%s %s", ds->people[p].id, ds->people[p].name);
}

static void json_person(struct buf *out, const struct dataset *ds, int p)
{
	if (p == NO_INDEX) {
		buf_adds(out, "null");
		return;
	}
	buf_addc(out, '{');
	json_key(out, "id");
	json_write_string_or_null(out, ds->people[p].id);
	buf_addc(out, ',');
	json_key(out, "name");
	json_write_string_or_null(out, ds->people[p].name);
	buf_addc(out, '}');
}

/* Pads the display width of what was appended since start to width
 * columns (a Hangul syllable counts 2). */
static void pad(struct buf *out, size_t start, int width)
{
	int w = 0;
	for (size_t i = start; i < out->len; i++) {
		unsigned char c = (unsigned char)out->data[i];
		if (c < 0x80)
			w++;
		else if (c >= 0xc0)
			w += c >= 0xe0 ? 2 : 1;
	}
	for (; w < width; w++)
		buf_addc(out, ' ');
}

/* ---- promise vs delivery ---------------------------------------------- */

static int reviewer_of(const struct dataset *ds, const struct lc_promise *r)
{
	return r->review == NO_INDEX ? NO_INDEX : ds->feasibility_reviews[r->review].reviewer;
}

static void text_calibration(struct buf *out, const struct dataset *ds,
			     const struct lc_calibration *c, size_t n, enum lang lang)
{
	if (!n)
		buf_addf(out, "  %s\n", i18n(lang, "lc.none"));
	for (size_t i = 0; i < n; i++) {
		size_t start = out->len;
		buf_adds(out, "  ");
		if (c[i].person == NO_INDEX)
			buf_adds(out, i18n(lang, "lc.all"));
		else
			put_person(out, ds, c[i].person);
		pad(out, start, 24);
		buf_addf(out, " n %ld  %s ", c[i].n, i18n(lang, "lc.mae"));
		numfmt_ld(out, c[i].mae, 4);
		buf_addf(out, "  %s ", i18n(lang, "lc.bias"));
		numfmt_ld(out, c[i].bias, 4);
		buf_addc(out, '\n');
	}
}

void report_promises_text(const struct lc_promises *p, const struct dataset *ds,
			  const struct lc_override *overrides, enum lang lang, struct buf *out)
{
	const char *na = i18n(lang, "term.na");
	struct credits credits;
	credits_compute(ds, &credits);
	buf_addf(out, "%s, %d\n", i18n(lang, "lc.promises_title"), p->year);
	if (!p->n)
		buf_addf(out, "  %s\n", i18n(lang, "lc.no_promises"));
	for (size_t i = 0; i < p->n; i++) {
		const struct lc_promise *r = &p->rows[i];
		const struct contract *k = &ds->contracts[r->contract];
		buf_addf(out, "  %s → %s  %s ", ds->proposals[r->proposal].id, k->id,
			 i18n(lang, "lc.predicted"));
		if (r->has_predicted)
			numfmt_ld(out, r->predicted, 4);
		else
			buf_adds(out, na);
		buf_addf(out, "  %s ", i18n(lang, "lc.actual"));
		numfmt_ld(out, r->actual, 4);
		buf_addf(out, " (%ld/%ld)  %s ", r->met, r->with_data, i18n(lang, "lc.gap"));
		if (r->has_predicted)
			numfmt_ld(out, r->gap, 4);
		else
			buf_adds(out, na);
		buf_addc(out, '\n');
		buf_addf(out, "      %s ", i18n(lang, "lc.reviewer"));
		put_person(out, ds, reviewer_of(ds, r));
		buf_addf(out, ", %s ", i18n(lang, "lc.sales_owner"));
		put_person(out, ds, k->sales_owner);
		buf_addc(out, '\n');
		if (r->override >= 0) {
			const struct lc_override *o = &overrides[r->override];
			buf_addf(out, "      %s: %s, %s, \"%s\"\n", i18n(lang, "lc.override"), o->decided_by,
				 o->decided_at, o->reason);
		}
		/* The terms sales signed and the credits they cost (issue 20). */
		buf_addf(out, "      %s: ", i18n(lang, "lc.sla_terms"));
		if (report_credit_terms_line(out, ds, r->contract, lang)) {
			struct credit_totals t;
			report_credits_contract_totals(&credits, r->contract, &t);
			buf_addf(out, "\n      %s ", i18n(lang, "lc.credits_incurred"));
			credits_format_cents(out, t.incurred);
			buf_addf(out, " / %s ", i18n(lang, "report.cr_pool_total"));
			credits_format_cents(out, t.pool);
		} else {
			buf_adds(out, i18n(lang, "lc.no_sla_terms"));
		}
		buf_addc(out, '\n');
	}
	credits_free(&credits);
	buf_addf(out, "\n%s\n", i18n(lang, "lc.by_reviewer"));
	text_calibration(out, ds, p->by_reviewer, p->n_by_reviewer, lang);
	buf_addf(out, "%s\n", i18n(lang, "lc.by_sales_owner"));
	text_calibration(out, ds, p->by_sales_owner, p->n_by_sales_owner, lang);
	buf_addf(out, "%s\n", i18n(lang, "lc.overall"));
	text_calibration(out, ds, &p->overall, p->overall.n ? 1 : 0, lang);
}

static void csv_calibration(struct buf *out, const struct dataset *ds, const char *kind,
			    const struct lc_calibration *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_addf(out, "%s,", kind);
		csv_str(out, c[i].person == NO_INDEX ? "all" : ds->people[c[i].person].id);
		buf_addf(out, ",,,,,,,%ld,", c[i].n);
		numfmt_ld(out, c[i].mae, 4);
		buf_addc(out, ',');
		numfmt_ld(out, c[i].bias, 4);
		buf_adds(out, ",\n");
	}
}

void report_promises_csv(const struct lc_promises *p, const struct dataset *ds,
			 const struct lc_override *overrides, struct buf *out)
{
	buf_adds(out, "kind,id,contract_id,sales_owner,reviewer,predicted,actual,gap,n,mae,bias,override_by\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct lc_promise *r = &p->rows[i];
		const struct contract *k = &ds->contracts[r->contract];
		buf_adds(out, "promise,");
		csv_str(out, ds->proposals[r->proposal].id);
		buf_addc(out, ',');
		csv_str(out, k->id);
		buf_addc(out, ',');
		csv_str(out, person_id(ds, k->sales_owner));
		buf_addc(out, ',');
		csv_str(out, person_id(ds, reviewer_of(ds, r)));
		buf_addc(out, ',');
		if (r->has_predicted)
			numfmt_ld(out, r->predicted, 4);
		buf_addc(out, ',');
		numfmt_ld(out, r->actual, 4);
		buf_addc(out, ',');
		if (r->has_predicted)
			numfmt_ld(out, r->gap, 4);
		buf_adds(out, ",,,,");
		if (r->override >= 0)
			csv_str(out, overrides[r->override].decided_by);
		buf_addc(out, '\n');
	}
	csv_calibration(out, ds, "reviewer", p->by_reviewer, p->n_by_reviewer);
	csv_calibration(out, ds, "sales_owner", p->by_sales_owner, p->n_by_sales_owner);
	csv_calibration(out, ds, "all", &p->overall, p->overall.n ? 1 : 0);
}

static void json_calibration(struct buf *out, const struct dataset *ds,
			     const struct lc_calibration *c, size_t n)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		buf_adds(out, i ? ",\n    {" : "\n    {");
		json_key(out, "person");
		json_person(out, ds, c[i].person);
		buf_addf(out, ",\"n\":%ld,\"mae\":", c[i].n);
		numfmt_ld(out, c[i].mae, 4);
		buf_adds(out, ",\"bias\":");
		numfmt_ld(out, c[i].bias, 4);
		buf_addc(out, '}');
	}
	buf_adds(out, n ? "\n  ]" : "]");
}

void report_promises_json(const struct lc_promises *p, const struct dataset *ds,
			  const struct lc_override *overrides, struct buf *out)
{
	struct credits credits;
	credits_compute(ds, &credits);
	buf_addf(out, "{\n  \"year\": %d,\n  \"promises\": [", p->year);
	for (size_t i = 0; i < p->n; i++) {
		const struct lc_promise *r = &p->rows[i];
		const struct contract *k = &ds->contracts[r->contract];
		buf_adds(out, i ? ",\n    {" : "\n    {");
		json_key(out, "proposal_id");
		json_write_string_or_null(out, ds->proposals[r->proposal].id);
		buf_addc(out, ',');
		json_key(out, "contract_id");
		json_write_string_or_null(out, k->id);
		buf_addc(out, ',');
		json_key(out, "sales_owner");
		json_person(out, ds, k->sales_owner);
		buf_addc(out, ',');
		json_key(out, "reviewer");
		json_person(out, ds, reviewer_of(ds, r));
		buf_addc(out, ',');
		json_key(out, "reviewed_on");
		json_date(out, r->review == NO_INDEX ? DAY_NONE : ds->feasibility_reviews[r->review].reviewed_on);
		buf_adds(out, ",\"predicted\":");
		if (r->has_predicted)
			numfmt_ld(out, r->predicted, 4);
		else
			buf_adds(out, "null");
		buf_adds(out, ",\"actual\":");
		numfmt_ld(out, r->actual, 4);
		buf_addf(out, ",\"met\":%ld,\"metric_months\":%ld,\"gap\":", r->met, r->with_data);
		if (r->has_predicted)
			numfmt_ld(out, r->gap, 4);
		else
			buf_adds(out, "null");
		/* The terms sales signed and the credits they cost (issue 20). */
		{
			struct credit_totals t;
			report_credits_contract_totals(&credits, r->contract, &t);
			buf_adds(out, ",\"sla_terms\":");
			report_credit_terms_json(out, ds, r->contract);
			buf_adds(out, ",\"credits_incurred\":");
			credits_format_cents(out, t.incurred);
			buf_adds(out, ",\"money_at_risk\":");
			credits_format_cents(out, t.pool);
		}
		buf_adds(out, ",\"override\":");
		if (r->override >= 0) {
			const struct lc_override *o = &overrides[r->override];
			buf_addc(out, '{');
			json_key(out, "decided_by");
			json_write_string_or_null(out, o->decided_by);
			buf_addc(out, ',');
			json_key(out, "decided_at");
			json_write_string_or_null(out, o->decided_at);
			buf_addc(out, ',');
			json_key(out, "reason");
			json_write_string_or_null(out, o->reason);
			buf_addc(out, '}');
		} else {
			buf_adds(out, "null");
		}
		buf_addc(out, '}');
	}
	buf_adds(out, p->n ? "\n  ],\n  \"by_reviewer\": " : "],\n  \"by_reviewer\": ");
	json_calibration(out, ds, p->by_reviewer, p->n_by_reviewer);
	buf_adds(out, ",\n  \"by_sales_owner\": ");
	json_calibration(out, ds, p->by_sales_owner, p->n_by_sales_owner);
	buf_adds(out, ",\n  \"overall\": ");
	json_calibration(out, ds, &p->overall, p->overall.n ? 1 : 0);
	buf_adds(out, "\n}\n");
	credits_free(&credits);
}

/* ---- alerts ----------------------------------------------------------- */

void report_alert_evidence(struct buf *out, const struct lc_alert *a, const struct dataset *ds,
			   enum lang lang)
{
	const struct contract *k = &ds->contracts[a->contract];
	int ko = lang == LANG_KO;
	switch (a->rule) {
	case LC_STABILIZATION_OVERDUE:
		buf_addf(out, ko ? "계획 안정화 %d개월 + 연속 %d개월: 기한 %d개월차(" :
			 "planned %d months + a run of %d: month %d (", a->planned_months,
			 a->run_months, a->planned_months + a->run_months - 1);
		numfmt_month(out, a->deadline_month);
		buf_addf(out, ko ? ") 경과, 현재 %d개월차, 준수 월 %d개, 안정화 미달성" :
			 ") has passed; now month %d, %d compliant months, not stabilized",
			 a->months_elapsed, a->compliant_months);
		break;
	case LC_SLA_MISSED: {
		const struct sla_metric *m = &ds->sla_metrics[a->sla_metric];
		buf_addf(out, ko ? "%s(%s) %zu개월 연속 미달 (목표 %s " : "%s (%s) missed %zu months running (target %s ",
			 m->metric, m->name, a->n_months, m->direction == DIR_HIGHER ? "≥" : "≤");
		units_metric_value(out, lang, m->unit, (long double)m->target / MICRO_ONE);
		buf_adds(out, "):");
		for (size_t i = 0; i < a->n_months; i++) {
			buf_adds(out, i ? ", " : " ");
			numfmt_month(out, a->months[i].month);
			buf_addc(out, ' ');
			units_metric_value(out, lang, m->unit, (long double)a->months[i].num / a->months[i].den);
		}
		break;
	}
	case LC_READINESS_OPEN:
		buf_addf(out, ko ? "가동일(" : "go-live (");
		numfmt_date(out, k->go_live_on);
		buf_addf(out, ko ? ")까지 %d일, 미완료 필수 항목 %zu개:" :
			 ") in %d days, %zu required items open:", a->days_to_go_live, a->n_items);
		for (size_t i = 0; i < a->n_items; i++)
			buf_addf(out, "%s%s", i ? ", " : " ", ds->readiness[a->items[i]].item);
		break;
	case LC_RENEWAL_AT_RISK:
		buf_adds(out, ko ? "갱신 기한 " : "renewal due ");
		numfmt_date(out, ds->renewals[a->renewal].due_on);
		buf_addf(out, ko ? " (%d일 남음), 관계 수준 하락: " : " (in %d days), relationship level falling: ",
			 a->days_to_due);
		numfmt_ld(out, a->previous_level, 2);
		buf_adds(out, " (");
		numfmt_date(out, a->previous_on);
		buf_adds(out, ") → ");
		numfmt_ld(out, a->latest_level, 2);
		buf_adds(out, " (");
		numfmt_date(out, a->latest_on);
		buf_addc(out, ')');
		break;
	case LC_BELOW_MINIMUM: {
		const struct sla_metric *m = &ds->sla_metrics[a->sla_metric];
		buf_addf(out, ko ? "%s(%s) " : "%s (%s) ", m->metric, m->name);
		numfmt_month(out, a->month);
		buf_adds(out, ko ? " 현재 " : " so far ");
		units_metric_value(out, lang, m->unit, (long double)a->months[0].num / a->months[0].den);
		buf_adds(out, ko ? ", 계약상 최소 수준 " : ", missing its contractual minimum ");
		units_metric_value(out, lang, m->unit, (long double)a->months[0].target / MICRO_ONE);
		buf_adds(out, m->direction == DIR_HIGHER ? (ko ? " (높을수록 좋음)" : " (higher is better)")
			 : (ko ? " (낮을수록 좋음)" : " (lower is better)"));
		if (ko)
			buf_adds(out, " 미달");
		if (a->burn_in)
			buf_adds(out, ko ? " (유예 기간: 크레딧 없음)" : " (burn-in: no credit yet)");
		break;
	}
	case LC_CREDIT_EXPOSURE:
		buf_adds(out, ko ? "서비스 크레딧 " : "service credits ");
		units_won(out, lang, (wide_t)a->exposure_cents * (MICRO_ONE / 100));
		buf_addf(out, ko ? " (지표 %d개, " : " over %d metrics in ", a->n_metrics);
		numfmt_month(out, a->month);
		buf_adds(out, ko ? ", 위험 부담액 " : " so far, of a pool of ");
		units_won(out, lang, (wide_t)a->pool_cents * (MICRO_ONE / 100));
		if (ko)
			buf_addc(out, ')');
		break;
	default:
		break;
	}
}

void report_alerts_text(const struct lc_alerts *a, const struct dataset *ds, enum lang lang,
			struct buf *out)
{
	buf_addf(out, "%s ", i18n(lang, "lc.alerts_as_of"));
	numfmt_date(out, a->as_of);
	buf_addf(out, ": %zu\n", a->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct lc_alert *al = &a->items[i];
		const struct contract *k = &ds->contracts[al->contract];
		char key[48];
		buf_addf(out, "%s [%s] %s %s: ", k->id, lc_rule_id(al->rule),
			 ds->clients[k->client].id, ds->clients[k->client].name);
		snprintf(key, sizeof key, "lc.rule_%s", lc_rule_id(al->rule));
		buf_addf(out, "%s\n    %s ", i18n(lang, key), i18n(lang, "lc.sales_owner"));
		put_person(out, ds, k->sales_owner);
		buf_addf(out, ", %s ", i18n(lang, "lc.ops_owner"));
		put_person(out, ds, k->ops_owner);
		buf_adds(out, "\n    ");
		report_alert_evidence(out, al, ds, lang);
		buf_addc(out, '\n');
	}
}

/* "metric":…,"direction":… of an alert on one SLA metric. */
static void json_alert_metric(struct buf *out, const struct sla_metric *m)
{
	json_key(out, "metric");
	json_write_string_or_null(out, m->metric);
	buf_adds(out, ",\"direction\":");
	json_write_string_or_null(out, m->direction == DIR_HIGHER ? "higher" : "lower");
}

static void json_alert_detail(struct buf *out, const struct lc_alert *a, const struct dataset *ds)
{
	switch (a->rule) {
	case LC_STABILIZATION_OVERDUE:
		buf_addf(out, "\"planned_months\":%d,\"run_months\":%d,\"deadline_month\":\"",
			 a->planned_months, a->run_months);
		numfmt_month(out, a->deadline_month);
		buf_addf(out, "\",\"months_elapsed\":%d,\"compliant_months\":%d", a->months_elapsed,
			 a->compliant_months);
		break;
	case LC_SLA_MISSED:
		json_alert_metric(out, &ds->sla_metrics[a->sla_metric]);
		buf_adds(out, ",\"target\":");
		numfmt_micro(out, ds->sla_metrics[a->sla_metric].target, 4);
		buf_adds(out, ",\"months\":[");
		for (size_t i = 0; i < a->n_months; i++) {
			buf_adds(out, i ? ",{\"month\":\"" : "{\"month\":\"");
			numfmt_month(out, a->months[i].month);
			buf_adds(out, "\",\"value\":");
			numfmt_ld(out, (long double)a->months[i].num / a->months[i].den, 4);
			buf_addc(out, '}');
		}
		buf_addc(out, ']');
		break;
	case LC_READINESS_OPEN:
		buf_adds(out, "\"go_live_on\":");
		json_date(out, ds->contracts[a->contract].go_live_on);
		buf_addf(out, ",\"days_to_go_live\":%d,\"open_items\":[", a->days_to_go_live);
		for (size_t i = 0; i < a->n_items; i++) {
			if (i)
				buf_addc(out, ',');
			json_write_string_or_null(out, ds->readiness[a->items[i]].item);
		}
		buf_addc(out, ']');
		break;
	case LC_RENEWAL_AT_RISK:
		buf_adds(out, "\"due_on\":");
		json_date(out, ds->renewals[a->renewal].due_on);
		buf_addf(out, ",\"days_to_due\":%d,\"previous_rating\":{\"date\":", a->days_to_due);
		json_date(out, a->previous_on);
		buf_adds(out, ",\"level\":");
		numfmt_ld(out, a->previous_level, 2);
		buf_adds(out, "},\"latest_rating\":{\"date\":");
		json_date(out, a->latest_on);
		buf_adds(out, ",\"level\":");
		numfmt_ld(out, a->latest_level, 2);
		buf_addc(out, '}');
		break;
	case LC_BELOW_MINIMUM:
		json_alert_metric(out, &ds->sla_metrics[a->sla_metric]);
		buf_adds(out, ",\"month\":\"");
		numfmt_month(out, a->month);
		buf_adds(out, "\",\"value\":");
		report_credit_value(out, a->months[0].num, a->months[0].den, 4);
		buf_adds(out, ",\"minimum\":");
		numfmt_micro(out, a->months[0].target, 4);
		buf_addf(out, ",\"burn_in\":%s", a->burn_in ? "true" : "false");
		break;
	case LC_CREDIT_EXPOSURE:
		buf_adds(out, "\"month\":\"");
		numfmt_month(out, a->month);
		buf_adds(out, "\",\"pool\":");
		credits_format_cents(out, a->pool_cents);
		buf_adds(out, ",\"credits\":");
		credits_format_cents(out, a->exposure_cents);
		buf_addf(out, ",\"metrics\":%d", a->n_metrics);
		break;
	default:
		break;
	}
}

void report_alerts_json(const struct lc_alerts *a, const struct dataset *ds, enum lang lang,
			struct buf *out)
{
	struct buf text = BUF_INIT;
	buf_adds(out, "{\n  \"as_of\": ");
	json_date(out, a->as_of);
	buf_adds(out, ",\n  \"alerts\": [");
	for (size_t i = 0; i < a->n; i++) {
		const struct lc_alert *al = &a->items[i];
		const struct contract *k = &ds->contracts[al->contract];
		buf_adds(out, i ? ",\n    {" : "\n    {");
		json_key(out, "rule");
		json_write_string_or_null(out, lc_rule_id(al->rule));
		buf_addc(out, ',');
		json_key(out, "contract_id");
		json_write_string_or_null(out, k->id);
		buf_addc(out, ',');
		json_key(out, "client_id");
		json_write_string_or_null(out, ds->clients[k->client].id);
		buf_addc(out, ',');
		json_key(out, "sales_owner");
		json_person(out, ds, k->sales_owner);
		buf_addc(out, ',');
		json_key(out, "ops_owner");
		json_person(out, ds, k->ops_owner);
		buf_adds(out, ",\"evidence\":{");
		json_alert_detail(out, al, ds);
		buf_adds(out, "},\"message\":");
		buf_reset(&text);
		report_alert_evidence(&text, al, ds, lang);
		json_write_string_or_null(out, text.data);
		buf_addc(out, '}');
	}
	buf_adds(out, a->n ? "\n  ]\n}\n" : "]\n}\n");
	buf_release(&text);
}

/* ---- the growth cycle ------------------------------------------------- */

/* A year's figures as the text, CSV and JSON forms list them: counts and
 * values, each rate after the figures it divides; a rate's label is the
 * text form's line. */
enum cycle_cell { CY_COUNT, CY_VALUE, CY_RATE, CY_VALUE_RATE };

static const struct cycle_column {
	const char *name;               /* the CSV column and JSON key */
	enum cycle_cell cell;
	size_t at, den;                 /* offsets: the figure, or a rate's numerator and denominator */
	const char *label;              /* a rate's catalog key */
} cycle_columns[] = {
#define COUNT(f) { #f, CY_COUNT, offsetof(struct lc_cycle_year, f), 0, NULL }
#define VALUE(f) { #f, CY_VALUE, offsetof(struct lc_cycle_year, f), 0, NULL }
#define RATE(name, cell, num, den, label) \
	{ name, cell, offsetof(struct lc_cycle_year, num), offsetof(struct lc_cycle_year, den), label }
	COUNT(stab_judged), COUNT(stab_within_plan),
	RATE("stabilization_rate", CY_RATE, stab_within_plan, stab_judged, "lc.stabilization_rate"),
	COUNT(renewal_decided), COUNT(renewed),
	RATE("renewal_rate", CY_RATE, renewed, renewal_decided, "lc.renewal_rate"),
	COUNT(active_contracts), COUNT(expansions),
	RATE("expansions_per_contract", CY_RATE, expansions, active_contracts, "lc.expansion_rate"),
	VALUE(active_value), VALUE(expansion_value),
	RATE("expansion_value_growth", CY_VALUE_RATE, expansion_value, active_value,
	     "lc.expansion_value_growth"),
	COUNT(new_service_lines),
	RATE("new_service_line_rate", CY_RATE, new_service_lines, active_contracts,
	     "lc.new_service_line_rate"),
	COUNT(new_clients), COUNT(referred_new_clients),
	RATE("referral_rate", CY_RATE, referred_new_clients, new_clients, "lc.referral_rate"),
	COUNT(references), COUNT(accounts),
	RATE("references_per_account", CY_RATE, references, accounts, "lc.references_per_account"),
#undef COUNT
#undef VALUE
#undef RATE
};

/* The figure at offset at of y: a count, or with value a money value. */
static void put_figure(struct buf *out, const struct lc_cycle_year *y, size_t at, int value)
{
	const char *p = (const char *)y + at;

	if (value)
		numfmt_micro(out, *(const wide_t *)p, 2);
	else
		buf_addf(out, "%ld", *(const long *)p);
}

/* Column c of y; a rate over 0 is none. */
static void put_cycle_cell(struct buf *out, const struct lc_cycle_year *y,
			   const struct cycle_column *c, const char *none)
{
	const char *p = (const char *)y;

	switch (c->cell) {
	case CY_COUNT:
	case CY_VALUE:
		put_figure(out, y, c->at, c->cell == CY_VALUE);
		break;
	case CY_RATE:
		put_rate(out, *(const long *)(p + c->at), *(const long *)(p + c->den), none);
		break;
	case CY_VALUE_RATE:
		put_wide_rate(out, *(const wide_t *)(p + c->at), *(const wide_t *)(p + c->den), none);
		break;
	}
}

void report_cycle_text(const struct lc_cycle_year *years, size_t n, enum lang lang,
		       struct buf *out)
{
	const char *na = i18n(lang, "term.na");
	for (size_t i = 0; i < n; i++) {
		const struct lc_cycle_year *y = &years[i];
		buf_addf(out, "%s%d\n", i ? "\n" : "", y->year);
		for (size_t k = 0; k < sizeof cycle_columns / sizeof cycle_columns[0]; k++) {
			const struct cycle_column *c = &cycle_columns[k];
			size_t start = out->len;

			if (!c->label)
				continue;
			buf_addf(out, "  %s", i18n(lang, c->label));
			pad(out, start, 40);
			buf_addc(out, ' ');
			put_figure(out, y, c->at, c->cell == CY_VALUE_RATE);
			buf_addc(out, '/');
			put_figure(out, y, c->den, c->cell == CY_VALUE_RATE);
			buf_adds(out, "  ");
			put_cycle_cell(out, y, c, na);
			buf_addc(out, '\n');
		}
	}
}

void report_cycle_csv(const struct lc_cycle_year *years, size_t n, struct buf *out)
{
	buf_adds(out, "year");
	for (size_t k = 0; k < sizeof cycle_columns / sizeof cycle_columns[0]; k++)
		buf_addf(out, ",%s", cycle_columns[k].name);
	buf_addc(out, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_addf(out, "%d", years[i].year);
		for (size_t k = 0; k < sizeof cycle_columns / sizeof cycle_columns[0]; k++) {
			buf_addc(out, ',');
			put_cycle_cell(out, &years[i], &cycle_columns[k], "");
		}
		buf_addc(out, '\n');
	}
}

static void json_rate(struct buf *out, const char *key, long num, long den)
{
	buf_addf(out, ",\"%s\":", key);
	put_rate(out, num, den, "null");
}

void report_cycle_json(const struct lc_cycle_year *years, size_t n, struct buf *out)
{
	buf_adds(out, "{\n  \"years\": [");
	for (size_t i = 0; i < n; i++) {
		buf_addf(out, "%s{\"year\":%d", i ? ",\n    " : "\n    ", years[i].year);
		for (size_t k = 0; k < sizeof cycle_columns / sizeof cycle_columns[0]; k++) {
			buf_addf(out, ",\"%s\":", cycle_columns[k].name);
			put_cycle_cell(out, &years[i], &cycle_columns[k], "null");
		}
		buf_addc(out, '}');
	}
	buf_adds(out, n ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- the referral tree ------------------------------------------------ */

/* Is node i the last child of its parent in the pre-order list? */
static int last_sibling(const struct lc_referral *r, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n; j++) {
		if (r[j].depth < r[i].depth)
			return 1;
		if (r[j].depth == r[i].depth)
			return 0;
	}
	return 1;
}

#define TREE_MAX_DEPTH 64

void report_referrals_text(const struct lc_referral *r, size_t n, const struct dataset *ds,
			   enum lang lang, struct buf *out)
{
	int open[TREE_MAX_DEPTH] = { 0 };   /* an ancestor at this depth has more children */
	if (!n)
		buf_addf(out, "%s\n", i18n(lang, "lc.no_referrals"));
	for (size_t i = 0; i < n; i++) {
		const struct client *c = &ds->clients[r[i].client];
		int last = last_sibling(r, n, i);
		if (r[i].depth == 0 && i)
			buf_addc(out, '\n');
		for (int d = 1; d < r[i].depth && d < TREE_MAX_DEPTH; d++)
			buf_adds(out, open[d] ? "│  " : "   ");
		if (r[i].depth > 0)
			buf_adds(out, last ? "└─ " : "├─ ");
		buf_addf(out, "%s %s", c->id, c->name);
		if (r[i].on != DAY_NONE) {
			buf_adds(out, " (");
			numfmt_date(out, r[i].on);
			buf_addc(out, ')');
		}
		if (r[i].depth == 0 && r[i].parent != NO_INDEX)
			buf_addf(out, " ← %s (%s)", ds->clients[r[i].parent].id, i18n(lang, "lc.cycle_loop"));
		buf_addc(out, '\n');
		if (r[i].depth < TREE_MAX_DEPTH)
			open[r[i].depth] = !last;
	}
}

void report_referrals_json(const struct lc_referral *r, size_t n, const struct dataset *ds,
			   struct buf *out)
{
	buf_adds(out, "{\n  \"referrals\": [");
	for (size_t i = 0; i < n; i++) {
		buf_adds(out, i ? ",\n    {" : "\n    {");
		json_key(out, "client_id");
		json_write_string_or_null(out, ds->clients[r[i].client].id);
		buf_addc(out, ',');
		json_key(out, "name");
		json_write_string_or_null(out, ds->clients[r[i].client].name);
		buf_addc(out, ',');
		json_key(out, "referred_by");
		json_write_string_or_null(out, r[i].parent == NO_INDEX ? NULL : ds->clients[r[i].parent].id);
		buf_addf(out, ",\"depth\":%d,\"date\":", r[i].depth);
		json_date(out, r[i].on);
		buf_addc(out, '}');
	}
	buf_adds(out, n ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- the track record ------------------------------------------------- */

static void mean_months(struct buf *out, long sum, long n, const char *na)
{
	if (n)
		numfmt_ld(out, (long double)sum / n, 2);
	else
		buf_adds(out, na);
}

void report_track_record_text(const struct lc_track_record *t, enum lang lang, struct buf *out)
{
	const char *na = i18n(lang, "term.na");
	buf_addf(out, "%s %d\n\n", i18n(lang, "lc.track_record_title"), t->year);
	buf_addf(out, "%s: %ld/%ld ", i18n(lang, "lc.stabilization_rate"), t->stab_within_plan,
		 t->stab_judged);
	put_rate(out, t->stab_within_plan, t->stab_judged, na);
	buf_addf(out, "\n  %s ", i18n(lang, "lc.mean_months_to_stabilize"));
	mean_months(out, t->sum_stabilized_at, t->stabilized, na);
	buf_addf(out, " / %s ", i18n(lang, "lc.mean_planned"));
	mean_months(out, t->sum_planned, t->stabilized, na);
	buf_addc(out, '\n');
	for (size_t i = 0; i < t->n_contracts; i++) {
		const struct lc_track_contract *c = &t->contracts[i];
		buf_addf(out, "  #%zu: %s %d, ", i + 1, i18n(lang, "term.planned_months"), c->planned_months);
		if (c->stabilized_at)
			buf_addf(out, "%s %d%s%s", i18n(lang, "term.stabilized_at"), c->stabilized_at,
				 c->within_plan ? "" : ", ", c->within_plan ? "" : i18n(lang, "lc.late"));
		else
			buf_adds(out, i18n(lang, "term.not_stabilized"));
		buf_addc(out, '\n');
	}
	buf_addf(out, "%s: ", i18n(lang, "lc.steady_state_attainment"));
	put_rate(out, t->ss_met, t->ss_with_data, na);
	buf_addf(out, " (%ld/%ld %s, %ld %s)\n", t->ss_met, t->ss_with_data,
		 i18n(lang, "lc.metric_months_met"), t->ss_contracts, i18n(lang, "term.contracts"));
	buf_addf(out, "%s: %ld/%ld ", i18n(lang, "lc.renewal_rate"), t->renewed, t->renewal_decided);
	put_rate(out, t->renewed, t->renewal_decided, na);
	buf_addf(out, "\n%s: %ld/%ld ", i18n(lang, "lc.expansion_rate"), t->expansions,
		 t->active_contracts);
	put_rate(out, t->expansions, t->active_contracts, na);
	buf_addf(out, "\n%s: ", i18n(lang, "lc.expansion_value_growth"));
	put_wide_rate(out, t->expansion_value, t->active_value, na);
	buf_addc(out, '\n');
}

void report_track_record_json(const struct lc_track_record *t, struct buf *out)
{
	buf_addf(out, "{\n  \"year\": %d,\n  \"stabilization\": {\"judged\":%ld,\"within_plan\":%ld",
		 t->year, t->stab_judged, t->stab_within_plan);
	json_rate(out, "rate", t->stab_within_plan, t->stab_judged);
	buf_adds(out, ",\"mean_months_to_stabilize\":");
	mean_months(out, t->sum_stabilized_at, t->stabilized, "null");
	buf_adds(out, ",\"mean_planned_months\":");
	mean_months(out, t->sum_planned, t->stabilized, "null");
	buf_adds(out, ",\"contracts\":[");
	for (size_t i = 0; i < t->n_contracts; i++) {
		const struct lc_track_contract *c = &t->contracts[i];
		buf_addf(out, "%s{\"label\":\"#%zu\",\"planned_months\":%d,\"stabilized_at\":", i ? "," : "",
			 i + 1, c->planned_months);
		if (c->stabilized_at)
			buf_addf(out, "%d", c->stabilized_at);
		else
			buf_adds(out, "null");
		buf_addf(out, ",\"within_plan\":%s}", c->within_plan ? "true" : "false");
	}
	buf_addf(out, "]},\n  \"steady_state\": {\"contracts\":%ld,\"met\":%ld,\"metric_months\":%ld",
		 t->ss_contracts, t->ss_met, t->ss_with_data);
	json_rate(out, "attainment", t->ss_met, t->ss_with_data);
	buf_addf(out, "},\n  \"renewals\": {\"decided\":%ld,\"renewed\":%ld", t->renewal_decided,
		 t->renewed);
	json_rate(out, "rate", t->renewed, t->renewal_decided);
	buf_addf(out, "},\n  \"expansions\": {\"active_contracts\":%ld,\"count\":%ld",
		 t->active_contracts, t->expansions);
	json_rate(out, "per_contract", t->expansions, t->active_contracts);
	buf_adds(out, ",\"value_growth\":");
	put_wide_rate(out, t->expansion_value, t->active_value, "null");
	buf_adds(out, "}\n}\n");
}

static void html_text(struct buf *out, const char *s)
{
	svg_escape(out, s, strlen(s));
}

static void html_row(struct buf *out, const char *label, const char *value)
{
	buf_adds(out, "<tr><th scope=\"row\">");
	html_text(out, label);
	buf_adds(out, "</th><td>");
	html_text(out, value);
	buf_adds(out, "</td></tr>\n");
}

/* A rate as "0.5000 (1/2)" into a fresh buffer text. */
static void rate_text(struct buf *text, long num, long den, const char *na)
{
	buf_reset(text);
	put_rate(text, num, den, na);
	buf_addf(text, " (%ld/%ld)", num, den);
}

static double rate_value(long num, long den)
{
	return den ? (double)num / (double)den : SVG_NONE;
}

void report_track_record_html(const struct lc_track_record *t, enum lang lang, struct buf *out)
{
	const char *na = i18n(lang, "term.na");
	struct buf text = BUF_INIT, title = BUF_INIT;
	char labels[3][48];
	struct buf values[3] = { BUF_INIT, BUF_INIT, BUF_INIT };

	buf_addf(&title, "%s %d", i18n(lang, "lc.track_record_title"), t->year);
	buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		 lang == LANG_KO ? "ko" : "en");
	html_text(out, title.data);
	buf_adds(out, "</title>\n<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}"
		 "table{border-collapse:collapse}th,td{text-align:left;padding:.2em .8em;"
		 "border-bottom:1px solid #ccc}</style>\n</head>\n<body>\n<h1>");
	html_text(out, title.data);
	buf_adds(out, "</h1>\n<table>\n");
	rate_text(&text, t->stab_within_plan, t->stab_judged, na);
	html_row(out, i18n(lang, "lc.stabilization_rate"), text.data);
	buf_reset(&text);
	mean_months(&text, t->sum_stabilized_at, t->stabilized, na);
	buf_adds(&text, " / ");
	mean_months(&text, t->sum_planned, t->stabilized, na);
	html_row(out, i18n(lang, "lc.mean_months_to_stabilize"), text.data);
	rate_text(&text, t->ss_met, t->ss_with_data, na);
	html_row(out, i18n(lang, "lc.steady_state_attainment"), text.data);
	rate_text(&text, t->renewed, t->renewal_decided, na);
	html_row(out, i18n(lang, "lc.renewal_rate"), text.data);
	rate_text(&text, t->expansions, t->active_contracts, na);
	html_row(out, i18n(lang, "lc.expansion_rate"), text.data);
	buf_reset(&text);
	put_wide_rate(&text, t->expansion_value, t->active_value, na);
	html_row(out, i18n(lang, "lc.expansion_value_growth"), text.data);
	buf_adds(out, "</table>\n");

	/* the rates as bars on [0, 1] */
	struct svg_bar rates[3];
	const char *keys[3] = { "lc.stabilization_rate", "lc.steady_state_attainment", "lc.renewal_rate" };
	long nums[3] = { t->stab_within_plan, t->ss_met, t->renewed };
	long dens[3] = { t->stab_judged, t->ss_with_data, t->renewal_decided };
	for (int i = 0; i < 3; i++) {
		snprintf(labels[i], sizeof labels[i], "%s", i18n(lang, keys[i]));
		put_rate(&values[i], nums[i], dens[i], na);
		rates[i] = (struct svg_bar){ labels[i], rate_value(nums[i], dens[i]), values[i].data, NULL };
	}
	buf_adds(out, "<figure>\n");
	svg_bar_chart(out, i18n(lang, "lc.track_record_title"), rates, 3, 1.0, na, NULL);
	buf_adds(out, "\n</figure>\n");

	/* months to stabilize beside the plan, per anonymous contract */
	if (t->n_contracts) {
		size_t n = t->n_contracts * 2;
		struct svg_bar *bars = xcalloc(n, sizeof *bars);
		struct buf *lab = xcalloc(n, sizeof *lab), *val = xcalloc(n, sizeof *val);
		double max = 1;
		for (size_t i = 0; i < t->n_contracts; i++) {
			const struct lc_track_contract *c = &t->contracts[i];
			for (int k = 0; k < 2; k++) {
				size_t b = i * 2 + (size_t)k;
				int v = k ? c->stabilized_at : c->planned_months;
				buf_init(&lab[b]);
				buf_init(&val[b]);
				buf_addf(&lab[b], "#%zu %s", i + 1, i18n(lang, k ? "lc.actual" : "lc.plan"));
				if (v)
					buf_addf(&val[b], "%d", v);
				bars[b] = (struct svg_bar){ lab[b].data, v ? v : SVG_NONE,
							    v ? val[b].data : NULL, NULL };
				if (v > max)
					max = v;
			}
		}
		buf_adds(out, "<figure>\n");
		svg_bar_chart(out, i18n(lang, "lc.mean_months_to_stabilize"), bars, n, max,
			      i18n(lang, "term.not_stabilized"), NULL);
		buf_adds(out, "\n</figure>\n");
		for (size_t i = 0; i < n; i++) {
			buf_release(&lab[i]);
			buf_release(&val[i]);
		}
		xfree(lab);
		xfree(val);
		xfree(bars);
	}
	buf_adds(out, "</body>\n</html>\n");
	for (int i = 0; i < 3; i++)
		buf_release(&values[i]);
	buf_release(&text);
	buf_release(&title);
}

/* ---- a proposal, as `tandem proposal show --format json` and the API ---- */

static void json_member(struct buf *out, const char *key, const char *v, int number, int first)
{
	buf_addf(out, "%s\"%s\":", first ? "" : ",", key);
	if (!v)
		buf_adds(out, "null");
	else if (number)
		buf_adds(out, v);
	else
		json_write_string(out, v, strlen(v));
}

void report_proposal_json(const struct proposal_detail *d, struct buf *out)
{
	buf_addc(out, '{');
	json_member(out, "id", d->id, 0, 1);
	json_member(out, "client_id", d->client_id, 0, 0);
	json_member(out, "client_name", d->client_name, 0, 0);
	json_member(out, "credited_contract_id", d->credited_contract_id, 0, 0);
	json_member(out, "origin", d->origin, 0, 0);
	json_member(out, "title", d->title, 0, 0);
	json_member(out, "service_line", d->service_line, 0, 0);
	json_member(out, "proposed_on", d->proposed_on, 0, 0);
	json_member(out, "annual_value", d->annual_value, 1, 0);
	json_member(out, "status", d->status, 0, 0);
	buf_addf(out, ",\"gate_open\":%s,\"reviews\":[", d->gate_open ? "true" : "false");
	for (size_t i = 0; i < d->n_reviews; i++) {
		const struct proposal_review_row *r = &d->reviews[i];
		buf_adds(out, i ? ",{" : "{");
		json_member(out, "reviewed_on", r->reviewed_on, 0, 1);
		json_member(out, "reviewer", r->reviewer, 0, 0);
		json_member(out, "reviewer_name", r->reviewer_name, 0, 0);
		json_member(out, "verdict", r->verdict, 0, 0);
		json_member(out, "predicted_attainment", r->predicted_attainment, 1, 0);
		json_member(out, "risk_tier", r->risk_tier, 0, 0);
		json_member(out, "required_ramp_days", r->required_ramp_days, 1, 0);
		json_member(out, "conditions", r->conditions, 0, 0);
		buf_addc(out, '}');
	}
	buf_adds(out, "],\"override\":");
	if (d->has_override) {
		buf_addc(out, '{');
		json_member(out, "decided_by", d->override_by, 0, 1);
		json_member(out, "decided_at", d->override_at, 0, 0);
		json_member(out, "reason", d->override_reason, 0, 0);
		buf_addc(out, '}');
	} else {
		buf_adds(out, "null");
	}
	buf_addc(out, '}');
}
