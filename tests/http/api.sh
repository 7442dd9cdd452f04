#!/bin/sh
# The JSON API: create, read, update and delete for every record kind,
# the importer's validation as {"error","field"} with 422, pagination and
# filters, separation of duties inside a kind, the proposal gate and its
# override, imports with a preview, scores with evidence, and the OpenAPI
# document covering every route of the table.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin executive sales operations viewer; do
	login "$r"
done

# crud KIND KEY-PATH CREATE-JSON UPDATE-JSON EXPECTED-AFTER-UPDATE [ACCOUNT]
# ACCOUNT (admin by default) writes: ratings and reviews are written by a
# person as themselves (SPEC §2, attribution).
crud() {
	k=$1 key=$2 body=$3 upd=$4 want=$5
	_who=${6:-admin}
	check "crud-$k-create-201" is 201 "$(api "$_who" POST "/api/v1/records/$k" "$body")"
	check "crud-$k-create-again-409" is 409 "$(api "$_who" POST "/api/v1/records/$k" "$body")"
	check "crud-$k-read-200" is 200 "$(api viewer GET "/api/v1/records/$k/$key")"
	check "crud-$k-update-200" is 200 "$(api "$_who" PUT "/api/v1/records/$k/$key" "$upd")"
	check "crud-$k-update-value" has "$WORK/body" "$want"
	check "crud-$k-read-updated" is 200 "$(api "$_who" GET "/api/v1/records/$k/$key")"
	check "crud-$k-read-updated-value" has "$WORK/body" "$want"
	check "crud-$k-delete-204" is 204 "$(api "$_who" DELETE "/api/v1/records/$k/$key")"
	check "crud-$k-gone-404" is 404 "$(api "$_who" GET "/api/v1/records/$k/$key")"
	check "crud-$k-delete-again-404" is 404 "$(api "$_who" DELETE "/api/v1/records/$k/$key")"
}
crud org_units U9 '{"id":"U9","name":"Team 9","kind":"sales","parent_id":"HQ"}' '{"name":"Team Nine"}' '"name":"Team Nine"'
crud people P9 '{"id":"P9","name":"Nine","org_unit_id":"S1"}' '{"email":"p9@example.com"}' '"email":"p9@example.com"'
crud clients C9 '{"id":"C9","name":"Client 9","referred_by":"C1"}' '{"industry":"retail"}' '"industry":"retail"'
crud contracts K9 '{"id":"K9","client_id":"C1","annual_value":"1000.5","risk_tier":"low"}' '{"annual_value":2000.123456}' '"annual_value":2000.123456'
crud sla_metrics K1/CSAT '{"contract_id":"K1","metric":"CSAT","direction":"higher","target":0.9}' '{"target":"0.95"}' '"target":0.95'
crud measurements K1/SL/2025-12-31 '{"contract_id":"K1","metric":"SL","date":"2025-12-31","numerator":9,"denominator":10}' '{"numerator":8}' '"numerator":8,"denominator":10'
crud readiness K1/ITEM-B '{"contract_id":"K1","item":"ITEM-B","category":"system","required":1}' '{"done_on":"2025-03-14"}' '"done_on":"2025-03-14"'
crud manual_ratings K1/2025-09-01/P-O1 '{"contract_id":"K1","rated_on":"2025-09-01","rated_by":"P-O1","concreteness":3,"feasibility":4}' '{"concreteness":5}' '"concreteness":5' operations
crud handover K1/HO-B '{"contract_id":"K1","item":"HO-B"}' '{"accepted_on":"2025-04-02"}' '"accepted_on":"2025-04-02"'
crud scope_changes K1/2025-07-01/out_of_scope '{"contract_id":"K1","date":"2025-07-01","kind":"out_of_scope"}' '{"note":"night shift"}' '"note":"night shift"'
crud financials K1/2025-12 '{"contract_id":"K1","month":"2025-12","revenue":100,"cost":90}' '{"cost":95}' '"cost":95'
crud expansions K1/2026-02-01/site '{"contract_id":"K1","date":"2026-02-01","kind":"site"}' '{"added_annual_value":5000}' '"added_annual_value":5000'
crud renewals K1/2027-03-14 '{"contract_id":"K1","due_on":"2027-03-14","outcome":"pending"}' '{"outcome":"renewed","new_annual_value":1300000000}' '"outcome":"renewed"'
crud proposals PR9 '{"id":"PR9","client_id":"C2","origin":"sales","status":"draft","title":"New work"}' '{"title":"Renamed"}' '"title":"Renamed"'
# Reviews of an open proposal (the review behind a won one stays).
check "crud-open-proposal-201" is 201 "$(api admin POST /api/v1/records/proposals '{"id":"PRR","client_id":"C2","origin":"sales","status":"draft"}')"
crud feasibility_reviews PRR/2025-12-01 '{"proposal_id":"PRR","reviewed_on":"2025-12-01","reviewer":"P-O1","verdict":"conditional"}' '{"predicted_attainment":0.9}' '"predicted_attainment":0.9' operations
crud relationship_ratings C2/2026-01-01/P-CEO '{"client_id":"C2","date":"2026-01-01","level":3,"rated_by":"P-CEO"}' '{"level":4}' '"level":4' executive
crud references C2/2026-02-02/case_study '{"client_id":"C2","date":"2026-02-02","kind":"case_study"}' '{"credited_contract_id":"K1"}' '"credited_contract_id":"K1"'
crud innovations K1/2026-03-03/process_improvement/Faster%20filing '{"contract_id":"K1","date":"2026-03-03","kind":"process_improvement","title":"Faster filing","status":"proposed"}' '{"status":"deployed","annual_savings":1000}' '"status":"deployed"'

# --- validation: the importer's messages, with the field ---
check "invalid-date-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":1,"go_live_on":"2026-02-30"}')"
check "invalid-date-field" has "$WORK/body" '"field":"go_live_on"'
check "invalid-date-message" has "$WORK/body" "bad date '2026-02-30' for go_live_on"
check "invalid-ref-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"NOPE","annual_value":1}')"
check "invalid-ref-message" has "$WORK/body" '"error":"unknown client '"'"'NOPE'"'"'","field":"client_id"'
check "invalid-negative-money-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":-1}')"
check "invalid-required-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1"}')"
check "invalid-required-field" has "$WORK/body" '"field":"annual_value"'
check "invalid-enum-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":1,"risk_tier":"huge"}')"
check "invalid-enum-field" has "$WORK/body" '"field":"risk_tier"'
check "invalid-many-errors-listed" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":1,"risk_tier":"huge","signed_on":"x"}')"
check "invalid-many-errors-both" sh -c "grep -q '\"field\":\"risk_tier\"' '$WORK/body' && grep -q '\"field\":\"signed_on\"' '$WORK/body'"
check "invalid-precision-422" is 422 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":1.1234567}')"
check "invalid-unknown-column-400" is 400 "$(api admin POST /api/v1/records/contracts '{"id":"KB","client_id":"C1","annual_value":1,"colour":"red"}')"
check "invalid-unknown-column-field" has "$WORK/body" '"field":"colour"'
check "invalid-json-400" is 400 "$(api admin POST /api/v1/records/contracts '{"id":')"
check "invalid-content-type-415" is 415 "$(status admin POST /api/v1/records/clients --data 'id=C8&name=x')"
check "invalid-key-change-422" is 422 "$(api admin PUT /api/v1/records/clients/C1 '{"id":"C77"}')"
check "invalid-unknown-kind-404" is 404 "$(api admin GET /api/v1/records/widgets)"
check "invalid-short-key-404" is 404 "$(api admin GET /api/v1/records/sla_metrics/K1)"
check "exact-decimals-kept" is 200 "$(api admin GET /api/v1/records/contracts/K2)"
check "exact-decimals-value" has "$WORK/body" '"annual_value":300000000.5'
check "delete-referenced-409" is 409 "$(api admin DELETE /api/v1/records/clients/C1)"
check "delete-referenced-message" has "$WORK/body" 'still referred to'

# --- pagination and filters ---
check "list-limit-200" is 200 "$(api viewer GET '/api/v1/records/sla_metrics?limit=1&offset=1')"
check "list-limit-total" has "$WORK/body" '"total":2,"limit":1,"offset":1'
check "list-limit-one-item" sh -c "[ \$(grep -o '\"metric\":' '$WORK/body' | wc -l) -eq 1 ]"
check "list-filter-200" is 200 "$(api viewer GET '/api/v1/records/readiness?contract_id=K1&required=0')"
check "list-filter-total" has "$WORK/body" '"total":1'
check "list-filter-measurements" is 200 "$(api viewer GET '/api/v1/records/measurements?contract_id=K1&date=2025-03-15')"
check "list-filter-measurements-total" has "$WORK/body" '"total":2'
check "list-bad-limit-default" is 200 "$(api viewer GET '/api/v1/records/clients?limit=abc')"
check "list-bad-limit-default-50" has "$WORK/body" '"limit":50'

# --- separation of duties inside a kind ---
check "sod-sales-manual-rating-403" is 403 "$(api sales POST /api/v1/records/manual_ratings '{"contract_id":"K1","rated_on":"2025-10-01","rated_by":"P-O1","concreteness":5,"feasibility":5}')"
check "sod-sales-review-403" is 403 "$(api sales POST /api/v1/records/feasibility_reviews '{"proposal_id":"PR1","reviewed_on":"2025-01-01","reviewer":"P-O1","verdict":"feasible"}')"
check "sod-sales-relationship-as-other-403" is 403 "$(api sales POST /api/v1/records/relationship_ratings '{"client_id":"C1","date":"2026-07-01","level":5,"rated_by":"P-CEO"}')"
check "sod-sales-relationship-as-self-201" is 201 "$(api sales POST /api/v1/records/relationship_ratings '{"client_id":"C1","date":"2026-07-01","level":5}')"
check "sod-sales-relationship-attributed" has "$WORK/body" '"rated_by":"P-S1"'
check "sod-sales-handover-accept-403" is 403 "$(api sales PUT /api/v1/records/handover/K1/HO-A '{"accepted_on":"2025-04-01"}')"
check "sod-sales-handover-accept-field" has "$WORK/body" '"field":"accepted_on"'
check "sod-sales-handover-new-item-201" is 201 "$(api sales POST /api/v1/records/handover '{"contract_id":"K1","item":"HO-SALES"}')"
check "sod-operations-accepts-handover-200" is 200 "$(api operations PUT /api/v1/records/handover/K1/HO-SALES '{"accepted_on":"2025-04-03"}')"
check "sod-operations-annual-value-403" is 403 "$(api operations PUT /api/v1/records/contracts/K1 '{"annual_value":1}')"
check "sod-operations-annual-value-field" has "$WORK/body" '"field":"annual_value"'
check "sod-operations-risk-tier-403" is 403 "$(api operations PUT /api/v1/records/contracts/K1 '{"risk_tier":"low"}')"
check "sod-operations-go-live-proposed-202" is 202 "$(api operations PUT /api/v1/records/contracts/K2 '{"go_live_on":"2026-03-03"}')"
check "sod-operations-create-contract-403" is 403 "$(api operations POST /api/v1/records/contracts '{"id":"KO","client_id":"C1","annual_value":1}')"
check "sod-operations-financials-403" is 403 "$(api operations POST /api/v1/records/financials '{"contract_id":"K1","month":"2026-01","revenue":1,"cost":1}')"
check "sod-sales-go-live-403" is 403 "$(api sales PUT /api/v1/records/contracts/K1 '{"go_live_on":"2025-03-01"}')"
check "sod-sales-own-contract-proposed-202" is 202 "$(api sales PUT /api/v1/records/contracts/K1 '{"annual_value":1250000000}')"
check "sod-sales-other-owner-403" is 403 "$(api sales POST /api/v1/records/contracts '{"id":"KS","client_id":"C1","annual_value":1,"sales_owner":"P-CEO"}')"
check "sod-sales-own-new-contract-proposed-202" is 202 "$(api sales POST /api/v1/records/contracts '{"id":"KS","client_id":"C1","annual_value":1,"sales_owner":"P-S1","ops_owner":"P-O1"}')"
check "sod-sales-give-away-403" is 403 "$(api sales PUT /api/v1/records/contracts/K1 '{"sales_owner":"P-CEO"}')"
check "sod-sales-give-away-field" has "$WORK/body" '"field":"sales_owner"'
check "sod-importer-duty-rule-422" is 422 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30&file=manual_ratings.csv' -H 'Content-Type: text/csv' --data-binary "$(printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK1,2025-10-01,P-S1,5,5\n')")"
check "sod-importer-duty-rule-position" has "$WORK/body" 'manual_ratings.csv:2:3: '

# --- the proposal gate ---
check "gate-draft-201" is 201 "$(api sales POST /api/v1/records/proposals '{"id":"PG","client_id":"C2","origin":"sales","status":"draft"}')"
check "gate-operations-cannot-win-403" is 403 "$(api operations PUT /api/v1/records/proposals/PG '{"status":"won"}')"
check "gate-operations-cannot-win-field" has "$WORK/body" '"field":"status"'
check "gate-won-by-edit-403" is 403 "$(api sales PUT /api/v1/records/proposals/PG '{"status":"won"}')"
check "gate-won-by-edit-code" has "$WORK/body" '"error":"policy.status"'
check "gate-won-without-review-409" is 409 "$(api sales POST /api/v1/proposals/PG/win)"
check "gate-won-without-review-message" has "$WORK/body" 'cannot be won without a feasible or conditional feasibility review'
check "gate-sales-cannot-override-403" is 403 "$(api sales POST /api/v1/proposals/PG/override '{"reason":"urgent"}')"
check "gate-override-needs-reason-422" is 422 "$(api executive POST /api/v1/proposals/PG/override '{}')"
check "gate-override-200" is 200 "$(api executive POST /api/v1/proposals/PG/override '{"reason":"strategic client, board approved"}')"
check "gate-won-after-override-200" is 200 "$(api sales POST /api/v1/proposals/PG/win)"
check "gate-override-unknown-404" is 404 "$(api executive POST /api/v1/proposals/NOPE/override '{"reason":"why not"}')"

# --- imports: preview, then commit ---
printf 'id,name,industry,referred_by\nCI1,Imported 1,,\nCI2,Imported 2,,CI1\n' > "$WORK/clients.csv"
printf 'id,name,industry,referred_by\nCI3,,,\nCI4,x,,NOPE\n' > "$WORK/bad-clients.csv"
check "import-preview-200" is 200 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$WORK/clients.csv;filename=clients.csv")"
check "import-preview-ok" has "$WORK/body" '"ok":true,"dry_run":true,"files":1,"rows":2'
check "import-preview-wrote-nothing" is 404 "$(api admin GET /api/v1/records/clients/CI1)"
check "import-errors-422" is 422 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$WORK/bad-clients.csv;filename=clients.csv")"
check "import-errors-listed" has "$WORK/body" '"clients.csv:2:2: name is required","clients.csv:3:4: unknown client '"'"'NOPE'"'"'"'
check "import-commit-200" is 200 "$(status admin POST '/api/v1/imports?wait=30' -F "files=@$WORK/clients.csv;filename=clients.csv")"
check "import-commit-wrote" is 200 "$(api admin GET /api/v1/records/clients/CI2)"
check "import-raw-body-200" is 200 "$(status admin POST '/api/v1/imports?file=clients.csv&wait=30' -H 'Content-Type: text/csv' --data-binary @"$WORK/clients.csv")"
check "import-no-files-422" is 422 "$(status admin POST /api/v1/imports -F 'x=1')"

# --- scores ---
check "scores-200" is 200 "$(api viewer GET '/api/v1/scores?year=2026')"
check "scores-company-total" has "$WORK/body" '"subject_kind":"company","subject_id":"company","org":"sales","criterion":"total"'
check "scores-subject-200" is 200 "$(api viewer GET '/api/v1/scores?year=2026&subject=contract:K1&org=sales')"
check "scores-subject-S3.1" has "$WORK/body" '"criterion":"S3.1"'
check "scores-subject-evidence" has "$WORK/body" '"months":[{"index":1'
check "scores-unknown-subject-404" is 404 "$(api viewer GET '/api/v1/scores?year=2026&subject=contract:NOPE')"
check "scores-bad-org-400" is 400 "$(api viewer GET '/api/v1/scores?org=marketing')"
check "scores-bad-subject-400" is 400 "$(api viewer GET '/api/v1/scores?subject=K1')"

# --- accounts ---
check "users-create-generated-password-201" is 201 "$(api admin POST /api/v1/users '{"name":"newbie","role":"viewer"}')"
check "users-create-password-shown-once" grep -q '"password":"[A-Za-z0-9]\{20\}"' "$WORK/body"
check "users-create-exists-409" is 409 "$(api admin POST /api/v1/users '{"name":"newbie","role":"viewer"}')"
check "users-create-bad-role-422" is 422 "$(api admin POST /api/v1/users '{"name":"x2","role":"king"}')"
check "users-role-200" is 200 "$(api admin PUT /api/v1/users/newbie '{"role":"sales"}')"
check "users-role-set" has "$WORK/body" '"role":"sales"'
check "users-list-no-hashes" is 200 "$(api admin GET /api/v1/users)"
check "users-list-no-hashes-text" hasnt "$WORK/body" 'argon2'
check "me-role" is 200 "$(api sales GET /api/v1/me)"
check "me-role-person" has "$WORK/body" '"role":"sales","person_id":"P-S1"'

# --- audit: the changes above, who and before/after ---
check "audit-api-200" is 200 "$(api executive GET '/api/v1/audit?limit=500')"
check "audit-propose-by-sales" has "$WORK/body" '"actor":"user:sales","action":"propose","entity":"contracts","key":"K1","before":{"id":"K1"'
check "audit-override" has "$WORK/body" '"action":"override","entity":"proposals","key":"PG"'
check "audit-delete" has "$WORK/body" '"action":"delete","entity":"clients","key":"C9"'
check "audit-user-role" has "$WORK/body" '"action":"role","entity":"user","key":"newbie"'
check "audit-chain-intact" "$TANDEM" audit verify --db "$DB"

# --- the OpenAPI document covers every API route of the table ---
check "openapi-200" is 200 "$(status anon GET /api/v1/openapi.json)"
cp "$WORK/body" "$WORK/openapi.json"
check "openapi-version" has "$WORK/openapi.json" '"openapi":"3.0.3"'
"$TANDEM" serve --routes | awk '$2 ~ /^\/api\// { print $1 " " $2 }' | sort -u > "$WORK/routes"
grep -o '"x-route":"[^"]*"' "$WORK/openapi.json" | sed 's/"x-route":"//; s/"$//' | sort -u > "$WORK/documented"
check "openapi-has-routes" test -s "$WORK/routes"
check "openapi-every-route-documented" same "$WORK/routes" "$WORK/documented"
check "openapi-every-kind" sh -c "for k in org_units people clients contracts sla_metrics sla_terms measurements readiness manual_ratings handover scope_changes financials expansions renewals proposals feasibility_reviews relationship_ratings references innovations; do grep -q \"\\\"/api/v1/records/\$k\\\"\" '$WORK/openapi.json' || { echo \"missing \$k\"; exit 1; }; done"
check "openapi-key-path" has "$WORK/openapi.json" '"/api/v1/records/measurements/{contract_id}/{metric}/{date}"'

# --- docs/security.md carries the current permission tables ---
sed -n '/<!-- routes:begin -->/,/<!-- routes:end -->/p' "$TOP/docs/security.md" | sed '1d;$d' > "$WORK/doc-routes"
"$TANDEM" serve --routes-md > "$WORK/code-routes"
check "docs-security-route-table-current" same "$WORK/code-routes" "$WORK/doc-routes"

# --- XLSX workbooks through the web: a sheet per record kind ---
"$TANDEM" export --db "$DB" --format xlsx --out "$WORK/all.xlsx" >/dev/null 2>&1
check "import-xlsx-preview-200" is 200 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$WORK/all.xlsx;filename=all.xlsx")"
check "import-xlsx-preview-ok" has "$WORK/body" '"ok":true,"dry_run":true,"files":19'
check "import-xlsx-bad-422" is 422 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$DATA/xlsx/bad_contracts.xlsx;filename=bad_contracts.xlsx")"
check "import-xlsx-bad-sheet-position" grep -q 'bad_contracts.xlsx:contracts![A-Z]*[0-9]*: ' "$WORK/body"
