/* SPDX-License-Identifier: MIT */
/* Unit tests for the one table renderer (src/web/table.c) and the values
 * with units it prints (src/report/units.c): sorting by a column either
 * way with n/a last, the text and choice filters, paging with its range
 * and the totals row over the filtered rows, the links that keep the
 * page's other parameters, won in 억/만 and in ₩, %, %p, days, months and
 * a scoring function in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/model.h"
#include "report/svg.h"
#include "report/units.h"
#include "web/table.h"
#include "web/web_impl.h"

static const struct table_column columns[] = {
	{ "name", "score.subject", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH, 0, NULL, NULL },
	{ "org", "score.org", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_CHOICES, 0, NULL, "org." },
	{ "score", "score.total", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 2, NULL, NULL },
	{ "value", "col.annual_value", NULL, TABLE_WON, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SUM, 0,
	  NULL, NULL },
};
static const struct table_desc desc = { "t", NULL, columns, 4, 2, "score.no_subjects", -1, 0 };

struct fixture {
	struct request req;
	struct param query[8];
	struct table_row rows[5];
	struct table_cell cells[5][4];
	struct buf out;
};

static void make(struct fixture *f, const char *lang, const char *const *query, size_t n_query)
{
	static const char *const names[] = { "Delta", "alpha", "Charlie", "bravo", "Echo" };
	static const char *const orgs[] = { "sales", "operations", "sales", "sales", "operations" };
	static const double scores[] = { 71.5, 90, -1, 55.25, 88 };
	static const long long won[] = { 450000000, 1200000000, 30000000, 5000000, 2400000000 };
	memset(f, 0, sizeof *f);
	f->req.lang = lang;
	f->req.path = "/scores";
	for (size_t i = 0; i < n_query; i++) {
		f->query[i].name = query[2 * i];
		f->query[i].value = query[2 * i + 1];
		f->query[i].len = strlen(query[2 * i + 1]);
	}
	f->req.query = f->query;
	f->req.n_query = n_query;
	for (size_t i = 0; i < 5; i++) {
		f->cells[i][0].text = names[i];
		f->cells[i][1].text = orgs[i];
		f->cells[i][2].has_num = scores[i] >= 0;
		f->cells[i][2].num = scores[i];
		f->cells[i][3].has_num = 1;
		f->cells[i][3].micro = won[i] * 1000000LL;
		f->rows[i].cells = f->cells[i];
	}
}

static void done(struct fixture *f)
{
	buf_release(&f->out);
	arena_release(&f->req.arena);
}

/* The row headers in the order shown. */
static void order(const char *html, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = 0;
	for (const char *p = html; (p = strstr(p, "<th scope=\"row\">")) != NULL;) {
		p += strlen("<th scope=\"row\">");
		size_t len = strcspn(p, "<");
		if (!len || n + len + 2 > cap)
			continue;
		if (n)
			out[n++] = ',';
		memcpy(out + n, p, len);
		n += len;
		out[n] = 0;
	}
}

static void table_sorts_by_number_desc_na_last(void **state)
{
	static const char *const q[] = { "sort", "score", "dir", "desc", "per", "10" };
	struct fixture f;
	char names[128];
	(void)state;
	make(&f, "en", q, 3);
	assert_int_equal(html_table(&f.req, &f.out, &desc, f.rows, 5), 5);
	order(f.out.data, names, sizeof names);
	assert_string_equal(names, "alpha,Echo,Delta,bravo,Charlie");
	/* n/a stays last the other way round too */
	done(&f);
	static const char *const q2[] = { "sort", "score", "dir", "asc", "per", "10" };
	make(&f, "en", q2, 3);
	html_table(&f.req, &f.out, &desc, f.rows, 5);
	order(f.out.data, names, sizeof names);
	assert_string_equal(names, "bravo,Delta,Echo,alpha,Charlie");
	assert_non_null(strstr(f.out.data, "aria-sort=\"ascending\""));
	/* the heading's link turns the order round and keeps per */
	assert_non_null(strstr(f.out.data, "<a class=\"sort\" href=\"/scores?sort=score&amp;dir=desc&amp;per=10\">"));
	done(&f);
}

static void table_sorts_text_bytewise(void **state)
{
	static const char *const q[] = { "sort", "name", "per", "10" };
	struct fixture f;
	char names[128];
	(void)state;
	make(&f, "en", q, 2);
	html_table(&f.req, &f.out, &desc, f.rows, 5);
	order(f.out.data, names, sizeof names);
	assert_string_equal(names, "Charlie,Delta,Echo,alpha,bravo");
	done(&f);
}

static void table_filters_text_and_choice_totals_follow(void **state)
{
	static const char *const q[] = { "year", "2025", "f_org", "sales", "q", "A" };
	struct fixture f;
	char names[128];
	(void)state;
	make(&f, "en", q, 3);
	/* "a" (any case) in the name, among sales: Delta, Charlie, bravo */
	assert_int_equal(html_table(&f.req, &f.out, &desc, f.rows, 5), 3);
	order(f.out.data, names, sizeof names);
	/* two a page: the first page, then the totals over all three */
	assert_string_equal(names, "Delta,Charlie");
	assert_non_null(strstr(f.out.data, "<span class=\"range\">1–2 of 3</span>"));
	assert_non_null(strstr(f.out.data, "<td class=\"num total-row\">₩485,000,000</td>"));
	/* next page keeps year and the filters */
	assert_non_null(strstr(f.out.data, "<a rel=\"next\" href=\"/scores?year=2025&amp;q=A&amp;f_org=sales&amp;page=2\">"));
	/* the choices, through the catalog, the one chosen selected */
	assert_non_null(strstr(f.out.data, "<option value=\"sales\" selected>Sales</option>"));
	assert_non_null(strstr(f.out.data, "<option value=\"operations\">Operations</option>"));
	assert_non_null(strstr(f.out.data, "<input type=\"hidden\" name=\"year\" value=\"2025\">"));
	done(&f);
}

static void table_pages_and_past_the_end(void **state)
{
	static const char *const q[] = { "page", "3" };
	static const char *const far[] = { "page", "99" };
	static const char *const none[] = { "q", "zzz" };
	struct fixture f;
	char names[128];
	(void)state;
	make(&f, "ko", q, 1);
	html_table(&f.req, &f.out, &desc, f.rows, 5);
	order(f.out.data, names, sizeof names);
	assert_string_equal(names, "Echo");
	assert_non_null(strstr(f.out.data, "<span class=\"range\">5건 중 5–5</span>"));
	assert_non_null(strstr(f.out.data, "<td class=\"num total-row\">40억 8,500만 원</td>"));
	assert_non_null(strstr(f.out.data, "<a rel=\"prev\" href=\"/scores?page=2\">"));
	assert_null(strstr(f.out.data, "rel=\"next\""));
	done(&f);
	make(&f, "en", far, 1);
	html_table(&f.req, &f.out, &desc, f.rows, 5);
	assert_non_null(strstr(f.out.data, "<span class=\"range\">5–5 of 5</span>"));
	done(&f);
	make(&f, "en", none, 1);
	assert_int_equal(html_table(&f.req, &f.out, &desc, f.rows, 5), 0);
	assert_non_null(strstr(f.out.data, "No row matches the filter"));
	assert_non_null(strstr(f.out.data, "<span class=\"range\">0–0 of 0</span>"));
	assert_non_null(strstr(f.out.data, "<a class=\"table-clear\" href=\"/scores\">"));
	done(&f);
}

static void table_prefix_keeps_tables_apart(void **state)
{
	static const struct table_desc units = { "u", "units", columns, 4, 50, NULL, -1, 0 };
	static const char *const q[] = { "sort", "name", "units_sort", "score", "units_dir", "asc" };
	struct fixture f;
	struct table_state st;
	char names[128];
	(void)state;
	make(&f, "en", q, 3);
	table_state_read(&f.req, &units, &st);
	assert_int_equal(st.sort, 2);
	assert_int_equal(st.desc, 0);
	html_table(&f.req, &f.out, &units, f.rows, 5);
	order(f.out.data, names, sizeof names);
	assert_string_equal(names, "bravo,Delta,Echo,alpha,Charlie");
	/* the other table's sort rides along */
	assert_non_null(strstr(f.out.data, "href=\"/scores?sort=name&amp;units_sort=name&amp;units_dir=asc\""));
	done(&f);
}

static void table_given_shows_callers_page(void **state)
{
	static const char *const q[] = { "page", "2", "per", "2" };
	struct fixture f;
	struct table_state st;
	struct table_given g = { 76809, NULL };
	(void)state;
	make(&f, "en", q, 2);
	table_state_read(&f.req, &desc, &st);
	assert_int_equal(st.page, 2);
	assert_int_equal(st.per_page, 2);
	html_table_given(&f.req, &f.out, &desc, &st, f.rows, 2, &g);
	assert_non_null(strstr(f.out.data, "<span class=\"range\">3–4 of 76,809</span>"));
	assert_non_null(strstr(f.out.data, "page=3"));
	done(&f);
}

/* A numbered pager (the record lists, the audit log): the page of pages,
 * first and last, a page box that keeps the other parameters; an older
 * ?offset= link opens the page holding that row; the empty row is named
 * after the table; a drawn cell and a code beside a name. */
static void draw_bold(struct request *req, struct buf *out, const void *arg)
{
	(void)req;
	html_raw(out, "<b>");
	html_escape(out, arg);
	html_raw(out, "</b>");
}

static void table_numbered_pager(void **state)
{
	static const char *const q[] = { "offset", "5", "per", "2", "year", "2025" };
	struct table_desc t = desc;
	struct fixture f;
	struct table_state st;
	struct table_given g = { 9, NULL };
	(void)state;
	t.numbered = 1;
	t.class_name = "records";
	make(&f, "en", q, 3);
	table_state_read(&f.req, &t, &st);
	assert_int_equal(st.page, 3);
	f.cells[0][0].note = "C1";
	f.cells[0][0].note_code = 1;
	f.cells[1][1].draw = draw_bold;
	f.cells[1][1].draw_arg = "<ops>";
	html_table_given(&f.req, &f.out, &t, &st, f.rows, 2, &g);
	assert_non_null(strstr(f.out.data, "<table class=\"data records\" id=\"t\">"));
	assert_non_null(strstr(f.out.data, "<span class=\"range\" id=\"range\">5–6 of 9 · page 3 of 5</span>"));
	assert_non_null(strstr(f.out.data, "<a rel=\"first\" href=\"/scores?year=2025\">First</a>"));
	assert_non_null(strstr(f.out.data, "<a rel=\"last\" href=\"/scores?year=2025&amp;page=5\">Last</a>"));
	assert_non_null(strstr(f.out.data, "<input type=\"hidden\" name=\"per\" value=\"2\"><input type=\"hidden\" name=\"year\" value=\"2025\">"));
	assert_non_null(strstr(f.out.data, "max=\"5\" value=\"3\">"));
	assert_null(strstr(f.out.data, "offset"));
	assert_non_null(strstr(f.out.data, "Delta <span class=\"muted small code\">C1</span>"));
	assert_non_null(strstr(f.out.data, "<td><b>&lt;ops&gt;</b></td>"));
	done(&f);
	/* nothing at all: the empty row by the table's id */
	make(&f, "en", NULL, 0);
	g.total = 0;
	table_state_read(&f.req, &t, &st);
	html_table_given(&f.req, &f.out, &t, &st, f.rows, 0, &g);
	assert_non_null(strstr(f.out.data, "<td colspan=\"4\" class=\"muted empty\" id=\"t-empty\">"));
	assert_non_null(strstr(f.out.data, "<span class=\"range\" id=\"range\">0–0 of 0 · page 1 of 1</span>"));
	done(&f);
}

static void table_trend_column(void **state)
{
	static const struct table_column cols[] = {
		{ "name", "score.subject", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_ROW_HEADER, 0, NULL, NULL },
		{ "trend", NULL, "Trend", TABLE_TREND, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 2, NULL, NULL },
	};
	static const struct table_desc t = { "tr", NULL, cols, 2, 50, NULL, 1, 1 };
	static const char *const years[] = { "2024", "2025" };
	static const double up[] = { 60.0, 62.31 }, down[] = { 70.5, 61.0 }, gap[] = { SVG_NONE, 50 };
	struct fixture f;
	struct table_cell cells[3][2];
	struct table_row rows[3];
	char names[64];
	(void)state;
	make(&f, "en", NULL, 0);
	memset(cells, 0, sizeof cells);
	const double *series[] = { down, up, gap };
	const char *const who[] = { "Down", "Up", "Gap" };
	for (size_t i = 0; i < 3; i++) {
		cells[i][0].text = who[i];
		cells[i][1].series = series[i];
		cells[i][1].series_labels = years;
		cells[i][1].n_series = 2;
		cells[i][1].has_num = i < 2;
		cells[i][1].num = i < 2 ? (long double)series[i][1] - (long double)series[i][0] : 0;
		cells[i][1].text = i < 2 ? NULL : "";
		rows[i].cells = cells[i];
		rows[i].id = NULL;
	}
	html_table(&f.req, &f.out, &t, rows, 3);
	order(f.out.data, names, sizeof names);
	/* sorted by the change, biggest rise first; no change known: last */
	assert_string_equal(names, "Up,Down,Gap");
	assert_non_null(strstr(f.out.data, "</svg>\n +2.31</td>"));
	assert_non_null(strstr(f.out.data, "</svg>\n -9.50</td>"));
	/* one point is no line: no sparkline for Gap */
	assert_int_equal((int)(strstr(f.out.data, "Gap") ? 1 : 0), 1);
	const char *gap_row = strstr(f.out.data, ">Gap</th>");
	assert_non_null(gap_row);
	assert_null(strstr(gap_row, "<svg"));
	done(&f);
}

static void units_won_korean_and_english(void **state)
{
	static const struct { long long won; const char *ko, *en; } cases[] = {
		{ 123450000000LL, "1,234억 5,000만 원", "₩123,450,000,000" },
		{ 2400000000LL, "24억 원", "₩2,400,000,000" },
		{ 450000000LL, "4억 5,000만 원", "₩450,000,000" },
		{ 12345LL, "1만 2,345원", "₩12,345" },
		{ 5000LL, "5,000원", "₩5,000" },
		{ 0, "0원", "₩0" },
		{ 1500000000000LL, "1조 5,000억 원", "₩1,500,000,000,000" },
		{ -30000LL, "-3만 원", "-₩30,000" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf ko = BUF_INIT, en = BUF_INIT;
		units_won(&ko, LANG_KO, (wide_t)cases[i].won * 1000000);
		units_won(&en, LANG_EN, (wide_t)cases[i].won * 1000000);
		assert_string_equal(ko.data, cases[i].ko);
		assert_string_equal(en.data, cases[i].en);
		buf_release(&ko);
		buf_release(&en);
	}
}

static void units_percent_points_days_months(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	units_percent(&b, 0.4L, 1);
	assert_string_equal(b.data, "40.0%");
	buf_reset(&b);
	units_points(&b, 0.035L, 1);
	assert_string_equal(b.data, "+3.5%p");
	buf_reset(&b);
	units_points(&b, -0.3812L, 1);
	assert_string_equal(b.data, "-38.1%p");
	buf_reset(&b);
	units_points(&b, 0.0L, 1);
	assert_string_equal(b.data, "0.0%p");
	buf_reset(&b);
	units_days(&b, LANG_KO, 12, 0);
	assert_string_equal(b.data, "12일");
	buf_reset(&b);
	units_days(&b, LANG_EN, 1, 0);
	assert_string_equal(b.data, "1 day");
	buf_reset(&b);
	units_months(&b, LANG_EN, 1.75L, 2);
	assert_string_equal(b.data, "1.75 months");
	buf_reset(&b);
	units_months(&b, LANG_KO, 3, 0);
	assert_string_equal(b.data, "3개월");
	buf_reset(&b);
	units_count(&b, 76809);
	assert_string_equal(b.data, "76,809");
	buf_reset(&b);
	units_metric_value(&b, LANG_KO, "ratio", 0.62484L);
	assert_string_equal(b.data, "62.5%");
	buf_reset(&b);
	units_metric_value(&b, LANG_KO, "sec", 311.4699L);
	assert_string_equal(b.data, "311.47초");
	buf_reset(&b);
	units_metric_value(&b, LANG_EN, "sec", 1300);
	assert_string_equal(b.data, "1,300 s");
	buf_reset(&b);
	units_metric_value(&b, LANG_KO, "calls", 4.5L);
	assert_string_equal(b.data, "4.5 calls");
	buf_reset(&b);
	units_metric_value(&b, LANG_EN, "", 0.75L);
	assert_string_equal(b.data, "0.75");
	buf_release(&b);
}

static void units_scoring_in_words(void **state)
{
	struct scoring lin = { 0 };
	struct band bands[2] = { { 0.95, 100, 0, 0, 0 }, { 0.9, 50, 0, 0, 0 } };
	struct scoring band = { 0 };
	struct buf b = BUF_INIT;
	(void)state;
	lin.fn = SCORING_LINEAR;
	lin.zero = 0.5;
	lin.full = 1;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "0 points at 50% or less, 100 at 100% or more, in proportion between");
	buf_reset(&b);
	units_scoring_words(&b, LANG_KO, &lin, 1);
	assert_string_equal(b.data, "50% 이하 0점, 100% 이상 100점, 그 사이는 비례");
	buf_reset(&b);
	lin.zero = 0;
	lin.full = 0.07;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "0 points at 0% or less, 100 at 7% or more, in proportion between");
	buf_reset(&b);
	lin.full = 2;
	units_scoring_words(&b, LANG_EN, &lin, 0);
	assert_string_equal(b.data, "0 points at 0 or less, 100 at 2 or more, in proportion between");
	buf_reset(&b);
	lin.zero = 0.035;
	lin.full = 0.001;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "100 points at 0.1% or less, 0 at 3.5% or more, in proportion between");
	buf_reset(&b);
	lin.zero = 0.5;
	lin.full = 12.25;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "0 points at 50% or less, 100 at 1225% or more, in proportion between");
	buf_reset(&b);
	/* a calibrated bound with float digits reads rounded (the formula
	 * beside it keeps them) */
	lin.zero = 0;
	lin.full = 0.08333333333333333;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "0 points at 0% or less, 100 at 8.33% or more, in proportion between");
	buf_reset(&b);
	lin.full = 1.3333333333333333;
	units_scoring_words(&b, LANG_KO, &lin, 0);
	assert_string_equal(b.data, "0 이하 0점, 1.3333 이상 100점, 그 사이는 비례");
	buf_reset(&b);
	lin.full = 0.123456;
	units_scoring_words(&b, LANG_EN, &lin, 1);
	assert_string_equal(b.data, "0 points at 0% or less, 100 at 12.3456% or more, in proportion between");
	buf_reset(&b);
	band.fn = SCORING_BANDS;
	band.bands = bands;
	band.n_bands = 2;
	band.otherwise = 0;
	units_scoring_words(&b, LANG_KO, &band, 1);
	assert_string_equal(b.data, "95% 이상 100점, 90% 이상 50점, 그 외 0점");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_sorts_by_number_desc_na_last),
		cmocka_unit_test(table_sorts_text_bytewise),
		cmocka_unit_test(table_filters_text_and_choice_totals_follow),
		cmocka_unit_test(table_pages_and_past_the_end),
		cmocka_unit_test(table_prefix_keeps_tables_apart),
		cmocka_unit_test(table_given_shows_callers_page),
		cmocka_unit_test(table_numbered_pager),
		cmocka_unit_test(table_trend_column),
		cmocka_unit_test(units_won_korean_and_english),
		cmocka_unit_test(units_percent_points_days_months),
		cmocka_unit_test(units_scoring_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
