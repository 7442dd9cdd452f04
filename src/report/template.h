/* SPDX-License-Identifier: MIT */
/* The records workbook: one sheet per SPEC §4 record kind, named as the
 * file without ".csv", with its header row, drop-down lists for enums,
 * typed data validation, a note on every header cell and a guide sheet.
 * Empty, it is the fill-in template of 'tandem template'; filled from a
 * store it is 'tandem export --format xlsx'. Either way 'tandem import
 * book.xlsx' reads it back (the guide and list sheets start with '_'). */
#ifndef TANDEM_TEMPLATE_H
#define TANDEM_TEMPLATE_H

#include <stdio.h>

#include "base/buf.h"
#include "domain/schema.h"
#include "report/i18n.h"

/* Where the rows come from: writes table t as 'tandem export --format csv'
 * does (a header row, then every row sorted by key) into out. Returns 0,
 * or -1 with a message in err. The caller (cli/) owns the store behind
 * it, so this room needs none. */
typedef int (*report_rows_fn)(void *ctx, const struct table *t, FILE *out, struct buf *err);

/* Writes the workbook to path. With rows NULL the sheets are empty; else
 * every row rows() gives is written: dates as spreadsheet dates, numbers
 * as numbers (as text when a double would not hold the exact decimal), ids
 * as text. Returns 0, or -1 with a message in err. */
int report_workbook_write(const char *path, report_rows_fn rows, void *ctx, enum lang lang,
			  struct buf *err);

#endif
