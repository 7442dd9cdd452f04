/* SPDX-License-Identifier: MIT */
/* What-if as text and CSV. Appends to the caller's buffer. */
#include "report/whatif_text.h"

#include <string.h>

#include "engine/numfmt.h"

/* A signed delta: "+2.90", "-1.20", "0.00". */
static void put_delta(struct buf *out, long double d)
{
	size_t at = out->len;
	numfmt_ld(out, d, 2);
	if (out->data[at] != '-' && numfmt_round(d, 2) != 0) {
		buf_addc(out, ' ');
		memmove(out->data + at + 1, out->data + at, out->len - at - 1);
		out->data[at] = '+';
	}
}

static void put_total(struct buf *out, int available, long double v, const char *grade,
		      enum lang lang)
{
	if (!available) {
		buf_adds(out, i18n(lang, "term.na"));
		return;
	}
	numfmt_ld(out, v, 2);
	buf_addf(out, " %s", grade);
}

void report_whatif_text(const struct whatif *w, enum lang lang, struct buf *out)
{
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct whatif_row *r = &w->rows[i];
		if (r->kind == SUBJECT_COMPANY)
			buf_addf(out, "%s (%s): ", i18n(lang, "term.company"), i18n_named(lang, "term.", score_org_id(r->org)));
		else
			buf_addf(out, "%s %s (%s): ", i18n_named(lang, "term.", score_subject_kind_id(r->kind)),
				 r->id, i18n_named(lang, "term.", score_org_id(r->org)));
		put_total(out, r->old_available, r->old_total, r->old_grade, lang);
		buf_adds(out, " → ");
		put_total(out, r->new_available, r->new_total, r->new_grade, lang);
		if (r->old_available && r->new_available) {
			buf_adds(out, " (");
			put_delta(out, r->delta);
			buf_addc(out, ')');
		}
		for (size_t k = 0; k < r->n_movers && k < 3; k++) {
			buf_addf(out, "%s%s ", k ? ", " : "; ", r->movers[k].category);
			put_delta(out, r->movers[k].delta);
		}
		buf_addc(out, '\n');
	}
}

void report_whatif_csv(const struct whatif *w, struct buf *out)
{
	buf_adds(out, "subject_kind,subject_id,org,old_total,new_total,delta,old_grade,new_grade,movers\n");
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct whatif_row *r = &w->rows[i];
		buf_addf(out, "%s,%s,%s,", score_subject_kind_id(r->kind), r->id, score_org_id(r->org));
		if (r->old_available)
			numfmt_ld(out, r->old_total, 2);
		buf_addc(out, ',');
		if (r->new_available)
			numfmt_ld(out, r->new_total, 2);
		buf_addc(out, ',');
		if (r->old_available && r->new_available)
			put_delta(out, r->delta);
		buf_addf(out, ",%s,%s,", r->old_grade ? r->old_grade : "",
			 r->new_grade ? r->new_grade : "");
		for (size_t k = 0; k < r->n_movers; k++) {
			buf_addf(out, "%s%s:", k ? ";" : "", r->movers[k].category);
			put_delta(out, r->movers[k].delta);
		}
		buf_addc(out, '\n');
	}
}
