#!/bin/sh
# The yearly review in the web (SPEC §5): model versions listed and shown,
# a diff, a what-if of a draft that agrees with `tandem whatif`, import,
# activation (executive only), freezing a year (executive only, once) and
# verifying it, through the API and the pages.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin executive sales operations viewer; do login "$r"; done

# A draft: readiness (S1) weighs 60 instead of 30, grade C needs 65.
"$TANDEM" model show default --db "$DB" |
	sed '0,/"weight": 30/s//"weight": 60/; s/{"grade": "C", "min": 60}/{"grade": "C", "min": 65}/' > "$WORK/draft.json"
check "models-draft-differs" sh -c "! cmp -s '$WORK/draft.json' /dev/null && grep -q '\"min\": 65' '$WORK/draft.json'"

# --- list and show --------------------------------------------------------
check "models-list-empty" is 200 "$(api viewer GET /api/v1/models)"
check "models-list-empty-body" has "$WORK/body" '{"year":2025,"scoring_model":"default","models":[]}'
check "models-show-default" is 200 "$(api sales GET /api/v1/models/default)"
check "models-show-default-body" has "$WORK/body" '"version":"default","year":null,"active":false,"model":{'
check "models-show-missing" is 404 "$(api viewer GET /api/v1/models/nope)"

# --- what-if (admin, executive) ------------------------------------------
check "models-whatif-viewer-403" is 403 "$(api viewer POST '/api/v1/models/whatif?year=2026' "$(cat "$WORK/draft.json")")"
check "models-whatif-sales-403" is 403 "$(api sales POST '/api/v1/models/whatif?year=2026' "$(cat "$WORK/draft.json")")"
check "models-whatif-admin" is 200 "$(api admin POST '/api/v1/models/whatif?year=2026' "$(cat "$WORK/draft.json")")"
cp "$WORK/body" "$WORK/whatif.json"
check "models-whatif-names" has "$WORK/whatif.json" '{"year":2026,"old_model":"default","new_model":"draft","rows":['
# The API's numbers are the CLI's: compare the company's rows with `tandem whatif`.
"$TANDEM" whatif --model "$WORK/draft.json" --year 2026 --format csv --db "$DB" > "$WORK/whatif.csv"
for org in sales operations; do
	want=$(grep "^company,company,$org," "$WORK/whatif.csv" | cut -d, -f4-8 | sed 's/,+/,/')
	got=$(tr '{' '\n' < "$WORK/whatif.json" | grep "\"subject_kind\":\"company\",\"subject_id\":\"company\",\"org\":\"$org\"" |
		sed 's/.*"old_total":\([^,]*\),"new_total":\([^,]*\),"delta":\([^,]*\),"old_grade":"\{0,1\}\([^,"]*\)"\{0,1\},"new_grade":"\{0,1\}\([^,"]*\)"\{0,1\},.*/\1,\2,\3,\4,\5/; s/null//g')
	check "models-whatif-company-$org-matches-cli" is "$want" "$got"
done
check "models-whatif-company-sales-exact" is "61.45,63.94,+2.49,C,D" \
	"$(grep '^company,company,sales,' "$WORK/whatif.csv" | cut -d, -f4-8)"
check "models-whatif-bad-json" is 422 "$(api executive POST '/api/v1/models/whatif?year=2026' '{"name":1}')"
check "models-whatif-bad-json-says" has "$WORK/body" '"error":"draft: '
check "models-whatif-bad-year" is 400 "$(api executive POST '/api/v1/models/whatif?year=20x6' "$(cat "$WORK/draft.json")")"
check "models-whatif-no-csrf" is 403 "$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' --data-binary @"$WORK/draft.json" "$URL/api/v1/models/whatif?year=2026")"

# The what-if page: the same comparison, uploaded as a file.
check "models-page-whatif-no-draft" is 422 "$(form executive /models/whatif stored= year=2026)"
check "models-page-whatif-no-draft-says" has "$WORK/body" 'role="alert"'
check "models-page-whatif-viewer" is 403 "$(form viewer /models/whatif stored= year=2026)"
curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -F "csrf=$(cat "$WORK/admin.csrf")" \
	-F "model=@$WORK/draft.json;type=application/json" -F year=2026 "$URL/models/whatif" > "$WORK/code"
check "models-page-whatif-upload" is 200 "$(cat "$WORK/code")"
check "models-page-whatif-table" has "$WORK/body" '<table class="data" id="whatif">'
check "models-page-whatif-moved" has "$WORK/body" '<tr class="moved">'
check "models-page-whatif-upload-delta" has "$WORK/body" '+2.49'

# --- import (admin, executive), diff ----------------------------------------
check "models-import-viewer-403" is 403 "$(api viewer POST '/api/v1/models?year=2026' "$(cat "$WORK/draft.json")")"
check "models-import-operations-403" is 403 "$(api operations POST '/api/v1/models?year=2026' "$(cat "$WORK/draft.json")")"
check "models-import-no-year" is 400 "$(api admin POST '/api/v1/models' "$(cat "$WORK/draft.json")")"
check "models-import-invalid" is 422 "$(api admin POST '/api/v1/models?year=2026' '{"organizations":[]}')"
check "models-import-bad-version" is 422 "$(api admin POST '/api/v1/models?year=2026&version=a%2Fb' "$(cat "$WORK/draft.json")")"
check "models-import" is 201 "$(api admin POST '/api/v1/models?year=2026' "$(cat "$WORK/draft.json")")"
check "models-import-named-y-n" has "$WORK/body" '{"version":"2026-1","year":2026,"active":false}'
check "models-import-again-same-is-ok" is 201 "$(api executive POST '/api/v1/models?year=2026&version=2026-1' "$(cat "$WORK/draft.json")")"
check "models-import-other-content-409" is 409 "$(api executive POST '/api/v1/models?year=2026&version=2026-1' "$("$TANDEM" model show default --db "$DB")")"
check "models-list-one" is 200 "$(api viewer GET /api/v1/models)"
check "models-list-one-inactive" has "$WORK/body" '"models":[{"version":"2026-1","year":2026,"active":false,"created_at":'
check "models-list-by" has "$WORK/body" '"created_by":"user:admin","note":'
check "models-diff" is 200 "$(api viewer GET '/api/v1/models/diff?a=default&b=2026-1')"
check "models-diff-body" has "$WORK/body" '"same":false,"changes":["grades: S≥90 A≥80 B≥70 C≥60 D≥0 → S≥90 A≥80 B≥70 C≥65 D≥0","weight of category S1: 30 → 60"]'
check "models-diff-same" is 200 "$(api viewer GET '/api/v1/models/diff?a=2026-1&b=2026-1')"
check "models-diff-same-body" has "$WORK/body" '"same":true,"changes":[]'
check "models-diff-missing" is 404 "$(api viewer GET '/api/v1/models/diff?a=default&b=nope')"
check "models-diff-needs-two" is 400 "$(api viewer GET '/api/v1/models/diff?a=default')"
check "models-whatif-stored" is 200 "$(api executive POST '/api/v1/models/whatif?year=2026&model=2026-1')"
check "models-whatif-stored-name" has "$WORK/body" '"old_model":"default","new_model":"2026-1"'

# --- activate (executive only) ----------------------------------------------
for r in admin sales operations viewer; do
	check "models-activate-$r-403" is 403 "$(api "$r" POST /api/v1/models/2026-1/activate)"
done
check "models-activate-missing" is 404 "$(api executive POST /api/v1/models/nope/activate)"
check "models-activate" is 200 "$(api executive POST /api/v1/models/2026-1/activate)"
check "models-activate-body" has "$WORK/body" '{"version":"2026-1","active":true}'
check "models-scores-use-it" is 200 "$(api viewer GET '/api/v1/scores?year=2026&subject=company:company&org=sales')"
check "models-scores-use-it-version" has "$WORK/body" '"model_version":"2026-1"'
check "models-scores-use-it-total" has "$WORK/body" '"criterion":"total","value":null,"score":63.94,'
check "models-activate-audited" sh -c "'$TANDEM' audit list --db '$DB' --limit 5 | grep -q '	user:executive	activate	model	2026-1	'"

# --- freeze (executive only, once) and verify ------------------------------
for r in admin sales operations viewer; do
	check "models-freeze-$r-403" is 403 "$(api "$r" POST /api/v1/frozen/2026)"
done
check "models-verify-not-frozen" is 404 "$(api viewer GET /api/v1/frozen/2026)"
check "models-freeze-not-a-year" is 404 "$(api executive POST /api/v1/frozen/20x6)"
check "models-freeze" is 201 "$(api executive POST /api/v1/frozen/2026)"
check "models-freeze-body" has "$WORK/body" '{"year":2026,"model_version":"2026-1","data_hash":"'
check "models-freeze-twice-409" is 409 "$(api executive POST /api/v1/frozen/2026)"
check "models-freeze-twice-says" has "$WORK/body" '"error":"the results of 2026 were frozen already on '
# The web's freeze is the CLI's: `tandem score --frozen` prints what `tandem score` does now.
"$TANDEM" score --year 2026 --format csv --db "$DB" > "$WORK/now.csv"
"$TANDEM" score --year 2026 --format csv --frozen --db "$DB" > "$WORK/frozen.csv"
check "models-frozen-csv-is-cli-csv" same "$WORK/now.csv" "$WORK/frozen.csv"
check "models-cli-verify-accepts-web-freeze" "$TANDEM" verify --year 2026 --db "$DB"
check "models-verify" is 200 "$(api viewer GET /api/v1/frozen/2026)"
check "models-verify-same" has "$WORK/body" '"data_unchanged":true,"results_identical":true,"differences":[]}'
# A change after the freeze: verify shows it, the frozen CSV does not move.
check "models-change-after-freeze" is 200 "$(api operations PUT /api/v1/records/readiness/K1/ITEM-A '{"done_on":"2025-03-20"}')"
check "models-verify-changed" is 200 "$(api viewer GET /api/v1/frozen/2026)"
check "models-verify-changed-data" has "$WORK/body" '"data_unchanged":false,"results_identical":false,"differences":["'
check "models-verify-changed-frozen-row" has "$WORK/body" '"- frozen: contract,K1,sales,S1.1,0.6667,33.33,1.00,1.0000"'
check "models-verify-changed-now-row" has "$WORK/body" '"+ now: contract,K1,sales,S1.1,0.3333,0.00,1.00,1.0000"'
"$TANDEM" score --year 2026 --format csv --frozen --db "$DB" > "$WORK/frozen2.csv"
check "models-frozen-unmoved" same "$WORK/frozen.csv" "$WORK/frozen2.csv"

# --- pages ----------------------------------------------------------------
check "models-page" is 200 "$(status viewer GET /models)"
check "models-page-lists" has "$WORK/body" '<a href="/models/2026-1">2026-1</a>'
check "models-page-viewer-no-import" hasnt "$WORK/body" 'action="/models/whatif"'
check "models-page-viewer-verify-form" has "$WORK/body" '<form method="get" id="verify-form" class="filters" novalidate action="/frozen">'
check "models-page-viewer-no-freeze" hasnt "$WORK/body" 'id="freeze-form"'
check "models-page-admin" is 200 "$(status admin GET /models)"
check "models-page-admin-whatif-form" has "$WORK/body" '<form method="post" id="whatif-form" class="stack" enctype="multipart/form-data" novalidate action="/models/whatif">'
check "models-page-admin-whatif-stored" has "$WORK/body" '<select id="whatif-stored" name="stored"><option value="">—</option><option value="2026-1">2026-1</option>'
check "models-page-admin-diff-form" has "$WORK/body" '<select id="a" name="a"><option value="default">built-in default</option><option value="2026-1">2026-1</option>'
check "models-page-admin-calibrate-org" has "$WORK/body" '<select id="cal-org" name="org"><option value="">both</option><option value="sales">Sales</option><option value="operations">Operations</option></select>'
check "models-page-admin-no-activate" hasnt "$WORK/body" '/activate"'
check "models-page-executive" is 200 "$(status executive GET '/models?lang=ko')"
check "models-page-executive-freeze" has "$WORK/body" '<form method="post" id="freeze-form" class="filters" novalidate action="/frozen">'
check "models-page-korean" has "$WORK/body" '평가 모델'
check "models-page-one" is 200 "$(status viewer GET /models/2026-1)"
check "models-page-one-json" has "$WORK/body" '<pre class="small" id="model-json">{'
check "models-page-one-state" has "$WORK/body" '<span class="tile-score" id="model-state">active</span>'
check "models-page-missing" is 404 "$(status viewer GET /models/nope)"
check "models-page-diff" is 200 "$(status viewer GET '/models/diff?a=default&b=2026-1')"
check "models-page-diff-line" has "$WORK/body" '<li>weight of category S1: 30 → 60</li>'
check "models-page-diff-same" is 200 "$(status viewer GET '/models/diff?a=default&b=default')"
check "models-page-diff-same-text" has "$WORK/body" 'id="diff-same"'
printf '{"broken": ' > "$WORK/bad.json"
curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -F "csrf=$(cat "$WORK/admin.csrf")" \
	-F "model=@$WORK/bad.json" -F year=2026 "$URL/models" > "$WORK/code"
check "models-page-import-invalid" is 422 "$(cat "$WORK/code")"
check "models-page-import-invalid-says" has "$WORK/body" 'role="alert"'
curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -F "csrf=$(cat "$WORK/admin.csrf")" \
	-F "model=@$WORK/draft.json" -F year=2027 -F version=page-2027 "$URL/models" > "$WORK/code"
check "models-page-import" is 303 "$(cat "$WORK/code")"
check "models-page-activate-admin-403" is 403 "$(form admin /models/page-2027/activate)"
check "models-page-activate-unconfirmed-422" is 422 "$(form executive /models/page-2027/activate)"
check "models-page-activate-asks-confirm" has "$WORK/body" '<input type="hidden" name="confirm" value="yes">'
check "models-page-activate" is 303 "$(form executive /models/page-2027/activate confirm=yes)"
check "models-page-freeze-viewer-403" is 403 "$(form viewer /frozen year=2025)"
check "models-page-freeze-asks" is 200 "$(form executive /frozen year=2025)"
check "models-page-freeze" is 303 "$(form executive /frozen year=2025 confirm=1)"
check "models-page-verify" is 200 "$(status viewer GET '/frozen?year=2025')"
check "models-page-verify-identical" has "$WORK/body" '<span class="tile-score" id="verify-results">identical</span>'
# the time it was frozen, in the server's zone (Asia/Seoul), as the audit log shows times
frozen_utc=$(curl -s -b "$WORK/viewer.jar" "$URL/api/v1/frozen/2025" | python3 -c 'import json,sys; print(json.load(sys.stdin)["frozen_at"])')
frozen_local=$(python3 -c 'import sys, datetime, zoneinfo
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
print(t.astimezone(zoneinfo.ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M:%S"))' "$frozen_utc")
check "models-page-verify-local-time" has "$WORK/body" "Frozen $frozen_local · "
check "models-page-verify-not-utc" hasnt "$WORK/body" "$frozen_utc"
check "models-page-verify-not-frozen" is 404 "$(status viewer GET '/frozen?year=2024')"
