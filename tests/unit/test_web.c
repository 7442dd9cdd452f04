/* SPDX-License-Identifier: MIT */
/* Unit tests for src/web and src/report/svg.c that need no server: the
 * route table's order and matching, the policy's writers and status rule,
 * the navigation and buttons against the routes, the message catalog, the flat JSON reader,
 * request parsing (percent-decoding, forms, multipart) and the SVG charts'
 * escaping and determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/svg.h"
#include "web/web_impl.h"

static void web_routes_sorted_by_pattern_then_method(void **state)
{
	(void)state;
	for (size_t i = 1; i < web_n_routes; i++) {
		int c = strcmp(web_routes[i - 1].pattern, web_routes[i].pattern);
		assert_true(c < 0 || (c == 0 && web_routes[i - 1].method < web_routes[i].method));
	}
}

static void web_routes_every_private_route_names_roles(void **state)
{
	(void)state;
	for (size_t i = 0; i < web_n_routes; i++) {
		const struct route *r = &web_routes[i];
		assert_non_null(r->summary);
		if (!(r->flags & ROUTE_PUBLIC))
			assert_int_not_equal(web_route_roles(r, NULL) & ROLE_ALL, 0);
		/* Viewers never reach a route that writes records. */
		if (r->flags & ROUTE_RECORD_WRITE)
			assert_int_equal(web_route_roles(r, NULL) & ROLE_VIEWER, 0);
	}
}

static void web_route_find_matches_and_405(void **state)
{
	const char *a[] = { "api", "v1", "records", "measurements", "K1", "SL", "2025-01-01" };
	const char *b[] = { "api", "v1", "me" };
	int known;
	(void)state;
	const struct route *r = web_route_find(a, 7, HTTP_DELETE, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/records/{kind}/*");
	assert_null(web_route_find(b, 3, HTTP_DELETE, &known));
	assert_int_equal(known, 1);
	assert_null(web_route_find(b, 2, HTTP_GET, &known));
	assert_int_equal(known, 0);
	assert_non_null(web_route_find(NULL, 0, HTTP_GET, &known));
}

static void web_record_writers_cover_every_kind(void **state)
{
	(void)state;
	for (size_t i = 0; i < schema_n_tables; i++) {
		unsigned w = web_kind_writers(&schema_tables[i]);
		assert_true(policy_kind_known(schema_tables[i].name));
		assert_true(w & ROLE_ADMIN);
		assert_false(w & ROLE_VIEWER);
	}
	assert_false(web_kind_writers(schema_find("manual_ratings")) & ROLE_SALES);
	assert_false(web_kind_writers(schema_find("feasibility_reviews")) & ROLE_SALES);
	assert_false(web_kind_writers(schema_find("relationship_ratings")) & ROLE_OPERATIONS);
	assert_true(web_kind_writers(schema_find("relationship_ratings")) & ROLE_EXECUTIVE);
	assert_false(web_kind_writers(schema_find("financials")) & ROLE_OPERATIONS);
	assert_false(web_kind_writers(schema_find("clients")) & ROLE_SALES);
	assert_false(web_kind_writers(schema_find("measurements")) & ROLE_SALES);
}

/* SPEC §2: a proposal's status changes only through win / lose, whoever
 * edits the record; a new one starts as draft or review. Decided before
 * any relation is read, so no store is needed. */
static void web_policy_status_only_through_actions(void **state)
{
	const struct table *p = schema_find("proposals");
	char *b[9] = { "PR1", "C1", NULL, "operations", NULL, NULL, NULL, NULL, "review" };
	char *a[9] = { "PR1", "C1", NULL, "operations", NULL, NULL, NULL, NULL, "won" };
	char *w[9] = { "PR9", "C1", NULL, "sales", NULL, NULL, NULL, NULL, "won" };
	struct record before = { b, 0, 0 }, after = { a, 0, 0 }, won = { w, 0, 0 };
	struct policy_decision d;
	struct buf err = BUF_INIT;
	static const enum role roles[] = { ROLE_ADMIN, ROLE_EXECUTIVE, ROLE_SALES, ROLE_OPERATIONS };
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct policy_actor actor = { roles[i], "P-X" };
		assert_int_equal(policy_decide(NULL, &actor, p, POLICY_UPDATE, &before, &after, &d, &err), 0);
		assert_int_equal(d.effect, POLICY_DENY);
		assert_int_equal(d.status, APP_FORBIDDEN);
		assert_string_equal(d.code, "policy.status");
		assert_string_equal(d.field, "status");
		assert_int_equal(policy_decide(NULL, &actor, p, POLICY_CREATE, NULL, &won, &d, &err), 0);
		assert_int_equal(d.effect, POLICY_DENY);
		/* operations may not create a sales proposal in the first place */
		assert_string_equal(d.code, roles[i] == ROLE_OPERATIONS ? "policy.role" : "policy.status");
	}
	/* Viewers write nothing. */
	struct policy_actor viewer = { ROLE_VIEWER, "P-X" };
	assert_int_equal(policy_decide(NULL, &viewer, p, POLICY_WIN, &before, NULL, &d, &err), 0);
	assert_int_equal(d.effect, POLICY_DENY);
	assert_string_equal(d.code, "policy.role");
	buf_release(&err);
}

/* The navigation and the proposal buttons show what the routes allow: each
 * navigation entry is a GET route (its visibility is web_may over it), the
 * buttons' routes exist and their roles are the policy's for the action. */
static void web_nav_and_buttons_agree_with_routes(void **state)
{
	static const struct {
		const char *pattern;
		enum policy_action action;
	} buttons[] = {
		{ "/proposals/{id}/win", POLICY_WIN },
		{ "/proposals/{id}/lose", POLICY_LOSE },
		{ "/proposals/{id}/review", POLICY_REVIEW },
		{ "/proposals/{id}/override", POLICY_OVERRIDE },
		{ "/api/v1/proposals/{id}/win", POLICY_WIN },
		{ "/api/v1/proposals/{id}/lose", POLICY_LOSE },
		{ "/api/v1/proposals/{id}/review", POLICY_REVIEW },
		{ "/api/v1/proposals/{id}/override", POLICY_OVERRIDE },
	};
	static const enum role roles[] = { ROLE_ADMIN, ROLE_EXECUTIVE, ROLE_SALES, ROLE_OPERATIONS,
					   ROLE_VIEWER };
	struct request req;
	(void)state;
	memset(&req, 0, sizeof req);
	req.logged_in = 1;
	for (size_t i = 0; i < web_n_nav; i++) {
		int found = 0;
		for (size_t r = 0; r < web_n_routes; r++)
			if (web_routes[r].method == HTTP_GET && !strcmp(web_routes[r].pattern, web_nav[i].href)) {
				found = 1;
				for (size_t k = 0; k < 5; k++) {
					req.session.user.role = roles[k];
					assert_int_equal(web_may(&req, HTTP_GET, web_nav[i].href, NULL),
							 (web_route_roles(&web_routes[r], NULL) & roles[k]) != 0);
				}
			}
		assert_true(found);
	}
	for (size_t b = 0; b < sizeof buttons / sizeof buttons[0]; b++) {
		int found = 0;
		for (size_t r = 0; r < web_n_routes; r++) {
			const struct route *rt = &web_routes[r];
			if (rt->method != HTTP_POST || strcmp(rt->pattern, buttons[b].pattern))
				continue;
			found = 1;
			assert_true(rt->flags & ROUTE_POLICY);
			assert_int_equal(rt->action, buttons[b].action);
			assert_int_equal(web_route_roles(rt, NULL), policy_roles("proposals", buttons[b].action));
			for (size_t k = 0; k < 5; k++) {
				req.session.user.role = roles[k];
				assert_int_equal(web_may(&req, HTTP_POST, rt->pattern, NULL),
						 (policy_roles("proposals", buttons[b].action) & roles[k]) != 0);
			}
		}
		assert_true(found);
	}
	/* Record routes: the kind's roles are the policy's for the action. */
	for (size_t r = 0; r < web_n_routes; r++) {
		const struct route *rt = &web_routes[r];
		if (!(rt->flags & ROUTE_RECORD_WRITE))
			continue;
		assert_true(rt->flags & ROUTE_POLICY);
		for (size_t i = 0; i < schema_n_tables; i++)
			assert_int_equal(web_route_roles(rt, schema_tables[i].name),
					 policy_roles(schema_tables[i].name, rt->action));
	}
	/* Sales never reaches the generic writers of operations' own records. */
	assert_int_equal(policy_roles("manual_ratings", POLICY_CREATE) & ROLE_SALES, 0);
	assert_int_equal(policy_roles("proposals", POLICY_OVERRIDE), ROLE_EXECUTIVE);
	assert_int_equal(policy_roles("*", POLICY_CONFIRM),
			 ROLE_EXECUTIVE | ROLE_SALES | ROLE_OPERATIONS);
	/* Corrections of a closed year: executives, of every kind. */
	assert_int_equal(policy_roles("*", POLICY_CORRECT), ROLE_EXECUTIVE);
	assert_int_equal(policy_roles("measurements", POLICY_CORRECT), ROLE_EXECUTIVE);
}

static void web_msg_catalog_sorted_and_complete(void **state)
{
	(void)state;
	assert_int_equal(msg_check(), 0);
	assert_string_equal(msg("ko", "nav.dashboard"), "대시보드");
	assert_string_equal(msg("en", "nav.dashboard"), "Dashboard");
	assert_string_equal(msg("en", "reason.something_new"), "something_new");
	for (size_t i = 0; i < schema_n_tables; i++) {
		char key[64];
		snprintf(key, sizeof key, "kind.%s", schema_tables[i].name);
		assert_string_not_equal(msg("ko", key), schema_tables[i].name);
		for (size_t c = 0; c < schema_tables[i].n_columns; c++) {
			snprintf(key, sizeof key, "col.%s", schema_tables[i].columns[c].name);
			assert_string_not_equal(msg("ko", key), schema_tables[i].columns[c].name);
		}
	}
}

static void web_jsonin_keeps_number_text(void **state)
{
	struct arena a = { NULL, 0 };
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT;
	const char *j = "{\"v\": 0.123456, \"s\": \"a\\u00e9\\ud83d\\ude00\\n\", \"z\": null, \"t\": true}";
	(void)state;
	assert_int_equal(jsonin_parse_flat(&a, j, strlen(j), &p, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(p[0].value, "0.123456");
	assert_string_equal(p[1].value, "a\xc3\xa9\xf0\x9f\x98\x80\n");
	assert_null(p[2].value);
	assert_string_equal(p[3].value, "1");
	assert_int_equal(jsonin_parse_flat(&a, "{\"a\":{}}", 8, &p, &n, &err), -1);
	buf_reset(&err);
	assert_int_equal(jsonin_parse_flat(&a, "{\"a\":1,\"a\":2}", 13, &p, &n, &err), -1);
	assert_string_equal(err.data, "\"a\" is given twice");
	buf_reset(&err);
	assert_int_equal(jsonin_parse_flat(&a, "{\"a\":1} x", 9, &p, &n, &err), -1);
	buf_release(&err);
	arena_release(&a);
}

static void web_forms_and_multipart(void **state)
{
	struct arena a = { NULL, 0 };
	struct param *p;
	size_t n;
	char s[] = "a%2Fb+c%zz%4";
	(void)state;
	assert_int_equal(http_unescape(s, strlen(s), 1), 10);
	assert_string_equal(s, "a/b c%zz%4");
	http_parse_urlencoded(&a, "x=1&y=%EA%B0%80&z&=q", 20, &p, &n);
	assert_int_equal(n, 4);
	assert_string_equal(p[1].value, "가");
	assert_string_equal(p[2].name, "z");
	assert_string_equal(p[2].value, "");
	const char body[] = "--XX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
		"--XX\r\nContent-Disposition: form-data; name=\"files\"; filename=\"contracts.csv\"\r\n"
		"Content-Type: text/csv\r\n\r\nid,name\r\nK1,x\r\n\r\n--XX--\r\n";
	assert_int_equal(http_parse_multipart(&a, "multipart/form-data; boundary=XX", body,
					      sizeof body - 1, &p, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].value, "abc");
	assert_null(p[0].filename);
	assert_string_equal(p[1].filename, "contracts.csv");
	assert_string_equal(p[1].value, "id,name\r\nK1,x\r\n");
	assert_int_equal(http_parse_multipart(&a, "multipart/form-data; boundary=YY", body,
					      sizeof body - 1, &p, &n), -1);
	arena_release(&a);
}

static void svg_escapes_and_is_deterministic(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct svg_bar bars[2] = { { "<script>", 50, "50.00", "/x?a=1&b=2" }, { "n/a \"q\"", SVG_NONE, NULL, NULL } };
	const char *x[3] = { "2025-01", "2025-02", "2025-03" };
	double v[3] = { 0.8, SVG_NONE, 0.9 };
	const char *rows[1] = { "SL" }, *cols[2] = { "1", "2" };
	enum svg_cell cells[2] = { SVG_CELL_MET, SVG_CELL_MISSED };
	const char *legend[4] = { "no data", "missed", "met", "stable" };
	(void)state;
	for (int i = 0; i < 2; i++) {
		struct buf *o = i ? &b : &a;
		svg_bar_chart(o, "T<1>", bars, 2, 100, "n/a", NULL);
		svg_line_chart(o, "L", x, v, 3, 1, 0.85, "target 0.85", NULL);
		svg_grid(o, "G", rows, 1, cols, 2, cells, legend);
	}
	assert_string_equal(a.data, b.data);
	assert_non_null(strstr(a.data, "&lt;script&gt;"));
	assert_null(strstr(a.data, "<script>"));
	assert_non_null(strstr(a.data, "href=\"/x?a=1&amp;b=2\""));
	assert_non_null(strstr(a.data, "n/a &quot;q&quot;"));
	assert_non_null(strstr(a.data, "aria-label=\"T&lt;1&gt;\""));
	assert_non_null(strstr(a.data, "stroke-dasharray"));
	/* The gap splits the line into two paths. */
	assert_non_null(strstr(strstr(a.data, "<path") + 1, "<path"));
	assert_null(strstr(a.data, "style="));
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(web_routes_sorted_by_pattern_then_method),
		cmocka_unit_test(web_routes_every_private_route_names_roles),
		cmocka_unit_test(web_route_find_matches_and_405),
		cmocka_unit_test(web_record_writers_cover_every_kind),
		cmocka_unit_test(web_policy_status_only_through_actions),
		cmocka_unit_test(web_nav_and_buttons_agree_with_routes),
		cmocka_unit_test(web_msg_catalog_sorted_and_complete),
		cmocka_unit_test(web_jsonin_keeps_number_text),
		cmocka_unit_test(web_forms_and_multipart),
		cmocka_unit_test(svg_escapes_and_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
