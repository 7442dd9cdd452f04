/* SPDX-License-Identifier: MIT */
/* Who may write which records (SPEC §2, separation of duties), as two
 * tables the router and the record writer consult: the kind × role writers
 * and the field-level rules within a kind. The rated never rates
 * themselves: sales does not write manual ratings, handover acceptance,
 * feasibility reviews or relationship ratings; operations does not mark
 * proposals won or touch a contract's commercial fields. */
#include "web/web_impl.h"

#include <string.h>

#define A ROLE_ADMIN
#define E ROLE_EXECUTIVE
#define S ROLE_SALES
#define O ROLE_OPERATIONS

/* Sorted by kind. Admin corrects anything (it also runs imports). */
static const struct {
	const char *kind;
	unsigned writers;
	const char *why;
} record_writers[] = {
	{ "clients", A | S, "sales brings in clients" },
	{ "contracts", A | S | O, "sales: commercial fields; operations: the ramp-up dates and ops owner" },
	{ "expansions", A | S, "booked by sales; they score operations (O1.1)" },
	{ "feasibility_reviews", A | O, "operations reviews what sales proposes" },
	{ "financials", A, "from finance, through the admin; they score sales (S2.2)" },
	{ "handover", A | S | O, "sales lists the items; only operations accepts them" },
	{ "innovations", A | O, "operations' own improvement records" },
	{ "manual_ratings", A | O, "operations rates the manual sales prepared" },
	{ "measurements", A | O, "the SLA feed, run by operations" },
	{ "org_units", A, "the organization" },
	{ "people", A, "the organization" },
	{ "proposals", A | S | O, "operations may propose, but not mark a proposal won" },
	{ "readiness", A | O, "operations confirms readiness at go-live" },
	{ "references", A | S, "they score operations (O2.3)" },
	{ "relationship_ratings", A | E, "by executives, never by operations, which O2.1 scores" },
	{ "renewals", A | S, "commercial; they score operations (O1.3)" },
	{ "scope_changes", A | O, "recorded by operations; they score sales (S2.3)" },
	{ "sla_metrics", A | S, "SLA terms are part of the contract sales signs" },
	{ "sla_terms", A | S, "SLA terms are part of the contract sales signs" },
};

unsigned perm_record_writers(const struct table *t)
{
	size_t lo = 0, hi = sizeof record_writers / sizeof record_writers[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->name, record_writers[mid].kind);
		if (!c)
			return record_writers[mid].writers;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return A;
}

enum rule_kind {
	RULE_ONLY,          /* the role may change only `columns` (and may not create or delete) */
	RULE_NOT,           /* the role may not set or change `columns` */
	RULE_NOT_VALUE,     /* the role may not set `columns` to `value` */
	RULE_OWNER,         /* the role may only write records whose `columns` is its person */
};

static const struct field_rule {
	const char *kind;
	unsigned roles;
	enum rule_kind rule;
	const char *columns;      /* comma-separated */
	const char *value;
	const char *why;
} field_rules[] = {
	{ "contracts", O, RULE_ONLY, "ramp_started_on,staffed_on,go_live_on,ops_owner", NULL,
	  "operations may change only a contract's ramp-up dates and ops owner" },
	{ "contracts", S, RULE_NOT, "ramp_started_on,staffed_on,go_live_on", NULL,
	  "the ramp-up dates are recorded by operations" },
	{ "contracts", S, RULE_OWNER, "sales_owner", NULL,
	  "sales may write only the contracts it owns" },
	{ "handover", S, RULE_NOT, "accepted_on", NULL,
	  "handover items are accepted by operations, not by sales" },
	{ "proposals", O, RULE_NOT_VALUE, "status", "won",
	  "operations cannot mark a proposal won" },
};

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

int perm_check_change(const struct table *t, enum role role, const char *person,
		      enum perm_op op, const struct record *before, const struct record *after,
		      struct buf *msg, const char **field)
{
	*field = NULL;
	for (size_t r = 0; r < sizeof field_rules / sizeof field_rules[0]; r++) {
		const struct field_rule *fr = &field_rules[r];
		if (strcmp(fr->kind, t->name) || !(fr->roles & role))
			continue;
		switch (fr->rule) {
		case RULE_ONLY:
			if (op != PERM_UPDATE) {
				buf_addf(msg, "%s", fr->why);
				return -1;
			}
			for (size_t i = 0; i < t->n_columns; i++)
				if (!in_list(fr->columns, t->columns[i].name) &&
				    !same(before->values[i], after->values[i])) {
					*field = t->columns[i].name;
					buf_addf(msg, "%s", fr->why);
					return -1;
				}
			break;
		case RULE_NOT:
			for (size_t i = 0; i < t->n_columns; i++) {
				if (!in_list(fr->columns, t->columns[i].name))
					continue;
				const char *old = before ? before->values[i] : NULL;
				const char *new = after ? after->values[i] : NULL;
				/* A delete removes the value too. */
				if (!same(old, new) || (op == PERM_DELETE && old)) {
					*field = t->columns[i].name;
					buf_addf(msg, "%s", fr->why);
					return -1;
				}
			}
			break;
		case RULE_NOT_VALUE: {
			int i = schema_column(t, fr->columns);
			const char *old = before ? before->values[i] : NULL;
			const char *new = after ? after->values[i] : NULL;
			if (new && !strcmp(new, fr->value) && !same(old, new)) {
				*field = t->columns[i].name;
				buf_addf(msg, "%s", fr->why);
				return -1;
			}
			break;
		}
		case RULE_OWNER: {
			int i = schema_column(t, fr->columns);
			const char *old = before ? before->values[i] : NULL;
			const char *new = after ? after->values[i] : NULL;
			if (!person || (before && !same(old, person)) || (after && !same(new, person))) {
				*field = t->columns[i].name;
				buf_addf(msg, "%s%s", fr->why,
					 person ? "" : " (this account is not linked to a person)");
				return -1;
			}
			break;
		}
		}
	}
	return 0;
}

void web_record_perms_text(struct buf *out, int md)
{
	if (md) {
		buf_adds(out, "| record kind |");
		for (int i = 0; role_names[i]; i++)
			buf_addf(out, " %s |", role_names[i]);
		buf_adds(out, " why |\n|---|");
		for (int i = 0; role_names[i]; i++)
			buf_adds(out, "---|");
		buf_adds(out, "---|\n");
	}
	for (size_t k = 0; k < sizeof record_writers / sizeof record_writers[0]; k++) {
		buf_addf(out, md ? "| %s |" : "%-22s", record_writers[k].kind);
		for (int i = 0; role_names[i]; i++) {
			int w = record_writers[k].writers & (1u << i);
			if (md)
				buf_adds(out, w ? " write |" : " read |");
			else
				buf_addf(out, " %-10s", w ? role_names[i] : "-");
		}
		buf_addf(out, md ? " %s |\n" : " %s\n", record_writers[k].why);
	}
	if (md)
		buf_adds(out, "\nField-level rules within a kind:\n\n| kind | role | rule |\n|---|---|---|\n");
	else
		buf_adds(out, "\nfield rules:\n");
	for (size_t r = 0; r < sizeof field_rules / sizeof field_rules[0]; r++) {
		const struct field_rule *fr = &field_rules[r];
		const char *rn = role_name(fr->roles);
		buf_addf(out, md ? "| %s | %s | %s |\n" : "%-22s %-10s %s\n", fr->kind, rn ? rn : "?",
			 fr->why);
	}
}
