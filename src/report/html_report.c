/* SPDX-License-Identifier: MIT */
/* The HTML report of html_report.h. Sections are written one function each
 * in the order of the table of contents; every number goes through
 * engine/numfmt and every text through svg_escape() at the point it is
 * written. The page has no scripts and loads nothing. */
#include "report/html_report.h"

#include "report/credits_report.h"

#include "engine/numfmt.h"
#include "report/svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- words --------------------------------------------------------------- */

/* A report word: the catalog's "report." entries (report/i18n.c). */
static const char *w(enum lang lang, const char *key)
{
	return i18n_named(lang, "report.", key);
}

/* --- writers --------------------------------------------------------------- */

static void put(struct buf *out, const char *s)
{
	if (s)
		svg_escape(out, s, strlen(s));
}

static void put_score(struct buf *out, const struct score_group *g, enum lang lang)
{
	if (g->available)
		numfmt_ld(out, g->score, 2);
	else {
		buf_adds(out, "<span class=\"na\">");
		put(out, i18n(lang, "term.na"));
		buf_adds(out, "</span>");
	}
}

static void put_coverage(struct buf *out, const struct score_group *g)
{
	numfmt_ld(out, 100 * score_coverage(g), 0);
	buf_addc(out, '%');
}

static size_t grade_index(const struct model *m, long double total)
{
	const char *g = model_grade(m, numfmt_round(total, 2));
	for (size_t i = 0; i < m->n_grades; i++)
		if (m->grades[i].grade == g)
			return i;
	return m->n_grades;
}

static void put_grade(struct buf *out, const struct model *m, const struct score_group *g)
{
	if (!g->available) {
		buf_adds(out, "<span class=\"grade\"></span>");
		return;
	}
	size_t i = grade_index(m, g->score);
	buf_addf(out, "<span class=\"grade g%zu\">", i > 4 ? (size_t)4 : i);
	put(out, i < m->n_grades ? m->grades[i].grade : "");
	buf_adds(out, "</span>");
}

static double bar_value(const struct score_group *g)
{
	return g->available ? (double)numfmt_round(g->score, 2) : SVG_NONE;
}

/* --- what is shown ----------------------------------------------------------- */

static int org_shown(const struct report_input *in, enum org_kind org)
{
	return in->org < 0 || (int)org == in->org;
}

int report_shows_aggregate(const struct report_input *in, const struct score_aggregate *ag)
{
	if (!org_shown(in, ag->org))
		return 0;
	if (!in->subject_kind)
		return 1;
	return !strcmp(score_subject_kind_id(ag->kind), in->subject_kind) &&
	       !strcmp(ag->id, in->subject_id);
}

int report_shows_set(const struct report_input *in, const struct score_set *set)
{
	const struct scores *s = in->scores;
	size_t index = (size_t)(set - s->sets);
	if (!org_shown(in, set->org))
		return 0;
	if (!in->subject_kind)
		return 1;
	if (!strcmp(in->subject_kind, "contract"))
		return !strcmp(score_set_id(s, set), in->subject_id);
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->org != set->org || !report_shows_aggregate(in, ag))
			continue;
		for (size_t k = 0; k < ag->n_subjects; k++)
			if (ag->subjects[k] == index)
				return 1;
	}
	return 0;
}

static const char *aggregate_name(const struct scores *s, const struct score_aggregate *ag)
{
	if (ag->kind == SUBJECT_PERSON && ag->index >= 0)
		return s->ds->people[ag->index].name;
	if (ag->kind == SUBJECT_ORG_UNIT && ag->index >= 0)
		return s->ds->units[ag->index].name;
	return ag->id;
}

static const char *org_name(const struct report_input *in, enum org_kind org)
{
	return model_name_text(&in->scores->model->orgs[org].name, in->lang == LANG_KO);
}

/* --- page ---------------------------------------------------------------------- */

static const char css[] =
	":root{--ink:#1d2530;--muted:#5b6676;--line:#d5dae1;--bad:#b3261e;--good:#2e7d32;--accent:#2f5d8a}\n"
	"*{box-sizing:border-box}\n"
	"body{font-family:\"Noto Sans KR\",\"Malgun Gothic\",\"Apple SD Gothic Neo\",sans-serif;color:var(--ink);"
	"margin:0 auto;max-width:1000px;padding:24px 28px;font-size:14px;line-height:1.5;word-break:keep-all}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:4px}\n"
	"h3{font-size:15px;margin:18px 0 6px;color:var(--accent)}\n"
	".meta{color:var(--muted);margin:0 0 16px}.note{color:var(--muted);font-size:12.5px;margin:4px 0 10px}\n"
	"nav.toc ol{columns:2;margin:4px 0 0;padding-left:22px}nav.toc a{color:var(--accent);text-decoration:none}\n"
	"table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:12.5px}\n"
	"th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#eef2f7;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"thead{display:table-header-group}tr{break-inside:avoid}\n"
	".na{color:var(--muted)}.grade{display:inline-block;min-width:1.8em;text-align:center;border-radius:3px;font-weight:700;color:#fff}\n"
	/* the web's grade colours: blue for good, orange for weak, told apart
	 * by lightness too (deuteranopia), C and D never alike; the letter is
	 * always printed */
	".g0{background:#0b4f8a}.g1{background:#cfe3f7;color:#0b3d6b}.g2{background:#e8edf3;color:#1f2937}"
	".g3{background:#fde3c8;color:#7a3a00}.g4{background:#9c3700}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;break-inside:avoid}\n"
	".card .total{font-size:28px;font-weight:700}\n"
	".pair{display:grid;grid-template-columns:1fr 1fr;gap:14px}\n"
	"figure{margin:6px 0 16px;break-inside:avoid}figcaption{font-size:12.5px;color:var(--muted)}\n"
	"svg.chart{width:100%;height:auto;max-width:900px;display:block}\n"
	"svg.chart text{font-family:inherit;font-size:12px;fill:var(--ink)}\n"
	"svg.chart text.axis,svg.chart text.legend{fill:var(--muted)}\n"
	"svg.chart text.target{fill:var(--bad);font-weight:600}svg.chart text.mark{font-size:14px;font-weight:700}\n"
	".heat{break-inside:avoid}.heat svg.chart{max-width:none}\n"
	"@page{size:A4;margin:16mm 12mm 14mm;"
	"@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8pt;color:#5b6676}}\n"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}"
	"section.major{break-before:page}h2,h3{break-after:avoid}"
	"a{color:inherit;text-decoration:none}.running{display:block}"
	"table{font-size:9pt}svg.chart{max-width:100%}}\n"
	".running{display:none;position:fixed;top:-10mm;left:0;right:0;font-size:8pt;color:#5b6676;"
	"border-bottom:1px solid var(--line)}\n";

static void page_start(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	enum lang lang = in->lang;
	char from[11], to[11];
	date_format(s->first_day, from);
	date_format(s->last_day, to);
	buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		 lang == LANG_KO ? "ko" : "en");
	buf_adds(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Tandem ");
	buf_addf(out, "%d ", s->year);
	put(out, w(lang, "title"));
	buf_adds(out, "</title>\n<style>\n");
	buf_adds(out, css);
	/* The running header of every printed page: fixed words and the year,
	 * nothing from the data, so the CSS string needs no escaping. */
	buf_addf(out, "@page{@top-left{content:\"Tandem · %d %s\";font-size:8pt;color:#5b6676}}\n",
		 s->year, w(lang, "title"));
	buf_adds(out, "</style>\n</head>\n<body>\n");
	buf_addf(out, "<div class=\"running\" aria-hidden=\"true\">Tandem · %d ", s->year);
	put(out, w(lang, "title"));
	buf_adds(out, "</div>\n<header>\n<h1>");
	buf_addf(out, "%d ", s->year);
	put(out, w(lang, "title"));
	buf_adds(out, "</h1>\n<p class=\"meta\">");
	put(out, w(lang, "meta_period"));
	buf_addf(out, " %s – %s · ", from, to);
	put(out, w(lang, "meta_model"));
	buf_adds(out, " ");
	put(out, in->model_version ? in->model_version : s->model->name);
	if (in->org >= 0) {
		buf_adds(out, " · ");
		put(out, org_name(in, (enum org_kind)in->org));
	}
	if (in->subject_kind) {
		buf_adds(out, " · ");
		put(out, in->subject_kind);
		buf_adds(out, ":");
		put(out, in->subject_id);
	}
	if (in->frozen_audit_head) {
		buf_adds(out, " · ");
		put(out, w(lang, "meta_frozen"));
		buf_adds(out, " <code class=\"audit-head\">");
		put(out, in->frozen_audit_head);
		buf_adds(out, "</code>");
	}
	buf_adds(out, "</p>\n</header>\n");
}

struct section { const char *id, *key; };
static const struct section sections[] = {
	{ "summary", "summary" }, { "trend", "trend" }, { "units", "by_unit" },
	{ "people", "by_person" }, { "categories", "categories" }, { "grades", "grades" },
	{ "contracts", "contracts_title" }, { "stabilization", "stabilization" },
	{ "sla", "heatmap" }, { "credits", "credits" },
};

static void toc(const struct report_input *in, struct buf *out)
{
	buf_adds(out, "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">");
	put(out, w(in->lang, "contents"));
	buf_adds(out, "</h2>\n<ol>\n");
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
		buf_addf(out, "<li><a href=\"#%s\">", sections[i].id);
		put(out, w(in->lang, sections[i].key));
		buf_adds(out, "</a></li>\n");
	}
	buf_adds(out, "</ol>\n</nav>\n");
}

static void section_start(const struct report_input *in, struct buf *out, size_t i, int major)
{
	buf_addf(out, "<section id=\"%s\"%s>\n<h2>%zu. ", sections[i].id,
		 major ? " class=\"major\"" : "", i + 1);
	put(out, w(in->lang, sections[i].key));
	buf_adds(out, "</h2>\n");
}

static void org_heading(const struct report_input *in, struct buf *out, enum org_kind org)
{
	buf_adds(out, "<h3>");
	put(out, org_name(in, org));
	buf_adds(out, "</h3>\n");
}

static void nothing(const struct report_input *in, struct buf *out)
{
	buf_adds(out, "<p class=\"note\">");
	put(out, w(in->lang, "no_rows"));
	buf_adds(out, "</p>\n");
}

/* --- sections ------------------------------------------------------------------ */

static void summary(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	const struct model *m = s->model;
	enum lang lang = in->lang;
	int any = 0;
	section_start(in, out, 0, 0);
	buf_adds(out, "<div class=\"cards\">\n");
	/* Sales first, as the model lists the organizations. */
	for (size_t x = 0; x < 2 * s->n_aggregates; x++) {
		const struct score_aggregate *ag = &s->aggregates[x % s->n_aggregates];
		const struct model_org *mo = &m->orgs[ag->org];
		if ((int)ag->org != (x < s->n_aggregates ? ORG_SALES : ORG_OPERATIONS) ||
		    !report_shows_aggregate(in, ag) ||
		    (!in->subject_kind && ag->kind != SUBJECT_COMPANY))
			continue;
		any = 1;
		buf_adds(out, "<div class=\"card\">\n<h3>");
		put(out, org_name(in, ag->org));
		if (ag->kind != SUBJECT_COMPANY) {
			buf_adds(out, " · ");
			put(out, aggregate_name(s, ag));
		}
		buf_adds(out, "</h3>\n<div><span class=\"total\">");
		put_score(out, &ag->total, lang);
		buf_adds(out, "</span> ");
		put_grade(out, m, &ag->total);
		buf_adds(out, "</div>\n<p class=\"note\">");
		put(out, i18n(lang, "term.coverage"));
		buf_adds(out, " ");
		put_coverage(out, &ag->total);
		buf_adds(out, " · ");
		put(out, i18n(lang, "term.subjects"));
		buf_addf(out, " %zu</p>\n<table>\n<tbody>\n", ag->n_subjects);
		for (size_t c = 0; c < mo->n_categories; c++) {
			buf_adds(out, "<tr><td>");
			put(out, mo->categories[c].id);
			buf_adds(out, " ");
			put(out, model_name_text(&mo->categories[c].name, lang == LANG_KO));
			buf_adds(out, "</td><td class=\"num\">");
			put_score(out, &ag->categories[c], lang);
			buf_adds(out, "</td></tr>\n");
		}
		buf_adds(out, "</tbody>\n</table>\n</div>\n");
	}
	buf_adds(out, "</div>\n");
	if (!any)
		nothing(in, out);
	buf_adds(out, "</section>\n");
}

static void trend(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	enum lang lang = in->lang;
	section_start(in, out, 1, 0);
	buf_adds(out, "<p class=\"note\">");
	put(out, w(lang, "trend_note"));
	buf_adds(out, "</p>\n<div class=\"pair\">\n");
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		char labels[3][8];
		const char *xl[3];
		double values[3];
		struct buf title = BUF_INIT;
		if (!org_shown(in, (enum org_kind)org))
			continue;
		for (int k = 0; k < 3; k++) {
			const struct scores *h = in->history[k];
			const struct score_aggregate *ag = NULL;
			snprintf(labels[k], sizeof labels[k], "%d", s->year - 2 + k);
			xl[k] = labels[k];
			values[k] = SVG_NONE;
			if (h)
				ag = score_find_aggregate(h, in->subject_kind && strcmp(in->subject_kind, "contract") ?
							  (!strcmp(in->subject_kind, "person") ? SUBJECT_PERSON :
							   !strcmp(in->subject_kind, "org_unit") ? SUBJECT_ORG_UNIT :
							   SUBJECT_COMPANY) : SUBJECT_COMPANY,
							  in->subject_kind && strcmp(in->subject_kind, "contract") ?
							  in->subject_id : "company", (enum org_kind)org);
			if (ag)
				values[k] = bar_value(&ag->total);
		}
		buf_adds(out, "<div>\n");
		org_heading(in, out, (enum org_kind)org);
		buf_addf(&title, "%s · %s", w(lang, "trend"), org_name(in, (enum org_kind)org));
		buf_adds(out, "<figure class=\"trend\">\n");
		svg_line_chart(out, title.data, xl, values, 3, 0, 0, NULL, NULL);
		buf_adds(out, "</figure>\n<table>\n<tbody>\n<tr>");
		for (int k = 0; k < 3; k++)
			buf_addf(out, "<th class=\"num\">%s</th>", labels[k]);
		buf_adds(out, "</tr>\n<tr>");
		for (int k = 0; k < 3; k++) {
			buf_adds(out, "<td class=\"num\">");
			if (values[k] != SVG_NONE)
				numfmt_ld(out, (long double)values[k], 2);
			else
				put(out, i18n(lang, "term.na"));
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n</tbody>\n</table>\n</div>\n");
		buf_release(&title);
	}
	buf_adds(out, "</div>\n</section>\n");
}

/* A bar chart and a table of one level's aggregates for one org. */
static void level(const struct report_input *in, struct buf *out, enum subject_kind kind,
		  enum org_kind org, const char *title_key)
{
	const struct scores *s = in->scores;
	const struct model *m = s->model;
	const struct model_org *mo = &m->orgs[org];
	enum lang lang = in->lang;
	struct svg_bar *bars = NULL;
	char (*texts)[24] = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	struct buf title = BUF_INIT, table = BUF_INIT;

	buf_adds(&table, "<table>\n<thead><tr><th>id</th><th>");
	put(&table, w(lang, "name"));
	buf_adds(&table, "</th><th class=\"num\">");
	put(&table, i18n(lang, "term.total"));
	buf_adds(&table, "</th><th>");
	put(&table, i18n(lang, "term.grade"));
	buf_adds(&table, "</th><th class=\"num\">");
	put(&table, i18n(lang, "term.coverage"));
	buf_adds(&table, "</th><th class=\"num\">");
	put(&table, i18n(lang, "term.subjects"));
	buf_adds(&table, "</th>");
	for (size_t c = 0; c < mo->n_categories; c++) {
		buf_adds(&table, "<th class=\"num\">");
		put(&table, mo->categories[c].id);
		buf_adds(&table, "</th>");
	}
	buf_adds(&table, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->kind != kind || ag->org != org || !report_shows_aggregate(in, ag))
			continue;
		if (in->subject_kind && strcmp(in->subject_kind, score_subject_kind_id(kind)))
			continue;
		if (ag->n_subjects) {
			struct buf t = BUF_INIT;
			ALLOC_GROW(bars, n + 1, cap);
			ALLOC_GROW(texts, n + 1, cap2);
			if (ag->total.available)
				numfmt_ld(&t, ag->total.score, 2);
			snprintf(texts[n], sizeof texts[n], "%s", t.data);
			buf_release(&t);
			bars[n].label = aggregate_name(s, ag);
			bars[n].value = bar_value(&ag->total);
			bars[n].text = NULL;    /* texts may move: set below */
			bars[n].href = NULL;
			n++;
		}
		buf_adds(&table, "<tr><td>");
		put(&table, ag->id);
		buf_adds(&table, "</td><td>");
		put(&table, aggregate_name(s, ag));
		buf_adds(&table, "</td><td class=\"num\">");
		put_score(&table, &ag->total, lang);
		buf_adds(&table, "</td><td>");
		put_grade(&table, m, &ag->total);
		buf_adds(&table, "</td><td class=\"num\">");
		put_coverage(&table, &ag->total);
		buf_addf(&table, "</td><td class=\"num\">%zu</td>", ag->n_subjects);
		for (size_t c = 0; c < mo->n_categories; c++) {
			buf_adds(&table, "<td class=\"num\">");
			put_score(&table, &ag->categories[c], lang);
			buf_adds(&table, "</td>");
		}
		buf_adds(&table, "</tr>\n");
	}
	buf_adds(&table, "</tbody>\n</table>\n");
	for (size_t i = 0; i < n; i++)
		bars[i].text = texts[i];
	org_heading(in, out, org);
	if (n) {
		buf_addf(&title, "%s · %s", w(lang, title_key), org_name(in, org));
		buf_adds(out, "<figure>\n");
		svg_bar_chart(out, title.data, bars, n, 100, i18n(lang, "term.na"), NULL);
		buf_adds(out, "</figure>\n");
	}
	buf_add(out, table.data, table.len);
	buf_release(&title);
	buf_release(&table);
	xfree(bars);
	xfree(texts);
}

static void levels(const struct report_input *in, struct buf *out, size_t section,
		   enum subject_kind kind, const char *title_key)
{
	section_start(in, out, section, 1);
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++)
		if (org_shown(in, (enum org_kind)org))
			level(in, out, kind, (enum org_kind)org, title_key);
	buf_adds(out, "</section>\n");
}

static void categories(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	enum lang lang = in->lang;
	section_start(in, out, 4, 1);
	for (size_t x = 0; x < 2 * s->n_aggregates; x++) {
		const struct score_aggregate *ag = &s->aggregates[x % s->n_aggregates];
		const struct model_org *mo = &s->model->orgs[ag->org];
		struct svg_bar bars[16];
		char texts[16][24];
		struct buf title = BUF_INIT;
		size_t n = 0;
		if ((int)ag->org != (x < s->n_aggregates ? ORG_SALES : ORG_OPERATIONS) ||
		    !report_shows_aggregate(in, ag) ||
		    (!in->subject_kind && ag->kind != SUBJECT_COMPANY))
			continue;
		for (size_t c = 0; c < mo->n_categories && n < 16; c++, n++) {
			struct buf t = BUF_INIT;
			if (ag->categories[c].available)
				numfmt_ld(&t, ag->categories[c].score, 2);
			snprintf(texts[n], sizeof texts[n], "%s", t.data);
			buf_release(&t);
			bars[n].label = model_name_text(&mo->categories[c].name, lang == LANG_KO);
			bars[n].value = bar_value(&ag->categories[c]);
			bars[n].text = texts[n];
			bars[n].href = NULL;
		}
		org_heading(in, out, ag->org);
		buf_addf(&title, "%s · %s", w(lang, "categories"), org_name(in, ag->org));
		buf_adds(out, "<figure>\n");
		svg_bar_chart(out, title.data, bars, n, 100, i18n(lang, "term.na"), NULL);
		buf_adds(out, "</figure>\n");
		buf_release(&title);
	}
	buf_adds(out, "</section>\n");
}

static void grade_chart(const struct report_input *in, struct buf *out, enum org_kind org,
			int people, const char *title_key)
{
	const struct scores *s = in->scores;
	const struct model *m = s->model;
	size_t counts[32] = { 0 }, ng = m->n_grades < 32 ? m->n_grades : 32;
	struct svg_bar bars[32];
	char texts[32][16];
	double max = 1;
	struct buf title = BUF_INIT;
	if (people) {
		for (size_t i = 0; i < s->n_aggregates; i++) {
			const struct score_aggregate *ag = &s->aggregates[i];
			if (ag->kind == SUBJECT_PERSON && ag->org == org && ag->total.available &&
			    report_shows_aggregate(in, ag)) {
				size_t g = grade_index(m, ag->total.score);
				if (g < ng)
					counts[g]++;
			}
		}
	} else {
		for (size_t i = 0; i < s->n_sets; i++) {
			const struct score_set *set = &s->sets[i];
			if (set->org == org && set->total.available && report_shows_set(in, set)) {
				size_t g = grade_index(m, set->total.score);
				if (g < ng)
					counts[g]++;
			}
		}
	}
	for (size_t g = 0; g < ng; g++) {
		snprintf(texts[g], sizeof texts[g], "%zu", counts[g]);
		bars[g].label = m->grades[g].grade;
		bars[g].value = (double)counts[g];
		bars[g].text = texts[g];
		bars[g].href = NULL;
		if ((double)counts[g] > max)
			max = (double)counts[g];
	}
	buf_addf(&title, "%s · %s", w(in->lang, title_key), org_name(in, org));
	buf_adds(out, "<figure>\n<figcaption>");
	put(out, w(in->lang, title_key));
	buf_adds(out, "</figcaption>\n");
	svg_bar_chart(out, title.data, bars, ng, max, i18n(in->lang, "term.na"), NULL);
	buf_adds(out, "</figure>\n");
	buf_release(&title);
}

static void grades(const struct report_input *in, struct buf *out)
{
	section_start(in, out, 5, 0);
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		if (!org_shown(in, (enum org_kind)org))
			continue;
		org_heading(in, out, (enum org_kind)org);
		buf_adds(out, "<div class=\"pair\">\n");
		grade_chart(in, out, (enum org_kind)org, 0, "contract_grades");
		grade_chart(in, out, (enum org_kind)org, 1, "people_grades");
		buf_adds(out, "</div>\n");
	}
	buf_adds(out, "</section>\n");
}

static void contracts(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	const struct dataset *ds = s->ds;
	const struct model *m = s->model;
	enum lang lang = in->lang;
	section_start(in, out, 6, 1);
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		const struct model_org *mo = &m->orgs[org];
		size_t shown = 0;
		if (!org_shown(in, (enum org_kind)org))
			continue;
		org_heading(in, out, (enum org_kind)org);
		buf_adds(out, "<table>\n<thead><tr><th>id</th><th>");
		put(out, w(lang, "client"));
		buf_adds(out, "</th><th>");
		put(out, w(lang, "owner"));
		buf_adds(out, "</th>");
		for (size_t c = 0; c < mo->n_categories; c++)
			for (size_t k = 0; k < mo->categories[c].n_criteria; k++) {
				buf_adds(out, "<th class=\"num\">");
				put(out, mo->categories[c].criteria[k].id);
				buf_adds(out, "</th>");
			}
		buf_adds(out, "<th class=\"num\">");
		put(out, i18n(lang, "term.total"));
		buf_adds(out, "</th><th>");
		put(out, i18n(lang, "term.grade"));
		buf_adds(out, "</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < s->n_sets; i++) {
			const struct score_set *set = &s->sets[i];
			const struct contract *ct = &ds->contracts[set->contract];
			int owner = org == ORG_SALES ? ct->sales_owner : ct->ops_owner;
			if (set->org != (enum org_kind)org || !report_shows_set(in, set))
				continue;
			shown++;
			buf_adds(out, "<tr><td>");
			put(out, ct->id);
			buf_adds(out, "</td><td>");
			put(out, ds->clients[ct->client].name);
			buf_adds(out, "</td><td>");
			if (owner != NO_INDEX)
				put(out, ds->people[owner].name);
			buf_adds(out, "</td>");
			for (size_t c = 0; c < set->n_criteria; c++) {
				const struct score_criterion *sc = &set->criteria[c];
				buf_adds(out, "<td class=\"num\">");
				if (sc->available)
					numfmt_ld(out, sc->score, 0);
				else {
					buf_adds(out, "<span class=\"na\">");
					put(out, i18n(lang, "term.na"));
					buf_adds(out, "</span>");
				}
				buf_adds(out, "</td>");
			}
			buf_adds(out, "<td class=\"num\">");
			put_score(out, &set->total, lang);
			buf_adds(out, "</td><td>");
			put_grade(out, m, &set->total);
			buf_adds(out, "</td></tr>\n");
		}
		buf_adds(out, "</tbody>\n</table>\n");
		if (!shown)
			nothing(in, out);
	}
	buf_adds(out, "</section>\n");
}

static const struct score_criterion *find_crit(const struct score_set *set, enum criterion_code code)
{
	for (size_t i = 0; i < set->n_criteria; i++)
		if (set->criteria[i].def && set->criteria[i].def->code == code)
			return &set->criteria[i];
	return NULL;
}

static void stabilization(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	enum lang lang = in->lang;
	struct svg_timeline_row *rows = NULL;
	char (*labels)[96] = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	const char *legend[4] = { w(lang, "plan"), w(lang, "elapsed"), w(lang, "stabilized"),
				  w(lang, "not_yet") };
	section_start(in, out, 7, 1);
	buf_adds(out, "<p class=\"note\">");
	put(out, w(lang, "stabilization_note"));
	buf_adds(out, "</p>\n");
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		const struct score_criterion *sc;
		if (set->org != ORG_SALES || !report_shows_set(in, set) ||
		    !(sc = find_crit(set, CRIT_S3_1)))
			continue;
		ALLOC_GROW(rows, n + 1, cap);
		ALLOC_GROW(labels, n + 1, cap2);
		snprintf(labels[n], sizeof labels[n], "%s %s", score_set_id(s, set),
			 s->ds->clients[s->ds->contracts[set->contract].client].name);
		rows[n].label = NULL;           /* labels may move: set below */
		rows[n].planned = sc->planned_months;
		rows[n].stabilized_at = sc->stabilized_at;
		rows[n].elapsed = sc->elapsed_months > 0 ? sc->elapsed_months : 0;
		rows[n].run = s->model->stabilization_run_months;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		rows[i].label = labels[i];
	buf_adds(out, "<figure>\n");
	svg_timeline(out, w(lang, "stabilization"), rows, n, legend, i18n(lang, "term.na"),
		       w(lang, "no_rows"));
	buf_adds(out, "</figure>\n</section>\n");
	xfree(rows);
	xfree(labels);
}

static void heatmap(const struct report_input *in, const struct score_set *set, struct buf *out)
{
	const struct scores *s = in->scores;
	const struct dataset *ds = s->ds;
	const struct score_criterion *sc = find_crit(set, CRIT_S3_1);
	const struct month_table *t;
	enum lang lang = in->lang;
	const char *legend[4] = { i18n(lang, "reason.no_data"), i18n(lang, "term.not_met"), i18n(lang, "term.met"),
				  w(lang, "stabilized") };
	struct buf title = BUF_INIT;
	int k = s->model->stabilization_run_months;
	size_t cols, rows;
	if (!sc)
		return;
	t = &sc->months;
	if (t->last < t->first || !t->n_metrics)
		return;
	cols = (size_t)(t->last - t->first + 1);
	rows = t->n_metrics + 1;
	const char **row_labels = xcalloc(rows, sizeof *row_labels);
	const char **col_labels = xcalloc(cols, sizeof *col_labels);
	char (*col_text)[8] = xcalloc(cols, sizeof *col_text);
	enum svg_cell *cells = xcalloc(rows * cols, sizeof *cells);
	for (size_t r = 0; r < t->n_metrics; r++)
		row_labels[r] = ds->sla_metrics[t->metrics[r]].metric;
	row_labels[t->n_metrics] = i18n(lang, "term.compliant");
	for (size_t c = 0; c < cols; c++) {
		int month = t->first + (int)c;
		snprintf(col_text[c], sizeof col_text[c], "%d", month);
		col_labels[c] = col_text[c];
		for (size_t r = 0; r < t->n_metrics; r++) {
			const struct month_cell *mc = &t->cells[c * t->n_metrics + r];
			cells[r * cols + c] = !mc->has_data ? SVG_CELL_NO_DATA :
					      mc->met ? SVG_CELL_MET : SVG_CELL_MISSED;
		}
		int in_run = sc->stabilized_at && month >= sc->stabilized_at &&
			     month < sc->stabilized_at + k;
		cells[t->n_metrics * cols + c] = t->compliant[c] ?
			(in_run ? SVG_CELL_HIGHLIGHT : SVG_CELL_MET) : SVG_CELL_MISSED;
	}
	{
		char gl[8];
		const struct contract *ct = &ds->contracts[set->contract];
		month_format(t->go_live_month, gl);
		buf_adds(out, "<figure class=\"heat\">\n<figcaption>");
		put(out, ct->id);
		buf_adds(out, " · ");
		put(out, ds->clients[ct->client].name);
		buf_addf(out, " · go-live %s", gl);
		if (sc->stabilized_at) {
			buf_adds(out, " · ");
			put(out, i18n(lang, "term.stabilized_at"));
			buf_addf(out, " %d", sc->stabilized_at);
		}
		buf_adds(out, "</figcaption>\n");
		buf_addf(&title, "%s · %s", w(lang, "heatmap"), ct->id);
	}
	{
		/* Drawn at its natural size, so that every contract's cells
		 * are the same size whatever its number of months. */
		struct buf svg = BUF_INIT;
		const char *vb;
		double width = 0;
		svg_grid(&svg, title.data, row_labels, rows, col_labels, cols, cells, legend);
		if ((vb = strstr(svg.data, "viewBox=\"0 0 ")))
			width = strtod(vb + 13, NULL);
		if (width > 0)
			buf_addf(out, "<div style=\"width:%.0fpx;max-width:100%%\">\n", width * 1.1);
		buf_add(out, svg.data, svg.len);
		if (width > 0)
			buf_adds(out, "</div>\n");
		buf_release(&svg);
	}
	buf_adds(out, "</figure>\n");
	buf_release(&title);
	xfree(row_labels);
	xfree(col_labels);
	xfree(col_text);
	xfree(cells);
}

static void heatmaps(const struct report_input *in, struct buf *out)
{
	const struct scores *s = in->scores;
	size_t shown = 0;
	section_start(in, out, 8, 1);
	buf_adds(out, "<p class=\"note\">");
	put(out, w(in->lang, "heatmap_note"));
	buf_adds(out, "</p>\n");
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		struct report_input any_org = *in;
		any_org.org = -1;
		if (set->org != ORG_SALES || !report_shows_set(&any_org, set))
			continue;
		size_t before = out->len;
		heatmap(in, set, out);
		shown += out->len > before;
	}
	if (!shown)
		nothing(in, out);
	buf_adds(out, "</section>\n");
}

static void credit_cells(struct buf *out, const struct credit_totals *t)
{
	int64_t v[4] = { t->pool, t->owed, t->pending, t->waived };
	for (int i = 0; i < 4; i++) {
		buf_adds(out, "<td class=\"num\">");
		credits_format_cents(out, v[i]);
		buf_adds(out, "</td>");
	}
}

static void credit_heads(const struct report_input *in, struct buf *out, const char *first)
{
	static const char *const keys[] = { "report.cr_pool_total", "report.cr_state_owed", "report.cr_state_pending",
					    "report.cr_state_waived" };
	buf_adds(out, "<thead><tr><th>");
	put(out, w(in->lang, first));
	buf_adds(out, "</th>");
	for (int i = 0; i < 4; i++) {
		buf_adds(out, "<th class=\"num\">");
		put(out, i18n(in->lang, keys[i]));
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead>\n");
}

static int in_contract(const struct dataset *ds, int contract, const void *arg)
{
	(void)ds;
	return contract == *(const int *)arg;
}

/* Money at risk (issue 20): the year month by month, a chart, and each
 * contract with terms; a contract subject shows that contract only. */
static void credits_section(const struct report_input *in, struct buf *out)
{
	const struct credits *c = in->credits;
	int year = in->scores->year, only = -1;
	section_start(in, out, 9, 1);
	buf_adds(out, "<p class=\"note\">");
	put(out, w(in->lang, "credits_note"));
	buf_adds(out, "</p>\n");
	if (c && in->subject_kind && !strcmp(in->subject_kind, "contract")) {
		for (size_t k = 0; k < c->ds->n_contracts; k++)
			if (!strcmp(c->ds->contracts[k].id, in->subject_id))
				only = (int)k;
		if (only < 0)
			c = NULL;
	}
	if (!c || !report_credits_has_year(c, year, only)) {
		nothing(in, out);
		buf_adds(out, "</section>\n");
		return;
	}
	struct credit_month_totals m[12];
	struct svg_credit_month cm[12];
	char labels[12][8];
	const char *legend[4] = { i18n(in->lang, "report.cr_pool_total"), i18n(in->lang, "report.cr_state_owed"),
				  i18n(in->lang, "report.cr_state_pending"), i18n(in->lang, "report.cr_state_waived") };
	report_credits_months(c, year, only, m);
	for (int i = 0; i < 12; i++) {
		month_format(m[i].month, labels[i]);
		cm[i] = (struct svg_credit_month){ labels[i], (double)m[i].totals.pool / 100,
						   (double)m[i].totals.owed / 100,
						   (double)m[i].totals.pending / 100,
						   (double)m[i].totals.waived / 100, NULL };
	}
	buf_adds(out, "<figure>");
	svg_credit_chart(out, w(in->lang, "credits"), cm, 12, legend);
	buf_adds(out, "</figure>\n<table>\n");
	credit_heads(in, out, "report.cr_month");
	buf_adds(out, "<tbody>\n");
	for (int i = 0; i < 12; i++) {
		buf_adds(out, "<tr><td>");
		put(out, labels[i]);
		buf_adds(out, "</td>");
		credit_cells(out, &m[i].totals);
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n<table>\n");
	credit_heads(in, out, "contracts_title");
	buf_adds(out, "<tbody>\n");
	for (size_t k = 0; k < c->ds->n_contracts; k++) {
		int ki = (int)k;
		struct credit_totals t;
		if ((only >= 0 && ki != only) || !report_credits_has_year(c, year, ki))
			continue;
		credits_sum(c, in_contract, &ki, month_of_ymd(year, 1), month_of_ymd(year, 12), &t);
		buf_adds(out, "<tr><td>");
		put(out, c->ds->contracts[k].id);
		buf_adds(out, "</td>");
		credit_cells(out, &t);
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody>\n</table>\n</section>\n");
}

void report_html(const struct report_input *in, struct buf *out)
{
	page_start(in, out);
	toc(in, out);
	buf_adds(out, "<main>\n");
	summary(in, out);
	trend(in, out);
	levels(in, out, 2, SUBJECT_ORG_UNIT, "by_unit");
	levels(in, out, 3, SUBJECT_PERSON, "by_person");
	categories(in, out);
	grades(in, out);
	contracts(in, out);
	stabilization(in, out);
	heatmaps(in, out);
	credits_section(in, out);
	buf_adds(out, "</main>\n</body>\n</html>\n");
}
