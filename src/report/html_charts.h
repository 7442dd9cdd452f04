/* SPDX-License-Identifier: MIT */
/* A chart report/svg.h does not have yet: the stabilization timeline, plan
 * against actual, one row per contract. Same conventions as svg.h (fixed
 * number formats, presentation attributes only, labels escaped with
 * svg_escape()), so it can move into svg.c unchanged. Appends to a caller's
 * buf. */
#ifndef TANDEM_HTML_CHARTS_H
#define TANDEM_HTML_CHARTS_H

#include <stddef.h>

#include "base/buf.h"

struct chart_timeline_row {
	const char *label;
	int planned;        /* P in months; 0 = no plan (n/a) */
	int stabilized_at;  /* s, the month stabilization began; 0 = not yet */
	int elapsed;        /* E, months elapsed by the end of the year (>= 0) */
	int run;            /* K: the stabilization run spans s .. s+K−1 */
};

/* One row per contract on a shared month axis from 0 to the largest month
 * any row needs (at least 6): a pale bar for months 1..P (the plan), a
 * line for months 1..E (elapsed), and a green block over the stabilized
 * run s..s+K−1 or a red "not yet" mark at E. legend holds the texts of
 * plan, elapsed, stabilized and not yet stabilized; na_text labels a row
 * without a plan. With no rows the chart says empty_text. */
void chart_timeline(struct buf *out, const char *title, const struct chart_timeline_row *rows,
		    size_t n, const char *const legend[4], const char *na_text,
		    const char *empty_text);

/* The x position of month m on an axis of max_month months starting at x0
 * and plot_w wide (exported for the unit tests of the scale). */
double chart_timeline_x(int m, int max_month, double x0, double plot_w);
/* The axis length for rows: the largest of P, s+K−1 and E, at least 6. */
int chart_timeline_max_month(const struct chart_timeline_row *rows, size_t n);

#endif
