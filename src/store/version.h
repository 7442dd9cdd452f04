/* SPDX-License-Identifier: MIT */
/* Versions of what readers cache (table data_version, schema version 3):
 * the data version, which every writer of evaluation data or models bumps
 * inside its own transaction, and the sessions version, bumped by every
 * logout, session deletion and account change. A reader in any process —
 * the web server's score and session caches above all — tells with one
 * indexed query whether what it kept is still current. A bump sets the
 * version to the larger of version + 1 and the clock in microseconds, so
 * two stores (a restored backup, a copy) practically never share a version
 * for different contents. */
#ifndef TANDEM_STORE_VERSION_H
#define TANDEM_STORE_VERSION_H

#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

/* Bumps the data version. Call it inside the writer's transaction, before
 * the commit, so the new data and the new version appear together.
 * Returns 0, or -1 with err. */
int store_bump_version(struct store *s, struct buf *err);
/* Bumps the sessions version (after a session or an account changed). */
int store_bump_sessions_version(struct store *s, struct buf *err);
/* The current data version in *out (0 before the first bump). Returns 0,
 * or -1 with err. */
int store_data_version(struct store *s, int64_t *out, struct buf *err);
/* One row of two columns, the data version and the sessions version (0
 * before a first bump): for callers that keep the query prepared. */
extern const char store_versions_sql[];

#endif
