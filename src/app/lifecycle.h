/* SPDX-License-Identifier: MIT */
/* The proposal actions (win, lose, override, review) once for the web and
 * the CLI: the policy decides who may act and on which proposal, the
 * attribution of a review comes from the account's person, and the store's
 * state machine (store/proposals.h) does the rest in one transaction. */
#ifndef TANDEM_APP_LIFECYCLE_H
#define TANDEM_APP_LIFECYCLE_H

#include "app/records.h"
#include "store/proposals.h"

/* Runs action (POLICY_WIN, _LOSE, _OVERRIDE, _REVIEW) on proposal id.
 * operator: a command-line operator (no login, no person): the role is
 * checked, relations and attribution are not (as for file imports).
 * review is the review's input (reviewer filled from a->person when
 * empty), reason the override's. Returns APP_OK; APP_MISSING; APP_FORBIDDEN
 * with *code (a policy message key of the catalog, for the caller to show;
 * err too when the store refused the role); APP_CONFLICT (the state or
 * the gate said no) with err; APP_INVALID: a review's fields appended to
 * problems as structured values (domain/validate.h: feasibility_reviews'
 * columns, for the caller to render), an override's reason with err;
 * APP_FAILED. */
enum app_status app_proposal_act(struct store *s, const struct app_actor *a, int operator,
				 enum policy_action action, const char *id,
				 struct proposal_review_input *review, const char *reason,
				 const char **code, struct problem_list *problems, struct buf *err);

#endif
