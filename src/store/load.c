/* SPDX-License-Identifier: MIT */
/* The loader of load.h: one ordered query per record kind; references are
 * resolved by binary search over the already-loaded, id-sorted arrays. */
#include "store/load.h"

#include "domain/schema.h"
#include "store/blocks.h"

#include <assert.h>
#include <stddef.h>
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

/* The arrays a reference can name, by the table schema.c says it names. */
static const struct {
	const char *table;
	size_t array, count, size;
} targets[] = {
#define TARGET(table, arr) { table, offsetof(struct dataset, arr), offsetof(struct dataset, n_##arr), \
			     sizeof(*((struct dataset *)0)->arr) }
	TARGET("clients", clients), TARGET("contracts", contracts), TARGET("org_units", units),
	TARGET("people", people), TARGET("proposals", proposals),
#undef TARGET
};

/* The index of the record column col of the row names, in the array of
 * its table (loaded before), or NO_INDEX. */
static int ref(struct loader *l, int col, const char *table)
{
	const char *id = stmt_is_null(l->st, col) ? NULL : stmt_text(l->st, col, NULL);
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (!strcmp(targets[i].table, table))
			return find_id(*(void *const *)((const char *)l->ds + targets[i].array),
				       *(const size_t *)((const char *)l->ds + targets[i].count),
				       targets[i].size, id);
	return NO_INDEX;
}

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

/* --- the kinds read as schema.c describes them ---------------------------- */

/* A record kind whose columns are read one to one into its struct: each
 * column's schema type (domain/schema.h) says how, a reference becomes
 * the index of the record it names. */
struct member {
	const char *column;
	size_t offset;
};
struct kind {
	const char *table, *order_by;
	size_t array, count, size;
	struct member members[16];
};
#define KIND(table, arr, order_by) table, order_by, offsetof(struct dataset, arr), \
	offsetof(struct dataset, n_##arr), sizeof(*((struct dataset *)0)->arr)
#define M(type, member, column) { column, offsetof(type, member) }

/* Before the SLA terms and the measurements, in dependency order. */
static const struct kind first_kinds[] = {
	{ KIND("org_units", units, "id"), {
		M(struct org_unit, id, "id"), M(struct org_unit, name, "name"),
		M(struct org_unit, kind, "kind"), M(struct org_unit, parent, "parent_id") } },
	{ KIND("people", people, "id"), {
		M(struct person, id, "id"), M(struct person, name, "name"),
		M(struct person, email, "email"), M(struct person, org_unit, "org_unit_id") } },
	{ KIND("clients", clients, "id"), {
		M(struct client, id, "id"), M(struct client, name, "name"),
		M(struct client, industry, "industry"), M(struct client, referred_by, "referred_by") } },
	{ KIND("contracts", contracts, "id"), {
		M(struct contract, id, "id"), M(struct contract, client, "client_id"),
		M(struct contract, service_line, "service_line"),
		M(struct contract, signed_on, "signed_on"),
		M(struct contract, ramp_started_on, "ramp_started_on"),
		M(struct contract, staffed_on, "staffed_on"),
		M(struct contract, go_live_on, "go_live_on"), M(struct contract, end_on, "end_on"),
		M(struct contract, annual_value, "annual_value"),
		M(struct contract, risk_tier, "risk_tier"),
		M(struct contract, sales_owner, "sales_owner"),
		M(struct contract, ops_owner, "ops_owner"),
		M(struct contract, planned_ramp_days, "planned_ramp_days"),
		M(struct contract, planned_stabilization_months, "planned_stabilization_months"),
		M(struct contract, parent_contract, "parent_contract_id"),
		M(struct contract, renews_contract, "renews_contract_id") } },
	/* in the store's order: sorted by contract index and metric below */
	{ KIND("sla_metrics", sla_metrics, NULL), {
		M(struct sla_metric, contract, "contract_id"), M(struct sla_metric, metric, "metric"),
		M(struct sla_metric, name, "name"), M(struct sla_metric, direction, "direction"),
		M(struct sla_metric, target, "target"),
		M(struct sla_metric, initial_target, "initial_target"),
		M(struct sla_metric, unit, "unit") } },
};

/* After the contracts and their measurements, in dependency order. */
static const struct kind kinds[] = {
	{ KIND("readiness", readiness, "contract_id, item"), {
		M(struct readiness_item, contract, "contract_id"), M(struct readiness_item, item, "item"),
		M(struct readiness_item, category, "category"),
		M(struct readiness_item, required, "required"),
		M(struct readiness_item, done_on, "done_on") } },
	{ KIND("manual_ratings", manual_ratings, "contract_id, rated_on, rated_by"), {
		M(struct manual_rating, contract, "contract_id"),
		M(struct manual_rating, rated_on, "rated_on"),
		M(struct manual_rating, rated_by, "rated_by"),
		M(struct manual_rating, concreteness, "concreteness"),
		M(struct manual_rating, feasibility, "feasibility") } },
	{ KIND("handover", handover, "contract_id, item"), {
		M(struct handover_item, contract, "contract_id"), M(struct handover_item, item, "item"),
		M(struct handover_item, accepted_on, "accepted_on") } },
	{ KIND("scope_changes", scope_changes, "contract_id, date, kind"), {
		M(struct scope_change, contract, "contract_id"), M(struct scope_change, date, "date"),
		M(struct scope_change, kind, "kind"), M(struct scope_change, note, "note") } },
	{ KIND("financials", financials, "contract_id, month"), {
		M(struct financial, contract, "contract_id"), M(struct financial, month, "month"),
		M(struct financial, revenue, "revenue"), M(struct financial, cost, "cost") } },
	{ KIND("expansions", expansions, "contract_id, date, kind"), {
		M(struct expansion, contract, "contract_id"), M(struct expansion, date, "date"),
		M(struct expansion, kind, "kind"),
		M(struct expansion, added_annual_value, "added_annual_value") } },
	{ KIND("renewals", renewals, "contract_id, due_on"), {
		M(struct renewal, contract, "contract_id"), M(struct renewal, due_on, "due_on"),
		M(struct renewal, outcome, "outcome"),
		M(struct renewal, new_annual_value, "new_annual_value") } },
	{ KIND("proposals", proposals, "id"), {
		M(struct proposal, id, "id"), M(struct proposal, client, "client_id"),
		M(struct proposal, credited_contract, "credited_contract_id"),
		M(struct proposal, origin, "origin"), M(struct proposal, title, "title"),
		M(struct proposal, service_line, "service_line"),
		M(struct proposal, proposed_on, "proposed_on"),
		M(struct proposal, annual_value, "annual_value"), M(struct proposal, status, "status") } },
	{ KIND("feasibility_reviews", feasibility_reviews, "proposal_id, reviewed_on"), {
		M(struct feasibility_review, proposal, "proposal_id"),
		M(struct feasibility_review, reviewed_on, "reviewed_on"),
		M(struct feasibility_review, reviewer, "reviewer"),
		M(struct feasibility_review, verdict, "verdict"),
		M(struct feasibility_review, predicted_attainment, "predicted_attainment"),
		M(struct feasibility_review, risk_tier, "risk_tier"),
		M(struct feasibility_review, required_ramp_days, "required_ramp_days"),
		M(struct feasibility_review, conditions, "conditions") } },
	{ KIND("relationship_ratings", relationship_ratings, "client_id, date, rated_by"), {
		M(struct relationship_rating, client, "client_id"),
		M(struct relationship_rating, date, "date"), M(struct relationship_rating, level, "level"),
		M(struct relationship_rating, rated_by, "rated_by") } },
	{ KIND("references", references, "client_id, date, kind"), {
		M(struct reference, client, "client_id"),
		M(struct reference, credited_contract, "credited_contract_id"),
		M(struct reference, date, "date"), M(struct reference, kind, "kind"),
		M(struct reference, referred_client, "referred_client_id") } },
	{ KIND("innovations", innovations, "contract_id, date, kind, title"), {
		M(struct innovation, contract, "contract_id"), M(struct innovation, date, "date"),
		M(struct innovation, kind, "kind"), M(struct innovation, title, "title"),
		M(struct innovation, status, "status"),
		M(struct innovation, annual_savings, "annual_savings"),
		M(struct innovation, hours_saved, "hours_saved") } },
};
#undef M
#undef KIND

/* Column col of the row into the member at to, as column c of t says. */
static void read_member(struct loader *l, const struct column *c, int col, void *to)
{
	size_t len;
	const char *v;
	if (c->ref_table) {
		*(int *)to = ref(l, col, c->ref_table);
		return;
	}
	switch (c->type) {
	case COL_TEXT:
	case COL_ID:
		*(char **)to = text(l, col);
		break;
	case COL_DATE:
		*(day_t *)to = day(l, col);
		break;
	case COL_MONTH:
		v = stmt_is_null(l->st, col) ? NULL : stmt_text(l->st, col, &len);
		if (!v || month_parse(v, len, (month_t *)to))
			*(month_t *)to = MONTH_NONE;
		break;
	case COL_DECIMAL:
	case COL_MONEY:
		*(micro_t *)to = micro(l, col);
		break;
	case COL_COUNT:
	case COL_RATING:
		*(int32_t *)to = whole(l, col);
		break;
	case COL_FLAG:
		*(int *)to = (int)stmt_int64(l->st, col);
		break;
	case COL_ENUM:
		v = stmt_is_null(l->st, col) ? NULL : stmt_text(l->st, col, &len);
		*(int *)to = v ? schema_enum_index(c, v, len) : -1;
		break;
	}
}

/* Every record of kind k, in its key order, appended to its array. A
 * reference to the kind itself (a unit's parent, a renewed contract) is
 * resolved once all of them are in. */
static int load_kind(struct loader *l, const struct kind *k)
{
	enum { MAX = sizeof k->members / sizeof k->members[0] };
	const struct table *t = schema_find(k->table);
	const struct column *cols[MAX];
	struct buf sql = BUF_INIT;
	void **arr = (void **)((char *)l->ds + k->array);
	size_t *n = (size_t *)((char *)l->ds + k->count), cap = 0, m = 0, n_self = 0;
	size_t self_cap = 0, first = *n;
	int self[MAX], rc;
	char **self_ids = NULL;

	assert(t);
	buf_adds(&sql, "SELECT ");
	for (; m < MAX && k->members[m].column; m++) {
		int c = schema_column(t, k->members[m].column);
		assert(c >= 0);
		cols[m] = &t->columns[c];
		if (cols[m]->ref_table && !strcmp(cols[m]->ref_table, k->table))
			self[n_self++] = (int)m;
		buf_addf(&sql, "%s%s", m ? ", " : "", k->members[m].column);
	}
	buf_addf(&sql, " FROM %s", t->sql_name);
	if (k->order_by)
		buf_addf(&sql, " ORDER BY %s", k->order_by);
	rc = query(l, sql.data);
	buf_release(&sql);
	if (rc)
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		char *e = push(arr, n, &cap, k->size);
		for (size_t i = 0, s = 0; i < m; i++) {
			if (s < n_self && self[s] == (int)i) {
				ALLOC_GROW(self_ids, (*n - first) * n_self, self_cap);
				self_ids[(*n - first - 1) * n_self + s++] = text(l, (int)i);
				continue;
			}
			read_member(l, cols[i], (int)i, e + k->members[i].offset);
		}
	}
	for (size_t r = 0; r < *n - first; r++) {
		char *e = (char *)*arr + (first + r) * k->size;
		for (size_t s = 0; s < n_self; s++) {
			char *id = self_ids[r * n_self + s];
			*(int *)(e + k->members[self[s]].offset) = find_id(*arr, *n, k->size, id);
			xfree(id);
		}
	}
	xfree(self_ids);
	if (rc == STORE_ERROR) {
		buf_addf(l->err, "%s", stmt_error(l->st));
		return -1;
	}
	return 0;
}

static int load_all(struct loader *l, day_t last_day, day_window_fn window)
{
	struct dataset *ds = l->ds;
	size_t cap_sla_terms = 0, cap_metric_months = 0;
	int rc;

	for (size_t i = 0; i < sizeof first_kinds / sizeof first_kinds[0]; i++)
		if (load_kind(l, &first_kinds[i]))
			return -1;
	xqsort(ds->sla_metrics, ds->n_sla_metrics, sizeof *ds->sla_metrics, cmp_metric);

	if (query(l, "SELECT contract_id, metric, minimum, expected, at_risk_pct, allocation_pct,"
		  " credit_rule, earn_back_months, burn_in_months FROM sla_terms"))
		return -1;
	while ((rc = stmt_step(l->st)) == STORE_ROW) {
		int contract_index = ref(l, 0, "contracts");
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

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (load_kind(l, &kinds[i]))
			return -1;
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
