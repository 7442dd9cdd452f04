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

struct cols {
	int64_t starts[MAXN], files[MAXN], vals[8][MAXN], marks[MAXN];
	struct feed_blob_cols c;
};

static void init(struct cols *k, int with_files)
{
	memset(&k->c, 0, sizeof k->c);
	k->c.stride = 1;
	k->c.starts = k->starts;
	k->c.files = with_files ? k->files : NULL;
	for (int f = 0; f < 8; f++)
		k->c.vals[f] = k->vals[f];
	k->c.marks = k->marks;
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
		if (a.starts[i] % unit)
			abort();
	feed_blob_put_body(&out, n, unit, &a.c);
	init(&b, data[0] >= 128);
	p = (const unsigned char *)out.data;
	if (feed_blob_get_body(&p, p + out.len, n, unit, &b.c) || p != (const unsigned char *)out.data + out.len)
		abort();
	if (memcmp(a.starts, b.starts, n * sizeof *a.starts) || memcmp(a.marks, b.marks, n * sizeof *a.marks) ||
	    (a.c.files && memcmp(a.files, b.files, n * sizeof *a.files)))
		abort();
	for (int f = 0; f < 8; f++)
		if (memcmp(a.vals[f], b.vals[f], n * sizeof *a.vals[f]))
			abort();
	buf_release(&out);
	return 0;
}
