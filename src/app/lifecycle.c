/* SPDX-License-Identifier: MIT */
/* app_proposal_act of lifecycle.h: the policy, then the state machine. */
#include "app/lifecycle.h"

#include <string.h>

enum app_status app_proposal_act(struct store *s, const struct app_actor *a, int operator,
				 enum policy_action action, const char *id,
				 struct proposal_review_input *review, const char *reason,
				 const char **code, struct problem_list *problems, struct buf *err)
{
	const struct table *pt = schema_find("proposals");
	unsigned allowed = policy_roles("proposals", action);
	struct policy_actor pa = { a->role, a->person };
	struct policy_decision d;
	int rc = PROPOSAL_ERROR;

	*code = NULL;
	if (!operator) {
		struct record p;
		const char *key[1] = { id };
		rc = records_get(s, pt, key, &p, err);
		if (rc)
			return rc < 0 ? APP_FAILED : APP_MISSING;
		rc = policy_decide(s, &pa, pt, action, &p, NULL, &d, err);
		record_free(pt, &p);
		if (rc)
			return APP_FAILED;
		if (d.effect != POLICY_ALLOW) {
			*code = d.code;
			return APP_FORBIDDEN;
		}
		if (action == POLICY_REVIEW) {
			if (!review->reviewer || !*review->reviewer)
				review->reviewer = a->person;
			if (!a->person || strcmp(review->reviewer, a->person)) {
				*code = a->person ? "policy.not_self" : "policy.no_person";
				return APP_FORBIDDEN;
			}
		}
	}
	switch (action) {
	case POLICY_WIN:
		rc = store_proposal_win(s, id, a->account, a->role, allowed, err);
		break;
	case POLICY_LOSE:
		rc = store_proposal_lose(s, id, a->account, a->role, allowed, err);
		break;
	case POLICY_OVERRIDE:
		rc = store_proposal_override(s, id, reason ? reason : "", a->account, a->role, allowed, err);
		break;
	case POLICY_REVIEW:
		/* The review's problems stay values: the caller renders them. */
		review->problems = problems;
		rc = store_proposal_review(s, review, a->account, a->role, allowed, err);
		review->problems = NULL;
		break;
	default:
		buf_adds(err, "not a proposal action");
		return APP_INVALID;
	}
	switch (rc) {
	case PROPOSAL_OK: return APP_OK;
	case PROPOSAL_NOT_FOUND: return APP_MISSING;
	case PROPOSAL_REFUSED:
		if (!(a->role & allowed)) {
			*code = "policy.role";
			return APP_FORBIDDEN;
		}
		return action == POLICY_WIN || action == POLICY_LOSE ? APP_CONFLICT : APP_INVALID;
	default: return APP_FAILED;
	}
}
