/* SPDX-License-Identifier: MIT */
/* The stabilization timeline of html_charts.h. Coordinates are printed with
 * one decimal, as in svg.c, so output does not depend on the locale. */
#include "report/html_charts.h"

#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void num(struct buf *out, double v)
{
	long tenths = lround(v * 10.0);
	if (tenths < 0) {
		buf_addc(out, '-');
		tenths = -tenths;
	}
	buf_addf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

static void attr(struct buf *out, const char *name, double v)
{
	buf_addf(out, " %s=\"", name);
	num(out, v);
	buf_addc(out, '"');
}

static void esc(struct buf *out, const char *s)
{
	if (s)
		svg_escape(out, s, strlen(s));
}

static void text(struct buf *out, double x, double y, const char *anchor, const char *cls,
		 const char *s)
{
	buf_adds(out, "<text");
	attr(out, "x", x);
	attr(out, "y", y);
	buf_addf(out, " text-anchor=\"%s\" class=\"%s\">", anchor, cls);
	esc(out, s);
	buf_adds(out, "</text>\n");
}

static void rect(struct buf *out, double x, double y, double w, double h, const char *fill)
{
	buf_adds(out, "<rect");
	attr(out, "x", x);
	attr(out, "y", y);
	attr(out, "width", w < 0 ? 0 : w);
	attr(out, "height", h);
	buf_addf(out, " fill=\"%s\"/>\n", fill);
}

double chart_timeline_x(int m, int max_month, double x0, double plot_w)
{
	if (max_month <= 0)
		max_month = 1;
	if (m < 0)
		m = 0;
	if (m > max_month)
		m = max_month;
	return x0 + plot_w * (double)m / (double)max_month;
}

int chart_timeline_max_month(const struct chart_timeline_row *rows, size_t n)
{
	int max = 6;
	for (size_t i = 0; i < n; i++) {
		const struct chart_timeline_row *r = &rows[i];
		int run_end = r->stabilized_at ? r->stabilized_at + (r->run > 0 ? r->run : 1) - 1 : 0;
		if (r->planned > max)
			max = r->planned;
		if (run_end > max)
			max = run_end;
		if (r->elapsed > max)
			max = r->elapsed;
	}
	return max;
}

void chart_timeline(struct buf *out, const char *title, const struct chart_timeline_row *rows,
		    size_t n, const char *const legend[4], const char *na_text,
		    const char *empty_text)
{
	static const char *const fills[] = { "#c9d7e8", "#5b6b7f", "#2e7d32", "#b3261e" };
	const double label_w = 170, plot_w = 480, row_h = 26, top = 34, legend_h = 34;
	const double w = label_w + plot_w + 90;
	double h = top + row_h * (double)(n ? n : 1) + legend_h;
	int max = chart_timeline_max_month(rows, n);
	int step = max <= 12 ? 1 : max <= 24 ? 3 : 6;

	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline\" role=\"img\" viewBox=\"0 0 ");
	num(out, w);
	buf_addc(out, ' ');
	num(out, h);
	buf_adds(out, "\" preserveAspectRatio=\"xMinYMin meet\" aria-label=\"");
	esc(out, title);
	buf_adds(out, "\"><title>");
	esc(out, title);
	buf_adds(out, "</title>\n");
	/* Month ticks. */
	for (int m = 0; m <= max; m += step) {
		char label[16];
		double x = chart_timeline_x(m, max, label_w, plot_w);
		buf_adds(out, "<line");
		attr(out, "x1", x);
		attr(out, "x2", x);
		attr(out, "y1", top - 6);
		attr(out, "y2", top + row_h * (double)(n ? n : 1));
		buf_adds(out, " stroke=\"#e1e5ea\" stroke-width=\"1\"/>\n");
		snprintf(label, sizeof label, "%d", m);
		text(out, x, top - 10, "middle", "axis", label);
	}
	if (!n)
		text(out, label_w + plot_w / 2, top + row_h * 0.62, "middle", "legend", empty_text);
	for (size_t i = 0; i < n; i++) {
		const struct chart_timeline_row *r = &rows[i];
		double y = top + row_h * (double)i;
		double x0 = chart_timeline_x(0, max, label_w, plot_w);
		text(out, label_w - 8, y + row_h * 0.62, "end", "label", r->label);
		if (r->planned > 0) {
			rect(out, x0, y + 5, chart_timeline_x(r->planned, max, label_w, plot_w) - x0,
			     row_h - 10, fills[0]);
		}
		if (r->elapsed > 0) {
			buf_adds(out, "<line");
			attr(out, "x1", x0);
			attr(out, "x2", chart_timeline_x(r->elapsed, max, label_w, plot_w));
			attr(out, "y1", y + row_h / 2);
			attr(out, "y2", y + row_h / 2);
			buf_addf(out, " stroke=\"%s\" stroke-width=\"2\"/>\n", fills[1]);
		}
		if (r->stabilized_at > 0) {
			int k = r->run > 0 ? r->run : 1;
			double xs = chart_timeline_x(r->stabilized_at - 1, max, label_w, plot_w);
			double xe = chart_timeline_x(r->stabilized_at - 1 + k, max, label_w, plot_w);
			char label[32];
			rect(out, xs, y + 8, xe - xs, row_h - 16, fills[2]);
			snprintf(label, sizeof label, "%d", r->stabilized_at);
			text(out, xe + 4, y + row_h * 0.62, "start", "value", label);
		} else if (r->elapsed > 0) {
			double x = chart_timeline_x(r->elapsed, max, label_w, plot_w);
			buf_adds(out, "<path d=\"M");
			num(out, x - 5);
			buf_addc(out, ' ');
			num(out, y + row_h / 2 - 5);
			buf_adds(out, " L");
			num(out, x + 5);
			buf_addc(out, ' ');
			num(out, y + row_h / 2 + 5);
			buf_adds(out, " M");
			num(out, x + 5);
			buf_addc(out, ' ');
			num(out, y + row_h / 2 - 5);
			buf_adds(out, " L");
			num(out, x - 5);
			buf_addc(out, ' ');
			num(out, y + row_h / 2 + 5);
			buf_addf(out, "\" stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"/>\n", fills[3]);
		}
		if (r->planned <= 0)
			text(out, label_w + plot_w + 8, y + row_h * 0.62, "start", "value", na_text);
	}
	/* The legend. */
	double lx = 10, ly = top + row_h * (double)(n ? n : 1) + 12;
	for (int i = 0; i < 4; i++) {
		rect(out, lx, ly + (i == 1 ? 7 : 2), 16, i == 1 ? 2 : 12, fills[i]);
		text(out, lx + 22, ly + 12, "start", "legend", legend[i]);
		lx += 22 + 7.5 * (double)strlen(legend[i]) + 18;
	}
	buf_adds(out, "</svg>\n");
}
