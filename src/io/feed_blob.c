/* SPDX-License-Identifier: MIT */
/* Format 4's body of a queue's day of intervals (io/feed_blob.h). */
#include "io/feed_blob.h"

#include "io/feed.h"

#include <string.h>

/* A start or a step may be at most this many units, a value at most this
 * much either way: sums of a day's values then stay far from overflow. */
#define BLOB_LIMIT (INT64_MAX / 4)
/* In a column's width byte: its values are the differences from another
 * column's (feed_blob_ref_of()). */
#define BLOB_DIFF 0x80

static void put_u64le(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* What a column keeps: count values of v (at stride), less ref's when ref
 * is set, or with unit the steps (v[i + 1] - v[i]) / unit. */
struct column {
	const int64_t *v, *ref;
	size_t count, stride;
	int64_t unit;
};

static inline int64_t column_value(const struct column *c, size_t i)
{
	const int64_t *v = c->v + i * c->stride;
	/* Differences wrap rather than overflow: values past BLOB_LIMIT are
	 * not read back whatever they become. */
	if (c->unit) {
		int64_t d = (int64_t)((uint64_t)v[c->stride] - (uint64_t)v[0]);
		return d == c->unit ? 1 : d / c->unit;
	}
	return c->ref ? (int64_t)((uint64_t)v[0] - (uint64_t)c->ref[i * c->stride]) : v[0];
}

static void column_range(const struct column *c, int64_t *lo, int64_t *hi)
{
	*lo = *hi = 0;
	for (size_t i = 0; i < c->count; i++) {
		int64_t x = column_value(c, i);
		*lo = !i || x < *lo ? x : *lo;
		*hi = !i || x > *hi ? x : *hi;
	}
}

static int range_width(int64_t lo, int64_t hi)
{
	uint64_t range = (uint64_t)hi - (uint64_t)lo;
	int width = 0;
	while (width < 64 && range >> width)
		width++;
	return width;
}

/* Packs values width bits each, low bit first, into whole 8-byte words. */
struct packer {
	unsigned char *p;
	uint64_t acc;
	int bits, width;
};

static inline void pack_value(struct packer *k, uint64_t x)
{
	k->acc |= x << k->bits;
	k->bits += k->width;
	if (k->bits >= 64) {
		put_u64le(k->p, k->acc);
		k->p += 8;
		k->bits -= 64;
		k->acc = k->bits ? x >> (k->width - k->bits) : 0;
	}
}

/* Appends column c, its values from lo to hi; flag goes into the width
 * byte. One loop per kind of column (steps, differences, values one after
 * another or at a stride), so that none asks column_value()'s questions
 * for every value: the reading threads pack every run (issue 19's speed
 * goal). */
static void put_column(struct buf *out, const struct column *c, int64_t lo, int64_t hi, int flag)
{
	struct packer k = { NULL, 0, 0, range_width(lo, hi) };
	const int64_t *v = c->v, *ref = c->ref;
	size_t n = c->count, s = c->stride;
	uint64_t base = (uint64_t)lo;
	/* The least value, the width and the bits, with 8 bytes to spare for
	 * the last word written whole. */
	buf_grow(out, 11 + (n * (size_t)k.width + 7) / 8 + 8);
	k.p = feed_put_varint((unsigned char *)out->data + out->len, feed_zigzag(lo));
	*k.p++ = (unsigned char)(k.width | flag);
	if (k.width) {
		if (c->unit)
			for (size_t i = 0; i < n; i++)
				pack_value(&k, (uint64_t)column_value(c, i) - base);
		else if (ref)
			for (size_t i = 0; i < n; i++)
				pack_value(&k, (uint64_t)v[i * s] - (uint64_t)ref[i * s] - base);
		else if (s == 1)
			for (size_t i = 0; i < n; i++)
				pack_value(&k, (uint64_t)v[i] - base);
		else
			for (size_t i = 0; i < n; i++)
				pack_value(&k, (uint64_t)v[i * s] - base);
		for (; k.bits > 0; k.bits -= 8) {
			*k.p++ = (unsigned char)k.acc;
			k.acc >>= 8;
		}
	}
	buf_setlen(out, (size_t)(k.p - (unsigned char *)out->data));
}

/* Column col's range: *known_lo, *known_hi when the caller gave them
 * (c->ranged), else found. */
static void range_of(const struct column *col, const struct feed_blob_cols *c, const int64_t *known_lo,
		     const int64_t *known_hi, int64_t *lo, int64_t *hi)
{
	if (c->ranged && col->count) {
		*lo = *known_lo;
		*hi = *known_hi;
	} else {
		column_range(col, lo, hi);
	}
}

/* Appends column col, its range at index i of c->lo, c->hi when known. */
static void put_known(struct buf *out, const struct column *col, const struct feed_blob_cols *c, int i)
{
	int64_t lo, hi;
	range_of(col, c, &c->lo[i], &c->hi[i], &lo, &hi);
	put_column(out, col, lo, hi, 0);
}

void feed_blob_cols_in(struct feed_blob_cols *c, int64_t *mem, size_t n, int with_files)
{
	memset(c, 0, sizeof *c);
	c->stride = 1;
	c->starts = mem;
	mem += n;
	if (with_files) {
		c->files = mem;
		mem += n;
	}
	for (int k = 0; k < 8; k++, mem += n)
		c->vals[k] = mem;
	c->marks = mem;
}

void feed_blob_put_body(struct buf *out, size_t n, int64_t unit, const struct feed_blob_cols *c)
{
	size_t stride = c->stride ? c->stride : 1;
	struct column col = { c->starts, NULL, n - 1, stride, unit };
	unsigned char *p;
	buf_grow(out, 10);
	p = feed_put_varint((unsigned char *)out->data + out->len, feed_zigzag(c->starts[0] / unit));
	buf_setlen(out, (size_t)(p - (unsigned char *)out->data));
	put_known(out, &col, c, 0);
	col.count = n;
	col.unit = 0;
	if (c->files) {
		col.v = c->files;
		put_known(out, &col, c, 1);
	}
	for (int k = 0; k < 8; k++) {
		int64_t lo, hi, dlo, dhi;
		col.v = c->vals[k];
		col.ref = NULL;
		range_of(&col, c, &c->lo[2 + k], &c->hi[2 + k], &lo, &hi);
		if (feed_blob_ref_of(k) < 0) {
			put_column(out, &col, lo, hi, 0);
			continue;
		}
		/* Kept as the difference from its reference when that is
		 * narrower (most answered calls are offered ones). */
		col.ref = c->vals[feed_blob_ref_of(k)];
		range_of(&col, c, &c->diff_lo[k], &c->diff_hi[k], &dlo, &dhi);
		if (range_width(dlo, dhi) < range_width(lo, hi) && dlo >= -BLOB_LIMIT && dhi <= BLOB_LIMIT) {
			put_column(out, &col, dlo, dhi, BLOB_DIFF);
		} else {
			col.ref = NULL;
			put_column(out, &col, lo, hi, 0);
		}
	}
	col.v = c->marks;
	col.ref = NULL;
	put_known(out, &col, c, 10);
}

/* Reads a column of count values into out; *diff tells whether they are
 * differences (BLOB_DIFF; NULL: they may not be). The bits past the last
 * value must be 0 (one set of bytes per column). */
static int get_column(const unsigned char **p, const unsigned char *end, int64_t *out, size_t count,
		      int *diff)
{
	uint64_t z, lo;
	size_t bytes, bit = 0;
	int width;
	const unsigned char *b;
	if (feed_get_varint(p, end, &z) || *p >= end)
		return -1;
	lo = (uint64_t)feed_unzigzag(z);
	width = *(*p)++;
	if (diff)
		*diff = !!(width & BLOB_DIFF);
	else if (width & BLOB_DIFF)
		return -1;
	width &= ~BLOB_DIFF;
	if (width > 64 || count > (SIZE_MAX - 7) / 64)
		return -1;
	bytes = (count * (size_t)width + 7) / 8;
	if ((size_t)(end - *p) < bytes)
		return -1;
	b = *p;
	for (size_t i = 0; i < count; i++) {
		uint64_t x = 0;
		for (int got = 0; got < width;) {
			int take = 8 - (int)(bit % 8);
			if (take > width - got)
				take = width - got;
			x |= (uint64_t)((b[bit / 8] >> (bit % 8)) & ((1u << take) - 1)) << got;
			got += take;
			bit += (size_t)take;
		}
		int64_t v = (int64_t)(lo + x);
		if (v > BLOB_LIMIT || v < -BLOB_LIMIT)
			return -1;
		out[i] = v;
	}
	if (bit % 8 && b[bit / 8] >> (bit % 8))
		return -1;
	*p += bytes;
	return 0;
}

int feed_blob_get_body(const unsigned char **p, const unsigned char *end, size_t n, int64_t unit,
		       struct feed_blob_cols *c)
{
	uint64_t z;
	int64_t first;
	if (!n || unit <= 0 || feed_get_varint(p, end, &z))
		return -1;
	first = feed_unzigzag(z);
	if (first > BLOB_LIMIT / unit || first < -BLOB_LIMIT / unit)
		return -1;
	c->starts[0] = first * unit;
	/* The steps, then the starts they lead to. */
	if (get_column(p, end, c->starts + 1, n - 1, NULL))
		return -1;
	for (size_t i = 1; i < n; i++) {
		int64_t step = c->starts[i];
		if (step > BLOB_LIMIT / unit || step < -BLOB_LIMIT / unit)
			return -1;
		step *= unit;
		if ((step > 0 && c->starts[i - 1] > BLOB_LIMIT - step) ||
		    (step < 0 && c->starts[i - 1] < -BLOB_LIMIT - step))
			return -1;
		c->starts[i] = c->starts[i - 1] + step;
	}
	if (c->files && get_column(p, end, c->files, n, NULL))
		return -1;
	for (int k = 0; k < 8; k++) {
		int diff = 0;
		if (get_column(p, end, c->vals[k], n, feed_blob_ref_of(k) >= 0 ? &diff : NULL))
			return -1;
		for (size_t i = 0; diff && i < n; i++) {
			int64_t v = c->vals[k][i] + c->vals[feed_blob_ref_of(k)][i];
			if (v > BLOB_LIMIT || v < -BLOB_LIMIT)
				return -1;
			c->vals[k][i] = v;
		}
	}
	return get_column(p, end, c->marks, n, NULL);
}
