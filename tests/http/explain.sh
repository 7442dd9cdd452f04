#!/bin/sh
# Explain (SPEC §7 drill-down): /api/v1/explain and the evidence page give
# the step-by-step account of `tandem explain`, word for word, in the
# user's language.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
login viewer
json_text() { python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))["text"])' "$WORK/body"; }

"$TANDEM" explain K1 S3.1 --year 2025 --db "$DB" > "$WORK/cli-en.txt"
"$TANDEM" explain K1 S3.1 --year 2025 --lang ko --db "$DB" > "$WORK/cli-ko.txt"
check "explain-api" is 200 "$(api viewer GET '/api/v1/explain?contract=K1&criterion=S3.1&year=2025')"
check "explain-api-head" has "$WORK/body" '{"contract":"K1","criterion":"S3.1","year":2025,"lang":"en","text":"'
json_text > "$WORK/api-en.txt"
check "explain-api-is-cli-text" same "$WORK/cli-en.txt" "$WORK/api-en.txt"
check "explain-api-ko" is 200 "$(api viewer GET '/api/v1/explain?contract=K1&criterion=S3.1&year=2025&lang=ko')"
json_text > "$WORK/api-ko.txt"
check "explain-api-ko-is-cli-text" same "$WORK/cli-ko.txt" "$WORK/api-ko.txt"
check "explain-api-unknown-contract" is 404 "$(api viewer GET '/api/v1/explain?contract=NOPE&criterion=S3.1&year=2025&lang=en')"
check "explain-api-unknown-says" has "$WORK/body" '"error":"'
check "explain-api-needs-criterion" is 400 "$(api viewer GET '/api/v1/explain?contract=K1')"
check "explain-api-bad-year" is 400 "$(api viewer GET '/api/v1/explain?contract=K1&criterion=S3.1&year=x')"
check "explain-api-anon" is 401 "$(api anon GET '/api/v1/explain?contract=K1&criterion=S3.1&year=2025')"
check "explain-page" is 200 "$(status viewer GET '/evidence/K1/sales/S3.1?year=2025&lang=en')"
check "explain-page-section" has "$WORK/body" '<pre class="explain" id="explain">'
check "explain-page-first-line" has "$WORK/body" "$(head -1 "$WORK/cli-en.txt" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g; s/'"'"'/\&#39;/g')"

# Scoring in words and values with units (issue 18): the step-by-step text
# says how the value became points, ratios also as %, money in won.
check "explain-cli-scoring-words-en" grep -qx 'value = 9 months ÷ 3 months = 3.0000 (300.0%); 100 points at 100% or less, 0 at 300% or more, in proportion between → 0.00' "$WORK/cli-en.txt"
check "explain-cli-no-formula" sh -c "! grep -q 'linear(' '$WORK/cli-en.txt' '$WORK/cli-ko.txt'"
check "explain-page-scoring-words-en" has "$WORK/body" 'value = 9 months ÷ 3 months = 3.0000 (300.0%); 100 points at 100% or less, 0 at 300% or more, in proportion between → 0.00'
check "explain-page-ko-S2.2" is 200 "$(status viewer GET '/evidence/K1/sales/S2.2?year=2025&lang=ko')"
check "explain-page-ko-won" has "$WORK/body" '- 손익 2025-03: 매출 1억 원, 비용 9,500만 원: 반영'
check "explain-page-ko-scoring-words" has "$WORK/body" '값 = 1,700만 원 ÷ 2,400만 원 = 0.7083 (70.8%); 0% 이하 0점, 100% 이상 100점, 그 사이는 비례 → 70.83'
check "explain-page-en-S2.2" is 200 "$(status viewer GET '/evidence/K1/sales/S2.2?year=2025&lang=en')"
check "explain-page-en-won" has "$WORK/body" '- financials 2025-03: revenue ₩100,000,000, cost ₩95,000,000: counted'
check "explain-json-scoring-kept-and-words" sh -c "'$TANDEM' score --year 2025 --format json --db '$DB' | grep -qF '\"scoring\": \"linear(0.5, 1)\", \"scoring_words\": {\"en\": \"0 points at 50% or less, 100 at 100% or more, in proportion between\", \"ko\": \"50% 이하 0점, 100% 이상 100점, 그 사이는 비례\"}'"
check "explain-cli-O1.1-won" sh -c "'$TANDEM' explain K1 O1.1 --year 2026 --db '$DB' | grep -qx 'expansion_value: value = ₩60,000,000 ÷ ₩1,200,000,000 = 0.0500 (5.0%); 0 points at 0% or less, 100 at 10% or more, in proportion between → 50.00'"
check "explain-cli-S1.2-days-ko" sh -c "'$TANDEM' explain K1 S1.2 --year 2025 --lang ko --db '$DB' | grep -qx '값 = 30일 ÷ 30일 = 1.0000 (100.0%); 100% 이하 100점, 200% 이상 0점, 그 사이는 비례 → 100.00'"
