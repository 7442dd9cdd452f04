/* SPDX-License-Identifier: MIT */
/* Exact readings of model parameters and exact comparisons of ratios
 * (SPEC §5 "Arithmetic is exact"). A model's numbers are JSON numbers read
 * as doubles; the number a person wrote is the shortest decimal that reads
 * back as that double ("0.7499999999", "0.95"), so that decimal is taken as
 * the exact parameter. Nothing here allocates. */
#ifndef TANDEM_EXACT_H
#define TANDEM_EXACT_H

#include "engine/numfmt.h"

/* The decimal d names, as *num ÷ *den with *den a power of ten (> 0).
 * Returns 0, or −1 when it does not fit in 128-bit integers (a threshold
 * like 1e-40 or 1e40); then the caller compares as long doubles. */
int exact_decimal(double d, wide_t *num, wide_t *den);
/* The decimal d names, rounded once to a long double (0.95 → 0.95L, which
 * is closer to 0.95 than the double 0.95 is). */
long double exact_ld(double d);
/* The sign of a/b − c/d, exactly, for b > 0 and d > 0: −1, 0 or 1. */
int exact_cmp(wide_t a, wide_t b, wide_t c, wide_t d);
/* *out = a · b; returns −1 on overflow. */
int exact_mul(wide_t a, wide_t b, wide_t *out);

#endif
