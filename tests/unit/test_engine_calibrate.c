/* SPDX-License-Identifier: MIT */
/* Calibration of a model from past years (issue 17 item 1): nearest-rank
 * percentiles, direction, the cases that keep their bounds, and the
 * draft's bytes. The percentiles below are computed by hand. */
#include "test_engine_fixture.h"
#include "report/model_diff_text.h"

#include "engine/calibrate.h"

static void calibrate_percentile_nearest_rank(void **state)
{
	(void)state;
	const long double seven[] = { 1, 2, 3, 4, 5, 6, 7 };
	/* n = 7: P10 rank ceil(0.7) = 1, P50 rank ceil(3.5) = 4, P90 rank ceil(6.3) = 7 */
	assert_true(calibrate_percentile(seven, 7, 10) == 1);
	assert_true(calibrate_percentile(seven, 7, 50) == 4);
	assert_true(calibrate_percentile(seven, 7, 90) == 7);
	const long double twenty[] = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9 };
	/* n = 20: ranks 2, 10 and 18 exactly */
	assert_true(calibrate_percentile(twenty, 20, 10) == 0);
	assert_true(calibrate_percentile(twenty, 20, 50) == 4);
	assert_true(calibrate_percentile(twenty, 20, 90) == 8);
	const long double one[] = { 0.25L };
	assert_true(calibrate_percentile(one, 1, 10) == 0.25L);
	assert_true(calibrate_percentile(one, 1, 90) == 0.25L);
}

/* Ten sales contracts live in 2024, so each is a sales subject in 2024 and
 * 2025: contract i has i scope changes (S2.3), one accepted handover item
 * (S3.3, always 1: flat), and the first two have readiness items (S1.1:
 * 4 values, too few). Operations: relationship levels 1..5 on five
 * clients' contracts (O2.1). */
static struct dataset *history_fixture(void)
{
	struct dataset *ds = fx_new();
	int sales = fx_unit(ds, "SU", ORG_SALES, NO_INDEX);
	int rep = fx_person(ds, "rep", sales);
	for (int i = 0; i < 10; i++) {
		char id[32], cl[32], day[32];
		snprintf(cl, sizeof cl, "CL%d", i);
		snprintf(id, sizeof id, "K%d", i);
		int client = fx_client(ds, cl);
		int c = fx_contract(ds, id, client, "voice", "2024-01-15");
		ds->contracts[c].sales_owner = rep;
		for (int k = 0; k < i; k++) {
			snprintf(day, sizeof day, "2024-%02d-10", k + 2);
			fx_scope(ds, c, day);
		}
		fx_handover(ds, c, "manual", "2024-01-20");
		if (i < 2)
			fx_readiness(ds, c, "desk", 1, i ? "2024-01-10" : NULL);
		fx_relationship(ds, client, "2024-06-01", 1 + i / 2);
		fx_relationship(ds, client, "2025-06-01", 1 + i / 2);
	}
	return ds;
}

static const struct calib_measure *row_of(const struct calibration *c, const char *criterion,
					  const char *measure)
{
	for (size_t i = 0; i < c->n_rows; i++)
		if (!strcmp(c->rows[i].criterion, criterion) && !strcmp(c->rows[i].measure, measure))
			return &c->rows[i];
	fail_msg("no row %s %s", criterion, measure);
	return NULL;
}

static void run_calibration(const struct model *m, const struct dataset *ds,
			    struct model **draft, struct calibration **cal)
{
	struct buf err = BUF_INIT;
	struct scores *h[2];
	assert_int_equal(score_run(m, ds, 2024, &h[0], &err), 0);
	assert_int_equal(score_run(m, ds, 2025, &h[1], &err), 0);
	assert_int_equal(calibrate_run(m, (const struct scores *const *)h, 2, 2026, draft, cal, &err), 0);
	scores_free(h[0]);
	scores_free(h[1]);
	buf_release(&err);
}

static void calibrate_bounds_from_history(void **state)
{
	(void)state;
	struct dataset *ds = history_fixture();
	struct model *m = fx_default_model(), *draft;
	struct calibration *cal;
	run_calibration(m, ds, &draft, &cal);
	assert_int_equal(cal->year, 2026);
	assert_int_equal(cal->first_year, 2024);
	assert_int_equal(cal->last_year, 2025);

	/* S2.3: 0..9 twice (n = 20): P10 0, P50 4, P90 8; lower is better
	 * (linear(5, 0)), so zero = P90 = 8 and full = P10 = 0 */
	const struct calib_measure *r = row_of(cal, "S2.3", "scope_changes");
	assert_int_equal(r->outcome, CALIB_CHANGED);
	assert_int_equal(r->n, 20);
	assert_true(r->p10 == 0 && r->p50 == 4 && r->p90 == 8);
	assert_true(r->new_scoring.zero == 8 && r->new_scoring.full == 0);
	assert_true(r->old_scoring.zero == 5 && r->old_scoring.full == 0);

	/* O2.1: levels 1,1,2,2,3,3,4,4,5,5 in each year (n = 20): ranks 2, 10,
	 * 18 give 1, 3, 5: higher is better, zero = 1, full = 5 */
	r = row_of(cal, "O2.1", "relationship_level");
	assert_int_equal(r->outcome, CALIB_CHANGED);
	assert_int_equal(r->n, 20);
	assert_true(r->p10 == 1 && r->p50 == 3 && r->p90 == 5);
	assert_true(r->new_scoring.zero == 1 && r->new_scoring.full == 5);

	/* S1.1: two contracts × two years = 4 values: kept */
	r = row_of(cal, "S1.1", "ready_at_go_live");
	assert_int_equal(r->outcome, CALIB_TOO_FEW);
	assert_int_equal(r->n, 4);
	assert_true(r->new_scoring.zero == 0.5 && r->new_scoring.full == 1);

	/* S3.3: every value is 1: P10 = P90, kept */
	r = row_of(cal, "S3.3", "handover_accepted");
	assert_int_equal(r->outcome, CALIB_FLAT);
	assert_int_equal(r->n, 20);

	/* the draft: new bounds in place, weights and the rest unchanged */
	const struct model_criterion *cr = model_find_criterion(draft, "S2.3");
	assert_true(cr->measures[0].scoring.zero == 8 && cr->measures[0].scoring.full == 0);
	assert_true(model_find_criterion(draft, "S1.1")->measures[0].scoring.zero == 0.5);
	assert_int_equal(draft->year, 2026);
	for (int k = 0; k < 2; k++)
		for (size_t c = 0; c < m->orgs[k].n_categories; c++)
			assert_true(draft->orgs[k].categories[c].weight ==
				    m->orgs[k].categories[c].weight);
	struct buf diff = BUF_INIT;
	report_model_diff(m, draft, LANG_EN, DIFF_FORMULAS, &diff);
	assert_string_equal(diff.data,
		"description: The default evaluation model of SPEC §5 → calibrated for 2026 from "
		"2024-2025: all linear bounds = P10/P90 of each measure's per-contract values\n"
		"year: 0 → 2026\n"
		"S2.3 scoring: linear(5, 0) → linear(8, 0)\n");
	buf_release(&diff);

	/* the same data gives the same bytes */
	struct model *again;
	struct calibration *cal2;
	run_calibration(m, ds, &again, &cal2);
	char *a = model_to_json(draft), *b = model_to_json(again);
	assert_string_equal(a, b);
	xfree(a);
	xfree(b);
	calibration_free(cal2);
	model_free(again);
	calibration_free(cal);
	model_free(draft);
	model_free(m);
	fx_free(ds);
}

/* Bands are not calibrated; a calibrated draft scores like any model. */
static void calibrate_keeps_bands(void **state)
{
	(void)state;
	struct dataset *ds = history_fixture();
	struct model *m = fx_default_model(), *draft;
	struct calibration *cal;
	struct model_criterion *cr = (struct model_criterion *)model_find_criterion(m, "S2.3");
	static struct band bands[] = { { 1, 100 }, { 3, 50 } };
	cr->measures[0].scoring = (struct scoring){ SCORING_BANDS, 0, 0, 1, bands, 2, 0 };
	char *json = model_to_json(m);
	struct model *banded;
	struct buf err = BUF_INIT;
	cr->measures[0].scoring = (struct scoring){ SCORING_LINEAR, 5, 0, 0, NULL, 0, 0 };
	assert_int_equal(model_parse(json, strlen(json), "banded", &banded, &err), 0);
	xfree(json);
	run_calibration(banded, ds, &draft, &cal);
	const struct calib_measure *r = row_of(cal, "S2.3", "scope_changes");
	assert_int_equal(r->outcome, CALIB_BANDS);
	assert_int_equal(r->n, 20);
	assert_int_equal(model_find_criterion(draft, "S2.3")->measures[0].scoring.fn, SCORING_BANDS);

	calibration_free(cal);
	model_free(draft);
	/* K3 has 3 scope changes: linear(8, 0) scores 100·(3 − 8)/(0 − 8) = 62.50 */
	run_calibration(m, ds, &draft, &cal);
	char *csv = fx_csv(draft, ds, 2025);
	assert_row(csv, "contract,K3,sales,S2.3,3.00,62.50,1.00,1.0000");
	xfree(csv);
	calibration_free(cal);
	model_free(draft);
	model_free(banded);
	model_free(m);
	buf_release(&err);
	fx_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calibrate_percentile_nearest_rank),
		cmocka_unit_test(calibrate_bounds_from_history),
		cmocka_unit_test(calibrate_keeps_bands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
