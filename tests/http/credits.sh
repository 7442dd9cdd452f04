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
check "credits-contract-page-june" has "$WORK/body" '<tr><th scope="row">2025-06</th><td class="num">10000.00</td><td class="num">3571.43</td><td class="num">3571.43</td><td class="num">2857.14</td></tr>'
check "credits-contract-page-chart" has "$WORK/body" '<svg xmlns="http://www.w3.org/2000/svg" class="chart credits"'
check "credits-contract-page-ko" is 200 "$(status viewer GET '/contracts/K1?lang=ko')"
check "credits-contract-page-ko-title" has "$WORK/body" 'SLA 약정 조건과 서비스 크레딧'

check "credits-company-page" is 200 "$(status viewer GET '/credits?year=2025&lang=en')"
check "credits-company-ytd" has "$WORK/body" 'Year to date</th><td class="num">80000.00</td><td class="num">10571.43</td><td class="num">3571.43</td><td class="num">5357.14</td>'
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
check "credits-contract-page-other-year-empty" has "$WORK/body" '<tr><th scope="row">2024-06</th><td class="num">0.00</td><td class="num">0.00</td><td class="num">0.00</td><td class="num">0.00</td></tr>'
