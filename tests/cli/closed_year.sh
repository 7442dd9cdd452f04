#!/bin/sh
# SPDX-License-Identifier: MIT
# Closed years (issue 16 item 5, SPEC §2): after `freeze --year 2025`,
# evidence dated in 2025 changes only as a correction with a reason;
# re-importing rows unchanged needs none; other years are open; verify
# keeps the frozen bytes, prints the audit head at the freeze and names the
# corrections made since. (The HTTP side: tests/http/closed_year.sh.)
. "$(dirname "$0")/lib.sh"

check "closed-init" "$TANDEM" init
check "closed-import" "$TANDEM" import "$DATA/small"
"$TANDEM" score --year 2025 --format csv > before.csv
"$TANDEM" freeze --year 2025 > freeze.out
check "closed-freeze-prints-head" grep -Eq '^audit head: [0-9]+:[0-9a-f]{64} \(record it' freeze.out
check "closed-reimport-unchanged-ok" "$TANDEM" import "$DATA/small"

mkdir rating
printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK1,2025-03-20,P-O1,1,3\n' > rating/manual_ratings.csv
check "closed-change-refused-exit-1" status_is 1 "$TANDEM" import rating
"$TANDEM" import rating > rating.out 2>&1
check "closed-change-message" grep -q 'manual_ratings.csv:2:2: 2025 is a closed year (its results were frozen): its evidence changes only through an executive.s correction with a reason' rating.out
check "closed-change-nothing-written" sh -c '"$TANDEM" export --out ex >/dev/null && grep -q "^K1,2025-03-20,P-O1,4,3$" ex/manual_ratings.csv'

mkdir newrow
printf 'contract_id,date,kind,added_annual_value\nK1,2025-12-01,scope,1000\n' > newrow/expansions.csv
check "closed-new-row-refused" status_is 1 "$TANDEM" import newrow
printf 'contract_id,date,kind,added_annual_value\nK1,2026-12-01,scope,1000\n' > newrow/expansions.csv
check "closed-other-year-open" "$TANDEM" import newrow

# Moving a record out of the closed year is a change to it too.
mkdir move
printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK1,2025-03-20,P-O1,4,3\n' > move/manual_ratings.csv
printf 'id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value,status\nPR2,C1,K1,operations,채팅 상담 추가,채팅상담,2026-01-02,300000000,won\n' > move/proposals.csv
check "closed-move-out-refused" status_is 1 "$TANDEM" import move

mkdir meas
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-03-15,800,1000\nK1,SL,2025-03-16,850,1000\n' > meas/measurements.csv
check "closed-measurements-unchanged-ok" "$TANDEM" import meas
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-03-15,800,1000\nK1,SL,2025-03-16,999,1000\n' > meas/measurements.csv
check "closed-measurement-changed-refused" status_is 1 "$TANDEM" import meas
"$TANDEM" import meas > meas.out 2>&1
check "closed-measurement-names-line" grep -q '^meas/measurements.csv:3:3: 2025 is a closed year' meas.out
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-03-17,900,1000\n' > meas/measurements.csv
check "closed-measurement-new-day-refused" status_is 1 "$TANDEM" import meas
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2026-03-17,900,1000\n' > meas/measurements.csv
check "closed-measurement-other-year-ok" "$TANDEM" import meas

# The correction.
check "closed-correction-needs-reason" status_is 2 "$TANDEM" import --correction ' ' rating
check "closed-correction" "$TANDEM" import --correction "manual re-rated after the audit of 2026-01" rating
"$TANDEM" audit list --limit 5 > audit.out
check "closed-correction-audited" grep -q '	correction	manual_ratings	2025	-	{"reason":"manual re-rated after the audit of 2026-01","rows":1,"keys":\["K1/2025-03-20/P-O1"\]}' audit.out
check "closed-correction-before-after" grep -q '	replace	manual_ratings	K1/2025-03-20/P-O1	{.*"concreteness":4' audit.out
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-03-16,999,1000\n' > meas/measurements.csv
check "closed-measurement-correction" "$TANDEM" import --correction "feed fixed" meas
check "closed-measurement-correction-audited" sh -c '"$TANDEM" audit list --limit 5 | grep -q "	correction	measurements	2025	-	{\"reason\":\"feed fixed\",\"rows\":1,\"keys\":\[\"K1/SL/2025-03\"\]}"'

# verify: the frozen bytes stay, the corrections are named.
"$TANDEM" score --year 2025 --frozen --format csv > frozen.csv
check "closed-frozen-bytes-kept" same before.csv frozen.csv
"$TANDEM" verify --year 2025 > verify.out
check "closed-verify-exit-1" status_is 1 "$TANDEM" verify --year 2025
check "closed-verify-head" grep -Eq '^audit:   head [0-9]+:[0-9a-f]{64} at the freeze$' verify.out
check "closed-verify-counts-corrections" grep -q '^corrections of 2025 since the freeze: 2$' verify.out
check "closed-verify-names-reason" grep -q 'manual_ratings: {"reason":"manual re-rated after the audit of 2026-01"' verify.out
check "closed-verify-names-feed" grep -q 'measurements: {"reason":"feed fixed"' verify.out
check "closed-other-year-verify-none" sh -c '"$TANDEM" freeze --year 2026 >/dev/null && "$TANDEM" verify --year 2026 | grep -q "^corrections of 2026 since the freeze: 0$"'
check "closed-audit-intact" "$TANDEM" audit verify
# The frozen year's report carries the anchor its freeze printed.
head=$(sed -n 's/^audit head: \([0-9]*:[0-9a-f]*\) .*/\1/p' freeze.out)
"$TANDEM" report --year 2025 --out r2025.html > /dev/null
check "closed-report-names-audit-head" grep -q "frozen; audit head <code class=\"audit-head\">$head</code>" r2025.html
"$TANDEM" report --year 2027 --out r2027.html > /dev/null
check "closed-report-open-year-no-head" sh -c '! grep -q audit-head r2027.html'
