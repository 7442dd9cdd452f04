/* SPDX-License-Identifier: MIT */
/* Backups and whole-store copies (backup.h). The SQLite side talks to
 * sqlite3 directly, on connections of its own, because the backup API works
 * on files, not on statements; the copy goes through the SQL wrapper and
 * finds the tables and columns in each store's catalog, so a table a later
 * migration adds is copied without a change here. */
#include "store/backup.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a backup waits for a writer that holds the file (SQLITE_BUSY). */
#define BUSY_WAIT_MS 30000
/* Parameters of one multi-row INSERT of the copy (SQLite allows 32766,
 * PostgreSQL 65535; fewer keep the statements small). */
#define PARAMS_PER_INSERT 500

/* --- SQLite files ---------------------------------------------------------- */

static int open_file(const char *path, int flags, sqlite3 **db, struct buf *err)
{
	if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
		buf_addf(err, "cannot open '%s': %s", path, *db ? sqlite3_errmsg(*db) : "out of memory");
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(*db, BUSY_WAIT_MS);
	return 0;
}

/* Runs one statement and gives the first column of its first row (a copy
 * the caller frees, or NULL when there is no row). */
static int query_text(sqlite3 *db, const char *path, const char *sql, char **out, struct buf *err)
{
	sqlite3_stmt *st;
	int rc;
	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		buf_addf(err, "%s: %s", path, sqlite3_errmsg(db));
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = xstrdup((const char *)sqlite3_column_text(st, 0));
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		buf_addf(err, "%s: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int quick_check(sqlite3 *db, const char *path, struct buf *err)
{
	char *result;
	if (query_text(db, path, "PRAGMA quick_check", &result, err))
		return -1;
	if (!result || strcmp(result, "ok")) {
		buf_addf(err, "%s: the file is damaged (quick_check: %s)", path,
			 result ? result : "no answer");
		xfree(result);
		return -1;
	}
	xfree(result);
	return 0;
}

static int schema_version_of(sqlite3 *db, const char *path, int *version, struct buf *err)
{
	struct buf ignored = BUF_INIT;
	char *v;
	int rc = query_text(db, path, "SELECT max(version) FROM schema_version", &v, &ignored);
	buf_release(&ignored);
	if (rc || !v) {
		buf_addf(err, "%s: not a tandem store", path);
		xfree(v);
		return -1;
	}
	*version = (int)strtol(v, NULL, 10);
	xfree(v);
	if (*version < 1 || *version > store_latest_version()) {
		buf_addf(err, "%s: schema version %d is not one this tandem knows (1 to %d)",
			 path, *version, store_latest_version());
		return -1;
	}
	return 0;
}

/* Copies the main database of from into to with the online backup API, in
 * one step: one read transaction on from, so the copy is of one moment, and
 * in WAL mode writers go on meanwhile. */
static int backup_db(sqlite3 *from, sqlite3 *to, const char *what, struct buf *err)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc, waited = 0;
	if (!b) {
		buf_addf(err, "%s: %s", what, sqlite3_errmsg(to));
		return -1;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= BUSY_WAIT_MS)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		buf_addf(err, "%s: %s", what,
			 rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? "the store stayed locked"
								  : sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

int store_backup_sqlite(const char *path, const char *out, struct buf *err)
{
	struct stat src, dst;
	struct buf tmp = BUF_INIT;
	sqlite3 *from = NULL, *to = NULL;
	char *mode = NULL;
	int version, fd, rc = -1;

	if (stat(path, &src)) {
		buf_addf(err, "cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!stat(out, &dst) && dst.st_dev == src.st_dev && dst.st_ino == src.st_ino) {
		buf_addf(err, "'%s' is the store itself; back up into another file", out);
		return -1;
	}
	if (open_file(path, SQLITE_OPEN_READONLY, &from, err) ||
	    schema_version_of(from, path, &version, err))
		goto out;
	buf_addf(&tmp, "%s.tmp-XXXXXX", out);
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		buf_addf(err, "cannot write '%s': %s", out, strerror(errno));
		buf_reset(&tmp);
		goto out;
	}
	close(fd);
	if (open_file(tmp.data, SQLITE_OPEN_READWRITE, &to, err) ||
	    backup_db(from, to, path, err))
		goto out;
	/* One self-contained file: no -wal beside it. */
	if (query_text(to, out, "PRAGMA journal_mode=DELETE", &mode, err) ||
	    quick_check(to, out, err))
		goto out;
	if (sqlite3_close(to) != SQLITE_OK) {
		buf_addf(err, "cannot write '%s': %s", out, sqlite3_errmsg(to));
		goto out;
	}
	to = NULL;
	if (rename(tmp.data, out)) {
		buf_addf(err, "cannot write '%s': %s", out, strerror(errno));
		goto out;
	}
	buf_reset(&tmp);
	rc = 0;
out:
	xfree(mode);
	sqlite3_close(to);
	sqlite3_close(from);
	if (tmp.len)
		unlink(tmp.data);
	buf_release(&tmp);
	return rc;
}

int store_check_backup(const char *file, int *version, struct buf *err)
{
	sqlite3 *db = NULL;
	int rc = -1;
	if (access(file, R_OK)) {
		buf_addf(err, "cannot read '%s': %s", file, strerror(errno));
		return -1;
	}
	if (open_file(file, SQLITE_OPEN_READONLY, &db, err) || quick_check(db, file, err) ||
	    schema_version_of(db, file, version, err))
		goto out;
	rc = 0;
out:
	sqlite3_close(db);
	return rc;
}

int store_restore_sqlite(const char *file, const char *path, struct buf *err)
{
	sqlite3 *from = NULL, *to = NULL;
	char *mode = NULL;
	int rc = -1;
	if (open_file(file, SQLITE_OPEN_READONLY, &from, err) ||
	    open_file(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &to, err) ||
	    backup_db(from, to, path, err) ||
	    query_text(to, path, "PRAGMA journal_mode=WAL", &mode, err) ||
	    quick_check(to, path, err))
		goto out;
	rc = 0;
out:
	xfree(mode);
	sqlite3_close(to);
	sqlite3_close(from);
	return rc;
}

/* --- copying between stores ------------------------------------------------ */

enum value_kind { VALUE_INT, VALUE_TEXT, VALUE_BLOB };

struct copy_table {
	char *name;
	size_t n_columns;
	char **columns;
	enum value_kind *kinds;
};

/* Tables that others reference without DEFERRABLE: copied first, emptied
 * last. */
static const char *const parents_first[] = { "users" };

static int parent_rank(const char *name)
{
	for (size_t i = 0; i < sizeof parents_first / sizeof parents_first[0]; i++)
		if (!strcmp(name, parents_first[i]))
			return (int)i;
	return (int)(sizeof parents_first / sizeof parents_first[0]);
}

static int cmp_tables(const void *a, const void *b)
{
	const struct copy_table *x = a, *y = b;
	int rx = parent_rank(x->name), ry = parent_rank(y->name);
	if (rx != ry)
		return rx - ry;
	return strcmp(x->name, y->name);
}

static void free_tables(struct copy_table *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < t[i].n_columns; c++)
			xfree(t[i].columns[c]);
		xfree(t[i].columns);
		xfree(t[i].kinds);
		xfree(t[i].name);
	}
	xfree(t);
}

static enum value_kind kind_of(const char *type)
{
	if (strcasestr(type, "int"))
		return VALUE_INT;
	if (strcasestr(type, "blob") || strcasestr(type, "bytea"))
		return VALUE_BLOB;
	return VALUE_TEXT;
}

/* "name" with its quotes doubled: an identifier from the catalog. */
static void add_ident(struct buf *sql, const char *name)
{
	buf_addc(sql, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_addc(sql, '"');
		buf_addc(sql, *p);
	}
	buf_addc(sql, '"');
}

static int read_columns(struct store *s, struct copy_table *t, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int step;
	const char *sql = s->ops->kind == STORE_SQLITE
		? "SELECT name, type FROM pragma_table_info(?) ORDER BY cid"
		: "SELECT column_name, data_type FROM information_schema.columns"
		  " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
	if (store_prepare(s, sql, &st, err))
		return -1;
	stmt_bind_str(st, 1, t->name);
	while ((step = stmt_step(st)) == STORE_ROW) {
		if (t->n_columns + 1 > cap) {
			cap = cap ? cap * 2 : 16;
			t->columns = xrealloc(t->columns, cap * sizeof *t->columns);
			t->kinds = xrealloc(t->kinds, cap * sizeof *t->kinds);
		}
		t->columns[t->n_columns] = xstrdup(stmt_text(st, 0, NULL));
		t->kinds[t->n_columns] = kind_of(stmt_text(st, 1, NULL));
		t->n_columns++;
	}
	if (step == STORE_ERROR)
		buf_addf(err, "%s: %s", s->location, stmt_error(st));
	stmt_finalize(st);
	return step == STORE_ERROR ? -1 : 0;
}

/* The tables of s (schema_version aside) in copy order, with their columns. */
static int read_tables(struct store *s, struct copy_table **out, size_t *n_out, struct buf *err)
{
	struct copy_table *t = NULL;
	size_t n = 0, cap = 0;
	struct stmt *st;
	int step, rc = -1;
	const char *sql = s->ops->kind == STORE_SQLITE
		? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
		: "SELECT table_name FROM information_schema.tables"
		  " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
	if (store_prepare(s, sql, &st, err))
		return -1;
	while ((step = stmt_step(st)) == STORE_ROW) {
		const char *name = stmt_text(st, 0, NULL);
		if (!strcmp(name, "schema_version"))
			continue;
		ALLOC_GROW(t, n + 1, cap);
		memset(&t[n], 0, sizeof t[n]);
		t[n++].name = xstrdup(name);
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s: %s", s->location, stmt_error(st));
		stmt_finalize(st);
		goto out;
	}
	stmt_finalize(st);
	xqsort(t, n, sizeof *t, cmp_tables);
	for (size_t i = 0; i < n; i++)
		if (read_columns(s, &t[i], err))
			goto out;
	rc = 0;
out:
	if (rc) {
		free_tables(t, n);
		t = NULL;
		n = 0;
	}
	*out = t;
	*n_out = n;
	return rc;
}

static int count_rows(struct store *s, const char *table, int64_t *n, struct buf *err)
{
	struct buf sql = BUF_INIT;
	int rc;
	buf_adds(&sql, "SELECT count(*) FROM ");
	add_ident(&sql, table);
	rc = store_query_int64(s, sql.data, 0, n, err);
	buf_release(&sql);
	return rc;
}

static void insert_sql(const struct copy_table *t, size_t rows, struct buf *sql)
{
	buf_reset(sql);
	buf_adds(sql, "INSERT INTO ");
	add_ident(sql, t->name);
	buf_adds(sql, " (");
	for (size_t c = 0; c < t->n_columns; c++) {
		if (c)
			buf_adds(sql, ", ");
		add_ident(sql, t->columns[c]);
	}
	buf_adds(sql, ") VALUES ");
	for (size_t r = 0; r < rows; r++) {
		buf_adds(sql, r ? ", (" : "(");
		for (size_t c = 0; c < t->n_columns; c++)
			buf_adds(sql, c ? ", ?" : "?");
		buf_adds(sql, ")");
	}
}

/* Rows read from the source and not yet written: values kept by copy,
 * because a statement's results last only until its next step. */
struct pending {
	size_t n_rows;
	struct value {
		int is_null;
		int64_t number;
		size_t off, len;     /* text and blobs: in bytes */
	} *values;
	struct buf bytes;
};

static void keep_row(const struct copy_table *t, struct stmt *from, struct pending *p)
{
	struct value *v = &p->values[p->n_rows * t->n_columns];
	for (size_t c = 0; c < t->n_columns; c++, v++) {
		int col = (int)c;
		const void *data;
		size_t len = 0;
		memset(v, 0, sizeof *v);
		if (stmt_is_null(from, col)) {
			v->is_null = 1;
			continue;
		}
		if (t->kinds[c] == VALUE_INT) {
			v->number = stmt_int64(from, col);
			continue;
		}
		if (t->kinds[c] == VALUE_BLOB)
			data = stmt_blob(from, col, &len);
		else
			data = stmt_text(from, col, &len);
		v->off = p->bytes.len;
		v->len = len;
		buf_add(&p->bytes, data, len);
	}
	p->n_rows++;
}

/* Writes the pending rows with an INSERT of exactly that many rows (the
 * full-size statement is prepared once and reused). */
static int write_rows(struct store *to, const struct copy_table *t, struct pending *p,
		      struct stmt *full, size_t per, struct buf *err)
{
	struct stmt *st = full, *rest = NULL;
	struct buf sql = BUF_INIT;
	int rc;
	if (p->n_rows != per) {
		insert_sql(t, p->n_rows, &sql);
		rc = store_prepare(to, sql.data, &rest, err);
		buf_release(&sql);
		if (rc)
			return -1;
		st = rest;
	}
	for (size_t i = 0; i < p->n_rows * t->n_columns; i++) {
		const struct value *v = &p->values[i];
		int idx = (int)i + 1;
		enum value_kind k = t->kinds[i % t->n_columns];
		if (v->is_null)
			stmt_bind_null(st, idx);
		else if (k == VALUE_INT)
			stmt_bind_int64(st, idx, v->number);
		else if (k == VALUE_BLOB)
			stmt_bind_blob(st, idx, p->bytes.data + v->off, v->len);
		else
			stmt_bind_text(st, idx, p->bytes.data + v->off, v->len);
	}
	rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s: %s: cannot write: %s", to->location, t->name, stmt_error(st));
	stmt_reset(st);
	stmt_finalize(rest);
	p->n_rows = 0;
	buf_reset(&p->bytes);
	return rc == STORE_ERROR ? -1 : 0;
}

static int copy_rows(struct store *from, struct store *to, const struct copy_table *t,
		      uint64_t *copied, struct buf *err)
{
	struct buf sql = BUF_INIT;
	struct stmt *src = NULL, *full = NULL;
	struct pending p = { 0, NULL, BUF_INIT };
	size_t per = PARAMS_PER_INSERT / (t->n_columns ? t->n_columns : 1);
	int step, rc = -1;

	if (!per)
		per = 1;
	p.values = xcalloc(per * t->n_columns, sizeof *p.values);
	buf_adds(&sql, "SELECT ");
	for (size_t c = 0; c < t->n_columns; c++) {
		if (c)
			buf_adds(&sql, ", ");
		add_ident(&sql, t->columns[c]);
	}
	buf_adds(&sql, " FROM ");
	add_ident(&sql, t->name);
	if (store_prepare(from, sql.data, &src, err))
		goto out;
	insert_sql(t, per, &sql);
	if (store_prepare(to, sql.data, &full, err))
		goto out;
	while ((step = stmt_step(src)) == STORE_ROW) {
		keep_row(t, src, &p);
		(*copied)++;
		if (p.n_rows == per && write_rows(to, t, &p, full, per, err))
			goto out;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s: %s: %s", from->location, t->name, stmt_error(src));
		goto out;
	}
	if (p.n_rows && write_rows(to, t, &p, full, per, err))
		goto out;
	rc = 0;
out:
	stmt_finalize(src);
	stmt_finalize(full);
	xfree(p.values);
	buf_release(&p.bytes);
	buf_release(&sql);
	return rc;
}

/* Does every table of from exist in to with the same columns? */
static int same_tables(const struct copy_table *a, size_t na, const struct copy_table *b,
		       size_t nb, const char *to_name, struct buf *err)
{
	for (size_t i = 0; i < na; i++) {
		const struct copy_table *m = NULL;
		for (size_t j = 0; j < nb && !m; j++)
			if (!strcmp(a[i].name, b[j].name))
				m = &b[j];
		if (!m) {
			buf_addf(err, "%s: has no table '%s'", to_name, a[i].name);
			return -1;
		}
		int same = m->n_columns == a[i].n_columns;
		for (size_t c = 0; same && c < m->n_columns; c++)
			same = !strcmp(m->columns[c], a[i].columns[c]);
		if (!same) {
			buf_addf(err, "%s: table '%s' has other columns", to_name, a[i].name);
			return -1;
		}
	}
	return 0;
}

static int check_version(struct store *s, struct buf *err)
{
	int version;
	if (store_schema_version(s, &version, err))
		return -1;
	if (version != store_latest_version()) {
		buf_addf(err, "%s: schema version %d, this tandem needs %d (run 'tandem migrate')",
			 s->location, version, store_latest_version());
		return -1;
	}
	return 0;
}

int store_copy(struct store *from, struct store *to, int replace, struct copy_stats *stats,
	       struct buf *err)
{
	struct copy_table *tables = NULL, *target = NULL;
	size_t n = 0, n_target = 0;
	struct buf sql = BUF_INIT;
	int rc = -1, began = 0;

	memset(stats, 0, sizeof *stats);
	if (from->ops->kind == to->ops->kind && !strcmp(from->location, to->location)) {
		buf_addf(err, "%s: a store cannot be copied into itself", to->location);
		return -1;
	}
	if (check_version(from, err) || check_version(to, err) ||
	    read_tables(from, &tables, &n, err) || read_tables(to, &target, &n_target, err) ||
	    same_tables(tables, n, target, n_target, to->location, err))
		goto out;
	if (store_begin(to, err))
		goto out;
	began = 1;
	/* Emptied children first: the reverse of the copy order. */
	for (size_t i = n_target; i-- > 0;) {
		int64_t rows;
		if (count_rows(to, target[i].name, &rows, err))
			goto out;
		if (!rows)
			continue;
		if (!replace) {
			buf_addf(err, "%s: already holds data (%lld rows in %s); copy into an empty"
				 " store, or replace its data with --force", to->location,
				 (long long)rows, target[i].name);
			goto out;
		}
		buf_reset(&sql);
		buf_adds(&sql, "DELETE FROM ");
		add_ident(&sql, target[i].name);
		if (store_exec(to, sql.data, err))
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t rows = 0;
		int64_t written;
		if (copy_rows(from, to, &tables[i], &rows, err) ||
		    count_rows(to, tables[i].name, &written, err))
			goto out;
		if ((uint64_t)written != rows) {
			buf_addf(err, "%s: %s: %lld rows written of %llu read", to->location,
				 tables[i].name, (long long)written, (unsigned long long)rows);
			goto out;
		}
		stats->rows += rows;
		stats->tables++;
	}
	began = 0;
	if (store_commit(to, err))
		goto out;
	rc = 0;
out:
	if (began)
		store_rollback(to);
	free_tables(tables, n);
	free_tables(target, n_target);
	buf_release(&sql);
	return rc;
}
