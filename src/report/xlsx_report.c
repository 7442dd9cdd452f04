/* SPDX-License-Identifier: MIT */
/* The XLSX report of xlsx_report.h. Numbers are the values numfmt rounds
 * (numfmt_round), written as numbers so that a reader can sort and sum;
 * n/a is an empty cell. One function per sheet. */
#include "report/xlsx_report.h"

#include "engine/numfmt.h"
#include "report/score_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct xfmt {
	lxw_format *header, *score, *ratio, *pct, *grade[5], *bold;
};

static void header_row(lxw_worksheet *ws, const char *const *names, size_t n, const struct xfmt *f)
{
	for (size_t i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, names[i], f->header);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, i < 3 ? 16 : 11, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

static void finish(lxw_worksheet *ws, lxw_row_t rows, size_t cols)
{
	worksheet_autofilter(ws, 0, 0, rows ? rows - 1 : 0, (lxw_col_t)(cols - 1));
}

static void num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int available, long double v,
		int decimals, lxw_format *fmt)
{
	if (available)
		worksheet_write_number(ws, r, c, (double)numfmt_round(v, decimals), fmt);
}

static void grade_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct model *m,
		       const struct score_group *g, const struct xfmt *f)
{
	const char *grade;
	size_t i;
	if (!g->available)
		return;
	grade = model_grade(m, numfmt_round(g->score, 2));
	for (i = 0; i < m->n_grades && m->grades[i].grade != grade; i++)
		;
	worksheet_write_string(ws, r, c, grade, f->grade[i > 4 ? 4 : i]);
}

static const char *agg_name(const struct scores *s, const struct score_aggregate *ag)
{
	if (ag->kind == SUBJECT_PERSON && ag->index >= 0)
		return s->ds->people[ag->index].name;
	if (ag->kind == SUBJECT_ORG_UNIT && ag->index >= 0)
		return s->ds->units[ag->index].name;
	return ag->id;
}

/* The group columns shared by every level: total, grade, coverage and the
 * category scores, from column c on. */
static void group_cells(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct model *m,
			const struct score_group *total, const struct score_group *cats,
			size_t n_cats, const struct xfmt *f)
{
	num(ws, r, c, total->available, total->score, 2, f->score);
	grade_cell(ws, r, c + 1, m, total, f);
	worksheet_write_number(ws, r, c + 2, (double)numfmt_round(score_coverage(total), 4), f->pct);
	for (size_t k = 0; k < n_cats; k++)
		num(ws, r, c + 4 + (lxw_col_t)k, cats[k].available, cats[k].score, 2, f->score);
}

/* The headers of the three category columns: "S1/O1", "S2/O2", "S3/O3"
 * (the sales and operations categories sharing a column). */
static void category_columns(const struct model *m, char names[3][32])
{
	for (size_t k = 0; k < 3; k++)
		snprintf(names[k], sizeof names[k], "%s/%s",
			 k < m->orgs[0].n_categories ? m->orgs[0].categories[k].id : "",
			 k < m->orgs[1].n_categories ? m->orgs[1].categories[k].id : "");
}

static void level_sheet(lxw_workbook *wb, const struct report_input *in, enum subject_kind kind,
			const char *name, const struct xfmt *f)
{
	const struct scores *s = in->scores;
	const struct model *m = s->model;
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	char cat_names[3][32];
	const char *names[] = { "id", i18n(in->lang, "xlsx.name"), i18n(in->lang, "xlsx.org"),
				i18n(in->lang, "xlsx.total"), i18n(in->lang, "xlsx.grade"),
				i18n(in->lang, "xlsx.coverage"), i18n(in->lang, "xlsx.subjects"),
				cat_names[0], cat_names[1], cat_names[2] };
	lxw_row_t r = 1;
	category_columns(m, cat_names);
	header_row(ws, names, 10, f);
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->kind != kind || !report_shows_aggregate(in, ag))
			continue;
		if (in->subject_kind && strcmp(in->subject_kind, score_subject_kind_id(kind)))
			continue;
		worksheet_write_string(ws, r, 0, ag->id, NULL);
		worksheet_write_string(ws, r, 1, agg_name(s, ag), NULL);
		worksheet_write_string(ws, r, 2, model_name_text(&m->orgs[ag->org].name, in->lang == LANG_KO), NULL);
		group_cells(ws, r, 3, m, &ag->total, ag->categories,
			    ag->n_categories < 3 ? ag->n_categories : 3, f);
		worksheet_write_number(ws, r, 6, (double)ag->n_subjects, NULL);
		r++;
	}
	finish(ws, r, 10);
}

static void contracts_sheet(lxw_workbook *wb, const struct report_input *in, const struct xfmt *f)
{
	const struct scores *s = in->scores;
	const struct model *m = s->model;
	const struct dataset *ds = s->ds;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "contracts");
	char cat_names[3][32];
	const char *names[] = { "id", i18n(in->lang, "xlsx.client"), i18n(in->lang, "xlsx.org"),
				i18n(in->lang, "xlsx.total"), i18n(in->lang, "xlsx.grade"),
				i18n(in->lang, "xlsx.coverage"), i18n(in->lang, "xlsx.owner"),
				cat_names[0], cat_names[1], cat_names[2], i18n(in->lang, "xlsx.annual_value") };
	lxw_row_t r = 1;
	category_columns(m, cat_names);
	header_row(ws, names, 11, f);
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		const struct contract *ct = &ds->contracts[set->contract];
		int owner = set->org == ORG_SALES ? ct->sales_owner : ct->ops_owner;
		if (!report_shows_set(in, set))
			continue;
		worksheet_write_string(ws, r, 0, ct->id, NULL);
		worksheet_write_string(ws, r, 1, ds->clients[ct->client].name, NULL);
		worksheet_write_string(ws, r, 2, model_name_text(&m->orgs[set->org].name, in->lang == LANG_KO), NULL);
		group_cells(ws, r, 3, m, &set->total, set->categories,
			    set->n_categories < 3 ? set->n_categories : 3, f);
		if (owner != NO_INDEX)
			worksheet_write_string(ws, r, 6, ds->people[owner].name, NULL);
		worksheet_write_number(ws, r, 10, (double)ct->annual_value / 1e6, NULL);
		r++;
	}
	finish(ws, r, 11);
}

/* The SPEC §5 rows of the contracts: criterion, value, score, weight, coverage. */
static void criteria_sheet(lxw_workbook *wb, const struct report_input *in, const struct xfmt *f)
{
	const struct scores *s = in->scores;
	struct score_row *rows;
	size_t n;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "criteria");
	const char *names[] = { "subject_kind", "subject_id", "org", "criterion",
				i18n(in->lang, "xlsx.name"), "value", "score", "weight", "coverage" };
	lxw_row_t r = 1;
	header_row(ws, names, 9, f);
	score_rows_build(s, &rows, &n);
	for (size_t i = 0; i < n; i++) {
		const struct score_row *row = &rows[i];
		if (row->set ? !report_shows_set(in, row->set) : !report_shows_aggregate(in, row->aggregate))
			continue;
		worksheet_write_string(ws, r, 0, score_subject_kind_id(row->kind), NULL);
		worksheet_write_string(ws, r, 1, row->subject_id, NULL);
		worksheet_write_string(ws, r, 2, score_org_id(row->org), NULL);
		worksheet_write_string(ws, r, 3, row->criterion, NULL);
		if (row->crit)
			worksheet_write_string(ws, r, 4, model_name_text(&row->crit->model->name,
									  in->lang == LANG_KO), NULL);
		/* The printed texts of score_rows (numfmt), as numbers. */
		if (*row->value)
			worksheet_write_number(ws, r, 5, strtod(row->value, NULL), f->ratio);
		if (*row->score)
			worksheet_write_number(ws, r, 6, strtod(row->score, NULL), f->score);
		if (*row->weight)
			worksheet_write_number(ws, r, 7, strtod(row->weight, NULL), NULL);
		if (*row->coverage)
			worksheet_write_number(ws, r, 8, strtod(row->coverage, NULL), f->pct);
		r++;
	}
	xfree(rows);
	finish(ws, r, 9);
}

/* Evidence: SLA metric-months behind S2.1/S3.1/S3.2 of every sales contract. */
static void sla_sheet(lxw_workbook *wb, const struct report_input *in, const struct xfmt *f)
{
	const struct scores *s = in->scores;
	const struct dataset *ds = s->ds;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "sla_months");
	const char *names[] = { "contract_id", "metric", i18n(in->lang, "xlsx.month_index"),
				i18n(in->lang, "xlsx.month"), "numerator", "denominator", "value",
				"target", i18n(in->lang, "xlsx.met"), i18n(in->lang, "xlsx.compliant") };
	lxw_row_t r = 1;
	header_row(ws, names, 10, f);
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		const struct month_table *t = NULL;
		struct report_input any_org = *in;
		any_org.org = -1;
		if (set->org != ORG_SALES || !report_shows_set(&any_org, set))
			continue;
		for (size_t c = 0; c < set->n_criteria; c++)
			if (set->criteria[c].def && set->criteria[c].def->code == CRIT_S3_1)
				t = &set->criteria[c].months;
		if (!t || t->last < t->first)
			continue;
		for (int mth = t->first; mth <= t->last; mth++) {
			size_t col = (size_t)(mth - t->first);
			char month[8];
			month_format(t->go_live_month + mth - 1, month);
			for (size_t k = 0; k < t->n_metrics; k++) {
				const struct month_cell *mc = &t->cells[col * t->n_metrics + k];
				if (r >= LXW_ROW_MAX)
					break;
				worksheet_write_string(ws, r, 0, score_set_id(s, set), NULL);
				worksheet_write_string(ws, r, 1, ds->sla_metrics[t->metrics[k]].metric, NULL);
				worksheet_write_number(ws, r, 2, mth, NULL);
				worksheet_write_string(ws, r, 3, month, NULL);
				if (mc->rows) {
					worksheet_write_number(ws, r, 4, (double)mc->num / 1e6, NULL);
					worksheet_write_number(ws, r, 5, (double)mc->den / 1e6, NULL);
				}
				if (mc->has_data) {
					worksheet_write_number(ws, r, 6,
							       (double)numfmt_round((long double)mc->num / (long double)mc->den, 4),
							       f->ratio);
					worksheet_write_string(ws, r, 8, mc->met ? "1" : "0", NULL);
				}
				worksheet_write_number(ws, r, 7, (double)mc->target / 1e6, NULL);
				worksheet_write_string(ws, r, 9, t->compliant[col] ? "1" : "0", NULL);
				r++;
			}
		}
	}
	finish(ws, r, 10);
}

/* A short key of the record behind an evidence row: its date, item or id. */
static void record_key(const struct dataset *ds, const struct evidence_row *ev, struct buf *out)
{
	char d[11], m[8];
	switch (ev->kind) {
	case EV_READINESS: buf_adds(out, ds->readiness[ev->index].item); break;
	case EV_HANDOVER: buf_adds(out, ds->handover[ev->index].item); break;
	case EV_MANUAL_RATING: date_format(ds->manual_ratings[ev->index].rated_on, d); buf_adds(out, d); break;
	case EV_SCOPE_CHANGE: date_format(ds->scope_changes[ev->index].date, d); buf_adds(out, d); break;
	case EV_FINANCIAL: month_format(ds->financials[ev->index].month, m); buf_adds(out, m); break;
	case EV_EXPANSION: date_format(ds->expansions[ev->index].date, d); buf_adds(out, d); break;
	case EV_CHILD_CONTRACT: buf_adds(out, ds->contracts[ev->index].id); break;
	case EV_RENEWAL: date_format(ds->renewals[ev->index].due_on, d); buf_adds(out, d); break;
	case EV_RELATIONSHIP_RATING: date_format(ds->relationship_ratings[ev->index].date, d); buf_adds(out, d); break;
	case EV_PROPOSAL: buf_adds(out, ds->proposals[ev->index].id); break;
	case EV_REFERENCE: date_format(ds->references[ev->index].date, d); buf_adds(out, d); break;
	case EV_INNOVATION: buf_adds(out, ds->innovations[ev->index].title); break;
	}
}

static void evidence_sheet(lxw_workbook *wb, const struct report_input *in, const struct xfmt *f)
{
	static const char *const status_names[] = { "term.counted", "term.not_counted", "term.excluded" };
	const struct scores *s = in->scores;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "evidence");
	const char *names[] = { "contract_id", "org", "criterion", i18n(in->lang, "xlsx.record_kind"),
				i18n(in->lang, "xlsx.record"), i18n(in->lang, "xlsx.status"),
				i18n(in->lang, "xlsx.reason"), i18n(in->lang, "xlsx.amount") };
	struct buf key = BUF_INIT;
	lxw_row_t r = 1;
	header_row(ws, names, 8, f);
	for (size_t i = 0; i < s->n_sets; i++) {
		const struct score_set *set = &s->sets[i];
		if (!report_shows_set(in, set))
			continue;
		for (size_t c = 0; c < set->n_criteria; c++) {
			const struct score_criterion *sc = &set->criteria[c];
			for (size_t e = 0; e < sc->n_rows && r < LXW_ROW_MAX; e++) {
				const struct evidence_row *ev = &sc->rows[e];
				buf_reset(&key);
				record_key(s->ds, ev, &key);
				worksheet_write_string(ws, r, 0, score_set_id(s, set), NULL);
				worksheet_write_string(ws, r, 1, score_org_id(set->org), NULL);
				worksheet_write_string(ws, r, 2, sc->model->id, NULL);
				worksheet_write_string(ws, r, 3, score_evidence_kinds[ev->kind], NULL);
				worksheet_write_string(ws, r, 4, key.data, NULL);
				worksheet_write_string(ws, r, 5, i18n(in->lang, status_names[ev->status]), NULL);
				if (ev->reason)
					worksheet_write_string(ws, r, 6, i18n_named(in->lang, "reason.", ev->reason), NULL);
				if (ev->status == EVS_COUNTED)
					worksheet_write_number(ws, r, 7, (double)numfmt_round(ev->amount, 4), NULL);
				r++;
			}
		}
	}
	buf_release(&key);
	finish(ws, r, 8);
	(void)f;
}

/* Money at risk (issue 20): the rows of `tandem credits --format csv`, as
 * numbers; empty without SLA terms. */
static void credits_sheet(lxw_workbook *wb, const struct report_input *in, const struct xfmt *f)
{
	static const char *const names[] = { "contract_id", "metric", "month", "value", "minimum",
					     "expected", "credit_owed", "credit_waived",
					     "credit_pending" };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "credits");
	const struct credits *c = in->credits;
	lxw_row_t r = 1;
	header_row(ws, names, 9, f);
	for (size_t i = 0; c && i < c->n_rows; i++) {
		const struct credit_row *row = &c->rows[i];
		const struct sla_term *t = &c->ds->sla_terms[row->term];
		const struct metric_month *mm = &c->ds->metric_months[row->metric_month];
		char month[8];
		if (month_year(row->month) != in->scores->year ||
		    (in->subject_kind && !strcmp(in->subject_kind, "contract") &&
		     strcmp(c->ds->contracts[row->contract].id, in->subject_id)))
			continue;
		month_format(row->month, month);
		worksheet_write_string(ws, r, 0, c->ds->contracts[row->contract].id, NULL);
		worksheet_write_string(ws, r, 1, c->ds->sla_metrics[t->sla_metric].metric, NULL);
		worksheet_write_string(ws, r, 2, month, NULL);
		worksheet_write_number(ws, r, 3, (double)numfmt_round((long double)mm->sum_numerator /
								     mm->sum_denominator, 4), f->ratio);
		worksheet_write_number(ws, r, 4, (double)t->minimum / 1e6, NULL);
		worksheet_write_number(ws, r, 5, (double)t->expected / 1e6, NULL);
		for (enum credit_state st = CREDIT_OWED; st <= CREDIT_PENDING; st++)
			worksheet_write_number(ws, r, 6 + (lxw_col_t)(st - CREDIT_OWED),
					       row->state == st ? (double)credits_cents(row->credit) / 100 : 0,
					       f->score);
		r++;
	}
	finish(ws, r, 9);
}

lxw_workbook *report_xlsx_open(const char *path, int constant_memory, lxw_format **header,
			       struct buf *err)
{
	lxw_workbook_options opt = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);

	if (!wb) {
		buf_addf(err, "cannot create '%s'", path);
		return NULL;
	}
	*header = workbook_add_format(wb);
	format_set_bold(*header);
	format_set_bg_color(*header, 0xDCE6F1);
	format_set_bottom(*header, LXW_BORDER_THIN);
	return wb;
}

int report_xlsx(const struct report_input *in, const char *path, struct buf *err)
{
	static const unsigned grade_fill[5] = { 0x1B5E20, 0x2E7D32, 0x1565C0, 0xB26A00, 0xB3261E };
	struct xfmt f;
	lxw_workbook *wb = report_xlsx_open(path, 0, &f.header, err);
	lxw_error lerr;
	if (!wb)
		return -1;
	f.score = workbook_add_format(wb);
	format_set_num_format(f.score, "0.00");
	f.ratio = workbook_add_format(wb);
	format_set_num_format(f.ratio, "0.0000");
	f.pct = workbook_add_format(wb);
	format_set_num_format(f.pct, "0%");
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	for (int i = 0; i < 5; i++) {
		f.grade[i] = workbook_add_format(wb);
		format_set_bold(f.grade[i]);
		format_set_font_color(f.grade[i], LXW_COLOR_WHITE);
		format_set_bg_color(f.grade[i], grade_fill[i]);
		format_set_align(f.grade[i], LXW_ALIGN_CENTER);
	}
	level_sheet(wb, in, SUBJECT_COMPANY, "company", &f);
	level_sheet(wb, in, SUBJECT_ORG_UNIT, "org_units", &f);
	level_sheet(wb, in, SUBJECT_PERSON, "people", &f);
	contracts_sheet(wb, in, &f);
	criteria_sheet(wb, in, &f);
	sla_sheet(wb, in, &f);
	evidence_sheet(wb, in, &f);
	credits_sheet(wb, in, &f);
	lerr = workbook_close(wb);
	if (lerr != LXW_NO_ERROR) {
		buf_addf(err, "cannot write '%s': %s", path, lxw_strerror(lerr));
		return -1;
	}
	return 0;
}
