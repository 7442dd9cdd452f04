#!/bin/sh
# "Too early to judge" in the text scorecard (issue 17 item 2, SPEC §5
# "Maturity"), on both sides of the boundary, and the grade distribution
# that moves with it. The small company in 2026: K1 live since 2025-03
# (month 22 in December), K2 since 2026-03-02 (month 10).
. "$(dirname "$0")/lib.sh"
# The store: the suite's PostgreSQL database under tests/cli/postgres.sh,
# else a SQLite file here.
DB=${TANDEM_DB:-t.db}
export DB

"$TANDEM" --db "$DB" init >/dev/null
"$TANDEM" --db "$DB" import "$DATA/small" >/dev/null
"$TANDEM" --db "$DB" model show default > d.json
for n in 10 11; do
	sed "s/\"fiscal_year_first_month\": 1,/\"fiscal_year_first_month\": 1,\\n  \"operations_min_months\": $n,/" d.json > m$n.json
done

"$TANDEM" --db "$DB" score --year 2026 --model m11.json > t11.txt
"$TANDEM" --db "$DB" score --year 2026 --model m10.json > t10.txt
"$TANDEM" --db "$DB" score --year 2026 --model m11.json --lang ko > k11.txt
"$TANDEM" --db "$DB" score --year 2026 > t0.txt
check "maturity-text-below-boundary-listed" grep -qx \
	"  K2 가나 통신, 주식회사: went live 2026-03-02, months live at the year's end 10, operations owner P-O1" t11.txt
check "maturity-text-count" grep -qx \
	"Too early to judge (operations): 1 (live fewer months at the year's end than the model's operations_min_months 11)" t11.txt
check "maturity-text-korean" grep -qx \
	"  K2 가나 통신, 주식회사: 운영 개시일 2026-03-02, 연도 말 운영 개시 후 개월 10, 운영 담당 P-O1" k11.txt
check "maturity-text-on-boundary-scored" grep -qx \
	"Too early to judge (operations): 0 (live fewer months at the year's end than the model's operations_min_months 10)" t10.txt
check "maturity-text-default-says-nothing" sh -c '! grep -q "Too early" t0.txt'
# K2 (10.00) is never shown as a score: no row under 11, a row under 10
check "maturity-no-csv-row-below" sh -c '
	"$TANDEM" --db "$DB" score --year 2026 --model m11.json --format csv > c11.csv &&
	! grep -q "^contract,K2,operations," c11.csv &&
	grep -qx "contract,K1,operations,total,,61.67,1200000000.00,1.0000" c11.csv'
check "maturity-csv-row-on-boundary" sh -c '
	"$TANDEM" --db "$DB" score --year 2026 --model m10.json --format csv |
	grep -qx "contract,K2,operations,total,,10.00,300000000.50,0.8889"'
# P-O1: 61.67 C with K1 alone, D when K2 (10.00) counts
check "maturity-grade-distribution-below" grep -qx \
	"  Operations organization: people S 0, A 0, B 0, C 1, D 0, n/a 0; org units S 0, A 0, B 0, C 2, D 0, n/a 0" t11.txt
check "maturity-grade-distribution-on-boundary" grep -qx \
	"  Operations organization: people S 0, A 0, B 0, C 0, D 1, n/a 0; org units S 0, A 0, B 0, C 0, D 2, n/a 0" t10.txt
check "maturity-json-lists-too-early" sh -c '
	"$TANDEM" --db "$DB" score --year 2026 --model m11.json --format json |
	grep -qF "\"too_early\": [{\"contract_id\": \"K2\", \"go_live_on\": \"2026-03-02\", \"months\": 10}]"'
