/* SPDX-License-Identifier: MIT */
/* Closed years (SPEC §2): once a year's results are frozen, evidence dated
 * in that year changes only through a correction — an executive's, with a
 * reason — and each correction is in the audit log, so that `verify` can
 * name the corrections made since the freeze. The rule is checked here, on
 * the store's own write paths (the importer, which every record form and
 * API write goes through, record deletion, the proposal actions), so that
 * no route can pass it by. */
#ifndef TANDEM_CLOSED_H
#define TANDEM_CLOSED_H

#include "domain/schema.h"
#include "store/store.h"

/* The column whose date places a record of kind t in a year (SPEC §5,
 * "Dated in Y": each record's own date), or -1 for kinds that are not
 * dated (org_units, people, clients, sla_metrics). */
int closed_date_column(const struct table *t);

/* The frozen years of a store. */
struct closed_years {
	int n;
	int years[64];
};
int closed_years_load(struct store *s, struct closed_years *out, struct buf *err);
/* The year of an ISO date or month ("2025-03-01", "2025-03") when it is one
 * of c's, else 0. */
int closed_year_of(const struct closed_years *c, const char *date, size_t len);
int closed_has(const struct closed_years *c, int year);

/* The message of a refused write, the same everywhere:
 * "2025 is a closed year (its results were frozen): ...". */
void closed_refusal(struct buf *out, int year);

/* Makes the next writes through s corrections with reason (NULL: none),
 * by actor: the caller has checked that an executive asks for it (the CLI
 * operator is trusted as the store's owner). */
void closed_set_correction(struct store *s, const char *reason);
const char *closed_correction(const struct store *s);

/* One correction's audit entry: action "correction", entity the kind, key
 * the year, after {"reason":..., "rows":N, "keys":[...]} with the keys of
 * up to 20 of the rows (keys_json: a JSON array, or NULL). */
int closed_audit(struct store *s, const char *actor, const char *kind, int year, long rows,
		 const char *keys_json, struct buf *err);

/* What verify says about a frozen year: the audit head the freeze left
 * ("SEQ:HASH" into head[96], "" when the log has no freeze entry) and one
 * line per correction of year made since, "#SEQ AT ACTOR KIND: N rows:
 * REASON", into lines; *n counts them. 0, or -1 with err. */
int closed_corrections(struct store *s, int year, char head[96], struct buf *lines, long *n,
		       struct buf *err);

/* For a single write of a record of kind with date (NULL: undated), key
 * for messages: 0 allowed (a correction is audited); the closed year (a
 * number > 0) when refused (err holds the message); -1 storage error. */
int closed_check(struct store *s, const char *actor, const char *kind, const char *date,
		 const char *key, struct buf *err);

#endif
