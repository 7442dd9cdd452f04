#!/bin/sh
# Imports as background jobs (issue 21 items 1 and 2): the API answers 202
# with the job at once and never parses in the request; GET /api/v1/jobs/ID
# follows it from queued to done or failed with its progress and result; a
# workbook that inflates to 2 GiB of whitespace fails by its named limit
# within a second while the server keeps answering; jobs wait in a visible
# queue and run one at a time, in order; the web import page sends the
# upload to a job page that refreshes itself, shows the preview, and
# commits it as a second job.
. "$(dirname "$0")/lib.sh"

make_store || exit 1
start_server || exit 1
login admin || exit 1
login sales || exit 1

ms() { echo $(( $(date +%s%N) / 1000000 )); }

printf 'id,name,industry,referred_by\nCJ1,Job 1,,\nCJ2,Job 2,,CJ1\n' > "$WORK/clients.csv"

# --- the API: 202 and the job, then its result ---
check "jobs-api-202" is 202 "$(status admin POST '/api/v1/imports?dry_run=1' -F "files=@$WORK/clients.csv;filename=clients.csv" -D "$WORK/headers")"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "jobs-api-location" grep -qi "^Location: /api/v1/jobs/$id" "$WORK/headers"
check "jobs-api-202-job" has "$WORK/body" "\"id\":$id,\"kind\":\"import\","
check "jobs-api-202-href" has "$WORK/body" "\"href\":\"/api/v1/jobs/$id\""
check "jobs-api-done" is done "$(await "$id")"
check "jobs-api-result" has "$WORK/job" '"result":{"ok":true,"dry_run":true,"files":1,"rows":2,"batch":0,"errors":[],"limit":null,"preview":{"encoding":"utf-8","files":[{"file":"clients.csv","table":"clients","added":2,"changed":0,"unchanged":0,"rows":[{"key":"CJ1","line":2,"changed":false,"cells":[]},{"key":"CJ2","line":3,"changed":false,"cells":[]}]}]},"problems":null}}'
check "jobs-api-progress" has "$WORK/job" '"progress":{"rows":2,"bytes":56,"total_bytes":56}'
check "jobs-api-preview-wrote-nothing" is 404 "$(api admin GET /api/v1/records/clients/CJ1)"
check "jobs-api-unknown-404" is 404 "$(api admin GET /api/v1/jobs/999)"
check "jobs-api-bad-id-404" is 404 "$(api admin GET /api/v1/jobs/x1)"
check "jobs-api-sales-403" is 403 "$(api sales GET /api/v1/jobs/$id)"
check "jobs-api-wait-commit-200" is 200 "$(status admin POST '/api/v1/imports?wait=30' -F "files=@$WORK/clients.csv;filename=clients.csv")"
check "jobs-api-wait-committed" is 200 "$(api admin GET /api/v1/records/clients/CJ2)"

# --- a 2 GiB-whitespace workbook: 202 at once, then failed by its limit ---
python3 "$TOP/tests/data/xlsx/bomb.py" "$WORK/bomb.xlsx" --blank $((2 << 30))
cp "$WORK/bomb.xlsx" "$WORK/lying.xlsx" && python3 "$TOP/tests/data/xlsx/bomb.py" "$WORK/lying.xlsx" --lie-only
t0=$(ms)
code=$(status admin POST '/api/v1/imports?dry_run=1' -F "files=@$WORK/bomb.xlsx;filename=bomb.xlsx")
t1=$(ms)
check "jobs-bomb-202" is 202 "$code"
check "jobs-bomb-answered-fast" test $((t1 - t0)) -lt 1000
bomb=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
check "jobs-bomb-failed" is failed "$(await "$bomb" 10)"
t2=$(ms)
echo "# bomb: answered in $((t1 - t0)) ms, failed after $((t2 - t0)) ms"
check "jobs-bomb-failed-fast" test $((t2 - t0)) -lt 5000
check "jobs-bomb-limit-named" has "$WORK/job" '"errors":["bomb.xlsx: xl/worksheets/sheet1.xml: limit xlsx-max-part: the part is larger than 256 MiB uncompressed"],"limit":"xlsx-max-part","preview":null,"problems":{"total":1,"items":[{"code":"text","table":null,"col":-1,"file":null,"where":null,"line":0,"column":0,"value":null,"args":["bomb.xlsx: xl/worksheets/sheet1.xml: limit xlsx-max-part: the part is larger than 256 MiB uncompressed"]}]}}'
check "jobs-lying-bomb-failed" is failed "$(status admin POST '/api/v1/imports?dry_run=1&wait=30' -F "files=@$WORK/lying.xlsx;filename=lying.xlsx" >/dev/null; cp "$WORK/body" "$WORK/job"; field state)"
check "jobs-lying-bomb-gap" is xlsx-max-gap "$(field result.limit)"
# The web page of a failed job names the limit in the user's language.
check "jobs-bomb-page-422" is 422 "$(status admin GET "/import/jobs/$bomb?lang=ko")"
check "jobs-bomb-page-korean" has "$WORK/body" '통합 문서의 한 부분이 압축을 풀면 너무 큽니다 (한도 xlsx-max-part)'

# --- the web flow: upload, job page, preview, commit as a second job ---
printf 'id,name,industry,referred_by\nCW1,Web 1,,\n' > "$WORK/web-clients.csv"
code=$(status admin POST /import -F "files=@$WORK/web-clients.csv;filename=clients.csv" -F "csrf=$(cat "$WORK/admin.csrf")" -D "$WORK/headers")
check "jobs-web-upload-303" is 303 "$code"
page=$(sed -n 's/^[Ll]ocation: \([^\r]*\).*/\1/p' "$WORK/headers")
preview=${page##*/}
check "jobs-web-location" is "/import/jobs/$preview" "$page"
check "jobs-web-preview-done" is done "$(await "$preview")"
check "jobs-web-preview-page" is 200 "$(status admin GET "$page?lang=en")"
check "jobs-web-preview-valid" has "$WORK/body" 'The files are valid (rows · files): 1 · 1 · clients.csv'
check "jobs-web-commit-form" has "$WORK/body" "<input type=\"hidden\" name=\"commit\" value=\"$preview\">"
check "jobs-web-preview-no-refresh" sh -c "! curl -s -D - -o /dev/null -b '$WORK/admin.jar' '$URL$page' | grep -qi '^Refresh:'"
check "jobs-web-preview-wrote-nothing" is 404 "$(api admin GET /api/v1/records/clients/CW1)"
# Only the account that uploaded commits its preview.
login operations
echo "password-admin2" | "$TANDEM" user add admin2 --role admin --password-stdin --db "$DB" >/dev/null
login admin2
check "jobs-web-commit-other-admin-410" is 410 "$(form admin2 /import "commit=$preview")"
code=$(form admin /import "commit=$preview")
check "jobs-web-commit-303" is 303 "$code"
commit=$(python3 -c 'import json,sys,urllib.request' >/dev/null; curl -s -b "$WORK/admin.jar" "$URL/api/v1/jobs/$preview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["committed_by"])')
check "jobs-web-commit-done" is done "$(await "$commit")"
check "jobs-web-commit-preview-of" is "$preview" "$(field preview_of)"
check "jobs-web-commit-wrote" is 200 "$(api admin GET /api/v1/records/clients/CW1)"
check "jobs-web-commit-page" is 200 "$(status admin GET "/import/jobs/$commit?lang=en")"
check "jobs-web-commit-page-imported" has "$WORK/body" 'Imported: 1 · batch'
check "jobs-web-commit-twice-410" is 410 "$(form admin /import "commit=$preview")"
check "jobs-web-no-files-422" is 422 "$(form admin /import x=1)"
set --
for i in $(seq 33); do set -- "$@" -F "files=@$WORK/web-clients.csv;filename=clients.csv"; done
check "jobs-web-33-files-422" is 422 "$(status admin POST '/import?lang=ko' "$@" -F "csrf=$(cat "$WORK/admin.csrf")")"
check "jobs-web-33-files-korean" has "$WORK/body" '한 번에 가져올 수 있는 파일과 시트는 32개까지입니다'
check "jobs-web-queue-listed" sh -c "[ \$(curl -s -b '$WORK/admin.jar' '$URL/import?lang=en' | grep -c 'href=\"/import/jobs/') -ge 5 ]"

# --- a queue: a slow job runs, the next wait in order, the server answers ---
stop_server
start_server --xlsx-max-part 4G --xlsx-max-ratio 100000 --xlsx-max-gap 4G --xlsx-cpu-seconds 2 || exit 1
login admin
status admin POST '/api/v1/imports?dry_run=1' -F "files=@$WORK/lying.xlsx;filename=slow.xlsx" >/dev/null
slow=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
status admin POST '/api/v1/imports?dry_run=1' -F "files=@$WORK/clients.csv;filename=clients.csv" >/dev/null
second=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
status admin POST '/api/v1/imports' -F "files=@$WORK/web-clients.csv;filename=clients.csv" >/dev/null
third=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
sleep 0.3
curl -s -b "$WORK/admin.jar" "$URL/api/v1/jobs" > "$WORK/list"
check "jobs-queue-order" is "$slow:running:0 $second:queued:1 $third:queued:2" "$(python3 -c '
import json,sys
items = json.load(open(sys.argv[1]))["items"]
print(" ".join("%d:%s:%d" % (j["id"], j["state"], j["ahead"]) for j in items if j["state"] in ("queued", "running")))' "$WORK/list")"
check "jobs-queue-page-refreshes" sh -c "curl -s -D - -o '$WORK/page' -b '$WORK/admin.jar' '$URL/import/jobs/$second' | grep -qi '^Refresh: 1'"
check "jobs-queue-page-progress-bar" has "$WORK/page" '<progress id="job-progress" max="56" value="0"></progress>'
# While the slow job runs, reads and writes of others are not held up.
t0=$(ms)
c1=$(api admin GET /api/v1/me)
c2=$(api admin PUT /api/v1/records/clients/CJ1 '{"industry":"retail"}')
t1=$(ms)
check "jobs-queue-others-answered" is "200 200" "$c1 $c2"
check "jobs-queue-others-fast" test $((t1 - t0)) -lt 1000
check "jobs-queue-slow-cpu-limit" is failed "$(await "$slow" 15)"
check "jobs-queue-slow-limit-named" is xlsx-cpu-seconds "$(field result.limit)"
check "jobs-queue-second-done" is done "$(await "$second" 10)"
check "jobs-queue-third-done" is done "$(await "$third" 10)"
s1=$(await "$slow" 1 >/dev/null; field finished_at) s2=$(await "$second" 1 >/dev/null; field started_at)
check "jobs-queue-one-at-a-time" test "$s2" \> "$s1" -o "$s2" = "$s1"
check "jobs-queue-same-server" sh -c "curl -s -b '$WORK/admin.jar' '$URL/api/v1/jobs' | python3 -c 'import json,sys; print(len({j[\"server\"] for j in json.load(sys.stdin)[\"items\"]}))' | grep -qx 2"
