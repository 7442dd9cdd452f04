#!/bin/sh
# Year-over-year trends beside scores (issue 18): a person whose contracts
# were scored in 2022, 2023 and 2025 but who had none in 2024 shows 2024 as
# a gap in the line, not a zero and not a skipped year; the same years and
# values in the total's and each category's sparkline as `tandem score`
# prints; the same store gives the same bytes.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
mkdir -p "$WORK/k3"
cat > "$WORK/k3/contracts.csv" <<'CSV'
id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id
K3,C1,이메일상담,2022-01-10,2022-02-01,2022-03-01,2022-06-01,2023-12-31,100000000,low,P-S1,P-O1,30,3,,
CSV
"$TANDEM" import --db "$DB" "$WORK/k3" >/dev/null || exit 1
for y in 2022 2023 2024 2025; do
	"$TANDEM" score --db "$DB" --year $y --format csv > "$WORK/s$y.csv" || exit 1
done
start_server --quiet || exit 1
login viewer || exit 1

# score YEAR KIND ID ORG CRITERION: the score column of tandem score's CSV
score() { awk -F, -v k="$2" -v i="$3" -v o="$4" -v c="$5" '$1==k && $2==i && $3==o && $4==c { print $6 }' "$WORK/s$1.csv"; }
# tile_of LABEL: the tile of that label on the last page fetched
tile_of() { awk -v l="<span class=\"tile-label\">$1</span>" 'index($0, l) { on = 1 } on { print } on && /<\/a>|<\/div>/ { exit }' "$WORK/body"; }

check "trend-no-2024-subjects" is "" "$(score 2024 person P-S1 sales total)"
check "trend-2023-scored" test -n "$(score 2023 person P-S1 sales total)"
check "trend-person-200" is 200 "$(status viewer GET '/scores/person/P-S1?year=2025&org=sales&lang=en')"
cp "$WORK/body" "$WORK/person.html"
tile_of Total > "$WORK/total"
check "trend-total-2022" has "$WORK/total" "<circle cx=\"4.0\" cy=\"$(awk -v s="$(score 2022 person P-S1 sales total)" 'BEGIN { printf "%.1f", 26 - 22 * s / 100 }')\" r=\"2\" fill=\"#2f5d8a\"><title>2022: $(score 2022 person P-S1 sales total)</title>"
check "trend-total-2023" has "$WORK/total" "<title>2023: $(score 2023 person P-S1 sales total)</title>"
check "trend-total-2024-is-a-gap" hasnt "$WORK/total" "<title>2024:"
check "trend-total-2025-last" has "$WORK/total" "<circle cx=\"92.0\""
check "trend-total-2025" has "$WORK/total" "<title>2025: $(score 2025 person P-S1 sales total)</title>"
check "trend-total-line-stops-at-gap" has "$WORK/total" '<path d="M4.0 '
check "trend-total-line-not-across-gap" hasnt "$WORK/total" ' L62.7 '
check "trend-total-one-line-only" is 1 "$(grep -c "<path d=" "$WORK/total")"
check "trend-total-2025-dot-alone" hasnt "$WORK/total" "<path d=\"M92.0"
tile_of "Quality of contract terms" > "$WORK/s2"
check "trend-category-title" has "$WORK/s2" 'aria-label="Quality of contract terms by year, 2022–2025"'
check "trend-category-2022" has "$WORK/s2" "<title>2022: $(score 2022 person P-S1 sales S2)</title>"
check "trend-category-2025" has "$WORK/s2" "<title>2025: $(score 2025 person P-S1 sales S2)</title>"
check "trend-category-gap" hasnt "$WORK/s2" "<title>2024:"
check "trend-person-ko-200" is 200 "$(status viewer GET '/scores/person/P-S1?year=2025&org=sales&lang=ko')"
check "trend-category-title-ko" has "$WORK/body" 'aria-label="연도별 계약 조건의 품질 점수, 2022–2025"'
check "trend-same-bytes" is 200 "$(status viewer GET '/scores/person/P-S1?year=2025&org=sales&lang=en')"
check "trend-same-bytes-same" sh -c "cmp -s '$WORK/body' '$WORK/person.html'"
