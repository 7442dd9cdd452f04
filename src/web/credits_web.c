/* SPDX-License-Identifier: MIT */
/* Money at risk in the web application (issue 20): the contract page's
 * SLA terms with their month-by-month credits and chart, the company view
 * (this month and year to date; by sales owner and by operations center)
 * at /credits, and /api/v1/credits, which answers as `tandem credits
 * --format json`. Credits are computed from every month of data (earn-back
 * looks past the year) by engine/credits.c; nothing here is scored. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "engine/credits.h"
#include "report/credits_report.h"
#include "report/svg.h"
#include "app/scoring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The store's every record, and its credits; release with loaded_free(). */
struct loaded {
	struct dataset ds;
	struct credits c;
};

static int load(struct request *req, struct loaded *l, struct buf *err)
{
	memset(l, 0, sizeof *l);
	if (app_load_data(req->store, DAY_NONE, &l->ds, err))
		return -1;
	credits_compute(&l->ds, &l->c);
	return 0;
}

static void loaded_free(struct loaded *l)
{
	credits_free(&l->c);
	dataset_free(&l->ds);
}

static int find_contract(const struct dataset *ds, const char *id)
{
	for (size_t k = 0; k < ds->n_contracts; k++)
		if (!strcmp(ds->contracts[k].id, id))
			return (int)k;
	return -1;
}

static void money(struct buf *o, int64_t cents)
{
	credits_format_cents(o, cents);
}

static void th(struct buf *o, const struct request *req, const char *key, int num)
{
	html_raw(o, num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
	html_msg(o, req, key);
	html_raw(o, "</th>");
}

static void totals_cells(struct buf *o, const struct credit_totals *t)
{
	int64_t v[4] = { t->pool, t->owed, t->pending, t->waived };
	for (int i = 0; i < 4; i++) {
		html_raw(o, "<td class=\"num\">");
		money(o, v[i]);
		html_raw(o, "</td>");
	}
}

static void totals_heads(struct buf *o, const struct request *req)
{
	th(o, req, "credits.at_risk", 1);
	th(o, req, "credits.owed", 1);
	th(o, req, "credits.pending", 1);
	th(o, req, "credits.waived", 1);
}

static void chart(struct request *req, struct buf *o, const struct credit_month_totals *m,
		  const char *title)
{
	struct svg_credit_month cm[12];
	struct buf tips[12];
	const char *legend[4] = { msg(req->lang, "credits.at_risk"), msg(req->lang, "credits.owed"),
				  msg(req->lang, "credits.pending"), msg(req->lang, "credits.waived") };
	char labels[12][8];
	for (int i = 0; i < 12; i++) {
		buf_init(&tips[i]);
		month_format(m[i].month, labels[i]);
		buf_addf(&tips[i], "%s: %s ", labels[i], legend[0]);
		money(&tips[i], m[i].totals.pool);
		buf_addf(&tips[i], ", %s ", legend[1]);
		money(&tips[i], m[i].totals.owed);
		buf_addf(&tips[i], ", %s ", legend[2]);
		money(&tips[i], m[i].totals.pending);
		buf_addf(&tips[i], ", %s ", legend[3]);
		money(&tips[i], m[i].totals.waived);
		cm[i] = (struct svg_credit_month){ labels[i], (double)m[i].totals.pool / 100,
						   (double)m[i].totals.owed / 100,
						   (double)m[i].totals.pending / 100,
						   (double)m[i].totals.waived / 100, tips[i].data };
	}
	html_raw(o, "<figure class=\"chart\">");
	svg_credit_chart(o, title, cm, 12, legend);
	html_raw(o, "</figure>\n");
	for (int i = 0; i < 12; i++)
		buf_release(&tips[i]);
}

static void months_table(struct request *req, struct buf *o, const struct credit_month_totals *m)
{
	html_raw(o, "<div class=\"scroll\"><table class=\"data\" id=\"credit-months\"><thead><tr>");
	th(o, req, "credits.month", 0);
	totals_heads(o, req);
	html_raw(o, "</tr></thead><tbody>\n");
	for (int i = 0; i < 12; i++) {
		char label[8];
		month_format(m[i].month, label);
		html_raw(o, "<tr><th scope=\"row\">");
		html_escape(o, label);
		html_raw(o, "</th>");
		totals_cells(o, &m[i].totals);
		html_raw(o, "</tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n");
}

void web_credits_contract(struct request *req, struct buf *o, const char *contract_id)
{
	struct loaded l;
	struct buf err = BUF_INIT;
	int year, k;
	year = req->year;
	html_raw(o, "<section class=\"card\" id=\"credits\"><h2>");
	html_msg(o, req, "credits.contract_title");
	buf_addf(o, " <span class=\"subtitle small muted\">%d</span></h2>\n", year);
	if (load(req, &l, &err)) {
		fprintf(stderr, "tandem serve: credits: %s\n", err.data);
		html_raw(o, "<p class=\"notice error\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p></section>\n");
		buf_release(&err);
		return;
	}
	k = find_contract(&l.ds, contract_id);
	const struct sla_term *first = NULL;
	for (size_t t = 0; k >= 0 && t < l.ds.n_sla_terms; t++)
		if (l.ds.sla_metrics[l.ds.sla_terms[t].sla_metric].contract == k && !first)
			first = &l.ds.sla_terms[t];
	if (!first) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "credits.no_terms");
		html_raw(o, "</p></section>\n");
		loaded_free(&l);
		return;
	}
	/* The terms. */
	html_raw(o, "<p>");
	html_msg(o, req, "credits.at_risk_pct");
	html_raw(o, " <strong>");
	{
		char v[32];
		decimal_format(first->at_risk_pct, v);
		html_escape(o, v);
	}
	html_raw(o, " %</strong> · ");
	html_msg(o, req, "col.burn_in_months");
	buf_addf(o, " <strong>%d</strong></p>\n", first->burn_in_months);
	html_raw(o, "<div class=\"scroll\"><table class=\"data\" id=\"credit-terms\"><thead><tr>");
	static const char *const heads[] = { "col.metric", "col.minimum", "col.expected",
					     "col.allocation_pct", "col.credit_rule",
					     "col.earn_back_months" };
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		th(o, req, heads[i], i > 0 && i != 4);
	html_raw(o, "</tr></thead><tbody>\n");
	for (size_t t = 0; t < l.ds.n_sla_terms; t++) {
		const struct sla_term *term = &l.ds.sla_terms[t];
		const struct sla_metric *sm = &l.ds.sla_metrics[term->sla_metric];
		char v[32];
		if (sm->contract != k)
			continue;
		html_raw(o, "<tr><th scope=\"row\">");
		html_escape(o, sm->metric);
		html_raw(o, "</th><td class=\"num\">");
		decimal_format(term->minimum, v);
		html_escape(o, v);
		html_raw(o, "</td><td class=\"num\">");
		decimal_format(term->expected, v);
		html_escape(o, v);
		html_raw(o, "</td><td class=\"num\">");
		decimal_format(term->allocation_pct, v);
		html_escape(o, v);
		html_raw(o, " %</td><td>");
		html_msg(o, req, term->credit_rule == CREDIT_FULL ? "enum.full" : "enum.linear");
		buf_addf(o, "</td><td class=\"num\">%d</td></tr>\n", term->earn_back_months);
	}
	html_raw(o, "</tbody></table></div>\n");
	/* Month by month. */
	struct credit_month_totals m[12];
	report_credits_months(&l.c, year, k, m);
	chart(req, o, m, msg(req->lang, "credits.chart_title"));
	months_table(req, o, m);
	{
		struct buf h = BUF_INIT;
		buf_addf(&h, "/api/v1/credits?year=%d&contract=", year);
		http_url_escape(&h, contract_id);
		html_raw(o, "<p class=\"small muted\">");
		html_msg(o, req, "credits.evidence");
		html_raw(o, " ");
		html_link(o, h.data, "JSON");
		html_raw(o, "</p>\n");
		buf_release(&h);
	}
	html_raw(o, "</section>\n");
	loaded_free(&l);
}

/* Grouping for the company view: by sales owner (a person) or by an
 * operations org unit (a center), which holds the contracts whose ops
 * owner is in it or below it. */
struct group_arg {
	int by_unit;
	int index;
};

static int in_group(const struct dataset *ds, int contract, const void *arg)
{
	const struct group_arg *g = arg;
	const struct contract *k = &ds->contracts[contract];
	if (!g->by_unit)
		return k->sales_owner == g->index;
	/* The ops owner's unit or one above it, as scores roll up (SPEC §5). */
	for (int u = k->ops_owner == NO_INDEX ? NO_INDEX : ds->people[k->ops_owner].org_unit;
	     u != NO_INDEX; u = ds->units[u].parent)
		if (u == g->index)
			return 1;
	return 0;
}

static int in_contract(const struct dataset *ds, int contract, const void *arg)
{
	(void)ds;
	return contract == *(const int *)arg;
}

static void group_table(struct request *req, struct buf *o, const struct loaded *l, int by_unit,
			month_t this_month, month_t first)
{
	const struct dataset *ds = &l->ds;
	size_t n = by_unit ? ds->n_units : ds->n_people;
	html_raw(o, "<h3>");
	html_msg(o, req, by_unit ? "credits.by_center" : "credits.by_sales_owner");
	html_raw(o, "</h3>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>");
	th(o, req, by_unit ? "credits.center" : "credits.sales_owner", 0);
	totals_heads(o, req);
	totals_heads(o, req);
	html_raw(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		struct group_arg g = { by_unit, (int)i };
		struct credit_totals now, ytd;
		if (by_unit && ds->units[i].kind != ORG_OPERATIONS)
			continue;
		credits_sum(&l->c, in_group, &g, this_month, this_month, &now);
		credits_sum(&l->c, in_group, &g, first, this_month, &ytd);
		if (!ytd.rows)
			continue;
		html_raw(o, "<tr><th scope=\"row\">");
		html_escape(o, by_unit ? ds->units[i].name : ds->people[i].name);
		html_raw(o, "</th>");
		totals_cells(o, &now);
		totals_cells(o, &ytd);
		html_raw(o, "</tr>\n");
	}
	html_raw(o, "</tbody></table></div>\n");
}

void page_credits(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct loaded l;
	int year;
	char now_text[21], label[8];
	day_t now;
	year = req->year;
	if (load(req, &l, &err)) {
		fprintf(stderr, "tandem serve: credits: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
		buf_release(&err);
		return;
	}
	/* "This month": today's month in the year shown, else its December
	 * (or January, for a year still to come). */
	clock_now_iso(now_text);
	month_t this_month = date_parse(now_text, 10, &now) ? month_of_ymd(year, 12) : date_month(now);
	if (this_month > month_of_ymd(year, 12))
		this_month = month_of_ymd(year, 12);
	if (this_month < month_of_ymd(year, 1))
		this_month = month_of_ymd(year, 1);
	month_t first = month_of_ymd(year, 1);
	month_format(this_month, label);

	html_page_begin(req, res, "credits.title", arena_printf(&req->arena, "%d", year));
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "credits.help");
	html_raw(o, "</p>\n<form method=\"get\" class=\"filters\"><label for=\"year\">");
	html_msg(o, req, "score.year");
	buf_addf(o, "</label> <input id=\"year\" name=\"year\" type=\"number\" min=\"1001\" max=\"9998\""
		 " value=\"%d\"> <button type=\"submit\">", year);
	html_msg(o, req, "action.show");
	html_raw(o, "</button></form>\n");

	struct credit_totals now_t, ytd_t;
	credits_sum(&l.c, NULL, NULL, this_month, this_month, &now_t);
	credits_sum(&l.c, NULL, NULL, first, this_month, &ytd_t);
	html_raw(o, "<section class=\"card\" id=\"credits-company\"><h2>");
	html_msg(o, req, "credits.company");
	html_raw(o, "</h2>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>");
	th(o, req, "credits.period", 0);
	totals_heads(o, req);
	html_raw(o, "</tr></thead><tbody>\n<tr><th scope=\"row\">");
	html_msg(o, req, "credits.this_month");
	html_raw(o, " (");
	html_escape(o, label);
	html_raw(o, ")</th>");
	totals_cells(o, &now_t);
	html_raw(o, "</tr>\n<tr><th scope=\"row\">");
	html_msg(o, req, "credits.year_to_date");
	html_raw(o, "</th>");
	totals_cells(o, &ytd_t);
	html_raw(o, "</tr>\n</tbody></table></div>\n");
	struct credit_month_totals m[12];
	report_credits_months(&l.c, year, -1, m);
	chart(req, o, m, msg(req->lang, "credits.chart_title"));
	html_raw(o, "<p class=\"small muted\">");
	html_msg(o, req, "credits.columns_help");
	html_raw(o, "</p>\n");
	group_table(req, o, &l, 0, this_month, first);
	group_table(req, o, &l, 1, this_month, first);
	html_raw(o, "</section>\n");

	/* Every contract with credit rows in the year, by id. */
	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "credits.contracts");
	html_raw(o, "</h2>\n<div class=\"scroll\"><table class=\"data\" id=\"credit-contracts\"><thead><tr>");
	th(o, req, "col.contract_id", 0);
	totals_heads(o, req);
	totals_heads(o, req);
	html_raw(o, "</tr></thead><tbody>\n");
	int any = 0;
	for (size_t k = 0; k < l.ds.n_contracts; k++) {
		struct credit_totals cn, cy;
		int ki = (int)k;
		if (!report_credits_has_year(&l.c, year, ki))
			continue;
		any = 1;
		credits_sum(&l.c, in_contract, &ki, this_month, this_month, &cn);
		credits_sum(&l.c, in_contract, &ki, first, this_month, &cy);
		struct buf h = BUF_INIT;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, l.ds.contracts[k].id);
		buf_adds(&h, "#credits");
		html_raw(o, "<tr><th scope=\"row\">");
		html_link(o, h.data, l.ds.contracts[k].id);
		html_raw(o, "</th>");
		totals_cells(o, &cn);
		totals_cells(o, &cy);
		html_raw(o, "</tr>\n");
		buf_release(&h);
	}
	html_raw(o, "</tbody></table></div>\n");
	if (!any) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "credits.none");
		html_raw(o, "</p>\n");
	}
	html_raw(o, "</section>\n");
	html_page_end(req, res);
	loaded_free(&l);
}

void api_credits(struct request *req, struct response *res)
{
	struct buf j = BUF_INIT, err = BUF_INIT;
	struct loaded l;
	int year, contract = -1;
	const char *id = http_query(req, "contract");
	year = req->year;
	if (load(req, &l, &err)) {
		fprintf(stderr, "tandem serve: credits: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
		buf_release(&err);
		return;
	}
	if (id && (contract = find_contract(&l.ds, id)) < 0) {
		http_json_error(res, 404, "contract", "unknown contract '%s'", id);
	} else {
		report_credits_json(&l.c, year, contract, &j);
		res->status = 200;
		res->content_type = "application/json; charset=utf-8";
		buf_reset(&res->body);
		buf_add(&res->body, j.data, j.len);
	}
	loaded_free(&l);
	buf_release(&j);
	buf_release(&err);
}
