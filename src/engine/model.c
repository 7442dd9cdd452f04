/* SPDX-License-Identifier: MIT */
/* Evaluation models: freeing one, its years, its scoring functions and
 * lookups. Reading and writing JSON is in model_json.c, validation in
 * model_check.c, comparing two in model_diff.c. */
#include "engine/model_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/exact.h"
#include "engine/numfmt.h"

const char *const model_org_ids[2] = { "sales", "operations" };
const char *const model_risk_names[3] = { "low", "medium", "high" };
const char *const model_reference_names[4] = {
	"case_study", "reference_call", "site_visit", "referral"
};

static void free_name(struct model_name *n)
{
	xfree(n->en);
	xfree(n->ko);
}

void model_org_free(struct model_org *org)
{
	for (size_t c = 0; c < org->n_categories; c++) {
		struct model_category *cat = &org->categories[c];
		for (size_t k = 0; k < cat->n_criteria; k++) {
			struct model_criterion *cr = &cat->criteria[k];
			for (size_t x = 0; x < cr->n_measures; x++) {
				xfree(cr->measures[x].id);
				free_name(&cr->measures[x].name);
				xfree(cr->measures[x].scoring.bands);
			}
			xfree(cr->measures);
			xfree(cr->id);
			free_name(&cr->name);
		}
		xfree(cat->criteria);
		xfree(cat->id);
		free_name(&cat->name);
	}
	xfree(org->categories);
	xfree(org->id);
	free_name(&org->name);
	memset(org, 0, sizeof *org);
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (int k = 0; k < 2; k++)
		model_org_free(&m->orgs[k]);
	for (size_t i = 0; i < m->n_grades; i++)
		xfree(m->grades[i].grade);
	xfree(m->grades);
	xfree(m->name);
	xfree(m->description);
	xfree(m);
}

/* ---- time -------------------------------------------------------------- */

day_t model_year_first_day(const struct model *m, int year)
{
	return date_from_ymd(year, m->fiscal_year_first_month, 1);
}

day_t model_year_last_day(const struct model *m, int year)
{
	return date_from_ymd(year + 1, m->fiscal_year_first_month, 1) - 1;
}

int model_last_complete_year(const struct model *m, day_t today)
{
	int y, mo, d;
	date_to_ymd(today, &y, &mo, &d);
	/* year Y ends the day before month M of Y+1 */
	int year = y + 1;
	while (year > 1000 && model_year_last_day(m, year) >= today)
		year--;
	return year;
}

/* ---- scoring functions ------------------------------------------------- */

void model_scoring_prepare(struct scoring *s)
{
	s->zero_ld = exact_ld(s->zero);
	s->full_ld = exact_ld(s->full);
	for (size_t i = 0; i < s->n_bands; i++) {
		struct band *b = &s->bands[i];
		b->threshold_ld = exact_ld(b->threshold);
		if (exact_decimal(b->threshold, &b->t_num, &b->t_den))
			b->t_den = 0;
	}
	s->prepared = 1;
}

/* Does value (v, or num ÷ den exactly when den > 0) reach band b? */
static int band_reached(const struct band *b, int lower_is_better, long double v,
			wide_t num, wide_t den)
{
	int c;  /* the sign of value − threshold */
	if (den > 0 && b->t_den > 0)
		c = exact_cmp(num, den, b->t_num, b->t_den);
	else
		c = (v > b->threshold_ld) - (v < b->threshold_ld);
	return lower_is_better ? c <= 0 : c >= 0;
}

static long double apply_prepared(const struct scoring *s, long double v, wide_t num, wide_t den)
{
	if (s->fn == SCORING_LINEAR) {
		long double r = 100.0L * (v - s->zero_ld) / (s->full_ld - s->zero_ld);
		return r < 0 ? 0.0L : r > 100 ? 100.0L : r;
	}
	for (size_t i = 0; i < s->n_bands; i++)
		if (band_reached(&s->bands[i], s->lower_is_better, v, num, den))
			return s->bands[i].score;
	return s->otherwise;
}

long double model_apply_scoring_exact(const struct scoring *s, long double v,
				      wide_t num, wide_t den)
{
	if (s->prepared)
		return apply_prepared(s, v, num, den);
	/* built by hand (tests): prepare a copy */
	struct scoring copy = *s;
	struct band local[8];
	long double r;
	copy.bands = s->n_bands <= 8 ? local : xcalloc(s->n_bands, sizeof *copy.bands);
	for (size_t i = 0; i < s->n_bands; i++)
		copy.bands[i] = s->bands[i];
	model_scoring_prepare(&copy);
	r = apply_prepared(&copy, v, num, den);
	if (copy.bands != local)
		xfree(copy.bands);
	return r;
}

long double model_apply_scoring(const struct scoring *s, long double v)
{
	return model_apply_scoring_exact(s, v, 0, 0);
}

void model_numbers_init(struct model_numbers *n, const struct model *m)
{
	memset(n, 0, sizeof *n);
	for (int k = 0; k < 2; k++) {
		const struct model_org *org = &m->orgs[k];
		size_t x = 0;
		n->category_weight[k] = xcalloc(org->n_categories + 1, sizeof **n->category_weight);
		n->criterion_weight[k] = xcalloc(org->n_criteria + 1, sizeof **n->criterion_weight);
		n->scoring[k] = xcalloc(org->n_criteria * CRITERION_MAX_MEASURES + 1,
					sizeof **n->scoring);
		for (size_t c = 0; c < org->n_categories; c++) {
			const struct model_category *cat = &org->categories[c];
			n->category_weight[k][c] = exact_ld(cat->weight);
			for (size_t i = 0; i < cat->n_criteria; i++, x++) {
				const struct model_criterion *cr = &cat->criteria[i];
				n->criterion_weight[k][x] = exact_ld(cr->weight);
				for (size_t j = 0; j < cr->n_measures && j < CRITERION_MAX_MEASURES; j++) {
					struct scoring *s = &n->scoring[k][x * CRITERION_MAX_MEASURES + j];
					*s = cr->measures[j].scoring;
					s->bands = xcalloc(s->n_bands + 1, sizeof *s->bands);
					for (size_t b = 0; b < s->n_bands; b++)
						s->bands[b] = cr->measures[j].scoring.bands[b];
					model_scoring_prepare(s);
				}
			}
		}
	}
	for (int i = 0; i < 3; i++) {
		n->required_margin[i] = exact_ld(m->required_margin[i]);
		if (exact_decimal(m->required_margin[i], &n->margin_num[i], &n->margin_den[i]))
			n->margin_den[i] = 0;
	}
	for (int i = 0; i < 4; i++) {
		n->reference_weight[i] = exact_ld(m->reference_weight[i]);
		if (exact_decimal(m->reference_weight[i], &n->reference_num[i], &n->reference_den[i]))
			n->reference_den[i] = 0;
	}
	n->n_orgs_criteria[0] = m->orgs[0].n_criteria;
	n->n_orgs_criteria[1] = m->orgs[1].n_criteria;
}

void model_numbers_release(struct model_numbers *n)
{
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; n->scoring[k] && i < n->n_orgs_criteria[k] * CRITERION_MAX_MEASURES; i++)
			xfree(n->scoring[k][i].bands);
		xfree(n->scoring[k]);
		xfree(n->category_weight[k]);
		xfree(n->criterion_weight[k]);
	}
	memset(n, 0, sizeof *n);
}

void model_scoring_text(const struct scoring *s, struct buf *out)
{
	if (s->fn == SCORING_LINEAR) {
		buf_adds(out, "linear(");
		numfmt_double(out, s->zero);
		buf_adds(out, ", ");
		numfmt_double(out, s->full);
		buf_addc(out, ')');
		return;
	}
	buf_addf(out, "bands(%s: ", s->lower_is_better ? "lower" : "higher");
	for (size_t i = 0; i < s->n_bands; i++) {
		buf_adds(out, i ? ", " : "");
		buf_adds(out, s->lower_is_better ? "≤" : "≥");
		numfmt_double(out, s->bands[i].threshold);
		buf_adds(out, "→");
		numfmt_double(out, s->bands[i].score);
	}
	buf_adds(out, ", else ");
	numfmt_double(out, s->otherwise);
	buf_addc(out, ')');
}

const char *model_name_text(const struct model_name *n, int korean)
{
	return korean ? n->ko : n->en;
}

const char *model_grade(const struct model *m, long double total)
{
	for (size_t i = 0; i < m->n_grades; i++)
		if (total >= exact_ld(m->grades[i].min))
			return m->grades[i].grade;
	return m->n_grades ? m->grades[m->n_grades - 1].grade : "";
}

char *model_note_of(const char *json)
{
	json_error_t jerr;
	json_t *root = json_loads(json, 0, &jerr);
	json_t *d = root ? json_object_get(root, "description") : NULL;
	char *note = d && json_is_string(d) && *json_string_value(d) ? xstrdup(json_string_value(d)) : NULL;
	json_decref(root);
	return note;
}

const struct model_criterion *model_find_criterion(const struct model *m, const char *id)
{
	for (int k = 0; k < 2; k++)
		for (size_t c = 0; c < m->orgs[k].n_categories; c++) {
			const struct model_category *cat = &m->orgs[k].categories[c];
			for (size_t i = 0; i < cat->n_criteria; i++)
				if (!strcmp(cat->criteria[i].id, id))
					return &cat->criteria[i];
		}
	return NULL;
}
