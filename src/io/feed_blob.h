/* SPDX-License-Identifier: MIT */
/* A queue's day of intervals as the store keeps it: the body of format 4
 * of the feed_days.intervals blob (store/feed_store.c writes the header).
 * Here because the reading thread (io/feed_pipe.c) writes the body of a
 * run of intervals itself, and the store keeps those bytes as they are.
 *
 * The body is the first start (a zigzag varint, in the row's time unit)
 * and then columns of n values each: the steps between starts (n − 1 of
 * them, in the unit), the file index of each interval (only when the row
 * has several files), the 8 values (offered .. short abandoned, handled,
 * then the handle and wait times as the header scales them) and each
 * interval's mark. A column is its least value (a zigzag varint), the bits
 * each value takes above it (one byte, 0 to 64, plus 128 when the values
 * are differences: below) and the values less the least, packed low bit
 * first. Answered, answered within and handled are kept as their
 * differences from offered, answered and answered when those take fewer
 * bits (most offered calls are answered, most answered ones handled). A
 * day of 15-minute intervals of small counts then takes about 5 bytes an
 * interval, against 11 of format 3's varints; a column whose values are
 * all equal (steps of 15 minutes, one mark) takes two bytes in all. */
#ifndef TANDEM_FEED_BLOB_H
#define TANDEM_FEED_BLOB_H

#include "base/buf.h"

#include <stddef.h>
#include <stdint.h>

/* The intervals of a body, one array per column (n each; files NULL when
 * the row has one file). Interval i's value of a column is at [i * stride]
 * (stride 0 is taken as 1); feed_blob_get_body() writes with stride 1. */
struct feed_blob_cols {
	int64_t *starts;            /* seconds */
	int64_t *files;
	int64_t *vals[8];           /* as stored: the times scaled */
	int64_t *marks;
	size_t stride;
	/* Optional: each column's least and greatest value, known already
	 * (ranged set): 0 the steps (in the unit), 1 the files, 2-9 the
	 * values, 10 the marks; and of value k less its reference
	 * (feed_blob_ref_of(k), when there is one). */
	int ranged;
	int64_t lo[11], hi[11];
	int64_t diff_lo[8], diff_hi[8];
};

/* The value (0-7) value k may be kept as a difference from, or -1:
 * answered from offered, answered within and handled from answered. */
static inline int feed_blob_ref_of(int k)
{
	return k == 1 ? 0 : k == 2 || k == 5 ? 1 : -1;
}

/* Lays c's columns out one after another in mem, which holds 10 * n
 * values (11 * n with files), stride 1, no ranges known. */
void feed_blob_cols_in(struct feed_blob_cols *c, int64_t *mem, size_t n, int with_files);

/* Appends the body of n (at least 1) intervals to out. Every start is a
 * multiple of unit. */
void feed_blob_put_body(struct buf *out, size_t n, int64_t unit, const struct feed_blob_cols *c);
/* Reads a body of n intervals at *p (up to end) into c's arrays (files
 * only when c->files is not NULL); 0, or -1 when the bytes are not one
 * (a value out of range included). *p is left after the body. */
int feed_blob_get_body(const unsigned char **p, const unsigned char *end, size_t n, int64_t unit,
		       struct feed_blob_cols *c);

#endif
