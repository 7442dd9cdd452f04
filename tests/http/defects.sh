#!/bin/sh
# SPDX-License-Identifier: MIT
# The smaller defects of issue 16 item 8, each held by a test that failed
# before: more import files than allowed is an error, not a silent drop; a
# year outside 1001..9998 is a 400, not a 500; redirect targets after a
# login that a browser reads as another host are refused; unknown JSON
# fields are a 400 naming the field. (CSV formula guards: tests/cli/csv_guard.sh.)
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin executive; do
	login "$r"
done

# --- imports: 33 files are refused, not cut to 32 ---------------------------
mkdir "$WORK/many"
set --
i=0
while [ $i -lt 33 ]; do
	i=$((i + 1))
	printf 'id,name,industry,referred_by\nCM%02d,Many %d,,\n' "$i" "$i" > "$WORK/many/clients$i.csv"
done
upload() {
	_n=$1
	set --
	i=0
	while [ $i -lt "$_n" ]; do
		i=$((i + 1))
		set -- "$@" -F "files=@$WORK/many/clients$i.csv;filename=clients.csv"
	done
	status admin POST '/api/v1/imports?dry_run=1&wait=30' "$@"
}
check "imports-33-files-422" is 422 "$(upload 33)"
check "imports-33-files-says-too-many" has "$WORK/body" 'clients.csv: too many files (at most 32 files and sheets in one import)'
check "imports-33-files-not-ok" has "$WORK/body" '"ok":false'
# 32 is the limit, and allowed (each file a duplicate of none: distinct ids).
check "imports-32-files-200" is 200 "$(upload 32)"
check "imports-32-files-counted" has "$WORK/body" '"files":32'

# --- years out of range: 400 with the range, not 500 -----------------------
check "scores-year-1000-400" is 400 "$(api executive GET '/api/v1/scores?year=1000')"
check "scores-year-1000-message" has "$WORK/body" '"error":"year must be a number from 1001 to 9998"'
check "scores-year-9999-400" is 400 "$(api executive GET '/api/v1/scores?year=9999')"
check "scores-year-1001-200" is 200 "$(api executive GET '/api/v1/scores?year=1001')"
check "scores-year-9998-200" is 200 "$(api executive GET '/api/v1/scores?year=9998')"
check "scores-year-text-400" is 400 "$(api executive GET '/api/v1/scores?year=20x5')"

# --- redirect targets after a login -----------------------------------------
# next_location TARGET: logs in through the form with next=TARGET and prints
# the Location the server answers.
next_location() {
	rm -f "$WORK/form.jar"
	curl -s -c "$WORK/form.jar" -o "$WORK/login.html" "$URL/login"
	t=$(sed -n 's/.*name="login_csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/login.html")
	curl -s -b "$WORK/form.jar" -o /dev/null -D "$WORK/headers" \
		--data-urlencode 'name=admin' --data-urlencode 'password=password-admin' \
		--data-urlencode "login_csrf=$t" --data-urlencode "next=$1" "$URL/login"
	sed -n 's/^Location: \(.*\)\r$/\1/Ip' "$WORK/headers"
}
check "next-local-followed" is /records "$(next_location /records)"
check "next-tab-host-refused" is / "$(next_location "$(printf '/\t/evil.example')")"
check "next-newline-refused" is / "$(next_location "$(printf '/\n/evil.example')")"
check "next-double-slash-refused" is / "$(next_location //evil.example)"
check "next-backslash-refused" is / "$(next_location '/\evil.example')"
check "next-inner-backslash-refused" is / "$(next_location '/ok\..\evil')"
check "next-absolute-refused" is / "$(next_location https://evil.example/)"
check "next-del-refused" is / "$(next_location "$(printf '/\177/evil.example')")"

# --- unknown JSON fields ----------------------------------------------------
check "users-create" is 201 "$(api admin POST /api/v1/users '{"name":"strict","role":"viewer","password":"long-enough-1"}')"
check "users-update-unknown-field-400" is 400 "$(api admin PUT /api/v1/users/strict '{"role":"sales","is_admin":true}')"
check "users-update-unknown-field-named" has "$WORK/body" '"error":"unknown field '\''is_admin'\'' (known: role, password, disabled)"'
check "users-update-unknown-field-nothing-changed" is 200 "$(api admin GET /api/v1/users)"
check "users-update-unknown-field-role-kept" has "$WORK/body" '"name":"strict","role":"viewer"'
check "users-update-known-200" is 200 "$(api admin PUT /api/v1/users/strict '{"role":"sales"}')"
check "users-create-unknown-field-400" is 400 "$(api admin POST /api/v1/users '{"name":"x2","role":"viewer","password":"long-enough-1","rol":"admin"}')"
check "login-unknown-field-400" is 400 "$(api anon POST /api/v1/login '{"name":"admin","password":"password-admin","remember":true}')"
check "review-unknown-field-400" is 400 "$(api executive POST /api/v1/proposals/PR1/override '{"reason":"x","force":true}')"
