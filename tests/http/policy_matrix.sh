#!/bin/sh
# The policy matrix generated from the table (SPEC §2): every record kind x
# field group x action x role x relation (own contract, another owner's
# contract, no contract) through the HTTP API, checked against what
# `tandem policy --format tsv` promises (tests/http/policy_matrix.py).
. "$(dirname "$0")/lib.sh"
make_store || exit 1
"$TANDEM" import --db "$DB" "$DATA/integrity" >/dev/null || exit 1
start_server --quiet || exit 1
check "matrix-login-admin" login admin
check "matrix-kinds" is 200 "$(api admin GET /api/v1/kinds)"
cp "$WORK/body" "$WORK/kinds.json"
check "matrix-seed" python3 "$TOP/tests/http/policy_matrix.py" seed "$WORK/seed" "$WORK/kinds.json"
check "matrix-seed-import" "$TANDEM" import --db "$DB" "$WORK/seed"
python3 "$TOP/tests/http/policy_matrix.py" run "$URL" | awk -v n="$_n" '/^(not )?ok [0-9]+ /{ sub(/ok [0-9]+/, "ok " (++n)) } { print }'
