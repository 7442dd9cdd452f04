/* SPDX-License-Identifier: MIT */
/* Unit tests for src/domain/ids.c: the id offered to a new record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/ids.h"

static const char *next(const char *const *ids, size_t n)
{
	static char out[64];
	if (id_next(ids, n, out, sizeof out))
		return NULL;
	return out;
}

static void id_next_continues_the_pattern(void **state)
{
	(void)state;
	const char *const people[] = { "P-CEO", "P-S1", "P-S12", "P-S3", "P-O1" };
	assert_string_equal(next(people, 5), "P-S13");          /* P-S used most */
	const char *const padded[] = { "C007", "C010", "C002" };
	assert_string_equal(next(padded, 3), "C011");            /* width kept */
	const char *const rolls[] = { "K9", "K10" };
	assert_string_equal(next(rolls, 2), "K11");
	const char *const nines[] = { "C99" };
	assert_string_equal(next(nines, 1), "C100");              /* grows past the width */
	const char *const tie[] = { "B1", "A1" };
	assert_string_equal(next(tie, 2), "A2");                  /* a tie: the first in byte order */
	const char *const digits[] = { "2024", "2025" };
	assert_string_equal(next(digits, 2), "2026");              /* no prefix at all */
}

static void id_next_without_numbers(void **state)
{
	(void)state;
	char out[8] = "x";
	const char *const words[] = { "HQ", "OPS" };
	assert_int_equal(id_next(words, 2, out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(id_next(NULL, 0, out, sizeof out), -1);
	const char *const long_one[] = { "ABCDEFGH1" };
	assert_int_equal(id_next(long_one, 1, out, sizeof out), -1);   /* does not fit */
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_next_continues_the_pattern),
		cmocka_unit_test(id_next_without_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
