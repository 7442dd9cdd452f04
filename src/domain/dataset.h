/* SPDX-License-Identifier: MIT */
/* The records of SPEC §4 as the engine sees them: plain structs with
 * references already resolved to array indices. The store fills a struct
 * dataset (store/load.c); the engine only reads it. Strings and arrays are
 * owned by the dataset and freed by dataset_free(). */
#ifndef TANDEM_DATASET_H
#define TANDEM_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "domain/date.h"
#include "domain/decimal.h"

#define NO_INDEX (-1)
#define INT_NONE INT32_MIN   /* an empty whole-number cell */

enum org_kind { ORG_SALES, ORG_OPERATIONS, ORG_EXECUTIVE };
enum risk_tier { RISK_NONE = -1, RISK_LOW, RISK_MEDIUM, RISK_HIGH };
enum direction { DIR_HIGHER, DIR_LOWER };
enum readiness_category { RC_INFRA, RC_SYSTEM, RC_STAFFING, RC_TRAINING, RC_MANUAL, RC_OTHER };
enum scope_kind { SCOPE_DISPUTE, SCOPE_OUT_OF_SCOPE };
enum expansion_kind { EXP_SCOPE, EXP_VOLUME, EXP_SITE };
enum renewal_outcome { REN_RENEWED, REN_LOST, REN_PENDING };
enum proposal_origin { ORIGIN_SALES, ORIGIN_OPERATIONS };
enum proposal_status { PROP_DRAFT, PROP_REVIEW, PROP_WON, PROP_LOST };
enum verdict { VERDICT_FEASIBLE, VERDICT_CONDITIONAL, VERDICT_INFEASIBLE };
enum reference_kind { REF_CASE_STUDY, REF_REFERENCE_CALL, REF_SITE_VISIT, REF_REFERRAL };
enum innovation_kind { INNO_PROCESS_IMPROVEMENT, INNO_SERVICE_MODEL, INNO_AUTOMATION };
enum innovation_status { INNO_PROPOSED, INNO_DEPLOYED };
enum credit_rule { CREDIT_FULL, CREDIT_LINEAR };

struct org_unit {
	char *id, *name;
	enum org_kind kind;
	int parent;                 /* index into units, or NO_INDEX */
};

struct person {
	char *id, *name, *email;
	int org_unit;               /* index into units */
};

struct client {
	char *id, *name, *industry;
	int referred_by;            /* index into clients, or NO_INDEX */
};

struct sla_metric {
	int contract;               /* index into contracts */
	char *metric, *name, *unit;
	enum direction direction;
	micro_t target;
	micro_t initial_target;     /* MICRO_NONE when empty */
};

/* The service-credit terms of one SLA metric (sla_terms.csv; the rules
 * are in engine/credits.h). */
struct sla_term {
	int sla_metric;             /* index into sla_metrics */
	micro_t minimum, expected;
	micro_t at_risk_pct;        /* % of the month's revenue; the same on every row of a contract */
	micro_t allocation_pct;     /* % of the pool */
	enum credit_rule credit_rule;
	int32_t earn_back_months;   /* 0 when empty */
	int32_t burn_in_months;     /* 0 when empty; the same on every row of a contract */
};

/* Σnumerator and Σdenominator of one SLA metric in one calendar month, over
 * the measurements that count: the days the engine's day window lets in
 * (engine/score.h, score_day_window: within [go_live_on, end_on] and on
 * or before the last day of the year loaded). */
struct metric_month {
	int sla_metric;             /* index into sla_metrics */
	month_t month;
	micro_t sum_numerator;
	micro_t sum_denominator;
	int32_t rows;
};

struct contract;
/* Which days of a contract's measurements count when the data is loaded up
 * to last_day (DAY_NONE: no limit): 1 with the inclusive range [*from,
 * *until], or 0 when none does. The rule is the engine's
 * (score_day_window); whoever loads the measurements is handed it. */
typedef int (*day_window_fn)(const struct contract *c, day_t last_day, day_t *from, day_t *until);

struct contract {
	char *id;
	int client;                 /* index into clients */
	char *service_line;
	day_t signed_on, ramp_started_on, staffed_on, go_live_on, end_on;
	micro_t annual_value;
	enum risk_tier risk_tier;
	int sales_owner, ops_owner; /* index into people, or NO_INDEX */
	int32_t planned_ramp_days;  /* INT_NONE when empty */
	int32_t planned_stabilization_months;  /* INT_NONE when empty */
	int parent_contract;        /* index into contracts, or NO_INDEX */
	int renews_contract;        /* index into contracts, or NO_INDEX */
};

struct readiness_item {
	int contract; char *item;
	enum readiness_category category;
	int required;
	day_t done_on;              /* DAY_NONE when empty */
};

struct manual_rating {
	int contract; day_t rated_on; int rated_by;
	int32_t concreteness, feasibility;   /* 1..5 */
};

struct handover_item { int contract; char *item; day_t accepted_on; };
struct scope_change { int contract; day_t date; enum scope_kind kind; char *note; };
struct financial { int contract; month_t month; micro_t revenue, cost; };
struct expansion { int contract; day_t date; enum expansion_kind kind; micro_t added_annual_value; };
struct renewal { int contract; day_t due_on; enum renewal_outcome outcome; micro_t new_annual_value; };

struct proposal {
	char *id; int client; int credited_contract;   /* NO_INDEX when empty */
	enum proposal_origin origin; char *title, *service_line;
	day_t proposed_on; micro_t annual_value; enum proposal_status status;
};

struct feasibility_review {
	int proposal; day_t reviewed_on; int reviewer; enum verdict verdict;
	micro_t predicted_attainment; enum risk_tier risk_tier;
	int32_t required_ramp_days; char *conditions;
};

struct relationship_rating { int client; day_t date; int32_t level; int rated_by; };

struct reference {
	int client; int credited_contract; day_t date;
	enum reference_kind kind; int referred_client;
};

struct innovation {
	int contract; day_t date; enum innovation_kind kind; char *title;
	enum innovation_status status;
	micro_t annual_savings, hours_saved;     /* MICRO_NONE when empty */
};

#define DATASET_ARRAY(type, name) type *name; size_t n_##name

/* Every array is sorted by its record's key (SPEC §4), so that iteration
 * order, and so every result, is deterministic whatever the import order. */
struct dataset {
	int year;                   /* the evaluation year loaded, or 0 for all */
	DATASET_ARRAY(struct org_unit, units);
	DATASET_ARRAY(struct person, people);
	DATASET_ARRAY(struct client, clients);
	DATASET_ARRAY(struct contract, contracts);
	DATASET_ARRAY(struct sla_metric, sla_metrics);
	DATASET_ARRAY(struct sla_term, sla_terms);         /* by sla_metric */
	DATASET_ARRAY(struct metric_month, metric_months); /* by sla_metric, month */
	DATASET_ARRAY(struct readiness_item, readiness);
	DATASET_ARRAY(struct manual_rating, manual_ratings);
	DATASET_ARRAY(struct handover_item, handover);
	DATASET_ARRAY(struct scope_change, scope_changes);
	DATASET_ARRAY(struct financial, financials);
	DATASET_ARRAY(struct expansion, expansions);
	DATASET_ARRAY(struct renewal, renewals);
	DATASET_ARRAY(struct proposal, proposals);
	DATASET_ARRAY(struct feasibility_review, feasibility_reviews);
	DATASET_ARRAY(struct relationship_rating, relationship_ratings);
	DATASET_ARRAY(struct reference, references);
	DATASET_ARRAY(struct innovation, innovations);
};

void dataset_free(struct dataset *ds);

#endif
