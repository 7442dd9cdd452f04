/* SPDX-License-Identifier: MIT */
/* The loader of load.h: one ordered query per record kind; references are
 * resolved by binary search over the already-loaded, id-sorted arrays. */
#include "store/load.h"

#include "domain/schema.h"
#include "store/blocks.h"

#include <stdlib.h>
#include <string.h>

struct loader {
	struct store *s;
	struct dataset *ds;
	struct buf *err;
	struct stmt *st;
};

static int query(struct loader *l, const char *sql)
{
	stmt_finalize(l->st);
	l->st = NULL;
	return store_prepare(l->s, sql, &l->st, l->err);
}

static char *text(struct loader *l, int col)
{
	return stmt_is_null(l->st, col) ? NULL : xstrdup(stmt_text(l->st, col, NULL));
}

static day_t day(struct loader *l, int col)
{
	day_t d;
	size_t len;
	const char *t;
	if (stmt_is_null(l->st, col))
		return DAY_NONE;
	t = stmt_text(l->st, col, &len);
	return date_parse(t, len, &d) ? DAY_NONE : d;
}

static micro_t micro(struct loader *l, int col)
{
	return stmt_is_null(l->st, col) ? MICRO_NONE : stmt_int64(l->st, col);
}

static int32_t whole(struct loader *l, int col)
{
	return stmt_is_null(l->st, col) ? INT_NONE : (int32_t)stmt_int64(l->st, col);
}

static int enum_of(struct loader *l, const char *table, const char *column, int col)
{
	const struct table *t = schema_find(table);
	size_t len;
	const char *v;
	if (stmt_is_null(l->st, col))
		return -1;
	v = stmt_text(l->st, col, &len);
	return schema_enum_index(&t->columns[schema_column(t, column)], v, len);
}

/* Index lookups over id-sorted arrays: each struct starts with char *id. */
static int find_id(const void *base, size_t n, size_t size, const char *id)
{
	size_t lo = 0, hi = n;
	if (!id)
		return NO_INDEX;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *mid_id = *(char *const *)((const char *)base + mid * size);
		int c = strcmp(mid_id, id);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_INDEX;
}

#define FIND(arr, id) find_id(l->ds->arr, l->ds->n_##arr, sizeof(*l->ds->arr), (id))

static int ref(struct loader *l, int col, int which)
{
	const char *id = stmt_is_null(l->st, col) ? NULL : stmt_text(l->st, col, NULL);
	switch (which) {
	case 0: return FIND(units, id);
	case 1: return FIND(people, id);
	case 2: return FIND(clients, id);
	case 3: return FIND(contracts, id);
	default: return FIND(proposals, id);
	}
}
enum { R_UNIT, R_PERSON, R_CLIENT, R_CONTRACT, R_PROPOSAL };

/* Appends a zeroed element to a growable array and returns it. */
static void *push(void **arr, size_t *n, size_t *cap, size_t size)
{
	if (*n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*arr = xrealloc(*arr, *cap * size);
	}
	void *e = (char *)*arr + *n * size;
	memset(e, 0, size);
	(*n)++;
	return e;
}

#define PUSH(arr) push((void **)&l->ds->arr, &l->ds->n_##arr, &cap_##arr, sizeof *l->ds->arr)

static int find_metric(struct dataset *ds, int contract, const char *metric)
{
	size_t lo = 0, hi = ds->n_sla_metrics;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct sla_metric *m = &ds->sla_metrics[mid];
		int c = m->contract != contract ? (m->contract < contract ? -1 : 1) : strcmp(m->metric, metric);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_INDEX;
}

static int cmp_metric(const void *a, const void *b)
{
	const struct sla_metric *x = a, *y = b;
	if (x->contract != y->contract)
		return x->contract < y->contract ? -1 : 1;
	return strcmp(x->metric, y->metric);
}

static int cmp_term(const void *a, const void *b)
{
	const struct sla_term *x = a, *y = b;
	return x->sla_metric < y->sla_metric ? -1 : x->sla_metric > y->sla_metric;
}

static int cmp_metric_month(const void *a, const void *b)
{
	const struct metric_month *x = a, *y = b;
	if (x->sla_metric != y->sla_metric)
		return x->sla_metric < y->sla_metric ? -1 : 1;
	return x->month < y->month ? -1 : x->month > y->month;
}

static int load_all(struct loader *l, day_t last_day, day_window_fn window)
{
	struct dataset *ds = l->ds;
	size_t cap_units = 0, cap_people = 0, cap_clients = 0, cap_contracts = 0,
	       cap_sla_metrics = 0, cap_sla_terms = 0, cap_metric_months = 0, cap_readiness = 0,
	       cap_manual_ratings = 0, cap_handover = 0, cap_scope_changes = 0,
	       cap_financials = 0, cap_expansions = 0, cap_renewals = 0, cap_proposals = 0,
	       cap_feasibility_reviews = 0, cap_relationship_ratings = 0, cap_references = 0,
	       cap_innovations = 0;
	char **parents = NULL;
	int rc;

	/* Units first, parents resolved after all are in. */
	if (query(l, "SELECT id, name, kind, parent_id FROM org_units ORDER BY id"))
		return -1;
	size_t cap_parents = 0;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct org_unit *u = PUSH(units);
		u->id = text(l, 0);
		u->name = text(l, 1);
		u->kind = (enum org_kind)enum_of(l, "org_units", "kind", 2);
		ALLOC_GROW(parents, ds->n_units, cap_parents);
		parents[ds->n_units - 1] = text(l, 3);
	}
	for (size_t i = 0; i < ds->n_units; i++) {
		ds->units[i].parent = FIND(units, parents[i]);
		xfree(parents[i]);
	}
	xfree(parents);
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT id, name, email, org_unit_id FROM people ORDER BY id"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct person *p = PUSH(people);
		p->id = text(l, 0);
		p->name = text(l, 1);
		p->email = text(l, 2);
		p->org_unit = ref(l, 3, R_UNIT);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT id, name, industry, referred_by FROM clients ORDER BY id"))
		return -1;
	char **referrers = NULL;
	size_t cap_referrers = 0;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct client *c = PUSH(clients);
		c->id = text(l, 0);
		c->name = text(l, 1);
		c->industry = text(l, 2);
		ALLOC_GROW(referrers, ds->n_clients, cap_referrers);
		referrers[ds->n_clients - 1] = text(l, 3);
	}
	for (size_t i = 0; i < ds->n_clients; i++) {
		ds->clients[i].referred_by = FIND(clients, referrers[i]);
		xfree(referrers[i]);
	}
	xfree(referrers);
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT id, client_id, service_line, signed_on, ramp_started_on, staffed_on,"
		  " go_live_on, end_on, annual_value, risk_tier, sales_owner, ops_owner,"
		  " planned_ramp_days, planned_stabilization_months, parent_contract_id,"
		  " renews_contract_id FROM contracts ORDER BY id"))
		return -1;
	char **links = NULL;
	size_t cap_links = 0;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct contract *c = PUSH(contracts);
		c->id = text(l, 0);
		c->client = ref(l, 1, R_CLIENT);
		c->service_line = text(l, 2);
		c->signed_on = day(l, 3);
		c->ramp_started_on = day(l, 4);
		c->staffed_on = day(l, 5);
		c->go_live_on = day(l, 6);
		c->end_on = day(l, 7);
		c->annual_value = micro(l, 8);
		c->risk_tier = (enum risk_tier)enum_of(l, "contracts", "risk_tier", 9);
		c->sales_owner = ref(l, 10, R_PERSON);
		c->ops_owner = ref(l, 11, R_PERSON);
		c->planned_ramp_days = whole(l, 12);
		c->planned_stabilization_months = whole(l, 13);
		ALLOC_GROW(links, 2 * ds->n_contracts, cap_links);
		links[2 * ds->n_contracts - 2] = text(l, 14);
		links[2 * ds->n_contracts - 1] = text(l, 15);
	}
	for (size_t i = 0; i < ds->n_contracts; i++) {
		ds->contracts[i].parent_contract = FIND(contracts, links[2 * i]);
		ds->contracts[i].renews_contract = FIND(contracts, links[2 * i + 1]);
		xfree(links[2 * i]);
		xfree(links[2 * i + 1]);
	}
	xfree(links);
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, metric, name, direction, target, initial_target, unit"
		  " FROM sla_metrics"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct sla_metric *m = PUSH(sla_metrics);
		m->contract = ref(l, 0, R_CONTRACT);
		m->metric = text(l, 1);
		m->name = text(l, 2);
		m->direction = (enum direction)enum_of(l, "sla_metrics", "direction", 3);
		m->target = micro(l, 4);
		m->initial_target = micro(l, 5);
		m->unit = text(l, 6);
	}
	if (rc == STORE_ERROR)
		goto sql_error;
	xqsort(ds->sla_metrics, ds->n_sla_metrics, sizeof *ds->sla_metrics, cmp_metric);

	if (query(l, "SELECT contract_id, metric, minimum, expected, at_risk_pct, allocation_pct,"
		  " credit_rule, earn_back_months, burn_in_months FROM sla_terms"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		int contract_index = ref(l, 0, R_CONTRACT);
		int mi = contract_index == NO_INDEX ? NO_INDEX
			: find_metric(ds, contract_index, stmt_text(l->st, 1, NULL));
		if (mi == NO_INDEX)
			continue;
		struct sla_term *t = PUSH(sla_terms);
		t->sla_metric = mi;
		t->minimum = micro(l, 2);
		t->expected = micro(l, 3);
		t->at_risk_pct = micro(l, 4);
		t->allocation_pct = micro(l, 5);
		t->credit_rule = (enum credit_rule)enum_of(l, "sla_terms", "credit_rule", 6);
		t->earn_back_months = stmt_is_null(l->st, 7) ? 0 : whole(l, 7);
		t->burn_in_months = stmt_is_null(l->st, 8) ? 0 : whole(l, 8);
	}
	if (rc == STORE_ERROR)
		goto sql_error;
	xqsort(ds->sla_terms, ds->n_sla_terms, sizeof *ds->sla_terms, cmp_term);

	/* Monthly sums from the year rows (store/blocks.h) over the days the
	 * caller's window lets in (no years after last_day's are read). Sums
	 * of micro-units are exact. */
	if (query(l, "SELECT contract_id, metric, year, days FROM measurement_blocks WHERE year <= ?"
		  " ORDER BY contract_id, metric, year"))
		return -1;
	{
		int y = 9999, m, d;
		if (last_day != DAY_NONE)
			date_to_ymd(last_day, &y, &m, &d);
		stmt_bind_int64(l->st, 1, y);
	}
	int contract = NO_INDEX, metric = NO_INDEX;
	char *last_contract = NULL, *last_metric = NULL;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		const char *cid = stmt_text(l->st, 0, NULL), *mid = stmt_text(l->st, 1, NULL);
		int64_t year = stmt_int64(l->st, 2);
		struct year_reader yr;
		struct year_month ym;
		size_t len;
		const unsigned char *data = stmt_blob(l->st, 3, &len);
		if (year < 1 || year > 9999 || year_reader_init(&yr, data, len))
			continue;
		if (!last_contract || strcmp(last_contract, cid)) {
			xfree(last_contract);
			last_contract = xstrdup(cid);
			contract = FIND(contracts, cid);
			xfree(last_metric);
			last_metric = NULL;
		}
		if (!last_metric || strcmp(last_metric, mid)) {
			xfree(last_metric);
			last_metric = xstrdup(mid);
			metric = contract == NO_INDEX ? NO_INDEX : find_metric(ds, contract, mid);
		}
		if (metric == NO_INDEX)
			continue;
		day_t from, until;
		if (!window(&ds->contracts[contract], last_day, &from, &until))
			continue;
		while (year_reader_next(&yr, &ym) == 1) {
			month_t mo = month_of_ymd((int)year, ym.month);
			day_t first = date_from_ymd((int)year, ym.month, 1);
			day_t last = first + days_in_month((int)year, ym.month) - 1;
			micro_t num = 0, den = 0;
			int32_t rows = 0;
			if (last < from || first > until)
				continue;
			if (first >= from && last <= until) {
				/* A whole month counts: its sums are in the row's header. */
				rows = (int32_t)ym.days;
				num = ym.num;
				den = ym.den;
			} else {
				struct day_block b;
				if (block_decode(ym.block, ym.block_len, &b))
					continue;
				uint64_t sn = 0, sd = 0;
				for (int d = 0; d < 31; d++) {
					if (!(b.present & (1u << d)) || first + d < from || first + d > until)
						continue;
					sn += (uint64_t)b.num[d];
					sd += (uint64_t)b.den[d];
					rows++;
				}
				num = (micro_t)sn;
				den = (micro_t)sd;
			}
			if (!rows)
				continue;
			struct metric_month *mm = PUSH(metric_months);
			mm->sla_metric = metric;
			mm->month = mo;
			mm->sum_numerator = num;
			mm->sum_denominator = den;
			mm->rows = rows;
		}
	}
	xfree(last_contract);
	xfree(last_metric);
	if (rc == STORE_ERROR)
		goto sql_error;
	/* Year rows come in key order, which is already this order unless ids
	 * collate differently in the store: sort only when needed. */
	for (size_t i = 1; i < ds->n_metric_months; i++)
		if (cmp_metric_month(&ds->metric_months[i - 1], &ds->metric_months[i]) > 0) {
			xqsort(ds->metric_months, ds->n_metric_months, sizeof *ds->metric_months,
			       cmp_metric_month);
			break;
		}

	if (query(l, "SELECT contract_id, item, category, required, done_on FROM readiness"
		  " ORDER BY contract_id, item"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct readiness_item *r = PUSH(readiness);
		r->contract = ref(l, 0, R_CONTRACT);
		r->item = text(l, 1);
		r->category = (enum readiness_category)enum_of(l, "readiness", "category", 2);
		r->required = (int)stmt_int64(l->st, 3);
		r->done_on = day(l, 4);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, rated_on, rated_by, concreteness, feasibility"
		  " FROM manual_ratings ORDER BY contract_id, rated_on, rated_by"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct manual_rating *r = PUSH(manual_ratings);
		r->contract = ref(l, 0, R_CONTRACT);
		r->rated_on = day(l, 1);
		r->rated_by = ref(l, 2, R_PERSON);
		r->concreteness = whole(l, 3);
		r->feasibility = whole(l, 4);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, item, accepted_on FROM handover ORDER BY contract_id, item"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct handover_item *h = PUSH(handover);
		h->contract = ref(l, 0, R_CONTRACT);
		h->item = text(l, 1);
		h->accepted_on = day(l, 2);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, date, kind, note FROM scope_changes"
		  " ORDER BY contract_id, date, kind"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct scope_change *c = PUSH(scope_changes);
		c->contract = ref(l, 0, R_CONTRACT);
		c->date = day(l, 1);
		c->kind = (enum scope_kind)enum_of(l, "scope_changes", "kind", 2);
		c->note = text(l, 3);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, month, revenue, cost FROM financials ORDER BY contract_id, month"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct financial *f = PUSH(financials);
		size_t len;
		const char *t = stmt_text(l->st, 1, &len);
		f->contract = ref(l, 0, R_CONTRACT);
		if (month_parse(t, len, &f->month))
			f->month = MONTH_NONE;
		f->revenue = micro(l, 2);
		f->cost = micro(l, 3);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, date, kind, added_annual_value FROM expansions"
		  " ORDER BY contract_id, date, kind"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct expansion *e = PUSH(expansions);
		e->contract = ref(l, 0, R_CONTRACT);
		e->date = day(l, 1);
		e->kind = (enum expansion_kind)enum_of(l, "expansions", "kind", 2);
		e->added_annual_value = micro(l, 3);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, due_on, outcome, new_annual_value FROM renewals"
		  " ORDER BY contract_id, due_on"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct renewal *r = PUSH(renewals);
		r->contract = ref(l, 0, R_CONTRACT);
		r->due_on = day(l, 1);
		r->outcome = (enum renewal_outcome)enum_of(l, "renewals", "outcome", 2);
		r->new_annual_value = micro(l, 3);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT id, client_id, credited_contract_id, origin, title, service_line,"
		  " proposed_on, annual_value, status FROM proposals ORDER BY id"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct proposal *p = PUSH(proposals);
		p->id = text(l, 0);
		p->client = ref(l, 1, R_CLIENT);
		p->credited_contract = ref(l, 2, R_CONTRACT);
		p->origin = (enum proposal_origin)enum_of(l, "proposals", "origin", 3);
		p->title = text(l, 4);
		p->service_line = text(l, 5);
		p->proposed_on = day(l, 6);
		p->annual_value = micro(l, 7);
		p->status = (enum proposal_status)enum_of(l, "proposals", "status", 8);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT proposal_id, reviewed_on, reviewer, verdict, predicted_attainment,"
		  " risk_tier, required_ramp_days, conditions FROM feasibility_reviews"
		  " ORDER BY proposal_id, reviewed_on"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct feasibility_review *r = PUSH(feasibility_reviews);
		r->proposal = ref(l, 0, R_PROPOSAL);
		r->reviewed_on = day(l, 1);
		r->reviewer = ref(l, 2, R_PERSON);
		r->verdict = (enum verdict)enum_of(l, "feasibility_reviews", "verdict", 3);
		r->predicted_attainment = micro(l, 4);
		r->risk_tier = (enum risk_tier)enum_of(l, "feasibility_reviews", "risk_tier", 5);
		r->required_ramp_days = whole(l, 6);
		r->conditions = text(l, 7);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT client_id, date, level, rated_by FROM relationship_ratings"
		  " ORDER BY client_id, date, rated_by"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct relationship_rating *r = PUSH(relationship_ratings);
		r->client = ref(l, 0, R_CLIENT);
		r->date = day(l, 1);
		r->level = whole(l, 2);
		r->rated_by = ref(l, 3, R_PERSON);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT client_id, credited_contract_id, date, kind, referred_client_id"
		  " FROM client_references ORDER BY client_id, date, kind"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct reference *r = PUSH(references);
		r->client = ref(l, 0, R_CLIENT);
		r->credited_contract = ref(l, 1, R_CONTRACT);
		r->date = day(l, 2);
		r->kind = (enum reference_kind)enum_of(l, "references", "kind", 3);
		r->referred_client = ref(l, 4, R_CLIENT);
	}
	if (rc == STORE_ERROR)
		goto sql_error;

	if (query(l, "SELECT contract_id, date, kind, title, status, annual_savings, hours_saved"
		  " FROM innovations ORDER BY contract_id, date, kind, title"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		struct innovation *n = PUSH(innovations);
		n->contract = ref(l, 0, R_CONTRACT);
		n->date = day(l, 1);
		n->kind = (enum innovation_kind)enum_of(l, "innovations", "kind", 2);
		n->title = text(l, 3);
		n->status = (enum innovation_status)enum_of(l, "innovations", "status", 4);
		n->annual_savings = micro(l, 5);
		n->hours_saved = micro(l, 6);
	}
	if (rc == STORE_ERROR)
		goto sql_error;
	return 0;

sql_error:
	buf_addf(l->err, "%s", stmt_error(l->st));
	return -1;
}

int store_load(struct store *s, day_t last_day, day_window_fn window, struct dataset *ds,
	       struct buf *err)
{
	struct loader l = { s, ds, err, NULL };
	int rc;
	memset(ds, 0, sizeof *ds);
	rc = load_all(&l, last_day, window);
	stmt_finalize(l.st);
	if (rc)
		dataset_free(ds);
	return rc;
}
