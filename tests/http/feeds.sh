#!/bin/sh
# SLA feeds on the web (issue 19): maps stored by name and checked before
# they are stored, the import API with a preview and the exact daily
# measurements of the Genesys fixture, idempotence, admin only, and the
# /feeds page with its map editor.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
login admin && login operations && login viewer
F=$TOP/tests/data/feeds
MAP='{"timezone": "Asia/Seoul", "queues": [{"source_id": "7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10", "contract_id": "K1", "metrics": {"SL": "service_level", "AHT": "handle_time"}}]}'
BAD='{"timezone": "Asia/Seoul", "queues": [{"source_id": "q", "contract_id": "K1", "metrics": {"SL": "service_levels"}}]}'

# upload ROLE QUERY FILE...: POST /api/v1/feeds?QUERY with the files; status.
upload() {
	_role=$1 _q=$2
	shift 2
	_args=
	for f in "$@"; do _args="$_args -F files=@$f"; done
	# shellcheck disable=SC2086
	status "$_role" POST "/api/v1/feeds?$_q" $_args
}

check "feeds-map-bad-422" is 422 "$(api admin PUT /api/v1/feeds/maps/genesys "$BAD")"
check "feeds-map-bad-message" has "$WORK/body" "genesys: queues[0].metrics.SL: unknown measure 'service_levels'"
check "feeds-map-bad-name-400" is 400 "$(api admin PUT '/api/v1/feeds/maps/%2E%2Ehidden' "$MAP")"
check "feeds-map-operations-403" is 403 "$(api operations PUT /api/v1/feeds/maps/genesys "$MAP")"
check "feeds-map-put-200" is 200 "$(api admin PUT /api/v1/feeds/maps/genesys "$MAP")"
check "feeds-map-listed" sh -c "test \"\$(curl -s -b '$WORK/admin.jar' '$URL/api/v1/feeds/maps' | sed 's/\"updated_at\":\"[^\"]*\"/T/')\" = '[{\"name\":\"genesys\",T,\"updated_by\":\"user:admin\"}]'"
check "feeds-map-get-200" is 200 "$(api admin GET /api/v1/feeds/maps/genesys)"
check "feeds-map-get-body" is "$MAP" "$(cat "$WORK/body")"
check "feeds-map-get-missing-404" is 404 "$(api admin GET /api/v1/feeds/maps/nothing)"
check "feeds-map-audited" sh -c "curl -s -b '$WORK/admin.jar' '$URL/api/v1/audit' | grep -q '\"action\":\"create\",\"entity\":\"feed_maps\",\"key\":\"genesys\"'"

# The CLI takes a stored map by name when no file has that name, and says
# which maps are stored when neither exists.
check "feeds-cli-stored-map" sh -c "cd '$WORK' && '$TANDEM' --db '$DB' feed import --dry-run --format genesys-aggregates --map genesys '$F/genesys-0302.json' > cli.out 2> cli.err"
check "feeds-cli-stored-map-output" is "4 intervals in 1 file are valid; 2 daily measurements would be written (dry run: nothing written)
skipped: 1 (source ids the map does not name)" "$(cat "$WORK/cli.out")"
check "feeds-cli-missing-map-exit-1" is 1 "$(cd "$WORK" && "$TANDEM" --db "$DB" feed import --format genesys-aggregates --map genesis "$F/genesys-0302.json" 2> cli.err > /dev/null; echo $?)"
check "feeds-cli-missing-map-message" is "tandem: genesis: no such map: neither a file nor a map stored by that name (stored maps: genesys)" "$(cat "$WORK/cli.err")"

check "feeds-unknown-format-400" is 400 "$(upload admin 'format=avaya&map=genesys' "$F/genesys-0302.json")"
check "feeds-unknown-format-message" has "$WORK/body" "format: unknown format 'avaya'"
check "feeds-unknown-map-400" is 400 "$(upload admin 'format=genesys-aggregates&map=nothing' "$F/genesys-0302.json")"
check "feeds-viewer-403" is 403 "$(upload viewer 'format=genesys-aggregates&map=genesys' "$F/genesys-0302.json")"
# Feed imports are background jobs, as imports are (issue 21 item 1): 202
# and the job at once, then GET /api/v1/jobs/ID until done, with its
# progress and the result (the feed's counts in "detail").
check "feeds-dry-run-202" is 202 "$(upload admin 'format=genesys-aggregates&map=genesys&dry_run=1' "$F/genesys-0302.json" "$F/genesys-0302-late.json")"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "feeds-dry-run-job-kind" has "$WORK/body" "\"id\":$id,\"kind\":\"feed\",\"state\":\""
check "feeds-dry-run-job-files" has "$WORK/body" "\"owner\":\"admin\",\"dry_run\":true,\"files\":\"genesys-0302.json, genesys-0302-late.json\""
check "feeds-dry-run-job-done" is done "$(await "$id")"
check "feeds-dry-run-job-progress" has "$WORK/job" '"progress":{"rows":6,"bytes":3356,"total_bytes":3356}'
check "feeds-dry-run-job-result" has "$WORK/job" '"result":{"ok":true,"dry_run":true,"files":2,"rows":6,"batch":0,"errors":[],"limit":null,"detail":{"format":"genesys-aggregates","map":"genesys","records":6,"skipped":1,"days":4,"removed":0,"messages":["genesys-0302.json: source id '"'"'0a9d88e1-5555-4e2b-9c3d-111111111111'"'"' is not in the map: 1 interval skipped"]}}}'
check "feeds-dry-run-wrote-nothing" is 404 "$(api admin GET /api/v1/records/measurements/K1/SL/2026-03-03)"
check "feeds-import-wait-200" is 200 "$(upload admin 'format=genesys-aggregates&map=genesys&wait=30' "$F/genesys-0302.json" "$F/genesys-0302-late.json")"
check "feeds-import-result" has "$WORK/body" '"result":{"ok":true,"dry_run":false,"files":2,"rows":6,"batch":3,"errors":[],"limit":null,"detail":{"format":"genesys-aggregates","map":"genesys","records":6,"skipped":1,"days":4,"removed":0,"messages":["genesys-0302.json: source id '"'"'0a9d88e1-5555-4e2b-9c3d-111111111111'"'"' is not in the map: 1 interval skipped"]}}}'
check "feeds-import-sl-day" is 200 "$(api admin GET /api/v1/records/measurements/K1/SL/2026-03-02)"
check "feeds-import-sl-exact" has "$WORK/body" '"numerator":29,"denominator":36'
check "feeds-import-aht-exact" sh -c "curl -s -b '$WORK/admin.jar' '$URL/api/v1/records/measurements/K1/AHT/2026-03-02' | grep -q '\"numerator\":9900.5,\"denominator\":33'"
check "feeds-import-again-same" sh -c "
	curl -s -b '$WORK/admin.jar' -H 'X-CSRF-Token: $(cat "$WORK/admin.csrf")' -F files=@$F/genesys-0302-late.json \
		'$URL/api/v1/feeds?format=genesys-aggregates&map=genesys&wait=30' | grep -q '\"ok\":true' &&
	curl -s -b '$WORK/admin.jar' '$URL/api/v1/records/measurements/K1/SL/2026-03-03' | grep -q '\"numerator\":2,\"denominator\":3'"
check "feeds-bad-file-422" is 422 "$(upload admin 'format=genesys-aggregates&map=genesys&wait=30' "$F/bad/genesys-bad.json")"
check "feeds-bad-file-message" has "$WORK/body" '"state":"failed"'
check "feeds-bad-file-error" has "$WORK/body" '"genesys-bad.json: results[1].data[2].metrics[0].stats.count: not a count (a whole number \u003e= 0)"'
check "feeds-jobs-listed" sh -c "curl -s -b '$WORK/admin.jar' '$URL/api/v1/jobs' | grep -q '\"kind\":\"feed\"'"

# The page: the admin's form with the stored map; others may not see it.
check "feeds-page-admin-200" is 200 "$(status admin GET /feeds)"
check "feeds-page-has-map-option" has "$WORK/body" '<option value="genesys">genesys</option>'
check "feeds-page-has-format" has "$WORK/body" '<option value="ucce-interval">'
check "feeds-page-viewer-403" is 403 "$(status viewer GET /feeds)"
check "feeds-page-edit-loads-map" sh -c "curl -s -b '$WORK/admin.jar' '$URL/feeds?map=genesys' | grep -qF '&quot;contract_id&quot;: &quot;K1&quot;'"
check "feeds-page-map-save-422" is 422 "$(form admin /feeds/maps name=other "body=$BAD")"
check "feeds-page-map-save-message" has "$WORK/body" "other: queues[0].metrics.SL: unknown measure"
check "feeds-page-map-save-200" is 200 "$(form admin /feeds/maps name=other "body=$MAP")"
# The page queues a job and sends the browser to its page, which shows the
# preview and imports it as a second job.
check "feeds-page-preview-303" is 303 "$(curl -s -o "$WORK/body" -w '%{http_code}' -D "$WORK/headers" -b "$WORK/admin.jar" \
	-F csrf=$(cat "$WORK/admin.csrf") -F format=genesys-aggregates -F map=other -F dry_run=1 \
	-F files=@$F/genesys-0302-late.json "$URL/feeds")"
page=$(sed -n 's/^[Ll]ocation: \(\/feeds\/jobs\/[0-9]*\).*/\1/p' "$WORK/headers" | tr -d '\r')
pid=${page##*/}
check "feeds-page-preview-job-done" is done "$(await "$pid")"
check "feeds-page-preview-page-200" is 200 "$(status admin GET "$page")"
check "feeds-page-preview-valid" has "$WORK/body" 'Valid (nothing written): intervals or tickets · daily measurements it would write: 2 · 4</p>'
check "feeds-page-preview-commit-form" has "$WORK/body" "<input type=\"hidden\" name=\"commit\" value=\"$pid\">"
check "feeds-page-commit-303" is 303 "$(curl -s -o /dev/null -w '%{http_code}' -D "$WORK/headers" -b "$WORK/admin.jar" \
	-F csrf=$(cat "$WORK/admin.csrf") -F commit=$pid "$URL/feeds")"
cid=$(sed -n 's/^[Ll]ocation: \/feeds\/jobs\/\([0-9]*\).*/\1/p' "$WORK/headers" | tr -d '\r')
check "feeds-page-commit-job-done" is done "$(await "$cid")"
check "feeds-page-commit-result" has "$WORK/job" "\"preview_of\":$pid"
check "feeds-page-commit-page" is 200 "$(status admin GET "/feeds/jobs/$cid")"
check "feeds-page-commit-done" has "$WORK/body" 'Imported: intervals or tickets · daily measurements: 2 · 4 · batch '
check "feeds-page-job-import-404" is 404 "$(status admin GET /feeds/jobs/999)"
check "feeds-page-commit-twice-410" is 410 "$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" \
	-F csrf=$(cat "$WORK/admin.csrf") -F commit=$pid "$URL/feeds")"
printf 'id,name,industry,referred_by\nCF1,Feed 1,,\n' > "$WORK/clients.csv"
check "feeds-import-preview-200" is 200 "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$WORK/clients.csv;filename=clients.csv")"
iid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "feeds-page-commit-import-preview-410" is 410 "$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" \
	-F csrf=$(cat "$WORK/admin.csrf") -F commit=$iid "$URL/feeds")"
check "feeds-page-commit-import-preview-not-written" is 404 "$(api admin GET /api/v1/records/clients/CF1)"
check "feeds-page-unknown-map-400" is 400 "$(curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" \
	-F csrf=$(cat "$WORK/admin.csrf") -F format=genesys-aggregates -F map=nothing -F files=@$F/genesys-0302-late.json "$URL/feeds")"
check "feeds-page-unknown-map-message" has "$WORK/body" "map: no stored map &#39;nothing&#39;"

# The evidence: per day through the API (any role), per source on the
# contract's page.
check "feeds-sources-viewer-200" is 200 "$(api viewer GET '/api/v1/feeds/sources?contract=K1&metric=SL')"
check "feeds-sources-exact" is '[{"date":"2026-03-02","format":"genesys-aggregates","source_id":"7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10","measure":"service_level","files":["genesys-0302.json","genesys-0302-late.json"],"items":3},{"date":"2026-03-03","format":"genesys-aggregates","source_id":"7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10","measure":"service_level","files":["genesys-0302-late.json"],"items":1}]' "$(cat "$WORK/body")"
check "feeds-sources-range" sh -c "curl -s -b '$WORK/viewer.jar' '$URL/api/v1/feeds/sources?contract=K1&metric=SL&from=2026-03-03' | grep -q '^\[{\"date\":\"2026-03-03\"'"
check "feeds-sources-missing-metric-400" is 400 "$(api viewer GET '/api/v1/feeds/sources?contract=K1')"
check "feeds-sources-bad-date-400" is 400 "$(api viewer GET '/api/v1/feeds/sources?contract=K1&metric=SL&from=2026-02-30')"
# The explanation of a measurement-based criterion names the feed behind
# its days (format, source id, files): the API and the evidence page.
check "feeds-explain-api-200" is 200 "$(api viewer GET '/api/v1/explain?contract=K1&criterion=S3.1&year=2026')"
check "feeds-explain-api-names-feed" has "$WORK/body" 'Daily measurements derived from SLA feeds:\n- AHT 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json\n- SL 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json\nvalue = '
check "feeds-evidence-page-200" is 200 "$(status viewer GET /evidence/K1/sales/S3.1?year=2026)"
check "feeds-evidence-page-names-feed" has "$WORK/body" '- AHT 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json'

check "feeds-contract-page-panel" is 200 "$(status viewer GET /contracts/K1)"
check "feeds-contract-page-source-row" has "$WORK/body" '<td>SL</td><td>genesys-aggregates</td><td>7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10</td><td>service_level</td><td>2026-03-02</td><td>2026-03-03</td><td class="num">2</td><td class="num">4</td>'
check "feeds-contract-page-no-panel-without-feed" sh -c "curl -s -b '$WORK/viewer.jar' '$URL/contracts/K2' > '$WORK/k2.html' && grep -q 'K2' '$WORK/k2.html' && ! grep -q 'SLA feeds behind' '$WORK/k2.html'"
