#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/load.sh: the server under hostile and heavy load at once (issue 21
# item 4, docs/reliability.md): 8 users browsing and writing, one upload of
# a workbook that inflates to 2 GiB of whitespace, a login flood on one
# account and 300 slow connections, for SECONDS (default 20), against
# `tandem serve` on loopback over a fresh SQLite store of tests/data/small.
# Prints the ordinary users' p50/p99/max and every dropped request
# (bench/load.py), then the server's log lines that are not access lines.
#   bench/load.sh [--seconds N] [--slow N] [--flood N] [--nice N] [-- SERVE-OPTIONS...]
# (--nice: the flood and the slow connections run at that niceness, as
# attackers on other machines would not share this one's cores). Also
# prints the CPU time of the server and of the load generator.
# Environment: TANDEM (default build/tandem), TANDEM_FAST_HASH=1 for cheap
# password hashing (the figures in docs/reliability.md say which).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TANDEM=${TANDEM:-$top/build/tandem}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
args=
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	*) args="$args $1" ;;
	esac
	shift
done
db=$work/load.db
"$TANDEM" init --db "$db" >/dev/null && "$TANDEM" import --db "$db" "$top/tests/data/small" >/dev/null || exit 1
for n in u1 u2 u3 u4 u5 u6 u7 u8 uploader flood; do
	echo "password-$n" | "$TANDEM" user add "$n" --role admin --password-stdin --db "$db" >/dev/null || exit 1
done
python3 "$top/tests/data/xlsx/bomb.py" "$work/bomb.xlsx" --blank $((2 << 30)) || exit 1
: > "$work/out"
"$TANDEM" serve --db "$db" --listen 127.0.0.1:0 --quiet "$@" > "$work/out" 2> "$work/err" &
pid=$!
i=0
url=
while [ $i -lt 100 ] && [ -z "$url" ]; do
	url=$(sed -n 's/^listening on //p' "$work/out")
	sleep 0.1
	i=$((i + 1))
done
[ -n "$url" ] || { cat "$work/err"; exit 1; }
# shellcheck disable=SC2086
python3 "$top/bench/load.py" "$url" "$work/bomb.xlsx" $args
rc=$?
# The server's own CPU time over the run (user + system; /proc, Linux).
tck=$(getconf CLK_TCK)
awk -v t="$tck" '{ sub(/^.*\) /, ""); printf "server CPU: %.1f s\n", ($12 + $13) / t }' "/proc/$pid/stat" 2>/dev/null
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=
grep -v '^tandem serve: stopping' "$work/err" | sort | uniq -c | sort -rn | head -5 | sed 's/^/server: /'
exit $rc
