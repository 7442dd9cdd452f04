/* SPDX-License-Identifier: MIT */
/* The table of criteria and measures of SPEC §5 that the scoring code
 * implements; model.c validates models against it. */
#include "engine/criteria.h"

#include <string.h>

/* Sorted by id (byte order), so that lookups may bisect. */
static const struct criterion_def criteria[] = {
	{ "O1.1", CRIT_O1_1, ORG_OPERATIONS, VALUE_NONE, 2, { "expansion_count", "expansion_value" },
	  { VALUE_COUNT, VALUE_RATIO } },
	{ "O1.2", CRIT_O1_2, ORG_OPERATIONS, VALUE_COUNT, 1, { "new_service_lines" },
	  { VALUE_COUNT } },
	{ "O1.3", CRIT_O1_3, ORG_OPERATIONS, VALUE_NONE, 2, { "renewal_rate", "value_growth" },
	  { VALUE_RATIO, VALUE_RATIO } },
	{ "O2.1", CRIT_O2_1, ORG_OPERATIONS, VALUE_MEAN, 1, { "relationship_level" },
	  { VALUE_MEAN } },
	{ "O2.2", CRIT_O2_2, ORG_OPERATIONS, VALUE_COUNT, 1, { "ops_proposals" },
	  { VALUE_COUNT } },
	{ "O2.3", CRIT_O2_3, ORG_OPERATIONS, VALUE_COUNT, 1, { "references" },
	  { VALUE_COUNT } },
	{ "O3.1", CRIT_O3_1, ORG_OPERATIONS, VALUE_RATIO, 1, { "savings_ratio" },
	  { VALUE_RATIO } },
	{ "O3.2", CRIT_O3_2, ORG_OPERATIONS, VALUE_COUNT, 1, { "service_models" },
	  { VALUE_COUNT } },
	{ "O3.3", CRIT_O3_3, ORG_OPERATIONS, VALUE_COUNT, 1, { "automations" },
	  { VALUE_COUNT } },
	{ "S1.1", CRIT_S1_1, ORG_SALES, VALUE_RATIO, 1, { "ready_at_go_live" },
	  { VALUE_RATIO } },
	{ "S1.2", CRIT_S1_2, ORG_SALES, VALUE_RATIO, 1, { "ramp_ratio" },
	  { VALUE_RATIO } },
	{ "S1.3", CRIT_S1_3, ORG_SALES, VALUE_MEAN, 1, { "manual_rating" },
	  { VALUE_MEAN } },
	{ "S2.1", CRIT_S2_1, ORG_SALES, VALUE_RATIO, 1, { "steady_state_met" },
	  { VALUE_RATIO } },
	{ "S2.2", CRIT_S2_2, ORG_SALES, VALUE_RATIO, 1, { "margin_ratio" },
	  { VALUE_RATIO } },
	{ "S2.3", CRIT_S2_3, ORG_SALES, VALUE_COUNT, 1, { "scope_changes" },
	  { VALUE_COUNT } },
	{ "S3.1", CRIT_S3_1, ORG_SALES, VALUE_RATIO, 1, { "stabilization_ratio" },
	  { VALUE_RATIO } },
	{ "S3.2", CRIT_S3_2, ORG_SALES, VALUE_RATIO, 1, { "initial_target_met" },
	  { VALUE_RATIO } },
	{ "S3.3", CRIT_S3_3, ORG_SALES, VALUE_RATIO, 1, { "handover_accepted" },
	  { VALUE_RATIO } },
};

const struct criterion_def *criterion_find(const char *id)
{
	size_t lo = 0, hi = sizeof criteria / sizeof *criteria;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, criteria[mid].id);
		if (!c)
			return &criteria[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct criterion_def *criterion_by_code(enum criterion_code code)
{
	for (size_t i = 0; i < sizeof criteria / sizeof *criteria; i++)
		if (criteria[i].code == code)
			return &criteria[i];
	return NULL;
}

int criterion_measure_index(const struct criterion_def *def, const char *id)
{
	for (size_t i = 0; i < def->n_measures; i++)
		if (!strcmp(def->measures[i], id))
			return (int)i;
	return -1;
}

int value_format_decimals(enum value_format f)
{
	return f == VALUE_RATIO ? 4 : 2;
}
