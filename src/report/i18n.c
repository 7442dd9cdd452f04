/* SPDX-License-Identifier: MIT */
/* The catalog itself: one entry a line, { key, English, Korean }, sorted by
 * key in byte order so lookups bisect and entries of one feature stay
 * together (test_web.c and test_engine_scenario.c check the order and that
 * no text is empty). The Korean terms follow docs/glossary.md: when you add
 * a sentence, use the glossary's term for each concept. */
#include "report/i18n.h"

#include <string.h>

struct message {
	const char *key, *en, *ko;
};

static const struct message catalog[] = {
	{ "action.cancel", "Cancel", "취소" },
	{ "action.delete", "Delete", "삭제" },
	{ "action.edit", "Edit", "수정" },
	{ "action.filter", "Filter", "필터" },
	{ "action.first", "First", "처음" },
	{ "action.go", "Go", "이동" },
	{ "action.last", "Last", "마지막" },
	{ "action.next", "Next", "다음" },
	{ "action.prev", "Previous", "이전" },
	{ "action.save", "Save", "저장" },
	{ "action.show", "Show", "보기" },
	{ "alerts.ack_bad", "The acknowledgement names no known contract, rule or date", "확인 요청에 올바른 계약, 규칙, 날짜가 없습니다" },
	{ "alerts.ack_note", "What is being done", "조치 내용" },
	{ "alerts.ack_refused", "The acknowledgement was not saved", "확인을 저장하지 못했습니다" },
	{ "alerts.ack_saved", "The acknowledgement was saved (and written to the audit log).", "확인을 저장했습니다(감사 로그에 기록됨)." },
	{ "alerts.acknowledge", "Acknowledge", "확인 처리" },
	{ "alerts.acknowledged", "Acknowledged by {1} on {2}: {3}", "{1}이(가) {2}에 확인: {3}" },
	{ "alerts.as_of", "as of", "기준일" },
	{ "alerts.bad_date", "Give the date as YYYY-MM-DD and the year as YYYY", "날짜는 YYYY-MM-DD, 연도는 YYYY 형식으로 입력하세요" },
	{ "alerts.contract", "Contract", "계약" },
	{ "alerts.count", "Contracts with alerts on {2}: {1}.", "{2} 기준 경보가 있는 계약: {1}건." },
	{ "alerts.every_rule", "every rule", "모든 규칙" },
	{ "alerts.everyone", "everyone", "전체" },
	{ "alerts.evidence", "Evidence", "근거" },
	{ "alerts.help", "Each rule and its thresholds are part of the evaluation model of the year (alerts). A contract is listed once, with every rule it trips.", "규칙과 기준값은 해당 연도 평가 모델(경보 설정)에 있습니다. 계약은 한 번만 표시되며, 해당하는 규칙이 모두 함께 나열됩니다." },
	{ "alerts.no_contracts", "No contract was in force on {1}: there is nothing to watch.", "{1} 기준 유효한 계약이 없어 살펴볼 대상이 없습니다." },
	{ "alerts.none", "No alerts on {1}: every contract in force ({2}) is on track.", "{1} 기준 경보 없음: 유효한 계약 {2}건이 모두 정상입니다." },
	{ "alerts.none_filtered", "No alert on {1} matches these filters.", "{1} 기준 이 조건에 맞는 경보가 없습니다." },
	{ "alerts.ops_owner", "Operations", "운영" },
	{ "alerts.owner", "Owner", "담당자" },
	{ "alerts.owners", "Owners", "담당자" },
	{ "alerts.page_title", "Alerts", "조기 경보" },
	{ "alerts.rule", "Rule", "규칙" },
	{ "alerts.rule.below_minimum", "Below the contractual minimum", "계약상 최소 수준 미달" },
	{ "alerts.rule.credit_exposure", "Credit exposure this month", "이번 달 크레딧 발생" },
	{ "alerts.rule.readiness_open", "Readiness open before go-live", "운영 개시 전 필수 준비 미완료" },
	{ "alerts.rule.renewal_at_risk", "Renewal due, relationship falling", "관계 하락 중 갱신 도래" },
	{ "alerts.rule.sla_missed", "SLA missed months running", "SLA 연속 미달" },
	{ "alerts.rule.stabilization_overdue", "Stabilization overdue", "안정화 지연" },
	{ "alerts.sales_owner", "Sales", "영업" },
	{ "alerts.see_all", "All {1} contracts with alerts", "경보가 있는 계약 {1}건 모두 보기" },
	{ "alerts.title", "Early warnings", "조기 경보" },
	{ "audit.action", "Action", "작업" },
	{ "audit.action.acknowledge", "acknowledge", "확인" },
	{ "audit.action.activate", "activate", "활성화" },
	{ "audit.action.confirm", "confirm", "확인(승인)" },
	{ "audit.action.correct", "correct", "정정" },
	{ "audit.action.correction", "correction", "정정" },
	{ "audit.action.create", "create", "생성" },
	{ "audit.action.delete", "delete", "삭제" },
	{ "audit.action.disable", "disable", "비활성화" },
	{ "audit.action.enable", "enable", "활성화" },
	{ "audit.action.freeze", "freeze", "결과 확정" },
	{ "audit.action.import", "import", "가져오기" },
	{ "audit.action.lock", "lock", "잠금" },
	{ "audit.action.lose", "mark lost", "실주 처리" },
	{ "audit.action.override", "override", "예외 승인" },
	{ "audit.action.password", "new password", "비밀번호 재발급" },
	{ "audit.action.propose", "propose", "변경 제안" },
	{ "audit.action.reject", "reject", "반려" },
	{ "audit.action.replace", "replace", "교체" },
	{ "audit.action.review", "review", "검토" },
	{ "audit.action.role", "role", "역할 변경" },
	{ "audit.action.update", "update", "수정" },
	{ "audit.action.win", "mark won", "수주 처리" },
	{ "audit.action.withdraw", "withdraw", "철회" },
	{ "audit.actor", "Who", "수행자" },
	{ "audit.after", "After", "변경 후" },
	{ "audit.at", "When", "일시" },
	{ "audit.bad_date", "Give the dates as YYYY-MM-DD", "날짜는 YYYY-MM-DD 형식으로 입력하세요" },
	{ "audit.batch", "batch {1}", "가져오기 {1}회차" },
	{ "audit.before", "Before", "변경 전" },
	{ "audit.broken", "The audit chain is broken:", "감사 로그 체인이 손상되었습니다:" },
	{ "audit.by_cli", "command line ({1})", "명령줄 ({1})" },
	{ "audit.by_demo", "the demo generator", "데모 생성기" },
	{ "audit.by_person", "{1} ({2})", "{1} ({2})" },
	{ "audit.by_user", "user {1}", "사용자 {1}" },
	{ "audit.by_web", "web ({1})", "웹 ({1})" },
	{ "audit.change", "Change", "변경 내용" },
	{ "audit.entity", "What", "대상" },
	{ "audit.entity.alert", "Alerts", "조기 경보" },
	{ "audit.entity.model", "Models", "평가 모델" },
	{ "audit.entity.results", "Results", "평가 결과" },
	{ "audit.entity.user", "Accounts", "사용자" },
	{ "audit.from", "From", "시작일" },
	{ "audit.intact", "The audit chain is intact: no entry was edited or deleted.", "감사 로그 체인이 온전합니다: 수정되거나 삭제된 항목이 없습니다." },
	{ "audit.key", "Key", "키" },
	{ "audit.model_changed", "Model version {1}", "평가 모델 버전 {1}" },
	{ "audit.model_stored", "Model version {1} stored ({2} bytes of JSON)", "평가 모델 버전 {1} 저장 (JSON {2}바이트)" },
	{ "audit.no_change", "no field changed", "바뀐 항목 없음" },
	{ "audit.none", "No audit entry matches these filters.", "이 조건에 맞는 감사 로그 항목이 없습니다." },
	{ "audit.open_model", "Open the model", "평가 모델 보기" },
	{ "audit.seq", "No.", "번호" },
	{ "audit.show_all", "show all", "전체 보기" },
	{ "audit.title", "Audit log", "감사 로그" },
	{ "audit.to", "To", "종료일" },
	{ "audit.unknown_user", "unknown", "알 수 없음" },
	{ "audit.zone", "Times are in {1} (the server's time zone); the log itself keeps UTC.", "시각은 {1} 기준입니다(서버 시간대). 감사 로그 자체는 UTC로 보관합니다." },
	{ "change.conflict", "The change cannot be applied as it stands", "이 변경은 지금 상태로는 적용할 수 없습니다" },
	{ "change.forbidden", "You may not decide this change", "이 변경을 결정할 권한이 없습니다" },
	{ "change.invalid", "The decision is incomplete", "결정 내용이 올바르지 않습니다" },
	{ "change.missing", "No such proposed change", "해당 변경 제안이 없습니다" },
	{ "changes.after", "After", "변경 후" },
	{ "changes.back", "Back to the changes", "변경 목록으로" },
	{ "changes.before", "Before", "변경 전" },
	{ "changes.confirm", "Confirm", "확인(승인)" },
	{ "changes.confirmed_notice", "The change is confirmed and applied.", "변경을 승인했고 반영했습니다." },
	{ "changes.confirmer", "Confirmed by", "확인 주체" },
	{ "changes.confirmer_executive", "an executive", "임원" },
	{ "changes.confirmer_operations", "operations (the contract's ops owner or their unit)", "운영 (계약의 운영 담당 또는 그 조직)" },
	{ "changes.confirmer_sales owner", "the contract's sales owner", "계약의 영업 담당" },
	{ "changes.created_at", "Proposed at", "제안 시각" },
	{ "changes.decide", "Decide", "결정" },
	{ "changes.decided_by", "Decided by", "결정자" },
	{ "changes.for_contract", "Changes waiting for confirmation", "확인을 기다리는 변경" },
	{ "changes.help", "A change that a rated party makes to its own evidence counts only after a person of the other side confirms it (SPEC §2). Scores read confirmed records only.", "평가받는 쪽이 자기 근거 데이터를 바꾸면 상대 조직의 담당자가 확인해야 반영됩니다. 점수는 확인된 기록만 읽습니다." },
	{ "changes.id", "Change", "변경" },
	{ "changes.key", "Record", "기록" },
	{ "changes.kind", "Kind", "종류" },
	{ "changes.mine", "My proposed changes", "내가 제안한 변경" },
	{ "changes.none_mine", "You have proposed no changes.", "제안한 변경이 없습니다." },
	{ "changes.none_waiting", "Nothing waits for your confirmation.", "확인을 기다리는 변경이 없습니다." },
	{ "changes.note", "Note", "메모" },
	{ "changes.one", "Proposed change", "변경 제안" },
	{ "changes.op", "Type", "변경 유형" },
	{ "changes.op_create", "new record", "새 기록" },
	{ "changes.op_delete", "deletion", "삭제" },
	{ "changes.op_update", "correction", "수정" },
	{ "changes.proposed_notice", "Saved as a proposed change: it counts once the other side confirms it.", "변경 제안으로 저장했습니다. 상대 조직이 확인하면 반영됩니다." },
	{ "changes.proposer", "Proposed by", "제안자" },
	{ "changes.reason", "Reason", "사유" },
	{ "changes.reject", "Reject", "반려" },
	{ "changes.rejected_notice", "The change is rejected.", "변경을 반려했습니다." },
	{ "changes.state", "State", "상태" },
	{ "changes.state_confirmed", "confirmed", "승인됨" },
	{ "changes.state_proposed", "waiting", "확인 대기" },
	{ "changes.state_rejected", "rejected", "반려됨" },
	{ "changes.state_withdrawn", "withdrawn", "철회됨" },
	{ "changes.title", "Proposed changes", "변경 확인" },
	{ "changes.waiting", "Waiting for my confirmation", "내 확인을 기다리는 변경" },
	{ "changes.withdraw", "Withdraw", "철회" },
	{ "changes.withdrawn_notice", "The change is withdrawn.", "변경 제안을 철회했습니다." },
	{ "cli.see_help", "(see 'tandem {1} --help')", "('tandem {1} --help' 참고)" },
	{ "col.accepted_on", "Accepted", "인수일" },
	{ "col.added_annual_value", "Added annual value", "추가 연간 금액" },
	{ "col.allocation_pct", "Allocation (% of the pool)", "배분율 (풀 대비 %)" },
	{ "col.annual_savings", "Annual savings", "연간 절감액" },
	{ "col.annual_value", "Annual value", "연간 계약금액" },
	{ "col.at_risk_pct", "At risk (% of monthly fees)", "위험 부담률 (월 대금 %)" },
	{ "col.burn_in_months", "Burn-in months", "유예(burn-in) 개월" },
	{ "col.category", "Category", "분류" },
	{ "col.client_id", "Client", "고객사" },
	{ "col.concreteness", "Concreteness", "구체성" },
	{ "col.conditions", "Conditions", "조건" },
	{ "col.contract_id", "Contract", "계약" },
	{ "col.cost", "Cost", "비용" },
	{ "col.credit_rule", "Credit rule", "크레딧 규칙" },
	{ "col.credited_contract_id", "Credited contract", "귀속 계약" },
	{ "col.date", "Date", "날짜" },
	{ "col.denominator", "Denominator", "분모" },
	{ "col.direction", "Direction", "방향" },
	{ "col.done_on", "Done", "완료일" },
	{ "col.due_on", "Due", "갱신 예정일" },
	{ "col.earn_back_months", "Earn-back months", "회복(earn-back) 개월" },
	{ "col.email", "Email", "이메일" },
	{ "col.end_on", "End", "종료일" },
	{ "col.expected", "Expected level", "기대 수준" },
	{ "col.feasibility", "Feasibility", "타당성" },
	{ "col.go_live_on", "Go-live", "운영 개시일" },
	{ "col.hours_saved", "Hours saved", "절감 시간" },
	{ "col.id", "Id", "ID" },
	{ "col.industry", "Industry", "업종" },
	{ "col.initial_target", "Initial target", "초기 목표" },
	{ "col.item", "Item", "항목" },
	{ "col.kind", "Kind", "종류" },
	{ "col.level", "Level", "수준" },
	{ "col.metric", "Metric", "지표" },
	{ "col.minimum", "Minimum level", "최소 수준" },
	{ "col.month", "Month", "월" },
	{ "col.name", "Name", "이름" },
	{ "col.new_annual_value", "New annual value", "갱신 후 연간 금액" },
	{ "col.note", "Note", "메모" },
	{ "col.numerator", "Numerator", "분자" },
	{ "col.ops_owner", "Operations owner", "운영 담당" },
	{ "col.org_unit_id", "Org unit", "소속 조직" },
	{ "col.origin", "Origin", "제안 주체" },
	{ "col.outcome", "Outcome", "결과" },
	{ "col.parent_contract_id", "Parent contract", "모 계약" },
	{ "col.parent_id", "Parent", "상위 조직" },
	{ "col.planned_ramp_days", "Planned ramp-up days", "계획 램프업 기간(일)" },
	{ "col.planned_stabilization_months", "Planned stabilization months", "계획 안정화 기간(월)" },
	{ "col.predicted_attainment", "Predicted attainment", "예상 달성률" },
	{ "col.proposal_id", "Proposal", "제안" },
	{ "col.proposed_on", "Proposed", "제안일" },
	{ "col.ramp_started_on", "Ramp-up started", "램프업 시작일" },
	{ "col.rated_by", "Rated by", "평가자" },
	{ "col.rated_on", "Rated", "평가일" },
	{ "col.referred_by", "Referred by", "소개 고객사" },
	{ "col.referred_client_id", "Referred client", "소개된 고객사" },
	{ "col.renews_contract_id", "Renews contract", "갱신 대상 계약" },
	{ "col.required", "Required", "필수" },
	{ "col.required_ramp_days", "Required ramp-up days", "필요 램프업 기간(일)" },
	{ "col.revenue", "Revenue", "매출" },
	{ "col.reviewed_on", "Reviewed", "검토일" },
	{ "col.reviewer", "Reviewer", "검토자" },
	{ "col.risk_tier", "Risk tier", "리스크 등급" },
	{ "col.sales_owner", "Sales owner", "영업 담당" },
	{ "col.service_line", "Service line", "서비스 라인" },
	{ "col.signed_on", "Signed", "계약 체결일" },
	{ "col.staffed_on", "Staffed", "인력 확보일" },
	{ "col.status", "Status", "상태" },
	{ "col.target", "Target", "목표" },
	{ "col.title", "Title", "제목" },
	{ "col.unit", "Unit", "단위" },
	{ "col.verdict", "Verdict", "판정" },
	{ "contract.late_items", "{1} done after go-live (not counted for readiness)", "{1}건은 운영 개시 후 완료 (준비도에 미반영)" },
	{ "contract.lifecycle", "Lifecycle", "계약 생애주기" },
	{ "contract.open", "Open the contract page", "계약 페이지 열기" },
	{ "contract.open_item", "open", "미완료" },
	{ "contract.ops_scores", "Operations scorecard", "운영 평가표" },
	{ "contract.optional", "optional", "선택" },
	{ "contract.sales_scores", "Sales scorecard", "영업 평가표" },
	{ "contract.terms", "Contract terms", "계약 조건" },
	{ "contract.title", "Contract", "계약" },
	{ "credits.at_risk", "At risk", "위험 부담액" },
	{ "credits.at_risk_pct", "At risk: share of monthly revenue", "위험 부담: 월 매출 대비" },
	{ "credits.by_center", "By operations center", "운영센터별" },
	{ "credits.by_sales_owner", "By sales owner", "영업 담당자별" },
	{ "credits.center", "Operations center", "운영센터" },
	{ "credits.chart_title", "Money at risk and service credits by month", "월별 위험 부담액과 서비스 크레딧" },
	{ "credits.columns_help", "In the tables below, the first four amounts are this month's, the next four the year to date.", "아래 표의 앞 네 금액은 이번 달, 뒤 네 금액은 연초부터의 누계입니다." },
	{ "credits.company", "Company", "전사" },
	{ "credits.contract_title", "SLA terms and service credits", "SLA 약정 조건과 서비스 크레딧" },
	{ "credits.contracts", "Contracts with SLA terms", "SLA 약정 조건이 있는 계약" },
	{ "credits.evidence", "Evidence (sums, pool, cap factor, earn-back months):", "근거 (합계, 위험 부담액, 상한 배율, 회복 판정 월):" },
	{ "credits.help", "Service credits under the contracts' SLA terms: the share of monthly fees at risk, and the credits owed, pending (waiting for earn-back months) or waived by earn-back. Reported, not scored.", "계약별 SLA 약정 조건에 따른 서비스 크레딧: 월 대금 중 위험 부담액과 지급 확정·보류(회복 기간 대기)·면제(회복 달성) 크레딧입니다. 점수에는 반영하지 않습니다." },
	{ "credits.month", "Month", "월" },
	{ "credits.no_terms", "No SLA terms for this contract (sla_terms).", "이 계약에는 SLA 약정 조건(sla_terms)이 없습니다." },
	{ "credits.none", "No contract has SLA terms with data in this year.", "이 연도에 데이터가 있는 SLA 약정 조건이 없습니다." },
	{ "credits.owed", "Owed", "지급 확정" },
	{ "credits.pending", "Pending", "보류" },
	{ "credits.period", "Period", "기간" },
	{ "credits.sales_owner", "Sales owner", "영업 담당자" },
	{ "credits.this_month", "This month", "이번 달" },
	{ "credits.title", "Money at risk", "위험 부담액(서비스 크레딧)" },
	{ "credits.waived", "Waived", "면제" },
	{ "credits.year_to_date", "Year to date", "연초부터 누계" },
	{ "cycle.active_contracts", "Active contracts", "활성 계약 수" },
	{ "cycle.bad_years", "Give the years as YYYY, 'to' from 'from' up to 50 years later.", "연도는 YYYY로, 종료 연도는 시작 연도부터 50년 이내로 입력하세요." },
	{ "cycle.charts", "Year by year", "연도별 추이" },
	{ "cycle.expansion_value_growth", "Expansion value growth", "확장 금액 증가율" },
	{ "cycle.expansions_per_contract", "Expansions per active contract", "활성 계약당 확장 건수" },
	{ "cycle.from", "From", "시작 연도" },
	{ "cycle.help", "The virtuous cycle: operations stabilizes what sales sold, which brings renewals, expansions, new service lines and referrals.", "선순환: 운영이 영업이 수주한 계약을 안정화하면 갱신, 확장, 신규 서비스 라인, 소개로 이어집니다." },
	{ "cycle.indicator", "Indicator", "지표" },
	{ "cycle.indicators", "Indicators", "지표" },
	{ "cycle.new_clients", "New clients", "신규 고객사 수" },
	{ "cycle.new_service_line_rate", "New service lines per active contract", "활성 계약당 신규 서비스 라인" },
	{ "cycle.no_referrals", "No client was introduced by another client yet.", "다른 고객사가 소개한 고객사가 아직 없습니다." },
	{ "cycle.partial_year", "A year marked * is not over yet: its bars are pale and dashed, and will still change.", "*가 붙은 연도는 아직 진행 중입니다. 막대는 옅은 점선으로 표시되며 값이 바뀔 수 있습니다." },
	{ "cycle.references_per_account", "References per account", "고객사당 레퍼런스" },
	{ "cycle.referral_rate", "Referral rate (referred ÷ new clients)", "소개율 (소개받은 신규 고객사 ÷ 신규 고객사)" },
	{ "cycle.referrals", "Referral tree", "소개 관계도" },
	{ "cycle.referred_on", "introduced on", "소개일" },
	{ "cycle.renewal_rate", "Renewal rate", "갱신율" },
	{ "cycle.stabilization_rate", "Stabilized within plan", "계획 내 안정화율" },
	{ "cycle.title", "Growth cycle", "성장 선순환" },
	{ "cycle.to", "To", "종료 연도" },
	{ "dash.all_well", "Nothing overdue: every contract stabilized within plan.", "지연 없음: 모든 계약이 계획 기간 안에 안정화되었습니다." },
	{ "dash.attention", "Needs attention", "주의가 필요한 계약" },
	{ "dash.company", "Company totals", "전사 종합" },
	{ "dash.grades", "Grade distribution", "등급 분포" },
	{ "dash.grades_help", "How many people and org units of each organization fall in each grade (n/a: no score this year).", "조직별로 각 등급에 속한 인원과 조직의 수입니다(해당 없음: 올해 점수 없음)." },
	{ "dash.grades_people", "people", "인원" },
	{ "dash.grades_units", "org units", "조직" },
	{ "dash.not_stabilized", "not stabilized after the planned months (elapsed / planned)", "계획 기간이 지나도록 안정화되지 않음 (경과 / 계획 개월)" },
	{ "dash.title", "Dashboard", "대시보드" },
	{ "dash.units_operations", "Operations units", "운영 조직" },
	{ "dash.units_sales", "Sales units", "영업 조직" },
	{ "diff.alert_readiness", "alert: readiness days before go-live: {1} → {2}", "경보: 운영 개시 전 준비 확인 일수: {1} → {2}" },
	{ "diff.alert_renewal", "alert: renewal days: {1} → {2}", "경보: 갱신 전 일수: {1} → {2}" },
	{ "diff.alert_sla", "alert: SLA months missed in a row: {1} → {2}", "경보: SLA 연속 미달 개월: {1} → {2}" },
	{ "diff.category_added", "category {1} added to {2} (weight {3})", "평가 영역 {1}이(가) {2}에 추가됨 (가중치 {3})" },
	{ "diff.category_name", "name of category {1} ({2}): {3} → {4}", "평가 영역 {1}의 이름({2}): {3} → {4}" },
	{ "diff.category_removed", "category {1} removed from {2}", "평가 영역 {1}이(가) {2}에서 삭제됨" },
	{ "diff.category_weight", "weight of category {1}: {2} → {3}", "평가 영역 {1}의 가중치: {2} → {3}" },
	{ "diff.criterion_added", "criterion {1} added to {2}", "평가 기준 {1}이(가) {2}에 추가됨" },
	{ "diff.criterion_moved", "criterion {1} moved from {2} to {3}", "평가 기준 {1}이(가) {2}에서 {3}(으)로 이동함" },
	{ "diff.criterion_name", "name of criterion {1} ({2}): {3} → {4}", "평가 기준 {1}의 이름({2}): {3} → {4}" },
	{ "diff.criterion_removed", "criterion {1} removed", "평가 기준 {1}이(가) 삭제됨" },
	{ "diff.criterion_weight", "weight of criterion {1}: {2} → {3}", "평가 기준 {1}의 가중치: {2} → {3}" },
	{ "diff.description", "description: {1} → {2}", "설명: {1} → {2}" },
	{ "diff.fiscal_month", "fiscal year first month: {1} → {2}", "회계연도 시작 월: {1} → {2}" },
	{ "diff.grades", "grades: {1} → {2}", "등급 기준: {1} → {2}" },
	{ "diff.measure_added", "measure {1} of {2} added: {3}", "{2}의 측정 항목 {1}이(가) 추가됨: {3}" },
	{ "diff.measure_name", "name of measure {1} of {2} ({3}): {4} → {5}", "{2}의 측정 항목 {1}의 이름({3}): {4} → {5}" },
	{ "diff.measure_removed", "measure {1} of {2} removed", "{2}의 측정 항목 {1}이(가) 삭제됨" },
	{ "diff.measure_scoring", "{1} {2} scoring: {3} → {4}", "{1} {2} 채점 방식: {3} → {4}" },
	{ "diff.min_months", "operations minimum months: {1} → {2}", "운영 평가 최소 개월 수: {1} → {2}" },
	{ "diff.name", "name: {1} → {2}", "이름: {1} → {2}" },
	{ "diff.org_name", "name of organization {1} ({2}): {3} → {4}", "조직 구분 {1}의 이름({2}): {3} → {4}" },
	{ "diff.reference_weight", "reference weight ({1}): {2} → {3}", "레퍼런스 가중치({1}): {2} → {3}" },
	{ "diff.required_margin", "required margin ({1}): {2} → {3}", "요구 마진({1}): {2} → {3}" },
	{ "diff.rollup", "roll-up weighting: {1} → {2}", "집계 가중 방식: {1} → {2}" },
	{ "diff.sales_window", "sales window (years): {1} → {2}", "영업 평가 기간(년): {1} → {2}" },
	{ "diff.scoring", "{1} scoring: {2} → {3}", "{1} 채점 방식: {2} → {3}" },
	{ "diff.stabilization_run", "stabilization run K (months): {1} → {2}", "안정화 연속 개월 K: {1} → {2}" },
	{ "diff.year", "year: {1} → {2}", "연도: {1} → {2}" },
	{ "enum.automation", "automation", "자동화" },
	{ "enum.case_study", "case study", "사례 연구" },
	{ "enum.conditional", "conditional", "조건부" },
	{ "enum.deployed", "deployed", "적용됨" },
	{ "enum.dispute", "dispute", "분쟁" },
	{ "enum.draft", "draft", "초안" },
	{ "enum.executive", "executive", "경영" },
	{ "enum.feasible", "feasible", "가능" },
	{ "enum.full", "full", "전액" },
	{ "enum.high", "high", "높음" },
	{ "enum.higher", "higher is better", "높을수록 좋음" },
	{ "enum.infeasible", "infeasible", "불가" },
	{ "enum.infra", "infrastructure", "인프라" },
	{ "enum.linear", "linear", "비례" },
	{ "enum.lost", "lost", "실주·미갱신" },
	{ "enum.low", "low", "낮음" },
	{ "enum.lower", "lower is better", "낮을수록 좋음" },
	{ "enum.manual", "manual", "매뉴얼" },
	{ "enum.medium", "medium", "중간" },
	{ "enum.operations", "operations", "운영" },
	{ "enum.other", "other", "기타" },
	{ "enum.out_of_scope", "out of scope", "범위 외 요청" },
	{ "enum.pending", "pending", "대기" },
	{ "enum.process_improvement", "process improvement", "프로세스 개선" },
	{ "enum.proposed", "proposed", "제안됨" },
	{ "enum.reference_call", "reference call", "레퍼런스 콜" },
	{ "enum.referral", "referral", "소개" },
	{ "enum.renewed", "renewed", "갱신" },
	{ "enum.review", "in review", "검토 중" },
	{ "enum.sales", "sales", "영업" },
	{ "enum.scope", "scope", "업무 범위" },
	{ "enum.service_model", "service model", "서비스 모델" },
	{ "enum.site", "site", "사이트" },
	{ "enum.site_visit", "site visit", "현장 방문" },
	{ "enum.staffing", "staffing", "인력" },
	{ "enum.system", "system", "시스템" },
	{ "enum.training", "training", "교육" },
	{ "enum.volume", "volume", "물량" },
	{ "enum.won", "won", "수주" },
	{ "error.account_disabled", "this account is disabled", "비활성화된 계정입니다" },
	{ "error.ack_note", "an acknowledgement needs a note", "확인에는 조치 내용을 적어야 합니다" },
	{ "error.ack_note_long", "the note of an acknowledgement is at most {1} bytes", "확인 내용은 최대 {1}바이트입니다" },
	{ "error.as_of", "as_of takes a date YYYY-MM-DD, not '{1}'", "기준일은 YYYY-MM-DD 형식의 날짜여야 합니다('{1}'은(는) 날짜가 아님)" },
	{ "error.attainment_not_number", "predicted_attainment '{1}': not a number", "예상 달성률 '{1}': 숫자가 아닙니다" },
	{ "error.attainment_range", "predicted_attainment '{1}' is not between 0 and 1", "예상 달성률 '{1}'은(는) 0과 1 사이가 아닙니다" },
	{ "error.bad_count", "bad value '{1}' for {2} (expected a whole number >= 0)", "{2}에 잘못된 값 '{1}' (0 이상의 정수여야 함)" },
	{ "error.bad_date", "bad date '{1}' for {2} (expected YYYY-MM-DD, a day that exists)", "{2}에 잘못된 날짜 '{1}' (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)" },
	{ "error.bad_email", "bad email '{1}'", "잘못된 이메일 '{1}'" },
	{ "error.bad_enum", "bad value '{1}' for {2} (expected {3})", "{2}에 잘못된 값 '{1}' (허용 값: {3})" },
	{ "error.bad_flag", "bad value '{1}' for {2} (expected 1 or 0)", "{2}에 잘못된 값 '{1}' (1 또는 0이어야 함)" },
	{ "error.bad_flag_whole", "bad value '{1}' for {2} (expected a whole number: 1 or 0)", "{2}에 잘못된 값 '{1}' (정수 1 또는 0이어야 함)" },
	{ "error.bad_month", "bad month '{1}' for {2} (expected YYYY-MM)", "{2}에 잘못된 월 '{1}' (YYYY-MM 형식이어야 함)" },
	{ "error.bad_number", "bad number '{1}' for {2}", "{2}에 잘못된 숫자 '{1}'" },
	{ "error.bad_number_precision", "bad number '{1}' for {2}: more than 6 decimals", "{2}에 잘못된 숫자 '{1}': 소수 6자리 초과" },
	{ "error.bad_number_range", "bad number '{1}' for {2}: number too large", "{2}에 잘못된 숫자 '{1}': 너무 큰 수" },
	{ "error.bad_number_syntax", "bad number '{1}' for {2}: not a number (use '.' for decimals and no thousands separators)", "{2}에 잘못된 숫자 '{1}': 숫자가 아닙니다 (소수점은 '.', 천 단위 구분 기호 없이)" },
	{ "error.bad_rating", "bad value '{1}' for {2} (expected a whole number from 1 to 5)", "{2}에 잘못된 값 '{1}' (1~5의 정수여야 함)" },
	{ "error.bad_whole", "bad value '{1}' for {2} (expected a whole number{3})", "{2}에 잘못된 값 '{1}' (정수여야 함{3})" },
	{ "error.bad_whole_flag", "bad value '{1}' for {2} (expected a whole number: 1 or 0)", "{2}에 잘못된 값 '{1}' (1 또는 0이어야 함)" },
	{ "error.bad_whole_nonnegative", "bad value '{1}' for {2} (expected a whole number >= 0)", "{2}에 잘못된 값 '{1}' (0 이상의 정수여야 함)" },
	{ "error.bad_whole_range", "bad value '{1}' for {2} (expected a whole number from {3} to {4})", "{2}에 잘못된 값 '{1}' ({3}~{4} 사이의 정수여야 함)" },
	{ "error.before", "{1} {2} is before {3} {4}", "{1} {2}이(가) {3} {4}보다 앞섭니다" },
	{ "error.body_too_large", "request body too large (at most {1} bytes)", "요청 본문이 너무 큽니다 (최대 {1}바이트)" },
	{ "error.change_already_confirmed", "change {1} is confirmed already", "변경 제안 {1}은(는) 이미 승인되었습니다" },
	{ "error.change_already_decided", "change {1} was decided already", "변경 제안 {1}은(는) 이미 결정되었습니다" },
	{ "error.change_already_rejected", "change {1} is rejected already", "변경 제안 {1}은(는) 이미 반려되었습니다" },
	{ "error.change_already_withdrawn", "change {1} is withdrawn already", "변경 제안 {1}은(는) 이미 철회되었습니다" },
	{ "error.change_in_use", "other records still refer to this record", "다른 기록이 아직 이 기록을 참조합니다" },
	{ "error.change_note_long", "a note is at most {1} bytes", "메모는 최대 {1}바이트입니다" },
	{ "error.change_note_required", "a rejection needs a note saying why", "반려하려면 사유를 메모로 적어야 합니다" },
	{ "error.change_proposer_only", "only the proposer may withdraw a change", "변경 제안은 제안자만 철회할 수 있습니다" },
	{ "error.change_stale", "the {1} record {2} changed since this change was proposed: reject it and propose again", "{1} 기록 {2}이(가) 이 변경이 제안된 뒤에 바뀌었습니다. 반려하고 다시 제안하세요" },
	{ "error.change_unknown_record", "the change names no record this store knows", "이 변경이 가리키는 기록이 저장소에 없습니다" },
	{ "error.change_waits_executive", "this change waits for an executive; you may not decide it", "이 변경은 임원의 확인을 기다립니다. 결정할 수 없습니다" },
	{ "error.change_waits_operations", "this change waits for operations (the contract's ops owner or their unit) or an executive; you may not decide it", "이 변경은 운영(계약의 운영 담당 또는 그 조직) 또는 임원의 확인을 기다립니다. 결정할 수 없습니다" },
	{ "error.change_waits_other", "this change waits for someone else; you may not decide it", "이 변경은 다른 사람의 확인을 기다립니다. 결정할 수 없습니다" },
	{ "error.change_waits_sales_owner", "this change waits for the contract's sales owner or an executive; you may not decide it", "이 변경은 계약의 영업 담당 또는 임원의 확인을 기다립니다. 결정할 수 없습니다" },
	{ "error.cli.calibrate_years", "calibration takes 1 to 20 years of history, not {1}", "보정에는 1~20년의 이력이 필요합니다({1}년이 아님)" },
	{ "error.cli.cannot_read", "cannot read '{1}': {2}", "'{1}'을(를) 읽을 수 없습니다: {2}" },
	{ "error.cli.cannot_write", "cannot write '{1}': {2}", "'{1}'에 쓸 수 없습니다: {2}" },
	{ "error.cli.format", "--format takes text, csv or json, not '{1}'", "--format은 text, csv, json 중 하나입니다('{1}'이 아님)" },
	{ "error.cli.frozen_format", "--frozen prints the frozen csv or json; it takes no --model", "--frozen은 확정된 결과를 csv 또는 json으로 출력하며 --model은 받지 않습니다" },
	{ "error.cli.import_failed", "import failed: {1} problems in {2} rows; nothing was written", "가져오기 실패: {2}행에서 문제 {1}건, 아무것도 저장하지 않았습니다" },
	{ "error.cli.import_failed_one", "import failed: {1} problem in {2} rows; nothing was written", "가져오기 실패: {2}행에서 문제 {1}건, 아무것도 저장하지 않았습니다" },
	{ "error.cli.no_model_spec", "no model file or stored version '{1}' (see 'tandem model list')", "평가 모델 파일이나 등록된 버전 '{1}'이(가) 없습니다('tandem model list' 참고)" },
	{ "error.cli.no_stored_model", "no stored model version '{1}' (see 'tandem model list')", "등록된 평가 모델 버전 '{1}'이(가) 없습니다('tandem model list' 참고)" },
	{ "error.cli.no_user", "no user '{1}'", "사용자 '{1}'이(가) 없습니다" },
	{ "error.cli.not_frozen_help", "the results of {1} are not frozen (see 'tandem freeze --help')", "{1}년 결과는 확정되지 않았습니다('tandem freeze --help' 참고)" },
	{ "error.cli.nothing_to_import", "nothing to import: name files or folders", "가져올 것이 없습니다: 파일이나 폴더를 지정하세요" },
	{ "error.cli.org", "--org takes sales or operations, not '{1}'", "--org는 sales(영업) 또는 operations(운영)입니다('{1}'이 아님)" },
	{ "error.cli.out_required", "--out FILE is required", "--out FILE이 필요합니다" },
	{ "error.cli.password_length", "a password has 10 to {1} characters", "비밀번호는 10~{1}자입니다" },
	{ "error.cli.role", "unknown role '{1}' (admin, executive, sales, operations, viewer)", "알 수 없는 역할 '{1}' (admin(관리자), executive(임원), sales(영업), operations(운영), viewer(조회자))" },
	{ "error.cli.unexpected_argument", "unexpected argument '{1}'", "예상하지 못한 인수 '{1}'" },
	{ "error.cli.unknown_kind", "unknown record kind '{1}'", "알 수 없는 기록 종류 '{1}'" },
	{ "error.cli.unknown_option", "unknown option '{1}'", "알 수 없는 옵션 '{1}'" },
	{ "error.cli.unknown_subcommand", "unknown subcommand '{1}'", "알 수 없는 하위 명령 '{1}'" },
	{ "error.cli.user_name", "name a user: 1 to 64 letters, digits or . _ @ -", "사용자 이름을 지정하세요: 1~64자의 영문자, 숫자 또는 . _ @ -" },
	{ "error.cli.year", "--year takes a year from {1} to {2} such as 2026", "--year에는 {1}~{2} 사이의 연도를 지정하세요(예: 2026)" },
	{ "error.cli.year_not", "--year takes a year from {1} to {2} such as 2026, not '{3}'", "--year에는 {1}~{2} 사이의 연도를 지정하세요(예: 2026, '{3}'이 아님)" },
	{ "error.closed_year", "{1} is a closed year (its results were frozen): its evidence changes only through an executive's correction with a reason", "{1}년은 마감된 연도입니다(결과 확정됨): 근거 데이터는 임원이 사유를 적어 정정할 때만 바뀝니다" },
	{ "error.closed_year_record", "{1} '{2}': {3} is a closed year (its results were frozen): its evidence changes only through an executive's correction with a reason", "{1} '{2}': {3}년은 마감된 연도입니다(결과 확정됨): 근거 데이터는 임원이 사유를 적어 정정할 때만 바뀝니다" },
	{ "error.column_twice", "column '{1}' appears twice", "열 '{1}'이(가) 두 번 나옵니다" },
	{ "error.conflict", "The current state does not allow this", "현재 상태에서는 할 수 없습니다" },
	{ "error.control_char", "{1} contains a control character", "{1}에 제어 문자가 있습니다" },
	{ "error.correction_reason", "A correction of a closed year needs a reason", "마감된 연도의 정정에는 사유가 필요합니다" },
	{ "error.correction_role", "Only an executive may correct a closed year", "마감된 연도는 임원만 정정할 수 있습니다" },
	{ "error.csrf", "The form expired or came from elsewhere. Reload the page and try again.", "양식이 만료되었거나 다른 곳에서 왔습니다. 페이지를 새로 고친 뒤 다시 시도하세요." },
	{ "error.csrf_token", "csrf token missing or wrong", "보안 토큰(CSRF)이 없거나 틀렸습니다" },
	{ "error.csv.invalid_utf8", "invalid UTF-8 (byte {1} at character {2} of the line)", "UTF-8이 아닙니다(그 행의 {2}번째 글자, 바이트 {1}). Excel에서 'CSV UTF-8'로 저장하거나 CP949(EUC-KR) 파일이면 인코딩을 지정하세요" },
	{ "error.csv.nul_byte", "NUL byte in input", "입력에 NUL 바이트가 있습니다" },
	{ "error.csv.record_too_long", "record longer than {1} bytes", "한 행이 {1}바이트보다 깁니다" },
	{ "error.csv.stray_quote", "stray quote in unquoted field", "따옴표로 묶지 않은 필드에 따옴표가 있습니다" },
	{ "error.csv.text_after_quote", "text after closing quote", "닫는 따옴표 뒤에 글자가 있습니다" },
	{ "error.csv.unterminated", "unterminated quoted field", "따옴표로 묶은 필드가 닫히지 않았습니다" },
	{ "error.duplicate_key", "duplicate key '{1}' (first at line {2})", "중복 키 '{1}' ({2}행에 처음 나옴)" },
	{ "error.duplicate_key_earlier", "duplicate key '{1}' (given earlier in this import)", "중복 키 '{1}' (이번 가져오기에서 앞서 나옴)" },
	{ "error.empty_file", "empty file (expected a header row: see docs/data-formats.md)", "빈 파일입니다 (머리글 행이 있어야 합니다: docs/data-formats.md 참고)" },
	{ "error.empty_file_feed", "empty file (expected a header row)", "빈 파일입니다 (머리글 행이 있어야 합니다)" },
	{ "error.exists", "{1} '{2}' exists already", "{1} '{2}'이(가) 이미 있습니다" },
	{ "error.field_count", "expected {1} fields, found {2}", "필드가 {1}개여야 하는데 {2}개입니다" },
	{ "error.field_required", "{1} is required", "{1}은(는) 필수입니다" },
	{ "error.folder_empty", "no CSV files in folder", "폴더에 CSV 파일이 없습니다" },
	{ "error.folder_unreadable", "cannot read folder: {1}", "폴더를 읽을 수 없습니다: {1}" },
	{ "error.forbidden", "Your role may not do this", "이 역할로는 할 수 없는 작업입니다" },
	{ "error.freeze_changed", "the data changed while freezing {1}; try again", "{1}년을 확정하는 동안 데이터가 바뀌었습니다. 다시 시도하세요" },
	{ "error.frozen_already", "the results of {1} were frozen already on {2} by {3}", "{1}년 결과는 이미 {2}에 {3}이(가) 확정했습니다" },
	{ "error.gate_shut", "proposal '{1}' cannot be won without a feasible or conditional feasibility review (or an executive's override)", "제안 '{1}'은(는) 운영 타당성 검토에서 '가능' 또는 '조건부' 판정을 받거나 임원의 예외 승인이 있어야 수주 처리할 수 있습니다" },
	{ "error.header_empty", "empty column name ({1}.csv has: {2})", "열 이름이 비어 있습니다 ({1}.csv의 열: {2})" },
	{ "error.header_missing", "missing column '{1}'", "열 '{1}'이(가) 없습니다" },
	{ "error.header_twice", "column '{1}' appears twice", "열 '{1}'이(가) 두 번 나옵니다" },
	{ "error.header_unknown", "unknown column '{1}' ({2}.csv has: {3})", "없는 열 '{1}' ({2}.csv의 열: {3})" },
	{ "error.id_spaces", "{1} '{2}' has leading or trailing spaces or control characters", "{1} '{2}'의 앞뒤에 공백이나 제어 문자가 있습니다" },
	{ "error.import_storage", "the import failed (a storage error)", "가져오기에 실패했습니다 (저장소 오류)" },
	{ "error.internal", "Something went wrong on the server", "서버에서 문제가 발생했습니다" },
	{ "error.internal_text", "internal error", "서버 내부 오류" },
	{ "error.invalid", "The input was refused", "입력이 거부되었습니다" },
	{ "error.json_expected", "'{1}' expected near {2}", "{2} 근처에 '{1}'이(가) 필요합니다" },
	{ "error.json_expected_two", "'{1}' or '{2}' expected near {3}", "{3} 근처에 '{1}' 또는 '{2}'이(가) 필요합니다" },
	{ "error.json_unexpected", "unexpected token near {1}", "{1} 근처에 예상하지 못한 토큰이 있습니다" },
	{ "error.key_fixed", "the key cannot change (delete the record and create a new one)", "키는 바꿀 수 없습니다 (기록을 삭제하고 새로 만드세요)" },
	{ "error.login_busy", "too many logins at once; try again in a moment", "지금 로그인 요청이 너무 많습니다. 잠시 후 다시 시도하세요" },
	{ "error.login_needed", "Please log in", "로그인하세요" },
	{ "error.login_wrong", "wrong name or password", "이름 또는 비밀번호가 틀렸습니다" },
	{ "error.lose_status", "proposal '{1}' is {2}: only a proposal in draft or review can be lost", "제안 '{1}'은(는) {2} 상태입니다: 초안이나 검토 중인 제안만 실주 처리할 수 있습니다" },
	{ "error.method", "This page does not accept that request", "이 페이지는 그 요청을 받지 않습니다" },
	{ "error.method_text", "method not allowed", "허용되지 않는 요청 방식입니다" },
	{ "error.model.belongs", "criterion '{1}' belongs to organization '{2}'", "평가 기준 '{1}'은(는) 조직 구분 '{2}'에 속합니다" },
	{ "error.model.between", "must be between {1} and {2}", "{1}~{2} 사이여야 합니다" },
	{ "error.model.dup_category", "duplicate category '{1}'", "평가 영역 '{1}'이(가) 중복됩니다" },
	{ "error.model.dup_criterion", "duplicate criterion '{1}'", "평가 기준 '{1}'이(가) 중복됩니다" },
	{ "error.model.dup_grade", "duplicate grade '{1}'", "등급 '{1}'이(가) 중복됩니다" },
	{ "error.model.dup_measure", "duplicate measure '{1}'", "측정 항목 '{1}'이(가) 중복됩니다" },
	{ "error.model.dup_org", "duplicate organization '{1}'", "조직 구분 '{1}'이(가) 중복됩니다" },
	{ "error.model.gt", "must be > {1}", "{1}보다 커야 합니다" },
	{ "error.model.gte", "must be >= {1}", "{1} 이상이어야 합니다" },
	{ "error.model.last_grade", "must be 0 for the last grade", "마지막 등급은 0이어야 합니다" },
	{ "error.model.less_than_before", "must be less than the grade before", "앞 등급보다 작아야 합니다" },
	{ "error.model.lte", "must be <= {1}", "{1} 이하여야 합니다" },
	{ "error.model.missing", "missing", "값이 없습니다" },
	{ "error.model.missing_org", "missing organization '{1}'", "조직 구분 '{1}'이(가) 없습니다" },
	{ "error.model.nonempty_array", "must be a non-empty array", "비어 있지 않은 배열이어야 합니다" },
	{ "error.model.nonempty_string", "must be a non-empty string", "비어 있지 않은 문자열이어야 합니다" },
	{ "error.model.not_zero", "must differ from zero", "0점 기준과 달라야 합니다" },
	{ "error.model.number", "must be a number", "숫자여야 합니다" },
	{ "error.model.object", "must be an object", "객체여야 합니다" },
	{ "error.model.unknown_criterion", "unknown criterion '{1}'", "알 수 없는 평가 기준 '{1}'" },
	{ "error.model.unknown_key", "unknown key", "알 수 없는 키" },
	{ "error.model.whole", "must be a whole number", "정수여야 합니다" },
	{ "error.model.whole_range", "must be a whole number from {1} to {2}", "{1}~{2} 사이의 정수여야 합니다" },
	{ "error.model_exists", "model version '{1}' exists already with other content (versions never change: import under a new version)", "평가 모델 버전 '{1}'이(가) 다른 내용으로 이미 있습니다 (버전은 바뀌지 않으므로 새 버전 이름으로 등록하세요)" },
	{ "error.negative_amount", "negative amount '{1}' for {2}", "{2}에 음수 금액 '{1}'" },
	{ "error.no_contract", "no contract '{1}'", "계약 '{1}'이(가) 없습니다" },
	{ "error.no_model", "no model version '{1}'", "평가 모델 버전 '{1}'이(가) 없습니다" },
	{ "error.no_names", "{1} has no names to suggest", "{1}에는 제안할 이름이 없습니다" },
	{ "error.no_person", "no person '{1}'", "담당자 '{1}'이(가) 없습니다" },
	{ "error.no_proposal", "no proposal '{1}'", "제안 '{1}'이(가) 없습니다" },
	{ "error.no_scores", "no scores for {1} in {2}", "{2}년에 {1}의 점수가 없습니다" },
	{ "error.no_sheet", "no sheet is named as a record kind (contracts, people, ...)", "기록 종류 이름(contracts, people 등)의 시트가 없습니다" },
	{ "error.no_stored_model", "no stored model version '{1}'", "등록된 평가 모델 버전 '{1}'이(가) 없습니다" },
	{ "error.no_such", "no such {1}", "해당 {1}이(가) 없습니다" },
	{ "error.no_such_user", "no such user", "해당 사용자가 없습니다" },
	{ "error.no_text_filter", "no text filter on {1}", "{1} 기록에는 텍스트 필터를 쓸 수 없습니다(키 열로 거르세요)" },
	{ "error.not_a_year", "not a year: '{1}'", "연도가 아닙니다: '{1}'" },
	{ "error.not_found", "Not found", "찾을 수 없습니다" },
	{ "error.not_found_text", "not found", "찾을 수 없습니다" },
	{ "error.not_frozen", "the results of {1} are not frozen", "{1}년 결과는 확정되지 않았습니다" },
	{ "error.not_logged_in", "not logged in", "로그인하지 않았습니다" },
	{ "error.org_param", "org is sales or operations", "조직 구분(org)은 sales(영업) 또는 operations(운영)입니다" },
	{ "error.override_reason", "an override of proposal '{1}' needs a written reason", "제안 '{1}'의 예외 승인에는 사유를 적어야 합니다" },
	{ "error.override_reason_long", "the reason of an override is at most {1} bytes", "예외 승인 사유는 최대 {1}바이트입니다" },
	{ "error.password_length", "a password has 10 to 1024 characters", "비밀번호는 10~1024자입니다" },
	{ "error.pct_range", "{1} {2} is outside 0 to 100", "{1} {2}이(가) 0~100 범위를 벗어납니다" },
	{ "error.perm.contracts_ops_only", "operations may change only a contract's ramp-up dates and ops owner", "운영은 계약의 램프업 일자와 운영 담당만 바꿀 수 있습니다" },
	{ "error.perm.contracts_owner", "sales may write only the contracts it owns", "영업은 자신이 담당하는 계약만 쓸 수 있습니다" },
	{ "error.perm.contracts_ramp", "the ramp-up dates are recorded by operations", "램프업 일자는 운영이 기록합니다" },
	{ "error.perm.handover_accept", "handover items are accepted by operations, not by sales", "인수인계 항목의 인수는 영업이 아니라 운영이 합니다" },
	{ "error.perm.proposal_won", "operations cannot mark a proposal won", "운영은 제안을 수주 처리할 수 없습니다" },
	{ "error.ramp_days", "required_ramp_days '{1}' is not a whole number of days", "필요 램프업 일수 '{1}'은(는) 정수 일수가 아닙니다" },
	{ "error.rater_not_operations", "rated_by '{1}' is not in an operations unit: manual ratings are written by operations", "평가자 '{1}'은(는) 운영 조직 소속이 아닙니다: 매뉴얼 평가는 운영이 작성합니다" },
	{ "error.rater_operations", "rated_by '{1}' is in an operations unit: operations cannot rate its own client relationship", "평가자 '{1}'은(는) 운영 조직 소속입니다: 운영은 자신이 맡은 고객사와의 관계를 평가할 수 없습니다" },
	{ "error.refer_itself", "{1} '{2}' cannot refer to itself", "{1} '{2}'은(는) 자기 자신을 참조할 수 없습니다" },
	{ "error.review_dated", "proposal '{1}' has a review dated {2} already", "제안 '{1}'에는 {2} 날짜의 검토가 이미 있습니다" },
	{ "error.reviewed_on", "reviewed_on '{1}' is not a date (YYYY-MM-DD)", "검토일 '{1}'은(는) 날짜(YYYY-MM-DD)가 아닙니다" },
	{ "error.reviewer_not_operations", "reviewer '{1}' is not in an operations unit: feasibility reviews are written by operations", "검토자 '{1}'은(는) 운영 조직 소속이 아닙니다: 타당성 검토는 운영이 작성합니다" },
	{ "error.risk_tier", "risk_tier '{1}' is not low, medium or high", "위험 등급 '{1}'은(는) 낮음, 중간, 높음 중 하나가 아닙니다" },
	{ "error.role_forbidden", "your role may not do this", "이 역할로는 할 수 없는 작업입니다" },
	{ "error.role_value", "role must be admin, executive, sales, operations or viewer", "역할은 admin(관리자), executive(임원), sales(영업), operations(운영), viewer(조회자) 중 하나입니다" },
	{ "error.role_writers", "your role may not write these records", "이 역할로는 이 기록을 쓸 수 없습니다" },
	{ "error.scores", "The scores could not be computed", "점수를 계산하지 못했습니다" },
	{ "error.scores_failed", "the scores could not be computed", "점수를 계산하지 못했습니다" },
	{ "error.status_param", "status '{1}' is not draft, review, won or lost", "상태 '{1}'은(는) draft(초안), review(검토 중), won(수주), lost(실주)가 아닙니다" },
	{ "error.still_referred", "{1} '{2}' is still referred to by other records; delete or change those first", "{1} '{2}'을(를) 다른 기록이 아직 참조합니다. 그 기록을 먼저 삭제하거나 바꾸세요" },
	{ "error.storage_change", "the change could not be applied (a storage error)", "변경을 반영하지 못했습니다 (저장소 오류)" },
	{ "error.storage_delete", "the record could not be deleted (a storage error)", "기록을 삭제하지 못했습니다 (저장소 오류)" },
	{ "error.storage_save", "the record could not be saved (a storage error)", "기록을 저장하지 못했습니다 (저장소 오류)" },
	{ "error.store_unavailable", "the store is not available; try again in a few seconds", "지금은 저장소를 사용할 수 없습니다. 잠시 후 다시 시도하세요" },
	{ "error.terms_burn_line", "burn_in_months {1} of contract '{2}' differs from {3} (metric '{4}', line {5}): every row of a contract carries the same burn_in_months", "계약 '{2}'의 burn_in_months {1}이(가) {3}과(와) 다릅니다 (지표 '{4}', {5}행): 한 계약의 모든 행은 같은 burn_in_months를 가집니다" },
	{ "error.terms_burn_stored", "burn_in_months {1} of contract '{2}' differs from {3} (metric '{4}', already stored): every row of a contract carries the same burn_in_months", "계약 '{2}'의 burn_in_months {1}이(가) {3}과(와) 다릅니다 (지표 '{4}', 이미 저장됨): 한 계약의 모든 행은 같은 burn_in_months를 가집니다" },
	{ "error.terms_direction", "direction {1} of SLA metric '{2}' of contract '{3}' contradicts its sla_terms (minimum {4} is stricter than expected {5})", "계약 '{3}'의 SLA 지표 '{2}'의 방향 {1}이(가) sla_terms와 어긋납니다 (최소 수준 {4}이(가) 기대 수준 {5}보다 엄격함)" },
	{ "error.terms_minimum_higher", "minimum {1} of SLA metric '{2}' of contract '{3}' is stricter than expected {4} (higher is better for this metric: the minimum must be at most the expected level)", "계약 '{3}'의 SLA 지표 '{2}'의 최소 수준 {1}이(가) 기대 수준 {4}보다 엄격합니다 (이 지표는 높을수록 좋으므로 최소 수준은 기대 수준 이하여야 함)" },
	{ "error.terms_minimum_lower", "minimum {1} of SLA metric '{2}' of contract '{3}' is stricter than expected {4} (lower is better for this metric: the minimum must be at least the expected level)", "계약 '{3}'의 SLA 지표 '{2}'의 최소 수준 {1}이(가) 기대 수준 {4}보다 엄격합니다 (이 지표는 낮을수록 좋으므로 최소 수준은 기대 수준 이상이어야 함)" },
	{ "error.terms_risk_line", "at_risk_pct {1} of contract '{2}' differs from {3} (metric '{4}', line {5}): every row of a contract carries the same at_risk_pct", "계약 '{2}'의 at_risk_pct {1}이(가) {3}과(와) 다릅니다 (지표 '{4}', {5}행): 한 계약의 모든 행은 같은 at_risk_pct를 가집니다" },
	{ "error.terms_risk_stored", "at_risk_pct {1} of contract '{2}' differs from {3} (metric '{4}', already stored): every row of a contract carries the same at_risk_pct", "계약 '{2}'의 at_risk_pct {1}이(가) {3}과(와) 다릅니다 (지표 '{4}', 이미 저장됨): 한 계약의 모든 행은 같은 at_risk_pct를 가집니다" },
	{ "error.too_long", "{1} is longer than 200 bytes", "{1}이(가) 200바이트보다 깁니다" },
	{ "error.unavailable", "The database is not available at the moment. Please try again in a few seconds.", "지금은 데이터베이스를 사용할 수 없습니다. 잠시 후 다시 시도하세요." },
	{ "error.unit_cycle", "org unit '{1}' is its own ancestor (parent_id forms a cycle)", "조직 '{1}'이(가) 자기 자신의 상위 조직입니다 (parent_id가 순환함)" },
	{ "error.unknown_column", "unknown column '{1}' of {2}", "{2}에 없는 열 '{1}'" },
	{ "error.unknown_column_has", "unknown column '{1}' ({2}.csv has: {3})", "없는 열 '{1}' ({2}.csv의 열: {3})" },
	{ "error.unknown_encoding", "unknown encoding '{1}'", "알 수 없는 인코딩 '{1}'" },
	{ "error.unknown_file", "unknown file '{1}' (expected one of {2})", "알 수 없는 파일 '{1}' (허용: {2})" },
	{ "error.unknown_metric", "unknown SLA metric '{1}' of contract '{2}' (not in sla_metrics.csv)", "계약 '{2}'에 없는 SLA 지표 '{1}' (sla_metrics.csv에 없음)" },
	{ "error.unknown_ref", "unknown {1} '{2}'", "없는 {1} '{2}'" },
	{ "error.unknown_ref_expected", "unknown {1} '{2}' (expected {3})", "없는 {1} '{2}' (허용: {3})" },
	{ "error.unknown_sheet", "unknown sheet '{1}' (expected one of {2}; sheets named _... are skipped)", "알 수 없는 시트 '{1}' (다음 중 하나여야 함: {2}. 이름이 _로 시작하는 시트는 건너뜀)" },
	{ "error.unreadable", "cannot read: {1}", "읽을 수 없습니다: {1}" },
	{ "error.user_exists", "user '{1}' exists already", "사용자 '{1}'이(가) 이미 있습니다" },
	{ "error.user_name", "a name is 1 to 64 letters, digits or . _ @ -", "이름은 1~64자의 영문자, 숫자 또는 . _ @ - 입니다" },
	{ "error.verdict", "verdict '{1}' is not feasible, conditional or infeasible", "판정 '{1}'은(는) 가능, 조건부, 불가 중 하나여야 합니다" },
	{ "error.whatif_no_draft", "send the draft model's JSON (or ?model=VERSION)", "초안 모델 JSON 파일을 보내거나 등록된 버전을 고르세요" },
	{ "error.win_status", "proposal '{1}' is {2}: only a proposal in draft or review can be won", "제안 '{1}'은(는) {2} 상태입니다: 초안이나 검토 중인 제안만 수주 처리할 수 있습니다" },
	{ "error.year_number", "{1} must be a number from {2} to {3}", "연도는 {2}~{3} 사이의 숫자여야 합니다" },
	{ "error.year_param", "year takes a year (YYYY)", "연도는 YYYY 형식이어야 합니다" },
	{ "evidence.amount", "Counts as", "반영값" },
	{ "evidence.as_table", "Show as a table", "표로 보기" },
	{ "evidence.back", "Back to the scorecard", "평가표로 돌아가기" },
	{ "evidence.counted", "counted", "반영" },
	{ "evidence.elapsed", "elapsed", "경과" },
	{ "evidence.excluded", "left out", "제외" },
	{ "evidence.explain", "How it was computed", "계산 과정" },
	{ "evidence.grid", "Month-by-month SLA compliance", "월별 SLA 준수 현황" },
	{ "evidence.grid_help", "Columns are months since go-live (month 1 is the go-live month). A month is compliant when every SLA metric has data and meets its target; the first run of compliant months marks stabilization.", "열은 운영 개시 후 개월 차입니다(1개월 차 = 운영 개시 월). 모든 SLA 지표에 데이터가 있고 목표를 달성한 달이 준수 월이며, 처음으로 연속된 준수 월이 안정화 시점입니다." },
	{ "evidence.higher", "higher is better", "높을수록 좋음" },
	{ "evidence.kind", "Record", "기록 종류" },
	{ "evidence.lower", "lower is better", "낮을수록 좋음" },
	{ "evidence.measure", "Measure", "측정 항목" },
	{ "evidence.measures", "How the value was scored", "값의 채점 방식" },
	{ "evidence.month", "Month", "월" },
	{ "evidence.none", "No records lie behind this value.", "이 값의 근거 기록이 없습니다." },
	{ "evidence.not_counted", "not counted", "미반영" },
	{ "evidence.not_yet", "not yet", "아직 아님" },
	{ "evidence.planned", "planned", "계획" },
	{ "evidence.record", "Details", "내용" },
	{ "evidence.records", "Evidence records", "근거 기록" },
	{ "evidence.scoring", "Scoring", "채점 함수" },
	{ "evidence.stabilized_at", "Stabilized in month", "안정화 개월 차" },
	{ "evidence.status", "Status", "상태" },
	{ "evidence.target", "target", "목표" },
	{ "evidence.title", "Evidence", "근거" },
	{ "explain.child_contract", "contract {1} ({2}), signed_on {3}", "계약 {1} ({2}), 계약 체결일 {3}" },
	{ "explain.expansion", "expansion {1}: +{2}", "업무 확장 {1}: +{2}" },
	{ "explain.feed_intervals", "{1} {2} – {3}: {4} days from {5} intervals of {6}, source id {7}; files: {8}", "{1} {2} – {3}: {4}일, {6} 소스 ID {7}의 구간 {5}개; 파일: {8}" },
	{ "explain.feed_tickets", "{1} {2} – {3}: {4} days from {5} tickets of {6}, source id {7}; files: {8}", "{1} {2} – {3}: {4}일, {6} 소스 ID {7}의 티켓 {5}건; 파일: {8}" },
	{ "explain.feeds", "Daily measurements derived from SLA feeds:", "SLA 피드에서 계산한 일별 측정값:" },
	{ "explain.financials", "financials {1}: revenue {2}, cost {3}", "손익 {1}: 매출 {2}, 비용 {3}" },
	{ "explain.handover", "handover {1}, accepted_on {2}", "인수인계 {1}, 인수일 {2}" },
	{ "explain.innovation", "innovation \"{1}\" {2}", "혁신 활동 \"{1}\" {2}" },
	{ "explain.manual_rating", "manual rating {1}: concreteness {2}, feasibility {3}", "매뉴얼 평가 {1}: 구체성 {2}, 타당성 {3}" },
	{ "explain.proposal", "proposal {1}, {2}", "제안 {1}, {2}" },
	{ "explain.readiness", "readiness {1}, done_on {2}", "운영 준비 {1}, 완료일 {2}" },
	{ "explain.reference", "reference {1}", "레퍼런스 {1}" },
	{ "explain.relationship_rating", "relationship rating {1}: level {2}", "고객 관계 평가 {1}: 수준 {2}" },
	{ "explain.renewal", "renewal due {1}, new annual value {2}", "갱신 예정일 {1}, 갱신 후 연간 금액 {2}" },
	{ "explain.scope_change", "scope change {1}", "업무 범위 변경 {1}" },
	{ "explore.category_weight", "weight {1}", "가중치 {1}" },
	{ "explore.col_annual_value", "Annual value", "연간 계약금액" },
	{ "explore.col_contract", "Contract", "계약" },
	{ "explore.col_coverage", "Coverage", "반영률" },
	{ "explore.col_date", "Date", "날짜" },
	{ "explore.col_owner", "Owner", "담당자" },
	{ "explore.col_person", "Person", "담당자" },
	{ "explore.col_trend", "Trend (vs last year)", "추이(전년 대비)" },
	{ "explore.col_unit", "Org unit", "조직" },
	{ "explore.company_help", "Each organization is scored on its own criteria. Choose one to go down to its org units, people, contracts and the evidence.", "영업과 운영은 각자의 평가 기준으로 평가합니다. 조직을 선택하면 하위 조직, 담당자, 계약, 근거까지 차례로 볼 수 있습니다." },
	{ "explore.crumbs", "Where you are", "현재 위치" },
	{ "explore.evidence_count", "evidence {1}", "근거 {1}건" },
	{ "explore.late_by", "{1} after go-live ({2})", "운영 개시일({2})보다 {1} 늦음" },
	{ "explore.late_items", "Readiness items done after go-live: {1}. They do not count as ready at go-live, which is why S1.1 is lower than the checklist suggests.", "운영 준비 항목 {1}건이 운영 개시 후에 완료되어 개시 시점 준비로 인정되지 않습니다. S1.1 점수가 체크리스트보다 낮은 이유입니다." },
	{ "explore.members", "People in this unit", "소속 담당자" },
	{ "explore.partial_year", "the year is not over yet", "진행 중인 연도" },
	{ "explore.rollup_contract", "The total is the weighted mean of the category scores that are available (weights: {1}); each category score is the weighted mean of its criteria's scores that are available.", "종합 점수는 산출된 평가 영역 점수의 가중 평균입니다(가중치: {1}). 각 평가 영역 점수는 산출된 평가 기준 점수의 가중 평균입니다." },
	{ "explore.rollup_equal", "{1}: the total {2} is the plain mean of the totals of its {3} contracts ({4} of them have a total); each category is rolled up the same way, straight from the contracts, not from the units below.", "{1}: 종합 점수 {2}점은 담당 계약 {3}건 가운데 종합 점수가 산출된 {4}건의 단순 평균입니다. 평가 영역별 점수도 같은 방식으로, 하위 조직을 거치지 않고 계약에서 바로 계산합니다." },
	{ "explore.rollup_none", "{1} has no contract scored in this year, so it has no score.", "{1}: 이 연도에 평가된 계약이 없어 점수가 없습니다." },
	{ "explore.rollup_value", "{1}: the total {2} is the mean of the totals of its {3} contracts ({4} of them have a total), weighted by annual value ({5} in all); each category is rolled up the same way, straight from the contracts, not from the units below.", "{1}: 종합 점수 {2}점은 담당 계약 {3}건 가운데 종합 점수가 산출된 {4}건의 종합 점수를 연간 계약금액(합계 {5})으로 가중 평균한 값입니다. 평가 영역별 점수도 같은 방식으로, 하위 조직을 거치지 않고 계약에서 바로 계산합니다." },
	{ "explore.subunits", "Org units below", "하위 조직" },
	{ "explore.trend_one_year", "one year only: no trend yet", "한 해뿐이라 추이가 없습니다" },
	{ "explore.trend_title", "Total by year, {1}–{2}", "연도별 종합 점수, {1}–{2}" },
	{ "explore.units_operations", "Operations org units", "운영 조직" },
	{ "explore.units_sales", "Sales org units", "영업 조직" },
	{ "feed.format.connect-metrics-v2", "Amazon Connect GetMetricDataV2 response (JSON; one page a file), grouped by QUEUE", "Amazon Connect GetMetricDataV2 응답(JSON, 파일 하나에 한 페이지), 대기열(QUEUE)별" },
	{ "feed.format.cxone-skills", "NICE CXone skills summary (JSON), one period of a day or less", "NICE CXone 스킬 요약(JSON), 하루 이하의 기간 하나" },
	{ "feed.format.genesys-aggregates", "Genesys Cloud POST /api/v2/analytics/conversations/aggregates/query response (JSON), grouped by queueId", "Genesys Cloud 집계 조회 응답(JSON: /api/v2/analytics/conversations/aggregates/query), 대기열(queueId)별" },
	{ "feed.format.intervals", "any interval report, CSV or the first sheet of an XLSX workbook", "어떤 구간 보고서든: CSV 또는 XLSX 통합 문서의 첫 시트" },
	{ "feed.format.servicenow-task-sla", "ServiceNow task_sla export (CSV or XLSX)", "ServiceNow task_sla 내보내기(CSV 또는 XLSX)" },
	{ "feed.format.ucce-interval", "Cisco UCCE Call_Type_Interval rows (CSV or XLSX)", "Cisco UCCE Call_Type_Interval 행(CSV 또는 XLSX)" },
	{ "feed.format.zendesk-sla", "Zendesk ticket metric events (JSON: /api/v2/incremental/ticket_metric_events)", "Zendesk 티켓 지표 이벤트(JSON: /api/v2/incremental/ticket_metric_events)" },
	{ "feeds.days", "Days", "일수" },
	{ "feeds.done", "Imported: intervals or tickets · daily measurements", "가져왔습니다: 구간 또는 티켓 수 · 일별 측정값 수" },
	{ "feeds.dry_run", "Preview only (a dry run: check and count, write nothing)", "미리보기만 (검사하고 건수만 셈, 기록하지 않음)" },
	{ "feeds.files", "Exported files (JSON, CSV or XLSX)", "내보낸 파일 (JSON, CSV, XLSX)" },
	{ "feeds.first_day", "From", "시작일" },
	{ "feeds.format", "Format", "형식" },
	{ "feeds.has_errors", "Nothing was written: the files or the map have problems", "아무것도 기록하지 않았습니다: 파일 또는 맵에 문제가 있습니다" },
	{ "feeds.help", "Each file is read in the chosen format; the map says which queue feeds which contract metric and in which time zone days are counted. Each day's measurement is derived from every stored interval of that day, so importing a file again changes nothing. See docs/feeds.md.", "파일은 선택한 형식으로 읽습니다. 맵은 어느 큐가 어느 계약 지표를 채우는지, 날짜를 어느 시간대로 셀지 정합니다. 하루의 측정값은 그날 저장된 모든 구간에서 계산되므로 같은 파일을 다시 가져와도 달라지지 않습니다. docs/feeds.md 참고." },
	{ "feeds.import", "Import SLA data", "SLA 데이터 가져오기" },
	{ "feeds.items", "Intervals or tickets", "구간 또는 티켓" },
	{ "feeds.last_day", "To", "종료일" },
	{ "feeds.map", "Map", "맵" },
	{ "feeds.map_body", "Map (JSON)", "맵 (JSON)" },
	{ "feeds.map_has_errors", "The map was not stored: it has problems", "맵을 저장하지 않았습니다: 문제가 있습니다" },
	{ "feeds.map_name", "Name", "이름" },
	{ "feeds.map_save", "Store the map", "맵 저장" },
	{ "feeds.map_saved", "Map stored", "맵을 저장했습니다" },
	{ "feeds.maps", "Stored maps", "저장된 맵" },
	{ "feeds.measure", "Measure", "측정 방식" },
	{ "feeds.metric", "Metric", "지표" },
	{ "feeds.no_maps", "No map is stored yet: write one below first.", "저장된 맵이 없습니다. 먼저 아래에서 맵을 작성하세요." },
	{ "feeds.running", "Reading and storing: intervals or tickets · bytes", "읽고 저장하는 중: 구간 또는 티켓 수 · 바이트" },
	{ "feeds.source_id", "Source id", "소스 ID" },
	{ "feeds.sources", "SLA feeds behind these measurements", "이 측정값의 SLA 피드 출처" },
	{ "feeds.submit", "Check and import", "검사 후 가져오기" },
	{ "feeds.title", "SLA feeds", "SLA 피드" },
	{ "feeds.unknown_map", "No stored map of this name", "이 이름의 저장된 맵이 없습니다" },
	{ "feeds.updated_at", "Updated", "수정 시각" },
	{ "feeds.updated_by", "By", "수정자" },
	{ "feeds.valid", "Valid (nothing written): intervals or tickets · daily measurements it would write", "유효합니다 (기록하지 않음): 구간 또는 티켓 수 · 기록될 일별 측정값 수" },
	{ "footer.tagline", "sales and operations, evaluated together", "영업과 운영의 상호 평가" },
	{ "form.ambiguous", "Several records match this name: choose one below.", "이 이름에 해당하는 기록이 여러 개입니다. 아래에서 하나를 고르세요." },
	{ "form.ambiguous_many", "Many records match this name: choose one below or type more of it.", "이 이름에 해당하는 기록이 많습니다. 아래에서 고르거나 더 입력하세요." },
	{ "form.choose_one", "Choose one:", "하나를 고르세요:" },
	{ "form.has_errors", "The record was not saved. Correct the fields marked below.", "기록을 저장하지 못했습니다. 아래 표시된 항목을 고치세요." },
	{ "form.name_or_id", "name or id", "이름 또는 ID" },
	{ "form.required", "(required)", "(필수)" },
	{ "grid.compliant", "Compliant", "준수" },
	{ "grid.met", "met", "달성" },
	{ "grid.missed", "missed", "미달" },
	{ "grid.no", "no", "아니오" },
	{ "grid.no_data", "no data", "데이터 없음" },
	{ "grid.stable", "stabilization run", "안정화 구간" },
	{ "grid.yes", "yes", "예" },
	{ "import.added", "New rows", "새 행" },
	{ "import.change", "Changed cells (old → new)", "바뀌는 칸 (이전 → 새 값)" },
	{ "import.changed", "Changed rows", "바뀌는 행" },
	{ "import.cli_done", "imported {1} rows from {2} files (batch {3})", "파일 {2}개에서 {1}행을 가져왔습니다 (가져오기 {3}회차)" },
	{ "import.cli_failed", "import failed: {1} problems in {2} rows; nothing was written", "가져오기 실패: {2}행에서 문제 {1}건, 아무것도 저장하지 않았습니다" },
	{ "import.cli_failed_one", "import failed: 1 problem in {2} rows; nothing was written", "가져오기 실패: {2}행에서 문제 1건, 아무것도 저장하지 않았습니다" },
	{ "import.cli_valid", "{1} rows in {2} files are valid (dry run: nothing written)", "파일 {2}개의 {1}행이 올바릅니다 (검사만 했으며 저장하지 않음)" },
	{ "import.column", "Column", "열" },
	{ "import.commit", "Import now", "지금 가져오기" },
	{ "import.commit_help", "Nothing has been written yet. Import these files now?", "아직 아무것도 저장되지 않았습니다. 이 파일들을 지금 가져올까요?" },
	{ "import.committed", "These files were imported:", "이 파일은 가져왔습니다:" },
	{ "import.created", "Queued at", "등록 시각" },
	{ "import.done", "Imported", "가져오기 완료" },
	{ "import.empty", "(empty)", "(빈 값)" },
	{ "import.encoding", "Encoding of the CSV files", "CSV 파일 인코딩" },
	{ "import.encoding_auto", "Detect", "자동 감지" },
	{ "import.encoding_bad", "Choose UTF-8 or CP949", "UTF-8 또는 CP949를 고르십시오" },
	{ "import.encoding_chosen", "The CSV files were read as {1}, as chosen.", "CSV 파일을 선택한 대로 {1}(으)로 읽었습니다." },
	{ "import.encoding_cp949", "CP949 (Korean Excel)", "CP949 (한국어 Excel)" },
	{ "import.encoding_detected", "The CSV files were detected as {1}. If the text looks wrong, check them again in the other encoding.", "CSV 파일을 {1}(으)로 감지했습니다. 글자가 깨져 보이면 다른 인코딩으로 다시 검사하십시오." },
	{ "import.encoding_help", "Korean Excel saves CSV as CP949; other programs save UTF-8.", "한국어 Excel은 CSV를 CP949로 저장하고, 다른 프로그램은 대개 UTF-8로 저장합니다." },
	{ "import.encoding_utf8", "UTF-8", "UTF-8" },
	{ "import.expired", "The preview expired; upload the files again", "미리보기가 만료되었습니다. 파일을 다시 올리세요" },
	{ "import.file", "File", "파일" },
	{ "import.files", "CSV files", "CSV 파일" },
	{ "import.has_errors", "Nothing was imported: the files have problems", "가져오지 않았습니다: 파일에 문제가 있습니다" },
	{ "import.help", "Name each file after its record kind (contracts.csv, measurements.csv, ...). Everything is checked first; nothing is written until you confirm, and then all or nothing.", "파일 이름은 기록 종류로 하세요(contracts.csv, measurements.csv 등). 먼저 모두 검사하며, 확인하기 전에는 아무것도 저장하지 않고, 저장은 전부 아니면 전무입니다." },
	{ "import.job", "Job", "작업" },
	{ "import.key", "Key", "키" },
	{ "import.kind", "Record kind", "기록 종류" },
	{ "import.message", "Problem", "문제" },
	{ "import.more_errors", "... and {1} more errors", "... 외 오류 {1}건" },
	{ "import.no_files", "Choose CSV files named after their kind (contracts.csv, ...) or an XLSX workbook", "기록 종류 이름의 CSV 파일(contracts.csv 등)이나 XLSX 통합 문서를 고르십시오" },
	{ "import.owner", "By", "요청자" },
	{ "import.preview", "Check the files", "파일 검사" },
	{ "import.preview_job", "preview", "미리보기" },
	{ "import.preview_title", "What the import will do", "가져오면 바뀌는 내용" },
	{ "import.queue", "Import jobs", "가져오기 작업" },
	{ "import.queued", "Waiting in the queue; jobs ahead", "대기 중입니다. 앞선 작업 수" },
	{ "import.recheck", "Check again in this encoding", "이 인코딩으로 다시 검사" },
	{ "import.refresh", "Refresh", "새로 고침" },
	{ "import.refresh_help", "This page refreshes itself every second.", "이 페이지는 1초마다 새로 고쳐집니다." },
	{ "import.replace_warning", "Rows already stored that these files will replace: {1}.", "이미 저장된 행 {1}개가 이 파일의 행으로 바뀝니다." },
	{ "import.row", "Row", "행" },
	{ "import.rows_shown", "Each file lists its first {1} new and changed rows; the counts cover every row.", "파일마다 새 행과 바뀌는 행을 처음 {1}개까지 보여 주며, 개수는 모든 행을 셉니다." },
	{ "import.running", "Reading and checking: rows · bytes", "읽고 확인하는 중: 행 · 바이트" },
	{ "import.state", "State", "상태" },
	{ "import.status", "Status", "상태" },
	{ "import.status_changed", "changed", "변경" },
	{ "import.status_new", "new", "새 행" },
	{ "import.title", "Import", "가져오기" },
	{ "import.too_many", "At most 32 files and sheets in one import", "한 번에 가져올 수 있는 파일과 시트는 32개까지입니다" },
	{ "import.unchanged", "Unchanged rows", "그대로인 행" },
	{ "import.valid", "The files are valid (rows · files)", "파일이 올바릅니다 (행 · 파일)" },
	{ "import.value", "Value", "값" },
	{ "job.done", "done", "완료" },
	{ "job.failed", "failed", "실패" },
	{ "job.queued", "queued", "대기" },
	{ "job.running", "running", "실행 중" },
	{ "kind.clients", "Clients", "고객사" },
	{ "kind.contracts", "Contracts", "계약" },
	{ "kind.expansions", "Expansions", "업무 확장" },
	{ "kind.feasibility_reviews", "Feasibility reviews", "운영 타당성 검토" },
	{ "kind.financials", "Financials", "손익" },
	{ "kind.handover", "Handover", "인수인계" },
	{ "kind.innovations", "Innovations", "혁신 활동" },
	{ "kind.manual_ratings", "Manual ratings", "매뉴얼 평가" },
	{ "kind.measurements", "Measurements", "측정값" },
	{ "kind.org_units", "Org units", "조직" },
	{ "kind.people", "People", "담당자" },
	{ "kind.proposals", "Proposals", "제안" },
	{ "kind.readiness", "Readiness checklist", "운영 준비 체크리스트" },
	{ "kind.references", "References", "레퍼런스" },
	{ "kind.relationship_ratings", "Relationship ratings", "고객 관계 평가" },
	{ "kind.renewals", "Renewals", "갱신" },
	{ "kind.scope_changes", "Scope changes", "업무 범위 변경" },
	{ "kind.sla_metrics", "SLA metrics", "SLA 지표" },
	{ "kind.sla_terms", "SLA terms", "SLA 약정 조건" },
	{ "lc.actual", "actual", "실적" },
	{ "lc.alerts_as_of", "Alerts as of", "조기 경보 기준일" },
	{ "lc.all", "everyone", "전체" },
	{ "lc.bias", "bias", "편향" },
	{ "lc.by_reviewer", "Calibration by reviewer (n, mean absolute error, bias = mean of actual − predicted)", "검토자별 보정 (건수, 평균 절대 오차, 편향 = 실적 − 예측의 평균)" },
	{ "lc.by_sales_owner", "Calibration by sales owner", "영업 담당자별 보정" },
	{ "lc.credits_incurred", "service credits incurred", "발생한 서비스 크레딧" }, /* from i18n lc_credits_incurred */
	{ "lc.cycle_loop", "a referral loop", "소개 순환" },
	{ "lc.expansion_rate", "expansions per active contract", "활성 계약당 확장 건수" },
	{ "lc.expansion_value_growth", "expansion value growth", "확장 금액 증가율" },
	{ "lc.gap", "gap", "차이" },
	{ "lc.late", "later than planned", "계획보다 늦음" },
	{ "lc.mae", "MAE", "평균 절대 오차" },
	{ "lc.mean_months_to_stabilize", "mean months to stabilize", "평균 안정화 소요 개월" },
	{ "lc.mean_planned", "planned", "계획" },
	{ "lc.metric_months_met", "metric-months met", "지표-월 달성" },
	{ "lc.new_service_line_rate", "new service lines per active contract", "활성 계약당 신규 서비스 라인" },
	{ "lc.no_promises", "no won proposal has a contract with steady-state data this year", "올해 안정화 이후 데이터가 있는 수주 제안 없음" },
	{ "lc.no_referrals", "no referrals", "소개 없음" },
	{ "lc.no_sla_terms", "none recorded", "기록 없음" }, /* from i18n lc_no_sla_terms */
	{ "lc.none", "none", "없음" },
	{ "lc.ops_owner", "operations", "운영 담당" },
	{ "lc.overall", "All reviews", "전체" },
	{ "lc.override", "gate override", "게이트 예외 승인" },
	{ "lc.plan", "plan", "계획" },
	{ "lc.predicted", "predicted", "예측" },
	{ "lc.promises_title", "Promise vs delivery", "약속 대비 실적" },
	{ "lc.references_per_account", "references per account", "고객사당 레퍼런스" },
	{ "lc.referral_rate", "referral rate (new clients)", "소개율 (신규 고객사)" },
	{ "lc.renewal_rate", "renewal rate", "갱신율" },
	{ "lc.reviewer", "reviewer", "검토자" },
	{ "lc.rule_below_minimum", "SLA metric below its contractual minimum this month", "이번 달 SLA 지표가 계약상 최소 수준 미달" }, /* from i18n lc_rule_below_minimum */
	{ "lc.rule_credit_exposure", "service credit exposure this month", "이번 달 서비스 크레딧 발생" }, /* from i18n lc_rule_credit_exposure */
	{ "lc.rule_readiness_open", "required readiness items open before go-live", "운영 개시 전 필수 준비 항목 미완료" },
	{ "lc.rule_renewal_at_risk", "renewal due while the relationship level falls", "관계 수준 하락 중 갱신 도래" },
	{ "lc.rule_sla_missed", "SLA metric missed months running", "SLA 지표 연속 미달" },
	{ "lc.rule_stabilization_overdue", "stabilization overdue", "안정화 지연" },
	{ "lc.sales_owner", "sales", "영업 담당" },
	{ "lc.sla_terms", "SLA terms", "SLA 약정 조건" }, /* from i18n lc_sla_terms */
	{ "lc.stabilization_rate", "stabilized within plan", "계획 내 안정화율" },
	{ "lc.steady_state_attainment", "steady-state SLA attainment", "안정화 이후 SLA 달성률" },
	{ "lc.track_record_title", "Track record", "운영 실적" },
	{ "login.bad", "Wrong name or password.", "이름 또는 비밀번호가 틀렸습니다." },
	{ "login.busy", "Too many logins at this moment. Try again in a second.", "지금 로그인 요청이 너무 많습니다. 잠시 후 다시 시도하세요." },
	{ "login.disabled", "This account is disabled.", "비활성화된 계정입니다." },
	{ "login.expired", "The login form expired. Please try again.", "로그인 양식이 만료되었습니다. 다시 시도하세요." },
	{ "login.locked", "Too many failed logins. Try again in a few minutes.", "로그인 실패가 너무 많습니다. 몇 분 뒤 다시 시도하세요." },
	{ "login.name", "Name", "이름" },
	{ "login.password", "Password", "비밀번호" },
	{ "login.submit", "Log in", "로그인" },
	{ "login.title", "Log in", "로그인" },
	{ "me.alerts", "My alerts", "내 조기 경보" },
	{ "me.alerts_all", "All alerts of my contracts", "내 계약의 조기 경보 전체" },
	{ "me.no_score", "You have no score for {1}: no contract you own was scored that year.", "{1}년 점수가 없습니다: 그해 평가된 담당 계약이 없습니다." },
	{ "me.not_linked", "This account is not linked to a person, so it has no scorecard, alerts or confirmations of its own. An administrator links accounts to people on the Users page.", "이 계정은 담당자와 연결되어 있지 않아 자신의 평가표, 조기 경보, 확인 요청이 없습니다. 관리자가 사용자 페이지에서 계정을 담당자와 연결합니다." },
	{ "me.scorecard", "My scorecard", "내 평가표" },
	{ "me.scorecard_full", "My full scorecard", "내 평가표 전체 보기" },
	{ "me.title", "My page", "내 페이지" },
	{ "metric_unit.min", "min", "분" },
	{ "metric_unit.score", "points", "점" },
	{ "metric_unit.sec", "s", "초" },
	{ "models.activate", "Activate", "활성화" },
	{ "models.activate_audited", "The activation is recorded in the audit log. Frozen results do not change.", "활성화는 감사 로그에 기록됩니다. 이미 확정된 결과는 바뀌지 않습니다." },
	{ "models.activate_confirm", "Activate {1}", "{1} 활성화" },
	{ "models.activate_title", "Activate a model?", "평가 모델을 활성화할까요?" },
	{ "models.activate_what", "From now on, ‘{1}’ scores {2} instead of ‘{3}’: the dashboard, the scorecards, the alerts and the reports of {2} change at once.", "지금부터 {2}년은 ‘{3}’ 대신 ‘{1}’(으)로 평가됩니다. {2}년의 대시보드, 평가표, 조기 경보, 보고서가 곧바로 바뀝니다." },
	{ "models.activate_what_any", "From now on, ‘{1}’ scores every year without a model of its own, {2} among them (instead of ‘{3}’): their dashboards, scorecards, alerts and reports change at once.", "지금부터 전용 모델이 없는 모든 연도({2}년 포함)는 ‘{3}’ 대신 ‘{1}’(으)로 평가됩니다. 해당 연도의 대시보드, 평가표, 조기 경보, 보고서가 곧바로 바뀝니다." },
	{ "models.active", "active", "사용 중" },
	{ "models.any_year", "any year", "모든 연도" },
	{ "models.back", "All models", "모델 목록" },
	{ "models.bad_year", "Give a year from 1001 to 9998.", "연도를 1001~9998 사이로 입력하세요." },
	{ "models.band_score", "score", "점수" },
	{ "models.builtin", "built-in default", "기본 평가 모델" },
	{ "models.builtin_source", "SPEC §5", "제품 명세 §5" },
	{ "models.calibrate", "Calibrate from history", "이력으로 보정" },
	{ "models.calibrate_both", "both", "모두" },
	{ "models.calibrate_for", "Calibrate for year", "보정 대상 연도" },
	{ "models.calibrate_help", "Proposes bounds from the company's own results of the years before: zero = P10 and full = P90 of each linear measure's per-contract values (direction kept; fewer than 5 values, P10 = P90 or bands keep their scoring; weights unchanged). Review them in the editor before saving.", "직전 연도들의 회사 실적으로 기준을 제안합니다. 선형 채점 측정 항목마다 계약별 값의 P10을 0점 기준, P90을 만점 기준으로 합니다(방향 유지; 값이 5개 미만이거나 P10 = P90이거나 구간 채점이면 그대로 둠; 가중치 불변). 저장 전에 편집기에서 검토하세요." },
	{ "models.calibrate_org", "Organizations", "조직" },
	{ "models.calibrate_years", "Years of history", "이력 연수" },
	{ "models.calibration", "Calibration", "보정 결과" },
	{ "models.changed", "changed since the freeze", "확정 후 변경됨" },
	{ "models.compare", "Compare", "비교" },
	{ "models.confirm_activate", "I have looked at the difference and the what-if: make this version the model of its year.", "차이와 가상 평가 결과를 확인했습니다. 이 버전을 해당 연도의 모델로 적용합니다." },
	{ "models.confirm_needed", "Tick the confirmation to activate.", "활성화하려면 확인란을 선택하세요." },
	{ "models.created", "Stored", "등록" },
	{ "models.data", "Data", "데이터" },
	{ "models.delta", "Change", "변화" },
	{ "models.diff", "Compare two models", "모델 비교" },
	{ "models.diff_active", "Difference from the model scoring its year now", "해당 연도를 지금 평가하는 모델과의 차이" },
	{ "models.diff_none", "No difference.", "차이가 없습니다." },
	{ "models.differ", "differ", "다름" },
	{ "models.differences", "Rows that differ", "달라진 행" },
	{ "models.draft", "draft", "초안" },
	{ "models.edit", "Edit as a new draft", "새 초안으로 편집" },
	{ "models.editor", "Model editor", "모델 편집기" },
	{ "models.editor_from", "Starting from", "기준 모델" },
	{ "models.editor_help", "Change weights and scoring bounds here; nothing is active until an executive activates the saved draft. Every problem is listed at once.", "가중치와 점수 기준을 여기서 바꿉니다. 저장한 초안은 경영진이 활성화하기 전에는 적용되지 않습니다. 문제는 한 번에 모두 보여 줍니다." },
	{ "models.editor_open", "Open the editor", "편집기 열기" },
	{ "models.file", "Model file (JSON)", "모델 파일(JSON)" },
	{ "models.for_year", "For year", "적용 연도" },
	{ "models.freeze", "Freeze the results", "결과 확정" },
	{ "models.freeze_confirm", "Freeze {1} for good", "{1}년 결과 최종 확정" },
	{ "models.freeze_failed", "The results could not be frozen", "결과를 확정하지 못했습니다" },
	{ "models.freeze_title", "the results of {1}", "{1}년 결과" },
	{ "models.freeze_unfinished", "{1} is not over: it ends on {3}. Its data are not complete yet, and the official results would never include what is recorded after today.", "{1}년은 아직 끝나지 않았습니다({3} 종료). 데이터가 아직 완전하지 않으며, 오늘 이후 기록되는 내용은 공식 결과에 영영 반영되지 않습니다." },
	{ "models.freeze_unfinished_needed", "The year is not over: tick the second confirmation to freeze it anyway.", "아직 끝나지 않은 연도입니다. 그래도 확정하려면 두 번째 확인란을 선택하세요." },
	{ "models.freeze_unfinished_ok", "I understand: freeze {1} although the year is not over", "연도가 끝나지 않았지만 {1}년 결과를 확정합니다" },
	{ "models.freeze_what", "The scores of {1}, computed with the model ‘{2}’, are stored as the official results together with a fingerprint of the data. They never change afterwards and {1} cannot be frozen again; later corrections show only as differences when the year is verified.", "{1}년 점수를 평가 모델 ‘{2}’(으)로 계산해 데이터 지문과 함께 공식 결과로 저장합니다. 확정된 결과는 이후 바뀌지 않으며 {1}년은 다시 확정할 수 없습니다. 나중에 고친 데이터는 검증할 때 차이로만 보입니다." },
	{ "models.from", "From", "기준" },
	{ "models.frozen", "Official results", "공식 결과" },
	{ "models.frozen_help", "A frozen year keeps its scores exactly as they were; verifying recomputes them with the frozen model and shows every difference.", "확정된 연도의 점수는 그대로 보존됩니다. 검증은 확정 당시 모델로 다시 계산하여 달라진 점을 모두 보여줍니다." },
	{ "models.frozen_on", "Frozen", "확정" },
	{ "models.full", "full", "만점 기준" },
	{ "models.identical", "identical", "동일" },
	{ "models.import", "Store a model version", "모델 버전 등록" },
	{ "models.import_button", "Store", "등록" },
	{ "models.import_failed", "The model was not stored", "모델을 등록하지 못했습니다" },
	{ "models.import_help", "A stored version never changes. It scores nothing until an executive activates it.", "등록된 버전은 바뀌지 않습니다. 임원이 활성화하기 전까지는 점수에 쓰이지 않습니다." },
	{ "models.inactive", "not active", "사용 안 함" },
	{ "models.intro", "The evaluation model of each year: its categories, criteria, weights and scoring. Try a draft with a what-if before it is activated.", "연도별 평가 모델(평가 영역, 평가 기준, 가중치, 산식)입니다. 활성화하기 전에 가상 평가로 초안을 시험해 보세요." },
	{ "models.json", "The model as JSON", "모델 JSON" },
	{ "models.kept", "kept", "유지" },
	{ "models.label_band_score", "{1} {2} band {3} score", "{1} {2} 구간 {3} 점수" },
	{ "models.label_band_threshold", "{1} {2} band {3} threshold", "{1} {2} 구간 {3} 임계값" },
	{ "models.label_category_weight", "weight of category {1}", "평가 영역 {1}의 가중치" },
	{ "models.label_criterion_weight", "weight of criterion {1}", "평가 기준 {1}의 가중치" },
	{ "models.label_full", "{1} {2} full", "{1} {2} 만점 기준" },
	{ "models.label_otherwise", "{1} {2} otherwise", "{1} {2} 그 밖" },
	{ "models.label_zero", "{1} {2} zero", "{1} {2} 0점 기준" },
	{ "models.min_months", "Operations judged from month (operations_min_months)", "운영 평가 시작 개월 (operations_min_months)" },
	{ "models.movers", "Change by category (contribution)", "평가 영역별 변화 (기여도)" },
	{ "models.name_two", "Choose two models to compare", "비교할 두 모델을 고르세요" },
	{ "models.new", "Draft", "초안" },
	{ "models.not_a_number", "is not a number", "숫자가 아닙니다" },
	{ "models.not_frozen", "That year's results are not frozen", "해당 연도의 결과는 확정되지 않았습니다" },
	{ "models.not_saved", "The draft was not saved. Fix these and save again:", "초안을 저장하지 못했습니다. 다음을 고친 뒤 다시 저장하세요:" },
	{ "models.note", "Note (why)", "메모 (변경 사유)" },
	{ "models.note_required", "Say why the model changes (the note is kept with the version).", "모델을 바꾸는 이유를 적으세요(메모는 버전과 함께 보관됩니다)." },
	{ "models.old", "Now", "현재" },
	{ "models.one", "Model", "평가 모델" },
	{ "models.or_stored", "or a stored version", "또는 등록된 버전" },
	{ "models.otherwise", "otherwise", "그 밖" },
	{ "models.results", "Results", "결과" },
	{ "models.run_whatif", "Run the what-if", "가상 평가 실행" },
	{ "models.same", "The two models are the same.", "두 모델은 같습니다." },
	{ "models.save_draft", "Save as draft", "초안으로 저장" },
	{ "models.saved", "Saved as a draft. It is not active: compare it, try it with a what-if, then an executive activates it.", "초안으로 저장했습니다. 아직 적용되지 않습니다. 비교하고 가상 평가로 시험한 뒤 경영진이 활성화합니다." },
	{ "models.scoring_now", "Scoring", "현재 적용 모델 —" },
	{ "models.state", "State", "상태" },
	{ "models.threshold", "threshold", "임계값" },
	{ "models.title", "Models", "평가 모델" },
	{ "models.to", "to", "비교 대상" },
	{ "models.unchanged", "unchanged", "변경 없음" },
	{ "models.verify", "Verify", "검증" },
	{ "models.verify_failed", "The year could not be verified", "검증하지 못했습니다" },
	{ "models.verify_title", "Verify frozen results", "확정 결과 검증" },
	{ "models.version", "Version", "버전" },
	{ "models.version_name", "Version name (optional)", "버전 이름(선택)" },
	{ "models.version_optional", "Version name (optional)", "버전 이름 (선택)" },
	{ "models.versions", "Stored versions", "등록된 버전" },
	{ "models.weight", "weight", "가중치" },
	{ "models.whatif", "What-if", "가상 평가" },
	{ "models.whatif_failed", "The what-if could not be run", "가상 평가를 실행하지 못했습니다" },
	{ "models.whatif_help", "Re-scores a year under a draft model beside the model that scores it now: who moves, by how much, and which categories moved them.", "초안 모델로 한 해를 다시 평가해 현재 모델과 나란히 보여줍니다. 누가 얼마나, 어떤 평가 영역 때문에 움직였는지 알 수 있습니다." },
	{ "models.whatif_result_help", "Largest change first. Rows whose grade changes are marked. A category's contribution is its share of the weight times its score; the changes by category add up to the change of the total.", "변화가 큰 순서입니다. 등급이 바뀐 행은 표시됩니다. 평가 영역의 기여도는 가중치 비중 × 평가 영역 점수이며, 평가 영역별 변화를 더하면 종합 점수의 변화가 됩니다." },
	{ "models.whatif_this", "Try it: what-if for year", "시험: 가상 평가 연도" },
	{ "models.zero", "zero", "0점 기준" },
	{ "nav.alerts", "Alerts", "조기 경보" },
	{ "nav.audit", "Audit log", "감사 로그" },
	{ "nav.changes", "Changes", "변경 확인" },
	{ "nav.credits", "Money at risk", "위험 부담액" },
	{ "nav.cycle", "Growth cycle", "성장 선순환" },
	{ "nav.dashboard", "Dashboard", "대시보드" },
	{ "nav.feeds", "SLA feeds", "SLA 피드" },
	{ "nav.import", "Import", "가져오기" },
	{ "nav.label", "Main", "주 메뉴" },
	{ "nav.logout", "Log out", "로그아웃" },
	{ "nav.models", "Models", "평가 모델" },
	{ "nav.promises", "Promises", "약속 대비 실적" },
	{ "nav.proposals", "Proposals", "제안" },
	{ "nav.records", "Records", "기록" },
	{ "nav.scores", "Scorecards", "평가표" },
	{ "nav.skip", "Skip to content", "본문으로 건너뛰기" },
	{ "nav.users", "Users", "사용자" },
	{ "note.calibrated_all", "calibrated for {1} from {2}-{3}: all linear bounds = P10/P90 of each measure's per-contract values", "{1}년용 보정({2}-{3}년 실적): 모든 선형 채점 기준 = 측정 항목별 계약 값의 P10/P90" },
	{ "note.calibrated_none", "calibrated for {1} without history: bounds kept", "{1}년용 보정: 이력이 없어 기준을 유지함" },
	{ "note.calibrated_operations", "calibrated for {1} from {2}-{3}: operations linear bounds = P10/P90 of each measure's per-contract values", "{1}년용 보정({2}-{3}년 실적): 운영 선형 채점 기준 = 측정 항목별 계약 값의 P10/P90" },
	{ "note.calibrated_sales", "calibrated for {1} from {2}-{3}: sales linear bounds = P10/P90 of each measure's per-contract values", "{1}년용 보정({2}-{3}년 실적): 영업 선형 채점 기준 = 측정 항목별 계약 값의 P10/P90" },
	{ "note.default_model", "The default evaluation model of SPEC §5", "제품 명세 §5의 기본 평가 모델" },
	{ "note.demo_builtin", "The built-in model of SPEC §5, used since the company started with Tandem (2023 and 2024).", "제품 명세 §5의 기본 평가 모델로, 회사가 Tandem을 쓰기 시작한 때부터(2023년과 2024년) 사용했습니다." },
	{ "note.demo_review", "Yearly review for {1}. Under the default bounds {2} of the {3} graded operations people were graded {4} in {5}: an account records some of the expansions, proposals, references and innovations in a year but seldom all, so bounds such as linear(0, 2) were out of reach. Operations scoring bounds are calibrated from the company's own 2023-2024 results (zero = P10, full = P90 of each measure's per-contract values: 'tandem model calibrate --year 2025 --org operations'); an account's growth is judged from its 12th month (operations_min_months 12: renewals and expansions come after the first year). Sales bounds and every weight are unchanged.", "{1}년 연간 검토. 기본 기준으로는 {5}년에 등급을 받은 운영 담당 {3}명 중 {2}명이 {4} 등급이었습니다. 계정마다 한 해에 업무 확장, 제안, 레퍼런스, 혁신 활동 중 일부는 기록하지만 전부를 기록하는 일은 드물어 linear(0, 2) 같은 기준에는 도달할 수 없었습니다. 그래서 운영 채점 기준을 회사 자체의 2023-2024년 실적으로 보정했습니다(측정 항목별 계약 값의 P10을 0점 기준, P90을 만점 기준으로: 'tandem model calibrate --year 2025 --org operations'). 계정의 성장은 12번째 달부터 판단합니다(operations_min_months 12: 갱신과 업무 확장은 첫해 이후에 옵니다). 영업 기준과 모든 가중치는 바뀌지 않았습니다." },
	{ "noun.SLA metric", "SLA metric", "SLA 지표" },
	{ "noun.client", "client", "고객사" },
	{ "noun.contract", "contract", "계약" },
	{ "noun.end of file", "end of file", "파일 끝" },
	{ "noun.org unit", "org unit", "조직" },
	{ "noun.person", "person", "담당자" },
	{ "noun.proposal", "proposal", "제안" },
	{ "noun.record kind", "record kind", "기록 종류" },
	{ "org.operations", "Operations", "운영" },
	{ "org.sales", "Sales", "영업" },
	{ "policy.field", "Your role may not change this field", "이 역할은 이 항목을 바꿀 수 없습니다" },
	{ "policy.no_contract", "This record names no contract, so it cannot be yours", "이 기록에는 계약이 없어 본인 담당으로 볼 수 없습니다" },
	{ "policy.no_person", "This account is not linked to a person", "이 계정은 담당자 기록(people.csv)과 연결되어 있지 않습니다" },
	{ "policy.not_own", "You may change only the evidence of contracts whose sales owner you are", "본인이 영업 담당인 계약의 근거 데이터만 바꿀 수 있습니다" },
	{ "policy.not_self", "You may rate or review only as yourself", "평가·검토는 본인 이름으로만 할 수 있습니다" },
	{ "policy.not_unit", "You may change only the evidence of contracts run by your operations unit or below", "본인 운영 조직(및 하위 조직)이 운영하는 계약의 근거 데이터만 바꿀 수 있습니다" },
	{ "policy.proposal_reviews", "A proposal with feasibility reviews cannot be deleted", "타당성 검토가 있는 제안은 삭제할 수 없습니다" },
	{ "policy.role", "Your role may not do this", "이 역할로는 할 수 없는 작업입니다" },
	{ "policy.status", "A proposal's status changes only through its actions (win, lose); a new proposal is draft or review", "제안 상태는 수주·실주 처리로만 바뀝니다. 새 제안은 초안 또는 검토 상태로 시작합니다" },
	{ "policy.won_review", "The feasibility review behind a won proposal cannot be changed or deleted", "수주된 제안의 타당성 검토는 바꾸거나 삭제할 수 없습니다" },
	{ "promises.actual", "Delivered", "실적" },
	{ "promises.bias", "Bias (delivered − predicted)", "편향 (실적 − 예측)" },
	{ "promises.by_reviewer", "By reviewer", "검토자별" },
	{ "promises.by_sales_owner", "By sales owner", "영업 담당자별" },
	{ "promises.calibration", "Calibration", "예측 정확도" },
	{ "promises.calibration_help", "Over the promises with a prediction: the mean absolute error and the bias, in percentage points. A negative bias means more was promised than delivered.", "예측이 있는 약속 기준: 평균 절대 오차와 편향(%p). 편향이 음수이면 실제보다 많이 약속한 것입니다." },
	{ "promises.contract", "Contract", "계약" },
	{ "promises.credits_incurred", "Credits incurred / at risk:", "발생 크레딧 / 위험 부담액:" },
	{ "promises.gap", "Gap", "차이" },
	{ "promises.help", "Each won proposal beside its contract: the steady-state SLA attainment the feasibility review predicted and the one delivered (S2.1).", "수주한 제안과 그 계약: 타당성 검토가 예측한 안정화 이후 SLA 달성률과 실제 달성률(S2.1)." },
	{ "promises.mae", "Mean absolute error", "평균 절대 오차" },
	{ "promises.n", "Promises", "건수" },
	{ "promises.no_calibration", "No promise with a prediction in this year.", "이 연도에 예측이 있는 약속이 없습니다." },
	{ "promises.none", "No won proposal has a contract with steady-state data in this year.", "이 연도에 안정화 이후 데이터가 있는 수주 계약이 없습니다." },
	{ "promises.overall", "Overall", "전체" },
	{ "promises.person", "Person", "담당자" },
	{ "promises.predicted", "Predicted", "예측" },
	{ "promises.proposal", "Proposal", "제안" },
	{ "promises.reviewer", "Reviewer", "검토자" },
	{ "promises.rows", "Promise vs delivery", "약속 대비 실적" },
	{ "promises.sales_owner", "Sales owner", "영업 담당" },
	{ "promises.terms_credits", "SLA terms and credits", "SLA 약정 조건과 크레딧" },
	{ "promises.title", "Promise vs delivery", "약속 대비 실적" },
	{ "proposal.back", "All proposals", "전체 제안 목록" },
	{ "proposal.details", "Proposal", "제안 내용" },
	{ "proposal.title", "Proposal", "제안" },
	{ "proposals.actions", "Decide", "결정" },
	{ "proposals.add_review", "Record a feasibility review", "타당성 검토 기록" },
	{ "proposals.gate", "Gate", "게이트" },
	{ "proposals.gate_closed", "closed: cannot be won", "닫힘: 수주 처리 불가" },
	{ "proposals.gate_help", "A proposal can be marked won only after an operations feasibility review found it feasible or conditional, or an executive overrode the gate with a reason.", "운영 타당성 검토에서 가능 또는 조건부 판정을 받았거나 임원이 사유와 함께 예외 승인한 제안만 수주 처리할 수 있습니다." },
	{ "proposals.gate_open", "open", "열림" },
	{ "proposals.gate_overridden", "overridden", "예외 승인" },
	{ "proposals.lose", "Mark lost", "실주 처리" },
	{ "proposals.new", "New proposal", "새 제안" },
	{ "proposals.no_review", "no review yet", "검토 없음" },
	{ "proposals.override", "Override", "예외 승인" },
	{ "proposals.override_by", "Gate overridden by", "게이트 예외 승인자" },
	{ "proposals.override_help", "Only an executive may open the gate without a feasible review, and only with a written reason; it is audit-logged and shown here and in the reports.", "타당성 검토 없이 게이트를 여는 것은 임원만, 사유를 적어야 가능하며, 감사 로그와 이 화면, 보고서에 남습니다." },
	{ "proposals.reason", "Reason", "사유" },
	{ "proposals.refused", "Refused:", "거부됨:" },
	{ "proposals.review", "Latest review", "최근 검토" },
	{ "proposals.reviews", "Feasibility reviews", "운영 타당성 검토" },
	{ "proposals.title", "Proposals", "제안" },
	{ "proposals.win", "Mark won", "수주 처리" },
	{ "proposals.win_needs_gate", "The gate is shut: a win needs a feasible or conditional review by operations, or an executive's override.", "게이트 닫힘: 수주 처리에는 운영의 '가능' 또는 '조건부 가능' 검토나 임원의 예외 승인이 필요합니다." },
	{ "reason.after_year_end", "dated after the end of the year", "평가 연도 종료 후 일자" },
	{ "reason.done_after_go_live", "done after go-live", "운영 개시 후 완료" },
	{ "reason.draft", "a draft, not yet proposed to the client", "초안(고객사에 아직 제안 전)" },
	{ "reason.lost", "lost", "미갱신" },
	{ "reason.missing_dates", "a date or the planned days are missing", "일자 또는 계획 일수 없음" },
	{ "reason.no_annual_value", "annual value is 0", "연간 계약금액 0" },
	{ "reason.no_data", "no data", "데이터 없음" },
	{ "reason.no_financials", "no financials", "손익 데이터 없음" },
	{ "reason.no_handover_items", "no handover items", "인수인계 항목 없음" },
	{ "reason.no_new_value", "no new annual value", "신규 계약금액 없음" },
	{ "reason.no_planned_months", "planned stabilization months empty", "계획 안정화 기간 없음" },
	{ "reason.no_planned_ramp_days", "planned ramp-up days is 0", "계획 램프업 일수 0" },
	{ "reason.no_ratings", "no ratings", "평가 없음" },
	{ "reason.no_renewals", "no renewed or lost renewals", "갱신·미갱신 건 없음" },
	{ "reason.no_required_items", "no required readiness items", "필수 준비 항목 없음" },
	{ "reason.no_revenue", "revenue is not positive", "매출 0 이하" },
	{ "reason.no_risk_tier", "no risk tier", "리스크 등급 없음" },
	{ "reason.no_sla_metrics", "no SLA metrics", "SLA 지표 없음" },
	{ "reason.no_steady_state_data", "no steady-state data", "안정화 이후 데이터 없음" },
	{ "reason.not_accepted", "not accepted", "미인수" },
	{ "reason.not_deployed", "not deployed", "미적용" },
	{ "reason.not_done", "not done", "미완료" },
	{ "reason.not_in_year", "not dated in the year", "평가 연도 외 일자" },
	{ "reason.not_required", "not required", "필수 아님" },
	{ "reason.not_yet_stabilized", "too early to judge (E ≤ P+K−1)", "판단하기 이른 시점 (E ≤ P+K−1)" },
	{ "reason.origin_sales", "proposed by sales", "영업 제안" },
	{ "reason.pending", "pending", "대기" },
	{ "reason.service_line_had", "the client already had this service line", "고객사가 이미 보유한 서비스 라인" },
	{ "records.actions", "Actions", "작업" },
	{ "records.all_kinds", "All record kinds", "모든 기록 종류" },
	{ "records.confirm_delete", "Delete this record? This cannot be undone (the audit log keeps a copy).", "이 기록을 삭제할까요? 되돌릴 수 없습니다(감사 로그에는 사본이 남습니다)." },
	{ "records.deleted", "The record was deleted.", "기록을 삭제했습니다." },
	{ "records.edit", "Correct a record", "기록 수정" },
	{ "records.filter_text", "Name, id or text", "이름, ID 또는 내용" },
	{ "records.in_use", "Other records still refer to this one", "다른 기록이 아직 이 기록을 참조합니다" },
	{ "records.new", "New record", "새 기록" },
	{ "records.none", "No records.", "기록이 없습니다." },
	{ "records.none_filtered", "No record matches this filter.", "이 조건에 맞는 기록이 없습니다." },
	{ "records.page", "Page", "페이지" },
	{ "records.pages", "Pages", "페이지" },
	{ "records.range", "{1}–{2} of {3} · page {4} of {5}", "전체 {3}건 중 {1}–{2} · {5}쪽 중 {4}쪽" },
	{ "records.read_only", "read only", "읽기 전용" },
	{ "records.reason", "Reason (for a change that waits for the other side's confirmation)", "사유 (상대 조직의 확인이 필요한 변경일 때)" },
	{ "records.saved", "The record was saved.", "기록을 저장했습니다." },
	{ "records.title", "Records", "기록" },
	{ "report.by_person", "Score by person", "개인별 점수" },
	{ "report.by_unit", "Score by org unit", "조직별 점수" },
	{ "report.categories", "Category breakdown", "평가 영역별 점수" },
	{ "report.client", "client", "고객사" },
	{ "report.contents", "Contents", "목차" },
	{ "report.contract_grades", "Contracts by grade", "계약 등급 분포" },
	{ "report.contracts_title", "Contracts", "계약별 점수" },
	{ "report.cr_at_risk", "at risk: share of monthly revenue", "위험 부담: 월 매출 대비" }, /* from i18n cr_at_risk */
	{ "report.cr_burn_in_months", "burn-in months", "유예(burn-in) 개월" }, /* from i18n cr_burn_in_months */
	{ "report.cr_cap_factor", "factor", "배율" }, /* from i18n cr_cap_factor */
	{ "report.cr_capped", "capped: credits", "상한 적용: 크레딧" }, /* from i18n cr_capped */
	{ "report.cr_company_total", "Company", "전사" }, /* from i18n cr_company_total */
	{ "report.cr_credit", "credit", "크레딧" }, /* from i18n cr_credit */
	{ "report.cr_expected", "expected", "기대" }, /* from i18n cr_expected */
	{ "report.cr_metric", "metric", "지표" }, /* from i18n cr_metric */
	{ "report.cr_minimum", "minimum", "최소" }, /* from i18n cr_minimum */
	{ "report.cr_month", "month", "월" }, /* from i18n cr_month */
	{ "report.cr_none", "No contract has SLA terms with data in this year.", "이 연도에 데이터가 있는 SLA 약정 조건이 없습니다." }, /* from i18n cr_none */
	{ "report.cr_pool", "pool", "위험 부담액" }, /* from i18n cr_pool */
	{ "report.cr_pool_total", "at risk", "위험 부담액" }, /* from i18n cr_pool_total */
	{ "report.cr_rule", "rule", "규칙" }, /* from i18n cr_rule */
	{ "report.cr_state", "state", "상태" }, /* from i18n cr_state */
	{ "report.cr_state_burn_in", "burn-in", "유예 기간" }, /* from i18n cr_state_burn_in */
	{ "report.cr_state_nothing", "-", "-" }, /* from i18n cr_state_nothing */
	{ "report.cr_state_owed", "owed", "지급 확정" }, /* from i18n cr_state_owed */
	{ "report.cr_state_pending", "pending", "보류(earn-back 대기)" }, /* from i18n cr_state_pending */
	{ "report.cr_state_waived", "waived", "면제(earn-back)" }, /* from i18n cr_state_waived */
	{ "report.cr_title", "Service credits", "서비스 크레딧" }, /* from i18n cr_title */
	{ "report.cr_total", "total", "합계" }, /* from i18n cr_total */
	{ "report.cr_value", "value", "실적" }, /* from i18n cr_value */
	{ "report.credits", "Money at risk: service credits", "위험 부담액: 서비스 크레딧" },
	{ "report.credits_note", "Per month: the pool at risk (at_risk_pct % of revenue) and the service credits under the SLA terms, owed, pending (earn-back months still to come) or waived. Reported, not scored.", "월별 위험 부담액(매출의 at_risk_pct %)과 SLA 약정 조건에 따른 서비스 크레딧: 지급 확정, 보류(회복 판정 대기), 면제. 점수에는 반영하지 않습니다." },
	{ "report.dist_people", "people", "인원" },
	{ "report.dist_units", "org units", "조직" },
	{ "report.elapsed", "elapsed months", "경과 개월" },
	{ "report.grade_distribution", "Grade distribution", "등급 분포" },
	{ "report.grade_distribution_whatif", "Grade distribution (before → after)", "등급 분포 (변경 전 → 후)" },
	{ "report.grades", "Grade distribution", "등급 분포" },
	{ "report.heatmap", "SLA compliance month by month", "월별 SLA 준수 현황" },
	{ "report.heatmap_note", "Month 1 is the go-live month. ✓ met, ✗ missed, – no data; the dark run is the first K compliant months (stabilization).", "1개월 차는 운영 개시 월입니다. ✓ 달성, ✗ 미달, – 데이터 없음. 진한 칸은 안정화(연속 K개월 준수) 구간입니다." },
	{ "report.limit_raise", "an administrator may raise it: docs/reliability.md", "관리자가 한도를 올릴 수 있습니다: docs/reliability.md" }, /* from i18n limit_raise */
	{ "report.limit_xlsx-cpu-seconds", "the workbook took too long to read (limit xlsx-cpu-seconds: CPU time for one workbook)", "통합 문서를 읽는 데 너무 오래 걸립니다 (한도 xlsx-cpu-seconds: 통합 문서 하나를 읽는 CPU 시간)" }, /* from i18n limit_xlsx-cpu-seconds */
	{ "report.limit_xlsx-max-cells", "the workbook has too many cells (limit xlsx-max-cells)", "통합 문서의 셀이 너무 많습니다 (한도 xlsx-max-cells)" }, /* from i18n limit_xlsx-max-cells */
	{ "report.limit_xlsx-max-gap", "the workbook holds too much whitespace between cells (limit xlsx-max-gap)", "셀 사이의 공백이 너무 많습니다 (한도 xlsx-max-gap)" }, /* from i18n limit_xlsx-max-gap */
	{ "report.limit_xlsx-max-part", "a part of the workbook is too large once uncompressed (limit xlsx-max-part)", "통합 문서의 한 부분이 압축을 풀면 너무 큽니다 (한도 xlsx-max-part)" }, /* from i18n limit_xlsx-max-part */
	{ "report.limit_xlsx-max-ratio", "a part of the workbook is compressed far more than a spreadsheet can be (limit xlsx-max-ratio)", "통합 문서의 한 부분이 스프레드시트로는 불가능할 만큼 높은 비율로 압축되어 있습니다 (한도 xlsx-max-ratio)" }, /* from i18n limit_xlsx-max-ratio */
	{ "report.meta_frozen", "frozen; audit head", "확정됨, 감사 로그 헤드" },
	{ "report.meta_model", "model", "평가 모델" },
	{ "report.meta_period", "period", "평가 기간" },
	{ "report.name", "name", "이름" },
	{ "report.no_rows", "Nothing to show for this selection.", "선택한 조건에 해당하는 내용이 없습니다." },
	{ "report.not_yet", "not yet stabilized", "안정화 미달성" },
	{ "report.owner", "owner", "담당자" },
	{ "report.people_grades", "People by grade", "개인 등급 분포" },
	{ "report.plan", "plan (P months)", "계획 (P개월)" },
	{ "report.stabilization", "Stabilization: plan vs actual", "초기 안정화: 계획 대비 실적" },
	{ "report.stabilization_note", "Bar: planned months P. Line: months elapsed by the end of the year. Green: the stabilization run, labelled with its first month. ✗: not stabilized yet.", "막대: 계획 안정화 개월(P). 선: 연말까지 경과 개월. 녹색: 안정화 구간(숫자는 시작 월). ✗: 아직 안정화되지 않음." },
	{ "report.stabilized", "stabilized", "안정화" },
	{ "report.summary", "Summary", "요약" },
	{ "report.title", "Evaluation report", "평가 보고서" },
	{ "report.too_early", "Too early to judge (operations)", "판단하기 이른 계약 (운영조직)" },
	{ "report.too_early_help", "live fewer months at the year's end than the model's operations_min_months", "연도 말 기준 운영 개시 후 개월이 모델의 operations_min_months보다 적음" },
	{ "report.too_early_months", "months live at the year's end", "연도 말 운영 개시 후 개월" },
	{ "report.too_early_owner", "operations owner", "운영 담당" },
	{ "report.too_early_went_live", "went live", "운영 개시일" },
	{ "report.trend", "Year over year", "연도별 추이" },
	{ "report.trend_note", "Company total per year, each year scored with its own model and data up to its end.", "연도별 회사 종합 점수 (각 연도의 모델과 해당 연도 말까지의 데이터로 산정)." },
	{ "report.unit", "org unit", "조직" },
	{ "role.admin", "admin", "관리자" },
	{ "role.executive", "executive", "임원" },
	{ "role.operations", "operations", "운영" },
	{ "role.sales", "sales", "영업" },
	{ "role.viewer", "viewer", "조회자" },
	{ "score.choose", "Choose year", "연도 선택" },
	{ "score.company", "Company", "전사" },
	{ "score.coverage", "coverage", "반영률" },
	{ "score.criterion", "Criterion", "평가 기준" },
	{ "score.evidence", "Evidence", "근거" },
	{ "score.months_live", "Months live at the year's end", "연도 말 운영 개시 후 개월" },
	{ "score.na", "n/a", "해당 없음" },
	{ "score.no_subjects", "Nothing to score in this year.", "이 연도에는 평가 대상이 없습니다." },
	{ "score.not_scored", "Not scored in this year", "이 연도에 평가되지 않았습니다" },
	{ "score.org", "Organization", "조직" },
	{ "score.score", "Score", "점수" },
	{ "score.see_evidence", "see evidence", "근거 보기" },
	{ "score.subject", "Subject", "대상" },
	{ "score.too_early", "Too early to judge", "판단하기 이른 계약" },
	{ "score.too_early_contract", "This contract is too early to judge for operations this year; it is not a low score, it has no score.", "이 계약은 올해 운영조직 평가를 하기에 이릅니다. 낮은 점수가 아니라 점수가 없는 것입니다." },
	{ "score.too_early_help", "Operations contracts that had been live fewer months at the year's end than the model's minimum are not judged yet: they have no score and take no part in any person's, unit's or the company's score. Minimum (months):", "연도 말 기준 운영 개시 후 개월이 모델의 최소 개월보다 적은 운영 계약은 아직 평가하지 않습니다. 점수가 없고 개인·조직·회사 점수에도 포함되지 않습니다. 최소 개월:" },
	{ "score.total", "Total", "종합" },
	{ "score.value", "Value", "값" },
	{ "score.year", "Year", "연도" },
	{ "scorecard.title", "Scorecard", "평가표" },
	{ "scores.company", "Company", "전사" },
	{ "scores.contracts", "Contracts", "계약" },
	{ "scores.people", "People", "담당자" },
	{ "scores.title", "Scorecards", "평가표" },
	{ "scores.units", "Org units", "조직" },
	{ "scoring.band_higher", "{2} points at {1} or more", "{1} 이상 {2}점" },
	{ "scoring.band_lower", "{2} points at {1} or less", "{1} 이하 {2}점" },
	{ "scoring.linear", "0 points at {1} or less, 100 at {2} or more, in proportion between", "{1} 이하 0점, {2} 이상 100점, 그 사이는 비례" },
	{ "scoring.linear_lower", "100 points at {1} or less, 0 at {2} or more, in proportion between", "{1} 이하 100점, {2} 이상 0점, 그 사이는 비례" },
	{ "scoring.otherwise", ", otherwise {1}", ", 그 외 {1}점" },
	{ "subject.company", "company", "전사" },
	{ "subject.contract", "contract", "계약" },
	{ "subject.org_unit", "org unit", "조직" },
	{ "subject.person", "person", "개인" },
	{ "table.all", "All", "전체" },
	{ "table.clear", "Clear the filter", "필터 해제" },
	{ "table.empty", "Nothing to show", "표시할 항목이 없습니다" },
	{ "table.none_match", "No row matches the filter", "조건에 맞는 행이 없습니다" },
	{ "table.pages", "Pages", "페이지" },
	{ "table.range", "{1}–{2} of {3}", "{3}건 중 {1}–{2}" },
	{ "table.search", "Contains", "검색어" },
	{ "table.total", "Total", "합계" },
	{ "term.annual_value", "annual value", "연간 계약금액" },
	{ "term.company", "Company", "전사" },
	{ "term.compliant", "compliant", "준수" },
	{ "term.contract", "contract", "계약" },
	{ "term.contracts", "contracts", "계약" },
	{ "term.counted", "counted", "반영" },
	{ "term.coverage", "coverage", "반영률" },
	{ "term.elapsed_months", "elapsed months E", "경과 개월 E" },
	{ "term.excluded", "left out", "제외" },
	{ "term.grade", "grade", "등급" },
	{ "term.met", "met", "달성" },
	{ "term.month", "month", "월" },
	{ "term.na", "n/a", "해당 없음" },
	{ "term.not_compliant", "not compliant", "미준수" },
	{ "term.not_counted", "not counted", "미반영" },
	{ "term.not_met", "not met", "미달" },
	{ "term.not_stabilized", "not stabilized", "안정화 미달성" },
	{ "term.operations", "Operations", "운영" },
	{ "term.org_unit", "org unit", "조직" },
	{ "term.org_units", "Org units", "조직별" },
	{ "term.outside_first_12_months", "outside the first 12 months", "첫 12개월 외" },
	{ "term.people", "People", "개인별" },
	{ "term.person", "person", "개인" },
	{ "term.planned_months", "planned months P", "계획 개월 P" },
	{ "term.sales", "Sales", "영업" },
	{ "term.score", "score", "점수" },
	{ "term.scorecard", "Scorecard", "평가표" },
	{ "term.stabilized_at", "stabilized at month", "안정화 달성 월" },
	{ "term.subjects", "contracts", "대상 계약" },
	{ "term.target", "target", "목표" },
	{ "term.total", "total", "종합" },
	{ "term.value", "value", "값" },
	{ "term.weight", "weight", "가중치" },
	{ "term.year", "year", "연도" },
	{ "unit.day", "{1} day", "{1}일" },
	{ "unit.days", "{1} days", "{1}일" },
	{ "unit.month", "{1} month", "{1}개월" },
	{ "unit.months", "{1} months", "{1}개월" },
	{ "unit.pt", "%p", "%p" },
	{ "users.active", "active", "사용 중" },
	{ "users.add", "Add a user", "사용자 추가" },
	{ "users.bad_input", "Check the name and role", "이름과 역할을 확인하세요" },
	{ "users.change", "Change", "변경" },
	{ "users.changed", "Saved.", "저장했습니다." },
	{ "users.created", "The user was created.", "사용자를 만들었습니다." },
	{ "users.disable", "Disable", "비활성화" },
	{ "users.disabled", "disabled", "비활성" },
	{ "users.enable", "Enable", "활성화" },
	{ "users.exists", "A user of that name exists already", "같은 이름의 사용자가 이미 있습니다" },
	{ "users.locked", "locked", "잠김" },
	{ "users.name", "Name", "이름" },
	{ "users.not_self", "You cannot demote or disable your own account", "자신의 계정은 강등하거나 비활성화할 수 없습니다" },
	{ "users.password_help", "A random password is made and shown once; give it to the user.", "임의의 비밀번호가 만들어져 한 번만 표시됩니다. 사용자에게 전달하세요." },
	{ "users.person", "Person id", "담당자 ID" },
	{ "users.reset", "New password", "비밀번호 재발급" },
	{ "users.role", "Role", "역할" },
	{ "users.set_role", "Set role", "역할 변경" },
	{ "users.shown_once", "(shown only now)", "(지금만 표시됩니다)" },
	{ "users.state", "State", "상태" },
	{ "users.title", "Users", "사용자" },
	{ "workbook.error_message", "See the note on the column's header.", "열 제목의 메모를 참고하세요." },
	{ "workbook.error_title", "Invalid value", "잘못된 값" },
	{ "workbook.exported", "Exported from a Tandem store.", "Tandem 저장소에서 내보낸 데이터입니다." },
	{ "workbook.guide.1", "Each sheet is one kind of record; its name is the record kind. Keep the sheet names and the header row as they are.", "시트 하나가 기록 한 종류이며, 시트 이름이 기록 종류입니다. 시트 이름과 첫 행(열 제목)은 바꾸지 마세요." },
	{ "workbook.guide.2", "One row per record. An empty cell means no value. Hover over a column's header to read what it holds.", "한 행이 기록 하나입니다. 빈 셀은 값 없음입니다. 열 제목에 마우스를 올리면 설명이 나옵니다." },
	{ "workbook.guide.3", "Dates are real dates (or text YYYY-MM-DD); months are YYYY-MM; decimals use '.' with up to 6 places; no thousands separators in text.", "날짜는 날짜 서식(또는 YYYY-MM-DD 텍스트), 월은 YYYY-MM, 소수점은 '.'이며 6자리까지, 텍스트에는 천 단위 구분 기호를 쓰지 마세요." },
	{ "workbook.guide.4", "Ids link the sheets: a contract's client_id is an id from the clients sheet, owners are ids from people.", "식별자로 시트가 연결됩니다: contracts의 client_id는 clients(고객사) 시트의 id이고, 담당자는 people 시트의 id입니다." },
	{ "workbook.guide.5", "Import with: tandem import book.xlsx — all or nothing; each problem is reported as book.xlsx:SHEET!CELL: message.", "가져오기: tandem import book.xlsx — 전부 또는 전무(all or nothing) 방식이며, 문제는 book.xlsx:시트!셀: 메시지 형식으로 모두 보고됩니다." },
	{ "workbook.guide.6", "Sheets whose names begin with '_' (like this guide) are not imported. Empty sheets are fine.", "이름이 '_'로 시작하는 시트(이 안내 시트 등)는 가져오지 않습니다. 빈 시트는 괜찮습니다." },
	{ "workbook.guide.required", "* marks a required column.", "* 표시는 필수 열입니다." },
	{ "workbook.guide.title", "How to fill in this workbook", "이 통합 문서 작성 방법" },
	{ "workbook.guide_sheet", "_guide", "_안내" },
	{ "workbook.head.columns", "columns", "열" },
	{ "workbook.head.sheet", "sheet", "시트" },
	{ "workbook.head.what", "what it holds", "내용" },
	{ "workbook.note.allowed", ".\nAllowed: ", ".\n허용 값: " },
	{ "workbook.note.key", ", part of the key (required)", ", 키 (필수)" },
	{ "workbook.note.optional", ", optional (may be empty)", ", 선택 (비워도 됨)" },
	{ "workbook.note.ref", ".\nAn id from sheet {1}", ".\n{1} 시트의 id" },
	{ "workbook.note.ref_person", ".\nAn id from sheet {1}", ".\n{1} 시트의 id (구성원)" },
	{ "workbook.note.required", ", required", ", 필수" },
	{ "workbook.sheet.clients", "Client companies; referred_by names the client that introduced this one.", "고객사. referred_by는 이 고객사를 소개한 고객사입니다." },
	{ "workbook.sheet.contracts", "Contracts with their lifecycle dates, value, risk tier and owners.", "계약: 주요 일정, 연간 계약금액, 리스크 등급, 영업·운영 담당자." },
	{ "workbook.sheet.expansions", "Expansions of an account's scope, volume or sites.", "업무 범위·물량·사이트 확장." },
	{ "workbook.sheet.feasibility_reviews", "Operations' feasibility reviews of proposals.", "제안에 대한 운영 타당성 검토." },
	{ "workbook.sheet.financials", "Monthly revenue and cost per contract.", "계약별 월 매출과 원가 (손익)." },
	{ "workbook.sheet.handover", "Handover items from sales to operations and when accepted.", "영업에서 운영으로의 인수인계 항목과 인수일." },
	{ "workbook.sheet.innovations", "Process improvements, service models and automations.", "프로세스 개선, 서비스 모델, 자동화." },
	{ "workbook.sheet.manual_ratings", "Operations' ratings of the operations manual sales prepared.", "영업이 준비한 운영 매뉴얼에 대한 운영 조직의 평가." },
	{ "workbook.sheet.measurements", "Daily SLA data: numerator and denominator (empty denominator = 1).", "일별 SLA 실적: 분자와 분모 (분모가 비면 1)." },
	{ "workbook.sheet.org_units", "Organization units: sales teams, operation centers, executives; parent_id builds the tree.", "조직: 영업팀, 운영센터, 경영진. parent_id로 상위 조직을 지정합니다." },
	{ "workbook.sheet.people", "People and the unit each belongs to.", "구성원과 소속 조직." },
	{ "workbook.sheet.proposals", "Proposals (new work), with origin sales or operations.", "제안 (신규 업무). origin은 영업 또는 운영." },
	{ "workbook.sheet.readiness", "Readiness checklist items before go-live.", "운영 개시 전 운영 준비 체크리스트." },
	{ "workbook.sheet.references", "References won: case studies, reference calls, site visits, referrals.", "레퍼런스: 사례 연구, 레퍼런스 콜, 현장 방문, 소개." },
	{ "workbook.sheet.relationship_ratings", "Client executive relationship level (rated outside operations).", "고객사 임원진 관계 수준 (운영 조직 외부에서 평가)." },
	{ "workbook.sheet.renewals", "Renewals due and their outcome.", "갱신 예정일과 결과." },
	{ "workbook.sheet.scope_changes", "Scope disputes and out-of-scope requests.", "업무 범위 분쟁과 범위 외 요청." },
	{ "workbook.sheet.sla_metrics", "The SLA metrics of each contract with direction and targets.", "계약별 SLA 지표, 방향(higher/lower)과 목표." },
	{ "workbook.sheet.sla_terms", "Service-credit terms per SLA metric: minimum and expected levels, % of monthly fees at risk, its allocation, full or linear credits, earn-back and burn-in months (docs/evaluation.md).", "SLA 지표별 서비스 크레딧 조건: 최소·기대 수준, 월 대금 중 위험 부담률, 배분율, 전액(full) 또는 비례(linear) 크레딧, 회복(earn-back)·유예(burn-in) 개월 (docs/evaluation.md)." },
	{ "workbook.type.count", "a whole number >= 0", "0 이상의 정수" },
	{ "workbook.type.date", "a date, YYYY-MM-DD", "날짜 (YYYY-MM-DD)" },
	{ "workbook.type.decimal", "a number, up to 6 decimals", "숫자 (소수 6자리까지)" },
	{ "workbook.type.enum", "one of the list", "목록 중 하나" },
	{ "workbook.type.flag", "1 (yes) or 0 (no)", "1(예) 또는 0(아니오)" },
	{ "workbook.type.id", "an id (text, no leading or trailing spaces)", "식별자 (텍스트, 앞뒤 공백 없이)" },
	{ "workbook.type.money", "an amount >= 0, up to 6 decimals", "금액 (0 이상, 소수 6자리까지)" },
	{ "workbook.type.month", "a month, YYYY-MM", "월 (YYYY-MM)" },
	{ "workbook.type.rating", "a whole number from 1 to 5", "1~5 사이의 정수" },
	{ "workbook.type.text", "text", "텍스트" },
	{ "xlsx.amount", "amount", "반영 값" },
	{ "xlsx.annual_value", "annual value", "연간 계약금액" },
	{ "xlsx.client", "client", "고객사" },
	{ "xlsx.compliant", "compliant", "준수" },
	{ "xlsx.coverage", "coverage", "반영률" },
	{ "xlsx.grade", "grade", "등급" },
	{ "xlsx.met", "met", "달성" },
	{ "xlsx.month", "month", "월" },
	{ "xlsx.month_index", "month index", "개월 차" },
	{ "xlsx.name", "name", "이름" },
	{ "xlsx.org", "org", "조직 구분" },
	{ "xlsx.owner", "owner", "담당자" },
	{ "xlsx.reason", "reason", "사유" },
	{ "xlsx.record", "record", "기록" },
	{ "xlsx.record_kind", "record kind", "기록 종류" },
	{ "xlsx.status", "status", "상태" },
	{ "xlsx.subjects", "subjects", "대상 계약" },
	{ "xlsx.total", "total", "종합" },
};
#define N_CATALOG (sizeof catalog / sizeof *catalog)

static const struct message *lookup(const char *key)
{
	size_t lo = 0, hi = N_CATALOG;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, catalog[mid].key);
		if (!c)
			return &catalog[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *i18n_find(enum lang lang, const char *key)
{
	const struct message *m = key ? lookup(key) : NULL;
	if (!m)
		return NULL;
	return lang == LANG_KO ? m->ko : m->en;
}

const char *i18n(enum lang lang, const char *key)
{
	const char *t = i18n_find(lang, key);
	return t ? t : key;
}

const char *i18n_named(enum lang lang, const char *prefix, const char *name)
{
	char key[128];
	size_t p = strlen(prefix), n = strlen(name);
	if (p + n >= sizeof key)
		return name;
	memcpy(key, prefix, p);
	memcpy(key + p, name, n + 1);
	const char *t = i18n_find(lang, key);
	return t ? t : name;
}

void i18n_add(struct buf *out, enum lang lang, const char *key, const char *const *args, size_t n)
{
	const char *s = i18n(lang, key);
	while (*s) {
		if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}' &&
		    (size_t)(s[1] - '1') < n) {
			buf_adds(out, args[s[1] - '1'] ? args[s[1] - '1'] : "");
			s += 3;
			continue;
		}
		const char *brace = strchr(s + 1, '{');
		size_t len = brace ? (size_t)(brace - s) : strlen(s);
		buf_add(out, s, len);
		s += len;
	}
}

/* Whether pattern (an English catalog text with {1} … {9}) matches s from
 * here to the end; each placeholder takes at least one byte, as few as
 * possible, and records its span in arg/len. */
static int match(const char *pattern, const char *s, const char **arg, size_t *len)
{
	while (*pattern) {
		if (pattern[0] == '{' && pattern[1] >= '1' && pattern[1] <= '9' && pattern[2] == '}') {
			int i = pattern[1] - '1';
			for (const char *e = s + 1; e <= s + strlen(s); e++) {
				if (match(pattern + 3, e, arg, len)) {
					arg[i] = s;
					len[i] = (size_t)(e - s);
					return 1;
				}
			}
			return 0;
		}
		if (*pattern != *s)
			return 0;
		pattern++;
		s++;
	}
	return !*s;
}

/* The bytes of a catalog text that are not placeholders. */
static size_t literal_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}')
			s += 2;
		else
			n++;
	}
	return n;
}

/* "low, medium or high" → "낮음, 보통 또는 높음": each item as its Korean
 * label (enum., noun.), "or" as 또는. */
static void shown_list(struct buf *out, const char *list)
{
	const char *p = list;
	while (*p) {
		const char *comma = strstr(p, ", "), *or = strstr(p, " or ");
		const char *end = comma && (!or || comma < or) ? comma : or;
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[64];
		if (len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			const char *t = i18n_named(LANG_KO, "enum.", item);
			buf_adds(out, t != item ? t : i18n_named(LANG_KO, "noun.", item));
		} else {
			buf_add(out, p, len);
		}
		if (!end)
			break;
		buf_adds(out, end == comma ? ", " : " 또는 ");
		p = end + (end == comma ? 2 : 4);
	}
}

const char *i18n_translate(enum lang lang, const char *message, struct buf *out,
			   struct buf *params, size_t *n_params)
{
	const struct message *best = NULL;
	const char *arg[9] = { 0 }, *best_arg[9] = { 0 };
	size_t len[9] = { 0 }, best_len[9] = { 0 }, best_literal = 0, n = 0;
	*n_params = 0;
	/* "contracts.csv:6:6: staffed_on … is before …", "organizations[0].
	 * weight: must be > 0": a place (no spaces before ": ") stays as it
	 * is and the problem after it is read on its own, when it reads. */
	const char *colon = strstr(message, ": ");
	size_t place = colon ? (size_t)(colon - message) : 0;
	if (place && !memchr(message, ' ', place)) {
		struct buf rest = BUF_INIT;
		const char *key = i18n_translate(lang, colon + 2, &rest, params, n_params);
		if (key) {
			buf_add(out, message, place + 2);
			buf_add(out, rest.data, rest.len);
			buf_release(&rest);
			return key;
		}
		buf_release(&rest);
	}
	/* The most specific entry wins: "bad number '{1}' for {2}: not a
	 * number (…)" over "bad number '{1}' for {2}". */
	for (size_t i = 0; i < N_CATALOG; i++) {
		const struct message *m = &catalog[i];
		if (strncmp(m->key, "error.", 6) && strncmp(m->key, "diff.", 5) &&
		    strncmp(m->key, "note.", 5))
			continue;
		memset(arg, 0, sizeof arg);
		if (!match(m->en, message, arg, len))
			continue;
		size_t literal = literal_length(m->en);
		if (best && literal <= best_literal)
			continue;
		best = m;
		best_literal = literal;
		memcpy(best_arg, arg, sizeof arg);
		memcpy(best_len, len, sizeof len);
	}
	if (!best) {
		buf_adds(out, message);
		return NULL;
	}
	struct buf all = BUF_INIT, lists = BUF_INIT;
	size_t at[9], at_list[9] = { 0 };
	int listed[9] = { 0 };
	const char *copies[9], *shown[9];
	for (n = 0; n < 9 && best_arg[n]; n++) {
		at[n] = all.len;
		buf_add(&all, best_arg[n], best_len[n]);
		buf_addc(&all, '\0');
	}
	for (size_t k = 0; k < n; k++) {
		copies[k] = all.data + at[k];
		if (params) {
			buf_adds(params, copies[k]);
			buf_addc(params, '\0');
		}
		/* A column's name, an enum value or a record's noun ("client")
		 * reads as its Korean label; a value in quotes ("missing column
		 * 'referred_by'", "bad number '4억5천'") is what the file or the
		 * user said and stays as it is. */
		shown[k] = copies[k];
		char quoted[6] = { '\'', '{', (char)('1' + k), '}', '\'', '\0' };
		char file[5] = { '{', (char)('1' + k), '}', '.', '\0' };
		if (strstr(best->en, quoted) || strstr(best->en, file))
			continue;
		static const char *const label_groups[] = { "col.", "enum.", "noun.", "kind." };
		for (size_t g = 0; lang == LANG_KO && g < 4 && shown[k] == copies[k]; g++)
			shown[k] = i18n_named(lang, label_groups[g], copies[k]);
		/* A list of allowed values ("sales or operations", "low, medium
		 * or high") reads item by item, joined the Korean way. */
		if (lang == LANG_KO && shown[k] == copies[k] && strstr(copies[k], " or ")) {
			at_list[k] = lists.len;
			shown_list(&lists, copies[k]);
			buf_addc(&lists, '\0');
			listed[k] = 1;
		}
		/* A note Tandem wrote (a model's description in a difference). */
		if (lang == LANG_KO && shown[k] == copies[k] && !listed[k] && strchr(copies[k], ' ')) {
			struct buf note = BUF_INIT;
			size_t n_note;
			const char *key = i18n_translate(lang, copies[k], &note, NULL, &n_note);
			if (key && !strncmp(key, "note.", 5)) {
				at_list[k] = lists.len;
				buf_add(&lists, note.data, note.len);
				buf_addc(&lists, '\0');
				listed[k] = 1;
			}
			buf_release(&note);
		}
		/* An account as the audit names it ("user:kim") reads as its name. */
		if (!strncmp(shown[k], "user:", 5) && shown[k][5])
			shown[k] += 5;
	}
	for (size_t k = 0; k < n; k++)
		if (listed[k])
			shown[k] = lists.data + at_list[k];
	i18n_add(out, lang, best->key, shown, n);
	buf_release(&all);
	buf_release(&lists);
	*n_params = n;
	return best->key;
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

enum lang i18n_lang(const char *s)
{
	return s && !strcmp(s, "ko") ? LANG_KO : LANG_EN;
}

unsigned i18n_count(void)
{
	return N_CATALOG;
}

const char *i18n_key(unsigned i)
{
	return i < i18n_count() ? catalog[i].key : NULL;
}

size_t i18n_check(void)
{
	for (size_t i = 0; i < N_CATALOG; i++) {
		if (!*catalog[i].en || !*catalog[i].ko)
			return i + 1;
		if (i && strcmp(catalog[i - 1].key, catalog[i].key) >= 0)
			return i + 1;
	}
	return 0;
}
