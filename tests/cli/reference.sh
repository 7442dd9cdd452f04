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

# SPEC §5 "Maturity": the same comparisons under operations_min_months. In
# the edge company K5 (go-live 2025-09) is 4 months old at December 2025 and
# K4 (2025-10) 3, so a minimum of 4 keeps K5 and leaves K4 out.
minmonths_model() {
	"$TANDEM" --db "$1" model show default |
	python3 -c 'import json,sys; m=json.load(sys.stdin); m["operations_min_months"]=int(sys.argv[1]); json.dump(m,sys.stdout,ensure_ascii=False)' "$2" > "min$2.json"
}
compare_min() {
	minmonths_model "$1" "$4" &&
	"$TANDEM" --db "$1" score --year "$3" --model "min$4.json" --format csv > "prod-min-$1-$3-$4.csv" &&
	python3 "$REF" --option operations_min_months="$4" "$2" "$3" > "ref-min-$1-$3-$4.csv" &&
	diff -u "ref-min-$1-$3-$4.csv" "prod-min-$1-$3-$4.csv"
}
for m in 4 12; do
	check "reference-maturity-edge-2025-min$m" compare_min edge.db "$TOP/tests/reference/edge" 2025 "$m"
	check "reference-maturity-demo-2025-min$m" compare_min demo.db demo 2025 "$m"
done
check "maturity-edge-boundary" sh -c '
	grep -q "^contract,K5,operations,total," prod-min-edge.db-2025-4.csv &&
	! grep -q "^contract,K4,operations," prod-min-edge.db-2025-4.csv &&
	grep -q "^contract,K4,operations,total," prod-edge.db-2025.csv'
check "maturity-json-too-early" sh -c '
	"$TANDEM" --db edge.db score --year 2025 --model min4.json --format json > min4.json.out &&
	python3 -c "import json,sys; d=json.load(open(\"min4.json.out\")); t=d[\"too_early\"]; sys.exit(0 if d[\"operations_min_months\"]==4 and [x[\"contract_id\"] for x in t]==[\"K4\"] and t[0][\"months\"]==3 and t[0][\"go_live_on\"]==\"2025-10-01\" else 1)"'
check "maturity-json-absent-by-default" sh -c '
	"$TANDEM" --db edge.db score --year 2025 --format json | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(1 if \"too_early\" in d else 0)"'
check "maturity-model-validate-range" sh -c '
	"$TANDEM" --db edge.db model show default | python3 -c "import json,sys; m=json.load(sys.stdin); m[\"operations_min_months\"]=-1; json.dump(m,sys.stdout)" > bad-min.json &&
	! "$TANDEM" model validate bad-min.json 2> bad-min.err && grep -q "operations_min_months: must be between 0 and 120" bad-min.err'
