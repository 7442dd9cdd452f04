/* SPDX-License-Identifier: MIT */
/* SLA feeds in the store (issue 19, docs/feeds.md): the canonical
 * intervals of each source id, kept as one row per source and local day
 * (table feed_days), the ticket SLA outcomes (feed_tickets), which source
 * feeds which contract metric (feed_links), and the daily measurements
 * derived from them. A day's measurement is always recomputed from every
 * stored interval of that day, so importing overlapping files, a day split
 * over several files or the same file twice gives the same measurements
 * as importing it once. */
#ifndef TANDEM_FEED_STORE_H
#define TANDEM_FEED_STORE_H

#include <stdint.h>

#include "io/feed.h"
#include "store/store.h"

struct feed_import_options {
	const struct feed_format *format;
	int dry_run;             /* check and compute everything, write nothing */
	int strict;              /* a source id the map does not name is an error */
	int progress;            /* a progress line on stderr */
	const char *actor;       /* for the audit log; NULL: the CLI user */
	/* Called at most every 250 ms and after each file with the records
	 * read and the bytes of the files given as bytes parsed so far (a
	 * background job's progress); NULL: none. */
	void (*on_progress)(void *ctx, uint64_t records, uint64_t bytes);
	void *progress_ctx;
};

struct feed_import_result {
	uint64_t records;        /* intervals or ticket outcomes read */
	uint64_t skipped;        /* of source ids the map does not name */
	uint64_t errors;
	uint64_t days;           /* daily measurements written */
	uint64_t removed;        /* daily measurements removed (no denominator left) */
	int64_t batch;
	int files;
};

/* Checks the map against the store and the format, reads every file and,
 * in one transaction, stores the intervals and derives the measurements.
 * Problems (and the notes about unmapped source ids) go to report, one a
 * line. Returns 0 (written, or checked for a dry run), 1 when the input
 * had problems (nothing written), -1 on a storage failure (err). */
int store_feed_import(struct store *s, const struct feed_map *map, const struct feed_file *files,
		      int n_files, const struct feed_import_options *opt,
		      struct feed_import_result *res, struct buf *report, struct buf *err);

/* Where a contract metric's daily measurements came from: fn is called
 * for each day from..to (DAY_NONE: open) with the format, source id, the
 * files its intervals or tickets came from (newline-separated), and how
 * many intervals or tickets the day has. Returns 0, -1 on an error, or
 * fn's non-zero value. */
typedef int (*feed_source_fn)(void *ctx, day_t day, const char *format, const char *source_id,
			      const char *measure, const char *files, int64_t items);
int store_feed_sources(struct store *s, const char *contract, const char *metric, day_t from,
		       day_t to, feed_source_fn fn, void *ctx, struct buf *err);

/* The feeds behind a contract's daily measurements from..to, per metric,
 * format and source id, in that order (the evidence of `tandem explain`).
 * *out is the caller's: feed_evidence_free(*out, *n). Returns 0, or -1
 * (err). */
int store_feed_evidence(struct store *s, const char *contract, day_t from, day_t to,
			struct feed_evidence **out, size_t *n, struct buf *err);

/* Per contract metric and source: what feeds a contract, for its page. */
struct feed_summary {
	const char *metric, *format, *source_id, *measure;
	const char *first_day, *last_day;   /* YYYY-MM-DD */
	int64_t days, items;                /* days with data; intervals or tickets */
};
typedef int (*feed_summary_fn)(void *ctx, const struct feed_summary *f);
int store_feed_contract_sources(struct store *s, const char *contract, feed_summary_fn fn, void *ctx,
				struct buf *err);

/* Maps stored by name (the web import page's): put replaces (audited as
 * create or update, inside its own transaction); get gives the body, which
 * the caller frees with xfree(), and returns 0, 1 when there is none, or
 * -1; list calls fn in name order. */
int store_feed_map_put(struct store *s, const char *name, const char *body, const char *actor,
		       struct buf *err);
int store_feed_map_get(struct store *s, const char *name, char **body, struct buf *err);
typedef int (*feed_map_fn)(void *ctx, const char *name, const char *updated_at,
			   const char *updated_by);
int store_feed_map_list(struct store *s, feed_map_fn fn, void *ctx, struct buf *err);

/* The tables (migration 6). */
int store_feed_migrate(struct store *s, struct buf *err);

#endif
