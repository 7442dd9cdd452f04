/* SPDX-License-Identifier: MIT */
/* Releasing the proposal views of proposal_detail.h. */
#include "domain/proposal_detail.h"

#include "base/alloc.h"

#include <string.h>

void proposal_detail_release(struct proposal_detail *d)
{
	xfree(d->id);
	xfree(d->client_id);
	xfree(d->client_name);
	xfree(d->credited_contract_id);
	xfree(d->origin);
	xfree(d->title);
	xfree(d->service_line);
	xfree(d->proposed_on);
	xfree(d->annual_value);
	xfree(d->status);
	for (size_t i = 0; i < d->n_reviews; i++) {
		struct proposal_review_row *r = &d->reviews[i];
		xfree(r->reviewed_on);
		xfree(r->reviewer);
		xfree(r->reviewer_name);
		xfree(r->verdict);
		xfree(r->predicted_attainment);
		xfree(r->risk_tier);
		xfree(r->required_ramp_days);
		xfree(r->conditions);
	}
	xfree(d->reviews);
	xfree(d->override_by);
	xfree(d->override_reason);
	xfree(d->override_at);
	memset(d, 0, sizeof *d);
}

void proposal_list_free(struct proposal_detail *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		proposal_detail_release(&list[i]);
	xfree(list);
}
