/* SPDX-License-Identifier: MIT */
/* The account lifecycle beyond the scores (SPEC §3, §6): promise vs delivery
 * and its calibration, the early warnings, the growth-cycle indicators, the
 * referral tree and the anonymised track record. Pure computations over a
 * loaded struct dataset (and, where the steady-state attainment of S2.1 is
 * needed, the struct scores of score_run): no I/O, no SQL. Every result is
 * a struct the caller owns and releases with its *_release function; the
 * indexes inside point into the dataset, which must outlive it. */
#ifndef TANDEM_LIFECYCLE_H
#define TANDEM_LIFECYCLE_H

#include <stddef.h>

#include "domain/dataset.h"
#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"

/* ---- which contract a won proposal became ------------------------------ */

/* A proposal names its client and service line, not the contract it turned
 * into, so the contract of a won proposal is found by matching: won
 * proposals in (proposed_on, id) order each take the earliest-signed
 * contract (then lowest id) of the same client and service line (any, when
 * the proposal's is empty), signed on or after proposed_on, that renews
 * nothing and that no earlier proposal took. Fills out[n_proposals] with a
 * contracts index or NO_INDEX (for proposals not won, too). */
void lifecycle_match_contracts(const struct dataset *ds, int *out);

/* ---- promise vs delivery ---------------------------------------------- */

/* An executive's gate override, as the store keeps it (strings borrowed). */
struct lc_override {
	int proposal;               /* proposals index */
	const char *decided_by, *reason, *decided_at;
};

struct lc_promise {
	int proposal;               /* proposals index (a won proposal) */
	int contract;               /* the contract it became */
	int review;                 /* the latest review with a prediction, or NO_INDEX */
	int override;               /* index into the overrides given, or −1 */
	int has_predicted;
	long double predicted;      /* the review's predicted_attainment */
	long met, with_data;        /* S2.1's metric-months in the steady state */
	long double actual;         /* met ÷ with_data: S2.1's value */
	long double gap;            /* actual − predicted, when has_predicted */
};

/* Calibration of one person's promises: over the rows with a prediction,
 * bias = mean(actual − predicted) (negative: promised more than delivered)
 * and mae = mean |actual − predicted|. */
struct lc_calibration {
	int person;                 /* people index */
	long n;
	long double bias, mae;
};

struct lc_promises {
	int year;
	struct lc_promise *rows;    /* by proposal id */
	size_t n;
	struct lc_calibration *by_reviewer, *by_sales_owner;  /* by person id */
	size_t n_by_reviewer, n_by_sales_owner;
	struct lc_calibration overall;  /* person = NO_INDEX */
};

/* For each won proposal whose contract has steady-state data in the scored
 * year (S2.1 available in s), the promise beside the delivery, and the
 * calibration per reviewer and per sales owner. Fills *out (release with
 * lc_promises_release). */
void lifecycle_promises(const struct scores *s, const struct lc_override *overrides,
			size_t n_overrides, struct lc_promises *out);
void lc_promises_release(struct lc_promises *p);

/* ---- early warnings --------------------------------------------------- */

/* In table order: the order the rules are listed and sorted in. */
enum lc_rule {
	LC_STABILIZATION_OVERDUE,   /* month P+K−1 passed and not stabilized */
	LC_SLA_MISSED,              /* a metric missed N months running */
	LC_READINESS_OPEN,          /* required items open D days before go-live */
	LC_RENEWAL_AT_RISK,         /* renewal due within R days, relationship falling */
	LC_BELOW_MINIMUM,           /* a metric with SLA terms below its minimum this month */
	LC_CREDIT_EXPOSURE,         /* service credits incurred this month (engine/credits.h) */
	LC_RULE_COUNT
};

/* "stabilization_overdue", "sla_missed", "readiness_open", "renewal_at_risk",
 * "below_minimum", "credit_exposure". */
const char *lc_rule_id(enum lc_rule r);

struct lc_month_value {
	month_t month;
	micro_t num, den, target;
};

struct lc_alert {
	enum lc_rule rule;
	int contract;
	/* LC_STABILIZATION_OVERDUE */
	int planned_months, run_months; /* P and K */
	month_t deadline_month;         /* the calendar month of month index P+K−1 */
	int months_elapsed;             /* month index of the as-of date */
	int compliant_months;           /* compliant months so far */
	/* LC_SLA_MISSED: the metric and the months it missed, oldest first */
	int sla_metric;
	struct lc_month_value *months;
	size_t n_months;
	/* LC_READINESS_OPEN: the open required items, days until go-live */
	int *items;
	size_t n_items;
	int days_to_go_live;
	/* LC_RENEWAL_AT_RISK */
	int renewal;
	int days_to_due;
	day_t previous_on, latest_on;   /* the two latest rating dates */
	long double previous_level, latest_level;   /* mean level on each date */
	/* LC_BELOW_MINIMUM: sla_metric, and months[0] the month to date with
	 * target = the minimum; burn_in when no credit is due for it.
	 * LC_CREDIT_EXPOSURE: the month, its pool and the credits incurred
	 * (before earn-back), in cents, over n_metrics metrics. */
	int burn_in;
	month_t month;
	int64_t pool_cents, exposure_cents;
	int n_metrics;
};

struct lc_alerts {
	day_t as_of;
	struct lc_alert *items;     /* by contract id, then rule, then detail */
	size_t n;
};

/* The alerts in force on as_of, under the thresholds of alerts and the
 * stabilization run K. Only data dated on or before as_of is used (ratings
 * here; the caller loads measurements up to as_of). Fills *out (release
 * with lc_alerts_release). */
void lifecycle_alerts(const struct dataset *ds, const struct model_alerts *alerts,
		      int run_months, day_t as_of, struct lc_alerts *out);
void lc_alerts_release(struct lc_alerts *a);

/* ---- stabilization against plan --------------------------------------- */

/* The first month of the first run of run_months compliant months among
 * months 1..last_index of contract c (0 when none), against each metric's
 * target, as S3.1 judges it; *compliant counts compliant months (may be
 * NULL). A contract without SLA metrics gives 0. */
int lifecycle_stabilized_at(const struct dataset *ds, int c, int run_months, int last_index,
			    int *compliant);

/* ---- the growth cycle ------------------------------------------------- */

struct lc_cycle_year {
	int year;
	day_t first_day, last_day;
	/* contracts whose plan deadline (month P+K−1) falls in the year */
	long stab_judged, stab_within_plan;
	/* renewals due in the year: renewed ÷ (renewed + lost) */
	long renewed, renewal_decided;
	/* contracts active in the year (operations subjects) and their value */
	long active_contracts;
	wide_t active_value;        /* micro-units */
	long expansions;            /* dated in the year */
	wide_t expansion_value;     /* Σ added_annual_value, micro-units */
	/* contracts signed in the year on a service line new to an existing client */
	long new_service_lines;
	/* clients whose first contract was signed in the year, and those of
	 * them introduced by an existing client */
	long new_clients, referred_new_clients;
	/* references dated in the year, clients with an active contract */
	long references, accounts;
};

/* One row per year y1..y2 (evaluation years of the model). *out is a new
 * array of y2 − y1 + 1 rows the caller frees with xfree(). */
void lifecycle_cycle(const struct dataset *ds, const struct model *m, int y1, int y2,
		     struct lc_cycle_year **out, size_t *n);

/* ---- the referral tree ------------------------------------------------ */

/* A client introduced by another: clients.referred_by, else the earliest
 * reference of kind referral naming it as referred_client_id. */
struct lc_referral {
	int client;                 /* clients index */
	int parent;                 /* the client that introduced it, or NO_INDEX */
	int depth;                  /* 0 for a root */
	day_t on;                   /* the referral's date, or DAY_NONE */
};

/* Every client in a referral chain, in tree pre-order (roots and children
 * by id). *out is a new array the caller frees with xfree(). */
void lifecycle_referrals(const struct dataset *ds, struct lc_referral **out, size_t *n);

/* ---- the track record ------------------------------------------------- */

struct lc_track_contract {
	int contract;               /* kept for tests; renderers never print it */
	int planned_months;
	int stabilized_at;          /* 0 when not (yet) stabilized */
	int within_plan;
	int has_attainment;
	long met, with_data;        /* S2.1 of the year */
};

struct lc_track_record {
	int year;
	struct lc_track_contract *contracts;   /* judged in the year, by go-live then id */
	size_t n_contracts;
	long stab_judged, stab_within_plan;
	long stabilized;                       /* judged and stabilized (ever, by year end) */
	long sum_stabilized_at, sum_planned;   /* over the stabilized ones */
	long ss_contracts, ss_met, ss_with_data;  /* S2.1 pooled over the year's subjects */
	long renewed, renewal_decided;
	long active_contracts, expansions;
	wide_t active_value, expansion_value;
};

/* The anonymised summary of the scored year of s (dataset s->ds, model
 * s->model). Release with lc_track_record_release. */
void lifecycle_track_record(const struct scores *s, struct lc_track_record *out);
void lc_track_record_release(struct lc_track_record *t);

#endif
