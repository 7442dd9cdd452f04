#!/bin/sh
# SPDX-License-Identifier: MIT
# Tandem on PostgreSQL (issue 7), against a throwaway cluster that
# scripts/pg-test.sh starts on a free loopback port and this script stops
# whatever happens: the CLI scenario suites with TANDEM_DB pointing at a
# fresh database each; the demo company scored byte for byte the same as on
# SQLite and exported the same; migrate --from/--to round trips; two imports
# at once; an import killed half way; backup taken while another process
# writes, then restored and compared; pg_dump as docs/deploy.md shows it.
. "$(dirname "$0")/lib.sh"

PGT="sh $TOP/scripts/pg-test.sh"
PGDIR=$(mktemp -d /tmp/tandem-pg.XXXXXX)
PGPID=
SERVERS=
cleanup() {
	for p in $SERVERS; do
		kill -TERM "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
	$PGT stop "$PGDIR" "$PGPID"
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if ! URL=$($PGT start "$PGDIR" 2> "$WORK/pg.err"); then
	echo "not ok 1 - pg-cluster-starts"
	sed 's/^/#   /' "$WORK/pg.err"
	exit 1
fi
PGPID=$($PGT pid "$PGDIR")
check "pg-cluster-starts" test -n "$URL"
newdb() {
	$PGT url "$PGDIR" "$1"
}

# --- the CLI suites on PostgreSQL ------------------------------------------
# Each suite runs with TANDEM_DB on a database of its own; its TAP lines
# are renumbered into this script's and named pg-... Skipped: this file,
# lib.sh; valgrind and fuzz (tools, not scenarios); crash, reference,
# torture and demo, which name SQLite files themselves (crash and torture
# copy SQLite stores and run PRAGMA integrity_check); dynlib, which tests
# the loading of libraries, not a store. A suite that unsets TANDEM_DB for isolation from
# the caller's environment runs from a copy without that line: here the
# environment is this test's own.
SKIP=" lib postgres valgrind fuzz crash reference torture demo dynlib style "
# suite sh FILE: runs a suite script (its environment set by the caller)
# and prints its TAP lines renumbered into this script's, each name
# prefixed with $_prefix.
suite() {
	"$@" > "$WORK/suite.out" 2>&1
	_rc=$?
	_seen=0
	while IFS= read -r _line; do
		case $_line in
		"ok "*)
			_n=$((_n + 1)); _seen=1
			echo "ok $_n - $_prefix${_line#ok * - }" ;;
		"not ok "*)
			_n=$((_n + 1)); _seen=1
			echo "not ok $_n - $_prefix${_line#not ok * - }" ;;
		*) echo "$_line" ;;
		esac
	done < "$WORK/suite.out"
	if [ "$_rc" -ne 0 ] && [ "$_seen" -eq 0 ]; then
		_n=$((_n + 1))
		echo "not ok $_n - $_prefix$(basename "$2" .sh) exited with status $_rc"
	fi
}
dbname() {
	echo "$1_$2" | tr -c 'a-z0-9\n' '_'
}
SHADOW=$WORK/shadow
mkdir -p "$SHADOW/tests/cli"
for e in "$TOP"/* "$TOP"/tests/*; do
	case $e in "$TOP/tests" | "$TOP/tests/cli") continue ;; esac
	ln -s "$e" "$SHADOW/${e#"$TOP"/}"
done
cp "$TOP/tests/cli/lib.sh" "$SHADOW/tests/cli/lib.sh"
_prefix=pg-
for t in "$TOP"/tests/cli/*.sh; do
	name=$(basename "$t" .sh)
	case $SKIP in *" $name "*) continue ;; esac
	grep -v '^unset TANDEM_DB$' "$t" > "$SHADOW/tests/cli/$name.sh"
	TANDEM_DB=$(newdb "$(dbname suite "$name")") suite sh "$SHADOW/tests/cli/$name.sh"
done
# The HTTP suites too, once tests/http/lib.sh takes its store from
# $TANDEM_TEST_DB (it makes $WORK/t.db otherwise).
_prefix=pg-http-
if grep -q TANDEM_TEST_DB "$TOP/tests/http/lib.sh" 2> /dev/null; then
	for t in "$TOP"/tests/http/*.sh; do
		name=$(basename "$t" .sh)
		[ "$name" = lib ] && continue
		TANDEM_TEST_DB=$(newdb "$(dbname http "$name")") suite sh "$t"
	done
fi

# --- the demo company on both backends -------------------------------------
DEMO=$(newdb demo)
"$TANDEM" demo --out csv > /dev/null
check "pg-demo-init" "$TANDEM" --db "$DEMO" init
check "pg-demo-import" "$TANDEM" --db "$DEMO" import csv
check "pg-demo-sqlite-import" sh -c '"$TANDEM" --db demo.db init >/dev/null && "$TANDEM" --db demo.db import csv >/dev/null'
check "pg-score-2025-csv-identical" sh -c '
	"$TANDEM" --db demo.db score --year 2025 --format csv > score-sqlite.csv &&
	"$TANDEM" --db "$1" score --year 2025 --format csv > score-pg.csv &&
	test -s score-pg.csv && cmp score-sqlite.csv score-pg.csv' - "$DEMO"
check "pg-score-2024-json-identical" sh -c '
	"$TANDEM" --db demo.db score --year 2024 --format json > s1.json &&
	"$TANDEM" --db "$1" score --year 2024 --format json > s2.json && cmp s1.json s2.json' - "$DEMO"
check "pg-export-identical" sh -c '
	"$TANDEM" --db demo.db export --out ex-sqlite >/dev/null &&
	"$TANDEM" --db "$1" export --out ex-pg >/dev/null && diff -r ex-sqlite ex-pg' - "$DEMO"
check "pg-export-json-identical" sh -c '
	"$TANDEM" --db demo.db export --format json --out exj-sqlite >/dev/null &&
	"$TANDEM" --db "$1" export --format json --out exj-pg >/dev/null && diff -r exj-sqlite exj-pg' - "$DEMO"
check "pg-init-again-says-so" sh -c '"$TANDEM" --db "$1" init | grep -q "already a tandem store"' - "$DEMO"
check "pg-migrate-up-to-date" sh -c '"$TANDEM" --db "$1" migrate | grep -q "schema is up to date"' - "$DEMO"
# libpq from a folder of its own, as TANDEM_LIBPQ allows (docs/deploy.md).
check "pg-libpq-from-TANDEM_LIBPQ" sh -c '
	lib=$(PATH=$PATH:/sbin:/usr/sbin ldconfig -p | awk "\$1 == \"libpq.so.5\" { print \$NF; exit }") &&
	mkdir -p own-lib && cp "$lib" own-lib/libpq.so.5 &&
	TANDEM_LIBPQ=$PWD/own-lib/libpq.so.5 "$TANDEM" --db "$1" score --year 2025 --format csv > score-own.csv &&
	cmp score-pg.csv score-own.csv' - "$DEMO"
check "pg-password-not-printed" sh -c '! "$TANDEM" --db "$1" init | grep -q "$(cat "$2/password")"' - "$DEMO" "$PGDIR"

# --- migrate --from --to ----------------------------------------------------
# The SQLite store also gets a stored model, activated (audit-logged), and
# frozen results, so that the copy carries every kind of table.
"$TANDEM" --db demo.db model show default > model.json
"$TANDEM" --db demo.db model import model.json --year 2025 --version v1 > /dev/null
"$TANDEM" --db demo.db model activate v1 > /dev/null
"$TANDEM" --db demo.db freeze --year 2025 > /dev/null
COPY=$(newdb copy)
check "pg-migrate-copy-sqlite-to-pg" "$TANDEM" migrate --from demo.db --to "$COPY"
check "pg-migrate-copy-same-export" sh -c '
	"$TANDEM" --db "$1" export --out ex-copy >/dev/null && diff -r ex-sqlite ex-copy' - "$COPY"
check "pg-migrate-copy-same-scores" sh -c '
	"$TANDEM" --db "$1" score --year 2025 --format csv > score-copy.csv && cmp score-sqlite.csv score-copy.csv' - "$COPY"
check "pg-migrate-copy-refuses-nonempty" status_is 3 "$TANDEM" migrate --from demo.db --to "$COPY"
# 2025 is frozen in the copy: changing its evidence is a correction.
check "pg-migrate-copy-force-replaces" sh -c '
	"$TANDEM" --db "$1" import --correction "test: make the copy differ" "$DATA/small" >/dev/null &&
	"$TANDEM" migrate --from demo.db --to "$1" --force >/dev/null &&
	"$TANDEM" --db "$1" export --out ex-forced >/dev/null && diff -r ex-sqlite ex-forced' - "$COPY"
check "pg-migrate-copy-pg-to-sqlite" sh -c '
	"$TANDEM" migrate --from "$1" --to back.db >/dev/null &&
	"$TANDEM" --db back.db export --out ex-back >/dev/null && diff -r ex-sqlite ex-back' - "$COPY"
if command -v sqlite3 > /dev/null; then
	# Beyond the records: imports, models and the audit chain came along.
	for t in imports models frozen_results audit_log; do
		check "pg-migrate-round-trip-$t" sh -c '
			sqlite3 demo.db "SELECT * FROM $1" > a.txt && sqlite3 back.db "SELECT * FROM $1" > b.txt &&
			test -s a.txt && cmp a.txt b.txt' - "$t"
	done
fi
check "pg-migrate-copy-frozen-verifies" "$TANDEM" --db "$COPY" verify --year 2025
check "pg-migrate-copy-frozen-scores" sh -c '
	"$TANDEM" --db demo.db score --year 2025 --frozen --format csv > f1.csv &&
	"$TANDEM" --db "$1" score --year 2025 --frozen --format csv > f2.csv && cmp f1.csv f2.csv' - "$COPY"
check "pg-migrate-missing-source" status_is 3 "$TANDEM" migrate --from nosuch.db --to "$COPY"
check "pg-migrate-from-without-to" status_is 2 "$TANDEM" migrate --from demo.db

# --- two imports at once ----------------------------------------------------
# seq NAME DIR...: ex-NAME is the export of a SQLite store fed DIRs in order.
seq() {
	_name=$1
	shift
	rm -rf seq.db* "ex-$_name"
	"$TANDEM" --db seq.db init > /dev/null
	for _d in "$@"; do "$TANDEM" --db seq.db import "$_d" > /dev/null; done
	"$TANDEM" --db seq.db export --out "ex-$_name" > /dev/null
}
seq s "$DATA/small"
seq sd "$DATA/small" csv
seq sds "$DATA/small" csv "$DATA/small"
# Writers queue on the store's lock, as with SQLite: both succeed (or one
# fails cleanly, saying the store is busy) and the store equals one of the
# two orders.
CONC=$(newdb conc)
"$TANDEM" --db "$CONC" init > /dev/null
"$TANDEM" --db "$CONC" import "$DATA/small" > /dev/null
"$TANDEM" --db "$CONC" import csv > conc1.out 2>&1 &
p1=$!
"$TANDEM" --db "$CONC" import "$DATA/small" > conc2.out 2>&1 &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check "pg-concurrent-imports-exit-cleanly" sh -c '
	{ [ $1 -eq 0 ] || grep -q "busy" conc1.out; } && { [ $2 -eq 0 ] || grep -q "busy" conc2.out; }' - "$s1" "$s2"
check "pg-concurrent-imports-both-written" sh -c '[ $1 -eq 0 ] && [ $2 -eq 0 ]' - "$s1" "$s2"
check "pg-concurrent-store-is-one-order" sh -c '
	"$TANDEM" --db "$1" export --out ex-conc >/dev/null &&
	{ diff -r ex-sd ex-conc >/dev/null || diff -r ex-sds ex-conc; }' - "$CONC"
check "pg-concurrent-batches-distinct" sh -c '
	cat conc1.out conc2.out > conc.out && grep -q "(batch 2)" conc.out && grep -q "(batch 3)" conc.out'
check "pg-concurrent-audit-chain" "$TANDEM" audit verify --db "$CONC"

# --- an import killed half way ---------------------------------------------
KILL=$(newdb killed)
"$TANDEM" --db "$KILL" init > /dev/null
"$TANDEM" --db "$KILL" import "$DATA/small" > /dev/null
"$TANDEM" --db "$KILL" import csv > /dev/null 2>&1 &
kp=$!
sleep 1
kill -9 $kp 2> /dev/null
wait $kp 2> /dev/null
check "pg-killed-import-all-or-nothing" sh -c '
	"$TANDEM" --db "$1" export --out ex-killed >/dev/null &&
	{ diff -r ex-s ex-killed >/dev/null || diff -r ex-sd ex-killed; }' - "$KILL"
check "pg-after-kill-import-works" "$TANDEM" --db "$KILL" import "$DATA/small"

# --- backup and restore -----------------------------------------------------
cp demo.db live.db
"$TANDEM" --db live.db export --out ex-live > /dev/null
# A writer re-imports the demo (same records, new batches) while the
# backup is taken: the backup is one consistent moment of the store.
( for i in 1 2 3; do "$TANDEM" --db live.db import csv > /dev/null 2>&1; done ) &
wp=$!
sleep 0.2
check "pg-backup-while-writing" "$TANDEM" --db live.db backup --out live.bak
wait $wp
check "pg-backup-restore-sqlite" "$TANDEM" restore live.bak --db restored.db
check "pg-backup-restore-same-export" sh -c '
	"$TANDEM" --db restored.db export --out ex-restored >/dev/null && diff -r ex-live ex-restored'
check "pg-backup-restored-scores" sh -c '
	"$TANDEM" --db restored.db score --year 2025 --format csv > score-restored.csv && cmp score-sqlite.csv score-restored.csv'
check "pg-restore-refuses-existing" status_is 1 "$TANDEM" restore live.bak --db restored.db
check "pg-restore-force" "$TANDEM" restore live.bak --db restored.db --force
check "pg-restore-not-a-store" sh -c 'echo hello > junk.bak; "$TANDEM" restore junk.bak --db j.db; test $? -eq 1'
RESTORED=$(newdb restored)
check "pg-restore-into-postgres" "$TANDEM" restore live.bak --db "$RESTORED"
check "pg-restore-into-postgres-same-export" sh -c '
	"$TANDEM" --db "$1" export --out ex-restored-pg >/dev/null && diff -r ex-live ex-restored-pg' - "$RESTORED"
check "pg-backup-of-postgres-points-to-pg_dump" sh -c '
	"$TANDEM" --db "$1" backup --out x.dump 2> err.txt; test $? -eq 2 && grep -q pg_dump err.txt' - "$DEMO"
# pg_dump and pg_restore, as docs/deploy.md shows them.
PGBIN=/usr/lib/postgresql/15/bin
if [ -x "$PGBIN/pg_dump" ]; then
	DUMPED=$(newdb dumped)
	check "pg-dump-restore-same-export" sh -c '
		"$3/pg_dump" --format=custom --no-owner --file demo.dump "$1" &&
		"$3/pg_restore" --no-owner --dbname "$2" demo.dump &&
		"$TANDEM" --db "$2" export --out ex-dumped >/dev/null && diff -r ex-sqlite ex-dumped' - "$DEMO" "$DUMPED" "$PGBIN"
fi

# --- two servers on one database ------------------------------------------
# serve N: starts tandem serve on the shared database; its URL in srvN.url.
serve() {
	"$TANDEM" serve --db "$SHARED" --listen 127.0.0.1:0 --quiet > "srv$1.out" 2> "srv$1.err" &
	SERVERS="$SERVERS $!"
	i=0
	while [ $i -lt 100 ]; do
		sed -n 's/^listening on //p' "srv$1.out" > "srv$1.url"
		[ -s "srv$1.url" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# call N METHOD PATH [JSON]: a request to server N with admin's session;
# prints the status, the body is in body.json.
call() {
	_u=$(cat "srv$1.url")
	if [ $# -ge 4 ]; then
		curl -s -o body.json -w '%{http_code}' -X "$2" -b admin.jar -H "X-CSRF-Token: $(cat admin.csrf)" \
			-H 'Content-Type: application/json' --data-binary "$4" "$_u$3"
	else
		curl -s -o body.json -w '%{http_code}' -X "$2" -b admin.jar -H "X-CSRF-Token: $(cat admin.csrf)" "$_u$3"
	fi
}
if command -v curl > /dev/null; then
	export TANDEM_FAST_HASH=1
	SHARED=$(newdb shared)
	"$TANDEM" init --db "$SHARED" > /dev/null
	"$TANDEM" import --db "$SHARED" "$DATA/small" > /dev/null
	echo password-admin | "$TANDEM" user add admin --role admin --password-stdin --db "$SHARED" > /dev/null
	serve 1
	serve 2
	check "pg-two-servers-start" test -s srv1.url -a -s srv2.url
	check "pg-two-servers-login-on-first" sh -c '
		curl -s -c admin.jar -H "Content-Type: application/json" \
			-d "{\"name\":\"admin\",\"password\":\"password-admin\"}" "$(cat srv1.url)/api/v1/login" |
		sed -n "s/.*\"csrf\":\"\([0-9a-f]*\)\".*/\1/p" > admin.csrf && test -s admin.csrf'
	check "pg-two-servers-session-works-on-second" test "$(call 2 GET /api/v1/me)" = 200
	check "pg-two-servers-write-on-second" test "$(call 2 POST /api/v1/records/clients '{"id":"C77","name":"Shared"}')" = 201
	check "pg-two-servers-seen-on-first-at-once" test "$(call 1 GET /api/v1/records/clients/C77)" = 200
	check "pg-two-servers-seen-value" grep -q Shared body.json
	check "pg-two-servers-logout-on-first" sh -c 'case $1 in 200 | 204) ;; *) exit 1 ;; esac' - \
		"$(call 1 POST /api/v1/logout '{}')"
	check "pg-two-servers-session-gone-on-second" test "$(call 2 GET /api/v1/me)" = 401
fi

# --- errors -----------------------------------------------------------------
check "pg-connect-refused-exit-3" sh -c '
	"$TANDEM" --db postgresql://tandem@127.0.0.1:1/none score --year 2025 2> err.txt; test $? -eq 3 &&
	grep -q "cannot connect to" err.txt'
check "pg-wrong-password-hidden" sh -c '
	u=$(echo "$1" | sed "s|tandem:[0-9a-f]*@|tandem:wrong-secret@|");
	"$TANDEM" --db "$u" export --out x 2> err.txt; test $? -eq 3 &&
	grep -q "password authentication failed" err.txt && ! grep -q wrong-secret err.txt' - "$DEMO"
check "pg-uninitialized-exit-3" sh -c '"$TANDEM" --db "$1" score --year 2025 2>&1; test $? -eq 3' - "$(newdb empty)"
