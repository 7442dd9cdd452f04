/* SPDX-License-Identifier: MIT */
/* The exporter of export.h. Cells are printed from their stored form:
 * micro-unit integers as the shortest exact decimal, dates as stored. */
#include "store/export.h"

#include "domain/decimal.h"
#include "io/csv.h"
#include "io/jsonw.h"
#include "store/blocks.h"

#include <string.h>

static void cell_text(const struct column *c, struct stmt *st, int col, struct buf *out)
{
	if (stmt_is_null(st, col))
		return;
	if (c->type == COL_DECIMAL || c->type == COL_MONEY) {
		char num[32];
		decimal_format(stmt_int64(st, col), num);
		buf_adds(out, num);
	} else if (schema_is_integer(c)) {
		buf_addf(out, "%lld", (long long)stmt_int64(st, col));
	} else {
		size_t len;
		const char *t = stmt_text(st, col, &len);
		buf_add(out, t, len);
	}
}

struct block_export {
	enum export_format fmt;
	FILE *out;
	struct buf line;
	uint64_t rows;
};

/* One measurement of the block store, as a CSV row or JSON object of the
 * measurements columns (contract_id, metric, date, numerator, denominator). */
static int export_measurement(void *ctx, const char *contract, const char *metric, day_t date,
			      micro_t num, micro_t den)
{
	struct block_export *x = ctx;
	char d[11], n[32], dn[32];
	date_format(date, d);
	decimal_format(num, n);
	decimal_format(den, dn);
	if (x->fmt == EXPORT_CSV) {
		csv_write_field(&x->line, contract, strlen(contract));
		buf_addc(&x->line, ',');
		csv_write_field(&x->line, metric, strlen(metric));
		buf_addf(&x->line, ",%s,%s,%s\n", d, n, dn);
	} else {
		buf_adds(&x->line, x->rows ? ",\n  {\"contract_id\": " : "\n  {\"contract_id\": ");
		json_write_string(&x->line, contract, strlen(contract));
		buf_adds(&x->line, ", \"metric\": ");
		json_write_string(&x->line, metric, strlen(metric));
		buf_addf(&x->line, ", \"date\": \"%s\", \"numerator\": %s, \"denominator\": %s}", d, n, dn);
	}
	x->rows++;
	if (x->line.len > 1 << 16) {
		fwrite(x->line.data, 1, x->line.len, x->out);
		buf_reset(&x->line);
	}
	return 0;
}

static int export_blocks(struct store *s, const struct table *t, enum export_format fmt,
			 FILE *out, struct buf *err)
{
	struct block_export x = { fmt, out, BUF_INIT, 0 };
	int rc;
	if (fmt == EXPORT_CSV) {
		for (size_t i = 0; i < t->n_columns; i++)
			buf_addf(&x.line, "%s%s", i ? "," : "", t->columns[i].name);
		buf_addc(&x.line, '\n');
	} else {
		buf_adds(&x.line, "[");
	}
	rc = blocks_each_measurement(s, export_measurement, &x, err);
	if (!rc && fmt == EXPORT_JSON)
		buf_adds(&x.line, x.rows ? "\n]\n" : "]\n");
	fwrite(x.line.data, 1, x.line.len, out);
	buf_release(&x.line);
	if (!rc && ferror(out)) {
		buf_addf(err, "%s: write failed", t->name);
		rc = -1;
	}
	return rc ? -1 : 0;
}

int store_export_table(struct store *s, const struct table *t, enum export_format fmt,
		       FILE *out, struct buf *err)
{
	struct buf sql = BUF_INIT, line = BUF_INIT, cell = BUF_INIT;
	struct stmt *st = NULL;
	int rc = -1, step, first_key = 1;
	uint64_t rows = 0;

	if (t->blocks)
		return export_blocks(s, t, fmt, out, err);
	buf_adds(&sql, "SELECT ");
	for (size_t i = 0; i < t->n_columns; i++)
		buf_addf(&sql, "%s%s", i ? ", " : "", t->columns[i].name);
	buf_addf(&sql, " FROM %s ORDER BY ", t->sql_name);
	for (size_t i = 0; i < t->n_columns; i++) {
		if (!(t->columns[i].flags & COL_KEY))
			continue;
		buf_addf(&sql, "%s%s%s", first_key ? "" : ", ", t->columns[i].name,
			 s->ops->kind == STORE_POSTGRES ? " COLLATE \"C\"" : "");
		first_key = 0;
	}
	if (store_prepare(s, sql.data, &st, err))
		goto out;
	if (fmt == EXPORT_CSV) {
		for (size_t i = 0; i < t->n_columns; i++)
			buf_addf(&line, "%s%s", i ? "," : "", t->columns[i].name);
		buf_addc(&line, '\n');
	} else {
		buf_adds(&line, "[");
	}
	while ((step = stmt_step(st)) == STORE_ROW) {
		if (fmt == EXPORT_CSV) {
			for (size_t i = 0; i < t->n_columns; i++) {
				buf_reset(&cell);
				cell_text(&t->columns[i], st, (int)i, &cell);
				if (i)
					buf_addc(&line, ',');
				csv_write_field(&line, cell.data, cell.len);
			}
			buf_addc(&line, '\n');
		} else {
			buf_adds(&line, rows ? ",\n  {" : "\n  {");
			for (size_t i = 0; i < t->n_columns; i++) {
				const struct column *c = &t->columns[i];
				buf_addf(&line, "%s\"%s\": ", i ? ", " : "", c->name);
				if (stmt_is_null(st, (int)i)) {
					buf_adds(&line, "null");
					continue;
				}
				buf_reset(&cell);
				cell_text(c, st, (int)i, &cell);
				if (schema_is_integer(c))
					buf_add(&line, cell.data, cell.len);
				else
					json_write_string(&line, cell.data, cell.len);
			}
			buf_adds(&line, "}");
		}
		rows++;
		if (line.len > 1 << 16) {
			fwrite(line.data, 1, line.len, out);
			buf_reset(&line);
		}
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s: %s", t->name, stmt_error(st));
		goto out;
	}
	if (fmt == EXPORT_JSON)
		buf_adds(&line, rows ? "\n]\n" : "]\n");
	fwrite(line.data, 1, line.len, out);
	rc = ferror(out) ? -1 : 0;
	if (rc)
		buf_addf(err, "%s: write failed", t->name);
out:
	stmt_finalize(st);
	buf_release(&sql);
	buf_release(&line);
	buf_release(&cell);
	return rc;
}
