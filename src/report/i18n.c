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
	{ "done_after_go_live", "done after go-live", "가동일 이후 완료" },
	{ "elapsed_months", "elapsed months E", "경과 개월 E" },
	{ "excluded", "left out", "제외" },
	{ "grade", "grade", "등급" },
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
