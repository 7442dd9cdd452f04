/* SPDX-License-Identifier: MIT */
/* Changing evidence, once for every interface: a record written, deleted,
 * proposed, confirmed or rejected under the policy (app/policy.h), with
 * the attribution taken from the account's person, the importer's own
 * validation (the record's values go through the importer's checks,
 * domain/validate.c and the store's rules, so no interface accepts what an
 * import would refuse) and the audit entries, each in one
 * transaction. The CLI and the web map app_status to exit codes and HTTP
 * statuses in one table each. */
#ifndef TANDEM_APP_RECORDS_H
#define TANDEM_APP_RECORDS_H

#include <stdint.h>

#include "app/app.h"
#include "app/policy.h"
#include "store/changes.h"
#include "store/records.h"

/* Creates (key NULL) or updates (key: the record's key values) a record
 * of t from text values per column (NULL = empty; the array may be
 * changed: an empty rated_by / reviewer is filled from a->person). reason
 * goes with a proposed change. On APP_OK *saved is the stored record
 * (free with record_free); on APP_PROPOSED *change_id is set. Problems are
 * appended to errors as "column\tmessage" lines; d says the policy's
 * answer. */
enum app_status app_record_write(struct store *s, const struct app_actor *a, const struct table *t,
				 const char *const *key, const char **values, const char *reason,
				 struct record *saved, int64_t *change_id, struct policy_decision *d,
				 struct buf *errors);
/* Deletes the record of key (or proposes its deletion). */
enum app_status app_record_delete(struct store *s, const struct app_actor *a, const struct table *t,
				  const char *const *key, const char *reason, int64_t *change_id,
				  struct policy_decision *d, struct buf *errors);

enum change_decision { CHANGE_CONFIRM, CHANGE_REJECT, CHANGE_WITHDRAW };
/* Confirms (applies it, in one transaction with its audit entries),
 * rejects (note required) or withdraws (the proposer only) change id.
 * A change whose record changed since it was proposed is refused
 * (APP_CONFLICT). errors gets one "\tmessage" line on refusal. */
enum app_status app_change_decide(struct store *s, const struct app_actor *a, int64_t id,
				  enum change_decision what, const char *note, struct buf *errors);
/* May a decide (confirm or reject) change c? */
int app_change_may_decide(struct store *s, const struct app_actor *a, const struct change *c,
			  int *ok, struct buf *err);
/* The proposed changes a may confirm (waiting for them), newest first;
 * free with changes_free. */
int app_changes_waiting(struct store *s, const struct app_actor *a, struct change **out,
			size_t *n, struct buf *err);

#endif
