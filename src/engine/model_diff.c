/* SPDX-License-Identifier: MIT */
/* Comparing two models: what changed, as structured changes (a catalog key
 * and its arguments, scoring functions as they are), for `tandem model
 * diff`, the API and the web's model pages; report/model_diff_text.c puts
 * them in words in the reader's language. */
#include "engine/model_impl.h"

#include <stdio.h>
#include <stdlib.h>
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

/* A new change at the end of d: key and up to three text arguments (NULL
 * ends them early). */
static struct model_change *add(struct model_changes *d, const char *key, const char *a1,
				const char *a2, const char *a3)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	struct model_change *c = &d->v[d->n++];
	memset(c, 0, sizeof *c);
	c->key = key;
	const char *args[3] = { a1, a2, a3 };
	for (size_t i = 0; i < 3 && args[i]; i++)
		c->args[c->n_args++] = xstrdup(args[i]);
	return c;
}

static int diff_number(struct model_changes *d, const char *key, const char *id, double a,
		       double b, enum model_change_unit unit)
{
	if (a == b)
		return 0;
	struct model_change *c = add(d, key, id, NULL, NULL);
	c->what = MODEL_CHANGE_NUMBER;
	c->unit = unit;
	c->before = a;
	c->after = b;
	return 1;
}

static int diff_string(struct model_changes *d, const char *key, const char *id, const char *a,
		       const char *b, const char *labels)
{
	if (!a)
		a = "";
	if (!b)
		b = "";
	if (!strcmp(a, b))
		return 0;
	struct model_change *c = id ? add(d, key, id, a, b) : add(d, key, a, b, NULL);
	c->labels = labels;
	return 1;
}

/* The English and Korean names of a part: key's arguments are the part's
 * id(s), the language, then before and after. */
static int diff_names(struct model_changes *d, const char *key, const char *id, const char *id2,
		      const struct model_name *a, const struct model_name *b)
{
	static const char *const langs[2] = { "en", "ko" };
	const char *before[2] = { a->en, a->ko }, *after[2] = { b->en, b->ko };
	int n = 0;
	for (int l = 0; l < 2; l++) {
		const char *x = before[l] ? before[l] : "", *y = after[l] ? after[l] : "";
		if (!strcmp(x, y))
			continue;
		struct model_change *c = add(d, key, id, id2 ? id2 : langs[l], id2 ? langs[l] : x);
		if (id2)
			c->args[c->n_args++] = xstrdup(x);
		c->args[c->n_args++] = xstrdup(y);
		n++;
	}
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

/* Whether the values a measure scores are ratios (shown as % in words). */
static int measure_is_ratio(const struct model_criterion *cr, const struct model_measure *mm)
{
	return cr->def && mm->def_index >= 0 &&
	       cr->def->measure_formats[mm->def_index] == VALUE_RATIO;
}

static int diff_criterion(struct model_changes *d, const struct model_criterion *a,
			  const struct model_criterion *b)
{
	int n = 0;
	n += diff_number(d, "diff.criterion_weight", a->id, a->weight, b->weight, MODEL_UNIT_PLAIN);
	n += diff_names(d, "diff.criterion_name", a->id, NULL, &a->name, &b->name);
	for (size_t i = 0; i < a->n_measures; i++) {
		const struct model_measure *ma = &a->measures[i], *mb = NULL;
		for (size_t k = 0; k < b->n_measures; k++)
			if (!strcmp(b->measures[k].id, ma->id))
				mb = &b->measures[k];
		if (!mb) {
			add(d, "diff.measure_removed", ma->id, a->id, NULL);
			n++;
			continue;
		}
		if (!scoring_equal(&ma->scoring, &mb->scoring)) {
			struct model_change *c = a->n_measures == 1 && b->n_measures == 1
				? add(d, "diff.scoring", a->id, NULL, NULL)
				: add(d, "diff.measure_scoring", a->id, ma->id, NULL);
			c->what = MODEL_CHANGE_SCORING;
			c->scoring_before = &ma->scoring;
			c->scoring_after = &mb->scoring;
			c->ratio = measure_is_ratio(b, mb);
			n++;
		}
		n += diff_names(d, "diff.measure_name", ma->id, a->id, &ma->name, &mb->name);
	}
	for (size_t k = 0; k < b->n_measures; k++) {
		int found = 0;
		for (size_t i = 0; i < a->n_measures; i++)
			if (!strcmp(b->measures[k].id, a->measures[i].id))
				found = 1;
		if (!found) {
			struct model_change *c = add(d, "diff.measure_added", b->measures[k].id, a->id, NULL);
			c->what = MODEL_CHANGE_SCORING;
			c->scoring_after = &b->measures[k].scoring;
			c->ratio = measure_is_ratio(b, &b->measures[k]);
			n++;
		}
	}
	return n;
}

/* The grades as text ("S≥90 A≥80 …"); the caller releases out. */
static void grades_text(const struct model *m, struct buf *out)
{
	for (size_t i = 0; i < m->n_grades; i++) {
		buf_addf(out, "%s%s≥", i ? " " : "", m->grades[i].grade);
		numfmt_double(out, m->grades[i].min);
	}
}

static int diff_org(const struct model *a, const struct model *b, int k, struct model_changes *d)
{
	const struct model_org *oa = &a->orgs[k], *ob = &b->orgs[k];
	int n = 0;

	n += diff_names(d, "diff.org_name", oa->id, NULL, &oa->name, &ob->name);
	for (size_t c = 0; c < oa->n_categories; c++) {
		const struct model_category *ca = &oa->categories[c];
		const struct model_category *cb = find_category(b, k, ca->id);
		if (!cb) {
			add(d, "diff.category_removed", ca->id, oa->id, NULL);
			n++;
			continue;
		}
		n += diff_number(d, "diff.category_weight", ca->id, ca->weight, cb->weight, MODEL_UNIT_PLAIN);
		n += diff_names(d, "diff.category_name", ca->id, NULL, &ca->name, &cb->name);
	}
	for (size_t c = 0; c < ob->n_categories; c++)
		if (!find_category(a, k, ob->categories[c].id)) {
			struct buf w = BUF_INIT;
			numfmt_double(&w, ob->categories[c].weight);
			add(d, "diff.category_added", ob->categories[c].id, oa->id, w.data);
			buf_release(&w);
			n++;
		}
	for (size_t c = 0; c < oa->n_categories; c++) {
		const struct model_category *ca = &oa->categories[c];
		for (size_t i = 0; i < ca->n_criteria; i++) {
			const struct model_criterion *ra = &ca->criteria[i];
			const struct model_category *cb = NULL;
			const struct model_criterion *rb = find_criterion_in(b, k, ra->id, &cb);
			if (!rb) {
				add(d, "diff.criterion_removed", ra->id, NULL, NULL);
				n++;
				continue;
			}
			if (strcmp(ca->id, cb->id)) {
				add(d, "diff.criterion_moved", ra->id, ca->id, cb->id);
				n++;
			}
			n += diff_criterion(d, ra, rb);
		}
	}
	for (size_t c = 0; c < ob->n_categories; c++) {
		const struct model_category *cb = &ob->categories[c];
		for (size_t i = 0; i < cb->n_criteria; i++) {
			const struct model_category *ca = NULL;
			if (!find_criterion_in(a, k, cb->criteria[i].id, &ca)) {
				add(d, "diff.criterion_added", cb->criteria[i].id, cb->id, NULL);
				n++;
			}
		}
	}
	return n;
}

int model_diff_changes(const struct model *a, const struct model *b, struct model_changes *d)
{
	int n = 0;

	n += diff_string(d, "diff.name", NULL, a->name, b->name, NULL);
	n += diff_string(d, "diff.description", NULL, a->description, b->description, NULL);
	n += diff_number(d, "diff.year", NULL, a->year, b->year, MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.fiscal_month", NULL, a->fiscal_year_first_month,
			 b->fiscal_year_first_month, MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.stabilization_run", NULL, a->stabilization_run_months,
			 b->stabilization_run_months, MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.sales_window", NULL, a->sales_window_years, b->sales_window_years,
			 MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.min_months", NULL, a->operations_min_months,
			 b->operations_min_months, MODEL_UNIT_PLAIN);
	n += diff_string(d, "diff.rollup", NULL,
			 a->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value",
			 b->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value", "weighting.");
	for (int i = 0; i < 3; i++) {
		int before = d->n;
		n += diff_number(d, "diff.required_margin", model_risk_names[i], a->required_margin[i],
				 b->required_margin[i], MODEL_UNIT_RATIO);
		if ((int)d->n > before)
			d->v[d->n - 1].labels = "enum.";
	}
	for (int i = 0; i < 4; i++) {
		int before = d->n;
		n += diff_number(d, "diff.reference_weight", model_reference_names[i],
				 a->reference_weight[i], b->reference_weight[i], MODEL_UNIT_PLAIN);
		if ((int)d->n > before)
			d->v[d->n - 1].labels = "enum.";
	}
	n += diff_number(d, "diff.alert_readiness", NULL, a->alerts.readiness_days_before_go_live,
			 b->alerts.readiness_days_before_go_live, MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.alert_renewal", NULL, a->alerts.renewal_days, b->alerts.renewal_days,
			 MODEL_UNIT_PLAIN);
	n += diff_number(d, "diff.alert_sla", NULL, a->alerts.sla_missed_months,
			 b->alerts.sla_missed_months, MODEL_UNIT_PLAIN);
	struct buf ga = BUF_INIT, gb = BUF_INIT;
	grades_text(a, &ga);
	grades_text(b, &gb);
	n += diff_string(d, "diff.grades", NULL, ga.data, gb.data, NULL);
	buf_release(&ga);
	buf_release(&gb);
	for (int k = 0; k < 2; k++)
		n += diff_org(a, b, k, d);
	return n;
}

void model_changes_release(struct model_changes *d)
{
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < d->v[i].n_args; k++)
			free(d->v[i].args[k]);
	free(d->v);
	memset(d, 0, sizeof *d);
}
