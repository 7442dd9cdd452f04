/* SPDX-License-Identifier: MIT */
/* tandem import: files and folders of SPEC §4 CSV files, all or nothing. */
#include "cli/commands.h"

#include "io/xlsx_read.h"
#include "report/i18n.h"
#include "report/problems.h"
#include "store/closed.h"
#include "store/import.h"

#include <limits.h>
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

void cli_import_progress(void *ctx, const struct import_progress *p)
{
	(void)ctx;
	if (p->total_bytes)
		fprintf(stderr, "\rimporting %s: %3d%%, %llu rows%s", p->file,
			(int)(p->bytes * 100 / p->total_bytes), (unsigned long long)p->rows,
			p->done ? "\n" : "");
	else
		fprintf(stderr, "\rimporting %s: %llu rows%s", p->file, (unsigned long long)p->rows,
			p->done ? "\n" : "");
}

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
	struct import_options opt = { .max_errors = 100 };
	struct import_result res;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct buf errors = BUF_INIT, err = BUF_INIT, outcome = BUF_INIT;
	struct store *s = NULL;
	enum lang lang;
	char rows[24], files[16], count[24];
	const char **paths = xcalloc((size_t)argc, sizeof *paths);
	const char *correction = NULL;
	int n = 0, rc, max_errors = 0;
	const struct cli_option options[] = {
		{ "--dry-run", CLI_FLAG, &opt.dry_run },
		{ "--correction", CLI_TEXT, &correction },
		{ "--encoding", CLI_TEXT, &opt.encoding },
		{ "--max-errors", CLI_INT, &max_errors, 1, INT_MAX,
		  "--max-errors takes a number >= 1" },
	};
	const struct cli_spec spec = { "import", CLI_OPTIONS(options), 1, 1, paths, argc, &n };

	if (cli_limits_env("import")) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (cli_parse(&spec, argc, argv, cli, &rc))
		goto out;
	if (correction && !correction[strspn(correction, " \t\r\n")]) {
		rc = cli_usage_error("import", "--correction takes the reason of the correction");
		goto out;
	}
	if (max_errors)
		opt.max_errors = (size_t)max_errors;
	if (!n) {
		rc = cli_usage_error("import", "nothing to import: name files or folders");
		goto out;
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if (isatty(2))
		opt.on_progress = cli_import_progress;
	closed_set_correction(s, correction);
	rc = store_import(s, paths, n, &opt, &res, &problems, &err);
	/* The problems and the outcome in the user's language (--lang, else
	 * LC_ALL, LC_MESSAGES, LANG), from the one catalog. */
	lang = cli_lang_ko(cli) ? LANG_KO : LANG_EN;
	problems_render(&problems, lang, &errors);
	snprintf(rows, sizeof rows, "%llu", (unsigned long long)res.rows);
	snprintf(files, sizeof files, "%d", res.files);
	snprintf(count, sizeof count, "%llu", (unsigned long long)(rc == 1 ? res.errors : (uint64_t)res.batch));
	if (rc < 0) {
		fputs(errors.data, stderr);      /* rendered in lang already */
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else if (rc == 1) {
		const char *args[2] = { count, rows };
		/* Rendered in lang already (problems_render: the lines the
		 * readers below validation wrote, a broken quote or bad UTF-8,
		 * too), so printed as they are. */
		fputs(errors.data, stderr);
		limit_hint(errors.data, cli);
		i18n_add(&outcome, lang, res.errors == 1 ? "import.cli_failed_one" : "import.cli_failed", args, 2);
		fprintf(stderr, "tandem: %s\n", outcome.data);
		rc = EXIT_BAD_INPUT;
	} else {
		const char *args[3] = { rows, files, count };
		i18n_add(&outcome, lang, opt.dry_run ? "import.cli_valid" : "import.cli_done", args, 3);
		printf("%s\n", outcome.data);
	}
out:
	store_close(s);
	problems_release(&problems);
	buf_release(&outcome);
	buf_release(&errors);
	buf_release(&err);
	xfree(paths);
	return rc;
}
