/* SPDX-License-Identifier: MIT */
/* Validation as a function over cells: one record's text values checked
 * against domain/schema.c and the row rules of SPEC §4 (dates in order, no
 * self-reference, an email with '@'), the same for a CSV line, an XLSX row,
 * a web form, the API and a proposal's review. Problems are structured
 * values (kind, column, code, parameters, the offending value), rendered
 * into a sentence in the user's language only at the edge
 * (report/problems.h); the checks that need the store (references,
 * separation of duties, duplicates, the gate) add theirs to the same list
 * (store/import.c). A problem_list owns its problems and their strings:
 * release it with problems_release. */
#ifndef TANDEM_VALIDATE_H
#define TANDEM_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/schema.h"

#define PROBLEM_MAX_ARGS 5
/* The longest offending value kept (bytes; a longer one is cut). */
#define PROBLEM_MAX_VALUE 40

struct problem {
	char code[40];           /* the catalog key after "error." ("bad_date") */
	const char *table;       /* static: the record kind, or NULL */
	int col;                 /* the schema column of table, or -1 */
	char *file;              /* the file as named, or NULL */
	char *where;             /* "book.xlsx:contracts!C14" for a converted file, or NULL */
	unsigned long line;      /* 1-based line of file; 0 when none */
	int column;              /* 1-based field of that line; 0 when none */
	char *value;             /* the offending cell (cut at PROBLEM_MAX_VALUE), or NULL */
	char *args[PROBLEM_MAX_ARGS];
	int n_args;
};

/* Keeps the first max problems (all of them when max is 0) and counts
 * every one in total. */
struct problem_list {
	struct problem *items;
	size_t n, cap, max;
	uint64_t total;
};

#define PROBLEM_LIST_INIT { NULL, 0, 0, 0, 0 }

void problems_init(struct problem_list *l, size_t max);
void problems_release(struct problem_list *l);
/* Counts a problem of code and returns it to be filled (col -1, no
 * position), or NULL when it is beyond max (counted, not kept). */
struct problem *problems_add(struct problem_list *l, const char *code);
/* Appends a parameter ({1}, {2}, … of the message, in order). */
void problem_arg(struct problem *p, const char *s, size_t len);
void problem_argf(struct problem *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets the offending value (cut at PROBLEM_MAX_VALUE bytes). */
void problem_value(struct problem *p, const char *s, size_t len);
/* Sets the position of p (file and where are copied; where may be NULL). */
void problem_at(struct problem *p, const char *file, const char *where, unsigned long line,
		int column);

/* One cell of a record: its text as given and, once checked, its value. */
struct cell {
	const char *text;
	size_t len;
	int present;         /* a non-empty cell */
	int64_t num;         /* micro-units for decimals; the number for counts */
	day_t day;
};

/* Checks one cell of column c of table t (its index col) and sets present,
 * num and day. Returns 0, or -1 with one problem added (col and value set,
 * no position). */
int validate_cell(const struct table *t, int col, struct cell *cell, struct problem_list *out);

/* Checks a record of t: every cell (cells[i] is column i), then, when they
 * are all well formed, the rules between cells of the row. Fills the
 * values the schema implies (plain_denominator). Returns the number of
 * problems found (0: the row is good as far as it alone can tell); each
 * added problem has table and col set, no position. */
int validate_row(const struct table *t, struct cell *cells, struct problem_list *out);

/* A measurement's value is numerator / denominator, and a plain value has
 * denominator 1 (SPEC §4): the number an empty denominator cell stands for.
 * The one place that says so. */
static inline void plain_denominator(struct cell *denominator)
{
	if (!denominator->present)
		denominator->num = MICRO_ONE;
}

/* A parameter that is a list of values holds them separated by this byte;
 * the renderer joins them as the language does ("low, medium or high"). */
#define PROBLEM_LIST_SEP "\x1f"

/* The enum values of c as a list parameter, appended to out. */
void validate_enum_list(const struct column *c, struct buf *out);
/* How messages name a record of table ("org unit" for org_units); the
 * table's name when it has no noun. Static. */
const char *validate_noun(const char *table);

#endif
