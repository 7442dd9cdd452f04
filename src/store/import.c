/* SPDX-License-Identifier: MIT */
/* The importer's driver: reads SPEC §4 files with the streaming CSV reader
 * (or one record's values, from a form), checks every row with
 * domain/validate.c and the rules that need the store (import_rules.c),
 * and upserts rows in one transaction. Files are taken in dependency order
 * (a table's references are written before it), so references are checked
 * against the store inside the transaction, which also sees this import's
 * own rows; only the small referenced tables are remembered in memory, and
 * memory never grows with the size of measurements.csv. On any problem the
 * transaction is rolled back: nothing is written. The parts are listed in
 * store/import_impl.h. */
#include "store/import_impl.h"

#include "base/alloc.h"
#include "base/clock.h"
#include "io/jsonw.h"
#include "store/audit.h"
#include "store/records.h"
#include "store/version.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The file whose path (the very pointer) this is, when it is one. */
static const struct import_file *file_of(const struct importer *im, const char *path)
{
	for (size_t i = 0; i < im->n_files; i++)
		if (im->files[i].path == path)
			return &im->files[i];
	return NULL;
}

/* Sets where a problem is: "path:line:column", or the converter's own
 * words for a converted file (an XLSX sheet's cell). */
static void place(struct importer *im, struct problem *p, const char *path, unsigned long line,
		  int column)
{
	const struct import_file *f;
	if (!p || !path)
		return;
	f = file_of(im, path);
	if (f && f->where) {
		struct buf w = BUF_INIT;
		f->where(f->where_ctx, line, column, &w);
		problem_at(p, path, w.data, line, column);
		buf_release(&w);
	} else {
		problem_at(p, path, NULL, line, column);
	}
}

struct problem *import_problem(struct importer *im, const char *path, unsigned long line,
			       int column, const char *code)
{
	struct problem *p;
	im->res->errors++;
	p = problems_add(im->problems, code);
	place(im, p, path, line, column);
	return p;
}

void import_locate(struct importer *im, struct file_state *fs, struct problem *p,
		   unsigned long line)
{
	place(im, p, fs->f->path, line, p->col >= 0 ? fs->field_of[p->col] + 1 : 1);
}

/* The CSV reader's own "LINE:COLUMN: message" (its words, as they are). */
static void csv_problem(struct importer *im, const char *path, const struct buf *cerr)
{
	char *end;
	unsigned long line = strtoul(cerr->data, &end, 10);
	int column = *end == ':' ? (int)strtol(end + 1, &end, 10) : 1;
	const char *msg = *end == ':' ? end + 2 : cerr->data;
	problem_arg(import_problem(im, path, line, column, "text"), msg, strlen(msg));
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

/* --- rows ---------------------------------------------------------------- */

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
		strset_add(&im->bad_keys[import_table_index(t)], key.data, key.len);
	buf_release(&key);
}

void import_report_duplicate(struct importer *im, struct file_state *fs, unsigned long line,
			     const struct cell *cells, unsigned long first)
{
	struct problem *p = import_problem(im, fs->f->path, line, fs->field_of[0] + 1,
					   first ? "duplicate_key" : "duplicate_key_earlier");
	if (p) {
		p->table = fs->t->name;
		p->col = 0;
		problem_value(p, cells[0].text, cells[0].len);
	}
	problem_argf(p, "%.*s, %.*s, %.*s", (int)cells[0].len, cells[0].text, (int)cells[1].len,
		     cells[1].text, (int)cells[2].len, cells[2].text);
	if (first)
		problem_argf(p, "%lu", first);
}

/* A change to a row dated in a closed year: refused, as a problem at its
 * date cell, unless the import is a correction; then counted for the
 * correction's audit entry (write_audit). */
static void closed_row(struct importer *im, struct file_state *fs, unsigned long line, int year,
		       const char *key, size_t key_len)
{
	struct correction *c = NULL;
	if (!closed_correction(im->s)) {
		struct problem *p;
		im->res->closed = 1;
		p = import_problem(im, fs->f->path, line,
				   fs->date_col >= 0 ? fs->field_of[fs->date_col] + 1 : 1, "closed_year");
		if (p && fs->date_col >= 0) {
			p->table = fs->t->name;
			p->col = fs->date_col;
		}
		problem_argf(p, "%d", year);
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

/* The stored month of a measurement's contract and metric, read once
 * while rows stay in it (im->closed_month). Returns 1 when the month is
 * stored, 0 when not, -1 on a storage failure (recorded). */
static int stored_month(struct importer *im, const struct cell *cells, month_t month)
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
			return -1;
		}
		im->closed_month_stored = rc == 0;
		buf_reset(&im->closed_month_key);
		buf_add(&im->closed_month_key, key.data, key.len);
	}
	buf_release(&key);
	return im->closed_month_stored;
}

/* Is this day stored? *num and *den are its value when it is. */
static int stored_day(struct importer *im, const struct cell *cells, month_t month, int day,
		      micro_t *num, micro_t *den)
{
	if (stored_month(im, cells, month) != 1 || !(im->closed_month.present & (1u << (day - 1))))
		return 0;
	*num = im->closed_month.num[day - 1];
	*den = im->closed_month.den[day - 1];
	return 1;
}

static void measurement_key(const struct cell *cells, month_t month, int day, struct buf *out)
{
	buf_addf(out, "%.*s/%.*s/%04d-%02d-%02d", (int)cells[0].len, cells[0].text,
		 (int)cells[1].len, cells[1].text, month_year(month), month_month(month), day);
}

/* The preview of a measurement written: new, changed or the same as the
 * stored day. */
static void preview_day(struct importer *im, struct file_state *fs, unsigned long line,
			const struct cell *cells, month_t month, int day)
{
	micro_t num, den;
	struct preview_file *pf = fs->preview;
	struct buf key = BUF_INIT;
	int had = stored_day(im, cells, month, day, &num, &den);
	if (had && num == cells[3].num && den == cells[4].num) {
		pf->unchanged++;
		return;
	}
	measurement_key(cells, month, day, &key);
	if (!had) {
		pf->added++;
		preview_add_row(pf, key.data, key.len, line, 0);
	} else {
		struct preview_row *r;
		pf->changed++;
		r = preview_add_row(pf, key.data, key.len, line, 1);
		const micro_t before[2] = { num, den }, after[2] = { cells[3].num, cells[4].num };
		static const char *const names[2] = { "numerator", "denominator" };
		for (int i = 0; r && i < 2; i++) {
			char b[32], a[32];
			if (before[i] == after[i])
				continue;
			decimal_format(before[i], b);
			decimal_format(after[i], a);
			preview_add_cell(r, names[i], b, a);
		}
	}
	buf_release(&key);
}

/* A measurement goes into its month block (store/blocks.h); cells[4].num
 * is its denominator (plain_denominator). */
void import_write_day(struct importer *im, struct file_state *fs, unsigned long line,
		      struct cell *cells, month_t month, int day)
{
	unsigned long first = 0;
	micro_t num, den;
	int rc;
	fs->lean_block = 0;
	fs->closed_month = 0;
	if (im->closed.n && closed_has(&im->closed, month_year(month))) {
		fs->closed_month = 1;
		if (!stored_day(im, cells, month, day, &num, &den) || num != cells[3].num ||
		    den != cells[4].num) {
			struct buf key = BUF_INIT;
			char ym[8];
			if (im->storage_failed)
				return;
			snprintf(ym, sizeof ym, "%04d-%02d", month_year(month), month_month(month));
			buf_addf(&key, "%.*s/%.*s/%s", (int)cells[0].len, cells[0].text, (int)cells[1].len,
				 cells[1].text, ym);
			closed_row(im, fs, line, month_year(month), key.data, key.len);
			buf_release(&key);
			if (!closed_correction(im->s))
				return;
		}
	}
	if (fs->preview) {
		preview_day(im, fs, line, cells, month, day);
		if (im->storage_failed)
			return;
	}
	if (!im->blocks && block_writer_new(im->s, im->batch, &im->blocks, im->err)) {
		im->storage_failed = 1;
		return;
	}
	rc = block_writer_add_day(im->blocks, cells[0].text, cells[0].len, cells[1].text, cells[1].len,
				  month, day, cells[3].num, cells[4].num, line, &first, im->err);
	if (rc < 0)
		im->storage_failed = 1;
	else if (rc > 0)
		import_report_duplicate(im, fs, line, cells, first);
	else
		fs->written++;
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

static void row_key_text(const struct table *t, const struct cell *cells, struct buf *out)
{
	int cols[8];
	size_t nk = record_key_columns(t, cols);
	for (size_t k = 0; k < nk; k++)
		buf_addf(out, "%s%.*s", k ? "/" : "", (int)cells[cols[k]].len, cells[cols[k]].text);
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

/* The cells of a changed row that change, for the preview. */
static void preview_changed(struct file_state *fs, const struct cell *cells, unsigned long line,
			    const struct record *before, const struct record *after)
{
	const struct table *t = fs->t;
	struct buf key = BUF_INIT;
	struct preview_row *r;
	row_key_text(t, cells, &key);
	r = preview_add_row(fs->preview, key.data, key.len, line, 1);
	for (size_t i = 0; r && i < t->n_columns; i++) {
		const char *b = before->values[i], *a = after->values[i];
		if ((!b != !a) || (b && strcmp(b, a)))
			preview_add_cell(r, t->columns[i].name, b, a);
	}
	buf_release(&key);
}

/* After the upsert replaced a row: its audit entry, when the value changed.
 * Returns 1 when it did, 0 when not (or on a storage failure, recorded). */
static int audit_replaced(struct importer *im, struct file_state *fs, const struct cell *cells,
			  unsigned long line, struct record *before)
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
	if (strcmp(bj.data, aj.data)) {
		struct audit_entry e = { im->opt->actor ? im->opt->actor : audit_cli_actor(), "replace",
					 t->name, kt.data, bj.data, aj.data };
		changed = 1;
		if (fs->preview)
			preview_changed(fs, cells, line, before, &after);
		if (audit_append(im->s, &e, im->err))
			im->storage_failed = 1;
	}
	record_free(t, &after);
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

/* A duplicate key within this import: named with its first line. */
static void duplicate_row(struct importer *im, struct file_state *fs, unsigned long line,
			  const struct cell *cells)
{
	const struct table *t = fs->t;
	int keys[MAX_COLUMNS], nk = key_columns(t, keys);
	struct buf key = BUF_INIT;
	int64_t first = 0;
	struct problem *p;
	for (int k = 0; k < nk; k++) {
		stmt_bind_text(fs->first_line, k + 1, cells[keys[k]].text, cells[keys[k]].len);
		buf_addf(&key, "%s%.*s", k ? ", " : "", (int)cells[keys[k]].len, cells[keys[k]].text);
	}
	if (stmt_step(fs->first_line) == STORE_ROW)
		first = stmt_int64(fs->first_line, 0);
	stmt_reset(fs->first_line);
	p = import_problem(im, fs->f->path, line, fs->field_of[keys[0]] + 1, "duplicate_key");
	if (p) {
		p->table = t->name;
		p->col = keys[0];
		problem_value(p, cells[keys[0]].text, cells[keys[0]].len);
	}
	problem_arg(p, key.data, key.len);
	problem_argf(p, "%lld", (long long)first);
	buf_release(&key);
}

static void bind_and_write(struct importer *im, struct file_state *fs, unsigned long line,
			   struct cell *cells)
{
	const struct table *t = fs->t;
	struct stmt *st = fs->upsert;
	if (t->blocks) {
		int y, m, d;
		date_to_ymd(cells[2].day, &y, &m, &d);
		import_write_day(im, fs, line, cells, month_of_ymd(y, m), d);
		return;
	}
	for (size_t i = 0; i < t->n_columns; i++) {
		int idx = (int)i + 1;
		if (!cells[i].present)
			stmt_bind_null(st, idx);
		else if (schema_is_integer(&t->columns[i]))
			stmt_bind_int64(st, idx, cells[i].num);
		else
			stmt_bind_text(st, idx, cells[i].text, cells[i].len);
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
			changed = audit_replaced(im, fs, cells, line, &before);
		if (fs->preview) {
			if (!had_before) {
				struct buf key = BUF_INIT;
				row_key_text(t, cells, &key);
				fs->preview->added++;
				preview_add_row(fs->preview, key.data, key.len, line, 0);
				buf_release(&key);
			} else if (changed) {
				fs->preview->changed++;
			} else {
				fs->preview->unchanged++;
			}
		}
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
	duplicate_row(im, fs, line, cells);
}

void import_progress(struct importer *im, struct file_state *fs, int done)
{
	struct timespec *last = &im->last_progress, now;
	struct import_progress p;
	if (!im->opt->on_progress || !fs->reader)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!done && (now.tv_sec - last->tv_sec) * 1000 + (now.tv_nsec - last->tv_nsec) / 1000000 < 250)
		return;
	*last = now;
	p.file = fs->f->path;
	p.rows = fs->rows;
	p.bytes = csv_bytes_read(fs->reader);
	p.total_bytes = csv_bytes_total(fs->reader);
	p.done = done;
	im->opt->on_progress(im->opt->progress_ctx, &p);
}

/* The column names of t, for a problem with the header. */
static void column_names(const struct table *t, struct buf *out)
{
	for (size_t i = 0; i < t->n_columns; i++)
		buf_addf(out, "%s%s", i ? ", " : "", t->columns[i].name);
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
		struct problem *p;
		if (c < 0) {
			struct buf exp = BUF_INIT;
			column_names(t, &exp);
			p = import_problem(im, fs->f->path, rec->line, (int)f + 1,
					   h->len ? "header_unknown" : "header_empty");
			if (h->len) {
				problem_value(p, h->data, h->len);
				problem_arg(p, h->data, h->len);
			}
			problem_arg(p, t->name, strlen(t->name));
			problem_arg(p, exp.data, exp.len);
			buf_release(&exp);
			bad = 1;
		} else if (fs->field_of[c] >= 0) {
			p = import_problem(im, fs->f->path, rec->line, (int)f + 1, "header_twice");
			problem_value(p, h->data, h->len);
			problem_arg(p, h->data, h->len);
			bad = 1;
		} else {
			fs->field_of[c] = (int)f;
		}
	}
	for (size_t i = 0; i < t->n_columns; i++)
		if (fs->field_of[i] < 0) {
			struct problem *p = import_problem(im, fs->f->path, rec->line, 1, "header_missing");
			problem_arg(p, t->columns[i].name, strlen(t->columns[i].name));
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* One record of the file: checked (the cells by domain/validate.c, then
 * references and duties against the store) and, when good, written. */
static void import_row(struct importer *im, struct file_state *fs, unsigned long line,
		       struct cell *cells)
{
	int bad = 0, quiet_bad = 0;
	size_t kept = im->problems->n;
	uint64_t counted = im->problems->total;
	if (validate_row(fs->t, cells, im->problems))
		bad = 1;
	im->res->errors += im->problems->total - counted;
	for (size_t i = kept; i < im->problems->n; i++)
		import_locate(im, fs, &im->problems->items[i], line);
	if (!bad)
		import_check_refs(im, fs, line, cells, &bad, &quiet_bad);
	if (!bad && !quiet_bad)
		import_check_duties(im, fs, line, cells, &bad);
	if (im->storage_failed)
		return;
	if (bad || quiet_bad) {
		remember_bad_key(im, fs, cells);
		return;
	}
	bind_and_write(im, fs, line, cells);
}

/* The rows of a CSV file, the lean path first for measurements. */
static int read_rows(struct importer *im, struct file_state *fs, struct csv_reader *r,
		     struct buf *cerr)
{
	struct csv_record rec;
	struct cell cells[MAX_COLUMNS];
	struct lean_state ls;
	int rc;
	/* The leanest path wants the columns in the schema's order, and
	 * writes a month's days without a look at the stored ones: not for a
	 * preview, which tells a new day from a changed one. */
	int canonical = fs->t->blocks && fs->n_fields == fs->t->n_columns && !fs->preview;
	for (size_t i = 0; canonical && i < fs->t->n_columns; i++)
		canonical = fs->field_of[i] == (int)i;
	memset(&ls, 0, sizeof ls);
	for (;;) {
		if (fs->t->blocks) {
			int lean;
			do {
				if (canonical)
					while ((lean = import_lean_canonical(im, fs, r, &ls)) == 1)
						;
				else
					lean = 0;
			} while (lean == 0 && (lean = import_lean_measurement(im, fs, r, &ls)) == 1);
			if (lean < 0)
				return -1;
		}
		if ((rc = csv_next(r, &rec, cerr)) != 1)
			break;
		fs->rows++;
		im->res->rows++;
		if ((fs->rows & 0xffff) == 0)
			import_progress(im, fs, 0);
		if (rec.n_fields != fs->n_fields) {
			struct problem *p = import_problem(im, fs->f->path, rec.line,
							   (int)(rec.n_fields < fs->n_fields ? rec.n_fields
											     : fs->n_fields + 1),
							   "field_count");
			problem_argf(p, "%zu", fs->n_fields);
			problem_argf(p, "%zu", rec.n_fields);
			continue;
		}
		for (size_t i = 0; i < fs->t->n_columns; i++) {
			const struct csv_field *fld = &rec.fields[fs->field_of[i]];
			memset(&cells[i], 0, sizeof cells[i]);
			cells[i].text = fld->data;
			cells[i].len = fld->len;
		}
		import_row(im, fs, rec.line, cells);
		if (im->storage_failed)
			return -1;
	}
	return rc;
}

/* Prepares the statements a file of rows (not month blocks) needs. */
static int prepare_file(struct importer *im, struct file_state *fs)
{
	struct buf sql = BUF_INIT;
	int rc = 0;
	if (fs->t->blocks)
		return 0;
	upsert_sql(fs->t, &sql);
	if (store_prepare(im->s, sql.data, &fs->upsert, im->err))
		rc = -1;
	buf_reset(&sql);
	first_line_sql(fs->t, &sql);
	if (!rc && store_prepare(im->s, sql.data, &fs->first_line, im->err))
		rc = -1;
	buf_release(&sql);
	return rc;
}

/* Where the whole-import rules point, in the file as given. */
static void remember_columns(struct importer *im, const struct file_state *fs)
{
	const struct table *t = fs->t;
	if (!strcmp(t->name, "proposals"))
		im->status_column = fs->field_of[schema_column(t, "status")] + 1;
	else if (!strcmp(t->name, "org_units"))
		im->parent_column = fs->field_of[schema_column(t, "parent_id")] + 1;
	else if (!strcmp(t->name, "sla_metrics"))
		im->direction_column = fs->field_of[schema_column(t, "direction")] + 1;
	else if (!strcmp(t->name, "sla_terms")) {
		im->minimum_column = fs->field_of[schema_column(t, "minimum")] + 1;
		im->at_risk_column = fs->field_of[schema_column(t, "at_risk_pct")] + 1;
		im->burn_in_column = fs->field_of[schema_column(t, "burn_in_months")] + 1;
	}
}

/* One record given as values (a form's): line 2, as the one row of a file
 * would be, every column in the schema's order. */
static void read_values(struct importer *im, struct file_state *fs)
{
	struct cell cells[MAX_COLUMNS];
	fs->n_fields = fs->t->n_columns;
	for (size_t i = 0; i < fs->t->n_columns; i++) {
		const char *v = fs->f->values[i];
		fs->field_of[i] = (int)i;
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].text = v ? v : "";
		cells[i].len = v ? strlen(v) : 0;
	}
	remember_columns(im, fs);
	if (prepare_file(im, fs)) {
		im->storage_failed = 1;
		return;
	}
	fs->rows = 1;
	im->res->rows++;
	import_row(im, fs, 2, cells);
}

static int import_file(struct importer *im, struct import_file *f)
{
	/* Converted input is UTF-8 whatever --encoding says. */
	struct csv_options copt = { f->where ? NULL : f->encoding ? f->encoding : im->opt->encoding, 0 };
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct file_state fs;
	struct buf cerr = BUF_INIT;
	int rc;

	memset(&fs, 0, sizeof fs);
	fs.f = f;
	fs.t = f->table;
	fs.date_col = closed_date_column(fs.t);
	if (im->opt->preview)
		fs.preview = preview_file(im->opt->preview, f->path, fs.t->name);
	if (f->values) {
		read_values(im, &fs);
		if (im->storage_failed)
			goto storage;
		goto rows_read;
	}
	if (f->data ? csv_open_mem(&r, f->data, f->len, &copt, &cerr)
		    : csv_open_file(&r, f->path, &copt, &cerr)) {
		problem_arg(import_problem(im, f->path, 1, 1, "text"), cerr.data, cerr.len);
		buf_release(&cerr);
		return 0;
	}
	fs.reader = r;
	rc = csv_next(r, &rec, &cerr);
	if (rc <= 0) {
		im->unreadable[import_table_index(fs.t)] = 1;
		if (rc == 0)
			import_problem(im, f->path, 1, 1, "empty_file");
		else
			csv_problem(im, f->path, &cerr);
		goto out;
	}
	if (read_header(im, &fs, &rec)) {
		im->unreadable[import_table_index(fs.t)] = 1;
		goto out;
	}
	remember_columns(im, &fs);
	if (prepare_file(im, &fs))
		goto storage;
	rc = read_rows(im, &fs, r, &cerr);
	if (im->storage_failed)
		goto storage;
	if (rc < 0) {
		im->unreadable[import_table_index(fs.t)] = 1;
		csv_problem(im, f->path, &cerr);
	}
	import_progress(im, &fs, 1);
rows_read:
	import_check_pending(im, &fs);
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
	return im->storage_failed ? -1 : 0;
storage:
	im->storage_failed = 1;
	goto out;
}

/* --- the transaction ------------------------------------------------------ */

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
			  struct import_result *res, struct problem_list *problems, struct buf *err)
{
	memset(im, 0, sizeof *im);
	memset(res, 0, sizeof *res);
	im->s = s;
	im->opt = opt;
	im->res = res;
	im->problems = problems;
	problems->max = opt->max_errors ? opt->max_errors : 100;
	im->err = err;
	buf_init(&im->last_metric_key);
	buf_init(&im->metric_key);
	buf_init(&im->closed_month_key);
	im->contracts = schema_find("contracts");
	im->sla_metrics = schema_find("sla_metrics");
}

static int run_import(struct importer *im, struct import_file *files, size_t n_files);

int store_import(struct store *s, const char *const *paths, int n_paths,
		 const struct import_options *opt, struct import_result *res,
		 struct problem_list *problems, struct buf *err)
{
	struct importer im;
	struct import_file *files = NULL;
	size_t n_files = 0, cap_files = 0;

	importer_init(&im, s, opt, res, problems, err);
	for (int i = 0; i < n_paths; i++) {
		struct stat sb;
		size_t len = strlen(paths[i]);
		if (stat(paths[i], &sb)) {
			const char *why = strerror(errno);
			problem_arg(import_problem(&im, paths[i], 1, 1, "unreadable"), why, strlen(why));
			continue;
		}
		if (S_ISDIR(sb.st_mode))
			import_add_folder(&im, &files, &n_files, &cap_files, paths[i]);
		else if (len >= 5 && !strcmp(paths[i] + len - 5, ".xlsx"))
			import_add_workbook(&im, &files, &n_files, &cap_files, paths[i]);
		else
			import_add_file(&im, &files, &n_files, &cap_files, paths[i]);
	}
	return run_import(&im, files, n_files);
}

int store_import_mem(struct store *s, const struct import_source *sources, int n_sources,
		     const struct import_options *opt, struct import_result *res,
		     struct problem_list *problems, struct buf *err)
{
	struct importer im;
	struct import_file *files = NULL;
	size_t n_files = 0, cap_files = 0;

	importer_init(&im, s, opt, res, problems, err);
	for (int i = 0; i < n_sources; i++) {
		size_t before = n_files;
		import_add_file(&im, &files, &n_files, &cap_files, sources[i].name);
		if (n_files > before) {
			files[before].data = sources[i].data;
			files[before].len = sources[i].len;
			files[before].values = sources[i].values;
			files[before].encoding = sources[i].encoding;
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
	struct buf *err = im.err;
	const char *proposals_path = NULL, *units_path = NULL, *terms_path = NULL,
		   *metrics_path = NULL;
	int rc = -1, began = 0;

	import_sort_files(files, n_files);
	res->files = (int)n_files;
	im.files = files;
	im.n_files = n_files;

	if (store_begin(s, err))
		goto out;
	began = 1;
	if (store_query_int64(s, "SELECT coalesce(max(batch), 0) + 1 FROM imports", 1, &im.batch, err) ||
	    closed_years_load(s, &im.closed, err))
		goto out;
	store_writeback(s);
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
	if (proposals_path && import_check_gate(&im, proposals_path))
		goto out;
	if (units_path && import_check_unit_cycles(&im, units_path))
		goto out;
	if ((terms_path || metrics_path) && import_check_terms(&im, terms_path, metrics_path))
		goto out;
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
	import_rules_release(&im);
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
