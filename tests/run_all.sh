#!/bin/sh
# Runs every test kind and prints one closing line "N passed, N failed".
#   unit:    $BUILD/tests/test_*      (cmocka, TAP output: one count per test)
#   cli:     tests/cli/*.sh           (scenario scripts; each "ok"/"not ok" line counts)
#   http:    tests/http/*.sh          (against a real server)
#   browser: tests/browser/*.mjs      (playwright-core + Debian chromium)
# Each script prints TAP-like lines "ok N - name" / "not ok N - name".
set -u
BUILD=${BUILD:-build}
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
	printf '%-40s %4d passed, %d failed\n' "$1" "$p" "$f"
}
for t in "$top/$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log/$n.out" 2>&1
	count "unit/$n" "$log/$n.out" $?
done
for kind in cli http; do
	for t in "$top"/tests/$kind/*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		[ "$n" = lib ] && continue
		sh "$t" > "$log/$kind-$n.out" 2>&1
		count "$kind/$n" "$log/$kind-$n.out" $?
	done
done
if [ -d "$top/tests/browser/node_modules/playwright-core" ]; then
	for t in "$top"/tests/browser/*.mjs; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .mjs)
		node "$t" > "$log/browser-$n.out" 2>&1
		count "browser/$n" "$log/browser-$n.out" $?
	done
fi
if [ "$fail" -ne 0 ]; then
	echo "test logs kept in $log"
else
	rm -rf "$log"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
