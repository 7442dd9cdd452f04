/* SPDX-License-Identifier: MIT */
/* The catalog itself. Keys are sorted (byte order) so lookups bisect; a
 * unit test checks the order. */
#include "report/i18n.h"

#include <string.h>

struct message {
	const char *key, *en, *ko;
};

static const struct message catalog[] = {
	{ "after_year_end", "dated after the end of the year", "평가연도 종료 후 일자" },
	{ "annual_value", "annual value", "연간 계약금액" },
	{ "company", "Company", "회사 전체" },
	{ "compliant", "compliant", "준수" },
	{ "contract", "contract", "계약" },
	{ "contracts", "contracts", "계약" },
	{ "counted", "counted", "반영" },
	{ "coverage", "coverage", "반영률" },
	{ "cr_at_risk", "at risk: share of monthly revenue", "위험 부담: 월 매출 대비" },
	{ "cr_burn_in_months", "burn-in months", "유예(burn-in) 개월" },
	{ "cr_cap_factor", "factor", "배율" },
	{ "cr_capped", "capped: credits", "상한 적용: 크레딧" },
	{ "cr_company_total", "Company", "회사 전체" },
	{ "cr_credit", "credit", "크레딧" },
	{ "cr_expected", "expected", "기대" },
	{ "cr_metric", "metric", "지표" },
	{ "cr_minimum", "minimum", "최소" },
	{ "cr_month", "month", "월" },
	{ "cr_none", "No contract has SLA terms with data in this year.", "이 연도에 데이터가 있는 SLA 약정 조건이 없습니다." },
	{ "cr_pool", "pool", "위험 부담액" },
	{ "cr_pool_total", "at risk", "위험 부담액" },
	{ "cr_rule", "rule", "규칙" },
	{ "cr_state", "state", "상태" },
	{ "cr_state_burn_in", "burn-in", "유예 기간" },
	{ "cr_state_nothing", "-", "-" },
	{ "cr_state_owed", "owed", "지급 확정" },
	{ "cr_state_pending", "pending", "보류(earn-back 대기)" },
	{ "cr_state_waived", "waived", "면제(earn-back)" },
	{ "cr_title", "Service credits", "서비스 크레딧" },
	{ "cr_total", "total", "합계" },
	{ "cr_value", "value", "실적" },
	{ "dist_people", "people", "인원" },
	{ "dist_units", "org units", "조직" },
	{ "done_after_go_live", "done after go-live", "가동일 이후 완료" },
	{ "draft", "a draft, not yet proposed to the client", "초안(고객사에 아직 제안 전)" },
	{ "elapsed_months", "elapsed months E", "경과 개월 E" },
	{ "excluded", "left out", "제외" },
	{ "grade", "grade", "등급" },
	{ "grade_distribution", "Grade distribution", "등급 분포" },
	{ "grade_distribution_whatif", "Grade distribution (before → after)", "등급 분포 (변경 전 → 후)" },
	{ "lc_actual", "actual", "실적" },
	{ "lc_alerts_as_of", "Alerts as of", "조기 경보 기준일" },
	{ "lc_all", "everyone", "전체" },
	{ "lc_bias", "bias", "편향" },
	{ "lc_by_reviewer", "Calibration by reviewer (n, mean absolute error, bias = mean of actual − predicted)", "검토자별 보정 (건수, 평균 절대 오차, 편향 = 실적 − 예측의 평균)" },
	{ "lc_by_sales_owner", "Calibration by sales owner", "영업 담당자별 보정" },
	{ "lc_credits_incurred", "service credits incurred", "발생한 서비스 크레딧" },
	{ "lc_cycle_loop", "a referral loop", "소개 순환" },
	{ "lc_expansion_rate", "expansions per active contract", "활성 계약당 확장 건수" },
	{ "lc_expansion_value_growth", "expansion value growth", "확장 금액 증가율" },
	{ "lc_gap", "gap", "차이" },
	{ "lc_late", "later than planned", "계획보다 늦음" },
	{ "lc_mae", "MAE", "평균 절대 오차" },
	{ "lc_mean_months_to_stabilize", "mean months to stabilize", "평균 안정화 소요 개월" },
	{ "lc_mean_planned", "planned", "계획" },
	{ "lc_metric_months_met", "metric-months met", "지표-월 달성" },
	{ "lc_new_service_line_rate", "new service lines per active contract", "활성 계약당 신규 서비스 영역" },
	{ "lc_no_promises", "no won proposal has a contract with steady-state data this year", "올해 안정화 이후 데이터가 있는 수주 제안 없음" },
	{ "lc_no_referrals", "no referrals", "소개 없음" },
	{ "lc_no_sla_terms", "none recorded", "기록 없음" },
	{ "lc_none", "none", "없음" },
	{ "lc_ops_owner", "operations", "운영 담당" },
	{ "lc_overall", "All reviews", "전체" },
	{ "lc_override", "gate override", "게이트 예외 승인" },
	{ "lc_plan", "plan", "계획" },
	{ "lc_predicted", "predicted", "예측" },
	{ "lc_promises_title", "Promise vs delivery", "약속 대비 실적" },
	{ "lc_references_per_account", "references per account", "고객사당 레퍼런스" },
	{ "lc_referral_rate", "referral rate (new clients)", "소개율 (신규 고객)" },
	{ "lc_renewal_rate", "renewal rate", "갱신율" },
	{ "lc_reviewer", "reviewer", "검토자" },
	{ "lc_rule_below_minimum", "SLA metric below its contractual minimum this month", "이번 달 SLA 지표가 계약상 최소 수준 미달" },
	{ "lc_rule_credit_exposure", "service credit exposure this month", "이번 달 서비스 크레딧 발생" },
	{ "lc_rule_readiness_open", "required readiness items open before go-live", "가동 전 필수 준비 항목 미완료" },
	{ "lc_rule_renewal_at_risk", "renewal due while the relationship level falls", "관계 수준 하락 중 갱신 도래" },
	{ "lc_rule_sla_missed", "SLA metric missed months running", "SLA 지표 연속 미달" },
	{ "lc_rule_stabilization_overdue", "stabilization overdue", "안정화 지연" },
	{ "lc_sales_owner", "sales", "영업 담당" },
	{ "lc_sla_terms", "SLA terms", "SLA 약정 조건" },
	{ "lc_stabilization_rate", "stabilized within plan", "계획 내 안정화율" },
	{ "lc_steady_state_attainment", "steady-state SLA attainment", "안정화 이후 SLA 달성률" },
	{ "lc_track_record_title", "Track record", "운영 실적" },
	{ "limit_raise", "an administrator may raise it: docs/reliability.md", "관리자가 한도를 올릴 수 있습니다: docs/reliability.md" },
	{ "limit_xlsx-cpu-seconds", "the workbook took too long to read (limit xlsx-cpu-seconds: CPU time for one workbook)", "통합 문서를 읽는 데 너무 오래 걸립니다 (한도 xlsx-cpu-seconds: 통합 문서 하나를 읽는 CPU 시간)" },
	{ "limit_xlsx-max-cells", "the workbook has too many cells (limit xlsx-max-cells)", "통합 문서의 셀이 너무 많습니다 (한도 xlsx-max-cells)" },
	{ "limit_xlsx-max-gap", "the workbook holds too much whitespace between cells (limit xlsx-max-gap)", "셀 사이의 공백이 너무 많습니다 (한도 xlsx-max-gap)" },
	{ "limit_xlsx-max-part", "a part of the workbook is too large once uncompressed (limit xlsx-max-part)", "통합 문서의 한 부분이 압축을 풀면 너무 큽니다 (한도 xlsx-max-part)" },
	{ "limit_xlsx-max-ratio", "a part of the workbook is compressed far more than a spreadsheet can be (limit xlsx-max-ratio)", "통합 문서의 한 부분이 스프레드시트로는 불가능할 만큼 높은 비율로 압축되어 있습니다 (한도 xlsx-max-ratio)" },
	{ "lost", "lost", "실패(미갱신)" },
	{ "met", "met", "달성" },
	{ "missing_dates", "a date or the planned days are missing", "일자 또는 계획 일수 없음" },
	{ "month", "month", "월" },
	{ "n/a", "n/a", "해당 없음" },
	{ "no_annual_value", "annual value is 0", "연간 계약금액 0" },
	{ "no_data", "no data", "데이터 없음" },
	{ "no_financials", "no financials", "손익 데이터 없음" },
	{ "no_handover_items", "no handover items", "인수인계 항목 없음" },
	{ "no_new_value", "no new annual value", "신규 계약금액 없음" },
	{ "no_planned_months", "planned stabilization months empty", "계획 안정화 개월 없음" },
	{ "no_planned_ramp_days", "planned ramp-up days is 0", "계획 채용·교육 일수 0" },
	{ "no_ratings", "no ratings", "평가 없음" },
	{ "no_renewals", "no renewed or lost renewals", "갱신·미갱신 건 없음" },
	{ "no_required_items", "no required readiness items", "필수 준비 항목 없음" },
	{ "no_revenue", "revenue is not positive", "매출 0 이하" },
	{ "no_risk_tier", "no risk tier", "리스크 등급 없음" },
	{ "no_sla_metrics", "no SLA metrics", "SLA 지표 없음" },
	{ "no_steady_state_data", "no steady-state data", "안정화 이후 데이터 없음" },
	{ "not_accepted", "not accepted", "미인수" },
	{ "not_compliant", "not compliant", "미준수" },
	{ "not_counted", "not counted", "미반영" },
	{ "not_deployed", "not deployed", "미적용" },
	{ "not_done", "not done", "미완료" },
	{ "not_in_year", "not dated in the year", "평가연도 외 일자" },
	{ "not_met", "not met", "미달" },
	{ "not_required", "not required", "필수 아님" },
	{ "not_stabilized", "not stabilized", "안정화 미달성" },
	{ "not_yet_stabilized", "too early to judge (E ≤ P+K−1)", "판단하기 이른 시점 (E ≤ P+K−1)" },
	{ "operations", "Operations", "운영" },
	{ "org_unit", "org unit", "조직" },
	{ "org_units", "Org units", "조직별" },
	{ "origin_sales", "proposed by sales", "영업 제안" },
	{ "outside_first_12_months", "outside the first 12 months", "첫 12개월 외" },
	{ "pending", "pending", "진행 중" },
	{ "people", "People", "개인별" },
	{ "person", "person", "개인" },
	{ "planned_months", "planned months P", "계획 개월 P" },
	{ "sales", "Sales", "영업" },
	{ "score", "score", "점수" },
	{ "scorecard", "Scorecard", "평가표" },
	{ "service_line_had", "the client already had this service line", "기존 보유 서비스 영역" },
	{ "stabilized_at", "stabilized at month", "안정화 달성 월" },
	{ "subjects", "contracts", "대상 계약" },
	{ "target", "target", "목표" },
	{ "too_early", "Too early to judge (operations)", "판단하기 이른 계약 (운영조직)" },
	{ "too_early_help", "live fewer months at the year's end than the model's operations_min_months",
	  "연도 말 기준 가동 개월이 모델의 operations_min_months보다 적음" },
	{ "too_early_months", "months live at the year's end", "연도 말 가동 개월" },
	{ "too_early_owner", "operations owner", "운영 담당" },
	{ "too_early_went_live", "went live", "가동일" },
	{ "total", "total", "종합" },
	{ "value", "value", "값" },
	{ "weight", "weight", "가중치" },
	{ "year", "year", "연도" },
};

const char *i18n(enum lang lang, const char *key)
{
	size_t lo = 0, hi = sizeof catalog / sizeof *catalog;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, catalog[mid].key);
		if (!c)
			return lang == LANG_KO ? catalog[mid].ko : catalog[mid].en;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return key;
}

int i18n_parse_lang(const char *s, enum lang *out)
{
	if (!strcmp(s, "en"))
		*out = LANG_EN;
	else if (!strcmp(s, "ko"))
		*out = LANG_KO;
	else
		return -1;
	return 0;
}

unsigned i18n_count(void)
{
	return sizeof catalog / sizeof *catalog;
}

const char *i18n_key(unsigned i)
{
	return i < i18n_count() ? catalog[i].key : NULL;
}
