/* SPDX-License-Identifier: MIT */
/* The importer: reads SPEC §4 files with the streaming CSV reader, checks
 * every cell against domain/schema.c and the business rules of SPEC §4,
 * and upserts rows in one transaction. Files are taken in dependency order
 * (a table's references are written before it), so references are checked
 * against the store inside the transaction, which also sees this import's
 * own rows; only the small referenced tables are remembered in memory, and
 * memory never grows with the size of measurements.csv. On any error the
 * transaction is rolled back: nothing is written. */
#include "store/import.h"

#include "base/buf.h"
#include "base/clock.h"
#include "base/strset.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/schema.h"
#include "io/csv.h"
#include "io/jsonw.h"
#include "io/xlsx_read.h"
#include "store/audit.h"
#include "store/blocks.h"
#include "store/closed.h"
#include "store/records.h"
#include "store/version.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_TABLES 32
#define MAX_COLUMNS 32

struct import_file {
	char *path;
	const char *data;    /* in-memory contents, or NULL to read path */
	size_t len;
	const struct table *table;
	size_t order;
	/* Converted input (an XLSX sheet): positions written by where(). */
	void (*where)(const void *ctx, unsigned long line, int column, struct buf *out);
	const void *where_ctx;
	struct xlsx_csv *sheet;   /* owned, when store_import converted it */
	uint64_t written;         /* rows written, for the audit log */
};

struct pending_ref {
	char *value;
	unsigned long line;
	int column;          /* 1-based field number in the file */
	int col;             /* schema column */
};

struct importer {
	struct store *s;
	const struct import_options *opt;
	struct import_result *res;
	struct buf *errors;
	struct buf *err;
	size_t max_errors;
	int64_t batch;
	struct timespec last_progress;
	struct strset bad_keys[MAX_TABLES];
	/* Keys found to exist: an import only adds rows, so a reference that
	 * resolved once resolves again without another query (on PostgreSQL a
	 * query is a network round trip per row). */
	struct strset known[MAX_TABLES];
	struct stmt *exists[MAX_TABLES];
	struct stmt *person_kind;
	struct stmt *metric_exists;
	const struct table *contracts, *sla_metrics;   /* looked up once, not per row */
	struct buf last_metric_key;   /* a one-entry cache for measurements */
	struct buf metric_key;        /* metric_exists()'s key, kept to save a malloc a row */
	int last_metric_ok;
	int storage_failed;
	/* Tables whose file in this import could not be read at all (bad
	 * header, broken CSV): a reference into one is not reported again. */
	unsigned char unreadable[MAX_TABLES];
	/* The files of this import, for positions written by their where(). */
	const struct import_file *files;
	size_t n_files;
	struct block_writer *blocks;  /* measurements, written as month blocks */
	/* Where the whole-import rules point: the column of proposals.status
	 * and of org_units.parent_id in the files as given. */
	int status_column, parent_column;
	/* And where the sla_terms rules point (check_terms). */
	int minimum_column, at_risk_column, burn_in_column, direction_column;
	/* Closed years (store/closed.h): the frozen years, the rows this
	 * import corrects in them (per kind and year, for the audit log), and
	 * the stored month last read to see whether a day really changes. */
	struct closed_years closed;
	struct correction {
		const struct table *t;
		int year;
		long rows;
		struct buf keys;     /* a JSON array of the first 20 keys */
	} corrections[32];
	int n_corrections;
	struct buf closed_month_key;
	struct day_block closed_month;
	int closed_month_stored;
};

static void add_error(struct importer *im, const char *path, unsigned long line, int column,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The file whose path (the very pointer) this is, when it is one. */
static const struct import_file *file_of(const struct importer *im, const char *path)
{
	for (size_t i = 0; i < im->n_files; i++)
		if (im->files[i].path == path)
			return &im->files[i];
	return NULL;
}

static void add_error(struct importer *im, const char *path, unsigned long line, int column,
		      const char *fmt, ...)
{
	va_list ap;
	const struct import_file *f;
	im->res->errors++;
	if (im->res->errors > im->max_errors)
		return;
	f = file_of(im, path);
	if (f && f->where) {
		f->where(f->where_ctx, line, column, im->errors);
		buf_adds(im->errors, ": ");
	} else {
		buf_addf(im->errors, "%s:%lu:%d: ", path, line, column);
	}
	va_start(ap, fmt);
	buf_vaddf(im->errors, fmt, ap);
	va_end(ap);
	buf_addc(im->errors, '\n');
}

/* The CSV reader's own "LINE:COLUMN: message", under the same cap. */
static void add_csv_error(struct importer *im, const char *path, const struct buf *cerr)
{
	const struct import_file *f = file_of(im, path);
	if (f && f->where) {
		char *end;
		unsigned long line = strtoul(cerr->data, &end, 10);
		int column = *end == ':' ? (int)strtol(end + 1, &end, 10) : 1;
		add_error(im, path, line, column, "%s", *end == ':' ? end + 2 : cerr->data);
		return;
	}
	im->res->errors++;
	if (im->res->errors <= im->max_errors)
		buf_addf(im->errors, "%s:%s\n", path, cerr->data);
}

/* A message that carries its own position ("book.xlsx:contracts!B3: ..."). */
static void add_plain_error(struct importer *im, const char *msg)
{
	im->res->errors++;
	if (im->res->errors <= im->max_errors)
		buf_addf(im->errors, "%s\n", msg);
}

static size_t table_index(const struct table *t)
{
	return (size_t)(t - schema_tables);
}

static const char *noun(const char *table)
{
	static const struct { const char *table, *noun; } nouns[] = {
		{ "clients", "client" }, { "contracts", "contract" },
		{ "org_units", "org unit" }, { "people", "person" },
		{ "proposals", "proposal" }, { "sla_metrics", "SLA metric" },
	};
	for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (!strcmp(nouns[i].table, table))
			return nouns[i].noun;
	return table;
}

/* --- finding the files ------------------------------------------------- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static void expected_files(struct buf *out)
{
	for (size_t i = 0; i < schema_n_tables; i++)
		buf_addf(out, "%s%s.csv", i ? ", " : "", schema_tables[i].name);
}

static void add_file(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
		     const char *path)
{
	const char *base = strrchr(path, '/');
	char name[128];
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (!has_suffix(base, ".csv") || len - 4 >= sizeof name) {
		struct buf exp = BUF_INIT;
		expected_files(&exp);
		add_error(im, path, 1, 1, "unknown file '%s' (expected one of %s)", base, exp.data);
		buf_release(&exp);
		return;
	}
	memcpy(name, base, len - 4);
	name[len - 4] = '\0';
	const struct table *t = schema_find(name);
	if (!t) {
		struct buf exp = BUF_INIT;
		expected_files(&exp);
		add_error(im, path, 1, 1, "unknown file '%s' (expected one of %s)", base, exp.data);
		buf_release(&exp);
		return;
	}
	ALLOC_GROW(*files, *n + 1, *cap);
	memset(&(*files)[*n], 0, sizeof **files);
	(*files)[*n].path = xstrdup(path);
	(*files)[*n].table = t;
	(*files)[*n].order = *n;
	(*n)++;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void close_dir(void *d)
{
	closedir(d);
}

static void add_folder(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
		       const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct alloc_cleanup unwind;   /* closes d on out-of-memory */
	char **names = NULL;
	size_t n_names = 0, cap_names = 0;

	if (!d) {
		add_error(im, dir, 1, 1, "cannot read folder: %s", strerror(errno));
		return;
	}
	alloc_cleanup_push(&unwind, close_dir, d);
	while ((e = readdir(d))) {
		if (!has_suffix(e->d_name, ".csv"))
			continue;
		ALLOC_GROW(names, n_names + 1, cap_names);
		names[n_names++] = xstrdup(e->d_name);
	}
	alloc_cleanup_pop(&unwind);
	closedir(d);
	if (!n_names)
		add_error(im, dir, 1, 1, "no CSV files in folder");
	xqsort(names, n_names, sizeof *names, cmp_name);
	for (size_t i = 0; i < n_names; i++) {
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", names[i]);
		add_file(im, files, n, cap, p.data);
		buf_release(&p);
		xfree(names[i]);
	}
	xfree(names);
}

/* Adds every sheet of an XLSX workbook named as a record kind, converted to
 * CSV now (io/xlsx_read.c), under XLSX_MAX_CSV for the whole workbook. */
static void add_workbook(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
			 const char *path)
{
	struct xlsx_book *book = NULL;
	struct buf err = BUF_INIT;
	size_t used = 0, before = *n;
	uint64_t errors_before = im->res->errors;

	if (xlsx_open_file(&book, path, &err)) {
		add_plain_error(im, err.data);
		goto out;
	}
	for (size_t i = 0; i < xlsx_n_sheets(book); i++) {
		const char *name = xlsx_sheet_name(book, i);
		const struct table *t = schema_find(name);
		struct xlsx_csv *csv;
		if (name[0] == '_')
			continue;
		if (!t) {
			struct buf exp = BUF_INIT;
			for (size_t k = 0; k < schema_n_tables; k++)
				buf_addf(&exp, "%s%s", k ? ", " : "", schema_tables[k].name);
			buf_reset(&err);
			buf_addf(&err, "%s: unknown sheet '%s' (expected one of %s; sheets named _... are skipped)",
				 path, name, exp.data);
			add_plain_error(im, err.data);
			buf_release(&exp);
			continue;
		}
		csv = xcalloc(1, sizeof *csv);
		buf_init(&csv->text);
		buf_reset(&err);
		if (xlsx_sheet_csv(book, i, t, XLSX_MAX_CSV - used, csv, &err)) {
			add_plain_error(im, err.data);
			xlsx_csv_release(csv);
			xfree(csv);
			continue;
		}
		used += csv->text.len;
		ALLOC_GROW(*files, *n + 1, *cap);
		memset(&(*files)[*n], 0, sizeof **files);
		(*files)[*n].path = xstrdup(csv->where);
		(*files)[*n].data = csv->text.data;
		(*files)[*n].len = csv->text.len;
		(*files)[*n].table = t;
		(*files)[*n].order = *n;
		(*files)[*n].where = xlsx_csv_where;
		(*files)[*n].where_ctx = csv;
		(*files)[*n].sheet = csv;
		(*n)++;
	}
	if (*n == before && im->res->errors == errors_before) {
		buf_reset(&err);
		buf_addf(&err, "%s: no sheet is named as a record kind (contracts, people, ...)", path);
		add_plain_error(im, err.data);
	}
out:
	xlsx_close(book);
	buf_release(&err);
}

static int cmp_files(const void *a, const void *b)
{
	const struct import_file *x = a, *y = b;
	size_t tx = table_index(x->table), ty = table_index(y->table);
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* --- statements ---------------------------------------------------------- */

static int key_columns(const struct table *t, int *cols)
{
	int n = 0;
	for (size_t i = 0; i < t->n_columns; i++)
		if (t->columns[i].flags & COL_KEY)
			cols[n++] = (int)i;
	return n;
}

static void upsert_sql(const struct table *t, struct buf *sql)
{
	int keys[MAX_COLUMNS], nk = key_columns(t, keys);
	buf_addf(sql, "INSERT INTO %s (", t->sql_name);
	for (size_t i = 0; i < t->n_columns; i++)
		buf_addf(sql, "%s, ", t->columns[i].name);
	buf_adds(sql, "src_batch, src_line) VALUES (");
	for (size_t i = 0; i < t->n_columns + 2; i++)
		buf_adds(sql, i ? ", ?" : "?");
	buf_adds(sql, ") ON CONFLICT (");
	for (int i = 0; i < nk; i++)
		buf_addf(sql, "%s%s", i ? ", " : "", t->columns[keys[i]].name);
	buf_adds(sql, ") DO UPDATE SET ");
	for (size_t i = 0; i < t->n_columns; i++)
		if (!(t->columns[i].flags & COL_KEY))
			buf_addf(sql, "%s = excluded.%s, ", t->columns[i].name, t->columns[i].name);
	/* A row already written by this very batch is a duplicate key within
	 * the import: the WHERE leaves it alone and changes() reports 0. */
	buf_addf(sql, "src_batch = excluded.src_batch, src_line = excluded.src_line"
		 " WHERE %s.src_batch <> excluded.src_batch", t->sql_name);
}

static void first_line_sql(const struct table *t, struct buf *sql)
{
	int keys[MAX_COLUMNS], nk = key_columns(t, keys);
	buf_addf(sql, "SELECT src_line FROM %s WHERE ", t->sql_name);
	for (int i = 0; i < nk; i++)
		buf_addf(sql, "%s%s = ?", i ? " AND " : "", t->columns[keys[i]].name);
}

static struct stmt *exists_stmt(struct importer *im, const struct table *t)
{
	size_t ti = table_index(t);
	if (!im->exists[ti]) {
		struct buf sql = BUF_INIT;
		buf_addf(&sql, "SELECT 1 FROM %s WHERE id = ?", t->sql_name);
		if (store_prepare(im->s, sql.data, &im->exists[ti], im->err))
			im->storage_failed = 1;
		buf_release(&sql);
	}
	return im->exists[ti];
}

/* Does a row with this id exist in table t, in the store or earlier in this
 * import? Returns 1 yes, 0 no, 2 when the row was in this import but bad
 * (its own error is reported; this one would only repeat it). */
static int ref_exists(struct importer *im, const struct table *t, const char *id, size_t len)
{
	struct stmt *st;
	int found;
	size_t ti = table_index(t);
	if (strset_has(&im->known[ti], id, len))
		return 1;
	if (strset_has(&im->bad_keys[ti], id, len))
		return 2;
	st = exists_stmt(im, t);
	if (!st)
		return 1;
	stmt_bind_text(st, 1, id, len);
	int step = stmt_step(st);
	if (step == STORE_ERROR) {
		/* Not "unknown": the store failed, and that is the error. */
		buf_addf(im->err, "%s", stmt_error(st));
		im->storage_failed = 1;
	}
	found = step == STORE_ROW;
	stmt_reset(st);
	if (found)
		strset_add(&im->known[ti], id, len);
	if (!found && im->unreadable[ti])
		return 2;
	return found || step == STORE_ERROR;
}

static int metric_exists(struct importer *im, const char *contract, size_t clen,
			 const char *metric, size_t mlen)
{
	struct buf *key = &im->metric_key;
	int found;
	buf_reset(key);
	buf_add(key, contract, clen);
	buf_addc(key, '\x1f');
	buf_add(key, metric, mlen);
	if (im->last_metric_key.len && im->last_metric_key.len == key->len &&
	    !memcmp(im->last_metric_key.data, key->data, key->len))
		return im->last_metric_ok;
	size_t metrics = table_index(im->sla_metrics);
	if (strset_has(&im->known[metrics], key->data, key->len)) {
		found = 1;
	} else if (strset_has(&im->bad_keys[metrics], key->data, key->len)) {
		found = 2;
	} else {
		if (!im->metric_exists &&
		    store_prepare(im->s, "SELECT 1 FROM sla_metrics WHERE contract_id = ? AND metric = ?",
				  &im->metric_exists, im->err)) {
			im->storage_failed = 1;
			return 1;
		}
		stmt_bind_text(im->metric_exists, 1, contract, clen);
		stmt_bind_text(im->metric_exists, 2, metric, mlen);
		int step = stmt_step(im->metric_exists);
		if (step == STORE_ERROR) {
			buf_addf(im->err, "%s", stmt_error(im->metric_exists));
			im->storage_failed = 1;
		}
		found = step == STORE_ROW || step == STORE_ERROR;
		stmt_reset(im->metric_exists);
		if (step == STORE_ROW)
			strset_add(&im->known[metrics], key->data, key->len);
		if (!found && im->unreadable[metrics])
			found = 2;
	}
	buf_reset(&im->last_metric_key);
	buf_add(&im->last_metric_key, key->data, key->len);
	im->last_metric_ok = found;
	return found;
}

/* The kind of the org unit a person belongs to (0 sales, 1 operations,
 * 2 executive), or -1 when unknown. */
static int person_unit_kind(struct importer *im, const char *id, size_t len)
{
	int kind = -1;
	if (!im->person_kind &&
	    store_prepare(im->s, "SELECT u.kind FROM people p JOIN org_units u ON u.id = p.org_unit_id"
			  " WHERE p.id = ?", &im->person_kind, im->err)) {
		im->storage_failed = 1;
		return -1;
	}
	stmt_bind_text(im->person_kind, 1, id, len);
	int step = stmt_step(im->person_kind);
	if (step == STORE_ROW) {
		const char *k = stmt_text(im->person_kind, 0, NULL);
		kind = !strcmp(k, "sales") ? 0 : !strcmp(k, "operations") ? 1 : 2;
	} else if (step == STORE_ERROR) {
		/* Not "no such person": the store failed, and that is the error. */
		buf_addf(im->err, "%s", stmt_error(im->person_kind));
		im->storage_failed = 1;
	}
	stmt_reset(im->person_kind);
	return kind;
}

/* --- cells --------------------------------------------------------------- */

struct cell {
	const char *text;
	size_t len;
	int present;         /* a non-empty cell */
	int64_t num;         /* micro-units for decimals; the number for counts */
	day_t day;
};

static int utf8_control_free(const char *s, size_t len, int allow_newlines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
			return 0;
		if (c == 0x7f)
			return 0;
	}
	return 1;
}

static void enum_list(const struct column *c, struct buf *out)
{
	int n = 0;
	while (c->enum_values[n])
		n++;
	for (int i = 0; i < n; i++)
		buf_addf(out, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", c->enum_values[i]);
}

/* A percentage column (sla_terms' at_risk_pct, allocation_pct): 0 to 100. */
static int is_percentage(const struct column *c)
{
	size_t n = strlen(c->name);
	return c->type == COL_MONEY && n > 4 && !strcmp(c->name + n - 4, "_pct");
}

/* Parses one cell by its column's type. Returns 0 or -1 (error reported). */
static int parse_cell(struct importer *im, const char *path, unsigned long line, int column,
		      const struct column *c, struct cell *cell)
{
	const char *s = cell->text;
	size_t len = cell->len;
	enum decimal_error de;
	int64_t v;

	cell->present = len > 0;
	if (!len) {
		if (c->flags & COL_REQUIRED) {
			add_error(im, path, line, column, "%s is required", c->name);
			return -1;
		}
		return 0;
	}
	switch (c->type) {
	case COL_TEXT:
		if (!utf8_control_free(s, len, 1)) {
			add_error(im, path, line, column, "%s contains a control character", c->name);
			return -1;
		}
		return 0;
	case COL_ID:
		if (!utf8_control_free(s, len, 0) || s[0] == ' ' || s[len - 1] == ' ') {
			add_error(im, path, line, column,
				  "%s '%.*s' has leading or trailing spaces or control characters",
				  c->name, (int)len, s);
			return -1;
		}
		if (len > 200) {
			add_error(im, path, line, column, "%s is longer than 200 bytes", c->name);
			return -1;
		}
		return 0;
	case COL_DATE:
		if (date_parse(s, len, &cell->day)) {
			add_error(im, path, line, column, "bad date '%.*s' for %s (expected YYYY-MM-DD, a day that exists)",
				  (int)(len > 40 ? 40 : len), s, c->name);
			return -1;
		}
		return 0;
	case COL_MONTH: {
		month_t m;
		if (month_parse(s, len, &m)) {
			add_error(im, path, line, column, "bad month '%.*s' for %s (expected YYYY-MM)",
				  (int)(len > 40 ? 40 : len), s, c->name);
			return -1;
		}
		return 0;
	}
	case COL_DECIMAL:
	case COL_MONEY:
		de = decimal_parse(s, len, &cell->num);
		if (de != DECIMAL_OK) {
			add_error(im, path, line, column, "bad number '%.*s' for %s: %s%s",
				  (int)(len > 40 ? 40 : len), s, c->name, decimal_error_text(de),
				  de == DECIMAL_SYNTAX ? " (use '.' for decimals and no thousands separators)" : "");
			return -1;
		}
		if (c->type == COL_MONEY && cell->num < 0) {
			if (is_percentage(c))
				add_error(im, path, line, column, "%s %.*s is outside 0 to 100",
					  c->name, (int)len, s);
			else
				add_error(im, path, line, column, "negative amount '%.*s' for %s",
					  (int)len, s, c->name);
			return -1;
		}
		if (is_percentage(c) && cell->num > 100 * MICRO_ONE) {
			add_error(im, path, line, column, "%s %.*s is outside 0 to 100", c->name,
				  (int)len, s);
			return -1;
		}
		return 0;
	case COL_COUNT:
	case COL_RATING:
	case COL_FLAG:
		if (integer_parse(s, len, &v) || v < 0 || v > INT32_MAX) {
			add_error(im, path, line, column, "bad value '%.*s' for %s (expected a whole number%s)",
				  (int)(len > 40 ? 40 : len), s, c->name,
				  c->type == COL_RATING ? " from 1 to 5" : c->type == COL_FLAG ? ": 1 or 0" : " >= 0");
			return -1;
		}
		if ((c->type == COL_RATING && (v < 1 || v > 5)) || (c->type == COL_FLAG && v > 1)) {
			add_error(im, path, line, column, "bad value '%.*s' for %s (expected %s)",
				  (int)len, s, c->name, c->type == COL_RATING ? "a whole number from 1 to 5" : "1 or 0");
			return -1;
		}
		cell->num = v;
		return 0;
	case COL_ENUM:
		if (schema_enum_index(c, s, len) < 0) {
			struct buf l = BUF_INIT;
			enum_list(c, &l);
			add_error(im, path, line, column, "unknown %s '%.*s' (expected %s)", c->name,
				  (int)(len > 40 ? 40 : len), s, l.data);
			buf_release(&l);
			return -1;
		}
		return 0;
	}
	return 0;
}

/* --- rows ---------------------------------------------------------------- */

struct file_state {
	const struct import_file *f;
	const struct table *t;
	int field_of[MAX_COLUMNS];   /* schema column → field index in the file */
	size_t n_fields;
	struct stmt *upsert, *first_line;
	struct pending_ref *pending;
	size_t n_pending, cap_pending;
	uint64_t rows;
	uint64_t written;
	/* The block writer's last block is the month the lean path last
	 * wrote a day to (lean_canonical); any other write_day() clears it. */
	int lean_block;
	/* write_day() found the month in a closed year: the lean path must not
	 * add the month's next days past the check. */
	int closed_month;
	int date_col;        /* closed_date_column(t) */
	struct stmt *get_row;   /* reads a row by key: records_get_cached() */
};

static int col_index(const struct table *t, const char *name)
{
	return schema_column(t, name);
}

static void remember_bad_key(struct importer *im, struct file_state *fs, struct cell *cells)
{
	const struct table *t = fs->t;
	struct buf key = BUF_INIT;
	if (!strcmp(t->name, "sla_metrics")) {
		buf_add(&key, cells[0].text, cells[0].len);
		buf_addc(&key, '\x1f');
		buf_add(&key, cells[1].text, cells[1].len);
	} else if (t->columns[0].flags & COL_KEY && !strcmp(t->columns[0].name, "id")) {
		buf_add(&key, cells[0].text, cells[0].len);
	} else {
		return;
	}
	if (key.len)
		strset_add(&im->bad_keys[table_index(t)], key.data, key.len);
	buf_release(&key);
}

static void check_row_rules(struct importer *im, struct file_state *fs, unsigned long line,
			    struct cell *cells, int *bad)
{
	const struct table *t = fs->t;
	const char *path = fs->f->path;

#define FIELD(name) (fs->field_of[col_index(t, name)] + 1)
#define CELL(name) (&cells[col_index(t, name)])
#define NOT_BEFORE(later, earlier) do { \
	struct cell *l_ = CELL(later), *e_ = CELL(earlier); \
	if (l_->present && e_->present && l_->day < e_->day) { \
		add_error(im, path, line, FIELD(later), "%s %.*s is before %s %.*s", later, \
			  (int)l_->len, l_->text, earlier, (int)e_->len, e_->text); \
		*bad = 1; \
	} } while (0)

	if (!strcmp(t->name, "contracts")) {
		NOT_BEFORE("staffed_on", "ramp_started_on");
		NOT_BEFORE("go_live_on", "signed_on");
		NOT_BEFORE("end_on", "go_live_on");
		const char *self_refs[] = { "parent_contract_id", "renews_contract_id" };
		for (int i = 0; i < 2; i++) {
			struct cell *c = CELL(self_refs[i]);
			if (c->present && c->len == cells[0].len && !memcmp(c->text, cells[0].text, c->len)) {
				add_error(im, path, line, FIELD(self_refs[i]), "contract '%.*s' cannot refer to itself",
					  (int)c->len, c->text);
				*bad = 1;
			}
		}
	} else if (!strcmp(t->name, "org_units") || !strcmp(t->name, "clients")) {
		const char *ref = !strcmp(t->name, "org_units") ? "parent_id" : "referred_by";
		struct cell *c = CELL(ref);
		if (c->present && c->len == cells[0].len && !memcmp(c->text, cells[0].text, c->len)) {
			add_error(im, path, line, FIELD(ref), "%s '%.*s' cannot refer to itself",
				  noun(t->name), (int)c->len, c->text);
			*bad = 1;
		}
	} else if (!strcmp(t->name, "people")) {
		struct cell *c = CELL("email");
		if (c->present && !memchr(c->text, '@', c->len)) {
			add_error(im, path, line, FIELD("email"), "bad email '%.*s'", (int)c->len, c->text);
			*bad = 1;
		}
	}
#undef NOT_BEFORE
}

/* Separation of duties (SPEC §4): manual ratings and feasibility reviews
 * are written by operations people; relationship ratings by people outside
 * operations, since O2.1 scores operations. */
static void check_duties(struct importer *im, struct file_state *fs, unsigned long line,
			 struct cell *cells, int *bad)
{
	const struct table *t = fs->t;
	const char *who;
	int want_ops;
	if (!strcmp(t->name, "manual_ratings")) {
		who = "rated_by";
		want_ops = 1;
	} else if (!strcmp(t->name, "feasibility_reviews")) {
		who = "reviewer";
		want_ops = 1;
	} else if (!strcmp(t->name, "relationship_ratings")) {
		who = "rated_by";
		want_ops = 0;
	} else {
		return;
	}
	struct cell *c = CELL(who);
	int kind = person_unit_kind(im, c->text, c->len);
	if (kind < 0)
		return;
	if (want_ops && kind != 1) {
		add_error(im, fs->f->path, line, FIELD(who),
			  "%s '%.*s' is not in an operations unit: %s are written by operations",
			  who, (int)c->len, c->text,
			  !strcmp(t->name, "manual_ratings") ? "manual ratings" : "feasibility reviews");
		*bad = 1;
	} else if (!want_ops && kind == 1) {
		add_error(im, fs->f->path, line, FIELD(who),
			  "rated_by '%.*s' is in an operations unit: operations cannot rate its own client relationship",
			  (int)c->len, c->text);
		*bad = 1;
	}
}

static void check_refs(struct importer *im, struct file_state *fs, unsigned long line,
		       struct cell *cells, int *bad, int *quiet_bad)
{
	const struct table *t = fs->t;
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		struct cell *cell = &cells[i];
		int found;
		if (!c->ref_table || !cell->present)
			continue;
		if (!strcmp(c->ref_table, t->name)) {
			/* A self-reference may point at a row later in the file. */
			ALLOC_GROW(fs->pending, fs->n_pending + 1, fs->cap_pending);
			fs->pending[fs->n_pending].value = xstrndup(cell->text, cell->len);
			fs->pending[fs->n_pending].line = line;
			fs->pending[fs->n_pending].column = fs->field_of[i] + 1;
			fs->pending[fs->n_pending].col = (int)i;
			fs->n_pending++;
			continue;
		}
		if (!strcmp(c->ref_table, "sla_metrics"))
			found = metric_exists(im, cells[0].text, cells[0].len, cell->text, cell->len);
		else
			found = ref_exists(im, schema_find(c->ref_table), cell->text, cell->len);
		if (found == 2) {
			*quiet_bad = 1;
		} else if (!found) {
			if (!strcmp(c->ref_table, "sla_metrics"))
				add_error(im, fs->f->path, line, fs->field_of[i] + 1,
					  "unknown SLA metric '%.*s' of contract '%.*s' (not in sla_metrics.csv)",
					  (int)cell->len, cell->text, (int)cells[0].len, cells[0].text);
			else
				add_error(im, fs->f->path, line, fs->field_of[i] + 1, "unknown %s '%.*s'",
					  noun(c->ref_table), (int)cell->len, cell->text);
			*bad = 1;
		}
	}
}

static void report_duplicate(struct importer *im, struct file_state *fs, unsigned long line,
			     const struct cell *cells, unsigned long first)
{
	struct buf where = BUF_INIT;
	if (first)
		buf_addf(&where, "first at line %lu", first);
	else
		buf_adds(&where, "given earlier in this import");
	add_error(im, fs->f->path, line, fs->field_of[0] + 1, "duplicate key '%.*s, %.*s, %.*s' (%s)",
		  (int)cells[0].len, cells[0].text, (int)cells[1].len, cells[1].text, (int)cells[2].len,
		  cells[2].text, where.data);
	buf_release(&where);
}

/* A change to a row dated in a closed year: refused, as an error at its
 * date cell, unless the import is a correction; then counted for the
 * correction's audit entry (write_audit). */
static void closed_row(struct importer *im, struct file_state *fs, unsigned long line, int year,
		       const char *key, size_t key_len)
{
	struct correction *c = NULL;
	if (!closed_correction(im->s)) {
		struct buf msg = BUF_INIT;
		im->res->closed = 1;
		closed_refusal(&msg, year);
		add_error(im, fs->f->path, line, fs->date_col >= 0 ? fs->field_of[fs->date_col] + 1 : 1,
			  "%s", msg.data);
		buf_release(&msg);
		return;
	}
	for (int i = 0; i < im->n_corrections; i++)
		if (im->corrections[i].t == fs->t && im->corrections[i].year == year)
			c = &im->corrections[i];
	if (!c) {
		if (im->n_corrections == (int)(sizeof im->corrections / sizeof im->corrections[0]))
			c = &im->corrections[im->n_corrections - 1];   /* counted with the last */
		else {
			c = &im->corrections[im->n_corrections++];
			c->t = fs->t;
			c->year = year;
			buf_init(&c->keys);
		}
	}
	if (c->rows < 20) {
		buf_adds(&c->keys, c->rows ? "," : "[");
		json_write_string(&c->keys, key, key_len);
	}
	c->rows++;
}

/* Is this day of a closed month the value already stored? Re-importing a
 * whole file must not need a correction for days it leaves as they are. */
static int stored_day_same(struct importer *im, const struct cell *cells, month_t month, int day,
			   micro_t num, micro_t den)
{
	struct buf key = BUF_INIT;
	buf_add(&key, cells[0].text, cells[0].len);
	buf_addc(&key, '\0');
	buf_add(&key, cells[1].text, cells[1].len);
	buf_addf(&key, "%c%d", '\0', (int)month);
	if (key.len != im->closed_month_key.len || memcmp(key.data, im->closed_month_key.data, key.len)) {
		int rc = blocks_read_month(im->s, key.data, key.data + cells[0].len + 1, month,
					   &im->closed_month, im->err);
		if (rc < 0) {
			im->storage_failed = 1;
			buf_release(&key);
			return 0;
		}
		im->closed_month_stored = rc == 0;
		buf_reset(&im->closed_month_key);
		buf_add(&im->closed_month_key, key.data, key.len);
	}
	buf_release(&key);
	return im->closed_month_stored && (im->closed_month.present & (1u << (day - 1))) &&
	       im->closed_month.num[day - 1] == num && im->closed_month.den[day - 1] == den;
}

/* A measurement goes into its month block (store/blocks.h); a plain value
 * has denominator 1 (SPEC §4). */
static void write_day(struct importer *im, struct file_state *fs, unsigned long line,
		      struct cell *cells, month_t month, int day)
{
	unsigned long first = 0;
	micro_t den = cells[4].present ? cells[4].num : MICRO_ONE;
	int rc;
	fs->lean_block = 0;
	fs->closed_month = 0;
	if (im->closed.n && closed_has(&im->closed, month_year(month))) {
		fs->closed_month = 1;
		if (!stored_day_same(im, cells, month, day, cells[3].num, den)) {
			struct buf key = BUF_INIT;
			char ym[8];
			snprintf(ym, sizeof ym, "%04d-%02d", month_year(month), month_month(month));
			buf_addf(&key, "%.*s/%.*s/%s", (int)cells[0].len, cells[0].text, (int)cells[1].len,
				 cells[1].text, ym);
			closed_row(im, fs, line, month_year(month), key.data, key.len);
			buf_release(&key);
			if (!closed_correction(im->s))
				return;
		}
	}
	if (!im->blocks && block_writer_new(im->s, im->batch, &im->blocks, im->err)) {
		im->storage_failed = 1;
		return;
	}
	rc = block_writer_add_day(im->blocks, cells[0].text, cells[0].len, cells[1].text, cells[1].len,
				  month, day, cells[3].num, den, line, &first, im->err);
	if (rc < 0)
		im->storage_failed = 1;
	else if (rc > 0)
		report_duplicate(im, fs, line, cells, first);
	else
		fs->written++;
}

static void write_measurement(struct importer *im, struct file_state *fs, unsigned long line,
			      struct cell *cells)
{
	int y, m, d;
	date_to_ymd(cells[2].day, &y, &m, &d);
	write_day(im, fs, line, cells, month_of_ymd(y, m), d);
}

/* --- the lean path for measurements.csv ----------------------------------- */

/* What the lean path has checked already: the last contract found to exist
 * and the last contract/metric pair found in sla_metrics (rows come grouped,
 * so these one-entry caches hit almost always). */
struct lean_state {
	char contract[201], metric[201];
	size_t contract_len, metric_len;   /* 0: nothing checked yet */
	char prefix[404];                  /* "contract,metric," */
	size_t prefix_len;
	char ym[8];                        /* "YYYY-MM-" of the last valid month read */
	int month_days;                    /* its length */
	month_t month;                     /* and itself */
	month_t lean_month;                /* the month of fs->lean_block */
};

static void progress(struct importer *im, struct file_state *fs, struct csv_reader *r, int done);

/* An id cell the general path would take as it is: not empty, at most 200
 * bytes, no leading or trailing space. (The line is printable ASCII: no
 * control characters, csv_peek_line.) */
static int lean_id_ok(const char *s, size_t len)
{
	return len && len <= 200 && s[0] != ' ' && s[len - 1] != ' ';
}

/* YYYY-MM-DD of a day that exists, as date_parse() takes it. */
static int lean_date(const char *s, size_t len, int *y, int *m, int *d)
{
	unsigned v[10];
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		v[i] = (unsigned)(unsigned char)s[i] - '0';
	if ((v[0] > 9) | (v[1] > 9) | (v[2] > 9) | (v[3] > 9) | (v[5] > 9) | (v[6] > 9) |
	    (v[8] > 9) | (v[9] > 9))
		return 0;
	*y = (int)(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]);
	*m = (int)(v[5] * 10 + v[6]);
	*d = (int)(v[8] * 10 + v[9]);
	return date_valid(*y, *m, *d);
}

/* A decimal as decimal_parse() reads it: plain digits (at most 12) with at
 * most 6 decimals are done here, anything else (a sign, more digits) by
 * decimal_parse() itself. Returns 1 when *out holds the value. */
static int lean_decimal(const char *s, size_t len, micro_t *out)
{
	int64_t whole = 0, frac = 0;
	size_t i = 0;
	while (i < len && i <= 12 && s[i] >= '0' && s[i] <= '9')
		whole = whole * 10 + (s[i++] - '0');
	if (i == 0 || i > 12)
		return decimal_parse(s, len, out) == DECIMAL_OK;
	if (i < len) {
		size_t dot = i++;
		if (s[dot] != '.' || len - i > 6 || i == len)
			return decimal_parse(s, len, out) == DECIMAL_OK;
		for (; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return 0;
			frac = frac * 10 + (s[i] - '0');
		}
		for (size_t k = len - dot - 1; k < 6; k++)
			frac *= 10;
	}
	*out = whole * MICRO_ONE + frac;
	return 1;
}

/* Takes the next line of measurements.csv when it is plain and every cell
 * passes exactly the checks of parse_cell() and check_refs(): it is then
 * added to its month block by write_measurement(), as the general path would.
 * Returns 1 when the line was taken, 0 when the general path must read it
 * (and report whatever made this one decline, in its own words), -1 on a
 * storage error. */
static int lean_measurement(struct importer *im, struct file_state *fs, struct csv_reader *r,
			    struct lean_state *ls)
{
	struct csv_line cl;
	struct cell cells[5];
	int y, m, d;

	if (fs->n_fields != 5 || !csv_peek_line(r, &cl) || cl.n_fields != 5)
		return 0;
	for (int i = 0; i < 5; i++) {
		int f = fs->field_of[i];
		cells[i].text = cl.text + cl.start[f];
		cells[i].len = cl.end[f] - cl.start[f];
		cells[i].present = cells[i].len > 0;
	}
	/* contract_id, metric, date, numerator, denominator (domain/schema.c) */
	if (!lean_id_ok(cells[0].text, cells[0].len) || !lean_id_ok(cells[1].text, cells[1].len) ||
	    !lean_date(cells[2].text, cells[2].len, &y, &m, &d) ||
	    !cells[3].present || !lean_decimal(cells[3].text, cells[3].len, &cells[3].num))
		return 0;
	if (!cells[4].present)
		cells[4].num = MICRO_ONE;
	else if (!lean_decimal(cells[4].text, cells[4].len, &cells[4].num) || cells[4].num < 0)
		return 0;

	if (cells[0].len != ls->contract_len || !same_bytes(cells[0].text, ls->contract, cells[0].len)) {
		if (ref_exists(im, im->contracts, cells[0].text, cells[0].len) != 1 ||
		    im->storage_failed)
			return im->storage_failed ? -1 : 0;
		memcpy(ls->contract, cells[0].text, cells[0].len);
		ls->contract_len = cells[0].len;
		ls->metric_len = 0;
	}
	if (cells[1].len != ls->metric_len || !same_bytes(cells[1].text, ls->metric, cells[1].len)) {
		int found = metric_exists(im, cells[0].text, cells[0].len, cells[1].text, cells[1].len);
		if (im->storage_failed)
			return -1;
		if (found != 1)
			return 0;
		memcpy(ls->metric, cells[1].text, cells[1].len);
		ls->metric_len = cells[1].len;
		memcpy(ls->prefix, ls->contract, ls->contract_len);
		ls->prefix[ls->contract_len] = ',';
		memcpy(ls->prefix + ls->contract_len + 1, ls->metric, ls->metric_len);
		ls->prefix[ls->contract_len + 1 + ls->metric_len] = ',';
		ls->prefix_len = ls->contract_len + ls->metric_len + 2;
	}

	fs->rows++;
	im->res->rows++;
	if ((fs->rows & 0xffff) == 0)
		progress(im, fs, r, 0);
	write_day(im, fs, cl.line, cells, month_of_ymd(y, m), d);
	/* Consumed only now: the cells point into the reader's buffer. */
	csv_skip_line(r);
	return im->storage_failed ? -1 : 1;
}

/* A number as lean_decimal() takes it, read up to the byte stop: digits
 * (at most 12), then optionally '.' and 1 to 6 digits. Sets *s past it.
 * Returns 1 with *out set, 0 for anything else (the slower paths decide). */
static inline int plain_decimal(const char **s, const char *end, char stop, micro_t *out)
{
	const char *q = *s, *start = q;
	int64_t whole = 0, frac = 0;
	/* At most 13 digits are read: 12 are taken, 13 decline. */
	const char *lim = end - q > 13 ? q + 13 : end;
	while (q < lim && (unsigned)(*q - '0') < 10)
		whole = whole * 10 + (*q++ - '0');
	if (q == start || q - start > 12 || q == end)
		return 0;
	if (*q == '.') {
		const char *f = ++q;
		lim = end - q > 7 ? q + 7 : end;
		while (q < lim && (unsigned)(*q - '0') < 10)
			frac = frac * 10 + (*q++ - '0');
		if (q == f || q - f > 6 || q == end)
			return 0;
		for (ptrdiff_t k = q - f; k < 6; k++)
			frac *= 10;
	}
	if (*q != stop)
		return 0;
	*out = whole * MICRO_ONE + frac;
	*s = q;
	return 1;
}

/* YYYY-MM-DD at s, a day that exists, as date_parse() takes it. The month
 * of the last date read is remembered, so a date of the same month is
 * checked by its day alone. */
static inline int canonical_date(const char *s, struct lean_state *ls, month_t *month, int *day)
{
	if (!same_bytes(s, ls->ym, 8)) {
		unsigned v[7];
		for (int i = 0; i < 7; i++)
			v[i] = (unsigned)(unsigned char)s[i] - '0';
		if (s[4] != '-' || s[7] != '-' || (v[0] > 9) | (v[1] > 9) | (v[2] > 9) | (v[3] > 9) |
		    (v[5] > 9) | (v[6] > 9))
			return 0;
		int y = (int)(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]), m = (int)(v[5] * 10 + v[6]);
		if (!date_valid(y, m, 1))
			return 0;
		memcpy(ls->ym, s, 8);
		ls->month_days = days_in_month(y, m);
		ls->month = month_of_ymd(y, m);
	}
	unsigned d1 = (unsigned)(unsigned char)s[8] - '0', d2 = (unsigned)(unsigned char)s[9] - '0';
	int d = (int)(d1 * 10 + d2);
	if (d1 > 9 || d2 > 9 || d < 1 || d > ls->month_days)
		return 0;
	*month = ls->month;
	*day = d;
	return 1;
}

/* The leanest path, for files whose columns are in the schema's order: the
 * lines of the contract and metric the lean path last checked, each a date,
 * a plain numerator and a plain or empty denominator, taken in one loop
 * over the reader's buffer. A line of the month the last line went to is
 * added to the same block without looking it up (block_writer_add_last).
 * Every byte is accounted for, so nothing taken needs the CSV reader's
 * scan. Returns 1 when lines were taken, 0 when lean_measurement() must look
 * at the next line (a new contract or metric, a sign, a quote, ...), -1 on
 * a storage error. */
static int lean_canonical(struct importer *im, struct file_state *fs, struct csv_reader *r,
			  struct lean_state *ls)
{
	const char *p, *end, *s;
	unsigned long line;
	int taken = 0;

	if (!ls->contract_len || !ls->metric_len || !csv_buffered(r, &p, &end, &line))
		return 0;
	const size_t plen = ls->prefix_len;
	for (s = p; (size_t)(end - s) >= plen + 14 && same_bytes(s, ls->prefix, plen); line++) {
		const char *q = s + plen, *date = q;
		struct cell cells[5];
		month_t month;
		int d;
		if (q[10] != ',' || !canonical_date(q, ls, &month, &d))
			break;
		int same_month = fs->lean_block && month == ls->lean_month;
		q += 11;
		if (!plain_decimal(&q, end, ',', &cells[3].num))
			break;
		cells[4].text = ++q;
		if (q < end && *q != '\n' && *q != '\r' && !plain_decimal(&q, end, '\n', &cells[4].num) &&
		    !plain_decimal(&q, end, '\r', &cells[4].num))
			break;
		cells[4].len = (size_t)(q - cells[4].text);
		if (q < end && *q == '\r')
			q++;
		if (q >= end || *q != '\n')
			break;
		cells[4].present = cells[4].len > 0;
		if (!cells[4].present)
			cells[4].num = MICRO_ONE;

		fs->rows++;
		im->res->rows++;
		if ((fs->rows & 0xffff) == 0)
			progress(im, fs, r, 0);
		cells[0].text = s;
		cells[0].len = ls->contract_len;
		cells[1].text = s + ls->contract_len + 1;
		cells[1].len = ls->metric_len;
		cells[2].text = date;
		cells[2].len = 10;
		if (same_month) {
			unsigned long first = 0;
			if (block_writer_add_last(im->blocks, d, cells[3].num, cells[4].num, line, &first))
				report_duplicate(im, fs, line, cells, first);
			else
				fs->written++;
		} else {
			write_day(im, fs, line, cells, month, d);
			if (im->storage_failed)
				return -1;
			if (!fs->closed_month) {   /* a closed month: day by day */
				ls->lean_month = month;
				fs->lean_block = 1;
			}
		}
		/* Consumed only now: the cells point into the reader's buffer. */
		csv_consume_line(r, (size_t)(q + 1 - s));
		s = q + 1;
		taken = 1;
	}
	return taken;
}

/* The key of the row in cells, as records_get() takes it: keys[] point
 * into text, which the caller releases. */
static void row_key(const struct table *t, const struct cell *cells, struct buf *text,
		    const char *keys[8])
{
	int cols[8];
	size_t nk = record_key_columns(t, cols), at[8];
	for (size_t k = 0; k < nk; k++) {
		at[k] = text->len;
		buf_add(text, cells[cols[k]].text, cells[cols[k]].len);
		buf_addc(text, '\0');
	}
	for (size_t k = 0; k < nk; k++)
		keys[k] = text->data + at[k];
}

/* The row an import is about to replace (one written before this batch),
 * so that the audit log keeps its value: SPEC §2 wants every changed record
 * with before and after, not only the batch. Measurements are not asked:
 * they are written as month blocks, one audit entry per batch and file
 * (docs/security.md). Returns 0 (*had set, *before filled when 1), or -1
 * on a storage failure (recorded). */
static int replaced_row(struct importer *im, struct file_state *fs, const struct cell *cells,
			struct record *before, int *had)
{
	struct buf text = BUF_INIT;
	const char *keys[8];
	int rc;
	*had = 0;
	row_key(fs->t, cells, &text, keys);
	rc = records_get_cached(im->s, fs->t, &fs->get_row, keys, before, im->err);
	buf_release(&text);
	if (rc < 0) {
		im->storage_failed = 1;
		return -1;
	}
	*had = rc == 0;
	return 0;
}

/* After the upsert replaced a row: its audit entry, when the value changed.
 * Returns 1 when it did, 0 when not (or on a storage failure, recorded). */
static int audit_replaced(struct importer *im, struct file_state *fs, const struct cell *cells,
			  struct record *before)
{
	int changed = 0;
	const struct table *t = fs->t;
	struct buf text = BUF_INIT, bj = BUF_INIT, aj = BUF_INIT, kt = BUF_INIT;
	const char *keys[8];
	struct record after;
	row_key(t, cells, &text, keys);
	int rc = records_get_cached(im->s, t, &fs->get_row, keys, &after, im->err);
	if (rc) {
		if (rc < 0)
			im->storage_failed = 1;
		goto out;
	}
	record_json(t, before, &bj);
	record_json(t, &after, &aj);
	record_key_text(t, &after, &kt);
	record_free(t, &after);
	if (strcmp(bj.data, aj.data)) {
		struct audit_entry e = { im->opt->actor ? im->opt->actor : audit_cli_actor(), "replace",
					 t->name, kt.data, bj.data, aj.data };
		changed = 1;
		if (audit_append(im->s, &e, im->err))
			im->storage_failed = 1;
	}
out:
	record_free(t, before);
	buf_release(&text);
	buf_release(&bj);
	buf_release(&aj);
	buf_release(&kt);
	return changed;
}

/* The closed year a row's date (new, or the stored one it replaces) lies
 * in, or 0. */
static int row_closed_year(struct importer *im, struct file_state *fs, const struct cell *cells,
			   const struct record *before, int had_before)
{
	int dc = fs->date_col, y = 0;
	if (dc < 0 || !im->closed.n)
		return 0;
	if (had_before && before->values[dc])
		y = closed_year_of(&im->closed, before->values[dc], strlen(before->values[dc]));
	if (!y && cells[dc].present)
		y = closed_year_of(&im->closed, cells[dc].text, cells[dc].len);
	return y;
}

static void row_key_text(const struct table *t, const struct cell *cells, struct buf *out)
{
	int cols[8];
	size_t nk = record_key_columns(t, cols);
	for (size_t k = 0; k < nk; k++)
		buf_addf(out, "%s%.*s", k ? "/" : "", (int)cells[cols[k]].len, cells[cols[k]].text);
}

static void bind_and_write(struct importer *im, struct file_state *fs, unsigned long line,
			   struct cell *cells)
{
	const struct table *t = fs->t;
	struct stmt *st = fs->upsert;
	if (t->blocks) {
		write_measurement(im, fs, line, cells);
		return;
	}
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		int idx = (int)i + 1;
		if (!cells[i].present) {
			/* A plain value has denominator 1 (SPEC §4). */
			if (!strcmp(t->name, "measurements") && !strcmp(c->name, "denominator"))
				stmt_bind_int64(st, idx, MICRO_ONE);
			else
				stmt_bind_null(st, idx);
		} else if (schema_is_integer(c)) {
			stmt_bind_int64(st, idx, cells[i].num);
		} else {
			stmt_bind_text(st, idx, cells[i].text, cells[i].len);
		}
	}
	stmt_bind_int64(st, (int)t->n_columns + 1, im->batch);
	stmt_bind_int64(st, (int)t->n_columns + 2, (int64_t)line);
	struct record before;
	int had_before = 0;
	if (replaced_row(im, fs, cells, &before, &had_before))
		return;
	if (stmt_step(st) == STORE_ERROR) {
		buf_addf(im->err, "%s:%lu: cannot write row: %s", fs->f->path, line, stmt_error(st));
		im->storage_failed = 1;
		stmt_reset(st);
		if (had_before)
			record_free(t, &before);
		return;
	}
	int64_t changed = stmt_changes(st);
	stmt_reset(st);
	if (changed) {
		int closed_year = row_closed_year(im, fs, cells, &before, had_before);
		fs->written++;
		if (had_before)
			changed = audit_replaced(im, fs, cells, &before);
		if (closed_year && changed) {
			struct buf key = BUF_INIT;
			row_key_text(t, cells, &key);
			closed_row(im, fs, line, closed_year, key.data, key.len);
			buf_release(&key);
		}
		return;
	}
	if (had_before)
		record_free(t, &before);
	/* Duplicate key within this import: name the first line. */
	int keys[MAX_COLUMNS], nk = key_columns(t, keys);
	struct buf key = BUF_INIT;
	int64_t first = 0;
	for (int k = 0; k < nk; k++) {
		stmt_bind_text(fs->first_line, k + 1, cells[keys[k]].text, cells[keys[k]].len);
		buf_addf(&key, "%s%.*s", k ? ", " : "", (int)cells[keys[k]].len, cells[keys[k]].text);
	}
	if (stmt_step(fs->first_line) == STORE_ROW)
		first = stmt_int64(fs->first_line, 0);
	stmt_reset(fs->first_line);
	add_error(im, fs->f->path, line, fs->field_of[keys[0]] + 1,
		  "duplicate key '%s' (first at line %lld)", key.data, (long long)first);
	buf_release(&key);
}

static void progress(struct importer *im, struct file_state *fs, struct csv_reader *r, int done)
{
	struct timespec *last = &im->last_progress, now;
	uint64_t total = csv_bytes_total(r);
	if (!im->opt->progress && !im->opt->on_progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!done && (now.tv_sec - last->tv_sec) * 1000 + (now.tv_nsec - last->tv_nsec) / 1000000 < 250)
		return;
	*last = now;
	if (im->opt->on_progress)
		im->opt->on_progress(im->opt->progress_ctx, fs->rows, csv_bytes_read(r), done);
	if (!im->opt->progress)
		return;
	if (total)
		fprintf(stderr, "\rimporting %s: %3d%%, %llu rows%s", fs->f->path,
			(int)(csv_bytes_read(r) * 100 / total), (unsigned long long)fs->rows,
			done ? "\n" : "");
	else
		fprintf(stderr, "\rimporting %s: %llu rows%s", fs->f->path,
			(unsigned long long)fs->rows, done ? "\n" : "");
}

static int read_header(struct importer *im, struct file_state *fs, const struct csv_record *rec)
{
	const struct table *t = fs->t;
	int bad = 0;
	for (size_t i = 0; i < t->n_columns; i++)
		fs->field_of[i] = -1;
	fs->n_fields = rec->n_fields;
	for (size_t f = 0; f < rec->n_fields; f++) {
		const struct csv_field *h = &rec->fields[f];
		int c = schema_column(t, h->data);
		if (c < 0) {
			struct buf exp = BUF_INIT;
			for (size_t i = 0; i < t->n_columns; i++)
				buf_addf(&exp, "%s%s", i ? ", " : "", t->columns[i].name);
			add_error(im, fs->f->path, rec->line, (int)f + 1,
				  h->len ? "unknown column '%s' (%s.csv has: %s)" : "empty column name%s (%s.csv has: %s)",
				  h->len ? h->data : "", t->name, exp.data);
			buf_release(&exp);
			bad = 1;
		} else if (fs->field_of[c] >= 0) {
			add_error(im, fs->f->path, rec->line, (int)f + 1, "column '%s' appears twice", h->data);
			bad = 1;
		} else {
			fs->field_of[c] = (int)f;
		}
	}
	for (size_t i = 0; i < t->n_columns; i++)
		if (fs->field_of[i] < 0) {
			add_error(im, fs->f->path, rec->line, 1, "missing column '%s'", t->columns[i].name);
			bad = 1;
		}
	return bad ? -1 : 0;
}

static void check_pending(struct importer *im, struct file_state *fs)
{
	const struct table *t = fs->t;
	for (size_t i = 0; i < fs->n_pending; i++) {
		struct pending_ref *p = &fs->pending[i];
		int found = ref_exists(im, t, p->value, strlen(p->value));
		if (!found)
			add_error(im, fs->f->path, p->line, p->column, "unknown %s '%s'", noun(t->name), p->value);
		xfree(p->value);
	}
	xfree(fs->pending);
	fs->pending = NULL;
	fs->n_pending = fs->cap_pending = 0;
}

static int import_file(struct importer *im, struct import_file *f)
{
	/* Converted input is UTF-8 whatever --encoding says. */
	struct csv_options copt = { f->where ? NULL : im->opt->encoding, 0 };
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct file_state fs;
	struct buf cerr = BUF_INIT, sql = BUF_INIT;
	struct cell cells[MAX_COLUMNS];
	struct lean_state ls;
	int rc;

	memset(&fs, 0, sizeof fs);
	memset(&ls, 0, sizeof ls);
	fs.f = f;
	fs.t = f->table;
	fs.date_col = closed_date_column(fs.t);
	if (f->data ? csv_open_mem(&r, f->data, f->len, &copt, &cerr)
		    : csv_open_file(&r, f->path, &copt, &cerr)) {
		add_error(im, f->path, 1, 1, "%s", cerr.data);
		buf_release(&cerr);
		return 0;
	}
	rc = csv_next(r, &rec, &cerr);
	if (rc <= 0) {
		im->unreadable[table_index(fs.t)] = 1;
		if (rc == 0)
			add_error(im, f->path, 1, 1, "empty file (expected a header row: see docs/data-formats.md)");
		else
			add_csv_error(im, f->path, &cerr);
		goto out;
	}
	if (read_header(im, &fs, &rec)) {
		im->unreadable[table_index(fs.t)] = 1;
		goto out;
	}
	/* The leanest path wants the columns in the schema's order. */
	int canonical = fs.t->blocks && fs.n_fields == fs.t->n_columns;
	for (size_t i = 0; canonical && i < fs.t->n_columns; i++)
		canonical = fs.field_of[i] == (int)i;
	if (!strcmp(fs.t->name, "proposals"))
		im->status_column = fs.field_of[schema_column(fs.t, "status")] + 1;
	else if (!strcmp(fs.t->name, "org_units"))
		im->parent_column = fs.field_of[schema_column(fs.t, "parent_id")] + 1;
	else if (!strcmp(fs.t->name, "sla_metrics"))
		im->direction_column = fs.field_of[schema_column(fs.t, "direction")] + 1;
	else if (!strcmp(fs.t->name, "sla_terms")) {
		im->minimum_column = fs.field_of[schema_column(fs.t, "minimum")] + 1;
		im->at_risk_column = fs.field_of[schema_column(fs.t, "at_risk_pct")] + 1;
		im->burn_in_column = fs.field_of[schema_column(fs.t, "burn_in_months")] + 1;
	}
	if (!fs.t->blocks) {
		upsert_sql(fs.t, &sql);
		if (store_prepare(im->s, sql.data, &fs.upsert, im->err))
			goto storage;
		buf_reset(&sql);
		first_line_sql(fs.t, &sql);
		if (store_prepare(im->s, sql.data, &fs.first_line, im->err))
			goto storage;
	}

	for (;;) {
		int bad = 0, quiet_bad = 0;
		if (fs.t->blocks) {
			int lean;
			do {
				if (canonical)
					while ((lean = lean_canonical(im, &fs, r, &ls)) == 1)
						;
				else
					lean = 0;
			} while (lean == 0 && (lean = lean_measurement(im, &fs, r, &ls)) == 1);
			if (lean < 0)
				goto storage;
		}
		if ((rc = csv_next(r, &rec, &cerr)) != 1)
			break;
		fs.rows++;
		im->res->rows++;
		if ((fs.rows & 0xffff) == 0)
			progress(im, &fs, r, 0);
		if (rec.n_fields != fs.n_fields) {
			add_error(im, f->path, rec.line, (int)(rec.n_fields < fs.n_fields ? rec.n_fields : fs.n_fields + 1),
				  "expected %zu fields, found %zu", fs.n_fields, rec.n_fields);
			continue;
		}
		for (size_t i = 0; i < fs.t->n_columns; i++) {
			const struct csv_field *fld = &rec.fields[fs.field_of[i]];
			memset(&cells[i], 0, sizeof cells[i]);
			cells[i].text = fld->data;
			cells[i].len = fld->len;
			if (parse_cell(im, f->path, rec.line, fs.field_of[i] + 1, &fs.t->columns[i], &cells[i]))
				bad = 1;
		}
		if (!bad)
			check_row_rules(im, &fs, rec.line, cells, &bad);
		if (!bad)
			check_refs(im, &fs, rec.line, cells, &bad, &quiet_bad);
		if (!bad && !quiet_bad)
			check_duties(im, &fs, rec.line, cells, &bad);
		if (im->storage_failed)
			goto storage;
		if (bad || quiet_bad) {
			remember_bad_key(im, &fs, cells);
			continue;
		}
		bind_and_write(im, &fs, rec.line, cells);
		if (im->storage_failed)
			goto storage;
	}
	if (rc < 0) {
		im->unreadable[table_index(fs.t)] = 1;
		add_csv_error(im, f->path, &cerr);
	}
	progress(im, &fs, r, 1);
	check_pending(im, &fs);
	if (im->blocks && block_writer_flush(im->blocks, im->err))
		goto storage;
out:
	f->written = fs.written;
	for (size_t i = 0; i < fs.n_pending; i++)
		xfree(fs.pending[i].value);
	xfree(fs.pending);
	stmt_finalize(fs.upsert);
	stmt_finalize(fs.first_line);
	stmt_finalize(fs.get_row);
	csv_close(r);
	buf_release(&cerr);
	buf_release(&sql);
	return im->storage_failed ? -1 : 0;
storage:
	im->storage_failed = 1;
	goto out;
}

/* --- whole-import rules -------------------------------------------------- */

/* The proposal gate (SPEC §3): a won proposal needs a feasible or
 * conditional review, or an executive's override. */
static int check_gate(struct importer *im, const char *proposals_path)
{
	struct stmt *st;
	if (store_prepare(im->s,
			  "SELECT p.id, p.src_line FROM proposals p WHERE p.src_batch = ? AND p.status = 'won'"
			  " AND NOT EXISTS (SELECT 1 FROM feasibility_reviews r WHERE r.proposal_id = p.id"
			  "  AND r.verdict IN ('feasible', 'conditional'))"
			  " AND NOT EXISTS (SELECT 1 FROM proposal_overrides o WHERE o.proposal_id = p.id)"
			  " ORDER BY p.src_line", &st, im->err))
		return -1;
	stmt_bind_int64(st, 1, im->batch);
	int step;
	while ((step = stmt_step(st)) == STORE_ROW)
		add_error(im, proposals_path, (unsigned long)stmt_int64(st, 1), im->status_column,
			  "proposal '%s' cannot be won without a feasible or conditional feasibility review"
			  " (or an executive's override)", stmt_text(st, 0, NULL));
	if (step == STORE_ERROR)
		buf_addf(im->err, "%s", stmt_error(st));
	stmt_finalize(st);
	return step == STORE_ERROR ? -1 : 0;
}

/* Org units must form a tree: following parent_id from any unit must end. */
static int check_unit_cycles(struct importer *im, const char *path)
{
	struct stmt *st;
	char **ids = NULL, **parents = NULL;
	int64_t *lines = NULL, *batches = NULL;
	size_t n = 0, cap = 0, cap2 = 0, cap3 = 0, cap4 = 0;
	if (store_prepare(im->s, "SELECT id, parent_id, src_line, src_batch FROM org_units ORDER BY id",
			  &st, im->err))
		return -1;
	int step;
	while ((step = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(ids, n + 1, cap);
		ALLOC_GROW(parents, n + 1, cap2);
		ALLOC_GROW(lines, n + 1, cap3);
		ALLOC_GROW(batches, n + 1, cap4);
		ids[n] = xstrdup(stmt_text(st, 0, NULL));
		parents[n] = stmt_is_null(st, 1) ? NULL : xstrdup(stmt_text(st, 1, NULL));
		lines[n] = stmt_int64(st, 2);
		batches[n] = stmt_int64(st, 3);
		n++;
	}
	if (step == STORE_ERROR)
		buf_addf(im->err, "%s", stmt_error(st));
	stmt_finalize(st);
	for (size_t i = 0; i < n && step != STORE_ERROR; i++) {
		if (batches[i] != im->batch)
			continue;
		const char *cur = parents[i];
		size_t steps = 0;
		while (cur && steps <= n) {
			size_t j;
			for (j = 0; j < n && strcmp(ids[j], cur); j++)
				;
			if (j == n)
				break;
			cur = parents[j];
			steps++;
		}
		if (cur && steps > n)
			add_error(im, path, (unsigned long)lines[i], im->parent_column,
				  "org unit '%s' is its own ancestor (parent_id forms a cycle)", ids[i]);
	}
	for (size_t i = 0; i < n; i++) {
		xfree(ids[i]);
		xfree(parents[i]);
	}
	xfree(ids);
	xfree(parents);
	xfree(lines);
	xfree(batches);
	return step == STORE_ERROR ? -1 : 0;
}

/* The sla_terms rules that involve more than one row (issue 20), checked
 * once the files are written, against the whole store as it will be:
 * - the minimum may not be stricter than the expected level for the
 *   metric's direction (above it for higher-is-better, below it for
 *   lower-is-better); a pair touched by this import is reported on the
 *   terms row when that row is in it, else on the metric's row;
 * - at_risk_pct and burn_in_months belong to the contract: every row of a
 *   contract touched by this import must agree with the contract's first
 *   row (rows already stored first, then this import's in line order);
 *   each row that does not is reported. */
static int check_terms(struct importer *im, const char *terms_path, const char *metrics_path)
{
	struct stmt *st = NULL;
	int step, rc = -1;
	char *contract = NULL, *ref_metric = NULL;
	int64_t ref_risk = 0, ref_burn = 0, ref_line = 0;
	int ref_stored = 0;

	if (store_prepare(im->s,
			  "SELECT t.contract_id, t.metric, m.direction, t.minimum, t.expected,"
			  " t.src_batch, t.src_line, m.src_line FROM sla_terms t JOIN sla_metrics m"
			  " ON m.contract_id = t.contract_id AND m.metric = t.metric"
			  " WHERE (t.src_batch = ? OR m.src_batch = ?)"
			  " AND ((m.direction = 'higher' AND t.minimum > t.expected)"
			  "  OR (m.direction = 'lower' AND t.minimum < t.expected))"
			  " ORDER BY t.src_batch <> ?, t.src_line, m.src_line", &st, im->err))
		goto out;
	stmt_bind_int64(st, 1, im->batch);
	stmt_bind_int64(st, 2, im->batch);
	stmt_bind_int64(st, 3, im->batch);
	while ((step = stmt_step(st)) == STORE_ROW) {
		char minimum[32], expected[32];
		int higher = !strcmp(stmt_text(st, 2, NULL), "higher");
		decimal_format(stmt_int64(st, 3), minimum);
		decimal_format(stmt_int64(st, 4), expected);
		if (stmt_int64(st, 5) == im->batch && terms_path)
			add_error(im, terms_path, (unsigned long)stmt_int64(st, 6), im->minimum_column,
				  "minimum %s of SLA metric '%s' of contract '%s' is stricter than expected %s"
				  " (%s is better for this metric: the minimum must be %s)", minimum,
				  stmt_text(st, 1, NULL), stmt_text(st, 0, NULL), expected,
				  higher ? "higher" : "lower",
				  higher ? "at most the expected level" : "at least the expected level");
		else if (metrics_path)
			add_error(im, metrics_path, (unsigned long)stmt_int64(st, 7), im->direction_column,
				  "direction %s of SLA metric '%s' of contract '%s' contradicts its sla_terms"
				  " (minimum %s is stricter than expected %s)", higher ? "higher" : "lower",
				  stmt_text(st, 1, NULL), stmt_text(st, 0, NULL), minimum, expected);
	}
	if (step == STORE_ERROR) {
		buf_addf(im->err, "%s", stmt_error(st));
		goto out;
	}
	stmt_finalize(st);
	st = NULL;
	if (!terms_path) {
		rc = 0;
		goto out;
	}

	if (store_prepare(im->s,
			  "SELECT contract_id, metric, at_risk_pct, coalesce(burn_in_months, 0), src_batch,"
			  " src_line FROM sla_terms WHERE contract_id IN"
			  " (SELECT contract_id FROM sla_terms WHERE src_batch = ?)"
			  " ORDER BY contract_id, src_batch = ?, src_line", &st, im->err))
		goto out;
	stmt_bind_int64(st, 1, im->batch);
	stmt_bind_int64(st, 2, im->batch);
	while ((step = stmt_step(st)) == STORE_ROW) {
		const char *c = stmt_text(st, 0, NULL);
		int64_t risk = stmt_int64(st, 2), burn = stmt_int64(st, 3);
		unsigned long line = (unsigned long)stmt_int64(st, 5);
		struct buf first = BUF_INIT;
		if (!contract || strcmp(contract, c)) {
			xfree(contract);
			xfree(ref_metric);
			contract = xstrdup(c);
			ref_metric = xstrdup(stmt_text(st, 1, NULL));
			ref_risk = risk;
			ref_burn = burn;
			ref_line = (int64_t)line;
			ref_stored = stmt_int64(st, 4) != im->batch;
			continue;
		}
		if (ref_stored)
			buf_addf(&first, "metric '%s', already stored", ref_metric);
		else
			buf_addf(&first, "metric '%s', line %lld", ref_metric, (long long)ref_line);
		if (risk != ref_risk) {
			char v[32], r[32];
			decimal_format(risk, v);
			decimal_format(ref_risk, r);
			add_error(im, terms_path, line, im->at_risk_column,
				  "at_risk_pct %s of contract '%s' differs from %s (%s): every row of a"
				  " contract carries the same at_risk_pct", v, c, r, first.data);
		}
		if (burn != ref_burn)
			add_error(im, terms_path, line, im->burn_in_column,
				  "burn_in_months %lld of contract '%s' differs from %lld (%s): every row of a"
				  " contract carries the same burn_in_months", (long long)burn, c,
				  (long long)ref_burn, first.data);
		buf_release(&first);
	}
	if (step == STORE_ERROR) {
		buf_addf(im->err, "%s", stmt_error(st));
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(st);
	xfree(contract);
	xfree(ref_metric);
	return rc;
}

static int write_audit(struct importer *im, struct import_file *files, size_t n)
{
	char at[21];
	struct buf names = BUF_INIT;
	int rc = -1;
	clock_now_iso(at);
	for (int i = 0; i < im->n_corrections; i++) {
		struct correction *c = &im->corrections[i];
		buf_addc(&c->keys, ']');
		if (closed_audit(im->s, im->opt->actor ? im->opt->actor : audit_cli_actor(), c->t->name,
				 c->year, c->rows, c->keys.data, im->err))
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct buf after = BUF_INIT, key = BUF_INIT;
		buf_addf(&after, "{\"batch\":%lld,\"file\":", (long long)im->batch);
		json_write_string(&after, files[i].path, strlen(files[i].path));
		buf_addf(&after, ",\"rows\":%llu}", (unsigned long long)files[i].written);
		buf_addf(&key, "batch %lld", (long long)im->batch);
		struct audit_entry e = { im->opt->actor ? im->opt->actor : audit_cli_actor(), "import",
					 files[i].table->name, key.data, NULL, after.data };
		int arc = audit_append(im->s, &e, im->err);
		buf_release(&after);
		buf_release(&key);
		if (arc)
			goto out;
		buf_addf(&names, "%s%s", i ? "," : "", files[i].path);
	}
	{
		struct stmt *st;
		if (store_prepare(im->s, "INSERT INTO imports (batch, started_at, actor, files, rows)"
				  " VALUES (?, ?, ?, ?, ?)", &st, im->err))
			goto out;
		stmt_bind_int64(st, 1, im->batch);
		stmt_bind_str(st, 2, at);
		stmt_bind_str(st, 3, im->opt->actor ? im->opt->actor : audit_cli_actor());
		stmt_bind_str(st, 4, names.data);
		stmt_bind_int64(st, 5, (int64_t)im->res->rows);
		if (stmt_step(st) == STORE_ERROR) {
			buf_addf(im->err, "%s", stmt_error(st));
			stmt_finalize(st);
			goto out;
		}
		stmt_finalize(st);
	}
	rc = 0;
out:
	buf_release(&names);
	return rc;
}

static void importer_init(struct importer *im, struct store *s, const struct import_options *opt,
			  struct import_result *res, struct buf *errors, struct buf *err)
{
	memset(im, 0, sizeof *im);
	memset(res, 0, sizeof *res);
	im->s = s;
	im->opt = opt;
	im->res = res;
	im->errors = errors;
	im->err = err;
	im->max_errors = opt->max_errors ? opt->max_errors : 100;
	buf_init(&im->last_metric_key);
	buf_init(&im->metric_key);
	buf_init(&im->closed_month_key);
	im->contracts = schema_find("contracts");
	im->sla_metrics = schema_find("sla_metrics");
}

static int run_import(struct importer *im, struct import_file *files, size_t n_files);

int store_import(struct store *s, const char *const *paths, int n_paths,
		 const struct import_options *opt, struct import_result *res,
		 struct buf *errors, struct buf *err)
{
	struct importer im;
	struct import_file *files = NULL;
	size_t n_files = 0, cap_files = 0;

	importer_init(&im, s, opt, res, errors, err);
	for (int i = 0; i < n_paths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb)) {
			add_error(&im, paths[i], 1, 1, "cannot read: %s", strerror(errno));
			continue;
		}
		if (S_ISDIR(sb.st_mode))
			add_folder(&im, &files, &n_files, &cap_files, paths[i]);
		else if (has_suffix(paths[i], ".xlsx"))
			add_workbook(&im, &files, &n_files, &cap_files, paths[i]);
		else
			add_file(&im, &files, &n_files, &cap_files, paths[i]);
	}
	return run_import(&im, files, n_files);
}

int store_import_mem(struct store *s, const struct import_source *sources, int n_sources,
		     const struct import_options *opt, struct import_result *res,
		     struct buf *errors, struct buf *err)
{
	struct importer im;
	struct import_file *files = NULL;
	size_t n_files = 0, cap_files = 0;

	importer_init(&im, s, opt, res, errors, err);
	for (int i = 0; i < n_sources; i++) {
		size_t before = n_files;
		add_file(&im, &files, &n_files, &cap_files, sources[i].name);
		if (n_files > before) {
			files[before].data = sources[i].data;
			files[before].len = sources[i].len;
			files[before].where = sources[i].where;
			files[before].where_ctx = sources[i].where_ctx;
		}
	}
	return run_import(&im, files, n_files);
}

/* Takes ownership of files. */
static int run_import(struct importer *imp, struct import_file *files, size_t n_files)
{
	struct importer im = *imp;
	struct store *s = im.s;
	const struct import_options *opt = im.opt;
	struct import_result *res = im.res;
	struct buf *errors = im.errors, *err = im.err;
	const char *proposals_path = NULL, *units_path = NULL, *terms_path = NULL,
		   *metrics_path = NULL;
	int rc = -1, began = 0;

	xqsort(files, n_files, sizeof *files, cmp_files);
	res->files = (int)n_files;
	im.files = files;
	im.n_files = n_files;

	if (store_begin(s, err))
		goto out;
	began = 1;
	if (store_query_int64(s, "SELECT coalesce(max(batch), 0) + 1 FROM imports", 1, &im.batch, err) ||
	    closed_years_load(s, &im.closed, err))
		goto out;
	for (size_t i = 0; i < n_files; i++) {
		if (import_file(&im, &files[i]))
			goto out;
		if (!strcmp(files[i].table->name, "proposals"))
			proposals_path = files[i].path;
		if (!strcmp(files[i].table->name, "org_units"))
			units_path = files[i].path;
		if (!strcmp(files[i].table->name, "sla_terms"))
			terms_path = files[i].path;
		if (!strcmp(files[i].table->name, "sla_metrics"))
			metrics_path = files[i].path;
	}
	if (proposals_path && check_gate(&im, proposals_path))
		goto out;
	if (units_path && check_unit_cycles(&im, units_path))
		goto out;
	if ((terms_path || metrics_path) && check_terms(&im, terms_path, metrics_path))
		goto out;
	if (res->errors > im.max_errors)
		buf_addf(errors, "... and %llu more errors\n",
			 (unsigned long long)(res->errors - im.max_errors));
	if (res->errors || opt->dry_run) {
		store_rollback(s);
		began = 0;
		rc = res->errors ? 1 : 0;
		goto out;
	}
	if (write_audit(&im, files, n_files) || store_bump_version(s, err) || store_commit(s, err))
		goto out;
	began = 0;
	res->batch = im.batch;
	rc = 0;
out:
	if (began)
		store_rollback(s);
	for (size_t i = 0; i < MAX_TABLES; i++) {
		strset_clear(&im.bad_keys[i]);
		strset_clear(&im.known[i]);
		stmt_finalize(im.exists[i]);
	}
	stmt_finalize(im.person_kind);
	stmt_finalize(im.metric_exists);
	block_writer_free(im.blocks);
	buf_release(&im.last_metric_key);
	buf_release(&im.metric_key);
	buf_release(&im.closed_month_key);
	for (int i = 0; i < im.n_corrections; i++)
		buf_release(&im.corrections[i].keys);
	for (size_t i = 0; i < n_files; i++) {
		xfree(files[i].path);
		if (files[i].sheet) {
			xlsx_csv_release(files[i].sheet);
			xfree(files[i].sheet);
		}
	}
	xfree(files);
	if (rc < 0 && !err->len)
		buf_addf(err, "import failed");
	return rc;
}
