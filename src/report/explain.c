/* SPDX-License-Identifier: MIT */
/* `tandem explain`: one contract criterion told step by step from its
 * evidence (for SLA criteria month by month: "month 4 (2025-05): aht 312.4
 * > target 300 → not met"), in English or Korean, with money in won, ratios
 * also as percentages and the scoring function in words ("0 points at 50%
 * or less, 100 at 100% or more, in proportion between"). Appends to the
 * caller's buffer. */
#include "report/scores_text.h"
#include "report/units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/numfmt.h"

/* A number as short exact-looking text: 6 decimals, trailing zeros cut. */
static void put_trim(struct buf *out, long double v)
{
	size_t start = out->len;
	numfmt_ld(out, v, 6);
	size_t len = out->len;
	while (len > start && out->data[len - 1] == '0')
		len--;
	if (len > start && out->data[len - 1] == '.')
		len--;
	buf_setlen(out, len);
}

static void put_micro(struct buf *out, micro_t v)
{
	char t[32];
	if (v == MICRO_NONE) {
		buf_adds(out, "-");
		return;
	}
	decimal_format(v, t);
	buf_adds(out, t);
}

/* A date's text ("-" when absent) into a fixed buffer. */
static const char *date_text(day_t d, char t[16])
{
	if (d == DAY_NONE)
		return "-";
	date_format(d, t);
	return t;
}

/* An amount of money as the reader expects it ("1억 2,000만 원",
 * "₩120,000,000"; "-" when absent). The caller releases b. */
static const char *won_text(struct buf *b, micro_t v, enum lang lang)
{
	buf_reset(b);
	if (v == MICRO_NONE)
		buf_adds(b, "-");
	else
		units_won(b, lang, (wide_t)v);
	return b->data;
}

/* One evidence record in words: the catalog's "explain." entries. */
static void describe_record(struct buf *out, const struct dataset *ds, const struct evidence_row *r,
			    enum lang lang)
{
	int i = r->index;
	char month[8], d[16], n1[16], n2[16];
	struct buf a = BUF_INIT, b = BUF_INIT;
	switch (r->kind) {
	case EV_READINESS: {
		const char *args[] = { ds->readiness[i].item, date_text(ds->readiness[i].done_on, d) };
		i18n_add(out, lang, "explain.readiness", args, 2);
		break;
	}
	case EV_MANUAL_RATING: {
		snprintf(n1, sizeof n1, "%d", (int)ds->manual_ratings[i].concreteness);
		snprintf(n2, sizeof n2, "%d", (int)ds->manual_ratings[i].feasibility);
		const char *args[] = { date_text(ds->manual_ratings[i].rated_on, d), n1, n2 };
		i18n_add(out, lang, "explain.manual_rating", args, 3);
		break;
	}
	case EV_SCOPE_CHANGE: {
		const char *args[] = { date_text(ds->scope_changes[i].date, d) };
		i18n_add(out, lang, "explain.scope_change", args, 1);
		break;
	}
	case EV_FINANCIAL: {
		month_format(ds->financials[i].month, month);
		const char *args[] = { month, won_text(&a, ds->financials[i].revenue, lang),
				       won_text(&b, ds->financials[i].cost, lang) };
		i18n_add(out, lang, "explain.financials", args, 3);
		break;
	}
	case EV_HANDOVER: {
		const char *args[] = { ds->handover[i].item, date_text(ds->handover[i].accepted_on, d) };
		i18n_add(out, lang, "explain.handover", args, 2);
		break;
	}
	case EV_EXPANSION: {
		const char *args[] = { date_text(ds->expansions[i].date, d),
				       won_text(&a, ds->expansions[i].added_annual_value, lang) };
		i18n_add(out, lang, "explain.expansion", args, 2);
		break;
	}
	case EV_CHILD_CONTRACT: {
		const char *args[] = { ds->contracts[i].id, ds->contracts[i].service_line,
				       date_text(ds->contracts[i].signed_on, d) };
		i18n_add(out, lang, "explain.child_contract", args, 3);
		break;
	}
	case EV_RENEWAL: {
		const char *args[] = { date_text(ds->renewals[i].due_on, d),
				       won_text(&a, ds->renewals[i].new_annual_value, lang) };
		i18n_add(out, lang, "explain.renewal", args, 2);
		break;
	}
	case EV_RELATIONSHIP_RATING: {
		snprintf(n1, sizeof n1, "%d", (int)ds->relationship_ratings[i].level);
		const char *args[] = { date_text(ds->relationship_ratings[i].date, d), n1 };
		i18n_add(out, lang, "explain.relationship_rating", args, 2);
		break;
	}
	case EV_PROPOSAL: {
		const char *args[] = { ds->proposals[i].id, date_text(ds->proposals[i].proposed_on, d) };
		i18n_add(out, lang, "explain.proposal", args, 2);
		break;
	}
	case EV_REFERENCE: {
		const char *args[] = { date_text(ds->references[i].date, d) };
		i18n_add(out, lang, "explain.reference", args, 1);
		break;
	}
	case EV_INNOVATION: {
		const char *args[] = { ds->innovations[i].title, date_text(ds->innovations[i].date, d) };
		i18n_add(out, lang, "explain.innovation", args, 2);
		break;
	}
	}
	buf_release(&a);
	buf_release(&b);
}

/* SLA criteria: every month of the table, metric by metric. */
static void explain_months(const struct scores *s, const struct score_criterion *sc,
			   enum lang lang, struct buf *out)
{
	const struct month_table *t = &sc->months;
	int K = s->model->stabilization_run_months;
	long met = 0, with_data = 0;

	buf_addf(out, "%s = %d, %s = ", i18n(lang, "term.elapsed_months"), sc->elapsed_months,
		 i18n(lang, "term.planned_months"));
	if (sc->planned_months)
		buf_addf(out, "%d", sc->planned_months);
	else
		buf_adds(out, "-");
	buf_addf(out, ", K = %d\n", K);
	for (int i = t->first; i <= t->last && t->n_metrics; i++) {
		char month[8];
		month_format(t->go_live_month + i - 1, month);
		buf_addf(out, "%s %d (%s):", i18n(lang, "term.month"), i, month);
		for (size_t m = 0; m < t->n_metrics; m++) {
			const struct month_cell *c = &t->cells[(size_t)(i - t->first) * t->n_metrics + m];
			const struct sla_metric *sm = &s->ds->sla_metrics[t->metrics[m]];
			int higher = sm->direction == DIR_HIGHER;
			buf_addf(out, "%s %s ", m ? ";" : "", sm->metric);
			if (!c->has_data) {
				buf_adds(out, i18n(lang, "reason.no_data"));
				continue;
			}
			with_data++;
			met += c->met;
			put_trim(out, (long double)c->num / (long double)c->den);
			buf_addf(out, " %s %s ", c->met ? (higher ? "≥" : "≤") : (higher ? "<" : ">"),
				 i18n(lang, "term.target"));
			put_micro(out, c->target);
			buf_addf(out, " → %s", i18n(lang, c->met ? "term.met" : "term.not_met"));
		}
		if (sc->def->code == CRIT_S3_1)
			buf_addf(out, " ⇒ %s", i18n(lang, t->compliant[i - t->first] ? "term.compliant"
									   : "term.not_compliant"));
		buf_addc(out, '\n');
	}
	if (sc->def->code == CRIT_S3_1 || sc->def->code == CRIT_S2_1) {
		if (sc->stabilized_at)
			buf_addf(out, "%s %d\n", i18n(lang, "term.stabilized_at"), sc->stabilized_at);
		else
			buf_addf(out, "%s\n", i18n(lang, "term.not_stabilized"));
	}
	if (sc->def->code != CRIT_S3_1 && with_data)
		buf_addf(out, "%s: %ld / %ld\n", i18n(lang, "term.met"), met, with_data);
}

/* What the numerator and denominator of a measure count, when it is a
 * quantity with a unit: days of ramp-up, months to stabilize, won. */
enum quantity_unit { QUANTITY_PLAIN, QUANTITY_DAYS, QUANTITY_MONTHS, QUANTITY_WON };

static const struct {
	enum criterion_code code;
	int measure;
	enum quantity_unit unit;
} quantity_units[] = {
	{ CRIT_S1_2, 0, QUANTITY_DAYS },   /* staffed − ramp start ÷ planned ramp days */
	{ CRIT_S2_2, 0, QUANTITY_WON },    /* revenue − cost ÷ revenue · required margin */
	{ CRIT_S3_1, 0, QUANTITY_MONTHS }, /* months to stabilize ÷ planned months */
	{ CRIT_O1_1, 1, QUANTITY_WON },    /* Σ added annual value ÷ annual value */
	{ CRIT_O1_3, 1, QUANTITY_WON },    /* Σ (new − old) ÷ Σ old */
	{ CRIT_O3_1, 0, QUANTITY_WON },    /* Σ annual savings ÷ annual value */
};

static enum quantity_unit quantity_unit_of(const struct criterion_def *def, size_t measure)
{
	for (size_t i = 0; i < sizeof quantity_units / sizeof quantity_units[0]; i++)
		if (quantity_units[i].code == def->code && (size_t)quantity_units[i].measure == measure)
			return quantity_units[i].unit;
	return QUANTITY_PLAIN;
}

/* A numerator or denominator with its unit ("45일", "9 months",
 * "1,700만 원"). */
static void put_quantity(struct buf *out, long double v, enum quantity_unit unit, enum lang lang)
{
	switch (unit) {
	case QUANTITY_DAYS:
		units_days(out, lang, v, 0);
		break;
	case QUANTITY_MONTHS:
		units_months(out, lang, v, 0);
		break;
	case QUANTITY_WON:
		units_won(out, lang, (wide_t)llroundl(v * MICRO_ONE));
		break;
	case QUANTITY_PLAIN:
		put_trim(out, v);
		break;
	}
}

/* The scored criterion, or NULL. */
static const struct score_criterion *find_criterion(const struct scores *s, const char *contract_id,
						    const char *criterion_id)
{
	const struct criterion_def *def = criterion_find(criterion_id);
	const struct score_set *set = def ? score_find_set(s, contract_id, def->org) : NULL;
	for (size_t i = 0; set && i < set->n_criteria; i++)
		if (set->criteria[i].def == def)
			return &set->criteria[i];
	return NULL;
}

static int has_months(const struct criterion_def *def)
{
	return def->code == CRIT_S2_1 || def->code == CRIT_S3_1 || def->code == CRIT_S3_2;
}

int report_explain_span(const struct scores *s, const char *contract_id, const char *criterion_id,
			day_t *from, day_t *to)
{
	const struct score_criterion *sc = find_criterion(s, contract_id, criterion_id);
	if (!sc || !has_months(sc->def) || !sc->months.n_metrics || sc->months.last < sc->months.first)
		return 0;
	month_t first = sc->months.go_live_month + sc->months.first - 1;
	month_t last = sc->months.go_live_month + sc->months.last - 1;
	*from = date_from_ymd(month_year(first), month_month(first), 1);
	*to = date_from_ymd(month_year(last), month_month(last), days_in_month(month_year(last), month_month(last)));
	return 1;
}

/* The feeds behind the daily measurements: one line per metric, format
 * and source id. */
static void explain_feeds(const struct feed_evidence *fe, size_t n, enum lang lang, struct buf *out)
{
	if (!n)
		return;
	buf_addf(out, "%s\n", i18n(lang, "explain.feeds"));
	for (size_t i = 0; i < n; i++) {
		const struct feed_format *f = feed_format_find(fe[i].format);
		char first[11], last[11], days[24], items[24];
		struct buf files = BUF_INIT;
		date_format(fe[i].first, first);
		date_format(fe[i].last, last);
		snprintf(days, sizeof days, "%lld", (long long)fe[i].days);
		snprintf(items, sizeof items, "%lld", (long long)fe[i].items);
		for (const char *p = fe[i].files ? fe[i].files : ""; *p; p++) {
			if (*p == '\n')
				buf_adds(&files, ", ");
			else
				buf_addc(&files, *p);
		}
		const char *args[] = { fe[i].metric, first, last, days, items, fe[i].format, fe[i].source_id,
				       files.data };
		buf_adds(out, "- ");
		i18n_add(out, lang, f && f->tickets ? "explain.feed_tickets" : "explain.feed_intervals", args, 8);
		buf_addc(out, '\n');
		buf_release(&files);
	}
}

int report_explain(const struct scores *s, const char *contract_id,
		   const char *criterion_id, enum lang lang, struct buf *out,
		   struct buf *err)
{
	return report_explain_feeds(s, contract_id, criterion_id, NULL, 0, lang, out, err);
}

int report_explain_feeds(const struct scores *s, const char *contract_id, const char *criterion_id,
			 const struct feed_evidence *fe, size_t n_fe, enum lang lang, struct buf *out,
			 struct buf *err)
{
	const struct criterion_def *def = criterion_find(criterion_id);
	const struct score_set *set = def ? score_find_set(s, contract_id, def->org) : NULL;
	const struct score_criterion *sc = NULL;
	int ko = lang == LANG_KO;

	for (size_t i = 0; set && i < set->n_criteria; i++)
		if (set->criteria[i].def == def)
			sc = &set->criteria[i];
	if (!sc) {
		/* Say why: the user usually named a real contract in a year in
		 * which it is not scored for that organization. */
		if (!def)
			buf_addf(err, "unknown criterion '%s' (S1.1 … S3.3, O1.1 … O3.3)", criterion_id);
		else if (!set)
			buf_addf(err, "contract '%s' is not a %s subject of %d, so it has no %s%s",
				 contract_id, def->org == ORG_SALES ? "sales" : "operations", s->year,
				 criterion_id,
				 def->org == ORG_SALES ? " (sales subjects went live in the year or the"
					" year before and do not renew another contract)" : "");
		else
			buf_addf(err, "criterion '%s' is not in the model '%s'", criterion_id,
				 s->model->name);
		return -1;
	}
	buf_addf(out, "%s %s — %s %s (%s %d)\n", i18n(lang, "term.contract"), contract_id,
		 def->id, model_name_text(&sc->model->name, ko), i18n(lang, "term.year"), s->year);
	if (has_months(def)) {
		explain_months(s, sc, lang, out);
		explain_feeds(fe, n_fe, lang, out);
	}
	for (size_t i = 0; i < sc->n_rows; i++) {
		const struct evidence_row *r = &sc->rows[i];
		static const char *const status_keys[] = { "term.counted", "term.not_counted", "term.excluded" };
		buf_adds(out, "- ");
		describe_record(out, s->ds, r, lang);
		if (def->n_measures > 1)
			buf_addf(out, " [%s]", def->measures[r->measure]);
		buf_addf(out, ": %s", i18n(lang, status_keys[r->status]));
		if (r->reason)
			buf_addf(out, " (%s)", i18n_named(lang, "reason.", r->reason));
		buf_addc(out, '\n');
	}
	for (size_t i = 0; i < def->n_measures; i++) {
		const struct score_measure *m = &sc->measures[i];
		if (def->n_measures > 1)
			buf_addf(out, "%s: ", def->measures[i]);
		buf_addf(out, "%s = ", i18n(lang, "term.value"));
		if (!m->available) {
			buf_addf(out, "%s\n", i18n(lang, "term.na"));
			continue;
		}
		if (m->den != 1) {
			enum quantity_unit unit = quantity_unit_of(def, i);
			put_quantity(out, m->num, unit, lang);
			buf_adds(out, " ÷ ");
			put_quantity(out, m->den, unit, lang);
			buf_adds(out, " = ");
		}
		int ratio = def->measure_formats[i] == VALUE_RATIO;
		numfmt_ld(out, m->value, value_format_decimals(def->measure_formats[i]));
		if (ratio) {
			buf_adds(out, " (");
			units_percent(out, m->value, 1);
			buf_addc(out, ')');
		}
		if (m->model) {
			/* the scoring as people read it, then what it gave */
			buf_adds(out, "; ");
			units_scoring_words(out, lang, &m->model->scoring, ratio);
			buf_adds(out, " → ");
			numfmt_ld(out, m->score, 2);
		}
		buf_addc(out, '\n');
	}
	buf_addf(out, "%s = ", i18n(lang, "term.score"));
	if (sc->available)
		numfmt_ld(out, sc->score, 2);
	else
		buf_addf(out, "%s (%s)", i18n(lang, "term.na"), i18n_named(lang, "reason.", sc->na_reason ? sc->na_reason : "no_data"));
	buf_addc(out, '\n');
	return 0;
}

void report_scoring_words(const struct scoring *s, enum lang lang, struct buf *out)
{
	units_scoring_words(out, lang, s, 0);
}
