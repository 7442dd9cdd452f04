/* SPDX-License-Identifier: MIT */
/* A model read from JSON (validated as it is read, model_check.c) and
 * written back as canonical JSON: the same model always gives the same
 * bytes. The struct model model_parse returns is owned by the caller
 * (model_free). */
#include "engine/model_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/jsonw.h"
#include "engine/numfmt.h"

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
		mv_err(v, path, "must be an object");
		return;
	}
	fn = mv_member(v, j, path, "fn", 1);
	if (!fn)
		return;
	mv_join_key(p, sizeof p, path, "fn");
	if (json_is_string(fn) && !strcmp(json_string_value(fn), "linear")) {
		s->fn = SCORING_LINEAR;
		mv_expect_object(v, j, path, linear_keys);
		int ok = !mv_number(v, j, path, "zero", &s->zero);
		ok &= !mv_number(v, j, path, "full", &s->full);
		if (ok && s->zero == s->full) {
			mv_join_key(p, sizeof p, path, "full");
			mv_err(v, p, "must differ from zero");
		}
		return;
	}
	if (!json_is_string(fn) || strcmp(json_string_value(fn), "bands")) {
		mv_err(v, p, "must be \"linear\" or \"bands\"");
		return;
	}
	s->fn = SCORING_BANDS;
	mv_expect_object(v, j, path, bands_keys);
	char *better = mv_string(v, j, path, "better", 1);
	if (better) {
		if (!strcmp(better, "lower"))
			s->lower_is_better = 1;
		else if (strcmp(better, "higher")) {
			mv_join_key(p, sizeof p, path, "better");
			mv_err(v, p, "must be \"higher\" or \"lower\"");
		}
		xfree(better);
	}
	mv_number_in(v, j, path, "otherwise", &s->otherwise, 0, 0, 100);
	json_t *bands = mv_array(v, j, path, "bands");
	if (!bands)
		return;
	s->n_bands = json_array_size(bands);
	s->bands = xcalloc(s->n_bands, sizeof *s->bands);
	for (size_t i = 0; i < s->n_bands; i++) {
		mv_join_index(q, sizeof q, path, "bands", i);
		json_t *b = json_array_get(bands, i);
		if (mv_expect_object(v, b, q, band_keys))
			continue;
		mv_number_in(v, b, q, "score", &s->bands[i].score, 0, 0, 100);
		if (mv_number(v, b, q, "threshold", &s->bands[i].threshold) || !i)
			continue;
		double prev = s->bands[i - 1].threshold, t = s->bands[i].threshold;
		if (s->lower_is_better ? !(t > prev) : !(t < prev)) {
			mv_join_key(p, sizeof p, q, "threshold");
			mv_err(v, p, "must be %s than the band before (better = %s)",
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
	if (mv_expect_object(v, j, path, keys))
		return;
	m->id = mv_string(v, j, path, "id", 1);
	mv_name(v, j, path, &m->name);
	json_t *sc = mv_member(v, j, path, "scoring", 1);
	if (sc) {
		mv_join_key(p, sizeof p, path, "scoring");
		parse_scoring(v, sc, p, &m->scoring);
	}
	if (!m->id || !def)
		return;
	mv_join_key(p, sizeof p, path, "id");
	m->def_index = criterion_measure_index(def, m->id);
	if (m->def_index < 0) {
		struct buf known = BUF_INIT;
		for (size_t i = 0; i < def->n_measures; i++)
			buf_addf(&known, "%s%s", i ? ", " : "", def->measures[i]);
		mv_err(v, p, "unknown measure '%s' of %s (known: %s)", m->id, def->id,
		     known.data);
		buf_release(&known);
		return;
	}
	for (const struct model_measure *o = before; o < m; o++)
		if (o->id && !strcmp(o->id, m->id))
			mv_err(v, p, "duplicate measure '%s'", m->id);
}

static void parse_criterion(struct vctx *v, json_t *j, const char *path,
			    enum org_kind org, struct model_criterion *c)
{
	static const char *const keys[] = { "id", "name", "weight", "measures", NULL };
	char p[PATH_MAX_LEN];

	if (mv_expect_object(v, j, path, keys))
		return;
	c->id = mv_string(v, j, path, "id", 1);
	mv_name(v, j, path, &c->name);
	mv_number_in(v, j, path, "weight", &c->weight, 0, 1, 1e12);
	if (c->id) {
		mv_join_key(p, sizeof p, path, "id");
		c->def = criterion_find(c->id);
		if (!c->def)
			mv_err(v, p, "unknown criterion '%s'", c->id);
		else if (c->def->org != org) {
			mv_err(v, p, "criterion '%s' belongs to organization '%s'",
			     c->id, model_org_ids[c->def->org]);
			c->def = NULL;
		}
	}
	json_t *ms = mv_array(v, j, path, "measures");
	if (!ms)
		return;
	c->n_measures = json_array_size(ms);
	c->measures = xcalloc(c->n_measures, sizeof *c->measures);
	for (size_t i = 0; i < c->n_measures; i++) {
		mv_join_index(p, sizeof p, path, "measures", i);
		parse_measure(v, json_array_get(ms, i), p, c->def, &c->measures[i],
			      c->measures);
	}
}

static void parse_category(struct vctx *v, json_t *j, const char *path,
			   enum org_kind org, struct model_category *cat)
{
	static const char *const keys[] = { "id", "name", "weight", "criteria", NULL };
	char p[PATH_MAX_LEN];

	if (mv_expect_object(v, j, path, keys))
		return;
	cat->id = mv_string(v, j, path, "id", 1);
	mv_name(v, j, path, &cat->name);
	mv_number_in(v, j, path, "weight", &cat->weight, 0, 1, 1e12);
	json_t *cs = mv_array(v, j, path, "criteria");
	if (!cs)
		return;
	cat->n_criteria = json_array_size(cs);
	cat->criteria = xcalloc(cat->n_criteria, sizeof *cat->criteria);
	for (size_t i = 0; i < cat->n_criteria; i++) {
		mv_join_index(p, sizeof p, path, "criteria", i);
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

	if (mv_expect_object(v, j, path, keys))
		return;
	char *id = mv_string(v, j, path, "id", 1);
	if (id) {
		mv_join_key(p, sizeof p, path, "id");
		for (int k = 0; k < 2; k++)
			if (!strcmp(id, model_org_ids[k]))
				kind = k;
		if (kind < 0)
			mv_err(v, p, "must be \"sales\" or \"operations\"");
		else if (seen[kind]) {
			mv_err(v, p, "duplicate organization '%s'", id);
			kind = -1;
		}
	}
	/* A bad or repeated organization is still checked, into a scratch slot. */
	org = kind >= 0 ? &m->orgs[kind] : &tmp;
	if (kind >= 0)
		seen[kind] = 1;
	org->id = id;
	mv_name(v, j, path, &org->name);
	json_t *cs = mv_array(v, j, path, "categories");
	if (cs) {
		org->n_categories = json_array_size(cs);
		org->categories = xcalloc(org->n_categories, sizeof *org->categories);
		for (size_t i = 0; i < org->n_categories; i++) {
			mv_join_index(p, sizeof p, path, "categories", i);
			parse_category(v, json_array_get(cs, i), p,
				       kind >= 0 ? (enum org_kind)kind : ORG_SALES,
				       &org->categories[i]);
			org->n_criteria += org->categories[i].n_criteria;
		}
	}
	if (org == &tmp)
		model_org_free(&tmp);
}

static void parse_named_numbers(struct vctx *v, json_t *root, const char *key,
				const char *const *names, size_t n, double *out,
				double lo, int lo_open)
{
	char p[PATH_MAX_LEN];
	const char *allowed[8];
	json_t *j = mv_member(v, root, "", key, 1);
	if (!j)
		return;
	for (size_t i = 0; i < n; i++)
		allowed[i] = names[i];
	allowed[n] = NULL;
	if (mv_expect_object(v, j, key, allowed))
		return;
	for (size_t i = 0; i < n; i++) {
		mv_join_key(p, sizeof p, "", key);
		mv_number_in(v, j, p, names[i], &out[i], lo, lo_open, 1e12);
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
	if (!j || mv_expect_object(v, j, "alerts", keys))
		return;
	for (size_t i = 0; keys[i]; i++)
		if (json_object_get(j, keys[i]))
			mv_int(v, j, "alerts", keys[i], fields[i], lo[i], hi[i]);
}

static void parse_grades(struct vctx *v, json_t *root, struct model *m)
{
	static const char *const keys[] = { "grade", "min", NULL };
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	json_t *gs = mv_array(v, root, "", "grades");
	if (!gs)
		return;
	m->n_grades = json_array_size(gs);
	m->grades = xcalloc(m->n_grades, sizeof *m->grades);
	for (size_t i = 0; i < m->n_grades; i++) {
		struct model_grade *g = &m->grades[i];
		mv_join_index(p, sizeof p, "", "grades", i);
		json_t *j = json_array_get(gs, i);
		if (mv_expect_object(v, j, p, keys))
			continue;
		g->grade = mv_string(v, j, p, "grade", 1);
		if (mv_number(v, j, p, "min", &g->min))
			continue;
		mv_join_key(q, sizeof q, p, "min");
		if (i && !(g->min < m->grades[i - 1].min))
			mv_err(v, q, "must be less than the grade before");
		if (i + 1 == m->n_grades && g->min != 0)
			mv_err(v, q, "must be 0 for the last grade");
		for (size_t k = 0; k < i; k++)
			if (g->grade && m->grades[k].grade && !strcmp(g->grade, m->grades[k].grade)) {
				mv_join_key(q, sizeof q, p, "grade");
				mv_err(v, q, "duplicate grade '%s'", g->grade);
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
	if (mv_expect_object(&v, root, "", keys))
		goto out;
	json_t *fmt = json_object_get(root, "format");
	if (fmt && !(json_is_integer(fmt) && json_integer_value(fmt) == 1))
		mv_err(&v, "format", "must be 1");
	m->name = mv_string(&v, root, "", "name", 1);
	m->description = mv_string(&v, root, "", "description", 0);
	if (json_object_get(root, "year"))
		mv_int(&v, root, "", "year", &m->year, 1000, 9999);
	mv_int(&v, root, "", "fiscal_year_first_month", &m->fiscal_year_first_month, 1, 12);
	mv_int(&v, root, "", "stabilization_run_months", &m->stabilization_run_months, 1, 24);
	mv_int(&v, root, "", "sales_window_years", &m->sales_window_years, 1, 20);
	/* Optional: models written before it existed mean 0. */
	if (json_object_get(root, "operations_min_months"))
		mv_int(&v, root, "", "operations_min_months", &m->operations_min_months, 0, 120);
	char *rw = mv_string(&v, root, "", "rollup_weighting", 1);
	if (rw) {
		if (!strcmp(rw, "equal"))
			m->rollup_weighting = ROLLUP_EQUAL;
		else if (strcmp(rw, "value"))
			mv_err(&v, "rollup_weighting", "must be \"value\" or \"equal\"");
		xfree(rw);
	}
	parse_named_numbers(&v, root, "required_margin", model_risk_names, 3,
			    m->required_margin, 0, 1);
	parse_named_numbers(&v, root, "reference_weights", model_reference_names, 4,
			    m->reference_weight, 0, 0);
	parse_alerts(&v, root, m);
	parse_grades(&v, root, m);
	json_t *orgs = mv_array(&v, root, "", "organizations");
	if (orgs) {
		for (size_t i = 0; i < json_array_size(orgs); i++) {
			mv_join_index(p, sizeof p, "", "organizations", i);
			parse_org(&v, json_array_get(orgs, i), p, m, seen);
		}
		for (int k = 0; k < 2; k++)
			if (!seen[k])
				mv_err(&v, "organizations", "missing organization '%s'", model_org_ids[k]);
	}
	model_check_unique_ids(&v, m);
out:
	json_decref(root);
	if (v.errors) {
		model_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ---- canonical JSON ---------------------------------------------------- */

static void put_key(struct buf *b, int level, const char *key, int first)
{
	if (!first)
		buf_addc(b, ',');
	json_write_indent(b, level);
	json_write_plain(b, key);
	buf_adds(b, ": ");
}

static void put_name(struct buf *b, int level, const struct model_name *n)
{
	put_key(b, level, "name", 0);
	buf_adds(b, "{\"en\": ");
	json_write_plain(b, n->en ? n->en : "");
	buf_adds(b, ", \"ko\": ");
	json_write_plain(b, n->ko ? n->ko : "");
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

/* A node of the model's tree (organization, category, criterion, measure)
 * at level lv: '{', its id and name, the caller's keys at lv + 1, then
 * put_close. */
static void put_open(struct buf *b, int lv, const char *id, const struct model_name *name)
{
	buf_addc(b, '{');
	put_key(b, lv + 1, "id", 1);
	json_write_plain(b, id);
	put_name(b, lv + 1, name);
}

static void put_close(struct buf *b, int lv)
{
	json_write_indent(b, lv);
	buf_addc(b, '}');
}

/* The key of a node at lv whose value is the array of its n children
 * (items, each size bytes), one a line at lv + 2, each written by put. */
static void put_children(struct buf *b, int lv, const char *key, const void *items, size_t n,
			 size_t size, void (*put)(struct buf *, int, const void *))
{
	put_key(b, lv + 1, key, 0);
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		json_write_indent(b, lv + 2);
		put(b, lv + 2, (const char *)items + i * size);
	}
	json_write_indent(b, lv + 1);
	buf_addc(b, ']');
}

static void put_measure(struct buf *b, int lv, const void *node)
{
	const struct model_measure *ms = node;

	put_open(b, lv, ms->id, &ms->name);
	put_key(b, lv + 1, "scoring", 0);
	put_scoring(b, &ms->scoring);
	put_close(b, lv);
}

static void put_criterion(struct buf *b, int lv, const void *node)
{
	const struct model_criterion *c = node;

	put_open(b, lv, c->id, &c->name);
	put_key(b, lv + 1, "weight", 0);
	numfmt_double(b, c->weight);
	put_children(b, lv, "measures", c->measures, c->n_measures, sizeof *c->measures,
		     put_measure);
	put_close(b, lv);
}

static void put_category(struct buf *b, int lv, const void *node)
{
	const struct model_category *cat = node;

	put_open(b, lv, cat->id, &cat->name);
	put_key(b, lv + 1, "weight", 0);
	numfmt_double(b, cat->weight);
	put_children(b, lv, "criteria", cat->criteria, cat->n_criteria, sizeof *cat->criteria,
		     put_criterion);
	put_close(b, lv);
}

static void put_org(struct buf *b, int lv, const void *node)
{
	const struct model_org *org = node;

	put_open(b, lv, org->id, &org->name);
	put_children(b, lv, "categories", org->categories, org->n_categories,
		     sizeof *org->categories, put_category);
	put_close(b, lv);
}

static void put_named_numbers(struct buf *b, const char *key, const char *const *names,
			      const double *vals, size_t n)
{
	put_key(b, 1, key, 0);
	buf_addc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(b, ", ");
		json_write_plain(b, names[i]);
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
	json_write_plain(&b, m->name);
	if (m->description) {
		put_key(&b, 1, "description", 0);
		json_write_plain(&b, m->description);
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
	json_write_plain(&b, m->rollup_weighting == ROLLUP_EQUAL ? "equal" : "value");
	put_named_numbers(&b, "required_margin", model_risk_names, m->required_margin, 3);
	put_named_numbers(&b, "reference_weights", model_reference_names, m->reference_weight, 4);
	put_key(&b, 1, "alerts", 0);
	buf_addf(&b, "{\"readiness_days_before_go_live\": %d, \"renewal_days\": %d,"
		 " \"sla_missed_months\": %d}", m->alerts.readiness_days_before_go_live,
		 m->alerts.renewal_days, m->alerts.sla_missed_months);
	put_key(&b, 1, "grades", 0);
	buf_addc(&b, '[');
	for (size_t i = 0; i < m->n_grades; i++) {
		buf_adds(&b, i ? ", {\"grade\": " : "{\"grade\": ");
		json_write_plain(&b, m->grades[i].grade);
		buf_adds(&b, ", \"min\": ");
		numfmt_double(&b, m->grades[i].min);
		buf_addc(&b, '}');
	}
	buf_addc(&b, ']');
	put_children(&b, 0, "organizations", m->orgs, 2, sizeof m->orgs[0], put_org);
	put_close(&b, 0);
	buf_addc(&b, '\n');
	return buf_detach(&b, NULL);
}
