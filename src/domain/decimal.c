/* SPDX-License-Identifier: MIT */
/* Fixed-point decimal parsing and printing for micro-unit quantities. */
#include "domain/decimal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum decimal_error decimal_parse(const char *s, size_t len, micro_t *out)
{
	size_t i = 0;
	int neg = 0, any = 0;
	int64_t whole = 0, frac = 0;
	int frac_digits = 0;

	if (len && decimal_plain(s, s + len, out) == s + len)
		return DECIMAL_OK;
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

/* One plain number of a human amount: digits with ',' between groups of
 * three, an optional fraction. Advances *p. */
static enum decimal_error human_number(const char **p, micro_t *out)
{
	char digits[64];
	size_t n = 0;
	const char *s = *p;
	int seen_comma = 0, group = 0, frac = 0;
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			group++;
		} else if (*s == ',' && !frac && group >= 1 && (!seen_comma || group == 3) &&
			   s[1] >= '0' && s[1] <= '9') {
			if (!seen_comma && group > 3)
				return DECIMAL_SYNTAX;
			seen_comma = 1;
			group = 0;
			s++;
			continue;
		} else if (*s == '.' && !frac) {
			frac = 1;
		} else {
			break;
		}
		if (n + 1 >= sizeof digits)
			return DECIMAL_RANGE;
		digits[n++] = *s++;
	}
	if (seen_comma && !frac && group != 3)
		return DECIMAL_SYNTAX;
	if (!n)
		return DECIMAL_SYNTAX;
	*p = s;
	return decimal_parse(digits, n, out);
}

/* The Korean unit at s (UTF-8), its power of ten and its byte length. */
static int korean_unit(const char *s, int *power, int *big)
{
	static const struct { const char *text; int power, big; } units[] = {
		{ "조", 12, 1 }, { "억", 8, 1 }, { "만", 4, 1 },
		{ "천", 3, 0 }, { "백", 2, 0 }, { "십", 1, 0 },
	};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strncmp(s, units[i].text, strlen(units[i].text))) {
			*power = units[i].power;
			*big = units[i].big;
			return (int)strlen(units[i].text);
		}
	return 0;
}

static int times_ten(micro_t *v, int power)
{
	while (power-- > 0)
		if (__builtin_mul_overflow(*v, 10, v))
			return -1;
	return 0;
}

enum decimal_error decimal_parse_human(const char *s, micro_t *out)
{
	micro_t total = 0, section = 0, pending = MICRO_NONE;
	int last_big = 0, section_small = 0, any = 0;
	enum decimal_error e;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		return DECIMAL_SYNTAX;            /* amounts are never negative here */
	while (*s) {
		int power, big, len;
		if (*s == ' ') {
			s++;
			continue;
		}
		if (!strcmp(s, "원") || !strncmp(s, "원 ", strlen("원 ")))
			break;
		if ((len = korean_unit(s, &power, &big)) > 0) {
			/* A unit with no number before it counts one ("천만"), unless
			 * a big unit closes a group already said ("5천만"). */
			micro_t v = pending != MICRO_NONE ? pending : big && section ? 0 : MICRO_ONE;
			pending = MICRO_NONE;
			if (big) {
				if (last_big && power >= last_big)
					return DECIMAL_SYNTAX;    /* 억 after 억, 억 after 만 */
				if (__builtin_add_overflow(section, v, &v))
					return DECIMAL_RANGE;
				if (!v)
					return DECIMAL_SYNTAX;
				if (times_ten(&v, power) || __builtin_add_overflow(total, v, &total))
					return DECIMAL_RANGE;
				section = 0;
				section_small = 0;
				last_big = power;
			} else {
				if (times_ten(&v, power) || __builtin_add_overflow(section, v, &section))
					return DECIMAL_RANGE;
				section_small = 1;
			}
			s += len;
			any = 1;
			continue;
		}
		if (pending != MICRO_NONE)
			return DECIMAL_SYNTAX;            /* two numbers in a row */
		if ((e = human_number(&s, &pending)) != DECIMAL_OK)
			return e;
		any = 1;
	}
	if (!any)
		return DECIMAL_SYNTAX;
	if (pending != MICRO_NONE && __builtin_add_overflow(section, pending, &section))
		return DECIMAL_RANGE;
	/* "4억5천": the group after 억 is in 만, after 조 in 억. */
	if (section_small && last_big >= 8 && times_ten(&section, last_big - 4))
		return DECIMAL_RANGE;
	if (__builtin_add_overflow(total, section, &total))
		return DECIMAL_RANGE;
	*out = total;
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
