#!/bin/sh
# tandem credits (issue 20): SLA terms import with every bad row reported,
# and the service credits of tests/data/credits, computed by hand in
# docs/evaluation.md ("Service credits", worked example): exact CSV, text
# and JSON.
. "$(dirname "$0")/lib.sh"

check "credits-init" "$TANDEM" init
mkdir base
cp "$DATA"/credits/*.csv base/
rm base/sla_terms.csv
check "credits-import-base" "$TANDEM" import base

# Bad terms: every bad row, exit 1, nothing written.
cp -r "$DATA/credits_bad" bad
"$TANDEM" import bad > bad.out 2> bad.err
echo $? > bad.status
check "credits-terms-bad-status-1" test "$(cat bad.status)" -eq 1
check "credits-terms-bad-exact-errors" same "$DATA/credits_bad.expected" bad.err
check "credits-terms-bad-nothing-written" sh -c '
	"$TANDEM" export sla_terms --out none >/dev/null &&
	test "$(wc -l < none/sla_terms.csv)" -eq 1'

check "credits-import-terms" "$TANDEM" import "$DATA/credits/sla_terms.csv"
check "credits-terms-exported" sh -c '
	"$TANDEM" export sla_terms --out terms >/dev/null &&
	printf "%s\n" "contract_id,metric,minimum,expected,at_risk_pct,allocation_pct,credit_rule,earn_back_months,burn_in_months" \
		"K1,AHT,360,300,10,50,full,0,2" "K1,FCR,0.6,0.7,10,40,linear,1,2" "K1,SL,0.7,0.8,10,50,linear,2,2" |
	diff - terms/sla_terms.csv'

# A metric's direction may not turn its terms around afterwards.
printf 'contract_id,metric,name,direction,target,initial_target,unit\nK1,AHT,Average handling time,higher,300,,sec\n' > flip.csv
mkdir flip && mv flip.csv flip/sla_metrics.csv
check "credits-direction-flip-refused" sh -c '
	"$TANDEM" import flip 2>&1 >/dev/null | grep -qx "flip/sla_metrics.csv:2:4: direction higher of SLA metric .AHT. of contract .K1. contradicts its sla_terms (minimum 360 is stricter than expected 300)"'

"$TANDEM" credits --year 2025 --format csv > credits.csv
check "credits-csv-exact" same "$DATA/credits.csv.expected" credits.csv
"$TANDEM" --lang en credits --year 2025 > credits.txt
check "credits-text-exact" same "$DATA/credits.text.expected" credits.txt
"$TANDEM" credits --year 2025 --contract K1 --format json > credits.json
check "credits-json-exact" same "$DATA/credits.json.expected" credits.json
check "credits-json-parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' credits.json
check "credits-text-ko" sh -c '"$TANDEM" --lang ko credits --year 2025 | grep -q "합계: 지급 확정 10571.43"'
check "credits-other-year-header-only" sh -c '
	test "$("$TANDEM" credits --year 2024 --format csv)" = "contract_id,metric,month,value,minimum,expected,credit_owed,credit_waived,credit_pending"'
check "credits-unknown-contract-exit-1" status_is 1 "$TANDEM" credits --year 2025 --contract NOPE
check "credits-no-year-exit-2" status_is 2 "$TANDEM" credits
check "credits-bad-format-exit-2" status_is 2 "$TANDEM" credits --year 2025 --format xml
# Same data, same bytes.
check "credits-deterministic" sh -c '"$TANDEM" credits --year 2025 --format json | diff - credits.json'

# A store made before sla_terms existed (schema version 8) gets the table
# from `tandem migrate`, keeping its data.
check "credits-migrate-v8-store" sh -c '
	"$TANDEM" --db old.db init >/dev/null &&
	sqlite3 old.db "DROP TABLE sla_terms; DELETE FROM schema_version WHERE version >= 9" &&
	"$TANDEM" --db old.db migrate >/dev/null &&
	test "$(sqlite3 old.db "SELECT count(*) FROM sqlite_master WHERE name = '"'"'sla_terms'"'"'")" -eq 1 &&
	"$TANDEM" --db old.db import "$DATA/credits" >/dev/null'

# Alerts: the metrics below their minimum and the credits of the as-of
# month so far; in burn-in a metric below its minimum warns, but no credit.
"$TANDEM" --lang en alerts --as-of 2025-06-20 > alerts.txt
check "credits-alert-below-minimum-three" test "$(grep -c '^K1 \[below_minimum\]' alerts.txt)" -eq 3
check "credits-alert-below-minimum-evidence" grep -qx '    SL (Service level) 2025-06 so far 65.0%, missing its contractual minimum 70.0% (higher is better)' alerts.txt
check "credits-alert-exposure-evidence" grep -qx '    service credits ₩10,000 over 3 metrics in 2025-06 so far, of a pool of ₩10,000' alerts.txt
check "credits-alert-exposure-json" sh -c '"$TANDEM" alerts --as-of 2025-06-20 --format json | grep -qF "\"evidence\":{\"month\":\"2025-06\",\"pool\":10000.00,\"credits\":10000.00,\"metrics\":3}"'
"$TANDEM" --lang en alerts --as-of 2025-01-20 > alerts-burn-in.txt
check "credits-alert-burn-in-warns" grep -qx '    AHT (Average handling time) 2025-01 so far 400 s, missing its contractual minimum 360 s (lower is better) (burn-in: no credit yet)' alerts-burn-in.txt
check "credits-alert-burn-in-no-exposure" sh -c '! grep -q credit_exposure alerts-burn-in.txt'
"$TANDEM" --lang en alerts --as-of 2025-07-20 > alerts-july.txt
check "credits-alert-met-month-quiet" sh -c '! grep -q "below_minimum\|credit_exposure" alerts-july.txt'

# The HTML and XLSX reports carry the credits of the year.
check "credits-report-html" "$TANDEM" report --year 2025 --format html --out r.html
check "credits-report-html-section" grep -q '<section id="credits" class="major">' r.html
check "credits-report-html-june" grep -qF '<tr><td>2025-06</td><td class="num">10000.00</td><td class="num">3571.43</td><td class="num">3571.43</td><td class="num">2857.14</td></tr>' r.html
check "credits-report-html-contract-total" grep -qF '<tr><td>K1</td><td class="num">80000.00</td><td class="num">10571.43</td><td class="num">3571.43</td><td class="num">5357.14</td></tr>' r.html
check "credits-report-xlsx" "$TANDEM" report --year 2025 --format xlsx --out r.xlsx
check "credits-report-xlsx-sheet" python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile("r.xlsx")
names = re.findall(r"<sheet name=\"([^\"]+)\"", z.read("xl/workbook.xml").decode())
sheet = z.read("xl/worksheets/sheet%d.xml" % (names.index("credits") + 1)).decode()
rows = re.findall(r"<row r=\"(\d+)\"", sheet)
values = re.findall(r"<v>([^<]*)</v>", sheet)
assert len(rows) == 22, rows          # the header and the 21 rows of the CSV
assert "3571.43" in values and "2857.14" in values and "10571.43" not in values, values
'

# Promise vs delivery: beside the reviewed prediction, the terms sales
# signed and the credits they cost (2,500 + 2,000 + 5,000 + 10,000 capped
# in June = 19,500.00 of 80,000.00 at risk).
"$TANDEM" --lang en promises --year 2025 > promises.txt
check "credits-promises-terms" grep -qxF '      SLA terms: AHT 360–300 full 50 %, FCR 0.6–0.7 linear 40 %, SL 0.7–0.8 linear 50 %; 10 % at risk, burn-in months 2' promises.txt
check "credits-promises-incurred" grep -qxF '      service credits incurred 19500.00 / at risk 80000.00' promises.txt
check "credits-promises-json" sh -c '"$TANDEM" promises --year 2025 --format json | grep -qF "\"credits_incurred\":19500.00,\"money_at_risk\":80000.00"'
