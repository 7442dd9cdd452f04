/* SPDX-License-Identifier: MIT */
/* Exact decimals of model parameters and 256-bit comparisons of ratios;
 * see exact.h. */
#include "engine/exact.h"

#include <stdint.h>
#include <stdlib.h>

/* The shortest "%.Ng" text that reads back as d. */
static void shortest(double d, struct buf *out)
{
	numfmt_double(out, d);
}

int exact_decimal(double d, wide_t *num, wide_t *den)
{
	struct buf b = BUF_INIT;
	const char *p;
	wide_t mant = 0, ten = 1;
	int frac = 0, exp10 = 0, neg = 0, digits = 0, rc = -1;

	shortest(d, &b);
	p = b.data;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (int seen_point = 0; *p && *p != 'e' && *p != 'E'; p++) {
		if (*p == '.') {
			seen_point = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			goto out;       /* inf, nan */
		if (++digits > 30)
			goto out;
		mant = mant * 10 + (*p - '0');
		frac += seen_point;
	}
	if (*p)
		exp10 = (int)strtol(p + 1, NULL, 10);
	int scale = frac - exp10;       /* value = mant · 10^−scale */
	if (scale > 36 || scale < -36)
		goto out;
	for (int i = 0; i < (scale < 0 ? -scale : scale); i++)
		ten *= 10;
	if (scale >= 0) {
		*num = mant;
		*den = ten;
	} else {
		if (exact_mul(mant, ten, num))
			goto out;
		*den = 1;
	}
	if (neg)
		*num = -*num;
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

long double exact_ld(double d)
{
	struct buf b = BUF_INIT;
	shortest(d, &b);
	long double v = strtold(b.data, NULL);
	buf_release(&b);
	return v;
}

int exact_mul(wide_t a, wide_t b, wide_t *out)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

typedef unsigned __int128 u128;

/* The 256-bit product of two unsigned 128-bit numbers as hi:lo. */
static void mul_256(u128 a, u128 b, u128 *hi, u128 *lo)
{
	const u128 mask = ((u128)1 << 64) - 1;
	u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
	u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
	*lo = (p00 & mask) | (mid << 64);
	*hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

static u128 magnitude(wide_t v)
{
	return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

int exact_cmp(wide_t a, wide_t b, wide_t c, wide_t d)
{
	int sa = (a > 0) - (a < 0), sc = (c > 0) - (c < 0);
	if (sa != sc)
		return sa < sc ? -1 : 1;
	if (!sa)
		return 0;
	/* same sign: compare |a|·d with |c|·b, reversed when negative */
	u128 h1, l1, h2, l2;
	mul_256(magnitude(a), magnitude(d), &h1, &l1);
	mul_256(magnitude(c), magnitude(b), &h2, &l2);
	int r = h1 != h2 ? (h1 < h2 ? -1 : 1) : l1 != l2 ? (l1 < l2 ? -1 : 1) : 0;
	return sa < 0 ? -r : r;
}
