/* SPDX-License-Identifier: MIT */
/* What score.c, sales.c and operations.c share inside the engine: the
 * scoring context with its indexes over the dataset. Not for other rooms. */
#ifndef TANDEM_SCORE_IMPL_H
#define TANDEM_SCORE_IMPL_H

#include "engine/score.h"

/* Record indexes grouped by an int key (a contract or client index), in
 * dataset order: the records of key k are items[start[k] .. start[k+1]). */
struct bucket {
	size_t *start;
	int *items;
};

struct score_ctx {
	const struct model *model;
	struct model_numbers numbers;   /* the model's numbers, exactly */
	const struct dataset *ds;
	int year;
	day_t first_day, last_day;      /* the evaluation year */
	month_t last_month;             /* the month of last_day */
	struct bucket metrics;          /* sla_metrics by contract */
	struct bucket metric_months;    /* metric_months by sla_metric */
	struct bucket readiness, manual_ratings, handover, scope_changes, financials;
	struct bucket expansions, renewals, innovations;
	struct bucket children;         /* contracts by parent_contract */
	struct bucket by_client;        /* contracts by client */
	struct bucket proposals;        /* by credited_contract */
	struct bucket references;       /* by credited_contract */
	struct bucket relationship;     /* relationship_ratings by client */
};

/* Computes the value(s) and evidence of one criterion of contract c; the
 * scores of its measures are filled in by the caller. */
void score_sales_criterion(const struct score_ctx *ctx, int c, struct score_criterion *out);
void score_operations_criterion(const struct score_ctx *ctx, int c, struct score_criterion *out);

/* Appends an evidence row to out (its rows array grows; scores_free frees it). */
void score_evidence(struct score_criterion *out, enum evidence_kind kind, int index,
		    enum evidence_status status, const char *reason, int measure,
		    long double amount);
/* Sets measure i of out to num ÷ den. */
void score_measure_set(struct score_criterion *out, int i, long double num, long double den);
/* The same for a ratio of micro-unit amounts: the value is computed from
 * the exact integers, the evidence keeps num and den in currency units. */
void score_measure_money(struct score_criterion *out, int i, long double num_micro,
			 long double den_micro);
/* Records that measure i (already set) is exactly num ÷ den (den > 0; 0 =
 * not known): band thresholds are then compared exactly. */
void score_measure_exact(struct score_criterion *out, int i, wide_t num, wide_t den);
/* True when the date is known and within the evaluation year. */
int score_in_year(const struct score_ctx *ctx, day_t d);

#endif
