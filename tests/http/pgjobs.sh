#!/bin/sh
# SPDX-License-Identifier: MIT
# Import jobs on PostgreSQL with two servers sharing one database (issue 21
# item 5), on a throwaway cluster (scripts/pg-test.sh): a job enqueued on
# one server is seen, with the same state and result, from both (while it
# runs, claimed by one server, and when it has finished); while one server
# is busy the other claims the next job; twelve imports enqueued on both
# at once each run exactly once (twelve batches, each record once); a
# preview made through one server is committed through the other.
. "$(dirname "$0")/lib.sh"

PGDIR=
PGPID=
B_PID=
cleanup() {
	stop_server
	if [ -n "$B_PID" ]; then
		kill -TERM "$B_PID" 2> /dev/null
		wait "$B_PID" 2> /dev/null
	fi
	[ -z "$PGDIR" ] || $PGT stop "$PGDIR" "$PGPID"
	[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

pg_cluster pgjobs
make_store || { echo "not ok 1 - pgjobs-store-made"; exit 1; }

# Both servers read a workbook for up to 2 s of CPU: a slow job to keep one
# of them busy.
SLOW="--xlsx-max-part 4G --xlsx-max-ratio 100000 --xlsx-max-gap 4G --xlsx-cpu-seconds 2"
start_server --quiet $SLOW || exit 1
URL_A=$URL
"$TANDEM" serve --db "$DB" --listen 127.0.0.1:0 --quiet $SLOW > "$WORK/b.out" 2> "$WORK/b.err" &
B_PID=$!
i=0
URL_B=
while [ $i -lt 100 ] && [ -z "$URL_B" ]; do
	URL_B=$(sed -n 's/^listening on //p' "$WORK/b.out")
	sleep 0.1
	i=$((i + 1))
done
check "pgjobs-two-servers" test -n "$URL_B"
login admin || exit 1

# post SERVER PATH CURL-ARGS...: as admin on server A or B; the job id.
post() {
	_u=$1 _p=$2
	shift 2
	curl -s -b "$WORK/admin.jar" -H "X-CSRF-Token: $(cat "$WORK/admin.csrf")" "$@" "$_u$_p" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
# state SERVER ID: "STATE SERVER-COLUMN RESULT" of a job as SERVER sees it.
state() {
	curl -s -b "$WORK/admin.jar" "$1/api/v1/jobs/$2" | python3 -c '
import json,sys; j=json.load(sys.stdin); print(j["state"], j["server"], json.dumps(j["result"]))'
}
# await ID: waits (20 s at most) until the job has finished.
await() {
	_i=0
	while [ $_i -lt 200 ]; do
		case $(state "$URL_A" "$1") in done*|failed*) return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

python3 "$TOP/tests/data/xlsx/bomb.py" "$WORK/slow.xlsx" --blank $((2 << 30))
python3 "$TOP/tests/data/xlsx/bomb.py" "$WORK/slow.xlsx" --lie-only
printf 'id,name,industry,referred_by\nPJ0,Job 0,,\n' > "$WORK/clients.csv"

# A slow job on A, then a quick one on A: A is busy, so B runs it.
slow=$(post "$URL_A" '/api/v1/imports?dry_run=1' -F "files=@$WORK/slow.xlsx;filename=slow.xlsx")
sleep 0.3
# While it runs, both servers show it running, claimed by the same one.
ra=$(state "$URL_A" "$slow") rb=$(state "$URL_B" "$slow")
echo "# the slow job 0.3 s in, from A: $ra; from B: $rb"
check "pgjobs-running-seen-alike-from-both" test "$ra" = "$rb"
check "pgjobs-running-claimed" sh -c "echo '$ra' | grep -q '^running [^ ]'"
quick=$(post "$URL_A" '/api/v1/imports?dry_run=1' -F "files=@$WORK/clients.csv;filename=clients.csv")
check "pgjobs-quick-finished" await "$quick"
check "pgjobs-slow-finished" await "$slow"
sa=$(state "$URL_A" "$slow") sb=$(state "$URL_B" "$slow")
qa=$(state "$URL_A" "$quick") qb=$(state "$URL_B" "$quick")
check "pgjobs-seen-alike-from-both" test "$sa|$qa" = "$sb|$qb"
check "pgjobs-slow-failed-by-cpu" sh -c "echo '$sa' | grep -q '^failed .*\"limit\": \"xlsx-cpu-seconds\"'"
check "pgjobs-quick-done" sh -c "echo '$qa' | grep -q '^done .*\"ok\": true'"
server_slow=$(echo "$sa" | cut -d' ' -f2) server_quick=$(echo "$qa" | cut -d' ' -f2)
check "pgjobs-other-server-took-it" test "$server_slow" != "$server_quick"

# Twelve imports, six through each server at once: each runs exactly once.
before=$(sql "SELECT count(*) FROM imports")
ids=
posts=
for n in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'id,name,industry,referred_by\nPJ%s,Job %s,,\n' "$n" "$n" > "$WORK/c$n.csv"
	if [ $((n % 2)) -eq 0 ]; then u=$URL_A; else u=$URL_B; fi
	post "$u" /api/v1/imports -F "files=@$WORK/c$n.csv;filename=clients.csv" > "$WORK/id$n" &
	posts="$posts $!"
done
for p in $posts; do wait "$p"; done
for n in 1 2 3 4 5 6 7 8 9 10 11 12; do ids="$ids $(cat "$WORK/id$n")"; done
ok=1
for id in $ids; do await "$id" || ok=0; done
check "pgjobs-twelve-finished" test $ok -eq 1
after=$(sql "SELECT count(*) FROM imports")
check "pgjobs-twelve-batches" test $((after - before)) -eq 12
check "pgjobs-twelve-records" test "$(sql "SELECT count(*) FROM clients WHERE id LIKE 'PJ%'")" -eq 12
check "pgjobs-twelve-done-once" test "$(sql "SELECT count(*) FROM jobs WHERE dry_run = 0 AND state = 'done' AND batch > 0")" -eq 12
check "pgjobs-twelve-distinct-batches" test "$(sql "SELECT count(DISTINCT batch) FROM jobs WHERE dry_run = 0")" -eq 12
check "pgjobs-queue-same-from-both" sh -c "
	a=\$(curl -s -b '$WORK/admin.jar' '$URL_A/api/v1/jobs?limit=100' | python3 -c 'import json,sys; print(sorted((j[\"id\"], j[\"state\"]) for j in json.load(sys.stdin)[\"items\"]))')
	b=\$(curl -s -b '$WORK/admin.jar' '$URL_B/api/v1/jobs?limit=100' | python3 -c 'import json,sys; print(sorted((j[\"id\"], j[\"state\"]) for j in json.load(sys.stdin)[\"items\"]))')
	[ \"\$a\" = \"\$b\" ]"

# A preview through A, committed through B: no sticky sessions.
printf 'id,name,industry,referred_by\nPW1,Web,,\n' > "$WORK/web.csv"
curl -s -o /dev/null -D "$WORK/hdr" -b "$WORK/admin.jar" -F "files=@$WORK/web.csv;filename=clients.csv" \
	-F "csrf=$(cat "$WORK/admin.csrf")" "$URL_A/import"
preview=$(sed -n 's|^[Ll]ocation: /import/jobs/\([0-9]*\).*|\1|p' "$WORK/hdr")
check "pgjobs-preview-done" await "$preview"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/admin.jar" --data-urlencode "commit=$preview" \
	--data-urlencode "csrf=$(cat "$WORK/admin.csrf")" "$URL_B/import")
check "pgjobs-commit-through-other-303" test "$code" = 303
committed=$(curl -s -b "$WORK/admin.jar" "$URL_B/api/v1/jobs/$preview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["committed_by"])')
check "pgjobs-commit-finished" await "$committed"
check "pgjobs-commit-wrote" test "$(sql "SELECT count(*) FROM clients WHERE id = 'PW1'")" -eq 1
