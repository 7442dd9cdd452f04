/* SPDX-License-Identifier: MIT */
/* The criteria and measures the engine knows how to compute (SPEC §5), as
 * one sorted const table. A model may arrange, weight and score them, but
 * only ids listed here can appear in a model. Nothing here allocates. */
#ifndef TANDEM_CRITERIA_H
#define TANDEM_CRITERIA_H

#include <stddef.h>

#include "domain/dataset.h"

/* How a criterion's value is printed (SPEC §5 "Output"). */
enum value_format {
	VALUE_RATIO,        /* four decimals */
	VALUE_COUNT,        /* two decimals */
	VALUE_MEAN,         /* two decimals */
	VALUE_NONE,         /* more than one measure: value column empty */
};

enum criterion_code {
	CRIT_S1_1, CRIT_S1_2, CRIT_S1_3, CRIT_S2_1, CRIT_S2_2, CRIT_S2_3,
	CRIT_S3_1, CRIT_S3_2, CRIT_S3_3,
	CRIT_O1_1, CRIT_O1_2, CRIT_O1_3, CRIT_O2_1, CRIT_O2_2, CRIT_O2_3,
	CRIT_O3_1, CRIT_O3_2, CRIT_O3_3,
	CRIT_COUNT
};

#define CRITERION_MAX_MEASURES 2

struct criterion_def {
	const char *id;                 /* "S1.1" */
	enum criterion_code code;
	enum org_kind org;              /* ORG_SALES or ORG_OPERATIONS */
	enum value_format format;
	size_t n_measures;
	const char *measures[CRITERION_MAX_MEASURES];   /* measure ids, in order */
	enum value_format measure_formats[CRITERION_MAX_MEASURES];
};

/* The definition of criterion id, or NULL. */
const struct criterion_def *criterion_find(const char *id);
const struct criterion_def *criterion_by_code(enum criterion_code code);
/* The position of measure id within def->measures, or -1. */
int criterion_measure_index(const struct criterion_def *def, const char *id);
/* Decimals printed for the value of a criterion of this format. */
int value_format_decimals(enum value_format f);

#endif
