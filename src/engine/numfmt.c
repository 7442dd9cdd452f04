/* SPDX-License-Identifier: MIT */
/* Rounding and printing of scores, values, weights and coverage. Every
 * renderer goes through here, so a number prints the same everywhere. */
#include "engine/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How close (in units of the last printed place) to a .5 boundary a value
 * must be to count as exactly on it. Scores are long doubles computed from
 * exact integers and the model's decimals rounded once to long double
 * (engine/exact.h), so a contract's score errs by ~1e-17 and a roll-up of
 * n contracts by at most ~n·1e-17 (1e-15 of a unit of 0.01 for a
 * thousand contracts): a value that close to a half is taken to be on it.
 * An exact score nearer than 1e-10 of a unit to a half without being on
 * it (12.3449999999999 at two places) is therefore printed as if on it;
 * docs/evaluation.md says so. 12.344999999995, 5e-10 of a unit below
 * 12.345, prints 12.34. */
#define HALF_TOLERANCE 1e-10L

static long double pow10l_int(int n)
{
	long double p = 1.0L;
	while (n-- > 0)
		p *= 10.0L;
	return p;
}

/* |v| * 10^decimals rounded half up, as an integral long double. */
static long double scaled_magnitude(long double v, int decimals)
{
	long double x = fabsl(v) * pow10l_int(decimals);
	/* Below 10^18 truncation to 64 bits is floorl() (x >= 0), and cheaper. */
	long double whole = x < 1e18L ? (long double)(uint64_t)x : floorl(x);
	if (x - whole >= 0.5L - HALF_TOLERANCE)
		whole += 1.0L;
	return whole;
}

/* Appends the non-negative integer written in `digits` with a point before
 * its last `decimals` digits ("5", 2 -> "0.05"), signed when negative and
 * not zero, so that "-0.00" never appears. */
static void put_fixed(struct buf *out, int negative, const char *digits, int decimals)
{
	char tmp[96];
	size_t len = strlen(digits), need = (size_t)decimals + 1;
	size_t pad = len < need ? need - len : 0;
	int is_zero = 1;

	if (len + pad >= sizeof tmp)
		return;
	memset(tmp, '0', pad);
	memcpy(tmp + pad, digits, len);
	len += pad;
	for (size_t i = 0; i < len; i++)
		if (tmp[i] != '0')
			is_zero = 0;
	if (negative && !is_zero)
		buf_addc(out, '-');
	buf_add(out, tmp, len - (size_t)decimals);
	if (decimals > 0) {
		buf_addc(out, '.');
		buf_add(out, tmp + len - (size_t)decimals, (size_t)decimals);
	}
}

void numfmt_ld(struct buf *out, long double v, int decimals)
{
	char digits[64];
	if (isnan(v) || isinf(v))
		return;   /* never produced by the engine; print as empty */
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	long double m = scaled_magnitude(v, decimals);
	if (m < 1e18L) {
		/* The digits without printf, which takes ~1 us a number (a
		 * year's scores print ~10^6 of them). */
		uint64_t u = (uint64_t)m;
		char rev[24];
		size_t n = 0;
		do {
			rev[n++] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		for (size_t i = 0; i < n; i++)
			digits[i] = rev[n - 1 - i];
		digits[n] = '\0';
	} else {
		snprintf(digits, sizeof digits, "%.0Lf", m);
	}
	put_fixed(out, v < 0, digits, decimals);
}

long double numfmt_round(long double v, int decimals)
{
	long double m = scaled_magnitude(v, decimals) / pow10l_int(decimals);
	return v < 0 ? -m : m;
}

void numfmt_micro(struct buf *out, wide_t v, int decimals)
{
	unsigned __int128 a = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
				    : (unsigned __int128)v;
	unsigned __int128 unit = 1;
	char rev[64], digits[64];
	size_t n = 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	for (int i = decimals; i < 6; i++)
		unit *= 10;
	unsigned __int128 q = a / unit, r = a % unit;
	if (2 * r >= unit)
		q++;
	do {
		rev[n++] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q && n < sizeof rev - 1);
	for (size_t i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	digits[n] = '\0';
	put_fixed(out, v < 0, digits, decimals);
}

void numfmt_double(struct buf *out, double d)
{
	char s[40];
	/* the fewest significant digits that read back as d */
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(s, sizeof s, "%.*g", digits, d);
		if (strtod(s, NULL) == d)
			break;
	}
	buf_adds(out, s);
}

void numfmt_date(struct buf *out, day_t d)
{
	char text[11];
	if (d == DAY_NONE)
		return;
	date_format(d, text);
	buf_adds(out, text);
}

void numfmt_month(struct buf *out, month_t m)
{
	char text[8];
	month_format(m, text);
	buf_adds(out, text);
}

void numfmt_decimal(struct buf *out, micro_t v)
{
	char text[32];
	decimal_format(v, text);
	buf_adds(out, text);
}
