/* SPDX-License-Identifier: MIT */
/* What the feed parsers (io/feed_json.c, io/feed_csv.c) share: the state of
 * one file's parse and how records and problems leave it. */
#ifndef TANDEM_FEED_IMPL_H
#define TANDEM_FEED_IMPL_H

#include "io/feed.h"

#include <stdarg.h>

#define FEED_MAX_ERRORS 100

struct feed_errors {
	struct buf *out;
	uint64_t n;
};

struct feed_ctx {
	const struct feed_map *map;
	struct feed_tz tz;            /* the map's zone, with its own caches */
	const struct feed_sink *sink;
	struct feed_errors errors;
};

/* Appends one problem line (the first FEED_MAX_ERRORS; all are counted). */
void feed_error(struct feed_errors *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Field i of an interval in the order offered, answered, within,
 * abandoned, short abandoned, handled, handle µs, answer-wait µs. */
static inline void feed_interval_set(struct feed_interval *iv, int field, int64_t v)
{
	int64_t *f[] = { &iv->offered, &iv->answered, &iv->within, &iv->abandoned,
			 &iv->short_abandoned, &iv->handled, &iv->handle_us, &iv->wait_us };
	*f[field] = v;
}

static inline int feed_emit_interval(struct feed_ctx *c, const struct feed_interval *iv)
{
	return c->sink->interval ? c->sink->interval(c->sink->ctx, iv) : 0;
}

static inline int feed_emit_ticket(struct feed_ctx *c, const struct feed_ticket *t)
{
	return c->sink->ticket ? c->sink->ticket(c->sink->ctx, t) : 0;
}

struct feed_json_format {
	const char *name;
	int (*parse)(const struct feed_file *f, struct feed_ctx *c);
};
/* Parses f as the JSON format of that name. */
int feed_json_parse(const char *format, const struct feed_file *f, struct feed_ctx *c);

#endif
