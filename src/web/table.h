/* SPDX-License-Identifier: MIT */
/* Tables described as data (issue 15 item 4): a table is ONE descriptor —
 * its columns with key, label, kind (text, number, percent, %p, days,
 * months, won), alignment and flags (sortable, filter by choices, summed in
 * a totals row) — rendered by ONE function, html_table(). The reader sorts
 * by any sortable column (?sort=KEY&dir=asc|desc), filters with a text
 * filter (?q=) and per-column choices (?f_KEY=VALUE), and pages
 * (?page=N&per=N) with "1–50 of 76,809" and a totals row; every control is
 * a plain link or a GET form, so it all works without JavaScript. Several
 * tables on a page each take a prefix for their parameters
 * (?units_sort=...). Sorting, filtering and paging happen on the server:
 * either in html_table() over every row, or — for lists too long to load,
 * such as measurements — by the caller (table_state_read() then
 * html_table_given() with the page's rows and the total).
 *
 * Cells and rows are the caller's (an arena's, typically): html_table()
 * only reads them; what it allocates is the request's arena's. */
#ifndef TANDEM_WEB_TABLE_H
#define TANDEM_WEB_TABLE_H

#include <stddef.h>

#include "base/buf.h"

struct request;

enum table_kind {
	TABLE_TEXT,        /* cell text as it is */
	TABLE_NUMBER,      /* num with `decimals` places, thousands separators */
	TABLE_PERCENT,     /* num is a ratio: 0.4 → "40.0%" */
	TABLE_POINTS,      /* num is a difference of ratios: 0.035 → "+3.5%p" */
	TABLE_DAYS,        /* num days: "12일" / "12 days" */
	TABLE_MONTHS,      /* num months: "3개월" / "3 months" */
	TABLE_WON,         /* micro (micro-units of won): "4억 5,000만 원" / "₩450,000,000" */
	TABLE_TREND,       /* a sparkline of series (report/svg.c), then num, the change
			    * since the year before, signed ("+2.31"); sorts by num */
};

enum table_align { TABLE_ALIGN_AUTO, TABLE_ALIGN_LEFT, TABLE_ALIGN_RIGHT, TABLE_ALIGN_CENTER };

enum table_column_flags {
	TABLE_SORTABLE = 1 << 0,
	TABLE_CHOICES = 1 << 1,      /* a choice filter of the column's values (when few) */
	TABLE_SUM = 1 << 2,          /* summed in the totals row (counts, money) */
	TABLE_ROW_HEADER = 1 << 3,   /* the cell is the row's <th scope="row"> */
	TABLE_SEARCH = 1 << 4,       /* the text filter (?q=) looks in this column */
	TABLE_LABEL_HIDDEN = 1 << 5, /* the heading is for screen readers only (an actions column) */
};

struct table_column {
	const char *key;             /* ASCII id in the query: ?sort=KEY, ?f_KEY= */
	const char *label_key;       /* the heading, a catalog key ... */
	const char *label;           /* ... or a text in the user's language (a model's name) */
	enum table_kind kind;
	enum table_align align;      /* AUTO: left for text, right for numbers */
	unsigned flags;
	int decimals;                /* number kinds */
	/* For a TABLE_CHOICES column: fixed values to choose from (NULL: the
	 * distinct values of the rows, when there are at most 30); shown
	 * through the catalog as choice_prefix + value when a prefix is
	 * given. */
	const char *const *choices;
	const char *choice_prefix;
	const char *class_name;      /* a class of the column's cells (NULL: none) */
	const char *title;           /* the heading's tooltip (a criterion's name beside its id), or NULL */
};

struct table_desc {
	const char *id;              /* the <table> id attribute */
	const char *prefix;          /* NULL: ?sort= …; "units": ?units_sort= … */
	const struct table_column *columns;
	size_t n_columns;
	size_t per_page;             /* 0: 50 */
	const char *empty_key;       /* what an empty table says (catalog key) */
	int default_sort;            /* column index, or −1 for the rows' order */
	int default_desc;
	const char *class_name;      /* a class beside "data" (NULL: none) */
	const char *none_match_key;  /* what a table says when the filter leaves nothing
				      * (NULL: "table.none_match") */
	/* Long lists (records, the audit log): the pager also says "page N of
	 * M", links to the first and last pages and has a page box; its nav
	 * is #pager and its range #range (one such table on a page). */
	int numbered;
};

struct table_cell {
	const char *text;            /* TEXT: what is shown; a number kind: shown
				      * instead of the number when has_num is 0
				      * (NULL: the catalog's "n/a") */
	long double num;             /* number kinds, when has_num */
	long long micro;             /* TABLE_WON, when has_num */
	int has_num;
	const char *href;            /* the cell's text links here */
	const char *note;            /* muted text after the value (a name beside an id) */
	const char *badge;           /* a grade letter, shown as a coloured badge */
	const char *choice;          /* the value a choice filter compares; NULL: text */
	const char *title;           /* a tooltip (the value unrounded, a reason) */
	const char *label;           /* the link's name when its text alone does not say it */
	int note_code;               /* the note is a code (an id beside a name): small, monospaced */
	/* Drawn by the caller instead of the value (and the link): for content
	 * no kind says, such as an audit entry's changed fields. draw writes
	 * only through the escaping functions (html_escape, html_raw with
	 * literals); arg is its own. */
	void (*draw)(struct request *req, struct buf *out, const void *arg);
	const void *draw_arg;
	/* TABLE_TREND: values by year (SVG_NONE: not available), their labels,
	 * and whether the last is a year not over yet */
	const double *series;
	const char *const *series_labels;
	size_t n_series;
	int series_partial;
	/* The first cell only: a class of its row (a preview's "changed"
	 * rows). A row is two fields its callers set one by one; a cell is
	 * cleared whole, so the class lives here. */
	const char *row_class;
};

struct table_row {
	struct table_cell *cells;    /* one per column, in column order */
	const char *id;              /* the row's id attribute, or NULL */
};

#define TABLE_MAX_COLUMNS 24

/* What the reader asked of a table: read from the query by
 * table_state_read(). */
struct table_state {
	int sort;                    /* column index, or −1 */
	int desc;
	const char *q;               /* NULL or the text filter */
	const char *choice[TABLE_MAX_COLUMNS];   /* per column: NULL or the value */
	size_t page;                 /* 1-based */
	size_t per_page;
};

/* Reads sort, dir, q, f_KEY, page and per (with t's prefix) from the
 * query — and offset (the first row, from 0) as the page holding it when
 * no page is given, for older links; bad or unknown values fall back to
 * the defaults (a table is a view: a stale link still shows it). */
void table_state_read(const struct request *req, const struct table_desc *t,
		      struct table_state *st);

/* Renders rows (all of them) under t as the reader asked: filtered,
 * sorted, the page of them, the totals of TABLE_SUM columns over every
 * filtered row. Returns how many rows passed the filter. */
size_t html_table(struct request *req, struct buf *out, const struct table_desc *t,
		  struct table_row *rows, size_t n_rows);

/* html_table() in a card of its own under a heading (a catalog key);
 * section_id is the card's id, or NULL. */
size_t html_table_card(struct request *req, struct buf *out, const char *section_id, const char *title_key,
		       const struct table_desc *t, struct table_row *rows, size_t n_rows);

/* What a caller who pages by itself knows: how many rows match in all,
 * and the totals row (or NULL). */
struct table_given {
	size_t total;
	const struct table_cell *totals;   /* one per column, or NULL */
};
/* Renders one page of rows already filtered, sorted and cut by the caller
 * following st (from table_state_read()). */
void html_table_given(struct request *req, struct buf *out, const struct table_desc *t,
		      const struct table_state *st, const struct table_row *rows, size_t n_rows,
		      const struct table_given *given);

/* The text of one cell as html_table() shows it, escaped (for tiles and
 * headings that show the same value outside a table). */
void html_table_value(struct request *req, struct buf *out, enum table_kind kind, int decimals,
		      const struct table_cell *c);

#endif
