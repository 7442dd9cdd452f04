/* SPDX-License-Identifier: MIT */
/* Fixed-point decimal parsing and printing for micro-unit quantities. */
#include "domain/decimal.h"

#include <stdio.h>
#include <string.h>

enum decimal_error decimal_parse(const char *s, size_t len, micro_t *out)
{
	size_t i = 0;
	int neg = 0, any = 0;
	int64_t whole = 0, frac = 0;
	int frac_digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		any = 1;
		if (whole > (INT64_MAX / MICRO_ONE - 9) / 10)
			return DECIMAL_RANGE;
		whole = whole * 10 + (s[i] - '0');
	}
	if (i < len && s[i] == '.') {
		i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			any = 1;
			if (frac_digits == 6) {
				if (s[i] != '0')
					return DECIMAL_PRECISION;
				continue;
			}
			frac = frac * 10 + (s[i] - '0');
			frac_digits++;
		}
	}
	if (!any || i != len)
		return DECIMAL_SYNTAX;
	while (frac_digits < 6) {
		frac *= 10;
		frac_digits++;
	}
	int64_t v = whole * MICRO_ONE + frac;
	*out = neg ? -v : v;
	return DECIMAL_OK;
}

const char *decimal_error_text(enum decimal_error e)
{
	switch (e) {
	case DECIMAL_OK: return "ok";
	case DECIMAL_SYNTAX: return "not a number";
	case DECIMAL_PRECISION: return "more than 6 decimals";
	case DECIMAL_RANGE: return "number too large";
	}
	return "bad number";
}

void decimal_format(micro_t v, char out[32])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t whole = a / MICRO_ONE, frac = a % MICRO_ONE;
	int n = snprintf(out, 32, "%s%llu", v < 0 ? "-" : "",
			 (unsigned long long)whole);
	if (frac) {
		char f[8];
		snprintf(f, sizeof f, "%06llu", (unsigned long long)frac);
		size_t fl = 6;
		while (fl > 0 && f[fl - 1] == '0')
			fl--;
		f[fl] = '\0';
		snprintf(out + n, 32 - (size_t)n, ".%s", f);
	}
}

int integer_parse(const char *s, size_t len, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	int64_t v = 0;
	if (len && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}
