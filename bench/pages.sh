#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/pages.sh: how fast every web page answers (issue 18: "a page under
# 50 ms on the demo store, measured, not asserted"). Makes a `tandem demo`
# store, starts `tandem serve` on loopback, logs an admin in (an admin may
# open every page), then requests every GET page of the route table
# (`tandem serve --routes`; a pattern such as /contracts/{id} with ids from
# the demo) in Korean and in English, N times each after one warm-up, and
# prints a markdown table: the first request's milliseconds (a year's
# scores are computed on the first page that needs them, then cached),
# then median, p95 and max over N more (curl's time_total, one
# connection a request), the status and the size. 2025 is frozen first, so
# /frozen verifies a real snapshot; /login is asked without a session. A route of the table that has no sample here is listed at the end,
# so the list keeps up with the router.
#   bench/pages.sh [--repeat N] [--threads T] [--year Y]
# Environment: TANDEM (default build/tandem), TANDEM_NOW (the demo's
# "today"; default 2026-11-26T09:00:00Z, so 2026 is not over).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TANDEM=${TANDEM:-$top/build/tandem}
export TANDEM_NOW="${TANDEM_NOW:-2026-11-26T09:00:00Z}"
repeat=20 threads=4 year=2025
while [ $# -gt 0 ]; do
	case $1 in
	--repeat) repeat=$2; shift ;;
	--threads) threads=$2; shift ;;
	--year) year=$2; shift ;;
	*) echo "usage: bench/pages.sh [--repeat N] [--threads T] [--year Y]" >&2; exit 2 ;;
	esac
	shift
done
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

"$TANDEM" demo --no-serve --db "$work/d.db" >/dev/null 2>&1 || { echo "tandem demo failed" >&2; exit 1; }
echo "password-bench-admin" | "$TANDEM" user add bench --role admin --password-stdin --db "$work/d.db" >/dev/null || exit 1
"$TANDEM" export --db "$work/d.db" --out "$work/csv" >/dev/null || exit 1
"$TANDEM" freeze --year "$year" --db "$work/d.db" >/dev/null 2>&1 || echo "note: could not freeze $year" >&2
"$TANDEM" serve --db "$work/d.db" --listen 127.0.0.1:0 --threads "$threads" --quiet \
	> "$work/server.out" 2> "$work/server.err" &
pid=$!
url=
for i in $(seq 100); do
	url=$(sed -n 's/^listening on //p' "$work/server.out")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { echo "the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
curl -s -c "$work/jar" -H 'Content-Type: application/json' \
	-d '{"name":"bench","password":"password-bench-admin"}' "$url/api/v1/login" > /dev/null

# Sample ids from the demo's own files.
first() { awk -F, 'NR == 2 { print $1; exit }' "$work/csv/$1.csv"; }
contract=CT16 ops_contract=CT01
person=$(awk -F, '$4 == "SALES-1" { print $1; exit }' "$work/csv/people.csv")
unit=SALES-1
proposal=$(first proposals)
versions=$("$TANDEM" model list --db "$work/d.db" | awk 'NF && $1 !~ /^(version|note:)/ && $1 ~ /^[0-9]/ { print $1 }')
v_first=$(echo "$versions" | head -1) v_last=$(echo "$versions" | tail -1)

# pattern<TAB>path (without lang); every GET page of the route table.
cat > "$work/pages" <<EOF
/	/
/alerts	/alerts?year=$year
/audit	/audit
/changes	/changes
/contracts/{id}	/contracts/$contract?year=$year
/credits	/credits?year=$year
/cycle	/cycle
/evidence/{id}/{org}/{criterion}	/evidence/$contract/sales/S2.1?year=$year
/evidence/{id}/{org}/{criterion}	/evidence/$ops_contract/operations/O1.1?year=$year
/feeds	/feeds
/frozen	/frozen?year=$year
/import	/import
/login	/login
/me	/me?year=$year
/models	/models
/models/diff	/models/diff?a=$v_first&b=$v_last
/models/edit	/models/edit
/models/edit	/models/edit?from=default&calibrate=2026&org=operations
/models/{version}	/models/$v_last
/promises	/promises?year=$year
/proposals	/proposals
/proposals/{id}	/proposals/$proposal
/records	/records
/records/{kind}	/records/contracts
/records/{kind}	/records/measurements
/records/{kind}/edit/*	/records/contracts/edit/$contract
/records/{kind}/new	/records/contracts/new
/scores	/scores?year=$year
/scores/{subject}/{id}	/scores/company/company?year=$year&org=sales
/scores/{subject}/{id}	/scores/org_unit/$unit?year=$year&org=sales
/scores/{subject}/{id}	/scores/person/$person?year=$year&org=sales
/scores/{subject}/{id}	/scores/contract/$contract?year=$year&org=sales
/scores/{subject}/{id}	/scores/contract/$ops_contract?year=$year&org=operations
/users	/users
EOF

# One request: milliseconds, status, bytes (/login without a session).
one() {
	case $1 in /login*) jar=/dev/null ;; *) jar=$work/jar ;; esac
	curl -s -o /dev/null -b "$jar" -w '%{time_total} %{http_code} %{size_download}\n' "$url$1" |
		awk '{ printf "%.3f %s %s\n", $1 * 1000, $2, $3 }'
}

echo "| page | lang | first ms | median ms | p95 ms | max ms | status | bytes |"
echo "|---|---|---:|---:|---:|---:|---|---:|"
slow=0
while IFS='	' read -r pattern path; do
	for lang in ko en; do
		case $path in *\?*) p="$path&lang=$lang" ;; *) p="$path?lang=$lang" ;; esac
		cold=$(one "$p" | cut -d' ' -f1)
		: > "$work/t"
		i=0
		while [ $i -lt "$repeat" ]; do
			one "$p" >> "$work/t"
			i=$((i + 1))
		done
		sort -n "$work/t" | awk -v page="$path" -v lang="$lang" -v cold="$cold" '
			{ ms[NR] = $1; status = $2; bytes = $3 }
			END {
				med = NR % 2 ? ms[(NR + 1) / 2] : (ms[NR / 2] + ms[NR / 2 + 1]) / 2
				k = int(0.95 * NR + 0.999999); if (k < 1) k = 1
				printf "| `%s` | %s | %.1f | %.1f | %.1f | %.1f | %s | %d |\n", page, lang, cold, med, ms[k], ms[NR], status, bytes
				if (med > 50) exit 3
			}' || slow=$((slow + 1))
	done
done < "$work/pages"

# Routes of the table with no sample above (new pages: add them).
"$TANDEM" serve --routes | awk '$1 == "GET" && $2 !~ /^\/(api|assets)\// { print $2 }' |
	grep -v -e '^/feeds/jobs/{id}$' -e '^/import/jobs/{id}$' -e '^/changes/{id}$' |
	while read -r r; do
		cut -f1 "$work/pages" | grep -qxF "$r" || echo "note: no sample for $r"
	done
echo
echo "pages with a median over 50 ms: $slow; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(job pages and /changes/{id} need a job or a proposed change first: not sampled)"
