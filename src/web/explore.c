/* SPDX-License-Identifier: MIT */
/* The scorecards as a drill-down (issue 18 point 6): company →
 * organization (sales, operations) → org unit → person → contract →
 * criterion (the evidence page, pages.c) → the evidence records. Every
 * level is a page with breadcrumbs of names, its score with the evidence
 * count, a trend over the past years, the roll-up said in words, and the
 * level below as sortable, filterable, paged tables (table.c). Every
 * number is the engine's (the shared score cache, scores.c), printed the
 * way `tandem score` prints it; nothing is recomputed here. Pages are kept
 * with the scored year like the other score pages. */
#include "web/web_impl.h"

#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"
#include "report/i18n.h"
#include "report/svg.h"
#include "report/units.h"
#include "web/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many years a trend looks back (the year shown and three before). */
#define TREND_YEARS 4

static enum org_kind org_of(const struct request *req)
{
	const char *o = http_query(req, "org");
	return o && !strcmp(o, "operations") ? ORG_OPERATIONS : ORG_SALES;
}

static const char *org_key(enum org_kind org)
{
	return org == ORG_SALES ? "org.sales" : "org.operations";
}

static int is_ko(const struct request *req)
{
	return !strcmp(req->lang, "ko");
}

/* --- numbers the pages show ------------------------------------------------ */

/* The evidence behind a criterion: the records it looked at and, for the
 * SLA criteria, the metric-months with data (as `tandem score --format
 * json` lists them: evidence.records and evidence.sla.months[].metrics[]
 * with has_data). */
static long criterion_evidence(const struct score_criterion *cr)
{
	long n = (long)cr->n_rows;
	const struct month_table *mt = &cr->months;
	if (mt->last >= mt->first && mt->n_metrics)
		for (size_t i = 0; i < (size_t)(mt->last - mt->first + 1) * mt->n_metrics; i++)
			n += mt->cells[i].has_data != 0;
	return n;
}

static long set_evidence(const struct score_set *s)
{
	long n = 0;
	for (size_t i = 0; i < s->n_criteria; i++)
		n += criterion_evidence(&s->criteria[i]);
	return n;
}

static long aggregate_evidence(const struct scores *s, const struct score_aggregate *a)
{
	long n = 0;
	for (size_t i = 0; i < a->n_subjects; i++)
		n += set_evidence(&s->sets[a->subjects[i]]);
	return n;
}

/* A score as a table cell: the number as printed (two places) and the
 * grade of the printed number. */
static void score_cell(const struct scored *sc, const struct score_group *g, struct table_cell *c,
		       int with_grade)
{
	c->has_num = g->available;
	c->num = g->available ? numfmt_round(g->score, 2) : 0;
	if (with_grade)
		c->badge = web_grade_of(sc->model, g);
}

static void coverage_cell(const struct score_group *g, struct table_cell *c)
{
	c->has_num = 1;
	c->num = score_coverage(g);
}

static void count_cell(long n, struct table_cell *c)
{
	c->has_num = 1;
	c->num = (long double)n;
}

/* --- links ------------------------------------------------------------------ */

static const char *subject_href(struct request *req, enum subject_kind kind, const char *id,
				int year, enum org_kind org)
{
	struct buf h = BUF_INIT;
	web_scorecard_href(&h, kind, id, year, score_org_id(org));
	const char *s = arena_strdup(&req->arena, h.data);
	buf_release(&h);
	return s;
}

/* --- the org tree ------------------------------------------------------------ */

/* Is unit u (index) part of organization org's tree: of its kind? */
static int unit_in_org(const struct dataset *ds, int u, enum org_kind org)
{
	return u >= 0 && (size_t)u < ds->n_units && ds->units[u].kind == org;
}

/* The top units of org: of its kind, with a parent of another kind or none. */
static int unit_is_top(const struct dataset *ds, int u, enum org_kind org)
{
	return unit_in_org(ds, u, org) && !unit_in_org(ds, ds->units[u].parent, org);
}

/* --- breadcrumbs -------------------------------------------------------------- */

struct crumb {
	const char *text, *href;    /* href NULL: the page itself */
};

static void crumbs(struct request *req, struct buf *o, const struct crumb *c, size_t n)
{
	html_raw(o, "<nav class=\"crumbs\" aria-label=\"");
	html_msg(o, req, "explore.crumbs");
	html_raw(o, "\"><ol>");
	for (size_t i = 0; i < n; i++) {
		if (c[i].href) {
			html_raw(o, "<li><a href=\"");
			html_escape(o, c[i].href);
			html_raw(o, "\">");
			html_escape(o, c[i].text);
			html_raw(o, "</a></li>");
		} else {
			html_raw(o, "<li aria-current=\"page\">");
			html_escape(o, c[i].text);
			html_raw(o, "</li>");
		}
	}
	html_raw(o, "</ol></nav>\n");
}

#define CRUMBS_MAX 24

/* Appends the units from the top of org's tree down to u (u included). */
static size_t unit_chain(struct request *req, const struct scored *sc, enum org_kind org, int u,
			 int want_self, struct crumb *c, size_t n)
{
	int chain[CRUMBS_MAX];
	size_t k = 0;
	for (int x = u; unit_in_org(sc->ds, x, org) && k < CRUMBS_MAX - 8; x = sc->ds->units[x].parent)
		chain[k++] = x;
	/* a unit of another kind (the executive office above both
	 * organizations) is still the page's own crumb */
	if (!k && u >= 0 && (size_t)u < sc->ds->n_units && want_self)
		chain[k++] = u;
	while (k--) {
		const struct org_unit *unit = &sc->ds->units[chain[k]];
		c[n].text = unit->name;
		c[n].href = subject_href(req, SUBJECT_ORG_UNIT, unit->id, sc->year, org);
		n++;
	}
	return n;
}

size_t web_score_crumbs(struct request *req, struct buf *o, const struct scored *sc,
			enum org_kind org, enum subject_kind kind, int index, const char *criterion)
{
	struct crumb c[CRUMBS_MAX];
	size_t n = 0;
	const struct dataset *ds = sc->ds;
	c[n].text = msg(req->lang, "score.company");
	c[n++].href = arena_printf(&req->arena, "/scores?year=%d", sc->year);
	if (kind != SUBJECT_COMPANY || index >= 0) {
		c[n].text = msg(req->lang, org_key(org));
		c[n++].href = subject_href(req, SUBJECT_COMPANY, "company", sc->year, org);
	}
	int person = -1;
	if (kind == SUBJECT_CONTRACT) {
		const struct contract *k = &ds->contracts[index];
		person = org == ORG_SALES ? k->sales_owner : k->ops_owner;
	} else if (kind == SUBJECT_PERSON) {
		person = index;
	}
	if (kind == SUBJECT_ORG_UNIT)
		n = unit_chain(req, sc, org, index, 1, c, n);
	if (person >= 0 && (size_t)person < ds->n_people) {
		n = unit_chain(req, sc, org, ds->people[person].org_unit, 0, c, n);
		c[n].text = ds->people[person].name;
		c[n++].href = subject_href(req, SUBJECT_PERSON, ds->people[person].id, sc->year, org);
	}
	if (kind == SUBJECT_CONTRACT) {
		const struct contract *k = &ds->contracts[index];
		c[n].text = arena_printf(&req->arena, "%s %s", k->id, ds->clients[k->client].name);
		c[n++].href = subject_href(req, SUBJECT_CONTRACT, k->id, sc->year, org);
	}
	if (criterion) {
		c[n].text = criterion;
		c[n++].href = NULL;
	}
	/* the page itself is the last crumb, not a link */
	if (n)
		c[n - 1].href = NULL;
	crumbs(req, o, c, n);
	return n;
}

/* --- trends --------------------------------------------------------------------- */

/* The score of a part of (kind, id, org) in one scored year: the total
 * (part NULL), a category (part = its id) or, for a contract, a criterion
 * (part = its id), as printed (two places), or SVG_NONE when n/a; *found
 * when the subject was scored that year. Parts are found by id, so a year
 * scored under another model still lines up. */
static double score_in(const struct scored *sc, enum subject_kind kind, const char *id,
		       enum org_kind org, const char *part, int *found)
{
	const struct score_group *total = NULL, *cats = NULL;
	const struct score_set *set = NULL;
	if (kind == SUBJECT_CONTRACT) {
		set = score_find_set(sc->scores, id, org);
		if (set) {
			total = &set->total;
			cats = set->categories;
		}
	} else {
		const struct score_aggregate *a = score_find_aggregate(sc->scores, kind, id, org);
		if (a && (kind != SUBJECT_COMPANY || a->n_subjects)) {
			total = &a->total;
			cats = a->categories;
		}
	}
	*found = total != NULL;
	if (!total)
		return SVG_NONE;
	if (!part)
		return total->available ? (double)numfmt_round(total->score, 2) : SVG_NONE;
	const struct model_org *mo = &sc->model->orgs[org];
	for (size_t c = 0; c < mo->n_categories; c++)
		if (!strcmp(mo->categories[c].id, part))
			return cats[c].available ? (double)numfmt_round(cats[c].score, 2) : SVG_NONE;
	for (size_t i = 0; set && i < set->n_criteria; i++)
		if (!strcmp(set->criteria[i].def->id, part))
			return set->criteria[i].available ? (double)numfmt_round(set->criteria[i].score, 2)
							  : SVG_NONE;
	return SVG_NONE;
}

/* The years a trend looks at: the year shown and the ones before it, from
 * the same score cache (a frozen year reproduces its frozen scores); a
 * year that could not be scored is NULL. partial: the year shown is not
 * over. */
struct history {
	const struct scored *years[TREND_YEARS];
	int year[TREND_YEARS];
	size_t n;
	int partial;
};

static void history_open(struct request *req, const struct scored *sc, struct history *h)
{
	day_t last_day;
	h->n = 0;
	for (int y = sc->year - TREND_YEARS + 1; y <= sc->year; y++) {
		struct buf err = BUF_INIT;
		h->year[h->n] = y;
		h->years[h->n++] = y == sc->year ? sc : web_scores_get(req, y, &err);
		buf_release(&err);
	}
	h->partial = !web_year_is_over(req, sc->year, &last_day);
}

static void history_close(struct request *req, const struct scored *sc, struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->years[i] && h->years[i] != sc)
			web_scores_release(req->srv, h->years[i]);
	h->n = 0;
}

/* The part's scores (see score_in) in the years from the first one the
 * subject was scored in to the year shown, a year without a score a gap
 * (SVG_NONE): labels and values in the arena; returns how many. */
static size_t history_series(struct request *req, const struct history *h, enum subject_kind kind,
			     const char *id, enum org_kind org, const char *part,
			     const char ***labels, double **values, int *years)
{
	size_t n = 0;
	*labels = arena_alloc(&req->arena, TREND_YEARS * sizeof **labels);
	*values = arena_alloc(&req->arena, TREND_YEARS * sizeof **values);
	for (size_t i = 0; i < h->n; i++) {
		int found = 0;
		double v = h->years[i] ? score_in(h->years[i], kind, id, org, part, &found) : SVG_NONE;
		if (!found && !n)
			continue;
		(*labels)[n] = arena_printf(&req->arena, "%d", h->year[i]);
		years[n] = h->year[i];
		(*values)[n++] = v;
	}
	return n;
}

static size_t drawn_points(const double *values, size_t n)
{
	size_t drawn = 0;
	for (size_t i = 0; i < n; i++)
		drawn += values[i] != SVG_NONE;
	return drawn;
}

/* A part's scores over the years up to the one shown (see
 * history_series), as a sparkline on the common 0–100 scale; a year not
 * over yet is marked. Fewer than two scored years are no trend: said in
 * words for the total (say_one_year), left out beside a category. */
static void trend(struct request *req, struct buf *o, const struct history *h, int shown_year,
		  enum subject_kind kind, const char *id, enum org_kind org, const char *part,
		  const char *part_name, int say_one_year)
{
	const char **labels;
	double *values;
	int years[TREND_YEARS];
	size_t n = history_series(req, h, kind, id, org, part, &labels, &values, years);
	if (drawn_points(values, n) < 2) {
		if (say_one_year) {
			html_raw(o, "<span class=\"tile-trend\"><span class=\"muted small\">");
			html_msg(o, req, "explore.trend_one_year");
			html_raw(o, "</span></span>");
		}
		return;
	}
	struct buf title = BUF_INIT;
	const char *args[] = { labels[0], labels[n - 1], part_name };
	i18n_add(&title, i18n_lang(req->lang), part ? "explore.trend_title_part" : "explore.trend_title",
		 args, 3);
	html_raw(o, "<span class=\"tile-trend\">");
	svg_sparkline(o, title.data, labels, values, n, 0, 100, h->partial && years[n - 1] == shown_year,
		      msg(req->lang, "explore.partial_year"));
	html_raw(o, "</span>");
	buf_release(&title);
}

/* A trend cell: the series and the change of the score since the year
 * before (when both years have one). */
static void trend_cell(struct request *req, const struct history *h, enum subject_kind kind,
		       const char *id, enum org_kind org, const char *part, struct table_cell *c)
{
	const char **labels;
	double *values;
	int years[TREND_YEARS];
	size_t n = history_series(req, h, kind, id, org, part, &labels, &values, years);
	int shown = h->n ? h->year[h->n - 1] : 0;
	c->series = values;
	c->series_labels = labels;
	c->n_series = n;
	/* the last point is the year shown only when the subject was scored in it */
	c->series_partial = h->partial && n && years[n - 1] == shown;
	/* the change from the year before to the year shown, both scored */
	c->has_num = n >= 2 && years[n - 1] == shown && years[n - 2] == shown - 1 &&
		values[n - 1] != SVG_NONE && values[n - 2] != SVG_NONE;
	c->num = c->has_num ? (long double)values[n - 1] - (long double)values[n - 2] : 0;
	c->text = c->has_num ? NULL : "";
}

/* --- tiles ---------------------------------------------------------------------- */

/* The level's total: score and grade, coverage, evidence count, trend. */
static void total_tile(struct request *req, struct buf *o, const struct scored *sc,
		       const struct history *h, const struct score_group *g, long evidence, enum subject_kind kind,
		       const char *id, enum org_kind org)
{
	struct buf t = BUF_INIT;
	html_raw(o, "<div class=\"tile\" id=\"total-tile\"><span class=\"tile-label\">");
	html_msg(o, req, "score.total");
	html_raw(o, "</span><span class=\"tile-score\">");
	html_group_score(o, req, sc->model, g);
	html_raw(o, "</span><span class=\"tile-sub\">");
	html_msg(o, req, "score.coverage");
	html_raw(o, " <span id=\"coverage\">");
	units_percent(&t, score_coverage(g), 0);
	html_escape(o, t.data);
	html_raw(o, "</span> · <span id=\"evidence-count\">");
	buf_reset(&t);
	units_count(&t, evidence);
	const char *args[] = { t.data };
	struct buf e = BUF_INIT;
	i18n_add(&e, i18n_lang(req->lang), "explore.evidence_count", args, 1);
	html_escape(o, e.data);
	html_raw(o, "</span></span>");
	trend(req, o, h, sc->year, kind, id, org, NULL, NULL, 1);
	html_raw(o, "</div>\n");
	buf_release(&t);
	buf_release(&e);
}

/* One tile per category, each a link to the list below sorted by it
 * (href_fmt: where, with %s for the category id), or to its section. */
static void category_tiles(struct request *req, struct buf *o, const struct scored *sc,
			   const struct history *h, enum subject_kind kind, const char *id,
			   enum org_kind org, const struct score_group *cats, const char *table_prefix,
			   const char *anchor)
{
	const struct model_org *mo = &sc->model->orgs[org];
	for (size_t c = 0; c < mo->n_categories; c++) {
		const struct model_category *cat = &mo->categories[c];
		struct buf href = BUF_INIT, w = BUF_INIT;
		if (table_prefix) {
			/* the same page, its list sorted by the category, worst first */
			buf_adds(&href, req->path);
			buf_addc(&href, '?');
			for (size_t i = 0; i < req->n_query; i++) {
				const char *name = req->query[i].name;
				if (!strcmp(name, "lang") || !strncmp(name, table_prefix, strlen(table_prefix)))
					continue;
				http_url_escape(&href, name);
				buf_addc(&href, '=');
				http_url_escape(&href, req->query[i].value);
				buf_addc(&href, '&');
			}
			buf_addf(&href, "%s_sort=", table_prefix);
			http_url_escape(&href, cat->id);
			buf_addf(&href, "&%s_dir=asc#%s", table_prefix, anchor);
		} else {
			buf_adds(&href, "#cat-");
			http_url_escape(&href, cat->id);
		}
		html_raw(o, "<a class=\"tile\" href=\"");
		html_escape(o, href.data);
		html_raw(o, "\"><span class=\"tile-label\">");
		html_escape(o, model_name_text(&cat->name, is_ko(req)));
		html_raw(o, "</span><span class=\"tile-score\">");
		if (cats[c].available)
			numfmt_ld(o, cats[c].score, 2);
		else
			html_msg(o, req, "score.na");
		html_raw(o, "</span><span class=\"tile-sub\">");
		numfmt_double(&w, cat->weight);
		const char *args[] = { w.data };
		struct buf t = BUF_INIT;
		i18n_add(&t, i18n_lang(req->lang), "explore.category_weight", args, 1);
		html_escape(o, t.data);
		html_raw(o, "</span>");
		/* the category's own years, beside its score (issue 18) */
		trend(req, o, h, sc->year, kind, id, org, cat->id, model_name_text(&cat->name, is_ko(req)), 0);
		html_raw(o, "</a>\n");
		buf_release(&t);
		buf_release(&w);
		buf_release(&href);
	}
}

/* How an aggregate's number comes from its contracts, in words. */
static void rollup_words(struct request *req, struct buf *o, const struct scored *sc,
			 const struct score_aggregate *a, const char *name)
{
	size_t with_total = 0;
	wide_t value = 0;
	struct buf n1 = BUF_INIT, n2 = BUF_INIT, w = BUF_INIT, score = BUF_INIT, t = BUF_INIT;
	for (size_t i = 0; i < a->n_subjects; i++) {
		const struct score_set *s = &sc->scores->sets[a->subjects[i]];
		if (s->total.available)
			with_total++;
	}
	value = a->total_weight;
	units_count(&n1, (long long)a->n_subjects);
	units_count(&n2, (long long)with_total);
	if (sc->model->rollup_weighting == ROLLUP_EQUAL)
		units_count(&w, (long long)(value / MICRO_ONE));
	else
		units_won(&w, i18n_lang(req->lang), value);
	if (a->total.available)
		numfmt_ld(&score, a->total.score, 2);
	else
		buf_adds(&score, msg(req->lang, "score.na"));
	const char *args[] = { name, score.data, n1.data, n2.data, w.data };
	const char *key = !a->n_subjects ? "explore.rollup_none"
		: sc->model->rollup_weighting == ROLLUP_EQUAL ? "explore.rollup_equal"
		: "explore.rollup_value";
	i18n_add(&t, i18n_lang(req->lang), key, args, 5);
	html_raw(o, "<p class=\"rollup\" id=\"rollup\">");
	html_escape(o, t.data);
	html_raw(o, "</p>\n");
	buf_release(&n1);
	buf_release(&n2);
	buf_release(&w);
	buf_release(&score);
	buf_release(&t);
}

/* --- the subject tables ---------------------------------------------------------- */

enum list_kind { LIST_UNITS, LIST_PEOPLE, LIST_CONTRACTS };

/* The columns of a list of subjects: name, (unit / owner), total, one per
 * category, coverage, contracts, evidence (, annual value). */
static struct table_desc *subject_desc(struct request *req, const struct scored *sc,
				       enum org_kind org, enum list_kind kind, const char *id,
				       const char *prefix)
{
	const struct model_org *mo = &sc->model->orgs[org];
	size_t n = 0, max = mo->n_categories + 8;
	struct table_column *cols = arena_alloc(&req->arena, max * sizeof *cols);
	struct table_desc *t = arena_alloc(&req->arena, sizeof *t);
	memset(cols, 0, max * sizeof *cols);
	memset(t, 0, sizeof *t);
	cols[n++] = (struct table_column){ "name", kind == LIST_CONTRACTS ? "explore.col_contract"
					   : kind == LIST_PEOPLE ? "explore.col_person" : "explore.col_unit",
					   NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
					   TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH, 0, NULL, NULL };
	if (kind == LIST_PEOPLE)
		cols[n++] = (struct table_column){ "unit", "explore.col_unit", NULL, TABLE_TEXT,
						   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES, 0,
						   NULL, NULL };
	if (kind == LIST_CONTRACTS)
		cols[n++] = (struct table_column){ "owner", "explore.col_owner", NULL, TABLE_TEXT,
						   TABLE_ALIGN_AUTO,
						   TABLE_SORTABLE | TABLE_CHOICES | TABLE_SEARCH, 0,
						   NULL, NULL };
	cols[n++] = (struct table_column){ "total", "score.total", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO,
					   TABLE_SORTABLE, 2, NULL, NULL };
	cols[n++] = (struct table_column){ "trend", "explore.col_trend", NULL, TABLE_TREND, TABLE_ALIGN_AUTO,
					   TABLE_SORTABLE, 2, NULL, NULL };
	for (size_t c = 0; c < mo->n_categories; c++)
		cols[n++] = (struct table_column){ mo->categories[c].id, NULL,
						   model_name_text(&mo->categories[c].name, is_ko(req)),
						   TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 2, NULL,
						   NULL };
	cols[n++] = (struct table_column){ "coverage", "explore.col_coverage", NULL, TABLE_PERCENT,
					   TABLE_ALIGN_AUTO, TABLE_SORTABLE, 0, NULL, NULL };
	if (kind != LIST_CONTRACTS)
		cols[n++] = (struct table_column){ "contracts", "scores.contracts", NULL, TABLE_NUMBER,
						   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM, 0,
						   NULL, NULL };
	else
		cols[n++] = (struct table_column){ "value", "explore.col_annual_value", NULL, TABLE_WON,
						   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM, 0,
						   NULL, NULL };
	cols[n++] = (struct table_column){ "evidence", "score.evidence", NULL, TABLE_NUMBER,
					   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM, 0, NULL, NULL };
	t->id = id;
	t->prefix = prefix;
	t->columns = cols;
	t->n_columns = n;
	t->per_page = 50;
	t->empty_key = "score.no_subjects";
	t->default_sort = -1;
	return t;
}

/* Fills the score columns of a row from a group set: total, categories,
 * coverage (cells from index at). */
static size_t score_cells(struct request *req, const struct scored *sc, const struct history *h,
			  enum subject_kind kind, const char *id, enum org_kind org,
			  struct table_cell *cells, size_t at, const struct score_group *total,
			  const struct score_group *cats, size_t n_cats)
{
	score_cell(sc, total, &cells[at++], 1);
	trend_cell(req, h, kind, id, org, NULL, &cells[at++]);
	for (size_t c = 0; c < n_cats; c++)
		score_cell(sc, &cats[c], &cells[at++], 0);
	coverage_cell(total, &cells[at++]);
	return at;
}

static void aggregate_row(struct request *req, const struct scored *sc, const struct history *h,
			  const struct score_aggregate *a, enum list_kind kind, struct table_row *row,
			  size_t n_cols)
{
	const struct dataset *ds = sc->ds;
	struct table_cell *cells = arena_alloc(&req->arena, n_cols * sizeof *cells);
	size_t at = 0;
	memset(cells, 0, n_cols * sizeof *cells);
	cells[at].text = kind == LIST_UNITS ? ds->units[a->index].name : ds->people[a->index].name;
	cells[at].title = a->id;
	cells[at++].href = subject_href(req, a->kind, a->id, sc->year, a->org);
	if (kind == LIST_PEOPLE) {
		int u = ds->people[a->index].org_unit;
		cells[at++].text = u >= 0 && (size_t)u < ds->n_units ? ds->units[u].name : "";
	}
	at = score_cells(req, sc, h, a->kind, a->id, a->org, cells, at, &a->total, a->categories,
			 a->n_categories);
	count_cell((long)a->n_subjects, &cells[at++]);
	count_cell(aggregate_evidence(sc->scores, a), &cells[at++]);
	row->cells = cells;
	row->id = NULL;
}

static void contract_row(struct request *req, const struct scored *sc, const struct history *h,
			 const struct score_set *s, struct table_row *row, size_t n_cols)
{
	const struct dataset *ds = sc->ds;
	const struct contract *k = &ds->contracts[s->contract];
	struct table_cell *cells = arena_alloc(&req->arena, n_cols * sizeof *cells);
	size_t at = 0;
	int owner = s->org == ORG_SALES ? k->sales_owner : k->ops_owner;
	memset(cells, 0, n_cols * sizeof *cells);
	cells[at].text = k->id;
	cells[at].note = ds->clients[k->client].name;
	cells[at++].href = subject_href(req, SUBJECT_CONTRACT, k->id, sc->year, s->org);
	cells[at++].text = owner >= 0 && (size_t)owner < ds->n_people ? ds->people[owner].name : "";
	at = score_cells(req, sc, h, SUBJECT_CONTRACT, k->id, s->org, cells, at, &s->total,
			 s->categories, s->n_categories);
	cells[at].has_num = k->annual_value != MICRO_NONE;
	cells[at++].micro = k->annual_value == MICRO_NONE ? 0 : k->annual_value;
	count_cell(set_evidence(s), &cells[at++]);
	row->cells = cells;
	row->id = NULL;
}

static void section_begin(struct request *req, struct buf *o, const char *id, const char *head_key)
{
	html_raw(o, "<section class=\"card\" id=\"");
	html_escape(o, id);
	html_raw(o, "-section\">\n<h2>");
	html_msg(o, req, head_key);
	html_raw(o, "</h2>\n");
}

/* A list of org units (kind LIST_UNITS) or people (LIST_PEOPLE) chosen
 * by keep(ds, index, arg), as a table. */
static void aggregate_list(struct request *req, struct buf *o, const struct scored *sc,
			   enum org_kind org, enum list_kind kind, const char *id, const char *head_key,
			   int (*keep)(const struct dataset *, int, enum org_kind, int), int arg)
{
	struct table_desc *t = subject_desc(req, sc, org, kind, id, id);
	struct table_row *rows = arena_alloc(&req->arena, (sc->scores->n_aggregates + 1) * sizeof *rows);
	size_t n = 0;
	enum subject_kind sk = kind == LIST_UNITS ? SUBJECT_ORG_UNIT : SUBJECT_PERSON;
	struct history h;
	history_open(req, sc, &h);
	for (size_t i = 0; i < sc->scores->n_aggregates; i++) {
		const struct score_aggregate *a = &sc->scores->aggregates[i];
		if (a->kind != sk || a->org != org || !keep(sc->ds, a->index, org, arg))
			continue;
		aggregate_row(req, sc, &h, a, kind, &rows[n++], t->n_columns);
	}
	history_close(req, sc, &h);
	section_begin(req, o, id, head_key);
	html_table(req, o, t, rows, n);
	html_raw(o, "</section>\n");
}

static void contract_list(struct request *req, struct buf *o, const struct scored *sc,
			  enum org_kind org, const size_t *subjects, size_t n_subjects, int all)
{
	struct table_desc *t = subject_desc(req, sc, org, LIST_CONTRACTS, "contracts", "contracts");
	size_t cap = all ? sc->scores->n_sets : n_subjects;
	struct table_row *rows = arena_alloc(&req->arena, (cap + 1) * sizeof *rows);
	size_t n = 0;
	struct history h;
	history_open(req, sc, &h);
	for (size_t i = 0; i < cap; i++) {
		const struct score_set *s = &sc->scores->sets[all ? i : subjects[i]];
		if (s->org != org)
			continue;
		contract_row(req, sc, &h, s, &rows[n++], t->n_columns);
	}
	history_close(req, sc, &h);
	section_begin(req, o, "contracts", "scores.contracts");
	html_table(req, o, t, rows, n);
	html_raw(o, "</section>\n");
}

static int keep_top_unit(const struct dataset *ds, int u, enum org_kind org, int arg)
{
	(void)arg;
	return unit_is_top(ds, u, org);
}

static int keep_child_unit(const struct dataset *ds, int u, enum org_kind org, int parent)
{
	(void)org;
	return u >= 0 && ds->units[u].parent == parent;
}

static int keep_any_person(const struct dataset *ds, int p, enum org_kind org, int arg)
{
	(void)ds;
	(void)p;
	(void)org;
	(void)arg;
	return 1;
}

static int keep_member(const struct dataset *ds, int p, enum org_kind org, int unit)
{
	(void)org;
	return p >= 0 && ds->people[p].org_unit == unit;
}

/* --- too early to judge (SPEC §5 "Maturity") ---------------------------------------- */

/* Is too-early contract c in the subjects of (kind, index): owned (as
 * ops_owner) by the person, by someone in the unit or below it, or any for
 * the company? */
static int too_early_belongs(const struct dataset *ds, int c, enum subject_kind kind, int index)
{
	int owner = ds->contracts[c].ops_owner;
	if (kind == SUBJECT_COMPANY)
		return 1;
	if (owner < 0 || (size_t)owner >= ds->n_people)
		return 0;
	if (kind == SUBJECT_PERSON)
		return owner == index;
	for (int u = ds->people[owner].org_unit, steps = 0; u >= 0 && (size_t)u < ds->n_units &&
	     steps <= (int)ds->n_units; u = ds->units[u].parent, steps++)
		if (u == index)
			return 1;
	return 0;
}

static const struct table_column too_early_columns[] = {
	{ "contract", "score.subject", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_ROW_HEADER, 0, NULL, NULL },
	{ "go_live", "col.go_live_on", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 0, NULL, NULL },
	{ "months", "score.months_live", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 0, NULL,
	  NULL },
	{ "owner", "col.ops_owner", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 0, NULL, NULL },
};
static const struct table_desc too_early_table = {
	"too-early-table", "early", too_early_columns, 4, 50, "score.no_subjects", -1, 0,
};

/* The operations contracts of (kind, index) not judged this year, listed
 * apart so that none reads as a low score. Nothing when the model judges
 * every contract or none of them is too early. */
static void too_early_card(struct request *req, struct buf *o, const struct scored *sc,
			   enum subject_kind kind, int index)
{
	const struct scores *s = sc->scores;
	const struct dataset *ds = sc->ds;
	size_t shown = 0;
	struct table_row *rows = arena_alloc(&req->arena, (s->n_too_early + 1) * sizeof *rows);
	for (size_t i = 0; i < s->n_too_early; i++) {
		int c = s->too_early[i].contract;
		const struct contract *k = &ds->contracts[c];
		if (!too_early_belongs(ds, c, kind, index))
			continue;
		struct table_cell *cells = arena_alloc(&req->arena, 4 * sizeof *cells);
		char day[11];
		memset(cells, 0, 4 * sizeof *cells);
		date_format(k->go_live_on, day);
		cells[0].text = k->id;
		cells[0].note = ds->clients[k->client].name;
		{
			struct buf h = BUF_INIT;
			buf_adds(&h, "/contracts/");
			http_url_escape(&h, k->id);
			cells[0].href = arena_strdup(&req->arena, h.data);
			buf_release(&h);
		}
		cells[1].text = arena_strdup(&req->arena, day);
		count_cell(s->too_early[i].months, &cells[2]);
		cells[3].text = k->ops_owner >= 0 ? ds->people[k->ops_owner].name : "";
		rows[shown].cells = cells;
		rows[shown++].id = NULL;
	}
	if (!s->model->operations_min_months || !shown)
		return;
	html_raw(o, "<section class=\"card\" id=\"too-early\">\n<h2>");
	html_msg(o, req, "score.too_early");
	buf_addf(o, " <span class=\"muted\">%zu</span></h2>\n<p class=\"muted\">", shown);
	html_msg(o, req, "score.too_early_help");
	buf_addf(o, " %d.</p>\n", s->model->operations_min_months);
	html_table(req, o, &too_early_table, rows, shown);
	html_raw(o, "</section>\n");
}

/* --- the year form ---------------------------------------------------------------------- */

/* --- the levels ----------------------------------------------------------------------- */

/* An organization: the company's aggregate for org, its top units, all
 * its people and contracts. */
static void organization_level(struct request *req, struct buf *o, const struct scored *sc,
			       enum org_kind org)
{
	const struct score_aggregate *a = score_find_aggregate(sc->scores, SUBJECT_COMPANY, "company", org);
	web_score_crumbs(req, o, sc, org, SUBJECT_COMPANY, 0, NULL);
	web_year_form(req, o, sc->year, score_org_id(org));
	if (a) {
		struct history h;
		history_open(req, sc, &h);
		html_raw(o, "<section class=\"tiles\">\n");
		total_tile(req, o, sc, &h, &a->total, aggregate_evidence(sc->scores, a), SUBJECT_COMPANY,
			   "company", org);
		category_tiles(req, o, sc, &h, SUBJECT_COMPANY, "company", org, a->categories, "contracts",
			       "contracts-section");
		html_raw(o, "</section>\n");
		history_close(req, sc, &h);
		rollup_words(req, o, sc, a, msg(req->lang, org_key(org)));
	}
	aggregate_list(req, o, sc, org, LIST_UNITS, "units", "scores.units", keep_top_unit, 0);
	aggregate_list(req, o, sc, org, LIST_PEOPLE, "people", "scores.people", keep_any_person, 0);
	contract_list(req, o, sc, org, NULL, 0, 1);
	if (org == ORG_OPERATIONS)
		too_early_card(req, o, sc, SUBJECT_COMPANY, -1);
}

/* The company: both organizations side by side, each a link. */
static void company_level(struct request *req, struct buf *o, const struct scored *sc)
{
	web_score_crumbs(req, o, sc, ORG_SALES, SUBJECT_COMPANY, -1, NULL);
	web_year_form(req, o, sc->year, NULL);
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "explore.company_help");
	html_raw(o, "</p>\n<section class=\"tiles\" id=\"organizations\">\n");
	struct history h;
	history_open(req, sc, &h);
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		const struct score_aggregate *a =
			score_find_aggregate(sc->scores, SUBJECT_COMPANY, "company", (enum org_kind)org);
		struct buf t = BUF_INIT;
		html_raw(o, "<a class=\"tile\" id=\"org-");
		html_escape(o, score_org_id((enum org_kind)org));
		html_raw(o, "\" href=\"");
		html_escape(o, subject_href(req, SUBJECT_COMPANY, "company", sc->year, (enum org_kind)org));
		html_raw(o, "\"><span class=\"tile-label\">");
		html_msg(o, req, org_key((enum org_kind)org));
		html_raw(o, "</span><span class=\"tile-score\">");
		if (a)
			html_group_score(o, req, sc->model, &a->total);
		else
			html_msg(o, req, "score.na");
		html_raw(o, "</span><span class=\"tile-sub\">");
		if (a) {
			html_msg(o, req, "score.coverage");
			html_raw(o, " ");
			units_percent(&t, score_coverage(&a->total), 0);
			html_escape(o, t.data);
			html_raw(o, " · ");
			buf_reset(&t);
			units_count(&t, aggregate_evidence(sc->scores, a));
			const char *args[] = { t.data };
			struct buf e = BUF_INIT;
			i18n_add(&e, i18n_lang(req->lang), "explore.evidence_count", args, 1);
			html_escape(o, e.data);
			buf_release(&e);
		}
		html_raw(o, "</span>");
		trend(req, o, &h, sc->year, SUBJECT_COMPANY, "company", (enum org_kind)org, NULL, NULL, 1);
		html_raw(o, "</a>\n");
		buf_release(&t);
	}
	history_close(req, sc, &h);
	html_raw(o, "</section>\n");
	for (int org = ORG_SALES; org <= ORG_OPERATIONS; org++) {
		char id[24];
		snprintf(id, sizeof id, "units-%s", score_org_id((enum org_kind)org));
		aggregate_list(req, o, sc, (enum org_kind)org, LIST_UNITS, arena_strdup(&req->arena, id),
			       org == ORG_SALES ? "explore.units_sales" : "explore.units_operations",
			       keep_top_unit, 0);
	}
}

static void unit_level(struct request *req, struct buf *o, const struct scored *sc,
		       const struct score_aggregate *a)
{
	const struct org_unit *u = &sc->ds->units[a->index];
	web_score_crumbs(req, o, sc, a->org, SUBJECT_ORG_UNIT, a->index, NULL);
	web_year_form(req, o, sc->year, score_org_id(a->org));
	struct history h;
	history_open(req, sc, &h);
	html_raw(o, "<section class=\"tiles\">\n");
	total_tile(req, o, sc, &h, &a->total, aggregate_evidence(sc->scores, a), SUBJECT_ORG_UNIT, a->id,
		   a->org);
	category_tiles(req, o, sc, &h, SUBJECT_ORG_UNIT, a->id, a->org, a->categories, "contracts",
		       "contracts-section");
	html_raw(o, "</section>\n");
	history_close(req, sc, &h);
	rollup_words(req, o, sc, a, u->name);
	int children = 0;
	for (size_t i = 0; i < sc->ds->n_units; i++)
		children += sc->ds->units[i].parent == a->index;
	if (children)
		aggregate_list(req, o, sc, a->org, LIST_UNITS, "units", "explore.subunits",
			       keep_child_unit, a->index);
	aggregate_list(req, o, sc, a->org, LIST_PEOPLE, "people", "explore.members", keep_member,
		       a->index);
	contract_list(req, o, sc, a->org, a->subjects, a->n_subjects, 0);
	if (a->org == ORG_OPERATIONS)
		too_early_card(req, o, sc, SUBJECT_ORG_UNIT, a->index);
}

static void person_level(struct request *req, struct buf *o, const struct scored *sc,
			 const struct score_aggregate *a)
{
	web_score_crumbs(req, o, sc, a->org, SUBJECT_PERSON, a->index, NULL);
	web_year_form(req, o, sc->year, score_org_id(a->org));
	struct history h;
	history_open(req, sc, &h);
	html_raw(o, "<section class=\"tiles\">\n");
	total_tile(req, o, sc, &h, &a->total, aggregate_evidence(sc->scores, a), SUBJECT_PERSON, a->id,
		   a->org);
	category_tiles(req, o, sc, &h, SUBJECT_PERSON, a->id, a->org, a->categories, "contracts",
		       "contracts-section");
	html_raw(o, "</section>\n");
	history_close(req, sc, &h);
	rollup_words(req, o, sc, a, sc->ds->people[a->index].name);
	contract_list(req, o, sc, a->org, a->subjects, a->n_subjects, 0);
	if (a->org == ORG_OPERATIONS)
		too_early_card(req, o, sc, SUBJECT_PERSON, a->index);
}

/* A criterion's value with its unit: ratios as percentages, counts and
 * means as numbers, several measures side by side. Plain text. */
static void value_text(struct request *req, struct buf *t, const struct score_criterion *cr)
{
	if (cr->def->format != VALUE_NONE) {
		if (!cr->value_available) {
			buf_adds(t, msg(req->lang, "score.na"));
			return;
		}
		if (cr->def->format == VALUE_RATIO)
			units_percent(t, cr->value, 1);
		else
			numfmt_ld(t, cr->value, value_format_decimals(cr->def->format));
		return;
	}
	for (size_t m = 0; m < cr->def->n_measures; m++) {
		const struct score_measure *sm = &cr->measures[m];
		if (m)
			buf_adds(t, " · ");
		if (!sm->available)
			buf_adds(t, msg(req->lang, "score.na"));
		else if (cr->def->measure_formats[m] == VALUE_RATIO)
			units_percent(t, sm->value, 1);
		else
			numfmt_ld(t, sm->value, value_format_decimals(cr->def->measure_formats[m]));
	}
}

/* The scoring of a criterion in words, measure by measure. */
static void scoring_text(struct request *req, struct buf *t, const struct score_criterion *cr)
{
	for (size_t i = 0; i < cr->model->n_measures; i++) {
		const struct model_measure *mm = &cr->model->measures[i];
		if (i)
			buf_adds(t, "; ");
		if (cr->model->n_measures > 1) {
			buf_adds(t, model_name_text(&mm->name, is_ko(req)));
			buf_adds(t, ": ");
		}
		units_scoring_words(t, i18n_lang(req->lang), &mm->scoring,
				    cr->def->measure_formats[mm->def_index] == VALUE_RATIO);
	}
}

static const struct table_column criterion_columns[] = {
	{ "criterion", "score.criterion", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_ROW_HEADER, 0, NULL,
	  NULL },
	{ "value", "score.value", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0, 0, NULL, NULL },
	{ "score", "score.score", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, 0, 2, NULL, NULL },
	{ "trend", "explore.col_trend", NULL, TABLE_TREND, TABLE_ALIGN_AUTO, 0, 2, NULL, NULL },
	{ "scoring", "evidence.scoring", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0, 0, NULL, NULL },
	{ "evidence", "score.evidence", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0, 0, NULL, NULL },
};

#define N_CRITERION_COLUMNS (sizeof criterion_columns / sizeof criterion_columns[0])

static void contract_level(struct request *req, struct buf *o, const struct scored *sc,
			   const struct score_set *set)
{
	const struct model_org *mo = &sc->model->orgs[set->org];
	const struct contract *k = &sc->ds->contracts[set->contract];
	const char *oid = score_org_id(set->org);
	size_t x = 0;
	web_score_crumbs(req, o, sc, set->org, SUBJECT_CONTRACT, set->contract, NULL);
	web_year_form(req, o, sc->year, oid);
	html_raw(o, "<p><a href=\"/contracts/");
	{
		struct buf h = BUF_INIT;
		http_url_escape(&h, k->id);
		html_escape(o, h.data);
		buf_release(&h);
	}
	html_raw(o, "\">");
	html_msg(o, req, "contract.open");
	html_raw(o, "</a></p>\n<section class=\"tiles\">\n");
	struct history h;
	history_open(req, sc, &h);
	total_tile(req, o, sc, &h, &set->total, set_evidence(set), SUBJECT_CONTRACT, k->id, set->org);
	category_tiles(req, o, sc, &h, SUBJECT_CONTRACT, k->id, set->org, set->categories, NULL, NULL);
	html_raw(o, "</section>\n");
	{
		/* the contract's own roll-up: categories from criteria, total from categories */
		struct buf weights = BUF_INIT, t = BUF_INIT, w = BUF_INIT;
		for (size_t c = 0; c < mo->n_categories; c++) {
			buf_reset(&w);
			numfmt_double(&w, mo->categories[c].weight);
			buf_addf(&weights, "%s%s %s", c ? ", " : "",
				 model_name_text(&mo->categories[c].name, is_ko(req)), w.data);
		}
		const char *args[] = { weights.data };
		i18n_add(&t, i18n_lang(req->lang), "explore.rollup_contract", args, 1);
		html_raw(o, "<p class=\"rollup\" id=\"rollup\">");
		html_escape(o, t.data);
		html_raw(o, "</p>\n");
		buf_release(&weights);
		buf_release(&t);
		buf_release(&w);
	}
	for (size_t c = 0; c < mo->n_categories; c++) {
		const struct model_category *cat = &mo->categories[c];
		struct table_row *rows = arena_alloc(&req->arena, (cat->n_criteria + 1) * sizeof *rows);
		struct table_desc t = { NULL, NULL, criterion_columns, N_CRITERION_COLUMNS, 50,
					"score.no_subjects", -1, 0 };
		t.id = arena_printf(&req->arena, "criteria-%s", cat->id);
		for (size_t i = 0; i < cat->n_criteria; i++) {
			const struct score_criterion *cr = &set->criteria[x++];
			struct table_cell *cells = arena_alloc(&req->arena, N_CRITERION_COLUMNS * sizeof *cells);
			struct buf href = BUF_INIT, v = BUF_INIT, s = BUF_INIT, e = BUF_INIT;
			memset(cells, 0, N_CRITERION_COLUMNS * sizeof *cells);
			web_evidence_href(&href, k->id, oid, cr->def->id, sc->year);
			cells[0].text = arena_printf(&req->arena, "%s %s", cr->def->id,
						     model_name_text(&cr->model->name, is_ko(req)));
			cells[0].href = arena_strdup(&req->arena, href.data);
			value_text(req, &v, cr);
			cells[1].text = arena_strdup(&req->arena, v.data);
			if (cr->value_available && cr->def->format != VALUE_NONE) {
				buf_reset(&v);
				numfmt_ld(&v, cr->value, value_format_decimals(cr->def->format));
				cells[1].title = arena_strdup(&req->arena, v.data);
			}
			cells[2].has_num = cr->available;
			cells[2].num = cr->available ? numfmt_round(cr->score, 2) : 0;
			if (!cr->available && cr->na_reason)
				cells[2].text = arena_printf(&req->arena, "%s (%s)", msg(req->lang, "score.na"),
							     i18n_named(i18n_lang(req->lang), "reason.",
									cr->na_reason));
			trend_cell(req, &h, SUBJECT_CONTRACT, k->id, set->org, cr->def->id, &cells[3]);
			scoring_text(req, &s, cr);
			cells[4].text = arena_strdup(&req->arena, s.data);
			units_count(&e, criterion_evidence(cr));
			{
				const char *args[] = { e.data };
				struct buf t2 = BUF_INIT;
				i18n_add(&t2, i18n_lang(req->lang), "explore.evidence_count", args, 1);
				cells[5].text = arena_strdup(&req->arena, t2.data);
				buf_release(&t2);
			}
			cells[5].href = cells[0].href;
			cells[5].label = arena_printf(&req->arena, "%s %s", msg(req->lang, "score.evidence"),
						      cr->def->id);
			rows[i].cells = cells;
			rows[i].id = arena_printf(&req->arena, "crit-%s", cr->def->id);
			buf_release(&href);
			buf_release(&v);
			buf_release(&s);
			buf_release(&e);
		}
		html_raw(o, "<section class=\"card\" id=\"cat-");
		html_escape(o, cat->id);
		html_raw(o, "\">\n<h2>");
		html_escape(o, model_name_text(&cat->name, is_ko(req)));
		html_raw(o, " <span class=\"muted\">");
		if (set->categories[c].available)
			numfmt_ld(o, set->categories[c].score, 2);
		else
			html_msg(o, req, "score.na");
		html_raw(o, "</span></h2>\n");
		html_table(req, o, &t, rows, cat->n_criteria);
		html_raw(o, "</section>\n");
	}
	history_close(req, sc, &h);
}

/* --- the evidence records (the level below a criterion) -------------------------- */

/* One evidence record as the table shows it: what (plain text), when, and
 * the records page that holds it (a list filtered to its key). */
struct evidence_view {
	const char *kind;              /* schema table name */
	struct buf what;
	day_t day;                     /* DAY_NONE when it has none */
	month_t month;                 /* financials; 0 otherwise */
	struct buf href;
};

static void money_text(struct request *req, struct buf *t, micro_t v)
{
	if (v == MICRO_NONE)
		buf_adds(t, "—");
	else
		units_won(t, i18n_lang(req->lang), v);
}

/* Where a record is shown: its kind's records page filtered to its key
 * (key column, and the second key column: an item, a date or a month), or
 * a page of its own (page: "/contracts/", "/proposals/" + page_id). */
struct record_link {
	const char *key_col, *key;
	const char *second_col, *second;
	const char *page, *page_id;
};

static void link_href(struct buf *h, const char *kind, const struct record_link *l)
{
	if (l->page) {
		buf_adds(h, l->page);
		http_url_escape(h, l->page_id);
		return;
	}
	buf_addf(h, "/records/%s?", kind);
	http_url_escape(h, l->key_col);
	buf_addc(h, '=');
	http_url_escape(h, l->key ? l->key : "");
	buf_addc(h, '&');
	http_url_escape(h, l->second_col);
	buf_addc(h, '=');
	http_url_escape(h, l->second ? l->second : "");
}

static void evidence_view(struct request *req, const struct dataset *ds, const struct evidence_row *r,
			  struct evidence_view *v)
{
	int i = r->index;
	struct buf *t = &v->what;
	struct record_link l = { "contract_id", NULL, "date", NULL, NULL, NULL };
	char second[11];
	v->day = DAY_NONE;
	v->month = 0;
	switch (r->kind) {
	case EV_READINESS: {
		const struct readiness_item *it = &ds->readiness[i];
		v->kind = "readiness";
		buf_adds(t, it->item);
		if (!it->required)
			buf_addf(t, " (%s)", msg(req->lang, "contract.optional"));
		v->day = it->done_on;
		l.key = ds->contracts[it->contract].id;
		l.second_col = "item";
		l.second = it->item;
		break;
	}
	case EV_MANUAL_RATING: {
		const struct manual_rating *m = &ds->manual_ratings[i];
		v->kind = "manual_ratings";
		buf_addf(t, "%s · %d / %d", ds->people[m->rated_by].name, m->concreteness, m->feasibility);
		v->day = m->rated_on;
		l.key = ds->contracts[m->contract].id;
		l.second_col = "rated_on";
		break;
	}
	case EV_SCOPE_CHANGE: {
		const struct scope_change *c = &ds->scope_changes[i];
		v->kind = "scope_changes";
		buf_adds(t, c->note ? c->note : "");
		v->day = c->date;
		l.key = ds->contracts[c->contract].id;
		break;
	}
	case EV_FINANCIAL: {
		const struct financial *f = &ds->financials[i];
		v->kind = "financials";
		v->month = f->month;
		money_text(req, t, f->revenue);
		buf_adds(t, " / ");
		money_text(req, t, f->cost);
		l.key = ds->contracts[f->contract].id;
		l.second_col = "month";
		month_format(f->month, second);
		l.second = second;
		break;
	}
	case EV_HANDOVER: {
		const struct handover_item *it = &ds->handover[i];
		v->kind = "handover";
		buf_adds(t, it->item);
		v->day = it->accepted_on;
		l.key = ds->contracts[it->contract].id;
		l.second_col = "item";
		l.second = it->item;
		break;
	}
	case EV_EXPANSION: {
		const struct expansion *e = &ds->expansions[i];
		v->kind = "expansions";
		money_text(req, t, e->added_annual_value);
		v->day = e->date;
		l.key = ds->contracts[e->contract].id;
		break;
	}
	case EV_CHILD_CONTRACT: {
		const struct contract *k = &ds->contracts[i];
		v->kind = "contracts";
		buf_addf(t, "%s · %s", k->id, k->service_line ? k->service_line : "");
		v->day = k->signed_on;
		l.page = "/contracts/";
		l.page_id = k->id;
		break;
	}
	case EV_RENEWAL: {
		const struct renewal *rn = &ds->renewals[i];
		v->kind = "renewals";
		buf_adds(t, i18n_named(i18n_lang(req->lang), "enum.",
				       rn->outcome == REN_RENEWED ? "renewed"
				       : rn->outcome == REN_LOST ? "lost" : "pending"));
		if (rn->new_annual_value != MICRO_NONE) {
			buf_adds(t, " · ");
			money_text(req, t, rn->new_annual_value);
		}
		v->day = rn->due_on;
		l.key = ds->contracts[rn->contract].id;
		l.second_col = "due_on";
		break;
	}
	case EV_RELATIONSHIP_RATING: {
		const struct relationship_rating *rr = &ds->relationship_ratings[i];
		v->kind = "relationship_ratings";
		buf_addf(t, "%d / 5", rr->level);
		v->day = rr->date;
		l.key_col = "client_id";
		l.key = ds->clients[rr->client].id;
		break;
	}
	case EV_PROPOSAL: {
		const struct proposal *pr = &ds->proposals[i];
		v->kind = "proposals";
		buf_addf(t, "%s · %s", pr->id, pr->title ? pr->title : "");
		v->day = pr->proposed_on;
		l.page = "/proposals/";
		l.page_id = pr->id;
		break;
	}
	case EV_REFERENCE: {
		const struct reference *rf = &ds->references[i];
		v->kind = "references";
		buf_adds(t, ds->clients[rf->client].name);
		v->day = rf->date;
		l.key_col = "client_id";
		l.key = ds->clients[rf->client].id;
		break;
	}
	case EV_INNOVATION: {
		const struct innovation *in = &ds->innovations[i];
		v->kind = "innovations";
		buf_adds(t, in->title);
		v->day = in->date;
		l.key = ds->contracts[in->contract].id;
		break;
	}
	}
	/* a dated record is found by its date (the second key column named) */
	if (!l.second && v->day != DAY_NONE) {
		date_format(v->day, second);
		l.second = second;
	}
	link_href(&v->href, v->kind, &l);
}

static const char *const evidence_statuses[] = { "counted", "not_counted", "excluded", NULL };

static const struct table_column evidence_columns[] = {
	{ "kind", "evidence.kind", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES, 0,
	  NULL, "kind." },
	{ "record", "evidence.record", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH, 0, NULL, NULL },
	{ "date", "explore.col_date", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 0, NULL, NULL },
	{ "status", "evidence.status", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES,
	  0, evidence_statuses, "evidence." },
	{ "amount", "evidence.amount", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM, 2,
	  NULL, NULL },
};

void web_evidence_records(struct request *req, struct buf *o, const struct scored *sc,
			  const struct score_set *set, const struct score_criterion *cr)
{
	static const struct table_desc t = {
		"evidence-records", "ev", evidence_columns, 5, 50, "evidence.none", -1, 0,
	};
	const struct dataset *ds = sc->ds;
	const struct contract *k = &ds->contracts[set->contract];
	struct table_row *rows = arena_alloc(&req->arena, (cr->n_rows + 1) * sizeof *rows);
	int late = 0;
	for (size_t i = 0; i < cr->n_rows; i++) {
		const struct evidence_row *r = &cr->rows[i];
		struct evidence_view v = { NULL, BUF_INIT, DAY_NONE, 0, BUF_INIT };
		struct table_cell *cells = arena_alloc(&req->arena, 5 * sizeof *cells);
		static const char *const status_ids[] = { "counted", "not_counted", "excluded" };
		memset(cells, 0, 5 * sizeof *cells);
		evidence_view(req, ds, r, &v);
		cells[0].text = i18n_named(i18n_lang(req->lang), "kind.", v.kind);
		cells[0].choice = v.kind;
		cells[1].text = arena_strdup(&req->arena, v.what.data);
		cells[1].href = arena_strdup(&req->arena, v.href.data);
		if (v.day != DAY_NONE) {
			char d[11];
			date_format(v.day, d);
			cells[2].text = arena_strdup(&req->arena, d);
		} else if (v.month) {
			char m[8];
			month_format(v.month, m);
			cells[2].text = arena_strdup(&req->arena, m);
		} else {
			cells[2].text = "—";
		}
		cells[3].choice = status_ids[r->status];
		if (r->reason)
			cells[3].text = arena_printf(&req->arena, "%s (%s)",
						     msg(req->lang, arena_printf(&req->arena, "evidence.%s",
										 status_ids[r->status])),
						     i18n_named(i18n_lang(req->lang), "reason.", r->reason));
		else
			cells[3].text = msg(req->lang, arena_printf(&req->arena, "evidence.%s",
								    status_ids[r->status]));
		/* a readiness item done after go-live: by how many days, and the
		 * reason S1.1 is lower than a full checklist suggests */
		if (r->kind == EV_READINESS && ds->readiness[r->index].done_on != DAY_NONE &&
		    k->go_live_on != DAY_NONE && ds->readiness[r->index].done_on > k->go_live_on) {
			struct buf d = BUF_INIT, text = BUF_INIT;
			char g[11];
			date_format(k->go_live_on, g);
			units_days(&d, i18n_lang(req->lang),
				   (long double)(ds->readiness[r->index].done_on - k->go_live_on), 0);
			const char *args[] = { d.data, g };
			i18n_add(&text, i18n_lang(req->lang), "explore.late_by", args, 2);
			cells[2].note = arena_strdup(&req->arena, text.data);
			rows[i].id = arena_printf(&req->arena, "late-%zu", i);
			late++;
			buf_release(&d);
			buf_release(&text);
		} else {
			rows[i].id = NULL;
		}
		cells[4].has_num = r->status == EVS_COUNTED;
		cells[4].num = r->amount;
		cells[4].text = "";           /* not counted: nothing added */
		rows[i].cells = cells;
		buf_release(&v.what);
		buf_release(&v.href);
	}
	html_raw(o, "<section class=\"card\" id=\"evidence-records-section\"><h2>");
	html_msg(o, req, "evidence.records");
	html_raw(o, "</h2>\n");
	if (late) {
		char n[16];
		snprintf(n, sizeof n, "%d", late);
		const char *args[] = { n };
		struct buf text = BUF_INIT;
		i18n_add(&text, i18n_lang(req->lang), "explore.late_items", args, 1);
		html_raw(o, "<p class=\"notice\" id=\"late-items\">");
		html_escape(o, text.data);
		html_raw(o, "</p>\n");
		buf_release(&text);
	}
	html_table(req, o, &t, rows, cr->n_rows);
	html_raw(o, "</section>\n");
}

/* --- the handlers ---------------------------------------------------------------------- */

void page_scores(struct request *req, struct response *res)
{
	int year = req->year;
	int org_given = http_query(req, "org") != NULL;
	enum org_kind org = org_of(req);
	const struct scored *sc = web_page_scores(req, res, year);
	const char *title = org_given ? msg(req->lang, org_key(org)) : NULL;
	struct buf *o = &res->body, key = BUF_INIT;
	if (!sc)
		return;
	if (!web_page_from_cache(req, res, sc, "scores.title", &key)) {
		html_page_begin(req, res, "scores.title", title);
		size_t begin = o->len;
		/* ?org= names an organization: its page (older links say so) */
		if (org_given)
			organization_level(req, o, sc, org);
		else
			company_level(req, o, sc);
		web_page_keep(res, sc, &key, begin, title);
		html_page_end(req, res);
	}
	web_scores_release(req->srv, sc);
	buf_release(&key);
}

void page_scorecard(struct request *req, struct response *res)
{
	static const struct { const char *name; enum subject_kind kind; } kinds[] = {
		{ "company", SUBJECT_COMPANY }, { "contract", SUBJECT_CONTRACT },
		{ "org_unit", SUBJECT_ORG_UNIT }, { "person", SUBJECT_PERSON },
	};
	int year = req->year;
	enum org_kind org = org_of(req);
	const char *oid = score_org_id(org), *id = req->params[1];
	struct buf *o = &res->body, title = BUF_INIT, key = BUF_INIT;
	size_t begin, k;
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (!strcmp(req->params[0], kinds[k].name))
			break;
	if (k == sizeof kinds / sizeof kinds[0]) {
		html_error_page(req, res, 404, "error.not_found", NULL);
		return;
	}
	enum subject_kind kind = kinds[k].kind;
	const struct scored *sc = web_page_scores(req, res, year);
	if (!sc)
		return;
	if (web_page_from_cache(req, res, sc, "scorecard.title", &key))
		goto out;
	const struct score_set *set = kind == SUBJECT_CONTRACT ? score_find_set(sc->scores, id, org) : NULL;
	const struct score_aggregate *a = kind != SUBJECT_CONTRACT
		? score_find_aggregate(sc->scores, kind, id, org) : NULL;
	if (!set && !a && kind == SUBJECT_CONTRACT && org == ORG_OPERATIONS) {
		/* too early to judge: said so, never shown as a low score */
		for (size_t i = 0; i < sc->scores->n_too_early; i++) {
			const struct contract *c = &sc->ds->contracts[sc->scores->too_early[i].contract];
			if (strcmp(c->id, id))
				continue;
			buf_addf(&title, "%s · %s · %d", id, msg(req->lang, "org.operations"), year);
			html_page_begin(req, res, "scorecard.title", title.data);
			begin = o->len;
			web_year_form(req, o, year, oid);
			html_raw(o, "<p class=\"notice\" id=\"too-early-contract\">");
			html_msg(o, req, "score.too_early_contract");
			html_raw(o, "</p>\n");
			too_early_card(req, o, sc, SUBJECT_PERSON, c->ops_owner >= 0 ? c->ops_owner : -2);
			web_page_keep(res, sc, &key, begin, title.data);
			html_page_end(req, res);
			goto out;
		}
	}
	if (!set && !a) {
		html_error_page(req, res, 404, "score.not_scored", id);
		goto out;
	}
	const char *name = kind == SUBJECT_COMPANY ? msg(req->lang, org_key(org))
		: set ? arena_printf(&req->arena, "%s %s", id,
				     sc->ds->clients[sc->ds->contracts[set->contract].client].name)
		: kind == SUBJECT_PERSON ? sc->ds->people[a->index].name : sc->ds->units[a->index].name;
	if (kind == SUBJECT_COMPANY)
		buf_addf(&title, "%s · %d", name, year);
	else
		buf_addf(&title, "%s · %s · %d", name, msg(req->lang, org_key(org)), year);
	html_page_begin(req, res, "scorecard.title", title.data);
	begin = o->len;
	if (set)
		contract_level(req, o, sc, set);
	else if (kind == SUBJECT_COMPANY)
		organization_level(req, o, sc, org);
	else if (kind == SUBJECT_ORG_UNIT)
		unit_level(req, o, sc, a);
	else
		person_level(req, o, sc, a);
	web_page_keep(res, sc, &key, begin, title.data);
	html_page_end(req, res);
out:
	buf_release(&title);
	buf_release(&key);
	web_scores_release(req->srv, sc);
}
