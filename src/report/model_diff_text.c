/* SPDX-License-Identifier: MIT */
/* Model differences in words (model_diff_text.h): each change's catalog
 * line, its values rendered at this edge so the engine stays free of
 * language. */
#include "report/model_diff_text.h"

#include "report/units.h"

#include <string.h>

/* A scoring function for the reader: words with the formula beside, or
 * the formula alone. */
static void scoring(struct buf *out, const struct scoring *s, int ratio, enum lang lang,
		    enum diff_style style)
{
	if (style == DIFF_WORDS) {
		units_scoring_words(out, lang, s, ratio);
		buf_adds(out, " (");
	}
	model_scoring_text(s, out);
	if (style == DIFF_WORDS)
		buf_addc(out, ')');
}

static void number(struct buf *out, double v, enum model_change_unit unit, enum diff_style style)
{
	if (style == DIFF_WORDS)
		units_parameter(out, v, unit == MODEL_UNIT_RATIO);
	else
		numfmt_double(out, v);
}

/* A text argument as the reader sees it: an enum value's label, a note
 * Tandem wrote in the reader's language, else the text itself. */
static void text_arg(struct buf *out, const struct model_change *c, const char *arg, enum lang lang,
		     enum diff_style style)
{
	if (style != DIFF_WORDS) {
		buf_adds(out, arg);
		return;
	}
	if (c->labels) {
		buf_adds(out, i18n_named(lang, c->labels, arg));
		return;
	}
	if (lang != LANG_KO) {
		buf_adds(out, arg);
		return;
	}
	if (!strcmp(c->key, "diff.description") && *arg) {
		struct buf note = BUF_INIT;
		size_t n;
		const char *key = i18n_translate(lang, arg, &note, NULL, &n);
		buf_adds(out, key && !strncmp(key, "note.", 5) ? note.data : arg);
		buf_release(&note);
		return;
	}
	buf_adds(out, arg);
}

void report_model_changes(const struct model_changes *d, enum lang lang, enum diff_style style,
			  struct buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct model_change *c = &d->v[i];
		struct buf parts[7];
		const char *args[7];
		size_t n = 0;
		for (size_t k = 0; k < c->n_args; k++, n++) {
			buf_init(&parts[n]);
			text_arg(&parts[n], c, c->args[k], lang, style);
		}
		if (c->what == MODEL_CHANGE_NUMBER) {
			buf_init(&parts[n]);
			number(&parts[n++], c->before, c->unit, style);
			buf_init(&parts[n]);
			number(&parts[n++], c->after, c->unit, style);
		} else if (c->what == MODEL_CHANGE_SCORING) {
			if (c->scoring_before) {
				buf_init(&parts[n]);
				scoring(&parts[n++], c->scoring_before, c->ratio, lang, style);
			}
			buf_init(&parts[n]);
			scoring(&parts[n++], c->scoring_after, c->ratio, lang, style);
		}
		for (size_t k = 0; k < n; k++)
			args[k] = parts[k].data;
		i18n_add(out, lang, c->key, args, n);
		buf_addc(out, '\n');
		for (size_t k = 0; k < n; k++)
			buf_release(&parts[k]);
	}
}

int report_model_diff(const struct model *a, const struct model *b, enum lang lang,
		      enum diff_style style, struct buf *out)
{
	struct model_changes d = MODEL_CHANGES_INIT;
	int n = model_diff_changes(a, b, &d);
	report_model_changes(&d, lang, style, out);
	model_changes_release(&d);
	return n;
}
