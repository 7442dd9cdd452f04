#!/bin/sh
# CLI scenarios for the account lifecycle (issue 4) on the hand-made company
# of tests/data/lifecycle/company: the proposal gate and its override with
# the audit trail, promise vs delivery, each alert on both sides of its
# boundary date, the growth cycle, the referral tree and the track record.
# Expected outputs are in tests/data/lifecycle/expected.
. "$(dirname "$0")/lib.sh"

EXP=$DATA/lifecycle/expected
# LC_REGEN=1 rewrites the expected files from this run: review the diff.
if [ "${LC_REGEN:-}" = 1 ]; then
	same() { cp "$2" "$1"; }
fi
export TANDEM_NOW=2026-05-01T09:00:00Z USER=tester LANG=C LC_ALL=C
# The audit actor is the operating-system user (getuid), whatever $USER says;
# the expected files name it "cli:tester", so outputs are compared with the
# real name put back (as_tester).
ME=$(id -un)
export ME
as_tester() { sed -e "s/cli:$ME\([^A-Za-z0-9._-]\)/cli:tester\1/g" -e "s/cli:$ME\$/cli:tester/" "$1" > "$1.tmp" && mv "$1.tmp" "$1"; }
unset TANDEM_DB

check "lc-init" "$TANDEM" init
check "lc-import-company" "$TANDEM" import "$DATA/lifecycle/company"

# --- the gate -------------------------------------------------------------
"$TANDEM" proposal list > lc-proposal-list.out
check "lc-proposal-list" same "$EXP/proposal-list.txt" lc-proposal-list.out
check "lc-gate-refuses-win-without-review" status_is 1 "$TANDEM" proposal win PR5 --as sales
check "lc-gate-refusal-message" sh -c '"$TANDEM" proposal win PR5 --as sales 2>&1 | grep -qx "tandem: proposal .PR5. cannot be won without a feasible or conditional feasibility review (or an executive.s override)"'
check "lc-gate-refuses-infeasible-review" status_is 1 "$TANDEM" proposal win PR6 --as sales
check "lc-gate-pr6-still-review" sh -c '"$TANDEM" proposal show PR6 | grep -qx "  status        review"'
check "lc-override-refused-for-sales" status_is 1 "$TANDEM" proposal override PR6 --reason "전략 고객" --as sales
check "lc-override-refused-for-admin" status_is 1 "$TANDEM" proposal override PR6 --reason "전략 고객"
check "lc-override-refused-without-reason" status_is 1 "$TANDEM" proposal override PR6 --as executive
check "lc-override-refused-blank-reason" status_is 1 "$TANDEM" proposal override PR6 --reason "   " --as executive
check "lc-override-refused-message" sh -c '"$TANDEM" proposal override PR6 --as executive 2>&1 | grep -qx "tandem: an override of proposal .PR6. needs a written reason"'
check "lc-no-override-in-audit-yet" sh -c '! "$TANDEM" audit list --entity proposals | grep -q override'
check "lc-override-by-executive" "$TANDEM" proposal override PR6 --reason "전략 고객, 야간 인력은 본사 지원" --as executive
check "lc-override-in-audit" sh -c '"$TANDEM" audit list --entity proposals | grep "	override	proposals	PR6	" | grep -q "\"reason\":\"전략 고객, 야간 인력은 본사 지원\",\"role\":\"executive\""'
check "lc-win-refused-for-operations" status_is 1 "$TANDEM" proposal win PR6 --as operations
check "lc-win-after-override" "$TANDEM" proposal win PR6 --as sales
check "lc-win-audited-with-gate" sh -c '"$TANDEM" audit list --entity proposals | grep "	win	proposals	PR6	" | grep -q "\"gate\":\"override\""'
"$TANDEM" proposal show PR6 > lc-proposal-show-override.out
as_tester lc-proposal-show-override.out
check "lc-proposal-show-override" same "$EXP/proposal-show-PR6.txt" lc-proposal-show-override.out
"$TANDEM" proposal show PR6 --format json > lc-proposal-show-json.out
as_tester lc-proposal-show-json.out
check "lc-proposal-show-json" same "$EXP/proposal-show-PR6.json" lc-proposal-show-json.out
check "lc-lose-after-won-refused" status_is 1 "$TANDEM" proposal lose PR6
check "lc-unknown-proposal" status_is 1 "$TANDEM" proposal win PR99
check "lc-audit-chain-intact" "$TANDEM" audit verify

# Reviews: only by a person of an operations unit, acting as operations.
check "lc-review-by-sales-person-refused" status_is 1 "$TANDEM" proposal review PR5 --reviewer P-S1 --verdict feasible --as operations
check "lc-review-as-sales-refused" status_is 1 "$TANDEM" proposal review PR5 --reviewer P-O1 --verdict feasible --as sales
check "lc-review-bad-fields" sh -c '"$TANDEM" proposal review PR5 --reviewer P-O1 --verdict maybe --predicted 1.2 --on 2026-13-01 --as operations 2>&1 | grep -qx "tandem: bad date .2026-13-01. for reviewed_on (expected YYYY-MM-DD, a day that exists); unknown verdict .maybe. (expected feasible, conditional or infeasible); predicted_attainment .1.2. is not between 0 and 1"'
check "lc-review-recorded" "$TANDEM" proposal review PR5 --reviewer P-O1 --verdict conditional --predicted 0.92 --on 2026-01-22 --risk low --ramp-days 20 --conditions "채팅 솔루션 선도입" --as operations
check "lc-review-moves-draft-to-review" sh -c '"$TANDEM" proposal show PR5 | grep -qx "  status        review"'
check "lc-review-twice-same-day-refused" status_is 1 "$TANDEM" proposal review PR5 --reviewer P-O1 --verdict feasible --on 2026-01-22 --as operations
check "lc-win-after-review" "$TANDEM" proposal win PR5 --as sales
check "lc-review-after-win-refused" status_is 1 "$TANDEM" proposal review PR5 --reviewer P-O1 --verdict feasible --on 2026-01-23 --as operations
mkdir draft
printf 'id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value,status\nPR8,C2,,sales,x,,2026-02-01,,draft\n' > draft/proposals.csv
check "lc-import-draft" "$TANDEM" import draft
check "lc-lose" "$TANDEM" proposal lose PR8 --as sales
check "lc-lost-status" sh -c '"$TANDEM" proposal list --status lost | grep -q "^PR8 .*lost"'
check "lc-lose-won-refused" status_is 1 "$TANDEM" proposal lose PR4 --as executive

# The importer obeys the same gate.
mkdir gate
printf 'id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value,status\nPR9,C1,,sales,x,,2026-01-01,,won\n' > gate/proposals.csv
check "lc-import-gate" sh -c '"$TANDEM" import gate 2>&1 | grep -qx "gate/proposals.csv:2:9: proposal .PR9. cannot be won without a feasible or conditional feasibility review (or an executive.s override)"'

# --- promise vs delivery --------------------------------------------------
"$TANDEM" promises --year 2025 > lc-promises-2025-text.out
check "lc-promises-2025-text" same "$EXP/promises-2025.txt" lc-promises-2025-text.out
"$TANDEM" promises --year 2026 --format csv > lc-promises-2026-csv.out
check "lc-promises-2026-csv" same "$EXP/promises-2026.csv" lc-promises-2026-csv.out
# PR3 won through an override: it shows in the report with the override.
check "lc-override-pr3" "$TANDEM" proposal override PR3 --reason "전략 고객" --as executive
check "lc-win-pr3" "$TANDEM" proposal win PR3 --as sales
"$TANDEM" promises --year 2026 --format csv > lc-promises-2026-after-override.out
as_tester lc-promises-2026-after-override.out
check "lc-promises-2026-after-override" same "$EXP/promises-2026-override.csv" lc-promises-2026-after-override.out
"$TANDEM" promises --year 2026 --format json > lc-promises-2026-json.out
as_tester lc-promises-2026-json.out
check "lc-promises-2026-json" same "$EXP/promises-2026.json" lc-promises-2026-json.out
check "lc-promises-text-shows-override" sh -c '"$TANDEM" promises --year 2026 | grep -q "gate override: cli:$ME, .*, \"전략 고객\""'
check "lc-promises-korean" sh -c '"$TANDEM" --lang ko promises --year 2026 | head -1 | grep -qx "약속 대비 실적, 2026"'

# --- alerts on both sides of each boundary --------------------------------
alerts_on() {
	"$TANDEM" alerts --as-of "$1" | sed -n 's/^\(K[0-9]*\) \[\([a-z_]*\)\].*/\1 \2/p' | tr '\n' ';'
}
expect_alerts() {
	got=$(alerts_on "$1")
	[ "$got" = "$2" ] || { echo "as of $1: got '$got', expected '$2'"; return 1; }
}
check "lc-alert-overdue-before"   expect_alerts 2025-08-31 "K2 sla_missed;"
check "lc-alert-overdue-after"    expect_alerts 2025-09-01 "K2 stabilization_overdue;K2 sla_missed;"
check "lc-alert-renewal-before"   expect_alerts 2025-12-30 ""
check "lc-alert-renewal-from"     expect_alerts 2025-12-31 "K5 renewal_at_risk;"
check "lc-alert-renewal-due-day"  expect_alerts 2026-03-31 "K5 renewal_at_risk;"
check "lc-alert-renewal-after"    expect_alerts 2026-04-01 ""
check "lc-alert-readiness-before" expect_alerts 2026-02-15 "K5 renewal_at_risk;"
check "lc-alert-readiness-from"   expect_alerts 2026-02-16 "K3 readiness_open;K5 renewal_at_risk;"
check "lc-alert-readiness-go-live" expect_alerts 2026-03-02 "K3 readiness_open;K5 renewal_at_risk;"
check "lc-alert-readiness-after"  expect_alerts 2026-03-03 "K5 renewal_at_risk;"
check "lc-alert-sla-before"       expect_alerts 2026-04-30 ""
check "lc-alert-sla-after"        expect_alerts 2026-05-01 "K1 sla_missed;"
"$TANDEM" alerts --as-of 2025-09-01 > lc-alerts-text.out
check "lc-alerts-text" same "$EXP/alerts-2025-09-01.txt" lc-alerts-text.out
"$TANDEM" alerts --as-of 2026-02-16 --format json > lc-alerts-json.out
check "lc-alerts-json" same "$EXP/alerts-2026-02-16.json" lc-alerts-json.out
check "lc-alerts-default-today" sh -c '"$TANDEM" alerts | head -1 | grep -qx "Alerts as of 2026-05-01: 1"'
# A stricter model: readiness 20 days before go-live.
"$TANDEM" model show default 2>/dev/null | sed 's/"readiness_days_before_go_live": 14/"readiness_days_before_go_live": 20/' > strict.json
check "lc-alert-threshold-from-model" sh -c '"$TANDEM" alerts --as-of 2026-02-10 --model strict.json | grep -q "^K3 \[readiness_open\]"'
check "lc-alert-threshold-default" sh -c '! "$TANDEM" alerts --as-of 2026-02-10 | grep -q readiness_open'

# --- the growth cycle and the referral tree --------------------------------
"$TANDEM" cycle --from 2025 --to 2026 > lc-cycle-text.out
check "lc-cycle-text" same "$EXP/cycle.txt" lc-cycle-text.out
"$TANDEM" cycle --from 2025 --to 2026 --format csv > lc-cycle-csv.out
check "lc-cycle-csv" same "$EXP/cycle.csv" lc-cycle-csv.out
"$TANDEM" cycle --from 2025 --to 2026 --format json > lc-cycle-json.out
check "lc-cycle-json" same "$EXP/cycle.json" lc-cycle-json.out
"$TANDEM" cycle --referrals > lc-referrals-text.out
check "lc-referrals-text" same "$EXP/referrals.txt" lc-referrals-text.out
"$TANDEM" cycle --referrals --format json > lc-referrals-json.out
check "lc-referrals-json" same "$EXP/referrals.json" lc-referrals-json.out

# --- the track record --------------------------------------------------------
"$TANDEM" track-record --year 2025 > lc-track-record-text.out
check "lc-track-record-text" same "$EXP/track-record-2025.txt" lc-track-record-text.out
"$TANDEM" track-record --year 2026 --format json > lc-track-record-json.out
check "lc-track-record-json" same "$EXP/track-record-2026.json" lc-track-record-json.out
"$TANDEM" track-record --year 2025 --format html > tr.html
check "lc-track-record-html-chart" grep -q "<svg" tr.html
check "lc-track-record-anonymous" sh -c '! grep -E "알파|베타|감마|델타|김대표|박운영|최운영|이영업|정영업|C[0-9]|K[0-9]|P-" tr.html'

# --- usage errors --------------------------------------------------------------
check "lc-usage-promises-no-year" status_is 2 "$TANDEM" promises
check "lc-usage-alerts-bad-date" status_is 2 "$TANDEM" alerts --as-of 2026-02-30
check "lc-usage-cycle-backwards" status_is 2 "$TANDEM" cycle --from 2026 --to 2025
check "lc-usage-track-record-format" status_is 2 "$TANDEM" track-record --year 2025 --format xlsx
check "lc-usage-proposal-role" status_is 2 "$TANDEM" proposal win PR1 --as boss
check "lc-usage-proposal-sub" status_is 2 "$TANDEM" proposal approve PR1
check "lc-help" sh -c '"$TANDEM" proposal --help | grep -q "administrator.s tool"'
