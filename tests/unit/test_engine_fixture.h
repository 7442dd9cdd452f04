/* SPDX-License-Identifier: MIT */
/* Builders for small hand-made struct datasets and helpers to score them
 * and look at the CSV, shared by the tests/unit/test_engine*.c files (each
 * includes it once). Everything built here is released by fx_free(). */
#ifndef TEST_ENGINE_FIXTURE_H
#define TEST_ENGINE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/scoring.h"
#include "base/buf.h"
#include "domain/dataset.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"
#include "report/scores_csv.h"

#define GROW(arr, n) ((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), &(arr)[(n)++])

static __attribute__((unused)) day_t D(const char *s)
{
	day_t d;
	if (date_parse(s, strlen(s), &d))
		fail_msg("bad date %s", s);
	return d;
}

static __attribute__((unused)) month_t MON(const char *s)
{
	month_t m;
	if (month_parse(s, strlen(s), &m))
		fail_msg("bad month %s", s);
	return m;
}

static __attribute__((unused)) micro_t M(const char *s)
{
	micro_t v;
	if (decimal_parse(s, strlen(s), &v))
		fail_msg("bad decimal %s", s);
	return v;
}

static struct dataset *fx_new(void)
{
	return xcalloc(1, sizeof(struct dataset));
}

static __attribute__((unused)) void fx_free(struct dataset *ds)
{
	dataset_free(ds);
	free(ds);
}

static __attribute__((unused)) int fx_unit(struct dataset *ds, const char *id, enum org_kind kind, int parent)
{
	struct org_unit *u = GROW(ds->units, ds->n_units);
	u->id = xstrdup(id);
	u->name = xstrdup(id);
	u->kind = kind;
	u->parent = parent;
	return (int)ds->n_units - 1;
}

static __attribute__((unused)) int fx_person(struct dataset *ds, const char *id, int unit)
{
	struct person *p = GROW(ds->people, ds->n_people);
	p->id = xstrdup(id);
	p->name = xstrdup(id);
	p->email = xstrdup("");
	p->org_unit = unit;
	return (int)ds->n_people - 1;
}

static __attribute__((unused)) int fx_client(struct dataset *ds, const char *id)
{
	struct client *c = GROW(ds->clients, ds->n_clients);
	c->id = xstrdup(id);
	c->name = xstrdup(id);
	c->industry = xstrdup("");
	c->referred_by = NO_INDEX;
	return (int)ds->n_clients - 1;
}

/* A contract live from go_live (signed the same day), annual_value 1000,
 * everything else empty. */
static __attribute__((unused)) int fx_contract(struct dataset *ds, const char *id, int client,
		       const char *service_line, const char *go_live)
{
	struct contract *k = GROW(ds->contracts, ds->n_contracts);
	memset(k, 0, sizeof *k);
	k->id = xstrdup(id);
	k->client = client;
	k->service_line = xstrdup(service_line);
	k->go_live_on = go_live ? D(go_live) : DAY_NONE;
	k->signed_on = k->go_live_on;
	k->ramp_started_on = k->staffed_on = k->end_on = DAY_NONE;
	k->annual_value = M("1000");
	k->risk_tier = RISK_NONE;
	k->sales_owner = k->ops_owner = NO_INDEX;
	k->planned_ramp_days = k->planned_stabilization_months = INT_NONE;
	k->parent_contract = k->renews_contract = NO_INDEX;
	return (int)ds->n_contracts - 1;
}

static __attribute__((unused)) int fx_metric(struct dataset *ds, int contract, const char *metric,
		     enum direction dir, const char *target, const char *initial)
{
	struct sla_metric *m = GROW(ds->sla_metrics, ds->n_sla_metrics);
	m->contract = contract;
	m->metric = xstrdup(metric);
	m->name = xstrdup(metric);
	m->unit = xstrdup("");
	m->direction = dir;
	m->target = M(target);
	m->initial_target = initial ? M(initial) : MICRO_NONE;
	return (int)ds->n_sla_metrics - 1;
}

/* One metric-month: Σnumerator and Σdenominator as decimal text. */
static __attribute__((unused)) void fx_month(struct dataset *ds, int metric, const char *month,
		     const char *num, const char *den)
{
	struct metric_month *mm = GROW(ds->metric_months, ds->n_metric_months);
	mm->sla_metric = metric;
	mm->month = MON(month);
	mm->sum_numerator = M(num);
	mm->sum_denominator = M(den);
	mm->rows = 1;
}

static __attribute__((unused)) void fx_readiness(struct dataset *ds, int c, const char *item, int required,
			 const char *done_on)
{
	struct readiness_item *r = GROW(ds->readiness, ds->n_readiness);
	r->contract = c;
	r->item = xstrdup(item);
	r->category = RC_INFRA;
	r->required = required;
	r->done_on = done_on ? D(done_on) : DAY_NONE;
}

static __attribute__((unused)) void fx_rating(struct dataset *ds, int c, const char *on, int concreteness,
		      int feasibility)
{
	struct manual_rating *r = GROW(ds->manual_ratings, ds->n_manual_ratings);
	r->contract = c;
	r->rated_on = D(on);
	r->rated_by = 0;
	r->concreteness = concreteness;
	r->feasibility = feasibility;
}

static __attribute__((unused)) void fx_handover(struct dataset *ds, int c, const char *item, const char *accepted_on)
{
	struct handover_item *h = GROW(ds->handover, ds->n_handover);
	h->contract = c;
	h->item = xstrdup(item);
	h->accepted_on = accepted_on ? D(accepted_on) : DAY_NONE;
}

static __attribute__((unused)) void fx_scope(struct dataset *ds, int c, const char *date)
{
	struct scope_change *s = GROW(ds->scope_changes, ds->n_scope_changes);
	s->contract = c;
	s->date = D(date);
	s->kind = SCOPE_DISPUTE;
	s->note = xstrdup("");
}

static __attribute__((unused)) void fx_financial(struct dataset *ds, int c, const char *month, const char *revenue,
			 const char *cost)
{
	struct financial *f = GROW(ds->financials, ds->n_financials);
	f->contract = c;
	f->month = MON(month);
	f->revenue = M(revenue);
	f->cost = M(cost);
}

static __attribute__((unused)) void fx_expansion(struct dataset *ds, int c, const char *date, const char *added)
{
	struct expansion *e = GROW(ds->expansions, ds->n_expansions);
	e->contract = c;
	e->date = D(date);
	e->kind = EXP_SCOPE;
	e->added_annual_value = added ? M(added) : MICRO_NONE;
}

static __attribute__((unused)) void fx_renewal(struct dataset *ds, int c, const char *due, enum renewal_outcome o,
		       const char *new_value)
{
	struct renewal *r = GROW(ds->renewals, ds->n_renewals);
	r->contract = c;
	r->due_on = D(due);
	r->outcome = o;
	r->new_annual_value = new_value ? M(new_value) : MICRO_NONE;
}

static __attribute__((unused)) void fx_proposal(struct dataset *ds, const char *id, int client, int credited,
			enum proposal_origin origin, const char *on, enum proposal_status st)
{
	struct proposal *p = GROW(ds->proposals, ds->n_proposals);
	memset(p, 0, sizeof *p);
	p->id = xstrdup(id);
	p->client = client;
	p->credited_contract = credited;
	p->origin = origin;
	p->title = xstrdup(id);
	p->service_line = xstrdup("");
	p->proposed_on = D(on);
	p->annual_value = MICRO_NONE;
	p->status = st;
}

static __attribute__((unused)) void fx_relationship(struct dataset *ds, int client, const char *date, int level)
{
	struct relationship_rating *r = GROW(ds->relationship_ratings, ds->n_relationship_ratings);
	r->client = client;
	r->date = D(date);
	r->level = level;
	r->rated_by = 0;
}

static __attribute__((unused)) void fx_reference(struct dataset *ds, int client, int credited, const char *date,
			 enum reference_kind kind)
{
	struct reference *r = GROW(ds->references, ds->n_references);
	r->client = client;
	r->credited_contract = credited;
	r->date = D(date);
	r->kind = kind;
	r->referred_client = NO_INDEX;
}

static __attribute__((unused)) void fx_innovation(struct dataset *ds, int c, const char *date,
			  enum innovation_kind kind, enum innovation_status status,
			  const char *savings)
{
	struct innovation *in = GROW(ds->innovations, ds->n_innovations);
	in->contract = c;
	in->date = D(date);
	in->kind = kind;
	in->title = xstrdup("i");
	in->status = status;
	in->annual_savings = savings ? M(savings) : MICRO_NONE;
	in->hours_saved = MICRO_NONE;
}

/* ---- scoring and looking at the result --------------------------------- */

static struct model *fx_default_model(void)
{
	struct buf err = BUF_INIT;
	struct model *m = NULL;
	if (app_model_default(&m, &err))
		fail_msg("default model: %s", err.data);
	buf_release(&err);
	return m;
}

/* Scores ds for year under m (the default model when NULL) and returns the
 * CSV (the caller frees it). */
static __attribute__((unused)) char *fx_csv(const struct model *m, const struct dataset *ds, int year)
{
	struct buf err = BUF_INIT, out = BUF_INIT;
	struct model *own = NULL;
	struct scores *s = NULL;
	if (!m)
		m = own = fx_default_model();
	if (score_run(m, ds, year, &s, &err))
		fail_msg("score_run: %s", err.data);
	report_scores_csv(s, &out);
	scores_free(s);
	model_free(own);
	buf_release(&err);
	return buf_detach(&out, NULL);
}

/* Scores ds for year twice under the default model: the same CSV bytes. */
static __attribute__((unused)) void fx_assert_deterministic(const struct dataset *ds, int year)
{
	char *a = fx_csv(NULL, ds, year);
	char *b = fx_csv(NULL, ds, year);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* The default model's JSON with the first occurrence of from replaced by
 * to (the caller frees it). */
static __attribute__((unused)) char *fx_default_json_with(const char *from, const char *to)
{
	struct model *m = fx_default_model();
	char *json = model_to_json(m);
	char *at = strstr(json, from);
	struct buf b = BUF_INIT;
	assert_non_null(at);
	buf_add(&b, json, (size_t)(at - json));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	free(json);
	model_free(m);
	return buf_detach(&b, NULL);
}

/* Asserts that the CSV holds exactly this line. */
#define assert_row(csv, line) fx_assert_row((csv), (line), __FILE__, __LINE__)
static __attribute__((unused)) void fx_assert_row(const char *csv, const char *line, const char *file, int ln)
{
	size_t n = strlen(line);
	for (const char *p = csv; *p; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !memcmp(p, line, n))
			return;
		p += len + (e != NULL);
	}
	fprintf(stderr, "%s:%d: missing row\n  %s\nin:\n%s", file, ln, line, csv);
	fail();
}

/* Asserts that no line of the CSV starts with prefix. */
#define assert_no_row(csv, prefix) fx_assert_no_row((csv), (prefix), __FILE__, __LINE__)
static __attribute__((unused)) void fx_assert_no_row(const char *csv, const char *prefix, const char *file, int ln)
{
	size_t n = strlen(prefix);
	for (const char *p = csv; *p; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len >= n && !memcmp(p, prefix, n)) {
			fprintf(stderr, "%s:%d: unexpected row starting %s\n", file, ln, prefix);
			fail();
		}
		p += len + (e != NULL);
	}
}

#endif
