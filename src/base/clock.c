/* SPDX-License-Identifier: MIT */
/* The clock of clock.h. */
#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

time_t clock_now(void)
{
	const char *env = getenv("TANDEM_NOW");
	if (env && *env) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		int y, mo, d, h = 0, mi = 0, s = 0;
		if (sscanf(env, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 3) {
			tm.tm_year = y - 1900;
			tm.tm_mon = mo - 1;
			tm.tm_mday = d;
			tm.tm_hour = h;
			tm.tm_min = mi;
			tm.tm_sec = s;
			return timegm(&tm);
		}
	}
	return time(NULL);
}

void clock_iso(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_now_iso(char out[21])
{
	clock_iso(clock_now(), out);
}
