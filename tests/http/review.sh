#!/bin/sh
# The yearly review's displays in the web (issue 17 items 3 and 4): the
# dashboard's grade distribution, and a what-if that explains itself (each
# category's change in contribution, adding up to the total's change) and
# shows the grade distribution before → after, the same as the CLI.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
# 2026 is judged with operations_min_months 11: K2 (live since 2026-03-02,
# month 10 in December) is too early, K1 (month 22) is scored.
"$TANDEM" model show default --db "$DB" |
	sed 's/"fiscal_year_first_month": 1,/"fiscal_year_first_month": 1,\n  "operations_min_months": 11,/' > "$WORK/m11.json"
"$TANDEM" model import "$WORK/m11.json" --year 2026 --db "$DB" >/dev/null
"$TANDEM" model activate 2026-1 --db "$DB" >/dev/null
start_server --quiet || exit 1
for r in executive viewer; do login "$r"; done

# 2025 of the small company (with make_store's extra records): sales P-S1
# 51.81 D, operations P-O1 12.50 D; units HQ and S1 (sales), HQ and OP1
# (operations) the same.
check "dash-grades-page" is 200 "$(status viewer GET '/?year=2025')"
check "dash-grades-table" has "$WORK/body" 'id="grade-distribution"'
check "dash-grades-sales-people" has "$WORK/body" \
	'<tr data-org="sales" data-kind="person"><th scope="row">Sales · people</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">0</td></tr>'
check "dash-grades-operations-units" has "$WORK/body" \
	'<tr data-org="operations" data-kind="org_unit"><th scope="row">Operations · org units</th><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">2</td><td class="num">0</td></tr>'
check "dash-grades-ko" is 200 "$(status viewer GET '/?year=2025&lang=ko')"
check "dash-grades-ko-title" has "$WORK/body" '등급 분포'

# A draft: readiness (S1) weighs 60 instead of 30, grade C needs only 10.
"$TANDEM" model show default --db "$DB" |
	sed '0,/"weight": 30/s//"weight": 60/; s/{"grade": "C", "min": 60}/{"grade": "C", "min": 10}/' > "$WORK/draft.json"
check "review-whatif-api" is 200 "$(api executive POST '/api/v1/models/whatif?year=2025' "$(cat "$WORK/draft.json")")"
cp "$WORK/body" "$WORK/whatif.json"
# Sales company: S1 65.28, S2 75.42, S3 16.67. Old contributions over
# 100: S1 30·65.28/100 = 19.58, S2 26.40, S3 5.83 (total 51.81); new over
# 130: S1 60·65.28/130 = 30.13, S2 35·75.42/130 = 20.30, S3 4.49 (total
# 54.92): changes +10.55, -6.09, -1.35, adding up to +3.11.
check "review-whatif-contributions" has "$WORK/whatif.json" \
	'"subject_kind":"company","subject_id":"company","org":"sales","old_total":51.81,"new_total":54.92,"delta":3.11,"old_grade":"D","new_grade":"C"'
check "review-whatif-contributions-add-up" has "$WORK/whatif.json" \
	'"contributions":[{"category":"S1","old":19.58,"new":30.13,"delta":10.55},{"category":"S2","old":26.40,"new":20.30,"delta":-6.09},{"category":"S3","old":5.83,"new":4.49,"delta":-1.35}]'
check "review-whatif-grades" has "$WORK/whatif.json" \
	'{"org":"sales","subject_kind":"person","grades":[{"grade":"S","before":0,"after":0},{"grade":"A","before":0,"after":0},{"grade":"B","before":0,"after":0},{"grade":"C","before":0,"after":1},{"grade":"D","before":1,"after":0},{"grade":null,"before":0,"after":0}]}'
# the CLI says the same
"$TANDEM" whatif --model "$WORK/draft.json" --year 2025 --format json --db "$DB" > "$WORK/cli.json"
check "review-whatif-cli-json-rows-match" sh -c "
	sed 's/.*\"rows\"://' '$WORK/cli.json' | head -c 2000 > '$WORK/a' &&
	sed 's/.*\"rows\"://' '$WORK/whatif.json' | head -c 2000 > '$WORK/b' && cmp '$WORK/a' '$WORK/b'"
"$TANDEM" whatif --model "$WORK/draft.json" --year 2025 --db "$DB" > "$WORK/cli.txt"
check "review-whatif-cli-text" has "$WORK/cli.txt" 'Company (Sales): 51.81 D → 54.92 C (+3.11 = S1 +10.55 + S2 -6.09 + S3 -1.35)'
check "review-whatif-cli-text-grades" has "$WORK/cli.txt" \
	'  Sales: people S 0 → 0, A 0 → 0, B 0 → 0, C 0 → 1, D 1 → 0, n/a 0 → 0; org units S 0 → 0, A 0 → 0, B 0 → 0, C 0 → 2, D 2 → 0, n/a 0 → 0'
check "review-whatif-page" is 200 "$(status executive POST '/models/whatif?year=2025' -F "model=@$WORK/draft.json" -F "csrf=$(cat "$WORK/executive.csrf")")"
check "review-whatif-page-contributions" has "$WORK/body" '= S1 +10.55 + S2 -6.09 + S3 -1.35'
check "review-whatif-page-grades" has "$WORK/body" 'id="whatif-grades"'
check "review-whatif-page-grades-row" has "$WORK/body" \
	'<tr><th scope="row">Sales · people</th><td class="num">0 → 0</td><td class="num">0 → 0</td><td class="num">0 → 0</td><td class="num">0 → 1</td><td class="num">1 → 0</td><td class="num">0 → 0</td></tr>'

# --- too early to judge (item 2) -------------------------------------------
check "maturity-scores-page" is 200 "$(status viewer GET '/scores?year=2026&org=operations')"
check "maturity-scores-card" has "$WORK/body" 'id="too-early"'
check "maturity-scores-lists-K2" has "$WORK/body" '<a href="/contracts/K2">K2</a>'
check "maturity-scores-months" has "$WORK/body" '<td>2026-03-02</td><td class="num">10</td><td>박운영</td>'
check "maturity-scores-K1-not-listed" hasnt "$WORK/body" '<a href="/contracts/K1">K1</a>'
check "maturity-contract-page-says-so" is 200 "$(status viewer GET '/scores/contract/K2?year=2026&org=operations')"
check "maturity-contract-page-notice" has "$WORK/body" 'id="too-early-contract"'
check "maturity-contract-page-no-score" hasnt "$WORK/body" 'class="tile-score"'
check "maturity-person-page" is 200 "$(status viewer GET '/scores/person/P-O1?year=2026&org=operations')"
check "maturity-person-lists-K2" has "$WORK/body" '<a href="/contracts/K2">K2</a>'
# K1 alone (66.67 with make_store's extra records), never K2's 10.00
check "maturity-person-total-is-K1" has "$WORK/body" '<span class="tile-score">66.67'
check "maturity-scored-contract-unchanged" is 200 "$(status viewer GET '/scores/contract/K1?year=2026&org=operations')"
check "maturity-scored-contract-no-notice" hasnt "$WORK/body" 'too-early'
check "maturity-ko" is 200 "$(status viewer GET '/scores?year=2026&org=operations&lang=ko')"
check "maturity-ko-title" has "$WORK/body" '판단하기 이른 계약'
check "maturity-2025-no-card" is 200 "$(status viewer GET '/scores?year=2025&org=operations')"
check "maturity-2025-no-card-body" hasnt "$WORK/body" 'id="too-early"'
