/* SPDX-License-Identifier: MIT */
/* Unit tests for src/store/blocks.c: the month-block encoding and the
 * import-time writer (merging, replacing, duplicates) on a real store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/blocks.h"
#include "test_store_fixture.h"

static day_t d(const char *s)
{
	day_t v = 0;
	assert_int_equal(date_parse(s, strlen(s), &v), 0);
	return v;
}

static void blocks_roundtrip_exact(void **state)
{
	(void)state;
	struct day_block b, back;
	unsigned char data[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = (1u << 0) | (1u << 14) | (1u << 30);
	b.touched = 1u << 14;
	b.num[0] = -5;
	b.den[0] = 1000000;
	b.num[14] = INT64_MAX;
	b.den[14] = 0;
	b.num[30] = 123456789012LL;
	b.den[30] = 7;
	size_t len = block_encode(&b, data);
	/* Scale 0 (den 7 has no decimal zeros); INT64_MAX takes 10 bytes. */
	assert_int_equal(data[0], 2);
	assert_int_equal(data[1], 0);
	assert_int_equal(block_decode(data, len, &back), 0);
	assert_int_equal(back.present, b.present);
	assert_int_equal(back.touched, b.touched);
	assert_true(back.num[0] == -5 && back.num[14] == INT64_MAX && back.num[30] == 123456789012LL);
	assert_true(back.den[0] == 1000000 && back.den[14] == 0 && back.den[30] == 7);
}

/* Whole numbers in micro-units are stored divided by 10^6: a month of
 * daily counts in the thousands takes 4-5 bytes a day, not 16. */
static void blocks_encoding_is_compact(void **state)
{
	(void)state;
	struct day_block b, back;
	unsigned char data[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = 0x7fffffffu;
	for (int i = 0; i < 31; i++) {
		b.num[i] = (1500 + i) * 1000000LL;
		b.den[i] = (2000 + 3 * i) * 1000000LL;
	}
	size_t len = block_encode(&b, data);
	assert_int_equal(data[1], 6);
	assert_int_equal(len, 2 + 5 + 1 + 31 * 4);
	assert_int_equal(block_decode(data, len, &back), 0);
	assert_memory_equal(back.num, b.num, sizeof b.num);
	assert_memory_equal(back.den, b.den, sizeof b.den);
	/* One value with a decimal lowers the scale of the whole block. */
	b.num[7] = 1500500000LL;
	len = block_encode(&b, data);
	assert_int_equal(data[1], 5);
	assert_int_equal(block_decode(data, len, &back), 0);
	assert_memory_equal(back.num, b.num, sizeof b.num);
	int64_t days;
	micro_t num, den;
	block_sums(&b, &days, &num, &den);
	assert_int_equal(days, 31);
	assert_true(num == (31 * 1500 + 465 - 7) * 1000000LL + 500000);   /* day 8 was 1507 */
	assert_true(den == (31 * 2000 + 3 * 465) * 1000000LL);
}

static void blocks_decode_rejects_damage(void **state)
{
	(void)state;
	struct day_block b, back;
	unsigned char data[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = 3;
	size_t len = block_encode(&b, data);
	assert_int_equal(block_decode(data, len, &back), 0);
	assert_int_equal(block_decode(data, len - 1, &back), -1);   /* truncated */
	assert_int_equal(block_decode(data, 3, &back), -1);
	data[0] = 1;                                                /* not format 2 */
	assert_int_equal(block_decode(data, len, &back), -1);
	data[0] = 2;
	data[1] = 7;                                                /* scale past 10^6 */
	assert_int_equal(block_decode(data, len, &back), -1);
	data[1] = 0;
	unsigned char day32[] = { 2, 0, 0x80, 0x80, 0x80, 0x80, 0x08, 0, 0, 0 };
	assert_int_equal(block_decode(day32, sizeof day32, &back), -1);
}

/* The fixed-width encoding of schema version 3, read by migration 4. */
static void blocks_decode_v3(void **state)
{
	(void)state;
	struct day_block back;
	unsigned char data[8 + 16] = { 0x02, 0, 0, 0, 0x02, 0, 0, 0 };
	data[8] = 0x40;                   /* num 0x4240 */
	data[9] = 0x42;
	data[16] = 7;                     /* den 7 */
	assert_int_equal(block_decode_v3(data, sizeof data, &back), 0);
	assert_int_equal(back.present, 2);
	assert_int_equal(back.touched, 2);
	assert_true(back.num[1] == 0x4240 && back.den[1] == 7);
	assert_int_equal(block_decode_v3(data, sizeof data - 1, &back), -1);
}

struct collected {
	char text[4096];
	size_t len;
};

static int collect(void *ctx, const char *contract, const char *metric, day_t date,
		   micro_t num, micro_t den)
{
	struct collected *c = ctx;
	char day[11];
	date_format(date, day);
	c->len += (size_t)snprintf(c->text + c->len, sizeof c->text - c->len, "%s %s %s %lld/%lld\n",
				   contract, metric, day, (long long)num, (long long)den);
	return 0;
}

static struct store *fresh_store(char *path)
{
	struct store *s = test_store_new(path, 0);
	struct buf err = BUF_INIT;
	/* Blocks reference an SLA metric (a deferred foreign key). */
	assert_int_equal(store_exec(s, "PRAGMA foreign_keys=OFF", &err), 0);
	buf_release(&err);
	return s;
}

static void blocks_writer_merges_replaces_and_finds_duplicates(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-blocks-XXXXXX";
	struct store *s = fresh_store(path);
	struct block_writer *w;
	struct buf err = BUF_INIT;
	unsigned long first = 0;
	struct collected c = { "", 0 };

	/* Batch 1: two days of one month, one day of the next, interleaved. */
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(block_writer_new(s, 1, &w, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-02"), 8, 10, 2, &first, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-04-01"), 9, 10, 3, &first, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-31"), 7, 10, 4, &first, &err), 0);
	/* The same day twice in one import: a duplicate, naming line 2. */
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-02"), 1, 1, 5, &first, &err), 1);
	assert_int_equal(first, 2);
	assert_int_equal(block_writer_flush(w, &err), 0);
	/* Still a duplicate after the block was written and reloaded. */
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-31"), 1, 1, 6, &first, &err), 1);
	assert_int_equal(first, 0);
	block_writer_free(w);
	assert_int_equal(store_commit(s, &err), 0);

	/* Batch 2 replaces a day that batch 1 wrote: not a duplicate. Its
	 * year row keeps April, whose day batch 1 marked is still not a
	 * duplicate for batch 2 after the row was written back. */
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(block_writer_new(s, 2, &w, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-02"), 6, 10, 2, &first, &err), 0);
	assert_int_equal(block_writer_flush(w, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-04-01"), 9, 10, 3, &first, &err), 0);
	assert_int_equal(block_writer_flush(w, &err), 0);
	block_writer_free(w);
	assert_int_equal(store_commit(s, &err), 0);

	assert_int_equal(blocks_each_measurement(s, collect, &c, &err), 0);
	assert_string_equal(c.text,
			    "K1 SL 2025-03-02 6/10\n"
			    "K1 SL 2025-03-31 7/10\n"
			    "K1 SL 2025-04-01 9/10\n");
	store_close(s);
	unlink(path);
	buf_release(&err);
}

static void exec_ok(struct store *s, const char *sql)
{
	struct buf err = BUF_INIT;
	if (store_exec(s, sql, &err))
		fail_msg("%s: %s", sql, err.data);
	buf_release(&err);
}

/* The header of the year row of (contract, year): its months, day counts
 * and sums, as text. */
static void year_header(struct store *s, const char *contract, int year, char *out, size_t size)
{
	struct buf err = BUF_INIT;
	struct stmt *st;
	struct year_reader r;
	struct year_month ym;
	size_t len, n = 0;
	out[0] = '\0';
	assert_int_equal(store_prepare(s, "SELECT days FROM measurement_blocks WHERE contract_id = ?"
				       " AND year = ?", &st, &err), 0);
	stmt_bind_str(st, 1, contract);
	stmt_bind_int64(st, 2, year);
	assert_int_equal(stmt_step(st), STORE_ROW);
	const unsigned char *data = stmt_blob(st, 0, &len);
	assert_int_equal(year_reader_init(&r, data, len), 0);
	int got;
	while ((got = year_reader_next(&r, &ym)) == 1)
		n += (size_t)snprintf(out + n, size - n, "%d:%lld/%lld/%lld ", ym.month, (long long)ym.days,
				      (long long)ym.num, (long long)ym.den);
	assert_int_equal(got, 0);
	stmt_finalize(st);
	buf_release(&err);
}

/* Migration 4 re-encodes the blocks of a version 3 store and fills the
 * sums; migration 5 gathers the month blocks into year rows and moves the
 * daily rows a version 1 store still holds into them. */
static void blocks_migrations_4_and_5(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-blocks-XXXXXX";
	struct store *s = fresh_store(path);
	struct buf err = BUF_INIT;
	struct collected c = { "", 0 };
	char header[256];
	int from = 0, to = 0;

	/* Back to version 3: the old table with old-format blocks (K1 SL
	 * 2025-03: day 2 = 8/10, day 31 = 7.5/1; 2025-05 and 2024-12: day 1 =
	 * 5/10), and a version 1 table of daily rows (K2 SL 2025-04-01 = 3/4). */
	exec_ok(s, "DROP TABLE measurement_blocks");
	exec_ok(s, "CREATE TABLE measurement_blocks (contract_id TEXT NOT NULL, metric TEXT NOT NULL,"
		" month TEXT NOT NULL, days BLOB NOT NULL, touched_batch INTEGER NOT NULL DEFAULT 0,"
		" PRIMARY KEY (contract_id, metric, month)) STRICT, WITHOUT ROWID");
	exec_ok(s, "INSERT INTO measurement_blocks VALUES ('K1', 'SL', '2025-03',"
		" x'0200004000000000" "0800000000000000" "0a00000000000000"
		"e070720000000000" "0100000000000000', 1)");
	exec_ok(s, "INSERT INTO measurement_blocks VALUES ('K1', 'SL', '2025-05',"
		" x'0100000000000000" "0500000000000000" "0a00000000000000', 3)");
	exec_ok(s, "INSERT INTO measurement_blocks VALUES ('K1', 'SL', '2024-12',"
		" x'0100000000000000" "0500000000000000" "0a00000000000000', 2)");
	exec_ok(s, "CREATE TABLE measurements (contract_id TEXT, metric TEXT, date TEXT,"
		" numerator INTEGER, denominator INTEGER)");
	exec_ok(s, "INSERT INTO measurements VALUES ('K2', 'SL', '2025-04-01', 3000000, 4000000)");
	exec_ok(s, "DELETE FROM schema_version WHERE version >= 4");
	/* ...and before migration 6 (the audit key). */
	exec_ok(s, "ALTER TABLE audit_log DROP COLUMN mac");
	exec_ok(s, "DROP TABLE audit_key");
	exec_ok(s, "ALTER TABLE sessions DROP COLUMN seq");
	/* ...and before migration 8 (proposed changes). */
	exec_ok(s, "DROP TABLE proposed_changes");

	assert_int_equal(store_migrate(s, &from, &to, &err), 0);
	assert_int_equal(from, 3);
	assert_int_equal(to, store_latest_version());
	assert_int_equal(blocks_each_measurement(s, collect, &c, &err), 0);
	assert_string_equal(c.text,
			    "K1 SL 2024-12-01 5/10\n"
			    "K1 SL 2025-03-02 8/10\n"
			    "K1 SL 2025-03-31 7500000/1\n"
			    "K1 SL 2025-05-01 5/10\n"
			    "K2 SL 2025-04-01 3000000/4000000\n");
	/* One row per contract, metric and year, the monthly sums in front. */
	int64_t n = 0;
	assert_int_equal(store_query_int64(s, "SELECT count(*) FROM measurement_blocks", 0, &n, &err), 0);
	assert_int_equal(n, 3);
	year_header(s, "K1", 2025, header, sizeof header);
	assert_string_equal(header, "3:2/7500008/11 5:1/5/10 ");
	year_header(s, "K1", 2024, header, sizeof header);
	assert_string_equal(header, "12:1/5/10 ");
	year_header(s, "K2", 2025, header, sizeof header);
	assert_string_equal(header, "4:1/3000000/4000000 ");
	assert_int_equal(store_query_int64(s, "SELECT touched_batch FROM measurement_blocks"
					   " WHERE contract_id = 'K1' AND year = 2025", 0, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_query_int64(s, "SELECT count(*) FROM sqlite_master"
					   " WHERE name = 'measurements'", 0, &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(s);
	unlink(path);
	buf_release(&err);
}

/* A month block replaced or emptied keeps the other months of its year
 * row; a row left without months goes. */
static void blocks_put_month_keeps_the_year(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-blocks-XXXXXX";
	struct store *s = fresh_store(path);
	struct buf err = BUF_INIT;
	struct block_writer *w;
	struct day_block b;
	unsigned long first = 0;
	char header[256];
	int64_t n = 0;

	assert_int_equal(block_writer_new(s, 1, &w, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-02"), 8, 10, 2, &first, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-07-04"), 9, 10, 3, &first, &err), 0);
	assert_int_equal(block_writer_flush(w, &err), 0);
	block_writer_free(w);

	assert_int_equal(blocks_read_month(s, "K1", "SL", month_of_ymd(2025, 7), &b, &err), 0);
	assert_int_equal(b.present, 1u << 3);
	assert_int_equal(blocks_read_month(s, "K1", "SL", month_of_ymd(2025, 8), &b, &err), 1);
	assert_int_equal(blocks_read_month(s, "K1", "SL", month_of_ymd(2024, 7), &b, &err), 1);

	assert_int_equal(blocks_read_month(s, "K1", "SL", month_of_ymd(2025, 3), &b, &err), 0);
	b.num[1] = 6;
	assert_int_equal(blocks_put_month(s, "K1", "SL", month_of_ymd(2025, 3), &b, &err), 0);
	year_header(s, "K1", 2025, header, sizeof header);
	assert_string_equal(header, "3:1/6/10 7:1/9/10 ");
	b.present = 0;
	assert_int_equal(blocks_put_month(s, "K1", "SL", month_of_ymd(2025, 3), &b, &err), 0);
	year_header(s, "K1", 2025, header, sizeof header);
	assert_string_equal(header, "7:1/9/10 ");
	assert_int_equal(blocks_put_month(s, "K1", "SL", month_of_ymd(2025, 7), &b, &err), 0);
	assert_int_equal(store_query_int64(s, "SELECT count(*) FROM measurement_blocks", 0, &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(s);
	unlink(path);
	buf_release(&err);
}

struct counted {
	size_t days;
	long long num;
};

static int count_days(void *ctx, const char *contract, const char *metric, day_t date,
		      micro_t num, micro_t den)
{
	struct counted *c = ctx;
	(void)contract;
	(void)metric;
	(void)date;
	(void)den;
	c->days++;
	c->num += num;
	return 0;
}

/* Input in date order opens more blocks than the writer keeps (8,192): the
 * first flush writes year rows with the months seen so far, and the later
 * months are merged into those rows; a day given twice is still found
 * across the flush. */
static void blocks_writer_merges_years_across_flushes(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-blocks-XXXXXX";
	struct store *s = fresh_store(path);
	struct block_writer *w;
	struct buf err = BUF_INIT;
	unsigned long first = 99, line = 2;
	struct counted c = { 0, 0 };
	char header[256];
	int64_t n = 0;

	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(block_writer_new(s, 1, &w, &err), 0);
	for (int m = 1; m <= 12; m++)
		for (int day = 1; day <= 15; day += 14)
			for (int k = 0; k < 800; k++) {
				char id[16];
				snprintf(id, sizeof id, "K%04d", k);
				assert_int_equal(block_writer_add(w, id, 5, "SL", 2, date_from_ymd(2025, m, day),
								  k + m, 10, line++, &first, &err), 0);
			}
	assert_int_equal(block_writer_add(w, "K0000", 5, "SL", 2, d("2025-01-01"), 1, 1, line, &first,
					  &err), 1);
	assert_int_equal(first, 0);
	assert_int_equal(block_writer_flush(w, &err), 0);
	block_writer_free(w);
	assert_int_equal(store_commit(s, &err), 0);

	assert_int_equal(store_query_int64(s, "SELECT count(*) FROM measurement_blocks", 0, &n, &err), 0);
	assert_int_equal(n, 800);
	assert_int_equal(blocks_each_measurement(s, count_days, &c, &err), 0);
	assert_int_equal(c.days, 800 * 12 * 2);
	/* Σ over k, m of 2 (k + m) */
	assert_true(c.num == 2LL * (12 * (799 * 800 / 2) + 800 * 78));
	year_header(s, "K0799", 2025, header, sizeof header);
	assert_string_equal(header, "1:2/1600/20 2:2/1602/20 3:2/1604/20 4:2/1606/20 5:2/1608/20"
			    " 6:2/1610/20 7:2/1612/20 8:2/1614/20 9:2/1616/20 10:2/1618/20"
			    " 11:2/1620/20 12:2/1622/20 ");
	store_close(s);
	unlink(path);
	buf_release(&err);
}

/* Blocks opened out of key order within one flush: runs of one contract
 * and metric whose metrics come in feed order (SL before AHT), a month
 * that goes back, and runs of one series that interleave across a year
 * (the writer then sorts block by block, or C0's 2025 would be written
 * twice). Rows land whole and in key order. */
static void blocks_writer_sorts_runs(void **state)
{
	(void)state;
	static const struct {
		const char *contract, *metric, *date;
	} days[] = {
		{ "C1", "SL", "2025-01-05" },  { "C1", "SL", "2025-02-05" },
		{ "C1", "SL", "2026-01-05" },  { "C1", "AHT", "2025-01-05" },
		{ "C1", "AHT", "2025-02-05" }, { "C2", "SL", "2025-03-05" },
		{ "C2", "SL", "2025-01-05" },  { "C2", "FCR", "2025-01-05" },
		{ "C0", "SL", "2025-01-05" },  { "C0", "SL", "2026-03-05" },
		{ "C2", "SL", "2025-02-05" },  { "C0", "SL", "2025-02-05" },
		{ "C0", "SL", "2025-02-06" },
	};
	char path[] = "/tmp/tandem-blocks-XXXXXX";
	struct store *s = fresh_store(path);
	struct block_writer *w;
	struct buf err = BUF_INIT;
	struct collected c = { .len = 0 };
	struct stmt *st;
	char rows[256];
	size_t n = 0;
	unsigned long first = 0;

	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(block_writer_new(s, 1, &w, &err), 0);
	for (size_t i = 0; i < sizeof days / sizeof *days; i++)
		assert_int_equal(block_writer_add(w, days[i].contract, 2, days[i].metric,
						  strlen(days[i].metric), d(days[i].date), (int64_t)i + 1,
						  10, i + 2, &first, &err), 0);
	assert_int_equal(block_writer_flush(w, &err), 0);
	block_writer_free(w);
	assert_int_equal(store_commit(s, &err), 0);

	assert_int_equal(store_prepare(s, "SELECT contract_id, metric, year FROM measurement_blocks"
				       " ORDER BY rowid", &st, &err), 0);
	while (stmt_step(st) == STORE_ROW)
		n += (size_t)snprintf(rows + n, sizeof rows - n, "%s/%s/%lld ", stmt_text(st, 0, NULL),
				      stmt_text(st, 1, NULL), (long long)stmt_int64(st, 2));
	stmt_finalize(st);
	assert_string_equal(rows, "C0/SL/2025 C0/SL/2026 C1/AHT/2025 C1/SL/2025 C1/SL/2026"
			    " C2/FCR/2025 C2/SL/2025 ");
	assert_int_equal(blocks_each_measurement(s, collect, &c, &err), 0);
	assert_string_equal(c.text,
			    "C0 SL 2025-01-05 9/10\n"
			    "C0 SL 2025-02-05 12/10\n"
			    "C0 SL 2025-02-06 13/10\n"
			    "C0 SL 2026-03-05 10/10\n"
			    "C1 AHT 2025-01-05 4/10\n"
			    "C1 AHT 2025-02-05 5/10\n"
			    "C1 SL 2025-01-05 1/10\n"
			    "C1 SL 2025-02-05 2/10\n"
			    "C1 SL 2026-01-05 3/10\n"
			    "C2 FCR 2025-01-05 8/10\n"
			    "C2 SL 2025-01-05 7/10\n"
			    "C2 SL 2025-02-05 11/10\n"
			    "C2 SL 2025-03-05 6/10\n");
	store_close(s);
	unlink(path);
	buf_release(&err);
}

/* A year row that is cut short or claims more than it holds is damaged. */
static void blocks_year_rows_reject_damage(void **state)
{
	(void)state;
	struct year_month months[12];
	unsigned char data[YEAR_MAX_BYTES], mb[BLOCK_MAX_BYTES];
	struct day_block b;
	struct year_reader r;
	struct year_month ym;

	memset(&b, 0, sizeof b);
	memset(months, 0, sizeof months);
	b.present = 1;
	b.num[0] = 5;
	b.den[0] = 10;
	months[1].month = 2;
	months[1].block = mb;
	months[1].block_len = block_encode(&b, mb);
	months[1].days = 1;
	months[1].num = 5;
	months[1].den = 10;
	size_t len = year_encode(months, data);
	assert_int_equal(year_reader_init(&r, data, len), 0);
	assert_int_equal(year_reader_next(&r, &ym), 1);
	assert_int_equal(ym.month, 2);
	assert_int_equal(ym.block_len, months[1].block_len);
	assert_int_equal(year_reader_next(&r, &ym), 0);
	for (size_t cut = 0; cut < len; cut++) {
		int got = year_reader_init(&r, data, cut);
		while (!got && (got = year_reader_next(&r, &ym)) == 1)
			got = 0;
		assert_int_equal(got, -1);
	}
	data[0] = 2;   /* a month block is not a year row */
	assert_int_equal(year_reader_init(&r, data, len), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_roundtrip_exact),
		cmocka_unit_test(blocks_encoding_is_compact),
		cmocka_unit_test(blocks_decode_rejects_damage),
		cmocka_unit_test(blocks_decode_v3),
		cmocka_unit_test(blocks_writer_merges_replaces_and_finds_duplicates),
		cmocka_unit_test(blocks_migrations_4_and_5),
		cmocka_unit_test(blocks_put_month_keeps_the_year),
		cmocka_unit_test(blocks_writer_merges_years_across_flushes),
		cmocka_unit_test(blocks_writer_sorts_runs),
		cmocka_unit_test(blocks_year_rows_reject_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
