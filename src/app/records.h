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
#include "domain/validate.h"
#include "store/records.h"

/* Every refusal of these functions is a structured problem (domain/
 * validate.h) appended to the caller's list: its kind (table) and column
 * when it is about one field (col -1 otherwise), a catalog code (after
 * "error.", or a whole key such as the policy's "policy.role") and its
 * parameters; no position (the values were not a file). Nothing here
 * writes a sentence: the CLI, the pages and the API render them in the
 * user's language (report/problems.h). */

/* The longest note of a decision on a change (bytes). */
#define CHANGE_NOTE_MAX 2000

/* Creates (key NULL) or updates (key: the record's key values) a record
 * of t from text values per column (NULL = empty; the array may be
 * changed: an empty rated_by / reviewer is filled from a->person). reason
 * goes with a proposed change. On APP_OK *saved is the stored record
 * (free with record_free); on APP_PROPOSED *change_id is set. Otherwise
 * the problems (the importer's validation, the policy's refusal — d says
 * its answer — a key that may not change, a record that exists already)
 * are appended to problems, nothing written. */
enum app_status app_record_write(struct store *s, const struct app_actor *a, const struct table *t,
				 const char *const *key, const char **values, const char *reason,
				 struct record *saved, int64_t *change_id, struct policy_decision *d,
				 struct problem_list *problems);
/* Deletes the record of key (or proposes its deletion). */
enum app_status app_record_delete(struct store *s, const struct app_actor *a, const struct table *t,
				  const char *const *key, const char *reason, int64_t *change_id,
				  struct policy_decision *d, struct problem_list *problems);

enum change_decision { CHANGE_CONFIRM, CHANGE_REJECT, CHANGE_WITHDRAW };
/* Confirms (applies it, in one transaction with its audit entries),
 * rejects (note required) or withdraws (the proposer only) change id.
 * A change whose record changed since it was proposed is refused
 * (APP_CONFLICT). A refusal appends its problems (the change's record's
 * validation when it is confirmed). */
enum app_status app_change_decide(struct store *s, const struct app_actor *a, int64_t id,
				  enum change_decision what, const char *note,
				  struct problem_list *problems);
/* May a decide (confirm or reject) change c? */
int app_change_may_decide(struct store *s, const struct app_actor *a, const struct change *c,
			  int *ok, struct buf *err);
/* The proposed changes a may confirm (waiting for them), newest first;
 * free with changes_free. */
int app_changes_waiting(struct store *s, const struct app_actor *a, struct change **out,
			size_t *n, struct buf *err);

#endif
