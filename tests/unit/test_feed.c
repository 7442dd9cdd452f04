/* SPDX-License-Identifier: MIT */
/* Unit tests of the feed parsers and the map (src/io/feed_*.c): timestamps
 * with offsets and in local time, local days across a DST change, the
 * map's checks, ISO-8601 durations, an interval report as an XLSX
 * workbook (written here with libxlsxwriter) and the format table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "io/feed.h"

static int64_t utc_of(const char *s, struct feed_tz *tz)
{
	int64_t t = 0;
	assert_int_equal(feed_parse_time(s, strlen(s), tz, &t), 0);
	return t;
}

static void feed_timestamps(void **state)
{
	struct feed_tz seoul;
	struct buf err = BUF_INIT;
	int64_t t;
	(void)state;
	assert_int_equal(feed_tz_init(&seoul, "Asia/Seoul", &err), 0);
	/* 2026-03-02T00:00:00Z is 1772409600. */
	assert_int_equal(utc_of("2026-03-02T00:00:00Z", &seoul), 1772409600);
	assert_int_equal(utc_of("2026-03-02T00:00:00.000Z", &seoul), 1772409600);
	assert_int_equal(utc_of("2026-03-02T09:00:00+09:00", &seoul), 1772409600);
	assert_int_equal(utc_of("2026-03-02T09:00:00+0900", &seoul), 1772409600);
	assert_int_equal(utc_of("2026-03-01T19:00:00-05:00", &seoul), 1772409600);
	/* Local time in the map's zone: Seoul is UTC+9 all year. */
	assert_int_equal(utc_of("2026-03-02 09:00:00", &seoul), 1772409600);
	assert_int_equal(utc_of("2026/03/02 09:00", &seoul), 1772409600);
	assert_int_equal(utc_of("2026-03-02", &seoul), 1772409600 - 9 * 3600);
	assert_int_equal(feed_parse_time("2026-02-30 09:00", 16, &seoul, &t), -1);
	assert_int_equal(feed_parse_time("2026-03-02 24:00", 16, &seoul, &t), -1);
	assert_int_equal(feed_parse_time("2026-03-02T09:00:00+9", 21, &seoul, &t), -1);
	assert_int_equal(feed_parse_time("yesterday", 9, &seoul, &t), -1);
	/* The local day of an instant. */
	assert_int_equal(feed_tz_day(&seoul, 1772377200 - 1), date_from_ymd(2026, 3, 1));
	assert_int_equal(feed_tz_day(&seoul, 1772377200), date_from_ymd(2026, 3, 2));
	assert_int_equal(feed_tz_day(&seoul, 1772463600 - 1), date_from_ymd(2026, 3, 2));
	assert_int_equal(feed_tz_day(&seoul, 1772463600), date_from_ymd(2026, 3, 3));
	assert_int_equal(feed_tz_init(&seoul, "Asia/Seul", &err), -1);
	assert_string_equal(err.data, "unknown time zone 'Asia/Seul' (a name of the tz database, e.g. \"Asia/Seoul\")");
	buf_reset(&err);
	assert_int_equal(feed_tz_init(&seoul, "../etc/passwd", &err), -1);
	buf_release(&err);
}

/* New York changes to daylight time at 02:00 on 8 March 2026: that day has
 * 23 hours, and the days around it start at 05:00Z and 04:00Z. */
static void feed_days_across_dst(void **state)
{
	struct feed_tz ny;
	struct buf err = BUF_INIT;
	(void)state;
	assert_int_equal(feed_tz_init(&ny, "America/New_York", &err), 0);
	int64_t mar8 = utc_of("2026-03-08T05:00:00Z", &ny), mar9 = utc_of("2026-03-09T04:00:00Z", &ny);
	assert_int_equal(feed_tz_day(&ny, mar8 - 1), date_from_ymd(2026, 3, 7));
	assert_int_equal(feed_tz_day(&ny, mar8), date_from_ymd(2026, 3, 8));
	assert_int_equal(feed_tz_day(&ny, mar9 - 1), date_from_ymd(2026, 3, 8));
	assert_int_equal(feed_tz_day(&ny, mar9), date_from_ymd(2026, 3, 9));
	/* Local wall-clock times before and after the change. */
	assert_int_equal(utc_of("2026-03-08 01:00", &ny), utc_of("2026-03-08T06:00:00Z", &ny));
	assert_int_equal(utc_of("2026-03-08 12:00", &ny), utc_of("2026-03-08T16:00:00Z", &ny));
	assert_int_equal(utc_of("2026-03-07 12:00", &ny), utc_of("2026-03-07T17:00:00Z", &ny));
	/* UTC itself. */
	struct feed_tz utc;
	assert_int_equal(feed_tz_init(&utc, "UTC", &err), 0);
	assert_int_equal(feed_tz_day(&utc, 1772409600), date_from_ymd(2026, 3, 2));
	assert_int_equal(utc_of("2026-03-02 00:00", &utc), 1772409600);
	buf_release(&err);
}

static void feed_map_checks(void **state)
{
	static const char good[] =
		"{\"timezone\": \"Asia/Seoul\", \"service_level\": {\"threshold_seconds\": 20},"
		" \"columns\": {\"offered\": \"IN\"},"
		" \"queues\": [{\"source_id\": 7, \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\"},"
		"   \"service_level\": {\"abandons\": \"ignore\"}},"
		"  {\"source_id\": \"q2\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}";
	static const char bad[] =
		"{\"timezone\": 9, \"columns\": {\"offerd\": \"IN\"}, \"queues\": ["
		" {\"source_id\": \"a\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\"}},"
		" {\"source_id\": \"b\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"handle_time\"}, \"extra\": 1}]}";
	struct feed_map *m = NULL;
	struct buf errors = BUF_INIT;
	(void)state;
	assert_int_equal(feed_map_read("MAP.json", good, sizeof good - 1, &m, &errors), 0);
	assert_string_equal(errors.data, "");
	assert_int_equal(m->n_queues, 2);
	assert_string_equal(m->queues[0].source_id, "7");
	/* The queue's own service level keeps the map's threshold. */
	assert_int_equal(m->queues[0].service_level.abandons_ignore, 1);
	assert_int_equal(m->queues[0].service_level.threshold_seconds, 20);
	assert_int_equal(m->queues[1].service_level.abandons_ignore, 0);
	assert_string_equal(m->columns[FEEDCOL_OFFERED], "IN");
	assert_ptr_equal(feed_map_queue(m, "q2", 2), &m->queues[1]);
	assert_null(feed_map_queue(m, "q", 1));
	assert_int_equal(m->queues[1].links[1].measure, MEASURE_HANDLE_TIME);
	feed_map_free(m);

	assert_int_equal(feed_map_read("MAP.json", bad, sizeof bad - 1, &m, &errors), 1);
	assert_null(m);
	assert_string_equal(errors.data,
		"MAP.json: timezone: not a string (a tz database name, e.g. \"Asia/Seoul\")\n"
		"MAP.json: columns.offerd: unknown column (expected interval_start, source_id, offered,"
		" answered, answered_within, abandoned, short_abandoned, handled, handle_seconds,"
		" answer_wait_seconds)\n"
		"MAP.json: queues[1].extra: unknown key (expected source_id, contract_id, metrics, service_level)\n"
		"MAP.json: queues[1].metrics.SL: K1 SL is 'service_level' in queues[0] but 'handle_time' here\n");
	buf_reset(&errors);
	assert_int_equal(feed_map_read("MAP.json", "[1,", 3, &m, &errors), 1);
	assert_string_equal(errors.data, "MAP.json:1:3: ']' expected near end of file\n");
	buf_release(&errors);
}

/* Queues that share a source id or a contract are found through hash
 * tables (feed_map.c, same_keys): every earlier queue is named, in the
 * map's order, as the one-by-one comparison named them. */
static void feed_map_same_keys(void **state)
{
	static const char map[] =
		"{\"timezone\": \"Asia/Seoul\", \"queues\": ["
		" {\"source_id\": \"a\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\"}},"
		" {\"source_id\": \"b\", \"contract_id\": \"K2\", \"metrics\": {\"SL\": \"handle_time\"}},"
		" {\"source_id\": \"a\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"handle_time\","
		"  \"AHT\": \"handle_time\"}},"
		" {\"source_id\": \"c\", \"contract_id\": \"K1\", \"metrics\": {\"AHT\": \"speed_of_answer\","
		"  \"SL\": \"abandon_rate\"}},"
		" {\"source_id\": \"a\", \"contract_id\": \"K2\", \"metrics\": {\"SL\": \"handle_time\"}},"
		" {\"source_id\": \"d\", \"metrics\": {\"SL\": \"handle_time\"}},"
		" {\"source_id\": \"b\", \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\"}}]}";
	struct feed_map *m = NULL;
	struct buf errors = BUF_INIT;
	(void)state;
	assert_int_equal(feed_map_read("MAP.json", map, sizeof map - 1, &m, &errors), 1);
	assert_null(m);
	assert_string_equal(errors.data,
		"MAP.json: queues[2]: source_id 'a' is mapped twice (first in queues[0])\n"
		"MAP.json: queues[4]: source_id 'a' is mapped twice (first in queues[0])\n"
		"MAP.json: queues[4]: source_id 'a' is mapped twice (first in queues[2])\n"
		"MAP.json: queues[5]: missing contract_id\n"
		"MAP.json: queues[6]: source_id 'b' is mapped twice (first in queues[1])\n"
		"MAP.json: queues[2].metrics.SL: K1 SL is 'service_level' in queues[0] but 'handle_time' here\n"
		"MAP.json: queues[3].metrics.AHT: K1 AHT is 'handle_time' in queues[2] but 'speed_of_answer' here\n"
		"MAP.json: queues[3].metrics.SL: K1 SL is 'service_level' in queues[0] but 'abandon_rate' here\n"
		"MAP.json: queues[3].metrics.SL: K1 SL is 'handle_time' in queues[2] but 'abandon_rate' here\n"
		"MAP.json: queues[6].metrics.SL: K1 SL is 'handle_time' in queues[2] but 'service_level' here\n"
		"MAP.json: queues[6].metrics.SL: K1 SL is 'abandon_rate' in queues[3] but 'service_level' here\n");
	buf_release(&errors);
}

struct collected {
	struct feed_interval iv[8];
	char ids[8][32];
	int n;
};

static int collect(void *ctx, const struct feed_interval *iv)
{
	struct collected *c = ctx;
	if (c->n >= 8)
		return 1;
	c->iv[c->n] = *iv;
	snprintf(c->ids[c->n], sizeof c->ids[0], "%.*s", (int)iv->source_len, iv->source_id);
	c->iv[c->n].source_id = c->ids[c->n];
	c->n++;
	return 0;
}

static struct feed_map *seoul_map(const char *extra)
{
	char text[1024];
	struct feed_map *m = NULL;
	struct buf errors = BUF_INIT;
	snprintf(text, sizeof text,
		 "{\"timezone\": \"Asia/Seoul\", %s \"queues\": [{\"source_id\": \"A\", \"contract_id\": \"K1\","
		 " \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}", extra);
	assert_int_equal(feed_map_read("MAP.json", text, strlen(text), &m, &errors), 0);
	buf_release(&errors);
	return m;
}

static void feed_cxone_durations(void **state)
{
	static const char json[] =
		"{\"skillSummaries\": [{\"skillId\": \"A\", \"startDate\": \"2026-03-02T00:00:00+09:00\","
		" \"contactsOffered\": 3, \"contactsHandled\": 2, \"abandonCount\": 1, \"contactsWithinSLA\": 2,"
		" \"averageHandleTime\": \"PT1H2M3.5S\", \"averageSpeedToAnswer\": 7.25},"
		" {\"skillId\": \"A\", \"startDate\": \"2026-03-03T00:00:00+09:00\", \"averageHandleTime\": \"4 minutes\"}]}";
	struct feed_map *m = seoul_map("");
	struct collected c = { .n = 0 };
	struct feed_sink sink = { &c, collect, NULL, NULL };
	struct feed_file f = { "cx.json", NULL, json, sizeof json - 1 };
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	(void)state;
	assert_int_equal(feed_format_find("cxone-skills")->parse(&f, m, &sink, &errors, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(errors.data, "cx.json: skillSummaries[1].averageHandleTime: not an ISO-8601"
			    " duration (\"PT4M5S\") or seconds\n");
	assert_int_equal(c.n, 1);
	assert_int_equal(c.iv[0].start, 1772377200);
	assert_int_equal(c.iv[0].offered, 3);
	assert_int_equal(c.iv[0].answered, 2);
	assert_int_equal(c.iv[0].abandoned, 1);
	/* 3723.5 s × 2 handled; 7.25 s × 2 answered, in micro-units. */
	assert_int_equal(c.iv[0].handle_us, 7447000000LL);
	assert_int_equal(c.iv[0].wait_us, 14500000LL);
	buf_release(&errors);
	feed_map_free(m);
}

/* An analyst's Excel interval report: Korean headers, a date-time cell,
 * seconds as numbers and as a clock text, a computed percentage column. */
static void feed_intervals_xlsx(void **state)
{
	char path[] = "/tmp/tandem-feed-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	(void)state;
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "보고서");
	lxw_format *dt = workbook_add_format(wb);
	format_set_num_format(dt, "yyyy-mm-dd hh:mm");
	const char *head[] = { "시간", "큐", "인입호", "응답호", "서비스레벨호", "포기호", "처리호",
			       "처리시간", "응답대기시간", "서비스레벨" };
	for (int i = 0; i < 10; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], NULL);
	lxw_datetime when = { 2026, 3, 2, 9, 30, 0 };
	worksheet_write_datetime(ws, 1, 0, &when, dt);
	worksheet_write_string(ws, 1, 1, "A", NULL);
	worksheet_write_number(ws, 1, 2, 100, NULL);
	worksheet_write_number(ws, 1, 3, 95, NULL);
	worksheet_write_number(ws, 1, 4, 80, NULL);
	worksheet_write_number(ws, 1, 5, 5, NULL);
	worksheet_write_number(ws, 1, 6, 95, NULL);
	worksheet_write_number(ws, 1, 7, 28500.25, NULL);
	worksheet_write_string(ws, 1, 8, "00:25:00", NULL);
	worksheet_write_number(ws, 1, 9, 0.8, NULL);
	worksheet_write_number(ws, 2, 0, 46083.4, NULL);   /* a date as a plain number: no date style */
	worksheet_write_string(ws, 2, 1, "A", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct feed_map *m = seoul_map("");
	struct collected c = { .n = 0 };
	struct feed_sink sink = { &c, collect, NULL, NULL };
	/* Read from a path, the workbook is called by it (as on the command line). */
	struct feed_file f = { path, path, NULL, 0 };
	char want[512];
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	assert_int_equal(feed_format_find("intervals")->parse(&f, m, &sink, &errors, &n), 0);
	unlink(path);
	snprintf(want, sizeof want, "%s:보고서!A3: interval start '46083.4' is not a time"
		 " (YYYY-MM-DD HH:MM[:SS], with Z or +09:00 when not local)\n", path);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.iv[0].source_id, "A");
	assert_int_equal(c.iv[0].start, 1772409600 + 1800);
	assert_int_equal(c.iv[0].offered, 100);
	assert_int_equal(c.iv[0].within, 80);
	assert_int_equal(c.iv[0].handled, 95);
	assert_int_equal(c.iv[0].handle_us, 28500250000LL);
	assert_int_equal(c.iv[0].wait_us, 1500000000LL);
	assert_int_equal(n, 1);
	assert_string_equal(errors.data, want);
	buf_release(&errors);
	feed_map_free(m);
}

/* A service level percentage is no count: the report must name one. */
static void feed_intervals_percentage_only(void **state)
{
	static const char csv[] = "시간,큐,인입호,서비스레벨,처리호,처리시간\n2026-03-02 09:00,A,10,80%,9,900\n";
	struct feed_map *m = seoul_map("");
	struct collected c = { .n = 0 };
	struct feed_sink sink = { &c, collect, NULL, NULL };
	struct feed_file f = { "r.csv", NULL, csv, sizeof csv - 1 };
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	(void)state;
	assert_int_equal(feed_format_find("intervals")->parse(&f, m, &sink, &errors, &n), 0);
	assert_int_equal(c.n, 0);
	assert_string_equal(errors.data, "r.csv:1:1: missing column answered_within (a service level"
			    " percentage cannot be summed over a day: name the column of calls answered within"
			    " the threshold, \"columns\": {\"answered_within\": ...})\n");
	buf_release(&errors);
	feed_map_free(m);
}

/* Plain lines are read in place (the lean path); a line with anything
 * else goes the ordinary way: both give the same intervals, in order, and
 * the ordinary way's messages. Lines: plain; a repeated start (remembered);
 * CRLF; a quoted id; a thousands comma; a clock duration; 7 decimals (an
 * error); a missing field (0); fractions of a second; plain again. */
static void feed_intervals_lean_and_ordinary(void **state)
{
	static const char csv[] =
		"interval_start,queue,offered,answered,answered_within,abandoned,handled,handle_seconds,answer_wait_seconds\n"
		"2026-03-02 09:00,A,10,9,8,1,9,900,45\n"
		"2026-03-02 09:00,A,1,1,1,0,1,60,2\r\n"
		"2026-03-02 09:15,\"A\",2,2,2,0,2,120,4\n"
		"2026-03-02 09:30,A,\"1,200\",1100,1000,100,1100,96000,3600\n"
		"2026-03-02 09:45,A,5,5,5,0,5,00:10:00,1:00\n"
		"2026-03-02 10:00,A,5,5,5,0,5,1.1234567,0\n"
		"2026-03-02 10:15,A,3,3,3,0,3,30\n"
		"2026-03-02 10:30,A,4,4,4,0,4,40.5,0.000001\n"
		"2026-03-02 10:45,A,6,6,6,0,6,60,6\n";
	static const int64_t want[][9] = {
		/* start offset from 09:00 (s), offered, answered, within, abandoned, handled, handle µs, wait µs */
		{ 0, 10, 9, 8, 1, 9, 900000000LL, 45000000LL },
		{ 0, 1, 1, 1, 0, 1, 60000000LL, 2000000LL },
		{ 900, 2, 2, 2, 0, 2, 120000000LL, 4000000LL },
		{ 1800, 1200, 1100, 1000, 100, 1100, 96000000000LL, 3600000000LL },
		{ 2700, 5, 5, 5, 0, 5, 600000000LL, 60000000LL },
		{ 4500, 3, 3, 3, 0, 3, 30000000LL, 0 },
		{ 5400, 4, 4, 4, 0, 4, 40500000LL, 1 },
		{ 6300, 6, 6, 6, 0, 6, 60000000LL, 6000000LL },
	};
	struct feed_map *m = seoul_map("");
	struct collected c = { .n = 0 };
	struct feed_sink sink = { &c, collect, NULL, NULL };
	struct feed_file f = { "r.csv", NULL, csv, sizeof csv - 1 };
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	(void)state;
	assert_int_equal(feed_format_find("intervals")->parse(&f, m, &sink, &errors, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(errors.data, "r.csv:7:8: handle_seconds '1.1234567' is not seconds (245.5 or"
			    " 00:04:05.5)\n");
	assert_int_equal(c.n, 8);
	for (int i = 0; i < 8; i++) {
		const struct feed_interval *iv = &c.iv[i];
		assert_string_equal(iv->source_id, "A");
		assert_int_equal(iv->start, 1772409600 + want[i][0]);
		assert_int_equal(iv->offered, want[i][1]);
		assert_int_equal(iv->answered, want[i][2]);
		assert_int_equal(iv->within, want[i][3]);
		assert_int_equal(iv->abandoned, want[i][4]);
		assert_int_equal(iv->short_abandoned, 0);
		assert_int_equal(iv->handled, want[i][5]);
		assert_int_equal(iv->handle_us, want[i][6]);
		assert_int_equal(iv->wait_us, want[i][7]);
	}
	buf_release(&errors);
	feed_map_free(m);
}

/* A Genesys response is scanned without a JSON tree when it is plain, and
 * read by the tree reader otherwise (here: a key written with an escape):
 * the same intervals either way, in the same order. Keys in any order,
 * stats the import does not use, a metric given twice (the last counts). */
static void feed_genesys_scanner_and_tree(void **state)
{
	static const char plain[] =
		"{\"results\": [{\"group\": {\"mediaType\": \"voice\", \"queueId\": \"A\"}, \"data\": [\n"
		" {\"metrics\": [{\"stats\": {\"max\": 3.5, \"count\": 10}, \"metric\": \"nOffered\"},\n"
		"   {\"metric\": \"tAnswered\", \"stats\": {\"count\": 8, \"sum\": 96001, \"min\": -1}},\n"
		"   {\"metric\": \"oServiceLevel\", \"stats\": {\"ratio\": 0.875, \"numerator\": 7, \"denominator\": 8}},\n"
		"   {\"metric\": \"tHandle\", \"stats\": {\"count\": 8, \"sum\": 2400500}},\n"
		"   {\"metric\": \"tTalk\", \"stats\": {\"count\": \"n/a\"}},\n"
		"   {\"metric\": \"nOffered\", \"stats\": {\"count\": 11}}],\n"
		"  \"interval\": \"2026-03-02T00:00:00.000Z/2026-03-02T00:15:00.000Z\", \"extra\": [true, null, {}]},\n"
		" {\"interval\": \"2026-03-02T00:15:00Z/2026-03-02T00:30:00Z\", \"metrics\": []}]},\n"
		" {\"group\": {\"queueId\": \"B\"}}], \"nextPage\": null}\n";
	char escaped[sizeof plain + 8];
	struct feed_map *m = seoul_map("");
	struct collected a = { .n = 0 }, b = { .n = 0 };
	struct feed_sink sa = { &a, collect, NULL, NULL }, sb = { &b, collect, NULL, NULL };
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	(void)state;
	/* "mediaType" -> "media\u0054ype": the same response, not plain. */
	const char *at = strstr(plain, "mediaType");
	snprintf(escaped, sizeof escaped, "%.*smedia\\u0054ype%s", (int)(at - plain), plain, at + 9);
	struct feed_file fa = { "plain.json", NULL, plain, sizeof plain - 1 };
	struct feed_file fb = { "escaped.json", NULL, escaped, strlen(escaped) };
	assert_int_equal(feed_format_find("genesys-aggregates")->parse(&fa, m, &sa, &errors, &n), 0);
	assert_int_equal(feed_format_find("genesys-aggregates")->parse(&fb, m, &sb, &errors, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(errors.data, "");
	assert_int_equal(a.n, 2);
	assert_int_equal(b.n, 2);
	for (int i = 0; i < 2; i++) {
		assert_string_equal(a.iv[i].source_id, "A");
		assert_string_equal(b.iv[i].source_id, "A");
		assert_int_equal(a.iv[i].start, 1772409600 + i * 900);   /* 00:00Z = 09:00 in Seoul */
		assert_int_equal(b.iv[i].start, a.iv[i].start);
		assert_int_equal(b.iv[i].offered, a.iv[i].offered);
		assert_int_equal(b.iv[i].answered, a.iv[i].answered);
		assert_int_equal(b.iv[i].within, a.iv[i].within);
		assert_int_equal(b.iv[i].handled, a.iv[i].handled);
		assert_int_equal(b.iv[i].handle_us, a.iv[i].handle_us);
		assert_int_equal(b.iv[i].wait_us, a.iv[i].wait_us);
	}
	assert_int_equal(a.iv[0].offered, 11);
	assert_int_equal(a.iv[0].answered, 8);
	assert_int_equal(a.iv[0].within, 7);
	assert_int_equal(a.iv[0].handled, 8);
	assert_int_equal(a.iv[0].handle_us, 2400500000LL);
	assert_int_equal(a.iv[0].wait_us, 96001000LL);
	assert_int_equal(a.iv[1].offered, 0);
	/* A sum of 19 and of 70 digits: the scanner reads at most 18 (no
	 * overflow, which the sanitizer build would catch; fuzz_feed found
	 * it) and leaves the file to the tree reader, which says where it is
	 * too big. */
	for (int digits = 19; digits <= 70; digits += 51) {
		char big[sizeof plain + 80], nines[72];
		const char *sum = strstr(plain, "96001");
		struct collected c = { .n = 0 };
		struct feed_sink sc = { &c, collect, NULL, NULL };
		memset(nines, '9', (size_t)digits);
		nines[digits] = '\0';
		snprintf(big, sizeof big, "%.*s%s%s", (int)(sum - plain), plain, nines, sum + 5);
		struct feed_file fc = { "big.json", NULL, big, strlen(big) };
		buf_reset(&errors);
		n = 0;
		assert_int_equal(feed_format_find("genesys-aggregates")->parse(&fc, m, &sc, &errors, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(c.n, 0);
		assert_string_equal(errors.data, digits == 19
				    ? "big.json:3:75: too big integer near '9999999999999999999'\n"
				    : "big.json:3:126: too big integer\n");
	}
	buf_release(&errors);
	feed_map_free(m);
}

static void feed_format_table(void **state)
{
	(void)state;
	assert_int_equal(feed_n_formats, 7);
	for (size_t i = 1; i < feed_n_formats; i++)
		assert_true(strcmp(feed_formats[i - 1].name, feed_formats[i].name) < 0);
	assert_null(feed_format_find("avaya"));
	assert_int_equal(feed_format_find("zendesk-sla")->tickets, 1);
	assert_int_equal(feed_format_find("servicenow-task-sla")->tickets, 1);
	assert_int_equal(feed_format_find("ucce-interval")->tickets, 0);
	assert_string_equal(feed_measure_name(MEASURE_SPEED_OF_ANSWER), "speed_of_answer");
	assert_null(feed_measure_name(MEASURE_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(feed_timestamps),
		cmocka_unit_test(feed_days_across_dst),
		cmocka_unit_test(feed_map_checks),
		cmocka_unit_test(feed_map_same_keys),
		cmocka_unit_test(feed_cxone_durations),
		cmocka_unit_test(feed_intervals_xlsx),
		cmocka_unit_test(feed_intervals_percentage_only),
		cmocka_unit_test(feed_intervals_lean_and_ordinary),
		cmocka_unit_test(feed_genesys_scanner_and_tree),
		cmocka_unit_test(feed_format_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
