/* SPDX-License-Identifier: MIT */
/* The inline SVG charts of svg.h. Coordinates are printed with one decimal
 * through fmt_num(), so output does not depend on the locale or on
 * floating-point noise beyond the first decimal. */
#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void svg_escape(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_adds(out, "&amp;"); break;
		case '<': buf_adds(out, "&lt;"); break;
		case '>': buf_adds(out, "&gt;"); break;
		case '"': buf_adds(out, "&quot;"); break;
		case '\'': buf_adds(out, "&#39;"); break;
		default: buf_addc(out, s[i]);
		}
	}
}

static void esc(struct buf *out, const char *s)
{
	if (s)
		svg_escape(out, s, strlen(s));
}

/* One decimal, "-0.0" never printed. */
static void fmt_num(struct buf *out, double v)
{
	long tenths = lround(v * 10.0);
	if (tenths < 0) {
		buf_addc(out, '-');
		tenths = -tenths;
	}
	buf_addf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

/* Appends name="v" with a number. */
static void attr(struct buf *out, const char *name, double v)
{
	buf_addf(out, " %s=\"", name);
	fmt_num(out, v);
	buf_addc(out, '"');
}

static void open_svg(struct buf *out, const char *title, double w, double h, const char *cls)
{
	buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" role=\"img\"", cls);
	buf_adds(out, " viewBox=\"0 0 ");
	fmt_num(out, w);
	buf_addc(out, ' ');
	fmt_num(out, h);
	/* The natural size in pixels: a page shows the chart at 1:1 and
	 * shrinks it only to fit a narrow screen (labels stay readable). */
	buf_adds(out, "\"");
	attr(out, "width", w);
	attr(out, "height", h);
	buf_adds(out, " preserveAspectRatio=\"xMinYMin meet\" aria-label=\"");
	esc(out, title);
	buf_adds(out, "\"><title>");
	esc(out, title);
	buf_adds(out, "</title>\n");
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

/* A tick's text: as many decimals as the step needs, then the unit ("%"
 * sticks to the number, a word follows a space). */
static void tick_text(struct buf *out, double v, double step, const char *unit)
{
	int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	char t[48];
	if (decimals > 6)
		decimals = 6;
	snprintf(t, sizeof t, "%.*f", decimals, fabs(v) < step / 1e6 ? 0.0 : v);
	buf_adds(out, t);
	if (unit && *unit) {
		if (strcmp(unit, "%"))
			buf_addc(out, ' ');
		buf_adds(out, unit);
	}
}

void svg_bar_chart(struct buf *out, const char *title, const struct svg_bar *bars, size_t n,
		   double max, const char *na_text, const char *unit)
{
	/* As narrow as the labels allow, so that a phone shows it at almost
	 * full size: a label column as wide as the longest label (wide
	 * characters count double, at 14 px), at most 170. */
	double label_w = 40;
	for (size_t i = 0; i < n; i++) {
		double cw = 0;
		for (const unsigned char *c = (const unsigned char *)(bars[i].label ? bars[i].label : "");
		     *c; c++)
			if ((*c & 0xC0) != 0x80)
				cw += *c >= 0xE0 ? 14 : 8;
		if (cw + 14 > label_w)
			label_w = cw + 14;
	}
	if (label_w > 170)
		label_w = 170;
	const double bar_w = 170, row_h = 28, w = label_w + bar_w + 74;
	double rows_h = row_h * (double)n + 10, h = rows_h + 26;
	double first, step;
	if (max <= 0)
		max = 1;
	/* the scale ends on a round tick at or above max: 0, 25, 50 … */
	size_t ticks = svg_nice_ticks(0, max, 4, &first, &step);
	double top = first + step * (double)(ticks - 1);
	open_svg(out, title, w, h, "bars");
	for (size_t t = 0; t < ticks; t++) {
		double v = first + step * (double)t, x = label_w + bar_w * v / top;
		struct buf l = BUF_INIT;
		buf_adds(out, "<line");
		attr(out, "x1", x);
		attr(out, "x2", x);
		attr(out, "y1", 5);
		attr(out, "y2", rows_h);
		buf_adds(out, t ? " stroke=\"#e3e7ec\" stroke-width=\"1\"/>\n"
			 : " stroke=\"#8a94a3\" stroke-width=\"1\"/>\n");
		tick_text(&l, v, step, unit);
		text(out, x, rows_h + 18, t == 0 ? "start" : t + 1 == ticks ? "end" : "middle", "axis", l.data);
		buf_release(&l);
	}
	for (size_t i = 0; i < n; i++) {
		double y = 5 + row_h * (double)i;
		const struct svg_bar *b = &bars[i];
		if (b->href) {
			buf_adds(out, "<a href=\"");
			esc(out, b->href);
			buf_adds(out, "\">");
		}
		text(out, label_w - 8, y + row_h * 0.65, "end", "label", b->label);
		if (b->value != SVG_NONE) {
			double v = b->value < 0 ? 0 : b->value > top ? top : b->value;
			buf_adds(out, "<rect");
			attr(out, "x", label_w);
			attr(out, "y", y + 4);
			attr(out, "width", bar_w * v / top);
			attr(out, "height", row_h - 8);
			/* a year not over yet: pale, outlined dashes */
			buf_adds(out, b->partial ? " fill=\"#c9d7e8\" stroke=\"#2f5d8a\" stroke-dasharray=\"4 3\"/>\n"
				 : " fill=\"#2f5d8a\"/>\n");
		}
		text(out, label_w + bar_w + 8, y + row_h * 0.65, "start", "value",
		     b->value == SVG_NONE ? na_text : b->text ? b->text : "");
		if (b->href)
			buf_adds(out, "</a>\n");
	}
	buf_adds(out, "</svg>\n");
}

void svg_line_chart(struct buf *out, const char *title, const char *const *x_labels,
		    const double *values, size_t n, int has_target, double target,
		    const char *target_label, const char *y_unit)
{
	const double left = 70, right = 110, top = 14, bottom = 36, plot_h = 200;
	const double plot_w = 720;
	double w = left + plot_w + right, h = top + plot_h + bottom;
	double lo = 0, hi = 0;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (values[i] == SVG_NONE)
			continue;
		if (!any || values[i] < lo)
			lo = values[i];
		if (!any || values[i] > hi)
			hi = values[i];
		any = 1;
	}
	if (has_target) {
		if (!any || target < lo)
			lo = target;
		if (!any || target > hi)
			hi = target;
		any = 1;
	}
	if (!any) {
		lo = 0;
		hi = 1;
	}
	/* round ticks (1-2-5 steps) around the data and the target */
	double first, step;
	size_t ticks = svg_nice_ticks(lo, hi, 4, &first, &step);
	lo = first;
	hi = first + step * (double)(ticks - 1);
#define X(i) (left + (n > 1 ? plot_w * (double)(i) / (double)(n - 1) : plot_w / 2))
#define Y(v) (top + plot_h - plot_h * ((v) - lo) / (hi - lo))
	open_svg(out, title, w, h, "line");
	for (size_t g = 0; g < ticks; g++) {
		double v = first + step * (double)g;
		struct buf label = BUF_INIT;
		buf_adds(out, "<line");
		attr(out, "x1", left);
		attr(out, "x2", left + plot_w);
		attr(out, "y1", Y(v));
		attr(out, "y2", Y(v));
		buf_adds(out, g ? " stroke=\"#d5dae1\" stroke-width=\"1\"/>\n"
			 : " stroke=\"#8a94a3\" stroke-width=\"1\"/>\n");
		tick_text(&label, v, step, y_unit);
		text(out, left - 6, Y(v) + 4, "end", "axis", label.data);
		buf_release(&label);
	}
	/* At most about twelve x labels, evenly spaced, so that none overlap. */
	size_t stride = n > 12 ? (n + 11) / 12 : 1;
	for (size_t i = 0; i < n; i += stride)
		text(out, X(i), top + plot_h + 20, "middle", "axis", x_labels[i]);
	if (has_target) {
		buf_adds(out, "<line");
		attr(out, "x1", left);
		attr(out, "x2", left + plot_w);
		attr(out, "y1", Y(target));
		attr(out, "y2", Y(target));
		buf_adds(out, " stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n");
		text(out, left + plot_w + 6, Y(target) + 4, "start", "target", target_label);
	}
	/* The line, broken where a value is missing. */
	int drawing = 0;
	for (size_t i = 0; i < n; i++) {
		if (values[i] == SVG_NONE) {
			if (drawing)
				buf_adds(out, "\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2.5\"/>\n");
			drawing = 0;
			continue;
		}
		buf_adds(out, drawing ? " L" : "<path d=\"M");
		fmt_num(out, X(i));
		buf_addc(out, ' ');
		fmt_num(out, Y(values[i]));
		drawing = 1;
	}
	if (drawing)
		buf_adds(out, "\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2.5\"/>\n");
	for (size_t i = 0; i < n; i++) {
		if (values[i] == SVG_NONE)
			continue;
		char label[48];
		buf_adds(out, "<circle");
		attr(out, "cx", X(i));
		attr(out, "cy", Y(values[i]));
		buf_adds(out, " r=\"3.5\" fill=\"#2f5d8a\"><title>");
		snprintf(label, sizeof label, "%.4f", values[i]);
		esc(out, x_labels[i]);
		buf_adds(out, ": ");
		esc(out, label);
		buf_adds(out, "</title></circle>\n");
	}
#undef X
#undef Y
	buf_adds(out, "</svg>\n");
}

void svg_grid(struct buf *out, const char *title, const char *const *row_labels, size_t rows,
	      const char *const *col_labels, size_t cols, const enum svg_cell *cells,
	      const char *const legend[4])
{
	static const char *const fill[] = { "none", "#e6e8ec", "#f4c7c3", "#b7dfc0", "#2e7d32" };
	static const char *const mark[] = { "", "–", "✗", "✓", "✓" };
	static const char *const mark_fill[] = { "#000", "#555", "#8c1d18", "#1e5b24", "#ffffff" };
	const double label_w = 150, cell = 30, top = 40, legend_h = 34;
	double w = label_w + cell * (double)cols + 10, h = top + cell * (double)rows + legend_h;
	if (w < 560)
		w = 560;
	open_svg(out, title, w, h, "grid");
	for (size_t c = 0; c < cols; c++) {
		double x = label_w + cell * (double)c + cell / 2;
		buf_adds(out, "<text");
		attr(out, "x", x);
		attr(out, "y", top - 8);
		buf_adds(out, " text-anchor=\"middle\" class=\"axis\">");
		esc(out, col_labels[c]);
		buf_adds(out, "</text>\n");
	}
	for (size_t r = 0; r < rows; r++) {
		double y = top + cell * (double)r;
		text(out, label_w - 8, y + cell * 0.62, "end", "label", row_labels[r]);
		for (size_t c = 0; c < cols; c++) {
			enum svg_cell v = cells[r * cols + c];
			if (v == SVG_CELL_EMPTY)
				continue;
			double x = label_w + cell * (double)c;
			buf_adds(out, "<rect");
			attr(out, "x", x + 1);
			attr(out, "y", y + 1);
			attr(out, "width", cell - 2);
			attr(out, "height", cell - 2);
			buf_addf(out, " rx=\"3\" fill=\"%s\"><title>", fill[v]);
			esc(out, row_labels[r]);
			buf_adds(out, " · ");
			esc(out, col_labels[c]);
			buf_adds(out, ": ");
			esc(out, legend[v - 1]);
			buf_adds(out, "</title></rect>\n");
			buf_adds(out, "<text");
			attr(out, "x", x + cell / 2);
			attr(out, "y", y + cell * 0.66);
			buf_addf(out, " text-anchor=\"middle\" class=\"mark\" fill=\"%s\" aria-hidden=\"true\">%s</text>\n",
				 mark_fill[v], mark[v]);
		}
	}
	/* The legend, so that the symbols and colours are explained. */
	double lx = 10, ly = top + cell * (double)rows + 12;
	for (int i = 0; i < 4; i++) {
		buf_adds(out, "<rect");
		attr(out, "x", lx);
		attr(out, "y", ly);
		buf_addf(out, " width=\"16\" height=\"16\" rx=\"3\" fill=\"%s\"/>\n", fill[i + 1]);
		buf_adds(out, "<text");
		attr(out, "x", lx + 8);
		attr(out, "y", ly + 12);
		buf_addf(out, " text-anchor=\"middle\" class=\"mark\" fill=\"%s\" aria-hidden=\"true\">%s</text>\n",
			 mark_fill[i + 1], mark[i + 1]);
		text(out, lx + 22, ly + 13, "start", "legend", legend[i]);
		lx += 22 + 8.5 * (double)strlen(legend[i]) + 18;
	}
	buf_adds(out, "</svg>\n");
}

/* ---- the stabilization timeline: plan against actual ---------------- */

static void rect(struct buf *out, double x, double y, double w, double h, const char *fill)
{
	buf_adds(out, "<rect");
	attr(out, "x", x);
	attr(out, "y", y);
	attr(out, "width", w < 0 ? 0 : w);
	attr(out, "height", h);
	buf_addf(out, " fill=\"%s\"/>\n", fill);
}

double svg_timeline_x(int m, int max_month, double x0, double plot_w)
{
	if (max_month <= 0)
		max_month = 1;
	if (m < 0)
		m = 0;
	if (m > max_month)
		m = max_month;
	return x0 + plot_w * (double)m / (double)max_month;
}

int svg_timeline_max_month(const struct svg_timeline_row *rows, size_t n)
{
	int max = 6;
	for (size_t i = 0; i < n; i++) {
		const struct svg_timeline_row *r = &rows[i];
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

void svg_timeline(struct buf *out, const char *title, const struct svg_timeline_row *rows,
		    size_t n, const char *const legend[4], const char *na_text,
		    const char *empty_text)
{
	static const char *const fills[] = { "#c9d7e8", "#5b6b7f", "#2e7d32", "#b3261e" };
	const double label_w = 170, plot_w = 480, row_h = 26, top = 34, legend_h = 34;
	const double w = label_w + plot_w + 90;
	double h = top + row_h * (double)(n ? n : 1) + legend_h;
	int max = svg_timeline_max_month(rows, n);
	int step = max <= 12 ? 1 : max <= 24 ? 3 : 6;

	open_svg(out, title, w, h, "timeline");
	/* Month ticks. */
	for (int m = 0; m <= max; m += step) {
		char label[16];
		double x = svg_timeline_x(m, max, label_w, plot_w);
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
		const struct svg_timeline_row *r = &rows[i];
		double y = top + row_h * (double)i;
		double x0 = svg_timeline_x(0, max, label_w, plot_w);
		text(out, label_w - 8, y + row_h * 0.62, "end", "label", r->label);
		if (r->planned > 0) {
			rect(out, x0, y + 5, svg_timeline_x(r->planned, max, label_w, plot_w) - x0,
			     row_h - 10, fills[0]);
		}
		if (r->elapsed > 0) {
			buf_adds(out, "<line");
			attr(out, "x1", x0);
			attr(out, "x2", svg_timeline_x(r->elapsed, max, label_w, plot_w));
			attr(out, "y1", y + row_h / 2);
			attr(out, "y2", y + row_h / 2);
			buf_addf(out, " stroke=\"%s\" stroke-width=\"2\"/>\n", fills[1]);
		}
		if (r->stabilized_at > 0) {
			int k = r->run > 0 ? r->run : 1;
			double xs = svg_timeline_x(r->stabilized_at - 1, max, label_w, plot_w);
			double xe = svg_timeline_x(r->stabilized_at - 1 + k, max, label_w, plot_w);
			char label[32];
			rect(out, xs, y + 8, xe - xs, row_h - 16, fills[2]);
			snprintf(label, sizeof label, "%d", r->stabilized_at);
			text(out, xe + 4, y + row_h * 0.62, "start", "value", label);
		} else if (r->elapsed > 0) {
			double x = svg_timeline_x(r->elapsed, max, label_w, plot_w);
			buf_adds(out, "<path d=\"M");
			fmt_num(out, x - 5);
			buf_addc(out, ' ');
			fmt_num(out, y + row_h / 2 - 5);
			buf_adds(out, " L");
			fmt_num(out, x + 5);
			buf_addc(out, ' ');
			fmt_num(out, y + row_h / 2 + 5);
			buf_adds(out, " M");
			fmt_num(out, x + 5);
			buf_addc(out, ' ');
			fmt_num(out, y + row_h / 2 - 5);
			buf_adds(out, " L");
			fmt_num(out, x - 5);
			buf_addc(out, ' ');
			fmt_num(out, y + row_h / 2 + 5);
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

void svg_credit_chart(struct buf *out, const char *title, const struct svg_credit_month *months,
		      size_t n, const char *const legend[4])
{
	static const char *const fills[4] = { "#e6ecf2", "#b3261e", "#e0a800", "#9aa5b1" };
	const double left = 16, top = 14, plot_h = 180, col_w = 56, gap = 8, bottom = 64;
	double w = left * 2 + (col_w + gap) * (double)(n ? n : 1), h = top + plot_h + bottom;
	double max = 0;
	for (size_t i = 0; i < n; i++) {
		double credits = months[i].owed + months[i].pending + months[i].waived;
		if (months[i].pool > max)
			max = months[i].pool;
		if (credits > max)
			max = credits;
	}
	if (max <= 0)
		max = 1;
	if (w < 420)
		w = 420;
	open_svg(out, title, w, h, "credits");
	buf_adds(out, "<line");
	attr(out, "x1", left);
	attr(out, "y1", top + plot_h);
	attr(out, "x2", w - left);
	attr(out, "y2", top + plot_h);
	buf_adds(out, " stroke=\"#6b7785\"/>\n");
	for (size_t i = 0; i < n; i++) {
		const struct svg_credit_month *m = &months[i];
		double x = left + (col_w + gap) * (double)i, base = top + plot_h;
		double parts[3] = { m->owed, m->pending, m->waived };
		buf_adds(out, "<g>");
		if (m->tooltip) {
			buf_adds(out, "<title>");
			esc(out, m->tooltip);
			buf_adds(out, "</title>");
		}
		if (m->pool > 0) {
			buf_adds(out, "<rect");
			attr(out, "x", x);
			attr(out, "y", base - plot_h * m->pool / max);
			attr(out, "width", col_w);
			attr(out, "height", plot_h * m->pool / max);
			buf_addf(out, " fill=\"%s\"/>", fills[0]);
		}
		for (int k = 0; k < 3; k++) {
			double v = parts[k] > 0 ? parts[k] : 0, hh = plot_h * v / max;
			if (hh <= 0)
				continue;
			base -= hh;
			buf_adds(out, "<rect");
			attr(out, "x", x + 10);
			attr(out, "y", base);
			attr(out, "width", col_w - 20);
			attr(out, "height", hh);
			buf_addf(out, " fill=\"%s\"/>", fills[k + 1]);
		}
		buf_adds(out, "</g>\n");
		text(out, x + col_w / 2, top + plot_h + 16, "middle", "label", m->label);
	}
	for (int k = 0; k < 4; k++) {
		double x = left + (double)k * 120, y = top + plot_h + 36;
		buf_adds(out, "<rect");
		attr(out, "x", x);
		attr(out, "y", y);
		attr(out, "width", 12);
		attr(out, "height", 12);
		buf_addf(out, " fill=\"%s\"/>\n", fills[k]);
		text(out, x + 16, y + 11, "start", "legend", legend[k]);
	}
	buf_adds(out, "</svg>\n");
}

size_t svg_nice_ticks(double lo, double hi, size_t max_ticks, double *first, double *step)
{
	static const double steps[] = { 1, 2, 5, 10 };
	if (max_ticks < 1)
		max_ticks = 1;
	if (!(hi > lo)) {
		double unit = fabs(lo) > 0 ? pow(10, floor(log10(fabs(lo)))) : 1;
		lo -= unit;
		hi += unit;
	}
	double raw = (hi - lo) / (double)max_ticks;
	double mag = pow(10, floor(log10(raw)));
	double s = mag * 10;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (mag * steps[i] >= raw * (1 - 1e-9)) {
			s = mag * steps[i];
			break;
		}
	/* the span rounded out may need one more interval than asked: widen */
	double f = floor(lo / s + 1e-9) * s, l = ceil(hi / s - 1e-9) * s;
	while ((l - f) / s > (double)max_ticks + 1e-9) {
		double next = s;
		for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			double cand = mag * steps[i];
			if (cand > s * (1 + 1e-9)) {
				next = cand;
				break;
			}
		}
		if (next == s) {
			mag *= 10;
			next = mag;
		}
		s = next;
		f = floor(lo / s + 1e-9) * s;
		l = ceil(hi / s - 1e-9) * s;
	}
	*first = f == 0 ? 0 : f;      /* never -0 */
	*step = s;
	return (size_t)lround((l - f) / s) + 1;
}

void svg_sparkline(struct buf *out, const char *title, const char *const *labels,
		   const double *values, size_t n, double lo, double hi, int partial_last,
		   const char *partial_text)
{
	const double w = 96, h = 30, pad = 4;
	if (hi <= lo)
		hi = lo + 1;
#define X(i) (pad + (n > 1 ? (w - 2 * pad) * (double)(i) / (double)(n - 1) : (w - 2 * pad) / 2))
#define Y(v) (h - pad - (h - 2 * pad) * (((v) < lo ? lo : (v) > hi ? hi : (v)) - lo) / (hi - lo))
	open_svg(out, title, w, h, "spark");
	/* the scale's floor and middle, faint, so a flat line reads as a level */
	buf_adds(out, "<line");
	attr(out, "x1", pad);
	attr(out, "x2", w - pad);
	attr(out, "y1", Y((lo + hi) / 2));
	attr(out, "y2", Y((lo + hi) / 2));
	buf_adds(out, " stroke=\"#d5dae1\" stroke-width=\"1\"/>\n");
	int drawing = 0;
	size_t solid_end = partial_last && n ? n - 1 : n;
	for (size_t i = 0; i < solid_end; i++) {
		if (values[i] == SVG_NONE) {
			if (drawing)
				buf_adds(out, "\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2\"/>\n");
			drawing = 0;
			continue;
		}
		/* a point alone between gaps is its dot, not a line of one point */
		if (!drawing && (i + 1 >= solid_end || values[i + 1] == SVG_NONE))
			continue;
		buf_adds(out, drawing ? " L" : "<path d=\"M");
		fmt_num(out, X(i));
		buf_addc(out, ' ');
		fmt_num(out, Y(values[i]));
		drawing = 1;
	}
	if (drawing)
		buf_adds(out, "\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2\"/>\n");
	if (partial_last && n >= 2 && values[n - 1] != SVG_NONE && values[n - 2] != SVG_NONE) {
		buf_adds(out, "<path d=\"M");
		fmt_num(out, X(n - 2));
		buf_addc(out, ' ');
		fmt_num(out, Y(values[n - 2]));
		buf_adds(out, " L");
		fmt_num(out, X(n - 1));
		buf_addc(out, ' ');
		fmt_num(out, Y(values[n - 1]));
		buf_adds(out, "\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		char v[32];
		int last = i + 1 == n, hollow = last && partial_last;
		if (values[i] == SVG_NONE)
			continue;
		buf_adds(out, "<circle");
		attr(out, "cx", X(i));
		attr(out, "cy", Y(values[i]));
		buf_adds(out, last ? " r=\"3.5\"" : " r=\"2\"");
		buf_adds(out, hollow ? " fill=\"#ffffff\" stroke=\"#2f5d8a\" stroke-width=\"1.5\"><title>"
			 : " fill=\"#2f5d8a\"><title>");
		snprintf(v, sizeof v, "%.2f", values[i]);
		esc(out, labels[i]);
		buf_adds(out, ": ");
		esc(out, v);
		if (hollow) {
			buf_adds(out, " (");
			esc(out, partial_text);
			buf_adds(out, ")");
		}
		buf_adds(out, "</title></circle>\n");
	}
#undef X
#undef Y
	buf_adds(out, "</svg>\n");
}
