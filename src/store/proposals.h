/* SPDX-License-Identifier: MIT */
/* The proposal lifecycle of SPEC §3 in the store, so every interface (the
 * CLI now, the web too) obeys one state machine: draft → review → won |
 * lost. A feasibility review moves a draft to review; a win needs a review
 * whose verdict is feasible or conditional, or an executive's override with
 * a written reason. Every change is written with its audit entry in one
 * transaction. Who may do what is the policy's (app/policy.h): callers pass
 * the acting role and the roles the policy allows as bits (enum role), and
 * app/lifecycle.h is the one caller that decides them.
 * Structs returned are owned by the caller and freed by their _release. */
#ifndef TANDEM_STORE_PROPOSALS_H
#define TANDEM_STORE_PROPOSALS_H

#include <stddef.h>

#include "base/buf.h"
#include "domain/proposal_detail.h"
#include "domain/validate.h"
#include "store/store.h"
#include "store/users.h"

/* Results of the changing functions: err says why for every non-zero. */
enum proposal_result {
	PROPOSAL_ERROR = -1,        /* storage failure */
	PROPOSAL_OK = 0,
	PROPOSAL_NOT_FOUND = 1,     /* no such proposal */
	PROPOSAL_REFUSED = 2,       /* the state, the role, the gate or the input says no */
};


/* 0 with *out, 1 when there is no such proposal, -1 with err. */
int store_proposal_get(struct store *s, const char *id, struct proposal_detail *out,
		       struct buf *err);
/* Every proposal by id, or those of one status when status is not NULL.
 * *out is a new array of *n the caller frees with proposal_list_free(). */
int store_proposal_list(struct store *s, const char *status, struct proposal_detail **out,
			size_t *n, struct buf *err);

/* A feasibility review, as in feasibility_reviews.csv; every field text,
 * NULL or "" for an empty optional one. */
struct proposal_review_input {
	const char *proposal_id, *reviewed_on, *reviewer, *verdict, *predicted_attainment,
		   *risk_tier, *required_ramp_days, *conditions;
	/* Where the review's problems go (its fields checked as a row of
	 * feasibility_reviews.csv is, domain/validate.h; then the reviewer
	 * and the date), for the caller to render; NULL: only counted, in
	 * err. */
	struct problem_list *problems;
};

/* Records a review (roles operations, admin): the reviewer must be a person
 * of an operations unit; the proposal must be draft or review, and moves to
 * review. PROPOSAL_REFUSED with in->problems filled when the review itself
 * is wrong. */
int store_proposal_review(struct store *s, const struct proposal_review_input *in,
			  const char *actor, enum role role, unsigned allowed, struct buf *err);
/* draft|review → won (roles sales, executive, admin), through the gate. */
int store_proposal_win(struct store *s, const char *id, const char *actor, enum role role,
		       unsigned allowed, struct buf *err);
/* draft|review → lost (roles sales, executive, admin). */
int store_proposal_lose(struct store *s, const char *id, const char *actor, enum role role,
			unsigned allowed, struct buf *err);
/* Opens the gate of a draft or review proposal: role executive only, and a
 * reason that is not blank (at most 2000 bytes). Recording it again
 * replaces the reason; each is audit-logged. */
int store_proposal_override(struct store *s, const char *id, const char *reason,
			    const char *actor, enum role role, unsigned allowed, struct buf *err);

/* Every override, by proposal id: for the reports. */
struct proposal_override_row {
	char *proposal_id, *decided_by, *reason, *decided_at;
};
int store_proposal_overrides(struct store *s, struct proposal_override_row **out, size_t *n,
			     struct buf *err);
void proposal_overrides_free(struct proposal_override_row *rows, size_t n);

#endif
