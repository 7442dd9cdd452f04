/* SPDX-License-Identifier: MIT */
/* The evidence policy of SPEC §2 as one table (policy.h): rows of kind ×
 * field group × actions × roles → effect, relation and confirmer, and the
 * few functions that read it. A new record kind is one or two rows here.
 * Admins load every kind from the system of record by file import, which
 * does not pass through this table; their record edits do (admin rows). */
#include "app/policy.h"

#include "io/jsonw.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

#define A ROLE_ADMIN
#define E ROLE_EXECUTIVE
#define S ROLE_SALES
#define O ROLE_OPERATIONS
#define C (1u << POLICY_CREATE)
#define U (1u << POLICY_UPDATE)
#define D (1u << POLICY_DELETE)
#define CUD (C | U | D)
#define WIN (1u << POLICY_WIN)
#define LOSE (1u << POLICY_LOSE)
#define OVERRIDE (1u << POLICY_OVERRIDE)
#define REVIEW (1u << POLICY_REVIEW)
#define CORRECT (1u << POLICY_CORRECT)
#define ALLOW POLICY_ALLOW
#define PROPOSE POLICY_PROPOSE
#define DENY POLICY_DENY
#define OWN REL_OWN
#define UNIT REL_UNIT
#define SELF REL_SELF
#define BY_OPS CONFIRM_OPERATIONS
#define BY_OWNER CONFIRM_SALES_OWNER
#define BY_EXEC CONFIRM_EXECUTIVE

const char *const policy_action_names[POLICY_N_ACTIONS] = {
	"create", "update", "delete", "win", "lose", "override", "review", "confirm", "correct",
};

/* One row: for records of kind (only those whose `when` column has that
 * value), a change touching the field group `fields` (NULL: every column
 * no other row of the kind names) by one of `roles` doing one of `actions`
 * has `effect` when the actor stands in `relation` to the record. A field
 * group with no row for an action is not judged for it (the owners of a
 * new contract are its relation, not a change of owner). `values` limits
 * what the group's column may be set to; `code` names the refusal of a
 * DENY row. Rows of one kind and group are tried in order; the first whose
 * roles and `when` match decides. */
static const struct rule {
	const char *kind;
	const char *fields;
	unsigned actions;
	unsigned roles;
	unsigned relation;
	enum policy_effect effect;
	enum policy_confirmer confirmer;
	const char *when;
	const char *values;
	const char *code;
} rules[] = {
	{ "org_units", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "people", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "clients", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "financials", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },

	{ "contracts", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "contracts", NULL, CUD, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },
	{ "contracts", "ramp_started_on,staffed_on,go_live_on", C | U, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "contracts", "ramp_started_on,staffed_on,go_live_on", C | U, O, UNIT, PROPOSE, BY_OWNER, NULL, NULL, NULL },
	{ "contracts", "sales_owner,ops_owner", U, A | E, 0, ALLOW, 0, NULL, NULL, NULL },

	{ "sla_metrics", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "sla_metrics", NULL, CUD, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },
	{ "sla_terms", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "sla_terms", NULL, CUD, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },

	{ "measurements", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "measurements", NULL, CUD, O, UNIT, PROPOSE, BY_OWNER, NULL, NULL, NULL },

	{ "readiness", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "readiness", NULL, CUD, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },
	{ "readiness", "done_on", CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "readiness", "done_on", CUD, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },
	{ "readiness", "done_on", U, O, UNIT, ALLOW, 0, NULL, NULL, NULL },

	{ "handover", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "handover", NULL, CUD, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "handover", "accepted_on", CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "handover", "accepted_on", U, O, UNIT, ALLOW, 0, NULL, NULL, NULL },

	{ "scope_changes", NULL, CUD, A, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "scope_changes", NULL, CUD, O, UNIT, ALLOW, 0, NULL, NULL, NULL },
	{ "scope_changes", NULL, C | U, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "scope_changes", NULL, D, S, OWN, PROPOSE, BY_OPS, NULL, NULL, NULL },

	{ "manual_ratings", NULL, CUD, A, SELF, ALLOW, 0, NULL, NULL, NULL },
	{ "manual_ratings", NULL, CUD, O, UNIT | SELF, ALLOW, 0, NULL, NULL, NULL },

	{ "feasibility_reviews", NULL, CUD, A | O, SELF, ALLOW, 0, NULL, NULL, NULL },

	{ "relationship_ratings", NULL, CUD, A | S | E, SELF, ALLOW, 0, NULL, NULL, NULL },

	{ "expansions", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "expansions", NULL, CUD, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "expansions", NULL, CUD, O, UNIT, PROPOSE, BY_OWNER, NULL, NULL, NULL },
	{ "renewals", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "renewals", NULL, CUD, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "renewals", NULL, CUD, O, UNIT, PROPOSE, BY_OWNER, NULL, NULL, NULL },
	{ "references", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "references", NULL, CUD, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "references", NULL, CUD, O, UNIT, PROPOSE, BY_OWNER, NULL, NULL, NULL },

	{ "innovations", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "innovations", NULL, CUD, O, UNIT, PROPOSE, BY_EXEC, NULL, NULL, NULL },

	{ "proposals", NULL, CUD, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "proposals", NULL, CUD, S, OWN, ALLOW, 0, "origin=sales", NULL, NULL },
	{ "proposals", NULL, CUD, O, UNIT, PROPOSE, BY_OWNER, "origin=operations", NULL, NULL },
	{ "proposals", NULL, WIN | LOSE, A | E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "proposals", NULL, WIN | LOSE, S, OWN, ALLOW, 0, NULL, NULL, NULL },
	{ "proposals", NULL, OVERRIDE, E, 0, ALLOW, 0, NULL, NULL, NULL },
	{ "proposals", NULL, REVIEW, A | O, SELF, ALLOW, 0, NULL, NULL, NULL },
	{ "proposals", "status", C, A | E | S | O, 0, ALLOW, 0, NULL, "draft,review", "policy.status" },
	{ "proposals", "status", U, A | E | S | O, 0, DENY, 0, NULL, NULL, "policy.status" },

	/* Every kind: evidence dated in a frozen year changes only as an
	 * executive's correction with a reason (store/closed.h). */
	{ "*", NULL, CORRECT, E, 0, ALLOW, 0, NULL, NULL, NULL },
};
#define N_RULES (sizeof rules / sizeof rules[0])

/* What a record of a kind is evidence of: the column naming its contract
 * (the record itself for contracts), the column naming the person acting,
 * and whether a record naming no contract passes the OWN / UNIT relation
 * (a sales proposal to a new client belongs to no contract yet). */
static const struct subject {
	const char *kind;
	const char *contract_column;
	const char *person_column;
	int open_without_contract;
} subjects[] = {
	{ "contracts", "id", NULL, 0 },
	{ "expansions", "contract_id", NULL, 0 },
	{ "feasibility_reviews", NULL, "reviewer", 0 },
	{ "handover", "contract_id", NULL, 0 },
	{ "innovations", "contract_id", NULL, 0 },
	{ "manual_ratings", "contract_id", "rated_by", 0 },
	{ "measurements", "contract_id", NULL, 0 },
	{ "proposals", "credited_contract_id", NULL, 1 },
	{ "readiness", "contract_id", NULL, 0 },
	{ "references", "credited_contract_id", NULL, 0 },
	{ "relationship_ratings", NULL, "rated_by", 0 },
	{ "renewals", "contract_id", NULL, 0 },
	{ "scope_changes", "contract_id", NULL, 0 },
	{ "sla_metrics", "contract_id", NULL, 0 },
	{ "sla_terms", "contract_id", NULL, 0 },
};

static const struct subject *subject_of(const char *kind)
{
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (!strcmp(subjects[i].kind, kind))
			return &subjects[i];
	return NULL;
}

int policy_person_column(const struct table *t)
{
	const struct subject *sj = subject_of(t->name);
	return sj && sj->person_column ? schema_column(t, sj->person_column) : -1;
}

int policy_contract_column(const struct table *t)
{
	const struct subject *sj = subject_of(t->name);
	return sj && sj->contract_column ? schema_column(t, sj->contract_column) : -1;
}

const char *policy_confirmer_name(enum policy_confirmer c)
{
	switch (c) {
	case CONFIRM_OPERATIONS: return "operations";
	case CONFIRM_SALES_OWNER: return "sales owner";
	case CONFIRM_EXECUTIVE: return "executive";
	case CONFIRM_NONE: break;
	}
	return "";
}

enum policy_confirmer policy_confirmer_parse(const char *name)
{
	for (int c = CONFIRM_OPERATIONS; c <= CONFIRM_EXECUTIVE; c++)
		if (name && !strcmp(name, policy_confirmer_name((enum policy_confirmer)c)))
			return (enum policy_confirmer)c;
	return CONFIRM_NONE;
}

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t l = comma ? (size_t)(comma - p) : strlen(p);
		if (l == n && !memcmp(p, name, n))
			return 1;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* Field groups are compared by text: equal literals need not share storage. */
#define same_group(a, b) same((a), (b))

/* The role whose people confirm for c (executives confirm any change). */
static unsigned confirmer_role(enum policy_confirmer c)
{
	return c == CONFIRM_OPERATIONS ? O : c == CONFIRM_SALES_OWNER ? S : E;
}

/* The relation of a confirmer to the change's contract, for the table. */
static unsigned confirmer_relation(enum policy_confirmer c)
{
	return c == CONFIRM_OPERATIONS ? UNIT : c == CONFIRM_SALES_OWNER ? OWN : 0;
}

unsigned policy_roles(const char *kind, enum policy_action action)
{
	unsigned roles = 0;
	if (action == POLICY_CONFIRM) {
		for (size_t i = 0; i < N_RULES; i++)
			if ((!strcmp(kind, "*") || !strcmp(rules[i].kind, kind)) &&
			    rules[i].effect == PROPOSE)
				roles |= confirmer_role(rules[i].confirmer) | E;
		return roles;
	}
	for (size_t i = 0; i < N_RULES; i++)
		if ((!strcmp(rules[i].kind, kind) || !strcmp(rules[i].kind, "*")) &&
		    rules[i].actions & (1u << action) && rules[i].effect != DENY)
			roles |= rules[i].roles;
	return roles;
}

int policy_kind_known(const char *kind)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (!strcmp(rules[i].kind, kind))
			return 1;
	return 0;
}

/* The field group of column in kind: the `fields` of a row naming it, or
 * NULL (the rest of the record). */
static const char *group_of(const char *kind, const char *column)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (!strcmp(rules[i].kind, kind) && rules[i].fields && in_list(rules[i].fields, column))
			return rules[i].fields;
	return NULL;
}

/* Does record r (NULL passes) satisfy the row's "column=value" condition? */
static int when_holds(const struct table *t, const char *when, const struct record *r)
{
	if (!when || !r)
		return 1;
	const char *eq = strchr(when, '=');
	char col[64];
	size_t l = (size_t)(eq - when);
	if (l >= sizeof col)
		return 0;
	memcpy(col, when, l);
	col[l] = 0;
	int i = schema_column(t, col);
	return i >= 0 && same(r->values[i], eq + 1);
}

/* --- relations ---------------------------------------------------------- */

/* The org unit of a person (a new string the caller frees), or NULL. */
static int person_unit(struct store *s, const char *person, char **unit, struct buf *err)
{
	const struct table *pt = schema_find("people");
	const char *key[1] = { person };
	struct record r;
	*unit = NULL;
	int rc = records_get(s, pt, key, &r, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		int c = schema_column(pt, "org_unit_id");
		if (r.values[c])
			*unit = xstrdup(r.values[c]);
		record_free(pt, &r);
	}
	return 0;
}

/* Is the unit of person `member` the unit `unit` or below it? */
static int unit_covers(struct store *s, const char *unit, const char *member, int *yes,
		       struct buf *err)
{
	const struct table *ut = schema_find("org_units");
	int parent_col = schema_column(ut, "parent_id");
	char *u = NULL;
	*yes = 0;
	if (!unit || !member)
		return 0;
	if (person_unit(s, member, &u, err))
		return -1;
	for (int depth = 0; u && depth < 64; depth++) {
		if (!strcmp(u, unit)) {
			*yes = 1;
			break;
		}
		const char *key[1] = { u };
		struct record r;
		int rc = records_get(s, ut, key, &r, err);
		if (rc < 0) {
			xfree(u);
			return -1;
		}
		char *next = NULL;
		if (rc == 0) {
			if (r.values[parent_col])
				next = xstrdup(r.values[parent_col]);
			record_free(ut, &r);
		}
		xfree(u);
		u = next;
	}
	xfree(u);
	return 0;
}

/* The sales and ops owners of the contract r is evidence of (copies into
 * the caller's buffers; empty when none). */
struct owners {
	char contract[128], sales[128], ops[128];
	int found;
};

static int owners_of(struct store *s, const struct table *t, const struct record *r,
		     struct owners *o, struct buf *err)
{
	const struct table *ct = schema_find("contracts");
	int cc = policy_contract_column(t);
	memset(o, 0, sizeof *o);
	if (cc < 0 || !r || !r->values[cc])
		return 0;
	snprintf(o->contract, sizeof o->contract, "%s", r->values[cc]);
	if (t == ct) {
		const char *so = r->values[schema_column(ct, "sales_owner")];
		const char *oo = r->values[schema_column(ct, "ops_owner")];
		snprintf(o->sales, sizeof o->sales, "%s", so ? so : "");
		snprintf(o->ops, sizeof o->ops, "%s", oo ? oo : "");
		o->found = 1;
		return 0;
	}
	const char *key[1] = { r->values[cc] };
	struct record c;
	int rc = records_get(s, ct, key, &c, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		const char *so = c.values[schema_column(ct, "sales_owner")];
		const char *oo = c.values[schema_column(ct, "ops_owner")];
		snprintf(o->sales, sizeof o->sales, "%s", so ? so : "");
		snprintf(o->ops, sizeof o->ops, "%s", oo ? oo : "");
		o->found = 1;
		record_free(ct, &c);
	}
	return 0;
}

/* Does the actor stand in `relation` to record r? Sets *code to the
 * refusal when not. */
static int relation_holds(struct store *s, const struct policy_actor *a, const struct table *t,
			  const struct record *r, unsigned relation, const char **code,
			  struct policy_decision *d, struct buf *err)
{
	const struct subject *sj = subject_of(t->name);
	*code = NULL;
	if (!relation || !r)
		return 0;
	if (!a->person) {
		*code = "policy.no_person";
		return 0;
	}
	if (relation & SELF) {
		int pc = policy_person_column(t);
		if (t == schema_find("proposals"))
			pc = -1;              /* a review: the caller attributes it */
		if (pc >= 0 && !same(r->values[pc], a->person)) {
			*code = "policy.not_self";
			d->field = t->columns[pc].name;
			return 0;
		}
	}
	if (relation & (OWN | UNIT)) {
		struct owners o;
		if (owners_of(s, t, r, &o, err))
			return -1;
		if (o.contract[0]) {
			snprintf(d->contract, sizeof d->contract, "%s", o.contract);
			snprintf(d->sales_owner, sizeof d->sales_owner, "%s", o.sales);
			snprintf(d->ops_owner, sizeof d->ops_owner, "%s", o.ops);
		}
		if (!o.contract[0] && sj && sj->open_without_contract)
			return 0;
		if (!o.contract[0] || !o.found) {
			*code = "policy.no_contract";
			return 0;
		}
		if (relation & OWN && strcmp(o.sales, a->person)) {
			*code = "policy.not_own";
			return 0;
		}
		if (relation & UNIT) {
			char *unit = NULL;
			int yes = 0;
			if (person_unit(s, a->person, &unit, err) ||
			    unit_covers(s, unit, o.ops[0] ? o.ops : NULL, &yes, err)) {
				xfree(unit);
				return -1;
			}
			xfree(unit);
			if (!yes) {
				*code = "policy.not_unit";
				return 0;
			}
		}
	}
	return 0;
}

static void deny(struct policy_decision *d, enum app_status status, const char *code,
		 const char *field)
{
	d->effect = DENY;
	d->status = status;
	d->code = code;
	if (field)
		d->field = field;
}

/* The lifecycle guards that are not about who but about the state: the
 * review behind a won proposal stays, a proposal with reviews stays. */
static int lifecycle_guard(struct store *s, const struct table *t, enum policy_action action,
			   const struct record *before, const struct record *after,
			   struct policy_decision *d, struct buf *err)
{
	if (!strcmp(t->name, "feasibility_reviews")) {
		const struct table *pt = schema_find("proposals");
		int status_col = schema_column(pt, "status");
		const struct record *r[2] = { before, after };
		for (int k = 0; k < 2; k++) {
			if (!r[k])
				continue;
			const char *key[1] = { r[k]->values[schema_column(t, "proposal_id")] };
			struct record p;
			if (!key[0])
				continue;
			int rc = records_get(s, pt, key, &p, err);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				int won = same(p.values[status_col], "won");
				record_free(pt, &p);
				if (won) {
					deny(d, APP_CONFLICT, "policy.won_review", NULL);
					return 0;
				}
			}
		}
	}
	if (!strcmp(t->name, "proposals") && action == POLICY_DELETE && before) {
		const struct table *rt = schema_find("feasibility_reviews");
		struct record_filter f = { "proposal_id", before->values[0] };
		struct record_list l;
		if (records_list(s, rt, &f, 1, 1, 0, &l, err))
			return -1;
		int64_t n = l.total;
		record_list_free(rt, &l);
		if (n > 0)
			deny(d, APP_CONFLICT, "policy.proposal_reviews", NULL);
	}
	return 0;
}

int policy_decide(struct store *s, const struct policy_actor *a, const struct table *t,
		  enum policy_action action, const struct record *before,
		  const struct record *after, struct policy_decision *d, struct buf *err)
{
	unsigned bit = 1u << action;
	int judged = 0;
	const char *code;

	memset(d, 0, sizeof *d);
	d->effect = ALLOW;
	d->status = APP_OK;
	if (!(policy_roles(t->name, action) & a->role)) {
		deny(d, APP_FORBIDDEN, "policy.role", NULL);
		return 0;
	}
	for (size_t i = 0; i < t->n_columns && action <= POLICY_DELETE; i++) {
		const char *old = before ? before->values[i] : NULL;
		const char *new = after ? after->values[i] : NULL;
		int changed = action == POLICY_DELETE ? old != NULL
			: action == POLICY_CREATE ? new != NULL : !same(old, new);
		if (!changed)
			continue;
		const char *group = group_of(t->name, t->columns[i].name);
		const struct rule *row = NULL;
		int group_has_rows = 0;
		for (size_t r = 0; r < N_RULES; r++) {
			const struct rule *ru = &rules[r];
			if (strcmp(ru->kind, t->name) || !same_group(ru->fields, group) || !(ru->actions & bit))
				continue;
			group_has_rows = 1;
			if (!row && ru->roles & a->role && when_holds(t, ru->when, before) &&
			    when_holds(t, ru->when, after))
				row = ru;
		}
		if (!group_has_rows)
			continue;
		judged = 1;
		if (!row) {
			deny(d, APP_FORBIDDEN, group ? "policy.field" : "policy.role", t->columns[i].name);
			return 0;
		}
		if (row->effect == DENY) {
			deny(d, APP_FORBIDDEN, row->code ? row->code : "policy.field", t->columns[i].name);
			return 0;
		}
		if (row->values && new && !in_list(row->values, new)) {
			deny(d, APP_FORBIDDEN, row->code ? row->code : "policy.field", t->columns[i].name);
			return 0;
		}
		for (int k = 0; k < 2; k++) {
			if (relation_holds(s, a, t, k ? after : before, row->relation, &code, d, err))
				return -1;
			if (code) {
				deny(d, APP_FORBIDDEN, code, NULL);
				return 0;
			}
		}
		if (row->effect == PROPOSE && d->effect != PROPOSE) {
			d->effect = PROPOSE;
			d->confirmer = row->confirmer;
		}
	}
	if (!judged) {
		/* A lifecycle action, or an update that changes nothing: the
		 * role's first row for the action, with its relation. */
		const struct rule *row = NULL;
		for (size_t r = 0; r < N_RULES && !row; r++)
			if (!strcmp(rules[r].kind, t->name) && rules[r].actions & bit &&
			    rules[r].roles & a->role && rules[r].effect != DENY &&
			    when_holds(t, rules[r].when, before) && when_holds(t, rules[r].when, after))
				row = &rules[r];
		if (!row) {
			deny(d, APP_FORBIDDEN, "policy.role", NULL);
			return 0;
		}
		if (action == POLICY_REVIEW && row->relation & SELF && !a->person) {
			deny(d, APP_FORBIDDEN, "policy.no_person", NULL);
			return 0;
		}
		for (int k = 0; k < 2; k++) {
			if (relation_holds(s, a, t, k ? after : before, row->relation, &code, d, err))
				return -1;
			if (code) {
				deny(d, APP_FORBIDDEN, code, NULL);
				return 0;
			}
		}
		/* A no-op changes nothing: nothing to confirm. */
		if (action > POLICY_DELETE && row->effect == PROPOSE) {
			d->effect = PROPOSE;
			d->confirmer = row->confirmer;
		}
	}
	if (action <= POLICY_DELETE && lifecycle_guard(s, t, action, before, after, d, err))
		return -1;
	return 0;
}

int policy_may_confirm(struct store *s, const struct policy_actor *a, enum policy_confirmer c,
		       const char *contract, const char *sales_owner, const char *ops_owner,
		       int *ok, struct buf *err)
{
	const struct table *ct = schema_find("contracts");
	struct record r;
	int have = 0, ret = 0;
	*ok = 0;
	if (!a->person)
		return 0;
	if (a->role == ROLE_EXECUTIVE) {
		*ok = 1;
		return 0;
	}
	if (c == CONFIRM_EXECUTIVE || !contract || !*contract)
		return 0;
	const char *key[1] = { contract };
	int rc = records_get(s, ct, key, &r, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		have = 1;
		sales_owner = r.values[schema_column(ct, "sales_owner")];
		ops_owner = r.values[schema_column(ct, "ops_owner")];
	}
	if (c == CONFIRM_SALES_OWNER && a->role == ROLE_SALES) {
		*ok = same(sales_owner, a->person);
	} else if (c == CONFIRM_OPERATIONS && a->role == ROLE_OPERATIONS && ops_owner && *ops_owner) {
		char *unit = NULL;
		ret = person_unit(s, a->person, &unit, err);
		if (!ret)
			ret = unit_covers(s, unit, ops_owner, ok, err);
		xfree(unit);
	}
	if (have)
		record_free(ct, &r);
	return ret;
}

/* --- the table as text -------------------------------------------------- */

static void relation_text(struct buf *out, unsigned rel)
{
	int n = 0;
	if (rel & OWN)
		buf_addf(out, "%sown", n++ ? "+" : "");
	if (rel & UNIT)
		buf_addf(out, "%sunit", n++ ? "+" : "");
	if (rel & SELF)
		buf_addf(out, "%sself", n++ ? "+" : "");
	if (!n)
		buf_adds(out, "any");
}

static const char *effect_name(enum policy_effect e)
{
	return e == ALLOW ? "allow" : e == PROPOSE ? "propose" : "deny";
}

/* One cell of the markdown table: what role may do to kind's group. */
static void cell_text(struct buf *out, const struct rule *ru)
{
	struct buf rel = BUF_INIT;
	relation_text(&rel, ru->relation);
	for (int a = 0, n = 0; a < POLICY_N_ACTIONS; a++)
		if (ru->actions & (1u << a))
			buf_addf(out, "%s%s", n++ ? "/" : "", policy_action_names[a]);
	buf_addf(out, ": %s", effect_name(ru->effect));
	if (ru->effect == PROPOSE)
		buf_addf(out, " → %s confirms", policy_confirmer_name(ru->confirmer));
	if (ru->relation)
		buf_addf(out, " (%s)", rel.data);
	if (ru->when)
		buf_addf(out, " [%s]", ru->when);
	if (ru->values)
		buf_addf(out, " [status %s]", ru->values);
	buf_release(&rel);
}

int policy_table_text(struct buf *out, const char *format)
{
	static const enum role roles[] = { ROLE_ADMIN, ROLE_EXECUTIVE, ROLE_SALES, ROLE_OPERATIONS };
	int tsv = !strcmp(format, "tsv"), md = !strcmp(format, "markdown");
	if (!tsv && !md && strcmp(format, "text"))
		return -1;
	if (tsv)
		buf_adds(out, "kind\tfields\taction\trole\teffect\trelation\tconfirmer\twhen\tvalues\n");
	if (md)
		buf_adds(out, "| record | fields | admin | executive | sales | operations |\n"
			 "|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < N_RULES; i++) {
		const struct rule *ru = &rules[i];
		/* Each kind and group once, in table order. */
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(rules[j].kind, ru->kind) && same_group(rules[j].fields, ru->fields))
				seen = 1;
		if (seen)
			continue;
		int every = !strcmp(ru->kind, "*");
		const char *kind = every ? "every kind" : ru->kind;
		const char *fields = every ? "(dated in a frozen year)" : ru->fields ? ru->fields : "(record)";
		if (md)
			buf_addf(out, "| %s | %s |", kind, fields);
		else if (!tsv)
			buf_addf(out, "%s %s\n", kind, fields);
		for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
			int cells = 0;
			for (size_t j = i; j < N_RULES; j++) {
				const struct rule *rj = &rules[j];
				if (strcmp(rj->kind, ru->kind) || !same_group(rj->fields, ru->fields) ||
				    !(rj->roles & roles[r]))
					continue;
				if (tsv) {
					for (int a = 0; a < POLICY_N_ACTIONS; a++) {
						if (!(rj->actions & (1u << a)))
							continue;
						buf_addf(out, "%s\t%s\t%s\t%s\t%s\t", rj->kind,
							 rj->fields ? rj->fields : "*", policy_action_names[a],
							 role_name(roles[r]), effect_name(rj->effect));
						relation_text(out, rj->relation);
						buf_addf(out, "\t%s\t%s\t%s\n",
							 rj->effect == PROPOSE ? policy_confirmer_name(rj->confirmer) : "-",
							 rj->when ? rj->when : "-", rj->values ? rj->values : "-");
					}
					/* Who confirms what this row proposes. */
					if (rj->effect == PROPOSE) {
						unsigned cr = confirmer_role(rj->confirmer);
						buf_addf(out, "%s\t%s\tconfirm\t%s\tallow\t", rj->kind,
							 rj->fields ? rj->fields : "*", role_name(cr));
						relation_text(out, confirmer_relation(rj->confirmer));
						buf_addf(out, "\t-\t%s\t-\n", rj->when ? rj->when : "-");
						if (cr != E)
							buf_addf(out, "%s\t%s\tconfirm\texecutive\tallow\tany\t-\t%s\t-\n",
								 rj->kind, rj->fields ? rj->fields : "*",
								 rj->when ? rj->when : "-");
					}
				} else if (md) {
					buf_adds(out, cells ? "; " : " ");
					cell_text(out, rj);
				} else {
					buf_addf(out, "  %-11s ", role_name(roles[r]));
					cell_text(out, rj);
					buf_addc(out, '\n');
				}
				cells++;
			}
			if (md)
				buf_adds(out, cells ? " |" : " — |");
		}
		if (md)
			buf_addc(out, '\n');
	}
	return 0;
}
