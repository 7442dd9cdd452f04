/* SPDX-License-Identifier: MIT */
/* The evaluation model (parse, validate, canonical JSON, diff, fiscal
 * years, scoring functions, grades) and the one number formatter. */
#include "test_engine_fixture.h"
#include "report/model_diff_text.h"

#include "embedded.h"

static char *ld(long double v, int decimals)
{
	struct buf b = BUF_INIT;
	numfmt_ld(&b, v, decimals);
	return buf_detach(&b, NULL);
}

static char *micro(wide_t v, int decimals)
{
	struct buf b = BUF_INIT;
	numfmt_micro(&b, v, decimals);
	return buf_detach(&b, NULL);
}

#define assert_fmt(expr, want) do { char *s_ = (expr); assert_string_equal(s_, want); free(s_); } while (0)

static void round_half_away_from_zero(void **state)
{
	(void)state;
	assert_fmt(ld(0.125L, 2), "0.13");
	assert_fmt(ld(-0.125L, 2), "-0.13");
	assert_fmt(ld(2.5L, 0), "3");
	assert_fmt(ld(-2.5L, 0), "-3");
	assert_fmt(ld(0.00005L, 4), "0.0001");
	assert_fmt(ld(-0.00005L, 4), "-0.0001");
	/* binary error at an exact half: 57/200 = 0.285, 1.005 as a double */
	assert_fmt(ld((long double)57 / 200, 2), "0.29");
	assert_fmt(ld(1.005, 2), "1.01");
	assert_fmt(ld(100.0L * (0.8L - 0.6L) / (0.95L - 0.6L), 2), "57.14");
	assert_fmt(ld((long double)2 / 3, 4), "0.6667");
	assert_fmt(ld(0.124999L, 2), "0.12");
	assert_fmt(ld(3, 2), "3.00");
	assert_fmt(ld(100, 2), "100.00");
	assert_fmt(ld(123456789.5L, 0), "123456790");
}

static void round_never_negative_zero(void **state)
{
	(void)state;
	assert_fmt(ld(-0.004L, 2), "0.00");
	assert_fmt(ld(-0.0L, 2), "0.00");
	assert_fmt(ld(-0.00004L, 4), "0.0000");
	assert_fmt(micro(-4999, 2), "0.00");
	assert_fmt(micro(-5000, 2), "-0.01");
}

static void round_micro_exact(void **state)
{
	(void)state;
	assert_fmt(micro(1234565000, 2), "1234.57");
	assert_fmt(micro(1234564999, 2), "1234.56");
	assert_fmt(micro(0, 2), "0.00");
	assert_fmt(micro(MICRO_ONE, 2), "1.00");
	assert_fmt(micro((wide_t)9000000000000000000LL * 1000, 2), "9000000000000000.00");
	assert_fmt(micro(1500000, 0), "2");
}

static struct model *parse(const char *json, struct buf *err)
{
	struct model *m = NULL;
	model_parse(json, strlen(json), "model.json", &m, err);
	return m;
}

static void model_default_is_canonical(void **state)
{
	(void)state;
	struct model *m = fx_default_model();
	const struct embedded_file *f = embedded_find("model-default.json");
	char *json = model_to_json(m);
	assert_non_null(f);
	/* the asset is written in canonical form, so `model show` prints it */
	assert_int_equal(strlen(json), f->size);
	assert_memory_equal(json, f->data, f->size);
	struct buf err = BUF_INIT;
	struct model *again = parse(json, &err);
	assert_non_null(again);
	char *json2 = model_to_json(again);
	assert_string_equal(json, json2);
	struct buf diff = BUF_INIT;
	assert_int_equal(report_model_diff(m, again, LANG_EN, DIFF_FORMULAS, &diff), 0);
	assert_string_equal(diff.data, "");
	free(json);
	free(json2);
	buf_release(&err);
	buf_release(&diff);
	model_free(again);
	model_free(m);
}

static void model_default_parameters(void **state)
{
	(void)state;
	struct model *m = fx_default_model();
	assert_int_equal(m->stabilization_run_months, 3);
	assert_int_equal(m->sales_window_years, 2);
	assert_int_equal(m->fiscal_year_first_month, 1);
	assert_int_equal(m->rollup_weighting, ROLLUP_VALUE);
	assert_true(m->required_margin[RISK_MEDIUM] == 0.12);
	assert_true(m->reference_weight[REF_REFERRAL] == 2);
	assert_int_equal(m->orgs[ORG_SALES].n_criteria, 9);
	assert_int_equal(m->orgs[ORG_OPERATIONS].n_criteria, 9);
	assert_string_equal(m->orgs[ORG_SALES].categories[0].criteria[0].name.ko,
			    "운영에 필요한 인프라/시스템 구축 완성도");
	assert_true(m->orgs[ORG_OPERATIONS].categories[0].weight == 40);
	const struct model_criterion *o11 = model_find_criterion(m, "O1.1");
	assert_int_equal(o11->n_measures, 2);
	assert_true(o11->measures[1].scoring.full == 0.10);
	model_free(m);
}

static void model_validation_errors(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	char *json = fx_default_json_with("\"weight\": 35,\n          \"criteria\"",
				       "\"weight\": 0,\n          \"criteria\"");
	char *j2 = NULL, *j3 = NULL;
	assert_null(parse(json, &err));
	assert_string_equal(err.data,
		"model.json: organizations[0].categories[1].weight: must be > 0\n");
	buf_reset(&err);
	j2 = fx_default_json_with("\"S3.3\"", "\"S9.9\"");
	free(json);
	json = fx_default_json_with("\"fn\": \"linear\", \"zero\": 0.5, \"full\": 1}", "\"fn\": \"linear\", \"zero\": 1, \"full\": 1}");
	assert_null(parse(j2, &err));
	assert_string_equal(err.data,
		"model.json: organizations[0].categories[2].criteria[2].id: unknown criterion 'S9.9'\n");
	buf_reset(&err);
	assert_null(parse(json, &err));
	assert_string_equal(err.data,
		"model.json: organizations[0].categories[0].criteria[0].measures[0].scoring.full: must differ from zero\n");
	buf_reset(&err);
	/* every problem, one per line */
	j3 = fx_default_json_with("\"stabilization_run_months\": 3", "\"stabilization_run_months\": 0, \"colour\": 1");
	free(json);
	json = fx_default_json_with("\"O1.2\"", "\"S1.1\"");
	assert_null(parse(j3, &err));
	assert_string_equal(err.data,
		"model.json: colour: unknown key\n"
		"model.json: stabilization_run_months: must be between 1 and 24\n");
	buf_reset(&err);
	assert_null(parse(json, &err));
	assert_string_equal(err.data,
		"model.json: organizations[1].categories[0].criteria[1].id: criterion 'S1.1' belongs to organization 'sales'\n");
	buf_reset(&err);
	assert_null(parse("{\"name\": ", &err));
	assert_true(!strncmp(err.data, "model.json:1:", 13));
	free(json);
	free(j2);
	free(j3);
	buf_release(&err);
}

static void model_fiscal_year(void **state)
{
	(void)state;
	struct model *m = fx_default_model();
	assert_int_equal(model_year_first_day(m, 2025), D("2025-01-01"));
	assert_int_equal(model_year_last_day(m, 2025), D("2025-12-31"));
	m->fiscal_year_first_month = 4;
	assert_int_equal(model_year_first_day(m, 2025), D("2025-04-01"));
	assert_int_equal(model_year_last_day(m, 2025), D("2026-03-31"));

	struct dataset *ds = fx_new();
	fx_client(ds, "X");
	int c = fx_contract(ds, "C1", 0, "voice", "2025-04-01");
	fx_proposal(ds, "P1", 0, c, ORIGIN_OPERATIONS, "2026-03-31", PROP_REVIEW);
	fx_proposal(ds, "P2", 0, c, ORIGIN_OPERATIONS, "2025-03-31", PROP_REVIEW);
	fx_contract(ds, "C2", 0, "voice", "2026-03-31");
	fx_contract(ds, "C3", 0, "voice", "2023-03-31");   /* before FY2024 */
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,C1,operations,O2.2,1.00,50.00,1.00,1.0000");
	assert_row(csv, "contract,C2,sales,total,,100.00,1000.00,0.1111");
	assert_no_row(csv, "contract,C3,sales");
	free(csv);
	fx_free(ds);
	model_free(m);
}

static void model_diff_lines(void **state)
{
	(void)state;
	struct buf err = BUF_INIT, out = BUF_INIT;
	struct model *a = fx_default_model();
	char *j1 = fx_default_json_with("\"zero\": 0.6, \"full\": 0.95", "\"zero\": 0.7, \"full\": 0.95");
	struct model *b = parse(j1, &err);
	assert_non_null(b);
	b->orgs[ORG_SALES].categories[0].weight = 25;
	b->rollup_weighting = ROLLUP_EQUAL;
	assert_int_equal(report_model_diff(a, b, LANG_EN, DIFF_FORMULAS, &out), 3);
	assert_string_equal(out.data,
		"roll-up weighting: value → equal\n"
		"weight of category S1: 30 → 25\n"
		"S2.1 scoring: linear(0.6, 0.95) → linear(0.7, 0.95)\n");
	/* for people: the scoring in words (ratios as %), enum values and
	 * required margins in the reader's language */
	b->required_margin[RISK_HIGH] = 0.2;
	buf_reset(&out);
	assert_int_equal(report_model_diff(a, b, LANG_EN, DIFF_WORDS, &out), 4);
	assert_string_equal(out.data,
		"roll-up weighting: annual value → equal\n"
		"required margin (high): 18% → 20%\n"
		"weight of category S1: 30 → 25\n"
		"S2.1 scoring: 0 points at 60% or less, 100 at 95% or more, in proportion between"
		" (linear(0.6, 0.95)) → 0 points at 70% or less, 100 at 95% or more, in proportion"
		" between (linear(0.7, 0.95))\n");
	buf_reset(&out);
	assert_int_equal(report_model_diff(a, b, LANG_KO, DIFF_WORDS, &out), 4);
	assert_string_equal(out.data,
		"집계 가중 방식: 연간 계약금액 → 균등\n"
		"요구 마진(높음): 18% → 20%\n"
		"평가 영역 S1의 가중치: 30 → 25\n"
		"S2.1 채점 방식: 60% 이하 0점, 95% 이상 100점, 그 사이는 비례 (linear(0.6, 0.95))"
		" → 70% 이하 0점, 95% 이상 100점, 그 사이는 비례 (linear(0.7, 0.95))\n");
	free(j1);
	buf_release(&err);
	buf_release(&out);
	model_free(a);
	model_free(b);
}

static void model_bands_scoring(void **state)
{
	(void)state;
	struct band lower[] = { { 1.0, 100 }, { 1.5, 60 } };
	struct band higher[] = { { 0.95, 100 }, { 0.8, 50 } };
	struct scoring lo = { SCORING_BANDS, 0, 0, 1, lower, 2, 0 };
	struct scoring hi = { SCORING_BANDS, 0, 0, 0, higher, 2, 10 };
	assert_true(model_apply_scoring(&lo, 1.0L) == 100);
	assert_true(model_apply_scoring(&lo, 1.2L) == 60);
	assert_true(model_apply_scoring(&lo, 1.5L) == 60);
	assert_true(model_apply_scoring(&lo, 1.6L) == 0);
	assert_true(model_apply_scoring(&hi, (long double)19 / 20) == 100);
	assert_true(model_apply_scoring(&hi, 0.9L) == 50);
	assert_true(model_apply_scoring(&hi, 0.1L) == 10);

	struct buf err = BUF_INIT, text = BUF_INIT;
	char *json = fx_default_json_with("{\"fn\": \"linear\", \"zero\": 3, \"full\": 1}",
		"{\"fn\": \"bands\", \"better\": \"lower\", \"bands\": [{\"threshold\": 1, \"score\": 100}, {\"threshold\": 0.5, \"score\": 50}], \"otherwise\": 0}");
	assert_null(parse(json, &err));
	assert_string_equal(err.data,
		"model.json: organizations[0].categories[2].criteria[0].measures[0].scoring.bands[1].threshold: must be greater than the band before (better = lower)\n");
	model_scoring_text(&lo, &text);
	assert_string_equal(text.data, "bands(lower: ≤1→100, ≤1.5→60, else 0)");
	free(json);
	buf_release(&err);
	buf_release(&text);
}

static void model_grade_bands(void **state)
{
	(void)state;
	struct model *m = fx_default_model();
	assert_string_equal(model_grade(m, 100), "S");
	assert_string_equal(model_grade(m, 90), "S");
	assert_string_equal(model_grade(m, 89.99L), "A");
	assert_string_equal(model_grade(m, 80), "A");
	assert_string_equal(model_grade(m, 70), "B");
	assert_string_equal(model_grade(m, 60), "C");
	assert_string_equal(model_grade(m, 59.99L), "D");
	assert_string_equal(model_grade(m, 0), "D");
	/* a grade agrees with the printed score: 89.995 prints 90.00 */
	assert_string_equal(model_grade(m, numfmt_round(89.995L, 2)), "S");
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_half_away_from_zero),
		cmocka_unit_test(round_never_negative_zero),
		cmocka_unit_test(round_micro_exact),
		cmocka_unit_test(model_default_is_canonical),
		cmocka_unit_test(model_default_parameters),
		cmocka_unit_test(model_validation_errors),
		cmocka_unit_test(model_fiscal_year),
		cmocka_unit_test(model_diff_lines),
		cmocka_unit_test(model_bands_scoring),
		cmocka_unit_test(model_grade_bands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
