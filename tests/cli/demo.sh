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
