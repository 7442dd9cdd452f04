/* SPDX-License-Identifier: MIT */
/* Values with their units (units.h): won with 조/억/만 in Korean, percent,
 * percentage points, days, months, counts, and scoring functions in words.
 * Unit words come from the one catalog (report/i18n.c, "unit." keys). */
#include "report/units.h"

#include "engine/model.h"
#include "engine/numfmt.h"

#include <stdio.h>
#include <string.h>

/* Appends digits (an optional '-' first, then digits, then an optional
 * fraction) with a ',' every three digits of the integer part. */
static void grouped(struct buf *out, const char *v)
{
	const char *dot = strchr(v, '.');
	size_t int_len = dot ? (size_t)(dot - v) : strlen(v);
	size_t start = v[0] == '-' ? 1 : 0;
	buf_add(out, v, start);
	for (size_t i = start; i < int_len; i++) {
		if (i > start && (int_len - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, v[i]);
	}
	buf_adds(out, v + int_len);
}

void units_count(struct buf *out, long long n)
{
	char t[32];
	snprintf(t, sizeof t, "%lld", n);
	grouped(out, t);
}

void units_won(struct buf *out, enum lang lang, wide_t micro)
{
	/* Whole won, half away from zero, on the magnitude. */
	wide_t mag = micro < 0 ? -micro : micro;
	unsigned long long won = (unsigned long long)((mag + 500000) / 1000000);
	char t[32];
	if (micro < 0 && won)
		buf_addc(out, '-');
	if (lang != LANG_KO) {
		snprintf(t, sizeof t, "%llu", won);
		buf_adds(out, "₩");
		grouped(out, t);
		return;
	}
	/* Korean readers count in 만 (10⁴), 억 (10⁸) and 조 (10¹²). */
	static const struct { unsigned long long unit; const char *name; } units[] = {
		{ 1000000000000ULL, "조" }, { 100000000ULL, "억" }, { 10000ULL, "만" },
	};
	int parts = 0;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		unsigned long long q = won / units[i].unit;
		won %= units[i].unit;
		if (!q)
			continue;
		snprintf(t, sizeof t, "%llu", q);
		if (parts++)
			buf_addc(out, ' ');
		grouped(out, t);
		buf_adds(out, units[i].name);
	}
	if (won || !parts) {
		snprintf(t, sizeof t, "%llu", won);
		if (parts++)
			buf_addc(out, ' ');
		grouped(out, t);
		buf_adds(out, "원");
		return;
	}
	buf_adds(out, " 원");
}

void units_percent(struct buf *out, long double ratio, int decimals)
{
	struct buf n = BUF_INIT;
	numfmt_ld(&n, ratio * 100, decimals);
	grouped(out, n.data);
	buf_addc(out, '%');
	buf_release(&n);
}

void units_points(struct buf *out, long double ratio_difference, int decimals)
{
	struct buf n = BUF_INIT;
	numfmt_ld(&n, ratio_difference * 100, decimals);
	/* "+" only when the printed difference is not zero */
	int zero = strspn(n.data, "0.") == n.len;
	if (n.data[0] != '-' && !zero)
		buf_addc(out, '+');
	grouped(out, n.data);
	buf_adds(out, "%p");
	buf_release(&n);
}

/* "{1} days" with the singular key when the printed number is exactly 1. */
static void counted(struct buf *out, enum lang lang, long double v, int decimals,
		    const char *one_key, const char *many_key)
{
	struct buf n = BUF_INIT, g = BUF_INIT;
	numfmt_ld(&n, v, decimals);
	grouped(&g, n.data);
	const char *args[] = { g.data };
	i18n_add(out, lang, strcmp(n.data, "1") ? many_key : one_key, args, 1);
	buf_release(&n);
	buf_release(&g);
}

void units_days(struct buf *out, enum lang lang, long double days, int decimals)
{
	counted(out, lang, days, decimals, "unit.day", "unit.days");
}

void units_months(struct buf *out, enum lang lang, long double months, int decimals)
{
	counted(out, lang, months, decimals, "unit.month", "unit.months");
}

/* v rounded to places decimals, trailing zeros (and a bare point) cut. */
static void rounded(struct buf *out, long double v, int places)
{
	struct buf n = BUF_INIT;
	numfmt_ld(&n, v, places);
	while (n.len > 1 && strchr(n.data, '.') && n.data[n.len - 1] == '0')
		n.data[--n.len] = 0;
	if (n.len > 1 && n.data[n.len - 1] == '.')
		n.data[--n.len] = 0;
	buf_add(out, n.data, n.len);
	buf_release(&n);
}

int units_metric_is_ratio(const char *unit)
{
	return unit && (!strcmp(unit, "ratio") || !strcmp(unit, "%"));
}

void units_metric_value(struct buf *out, enum lang lang, const char *unit, long double v)
{
	if (units_metric_is_ratio(unit)) {
		units_percent(out, v, 1);
		return;
	}
	struct buf n = BUF_INIT;
	rounded(&n, v, 2);
	grouped(out, n.data);
	buf_release(&n);
	if (unit && *unit) {
		/* Korean writes a unit of its own against the number ("311초") */
		const char *t = i18n_named(lang, "metric_unit.", unit);
		if (lang != LANG_KO || t == unit)
			buf_addc(out, ' ');
		buf_adds(out, t);
	}
}

/* A model parameter as the reader sees it: the decimal written in the
 * model (numfmt_double), and for a ratio the same digits with the point
 * moved two places ("0.035" → "3.5%"), exactly, with no float noise. A
 * computed bound with more than six decimals (a calibrated P90 such as
 * 0.08333333333333333) is rounded for the eye: two places of a
 * percentage ("8.33%"), four of a number; the formula beside it keeps
 * every digit. */
void units_parameter(struct buf *out, double v, int ratio)
{
	struct buf n = BUF_INIT;
	numfmt_double(&n, v);
	const char *point = strchr(n.data, '.');
	if (point && !strchr(n.data, 'e') && strlen(point + 1) > 6) {
		rounded(out, ratio ? (long double)v * 100 : (long double)v, ratio ? 2 : 4);
		if (ratio)
			buf_addc(out, '%');
		buf_release(&n);
		return;
	}
	if (!ratio) {
		buf_add(out, n.data, n.len);
		buf_release(&n);
		return;
	}
	if (strchr(n.data, 'e')) {
		/* a tiny or huge parameter: six places are plenty */
		buf_reset(&n);
		numfmt_ld(&n, (long double)v * 100, 6);
		while (n.len > 1 && n.data[n.len - 1] == '0')
			n.data[--n.len] = 0;
		if (n.len > 1 && n.data[n.len - 1] == '.')
			n.data[--n.len] = 0;
		buf_add(out, n.data, n.len);
		buf_addc(out, '%');
		buf_release(&n);
		return;
	}
	const char *s = n.data;
	int neg = *s == '-';
	s += neg;
	const char *dot = strchr(s, '.');
	size_t int_len = dot ? (size_t)(dot - s) : strlen(s);
	const char *frac = dot ? dot + 1 : "";
	size_t frac_len = strlen(frac);
	struct buf d = BUF_INIT;
	buf_add(&d, s, int_len);
	for (size_t i = 0; i < 2; i++)
		buf_addc(&d, i < frac_len ? frac[i] : '0');
	/* drop leading zeros of the integer part, keep one */
	size_t lead = 0;
	while (lead + 1 < d.len && d.data[lead] == '0')
		lead++;
	if (neg)
		buf_addc(out, '-');
	buf_add(out, d.data + lead, d.len - lead);
	if (frac_len > 2) {
		buf_addc(out, '.');
		buf_adds(out, frac + 2);
	}
	buf_addc(out, '%');
	buf_release(&d);
	buf_release(&n);
}

void units_scoring_words(struct buf *out, enum lang lang, const struct scoring *s, int ratio)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	if (s->fn == SCORING_LINEAR) {
		int lower = s->zero > s->full;
		units_parameter(&a, lower ? s->full : s->zero, ratio);
		units_parameter(&b, lower ? s->zero : s->full, ratio);
		const char *args[] = { a.data, b.data };
		i18n_add(out, lang, lower ? "scoring.linear_lower" : "scoring.linear", args, 2);
		goto out;
	}
	for (size_t i = 0; i < s->n_bands; i++) {
		buf_reset(&a);
		buf_reset(&b);
		units_parameter(&a, s->bands[i].threshold, ratio);
		units_parameter(&b, s->bands[i].score, 0);
		const char *args[] = { a.data, b.data };
		if (i)
			buf_adds(out, ", ");
		i18n_add(out, lang, s->lower_is_better ? "scoring.band_lower" : "scoring.band_higher", args, 2);
	}
	buf_reset(&a);
	units_parameter(&a, s->otherwise, 0);
	{
		const char *args[] = { a.data };
		i18n_add(out, lang, "scoring.otherwise", args, 1);
	}
out:
	buf_release(&a);
	buf_release(&b);
}
