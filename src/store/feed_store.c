/* SPDX-License-Identifier: MIT */
/* SLA feeds in the store: intervals kept per source id and local day,
 * ticket SLA outcomes, and the derivation of the daily measurements
 * (store/feed_store.h). Memory is bounded by the day rows kept open
 * (FEED_MAX_OPEN, flushed when full), by the last WL_BLOCK day totals
 * written per queue (older ones wait in a temporary file) and by one
 * contract's days during the derivation, never by the number of
 * intervals. */
#include "store/feed_store.h"

#include "base/clock.h"
#include "io/feed_blob.h"
#include "io/jsonw.h"
#include "store/audit.h"
#include "store/blocks.h"
#include "store/closed.h"
#include "store/version.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FEED_MAX_OPEN 4096
#define DAY_MIN_FEED INT32_MIN
#define DAY_MAX_FEED INT32_MAX
#define HASH_BUCKETS 8192
#define N_VALUES 8

/* --- the tables ------------------------------------------------------------- */

/* IF NOT EXISTS: a store taken back to an older version and migrated
 * again (tests/unit/test_blocks.c does) keeps these tables. */
int store_feed_migrate(struct store *s, struct buf *err)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	const char *big = sqlite ? "INTEGER" : "BIGINT";
	struct buf sql = BUF_INIT;
	int rc;
	buf_addf(&sql,
		 "CREATE TABLE IF NOT EXISTS feed_days (\n"
		 "  format TEXT NOT NULL, source_id TEXT NOT NULL, day TEXT NOT NULL,\n"
		 "  timezone TEXT NOT NULL, intervals %s NOT NULL, files TEXT NOT NULL,\n"
		 "  n_intervals %s NOT NULL, offered %s NOT NULL, answered %s NOT NULL,\n"
		 "  within %s NOT NULL, abandoned %s NOT NULL, short_abandoned %s NOT NULL,\n"
		 "  handled %s NOT NULL, handle_us %s NOT NULL, wait_us %s NOT NULL,\n"
		 "  batch %s NOT NULL,\n"
		 "  PRIMARY KEY (format, source_id, day))%s;\n"
		 "CREATE TABLE IF NOT EXISTS feed_tickets (\n"
		 "  format TEXT NOT NULL, ticket TEXT NOT NULL, source_id TEXT NOT NULL,\n"
		 "  breach_at %s, fulfill_at %s, end_day TEXT, met %s NOT NULL,\n"
		 "  file TEXT NOT NULL, timezone TEXT NOT NULL, batch %s NOT NULL,\n"
		 "  PRIMARY KEY (format, ticket))%s;\n"
		 "CREATE INDEX IF NOT EXISTS feed_tickets_day ON feed_tickets (format, source_id, end_day);\n"
		 "CREATE TABLE IF NOT EXISTS feed_maps (\n"
		 "  name TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL,\n"
		 "  updated_by TEXT NOT NULL)%s;\n"
		 "CREATE TABLE IF NOT EXISTS feed_links (\n"
		 "  contract_id TEXT NOT NULL, metric TEXT NOT NULL, format TEXT NOT NULL,\n"
		 "  source_id TEXT NOT NULL, measure TEXT NOT NULL, batch %s NOT NULL,\n"
		 "  PRIMARY KEY (contract_id, metric, format, source_id))%s;\n",
		 sqlite ? "BLOB" : "BYTEA", big, big, big, big, big, big, big, big, big, big,
		 sqlite ? " STRICT" : "", big, big, big, big, sqlite ? " STRICT" : "",
		 sqlite ? " STRICT" : "", big, sqlite ? " STRICT" : "");
	rc = store_exec(s, sql.data, err);
	buf_release(&sql);
	return rc;
}

/* --- day rows: the encoding ----------------------------------------------- */

struct iv_rec {
	int64_t start;
	int64_t v[N_VALUES];    /* offered .. wait_us, as in io/feed_impl.h */
	int64_t batch;
	int64_t ord;            /* the file's place in its import */
	uint32_t file;          /* index in the row's files */
};

struct day_row {
	/* What a lookup compares, in the first cache line: a short source id
	 * is kept inline (source points to short_source). */
	struct day_row *next;   /* in its hash bucket */
	char *source;
	size_t source_len;
	day_t day;
	char short_source[28];
	struct iv_rec *iv;
	size_t n, cap;
	uint64_t touched;       /* when an interval last came (the feeder's count) */
	size_t queue;           /* its queue's index in the map */
	int64_t last_ord;       /* the import file last added (-1: none) ... */
	uint32_t last_file;     /* ... and its index in files */
	char **files;
	size_t n_files, cap_files;
	int64_t tot[N_VALUES];  /* the sums of iv[].v, kept as intervals come */
	int64_t fraction;       /* non-zero when a time had a fraction of a second */
	/* A new row whose intervals came in time order, from one file, on
	 * 15-minute starts and in whole seconds is kept as format 3's
	 * varints of them (about 11 bytes an interval instead of an iv_rec)
	 * and written by packed_encode(). Anything else unpacks it into iv. */
	int packed;
	/* A row taken whole from one run of the reading thread keeps the
	 * run's body, already in format 4 (f4; then not packed). */
	int f4;
	unsigned char *body;
	size_t body_len, body_cap;
	int64_t last_start;
};

/* The blob. Format 4 (written): the byte 4, the count, k (the handle and
 * wait times are stored divided by 10^k: whole seconds are kept as
 * seconds), the time unit u (900, 60 or 1: the starts are stored as
 * multiples of it), the batch that wrote the row and a flag (1: one file,
 * no file index per interval); then the columns of io/feed_blob.h, each
 * interval's mark being the file's place in its import plus one when the
 * interval came in the row's batch, else 0 (within an import an interval
 * of the same file adds up, of another replaces). The bytes depend only on
 * the row's intervals, never on the way they came.
 *
 * Formats 3 (the same header, then per interval varints of the start's
 * step, the file index unless one file, the 8 values and the mark) and 2
 * (the batch and place of every interval, no unit) are still read. */

/* A blob's header (format 4), in out from its start. */
static void put_header(struct buf *out, size_t n, int k, int64_t unit, int64_t batch, int one_file)
{
	unsigned char *p;
	buf_reset(out);
	buf_grow(out, 40);
	p = (unsigned char *)out->data;
	*p++ = 4;
	p = feed_put_varint(p, n);
	*p++ = (unsigned char)k;
	p = feed_put_varint(p, (uint64_t)unit);
	p = feed_put_varint(p, (uint64_t)batch);
	*p++ = (unsigned char)one_file;
	buf_setlen(out, (size_t)(p - (unsigned char *)out->data));
}

/* The blob of n intervals in c (format 4). */
static void put_blob(struct buf *out, size_t n, int k, int64_t unit, int64_t batch,
		     const struct feed_blob_cols *c)
{
	put_header(out, n, k, unit, batch, c->files == NULL);
	if (n)
		feed_blob_put_body(out, n, unit, c);
}

static void row_encode(const struct day_row *r, int64_t batch, struct buf *out)
{
	int64_t prev = 0, unit = 900;
	int k = 6;
	int64_t div = MICRO_ONE;
	int one_file = r->n_files == 1;
	size_t n = r->n;
	for (size_t i = 0; r->fraction && i < n && k > 0; i++)
		while (k > 0 && (r->iv[i].v[6] % div || r->iv[i].v[7] % div)) {
			k--;
			div /= 10;
		}
	for (size_t i = 0; i < n && unit > 1; i++) {
		int64_t d = r->iv[i].start - prev;
		prev = r->iv[i].start;
		if (unit == 900 && d % 900)
			unit = 60;
		if (unit == 60 && d % 60)
			unit = 1;
	}
	int64_t *col = xmalloc(11 * (n ? n : 1) * sizeof *col);
	struct feed_blob_cols c;
	feed_blob_cols_in(&c, col, n, !one_file);
	for (size_t i = 0; i < n; i++) {
		const struct iv_rec *iv = &r->iv[i];
		c.starts[i] = iv->start;
		if (c.files)
			c.files[i] = iv->file;
		for (int f = 0; f < N_VALUES; f++)
			c.vals[f][i] = f < 6 ? iv->v[f] : iv->v[f] / div;
		c.marks[i] = iv->batch == batch ? iv->ord + 1 : 0;
	}
	put_blob(out, n, k, unit, batch, &c);
	xfree(col);
}

/* The intervals of a format 4 body into r->iv (not r->tot), as
 * decode_body() below does for format 3. */
static int decode_columns(struct day_row *r, const unsigned char *p, const unsigned char *end,
			  uint64_t n, uint64_t unit, int64_t mul, int one_file, uint64_t row_batch)
{
	int64_t *col = xmalloc(11 * n * sizeof *col);
	struct feed_blob_cols c;
	int rc = -1;
	feed_blob_cols_in(&c, col, n, !one_file);
	if (feed_blob_get_body(&p, end, n, (int64_t)unit, &c) || p != end)
		goto out;
	ALLOC_GROW(r->iv, n, r->cap);
	for (uint64_t i = 0; i < n; i++) {
		struct iv_rec *iv = &r->iv[i];
		iv->start = c.starts[i];
		if (c.files && (c.files[i] < 0 || (uint64_t)c.files[i] >= r->n_files))
			goto out;
		iv->file = c.files ? (uint32_t)c.files[i] : 0;
		for (int f = 0; f < N_VALUES; f++) {
			int64_t v = c.vals[f][i];
			if (f >= 6 && (v > INT64_MAX / 4 / mul || v < -(INT64_MAX / 4 / mul)))
				goto out;
			iv->v[f] = f >= 6 ? v * mul : v;
		}
		if (c.marks[i] < 0 || c.marks[i] > INT32_MAX)
			goto out;
		iv->batch = c.marks[i] ? (int64_t)row_batch : -1;
		iv->ord = c.marks[i] ? c.marks[i] - 1 : -1;
	}
	rc = 0;
out:
	xfree(col);
	return rc;
}

/* The intervals of a blob's body into r->iv (not r->tot): n of them,
 * starts in unit, times in 10^(6-k) (mul), a file index unless one_file,
 * then the batch and place (format 2) or a mark (format 3). */
static int decode_body(struct day_row *r, const unsigned char *p, const unsigned char *end,
		       uint64_t n, uint64_t unit, int64_t mul, int one_file, int version,
		       uint64_t row_batch)
{
	uint64_t v;
	int64_t prev = 0;
	ALLOC_GROW(r->iv, n, r->cap);
	for (uint64_t i = 0; i < n; i++) {
		struct iv_rec *iv = &r->iv[i];
		if (feed_get_varint(&p, end, &v) || (int64_t)(v >> 1) > INT64_MAX / 4 / (int64_t)unit)
			return -1;
		iv->start = prev + feed_unzigzag(v) * (int64_t)unit;
		prev = iv->start;
		if (one_file)
			v = 0;
		else if (feed_get_varint(&p, end, &v) || v >= r->n_files)
			return -1;
		iv->file = (uint32_t)v;
		for (int f = 0; f < N_VALUES; f++) {
			if (feed_get_varint(&p, end, &v) || v > INT64_MAX / 4 / (uint64_t)mul)
				return -1;
			iv->v[f] = (int64_t)v * (f >= 6 ? mul : 1);
		}
		if (version == 2) {
			if (feed_get_varint(&p, end, &v))
				return -1;
			iv->batch = (int64_t)v;
			if (feed_get_varint(&p, end, &v))
				return -1;
			iv->ord = (int64_t)v;
		} else {
			if (feed_get_varint(&p, end, &v) || v > INT32_MAX)
				return -1;
			iv->batch = v ? (int64_t)row_batch : -1;
			iv->ord = v ? (int64_t)v - 1 : -1;
		}
	}
	return p == end ? 0 : -1;
}

static int row_decode(struct day_row *r, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	uint64_t n, unit = 1, row_batch = 0;
	int64_t mul = 1;
	int version = len ? *p : 0, one_file = 0;
	/* Format 4 may keep many intervals in few bytes, but a day has at most
	 * 25 hours of seconds. */
	if (!len || version < 2 || version > 4 || (p++, feed_get_varint(&p, end, &n)) ||
	    n > (version == 4 ? 90000 : len) || p >= end || *p > 6)
		return -1;
	for (int k = *p++; k > 0; k--)
		mul *= 10;
	if (version >= 3) {
		if (feed_get_varint(&p, end, &unit) || !unit || unit > 86400 || feed_get_varint(&p, end, &row_batch) ||
		    p >= end || *p > 1)
			return -1;
		one_file = *p++;
		if (one_file && r->n_files != 1)
			return -1;
	}
	if (version == 4 ? (n ? decode_columns(r, p, end, n, unit, mul, one_file, row_batch) : p != end)
			 : decode_body(r, p, end, n, unit, mul, one_file, version, row_batch))
		return -1;
	for (uint64_t i = 0; i < n; i++)
		for (int f = 0; f < N_VALUES; f++)
			r->tot[f] += r->iv[i].v[f];
	r->fraction = mul < MICRO_ONE;
	r->n = n;
	return 0;
}

/* --- the day totals written ------------------------------------------------- */

/* derive() needs the totals of every day row this import wrote. Reading
 * them back from the rows pages through every row's intervals (a year of
 * 1,000 queues: 213 MB, 0.25 s of a 2.7 s import, in one thread), so
 * write_row() also notes them here, per queue: the last WL_BLOCK in
 * memory, older ones in blocks of a temporary file (in $TMPDIR, unlinked
 * at once), so that memory grows with the map, not with the days. A row
 * written twice (a day's intervals in files far apart) is noted twice;
 * the later note is the row as stored. A source of a contract with
 * several sources that did not write a day another one wrote has that
 * day looked up by its key (collect_written()). When the file cannot be
 * written, or for ticket formats, derive() reads the rows back (failed). */
#define WL_BLOCK 32

struct wl_rec {
	int64_t t[N_VALUES];
	day_t day;
	uint32_t seq;           /* its place among the queue's notes (wl_read) */
};

struct wl_queue {
	struct wl_rec *recs;    /* the latest, up to WL_BLOCK */
	size_t n;
	off_t *blocks;          /* where the older ones' blocks are in the file */
	size_t n_blocks, cap_blocks;
};

struct written_log {
	struct wl_queue *q;     /* per queue, by its index in the map */
	size_t n_queues;
	int fd;                 /* the file; -1 before the first block */
	off_t end;
	int failed;
	struct alloc_cleanup unwind;   /* closes fd on out-of-memory */
};

static void wl_close(void *arg)
{
	struct written_log *wl = arg;
	if (wl->fd >= 0)
		close(wl->fd);
	wl->fd = -1;
}

/* TANDEM_FEED_NOTES=0 takes no notes: the derivation reads every row
 * back, the way to compare (tests/cli/feed_pipe.sh). */
static void wl_init(struct written_log *wl, size_t n_queues)
{
	const char *off = getenv("TANDEM_FEED_NOTES");
	memset(wl, 0, sizeof *wl);
	wl->fd = -1;
	wl->n_queues = n_queues;
	wl->q = xcalloc(n_queues + 1, sizeof *wl->q);
	wl->failed = off && !strcmp(off, "0");
}

static void wl_release(struct written_log *wl)
{
	if (wl->fd >= 0) {
		alloc_cleanup_pop(&wl->unwind);
		wl_close(wl);
	}
	for (size_t i = 0; wl->q && i < wl->n_queues; i++) {
		xfree(wl->q[i].recs);
		xfree(wl->q[i].blocks);
	}
	xfree(wl->q);
	wl->q = NULL;
}

static int write_all(int f, const void *p, size_t len, off_t at)
{
	const char *c = p;
	while (len) {
		ssize_t w = pwrite(f, c, len, at);
		if (w <= 0)
			return -1;
		c += w;
		len -= (size_t)w;
		at += w;
	}
	return 0;
}

/* Moves a queue's WL_BLOCK notes to the file. */
static int wl_spill(struct written_log *wl, struct wl_queue *q)
{
	if (wl->fd < 0) {
		const char *dir = getenv("TMPDIR");
		struct buf path = BUF_INIT;
		buf_addf(&path, "%s/tandem-days-XXXXXX", dir && *dir ? dir : "/tmp");
		wl->fd = mkstemp(path.data);
		if (wl->fd >= 0) {
			unlink(path.data);
			alloc_cleanup_push(&wl->unwind, wl_close, wl);
		}
		buf_release(&path);
		if (wl->fd < 0)
			return -1;
	}
	if (write_all(wl->fd, q->recs, WL_BLOCK * sizeof *q->recs, wl->end))
		return -1;
	ALLOC_GROW(q->blocks, q->n_blocks + 1, q->cap_blocks);
	q->blocks[q->n_blocks++] = wl->end;
	wl->end += (off_t)(WL_BLOCK * sizeof *q->recs);
	q->n = 0;
	return 0;
}

static void wl_note(struct written_log *wl, size_t queue, day_t day, const int64_t t[N_VALUES])
{
	struct wl_queue *q = &wl->q[queue];
	if (wl->failed)
		return;
	if (!q->recs)
		q->recs = xmalloc(WL_BLOCK * sizeof *q->recs);
	if (q->n == WL_BLOCK && wl_spill(wl, q)) {
		wl->failed = 1;
		return;
	}
	memcpy(q->recs[q->n].t, t, sizeof q->recs[q->n].t);
	q->recs[q->n].day = day;
	q->n++;
}

static int cmp_wl_rec(const void *a, const void *b)
{
	const struct wl_rec *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A queue's notes, one per day (the latest), in day order: *out (to
 * xfree) and *n; -1 when the file cannot be read. */
static int wl_read(struct written_log *wl, size_t queue, struct wl_rec **out, size_t *n)
{
	struct wl_queue *q = &wl->q[queue];
	size_t total = q->n_blocks * WL_BLOCK + q->n, kept = 0;
	struct wl_rec *r = xmalloc((total ? total : 1) * sizeof *r);
	int sorted = 1;
	for (size_t b = 0; b < q->n_blocks; b++) {
		size_t len = WL_BLOCK * sizeof *r;
		if (pread(wl->fd, &r[b * WL_BLOCK], len, q->blocks[b]) != (ssize_t)len) {
			xfree(r);
			return -1;
		}
	}
	if (q->n)
		memcpy(&r[q->n_blocks * WL_BLOCK], q->recs, q->n * sizeof *r);
	for (size_t i = 0; i < total; i++) {
		r[i].seq = (uint32_t)i;
		if (i && r[i - 1].day >= r[i].day)
			sorted = 0;
	}
	if (!sorted)
		xqsort(r, total, sizeof *r, cmp_wl_rec);
	for (size_t i = 0; i < total; i++) {
		if (kept && r[kept - 1].day == r[i].day)
			kept--;
		r[kept++] = r[i];
	}
	*out = r;
	*n = kept;
	return 0;
}

/* --- the importer ------------------------------------------------------------ */

struct feed_correction {
	int year;
	long rows;
	struct buf keys;              /* a JSON array of up to 20 of the days */
};

struct moved_day {
	char *source;
	day_t day;
};

struct unmapped {
	char *source;
	uint64_t count;
};

struct feeder {
	struct store *s;
	const struct feed_map *map;
	const struct feed_import_options *opt;
	struct feed_import_result *res;
	struct buf *report, *err;
	struct feed_tz tz;
	const char *format;
	int64_t batch;
	int storage_failed;
	/* the file being read */
	const struct feed_file *files;
	int parse_failed;
	const char *file;
	int64_t ord;
	struct unmapped *unmapped;
	size_t n_unmapped, cap_unmapped;
	size_t *um_slots, um_size;     /* count_unmapped()'s hash table */
	/* a one-entry cache of the last source id looked up in the map */
	char last_source[256];
	size_t last_len;
	const struct feed_queue *last_queue;
	int last_known;
	/* the open day rows */
	struct day_row *buckets[HASH_BUCKETS];
	struct day_row **current;       /* per queue: the row it last added to */
	int64_t *cols;                  /* packed_encode()'s columns */
	size_t cols_cap;
	size_t n_open;
	struct day_row *spare;          /* rows closed, for reuse (row_retire) */
	uint64_t *ages;                 /* flush_old()'s scratch */
	struct day_row **flushing;      /* flush_rows_before()'s */
	struct stmt *sel_day, *put_day, *sel_ticket, *put_ticket, *sel_tz;
	struct buf blob, files_text;
	/* tickets whose end moved off a day: that day is derived again */
	struct moved_day *moved;
	size_t n_moved, cap_moved;
	/* the queues whose zone was checked (by index in the map) */
	unsigned char *zone_checked;
	/* per queue (by index in the map): the first and last day stored, so
	 * that a day outside them is not looked up (known: read once) */
	struct stored_days { day_t first, last; int known, any; } *stored;
	struct stmt *sel_range;
	struct stmt *sel_tot;           /* a stored day's totals (collect_written) */
	uint64_t last_progress_ms;
	int want_progress;              /* a line on stderr or the caller's on_progress */
	uint64_t bytes_before, bytes_now;   /* of the files given as bytes: done, and now */
	struct closed_years closed;   /* the frozen years, read when first needed */
	int closed_read;
	struct feed_correction *corrections;   /* days of closed years corrected */
	struct blocks_year_io year_io;         /* the derivation's year rows */
	size_t n_corrections, cap_corrections;
	struct written_log wl;                 /* the day totals written */
};

static void report_line(struct feeder *fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report_line(struct feeder *fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(fd->report, fmt, ap);
	va_end(ap);
	buf_addc(fd->report, '\n');
}

static int storage_error(struct feeder *fd, struct stmt *st)
{
	if (!fd->err->len)
		buf_addf(fd->err, "%s", stmt_error(st));
	fd->storage_failed = 1;
	return -1;
}

/* Is the source id mapped? (A one-entry cache before the map's hash.) */
static const struct feed_queue *mapped(struct feeder *fd, const char *id, size_t len)
{
	if (fd->last_known && len == fd->last_len && same_bytes(id, fd->last_source, len))
		return fd->last_queue;
	const struct feed_queue *q = feed_map_queue(fd->map, id, len);
	if (len < sizeof fd->last_source) {
		memcpy(fd->last_source, id, len);
		fd->last_len = len;
		fd->last_queue = q;
		fd->last_known = 1;
	}
	return q;
}

static size_t id_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return (size_t)h;
}

/* Counts a record of a source id the map does not name (a hash table of
 * indices into fd->unmapped, grown at half full). */
static void count_unmapped(struct feeder *fd, const char *id, size_t len)
{
	size_t h;
	if (2 * (fd->n_unmapped + 1) > fd->um_size) {
		size_t size = fd->um_size ? fd->um_size * 2 : 64;
		xfree(fd->um_slots);
		fd->um_slots = xcalloc(size, sizeof *fd->um_slots);
		fd->um_size = size;
		for (size_t i = 0; i < fd->n_unmapped; i++) {
			const char *u = fd->unmapped[i].source;
			for (h = id_hash(u, strlen(u)) & (size - 1); fd->um_slots[h]; h = (h + 1) & (size - 1))
				;
			fd->um_slots[h] = i + 1;
		}
	}
	for (h = id_hash(id, len) & (fd->um_size - 1); fd->um_slots[h]; h = (h + 1) & (fd->um_size - 1)) {
		struct unmapped *u = &fd->unmapped[fd->um_slots[h] - 1];
		if (!strncmp(u->source, id, len) && !u->source[len]) {
			u->count++;
			return;
		}
	}
	ALLOC_GROW(fd->unmapped, fd->n_unmapped + 1, fd->cap_unmapped);
	fd->unmapped[fd->n_unmapped].source = xstrndup(id, len);
	fd->unmapped[fd->n_unmapped].count = 1;
	fd->um_slots[h] = ++fd->n_unmapped;
}

/* A source's stored rows must be in the map's zone: days in another zone
 * would hold other hours. Checked once per source and import. */
static int check_zone(struct feeder *fd, const char *table, const struct feed_queue *q)
{
	size_t qi = (size_t)(q - fd->map->queues);
	const char *source = q->source_id;
	size_t len = strlen(source);
	if (fd->zone_checked[qi])
		return 0;
	fd->zone_checked[qi] = 1;
	struct stmt *st;
	struct buf sql = BUF_INIT;
	int rc = 0, step;
	buf_addf(&sql, "SELECT timezone FROM %s WHERE format = ? AND source_id = ? AND timezone <> ?"
		 " LIMIT 1", table);
	if (store_prepare(fd->s, sql.data, &st, fd->err)) {
		buf_release(&sql);
		fd->storage_failed = 1;
		return -1;
	}
	buf_release(&sql);
	stmt_bind_str(st, 1, fd->format);
	stmt_bind_text(st, 2, source, len);
	stmt_bind_str(st, 3, fd->tz.name);
	step = stmt_step(st);
	if (step == STORE_ERROR) {
		rc = storage_error(fd, st);
	} else if (step == STORE_ROW) {
		fd->res->errors++;
		report_line(fd, "%s: timezone: source id '%.*s' of %s was imported with time zone '%s';"
			    " its days cannot be counted in '%s' as well", fd->map->path, (int)len, source,
			    fd->format, stmt_text(st, 0, NULL), fd->tz.name);
		rc = 1;
	}
	stmt_finalize(st);
	return rc;
}

/* The bucket of queue qi's row of day (a row is only opened for a source
 * id the map names, so the queue's index stands for the id). */
static uint32_t hash_key(size_t qi, day_t day)
{
	uint32_t h = (uint32_t)qi * 2654435761u ^ (uint32_t)day * 2246822519u;
	return (h ^ h >> 15) % HASH_BUCKETS;
}

static void row_free(struct day_row *r)
{
	for (size_t i = 0; i < r->n_files; i++)
		xfree(r->files[i]);
	xfree(r->files);
	xfree(r->iv);
	xfree(r->body);
	if (r->source != r->short_source)
		xfree(r->source);
	xfree(r);
}

/* A row closed goes to the feeder's spares, its arrays kept for the next
 * row opened (no allocation per source-day). */
static void row_retire(struct feeder *fd, struct day_row *r)
{
	if (fd->current[r->queue] == r)
		fd->current[r->queue] = NULL;
	for (size_t i = 0; i < r->n_files; i++)
		xfree(r->files[i]);
	r->n_files = 0;
	if (r->source != r->short_source)
		xfree(r->source);
	r->source = NULL;
	r->next = fd->spare;
	fd->spare = r;
}

static struct day_row *row_new(struct feeder *fd)
{
	struct day_row *r = fd->spare;
	if (!r)
		return xcalloc(1, sizeof *r);
	fd->spare = r->next;
	r->n = 0;
	r->packed = 0;
	r->f4 = 0;
	r->body_len = 0;
	r->next = NULL;
	memset(r->tot, 0, sizeof r->tot);
	r->fraction = 0;
	return r;
}

static void split_files(struct day_row *r, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		ALLOC_GROW(r->files, r->n_files + 1, r->cap_files);
		r->files[r->n_files++] = xstrndup(text, len);
		text += len + (nl ? 1 : 0);
	}
}

/* Opens the row of (source, day), reading what is stored. */
/* Might the store hold a row of queue qi's source on day? (The first and
 * last day stored are read once per queue and import, then kept as rows
 * are written.) 1, 0, or -1 on a storage failure. */
static int maybe_stored(struct feeder *fd, size_t qi, const char *source, size_t len, day_t day)
{
	struct stored_days *sd = &fd->stored[qi];
	if (!sd->known) {
		int step;
		if (!fd->sel_range && store_prepare(fd->s, "SELECT min(day), max(day) FROM feed_days"
						    " WHERE format = ? AND source_id = ?", &fd->sel_range, fd->err)) {
			fd->storage_failed = 1;
			return -1;
		}
		stmt_reset(fd->sel_range);
		stmt_bind_str(fd->sel_range, 1, fd->format);
		stmt_bind_text(fd->sel_range, 2, source, len);
		step = stmt_step(fd->sel_range);
		if (step == STORE_ERROR) {
			storage_error(fd, fd->sel_range);
			return -1;
		}
		sd->known = 1;
		if (step == STORE_ROW && !stmt_is_null(fd->sel_range, 0)) {
			size_t l1, l2;
			const char *d1 = stmt_text(fd->sel_range, 0, &l1), *d2 = stmt_text(fd->sel_range, 1, &l2);
			/* A day that does not parse: look every day up. */
			if (date_parse(d1, l1, &sd->first) || date_parse(d2, l2, &sd->last)) {
				sd->first = DAY_MIN_FEED;
				sd->last = DAY_MAX_FEED;
			}
			sd->any = 1;
		}
		stmt_reset(fd->sel_range);
	}
	return sd->any && day >= sd->first && day <= sd->last;
}

static struct day_row *open_row(struct feeder *fd, const char *source, size_t len, day_t day,
				uint32_t h, size_t qi)
{
	struct day_row *r = row_new(fd);
	char date[11];
	int step, maybe = maybe_stored(fd, qi, source, len, day);
	if (maybe < 0) {
		row_free(r);
		return NULL;
	}
	r->queue = qi;
	if (len < sizeof r->short_source) {
		memcpy(r->short_source, source, len);
		r->short_source[len] = '\0';
		r->source = r->short_source;
	} else {
		r->source = xstrndup(source, len);
	}
	r->source_len = len;
	r->day = day;
	r->last_ord = -1;
	step = STORE_DONE;
	if (maybe) {
		date_format(day, date);
		stmt_reset(fd->sel_day);
		stmt_bind_str(fd->sel_day, 1, fd->format);
		stmt_bind_text(fd->sel_day, 2, source, len);
		stmt_bind_str(fd->sel_day, 3, date);
		step = stmt_step(fd->sel_day);
	}
	if (step == STORE_ERROR) {
		storage_error(fd, fd->sel_day);
		row_free(r);
		return NULL;
	}
	if (step == STORE_ROW) {
		size_t blen;
		const unsigned char *blob = stmt_blob(fd->sel_day, 0, &blen);
		split_files(r, stmt_text(fd->sel_day, 1, NULL));
		if (row_decode(r, blob, blen)) {
			buf_addf(fd->err, "the stored intervals of %s '%s' on %s are damaged", fd->format,
				 r->source, date);
			fd->storage_failed = 1;
			stmt_reset(fd->sel_day);
			row_free(r);
			return NULL;
		}
	}
	stmt_reset(fd->sel_day);
	r->packed = step != STORE_ROW;
	r->body_len = 0;
	r->next = fd->buckets[h];
	fd->buckets[h] = r;
	fd->n_open++;
	return r;
}

/* A packed row's blob, from its body as it is (row_encode() of its
 * intervals, without unpacking them: one file, whole seconds, starts on
 * 15-minute steps, every interval of this batch). */
static int packed_encode(struct feeder *fd, struct day_row *r)
{
	const unsigned char *p = r->body, *end = r->body + r->body_len;
	size_t n = r->n;
	int64_t prev = 0;
	uint64_t v;
	struct feed_blob_cols c;
	if (fd->cols_cap < 10 * n) {
		fd->cols_cap = 10 * n;
		fd->cols = xrealloc(fd->cols, fd->cols_cap * sizeof *fd->cols);
	}
	feed_blob_cols_in(&c, fd->cols, n, 0);
	for (size_t i = 0; i < n; i++) {
		if (feed_get_varint(&p, end, &v))
			goto bad;
		prev += feed_unzigzag(v) * 900;
		c.starts[i] = prev;
		for (int f = 0; f < N_VALUES + 1; f++) {
			if (feed_get_varint(&p, end, &v) || v > INT64_MAX / 4 / MICRO_ONE)
				goto bad;
			(f < N_VALUES ? c.vals[f] : c.marks)[i] = (int64_t)v;
		}
	}
	if (p != end)
		goto bad;
	put_blob(&fd->blob, n, 6, 900, fd->batch, &c);
	return 0;
bad:
	buf_addf(fd->err, "the intervals of %s '%s' kept in memory are damaged", fd->format, r->source);
	fd->storage_failed = 1;
	return -1;
}

/* A row kept as its body (packed, or a run's in format 4) into r->iv. */
static int unpack(struct feeder *fd, struct day_row *r)
{
	const unsigned char *end = r->body + r->body_len;
	if (r->f4 ? decode_columns(r, r->body, end, r->n, 900, MICRO_ONE, 1, (uint64_t)fd->batch)
		  : decode_body(r, r->body, end, r->n, 900, MICRO_ONE, 1, 3, (uint64_t)fd->batch)) {
		buf_addf(fd->err, "the intervals of %s '%s' kept in memory are damaged", fd->format,
			 r->source);
		fd->storage_failed = 1;
		return -1;
	}
	r->packed = 0;
	r->f4 = 0;
	return 0;
}

static int write_row(struct feeder *fd, struct day_row *r)
{
	char date[11];
	int rc = 0;
	buf_reset(&fd->files_text);
	if (r->n_files == 1) {
		buf_adds(&fd->files_text, r->files[0]);
	} else {
		/* Keep the files some interval still comes from, in their order. */
		unsigned char used[256];
		uint32_t *renum = xcalloc(r->n_files ? r->n_files : 1, sizeof *renum);
		size_t kept = 0;
		memset(used, 0, sizeof used);
		for (size_t i = 0; i < r->n; i++)
			if (r->iv[i].file < sizeof used)
				used[r->iv[i].file] = 1;
		for (size_t f = 0; f < r->n_files; f++) {
			if (f < sizeof used && !used[f])
				continue;
			renum[f] = (uint32_t)kept++;
			buf_addf(&fd->files_text, "%s%s", fd->files_text.len ? "\n" : "", r->files[f]);
		}
		for (size_t i = 0; i < r->n; i++)
			r->iv[i].file = renum[r->iv[i].file];
		xfree(renum);
	}
	if (r->f4) {
		/* A run's intervals whole: what row_encode() would write. */
		put_header(&fd->blob, r->n, 6, 900, fd->batch, 1);
		buf_add(&fd->blob, (const char *)r->body, r->body_len);
	} else if (r->packed) {
		if (packed_encode(fd, r))
			return -1;
	} else {
		row_encode(r, fd->batch, &fd->blob);
	}
	date_format(r->day, date);
	struct stmt *st = fd->put_day;
	stmt_reset(st);
	stmt_bind_str(st, 1, fd->format);
	stmt_bind_text(st, 2, r->source, r->source_len);
	stmt_bind_str(st, 3, date);
	stmt_bind_str(st, 4, fd->tz.name);
	stmt_bind_blob(st, 5, fd->blob.data, fd->blob.len);
	stmt_bind_str(st, 6, fd->files_text.data);
	stmt_bind_int64(st, 7, (int64_t)r->n);
	for (int k = 0; k < N_VALUES; k++)
		stmt_bind_int64(st, 8 + k, r->tot[k]);
	stmt_bind_int64(st, 16, fd->batch);
	if (stmt_step(st) == STORE_ERROR)
		rc = storage_error(fd, st);
	stmt_reset(st);
	wl_note(&fd->wl, r->queue, r->day, r->tot);
	struct stored_days *sd = &fd->stored[r->queue];
	if (!sd->any || r->day < sd->first)
		sd->first = r->day;
	if (!sd->any || r->day > sd->last)
		sd->last = r->day;
	sd->any = 1;
	return rc;
}

/* Rows in the order of their queue in the map, then day. */
static int cmp_row(const void *a, const void *b)
{
	const struct day_row *x = *(const struct day_row *const *)a, *y = *(const struct day_row *const *)b;
	if (x->queue != y->queue)
		return x->queue < y->queue ? -1 : 1;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* Writes and closes the open rows that took no interval since the
 * feeder's count was older than `before` (every row: UINT64_MAX). They
 * are written source by source, day by day: a source's days then lie
 * side by side in the table and in its key, and whatever reads them back
 * reads a few pages per source instead of one page per day (the rows'
 * content, and so every output, does not depend on the order). */
static int flush_rows_before(struct feeder *fd, uint64_t before)
{
	int rc = 0;
	size_t n = 0;
	/* At most FEED_MAX_OPEN rows are open (on_interval() flushes first). */
	if (!fd->flushing)
		fd->flushing = xmalloc(FEED_MAX_OPEN * sizeof *fd->flushing);
	for (size_t b = 0; b < HASH_BUCKETS; b++) {
		struct day_row **link = &fd->buckets[b], *r;
		while ((r = *link)) {
			if (r->touched >= before || n == FEED_MAX_OPEN) {
				link = &r->next;
				continue;
			}
			*link = r->next;
			fd->flushing[n++] = r;
			fd->n_open--;
		}
	}
	xqsort(fd->flushing, n, sizeof *fd->flushing, cmp_row);
	for (size_t i = 0; i < n; i++) {
		if (!rc && write_row(fd, fd->flushing[i]))
			rc = -1;
		row_retire(fd, fd->flushing[i]);
	}
	return rc;
}

static int flush_rows(struct feeder *fd)
{
	return flush_rows_before(fd, UINT64_MAX);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Room for new rows: the older half of the open rows (by their last
 * interval) is written and closed. Intervals come in time order in most
 * exports, so the rows of days done go, and the days still being filled
 * stay open instead of being read back. */
static int flush_old(struct feeder *fd)
{
	size_t n = 0;
	if (!fd->ages)
		fd->ages = xmalloc(FEED_MAX_OPEN * sizeof *fd->ages);
	for (size_t b = 0; b < HASH_BUCKETS; b++)
		for (struct day_row *r = fd->buckets[b]; r; r = r->next)
			if (n < FEED_MAX_OPEN)
				fd->ages[n++] = r->touched;
	if (!n)
		return 0;
	xqsort(fd->ages, n, sizeof *fd->ages, cmp_u64);
	return flush_rows_before(fd, fd->ages[n / 2] + 1);
}

static void progress(struct feeder *fd, int done)
{
	struct timespec now;
	uint64_t ms;
	if (!fd->want_progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
	if (!done && ms - fd->last_progress_ms < 250)
		return;
	fd->last_progress_ms = ms;
	if (fd->opt->progress)
		fprintf(stderr, "\rfeed %s: %llu %s%s", fd->file, (unsigned long long)fd->res->records,
			fd->opt->format->tickets ? "tickets" : "intervals", done ? "\n" : "");
	if (fd->opt->on_progress)
		fd->opt->on_progress(fd->opt->progress_ctx, fd->res->records, fd->bytes_now);
}

/* The open row of queue q's day, opened (and what is stored read) when
 * there is none; NULL when nothing is to be written (*rc 0: the map's
 * zone or the files' problems said so) or on a failure (*rc -1). */
static struct day_row *row_for(struct feeder *fd, const struct feed_queue *q, day_t day, int *rc)
{
	size_t qi = (size_t)(q - fd->map->queues);
	struct day_row *r = fd->current[qi];
	uint32_t h;
	*rc = 0;
	/* Most intervals go to the row their queue's last one went to. */
	if (r && r->day == day)
		return r;
	h = hash_key(qi, day);
	for (r = fd->buckets[h]; r; r = r->next)
		if (r->day == day && r->queue == qi)
			break;
	if (!r) {
		if (check_zone(fd, "feed_days", q) < 0) {
			*rc = -1;
			return NULL;
		}
		if (fd->res->errors)
			return NULL;   /* checked only: nothing will be written */
		if ((fd->n_open >= FEED_MAX_OPEN && flush_old(fd)) ||
		    !(r = open_row(fd, q->source_id, q->source_len, day, h, qi))) {
			*rc = -1;
			return NULL;
		}
	}
	fd->current[qi] = r;
	return r;
}

/* The index in r's files of the file being read (added when new). */
static uint32_t row_file(struct feeder *fd, struct day_row *r)
{
	uint32_t file = r->last_file;
	if (r->last_ord != fd->ord) {
		for (file = 0; file < r->n_files; file++)
			if (!strcmp(r->files[file], fd->file))
				break;
		if (file == r->n_files) {
			ALLOC_GROW(r->files, r->n_files + 1, r->cap_files);
			r->files[r->n_files++] = xstrdup(fd->file);
		}
		r->last_ord = fd->ord;
		r->last_file = file;
	}
	return file;
}

/* An interval of day (local, in the map's zone) of queue q (NULL: its
 * source id is not in the map). */
static int on_interval_at(void *ctx, const struct feed_interval *iv, day_t day,
			  const struct feed_queue *q)
{
	struct feeder *fd = ctx;
	struct day_row *r;
	int rc;
	/* Read one field at a time: the parser has just written them so, and
	 * a wider read would wait for its stores (a store-forwarding stall). */
	const volatile struct feed_interval *in = iv;
	int64_t v[N_VALUES] = { in->offered, in->answered, in->within, in->abandoned,
				in->short_abandoned, in->handled, in->handle_us, in->wait_us };
	uint64_t seq = ++fd->res->records;
	if (fd->storage_failed)
		return -1;
	if (fd->want_progress)
		progress(fd, 0);
	if (!q) {
		count_unmapped(fd, iv->source_id, iv->source_len);
		return 0;
	}
	if (!(r = row_for(fd, q, day, &rc)))
		return rc;
	r->touched = seq;
	uint32_t file = row_file(fd, r);
	if (r->f4 && unpack(fd, r))
		return -1;
	if (r->packed) {
		int64_t delta = iv->start - (r->n ? r->last_start : 0);
		if (file == 0 && delta > 0 && delta % 900 == 0 && feed_values_plain(v)) {
			unsigned char *p;
			/* At most 10 bytes a varint, 10 varints and the mark. */
			if (r->body_len + 11 * 10 > r->body_cap) {
				r->body_cap = r->body_cap ? r->body_cap * 2 : 2048;
				r->body = xrealloc(r->body, r->body_cap);
			}
			p = r->body + r->body_len;
			p = feed_put_varint(p, feed_zigzag(delta / 900));
			for (int k = 0; k < 6; k++)
				p = feed_put_varint(p, (uint64_t)v[k]);
			p = feed_put_varint(p, (uint64_t)(v[6] / MICRO_ONE));
			p = feed_put_varint(p, (uint64_t)(v[7] / MICRO_ONE));
			p = feed_put_varint(p, (uint64_t)fd->ord + 1);
			r->body_len = (size_t)(p - r->body);
			r->last_start = iv->start;
			r->n++;
			for (int k = 0; k < N_VALUES; k++)
				r->tot[k] += v[k];
			return 0;
		}
		/* Out of order, another file, another step or a fraction: the
		 * intervals so far go to iv, and this one the ordinary way. */
		if (unpack(fd, r))
			return -1;
	}
	r->fraction |= v[6] % MICRO_ONE | v[7] % MICRO_ONE;
	/* Find the interval: rows come in time order, so look at the end first. */
	size_t lo = 0, hi = r->n;
	if (r->n && r->iv[r->n - 1].start < iv->start)
		lo = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->iv[mid].start < iv->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->n && r->iv[lo].start == iv->start) {
		struct iv_rec *rec = &r->iv[lo];
		/* Within one file an interval given twice is split (by media
		 * type, say) and adds up; from another file it replaces. */
		int same_file = rec->batch == fd->batch && rec->ord == fd->ord;
		for (int k = 0; k < N_VALUES; k++) {
			int64_t was = rec->v[k];
			rec->v[k] = same_file ? was + v[k] : v[k];
			r->tot[k] += rec->v[k] - was;
		}
		rec->batch = fd->batch;
		rec->ord = fd->ord;
		rec->file = file;
		return 0;
	}
	ALLOC_GROW(r->iv, r->n + 1, r->cap);
	if (lo < r->n)
		memmove(&r->iv[lo + 1], &r->iv[lo], (r->n - lo) * sizeof *r->iv);
	r->n++;
	struct iv_rec *rec = &r->iv[lo];
	rec->start = iv->start;
	for (int k = 0; k < N_VALUES; k++) {
		rec->v[k] = v[k];
		r->tot[k] += v[k];
	}
	rec->batch = fd->batch;
	rec->ord = fd->ord;
	rec->file = file;
	return 0;
}

static int on_interval(void *ctx, const struct feed_interval *iv)
{
	struct feeder *fd = ctx;
	return on_interval_at(ctx, iv, feed_tz_day(&fd->tz, iv->start),
			      mapped(fd, iv->source_id, iv->source_len));
}

/* Does run cover its local day, from its first quarter hour to its last? */
static int whole_day(struct feeder *fd, const struct feed_run *run)
{
	feed_tz_day(&fd->tz, run->first_start);   /* sets the day's bounds */
	return run->first_start == fd->tz.day_start && run->last_start + 900 >= fd->tz.day_end;
}

/* Writes open row r and closes it. */
static int write_now(struct feeder *fd, struct day_row *r)
{
	struct day_row **link = &fd->buckets[hash_key(r->queue, r->day)];
	int rc;
	while (*link != r)
		link = &(*link)->next;
	*link = r->next;
	fd->n_open--;
	rc = write_row(fd, r);
	row_retire(fd, r);
	return rc;
}

/* A run of intervals gathered in the reading thread (io/feed_pipe.c): a
 * new row of the day that it starts on a 15-minute boundary (the common
 * case) is its body as it came, in format 4 (the bytes row_encode() would
 * give). A run of the whole local day, from its first quarter hour to its
 * last, is written at once: nothing more of the day is likely to come
 * (what does, from a later file or after a run had to end, finds the row
 * stored and is added to it, as for any row written); kept open, such
 * rows were sorted and copied once more for nothing (1,000 queues: −0.17
 * CPU s). Part of a day (a file of UTC days read in Seoul time) stays open
 * for the rest to join it. Otherwise the intervals go to on_interval_at()
 * one by one, as they came. */
static int on_run(void *ctx, const struct feed_run *run)
{
	struct feeder *fd = ctx;
	struct day_row *r;
	int rc;
	if (fd->storage_failed)
		return -1;
	if (!(r = row_for(fd, run->queue, run->day, &rc))) {
		if (rc)
			return rc;
		goto one_by_one;   /* counted, not kept */
	}
	if (!r->packed || r->n || run->first_start % 900 || row_file(fd, r) != 0)
		goto one_by_one;
	fd->res->records += run->n;
	if (fd->want_progress)
		progress(fd, 0);
	r->touched = fd->res->records;
	if (run->body_len > r->body_cap) {
		r->body_cap = run->body_len;
		r->body = xrealloc(r->body, r->body_cap);
	}
	memcpy(r->body, run->body, run->body_len);
	r->body_len = run->body_len;
	r->n = run->n;
	r->last_start = run->last_start;
	memcpy(r->tot, run->tot, sizeof r->tot);
	r->packed = 0;
	r->f4 = 1;
	return whole_day(fd, run) ? write_now(fd, r) : 0;

one_by_one: {
	const unsigned char *at = run->body;
	int64_t *col = xmalloc(10 * run->n * sizeof *col);
	struct feed_blob_cols c;
	struct feed_interval iv;
	feed_blob_cols_in(&c, col, run->n, 0);
	if ((rc = feed_blob_get_body(&at, run->body + run->body_len, run->n, 900, &c))) {
		buf_addf(fd->err, "the intervals of %s '%s' handed over are damaged", fd->format,
			 run->queue->source_id);
		fd->storage_failed = 1;
	}
	iv.source_id = run->queue->source_id;
	iv.source_len = run->queue->source_len;
	for (size_t i = 0; !rc && i < run->n; i++) {
		iv.start = c.starts[i];
		iv.offered = c.vals[0][i];
		iv.answered = c.vals[1][i];
		iv.within = c.vals[2][i];
		iv.abandoned = c.vals[3][i];
		iv.short_abandoned = c.vals[4][i];
		iv.handled = c.vals[5][i];
		iv.handle_us = c.vals[6][i] * MICRO_ONE;
		iv.wait_us = c.vals[7][i] * MICRO_ONE;
		rc = on_interval_at(fd, &iv, run->day, run->queue);
	}
	xfree(col);
	return rc;
}
}

static void note_moved(struct feeder *fd, const char *source, day_t day)
{
	ALLOC_GROW(fd->moved, fd->n_moved + 1, fd->cap_moved);
	fd->moved[fd->n_moved].source = xstrdup(source);
	fd->moved[fd->n_moved].day = day;
	fd->n_moved++;
}

/* A ticket's events merge in any order: the earliest breach and the
 * latest fulfilment count. */
static int on_ticket(void *ctx, const struct feed_ticket *t)
{
	struct feeder *fd = ctx;
	const struct feed_queue *q = mapped(fd, t->source_id, t->source_len);
	int64_t breach = t->breach_at, fulfill = t->fulfill_at, end;
	int step, rc = 0;
	fd->res->records++;
	if (fd->storage_failed)
		return -1;
	if (!q) {
		count_unmapped(fd, t->source_id, t->source_len);
		return 0;
	}
	progress(fd, 0);
	if (check_zone(fd, "feed_tickets", q) < 0)
		return -1;
	if (fd->res->errors)
		return 0;
	stmt_reset(fd->sel_ticket);
	stmt_bind_str(fd->sel_ticket, 1, fd->format);
	stmt_bind_text(fd->sel_ticket, 2, t->key, t->key_len);
	step = stmt_step(fd->sel_ticket);
	if (step == STORE_ERROR)
		return storage_error(fd, fd->sel_ticket);
	if (step == STORE_ROW) {
		const char *old_source = stmt_text(fd->sel_ticket, 2, NULL);
		if (!stmt_is_null(fd->sel_ticket, 0)) {
			int64_t b = stmt_int64(fd->sel_ticket, 0);
			if (breach == FEED_NO_TIME || b < breach)
				breach = b;
		}
		if (!stmt_is_null(fd->sel_ticket, 1)) {
			int64_t f = stmt_int64(fd->sel_ticket, 1);
			if (fulfill == FEED_NO_TIME || f > fulfill)
				fulfill = f;
		}
		if (!stmt_is_null(fd->sel_ticket, 3)) {
			size_t dl;
			const char *d = stmt_text(fd->sel_ticket, 3, &dl);
			day_t old_day;
			if (!date_parse(d, dl, &old_day))
				note_moved(fd, old_source, old_day);
		}
	}
	stmt_reset(fd->sel_ticket);
	end = fulfill != FEED_NO_TIME ? fulfill : breach;
	struct stmt *st = fd->put_ticket;
	char date[11];
	stmt_reset(st);
	stmt_bind_str(st, 1, fd->format);
	stmt_bind_text(st, 2, t->key, t->key_len);
	stmt_bind_text(st, 3, t->source_id, t->source_len);
	if (breach != FEED_NO_TIME)
		stmt_bind_int64(st, 4, breach);
	else
		stmt_bind_null(st, 4);
	if (fulfill != FEED_NO_TIME)
		stmt_bind_int64(st, 5, fulfill);
	else
		stmt_bind_null(st, 5);
	if (end != FEED_NO_TIME) {
		date_format(feed_tz_day(&fd->tz, end), date);
		stmt_bind_str(st, 6, date);
	} else {
		stmt_bind_null(st, 6);
	}
	stmt_bind_int64(st, 7, fulfill != FEED_NO_TIME && (breach == FEED_NO_TIME || breach > fulfill));
	stmt_bind_str(st, 8, fd->file);
	stmt_bind_str(st, 9, fd->tz.name);
	stmt_bind_int64(st, 10, fd->batch);
	if (stmt_step(st) == STORE_ERROR)
		rc = storage_error(fd, st);
	stmt_reset(st);
	return rc;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct feeder *fd = ctx;
	(void)total;
	fd->bytes_now = fd->bytes_before + done;
	progress(fd, 0);
}

/* --- checking the map against the store ------------------------------------ */

static int check_map(struct feeder *fd)
{
	struct stmt *contract = NULL, *metric = NULL, *metrics = NULL;
	int rc = -1;
	if (store_prepare(fd->s, "SELECT 1 FROM contracts WHERE id = ?", &contract, fd->err) ||
	    store_prepare(fd->s, "SELECT 1 FROM sla_metrics WHERE contract_id = ? AND metric = ?", &metric,
			  fd->err) ||
	    store_prepare(fd->s, "SELECT metric FROM sla_metrics WHERE contract_id = ? ORDER BY metric",
			  &metrics, fd->err))
		goto out;
	for (size_t i = 0; i < fd->map->n_queues; i++) {
		const struct feed_queue *q = &fd->map->queues[i];
		int step;
		stmt_reset(contract);
		stmt_bind_str(contract, 1, q->contract_id);
		if ((step = stmt_step(contract)) == STORE_ERROR) {
			storage_error(fd, contract);
			goto out;
		}
		if (step != STORE_ROW) {
			fd->res->errors++;
			report_line(fd, "%s: %s.contract_id: unknown contract '%s'", fd->map->path, q->where,
				    q->contract_id);
			continue;
		}
		for (size_t j = 0; j < q->n_links; j++) {
			const struct feed_link *l = &q->links[j];
			int ticket = l->measure == MEASURE_TICKET_SLA;
			stmt_reset(metric);
			stmt_bind_str(metric, 1, q->contract_id);
			stmt_bind_str(metric, 2, l->metric);
			if ((step = stmt_step(metric)) == STORE_ERROR) {
				storage_error(fd, metric);
				goto out;
			}
			if (step != STORE_ROW) {
				struct buf have = BUF_INIT;
				stmt_reset(metrics);
				stmt_bind_str(metrics, 1, q->contract_id);
				while (stmt_step(metrics) == STORE_ROW)
					buf_addf(&have, "%s%s", have.len ? ", " : "", stmt_text(metrics, 0, NULL));
				fd->res->errors++;
				report_line(fd, "%s: %s.metrics.%s: contract %s has no SLA metric '%s' (it has: %s)",
					    fd->map->path, q->where, l->metric, q->contract_id, l->metric,
					    have.len ? have.data : "none");
				buf_release(&have);
			} else if (ticket != fd->opt->format->tickets) {
				fd->res->errors++;
				report_line(fd, "%s: %s.metrics.%s: '%s' cannot come from %s (%s)", fd->map->path,
					    q->where, l->metric, feed_measure_name(l->measure), fd->format,
					    ticket ? "ticket_sla needs zendesk-sla or servicenow-task-sla"
						   : "a ticket format gives ticket_sla only");
			}
		}
	}
	rc = 0;
out:
	stmt_finalize(contract);
	stmt_finalize(metric);
	stmt_finalize(metrics);
	return rc;
}

/* --- deriving the measurements ---------------------------------------------- */

struct day_value {
	day_t day;
	micro_t num, den;
	int dirty;
};

static int cmp_day_value(const void *a, const void *b)
{
	const struct day_value *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* A day's numerator and denominator of a measure from a source's day
 * totals (offered .. wait_us), in micro-units. */
static void measure_day(enum feed_measure m, const struct feed_service_level *sl,
			const int64_t t[N_VALUES], micro_t *num, micro_t *den)
{
	int64_t offered = t[0], answered = t[1], within = t[2], abandoned = t[3], shortab = t[4],
		handled = t[5], handle_us = t[6], wait_us = t[7];
	switch (m) {
	case MEASURE_SERVICE_LEVEL:
		*num = within * MICRO_ONE;
		*den = (sl->abandons_ignore ? answered : offered - shortab) * MICRO_ONE;
		break;
	case MEASURE_HANDLE_TIME:
		*num = handle_us;
		*den = handled * MICRO_ONE;
		break;
	case MEASURE_ABANDON_RATE:
		*num = (abandoned - shortab) * MICRO_ONE;
		*den = (offered - shortab) * MICRO_ONE;
		break;
	case MEASURE_SPEED_OF_ANSWER:
		*num = wait_us;
		*den = answered * MICRO_ONE;
		break;
	default:
		/* ticket_sla: t[0] ended, t[1] met */
		*num = t[1] * MICRO_ONE;
		*den = t[0] * MICRO_ONE;
		break;
	}
}

/* Is year y closed (store/closed.h)? The years are read once. */
static int year_closed(struct feeder *fd, int y)
{
	if (!fd->closed_read) {
		fd->closed_read = 1;
		if (closed_years_load(fd->s, &fd->closed, fd->err))
			fd->storage_failed = 1;
	}
	return closed_has(&fd->closed, y);
}

/* A change to a day of a closed year: refused, unless the import is a
 * correction (closed_set_correction); then counted for its audit entry. */
static void closed_day(struct feeder *fd, const char *contract, const char *metric, day_t day,
		       int y)
{
	char date[11];
	struct feed_correction *c = NULL;
	date_format(day, date);
	if (!closed_correction(fd->s)) {
		struct buf msg = BUF_INIT;
		closed_refusal(&msg, y);
		fd->res->errors++;
		report_line(fd, "%s %s %s: %s (the feed would change this day)", contract, metric, date,
			    msg.data);
		buf_release(&msg);
		return;
	}
	for (size_t i = 0; i < fd->n_corrections; i++)
		if (fd->corrections[i].year == y)
			c = &fd->corrections[i];
	if (!c) {
		ALLOC_GROW(fd->corrections, fd->n_corrections + 1, fd->cap_corrections);
		c = &fd->corrections[fd->n_corrections++];
		memset(c, 0, sizeof *c);
		c->year = y;
		buf_init(&c->keys);
	}
	if (c->rows < 20) {
		struct buf key = BUF_INIT;
		buf_addf(&key, "%s, %s, %s", contract, metric, date);
		buf_adds(&c->keys, c->rows ? "," : "[");
		json_write_string(&c->keys, key.data, key.len);
		buf_release(&key);
	}
	c->rows++;
}

struct metric_days {
	const char *metric;
	struct day_value *days;
	size_t n, cap;
};

static void push_day(struct metric_days *md, day_t day, micro_t num, micro_t den, int dirty)
{
	ALLOC_GROW(md->days, md->n + 1, md->cap);
	md->days[md->n].day = day;
	md->days[md->n].num = num;
	md->days[md->n].den = den;
	md->days[md->n].dirty = dirty;
	md->n++;
}

static int year_of(day_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* Writes the dirty days of one contract metric: summed over its sources;
 * a day without a denominator left has no measurement. */
static int write_metric(struct feeder *fd, const char *contract, struct metric_days *md)
{
	size_t i = 0, out = 0;
	int sorted = 1;
	/* One source's days come in order: sorted already. */
	for (size_t j = 1; j < md->n && sorted; j++)
		sorted = md->days[j - 1].day <= md->days[j].day;
	if (!sorted)
		xqsort(md->days, md->n, sizeof *md->days, cmp_day_value);
	for (size_t j = 0; j < md->n; j++) {
		if (out && md->days[out - 1].day == md->days[j].day) {
			md->days[out - 1].num += md->days[j].num;
			md->days[out - 1].den += md->days[j].den;
			md->days[out - 1].dirty |= md->days[j].dirty;
		} else {
			md->days[out++] = md->days[j];
		}
	}
	md->n = out;
	while (i < md->n) {
		int year = year_of(md->days[i].day);
		day_t last = date_from_ymd(year, 12, 31);
		size_t j = i;
		int any = 0;
		for (; j < md->n && md->days[j].day <= last; j++)
			any |= md->days[j].dirty;
		if (any) {
			struct day_block b[12];
			if (blocks_year_read(fd->s, &fd->year_io, contract, md->metric, year, b, fd->err))
				return -1;
			for (size_t k = i; k < j; k++) {
				const struct day_value *dv = &md->days[k];
				int y, m, d;
				if (!dv->dirty)
					continue;
				date_to_ymd(dv->day, &y, &m, &d);
				struct day_block *mb = &b[m - 1];
				int had = (mb->present >> (d - 1)) & 1;
				int changes = dv->den > 0 ? !had || mb->num[d - 1] != dv->num || mb->den[d - 1] != dv->den
							  : had;
				if (changes && year_closed(fd, y)) {
					closed_day(fd, contract, md->metric, dv->day, y);
					if (!closed_correction(fd->s))
						continue;
				}
				if (dv->den > 0) {
					mb->present |= 1u << (d - 1);
					mb->num[d - 1] = dv->num;
					mb->den[d - 1] = dv->den;
					fd->res->days++;
				} else if (mb->present & 1u << (d - 1)) {
					mb->present &= ~(1u << (d - 1));
					mb->num[d - 1] = mb->den[d - 1] = 0;
					fd->res->removed++;
				}
			}
			if (blocks_year_write(fd->s, &fd->year_io, contract, md->metric, year, b, fd->err))
				return -1;
		}
		i = j;
	}
	return 0;
}

static int is_moved(const struct feeder *fd, const char *source, day_t day)
{
	for (size_t i = 0; i < fd->n_moved; i++)
		if (fd->moved[i].day == day && !strcmp(fd->moved[i].source, source))
			return 1;
	return 0;
}

/* Each of q's links' metric among mds (n_mds: not among them), found
 * once per source (a map links a queue to its contract's metrics, a few
 * each); to xfree. */
static size_t *metrics_of_links(const struct feed_queue *q, const struct metric_days *mds,
				size_t n_mds)
{
	size_t *md_of = xcalloc(q->n_links + 1, sizeof *md_of);
	for (size_t j = 0; j < q->n_links; j++) {
		md_of[j] = n_mds;
		for (size_t m = 0; m < n_mds; m++)
			if (!strcmp(mds[m].metric, q->links[j].metric)) {
				md_of[j] = m;
				break;
			}
	}
	return md_of;
}

/* One day of a source (its totals t) into each metric it feeds. */
static void add_source_day(const struct feed_queue *q, const size_t *md_of, struct metric_days *mds,
			   size_t n_mds, day_t day, const int64_t t[N_VALUES], int dirty)
{
	for (size_t j = 0; j < q->n_links; j++)
		if (md_of[j] < n_mds) {
			micro_t num, den;
			measure_day(q->links[j].measure, &q->service_level, t, &num, &den);
			push_day(&mds[md_of[j]], day, num, den, dirty);
		}
}

/* Reads one source's stored days into each metric it feeds. */
static int collect_source(struct feeder *fd, struct stmt *st, const struct feed_queue *q,
			  struct metric_days *mds, size_t n_mds)
{
	int step;
	size_t *md_of = metrics_of_links(q, mds, n_mds);
	stmt_reset(st);
	stmt_bind_str(st, 1, fd->format);
	stmt_bind_str(st, 2, q->source_id);
	while ((step = stmt_step(st)) == STORE_ROW) {
		size_t dl;
		const char *d = stmt_text(st, 0, &dl);
		day_t day;
		int64_t t[N_VALUES] = { 0 };
		if (date_parse(d, dl, &day)) {
			buf_addf(fd->err, "a stored feed day of '%s' is damaged", q->source_id);
			xfree(md_of);
			return -1;
		}
		int dirty = stmt_int64(st, 1) == fd->batch;
		if (fd->opt->format->tickets) {
			t[0] = stmt_int64(st, 2);
			t[1] = stmt_int64(st, 3);
			dirty |= is_moved(fd, q->source_id, day);
		} else {
			for (int k = 0; k < N_VALUES; k++)
				t[k] = stmt_int64(st, 2 + k);
		}
		add_source_day(q, md_of, mds, n_mds, day, t, dirty);
	}
	xfree(md_of);
	if (step == STORE_ERROR)
		return storage_error(fd, st);
	stmt_reset(st);
	return 0;
}

/* A stored day's totals of source q: 1, 0 when it has none, -1 on a
 * storage error. */
static int stored_day(struct feeder *fd, const struct feed_queue *q, day_t day, int64_t t[N_VALUES])
{
	char date[11];
	int step;
	if (!fd->sel_tot &&
	    store_prepare(fd->s, "SELECT offered, answered, within, abandoned, short_abandoned, handled,"
			  " handle_us, wait_us FROM feed_days WHERE format = ? AND source_id = ? AND day = ?",
			  &fd->sel_tot, fd->err))
		return -1;
	date_format(day, date);
	stmt_reset(fd->sel_tot);
	stmt_bind_str(fd->sel_tot, 1, fd->format);
	stmt_bind_str(fd->sel_tot, 2, q->source_id);
	stmt_bind_str(fd->sel_tot, 3, date);
	step = stmt_step(fd->sel_tot);
	if (step == STORE_ERROR)
		return storage_error(fd, fd->sel_tot);
	for (int k = 0; step == STORE_ROW && k < N_VALUES; k++)
		t[k] = stmt_int64(fd->sel_tot, k);
	stmt_reset(fd->sel_tot);
	return step == STORE_ROW;
}

static int cmp_day(const void *a, const void *b)
{
	day_t x = *(const day_t *)a, y = *(const day_t *)b;
	return x < y ? -1 : x > y;
}

/* The days this import wrote of a contract's sources qs (n of them), from
 * the notes of write_row(), as dirty days; a source that did not write one
 * of those days adds its stored day, looked up by its key (for a day it
 * wrote, its note is the row as stored). Days none of them wrote change
 * nothing and are not read. 1 when the notes cannot be read (then every
 * source's rows are), -1 on a storage error. */
static int collect_written(struct feeder *fd, const struct feed_queue *const *qs, size_t n,
			   struct metric_days *mds, size_t n_mds)
{
	struct wl_rec **notes = xcalloc(n, sizeof *notes);
	size_t *n_notes = xcalloc(n, sizeof *n_notes), n_days = 0;
	day_t *days = NULL;
	int rc = 0;
	for (size_t a = 0; a < n; a++)
		if (wl_read(&fd->wl, (size_t)(qs[a] - fd->map->queues), &notes[a], &n_notes[a])) {
			rc = 1;
			goto out;
		}
	if (n > 1) {
		/* Every day any of them wrote, once each. */
		size_t all = 0, k = 0;
		for (size_t a = 0; a < n; a++)
			all += n_notes[a];
		days = xmalloc((all ? all : 1) * sizeof *days);
		for (size_t a = 0; a < n; a++)
			for (size_t i = 0; i < n_notes[a]; i++)
				days[k++] = notes[a][i].day;
		xqsort(days, all, sizeof *days, cmp_day);
		for (size_t i = 0; i < all; i++)
			if (!n_days || days[n_days - 1] != days[i])
				days[n_days++] = days[i];
	}
	for (size_t a = 0; a < n && !rc; a++) {
		size_t *md_of = metrics_of_links(qs[a], mds, n_mds), i = 0;
		for (size_t k = 0; k < n_notes[a]; k++)
			add_source_day(qs[a], md_of, mds, n_mds, notes[a][k].day, notes[a][k].t, 1);
		/* The days the others wrote and this one did not (both in
		 * order). */
		for (size_t d = 0; d < n_days && !rc; d++) {
			int64_t t[N_VALUES];
			while (i < n_notes[a] && notes[a][i].day < days[d])
				i++;
			if (i < n_notes[a] && notes[a][i].day == days[d])
				continue;
			int found = stored_day(fd, qs[a], days[d], t);
			if (found < 0)
				rc = -1;
			else if (found)
				add_source_day(qs[a], md_of, mds, n_mds, days[d], t, 0);
		}
		xfree(md_of);
	}
out:
	for (size_t a = 0; a < n; a++)
		xfree(notes[a]);
	xfree(notes);
	xfree(n_notes);
	xfree(days);
	return rc;
}

static int cmp_queue_contract(const void *a, const void *b)
{
	const struct feed_queue *const *x = a, *const *y = b;
	return strcmp((*x)->contract_id, (*y)->contract_id);
}

/* Every contract metric the map feeds, contract by contract: its days from
 * every source, and the dirty ones written. Moved ticket days with no
 * ticket left come in as dirty days of zero. */
static int derive(struct feeder *fd)
{
	const struct feed_queue **qs = xcalloc(fd->map->n_queues + 1, sizeof *qs);
	struct metric_days *mds = NULL;
	size_t cap_mds = 0, n = fd->map->n_queues;
	struct stmt *st = NULL;
	int rc = -1;
	const char *sql = fd->opt->format->tickets
		? "SELECT end_day, max(batch), count(*), sum(met) FROM feed_tickets"
		  " WHERE format = ? AND source_id = ? AND end_day IS NOT NULL GROUP BY end_day ORDER BY end_day"
		: "SELECT day, batch, offered, answered, within, abandoned, short_abandoned, handled,"
		  " handle_us, wait_us FROM feed_days WHERE format = ? AND source_id = ? ORDER BY day";
	int notes = !fd->opt->format->tickets && !fd->wl.failed;
	for (size_t i = 0; i < n; i++)
		qs[i] = &fd->map->queues[i];
	xqsort(qs, n, sizeof *qs, cmp_queue_contract);
	for (size_t i = 0; i < n;) {
		size_t j = i, n_mds = 0;
		while (j < n && !strcmp(qs[j]->contract_id, qs[i]->contract_id))
			j++;
		/* The metrics of this contract. */
		for (size_t a = i; a < j; a++)
			for (size_t l = 0; l < qs[a]->n_links; l++) {
				size_t m;
				for (m = 0; m < n_mds; m++)
					if (!strcmp(mds[m].metric, qs[a]->links[l].metric))
						break;
				if (m == n_mds) {
					ALLOC_GROW(mds, n_mds + 1, cap_mds);
					memset(&mds[m], 0, sizeof mds[m]);
					mds[m].metric = qs[a]->links[l].metric;
					n_mds++;
				}
			}
		int rd = notes ? collect_written(fd, &qs[i], j - i, mds, n_mds) : 1;
		if (rd < 0)
			goto out_mds;
		for (size_t a = i; a < j && rd; a++) {
			/* Every day row was just written: out of the cache before
			 * the first is read, or reading them back misses on nearly
			 * every page (store.h; at 1,000 queues 222,000 reads of
			 * 27,000 pages, 0.3 s). */
			if (!st && (store_flush_cache(fd->s, fd->err) || store_prepare(fd->s, sql, &st, fd->err)))
				goto out_mds;
			if (collect_source(fd, st, qs[a], mds, n_mds))
				goto out_mds;
			for (size_t k = 0; fd->opt->format->tickets && k < fd->n_moved; k++)
				if (!strcmp(fd->moved[k].source, qs[a]->source_id))
					for (size_t l = 0; l < qs[a]->n_links; l++)
						for (size_t m = 0; m < n_mds; m++)
							if (!strcmp(mds[m].metric, qs[a]->links[l].metric))
								push_day(&mds[m], fd->moved[k].day, 0, 0, 1);
		}
		for (size_t m = 0; m < n_mds; m++)
			if (write_metric(fd, qs[i]->contract_id, &mds[m]))
				goto out_mds;
		for (size_t m = 0; m < n_mds; m++)
			xfree(mds[m].days);
		n_mds = 0;
		i = j;
		continue;
out_mds:
		for (size_t m = 0; m < n_mds; m++)
			xfree(mds[m].days);
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(st);
	xfree(mds);
	xfree(qs);
	return rc;
}

/* The links of this map (the evidence's way from a contract metric to its
 * sources) and the import's record. */
static int write_links_and_audit(struct feeder *fd, const struct feed_file *files, int n_files)
{
	struct stmt *st = NULL;
	struct buf after = BUF_INIT, key = BUF_INIT, names = BUF_INIT;
	char at[21];
	int rc = -1;
	if (store_prepare(fd->s, "INSERT INTO feed_links (contract_id, metric, format, source_id, measure,"
			  " batch) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, metric, format,"
			  " source_id) DO UPDATE SET measure = excluded.measure, batch = excluded.batch",
			  &st, fd->err))
		goto out;
	for (size_t i = 0; i < fd->map->n_queues; i++) {
		const struct feed_queue *q = &fd->map->queues[i];
		for (size_t j = 0; j < q->n_links; j++) {
			stmt_reset(st);
			stmt_bind_str(st, 1, q->contract_id);
			stmt_bind_str(st, 2, q->links[j].metric);
			stmt_bind_str(st, 3, fd->format);
			stmt_bind_str(st, 4, q->source_id);
			stmt_bind_str(st, 5, feed_measure_name(q->links[j].measure));
			stmt_bind_int64(st, 6, fd->batch);
			if (stmt_step(st) == STORE_ERROR) {
				storage_error(fd, st);
				goto out;
			}
		}
	}
	stmt_finalize(st);
	st = NULL;
	buf_addf(&after, "{\"batch\":%lld,\"format\":", (long long)fd->batch);
	json_write_string(&after, fd->format, strlen(fd->format));
	buf_adds(&after, ",\"map\":");
	json_write_string(&after, fd->map->path, strlen(fd->map->path));
	buf_adds(&after, ",\"files\":[");
	for (int i = 0; i < n_files; i++) {
		if (i)
			buf_addc(&after, ',');
		json_write_string(&after, files[i].name, strlen(files[i].name));
		buf_addf(&names, "%s%s", i ? "," : "", files[i].name);
	}
	buf_addf(&after, "],\"records\":%llu,\"skipped\":%llu,\"days\":%llu,\"removed\":%llu}",
		 (unsigned long long)fd->res->records, (unsigned long long)fd->res->skipped,
		 (unsigned long long)fd->res->days, (unsigned long long)fd->res->removed);
	buf_addf(&key, "batch %lld", (long long)fd->batch);
	struct audit_entry e = { fd->opt->actor ? fd->opt->actor : audit_cli_actor(), "feed import",
				 "measurements", key.data, NULL, after.data };
	if (audit_append(fd->s, &e, fd->err))
		goto out;
	for (size_t i = 0; i < fd->n_corrections; i++) {
		struct feed_correction *c = &fd->corrections[i];
		buf_addc(&c->keys, ']');
		if (closed_audit(fd->s, e.actor, "measurements", c->year, c->rows, c->keys.data, fd->err))
			goto out;
	}
	clock_now_iso(at);
	if (store_prepare(fd->s, "INSERT INTO imports (batch, started_at, actor, files, rows)"
			  " VALUES (?, ?, ?, ?, ?)", &st, fd->err))
		goto out;
	stmt_bind_int64(st, 1, fd->batch);
	stmt_bind_str(st, 2, at);
	stmt_bind_str(st, 3, fd->opt->actor ? fd->opt->actor : audit_cli_actor());
	stmt_bind_str(st, 4, names.data);
	stmt_bind_int64(st, 5, (int64_t)fd->res->records);
	if (stmt_step(st) == STORE_ERROR) {
		storage_error(fd, st);
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(st);
	buf_release(&after);
	buf_release(&key);
	buf_release(&names);
	return rc;
}

static void report_unmapped(struct feeder *fd)
{
	for (size_t i = 0; i < fd->n_unmapped; i++) {
		struct unmapped *u = &fd->unmapped[i];
		const char *what = fd->opt->format->tickets ? "ticket" : "interval";
		if (fd->opt->strict)
			fd->res->errors++;
		else
			fd->res->skipped += u->count;
		report_line(fd, "%s: source id '%s' is not in the map: %llu %s%s %s", fd->file, u->source,
			    (unsigned long long)u->count, what, u->count == 1 ? "" : "s",
			    fd->opt->strict ? "(--strict: an error)" : "skipped");
		xfree(u->source);
	}
	fd->n_unmapped = 0;
	if (fd->um_size)
		memset(fd->um_slots, 0, fd->um_size * sizeof *fd->um_slots);
}

/* Before file i's records. */
static void file_begin(void *ctx, int i)
{
	struct feeder *fd = ctx;
	fd->file = fd->files[i].name;
	fd->ord = i;
}

/* After file i: its problems counted, the sources it named that the map
 * does not reported; a file with problems ends the reading. */
static int file_done(void *ctx, int i, uint64_t n_errors, int rc)
{
	struct feeder *fd = ctx;
	fd->res->errors += n_errors;
	if (fd->storage_failed || (rc && rc != 1)) {
		fd->parse_failed = 1;
		return 1;
	}
	fd->bytes_before += fd->files[i].data ? fd->files[i].len : 0;
	fd->bytes_now = fd->bytes_before;
	progress(fd, 1);
	report_unmapped(fd);
	return fd->res->errors != 0;
}

int store_feed_import(struct store *s, const struct feed_map *map, const struct feed_file *files,
		      int n_files, const struct feed_import_options *opt,
		      struct feed_import_result *res, struct buf *report, struct buf *err)
{
	struct feeder *fd = xcalloc(1, sizeof *fd);
	struct feed_sink sink;
	int rc = -1, began = 0;
	memset(res, 0, sizeof *res);
	fd->s = s;
	fd->map = map;
	fd->opt = opt;
	fd->res = res;
	fd->report = report;
	fd->err = err;
	fd->tz = map->tz;
	fd->format = opt->format->name;
	fd->want_progress = opt->progress || opt->on_progress;
	fd->zone_checked = xcalloc(map->n_queues + 1, 1);
	fd->stored = xcalloc(map->n_queues + 1, sizeof *fd->stored);
	fd->current = xcalloc(map->n_queues + 1, sizeof *fd->current);
	wl_init(&fd->wl, map->n_queues);
	buf_init(&fd->blob);
	buf_init(&fd->files_text);
	res->files = n_files;
	sink.ctx = fd;
	sink.interval = on_interval;
	sink.interval_at = on_interval_at;
	sink.interval_run = on_run;
	sink.ticket = on_ticket;
	sink.progress = on_progress;

	if (store_begin(s, err))
		goto out;
	began = 1;
	if (store_query_int64(s, "SELECT coalesce(max(batch), 0) + 1 FROM imports", 1, &fd->batch, err) ||
	    check_map(fd))
		goto out;
	store_writeback(s);
	if (store_prepare(s, "SELECT intervals, files FROM feed_days WHERE format = ? AND source_id = ?"
			  " AND day = ?", &fd->sel_day, err) ||
	    store_prepare(s, "INSERT INTO feed_days (format, source_id, day, timezone, intervals, files,"
			  " n_intervals, offered, answered, within, abandoned, short_abandoned, handled,"
			  " handle_us, wait_us, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			  " ON CONFLICT (format, source_id, day) DO UPDATE SET timezone = excluded.timezone,"
			  " intervals = excluded.intervals, files = excluded.files,"
			  " n_intervals = excluded.n_intervals, offered = excluded.offered,"
			  " answered = excluded.answered, within = excluded.within,"
			  " abandoned = excluded.abandoned, short_abandoned = excluded.short_abandoned,"
			  " handled = excluded.handled, handle_us = excluded.handle_us,"
			  " wait_us = excluded.wait_us, batch = excluded.batch", &fd->put_day, err) ||
	    store_prepare(s, "SELECT breach_at, fulfill_at, source_id, end_day FROM feed_tickets"
			  " WHERE format = ? AND ticket = ?", &fd->sel_ticket, err) ||
	    store_prepare(s, "INSERT INTO feed_tickets (format, ticket, source_id, breach_at, fulfill_at,"
			  " end_day, met, file, timezone, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			  " ON CONFLICT (format, ticket) DO UPDATE SET source_id = excluded.source_id,"
			  " breach_at = excluded.breach_at, fulfill_at = excluded.fulfill_at,"
			  " end_day = excluded.end_day, met = excluded.met, file = excluded.file,"
			  " timezone = excluded.timezone, batch = excluded.batch", &fd->put_ticket, err))
		goto out;
	/* A map that does not fit the store is the problem to fix first. The
	 * files are parsed in a thread beside this one (io/feed_pipe.c). */
	if (!res->errors) {
		struct feed_pipe_hooks hooks = { fd, file_begin, file_done };
		fd->files = files;
		feed_parse_files(opt->format, files, n_files, map, &sink, report, &hooks);
		if (fd->parse_failed)
			goto out;
	}
	if (res->errors || opt->dry_run) {
		/* A dry run still derives, to say how many days it would write. */
		if (!res->errors && (flush_rows(fd) || derive(fd)))
			goto out;
		store_rollback(s);
		began = 0;
		rc = res->errors ? 1 : 0;
		goto out;
	}
	if (flush_rows(fd) || derive(fd))
		goto out;
	if (res->errors || fd->storage_failed) {   /* a closed year the feed would change */
		if (fd->storage_failed)
			goto out;
		store_rollback(s);
		began = 0;
		rc = 1;
		goto out;
	}
	if (write_links_and_audit(fd, files, n_files) || store_bump_version(s, err) || store_commit(s, err))
		goto out;
	began = 0;
	res->batch = fd->batch;
	rc = 0;
out:
	if (began)
		store_rollback(s);
	for (size_t b = 0; b < HASH_BUCKETS; b++) {
		struct day_row *r = fd->buckets[b], *next;
		for (; r; r = next) {
			next = r->next;
			row_free(r);
		}
	}
	while (fd->spare) {
		struct day_row *r = fd->spare;
		fd->spare = r->next;
		row_free(r);
	}
	xfree(fd->ages);
	xfree(fd->flushing);
	stmt_finalize(fd->sel_day);
	stmt_finalize(fd->put_day);
	stmt_finalize(fd->sel_ticket);
	stmt_finalize(fd->put_ticket);
	blocks_year_io_release(&fd->year_io);
	for (size_t i = 0; i < fd->n_unmapped; i++)
		xfree(fd->unmapped[i].source);
	xfree(fd->unmapped);
	xfree(fd->um_slots);
	for (size_t i = 0; i < fd->n_moved; i++)
		xfree(fd->moved[i].source);
	xfree(fd->moved);
	wl_release(&fd->wl);
	xfree(fd->zone_checked);
	xfree(fd->stored);
	xfree(fd->current);
	xfree(fd->cols);
	stmt_finalize(fd->sel_range);
	stmt_finalize(fd->sel_tot);
	for (size_t i = 0; i < fd->n_corrections; i++)
		buf_release(&fd->corrections[i].keys);
	xfree(fd->corrections);
	buf_release(&fd->blob);
	buf_release(&fd->files_text);
	xfree(fd);
	if (rc < 0 && !err->len)
		buf_addf(err, "feed import failed");
	return rc;
}

/* --- the evidence ----------------------------------------------------------- */

/* A range of days as the text bounds of a SQL comparison: DAY_NONE is
 * open (0000-01-01, 9999-12-31). */
static void day_bounds(day_t from, day_t to, char f[11], char t[11])
{
	if (from != DAY_NONE)
		date_format(from, f);
	else
		memcpy(f, "0000-01-01", 11);
	if (to != DAY_NONE)
		date_format(to, t);
	else
		memcpy(t, "9999-12-31", 11);
}

int store_feed_sources(struct store *s, const char *contract, const char *metric, day_t from,
		       day_t to, feed_source_fn fn, void *ctx, struct buf *err)
{
	struct stmt *st;
	char f[11], t[11];
	int step, rc = 0;
	day_bounds(from, to, f, t);
	if (store_prepare(s,
			  "SELECT d.day, l.format, l.source_id, l.measure, d.files, d.n_intervals"
			  " FROM feed_links l JOIN feed_days d ON d.format = l.format AND d.source_id = l.source_id"
			  " WHERE l.contract_id = ? AND l.metric = ? AND d.day >= ? AND d.day <= ?"
			  " UNION ALL"
			  " SELECT k.end_day, l.format, l.source_id, l.measure, min(k.file), count(*)"
			  " FROM feed_links l JOIN feed_tickets k ON k.format = l.format AND k.source_id = l.source_id"
			  " WHERE l.contract_id = ? AND l.metric = ? AND k.end_day >= ? AND k.end_day <= ?"
			  " GROUP BY k.end_day, l.format, l.source_id, l.measure"
			  " ORDER BY 1, 2, 3", &st, err))
		return -1;
	for (int base = 0; base <= 4; base += 4) {
		stmt_bind_str(st, base + 1, contract);
		stmt_bind_str(st, base + 2, metric);
		stmt_bind_str(st, base + 3, f);
		stmt_bind_str(st, base + 4, t);
	}
	while ((step = stmt_step(st)) == STORE_ROW) {
		size_t dl;
		const char *d = stmt_text(st, 0, &dl);
		day_t day;
		if (date_parse(d, dl, &day))
			continue;
		rc = fn(ctx, day, stmt_text(st, 1, NULL), stmt_text(st, 2, NULL), stmt_text(st, 3, NULL),
			stmt_text(st, 4, NULL), stmt_int64(st, 5));
		if (rc)
			break;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		rc = -1;
	}
	stmt_finalize(st);
	return rc;
}

/* Adds each line of files not yet in list (lines) to it. */
static void add_files(struct buf *list, const char *files)
{
	while (*files) {
		const char *nl = strchr(files, '\n');
		size_t len = nl ? (size_t)(nl - files) : strlen(files);
		int have = 0;
		for (const char *p = list->data; *p && !have;) {
			const char *e = strchr(p, '\n');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			have = l == len && !memcmp(p, files, len);
			p += l + (e ? 1 : 0);
		}
		if (!have && len) {
			if (list->len)
				buf_addc(list, '\n');
			buf_add(list, files, len);
		}
		files += len + (nl ? 1 : 0);
	}
}

int store_feed_evidence(struct store *s, const char *contract, day_t from, day_t to,
			struct feed_evidence **out, size_t *n, struct buf *err)
{
	struct stmt *st;
	struct feed_evidence *fe = NULL;
	size_t n_fe = 0, cap = 0;
	struct buf files = BUF_INIT;
	char f[11], t[11];
	int step, rc = 0;
	*out = NULL;
	*n = 0;
	day_bounds(from, to, f, t);
	if (store_prepare(s,
			  "SELECT l.metric, l.format, l.source_id, d.day, d.files, d.n_intervals"
			  " FROM feed_links l JOIN feed_days d ON d.format = l.format AND d.source_id = l.source_id"
			  " WHERE l.contract_id = ? AND d.day >= ? AND d.day <= ?"
			  " UNION ALL"
			  " SELECT l.metric, l.format, l.source_id, k.end_day, min(k.file), count(*)"
			  " FROM feed_links l JOIN feed_tickets k ON k.format = l.format AND k.source_id = l.source_id"
			  " WHERE l.contract_id = ? AND k.end_day >= ? AND k.end_day <= ?"
			  " GROUP BY l.metric, l.format, l.source_id, k.end_day"
			  " ORDER BY 1, 2, 3, 4", &st, err))
		return -1;
	for (int base = 0; base <= 3; base += 3) {
		stmt_bind_str(st, base + 1, contract);
		stmt_bind_str(st, base + 2, f);
		stmt_bind_str(st, base + 3, t);
	}
	while ((step = stmt_step(st)) == STORE_ROW) {
		const char *metric = stmt_text(st, 0, NULL), *format = stmt_text(st, 1, NULL),
			   *source = stmt_text(st, 2, NULL);
		size_t dl;
		const char *d = stmt_text(st, 3, &dl);
		day_t day;
		if (date_parse(d, dl, &day))
			continue;
		struct feed_evidence *e = n_fe ? &fe[n_fe - 1] : NULL;
		if (!e || strcmp(e->metric, metric) || strcmp(e->format, format) || strcmp(e->source_id, source)) {
			if (e) {
				e->files = buf_detach(&files, NULL);
			}
			ALLOC_GROW(fe, n_fe + 1, cap);
			e = &fe[n_fe++];
			memset(e, 0, sizeof *e);
			e->metric = xstrdup(metric);
			e->format = xstrdup(format);
			e->source_id = xstrdup(source);
			e->first = day;
		}
		e->last = day;
		e->days++;
		e->items += stmt_int64(st, 5);
		add_files(&files, stmt_text(st, 4, NULL));
	}
	if (n_fe)
		fe[n_fe - 1].files = buf_detach(&files, NULL);
	buf_release(&files);
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		rc = -1;
		feed_evidence_free(fe, n_fe);
	} else {
		*out = fe;
		*n = n_fe;
	}
	stmt_finalize(st);
	return rc;
}

/* --- stored maps ---------------------------------------------------------- */

int store_feed_map_put(struct store *s, const char *name, const char *body, const char *actor,
		       struct buf *err)
{
	struct stmt *st = NULL;
	char at[21];
	char *before = NULL;
	int rc = -1, step;
	struct buf after = BUF_INIT;
	if (store_begin(s, err))
		return -1;
	if (store_prepare(s, "SELECT body FROM feed_maps WHERE name = ?", &st, err))
		goto out;
	stmt_bind_str(st, 1, name);
	if ((step = stmt_step(st)) == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	if (step == STORE_ROW)
		before = xstrdup(stmt_text(st, 0, NULL));
	stmt_finalize(st);
	st = NULL;
	clock_now_iso(at);
	if (store_prepare(s, "INSERT INTO feed_maps (name, body, updated_at, updated_by) VALUES (?, ?, ?, ?)"
			  " ON CONFLICT (name) DO UPDATE SET body = excluded.body,"
			  " updated_at = excluded.updated_at, updated_by = excluded.updated_by", &st, err))
		goto out;
	stmt_bind_str(st, 1, name);
	stmt_bind_str(st, 2, body);
	stmt_bind_str(st, 3, at);
	stmt_bind_str(st, 4, actor);
	if (stmt_step(st) == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	{
		struct buf b = BUF_INIT;
		if (before)
			json_write_string(&b, before, strlen(before));
		json_write_string(&after, body, strlen(body));
		struct audit_entry e = { actor, before ? "update" : "create", "feed_maps", name,
					 before ? b.data : NULL, after.data };
		int arc = audit_append(s, &e, err);
		buf_release(&b);
		if (arc)
			goto out;
	}
	stmt_finalize(st);
	st = NULL;
	/* The commit ends the transaction whether or not it succeeds. */
	rc = store_commit(s, err);
	goto done;
out:
	stmt_finalize(st);
	store_rollback(s);
done:
	xfree(before);
	buf_release(&after);
	return rc;
}

int store_feed_map_get(struct store *s, const char *name, char **body, struct buf *err)
{
	struct stmt *st;
	int step, rc;
	*body = NULL;
	if (store_prepare(s, "SELECT body FROM feed_maps WHERE name = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, name);
	step = stmt_step(st);
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		rc = -1;
	} else if (step == STORE_ROW) {
		*body = xstrdup(stmt_text(st, 0, NULL));
		rc = 0;
	} else {
		rc = 1;
	}
	stmt_finalize(st);
	return rc;
}

int store_feed_map_list(struct store *s, feed_map_fn fn, void *ctx, struct buf *err)
{
	struct stmt *st;
	int step, rc = 0;
	if (store_prepare(s, "SELECT name, updated_at, updated_by FROM feed_maps ORDER BY name", &st, err))
		return -1;
	while ((step = stmt_step(st)) == STORE_ROW)
		if ((rc = fn(ctx, stmt_text(st, 0, NULL), stmt_text(st, 1, NULL), stmt_text(st, 2, NULL))))
			break;
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		rc = -1;
	}
	stmt_finalize(st);
	return rc;
}

int store_feed_contract_sources(struct store *s, const char *contract, feed_summary_fn fn, void *ctx,
				struct buf *err)
{
	struct stmt *st;
	int step, rc = 0;
	if (store_prepare(s,
			  "SELECT l.metric, l.format, l.source_id, l.measure, min(d.day), max(d.day), count(*),"
			  " sum(d.n_intervals) FROM feed_links l JOIN feed_days d"
			  " ON d.format = l.format AND d.source_id = l.source_id WHERE l.contract_id = ?"
			  " GROUP BY l.metric, l.format, l.source_id, l.measure"
			  " UNION ALL"
			  " SELECT l.metric, l.format, l.source_id, l.measure, min(k.end_day), max(k.end_day),"
			  " count(DISTINCT k.end_day), count(*) FROM feed_links l JOIN feed_tickets k"
			  " ON k.format = l.format AND k.source_id = l.source_id"
			  " WHERE l.contract_id = ? AND k.end_day IS NOT NULL"
			  " GROUP BY l.metric, l.format, l.source_id, l.measure"
			  " ORDER BY 1, 2, 3", &st, err))
		return -1;
	stmt_bind_str(st, 1, contract);
	stmt_bind_str(st, 2, contract);
	while ((step = stmt_step(st)) == STORE_ROW) {
		struct feed_summary f = {
			stmt_text(st, 0, NULL), stmt_text(st, 1, NULL), stmt_text(st, 2, NULL),
			stmt_text(st, 3, NULL), stmt_text(st, 4, NULL), stmt_text(st, 5, NULL),
			stmt_int64(st, 6), stmt_int64(st, 7),
		};
		if ((rc = fn(ctx, &f)))
			break;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		rc = -1;
	}
	stmt_finalize(st);
	return rc;
}
