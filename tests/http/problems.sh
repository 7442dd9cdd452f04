#!/bin/sh
# Problems as structured values up to the edge (issue 15 item 2): a record
# written from a form, the API or a decision on a proposed change comes back
# from src/app as problems (kind, column, code, parameters), rendered only
# here — beside each field in the page's language, as the API's JSON with
# codes and parameters, on the CLI as "tandem: change N: message" — and a
# refused write leaves nothing behind (no record, no audit entry).
. "$(dirname "$0")/lib.sh"
make_store || exit 1
"$TANDEM" import --db "$DB" "$DATA/integrity" >/dev/null || exit 1
start_server --quiet || exit 1
for r in admin sales operations; do
	check "login-$r" login "$r"
done
head_before=$("$TANDEM" audit head --db "$DB")
bad="id=KP1 client_id=C1 service_line=x annual_value=abc signed_on=2025-13-01 risk_tier=huge sales_owner=P-S1 ops_owner=P-O1"

# --- a form with three errors at once, each beside its field ------------------
# field ID TEXT: the field-error paragraph of ID holds exactly TEXT.
field() { has "$WORK/body" "<p class=\"field-error\" id=\"f-$1-err\">$2</p>"; }
check "problems-form-ko-422" is 422 "$(form admin '/records/contracts?lang=ko' $bad)"
check "problems-form-ko-date" field signed_on "계약 체결일에 잘못된 날짜 &#39;2025-13-01&#39; (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)"
check "problems-form-ko-number" field annual_value "연간 계약금액에 잘못된 숫자 &#39;abc&#39;: 숫자가 아닙니다 (소수점은 &#39;.&#39;, 천 단위 구분 기호 없이)"
check "problems-form-ko-enum" field risk_tier "없는 리스크 등급 &#39;huge&#39; (허용: 낮음, 중간, 높음 중 하나)"
check "problems-form-ko-three-only" is 3 "$(grep -o 'class="field-error"' "$WORK/body" | wc -l | tr -d ' ')"
check "problems-form-ko-summary" has "$WORK/body" '<div class="notice error" role="alert" id="form-errors"><p>기록을 저장하지 못했습니다. 아래 표시된 항목을 고치세요.</p></div>'
check "problems-form-en-422" is 422 "$(form admin '/records/contracts?lang=en' $bad)"
check "problems-form-en-date" field signed_on "bad date &#39;2025-13-01&#39; for signed_on (expected YYYY-MM-DD, a day that exists)"
check "problems-form-en-number" field annual_value "bad number &#39;abc&#39; for annual_value: not a number (use &#39;.&#39; for decimals and no thousands separators)"
check "problems-form-en-enum" field risk_tier "unknown risk_tier &#39;huge&#39; (expected low, medium or high)"
check "problems-form-nothing-written" is 404 "$(api admin GET /api/v1/records/contracts/KP1)"

# A key that exists already: beside the id field, the record's noun in Korean.
check "problems-form-exists-409" is 409 "$(form admin '/records/contracts?lang=ko' id=K1 client_id=C1 service_line=x annual_value=1 signed_on=2025-01-10 risk_tier=low sales_owner=P-S1 ops_owner=P-O1)"
check "problems-form-exists-field" field id "계약 &#39;K1&#39;이(가) 이미 있습니다"

# --- the API: codes, parameters, messages -----------------------------------
check "problems-api-422" is 422 "$(api admin POST '/api/v1/records/contracts?lang=ko' '{"id":"KP2","client_id":"C1","annual_value":"1x","risk_tier":"huge","signed_on":"x","service_line":"x","sales_owner":"P-S1","ops_owner":"P-O1"}')"
check "problems-api-first" has "$WORK/body" '{"error":"bad date '"'"'x'"'"' for signed_on (expected YYYY-MM-DD, a day that exists)","field":"signed_on","code":"error.bad_date","params":["x","signed_on"],"message":"계약 체결일에 잘못된 날짜 '"'"'x'"'"' (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)","errors":['
check "problems-api-problems" has "$WORK/body" '"problems":[{"row":null,"column":"signed_on","code":"error.bad_date","params":["x","signed_on"],"message":"계약 체결일에 잘못된 날짜 '"'"'x'"'"' (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)"},{"row":null,"column":"annual_value","code":"error.bad_number_syntax","params":["1x","annual_value"],"message":"연간 계약금액에 잘못된 숫자 '"'"'1x'"'"': 숫자가 아닙니다 (소수점은 '"'"'.'"'"', 천 단위 구분 기호 없이)"},{"row":null,"column":"risk_tier","code":"error.unknown_ref_expected","params":["risk_tier","huge","low, medium or high"],"message":"없는 리스크 등급 '"'"'huge'"'"' (허용: 낮음, 중간, 높음 중 하나)"}]}'
check "problems-api-en" is 422 "$(api admin POST '/api/v1/records/contracts?lang=en' '{"id":"KP2","client_id":"NOPE","annual_value":"1","risk_tier":"low","signed_on":"2025-01-10","service_line":"x","sales_owner":"P-S1","ops_owner":"P-O1"}')"
check "problems-api-en-ref" has "$WORK/body" '"problems":[{"row":null,"column":"client_id","code":"error.unknown_ref","params":["client","NOPE"],"message":"unknown client '"'"'NOPE'"'"'"}]}'
check "problems-api-nothing-written" is 404 "$(api admin GET /api/v1/records/contracts/KP2)"
check "problems-api-key-fixed-422" is 422 "$(api admin PUT '/api/v1/records/contracts/K1?lang=ko' '{"id":"K9"}')"
check "problems-api-key-fixed" has "$WORK/body" '"problems":[{"row":null,"column":"id","code":"error.key_fixed","params":[],"message":"키는 바꿀 수 없습니다 (기록을 삭제하고 새로 만드세요)"}]}'
check "problems-api-delete-referred-409" is 409 "$(api admin DELETE '/api/v1/records/clients/C1?lang=ko')"
check "problems-api-delete-referred" has "$WORK/body" '"problems":[{"row":null,"column":null,"code":"error.still_referred","params":["client","C1"],"message":"고객사 '"'"'C1'"'"'을(를) 다른 기록이 아직 참조합니다. 그 기록을 먼저 삭제하거나 바꾸세요"}]}'
check "problems-page-delete-referred-409" is 409 "$(form admin '/records/clients/delete/C1?lang=en')"
check "problems-page-delete-referred" has "$WORK/body" '<p class="notice error" role="alert">Other records still refer to this one: client &#39;C1&#39; is still referred to by other records; delete or change those first</p>'

# --- a feasibility review: the same problems, beside the review form's fields --
check "problems-review-proposal-201" is 201 "$(api admin POST /api/v1/records/proposals '{"id":"PRX","client_id":"C1","origin":"sales","title":"y","proposed_on":"2026-02-01","status":"review"}')"
check "problems-review-ko-422" is 422 "$(form operations '/proposals/PRX/review?lang=ko' reviewed_on=2026-13-01 reviewer=P-O1 verdict=maybe predicted_attainment=1.2)"
check "problems-review-ko-date" field reviewed_on "검토일에 잘못된 날짜 &#39;2026-13-01&#39; (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)"
check "problems-review-ko-verdict" field verdict "없는 판정 &#39;maybe&#39; (허용: 가능, 조건부, 불가 중 하나)"
check "problems-review-ko-attainment" field predicted_attainment "예상 달성률 &#39;1.2&#39;은(는) 0과 1 사이가 아닙니다"
check "problems-review-ko-notice" has "$WORK/body" '<div class="notice error" role="alert"><p><strong>거부됨:</strong> 검토일에 잘못된 날짜 &#39;2026-13-01&#39; (YYYY-MM-DD 형식의 실제 있는 날짜여야 함)<br>없는 판정 &#39;maybe&#39; (허용: 가능, 조건부, 불가 중 하나)<br>예상 달성률 &#39;1.2&#39;은(는) 0과 1 사이가 아닙니다</p></div>'
check "problems-review-en-422" is 422 "$(form operations '/proposals/PRX/review?lang=en' reviewed_on=2026-13-01 reviewer=P-O1 verdict=maybe predicted_attainment=1.2)"
check "problems-review-en-attainment" field predicted_attainment "predicted_attainment &#39;1.2&#39; is not between 0 and 1"
check "problems-review-nothing-written" is 200 "$(api admin GET /api/v1/proposals/PRX)"
check "problems-review-no-review" has "$WORK/body" '"reviews":[]'

# --- a decision on a proposed change -------------------------------------------
check "problems-change-proposed-202" is 202 "$(api sales PUT /api/v1/records/sla_metrics/K5/SL '{"target":0.7}')"
CH=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$WORK/body")
check "problems-change-no-note-422" is 422 "$(api operations POST "/api/v1/changes/$CH/reject?lang=ko" '{}')"
check "problems-change-no-note-body" is '{"error":"change.invalid","message":"결정 내용이 올바르지 않습니다","detail":"a rejection needs a note saying why","problems":[{"row":null,"column":null,"code":"error.change_note_required","params":[],"message":"반려하려면 사유를 메모로 적어야 합니다"}]}' "$(cat "$WORK/body")"
check "problems-change-self-403" is 403 "$(api sales POST "/api/v1/changes/$CH/confirm?lang=en" '{}')"
check "problems-change-self-problem" has "$WORK/body" '"problems":[{"row":null,"column":null,"code":"error.change_waits_operations","params":[],"message":"this change waits for operations (the contract'"'"'s ops owner or their unit) or an executive; you may not decide it"}]}'
check "problems-change-page-self-403" is 403 "$(form sales "/changes/$CH/confirm?lang=ko")"
check "problems-change-page-self" has "$WORK/body" '이 변경은 운영(계약의 운영 담당 또는 그 조직) 또는 임원의 확인을 기다립니다. 결정할 수 없습니다</p>'
check "problems-cli-change-ko" status_is 1 "$TANDEM" --lang ko changes confirm "$CH" --as sales --db "$DB"
check "problems-cli-change-ko-text" is "tandem: change $CH: 이 변경은 운영(계약의 운영 담당 또는 그 조직) 또는 임원의 확인을 기다립니다. 결정할 수 없습니다" "$(cat "$WORK/.status.out")"
check "problems-cli-change-en" status_is 1 "$TANDEM" --lang en changes confirm "$CH" --as sales --db "$DB"
check "problems-cli-change-en-text" is "tandem: change $CH: this change waits for operations (the contract's ops owner or their unit) or an executive; you may not decide it" "$(cat "$WORK/.status.out")"
check "problems-change-confirm-200" is 200 "$(api operations POST "/api/v1/changes/$CH/confirm" '{}')"
check "problems-change-again-409" is 409 "$(api operations POST "/api/v1/changes/$CH/reject?lang=ko" '{"note":"late"}')"
check "problems-change-again" has "$WORK/body" '"problems":[{"row":null,"column":null,"code":"error.change_already_confirmed","params":["'"$CH"'"],"message":"변경 제안 '"$CH"'은(는) 이미 승인되었습니다"}]}'

# Nothing refused above wrote a record or an audit entry: the log grew by
# the proposal PRX (import, create), the proposed change and its
# confirmation (which applies it through the importer: replace, import,
# update, confirm), nothing else.
head_after=$("$TANDEM" audit head --db "$DB")
n_new=$(( ${head_after%%:*} - ${head_before%%:*} ))
check "problems-audit-only-the-change" is "confirm update import replace propose create import" "$("$TANDEM" audit list --limit "$n_new" --db "$DB" | cut -f4 | tr '\n' ' ' | sed 's/ $//')"
check "problems-audit-intact" "$TANDEM" audit verify --db "$DB"
