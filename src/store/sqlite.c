/* SPDX-License-Identifier: MIT */
/* The SQLite backend of the SQL wrapper: one connection in WAL mode with
 * foreign keys on; statements are thin wrappers over sqlite3_stmt. */
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#ifdef __linux__
#include <fcntl.h>
#endif

struct writeback;

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	struct writeback *wb;    /* store_writeback()'s, while it runs */
};

struct stmt {
	struct store *store;     /* first: see store.c */
	sqlite3_stmt *st;
	sqlite3 *db;
	const char *refused;     /* why step refused to run it, or NULL */
	char refused_buf[200];
};

/* SQLite may roll a transaction back by itself after an error such as
 * SQLITE_NOMEM or SQLITE_FULL; a statement run after that would commit on
 * its own, and the import would no longer be all or nothing. So once the
 * store's transaction is gone, nothing more runs in it. */
static const char lost_tx[] = "the transaction was rolled back after an earlier error";

static int tx_lost(struct store *s, sqlite3 *db)
{
	return s->in_tx && sqlite3_get_autocommit(db);
}

/* The refusal, with the error that cost the transaction when it is known. */
static const char *lost_tx_reason(struct store *s, char *buf, size_t size)
{
	if (!s->tx_failure)
		return lost_tx;
	snprintf(buf, size, "%s: %s", lost_tx, s->tx_failure);
	return buf;
}

static sqlite3 *db_of(struct store *s)
{
	return ((struct sqlite_store *)s)->db;
}

static int sq_exec(struct store *s, const char *sql, struct buf *err)
{
	char *msg = NULL;
	if (tx_lost(s, db_of(s)) && strcmp(sql, "ROLLBACK")) {
		char why[200];
		buf_addf(err, "%s: %s", s->location, lost_tx_reason(s, why, sizeof why));
		return -1;
	}
	if (sqlite3_exec(db_of(s), sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_addf(err, "%s: %s", s->location, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int sq_flush_cache(struct store *s, struct buf *err)
{
	if (sqlite3_db_cacheflush(db_of(s)) != SQLITE_OK) {
		buf_addf(err, "%s: %s", s->location, sqlite3_errmsg(db_of(s)));
		return -1;
	}
	return 0;
}

static int sq_prepare(struct store *s, const char *sql, struct stmt **out, struct buf *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_of(s), sql, -1, &st, NULL) != SQLITE_OK) {
		buf_addf(err, "%s: %s", s->location, sqlite3_errmsg(db_of(s)));
		return -1;
	}
	struct stmt *w = xcalloc(1, sizeof *w);
	w->store = s;
	w->st = st;
	w->db = db_of(s);
	*out = w;
	return 0;
}

/* Callers do not check binds (a statement they wrote cannot have a bad
 * index), so the one way a bind can fail, out of memory, must not pass
 * silently as a NULL: it is an allocation failure like any other. */
static int bind_result(int rc, size_t n)
{
	if (rc == SQLITE_NOMEM)
		alloc_failed(n);
	return rc == SQLITE_OK ? 0 : -1;
}

static int sq_bind_text(struct stmt *w, int idx, const char *s, size_t len)
{
	return bind_result(sqlite3_bind_text(w->st, idx, s, (int)len, SQLITE_TRANSIENT), len);
}

static int sq_bind_int64(struct stmt *w, int idx, int64_t v)
{
	return bind_result(sqlite3_bind_int64(w->st, idx, v), 0);
}

static int sq_bind_null(struct stmt *w, int idx)
{
	return bind_result(sqlite3_bind_null(w->st, idx), 0);
}

static int sq_step(struct stmt *w)
{
	int rc;
	if (tx_lost(w->store, w->db)) {
		w->refused = lost_tx_reason(w->store, w->refused_buf, sizeof w->refused_buf);
		return STORE_ERROR;
	}
	rc = sqlite3_step(w->st);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	return STORE_ERROR;
}

static int sq_reset(struct stmt *w)
{
	w->refused = NULL;
	sqlite3_reset(w->st);
	sqlite3_clear_bindings(w->st);
	return 0;
}

static void sq_finalize(struct stmt *w)
{
	sqlite3_finalize(w->st);
	xfree(w);
}

static int sq_column_count(struct stmt *w) { return sqlite3_column_count(w->st); }

static int sq_column_is_null(struct stmt *w, int col)
{
	return sqlite3_column_type(w->st, col) == SQLITE_NULL;
}

static const char *sq_column_text(struct stmt *w, int col, size_t *len)
{
	const char *t = (const char *)sqlite3_column_text(w->st, col);
	/* NULL is a NULL column, or a conversion that ran out of memory: that
	 * must not read as an empty text. */
	if (!t && sqlite3_errcode(w->db) == SQLITE_NOMEM &&
	    sqlite3_column_type(w->st, col) != SQLITE_NULL)
		alloc_failed(0);
	if (len)
		*len = (size_t)sqlite3_column_bytes(w->st, col);
	return t ? t : "";
}

static int64_t sq_column_int64(struct stmt *w, int col) { return sqlite3_column_int64(w->st, col); }
static int64_t sq_changes(struct stmt *w) { return sqlite3_changes(w->db); }
static const char *sq_stmt_error(struct stmt *w)
{
	return w->refused ? w->refused : sqlite3_errmsg(w->db);
}

static int sq_bind_blob(struct stmt *w, int idx, const void *data, size_t len)
{
	return bind_result(sqlite3_bind_blob(w->st, idx, data, (int)len, SQLITE_TRANSIENT), len);
}

static const unsigned char *sq_column_blob(struct stmt *w, int col, size_t *len)
{
	const unsigned char *p = sqlite3_column_blob(w->st, col);
	if (!p && sqlite3_errcode(w->db) == SQLITE_NOMEM &&
	    sqlite3_column_type(w->st, col) != SQLITE_NULL)
		alloc_failed(0);
	*len = (size_t)sqlite3_column_bytes(w->st, col);
	return p ? p : (const unsigned char *)"";
}

static int sq_writeback(struct store *s, int on);

static void sq_close(struct store *s)
{
	sqlite3_stmt *st;
	sq_writeback(s, 0);
	/* Statements are all finalized by now, unless an out-of-memory unwind
	 * cut their owners short: finalize those, or the close would fail. */
	while (db_of(s) && (st = sqlite3_next_stmt(db_of(s), NULL)))
		sqlite3_finalize(st);
	sqlite3_close(db_of(s));
	xfree(s->location);
	xfree(s);
}

/* --- writeback (store_writeback) ---------------------------------------------- */

/* A large import's WAL grows by hundreds of megabytes that the kernel
 * leaves in memory until the commit's checkpoint syncs it; the checkpoint
 * then copies as much into the database file and syncs that. Both syncs
 * wait for the disk with the import's work done (a year of 1,000 queues'
 * intervals: 0.23 s of 0.39 s of commit). A thread asks the kernel to
 * start writing both files every few milliseconds while the transaction
 * runs, so that the syncs find little left (sync_file_range() starts
 * writing, waits for nothing and makes nothing durable: that stays the
 * syncs' job, as before). */
#ifdef __linux__
struct writeback {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	int fds[2], n_fds;
};

#define WRITEBACK_EVERY_NS 5000000L

/* The descriptor SQLite's unix VFS uses for f: its file object begins
 * with the methods, the VFS, the inode's lock record and the descriptor
 * (os_unix.c's unixFile, so since 3.7). Taken only when it is the file at
 * path, else -1; never closed here (closing any descriptor of the
 * database would drop the process's locks on it). */
static int vfs_fd(sqlite3_file *f, const char *path)
{
	struct unix_head {
		const sqlite3_io_methods *methods;
		sqlite3_vfs *vfs;
		void *inode;
		int h;
	};
	struct stat a, b;
	int h;
	if (!f || !f->pMethods || !path || !*path || stat(path, &a))
		return -1;
	memcpy(&h, (const char *)f + offsetof(struct unix_head, h), sizeof h);
	if (h < 0 || fstat(h, &b) || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return -1;
	return h;
}

static void *writeback_main(void *arg)
{
	struct writeback *wb = arg;
	pthread_mutex_lock(&wb->lock);
	while (!wb->stop) {
		struct timespec until;
		pthread_mutex_unlock(&wb->lock);
		for (int i = 0; i < wb->n_fds; i++)
			sync_file_range(wb->fds[i], 0, 0, SYNC_FILE_RANGE_WRITE);
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += WRITEBACK_EVERY_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&wb->lock);
		while (!wb->stop && pthread_cond_timedwait(&wb->wake, &wb->lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&wb->lock);
	return NULL;
}

static void writeback_stop(struct sqlite_store *ss)
{
	struct writeback *wb = ss->wb;
	if (!wb)
		return;
	pthread_mutex_lock(&wb->lock);
	wb->stop = 1;
	pthread_cond_signal(&wb->wake);
	pthread_mutex_unlock(&wb->lock);
	pthread_join(wb->thread, NULL);
	pthread_cond_destroy(&wb->wake);
	pthread_mutex_destroy(&wb->lock);
	free(wb);
	ss->wb = NULL;
}

static int writeback_start(struct sqlite_store *ss)
{
	sqlite3_file *db = NULL, *wal = NULL;
	const char *path = sqlite3_db_filename(ss->db, "main");
	struct writeback *wb;
	pthread_condattr_t ca;
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	int ok;
	if (ss->wb)
		return ss->wb->n_fds;
	if (!path || !*path || !vfs || strncmp(vfs->zName, "unix", 4) || !(wb = calloc(1, sizeof *wb)))
		return 0;
	if (sqlite3_file_control(ss->db, "main", SQLITE_FCNTL_FILE_POINTER, &db) == SQLITE_OK &&
	    (wb->fds[wb->n_fds] = vfs_fd(db, path)) >= 0)
		wb->n_fds++;
	if (sqlite3_file_control(ss->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK &&
	    (wb->fds[wb->n_fds] = vfs_fd(wal, sqlite3_filename_wal(path))) >= 0)
		wb->n_fds++;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	ok = wb->n_fds && !pthread_mutex_init(&wb->lock, NULL);
	if (ok && pthread_cond_init(&wb->wake, &ca)) {
		pthread_mutex_destroy(&wb->lock);
		ok = 0;
	}
	pthread_condattr_destroy(&ca);
	if (ok && pthread_create(&wb->thread, NULL, writeback_main, wb)) {
		pthread_cond_destroy(&wb->wake);
		pthread_mutex_destroy(&wb->lock);
		ok = 0;
	}
	if (!ok) {
		free(wb);
		return 0;
	}
	ss->wb = wb;
	return wb->n_fds;
}

static int sq_writeback(struct store *s, int on)
{
	if (on)
		return writeback_start((struct sqlite_store *)s);
	writeback_stop((struct sqlite_store *)s);
	return 0;
}
#else
static int sq_writeback(struct store *s, int on)
{
	(void)s;
	(void)on;
	return 0;
}
#endif

static const struct store_ops sqlite_ops = {
	STORE_SQLITE, sq_exec, sq_prepare, sq_bind_text, sq_bind_int64, sq_bind_null,
	sq_step, sq_reset, sq_finalize, sq_column_count, sq_column_is_null,
	sq_column_text, sq_column_int64, sq_changes, sq_stmt_error, sq_close,
	sq_bind_blob, sq_column_blob, sq_flush_cache, sq_writeback,
};

/* The torture mode of base/alloc.h reaches SQLite's own allocations too:
 * SQLite reports a failure as SQLITE_NOMEM and stays usable. Each block
 * carries its size in front of it, as SQLite's default allocator does. */
static void *torture_malloc(int n)
{
	sqlite3_int64 *p = alloc_torture_fail() ? NULL : malloc((size_t)n + 8);
	if (!p)
		return NULL;
	p[0] = n;
	return p + 1;
}

static void torture_free(void *p)
{
	if (p)
		free((sqlite3_int64 *)p - 1);
}

static void *torture_realloc(void *p, int n)
{
	sqlite3_int64 *q;
	if (alloc_torture_fail())
		return NULL;
	q = realloc((sqlite3_int64 *)p - 1, (size_t)n + 8);
	if (!q)
		return NULL;
	q[0] = n;
	return q + 1;
}

static int torture_size(void *p)
{
	return p ? (int)((sqlite3_int64 *)p)[-1] : 0;
}

static int torture_roundup(int n)
{
	return (n + 7) & ~7;
}

static int torture_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void torture_shutdown(void *arg)
{
	(void)arg;
}

void store_sqlite_torture(void)
{
	static const sqlite3_mem_methods methods = {
		torture_malloc, torture_free, torture_realloc, torture_size,
		torture_roundup, torture_init, torture_shutdown, NULL,
	};
	sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

/* Before SQLite's first use: no memory statistics, which nothing reads
 * and which take a lock around every allocation (locking and unlocking
 * were 2.7% of a feed import's samples at 1,000 queues). */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_sqlite_open(const char *path, struct store **out, struct buf *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sqlite_store *s = xcalloc(1, sizeof *s);
	int rc;

	pthread_once(&once, configure);
	s->base.ops = &sqlite_ops;
	s->base.location = xstrdup(path);
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOMUTEX, NULL);
	/* From the moment there is a handle, an out-of-memory unwind (in the
	 * message below, say) closes it. */
	store_guard(&s->base);
	if (rc != SQLITE_OK) {
		buf_addf(err, "cannot open database '%s': %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(&s->base);
		return -1;
	}
	sqlite3_busy_timeout(s->db, 10000);
	/* 32 KB pages for a new store (an existing one keeps its own). An
	 * import writes every page twice (the WAL, then the checkpoint), so
	 * fewer, larger pages are less kernel and B-tree work: a feed import
	 * of a year of 1,000 queues (bench/feed, 238 MB of day rows) 2.67 ->
	 * 2.39 s (5 alternating rounds; 16 KB 2.52, 64 KB 2.36), W1 and
	 * scoring unchanged (bench/run at M). The costs: an empty store is
	 * 1.9 MB instead of 0.5, and a small write transaction ~0.4 ms more
	 * (5.0 -> 5.4 ms for a one-row import, process and all). 8 KB pages
	 * had replaced 4 KB ones for the ~1.6 KB year rows of measurements
	 * (docs/performance.md). */
	if (sq_exec(&s->base, "PRAGMA page_size=32768; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16000;"
		    "PRAGMA temp_store=FILE", err)) {
		store_close(&s->base);
		return -1;
	}
	*out = &s->base;
	return 0;
}
