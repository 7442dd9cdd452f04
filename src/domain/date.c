/* SPDX-License-Identifier: MIT */
/* Day-number arithmetic for ISO dates (Howard Hinnant's civil-from-days
 * algorithm, rederived here). */
#include "domain/date.h"

#include <string.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

day_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + doe - 719468);
}

/* The month of the day converted last, in this thread: a series of days
 * (a day's rows, a month block's values) mostly stays in one month, and
 * the conversion below is a chain of divisions. */
static _Thread_local struct {
	day_t first, last;
	int y, m;
} last_month = { 1, 0, 0, 0 };

void date_to_ymd(day_t day, int *y, int *m, int *d)
{
	if (day >= last_month.first && day <= last_month.last) {
		*y = last_month.y;
		*m = last_month.m;
		*d = (int)(day - last_month.first) + 1;
		return;
	}
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp + (mp < 10 ? 3 : -9);
	*y = yy + (mm <= 2);
	*m = mm;
	*d = dd;
	last_month.first = day - (dd - 1);
	last_month.last = last_month.first + days_in_month(*y, mm) - 1;
	last_month.y = *y;
	last_month.m = mm;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse_ymd(const char *s, size_t len, int *y, int *m, int *d)
{
	if (len != 10 || date_ymd_digits(s, y, m, d) || !date_valid(*y, *m, *d))
		return -1;
	return 0;
}

int date_parse(const char *s, size_t len, day_t *out)
{
	int y, m, d;
	if (date_parse_ymd(s, len, &y, &m, &d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int month_parse(const char *s, size_t len, month_t *out)
{
	int y, m;
	if (len != 7 || s[4] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    y < 1000 || m < 1 || m > 12)
		return -1;
	*out = month_of_ymd(y, m);
	return 0;
}

static void put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

int year_parse(const char *s, int *out)
{
	long y = 0;
	if (!s || !*s || strlen(s) > 4)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		y = y * 10 + (*p - '0');
	}
	if (y < YEAR_FIRST || y > YEAR_LAST)
		return -1;
	*out = (int)y;
	return 0;
}

void date_append(struct buf *out, day_t day)
{
	char text[11];
	if (day == DAY_NONE)
		return;
	date_format(day, text);
	buf_adds(out, text);
}

void date_format(day_t day, char out[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

void month_format(month_t month, char out[8])
{
	put_digits(out, month_year(month), 4);
	out[4] = '-';
	put_digits(out + 5, month_month(month), 2);
	out[7] = '\0';
}

month_t month_of_ymd(int y, int m)
{
	return (month_t)(y * 12 + (m - 1));
}

int month_year(month_t m)
{
	return m / 12;
}

int month_month(month_t m)
{
	return m % 12 + 1;
}

month_t date_month(day_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return month_of_ymd(y, m);
}

day_t date_add_months(day_t day, int n)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	month_t t = month_of_ymd(y, m) + n;
	y = month_year(t);
	m = month_month(t);
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return date_from_ymd(y, m, d);
}
