/* SPDX-License-Identifier: MIT */
/* The JSON score report: {"format", "year", "model", "rows": [...]}, each
 * row as in the CSV plus "evidence" (contract criterion rows: measures,
 * the records looked at and why each counted or not, and for S2.1/S3.1/S3.2
 * the month-by-month table; aggregate rows: the contracts rolled up).
 * Appends to the caller's buffer. */
#include "report/scores_json.h"

#include <stdlib.h>
#include <string.h>

#include "io/jsonw.h"
#include "engine/numfmt.h"
#include "report/score_rows.h"
#include "report/units.h"

/* ---- small writers ----------------------------------------------------- */

static void key(struct buf *b, const char *k, int *first)
{
	if (!*first)
		buf_adds(b, ", ");
	*first = 0;
	json_write_plain(b, k);
	buf_adds(b, ": ");
}

static void kv_str(struct buf *b, const char *k, const char *v, int *first)
{
	key(b, k, first);
	if (v)
		json_write_plain(b, v);
	else
		buf_adds(b, "null");
}

/* A formatted number ("" = null). */
static void kv_num(struct buf *b, const char *k, const char *v, int *first)
{
	key(b, k, first);
	buf_adds(b, *v ? v : "null");
}

static void kv_int(struct buf *b, const char *k, long v, int *first)
{
	key(b, k, first);
	buf_addf(b, "%ld", v);
}

static void kv_bool(struct buf *b, const char *k, int v, int *first)
{
	key(b, k, first);
	buf_adds(b, v ? "true" : "false");
}

static void kv_ld(struct buf *b, const char *k, long double v, int decimals, int *first)
{
	key(b, k, first);
	numfmt_ld(b, v, decimals);
}

static void kv_micro(struct buf *b, const char *k, micro_t v, int *first)
{
	char t[32];
	key(b, k, first);
	if (v == MICRO_NONE) {
		buf_adds(b, "null");
		return;
	}
	decimal_format(v, t);
	buf_adds(b, t);
}

static void kv_date(struct buf *b, const char *k, day_t d, int *first)
{
	char t[11];
	if (d == DAY_NONE) {
		kv_str(b, k, NULL, first);
		return;
	}
	date_format(d, t);
	kv_str(b, k, t, first);
}

static const char *person_id(const struct dataset *ds, int p)
{
	return p >= 0 && (size_t)p < ds->n_people ? ds->people[p].id : NULL;
}

/* ---- evidence ---------------------------------------------------------- */

/* The key and the fields that matter of one record. */
static void put_record(struct buf *b, const struct dataset *ds, const struct evidence_row *r,
		       int *f)
{
	static const char *const scope_kinds[] = { "dispute", "out_of_scope" };
	static const char *const exp_kinds[] = { "scope", "volume", "site" };
	static const char *const outcomes[] = { "renewed", "lost", "pending" };
	static const char *const origins[] = { "sales", "operations" };
	static const char *const statuses[] = { "draft", "review", "won", "lost" };
	static const char *const ref_kinds[] = { "case_study", "reference_call", "site_visit", "referral" };
	static const char *const inno_kinds[] = { "process_improvement", "service_model", "automation" };
	static const char *const inno_status[] = { "proposed", "deployed" };
	char month[8];
	int i = r->index;

	switch (r->kind) {
	case EV_READINESS:
		kv_str(b, "item", ds->readiness[i].item, f);
		kv_int(b, "required", ds->readiness[i].required, f);
		kv_date(b, "done_on", ds->readiness[i].done_on, f);
		break;
	case EV_MANUAL_RATING:
		kv_date(b, "rated_on", ds->manual_ratings[i].rated_on, f);
		kv_str(b, "rated_by", person_id(ds, ds->manual_ratings[i].rated_by), f);
		kv_int(b, "concreteness", ds->manual_ratings[i].concreteness, f);
		kv_int(b, "feasibility", ds->manual_ratings[i].feasibility, f);
		break;
	case EV_SCOPE_CHANGE:
		kv_date(b, "date", ds->scope_changes[i].date, f);
		kv_str(b, "kind", scope_kinds[ds->scope_changes[i].kind], f);
		break;
	case EV_FINANCIAL:
		month_format(ds->financials[i].month, month);
		kv_str(b, "month", month, f);
		kv_micro(b, "revenue", ds->financials[i].revenue, f);
		kv_micro(b, "cost", ds->financials[i].cost, f);
		break;
	case EV_HANDOVER:
		kv_str(b, "item", ds->handover[i].item, f);
		kv_date(b, "accepted_on", ds->handover[i].accepted_on, f);
		break;
	case EV_EXPANSION:
		kv_date(b, "date", ds->expansions[i].date, f);
		kv_str(b, "kind", exp_kinds[ds->expansions[i].kind], f);
		kv_micro(b, "added_annual_value", ds->expansions[i].added_annual_value, f);
		break;
	case EV_CHILD_CONTRACT:
		kv_str(b, "id", ds->contracts[i].id, f);
		kv_str(b, "service_line", ds->contracts[i].service_line, f);
		kv_date(b, "signed_on", ds->contracts[i].signed_on, f);
		break;
	case EV_RENEWAL:
		kv_date(b, "due_on", ds->renewals[i].due_on, f);
		kv_str(b, "outcome", outcomes[ds->renewals[i].outcome], f);
		kv_micro(b, "new_annual_value", ds->renewals[i].new_annual_value, f);
		break;
	case EV_RELATIONSHIP_RATING:
		kv_date(b, "date", ds->relationship_ratings[i].date, f);
		kv_int(b, "level", ds->relationship_ratings[i].level, f);
		kv_str(b, "rated_by", person_id(ds, ds->relationship_ratings[i].rated_by), f);
		break;
	case EV_PROPOSAL:
		kv_str(b, "id", ds->proposals[i].id, f);
		kv_str(b, "origin", origins[ds->proposals[i].origin], f);
		kv_date(b, "proposed_on", ds->proposals[i].proposed_on, f);
		kv_str(b, "status", statuses[ds->proposals[i].status], f);
		break;
	case EV_REFERENCE:
		kv_str(b, "client_id", ds->clients[ds->references[i].client].id, f);
		kv_date(b, "date", ds->references[i].date, f);
		kv_str(b, "kind", ref_kinds[ds->references[i].kind], f);
		break;
	case EV_INNOVATION:
		kv_date(b, "date", ds->innovations[i].date, f);
		kv_str(b, "kind", inno_kinds[ds->innovations[i].kind], f);
		kv_str(b, "title", ds->innovations[i].title, f);
		kv_str(b, "status", inno_status[ds->innovations[i].status], f);
		kv_micro(b, "annual_savings", ds->innovations[i].annual_savings, f);
		break;
	}
}

static void put_months(struct buf *b, const struct scores *s, const struct score_criterion *sc)
{
	const struct month_table *t = &sc->months;
	const struct dataset *ds = s->ds;
	int f = 1;

	buf_addc(b, '{');
	kv_int(b, "elapsed_months", sc->elapsed_months, &f);
	kv_int(b, "planned_months", sc->planned_months, &f);
	kv_int(b, "stabilized_at", sc->stabilized_at, &f);
	kv_int(b, "stabilization_run_months", s->model->stabilization_run_months, &f);
	kv_int(b, "first", t->first, &f);
	kv_int(b, "last", t->last, &f);
	key(b, "months", &f);
	buf_addc(b, '[');
	for (int i = t->first; i <= t->last && t->n_metrics; i++) {
		char month[8];
		int g = 1;
		if (i > t->first)
			buf_addc(b, ',');
		json_write_indent(b, 4);
		buf_addc(b, '{');
		kv_int(b, "index", i, &g);
		month_format(t->go_live_month + i - 1, month);
		kv_str(b, "month", month, &g);
		kv_bool(b, "compliant", t->compliant[i - t->first], &g);
		key(b, "metrics", &g);
		buf_addc(b, '[');
		for (size_t m = 0; m < t->n_metrics; m++) {
			const struct month_cell *c = &t->cells[(size_t)(i - t->first) * t->n_metrics + m];
			const struct sla_metric *sm = &ds->sla_metrics[t->metrics[m]];
			int h = 1;
			buf_adds(b, m ? ", {" : "{");
			kv_str(b, "metric", sm->metric, &h);
			kv_str(b, "direction", sm->direction == DIR_HIGHER ? "higher" : "lower", &h);
			kv_micro(b, "target", c->target, &h);
			kv_int(b, "rows", c->rows, &h);
			kv_bool(b, "has_data", c->has_data, &h);
			kv_micro(b, "numerator", c->num, &h);
			kv_micro(b, "denominator", c->den, &h);
			key(b, "value", &h);
			if (c->has_data)
				numfmt_ld(b, (long double)c->num / (long double)c->den, 6);
			else
				buf_adds(b, "null");
			kv_bool(b, "met", c->met, &h);
			buf_addc(b, '}');
		}
		buf_adds(b, "]}");
	}
	buf_adds(b, "]}");
}

static void put_criterion_evidence(struct buf *b, const struct scores *s,
				   const struct score_criterion *sc)
{
	const struct criterion_def *def = sc->def;
	int f = 1;

	buf_addc(b, '{');
	kv_str(b, "na_reason", sc->available ? NULL : sc->na_reason, &f);
	key(b, "measures", &f);
	buf_addc(b, '[');
	for (size_t i = 0; i < def->n_measures; i++) {
		const struct score_measure *m = &sc->measures[i];
		int decimals = value_format_decimals(def->measure_formats[i]);
		int g = 1;
		buf_adds(b, i ? ", {" : "{");
		kv_str(b, "id", def->measures[i], &g);
		kv_bool(b, "in_model", m->model != NULL, &g);
		if (m->available) {
			kv_ld(b, "value", m->value, decimals, &g);
			kv_ld(b, "numerator", m->num, 6, &g);
			kv_ld(b, "denominator", m->den, 6, &g);
		} else {
			kv_str(b, "value", NULL, &g);
		}
		if (m->available && m->model)
			kv_ld(b, "score", m->score, 2, &g);
		else
			kv_str(b, "score", NULL, &g);
		if (m->model) {
			struct buf t = BUF_INIT;
			model_scoring_text(&m->model->scoring, &t);
			kv_str(b, "scoring", t.data, &g);
			/* the same function for people, in both languages; "scoring"
			 * above stays the formula scripts read */
			int ratio = def->measure_formats[i] == VALUE_RATIO;
			int w = 1;
			key(b, "scoring_words", &g);
			buf_addc(b, '{');
			static const struct { const char *code; enum lang lang; } langs[] = {
				{ "en", LANG_EN }, { "ko", LANG_KO },
			};
			for (size_t l = 0; l < 2; l++) {
				buf_reset(&t);
				units_scoring_words(&t, langs[l].lang, &m->model->scoring, ratio);
				kv_str(b, langs[l].code, t.data, &w);
			}
			buf_addc(b, '}');
			buf_release(&t);
		}
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	key(b, "records", &f);
	buf_addc(b, '[');
	for (size_t i = 0; i < sc->n_rows; i++) {
		const struct evidence_row *r = &sc->rows[i];
		int g = 1;
		if (i)
			buf_addc(b, ',');
		json_write_indent(b, 4);
		buf_addc(b, '{');
		kv_str(b, "record", score_evidence_kinds[r->kind], &g);
		put_record(b, s->ds, r, &g);
		kv_str(b, "measure", def->measures[r->measure], &g);
		kv_str(b, "status", score_evidence_statuses[r->status], &g);
		kv_str(b, "reason", r->reason, &g);
		if (r->status == EVS_COUNTED)
			kv_ld(b, "amount", r->amount, 6, &g);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	if (def->code == CRIT_S2_1 || def->code == CRIT_S3_1 || def->code == CRIT_S3_2) {
		key(b, "sla", &f);
		if (sc->months.n_metrics)
			put_months(b, s, sc);
		else
			buf_adds(b, "null");
	}
	buf_addc(b, '}');
}

static void put_aggregate_evidence(struct buf *b, const struct scores *s,
				   const struct score_aggregate *ag)
{
	int f = 1;
	buf_addc(b, '{');
	key(b, "contracts", &f);
	buf_addc(b, '[');
	for (size_t i = 0; i < ag->n_subjects; i++) {
		if (i)
			buf_adds(b, ", ");
		json_write_plain(b, score_set_id(s, &s->sets[ag->subjects[i]]));
	}
	buf_adds(b, "]}");
}

/* ,"grade_distribution": {"sales": {"person": {"S": 0, …, "n/a": 1},
 * "org_unit": {…}}, "operations": {…}}: people and org units per grade. */
static void put_grade_distribution(struct buf *out, const struct scores *s)
{
	const struct model *m = s->model;
	size_t *counts = xcalloc(m->n_grades + 1, sizeof *counts);
	static const enum subject_kind kinds[] = { SUBJECT_PERSON, SUBJECT_ORG_UNIT };
	int f = 0;

	key(out, "grade_distribution", &f);
	buf_addc(out, '{');
	for (int org = 0; org < 2; org++) {
		int g1 = 1;
		key(out, score_org_id((enum org_kind)org), &g1);
		buf_addc(out, '{');
		for (int k = 0; k < 2; k++) {
			int g2 = k == 0;
			score_grade_counts(s, (enum org_kind)org, kinds[k], counts);
			key(out, score_subject_kind_id(kinds[k]), &g2);
			buf_addc(out, '{');
			for (size_t g = 0; g <= m->n_grades; g++) {
				int g3 = g == 0;
				kv_int(out, g < m->n_grades ? m->grades[g].grade : "n/a", (long)counts[g], &g3);
			}
			buf_addc(out, '}');
		}
		buf_addc(out, '}');
		if (!org)
			buf_adds(out, ", ");
	}
	buf_addc(out, '}');
	xfree(counts);
}

void report_scores_json(const struct scores *s, struct buf *out)
{
	struct score_row *rows;
	size_t n;
	int f = 1;

	score_rows_build(s, &rows, &n);
	buf_addc(out, '{');
	key(out, "format", &f);
	buf_adds(out, "\"tandem-scores/1\"");
	kv_int(out, "year", s->year, &f);
	kv_str(out, "model", s->model->name, &f);
	kv_date(out, "first_day", s->first_day, &f);
	kv_date(out, "last_day", s->last_day, &f);
	/* SPEC §5 "Maturity": listed, never scored; present only when the
	 * model sets operations_min_months, so other reports keep their bytes. */
	if (s->model->operations_min_months) {
		kv_int(out, "operations_min_months", s->model->operations_min_months, &f);
		key(out, "too_early", &f);
		buf_addc(out, '[');
		for (size_t i = 0; i < s->n_too_early; i++) {
			const struct contract *k = &s->ds->contracts[s->too_early[i].contract];
			int g = 1;
			buf_adds(out, i ? ", {" : "{");
			kv_str(out, "contract_id", k->id, &g);
			kv_date(out, "go_live_on", k->go_live_on, &g);
			kv_int(out, "months", s->too_early[i].months, &g);
			buf_addc(out, '}');
		}
		buf_addc(out, ']');
	}
	key(out, "rows", &f);
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		const struct score_row *r = &rows[i];
		int g = 1;
		if (i)
			buf_addc(out, ',');
		json_write_indent(out, 1);
		buf_addc(out, '{');
		kv_str(out, "subject_kind", score_subject_kind_id(r->kind), &g);
		kv_str(out, "subject_id", r->subject_id, &g);
		kv_str(out, "org", score_org_id(r->org), &g);
		kv_str(out, "criterion", r->criterion, &g);
		kv_num(out, "value", r->value, &g);
		kv_num(out, "score", r->score, &g);
		kv_num(out, "weight", r->weight, &g);
		kv_num(out, "coverage", r->coverage, &g);
		if (r->crit) {
			key(out, "evidence", &g);
			put_criterion_evidence(out, s, r->crit);
		} else if (r->aggregate && r->level == ROW_TOTAL) {
			key(out, "evidence", &g);
			put_aggregate_evidence(out, s, r->aggregate);
		}
		buf_addc(out, '}');
	}
	buf_adds(out, "\n]");
	put_grade_distribution(out, s);
	buf_adds(out, "}\n");
	xfree(rows);
}
