/* SPDX-License-Identifier: MIT */
/* Inline SVG charts for the web pages and the HTML reports: a horizontal
 * bar chart, a line chart with a target line and a month-by-month grid.
 * Output is appended to a caller-owned struct buf, is the same bytes for
 * the same input (fixed number formats, no randomness, no locale), uses
 * presentation attributes only (no style attributes, so a strict Content
 * Security Policy allows it) and escapes every label with svg_escape(). */
#ifndef TANDEM_SVG_H
#define TANDEM_SVG_H

#include <stddef.h>

#include "base/buf.h"

/* The escaping of text for HTML and SVG alike: & < > " ' become entities.
 * The web pages use this same function (web/html.c), so there is one. */
void svg_escape(struct buf *out, const char *s, size_t n);

/* A value that is missing (drawn as a gap, labelled n/a). */
#define SVG_NONE (-1e300)

struct svg_bar {
	const char *label;
	double value;                 /* SVG_NONE when not available */
	const char *text;             /* the value as printed ("87.50"), or NULL */
	const char *href;             /* a link for the bar, or NULL */
	int partial;                  /* a year not over yet: drawn pale, dashed */
};

/* Horizontal bars on a scale from 0 to the first round tick (1-2-5
 * steps) at or above max, with that axis under them in unit ("%", "점",
 * or NULL). title names the chart for screen readers; na_text is what a
 * missing value shows ("n/a"). */
void svg_bar_chart(struct buf *out, const char *title, const struct svg_bar *bars, size_t n,
		   double max, const char *na_text, const char *unit);

/* A line over n points (values SVG_NONE are gaps) with x labels, and a
 * dashed horizontal target line when has_target. The y axis spans the data
 * and the target, from a round tick to a round tick (1-2-5 steps), its
 * labels in y_unit (NULL: none). */
void svg_line_chart(struct buf *out, const char *title, const char *const *x_labels,
		    const double *values, size_t n, int has_target, double target,
		    const char *target_label, const char *y_unit);

enum svg_cell {
	SVG_CELL_EMPTY,               /* outside the range: nothing drawn */
	SVG_CELL_NO_DATA,
	SVG_CELL_MISSED,
	SVG_CELL_MET,
	SVG_CELL_HIGHLIGHT,           /* met, and part of a highlighted run */
};

/* A grid of rows × cols cells (row-major) with row and column labels, each
 * cell coloured and marked by a symbol so that colour is not the only cue.
 * legend holds the labels of NO_DATA, MISSED, MET and HIGHLIGHT. */
void svg_grid(struct buf *out, const char *title, const char *const *row_labels, size_t rows,
	      const char *const *col_labels, size_t cols, const enum svg_cell *cells,
	      const char *const legend[4]);

/* The stabilization timeline, plan against actual, one row per contract. */
struct svg_timeline_row {
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
void svg_timeline(struct buf *out, const char *title, const struct svg_timeline_row *rows,
		    size_t n, const char *const legend[4], const char *na_text,
		    const char *empty_text);

/* Money at risk month by month (issue 20): per month a pale column for the
 * pool at risk and, inside it, the credits stacked owed (red), pending
 * (amber) and waived (grey, hatched by a lighter tone), all on one scale
 * from 0 to the largest pool or credit total. Values are amounts (the
 * caller's currency units). legend holds the texts of pool, owed, pending
 * and waived; each column has a <title> with its printed amounts. */
struct svg_credit_month {
	const char *label;            /* "2025-03" */
	double pool, owed, pending, waived;
	const char *tooltip;          /* the printed amounts, or NULL */
};
void svg_credit_chart(struct buf *out, const char *title, const struct svg_credit_month *months,
		      size_t n, const char *const legend[4]);

/* A small trend line beside a score (issue 18): n points (SVG_NONE are
 * gaps) on the common scale lo..hi — never each line scaled to itself —
 * each dot titled "label: value", the last one larger; when partial_last
 * the last point is a year not over yet: a hollow dot, a dashed segment
 * to it, and its title says partial_text. The chart's title names the
 * values for screen readers. Needs n >= 2 (one year is no trend: the
 * caller says so in words). */
void svg_sparkline(struct buf *out, const char *title, const char *const *labels,
		   const double *values, size_t n, double lo, double hi, int partial_last,
		   const char *partial_text);

/* Round axis ticks (1-2-5 steps) covering lo..hi with at most max_ticks
 * intervals: *first is the first tick (≤ lo), *step the step, and the
 * return value the number of ticks (first + i·step for i < count, the last
 * ≥ hi). lo == hi is widened to a unit around it. */
size_t svg_nice_ticks(double lo, double hi, size_t max_ticks, double *first, double *step);

/* The x position of month m on an axis of max_month months starting at x0
 * and plot_w wide (exported for the unit tests of the scale). */
double svg_timeline_x(int m, int max_month, double x0, double plot_w);
/* The axis length for rows: the largest of P, s+K−1 and E, at least 6. */
int svg_timeline_max_month(const struct svg_timeline_row *rows, size_t n);

#endif
