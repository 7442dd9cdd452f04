#!/bin/sh
# Crash safety (issue 9): tandem import killed with SIGKILL at random
# moments leaves a store that passes PRAGMA integrity_check and holds either
# all of the import or none of it. And a full disk (RLIMIT_FSIZE) gives a
# clear error with the store intact.
. "$(dirname "$0")/lib.sh"
ROUNDS=${CRASH_ROUNDS:-24}

"$TANDEM" demo --out demo >/dev/null
rows=$(($(wc -l < demo/measurements.csv) - 1))
"$TANDEM" init >/dev/null
"$TANDEM" import "$DATA/small" >/dev/null
"$TANDEM" export --out base >/dev/null
base_rows=$(($(wc -l < base/measurements.csv) - 1))

# The kills are spread over the time one import of the demo takes here
# (~0.07 s at schema v5, longer under the sanitizers) and a quarter more,
# so that they land inside it and just past its end however fast it gets.
cp tandem.db timed.db
rm -f timed.db-wal timed.db-shm
t0=$(date +%s%N)
"$TANDEM" --db timed.db import demo >/dev/null 2>&1
t1=$(date +%s%N)
span=$(( (t1 - t0) * 5 / 4 / 1000000 ))
[ "$span" -gt 0 ] || span=1

i=0
all=0
none=0
while [ $i -lt $ROUNDS ]; do
	i=$((i + 1))
	cp tandem.db crash.db
	rm -f crash.db-wal crash.db-shm
	"$TANDEM" --db crash.db import demo >/dev/null 2>&1 &
	pid=$!
	# A pseudo-random delay within the import's time, different each round.
	ms=$(( (i * 7919 + $$) % span ))
	sleep "$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok=$(sqlite3 crash.db "PRAGMA integrity_check")
	rm -rf m && "$TANDEM" --db crash.db export measurements --out m >/dev/null 2>&1
	n=$(($(wc -l < m/measurements.csv) - 1))
	if [ "$n" -eq "$base_rows" ]; then
		none=$((none + 1))
	elif [ "$n" -eq $((base_rows + rows)) ]; then
		all=$((all + 1))
	fi
	check "crash-$i-integrity" test "$ok" = ok
	check "crash-$i-all-or-nothing" sh -c "test $n -eq $base_rows || test $n -eq $((base_rows + rows))"
done
echo "# $ROUNDS kills over ${span} ms: $none left nothing, $all left everything"

# Disk full: writing stops at 256 KB (ulimit -f counts 512-byte blocks in
# sh), well short of the ~800 KB the demo import writes; the import fails
# cleanly.
cp tandem.db full.db
rm -f full.db-wal full.db-shm
(ulimit -f 512; "$TANDEM" --db full.db import demo > full.out 2>&1)
echo $? > full.status
check "disk-full-fails" test "$(cat full.status)" -ne 0
check "disk-full-clear-error" grep -q -i -E "full|too large|disk|I/O" full.out
check "disk-full-store-intact" sh -c 'test "$(sqlite3 full.db "PRAGMA integrity_check")" = ok &&
	"$TANDEM" --db full.db export --out after-full >/dev/null && diff -r base after-full'
