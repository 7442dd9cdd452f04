#!/bin/sh
# Safe actions: freezing a year and activating a model take two steps (a
# page that names what will happen, then a POST with confirm=1); freezing
# a year that is not over needs a second confirmation; every page and form
# opens on the last complete year (web_default_year). Today is 2026-05-01.
. "$(dirname "$0")/lib.sh"
export TANDEM_NOW=2026-05-01T09:00:00Z
make_store || exit 1
start_server --quiet || exit 1
for r in executive viewer; do login "$r" || exit 1; done

# --- the default year is the last complete one: 2025, not 2026 ----------------
check "safe-default-year-dashboard" is 200 "$(status viewer GET /)"
check "safe-default-year-dashboard-2025" has "$WORK/body" '<input id="year" name="year" type="number" min="2000" max="2100" value="2025">'
check "safe-default-year-scores" is 200 "$(status viewer GET /scores)"
check "safe-default-year-scores-2025" has "$WORK/body" 'value="2025"'
check "safe-default-year-models" is 200 "$(status executive GET /models)"
check "safe-default-year-freeze-form-2025" has "$WORK/body" '<input id="freeze-year" name="year" type="number" min="1001" max="9998" value="2025">'
check "safe-default-year-api" is 200 "$(api viewer GET /api/v1/models)"
check "safe-default-year-api-2025" has "$WORK/body" '{"year":2025,'

# --- freezing an unfinished year: a warning and a second confirmation ------------
check "safe-freeze-2026-asks" is 200 "$(form executive '/frozen?lang=ko' year=2026)"
check "safe-freeze-2026-warns" has "$WORK/body" '<div class="notice warn" role="alert" id="freeze-unfinished"><p><strong>2026년은 아직 끝나지 않았습니다(2026-12-31 종료).'
check "safe-freeze-2026-second-box" has "$WORK/body" '<input id="unfinished" name="unfinished" type="checkbox" value="1" required aria-required="true"> 연도가 끝나지 않았지만 2026년 결과를 확정합니다'
check "safe-freeze-2026-names-model" has "$WORK/body" '2026년 점수를 평가 모델 ‘기본 평가 모델’(으)로 계산해'
check "safe-freeze-2026-not-yet" is 404 "$(api viewer GET /api/v1/frozen/2026)"
check "safe-freeze-2026-one-yes-422" is 422 "$(form executive /frozen year=2026 confirm=1)"
check "safe-freeze-2026-one-yes-says" has "$WORK/body" 'id="freeze-problem"'
check "safe-freeze-2026-still-not" is 404 "$(api viewer GET /api/v1/frozen/2026)"
check "safe-freeze-2026-two-yes" is 303 "$(form executive /frozen year=2026 confirm=1 unfinished=1)"
check "safe-freeze-2026-frozen" is 200 "$(api viewer GET /api/v1/frozen/2026)"

# --- freezing a complete year: one confirmation, no warning ---------------------
check "safe-freeze-2025-asks" is 200 "$(form executive '/frozen?lang=en' year=2025)"
check "safe-freeze-2025-no-warning" hasnt "$WORK/body" 'freeze-unfinished'
check "safe-freeze-2025-says-what" has "$WORK/body" 'The scores of 2025, computed with the model ‘built-in default’, are stored as the official results'
check "safe-freeze-2025-not-yet" is 404 "$(api viewer GET /api/v1/frozen/2025)"
check "safe-freeze-2025" is 303 "$(form executive /frozen year=2025 confirm=1)"
check "safe-freeze-2025-frozen" is 200 "$(api viewer GET /api/v1/frozen/2025)"
check "safe-freeze-csrf-needed" is 403 "$(status executive POST /frozen -b "$WORK/executive.jar" --data 'year=2024&confirm=1' -H 'X-CSRF-Token: x')"

# --- activating a model: what changes, then confirm ----------------------------
"$TANDEM" model show default --db "$DB" > "$WORK/m.json"
"$TANDEM" model import "$WORK/m.json" --year 2025 --version safe-2025 --db "$DB" >/dev/null
check "safe-activate-asks" is 422 "$(form executive '/models/safe-2025/activate?lang=en' )"
check "safe-activate-says-what" has "$WORK/body" 'From now on, ‘safe-2025’ scores 2025 instead of ‘built-in default’'
check "safe-activate-not-yet" is 200 "$(api viewer GET /api/v1/models/safe-2025)"
check "safe-activate-not-yet-inactive" has "$WORK/body" '"active":false'
check "safe-activate" is 303 "$(form executive /models/safe-2025/activate confirm=yes)"
check "safe-activate-active" is 200 "$(api viewer GET /api/v1/models/safe-2025)"
check "safe-activate-active-body" has "$WORK/body" '"active":true'
