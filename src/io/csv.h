/* SPDX-License-Identifier: MIT */
/* A streaming RFC 4180 reader: quoted fields with embedded commas, quotes
 * and newlines; LF or CRLF line ends; a UTF-8 byte-order mark is skipped;
 * input must be valid UTF-8 (or CP949/EUC-KR, converted with iconv when the
 * reader is opened with encoding "cp949"). Memory is bounded by the longest
 * record (capped, CSV_DEFAULT_MAX_RECORD), never by the file's size.
 * The reader owns every field it returns; they stay valid until the next
 * csv_next() or csv_close(). */
#ifndef TANDEM_CSV_H
#define TANDEM_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define CSV_DEFAULT_MAX_RECORD (1u << 20)   /* 1 MiB of text in one record */

struct csv_reader;

struct csv_field {
	const char *data;      /* UTF-8, NUL-terminated, may contain '\n' */
	size_t len;
};

struct csv_record {
	const struct csv_field *fields;
	size_t n_fields;
	unsigned long line;    /* the physical line (1-based) where it starts */
};

struct csv_options {
	const char *encoding;  /* NULL or "utf-8" (default), "cp949", "euc-kr" */
	size_t max_record;     /* 0 means CSV_DEFAULT_MAX_RECORD */
};

/* Opens path for reading. Returns 0, or -1 with a message in err
 * ("cannot open 'x.csv': No such file or directory"). On success the caller
 * owns *out and closes it with csv_close(). */
int csv_open_file(struct csv_reader **out, const char *path,
		  const struct csv_options *opt, struct buf *err);
/* The same over a memory block, which must outlive the reader. */
int csv_open_mem(struct csv_reader **out, const char *data, size_t len,
		 const struct csv_options *opt, struct buf *err);

/* The encoding data is in: "utf-8" when every byte sequence is valid
 * UTF-8, else "cp949" (what Korean Excel saves as CSV). Static. */
const char *csv_detect_encoding(const char *data, size_t len);

/* Reads the next record. Returns 1 with *rec filled, 0 at end of input, or
 * -1 on malformed input, with err set to "LINE:COLUMN: message" (COLUMN is
 * the 1-based field number). After -1 the reader is unusable. A blank line
 * at the very end of the input is not a record; a blank line elsewhere is a
 * record of one empty field. */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct buf *err);

/* The lean path for big, plain files (the importer's measurements.csv):
 * when the next record is one line already in the reader's buffer holding
 * only printable ASCII (no quote, no control byte but a CRLF end, no byte
 * >= 0x80), not blank and within max_record, fills *out and
 * returns 1 without consuming it; csv_skip_line() then consumes it.
 * Otherwise returns 0 and csv_next() reads the record as always (so every
 * message about it is csv_next()'s). The text stays valid until the next
 * call on r. */
#define CSV_LINE_FIELDS 8
struct csv_line {
	const char *text;      /* not NUL-terminated; no line end */
	size_t len;
	unsigned long line;
	size_t n_fields;       /* commas + 1 */
	/* Where field i starts and ends in text, for i < CSV_LINE_FIELDS. */
	uint32_t start[CSV_LINE_FIELDS], end[CSV_LINE_FIELDS];
};
int csv_peek_line(struct csv_reader *r, struct csv_line *out);
void csv_skip_line(struct csv_reader *r);

/* Leaner still, for a caller that parses plain lines itself: the text
 * buffered from the start of the next record, *p to *end (at most
 * max_record + 2 bytes, room for a longest record and its CRLF; a caller
 * that takes a line checks its length, as fuzz/fuzz_csv.c does), and the
 * line number at *p. Returns 0, and csv_next() must read on, when nothing is
 * buffered or a blank line is pending. The caller checks every byte it
 * takes; csv_consume_line() then consumes the n bytes of one line, its
 * line end included. */
int csv_buffered(struct csv_reader *r, const char **p, const char **end, unsigned long *line);
void csv_consume_line(struct csv_reader *r, size_t n);

/* Bytes consumed so far and the input's total size (0 when unknown, as for
 * a pipe): for progress lines. */
uint64_t csv_bytes_read(const struct csv_reader *r);
uint64_t csv_bytes_total(const struct csv_reader *r);

void csv_close(struct csv_reader *r);

/* Appends one field to out, quoted only when it must be (comma, quote, CR,
 * LF, or leading/trailing space). */
void csv_write_field(struct buf *out, const char *s, size_t len);
/* The same for a text cell of a report that people open in a spreadsheet:
 * a cell that begins with =, +, -, @, a tab or a carriage return would be
 * read as a formula there (CSV injection), so it gets a leading single
 * quote, as OWASP recommends. Numbers are never written through it (a
 * score of -0.38 stays a number); `tandem export` does not use it, since
 * its files are read back by the importer (docs/data-formats.md). */
void csv_write_text_cell(struct buf *out, const char *s, size_t len);

#endif
