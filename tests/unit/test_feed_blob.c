/* SPDX-License-Identifier: MIT */
/* Unit tests of format 4's body of a queue's day of intervals
 * (src/io/feed_blob.c): exact bytes of a small body worked out by hand,
 * round trips of every width from 0 to 64 bits with negative values and
 * columns kept as differences, the ranges a caller gives giving the same
 * bytes, and bytes that are not a body refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/feed_blob.h"

#define MAXN 200

/* The columns laid out by feed_blob_cols_in(), MAXN values apart. */
struct cols {
	int64_t mem[11 * MAXN];
	struct feed_blob_cols c;
};

static void cols_init(struct cols *k, int with_files)
{
	feed_blob_cols_in(&k->c, k->mem, MAXN, with_files);
}

/* Encodes n intervals of a, decodes them into b and compares. */
static void round_trip(struct cols *a, size_t n, int64_t unit, struct buf *out)
{
	struct cols b;
	const unsigned char *p;
	buf_reset(out);
	feed_blob_put_body(out, n, unit, &a->c);
	cols_init(&b, a->c.files != NULL);
	p = (const unsigned char *)out->data;
	assert_int_equal(feed_blob_get_body(&p, p + out->len, n, unit, &b.c), 0);
	assert_ptr_equal(p, (const unsigned char *)out->data + out->len);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(b.c.starts[i], a->c.starts[i]);
		if (a->c.files)
			assert_int_equal(b.c.files[i], a->c.files[i]);
		for (int f = 0; f < 8; f++)
			assert_int_equal(b.c.vals[f][i], a->c.vals[f][i]);
		assert_int_equal(b.c.marks[i], a->c.marks[i]);
	}
}

/* Three 15-minute intervals, by hand: the first start 1800 s is 2 units
 * (zigzag 4); the steps 1 and 1 (least 1, 0 bits); offered 10, 12, 11
 * (least 10, 2 bits: 0, 2, 1 = 0b01_10_00 = 0x18); answered 9, 12, 10 kept
 * as differences from offered (-1, 0, -1: least -1, 1 bit, 0b010 = 0x02)
 * rather than as themselves (2 bits); within 9, 12, 10 as differences
 * from answered (all 0: least 0, 0 bits); abandoned 1, 0, 1 (least 0, 1
 * bit: 0b101); short 0, 0, 0; handled as answered (differences 0); handle
 * 900, 1000, 700 s (least 700, 9 bits: 200, 300, 0); wait all 5; marks all
 * 1. */
static void blob_exact_bytes(void **state)
{
	static const unsigned char want[] = {
		0x04,                   /* first start: 2 units */
		0x02, 0x00,             /* steps: least 1, 0 bits */
		0x14, 0x02, 0x18,       /* offered: least 10, 2 bits */
		0x01, 0x81, 0x02,       /* answered: least -1, 1 bit, differences */
		0x00, 0x80,             /* within: least 0, 0 bits, differences */
		0x00, 0x01, 0x05,       /* abandoned: least 0, 1 bit */
		0x00, 0x00,             /* short abandoned */
		0x00, 0x80,             /* handled: differences, all 0 */
		0xf8, 0x0a, 0x09,       /* handle: least 700 (zigzag 1400), 9 bits */
		0xc8, 0x58, 0x02, 0x00, /*   200 | 300 << 9 | 0 << 18 = 0x258c8 */
		0x0a, 0x00,             /* wait: least 5, 0 bits */
		0x02, 0x00,             /* marks: least 1, 0 bits */
	};
	struct cols a;
	struct buf out = BUF_INIT;
	int64_t v[8][3] = { { 10, 12, 11 }, { 9, 12, 10 }, { 9, 12, 10 }, { 1, 0, 1 },
			    { 0, 0, 0 },    { 9, 12, 10 }, { 900, 1000, 700 }, { 5, 5, 5 } };
	(void)state;
	cols_init(&a, 0);
	for (int i = 0; i < 3; i++) {
		a.c.starts[i] = 1800 + 900 * i;
		for (int f = 0; f < 8; f++)
			a.c.vals[f][i] = v[f][i];
		a.c.marks[i] = 1;
	}
	round_trip(&a, 3, 900, &out);
	assert_int_equal(out.len, sizeof want);
	assert_memory_equal(out.data, want, sizeof want);
	buf_release(&out);
}

/* Widths 0 to 64, negative values, several files, one interval, steps of
 * one second, and the ranges given by the caller (as the reading thread
 * does): the same bytes as found here. */
static void blob_round_trips(void **state)
{
	struct cols a;
	struct buf out = BUF_INIT, again = BUF_INIT;
	uint64_t seed = 88172645463325252ull;
	(void)state;
	for (int width = 0; width <= 64; width++) {
		size_t n = (size_t)(width % 7) * 23 + 1;
		cols_init(&a, width % 2);
		for (size_t i = 0; i < n; i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			uint64_t mask = width == 64 ? UINT64_MAX : ((uint64_t)1 << width) - 1;
			/* Values of about width bits, either side of 0, within the
			 * blob's limit (a quarter of int64's range). */
			int64_t x = (int64_t)((seed & mask) >> 3) - (int64_t)(mask >> 4);
			a.c.starts[i] = (int64_t)(i * (width % 3 ? 900 : 1)) + 86400 * 20000;
			if (a.c.files)
				a.c.files[i] = (int64_t)(i % 3);
			for (int f = 0; f < 8; f++)
				a.c.vals[f][i] = f == 1 ? a.c.vals[0][i] - (int64_t)(seed % 5) : x / (f + 1);
			a.c.marks[i] = (int64_t)(i % 4);
		}
		round_trip(&a, n, width % 3 ? 900 : 1, &out);
		/* The ranges given: the same bytes. */
		a.c.ranged = 1;
		a.c.lo[0] = a.c.hi[0] = 0;
		for (size_t i = 0; i + 1 < n; i++) {
			int64_t step = (a.c.starts[i + 1] - a.c.starts[i]) / (width % 3 ? 900 : 1);
			a.c.lo[0] = !i || step < a.c.lo[0] ? step : a.c.lo[0];
			a.c.hi[0] = !i || step > a.c.hi[0] ? step : a.c.hi[0];
		}
		for (int col = a.c.files ? 1 : 2; col < 11; col++) {
			const int64_t *v = col == 1 ? a.c.files : col == 10 ? a.c.marks : a.c.vals[col - 2];
			for (size_t i = 0; i < n; i++) {
				a.c.lo[col] = !i || v[i] < a.c.lo[col] ? v[i] : a.c.lo[col];
				a.c.hi[col] = !i || v[i] > a.c.hi[col] ? v[i] : a.c.hi[col];
			}
		}
		for (int f = 0; f < 8; f++) {
			int ref = feed_blob_ref_of(f);
			for (size_t i = 0; ref >= 0 && i < n; i++) {
				int64_t d = a.c.vals[f][i] - a.c.vals[ref][i];
				a.c.diff_lo[f] = !i || d < a.c.diff_lo[f] ? d : a.c.diff_lo[f];
				a.c.diff_hi[f] = !i || d > a.c.diff_hi[f] ? d : a.c.diff_hi[f];
			}
		}
		buf_reset(&again);
		feed_blob_put_body(&again, n, width % 3 ? 900 : 1, &a.c);
		assert_int_equal(again.len, out.len);
		assert_memory_equal(again.data, out.data, out.len);
	}
	buf_release(&out);
	buf_release(&again);
}

/* Bytes that are not a body: cut short anywhere, a width over 64, a
 * difference flag on a column that has no reference, bits set past the
 * last value, values past the limit. */
static void blob_refused(void **state)
{
	struct cols a, b;
	struct buf out = BUF_INIT;
	const unsigned char *p;
	unsigned char bad[64];
	(void)state;
	cols_init(&a, 0);
	for (int i = 0; i < 5; i++) {
		a.c.starts[i] = 900 * (i + 1);
		for (int f = 0; f < 8; f++)
			a.c.vals[f][i] = 3 * i + f;
		a.c.marks[i] = 1;
	}
	feed_blob_put_body(&out, 5, 900, &a.c);
	cols_init(&b, 0);
	for (size_t cut = 0; cut < out.len; cut++) {
		p = (const unsigned char *)out.data;
		assert_int_equal(feed_blob_get_body(&p, p + cut, 5, 900, &b.c), -1);
	}
	/* The steps' width byte (after the first start and the least step). */
	memcpy(bad, out.data, out.len);
	bad[2] = 65;
	p = bad;
	assert_int_equal(feed_blob_get_body(&p, bad + out.len, 5, 900, &b.c), -1);
	bad[2] = 0x80;   /* steps as differences */
	p = bad;
	assert_int_equal(feed_blob_get_body(&p, bad + out.len, 5, 900, &b.c), -1);
	/* offered: least 0, 4 bits (0, 3, 6, 9, 12): 20 bits in 3 bytes; the
	 * last 4 bits of the third byte must be 0. */
	memcpy(bad, out.data, out.len);
	assert_int_equal(bad[3], 0x00);
	assert_int_equal(bad[4], 4);
	bad[7] |= 0xf0;
	p = bad;
	assert_int_equal(feed_blob_get_body(&p, bad + out.len, 5, 900, &b.c), -1);
	/* A least value past the limit. */
	static const unsigned char huge[] = { 0x02, 0x02, 0x00, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff,
					      0xff, 0xff, 0xff, 0x01, 0x00 };
	p = huge;
	assert_int_equal(feed_blob_get_body(&p, huge + sizeof huge, 1, 900, &b.c), -1);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blob_exact_bytes),
		cmocka_unit_test(blob_round_trips),
		cmocka_unit_test(blob_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
