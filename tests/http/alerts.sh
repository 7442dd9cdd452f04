#!/bin/sh
# The alerts page: every early warning on a date, one row a contract with
# all the rules it trips, filtered by owner and rule; honest empty states;
# the dashboard shows the same rules (a contract without SLA metrics is never
# "not stabilized"). Today is 2026-11-26.
. "$(dirname "$0")/lib.sh"
export TANDEM_NOW=2026-11-26T09:00:00Z

# --- the demo company: many alerts, some contracts with several rules ---------
"$TANDEM" demo --no-serve --db "$DB" >/dev/null 2>&1 || exit 1
echo "password-viewer" | "$TANDEM" user add viewer --role viewer --password-stdin --db "$DB" >/dev/null || exit 1
start_server --quiet || exit 1
login viewer || exit 1

check "alerts-page-200" is 200 "$(status viewer GET '/alerts?year=2025&lang=en')"
grep -o '<tr><td><a href="/contracts/[^"]*"' "$WORK/body" | sort > "$WORK/rows"
check "alerts-page-has-rows" test -s "$WORK/rows"
check "alerts-one-row-a-contract" is "" "$(uniq -d "$WORK/rows")"
check "alerts-api-200" is 200 "$(api viewer GET '/api/v1/alerts?as_of=2025-12-31')"
n_alerts=$(grep -o '"rule":' "$WORK/body" | wc -l)
n_rows=$(wc -l < "$WORK/rows")
check "alerts-grouped-fewer-rows-than-alerts" test "$n_rows" -lt "$n_alerts"
status viewer GET '/alerts?year=2025&lang=en' >/dev/null
check "alerts-count-line" has "$WORK/body" "<p class=\"muted small\" id=\"alerts-count\">Contracts with alerts on 2025-12-31: $n_rows.</p>"
check "alerts-nav-link" has "$WORK/body" '<li><a href="/alerts" aria-current="page">Alerts</a></li>'

check "alerts-rule-filter-200" is 200 "$(status viewer GET '/alerts?year=2025&rule=sla_missed&lang=en')"
check "alerts-rule-filter-only-sla" is "" "$(grep -o 'badge warn">[^<]*' "$WORK/body" | sort -u | grep -v 'SLA missed months running')"
check "alerts-rule-filter-some" has "$WORK/body" 'badge warn">SLA missed months running'
check "alerts-rule-filter-selected" has "$WORK/body" '<option value="sla_missed" selected>'

owner=$(grep -o '<option value="P[^"]*">[^<]*' "$WORK/body" | head -1)
owner_id=$(printf '%s' "$owner" | sed 's/<option value="\([^"]*\)".*/\1/')
owner_name=$(printf '%s' "$owner" | sed 's/.*">//')
check "alerts-owner-filter-200" is 200 "$(status viewer GET "/alerts?year=2025&owner=$owner_id&lang=en")"
rows=$(grep -c '<tr><td><a href="/contracts/' "$WORK/body")
named=$(grep -o "Sales: $owner_name<br>\|Operations: $owner_name</td>" "$WORK/body" | wc -l)
check "alerts-owner-filter-rows-are-theirs" test "$named" -ge "$rows"
check "alerts-owner-filter-selected" has "$WORK/body" "<option value=\"$owner_id\" selected>"

check "alerts-owner-filter-empty-200" is 200 "$(status viewer GET '/alerts?year=2025&owner=NOPE&lang=en')"
check "alerts-owner-filter-empty-says" has "$WORK/body" '<p class="muted" id="alerts-empty">No alert on 2025-12-31 matches these filters.</p>'
check "alerts-empty-year-200" is 200 "$(status viewer GET '/alerts?year=1999&lang=en')"
check "alerts-empty-year-says" has "$WORK/body" '<p class="muted" id="alerts-empty">No contract was in force on 1999-12-31: there is nothing to watch.</p>'
check "alerts-empty-year-not-fine" hasnt "$WORK/body" 'on track'
check "alerts-empty-year-ko" is 200 "$(status viewer GET '/alerts?year=1999&lang=ko')"
check "alerts-empty-year-ko-says" has "$WORK/body" '1999-12-31 기준 유효한 계약이 없어 살펴볼 대상이 없습니다.'
check "alerts-dashboard-empty-year" is 200 "$(status viewer GET '/?year=1999&lang=en')"
check "alerts-dashboard-empty-year-says" has "$WORK/body" 'No contract was in force on 1999-12-31'
check "alerts-dashboard-empty-year-not-fine" hasnt "$WORK/body" 'every contract stabilized within plan'
check "alerts-bad-date-400" is 400 "$(status viewer GET '/alerts?as_of=2025-02-30&lang=en')"
check "alerts-dashboard-200" is 200 "$(status viewer GET '/?year=2025&lang=en')"
grep -o '<tr><td><a href="/contracts/[^"]*"' "$WORK/body" | sort > "$WORK/dash-rows"
check "alerts-dashboard-one-row-a-contract" is "" "$(uniq -d "$WORK/dash-rows")"
check "alerts-dashboard-same-rules" sh -c "comm -23 '$WORK/dash-rows' '$WORK/rows' | grep -q . && exit 1 || exit 0"
stop_server

# --- a contract without SLA metrics is not "not stabilized" ---------------------
make_store || exit 1
start_server --quiet || exit 1
login admin || exit 1
login viewer || exit 1
check "alerts-no-sla-contract-201" is 201 "$(api admin POST /api/v1/records/contracts '{"id":"K9","client_id":"C1","service_line":"x","signed_on":"2024-01-05","go_live_on":"2024-02-01","annual_value":"1000","risk_tier":"low","sales_owner":"P-S1","ops_owner":"P-O1","planned_ramp_days":"10","planned_stabilization_months":"2"}')"
check "alerts-no-sla-dashboard" is 200 "$(status viewer GET '/?year=2025&lang=en')"
check "alerts-no-sla-not-listed" hasnt "$WORK/body" '/contracts/K9'
check "alerts-no-sla-no-old-list" hasnt "$WORK/body" 'not stabilized after the planned months'
check "alerts-no-sla-page" is 200 "$(status viewer GET '/alerts?year=2025&lang=en')"
check "alerts-no-sla-page-not-listed" hasnt "$WORK/body" '/contracts/K9'

# --- acknowledging an alert with a note (audited) -----------------------------------
stop_server
"$TANDEM" demo --no-serve --db "$DB" >/dev/null 2>&1 || exit 1
echo "password-sales" | "$TANDEM" user add sales --role sales --password-stdin --db "$DB" >/dev/null || exit 1
echo "password-viewer" | "$TANDEM" user add viewer --role viewer --password-stdin --db "$DB" >/dev/null 2>&1
start_server --quiet || exit 1
login sales || exit 1
login viewer || exit 1
status sales GET '/alerts?year=2025&lang=en' >/dev/null
first=$(grep -o '<tr><td><a href="/contracts/[^"]*"' "$WORK/body" | head -1 | sed 's/.*contracts\/\([^"]*\)"/\1/')
rule=$(grep -o 'name="contract" value="'"$first"'"><input type="hidden" name="rule" value="[a-z_]*"' "$WORK/body" | head -1 | sed 's/.*value="\([a-z_]*\)"$/\1/')
check "alerts-ack-form-shown" test -n "$rule"
check "alerts-ack-viewer-no-form" is 200 "$(status viewer GET '/alerts?year=2025&lang=en')"
check "alerts-ack-viewer-no-form-body" hasnt "$WORK/body" 'action="/alerts/ack"'
check "alerts-ack-viewer-403" is 403 "$(form viewer /alerts/ack contract="$first" rule="$rule" as_of=2025-12-31 note=x)"
check "alerts-ack-empty-note-422" is 422 "$(form sales '/alerts/ack?lang=ko' contract="$first" rule="$rule" as_of=2025-12-31 note=)"
check "alerts-ack-empty-note-says" has "$WORK/body" '확인에는 조치 내용을 적어야 합니다'
check "alerts-ack-303" is 303 "$(form sales /alerts/ack contract="$first" rule="$rule" as_of=2025-12-31 'note=고객사와 주간 점검 회의 시작')"
check "alerts-ack-shown" is 200 "$(status sales GET '/alerts?year=2025&lang=en')"
check "alerts-ack-shown-text" has "$WORK/body" '<p class="ack small">✓ Acknowledged by sales on 2025-12-31: 고객사와 주간 점검 회의 시작</p>'
check "alerts-ack-still-listed" has "$WORK/body" "<tr><td><a href=\"/contracts/$first\">"
check "alerts-ack-earlier-date-not-shown" is 200 "$(status sales GET '/alerts?as_of=2025-12-30&lang=en')"
check "alerts-ack-earlier-date-not-shown-body" hasnt "$WORK/body" '고객사와 주간 점검 회의 시작'
check "alerts-ack-audited" sh -c "'$TANDEM' audit list --db '$DB' --limit 3 | grep -q 'user:sales	acknowledge	alert	$first/$rule'"
# An account linked to a person: the acknowledgement names the person and
# their unit, the account beside; the audit entry is the account's as before.
second=$(grep -o '<tr><td><a href="/contracts/[^"]*"' "$WORK/body" | sed 's/.*contracts\/\([^"]*\)"/\1/' | grep -vx "$first" | head -1)
rule2=$(grep -o 'name="contract" value="'"$second"'"><input type="hidden" name="rule" value="[a-z_]*"' "$WORK/body" | head -1 | sed 's/.*value="\([a-z_]*\)"$/\1/')
"$TANDEM" export --db "$DB" --out "$WORK/ex" >/dev/null
owner=$(awk -F, -v k="$second" '$1==k { print $12 }' "$WORK/ex/contracts.csv")
owner_name=$(awk -F, -v p="$owner" '$1==p { print $2 }' "$WORK/ex/people.csv")
owner_unit=$(awk -F, -v p="$owner" '$1==p { print $4 }' "$WORK/ex/people.csv")
unit_name=$(awk -F, -v u="$owner_unit" '$1==u { print $2 }' "$WORK/ex/org_units.csv")
echo "password-owner1" | "$TANDEM" user add owner1 --role sales --person "$owner" --password-stdin --db "$DB" >/dev/null
login owner1 || exit 1
check "alerts-ack-person-303" is 303 "$(form owner1 /alerts/ack contract="$second" rule="$rule2" as_of=2025-12-31 'note=weekly review')"
check "alerts-ack-person-shown" is 200 "$(status viewer GET '/alerts?year=2025&lang=en')"
check "alerts-ack-person-name-unit-account" has "$WORK/body" "<p class=\"ack small\">✓ Acknowledged by $owner_name ($unit_name) on 2025-12-31: weekly review <span class=\"muted ack-account\">(account owner1)</span></p>"
check "alerts-ack-person-ko" is 200 "$(status viewer GET '/alerts?year=2025&lang=ko')"
check "alerts-ack-person-ko-text" has "$WORK/body" "<p class=\"ack small\">✓ $owner_name($unit_name)이(가) 2025-12-31에 확인: weekly review <span class=\"muted ack-account\">(계정 owner1)</span></p>"
check "alerts-ack-person-audit-unchanged" sh -c "'$TANDEM' audit list --db '$DB' --limit 3 | grep -q 'user:owner1	acknowledge	alert	$second/$rule2'"
