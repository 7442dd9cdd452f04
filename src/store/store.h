/* SPDX-License-Identifier: MIT */
/* The one SQL wrapper. Every query in Tandem goes through store_prepare()
 * with bound parameters ('?' placeholders, numbered left to right); a
 * backend (SQLite in sqlite.c, PostgreSQL in postgres.c) sits behind a
 * function table. Text results stay valid until the next stmt_step(),
 * stmt_reset() or stmt_finalize() of that statement. */
#ifndef TANDEM_STORE_H
#define TANDEM_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum { STORE_ERROR = -1, STORE_DONE = 0, STORE_ROW = 1 };
enum store_kind { STORE_SQLITE, STORE_POSTGRES };

struct store;
struct stmt;

struct store_ops {
	enum store_kind kind;
	int (*exec)(struct store *, const char *sql, struct buf *err);
	int (*prepare)(struct store *, const char *sql, struct stmt **out, struct buf *err);
	int (*bind_text)(struct stmt *, int idx, const char *s, size_t len);
	int (*bind_int64)(struct stmt *, int idx, int64_t v);
	int (*bind_null)(struct stmt *, int idx);
	int (*step)(struct stmt *);
	int (*reset)(struct stmt *);
	void (*finalize)(struct stmt *);
	int (*column_count)(struct stmt *);
	int (*column_is_null)(struct stmt *, int col);
	const char *(*column_text)(struct stmt *, int col, size_t *len);
	int64_t (*column_int64)(struct stmt *, int col);
	int64_t (*changes)(struct stmt *);
	const char *(*stmt_error)(struct stmt *);
	void (*close)(struct store *);
	/* Binary values (measurement blocks). A backend without bind_blob gets
	 * the value as PostgreSQL's hex text ("\\x0a0b…"); column_blob must
	 * return the bytes, valid like column_text. */
	int (*bind_blob)(struct stmt *, int idx, const void *data, size_t len);
	const unsigned char *(*column_blob)(struct stmt *, int col, size_t *len);
	/* Writes the pages the open transaction changed out of the backend's
	 * page cache, still uncommitted; NULL for a backend without one. */
	int (*flush_cache)(struct store *, struct buf *err);
	/* Starts (on; returns the number of files it writes back, 0 when it
	 * cannot) or ends the background writeback of store_writeback(); NULL
	 * for a backend without one. */
	int (*writeback)(struct store *, int on);
};

struct store {
	const struct store_ops *ops;
	char *location;     /* the path or connection string, for messages */
	int in_tx;          /* open transactions: 1, or more when nested */
	/* Set by the backend when an operation failed because the database
	 * server could not be reached or dropped the connection, not because
	 * of the statement: "try again later". Whoever reads it clears it. */
	int unavailable;
	/* The first statement error in the open transaction, and the level it
	 * happened at: see store_commit. */
	char *tx_failure;
	int tx_failure_level;
	struct alloc_cleanup unwind;   /* closes it if its failure scope unwinds */
	/* The audit log's key (store/audit.h), read from its file outside the
	 * database on first use; wiped by store_close(). */
	unsigned char audit_key[32];
	int audit_key_loaded;
	/* The reason of the correction the next writes make to closed years
	 * (store/closed.h), or NULL: set by the caller for one operation. */
	const char *correction;
};

/* Opens (creating if needed) the store at url: a file path for SQLite, or
 * "postgresql://..." / "postgres://...". The caller closes it with
 * store_close(). Does not migrate; see store_migrate(). */
int store_open(const char *url, struct store **out, struct buf *err);
void store_close(struct store *s);
/* The store named by --db, else $TANDEM_DB, else "tandem.db". */
const char *store_default_url(const char *flag);

int store_exec(struct store *s, const char *sql, struct buf *err);
int store_prepare(struct store *s, const char *sql, struct stmt **out, struct buf *err);
/* Writes the pages the open transaction changed out of the page cache (to
 * SQLite's log, as the commit would; nothing is committed). For a large
 * transaction about to read back much of what it wrote: a cache full of
 * changed pages has almost no room left for reading, and nearly every page
 * read misses (docs/performance.md, the fourth round of the feed import). */
int store_flush_cache(struct store *s, struct buf *err);
/* For a transaction that writes much (an import), called once it has read
 * something: from now until it ends, the files it writes are handed to
 * the disk in the background as they grow, and so is the database file
 * while the commit copies the pages in, so that the commit's syncs find
 * little left to write. What is written, and when it is durable, do not
 * change. SQLite on Linux (the database and its WAL: returns 2);
 * elsewhere nothing (returns 0). */
int store_writeback(struct store *s);
/* Transactions nest: inside another, store_begin opens a savepoint that
 * store_commit keeps (for the outer transaction to commit) and
 * store_rollback undoes. So a function that may run inside a caller's
 * transaction must end its own exactly once, with store_commit or
 * store_rollback, never with "if (s->in_tx) store_rollback(s)" after its
 * commit, which would roll back the caller's. store_rollback_all ends every
 * level at once. */
int store_begin(struct store *s, struct buf *err);
int store_commit(struct store *s, struct buf *err);
int store_rollback(struct store *s);
int store_rollback_all(struct store *s);

int stmt_bind_text(struct stmt *st, int idx, const char *s, size_t len);
int stmt_bind_str(struct stmt *st, int idx, const char *s);   /* NULL binds NULL */
int stmt_bind_int64(struct stmt *st, int idx, int64_t v);
int stmt_bind_null(struct stmt *st, int idx);
int stmt_bind_blob(struct stmt *st, int idx, const void *data, size_t len);
const unsigned char *stmt_blob(struct stmt *st, int col, size_t *len);
int stmt_step(struct stmt *st);
int stmt_reset(struct stmt *st);
void stmt_finalize(struct stmt *st);
int stmt_column_count(struct stmt *st);
int stmt_is_null(struct stmt *st, int col);
const char *stmt_text(struct stmt *st, int col, size_t *len);
/* A copy of column col's text, NULL for SQL NULL; the caller frees it
 * (xfree). */
char *stmt_text_dup(struct stmt *st, int col);
int64_t stmt_int64(struct stmt *st, int col);
int64_t stmt_changes(struct stmt *st);
const char *stmt_error(struct stmt *st);

/* One-shot helpers: run sql with the given text parameters (NULL → NULL).
 * store_query_int64 gives the first column of the first row, or dflt. */
int store_run(struct store *s, struct buf *err, const char *sql, int n, const char *const *params);
int store_query_int64(struct store *s, const char *sql, int64_t dflt, int64_t *out, struct buf *err);

/* Schema: brings the store to the newest schema version (store/migrate.c).
 * Returns 0, or -1 with err. *from and *to say what was done. */
int store_migrate(struct store *s, int *from, int *to, struct buf *err);
int store_schema_version(struct store *s, int *version, struct buf *err);
int store_latest_version(void);

/* Backend constructors. */
/* For a backend, as soon as it has a handle: out of memory, the store is
 * closed, and so its transaction rolled back, before the failure scope
 * frees what it allocated. Undone by store_close(). */
void store_guard(struct store *s);
int store_sqlite_open(const char *path, struct store **out, struct buf *err);
int store_postgres_open(const char *url, struct store **out, struct buf *err);
/* Routes SQLite's allocations through the torture counter of base/alloc.h;
 * call before the first store is opened. */
void store_sqlite_torture(void);

#endif
