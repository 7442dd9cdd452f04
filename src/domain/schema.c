/* SPDX-License-Identifier: MIT */
/* The SPEC §4 interchange formats, declared once. Column order is the order
 * of SPEC §4's table, which is also the order exports write. */
#include "domain/schema.h"

#include <string.h>

static const char *const org_kinds[] = { "sales", "operations", "executive", NULL };
static const char *const risk_tiers[] = { "low", "medium", "high", NULL };
static const char *const directions[] = { "higher", "lower", NULL };
static const char *const readiness_categories[] = {
	"infra", "system", "staffing", "training", "manual", "other", NULL };
static const char *const credit_rules[] = { "full", "linear", NULL };
static const char *const scope_kinds[] = { "dispute", "out_of_scope", NULL };
static const char *const expansion_kinds[] = { "scope", "volume", "site", NULL };
static const char *const renewal_outcomes[] = { "renewed", "lost", "pending", NULL };
static const char *const origins[] = { "sales", "operations", NULL };
static const char *const proposal_statuses[] = { "draft", "review", "won", "lost", NULL };
static const char *const verdicts[] = { "feasible", "conditional", "infeasible", NULL };
static const char *const reference_kinds[] = {
	"case_study", "reference_call", "site_visit", "referral", NULL };
static const char *const innovation_kinds[] = {
	"process_improvement", "service_model", "automation", NULL };
static const char *const innovation_statuses[] = { "proposed", "deployed", NULL };

#define REQ COL_REQUIRED
#define KEY (COL_KEY | COL_REQUIRED)
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct column org_units[] = {
	{ "id", COL_ID, KEY },
	{ "name", COL_TEXT, REQ },
	{ "kind", COL_ENUM, REQ, org_kinds },
	{ "parent_id", COL_ID, 0, NULL, "org_units" },
};
static const struct column people[] = {
	{ "id", COL_ID, KEY },
	{ "name", COL_TEXT, REQ },
	{ "email", COL_TEXT, 0 },
	{ "org_unit_id", COL_ID, REQ, NULL, "org_units" },
};
static const struct column clients[] = {
	{ "id", COL_ID, KEY },
	{ "name", COL_TEXT, REQ },
	{ "industry", COL_TEXT, 0 },
	{ "referred_by", COL_ID, 0, NULL, "clients" },
};
static const struct column contracts[] = {
	{ "id", COL_ID, KEY },
	{ "client_id", COL_ID, REQ, NULL, "clients" },
	{ "service_line", COL_TEXT, 0 },
	{ "signed_on", COL_DATE, 0 },
	{ "ramp_started_on", COL_DATE, 0 },
	{ "staffed_on", COL_DATE, 0 },
	{ "go_live_on", COL_DATE, 0 },
	{ "end_on", COL_DATE, 0 },
	{ "annual_value", COL_MONEY, REQ },
	{ "risk_tier", COL_ENUM, 0, risk_tiers },
	{ "sales_owner", COL_ID, COL_PERSON, NULL, "people" },
	{ "ops_owner", COL_ID, COL_PERSON, NULL, "people" },
	{ "planned_ramp_days", COL_COUNT, 0 },
	{ "planned_stabilization_months", COL_COUNT, 0 },
	{ "parent_contract_id", COL_ID, 0, NULL, "contracts" },
	{ "renews_contract_id", COL_ID, 0, NULL, "contracts" },
};
static const struct column sla_metrics[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "metric", COL_ID, KEY },
	{ "name", COL_TEXT, 0 },
	{ "direction", COL_ENUM, REQ, directions },
	{ "target", COL_DECIMAL, REQ },
	{ "initial_target", COL_DECIMAL, 0 },
	{ "unit", COL_TEXT, 0 },
};
/* A contract's service-credit terms per metric (issue 20; the rules are in
 * engine/credits.h). at_risk_pct and burn_in_months belong to the
 * contract: the importer refuses rows of one contract that disagree. */
static const struct column sla_terms[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "metric", COL_ID, KEY, NULL, "sla_metrics" },
	{ "minimum", COL_DECIMAL, REQ },
	{ "expected", COL_DECIMAL, REQ },
	{ "at_risk_pct", COL_MONEY, REQ },
	{ "allocation_pct", COL_MONEY, REQ },
	{ "credit_rule", COL_ENUM, REQ, credit_rules },
	{ "earn_back_months", COL_COUNT, 0 },
	{ "burn_in_months", COL_COUNT, 0 },
};
static const struct column measurements[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "metric", COL_ID, KEY, NULL, "sla_metrics" },
	{ "date", COL_DATE, KEY },
	{ "numerator", COL_DECIMAL, REQ },
	{ "denominator", COL_MONEY, 0 },
};
static const struct column readiness[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "item", COL_TEXT, KEY },
	{ "category", COL_ENUM, REQ, readiness_categories },
	{ "required", COL_FLAG, REQ },
	{ "done_on", COL_DATE, 0 },
};
static const struct column manual_ratings[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "rated_on", COL_DATE, KEY },
	{ "rated_by", COL_ID, KEY | COL_PERSON, NULL, "people" },
	{ "concreteness", COL_RATING, REQ },
	{ "feasibility", COL_RATING, REQ },
};
static const struct column handover[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "item", COL_TEXT, KEY },
	{ "accepted_on", COL_DATE, 0 },
};
static const struct column scope_changes[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "date", COL_DATE, KEY },
	{ "kind", COL_ENUM, KEY, scope_kinds },
	{ "note", COL_TEXT, 0 },
};
static const struct column financials[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "month", COL_MONTH, KEY },
	{ "revenue", COL_MONEY, REQ },
	{ "cost", COL_MONEY, REQ },
};
static const struct column expansions[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "date", COL_DATE, KEY },
	{ "kind", COL_ENUM, KEY, expansion_kinds },
	{ "added_annual_value", COL_MONEY, 0 },
};
static const struct column renewals[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "due_on", COL_DATE, KEY },
	{ "outcome", COL_ENUM, REQ, renewal_outcomes },
	{ "new_annual_value", COL_MONEY, 0 },
};
static const struct column proposals[] = {
	{ "id", COL_ID, KEY },
	{ "client_id", COL_ID, REQ, NULL, "clients" },
	{ "credited_contract_id", COL_ID, 0, NULL, "contracts" },
	{ "origin", COL_ENUM, REQ, origins },
	{ "title", COL_TEXT, 0 },
	{ "service_line", COL_TEXT, 0 },
	{ "proposed_on", COL_DATE, 0 },
	{ "annual_value", COL_MONEY, 0 },
	{ "status", COL_ENUM, REQ, proposal_statuses },
};
static const struct column feasibility_reviews[] = {
	{ "proposal_id", COL_ID, KEY, NULL, "proposals" },
	{ "reviewed_on", COL_DATE, KEY },
	{ "reviewer", COL_ID, REQ | COL_PERSON, NULL, "people" },
	{ "verdict", COL_ENUM, REQ, verdicts },
	{ "predicted_attainment", COL_MONEY, 0 },
	{ "risk_tier", COL_ENUM, 0, risk_tiers },
	{ "required_ramp_days", COL_COUNT, 0 },
	{ "conditions", COL_TEXT, 0 },
};
static const struct column relationship_ratings[] = {
	{ "client_id", COL_ID, KEY, NULL, "clients" },
	{ "date", COL_DATE, KEY },
	{ "level", COL_RATING, REQ },
	{ "rated_by", COL_ID, KEY | COL_PERSON, NULL, "people" },
};
static const struct column references[] = {
	{ "client_id", COL_ID, KEY, NULL, "clients" },
	{ "credited_contract_id", COL_ID, 0, NULL, "contracts" },
	{ "date", COL_DATE, KEY },
	{ "kind", COL_ENUM, KEY, reference_kinds },
	{ "referred_client_id", COL_ID, 0, NULL, "clients" },
};
static const struct column innovations[] = {
	{ "contract_id", COL_ID, KEY, NULL, "contracts" },
	{ "date", COL_DATE, KEY },
	{ "kind", COL_ENUM, KEY, innovation_kinds },
	{ "title", COL_TEXT, KEY },
	{ "status", COL_ENUM, REQ, innovation_statuses },
	{ "annual_savings", COL_MONEY, 0 },
	{ "hours_saved", COL_MONEY, 0 },
};

#define TABLE(n) { #n, #n, n, N(n), 0, 0 }
const struct table schema_tables[] = {
	TABLE(org_units),
	TABLE(people),
	TABLE(clients),
	TABLE(contracts),
	TABLE(sla_metrics),
	{ "sla_terms", "sla_terms", sla_terms, N(sla_terms), 0, 1 },
	{ "measurements", "measurements", measurements, N(measurements), 1, 0 },
	TABLE(readiness),
	TABLE(manual_ratings),
	TABLE(handover),
	TABLE(scope_changes),
	TABLE(financials),
	TABLE(expansions),
	TABLE(renewals),
	TABLE(proposals),
	TABLE(feasibility_reviews),
	TABLE(relationship_ratings),
	{ "references", "client_references", references, N(references), 0, 0 },
	TABLE(innovations),
};
const size_t schema_n_tables = N(schema_tables);

const struct table *schema_find(const char *name)
{
	for (size_t i = 0; i < schema_n_tables; i++)
		if (!strcmp(schema_tables[i].name, name))
			return &schema_tables[i];
	return NULL;
}

int schema_column(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->n_columns; i++)
		if (!strcmp(t->columns[i].name, name))
			return (int)i;
	return -1;
}

int schema_enum_index(const struct column *c, const char *value, size_t len)
{
	for (int i = 0; c->enum_values && c->enum_values[i]; i++)
		if (strlen(c->enum_values[i]) == len &&
		    !memcmp(c->enum_values[i], value, len))
			return i;
	return -1;
}

int schema_is_integer(const struct column *c)
{
	switch (c->type) {
	case COL_DECIMAL: case COL_MONEY: case COL_COUNT: case COL_FLAG:
	case COL_RATING:
		return 1;
	default:
		return 0;
	}
}
