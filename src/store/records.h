/* SPDX-License-Identifier: MIT */
/* Single records of the SPEC §4 kinds, as the web reads and deletes them:
 * a record is an array of text values in the schema's column order (NULL
 * for an empty cell), decimals printed exactly as they were imported.
 * Creating and updating goes through the importer (store/import.h), so the
 * validation is the same everywhere; this file reads, lists, deletes and
 * writes the before/after audit entries. Arrays returned are owned by the
 * caller and freed with record_free() / record_list_free(). */
#ifndef TANDEM_RECORDS_H
#define TANDEM_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "domain/schema.h"
#include "store/store.h"

struct record {
	char **values;            /* t->n_columns entries; NULL = empty */
	int64_t src_batch, src_line;
};

struct record_list {
	struct record *rows;
	size_t n;
	int64_t total;            /* rows matching the filters, ignoring limit/offset */
};

/* One equality filter: column name and value as text. */
struct record_filter {
	const char *column;
	const char *value;
};

/* The number of key columns of t, and their indexes into out (up to 8). */
size_t record_key_columns(const struct table *t, int out[8]);

/* Reads the record with the given key values (in key-column order).
 * Returns 0 with *out, 1 when there is none, -1 with err. */
int records_get(struct store *s, const struct table *t, const char *const *key,
		struct record *out, struct buf *err);
/* The same for many reads of one kind (the importer): *st is prepared on
 * the first call and kept; the caller ends it with stmt_finalize(). Not for
 * measurements (t->blocks). */
int records_get_cached(struct store *s, const struct table *t, struct stmt **st,
		       const char *const *key, struct record *out, struct buf *err);
/* Lists records sorted by key. A filter on an unknown column or with a
 * value that does not parse for its column is reported in err with -2. */
int records_list(struct store *s, const struct table *t, const struct record_filter *filters,
		 size_t n_filters, int64_t limit, int64_t offset, struct record_list *out,
		 struct buf *err);
/* records_list() with a text filter as well (NULL or "": none): rows where
 * any text or id column contains text, ignoring ASCII case, or refers to a
 * client, person or unit whose name contains it. -2 for measurements (no
 * text filter there). */
int records_search(struct store *s, const struct table *t, const struct record_filter *filters,
		   size_t n_filters, const char *text, int64_t limit, int64_t offset,
		   struct record_list *out, struct buf *err);
/* records_search() sorted first by column index sort_col (−1: by the key
 * only), descending when desc, rows without a value last, then by the key.
 * Measurements (t->blocks) are always by their key. */
int records_search_sorted(struct store *s, const struct table *t, const struct record_filter *filters,
			  size_t n_filters, const char *text, int sort_col, int desc, int64_t limit,
			  int64_t offset, struct record_list *out, struct buf *err);

/* A record found by its name: clients, people and org units by their own
 * name, contracts by their client's. Both strings owned by the array. */
struct named_record {
	char *id, *name;
	int exact;                /* the id or the whole name equals the text */
};
/* Up to limit records whose id or name contains text (ASCII case ignored),
 * exact matches first, then by id. *out is freed with named_records_free().
 * Returns 0, -2 when t has no names, -1 with err. */
int records_named(struct store *s, const struct table *t, const char *text, int64_t limit,
		  struct named_record **out, size_t *n, struct buf *err);
void named_records_free(struct named_record *r, size_t n);
/* Every value of t's first column (its id), unordered; the caller frees
 * each string and the array. Returns 0 or -1 with err. */
int records_ids(struct store *s, const struct table *t, char ***ids, size_t *n, struct buf *err);

/* Deletes a record and appends its audit entry in one transaction.
 * Returns 0, 1 when there is none, 2 when other records still refer to
 * it, 3 when it is dated in a closed year (*closed_year) and this is no
 * correction (nothing deleted; err says so), -1 with err. */
int records_delete(struct store *s, const struct table *t, const char *const *key,
		   const char *actor, int *closed_year, struct buf *err);
/* Appends an audit entry for a change made through the importer, with the
 * record before (NULL for a create) and after, in its own transaction. */
int records_audit(struct store *s, const struct table *t, const char *action,
		  const struct record *before, const struct record *after, const char *actor,
		  struct buf *err);

/* The record as a JSON object (column → value; decimals and counts as
 * numbers, empty as null). */
void record_json(const struct table *t, const struct record *r, struct buf *out);
/* The key as "K1/AHT/2026-01-05" (key values joined by '/'). */
void record_key_text(const struct table *t, const struct record *r, struct buf *out);
/* A one-row CSV file of the record's kind: header line, then the row. */
void record_csv(const struct table *t, const char *const *values, struct buf *out);


/* The audit log, newest first. */
struct audit_row {
	int64_t seq;
	char *at, *actor, *action, *entity, *key, *before, *after;
};
int records_audit_list(struct store *s, int64_t limit, int64_t offset, const char *entity,
		       struct audit_row **rows, size_t *n, int64_t *total, struct buf *err);
/* The audit log filtered: each field NULL or "" for no filter; from and
 * before compare the entry's UTC time text ("2026-01-05T00:00:00Z"). */
struct audit_query {
	const char *actor;        /* "user:kim" */
	const char *entity;       /* a kind, or "model", "results", "user" */
	const char *key;          /* the entity key, exactly */
	const char *from, *before;
};
int records_audit_query(struct store *s, const struct audit_query *q, int64_t limit, int64_t offset,
			struct audit_row **rows, size_t *n, int64_t *total, struct buf *err);
void records_audit_list_free(struct audit_row *rows, size_t n);

void record_free(const struct table *t, struct record *r);
void record_list_free(const struct table *t, struct record_list *l);

#endif
