#!/bin/sh
# Errors in the user's language: the one catalog (report/i18n.c) gives the
# JSON API's errors a code, their parameters and the message in Korean or
# English (?lang= or the session's), and the pages show a refused change
# and every form field error in Korean.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server || exit 1
for r in admin sales; do login $r || exit 1; done
# a proposal in review without a feasible review: its gate is shut
api sales POST /api/v1/records/proposals '{"id":"PR6","client_id":"C1","origin":"sales","title":"x","proposed_on":"2026-02-01","status":"review"}' >/dev/null

# --- JSON API -----------------------------------------------------------------
check "i18n-api-gate-ko-409" is 409 "$(api sales POST '/api/v1/proposals/PR6/win?lang=ko')"
check "i18n-api-gate-ko-body" is '{"error":"proposal '"'"'PR6'"'"' cannot be won without a feasible or conditional feasibility review (or an executive'"'"'s override)","code":"error.gate_shut","params":["PR6"],"message":"제안 '"'"'PR6'"'"'은(는) 운영 타당성 검토에서 '"'"'가능'"'"' 또는 '"'"'조건부'"'"' 판정을 받거나 임원의 예외 승인이 있어야 수주 처리할 수 있습니다"}' "$(cat "$WORK/body")"
# the session keeps the language: the next call without ?lang is Korean too
check "i18n-api-session-lang-ko" is 404 "$(api sales GET /api/v1/proposals/NOPE)"
check "i18n-api-session-lang-ko-body" has "$WORK/body" '"code":"error.no_proposal","params":["NOPE"],"message":"제안 '"'"'NOPE'"'"'이(가) 없습니다"'
check "i18n-api-en-404" is 404 "$(api sales GET '/api/v1/proposals/NOPE?lang=en')"
check "i18n-api-en-body" has "$WORK/body" '"message":"no proposal '"'"'NOPE'"'"'"'
check "i18n-api-bad-number-ko-422" is 422 "$(api admin POST '/api/v1/records/clients?lang=ko' '{"id":"C9","name":"x","industry":"telecom","referred_by":"ZZ"}')"
check "i18n-api-bad-ref-ko-body" has "$WORK/body" '"code":"error.unknown_ref"'
check "i18n-api-enum-param-ko" is 409 "$(api admin POST '/api/v1/proposals/PR1/lose?lang=ko')"
check "i18n-api-enum-param-ko-body" has "$WORK/body" '"params":["PR1","won"],"message":"제안 '"'"'PR1'"'"'은(는) 수주 상태입니다'

# --- pages --------------------------------------------------------------------
check "i18n-page-refused-ko-409" is 409 "$(form sales '/proposals/PR6/win?lang=ko')"
check "i18n-page-refused-ko-text" has "$WORK/body" '거부됨:</strong> 제안 &#39;PR6&#39;은(는) 운영 타당성 검토에서'
check "i18n-page-refused-no-english" hasnt "$WORK/body" 'cannot be won'
check "i18n-form-errors-ko-422" is 422 "$(form admin '/records/contracts?lang=ko' client_id=C1 annual_value=abc signed_on=2025-13-01)"
check "i18n-form-required-ko" has "$WORK/body" 'ID은(는) 필수입니다'
check "i18n-form-no-english" hasnt "$WORK/body" 'is required'

# --- the language switch after a POST -----------------------------------------
# A POST cannot be repeated by a link: the switch goes to the page the form
# was sent from (Referer, this site's), else the record's page above.
en_link() { grep -o '<a lang="en" hreflang="en" href="[^"]*"' "$WORK/body" | sed 's/.*href="//; s/"$//'; }
csrf_sales="csrf=$(cat "$WORK/sales.csrf")"
check "i18n-switch-refused-win-referer-409" is 409 "$(status sales POST '/proposals/PR6/win?lang=ko' --data-urlencode "$csrf_sales" -H "Referer: $URL/proposals/PR6?tab=reviews&lang=ko")"
check "i18n-switch-refused-win-referer" is '/proposals/PR6?tab=reviews&amp;lang=en' "$(en_link)"
check "i18n-switch-refused-win-no-referer-409" is 409 "$(status sales POST '/proposals/PR6/win?lang=ko' --data-urlencode "$csrf_sales")"
check "i18n-switch-refused-win-no-referer" is '/proposals/PR6?lang=en' "$(en_link)"
check "i18n-switch-foreign-referer-409" is 409 "$(status sales POST '/proposals/PR6/win?lang=ko' --data-urlencode "$csrf_sales" -H 'Referer: http://evil.example/proposals/PR1')"
check "i18n-switch-foreign-referer-ignored" is '/proposals/PR6?lang=en' "$(en_link)"
check "i18n-switch-other-host-path-409" is 409 "$(status sales POST '/proposals/PR6/win?lang=ko' --data-urlencode "$csrf_sales" -H "Referer: $URL//evil.example/x")"
check "i18n-switch-other-host-path-ignored" is '/proposals/PR6?lang=en' "$(en_link)"
check "i18n-switch-post-only-referer-409" is 409 "$(status sales POST '/proposals/PR6/win?lang=ko' --data-urlencode "$csrf_sales" -H "Referer: $URL/proposals/PR6/win")"
check "i18n-switch-post-only-referer-ignored" is '/proposals/PR6?lang=en' "$(en_link)"
check "i18n-switch-whatif-422" is 422 "$(form admin '/models/whatif?lang=ko' stored= year=2026)"
check "i18n-switch-whatif-models" is '/models?lang=en' "$(en_link)"
check "i18n-switch-form-error-referer-422" is 422 "$(status admin POST '/records/contracts?lang=ko' --data-urlencode "csrf=$(cat "$WORK/admin.csrf")" --data-urlencode annual_value=abc -H "Referer: $URL/records/contracts/new")"
check "i18n-switch-form-error-back-to-form" is '/records/contracts/new?lang=en' "$(en_link)"
check "i18n-switch-get-of-post-only-405" is 405 "$(status sales GET '/proposals/PR6/win?lang=ko')"
check "i18n-switch-get-of-post-only" is '/proposals/PR6?lang=en' "$(en_link)"
check "i18n-switch-unknown-page-404" is 404 "$(status sales GET '/no-such-page?lang=ko')"
check "i18n-switch-unknown-page-stays" is '/no-such-page?lang=en' "$(en_link)"
check "i18n-switch-get-keeps-query" is 200 "$(status sales GET '/scores?year=2025&org=sales&lang=ko')"
check "i18n-switch-get-keeps-query-link" is '/scores?year=2025&amp;org=sales&amp;lang=en' "$(en_link)"
