/* SPDX-License-Identifier: MIT */
/* domain/validate.c (a record's cells checked against the schema and the
 * row rules, problems as values), report/problems.c (their sentences in
 * English and Korean, git-style positions), the shared date and decimal
 * primitives of the importer's fast path, and io/preview_json.c (problems
 * and previews to JSON and back). Every assertion is an exact value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/validate.h"
#include "io/preview_json.h"
#include "report/problems.h"

/* Cells of table t from text values (NULL = empty), in schema order. */
static void cells_of(const struct table *t, const char *const *values, struct cell *cells)
{
	for (size_t i = 0; i < t->n_columns; i++) {
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].text = values[i] ? values[i] : "";
		cells[i].len = values[i] ? strlen(values[i]) : 0;
	}
}

/* The message of the only problem of one cell of column name. */
static void one_cell(const char *table, const char *column, const char *text, const char *code,
		     const char *english, const char *korean)
{
	const struct table *t = schema_find(table);
	int col = schema_column(t, column);
	struct cell c = { text, strlen(text), 0, 0, 0 };
	struct problem_list l;
	struct buf en = BUF_INIT, ko = BUF_INIT;
	problems_init(&l, 0);
	assert_int_equal(validate_cell(t, col, &c, &l), -1);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].code, code);
	assert_string_equal(l.items[0].table, table);
	assert_int_equal(l.items[0].col, col);
	problem_message(&l.items[0], LANG_EN, &en);
	assert_string_equal(en.data, english);
	if (korean) {
		problem_message(&l.items[0], LANG_KO, &ko);
		assert_string_equal(ko.data, korean);
	}
	problems_release(&l);
	buf_release(&en);
	buf_release(&ko);
}

static void validate_cells_by_type(void **state)
{
	(void)state;
	one_cell("contracts", "annual_value", "", "field_required", "annual_value is required",
		 "연간 계약금액은(는) 필수입니다");
	one_cell("clients", "name", "a\001b", "control_char", "name contains a control character", NULL);
	one_cell("clients", "id", " C1", "id_spaces",
		 "id ' C1' has leading or trailing spaces or control characters", NULL);
	char long_id[202];
	memset(long_id, 'x', 201);
	long_id[201] = '\0';
	one_cell("clients", "id", long_id, "too_long", "id is longer than 200 bytes", NULL);
	one_cell("contracts", "signed_on", "2026-02-30", "bad_date",
		 "bad date '2026-02-30' for signed_on (expected YYYY-MM-DD, a day that exists)", NULL);
	one_cell("financials", "month", "2026-13", "bad_month",
		 "bad month '2026-13' for month (expected YYYY-MM)", NULL);
	one_cell("contracts", "annual_value", "450,000,000", "bad_number_syntax",
		 "bad number '450,000,000' for annual_value: not a number (use '.' for decimals and"
		 " no thousands separators)",
		 "연간 계약금액에 잘못된 숫자 '450,000,000': 숫자가 아닙니다 (소수점은 '.', 천 단위 구분 기호 없이)");
	one_cell("sla_metrics", "target", "0.1234567", "bad_number_precision",
		 "bad number '0.1234567' for target: more than 6 decimals", NULL);
	one_cell("contracts", "annual_value", "-5", "negative_amount",
		 "negative amount '-5' for annual_value", NULL);
	one_cell("sla_terms", "at_risk_pct", "100.5", "pct_range", "at_risk_pct 100.5 is outside 0 to 100",
		 NULL);
	one_cell("contracts", "planned_ramp_days", "3.5", "bad_count",
		 "bad value '3.5' for planned_ramp_days (expected a whole number >= 0)", NULL);
	one_cell("manual_ratings", "concreteness", "6", "bad_rating",
		 "bad value '6' for concreteness (expected a whole number from 1 to 5)", NULL);
	one_cell("readiness", "required", "yes", "bad_flag_whole",
		 "bad value 'yes' for required (expected a whole number: 1 or 0)", NULL);
	one_cell("readiness", "required", "2", "bad_flag", "bad value '2' for required (expected 1 or 0)",
		 NULL);
	one_cell("contracts", "risk_tier", "urgent", "unknown_ref_expected",
		 "unknown risk_tier 'urgent' (expected low, medium or high)",
		 "없는 리스크 등급 'urgent' (허용: 낮음, 중간, 높음 중 하나)");
}

static void validate_cells_good(void **state)
{
	(void)state;
	const struct table *t = schema_find("contracts");
	struct problem_list l;
	struct cell c = { "1200000000.5", 12, 0, 0, 0 };
	problems_init(&l, 0);
	assert_int_equal(validate_cell(t, schema_column(t, "annual_value"), &c, &l), 0);
	assert_int_equal(c.present, 1);
	assert_int_equal(c.num, 1200000000500000LL);
	struct cell d = { "2025-03-15", 10, 0, 0, 0 };
	assert_int_equal(validate_cell(t, schema_column(t, "go_live_on"), &d, &l), 0);
	assert_int_equal(d.day, date_from_ymd(2025, 3, 15));
	struct cell e = { "", 0, 0, 0, 0 };
	assert_int_equal(validate_cell(t, schema_column(t, "end_on"), &e, &l), 0);
	assert_int_equal(e.present, 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 0);
	problems_release(&l);
}

static void validate_row_rules(void **state)
{
	(void)state;
	const struct table *t = schema_find("contracts");
	/* go-live before signing, an end before go-live, renewing itself. */
	const char *values[16] = { "K9", "C1", NULL, "2025-05-01", NULL, NULL, "2025-04-01",
				   "2025-03-01", "100", NULL, NULL, NULL, NULL, NULL, NULL, "K9" };
	struct cell cells[16];
	struct problem_list l;
	struct buf lines = BUF_INIT;
	problems_init(&l, 0);
	cells_of(t, values, cells);
	assert_int_equal(validate_row(t, cells, &l), 3);
	for (size_t i = 0; i < l.n; i++)
		problem_at(&l.items[i], "contracts.csv", NULL, 7, l.items[i].col + 1);
	problems_render(&l, LANG_EN, &lines);
	assert_string_equal(lines.data,
			    "contracts.csv:7:7: go_live_on 2025-04-01 is before signed_on 2025-05-01\n"
			    "contracts.csv:7:8: end_on 2025-03-01 is before go_live_on 2025-04-01\n"
			    "contracts.csv:7:16: contract 'K9' cannot refer to itself\n");
	assert_string_equal(l.items[2].value, "K9");
	assert_int_equal(l.items[2].col, 15);
	problems_release(&l);
	buf_release(&lines);

	/* A bad cell stops the row rules: one problem, not four. */
	values[8] = "abc";
	problems_init(&l, 0);
	cells_of(t, values, cells);
	assert_int_equal(validate_row(t, cells, &l), 1);
	assert_string_equal(l.items[0].code, "bad_number_syntax");
	problems_release(&l);

	const struct table *people = schema_find("people");
	const char *pv[4] = { "P9", "Kim", "kim.example.com", "U1" };
	struct cell pc[4];
	problems_init(&l, 0);
	cells_of(people, pv, pc);
	assert_int_equal(validate_row(people, pc, &l), 1);
	assert_string_equal(l.items[0].code, "bad_email");
	assert_string_equal(l.items[0].args[0], "kim.example.com");
	problems_release(&l);
}

static void validate_plain_denominator(void **state)
{
	(void)state;
	const struct table *t = schema_find("measurements");
	const char *values[5] = { "K1", "SL", "2025-03-15", "0.8", NULL };
	struct cell cells[5];
	struct problem_list l;
	problems_init(&l, 0);
	cells_of(t, values, cells);
	assert_int_equal(validate_row(t, cells, &l), 0);
	assert_int_equal(cells[3].num, 800000);
	assert_int_equal(cells[4].present, 0);
	assert_int_equal(cells[4].num, MICRO_ONE);
	values[4] = "1000";
	cells_of(t, values, cells);
	assert_int_equal(validate_row(t, cells, &l), 0);
	assert_int_equal(cells[4].num, 1000 * MICRO_ONE);
	problems_release(&l);
}

static void validate_list_keeps_max(void **state)
{
	(void)state;
	struct problem_list l;
	struct buf out = BUF_INIT;
	problems_init(&l, 2);
	for (int i = 0; i < 5; i++) {
		struct problem *p = problems_add(&l, "field_required");
		if (i < 2) {
			assert_non_null(p);
			problem_arg(p, "name", 4);
			problem_at(p, "clients.csv", NULL, (unsigned long)i + 2, 2);
		} else {
			assert_null(p);
		}
	}
	assert_int_equal(l.n, 2);
	assert_int_equal(l.total, 5);
	problems_render(&l, LANG_EN, &out);
	assert_string_equal(out.data, "clients.csv:2:2: name is required\n"
				      "clients.csv:3:2: name is required\n"
				      "... and 3 more errors\n");
	buf_reset(&out);
	problems_render(&l, LANG_KO, &out);
	assert_string_equal(out.data, "clients.csv:2:2: 이름은(는) 필수입니다\n"
				      "clients.csv:3:2: 이름은(는) 필수입니다\n"
				      "... 외 오류 3건\n");
	problems_release(&l);
	buf_release(&out);
}

static void validate_positions(void **state)
{
	(void)state;
	struct problem_list l;
	struct buf out = BUF_INIT;
	problems_init(&l, 0);
	struct problem *a = problems_add(&l, "text");
	problem_arg(a, "book.xlsx: not a workbook", 25);
	struct problem *b = problems_add(&l, "unknown_ref");
	problem_arg(b, "client", 6);
	problem_arg(b, "C404", 4);
	problem_at(b, "contracts", "book.xlsx:contracts!B3", 3, 2);
	struct problem *c = problems_add(&l, "no_sheet");
	problem_at(c, NULL, "book.xlsx", 0, 0);
	problems_render(&l, LANG_EN, &out);
	assert_string_equal(out.data, "book.xlsx: not a workbook\n"
				      "book.xlsx:contracts!B3: unknown client 'C404'\n"
				      "book.xlsx: no sheet is named as a record kind (contracts, people, ...)\n");
	buf_reset(&out);
	problem_line(b, LANG_KO, &out);
	assert_string_equal(out.data, "book.xlsx:contracts!B3: 없는 고객사 'C404'");
	problems_release(&l);
	buf_release(&out);
}

/* The importer's fast path reads with the same primitives as the cells. */
static void validate_primitives(void **state)
{
	(void)state;
	const char *s = "12.5,";
	micro_t v = 0;
	assert_ptr_equal(decimal_plain(s, s + 5, &v), s + 4);
	assert_int_equal(v, 12500000);
	assert_null(decimal_plain("1234567890123", "1234567890123" + 13, &v));
	assert_null(decimal_plain("1.1234567", "1.1234567" + 9, &v));
	assert_null(decimal_plain("-1", "-1" + 2, &v));
	assert_int_equal(decimal_parse("-1", 2, &v), DECIMAL_OK);
	assert_int_equal(v, -MICRO_ONE);
	assert_int_equal(decimal_parse("1234567890123", 13, &v), DECIMAL_OK);
	assert_int_equal(v, 1234567890123LL * MICRO_ONE);

	struct date_memo memo;
	month_t m;
	int d;
	memset(&memo, 0, sizeof memo);
	assert_int_equal(date_parse_memo("2024-02-29", &memo, &m, &d), 0);
	assert_int_equal(m, month_of_ymd(2024, 2));
	assert_int_equal(d, 29);
	assert_int_equal(date_parse_memo("2024-02-30", &memo, &m, &d), -1);
	assert_int_equal(date_parse_memo("2023-02-29", &memo, &m, &d), -1);
	assert_int_equal(date_parse_memo("2023-13-01", &memo, &m, &d), -1);
	int y, mo, da;
	assert_int_equal(date_parse_ymd("2024-12-31", 10, &y, &mo, &da), 0);
	assert_int_equal(y * 10000 + mo * 100 + da, 20241231);
	assert_int_equal(date_parse_ymd("2024-12-3x", 10, &y, &mo, &da), -1);
}

static void validate_json_round_trip(void **state)
{
	(void)state;
	struct problem_list l, back;
	struct preview p, pb;
	struct buf j = BUF_INIT, j2 = BUF_INIT;
	problems_init(&l, 1);
	struct problem *a = problems_add(&l, "bad_date");
	a->table = "contracts";
	a->col = 3;
	problem_value(a, "2026-02-30", 10);
	problem_arg(a, "2026-02-30", 10);
	problem_arg(a, "signed_on", 9);
	problem_at(a, "contracts.csv", NULL, 4, 4);
	problems_add(&l, "bad_date");
	problems_json(&l, &j);
	assert_string_equal(j.data, "{\"total\":2,\"items\":[{\"code\":\"bad_date\",\"table\":\"contracts\","
				    "\"col\":3,\"file\":\"contracts.csv\",\"where\":null,\"line\":4,\"column\":4,"
				    "\"value\":\"2026-02-30\",\"args\":[\"2026-02-30\",\"signed_on\"]}]}");
	assert_int_equal(problems_parse(j.data, &back), 0);
	problems_json(&back, &j2);
	assert_string_equal(j2.data, j.data);
	problems_release(&back);
	assert_int_equal(problems_parse("[1]", &back), -1);
	assert_int_equal(back.n, 0);

	memset(&p, 0, sizeof p);
	p.encoding = strdup("cp949");
	struct preview_file *f = preview_file(&p, "clients.csv", "clients");
	f->added = 1;
	f->changed = 1;
	f->unchanged = 7;
	preview_add_row(f, "C9", 2, 4, 0);
	struct preview_row *r = preview_add_row(f, "C2", 2, 3, 1);
	preview_add_cell(r, "industry", "보험", "금융");
	preview_add_cell(r, "referred_by", "C1", NULL);
	assert_ptr_equal(preview_file(&p, "clients.csv", "clients"), f);
	buf_reset(&j);
	preview_json(&p, &j);
	assert_string_equal(j.data,
			    "{\"encoding\":\"cp949\",\"files\":[{\"file\":\"clients.csv\",\"table\":\"clients\","
			    "\"added\":1,\"changed\":1,\"unchanged\":7,\"rows\":[{\"key\":\"C9\",\"line\":4,"
			    "\"changed\":false,\"cells\":[]},{\"key\":\"C2\",\"line\":3,\"changed\":true,"
			    "\"cells\":[{\"column\":\"industry\",\"before\":\"보험\",\"after\":\"금융\"},"
			    "{\"column\":\"referred_by\",\"before\":\"C1\",\"after\":null}]}]}]}");
	assert_int_equal(preview_parse(j.data, &pb), 0);
	buf_reset(&j2);
	preview_json(&pb, &j2);
	assert_string_equal(j2.data, j.data);
	/* At most PREVIEW_ROWS rows are kept. */
	for (int i = 0; i < PREVIEW_ROWS + 5; i++)
		preview_add_row(f, "X", 1, 9, 0);
	assert_int_equal(f->n_rows, PREVIEW_ROWS);
	problems_release(&l);
	problems_release(&back);
	preview_release(&p);
	preview_release(&pb);
	buf_release(&j);
	buf_release(&j2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validate_cells_by_type),
		cmocka_unit_test(validate_cells_good),
		cmocka_unit_test(validate_row_rules),
		cmocka_unit_test(validate_plain_denominator),
		cmocka_unit_test(validate_list_keeps_max),
		cmocka_unit_test(validate_positions),
		cmocka_unit_test(validate_primitives),
		cmocka_unit_test(validate_json_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
