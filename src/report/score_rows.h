/* SPDX-License-Identifier: MIT */
/* The rows of SPEC §5's machine-readable results, built once from a struct
 * scores and shared by the CSV and JSON renderers so they cannot disagree:
 * one row per contract criterion, category and total, and per aggregate
 * category and total, in the contract's sort order, with every number
 * already printed by engine/numfmt. */
#ifndef TANDEM_SCORE_ROWS_H
#define TANDEM_SCORE_ROWS_H

#include <stddef.h>

#include "engine/score.h"

enum score_row_level { ROW_CRITERION, ROW_CATEGORY, ROW_TOTAL };

struct score_row {
	enum subject_kind kind;
	const char *subject_id;     /* borrowed from the dataset, or "company" */
	enum org_kind org;
	const char *criterion;      /* criterion id, category id or "total" */
	enum score_row_level level;
	char value[64], score[24], weight[64], coverage[24];  /* "" = n/a / empty */
	/* Where the row comes from (borrowed from the struct scores). */
	const struct score_set *set;            /* contract rows */
	const struct score_aggregate *aggregate;        /* other rows */
	const struct score_criterion *crit;     /* criterion rows */
	const struct score_group *group;        /* category and total rows */
	size_t category;                        /* category rows: model index */
};

/* The names of evidence rows in the machine-readable reports: the record
 * kind of each enum evidence_kind ("readiness", "manual_ratings", ...) and
 * each enum evidence_status ("counted", "not_counted", "excluded"). */
extern const char *const score_evidence_kinds[];
extern const char *const score_evidence_statuses[];

/* Builds every row of s, sorted by subject_kind (contract, person, org_unit,
 * company), subject_id, org and criterion as byte strings. *rows is a new
 * array the caller frees with xfree(); its pointers borrow from s. */
void score_rows_build(const struct scores *s, struct score_row **rows, size_t *n);

#endif
