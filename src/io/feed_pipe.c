/* SPDX-License-Identifier: MIT */
/* Reading a feed's files in threads beside the caller's (issue 19's speed
 * goal, docs/feeds.md §6): up to PIPE_READERS reading threads take the
 * files in turn (file i goes to reader i mod n), parse them and hand their
 * records over in batches, each through its own ring; the caller's thread
 * gives them to its sink file by file, in the parser's order, with each
 * file's problems at the place the parser found them. So the caller sees
 * exactly what the same parser run in its own thread would give, while the
 * reading and the storing overlap on every core.
 *
 * A reading thread also finds each interval's local day and queue in the
 * map, and gathers a queue's intervals of a day into a run written as the
 * store keeps it (io/feed_blob.h, struct feed_run): the caller's thread
 * takes a day of intervals in one go instead of one by one.
 *
 * Memory: each reading thread owns its batches (a ring of PIPE_BATCHES,
 * each up to PIPE_ITEMS records and an arena of about PIPE_ARENA bytes of
 * strings and runs) and frees them only after the caller's thread said it
 * reads no more, also when a thread runs out of memory and unwinds
 * (base/alloc.h). The ring is deep (about 20 MB) so that the reader of the
 * next file can read it whole while the caller stores the one before; so
 * memory is bounded by the rings and the map's queues (one run each),
 * never by the data. Nothing returned is allocated for the caller. */
#include "base/alloc.h"
#include "io/feed_blob.h"
#include "io/feed_impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PIPE_BATCHES 32
#define PIPE_ITEMS 1024
#define PIPE_READERS 2                 /* at most this many reading threads */
#define PIPE_ARENA (512 * 1024)
#define RUN_REC 9                      /* numbers an interval takes in a run */

enum { ITEM_INTERVAL, ITEM_RUN, ITEM_TICKET, ITEM_TEXT, ITEM_FILE_END };

/* A record as it crosses: its strings are offsets into the batch's arena. */
struct item {
	int kind;
	day_t day;                     /* an interval's local day ... */
	const struct feed_queue *queue; /* ... and queue (NULL: not mapped) */
	size_t s1, s2;                 /* source id (or text), ticket key */
	union {
		struct feed_interval iv;
		struct {
			int64_t first_start, last_start;
			uint64_t n;
			int64_t tot[8];
			size_t body_len;
		} run;                 /* its body at s1 */
		struct feed_ticket tk;
		size_t text_len;
		struct {
			uint64_t n_errors;
			int rc;
		} end;
	} u;
};

struct batch {
	struct item *items;
	size_t n;
	struct buf arena;
	int progressed;                /* the parser's last progress, if any */
	uint64_t done, total;
};

/* A queue's run being gathered (struct feed_run), every mark the file's.
 * Kept small: a file lists every queue in each interval, so each interval
 * goes to another queue's run, and what it touches is a cache miss. The
 * sums and ranges are found when the run is handed over (ship_run()).
 *
 * Each interval takes RUN_REC numbers: the steps of 15 minutes from the
 * first start, then the 8 values (the times in whole seconds). They are
 * 16-bit while every number of the queue fits (the runs of 1,000 queues
 * then fit a core's cache: 1.7 MB instead of 3.5 at 32 bits), 32-bit from
 * the first that does not on (wide, for the queue's later runs too). */
struct open_run {
	int open;
	int listed;                    /* in the pipe's open_runs */
	int wide;                      /* rec holds int32_t, not uint16_t */
	day_t day;
	size_t n, cap;
	int64_t first_start, last_start;
	void *rec;                     /* room for cap intervals */
};

struct pipe;

/* A reading thread: it parses files first, first + n, first + 2n, ... (n
 * the readers) and hands them over through its own ring. */
struct producer {
	struct pipe *p;
	int first;
	pthread_t thread;
	int started;

	/* Under the pipe's mutex. */
	struct batch ring[PIPE_BATCHES];
	int head, count;               /* published batches: ring[head], ... */
	int done;                      /* no more batches will come */
	size_t oom;                    /* this thread ran out of memory */

	/* The reading thread only. */
	int tail;                      /* the batch being filled */
	struct feed_tz tz;             /* the map's zone, with this thread's caches */
	int file;                      /* the file being read */
	struct open_run *runs;         /* per queue of the map (want_runs) */
	int64_t *cols;                 /* ship_run()'s columns, room for cap_cols intervals */
	size_t cap_cols;
	size_t *open_runs, n_open_runs; /* the queues whose run is open, in that order */
	unsigned char *seen;           /* per queue: an interval came */
	const struct feed_queue **next_of; /* per queue: the queue that came after it */
	const struct feed_queue *prev; /* the last interval's queue */
	struct buf perr;               /* the file's problems not yet handed over */
	struct alloc_cleanup unwind;
};

struct pipe {
	/* Set before the threads start, read-only after. */
	const struct feed_format *format;
	const struct feed_file *files;
	int n_files;
	const struct feed_map *map;
	int want_runs;                 /* the caller's sink takes runs */
	int n_producers;

	pthread_mutex_t mu;
	pthread_cond_t cv;             /* any change of the producers' shared state or below */
	int stop;                      /* the caller wants no more */
	int consumer_gone;             /* the caller reads the rings no more */
	struct producer producers[PIPE_READERS];

	/* The caller's thread only. */
	struct alloc_cleanup caller_unwind;
	int joined;
};

/* --- the parser's side ---------------------------------------------------- */

/* Hands the batch being filled over and waits for a free one; 0, or 1 when
 * the caller wants no more. */
static int publish(struct producer *pr)
{
	struct pipe *p = pr->p;
	int stop;
	pthread_mutex_lock(&p->mu);
	pr->count++;
	pr->tail = (pr->tail + 1) % PIPE_BATCHES;
	pthread_cond_broadcast(&p->cv);
	while (pr->count == PIPE_BATCHES && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	if (!stop) {
		struct batch *b = &pr->ring[pr->tail];
		b->n = 0;
		b->progressed = 0;
		buf_reset(&b->arena);
	}
	return stop;
}

static size_t arena_add(struct batch *b, const char *s, size_t len)
{
	size_t at = b->arena.len;
	buf_add(&b->arena, s, len);
	return at;
}

/* A new item in the batch being filled (the full one handed over first);
 * NULL when the caller wants no more. */
static struct item *new_item(struct producer *pr, int kind)
{
	struct batch *b = &pr->ring[pr->tail];
	/* A batch goes when full, or when its strings and runs take more
	 * than PIPE_ARENA bytes. */
	if (b->n == PIPE_ITEMS || b->arena.len > PIPE_ARENA) {
		if (publish(pr))
			return NULL;
		b = &pr->ring[pr->tail];
	}
	struct item *it = &b->items[b->n++];
	it->kind = kind;
	return it;
}

/* The problems the parser wrote since the last record go first. */
static int flush_text(struct producer *pr)
{
	if (!pr->perr.len)
		return 0;
	struct item *it = new_item(pr, ITEM_TEXT);
	if (!it)
		return 1;
	it->s1 = arena_add(&pr->ring[pr->tail], pr->perr.data, pr->perr.len);
	it->u.text_len = pr->perr.len;
	buf_reset(&pr->perr);
	return 0;
}

/* The map's queue of a source id, or NULL. Most files list the queues in
 * the same order in every interval (or run through one queue's intervals
 * before the next one's), so the queue that came after the last one the
 * time before is compared first, before the map's table is searched. */
static const struct feed_queue *find_queue(struct producer *pr, const char *id, size_t len)
{
	const struct feed_map *m = pr->p->map;
	const struct feed_queue *q = pr->prev ? pr->next_of[pr->prev - m->queues] : NULL;
	if (q && q->source_len == len && !memcmp(q->source_id, id, len))
		return pr->prev = q;
	if (!(q = feed_map_queue(m, id, len)))
		return NULL;   /* the chain goes on at the next mapped id */
	if (pr->prev)
		pr->next_of[pr->prev - m->queues] = q;
	return pr->prev = q;
}

/* The bytes of a number in run's records. */
static size_t rec_size(const struct open_run *run)
{
	return run->wide ? sizeof(int32_t) : sizeof(uint16_t);
}

/* A column of a run's records (n of them, at RUN_REC) into out, with its
 * least and greatest value and its sum, in locals: out is not read back
 * for every value written (it might alias the record). */
#define GATHER(name, type)                                                                       \
	static void name(const type *in, size_t n, int64_t *out, int64_t *lo_out, int64_t *hi_out, \
			 int64_t *sum_out)                                                        \
	{                                                                                        \
		int64_t lo = in[0], hi = in[0], sum = 0;                                         \
		for (size_t i = 0; i < n; i++) {                                                 \
			int64_t x = in[i * RUN_REC];                                             \
			out[i] = x;                                                              \
			sum += x;                                                                \
			lo = x < lo ? x : lo;                                                    \
			hi = x > hi ? x : hi;                                                    \
		}                                                                                \
		*lo_out = lo;                                                                    \
		*hi_out = hi;                                                                    \
		*sum_out = sum;                                                                  \
	}
GATHER(gather16, uint16_t)
GATHER(gather32, int32_t)
#undef GATHER

static void gather(const struct open_run *run, int field, int64_t *out, int64_t *lo, int64_t *hi,
		   int64_t *sum)
{
	if (run->wide)
		gather32((const int32_t *)run->rec + field, run->n, out, lo, hi, sum);
	else
		gather16((const uint16_t *)run->rec + field, run->n, out, lo, hi, sum);
}

/* Hands queue qi's open run over, its body written as the store keeps
 * it (io/feed_blob.h): its intervals laid out by column, with the sums and
 * each column's range, in one pass. */
static int ship_run(struct producer *pr, size_t qi)
{
	struct open_run *run = &pr->runs[qi];
	struct item *it = new_item(pr, ITEM_RUN);
	struct batch *b = &pr->ring[pr->tail];
	struct feed_blob_cols c;
	size_t n = run->n;
	int64_t tot[8] = { 0 };
	if (!it)
		return 1;
	if (n > pr->cap_cols) {
		pr->cap_cols = n;
		pr->cols = xrealloc(pr->cols, 10 * n * sizeof *pr->cols);
	}
	feed_blob_cols_in(&c, pr->cols, n, 0);
	c.ranged = 1;
	{
		int64_t lo, hi, sum;
		gather(run, 0, c.starts, &lo, &hi, &sum);
	}
	for (size_t i = 0; i < n; i++) {
		c.starts[i] = run->first_start + c.starts[i] * 900;
		c.marks[i] = pr->file + 1;
	}
	for (int k = 0; k < 8; k++)
		gather(run, 1 + k, c.vals[k], &c.lo[2 + k], &c.hi[2 + k], &tot[k]);
	/* The differences from the reference columns (values are not
	 * negative: none overflows). */
	for (int k = 0; k < 8; k++) {
		int ref = feed_blob_ref_of(k);
		if (ref < 0)
			continue;
		const int64_t *x = c.vals[k], *y = c.vals[ref];
		int64_t lo = x[0] - y[0], hi = lo;
		for (size_t i = 1; i < n; i++) {
			int64_t d = x[i] - y[i];
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
		c.diff_lo[k] = lo;
		c.diff_hi[k] = hi;
	}
	/* The steps, in the unit of 15 minutes (every start is on one). */
	c.lo[0] = c.hi[0] = n > 1 ? (c.starts[1] - c.starts[0]) / 900 : 0;
	for (size_t i = 2; i < n; i++) {
		int64_t step = (c.starts[i] - c.starts[i - 1]) / 900;
		c.lo[0] = step < c.lo[0] ? step : c.lo[0];
		c.hi[0] = step > c.hi[0] ? step : c.hi[0];
	}
	c.lo[10] = c.hi[10] = pr->file + 1;
	it->queue = &pr->p->map->queues[qi];
	it->day = run->day;
	it->u.run.first_start = c.starts[0];
	it->u.run.last_start = c.starts[n - 1];
	it->u.run.n = n;
	for (int k = 0; k < 8; k++)
		it->u.run.tot[k] = k < 6 ? tot[k] : tot[k] * MICRO_ONE;
	it->s1 = b->arena.len;
	feed_blob_put_body(&b->arena, n, 900, &c);
	it->u.run.body_len = b->arena.len - it->s1;
	run->open = 0;
	return 0;
}

/* Hands every open run over, in the order they were opened (before a
 * problem of the file, and at its end: what came before goes first). */
static int ship_runs(struct producer *pr)
{
	for (size_t i = 0; i < pr->n_open_runs; i++) {
		struct open_run *run = &pr->runs[pr->open_runs[i]];
		if (run->open && ship_run(pr, pr->open_runs[i]))
			return 1;
		run->listed = 0;
	}
	pr->n_open_runs = 0;
	return 0;
}

/* The run's records as 32-bit numbers from now on (into a new array, of
 * twice the bytes). */
static void widen(struct open_run *run)
{
	const uint16_t *narrow = run->rec;
	int32_t *wide = xmalloc(run->cap * RUN_REC * sizeof *wide);   /* cap >= 128 here */
	for (size_t j = 0; j < run->n * RUN_REC; j++)
		wide[j] = narrow[j];
	xfree(run->rec);
	run->rec = wide;
	run->wide = 1;
}

/* Adds iv to queue qi's run: 1, or 0 when it may not join one (then the
 * queue's run is handed over first), -1 when the caller wants no more. A
 * run takes whole seconds and no negative value, each below 2^31, starts
 * on 15-minute boundaries (the store's unit of such rows) and goes on on
 * the same day in time order. The first interval of each queue crosses
 * alone, so that the caller meets the queues in the order the parser did
 * (it checks a queue's zone on its first interval, and may report it). */
static int run_add(struct producer *pr, size_t qi, day_t day, const struct feed_interval *iv)
{
	struct open_run *run = &pr->runs[qi];
	int64_t v[8] = { iv->offered, iv->answered, iv->within, iv->abandoned, iv->short_abandoned,
			 iv->handled, iv->handle_us, iv->wait_us };
	int may = pr->seen[qi] && feed_values_plain(v) && !(iv->start % 900);
	if (may) {
		v[6] /= MICRO_ONE;
		v[7] /= MICRO_ONE;
		may = !((v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7]) >> 31);
	}
	pr->seen[qi] = 1;
	if (run->open && !(may && run->day == day && iv->start > run->last_start &&
			   iv->start - run->first_start <= INT32_MAX) &&
	    ship_run(pr, qi))
		return -1;
	if (!may)
		return 0;
	if (!run->open) {
		run->open = 1;
		run->day = day;
		run->n = 0;
		run->first_start = iv->start;
		if (!run->listed) {
			run->listed = 1;
			pr->open_runs[pr->n_open_runs++] = qi;
		}
	}
	if (run->n == run->cap) {
		run->cap = run->cap ? run->cap * 2 : 128;
		run->rec = xrealloc(run->rec, run->cap * RUN_REC * rec_size(run));
	}
	int64_t step = (iv->start - run->first_start) / 900;
	if (!run->wide && (v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7] | step) >> 16)
		widen(run);
	if (run->wide) {
		int32_t *rec = (int32_t *)run->rec + run->n * RUN_REC;
		rec[0] = (int32_t)step;
		for (int k = 0; k < 8; k++)
			rec[1 + k] = (int32_t)v[k];
	} else {
		uint16_t *rec = (uint16_t *)run->rec + run->n * RUN_REC;
		rec[0] = (uint16_t)step;
		for (int k = 0; k < 8; k++)
			rec[1 + k] = (uint16_t)v[k];
	}
	run->last_start = iv->start;
	run->n++;
	return 1;
}

static int pipe_interval(void *ctx, const struct feed_interval *iv)
{
	struct producer *pr = ctx;
	struct pipe *p = pr->p;
	struct item *it;
	const struct feed_queue *q;
	day_t day;
	/* What came before a problem goes first. */
	if (pr->perr.len && p->want_runs && ship_runs(pr))
		return 1;
	if (flush_text(pr))
		return 1;
	/* The day and the queue are found here, in the parser's thread, and
	 * most intervals join their queue's run: the caller's thread only
	 * adds runs to days (issue 19's speed goal). Only a source id the
	 * map does not name crosses as text. */
	day = p->map ? feed_tz_day(&pr->tz, iv->start) : 0;
	q = p->map ? find_queue(pr, iv->source_id, iv->source_len) : NULL;
	if (q && p->want_runs) {
		size_t qi = (size_t)(q - p->map->queues);
		int added = run_add(pr, qi, day, iv);
		/* The queue expected next: its run's next record, fetched while
		 * the parser reads the next line (a file lists every queue in
		 * each interval, so each record is a cache miss otherwise). */
		const struct feed_queue *nq = pr->next_of[qi];
		if (nq) {
			const struct open_run *nr = &pr->runs[nq - p->map->queues];
			if (nr->n < nr->cap)
				__builtin_prefetch((const char *)nr->rec + nr->n * RUN_REC * rec_size(nr), 1);
		}
		if (added)
			return added < 0;
	}
	if (!(it = new_item(pr, ITEM_INTERVAL)))
		return 1;
	it->u.iv = *iv;
	it->day = day;
	it->queue = q;
	it->s1 = q ? 0 : arena_add(&pr->ring[pr->tail], iv->source_id, iv->source_len);
	return 0;
}

static int pipe_ticket(void *ctx, const struct feed_ticket *t)
{
	struct producer *pr = ctx;
	struct item *it;
	if (flush_text(pr) || !(it = new_item(pr, ITEM_TICKET)))
		return 1;
	it->u.tk = *t;
	it->s1 = arena_add(&pr->ring[pr->tail], t->source_id, t->source_len);
	it->s2 = arena_add(&pr->ring[pr->tail], t->key, t->key_len);
	return 0;
}

/* Progress is kept per batch: the caller reports it after the batch. */
static void pipe_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct producer *pr = ctx;
	struct batch *b = &pr->ring[pr->tail];
	b->progressed = 1;
	b->done = done;
	b->total = total;
}

/* Waits until the caller reads the ring no more: then the batches can go. */
static void wait_consumer_gone(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (!p->consumer_gone)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

/* Out of memory in a reading thread: the caller stops reading before the
 * unwinding frees the batches. */
static void producer_unwound(void *arg)
{
	struct producer *pr = arg;
	struct pipe *p = pr->p;
	pthread_mutex_lock(&p->mu);
	pr->oom = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	wait_consumer_gone(p);
}

static void producer_run(struct producer *pr)
{
	struct pipe *p = pr->p;
	struct feed_sink sink = { pr, pipe_interval, pipe_ticket, pipe_progress };
	for (int i = 0; i < PIPE_BATCHES; i++) {
		pr->ring[i].items = xmalloc(PIPE_ITEMS * sizeof *pr->ring[i].items);
		buf_init(&pr->ring[i].arena);
	}
	buf_init(&pr->perr);
	if (p->map)
		pr->next_of = xcalloc(p->map->n_queues + 1, sizeof *pr->next_of);
	if (p->want_runs) {
		pr->runs = xcalloc(p->map->n_queues + 1, sizeof *pr->runs);
		pr->open_runs = xcalloc(p->map->n_queues + 1, sizeof *pr->open_runs);
		pr->seen = xcalloc(p->map->n_queues + 1, 1);
	}
	for (int i = pr->first; i < p->n_files; i += p->n_producers) {
		uint64_t n_errors = 0;
		int rc;
		struct item *it;
		pr->file = i;
		rc = p->format->parse(&p->files[i], p->map, &sink, &pr->perr, &n_errors);
		if ((p->want_runs && ship_runs(pr)) || flush_text(pr) || !(it = new_item(pr, ITEM_FILE_END)))
			break;
		it->u.end.n_errors = n_errors;
		it->u.end.rc = rc;
		/* The file's end goes over at once: the caller may stop there, and
		 * goes on with the next file from the next ring. */
		if (publish(pr))
			break;
	}
	pthread_mutex_lock(&p->mu);
	pr->done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	wait_consumer_gone(p);
	for (int i = 0; i < PIPE_BATCHES; i++) {
		xfree(pr->ring[i].items);
		buf_release(&pr->ring[i].arena);
	}
	buf_release(&pr->perr);
	for (size_t q = 0; pr->runs && q < p->map->n_queues; q++)
		xfree(pr->runs[q].rec);
	xfree(pr->runs);
	xfree(pr->cols);
	xfree(pr->next_of);
	xfree(pr->open_runs);
	xfree(pr->seen);
}

static void *producer_main(void *arg)
{
	struct producer *pr = arg;
	struct alloc_scope scope;
	if (ALLOC_SCOPE_TRY(&scope)) {
		alloc_cleanup_push(&pr->unwind, producer_unwound, pr);
		producer_run(pr);
		alloc_cleanup_pop(&pr->unwind);
		alloc_scope_pop(&scope);
	} else {
		/* producer_unwound() ran: pr->oom is set and nobody reads on. */
		pthread_mutex_lock(&pr->p->mu);
		pr->oom = scope.failed_size ? scope.failed_size : 1;
		pr->done = 1;
		pthread_mutex_unlock(&pr->p->mu);
	}
	return NULL;
}

/* --- the caller's side ------------------------------------------------------ */

/* The caller reads no more; waits for the reading threads to end. */
static void consumer_leave(struct pipe *p)
{
	if (p->joined)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	p->consumer_gone = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n_producers; i++)
		if (p->producers[i].started)
			pthread_join(p->producers[i].thread, NULL);
	p->joined = 1;
}

/* The caller's thread unwinds (out of memory in its sink): the parser's
 * thread is stopped and joined before the pipe is freed. */
static void consumer_unwound(void *arg)
{
	consumer_leave(arg);
}

/* Gives one batch's items to the sink and hooks; 0 to go on, 1 at the end
 * of the run. *file is the file being read. */
static int replay(struct batch *b, const struct feed_sink *sink, struct buf *errors,
		  const struct feed_pipe_hooks *h, int *file, int *began)
{
	for (size_t k = 0; k < b->n; k++) {
		struct item *it = &b->items[k];
		int rc = 0;
		if (!*began) {
			if (h->file_begin)
				h->file_begin(h->ctx, *file);
			*began = 1;
		}
		switch (it->kind) {
		case ITEM_INTERVAL:
			if (it->queue) {
				it->u.iv.source_id = it->queue->source_id;
			} else {
				it->u.iv.source_id = b->arena.data + it->s1;
			}
			if (sink->interval_at)
				rc = sink->interval_at(sink->ctx, &it->u.iv, it->day, it->queue);
			else if (sink->interval)
				rc = sink->interval(sink->ctx, &it->u.iv);
			break;
		case ITEM_RUN: {
			struct feed_run run = { it->queue, it->day, it->u.run.first_start,
						it->u.run.last_start, it->u.run.n, { 0 },
						(const unsigned char *)b->arena.data + it->s1,
						it->u.run.body_len };
			memcpy(run.tot, it->u.run.tot, sizeof run.tot);
			rc = sink->interval_run(sink->ctx, &run);
			break;
		}
		case ITEM_TICKET:
			it->u.tk.source_id = b->arena.data + it->s1;
			it->u.tk.key = b->arena.data + it->s2;
			rc = sink->ticket ? sink->ticket(sink->ctx, &it->u.tk) : 0;
			break;
		case ITEM_TEXT:
			buf_add(errors, b->arena.data + it->s1, it->u.text_len);
			break;
		default:
			*began = 0;
			if (h->file_done(h->ctx, (*file)++, it->u.end.n_errors, it->u.end.rc) || it->u.end.rc)
				return 1;
			break;
		}
		if (rc) {
			/* As a parser stops at its sink's non-zero value. */
			h->file_done(h->ctx, *file, 0, rc);
			return 1;
		}
	}
	if (b->progressed && sink->progress)
		sink->progress(sink->ctx, b->done, b->total);
	return 0;
}

static int serial(const struct feed_format *format, const struct feed_file *files, int n_files,
		  const struct feed_map *map, const struct feed_sink *sink, struct buf *errors,
		  const struct feed_pipe_hooks *h)
{
	for (int i = 0; i < n_files; i++) {
		uint64_t n_errors = 0;
		int rc;
		if (h->file_begin)
			h->file_begin(h->ctx, i);
		rc = format->parse(&files[i], map, sink, errors, &n_errors);
		if (h->file_done(h->ctx, i, n_errors, rc) || rc)
			break;
	}
	return 0;
}

/* TANDEM_FEED_SERIAL=1 reads in the caller's thread (tests compare both
 * ways); so does the torture mode, whose count of allocations must not
 * depend on how threads interleave, and a machine of one CPU, where a
 * second thread only adds the hand-over. */
static int want_serial(void)
{
	const char *e = getenv("TANDEM_FEED_SERIAL");
	return (e && *e && strcmp(e, "0")) || alloc_torture_enabled() || sysconf(_SC_NPROCESSORS_ONLN) < 2;
}

/* Reading threads: one a file up to PIPE_READERS, or TANDEM_FEED_READERS
 * (1 or 2; tests compare them). */
static int readers(int n_files)
{
	const char *e = getenv("TANDEM_FEED_READERS");
	int n = e && (*e == '1' || *e == '2') && !e[1] ? *e - '0' : PIPE_READERS;
	return n < n_files ? n : n_files;
}

/* The ring file's batches come from, the producer reading it. */
static struct producer *reader_of(struct pipe *p, int file)
{
	return &p->producers[file % p->n_producers];
}

int feed_parse_files(const struct feed_format *format, const struct feed_file *files, int n_files,
		     const struct feed_map *map, const struct feed_sink *sink, struct buf *errors,
		     const struct feed_pipe_hooks *h)
{
	struct pipe *p;
	int file = 0, began = 0;
	size_t oom = 0;
	if (n_files <= 0)
		return 0;
	if (want_serial())
		return serial(format, files, n_files, map, sink, errors, h);
	p = xcalloc(1, sizeof *p);
	p->format = format;
	p->files = files;
	p->n_files = n_files;
	p->map = map;
	p->want_runs = map && sink->interval_run && sink->interval_at;
	p->n_producers = readers(n_files);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	for (int i = 0; i < p->n_producers; i++) {
		struct producer *pr = &p->producers[i];
		pr->p = p;
		pr->first = i;
		if (map)
			pr->tz = map->tz;
	}
	alloc_cleanup_push(&p->caller_unwind, consumer_unwound, p);
	for (int i = 0; i < p->n_producers; i++) {
		struct producer *pr = &p->producers[i];
		if (pthread_create(&pr->thread, NULL, producer_main, pr))
			break;
		pr->started = 1;
	}
	if (!p->producers[0].started) {
		alloc_cleanup_pop(&p->caller_unwind);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		xfree(p);
		return serial(format, files, n_files, map, sink, errors, h);
	}
	/* A reader that could not start: the files are read by fewer. (Each
	 * reader takes every n-th file, so n is fixed now: the others stop.) */
	if (!p->producers[p->n_producers - 1].started) {
		consumer_leave(p);
		alloc_cleanup_pop(&p->caller_unwind);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		xfree(p);
		return serial(format, files, n_files, map, sink, errors, h);
	}
	for (;;) {
		struct producer *pr = reader_of(p, file);
		struct batch *b;
		int end;
		pthread_mutex_lock(&p->mu);
		for (;;) {
			for (int i = 0; i < p->n_producers; i++)
				if (p->producers[i].oom && !oom)
					oom = p->producers[i].oom;
			if (oom || pr->count || pr->done)
				break;
			pthread_cond_wait(&p->cv, &p->mu);
		}
		if (oom || !pr->count) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		b = &pr->ring[pr->head];
		pthread_mutex_unlock(&p->mu);
		end = replay(b, sink, errors, h, &file, &began);
		pthread_mutex_lock(&p->mu);
		pr->head = (pr->head + 1) % PIPE_BATCHES;
		pr->count--;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (end || file == n_files)
			break;
	}
	consumer_leave(p);
	alloc_cleanup_pop(&p->caller_unwind);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	xfree(p);
	if (oom)
		alloc_failed(oom);   /* as if the caller's thread had run out */
	return 0;
}
