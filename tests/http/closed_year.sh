#!/bin/sh
# SPDX-License-Identifier: MIT
# Closed years through the web (issue 16 item 5): after 2025 is frozen, the
# record API, the forms and the proposal actions refuse changes to evidence
# dated in 2025 with 409; an executive's correction (?correction=1&reason=)
# goes through and is audited; anyone else's is 403; one without a reason
# 400. (The importer and verify: tests/cli/closed_year.sh.)
. "$(dirname "$0")/lib.sh"
make_store || exit 1
mkdir "$WORK/open"
printf 'id,client_id,credited_contract_id,origin,title,service_line,proposed_on,annual_value,status\nPR9,C1,K1,sales,open one,콜센터,2025-10-01,1000,review\n' > "$WORK/open/proposals.csv"
"$TANDEM" import --db "$DB" "$WORK/open" > /dev/null
"$TANDEM" freeze --year 2025 --db "$DB" > /dev/null
start_server --quiet || exit 1
for r in admin executive sales operations; do
	login "$r"
done

# A relationship rating dated 2025 (executives write those).
check "closed-api-update-409" is 409 "$(api executive PUT /api/v1/records/relationship_ratings/C1/2025-06-30/P-CEO '{"level":"2"}')"
check "closed-api-update-message" has "$WORK/body" '2025 is a closed year (its results were frozen)'
check "closed-api-unchanged" is 200 "$(api executive GET /api/v1/records/relationship_ratings/C1/2025-06-30/P-CEO)"
check "closed-api-unchanged-level" has "$WORK/body" '"level":4'
check "closed-api-create-409" is 409 "$(api executive POST /api/v1/records/relationship_ratings '{"client_id":"C1","date":"2025-07-01","level":"3","rated_by":"P-CEO"}')"
check "closed-api-other-year-201" is 201 "$(api executive POST /api/v1/records/relationship_ratings '{"client_id":"C1","date":"2026-07-01","level":"3","rated_by":"P-CEO"}')"
# (the rater deletes: an account without a person cannot, SPEC §2)
check "closed-api-delete-409" is 409 "$(api operations DELETE /api/v1/records/manual_ratings/K1/2025-03-20/P-O1)"
check "closed-api-delete-message" has "$WORK/body" "manual_ratings 'K1/2025-03-20/P-O1': 2025 is a closed year"
check "closed-api-delete-kept" is 200 "$(api admin GET /api/v1/records/manual_ratings/K1/2025-03-20/P-O1)"
# The form goes the same way.
check "closed-form-409" is 409 "$(form executive /records/relationship_ratings/edit/C1/2025-06-30/P-CEO client_id=C1 date=2025-06-30 level=1 rated_by=P-CEO)"
# The lifecycle: PR9 was proposed on 2025-10-01.
check "closed-proposal-lose-409" is 409 "$(api executive POST /api/v1/proposals/PR9/lose)"
check "closed-proposal-lose-message" has "$WORK/body" '2025 is a closed year'

# Corrections: an executive's, with a reason.
check "closed-correction-not-executive-403" is 403 "$(api admin DELETE '/api/v1/records/manual_ratings/K1/2025-03-20/P-O1?correction=1&reason=wrong')"
check "closed-correction-not-executive-message" has "$WORK/body" 'only an executive may correct a closed year'
check "closed-correction-no-reason-400" is 400 "$(api executive PUT '/api/v1/records/relationship_ratings/C1/2025-06-30/P-CEO?correction=1' '{"level":"2"}')"
check "closed-correction-no-reason-message" has "$WORK/body" 'a correction of a closed year needs a reason'
check "closed-correction-200" is 200 "$(api executive PUT '/api/v1/records/relationship_ratings/C1/2025-06-30/P-CEO?correction=1&reason=board%20minutes%20of%202026-01' '{"level":"2"}')"
check "closed-correction-applied" has "$WORK/body" '"level":2'
check "closed-correction-audited" is 200 "$(api executive GET '/api/v1/audit?limit=10')"
check "closed-correction-audit-entry" has "$WORK/body" '"actor":"user:executive","action":"correction","entity":"relationship_ratings","key":"2025","before":null,"after":{"reason":"board minutes of 2026-01","rows":1,"keys":["C1/2025-06-30/P-CEO"]}'
check "closed-correction-lose-200" is 200 "$(api executive POST '/api/v1/proposals/PR9/lose?correction=1&reason=lost%20after%20all')"
check "closed-correction-not-sticky-409" is 409 "$(api executive PUT /api/v1/records/relationship_ratings/C1/2025-06-30/P-CEO '{"level":"5"}')"
stop_server
check "closed-verify-lists-both" sh -c "'$TANDEM' verify --year 2025 --db '$DB' | grep -q '^corrections of 2025 since the freeze: 2$'"
