#!/bin/sh
# Cross-check of the scoring engine against an independent reference
# implementation (tests/reference/score_ref.py, written from SPEC.md alone,
# exact arithmetic): `tandem score --year Y --format csv` must equal the
# reference byte for byte, for the demo company, the small company and the
# edge-case company in tests/reference/edge.
. "$(dirname "$0")/lib.sh"

REF=$TOP/tests/reference/score_ref.py

# compare DB DIR YEAR: the product's CSV and the reference's are identical.
compare() {
	"$TANDEM" --db "$1" score --year "$3" --format csv > "prod-$1-$3.csv" &&
	python3 "$REF" "$2" "$3" > "ref-$1-$3.csv" &&
	diff -u "ref-$1-$3.csv" "prod-$1-$3.csv"
}

check "reference-python3" python3 -c 'import fractions'

check "reference-demo-out" sh -c '"$TANDEM" demo --out demo >/dev/null'
check "reference-demo-import" sh -c '"$TANDEM" --db demo.db init >/dev/null && "$TANDEM" --db demo.db import demo >/dev/null'
for y in 2024 2025 2026; do
	check "reference-demo-$y" compare demo.db demo "$y"
done

check "reference-small-import" sh -c '"$TANDEM" --db small.db init >/dev/null && "$TANDEM" --db small.db import "$DATA/small" >/dev/null'
for y in 2025 2026; do
	check "reference-small-$y" compare small.db "$DATA/small" "$y"
done

check "reference-edge-import" sh -c '"$TANDEM" --db edge.db init >/dev/null && "$TANDEM" --db edge.db import "$TOP/tests/reference/edge" >/dev/null'
for y in 2024 2025 2026; do
	check "reference-edge-$y" compare edge.db "$TOP/tests/reference/edge" "$y"
done
