#!/bin/sh
# The policy matrix generated from the table (SPEC §2): every record kind x
# field group x action x role x relation (own contract, another owner's
# contract, no contract) through the HTTP API, checked against what
# `tandem policy --format tsv` promises (tests/http/policy_matrix.py); and
# every proposed change it makes is tried by every account, the rivals
# sales2 and ops2 too, against the table's confirm rows.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
"$TANDEM" import --db "$DB" "$DATA/integrity" >/dev/null || exit 1
for a in sales2:sales:P-S2 ops2:operations:P-O2; do
	IFS=: read -r name role person <<-END
	$a
	END
	echo "password-$name" | "$TANDEM" user add "$name" --role "$role" --person "$person" --password-stdin --db "$DB" >/dev/null || exit 1
done
start_server --quiet || exit 1
check "matrix-login-admin" login admin
check "matrix-kinds" is 200 "$(api admin GET /api/v1/kinds)"
cp "$WORK/body" "$WORK/kinds.json"
check "matrix-seed" python3 "$TOP/tests/http/policy_matrix.py" seed "$WORK/seed" "$WORK/kinds.json"
check "matrix-seed-import" "$TANDEM" import --db "$DB" "$WORK/seed"
# docs/security.md prints the table from the same source.
sed -n '/<!-- policy:begin -->/,/<!-- policy:end -->/p' "$TOP/docs/security.md" | sed '1d;$d' > "$WORK/doc-policy"
"$TANDEM" policy --format markdown > "$WORK/code-policy"
check "docs-security-policy-table-current" same "$WORK/code-policy" "$WORK/doc-policy"
check "policy-tsv-every-kind" sh -c '"$1" policy --format tsv | cut -f1 | sort -u | grep -vx "kind\|\*" | wc -l | grep -qx 19' sh "$TANDEM"
check "policy-bad-format-exit-2" status_is 2 "$TANDEM" policy --format yaml
python3 "$TOP/tests/http/policy_matrix.py" run "$URL" > "$WORK/matrix.out"
_rc=$?
awk -v n="$_n" '/^(not )?ok [0-9]+ /{ sub(/ok [0-9]+/, "ok " (++n)) } { print }' "$WORK/matrix.out"
exit $_rc
