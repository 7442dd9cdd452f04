#!/bin/sh
# SPDX-License-Identifier: MIT
# The feed import reads its files in threads beside the one that stores
# (io/feed_pipe.c, docs/feeds.md §6): two reading threads take the files in
# turn and gather each queue's day into runs. Whatever the threads do, the
# result must be the bytes of reading in one thread (TANDEM_FEED_SERIAL=1,
# the path before), and of one reading thread (TANDEM_FEED_READERS=1): the
# report (problems in order, unmapped source ids), the exit status, the
# exported measurements and every stored interval.
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
# in one thread, r1 in one reading thread beside it, 0 in two) and writes
# NAME-MODE.out: the exit status, the report, the measurements and the
# stored intervals and tickets.
run() {
	_mode=$1 _nm=$2 _fmt=$3 _map=$4
	shift 4
	_db=$_nm-$_mode.db _out=$_nm-$_mode.out
	fresh "$_db" || return 1
	_serial=$_mode _readers=2
	[ "$_mode" = r1 ] && _serial=0 _readers=1
	TANDEM_FEED_SERIAL=$_serial TANDEM_FEED_READERS=$_readers "$TANDEM" --db "$_db" feed import \
		--format "$_fmt" --map "$_map" "$@" > "$_out" 2>&1
	echo "exit $?" >> "$_out"
	rm -rf "$_db.m" && "$TANDEM" --db "$_db" export measurements --out "$_db.m" >/dev/null &&
		cat "$_db.m/measurements.csv" >> "$_out" &&
		sqlite3 "$_db" "SELECT format, source_id, day, timezone, hex(intervals), files, n_intervals, offered,
			answered, within, abandoned, short_abandoned, handled, handle_us, wait_us
			FROM feed_days ORDER BY 1, 2, 3" >> "$_out" &&
		sqlite3 "$_db" "SELECT format, ticket, source_id, breach_at, fulfill_at, end_day, met, file,
			timezone FROM feed_tickets ORDER BY 1, 2" >> "$_out"
}
# both NAME FORMAT MAP FILE...: every way gives the same bytes: one
# thread (1), two reading threads (0, a file each in turn) and one (r1).
both() {
	run 0 "$@" && run 1 "$@" && run r1 "$@" && same "$1-1.out" "$1-0.out" && same "$1-1.out" "$1-r1.out"
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

# Intervals that do not run on: out of order, given twice (they add up),
# 5-minute steps, fractions of a second, UTC times whose Seoul day spans
# two files, and a second file that replaces part of the first. The
# reading thread gathers a queue's intervals of a day into runs
# (io/feed_pipe.c); these are the cases a run must end or not start.
awk 'BEGIN {
	print "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds" > "messy1.csv"
	n = 0
	for (h = 0; h < 72; h++)
		for (m = 0; m < 60; m += 15) {
			d = 1 + int(h / 24)
			t = sprintf("2026-03-%02dT%02d:%02d:00Z", d, h % 24, m)
			o = (h * 7 + m) % 40 + 10
			f = (h * 4 + m / 15) % 50 == 0 ? ".5" : ""
			line["A"] = sprintf("%s,A,%d,%d,%d,%d,%d,%d%s", t, o, o - 2, o - 4, 2, h % 2, o * 100, f)
			line["B"] = sprintf("%s,B,%d,%d,%d,%d,%d,%d", t, o + 1, o - 1, o - 3, 2, m % 2, o * 90)
			line["Z"] = sprintf("%s,Z,1,1,1,0,0,60", t)
			for (q in line) {
				out[++n] = line[q]
				if (q == "A" && h == 30 && m == 15)
					out[++n] = line[q]                       # given twice
			}
			if (h == 27 && m == 0)
				for (k = 5; k < 15; k += 5)                   # 5-minute steps of B
					out[++n] = sprintf("2026-03-02T03:%02d:00Z,B,3,3,3,0,0,30", k)
		}
	# Out of order: lines 400-409 after line 420.
	for (i = 1; i <= n; i++) {
		if (i >= 400 && i < 410)
			continue
		print out[i] > (i <= n * 2 / 3 ? "messy1.csv" : "messy1b.csv")
		if (i == 420)
			for (k = 400; k < 410; k++)
				print out[k] > "messy1.csv"
	}
}'
{ echo "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds"
  cat messy1b.csv; } > messy2.csv
{ head -1 messy2.csv; sed -n '1,300p' messy1b.csv | sed 's/,1,1,1,0,0,60$/,2,2,2,0,0,61/; s/^\(2026[^,]*\),A,\([0-9]*\),/\1,A,7,/'; } > messy3.csv
check "feed-pipe-runs-that-end-same-as-one-thread" both messy intervals map-two-queues.json \
	messy1.csv messy2.csv messy3.csv
check "feed-pipe-runs-over-stored-days-same-as-one-thread" sh -c '
	for m in 0 1; do
		rm -f messyo-$m.db && "$TANDEM" --db messyo-$m.db init >/dev/null &&
		"$TANDEM" --db messyo-$m.db import base >/dev/null &&
		TANDEM_FEED_SERIAL=$m "$TANDEM" --db messyo-$m.db feed import --format intervals \
			--map map-two-queues.json messy3.csv > messyo-$m.out 2>&1 &&
		TANDEM_FEED_SERIAL=$m "$TANDEM" --db messyo-$m.db feed import --format intervals \
			--map map-two-queues.json messy2.csv messy1.csv messy3.csv >> messyo-$m.out 2>&1 &&
		sqlite3 messyo-$m.db "SELECT source_id, day, hex(intervals), files, n_intervals, offered,
			handle_us FROM feed_days ORDER BY 1, 2" >> messyo-$m.out || exit 1
	done
	diff -u messyo-1.out messyo-0.out'
check "feed-pipe-runs-kept-every-interval" sh -c \
	'test "$(sqlite3 messy-0.db "SELECT count(*), sum(n_intervals) FROM feed_days")" = "8|578"'

# Values of 2^31 and more (a large queue's handle seconds, say) do not fit
# a run's int32 record: the run ends before them and they go one by one,
# with the bytes of one thread.
awk 'BEGIN {
	print "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds"
	for (s = 0; s < 96; s++) {
		t = sprintf("2026-03-05 %02d:%02d", int(s / 4), (s % 4) * 15)
		h = s == 40 ? "3000000000" : s == 41 ? "2147483647" : s == 42 ? "2147483648" : 600 + s
		o = s == 60 ? "2147483648" : 20
		printf "%s,A,%s,19,15,1,0,%s\n", t, o, h
		printf "%s,B,20,19,15,1,0,%d\n", t, 600 + s
	}
}' > wide.csv
check "feed-pipe-wide-values-same-as-one-thread" both wide intervals map-two-queues.json wide.csv
check "feed-pipe-wide-values-kept" sh -c \
	'test "$(sqlite3 wide-0.db "SELECT source_id, n_intervals, offered, handle_us FROM feed_days
		ORDER BY 1" | tr "\n" " ")" = "A|96|2147485548|7295027532000000 B|96|1920|62160000000 "'

# A run keeps 16-bit numbers until one does not fit (65,535 does, 65,536
# not): then the queue's records so far are widened to 32 bits and its
# later runs stay so. The same bytes as one thread, and the sums exact.
awk 'BEGIN {
	print "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds"
	for (d = 6; d <= 7; d++)
		for (s = 0; s < 96; s++) {
			t = sprintf("2026-03-%02d %02d:%02d", d, int(s / 4), (s % 4) * 15)
			h = d == 7 ? 600 + s : s == 30 ? 65535 : s == 50 ? 65536 : s == 70 ? 100000 : 600 + s
			o = d == 6 && s == 80 ? 70000 : 20
			printf "%s,A,%d,19,15,1,0,%d\n", t, o, h
			printf "%s,B,20,19,15,1,0,%d\n", t, 600 + s
		}
}' > widen.csv
check "feed-pipe-widened-runs-same-as-one-thread" both widen intervals map-two-queues.json widen.csv
check "feed-pipe-widened-runs-exact" sh -c \
	'test "$(sqlite3 widen-0.db "SELECT source_id, day, n_intervals, offered, handle_us FROM feed_days
		ORDER BY 1, 2" | tr "\n" " ")" = "A|2026-03-06|96|71900|291281000000 A|2026-03-07|96|1920|62160000000 B|2026-03-06|96|1920|62160000000 B|2026-03-07|96|1920|62160000000 "'

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

# The derivation takes the days an import wrote from its own notes when a
# queue is alone in its contract (store/feed_store.c, "the day totals
# written"): the last 32 per queue in memory, older ones in a temporary
# file. A queue of 4,200 daily intervals fills more than the 4,096 open
# rows, so its oldest days are written, and days 2015-01-01 and -02, given
# again at noon in the second file, are written twice. The notes must give
# the measurements of reading the rows back, which the import does when
# the temporary file cannot be made (TMPDIR not a folder) or when a
# contract has several queues, and those of one thread.
awk 'BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
	h = "interval_start,queue,offered,answered,answered_within,abandoned,short_abandoned,handled,handle_seconds,answer_wait_seconds"
	print h > "days1.csv"
	print h > "days2.csv"
	y = 2015; m = 1; d = 1
	for (i = 0; i < 4200; i++) {
		o = 10 + i % 7
		printf "%d-%02d-%02d 00:00,A,%d,%d,%d,1,0,%d,%d,%d\n", y, m, d, o, o - 1, o - 2, o - 1,
			180 * (o - 1), 9 * (o - 1) > "days1.csv"
		if (i == 0 || i == 1 || i == 2100 || i == 4199)
			printf "%d-%02d-%02d 12:00,A,20,20,16,0,0,20,3000,100\n", y, m, d > "days2.csv"
		if (++d > ml[m] + (m == 2 && y % 4 == 0)) {
			d = 1
			if (++m > 12) { m = 1; y++ }
		}
	}
}'
cat > map-one-queue.json <<'MAP'
{"timezone": "Asia/Seoul", "service_level": {"threshold_seconds": 20},
 "queues": [{"source_id": "A", "contract_id": "K1",
             "metrics": {"SL": "service_level", "AHT": "handle_time", "ABN": "abandon_rate",
                         "ASA": "speed_of_answer"}}]}
MAP
mkdir -p notmp && : > notmp/file
check "feed-derive-notes-same-as-reading-back" sh -c '
	for v in notes readback serial; do
		rm -f days-$v.db && "$TANDEM" --db days-$v.db init >/dev/null &&
		"$TANDEM" --db days-$v.db import base >/dev/null || exit 1
	done
	"$TANDEM" --db days-notes.db feed import --format intervals --map map-one-queue.json \
		days1.csv days2.csv > days-notes.out 2>&1 &&
	TMPDIR=$PWD/notmp/file "$TANDEM" --db days-readback.db feed import --format intervals \
		--map map-one-queue.json days1.csv days2.csv > days-readback.out 2>&1 &&
	TANDEM_FEED_SERIAL=1 "$TANDEM" --db days-serial.db feed import --format intervals \
		--map map-one-queue.json days1.csv days2.csv > days-serial.out 2>&1 || exit 1
	for v in notes readback serial; do
		rm -rf days-$v.m && "$TANDEM" --db days-$v.db export measurements --out days-$v.m >/dev/null &&
		cat days-$v.m/measurements.csv >> days-$v.out || exit 1
	done
	diff -u days-readback.out days-notes.out && diff -u days-serial.out days-notes.out'
check "feed-derive-notes-exact" sh -c '
	grep -q "^imported 4204 intervals from 2 files: 16800 daily measurements written, 0 removed" days-notes.out &&
	test "$(grep -c "^K1," days-notes.m/measurements.csv)" -eq 16800 &&
	test "$(grep -E "^K1,[A-Z]+,(2015-01-01|2020-10-01|2026-07-01)," days-notes.m/measurements.csv |
		sort | tr "\n" " ")" = "K1,ABN,2015-01-01,1,30 K1,ABN,2020-10-01,1,30 K1,ABN,2026-07-01,1,36 K1,AHT,2015-01-01,4620,29 K1,AHT,2020-10-01,4620,29 K1,AHT,2026-07-01,5700,35 K1,ASA,2015-01-01,181,29 K1,ASA,2020-10-01,181,29 K1,ASA,2026-07-01,235,35 K1,SL,2015-01-01,24,30 K1,SL,2020-10-01,24,30 K1,SL,2026-07-01,30,36 "'

# A contract fed by two queues (A and B of map-two-queues.json): a second
# import (two-queues-days2.csv after -days1.csv) gives A's days 2 to 4 and
# nothing of B. The notes hold A's days; B's stored days 2 and 3 are
# looked up by their key and added, day 4 has none. The same bytes as
# reading every row back (TANDEM_FEED_NOTES=0: these notes never leave
# memory, so no temporary file can fail), and the exact sums.
check "feed-derive-notes-two-queues-same-as-reading-back" sh -c '
	for v in notes readback; do
		rm -f two-$v.db && "$TANDEM" --db two-$v.db init >/dev/null &&
		"$TANDEM" --db two-$v.db import base >/dev/null &&
		"$TANDEM" --db two-$v.db feed import --format intervals --map map-two-queues.json \
			two-queues-days1.csv > two-$v.out 2>&1 || exit 1
	done
	"$TANDEM" --db two-notes.db feed import --format intervals --map map-two-queues.json two-queues-days2.csv \
		>> two-notes.out 2>&1 &&
	TANDEM_FEED_NOTES=0 "$TANDEM" --db two-readback.db feed import --format intervals \
		--map map-two-queues.json two-queues-days2.csv >> two-readback.out 2>&1 || exit 1
	for v in notes readback; do
		rm -rf two-$v.m && "$TANDEM" --db two-$v.db export measurements --out two-$v.m >/dev/null &&
		cat two-$v.m/measurements.csv >> two-$v.out || exit 1
	done
	diff -u two-readback.out two-notes.out'
check "feed-derive-notes-two-queues-exact" sh -c '
	test "$(grep "^K1,[A-Z]*,2026-05-0[1-4]," two-notes.m/measurements.csv | sort | tr "\n" " ")" = "K1,ABN,2026-05-01,4,116 K1,ABN,2026-05-02,0,124 K1,ABN,2026-05-03,0,124 K1,ABN,2026-05-04,0,48 K1,SL,2026-05-01,92,116 K1,SL,2026-05-02,104,124 K1,SL,2026-05-03,104,124 K1,SL,2026-05-04,44,48 "'
