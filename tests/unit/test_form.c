/* SPDX-License-Identifier: MIT */
/* Unit tests for src/web/form.c: a record kind's fields come from the
 * schema (kinds, references, required and locked keys, errors by column),
 * and html_form() renders them — values escaped, errors beside their
 * fields, an ambiguous name's candidates as buttons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "web/web_impl.h"

static const struct form_field *field(const struct form_field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return &f[i];
	fail_msg("no field %s", name);
	return NULL;
}

static void form_fields_from_schema(void **state)
{
	struct request req;
	size_t n;
	(void)state;
	memset(&req, 0, sizeof req);
	req.lang = "en";
	const struct table *t = schema_find("contracts");
	const char **values = arena_alloc(&req.arena, t->n_columns * sizeof *values);
	memset(values, 0, t->n_columns * sizeof *values);
	values[0] = "K9";
	/* a problem about annual_value, as the app returns it: shown beside
	 * its field in the request's language, marked as rendered already */
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct problem *p = problems_add(&problems, "bad_number_syntax");
	p->table = "contracts";
	p->col = schema_column(t, "annual_value");
	problem_arg(p, "x", 1);
	problem_arg(p, "annual_value", 12);
	struct form_field *f = form_fields_of_table(&req, t, values, &problems, 1, &n);
	assert_int_equal(n, t->n_columns);
	assert_int_equal(field(f, n, "id")->kind, FIELD_TEXT);
	assert_true(field(f, n, "id")->flags & FIELD_LOCKED);
	assert_true(field(f, n, "id")->flags & FIELD_REQUIRED);
	assert_string_equal(field(f, n, "id")->value, "K9");
	assert_int_equal(field(f, n, "client_id")->kind, FIELD_REFERENCE);
	assert_string_equal(field(f, n, "client_id")->ref, "clients");
	assert_string_equal(field(f, n, "client_id")->placeholder, "name or id");
	assert_int_equal(field(f, n, "sales_owner")->kind, FIELD_REFERENCE);
	assert_string_equal(field(f, n, "sales_owner")->ref, "people");
	assert_int_equal(field(f, n, "parent_contract_id")->kind, FIELD_REFERENCE);
	assert_int_equal(field(f, n, "signed_on")->kind, FIELD_DATE);
	assert_int_equal(field(f, n, "annual_value")->kind, FIELD_AMOUNT);
	assert_string_equal(field(f, n, "annual_value")->error,
			    "bad number 'x' for annual_value: not a number (use '.' for decimals and no thousands separators)");
	assert_true(field(f, n, "annual_value")->flags & FIELD_ERROR_SHOWN);
	assert_null(field(f, n, "signed_on")->error);
	req.lang = "ko";
	f = form_fields_of_table(&req, t, values, &problems, 1, &n);
	assert_string_equal(field(f, n, "annual_value")->error,
			    "연간 계약금액에 잘못된 숫자 'x': 숫자가 아닙니다 (소수점은 '.', 천 단위 구분 기호 없이)");
	req.lang = "en";
	problems_release(&problems);
	assert_int_equal(field(f, n, "risk_tier")->kind, FIELD_ENUM);
	assert_string_equal(field(f, n, "risk_tier")->options[0], "low");
	assert_int_equal(field(f, n, "planned_ramp_days")->kind, FIELD_AMOUNT);
	/* a flag is a plain choice of 1 and 0 */
	const struct form_field *r = field(form_fields_of_table(&req, schema_find("readiness"), NULL, NULL, 0, &n),
					   n, "required");
	assert_int_equal(r->kind, FIELD_ENUM);
	assert_true(r->flags & FIELD_PLAIN_OPTIONS);
	/* a metric is no picker: its kind has no names */
	assert_int_equal(field(form_fields_of_table(&req, schema_find("sla_terms"), NULL, NULL, 0, &n), n,
			       "metric")->kind, FIELD_TEXT);
	arena_release(&req.arena);
}

static void html_form_renders_and_escapes(void **state)
{
	struct request req;
	struct buf o = BUF_INIT;
	static const char *const tiers[] = { "low", "high", NULL };
	struct named_record cands[] = { { "P-1", "오<현우>", 1 }, { "P-2", "오현정", 0 } };
	struct form_field fields[] = {
		{ .name = "title", .label = "Title", .code = "title", .kind = FIELD_TEXT,
		  .value = "\"<b>\"", .flags = FIELD_REQUIRED },
		{ .name = "owner", .label = "Owner", .kind = FIELD_REFERENCE, .ref = "people", .value = "오",
		  .error = "pick one", .candidates = cands, .n_candidates = 2 },
		{ .name = "tier", .label = "Tier", .kind = FIELD_ENUM, .options = tiers, .value = "high",
		  .flags = FIELD_REQUIRED | FIELD_PLAIN_OPTIONS },
	};
	struct form f = { .action = "/x?a=1&b=2", .fields = fields, .n_fields = 3, .submit_label = "Save <now>",
			  .has_errors = 1, .cancel_href = "/x" };
	(void)state;
	memset(&req, 0, sizeof req);
	req.lang = "en";
	req.logged_in = 1;
	memcpy(req.session.csrf, "abc", 4);
	html_form(&req, &o, &f);
	assert_non_null(strstr(o.data, "<div class=\"notice error\" role=\"alert\" id=\"form-errors\">"));
	assert_non_null(strstr(o.data, "action=\"/x?a=1&amp;b=2\">\n<input type=\"hidden\" name=\"csrf\" value=\"abc\">"));
	assert_non_null(strstr(o.data, "<input id=\"f-title\" name=\"title\" type=\"text\" value=\"&quot;&lt;b&gt;&quot;\" aria-required=\"true\">"));
	assert_non_null(strstr(o.data, "<label for=\"f-title\">Title <span class=\"colname\">title</span> <span class=\"req\""));
	assert_non_null(strstr(o.data, "<input id=\"f-owner\" name=\"owner\" type=\"text\" value=\"오\" list=\"f-owner-list\" data-suggest=\"people\" autocomplete=\"off\" aria-invalid=\"true\" aria-describedby=\"f-owner-err\">\n<datalist id=\"f-owner-list\"></datalist>"));
	assert_non_null(strstr(o.data, "<p class=\"field-error\" id=\"f-owner-err\">pick one</p>"));
	assert_non_null(strstr(o.data, "<li><button type=\"submit\" class=\"link\" name=\"pick.owner\" value=\"P-1\">오&lt;현우&gt; <span class=\"muted small\">P-1</span></button></li>"));
	assert_non_null(strstr(o.data, "<select id=\"f-tier\" name=\"tier\"><option value=\"low\">low</option><option value=\"high\" selected>high</option></select>"));
	assert_non_null(strstr(o.data, "<button type=\"submit\" class=\"primary\">Save &lt;now&gt;</button> <a href=\"/x\">Cancel</a></div>\n</form>\n"));
	assert_null(strstr(o.data, "<b>"));
	buf_release(&o);
	arena_release(&req.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_fields_from_schema),
		cmocka_unit_test(html_form_renders_and_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
