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
