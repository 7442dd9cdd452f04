#!/bin/sh
# Command-line errors in Korean (issue 18): with --lang ko or a Korean
# locale (LANG=ko_KR.UTF-8) the common errors of import, score, model,
# freeze and user read in Korean and keep their shape — "tandem: …",
# "tandem CMD: …" and FILE:LINE:COLUMN: places; English stays English.
. "$(dirname "$0")/lib.sh"

"$TANDEM" init >/dev/null
"$TANDEM" import "$DATA/small" >/dev/null

# Every kind of bad input of the import, in Korean: exact lines.
cp -r "$DATA/bad" bad
LANG=ko_KR.UTF-8 "$TANDEM" import bad > bad.out 2> bad.err
check "ko-import-bad-status-1" test $? -eq 1
check "ko-import-bad-exact-errors" same "$DATA/bad.ko.expected" bad.err
check "ko-import-bad-same-places" sh -c 'grep "^bad/" "$DATA/bad.expected" | cut -d: -f1-3 > want && grep "^bad/" bad.err | cut -d: -f1-3 > got && diff want got'
check "ko-import-bad-no-english-words" sh -c '! sed -e "s/^[^ ]*: //" -e "s/'"'"'[^'"'"']*'"'"'//g" -e "s/([^)]*\.csv[^)]*)//g" -e "s/docs\/[a-z-]*\.md//g" -e "s/Excel//g" bad.err | grep -E "[a-z]{3,}"'
# --lang ko says the same; LC_ALL wins over LANG, as in every program.
check "ko-import-lang-option" sh -c '"$TANDEM" --lang ko import bad 2>&1 >/dev/null | diff - "$DATA/bad.ko.expected"'
check "ko-import-lc-all" sh -c 'LC_ALL=ko_KR.UTF-8 LANG=C "$TANDEM" import bad 2>&1 >/dev/null | diff - "$DATA/bad.ko.expected"'
check "ko-import-english-unchanged" sh -c 'LANG=C.UTF-8 "$TANDEM" import bad 2>&1 >/dev/null | diff - "$DATA/bad.expected"'
check "ko-import-lang-en-wins" sh -c 'LANG=ko_KR.UTF-8 "$TANDEM" --lang en import bad 2>&1 >/dev/null | diff - "$DATA/bad.expected"'

# A CP949 file (what Korean Excel saves) read as UTF-8.
mkdir cp949
printf 'id,name,industry,referred_by\nC9,\307\321,x,\n' > cp949/clients.csv
LANG=ko_KR.UTF-8 "$TANDEM" import cp949 2> cp.err
check "ko-import-cp949-says-so" same - cp.err <<'EOF'
cp949/clients.csv:2:2: UTF-8이 아닙니다(그 행의 4번째 글자, 바이트 0xC7). Excel에서 'CSV UTF-8'로 저장하거나 CP949(EUC-KR) 파일이면 인코딩을 지정하세요
tandem: 가져오기 실패: 0행에서 문제 1건, 아무것도 저장하지 않았습니다
EOF

# score, freeze, model, user: usage errors and refusals.
ko() { LANG=ko_KR.UTF-8 "$TANDEM" "$@" 2>&1 >/dev/null; }
check "ko-score-bad-year" test "$(ko score --year 20x6)" = "tandem score: --year에는 1001~9998 사이의 연도를 지정하세요(예: 2026, '20x6'이 아님)
('tandem score --help' 참고)"
check "ko-score-no-year" test "$(ko score)" = "tandem score: --year에는 1001~9998 사이의 연도를 지정하세요(예: 2026)
('tandem score --help' 참고)"
check "ko-score-frozen-text" test "$(ko score --year 2025 --frozen)" = "tandem score: --frozen은 확정된 결과를 csv 또는 json으로 출력하며 --model은 받지 않습니다
('tandem score --help' 참고)"
check "ko-score-not-frozen" test "$(ko score --year 2025 --frozen --format json)" = "tandem: 2025년 결과는 확정되지 않았습니다('tandem freeze --help' 참고)"
check "ko-score-format" test "$(ko score --year 2025 --format pdf)" = "tandem score: --format은 text, csv, json 중 하나입니다('pdf'이 아님)
('tandem score --help' 참고)"
check "ko-freeze-bad-year" test "$(ko freeze --year abc)" = "tandem freeze: --year에는 1001~9998 사이의 연도를 지정하세요(예: 2026, 'abc'이 아님)
('tandem freeze --help' 참고)"
check "ko-model-unknown" test "$(ko model activate nope)" = "tandem: 등록된 평가 모델 버전 'nope'이(가) 없습니다('tandem model list' 참고)"
check "ko-whatif-unknown-model" test "$(ko whatif --model nope --year 2025)" = "tandem: 평가 모델 파일이나 등록된 버전 'nope'이(가) 없습니다('tandem model list' 참고)"
printf '{"broken": ' > broken.json
check "ko-model-file-broken" test "$(ko whatif --model broken.json --year 2025)" = "broken.json:1:11: 파일 끝 근처에 예상하지 못한 토큰이 있습니다"
check "ko-user-bad-role" test "$(ko user add x --role boss)" = "tandem user: 알 수 없는 역할 'boss' (admin(관리자), executive(임원), sales(영업), operations(운영), viewer(조회자))
('tandem user --help' 참고)"
check "ko-user-unknown" test "$(ko user role nobody viewer)" = "tandem: 사용자 'nobody'이(가) 없습니다"
echo 'a-long-password' | "$TANDEM" user add kim --role viewer --password-stdin >/dev/null
check "ko-user-exists" test "$(echo 'a-long-password' | ko user add kim --role viewer --password-stdin)" = "tandem: 사용자 'kim'이(가) 이미 있습니다"
check "ko-user-short-password" test "$(echo short | ko user add lee --role viewer --password-stdin)" = "tandem: 비밀번호는 10~1024자입니다"
check "ko-unknown-option" test "$(ko score --year 2025 --colour)" = "tandem score: 알 수 없는 옵션 '--colour'
('tandem score --help' 참고)"
# The same errors in English, word for word as before.
check "en-score-bad-year" test "$(LANG=C "$TANDEM" score --year 20x6 2>&1 >/dev/null)" = "tandem score: --year takes a year from 1001 to 9998 such as 2026, not '20x6'
(see 'tandem score --help')"
