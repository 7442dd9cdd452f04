/* SPDX-License-Identifier: MIT */
/* The differences between two models (engine model_diff_changes()) as lines
 * of text in the reader's language: scoring functions in words with the
 * formula beside, ratios as percentages. Appends to a caller's buffer. */
#ifndef TANDEM_MODEL_DIFF_TEXT_H
#define TANDEM_MODEL_DIFF_TEXT_H

#include "base/buf.h"
#include "engine/model.h"
#include "report/i18n.h"

enum diff_style {
	/* The stable form scripts read (the API's "changes", the audit):
	 * English numbers as written and scoring as "linear(0.6, 0.95)". */
	DIFF_FORMULAS,
	/* For people: scoring in words with the formula in parentheses,
	 * ratios as percentages, enum values and notes in the language. */
	DIFF_WORDS,
};

/* Appends one line per change, each ending in '\n'. */
void report_model_changes(const struct model_changes *d, enum lang lang, enum diff_style style,
			  struct buf *out);
/* model_diff_changes(a, b) then report_model_changes(); returns the number
 * of lines (0 = the same model). */
int report_model_diff(const struct model *a, const struct model *b, enum lang lang,
		      enum diff_style style, struct buf *out);

#endif
