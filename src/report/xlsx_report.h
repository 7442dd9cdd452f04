/* SPDX-License-Identifier: MIT */
/* The XLSX report of a scored year (libxlsxwriter): a summary sheet, one
 * sheet per level (company, org units, people, contracts) with a row per
 * subject and organization, the criterion rows of every contract, and the
 * evidence sheets (SLA months, evidence records). Numbers are real numbers
 * with formats, headers frozen, autofilters on, grades coloured. */
#ifndef TANDEM_XLSX_REPORT_H
#define TANDEM_XLSX_REPORT_H

#include "base/buf.h"
#include "report/html_report.h"

#include <xlsxwriter.h>

/* Writes the workbook to path. Returns 0, or -1 with a message in err. */
int report_xlsx(const struct report_input *in, const char *path, struct buf *err);
/* A new workbook at path (constant_memory: rows go out in order, as large
 * exports want) and *header, the header cells' format of every Tandem
 * workbook (report/template.c's too). NULL with err ("cannot create 'x'")
 * when the file cannot be made; the caller closes it (workbook_close). */
lxw_workbook *report_xlsx_open(const char *path, int constant_memory, lxw_format **header,
			       struct buf *err);

#endif
