/* SPDX-License-Identifier: MIT */
/* Unit tests of the HTML report (src/report/html_report.c) and its
 * timeline chart (svg_timeline in src/report/svg.c): the chart's scale, empty data
 * and n/a rows; a report over a small hand-made company that has every
 * section and chart, escapes what it prints, balances its tags, and
 * honours the org and subject filters. */
#include "test_engine_fixture.h"

#include "report/html_report.h"
#include "report/svg.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void svg_timeline_scale(void **state)
{
	const struct svg_timeline_row rows[] = {
		{ "A", 3, 4, 10, 3 },      /* run 4..6 */
		{ "B", 8, 0, 5, 3 },
	};
	(void)state;
	/* The axis spans the largest of P, s+K−1 and E, never less than 6. */
	assert_int_equal(svg_timeline_max_month(rows, 2), 10);
	assert_int_equal(svg_timeline_max_month(rows, 0), 6);
	const struct svg_timeline_row late[] = { { "C", 3, 20, 21, 3 } };
	assert_int_equal(svg_timeline_max_month(late, 1), 22);
	/* Months map linearly onto the plot and are clamped to it. */
	assert_true(svg_timeline_x(0, 10, 170, 480) == 170);
	assert_true(svg_timeline_x(5, 10, 170, 480) == 410);
	assert_true(svg_timeline_x(10, 10, 170, 480) == 650);
	assert_true(svg_timeline_x(12, 10, 170, 480) == 650);
	assert_true(svg_timeline_x(-1, 10, 170, 480) == 170);
	assert_true(svg_timeline_x(1, 0, 0, 100) == 100);
}

static const char *const legend[4] = { "plan", "elapsed", "stabilized", "not yet" };

static void svg_timeline_rows(void **state)
{
	const struct svg_timeline_row rows[] = {
		{ "C<1> & co", 3, 4, 10, 3 },
		{ "C2", 0, 0, 5, 3 },           /* no plan: n/a; not stabilized: ✗ */
	};
	struct buf out = BUF_INIT;
	(void)state;
	svg_timeline(&out, "Stabilization", rows, 2, legend, "n/a", "nothing");
	/* Labels are escaped; the plan bar of row 1 spans months 0..3 of 10. */
	assert_non_null(strstr(out.data, ">C&lt;1&gt; &amp; co</text>"));
	assert_non_null(strstr(out.data, "<rect x=\"170.0\" y=\"39.0\" width=\"144.0\" height=\"16.0\" fill=\"#c9d7e8\"/>"));
	/* The stabilized run 4..6 covers months 3..6 of the axis. */
	assert_non_null(strstr(out.data, "<rect x=\"314.0\" y=\"42.0\" width=\"144.0\" height=\"10.0\" fill=\"#2e7d32\"/>"));
	/* Row 2 has no plan bar, says n/a and is marked not stabilized at E. */
	assert_int_equal(count(out.data, "fill=\"#c9d7e8\"/>"), 2);   /* row 1 and the legend */
	assert_non_null(strstr(out.data, ">n/a</text>"));
	assert_int_equal(count(out.data, "stroke=\"#b3261e\""), 1);
	assert_null(strstr(out.data, ">nothing</text>"));
	assert_int_equal(count(out.data, "<svg"), 1);
	assert_int_equal(count(out.data, "</svg>"), 1);
	buf_release(&out);
}

static void svg_timeline_empty(void **state)
{
	struct buf out = BUF_INIT;
	(void)state;
	svg_timeline(&out, "Stabilization", NULL, 0, legend, "n/a", "nothing to show");
	assert_non_null(strstr(out.data, ">nothing to show</text>"));
	assert_non_null(strstr(out.data, "viewBox=\"0 0 740.0 94.0\""));
	assert_int_equal(count(out.data, "</svg>"), 1);
	buf_release(&out);
}

/* A company of one sales and one operations unit, two people and two
 * contracts with SLA data; names carry characters HTML must escape. */
static struct dataset *company(void)
{
	struct dataset *ds = fx_new();
	int hq = fx_unit(ds, "HQ", ORG_EXECUTIVE, NO_INDEX);
	int su = fx_unit(ds, "S1", ORG_SALES, hq);
	int ou = fx_unit(ds, "O1", ORG_OPERATIONS, hq);
	int ps = fx_person(ds, "PS", su), po = fx_person(ds, "PO", ou);
	int cl = fx_client(ds, "CL");
	free(ds->clients[cl].name);
	ds->clients[cl].name = xstrdup("<b>가나 & Co</b>");
	for (int i = 0; i < 2; i++) {
		int c = fx_contract(ds, i ? "K2" : "K1", cl, "voice", i ? "2025-03-10" : "2025-01-05");
		int m = fx_metric(ds, c, "SL", DIR_HIGHER, "0.8", NULL);
		ds->contracts[c].sales_owner = ps;
		ds->contracts[c].ops_owner = po;
		ds->contracts[c].planned_stabilization_months = 3;
		for (int mon = i ? 3 : 1; mon <= 12; mon++) {
			char month[32];
			snprintf(month, sizeof month, "2025-%02d", mon);
			fx_month(ds, m, month, mon > 2 ? "90" : "50", "100");
		}
	}
	return ds;
}

static char *render(const struct dataset *ds, int org, const char *kind, const char *id)
{
	struct model *m = fx_default_model();
	struct scores *s = NULL;
	struct buf err = BUF_INIT, out = BUF_INIT;
	struct report_input in;
	if (score_run(m, ds, 2025, &s, &err))
		fail_msg("score_run: %s", err.data);
	memset(&in, 0, sizeof in);
	in.scores = s;
	in.history[2] = s;
	in.model_version = "default";
	in.lang = LANG_KO;
	in.org = org;
	in.subject_kind = kind;
	in.subject_id = id;
	report_html(&in, &out);
	scores_free(s);
	model_free(m);
	buf_release(&err);
	return buf_detach(&out, NULL);
}

static void html_report_every_section(void **state)
{
	struct dataset *ds = company();
	char *html = render(ds, -1, NULL, NULL);
	static const char *const ids[] = { "summary", "trend", "units", "people", "categories",
					   "grades", "contracts", "stabilization", "sla", "credits" };
	(void)state;
	assert_true(!strncmp(html, "<!DOCTYPE html>\n<html lang=\"ko\">", 32));
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		char want[64];
		snprintf(want, sizeof want, "<section id=\"%s\"", ids[i]);
		assert_int_equal(count(html, want), 1);
		snprintf(want, sizeof want, "<a href=\"#%s\">", ids[i]);
		assert_int_equal(count(html, want), 1);
	}
	/* Charts: trend lines, bars (units, people, categories, grades),
	 * the timeline and one heatmap per contract. */
	assert_int_equal(count(html, "class=\"chart line\""), 2);
	assert_int_equal(count(html, "class=\"chart timeline\""), 1);
	assert_int_equal(count(html, "class=\"chart grid\""), 2);
	assert_int_equal(count(html, "class=\"chart bars\""), 2 + 2 + 2 + 4);
	assert_int_equal(count(html, "<svg"), count(html, "</svg>"));
	assert_int_equal(count(html, "<section"), count(html, "</section>"));
	assert_int_equal(count(html, "<table>"), count(html, "</table>"));
	assert_int_equal(count(html, "<figure"), count(html, "</figure>"));
	/* Escaped at output; raw markup from the data never appears. */
	assert_null(strstr(html, "<b>가나"));
	assert_non_null(strstr(html, "&lt;b&gt;가나 &amp; Co&lt;/b&gt;"));
	/* Print rules and the Korean font stack. */
	assert_non_null(strstr(html, "@page{size:A4"));
	assert_non_null(strstr(html, "\"Noto Sans KR\",\"Malgun Gothic\",\"Apple SD Gothic Neo\",sans-serif"));
	assert_non_null(strstr(html, "break-before:page"));
	free(html);
	fx_free(ds);
}

static void html_report_filters(void **state)
{
	struct dataset *ds = company();
	char *sales = render(ds, ORG_SALES, NULL, NULL);
	char *one = render(ds, -1, "contract", "K2");
	(void)state;
	/* --org sales: no operations heading anywhere. */
	assert_null(strstr(sales, ">운영조직</h3>"));
	assert_non_null(strstr(sales, ">영업조직</h3>"));
	/* --subject contract:K2: K1's rows and heatmap are left out. */
	assert_null(strstr(one, "<tr><td>K1</td>"));
	assert_non_null(strstr(one, "<tr><td>K2</td>"));
	assert_int_equal(count(one, "class=\"chart grid\""), 1);
	free(sales);
	free(one);
	fx_free(ds);
}

int main(void)
{
	(void)fx_csv;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(svg_timeline_scale),
		cmocka_unit_test(svg_timeline_rows),
		cmocka_unit_test(svg_timeline_empty),
		cmocka_unit_test(html_report_every_section),
		cmocka_unit_test(html_report_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
