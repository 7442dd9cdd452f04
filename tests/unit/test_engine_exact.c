/* SPDX-License-Identifier: MIT */
/* Exactness of the model's numbers (issue 17): band thresholds compared
 * with exact values, linear bounds and grade minimums read as the decimals
 * written, rounding of a score just below a half, and the model refusing a
 * category id equal to a criterion id. */
#include "test_engine_fixture.h"

#include "engine/exact.h"

static struct model *parse_or_fail(const char *json)
{
	struct buf err = BUF_INIT;
	struct model *m = NULL;
	if (model_parse(json, strlen(json), "model.json", &m, &err))
		fail_msg("%s", err.data);
	buf_release(&err);
	return m;
}

static void model_category_id_equal_to_criterion_refused(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	struct model *m = NULL;
	/* category S2 renamed S1.1 (a criterion of its own organization) */
	char *json = fx_default_json_with("\"id\": \"S2\"", "\"id\": \"S1.1\"");
	assert_int_equal(model_parse(json, strlen(json), "model.json", &m, &err), -1);
	assert_null(m);
	assert_string_equal(err.data, "model.json: organizations[sales].categories[1].id: "
			    "'S1.1' is a criterion id; a category needs another id\n");
	xfree(json);
	buf_reset(&err);
	/* an operations category named like a sales criterion */
	json = fx_default_json_with("\"id\": \"O3\"", "\"id\": \"S3.3\"");
	assert_int_equal(model_parse(json, strlen(json), "model.json", &m, &err), -1);
	assert_string_equal(err.data, "model.json: organizations[operations].categories[2].id: "
			    "'S3.3' is a criterion id; a category needs another id\n");
	xfree(json);
	buf_release(&err);
}

static void exact_decimal_of_model_numbers(void **state)
{
	(void)state;
	wide_t n, d;
	assert_int_equal(exact_decimal(0.7499999999, &n, &d), 0);
	assert_true(n == 7499999999 && d == 10000000000LL);
	assert_int_equal(exact_decimal(-1.5, &n, &d), 0);
	assert_true(n == -15 && d == 10);
	assert_int_equal(exact_decimal(30, &n, &d), 0);
	assert_true(n == 30 && d == 1);
	assert_int_equal(exact_decimal(1e-07, &n, &d), 0);
	assert_true(n == 1 && d == 10000000);
	assert_int_equal(exact_decimal(1e300, &n, &d), -1);
	assert_true(exact_cmp(3, 4, 7499999999, 10000000000LL) == 1);
	assert_true(exact_cmp(3, 4, 75, 100) == 0);
	assert_true(exact_cmp(-3, 4, -75, 100) == 0);
	assert_true(exact_cmp(-3, 4, -7499999999, 10000000000LL) == -1);
	/* products beyond 128 bits still compare exactly */
	wide_t big = (wide_t)1 << 100;
	assert_true(exact_cmp(big + 1, big, big, big - 1) == -1);
	assert_true(exact_ld(0.95) == 0.95L);
}

/* S1.1 exactly 0.75 (3 of 4 required items done) under bands at
 * 0.7499999999 (better = lower): the value is above the threshold, so the
 * band is not reached. */
static void band_threshold_compared_exactly(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int cl = fx_client(ds, "CL");
	int c = fx_contract(ds, "K", cl, "voice", "2025-03-01");
	fx_readiness(ds, c, "a", 1, "2025-02-01");
	fx_readiness(ds, c, "b", 1, "2025-02-01");
	fx_readiness(ds, c, "c", 1, "2025-02-01");
	fx_readiness(ds, c, "d", 1, NULL);
	const char *linear = "\"fn\": \"linear\", \"zero\": 0.5, \"full\": 1}";
	char *json = fx_default_json_with(linear,
		"\"fn\": \"bands\", \"better\": \"lower\", \"bands\": [{\"threshold\": 0.7499999999, "
		"\"score\": 100}], \"otherwise\": 0}");
	struct model *m = parse_or_fail(json);
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S1.1,0.7500,0.00,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	/* on the threshold exactly: reached */
	json = fx_default_json_with(linear,
		"\"fn\": \"bands\", \"better\": \"lower\", \"bands\": [{\"threshold\": 0.75, "
		"\"score\": 100}], \"otherwise\": 0}");
	m = parse_or_fail(json);
	csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S1.1,0.7500,100.00,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	/* higher is better, a threshold a hair above the value: not reached */
	json = fx_default_json_with(linear,
		"\"fn\": \"bands\", \"better\": \"higher\", \"bands\": [{\"threshold\": 0.7500000001, "
		"\"score\": 100}], \"otherwise\": 40}");
	m = parse_or_fail(json);
	csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S1.1,0.7500,40.00,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	fx_free(ds);

	/* the same with values given directly: 19/20 reaches 0.95 */
	struct band b[] = { { 0.95, 100, 0, 0, 0 } };
	struct scoring hi = { SCORING_BANDS, 0, 0, 0, b, 1, 10, 0, 0, 0 };
	assert_true(model_apply_scoring_exact(&hi, 19.0L / 20, 19, 20) == 100);
	assert_true(model_apply_scoring_exact(&hi, 0.9499999999L, 9499999999, 10000000000LL) == 10);
	assert_true(model_apply_scoring(&hi, 19.0L / 20) == 100);
}

/* S2.2 = (revenue − cost)/revenue ÷ margin, exactly 1 with margin 0.12:
 * a band at 1 (higher) is reached, one at 1.0000000001 is not. */
static void band_threshold_margin_exact(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int cl = fx_client(ds, "CL");
	int c = fx_contract(ds, "K", cl, "voice", "2025-03-01");
	ds->contracts[c].risk_tier = RISK_MEDIUM;
	fx_financial(ds, c, "2025-03", "1000", "880");
	const char *s22 = "\"fn\": \"linear\", \"zero\": 0, \"full\": 1}";
	char *json = fx_default_json_with(s22,
		"\"fn\": \"bands\", \"better\": \"higher\", \"bands\": [{\"threshold\": 1, "
		"\"score\": 100}], \"otherwise\": 0}");
	struct model *m = parse_or_fail(json);
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S2.2,1.0000,100.00,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	json = fx_default_json_with(s22,
		"\"fn\": \"bands\", \"better\": \"higher\", \"bands\": [{\"threshold\": 1.0000000001, "
		"\"score\": 100}], \"otherwise\": 0}");
	m = parse_or_fail(json);
	csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S2.2,1.0000,0.00,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	fx_free(ds);
}

/* One scope change under linear(−11.344999999995, 88.655000000005) scores
 * exactly 100·(1 + 11.344999999995)/100 = 12.344999999995: 12.34. */
static void score_just_below_half_rounds_down(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	numfmt_ld(&b, 12.344999999995L, 2);
	assert_string_equal(b.data, "12.34");
	buf_reset(&b);
	numfmt_ld(&b, 12.345L, 2);
	assert_string_equal(b.data, "12.35");
	buf_release(&b);

	struct dataset *ds = fx_new();
	int cl = fx_client(ds, "CL");
	int c = fx_contract(ds, "K", cl, "voice", "2025-03-01");
	fx_scope(ds, c, "2025-04-01");
	char *json = fx_default_json_with("\"fn\": \"linear\", \"zero\": 5, \"full\": 0}",
		"\"fn\": \"linear\", \"zero\": -11.344999999995, \"full\": 88.655000000005}");
	struct model *m = parse_or_fail(json);
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,K,sales,S2.3,1.00,12.34,1.00,1.0000");
	xfree(csv);
	model_free(m);
	xfree(json);
	fx_free(ds);
}

/* A grade minimum is the decimal written: a total printed 80.01 reaches a
 * minimum of 80.01 (the double 80.01 is a little above 80.01). */
static void grade_minimum_exact(void **state)
{
	(void)state;
	struct model *m = fx_default_model();
	m->grades[1].min = 80.01;
	assert_string_equal(model_grade(m, numfmt_round(80.005L, 2)), "A");
	assert_string_equal(model_grade(m, numfmt_round(80.0049L, 2)), "B");
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_category_id_equal_to_criterion_refused),
		cmocka_unit_test(exact_decimal_of_model_numbers),
		cmocka_unit_test(band_threshold_compared_exactly),
		cmocka_unit_test(band_threshold_margin_exact),
		cmocka_unit_test(score_just_below_half_rounds_down),
		cmocka_unit_test(grade_minimum_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
