/* SPDX-License-Identifier: MIT */
/* The text scorecard: company, then org units, then people, each with its
 * total, grade and coverage per organization and its category scores.
 * Appends to the caller's buffer. */
#include "report/scores_text.h"

#include <string.h>

#include "engine/numfmt.h"

static void put_score(struct buf *out, const struct score_group *g, enum lang lang)
{
	if (g->available)
		numfmt_ld(out, g->score, 2);
	else
		buf_adds(out, i18n(lang, "term.na"));
}

static void put_percent(struct buf *out, const struct score_group *g)
{
	numfmt_ld(out, 100 * score_coverage(g), 2);
	buf_addc(out, '%');
}

static void put_aggregate(const struct scores *s, const struct score_aggregate *ag,
			  enum lang lang, struct buf *out)
{
	const struct model_org *mo = &s->model->orgs[ag->org];
	int ko = lang == LANG_KO;

	buf_addf(out, "  %s: ", model_name_text(&mo->name, ko));
	put_score(out, &ag->total, lang);
	if (ag->total.available)
		buf_addf(out, " (%s %s)", i18n(lang, "term.grade"),
			 model_grade(s->model, numfmt_round(ag->total.score, 2)));
	buf_addf(out, ", %s ", i18n(lang, "term.coverage"));
	put_percent(out, &ag->total);
	buf_addf(out, ", %s %zu\n", i18n(lang, "term.subjects"), ag->n_subjects);
	for (size_t c = 0; c < mo->n_categories; c++) {
		const struct model_category *cat = &mo->categories[c];
		buf_addf(out, "    %s %s: ", cat->id, model_name_text(&cat->name, ko));
		put_score(out, &ag->categories[c], lang);
		buf_addf(out, " (%s ", i18n(lang, "term.weight"));
		numfmt_double(out, cat->weight);
		buf_addf(out, ", %s ", i18n(lang, "term.coverage"));
		put_percent(out, &ag->categories[c]);
		buf_adds(out, ")\n");
	}
}

static const char *subject_name(const struct scores *s, const struct score_aggregate *ag)
{
	if (ag->kind == SUBJECT_PERSON)
		return s->ds->people[ag->index].name;
	if (ag->kind == SUBJECT_ORG_UNIT)
		return s->ds->units[ag->index].name;
	return NULL;
}

static void put_section(const struct scores *s, enum subject_kind kind, const char *title,
			enum lang lang, struct buf *out)
{
	const char *last = NULL;
	buf_addf(out, "\n%s\n", i18n(lang, title));
	for (size_t i = 0; i < s->n_aggregates; i++) {
		const struct score_aggregate *ag = &s->aggregates[i];
		if (ag->kind != kind)
			continue;
		if (!last || last != ag->id) {
			const char *name = subject_name(s, ag);
			if (name && *name && strcmp(name, ag->id))
				buf_addf(out, "%s %s\n", ag->id, name);
			else if (kind != SUBJECT_COMPANY)
				buf_addf(out, "%s\n", ag->id);
			last = ag->id;
		}
		put_aggregate(s, ag, lang, out);
	}
}

/* "  Sales: people S 1, A 2, …, n/a 0; org units S 0, …" per organization. */
static void put_grade_distribution(const struct scores *s, enum lang lang, struct buf *out)
{
	const struct model *m = s->model;
	size_t *counts = xcalloc(m->n_grades + 1, sizeof *counts);
	static const enum subject_kind kinds[] = { SUBJECT_PERSON, SUBJECT_ORG_UNIT };
	static const char *const labels[] = { "report.dist_people", "report.dist_units" };

	buf_addf(out, "\n%s\n", i18n(lang, "report.grade_distribution"));
	for (int org = 0; org < 2; org++) {
		buf_addf(out, "  %s:", model_name_text(&m->orgs[org].name, lang == LANG_KO));
		for (int k = 0; k < 2; k++) {
			score_grade_counts(s, (enum org_kind)org, kinds[k], counts);
			buf_addf(out, "%s %s", k ? ";" : "", i18n(lang, labels[k]));
			for (size_t g = 0; g <= m->n_grades; g++)
				buf_addf(out, "%s %s %zu", g ? "," : "",
					 g < m->n_grades ? m->grades[g].grade : i18n(lang, "term.na"), counts[g]);
		}
		buf_addc(out, '\n');
	}
	xfree(counts);
}

/* The operations contracts not judged this year (SPEC §5 "Maturity"):
 * listed, never shown as a score. Nothing when the model judges every
 * contract. */
static void put_too_early(const struct scores *s, enum lang lang, struct buf *out)
{
	const struct dataset *ds = s->ds;
	if (!s->model->operations_min_months)
		return;
	buf_addf(out, "\n%s: %zu (%s %d)\n", i18n(lang, "report.too_early"), s->n_too_early,
		 i18n(lang, "report.too_early_help"), s->model->operations_min_months);
	for (size_t i = 0; i < s->n_too_early; i++) {
		const struct contract *k = &ds->contracts[s->too_early[i].contract];
		char day[11];
		date_format(k->go_live_on, day);
		buf_addf(out, "  %s %s: %s %s, %s %d", k->id, ds->clients[k->client].name,
			 i18n(lang, "report.too_early_went_live"), day, i18n(lang, "report.too_early_months"),
			 s->too_early[i].months);
		if (k->ops_owner >= 0)
			buf_addf(out, ", %s %s", i18n(lang, "report.too_early_owner"), ds->people[k->ops_owner].id);
		buf_addc(out, '\n');
	}
}

void report_scores_text(const struct scores *s, enum lang lang, struct buf *out)
{
	char from[11], to[11];
	date_format(s->first_day, from);
	date_format(s->last_day, to);
	buf_addf(out, "Tandem %s %d (%s .. %s), model %s\n", i18n(lang, "term.scorecard"),
		 s->year, from, to, s->model->name);
	put_section(s, SUBJECT_COMPANY, "term.company", lang, out);
	put_grade_distribution(s, lang, out);
	put_too_early(s, lang, out);
	put_section(s, SUBJECT_ORG_UNIT, "term.org_units", lang, out);
	put_section(s, SUBJECT_PERSON, "term.people", lang, out);
}
