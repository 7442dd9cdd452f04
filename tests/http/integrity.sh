#!/bin/sh
# Evidence integrity (SPEC §2, issue 16): nobody moves their own score or a
# rival's. One case per finding of the issue's first four bullets, each of
# which the code before the policy let through, and the confirmation flow:
# a proposed change counts only once the other side confirms it.
#   sales    = P-S1 (owns K1, K2, K5)         sales2   = P-S2 (owns K3, K4)
#   operations = P-O1 (unit OP1: K1, K2, K5, and K4 run by the night desk
#   OP1A below it)                            ops2     = P-O2 (OP2: K3)
. "$(dirname "$0")/lib.sh"
make_store || exit 1
"$TANDEM" import --db "$DB" "$DATA/integrity" >/dev/null || exit 1
for a in sales2:P-S2 ops2:P-O2; do
	name=${a%%:*}
	role=sales
	[ "$name" = ops2 ] && role=operations
	echo "password-$name" | "$TANDEM" user add "$name" --role "$role" --person "${a#*:}" --password-stdin --db "$DB" >/dev/null || exit 1
done
start_server --quiet || exit 1
for r in admin executive sales operations viewer sales2 ops2; do
	check "login-$r" login "$r"
done

# change_id: the id of the change in the answer's body.
change_id() { sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$WORK/body"; }
# score ID ORG: the score answer of one contract (the bytes to compare).
score() { api viewer GET "/api/v1/scores?year=2025&subject=contract:$1&org=$2" >/dev/null; cat "$WORK/body"; }

# --- 1. A salesperson lowers a rival's score --------------------------------
k3_sales=$(score K3 sales)
k3_ops=$(score K3 operations)
check "rival-score-read" sh -c 'printf "%s" "$1" | grep -q "\"subject_id\":\"K3\""' sh "$k3_sales"
check "rival-sla-put-403" is 403 "$(api sales PUT /api/v1/records/sla_metrics/K3/SL '{"target":0.99}')"
check "rival-sla-put-code" has "$WORK/body" '"error":"policy.not_own"'
check "rival-sla-put-message" has "$WORK/body" '"message":"You may change only the evidence of contracts whose sales owner you are"'
check "rival-sla-put-korean" is 403 "$(api sales PUT '/api/v1/records/sla_metrics/K3/SL?lang=ko' '{"target":0.99}')"
check "rival-sla-put-korean-message" has "$WORK/body" '본인이 영업 담당인 계약의 근거 데이터만 바꿀 수 있습니다'
check "rival-handover-post-403" is 403 "$(api sales POST /api/v1/records/handover '{"contract_id":"K3","item":"HO-X"}')"
check "rival-renewal-post-403" is 403 "$(api sales POST /api/v1/records/renewals '{"contract_id":"K3","due_on":"2026-06-30","outcome":"lost"}')"
check "rival-renewal-put-403" is 403 "$(api sales PUT /api/v1/records/renewals/K3/2025-12-31 '{"outcome":"lost"}')"
check "rival-expansion-delete-403" is 403 "$(api sales DELETE /api/v1/records/expansions/K3/2025-09-01/volume)"
check "rival-expansion-still-there" is 200 "$(api viewer GET /api/v1/records/expansions/K3/2025-09-01/volume)"
check "rival-sla-form-403" is 403 "$(form sales /records/sla_metrics/edit/K3/SL contract_id=K3 metric=SL name=x direction=higher target=0.5)"
check "rival-sales-score-unchanged" is "$k3_sales" "$(score K3 sales)"
check "rival-ops-score-unchanged" is "$k3_ops" "$(score K3 operations)"
# Operations writes only for contracts of its unit or below.
check "ops-other-unit-expansion-403" is 403 "$(api operations POST /api/v1/records/expansions '{"contract_id":"K3","date":"2025-10-01","kind":"site","added_annual_value":1}')"
check "ops-other-unit-expansion-code" has "$WORK/body" '"error":"policy.not_unit"'
check "ops-sub-unit-readiness-200" is 200 "$(api operations PUT /api/v1/records/handover/K1/HO-A '{"accepted_on":"2025-03-20"}')"

# --- 2. Generic record edits bypass the lifecycle ----------------------------
check "status-put-lost-by-ops-403" is 403 "$(api operations PUT /api/v1/records/proposals/PR2 '{"status":"lost"}')"
check "status-put-lost-code" has "$WORK/body" '"error":"policy.status","message":"A proposal'"'"'s status changes only through its actions (win, lose); a new proposal is draft or review","field":"status"'
check "status-put-won-by-sales-403" is 403 "$(api sales PUT /api/v1/records/proposals/PRL '{"status":"won"}')"
check "status-put-won-by-exec-403" is 403 "$(api executive PUT /api/v1/records/proposals/PRL '{"status":"won"}')"
check "status-still-lost" is 200 "$(api viewer GET /api/v1/records/proposals/PRL)"
check "status-still-lost-value" has "$WORK/body" '"status":"lost"'
check "status-new-won-403" is 403 "$(api sales POST /api/v1/records/proposals '{"id":"PRW","client_id":"C3","origin":"sales","status":"won"}')"
check "status-new-draft-201" is 201 "$(api sales POST /api/v1/records/proposals '{"id":"PRN","client_id":"C3","origin":"sales","status":"draft"}')"
check "status-form-403" is 403 "$(form operations /records/proposals/edit/PR2 id=PR2 client_id=C1 credited_contract_id=K1 origin=operations status=lost)"
check "status-pr2-still-won" is 200 "$(api viewer GET /api/v1/records/proposals/PR2)"
check "status-pr2-still-won-value" has "$WORK/body" '"status":"won"'
check "won-review-delete-409" is 409 "$(api operations DELETE /api/v1/records/feasibility_reviews/PR2/2025-11-20)"
check "won-review-delete-code" has "$WORK/body" '"error":"policy.won_review"'
check "won-review-update-409" is 409 "$(api operations PUT /api/v1/records/feasibility_reviews/PR2/2025-11-20 '{"verdict":"infeasible"}')"
check "won-review-still-there" is 200 "$(api viewer GET /api/v1/records/feasibility_reviews/PR2/2025-11-20)"
check "proposal-with-reviews-delete-409" is 409 "$(api admin DELETE /api/v1/records/proposals/PR1)"
check "proposal-with-reviews-delete-code" has "$WORK/body" '"error":"policy.proposal_reviews"'
check "lose-by-ops-403" is 403 "$(api operations POST /api/v1/proposals/PRD/lose)"
check "win-by-sales-through-gate-409" is 409 "$(api sales POST /api/v1/proposals/PRD/win)"

# --- 3. Rating in someone else's name -----------------------------------------
check "rate-as-other-403" is 403 "$(api operations POST /api/v1/records/manual_ratings '{"contract_id":"K1","rated_on":"2025-04-01","rated_by":"P-O1A","concreteness":5,"feasibility":5}')"
check "rate-as-other-code" has "$WORK/body" '"error":"policy.not_self","message":"You may rate or review only as yourself","field":"rated_by"'
check "rate-overwrite-other-403" is 403 "$(api operations PUT /api/v1/records/manual_ratings/K4/2025-03-01/P-O1A '{"concreteness":1}')"
check "rate-other-unchanged" is 200 "$(api viewer GET /api/v1/records/manual_ratings/K4/2025-03-01/P-O1A)"
check "rate-other-unchanged-value" has "$WORK/body" '"concreteness":4'
check "rate-filled-from-session-201" is 201 "$(api operations POST /api/v1/records/manual_ratings '{"contract_id":"K1","rated_on":"2025-04-01","concreteness":5,"feasibility":4}')"
check "rate-filled-from-session-value" has "$WORK/body" '"rated_by":"P-O1"'
check "rate-other-unit-403" is 403 "$(api ops2 POST /api/v1/records/manual_ratings '{"contract_id":"K1","rated_on":"2025-04-02","concreteness":5,"feasibility":5}')"
check "rate-no-person-403" is 403 "$(api admin POST /api/v1/records/manual_ratings '{"contract_id":"K1","rated_on":"2025-04-03","rated_by":"P-O1","concreteness":5,"feasibility":5}')"
check "rate-no-person-code" has "$WORK/body" '"error":"policy.no_person"'
check "review-as-other-403" is 403 "$(api operations POST /api/v1/proposals/PRD/review '{"reviewed_on":"2025-05-02","reviewer":"P-O2","verdict":"feasible"}')"
check "review-as-other-form-403" is 403 "$(form operations /proposals/PRD/review reviewed_on=2025-05-02 reviewer=P-O2 verdict=feasible)"
check "review-as-self-201" is 201 "$(api operations POST /api/v1/proposals/PRD/review '{"reviewed_on":"2025-05-02","verdict":"feasible"}')"
check "review-as-self-reviewer" has "$WORK/body" '"reviewer":"P-O1"'
check "relationship-exec-as-other-403" is 403 "$(api executive POST /api/v1/records/relationship_ratings '{"client_id":"C3","date":"2025-06-30","level":2,"rated_by":"P-S1"}')"
check "relationship-exec-as-self-201" is 201 "$(api executive POST /api/v1/records/relationship_ratings '{"client_id":"C3","date":"2025-06-30","level":2}')"
check "relationship-exec-as-self-value" has "$WORK/body" '"rated_by":"P-CEO"'
check "admin-import-names-others-200" is 200 "$(status admin POST '/api/v1/imports?wait=30&file=manual_ratings.csv' -H 'Content-Type: text/csv' --data-binary "$(printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK4,2025-05-01,P-O1A,3,3\n')")"
check "admin-import-audited" sh -c '"$1" audit list --db "$2" --entity manual_ratings | grep -q "user:admin	import"' sh "$TANDEM" "$DB"

# --- 4. Raising one's own score -----------------------------------------------
k1_ops=$(score K1 operations)
check "own-draft-proposed-202" is 202 "$(api operations POST /api/v1/records/proposals '{"id":"PRO","client_id":"C1","credited_contract_id":"K1","origin":"operations","status":"draft","title":"more chat"}')"
check "own-draft-is-a-change" has "$WORK/body" '"kind":"proposals","key":"PRO","op":"create","contract_id":"K1","confirmer":"sales owner","state":"proposed"'
check "own-draft-not-a-record" is 404 "$(api viewer GET /api/v1/records/proposals/PRO)"
check "own-draft-o22-unchanged" is "$k1_ops" "$(score K1 operations)"
check "ops-reassign-other-403" is 403 "$(api operations PUT /api/v1/records/contracts/K3 '{"ops_owner":"P-O1"}')"
check "ops-reassign-own-to-sales-403" is 403 "$(api operations PUT /api/v1/records/contracts/K1 '{"ops_owner":"P-S1"}')"
check "ops-reassign-field" has "$WORK/body" '"field":"ops_owner"'
check "ops-owner-unchanged" is 200 "$(api viewer GET /api/v1/records/contracts/K3)"
check "ops-owner-unchanged-value" has "$WORK/body" '"ops_owner":"P-O2"'

# Sales lowers its own SLA target: a proposed change, the score moves only
# once operations of the contract's unit confirms it.
k5_sales=$(score K5 sales)
check "own-target-proposed-202" is 202 "$(api sales PUT '/api/v1/records/sla_metrics/K5/SL?reason=the%20client%20agreed' '{"target":0.7}')"
change_id > "$WORK/change"
CH=$(cat "$WORK/change")
check "own-target-change-json" has "$WORK/body" '"kind":"sla_metrics","key":"K5/SL","op":"update","contract_id":"K5","confirmer":"operations","state":"proposed","proposer":"user:sales","proposer_person":"P-S1","reason":"the client agreed","before":{"contract_id":"K5","metric":"SL","name":"service level","direction":"higher","target":0.8'
check "own-target-after" has "$WORK/body" '"after":{"contract_id":"K5","metric":"SL","name":"service level","direction":"higher","target":0.7'
check "own-target-record-unchanged" is 200 "$(api viewer GET /api/v1/records/sla_metrics/K5/SL)"
check "own-target-record-unchanged-value" has "$WORK/body" '"target":0.8'
check "own-target-score-unchanged" is "$k5_sales" "$(score K5 sales)"
check "own-target-export-unchanged" sh -c '"$1" export --db "$2" --out "$3/exp" >/dev/null && grep -q "^K5,SL,service level,higher,0.8," "$3/exp/sla_metrics.csv"' sh "$TANDEM" "$DB" "$WORK"
check "inbox-ops-waiting" is 200 "$(api operations GET '/api/v1/changes?filter=waiting')"
check "inbox-ops-has-change" has "$WORK/body" "{\"id\":$CH,"
check "inbox-ops-may-decide" has "$WORK/body" '"may_decide":true'
check "inbox-ops2-empty" is 200 "$(api ops2 GET '/api/v1/changes?filter=waiting')"
check "inbox-ops2-empty-body" is '{"changes":[],"count":0}' "$(cat "$WORK/body")"
check "mine-sales" is 200 "$(api sales GET '/api/v1/changes?filter=mine')"
check "mine-sales-has-change" has "$WORK/body" "{\"id\":$CH,"
check "inbox-header-count" is 200 "$(status operations GET /changes)"
check "inbox-header-badge" has "$WORK/body" 'id="changes-waiting"'
check "inbox-page-confirm-form" has "$WORK/body" "action=\"/changes/$CH/confirm\""
check "inbox-page-sort-link" has "$WORK/body" '<a class="sort" href="/changes?waiting_sort=kind&amp;waiting_dir=asc">'
check "inbox-page-sorted-200" is 200 "$(status operations GET '/changes?lang=en&waiting_sort=state&waiting_dir=desc')"
check "inbox-page-sorted-aria" has "$WORK/body" 'aria-sort="descending"><a class="sort" href="/changes?waiting_sort=state&amp;waiting_dir=asc">'
# the inbox's actions are html_form descriptors: confirm (an empty note),
# reject (a note typed, its label for screen readers)
check "inbox-page-confirm-inline" has "$WORK/body" "<form method=\"post\" class=\"inline\" novalidate action=\"/changes/$CH/confirm\"><input type=\"hidden\" name=\"csrf\""
check "inbox-page-reject-note" has "$WORK/body" "<label class=\"visually-hidden\" for=\"note-$CH\">Note"
# the change's own page: what it changes as fields, in the user's language
check "change-page-200" is 200 "$(status operations GET "/changes/$CH?lang=ko")"
check "change-page-fields" has "$WORK/body" '<div id="change-fields"><ul class="changed"><li>목표: <del>0.8</del> → <ins>0.7</ins></li></ul></div>'
check "change-page-json-on-demand" has "$WORK/body" '<details><summary>정확한 기록(JSON)</summary>'
check "inbox-page-done-rejected" is 200 "$(status operations GET '/changes?lang=en&done=rejected')"
check "inbox-page-done-rejected-says" has "$WORK/body" '<p class="notice ok" role="status">The change is rejected.</p>'
check "inbox-page-done-unknown" is 200 "$(status operations GET '/changes?lang=en&done=bogus')"
check "inbox-page-done-unknown-says-nothing" hasnt "$WORK/body" '<p class="notice ok" role="status">'

check "self-confirm-403" is 403 "$(api sales POST "/api/v1/changes/$CH/confirm" '{}')"
check "other-unit-confirm-403" is 403 "$(api ops2 POST "/api/v1/changes/$CH/confirm" '{}')"
check "other-unit-confirm-code" has "$WORK/body" '"error":"change.forbidden"'
check "viewer-confirm-403" is 403 "$(api viewer POST "/api/v1/changes/$CH/confirm" '{}')"
check "confirm-unknown-field-400" is 400 "$(api operations POST "/api/v1/changes/$CH/confirm" '{"notes":"x"}')"
check "confirm-200" is 200 "$(api operations POST "/api/v1/changes/$CH/confirm" '{"note":"checked with the client"}')"
check "confirm-state" has "$WORK/body" '"state":"confirmed","proposer":"user:sales"'
check "confirm-decider" has "$WORK/body" '"decided_by":"user:operations","decided_person":"P-O1","note":"checked with the client"'
check "confirm-record-changed" is 200 "$(api viewer GET /api/v1/records/sla_metrics/K5/SL)"
check "confirm-record-changed-value" has "$WORK/body" '"target":0.7'
check "confirm-score-changed" sh -c '[ "$1" != "$2" ]' sh "$k5_sales" "$(score K5 sales)"
check "confirm-again-409" is 409 "$(api operations POST "/api/v1/changes/$CH/confirm" '{}')"
check "audit-propose-confirm" is 200 "$(api executive GET '/api/v1/audit?limit=50')"
check "audit-has-propose" has "$WORK/body" '"actor":"user:sales","action":"propose","entity":"sla_metrics","key":"K5/SL"'
check "audit-has-confirm" has "$WORK/body" '"actor":"user:operations","action":"confirm","entity":"sla_metrics","key":"K5/SL"'
check "audit-has-update" has "$WORK/body" '"actor":"user:operations","action":"update","entity":"sla_metrics","key":"K5/SL","before":{"contract_id":"K5","metric":"SL","name":"service level","direction":"higher","target":0.8'

# No lost update: two proposals on one record; the second no longer
# matches the record once the first is confirmed.
check "race-first-202" is 202 "$(api sales PUT /api/v1/records/sla_metrics/K5/SL '{"target":0.75}')"
A=$(change_id)
check "race-second-202" is 202 "$(api sales PUT /api/v1/records/sla_metrics/K5/SL '{"target":0.6}')"
B=$(change_id)
check "race-first-confirm-200" is 200 "$(api operations POST "/api/v1/changes/$A/confirm" '{}')"
check "race-second-confirm-409" is 409 "$(api operations POST "/api/v1/changes/$B/confirm" '{}')"
check "race-second-message" has "$WORK/body" '"error":"change.conflict"'
check "race-second-detail" has "$WORK/body" 'changed since this change was proposed'
check "race-record-first-value" is 200 "$(api viewer GET /api/v1/records/sla_metrics/K5/SL)"
check "race-record-first-value-text" has "$WORK/body" '"target":0.75'
# Rejection needs a note and leaves the record alone.
check "reject-no-note-422" is 422 "$(api operations POST "/api/v1/changes/$B/reject" '{}')"
check "reject-200" is 200 "$(api operations POST "/api/v1/changes/$B/reject" '{"note":"superseded"}')"
check "reject-state" has "$WORK/body" '"state":"rejected"'
check "reject-record-untouched" is 200 "$(api viewer GET /api/v1/records/sla_metrics/K5/SL)"
check "reject-record-untouched-value" has "$WORK/body" '"target":0.75'
check "audit-has-reject" sh -c '"$1" audit list --db "$2" --entity sla_metrics | grep -q "user:operations	reject	sla_metrics	K5/SL"' sh "$TANDEM" "$DB"

# The operations-origin draft: its sales owner confirms it through the web form.
P=$(api sales GET '/api/v1/changes?filter=waiting' >/dev/null; sed -n 's/.*{"id":\([0-9]*\),"kind":"proposals","key":"PRO".*/\1/p' "$WORK/body")
check "draft-waits-for-sales-owner" test -n "$P"
check "draft-confirm-form-303" is 303 "$(form sales "/changes/$P/confirm" note=ok)"
check "draft-now-a-record" is 200 "$(api viewer GET /api/v1/records/proposals/PRO)"
# PRO has no proposed_on, so it is not in 2025: O2.2 stays 1 proposal, 50 points.
check "draft-o22-still-unchanged" sh -c 'printf "%s" "$1" | grep -q "\"criterion\":\"O2.2\",\"value\":1.00,\"score\":50.00"' sh "$(score K1 operations)"
check "mine-page" is 200 "$(status operations GET '/changes?lang=en')"
check "mine-page-state" has "$WORK/body" 'My proposed changes'
check "mine-page-confirmed" has "$WORK/body" '>confirmed<'

# Operations' go-live date waits for the sales owner; sales2 cannot confirm it.
check "golive-proposed-202" is 202 "$(api operations PUT /api/v1/records/contracts/K5 '{"go_live_on":"2025-02-12"}')"
G=$(change_id)
check "golive-rival-confirm-403" is 403 "$(api sales2 POST "/api/v1/changes/$G/confirm" '{}')"
check "golive-executive-confirm-200" is 200 "$(api executive POST "/api/v1/changes/$G/confirm" '{}')"
check "golive-applied" is 200 "$(api viewer GET /api/v1/records/contracts/K5)"
check "golive-applied-value" has "$WORK/body" '"go_live_on":"2025-02-12"'

# The CLI: the same changes, decided as a web account.
check "cli-changes-list" sh -c '"$1" changes list --db "$2" | grep -q "^$3	rejected	sla_metrics	K5/SL	update	P-S1	operations$"' sh "$TANDEM" "$DB" "$B"
check "cli-changes-show-json" sh -c '"$1" changes show "$3" --format json --db "$2" | grep -q "\"state\":\"confirmed\""' sh "$TANDEM" "$DB" "$A"
"$TANDEM" changes list --state proposed --db "$DB" > "$WORK/before-cli"
check "cli-propose-202" is 202 "$(api sales PUT /api/v1/records/sla_metrics/K5/SL '{"target":0.72}')"
C=$(change_id)
check "cli-confirm-ineligible-exit-1" status_is 1 "$TANDEM" changes confirm "$C" --as ops2 --db "$DB"
check "cli-reject-needs-note-exit-2" status_is 2 "$TANDEM" changes reject "$C" --as operations --db "$DB"
check "cli-confirm-exit-0" status_is 0 "$TANDEM" changes confirm "$C" --as operations --note "by phone" --db "$DB"
check "cli-confirm-applied" is 200 "$(api viewer GET /api/v1/records/sla_metrics/K5/SL)"
check "cli-confirm-applied-value" has "$WORK/body" '"target":0.72'
check "cli-confirm-audited-as-os-user" sh -c '"$1" audit list --db "$2" --entity sla_metrics | grep -q "cli:$(id -un) as user:operations	confirm"' sh "$TANDEM" "$DB"
check "cli-actor-ignores-USER" sh -c 'USER=somebody-else "$1" proposal override PRD --as executive --reason "board" --db "$2" >/dev/null && "$1" audit list --db "$2" --entity proposals --limit 1 | grep -q "cli:$(id -un)	override"' sh "$TANDEM" "$DB"
check "audit-chain-intact" "$TANDEM" audit verify --db "$DB"
# The web form of a rating starts in the account's own name.
check "form-rating-prefilled-200" is 200 "$(status operations GET /records/manual_ratings/new)"
check "form-rating-prefilled-rater" sh -c 'grep -o "<input[^>]*id=\"f-rated_by\"[^>]*>" "$1" | grep -q "value=\"P-O1\""' sh "$WORK/body"
# The proposal page shows the decisions the policy allows this person.
check "page-own-proposal-buttons" is 200 "$(status sales GET /proposals/PRD)"
check "page-own-proposal-win-button" has "$WORK/body" 'action="/proposals/PRD/win"'
check "page-admin-no-review-form" is 200 "$(status admin GET /proposals/PRD)"
check "page-admin-no-review-form-body" hasnt "$WORK/body" 'action="/proposals/PRD/review"'
# The contract page lists the changes about it that wait for confirmation.
check "contract-page-no-waiting" is 200 "$(status viewer GET /contracts/K5)"
check "contract-page-no-waiting-section" hasnt "$WORK/body" 'id="contract-changes"'
check "contract-page-propose-202" is 202 "$(api sales PUT /api/v1/records/sla_metrics/K5/SL '{"target":0.71}')"
check "contract-page-waiting" is 200 "$(status viewer GET '/contracts/K5?lang=en')"
check "contract-page-waiting-section" has "$WORK/body" 'Changes waiting for confirmation (1)'
# Proposed changes of a frozen year follow the closed-year rule: once 2025
# is frozen, a pending change dated in it is applied only as an executive's
# correction with a reason, and no new one can be proposed.
check "closed-pending-202" is 202 "$(api operations POST /api/v1/records/expansions '{"contract_id":"K5","date":"2025-11-01","kind":"site","added_annual_value":7}')"
X=$(change_id)
check "closed-freeze-201" is 201 "$(api executive POST /api/v1/frozen/2025)"
check "closed-propose-409" is 409 "$(api operations POST /api/v1/records/expansions '{"contract_id":"K5","date":"2025-11-02","kind":"site","added_annual_value":7}')"
check "closed-confirm-owner-409" is 409 "$(api sales POST "/api/v1/changes/$X/confirm" '{}')"
check "closed-confirm-owner-detail" has "$WORK/body" '2025 is a closed year'
check "closed-confirm-correction-200" is 200 "$(api executive POST "/api/v1/changes/$X/confirm?correction=1&reason=signed%20before%20the%20freeze" '{}')"
check "closed-confirm-applied" is 200 "$(api viewer GET /api/v1/records/expansions/K5/2025-11-01/site)"
