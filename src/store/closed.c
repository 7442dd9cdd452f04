/* SPDX-License-Identifier: MIT */
/* Closed years (closed.h): which column dates each kind, the frozen years,
 * the refusal and the correction's audit entry. */
#include "store/closed.h"

#include "io/jsonw.h"
#include "store/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SPEC §5 "Dated in Y": expansions, ratings, references and innovations by
 * their date; contracts by signed_on; renewals by due_on; proposals by
 * proposed_on; the rest of the evidence by the date it records. */
static const struct { const char *kind, *column; } dated_by[] = {
	{ "contracts", "signed_on" },
	{ "expansions", "date" },
	{ "feasibility_reviews", "reviewed_on" },
	{ "financials", "month" },
	{ "handover", "accepted_on" },
	{ "innovations", "date" },
	{ "manual_ratings", "rated_on" },
	{ "measurements", "date" },
	{ "proposals", "proposed_on" },
	{ "readiness", "done_on" },
	{ "references", "date" },
	{ "relationship_ratings", "date" },
	{ "renewals", "due_on" },
	{ "scope_changes", "date" },
};

int closed_date_column(const struct table *t)
{
	for (size_t i = 0; i < sizeof dated_by / sizeof dated_by[0]; i++)
		if (!strcmp(dated_by[i].kind, t->name))
			return schema_column(t, dated_by[i].column);
	return -1;
}

int closed_years_load(struct store *s, struct closed_years *out, struct buf *err)
{
	struct stmt *st;
	int rc;
	out->n = 0;
	if (store_prepare(s, "SELECT year FROM frozen_results ORDER BY year", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW)
		if (out->n < (int)(sizeof out->years / sizeof out->years[0]))
			out->years[out->n++] = (int)stmt_int64(st, 0);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

int closed_year_of(const struct closed_years *c, const char *date, size_t len)
{
	int y = 0;
	if (!c->n || !date || len < 4)
		return 0;
	for (int i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (date[i] - '0');
	}
	for (int i = 0; i < c->n; i++)
		if (c->years[i] == y)
			return y;
	return 0;
}

int closed_has(const struct closed_years *c, int year)
{
	for (int i = 0; i < c->n; i++)
		if (c->years[i] == year)
			return 1;
	return 0;
}

void closed_refusal(struct buf *out, int year)
{
	buf_addf(out, "%d is a closed year (its results were frozen): its evidence changes only "
		 "through an executive's correction with a reason", year);
}

void closed_set_correction(struct store *s, const char *reason)
{
	s->correction = reason && *reason ? reason : NULL;
}

const char *closed_correction(const struct store *s)
{
	return s->correction;
}

int closed_audit(struct store *s, const char *actor, const char *kind, int year, long rows,
		 const char *keys_json, struct buf *err)
{
	struct buf after = BUF_INIT;
	char key[16];
	int rc;
	buf_adds(&after, "{\"reason\":");
	json_write_string(&after, s->correction ? s->correction : "", s->correction ? strlen(s->correction) : 0);
	buf_addf(&after, ",\"rows\":%ld", rows);
	if (keys_json)
		buf_addf(&after, ",\"keys\":%s", keys_json);
	buf_addc(&after, '}');
	snprintf(key, sizeof key, "%d", year);
	struct audit_entry e = { actor, "correction", kind, key, NULL, after.data };
	rc = audit_append(s, &e, err);
	buf_release(&after);
	return rc;
}

int closed_check(struct store *s, const char *actor, const char *kind, const char *date,
		 const char *key, struct buf *err)
{
	struct closed_years c;
	int year;
	if (!date)
		return 0;
	if (closed_years_load(s, &c, err))
		return -1;
	year = closed_year_of(&c, date, strlen(date));
	if (!year)
		return 0;
	if (!s->correction) {
		buf_addf(err, "%s '%s': ", kind, key);
		closed_refusal(err, year);
		return year;
	}
	struct buf keys = BUF_INIT;
	buf_addc(&keys, '[');
	json_write_string(&keys, key, strlen(key));
	buf_addc(&keys, ']');
	int rc = closed_audit(s, actor, kind, year, 1, keys.data, err);
	buf_release(&keys);
	return rc ? -1 : 0;
}

int closed_corrections(struct store *s, int year, char head[96], struct buf *lines, long *n,
		       struct buf *err)
{
	struct stmt *st;
	char key[16];
	int64_t since = 0;
	int rc;
	head[0] = '\0';
	*n = 0;
	snprintf(key, sizeof key, "%d", year);
	if (store_prepare(s, "SELECT seq, hash FROM audit_log WHERE action = 'freeze' AND entity = 'results'"
			  " AND entity_key = ? ORDER BY seq DESC LIMIT 1", &st, err))
		return -1;
	stmt_bind_str(st, 1, key);
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		since = stmt_int64(st, 0);
		snprintf(head, 96, "%lld:%s", (long long)since, stmt_text(st, 1, NULL));
	} else if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
	}
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return -1;
	if (store_prepare(s, "SELECT seq, at, actor, entity, after_value FROM audit_log"
			  " WHERE action = 'correction' AND entity_key = ? AND seq > ? ORDER BY seq", &st, err))
		return -1;
	stmt_bind_str(st, 1, key);
	stmt_bind_int64(st, 2, since);
	while ((rc = stmt_step(st)) == STORE_ROW) {
		buf_addf(lines, "  #%lld %s %s %s: %s\n", (long long)stmt_int64(st, 0), stmt_text(st, 1, NULL),
			 stmt_text(st, 2, NULL), stmt_text(st, 3, NULL),
			 stmt_is_null(st, 4) ? "" : stmt_text(st, 4, NULL));
		(*n)++;
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}
