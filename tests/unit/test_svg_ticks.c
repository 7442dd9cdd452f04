/* SPDX-License-Identifier: MIT */
/* Unit tests for the charts' scales (src/report/svg.c): round ticks in
 * 1-2-5 steps that cover the data, labels with their unit, bars on the
 * common scale up to a round tick, and the trend sparkline's unfinished
 * year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report/svg.h"

static void ticks_are(double lo, double hi, size_t max, double first, double step, size_t count)
{
	double f = -1, s = -1;
	size_t n = svg_nice_ticks(lo, hi, max, &f, &s);
	if (n != count || f < first - 1e-9 || f > first + 1e-9 || s < step - 1e-9 || s > step + 1e-9)
		fail_msg("ticks(%g, %g, %zu): got first %g step %g count %zu, want %g %g %zu", lo, hi, max,
			 f, s, n, first, step, count);
}

static void svg_ticks_round_1_2_5(void **state)
{
	(void)state;
	ticks_are(0, 100, 4, 0, 50, 3);
	ticks_are(0, 1.5, 4, 0, 0.5, 4);
	ticks_are(250.3, 407.27, 4, 250, 50, 5);          /* not 421.52 / 329.56 */
	ticks_are(58.6, 87, 4, 50, 10, 5);
	ticks_are(0, 3.5, 4, 0, 1, 5);
	ticks_are(-0.38, 0.2, 4, -0.4, 0.2, 4);
	ticks_are(5, 5, 4, 4, 0.5, 5);                     /* one value: a unit around it */
	ticks_are(0, 0, 4, -1, 0.5, 5);
	ticks_are(0, 18050, 4, 0, 5000, 5);
	ticks_are(0.000012, 0.000019, 4, 0.000012, 0.000002, 5);
}

static void svg_bar_axis_has_unit_and_round_top(void **state)
{
	struct svg_bar bars[2] = { { "2024", 3.5, "3.5%", NULL, 0 }, { "2025*", 7.2, "7.2%", NULL, 1 } };
	struct buf o = BUF_INIT;
	(void)state;
	svg_bar_chart(&o, "growth", bars, 2, 7.2, "n/a", "%");
	/* the scale ends on 8 (the round tick above 7.2), labelled in % */
	assert_non_null(strstr(o.data, ">0%</text>"));
	assert_non_null(strstr(o.data, ">8%</text>"));
	assert_null(strstr(o.data, ">7.2%</text>\n<line"));
	/* 3.5 of 8 on a 170 px bar: 74.4 px, not a full bar */
	assert_non_null(strstr(o.data, "width=\"74.4\""));
	/* the unfinished year is pale and dashed */
	assert_non_null(strstr(o.data, "fill=\"#c9d7e8\" stroke=\"#2f5d8a\" stroke-dasharray=\"4 3\""));
	buf_release(&o);
}

static void svg_line_axis_labels_in_unit(void **state)
{
	const char *x[] = { "2025-01", "2025-02", "2025-03" };
	double v[] = { 421.52, 329.56, 350 };
	struct buf o = BUF_INIT;
	(void)state;
	svg_line_chart(&o, "AHT", x, v, 3, 1, 300, "target 300 s", "s");
	assert_non_null(strstr(o.data, ">300 s</text>"));
	assert_non_null(strstr(o.data, ">450 s</text>"));
	assert_null(strstr(o.data, "421.52</text>"));
	buf_release(&o);
}

static void svg_sparkline_marks_unfinished_year(void **state)
{
	const char *labels[] = { "2024", "2025", "2026" };
	double v[] = { 65.97, 61.55, 64.4 };
	struct buf a = BUF_INIT, b = BUF_INIT;
	(void)state;
	svg_sparkline(&a, "Total", labels, v, 3, 0, 100, 1, "not over");
	assert_non_null(strstr(a.data, "<title>2026: 64.40 (not over)</title>"));
	assert_non_null(strstr(a.data, "stroke-dasharray=\"3 2\""));
	assert_non_null(strstr(a.data, "<title>2025: 61.55</title>"));
	svg_sparkline(&b, "Total", labels, v, 3, 0, 100, 0, "not over");
	assert_null(strstr(b.data, "not over"));
	assert_null(strstr(b.data, "stroke-dasharray"));
	/* the same input, the same bytes */
	buf_reset(&b);
	svg_sparkline(&b, "Total", labels, v, 3, 0, 100, 1, "not over");
	assert_string_equal(a.data, b.data);
	buf_release(&a);
	buf_release(&b);
}

/* A year without a score is a gap: the line stops before it and starts
 * again after it; a point alone between gaps is a dot, not a path. */
static void svg_sparkline_gap_is_a_gap(void **state)
{
	const char *labels[] = { "2022", "2023", "2024", "2025" };
	double v[] = { 100, 100, SVG_NONE, 50 };
	struct buf a = BUF_INIT;
	(void)state;
	svg_sparkline(&a, "Total", labels, v, 4, 0, 100, 0, "not over");
	assert_non_null(strstr(a.data, "<path d=\"M4.0 4.0 L33.3 4.0\" fill=\"none\""));
	assert_null(strstr(a.data, "L62.7"));
	assert_null(strstr(a.data, "<path d=\"M92.0"));
	assert_null(strstr(a.data, "<title>2024"));
	assert_non_null(strstr(a.data, "<circle cx=\"92.0\" cy=\"15.0\" r=\"3.5\" fill=\"#2f5d8a\"><title>2025: 50.00</title>"));
	buf_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(svg_ticks_round_1_2_5),
		cmocka_unit_test(svg_bar_axis_has_unit_and_round_top),
		cmocka_unit_test(svg_line_axis_labels_in_unit),
		cmocka_unit_test(svg_sparkline_marks_unfinished_year),
		cmocka_unit_test(svg_sparkline_gap_is_a_gap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
