#!/bin/sh
# Runs every test kind and prints one closing line "N passed, N failed".
#   unit:    $BUILD/tests/test_*      (cmocka, TAP output: one count per test)
#   cli:     tests/cli/*.sh           (scenario scripts; each "ok"/"not ok" line counts)
#   http:    tests/http/*.sh          (against a real server)
#   browser: tests/browser/*.mjs      (playwright-core + Debian chromium)
# Each script prints TAP-like lines "ok N - name" / "not ok N - name".
# Suites run $JOBS at a time (default 2, the machine's cores): each has its
# own temporary folder, store and loopback port, so they do not meet. The
# results are counted afterwards in a fixed order, so the summary reads the
# same whatever finished first.
set -u
BUILD=${BUILD:-build}
JOBS=${JOBS:-2}
TANDEM=$(cd "$(dirname "$0")/.." && pwd)/$BUILD/tandem
export TANDEM BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp -d)
pass=0
fail=0
count() {
	# $1: name, $2: output file, $3: exit status
	p=$(grep -c '^ok ' "$2" || true)
	f=$(grep -c '^not ok ' "$2" || true)
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $3"
	fi
	grep '^not ok ' "$2" | sed "s|^|  $1: |"
	pass=$((pass + p))
	fail=$((fail + f))
	printf '%-40s %4d passed, %d failed  %6.1f s\n' "$1" "$p" "$f" "$(awk -v ms="$4" 'BEGIN { print ms / 1000 }')"
}

# The suites, one line each: "NAME<TAB>COMMAND...". The slowest first, so
# that two lanes finish close together.
list=$log/suites
: > "$list"
add() { printf '%s\t%s\n' "$1" "$2" >> "$list"; }
for slow in torture crash postgres; do
	[ -f "$top/tests/cli/$slow.sh" ] && add "cli/$slow" "sh $top/tests/cli/$slow.sh"
done
if [ -d "$top/tests/browser/node_modules/playwright-core" ]; then
	for t in "$top"/tests/browser/*.mjs; do
		[ -f "$t" ] && add "browser/$(basename "$t" .mjs)" "node $t"
	done
fi
for kind in cli http; do
	for t in "$top"/tests/$kind/*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		case "$kind/$n" in
		*/lib|cli/torture|cli/crash|cli/postgres) continue ;;
		esac
		add "$kind/$n" "sh $t"
	done
done
for t in "$top/$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	add "unit/$(basename "$t")" "env CMOCKA_MESSAGE_OUTPUT=TAP $t"
done

# $JOBS lanes take suites from the list in order; `mkdir` is atomic, so a
# suite is claimed by exactly one lane (dash has no `wait -n`).
lane() {
	k=0
	while IFS='	' read -r name cmd; do
		k=$((k + 1))
		mkdir "$log/claim.$k" 2>/dev/null || continue
		f=$log/$(printf '%s' "$name" | tr / -)
		t0=$(date +%s%N)
		sh -c "$cmd" > "$f.out" 2>&1 < /dev/null
		echo $? > "$f.rc"
		echo $((($(date +%s%N) - t0) / 1000000)) > "$f.ms"
	done < "$list"
}
l=0
while [ "$l" -lt "$JOBS" ]; do
	lane &
	l=$((l + 1))
done
wait

# Counted in a fixed order: unit, cli, http, browser, each by name.
sort -t '	' -k1,1 "$list" | awk -F '\t' '
	$1 ~ /^unit\// { print "1\t" $1; next }
	$1 ~ /^cli\// { print "2\t" $1; next }
	$1 ~ /^http\// { print "3\t" $1; next }
	{ print "4\t" $1 }' | sort -k1,1n -k2,2 | cut -f2 > "$log/order"
while read -r name; do
	f=$log/$(printf '%s' "$name" | tr / -)
	ms=$(cat "$f.ms")
	printf '%s\t%s\n' "$ms" "$name" >> "$log/times"
	count "$name" "$f.out" "$(cat "$f.rc")" "$ms"
done < "$log/order"
# The slowest suites (wall time in their lane), to keep CI short.
sort -k1,1nr "$log/times" | head -8 | awk -F '\t' '{ printf "slowest: %-32s %6.1f s\n", $2, $1 / 1000 }'
if [ "$fail" -ne 0 ]; then
	echo "test logs kept in $log"
else
	rm -rf "$log"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
