/* SPDX-License-Identifier: MIT */
/* The proposal state machine of proposals.h: reading proposals with their
 * reviews and override, and the review, win, lose and override changes,
 * each checked against one table of transitions and written with its audit
 * entry in one transaction. */
#include "store/proposals.h"

#include "base/clock.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "io/jsonw.h"
#include "store/audit.h"
#include "store/closed.h"
#include "store/users.h"
#include "store/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REASON_MAX 2000

enum { ST_DRAFT = 1 << 0, ST_REVIEW = 1 << 1, ST_WON = 1 << 2, ST_LOST = 1 << 3 };

static const char *const status_names[] = { "draft", "review", "won", "lost" };

/* From which states to which a proposal moves, by action. Sorted by
 * action; the gate of "win" is checked on top of this. Who may act is the
 * policy's (app/policy.h): callers pass the roles it allows as bits. */
static const struct transition {
	const char *action;
	unsigned from;
	const char *to;             /* NULL: the status does not change */
	const char *done;           /* "can be ..." in messages */
} transitions[] = {
	{ "lose", ST_DRAFT | ST_REVIEW, "lost", "lost" },
	{ "override", ST_DRAFT | ST_REVIEW, NULL, "overridden" },
	{ "review", ST_DRAFT | ST_REVIEW, "review", "reviewed" },
	{ "win", ST_DRAFT | ST_REVIEW, "won", "won" },
};

static const struct transition *find_transition(const char *action)
{
	for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++)
		if (!strcmp(transitions[i].action, action))
			return &transitions[i];
	return NULL;
}

static unsigned status_bit(const char *status)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(status_names[i], status))
			return 1u << i;
	return 0;
}

static void allowed_roles(unsigned allowed, struct buf *out)
{
	size_t n = 0, k = 0;
	for (size_t i = 0; role_names[i]; i++)
		n += (allowed >> i) & 1;
	for (size_t i = 0; role_names[i]; i++)
		if (allowed & (1u << i)) {
			buf_addf(out, "%s%s", k ? (k + 1 < n ? ", " : " or ") : "", role_names[i]);
			k++;
		}
}

static void allowed_states(unsigned from, struct buf *out)
{
	int first = 1;
	for (size_t i = 0; i < 4; i++)
		if (from & (1u << i)) {
			buf_addf(out, "%s%s", first ? "" : " or ", status_names[i]);
			first = 0;
		}
}

/* ---- reading ----------------------------------------------------------- */

static char *dup_micro(struct stmt *st, int col)
{
	char text[32];
	if (stmt_is_null(st, col))
		return NULL;
	decimal_format(stmt_int64(st, col), text);
	return xstrdup(text);
}

/* Fills d's reviews and override. */
static int read_gate(struct store *s, struct proposal_detail *d, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	if (store_prepare(s, "SELECT r.reviewed_on, r.reviewer, p.name, r.verdict, r.predicted_attainment,"
			  " r.risk_tier, r.required_ramp_days, r.conditions FROM feasibility_reviews r"
			  " LEFT JOIN people p ON p.id = r.reviewer WHERE r.proposal_id = ?"
			  " ORDER BY r.reviewed_on", &st, err))
		return -1;
	stmt_bind_str(st, 1, d->id);
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(d->reviews, d->n_reviews + 1, cap);
		struct proposal_review_row *r = &d->reviews[d->n_reviews++];
		r->reviewed_on = stmt_text_dup(st, 0);
		r->reviewer = stmt_text_dup(st, 1);
		r->reviewer_name = stmt_text_dup(st, 2);
		r->verdict = stmt_text_dup(st, 3);
		r->predicted_attainment = dup_micro(st, 4);
		r->risk_tier = stmt_text_dup(st, 5);
		r->required_ramp_days = stmt_text_dup(st, 6);
		r->conditions = stmt_text_dup(st, 7);
		if (r->verdict && (!strcmp(r->verdict, "feasible") || !strcmp(r->verdict, "conditional")))
			d->gate_open = 1;
	}
	if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	stmt_finalize(st);
	if (store_prepare(s, "SELECT decided_by, reason, decided_at FROM proposal_overrides"
			  " WHERE proposal_id = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, d->id);
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		d->has_override = 1;
		d->gate_open = 1;
		d->override_by = stmt_text_dup(st, 0);
		d->override_reason = stmt_text_dup(st, 1);
		d->override_at = stmt_text_dup(st, 2);
	} else if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
	}
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

#define PROPOSAL_COLS \
	"SELECT p.id, p.client_id, c.name, p.credited_contract_id, p.origin, p.title," \
	" p.service_line, p.proposed_on, p.annual_value, p.status FROM proposals p" \
	" LEFT JOIN clients c ON c.id = p.client_id"

static void read_proposal(struct stmt *st, struct proposal_detail *d)
{
	memset(d, 0, sizeof *d);
	d->id = stmt_text_dup(st, 0);
	d->client_id = stmt_text_dup(st, 1);
	d->client_name = stmt_text_dup(st, 2);
	d->credited_contract_id = stmt_text_dup(st, 3);
	d->origin = stmt_text_dup(st, 4);
	d->title = stmt_text_dup(st, 5);
	d->service_line = stmt_text_dup(st, 6);
	d->proposed_on = stmt_text_dup(st, 7);
	d->annual_value = dup_micro(st, 8);
	d->status = stmt_text_dup(st, 9);
}

int store_proposal_get(struct store *s, const char *id, struct proposal_detail *out,
		       struct buf *err)
{
	struct stmt *st;
	int rc;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, PROPOSAL_COLS " WHERE p.id = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, id);
	rc = stmt_step(st);
	if (rc == STORE_ROW)
		read_proposal(st, out);
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? 1 : -1;
	if (read_gate(s, out, err)) {
		proposal_detail_release(out);
		return -1;
	}
	return 0;
}

int store_proposal_list(struct store *s, const char *status, struct proposal_detail **out,
			size_t *n, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, PROPOSAL_COLS " WHERE (? IS NULL OR p.status = ?) ORDER BY p.id", &st, err))
		return -1;
	stmt_bind_str(st, 1, status);
	stmt_bind_str(st, 2, status);
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		read_proposal(st, &(*out)[(*n)++]);
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	for (size_t i = 0; rc != STORE_ERROR && i < *n; i++)
		if (read_gate(s, &(*out)[i], err))
			rc = STORE_ERROR;
	if (rc == STORE_ERROR) {
		proposal_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* ---- changing ---------------------------------------------------------- */

/* Inside the transaction: the proposal's status (a new string in *status),
 * checked against the transition and the role. */
static int check_transition(struct store *s, const struct transition *t, const char *id,
			    enum role role, unsigned allowed, char **status, struct buf *err)
{
	struct stmt *st;
	int rc;
	*status = NULL;
	if (!(role & allowed)) {
		const char *rn = role_name(role);
		buf_addf(err, "the role '%s' cannot %s a proposal (only ", rn ? rn : "", t->action);
		allowed_roles(allowed, err);
		buf_adds(err, ")");
		return PROPOSAL_REFUSED;
	}
	if (store_prepare(s, "SELECT status FROM proposals WHERE id = ?", &st, err))
		return PROPOSAL_ERROR;
	stmt_bind_str(st, 1, id);
	rc = stmt_step(st);
	if (rc == STORE_ROW)
		*status = xstrdup(stmt_text(st, 0, NULL));
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return PROPOSAL_ERROR;
	if (rc == STORE_DONE) {
		buf_addf(err, "no proposal '%s'", id);
		return PROPOSAL_NOT_FOUND;
	}
	if (!(status_bit(*status) & t->from)) {
		buf_addf(err, "proposal '%s' is %s: only a proposal in ", id, *status);
		allowed_states(t->from, err);
		buf_addf(err, " can be %s", t->done);
		return PROPOSAL_REFUSED;
	}
	return PROPOSAL_OK;
}

/* {"status":"won","role":"sales"} and any extra members (already JSON). */
static void status_json(struct buf *out, const char *status, const char *role, const char *extra)
{
	buf_adds(out, "{\"status\":");
	json_write_string(out, status, strlen(status));
	if (role) {
		buf_adds(out, ",\"role\":");
		json_write_string(out, role, strlen(role));
	}
	if (extra)
		buf_adds(out, extra);
	buf_addc(out, '}');
}

static int set_status(struct store *s, const char *id, const char *from, const char *to,
		      const char *action, const char *actor, enum role role_bit, const char *extra,
		      struct buf *err)
{
	const char *role = role_name(role_bit);
	struct buf before = BUF_INIT, after = BUF_INIT;
	const char *p[2] = { to, id };
	int rc = -1;
	if (store_run(s, err, "UPDATE proposals SET status = ? WHERE id = ?", 2, p))
		goto out;
	status_json(&before, from, NULL, NULL);
	status_json(&after, to, role, extra);
	struct audit_entry e = { actor, action, "proposals", id, before.data, after.data };
	rc = audit_append(s, &e, err);
out:
	buf_release(&before);
	buf_release(&after);
	return rc;
}

/* The gate (SPEC §3): 1 open (and *by_override when only the override
 * opens it), 0 shut, -1 storage error. */
static int gate_open(struct store *s, const char *id, int *by_override, struct buf *err)
{
	int64_t reviews = 0, overrides = 0;
	struct stmt *st;
	if (store_prepare(s, "SELECT (SELECT count(*) FROM feasibility_reviews WHERE proposal_id = ?"
			  " AND verdict IN ('feasible', 'conditional')),"
			  " (SELECT count(*) FROM proposal_overrides WHERE proposal_id = ?)", &st, err))
		return -1;
	stmt_bind_str(st, 1, id);
	stmt_bind_str(st, 2, id);
	if (stmt_step(st) != STORE_ROW) {
		buf_addf(err, "%s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	reviews = stmt_int64(st, 0);
	overrides = stmt_int64(st, 1);
	stmt_finalize(st);
	*by_override = !reviews && overrides;
	return reviews || overrides;
}

/* A proposal dated in a closed year is decided only as a correction:
 * PROPOSAL_OK, PROPOSAL_REFUSED with err, or PROPOSAL_ERROR. */
static int proposal_closed(struct store *s, const char *id, const char *actor, struct buf *err)
{
	struct stmt *st;
	char *date = NULL;
	int rc;
	if (store_prepare(s, "SELECT proposed_on FROM proposals WHERE id = ?", &st, err))
		return PROPOSAL_ERROR;
	stmt_bind_str(st, 1, id);
	rc = stmt_step(st);
	if (rc == STORE_ROW && !stmt_is_null(st, 0))
		date = xstrdup(stmt_text(st, 0, NULL));
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return PROPOSAL_ERROR;
	rc = closed_check(s, actor, "proposals", date, id, err);
	xfree(date);
	return rc > 0 ? PROPOSAL_REFUSED : rc < 0 ? PROPOSAL_ERROR : PROPOSAL_OK;
}

/* win and lose: the same steps, the gate for win only. */
static int decide(struct store *s, const char *action, const char *id, const char *actor,
		  enum role role, unsigned allowed, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	const struct transition *t = find_transition(action);
	char *status = NULL;
	int rc, by_override = 0;
	if (store_begin(s, err))
		return PROPOSAL_ERROR;
	rc = check_transition(s, t, id, role, allowed, &status, err);
	if (rc)
		goto out;
	rc = proposal_closed(s, id, actor, err);
	if (rc)
		goto out;
	if (!strcmp(action, "win")) {
		int open = gate_open(s, id, &by_override, err);
		if (open < 0) {
			rc = PROPOSAL_ERROR;
			goto out;
		}
		if (!open) {
			buf_addf(err, "proposal '%s' cannot be won without a feasible or conditional"
				 " feasibility review (or an executive's override)", id);
			rc = PROPOSAL_REFUSED;
			goto out;
		}
	}
	if (set_status(s, id, status, t->to, action, actor, role,
		       by_override ? ",\"gate\":\"override\"" : NULL, err) ||
	    store_bump_version(s, err) || store_commit(s, err))
		rc = PROPOSAL_ERROR;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	xfree(status);
	return rc;
}

int store_proposal_win(struct store *s, const char *id, const char *actor, enum role role,
		       unsigned allowed, struct buf *err)
{
	return decide(s, "win", id, actor, role, allowed, err);
}

int store_proposal_lose(struct store *s, const char *id, const char *actor, enum role role,
			unsigned allowed, struct buf *err)
{
	return decide(s, "lose", id, actor, role, allowed, err);
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

int store_proposal_override(struct store *s, const char *id, const char *reason,
			    const char *actor, enum role role, unsigned allowed, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	const struct transition *t = find_transition("override");
	struct buf after = BUF_INIT;
	char *status = NULL, at[21];
	int rc;

	if ((role & allowed) && blank(reason)) {
		buf_addf(err, "an override of proposal '%s' needs a written reason", id);
		return PROPOSAL_REFUSED;
	}
	if (reason && strlen(reason) > REASON_MAX) {
		buf_addf(err, "the reason of an override is at most %d bytes", REASON_MAX);
		return PROPOSAL_REFUSED;
	}
	if (store_begin(s, err))
		return PROPOSAL_ERROR;
	rc = check_transition(s, t, id, role, allowed, &status, err);
	if (rc)
		goto out;
	clock_now_iso(at);
	const char *p[4] = { id, actor, reason, at };
	rc = PROPOSAL_ERROR;
	if (store_run(s, err, "INSERT INTO proposal_overrides (proposal_id, decided_by, reason, decided_at)"
		      " VALUES (?, ?, ?, ?) ON CONFLICT (proposal_id) DO UPDATE SET"
		      " decided_by = excluded.decided_by, reason = excluded.reason,"
		      " decided_at = excluded.decided_at", 4, p))
		goto out;
	buf_adds(&after, "{\"reason\":");
	json_write_string(&after, reason, strlen(reason));
	buf_adds(&after, ",\"role\":");
	json_write_string(&after, role_name(role), strlen(role_name(role)));
	buf_addc(&after, '}');
	struct audit_entry e = { actor, "override", "proposals", id, NULL, after.data };
	if (audit_append(s, &e, err) || store_bump_version(s, err) || store_commit(s, err))
		goto out;
	rc = PROPOSAL_OK;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	buf_release(&after);
	xfree(status);
	return rc;
}

/* ---- reviews ----------------------------------------------------------- */

static int empty(const char *s)
{
	return !s || !*s;
}

/* Checks the fields that need no store as the importer checks a row of
 * feasibility_reviews.csv (domain/validate.c: the schema's types and
 * enums), then the review's own rule, a predicted attainment from 0 to 1;
 * the proposal and the reviewer are checked against the store by the
 * caller. Sets the values read. */
static void check_review_fields(const struct proposal_review_input *in, day_t *on,
				micro_t *predicted, int64_t *ramp, struct problem_list *out)
{
	const struct table *t = schema_find("feasibility_reviews");
	const char *const values[8] = { in->proposal_id, in->reviewed_on, in->reviewer, in->verdict,
					in->predicted_attainment, in->risk_tier,
					in->required_ramp_days, in->conditions };
	struct cell cells[8];
	struct problem_list found;
	problems_init(&found, 0);
	for (size_t i = 0; i < t->n_columns; i++) {
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].text = values[i] ? values[i] : "";
		cells[i].len = strlen(cells[i].text);
	}
	for (size_t i = 0; i < t->n_columns; i++) {
		/* The proposal and the reviewer are named by the caller's checks. */
		if (!strcmp(t->columns[i].name, "proposal_id") || !strcmp(t->columns[i].name, "reviewer"))
			continue;
		if (validate_cell(t, (int)i, &cells[i], &found))
			continue;
		if (!strcmp(t->columns[i].name, "predicted_attainment") && cells[i].present &&
		    cells[i].num > MICRO_ONE) {
			struct problem *p = problems_add(&found, "attainment_range");
			if (p) {
				p->table = t->name;
				p->col = (int)i;
				problem_value(p, cells[i].text, cells[i].len);
			}
			problem_arg(p, cells[i].text, cells[i].len);
		}
	}
	*on = cells[1].present ? cells[1].day : DAY_NONE;
	*predicted = cells[4].present ? cells[4].num : MICRO_NONE;
	*ramp = cells[6].present ? cells[6].num : -1;
	for (size_t i = 0; i < found.n; i++) {
		struct problem *p = problems_add(out, found.items[i].code);
		if (!p)
			continue;
		*p = found.items[i];
		memset(&found.items[i], 0, sizeof found.items[i]);
	}
	out->total += found.total - found.n;
	problems_release(&found);
}

/* The kind of the reviewer's org unit, or NULL when no such person. */
static int reviewer_kind(struct store *s, const char *person, char **kind, struct buf *err)
{
	struct stmt *st;
	int rc;
	*kind = NULL;
	if (store_prepare(s, "SELECT u.kind FROM people p JOIN org_units u ON u.id = p.org_unit_id"
			  " WHERE p.id = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, person);
	rc = stmt_step(st);
	if (rc == STORE_ROW)
		*kind = xstrdup(stmt_text(st, 0, NULL));
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

static void json_member(struct buf *out, const char *key, const char *v, int number)
{
	buf_addf(out, "%s\"%s\":", out->len > 1 ? "," : "", key);
	if (empty(v))
		buf_adds(out, "null");
	else if (number)
		buf_adds(out, v);
	else
		json_write_string(out, v, strlen(v));
}

int store_proposal_review(struct store *s, const struct proposal_review_input *in,
			  const char *actor, enum role role, unsigned allowed, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	const struct transition *t = find_transition("review");
	struct buf after = BUF_INIT, key = BUF_INIT;
	struct problem_list own, *problems = in->problems ? in->problems : &own;
	char *status = NULL, *kind = NULL;
	day_t on = DAY_NONE;
	micro_t predicted;
	int64_t ramp, exists = 0;
	struct stmt *st = NULL;
	int rc;

	problems_init(&own, 0);
	if (store_begin(s, err))
		return PROPOSAL_ERROR;
	rc = check_transition(s, t, in->proposal_id ? in->proposal_id : "", role, allowed, &status, err);
	if (rc)
		goto out;
	uint64_t before = problems->total;
	check_review_fields(in, &on, &predicted, &ramp, problems);
	if (in->reviewed_on) {
		struct buf rk = BUF_INIT;
		buf_addf(&rk, "%s/%s", in->proposal_id ? in->proposal_id : "", in->reviewed_on);
		rc = closed_check(s, actor, "feasibility_reviews", in->reviewed_on, rk.data, err);
		buf_release(&rk);
		if (rc) {
			rc = rc > 0 ? PROPOSAL_REFUSED : PROPOSAL_ERROR;
			goto out;
		}
	}
	rc = PROPOSAL_ERROR;
	if (reviewer_kind(s, in->reviewer ? in->reviewer : "", &kind, err))
		goto out;
	if (!kind || strcmp(kind, "operations")) {
		const char *who = in->reviewer ? in->reviewer : "";
		struct problem *p = problems_add(problems, kind ? "reviewer_not_operations" : "no_person");
		if (p) {
			p->table = "feasibility_reviews";
			p->col = 2;
			problem_value(p, who, strlen(who));
		}
		problem_arg(p, who, strlen(who));
	}
	if (problems->total == before) {
		if (store_prepare(s, "SELECT count(*) FROM feasibility_reviews WHERE proposal_id = ?"
				  " AND reviewed_on = ?", &st, err))
			goto out;
		stmt_bind_str(st, 1, in->proposal_id);
		stmt_bind_str(st, 2, in->reviewed_on);
		if (stmt_step(st) != STORE_ROW) {
			buf_addf(err, "%s", stmt_error(st));
			goto out;
		}
		exists = stmt_int64(st, 0);
		stmt_finalize(st);
		st = NULL;
		if (exists) {
			struct problem *p = problems_add(problems, "review_dated");
			if (p) {
				p->table = "feasibility_reviews";
				p->col = 1;
				problem_value(p, in->reviewed_on, strlen(in->reviewed_on));
			}
			problem_arg(p, in->proposal_id, strlen(in->proposal_id));
			problem_arg(p, in->reviewed_on, strlen(in->reviewed_on));
		}
	}
	if (problems->total != before) {
		if (!in->problems)
			buf_addf(err, "the review has %llu problems",
				 (unsigned long long)(problems->total - before));
		rc = PROPOSAL_REFUSED;
		goto out;
	}
	if (store_prepare(s, "INSERT INTO feasibility_reviews (proposal_id, reviewed_on, reviewer, verdict,"
			  " predicted_attainment, risk_tier, required_ramp_days, conditions)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err))
		goto out;
	stmt_bind_str(st, 1, in->proposal_id);
	stmt_bind_str(st, 2, in->reviewed_on);
	stmt_bind_str(st, 3, in->reviewer);
	stmt_bind_str(st, 4, in->verdict);
	if (predicted == MICRO_NONE)
		stmt_bind_null(st, 5);
	else
		stmt_bind_int64(st, 5, predicted);
	stmt_bind_str(st, 6, empty(in->risk_tier) ? NULL : in->risk_tier);
	if (ramp < 0)
		stmt_bind_null(st, 7);
	else
		stmt_bind_int64(st, 7, ramp);
	stmt_bind_str(st, 8, empty(in->conditions) ? NULL : in->conditions);
	if (stmt_step(st) == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	stmt_finalize(st);
	st = NULL;
	buf_addc(&after, '{');
	json_member(&after, "proposal_id", in->proposal_id, 0);
	json_member(&after, "reviewed_on", in->reviewed_on, 0);
	json_member(&after, "reviewer", in->reviewer, 0);
	json_member(&after, "verdict", in->verdict, 0);
	{
		char text[32] = "";
		if (predicted != MICRO_NONE)
			decimal_format(predicted, text);
		json_member(&after, "predicted_attainment", text, 1);
	}
	json_member(&after, "risk_tier", in->risk_tier, 0);
	json_member(&after, "required_ramp_days", ramp < 0 ? NULL : in->required_ramp_days, 1);
	json_member(&after, "conditions", in->conditions, 0);
	json_member(&after, "role", role_name(role), 0);
	buf_addc(&after, '}');
	buf_addf(&key, "%s/%s", in->proposal_id, in->reviewed_on);
	struct audit_entry e = { actor, "create", "feasibility_reviews", key.data, NULL, after.data };
	if (audit_append(s, &e, err))
		goto out;
	if (strcmp(status, "review") &&
	    set_status(s, in->proposal_id, status, "review", "review", actor, role, NULL, err))
		goto out;
	if (store_bump_version(s, err) || store_commit(s, err))
		goto out;
	rc = PROPOSAL_OK;
out:
	stmt_finalize(st);
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	buf_release(&after);
	buf_release(&key);
	problems_release(&own);
	xfree(status);
	xfree(kind);
	return rc;
}

/* ---- overrides for the reports ---------------------------------------- */

int store_proposal_overrides(struct store *s, struct proposal_override_row **out, size_t *n,
			     struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT proposal_id, decided_by, reason, decided_at FROM proposal_overrides"
			  " ORDER BY proposal_id", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		struct proposal_override_row *r = &(*out)[(*n)++];
		r->proposal_id = stmt_text_dup(st, 0);
		r->decided_by = stmt_text_dup(st, 1);
		r->reason = stmt_text_dup(st, 2);
		r->decided_at = stmt_text_dup(st, 3);
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

void proposal_overrides_free(struct proposal_override_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(rows[i].proposal_id);
		xfree(rows[i].decided_by);
		xfree(rows[i].reason);
		xfree(rows[i].decided_at);
	}
	xfree(rows);
}
