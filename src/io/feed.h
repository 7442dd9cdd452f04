/* SPDX-License-Identifier: MIT */
/* SLA feeds (issue 19, docs/feeds.md): contact-center and ticket-system
 * exports read into canonical intervals and ticket SLA outcomes, and the
 * map (MAP.json) that says which source id feeds which contract metric.
 * Parsers turn bytes into records through a callback and never touch the
 * store; store/feed_store.c keeps what they give and derives the daily
 * measurements. A struct feed_map is the caller's (feed_map_free()). */
#ifndef TANDEM_FEED_H
#define TANDEM_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "domain/date.h"
#include "domain/decimal.h"

/* --- time zones ------------------------------------------------------- */

/* A time zone of the system tz database (Asia/Seoul, Europe/Berlin, UTC).
 * Conversions set TZ for the call, under a lock, and put it back, so they
 * are correct across DST changes and safe in the server's threads. */
struct feed_tz {
	char name[64];
	/* The last local day looked up: [day_start, day_end) in UTC seconds. */
	int64_t day_start, day_end;
	day_t day;
	/* The last local day converted to UTC, and its offset when constant. */
	day_t local_day;
	int64_t local_offset;   /* local − UTC in seconds; INT64_MIN: not constant */
};
/* Checks the name against the tz database; 0, or -1 with err. */
int feed_tz_init(struct feed_tz *tz, const char *name, struct buf *err);
/* The local time of a UTC instant as "YYYY-MM-DD HH:MM:SS". */
void feed_tz_local(const struct feed_tz *tz, int64_t utc, char out[20]);
/* The local day of a UTC instant. */
day_t feed_tz_day(struct feed_tz *tz, int64_t utc);
/* A local wall-clock time (day and seconds of the day) as UTC seconds: a
 * time that does not exist (skipped by DST) or is ambiguous takes the
 * offset before the change. */
int64_t feed_tz_utc(struct feed_tz *tz, day_t day, int seconds);

/* Parses a timestamp: "YYYY-MM-DD[T ]HH:MM[:SS[.fff]]" followed by "Z",
 * "+HH:MM", "+HHMM" or nothing (then it is local time in tz), or a plain
 * "YYYY-MM-DD" (local midnight). Returns 0 with *utc, or -1. */
int feed_parse_time(const char *s, size_t len, struct feed_tz *tz, int64_t *utc);

/* --- records ------------------------------------------------------------ */

/* One source id's counts over one interval. Times are seconds in
 * micro-units (milliseconds divided exactly). */
struct feed_interval {
	const char *source_id;
	size_t source_len;
	int64_t start;              /* UTC seconds */
	int64_t offered, answered, within, abandoned, short_abandoned, handled;
	micro_t handle_us, wait_us;
};

/* One ticket's SLA (one ticket, metric and SLA instance): when it was
 * breached and when it was fulfilled (INT64_MIN: not known). The SLA ended
 * at the fulfilment, or at the breach when never fulfilled; it was met when
 * fulfilled before any breach. */
struct feed_ticket {
	const char *source_id;
	size_t source_len;
	const char *key;            /* "ticket/metric/instance" */
	size_t key_len;
	int64_t breach_at, fulfill_at;
};
#define FEED_NO_TIME INT64_MIN

/* What a contract metric's daily measurements came from, over some days:
 * one format and source id (store/feed_store.h store_feed_evidence()). */
struct feed_evidence {
	char *metric, *format, *source_id;
	day_t first, last;          /* the first and last day with data */
	int64_t days, items;        /* days; intervals or tickets on them */
	char *files;                /* the distinct files, one a line, as first met */
};
/* Frees n records and the array. */
void feed_evidence_free(struct feed_evidence *fe, size_t n);

/* --- the map ------------------------------------------------------------ */

enum feed_measure {
	MEASURE_SERVICE_LEVEL,
	MEASURE_HANDLE_TIME,
	MEASURE_ABANDON_RATE,
	MEASURE_SPEED_OF_ANSWER,
	MEASURE_TICKET_SLA,
	MEASURE_COUNT
};
/* "service_level", ...; NULL when out of range. */
const char *feed_measure_name(enum feed_measure m);

struct feed_service_level {
	int64_t threshold_seconds;  /* -1: not stated */
	int abandons_ignore;        /* 0: "negative" (the default), 1: "ignore" */
	int64_t short_abandon_seconds;  /* -1: not stated */
};

struct feed_link {
	char *metric;
	enum feed_measure measure;
};

struct feed_queue {
	char *source_id;
	size_t source_len;
	char *contract_id;
	struct feed_service_level service_level;   /* the map's, or the queue's own */
	struct feed_link *links;
	size_t n_links;
	char *where;                /* "queues[2]" for messages */
};

/* The generic interval report's columns (NULL: the built-in aliases). */
enum feed_column {
	FEEDCOL_INTERVAL_START, FEEDCOL_SOURCE_ID, FEEDCOL_OFFERED, FEEDCOL_ANSWERED, FEEDCOL_WITHIN,
	FEEDCOL_ABANDONED, FEEDCOL_SHORT_ABANDONED, FEEDCOL_HANDLED, FEEDCOL_HANDLE_SECONDS,
	FEEDCOL_WAIT_SECONDS, FEEDCOL_COUNT
};
const char *feed_column_name(enum feed_column c);

struct feed_map {
	char *path;
	struct feed_tz tz;
	struct feed_service_level service_level;
	struct feed_queue *queues;
	size_t n_queues;
	char *columns[FEEDCOL_COUNT];
	char *source_id;            /* "source_id": one id for a file without that column */
	struct feed_queue **by_id;  /* a hash table of the queues by source id */
	size_t *by_id_hash;         /* ... and each one's id's hash */
	size_t id_mask;             /* its size - 1 (a power of two) */
};

/* Reads and validates a map's structure: every problem goes to errors as
 * "MAP.json: path: message" (one a line). Returns 0, 1 when the map has
 * problems (*out NULL), -1 when it cannot be read at all (errors too). The
 * caller frees *out with feed_map_free(). Contracts and metrics are checked
 * against the store by store/feed_store.c. */
int feed_map_read(const char *path, const char *data, size_t len, struct feed_map **out,
		  struct buf *errors);
void feed_map_free(struct feed_map *m);
/* The queue of a source id, or NULL. */
const struct feed_queue *feed_map_queue(const struct feed_map *m, const char *id, size_t len);

/* --- formats ------------------------------------------------------------ */

/* Intervals of one mapped queue on one local day from one file, in time
 * order on 15-minute steps, in whole seconds and none negative, gathered
 * in the reading thread (io/feed_pipe.c) so that the store's thread takes
 * them in one go. body holds them as the store keeps them: format 4's
 * body (io/feed_blob.h) for the unit of 15 minutes, the times in whole
 * seconds, every mark the file's place in the import plus one. */
struct feed_run {
	const struct feed_queue *queue;
	day_t day;
	int64_t first_start, last_start;
	uint64_t n;
	int64_t tot[8];             /* the sums of the 8 values (times in µs) */
	const unsigned char *body;
	size_t body_len;
};

/* The 8 values of an interval in the order offered .. wait µs: kept in
 * compact form (a packed day row, a run) only when none is negative and
 * the times are whole seconds. */
static inline int feed_values_plain(const int64_t v[8])
{
	return (v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]) >= 0 && !(v[6] % MICRO_ONE) &&
	       !(v[7] % MICRO_ONE);
}

/* v as a varint (7 bits a byte, low first) at p; returns the end. */
static inline unsigned char *feed_put_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

/* Reads a varint at *p (up to end) into *out and moves *p past it; 0, or
 * -1 when the bytes end first or it is longer than 64 bits. */
static inline int feed_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*p >= end)
			return -1;
		unsigned char c = *(*p)++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

/* A signed value for a varint: 0, -1, 1, -2, ... as 0, 1, 2, 3, ... */
static inline uint64_t feed_zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t feed_unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

struct feed_sink {
	void *ctx;
	/* Return 0 to go on; anything else stops the parser and is returned. */
	int (*interval)(void *ctx, const struct feed_interval *iv);
	int (*ticket)(void *ctx, const struct feed_ticket *t);
	/* How far the parser is (bytes of the file), for progress. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	/* Optional: an interval with its local day (in the map's zone) and
	 * its queue in the map (NULL: not mapped) already found, in the
	 * reader's thread (io/feed_pipe.c): when set, feed_parse_files()
	 * calls this instead of interval. */
	int (*interval_at)(void *ctx, const struct feed_interval *iv, day_t day,
			   const struct feed_queue *q);
	/* Optional, with interval_at: when set, feed_parse_files() gathers
	 * intervals into runs and gives them here (see struct feed_run);
	 * the same intervals, in the same order for each queue. */
	int (*interval_run)(void *ctx, const struct feed_run *run);
};

/* One file to parse: its name for messages and either a path or bytes. */
struct feed_file {
	const char *name;
	const char *path;           /* read from here when data is NULL */
	const char *data;
	size_t len;
};

struct feed_format {
	const char *name;
	int tickets;                /* gives tickets (ticket_sla), not intervals */
	/* Parses file; every problem is appended to errors as "FILE: path:
	 * message" or "FILE:LINE:COLUMN: message", one a line; *n_errors counts
	 * them. Returns 0 (even with problems: see *n_errors), or the sink's
	 * non-zero value. */
	int (*parse)(const struct feed_file *f, const struct feed_map *map,
		     const struct feed_sink *sink, struct buf *errors, uint64_t *n_errors);
	const char *summary;        /* what it reads, for 'tandem feed formats' */
	const char *fields;         /* the fields it uses */
};
/* Reading a run of files (io/feed_pipe.c): file_begin (may be NULL) is
 * called before file i's records, file_done after them with its problems
 * counted and the parser's value (a sink's non-zero value stops the file
 * there: then with 0 problems); a non-zero return, or a non-zero value,
 * ends the run. */
struct feed_pipe_hooks {
	void *ctx;
	void (*file_begin)(void *ctx, int i);
	int (*file_done)(void *ctx, int i, uint64_t n_errors, int rc);
};
/* Parses files one after another with format, the parser in a thread of
 * its own: records, progress and hooks reach sink and h in the caller's
 * thread, in the parser's order, and each file's problems are appended to
 * errors where the parser found them; so it gives what calling
 * format->parse() file by file would (TANDEM_FEED_SERIAL=1, or the
 * torture mode, does just that). Out of memory in the parser's thread
 * unwinds the caller's scope. Returns 0. */
int feed_parse_files(const struct feed_format *format, const struct feed_file *files, int n_files,
		     const struct feed_map *map, const struct feed_sink *sink, struct buf *errors,
		     const struct feed_pipe_hooks *h);
extern const struct feed_format feed_formats[];
extern const size_t feed_n_formats;
const struct feed_format *feed_format_find(const char *name);

#endif
