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

/* A model parameter as the reader sees it: a ratio as a percentage (the
 * shortest decimal, so 0.035 reads "3.5%"), else the number. */
static void parameter(struct buf *out, double v, int ratio)
{
	struct buf n = BUF_INIT;
	numfmt_double(&n, ratio ? v * 100 : v);
	/* v·100 of a short decimal may gain float noise (0.07·100); the
	 * engine's own rounding to at most 4 places removes it */
	if (strlen(n.data) > 8) {
		buf_reset(&n);
		numfmt_ld(&n, (long double)(ratio ? v * 100 : v), 4);
		while (n.len && strchr(n.data, '.') && (n.data[n.len - 1] == '0' || n.data[n.len - 1] == '.')) {
			int dot = n.data[n.len - 1] == '.';
			n.data[--n.len] = 0;
			if (dot)
				break;
		}
	}
	grouped(out, n.data);
	if (ratio)
		buf_addc(out, '%');
	buf_release(&n);
}

void units_scoring_words(struct buf *out, enum lang lang, const struct scoring *s, int ratio)
{
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	if (s->fn == SCORING_LINEAR) {
		parameter(&a, s->zero, ratio);
		parameter(&b, s->full, ratio);
		const char *args[] = { a.data, b.data };
		i18n_add(out, lang, "unit.scoring_linear", args, 2);
		goto out;
	}
	for (size_t i = 0; i < s->n_bands; i++) {
		buf_reset(&a);
		buf_reset(&b);
		parameter(&a, s->bands[i].threshold, ratio);
		parameter(&b, s->bands[i].score, 0);
		const char *args[] = { a.data, b.data };
		if (i)
			buf_adds(out, "; ");
		i18n_add(out, lang, s->lower_is_better ? "unit.scoring_band_at_most"
			 : "unit.scoring_band_at_least", args, 2);
	}
	parameter(&c, s->otherwise, 0);
	{
		const char *args[] = { c.data };
		if (s->n_bands)
			buf_adds(out, "; ");
		i18n_add(out, lang, "unit.scoring_otherwise", args, 1);
	}
out:
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}
