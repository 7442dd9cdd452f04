/* SPDX-License-Identifier: MIT */
/* Unit tests of the XLSX reader (src/io/xlsx_read.c) over workbooks built
 * here part by part with libzip, so every form a producer may use is
 * covered exactly: shared strings with rich runs and phonetic text, inline
 * strings, numbers in exponent form, booleans, errors, ISO dates, date
 * styles built-in and custom in the 1900 and 1904 systems, prefixed
 * namespaces, cells without references; and the malformed cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zip.h>

#include "domain/schema.h"
#include "io/xlsx_read.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

static const char wb_rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";

/* Styles: xf 0 general, 1 built-in date (14), 2 custom "yyyy\-mm",
 * 3 a time of day (built-in 20), 4 a quoted "d" that is not a date. */
static const char styles[] =
	"<?xml version=\"1.0\"?><styleSheet " NS ">"
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0&quot;d&quot;\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"20\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";

static const char shared[] =
	"<?xml version=\"1.0\"?><sst " NS " count=\"6\" uniqueCount=\"6\">"
	"<si><t>contract_id</t></si><si><t>month</t></si><si><t>revenue</t></si>"
	"<si><r><t>누리</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">온 텔레콤</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>ヌリ</t></rPh></si>"
	"<si><t>cost</t></si><si><t>a,\"b\"\nc</t></si></sst>";

struct part { const char *name, *text; };

/* Builds a zip of parts in memory; the caller frees *data. */
static void make_zip(const struct part *parts, size_t n, void **data, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	*data = xmalloc(*len ? *len : 1);
	assert_int_equal(zip_source_read(src, *data, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* A workbook with sheets "financials" (sheet1) and "misc" (sheet2). */
static struct xlsx_book *open_book(const char *workbook, const char *sheet1, const char *sheet2,
				   void **data, struct buf *err)
{
	const struct part parts[] = {
		{ "_rels/.rels", rels }, { "xl/workbook.xml", workbook },
		{ "xl/_rels/workbook.xml.rels", wb_rels }, { "xl/sharedStrings.xml", shared },
		{ "xl/styles.xml", styles }, { "xl/worksheets/sheet1.xml", sheet1 },
		{ "xl/worksheets/sheet2.xml", sheet2 },
	};
	struct xlsx_book *b = NULL;
	size_t len;
	make_zip(parts, sizeof parts / sizeof *parts, data, &len);
	if (xlsx_open_mem(&b, "book.xlsx", *data, len, err))
		return NULL;
	return b;
}

static const char workbook_1900[] =
	"<?xml version=\"1.0\"?><workbook " NS "><workbookPr/><sheets>"
	"<sheet name=\"financials\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"misc\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

static const char workbook_1904[] =
	"<?xml version=\"1.0\"?><x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<x:workbookPr date1904=\"1\"/><x:sheets>"
	"<x:sheet name=\"financials\" sheetId=\"1\" rel:id=\"rId1\"/>"
	"<x:sheet name=\"misc\" sheetId=\"2\" rel:id=\"rId2\"/></x:sheets></x:workbook>";

/* financials: a header with shared strings; an empty row 2 (styled cells
 * only); row 3 a month as a custom-styled date and numbers; row 5 a
 * built-in date in a month column, a number in exponent form. */
static const char fin_sheet[] =
	"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>4</v></c></row>"
	"<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\" t=\"s\" s=\"0\"></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>CT01</t></is></c>"
	"<c r=\"B3\" s=\"2\"><v>45352</v></c><c r=\"C3\"><v>1.5E+3</v></c><c r=\"D3\"><v>0.07000000000000001</v></c></row>"
	"<row r=\"5\"><c t=\"inlineStr\"><is><t>CT02</t></is></c>"
	"<c s=\"1\"><v>45366</v></c><c><v>-0</v></c><c><v>1E-7</v></c></row>"
	"</sheetData></worksheet>";

/* misc: every other kind of value, in a sheet with no table. */
static const char misc_sheet[] =
	"<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
	"<row r=\"2\"><c r=\"B2\" t=\"s\"><v>3</v></c><c r=\"C2\" t=\"b\"><v>1</v></c>"
	"<c r=\"D2\" t=\"e\"><v>#N/A</v></c><c r=\"E2\" t=\"str\"><f>A1</f><v>x</v></c>"
	"<c r=\"F2\" t=\"d\"><v>2024-02-29T00:00:00</v></c><c r=\"G2\" s=\"1\"><v>60</v></c>"
	"<c r=\"H2\" s=\"1\"><v>45366.5</v></c><c r=\"I2\" s=\"3\"><v>0.5</v></c>"
	"<c r=\"J2\" s=\"4\"><v>7</v></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"C3\"><v>123456789012345678</v></c></row>"
	"</sheetData></worksheet>";

static void xlsx_serial_days_1900_and_1904(void **state)
{
	day_t d;
	char text[11];
	(void)state;
	assert_int_equal(xlsx_serial_day(1, 0, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "1900-01-01");
	assert_int_equal(xlsx_serial_day(59, 0, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "1900-02-28");
	assert_int_equal(xlsx_serial_day(60, 0, &d), -2);
	assert_int_equal(xlsx_serial_day(61, 0, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "1900-03-01");
	assert_int_equal(xlsx_serial_day(45366.75, 0, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "2024-03-15");
	assert_int_equal(xlsx_serial_day(0, 1, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "1904-01-01");
	assert_int_equal(xlsx_serial_day(45366 - 1462, 1, &d), 0);
	date_format(d, text);
	assert_string_equal(text, "2024-03-15");
	assert_int_equal(xlsx_serial_day(0, 0, &d), -1);
	assert_int_equal(xlsx_serial_day(-3, 0, &d), -1);
	assert_int_equal(xlsx_serial_day(3e6, 0, &d), -1);
}

static void xlsx_column_names(void **state)
{
	static const struct { unsigned col; const char *name; } cases[] = {
		{ 1, "A" }, { 3, "C" }, { 26, "Z" }, { 27, "AA" }, { 52, "AZ" }, { 703, "AAA" },
		{ 16384, "XFD" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;
		xlsx_column_name(&b, cases[i].col);
		assert_string_equal(b.data, cases[i].name);
		buf_release(&b);
	}
}

static void xlsx_sheet_as_csv(void **state)
{
	struct buf err = BUF_INIT, where = BUF_INIT;
	struct xlsx_csv csv = XLSX_CSV_INIT;
	void *data = NULL;
	struct xlsx_book *b = open_book(workbook_1900, fin_sheet, misc_sheet, &data, &err);
	(void)state;
	assert_non_null(b);
	assert_int_equal(xlsx_n_sheets(b), 2);
	assert_string_equal(xlsx_sheet_name(b, 0), "financials");
	assert_string_equal(xlsx_sheet_name(b, 1), "misc");
	assert_int_equal(xlsx_date1904(b), 0);
	assert_int_equal(xlsx_sheet_csv(b, 0, schema_find("financials"), 0, &csv, &err), 0);
	assert_string_equal(csv.text.data,
			    "contract_id,month,revenue,cost\n"
			    "CT01,2024-03,1500,0.07\n"
			    "CT02,2024-03-15,0,0.0000001\n");
	/* Line 3 of the CSV is row 5 of the sheet; line 1 is row 1. */
	xlsx_csv_where(&csv, 3, 2, &where);
	assert_string_equal(where.data, "book.xlsx:financials!B5");
	buf_reset(&where);
	xlsx_csv_where(&csv, 1, 4, &where);
	assert_string_equal(where.data, "book.xlsx:financials!D1");
	buf_reset(&where);
	xlsx_csv_where(&csv, 2, 1, &where);
	assert_string_equal(where.data, "book.xlsx:financials!A3");
	xlsx_csv_release(&csv);

	/* Without a table, the first row with a value is the header; cells
	 * from column A on, so positions map back column for column. */
	assert_int_equal(xlsx_sheet_csv(b, 1, NULL, 0, &csv, &err), 0);
	assert_string_equal(csv.text.data,
			    ",누리온 텔레콤,1,#N/A,x,2024-02-29,1900-02-29,2024-03-15 12:00:00,0.5,7\n"
			    "\"a,\"\"b\"\"\nc\",,123456789012345678,,,,,,,\n");
	buf_reset(&where);
	xlsx_csv_where(&csv, 2, 3, &where);
	assert_string_equal(where.data, "book.xlsx:misc!C3");
	xlsx_csv_release(&csv);
	assert_string_equal(err.data, "");
	xlsx_close(b);
	free(data);
	buf_release(&err);
	buf_release(&where);
}

static void xlsx_1904_dates_and_prefixes(void **state)
{
	struct buf err = BUF_INIT;
	struct xlsx_csv csv = XLSX_CSV_INIT;
	void *data = NULL;
	struct xlsx_book *b = open_book(workbook_1904, fin_sheet, misc_sheet, &data, &err);
	(void)state;
	assert_non_null(b);
	assert_int_equal(xlsx_date1904(b), 1);
	assert_int_equal(xlsx_sheet_csv(b, 0, schema_find("financials"), 0, &csv, &err), 0);
	/* The same serials read 1462 days (four years and a day) later. */
	assert_string_equal(csv.text.data,
			    "contract_id,month,revenue,cost\n"
			    "CT01,2028-03-02,1500,0.07\n"
			    "CT02,2028-03-16,0,0.0000001\n");
	xlsx_csv_release(&csv);
	xlsx_close(b);
	free(data);
	buf_release(&err);
}

static void expect_sheet_error(const char *sheet, const char *message)
{
	struct buf err = BUF_INIT;
	struct xlsx_csv csv = XLSX_CSV_INIT;
	void *data = NULL;
	struct xlsx_book *b = open_book(workbook_1900, sheet, misc_sheet, &data, &err);
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_csv(b, 0, NULL, 0, &csv, &err), -1);
	assert_string_equal(err.data, message);
	xlsx_csv_release(&csv);
	xlsx_close(b);
	free(data);
	buf_release(&err);
}

static void xlsx_malformed_sheets(void **state)
{
	(void)state;
	expect_sheet_error("<worksheet><sheetData><row r=\"4\"><c r=\"C4\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>",
			   "book.xlsx:financials!C4: refers to a shared string that does not exist");
	expect_sheet_error("<worksheet><sheetData><row><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>",
			   "book.xlsx:financials!A1: cell out of order (columns must increase along a row)");
	expect_sheet_error("<worksheet><sheetData><row><c><v>abc</v></c></row></sheetData></worksheet>",
			   "book.xlsx:financials!A1: holds a number that does not read as one");
	expect_sheet_error("<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>",
			   "book.xlsx: sheet 'financials' is not well-formed XML (line 1): mismatched tag");
	expect_sheet_error("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>",
			   "book.xlsx: a document type declaration is not allowed");
}

static void xlsx_not_a_workbook(void **state)
{
	struct xlsx_book *b = NULL;
	struct buf err = BUF_INIT;
	void *data;
	size_t len;
	const struct part parts[] = { { "hello.txt", "hi" } };
	(void)state;
	assert_int_equal(xlsx_open_mem(&b, "x.xlsx", "PK\3\4junk", 9, &err), -1);
	assert_non_null(strstr(err.data, "x.xlsx: not an XLSX file: "));
	buf_reset(&err);
	make_zip(parts, 1, &data, &len);
	assert_int_equal(xlsx_open_mem(&b, "x.xlsx", data, len, &err), -1);
	assert_string_equal(err.data, "x.xlsx: not an XLSX file: xl/workbook.xml is missing");
	free(data);
	buf_reset(&err);
	assert_int_equal(xlsx_open_file(&b, "/nonexistent/book.xlsx", &err), -1);
	assert_string_equal(err.data, "/nonexistent/book.xlsx: cannot read: No such file or directory");
	buf_release(&err);
}

static void xlsx_csv_size_cap(void **state)
{
	struct buf err = BUF_INIT;
	struct xlsx_csv csv = XLSX_CSV_INIT;
	void *data = NULL;
	struct xlsx_book *b = open_book(workbook_1900, fin_sheet, misc_sheet, &data, &err);
	(void)state;
	assert_non_null(b);
	assert_int_equal(xlsx_sheet_csv(b, 0, NULL, 40, &csv, &err), -1);
	assert_string_equal(err.data, "book.xlsx:financials: the sheet is larger than 40 bytes as CSV");
	xlsx_csv_release(&csv);
	xlsx_close(b);
	free(data);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xlsx_serial_days_1900_and_1904),
		cmocka_unit_test(xlsx_column_names),
		cmocka_unit_test(xlsx_sheet_as_csv),
		cmocka_unit_test(xlsx_1904_dates_and_prefixes),
		cmocka_unit_test(xlsx_malformed_sheets),
		cmocka_unit_test(xlsx_not_a_workbook),
		cmocka_unit_test(xlsx_csv_size_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
