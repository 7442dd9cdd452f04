#!/bin/sh
# Security of the web application: CSRF, session expiry, logout, login
# lockout per account and per address, XSS escaping on every page that
# shows a client's name, SQL-injection strings stored literally, body and
# header size limits, cookie and header hardening.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin sales operations viewer executive; do
	login "$r"
done

# --- CSRF ---
no_token() {
	curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' \
		-X PUT --data-binary '{"name":"no token"}' "$URL/api/v1/records/clients/C1"
}
wrong_token() {
	curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $(printf '%064d' 0)" -X PUT --data-binary '{"name":"wrong token"}' \
		"$URL/api/v1/records/clients/C1"
}
check "csrf-api-missing-403" is 403 "$(no_token)"
check "csrf-api-missing-message" has "$WORK/body" '"error":"csrf token missing or wrong"'
check "csrf-api-wrong-403" is 403 "$(wrong_token)"
check "csrf-api-nothing-changed" is 200 "$(api admin GET /api/v1/records/clients/C1)"
check "csrf-api-nothing-changed-name" hasnt "$WORK/body" 'token'
form_no_csrf() {
	curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" --data-urlencode 'id=C1' \
		--data-urlencode 'name=forged' "$URL/records/clients/edit/C1"
}
check "csrf-form-missing-403" is 403 "$(form_no_csrf)"
check "csrf-form-with-token-303" is 303 "$(form admin /records/clients/edit/C1 id=C1 'name=가나 통신' industry=telecom)"
# The other user's token does not work for this session.
other_token() {
	curl -s -o "$WORK/body" -w '%{http_code}' -b "$WORK/admin.jar" -H 'Content-Type: application/json' \
		-H "X-CSRF-Token: $(cat "$WORK/viewer.csrf")" -X PUT --data-binary '{}' "$URL/api/v1/records/clients/C1"
}
check "csrf-other-session-token-403" is 403 "$(other_token)"
# The login form needs its double-submit cookie.
login_form_no_cookie() {
	curl -s -o "$WORK/body" -w '%{http_code}' --data-urlencode 'name=admin' \
		--data-urlencode 'password=password-admin' --data-urlencode "login_csrf=$(printf '%064d' 1)" "$URL/login"
}
check "csrf-login-form-forged-403" is 403 "$(login_form_no_cookie)"
login_form() {
	rm -f "$WORK/form.jar"
	curl -s -c "$WORK/form.jar" -o "$WORK/login.html" "$URL/login"
	t=$(sed -n 's/.*name="login_csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/login.html")
	curl -s -b "$WORK/form.jar" -c "$WORK/form.jar" -o "$WORK/body" -w '%{http_code}' \
		--data-urlencode 'name=admin' --data-urlencode 'password=password-admin' \
		--data-urlencode "login_csrf=$t" --data-urlencode 'next=/records' "$URL/login"
}
check "login-form-303" is 303 "$(login_form)"
check "login-form-session-cookie" grep -q tandem_session "$WORK/form.jar"
check "login-json-needs-json-415" is 415 "$(status anon POST /api/v1/login --data-urlencode name=admin --data-urlencode password=password-admin)"

# --- cookies and headers ---
curl -s -D "$WORK/headers" -o /dev/null -H 'Content-Type: application/json' \
	-d '{"name":"viewer","password":"password-viewer"}' "$URL/api/v1/login"
check "cookie-httponly-samesite" grep -qi 'Set-Cookie: tandem_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' "$WORK/headers"
check "cookie-not-secure-without-tls-proxy" hasnt "$WORK/headers" 'Secure'
check "header-csp" grep -qi "^Content-Security-Policy: default-src 'self'" "$WORK/headers"
check "header-nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$WORK/headers"
check "header-frame-deny" grep -qi '^X-Frame-Options: DENY' "$WORK/headers"

# --- XSS: a client named <script>alert(1)</script> shows escaped everywhere ---
XSS='<script>alert(1)</script>'
check "xss-create-client" is 201 "$(api admin POST /api/v1/records/clients "{\"id\":\"CX\",\"name\":\"$XSS\",\"industry\":\"\\\"><img src=x onerror=alert(2)>\"}")"
check "xss-json-escaped" has "$WORK/body" '\u003cscript\u003e'
check "xss-create-contract" is 201 "$(api admin POST /api/v1/records/contracts '{"id":"KX","client_id":"CX","go_live_on":"2026-01-05","signed_on":"2025-12-01","annual_value":100,"sales_owner":"P-S1","ops_owner":"P-O1","service_line":"<b>bold</b>"}')"
check "xss-create-proposal" is 201 "$(api sales POST /api/v1/records/proposals "{\"id\":\"PX\",\"client_id\":\"CX\",\"origin\":\"sales\",\"status\":\"draft\",\"title\":\"$XSS\"}")"
for page in /records/clients /records/clients/edit/CX /records/proposals /proposals /proposals/PX /contracts/KX \
	'/scores?year=2026' '/scores/contract/KX?year=2026' '/scores/person/P-S1?year=2026' \
	'/evidence/KX/sales/S1.1?year=2026' /audit '/?year=2026' '/records/contracts/new?service_line=%3Cscript%3E' \
	'/cycle?from=2025&to=2026' '/promises?year=2026'; do
	n=$(echo "$page" | tr -c 'a-zA-Z0-9\n' '-')
	check "xss-page$n-200" is 200 "$(status admin GET "$page")"
	check "xss-page$n-no-raw-script" hasnt "$WORK/body" '<script>alert'
	check "xss-page$n-no-raw-img" hasnt "$WORK/body" '<img src=x'
done
check "xss-escaped-in-list" is 200 "$(status admin GET /records/clients)"
check "xss-escaped-text" has "$WORK/body" '&lt;script&gt;alert(1)&lt;/script&gt;'
check "xss-escaped-attribute" has "$WORK/body" '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'
check "xss-scorecard-name-escaped" is 200 "$(status admin GET '/scores?year=2026&org=sales')"
check "xss-scorecard-name-escaped-text" has "$WORK/body" '&lt;script&gt;alert(1)&lt;/script&gt;'
check "xss-lang-link-escaped" is 200 "$(status admin GET '/records?x=%22%3E%3Cscript%3Ealert(3)%3C/script%3E')"
check "xss-lang-link-no-raw" hasnt "$WORK/body" '<script>alert(3)'

# --- SQL injection strings are stored literally ---
SQLI="Robert'); DROP TABLE clients;--"
check "sqli-create" is 201 "$(api admin POST /api/v1/records/clients "{\"id\":\"C-SQL\",\"name\":\"$SQLI\",\"industry\":\"' OR '1'='1\"}")"
check "sqli-read-back" is 200 "$(api admin GET /api/v1/records/clients/C-SQL)"
check "sqli-literal-name" has "$WORK/body" "\"name\":\"Robert'); DROP TABLE clients;--\""
check "sqli-literal-industry" has "$WORK/body" "\"industry\":\"' OR '1'='1\""
check "sqli-filter-no-match" is 200 "$(api admin GET "/api/v1/records/clients?name=%27%20OR%201%3D1%20--")"
check "sqli-filter-total-0" has "$WORK/body" '"total":0'
check "sqli-table-still-there" is 200 "$(api admin GET /api/v1/records/clients)"
check "sqli-table-count" has "$WORK/body" '"total":4'
check "sqli-key-in-path" is 404 "$(api admin GET "/api/v1/records/clients/x%27%20OR%20%271%27%3D%271")"
check "sqli-unknown-filter-column-400" is 400 "$(api admin GET "/api/v1/records/clients?name%3D1%3BDROP=1")"

# --- size limits ---
big_json() {
	head -c 70000 /dev/zero | tr '\0' 'a' > "$WORK/big"
	printf '{"id":"CB","name":"%s"}' "$(cat "$WORK/big")" > "$WORK/big.json"
	status admin POST /api/v1/records/clients -H 'Content-Type: application/json' --data-binary @"$WORK/big.json"
}
check "limit-body-64k-413" is 413 "$(big_json)"
big_upload() {
	head -c 9000000 /dev/zero | tr '\0' 'a' > "$WORK/big.csv"
	status admin POST '/api/v1/imports?dry_run=1&file=clients.csv' -H 'Content-Type: text/csv' --data-binary @"$WORK/big.csv"
}
check "limit-upload-8m-413" is 413 "$(big_upload)"
chunked_big() {
	status admin POST /api/v1/records/clients -H 'Content-Type: application/json' \
		-H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.json"
}
check "limit-chunked-body-413" is 413 "$(chunked_big)"
check "limit-after-413-server-alive" is 200 "$(api admin GET /api/v1/me)"
big_header() {
	curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' 'b')" "$URL/api/v1/me"
}
check "limit-header-refused" sh -c "[ \"$(big_header)\" -ge 400 ]"
check "path-traversal-404" is 404 "$(status anon GET /assets/web/../../../etc/passwd --path-as-is)"
check "path-traversal-encoded-404" is 404 "$(status anon GET /assets/%2e%2e/%2e%2e/etc/passwd --path-as-is)"

# --- lockout after repeated bad passwords (per account) ---
# A server with short lockouts and sessions, so that both can be seen ending.
stop_server
start_server --quiet --session-ttl 2 --lockout 2 || exit 1
bad_login() {
	curl -s -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/login"
}
for i in 1 2 3 4; do
	check "lockout-bad-$i-401" is 401 "$(bad_login viewer wrong-password)"
done
check "lockout-fifth-bad-401" is 401 "$(bad_login viewer wrong-password)"
# Locked, the right password gets the answer a wrong one gets (issue 16:
# a distinct 429 told which names exist and are locked).
check "lockout-right-password-refused-401" is 401 "$(bad_login viewer password-viewer)"
check "lockout-message-same-as-wrong" has "$WORK/body" '{"error":"wrong name or password","code":"error.login_wrong","params":[],"message":"wrong name or password"}'
check "lockout-other-account-fine" is 200 "$(bad_login sales password-sales)"
check "lockout-audited" sh -c "'$TANDEM' audit list --db '$DB' --entity user | grep -q 'lock'"
sleep 2.5
check "lockout-ends-200" is 200 "$(bad_login viewer password-viewer)"
check "login-unknown-user-401" is 401 "$(bad_login nobody whatever-password)"

# --- session expiry (--session-ttl 2) ---
login operations
check "session-fresh-200" is 200 "$(api operations GET /api/v1/me)"
sleep 3
check "session-expired-401" is 401 "$(api operations GET /api/v1/me)"
check "session-expired-page-redirects" is 303 "$(status operations GET /records)"

# --- disabling an account ends its sessions ---
stop_server
start_server --quiet || exit 1
login sales
check "disable-before-200" is 200 "$(api sales GET /api/v1/me)"
login admin
check "disable-account" is 200 "$(api admin PUT /api/v1/users/sales '{"disabled":true}')"
check "disable-ends-session-401" is 401 "$(api sales GET /api/v1/me)"
check "disable-login-refused-403" is 403 "$(bad_login sales password-sales)"
check "admin-cannot-disable-self" is 422 "$(api admin PUT /api/v1/users/admin '{"disabled":true}')"
stop_server

# --- per-address limit: many failures from one address, even on other names ---
start_server --quiet || exit 1
i=0
while [ $i -lt 20 ]; do
	bad_login "guess$i" wrong-password >/dev/null
	i=$((i + 1))
done
check "address-limit-429" is 429 "$(bad_login admin password-admin)"
check "address-limit-message" has "$WORK/body" 'from this address'

# --- the Secure flag behind a TLS proxy ---
stop_server
start_server --quiet --tls-proxy || exit 1
curl -s -D "$WORK/headers" -o /dev/null -H 'Content-Type: application/json' \
	-d '{"name":"admin","password":"password-admin"}' "$URL/api/v1/login"
check "cookie-secure-behind-tls-proxy" grep -qi 'Set-Cookie: tandem_session=.*; Secure' "$WORK/headers"
