/* SPDX-License-Identifier: MIT */
/* The read-only pages about scores: the dashboard and the evidence behind
 * a criterion (with the month-by-month grid and chart), and what every
 * score page shares (web_page_*: the scores of a year, pages kept with
 * them, links, grades). The scorecards' drill-down is explore.c. Numbers
 * come from the engine's shared score cache (scores.c) and are printed by
 * engine/numfmt. */
#include "web/web_impl.h"

#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"
#include "report/scores_text.h"
#include "report/svg.h"
#include "report/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum org_kind org_kind_of(const char *o)
{
	return !strcmp(o, "operations") ? ORG_OPERATIONS : ORG_SALES;
}

static void score_text(struct buf *o, const struct request *req, const struct score_group *g)
{
	if (g->available)
		numfmt_ld(o, g->score, 2);
	else
		html_msg(o, req, "score.na");
}

const char *web_grade_of(const struct model *m, const struct score_group *g)
{
	return g->available ? model_grade(m, numfmt_round(g->score, 2)) : NULL;
}

void html_grade_badge(struct buf *o, const char *grade)
{
	if (!grade)
		return;
	html_raw(o, " <span class=\"grade grade-");
	html_escape(o, grade);
	html_raw(o, "\">");
	html_escape(o, grade);
	html_raw(o, "</span>");
}

void html_group_score(struct buf *o, const struct request *req, const struct model *m,
		      const struct score_group *g)
{
	score_text(o, req, g);
	html_grade_badge(o, web_grade_of(m, g));
}

static void coverage_text(struct buf *o, const struct score_group *g)
{
	struct buf b = BUF_INIT;
	numfmt_ld(&b, score_coverage(g) * 100, 0);
	html_escape(o, b.data);
	html_raw(o, "%");
	buf_release(&b);
}

void web_year_form(struct request *req, struct buf *o, int year, const char *org)
{
	html_raw(o, "<form method=\"get\" class=\"filters\" aria-label=\"");
	html_msg(o, req, "score.choose");
	html_raw(o, "\">\n<label for=\"year\">");
	html_msg(o, req, "score.year");
	html_raw(o, "</label> <input id=\"year\" name=\"year\" type=\"number\" min=\"2000\" max=\"2100\" value=\"");
	buf_addf(o, "%d", year);
	html_raw(o, "\">\n");
	if (org) {
		html_raw(o, "<label for=\"org\">");
		html_msg(o, req, "score.org");
		html_raw(o, "</label> <select id=\"org\" name=\"org\">");
		html_raw(o, strcmp(org, "sales") ? "<option value=\"sales\">" : "<option value=\"sales\" selected>");
		html_msg(o, req, "org.sales");
		html_raw(o, strcmp(org, "operations") ? "</option><option value=\"operations\">"
			 : "</option><option value=\"operations\" selected>");
		html_msg(o, req, "org.operations");
		html_raw(o, "</option></select>\n");
	}
	html_raw(o, "<button type=\"submit\">");
	html_msg(o, req, "action.show");
	html_raw(o, "</button>\n</form>\n");
}

const struct scored *web_page_scores(struct request *req, struct response *res, int year)
{
	struct buf err = BUF_INIT;
	const struct scored *sc = web_scores_get(req, year, &err);
	if (!sc) {
		fprintf(stderr, "tandem serve: scores: %s\n", err.data);
		html_error_page(req, res, 500, "error.scores", err.data);
	}
	buf_release(&err);
	return sc;
}

static const char *subject_name(const struct scored *sc, enum subject_kind kind, int index)
{
	switch (kind) {
	case SUBJECT_PERSON: return sc->ds->people[index].name;
	case SUBJECT_ORG_UNIT: return sc->ds->units[index].name;
	case SUBJECT_CONTRACT: return sc->ds->clients[sc->ds->contracts[index].client].name;
	case SUBJECT_COMPANY: return NULL;
	}
	return NULL;
}

void web_scorecard_href(struct buf *out, enum subject_kind kind, const char *id, int year,
			   const char *org)
{
	buf_addf(out, "/scores/%s/", score_subject_kind_id(kind));
	http_url_escape(out, id);
	buf_addf(out, "?year=%d&org=%s", year, org);
}

/* Pages of scores are kept with the scored year they show (scores.c):
 * the main part between the frame's head and foot, which depends only on
 * the data, the path and query, the language and the role, never on who
 * is asking (the name and CSRF token are in the frame). A hit renders the
 * frame around the kept part; key is filled for web_page_keep(). */
int web_page_from_cache(struct request *req, struct response *res, const struct scored *sc,
			   const char *title_key, struct buf *key)
{
	struct buf main_part = BUF_INIT;
	char *title = NULL;
	int today_y, today_m, today_d;
	web_answer_key(req, 1, key);
	/* A recent year may not be over (its trend point is marked so): such
	 * a page is kept for the day only, so it never outlives the year. */
	date_to_ymd(web_today(), &today_y, &today_m, &today_d);
	if (sc->year >= today_y - 1)
		buf_addf(key, "|%04d-%02d-%02d", today_y, today_m, today_d);
	if (!web_answer_get(sc, key->data, &main_part, &title))
		return 0;
	html_page_begin(req, res, title_key, title);
	buf_add(&res->body, main_part.data, main_part.len);
	html_page_end(req, res);
	xfree(title);
	buf_release(&main_part);
	return 1;
}

/* Keeps the main part of a page rendered since begin (call before
 * html_page_end). */
void web_page_keep(struct response *res, const struct scored *sc, const struct buf *key,
		      size_t begin, const char *title)
{
	if (res->status == 200)
		web_answer_put(sc, key->data, res->body.data + begin, res->body.len - begin, title);
}

/* --- dashboard ----------------------------------------------------------- */

/* People and org units per grade, one row per organization and kind. */
static void grade_distribution_card(struct request *req, struct buf *o, const struct scores *s)
{
	const struct model *m = s->model;
	size_t *counts = xcalloc(m->n_grades + 1, sizeof *counts);
	static const enum subject_kind kinds[] = { SUBJECT_PERSON, SUBJECT_ORG_UNIT };

	html_raw(o, "<section class=\"card\">\n<h2>");
	html_msg(o, req, "dash.grades");
	html_raw(o, "</h2>\n<p class=\"muted\">");
	html_msg(o, req, "dash.grades_help");
	html_raw(o, "</p>\n<div class=\"scroll\"><table class=\"data\" id=\"grade-distribution\"><thead><tr>"
		 "<th scope=\"col\">");
	html_msg(o, req, "score.org");
	html_raw(o, "</th>");
	for (size_t g = 0; g <= m->n_grades; g++) {
		html_raw(o, "<th scope=\"col\" class=\"num\">");
		if (g < m->n_grades)
			html_grade_badge(o, m->grades[g].grade);
		else
			html_msg(o, req, "score.na");
		html_raw(o, "</th>");
	}
	html_raw(o, "</tr></thead><tbody>\n");
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++)
		for (int k = 0; k < 2; k++) {
			score_grade_counts(s, (enum org_kind)org, kinds[k], counts);
			html_raw(o, "<tr data-org=\"");
			html_escape(o, score_org_id((enum org_kind)org));
			html_raw(o, "\" data-kind=\"");
			html_escape(o, score_subject_kind_id(kinds[k]));
			html_raw(o, "\"><th scope=\"row\">");
			html_msg(o, req, org == ORG_SALES ? "org.sales" : "org.operations");
			html_raw(o, " · ");
			html_msg(o, req, k ? "dash.grades_units" : "dash.grades_people");
			html_raw(o, "</th>");
			for (size_t g = 0; g <= m->n_grades; g++)
				buf_addf(o, "<td class=\"num\">%zu</td>", counts[g]);
			html_raw(o, "</tr>\n");
		}
	html_raw(o, "</tbody></table></div>\n</section>\n");
	xfree(counts);
}

void page_dashboard(struct request *req, struct response *res)
{
	int year = req->year;
	const struct scored *sc = web_page_scores(req, res, year), *prev;
	struct buf *o = &res->body;
	struct buf err = BUF_INIT, key = BUF_INIT;
	if (!sc)
		return;
	{
		/* The scores' part is kept; the alerts, which depend on today, are not. */
		struct buf main_part = BUF_INIT;
		char *title = NULL;
		web_answer_key(req, 1, &key);
		if (web_answer_get(sc, key.data, &main_part, &title)) {
			html_page_begin(req, res, "dash.title", title);
			buf_add(o, main_part.data, main_part.len);
			web_alerts_panel(req, o, sc);
			html_page_end(req, res);
			xfree(title);
			buf_release(&main_part);
			web_scores_release(req->srv, sc);
			buf_release(&key);
			return;
		}
	}
	prev = web_scores_get(req, year - 1, &err);
	html_page_begin(req, res, "dash.title", NULL);
	size_t begin = o->len;
	web_year_form(req, o, year, NULL);
	html_raw(o, "<section class=\"tiles\" aria-label=\"");
	html_msg(o, req, "dash.company");
	html_raw(o, "\">\n");
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		const struct score_aggregate *a =
			score_find_aggregate(sc->scores, SUBJECT_COMPANY, "company", (enum org_kind)org);
		const struct score_aggregate *pa = prev ?
			score_find_aggregate(prev->scores, SUBJECT_COMPANY, "company", (enum org_kind)org) : NULL;
		const char *oid = score_org_id((enum org_kind)org);
		html_raw(o, "<a class=\"tile\" href=\"");
		struct buf href = BUF_INIT;
		web_scorecard_href(&href, SUBJECT_COMPANY, "company", year, oid);
		html_escape(o, href.data);
		buf_release(&href);
		html_raw(o, "\"><span class=\"tile-label\">");
		html_msg(o, req, org == ORG_SALES ? "org.sales" : "org.operations");
		html_raw(o, "</span><span class=\"tile-score\">");
		if (a) {
			score_text(o, req, &a->total);
			html_grade_badge(o, web_grade_of(sc->model, &a->total));
		} else {
			html_msg(o, req, "score.na");
		}
		html_raw(o, "</span><span class=\"tile-sub\">");
		buf_addf(o, "%d: ", year - 1);
		if (pa)
			score_text(o, req, &pa->total);
		else
			html_msg(o, req, "score.na");
		if (a) {
			html_raw(o, " · ");
			html_msg(o, req, "score.coverage");
			html_raw(o, " ");
			coverage_text(o, &a->total);
		}
		html_raw(o, "</span></a>\n");
	}
	html_raw(o, "</section>\n");
	grade_distribution_card(req, o, sc->scores);

	/* Org units' totals, as bars, for each organization. */
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		struct svg_bar *bars = xcalloc(sc->scores->n_aggregates + 1, sizeof *bars);
		struct buf *texts = xcalloc(sc->scores->n_aggregates + 1, sizeof *texts);
		struct buf *hrefs = xcalloc(sc->scores->n_aggregates + 1, sizeof *hrefs);
		size_t nb = 0;
		const char *oid = score_org_id((enum org_kind)org);
		for (size_t i = 0; i < sc->scores->n_aggregates; i++) {
			const struct score_aggregate *a = &sc->scores->aggregates[i];
			if (a->kind != SUBJECT_ORG_UNIT || a->org != (enum org_kind)org || !a->n_subjects)
				continue;
			texts[nb] = (struct buf)BUF_INIT;
			hrefs[nb] = (struct buf)BUF_INIT;
			if (a->total.available)
				numfmt_ld(&texts[nb], a->total.score, 2);
			web_scorecard_href(&hrefs[nb], SUBJECT_ORG_UNIT, a->id, year, oid);
			bars[nb].label = subject_name(sc, a->kind, a->index);
			bars[nb].value = a->total.available ? (double)a->total.score : SVG_NONE;
			bars[nb].text = texts[nb].data;
			bars[nb].href = hrefs[nb].data;
			nb++;
		}
		html_raw(o, "<section class=\"card\">\n<h2>");
		html_msg(o, req, org == ORG_SALES ? "dash.units_sales" : "dash.units_operations");
		html_raw(o, "</h2>\n");
		if (nb)
			svg_bar_chart(o, msg(req->lang, org == ORG_SALES ? "dash.units_sales"
					     : "dash.units_operations"), bars, nb, 100,
				      msg(req->lang, "score.na"), NULL);
		else {
			html_raw(o, "<p class=\"muted\">");
			html_msg(o, req, "score.no_subjects");
			html_raw(o, "</p>\n");
		}
		html_raw(o, "</section>\n");
		for (size_t i = 0; i < nb; i++) {
			buf_release(&texts[i]);
			buf_release(&hrefs[i]);
		}
		xfree(texts);
		xfree(hrefs);
		xfree(bars);
	}

	/* What needs attention is the early-warning panel below: the same
	 * rules as the alerts page (a contract without SLA metrics is never
	 * "not stabilized"). */
	web_page_keep(res, sc, &key, begin, NULL);
	web_alerts_panel(req, o, sc);
	html_page_end(req, res);
	web_scores_release(req->srv, prev);
	web_scores_release(req->srv, sc);
	buf_release(&err);
	buf_release(&key);
}

/* --- scorecards: explore.c ---------------------------------------------- */

void web_evidence_href(struct buf *out, const char *contract, const char *oid, const char *crit,
			  int year)
{
	buf_adds(out, "/evidence/");
	http_url_escape(out, contract);
	buf_addf(out, "/%s/", oid);
	http_url_escape(out, crit);
	buf_addf(out, "?year=%d", year);
}

/* --- evidence ------------------------------------------------------------ */

static void month_label(const struct month_table *mt, int index, char out[16])
{
	char m[8];
	month_format(mt->go_live_month + index - 1, m);
	snprintf(out, 16, "%s", m);
}

/* The month-by-month grid of a contract's SLA metrics and a chart per
 * metric with its target line (S2.1, S3.1, S3.2). */
static void month_views(struct request *req, struct buf *o, const struct scored *sc,
			const struct score_criterion *cr)
{
	const struct month_table *mt = &cr->months;
	if (mt->last < mt->first || !mt->n_metrics)
		return;
	size_t cols = (size_t)(mt->last - mt->first + 1), rows = mt->n_metrics + 1;
	const char **col_labels = arena_alloc(&req->arena, cols * sizeof *col_labels);
	const char **row_labels = arena_alloc(&req->arena, rows * sizeof *row_labels);
	enum svg_cell *cells = arena_alloc(&req->arena, rows * cols * sizeof *cells);
	const char *legend[4] = { msg(req->lang, "grid.no_data"), msg(req->lang, "grid.missed"),
				  msg(req->lang, "grid.met"), msg(req->lang, "grid.stable") };
	int K = sc->model->stabilization_run_months;

	for (size_t c = 0; c < cols; c++) {
		char l[16];
		month_label(mt, mt->first + (int)c, l);
		col_labels[c] = arena_printf(&req->arena, "%d", mt->first + (int)c);
		(void)l;
	}
	for (size_t m = 0; m < mt->n_metrics; m++) {
		const struct sla_metric *sm = &sc->ds->sla_metrics[mt->metrics[m]];
		row_labels[m] = sm->name ? sm->name : sm->metric;
		for (size_t c = 0; c < cols; c++) {
			const struct month_cell *cell = &mt->cells[c * mt->n_metrics + m];
			cells[m * cols + c] = !cell->has_data ? SVG_CELL_NO_DATA
				: cell->met ? SVG_CELL_MET : SVG_CELL_MISSED;
		}
	}
	row_labels[mt->n_metrics] = msg(req->lang, "grid.compliant");
	for (size_t c = 0; c < cols; c++) {
		int month = mt->first + (int)c;
		int in_run = cr->stabilized_at && month >= cr->stabilized_at && month < cr->stabilized_at + K;
		cells[mt->n_metrics * cols + c] = mt->compliant[c]
			? (in_run ? SVG_CELL_HIGHLIGHT : SVG_CELL_MET) : SVG_CELL_MISSED;
	}
	html_raw(o, "<section class=\"card\">\n<h2>");
	html_msg(o, req, "evidence.grid");
	html_raw(o, "</h2>\n<p class=\"muted\">");
	html_msg(o, req, "evidence.grid_help");
	html_raw(o, "</p>\n<div class=\"scroll\">");
	svg_grid(o, msg(req->lang, "evidence.grid"), row_labels, rows, col_labels, cols, cells, legend);
	html_raw(o, "</div>\n");
	/* The same as a table, for screen readers and copying. */
	html_raw(o, "<details><summary>");
	html_msg(o, req, "evidence.as_table");
	html_raw(o, "</summary><div class=\"scroll\"><table class=\"data small\"><thead><tr><th scope=\"col\">");
	html_msg(o, req, "evidence.month");
	html_raw(o, "</th>");
	for (size_t m = 0; m < mt->n_metrics; m++) {
		html_raw(o, "<th scope=\"col\" class=\"num\">");
		html_escape(o, row_labels[m]);
		html_raw(o, "</th>");
	}
	html_raw(o, "<th scope=\"col\">");
	html_msg(o, req, "grid.compliant");
	html_raw(o, "</th></tr></thead><tbody>\n");
	for (size_t c = 0; c < cols; c++) {
		char l[16];
		month_label(mt, mt->first + (int)c, l);
		html_raw(o, "<tr><th scope=\"row\">");
		buf_addf(o, "%d · ", mt->first + (int)c);
		html_escape(o, l);
		html_raw(o, "</th>");
		for (size_t m = 0; m < mt->n_metrics; m++) {
			const struct month_cell *cell = &mt->cells[c * mt->n_metrics + m];
			html_raw(o, "<td class=\"num\">");
			if (cell->has_data) {
				numfmt_ld(o, (long double)cell->num / (long double)cell->den, 4);
				html_raw(o, cell->met ? " ✓" : " ✗");
			} else {
				html_raw(o, "–");
			}
			html_raw(o, "</td>");
		}
		html_raw(o, "<td>");
		html_msg(o, req, mt->compliant[c] ? "grid.yes" : "grid.no");
		html_raw(o, "</td></tr>\n");
	}
	html_raw(o, "</tbody></table></div></details>\n</section>\n");

	for (size_t m = 0; m < mt->n_metrics; m++) {
		const struct sla_metric *sm = &sc->ds->sla_metrics[mt->metrics[m]];
		double *values = arena_alloc(&req->arena, cols * sizeof *values);
		const char **xl = arena_alloc(&req->arena, cols * sizeof *xl);
		micro_t target = mt->cells[m].target;
		/* a ratio reads as a percentage; other units through the catalog */
		int ratio = units_metric_is_ratio(sm->unit);
		double scale = ratio ? 100 : 1;
		const char *unit = ratio ? "%" : sm->unit && *sm->unit
			? i18n_named(i18n_lang(req->lang), "metric_unit.", sm->unit) : NULL;
		struct buf tt = BUF_INIT;
		for (size_t c = 0; c < cols; c++) {
			const struct month_cell *cell = &mt->cells[c * mt->n_metrics + m];
			char l[16];
			month_label(mt, mt->first + (int)c, l);
			xl[c] = arena_strdup(&req->arena, l);
			values[c] = cell->has_data ? scale * (double)cell->num / (double)cell->den : SVG_NONE;
		}
		units_metric_value(&tt, i18n_lang(req->lang), sm->unit, (long double)target / MICRO_ONE);
		html_raw(o, "<section class=\"card\">\n<h3>");
		html_escape(o, row_labels[m]);
		html_raw(o, " <span class=\"muted\">(");
		html_msg(o, req, sm->direction == DIR_HIGHER ? "evidence.higher" : "evidence.lower");
		html_raw(o, ")</span></h3>\n");
		html_raw(o, "<div class=\"scroll\">");
		svg_line_chart(o, row_labels[m], xl, values, cols, 1, scale * (double)target / 1e6,
			       arena_printf(&req->arena, "%s %s", msg(req->lang, "evidence.target"), tt.data),
			       unit);
		html_raw(o, "</div>\n</section>\n");
		buf_release(&tt);
	}
}

void page_evidence(struct request *req, struct response *res)
{
	const char *id = req->params[0], *oid = req->params[1], *crit = req->params[2];
	int year = req->year;
	struct buf *o = &res->body, title = BUF_INIT, key = BUF_INIT;
	size_t begin;
	if (strcmp(oid, "sales") && strcmp(oid, "operations")) {
		html_error_page(req, res, 404, "error.not_found", NULL);
		return;
	}
	const struct scored *sc = web_page_scores(req, res, year);
	if (!sc)
		return;
	if (web_page_from_cache(req, res, sc, "evidence.title", &key))
		goto out;
	const struct score_set *set = score_find_set(sc->scores, id, org_kind_of(oid));
	const struct score_criterion *cr = NULL;
	for (size_t i = 0; set && i < set->n_criteria; i++)
		if (!strcmp(set->criteria[i].def->id, crit))
			cr = &set->criteria[i];
	if (!cr) {
		html_error_page(req, res, 404, "score.not_scored", id);
		goto out;
	}
	int ko = !strcmp(req->lang, "ko");
	buf_addf(&title, "%s · %s %s · %d", id, cr->def->id, model_name_text(&cr->model->name, ko), year);
	html_page_begin(req, res, "evidence.title", title.data);
	begin = o->len;
	web_score_crumbs(req, o, sc, org_kind_of(oid), SUBJECT_CONTRACT, set->contract,
			 arena_printf(&req->arena, "%s %s", cr->def->id, model_name_text(&cr->model->name, ko)));
	html_raw(o, "<section class=\"tiles\"><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "score.value");
	html_raw(o, "</span><span class=\"tile-score\" id=\"criterion-value\">");
	if (cr->value_available && cr->def->format != VALUE_NONE)
		numfmt_ld(o, cr->value, value_format_decimals(cr->def->format));
	else
		html_msg(o, req, "score.na");
	html_raw(o, "</span>");
	/* A ratio also reads as a percentage (0.4000 = 40.0%). */
	if (cr->value_available && cr->def->format == VALUE_RATIO) {
		html_raw(o, "<span class=\"tile-sub\" id=\"criterion-percent\">= ");
		numfmt_ld(o, cr->value * 100, 1);
		html_raw(o, "%</span>");
	}
	html_raw(o, "</div><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "score.score");
	html_raw(o, "</span><span class=\"tile-score\" id=\"criterion-score\">");
	if (cr->available)
		numfmt_ld(o, cr->score, 2);
	else
		html_msg(o, req, "score.na");
	html_raw(o, "</span>");
	if (cr->na_reason) {
		html_raw(o, "<span class=\"tile-sub\">");
		html_msg(o, req, arena_printf(&req->arena, "reason.%s", cr->na_reason));
		html_raw(o, "</span>");
	}
	html_raw(o, "</div>");
	if (cr->months.n_metrics) {
		html_raw(o, "<div class=\"tile\"><span class=\"tile-label\">");
		html_msg(o, req, "evidence.stabilized_at");
		html_raw(o, "</span><span class=\"tile-score\">");
		if (cr->stabilized_at)
			buf_addf(o, "%d", cr->stabilized_at);
		else
			html_msg(o, req, "evidence.not_yet");
		html_raw(o, "</span><span class=\"tile-sub\">");
		html_msg(o, req, "evidence.planned");
		buf_addf(o, " %d · ", cr->planned_months);
		html_msg(o, req, "evidence.elapsed");
		buf_addf(o, " %d</span></div>", cr->elapsed_months);
	}
	html_raw(o, "</section>\n");
	/* Measures and how they were scored. */
	if (cr->model->n_measures) {
		html_raw(o, "<section class=\"card\"><h2>");
		html_msg(o, req, "evidence.measures");
		html_raw(o, "</h2><table class=\"data\"><thead><tr><th scope=\"col\">");
		html_msg(o, req, "evidence.measure");
		html_raw(o, "</th><th scope=\"col\" class=\"num\">");
		html_msg(o, req, "score.value");
		html_raw(o, "</th><th scope=\"col\">");
		html_msg(o, req, "evidence.scoring");
		html_raw(o, "</th><th scope=\"col\" class=\"num\">");
		html_msg(o, req, "score.score");
		html_raw(o, "</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < cr->model->n_measures; i++) {
			const struct model_measure *mm = &cr->model->measures[i];
			const struct score_measure *sm = &cr->measures[mm->def_index];
			struct buf st = BUF_INIT;
			units_scoring_words(&st, ko ? LANG_KO : LANG_EN, &mm->scoring,
					    cr->def->measure_formats[mm->def_index] == VALUE_RATIO);
			html_raw(o, "<tr><th scope=\"row\">");
			html_escape(o, model_name_text(&mm->name, ko));
			html_raw(o, "</th><td class=\"num\">");
			if (sm->available) {
				/* a ratio as a percentage, its exact value and the division beside */
				struct buf v = BUF_INIT;
				if (cr->def->measure_formats[mm->def_index] == VALUE_RATIO) {
					units_percent(&v, sm->value, 1);
					html_escape(o, v.data);
					html_raw(o, " <span class=\"muted small\">(");
					numfmt_ld(o, sm->value, 4);
					html_raw(o, ")</span>");
				} else {
					numfmt_ld(o, sm->value, 4);
				}
				buf_release(&v);
				if (sm->den != 1 && sm->den != 0) {
					html_raw(o, " <span class=\"muted small\">= ");
					numfmt_ld(o, sm->num, 4);
					html_raw(o, " ÷ ");
					numfmt_ld(o, sm->den, 4);
					html_raw(o, "</span>");
				}
			} else {
				html_msg(o, req, "score.na");
			}
			html_raw(o, "</td><td>");
			html_escape(o, st.data);
			html_raw(o, "</td><td class=\"num\">");
			if (sm->available)
				numfmt_ld(o, sm->score, 2);
			else
				html_msg(o, req, "score.na");
			html_raw(o, "</td></tr>\n");
			buf_release(&st);
		}
		html_raw(o, "</tbody></table></section>\n");
	}
	month_views(req, o, sc, cr);
	{
		/* The account `tandem explain` gives, step by step. */
		struct buf text = BUF_INIT, err = BUF_INIT;
		if (!web_explain(req, sc->scores, id, crit, ko ? LANG_KO : LANG_EN, &text, &err)) {
			html_raw(o, "<section class=\"card\"><h2>");
			html_msg(o, req, "evidence.explain");
			html_raw(o, "</h2>\n<pre class=\"explain\" id=\"explain\">");
			html_escape(o, text.data);
			html_raw(o, "</pre></section>\n");
		}
		buf_release(&text);
		buf_release(&err);
	}
	web_evidence_records(req, o, sc, set, cr);
	web_page_keep(res, sc, &key, begin, title.data);
	html_page_end(req, res);
out:
	buf_release(&title);
	buf_release(&key);
	web_scores_release(req->srv, sc);
}
