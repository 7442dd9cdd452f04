/* SPDX-License-Identifier: MIT */
/* The streaming CSV reader of csv.h and the field writer. Input is read in
 * fixed chunks; field text is copied into one record buffer owned by the
 * reader, so memory stays bounded by the longest record (and by max_record),
 * never by the file's size. Every record csv_next() returns points into that
 * buffer and is valid until the next csv_next() or csv_close().
 *
 * Choices beyond RFC 4180, in one place:
 *  - a bare CR (not followed by LF) outside quotes is an error, because old
 *    Mac files would otherwise silently become one huge record or a column
 *    with stray CRs; a CR as the very last byte of the input is taken as the
 *    line end of a truncated CRLF;
 *  - inside quotes CR and LF are data and kept as they are;
 *  - blank lines at the end of the input are not records (there may be
 *    several); a blank line followed by more data is a record of one empty
 *    field;
 *  - "euc-kr" is read as CP949, its superset, since files labelled EUC-KR
 *    by Windows tools are CP949 in practice;
 *  - max_record counts the bytes of the record's text (after decoding to
 *    UTF-8, without its line end), quotes included. */
#include "io/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Size of one read from the source. Fuzz builds make it tiny so that every
 * chunk-boundary path is reached by small inputs. */
#ifndef CSV_CHUNK
#define CSV_CHUNK (64 * 1024)
#endif
/* Room kept after a chunk: the parser asks for more input with at most 3
 * undecided bytes left (a split UTF-8 sequence or a CR), and iconv needs
 * space for one whole character (at most 4 bytes of UTF-8). */
#define CSV_SLACK 16

struct csv_reader {
	/* Source: a file descriptor, or a memory block when fd < 0. */
	int fd;
	struct alloc_cleanup unwind;    /* closes fd and cd on out-of-memory */
	char *path;                     /* for messages; NULL for memory */
	const char *mem;
	size_t mem_len, mem_pos;
	bool src_eof;
	uint64_t bytes_read, bytes_total;

	/* CP949 decoding: raw bytes waiting for iconv. */
	iconv_t cd;                     /* (iconv_t)-1 for UTF-8 input */
	char *raw;
	size_t raw_pos, raw_len;
	int decode_err;                 /* DECODE_* below */
	unsigned char bad_byte;

	/* UTF-8 text being parsed: in[in_pos..in_len). */
	unsigned char *in;
	size_t in_pos, in_len;
	uint64_t in_base;               /* stream offset of in[0] */

	/* Position, for records and messages. */
	unsigned long line;             /* current physical line */
	uint64_t line_start;            /* stream offset where it begins */
	uint64_t line_cont;             /* UTF-8 continuation bytes in it so far */
	size_t column;                  /* 1-based field being read */

	/* The current record: its fields' text, each NUL-terminated. */
	char *rec;
	size_t rec_len, rec_cap;
	size_t *starts;                 /* offset of each field in rec */
	size_t starts_cap;
	struct csv_field *fields;
	size_t fields_cap;
	size_t max_record;

	size_t peek_next;               /* in_pos after the line peeked */

	unsigned long pending_blank;    /* blank lines still to return */
	unsigned long blank_line;       /* line of the next one */
	bool started, at_eof, failed;
	struct buf failure;             /* the message, repeated after -1 */
};

enum { DECODE_OK, DECODE_BAD_BYTE, DECODE_TRUNCATED };

/* Bytes that end a run of ordinary text outside quotes: NUL, LF, CR, the
 * quote, the comma and every non-ASCII byte (checked as UTF-8). Inside
 * quotes only NUL, LF (counted as a line), the quote and non-ASCII bytes
 * need a look; CR and the comma are data there. */
#define CSV_STOP_ALWAYS [0] = 1, ['\n'] = 1, ['"'] = 1, [0x80 ... 0xff] = 1
static const unsigned char stop_plain[256] = { CSV_STOP_ALWAYS, ['\r'] = 1, [','] = 1 };
static const unsigned char stop_quoted[256] = { CSV_STOP_ALWAYS };
#undef CSV_STOP_ALWAYS

static void set_error(struct csv_reader *r, struct buf *err,
		      const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_error(struct csv_reader *r, struct buf *err,
		      const char *fmt, ...)
{
	va_list ap;

	buf_reset(&r->failure);
	va_start(ap, fmt);
	buf_vaddf(&r->failure, fmt, ap);
	va_end(ap);
	r->failed = true;
	buf_reset(err);
	buf_add(err, r->failure.data, r->failure.len);
}

/* Reads up to n bytes of the source into dst. Returns the count (0 at end
 * of input) or -1 with err set. */
static ssize_t source_read(struct csv_reader *r, char *dst, size_t n,
			   struct buf *err)
{
	ssize_t got;

	if (r->src_eof)
		return 0;
	if (r->fd < 0) {
		size_t left = r->mem_len - r->mem_pos;
		if (n > left)
			n = left;
		if (n)
			memcpy(dst, r->mem + r->mem_pos, n);
		r->mem_pos += n;
		got = (ssize_t)n;
	} else {
		do
			got = read(r->fd, dst, n);
		while (got < 0 && errno == EINTR);
		if (got < 0) {
			set_error(r, err, "cannot read '%s': %s", r->path,
				  strerror(errno));
			return -1;
		}
	}
	if (got == 0)
		r->src_eof = true;
	r->bytes_read += (uint64_t)got;
	return got;
}

static void decode_error(struct csv_reader *r, struct buf *err)
{
	if (r->decode_err == DECODE_TRUNCATED)
		set_error(r, err, "%lu:%zu: incomplete CP949 character "
			  "(byte 0x%02X) at end of input", r->line, r->column,
			  r->bad_byte);
	else
		set_error(r, err, "%lu:%zu: invalid CP949 byte 0x%02X",
			  r->line, r->column, r->bad_byte);
}

/* Converts raw CP949 bytes into in[in_len..] until something was produced.
 * Stops at the first invalid byte, leaving the error pending so that it is
 * reported when the parser reaches that point (with the right line). */
static int decode_more(struct csv_reader *r, struct buf *err)
{
	char *start = (char *)r->in + r->in_len;
	char *out = start;
	size_t out_left = CSV_CHUNK + CSV_SLACK - r->in_len;

	while (out == start && !r->decode_err) {
		char *ip;
		size_t il;
		ssize_t got;

		if (r->raw_pos == r->raw_len) {
			r->raw_pos = r->raw_len = 0;
			got = source_read(r, r->raw, CSV_CHUNK, err);
			if (got <= 0)
				return (int)got;
			r->raw_len = (size_t)got;
		}
		ip = r->raw + r->raw_pos;
		il = r->raw_len - r->raw_pos;
		if (iconv(r->cd, &ip, &il, &out, &out_left) != (size_t)-1) {
			r->raw_pos = r->raw_len;
			continue;
		}
		r->raw_pos = (size_t)(ip - r->raw);
		if (errno == E2BIG) {
			break;
		} else if (errno == EINVAL) {
			/* A character split by the chunk boundary: keep its
			 * first bytes and read the rest. */
			memmove(r->raw, ip, il);
			r->raw_pos = 0;
			r->raw_len = il;
			got = source_read(r, r->raw + il,
					  CSV_CHUNK + CSV_SLACK - il, err);
			if (got < 0)
				return -1;
			if (got == 0) {
				r->decode_err = DECODE_TRUNCATED;
				r->bad_byte = (unsigned char)r->raw[0];
			}
			r->raw_len += (size_t)got;
		} else {
			r->decode_err = DECODE_BAD_BYTE;
			r->bad_byte = (unsigned char)*ip;
		}
	}
	r->in_len += (size_t)(out - start);
	if (out != start)
		return 1;
	if (r->decode_err) {
		decode_error(r, err);
		return -1;
	}
	return 0;
}

/* Moves the unparsed tail of the input to the front and appends more. The
 * parser calls it with at most 3 bytes left unparsed (the start of a UTF-8
 * sequence, a CR or a quote whose next byte decides), so CSV_SLACK always
 * leaves room for a whole chunk. Returns 1 when at least one byte was
 * added, 0 at end of input, -1 with err set. The parser reloads its
 * pointers after every call. */
static int fill(struct csv_reader *r, struct buf *err)
{
	size_t tail = r->in_len - r->in_pos;
	ssize_t got;

	if (r->in_pos) {
		memmove(r->in, r->in + r->in_pos, tail);
		r->in_base += r->in_pos;
		r->in_pos = 0;
		r->in_len = tail;
	}
	if (r->cd != (iconv_t)-1)
		return decode_more(r, err);
	got = source_read(r, (char *)r->in + tail, CSV_CHUNK, err);
	if (got <= 0)
		return (int)got;
	r->in_len += (size_t)got;
	return 1;
}

/* Skipping text that needs no look, the hot loop of the reader: up to the
 * first byte of stop_plain (outside quotes) or stop_quoted. With SSE2
 * (every x86-64) 16 bytes are compared at once; elsewhere, and for the last
 * bytes of a chunk, one byte at a time through the tables above. Inside
 * quotes the comma's and CR's compares look for LF again. */
static inline const unsigned char *scan_text(const unsigned char *q, const unsigned char *end,
					     int plain)
{
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
	const __m128i comma = _mm_set1_epi8(plain ? ',' : '\n'), cr = _mm_set1_epi8(plain ? '\r' : '\n');
	const __m128i zero = _mm_setzero_si128();

	while (end - q >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(x, comma),
				     _mm_cmpeq_epi8(x, lf)),
			_mm_or_si128(_mm_cmpeq_epi8(x, cr),
				     _mm_cmpeq_epi8(x, quote)));
		/* x's own high bits flag the non-ASCII bytes. */
		m = _mm_or_si128(_mm_or_si128(m, _mm_cmpeq_epi8(x, zero)), x);
		unsigned mask = (unsigned)_mm_movemask_epi8(m);
		if (mask)
			return q + __builtin_ctz(mask);
		q += 16;
	}
#endif
	const unsigned char *stop = plain ? stop_plain : stop_quoted;
	while (q < end && !stop[*q])
		q++;
	return q;
}

static inline const unsigned char *scan_plain(const unsigned char *q, const unsigned char *end)
{
	return scan_text(q, end, 1);
}

static inline const unsigned char *scan_quoted(const unsigned char *q, const unsigned char *end)
{
	return scan_text(q, end, 0);
}

/* Length of the UTF-8 sequence at s (2 to 4), 0 when it is invalid, or -1
 * when avail bytes are too few to tell. Overlong forms, surrogates and
 * code points above U+10FFFF are invalid. */
static int utf8_length(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int len;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (avail < 2)
		return -1;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (int i = 2; i < len; i++) {
		if ((size_t)i >= avail)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	}
	return len;
}

const char *csv_detect_encoding(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data, *end = s + len;
	while (s < end) {
		int n;
		if (*s < 0x80) {
			s++;
			continue;
		}
		n = utf8_length(s, (size_t)(end - s));
		if (n <= 0)
			return "cp949";
		s += n;
	}
	return "utf-8";
}

static void rec_grow(struct csv_reader *r, size_t extra)
{
	size_t need = r->rec_len + extra;
	size_t cap = r->rec_cap ? r->rec_cap : 256;

	while (cap < need)
		cap *= 2;
	r->rec = xrealloc(r->rec, cap);
	r->rec_cap = cap;
}

/* Appends field text, leaving room for the field's NUL when it can. */
static inline void rec_add(struct csv_reader *r, const unsigned char *s,
			   size_t n)
{
	if (r->rec_len + n + 1 > r->rec_cap)
		rec_grow(r, n + 1);
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
}

/* The same for a run inside the input (which ends at end): a short run is
 * copied as one fixed 16-byte move, cheaper than a memcpy call of n bytes;
 * the bytes past n are overwritten later. */
static inline void rec_add_run(struct csv_reader *r, const unsigned char *s,
			       size_t n, const unsigned char *end)
{
	if (n <= 16 && end - s >= 16 && r->rec_len + 17 <= r->rec_cap) {
		memcpy(r->rec + r->rec_len, s, 16);
		r->rec_len += n;
		return;
	}
	rec_add(r, s, n);
}

static inline void begin_field(struct csv_reader *r)
{
	ALLOC_GROW(r->starts, r->column, r->starts_cap);
	ALLOC_GROW(r->fields, r->column, r->fields_cap);
	r->starts[r->column - 1] = r->rec_len;
}

static inline void end_field(struct csv_reader *r)
{
	size_t i = r->column - 1;

	if (r->rec_len + 1 > r->rec_cap)
		rec_grow(r, 1);
	r->fields[i].len = r->rec_len - r->starts[i];
	r->rec[r->rec_len++] = '\0';
}

/* Points the fields into rec, which may have moved while it grew. */
static void end_record(struct csv_reader *r, struct csv_record *rec,
		       unsigned long line)
{
	size_t n = r->column;

	for (size_t i = 0; i < n; i++)
		r->fields[i].data = r->rec + r->starts[i];
	rec->fields = r->fields;
	rec->n_fields = n;
	rec->line = line;
}

static int blank_record(struct csv_reader *r, struct csv_record *rec,
			unsigned long line)
{
	r->rec_len = 0;
	r->column = 1;
	begin_field(r);
	end_field(r);
	end_record(r, rec, line);
	return 1;
}

#define OFFSET(p) (r->in_base + (uint64_t)((p) - r->in))

/* Refills the input around the parser's cursor p; jumps to fail on error
 * and sets rc to fill()'s result otherwise. */
#define FILL(p, end, rc) do { \
	r->in_pos = (size_t)((p) - r->in); \
	(rc) = fill(r, err); \
	if ((rc) < 0) \
		goto fail; \
	(p) = r->in + r->in_pos; \
	(end) = r->in + r->in_len; \
} while (0)

static inline void newline_at(struct csv_reader *r, const unsigned char *p)
{
	r->line++;
	r->line_start = OFFSET(p);
	r->line_cont = 0;
}

/* Skips a UTF-8 byte-order mark at the start of the input. */
static int skip_bom(struct csv_reader *r, struct buf *err)
{
	const unsigned char *p = r->in, *end = r->in;
	int rc;

	while (end - p < 3) {
		FILL(p, end, rc);
		if (rc == 0)
			break;
	}
	if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		r->in_pos += 3;
		r->line_start = 3;
	}
	return 0;
fail:
	return -1;
}

/* Consumes a run of blank lines at the start of a record. Returns 1 with
 * *count set, 0 when only blank lines remained, -1 on error. */
static int skip_blank_lines(struct csv_reader *r, unsigned long *count,
			    struct buf *err)
{
	const unsigned char *p = r->in + r->in_pos, *end = r->in + r->in_len;
	int rc;

	*count = 0;
	for (;;) {
		if (p == end) {
			FILL(p, end, rc);
			if (rc == 0)
				goto eof;
		}
		if (*p == '\n') {
			p++;
			newline_at(r, p);
			(*count)++;
		} else if (*p == '\r') {
			if (end - p < 2) {
				FILL(p, end, rc);
				if (rc == 0)
					goto eof;
			}
			if (p[1] != '\n') {
				set_error(r, err, "%lu:1: bare CR not followed "
					  "by LF", r->line);
				goto fail;
			}
			p += 2;
			newline_at(r, p);
			(*count)++;
		} else {
			break;
		}
	}
	r->in_pos = (size_t)(p - r->in);
	return 1;
eof:
	r->in_pos = r->in_len;
	return 0;
fail:
	return -1;
}

/* In parse_record(): refill keeping the cursor, and the record cap test
 * (whether the record's text up to q is longer than max_record). */
#define PARSER_FILL(rc) do { \
	FILL(p, end, rc); \
	base = r->in_base; \
} while (0)
#define PAST_LIMIT(q) (base + (uint64_t)((q) - in) > rec_limit)

/* Parses one record starting at in[in_pos]; see csv_next(). */
static int parse_record(struct csv_reader *r, struct csv_record *rec,
			struct buf *err)
{
	const unsigned char *const in = r->in;
	const unsigned char *p = in + r->in_pos, *end = in + r->in_len;
	const unsigned char *q;
	uint64_t base = r->in_base, rec_start, rec_limit;
	unsigned long rec_line, quote_line;
	int rc, len;

	r->column = 1;
	if (p == end) {
		PARSER_FILL(rc);
		if (rc == 0)
			return 0;
	}
	if (*p == '\n' || *p == '\r') {
		unsigned long blanks, first = r->line;
		r->in_pos = (size_t)(p - r->in);
		rc = skip_blank_lines(r, &blanks, err);
		if (rc <= 0)
			return rc;
		r->pending_blank = blanks - 1;
		r->blank_line = first + 1;
		return blank_record(r, rec, first);
	}

	rec_line = r->line;
	rec_start = OFFSET(p);
	rec_limit = rec_start + r->max_record;
	r->rec_len = 0;

next_field:
	begin_field(r);
	if (p == end) {
		PARSER_FILL(rc);
		if (rc == 0)
			goto end_of_input;
	}
	if (*p == '"')
		goto quoted;

	/* An unquoted field: runs of plain bytes, stopping at anything that
	 * needs a look. */
	for (;;) {
		q = scan_plain(p, end);
		if (PAST_LIMIT(q))
			goto too_long;
		rec_add_run(r, p, (size_t)(q - p), end);
		p = q;
		if (p == end) {
			PARSER_FILL(rc);
			if (rc == 0)
				goto end_of_input;
			continue;
		}
		if (*p < 0x80)
			break;
		while ((len = utf8_length(p, (size_t)(end - p))) < 0) {
			PARSER_FILL(rc);
			if (rc == 0) {
				len = 0;
				break;
			}
		}
		if (len == 0)
			goto bad_utf8;
		if (PAST_LIMIT(p + len))
			goto too_long;
		rec_add(r, p, (size_t)len);
		r->line_cont += (uint64_t)len - 1;
		p += len;
	}
	if (*p == '"') {
		set_error(r, err, "%lu:%zu: stray quote in unquoted field",
			  r->line, r->column);
		goto fail;
	}
	if (*p == '\0')
		goto nul_byte;
	goto separator;

quoted:
	quote_line = r->line;
	p++;
	for (;;) {
		q = scan_quoted(p, end);
		if (PAST_LIMIT(q))
			goto too_long;
		rec_add_run(r, p, (size_t)(q - p), end);
		p = q;
		if (p == end) {
			PARSER_FILL(rc);
			if (rc == 0) {
				set_error(r, err, "%lu:%zu: unterminated quoted "
					  "field", quote_line, r->column);
				goto fail;
			}
			continue;
		}
		if (*p == '"') {
			if (end - p < 2) {
				PARSER_FILL(rc);
				if (rc == 0) {
					p++;
					goto end_of_input;
				}
			}
			if (p[1] != '"') {
				p++;
				break;
			}
			rec_add(r, p, 1);
			p += 2;
		} else if (*p == '\n') {
			rec_add(r, p, 1);
			p++;
			newline_at(r, p);
		} else if (*p == '\0') {
			goto nul_byte;
		} else {
			while ((len = utf8_length(p, (size_t)(end - p))) < 0) {
				PARSER_FILL(rc);
				if (rc == 0) {
					len = 0;
					break;
				}
			}
			if (len == 0)
				goto bad_utf8;
			rec_add(r, p, (size_t)len);
			r->line_cont += (uint64_t)len - 1;
			p += len;
		}
	}
	/* After the closing quote only a separator or a line end may come. */
	if (PAST_LIMIT(p))
		goto too_long;
	if (p == end) {
		PARSER_FILL(rc);
		if (rc == 0)
			goto end_of_input;
	}
	if (*p != ',' && *p != '\n' && *p != '\r') {
		if (*p == '\0')
			goto nul_byte;
		set_error(r, err, "%lu:%zu: text after closing quote",
			  r->line, r->column);
		goto fail;
	}

separator:
	/* *p is ',', '\n' or '\r', and the record so far is within limits. */
	end_field(r);
	if (*p == ',') {
		p++;
		r->column++;
		goto next_field;
	}
	if (*p == '\r') {
		if (end - p < 2) {
			PARSER_FILL(rc);
			if (rc == 0) {
				p++;    /* a CR ending the input */
				goto record_done;
			}
		}
		if (p[1] != '\n') {
			set_error(r, err, "%lu:%zu: bare CR not followed by LF",
				  r->line, r->column);
			goto fail;
		}
		p++;
	}
	p++;
	newline_at(r, p);
	goto record_done;

end_of_input:
	if (PAST_LIMIT(p))
		goto too_long;
	end_field(r);
record_done:
	r->in_pos = (size_t)(p - r->in);
	end_record(r, rec, rec_line);
	return 1;

too_long:
	set_error(r, err, "%lu:%zu: record longer than %zu bytes",
		  rec_line, r->column, r->max_record);
	goto fail;
nul_byte:
	set_error(r, err, "%lu:%zu: NUL byte in input", r->line, r->column);
	goto fail;
bad_utf8:
	set_error(r, err, "%lu:%zu: invalid UTF-8 (byte 0x%02X at character "
		  "%llu of the line)", r->line, r->column, *p,
		  (unsigned long long)(OFFSET(p) - r->line_start -
				       r->line_cont + 1));
fail:
	r->failed = true;
	return -1;
}

int csv_next(struct csv_reader *r, struct csv_record *rec, struct buf *err)
{
	int rc;

	if (r->failed) {
		buf_reset(err);
		buf_add(err, r->failure.data, r->failure.len);
		return -1;
	}
	if (r->at_eof)
		return 0;
	if (!r->started) {
		r->started = true;
		if (skip_bom(r, err) < 0)
			return -1;
	}
	if (r->pending_blank) {
		r->pending_blank--;
		return blank_record(r, rec, r->blank_line++);
	}
	rc = parse_record(r, rec, err);
	if (rc == 0)
		r->at_eof = true;
	return rc;
}

/* Notes the commas of bits (one bit a byte from q) as field bounds. */
static inline void line_commas(struct csv_line *out, unsigned bits, size_t at)
{
	while (bits) {
		size_t pos = at + (size_t)__builtin_ctz(bits);
		size_t f = out->n_fields++;
		if (f < CSV_LINE_FIELDS)
			out->end[f] = (uint32_t)pos;
		if (f + 1 < CSV_LINE_FIELDS)
			out->start[f + 1] = (uint32_t)pos + 1;
		bits &= bits - 1;
	}
}

/* Scans a line from p for csv_peek_line(): returns the first byte that is
 * not printable ASCII (LF, CR, the quote, every other control byte, DEL and
 * every byte >= 0x80 stop it), noting the commas on the way. */
static inline const unsigned char *scan_line(const unsigned char *p,
					     const unsigned char *end,
					     struct csv_line *out)
{
	const unsigned char *q = p;
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), comma = _mm_set1_epi8(',');
	const __m128i del = _mm_set1_epi8(0x7f), bias = _mm_set1_epi8((char)0x80);
	const __m128i space = _mm_set1_epi8((char)(0x20 ^ 0x80));

	while (end - q >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
		/* x < 0x20 as unsigned bytes is a signed compare once both
		 * sides have their top bit flipped; bytes >= 0x80 are flagged
		 * by x's own high bit below. */
		__m128i ctl = _mm_cmpgt_epi8(space, _mm_xor_si128(x, bias));
		__m128i m = _mm_or_si128(_mm_or_si128(ctl, x),
			_mm_or_si128(_mm_cmpeq_epi8(x, quote),
				     _mm_cmpeq_epi8(x, del)));
		unsigned stop = (unsigned)_mm_movemask_epi8(m);
		unsigned commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma));
		if (stop) {
			commas &= (1u << __builtin_ctz(stop)) - 1;
			line_commas(out, commas, (size_t)(q - p));
			return q + __builtin_ctz(stop);
		}
		line_commas(out, commas, (size_t)(q - p));
		q += 16;
	}
#endif
	for (; q < end; q++) {
		if (*q == ',')
			line_commas(out, 1, (size_t)(q - p));
		else if (*q < 0x20 || *q >= 0x7f || *q == '"')
			break;
	}
	return q;
}

int csv_peek_line(struct csv_reader *r, struct csv_line *out)
{
	const unsigned char *p, *end, *q;
	size_t n;

	if (r->failed || r->at_eof || !r->started || r->pending_blank)
		return 0;
	p = r->in + r->in_pos;
	end = r->in + r->in_len;
	out->n_fields = 0;
	out->start[0] = 0;
	q = scan_line(p, end, out);
	if (q == end || q == p)
		return 0;
	n = (size_t)(q - p);
	if (*q == '\r') {
		if (end - q < 2 || q[1] != '\n')
			return 0;
		q++;
	}
	if (*q != '\n' || n > r->max_record)
		return 0;
	if (out->n_fields < CSV_LINE_FIELDS)
		out->end[out->n_fields] = (uint32_t)n;
	out->n_fields++;
	r->peek_next = (size_t)(q + 1 - r->in);
	out->text = (const char *)p;
	out->len = n;
	out->line = r->line;
	return 1;
}

void csv_skip_line(struct csv_reader *r)
{
	r->in_pos = r->peek_next;
	newline_at(r, r->in + r->in_pos);
}

int csv_buffered(struct csv_reader *r, const char **p, const char **end, unsigned long *line)
{
	size_t n = r->in_len - r->in_pos;
	if (r->failed || r->at_eof || !r->started || r->pending_blank || !n)
		return 0;
	if (n > r->max_record + 2)
		n = r->max_record + 2;
	*p = (const char *)r->in + r->in_pos;
	*end = *p + n;
	*line = r->line;
	return 1;
}

void csv_consume_line(struct csv_reader *r, size_t n)
{
	r->in_pos += n;
	newline_at(r, r->in + r->in_pos);
}

/* Opens the decoder for encoding; returns 0, or -1 with err set. */
static int open_encoding(struct csv_reader *r, const char *encoding,
			 struct buf *err)
{
	r->cd = (iconv_t)-1;
	if (!encoding || !strcasecmp(encoding, "utf-8") ||
	    !strcasecmp(encoding, "utf8"))
		return 0;
	if (strcasecmp(encoding, "cp949") && strcasecmp(encoding, "euc-kr")) {
		buf_reset(err);
		buf_addf(err, "unknown encoding '%s'", encoding);
		return -1;
	}
	r->cd = iconv_open("UTF-8", "CP949");
	if (r->cd == (iconv_t)-1) {
		buf_reset(err);
		buf_addf(err, "cannot convert from '%s': %s", encoding,
			 strerror(errno));
		return -1;
	}
	r->raw = xmalloc(CSV_CHUNK + CSV_SLACK);
	return 0;
}

static void unwind_reader(void *r)
{
	csv_close(r);
}

static struct csv_reader *new_reader(const struct csv_options *opt)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->fd = -1;
	r->cd = (iconv_t)-1;
	alloc_cleanup_push(&r->unwind, unwind_reader, r);
	r->in = xmalloc(CSV_CHUNK + CSV_SLACK);
	r->line = 1;
	r->column = 1;
	r->max_record = opt && opt->max_record ? opt->max_record
					       : CSV_DEFAULT_MAX_RECORD;
	buf_init(&r->failure);
	return r;
}

int csv_open_file(struct csv_reader **out, const char *path,
		  const struct csv_options *opt, struct buf *err)
{
	struct csv_reader *r = new_reader(opt);
	struct stat st;
	int ret = -1;

	if (open_encoding(r, opt ? opt->encoding : NULL, err) < 0)
		goto out;
	r->path = xstrdup(path);
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		buf_reset(err);
		buf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fstat(r->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			buf_reset(err);
			buf_addf(err, "cannot open '%s': %s", path,
				 strerror(EISDIR));
			goto out;
		}
		if (S_ISREG(st.st_mode))
			r->bytes_total = (uint64_t)st.st_size;
	}
	ret = 0;
out:
	if (ret < 0) {
		csv_close(r);
		r = NULL;
	}
	*out = r;
	return ret;
}

int csv_open_mem(struct csv_reader **out, const char *data, size_t len,
		 const struct csv_options *opt, struct buf *err)
{
	struct csv_reader *r = new_reader(opt);

	if (open_encoding(r, opt ? opt->encoding : NULL, err) < 0) {
		csv_close(r);
		*out = NULL;
		return -1;
	}
	r->mem = data;
	r->mem_len = len;
	r->bytes_total = len;
	*out = r;
	return 0;
}

uint64_t csv_bytes_read(const struct csv_reader *r)
{
	return r->bytes_read;
}

uint64_t csv_bytes_total(const struct csv_reader *r)
{
	return r->bytes_total;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	alloc_cleanup_pop(&r->unwind);
	if (r->fd >= 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	xfree(r->path);
	xfree(r->raw);
	xfree(r->in);
	xfree(r->rec);
	xfree(r->starts);
	xfree(r->fields);
	buf_release(&r->failure);
	xfree(r);
}

/* "Space" covers tab and U+FEFF (zero width no-break space) too: a field
 * starting with U+FEFF must be quoted, or at the start of a file it would
 * read back as a byte-order mark and vanish. */
void csv_write_field(struct buf *out, const char *s, size_t len)
{
	bool quote = len && (s[0] == ' ' || s[0] == '\t' ||
			     s[len - 1] == ' ' || s[len - 1] == '\t' ||
			     (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)));
	const char *p, *end = s + len, *q;

	for (p = s; !quote && p < end; p++)
		quote = *p == ',' || *p == '"' || *p == '\r' || *p == '\n';
	if (!quote) {
		buf_add(out, s, len);
		return;
	}
	buf_addc(out, '"');
	for (p = s; (q = memchr(p, '"', (size_t)(end - p))); p = q + 1) {
		buf_add(out, p, (size_t)(q - p + 1));
		buf_addc(out, '"');
	}
	buf_add(out, p, (size_t)(end - p));
	buf_addc(out, '"');
}

void csv_write_text_cell(struct buf *out, const char *s, size_t len)
{
	static const char formula_lead[] = "=+-@\t\r";
	if (len && memchr(formula_lead, s[0], sizeof formula_lead - 1)) {
		struct buf guarded = BUF_INIT;
		buf_addc(&guarded, '\'');
		buf_add(&guarded, s, len);
		csv_write_field(out, guarded.data, guarded.len);
		buf_release(&guarded);
		return;
	}
	csv_write_field(out, s, len);
}
