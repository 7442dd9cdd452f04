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
	assert_int_equal(len, 8 + 3 * 16);
	assert_int_equal(block_decode(data, len, &back), 0);
	assert_int_equal(back.present, b.present);
	assert_int_equal(back.touched, b.touched);
	assert_true(back.num[0] == -5 && back.num[14] == INT64_MAX && back.num[30] == 123456789012LL);
	assert_true(back.den[0] == 1000000 && back.den[14] == 0 && back.den[30] == 7);
}

static void blocks_decode_rejects_damage(void **state)
{
	(void)state;
	struct day_block b, back;
	unsigned char data[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = 3;
	size_t len = block_encode(&b, data);
	assert_int_equal(block_decode(data, len - 1, &back), -1);   /* truncated */
	assert_int_equal(block_decode(data, 4, &back), -1);
	data[3] = 0x80;                                             /* day 32 */
	assert_int_equal(block_decode(data, len, &back), -1);
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
	struct store *s;
	struct buf err = BUF_INIT;
	int from, to;
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(path, &s, &err), 0);
	assert_int_equal(store_migrate(s, &from, &to, &err), 0);
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

	/* Batch 2 replaces a day that batch 1 wrote: not a duplicate. */
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(block_writer_new(s, 2, &w, &err), 0);
	assert_int_equal(block_writer_add(w, "K1", 2, "SL", 2, d("2025-03-02"), 6, 10, 2, &first, &err), 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_roundtrip_exact),
		cmocka_unit_test(blocks_decode_rejects_damage),
		cmocka_unit_test(blocks_writer_merges_replaces_and_finds_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
