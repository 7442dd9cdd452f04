/* SPDX-License-Identifier: MIT */
/* Exact decimal quantities: money, SLA values and targets are kept as
 * integers of micro-units (value * 10^6), so sums and comparisons never
 * depend on summation order (SPEC §5 "Arithmetic is exact"). */
#ifndef TANDEM_DECIMAL_H
#define TANDEM_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t micro_t;
#define MICRO_NONE INT64_MIN
#define MICRO_ONE 1000000LL

enum decimal_error {
	DECIMAL_OK = 0,
	DECIMAL_SYNTAX,     /* not a plain number ("1,000", "1e3", "abc") */
	DECIMAL_PRECISION,  /* more than 6 decimals */
	DECIMAL_RANGE,      /* too large to hold */
};

/* Parses "-12.345" style text (optional sign, digits, optional '.' and up to
 * six digits) into micro-units. */
enum decimal_error decimal_parse(const char *s, size_t len, micro_t *out);
const char *decimal_error_text(enum decimal_error e);
/* The plain form of a number at s, before end: at most 12 digits, then
 * optionally '.' and 1 to 6 digits, no sign. Returns where it stopped,
 * with *out set, or NULL when the text there is no plain number. The one
 * reading that decimal_parse and the importer's fast path share: a caller
 * checks what follows (the end of the cell, a ',' or the end of a line). */
static inline const char *decimal_plain(const char *s, const char *end, micro_t *out)
{
	/* At most 13 digits are read: 12 are taken, 13 decline. */
	const char *q = s, *lim = end - s > 13 ? s + 13 : end;
	int64_t whole = 0, frac = 0;
	while (q < lim && (unsigned)(*q - '0') < 10)
		whole = whole * 10 + (*q++ - '0');
	if (q == s || q - s > 12)
		return NULL;
	if (q < end && *q == '.') {
		const char *f = ++q;
		lim = end - q > 7 ? q + 7 : end;
		while (q < lim && (unsigned)(*q - '0') < 10)
			frac = frac * 10 + (*q++ - '0');
		if (q == f || q - f > 6)
			return NULL;
		for (ptrdiff_t k = q - f; k < 6; k++)
			frac *= 10;
	}
	*out = whole * MICRO_ONE + frac;
	return q;
}

/* Writes the shortest exact text of v ("12.5", "3", "-0.000001") into out,
 * which must hold 32 bytes. */
void decimal_format(micro_t v, char out[32]);
/* Parses an amount as people type it into a form (never a CSV file, which
 * stays strict): thousands separators ("450,000,000"), spaces, a trailing
 * "원", and Korean units 조 억 만 with 천 백 십 inside them ("4억5천만",
 * "2.5억", "3천만", "1조 2천억"). A group that follows 억 or 조 with 천 or
 * 백 but no unit of its own counts in the next unit down, as Koreans say
 * it ("4억5천" = 4억 5천만; "4억 5000" is 400,005,000). DECIMAL_SYNTAX when
 * the text is none of these. */
enum decimal_error decimal_parse_human(const char *s, micro_t *out);
/* Parses a whole number (optional '-', digits) into *out. */
int integer_parse(const char *s, size_t len, int64_t *out);

#endif
