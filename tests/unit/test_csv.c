/* SPDX-License-Identifier: MIT */
/* Unit tests for src/io/csv.c: every RFC 4180 case, the reader's errors with
 * their exact text, chunk-boundary splits, CP949 decoding and the writer.
 * Each test reads its input into a printable transcript and compares it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/csv.h"

#define CHUNK (64 * 1024)

/* Reads every record of data into out as "LINE[field][field]\n" lines and
 * returns the last csv_next() result (0 at end, -1 with err set). */
static int transcript_opt(const char *data, size_t len,
			  const struct csv_options *opt, struct buf *out,
			  struct buf *err)
{
	struct csv_reader *r = NULL;
	struct csv_record rec;
	int rc;

	if (csv_open_mem(&r, data, len, opt, err) < 0)
		return -2;
	while ((rc = csv_next(r, &rec, err)) == 1) {
		buf_addf(out, "%lu", rec.line);
		for (size_t i = 0; i < rec.n_fields; i++) {
			assert_int_equal(strlen(rec.fields[i].data),
					 rec.fields[i].len);
			buf_addc(out, '[');
			buf_add(out, rec.fields[i].data, rec.fields[i].len);
			buf_addc(out, ']');
		}
		buf_addc(out, '\n');
	}
	csv_close(r);
	return rc;
}

/* Asserts that data reads cleanly and gives exactly want. */
static void expect_records(const char *data, size_t len, const char *want)
{
	struct buf out = BUF_INIT, err = BUF_INIT;

	assert_int_equal(transcript_opt(data, len, NULL, &out, &err), 0);
	assert_string_equal(out.data, want);
	assert_string_equal(err.data, "");
	buf_release(&out);
	buf_release(&err);
}

/* Asserts that data fails with exactly msg after the records in want. */
static void expect_error_opt(const char *data, size_t len,
			     const struct csv_options *opt, const char *want,
			     const char *msg)
{
	struct buf out = BUF_INIT, err = BUF_INIT;

	assert_int_equal(transcript_opt(data, len, opt, &out, &err), -1);
	assert_string_equal(out.data, want);
	assert_string_equal(err.data, msg);
	buf_release(&out);
	buf_release(&err);
}

/* The cases that read one text and compare the transcript (and the error,
 * for FAILS), by the test they belong to: each test runs its rows. */
static const struct read_case {
	const char *test;
	const char *data;
	size_t len;
	const char *want;
	const char *msg;        /* NULL: the text reads cleanly */
} read_cases[] = {
#define READS(test, lit, want) { #test, lit, sizeof(lit) - 1, want, NULL }
#define FAILS(test, lit, want, msg) { #test, lit, sizeof(lit) - 1, want, msg }
	READS(csv_simple, "id,name\n1,alpha\n2,beta\n", "1[id][name]\n2[1][alpha]\n3[2][beta]\n"),
	READS(csv_quoted_fields, "\"a\",\"b c\"\n\"1\",2\n", "1[a][b c]\n2[1][2]\n"),
	READS(csv_embedded_comma, "x,\"Seoul, Korea\",y\n", "1[x][Seoul, Korea][y]\n"),
	/* The record after a two-line field starts on physical line 4. */
	READS(csv_lf_inside_quotes, "h\n\"line1\nline2\",z\nnext\n", "1[h]\n2[line1\nline2][z]\n4[next]\n"),
	READS(csv_crlf_inside_quotes, "a,\"x\r\ny\"\r\nb,c\r\n", "1[a][x\r\ny]\n3[b][c]\n"),
	READS(csv_cr_inside_quotes_kept, "\"a\rb\"\n", "1[a\rb]\n"),
	READS(csv_doubled_quotes, "\"say \"\"hi\"\"\",\"\"\"\"\n", "1[say \"hi\"][\"]\n"),
	READS(csv_empty_fields, ",,\na,,b\n", "1[][][]\n2[a][][b]\n"),
	READS(csv_trailing_comma_empty_last_field, "a,b,\nc,d,\n", "1[a][b][]\n2[c][d][]\n"),
	READS(csv_trailing_comma_empty_last_field, "a,", "1[a][]\n"),
	READS(csv_empty_quoted_field, "\"\",x,\"\"\n\"\"\n", "1[][x][]\n2[]\n"),
	READS(csv_bom_skipped, "\xEF\xBB\xBFid,name\n1,x\n", "1[id][name]\n2[1][x]\n"),
	READS(csv_bom_skipped, "\xEF\xBB\xBF", ""),
	/* A BOM anywhere else is data. */
	READS(csv_bom_skipped, "a\n\xEF\xBB\xBF" "b\n", "1[a]\n2[\xEF\xBB\xBF" "b]\n"),
	READS(csv_crlf_line_ends, "a,b\r\nc,\"d\"\r\n", "1[a][b]\n2[c][d]\n"),
	READS(csv_no_final_newline, "a,b\nc,d", "1[a][b]\n2[c][d]\n"),
	READS(csv_no_final_newline, "a,\"b\"", "1[a][b]\n"),
	READS(csv_cr_at_end_of_input, "a,b\r", "1[a][b]\n"),
	READS(csv_cr_at_end_of_input, "a,\"b\"\r", "1[a][b]\n"),
	READS(csv_blank_line_in_middle, "a\n\nb\n", "1[a]\n2[]\n3[b]\n"),
	READS(csv_blank_line_in_middle, "a\r\n\r\n\r\nb\r\n", "1[a]\n2[]\n3[]\n4[b]\n"),
	READS(csv_blank_line_in_middle, "\nb", "1[]\n2[b]\n"),
	READS(csv_trailing_blank_lines_not_records, "a\n\n", "1[a]\n"),
	READS(csv_trailing_blank_lines_not_records, "a\r\n\r\n\n\n", "1[a]\n"),
	READS(csv_trailing_blank_lines_not_records, "\n\n", ""),
	READS(csv_only_header, "id,name,team\n", "1[id][name][team]\n"),
	READS(csv_empty_file, "", ""),
	READS(csv_utf8_data, "\xEA\xB0\x80,\"\xF0\x9F\x98\x80\"\n", "1[\xEA\xB0\x80][\xF0\x9F\x98\x80]\n"),
	FAILS(csv_stray_quote, "a,b\nc,d\"e\n", "1[a][b]\n", "2:2: stray quote in unquoted field"),
	FAILS(csv_stray_quote, " \"x\"\n", "", "1:1: stray quote in unquoted field"),
	FAILS(csv_text_after_closing_quote, "a,\"b\"c\n", "", "1:2: text after closing quote"),
	FAILS(csv_text_after_closing_quote, "\"a\" ,b\n", "", "1:1: text after closing quote"),
	FAILS(csv_text_after_closing_quote, "x\n\"a\nb\"z\n", "1[x]\n", "3:1: text after closing quote"),
	FAILS(csv_unterminated_quote_at_eof, "h1,h2\nv,\"open\nmore\nstill\n", "1[h1][h2]\n", "2:2: unterminated quoted field"),
	FAILS(csv_unterminated_quote_at_eof, "\"", "", "1:1: unterminated quoted field"),
	FAILS(csv_unterminated_quote_at_eof, "\"ab\"\"", "", "1:1: unterminated quoted field"),
	FAILS(csv_nul_byte, "a,b\nc,d\0e\n", "1[a][b]\n", "2:2: NUL byte in input"),
	FAILS(csv_nul_byte, "\"x\0\"\n", "", "1:1: NUL byte in input"),
	FAILS(csv_nul_byte, "\"x\"\0\n", "", "1:1: NUL byte in input"),
	/* Latin-1 "café": 0xE9 is the 6th character of line 2. */
	FAILS(csv_invalid_utf8, "a,b\nx,caf\xE9\n", "1[a][b]\n", "2:2: invalid UTF-8 (byte 0xE9 at character 6 of the " "line)"),
	/* Characters, not bytes: two 3-byte characters come before it. */
	FAILS(csv_invalid_utf8, "\xEA\xB0\x80\xEA\xB0\x80,\xC3(\n", "", "1:2: invalid UTF-8 (byte 0xC3 at character 4 of the " "line)"),
	/* Inside quotes, counted from the last line break in the field. */
	FAILS(csv_invalid_utf8, "\"ab\ncd\x80\"\n", "", "2:1: invalid UTF-8 (byte 0x80 at character 3 of the " "line)"),
	/* overlong '/', surrogate, above U+10FFFF, truncated at the end */
	FAILS(csv_invalid_utf8_forms, "\xC0\xAF\n", "", "1:1: invalid UTF-8 (byte 0xC0 at " "character 1 of the line)"),
	FAILS(csv_invalid_utf8_forms, "\xED\xA0\x80\n", "", "1:1: invalid UTF-8 (byte 0xED at " "character 1 of the line)"),
	FAILS(csv_invalid_utf8_forms, "\xF4\x90\x80\x80\n", "", "1:1: invalid UTF-8 (byte 0xF4 " "at character 1 of the line)"),
	FAILS(csv_invalid_utf8_forms, "ab\xE2\x82", "", "1:1: invalid UTF-8 (byte 0xE2 at " "character 3 of the line)"),
	/* The BOM is not counted as a character. */
	FAILS(csv_invalid_utf8_forms, "\xEF\xBB\xBF" "a\xFF", "", "1:1: invalid UTF-8 (byte " "0xFF at character 2 of the line)"),
	FAILS(csv_bare_cr_is_error, "a,b\rc,d\r", "", "1:2: bare CR not followed by LF"),
	FAILS(csv_bare_cr_is_error, "a\n\rb\n", "1[a]\n", "2:1: bare CR not followed by LF"),
#undef READS
#undef FAILS
};

/* Runs the rows of read_cases whose test is *state (there is at least one). */
static void run_read_cases(void **state)
{
	const char *test = *state;
	int rows = 0;

	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];
		if (strcmp(c->test, test))
			continue;
		if (c->msg)
			expect_error_opt(c->data, c->len, NULL, c->want, c->msg);
		else
			expect_records(c->data, c->len, c->want);
		rows++;
	}
	assert_true(rows > 0);
}
#define read_test(name) { #name, run_read_cases, NULL, NULL, (void *)#name }


static void csv_empty_last_field_at_end_of_input(void **state)
{
	(void)state;
	/* Regression (found by fuzzing): an empty last field with no line
	 * end wrote its NUL past the record buffer when the text before it
	 * filled the buffer exactly. Lengths around each growth step. */
	for (size_t n = 1; n < 1100; n++) {
		char *data = malloc(n + 1);
		struct buf want = BUF_INIT;

		assert_non_null(data);
		memset(data, 'x', n);
		data[n] = ',';
		buf_adds(&want, "1[");
		buf_add(&want, data, n);
		buf_adds(&want, "][]\n");
		expect_records(data, n + 1, want.data);
		buf_release(&want);
		free(data);
	}
}

static void csv_record_too_long(void **state)
{
	struct csv_options opt = { .max_record = 8 };
	(void)state;

	/* "abc,defg" is 8 bytes: allowed; "abc,defgh" is 9. */
	expect_error_opt("abc,defg\nabc,defgh\n", 19, &opt, "1[abc][defg]\n",
			 "2:2: record longer than 8 bytes");
	expect_error_opt("\"abcdefg\"\n", 10, &opt, "",
			 "1:1: record longer than 8 bytes");
	expect_error_opt("a,\"b\nccccccc\"\n", 14, &opt, "",
			 "1:2: record longer than 8 bytes");
	expect_error_opt("a,,,,,,,,\n", 10, &opt, "",
			 "1:9: record longer than 8 bytes");
}

static void csv_record_too_long_default_fails_fast(void **state)
{
	size_t len = 8u << 20;
	char *data = malloc(len);
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	(void)state;

	assert_non_null(data);
	memset(data, 'x', len);
	assert_int_equal(csv_open_mem(&r, data, len, NULL, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), -1);
	assert_string_equal(err.data, "1:1: record longer than 1048576 bytes");
	/* It stopped after the cap, not at the end of the line. */
	assert_true(csv_bytes_read(r) <= CSV_DEFAULT_MAX_RECORD + 2 * CHUNK);
	assert_int_equal(csv_bytes_total(r), len);
	csv_close(r);
	buf_release(&err);
	free(data);
}

/* Builds a filler record of exactly pad bytes (with its LF), then tail. */
static char *with_prefix(size_t pad, const char *tail, size_t tail_len,
			 size_t *len)
{
	char *data = malloc(pad + tail_len);

	assert_non_null(data);
	memset(data, 'p', pad - 1);
	data[pad - 1] = '\n';
	memcpy(data + pad, tail, tail_len);
	*len = pad + tail_len;
	return data;
}

static void csv_field_split_across_chunk_boundary(void **state)
{
	static const char tail[] = "a,\"q\"\"u,\r\n\xEA\xB0\x80\"\r\n"
				   "\xF0\x9F\x98\x80z,\"\"\r\nlast";
	(void)state;

	/* Slide the tricky record over the 64 KiB boundary so that every
	 * byte of it (the doubled quote, CRLF in and out of quotes, 3- and
	 * 4-byte characters, the empty quoted field) falls on it once. */
	for (size_t shift = 0; shift < sizeof(tail); shift++) {
		size_t len;
		char *data = with_prefix(CHUNK - shift, tail,
					 sizeof(tail) - 1, &len);
		struct buf want = BUF_INIT;

		buf_addc(&want, '1');
		buf_addc(&want, '[');
		for (size_t i = 0; i < CHUNK - shift - 1; i++)
			buf_addc(&want, 'p');
		buf_adds(&want, "]\n2[a][q\"u,\r\n\xEA\xB0\x80]\n"
			 "4[\xF0\x9F\x98\x80z][]\n5[last]\n");
		expect_records(data, len, want.data);
		buf_release(&want);
		free(data);
	}
}

static void csv_long_field_spans_chunks(void **state)
{
	size_t n = 3 * CHUNK + 17, len = n + 6;
	char *data = malloc(len);
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	(void)state;

	assert_non_null(data);
	data[0] = '"';
	memset(data + 1, 'v', n);
	memcpy(data + 1 + n, "\",ok\n", 5);
	assert_int_equal(csv_open_mem(&r, data, len, NULL, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), 1);
	assert_int_equal(rec.n_fields, 2);
	assert_int_equal(rec.fields[0].len, n);
	assert_int_equal(rec.fields[0].data[n - 1], 'v');
	assert_string_equal(rec.fields[1].data, "ok");
	assert_int_equal(csv_next(r, &rec, &err), 0);
	assert_int_equal(csv_bytes_read(r), len);
	csv_close(r);
	buf_release(&err);
	free(data);
}

static void csv_invalid_utf8_across_chunk_boundary(void **state)
{
	size_t len;
	char *data = with_prefix(CHUNK - 2, "x\xE2\x82(\n", 5, &len);
	struct buf out = BUF_INIT, err = BUF_INIT;
	(void)state;

	/* The lead byte is the last of the first chunk. */
	assert_int_equal(transcript_opt(data, len, NULL, &out, &err), -1);
	assert_string_equal(err.data, "2:1: invalid UTF-8 (byte 0xE2 at "
			    "character 2 of the line)");
	buf_release(&out);
	buf_release(&err);
	free(data);
}

static const struct csv_options cp949 = { .encoding = "cp949" };

static void csv_cp949_decoded(void **state)
{
	static const char in[] = "id,\xB0\xA1\xB3\xAA\xB4\xD9\n"
				 "1,\"\xB0\xA1,\xB3\xAA\"\n";
	struct buf out = BUF_INIT, err = BUF_INIT;
	(void)state;

	assert_int_equal(transcript_opt(in, sizeof(in) - 1, &cp949, &out,
					&err), 0);
	assert_string_equal(out.data, "1[id][\xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4]\n"
			    "2[1][\xEA\xB0\x80,\xEB\x82\x98]\n");
	buf_release(&out);
	buf_release(&err);
}

static void csv_euc_kr_name_case_insensitive(void **state)
{
	static const struct csv_options euckr = { .encoding = "EUC-KR" };
	static const struct csv_options utf8 = { .encoding = "UTF8" };
	struct buf out = BUF_INIT, err = BUF_INIT;
	(void)state;

	assert_int_equal(transcript_opt("\xB0\xA1\n", 3, &euckr, &out, &err),
			 0);
	assert_string_equal(out.data, "1[\xEA\xB0\x80]\n");
	buf_reset(&out);
	assert_int_equal(transcript_opt("\xEA\xB0\x80\n", 4, &utf8, &out,
					&err), 0);
	assert_string_equal(out.data, "1[\xEA\xB0\x80]\n");
	buf_release(&out);
	buf_release(&err);
}

static void csv_cp949_split_across_chunk_boundary(void **state)
{
	(void)state;

	/* "가나다" with its first, second and third character cut by the
	 * boundary of the raw 64 KiB chunk. */
	for (size_t shift = 1; shift <= 5; shift += 2) {
		size_t len;
		char *data = with_prefix(CHUNK - shift,
					 "\xB0\xA1\xB3\xAA\xB4\xD9,x\n", 9,
					 &len);
		struct csv_reader *r = NULL;
		struct csv_record rec;
		struct buf err = BUF_INIT;

		assert_int_equal(csv_open_mem(&r, data, len, &cp949, &err), 0);
		assert_int_equal(csv_next(r, &rec, &err), 1);
		assert_int_equal(rec.fields[0].len, CHUNK - shift - 1);
		assert_int_equal(csv_next(r, &rec, &err), 1);
		assert_int_equal(rec.line, 2);
		assert_int_equal(rec.n_fields, 2);
		assert_string_equal(rec.fields[0].data,
				    "\xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4");
		assert_string_equal(rec.fields[1].data, "x");
		assert_int_equal(csv_next(r, &rec, &err), 0);
		csv_close(r);
		buf_release(&err);
		free(data);
	}
}

static void csv_cp949_invalid(void **state)
{
	static const char bad[] = "a,b\nc,\"d\ne\xFF\"\n";
	static const char cut[] = "a\n\xB0\xA1\xB3";
	(void)state;

	expect_error_opt(bad, sizeof(bad) - 1, &cp949, "1[a][b]\n",
			 "3:2: invalid CP949 byte 0xFF");
	expect_error_opt(cut, sizeof(cut) - 1, &cp949, "1[a]\n",
			 "2:1: incomplete CP949 character (byte 0xB3) at end "
			 "of input");
}

static void csv_unknown_encoding(void **state)
{
	static const struct csv_options latin = { .encoding = "latin-1" };
	static char not_null;
	struct csv_reader *r = (struct csv_reader *)&not_null;
	struct buf err = BUF_INIT;
	(void)state;

	/* *out is set to NULL on failure, whatever it held. */
	assert_int_equal(csv_open_mem(&r, "", 0, &latin, &err), -1);
	assert_null(r);
	assert_string_equal(err.data, "unknown encoding 'latin-1'");
	buf_reset(&err);
	assert_int_equal(csv_open_file(&r, "/nonexistent", &latin, &err), -1);
	assert_string_equal(err.data, "unknown encoding 'latin-1'");
	buf_release(&err);
}

static void csv_open_file_missing(void **state)
{
	struct csv_reader *r = NULL;
	struct buf err = BUF_INIT;
	(void)state;

	assert_int_equal(csv_open_file(&r, "no/such/dir/x.csv", NULL, &err),
			 -1);
	assert_null(r);
	assert_string_equal(err.data, "cannot open 'no/such/dir/x.csv': "
			    "No such file or directory");
	buf_reset(&err);
	assert_int_equal(csv_open_file(&r, ".", NULL, &err), -1);
	assert_string_equal(err.data, "cannot open '.': Is a directory");
	buf_release(&err);
}

static void csv_open_file_reads_in_chunks(void **state)
{
	char path[] = "/tmp/test_csv_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	unsigned long rows = 0;
	(void)state;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("\xEF\xBB\xBFn,text\r\n", f);
	for (int i = 0; i < 20000; i++)
		fprintf(f, "%d,\"row %d, \"\"quoted\"\"\"\r\n", i, i);
	fclose(f);

	assert_int_equal(csv_open_file(&r, path, NULL, &err), 0);
	assert_true(csv_bytes_total(r) > 3 * CHUNK);
	assert_int_equal(csv_bytes_read(r), 0);
	assert_int_equal(csv_next(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0].data, "n");
	while (csv_next(r, &rec, &err) == 1) {
		char want[64];
		snprintf(want, sizeof(want), "row %lu, \"quoted\"", rows);
		assert_int_equal(rec.line, rows + 2);
		assert_string_equal(rec.fields[1].data, want);
		rows++;
	}
	assert_string_equal(err.data, "");
	assert_int_equal(rows, 20000);
	assert_int_equal(csv_bytes_read(r), csv_bytes_total(r));
	csv_close(r);
	unlink(path);
	buf_release(&err);
}

static void csv_error_and_end_are_sticky(void **state)
{
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	(void)state;

	assert_int_equal(csv_open_mem(&r, "a\"\n", 3, NULL, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), -1);
	buf_reset(&err);
	assert_int_equal(csv_next(r, &rec, &err), -1);
	assert_string_equal(err.data, "1:1: stray quote in unquoted field");
	csv_close(r);

	assert_int_equal(csv_open_mem(&r, "a\n", 2, NULL, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), 1);
	assert_int_equal(csv_next(r, &rec, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), 0);
	assert_int_equal(csv_bytes_read(r), 2);
	assert_int_equal(csv_bytes_total(r), 2);
	csv_close(r);
	buf_release(&err);
}

static void write_one(struct buf *out, const char *s)
{
	buf_reset(out);
	csv_write_field(out, s, strlen(s));
}

static void csv_write_field_quoting(void **state)
{
	struct buf out = BUF_INIT;
	(void)state;

	write_one(&out, "plain");
	assert_string_equal(out.data, "plain");
	write_one(&out, "");
	assert_string_equal(out.data, "");
	write_one(&out, "a,b");
	assert_string_equal(out.data, "\"a,b\"");
	write_one(&out, "say \"hi\"");
	assert_string_equal(out.data, "\"say \"\"hi\"\"\"");
	write_one(&out, "\"");
	assert_string_equal(out.data, "\"\"\"\"");
	write_one(&out, "two\nlines");
	assert_string_equal(out.data, "\"two\nlines\"");
	write_one(&out, "cr\r");
	assert_string_equal(out.data, "\"cr\r\"");
	write_one(&out, " lead");
	assert_string_equal(out.data, "\" lead\"");
	write_one(&out, "trail ");
	assert_string_equal(out.data, "\"trail \"");
	write_one(&out, "in side");
	assert_string_equal(out.data, "in side");
	write_one(&out, "\xEA\xB0\x80");
	assert_string_equal(out.data, "\xEA\xB0\x80");
	write_one(&out, "tab\t");
	assert_string_equal(out.data, "\"tab\t\"");
	/* U+FEFF first would read back as a byte-order mark. */
	write_one(&out, "\xEF\xBB\xBFx");
	assert_string_equal(out.data, "\"\xEF\xBB\xBFx\"");
	/* It appends. */
	buf_reset(&out);
	csv_write_field(&out, "a", 1);
	buf_addc(&out, ',');
	csv_write_field(&out, "b,c", 3);
	assert_string_equal(out.data, "a,\"b,c\"");
	buf_release(&out);
}

static void csv_write_then_read_round_trip(void **state)
{
	static const char *fields[] = { "\xEF\xBB\xBF", " x ", "a,b", "", "q\"q", "l1\r\nl2",
					"\xEA\xB0\x80", "\"" };
	struct buf line = BUF_INIT;
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	(void)state;

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&line, ',');
		csv_write_field(&line, fields[i], strlen(fields[i]));
	}
	buf_addc(&line, '\n');
	assert_int_equal(csv_open_mem(&r, line.data, line.len, NULL, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), 1);
	assert_int_equal(rec.n_fields, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rec.fields[i].data, fields[i]);
	assert_int_equal(csv_next(r, &rec, &err), 0);
	csv_close(r);
	buf_release(&line);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		read_test(csv_simple),
		read_test(csv_quoted_fields),
		read_test(csv_embedded_comma),
		read_test(csv_lf_inside_quotes),
		read_test(csv_crlf_inside_quotes),
		read_test(csv_cr_inside_quotes_kept),
		read_test(csv_doubled_quotes),
		read_test(csv_empty_fields),
		read_test(csv_trailing_comma_empty_last_field),
		cmocka_unit_test(csv_empty_last_field_at_end_of_input),
		read_test(csv_empty_quoted_field),
		read_test(csv_bom_skipped),
		read_test(csv_crlf_line_ends),
		read_test(csv_no_final_newline),
		read_test(csv_cr_at_end_of_input),
		read_test(csv_blank_line_in_middle),
		read_test(csv_trailing_blank_lines_not_records),
		read_test(csv_only_header),
		read_test(csv_empty_file),
		read_test(csv_utf8_data),
		read_test(csv_stray_quote),
		read_test(csv_text_after_closing_quote),
		read_test(csv_unterminated_quote_at_eof),
		read_test(csv_nul_byte),
		read_test(csv_invalid_utf8),
		read_test(csv_invalid_utf8_forms),
		read_test(csv_bare_cr_is_error),
		cmocka_unit_test(csv_record_too_long),
		cmocka_unit_test(csv_record_too_long_default_fails_fast),
		cmocka_unit_test(csv_field_split_across_chunk_boundary),
		cmocka_unit_test(csv_long_field_spans_chunks),
		cmocka_unit_test(csv_invalid_utf8_across_chunk_boundary),
		cmocka_unit_test(csv_cp949_decoded),
		cmocka_unit_test(csv_euc_kr_name_case_insensitive),
		cmocka_unit_test(csv_cp949_split_across_chunk_boundary),
		cmocka_unit_test(csv_cp949_invalid),
		cmocka_unit_test(csv_unknown_encoding),
		cmocka_unit_test(csv_open_file_missing),
		cmocka_unit_test(csv_open_file_reads_in_chunks),
		cmocka_unit_test(csv_error_and_end_are_sticky),
		cmocka_unit_test(csv_write_field_quoting),
		cmocka_unit_test(csv_write_then_read_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
