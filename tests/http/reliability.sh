#!/bin/sh
# Reliability of the server (issue 9): slow clients (slowloris) are timed
# out without starving the others; the server killed with SIGKILL while
# clients write through the API leaves an intact store that holds every
# write it acknowledged; a mixed read/write load gives no 5xx and leaves
# memory and open file descriptors flat. About 60 s.
#   SOAK_SECONDS (default 16) is the length of the measured load;
#   KILL_ROUNDS (default 4) the number of SIGKILL rounds.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
cp "$DB" "$WORK/base.db"
start_server --quiet || exit 1
PORT=${URL##*:}
login admin

# --- (a) slowloris: 150 connections send part of a request and stall ---
# The server's connection timeout is 30 s (server.c, `tandem serve --help`);
# the stalled connections must be closed by it (not before 25 s, not after
# 40 s) while ordinary requests are answered at once.
cat > "$WORK/slowloris.py" <<'EOF'
import select, socket, sys, time
port, count, limit, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
socks, opened = [], 0
start = time.monotonic()
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-%d: " % i)
    socks.append(s)
    opened += 1
with open(out + ".opened", "w") as f:
    f.write("%d\n" % opened)
closed = {}
while len(closed) < len(socks) and time.monotonic() - start < limit:
    live = [s for s in socks if s not in closed]
    ready, _, _ = select.select(live, [], [], 0.5)
    for s in ready:
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if not data:
            closed[s] = time.monotonic() - start
times = sorted(closed.values())
with open(out, "w") as f:
    f.write("closed %d\n" % len(times))
    f.write("first %.1f\n" % (times[0] if times else -1))
    f.write("last %.1f\n" % (times[-1] if times else -1))
EOF
python3 "$WORK/slowloris.py" "$PORT" 150 45 "$WORK/slow.out" &
SLOW_PID=$!
i=0
while [ ! -s "$WORK/slow.out.opened" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "slowloris-150-connections-opened" is 150 "$(cat "$WORK/slow.out.opened" 2>/dev/null)"
# Ordinary requests while they stall: answered, each in under a second.
prompt() {
	for k in 1 2 3 4 5 6 7 8 9 10; do
		t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$WORK/admin.jar" "$URL/api/v1/me")
		case $t in 200\ 0.*) ;; *) echo "request $k: $t"; return 1 ;; esac
	done
}
check "slowloris-others-served-promptly" prompt
check "slowloris-login-still-works" login admin
check "slowloris-page-still-works" is 200 "$(status admin GET /records/clients)"

# --- (b) SIGKILL while clients write (runs while the stalled ones wait) ---
# Each round serves a fresh copy of the store, writes clients through the
# API from two writers, kills the server at a random moment, then checks
# the store with sqlite3 and `tandem audit verify`, and that every record
# the API acknowledged (201) is there.
cat > "$WORK/writer.py" <<'EOF'
import http.client, json, sys
port, csrf, cookie, prefix, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
acked = open(out, "w")
n = 0
try:
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    while True:
        n += 1
        rid = "%s-%d" % (prefix, n)
        body = json.dumps({"id": rid, "name": "writer " + rid, "industry": "kill test"})
        c.request("POST", "/api/v1/records/clients", body,
                  {"Content-Type": "application/json", "X-CSRF-Token": csrf,
                   "Cookie": "tandem_session=" + cookie})
        r = c.getresponse()
        r.read()
        if r.status == 201:
            acked.write(rid + "\n")
            acked.flush()
        elif r.status >= 500:
            print("status %d for %s" % (r.status, rid), file=sys.stderr)
except (OSError, http.client.HTTPException):
    pass   # the server is gone
EOF
kill_round() {
	k=$1
	kdb=$WORK/kill$k.db
	cp "$WORK/base.db" "$kdb"
	"$TANDEM" serve --db "$kdb" --listen 127.0.0.1:0 --quiet > "$WORK/kill$k.out" 2> "$WORK/kill$k.err" &
	kpid=$!
	kurl=
	j=0
	while [ -z "$kurl" ] && [ $j -lt 100 ]; do
		sleep 0.1
		kurl=$(sed -n 's/^listening on //p' "$WORK/kill$k.out")
		j=$((j + 1))
	done
	[ -n "$kurl" ] || { echo "the server did not start"; kill -9 $kpid; return 1; }
	curl -s -c "$WORK/kill$k.jar" -H 'Content-Type: application/json' \
		-d '{"name":"admin","password":"password-admin"}' "$kurl/api/v1/login" \
		| sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' > "$WORK/kill$k.csrf"
	cookie=$(awk '$6 == "tandem_session" { print $7 }' "$WORK/kill$k.jar")
	python3 "$WORK/writer.py" "${kurl##*:}" "$(cat "$WORK/kill$k.csrf")" "$cookie" "W$k-a" \
		"$WORK/kill$k.a" 2> "$WORK/kill$k.a.err" &
	wa=$!
	python3 "$WORK/writer.py" "${kurl##*:}" "$(cat "$WORK/kill$k.csrf")" "$cookie" "W$k-b" \
		"$WORK/kill$k.b" 2> "$WORK/kill$k.b.err" &
	wb=$!
	# Once both are writing, a random moment 0.1 to 1.2 s later.
	j=0
	while { [ ! -s "$WORK/kill$k.a" ] || [ ! -s "$WORK/kill$k.b" ]; } && [ $j -lt 100 ]; do
		sleep 0.05
		j=$((j + 1))
	done
	sleep "$(awk -v s="$k$$" 'BEGIN { srand(s); printf "%.2f", 0.1 + rand() * 1.1 }')"
	kill -9 $kpid
	wait $kpid 2>/dev/null
	wait $wa $wb
	cat "$WORK/kill$k.a" "$WORK/kill$k.b" | LC_ALL=C sort > "$WORK/kill$k.acked"
	sqlite3 "$kdb" "SELECT id FROM clients WHERE id LIKE 'W%'" | LC_ALL=C sort > "$WORK/kill$k.stored"
	echo "$(wc -l < "$WORK/kill$k.acked") acknowledged, $(wc -l < "$WORK/kill$k.stored") stored"
}
for k in $(seq "${KILL_ROUNDS:-4}"); do
	check "kill-$k-round-ran" kill_round "$k"
	sed -n 's/^/# /p' "$WORK/.check.out"
	check "kill-$k-writes-were-acknowledged" test -s "$WORK/kill$k.acked"
	check "kill-$k-no-5xx" sh -c "! cat '$WORK/kill$k.a.err' '$WORK/kill$k.b.err' | grep status"
	check "kill-$k-integrity-ok" is ok "$(sqlite3 "$WORK/kill$k.db" 'PRAGMA integrity_check')"
	check "kill-$k-audit-verify" "$TANDEM" audit verify --db "$WORK/kill$k.db"
	# Every acknowledged write is stored (a write may be stored whose answer
	# the kill cut off, so stored may hold one more per writer).
	check "kill-$k-every-acknowledged-write-stored" sh -c \
		"LC_ALL=C comm -23 '$WORK/kill$k.acked' '$WORK/kill$k.stored' | { ! grep .; }"
	check "kill-$k-at-most-one-unacknowledged-per-writer" sh -c \
		"[ \$(LC_ALL=C comm -13 '$WORK/kill$k.acked' '$WORK/kill$k.stored' | wc -l) -le 2 ]"
done
# The killed store serves again.
restart_killed() {
	"$TANDEM" serve --db "$WORK/kill1.db" --listen 127.0.0.1:0 --quiet > "$WORK/re.out" 2>&1 &
	rpid=$!
	j=0
	rurl=
	while [ -z "$rurl" ] && [ $j -lt 100 ]; do
		sleep 0.1
		rurl=$(sed -n 's/^listening on //p' "$WORK/re.out")
		j=$((j + 1))
	done
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
		-d '{"name":"admin","password":"password-admin"}' "$rurl/api/v1/login")
	kill -TERM $rpid
	wait $rpid
	[ "$code" = 200 ]
}
check "kill-store-serves-again" restart_killed

# --- (a) continued: the stalled connections are closed by the timeout ---
wait $SLOW_PID
check "slowloris-all-150-closed" has "$WORK/slow.out" 'closed 150'
check "slowloris-closed-by-the-30s-timeout" awk \
	'$1 == "first" && $2 < 25 { exit 1 } $1 == "last" && ($2 < 25 || $2 > 40) { exit 1 }' "$WORK/slow.out"
sed 's/^/# slowloris: /' "$WORK/slow.out"
check "slowloris-after-server-fine" is 200 "$(api admin GET /api/v1/me)"

# --- (c) a mixed read/write load: no 5xx, flat memory and descriptors ---
# wrk with four connections: of every ten requests, six list records, two
# read the scores and two update a record (each update is audited).
if command -v wrk >/dev/null; then
	cat > "$WORK/mixed.lua" <<EOF
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n5xx = 0; n4xx = 0; n = 0 end
local cookie = "tandem_session=$(awk '$6 == "tandem_session" { print $7 }' "$WORK/admin.jar")"
local csrf = "$(cat "$WORK/admin.csrf")"
function request()
	n = n + 1
	local k = n % 10
	local h = { ["Cookie"] = cookie }
	if k < 6 then
		return wrk.format("GET", "/api/v1/records/clients?limit=20", h)
	elseif k < 8 then
		return wrk.format("GET", "/api/v1/scores?year=2026&subject=contract:K1", h)
	end
	h["Content-Type"] = "application/json"
	h["X-CSRF-Token"] = csrf
	return wrk.format("PUT", "/api/v1/records/clients/C2", h,
		'{"industry":"soak ' .. n .. '"}')
end
function response(status, headers, body)
	if status >= 500 then n5xx = n5xx + 1 elseif status >= 400 then n4xx = n4xx + 1 end
end
function done(summary, latency, requests)
	local t5, t4 = 0, 0
	for _, t in ipairs(threads) do t5 = t5 + t:get("n5xx"); t4 = t4 + t:get("n4xx") end
	io.write(string.format("requests %d\n5xx %d\n4xx %d\nerrors %d\np99_ms %.1f\n",
		summary.requests, t5, t4,
		summary.errors.connect + summary.errors.read + summary.errors.write +
		summary.errors.status + summary.errors.timeout,
		latency:percentile(99) / 1000))
end
EOF
	rss() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status"; }
	fds() { ls "/proc/$SERVER_PID/fd" | wc -l; }
	# Warm-up: fills the store pool, the score cache and the allocator.
	wrk -t2 -c4 -d4s -s "$WORK/mixed.lua" "$URL" > "$WORK/warm.out" 2>&1
	sleep 0.5
	rss0=$(rss) fd0=$(fds)
	# Two equal windows: the first may still grow caches (every write
	# starts a new data version); the second must not grow: a leak grows
	# with the requests, a cache does not.
	half=$(( ${SOAK_SECONDS:-16} / 2 ))
	wrk -t2 -c4 -d"${half}s" -s "$WORK/mixed.lua" "$URL" > "$WORK/soak1.out" 2>&1
	sleep 0.5
	rss_mid=$(rss)
	wrk -t2 -c4 -d"${half}s" -s "$WORK/mixed.lua" "$URL" > "$WORK/soak.out" 2>&1
	sleep 0.5
	rss1=$(rss) fd1=$(fds)
	echo "# soak: $(tr '\n' ' ' < "$WORK/soak.out" | sed 's/.*requests \([0-9]*\)/requests \1/'); RSS ${rss0} -> ${rss_mid} -> ${rss1} KiB, fds ${fd0} -> ${fd1}"
	check "soak-requests-made" awk '$1 == "requests" && $2 > 1000 { ok = 1 } END { exit !ok }' "$WORK/soak.out"
	check "soak-no-5xx" grep -qx '5xx 0' "$WORK/soak.out"
	check "soak-no-4xx" grep -qx '4xx 0' "$WORK/soak.out"
	check "soak-no-socket-errors" grep -qx 'errors 0' "$WORK/soak.out"
	case "${BUILD:-build}" in
	*san*)
		# ASan's quarantine keeps freed memory for a while, so RSS grows
		# without a leak; LeakSanitizer checks leaks in this build.
		_n=$((_n + 1))
		echo "ok $_n - soak-rss-flat-in-second-window # SKIP under ASan" ;;
	*)
		check "soak-rss-flat-in-second-window" test "$rss1" -le $((rss_mid + 2048)) ;;
	esac
	check "soak-fds-flat" test "$fd1" -le $((fd0 + 4))
	check "soak-audit-chain-intact" "$TANDEM" audit verify --db "$DB"
	check "soak-integrity-ok" is ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')"
else
	_n=$((_n + 1))
	echo "ok $_n - soak # SKIP wrk is not installed"
fi
stop_server
