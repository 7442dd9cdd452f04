/* SPDX-License-Identifier: MIT */
/* Values with their units, the way a reader of each language expects them:
 * money in won (Korean: "1,234억 5,000만 원"; English: "₩123,450,000,000"),
 * percentages ("40.0%"), differences in percentage points ("+3.5%p"), days
 * and months, and a scoring function in words instead of
 * "linear(0.5, 1)". One module, so a page, a report and a table print a
 * value the same way. Everything appends plain text to a caller's buffer
 * (the caller escapes it for HTML). */
#ifndef TANDEM_UNITS_H
#define TANDEM_UNITS_H

#include <stdint.h>

#include "base/buf.h"
#include "engine/numfmt.h"
#include "report/i18n.h"

struct scoring;

/* An amount of won given in micro-units (domain/decimal.h), rounded half
 * away from zero to whole won. Korean groups by 조/억/만 and ends in 원;
 * English prints ₩ and thousands separators. */
void units_won(struct buf *out, enum lang lang, wide_t micro);
/* ratio × 100 with decimals places and "%" ("0.4" → "40.0%"). */
void units_percent(struct buf *out, long double ratio, int decimals);
/* A difference of two ratios in percentage points, signed ("+3.5%p",
 * "-0.8%p", "0.0%p"). */
void units_points(struct buf *out, long double ratio_difference, int decimals);
/* A count of days or months with its unit ("12일" / "12 days", "1 month"). */
void units_days(struct buf *out, enum lang lang, long double days, int decimals);
void units_months(struct buf *out, enum lang lang, long double months, int decimals);
/* A value of an SLA metric in the metric's unit (sla_metrics.csv): a
 * ratio ("ratio" or "%") as a percentage with one decimal ("62.5%"), any
 * other unit as the number rounded to two decimals (trailing zeros cut)
 * and the unit's name in the catalog (metric_unit.sec → "311.47초" /
 * "311.47 s"; Korean puts its own unit against the number), or the unit
 * as written, after a space, when the catalog lacks it. */
void units_metric_value(struct buf *out, enum lang lang, const char *unit, long double v);
/* Whether unit is a ratio shown as a percentage. */
int units_metric_is_ratio(const char *unit);
/* An integer with thousands separators ("76809" → "76,809"). */
void units_count(struct buf *out, long long n);
/* A model parameter as written in the model ("0.035"), or for a ratio the
 * same digits as a percentage ("3.5%"), exactly, with no float noise. */
void units_parameter(struct buf *out, double v, int ratio);
/* How a scoring function turns a value into points, in words (the one
 * place: report_scoring_words() is this with plain numbers): linear(0.5,
 * 1) of a ratio → "0 points at 50% or less, 100 at 100% or more, in
 * proportion between"; bands → each threshold and its score. ratio says
 * the values are ratios (shown as %), else plain numbers. */
void units_scoring_words(struct buf *out, enum lang lang, const struct scoring *s, int ratio);

#endif
