#!/bin/sh
# Money at risk on the web (issue 20): /api/v1/credits answers as `tandem
# credits --format json`; the contract page shows the terms, the month by
# month credits and the chart; /credits the company view (this month, year
# to date, by sales owner and operations center); sla_terms are written by
# sales through the records API like sla_metrics, checked by the importer.
. "$(dirname "$0")/lib.sh"
rm -f "$DB"
"$TANDEM" init --db "$DB" >/dev/null || exit 1
"$TANDEM" import --db "$DB" "$DATA/credits" >/dev/null || exit 1
for r in admin sales operations viewer; do
	person=
	[ "$r" = sales ] && person="--person PS"
	[ "$r" = operations ] && person="--person PO"
	echo "password-$r" | "$TANDEM" user add "$r" --role "$r" $person --password-stdin --db "$DB" >/dev/null || exit 1
done
start_server --quiet || exit 1
login viewer
login sales
login operations

check "credits-api" is 200 "$(api viewer GET '/api/v1/credits?year=2025&contract=K1')"
check "credits-api-is-cli-json" same "$DATA/credits.json.expected" "$WORK/body"
check "credits-api-all-contracts" is 200 "$(api viewer GET '/api/v1/credits?year=2025')"
check "credits-api-totals" has "$WORK/body" '"totals": {"pool":80000.00,"owed":10571.43,"waived":5357.14,"pending":3571.43}'
check "credits-api-unknown-contract-404" is 404 "$(api viewer GET '/api/v1/credits?year=2025&contract=NOPE')"
check "credits-api-unknown-contract-says" has "$WORK/body" '"field":"contract"'
check "credits-api-bad-year-400" is 400 "$(api viewer GET '/api/v1/credits?year=20x5')"
check "credits-api-anon-401" is 401 "$(api anon GET '/api/v1/credits?year=2025')"

check "credits-contract-page" is 200 "$(status viewer GET '/contracts/K1?lang=en')"
check "credits-contract-page-terms" has "$WORK/body" '<table class="data" id="credit-terms">'
check "credits-contract-page-june" has "$WORK/body" '<tr><th scope="row">2025-06</th><td class="num" title="10000.00">₩10,000</td><td class="num" title="3571.43">₩3,571</td><td class="num" title="3571.43">₩3,571</td><td class="num" title="2857.14">₩2,857</td></tr>'
check "credits-contract-page-months-total" has "$WORK/body" '<tfoot><tr><th scope="row" class="total-row">Total</th><td class="num total-row">₩80,000</td><td class="num total-row">₩10,571</td><td class="num total-row">₩3,571</td><td class="num total-row">₩5,357</td></tr></tfoot>'
check "credits-contract-page-terms-rows" has "$WORK/body" '<tr><th scope="row">FCR</th><td class="num">0.6</td><td class="num">0.7</td><td class="num">40%</td><td>linear</td><td class="num">1 month</td></tr>'
check "credits-contract-page-months-by-owed" is 200 "$(status viewer GET '/contracts/K1?lang=en&months_sort=owed&months_dir=desc')"
check "credits-contract-page-months-by-owed-order" is "2025-05 2025-06 2025-04 2025-01 " "$(grep -o '<tr><th scope="row">2025-[0-9]*</th>' "$WORK/body" | sed 's/.*row">//; s/<.*//' | head -4 | tr '\n' ' ')"
check "credits-contract-page-chart" has "$WORK/body" '<svg xmlns="http://www.w3.org/2000/svg" class="chart credits"'
check "credits-contract-page-ko" is 200 "$(status viewer GET '/contracts/K1?lang=ko')"
check "credits-contract-page-ko-title" has "$WORK/body" 'SLA 약정 조건과 서비스 크레딧'

check "credits-company-page" is 200 "$(status viewer GET '/credits?year=2025&lang=en')"
check "credits-company-ytd" has "$WORK/body" '<tr id="credit-year-to-date"><th scope="row">Year to date</th><td class="num" title="80000.00">₩80,000</td><td class="num" title="10571.43">₩10,571</td><td class="num" title="3571.43">₩3,571</td><td class="num" title="5357.14">₩5,357</td></tr>'
check "credits-company-by-sales-owner" has "$WORK/body" '<tr><th scope="row">Sam Sales</th>'
check "credits-company-by-center" has "$WORK/body" '<tr><th scope="row">Center A</th>'
check "credits-company-bad-year" is 400 "$(status viewer GET '/credits?year=x')"

# Sales writes its contract's terms through the API as a proposed change
# that operations confirms (SPEC §2: "sla_metrics, sla_terms: own →
# operations confirms"); the importer's rules hold there too (a minimum
# stricter than expected is refused at once).
check "credits-terms-sales-proposes" is 202 "$(api sales PUT '/api/v1/records/sla_terms/K1/SL' '{"minimum":"0.65"}')"
check "credits-terms-proposal-by-ops" has "$WORK/body" '"kind":"sla_terms","key":"K1/SL","op":"update","contract_id":"K1","confirmer":"operations","state":"proposed"'
change=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$WORK/body")
check "credits-terms-not-yet-applied" sh -c '"$1" --db "$2" export sla_terms --out "$3/t1" >/dev/null && grep -qx "K1,SL,0.7,0.8,10,50,linear,2,2" "$3/t1/sla_terms.csv"' sh "$TANDEM" "$DB" "$WORK"
check "credits-terms-sales-cannot-confirm" is 403 "$(api sales POST "/api/v1/changes/$change/confirm" '{}')"
check "credits-terms-ops-confirms" is 200 "$(api operations POST "/api/v1/changes/$change/confirm" '{}')"
check "credits-terms-applied" sh -c '"$1" --db "$2" export sla_terms --out "$3/t2" >/dev/null && grep -qx "K1,SL,0.65,0.8,10,50,linear,2,2" "$3/t2/sla_terms.csv"' sh "$TANDEM" "$DB" "$WORK"
check "credits-terms-sales-bad-minimum" is 422 "$(api sales PUT '/api/v1/records/sla_terms/K1/SL' '{"minimum":"0.95"}')"
check "credits-terms-bad-says-minimum" has "$WORK/body" 'stricter than expected'
check "credits-terms-viewer-403" is 403 "$(api viewer PUT '/api/v1/records/sla_terms/K1/SL' '{"minimum":"0.6"}')"

check "credits-promises-page" is 200 "$(status viewer GET '/promises?year=2025&lang=en')"
check "credits-promises-page-terms" has "$WORK/body" 'AHT 360–300 full 50 %, FCR 0.6–0.7 linear 40 %, SL 0.65–0.8 linear 50 %; 10 % at risk, burn-in months 2'
check "credits-promises-page-incurred" has "$WORK/body" 'Credits incurred / at risk: <strong>'
check "credits-contract-page-other-year" is 200 "$(status viewer GET '/contracts/K1?lang=en&year=2024')"
check "credits-contract-page-other-year-empty" has "$WORK/body" '<tr><th scope="row">2024-06</th><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td></tr>'

# The company view's tables (issue 15 item 4): a second contract, K2, of
# another sales owner at twice K1's revenue and its first SL minimum (K1's is
# 0.65 since the change above), so that the tables have rows to
# sort, a totals row to add up and an owner to filter by.
stop_server
mkdir -p "$WORK/k2"
for f in people contracts financials measurements sla_metrics sla_terms; do head -1 "$DATA/credits/$f.csv" > "$WORK/k2/$f.csv"; done
echo 'PS2,Sue Seller,sue@example.com,S1' >> "$WORK/k2/people.csv"
sed -n 's/^K1,\(.*\),1200000,medium,PS,/K2,\1,2400000,medium,PS2,/p' "$DATA/credits/contracts.csv" >> "$WORK/k2/contracts.csv"
sed -n 's/^K1,\([^,]*\),100000,90000$/K2,\1,200000,180000/p' "$DATA/credits/financials.csv" >> "$WORK/k2/financials.csv"
for f in measurements sla_metrics sla_terms; do sed -n 's/^K1,/K2,/p' "$DATA/credits/$f.csv" >> "$WORK/k2/$f.csv"; done
"$TANDEM" import --db "$DB" "$WORK/k2" >/dev/null || exit 1
start_server --quiet || exit 1
login viewer
# the ids of credit-contracts' rows, in order
credit_rows() { sed -n '/id="credit-contracts"/,/<\/table>/p' "$WORK/body" | grep -o '<a href="/contracts/[^#]*#credits">' | sed 's|.*/contracts/||; s|#.*||' | tr '\n' ' '; }
check "credits-tables-200" is 200 "$(status viewer GET '/credits?year=2025&lang=en')"
check "credits-tables-contracts-id-order" is "K1 K2 " "$(credit_rows)"
check "credits-tables-contracts-k2" has "$WORK/body" '<tr><th scope="row"><a href="/contracts/K2#credits">K2</a> <span class="muted">Client One</span></th><td>Sue Seller</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="160000.00">₩160,000</td><td class="num" title="21142.86">₩21,143</td><td class="num" title="7142.86">₩7,143</td><td class="num" title="10714.29">₩10,714</td></tr>'
check "credits-tables-contracts-total" has "$WORK/body" '<tfoot><tr><th scope="row" class="total-row">Total</th><td class="total-row"></td><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩240,000</td><td class="num total-row">₩31,714</td><td class="num total-row">₩10,714</td><td class="num total-row">₩15,238</td></tr></tfoot>'
check "credits-tables-owners-total" has "$WORK/body" '<tfoot><tr><th scope="row" class="total-row">Total</th><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩0</td><td class="num total-row">₩240,000</td>'
check "credits-tables-owners-sue" has "$WORK/body" '<tr><th scope="row">Sue Seller</th><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="160000.00">₩160,000</td>'
check "credits-tables-center-both" has "$WORK/body" '<tr><th scope="row">Center A</th><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="0.00">₩0</td><td class="num" title="240000.00">₩240,000</td>'
check "credits-tables-sort-link" has "$WORK/body" '<a class="sort" href="/credits?year=2025&amp;contracts_sort=ytd_owed&amp;contracts_dir=desc">Year to date · Owed</a>'
check "credits-tables-sort-200" is 200 "$(status viewer GET '/credits?year=2025&lang=en&contracts_sort=ytd_owed&contracts_dir=desc')"
check "credits-tables-sort-owed-desc" is "K2 K1 " "$(credit_rows)"
check "credits-tables-sort-aria" has "$WORK/body" 'aria-sort="descending"><a class="sort" href="/credits?year=2025&amp;contracts_sort=ytd_owed&amp;contracts_dir=asc">Year to date · Owed <span aria-hidden="true">▼</span></a></th>'
check "credits-tables-sort-asc-200" is 200 "$(status viewer GET '/credits?year=2025&lang=en&contracts_sort=ytd_owed&contracts_dir=asc')"
check "credits-tables-sort-owed-asc" is "K1 K2 " "$(credit_rows)"
check "credits-tables-filter-owner-200" is 200 "$(status viewer GET '/credits?year=2025&lang=en&contracts_f_owner=Sam%20Sales')"
check "credits-tables-filter-owner-rows" is "K1 " "$(credit_rows)"
check "credits-tables-filter-owner-total" has "$WORK/body" '<td class="num total-row">₩80,000</td><td class="num total-row">₩10,571</td>'
check "credits-tables-filter-owner-select" has "$WORK/body" '<select name="contracts_f_owner"><option value="">All</option><option value="Sam Sales" selected>Sam Sales</option><option value="Sue Seller">Sue Seller</option></select>'
check "credits-tables-search-200" is 200 "$(status viewer GET '/credits?year=2025&lang=en&contracts_q=k2')"
check "credits-tables-search-rows" is "K2 " "$(credit_rows)"
check "credits-tables-search-none" is 200 "$(status viewer GET '/credits?year=2025&lang=en&contracts_q=nothing')"
check "credits-tables-search-none-says" has "$WORK/body" '<td colspan="10" class="muted empty" id="credit-contracts-empty">No row matches the filter</td>'
check "credits-tables-ko" is 200 "$(status viewer GET '/credits?year=2025&lang=ko')"
check "credits-tables-ko-won" has "$WORK/body" '<td class="num" title="160000.00">16만 원</td>'
