#!/bin/sh
# The account lifecycle over HTTP (issues 4 and 5) on the hand-made company
# of tests/data/lifecycle/company: the alerts, growth cycle, referral tree
# and promises answer exactly what the CLI prints for the same store (and
# the expected files of the CLI scenarios), the dashboard shows the alerts,
# and every proposal change goes through the store's state machine: the
# gate refuses a win with 409 and the gate's own message, only an executive
# overrides (with a reason), the override is audited and shown on the page.
. "$(dirname "$0")/lib.sh"

EXP=$DATA/lifecycle/expected
export TANDEM_NOW=2026-05-01T09:00:00Z LANG=C LC_ALL=C

"$TANDEM" init --db "$DB" >/dev/null || exit 1
"$TANDEM" import --db "$DB" "$DATA/lifecycle/company" >/dev/null || exit 1
add_role_accounts || exit 1
start_server --quiet || exit 1
for r in admin executive sales operations viewer; do
	check "lc-login-$r" login "$r"
done

# cli_is NAME PATH CLI-ARGS...: the web's JSON at PATH equals the CLI's.
cli_is() {
	_name=$1 _path=$2
	shift 2
	"$TANDEM" "$@" --db "$DB" > "$WORK/cli.json" 2>&1
	_st=$(api viewer GET "$_path")
	check "$_name-200" is 200 "$_st"
	cp "$WORK/body" "$WORK/web.json"
	check "$_name-equals-cli" same "$WORK/cli.json" "$WORK/web.json"
}

# --- alerts --------------------------------------------------------------
for d in 2025-08-31 2025-09-01 2025-12-30 2025-12-31 2026-02-16 2026-03-03 2026-04-30 2026-05-01; do
	cli_is "lc-web-alerts-$d" "/api/v1/alerts?as_of=$d&lang=en" alerts --as-of "$d" --format json --lang en
done
cli_is "lc-web-alerts-ko" "/api/v1/alerts?as_of=2026-02-16&lang=ko" alerts --as-of 2026-02-16 --format json --lang ko
cli_is "lc-web-alerts-today" "/api/v1/alerts?lang=en" alerts --format json --lang en
check "lc-web-alerts-today-is-now" has "$WORK/body" '"as_of": "2026-05-01"'
api viewer GET '/api/v1/alerts?as_of=2026-02-16&lang=en' >/dev/null
check "lc-web-alerts-expected-file" same "$EXP/alerts-2026-02-16.json" "$WORK/body"
check "lc-web-alerts-readiness-k3" has "$WORK/body" '{"rule":"readiness_open","contract_id":"K3","client_id":"C3","sales_owner":{"id":"P-S1","name":"이영업"},"ops_owner":{"id":"P-O1","name":"박운영"},"evidence":{"go_live_on":"2026-03-02","days_to_go_live":14,"open_items":["교육","시스템"]}'
check "lc-web-alerts-bad-date-400" is 400 "$(api viewer GET '/api/v1/alerts?as_of=2026-02-30')"
check "lc-web-alerts-bad-date-message" is '{"error":"as_of takes a date YYYY-MM-DD, not '"'"'2026-02-30'"'"'","field":"as_of","code":"error.as_of","params":["2026-02-30"],"message":"as_of takes a date YYYY-MM-DD, not '"'"'2026-02-30'"'"'"}' "$(cat "$WORK/body")"
check "lc-web-alerts-anon-401" is 401 "$(api anon GET '/api/v1/alerts?as_of=2026-02-16')"

# The dashboard's panel: as of today, or the year's last day for a past year.
check "lc-dash-2025-200" is 200 "$(status viewer GET '/?year=2025&lang=en')"
check "lc-dash-2025-as-of-year-end" has "$WORK/body" 'as of 2025-12-31'
check "lc-dash-2025-contract-link" has "$WORK/body" '<a href="/contracts/K5">K5</a>'
check "lc-dash-2025-rule" has "$WORK/body" 'Renewal due, relationship falling'
check "lc-dash-2025-owners" has "$WORK/body" 'Sales: 정영업<br>Operations: 최운영'
check "lc-dash-2025-evidence" has "$WORK/body" 'renewal due 2026-03-31 (in 90 days), relationship level falling: 4.00 (2025-06-30) → 3.00 (2025-11-30)'
check "lc-dash-2026-200" is 200 "$(status viewer GET '/?year=2026&lang=en')"
check "lc-dash-2026-as-of-today" has "$WORK/body" 'as of 2026-05-01'
check "lc-dash-2026-sla-missed" has "$WORK/body" 'SLA missed months running'
check "lc-dash-2026-cached-still-has-panel" is 200 "$(status viewer GET '/?year=2026&lang=en')"
check "lc-dash-2026-cached-panel" has "$WORK/body" '<a href="/contracts/K1">K1</a>'
check "lc-dash-2024-none" is 200 "$(status viewer GET '/?year=2024&lang=en')"
check "lc-dash-2024-no-alerts" has "$WORK/body" '<p class="muted" id="alerts-empty">No alerts on 2024-12-31: every contract in force (1) is on track.</p>'
check "lc-dash-ko" is 200 "$(status viewer GET '/?year=2025&lang=ko')"
check "lc-dash-ko-title" has "$WORK/body" '조기 경보'
check "lc-dash-ko-rule" has "$WORK/body" '관계 하락 중 갱신 도래'
check "lc-dash-ko-evidence" has "$WORK/body" '갱신 기한 2026-03-31 (90일 남음)'
status viewer GET '/?lang=en' >/dev/null

# --- the growth cycle and the referral tree ---------------------------------
cli_is "lc-web-cycle" "/api/v1/cycle?from=2025&to=2026" cycle --from 2025 --to 2026 --format json
check "lc-web-cycle-expected-file" same "$EXP/cycle.json" "$WORK/body"
check "lc-web-cycle-2025-values" has "$WORK/body" '{"year":2025,"stab_judged":2,"stab_within_plan":1,"stabilization_rate":0.5000,'
cli_is "lc-web-cycle-one-year" "/api/v1/cycle?from=2026" cycle --from 2026 --format json
cli_is "lc-web-cycle-three" "/api/v1/cycle?from=2024&to=2026" cycle --from 2024 --to 2026 --format json
check "lc-web-cycle-no-from-400" is 400 "$(api viewer GET '/api/v1/cycle?to=2026')"
check "lc-web-cycle-no-from-field" has "$WORK/body" '"field":"from"'
check "lc-web-cycle-backwards-400" is 400 "$(api viewer GET '/api/v1/cycle?from=2026&to=2025')"
check "lc-web-cycle-backwards-field" has "$WORK/body" '"field":"to"'
check "lc-web-cycle-bad-year-400" is 400 "$(api viewer GET '/api/v1/cycle?from=20x5')"
cli_is "lc-web-referrals" "/api/v1/cycle/referrals" cycle --referrals --format json
check "lc-web-referrals-expected-file" same "$EXP/referrals.json" "$WORK/body"
check "lc-cycle-page-200" is 200 "$(status viewer GET '/cycle?from=2025&to=2026&lang=en')"
check "lc-cycle-page-rate" has "$WORK/body" '<td class="num">50.0% <span class="muted">(1/2)</span></td>'
check "lc-cycle-table-counts" has "$WORK/body" '<tr><th scope="row">Active contracts</th><td class="num">3</td><td class="num">5</td></tr>'
check "lc-cycle-table-per-contract" has "$WORK/body" '<tr><th scope="row">Expansions per active contract</th><td class="num">0.33 <span class="muted">(1/3)</span></td><td class="num">0.40 <span class="muted">(2/5)</span></td></tr>'
check "lc-cycle-table-growth-no-count" has "$WORK/body" '<tr><th scope="row">Expansion value growth</th><td class="num">4.3%</td><td class="num">1.6%</td></tr>'
check "lc-cycle-range-form" has "$WORK/body" '<input id="from" name="from" type="number" min="1001" max="9998" value="2025">'
check "lc-cycle-page-chart" has "$WORK/body" '<svg'
check "lc-cycle-page-tree" has "$WORK/body" '<li><strong>베타 보험</strong> <span class="muted small">C2</span><ul>'
check "lc-cycle-page-tree-date" has "$WORK/body" '<strong>감마 카드</strong> <span class="muted small">C3 · introduced on 2025-12-15</span>'
check "lc-cycle-page-bad-400" is 400 "$(status viewer GET '/cycle?from=2026&to=2020')"
check "lc-cycle-page-ko" is 200 "$(status viewer GET '/cycle?from=2025&to=2026&lang=ko')"
check "lc-cycle-page-ko-title" has "$WORK/body" '소개 관계도'
status viewer GET '/?lang=en' >/dev/null

# --- promise vs delivery ----------------------------------------------------
cli_is "lc-web-promises-2026" "/api/v1/promises?year=2026" promises --year 2026 --format json
check "lc-web-promises-pr1" has "$WORK/body" '{"proposal_id":"PR1","contract_id":"K1","sales_owner":{"id":"P-S1","name":"이영업"},"reviewer":{"id":"P-O1","name":"박운영"},"reviewed_on":"2024-11-15","predicted":0.9000,"actual":0.6667,"met":8,"metric_months":12,"gap":-0.2333,"sla_terms":[],"credits_incurred":0.00,"money_at_risk":0.00,"override":null}'
cli_is "lc-web-promises-2025" "/api/v1/promises?year=2025" promises --year 2025 --format json
check "lc-web-promises-bad-year-400" is 400 "$(api viewer GET '/api/v1/promises?year=abc')"
check "lc-promises-page-200" is 200 "$(status viewer GET '/promises?year=2026&lang=en')"
check "lc-promises-page-gap" has "$WORK/body" '<span class="badge bad">-23.3%p</span>'
check "lc-promises-page-predicted" has "$WORK/body" '<td class="num">90.0%</td><td class="num">66.7% <span class="muted">(8/12)</span>'
check "lc-promises-page-calibration" has "$WORK/body" 'By reviewer'
# the promises and calibrations are html_table lists (issue 15 item 4)
promise_rows() { grep -o '<tr><th scope="row"><a href="/proposals/[^"]*"' "$WORK/body" | sed 's|.*/proposals/||; s|"||' | tr '\n' ' '; }
check "lc-promises-table-rows" is "PR1 PR2 " "$(promise_rows)"
check "lc-promises-table-row-exact" has "$WORK/body" '<tr><th scope="row"><a href="/proposals/PR2">PR2</a> <span class="muted">베타 보험</span></th><td><a href="/contracts/K2">K2</a></td><td>최운영</td><td>정영업</td><td class="num">95.0%</td><td class="num">100.0% <span class="muted">(2/2)</span></td><td class="num"><span class="badge ok">+5.0%p</span></td><td class="small"><span class="muted">No SLA terms for this contract (sla_terms).</span></td></tr>'
check "lc-promises-table-calibration-row" has "$WORK/body" '<tr><th scope="row">박운영</th><td class="num">1</td><td class="num">23.3%p</td><td class="num">-23.3%p</td></tr>'
check "lc-promises-table-sort-gap-200" is 200 "$(status viewer GET '/promises?year=2026&lang=en&promises_sort=gap&promises_dir=desc')"
check "lc-promises-table-sort-gap" is "PR2 PR1 " "$(promise_rows)"
check "lc-promises-table-reviewer-200" is 200 "$(status viewer GET '/promises?year=2026&lang=en&promises_f_reviewer=%EC%B5%9C%EC%9A%B4%EC%98%81')"
check "lc-promises-table-reviewer-rows" is "PR2 " "$(promise_rows)"
check "lc-promises-table-calibration-sort-200" is 200 "$(status viewer GET '/promises?year=2026&lang=en&by_reviewer_sort=bias&by_reviewer_dir=desc')"
check "lc-promises-table-calibration-sort" has "$WORK/body" '<tr><th scope="row">최운영</th><td class="num">1</td><td class="num">5.0%p</td><td class="num">+5.0%p</td></tr>
<tr><th scope="row">박운영</th>'
check "lc-promises-year-form" has "$WORK/body" '<input id="year" name="year" type="number" min="1001" max="9998" value="2026">'

# --- proposals through the store's state machine ----------------------------
check "lc-gate-win-refused-409" is 409 "$(api sales POST /api/v1/proposals/PR6/win)"
check "lc-gate-win-refused-message" is '{"error":"proposal '"'"'PR6'"'"' cannot be won without a feasible or conditional feasibility review (or an executive'"'"'s override)","code":"error.gate_shut","params":["PR6"],"message":"proposal '"'"'PR6'"'"' cannot be won without a feasible or conditional feasibility review (or an executive'"'"'s override)"}' "$(cat "$WORK/body")"
check "lc-gate-operations-cannot-win-403" is 403 "$(api operations POST /api/v1/proposals/PR6/win)"
check "lc-gate-viewer-cannot-win-403" is 403 "$(api viewer POST /api/v1/proposals/PR6/win)"
check "lc-gate-still-review" is 200 "$(api viewer GET /api/v1/proposals/PR6)"
check "lc-gate-still-review-status" has "$WORK/body" '"status":"review","gate_open":false'
check "lc-override-sales-403" is 403 "$(api sales POST /api/v1/proposals/PR6/override '{"reason":"전략 고객"}')"
check "lc-override-admin-403" is 403 "$(api admin POST /api/v1/proposals/PR6/override '{"reason":"전략 고객"}')"
check "lc-override-no-reason-422" is 422 "$(api executive POST /api/v1/proposals/PR6/override '{}')"
check "lc-override-no-reason-message" is '{"error":"an override of proposal '"'"'PR6'"'"' needs a written reason","field":"reason","code":"error.override_reason","params":["PR6"],"message":"an override of proposal '"'"'PR6'"'"' needs a written reason"}' "$(cat "$WORK/body")"
check "lc-override-blank-reason-422" is 422 "$(api executive POST /api/v1/proposals/PR6/override '{"reason":"   "}')"
check "lc-override-not-json-415" is 415 "$(status executive POST /api/v1/proposals/PR6/override -H 'Content-Type: text/plain' --data-binary 'reason=x')"
api admin GET '/api/v1/audit?limit=500' >/dev/null
check "lc-override-not-audited-yet" hasnt "$WORK/body" '"action":"override"'
check "lc-override-200" is 200 "$(api executive POST /api/v1/proposals/PR6/override '{"reason":"전략 고객, 야간 인력은 본사 지원 <b>"}')"
check "lc-override-in-answer" has "$WORK/body" '"gate_open":true,'
check "lc-override-by" has "$WORK/body" '"override":{"decided_by":"user:executive","decided_at":"2026-05-01T09:00:00Z","reason":"전략 고객, 야간 인력은 본사 지원 \u003cb\u003e"}'
api admin GET '/api/v1/audit?limit=500' >/dev/null
check "lc-override-audited" has "$WORK/body" '"actor":"user:executive","action":"override","entity":"proposals","key":"PR6"'
check "lc-override-audit-reason-role" has "$WORK/body" '"after":{"reason":"전략 고객, 야간 인력은 본사 지원 \u003cb\u003e","role":"executive"}'
check "lc-win-after-override-200" is 200 "$(api sales POST /api/v1/proposals/PR6/win)"
check "lc-win-after-override-won" has "$WORK/body" '"status":"won"'
api admin GET '/api/v1/audit?limit=500' >/dev/null
check "lc-win-audited-with-gate" has "$WORK/body" '"actor":"user:sales","action":"win","entity":"proposals","key":"PR6"'
check "lc-win-audit-gate-override" has "$WORK/body" '"before":{"status":"review"},"after":{"status":"won","role":"sales","gate":"override"}'
check "lc-lose-won-409" is 409 "$(api sales POST /api/v1/proposals/PR6/lose)"
check "lc-lose-won-message" is '{"error":"proposal '"'"'PR6'"'"' is won: only a proposal in draft or review can be lost","code":"error.lose_status","params":["PR6","won"],"message":"proposal '"'"'PR6'"'"' is won: only a proposal in draft or review can be lost"}' "$(cat "$WORK/body")"
check "lc-override-won-409" is 409 "$(api executive POST /api/v1/proposals/PR6/override '{"reason":"again"}')"
check "lc-win-unknown-404" is 404 "$(api sales POST /api/v1/proposals/PR99/win)"
check "lc-proposal-page-override" is 200 "$(status viewer GET '/proposals/PR6?lang=en')"
check "lc-proposal-page-override-by" has "$WORK/body" 'Gate overridden by</strong> 김대표 (executive) · 2026-05-01 18:00:00'
check "lc-proposal-page-override-reason-escaped" has "$WORK/body" '전략 고객, 야간 인력은 본사 지원 &lt;b&gt;'
check "lc-proposal-page-override-badge" has "$WORK/body" '<span class="badge warn">overridden</span>'
check "lc-proposals-list-override" is 200 "$(status viewer GET '/proposals?lang=en')"
check "lc-proposals-list-link" has "$WORK/body" '<a href="/proposals/PR6">PR6</a>'
check "lc-proposals-list-reason" has "$WORK/body" '전략 고객, 야간 인력은 본사 지원 &lt;b&gt;'
# the proposals list is an html_table: chosen by status and gate, sorted, found
proposal_list() { grep -o '<tr><th scope="row"><a href="/proposals/[^"]*"' "$WORK/body" | sed 's|.*/proposals/||; s|"||' | tr '\n' ' '; }
check "lc-proposals-table-rows" is "PR1 PR2 PR3 PR4 PR5 PR6 " "$(proposal_list)"
check "lc-proposals-table-row-exact" has "$WORK/body" '<tr><th scope="row"><a href="/proposals/PR6">PR6</a></th><td>델타 유통</td><td>델타 야간</td><td>sales</td><td>won</td><td>infeasible</td><td><span class="badge warn">overridden</span> <span class="muted small">전략 고객, 야간 인력은 본사 지원 &lt;b&gt;</span></td></tr>'
check "lc-proposals-table-won-200" is 200 "$(status viewer GET '/proposals?lang=en&f_status=won')"
check "lc-proposals-table-won" is "PR1 PR2 PR4 PR6 " "$(proposal_list)"
check "lc-proposals-table-gate-closed-200" is 200 "$(status viewer GET '/proposals?lang=en&f_gate=closed')"
check "lc-proposals-table-gate-closed" is "PR3 PR5 " "$(proposal_list)"
check "lc-proposals-table-sort-200" is 200 "$(status viewer GET '/proposals?lang=en&sort=client&dir=desc')"
check "lc-proposals-table-sort-client-desc" is "PR1 PR5 PR2 PR4 PR6 PR3 " "$(proposal_list)"
check "lc-proposals-table-search-200" is 200 "$(status viewer GET '/proposals?lang=en&q=%EC%B1%84%ED%8C%85')"
check "lc-proposals-table-search" is "PR2 PR5 " "$(proposal_list)"
check "lc-proposals-table-ko-200" is 200 "$(status viewer GET '/proposals?lang=ko&f_status=draft')"
check "lc-proposals-table-ko-status" has "$WORK/body" '<td>운영</td><td>초안</td><td>검토 없음</td>'
check "lc-proposals-table-ko-choice" has "$WORK/body" '<option value="draft" selected>초안</option>'


# Reviews: by operations, of a person of an operations unit; draft → review.
check "lc-review-sales-403" is 403 "$(api sales POST /api/v1/proposals/PR5/review '{"reviewer":"P-O1","verdict":"feasible"}')"
# A review is written as the account's person (SPEC §2): naming another is refused.
check "lc-review-as-other-person-403" is 403 "$(api operations POST /api/v1/proposals/PR5/review '{"reviewed_on":"2026-01-22","reviewer":"P-S1","verdict":"feasible"}')"
check "lc-review-as-other-person-message" is '{"error":"policy.not_self","message":"You may rate or review only as yourself","field":"reviewer","code":"policy.not_self","params":[]}' "$(cat "$WORK/body")"
check "lc-review-bad-fields-422" is 422 "$(api operations POST /api/v1/proposals/PR5/review '{"reviewed_on":"2026-13-01","verdict":"maybe","predicted_attainment":1.2}')"
# Every problem of the review as data, each about its column (issue 15: the
# shape of a refused record write; "error" is the first one's text).
check "lc-review-bad-fields-message" has "$WORK/body" '"problems":[{"row":null,"column":"reviewed_on","code":"error.bad_date","params":["2026-13-01","reviewed_on"],"message":"bad date '"'"'2026-13-01'"'"' for reviewed_on (expected YYYY-MM-DD, a day that exists)"},{"row":null,"column":"verdict","code":"error.unknown_ref_expected","params":["verdict","maybe","feasible, conditional or infeasible"],"message":"unknown verdict '"'"'maybe'"'"' (expected feasible, conditional or infeasible)"},{"row":null,"column":"predicted_attainment","code":"error.attainment_range","params":["1.2"],"message":"predicted_attainment '"'"'1.2'"'"' is not between 0 and 1"}]}'
check "lc-review-bad-fields-first" has "$WORK/body" '{"error":"bad date '"'"'2026-13-01'"'"' for reviewed_on (expected YYYY-MM-DD, a day that exists)","field":"reviewed_on","code":"error.bad_date",'

check "lc-review-201" is 201 "$(api operations POST /api/v1/proposals/PR5/review '{"reviewed_on":"2026-01-22","verdict":"conditional","predicted_attainment":0.92,"risk_tier":"low","required_ramp_days":20,"conditions":"채팅 솔루션 선도입"}')"
check "lc-review-moves-to-review" has "$WORK/body" '"status":"review","gate_open":true,"reviews":[{"reviewed_on":"2026-01-22","reviewer":"P-O1","reviewer_name":"박운영","verdict":"conditional","predicted_attainment":0.92,"risk_tier":"low","required_ramp_days":20,"conditions":"채팅 솔루션 선도입"}]'
check "lc-review-same-day-422" is 422 "$(api operations POST /api/v1/proposals/PR5/review '{"reviewed_on":"2026-01-22","verdict":"feasible"}')"
check "lc-win-after-review-200" is 200 "$(api sales POST /api/v1/proposals/PR5/win)"
check "lc-review-after-win-409" is 409 "$(api operations POST /api/v1/proposals/PR5/review '{"reviewed_on":"2026-01-23","verdict":"feasible"}')"
check "lc-list-won" is 200 "$(api viewer GET '/api/v1/proposals?status=won')"
check "lc-list-won-ids" is "PR1 PR2 PR4 PR5 PR6" "$(grep -o '"id":"PR[0-9]*"' "$WORK/body" | sed 's/"id":"\(.*\)"/\1/' | tr '\n' ' ' | sed 's/ $//')"
check "lc-list-bad-status-400" is 400 "$(api viewer GET '/api/v1/proposals?status=maybe')"

# The same through the pages' forms.
check "lc-page-win-refused-409" is 409 "$(form sales /proposals/PR3/win x=1)"
check "lc-page-win-refused-message" has "$WORK/body" 'proposal &#39;PR3&#39; cannot be won without a feasible or conditional feasibility review'
check "lc-page-override-operations-403" is 403 "$(form operations /proposals/PR3/override reason=x)"
check "lc-page-override-blank-422" is 422 "$(form executive /proposals/PR3/override reason=' ')"
check "lc-page-override-303" is 303 "$(form executive /proposals/PR3/override reason='board decision')"
check "lc-page-win-303" is 303 "$(form sales /proposals/PR3/win x=1)"
check "lc-page-won" is 200 "$(api viewer GET /api/v1/proposals/PR3)"
check "lc-page-won-status" has "$WORK/body" '"status":"won"'
check "lc-page-draft-201" is 201 "$(api sales POST /api/v1/records/proposals '{"id":"PR8","client_id":"C2","origin":"sales","title":"x","proposed_on":"2026-02-01","status":"draft"}')"
check "lc-page-review-303" is 303 "$(form operations /proposals/PR8/review reviewed_on=2026-02-01 reviewer=P-O1 verdict=feasible)"
check "lc-page-review-missing-404" is 404 "$(form operations /proposals/PR99/review reviewed_on=2026-02-01 reviewer=P-O1 verdict=feasible)"
check "lc-audit-chain-intact" "$TANDEM" audit verify --db "$DB"

echo "1..$_n"
