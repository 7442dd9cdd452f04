#!/bin/sh
# The web import preview (issue 18 point 4, issue 15 item 4): per file the
# rows that are new, changed (with the changed cells, old → new) and
# unchanged before anything is written; a CP949 file (what Korean Excel
# saves) detected, with the choice to check it again in the other
# encoding; problems as a table (file, row, column in the reader's
# language, message, the offending value); the preview kept in the store
# with its job, so the API shows the same data.
. "$(dirname "$0")/lib.sh"

make_store || exit 1
start_server || exit 1
login admin || exit 1

# upload FILE... : POST /import of the files (NAME=PATH); prints the job id.
upload() {
	set -- $(for f in "$@"; do printf ' -F files=@%s;filename=%s' "${f#*=}" "${f%%=*}"; done)
	status admin POST /import "$@" -F "csrf=$(cat "$WORK/admin.csrf")" -D "$WORK/headers" > /dev/null
	sed -n 's/^[Ll]ocation: \/import\/jobs\/\([0-9]*\).*/\1/p' "$WORK/headers"
}

# clients.csv in CP949: C1 as stored, C2 with another industry, C9 new.
python3 -c 'import sys; open(sys.argv[1], "wb").write("id,name,industry,referred_by\nC1,\"가나 통신, 주식회사\",통신,\nC2,다라 보험,금융,C1\nC9,새 고객사,유통,\n".encode("cp949"))' "$WORK/clients.csv"
# measurements.csv: one day as stored, one changed, one new (plain value).
printf 'contract_id,metric,date,numerator,denominator\nK1,SL,2025-03-15,800,1000\nK1,SL,2025-03-16,900,1000\nK1,SL,2025-03-17,0.7,\n' > "$WORK/measurements.csv"

id=$(upload "clients.csv=$WORK/clients.csv" "measurements.csv=$WORK/measurements.csv")
check "preview-queued" sh -c "[ -n '$id' ]"
check "preview-done" is done "$(await "$id")"
check "preview-api-clients-counts" is "1 1 1" "$(field result.preview.files.0.added) $(field result.preview.files.0.changed) $(field result.preview.files.0.unchanged)"
check "preview-api-measurements-counts" is "1 1 1" "$(field result.preview.files.1.added) $(field result.preview.files.1.changed) $(field result.preview.files.1.unchanged)"
check "preview-api-encoding-detected" is cp949 "$(field result.preview.encoding)"
check "preview-api-changed-cell" is "industry 보험 금융" "$(field result.preview.files.0.rows.0.cells.0.column) $(field result.preview.files.0.rows.0.cells.0.before) $(field result.preview.files.0.rows.0.cells.0.after)"
check "preview-api-measurement-changed" is "K1/SL/2025-03-16 numerator 850 900" "$(field result.preview.files.1.rows.0.key) $(field result.preview.files.1.rows.0.cells.0.column) $(field result.preview.files.1.rows.0.cells.0.before) $(field result.preview.files.1.rows.0.cells.0.after)"
check "preview-api-measurement-new" is "K1/SL/2025-03-17 4 false" "$(field result.preview.files.1.rows.1.key) $(field result.preview.files.1.rows.1.line) $(field result.preview.files.1.rows.1.changed)"
check "preview-wrote-nothing" is 404 "$(api admin GET /api/v1/records/clients/C9)"
api admin GET /api/v1/records/clients/C2 > /dev/null
check "preview-c2-unchanged-in-store" has "$WORK/body" '"industry":"보험"'

check "preview-page-en-200" is 200 "$(status admin GET "/import/jobs/$id?lang=en")"
cp "$WORK/body" "$WORK/page-en"
check "preview-page-counts-clients" has "$WORK/page-en" '<tr><td>clients.csv</td><td>Clients</td><td class="num added">1</td><td class="num changed">1</td><td class="num unchanged">1</td></tr>'
check "preview-page-counts-measurements" has "$WORK/page-en" '<tr><td>measurements.csv</td><td>Measurements</td><td class="num added">1</td><td class="num changed">1</td><td class="num unchanged">1</td></tr>'
check "preview-page-replace-warning" has "$WORK/page-en" 'Rows already stored that these files will replace: 2.'
check "preview-page-new-row" has "$WORK/page-en" '<tr class="added"><td class="num">4</td><td><code>C9</code></td><td>new</td><td></td></tr>'
check "preview-page-changed-cells" has "$WORK/page-en" '<tr class="changed"><td class="num">3</td><td><code>C2</code></td><td>changed</td><td><div class="cell-change">industry: <code>보험</code> → <code>금융</code></div></td></tr>'
check "preview-page-unchanged-not-listed" hasnt "$WORK/page-en" '<code>C1</code>'
check "preview-page-measurement-cells" has "$WORK/page-en" '<div class="cell-change">numerator: <code>850</code> → <code>900</code></div>'
check "preview-page-detected-cp949" has "$WORK/page-en" 'The CSV files were detected as CP949.'
check "preview-page-cp949-preselected" has "$WORK/page-en" '<input type="radio" name="encoding" value="cp949" checked>'
check "preview-page-commit-form" has "$WORK/page-en" "<input type=\"hidden\" name=\"commit\" value=\"$id\">"

check "preview-page-ko-200" is 200 "$(status admin GET "/import/jobs/$id?lang=ko")"
cp "$WORK/body" "$WORK/page-ko"
check "preview-page-ko-counts" has "$WORK/page-ko" '<tr><td>clients.csv</td><td>고객사</td><td class="num added">1</td>'
check "preview-page-ko-column-label" has "$WORK/page-ko" '<div class="cell-change">업종: <code>보험</code> → <code>금융</code></div>'
check "preview-page-ko-warning" has "$WORK/page-ko" '이미 저장된 행 2개가 이 파일의 행으로 바뀝니다.'

# Checked again as UTF-8, the same bytes are not UTF-8: a table of problems.
code=$(form admin /import "recheck=$id" "encoding=utf-8")
check "recheck-303" is 303 "$code"
again=$(curl -s -b "$WORK/admin.jar" "$URL/api/v1/jobs?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
check "recheck-failed" is failed "$(await "$again")"
check "recheck-chosen-encoding-kept" is 422 "$(status admin GET "/import/jobs/$again?lang=en")"
check "recheck-page-chosen" has "$WORK/body" 'The CSV files were read as UTF-8, as chosen.'
check "recheck-page-utf8-preselected" has "$WORK/body" '<input type="radio" name="encoding" value="utf-8" checked>'
check "recheck-page-problem-row" has "$WORK/body" '<tr><td>clients.csv</td><td class="num">2</td><td></td><td>invalid UTF-8'
check "recheck-bad-encoding-400" is 400 "$(form admin /import "recheck=$id" "encoding=latin1")"

# Problems as a table in the reader's language, with the offending value.
printf 'id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id\nKX,C1,x,2025-01-10,,,,,4억,medium,P-S1,P-O1,,,,\nKY,C404,x,2025-01-10,,,,,10,low,P-S1,P-O1,,,,\nKZ,C1,x,2025-01-10,,,,,10,urgent,P-S1,P-O1,,,,\n' > "$WORK/contracts.csv"
bad=$(upload "contracts.csv=$WORK/contracts.csv")
check "problems-failed" is failed "$(await "$bad")"
check "problems-api-count" is 3 "$(field result.problems.total)"
check "problems-api-first" is "bad_number_syntax contracts annual_value 2 9 4억" "$(field result.problems.items.0.code) $(field result.problems.items.0.table) $(python3 -c 'import json,sys; print(["id","client_id","service_line","signed_on","ramp_started_on","staffed_on","go_live_on","end_on","annual_value"][json.load(open(sys.argv[1]))["result"]["problems"]["items"][0]["col"]])' "$WORK/job") $(field result.problems.items.0.line) $(field result.problems.items.0.column) $(field result.problems.items.0.value)"
check "problems-api-errors-lines" is "contracts.csv:2:9: bad number '4억' for annual_value: not a number (use '.' for decimals and no thousands separators)" "$(field result.errors.0)"
check "problems-page-ko-422" is 422 "$(status admin GET "/import/jobs/$bad?lang=ko")"
cp "$WORK/body" "$WORK/problems-ko"
check "problems-page-ko-row" has "$WORK/body" "<tr><td>contracts.csv</td><td class=\"num\">2</td><td>연간 계약금액</td><td>연간 계약금액에 잘못된 숫자 &#39;4억&#39;: 숫자가 아닙니다 (소수점은 &#39;.&#39;, 천 단위 구분 기호 없이)</td><td><code>4억</code></td></tr>"
check "problems-page-ko-enum" has "$WORK/body" "<tr><td>contracts.csv</td><td class=\"num\">4</td><td>리스크 등급</td><td>없는 리스크 등급 &#39;urgent&#39; (허용: 낮음, 중간, 높음 중 하나)</td><td><code>urgent</code></td></tr>"
check "problems-page-en-422" is 422 "$(status admin GET "/import/jobs/$bad?lang=en")"
cp "$WORK/body" "$WORK/problems-en"
check "problems-page-ko-ref" has "$WORK/problems-ko" "<tr><td>contracts.csv</td><td class=\"num\">3</td><td>고객사</td><td>없는 고객사 &#39;C404&#39;</td><td><code>C404</code></td></tr>"
check "problems-page-en-detected" has "$WORK/body" 'The CSV files were detected as UTF-8.'
check "problems-api-read-as" is '{"encoding": "utf-8", "files": []}' "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["result"]["preview"]))' "$WORK/job")"
check "problems-page-en-enum" has "$WORK/body" "<td>risk_tier</td><td>unknown risk_tier &#39;urgent&#39; (expected low, medium or high)</td>"
check "problems-page-en-ref" has "$WORK/body" "<tr><td>contracts.csv</td><td class=\"num\">3</td><td>client_id</td><td>unknown client &#39;C404&#39;</td><td><code>C404</code></td></tr>"

# The import page offers the encoding, detection preselected.
check "import-page-200" is 200 "$(status admin GET '/import?lang=en')"
check "import-page-encoding-auto" has "$WORK/body" '<input type="radio" name="encoding" value="auto" checked>'

# Committing the preview writes what it showed.
code=$(form admin /import "commit=$id")
check "commit-303" is 303 "$code"
jget "$id"
commit=$(field committed_by)
check "commit-done" is done "$(await "$commit")"
api admin GET /api/v1/records/clients/C2 > /dev/null
check "commit-c2-changed" has "$WORK/body" '"industry":"금융"'
check "commit-c9-new" is 200 "$(api admin GET /api/v1/records/clients/C9)"
check "commit-c9-name-from-cp949" has "$WORK/body" '"name":"새 고객사"'
