/* SPDX-License-Identifier: MIT */
/* GET /api/v1/scores and /api/v1/explain. /api/v1/scores: the rows of SPEC §5's machine-readable results for a
 * year (report/score_rows.h, so they are the CSV's own numbers), filtered
 * by subject and organization, with the evidence behind each contract
 * criterion when one subject is asked for (or ?evidence=1). */
#include "web/web_impl.h"

#include "domain/date.h"
#include "engine/model.h"
#include "engine/score.h"
#include "io/jsonw.h"
#include "report/score_rows.h"
#include "report/scores_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A cell: the printed number, or null when empty. */
static void jnum(struct buf *o, const char *s)
{
	buf_adds(o, s && *s ? s : "null");
}

static void month_json(struct buf *o, const struct scored *sc, const struct score_criterion *cr)
{
	const struct month_table *mt = &cr->months;
	buf_addf(o, ",\"stabilized_at\":%d,\"planned_months\":%d,\"elapsed_months\":%d,\"months\":[",
		 cr->stabilized_at, cr->planned_months, cr->elapsed_months);
	for (int m = mt->first; m <= mt->last && mt->n_metrics; m++) {
		size_t c = (size_t)(m - mt->first);
		char label[8];
		month_format(mt->go_live_month + m - 1, label);
		buf_addf(o, "%s{\"index\":%d,\"month\":\"%s\",\"compliant\":%s,\"metrics\":[",
			 m > mt->first ? "," : "", m, label, mt->compliant[c] ? "true" : "false");
		for (size_t k = 0; k < mt->n_metrics; k++) {
			const struct month_cell *cell = &mt->cells[c * mt->n_metrics + k];
			char t[32];
			buf_addf(o, "%s{\"metric\":", k ? "," : "");
			json_write_string_or_null(o, sc->ds->sla_metrics[mt->metrics[k]].metric);
			buf_addf(o, ",\"has_data\":%s,\"met\":%s", cell->has_data ? "true" : "false",
				 cell->met ? "true" : "false");
			if (cell->has_data) {
				buf_adds(o, ",\"value\":");
				numfmt_ld(o, (long double)cell->num / (long double)cell->den, 4);
			}
			decimal_format(cell->target, t);
			buf_addf(o, ",\"target\":%s}", t);
		}
		buf_adds(o, "]}");
	}
	buf_adds(o, "]");
}

static void evidence_json(struct buf *o, const struct scored *sc, const struct score_criterion *cr)
{
	buf_adds(o, ",\"evidence\":[");
	for (size_t i = 0; i < cr->n_rows; i++) {
		const struct evidence_row *r = &cr->rows[i];
		buf_addf(o, "%s{\"kind\":\"%s\",\"index\":%d,\"status\":\"%s\",\"reason\":",
			 i ? "," : "", score_evidence_kinds[r->kind], r->index, score_evidence_statuses[r->status]);
		json_write_string_or_null(o, r->reason);
		buf_addf(o, ",\"measure\":%d,\"amount\":", r->measure);
		numfmt_ld(o, r->amount, 4);
		buf_adds(o, "}");
	}
	buf_adds(o, "]");
	if (cr->na_reason) {
		buf_adds(o, ",\"na_reason\":");
		json_write_string_or_null(o, cr->na_reason);
	}
	if (cr->months.n_metrics)
		month_json(o, sc, cr);
}

void api_scores(struct request *req, struct response *res)
{
	int year = req->year;
	const char *subject = http_query(req, "subject"), *org = http_query(req, "org");
	const char *ev = http_query(req, "evidence");
	char *want_kind = NULL, *want_id = NULL;
	struct buf err = BUF_INIT, j = BUF_INIT, key = BUF_INIT;
	const struct score_row *rows = NULL;
	size_t n = 0;

	if (org && strcmp(org, "sales") && strcmp(org, "operations")) {
		http_json_error(res, 400, "org", "org is sales or operations");
		goto out;
	}
	if (subject) {
		const char *colon = strchr(subject, ':');
		if (!colon) {
			http_json_error(res, 400, "subject", "subject is KIND:ID (contract, person, org_unit, company)");
			goto out;
		}
		want_kind = arena_strndup(&req->arena, subject, (size_t)(colon - subject));
		want_id = arena_strdup(&req->arena, colon + 1);
	}
	const struct scored *sc = web_scores_get(req, year, &err);
	if (!sc) {
		fprintf(stderr, "tandem serve: scores: %s\n", err.data);
		http_json_error(res, 500, NULL, "the scores could not be computed");
		goto out;
	}
	/* The same question about the same data has the same answer. */
	web_answer_key(req, 0, &key);
	if (web_answer_get(sc, key.data, &j, NULL)) {
		http_json(res, 200, &j);
		web_scores_release(req->srv, sc);
		goto out;
	}
	web_scores_rows(sc, &rows, &n);
	int with_evidence = subject || (ev && strcmp(ev, "0"));
	buf_addf(&j, "{\"year\":%d,\"model\":", year);
	json_write_string_or_null(&j, sc->model->name);
	buf_adds(&j, ",\"model_version\":");
	json_write_string_or_null(&j, sc->model_version);
	buf_adds(&j, ",\"rows\":[");
	int first = 1, found = 0;
	for (size_t i = 0; i < n; i++) {
		const struct score_row *r = &rows[i];
		const char *kind = score_subject_kind_id(r->kind);
		if (want_kind && (strcmp(kind, want_kind) || strcmp(r->subject_id, want_id)))
			continue;
		if (org && strcmp(score_org_id(r->org), org))
			continue;
		found = 1;
		buf_adds(&j, first ? "{" : ",{");
		first = 0;
		buf_addf(&j, "\"subject_kind\":\"%s\",\"subject_id\":", kind);
		json_write_string_or_null(&j, r->subject_id);
		buf_addf(&j, ",\"org\":\"%s\",\"criterion\":", score_org_id(r->org));
		json_write_string_or_null(&j, r->criterion);
		buf_adds(&j, ",\"value\":");
		jnum(&j, r->value);
		buf_adds(&j, ",\"score\":");
		jnum(&j, r->score);
		buf_adds(&j, ",\"weight\":");
		jnum(&j, r->weight);
		buf_adds(&j, ",\"coverage\":");
		jnum(&j, r->coverage);
		if (r->level == ROW_TOTAL && r->group && r->group->available) {
			buf_adds(&j, ",\"grade\":");
			json_write_string_or_null(&j, model_grade(sc->model, numfmt_round(r->group->score, 2)));
		}
		if (with_evidence && r->crit)
			evidence_json(&j, sc, r->crit);
		buf_adds(&j, "}");
	}
	buf_adds(&j, "]}");
	if (subject && !found) {
		http_json_error(res, 404, "subject", "no scores for %s in %d", subject, year);
	} else {
		web_answer_put(sc, key.data, j.data, j.len, NULL);
		http_json(res, 200, &j);
	}
	web_scores_release(req->srv, sc);
out:
	buf_release(&err);
	buf_release(&j);
	buf_release(&key);
}

/* GET /api/v1/explain: the step-by-step account of one contract criterion
 * (report/scores_text.h report_explain, the text of `tandem explain`) in
 * the request's language. */
void api_explain(struct request *req, struct response *res)
{
	const char *contract = http_query(req, "contract"), *criterion = http_query(req, "criterion");
	int year = req->year;
	struct buf err = BUF_INIT, text = BUF_INIT, j = BUF_INIT;
	const struct scored *sc = NULL;

	if (!contract || !*contract || !criterion || !*criterion) {
		http_json_error(res, 400, contract && *contract ? "criterion" : "contract",
				"name a contract and a criterion: ?contract=ID&criterion=S3.1");
		goto out;
	}
	sc = web_scores_get(req, year, &err);
	if (!sc) {
		fprintf(stderr, "tandem serve: scores: %s\n", err.data);
		http_json_error(res, 500, NULL, "the scores could not be computed");
		goto out;
	}
	if (web_explain(req, sc->scores, contract, criterion, strcmp(req->lang, "ko") ? LANG_EN : LANG_KO,
			&text, &err)) {
		http_json_error(res, 404, NULL, "%s", err.data);
		goto out;
	}
	buf_adds(&j, "{\"contract\":");
	json_write_string_or_null(&j, contract);
	buf_adds(&j, ",\"criterion\":");
	json_write_string_or_null(&j, criterion);
	buf_addf(&j, ",\"year\":%d,\"lang\":\"%s\",\"text\":", year, req->lang);
	json_write_string_or_null(&j, text.data);
	buf_adds(&j, "}");
	http_json(res, 200, &j);
out:
	web_scores_release(req->srv, sc);
	buf_release(&err);
	buf_release(&text);
	buf_release(&j);
}
