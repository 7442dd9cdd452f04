#!/bin/sh
# CLI scenarios for 'tandem model calibrate' (issue 17 item 1): bounds from
# the nearest-rank P10/P90 of the years before Y, direction kept, too few
# values kept, nothing stored or activated, the same bytes every run, and
# a calibrated model that scores, freezes and verifies like any other.
. "$(dirname "$0")/lib.sh"
# The store: the suite's PostgreSQL database under tests/cli/postgres.sh,
# else a SQLite file here.
DB=${TANDEM_DB:-c.db}
export DB

mkdir co
cat > co/org_units.csv <<'CSV'
id,name,kind,parent_id
HQ,HQ,executive,
S1,Sales,sales,HQ
OP1,Ops,operations,HQ
CSV
cat > co/people.csv <<'CSV'
id,name,email,org_unit_id
P-S1,Rep,s1@example.com,S1
P-O1,Ops,o1@example.com,OP1
CSV
cat > co/clients.csv <<'CSV'
id,name,industry,referred_by
C1,One,telecom,
CSV
# Six contracts live in 2024: sales subjects in 2024 and 2025, so each
# value counts twice (n = 12).
{
	echo "id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id"
	for i in 0 1 2 3 4 5; do
		echo "K$i,C1,voice,2024-01-10,,,2024-01-15,,1000,low,P-S1,P-O1,,,,"
	done
} > co/contracts.csv
# Scope changes per contract: 0, 1, 1, 2, 3, 4. Over both years the sorted
# values are 0 0 1 1 1 1 2 2 3 3 4 4: P10 = rank ceil(1.2) = 2 -> 0,
# P50 = rank 6 -> 1, P90 = rank ceil(10.8) = 11 -> 4. S2.3 is lower-is-
# better (linear(5, 0)), so the draft has linear(4, 0).
{
	echo "contract_id,date,kind,note"
	n=0
	for spec in "K1 1" "K2 1" "K3 2" "K4 3" "K5 4"; do
		set -- $spec
		i=1
		while [ $i -le $2 ]; do
			echo "$1,2024-0$((i + 1))-01,dispute,n"
			i=$((i + 1))
		done
	done
} > co/scope_changes.csv
# Handover on two contracts only: values 1 (K0) and 0 (K1) in both years,
# sorted 0 0 1 1: P10 rank 1 -> 0, P50 rank 2 -> 0, P90 rank 4 -> 1; 4
# values are fewer than 5, so the bounds are kept.
cat > co/handover.csv <<'CSV'
contract_id,item,accepted_on
K0,manual,2024-01-20
K1,manual,
CSV

"$TANDEM" --db "$DB" init >/dev/null
"$TANDEM" --db "$DB" import co >/dev/null

check "calibrate-S2.3-percentiles-lower-is-better" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 --out draft.json > table.txt &&
	grep -qx "sales      S2.3      scope_changes             12     0.0000     1.0000     4.0000  linear(5, 0) -> linear(4, 0)" table.txt'
check "calibrate-new-bounds-in-words" \
	grep -qx "                                            -> 100 points at 0 or less, 0 at 4 or more, in proportion between" table.txt
check "calibrate-header-names-years-and-model" \
	grep -qx "calibration for 2026 from 2024-2025 under model default" table.txt
check "calibrate-too-few-values-kept" \
	grep -qx "sales      S3.3      handover_accepted          4     0.0000     0.0000     1.0000  linear(0.5, 1) kept (fewer than 5 values)" table.txt
check "calibrate-flat-kept" \
	grep -qx "operations O1.1      expansion_count           12     0.0000     0.0000     0.0000  linear(0, 1) kept (P10 = P90)" table.txt
check "calibrate-draft-json-bounds" sh -c '
	"$TANDEM" --db "$DB" model diff default draft.json > diff.txt &&
	grep -qx "S2.3 scoring: 100 points at 0 or less, 0 at 5 or more, in proportion between (linear(5, 0)) → 100 points at 0 or less, 0 at 4 or more, in proportion between (linear(4, 0))" diff.txt &&
	grep -qx "year: 0 → 2026" diff.txt && test "$(grep -c scoring diff.txt)" -eq 1'
check "calibrate-diff-ko-words" sh -c '
	"$TANDEM" --db "$DB" model diff default draft.json --lang ko > diff-ko.txt &&
	grep -qx "S2.3 채점 방식: 0 이하 100점, 5 이상 0점, 그 사이는 비례 (linear(5, 0)) → 0 이하 100점, 4 이상 0점, 그 사이는 비례 (linear(4, 0))" diff-ko.txt &&
	grep -qx "연도: 0 → 2026" diff-ko.txt'
check "calibrate-weights-unchanged" sh -c 'test -s diff.txt && ! grep -q "weight" diff.txt'
check "calibrate-deterministic-bytes" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 --out again.json >/dev/null && cmp draft.json again.json'
check "calibrate-stdout-is-the-draft" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 > out.json 2> table2.txt &&
	cmp draft.json out.json && grep -q "scope_changes" table2.txt'
check "calibrate-never-activates" sh -c '
	"$TANDEM" --db "$DB" model list | grep -qx "no stored models: every year is scored with the built-in default"'
check "calibrate-years-1" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 --years 1 --out one.json > t1.txt &&
	grep -qx "calibration for 2026 from 2025-2025 under model default" t1.txt &&
	grep -q "scope_changes              6 " t1.txt'
check "calibrate-from-file" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 --from draft.json --out twice.json > t2.txt &&
	grep -q "under model draft.json" t2.txt &&
	grep -q "linear(4, 0) -> linear(4, 0)" t2.txt'
check "calibrate-bad-years" status_is 2 "$TANDEM" --db "$DB" model calibrate --year 2026 --years 0
check "calibrate-needs-year" status_is 2 "$TANDEM" --db "$DB" model calibrate
check "calibrate-options-only-for-calibrate" status_is 2 "$TANDEM" --db "$DB" model list --out x.json
# K3 has 2 scope changes: linear(4, 0) scores 100·(2 − 4)/(0 − 4) = 50.00
check "calibrated-model-scores" sh -c '
	"$TANDEM" --db "$DB" score --year 2025 --model draft.json --format csv |
	grep -qx "contract,K3,sales,S2.3,2.00,50.00,1.00,1.0000"'
check "calibrated-model-freeze-verify" sh -c '
	"$TANDEM" --db "$DB" model import draft.json --year 2025 >/dev/null &&
	"$TANDEM" --db "$DB" model activate 2025-1 >/dev/null &&
	"$TANDEM" --db "$DB" freeze --year 2025 >/dev/null &&
	"$TANDEM" --db "$DB" verify --year 2025 >/dev/null &&
	"$TANDEM" --db "$DB" score --year 2025 --frozen --format csv |
	grep -qx "contract,K3,sales,S2.3,2.00,50.00,1.00,1.0000"'
check "calibrate-org-operations-leaves-sales" sh -c '
	"$TANDEM" --db "$DB" model calibrate --year 2026 --org operations --from default --out ops.json > t3.txt &&
	! grep -q "^sales " t3.txt && grep -q "^operations O1.1  " t3.txt &&
	"$TANDEM" --db "$DB" model diff default ops.json > d3.txt && ! grep -q "S2.3" d3.txt'
check "calibrate-org-bad" status_is 2 "$TANDEM" --db "$DB" model calibrate --year 2026 --org finance
