/* SPDX-License-Identifier: MIT */
/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian)
 * and months as month numbers (year*12 + month-1). Pure functions; nothing
 * here allocates. */
#ifndef TANDEM_DATE_H
#define TANDEM_DATE_H

#include <stdint.h>
#include <string.h>
#include <stddef.h>

#include "base/buf.h"

typedef int32_t day_t;
typedef int32_t month_t;            /* year * 12 + (month - 1) */
#define DAY_NONE INT32_MIN          /* an empty date cell */
#define MONTH_NONE INT32_MIN
/* The years that can be scored, frozen or asked for: scoring a year reads
 * the year before and after it, so 1001 to 9998 (docs/evaluation.md). */
#define YEAR_FIRST 1001
#define YEAR_LAST 9998

/* Parses exactly "YYYY-MM-DD" (years 1000..9999) into *out. Returns 0, or
 * -1 when the text is not a date that exists (2026-02-30). */
int date_parse(const char *s, size_t len, day_t *out);
/* The same as year, month and day: the one reading of a date, which
 * date_parse and the importer's fast path share. */
int date_parse_ymd(const char *s, size_t len, int *y, int *m, int *d);
/* A reader of many dates in a row, most of one month (a measurements
 * file): the month of the last date is remembered, so that a date of the
 * same month is checked by its day alone. Zero it before the first date. */
struct date_memo {
	char ym[8];          /* "YYYY-MM-" of the last month read */
	int month_days;
	month_t month;
};
/* date_parse_memo (below) reads the 10 bytes at s as "YYYY-MM-DD" of a
 * day that exists into *month and *day, as date_parse would take them.
 * Returns 0 or -1. */

/* Parses an evaluation year: digits only, YEAR_FIRST to YEAR_LAST.
 * Returns 0 with *out, or -1. The one year parser of the CLI and the web. */
int year_parse(const char *s, int *out);
/* Parses exactly "YYYY-MM". */
int month_parse(const char *s, size_t len, month_t *out);
day_t date_from_ymd(int y, int m, int d);
void date_to_ymd(day_t day, int *y, int *m, int *d);
int date_valid(int y, int m, int d);
int days_in_month(int y, int m);
/* Writes "YYYY-MM-DD" and a NUL into out (11 bytes). */
void date_format(day_t day, char out[11]);
/* Appends "YYYY-MM-DD" to out; nothing for DAY_NONE. */
void date_append(struct buf *out, day_t day);
/* Writes "YYYY-MM" and a NUL into out (8 bytes). */
void month_format(month_t month, char out[8]);
month_t date_month(day_t day);
/* The same day n months later, clamped to the month's last day
 * (2024-02-29 + 12 months = 2025-02-28). */
day_t date_add_months(day_t day, int n);
month_t month_of_ymd(int y, int m);
int month_year(month_t m);
int month_month(month_t m);   /* 1..12 */

/* Inline here so that the importer's fast path inlines them. The digits of
 * "YYYY-MM-DD" at s, without a branch per digit: 0 with y, m and d set
 * (the day not yet checked to exist), or -1. */
static inline int date_ymd_digits(const char *s, int *y, int *m, int *d)
{
	unsigned v[10];
	if (s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		v[i] = (unsigned)(unsigned char)s[i] - '0';
	if ((v[0] > 9) | (v[1] > 9) | (v[2] > 9) | (v[3] > 9) | (v[5] > 9) | (v[6] > 9) |
	    (v[8] > 9) | (v[9] > 9))
		return -1;
	*y = (int)(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]);
	*m = (int)(v[5] * 10 + v[6]);
	*d = (int)(v[8] * 10 + v[9]);
	return 0;
}

static inline int date_parse_memo(const char *s, struct date_memo *memo, month_t *month, int *day)
{
	if (memcmp(s, memo->ym, 8)) {
		int y, m, d;
		if (date_ymd_digits(s, &y, &m, &d) || !date_valid(y, m, 1))
			return -1;
		memcpy(memo->ym, s, 8);
		memo->month_days = days_in_month(y, m);
		memo->month = month_of_ymd(y, m);
	}
	unsigned d1 = (unsigned)(unsigned char)s[8] - '0', d2 = (unsigned)(unsigned char)s[9] - '0';
	int d = (int)(d1 * 10 + d2);
	if (d1 > 9 || d2 > 9 || d < 1 || d > memo->month_days)
		return -1;
	*month = memo->month;
	*day = d;
	return 0;
}

#endif
