/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the CSV reader (src/io/csv.c). The input is read as
 * UTF-8 with a small record cap and with the default cap, each compared
 * record by record with a naive whole-buffer parser below (fuzz/build.sh
 * also builds the reader with 7-byte reads, so this checks the streaming
 * against the obvious); then as CP949. When a UTF-8 read succeeds, the records are
 * written back with csv_write_field() and must read back the same. And the
 * importer's lean paths (csv_peek_line, csv_buffered) must agree with
 * csv_next. Built by fuzz/build.sh. */
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reference: one record at a time over the whole buffer, the rules of
 * csv.c written the plain way. */
struct ref {
	const unsigned char *s;
	size_t len, pos;
	size_t max_record;
	unsigned long blanks;   /* blank records still to return */
	struct buf *fields;     /* len + 1 of them: one more than commas */
	size_t n_fields;
};

static bool valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		unsigned long cp;
		size_t k;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC0 && c < 0xE0) {
			k = 2, cp = c & 0x1F;
		} else if (c >= 0xE0 && c < 0xF0) {
			k = 3, cp = c & 0x0F;
		} else if (c >= 0xF0 && c < 0xF8) {
			k = 4, cp = c & 0x07;
		} else {
			return false;
		}
		if (i + k > n)
			return false;
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) ||
		    (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k;
	}
	return true;
}

/* Length of the line end at pos: 1 for LF or a CR ending the input, 2 for
 * CRLF, 0 for none, -1 for a bare CR. */
static int line_end(const struct ref *r, size_t pos)
{
	if (pos < r->len && r->s[pos] == '\n')
		return 1;
	if (pos < r->len && r->s[pos] == '\r') {
		if (pos + 1 == r->len)
			return 1;
		return r->s[pos + 1] == '\n' ? 2 : -1;
	}
	return 0;
}

/* Returns 1 with fields filled, 0 at the end, -1 on malformed input. */
static int ref_next(struct ref *r)
{
	size_t start;
	int e;

	for (size_t i = 0; i < r->n_fields; i++)
		buf_reset(&r->fields[i]);
	r->n_fields = 0;
	if (r->blanks) {
		r->blanks--;
		r->n_fields = 1;
		return 1;
	}
	if (r->pos == r->len)
		return 0;
	if ((e = line_end(r, r->pos)) != 0) {
		unsigned long n = 0;
		while ((e = line_end(r, r->pos)) > 0) {
			r->pos += (size_t)e;
			n++;
		}
		if (e < 0)
			return -1;
		if (r->pos == r->len)
			return 0;
		r->blanks = n - 1;
		r->n_fields = 1;
		return 1;
	}
	start = r->pos;
	for (;;) {
		struct buf *f = &r->fields[r->n_fields++];
		const unsigned char *s = r->s;
		if (r->pos < r->len && s[r->pos] == '"') {
			r->pos++;
			for (;;) {
				if (r->pos == r->len || s[r->pos] == 0)
					return -1;
				if (s[r->pos] == '"') {
					if (r->pos + 1 < r->len &&
					    s[r->pos + 1] == '"') {
						buf_addc(f, '"');
						r->pos += 2;
						continue;
					}
					r->pos++;
					break;
				}
				buf_addc(f, (char)s[r->pos++]);
			}
		} else {
			while (r->pos < r->len && s[r->pos] != ',' &&
			       s[r->pos] != '\n' && s[r->pos] != '\r') {
				if (s[r->pos] == '"' || s[r->pos] == 0)
					return -1;
				buf_addc(f, (char)s[r->pos++]);
			}
		}
		if (!valid_utf8((const unsigned char *)f->data, f->len))
			return -1;
		if (r->pos - start > r->max_record)
			return -1;
		if (r->pos == r->len)
			return 1;
		if (s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		e = line_end(r, r->pos);
		if (e <= 0)
			return -1;
		r->pos += (size_t)e;
		return 1;
	}
}

/* Reads data with the reader and the reference side by side. */
static void differential(const char *data, size_t size, size_t max_record)
{
	struct csv_options opt = { .max_record = max_record };
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	struct ref ref = { (const unsigned char *)data, size, 0, max_record };
	int rc, want;

	ref.fields = xcalloc(size + 1, sizeof(*ref.fields));
	for (size_t i = 0; i <= size; i++)
		buf_init(&ref.fields[i]);
	if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		ref.pos = 3;
	if (csv_open_mem(&r, data, size, &opt, &err) < 0)
		abort();
	do {
		rc = csv_next(r, &rec, &err);
		want = ref_next(&ref);
		if (rc != want)
			abort();
		if (rc != 1)
			break;
		if (rec.n_fields != ref.n_fields)
			abort();
		for (size_t i = 0; i < rec.n_fields; i++)
			if (rec.fields[i].len != ref.fields[i].len ||
			    memcmp(rec.fields[i].data, ref.fields[i].data,
				   rec.fields[i].len))
				abort();
	} while (1);
	csv_close(r);
	buf_release(&err);
	for (size_t i = 0; i <= size; i++)
		buf_release(&ref.fields[i]);
	free(ref.fields);
}


/* Appends one record in CSV form; a lone empty field is written as "" so
 * that it does not read back as a (dropped) trailing blank line. */
static void write_record(struct buf *out, const struct csv_record *rec)
{
	if (rec->n_fields == 1 && rec->fields[0].len == 0) {
		buf_adds(out, "\"\"\n");
		return;
	}
	for (size_t i = 0; i < rec->n_fields; i++) {
		if (i)
			buf_addc(out, ',');
		csv_write_field(out, rec->fields[i].data, rec->fields[i].len);
	}
	buf_addc(out, '\n');
}

/* Reads everything; returns the last csv_next() result. When copy is not
 * NULL, the records are written to it. */
static int read_all(const char *data, size_t size,
		    const struct csv_options *opt, struct buf *copy)
{
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT;
	unsigned long last_line = 0;
	int rc;

	if (csv_open_mem(&r, data, size, opt, &err) < 0)
		abort();
	while ((rc = csv_next(r, &rec, &err)) == 1) {
		if (rec.n_fields == 0 || rec.line <= last_line)
			abort();
		last_line = rec.line;
		for (size_t i = 0; i < rec.n_fields; i++)
			if (strlen(rec.fields[i].data) != rec.fields[i].len)
				abort();
		if (copy)
			write_record(copy, &rec);
	}
	if ((rc < 0) != (err.len > 0))
		abort();
	if (csv_bytes_read(r) > size || csv_bytes_total(r) != size)
		abort();
	csv_close(r);
	buf_release(&err);
	return rc;
}

/* Reads a (with options opt_a) and b record by record and aborts on any
 * difference in records, results or error messages. */
static void compare_readers(const char *a_data, size_t a_len,
			    const struct csv_options *opt_a,
			    const char *b_data, size_t b_len)
{
	struct csv_reader *a = NULL, *b = NULL;
	struct csv_record ra, rb;
	struct buf err_a = BUF_INIT, err_b = BUF_INIT;
	int rca, rcb;

	if (csv_open_mem(&a, a_data, a_len, opt_a, &err_a) < 0 ||
	    csv_open_mem(&b, b_data, b_len, NULL, &err_b) < 0)
		abort();
	do {
		rca = csv_next(a, &ra, &err_a);
		rcb = csv_next(b, &rb, &err_b);
		if (rca != rcb || strcmp(err_a.data, err_b.data))
			abort();
		if (rca != 1)
			break;
		if (ra.n_fields != rb.n_fields || ra.line != rb.line)
			abort();
		for (size_t i = 0; i < ra.n_fields; i++)
			if (ra.fields[i].len != rb.fields[i].len ||
			    memcmp(ra.fields[i].data, rb.fields[i].data,
				   ra.fields[i].len))
				abort();
	} while (1);
	csv_close(a);
	csv_close(b);
	buf_release(&err_a);
	buf_release(&err_b);
}

/* Compares a record csv_next() gave with fields [start[i], end[i]) of a
 * plain line text taken by a lean path. */
static void same_as_line(const struct csv_record *rec, const char *text,
			 size_t n_fields, const uint32_t *start, const uint32_t *end)
{
	if (rec->n_fields != n_fields)
		abort();
	for (size_t i = 0; i < n_fields && i < CSV_LINE_FIELDS; i++)
		if (rec->fields[i].len != end[i] - start[i] ||
		    memcmp(rec->fields[i].data, text + start[i], end[i] - start[i]))
			abort();
}

/* The importer's lean paths against csv_next(): a reader that takes the
 * records it can through csv_peek_line()/csv_skip_line() and, in turn,
 * through csv_buffered()/csv_consume_line() as a caller that checks every
 * byte itself (printable ASCII but the quote, a line end within the buffer,
 * at most max_record bytes), and the rest through csv_next(), must give
 * the same records at the same lines, and end the same way, as a reader
 * that uses csv_next() alone. */
static void lean_differential(const char *data, size_t size, size_t max_record)
{
	struct csv_options opt = { .max_record = max_record };
	struct csv_reader *a = NULL, *b = NULL;
	struct csv_record ra, rb;
	struct buf err_a = BUF_INIT, err_b = BUF_INIT;
	unsigned long turn = 0;
	int rca, rcb;

	if (csv_open_mem(&a, data, size, &opt, &err_a) < 0 ||
	    csv_open_mem(&b, data, size, &opt, &err_b) < 0)
		abort();
	/* The lean paths need a reader that has started: the header first. */
	rca = csv_next(a, &ra, &err_a);
	rcb = csv_next(b, &rb, &err_b);
	while (rca == 1 && rcb == 1) {
		struct csv_line ln;
		const char *p, *end;
		unsigned long line;

		rcb = csv_next(b, &rb, &err_b);
		turn++;
		if ((turn & 1) && csv_peek_line(a, &ln) == 1) {
			if (rcb != 1 || ln.line != rb.line || ln.len > max_record)
				abort();
			same_as_line(&rb, ln.text, ln.n_fields, ln.start, ln.end);
			csv_skip_line(a);
			continue;
		}
		if (!(turn & 1) && csv_buffered(a, &p, &end, &line)) {
			uint32_t st[CSV_LINE_FIELDS], en[CSV_LINE_FIELDS];
			size_t n = 0, nf = 0, len;
			st[0] = 0;
			while (p + n < end && p[n] >= 0x20 && p[n] < 0x7f && p[n] != '"') {
				if (p[n] == ',') {
					if (nf < CSV_LINE_FIELDS)
						en[nf] = (uint32_t)n;
					if (++nf < CSV_LINE_FIELDS)
						st[nf] = (uint32_t)n + 1;
				}
				n++;
			}
			len = n;
			if (p + n < end && p[n] == '\r')
				n++;
			if (len > 0 && len <= max_record && p + n < end && p[n] == '\n') {
				if (nf < CSV_LINE_FIELDS)
					en[nf] = (uint32_t)len;
				if (rcb != 1 || line != rb.line)
					abort();
				same_as_line(&rb, p, nf + 1, st, en);
				csv_consume_line(a, n + 1);
				continue;
			}
		}
		rca = csv_next(a, &ra, &err_a);
		if (rca != rcb || (rca == 1 && ra.line != rb.line))
			abort();
		if (rca == 1) {
			if (ra.n_fields != rb.n_fields)
				abort();
			for (size_t i = 0; i < ra.n_fields; i++)
				if (ra.fields[i].len != rb.fields[i].len ||
				    memcmp(ra.fields[i].data, rb.fields[i].data, ra.fields[i].len))
					abort();
		}
	}
	if (rca != rcb || strcmp(err_a.data, err_b.data))
		abort();
	csv_close(a);
	csv_close(b);
	buf_release(&err_a);
	buf_release(&err_b);
}

/* The CP949 reader against the UTF-8 reader on the input converted whole
 * by iconv when that succeeds; when it fails, the reader must fail too. */
static void cp949_differential(const char *data, size_t size)
{
	static const struct csv_options cp949 = { .encoding = "cp949" };
	iconv_t cd = iconv_open("UTF-8", "CP949");
	char *in = (char *)data, *out, *utf8;
	size_t in_left = size, out_left = size * 3 + 1;
	bool bad;

	if (cd == (iconv_t)-1)
		abort();
	utf8 = out = xmalloc(out_left);
	bad = iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1;
	iconv_close(cd);
	if (!bad)
		compare_readers(data, size, &cp949, utf8,
				(size_t)(out - utf8));
	else if (read_all(data, size, &cp949, NULL) != -1)
		abort();
	free(utf8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct csv_options small = { .max_record = 40 };
	struct csv_options cp949 = { .encoding = "cp949", .max_record = 200 };
	struct buf copy = BUF_INIT;

	differential(text, size, 40);
	differential(text, size, CSV_DEFAULT_MAX_RECORD);
	lean_differential(text, size, 40);
	lean_differential(text, size, CSV_DEFAULT_MAX_RECORD);
	read_all(text, size, &small, NULL);
	read_all(text, size, &cp949, NULL);
	cp949_differential(text, size);
	if (read_all(text, size, NULL, &copy) == 0)
		compare_readers(text, size, NULL, copy.data, copy.len);
	buf_release(&copy);
	return 0;
}
