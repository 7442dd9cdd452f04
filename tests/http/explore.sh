#!/bin/sh
# The scorecards as a drill-down (issue 18 point 6): company → organization
# → org unit → person → contract → criterion → evidence records, each a
# page with breadcrumbs of names, and every number equal to what
# `tandem score` prints for the same store; the lists are html_table:
# sorted, filtered and paged on the server, with totals. Today is
# 2026-11-26 (2026 is not over).
. "$(dirname "$0")/lib.sh"
export TANDEM_NOW=2026-11-26T09:00:00Z

"$TANDEM" demo --no-serve --db "$DB" >/dev/null 2>&1 || exit 1
echo "password-viewer" | "$TANDEM" user add viewer --role viewer --password-stdin --db "$DB" >/dev/null || exit 1
"$TANDEM" score --db "$DB" --year 2025 --format csv > "$WORK/s2025.csv" || exit 1
"$TANDEM" score --db "$DB" --year 2025 --format json > "$WORK/s2025.json" || exit 1
"$TANDEM" score --db "$DB" --year 2024 --format csv > "$WORK/s2024.csv" || exit 1
"$TANDEM" score --db "$DB" --year 2026 --format csv > "$WORK/s2026.csv" || exit 1
start_server --quiet || exit 1
login viewer || exit 1

# score KIND ID ORG CRITERION [FILE]: the score column of tandem score's CSV
score() { awk -F, -v k="$1" -v i="$2" -v o="$3" -v c="$4" '$1==k && $2==i && $3==o && $4==c { print $6 }' "${5:-$WORK/s2025.csv}"; }
value() { awk -F, -v k="$1" -v i="$2" -v o="$3" -v c="$4" '$1==k && $2==i && $3==o && $4==c { print $5 }' "$WORK/s2025.csv"; }
weight() { awk -F, -v k="$1" -v i="$2" -v o="$3" -v c="$4" '$1==k && $2==i && $3==o && $4==c { print $7 }' "$WORK/s2025.csv"; }
# evidence ORG [CONTRACT...]: records and metric-months with data behind
# the criteria of those contracts (all when none), from the JSON
evidence() {
	python3 - "$WORK/s2025.json" "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
org, only = sys.argv[2], set(sys.argv[3:])
n = 0
for r in d["rows"]:
    if r["subject_kind"] != "contract" or r["org"] != org or "evidence" not in r:
        continue
    if only and r["subject_id"] not in only:
        continue
    e = r["evidence"]
    n += len(e.get("records", []))
    for m in (e.get("sla") or {}).get("months", []):
        n += sum(1 for x in m["metrics"] if x["has_data"])
print(f"{n:,}")
EOF
}
# tile_of LABEL: the tile of that label on the last page fetched (through its </a>)
tile_of() { awk -v l="<span class=\"tile-label\">$1</span>" 'index($0, l) { on = 1 } on { print } on && /<\/a>/ { exit }' "$WORK/body"; }
grouped() { python3 -c "import sys; print(f'{int(float(sys.argv[1])):,}')" "$1"; }

# --- company ------------------------------------------------------------------
check "explore-company-200" is 200 "$(status viewer GET '/scores?year=2025&lang=en')"
check "explore-company-crumb" has "$WORK/body" '<nav class="crumbs" aria-label="Where you are"><ol><li aria-current="page">Company</li></ol></nav>'
check "explore-company-sales-tile" has "$WORK/body" "<a class=\"tile\" id=\"org-sales\" href=\"/scores/company/company?year=2025&amp;org=sales\"><span class=\"tile-label\">Sales</span><span class=\"tile-score\">$(score company company sales total) <span class=\"grade grade-C\">C</span>"
check "explore-company-operations-total" has "$WORK/body" "id=\"org-operations\" href=\"/scores/company/company?year=2025&amp;org=operations\"><span class=\"tile-label\">Operations</span><span class=\"tile-score\">$(score company company operations total) "
check "explore-company-evidence-sales" has "$WORK/body" "· evidence $(evidence sales)</span>"
check "explore-company-top-units" has "$WORK/body" "<th scope=\"row\" title=\"SALES\"><a href=\"/scores/org_unit/SALES?year=2025&amp;org=sales\">영업본부</a></th><td class=\"num\">$(score org_unit SALES sales total) <span class=\"grade"
# the trend: past years from the same engine, on one 0–100 scale
check "explore-trend-2024-value" has "$WORK/body" "<title>2024: $(score company company sales total "$WORK/s2024.csv")</title>"
check "explore-trend-2025-value" has "$WORK/body" "<title>2025: $(score company company sales total)</title>"
check "explore-trend-svg" has "$WORK/body" 'class="chart spark" role="img"'
check "explore-trend-first-year-200" is 200 "$(status viewer GET '/scores?year=2023&lang=en')"
check "explore-trend-one-year-said" has "$WORK/body" 'one year only: no trend yet'
check "explore-trend-partial-200" is 200 "$(status viewer GET '/scores?year=2026&lang=en')"
check "explore-trend-partial-marked" has "$WORK/body" "<title>2026: $(score company company sales total "$WORK/s2026.csv") (the year is not over yet)</title>"

# --- organization ------------------------------------------------------------------
check "explore-org-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en')"
check "explore-org-crumbs" has "$WORK/body" '<ol><li><a href="/scores?year=2025">Company</a></li><li aria-current="page">Sales</li></ol>'
check "explore-org-total" has "$WORK/body" "<span class=\"tile-score\">$(score company company sales total) <span class=\"grade grade-C\">C</span></span>"
check "explore-org-evidence" has "$WORK/body" "<span id=\"evidence-count\">evidence $(evidence sales)</span>"
check "explore-org-category-S1" has "$WORK/body" "<span class=\"tile-score\">$(score company company sales S1)</span><span class=\"tile-sub\">weight 30</span>"
check "explore-org-category-tile-link" has "$WORK/body" '<a class="tile" href="/scores/company/company?year=2025&amp;org=sales&amp;contracts_sort=S1&amp;contracts_dir=asc#contracts-section">'
n_sales=$(grep -c '^contract,[^,]*,sales,total,' "$WORK/s2025.csv")
n_avail=$(grep -c '^contract,[^,]*,sales,total,,[0-9]' "$WORK/s2025.csv")
check "explore-org-rollup-words" has "$WORK/body" "<p class=\"rollup\" id=\"rollup\">Sales: the total $(score company company sales total) is the mean of the totals of its $n_sales contracts ($n_avail of them have a total), weighted by annual value (₩$(grouped "$(weight company company sales total)") in all);"
check "explore-org-contracts-range" has "$WORK/body" "<span class=\"range\">1–$n_sales of $n_sales</span>"
sum=$(awk -F, '$1=="contract" && $3=="sales" && $4=="total" { s += $7 } END { printf "%.0f", s }' "$WORK/s2025.csv")
check "explore-org-contracts-total-value" has "$WORK/body" "<td class=\"num total-row\">₩$(grouped "$sum")</td>"

# sorting, filtering, paging: server-side, links only
low=$(awk -F, '$1=="contract" && $3=="sales" && $4=="total" && $6!="" { print $6, $2 }' "$WORK/s2025.csv" | sort -n | head -1)
high=$(awk -F, '$1=="contract" && $3=="sales" && $4=="total" && $6!="" { print $6, $2 }' "$WORK/s2025.csv" | sort -rn | head -1)
first_contract() { grep -o '<tbody>.<tr><th scope="row"><a href="/scores/contract/[^?]*' "$WORK/body" | tail -1 | sed 's|.*/scores/contract/||'; }
check "explore-sort-total-asc-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_sort=total&contracts_dir=asc')"
check "explore-sort-total-asc-first" has "$WORK/body" "<tr><th scope=\"row\"><a href=\"/scores/contract/${low#* }?year=2025&amp;org=sales\">${low#* }</a>"
awk '/id="contracts"/,0' "$WORK/body" | grep -o 'href="/scores/contract/[^?]*' | head -1 > "$WORK/first"
check "explore-sort-total-asc-lowest-first" is "href=\"/scores/contract/${low#* }" "$(cat "$WORK/first")"
check "explore-sort-aria" has "$WORK/body" '<th scope="col" class="num" aria-sort="ascending"><a class="sort" href="/scores/company/company?year=2025&amp;org=sales&amp;contracts_sort=total&amp;contracts_dir=desc">Total <span aria-hidden="true">▲</span></a></th>'
check "explore-sort-total-desc-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_sort=total&contracts_dir=desc')"
awk '/id="contracts"/,0' "$WORK/body" | grep -o 'href="/scores/contract/[^?]*' | head -1 > "$WORK/first"
check "explore-sort-total-desc-highest-first" is "href=\"/scores/contract/${high#* }" "$(cat "$WORK/first")"
check "explore-page-2-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_per=5&contracts_page=2')"
check "explore-page-2-range" has "$WORK/body" "<span class=\"range\">6–10 of $n_sales</span>"
check "explore-page-2-rows" is 5 "$(awk '/id="contracts"/,/<\/table>/' "$WORK/body" | grep -c '<tr><th scope="row"><a href="/scores/contract/')"
check "explore-page-2-prev" has "$WORK/body" '<a rel="prev" href="/scores/company/company?year=2025&amp;org=sales&amp;contracts_per=5">'
check "explore-page-2-next" has "$WORK/body" '<a rel="next" href="/scores/company/company?year=2025&amp;org=sales&amp;contracts_per=5&amp;contracts_page=3">'
n_ct1=$(grep -c '^contract,CT1[0-9],sales,total,' "$WORK/s2025.csv")
check "explore-filter-text-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_q=ct1')"
check "explore-filter-text-rows" is "$n_ct1" "$(awk '/id="contracts"/,/<\/table>/' "$WORK/body" | grep -c '<tr><th scope="row"><a href="/scores/contract/CT1')"
check "explore-filter-text-range" has "$WORK/body" "<span class=\"range\">1–$n_ct1 of $n_ct1</span>"
check "explore-filter-text-kept" has "$WORK/body" '<input type="search" name="contracts_q" value="ct1">'
owner=$(awk -F, '$1=="person" && $3=="sales" && $4=="total" && $6!="" { print $2 }' "$WORK/s2025.csv" | head -1)
owner_name=$(grep -o "<a href=\"/scores/person/$owner?year=2025&amp;org=sales\">[^<]*" "$WORK/body" | head -1 | sed 's/.*">//')
check "explore-filter-choice-200" is 200 "$(status viewer GET "/scores/company/company?year=2025&org=sales&lang=en&contracts_f_owner=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$owner_name")")"
check "explore-filter-choice-selected" has "$WORK/body" "<option value=\"$owner_name\" selected>$owner_name</option>"
check "explore-filter-choice-only-theirs" is "" "$(awk '/id="contracts"/,/<\/table>/' "$WORK/body" | grep '<tr><th scope="row">' | grep -v "<td>$owner_name</td>")"
check "explore-filter-none-match" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_q=zzzz')"
check "explore-filter-none-match-says" has "$WORK/body" 'No row matches the filter'

# a table is a view: bad parameters fall back to the defaults, never an error
check "explore-bad-params-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_sort=nope&contracts_dir=up&contracts_page=abc&contracts_per=0')"
check "explore-bad-params-first-page" has "$WORK/body" "<span class=\"range\">1–$n_sales of $n_sales</span>"
check "explore-hostile-filter-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_q=%3Cscript%3Ex%22')"
check "explore-hostile-filter-escaped" has "$WORK/body" 'name="contracts_q" value="&lt;script&gt;x&quot;"'
check "explore-hostile-filter-no-raw" hasnt "$WORK/body" '<script>x'
check "explore-far-page-is-last" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&contracts_per=10&contracts_page=99')"
last_first=$(( (n_sales - 1) / 10 * 10 + 1 ))
check "explore-far-page-range" has "$WORK/body" "<span class=\"range\">$last_first–$n_sales of $n_sales</span>"

# --- org unit ------------------------------------------------------------------------
check "explore-unit-200" is 200 "$(status viewer GET '/scores/org_unit/SALES-1?year=2025&org=sales&lang=en')"
check "explore-unit-crumbs" has "$WORK/body" '<ol><li><a href="/scores?year=2025">Company</a></li><li><a href="/scores/company/company?year=2025&amp;org=sales">Sales</a></li><li><a href="/scores/org_unit/SALES?year=2025&amp;org=sales">영업본부</a></li><li aria-current="page">영업1팀</li></ol>'
check "explore-unit-total" has "$WORK/body" "<div class=\"tile\" id=\"total-tile\"><span class=\"tile-label\">Total</span><span class=\"tile-score\">$(score org_unit SALES-1 sales total) "
check "explore-unit-members" has "$WORK/body" 'id="people-section"'
check "explore-parent-unit-lists-child" is 200 "$(status viewer GET '/scores/org_unit/SALES?year=2025&org=sales&lang=en')"
check "explore-parent-unit-child-row" has "$WORK/body" "<th scope=\"row\" title=\"SALES-1\"><a href=\"/scores/org_unit/SALES-1?year=2025&amp;org=sales\">영업1팀</a></th><td class=\"num\">$(score org_unit SALES-1 sales total) "
check "explore-unit-other-kind-200" is 200 "$(status viewer GET '/scores/org_unit/HQ?year=2025&org=sales&lang=en')"
check "explore-unit-other-kind-crumbs" has "$WORK/body" '<li><a href="/scores/company/company?year=2025&amp;org=sales">Sales</a></li><li aria-current="page">한빛 BPO 경영진</li></ol>'
check "explore-unit-other-kind-total" has "$WORK/body" "<span class=\"tile-score\">$(score org_unit HQ sales total) "
check "explore-unit-ko-200" is 200 "$(status viewer GET '/scores/org_unit/SALES?year=2025&org=sales&lang=ko')"
check "explore-unit-ko-rollup" has "$WORK/body" "영업본부: 종합 점수 $(score org_unit SALES sales total)점은 담당 계약"
check "explore-unit-ko-crumbs" has "$WORK/body" '<nav class="crumbs" aria-label="현재 위치"><ol><li><a href="/scores?year=2025">전사</a></li><li><a href="/scores/company/company?year=2025&amp;org=sales">영업</a></li>'

# --- person ------------------------------------------------------------------------
check "explore-person-200" is 200 "$(status viewer GET '/scores/person/P05?year=2025&org=sales&lang=en')"
check "explore-person-crumbs" has "$WORK/body" '<li><a href="/scores/org_unit/SALES-1?year=2025&amp;org=sales">영업1팀</a></li><li aria-current="page">정서연</li></ol>'
check "explore-person-total" has "$WORK/body" "<span class=\"tile-score\">$(score person P05 sales total) "
change=$(python3 -c "import sys; d=round(float(sys.argv[1])-float(sys.argv[2]),2); print(('+' if d>0 else '')+f'{d:.2f}')" "$(score person P05 sales total)" "$(score person P05 sales total "$WORK/s2024.csv")")
status viewer GET '/scores/company/company?year=2025&org=sales&lang=en' > /dev/null
check "explore-trend-column-change" has "$WORK/body" " $change</td>"
check "explore-trend-column-sorts" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=en&people_sort=trend&people_dir=desc')"
top=$(for p in $(awk -F, '$1=="person" && $3=="sales" && $4=="total" && $6!="" { print $2 }' "$WORK/s2025.csv"); do
	a=$(score person "$p" sales total); b=$(score person "$p" sales total "$WORK/s2024.csv")
	[ -n "$b" ] && python3 -c "import sys; print(round(float(sys.argv[1])-float(sys.argv[2]),2), sys.argv[3])" "$a" "$b" "$p"
done | sort -rn | head -1 | cut -d' ' -f2)
awk '/id="people"/,/<\/table>/' "$WORK/body" | grep -o 'href="/scores/person/[^?]*' | head -1 > "$WORK/first"
check "explore-trend-column-biggest-rise-first" is "href=\"/scores/person/$top" "$(cat "$WORK/first")"
status viewer GET '/scores/person/P05?year=2025&org=sales&lang=en' > /dev/null
check "explore-person-lists-CT16" has "$WORK/body" "<tr><th scope=\"row\"><a href=\"/scores/contract/CT16?year=2025&amp;org=sales\">CT16</a> <span class=\"muted\">초록캐피탈</span></th><td>정서연</td><td class=\"num\">$(score contract CT16 sales total) "
tile_of "Quality of contract terms" > "$WORK/tile-P05-S2"
check "explore-person-category-trend-2024" has "$WORK/tile-P05-S2" "<title>2024: $(score person P05 sales S2 "$WORK/s2024.csv")</title>"
check "explore-person-category-trend-2025" has "$WORK/tile-P05-S2" "<title>2025: $(score person P05 sales S2)</title>"
status viewer GET '/scores/org_unit/SALES-1?year=2025&org=sales&lang=en' > /dev/null
tile_of "Stabilization" > "$WORK/tile-unit-S3"
check "explore-unit-category-trend-2024" has "$WORK/tile-unit-S3" "<title>2024: $(score org_unit SALES-1 sales S3 "$WORK/s2024.csv")</title>"
check "explore-unit-category-trend-2025" has "$WORK/tile-unit-S3" "<title>2025: $(score org_unit SALES-1 sales S3)</title>"
check "explore-org-2026-ko" is 200 "$(status viewer GET '/scores/company/company?year=2026&org=sales&lang=ko')"
tile_of "계약 준비도" > "$WORK/tile-org-S1"
check "explore-org-category-trend-ko-title" has "$WORK/tile-org-S1" 'aria-label="연도별 계약 준비도 점수, 2023–2026"'
check "explore-org-category-trend-partial-marked" has "$WORK/tile-org-S1" "<title>2026: $(score company company sales S1 "$WORK/s2026.csv") (진행 중인 연도)</title>"
check "explore-org-category-trend-partial-hollow" has "$WORK/tile-org-S1" 'r="3.5" fill="#ffffff"'
check "explore-org-category-trend-2025" has "$WORK/tile-org-S1" "<title>2025: $(score company company sales S1)</title>"

# --- contract ------------------------------------------------------------------------
check "explore-contract-200" is 200 "$(status viewer GET '/scores/contract/CT16?year=2025&org=sales&lang=en')"
check "explore-contract-crumbs" has "$WORK/body" '<li><a href="/scores/person/P05?year=2025&amp;org=sales">정서연</a></li><li aria-current="page">CT16 초록캐피탈</li></ol>'
check "explore-contract-total" has "$WORK/body" "<span class=\"tile-score\">$(score contract CT16 sales total) "
check "explore-contract-evidence" has "$WORK/body" "<span id=\"evidence-count\">evidence $(evidence sales CT16)</span>"
check "explore-contract-S1.1-row" has "$WORK/body" "<tr id=\"crit-S1.1\"><th scope=\"row\"><a href=\"/evidence/CT16/sales/S1.1?year=2025\">S1.1 "
check "explore-contract-S1.1-value-percent" has "$WORK/body" "<td class=\"num\" title=\"$(value contract CT16 sales S1.1)\">60.0%</td><td class=\"num\">$(score contract CT16 sales S1.1)</td><td class=\"num\"><svg "
check "explore-contract-S1.1-scoring-words" has "$WORK/body" "</svg>
 0.00</td><td>0 points at 50% or less, 100 at 100% or more, in proportion between</td>"
# Trends beside each category and criterion (issue 18): the same engine's
# scores of the years before, on one 0–100 scale.
awk '/<tr id="crit-S1.1">/,/<\/tr>/' "$WORK/body" > "$WORK/crit-S1.1"
check "explore-contract-S1.1-trend-2024" has "$WORK/crit-S1.1" "<title>2024: $(score contract CT16 sales S1.1 "$WORK/s2024.csv")</title>"
check "explore-contract-S1.1-trend-2025" has "$WORK/crit-S1.1" "<title>2025: $(score contract CT16 sales S1.1)</title></circle>"
check "explore-contract-S1.1-trend-scale" has "$WORK/crit-S1.1" '<path d="M4.0 21.6 L92.0 21.6"'
tile_of "Contract readiness" > "$WORK/tile-S1"
check "explore-contract-category-trend-title" has "$WORK/tile-S1" 'aria-label="Contract readiness by year, 2024–2025"'
check "explore-contract-category-trend-2024" has "$WORK/tile-S1" "<title>2024: $(score contract CT16 sales S1 "$WORK/s2024.csv")</title>"
check "explore-contract-category-trend-2025" has "$WORK/tile-S1" "<title>2025: $(score contract CT16 sales S1)</title>"
check "explore-contract-evidence-link" has "$WORK/body" '<a href="/evidence/CT16/sales/S3.1?year=2025" aria-label="Evidence S3.1">evidence '
check "explore-contract-rollup" has "$WORK/body" 'The total is the weighted mean of the category scores that are available (weights: Contract readiness 30, Quality of contract terms 35, Stabilization 35)'
check "explore-contract-unknown-404" is 404 "$(status viewer GET '/scores/contract/NOPE?year=2025&org=sales')"

# --- criterion and its evidence --------------------------------------------------------------
check "explore-criterion-200" is 200 "$(status viewer GET '/evidence/CT16/sales/S1.1?year=2025&lang=en')"
check "explore-criterion-crumbs" has "$WORK/body" '<li><a href="/scores/contract/CT16?year=2025&amp;org=sales">CT16 초록캐피탈</a></li><li aria-current="page">S1.1 '
check "explore-criterion-late-note" has "$WORK/body" '<td>2024-08-07 <span class="muted">6 days after go-live (2024-08-01)</span></td><td>not counted (done after go-live)</td>'
check "explore-criterion-late-notice" has "$WORK/body" '<p class="notice" id="late-items">Readiness items done after go-live: 1.'
check "explore-criterion-scoring-words" has "$WORK/body" '<td>0 points at 50% or less, 100 at 100% or more, in proportion between</td>'
check "explore-criterion-counted-total" has "$WORK/body" '<td class="num total-row">3.00</td>'
link=$(grep -o 'href="/records/readiness?contract_id=CT16&amp;item=[^"]*' "$WORK/body" | head -1 | sed 's/^href="//; s/&amp;/\&/g')
check "explore-evidence-record-link" test -n "$link"
check "explore-evidence-record-200" is 200 "$(status viewer GET "$link")"
check "explore-evidence-record-shown" has "$WORK/body" 'CT16'
check "explore-criterion-ko-200" is 200 "$(status viewer GET '/evidence/CT16/sales/S1.1?year=2025&lang=ko')"
check "explore-criterion-ko-late" has "$WORK/body" '운영 개시일(2024-08-01)보다 6일 늦음'
check "explore-criterion-ko-scoring" has "$WORK/body" '50% 이하 0점, 100% 이상 100점, 그 사이는 비례'

# --- won in Korean, counted in 억/만 ---------------------------------------------------------
check "explore-org-ko-200" is 200 "$(status viewer GET '/scores/company/company?year=2025&org=sales&lang=ko')"
check "explore-org-ko-won" has "$WORK/body" '(합계 180억 5,000만 원)'
check "explore-org-ko-range" has "$WORK/body" "<span class=\"range\">${n_sales}건 중 1–$n_sales</span>"

# --- page time on the demo store (measured, reported; not asserted) ----------------------------
for p in '/scores?year=2025' '/scores/company/company?year=2025&org=sales' '/scores/org_unit/SALES-1?year=2025&org=sales' \
	'/scores/person/P05?year=2025&org=sales' '/scores/contract/CT16?year=2025&org=sales' '/evidence/CT16/sales/S1.1?year=2025'; do
	t=$(curl -s -o /dev/null -w '%{time_total}' -b "$WORK/viewer.jar" "$URL$p&lang=en&t=1")
	echo "# time $p ${t}s"
done
echo "1..$_n"
