/* SPDX-License-Identifier: MIT */
/* The proposed_changes table of changes.h: adding, reading, listing and
 * deciding, each write with its audit entry. Ids are max + 1 under the
 * writer's transaction (writes are serialized). */
#include "store/changes.h"

#include "base/alloc.h"
#include "base/clock.h"
#include "io/jsonw.h"
#include "store/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLUMNS "id, kind, record_key, op, contract_id, confirmer, before_value, after_value," \
	" after_csv, proposer, proposer_person, reason, state, decided_by, decided_person, note," \
	" created_at, decided_at, sales_owner, ops_owner"

void change_release(struct change *c)
{
	char **fields[] = { &c->kind, &c->key, &c->op, &c->contract_id, &c->confirmer, &c->before,
			    &c->after, &c->after_csv, &c->proposer, &c->proposer_person, &c->reason,
			    &c->state, &c->decided_by, &c->decided_person, &c->note, &c->created_at,
			    &c->decided_at, &c->sales_owner, &c->ops_owner };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		xfree(*fields[i]);
		*fields[i] = NULL;
	}
}

void changes_free(struct change *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		change_release(&list[i]);
	xfree(list);
}

static void read_row(struct stmt *st, struct change *c)
{
	c->id = stmt_int64(st, 0);
	c->kind = stmt_text_dup(st, 1);
	c->key = stmt_text_dup(st, 2);
	c->op = stmt_text_dup(st, 3);
	c->contract_id = stmt_text_dup(st, 4);
	c->confirmer = stmt_text_dup(st, 5);
	c->before = stmt_text_dup(st, 6);
	c->after = stmt_text_dup(st, 7);
	c->after_csv = stmt_text_dup(st, 8);
	c->proposer = stmt_text_dup(st, 9);
	c->proposer_person = stmt_text_dup(st, 10);
	c->reason = stmt_text_dup(st, 11);
	c->state = stmt_text_dup(st, 12);
	c->decided_by = stmt_text_dup(st, 13);
	c->decided_person = stmt_text_dup(st, 14);
	c->note = stmt_text_dup(st, 15);
	c->created_at = stmt_text_dup(st, 16);
	c->decided_at = stmt_text_dup(st, 17);
	c->sales_owner = stmt_text_dup(st, 18);
	c->ops_owner = stmt_text_dup(st, 19);
}

static void member(struct buf *out, const char *name, const char *v, int raw)
{
	buf_addf(out, ",\"%s\":", name);
	if (!v)
		buf_adds(out, "null");
	else if (raw)
		buf_adds(out, v);
	else
		json_write_string(out, v, strlen(v));
}

void change_json(const struct change *c, struct buf *out)
{
	buf_addf(out, "{\"id\":%lld", (long long)c->id);
	member(out, "kind", c->kind, 0);
	member(out, "key", c->key, 0);
	member(out, "op", c->op, 0);
	member(out, "contract_id", c->contract_id, 0);
	member(out, "confirmer", c->confirmer, 0);
	member(out, "state", c->state, 0);
	member(out, "proposer", c->proposer, 0);
	member(out, "proposer_person", c->proposer_person, 0);
	member(out, "reason", c->reason, 0);
	member(out, "before", c->before, 1);
	member(out, "after", c->after, 1);
	member(out, "decided_by", c->decided_by, 0);
	member(out, "decided_person", c->decided_person, 0);
	member(out, "note", c->note, 0);
	member(out, "created_at", c->created_at, 0);
	member(out, "decided_at", c->decided_at, 0);
	buf_addc(out, '}');
}

/* The audit entry of a proposal or a decision: the change's summary. */
static int audit_change(struct store *s, const struct change *c, const char *action,
			const char *actor, struct buf *err)
{
	struct buf after = BUF_INIT;
	struct audit_entry e;
	change_json(c, &after);
	e.actor = actor;
	e.action = action;
	e.entity = c->kind;
	e.key = c->key;
	e.before = c->before;
	e.after = after.data;
	int rc = audit_append(s, &e, err);
	buf_release(&after);
	return rc;
}

int changes_add(struct store *s, const struct change *in, int64_t *id, struct buf *err)
{
	struct change c = *in;
	char at[21], num[32];
	int64_t max = 0;
	if (store_begin(s, err))
		return -1;
	if (store_query_int64(s, "SELECT coalesce(max(id), 0) FROM proposed_changes", 0, &max, err))
		goto fail;
	*id = max + 1;
	clock_now_iso(at);
	snprintf(num, sizeof num, "%lld", (long long)*id);
	const char *p[16] = { num, c.kind, c.key, c.op, c.contract_id, c.confirmer, c.before,
			      c.after, c.after_csv, c.proposer, c.proposer_person, c.reason,
			      "proposed", at, c.sales_owner, c.ops_owner };
	if (store_run(s, err, "INSERT INTO proposed_changes (id, kind, record_key, op, contract_id,"
		      " confirmer, before_value, after_value, after_csv, proposer, proposer_person,"
		      " reason, state, created_at, sales_owner, ops_owner) VALUES (CAST(? AS BIGINT),"
		      " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 16, p))
		goto fail;
	c.id = *id;
	c.state = (char *)"proposed";
	c.created_at = at;
	if (audit_change(s, &c, "propose", c.proposer, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int changes_get(struct store *s, int64_t id, struct change *out, struct buf *err)
{
	struct stmt *st;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " COLUMNS " FROM proposed_changes WHERE id = ?", &st, err))
		return -1;
	stmt_bind_int64(st, 1, id);
	int rc = stmt_step(st);
	if (rc == STORE_ROW)
		read_row(st, out);
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

int changes_list(struct store *s, const char *state, const char *proposer,
		 struct change **out, size_t *n, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT " COLUMNS " FROM proposed_changes"
			  " WHERE (CAST(? AS TEXT) IS NULL OR state = ?) AND (CAST(? AS TEXT) IS NULL OR proposer = ?)"
			  " ORDER BY id DESC", &st, err))
		return -1;
	stmt_bind_str(st, 1, state);
	stmt_bind_str(st, 2, state);
	stmt_bind_str(st, 3, proposer);
	stmt_bind_str(st, 4, proposer);
	while ((rc = stmt_step(st)) == STORE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		memset(&(*out)[*n], 0, sizeof **out);
		read_row(st, &(*out)[(*n)++]);
	}
	if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		stmt_finalize(st);
		changes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	stmt_finalize(st);
	return 0;
}

int changes_decide(struct store *s, int64_t id, const char *state, const char *actor,
		   const char *person, const char *note, struct buf *err)
{
	struct change c;
	char at[21], num[32];
	const char *action = !strcmp(state, "confirmed") ? "confirm"
		: !strcmp(state, "rejected") ? "reject" : "withdraw";
	int rc;
	if (store_begin(s, err))
		return -1;
	rc = changes_get(s, id, &c, err);
	if (rc)
		goto out;
	if (strcmp(c.state, "proposed")) {
		buf_addf(err, "change %lld is %s already", (long long)id, c.state);
		rc = 1;
		goto out;
	}
	clock_now_iso(at);
	snprintf(num, sizeof num, "%lld", (long long)id);
	const char *p[6] = { state, actor, person, note, at, num };
	rc = -1;
	if (store_run(s, err, "UPDATE proposed_changes SET state = ?, decided_by = ?,"
		      " decided_person = ?, note = ?, decided_at = ? WHERE id = CAST(? AS BIGINT)", 6, p))
		goto out;
	xfree(c.state);
	c.state = xstrdup(state);
	c.decided_by = xstrdup(actor);
	c.decided_person = person ? xstrdup(person) : NULL;
	c.note = note ? xstrdup(note) : NULL;
	c.decided_at = xstrdup(at);
	if (audit_change(s, &c, action, actor, err))
		goto out;
	change_release(&c);
	return store_commit(s, err) ? -1 : 0;
out:
	change_release(&c);
	store_rollback(s);
	return rc;
}
