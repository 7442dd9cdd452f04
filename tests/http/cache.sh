#!/bin/sh
# The server's caches (issue 8 W3): scored years and rendered answers are
# kept per (year, model, data version), sessions for a short while. These
# cases show that nothing a cache keeps is ever staler than it may be: a
# write by another process (the CLI importing or activating a model while
# the server runs) shows on the next request; a logout ends the session at
# once, in this server and in another one on the same store; an account
# disabled by the CLI is out at once; a cached page carries the frame of
# the user asking, not of the first.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
login admin
login viewer
version() { sqlite3 "$DB" 'SELECT version FROM data_version WHERE id = 1'; }
# greater A B: both are versions and A > B.
greater() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" -gt "$2" ] || { echo "expected $1 > $2"; return 1; }; }
k1_s23() {
	api "$1" GET '/api/v1/scores?year=2025&subject=contract:K1&org=sales' > /dev/null
	grep -o '"criterion":"S2.3","value":[^,]*,"score":[^,]*' "$WORK/body"
}

# --- the data version --------------------------------------------------------
v0=$(version)
check "cache-version-after-imports" greater "$v0" 0
check "cache-first-answer" is '"criterion":"S2.3","value":1.00,"score":80.00' "$(k1_s23 admin)"
cp "$WORK/body" "$WORK/first.json"
check "cache-second-answer-same-status" is 200 "$(api admin GET '/api/v1/scores?year=2025&subject=contract:K1&org=sales')"
check "cache-second-answer-identical" same "$WORK/first.json" "$WORK/body"
check "cache-other-role-same-json" is 200 "$(api viewer GET '/api/v1/scores?year=2025&subject=contract:K1&org=sales')"
check "cache-other-role-identical" same "$WORK/first.json" "$WORK/body"

# An import by the CLI, while the server runs, bumps the version in its
# transaction; the next request sees the new scope change (S2.3 counts 2).
mkdir -p "$WORK/more"
printf 'contract_id,date,kind,note\nK1,2025-06-01,dispute,second\n' > "$WORK/more/scope_changes.csv"
"$TANDEM" import --db "$DB" "$WORK/more" > /dev/null
v1=$(version)
check "cache-version-bumped-by-cli-import" greater "$v1" "$v0"
check "cache-cli-import-seen-at-once" is '"criterion":"S2.3","value":2.00,"score":60.00' "$(k1_s23 admin)"

# A failed (dry-run) import changes nothing, not even the version.
"$TANDEM" import --db "$DB" --dry-run "$WORK/more" > /dev/null 2>&1
check "cache-dry-run-no-bump" is "$v1" "$(version)"

# A web write bumps it too, and the page shows it.
check "cache-web-delete" is 204 "$(api admin DELETE /api/v1/records/scope_changes/K1/2025-06-01/dispute)"
v2=$(version)
check "cache-version-bumped-by-web" greater "$v2" "$v1"
check "cache-web-write-seen" is '"criterion":"S2.3","value":1.00,"score":80.00' "$(k1_s23 viewer)"

# A model imported and activated by the CLI: the scores use it at once.
"$TANDEM" model show default --db "$DB" | sed 's/"full": *0[,}]/&/' > "$WORK/model.json"
"$TANDEM" model import "$WORK/model.json" --year 2025 --version cache-2025 --db "$DB" > /dev/null
v3=$(version)
check "cache-version-bumped-by-model-import" greater "$v3" "$v2"
"$TANDEM" model activate cache-2025 --db "$DB" > /dev/null
check "cache-version-bumped-by-model-activate" greater "$(version)" "$v3"
api admin GET '/api/v1/scores?year=2025&subject=company:company' > /dev/null
check "cache-new-model-seen" has "$WORK/body" '"model_version":"cache-2025"'

# --- pages: the kept part, the frame of whoever asks -----------------------
check "cache-page-admin-1" is 200 "$(status admin GET '/scores/company/company?year=2025')"
cp "$WORK/body" "$WORK/page1.html"
check "cache-page-admin-2" is 200 "$(status admin GET '/scores/company/company?year=2025')"
check "cache-page-identical-for-same-user" same "$WORK/page1.html" "$WORK/body"
check "cache-page-viewer" is 200 "$(status viewer GET '/scores/company/company?year=2025')"
check "cache-page-viewer-own-name" has "$WORK/body" '<span class="user">viewer <span class="role">'
check "cache-page-viewer-own-csrf" has "$WORK/body" "value=\"$(cat "$WORK/viewer.csrf")\""
check "cache-page-viewer-not-admin-csrf" hasnt "$WORK/body" "$(cat "$WORK/admin.csrf")"
check "cache-page-viewer-no-admin-nav" hasnt "$WORK/body" 'href="/users"'
check "cache-page-korean" is 200 "$(status viewer GET '/scores/company/company?year=2025&lang=ko')"
check "cache-page-korean-body" has "$WORK/body" '<html lang="ko">'
check "cache-page-korean-main" has "$WORK/body" '종합'
check "cache-page-english-again" is 200 "$(status viewer GET '/scores/company/company?year=2025&lang=en')"
check "cache-page-english-main" hasnt "$WORK/body" '종합'
check "cache-evidence-twice-1" is 200 "$(status viewer GET '/evidence/K1/sales/S3.1?year=2025')"
cp "$WORK/body" "$WORK/ev1.html"
check "cache-evidence-twice-2" is 200 "$(status viewer GET '/evidence/K1/sales/S3.1?year=2025')"
check "cache-evidence-identical" same "$WORK/ev1.html" "$WORK/body"
check "cache-unknown-subject-still-404" is 404 "$(status viewer GET '/scores/contract/NOPE?year=2025')"

# --- sessions ---------------------------------------------------------------
check "cache-session-used" is 200 "$(api viewer GET /api/v1/me)"
check "cache-logout" is 200 "$(api viewer POST /api/v1/logout)"
check "cache-logout-at-once" is 401 "$(api viewer GET /api/v1/me)"
login viewer
check "cache-login-again" is 200 "$(api viewer GET /api/v1/me)"
check "cache-viewer-again" is 200 "$(api viewer GET /api/v1/me)"
"$TANDEM" user disable viewer --db "$DB" > /dev/null
check "cache-cli-disable-at-once" is 401 "$(api viewer GET /api/v1/me)"
check "cache-admin-still-in" is 200 "$(api admin GET /api/v1/me)"
"$TANDEM" user role admin executive --db "$DB" > /dev/null
check "cache-cli-role-change-at-once" is 403 "$(api admin GET /api/v1/users)"
"$TANDEM" user role admin admin --db "$DB" > /dev/null
check "cache-cli-role-back" is 200 "$(api admin GET /api/v1/users)"

# A second server on the same store: a logout on the first ends the
# session on the second at once, though the second has just used it.
"$TANDEM" serve --db "$DB" --listen 127.0.0.1:0 --quiet > "$WORK/second.out" 2> "$WORK/second.err" &
SECOND_PID=$!
trap 'kill $SECOND_PID 2>/dev/null; stop_server; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q '^listening on ' "$WORK/second.out"; do sleep 0.1; i=$((i + 1)); done
SECOND=$(sed -n 's/^listening on //p' "$WORK/second.out")
second_me() { curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" "$SECOND/api/v1/me"; }
check "cache-second-server-session" is 200 "$(second_me)"
check "cache-second-server-session-again" is 200 "$(second_me)"
check "cache-logout-on-first" is 200 "$(api admin POST /api/v1/logout)"
check "cache-logout-seen-on-second-at-once" is 401 "$(second_me)"
