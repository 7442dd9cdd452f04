/* SPDX-License-Identifier: MIT */
/* One test per rule of SPEC §5 (criteria, n/a rules, windows, roll-up):
 * each builds a tiny dataset by hand and asserts exact CSV rows. Test names
 * carry the criterion id they cover. */
#include "test_engine_fixture.h"

/* A sales + operations contract going live on go_live with P planned
 * stabilization months (0 = empty). */
static int live(struct dataset *ds, const char *id, const char *go_live, int P)
{
	int cl = ds->n_clients ? 0 : fx_client(ds, "CL");
	int c = fx_contract(ds, id, cl, "voice", go_live);
	if (P)
		ds->contracts[c].planned_stabilization_months = P;
	return c;
}

/* Fills months first..last (YYYY-MM) of a metric with num/den each. */
static void months(struct dataset *ds, int metric, int year, int from, int to,
		   const char *num, const char *den)
{
	char m[8];
	for (int i = from; i <= to; i++) {
		snprintf(m, sizeof m, "%04d-%02d", year, i);
		fx_month(ds, metric, m, num, den);
	}
}

static void score_S3_1_monthly_value_is_ratio_of_sums(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-10", 1);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.8", NULL);
	/* Days 1/1 and 70/100: the mean of daily ratios (0.85) would meet 0.8,
	 * the month's Σnum/Σden = 71/101 = 0.703 does not. */
	fx_month(ds, a, "2025-01", "71", "101");
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S3.2,0.0000,0.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_missing_metric_breaks_run(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-05", 3);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	int b = fx_metric(ds, c, "aht", DIR_LOWER, "300", NULL);
	months(ds, a, 2025, 1, 6, "95", "100");
	fx_month(ds, b, "2025-01", "250", "1");
	fx_month(ds, b, "2025-02", "0", "0");   /* rows but Σden = 0: no data */
	months(ds, b, 2025, 3, 6, "250", "1");
	char *csv = fx_csv(NULL, ds, 2025);
	/* month 2 is not compliant, so the run is months 3..5: s = 3 = P */
	assert_row(csv, "contract,C1,sales,S3.1,1.0000,100.00,1.00,1.0000");
	/* steady state from month s+K = 6: both metrics met in month 6 */
	assert_row(csv, "contract,C1,sales,S2.1,1.0000,100.00,1.00,1.0000");
	/* months 1..3: 3 met for sl, 2 of 2 with data for aht */
	assert_row(csv, "contract,C1,sales,S3.2,1.0000,100.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_stabilized_late(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 2);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, a, 2025, 1, 4, "5", "10");
	months(ds, a, 2025, 5, 7, "9", "10");
	char *csv = fx_csv(NULL, ds, 2025);
	/* s = 5, P = 2: 2.5 → 100·(2.5 − 3)/(1 − 3) = 25 */
	assert_row(csv, "contract,C1,sales,S3.1,2.5000,25.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_stabilized_on_time(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-09-01", 2);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, a, 2025, 9, 11, "9", "10");
	char *csv = fx_csv(NULL, ds, 2025);
	/* s = 1 < P: 0.5 → 125 clamped to 100 */
	assert_row(csv, "contract,C1,sales,S3.1,0.5000,100.00,1.00,1.0000");
	/* steady state would start at month 4 = December: no data → n/a */
	assert_row(csv, "contract,C1,sales,S2.1,,,1.00,0.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_not_stabilized_value(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-20", 6);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, a, 2025, 1, 12, "1", "2");
	int c2 = live(ds, "C2", "2025-07-01", 3);
	int b = fx_metric(ds, c2, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, b, 2025, 7, 12, "1", "2");
	char *csv = fx_csv(NULL, ds, 2025);
	/* E = 12 > P+K−1 = 8: (E−K+2)/P = 11/6; 100·(11/6 − 3)/(−2) = 58.33 */
	assert_row(csv, "contract,C1,sales,S3.1,1.8333,58.33,1.00,1.0000");
	/* E = 6 = P+K: (6−3+2)/3 = 5/3 → 66.67 */
	assert_row(csv, "contract,C2,sales,S3.1,1.6667,66.67,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_not_stabilized_pending(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-08-01", 3);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, a, 2025, 8, 12, "1", "2");
	int c3 = live(ds, "C3", "2025-01-01", 0);    /* no P */
	int b = fx_metric(ds, c3, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, b, 2025, 1, 12, "1", "1");
	live(ds, "C4", "2025-01-01", 3);            /* no SLA metrics */
	char *csv = fx_csv(NULL, ds, 2025);
	/* E = 5 ≤ P+K−1 = 5: too early to judge */
	assert_row(csv, "contract,C1,sales,S3.1,,,1.00,0.0000");
	assert_row(csv, "contract,C3,sales,S3.1,,,1.00,0.0000");
	assert_row(csv, "contract,C3,sales,S3.2,,,1.00,0.0000");
	/* stabilized at 1 without P: the steady state is still known */
	assert_row(csv, "contract,C3,sales,S2.1,1.0000,100.00,1.00,1.0000");
	assert_row(csv, "contract,C4,sales,S2.1,,,1.00,0.0000");
	assert_row(csv, "contract,C4,sales,S3.1,,,1.00,0.0000");
	assert_row(csv, "contract,C4,sales,S3.2,,,1.00,0.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_1_end_on_limits_months(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 1);
	ds->contracts[c].end_on = D("2025-04-30");
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, a, 2025, 1, 4, "1", "2");
	/* data after the end month never counts, even if the loader kept it */
	months(ds, a, 2025, 5, 7, "1", "1");
	char *csv = fx_csv(NULL, ds, 2025);
	/* E = 4 > P+K−1 = 3: (4−3+2)/1 = 3 → 0 */
	assert_row(csv, "contract,C1,sales,S3.1,3.0000,0.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S2_1_steady_state_window(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-05-01", 6);
	int a = fx_metric(ds, c, "sl", DIR_HIGHER, "0.9", NULL);
	fx_month(ds, a, "2025-05", "5", "10");
	months(ds, a, 2025, 6, 8, "9", "10");       /* s = 2, steady from month 5 */
	fx_month(ds, a, "2025-09", "9", "10");
	fx_month(ds, a, "2025-10", "85", "100");
	fx_month(ds, a, "2025-11", "95", "100");
	/* 2 of 3: 100·(2/3 − 0.6)/0.35 = 19.047 */
	int c2 = live(ds, "C2", "2025-01-01", 2);
	int b = fx_metric(ds, c2, "sl", DIR_HIGHER, "0.9", NULL);
	months(ds, b, 2025, 1, 4, "1", "2");
	months(ds, b, 2025, 5, 6, "1", "1");
	fx_month(ds, b, "2025-07", "1", "2");
	months(ds, b, 2025, 8, 9, "1", "1");
	fx_month(ds, b, "2025-10", "1", "2");
	fx_month(ds, b, "2025-12", "1", "1");
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S2.1,0.6667,19.05,1.00,1.0000");
	/* never stabilized: months ≥ P+K = 5; 5 met of 7 with data → 32.65 */
	assert_row(csv, "contract,C2,sales,S2.1,0.7143,32.65,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_2_initial_target_fallback(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 2);
	int a = fx_metric(ds, c, "a", DIR_HIGHER, "0.9", "0.7");
	int b = fx_metric(ds, c, "b", DIR_HIGHER, "0.9", NULL);
	fx_month(ds, a, "2025-01", "75", "100");
	fx_month(ds, a, "2025-02", "80", "100");
	fx_month(ds, a, "2025-03", "10", "100");    /* beyond P */
	fx_month(ds, b, "2025-01", "95", "100");
	fx_month(ds, b, "2025-02", "85", "100");
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S3.2,0.7500,50.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S3_2_value_on_target_is_met(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 1);
	int aht = fx_metric(ds, c, "aht", DIR_LOWER, "300", NULL);
	int sl = fx_metric(ds, c, "sl", DIR_HIGHER, "0.95", NULL);
	int third = fx_metric(ds, c, "third", DIR_HIGHER, "0.333333", NULL);
	int miss = fx_metric(ds, c, "miss", DIR_HIGHER, "0.95", NULL);
	fx_month(ds, aht, "2025-01", "600", "2");
	fx_month(ds, sl, "2025-01", "19", "20");
	fx_month(ds, third, "2025-01", "1", "3");
	fx_month(ds, miss, "2025-01", "0.949999", "1");
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S3.2,0.7500,50.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S1_1_done_by_go_live(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-03-01", 0);
	fx_readiness(ds, c, "r1", 1, "2025-03-01");  /* the same day counts */
	fx_readiness(ds, c, "r2", 1, "2025-02-01");
	fx_readiness(ds, c, "r3", 1, "2025-03-02");  /* after go-live */
	fx_readiness(ds, c, "r4", 1, NULL);
	fx_readiness(ds, c, "r5", 0, NULL);          /* not required */
	fx_readiness(ds, c, "r6", 0, "2025-01-01");
	int c2 = live(ds, "C2", "2025-03-01", 0);
	fx_readiness(ds, c2, "r1", 0, "2025-01-01");
	int c3 = live(ds, "C3", "2025-03-01", 0);
	fx_readiness(ds, c3, "r1", 1, "2025-01-01");
	fx_readiness(ds, c3, "r2", 1, "2025-01-01");
	fx_readiness(ds, c3, "r3", 1, "2025-01-01");
	fx_readiness(ds, c3, "r4", 1, NULL);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S1.1,0.5000,0.00,1.00,1.0000");
	assert_row(csv, "contract,C2,sales,S1.1,,,1.00,0.0000");
	assert_row(csv, "contract,C3,sales,S1.1,0.7500,50.00,1.00,1.0000");
	free(csv);
	(void)c2;
	fx_free(ds);
}

static void score_S1_2_calendar_days(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-02-01", 0);
	ds->contracts[c].ramp_started_on = D("2024-11-01");
	ds->contracts[c].staffed_on = D("2025-01-30");      /* 90 days */
	ds->contracts[c].planned_ramp_days = 60;
	int c2 = live(ds, "C2", "2025-02-01", 0);
	ds->contracts[c2].ramp_started_on = D("2024-11-01");
	ds->contracts[c2].staffed_on = D("2025-01-30");
	char *csv = fx_csv(NULL, ds, 2025);
	/* 90/60 = 1.5 → 100·(1.5 − 2)/(1 − 2) = 50 */
	assert_row(csv, "contract,C1,sales,S1.2,1.5000,50.00,1.00,1.0000");
	assert_row(csv, "contract,C2,sales,S1.2,,,1.00,0.0000");
	free(csv);
	fx_free(ds);
}

static void score_after_year_end_ignored(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-03-01", 0);
	ds->contracts[c].risk_tier = RISK_HIGH;
	fx_handover(ds, c, "h1", "2025-04-01");
	fx_handover(ds, c, "h2", "2026-01-05");       /* not accepted by 31 Dec */
	fx_rating(ds, c, "2025-02-10", 4, 5);
	fx_rating(ds, c, "2026-01-02", 1, 1);         /* not rated in time */
	fx_financial(ds, c, "2025-01", "0", "20");    /* ramp-up: counts */
	fx_financial(ds, c, "2025-03", "100", "80");
	fx_financial(ds, c, "2025-04", "100", "90");
	fx_financial(ds, c, "2026-01", "100", "0");   /* after Y */
	fx_scope(ds, c, "2025-03-01");
	fx_scope(ds, c, "2025-12-31");
	fx_scope(ds, c, "2026-01-10");                /* within 12 months, after Y */
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S3.3,0.5000,0.00,1.00,1.0000");
	/* (4+5)/2 = 4.5 → 100·3.5/4 = 87.5 */
	assert_row(csv, "contract,C1,sales,S1.3,4.50,87.50,1.00,1.0000");
	/* (200 − 190)/200 = 0.05 ÷ 0.18 = 0.2778 */
	assert_row(csv, "contract,C1,sales,S2.2,0.2778,27.78,1.00,1.0000");
	/* 2 changes → 100·(2 − 5)/(0 − 5) = 60 */
	assert_row(csv, "contract,C1,sales,S2.3,2.00,60.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S2_2_na_rules(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2025-01-01", 0);     /* no risk tier */
	fx_financial(ds, c1, "2025-01", "100", "50");
	int c2 = live(ds, "C2", "2025-01-01", 0);     /* Σrevenue ≤ 0 */
	ds->contracts[c2].risk_tier = RISK_LOW;
	fx_financial(ds, c2, "2025-01", "0", "50");
	int c3 = live(ds, "C3", "2025-01-01", 0);     /* no rows */
	ds->contracts[c3].risk_tier = RISK_LOW;
	int c4 = live(ds, "C4", "2025-01-01", 0);
	ds->contracts[c4].risk_tier = RISK_MEDIUM;
	fx_financial(ds, c4, "2025-01", "100", "250"); /* margin −1.5 */
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S2.2,,,1.00,0.0000");
	assert_row(csv, "contract,C2,sales,S2.2,,,1.00,0.0000");
	assert_row(csv, "contract,C3,sales,S2.2,,,1.00,0.0000");
	/* −1.5 ÷ 0.12 = −12.5 */
	assert_row(csv, "contract,C4,sales,S2.2,-12.5000,0.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_S2_3_anniversary_29_feb(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2024-02-29", 0);
	fx_scope(ds, c, "2024-02-28");    /* before go-live */
	fx_scope(ds, c, "2024-02-29");
	fx_scope(ds, c, "2025-02-27");
	fx_scope(ds, c, "2025-02-28");    /* the anniversary: excluded */
	int c2 = live(ds, "C2", "2024-03-15", 0);
	fx_scope(ds, c2, "2025-03-14");
	fx_scope(ds, c2, "2025-03-15");
	live(ds, "C3", "2025-01-01", 0);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S2.3,2.00,60.00,1.00,1.0000");
	assert_row(csv, "contract,C2,sales,S2.3,1.00,80.00,1.00,1.0000");
	/* never n/a: 0 changes is a value */
	assert_row(csv, "contract,C3,sales,S2.3,0.00,100.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_subjects_after_year_excluded(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	live(ds, "C1", "2026-01-01", 0);
	live(ds, "C2", NULL, 0);
	live(ds, "C3", "2025-12-31", 0);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_no_row(csv, "contract,C1,");
	assert_no_row(csv, "contract,C2,");
	assert_row(csv, "contract,C3,sales,total,,100.00,1000.00,0.1111");
	free(csv);
	fx_free(ds);
}

static void score_sales_window_and_renewals(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	live(ds, "C1", "2024-01-01", 0);
	int c2 = live(ds, "C2", "2023-12-31", 0);
	int c3 = live(ds, "C3", "2025-06-01", 0);
	ds->contracts[c3].renews_contract = c2;
	int c4 = live(ds, "C4", "2022-01-01", 0);
	ds->contracts[c4].end_on = D("2024-12-31");
	int c5 = live(ds, "C5", "2022-01-01", 0);
	ds->contracts[c5].end_on = D("2025-01-01");
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,total,,100.00,1000.00,0.1111");
	assert_row(csv, "contract,C1,operations,total,,0.00,1000.00,0.7778");
	assert_no_row(csv, "contract,C2,sales,");
	assert_row(csv, "contract,C2,operations,total,,0.00,1000.00,0.7778");
	assert_no_row(csv, "contract,C3,sales,");
	assert_row(csv, "contract,C3,operations,total,,0.00,1000.00,0.7778");
	assert_no_row(csv, "contract,C4,");
	assert_row(csv, "contract,C5,operations,total,,0.00,1000.00,0.7778");
	free(csv);
	fx_free(ds);
}

static void score_O1_1_count_and_scale(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2024-01-01", 0);
	fx_expansion(ds, c1, "2025-02-01", "50");
	fx_expansion(ds, c1, "2025-08-01", "25");
	fx_expansion(ds, c1, "2024-08-01", "500");    /* not in Y */
	int c2 = live(ds, "C2", "2024-01-01", 0);
	ds->contracts[c2].annual_value = 0;
	fx_expansion(ds, c2, "2025-02-01", "50");
	live(ds, "C3", "2024-01-01", 0);
	char *csv = fx_csv(NULL, ds, 2025);
	/* count 2 → 100; 75/1000 = 0.075 → 75; mean 87.5 */
	assert_row(csv, "contract,C1,operations,O1.1,,87.50,1.00,1.0000");
	/* scale n/a with annual_value 0: the count alone */
	assert_row(csv, "contract,C2,operations,O1.1,,100.00,1.00,1.0000");
	assert_row(csv, "contract,C3,operations,O1.1,,0.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_O1_2_new_service_line(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int x = fx_client(ds, "X");
	int p = fx_contract(ds, "P", x, "voice", "2020-01-01");
	int a = fx_contract(ds, "A", x, "chat", "2025-02-01");
	int b = fx_contract(ds, "B", x, "voice", "2025-03-01");
	int c = fx_contract(ds, "C", x, "email", "2025-04-01");
	fx_contract(ds, "E1", x, "email", "2025-04-01");     /* same day: not before */
	int d = fx_contract(ds, "D", x, "backoffice", "2025-05-01");
	fx_contract(ds, "E2", x, "backoffice", "2024-05-01");
	int f = fx_contract(ds, "F", x, "analytics", "2024-12-31");
	int kids[] = { a, b, c, d, f };
	for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
		ds->contracts[kids[i]].parent_contract = p;
	char *csv = fx_csv(NULL, ds, 2025);
	/* A (chat) and C (email) are new; B has the parent's line, D was had,
	 * F was signed before Y */
	assert_row(csv, "contract,P,operations,O1.2,2.00,100.00,1.00,1.0000");
	assert_row(csv, "contract,A,operations,O1.2,0.00,0.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_O1_3_pending_renewals_ignored(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2023-01-01", 0);
	fx_renewal(ds, c1, "2025-03-01", REN_RENEWED, "1050");
	fx_renewal(ds, c1, "2025-06-01", REN_LOST, NULL);
	fx_renewal(ds, c1, "2025-09-01", REN_PENDING, "2000");
	fx_renewal(ds, c1, "2024-12-31", REN_RENEWED, "5000");
	int c2 = live(ds, "C2", "2023-01-01", 0);
	fx_renewal(ds, c2, "2025-03-01", REN_PENDING, "2000");
	int c3 = live(ds, "C3", "2023-01-01", 0);
	fx_renewal(ds, c3, "2025-03-01", REN_RENEWED, NULL);
	char *csv = fx_csv(NULL, ds, 2025);
	/* rate 1/2 → 0; growth 50/1000 = 0.05 → 100; mean 50 */
	assert_row(csv, "contract,C1,operations,O1.3,,50.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O1.3,,,1.00,0.0000");
	/* renewed without a new value: the rate alone */
	assert_row(csv, "contract,C3,operations,O1.3,,100.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_O2_1_client_mean_shared(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int x = fx_client(ds, "X");
	int y = fx_client(ds, "Y");
	fx_contract(ds, "C1", x, "voice", "2024-01-01");
	fx_contract(ds, "C2", x, "chat", "2024-01-01");
	fx_contract(ds, "C3", y, "chat", "2024-01-01");
	fx_relationship(ds, x, "2025-01-10", 3);
	fx_relationship(ds, x, "2025-12-31", 4);
	fx_relationship(ds, x, "2024-12-31", 1);
	fx_relationship(ds, y, "2026-01-01", 5);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,operations,O2.1,3.50,62.50,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O2.1,3.50,62.50,1.00,1.0000");
	assert_row(csv, "contract,C3,operations,O2.1,,,1.00,0.0000");
	free(csv);
	fx_free(ds);
}

/* SPEC §5 O2.2: origin operations, dated in Y, and proposed to the client
 * (review, won or lost): P1 is a draft and does not count. */
static void score_O2_2_operations_proposals_not_drafts(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2024-01-01", 0);
	int c2 = live(ds, "C2", "2024-01-01", 0);
	fx_proposal(ds, "P1", 0, c1, ORIGIN_OPERATIONS, "2025-02-01", PROP_DRAFT);
	fx_proposal(ds, "P2", 0, c1, ORIGIN_OPERATIONS, "2025-03-01", PROP_LOST);
	fx_proposal(ds, "P3", 0, c1, ORIGIN_SALES, "2025-03-01", PROP_WON);
	fx_proposal(ds, "P4", 0, c1, ORIGIN_OPERATIONS, "2024-03-01", PROP_WON);
	fx_proposal(ds, "P5", 0, c2, ORIGIN_OPERATIONS, "2025-03-01", PROP_REVIEW);
	fx_proposal(ds, "P6", 0, NO_INDEX, ORIGIN_OPERATIONS, "2025-03-01", PROP_REVIEW);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,operations,O2.2,1.00,50.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O2.2,1.00,50.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_O2_3_referral_counts_two(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2024-01-01", 0);
	int c2 = live(ds, "C2", "2024-01-01", 0);
	int c3 = live(ds, "C3", "2024-01-01", 0);
	fx_reference(ds, 0, c1, "2025-02-01", REF_REFERRAL);
	fx_reference(ds, 0, c2, "2025-02-01", REF_SITE_VISIT);
	fx_reference(ds, 0, c2, "2024-12-01", REF_CASE_STUDY);
	fx_reference(ds, 0, c3, "2025-02-01", REF_REFERRAL);
	fx_reference(ds, 0, c3, "2025-05-01", REF_CASE_STUDY);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,operations,O2.3,2.00,100.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O2.3,1.00,50.00,1.00,1.0000");
	assert_row(csv, "contract,C3,operations,O2.3,3.00,100.00,1.00,1.0000");
	free(csv);
	fx_free(ds);
}

static void score_O3_innovations(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c1 = live(ds, "C1", "2024-01-01", 0);
	fx_innovation(ds, c1, "2025-02-01", INNO_PROCESS_IMPROVEMENT, INNO_DEPLOYED, "15");
	fx_innovation(ds, c1, "2025-03-01", INNO_PROCESS_IMPROVEMENT, INNO_PROPOSED, "100");
	fx_innovation(ds, c1, "2024-03-01", INNO_PROCESS_IMPROVEMENT, INNO_DEPLOYED, "100");
	fx_innovation(ds, c1, "2025-04-01", INNO_SERVICE_MODEL, INNO_PROPOSED, NULL);
	fx_innovation(ds, c1, "2025-05-01", INNO_AUTOMATION, INNO_DEPLOYED, NULL);
	fx_innovation(ds, c1, "2025-06-01", INNO_AUTOMATION, INNO_PROPOSED, NULL);
	live(ds, "C2", "2024-01-01", 0);
	int c3 = live(ds, "C3", "2024-01-01", 0);
	ds->contracts[c3].annual_value = 0;
	char *csv = fx_csv(NULL, ds, 2025);
	/* 15/1000 = 0.015 ÷ 0.03 → 50 */
	assert_row(csv, "contract,C1,operations,O3.1,0.0150,50.00,1.00,1.0000");
	assert_row(csv, "contract,C1,operations,O3.2,1.00,100.00,1.00,1.0000");
	assert_row(csv, "contract,C1,operations,O3.3,1.00,50.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O3.1,0.0000,0.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O3.2,0.00,0.00,1.00,1.0000");
	assert_row(csv, "contract,C2,operations,O3.3,0.00,0.00,1.00,1.0000");
	assert_row(csv, "contract,C3,operations,O3.1,,,1.00,0.0000");
	free(csv);
	fx_free(ds);
}

static void score_na_redistribution_and_coverage(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 0);
	fx_handover(ds, c, "h1", "2025-01-01");
	fx_handover(ds, c, "h2", NULL);
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,S1,,,30.00,0.0000");
	assert_row(csv, "contract,C1,sales,S2,,100.00,35.00,0.3333");
	assert_row(csv, "contract,C1,sales,S3,,0.00,35.00,0.3333");
	/* (35·100 + 35·0)/70 = 50, not (…)/100 */
	assert_row(csv, "contract,C1,sales,total,,50.00,1000.00,0.2222");
	assert_row(csv, "contract,C1,operations,O1,,0.00,40.00,0.6667");
	assert_row(csv, "contract,C1,operations,total,,0.00,1000.00,0.7778");
	free(csv);
	fx_free(ds);
}

static void score_criterion_weights(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	int c = live(ds, "C1", "2025-01-01", 0);
	ds->contracts[c].risk_tier = RISK_LOW;
	fx_financial(ds, c, "2025-01", "100", "96");   /* 0.04/0.08 = 0.5 → 50 */
	struct model *m = fx_default_model();
	m->orgs[ORG_SALES].categories[1].criteria[2].weight = 3;   /* S2.3 → 100 */
	char *csv = fx_csv(m, ds, 2025);
	/* (1·50 + 3·100)/4 = 87.5 */
	assert_row(csv, "contract,C1,sales,S2,,87.50,35.00,0.6667");
	assert_row(csv, "contract,C1,sales,S2.3,0.00,100.00,3.00,1.0000");
	free(csv);
	model_free(m);
	fx_free(ds);
}

/* Units HQ (executive) > SALES (sales) > TEAM (sales), HQ > OPS. */
static struct dataset *org_fixture(void)
{
	struct dataset *ds = fx_new();
	int hq = fx_unit(ds, "HQ", ORG_EXECUTIVE, NO_INDEX);
	int sales = fx_unit(ds, "SALES", ORG_SALES, hq);
	int team = fx_unit(ds, "TEAM", ORG_SALES, sales);
	int ops = fx_unit(ds, "OPS", ORG_OPERATIONS, hq);
	int p1 = fx_person(ds, "p1", team);
	int p2 = fx_person(ds, "p2", sales);
	int p3 = fx_person(ds, "p3", ops);
	fx_person(ds, "p4", sales);
	fx_person(ds, "px", hq);
	int c1 = live(ds, "C1", "2025-01-01", 0);
	int c2 = live(ds, "C2", "2025-01-01", 0);
	ds->contracts[c1].sales_owner = p1;
	ds->contracts[c2].sales_owner = p2;
	ds->contracts[c1].ops_owner = ds->contracts[c2].ops_owner = p3;
	ds->contracts[c2].annual_value = M("3000");
	/* sales totals: C1 = (35·100 + 35·0)/70 = 50, C2 = 100 */
	fx_handover(ds, c1, "h1", "2025-01-01");
	fx_handover(ds, c1, "h2", NULL);
	fx_handover(ds, c2, "h1", "2025-01-01");
	return ds;
}

static void score_rollup_org_unit_descendants(void **state)
{
	(void)state;
	struct dataset *ds = org_fixture();
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "person,p1,sales,total,,50.00,1000.00,0.2222");
	assert_row(csv, "org_unit,TEAM,sales,total,,50.00,1000.00,0.2222");
	/* (1000·50 + 3000·100)/4000 = 87.5; S3: (1000·0 + 3000·100)/4000 = 75 */
	assert_row(csv, "org_unit,SALES,sales,total,,87.50,4000.00,0.2222");
	assert_row(csv, "org_unit,SALES,sales,S3,,75.00,35.00,0.3333");
	assert_row(csv, "org_unit,SALES,sales,S1,,,30.00,0.0000");
	assert_row(csv, "org_unit,HQ,sales,total,,87.50,4000.00,0.2222");
	assert_row(csv, "org_unit,HQ,operations,total,,0.00,4000.00,0.7778");
	assert_row(csv, "company,company,sales,total,,87.50,4000.00,0.2222");
	assert_row(csv, "org_unit,OPS,operations,total,,0.00,4000.00,0.7778");
	assert_no_row(csv, "org_unit,SALES,operations,");
	assert_no_row(csv, "org_unit,OPS,sales,");
	/* a salesperson without contracts still gets n/a sales rows */
	assert_row(csv, "person,p4,sales,S1,,,30.00,0.0000");
	assert_row(csv, "person,p4,sales,total,,,0.00,0.0000");
	assert_no_row(csv, "person,p4,operations,");
	assert_no_row(csv, "person,px,");
	assert_row(csv, "person,p3,operations,total,,0.00,4000.00,0.7778");
	free(csv);
	fx_free(ds);
}

static void score_rollup_equal_weighting(void **state)
{
	(void)state;
	struct dataset *ds = org_fixture();
	struct model *m = fx_default_model();
	m->rollup_weighting = ROLLUP_EQUAL;
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,C2,sales,total,,100.00,1.00,0.2222");
	assert_row(csv, "org_unit,SALES,sales,total,,75.00,2.00,0.2222");
	assert_row(csv, "org_unit,SALES,sales,S3,,50.00,35.00,0.3333");
	free(csv);
	model_free(m);
	fx_free(ds);
}

static void score_rollup_weight_zero_subject(void **state)
{
	(void)state;
	struct dataset *ds = org_fixture();
	ds->contracts[0].annual_value = 0;    /* C1, total 50 */
	char *csv = fx_csv(NULL, ds, 2025);
	assert_row(csv, "contract,C1,sales,total,,50.00,0.00,0.2222");
	assert_row(csv, "org_unit,SALES,sales,total,,100.00,3000.00,0.2222");
	/* only a weight-0 subject: n/a, coverage still counted */
	assert_row(csv, "person,p1,sales,total,,,0.00,0.2222");
	assert_row(csv, "person,p1,sales,S3,,,35.00,0.3333");
	free(csv);
	fx_free(ds);
}

/* SPEC §5 "Maturity": C2 goes live in August 2025, so December 2025 is its
 * month 5. A minimum of 5 scores it; 6 leaves it out of every row and
 * roll-up, and lists it as too early. Sales scoring does not change. */
static void score_maturity_boundary(void **state)
{
	(void)state;
	struct dataset *ds = org_fixture();
	ds->contracts[1].go_live_on = D("2025-08-01");
	struct model *m = fx_default_model();

	m->operations_min_months = 5;
	char *csv = fx_csv(m, ds, 2025);
	assert_row(csv, "contract,C2,operations,total,,0.00,3000.00,0.7778");
	assert_row(csv, "person,p3,operations,total,,0.00,4000.00,0.7778");
	free(csv);

	m->operations_min_months = 6;
	csv = fx_csv(m, ds, 2025);
	assert_no_row(csv, "contract,C2,operations,");
	assert_row(csv, "contract,C1,operations,total,,0.00,1000.00,0.7778");
	assert_row(csv, "person,p3,operations,total,,0.00,1000.00,0.7778");
	assert_row(csv, "company,company,operations,total,,0.00,1000.00,0.7778");
	assert_row(csv, "contract,C2,sales,total,,100.00,3000.00,0.2222");
	free(csv);

	struct scores *s = NULL;
	struct buf err = BUF_INIT;
	assert_int_equal(score_run(m, ds, 2025, &s, &err), 0);
	assert_int_equal(s->n_too_early, 1);
	assert_string_equal(ds->contracts[s->too_early[0].contract].id, "C2");
	assert_int_equal(s->too_early[0].months, 5);
	scores_free(s);
	buf_release(&err);
	model_free(m);
	fx_free(ds);
}

static void score_determinism(void **state)
{
	(void)state;
	struct dataset *ds = org_fixture();
	fx_assert_deterministic(ds, 2025);
	fx_free(ds);
}

static void score_dataset_year_too_early(void **state)
{
	(void)state;
	struct dataset *ds = fx_new();
	struct model *m = fx_default_model();
	struct scores *s = NULL;
	struct buf err = BUF_INIT;
	ds->year = 2024;
	assert_int_equal(score_run(m, ds, 2025, &s, &err), -1);
	assert_string_equal(err.data, "data loaded for 2024 cannot score 2025\n");
	assert_null(s);
	buf_release(&err);
	model_free(m);
	fx_free(ds);
}

/* The scoring's day window (SPEC §5 "measurements dated before go_live_on
 * or after end_on are ignored"; a year scored on the data up to its last
 * day): the engine's rule, which the store's loader is handed. */
static void score_window_days_that_count(void **state)
{
	(void)state;
	struct contract k;
	day_t from = 0, until = 0;
	const day_t go_live = date_from_ymd(2025, 3, 10), end = date_from_ymd(2026, 6, 30);
	const day_t year_end = date_from_ymd(2025, 12, 31);

	memset(&k, 0, sizeof k);
	k.go_live_on = DAY_NONE;
	k.end_on = DAY_NONE;
	/* no go-live date: no day counts, whatever the year */
	assert_int_equal(score_day_window(&k, year_end, &from, &until), 0);
	assert_int_equal(score_day_window(&k, DAY_NONE, &from, &until), 0);
	/* open-ended: from go-live, cut at the year's last day */
	k.go_live_on = go_live;
	assert_int_equal(score_day_window(&k, year_end, &from, &until), 1);
	assert_int_equal(from, go_live);
	assert_int_equal(until, year_end);
	/* nor cut when loading everything */
	assert_int_equal(score_day_window(&k, DAY_NONE, &from, &until), 1);
	assert_int_equal(until, INT32_MAX);
	/* an end after the year: the year's last day; before it: the end */
	k.end_on = end;
	assert_int_equal(score_day_window(&k, year_end, &from, &until), 1);
	assert_int_equal(until, year_end);
	assert_int_equal(score_day_window(&k, date_from_ymd(2026, 12, 31), &from, &until), 1);
	assert_int_equal(from, go_live);
	assert_int_equal(until, end);
	assert_int_equal(score_day_window(&k, DAY_NONE, &from, &until), 1);
	assert_int_equal(until, end);
	/* the last day itself counts (inclusive) */
	assert_int_equal(score_day_window(&k, go_live, &from, &until), 1);
	assert_int_equal(from, go_live);
	assert_int_equal(until, go_live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(score_window_days_that_count),
		cmocka_unit_test(score_S3_1_monthly_value_is_ratio_of_sums),
		cmocka_unit_test(score_S3_1_missing_metric_breaks_run),
		cmocka_unit_test(score_S3_1_stabilized_late),
		cmocka_unit_test(score_S3_1_stabilized_on_time),
		cmocka_unit_test(score_S3_1_not_stabilized_value),
		cmocka_unit_test(score_S3_1_not_stabilized_pending),
		cmocka_unit_test(score_S3_1_end_on_limits_months),
		cmocka_unit_test(score_S2_1_steady_state_window),
		cmocka_unit_test(score_S3_2_initial_target_fallback),
		cmocka_unit_test(score_S3_2_value_on_target_is_met),
		cmocka_unit_test(score_S1_1_done_by_go_live),
		cmocka_unit_test(score_S1_2_calendar_days),
		cmocka_unit_test(score_after_year_end_ignored),
		cmocka_unit_test(score_S2_2_na_rules),
		cmocka_unit_test(score_S2_3_anniversary_29_feb),
		cmocka_unit_test(score_subjects_after_year_excluded),
		cmocka_unit_test(score_sales_window_and_renewals),
		cmocka_unit_test(score_O1_1_count_and_scale),
		cmocka_unit_test(score_O1_2_new_service_line),
		cmocka_unit_test(score_O1_3_pending_renewals_ignored),
		cmocka_unit_test(score_O2_1_client_mean_shared),
		cmocka_unit_test(score_O2_2_operations_proposals_not_drafts),
		cmocka_unit_test(score_O2_3_referral_counts_two),
		cmocka_unit_test(score_O3_innovations),
		cmocka_unit_test(score_na_redistribution_and_coverage),
		cmocka_unit_test(score_criterion_weights),
		cmocka_unit_test(score_rollup_org_unit_descendants),
		cmocka_unit_test(score_rollup_equal_weighting),
		cmocka_unit_test(score_rollup_weight_zero_subject),
		cmocka_unit_test(score_maturity_boundary),
		cmocka_unit_test(score_determinism),
		cmocka_unit_test(score_dataset_year_too_early),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
