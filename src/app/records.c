/* SPDX-License-Identifier: MIT */
/* The evidence writes of app/records.h: policy, attribution, validation
 * through the importer, proposed changes and their confirmation, each in
 * one transaction with its audit entries. */
#include "app/records.h"

#include "base/alloc.h"
#include "store/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A problem of the write that is not the importer's: about column col of
 * t (-1: none), code a catalog key after "error." or a whole key. */
static struct problem *write_problem(struct problem_list *l, const struct table *t, int col,
				     const char *code)
{
	struct problem *p = problems_add(l, code);
	if (p) {
		p->table = t ? t->name : NULL;
		p->col = col;
	}
	return p;
}

static void arg(struct problem *p, const char *s)
{
	problem_arg(p, s, strlen(s));
}

/* Runs the importer over one record, given as values (a form's, NULL =
 * empty) or, for a stored proposed change, as the one-row CSV it was kept
 * as: dry_run validates only. 0, 1 with problems (2 when they are about a
 * closed year), -1 with err. The problems keep their kind and column but
 * not the position in the one-row file the importer read: that file is
 * ours, not the user's. */
static int import_one(struct store *s, const struct table *t, const char *const *values,
		      const char *csv, int dry_run, const char *actor, struct problem_list *problems,
		      struct buf *err)
{
	char name[64];
	struct import_source src;
	struct import_options opt = { .dry_run = dry_run, .max_errors = 50, .actor = actor };
	struct import_result res;
	size_t first = problems->n;
	snprintf(name, sizeof name, "%s.csv", t->name);
	memset(&src, 0, sizeof src);
	src.name = name;
	src.values = values;
	src.data = csv;
	src.len = csv ? strlen(csv) : 0;
	memset(&res, 0, sizeof res);
	int rc = store_import_mem(s, &src, 1, &opt, &res, problems, err);
	for (size_t i = first; i < problems->n; i++)
		problem_at(&problems->items[i], NULL, NULL, 0, 0);
	if (rc == 1 && res.closed)
		rc = 2;
	return rc;
}

/* The policy's refusal as a problem: its message key, beside its field. */
static enum app_status refused(const struct table *t, const struct policy_decision *d,
			       struct problem_list *problems)
{
	write_problem(problems, t, d->field ? schema_column(t, d->field) : -1, d->code);
	return d->status == APP_CONFLICT ? APP_CONFLICT : APP_FORBIDDEN;
}

/* Stores the proposed change of a decided PROPOSE (inside the caller's
 * transaction). */
static int propose(struct store *s, const struct app_actor *a, const struct table *t,
		   const char *op, const struct record *before, const struct record *after,
		   const char *csv, const char *reason, const struct policy_decision *d,
		   int64_t *id, struct buf *err)
{
	struct buf bj = BUF_INIT, aj = BUF_INIT, kt = BUF_INIT;
	struct change c;
	memset(&c, 0, sizeof c);
	if (before)
		record_json(t, before, &bj);
	if (after)
		record_json(t, after, &aj);
	record_key_text(t, after ? after : before, &kt);
	c.kind = (char *)t->name;
	c.key = kt.data;
	c.op = (char *)op;
	c.contract_id = d->contract[0] ? (char *)d->contract : NULL;
	c.sales_owner = d->sales_owner[0] ? (char *)d->sales_owner : NULL;
	c.ops_owner = d->ops_owner[0] ? (char *)d->ops_owner : NULL;
	c.confirmer = (char *)policy_confirmer_name(d->confirmer);
	c.before = before ? bj.data : NULL;
	c.after = after ? aj.data : NULL;
	c.after_csv = (char *)csv;
	c.proposer = (char *)a->account;
	c.proposer_person = (char *)a->person;
	c.reason = reason && *reason ? (char *)reason : NULL;
	int rc = changes_add(s, &c, id, err);
	buf_release(&bj);
	buf_release(&aj);
	buf_release(&kt);
	return rc;
}

enum app_status app_record_write(struct store *s, const struct app_actor *a, const struct table *t,
				 const char *const *key, const char **values, const char *reason,
				 struct record *saved, int64_t *change_id, struct policy_decision *d,
				 struct problem_list *problems)
{
	struct record before, after_view;
	struct buf csv = BUF_INIT, err = BUF_INIT;
	struct policy_actor pa = { a->role, a->person };
	int keys[8], have_before = 0, began = 0;
	size_t nk = record_key_columns(t, keys);
	const char *own_key[8];
	enum app_status st = APP_FAILED;
	int pc = policy_person_column(t);
	int rc;

	memset(saved, 0, sizeof *saved);
	memset(d, 0, sizeof *d);
	*change_id = 0;
	/* Attribution: an empty rated_by / reviewer is the account's person. */
	if (pc >= 0 && !values[pc] && a->person)
		values[pc] = a->person;
	for (size_t i = 0; i < nk; i++) {
		own_key[i] = values[keys[i]];
		if (key && (!own_key[i] || strcmp(own_key[i], key[i]))) {
			write_problem(problems, t, keys[i], "key_fixed");
			st = APP_INVALID;
			goto out;
		}
		if (!own_key[i]) {
			/* Without its key the record cannot be looked up, but every
			 * problem is still reported at once: a dry run of the
			 * importer checks the row (and says the key is required). */
			rc = import_one(s, t, values, NULL, 1, a->account, problems, &err);
			st = rc < 0 ? APP_FAILED : APP_INVALID;
			if (rc == 0)
				arg(write_problem(problems, t, keys[i], "field_required"),
				    t->columns[keys[i]].name);
			goto out;
		}
	}
	if (store_begin(s, &err))
		goto out;
	began = 1;
	rc = records_get(s, t, own_key, &before, &err);
	if (rc < 0)
		goto out;
	have_before = rc == 0;
	if (key && !have_before) {
		st = APP_MISSING;
		goto out;
	}
	if (!key && have_before) {
		struct buf kt = BUF_INIT;
		record_key_text(t, &before, &kt);
		struct problem *p = write_problem(problems, t, keys[0], "exists");
		arg(p, validate_noun(t->name));
		arg(p, kt.data);
		buf_release(&kt);
		st = APP_EXISTS;
		goto out;
	}
	after_view.values = (char **)values;
	if (policy_decide(s, &pa, t, key ? POLICY_UPDATE : POLICY_CREATE, have_before ? &before : NULL,
			  &after_view, d, &err))
		goto out;
	if (d->effect == POLICY_DENY) {
		st = refused(t, d, problems);
		goto out;
	}
	record_csv(t, values, &csv);
	if (d->effect == POLICY_PROPOSE) {
		rc = import_one(s, t, values, NULL, 1, a->account, problems, &err);
		if (rc) {
			st = rc == 1 ? APP_INVALID : rc == 2 ? APP_CLOSED : APP_FAILED;
			goto out;
		}
		if (propose(s, a, t, key ? "update" : "create", have_before ? &before : NULL,
			    &after_view, csv.data, reason, d, change_id, &err))
			goto out;
		began = 0;
		if (store_commit(s, &err))
			goto out;
		st = APP_PROPOSED;
		goto out;
	}
	rc = import_one(s, t, values, NULL, 0, a->account, problems, &err);
	if (rc) {
		st = rc == 1 ? APP_INVALID : rc == 2 ? APP_CLOSED : APP_FAILED;
		goto out;
	}
	if (records_get(s, t, own_key, saved, &err))
		goto out;
	if (records_audit(s, t, key ? "update" : "create", have_before ? &before : NULL, saved,
			  a->account, &err))
		goto out;
	began = 0;            /* a commit ends the transaction, failed or not */
	if (store_commit(s, &err))
		goto out;
	st = APP_OK;
out:
	if (began)
		store_rollback(s);
	if (st == APP_FAILED && err.len) {
		fprintf(stderr, "tandem: %s\n", err.data);
		write_problem(problems, t, -1, "storage_save");
	}
	if (st != APP_OK)
		record_free(t, saved);
	if (have_before)
		record_free(t, &before);
	buf_release(&csv);
	buf_release(&err);
	return st;
}

enum app_status app_record_delete(struct store *s, const struct app_actor *a, const struct table *t,
				  const char *const *key, const char *reason, int64_t *change_id,
				  struct policy_decision *d, struct problem_list *problems)
{
	struct record before;
	struct buf err = BUF_INIT;
	struct policy_actor pa = { a->role, a->person };
	enum app_status st = APP_FAILED;
	int rc, have_before = 0, closed_year = 0;

	memset(d, 0, sizeof *d);
	*change_id = 0;
	if (store_begin(s, &err))
		goto out;
	rc = records_get(s, t, key, &before, &err);
	if (rc) {
		store_rollback(s);
		st = rc < 0 ? APP_FAILED : APP_MISSING;
		goto out;
	}
	have_before = 1;
	if (policy_decide(s, &pa, t, POLICY_DELETE, &before, NULL, d, &err)) {
		store_rollback(s);
		goto out;
	}
	if (d->effect == POLICY_DENY) {
		store_rollback(s);
		st = refused(t, d, problems);
		goto out;
	}
	if (d->effect == POLICY_PROPOSE) {
		if (propose(s, a, t, "delete", &before, NULL, NULL, reason, d, change_id, &err)) {
			store_rollback(s);
			goto out;
		}
		st = store_commit(s, &err) ? APP_FAILED : APP_PROPOSED;
		goto out;
	}
	store_rollback(s);     /* read only so far; the delete checks references at its commit */
	rc = records_delete(s, t, key, a->account, &closed_year, &err);
	if (rc == 0)
		st = APP_OK;
	else if (rc == 1)
		st = APP_MISSING;
	else if (rc == 2 || rc == 3) {
		struct buf kt = BUF_INIT;
		struct problem *p = write_problem(problems, t, -1,
						  rc == 2 ? "still_referred" : "closed_year_record");
		record_key_text(t, &before, &kt);
		arg(p, rc == 2 ? validate_noun(t->name) : t->name);
		arg(p, kt.data);
		if (rc == 3)
			problem_argf(p, "%d", closed_year);
		buf_release(&kt);
		buf_reset(&err);
		st = rc == 2 ? APP_CONFLICT : APP_CLOSED;
	}
out:
	if (st == APP_FAILED && err.len) {
		fprintf(stderr, "tandem: %s\n", err.data);
		write_problem(problems, t, -1, "storage_delete");
	}
	if (have_before)
		record_free(t, &before);
	buf_release(&err);
	return st;
}

int app_change_may_decide(struct store *s, const struct app_actor *a, const struct change *c,
			  int *ok, struct buf *err)
{
	struct policy_actor pa = { a->role, a->person };
	*ok = 0;
	/* Nobody confirms their own change. */
	if (!a->person || (c->proposer_person && !strcmp(c->proposer_person, a->person)) ||
	    (c->proposer && a->account && !strcmp(c->proposer, a->account)))
		return 0;
	return policy_may_confirm(s, &pa, policy_confirmer_parse(c->confirmer), c->contract_id,
				  c->sales_owner, c->ops_owner, ok, err);
}

int app_changes_waiting(struct store *s, const struct app_actor *a, struct change **out,
			size_t *n, struct buf *err)
{
	struct change *all;
	size_t m, k = 0;
	if (changes_list(s, "proposed", NULL, &all, &m, err))
		return -1;
	for (size_t i = 0; i < m; i++) {
		int ok = 0;
		if (app_change_may_decide(s, a, &all[i], &ok, err)) {
			changes_free(all, m);
			return -1;
		}
		if (ok) {
			struct change tmp = all[k];
			all[k++] = all[i];
			all[i] = tmp;
		}
	}
	for (size_t i = k; i < m; i++)
		change_release(&all[i]);
	*out = all;
	*n = k;
	return 0;
}

/* The key values of a change's key text "K1/AHT" into key[] (pointers into
 * copy, which the caller frees). Returns the count. */
static size_t split_key(char *copy, const char **key, size_t max)
{
	size_t n = 0;
	char *p = copy;
	while (n < max) {
		key[n++] = p;
		char *slash = strchr(p, '/');
		if (!slash)
			break;
		*slash = 0;
		p = slash + 1;
	}
	return n;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

/* Applies a confirmed change inside the caller's transaction. */
static enum app_status apply_change(struct store *s, const struct app_actor *a,
				    const struct change *c, struct problem_list *problems, struct buf *err)
{
	const struct table *t = schema_find(c->kind);
	int keys[8];
	size_t nk = t ? record_key_columns(t, keys) : 0;
	const char *key[8];
	char *copy = xstrdup(c->key ? c->key : "");
	struct record cur, saved;
	struct buf cj = BUF_INIT;
	enum app_status st = APP_FAILED;
	int have_cur = 0, rc;

	memset(&saved, 0, sizeof saved);
	if (!t || split_key(copy, key, 8) != nk) {
		write_problem(problems, NULL, -1, "change_unknown_record");
		st = APP_CONFLICT;
		goto out;
	}
	rc = records_get(s, t, key, &cur, err);
	if (rc < 0)
		goto out;
	have_cur = rc == 0;
	if (have_cur)
		record_json(t, &cur, &cj);
	if (have_cur != (c->before != NULL) || (have_cur && strcmp(cj.data, c->before))) {
		struct problem *p = write_problem(problems, t, -1, "change_stale");
		arg(p, validate_noun(t->name));
		arg(p, c->key);
		st = APP_CONFLICT;
		goto out;
	}
	if (!strcmp(c->op, "delete")) {
		int closed_year = 0;
		rc = records_delete(s, t, key, a->account, &closed_year, err);
		if (rc == 3) {
			struct problem *p = write_problem(problems, t, -1, "closed_year_record");
			arg(p, t->name);
			arg(p, c->key);
			problem_argf(p, "%d", closed_year);
			buf_reset(err);
		}
		st = rc == 0 ? APP_OK : rc == 1 ? APP_MISSING : rc == 3 ? APP_CLOSED : APP_FAILED;
		goto out;
	}
	rc = import_one(s, t, NULL, c->after_csv ? c->after_csv : "", 0, a->account, problems, err);
	if (rc) {
		st = rc == 1 ? APP_INVALID : rc == 2 ? APP_CLOSED : APP_FAILED;
		goto out;
	}
	if (records_get(s, t, key, &saved, err) ||
	    records_audit(s, t, c->op, have_cur ? &cur : NULL, &saved, a->account, err))
		goto out;
	st = APP_OK;
out:
	if (have_cur)
		record_free(t, &cur);
	if (t)
		record_free(t, &saved);
	buf_release(&cj);
	xfree(copy);
	return st;
}

/* The refusal of a decision on a change, by the state it is in already or
 * by who it waits for (the two name sets do not meet); otherwise when
 * neither is known. */
static const char *refusal_code(const char *what, const char *otherwise)
{
	static const struct { const char *what, *code; } codes[] = {
		{ "confirmed", "change_already_confirmed" },
		{ "rejected", "change_already_rejected" },
		{ "withdrawn", "change_already_withdrawn" },
		{ "executive", "change_waits_executive" },
		{ "operations", "change_waits_operations" },
		{ "sales owner", "change_waits_sales_owner" },
	};
	for (size_t i = 0; what && i < sizeof codes / sizeof codes[0]; i++)
		if (!strcmp(codes[i].what, what))
			return codes[i].code;
	return otherwise;
}

enum app_status app_change_decide(struct store *s, const struct app_actor *a, int64_t id,
				  enum change_decision what, const char *note,
				  struct problem_list *problems)
{
	struct change c;
	struct buf err = BUF_INIT;
	enum app_status st = APP_FAILED;
	int rc, ok = 0, began = 0;
	static const char *const states[] = { "confirmed", "rejected", "withdrawn" };

	memset(&c, 0, sizeof c);
	if (what == CHANGE_REJECT && blank(note)) {
		write_problem(problems, NULL, -1, "change_note_required");
		return APP_INVALID;
	}
	if (note && strlen(note) > CHANGE_NOTE_MAX) {
		problem_argf(write_problem(problems, NULL, -1, "change_note_long"), "%d", CHANGE_NOTE_MAX);
		return APP_INVALID;
	}
	if (store_begin(s, &err))
		goto out;
	began = 1;
	rc = changes_get(s, id, &c, &err);
	if (rc) {
		st = rc < 0 ? APP_FAILED : APP_MISSING;
		goto out;
	}
	if (strcmp(c.state, "proposed")) {
		const char *code = refusal_code(c.state, "change_already_decided");
		problem_argf(write_problem(problems, NULL, -1, code), "%lld", (long long)id);
		st = APP_CONFLICT;
		goto out;
	}
	if (what == CHANGE_WITHDRAW) {
		ok = c.proposer && a->account && !strcmp(c.proposer, a->account);
		if (!ok) {
			write_problem(problems, NULL, -1, "change_proposer_only");
			st = APP_FORBIDDEN;
			goto out;
		}
	} else {
		if (app_change_may_decide(s, a, &c, &ok, &err))
			goto out;
		if (!ok) {
			write_problem(problems, NULL, -1, refusal_code(c.confirmer, "change_waits_other"));
			st = APP_FORBIDDEN;
			goto out;
		}
	}
	if (what == CHANGE_CONFIRM) {
		st = apply_change(s, a, &c, problems, &err);
		if (st != APP_OK)
			goto out;
		st = APP_FAILED;
	}
	rc = changes_decide(s, id, states[what], a->account, a->person, note && *note ? note : NULL, &err);
	if (rc) {
		if (rc == 1) {
			/* decided by someone else meanwhile */
			problem_argf(write_problem(problems, NULL, -1, "change_already_decided"), "%lld",
				     (long long)id);
			buf_reset(&err);
			st = APP_CONFLICT;
		}
		goto out;
	}
	began = 0;
	if (store_commit(s, &err)) {
		if (strstr(err.data, "FOREIGN KEY") || strstr(err.data, "foreign key")) {
			write_problem(problems, NULL, -1, "change_in_use");
			buf_reset(&err);
			st = APP_CONFLICT;
		}
		store_rollback_all(s);
		goto out;
	}
	st = APP_OK;
out:
	if (began)
		store_rollback(s);
	if (st == APP_FAILED && err.len) {
		fprintf(stderr, "tandem: %s\n", err.data);
		write_problem(problems, NULL, -1, "storage_change");
	}
	change_release(&c);
	buf_release(&err);
	return st;
}
