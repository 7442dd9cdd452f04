/* SPDX-License-Identifier: MIT */
/* The lifecycle computations (engine/lifecycle.c) and their renderers on a
 * small hand-made company, the same one as tests/data/lifecycle/company:
 * promises and calibration, each alert rule on both sides of its boundary
 * date, the growth cycle, the referral tree, the track record, and the
 * model's "alerts" thresholds. */
#include "test_engine_fixture.h"
#include "report/model_diff_text.h"

#include "engine/lifecycle.h"
#include "report/lifecycle_text.h"

/* ---- the company ------------------------------------------------------- */

enum { K1, K2, K3, K4, K5 };          /* contracts, in id order */
enum { C1, C2, C3, C4 };              /* clients */
enum { PR1, PR2, PR3, PR4, PR5, PR6 }; /* proposals */
enum { P_CEO, P_O1, P_O2, P_S1, P_S2 }; /* people */

static void months(struct dataset *ds, int metric, const char *const *list)
{
	/* "2025-01:70" → numerator 70 of 100 */
	for (; *list; list++) {
		char month[8], num[8];
		memcpy(month, *list, 7);
		month[7] = '\0';
		snprintf(num, sizeof num, "%s", *list + 8);
		fx_month(ds, metric, month, num, "100");
	}
}

static void review(struct dataset *ds, int proposal, const char *on, int reviewer,
		   enum verdict v, const char *predicted)
{
	struct feasibility_review *r = GROW(ds->feasibility_reviews, ds->n_feasibility_reviews);
	memset(r, 0, sizeof *r);
	r->proposal = proposal;
	r->reviewed_on = D(on);
	r->reviewer = reviewer;
	r->verdict = v;
	r->predicted_attainment = predicted ? M(predicted) : MICRO_NONE;
	r->risk_tier = RISK_NONE;
	r->required_ramp_days = INT_NONE;
	r->conditions = xstrdup("");
}

static void proposal(struct dataset *ds, const char *id, int client, const char *line,
		     const char *on, enum proposal_status st)
{
	fx_proposal(ds, id, client, NO_INDEX, ORIGIN_SALES, on, st);
	free(ds->proposals[ds->n_proposals - 1].service_line);
	ds->proposals[ds->n_proposals - 1].service_line = xstrdup(line);
}

static int contract(struct dataset *ds, const char *id, int client, const char *line,
		    const char *signed_on, const char *go_live, const char *value, int planned,
		    int sales, int ops)
{
	int c = fx_contract(ds, id, client, line, go_live);
	struct contract *k = &ds->contracts[c];
	k->signed_on = D(signed_on);
	k->annual_value = M(value);
	k->planned_stabilization_months = planned ? planned : INT_NONE;
	k->sales_owner = sales;
	k->ops_owner = ops;
	return c;
}

static struct dataset *company(void)
{
	struct dataset *ds = fx_new();
	int hq = fx_unit(ds, "HQ", ORG_EXECUTIVE, NO_INDEX);
	int s1 = fx_unit(ds, "S1", ORG_SALES, hq);
	int op1 = fx_unit(ds, "OP1", ORG_OPERATIONS, hq);
	fx_person(ds, "P-CEO", hq);
	fx_person(ds, "P-O1", op1);
	fx_person(ds, "P-O2", op1);
	fx_person(ds, "P-S1", s1);
	fx_person(ds, "P-S2", s1);
	fx_client(ds, "C1");
	fx_client(ds, "C2");
	fx_client(ds, "C3");
	fx_client(ds, "C4");
	ds->clients[C2].referred_by = C1;

	contract(ds, "K1", C1, "콜센터", "2024-12-01", "2025-01-06", "1000000", 2, P_S1, P_O1);
	contract(ds, "K2", C2, "채팅", "2025-03-01", "2025-04-01", "800000", 3, P_S2, P_O2);
	contract(ds, "K3", C3, "콜센터", "2026-01-10", "2026-03-02", "600000", 1, P_S1, P_O1);
	contract(ds, "K4", C1, "채팅상담", "2026-02-01", "2026-03-01", "300000", 0, P_S1, P_O1);
	contract(ds, "K5", C4, "콜센터", "2025-05-01", "2025-06-01", "500000", 0, P_S2, P_O2);
	ds->contracts[K4].parent_contract = K1;

	int m1 = fx_metric(ds, K1, "SL", DIR_HIGHER, "0.8", NULL);
	int m2 = fx_metric(ds, K2, "SL", DIR_HIGHER, "0.8", NULL);
	int m3 = fx_metric(ds, K3, "SL", DIR_HIGHER, "0.8", NULL);
	months(ds, m1, (const char *const[]){
		"2025-01:70", "2025-02:85", "2025-03:85", "2025-04:90", "2025-05:85", "2025-06:82",
		"2025-07:75", "2025-08:90", "2025-09:78", "2025-10:81", "2025-11:88", "2025-12:80",
		"2026-01:85", "2026-02:90", "2026-03:70", "2026-04:75", NULL });
	months(ds, m2, (const char *const[]){
		"2025-04:70", "2025-05:70", "2025-06:70", "2025-07:70", "2025-08:70", "2025-09:70",
		"2025-10:85", "2025-11:85", "2025-12:85", "2026-01:90", "2026-02:90", NULL });
	months(ds, m3, (const char *const[]){
		"2026-03:90", "2026-04:90", "2026-05:90", "2026-06:90", "2026-07:90", "2026-08:90",
		NULL });

	fx_readiness(ds, K3, "교육", 1, "2026-03-05");
	fx_readiness(ds, K3, "시스템", 1, "2026-02-20");
	fx_readiness(ds, K3, "회선", 1, "2026-02-10");
	fx_readiness(ds, K3, "현판", 0, NULL);

	fx_renewal(ds, K1, "2026-01-05", REN_PENDING, NULL);
	fx_renewal(ds, K2, "2026-04-01", REN_RENEWED, "880000");
	fx_renewal(ds, K5, "2026-03-31", REN_PENDING, NULL);

	fx_relationship(ds, C1, "2025-06-30", 3);
	fx_relationship(ds, C1, "2025-11-30", 4);
	fx_relationship(ds, C4, "2025-06-30", 4);
	fx_relationship(ds, C4, "2025-11-30", 3);

	fx_expansion(ds, K1, "2025-09-01", "100000");
	fx_expansion(ds, K1, "2026-02-01", "50000");
	fx_expansion(ds, K2, "2026-05-01", NULL);

	fx_reference(ds, C1, K1, "2025-07-01", REF_CASE_STUDY);
	fx_reference(ds, C2, K2, "2025-12-15", REF_REFERRAL);
	ds->references[1].referred_client = C3;

	proposal(ds, "PR1", C1, "콜센터", "2024-11-01", PROP_WON);
	proposal(ds, "PR2", C2, "채팅", "2025-02-01", PROP_WON);
	proposal(ds, "PR3", C3, "콜센터", "2025-12-01", PROP_REVIEW);
	proposal(ds, "PR4", C4, "콜센터", "2025-04-01", PROP_WON);
	proposal(ds, "PR5", C1, "채팅상담", "2026-01-15", PROP_DRAFT);
	proposal(ds, "PR6", C4, "야간", "2026-01-20", PROP_REVIEW);
	review(ds, PR1, "2024-11-15", P_O1, VERDICT_FEASIBLE, "0.9");
	review(ds, PR2, "2025-02-10", P_O2, VERDICT_CONDITIONAL, "0.95");
	review(ds, PR3, "2025-12-10", P_O1, VERDICT_INFEASIBLE, "0.6");
	review(ds, PR4, "2025-04-10", P_O2, VERDICT_FEASIBLE, "0.8");
	review(ds, PR6, "2026-01-25", P_O2, VERDICT_INFEASIBLE, "0.5");
	return ds;
}

static char *ld4(long double v)
{
	struct buf b = BUF_INIT;
	numfmt_ld(&b, v, 4);
	return buf_detach(&b, NULL);
}

#define assert_ld4(v, want) do { char *s_ = ld4(v); assert_string_equal(s_, want); free(s_); } while (0)

/* ---- matching and promises -------------------------------------------- */

static void lc_match_contracts(void **state)
{
	(void)state;
	struct dataset *ds = company();
	int match[6];
	lifecycle_match_contracts(ds, match);
	assert_int_equal(match[PR1], K1);
	assert_int_equal(match[PR2], K2);
	assert_int_equal(match[PR3], NO_INDEX);   /* not won */
	assert_int_equal(match[PR4], K5);
	assert_int_equal(match[PR5], NO_INDEX);
	/* won, PR5 takes K4 (C1's 채팅상담 signed after it) */
	ds->proposals[PR5].status = PROP_WON;
	lifecycle_match_contracts(ds, match);
	assert_int_equal(match[PR5], K4);
	/* proposed after K4 was signed: no contract */
	ds->proposals[PR5].proposed_on = D("2026-02-02");
	lifecycle_match_contracts(ds, match);
	assert_int_equal(match[PR5], NO_INDEX);
	fx_free(ds);
}

struct scored {
	struct model *m;
	struct scores *s;
};

static void score(struct scored *sc, const struct dataset *ds, int year)
{
	struct buf err = BUF_INIT;
	sc->m = fx_default_model();
	if (score_run(sc->m, ds, year, &sc->s, &err))
		fail_msg("score_run: %s", err.data);
	buf_release(&err);
}

static void unscore(struct scored *sc)
{
	scores_free(sc->s);
	model_free(sc->m);
}

static void lc_promises_2025(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct scored sc;
	struct lc_promises p;
	score(&sc, ds, 2025);
	lifecycle_promises(sc.s, NULL, 0, &p);
	/* K2 stabilized at month 7 of 9: no steady-state month in 2025 */
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rows[0].proposal, PR1);
	assert_int_equal(p.rows[0].contract, K1);
	assert_int_equal(p.rows[0].met, 6);
	assert_int_equal(p.rows[0].with_data, 8);
	assert_ld4(p.rows[0].predicted, "0.9000");
	assert_ld4(p.rows[0].actual, "0.7500");
	assert_ld4(p.rows[0].gap, "-0.1500");
	assert_int_equal(p.n_by_reviewer, 1);
	assert_int_equal(p.by_reviewer[0].person, P_O1);
	assert_ld4(p.by_reviewer[0].mae, "0.1500");
	assert_ld4(p.by_reviewer[0].bias, "-0.1500");
	lc_promises_release(&p);
	unscore(&sc);
	fx_free(ds);
}

static void lc_promises_2026_with_override(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct scored sc;
	struct lc_promises p;
	struct lc_override ov = { PR3, "cli:exec", "전략 고객", "2026-06-01T00:00:00Z" };
	struct buf csv = BUF_INIT;
	ds->proposals[PR3].status = PROP_WON;
	score(&sc, ds, 2026);
	lifecycle_promises(sc.s, &ov, 1, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.rows[2].proposal, PR3);
	assert_int_equal(p.rows[2].override, 0);
	assert_int_equal(p.rows[0].override, -1);
	report_promises_csv(&p, ds, &ov, &csv);
	assert_string_equal(csv.data,
		"kind,id,contract_id,sales_owner,reviewer,predicted,actual,gap,n,mae,bias,override_by\n"
		"promise,PR1,K1,P-S1,P-O1,0.9000,0.6667,-0.2333,,,,\n"
		"promise,PR2,K2,P-S2,P-O2,0.9500,1.0000,0.0500,,,,\n"
		"promise,PR3,K3,P-S1,P-O1,0.6000,1.0000,0.4000,,,,cli:exec\n"
		"reviewer,P-O1,,,,,,,2,0.3167,0.0833,\n"
		"reviewer,P-O2,,,,,,,1,0.0500,0.0500,\n"
		"sales_owner,P-S1,,,,,,,2,0.3167,0.0833,\n"
		"sales_owner,P-S2,,,,,,,1,0.0500,0.0500,\n"
		"all,all,,,,,,,3,0.2278,0.0722,\n");
	buf_release(&csv);
	lc_promises_release(&p);
	unscore(&sc);
	fx_free(ds);
}

/* A proposal won without a review carrying a prediction: listed, but out of
 * the calibration. */
static void lc_promises_without_prediction(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct scored sc;
	struct lc_promises p;
	ds->feasibility_reviews[0].predicted_attainment = MICRO_NONE;
	score(&sc, ds, 2025);
	lifecycle_promises(sc.s, NULL, 0, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rows[0].has_predicted, 0);
	assert_int_equal(p.rows[0].review, NO_INDEX);
	assert_int_equal(p.n_by_reviewer, 0);
	assert_int_equal(p.overall.n, 0);
	lc_promises_release(&p);
	unscore(&sc);
	fx_free(ds);
}

/* ---- alerts ------------------------------------------------------------ */

static const struct model_alerts default_alerts = { 14, 90, 2 };

/* The alerts on a date as "K2 stabilization_overdue,K2 sla_missed". */
static char *alerts_on(const struct dataset *ds, const struct model_alerts *th, const char *date)
{
	struct lc_alerts a;
	struct buf b = BUF_INIT;
	lifecycle_alerts(ds, th, 3, D(date), &a);
	for (size_t i = 0; i < a.n; i++)
		buf_addf(&b, "%s%s %s", i ? "," : "", ds->contracts[a.items[i].contract].id,
			 lc_rule_id(a.items[i].rule));
	lc_alerts_release(&a);
	return buf_detach(&b, NULL);
}

#define assert_alerts(ds, th, date, want) do { \
	char *s_ = alerts_on((ds), (th), (date)); assert_string_equal(s_, want); free(s_); \
} while (0)

static void lc_alert_stabilization_overdue(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_alerts a;
	/* K2: P 3, K 3 → month 5 (2025-08) must pass first */
	assert_alerts(ds, &default_alerts, "2025-08-31", "K2 sla_missed");
	assert_alerts(ds, &default_alerts, "2025-09-01", "K2 stabilization_overdue,K2 sla_missed");
	lifecycle_alerts(ds, &default_alerts, 3, D("2025-09-01"), &a);
	assert_int_equal(a.items[0].planned_months, 3);
	assert_int_equal(a.items[0].months_elapsed, 6);
	assert_int_equal(a.items[0].deadline_month, MON("2025-08"));
	assert_int_equal(a.items[0].compliant_months, 0);
	lc_alerts_release(&a);
	/* stabilized at month 7 (Oct..Dec 2025): no longer overdue */
	assert_alerts(ds, &default_alerts, "2025-12-15", "");
	fx_free(ds);
}

static void lc_alert_sla_missed(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_alerts a;
	/* K1 missed 2026-03 and 2026-04; 2026-02 was met */
	assert_alerts(ds, &default_alerts, "2026-04-30", "");
	assert_alerts(ds, &default_alerts, "2026-05-01", "K1 sla_missed");
	lifecycle_alerts(ds, &default_alerts, 3, D("2026-05-01"), &a);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.items[0].n_months, 2);
	assert_int_equal(a.items[0].months[0].month, MON("2026-03"));
	assert_int_equal(a.items[0].months[1].num, M("75"));
	lc_alerts_release(&a);
	/* K1 missed July and September 2025 with August met between them: no
	 * alert for K1 (K2 is still missing and overdue) */
	assert_alerts(ds, &default_alerts, "2025-10-01", "K2 stabilization_overdue,K2 sla_missed");
	/* three months running needed: not yet */
	struct model_alerts three = { 14, 90, 3 };
	assert_alerts(ds, &three, "2026-05-01", "");
	fx_free(ds);
}

static void lc_alert_readiness_open(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_alerts a;
	/* K3 goes live 2026-03-02: 14 days before is 2026-02-16 */
	assert_alerts(ds, &default_alerts, "2026-02-15", "K5 renewal_at_risk");
	assert_alerts(ds, &default_alerts, "2026-02-16", "K3 readiness_open,K5 renewal_at_risk");
	lifecycle_alerts(ds, &default_alerts, 3, D("2026-02-16"), &a);
	assert_int_equal(a.items[0].n_items, 2);
	assert_string_equal(ds->readiness[a.items[0].items[0]].item, "교육");
	assert_string_equal(ds->readiness[a.items[0].items[1]].item, "시스템");
	assert_int_equal(a.items[0].days_to_go_live, 14);
	lc_alerts_release(&a);
	lifecycle_alerts(ds, &default_alerts, 3, D("2026-03-02"), &a);
	assert_int_equal(a.items[0].rule, LC_READINESS_OPEN);
	assert_int_equal(a.items[0].n_items, 1);
	assert_int_equal(a.items[0].days_to_go_live, 0);
	lc_alerts_release(&a);
	assert_alerts(ds, &default_alerts, "2026-03-03", "K5 renewal_at_risk");
	/* the threshold comes from the model */
	struct model_alerts twenty = { 20, 90, 2 };
	assert_alerts(ds, &twenty, "2026-02-10", "K3 readiness_open,K5 renewal_at_risk");
	assert_alerts(ds, &default_alerts, "2026-02-10", "K5 renewal_at_risk");
	fx_free(ds);
}

static void lc_alert_renewal_at_risk(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_alerts a;
	/* K5 due 2026-03-31; C4 fell from 4 to 3. 90 days before: 2025-12-31.
	 * K1 is due 2026-01-05 too, but C1 rose from 3 to 4. */
	assert_alerts(ds, &default_alerts, "2025-12-30", "");
	assert_alerts(ds, &default_alerts, "2025-12-31", "K5 renewal_at_risk");
	lifecycle_alerts(ds, &default_alerts, 3, D("2025-12-31"), &a);
	assert_int_equal(a.items[0].days_to_due, 90);
	assert_int_equal(a.items[0].previous_on, D("2025-06-30"));
	assert_int_equal(a.items[0].latest_on, D("2025-11-30"));
	assert_ld4(a.items[0].previous_level, "4.0000");
	assert_ld4(a.items[0].latest_level, "3.0000");
	lc_alerts_release(&a);
	assert_alerts(ds, &default_alerts, "2026-03-31", "K5 renewal_at_risk");
	assert_alerts(ds, &default_alerts, "2026-04-01", "");
	/* a rating after the as-of date is not known yet */
	fx_relationship(ds, C1, "2026-01-02", 2);
	assert_alerts(ds, &default_alerts, "2026-01-01", "K5 renewal_at_risk");
	assert_alerts(ds, &default_alerts, "2026-01-02", "K1 renewal_at_risk,K5 renewal_at_risk");
	fx_free(ds);
}

static void lc_alerts_text(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_alerts a;
	struct buf out = BUF_INIT;
	lifecycle_alerts(ds, &default_alerts, 3, D("2026-05-01"), &a);
	report_alerts_text(&a, ds, LANG_EN, &out);
	assert_string_equal(out.data,
		"Alerts as of 2026-05-01: 1\n"
		"K1 [sla_missed] C1 C1: SLA metric missed months running\n"
		"    sales P-S1 P-S1, operations P-O1 P-O1\n"
		"    SL (SL) missed 2 months running (target ≥ 0.8): 2026-03 0.7, 2026-04 0.75\n");
	buf_release(&out);
	lc_alerts_release(&a);
	fx_free(ds);
}

/* ---- stabilization, cycle, referrals, track record -------------------- */

static void lc_stabilized_at_agrees_with_s3_1(void **state)
{
	(void)state;
	struct dataset *ds = company();
	char *csv = fx_csv(NULL, ds, 2025);
	/* S3.1 = s / P: K1 2/2, K2 7/3 */
	assert_row(csv, "contract,K1,sales,S3.1,1.0000,100.00,1.00,1.0000");
	assert_row(csv, "contract,K2,sales,S3.1,2.3333,33.33,1.00,1.0000");
	assert_int_equal(lifecycle_stabilized_at(ds, K1, 3, 12, NULL), 2);
	int compliant = 0;
	assert_int_equal(lifecycle_stabilized_at(ds, K2, 3, 9, &compliant), 7);
	assert_int_equal(compliant, 3);
	assert_int_equal(lifecycle_stabilized_at(ds, K2, 3, 8, NULL), 0);
	assert_int_equal(lifecycle_stabilized_at(ds, K5, 3, 12, NULL), 0);   /* no metrics */
	free(csv);
	fx_free(ds);
}

static void lc_cycle_years(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct model *m = fx_default_model();
	struct lc_cycle_year *y;
	struct buf csv = BUF_INIT;
	size_t n;
	lifecycle_cycle(ds, m, 2025, 2026, &y, &n);
	assert_int_equal(n, 2);
	report_cycle_csv(y, n, &csv);
	assert_string_equal(csv.data,
		"year,stab_judged,stab_within_plan,stabilization_rate,renewal_decided,renewed,"
		"renewal_rate,active_contracts,expansions,expansions_per_contract,active_value,"
		"expansion_value,expansion_value_growth,new_service_lines,new_service_line_rate,"
		"new_clients,referred_new_clients,referral_rate,references,accounts,"
		"references_per_account\n"
		"2025,2,1,0.5000,0,0,,3,1,0.3333,2300000.00,100000.00,0.0435,0,0.0000,2,1,0.5000,2,3,0.6667\n"
		"2026,1,1,1.0000,1,1,1.0000,5,2,0.4000,3200000.00,50000.00,0.0156,1,0.2000,1,1,1.0000,0,4,0.0000\n");
	buf_release(&csv);
	free(y);
	model_free(m);
	fx_free(ds);
}

static void lc_referral_tree(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct lc_referral *r;
	struct buf out = BUF_INIT;
	size_t n;
	lifecycle_referrals(ds, &r, &n);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].client, C1);
	assert_int_equal(r[0].depth, 0);
	assert_int_equal(r[1].client, C2);
	assert_int_equal(r[1].parent, C1);
	assert_int_equal(r[2].client, C3);
	assert_int_equal(r[2].parent, C2);
	assert_int_equal(r[2].depth, 2);
	assert_int_equal(r[2].on, D("2025-12-15"));
	report_referrals_text(r, n, ds, LANG_EN, &out);
	assert_string_equal(out.data, "C1 C1\n└─ C2 C2\n   └─ C3 C3 (2025-12-15)\n");
	free(r);
	/* C1 also introduced C4: siblings by id, the first drawn with ├─ */
	ds->clients[C4].referred_by = C1;
	lifecycle_referrals(ds, &r, &n);
	buf_reset(&out);
	report_referrals_text(r, n, ds, LANG_EN, &out);
	assert_string_equal(out.data,
		"C1 C1\n├─ C2 C2\n│  └─ C3 C3 (2025-12-15)\n└─ C4 C4\n");
	free(r);
	/* a loop (C1 introduced by C3) still shows every client once */
	ds->clients[C1].referred_by = C3;
	lifecycle_referrals(ds, &r, &n);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].client, C1);
	assert_int_equal(r[0].parent, C3);
	free(r);
	buf_release(&out);
	fx_free(ds);
}

static void lc_track_record_2025(void **state)
{
	(void)state;
	struct dataset *ds = company();
	struct scored sc;
	struct lc_track_record t;
	struct buf out = BUF_INIT;
	score(&sc, ds, 2025);
	lifecycle_track_record(sc.s, &t);
	assert_int_equal(t.n_contracts, 2);
	assert_int_equal(t.contracts[0].contract, K1);
	assert_int_equal(t.contracts[0].stabilized_at, 2);
	assert_int_equal(t.contracts[1].stabilized_at, 7);
	assert_int_equal(t.contracts[1].within_plan, 0);
	report_track_record_json(&t, &out);
	assert_string_equal(out.data,
		"{\n  \"year\": 2025,\n  \"stabilization\": {\"judged\":2,\"within_plan\":1,\"rate\":0.5000,"
		"\"mean_months_to_stabilize\":4.50,\"mean_planned_months\":2.50,\"contracts\":["
		"{\"label\":\"#1\",\"planned_months\":2,\"stabilized_at\":2,\"within_plan\":true},"
		"{\"label\":\"#2\",\"planned_months\":3,\"stabilized_at\":7,\"within_plan\":false}]},\n"
		"  \"steady_state\": {\"contracts\":1,\"met\":6,\"metric_months\":8,\"attainment\":0.7500},\n"
		"  \"renewals\": {\"decided\":0,\"renewed\":0,\"rate\":null},\n"
		"  \"expansions\": {\"active_contracts\":3,\"count\":1,\"per_contract\":0.3333,"
		"\"value_growth\":0.0435}\n}\n");
	/* anonymised: no client, person or contract id in any format */
	buf_reset(&out);
	report_track_record_text(&t, LANG_KO, &out);
	report_track_record_html(&t, LANG_EN, &out);
	assert_null(strstr(out.data, "C1"));
	assert_null(strstr(out.data, "K1"));
	assert_null(strstr(out.data, "P-"));
	buf_release(&out);
	lc_track_record_release(&t);
	unscore(&sc);
	fx_free(ds);
}

/* ---- the model's thresholds -------------------------------------------- */

static void lc_model_alert_thresholds(void **state)
{
	(void)state;
	struct model *m = fx_default_model(), *m2 = NULL;
	struct buf err = BUF_INIT, diff = BUF_INIT;
	assert_int_equal(m->alerts.readiness_days_before_go_live, 14);
	assert_int_equal(m->alerts.renewal_days, 90);
	assert_int_equal(m->alerts.sla_missed_months, 2);
	char *json = model_to_json(m);
	const char *line = "\n  \"alerts\": {\"readiness_days_before_go_live\": 14, \"renewal_days\": 90,"
			   " \"sla_missed_months\": 2},";
	char *at = strstr(json, line);
	assert_non_null(at);

	/* absent: the defaults; one key: the others default */
	struct buf b = BUF_INIT;
	buf_add(&b, json, (size_t)(at - json));
	buf_adds(&b, "\n  \"alerts\": {\"renewal_days\": 60},");
	buf_adds(&b, at + strlen(line));
	assert_int_equal(model_parse(b.data, b.len, "m.json", &m2, &err), 0);
	assert_int_equal(m2->alerts.renewal_days, 60);
	assert_int_equal(m2->alerts.readiness_days_before_go_live, 14);
	assert_int_equal(report_model_diff(m, m2, LANG_EN, DIFF_FORMULAS, &diff), 1);
	assert_string_equal(diff.data, "alert: renewal days: 90 → 60\n");
	model_free(m2);
	buf_reset(&b);
	buf_add(&b, json, (size_t)(at - json));
	buf_adds(&b, at + strlen(line));
	assert_int_equal(model_parse(b.data, b.len, "m.json", &m2, &err), 0);
	assert_int_equal(m2->alerts.sla_missed_months, 2);
	model_free(m2);

	/* bad values and keys are reported */
	buf_reset(&b);
	buf_add(&b, json, (size_t)(at - json));
	buf_adds(&b, "\n  \"alerts\": {\"sla_missed_months\": 0, \"days\": 3},");
	buf_adds(&b, at + strlen(line));
	assert_int_equal(model_parse(b.data, b.len, "m.json", &m2, &err), -1);
	assert_non_null(strstr(err.data, "alerts.sla_missed_months: must be between 1 and 24"));
	assert_non_null(strstr(err.data, "alerts.days: unknown key"));
	buf_release(&b);
	buf_release(&err);
	buf_release(&diff);
	free(json);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lc_match_contracts),
		cmocka_unit_test(lc_promises_2025),
		cmocka_unit_test(lc_promises_2026_with_override),
		cmocka_unit_test(lc_promises_without_prediction),
		cmocka_unit_test(lc_alert_stabilization_overdue),
		cmocka_unit_test(lc_alert_sla_missed),
		cmocka_unit_test(lc_alert_readiness_open),
		cmocka_unit_test(lc_alert_renewal_at_risk),
		cmocka_unit_test(lc_alerts_text),
		cmocka_unit_test(lc_stabilized_at_agrees_with_s3_1),
		cmocka_unit_test(lc_cycle_years),
		cmocka_unit_test(lc_referral_tree),
		cmocka_unit_test(lc_track_record_2025),
		cmocka_unit_test(lc_model_alert_thresholds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
