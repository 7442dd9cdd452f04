/* SPDX-License-Identifier: MIT */
/* A proposal as the product shows it: its fields as text, its feasibility
 * reviews and its gate. The store fills it (store/proposals.c) and the
 * renderers read it (report/lifecycle_text.c), so it lives in domain/,
 * below both. The caller owns what a struct points to and releases it
 * with proposal_detail_release() or proposal_list_free(). */
#ifndef TANDEM_PROPOSAL_DETAIL_H
#define TANDEM_PROPOSAL_DETAIL_H

#include <stddef.h>

/* One feasibility review, decimals as exact text ("0.85"), NULL when empty. */
struct proposal_review_row {
	char *reviewed_on, *reviewer, *reviewer_name, *verdict, *predicted_attainment,
	     *risk_tier, *required_ramp_days, *conditions;
};

struct proposal_detail {
	char *id, *client_id, *client_name, *credited_contract_id, *origin, *title,
	     *service_line, *proposed_on, *annual_value, *status;
	struct proposal_review_row *reviews;   /* by reviewed_on */
	size_t n_reviews;
	int has_override;
	char *override_by, *override_reason, *override_at;
	int gate_open;             /* a feasible/conditional review or an override */
};

void proposal_detail_release(struct proposal_detail *d);
void proposal_list_free(struct proposal_detail *list, size_t n);

#endif
