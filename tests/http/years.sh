#!/bin/sh
# The evaluation year, parsed once (issue 15 item 1): every route that
# takes ?year= declares it in the route table (ROUTE_YEAR) and the router
# answers a value that is not a year with 400 and the coded error, on pages
# and the API alike, before any handler runs; an absent year is the default
# year (the last complete one: 2025 with TANDEM_NOW in 2026).
. "$(dirname "$0")/lib.sh"
export TANDEM_NOW=2026-03-15T09:00:00Z
make_store || exit 1
start_server --quiet || exit 1
for r in executive viewer; do login "$r"; done

BAD_EN='"error":"year must be a number from 1001 to 9998","field":"year","code":"error.year_number","params":["year","1001","9998"],"message":"year must be a number from 1001 to 9998"'

# --- the API: 400 with the code, the field and the message -----------------
for path in '/api/v1/scores' '/api/v1/explain?contract=K1&criterion=S3.1' '/api/v1/credits' \
	'/api/v1/promises'; do
	sep='?'
	case $path in *'?'*) sep='&' ;; esac
	check "years-api-abc-400 $path" is 400 "$(api viewer GET "$path${sep}year=abc")"
	check "years-api-abc-coded $path" has "$WORK/body" "{$BAD_EN}"
	check "years-api-1000-400 $path" is 400 "$(api viewer GET "$path${sep}year=1000")"
	check "years-api-empty-default $path" is 200 "$(api viewer GET "$path${sep}year=")"
done
check "years-api-whatif-abc-400" is 400 \
	"$(api executive POST '/api/v1/models/whatif?year=abc&model=default' '{}')"
check "years-api-whatif-abc-coded" has "$WORK/body" "{$BAD_EN}"
# Storing a model version needs its year.
"$TANDEM" model show default --db "$DB" > "$WORK/model.json"
check "years-api-model-import-no-year-400" is 400 "$(api executive POST '/api/v1/models' "$(cat "$WORK/model.json")")"
check "years-api-model-import-no-year-coded" has "$WORK/body" "{$BAD_EN}"
check "years-api-model-import-bad-year-400" is 400 "$(api executive POST '/api/v1/models?year=20x6' "$(cat "$WORK/model.json")")"
check "years-api-model-import-201" is 201 "$(api executive POST '/api/v1/models?year=2026' "$(cat "$WORK/model.json")")"
check "years-api-model-import-named" has "$WORK/body" '{"version":"2026-1","year":2026,"active":false}'
# In Korean.
check "years-api-ko-400" is 400 "$(api viewer GET '/api/v1/scores?year=abc&lang=ko')"
check "years-api-ko-message" has "$WORK/body" '"code":"error.year_number","params":["year","1001","9998"],"message":"연도는 1001~9998 사이의 숫자여야 합니다"'
# Who asks comes first (401), then the parameters.
check "years-api-anon-401-first" is 401 "$(api anon GET '/api/v1/scores?year=abc')"

# The default year and an explicit one agree.
check "years-api-default" is 200 "$(api viewer GET '/api/v1/scores?org=sales')"
cp "$WORK/body" "$WORK/default.json"
check "years-api-default-is-2025" has "$WORK/default.json" '"year":2025,'
check "years-api-2025" is 200 "$(api viewer GET '/api/v1/scores?org=sales&year=2025')"
check "years-api-2025-same" same "$WORK/default.json" "$WORK/body"

# --- pages: the same 400, not a silent default ------------------------------
for path in '/' '/scores' '/scores/contract/K1' '/evidence/K1/sales/S3.1' '/credits' '/promises' \
	'/alerts' '/contracts/K1'; do
	sep='?'
	case $path in *'?'*) sep='&' ;; esac
	check "years-page-abc-400 $path" is 400 "$(status viewer GET "$path${sep}year=abc&lang=en")"
	check "years-page-abc-says $path" has "$WORK/body" 'Give a year from 1001 to 9998.'
	check "years-page-2025-200 $path" is 200 "$(status viewer GET "$path${sep}year=2025&lang=en")"
done
check "years-page-ko-400" is 400 "$(status viewer GET '/scores?year=abc&lang=ko')"
check "years-page-ko-says" has "$WORK/body" '연도를 1001~9998 사이로 입력하세요.'
# A frozen year is named: no default there.
check "years-page-frozen-abc-400" is 400 "$(status viewer GET '/frozen?year=abc&lang=en')"
check "years-page-frozen-abc-says" has "$WORK/body" 'Give a year from 1001 to 9998.'
check "years-page-frozen-needs-year" is 400 "$(status viewer GET '/frozen?lang=en')"
check "years-page-frozen-not-frozen-404" is 404 "$(status viewer GET '/frozen?year=2025&lang=en')"
check "years-page-scores-default-2025" is 200 "$(status viewer GET '/scores?lang=en')"
check "years-page-scores-shows-2025" has "$WORK/body" 'value="2025"'

# --- the cycle's from and to: the same parser -------------------------------
check "years-cycle-api-from-abc-400" is 400 "$(api viewer GET '/api/v1/cycle?from=abc')"
check "years-cycle-api-from-field" has "$WORK/body" '"field":"from"'
check "years-cycle-api-to-abc-400" is 400 "$(api viewer GET '/api/v1/cycle?from=2024&to=abc')"
check "years-cycle-api-to-field" has "$WORK/body" '"field":"to"'
check "years-cycle-api-200" is 200 "$(api viewer GET '/api/v1/cycle?from=2024&to=2025')"
check "years-cycle-page-abc-400" is 400 "$(status viewer GET '/cycle?to=abc&lang=en')"
