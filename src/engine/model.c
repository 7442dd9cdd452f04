/* SPDX-License-Identifier: MIT */
/* Parsing, validating, printing and comparing evaluation models. Parsing
 * reports every problem it finds, not only the first; the struct model it
 * returns is owned by the caller (model_free). */
#include "engine/model.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "engine/exact.h"
#include "engine/jsonout.h"
#include "engine/numfmt.h"

static const char *const org_ids[2] = { "sales", "operations" };
static const char *const risk_names[3] = { "low", "medium", "high" };
static const char *const reference_names[4] = {
	"case_study", "reference_call", "site_visit", "referral"
};

/* ---- validation context ------------------------------------------------ */

struct vctx {
	const char *source;
	struct buf *err;
	int errors;
};

__attribute__((format(printf, 3, 4)))
static void verr(struct vctx *v, const char *path, const char *fmt, ...)
{
	va_list ap;
	buf_addf(v->err, "%s: %s: ", v->source, *path ? path : "(top level)");
	va_start(ap, fmt);
	buf_vaddf(v->err, fmt, ap);
	va_end(ap);
	buf_addc(v->err, '\n');
	v->errors++;
}

/* snprintf into a path or label buffer; a path longer than the buffer is
 * cut, which only shortens an error message. */
__attribute__((format(printf, 3, 4)))
static void pathf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

/* Writes "path.key" (or "key" at the top level) into dst. */
static void join_key(char *dst, size_t size, const char *path, const char *key)
{
	pathf(dst, size, "%s%s%s", path, *path ? "." : "", key);
}

static void join_index(char *dst, size_t size, const char *path, const char *key, size_t i)
{
	pathf(dst, size, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
}

#define PATH_MAX_LEN 256

static int expect_object(struct vctx *v, json_t *j, const char *path,
			 const char *const *allowed)
{
	const char *key;
	json_t *val;
	char p[PATH_MAX_LEN];

	if (!json_is_object(j)) {
		verr(v, path, "must be an object");
		return -1;
	}
	json_object_foreach(j, key, val) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (!strcmp(*a, key))
				ok = 1;
		if (!ok) {
			join_key(p, sizeof p, path, key);
			verr(v, p, "unknown key");
		}
	}
	return 0;
}

/* Fetches obj.key; reports it missing when required. */
static json_t *member(struct vctx *v, json_t *obj, const char *path,
		      const char *key, int required)
{
	json_t *j = json_object_get(obj, key);
	if (!j && required) {
		char p[PATH_MAX_LEN];
		join_key(p, sizeof p, path, key);
		verr(v, p, "missing");
	}
	return j;
}

static int get_number(struct vctx *v, json_t *obj, const char *path,
		      const char *key, double *out)
{
	char p[PATH_MAX_LEN];
	json_t *j = member(v, obj, path, key, 1);
	if (!j)
		return -1;
	join_key(p, sizeof p, path, key);
	if (!json_is_number(j) || !isfinite(json_number_value(j))) {
		verr(v, p, "must be a number");
		return -1;
	}
	*out = json_number_value(j);
	return 0;
}

static void get_number_in(struct vctx *v, json_t *obj, const char *path,
			  const char *key, double *out, double lo, int lo_open,
			  double hi)
{
	char p[PATH_MAX_LEN];
	if (get_number(v, obj, path, key, out))
		return;
	join_key(p, sizeof p, path, key);
	if (lo_open && !(*out > lo))
		verr(v, p, "must be > %g", lo);
	else if (!lo_open && *out < lo)
		verr(v, p, "must be >= %g", lo);
	else if (*out > hi)
		verr(v, p, "must be <= %g", hi);
}

static void get_int(struct vctx *v, json_t *obj, const char *path,
		    const char *key, int *out, int lo, int hi)
{
	char p[PATH_MAX_LEN];
	json_t *j = member(v, obj, path, key, 1);
	if (!j)
		return;
	join_key(p, sizeof p, path, key);
	if (!json_is_integer(j)) {
		verr(v, p, "must be a whole number");
		return;
	}
	json_int_t n = json_integer_value(j);
	if (n < lo || n > hi) {
		verr(v, p, "must be between %d and %d", lo, hi);
		return;
	}
	*out = (int)n;
}

/* Returns a copy of obj.key (a non-empty string), or NULL after reporting. */
static char *get_string(struct vctx *v, json_t *obj, const char *path,
			const char *key, int required)
{
	char p[PATH_MAX_LEN];
	json_t *j = member(v, obj, path, key, required);
	if (!j)
		return NULL;
	join_key(p, sizeof p, path, key);
	if (!json_is_string(j) || !json_string_length(j)) {
		verr(v, p, "must be a non-empty string");
		return NULL;
	}
	return xstrdup(json_string_value(j));
}

static void get_name(struct vctx *v, json_t *obj, const char *path,
		     struct model_name *out)
{
	static const char *const keys[] = { "en", "ko", NULL };
	char p[PATH_MAX_LEN];
	json_t *j = member(v, obj, path, "name", 1);
	if (!j)
		return;
	join_key(p, sizeof p, path, "name");
	if (expect_object(v, j, p, keys))
		return;
	out->en = get_string(v, j, p, "en", 1);
	out->ko = get_string(v, j, p, "ko", 1);
}

static json_t *get_array(struct vctx *v, json_t *obj, const char *path,
			 const char *key)
{
	char p[PATH_MAX_LEN];
	json_t *j = member(v, obj, path, key, 1);
	if (!j)
		return NULL;
	join_key(p, sizeof p, path, key);
	if (!json_is_array(j) || !json_array_size(j)) {
		verr(v, p, "must be a non-empty array");
		return NULL;
	}
	return j;
}

static void free_name(struct model_name *n)
{
	xfree(n->en);
	xfree(n->ko);
}

static void free_org(struct model_org *org)
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
		free_org(&m->orgs[k]);
	for (size_t i = 0; i < m->n_grades; i++)
		xfree(m->grades[i].grade);
	xfree(m->grades);
	xfree(m->name);
	xfree(m->description);
	xfree(m);
}

/* ---- the tree ---------------------------------------------------------- */

static void parse_scoring(struct vctx *v, json_t *j, const char *path,
			  struct scoring *s)
{
	static const char *const linear_keys[] = { "fn", "zero", "full", NULL };
	static const char *const bands_keys[] = { "fn", "better", "bands", "otherwise", NULL };
	static const char *const band_keys[] = { "threshold", "score", NULL };
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	json_t *fn;

	if (!json_is_object(j)) {
		verr(v, path, "must be an object");
		return;
	}
	fn = member(v, j, path, "fn", 1);
	if (!fn)
		return;
	join_key(p, sizeof p, path, "fn");
	if (json_is_string(fn) && !strcmp(json_string_value(fn), "linear")) {
		s->fn = SCORING_LINEAR;
		expect_object(v, j, path, linear_keys);
		int ok = !get_number(v, j, path, "zero", &s->zero);
		ok &= !get_number(v, j, path, "full", &s->full);
		if (ok && s->zero == s->full) {
			join_key(p, sizeof p, path, "full");
			verr(v, p, "must differ from zero");
		}
		return;
	}
	if (!json_is_string(fn) || strcmp(json_string_value(fn), "bands")) {
		verr(v, p, "must be \"linear\" or \"bands\"");
		return;
	}
	s->fn = SCORING_BANDS;
	expect_object(v, j, path, bands_keys);
	char *better = get_string(v, j, path, "better", 1);
	if (better) {
		if (!strcmp(better, "lower"))
			s->lower_is_better = 1;
		else if (strcmp(better, "higher")) {
			join_key(p, sizeof p, path, "better");
			verr(v, p, "must be \"higher\" or \"lower\"");
		}
		xfree(better);
	}
	get_number_in(v, j, path, "otherwise", &s->otherwise, 0, 0, 100);
	json_t *bands = get_array(v, j, path, "bands");
	if (!bands)
		return;
	s->n_bands = json_array_size(bands);
	s->bands = xcalloc(s->n_bands, sizeof *s->bands);
	for (size_t i = 0; i < s->n_bands; i++) {
		join_index(q, sizeof q, path, "bands", i);
		json_t *b = json_array_get(bands, i);
		if (expect_object(v, b, q, band_keys))
			continue;
		get_number_in(v, b, q, "score", &s->bands[i].score, 0, 0, 100);
		if (get_number(v, b, q, "threshold", &s->bands[i].threshold) || !i)
			continue;
		double prev = s->bands[i - 1].threshold, t = s->bands[i].threshold;
		if (s->lower_is_better ? !(t > prev) : !(t < prev)) {
			join_key(p, sizeof p, q, "threshold");
			verr(v, p, "must be %s than the band before (better = %s)",
			     s->lower_is_better ? "greater" : "less",
			     s->lower_is_better ? "lower" : "higher");
		}
	}
}

static void parse_measure(struct vctx *v, json_t *j, const char *path,
			  const struct criterion_def *def,
			  struct model_measure *m, const struct model_measure *before)
{
	static const char *const keys[] = { "id", "name", "scoring", NULL };
	char p[PATH_MAX_LEN];

	m->def_index = -1;
	if (expect_object(v, j, path, keys))
		return;
	m->id = get_string(v, j, path, "id", 1);
	get_name(v, j, path, &m->name);
	json_t *sc = member(v, j, path, "scoring", 1);
	if (sc) {
		join_key(p, sizeof p, path, "scoring");
		parse_scoring(v, sc, p, &m->scoring);
	}
	if (!m->id || !def)
		return;
	join_key(p, sizeof p, path, "id");
	m->def_index = criterion_measure_index(def, m->id);
	if (m->def_index < 0) {
		struct buf known = BUF_INIT;
		for (size_t i = 0; i < def->n_measures; i++)
			buf_addf(&known, "%s%s", i ? ", " : "", def->measures[i]);
		verr(v, p, "unknown measure '%s' of %s (known: %s)", m->id, def->id,
		     known.data);
		buf_release(&known);
		return;
	}
	for (const struct model_measure *o = before; o < m; o++)
		if (o->id && !strcmp(o->id, m->id))
			verr(v, p, "duplicate measure '%s'", m->id);
}

static void parse_criterion(struct vctx *v, json_t *j, const char *path,
			    enum org_kind org, struct model_criterion *c)
{
	static const char *const keys[] = { "id", "name", "weight", "measures", NULL };
	char p[PATH_MAX_LEN];

	if (expect_object(v, j, path, keys))
		return;
	c->id = get_string(v, j, path, "id", 1);
	get_name(v, j, path, &c->name);
	get_number_in(v, j, path, "weight", &c->weight, 0, 1, 1e12);
	if (c->id) {
		join_key(p, sizeof p, path, "id");
		c->def = criterion_find(c->id);
		if (!c->def)
			verr(v, p, "unknown criterion '%s'", c->id);
		else if (c->def->org != org) {
			verr(v, p, "criterion '%s' belongs to organization '%s'",
			     c->id, org_ids[c->def->org]);
			c->def = NULL;
		}
	}
	json_t *ms = get_array(v, j, path, "measures");
	if (!ms)
		return;
	c->n_measures = json_array_size(ms);
	c->measures = xcalloc(c->n_measures, sizeof *c->measures);
	for (size_t i = 0; i < c->n_measures; i++) {
		join_index(p, sizeof p, path, "measures", i);
		parse_measure(v, json_array_get(ms, i), p, c->def, &c->measures[i],
			      c->measures);
	}
}

static void parse_category(struct vctx *v, json_t *j, const char *path,
			   enum org_kind org, struct model_category *cat)
{
	static const char *const keys[] = { "id", "name", "weight", "criteria", NULL };
	char p[PATH_MAX_LEN];

	if (expect_object(v, j, path, keys))
		return;
	cat->id = get_string(v, j, path, "id", 1);
	get_name(v, j, path, &cat->name);
	get_number_in(v, j, path, "weight", &cat->weight, 0, 1, 1e12);
	json_t *cs = get_array(v, j, path, "criteria");
	if (!cs)
		return;
	cat->n_criteria = json_array_size(cs);
	cat->criteria = xcalloc(cat->n_criteria, sizeof *cat->criteria);
	for (size_t i = 0; i < cat->n_criteria; i++) {
		join_index(p, sizeof p, path, "criteria", i);
		parse_criterion(v, json_array_get(cs, i), p, org, &cat->criteria[i]);
	}
}

static void parse_org(struct vctx *v, json_t *j, const char *path,
		      struct model *m, int *seen)
{
	static const char *const keys[] = { "id", "name", "categories", NULL };
	char p[PATH_MAX_LEN];
	struct model_org tmp = { 0 }, *org;
	int kind = -1;

	if (expect_object(v, j, path, keys))
		return;
	char *id = get_string(v, j, path, "id", 1);
	if (id) {
		join_key(p, sizeof p, path, "id");
		for (int k = 0; k < 2; k++)
			if (!strcmp(id, org_ids[k]))
				kind = k;
		if (kind < 0)
			verr(v, p, "must be \"sales\" or \"operations\"");
		else if (seen[kind]) {
			verr(v, p, "duplicate organization '%s'", id);
			kind = -1;
		}
	}
	/* A bad or repeated organization is still checked, into a scratch slot. */
	org = kind >= 0 ? &m->orgs[kind] : &tmp;
	if (kind >= 0)
		seen[kind] = 1;
	org->id = id;
	get_name(v, j, path, &org->name);
	json_t *cs = get_array(v, j, path, "categories");
	if (cs) {
		org->n_categories = json_array_size(cs);
		org->categories = xcalloc(org->n_categories, sizeof *org->categories);
		for (size_t i = 0; i < org->n_categories; i++) {
			join_index(p, sizeof p, path, "categories", i);
			parse_category(v, json_array_get(cs, i), p,
				       kind >= 0 ? (enum org_kind)kind : ORG_SALES,
				       &org->categories[i]);
			org->n_criteria += org->categories[i].n_criteria;
		}
	}
	if (org == &tmp)
		free_org(&tmp);
}

static void parse_named_numbers(struct vctx *v, json_t *root, const char *key,
				const char *const *names, size_t n, double *out,
				double lo, int lo_open)
{
	char p[PATH_MAX_LEN];
	const char *allowed[8];
	json_t *j = member(v, root, "", key, 1);
	if (!j)
		return;
	for (size_t i = 0; i < n; i++)
		allowed[i] = names[i];
	allowed[n] = NULL;
	if (expect_object(v, j, key, allowed))
		return;
	for (size_t i = 0; i < n; i++) {
		join_key(p, sizeof p, "", key);
		get_number_in(v, j, p, names[i], &out[i], lo, lo_open, 1e12);
	}
}

/* "alerts" is optional, and so is each of its keys (lifecycle alerts). */
static void parse_alerts(struct vctx *v, json_t *root, struct model *m)
{
	static const char *const keys[] = {
		"readiness_days_before_go_live", "renewal_days", "sla_missed_months", NULL
	};
	int *fields[] = {
		&m->alerts.readiness_days_before_go_live, &m->alerts.renewal_days,
		&m->alerts.sla_missed_months,
	};
	static const int lo[] = { 0, 0, 1 }, hi[] = { 366, 3660, 24 };
	json_t *j = json_object_get(root, "alerts");

	m->alerts = (struct model_alerts){ 14, 90, 2 };
	if (!j || expect_object(v, j, "alerts", keys))
		return;
	for (size_t i = 0; keys[i]; i++)
		if (json_object_get(j, keys[i]))
			get_int(v, j, "alerts", keys[i], fields[i], lo[i], hi[i]);
}

static void parse_grades(struct vctx *v, json_t *root, struct model *m)
{
	static const char *const keys[] = { "grade", "min", NULL };
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	json_t *gs = get_array(v, root, "", "grades");
	if (!gs)
		return;
	m->n_grades = json_array_size(gs);
	m->grades = xcalloc(m->n_grades, sizeof *m->grades);
	for (size_t i = 0; i < m->n_grades; i++) {
		struct model_grade *g = &m->grades[i];
		join_index(p, sizeof p, "", "grades", i);
		json_t *j = json_array_get(gs, i);
		if (expect_object(v, j, p, keys))
			continue;
		g->grade = get_string(v, j, p, "grade", 1);
		if (get_number(v, j, p, "min", &g->min))
			continue;
		join_key(q, sizeof q, p, "min");
		if (i && !(g->min < m->grades[i - 1].min))
			verr(v, q, "must be less than the grade before");
		if (i + 1 == m->n_grades && g->min != 0)
			verr(v, q, "must be 0 for the last grade");
		for (size_t k = 0; k < i; k++)
			if (g->grade && m->grades[k].grade && !strcmp(g->grade, m->grades[k].grade)) {
				join_key(q, sizeof q, p, "grade");
				verr(v, q, "duplicate grade '%s'", g->grade);
			}
	}
}

/* Category ids and criterion ids are unique over the whole model, and no
 * category id is "total" or the id of a criterion (of either organization). */
static void check_unique_ids(struct vctx *v, const struct model *m)
{
	const char *cat_ids[64], *crit_ids[CRIT_COUNT * 2];
	size_t n_cat = 0, n_crit = 0;
	char p[PATH_MAX_LEN];

	for (int k = 0; k < 2; k++) {
		const struct model_org *org = &m->orgs[k];
		for (size_t c = 0; c < org->n_categories; c++) {
			const struct model_category *cat = &org->categories[c];
			pathf(p, sizeof p, "organizations[%s].categories[%zu].id",
				 org_ids[k], c);
			if (cat->id) {
				for (size_t i = 0; i < n_cat; i++)
					if (!strcmp(cat_ids[i], cat->id))
						verr(v, p, "duplicate category '%s'", cat->id);
				if (n_cat < sizeof cat_ids / sizeof *cat_ids)
					cat_ids[n_cat++] = cat->id;
				if (!strcmp(cat->id, "total"))
					verr(v, p, "'total' is reserved");
				/* Category and criterion rows share the CSV's criterion
				 * column: a category named like any criterion would
				 * print two rows with one key. */
				else if (criterion_find(cat->id))
					verr(v, p, "'%s' is a criterion id; a category needs another id",
					     cat->id);
			}
			for (size_t i = 0; i < cat->n_criteria; i++) {
				const struct model_criterion *cr = &cat->criteria[i];
				if (!cr->def)
					continue;
				pathf(p, sizeof p,
					 "organizations[%s].categories[%zu].criteria[%zu].id",
					 org_ids[k], c, i);
				for (size_t x = 0; x < n_crit; x++)
					if (!strcmp(crit_ids[x], cr->id))
						verr(v, p, "duplicate criterion '%s'", cr->id);
				if (n_crit < sizeof crit_ids / sizeof *crit_ids)
					crit_ids[n_crit++] = cr->id;
			}
		}
	}
}

int model_parse(const char *json, size_t len, const char *source,
		struct model **out, struct buf *err)
{
	static const char *const keys[] = {
		"format", "name", "description", "year", "fiscal_year_first_month",
		"stabilization_run_months", "sales_window_years", "operations_min_months",
		"rollup_weighting", "required_margin", "reference_weights", "alerts", "grades", "organizations", NULL
	};
	struct vctx v = { source, err, 0 };
	struct model *m = xcalloc(1, sizeof *m);
	json_error_t jerr;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	char p[PATH_MAX_LEN];
	int seen[2] = { 0, 0 };

	*out = NULL;
	if (!root) {
		buf_addf(err, "%s:%d:%d: %s\n", source, jerr.line, jerr.column, jerr.text);
		v.errors++;
		goto out;
	}
	if (expect_object(&v, root, "", keys))
		goto out;
	json_t *fmt = json_object_get(root, "format");
	if (fmt && !(json_is_integer(fmt) && json_integer_value(fmt) == 1))
		verr(&v, "format", "must be 1");
	m->name = get_string(&v, root, "", "name", 1);
	m->description = get_string(&v, root, "", "description", 0);
	if (json_object_get(root, "year"))
		get_int(&v, root, "", "year", &m->year, 1000, 9999);
	get_int(&v, root, "", "fiscal_year_first_month", &m->fiscal_year_first_month, 1, 12);
	get_int(&v, root, "", "stabilization_run_months", &m->stabilization_run_months, 1, 24);
	get_int(&v, root, "", "sales_window_years", &m->sales_window_years, 1, 20);
	/* Optional: models written before it existed mean 0. */
	if (json_object_get(root, "operations_min_months"))
		get_int(&v, root, "", "operations_min_months", &m->operations_min_months, 0, 120);
	char *rw = get_string(&v, root, "", "rollup_weighting", 1);
	if (rw) {
		if (!strcmp(rw, "equal"))
			m->rollup_weighting = ROLLUP_EQUAL;
		else if (strcmp(rw, "value"))
			verr(&v, "rollup_weighting", "must be \"value\" or \"equal\"");
		xfree(rw);
	}
	parse_named_numbers(&v, root, "required_margin", risk_names, 3,
			    m->required_margin, 0, 1);
	parse_named_numbers(&v, root, "reference_weights", reference_names, 4,
			    m->reference_weight, 0, 0);
	parse_alerts(&v, root, m);
	parse_grades(&v, root, m);
	json_t *orgs = get_array(&v, root, "", "organizations");
	if (orgs) {
		for (size_t i = 0; i < json_array_size(orgs); i++) {
			join_index(p, sizeof p, "", "organizations", i);
			parse_org(&v, json_array_get(orgs, i), p, m, seen);
		}
		for (int k = 0; k < 2; k++)
			if (!seen[k])
				verr(&v, "organizations", "missing organization '%s'", org_ids[k]);
	}
	check_unique_ids(&v, m);
out:
	json_decref(root);
	if (v.errors) {
		model_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

int model_default(struct model **out, struct buf *err)
{
	const struct embedded_file *f = embedded_find("model-default.json");
	if (!f) {
		buf_adds(err, "model-default.json: not built into this binary\n");
		*out = NULL;
		return -1;
	}
	return model_parse((const char *)f->data, f->size, "model-default.json", out, err);
}

/* ---- canonical JSON ---------------------------------------------------- */

static void put_key(struct buf *b, int level, const char *key, int first)
{
	if (!first)
		buf_addc(b, ',');
	jsonout_indent(b, level);
	jsonout_string(b, key);
	buf_adds(b, ": ");
}

static void put_name(struct buf *b, int level, const struct model_name *n)
{
	put_key(b, level, "name", 0);
	buf_adds(b, "{\"en\": ");
	jsonout_string(b, n->en ? n->en : "");
	buf_adds(b, ", \"ko\": ");
	jsonout_string(b, n->ko ? n->ko : "");
	buf_addc(b, '}');
}

static void put_scoring(struct buf *b, const struct scoring *s)
{
	if (s->fn == SCORING_LINEAR) {
		buf_adds(b, "{\"fn\": \"linear\", \"zero\": ");
		numfmt_double(b, s->zero);
		buf_adds(b, ", \"full\": ");
		numfmt_double(b, s->full);
		buf_addc(b, '}');
		return;
	}
	buf_addf(b, "{\"fn\": \"bands\", \"better\": \"%s\", \"bands\": [",
		 s->lower_is_better ? "lower" : "higher");
	for (size_t i = 0; i < s->n_bands; i++) {
		buf_adds(b, i ? ", {\"threshold\": " : "{\"threshold\": ");
		numfmt_double(b, s->bands[i].threshold);
		buf_adds(b, ", \"score\": ");
		numfmt_double(b, s->bands[i].score);
		buf_addc(b, '}');
	}
	buf_adds(b, "], \"otherwise\": ");
	numfmt_double(b, s->otherwise);
	buf_addc(b, '}');
}

static void put_criterion(struct buf *b, int lv, const struct model_criterion *c)
{
	buf_addc(b, '{');
	put_key(b, lv + 1, "id", 1);
	jsonout_string(b, c->id);
	put_name(b, lv + 1, &c->name);
	put_key(b, lv + 1, "weight", 0);
	numfmt_double(b, c->weight);
	put_key(b, lv + 1, "measures", 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < c->n_measures; i++) {
		const struct model_measure *ms = &c->measures[i];
		if (i)
			buf_addc(b, ',');
		jsonout_indent(b, lv + 2);
		buf_addc(b, '{');
		put_key(b, lv + 3, "id", 1);
		jsonout_string(b, ms->id);
		put_name(b, lv + 3, &ms->name);
		put_key(b, lv + 3, "scoring", 0);
		put_scoring(b, &ms->scoring);
		jsonout_indent(b, lv + 2);
		buf_addc(b, '}');
	}
	jsonout_indent(b, lv + 1);
	buf_addc(b, ']');
	jsonout_indent(b, lv);
	buf_addc(b, '}');
}

static void put_org(struct buf *b, int lv, const struct model_org *org)
{
	buf_addc(b, '{');
	put_key(b, lv + 1, "id", 1);
	jsonout_string(b, org->id);
	put_name(b, lv + 1, &org->name);
	put_key(b, lv + 1, "categories", 0);
	buf_addc(b, '[');
	for (size_t c = 0; c < org->n_categories; c++) {
		const struct model_category *cat = &org->categories[c];
		if (c)
			buf_addc(b, ',');
		jsonout_indent(b, lv + 2);
		buf_addc(b, '{');
		put_key(b, lv + 3, "id", 1);
		jsonout_string(b, cat->id);
		put_name(b, lv + 3, &cat->name);
		put_key(b, lv + 3, "weight", 0);
		numfmt_double(b, cat->weight);
		put_key(b, lv + 3, "criteria", 0);
		buf_addc(b, '[');
		for (size_t i = 0; i < cat->n_criteria; i++) {
			if (i)
				buf_addc(b, ',');
			jsonout_indent(b, lv + 4);
			put_criterion(b, lv + 4, &cat->criteria[i]);
		}
		jsonout_indent(b, lv + 3);
		buf_addc(b, ']');
		jsonout_indent(b, lv + 2);
		buf_addc(b, '}');
	}
	jsonout_indent(b, lv + 1);
	buf_addc(b, ']');
	jsonout_indent(b, lv);
	buf_addc(b, '}');
}

static void put_named_numbers(struct buf *b, const char *key, const char *const *names,
			      const double *vals, size_t n)
{
	put_key(b, 1, key, 0);
	buf_addc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(b, ", ");
		jsonout_string(b, names[i]);
		buf_adds(b, ": ");
		numfmt_double(b, vals[i]);
	}
	buf_addc(b, '}');
}

char *model_to_json(const struct model *m)
{
	struct buf b = BUF_INIT;
	buf_addc(&b, '{');
	put_key(&b, 1, "format", 1);
	buf_adds(&b, "1");
	put_key(&b, 1, "name", 0);
	jsonout_string(&b, m->name);
	if (m->description) {
		put_key(&b, 1, "description", 0);
		jsonout_string(&b, m->description);
	}
	if (m->year) {
		put_key(&b, 1, "year", 0);
		buf_addf(&b, "%d", m->year);
	}
	put_key(&b, 1, "fiscal_year_first_month", 0);
	buf_addf(&b, "%d", m->fiscal_year_first_month);
	put_key(&b, 1, "stabilization_run_months", 0);
	buf_addf(&b, "%d", m->stabilization_run_months);
	put_key(&b, 1, "sales_window_years", 0);
	buf_addf(&b, "%d", m->sales_window_years);
	/* Written only when set, so that models without it keep their bytes. */
	if (m->operations_min_months) {
		put_key(&b, 1, "operations_min_months", 0);
		buf_addf(&b, "%d", m->operations_min_months);
	}
	put_key(&b, 1, "rollup_weighting", 0);
	jsonout_string(&b, m->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value");
	put_named_numbers(&b, "required_margin", risk_names, m->required_margin, 3);
	put_named_numbers(&b, "reference_weights", reference_names, m->reference_weight, 4);
	put_key(&b, 1, "alerts", 0);
	buf_addf(&b, "{\"readiness_days_before_go_live\": %d, \"renewal_days\": %d,"
		 " \"sla_missed_months\": %d}", m->alerts.readiness_days_before_go_live,
		 m->alerts.renewal_days, m->alerts.sla_missed_months);
	put_key(&b, 1, "grades", 0);
	buf_addc(&b, '[');
	for (size_t i = 0; i < m->n_grades; i++) {
		buf_adds(&b, i ? ", {\"grade\": " : "{\"grade\": ");
		jsonout_string(&b, m->grades[i].grade);
		buf_adds(&b, ", \"min\": ");
		numfmt_double(&b, m->grades[i].min);
		buf_addc(&b, '}');
	}
	buf_addc(&b, ']');
	put_key(&b, 1, "organizations", 0);
	buf_addc(&b, '[');
	for (int k = 0; k < 2; k++) {
		if (k)
			buf_addc(&b, ',');
		jsonout_indent(&b, 2);
		put_org(&b, 2, &m->orgs[k]);
	}
	jsonout_indent(&b, 1);
	buf_addc(&b, ']');
	buf_adds(&b, "\n}\n");
	return buf_detach(&b, NULL);
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
	pathf(w, sizeof w, "name of %s (en)", what);
	n += diff_string(out, w, a->en, b->en);
	pathf(w, sizeof w, "name of %s (ko)", what);
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
	pathf(w, sizeof w, "weight of criterion %s", a->id);
	n += diff_number(out, w, a->weight, b->weight);
	pathf(w, sizeof w, "criterion %s", a->id);
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
		pathf(w, sizeof w, "measure %s of %s", ma->id, a->id);
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

	pathf(w, sizeof w, "organization %s", oa->id);
	n += diff_names(out, w, &oa->name, &ob->name);
	for (size_t c = 0; c < oa->n_categories; c++) {
		const struct model_category *ca = &oa->categories[c];
		const struct model_category *cb = find_category(b, k, ca->id);
		if (!cb) {
			buf_addf(out, "category %s removed from %s\n", ca->id, oa->id);
			n++;
			continue;
		}
		pathf(w, sizeof w, "weight of category %s", ca->id);
		n += diff_number(out, w, ca->weight, cb->weight);
		pathf(w, sizeof w, "category %s", ca->id);
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
		pathf(w, sizeof w, "required margin (%s)", risk_names[i]);
		n += diff_number(out, w, a->required_margin[i], b->required_margin[i]);
	}
	for (int i = 0; i < 4; i++) {
		pathf(w, sizeof w, "reference weight (%s)", reference_names[i]);
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
