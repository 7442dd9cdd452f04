#!/bin/sh
# CLI scenarios for import and export (issue 2): a valid folder imports;
# a folder with one error of every kind gives exactly the expected lines
# and leaves the store untouched; export round-trips byte for byte.
. "$(dirname "$0")/lib.sh"

check "import-init" "$TANDEM" init
check "import-small-folder" "$TANDEM" import "$DATA/small"
check "export-csv" "$TANDEM" export --out before
check "export-has-19-files" test "$(ls before | wc -l)" -eq 19

# Round trip: a fresh store fed the export exports the same bytes.
check "export-roundtrip" sh -c '
	"$TANDEM" --db rt.db init >/dev/null &&
	"$TANDEM" --db rt.db import before >/dev/null &&
	"$TANDEM" --db rt.db export --out after >/dev/null &&
	diff -r before after'
check "export-stable" sh -c '"$TANDEM" export --out again >/dev/null && diff -r before again'

# Re-importing a key replaces the row.
mkdir replace
printf 'id,name,industry,referred_by\nC2,다라 생명,보험,C1\n' > replace/clients.csv
check "import-reimport-replaces" sh -c '
	"$TANDEM" import replace >/dev/null &&
	"$TANDEM" export clients --out replaced >/dev/null &&
	grep -q "^C2,다라 생명,보험,C1\$" replaced/clients.csv'
"$TANDEM" export --out before >/dev/null

# Every kind of bad input at once: exact lines, exit status 1, no change.
cp -r "$DATA/bad" bad
"$TANDEM" import bad > bad.out 2> bad.err
echo $? > bad.status
check "import-bad-status-1" test "$(cat bad.status)" -eq 1
check "import-bad-exact-errors" same "$DATA/bad.expected" bad.err
check "import-bad-store-unchanged" sh -c '"$TANDEM" export --out after-bad >/dev/null && diff -r before after-bad'
check "import-bad-dry-run-same-errors" sh -c '"$TANDEM" import --dry-run bad 2>&1 >/dev/null | diff - "$DATA/bad.expected"'

# measurements.csv rows take a lean path (store/import.c) unless anything
# is odd; whatever it declines, the general path reports in its own words:
# the lines below are what the importer gave before the lean path existed.
mkdir lean
cp "$DATA"/small/*.csv lean/
cp "$DATA/lean_measurements.csv" lean/measurements.csv
check "import-lean-path-same-errors" sh -c '"$TANDEM" import lean 2>&1 | diff - "$DATA/lean.expected"'
check "import-lean-path-store-unchanged" sh -c '"$TANDEM" export --out after-lean >/dev/null && diff -r before after-lean'
# The same days with CRLF line ends and the columns in another order.
mkdir crlf
awk -F, 'BEGIN { OFS = "," } { printf "%s,%s,%s,%s,%s\r\n", $5, $3, $1, $4, $2 }' \
	"$DATA/small/measurements.csv" > crlf/measurements.csv
check "import-lean-path-crlf-reordered" sh -c '
	"$TANDEM" import crlf >/dev/null &&
	"$TANDEM" export --out after-crlf >/dev/null && diff -r before after-crlf'

# Daily files are often in date order: every line another contract or
# metric. 400 days of both metrics of K1 over two years, imported in date
# order and in key order into fresh stores, store the same days; importing
# the date-ordered file again over the key-ordered store changes nothing.
mkdir dated keyed
cp "$DATA"/small/*.csv dated/
cp "$DATA"/small/*.csv keyed/
awk 'BEGIN {
	print "contract_id,metric,date,numerator,denominator"
	split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
	y = 2025; m = 3; d = 15
	for (i = 0; i < 400; i++) {
		printf "K1,SL,%04d-%02d-%02d,%d,1000\n", y, m, d, 700 + i % 250
		printf "K1,AHT,%04d-%02d-%02d,%d.5,%d\n", y, m, d, 250000 + i, 900 + i % 7
		if (++d > len[m]) { d = 1; if (++m > 12) { m = 1; y++ } }
	}
}' > dated/measurements.csv
{ head -1 dated/measurements.csv; tail -n +2 dated/measurements.csv | sort -t, -k1,1 -k2,2 -k3,3; } \
	> keyed/measurements.csv
check "import-date-order-same-store" sh -c '
	"$TANDEM" --db dated.db init >/dev/null && "$TANDEM" --db dated.db import dated >/dev/null &&
	"$TANDEM" --db keyed.db init >/dev/null && "$TANDEM" --db keyed.db import keyed >/dev/null &&
	"$TANDEM" --db dated.db export measurements --out dated-out >/dev/null &&
	"$TANDEM" --db keyed.db export measurements --out keyed-out >/dev/null &&
	test "$(wc -l < keyed-out/measurements.csv)" -eq 801 &&
	diff dated-out/measurements.csv keyed-out/measurements.csv'
check "import-date-order-reimport-same" sh -c '
	"$TANDEM" --db keyed.db import dated >/dev/null &&
	"$TANDEM" --db keyed.db export measurements --out again-out >/dev/null &&
	diff keyed-out/measurements.csv again-out/measurements.csv'
# One day in each of two following months of a stored series: both months
# are read back before they are written, so only those two days change.
mkdir twodays
cp "$DATA"/small/*.csv twodays/
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-04-10,1,1000\nK1,SL,2025-05-10,2,1000\n' \
	> twodays/measurements.csv
check "import-two-months-keep-other-days" sh -c '
	"$TANDEM" --db keyed.db import twodays >/dev/null &&
	"$TANDEM" --db keyed.db export measurements --out twodays-out >/dev/null &&
	diff keyed-out/measurements.csv twodays-out/measurements.csv | grep "^[<>]" | LC_ALL=C sort > twodays.diff;
	printf "%s\n" "< K1,SL,2025-04-10,726,1000" "< K1,SL,2025-05-10,756,1000" \
		"> K1,SL,2025-04-10,1,1000" "> K1,SL,2025-05-10,2,1000" | diff - twodays.diff'

# The cap on printed errors, then a count of the rest.
check "import-max-errors" sh -c '"$TANDEM" import --max-errors 2 bad 2>&1 | sed -n 3p | grep -q "^\.\.\. and 20 more errors\$"'

# A folder with no CSV files; a file that does not exist; a header only.
check "import-empty-folder" sh -c '"$TANDEM" import "$DATA/empty_folder" 2>&1 | grep -q "empty_folder:1:1: no CSV files in folder"'
check "import-missing-file" sh -c '"$TANDEM" import nosuch/contracts.csv 2>&1 | grep -q "^nosuch/contracts.csv:1:1: cannot read: No such file or directory\$"'
mkdir hdr && printf 'contract_id,date,kind,note\n' > hdr/scope_changes.csv
check "import-header-only-is-fine" "$TANDEM" import hdr

# A 100 MB single line fails fast with a clear error and bounded memory.
mkdir huge
{ printf 'id,name,industry,referred_by\nC9,'; head -c 100000000 /dev/zero | tr '\0' x; printf ',x,\n'; } > huge/clients.csv
check "import-100mb-line" sh -c '"$TANDEM" import huge 2>&1 | grep -q "^huge/clients.csv:2:2: record longer than"'
rm -rf huge

# CP949 (what Korean Excel saves), converted with --encoding cp949.
mkdir cp && printf 'id,name,industry,referred_by\nC7,\260\241\263\252,\264\331,\n' > cp/clients.csv
check "import-cp949" sh -c '"$TANDEM" import --encoding cp949 cp >/dev/null && "$TANDEM" export clients --out cpx >/dev/null && grep -q "^C7,가나,다,\$" cpx/clients.csv'
check "import-cp949-without-flag-fails" status_is 1 "$TANDEM" import cp

# The problems in the user's language (--lang, else LANG), from the one
# catalog; the position stays as it is.
mkdir lang && printf 'id,name,industry,referred_by\nC8,,,C404\n' > lang/clients.csv
check "import-problems-korean" sh -c '[ "$("$TANDEM" --lang ko import lang 2>&1 | head -1)" = "lang/clients.csv:2:2: 이름은(는) 필수입니다" ]'
check "import-problems-korean-from-LANG" sh -c '[ "$(LC_ALL= LC_MESSAGES= LANG=ko_KR.UTF-8 "$TANDEM" import lang 2>&1 | head -1)" = "lang/clients.csv:2:2: 이름은(는) 필수입니다" ]'
check "import-summary-korean" sh -c '[ "$("$TANDEM" --lang ko import lang 2>&1 | tail -1)" = "tandem: 가져오기 실패: 1행에서 문제 1건, 아무것도 저장하지 않았습니다" ]'
check "import-dry-run-korean" sh -c '[ "$("$TANDEM" --lang ko import --dry-run replace 2>&1)" = "파일 1개의 1행이 올바릅니다 (검사만 했으며 저장하지 않음)" ]'
check "import-problems-english" sh -c '[ "$("$TANDEM" --lang en import lang 2>&1 | head -1)" = "lang/clients.csv:2:2: name is required" ]'

# Separation of duties and the proposal gate.
mkdir duty && printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK1,2025-05-01,P-S1,5,5\n' > duty/manual_ratings.csv
check "import-manual-rating-by-sales-refused" sh -c '"$TANDEM" import duty 2>&1 | grep -q "^duty/manual_ratings.csv:2:3: rated_by .P-S1. is not in an operations unit"'
mkdir gate && printf 'id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value,status\nPR7,C1,,sales,t,s,2026-01-01,1,won\n' > gate/proposals.csv
check "import-gate-refuses-unreviewed-win" sh -c '"$TANDEM" import gate 2>&1 | grep -q "^gate/proposals.csv:2:9: proposal .PR7. cannot be won without a feasible or conditional feasibility review"'

# Columns may come in any order; errors name the column where it is.
mkdir reorder && printf 'status,id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value\nwon,PR8,C1,,sales,t,s,2026-01-01,1\n' > reorder/proposals.csv
check "import-gate-names-the-status-column-as-given" sh -c '"$TANDEM" import reorder 2>&1 | grep -q "^reorder/proposals.csv:2:1: proposal .PR8. cannot be won"'
printf 'name,id,kind,parent_id\nX,UX,sales,HQ\n' > reorder/proposals.csv && mv reorder/proposals.csv reorder/org_units.csv
check "import-columns-in-any-order" sh -c '"$TANDEM" import --dry-run reorder >/dev/null'
check "import-help" sh -c '"$TANDEM" import --help | grep -q "^usage: tandem import"'
check "import-usage-error-exit-2" status_is 2 "$TANDEM" import
check "import-uninitialized-store-exit-3" status_is 3 "$TANDEM" --db none.db import "$DATA/small"
