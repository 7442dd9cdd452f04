/* SPDX-License-Identifier: MIT */
/* tandem import: files and folders of SPEC §4 CSV files, all or nothing. */
#include "cli/commands.h"

#include "io/xlsx_read.h"
#include "report/i18n.h"
#include "store/closed.h"
#include "store/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char help_import[] =
	"usage: tandem import [--dry-run] [--encoding utf-8|cp949] [--max-errors N]\n"
	"                     [--correction REASON] [--xlsx-max-... N] [--db PATH] PATH...\n"
	"\n"
	"Imports the files of docs/data-formats.md: CSV files named after their\n"
	"record kind (contracts.csv, measurements.csv, ...), or folders holding\n"
	"them, in any order, or XLSX workbooks whose sheets are named after the\n"
	"record kinds (see 'tandem template'; sheets named _... are skipped).\n"
	"References are resolved across the whole import and\n"
	"against the store. Re-importing a key replaces that row.\n"
	"\n"
	"The import is all or nothing: if any cell is wrong, every problem is\n"
	"printed as FILE:LINE:COLUMN: message (BOOK.xlsx:SHEET!CELL: message for a\n"
	"workbook), nothing is written and the exit\n"
	"status is 1.\n"
	"\n"
	"  --dry-run          check everything, write nothing\n"
	"  --encoding cp949   the files are CP949/EUC-KR (as Korean Excel saves CSV)\n"
	"  --max-errors N     print at most N problems, then a count of the rest\n"
	"                     (default 100)\n"
	"  --correction REASON  the import corrects evidence of a closed (frozen)\n"
	"                     year, for the reason given: without it a row dated in a\n"
	"                     frozen year that would change is an error. Each\n"
	"                     correction is audit-logged and 'tandem verify' lists it\n"
	"\n"
	"Limits on reading an XLSX workbook (a limit that is hit names itself in\n"
	"the error):\n"
	CLI_LIMITS_HELP;

/* A limit of the XLSX reader stopped the import: says so in the user's
 * language, and that it can be raised. */
static void limit_hint(const char *errors, const struct cli *cli)
{
	enum xlsx_limit which = xlsx_limit_in(errors);
	enum lang lang = cli_lang_ko(cli) ? LANG_KO : LANG_EN;
	struct buf key = BUF_INIT;
	if (!which)
		return;
	buf_addf(&key, "report.limit_%s", xlsx_limit_name(which));
	fprintf(stderr, "tandem: %s; %s\n", i18n(lang, key.data), i18n(lang, "report.limit_raise"));
	buf_release(&key);
}

int cmd_import(int argc, char **argv, struct cli *cli)
{
	struct import_options opt = { NULL, 0, 0, 100, NULL };
	struct import_result res;
	struct buf errors = BUF_INIT, err = BUF_INIT;
	struct store *s = NULL;
	const char **paths = xcalloc((size_t)argc, sizeof *paths);
	const char *correction = NULL;
	int n = 0, rc;

	if (cli_limits_env("import")) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if (cli_help(argv[i], cli_find("import"))) {
			rc = EXIT_OK;
			goto out;
		}
		if ((r = cli_common_opt(argc, argv, &i, cli)) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if ((r = cli_limit_opt(argc, argv, &i, "import")) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if (!strcmp(argv[i], "--dry-run")) {
			opt.dry_run = 1;
		} else if ((r = cli_opt(argc, argv, &i, "--correction", &correction)) != 0) {
			if (r < 0 || !*correction || strspn(correction, " \t\r\n") == strlen(correction)) {
				rc = r < 0 ? EXIT_USAGE
					: cli_usage_error("import", "--correction takes the reason of the correction");
				goto out;
			}
		} else if ((r = cli_opt(argc, argv, &i, "--encoding", &v)) != 0) {
			if (r < 0) {
				rc = EXIT_USAGE;
				goto out;
			}
			opt.encoding = v;
		} else if ((r = cli_opt(argc, argv, &i, "--max-errors", &v)) != 0) {
			char *end;
			long m = r > 0 ? strtol(v, &end, 10) : 0;
			if (r < 0 || *end || m < 1) {
				rc = cli_usage_error("import", "--max-errors takes a number >= 1");
				goto out;
			}
			opt.max_errors = (size_t)m;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			rc = cli_usage_error("import", "unknown option '%s'", argv[i]);
			goto out;
		} else {
			paths[n++] = argv[i];
		}
	}
	if (!n) {
		rc = cli_usage_error("import", "nothing to import: name files or folders");
		goto out;
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	opt.progress = isatty(2);
	closed_set_correction(s, correction);
	rc = store_import(s, paths, n, &opt, &res, &errors, &err);
	if (rc < 0) {
		cli_put_problems(stderr, "", errors.data);
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else if (rc == 1) {
		cli_put_problems(stderr, "", errors.data);
		limit_hint(errors.data, cli);
		cli_error("import failed: %llu problem%s in %llu rows; nothing was written",
			  (unsigned long long)res.errors, res.errors == 1 ? "" : "s",
			  (unsigned long long)res.rows);
		rc = EXIT_BAD_INPUT;
	} else if (opt.dry_run) {
		printf("%llu rows in %d files are valid (dry run: nothing written)\n",
		       (unsigned long long)res.rows, res.files);
	} else {
		printf("imported %llu rows from %d files (batch %lld)\n",
		       (unsigned long long)res.rows, res.files, (long long)res.batch);
	}
out:
	store_close(s);
	buf_release(&errors);
	buf_release(&err);
	xfree(paths);
	return rc;
}
