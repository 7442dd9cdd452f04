#!/bin/sh
# CLI scenarios for the demo company (issue 2): it imports through the
# ordinary importer, is the same every run, and its CSVs re-import.
. "$(dirname "$0")/lib.sh"

check "demo-runs" "$TANDEM" demo --no-serve --db d1.db
check "demo-again-replaces" "$TANDEM" demo --no-serve --db d1.db
check "demo-out-writes-19-files" sh -c '"$TANDEM" demo --out csv >/dev/null && test "$(ls csv/*.csv | wc -l)" -eq 19'
check "demo-deterministic" sh -c '"$TANDEM" demo --out csv2 >/dev/null && diff -r csv csv2'
check "demo-store-matches-files" sh -c '
	"$TANDEM" --db d1.db export --out ex >/dev/null &&
	"$TANDEM" --db d2.db init >/dev/null && "$TANDEM" --db d2.db import ex >/dev/null &&
	"$TANDEM" --db d2.db export --out ex2 >/dev/null && diff -r ex ex2'
check "demo-row-counts" sh -c 'test "$(wc -l < csv/contracts.csv)" -eq 41 && test "$(wc -l < csv/measurements.csv)" -eq 76810'
check "demo-help" sh -c '"$TANDEM" demo --help | grep -q "^usage: tandem demo"'

# The yearly review (issue 17 item 6): in 2025, the demo's last complete
# year, each organization has people in at least three grades and at most
# 40 % of its graded people are D, under the reviewed model 2025-1; 2023
# and 2024 keep the built-in model (2024-1).
"$TANDEM" --db d1.db score --year 2025 > s2025.txt
# spread ORG: "grades=N d=N graded=N" from the scorecard's grade distribution
spread() {
	grep "^  $1 organization: people " s2025.txt | sed 's/^[^:]*: people //; s/;.*//' | tr ',' '\n' |
		awk '$1 != "n/a" { graded += $2; if ($2 > 0) grades++; if ($1 == "D") d = $2 }
		     END { printf "grades=%d d=%d graded=%d\n", grades, d, graded }'
}
for org in Sales Operations; do
	check "demo-2025-$org-three-grades" sh -c "test \$(echo '$(spread $org)' | sed 's/grades=\([0-9]*\).*/\1/') -ge 3"
	check "demo-2025-$org-at-most-40pct-D" sh -c "
		set -- \$(echo '$(spread $org)' | sed 's/[a-z]*=//g')
		test \$((\$2 * 100)) -le \$((40 * \$3)) && test \$3 -ge 8"
done
check "demo-2025-scored-with-review-model" grep -qx \
	"Tandem Scorecard 2025 (2025-01-01 .. 2025-12-31), model Hanbit BPO 2025 (calibrated operations)" s2025.txt
check "demo-2025-exact-spread" sh -c '
	grep -qx "  Sales organization: people S 0, A 1, B 3, C 3, D 1, n/a 1; org units S 0, A 0, B 0, C 3, D 1, n/a 0" s2025.txt &&
	grep -qx "  Operations organization: people S 0, A 2, B 1, C 3, D 2, n/a 1; org units S 0, A 0, B 1, C 2, D 1, n/a 0" s2025.txt'
check "demo-2025-too-early-listed" grep -q "^  CT31 나래모바일: went live 2025-10-01, months live at the year's end 3, operations owner P12$" s2025.txt
check "demo-2024-default-model" sh -c '
	"$TANDEM" --db d1.db score --year 2024 | head -1 | grep -q "model default$"'
check "demo-model-history-with-notes" sh -c '
	"$TANDEM" --db d1.db model list > ml.txt &&
	grep -q "^2024-1  *2024  active " ml.txt && grep -q "^2025-1  *2025  active " ml.txt &&
	grep -q "^    note: The built-in model of SPEC §5" ml.txt &&
	grep -q "^    note: Yearly review for 2025. Under the default bounds 6 of the 8 graded operations people were graded D in 2024" ml.txt'
check "demo-review-diff" sh -c '
	"$TANDEM" --db d1.db model diff 2024-1 2025-1 > md.txt &&
	grep -qx "O2.2 scoring: 0 points at 0 or less, 100 at 2 or more, in proportion between (linear(0, 2)) → 0 points at 0 or less, 100 at 1 or more, in proportion between (linear(0, 1))" md.txt && ! grep -q "^S[0-9]" md.txt'
check "demo-review-whatif" sh -c '
	"$TANDEM" --db d1.db whatif --model 2025-1 --against 2024-1 --year 2025 > wi.txt &&
	grep -q "^  Operations: people S 0 → 0, A 0 → 2, B 1 → 1, C 2 → 3, D 5 → 2, n/a 1 → 1;" wi.txt'
