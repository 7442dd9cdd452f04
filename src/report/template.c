/* SPDX-License-Identifier: MIT */
/* The records workbook of template.h, written with libxlsxwriter and driven
 * by domain/schema.c, so a new column shows up here without a change. With
 * data, rows come as the exporter's CSV (the one place that turns stored
 * values into text), spooled through a temporary file so memory
 * stays flat however big measurements is; the workbook itself is written
 * in libxlsxwriter's constant-memory mode then. */
#include "report/template.h"

#include "domain/date.h"
#include "domain/schema.h"
#include "io/csv.h"
#include "report/xlsx_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* What each sheet holds, for the guide: the catalog's "workbook.sheet." entries. */
static const char *table_help(const char *table, enum lang lang)
{
	return i18n_named(lang, "workbook.sheet.", table);
}

static const char *const type_keys[] = {
	[COL_TEXT] = "workbook.type.text", [COL_ID] = "workbook.type.id",
	[COL_DATE] = "workbook.type.date", [COL_MONTH] = "workbook.type.month",
	[COL_DECIMAL] = "workbook.type.decimal", [COL_MONEY] = "workbook.type.money",
	[COL_COUNT] = "workbook.type.count", [COL_ENUM] = "workbook.type.enum",
	[COL_FLAG] = "workbook.type.flag", [COL_RATING] = "workbook.type.rating",
};

/* The note on a header cell: type, required, allowed values, reference. */
static void column_note(const struct column *c, enum lang lang, struct buf *out)
{
	buf_addf(out, "%s: %s", c->name, i18n(lang, type_keys[c->type]));
	if (c->flags & COL_KEY)
		buf_adds(out, i18n(lang, "workbook.note.key"));
	else if (c->flags & COL_REQUIRED)
		buf_adds(out, i18n(lang, "workbook.note.required"));
	else
		buf_adds(out, i18n(lang, "workbook.note.optional"));
	if (c->enum_values) {
		buf_adds(out, i18n(lang, "workbook.note.allowed"));
		for (size_t i = 0; c->enum_values[i]; i++)
			buf_addf(out, "%s%s", i ? ", " : "", c->enum_values[i]);
	}
	if (c->ref_table) {
		const char *args[] = { c->ref_table };
		i18n_add(out, lang, (c->flags & COL_PERSON) ? "workbook.note.ref_person" : "workbook.note.ref",
			 args, 1);
	}
	buf_addc(out, '.');
}

static double column_width(const struct column *c)
{
	switch (c->type) {
	case COL_TEXT: return 28;
	case COL_DATE: return 12;
	case COL_MONTH: return 10;
	case COL_ENUM: return 16;
	case COL_ID: return 14;
	default: return 13;
	}
}

struct formats {
	lxw_format *header, *date, *month, *text, *title, *bold, *wrap;
};

static void add_validation(lxw_worksheet *ws, lxw_col_t col, const struct column *c, enum lang lang)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof dv);
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = (char *)i18n(lang, "workbook.error_title");
	switch (c->type) {
	case COL_ENUM:
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)c->enum_values;
		break;
	case COL_FLAG:
	case COL_RATING:
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = c->type == COL_FLAG ? 0 : 1;
		dv.maximum_number = c->type == COL_FLAG ? 1 : 5;
		break;
	case COL_COUNT:
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		break;
	case COL_MONEY:
		dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		break;
	case COL_DATE:
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){ 1900, 1, 1, 0, 0, 0 };
		dv.maximum_datetime = (lxw_datetime){ 9999, 12, 31, 0, 0, 0 };
		break;
	default:
		return;
	}
	dv.error_message = (char *)i18n(lang, "workbook.error_message");
	worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
}

static void write_header(lxw_worksheet *ws, const struct table *t, const struct formats *f,
			 enum lang lang)
{
	struct buf note = BUF_INIT;
	lxw_comment_options copt;
	memset(&copt, 0, sizeof copt);
	copt.author = (char *)"Tandem";
	copt.width = 320;
	copt.height = 110;
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		lxw_format *colfmt = c->type == COL_DATE ? f->date : c->type == COL_MONTH ? f->month :
				     c->type == COL_ID || c->type == COL_TEXT ? f->text : NULL;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, column_width(c), colfmt);
		worksheet_write_string(ws, 0, (lxw_col_t)i, c->name, f->header);
		buf_reset(&note);
		column_note(c, lang, &note);
		worksheet_write_comment_opt(ws, 0, (lxw_col_t)i, note.data, &copt);
		add_validation(ws, (lxw_col_t)i, c, lang);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(t->n_columns - 1));
	buf_release(&note);
}

/* Significant digits of a plain decimal: at most 15 survive a double. */
static int fits_double(const char *s)
{
	int digits = 0, started = 0;
	for (; *s; s++) {
		if (*s >= '1' && *s <= '9')
			started = 1;
		if (started && *s >= '0' && *s <= '9')
			digits++;
	}
	return digits <= 15;
}

static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct column *c,
		       const char *s, size_t len, const struct formats *f)
{
	int y, m, d;
	day_t day;
	if (!len)
		return;
	switch (c->type) {
	case COL_DATE:
		if (!date_parse(s, len, &day)) {
			lxw_datetime dt;
			date_to_ymd(day, &y, &m, &d);
			dt = (lxw_datetime){ y, m, d, 0, 0, 0 };
			worksheet_write_datetime(ws, row, col, &dt, f->date);
			return;
		}
		break;
	case COL_DECIMAL:
	case COL_MONEY:
	case COL_COUNT:
	case COL_FLAG:
	case COL_RATING:
		if (fits_double(s)) {
			worksheet_write_number(ws, row, col, strtod(s, NULL), NULL);
			return;
		}
		break;
	default:
		break;
	}
	worksheet_write_string(ws, row, col, s, NULL);
}

/* Writes table t's rows: the exporter's CSV through a temporary file, then
 * cell by cell. */
static int write_rows(lxw_worksheet *ws, report_rows_fn rows, void *ctx, const struct table *t,
		      const struct formats *f, struct buf *err)
{
	char path[] = "/tmp/tandem-xlsx-XXXXXX";
	struct csv_reader *r = NULL;
	struct csv_record rec;
	FILE *tmp = NULL;
	int fd = mkstemp(path), rc = -1, got;
	lxw_row_t row = 1;

	if (fd < 0 || !(tmp = fdopen(fd, "w+b"))) {
		buf_addf(err, "cannot create a temporary file: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (rows(ctx, t, tmp, err))
		goto out;
	if (fflush(tmp)) {
		buf_addf(err, "cannot write a temporary file: %s", strerror(errno));
		goto out;
	}
	if (csv_open_file(&r, path, NULL, err))
		goto out;
	if (csv_next(r, &rec, err) < 0)        /* the header */
		goto out;
	while ((got = csv_next(r, &rec, err)) == 1) {
		if (row >= LXW_ROW_MAX) {
			buf_addf(err, "%s has more rows than a sheet holds (%d)", t->name, LXW_ROW_MAX - 1);
			goto out;
		}
		for (size_t i = 0; i < rec.n_fields && i < t->n_columns; i++)
			write_cell(ws, row, (lxw_col_t)i, &t->columns[i], rec.fields[i].data,
				   rec.fields[i].len, f);
		row++;
	}
	if (got < 0)
		goto out;
	rc = 0;
out:
	csv_close(r);
	if (tmp)
		fclose(tmp);
	if (fd >= 0)
		unlink(path);
	return rc;
}

static void write_guide(lxw_worksheet *ws, const struct formats *f, enum lang lang, int with_data)
{
	static const char *const lines[] = {
		"workbook.guide.1", "workbook.guide.2", "workbook.guide.3",
		"workbook.guide.4", "workbook.guide.5", "workbook.guide.6",
	};
	static const char *const heads[] = {
		"workbook.head.sheet", "workbook.head.what", "workbook.head.columns",
	};
	lxw_row_t row = 0;
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 70, f->wrap);
	worksheet_set_column(ws, 2, 2, 90, f->wrap);
	worksheet_write_string(ws, row++, 0, i18n(lang, "workbook.guide.title"), f->title);
	if (with_data)
		worksheet_write_string(ws, row++, 0, i18n(lang, "workbook.exported"), NULL);
	row++;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		worksheet_write_string(ws, row++, 0, i18n(lang, lines[i]), NULL);
	row++;
	for (lxw_col_t c = 0; c < 3; c++)
		worksheet_write_string(ws, row, c, i18n(lang, heads[c]), f->header);
	row++;
	for (size_t i = 0; i < schema_n_tables; i++) {
		const struct table *t = &schema_tables[i];
		struct buf cols = BUF_INIT;
		for (size_t k = 0; k < t->n_columns; k++)
			buf_addf(&cols, "%s%s%s", k ? ", " : "", t->columns[k].name,
				 (t->columns[k].flags & COL_REQUIRED) ? "*" : "");
		worksheet_write_string(ws, row, 0, t->name, f->bold);
		worksheet_write_string(ws, row, 1, table_help(t->name, lang), f->wrap);
		worksheet_write_string(ws, row, 2, cols.data, f->wrap);
		buf_release(&cols);
		row++;
	}
	worksheet_write_string(ws, ++row, 0, i18n(lang, "workbook.guide.required"), NULL);
}

int report_workbook_write(const char *path, report_rows_fn rows, void *ctx, enum lang lang,
			  struct buf *err)
{
	struct formats f;
	lxw_workbook *wb = report_xlsx_open(path, rows != NULL, &f.header, err);
	lxw_error lerr;
	int rc = -1;

	if (!wb)
		return -1;
	f.date = workbook_add_format(wb);
	format_set_num_format(f.date, "yyyy-mm-dd");
	f.month = workbook_add_format(wb);
	format_set_num_format(f.month, "@");
	f.text = workbook_add_format(wb);
	format_set_num_format(f.text, "@");
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.wrap = workbook_add_format(wb);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);

	write_guide(workbook_add_worksheet(wb, i18n(lang, "workbook.guide_sheet")), &f, lang, rows != NULL);
	for (size_t i = 0; i < schema_n_tables; i++) {
		const struct table *t = &schema_tables[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, t->name);
		write_header(ws, t, &f, lang);
		if (rows && write_rows(ws, rows, ctx, t, &f, err))
			goto out;
	}
	rc = 0;
out:
	lerr = workbook_close(wb);
	if (!rc && lerr != LXW_NO_ERROR) {
		buf_addf(err, "cannot write '%s': %s", path, lxw_strerror(lerr));
		rc = -1;
	}
	return rc;
}
