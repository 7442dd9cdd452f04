/* SPDX-License-Identifier: MIT */
/* The story of the demo company (demo_story.c): its organization,
 * clients, contracts and every dated event as hand-written tables, and the
 * pools the per-contract generators of demo_gen.c draw from. Private to
 * src/io/demo_*.c. */
#ifndef TANDEM_DEMO_STORY_H
#define TANDEM_DEMO_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "domain/decimal.h"

/* ---- the organization ------------------------------------------------ */
struct demo_unit {
	const char *id, *name, *kind, *parent_id;
};

struct demo_person {
	const char *id, *name, *email_local, *unit_id;
};

#define EMAIL_DOMAIN "hanbit-bpo.example"

/* ---- clients --------------------------------------------------------- */
struct demo_client {
	const char *id, *name, *industry, *referred_by;
	/* Relationship level the executives see in 2023..2026; '0' = not
	 * rated that year. */
	const char *levels;
};

/* ---- SLA metric templates -------------------------------------------- */
enum metric_kind {
	MK_RATIO,   /* events meeting a standard / events (counts) */
	MK_MEAN,    /* total seconds / handled events */
	MK_PLAIN,   /* a daily score, denominator 1, two decimals */
};

/* A metric as the client's reports define it, with the ranges a month's
 * level is drawn from: good meets target, fair lies between the initial
 * (ramp-up) target and the target, poor misses both. */
struct metric_tpl {
	const char *metric, *name, *direction, *unit;
	enum metric_kind kind;
	int handled;            /* denominator is handled calls (95% offered) */
	int initial_in_csv;     /* print initial_target (else empty) */
	micro_t target, initial;
	micro_t good_lo, good_hi, fair_lo, fair_hi, poor_lo, poor_hi;
};

#define MAX_METRICS 4

/* A service line: its metrics (a call center's 4th, FCR, only with F_FCR),
 * daily volume as a share of the call-center volume, and working days. */
struct service_line {
	const char *name;
	const struct metric_tpl *const *metrics;
	int n_metrics;
	int volume_pct;
	int weekdays_only;
};

/* ---- contracts ------------------------------------------------------- */
enum {
	F_FCR = 1,              /* call center also reports FCR */
	F_NO_INITIAL = 2,       /* initial_target empty on every metric */
	F_NO_METRICS = 4,       /* no sla_metrics, no measurements */
	F_NO_READINESS = 8,
	F_NO_HANDOVER = 16,
	F_NO_FINANCIALS = 32,
	F_PRE_GO_LIVE = 64,     /* a week of trial rows before go-live */
};

#define F_RENEWAL (F_NO_READINESS | F_NO_HANDOVER)

/* quality is the design of months 1, 2, ... from go-live:
 *   C compliant (every metric meets target)
 *   m one metric (drawn) misses target but meets the initial target
 *   x one metric (CSAT, else the last) has no rows; the others meet target
 *   f every metric between initial target and target
 *   p every metric misses the initial target too
 * After the pattern, months are C with a 1-in-12 'm'; a '|' instead makes
 * the part after it repeat forever. */
struct demo_contract {
	const char *id, *client_id, *service_line;
	const char *signed_on, *ramp_started_on, *staffed_on, *go_live_on,
		*end_on;
	int64_t annual_value;
	const char *risk_tier, *sales_owner, *ops_owner;
	int planned_ramp_days;               /* 0 = empty */
	int planned_stabilization_months;    /* 0 = empty */
	const char *parent_contract_id, *renews_contract_id;
	const char *quality;
	int margin_pct;         /* steady-state margin, negative = a loss */
	int readiness_gaps;     /* 0 all on time .. 3 several late/missing */
	int manual_level;       /* 1..5, 0 = no manual ratings */
	int handover_open;      /* handover items not accepted */
	int scope_changes;
	unsigned flags;
};

/* ---- dated events ---------------------------------------------------- */
struct demo_expansion {
	const char *contract_id, *date, *kind;
	int64_t added_annual_value;
};

/* new_annual_value -1 = empty (lost, pending). */
struct demo_renewal {
	const char *contract_id, *due_on, *outcome;
	int64_t new_annual_value;
};

struct demo_proposal {
	const char *id, *client_id, *credited_contract_id, *origin, *title,
		*service_line, *proposed_on;
	int64_t annual_value;
	const char *status;
};

struct demo_review {
	const char *proposal_id, *reviewed_on, *reviewer, *verdict,
		*predicted_attainment, *risk_tier;
	int required_ramp_days;
	const char *conditions;
};

struct demo_reference {
	const char *client_id, *credited_contract_id, *date, *kind,
		*referred_client_id;
};

/* annual_savings and hours_saved: -1 = empty. */
struct demo_innovation {
	const char *contract_id, *date, *kind, *title, *status;
	int64_t annual_savings, hours_saved;
};

/* ---- pools the per-contract generators draw from ---------------------- */
struct readiness_tpl {
	const char *item, *category;
	int required;
};

struct scope_tpl {
	const char *kind, *note;
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

extern const struct demo_unit demo_units[];
extern const size_t demo_n_units;
extern const struct demo_person demo_people[];
extern const size_t demo_n_people;
extern const struct demo_client demo_clients[];
extern const size_t demo_n_clients;
extern const struct service_line demo_lines[];
extern const size_t demo_n_lines;
/* Constants, for arrays sized by them (checked in demo_story.c). */
#define DEMO_N_CONTRACTS 40
#define DEMO_N_READINESS_POOL 8

extern const struct demo_contract demo_contracts[];
extern const size_t demo_n_contracts;
extern const struct demo_expansion demo_expansions[];
extern const size_t demo_n_expansions;
extern const struct demo_renewal demo_renewals[];
extern const size_t demo_n_renewals;
extern const struct demo_proposal demo_proposals[];
extern const size_t demo_n_proposals;
extern const struct demo_review demo_reviews[];
extern const size_t demo_n_reviews;
extern const struct demo_reference demo_references[];
extern const size_t demo_n_references;
extern const struct demo_innovation demo_innovations[];
extern const size_t demo_n_innovations;
extern const struct readiness_tpl demo_readiness_pool[];
extern const size_t demo_n_readiness_pool;
extern const char *const demo_handover_pool[];
extern const size_t demo_n_handover_pool;
extern const struct scope_tpl demo_scope_pool[];
extern const size_t demo_n_scope_pool;
extern const struct metric_tpl *const demo_call_metrics[];
extern const struct metric_tpl demo_m_call_fcr;

#endif
