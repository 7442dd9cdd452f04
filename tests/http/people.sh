#!/bin/sh
# Forms for people, my page, records and the audit log: names typed where
# ids are asked for (a unique name or part of one; the candidates when
# ambiguous), the pickers' suggestions, the next free id offered, my page
# for an account linked to a person (and its honest empty states), record
# lists with names beside codes, amounts as people read them, a text filter
# and paging with totals, and the audit log filtered, in local time, with a
# stored model summarized and linked instead of dumped.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
mkdir -p "$WORK/more"
printf 'id,name,email,org_unit_id\nP-S2,오현우,oh@example.com,S1\nP-S3,오현정,oj@example.com,S1\nP-O7,이영업,lee2@example.com,OP1\n' > "$WORK/more/people.csv"
# 1,120 more measurements (1,125 in all), for paging
awk 'BEGIN { print "contract_id,metric,date,numerator,denominator";
	for (y = 2020; y <= 2023; y++) for (m = 1; m <= 12; m++) for (d = 1; d <= 28; d++)
		if (n++ < 1120) printf "K1,SL,%04d-%02d-%02d,900,1000\n", y, m, d }' > "$WORK/more/measurements.csv"
"$TANDEM" import --db "$DB" "$WORK/more" >/dev/null || exit 1
TANDEM_NOW=2026-11-26T12:00:00Z start_server --quiet || exit 1
for r in admin sales viewer operations executive; do login "$r" || exit 1; done
base="service_line=x signed_on=2025-01-10 risk_tier=low annual_value=1000 ops_owner=P-O1 planned_ramp_days=30 planned_stabilization_months=3"

# --- pickers: a name, part of one, an id; ambiguity shows the candidates -----
check "people-name-resolves-303" is 303 "$(form admin /records/contracts id=KN1 'client_id=다라 보험' sales_owner=오현우 $base)"
check "people-name-resolves-client" is 200 "$(api admin GET /api/v1/records/contracts/KN1)"
check "people-name-resolves-client-id" has "$WORK/body" '"client_id":"C2"'
check "people-name-resolves-person-id" has "$WORK/body" '"sales_owner":"P-S2"'
check "people-part-resolves-303" is 303 "$(form admin /records/contracts id=KN2 client_id=다라 sales_owner=현정 $base)"
check "people-part-resolves-value" is 200 "$(api admin GET /api/v1/records/contracts/KN2)"
check "people-part-resolves-person" has "$WORK/body" '"sales_owner":"P-S3"'
check "people-part-resolves-client" has "$WORK/body" '"client_id":"C2"'
check "people-ambiguous-422" is 422 "$(form admin '/records/contracts?lang=en' id=KN3 client_id=C1 sales_owner=오현 'annual_value=abc' service_line=x)"
check "people-ambiguous-message" has "$WORK/body" '<p class="field-error" id="f-sales_owner-err">Several records match this name: choose one below.</p>'
check "people-ambiguous-candidate-1" has "$WORK/body" '<li><button type="submit" class="link" name="pick.sales_owner" value="P-S2">오현우 <span class="muted small">P-S2</span></button></li>'
check "people-ambiguous-candidate-2" has "$WORK/body" '<li><button type="submit" class="link" name="pick.sales_owner" value="P-S3">오현정 <span class="muted small">P-S3</span></button></li>'
check "people-ambiguous-other-errors-too" has "$WORK/body" 'id="f-annual_value-err">bad number &#39;abc&#39; for annual_value'
check "people-ambiguous-kept" has "$WORK/body" 'name="sales_owner" type="text" value="오현" placeholder="name or id"'
check "people-ambiguous-nothing-saved" is 404 "$(api admin GET /api/v1/records/contracts/KN3)"
# the same name twice (P-S1 and P-O7 are both 이영업): the exact match is no help
check "people-same-name-422" is 422 "$(form admin '/records/contracts?lang=ko' id=KN4 client_id=C1 sales_owner=이영업 $base)"
check "people-same-name-ko" has "$WORK/body" 'id="f-sales_owner-err">이 이름에 해당하는 기록이 여러 개입니다. 아래에서 하나를 고르세요.</p>'
check "people-same-name-both" sh -c "grep -qF 'value=\"P-S1\">이영업' '$WORK/body' && grep -qF 'value=\"P-O7\">이영업' '$WORK/body'"
# choosing a candidate sends the form with it
check "people-pick-303" is 303 "$(form admin /records/contracts id=KN4 client_id=C1 sales_owner=이영업 pick.sales_owner=P-O7 $base)"
check "people-pick-saved" is 200 "$(api admin GET /api/v1/records/contracts/KN4)"
check "people-pick-value" has "$WORK/body" '"sales_owner":"P-O7"'
check "people-id-stays-id-303" is 303 "$(form admin /records/contracts id=KN5 client_id=C1 sales_owner=P-S1 $base)"
check "people-unknown-name-422" is 422 "$(form admin '/records/contracts?lang=en' id=KN6 client_id=C1 sales_owner=아무개 $base)"
check "people-unknown-name-says" has "$WORK/body" 'id="f-sales_owner-err">unknown person &#39;아무개&#39;'
check "people-picker-markup" has "$WORK/body" 'name="sales_owner" type="text" value="아무개" placeholder="name or id" list="f-sales_owner-list" data-suggest="people" autocomplete="off"'

# --- suggestions (JSON) and the next free id ------------------------------------
check "people-suggest-200" is 200 "$(api viewer GET '/api/v1/suggest/people?q=%EC%98%A4%ED%98%84')"
check "people-suggest-body" has "$WORK/body" '{"kind":"people","q":"오현","next_id":"P-S4","items":[{"id":"P-S2","name":"오현우","exact":false},{"id":"P-S3","name":"오현정","exact":false}]}'
check "people-suggest-exact-first" is 200 "$(api viewer GET '/api/v1/suggest/people?q=P-S1')"
check "people-suggest-exact-body" has "$WORK/body" '"items":[{"id":"P-S1","name":"이영업","exact":true}]'
check "people-suggest-contract-by-client" is 200 "$(api viewer GET '/api/v1/suggest/contracts?q=%EB%8B%A4%EB%9D%BC')"
check "people-suggest-contract-body" has "$WORK/body" '"items":[{"id":"KN1","name":"다라 보험","exact":false},{"id":"KN2","name":"다라 보험","exact":false}]'
check "people-suggest-no-names-400" is 400 "$(api viewer GET '/api/v1/suggest/measurements?q=x')"
check "people-suggest-unknown-kind-404" is 404 "$(api viewer GET '/api/v1/suggest/nothing?q=x')"
check "people-suggest-anon-401" is 401 "$(api anon GET '/api/v1/suggest/people?q=x')"
check "people-new-person-id" is 200 "$(status admin GET '/records/people/new?lang=en')"
check "people-new-person-id-value" has "$WORK/body" 'name="id" type="text" value="P-S4"'
check "people-new-contract-id" is 200 "$(status admin GET '/records/contracts/new?lang=en')"
check "people-new-contract-id-value" has "$WORK/body" 'name="id" type="text" value="KN6"'
check "people-new-proposal" is 200 "$(status sales GET '/records/proposals/new?lang=en')"
check "people-new-proposal-id" has "$WORK/body" 'name="id" type="text" value="PR3"'

# --- my page ----------------------------------------------------------------------
check "people-me-sales" is 200 "$(status sales GET '/me?lang=en')"
check "people-me-title" has "$WORK/body" '<h1>My page <span class="subtitle">이영업</span></h1>'
check "people-me-who" has "$WORK/body" '<p class="muted" id="me-who">P-S1 · 영업1팀 · sales</p>'
check "people-me-total" has "$WORK/body" '<span class="tile-score" id="my-total-sales">51.81 <span class="grade grade-D">D</span></span>'
check "people-me-criterion-evidence" has "$WORK/body" '<a href="/evidence/K1/sales/S1.1?year=2025" aria-label="K1 S1.1">33.33</a>'
check "people-me-no-ops-score" hasnt "$WORK/body" 'id="my-score-operations"'
check "people-me-full-scorecard" has "$WORK/body" '<a href="/scores/person/P-S1?year=2025&amp;org=sales">My full scorecard</a>'
check "people-me-alert" has "$WORK/body" '<span class="badge warn">Stabilization overdue</span>'
check "people-me-alerts-link" has "$WORK/body" '<a href="/alerts?owner=P-S1">All alerts of my contracts</a>'
check "people-me-nothing-waiting" has "$WORK/body" '<h2>Waiting for my confirmation (0)</h2>'
check "people-me-in-header" has "$WORK/body" '<a href="/me" id="my-page" aria-current="page">My page</a> · sales'
check "people-me-ops" is 200 "$(status operations GET '/me?lang=ko')"
check "people-me-ops-total" has "$WORK/body" 'id="my-total-operations">'
check "people-me-ops-title" has "$WORK/body" '<h1>내 페이지 <span class="subtitle">박운영</span></h1>'
# operations moving a go-live date waits for sales' confirmation
check "people-me-change-proposed" is 202 "$(api operations PUT /api/v1/records/contracts/K2 '{"go_live_on":"2026-03-03"}')"
check "people-me-sales-waiting" is 200 "$(status sales GET '/me?lang=en')"
check "people-me-sales-waiting-one" has "$WORK/body" '<h2>Waiting for my confirmation (1)</h2>'
check "people-me-sales-waiting-confirm" has "$WORK/body" '>Confirm</button>'
# an account that is no person: said plainly, no link in the header
check "people-me-viewer" is 200 "$(status viewer GET '/me?lang=ko')"
check "people-me-viewer-not-linked" has "$WORK/body" '<p class="notice" id="me-not-linked">이 계정은 담당자와 연결되어 있지 않아'
check "people-me-viewer-no-header-link" hasnt "$WORK/body" 'id="my-page"'
# a year without scores for me: the empty state names the year
check "people-me-empty-year" is 200 "$(status sales GET '/me?year=2019&lang=en')"
check "people-me-empty-year-says" has "$WORK/body" '<p class="muted" id="my-score-empty">You have no score for 2019: no contract you own was scored that year.</p>'
check "people-me-anon" is 303 "$(status anon GET /me)"

# --- record lists: names beside codes, amounts, text filter, paging -------------
check "people-list-ko" is 200 "$(status admin GET '/records/contracts?lang=ko')"
check "people-list-client-name" has "$WORK/body" '<td>가나 통신, 주식회사 <span class="muted small code">C1</span></td>'
check "people-list-person-name" has "$WORK/body" '<td>이영업 <span class="muted small code">P-S1</span></td>'
check "people-list-row-header" has "$WORK/body" '<tr><th scope="row"><a href="/contracts/K1">K1</a></th>'
check "people-list-amount-ko" has "$WORK/body" '<td class="num"><span title="1,200,000,000">12억원</span></td>'
check "people-list-range-ko" has "$WORK/body" '<span class="range" id="range">전체 6건 중 1–6 · 1쪽 중 1쪽</span>'
check "people-list-en" is 200 "$(status admin GET '/records/contracts?lang=en')"
check "people-list-amount-en" has "$WORK/body" '<td class="num">₩1,200,000,000</td>'
check "people-list-filter-client-name" is 200 "$(status admin GET '/records/contracts?lang=en&q=%EB%8B%A4%EB%9D%BC')"
check "people-list-filter-range" has "$WORK/body" '<span class="range" id="range">1–2 of 2 · page 1 of 1</span>'
check "people-list-filter-kn1" has "$WORK/body" '<a href="/contracts/KN1">KN1</a>'
check "people-list-filter-not-k1" hasnt "$WORK/body" '<a href="/contracts/K1">K1</a>'
check "people-list-filter-none" is 200 "$(status admin GET '/records/contracts?lang=en&q=zzz')"
check "people-list-filter-none-says" has "$WORK/body" 'id="records-empty">No record matches this filter.'
check "people-list-measurements" is 200 "$(status admin GET '/records/measurements?lang=en')"
check "people-list-measurements-total" has "$WORK/body" '<span class="range" id="range">1–50 of 1,125 · page 1 of 23</span>'
check "people-list-last-link" has "$WORK/body" '<a rel="last" href="/records/measurements?page=23">Last</a>'
check "people-list-page-2" is 200 "$(status admin GET '/records/measurements?lang=en&page=2')"
check "people-list-page-2-range" has "$WORK/body" '<span class="range" id="range">51–100 of'
check "people-list-page-2-first" has "$WORK/body" '<a rel="first" href="/records/measurements">First</a>'
check "people-list-key-filter" is 200 "$(status admin GET '/records/measurements?lang=en&contract_id=K1&metric=SL&date=2025-03-15')"
check "people-list-key-filter-one" has "$WORK/body" '<span class="range" id="range">1–1 of 1 · page 1 of 1</span>'
check "people-list-number-filter" is 200 "$(status admin GET '/records/measurements?lang=en&metric=SL&numerator=900.0')"
check "people-list-number-filter-count" has "$WORK/body" '<span class="range" id="range">1–50 of 1,121 · page 1 of 23</span>'
check "people-list-text-filter-measurements-ignored" is 200 "$(status admin GET '/records/measurements?lang=en&q=x')"
check "people-list-text-filter-measurements-all" has "$WORK/body" '<span class="range" id="range">1–50 of 1,125 · page 1 of 23</span>'

# --- the audit log: local times, filters, summaries, paging ----------------------
"$TANDEM" model show default --db "$DB" > "$WORK/model.json"
check "people-audit-model-stored" is 201 "$(api executive POST '/api/v1/models?year=2026&version=v-audit' "$(cat "$WORK/model.json")")"
check "people-audit-update" is 200 "$(api admin PUT /api/v1/records/contracts/KN1 '{"service_line":"채팅"}')"
check "people-audit-page" is 200 "$(status executive GET '/audit?lang=en&entity=model')"
check "people-audit-local-time" has "$WORK/body" '<time datetime="2026-11-26T12:00:00Z">2026-11-26 21:00:00</time>'
check "people-audit-zone-said" has "$WORK/body" '<p class="muted small" id="audit-zone">Times are in <code>Asia/Seoul</code> (the server&#39;s time zone); the log itself keeps UTC.</p>'
bytes=$(wc -c < "$WORK/model.json")
check "people-audit-model-summary" has "$WORK/body" "<span class=\"model-change\">Model version v-audit stored ($bytes bytes of JSON) "
check "people-audit-model-link" has "$WORK/body" '<a href="/models/v-audit">Open the model</a></span>'
check "people-audit-model-not-dumped" hasnt "$WORK/body" '&quot;categories&quot;'
check "people-audit-model-only" has "$WORK/body" '<span class="range" id="range">1–1 of 1 · page 1 of 1</span>'
check "people-audit-update-page" is 200 "$(status executive GET '/audit?lang=ko&entity=contracts&key=KN1&actor=user:admin')"
check "people-audit-update-fields" has "$WORK/body" '<ul class="changed"><li>서비스 라인: <del>x</del> → <ins>채팅</ins></li></ul>'
check "people-audit-update-three" has "$WORK/body" '<span class="range" id="range">전체 3건 중 1–3 · 1쪽 중 1쪽</span>'
check "people-audit-filter-kept" has "$WORK/body" '<input id="a-key" name="key" type="text" value="KN1">'
check "people-audit-filter-entity-kept" has "$WORK/body" '<option value="contracts" selected>계약</option>'
check "people-audit-actor-other" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&key=KN1&actor=sales')"
check "people-audit-actor-other-none" has "$WORK/body" 'id="audit-empty">No audit entry matches these filters.'
check "people-audit-actor-bare-name" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&key=KN1&actor=admin')"
check "people-audit-actor-bare-name-three" has "$WORK/body" '<span class="range" id="range">1–3 of 3 · page 1 of 1</span>'
check "people-audit-person-created" is 201 "$(api admin POST /api/v1/records/people '{"id":"P-S9","name":"구하나","org_unit_id":"S1"}')"
check "people-audit-person-named" is 200 "$(status executive GET '/audit?lang=en&entity=people')"
check "people-audit-person-name-beside" has "$WORK/body" '<td>P-S9 <span class="muted small">구하나</span></td>'
check "people-audit-person-created-fields" has "$WORK/body" '<span class="muted small">After</span> <ul class="changed"><li>Id: P-S9</li><li>Name: 구하나</li><li>Email: —</li><li>Org unit: S1</li></ul>'
check "people-audit-created-contract" is 200 "$(status executive GET '/audit?lang=ko&entity=contracts&key=KN1&action=create')"
check "people-audit-enum-label-ko" has "$WORK/body" '<li>리스크 등급: 낮음</li>'
check "people-audit-enum-not-raw" hasnt "$WORK/body" '<li>리스크 등급: low</li>'
check "people-audit-user-page" is 200 "$(status executive GET '/audit?lang=ko&entity=user&key=viewer')"
check "people-audit-user-fields" has "$WORK/body" '<ul class="changed"><li>이름: viewer</li><li>역할: 조회자</li><li>연결된 사람: —</li><li>사용 중지: 아니오</li></ul>'
check "people-audit-bad-date" is 400 "$(status executive GET '/audit?lang=en&from=2026-02-30')"
check "people-audit-viewer-403" is 403 "$(status viewer GET /audit)"
# a change at 20:00 UTC is on the next day in Seoul: the dates filter local days
stop_server
TANDEM_NOW=2026-11-26T20:00:00Z start_server --quiet || exit 1
for r in admin executive; do login "$r" || exit 1; done
check "people-audit-late-update" is 200 "$(api admin PUT /api/v1/records/contracts/KN2 '{"service_line":"야간"}')"
check "people-audit-day-26" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&from=2026-11-26&to=2026-11-26')"
check "people-audit-day-26-has-kn1" has "$WORK/body" '<td><a href="/contracts/KN1">KN1</a></td>'
check "people-audit-day-26-not-late" hasnt "$WORK/body" '<ins>야간</ins>'
check "people-audit-day-27" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&from=2026-11-27&to=2026-11-27')"
check "people-audit-day-27-kn2" has "$WORK/body" '<time datetime="2026-11-26T20:00:00Z">2026-11-27 05:00:00</time>'
check "people-audit-day-27-three" has "$WORK/body" '<span class="range" id="range">1–3 of 3 · page 1 of 1</span>'
check "people-audit-replace-fields" has "$WORK/body" '<td>replace</td><td>Contracts</td><td><a href="/contracts/KN2">KN2</a></td><td class="change"><ul class="changed"><li>Service line: <del>x</del> → <ins>야간</ins></li></ul>'
# another zone, by the server's option
stop_server
start_server --quiet --time-zone UTC || exit 1
login executive || exit 1
check "people-audit-utc" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&from=2026-11-27&to=2026-11-27')"
check "people-audit-utc-none" has "$WORK/body" 'id="audit-empty">'
check "people-audit-utc-time" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&key=KN2')"
check "people-audit-utc-shown" has "$WORK/body" '<time datetime="2026-11-26T20:00:00Z">2026-11-26 20:00:00</time>'
check "people-audit-utc-said" has "$WORK/body" 'Times are in <code>UTC</code> (the server'
stop_server
check "people-bad-zone-refused" sh -c "! '$TANDEM' serve --db '$DB' --listen 127.0.0.1:0 --time-zone Mars/Olympus 2> '$WORK/zone.err' && grep -q 'time-zone' '$WORK/zone.err'"

# --- the review form is built from the schema too ---------------------------------
start_server --quiet || exit 1
for r in sales operations; do login "$r" || exit 1; done
api sales POST /api/v1/records/proposals '{"id":"PR9","client_id":"C1","origin":"sales","title":"z","proposed_on":"2026-02-01","status":"review"}' >/dev/null
check "people-review-form" is 200 "$(status operations GET '/proposals/PR9?lang=en')"
check "people-review-form-reviewer-locked" has "$WORK/body" '<input id="f-reviewer" name="reviewer" type="text" value="P-O1" aria-required="true" readonly>'
check "people-review-form-no-proposal-field" hasnt "$WORK/body" 'name="proposal_id"'
check "people-review-refused" is 422 "$(form operations '/proposals/PR9/review?lang=en' reviewed_on=2026-02-11 reviewer=P-O1 verdict=feasible predicted_attainment=높음)"
check "people-review-error-beside-field" has "$WORK/body" '<p class="field-error" id="f-predicted_attainment-err">bad number &#39;높음&#39; for predicted_attainment: not a number (use &#39;.&#39; for decimals and no thousands separators)</p>'
check "people-review-kept" has "$WORK/body" 'name="predicted_attainment" type="text" value="높음" inputmode="decimal" placeholder="0.95" aria-invalid="true" aria-describedby="f-predicted_attainment-err">'

# --- the API's text filter ----------------------------------------------------------
login viewer || exit 1
check "people-api-q" is 200 "$(api viewer GET '/api/v1/records/contracts?q=%EB%8B%A4%EB%9D%BC&limit=1')"
check "people-api-q-total" has "$WORK/body" '{"kind":"contracts","total":2,"limit":1,"offset":0,"items":[{"id":"KN1",'
check "people-api-q-measurements-400" is 400 "$(api viewer GET '/api/v1/records/measurements?q=x&lang=ko')"
check "people-api-q-measurements-ko" has "$WORK/body" '"message":"측정값 기록에는 텍스트 필터를 쓸 수 없습니다(키 열로 거르세요)"'
check "people-amount-not-percent" is 200 "$(status viewer GET '/records/sla_terms?lang=en')"
check "people-amount-percent-plain" hasnt "$WORK/body" '₩'

# --- the lists' Edit follows the policy, row by row -------------------------------------
login sales || exit 1
check "people-list-sales" is 200 "$(status sales GET '/records/contracts?lang=en')"
check "people-list-sales-own-editable" has "$WORK/body" '<a href="/records/contracts/edit/K1">Edit</a>'
check "people-list-sales-other-read-only" sh -c "grep -o '<a href=\"/contracts/KN1\">KN1</a>.*' '$WORK/body' | head -1 | grep -qF '<td><span class=\"muted small\">read only</span></td></tr>'"
check "people-list-sales-other-no-edit" hasnt "$WORK/body" '/records/contracts/edit/KN1'
