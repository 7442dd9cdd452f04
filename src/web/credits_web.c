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
#include "web/table.h"

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

/* The credit tables (issue 15 item 4): one descriptor each, rendered by
 * html_table(). Money is shown in won with its units (report/units.h);
 * the exact amount, to the cent as the API and the CLI give it, is the
 * cell's tooltip. */
enum { MONEY_COLUMNS = 4 };
static const char *const money_keys[MONEY_COLUMNS] = { "credits.at_risk", "credits.owed",
							"credits.pending", "credits.waived" };
static const char *const money_ids[MONEY_COLUMNS] = { "at_risk", "owed", "pending", "waived" };

static void money_cell(struct request *req, struct table_cell *c, int64_t cents)
{
	struct buf exact = BUF_INIT;
	credits_format_cents(&exact, cents);
	c->has_num = 1;
	c->num = (long double)cents / 100;
	c->micro = (long long)cents * 10000;
	c->title = arena_strdup(&req->arena, exact.data);
	buf_release(&exact);
}

/* The columns of a credit table: the first (what a row is), then the
 * four amounts — twice, "this month" and "year to date", when both. */
static struct table_column *money_columns(struct request *req, const struct table_column *first,
					  int both, unsigned flags, size_t *n)
{
	size_t count = 1 + (size_t)MONEY_COLUMNS * (both ? 2 : 1);
	struct table_column *cols = arena_alloc(&req->arena, count * sizeof *cols);
	cols[0] = *first;
	for (size_t i = 1; i < count; i++) {
		size_t m = (i - 1) % MONEY_COLUMNS;
		int ytd = i > MONEY_COLUMNS;
		cols[i] = (struct table_column){ .kind = TABLE_WON, .flags = flags };
		if (both) {
			cols[i].key = arena_printf(&req->arena, "%s_%s", ytd ? "ytd" : "month", money_ids[m]);
			cols[i].label = arena_printf(&req->arena, "%s · %s",
						     msg(req->lang, ytd ? "credits.year_to_date"
							 : "credits.this_month"),
						     msg(req->lang, money_keys[m]));
		} else {
			cols[i].key = money_ids[m];
			cols[i].label_key = money_keys[m];
		}
	}
	*n = count;
	return cols;
}

/* One row: its first cell, then the amounts of t (and of ytd, when given). */
static struct table_cell *money_row(struct request *req, size_t n_cells, const struct credit_totals *t,
				    const struct credit_totals *ytd)
{
	struct table_cell *cells = arena_alloc(&req->arena, n_cells * sizeof *cells);
	memset(cells, 0, n_cells * sizeof *cells);
	for (int pass = 0; pass < (ytd ? 2 : 1); pass++) {
		const struct credit_totals *x = pass ? ytd : t;
		int64_t v[MONEY_COLUMNS] = { x->pool, x->owed, x->pending, x->waived };
		for (int i = 0; i < MONEY_COLUMNS; i++)
			money_cell(req, &cells[1 + pass * MONEY_COLUMNS + i], v[i]);
	}
	return cells;
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
		credits_format_cents(&tips[i], m[i].totals.pool);
		buf_addf(&tips[i], ", %s ", legend[1]);
		credits_format_cents(&tips[i], m[i].totals.owed);
		buf_addf(&tips[i], ", %s ", legend[2]);
		credits_format_cents(&tips[i], m[i].totals.pending);
		buf_addf(&tips[i], ", %s ", legend[3]);
		credits_format_cents(&tips[i], m[i].totals.waived);
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

/* The twelve months of a year, with the year's totals. */
static void months_table(struct request *req, struct buf *o, const struct credit_month_totals *m)
{
	static const struct table_column month = { "month", "credits.month", NULL, TABLE_TEXT,
						   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_ROW_HEADER };
	struct table_desc t = { .id = "credit-months", .prefix = "months", .per_page = 12,
				.empty_key = "credits.no_terms", .default_sort = -1 };
	struct table_row *rows = arena_alloc(&req->arena, 12 * sizeof *rows);
	t.columns = money_columns(req, &month, 0, TABLE_SORTABLE | TABLE_SUM, &t.n_columns);
	for (int i = 0; i < 12; i++) {
		char label[8];
		month_format(m[i].month, label);
		rows[i].cells = money_row(req, t.n_columns, &m[i].totals, NULL);
		rows[i].cells[0].text = arena_strdup(&req->arena, label);
		rows[i].id = NULL;
	}
	html_table(req, o, &t, rows, 12);
}

/* A decimal as the terms give it ("0.7", "360"), with its number for
 * sorting. */
static void decimal_cell(struct request *req, struct table_cell *c, micro_t v, const char *unit)
{
	char text[32];
	decimal_format(v, text);
	c->text = arena_printf(&req->arena, "%s%s", text, unit);
	c->has_num = 1;
	c->num = (long double)v / 1000000;
}

static const struct table_column term_columns[] = {
	{ "metric", "col.metric", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_ROW_HEADER },
	{ "minimum", "col.minimum", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0 },
	{ "expected", "col.expected", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0 },
	{ "allocation", "col.allocation_pct", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0 },
	{ "rule", "col.credit_rule", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
	{ "earn_back", "col.earn_back_months", NULL, TABLE_MONTHS, TABLE_ALIGN_AUTO, 0 },
};
static const struct table_desc term_table = {
	"credit-terms", "terms", term_columns, sizeof term_columns / sizeof term_columns[0], 50,
	"credits.no_terms", -1, 0,
};

/* The SLA terms of contract k, in the terms' order. */
static void terms_table(struct request *req, struct buf *o, const struct dataset *ds, int k)
{
	enum { N = sizeof term_columns / sizeof term_columns[0] };
	struct table_row *rows = arena_alloc(&req->arena, (ds->n_sla_terms + 1) * sizeof *rows);
	size_t n = 0;
	for (size_t t = 0; t < ds->n_sla_terms; t++) {
		const struct sla_term *term = &ds->sla_terms[t];
		const struct sla_metric *sm = &ds->sla_metrics[term->sla_metric];
		if (sm->contract != k)
			continue;
		struct table_cell *cells = arena_alloc(&req->arena, N * sizeof *cells);
		memset(cells, 0, N * sizeof *cells);
		cells[0].text = sm->metric;
		decimal_cell(req, &cells[1], term->minimum, "");
		decimal_cell(req, &cells[2], term->expected, "");
		decimal_cell(req, &cells[3], term->allocation_pct, "%");
		cells[4].text = msg(req->lang, term->credit_rule == CREDIT_FULL ? "enum.full" : "enum.linear");
		cells[5].has_num = 1;
		cells[5].num = term->earn_back_months;
		rows[n].cells = cells;
		rows[n++].id = NULL;
	}
	html_table(req, o, &term_table, rows, n);
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
	terms_table(req, o, &l.ds, k);
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

/* By sales owner (each contract once: the rows add up to the company's)
 * or by operations center (a center holds the centers below it, so no
 * totals row). */
static void group_table(struct request *req, struct buf *o, const struct loaded *l, int by_unit,
			month_t this_month, month_t first)
{
	const struct dataset *ds = &l->ds;
	size_t n = by_unit ? ds->n_units : ds->n_people, shown = 0;
	const struct table_column head = { "name", by_unit ? "credits.center" : "credits.sales_owner", NULL,
					   TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_ROW_HEADER };
	struct table_desc t = { .id = by_unit ? "credit-centers" : "credit-owners",
				.prefix = by_unit ? "centers" : "owners", .empty_key = "credits.none",
				.default_sort = -1 };
	struct table_row *rows = arena_alloc(&req->arena, (n + 1) * sizeof *rows);
	t.columns = money_columns(req, &head, 1, TABLE_SORTABLE | (by_unit ? 0 : TABLE_SUM), &t.n_columns);
	for (size_t i = 0; i < n; i++) {
		struct group_arg g = { by_unit, (int)i };
		struct credit_totals now, ytd;
		if (by_unit && ds->units[i].kind != ORG_OPERATIONS)
			continue;
		credits_sum(&l->c, in_group, &g, this_month, this_month, &now);
		credits_sum(&l->c, in_group, &g, first, this_month, &ytd);
		if (!ytd.rows)
			continue;
		rows[shown].cells = money_row(req, t.n_columns, &now, &ytd);
		rows[shown].cells[0].text = by_unit ? ds->units[i].name : ds->people[i].name;
		rows[shown++].id = NULL;
	}
	html_raw(o, "<h3>");
	html_msg(o, req, by_unit ? "credits.by_center" : "credits.by_sales_owner");
	html_raw(o, "</h3>\n");
	html_table(req, o, &t, rows, shown);
}

/* The company's two periods: this month and the year to date. */
static void company_table(struct request *req, struct buf *o, const struct credit_totals *now_t,
			  const struct credit_totals *ytd_t, const char *month_label)
{
	static const struct table_column period = { "period", "credits.period", NULL, TABLE_TEXT,
						    TABLE_ALIGN_AUTO, TABLE_ROW_HEADER };
	struct table_desc t = { .id = "credit-company", .prefix = "company", .default_sort = -1 };
	struct table_row *rows = arena_alloc(&req->arena, 2 * sizeof *rows);
	t.columns = money_columns(req, &period, 0, 0, &t.n_columns);
	rows[0].cells = money_row(req, t.n_columns, now_t, NULL);
	rows[0].cells[0].text = arena_printf(&req->arena, "%s (%s)", msg(req->lang, "credits.this_month"),
					     month_label);
	rows[0].id = "credit-this-month";
	rows[1].cells = money_row(req, t.n_columns, ytd_t, NULL);
	rows[1].cells[0].text = msg(req->lang, "credits.year_to_date");
	rows[1].id = "credit-year-to-date";
	html_table(req, o, &t, rows, 2);
}

/* Every contract with credit rows in the year, by id; found by id or
 * client, chosen by sales owner. */
static void contracts_table(struct request *req, struct buf *o, const struct loaded *l, int year,
			    month_t this_month, month_t first)
{
	const struct dataset *ds = &l->ds;
	static const struct table_column contract = { "contract", "col.contract_id", NULL, TABLE_TEXT,
						      TABLE_ALIGN_AUTO,
						      TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH };
	static const struct table_column owner = { "owner", "credits.sales_owner", NULL, TABLE_TEXT,
						   TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES | TABLE_SEARCH };
	struct table_desc t = { .id = "credit-contracts", .prefix = "contracts", .empty_key = "credits.none",
				.default_sort = -1 };
	struct table_row *rows = arena_alloc(&req->arena, (ds->n_contracts + 1) * sizeof *rows);
	struct table_column *cols;
	size_t n = 0, n_money;
	/* the owner goes second: the columns are the contract, the owner, the amounts */
	cols = money_columns(req, &contract, 1, TABLE_SORTABLE | TABLE_SUM, &n_money);
	t.n_columns = n_money + 1;
	struct table_column *all = arena_alloc(&req->arena, t.n_columns * sizeof *all);
	all[0] = cols[0];
	all[1] = owner;
	memcpy(all + 2, cols + 1, (n_money - 1) * sizeof *all);
	t.columns = all;
	for (size_t k = 0; k < ds->n_contracts; k++) {
		const struct contract *c = &ds->contracts[k];
		struct credit_totals cn, cy;
		int ki = (int)k;
		if (!report_credits_has_year(&l->c, year, ki))
			continue;
		credits_sum(&l->c, in_contract, &ki, this_month, this_month, &cn);
		credits_sum(&l->c, in_contract, &ki, first, this_month, &cy);
		struct table_cell *money = money_row(req, n_money, &cn, &cy);
		struct table_cell *cells = arena_alloc(&req->arena, t.n_columns * sizeof *cells);
		memset(cells, 0, 2 * sizeof *cells);
		memcpy(cells + 2, money + 1, (n_money - 1) * sizeof *cells);
		struct buf h = BUF_INIT;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, c->id);
		buf_adds(&h, "#credits");
		cells[0].text = c->id;
		cells[0].href = arena_strdup(&req->arena, h.data);
		cells[0].note = c->client != NO_INDEX ? ds->clients[c->client].name : NULL;
		cells[1].text = c->sales_owner != NO_INDEX ? ds->people[c->sales_owner].name : "";
		buf_release(&h);
		rows[n].cells = cells;
		rows[n++].id = NULL;
	}
	html_table(req, o, &t, rows, n);
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
	html_raw(o, "</p>\n");
	{
		struct form_field year_field = form_year_field(req, "year", "year", "score.year", year);
		html_view_form(req, o, NULL, "/credits", &year_field, 1);
	}

	struct credit_totals now_t, ytd_t;
	credits_sum(&l.c, NULL, NULL, this_month, this_month, &now_t);
	credits_sum(&l.c, NULL, NULL, first, this_month, &ytd_t);
	html_raw(o, "<section class=\"card\" id=\"credits-company\"><h2>");
	html_msg(o, req, "credits.company");
	html_raw(o, "</h2>\n");
	company_table(req, o, &now_t, &ytd_t, label);
	struct credit_month_totals m[12];
	report_credits_months(&l.c, year, -1, m);
	chart(req, o, m, msg(req->lang, "credits.chart_title"));
	html_raw(o, "<p class=\"small muted\">");
	html_msg(o, req, "credits.columns_help");
	html_raw(o, "</p>\n");
	group_table(req, o, &l, 0, this_month, first);
	group_table(req, o, &l, 1, this_month, first);
	html_raw(o, "</section>\n");

	html_raw(o, "<section class=\"card\"><h2>");
	html_msg(o, req, "credits.contracts");
	html_raw(o, "</h2>\n");
	contracts_table(req, o, &l, year, this_month, first);
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
