#!/bin/sh
# Allocation failure injection (issue 9), as curl's torture mode does it:
# each command is run once to count its allocations (TANDEM_ALLOC_COUNT=1:
# Tandem's own, jansson's, expat's and SQLite's), then again and again with
# TANDEM_ALLOC_FAIL=N making the Nth one fail. Every run must end cleanly:
#   - exit status 0, or 3 with "out of memory" said (never a signal, never
#     a bad-input status for a good input);
#   - no sanitizer report and no leak (under `make check SAN=1`, ASan's leak
#     checker runs at every exit), no file descriptor left open;
#   - a run that succeeds anyway gives the same output as the normal run;
#   - the store passes PRAGMA integrity_check and holds all of the import
#     or none of it.
# CI fails a sample of the allocations (all of the first and last 25, and
# about 150 spread between); TORTURE_STRIDE=1 fails every one of them.
. "$(dirname "$0")/lib.sh"

# The row count of every table, in one line: what "all" and "none" mean.
counts() {
	tables=$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' ORDER BY name")
	q=
	for t in $tables; do
		q="$q${q:+ UNION ALL }SELECT '$t=' || count(*) FROM \"$t\""
	done
	sqlite3 "$1" "$q" | tr '\n' ' '
}

# torture NAME STORE_TEMPLATE CMD...: runs CMD (a tandem command line, with
# the store as --db) failing allocations in turn; STORE_TEMPLATE is copied
# to a fresh store for each run. NONE and ALL are the table counts of the
# store without and with the command's changes ("" for a read-only command).
torture() {
	name=$1
	template=$2
	shift 2
	cp "$template" run.db
	TANDEM_ALLOC_COUNT=1 "$TANDEM" --db run.db "$@" > "$name.expected" 2> "$name.count"
	total=$(sed -n 's/^tandem: \([0-9]*\) allocations$/\1/p' "$name.count")
	check "$name-counted" test -n "$total"
	[ -n "$total" ] || return
	stride=${TORTURE_STRIDE:-$((total / 150 + 1))}
	bad_status= bad_message= bad_sanitizer= bad_fd= bad_output= bad_store=
	runs=0 failed=0 survived=0
	n=1
	while [ "$n" -le "$total" ]; do
		runs=$((runs + 1))
		cp "$template" run.db
		rm -f run.db-wal run.db-shm
		TANDEM_ALLOC_FAIL=$n "$TANDEM" --db run.db "$@" > out 2> err
		rc=$?
		case $rc in
		0)
			survived=$((survived + 1))
			cmp -s out "$name.expected" || bad_output="$bad_output $n"
			;;
		3)
			failed=$((failed + 1))
			grep -q "out of memory" err || bad_message="$bad_message $n"
			;;
		*)
			bad_status="$bad_status $n:$rc"
			;;
		esac
		if grep -qE "AddressSanitizer|LeakSanitizer|runtime error" err; then
			bad_sanitizer="$bad_sanitizer $n"
		fi
		grep -q "file descriptor .* left open" err && bad_fd="$bad_fd $n"
		if [ -n "$NONE" ]; then
			ok=$(sqlite3 run.db "PRAGMA integrity_check")
			c=$(counts run.db)
			if [ "$ok" != ok ]; then
				bad_store="$bad_store $n:integrity"
			elif [ "$c" != "$NONE" ] && [ "$c" != "$ALL" ]; then
				bad_store="$bad_store $n:partial"
			elif [ $rc -eq 0 ] && [ "$c" != "$ALL" ]; then
				bad_store="$bad_store $n:lost"
			fi
		fi
		if [ -n "$bad_status$bad_message$bad_sanitizer" ] && [ -z "${shown:-}" ]; then
			shown=1
			echo "# first failure, allocation $n, status $rc:"
			sed 's/^/#   /' err | head -20
		fi
		if [ "$n" -lt 25 ] || [ "$n" -ge $((total - 25)) ]; then
			n=$((n + 1))
		else
			n=$((n + stride))
			[ "$n" -ge $((total - 25)) ] && n=$((total - 25))
		fi
	done
	echo "# $name: $total allocations, $runs failed in turn: $failed ended with" \
		"out-of-memory, $survived succeeded anyway"
	check "$name-exit-0-or-3" test -z "$bad_status"
	check "$name-says-out-of-memory" test -z "$bad_message"
	check "$name-no-sanitizer-report-or-leak" test -z "$bad_sanitizer"
	check "$name-no-descriptor-left-open" test -z "$bad_fd"
	check "$name-survivors-give-the-same-output" test -z "$bad_output"
	[ -n "$NONE" ] && check "$name-store-intact-all-or-nothing" test -z "$bad_store"
	for v in bad_status bad_message bad_sanitizer bad_fd bad_output bad_store; do
		eval "l=\$$v"
		[ -n "$l" ] && echo "#   $v:$(echo "$l" | cut -c1-300)"
	done
	return 0
}

# An import of the small company (every record kind) into an empty store.
"$TANDEM" --db empty.db init >/dev/null
cp empty.db full.db
"$TANDEM" --db full.db import "$DATA/small" >/dev/null
NONE=$(counts empty.db)
ALL=$(counts full.db)
check "torture-fixture-imports" test "$NONE" != "$ALL"
torture import-csv empty.db import "$DATA/small"

# The same from an XLSX workbook (zip, expat).
"$TANDEM" --db full.db export --format xlsx --out book.xlsx >/dev/null
# The workbook has a sheet for every kind, empty ones included, and each
# sheet is an audit entry: "all" is the workbook imported, not the folder.
cp empty.db xlsx.db
"$TANDEM" --db xlsx.db import book.xlsx >/dev/null
ALL=$(counts xlsx.db)
torture import-xlsx empty.db import book.xlsx

# Scoring a year, with the evidence, from the store (read-only).
NONE= ALL=
torture score-json full.db score --year 2025 --format json
torture score-csv full.db score --year 2025 --format csv
