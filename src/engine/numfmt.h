/* SPDX-License-Identifier: MIT */
/* The one place numbers become text for every score renderer (CSV, JSON,
 * text, HTML): rounding half away from zero, trailing zeros kept, never
 * "-0.00" (SPEC §5 "Output"). Appends to a caller-owned struct buf. */
#ifndef TANDEM_NUMFMT_H
#define TANDEM_NUMFMT_H

#include "base/buf.h"
#include "domain/date.h"
#include "domain/decimal.h"

/* A wide integer for exact sums of micro-units (annual values, revenue). */
typedef __int128 wide_t;

/* Appends v rounded half away from zero to `decimals` places (0..9). The
 * inputs are long doubles computed from exact integers, so a value within
 * 1e-10 of a unit of the last place of a .5 boundary is taken to be exactly
 * on it: 0.125 computed as 0.12499999999999999 still prints "0.13", while
 * 12.344999999995 (5e-10 of a unit below the half) prints "12.34". */
void numfmt_ld(struct buf *out, long double v, int decimals);
/* v rounded the same way, as a number (for grade bands, which must agree
 * with the printed score). */
long double numfmt_round(long double v, int decimals);
/* Appends the exact micro-unit quantity v (value * 10^6) rounded half away
 * from zero to `decimals` places (0..6). */
void numfmt_micro(struct buf *out, wide_t v, int decimals);
/* Appends the shortest text (15, 16 or 17 significant digits) that reads
 * back as d ("0.6", "30", "1e-07"): for model parameters, which are plain
 * doubles; engine/exact.h takes this decimal as the exact parameter. */
void numfmt_double(struct buf *out, double d);
/* Dates, months and decimals as the data formats write them
 * ("2026-03-01", "2026-03", "12.5"); a date that is DAY_NONE appends
 * nothing. */
void numfmt_date(struct buf *out, day_t d);
void numfmt_month(struct buf *out, month_t m);
void numfmt_decimal(struct buf *out, micro_t v);

#endif
