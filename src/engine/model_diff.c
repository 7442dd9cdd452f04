/* SPDX-License-Identifier: MIT */
/* Comparing two models: what changed, in words, for `tandem model diff`
 * and the web's model page. */
#include "engine/model_impl.h"

#include <stdio.h>
#include <string.h>

/* ---- diff -------------------------------------------------------------- */

static const struct model_category *find_category(const struct model *m, int k,
						  const char *id)
{
	for (size_t c = 0; c < m->orgs[k].n_categories; c++)
		if (!strcmp(m->orgs[k].categories[c].id, id))
			return &m->orgs[k].categories[c];
	return NULL;
}

static const struct model_criterion *find_criterion_in(const struct model *m, int k,
						       const char *id,
						       const struct model_category **cat)
{
	for (size_t c = 0; c < m->orgs[k].n_categories; c++) {
		const struct model_category *ct = &m->orgs[k].categories[c];
		for (size_t i = 0; i < ct->n_criteria; i++)
			if (!strcmp(ct->criteria[i].id, id)) {
				*cat = ct;
				return &ct->criteria[i];
			}
	}
	return NULL;
}

static int diff_number(struct buf *out, const char *what, double a, double b)
{
	if (a == b)
		return 0;
	buf_adds(out, what);
	buf_adds(out, ": ");
	numfmt_double(out, a);
	buf_adds(out, " → ");
	numfmt_double(out, b);
	buf_addc(out, '\n');
	return 1;
}

static int diff_string(struct buf *out, const char *what, const char *a, const char *b)
{
	if (!a)
		a = "";
	if (!b)
		b = "";
	if (!strcmp(a, b))
		return 0;
	buf_addf(out, "%s: %s → %s\n", what, a, b);
	return 1;
}

static int diff_names(struct buf *out, const char *what, const struct model_name *a,
		      const struct model_name *b)
{
	char w[PATH_MAX_LEN];
	int n = 0;
	mv_pathf(w, sizeof w, "name of %s (en)", what);
	n += diff_string(out, w, a->en, b->en);
	mv_pathf(w, sizeof w, "name of %s (ko)", what);
	n += diff_string(out, w, a->ko, b->ko);
	return n;
}

static int scoring_equal(const struct scoring *a, const struct scoring *b)
{
	if (a->fn != b->fn)
		return 0;
	if (a->fn == SCORING_LINEAR)
		return a->zero == b->zero && a->full == b->full;
	if (a->lower_is_better != b->lower_is_better || a->otherwise != b->otherwise ||
	    a->n_bands != b->n_bands)
		return 0;
	for (size_t i = 0; i < a->n_bands; i++)
		if (a->bands[i].threshold != b->bands[i].threshold ||
		    a->bands[i].score != b->bands[i].score)
			return 0;
	return 1;
}

static int diff_criterion(struct buf *out, const struct model_criterion *a,
			  const struct model_criterion *b)
{
	char w[PATH_MAX_LEN];
	int n = 0;
	mv_pathf(w, sizeof w, "weight of criterion %s", a->id);
	n += diff_number(out, w, a->weight, b->weight);
	mv_pathf(w, sizeof w, "criterion %s", a->id);
	n += diff_names(out, w, &a->name, &b->name);
	for (size_t i = 0; i < a->n_measures; i++) {
		const struct model_measure *ma = &a->measures[i], *mb = NULL;
		for (size_t k = 0; k < b->n_measures; k++)
			if (!strcmp(b->measures[k].id, ma->id))
				mb = &b->measures[k];
		if (!mb) {
			buf_addf(out, "measure %s of %s removed\n", ma->id, a->id);
			n++;
			continue;
		}
		if (!scoring_equal(&ma->scoring, &mb->scoring)) {
			if (a->n_measures == 1 && b->n_measures == 1)
				buf_addf(out, "%s scoring: ", a->id);
			else
				buf_addf(out, "%s %s scoring: ", a->id, ma->id);
			model_scoring_text(&ma->scoring, out);
			buf_adds(out, " → ");
			model_scoring_text(&mb->scoring, out);
			buf_addc(out, '\n');
			n++;
		}
		mv_pathf(w, sizeof w, "measure %s of %s", ma->id, a->id);
		n += diff_names(out, w, &ma->name, &mb->name);
	}
	for (size_t k = 0; k < b->n_measures; k++) {
		int found = 0;
		for (size_t i = 0; i < a->n_measures; i++)
			if (!strcmp(b->measures[k].id, a->measures[i].id))
				found = 1;
		if (!found) {
			buf_addf(out, "measure %s of %s added: ", b->measures[k].id, a->id);
			model_scoring_text(&b->measures[k].scoring, out);
			buf_addc(out, '\n');
			n++;
		}
	}
	return n;
}

static void grades_text(const struct model *m, struct buf *out)
{
	for (size_t i = 0; i < m->n_grades; i++) {
		buf_addf(out, "%s%s≥", i ? " " : "", m->grades[i].grade);
		numfmt_double(out, m->grades[i].min);
	}
}

static int diff_org(const struct model *a, const struct model *b, int k, struct buf *out)
{
	const struct model_org *oa = &a->orgs[k], *ob = &b->orgs[k];
	char w[PATH_MAX_LEN];
	int n = 0;

	mv_pathf(w, sizeof w, "organization %s", oa->id);
	n += diff_names(out, w, &oa->name, &ob->name);
	for (size_t c = 0; c < oa->n_categories; c++) {
		const struct model_category *ca = &oa->categories[c];
		const struct model_category *cb = find_category(b, k, ca->id);
		if (!cb) {
			buf_addf(out, "category %s removed from %s\n", ca->id, oa->id);
			n++;
			continue;
		}
		mv_pathf(w, sizeof w, "weight of category %s", ca->id);
		n += diff_number(out, w, ca->weight, cb->weight);
		mv_pathf(w, sizeof w, "category %s", ca->id);
		n += diff_names(out, w, &ca->name, &cb->name);
	}
	for (size_t c = 0; c < ob->n_categories; c++)
		if (!find_category(a, k, ob->categories[c].id)) {
			buf_addf(out, "category %s added to %s (weight ",
				 ob->categories[c].id, oa->id);
			numfmt_double(out, ob->categories[c].weight);
			buf_adds(out, ")\n");
			n++;
		}
	for (size_t c = 0; c < oa->n_categories; c++) {
		const struct model_category *ca = &oa->categories[c];
		for (size_t i = 0; i < ca->n_criteria; i++) {
			const struct model_criterion *ra = &ca->criteria[i];
			const struct model_category *cb = NULL;
			const struct model_criterion *rb = find_criterion_in(b, k, ra->id, &cb);
			if (!rb) {
				buf_addf(out, "criterion %s removed\n", ra->id);
				n++;
				continue;
			}
			if (strcmp(ca->id, cb->id)) {
				buf_addf(out, "criterion %s moved from %s to %s\n",
					 ra->id, ca->id, cb->id);
				n++;
			}
			n += diff_criterion(out, ra, rb);
		}
	}
	for (size_t c = 0; c < ob->n_categories; c++) {
		const struct model_category *cb = &ob->categories[c];
		for (size_t i = 0; i < cb->n_criteria; i++) {
			const struct model_category *ca = NULL;
			if (!find_criterion_in(a, k, cb->criteria[i].id, &ca)) {
				buf_addf(out, "criterion %s added to %s\n",
					 cb->criteria[i].id, cb->id);
				n++;
			}
		}
	}
	return n;
}

int model_diff(const struct model *a, const struct model *b, struct buf *out)
{
	char w[PATH_MAX_LEN];
	int n = 0;

	n += diff_string(out, "name", a->name, b->name);
	n += diff_string(out, "description", a->description, b->description);
	n += diff_number(out, "year", a->year, b->year);
	n += diff_number(out, "fiscal year first month", a->fiscal_year_first_month,
			 b->fiscal_year_first_month);
	n += diff_number(out, "stabilization run K (months)", a->stabilization_run_months,
			 b->stabilization_run_months);
	n += diff_number(out, "sales window (years)", a->sales_window_years,
			 b->sales_window_years);
	n += diff_number(out, "operations minimum months", a->operations_min_months,
			 b->operations_min_months);
	n += diff_string(out, "roll-up weighting",
			 a->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value",
			 b->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value");
	for (int i = 0; i < 3; i++) {
		mv_pathf(w, sizeof w, "required margin (%s)", model_risk_names[i]);
		n += diff_number(out, w, a->required_margin[i], b->required_margin[i]);
	}
	for (int i = 0; i < 4; i++) {
		mv_pathf(w, sizeof w, "reference weight (%s)", model_reference_names[i]);
		n += diff_number(out, w, a->reference_weight[i], b->reference_weight[i]);
	}
	n += diff_number(out, "alert: readiness days before go-live",
			 a->alerts.readiness_days_before_go_live, b->alerts.readiness_days_before_go_live);
	n += diff_number(out, "alert: renewal days", a->alerts.renewal_days, b->alerts.renewal_days);
	n += diff_number(out, "alert: SLA months missed in a row", a->alerts.sla_missed_months,
			 b->alerts.sla_missed_months);
	struct buf ga = BUF_INIT, gb = BUF_INIT;
	grades_text(a, &ga);
	grades_text(b, &gb);
	n += diff_string(out, "grades", ga.data, gb.data);
	buf_release(&ga);
	buf_release(&gb);
	for (int k = 0; k < 2; k++)
		n += diff_org(a, b, k, out);
	return n;
}
