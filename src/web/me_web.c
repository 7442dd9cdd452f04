/* SPDX-License-Identifier: MIT */
/* My page (/me), for an account linked to a person: my scorecard of the
 * default year (my score, its categories, and for each of my contracts
 * every criterion linked to its evidence), my alerts (the contracts I own,
 * sales or operations) and the proposed changes waiting for my
 * confirmation. Each part says plainly when it has nothing to show. */
#include "web/web_impl.h"

#include "engine/model.h"
#include "engine/numfmt.h"
#include "engine/score.h"
#include "report/i18n.h"
#include "web/table.h"

#include <stdio.h>
#include <string.h>

static void say(struct request *req, struct buf *o, const char *id, const char *key,
		const char *const *args, size_t n)
{
	struct buf t = BUF_INIT;
	i18n_add(&t, i18n_lang(req->lang), key, args, n);
	html_raw(o, "<p class=\"muted\" id=\"");
	html_escape(o, id);
	html_raw(o, "\">");
	html_escape(o, t.data);
	html_raw(o, "</p>\n");
	buf_release(&t);
}

/* My contracts of one organization: total and every criterion, each a link
 * to its evidence; sortable by any of them, found by id or client. */
static void my_contracts(struct request *req, struct buf *o, const struct scored *sc,
			 const struct score_aggregate *a, const char *oid)
{
	const struct model_org *mo = &sc->model->orgs[a->org];
	int ko = !strcmp(req->lang, "ko");
	size_t n_cols = 2;
	for (size_t c = 0; c < mo->n_categories; c++)
		n_cols += mo->categories[c].n_criteria;
	struct table_column *cols = arena_alloc(&req->arena, n_cols * sizeof *cols);
	cols[0] = (struct table_column){ "contract", "alerts.contract", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
					 TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH };
	cols[1] = (struct table_column){ "total", "score.total", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO,
					 TABLE_SORTABLE, 2 };
	for (size_t c = 0, k = 2; c < mo->n_categories; c++)
		for (size_t i = 0; i < mo->categories[c].n_criteria; i++, k++) {
			const struct model_criterion *cr = &mo->categories[c].criteria[i];
			cols[k] = (struct table_column){ cr->id, NULL, cr->id, TABLE_NUMBER, TABLE_ALIGN_AUTO,
							 TABLE_SORTABLE, 2 };
			cols[k].title = model_name_text(&cr->name, ko);
		}
	struct table_row *rows = arena_alloc(&req->arena, (a->n_subjects + 1) * sizeof *rows);
	for (size_t s = 0; s < a->n_subjects; s++) {
		const struct score_set *set = &sc->scores->sets[a->subjects[s]];
		const char *cid = score_set_id(sc->scores, set);
		struct table_cell *cells = arena_alloc(&req->arena, n_cols * sizeof *cells);
		struct buf h = BUF_INIT;
		memset(cells, 0, n_cols * sizeof *cells);
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, cid);
		cells[0].text = cid;
		cells[0].href = arena_strdup(&req->arena, h.data);
		cells[0].note = sc->ds->clients[sc->ds->contracts[set->contract].client].name;
		cells[1].has_num = set->total.available;
		cells[1].num = set->total.score;
		if (set->total.available)
			cells[1].badge = model_grade(sc->model, numfmt_round(set->total.score, 2));
		for (size_t i = 0; i < set->n_criteria && 2 + i < n_cols; i++) {
			const struct score_criterion *cr = &set->criteria[i];
			struct table_cell *c = &cells[2 + i];
			buf_reset(&h);
			buf_adds(&h, "/evidence/");
			http_url_escape(&h, cid);
			buf_addf(&h, "/%s/", oid);
			http_url_escape(&h, cr->def->id);
			buf_addf(&h, "?year=%d", sc->year);
			c->href = arena_strdup(&req->arena, h.data);
			c->label = arena_printf(&req->arena, "%s %s", cid, cr->def->id);
			c->has_num = cr->available;
			c->num = cr->score;
		}
		rows[s].cells = cells;
		rows[s].id = NULL;
		buf_release(&h);
	}
	const struct table_desc t = { NULL, arena_printf(&req->arena, "my_%s", oid), cols, n_cols, 50,
				      "score.no_subjects", -1, 0, "my-contracts" };
	html_table(req, o, &t, rows, a->n_subjects);
}

/* My scorecard of one organization; 1 when I have one there. */
static int my_scorecard(struct request *req, struct buf *o, const struct scored *sc, const char *pid,
			enum org_kind org)
{
	const struct score_aggregate *a = score_find_aggregate(sc->scores, SUBJECT_PERSON, pid, org);
	const char *oid = org == ORG_SALES ? "sales" : "operations";
	const struct model_org *mo = &sc->model->orgs[org];
	int ko = !strcmp(req->lang, "ko");
	struct buf h = BUF_INIT;
	char year[8];
	if (!a || !a->n_subjects)
		return 0;                 /* no contract of mine scored there */
	snprintf(year, sizeof year, "%d", sc->year);
	html_raw(o, "<section class=\"card\" id=\"my-score-");
	html_escape(o, oid);
	html_raw(o, "\">\n<h2>");
	html_msg(o, req, "me.scorecard");
	html_raw(o, " <span class=\"subtitle small muted\">");
	html_msg(o, req, org == ORG_SALES ? "org.sales" : "org.operations");
	html_raw(o, " · ");
	html_escape(o, year);
	html_raw(o, "</span></h2>\n<div class=\"tiles\"><div class=\"tile\"><span class=\"tile-label\">");
	html_msg(o, req, "score.total");
	html_raw(o, "</span><span class=\"tile-score\" id=\"my-total-");
	html_escape(o, oid);
	html_raw(o, "\">");
	html_group_score(o, req, sc->model, &a->total);
	html_raw(o, "</span></div>\n");
	for (size_t c = 0; c < a->n_categories && c < mo->n_categories; c++) {
		html_raw(o, "<div class=\"tile\"><span class=\"tile-label\">");
		html_escape(o, model_name_text(&mo->categories[c].name, ko));
		html_raw(o, "</span><span class=\"tile-score\">");
		html_group_score(o, req, sc->model, &a->categories[c]);
		html_raw(o, "</span></div>\n");
	}
	html_raw(o, "</div>\n");
	my_contracts(req, o, sc, a, oid);
	buf_adds(&h, "/scores/person/");
	http_url_escape(&h, pid);
	buf_addf(&h, "?year=%d&org=%s", sc->year, oid);
	html_raw(o, "<p><a href=\"");
	html_escape(o, h.data);
	html_raw(o, "\">");
	html_msg(o, req, "me.scorecard_full");
	html_raw(o, "</a></p>\n</section>\n");
	buf_release(&h);
	return 1;
}

void page_me(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	const char *pid = req->session.user.person_id;
	int year = req->year;
	if (!pid) {
		html_page_begin(req, res, "me.title", NULL);
		html_raw(o, "<p class=\"notice\" id=\"me-not-linked\">");
		html_msg(o, req, "me.not_linked");
		html_raw(o, "</p>\n");
		html_page_end(req, res);
		return;
	}
	const struct scored *sc = web_scores_get(req, year, &err);
	if (!sc) {
		fprintf(stderr, "tandem serve: scores: %s\n", err.data);
		html_error_page(req, res, 500, "error.scores", NULL);
		buf_release(&err);
		return;
	}
	const struct person *me = NULL;
	for (size_t i = 0; i < sc->ds->n_people && !me; i++)
		if (!strcmp(sc->ds->people[i].id, pid))
			me = &sc->ds->people[i];
	html_page_begin(req, res, "me.title", me ? me->name : pid);
	html_raw(o, "<p class=\"muted\" id=\"me-who\">");
	html_escape(o, pid);
	if (me && me->org_unit >= 0) {
		html_raw(o, " · ");
		html_escape(o, sc->ds->units[me->org_unit].name);
	}
	html_raw(o, " · ");
	html_escape(o, req->session.user.name);
	html_raw(o, "</p>\n");
	int shown = my_scorecard(req, o, sc, pid, ORG_SALES) + my_scorecard(req, o, sc, pid, ORG_OPERATIONS);
	if (!shown) {
		char y[8];
		snprintf(y, sizeof y, "%d", sc->year);
		const char *args[] = { y };
		html_raw(o, "<section class=\"card\" id=\"my-score\"><h2>");
		html_msg(o, req, "me.scorecard");
		html_raw(o, "</h2>\n");
		say(req, o, "my-score-empty", "me.no_score", args, 1);
		html_raw(o, "</section>\n");
	}
	web_scores_release(req->srv, sc);
	web_alerts_owner_panel(req, o, pid);
	web_changes_waiting_section(req, o);
	html_page_end(req, res);
	buf_release(&err);
}
