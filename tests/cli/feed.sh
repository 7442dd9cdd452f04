#!/bin/sh
# CLI scenarios for SLA feeds (issue 19, docs/feeds.md): every format gives
# the hand-computed daily measurements of its fixture (tests/data/feeds);
# re-imports, overlapping files and any file order give the same bytes; the
# map's time zone decides the day; bad maps and files are reported exactly
# and write nothing; --dry-run and --strict do what they say.
. "$(dirname "$0")/lib.sh"

cp -r "$DATA/feeds" feeds
cd feeds
EXP=expected

# fresh DB: a store holding the base records (contracts K1, K2 and metrics).
fresh() {
	rm -f "$1"
	"$TANDEM" --db "$1" init >/dev/null && "$TANDEM" --db "$1" import base >/dev/null
}
# measurements DB OUT: the store's measurements.csv as OUT.
measurements() {
	rm -rf "$2.d" && "$TANDEM" --db "$1" export measurements --out "$2.d" >/dev/null &&
		cp "$2.d/measurements.csv" "$2"
}
# feed DB FORMAT MAP FILE...: a quiet import.
feed() {
	_db=$1 _fmt=$2 _map=$3
	shift 3
	"$TANDEM" --db "$_db" feed import --format "$_fmt" --map "$_map" "$@" >/dev/null 2>&1
}

check "feed-formats-lists-all-seven" sh -c '
	"$TANDEM" feed formats > formats.out &&
	for f in connect-metrics-v2 cxone-skills genesys-aggregates intervals servicenow-task-sla ucce-interval zendesk-sla; do
		grep -qx "$f" formats.out || { echo "missing $f"; exit 1; }
	done'
check "feed-help" sh -c '"$TANDEM" feed --help | grep -q "tandem feed import --format FORMAT --map MAP.json"'

# One vendor at a time: exact measurements, computed by hand in docs/feeds.md.
for spec in "genesys genesys-aggregates genesys-0302.json genesys-0302-late.json" \
	    "connect connect-metrics-v2 connect-page1.json connect-page2.json" \
	    "cxone cxone-skills cxone-0302.json" \
	    "ucce ucce-interval ucce-0302.csv" \
	    "intervals intervals intervals-ko.csv" \
	    "zendesk zendesk-sla zendesk-events.json zendesk-later.json" \
	    "servicenow servicenow-task-sla servicenow-task_sla.csv"; do
	set -- $spec
	name=$1 fmt=$2
	shift 2
	check "feed-$fmt-exact-measurements" sh -c '
		db=$1 name=$2 fmt=$3; shift 3
		fresh() { rm -f "$1"; "$TANDEM" --db "$1" init >/dev/null && "$TANDEM" --db "$1" import base >/dev/null; }
		fresh "$db" &&
		"$TANDEM" --db "$db" feed import --format "$fmt" --map "map-$name.json" "$@" >/dev/null 2>&1 &&
		"$TANDEM" --db "$db" export measurements --out "$db.out" >/dev/null &&
		diff -u "expected/$name.csv" "$db.out/measurements.csv"' - "$name.db" "$name" "$fmt" "$@"
done

# The same file twice, in one import or two, overlapping files, and any
# order: the bytes of importing once.
fresh once.db && feed once.db genesys-aggregates map-genesys.json genesys-0302.json genesys-0302-late.json
measurements once.db once.csv
check "feed-same-file-twice-one-import" sh -c '
	rm -f t1.db; "$TANDEM" --db t1.db init >/dev/null && "$TANDEM" --db t1.db import base >/dev/null &&
	"$TANDEM" --db t1.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302.json genesys-0302.json genesys-0302-late.json >/dev/null 2>&1 &&
	"$TANDEM" --db t1.db export measurements --out t1 >/dev/null && diff -u once.csv t1/measurements.csv'
check "feed-same-files-imported-again" sh -c '
	"$TANDEM" --db once.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302-late.json genesys-0302.json >/dev/null 2>&1 &&
	"$TANDEM" --db once.db export measurements --out t2 >/dev/null && diff -u once.csv t2/measurements.csv'
check "feed-reverse-order-separate-imports" sh -c '
	rm -f t3.db; "$TANDEM" --db t3.db init >/dev/null && "$TANDEM" --db t3.db import base >/dev/null &&
	"$TANDEM" --db t3.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302-late.json >/dev/null 2>&1 &&
	"$TANDEM" --db t3.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302.json >/dev/null 2>&1 &&
	"$TANDEM" --db t3.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302-late.json >/dev/null 2>&1 &&
	"$TANDEM" --db t3.db export measurements --out t3 >/dev/null && diff -u once.csv t3/measurements.csv'
check "feed-day-split-over-two-imports" sh -c '
	rm -f t4.db; "$TANDEM" --db t4.db init >/dev/null && "$TANDEM" --db t4.db import base >/dev/null &&
	"$TANDEM" --db t4.db feed import --format connect-metrics-v2 --map map-connect.json connect-page2.json >/dev/null 2>&1 &&
	"$TANDEM" --db t4.db feed import --format connect-metrics-v2 --map map-connect.json connect-page1.json >/dev/null 2>&1 &&
	"$TANDEM" --db t4.db export measurements --out t4 >/dev/null && diff -u expected/connect.csv t4/measurements.csv'
check "feed-tickets-order-free" sh -c '
	rm -f t5.db; "$TANDEM" --db t5.db init >/dev/null && "$TANDEM" --db t5.db import base >/dev/null &&
	"$TANDEM" --db t5.db feed import --format zendesk-sla --map map-zendesk.json zendesk-later.json >/dev/null 2>&1 &&
	"$TANDEM" --db t5.db feed import --format zendesk-sla --map map-zendesk.json zendesk-events.json zendesk-events.json >/dev/null 2>&1 &&
	"$TANDEM" --db t5.db export measurements --out t5 >/dev/null && diff -u expected/zendesk.csv t5/measurements.csv'

# A store written before format 4 keeps its days in format 3: the next
# import reads them. The row below is what the release before wrote for
# old.csv (4 intervals of queue A on 5 March); new.csv replaces 09:30 and
# adds 10:00. The result is the measurement that release gave for the two
# imports, and the bytes of importing both with this one.
printf '%s\n' "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds,Answer Wait Seconds" \
	"2026-03-05 09:00,A,20,18,15,2,1,3600,90" "2026-03-05 09:15,A,22,21,19,1,0,4200,60" \
	"2026-03-05 09:30,A,25,22,18,3,1,4400,130" "2026-03-05 09:45,A,18,18,17,0,0,3500,40" > old.csv
printf '%s\n' "Interval Start,Queue,Offered,Answered,Answered Within,Abandoned,Short Abandoned,Handle Seconds,Answer Wait Seconds" \
	"2026-03-05 09:30,A,26,24,20,2,0,4800,120" "2026-03-05 10:00,A,30,27,25,3,1,5400,100" > new.csv
check "feed-format-3-day-read-and-rewritten" sh -c '
	fresh() { rm -f "$1"; "$TANDEM" --db "$1" init >/dev/null && "$TANDEM" --db "$1" import base >/dev/null; }
	feed() { "$TANDEM" --db "$1" feed import --format intervals --map map-two-queues.json "$2" >/dev/null; }
	fresh f3.db && fresh f4.db && feed f3.db old.csv && feed f4.db old.csv &&
	test "$(sqlite3 f3.db "SELECT substr(hex(intervals), 1, 2), n_intervals, offered, handle_us FROM feed_days")" = "04|4|85|15700000000" &&
	sqlite3 f3.db "UPDATE feed_days SET intervals = X'"'"'03040684070201C0B7F00114120F020100901C5A0102161513010000E8203C0102191612030100B02282010102121211000000AC1B2801'"'"'" &&
	feed f3.db new.csv && feed f4.db new.csv &&
	"$TANDEM" --db f3.db export measurements --out f3 >/dev/null && grep 2026-03-05 f3/measurements.csv > f3.day &&
	printf "K1,ABN,2026-03-05,6,114\nK1,SL,2026-03-05,96,114\n" | diff -u - f3.day &&
	test "$(sqlite3 f3.db "SELECT substr(hex(intervals), 1, 2), n_intervals, replace(files, char(10), \"+\") FROM feed_days")" = "04|5|old.csv+new.csv" &&
	test "$(sqlite3 f3.db "SELECT hex(intervals) FROM feed_days")" = "$(sqlite3 f4.db "SELECT hex(intervals) FROM feed_days")"'

# A day left with no denominator loses its measurement.
check "feed-zeroed-interval-removes-the-day" sh -c '
	"$TANDEM" --db once.db feed import --format genesys-aggregates --map map-genesys.json genesys-zeroed.json > zeroed.out 2>&1 &&
	grep -q "0 daily measurements written, 4 removed" zeroed.out &&
	"$TANDEM" --db once.db export measurements --out t6 >/dev/null &&
	grep -v 2026-03-03 once.csv | diff -u - t6/measurements.csv'

# The map's time zone decides the day: in UTC the 00:00 Seoul interval is 1 March.
sed 's|"Asia/Seoul"|"UTC"|' map-genesys.json > map-utc.json
check "feed-timezone-day-boundary" sh -c '
	rm -f utc.db; "$TANDEM" --db utc.db init >/dev/null && "$TANDEM" --db utc.db import base >/dev/null &&
	"$TANDEM" --db utc.db feed import --format genesys-aggregates --map map-utc.json genesys-0302.json genesys-0302-late.json >/dev/null 2>&1 &&
	"$TANDEM" --db utc.db export measurements --out utc >/dev/null && diff -u expected/genesys-utc.csv utc/measurements.csv'
check "feed-timezone-change-refused" sh -c '
	"$TANDEM" --db once.db feed import --format genesys-aggregates --map map-utc.json genesys-0302.json > tz.out 2>&1; test $? -eq 1 &&
	grep -qx "map-utc.json: timezone: source id '"'"'7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10'"'"' of genesys-aggregates was imported with time zone '"'"'Asia/Seoul'"'"'; its days cannot be counted in '"'"'UTC'"'"' as well" tz.out'

# --dry-run: the count of days, nothing written (no measurement, no audit entry).
fresh dry.db
"$TANDEM" --db dry.db audit list > dry-audit-before.out
check "feed-dry-run-says-what-it-would-write" sh -c '
	"$TANDEM" --db dry.db feed import --dry-run --format genesys-aggregates --map map-genesys.json genesys-0302.json genesys-0302-late.json 2>/dev/null |
	grep -qx "6 intervals in 2 files are valid; 8 daily measurements would be written (dry run: nothing written)"'
check "feed-dry-run-writes-nothing" sh -c '
	"$TANDEM" --db dry.db export measurements --out dry >/dev/null &&
	test "$(cat dry/measurements.csv)" = "contract_id,metric,date,numerator,denominator" &&
	"$TANDEM" --db dry.db audit list | diff -u dry-audit-before.out -'

# Unmapped source ids: reported once with their count; --strict refuses.
check "feed-unmapped-reported-once" sh -c '
	"$TANDEM" --db dry.db feed import --dry-run --format genesys-aggregates --map map-genesys.json genesys-0302.json 2>&1 >/dev/null |
	diff -u - expected/unmapped.err'
check "feed-strict-refuses-unmapped" sh -c '
	"$TANDEM" --db dry.db feed import --strict --format genesys-aggregates --map map-genesys.json genesys-0302.json > strict.out 2>&1; test $? -eq 1 &&
	grep -qx "genesys-0302.json: source id '"'"'0a9d88e1-5555-4e2b-9c3d-111111111111'"'"' is not in the map: 1 interval (--strict: an error)" strict.out &&
	"$TANDEM" --db dry.db export measurements --out strict >/dev/null && test "$(wc -l < strict/measurements.csv)" -eq 1'

# Bad maps: every problem as MAP.json: path: message.
check "feed-bad-map-exact-errors" sh -c '
	"$TANDEM" --db dry.db feed import --format genesys-aggregates --map bad/map-shape.json genesys-0302.json > mapshape.out 2>&1; test $? -eq 1 &&
	diff -u expected/map-shape.err mapshape.out'
check "feed-map-against-store-exact-errors" sh -c '
	"$TANDEM" --db dry.db feed import --format genesys-aggregates --map bad/map-store.json genesys-0302.json > mapstore.out 2>&1; test $? -eq 1 &&
	diff -u expected/map-store.err mapstore.out'

# Bad files: JSON by path, CSV by line and column; nothing written.
check "feed-bad-json-exact-errors" sh -c '
	"$TANDEM" --db dry.db feed import --format genesys-aggregates --map map-genesys.json bad/genesys-bad.json bad/genesys-syntax.json genesys-0302-late.json > badjson.out 2>&1; test $? -eq 1 &&
	diff -u expected/genesys-bad.err badjson.out'
check "feed-bad-csv-exact-errors" sh -c '
	"$TANDEM" --db dry.db feed import --format ucce-interval --map map-ucce.json bad/ucce-bad.csv > badcsv.out 2>&1; test $? -eq 1 &&
	diff -u expected/ucce-bad.err badcsv.out'
check "feed-bad-files-write-nothing" sh -c '
	"$TANDEM" --db dry.db export measurements --out bad-after >/dev/null && test "$(wc -l < bad-after/measurements.csv)" -eq 1'

# The evidence: where each day came from; the import is audited.
check "feed-sources-evidence" sh -c '"$TANDEM" --db genesys.db feed sources K1 SL | diff -u expected/sources.csv -'
check "feed-import-audited" sh -c '"$TANDEM" --db utc.db audit list | grep "feed import" | grep -q "\"format\":\"genesys-aggregates\",\"map\":\"map-utc.json\""'
check "feed-audit-chain-intact" "$TANDEM" --db once.db audit verify
# Derived rows are ordinary measurements: scoring reads them.
check "feed-measurements-scored" sh -c '"$TANDEM" --db once.db score --year 2026 --format csv | grep -q "^contract,K1,sales,S2.1,"'

# The default store ($TANDEM_DB: PostgreSQL when tests/cli/postgres.sh runs
# this suite): intervals, tickets and the evidence through the same SQL.
check "feed-default-store-init" sh -c '"$TANDEM" init >/dev/null && "$TANDEM" import base >/dev/null'
check "feed-default-store-intervals-twice" sh -c '
	"$TANDEM" feed import --format genesys-aggregates --map map-genesys.json genesys-0302.json genesys-0302-late.json >/dev/null 2>&1 &&
	"$TANDEM" feed import --format genesys-aggregates --map map-genesys.json genesys-0302-late.json genesys-0302.json >/dev/null 2>&1 &&
	"$TANDEM" feed import --format zendesk-sla --map map-zendesk.json zendesk-later.json zendesk-events.json >/dev/null 2>&1 &&
	"$TANDEM" export measurements --out default-store >/dev/null &&
	cat expected/genesys.csv > want.csv && tail -n +2 expected/zendesk.csv >> want.csv &&
	diff -u want.csv default-store/measurements.csv'
check "feed-default-store-sources" sh -c '"$TANDEM" feed sources K1 SL | diff -u expected/sources.csv -'
check "feed-default-store-ticket-sources" sh -c '"$TANDEM" feed sources K2 TKT | diff -u expected/ticket-sources.csv -'

# tandem demo --out writes a sample and a map per format; each imports into
# the demo company (the intervals sample last: its day is what remains).
check "feed-demo-samples-import" sh -c '
	"$TANDEM" demo --out democsv >/dev/null && test "$(ls democsv/feeds | wc -l)" -eq 14 &&
	"$TANDEM" --db demo.db init >/dev/null && "$TANDEM" --db demo.db import democsv >/dev/null &&
	for f in genesys-aggregates:json connect-metrics-v2:json cxone-skills:json ucce-interval:csv zendesk-sla:json servicenow-task-sla:csv intervals:csv; do
		n=${f%%:*}; e=${f##*:}
		"$TANDEM" --db demo.db feed import --format $n --map democsv/feeds/$n.map.json democsv/feeds/$n.$e >/dev/null 2>&1 || { echo "$n failed"; exit 1; }
	done &&
	"$TANDEM" --db demo.db export measurements --out demo-m >/dev/null &&
	grep -qx "CT01,SL,2025-06-02,207,253" demo-m/measurements.csv &&
	grep -qx "CT01,AHT,2025-06-02,72300,245" demo-m/measurements.csv &&
	grep -qx "CT14,TAT,2025-06-02,1,2" demo-m/measurements.csv'

# A closed (frozen) year: a feed that would change one of its days is
# refused; the same data again is fine; --correction REASON applies it and
# audits the correction.
check "feed-frozen-year-same-data-ok" sh -c '
	"$TANDEM" --db genesys.db freeze --year 2026 >/dev/null 2>&1 &&
	"$TANDEM" --db genesys.db feed import --format genesys-aggregates --map map-genesys.json genesys-0302-late.json >/dev/null 2>&1'
check "feed-frozen-year-change-refused" sh -c '
	"$TANDEM" --db genesys.db feed import --format genesys-aggregates --map map-genesys.json genesys-zeroed.json > frozen.out 2>&1; test $? -eq 1 &&
	grep -qx "K1 ABN 2026-03-03: 2026 is a closed year (its results were frozen): its evidence changes only through an executive'"'"'s correction with a reason (the feed would change this day)" frozen.out &&
	test "$(grep -c "is a closed year" frozen.out)" -eq 4 &&
	"$TANDEM" --db genesys.db export measurements --out frozen-m >/dev/null && diff -u expected/genesys.csv frozen-m/measurements.csv'
check "feed-frozen-year-correction" sh -c '
	"$TANDEM" --db genesys.db feed import --correction "the CTI resent 3 March" --format genesys-aggregates --map map-genesys.json genesys-zeroed.json >/dev/null 2>&1 &&
	"$TANDEM" --db genesys.db export measurements --out corrected >/dev/null &&
	grep -v 2026-03-03 expected/genesys.csv | diff -u - corrected/measurements.csv &&
	"$TANDEM" --db genesys.db audit list | grep "	correction	measurements	2026	" | grep -q "\"reason\":\"the CTI resent 3 March\",\"rows\":4" &&
	"$TANDEM" --db genesys.db verify --year 2026 2>&1 | grep -q "the CTI resent 3 March"'

# Several queues feed one contract metric, each with its own service-level
# rule (B ignores abandons); English aliases and offset timestamps.
check "feed-two-queues-per-queue-service-level" sh -c '
	rm -f tq.db; "$TANDEM" --db tq.db init >/dev/null && "$TANDEM" --db tq.db import base >/dev/null &&
	"$TANDEM" --db tq.db feed import --format intervals --map map-two-queues.json intervals-two-queues.csv >/dev/null 2>&1 &&
	"$TANDEM" --db tq.db export measurements --out tq >/dev/null && diff -u expected/two-queues.csv tq/measurements.csv'

# More bad input, each format's own checks, exactly.
for spec in "connect-threshold connect-metrics-v2 bad/map-connect-threshold.json connect-page1.json" \
	    "cxone-two-days cxone-skills map-cxone.json bad/cxone-two-days.json" \
	    "servicenow-bad servicenow-task-sla map-servicenow.json bad/servicenow-bad.csv" \
	    "zendesk-no-policy zendesk-sla map-zendesk.json bad/zendesk-no-policy.json" \
	    "ucce-missing ucce-interval map-ucce.json bad/ucce-missing.csv"; do
	set -- $spec
	check "feed-bad-$1-exact-errors" sh -c '
		"$TANDEM" --db dry.db feed import --format "$2" --map "$3" "$4" > "$1.out" 2>&1; test $? -eq 1 &&
		diff -u "expected/$1.err" "$1.out"' - "$@"
done

# The evidence names the feeds: `tandem explain` of a measurement-based
# criterion lists, for the months it shows, each metric's days with the
# format, source id and files (English and Korean); months without feed
# days (S3.2's first three, in 2025) list none.
fresh explain.db && feed explain.db genesys-aggregates map-genesys.json genesys-0302.json genesys-0302-late.json
check "feed-explain-S3.1-names-feeds" sh -c '
	"$TANDEM" --db explain.db explain K1 S3.1 --year 2026 > explain.out &&
	sed -n "/^Daily measurements/,/^- SL/p" explain.out > explain.feeds &&
	printf "%s\n" "Daily measurements derived from SLA feeds:" \
		"- ABN 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json" \
		"- AHT 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json" \
		"- ASA 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json" \
		"- SL 2026-03-02 – 2026-03-03: 2 days from 4 intervals of genesys-aggregates, source id 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10; files: genesys-0302.json, genesys-0302-late.json" > explain.want &&
	diff -u explain.want explain.feeds'
check "feed-explain-S3.1-korean" sh -c '
	"$TANDEM" --db explain.db --lang ko explain K1 S3.1 --year 2026 | grep -qxF -- "- SL 2026-03-02 – 2026-03-03: 2일, genesys-aggregates 소스 ID 7f3c1a52-9b1e-4c8e-a1d2-0c5e2b7d9a10의 구간 4개; 파일: genesys-0302.json, genesys-0302-late.json"'
check "feed-explain-S3.2-months-without-feeds" sh -c '
	"$TANDEM" --db explain.db explain K1 S3.2 --year 2026 > explain32.out && grep -q "^month 3 (2025-05)" explain32.out &&
	! grep -q "SLA feeds" explain32.out'
check "feed-explain-tickets" sh -c '
	rm -f tk.db && "$TANDEM" --db tk.db init >/dev/null && "$TANDEM" --db tk.db import base >/dev/null &&
	"$TANDEM" --db tk.db feed import --format zendesk-sla --map map-zendesk.json zendesk-events.json zendesk-later.json >/dev/null 2>&1 &&
	"$TANDEM" --db tk.db explain K2 S3.1 --year 2026 | grep -qxF -- "- TKT 2026-03-02 – 2026-03-03: 2 days from 4 tickets of zendesk-sla, source id 360001; files: zendesk-events.json, zendesk-later.json"'

# The default store again ($TANDEM_DB: PostgreSQL under postgres.sh): a
# contract of two queues (map-two-queues.json) whose second import
# (two-queues-days2.csv, as in cli/feed_pipe.sh) gives only A, so that
# B's stored days are looked up by their key while the measurements are
# derived (store/feed_store.c, collect_written()).
check "feed-default-store-two-queues-stored-days" sh -c '
	"$TANDEM" feed import --format intervals --map map-two-queues.json two-queues-days1.csv >/dev/null 2>&1 &&
	"$TANDEM" feed import --format intervals --map map-two-queues.json two-queues-days2.csv >/dev/null 2>&1 &&
	rm -rf may-out && "$TANDEM" export measurements --out may-out >/dev/null &&
	test "$(grep "^K1,[A-Z]*,2026-05-0[1-4]," may-out/measurements.csv | sort | tr "\n" " ")" = "K1,ABN,2026-05-01,4,116 K1,ABN,2026-05-02,0,124 K1,ABN,2026-05-03,0,124 K1,ABN,2026-05-04,0,48 K1,SL,2026-05-01,92,116 K1,SL,2026-05-02,104,124 K1,SL,2026-05-03,104,124 K1,SL,2026-05-04,44,48 "'
