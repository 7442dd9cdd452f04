/* SPDX-License-Identifier: MIT */
/* tandem export: the store's records as SPEC §4 CSV (or JSON) files. */
#include "cli/commands.h"

#include "domain/schema.h"
#include "report/template.h"
#include "store/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char help_export[] =
	"usage: tandem export [ENTITY...] [--format csv|json] --out DIR [--db PATH]\n"
	"       tandem export --format xlsx --out FILE.xlsx [--lang ko|en]\n"
	"\n"
	"Writes every record kind (or only the ENTITYs named, e.g. contracts\n"
	"measurements) into DIR as ENTITY.csv (or ENTITY.json), rows sorted by key.\n"
	"The CSV files are exactly what 'tandem import' reads: importing an export\n"
	"into an empty store gives back the same store, and exporting the same\n"
	"store twice gives the same bytes.\n"
	"\n"
	"--format xlsx writes every record kind into one workbook, a sheet per kind\n"
	"(the workbook of 'tandem template', filled); 'tandem import FILE.xlsx'\n"
	"reads it back.\n";

/* The workbook's rows: the store's CSV export of one table. */
static int export_rows(void *ctx, const struct table *t, FILE *out, struct buf *err)
{
	return store_export_table(ctx, t, EXPORT_CSV, out, err);
}

int cmd_export(int argc, char **argv, struct cli *cli)
{
	const char *out_dir = NULL, *format = "csv";
	const struct table **tables = xcalloc(schema_n_tables + (size_t)argc, sizeof *tables);
	size_t n = 0;
	struct store *s = NULL;
	struct buf err = BUF_INIT, path = BUF_INIT;
	int rc = EXIT_USAGE;
	enum export_format fmt;
	const char **kinds = xcalloc((size_t)argc, sizeof *kinds);
	int n_kinds;
	const struct cli_option options[] = {
		{ "--out", CLI_TEXT, &out_dir },
		{ "--format", CLI_TEXT, &format },
	};
	const struct cli_spec spec = { "export", CLI_OPTIONS(options), 1, 0,
				       kinds, argc, &n_kinds };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		goto out;
	for (int i = 0; i < n_kinds; i++) {
		const struct table *t = schema_find(kinds[i]);
		if (!t) {
			rc = cli_usage_error("export", "unknown record kind '%s'", kinds[i]);
			goto out;
		}
		tables[n++] = t;
	}
	if (!strcmp(format, "xlsx")) {
		/* One workbook of every kind: report/template.c. */
		if (!out_dir || n) {
			rc = cli_usage_error("export", "--format xlsx takes --out FILE.xlsx and no ENTITY");
			goto out;
		}
		if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
			goto out;
		if (report_workbook_write(out_dir, export_rows, s, cli_lang_ko(cli) ? LANG_KO : LANG_EN,
					  &err)) {
			cli_error("%s: %s", out_dir, err.data);
			rc = EXIT_STORAGE;
			goto out;
		}
		printf("exported every record kind to %s\n", out_dir);
		rc = EXIT_OK;
		goto out;
	}
	if (!strcmp(format, "csv")) {
		fmt = EXPORT_CSV;
	} else if (!strcmp(format, "json")) {
		fmt = EXPORT_JSON;
	} else {
		rc = cli_usage_error("export", "--format takes csv, json or xlsx, not '%s'", format);
		goto out;
	}
	if (!out_dir) {
		rc = cli_usage_error("export", "--out DIR is required");
		goto out;
	}
	if (!n)
		for (size_t i = 0; i < schema_n_tables; i++)
			tables[n++] = &schema_tables[i];
	if (mkdir(out_dir, 0777) && errno != EEXIST) {
		cli_error("cannot create '%s': %s", out_dir, strerror(errno));
		rc = EXIT_STORAGE;
		goto out;
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		FILE *f;
		buf_reset(&path);
		buf_addf(&path, "%s/%s.%s", out_dir, tables[i]->name, format);
		f = fopen(path.data, "wb");
		if (!f) {
			cli_error("cannot write '%s': %s", path.data, strerror(errno));
			rc = EXIT_STORAGE;
			goto out;
		}
		int erc = store_export_table(s, tables[i], fmt, f, &err);
		if (fclose(f) || erc) {
			cli_error("%s: %s", path.data, err.len ? err.data : "write failed");
			rc = EXIT_STORAGE;
			goto out;
		}
	}
	printf("exported %zu files to %s\n", n, out_dir);
	rc = EXIT_OK;
out:
	store_close(s);
	buf_release(&err);
	buf_release(&path);
	xfree(tables);
	xfree(kinds);
	return rc;
}
