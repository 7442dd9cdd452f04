/* SPDX-License-Identifier: MIT */
/* Reading, listing and deleting single records (records.h). The SQL text
 * is built only from the schema's own table and column names; every value
 * is a bound parameter. */
#include "store/records.h"

#include "domain/date.h"
#include "domain/decimal.h"
#include "io/jsonw.h"
#include "base/clock.h"
#include "store/audit.h"
#include "store/blocks.h"
#include "store/closed.h"
#include "store/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t record_key_columns(const struct table *t, int out[8])
{
	size_t n = 0;
	for (size_t i = 0; i < t->n_columns && n < 8; i++)
		if (t->columns[i].flags & COL_KEY)
			out[n++] = (int)i;
	return n;
}

static int is_decimal(const struct column *c)
{
	return c->type == COL_DECIMAL || c->type == COL_MONEY;
}

/* Binds a text value for column c the way the importer stores it. Returns
 * 0, or -1 when the text does not parse (a filter that cannot match). */
static int bind_value(struct stmt *st, int idx, const struct column *c, const char *v)
{
	if (!v)
		return stmt_bind_null(st, idx);
	if (is_decimal(c)) {
		micro_t m;
		if (decimal_parse(v, strlen(v), &m) != DECIMAL_OK)
			return -1;
		return stmt_bind_int64(st, idx, m);
	}
	if (schema_is_integer(c)) {
		int64_t n;
		if (integer_parse(v, strlen(v), &n))
			return -1;
		return stmt_bind_int64(st, idx, n);
	}
	return stmt_bind_str(st, idx, v);
}

static char *column_value(struct stmt *st, int col, const struct column *c)
{
	if (stmt_is_null(st, col))
		return NULL;
	if (is_decimal(c)) {
		char out[32];
		decimal_format(stmt_int64(st, col), out);
		return xstrdup(out);
	}
	if (schema_is_integer(c)) {
		char out[24];
		snprintf(out, sizeof out, "%lld", (long long)stmt_int64(st, col));
		return xstrdup(out);
	}
	return xstrdup(stmt_text(st, col, NULL));
}

static void select_sql(const struct table *t, struct buf *sql)
{
	buf_adds(sql, "SELECT ");
	for (size_t i = 0; i < t->n_columns; i++)
		buf_addf(sql, "%s, ", t->columns[i].name);
	buf_addf(sql, "src_batch, src_line FROM %s", t->sql_name);
}

/* By the key; or first by column sort_col (its name from the schema,
 * never from a request), rows without a value last in either direction on
 * SQLite and PostgreSQL alike, then by the key. */
static void order_sql_by(const struct table *t, int sort_col, int desc, struct buf *sql)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	buf_adds(sql, " ORDER BY ");
	if (sort_col >= 0 && (size_t)sort_col < t->n_columns)
		buf_addf(sql, "(%s IS NULL), %s%s, ", t->columns[sort_col].name, t->columns[sort_col].name,
			 desc ? " DESC" : "");
	for (size_t i = 0; i < nk; i++)
		buf_addf(sql, "%s%s", i ? ", " : "", t->columns[keys[i]].name);
}


static void key_where_sql(const struct table *t, struct buf *sql)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	buf_adds(sql, " WHERE ");
	for (size_t i = 0; i < nk; i++)
		buf_addf(sql, "%s%s = ?", i ? " AND " : "", t->columns[keys[i]].name);
}

static void row_from_stmt(const struct table *t, struct stmt *st, struct record *r)
{
	r->values = xcalloc(t->n_columns, sizeof *r->values);
	for (size_t i = 0; i < t->n_columns; i++)
		r->values[i] = column_value(st, (int)i, &t->columns[i]);
	r->src_batch = stmt_int64(st, (int)t->n_columns);
	r->src_line = stmt_int64(st, (int)t->n_columns + 1);
}

static int bind_key(struct stmt *st, int first, const struct table *t, const char *const *key)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	for (size_t i = 0; i < nk; i++)
		if (bind_value(st, first + (int)i, &t->columns[keys[i]], key[i]))
			return -1;
	return 0;
}

/* --- measurements, stored as month blocks (store/blocks.h) -------------- */

/* A measurement as a record: contract_id, metric, date, numerator,
 * denominator, in the schema's column order. */
static void block_day_record(const char *contract, const char *metric, day_t day, micro_t num,
			     micro_t den, struct record *r)
{
	char d[11], n[32], q[32];
	date_format(day, d);
	decimal_format(num, n);
	decimal_format(den, q);
	r->values = xcalloc(5, sizeof *r->values);
	r->values[0] = xstrdup(contract);
	r->values[1] = xstrdup(metric);
	r->values[2] = xstrdup(d);
	r->values[3] = xstrdup(n);
	r->values[4] = xstrdup(q);
	r->src_batch = 0;
	r->src_line = 0;
}

static int block_get(struct store *s, const char *const *key, struct record *out, struct buf *err)
{
	struct day_block b;
	day_t day;
	int rc;
	if (date_parse(key[2], strlen(key[2]), &day))
		return 1;
	rc = blocks_read_month(s, key[0], key[1], date_month(day), &b, err);
	if (rc)
		return rc;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (!(b.present & (1u << (d - 1))))
		return 1;
	block_day_record(key[0], key[1], day, b.num[d - 1], b.den[d - 1], out);
	return 0;
}

struct block_list_ctx {
	const struct table *t;
	const struct record_filter *filters;
	size_t n_filters;
	int64_t limit, offset;
	struct record_list *out;
	size_t cap;
};

/* Does one measurement pass a filter on column col (the schema's order:
 * contract_id, metric, date, numerator, denominator)? Compared without
 * building the record: most of the rows are only counted. */
static int block_filter_holds(int col, const char *want, const char *contract, const char *metric,
			      day_t date, micro_t num, micro_t den)
{
	char d[11];
	micro_t w;
	switch (col) {
	case 0: return !strcmp(contract, want);
	case 1: return !strcmp(metric, want);
	case 2:
		date_format(date, d);
		return !strcmp(d, want);
	default:
		return decimal_parse(want, strlen(want), &w) == DECIMAL_OK && w == (col == 3 ? num : den);
	}
}

static int block_list_one(void *vctx, const char *contract, const char *metric, day_t date,
			  micro_t num, micro_t den)
{
	struct block_list_ctx *c = vctx;
	for (size_t i = 0; i < c->n_filters; i++)
		if (!block_filter_holds(schema_column(c->t, c->filters[i].column), c->filters[i].value,
					contract, metric, date, num, den))
			return 0;
	if (c->out->total >= c->offset && (int64_t)c->out->n < c->limit) {
		ALLOC_GROW(c->out->rows, c->out->n + 1, c->cap);
		block_day_record(contract, metric, date, num, den, &c->out->rows[c->out->n++]);
	}
	c->out->total++;
	return 0;
}

static int block_list(struct store *s, const struct table *t, const struct record_filter *filters,
		      size_t n_filters, int64_t limit, int64_t offset, struct record_list *out,
		      struct buf *err)
{
	struct block_list_ctx c = { t, filters, n_filters, limit, offset, out, 0 };
	for (size_t i = 0; i < n_filters; i++)
		if (schema_column(t, filters[i].column) < 0) {
			buf_addf(err, "unknown column '%s' of %s", filters[i].column, t->name);
			return -2;
		}
	return blocks_each_measurement(s, block_list_one, &c, err) < 0 ? -1 : 0;
}

/* Deletes one day from its block (the block goes when it is empty). */
static int block_delete_day(struct store *s, const char *const *key, struct buf *err)
{
	struct day_block b;
	day_t day;
	int y, m, d;
	if (date_parse(key[2], strlen(key[2]), &day))
		return 1;
	int rc = blocks_read_month(s, key[0], key[1], date_month(day), &b, err);
	if (rc)
		return rc;
	date_to_ymd(day, &y, &m, &d);
	b.present &= ~(1u << (d - 1));
	b.touched &= ~(1u << (d - 1));
	return blocks_put_month(s, key[0], key[1], date_month(day), &b, err);
}

int records_get(struct store *s, const struct table *t, const char *const *key,
		struct record *out, struct buf *err)
{
	struct buf sql = BUF_INIT;
	struct stmt *st = NULL;
	int rc = -1, step;

	memset(out, 0, sizeof *out);
	if (t->blocks)
		return block_get(s, key, out, err);
	select_sql(t, &sql);
	key_where_sql(t, &sql);
	if (store_prepare(s, sql.data, &st, err))
		goto out;
	if (bind_key(st, 1, t, key)) {
		rc = 1;     /* a key that does not parse names no record */
		goto out;
	}
	step = stmt_step(st);
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	if (step == STORE_ROW) {
		row_from_stmt(t, st, out);
		rc = 0;
	} else {
		rc = 1;
	}
out:
	stmt_finalize(st);
	buf_release(&sql);
	return rc;
}

int records_get_cached(struct store *s, const struct table *t, struct stmt **st,
		       const char *const *key, struct record *out, struct buf *err)
{
	int rc = -1, step;
	memset(out, 0, sizeof *out);
	if (!*st) {
		struct buf sql = BUF_INIT;
		select_sql(t, &sql);
		key_where_sql(t, &sql);
		rc = store_prepare(s, sql.data, st, err);
		buf_release(&sql);
		if (rc)
			return -1;
	}
	if (bind_key(*st, 1, t, key)) {
		stmt_reset(*st);
		return 1;
	}
	step = stmt_step(*st);
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(*st));
	} else if (step == STORE_ROW) {
		row_from_stmt(t, *st, out);
		rc = 0;
	} else {
		rc = 1;
	}
	stmt_reset(*st);
	return rc;
}

/* "%text%" for LIKE with '!' as the escape character, lower case (ASCII;
 * Hangul has no case). */
static char *like_pattern(const char *text)
{
	struct buf p = BUF_INIT;
	buf_addc(&p, '%');
	for (const char *c = text; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '!')
			buf_addc(&p, '!');
		buf_addc(&p, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
	}
	buf_addc(&p, '%');
	return buf_detach(&p, NULL);
}

/* The text filter's condition: any text or id column contains the text, or
 * a referenced record's name does (a contract found by its client's name).
 * Appends one '?' per place the pattern is bound and returns their count. */
static int text_where_sql(const struct table *t, struct buf *where)
{
	int n = 0;
	buf_adds(where, where->len ? " AND (" : " WHERE (");
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		const struct table *rt = c->ref_table ? schema_find(c->ref_table) : NULL;
		if (c->type != COL_TEXT && c->type != COL_ID)
			continue;
		buf_addf(where, "%slower(%s) LIKE ? ESCAPE '!'", n ? " OR " : "", c->name);
		n++;
		if (rt && rt != t && schema_column(rt, "name") >= 0 && !rt->blocks) {
			buf_addf(where, " OR %s IN (SELECT id FROM %s WHERE lower(name) LIKE ? ESCAPE '!')",
				 c->name, rt->sql_name);
			n++;
		}
	}
	buf_adds(where, n ? ")" : "1 = 1)");
	return n;
}

int records_list(struct store *s, const struct table *t, const struct record_filter *filters,
		 size_t n_filters, int64_t limit, int64_t offset, struct record_list *out,
		 struct buf *err)
{
	return records_search(s, t, filters, n_filters, NULL, limit, offset, out, err);
}

int records_search(struct store *s, const struct table *t, const struct record_filter *filters,
		   size_t n_filters, const char *text, int64_t limit, int64_t offset,
		   struct record_list *out, struct buf *err)
{
	return records_search_sorted(s, t, filters, n_filters, text, -1, 0, limit, offset, out, err);
}

int records_search_sorted(struct store *s, const struct table *t, const struct record_filter *filters,
			  size_t n_filters, const char *text, int sort_col, int desc, int64_t limit,
			  int64_t offset, struct record_list *out, struct buf *err)
{
	char *pattern = NULL;
	int n_text = 0;
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct stmt *st = NULL;
	size_t cap = 0;
	int rc = -1, step;
	int cols[16];

	memset(out, 0, sizeof *out);
	if (t->blocks) {
		if (text && *text) {
			buf_addf(err, "no text filter on %s", t->name);
			return -2;
		}
		rc = block_list(s, t, filters, n_filters, limit, offset, out, err);
		if (rc)
			record_list_free(t, out);
		return rc;
	}
	if (n_filters > 16) {
		buf_addf(err, "too many filters (at most 16)");
		rc = -2;
		goto out;
	}
	for (size_t i = 0; i < n_filters; i++) {
		cols[i] = schema_column(t, filters[i].column);
		if (cols[i] < 0) {
			buf_addf(err, "unknown column '%s' of %s", filters[i].column, t->name);
			rc = -2;
			goto out;
		}
		buf_addf(&where, "%s%s = ?", i ? " AND " : " WHERE ", t->columns[cols[i]].name);
	}
	if (text && *text) {
		pattern = like_pattern(text);
		n_text = text_where_sql(t, &where);
	}
	for (int pass = 0; pass < 2; pass++) {
		buf_reset(&sql);
		if (pass == 0)
			buf_addf(&sql, "SELECT count(*) FROM %s%s", t->sql_name, where.data);
		else {
			select_sql(t, &sql);
			buf_adds(&sql, where.data);
			order_sql_by(t, sort_col, desc, &sql);
			buf_adds(&sql, " LIMIT ? OFFSET ?");
		}
		if (store_prepare(s, sql.data, &st, err))
			goto out;
		for (size_t i = 0; i < n_filters; i++)
			if (bind_value(st, (int)i + 1, &t->columns[cols[i]], filters[i].value)) {
				buf_addf(err, "bad value '%s' for %s", filters[i].value, filters[i].column);
				rc = -2;
				goto out;
			}
		for (int i = 0; i < n_text; i++)
			stmt_bind_str(st, (int)n_filters + 1 + i, pattern);
		if (pass == 1) {
			stmt_bind_int64(st, (int)n_filters + n_text + 1, limit);
			stmt_bind_int64(st, (int)n_filters + n_text + 2, offset);
		}
		while ((step = stmt_step(st)) == STORE_ROW) {
			if (pass == 0) {
				out->total = stmt_int64(st, 0);
				continue;
			}
			ALLOC_GROW(out->rows, out->n + 1, cap);
			row_from_stmt(t, st, &out->rows[out->n++]);
		}
		if (step == STORE_ERROR) {
			buf_addf(err, "%s", stmt_error(st));
			goto out;
		}
		stmt_finalize(st);
		st = NULL;
	}
	rc = 0;
out:
	stmt_finalize(st);
	xfree(pattern);
	buf_release(&where);
	buf_release(&sql);
	if (rc)
		record_list_free(t, out);
	return rc;
}

int records_named(struct store *s, const struct table *t, const char *text, int64_t limit,
		  struct named_record **out, size_t *n, struct buf *err)
{
	struct buf sql = BUF_INIT;
	struct stmt *st = NULL;
	size_t cap = 0;
	int step, contracts = !strcmp(t->name, "contracts");
	char *pattern = like_pattern(text);
	*out = NULL;
	*n = 0;
	if (contracts)
		buf_adds(&sql, "SELECT k.id, c.name, CASE WHEN lower(k.id) = lower(?) OR lower(c.name) = lower(?)"
			 " THEN 0 ELSE 1 END AS exact FROM contracts k JOIN clients c ON c.id = k.client_id"
			 " WHERE lower(k.id) LIKE ? ESCAPE '!' OR lower(c.name) LIKE ? ESCAPE '!'"
			 " ORDER BY exact, k.id LIMIT ?");
	else
		buf_addf(&sql, "SELECT id, name, CASE WHEN lower(id) = lower(?) OR lower(name) = lower(?)"
			 " THEN 0 ELSE 1 END AS exact FROM %s"
			 " WHERE lower(id) LIKE ? ESCAPE '!' OR lower(name) LIKE ? ESCAPE '!'"
			 " ORDER BY exact, id LIMIT ?", t->sql_name);
	if (t->blocks || schema_column(t, contracts ? "client_id" : "name") < 0) {
		buf_addf(err, "%s has no names", t->name);
		xfree(pattern);
		buf_release(&sql);
		return -2;
	}
	int rc = -1;
	if (store_prepare(s, sql.data, &st, err))
		goto out;
	stmt_bind_str(st, 1, text);
	stmt_bind_str(st, 2, text);
	stmt_bind_str(st, 3, pattern);
	stmt_bind_str(st, 4, pattern);
	stmt_bind_int64(st, 5, limit);
	while ((step = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		struct named_record *r = &(*out)[(*n)++];
		r->id = xstrdup(stmt_text(st, 0, NULL));
		r->name = stmt_is_null(st, 1) ? xstrdup("") : xstrdup(stmt_text(st, 1, NULL));
		r->exact = stmt_int64(st, 2) == 0;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(st);
	xfree(pattern);
	buf_release(&sql);
	if (rc) {
		named_records_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void named_records_free(struct named_record *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(r[i].id);
		xfree(r[i].name);
	}
	xfree(r);
}

int records_ids(struct store *s, const struct table *t, char ***ids, size_t *n, struct buf *err)
{
	struct buf sql = BUF_INIT;
	struct stmt *st = NULL;
	size_t cap = 0;
	int step, rc = -1;
	*ids = NULL;
	*n = 0;
	buf_addf(&sql, "SELECT %s FROM %s", t->columns[0].name, t->sql_name);
	if (store_prepare(s, sql.data, &st, err))
		goto out;
	while ((step = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*ids, *n + 1, cap);
		(*ids)[(*n)++] = xstrdup(stmt_text(st, 0, NULL));
	}
	if (step == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	else
		rc = 0;
out:
	stmt_finalize(st);
	buf_release(&sql);
	return rc;
}

void record_json(const struct table *t, const struct record *r, struct buf *out)
{
	buf_addc(out, '{');
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		const char *v = r->values[i];
		if (i)
			buf_addc(out, ',');
		json_write_string(out, c->name, strlen(c->name));
		buf_addc(out, ':');
		if (!v)
			buf_adds(out, "null");
		else if (schema_is_integer(c))
			buf_adds(out, v);     /* printed by us from an integer: a JSON number */
		else
			json_write_string(out, v, strlen(v));
	}
	buf_addc(out, '}');
}

void record_key_text(const struct table *t, const struct record *r, struct buf *out)
{
	int keys[8];
	size_t nk = record_key_columns(t, keys);
	for (size_t i = 0; i < nk; i++)
		buf_addf(out, "%s%s", i ? "/" : "", r->values[keys[i]] ? r->values[keys[i]] : "");
}

static void csv_field(struct buf *out, const char *v)
{
	if (!v)
		return;
	if (!strpbrk(v, ",\"\r\n")) {
		buf_adds(out, v);
		return;
	}
	buf_addc(out, '"');
	for (; *v; v++) {
		if (*v == '"')
			buf_addc(out, '"');
		buf_addc(out, *v);
	}
	buf_addc(out, '"');
}

void record_csv(const struct table *t, const char *const *values, struct buf *out)
{
	for (size_t i = 0; i < t->n_columns; i++)
		buf_addf(out, "%s%s", i ? "," : "", t->columns[i].name);
	buf_addc(out, '\n');
	for (size_t i = 0; i < t->n_columns; i++) {
		if (i)
			buf_addc(out, ',');
		csv_field(out, values[i]);
	}
	buf_addc(out, '\n');
}

int records_delete(struct store *s, const struct table *t, const char *const *key,
		   const char *actor, int *closed_year, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	struct record before;
	struct buf sql = BUF_INIT, bj = BUF_INIT, kt = BUF_INIT, cerr = BUF_INIT;
	struct stmt *st = NULL;
	int rc = -1, found = 1;

	if (store_begin(s, err))
		return -1;
	found = records_get(s, t, key, &before, err);
	if (found) {
		rc = found;
		goto out;
	}
	/* A record dated in a closed year goes only as a correction. */
	int dc = closed_date_column(t);
	if (dc >= 0) {
		record_key_text(t, &before, &kt);
		int crc = closed_check(s, actor, t->name, before.values[dc], kt.data, err);
		buf_reset(&kt);
		if (crc) {
			*closed_year = crc > 0 ? crc : 0;
			rc = crc > 0 ? 3 : -1;
			goto out;
		}
	}
	if (t->blocks) {
		if (block_delete_day(s, key, err))
			goto out;
	} else {
		buf_addf(&sql, "DELETE FROM %s", t->sql_name);
		key_where_sql(t, &sql);
		if (store_prepare(s, sql.data, &st, err))
			goto out;
		bind_key(st, 1, t, key);
		if (stmt_step(st) == STORE_ERROR) {
			buf_addf(err, "%s", stmt_error(st));
			goto out;
		}
		stmt_finalize(st);
		st = NULL;
	}
	record_json(t, &before, &bj);
	record_key_text(t, &before, &kt);
	struct audit_entry e = { actor, "delete", t->name, kt.data, bj.data, NULL };
	if (audit_append(s, &e, err) || store_bump_version(s, err))
		goto out;
	/* Foreign keys are deferred: a record still referred to fails here. */
	if (store_commit(s, &cerr)) {
		store_rollback(s);
		if (strstr(cerr.data, "FOREIGN KEY")) {
			buf_addf(err, "%s '%s' is still referred to by other records; delete or change those first",
				 t->name, kt.data);
			rc = 2;
		} else {
			buf_addf(err, "%s", cerr.data);
		}
		goto out;
	}
	rc = 0;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	stmt_finalize(st);
	if (!found)
		record_free(t, &before);
	buf_release(&sql);
	buf_release(&bj);
	buf_release(&kt);
	buf_release(&cerr);
	return rc;
}

int records_audit(struct store *s, const struct table *t, const char *action,
		  const struct record *before, const struct record *after, const char *actor,
		  struct buf *err)
{
	struct buf bj = BUF_INIT, aj = BUF_INIT, kt = BUF_INIT;
	int rc = -1;
	if (before)
		record_json(t, before, &bj);
	if (after) {
		record_json(t, after, &aj);
		record_key_text(t, after, &kt);
	} else if (before) {
		record_key_text(t, before, &kt);
	}
	struct audit_entry e = { actor, action, t->name, kt.data,
				 before ? bj.data : NULL, after ? aj.data : NULL };
	if (store_begin(s, err))
		goto out;
	if (audit_append(s, &e, err) || store_commit(s, err)) {
		store_rollback(s);
		goto out;
	}
	rc = 0;
out:
	buf_release(&bj);
	buf_release(&aj);
	buf_release(&kt);
	return rc;
}

void record_free(const struct table *t, struct record *r)
{
	if (r->values)
		for (size_t i = 0; i < t->n_columns; i++)
			xfree(r->values[i]);
	xfree(r->values);
	r->values = NULL;
}

void record_list_free(const struct table *t, struct record_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		record_free(t, &l->rows[i]);
	xfree(l->rows);
	memset(l, 0, sizeof *l);
}

int records_audit_list(struct store *s, int64_t limit, int64_t offset, const char *entity,
		       struct audit_row **rows, size_t *n, int64_t *total, struct buf *err)
{
	struct audit_query q = { .entity = entity };
	return records_audit_query(s, &q, limit, offset, rows, n, total, err);
}

int records_audit_query(struct store *s, const struct audit_query *q, int64_t limit, int64_t offset,
			struct audit_row **rows, size_t *n, int64_t *total, struct buf *err)
{
	/* Each filter: its condition and its value (NULL or "": no filter). */
	const struct { const char *sql, *value; } conds[] = {
		{ "actor = ?", q->actor },
		{ "entity = ?", q->entity },
		{ "entity_key = ?", q->key },
		{ "at >= ?", q->from },
		{ "at < ?", q->before },
	};
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct stmt *st;
	size_t cap = 0;
	int rc, p = 1;
	*rows = NULL;
	*n = 0;
	*total = 0;
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++)
		if (conds[i].value && *conds[i].value)
			buf_addf(&where, "%s%s", where.len ? " AND " : " WHERE ", conds[i].sql);
	buf_addf(&sql, "SELECT count(*) FROM audit_log%s", where.data);
	if (store_prepare(s, sql.data, &st, err))
		goto fail;
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++)
		if (conds[i].value && *conds[i].value)
			stmt_bind_str(st, p++, conds[i].value);
	*total = stmt_step(st) == STORE_ROW ? stmt_int64(st, 0) : 0;
	stmt_finalize(st);
	buf_reset(&sql);
	buf_addf(&sql, "SELECT seq, at, actor, action, entity, entity_key, before_value, after_value"
		 " FROM audit_log%s ORDER BY seq DESC LIMIT ? OFFSET ?", where.data);
	if (store_prepare(s, sql.data, &st, err))
		goto fail;
	p = 1;
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++)
		if (conds[i].value && *conds[i].value)
			stmt_bind_str(st, p++, conds[i].value);
	buf_release(&where);
	buf_release(&sql);
	stmt_bind_int64(st, p++, limit);
	stmt_bind_int64(st, p, offset);
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*rows, *n + 1, cap);
		struct audit_row *r = &(*rows)[(*n)++];
		r->seq = stmt_int64(st, 0);
		r->at = stmt_text_dup(st, 1);
		r->actor = stmt_text_dup(st, 2);
		r->action = stmt_text_dup(st, 3);
		r->entity = stmt_text_dup(st, 4);
		r->key = stmt_text_dup(st, 5);
		r->before = stmt_text_dup(st, 6);
		r->after = stmt_text_dup(st, 7);
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
fail:
	buf_release(&where);
	buf_release(&sql);
	return -1;
}

void records_audit_list_free(struct audit_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(rows[i].at);
		xfree(rows[i].actor);
		xfree(rows[i].action);
		xfree(rows[i].entity);
		xfree(rows[i].key);
		xfree(rows[i].before);
		xfree(rows[i].after);
	}
	xfree(rows);
}
