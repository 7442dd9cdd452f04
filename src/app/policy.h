/* SPDX-License-Identifier: MIT */
/* Who may change which evidence (SPEC §2 "Evidence integrity"), as ONE
 * table: for every record kind and field group, every action and every
 * role, the effect (deny, allow, or a proposed change that the other side
 * confirms) and the relation to the subject it needs (the contract's sales
 * owner, the contract's operations unit or below, rating as oneself). The
 * router, the records API and forms, the navigation and buttons, the
 * proposal actions and the confirmation inbox all consult it. Everything
 * here returns static data or fills caller-owned structs; nothing to free
 * except what a function says. */
#ifndef TANDEM_APP_POLICY_H
#define TANDEM_APP_POLICY_H

#include "app/app.h"
#include "base/buf.h"
#include "domain/schema.h"
#include "store/records.h"
#include "store/users.h"

enum policy_action {
	POLICY_CREATE,
	POLICY_UPDATE,
	POLICY_DELETE,
	POLICY_WIN,          /* proposals: the lifecycle actions */
	POLICY_LOSE,
	POLICY_OVERRIDE,
	POLICY_REVIEW,
	POLICY_CONFIRM,      /* confirm or reject a proposed change (derived from the PROPOSE rows) */
	POLICY_CORRECT,      /* change evidence of a closed (frozen) year, with a reason */
	POLICY_N_ACTIONS
};
/* "create", "update", ... in enum order. */
extern const char *const policy_action_names[POLICY_N_ACTIONS];

enum policy_effect {
	POLICY_DENY,
	POLICY_ALLOW,
	POLICY_PROPOSE,      /* stored as a proposed change until confirmed */
};

/* Relations to the subject a rule needs (bits; 0 = none). */
enum policy_relation {
	REL_OWN = 1 << 0,    /* the contract's sales_owner is the account's person */
	REL_UNIT = 1 << 1,   /* the contract's ops_owner is in the person's unit or below */
	REL_SELF = 1 << 2,   /* rated_by / reviewer is the account's person */
};

/* Who confirms a proposed change (an executive may confirm any). */
enum policy_confirmer {
	CONFIRM_NONE,
	CONFIRM_OPERATIONS,  /* an operations person of the contract's ops unit (or above it) */
	CONFIRM_SALES_OWNER, /* the contract's sales owner */
	CONFIRM_EXECUTIVE,   /* an executive */
};
/* "operations", "sales owner", "executive" ("" for none). */
const char *policy_confirmer_name(enum policy_confirmer c);
/* The inverse of policy_confirmer_name (CONFIRM_NONE when unknown). */
enum policy_confirmer policy_confirmer_parse(const char *name);

struct policy_actor {
	enum role role;
	const char *person;  /* NULL when the account is not a person */
};

/* The answer for one change. code is a message key ("policy.not_own") of
 * the catalogs when denied, field the column that decided it (or NULL);
 * contract the contract the change is about ("" when none). */
struct policy_decision {
	enum policy_effect effect;
	enum policy_confirmer confirmer;
	enum app_status status;  /* APP_OK; APP_FORBIDDEN refused by role or relation,
				  * APP_CONFLICT by the state */
	const char *code;
	const char *field;
	char contract[128];
	char sales_owner[128], ops_owner[128];   /* the contract's owners ("" when none) */
};

/* The roles that may try action on kind at all (under some relation): for
 * the router, the navigation and the buttons. kind "*" means any kind
 * (POLICY_CONFIRM: whoever confirms some change). */
unsigned policy_roles(const char *kind, enum policy_action action);
/* Does the kind take part in the table at all (rows for some action)? */
int policy_kind_known(const char *kind);

/* Decides a record change: before is NULL for a create, after NULL for a
 * delete. For the lifecycle actions before is the proposal and after NULL.
 * Reads the contract and the organization through s. Returns 0 with *d,
 * or -1 with err (storage). */
int policy_decide(struct store *s, const struct policy_actor *a, const struct table *t,
		  enum policy_action action, const struct record *before,
		  const struct record *after, struct policy_decision *d, struct buf *err);

/* May a confirm a change that c confirms, about contract? The contract's
 * owners are read from the store; for a contract that does not exist yet
 * (a proposed new contract) sales_owner and ops_owner, as proposed, are
 * used. *ok set 1 or 0. Returns 0, or -1 with err. */
int policy_may_confirm(struct store *s, const struct policy_actor *a, enum policy_confirmer c,
		       const char *contract, const char *sales_owner, const char *ops_owner,
		       int *ok, struct buf *err);

/* The column of t that names the person acting (rated_by, reviewer), or -1. */
int policy_person_column(const struct table *t);
/* The column of t that names the contract the record is evidence of, or -1. */
int policy_contract_column(const struct table *t);

/* The whole table as text: format "tsv" (one line per kind, field group,
 * action, role: the machine-readable form the matrix test reads),
 * "markdown" (for docs/security.md) or "text". Returns 0, or -1 when the
 * format is unknown. */
int policy_table_text(struct buf *out, const char *format);

#endif
