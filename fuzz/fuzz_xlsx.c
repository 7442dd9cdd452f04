/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the XLSX reader (src/io/xlsx_read.c). The input is
 * opened as a workbook from memory; every sheet is converted to CSV (as a
 * record kind when its name is one, so month columns are exercised) under a
 * small cap. Whatever the input, the reader must not crash, leak or read
 * out of bounds, and a conversion that succeeds must give CSV the CSV
 * reader accepts, every record as wide as the header or wider, with every
 * line mapping back to a sheet position. Built by fuzz/build.sh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/schema.h"
#include "io/csv.h"
#include "io/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_csv(const struct xlsx_csv *c)
{
	struct csv_reader *r = NULL;
	struct csv_record rec;
	struct buf err = BUF_INIT, where = BUF_INIT;
	size_t width = 0;
	int rc;

	if (csv_open_mem(&r, c->text.data, c->text.len, NULL, &err))
		abort();
	while ((rc = csv_next(r, &rec, &err)) == 1) {
		if (!width)
			width = rec.n_fields;
		else if (rec.n_fields < width)
			abort();
		buf_reset(&where);
		xlsx_csv_where(c, rec.line, (int)rec.n_fields, &where);
		if (!strchr(where.data, '!'))
			abort();
	}
	/* The converter writes valid UTF-8 CSV; only a record over the CSV
	 * reader's own cap may be refused. */
	if (rc < 0 && !strstr(err.data, "record longer than"))
		abort();
	csv_close(r);
	buf_release(&err);
	buf_release(&where);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_book *b = NULL;
	struct buf err = BUF_INIT;

	if (xlsx_open_mem(&b, "fuzz.xlsx", data, size, &err) == 0) {
		for (size_t i = 0; i < xlsx_n_sheets(b); i++) {
			struct xlsx_csv csv = XLSX_CSV_INIT;
			buf_reset(&err);
			if (xlsx_sheet_csv(b, i, schema_find(xlsx_sheet_name(b, i)), 1 << 16, &csv, &err) == 0)
				check_csv(&csv);
			else if (!err.len)
				abort();
			xlsx_csv_release(&csv);
		}
		xlsx_close(b);
	} else if (!err.len) {
		abort();
	}
	buf_release(&err);
	return 0;
}
