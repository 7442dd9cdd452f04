/* SPDX-License-Identifier: MIT */
/* The wall clock, overridable for reproducible tests: when TANDEM_NOW is
 * set ("2026-11-26T12:00:00Z" or "2026-11-26"), that is the time. */
#ifndef TANDEM_CLOCK_H
#define TANDEM_CLOCK_H

#include <time.h>

time_t clock_now(void);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (UTC) and a NUL into out. */
void clock_iso(time_t t, char out[21]);
void clock_now_iso(char out[21]);

#endif
