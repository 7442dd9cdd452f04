/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the cell parsers of domain/: dates, months,
 * decimals and whole numbers. Whatever they accept must print back to a
 * text that parses to the same value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "domain/decimal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	day_t day, day2;
	month_t month, month2;
	micro_t v, v2;
	int64_t n;
	char text[32];

	if (date_parse(s, size, &day) == 0) {
		date_format(day, text);
		if (date_parse(text, strlen(text), &day2) || day2 != day || memcmp(text, s, 10))
			abort();
	}
	if (month_parse(s, size, &month) == 0) {
		month_format(month, text);
		if (month_parse(text, strlen(text), &month2) || month2 != month)
			abort();
	}
	if (decimal_parse(s, size, &v) == DECIMAL_OK) {
		decimal_format(v, text);
		if (decimal_parse(text, strlen(text), &v2) != DECIMAL_OK || v2 != v)
			abort();
	}
	(void)integer_parse(s, size, &n);
	return 0;
}
