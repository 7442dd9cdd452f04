/* SPDX-License-Identifier: MIT */
/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian)
 * and months as month numbers (year*12 + month-1). Pure functions; nothing
 * here allocates. */
#ifndef TANDEM_DATE_H
#define TANDEM_DATE_H

#include <stdint.h>
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

#endif
