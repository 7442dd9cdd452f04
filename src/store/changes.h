/* SPDX-License-Identifier: MIT */
/* Proposed changes (SPEC §2, counter-party confirmation) in the store: a
 * change of evidence that waits for a person of the other side, with the
 * record before and after as JSON, the row to apply as a one-row CSV, the
 * proposer, the reason and, once decided, who decided and their note.
 * Each function appends its audit entry in the caller's transaction (or
 * its own). Strings in a struct change are owned by it (change_release). */
#ifndef TANDEM_STORE_CHANGES_H
#define TANDEM_STORE_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

struct change {
	int64_t id;
	char *kind, *key, *op;           /* op: "create", "update", "delete" */
	char *contract_id;               /* the contract it is evidence of, or NULL */
	char *sales_owner, *ops_owner;   /* that contract's owners when proposed, or NULL */
	char *confirmer;                 /* "operations", "sales owner", "executive" */
	char *before, *after;            /* JSON of the record, NULL for none */
	char *after_csv;                 /* the row to apply (create, update) */
	char *proposer, *proposer_person, *reason;
	char *state;                     /* "proposed", "confirmed", "rejected", "withdrawn" */
	char *decided_by, *decided_person, *note;
	char *created_at, *decided_at;
};

void change_release(struct change *c);
void changes_free(struct change *list, size_t n);

/* Stores c as a new proposed change (state, id and created_at are set
 * here) with its "propose" audit entry; *id is the new id. Returns 0, or
 * -1 with err. */
int changes_add(struct store *s, const struct change *c, int64_t *id, struct buf *err);
/* 0 with *out, 1 when there is none, -1 with err. */
int changes_get(struct store *s, int64_t id, struct change *out, struct buf *err);
/* The changes, newest first, filtered by state and/or proposer account
 * (NULL: any). *out is a new array freed with changes_free(). */
int changes_list(struct store *s, const char *state, const char *proposer,
		 struct change **out, size_t *n, struct buf *err);
/* Moves a proposed change to state ("confirmed", "rejected", "withdrawn")
 * with who decided and the note, and its audit entry (action "confirm",
 * "reject" or "withdraw"). Returns 0, 1 when it is no longer proposed,
 * -1 with err. */
int changes_decide(struct store *s, int64_t id, const char *state, const char *actor,
		   const char *person, const char *note, struct buf *err);
/* The change as a JSON object. */
void change_json(const struct change *c, struct buf *out);

#endif
