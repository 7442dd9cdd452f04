/* SPDX-License-Identifier: MIT */
/* Reading a feed's files in a thread beside the caller's (issue 19's speed
 * goal, docs/feeds.md §6): the parser runs in a thread of its own and hands
 * its records over in batches; the caller's thread gives them to its sink,
 * in the parser's order, with each file's problems at the place the parser
 * found them. So the caller sees exactly what the same parser run in its
 * own thread would give, while the reading and the storing overlap on two
 * cores. Nothing returned is allocated for the caller.
 *
 * Memory: the parser's thread owns the batches (a ring of PIPE_BATCHES,
 * each PIPE_ITEMS records and an arena of their strings) and frees them
 * only after the caller's thread said it reads no more, also when either
 * thread runs out of memory and unwinds (base/alloc.h); so memory is
 * bounded by the ring, never by the data. */
#include "base/alloc.h"
#include "io/feed_impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PIPE_BATCHES 4
#define PIPE_ITEMS 4096

enum { ITEM_INTERVAL, ITEM_TICKET, ITEM_TEXT, ITEM_FILE_END };

/* A record as it crosses: its strings are offsets into the batch's arena. */
struct item {
	int kind;
	size_t s1, s2;                 /* source id (or text), ticket key */
	union {
		struct feed_interval iv;
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

struct pipe {
	/* Set before the thread starts, read-only after. */
	const struct feed_format *format;
	const struct feed_file *files;
	int n_files;
	const struct feed_map *map;

	pthread_mutex_t mu;
	pthread_cond_t cv;             /* any change below */
	pthread_t thread;
	struct batch ring[PIPE_BATCHES];
	int head, count;               /* published batches: ring[head], ... */
	int producer_done;             /* no more batches will come */
	int stop;                      /* the caller wants no more */
	int consumer_gone;             /* the caller reads the ring no more */
	size_t oom;                    /* the parser's thread ran out of memory */
	int ring_made;

	/* The parser's thread only. */
	int tail;                      /* the batch being filled */
	struct buf perr;               /* the file's problems not yet handed over */
	struct alloc_cleanup unwind;

	/* The caller's thread only. */
	struct alloc_cleanup caller_unwind;
	int joined;
};

/* --- the parser's side ---------------------------------------------------- */

/* Hands the batch being filled over and waits for a free one; 0, or 1 when
 * the caller wants no more. */
static int publish(struct pipe *p)
{
	int stop;
	pthread_mutex_lock(&p->mu);
	p->count++;
	p->tail = (p->tail + 1) % PIPE_BATCHES;
	pthread_cond_broadcast(&p->cv);
	while (p->count == PIPE_BATCHES && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	stop = p->stop;
	pthread_mutex_unlock(&p->mu);
	if (!stop) {
		struct batch *b = &p->ring[p->tail];
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
static struct item *new_item(struct pipe *p, int kind)
{
	struct batch *b = &p->ring[p->tail];
	if (b->n == PIPE_ITEMS) {
		if (publish(p))
			return NULL;
		b = &p->ring[p->tail];
	}
	struct item *it = &b->items[b->n++];
	it->kind = kind;
	return it;
}

/* The problems the parser wrote since the last record go first. */
static int flush_text(struct pipe *p)
{
	if (!p->perr.len)
		return 0;
	struct item *it = new_item(p, ITEM_TEXT);
	if (!it)
		return 1;
	it->s1 = arena_add(&p->ring[p->tail], p->perr.data, p->perr.len);
	it->u.text_len = p->perr.len;
	buf_reset(&p->perr);
	return 0;
}

static int pipe_interval(void *ctx, const struct feed_interval *iv)
{
	struct pipe *p = ctx;
	struct item *it;
	if (flush_text(p) || !(it = new_item(p, ITEM_INTERVAL)))
		return 1;
	it->u.iv = *iv;
	it->s1 = arena_add(&p->ring[p->tail], iv->source_id, iv->source_len);
	return 0;
}

static int pipe_ticket(void *ctx, const struct feed_ticket *t)
{
	struct pipe *p = ctx;
	struct item *it;
	if (flush_text(p) || !(it = new_item(p, ITEM_TICKET)))
		return 1;
	it->u.tk = *t;
	it->s1 = arena_add(&p->ring[p->tail], t->source_id, t->source_len);
	it->s2 = arena_add(&p->ring[p->tail], t->key, t->key_len);
	return 0;
}

/* Progress is kept per batch: the caller reports it after the batch. */
static void pipe_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct pipe *p = ctx;
	struct batch *b = &p->ring[p->tail];
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

/* Out of memory in the parser's thread: the caller stops reading before
 * the unwinding frees the batches. */
static void producer_unwound(void *arg)
{
	struct pipe *p = arg;
	pthread_mutex_lock(&p->mu);
	p->oom = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	wait_consumer_gone(p);
}

static void producer_run(struct pipe *p)
{
	struct feed_sink sink = { p, pipe_interval, pipe_ticket, pipe_progress };
	for (int i = 0; i < PIPE_BATCHES; i++) {
		p->ring[i].items = xmalloc(PIPE_ITEMS * sizeof *p->ring[i].items);
		buf_init(&p->ring[i].arena);
	}
	buf_init(&p->perr);
	p->ring_made = 1;
	for (int i = 0; i < p->n_files; i++) {
		uint64_t n_errors = 0;
		int rc = p->format->parse(&p->files[i], p->map, &sink, &p->perr, &n_errors);
		struct item *it;
		if (flush_text(p) || !(it = new_item(p, ITEM_FILE_END)))
			break;
		it->u.end.n_errors = n_errors;
		it->u.end.rc = rc;
		/* The file's end goes over at once: the caller may stop there. */
		if (publish(p))
			break;
	}
	pthread_mutex_lock(&p->mu);
	p->producer_done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	wait_consumer_gone(p);
	for (int i = 0; i < PIPE_BATCHES; i++) {
		xfree(p->ring[i].items);
		buf_release(&p->ring[i].arena);
	}
	buf_release(&p->perr);
}

static void *producer_main(void *arg)
{
	struct pipe *p = arg;
	struct alloc_scope scope;
	if (ALLOC_SCOPE_TRY(&scope)) {
		alloc_cleanup_push(&p->unwind, producer_unwound, p);
		producer_run(p);
		alloc_cleanup_pop(&p->unwind);
		alloc_scope_pop(&scope);
	} else {
		/* producer_unwound() ran: p->oom is set and nobody reads on. */
		pthread_mutex_lock(&p->mu);
		p->oom = scope.failed_size ? scope.failed_size : 1;
		p->producer_done = 1;
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

/* --- the caller's side ------------------------------------------------------ */

/* The caller reads no more; waits for the parser's thread to end. */
static void consumer_leave(struct pipe *p)
{
	if (p->joined)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	p->consumer_gone = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
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
			it->u.iv.source_id = b->arena.data + it->s1;
			rc = sink->interval ? sink->interval(sink->ctx, &it->u.iv) : 0;
			break;
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
 * depend on how two threads interleave, and a machine of one CPU, where a
 * second thread only adds the hand-over. */
static int want_serial(void)
{
	const char *e = getenv("TANDEM_FEED_SERIAL");
	return (e && *e && strcmp(e, "0")) || alloc_torture_enabled() || sysconf(_SC_NPROCESSORS_ONLN) < 2;
}

int feed_parse_files(const struct feed_format *format, const struct feed_file *files, int n_files,
		     const struct feed_map *map, const struct feed_sink *sink, struct buf *errors,
		     const struct feed_pipe_hooks *h)
{
	struct pipe *p;
	int file = 0, began = 0;
	size_t oom;
	if (n_files <= 0)
		return 0;
	if (want_serial())
		return serial(format, files, n_files, map, sink, errors, h);
	p = xcalloc(1, sizeof *p);
	p->format = format;
	p->files = files;
	p->n_files = n_files;
	p->map = map;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->thread, NULL, producer_main, p)) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		xfree(p);
		return serial(format, files, n_files, map, sink, errors, h);
	}
	alloc_cleanup_push(&p->caller_unwind, consumer_unwound, p);
	for (;;) {
		struct batch *b;
		pthread_mutex_lock(&p->mu);
		while (!p->count && !p->producer_done && !p->oom)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->oom || !p->count) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		b = &p->ring[p->head];
		pthread_mutex_unlock(&p->mu);
		int end = replay(b, sink, errors, h, &file, &began);
		pthread_mutex_lock(&p->mu);
		p->head = (p->head + 1) % PIPE_BATCHES;
		p->count--;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (end)
			break;
	}
	consumer_leave(p);
	alloc_cleanup_pop(&p->caller_unwind);
	oom = p->oom;
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	xfree(p);
	if (oom)
		alloc_failed(oom);   /* as if the caller's thread had run out */
	return 0;
}
