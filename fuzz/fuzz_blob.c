/* SPDX-License-Identifier: MIT */
/* libFuzzer target for format 4's body of a queue's day of intervals
 * (io/feed_blob.h), what the store reads back from feed_days: any bytes
 * are read without a crash or an overflow, and a body that reads is
 * written again to bytes that read to the same intervals. The first input
 * byte gives the count of intervals (1 to 64) and whether they have file
 * indices; the second the time unit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/feed_blob.h"

#define MAXN 64

/* The columns laid out by feed_blob_cols_in(), MAXN values apart. */
struct cols {
	int64_t mem[11 * MAXN];
	struct feed_blob_cols c;
};

static void init(struct cols *k, int with_files)
{
	feed_blob_cols_in(&k->c, k->mem, MAXN, with_files);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t units[] = { 900, 60, 1 };
	struct cols a, b;
	struct buf out = BUF_INIT;
	const unsigned char *p;
	size_t n;
	int64_t unit;
	if (size < 2)
		return 0;
	n = (size_t)(data[0] % MAXN) + 1;
	unit = units[data[1] % 3];
	init(&a, data[0] >= 128);
	p = data + 2;
	if (feed_blob_get_body(&p, data + size, n, unit, &a.c))
		return 0;
	/* The starts a body gives are multiples of its unit. */
	for (size_t i = 0; i < n; i++)
		if (a.c.starts[i] % unit)
			abort();
	feed_blob_put_body(&out, n, unit, &a.c);
	init(&b, data[0] >= 128);
	p = (const unsigned char *)out.data;
	if (feed_blob_get_body(&p, p + out.len, n, unit, &b.c) || p != (const unsigned char *)out.data + out.len)
		abort();
	if (memcmp(a.c.starts, b.c.starts, n * sizeof *a.c.starts) ||
	    memcmp(a.c.marks, b.c.marks, n * sizeof *a.c.marks) ||
	    (a.c.files && memcmp(a.c.files, b.c.files, n * sizeof *a.c.files)))
		abort();
	for (int f = 0; f < 8; f++)
		if (memcmp(a.c.vals[f], b.c.vals[f], n * sizeof *a.c.vals[f]))
			abort();
	buf_release(&out);
	return 0;
}
