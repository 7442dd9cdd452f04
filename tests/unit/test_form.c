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

/* The kinds the pages' own forms need (issue 15 item 4): an upload sends
 * the form as multipart; a box to tick, several lines, a number with its
 * bounds, hidden answers, radios, option names given, an empty choice
 * named, help lines and an intro; a GET form has no CSRF field. */
static void html_form_page_kinds(void **state)
{
	struct request req;
	struct buf o = BUF_INIT;
	static const char *const enc[] = { "auto", "cp949", NULL };
	static const char *const enc_names[] = { "Detect", "CP949 <Korean>", NULL };
	static const char *const owners[] = { "P1", "P2", NULL };
	static const char *const owner_names[] = { "김<하나>", "이둘", NULL };
	struct form_field fields[] = {
		{ .name = "files", .id = "files", .label = "Files", .kind = FIELD_FILE,
		  .flags = FIELD_REQUIRED | FIELD_MULTIPLE, .accept = ".csv", .help = "CSV or <XLSX>" },
		{ .name = "dry_run", .id = "dry", .label = "Preview only", .kind = FIELD_CHECKBOX,
		  .flags = FIELD_CHECKED | FIELD_REQUIRED, .value = "1" },
		{ .name = "body", .label = "Map", .kind = FIELD_TEXTAREA, .flags = FIELD_CODE, .rows = 5,
		  .value = "{\"a\": \"<b>\"}", .maxlength = 900 },
		{ .name = "year", .id = "year", .label = "Year", .kind = FIELD_NUMBER, .min = 1001, .max = 9998,
		  .value = "2025" },
		{ .name = "commit", .kind = FIELD_HIDDEN, .value = "42\"" },
		{ .name = "encoding", .id = "encoding", .label = "Encoding", .kind = FIELD_RADIO, .options = enc,
		  .option_labels = enc_names, .value = "cp949" },
		{ .name = "owner", .id = "owner", .label = "Owner", .kind = FIELD_ENUM, .options = owners,
		  .option_labels = owner_names, .value = "P2", .empty_label = "everyone" },
	};
	struct form f = { .id = "upload", .action = "/import", .css = "stack", .fields = fields, .n_fields = 7,
			  .submit_label = "Check", .intro = "Read as <UTF-8>", .help = "Nothing is written" };
	(void)state;
	memset(&req, 0, sizeof req);
	req.lang = "en";
	req.logged_in = 1;
	memcpy(req.session.csrf, "abc", 4);
	html_form(&req, &o, &f);
	assert_non_null(strstr(o.data, "<form method=\"post\" id=\"upload\" class=\"stack\" enctype=\"multipart/form-data\" novalidate action=\"/import\">\n<input type=\"hidden\" name=\"csrf\" value=\"abc\"><p>Read as &lt;UTF-8&gt;</p>"));
	assert_non_null(strstr(o.data, "<input id=\"files\" name=\"files\" type=\"file\" accept=\".csv\" multiple aria-required=\"true\">\n<p class=\"muted small\">CSV or &lt;XLSX&gt;</p>"));
	/* a box says what it confirms: its label after it, no required mark */
	assert_non_null(strstr(o.data, "<div class=\"field check\"><label><input id=\"dry\" name=\"dry_run\" type=\"checkbox\" value=\"1\" checked required aria-required=\"true\"> Preview only</label>"));
	assert_non_null(strstr(o.data, "<textarea id=\"f-body\" name=\"body\" rows=\"5\" spellcheck=\"false\" maxlength=\"900\">{&quot;a&quot;: &quot;&lt;b&gt;&quot;}</textarea>"));
	assert_non_null(strstr(o.data, "<input id=\"year\" name=\"year\" type=\"number\" min=\"1001\" max=\"9998\" value=\"2025\">"));
	assert_non_null(strstr(o.data, "<input type=\"hidden\" name=\"commit\" value=\"42&quot;\">"));
	assert_non_null(strstr(o.data, "<fieldset id=\"encoding\"><legend>Encoding</legend><label><input type=\"radio\" name=\"encoding\" value=\"auto\"> Detect</label> <label><input type=\"radio\" name=\"encoding\" value=\"cp949\" checked> CP949 &lt;Korean&gt;</label> </fieldset>"));
	assert_non_null(strstr(o.data, "<select id=\"owner\" name=\"owner\"><option value=\"\">everyone</option><option value=\"P1\">김&lt;하나&gt;</option><option value=\"P2\" selected>이둘</option></select>"));
	assert_non_null(strstr(o.data, "<p class=\"muted small\">Nothing is written</p>\n<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">Check</button></div>"));
	assert_null(strstr(o.data, "<b>"));
	buf_reset(&o);
	/* a view's GET form: no CSRF field, a plain button */
	struct form_field y = form_year_field(&req, "year", "y", "score.year", 2024);
	html_view_form(&req, &o, "v", "/credits", &y, 1);
	assert_string_equal(o.data, "<form method=\"get\" id=\"v\" class=\"filters\" novalidate action=\"/credits\">\n"
			    "<div class=\"field\"><label for=\"y\">Year</label>\n"
			    "<input id=\"y\" name=\"year\" type=\"number\" min=\"1001\" max=\"9998\" value=\"2024\">\n"
			    "</div>\n<div class=\"form-actions\"><button type=\"submit\">Show</button></div>\n</form>\n");
	buf_release(&o);
	arena_release(&req.arena);
}

/* An action of a button in a line: hidden answers, a typed note with a
 * label for screen readers, a disabled button with its reason, a class, a
 * confirmation asked first, a form the browser checks. */
static void html_form_inline_actions(void **state)
{
	struct request req;
	struct buf o = BUF_INIT;
	struct form_field note[] = {
		{ .name = "note", .id = "note-7", .label = "Note", .kind = FIELD_TEXT,
		  .flags = FIELD_REQUIRED | FIELD_LABEL_HIDDEN, .maxlength = 2000, .placeholder = "Note" },
	};
	struct form reject = { .action = "/changes/7/reject", .inline_form = 1, .fields = note, .n_fields = 1,
			       .plain_submit = 1, .submit_label = "Reject" };
	struct form win = { .action = "/proposals/P1/win", .inline_form = 1, .disabled_by = "gate-shut",
			    .submit_label = "Mark won" };
	struct form del = { .action = "/records/x/delete", .css = "danger-zone", .submit_class = "danger",
			    .confirm = "Delete <it>?", .validate = 1, .submit_label = "Delete" };
	(void)state;
	memset(&req, 0, sizeof req);
	req.lang = "en";
	req.logged_in = 1;
	memcpy(req.session.csrf, "abc", 4);
	html_form(&req, &o, &reject);
	assert_string_equal(o.data, "<form method=\"post\" class=\"inline\" novalidate action=\"/changes/7/reject\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"abc\">"
			    "<label class=\"visually-hidden\" for=\"note-7\">Note <span class=\"req\" aria-hidden=\"true\">*</span>"
			    "<span class=\"visually-hidden\">(required)</span></label>"
			    "<input id=\"note-7\" name=\"note\" type=\"text\" value=\"\" maxlength=\"2000\" placeholder=\"Note\" aria-required=\"true\">\n"
			    " <button type=\"submit\">Reject</button></form>");
	buf_reset(&o);
	html_form(&req, &o, &win);
	assert_string_equal(o.data, "<form method=\"post\" class=\"inline\" novalidate action=\"/proposals/P1/win\">"
			    "<input type=\"hidden\" name=\"csrf\" value=\"abc\">"
			    "<button type=\"submit\" disabled aria-describedby=\"gate-shut\">Mark won</button></form>");
	buf_reset(&o);
	html_form(&req, &o, &del);
	assert_non_null(strstr(o.data, "<form method=\"post\" class=\"danger-zone\" data-confirm=\"Delete &lt;it&gt;?\" action=\"/records/x/delete\">"));
	assert_non_null(strstr(o.data, "<button type=\"submit\" class=\"danger\">Delete</button>"));
	buf_release(&o);
	arena_release(&req.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_fields_from_schema),
		cmocka_unit_test(html_form_renders_and_escapes),
		cmocka_unit_test(html_form_page_kinds),
		cmocka_unit_test(html_form_inline_actions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
