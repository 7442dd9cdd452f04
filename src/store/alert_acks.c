/* SPDX-License-Identifier: MIT */
/* The acknowledgements of alert_acks.h: the table alert_acks (migration 11)
 * and its audit entries ("acknowledge", entity "alert", key
 * "CONTRACT/RULE"). */
#include "store/alert_acks.h"

#include "base/alloc.h"
#include "base/clock.h"
#include "io/jsonw.h"
#include "store/audit.h"

#include <string.h>

int store_alert_ack(struct store *s, const char *contract, const char *rule, const char *on,
		    const char *note, const char *actor, struct buf *err)
{
	struct buf key = BUF_INIT, after = BUF_INIT;
	char at[21];
	int64_t known = 0;
	int rc = -1;
	if (!note || !*note) {
		buf_adds(err, "an acknowledgement needs a note");
		return 1;
	}
	if (strlen(note) > ALERT_ACK_NOTE_MAX) {
		buf_addf(err, "the note of an acknowledgement is at most %d bytes", ALERT_ACK_NOTE_MAX);
		return 1;
	}
	if (store_begin(s, err))
		return -1;
	int began = 1;
	struct stmt *st;
	if (store_prepare(s, "SELECT count(*) FROM contracts WHERE id = ?", &st, err))
		goto out;
	stmt_bind_str(st, 1, contract);
	if (stmt_step(st) == STORE_ROW)
		known = stmt_int64(st, 0);
	stmt_finalize(st);
	if (!known) {
		buf_addf(err, "no contract '%s'", contract);
		rc = 1;
		goto out;
	}
	clock_now_iso(at);
	const char *q[6] = { contract, rule, on, note, actor, at };
	if (store_run(s, err, "INSERT INTO alert_acks (contract_id, rule, acknowledged_on, note,"
		      " acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?)"
		      " ON CONFLICT (contract_id, rule, acknowledged_on) DO UPDATE SET"
		      " note = excluded.note, acknowledged_by = excluded.acknowledged_by,"
		      " acknowledged_at = excluded.acknowledged_at", 6, q))
		goto out;
	buf_addf(&key, "%s/%s", contract, rule);
	buf_adds(&after, "{\"as_of\":");
	json_write_string(&after, on, strlen(on));
	buf_adds(&after, ",\"note\":");
	json_write_string(&after, note, strlen(note));
	buf_addc(&after, '}');
	struct audit_entry e = { actor, "acknowledge", "alert", key.data, NULL, after.data };
	if (audit_append(s, &e, err))
		goto out;
	began = 0;            /* a commit ends the transaction, failed or not */
	if (store_commit(s, err))
		goto out;
	rc = 0;
out:
	if (began)
		store_rollback(s);
	buf_release(&key);
	buf_release(&after);
	return rc;
}

int store_alert_acks(struct store *s, struct alert_ack **out, size_t *n, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT contract_id, rule, acknowledged_on, note, acknowledged_by,"
			  " acknowledged_at FROM alert_acks ORDER BY contract_id, rule, acknowledged_on",
			  &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		struct alert_ack *a = &(*out)[(*n)++];
		a->contract_id = stmt_text_dup(st, 0);
		a->rule = stmt_text_dup(st, 1);
		a->acknowledged_on = stmt_text_dup(st, 2);
		a->note = stmt_text_dup(st, 3);
		a->acknowledged_by = stmt_text_dup(st, 4);
		a->acknowledged_at = stmt_text_dup(st, 5);
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

void alert_acks_free(struct alert_ack *acks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(acks[i].contract_id);
		xfree(acks[i].rule);
		xfree(acks[i].acknowledged_on);
		xfree(acks[i].note);
		xfree(acks[i].acknowledged_by);
		xfree(acks[i].acknowledged_at);
	}
	xfree(acks);
}
