/* SPDX-License-Identifier: MIT */
/* What-if as text and CSV. Appends to the caller's buffer. */
#include "report/whatif_text.h"

#include "io/csv.h"

#include <string.h>

#include "engine/numfmt.h"
#include "io/jsonw.h"

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

void report_hundredths(struct buf *out, long h)
{
	unsigned long a = h < 0 ? 0UL - (unsigned long)h : (unsigned long)h;
	buf_addf(out, "%s%lu.%02lu", h < 0 ? "-" : h > 0 ? "+" : "", a / 100, a % 100);
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
			for (size_t k = 0; k < r->n_contributions; k++) {
				buf_addf(out, " %s %s ", k ? "+" : "=", r->contributions[k].category);
				report_hundredths(out, r->contributions[k].shown_delta);
			}
			buf_addc(out, ')');
		}
		buf_addc(out, '\n');
	}
	buf_addf(out, "\n%s\n", i18n(lang, "report.grade_distribution_whatif"));
	for (int i = 0; i < 4; i++) {
		const struct whatif_grades *g = &w->grades[i];
		if (i % 2 == 0)
			buf_addf(out, "  %s:", i18n_named(lang, "term.", score_org_id(g->org)));
		buf_addf(out, "%s %s", i % 2 ? ";" : "",
			 i18n(lang, g->kind == SUBJECT_PERSON ? "report.dist_people" : "report.dist_units"));
		for (size_t k = 0; k < g->n; k++)
			buf_addf(out, "%s %s %zu → %zu", k ? "," : "",
				 g->grade[k] ? g->grade[k] : i18n(lang, "term.na"), g->before[k], g->after[k]);
		if (i % 2)
			buf_addc(out, '\n');
	}
}

void report_whatif_csv(const struct whatif *w, struct buf *out)
{
	buf_adds(out, "subject_kind,subject_id,org,old_total,new_total,delta,old_grade,new_grade,movers,"
		 "contributions\n");
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct whatif_row *r = &w->rows[i];
		buf_addf(out, "%s,", score_subject_kind_id(r->kind));
		csv_write_text_cell(out, r->id, strlen(r->id));
		buf_addf(out, ",%s,", score_org_id(r->org));
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
		/* Category names come from an editable model: one text cell. */
		struct buf movers = BUF_INIT;
		for (size_t k = 0; k < r->n_movers; k++) {
			buf_addf(&movers, "%s%s:", k ? ";" : "", r->movers[k].category);
			put_delta(&movers, r->movers[k].delta);
		}
		csv_write_text_cell(out, movers.data, movers.len);
		buf_release(&movers);
		buf_addc(out, ',');
		struct buf contributions = BUF_INIT;
		for (size_t k = 0; k < r->n_contributions; k++) {
			buf_addf(&contributions, "%s%s:", k ? ";" : "", r->contributions[k].category);
			report_hundredths(&contributions, r->contributions[k].shown_delta);
		}
		csv_write_text_cell(out, contributions.data, contributions.len);
		buf_release(&contributions);
		buf_addc(out, '\n');
	}
}

static void json_total(struct buf *out, int available, long double v)
{
	if (available)
		numfmt_ld(out, v, 2);
	else
		buf_adds(out, "null");
}

void report_whatif_json(const struct whatif *w, const char *old_model, const char *new_model,
			struct buf *out)
{
	buf_addf(out, "{\"year\":%d,\"old_model\":", w->year);
	json_write_string_or_null(out, old_model);
	buf_adds(out, ",\"new_model\":");
	json_write_string_or_null(out, new_model);
	buf_adds(out, ",\"rows\":[");
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct whatif_row *row = &w->rows[i];
		int both = row->old_available && row->new_available;
		buf_addf(out, "%s{\"subject_kind\":\"%s\",\"subject_id\":", i ? "," : "",
			 score_subject_kind_id(row->kind));
		json_write_string_or_null(out, row->id);
		buf_addf(out, ",\"org\":\"%s\",\"old_total\":", score_org_id(row->org));
		json_total(out, row->old_available, row->old_total);
		buf_adds(out, ",\"new_total\":");
		json_total(out, row->new_available, row->new_total);
		buf_adds(out, ",\"delta\":");
		json_total(out, both, row->delta);
		buf_adds(out, ",\"old_grade\":");
		json_write_string_or_null(out, row->old_grade);
		buf_adds(out, ",\"new_grade\":");
		json_write_string_or_null(out, row->new_grade);
		buf_adds(out, ",\"movers\":[");
		for (size_t k = 0; k < row->n_movers; k++) {
			buf_addf(out, "%s{\"category\":", k ? "," : "");
			json_write_string_or_null(out, row->movers[k].category);
			buf_adds(out, ",\"delta\":");
			numfmt_ld(out, row->movers[k].delta, 2);
			buf_adds(out, "}");
		}
		buf_adds(out, "],\"contributions\":[");
		for (size_t k = 0; k < row->n_contributions; k++) {
			const struct whatif_contribution *c = &row->contributions[k];
			buf_addf(out, "%s{\"category\":", k ? "," : "");
			json_write_string_or_null(out, c->category);
			buf_adds(out, ",\"old\":");
			numfmt_ld(out, c->old_value, 2);
			buf_adds(out, ",\"new\":");
			numfmt_ld(out, c->new_value, 2);
			buf_adds(out, ",\"delta\":");
			long a = c->shown_delta < 0 ? -c->shown_delta : c->shown_delta;
			buf_addf(out, "%s%ld.%02ld}", c->shown_delta < 0 ? "-" : "", a / 100, a % 100);
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "],\"grade_distribution\":[");
	for (int i = 0; i < 4; i++) {
		const struct whatif_grades *g = &w->grades[i];
		buf_addf(out, "%s{\"org\":\"%s\",\"subject_kind\":\"%s\",\"grades\":[", i ? "," : "",
			 score_org_id(g->org), score_subject_kind_id(g->kind));
		for (size_t k = 0; k < g->n; k++) {
			buf_addf(out, "%s{\"grade\":", k ? "," : "");
			json_write_string_or_null(out, g->grade[k]);
			buf_addf(out, ",\"before\":%zu,\"after\":%zu}", g->before[k], g->after[k]);
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "]}");
}
