#!/bin/sh
# Forms for people: amounts typed with separators or Korean units are read
# in forms (never in CSV files), every problem is shown at once beside its
# field with what was typed kept, a saved record opens on its own page, the
# proposals page offers "New proposal", and "Mark won" is disabled, with the
# reason beside it, while the gate is shut.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin sales viewer operations; do login "$r" || exit 1; done
base="client_id=C1 service_line=x signed_on=2025-01-10 risk_tier=low sales_owner=P-S1 ops_owner=P-O1 planned_ramp_days=30 planned_stabilization_months=3"

# --- Korean units and separators, in forms only -------------------------------
check "forms-korean-units-303" is 303 "$(form admin /records/contracts id=KU1 'annual_value=4억5천만' $base)"
check "forms-korean-units-value" is 200 "$(api admin GET /api/v1/records/contracts/KU1)"
check "forms-korean-units-450000000" has "$WORK/body" '"annual_value":450000000'
check "forms-separators-303" is 303 "$(form admin /records/contracts id=KU2 'annual_value=450,000,000' $base)"
check "forms-separators-value" is 200 "$(api admin GET /api/v1/records/contracts/KU2)"
check "forms-separators-450000000" has "$WORK/body" '"annual_value":450000000'
check "forms-colloquial-303" is 303 "$(form admin /records/contracts id=KU3 'annual_value=4억5천' $base)"
check "forms-colloquial-value" is 200 "$(api admin GET /api/v1/records/contracts/KU3)"
check "forms-colloquial-450000000" has "$WORK/body" '"annual_value":450000000'
mkdir -p "$WORK/strict"
printf 'id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id\nKS1,C1,x,2025-01-10,,,,,"450,000,000",low,P-S1,P-O1,30,3,,\n' > "$WORK/strict/contracts.csv"
check "forms-csv-stays-strict" sh -c "! '$TANDEM' import --db '$DB' '$WORK/strict' 2> '$WORK/strict.err' && grep -q \"bad number '450,000,000' for annual_value\" '$WORK/strict.err'"

# --- every error at once, beside its field, input kept ------------------------
check "forms-errors-422" is 422 "$(form admin '/records/contracts?lang=ko' id=KU9 'annual_value=4억5천마' signed_on=2025-02-30 client_id=C1 service_line=x risk_tier=low sales_owner=P-S1 ops_owner=P-O1)"
check "forms-errors-value-field" has "$WORK/body" '<p class="field-error" id="f-annual_value-err">연간 계약금액에 잘못된 숫자 &#39;4억5천마&#39;'
check "forms-errors-date-field" has "$WORK/body" '<p class="field-error" id="f-signed_on-err">계약 체결일에 잘못된 날짜 &#39;2025-02-30&#39;'
check "forms-errors-input-kept" has "$WORK/body" 'name="annual_value" type="text" value="4억5천마"'
check "forms-errors-other-input-kept" has "$WORK/body" 'name="id" type="text" value="KU9"'
check "forms-errors-nothing-saved" is 404 "$(api admin GET /api/v1/records/contracts/KU9)"
check "forms-no-key-all-errors-422" is 422 "$(form admin '/records/contracts?lang=en' 'annual_value=abc' client_id=C1)"
check "forms-no-key-id-error" has "$WORK/body" 'id="f-id-err">id is required'
check "forms-no-key-value-error" has "$WORK/body" 'id="f-annual_value-err">bad number &#39;abc&#39; for annual_value'

# --- a saved record opens on its own page ---------------------------------------
curl -s -o "$WORK/body" -D "$WORK/headers" -b "$WORK/admin.jar" --data-urlencode "csrf=$(cat "$WORK/admin.csrf")" \
	--data-urlencode id=C1 --data-urlencode 'name=가나 통신' --data-urlencode industry=telecom "$URL/records/clients/edit/C1" > /dev/null
check "forms-edit-redirects-to-record" sh -c "grep -qi '^location: /records/clients/edit/C1?saved=1' '$WORK/headers'"
check "forms-edit-record-page" is 200 "$(status admin GET '/records/clients/edit/C1?saved=1&lang=en')"
check "forms-edit-record-page-saved" has "$WORK/body" '<p class="notice ok" role="status">The record was saved.</p>'
curl -s -o "$WORK/body" -D "$WORK/headers" -b "$WORK/admin.jar" --data-urlencode "csrf=$(cat "$WORK/admin.csrf")" \
	--data-urlencode id=KU4 --data-urlencode annual_value=1000 $(for kv in $base; do printf -- '--data-urlencode %s ' "$kv"; done) "$URL/records/contracts" > /dev/null
check "forms-create-redirects-to-contract" sh -c "grep -qi '^location: /contracts/KU4?saved=1' '$WORK/headers'"

# --- proposals: New proposal, Mark won disabled while the gate is shut --------
check "forms-proposals-page-sales" is 200 "$(status sales GET '/proposals?lang=en')"
check "forms-new-proposal-button" has "$WORK/body" '<a class="button primary" id="new-proposal" href="/records/proposals/new">New proposal</a>'
check "forms-proposals-page-viewer" is 200 "$(status viewer GET /proposals)"
check "forms-no-new-proposal-for-viewer" hasnt "$WORK/body" 'id="new-proposal"'
api sales POST /api/v1/records/proposals '{"id":"PR6","client_id":"C1","origin":"sales","title":"x","proposed_on":"2026-02-01","status":"review"}' >/dev/null
check "forms-gate-shut-page" is 200 "$(status sales GET '/proposals/PR6?lang=en')"
check "forms-gate-shut-win-disabled" has "$WORK/body" '<button type="submit" disabled aria-describedby="gate-shut">Mark won</button>'
check "forms-gate-shut-says-why" has "$WORK/body" 'id="gate-shut"'
api operations POST /api/v1/proposals/PR6/review '{"reviewed_on":"2026-02-10","reviewer":"P-O1","verdict":"feasible","predicted_attainment":"0.9","risk_tier":"low","required_ramp_days":"20"}' >/dev/null
check "forms-gate-open-page" is 200 "$(status sales GET '/proposals/PR6?lang=en')"
check "forms-gate-open-win-primary" has "$WORK/body" '<button type="submit" class="primary">Mark won</button>'

# --- a refused review keeps what was typed ---------------------------------------
api sales POST /api/v1/records/proposals '{"id":"PR7","client_id":"C1","origin":"sales","title":"y","proposed_on":"2026-02-01","status":"review"}' >/dev/null
check "forms-review-refused" is 422 "$(form operations '/proposals/PR7/review?lang=en' reviewed_on=2026-02-11 reviewer=P-O1 verdict=conditional predicted_attainment=높음 conditions=교육-4주)"
check "forms-review-kept-attainment" has "$WORK/body" 'name="predicted_attainment" type="text" value="높음" inputmode="decimal" placeholder="0.95"'
check "forms-review-kept-conditions" has "$WORK/body" 'name="conditions" type="text" value="교육-4주"'
check "forms-review-kept-verdict" has "$WORK/body" '<option value="conditional" selected>'

# --- readiness items done after go-live are marked --------------------------------
check "forms-late-item-201" is 201 "$(api admin POST /api/v1/records/readiness '{"contract_id":"K1","item":"LATE-1","category":"infra","required":"1","done_on":"2025-04-01"}')"
check "forms-late-item-page" is 200 "$(status viewer GET '/contracts/K1?lang=en')"
check "forms-late-item-marked" has "$WORK/body" '<li class="late"><span aria-hidden="true">!</span> LATE-1 <span class="muted">2025-04-01</span> <span class="badge warn">done after go-live</span>'
check "forms-on-time-item-not-marked" has "$WORK/body" '<li class="done"><span aria-hidden="true">✓</span> ITEM-A'
check "forms-late-item-count" has "$WORK/body" '<p class="muted" id="readiness-count">4 / 5 · 2 done after go-live (not counted for readiness)</p>'
check "forms-late-item-data-marked" has "$WORK/body" '<li class="late"><span aria-hidden="true">!</span> 상담 시스템'

# --- the evidence page: a ratio as a percentage, the scoring in words -------------
check "forms-evidence-page" is 200 "$(status viewer GET '/evidence/K1/sales/S1.1?year=2025&lang=en')"
check "forms-evidence-ratio-percent" has "$WORK/body" '<span class="tile-score" id="criterion-value">0.5000</span><span class="tile-sub" id="criterion-percent">= 50.0%</span>'
check "forms-evidence-scoring-words" has "$WORK/body" '<td>0 points at 50% or less, 100 at 100% or more, in proportion between</td>'
check "forms-evidence-page-ko" is 200 "$(status viewer GET '/evidence/K1/sales/S1.1?year=2025&lang=ko')"
check "forms-evidence-scoring-words-ko" has "$WORK/body" '50% 이하 0점, 100% 이상 100점, 그 사이는 비례'
check "forms-evidence-explain-ko" has "$WORK/body" '- 운영 준비 상담 시스템, 완료일 2025-03-20: 미반영 (운영 개시 후 완료)'

# --- amounts: separators, and 억/만 for Korean readers -------------------------------
check "forms-money-ko" is 200 "$(status viewer GET '/contracts/KU1?lang=ko')"
check "forms-money-ko-units" has "$WORK/body" '450,000,000 <span class="muted small">(4억 5,000만원)</span>'
check "forms-money-en" is 200 "$(status viewer GET '/contracts/KU1?lang=en')"
check "forms-money-en-plain" has "$WORK/body" '<dd>450,000,000</dd>'
check "forms-money-proposal-ko" is 200 "$(status viewer GET '/proposals/PR6?lang=ko')"
check "forms-money-proposal-ko-none" has "$WORK/body" '<dt>연간 계약금액</dt><dd>—</dd>'
check "forms-money-k1-ko" is 200 "$(status viewer GET '/contracts/K1?lang=ko')"
check "forms-money-k1-ko-units" has "$WORK/body" '1,200,000,000 <span class="muted small">(12억원)</span>'
check "forms-money-k2-ko" is 200 "$(status viewer GET '/contracts/K2?lang=ko')"
check "forms-money-k2-ko-units" has "$WORK/body" '300,000,000.5 <span class="muted small">(3억원)</span>'
