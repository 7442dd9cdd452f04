/* SPDX-License-Identifier: MIT */
/* A streaming XLSX reader on libzip and expat: the workbook's sheet list,
 * shared strings, inline strings, numbers, booleans, errors and dates (a
 * serial number with a date style, 1900 or 1904 system). Sheets are read
 * cell by cell through a callback, so memory holds the shared strings and
 * the styles (both capped), never a whole sheet. xlsx_sheet_csv() turns a
 * sheet into the RFC 4180 text the importer reads, remembering which sheet
 * row each CSV line came from so that messages can say "book.xlsx:
 * contracts!C14". A struct xlsx_book is the caller's (xlsx_close()); so is
 * a struct xlsx_csv (xlsx_csv_release()). */
#ifndef TANDEM_XLSX_READ_H
#define TANDEM_XLSX_READ_H

#include <stddef.h>

#include "base/buf.h"
#include "domain/date.h"
#include "domain/schema.h"

#define XLSX_MAX_SHARED_TEXT (64u << 20)    /* bytes of shared-string text */
#define XLSX_MAX_SHARED_COUNT (4u << 20)    /* shared strings */
#define XLSX_MAX_CELL (1u << 20)            /* bytes in one cell */
#define XLSX_MAX_CSV (256u << 20)           /* one workbook's sheets as CSV */

struct xlsx_book;

/* What reading one workbook may cost, so that a small upload cannot make
 * the reader inflate or parse without end (a "zip bomb": gigabytes of
 * whitespace that compress to a few megabytes). Every part's sizes are
 * checked in the zip directory before it is inflated and again while it
 * is, against the bytes really produced. A limit that is hit stops the
 * reading with a message naming it ("limit xlsx-max-part: ..."). */
struct xlsx_limits {
	unsigned long long max_part;   /* bytes of one part, uncompressed */
	unsigned long long max_ratio;  /* uncompressed : compressed, past the first MiB */
	unsigned long long max_cells;  /* cells read from the whole workbook */
	unsigned long long max_gap;    /* bytes of XML between two tags (whitespace) */
	unsigned long long cpu_ms;     /* CPU time of the reading thread, from the
	                                * book's opening; 0 = no budget */
};
enum xlsx_limit { XLSX_LIMIT_NONE, XLSX_LIMIT_PART, XLSX_LIMIT_RATIO, XLSX_LIMIT_CELLS,
		  XLSX_LIMIT_GAP, XLSX_LIMIT_CPU };
#define XLSX_N_LIMITS 6

/* The built-in limits (docs/reliability.md): 256 MiB a part, 100:1,
 * 16 million cells, 4 MiB between tags, 120 s of CPU. */
void xlsx_limits_default(struct xlsx_limits *l);
/* The limits of every book opened from now on (the process's; set once,
 * before threads start, by the command line). */
void xlsx_limits_set(const struct xlsx_limits *l);
void xlsx_limits_get(struct xlsx_limits *l);
/* A limit's name, as in options and messages: "xlsx-max-part", ...;
 * NULL for XLSX_LIMIT_NONE. */
const char *xlsx_limit_name(enum xlsx_limit which);
/* Sets the limit called name ("xlsx-max-part", "xlsx-max-ratio",
 * "xlsx-max-cells", "xlsx-max-gap", "xlsx-cpu-seconds") from text: a
 * whole number, with K, M or G (1024-based) for the byte limits. Returns
 * the limit, or XLSX_LIMIT_NONE with err when name or value is wrong. */
enum xlsx_limit xlsx_limits_parse(struct xlsx_limits *l, const char *name, const char *value,
				  struct buf *err);
/* Applies $TANDEM_XLSX_MAX_PART, _MAX_RATIO, _MAX_CELLS, _MAX_GAP and
 * $TANDEM_XLSX_CPU_SECONDS when set. Returns 0, or -1 with err. */
int xlsx_limits_from_env(struct xlsx_limits *l, struct buf *err);
/* The limit named in a message of this reader ("... limit xlsx-max-gap:
 * ..."), or XLSX_LIMIT_NONE: for callers that only have the text. */
enum xlsx_limit xlsx_limit_in(const char *message);
/* The limit that stopped the book's last reading, or XLSX_LIMIT_NONE. */
enum xlsx_limit xlsx_limit_hit(const struct xlsx_book *b);

enum xlsx_type {
	XLSX_STRING,     /* shared, inline or a formula's string result */
	XLSX_NUMBER,     /* text: the number in plain decimal ("0.95", "1200") */
	XLSX_BOOL,       /* text: "1" or "0" */
	XLSX_DATE,       /* a number with a date style; text: "YYYY-MM-DD" (plus
	                  * " HH:MM:SS" when it has a time), number: the serial */
	XLSX_ERROR,      /* text: "#N/A", "#DIV/0!", ... */
};

struct xlsx_cell {
	unsigned long row;       /* 1-based */
	unsigned col;            /* 1-based: A = 1 */
	enum xlsx_type type;
	const char *text;        /* NUL-terminated, valid until the callback returns */
	size_t len;
	double number;           /* numbers, booleans and dates */
};

/* Opens a workbook file. name is how messages call it (usually the path).
 * Returns 0, or -1 with err set ("book.xlsx: not an XLSX file: ..."). */
int xlsx_open_file(struct xlsx_book **out, const char *path, struct buf *err);
/* The same over memory, which must outlive the book. */
int xlsx_open_mem(struct xlsx_book **out, const char *name, const void *data, size_t len,
		  struct buf *err);
void xlsx_close(struct xlsx_book *b);

size_t xlsx_n_sheets(const struct xlsx_book *b);
/* Sheet i's name, in workbook order (borrowed from the book). */
const char *xlsx_sheet_name(const struct xlsx_book *b, size_t i);
/* Does the workbook count dates from 1904 (old Mac Excel)? */
int xlsx_date1904(const struct xlsx_book *b);

/* Calls fn for every non-empty cell of sheet i in document order (rows
 * ascending, columns ascending within a row). fn returns 0 to go on;
 * anything else stops the reading and is returned. Returns 0 at the end,
 * -1 with err set when the sheet is malformed. */
typedef int (*xlsx_cell_fn)(void *ctx, const struct xlsx_cell *cell);
int xlsx_read_sheet(struct xlsx_book *b, size_t i, xlsx_cell_fn fn, void *ctx,
		    struct buf *err);

/* A sheet as CSV text and the map from CSV lines back to sheet rows. */
struct xlsx_line_map { unsigned long line; long delta; };
struct xlsx_csv {
	struct buf text;
	struct xlsx_line_map *map;   /* sorted by line; row = line + delta */
	size_t n_map, cap_map;
	char *where;                 /* "book.xlsx:contracts" */
};
#define XLSX_CSV_INIT { BUF_INIT, NULL, 0, 0, NULL }

/* Converts sheet i into CSV in *out (which starts as XLSX_CSV_INIT). Rows
 * with no value are left out; the first row with a value is the header;
 * field N of every record is column N of the sheet (A = 1), so positions
 * map back exactly. When t is given, a date in one of t's month columns is
 * written "YYYY-MM". At most max_bytes of CSV (0 = XLSX_MAX_CSV). Returns 0,
 * or -1 with err holding the whole message ("book.xlsx:contracts!B3: ...").
 * Release *out with xlsx_csv_release() either way. */
int xlsx_sheet_csv(struct xlsx_book *b, size_t i, const struct table *t, size_t max_bytes,
		   struct xlsx_csv *out, struct buf *err);
void xlsx_csv_release(struct xlsx_csv *c);
/* Appends where a CSV position of c lies in the workbook: the CSV line and
 * field (1-based) become "book.xlsx:contracts!C14". ctx is the struct
 * xlsx_csv (the signature fits struct import_source's where). */
void xlsx_csv_where(const void *ctx, unsigned long line, int column, struct buf *out);

/* A spreadsheet serial day number as a day: 1900 system (with Excel's
 * phantom 1900-02-29 at serial 60, returned as -2) or 1904. Returns 0, -1
 * when out of the years 1900..9999, or -2 for serial 60 of the 1900
 * system. */
int xlsx_serial_day(double serial, int date1904, day_t *out);
/* Appends the column letters of col (1 → "A", 28 → "AB"). */
void xlsx_column_name(struct buf *out, unsigned col);

#endif
