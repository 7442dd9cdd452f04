/* SPDX-License-Identifier: MIT */
/* What the store's unit tests share: a new SQLite store in a temporary
 * file, migrated to the newest schema (and, with its audit key, as
 * `tandem init` leaves it), its removal, and a count from one query.
 * Include after <cmocka.h>. */
#ifndef TANDEM_TEST_STORE_FIXTURE_H
#define TANDEM_TEST_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/audit.h"
#include "store/store.h"

/* path is a mkstemp template ("/tmp/tandem-x-XXXXXX"), filled in. With
 * keyed, the audit key is set up as `tandem init` does (path.key). */
static inline struct store *test_store_new(char *path, int keyed)
{
	struct store *s;
	struct buf err = BUF_INIT;
	int from, to, created;
	int64_t rekeyed;
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(path, &s, &err), 0);
	assert_int_equal(store_migrate(s, &from, &to, &err), 0);
	if (keyed && audit_key_setup(s, &created, &rekeyed, &err))
		fail_msg("%s", err.data);
	buf_release(&err);
	return s;
}

/* Removes the store file, its audit key file and SQLite's journal. */
static inline void test_store_remove(const char *path)
{
	static const char *const suffixes[] = { "", ".key", "-wal", "-shm" };
	char name[256];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* The first column of sql's first row (-1 when none). */
static inline int64_t test_count(struct store *s, const char *sql)
{
	struct buf err = BUF_INIT;
	int64_t n = -1;
	assert_int_equal(store_query_int64(s, sql, -1, &n, &err), 0);
	buf_release(&err);
	return n;
}

#endif
