/* SPDX-License-Identifier: MIT */
/* Unit tests for src/domain: dates, months and exact decimals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/schema.h"

static day_t d(const char *s)
{
	day_t v = 0;
	assert_int_equal(date_parse(s, strlen(s), &v), 0);
	return v;
}

static void date_parse_valid(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(d("1970-01-01"), 0);
	assert_int_equal(d("2000-03-01") - d("2000-02-28"), 2);   /* 2000 is leap */
	assert_int_equal(d("1900-03-01") - d("1900-02-28"), 1);   /* 1900 is not */
	date_format(d("2024-02-29"), out);
	assert_string_equal(out, "2024-02-29");
}

/* date_to_ymd() keeps the month it converted last: every day from 1600
 * to 2400 walked up, walked down and visited in jumps gives the date a
 * calendar counted by hand gives (the month's length from
 * days_in_month(), leap years by the Gregorian rule). */
static void date_to_ymd_every_day(void **state)
{
	int y = 1600, m = 1, d = 1, yy, mm, dd;
	day_t first = date_from_ymd(1600, 1, 1), last = date_from_ymd(2400, 12, 31);
	(void)state;
	assert_int_equal(last - first + 1, 800 * 365 + 194 + 366);   /* 194 leap years in 1600-2399; 2400 is one */
	for (day_t day = first; day <= last; day++) {
		date_to_ymd(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("day %d: %04d-%02d-%02d, expected %04d-%02d-%02d", (int)day, yy, mm, dd, y, m, d);
		if (++d > days_in_month(y, m) && (d = 1) && ++m > 12) {
			m = 1;
			y++;
		}
	}
	for (day_t day = last; day >= first; day--) {
		date_to_ymd(day, &yy, &mm, &dd);
		assert_int_equal(date_from_ymd(yy, mm, dd), day);
		assert_true(dd >= 1 && dd <= days_in_month(yy, mm));
	}
	/* Jumps: each day away from the month before, then its neighbours. */
	for (uint32_t x = 1, i = 0; i < 100000; i++) {
		x = x * 1103515245u + 12345u;
		day_t day = first + (day_t)(x % (uint32_t)(last - first - 1)) + 1;
		for (int k = -1; k <= 1; k++) {
			date_to_ymd(day + k, &yy, &mm, &dd);
			assert_int_equal(date_from_ymd(yy, mm, dd), day + k);
			assert_true(dd >= 1 && dd <= days_in_month(yy, mm));
		}
	}
	date_to_ymd(date_from_ymd(2024, 2, 29), &yy, &mm, &dd);
	assert_int_equal(yy * 10000 + mm * 100 + dd, 20240229);
	date_to_ymd(date_from_ymd(2024, 3, 1), &yy, &mm, &dd);
	assert_int_equal(yy * 10000 + mm * 100 + dd, 20240301);
	date_to_ymd(date_from_ymd(2024, 2, 1), &yy, &mm, &dd);
	assert_int_equal(yy * 10000 + mm * 100 + dd, 20240201);
}

static void date_parse_rejects_impossible(void **state)
{
	(void)state;
	day_t v;
	const char *bad[] = { "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10",
			      "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01 ",
			      "2026-04-31", "", "abcd-ef-gh" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(date_parse(bad[i], strlen(bad[i]), &v), -1);
}

static void date_add_months_clamps(void **state)
{
	(void)state;
	char out[11];
	date_format(date_add_months(d("2024-02-29"), 12), out);
	assert_string_equal(out, "2025-02-28");
	date_format(date_add_months(d("2025-01-31"), 1), out);
	assert_string_equal(out, "2025-02-28");
	date_format(date_add_months(d("2025-03-15"), 12), out);
	assert_string_equal(out, "2026-03-15");
	date_format(date_add_months(d("2025-11-30"), 3), out);
	assert_string_equal(out, "2026-02-28");
}

static void month_parse_and_index(void **state)
{
	(void)state;
	month_t m;
	char out[8];
	assert_int_equal(month_parse("2025-03", 7, &m), 0);
	assert_int_equal(m - date_month(d("2024-12-31")), 3);
	month_format(m, out);
	assert_string_equal(out, "2025-03");
	assert_int_equal(month_parse("2025-13", 7, &m), -1);
	assert_int_equal(month_parse("2025-3", 6, &m), -1);
}

/* Amounts as people type them in forms: separators, Korean units. */
static void decimal_parse_human_amounts(void **state)
{
	(void)state;
	static const struct { const char *in; micro_t want; } ok[] = {
		{ "450,000,000", 450000000LL * MICRO_ONE },
		{ "4억5천만", 450000000LL * MICRO_ONE },
		{ "4억 5천만", 450000000LL * MICRO_ONE },
		{ "4억5천", 450000000LL * MICRO_ONE },          /* said, not written: 5천 = 5천만 */
		{ "4억 5000", 400005000LL * MICRO_ONE },        /* plain digits count as written */
		{ "1억2345만", 123450000LL * MICRO_ONE },
		{ "3천만", 30000000LL * MICRO_ONE },
		{ "2.5억", 250000000LL * MICRO_ONE },
		{ "450만원", 4500000LL * MICRO_ONE },
		{ "1조 2천억", 1200000000000LL * MICRO_ONE },
		{ "1,234.5", 1234500000LL },
		{ "천만", 10000000LL * MICRO_ONE },
		{ "12", 12 * MICRO_ONE },
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		micro_t v = 0;
		if (decimal_parse_human(ok[i].in, &v) != DECIMAL_OK || v != ok[i].want)
			fail_msg("'%s' read as %lld", ok[i].in, (long long)v);
	}
	static const char *const bad[] = { "", "abc", "4억5천마", "12,34", "1,2345", "-5", "5 5", "억억" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		micro_t v = 0;
		if (decimal_parse_human(bad[i], &v) == DECIMAL_OK)
			fail_msg("'%s' accepted as %lld", bad[i], (long long)v);
	}
}

static void decimal_parse_exact(void **state)
{
	(void)state;
	micro_t v;
	assert_int_equal(decimal_parse("0.8", 3, &v), DECIMAL_OK);
	assert_int_equal(v, 800000);
	assert_int_equal(decimal_parse("-12.000001", 10, &v), DECIMAL_OK);
	assert_int_equal(v, -12000001);
	assert_int_equal(decimal_parse("1200000000", 10, &v), DECIMAL_OK);
	assert_int_equal(v, 1200000000000000LL);
	assert_int_equal(decimal_parse(".5", 2, &v), DECIMAL_OK);
	assert_int_equal(v, 500000);
	assert_int_equal(decimal_parse("3.1400000", 9, &v), DECIMAL_OK);   /* trailing zeros fine */
	assert_int_equal(v, 3140000);
}

static void decimal_parse_rejects(void **state)
{
	(void)state;
	micro_t v;
	assert_int_equal(decimal_parse("1,000", 5, &v), DECIMAL_SYNTAX);
	assert_int_equal(decimal_parse("1e3", 3, &v), DECIMAL_SYNTAX);
	assert_int_equal(decimal_parse(" 1", 2, &v), DECIMAL_SYNTAX);
	assert_int_equal(decimal_parse("", 0, &v), DECIMAL_SYNTAX);
	assert_int_equal(decimal_parse("-", 1, &v), DECIMAL_SYNTAX);
	assert_int_equal(decimal_parse("0.0000001", 9, &v), DECIMAL_PRECISION);
	assert_int_equal(decimal_parse("99999999999999999", 17, &v), DECIMAL_RANGE);
}

static void decimal_format_shortest(void **state)
{
	(void)state;
	char out[32];
	decimal_format(300000500000LL, out);
	assert_string_equal(out, "300000.5");
	decimal_format(-1, out);
	assert_string_equal(out, "-0.000001");
	decimal_format(0, out);
	assert_string_equal(out, "0");
	decimal_format(4200000, out);
	assert_string_equal(out, "4.2");
}

static void schema_tables_in_dependency_order(void **state)
{
	(void)state;
	/* A table only references itself or tables before it. */
	for (size_t i = 0; i < schema_n_tables; i++) {
		const struct table *t = &schema_tables[i];
		for (size_t c = 0; c < t->n_columns; c++) {
			const char *ref = t->columns[c].ref_table;
			if (!ref)
				continue;
			const struct table *r = schema_find(ref);
			assert_non_null(r);
			assert_true(r <= t);
		}
	}
	assert_int_equal(schema_n_tables, 19);
	assert_int_equal(schema_find("contracts")->n_columns, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_parse_valid),
		cmocka_unit_test(date_to_ymd_every_day),
		cmocka_unit_test(date_parse_rejects_impossible),
		cmocka_unit_test(date_add_months_clamps),
		cmocka_unit_test(month_parse_and_index),
		cmocka_unit_test(decimal_parse_exact),
		cmocka_unit_test(decimal_parse_human_amounts),
		cmocka_unit_test(decimal_parse_rejects),
		cmocka_unit_test(decimal_format_shortest),
		cmocka_unit_test(schema_tables_in_dependency_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
