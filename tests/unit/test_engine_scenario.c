/* SPDX-License-Identifier: MIT */
/* End to end: a small company (4 units, 6 people, 2 clients, 5 contracts)
 * scored for 2025 under the default model, compared byte for byte with a
 * CSV worked out by hand. The arithmetic of the main rows:
 *
 * A (K1 voice, go-live 2025-02-10, P 3, annual 1 200 000, medium risk)
 *   S1.1  r1 done 01-20, r2 done on go-live day, r3 done after: 2/3
 *         → 100·(2/3 − 0.5)/0.5 = 33.33
 *   S1.2  2024-12-15 → 2025-02-01 = 48 days ÷ 40 planned = 1.2 → 80
 *   S1.3  (3+4)/2 = 3.5 and (4+4)/2 = 4 → 3.75 → 100·2.75/4 = 68.75
 *   S1    (33.333 + 80 + 68.75)/3 = 60.694 → 60.69
 *   S3.1  sl ≥ 0.8 and aht ≤ 300: months 1–2 miss sl, months 3,4,5
 *         compliant (aht exactly 300 in month 5 is met) → s = 3 = P → 1.0
 *   S2.1  months ≥ s+K = 6 (Jul..Dec): 11 metric-months with data (aht has
 *         none in Nov), 9 met → 9/11 = 0.8182 → 100·(9/11 − 0.6)/0.35 = 62.34
 *   S2.2  Σrevenue 1 100 000, Σcost 30 000 (Jan ramp-up) + 990 000:
 *         80 000/1 100 000 = 0.0727 ÷ 0.12 = 0.6061 → 60.61
 *   S2.3  2 scope changes → 100·(2 − 5)/(0 − 5) = 60
 *   S2    (62.338 + 60.606 + 60)/3 = 60.981 → 60.98
 *   S3.2  months 1..3 against initial 0.7 (sl) and 300 (aht has none):
 *         sl 3 of 3, aht 1 of 3 → 4/6 → 33.33
 *   S3.3  2 of 3 handover items → 33.33;  S3 (100 + 33.33 + 33.33)/3 = 55.56
 *   total (30·60.694 + 35·60.981 + 35·55.556)/100 = 58.996 → 59.00
 * A operations: O1.1 count 1 → 100, 60 000/1 200 000 = 0.05 → 50: 75;
 *   O1.2 child C on a new line "chat" → 1 → 100; O1.3 n/a → O1 87.50 (2/3);
 *   O2 (87.5 + 50 + 100)/3 = 79.17; O3 (50 + 0 + 50)/3 = 33.33;
 *   total (40·87.5 + 30·79.167 + 30·33.333)/100 = 68.75
 * B (K2 backoffice, go-live 2024-06-01, P 2, 800 000, low risk): stabilized
 *   at month 6 (Nov–Jan) → S3.1 6/2 = 3 → 0; S2.1 months ≥ 9: 8 of 10 → 57.14;
 *   S2.2 155 000/1 260 000 ÷ 0.08 = 1.5377 → 100; S2.3 2 (the go-live day and
 *   the day before the anniversary) → 60; S2 = 72.38; S1 = S1.3 alone = 87.50;
 *   S3 = (0 + 0 + 100)/3 = 33.33; total (30·87.5 + 35·72.381 + 35·33.333)/100
 *   = 63.25
 * C (child of A, go-live 2025-10-01, 300 000): sales only S2.2 (0.2 ÷ 0.18
 *   → 100) and S2.3 (0 → 100): total 100.00, coverage 2/9
 * D (go-live 2023, outside the sales window; ends 2025-03-31): operations
 *   only; O1 (60 + 0 + 0)/3 = 20, O2 (50 + 50 + 0)/3 = 33.33, O3 (100 + 0 +
 *   100)/3 = 66.67 → (800 + 1000 + 2000)/100 = 38.00
 * E goes live in 2026: no rows.
 * s1 owns A and C: total (1 200 000·58.996 + 300 000·100)/1 500 000 = 67.20;
 *   S2 (1 200 000·60.981 + 300 000·100)/1 500 000 = 68.78; S1 only A's.
 * SAL: A, B, C; OPS: A, B, C and D (of o2 in OPST, a descendant); HQ both. */
#include "test_engine_fixture.h"

#include <jansson.h>
#include <math.h>

#include "report/i18n.h"
#include "report/scores_json.h"
#include "report/scores_text.h"
#include "report/whatif_text.h"

static const char expected_csv[] =
	"subject_kind,subject_id,org,criterion,value,score,weight,coverage\n"
	"contract,A,operations,O1,,87.50,40.00,0.6667\n"
	"contract,A,operations,O1.1,,75.00,1.00,1.0000\n"
	"contract,A,operations,O1.2,1.00,100.00,1.00,1.0000\n"
	"contract,A,operations,O1.3,,,1.00,0.0000\n"
	"contract,A,operations,O2,,79.17,30.00,1.0000\n"
	"contract,A,operations,O2.1,4.50,87.50,1.00,1.0000\n"
	"contract,A,operations,O2.2,1.00,50.00,1.00,1.0000\n"
	"contract,A,operations,O2.3,2.00,100.00,1.00,1.0000\n"
	"contract,A,operations,O3,,33.33,30.00,1.0000\n"
	"contract,A,operations,O3.1,0.0150,50.00,1.00,1.0000\n"
	"contract,A,operations,O3.2,0.00,0.00,1.00,1.0000\n"
	"contract,A,operations,O3.3,1.00,50.00,1.00,1.0000\n"
	"contract,A,operations,total,,68.75,1200000.00,0.8889\n"
	"contract,A,sales,S1,,60.69,30.00,1.0000\n"
	"contract,A,sales,S1.1,0.6667,33.33,1.00,1.0000\n"
	"contract,A,sales,S1.2,1.2000,80.00,1.00,1.0000\n"
	"contract,A,sales,S1.3,3.75,68.75,1.00,1.0000\n"
	"contract,A,sales,S2,,60.98,35.00,1.0000\n"
	"contract,A,sales,S2.1,0.8182,62.34,1.00,1.0000\n"
	"contract,A,sales,S2.2,0.6061,60.61,1.00,1.0000\n"
	"contract,A,sales,S2.3,2.00,60.00,1.00,1.0000\n"
	"contract,A,sales,S3,,55.56,35.00,1.0000\n"
	"contract,A,sales,S3.1,1.0000,100.00,1.00,1.0000\n"
	"contract,A,sales,S3.2,0.6667,33.33,1.00,1.0000\n"
	"contract,A,sales,S3.3,0.6667,33.33,1.00,1.0000\n"
	"contract,A,sales,total,,59.00,1200000.00,1.0000\n"
	"contract,B,operations,O1,,33.33,40.00,1.0000\n"
	"contract,B,operations,O1.1,,0.00,1.00,1.0000\n"
	"contract,B,operations,O1.2,0.00,0.00,1.00,1.0000\n"
	"contract,B,operations,O1.3,,100.00,1.00,1.0000\n"
	"contract,B,operations,O2,,33.33,30.00,1.0000\n"
	"contract,B,operations,O2.1,3.00,50.00,1.00,1.0000\n"
	"contract,B,operations,O2.2,0.00,0.00,1.00,1.0000\n"
	"contract,B,operations,O2.3,1.00,50.00,1.00,1.0000\n"
	"contract,B,operations,O3,,33.33,30.00,1.0000\n"
	"contract,B,operations,O3.1,0.0000,0.00,1.00,1.0000\n"
	"contract,B,operations,O3.2,1.00,100.00,1.00,1.0000\n"
	"contract,B,operations,O3.3,0.00,0.00,1.00,1.0000\n"
	"contract,B,operations,total,,33.33,800000.00,1.0000\n"
	"contract,B,sales,S1,,87.50,30.00,0.3333\n"
	"contract,B,sales,S1.1,,,1.00,0.0000\n"
	"contract,B,sales,S1.2,,,1.00,0.0000\n"
	"contract,B,sales,S1.3,4.50,87.50,1.00,1.0000\n"
	"contract,B,sales,S2,,72.38,35.00,1.0000\n"
	"contract,B,sales,S2.1,0.8000,57.14,1.00,1.0000\n"
	"contract,B,sales,S2.2,1.5377,100.00,1.00,1.0000\n"
	"contract,B,sales,S2.3,2.00,60.00,1.00,1.0000\n"
	"contract,B,sales,S3,,33.33,35.00,1.0000\n"
	"contract,B,sales,S3.1,3.0000,0.00,1.00,1.0000\n"
	"contract,B,sales,S3.2,0.0000,0.00,1.00,1.0000\n"
	"contract,B,sales,S3.3,1.0000,100.00,1.00,1.0000\n"
	"contract,B,sales,total,,63.25,800000.00,0.7778\n"
	"contract,C,operations,O1,,0.00,40.00,0.6667\n"
	"contract,C,operations,O1.1,,0.00,1.00,1.0000\n"
	"contract,C,operations,O1.2,0.00,0.00,1.00,1.0000\n"
	"contract,C,operations,O1.3,,,1.00,0.0000\n"
	"contract,C,operations,O2,,29.17,30.00,1.0000\n"
	"contract,C,operations,O2.1,4.50,87.50,1.00,1.0000\n"
	"contract,C,operations,O2.2,0.00,0.00,1.00,1.0000\n"
	"contract,C,operations,O2.3,0.00,0.00,1.00,1.0000\n"
	"contract,C,operations,O3,,0.00,30.00,1.0000\n"
	"contract,C,operations,O3.1,0.0000,0.00,1.00,1.0000\n"
	"contract,C,operations,O3.2,0.00,0.00,1.00,1.0000\n"
	"contract,C,operations,O3.3,0.00,0.00,1.00,1.0000\n"
	"contract,C,operations,total,,8.75,300000.00,0.8889\n"
	"contract,C,sales,S1,,,30.00,0.0000\n"
	"contract,C,sales,S1.1,,,1.00,0.0000\n"
	"contract,C,sales,S1.2,,,1.00,0.0000\n"
	"contract,C,sales,S1.3,,,1.00,0.0000\n"
	"contract,C,sales,S2,,100.00,35.00,0.6667\n"
	"contract,C,sales,S2.1,,,1.00,0.0000\n"
	"contract,C,sales,S2.2,1.1111,100.00,1.00,1.0000\n"
	"contract,C,sales,S2.3,0.00,100.00,1.00,1.0000\n"
	"contract,C,sales,S3,,,35.00,0.0000\n"
	"contract,C,sales,S3.1,,,1.00,0.0000\n"
	"contract,C,sales,S3.2,,,1.00,0.0000\n"
	"contract,C,sales,S3.3,,,1.00,0.0000\n"
	"contract,C,sales,total,,100.00,300000.00,0.2222\n"
	"contract,D,operations,O1,,20.00,40.00,1.0000\n"
	"contract,D,operations,O1.1,,60.00,1.00,1.0000\n"
	"contract,D,operations,O1.2,0.00,0.00,1.00,1.0000\n"
	"contract,D,operations,O1.3,,0.00,1.00,1.0000\n"
	"contract,D,operations,O2,,33.33,30.00,1.0000\n"
	"contract,D,operations,O2.1,3.00,50.00,1.00,1.0000\n"
	"contract,D,operations,O2.2,1.00,50.00,1.00,1.0000\n"
	"contract,D,operations,O2.3,0.00,0.00,1.00,1.0000\n"
	"contract,D,operations,O3,,66.67,30.00,1.0000\n"
	"contract,D,operations,O3.1,0.0600,100.00,1.00,1.0000\n"
	"contract,D,operations,O3.2,0.00,0.00,1.00,1.0000\n"
	"contract,D,operations,O3.3,2.00,100.00,1.00,1.0000\n"
	"contract,D,operations,total,,38.00,500000.00,1.0000\n"
	"person,o1,operations,O1,,57.25,40.00,0.7778\n"
	"person,o1,operations,O2,,56.70,30.00,1.0000\n"
	"person,o1,operations,O3,,28.99,30.00,1.0000\n"
	"person,o1,operations,total,,48.61,2300000.00,0.9259\n"
	"person,o2,operations,O1,,20.00,40.00,1.0000\n"
	"person,o2,operations,O2,,33.33,30.00,1.0000\n"
	"person,o2,operations,O3,,66.67,30.00,1.0000\n"
	"person,o2,operations,total,,38.00,500000.00,1.0000\n"
	"person,s1,sales,S1,,60.69,30.00,0.5000\n"
	"person,s1,sales,S2,,68.78,35.00,0.8333\n"
	"person,s1,sales,S3,,55.56,35.00,0.5000\n"
	"person,s1,sales,total,,67.20,1500000.00,0.6111\n"
	"person,s2,sales,S1,,87.50,30.00,0.3333\n"
	"person,s2,sales,S2,,72.38,35.00,1.0000\n"
	"person,s2,sales,S3,,33.33,35.00,1.0000\n"
	"person,s2,sales,total,,63.25,800000.00,0.7778\n"
	"person,s3,sales,S1,,,30.00,0.0000\n"
	"person,s3,sales,S2,,,35.00,0.0000\n"
	"person,s3,sales,S3,,,35.00,0.0000\n"
	"person,s3,sales,total,,,0.00,0.0000\n"
	"org_unit,HQ,operations,O1,,50.60,40.00,0.8333\n"
	"org_unit,HQ,operations,O2,,52.53,30.00,1.0000\n"
	"org_unit,HQ,operations,O3,,35.71,30.00,1.0000\n"
	"org_unit,HQ,operations,total,,46.71,2800000.00,0.9444\n"
	"org_unit,HQ,sales,S1,,71.42,30.00,0.4444\n"
	"org_unit,HQ,sales,S2,,70.04,35.00,0.8889\n"
	"org_unit,HQ,sales,S3,,46.67,35.00,0.6667\n"
	"org_unit,HQ,sales,total,,65.82,2300000.00,0.6667\n"
	"org_unit,OPS,operations,O1,,50.60,40.00,0.8333\n"
	"org_unit,OPS,operations,O2,,52.53,30.00,1.0000\n"
	"org_unit,OPS,operations,O3,,35.71,30.00,1.0000\n"
	"org_unit,OPS,operations,total,,46.71,2800000.00,0.9444\n"
	"org_unit,OPST,operations,O1,,20.00,40.00,1.0000\n"
	"org_unit,OPST,operations,O2,,33.33,30.00,1.0000\n"
	"org_unit,OPST,operations,O3,,66.67,30.00,1.0000\n"
	"org_unit,OPST,operations,total,,38.00,500000.00,1.0000\n"
	"org_unit,SAL,sales,S1,,71.42,30.00,0.4444\n"
	"org_unit,SAL,sales,S2,,70.04,35.00,0.8889\n"
	"org_unit,SAL,sales,S3,,46.67,35.00,0.6667\n"
	"org_unit,SAL,sales,total,,65.82,2300000.00,0.6667\n"
	"company,company,operations,O1,,50.60,40.00,0.8333\n"
	"company,company,operations,O2,,52.53,30.00,1.0000\n"
	"company,company,operations,O3,,35.71,30.00,1.0000\n"
	"company,company,operations,total,,46.71,2800000.00,0.9444\n"
	"company,company,sales,S1,,71.42,30.00,0.4444\n"
	"company,company,sales,S2,,70.04,35.00,0.8889\n"
	"company,company,sales,S3,,46.67,35.00,0.6667\n"
	"company,company,sales,total,,65.82,2300000.00,0.6667\n";

static void fill_months(struct dataset *ds, int metric, const char *const *months,
			const char *const *nums, const char *den, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (nums[i])
			fx_month(ds, metric, months[i], nums[i], den);
}

static struct dataset *company(void)
{
	struct dataset *ds = fx_new();
	int hq = fx_unit(ds, "HQ", ORG_EXECUTIVE, NO_INDEX);
	int ops = fx_unit(ds, "OPS", ORG_OPERATIONS, hq);
	int opst = fx_unit(ds, "OPST", ORG_OPERATIONS, ops);
	int sal = fx_unit(ds, "SAL", ORG_SALES, hq);
	fx_person(ds, "e1", hq);
	int o1 = fx_person(ds, "o1", ops);
	int o2 = fx_person(ds, "o2", opst);
	int s1 = fx_person(ds, "s1", sal);
	int s2 = fx_person(ds, "s2", sal);
	fx_person(ds, "s3", sal);
	int k1 = fx_client(ds, "K1");
	int k2 = fx_client(ds, "K2");
	ds->clients[k2].referred_by = k1;

	/* A */
	int a = fx_contract(ds, "A", k1, "voice", "2025-02-10");
	struct contract *k = &ds->contracts[a];
	k->signed_on = D("2024-12-01");
	k->ramp_started_on = D("2024-12-15");
	k->staffed_on = D("2025-02-01");
	k->annual_value = M("1200000");
	k->risk_tier = RISK_MEDIUM;
	k->sales_owner = s1;
	k->ops_owner = o1;
	k->planned_ramp_days = 40;
	k->planned_stabilization_months = 3;
	static const char *const m25[] = {
		"2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07",
		"2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
	};
	static const char *const sl[] = { "72", "78", "82", "85", "81", "79", "83", "84", "86", "80", "82" };
	static const char *const aht[] = { "32000", "30500", "29800", "29000", "30000", "29500",
					   "29900", "31000", "28000", NULL, "29000" };
	int a_aht = fx_metric(ds, a, "aht", DIR_LOWER, "300", NULL);
	int a_sl = fx_metric(ds, a, "sl", DIR_HIGHER, "0.8", "0.7");
	fill_months(ds, a_aht, m25, aht, "100", 11);
	fill_months(ds, a_sl, m25, sl, "100", 11);
	fx_readiness(ds, a, "r1", 1, "2025-01-20");
	fx_readiness(ds, a, "r2", 1, "2025-02-10");
	fx_readiness(ds, a, "r3", 1, "2025-02-20");
	fx_readiness(ds, a, "r4", 0, NULL);
	fx_rating(ds, a, "2025-01-25", 3, 4);
	fx_rating(ds, a, "2025-03-01", 4, 4);
	fx_financial(ds, a, "2025-01", "0", "30000");
	for (size_t i = 0; i < 11; i++)
		fx_financial(ds, a, m25[i], "100000", "90000");
	fx_handover(ds, a, "h1", "2025-02-15");
	fx_handover(ds, a, "h2", "2025-03-01");
	fx_handover(ds, a, "h3", NULL);
	fx_scope(ds, a, "2025-04-01");
	fx_scope(ds, a, "2025-09-15");
	fx_expansion(ds, a, "2025-10-01", "60000");
	fx_innovation(ds, a, "2025-07-01", INNO_PROCESS_IMPROVEMENT, INNO_DEPLOYED, "18000");
	fx_innovation(ds, a, "2025-08-01", INNO_AUTOMATION, INNO_DEPLOYED, NULL);
	fx_innovation(ds, a, "2025-09-01", INNO_AUTOMATION, INNO_PROPOSED, NULL);

	/* B */
	int b = fx_contract(ds, "B", k2, "backoffice", "2024-06-01");
	k = &ds->contracts[b];
	k->signed_on = D("2024-04-01");
	k->annual_value = M("800000");
	k->risk_tier = RISK_LOW;
	k->sales_owner = s2;
	k->ops_owner = o1;
	k->planned_stabilization_months = 2;
	static const char *const mb[] = {
		"2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
		"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07",
		"2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
	};
	static const char *const acc[] = {
		"95", "97", "98.5", "99", "97.5", "99", "99", "98", "99", "97", "99", "99",
		"96", "99", "99", "99", NULL, "98.5", "99",
	};
	int b_acc = fx_metric(ds, b, "acc", DIR_HIGHER, "0.98", NULL);
	fill_months(ds, b_acc, mb, acc, "100", 19);
	fx_rating(ds, b, "2024-05-20", 5, 4);
	fx_rating(ds, b, "2026-01-10", 1, 1);
	for (size_t i = 0; i < 7; i++)
		fx_financial(ds, b, mb[i], "60000", "55000");
	for (size_t i = 7; i < 19; i++)
		fx_financial(ds, b, mb[i], "70000", "60000");
	fx_financial(ds, b, "2026-01", "1", "1000000");
	fx_handover(ds, b, "h1", "2024-07-01");
	fx_scope(ds, b, "2024-06-01");
	fx_scope(ds, b, "2025-05-31");
	fx_scope(ds, b, "2025-06-01");
	fx_renewal(ds, b, "2025-05-31", REN_RENEWED, "840000");
	fx_renewal(ds, b, "2025-11-30", REN_PENDING, NULL);
	fx_innovation(ds, b, "2025-04-01", INNO_SERVICE_MODEL, INNO_PROPOSED, NULL);

	/* C: a child of A on a new service line */
	int c = fx_contract(ds, "C", k1, "chat", "2025-10-01");
	k = &ds->contracts[c];
	k->signed_on = D("2025-08-01");
	k->annual_value = M("300000");
	k->risk_tier = RISK_HIGH;
	k->sales_owner = s1;
	k->ops_owner = o1;
	k->parent_contract = a;
	fx_financial(ds, c, "2025-10", "25000", "20000");
	fx_financial(ds, c, "2025-11", "25000", "20000");
	fx_financial(ds, c, "2025-12", "25000", "20000");

	/* D: an older account that ends in March */
	int d = fx_contract(ds, "D", k2, "voice", "2023-03-01");
	k = &ds->contracts[d];
	k->signed_on = D("2023-01-15");
	k->end_on = D("2025-03-31");
	k->annual_value = M("500000");
	k->risk_tier = RISK_LOW;
	k->sales_owner = s2;
	k->ops_owner = o2;
	fx_expansion(ds, d, "2025-02-01", "10000");
	fx_renewal(ds, d, "2025-03-31", REN_LOST, NULL);
	fx_innovation(ds, d, "2025-01-10", INNO_AUTOMATION, INNO_DEPLOYED, NULL);
	fx_innovation(ds, d, "2025-02-01", INNO_PROCESS_IMPROVEMENT, INNO_DEPLOYED, "30000");
	fx_innovation(ds, d, "2025-03-01", INNO_AUTOMATION, INNO_DEPLOYED, NULL);

	/* E: signed in 2025, live in 2026 */
	int e = fx_contract(ds, "E", k1, "voice", "2026-01-15");
	ds->contracts[e].signed_on = D("2025-11-01");
	ds->contracts[e].sales_owner = s1;
	ds->contracts[e].ops_owner = o1;

	fx_proposal(ds, "PR1", k1, a, ORIGIN_OPERATIONS, "2025-05-01", PROP_WON);
	fx_proposal(ds, "PR2", k1, a, ORIGIN_SALES, "2025-06-01", PROP_WON);
	fx_proposal(ds, "PR3", k2, d, ORIGIN_OPERATIONS, "2025-01-15", PROP_REVIEW);
	fx_proposal(ds, "PR4", k2, d, ORIGIN_SALES, "2025-02-01", PROP_DRAFT);
	fx_relationship(ds, k1, "2024-11-01", 2);
	fx_relationship(ds, k1, "2025-04-01", 4);
	fx_relationship(ds, k1, "2025-10-01", 5);
	fx_relationship(ds, k2, "2025-03-01", 3);
	fx_reference(ds, k1, a, "2025-06-15", REF_REFERRAL);
	fx_reference(ds, k2, b, "2025-08-01", REF_CASE_STUDY);
	return ds;
}

static void score_scenario_full_csv(void **state)
{
	(void)state;
	struct dataset *ds = company();
	char *csv = fx_csv(NULL, ds, 2025);
	/* TANDEM_TEST_DUMP=1 leaves the actual CSV beside the run for a diff */
	if (strcmp(csv, expected_csv) && getenv("TANDEM_TEST_DUMP")) {
		FILE *f = fopen("score_scenario.actual.csv", "w");
		if (f) {
			fputs(csv, f);
			fclose(f);
		}
	}
	assert_string_equal(csv, expected_csv);
	free(csv);
	fx_free(ds);
}

static void score_scenario_deterministic(void **state)
{
	(void)state;
	struct dataset *ds = company();
	fx_assert_deterministic(ds, 2025);
	fx_free(ds);
}

/* Scores the scenario and returns it with its model, for the renderers. */
static struct scores *scenario_scores(struct dataset **ds, struct model **m)
{
	struct buf err = BUF_INIT;
	struct scores *s = NULL;
	*ds = company();
	*m = fx_default_model();
	if (score_run(*m, *ds, 2025, &s, &err))
		fail_msg("%s", err.data);
	buf_release(&err);
	return s;
}

static void dump(const char *name, const char *text)
{
	if (!getenv("TANDEM_TEST_DUMP"))
		return;
	FILE *f = fopen(name, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void report_scenario_json(void **state)
{
	(void)state;
	struct dataset *ds;
	struct model *m;
	struct scores *s = scenario_scores(&ds, &m);
	struct buf a = BUF_INIT, b = BUF_INIT;
	report_scores_json(s, &a);
	report_scores_json(s, &b);
	dump("scenario.json", a.data);
	assert_string_equal(a.data, b.data);
	assert_non_null(strstr(a.data, "\n], \"grade_distribution\": {\"sales\": {\"person\": "
		"{\"S\": 0, \"A\": 0, \"B\": 0, \"C\": 2, \"D\": 0, \"n/a\": 1}, \"org_unit\": "
		"{\"S\": 0, \"A\": 0, \"B\": 0, \"C\": 2, \"D\": 0, \"n/a\": 0}}, \"operations\": "
		"{\"person\": {\"S\": 0, \"A\": 0, \"B\": 0, \"C\": 0, \"D\": 2, \"n/a\": 0}, "
		"\"org_unit\": {\"S\": 0, \"A\": 0, \"B\": 0, \"C\": 0, \"D\": 3, \"n/a\": 0}}}}\n"));
	json_error_t jerr;
	json_t *root = json_loads(a.data, 0, &jerr);
	assert_non_null(root);
	json_t *rows = json_object_get(root, "rows");
	assert_int_equal(json_array_size(rows), 139);
	/* the CSV's numbers, evidence beside them */
	json_t *found = NULL;
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *r = json_array_get(rows, i);
		if (!strcmp(json_string_value(json_object_get(r, "subject_id")), "A") &&
		    !strcmp(json_string_value(json_object_get(r, "criterion")), "S3.1"))
			found = r;
	}
	assert_non_null(found);
	assert_true(json_real_value(json_object_get(found, "score")) == 100.0);
	json_t *sla = json_object_get(json_object_get(found, "evidence"), "sla");
	assert_int_equal(json_integer_value(json_object_get(sla, "stabilized_at")), 3);
	json_t *m5 = json_array_get(json_object_get(sla, "months"), 4);
	assert_string_equal(json_string_value(json_object_get(m5, "month")), "2025-06");
	assert_true(json_is_true(json_object_get(m5, "compliant")));
	json_t *aht = json_array_get(json_object_get(m5, "metrics"), 0);
	assert_string_equal(json_string_value(json_object_get(aht, "metric")), "aht");
	assert_true(json_real_value(json_object_get(aht, "value")) == 300.0);
	assert_true(json_is_true(json_object_get(aht, "met")));
	assert_non_null(strstr(a.data, "\"subject_kind\": \"company\", \"subject_id\": \"company\", "
				       "\"org\": \"sales\", \"criterion\": \"total\", \"value\": null, "
				       "\"score\": 65.82, \"weight\": 2300000.00, \"coverage\": 0.6667, "
				       "\"evidence\": {\"contracts\": [\"A\", \"B\", \"C\"]}}"));
	json_decref(root);
	buf_release(&a);
	buf_release(&b);
	scores_free(s);
	model_free(m);
	fx_free(ds);
}

static void report_scenario_text(void **state)
{
	(void)state;
	struct dataset *ds;
	struct model *m;
	struct scores *s = scenario_scores(&ds, &m);
	struct buf en = BUF_INIT, ko = BUF_INIT;
	report_scores_text(s, LANG_EN, &en);
	report_scores_text(s, LANG_KO, &ko);
	dump("scenario.en.txt", en.data);
	dump("scenario.ko.txt", ko.data);
	assert_non_null(strstr(en.data, "  Sales organization: 65.82 (grade C), coverage 66.67%, contracts 3\n"));
	assert_non_null(strstr(en.data, "    S3 Stabilization: 46.67 (weight 35, coverage 66.67%)\n"));
	assert_non_null(strstr(ko.data, "  영업조직: 65.82 (등급 C), 반영률 66.67%, 대상 계약 3\n"));
	/* s1 67.20 C, s2 63.25 C, s3 no contracts; HQ and SAL 65.82 C;
	 * o1 48.61 D, o2 38.00 D; HQ, OPS, OPST all D */
	assert_non_null(strstr(en.data, "\nGrade distribution\n"
		"  Sales organization: people S 0, A 0, B 0, C 2, D 0, n/a 1; org units S 0, A 0, B 0, C 2, D 0, n/a 0\n"
		"  Operations organization: people S 0, A 0, B 0, C 0, D 2, n/a 0; org units S 0, A 0, B 0, C 0, D 3, n/a 0\n"));
	assert_non_null(strstr(ko.data, "\n등급 분포\n"
		"  영업조직: 인원 S 0, A 0, B 0, C 2, D 0, 해당 없음 1; 조직 S 0, A 0, B 0, C 2, D 0, 해당 없음 0\n"));
	buf_release(&en);
	buf_release(&ko);
	scores_free(s);
	model_free(m);
	fx_free(ds);
}

static void report_scenario_explain(void **state)
{
	(void)state;
	struct dataset *ds;
	struct model *m;
	struct scores *s = scenario_scores(&ds, &m);
	struct buf out = BUF_INIT, err = BUF_INIT;
	assert_int_equal(report_explain(s, "A", "S3.1", LANG_EN, &out, &err), 0);
	dump("scenario.explain.txt", out.data);
	assert_non_null(strstr(out.data,
		"month 1 (2025-02): aht 320 > target 300 → not met; sl 0.72 < target 0.8 → not met ⇒ not compliant\n"));
	assert_non_null(strstr(out.data,
		"month 5 (2025-06): aht 300 ≤ target 300 → met; sl 0.81 ≥ target 0.8 → met ⇒ compliant\n"));
	assert_non_null(strstr(out.data, "stabilized at month 3\n"));
	assert_non_null(strstr(out.data, "value = 3 months ÷ 3 months = 1.0000 (100.0%); 100 points at 100% or less, 0 at 300% or more,"
		" in proportion between → 100.00\n"));
	buf_reset(&out);
	assert_int_equal(report_explain(s, "A", "S1.1", LANG_KO, &out, &err), 0);
	dump("scenario.explain.ko.txt", out.data);
	assert_non_null(strstr(out.data, "- 운영 준비 r3, 완료일 2025-02-20: 미반영 (운영 개시 후 완료)\n"));
	assert_non_null(strstr(out.data, "값 = 2 ÷ 3 = 0.6667 (66.7%); 50% 이하 0점, 100% 이상 100점, 그 사이는 비례 → 33.33\n"));
	buf_reset(&out);
	assert_int_equal(report_explain(s, "D", "S1.1", LANG_EN, &out, &err), -1);
	assert_string_equal(err.data, "contract 'D' is not a sales subject of 2025, so it has no S1.1"
			    " (sales subjects went live in the year or the year before and do not"
			    " renew another contract)");
	buf_reset(&err);
	assert_int_equal(report_explain(s, "A", "X9", LANG_EN, &out, &err), -1);
	assert_string_equal(err.data, "unknown criterion 'X9' (S1.1 … S3.3, O1.1 … O3.3)");
	buf_release(&out);
	buf_release(&err);
	scores_free(s);
	model_free(m);
	fx_free(ds);
}

static void report_i18n_catalog_sorted(void **state)
{
	(void)state;
	for (unsigned i = 1; i < i18n_count(); i++)
		assert_true(strcmp(i18n_key(i - 1), i18n_key(i)) < 0);
	assert_int_equal(i18n_check(), 0);
	assert_string_equal(i18n(LANG_KO, "term.grade"), "등급");
	assert_string_equal(i18n(LANG_EN, "no_such_key"), "no_such_key");
	assert_null(i18n_find(LANG_KO, "no_such_key"));
	assert_string_equal(i18n_named(LANG_KO, "reason.", "not_done"), "미완료");
	assert_string_equal(i18n_named(LANG_KO, "reason.", "C-771"), "C-771");
}

/* Scoring in words, both languages, both directions. */
static void report_scoring_in_words(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	struct scoring lin = { .fn = SCORING_LINEAR, .zero = 0.5, .full = 1 };
	report_scoring_words(&lin, LANG_EN, &out);
	assert_string_equal(out.data, "0 points at 0.5 or less, 100 at 1 or more, in proportion between");
	buf_reset(&out);
	report_scoring_words(&lin, LANG_KO, &out);
	assert_string_equal(out.data, "0.5 이하 0점, 1 이상 100점, 그 사이는 비례");
	buf_reset(&out);
	struct scoring down = { .fn = SCORING_LINEAR, .zero = 6, .full = 2 };
	report_scoring_words(&down, LANG_KO, &out);
	assert_string_equal(out.data, "2 이하 100점, 6 이상 0점, 그 사이는 비례");
	buf_reset(&out);
	struct band bands[] = { { 3, 100 }, { 5, 50 } };
	struct scoring b = { .fn = SCORING_BANDS, .lower_is_better = 1, .bands = bands, .n_bands = 2,
			     .otherwise = 0 };
	report_scoring_words(&b, LANG_EN, &out);
	assert_string_equal(out.data, "100 points at 3 or less, 50 points at 5 or less, otherwise 0");
	buf_reset(&out);
	report_scoring_words(&b, LANG_KO, &out);
	assert_string_equal(out.data, "3 이하 100점, 5 이하 50점, 그 외 0점");
	buf_release(&out);
}

/* Placeholders: {1} … {9} in the language's own order, a missing argument
 * kept as it is. */
static void report_i18n_parameters(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	const char *args[] = { "4억5천", "annual_value" };
	i18n_add(&out, LANG_EN, "error.bad_number", args, 2);
	assert_string_equal(out.data, "bad number '4억5천' for annual_value");
	buf_reset(&out);
	i18n_add(&out, LANG_KO, "error.bad_number", args, 2);
	assert_string_equal(out.data, "annual_value에 잘못된 숫자 '4억5천'");
	buf_reset(&out);
	i18n_add(&out, LANG_KO, "error.bad_number", args, 1);
	assert_string_equal(out.data, "{2}에 잘못된 숫자 '4억5천'");
	buf_release(&out);
}

/* One term per concept (docs/glossary.md): every catalog text whose English
 * names a glossary concept uses the glossary's Korean term for it. */
static void report_i18n_glossary_terms(void **state)
{
	(void)state;
	static const struct { const char *en, *ko; } glossary[] = {
		{ "coverage", "반영률" }, { "go-live", "운영 개시" },
		{ "steady-state", "안정화 이후" }, { "service line", "서비스 라인" },
		{ "ramp-up", "램프업" }, { "financials", "손익" },
		{ "feasibility", "타당성" }, { "client", "고객사" },
		{ "percentage points", "%p" }, { "stabiliz", "안정화" },
		{ "readiness", "준비" }, { "renewal", "갱신" },
	};
	for (unsigned i = 0; i < i18n_count(); i++) {
		const char *key = i18n_key(i), *en = i18n(LANG_EN, key), *ko = i18n(LANG_KO, key);
		for (size_t g = 0; g < sizeof glossary / sizeof *glossary; g++) {
			if (!strcasestr(en, glossary[g].en))
				continue;
			if (!strstr(ko, glossary[g].ko))
				fail_msg("%s: '%s' should say '%s' for '%s'", key, ko, glossary[g].ko,
					 glossary[g].en);
		}
	}
}

static void whatif_scenario_draft_model(void **state)
{
	(void)state;
	struct dataset *ds;
	struct model *m, *draft = fx_default_model();
	struct scores *old_s = scenario_scores(&ds, &m), *new_s = NULL;
	struct buf err = BUF_INIT, text = BUF_INIT, csv = BUF_INIT;
	struct whatif *w = NULL;

	draft->orgs[ORG_SALES].categories[0].weight = 25;
	draft->orgs[ORG_SALES].categories[1].criteria[0].measures[0].scoring.zero = 0.7;
	assert_int_equal(score_run(draft, ds, 2025, &new_s, &err), 0);
	assert_int_equal(whatif_compare(old_s, new_s, &w, &err), 0);
	report_whatif_text(w, LANG_EN, &text);
	report_whatif_csv(w, &csv);
	dump("scenario.whatif.txt", text.data);
	/* B alone: S2.1 0.8 → 100·(0.8 − 0.7)/0.25 = 40, S2 (40 + 100 + 60)/3 =
	 * 66.67, total (25·87.5 + 35·66.667 + 35·33.333)/95 = 59.87 */
	/* Contributions (weight share × category score): old S1 30·87.5/100 =
	 * 26.25, S2 35·72.381/100 = 25.333, S3 35·33.333/100 = 11.667; new S1
	 * 25·87.5/95 = 23.026, S2 35·66.667/95 = 24.561, S3 35·33.333/95 =
	 * 12.281: changes −3.224, −0.772, +0.614, adding up to −3.382. */
	assert_non_null(strstr(text.data,
		"person s2 (Sales): 63.25 C → 59.87 D (-3.38 = S1 -3.22 + S2 -0.77 + S3 +0.61)\n"));
	assert_non_null(strstr(csv.data,
		"person,s2,sales,63.25,59.87,-3.38,C,D,S2:-5.71;S1:0.00;S3:0.00,S1:-3.22;S2:-0.77;S3:+0.61\n"));
	/* operations is untouched and sorts last among equal |delta| by id */
	assert_non_null(strstr(text.data,
		"person o1 (Operations): 48.61 D → 48.61 D (0.00 = O1 0.00 + O2 0.00 + O3 0.00)"));
	/* s2 falls from C to D under the draft */
	assert_non_null(strstr(text.data, "\nGrade distribution (before → after)\n"
		"  Sales: people S 0 → 0, A 0 → 0, B 0 → 0, C 2 → 1, D 0 → 1, n/a 1 → 1; "
		"org units S 0 → 0, A 0 → 0, B 0 → 0, C 2 → 2, D 0 → 0, n/a 0 → 0\n"));
	/* every row's contributions add up to its total's change, exactly as
	 * printed and within rounding as computed */
	for (size_t i = 0; i < w->n_rows; i++) {
		const struct whatif_row *r = &w->rows[i];
		if (!(r->old_available && r->new_available))
			continue;
		long shown = 0;
		long double sum = 0;
		for (size_t k = 0; k < r->n_contributions; k++) {
			shown += r->contributions[k].shown_delta;
			sum += r->contributions[k].delta;
		}
		assert_true(shown == (long)roundl(numfmt_round(r->delta, 2) * 100));
		assert_true(fabsl(sum - r->delta) < 1e-12L);
	}
	/* the largest move comes first */
	long double first = fabsl(w->rows[0].delta);
	for (size_t i = 1; i < w->n_rows; i++)
		if (w->rows[i].old_available && w->rows[i].new_available)
			assert_true(numfmt_round(fabsl(w->rows[i].delta), 2) <= numfmt_round(first, 2));
	whatif_free(w);
	buf_release(&err);
	buf_release(&text);
	buf_release(&csv);
	scores_free(old_s);
	scores_free(new_s);
	model_free(m);
	model_free(draft);
	fx_free(ds);
}

/* Rounded separately 1.114, 1.114 and 1.112 print 1.11 three times, 3.33,
 * while their sum 3.34 prints 3.34: the largest remainder gets the cent. */
static void whatif_shares_add_up(void **state)
{
	(void)state;
	long shown[3];
	const long double a[] = { 1.114L, 1.114L, 1.112L };
	whatif_round_shares(a, 3, 3.34L, shown);
	assert_int_equal(shown[0], 112);
	assert_int_equal(shown[1], 111);
	assert_int_equal(shown[2], 111);
	const long double b[] = { -1.114L, -1.114L, -1.112L };
	whatif_round_shares(b, 3, -3.34L, shown);
	assert_int_equal(shown[0], -112);
	assert_int_equal(shown[1], -111);
	assert_int_equal(shown[2], -111);
	const long double c[] = { 2.0L, -0.0000000000001L, 0.0L };
	whatif_round_shares(c, 3, 2.0L, shown);
	assert_int_equal(shown[0], 200);
	assert_int_equal(shown[1], 0);
	assert_int_equal(shown[2], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whatif_shares_add_up),
		cmocka_unit_test(score_scenario_full_csv),
		cmocka_unit_test(score_scenario_deterministic),
		cmocka_unit_test(report_scenario_json),
		cmocka_unit_test(report_scenario_text),
		cmocka_unit_test(report_scenario_explain),
		cmocka_unit_test(report_i18n_catalog_sorted),
		cmocka_unit_test(report_i18n_parameters),
		cmocka_unit_test(report_scoring_in_words),
		cmocka_unit_test(report_i18n_glossary_terms),
		cmocka_unit_test(whatif_scenario_draft_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
