/* SPDX-License-Identifier: MIT */
/* The records workbook: one sheet per SPEC §4 record kind, named as the
 * file without ".csv", with its header row, drop-down lists for enums,
 * typed data validation, a note on every header cell and a guide sheet.
 * Empty, it is the fill-in template of 'tandem template'; filled from a
 * store it is 'tandem export --format xlsx'. Either way 'tandem import
 * book.xlsx' reads it back (the guide and list sheets start with '_'). */
#ifndef TANDEM_TEMPLATE_H
#define TANDEM_TEMPLATE_H

#include "base/buf.h"
#include "report/i18n.h"
#include "store/store.h"

/* Writes the workbook to path. With data NULL the sheets are empty; else
 * every row of the store is written, sorted by key as 'tandem export'
 * writes them: dates as spreadsheet dates, numbers as numbers (as text
 * when a double would not hold the exact decimal), ids as text. Returns
 * 0, or -1 with a message in err. */
int report_workbook_write(const char *path, struct store *data, enum lang lang, struct buf *err);

#endif
