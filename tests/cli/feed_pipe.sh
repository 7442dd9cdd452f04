#!/bin/sh
# SPDX-License-Identifier: MIT
# The feed import reads its files in a thread beside the one that stores
# (io/feed_pipe.c, docs/feeds.md §6). Whatever the two threads do, the
# result must be the bytes of reading in one thread (TANDEM_FEED_SERIAL=1,
# the path before): the report (problems in order, unmapped source ids),
# the exit status, the exported measurements and every stored interval.
# The generated files are longer than one hand-over batch (4,096 records),
# with problems and unmapped ids between batches, and the second of three
# files has problems: the third is never reported.
. "$(dirname "$0")/lib.sh"

cp -r "$DATA/feeds" feeds
cd feeds

fresh() {
	rm -f "$1"
	"$TANDEM" --db "$1" init >/dev/null && "$TANDEM" --db "$1" import base >/dev/null
}
# run MODE NAME FORMAT MAP FILE...: imports into NAME-MODE.db (MODE 1 reads
# in one thread) and writes NAME-MODE.out: the exit status, the report, the
# measurements and the stored intervals and tickets.
run() {
	_mode=$1 _nm=$2 _fmt=$3 _map=$4
	shift 4
	_db=$_nm-$_mode.db _out=$_nm-$_mode.out
	fresh "$_db" || return 1
	TANDEM_FEED_SERIAL=$_mode "$TANDEM" --db "$_db" feed import --format "$_fmt" --map "$_map" "$@" \
		> "$_out" 2>&1
	echo "exit $?" >> "$_out"
	rm -rf "$_db.m" && "$TANDEM" --db "$_db" export measurements --out "$_db.m" >/dev/null &&
		cat "$_db.m/measurements.csv" >> "$_out" &&
		sqlite3 "$_db" "SELECT format, source_id, day, timezone, hex(intervals), files, n_intervals, offered,
			answered, within, abandoned, short_abandoned, handled, handle_us, wait_us
			FROM feed_days ORDER BY 1, 2, 3" >> "$_out" &&
		sqlite3 "$_db" "SELECT format, ticket, source_id, breach_at, fulfill_at, end_day, met, file,
			timezone FROM feed_tickets ORDER BY 1, 2" >> "$_out"
}
# both NAME FORMAT MAP FILE...: the two ways give the same bytes.
both() {
	run 0 "$@" && run 1 "$@" && same "$1-1.out" "$1-0.out"
}

# Twenty days of 15-minute intervals for queues A and B (the map's) and Z
# (not in it): 96 starts x 3 = 288 lines a day, 5,760 in all.
awk 'BEGIN {
	print "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned"
	for (d = 1; d <= 20; d++)
		for (s = 0; s < 96; s++) {
			t = sprintf("2026-03-%02d %02d:%02d", d, int(s / 4), (s % 4) * 15)
			o = (s * 7 + d) % 40 + 10
			printf "%s,A,%d,%d,%d,%d,%d\n", t, o, o - s % 3, o - s % 3 - d % 3, s % 3, s % 2
			printf "%s,B,%d,%d,%d,%d,%d\n", t, o + 1, o - 1, o - 3, 2, s % 2
			printf "%s,Z,1,1,1,0,0\n", t
		}
}' > big.csv
# The same with problems spread over it: more than the 100 reported.
awk 'NR > 1 && NR % 37 == 0 { sub(/,[0-9]+$/, ",x") } { print }' big.csv > big-bad.csv
awk 'NR == 1 || NR % 2 == 0' big.csv > big-half.csv

check "feed-pipe-big-file-same-as-one-thread" both big intervals map-two-queues.json big.csv
check "feed-pipe-big-file-stored-every-interval" sh -c \
	'test "$(sqlite3 big-0.db "SELECT sum(n_intervals) FROM feed_days")" -eq 3840 &&
	 grep -q "source id '"'"'Z'"'"' is not in the map: 1920 intervals skipped" big-0.out'
check "feed-pipe-problems-same-order-as-one-thread" both bad intervals map-two-queues.json big-bad.csv
check "feed-pipe-problems-reported-and-counted" sh -c \
	'grep -q "^big-bad.csv:37:7: short_abandoned '"'"'x'"'"' is not a count" bad-0.out &&
	 test "$(grep -c "is not a count" bad-0.out)" -eq 100 && grep -qx "exit 1" bad-0.out'
check "feed-pipe-three-files-stop-at-the-bad-one" both three intervals map-two-queues.json \
	big-half.csv big-bad.csv big.csv
check "feed-pipe-third-file-never-reported" sh -c \
	'! grep -q "^big.csv" three-0.out && grep -q "^big-bad.csv:37:7:" three-0.out &&
	 test "$(sqlite3 three-0.db "SELECT count(*) FROM feed_days")" -eq 0'
check "feed-pipe-overlap-and-reimport-same-as-one-thread" sh -c '
	for m in 0 1; do
		rm -f over-$m.db && "$TANDEM" --db over-$m.db init >/dev/null &&
		"$TANDEM" --db over-$m.db import base >/dev/null &&
		TANDEM_FEED_SERIAL=$m "$TANDEM" --db over-$m.db feed import --format intervals \
			--map map-two-queues.json big-half.csv > over-$m.out 2>&1 &&
		TANDEM_FEED_SERIAL=$m "$TANDEM" --db over-$m.db feed import --format intervals \
			--map map-two-queues.json big.csv big-half.csv >> over-$m.out 2>&1 &&
		sqlite3 over-$m.db "SELECT source_id, day, hex(intervals), files, n_intervals FROM feed_days
			ORDER BY 1, 2" >> over-$m.out || exit 1
	done
	diff -u over-1.out over-0.out'

# Every vendor's fixture, and the bad ones.
check "feed-pipe-genesys-same" both genesys genesys-aggregates map-genesys.json genesys-0302.json \
	genesys-0302-late.json
check "feed-pipe-connect-same" both connect connect-metrics-v2 map-connect.json connect-page1.json \
	connect-page2.json
check "feed-pipe-cxone-same" both cxone cxone-skills map-cxone.json cxone-0302.json
check "feed-pipe-ucce-same" both ucce ucce-interval map-ucce.json ucce-0302.csv
check "feed-pipe-intervals-xlsx-csv-same" both ko intervals map-intervals.json intervals-ko.csv
check "feed-pipe-zendesk-same" both zendesk zendesk-sla map-zendesk.json zendesk-events.json \
	zendesk-later.json
check "feed-pipe-servicenow-same" both servicenow servicenow-task-sla map-servicenow.json \
	servicenow-task_sla.csv
check "feed-pipe-bad-genesys-same" both badg genesys-aggregates map-genesys.json bad/genesys-bad.json \
	bad/genesys-syntax.json
check "feed-pipe-bad-ucce-same" both badu ucce-interval map-ucce.json bad/ucce-bad.csv
check "feed-pipe-bad-servicenow-same" both bads servicenow-task-sla map-servicenow.json \
	bad/servicenow-bad.csv
