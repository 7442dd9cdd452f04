#!/bin/sh
# SPDX-License-Identifier: MIT
# CSV reports opened in a spreadsheet (issue 16 item 8): a text cell that
# begins with =, +, -, @, a tab or a carriage return gets a leading single
# quote (OWASP's CSV-injection advice); numbers, negative ones included,
# stay as they are; `tandem export` stays raw and round-trips through the
# importer (docs/data-formats.md says why).
. "$(dirname "$0")/lib.sh"

mkdir f
cp "$DATA"/small/*.csv f/
# Person and unit ids a spreadsheet would run as formulas.
sed -i 's/P-S1/=1+2/g; s/P-O1/-O1+1/g; s/\bS1\b/@S1/g' f/*.csv
check "guard-init" "$TANDEM" init
check "guard-import" "$TANDEM" import f
"$TANDEM" score --year 2025 --format csv > score.csv
check "guard-equals" grep -qx "person,'=1+2,sales,total,,48.48,1200000000.00,0.8889" score.csv
check "guard-minus" grep -q "^person,'-O1+1,operations,total," score.csv
check "guard-at" grep -q "^org_unit,'@S1,sales,total," score.csv
check "guard-no-bare-formula" sh -c '! grep -Eq "^[a-z_]+,[=+@-]" score.csv'
# The numbers are untouched: the same cells as with plain ids.
mkdir plain
cp "$DATA"/small/*.csv plain/
"$TANDEM" --db plain.db init > /dev/null
"$TANDEM" --db plain.db import plain > /dev/null
"$TANDEM" --db plain.db score --year 2025 --format csv | cut -d, -f1,3- | sort > plain.num
cut -d, -f1,3- score.csv | sort > guarded.num
check "guard-numeric-cells-identical" same plain.num guarded.num

# A what-if with negative deltas (readiness S1 weighs less, S3 more: the
# sales total falls): numbers, not guarded.
"$TANDEM" model show default > draft.json
python3 - draft.json <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
def walk(o):
    if isinstance(o, dict):
        if o.get("id") == "S1" and "weight" in o:
            o["weight"] = 25
        if o.get("id") == "S3" and "weight" in o:
            o["weight"] = 40
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(m)
json.dump(m, open(sys.argv[1], "w"))
PY
"$TANDEM" whatif --model draft.json --year 2025 --format csv > whatif.csv
check "guard-whatif-negative-number-bare" grep -Eq ',-[0-9]+\.[0-9]{2},' whatif.csv
check "guard-whatif-no-quoted-number" sh -c '! grep -q ",'"'"'-[0-9]" whatif.csv'
check "guard-whatif-id-guarded" grep -q "^person,'=1+2,sales," whatif.csv

# export stays raw, and round-trips.
check "guard-export" "$TANDEM" export --out ex1
check "guard-export-raw" grep -q '^=1+2,' ex1/people.csv
"$TANDEM" --db rt.db init > /dev/null
check "guard-export-reimports" "$TANDEM" --db rt.db import ex1
"$TANDEM" --db rt.db export --out ex2 > /dev/null
check "guard-export-round-trip" diff -r ex1 ex2
