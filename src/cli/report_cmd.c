/* SPDX-License-Identifier: MIT */
/* tandem report (a scored year as an HTML, XLSX, CSV or JSON file) and
 * tandem template (the empty records workbook to fill in and import). */
#include "cli/commands.h"

#include "store/closed.h"

#include "cli/scoring.h"
#include "engine/credits.h"
#include "report/html_report.h"
#include "report/i18n.h"
#include "report/scores_csv.h"
#include "report/scores_json.h"
#include "report/template.h"
#include "report/xlsx_report.h"
#include "app/scoring.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_report[] =
	"usage: tandem report --year Y --out FILE [--format html|xlsx|csv|json]\n"
	"                     [--org sales|operations] [--subject KIND:ID]\n"
	"                     [--model VERSION|FILE] [--lang ko|en]\n"
	"\n"
	"Writes the scores of evaluation year Y as a file for people to read:\n"
	"\n"
	"  --format html   one self-contained page, print-ready on A4: contents,\n"
	"                  scores by org unit and person, category breakdown, grade\n"
	"                  distribution, SLA compliance month by month per contract,\n"
	"                  stabilization plan vs actual, the trend over Y-2..Y\n"
	"                  (default when FILE ends in .html)\n"
	"  --format xlsx   a workbook: a sheet per level (company, org units, people,\n"
	"                  contracts), the criteria and the evidence, with number\n"
	"                  formats, frozen headers, filters and grade colours\n"
	"  --format csv    the rows of 'tandem score --format csv'\n"
	"  --format json   the rows and evidence of 'tandem score --format json'\n"
	"  --org ORG       only the sales or the operations organization\n"
	"  --subject KIND:ID  only contract:ID, person:ID, org_unit:ID or company:company\n";

const char help_template[] =
	"usage: tandem template --out FILE.xlsx [--lang ko|en]\n"
	"\n"
	"Writes the empty workbook an analyst fills in and imports with 'tandem\n"
	"import FILE.xlsx': a sheet per record kind with its header row, drop-down\n"
	"lists for fixed values, checks on dates and numbers, a note on every\n"
	"column's header and a guide sheet. The same workbook filled from the store\n"
	"is 'tandem export --format xlsx --out FILE.xlsx'.\n";

static enum lang report_lang(const struct cli *cli)
{
	return cli_lang_ko(cli) ? LANG_KO : LANG_EN;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

struct report_args {
	const char *year, *format, *out, *org, *subject, *model;
};

/* Returns 0 to go on, or 1 with the exit status in *rc (cli_parse). */
static int parse_report_args(int argc, char **argv, struct cli *cli, struct report_args *a,
			     int *rc)
{
	const struct cli_option options[] = {
		{ "--year", CLI_TEXT, &a->year },
		{ "--format", CLI_TEXT, &a->format },
		{ "--out", CLI_TEXT, &a->out },
		{ "--org", CLI_TEXT, &a->org },
		{ "--subject", CLI_TEXT, &a->subject },
		{ "--model", CLI_TEXT, &a->model },
	};
	const struct cli_spec spec = { "report", CLI_OPTIONS(options), 1 };

	memset(a, 0, sizeof *a);
	return cli_parse(&spec, argc, argv, cli, rc);
}

int cmd_report(int argc, char **argv, struct cli *cli)
{
	static const char *const kinds[] = { "contract", "person", "org_unit", "company" };
	struct report_args a;
	struct report_input in;
	struct app_scored_year years[3];
	struct store *s = NULL;
	struct buf out = BUF_INIT, err = BUF_INIT;
	char *kind = NULL;
	const char *format;
	struct dataset all;
	struct credits credits;
	int all_loaded = 0;
	int year, rc;

	memset(years, 0, sizeof years);
	memset(&in, 0, sizeof in);
	if (parse_report_args(argc, argv, cli, &a, &rc))
		return rc;
	if (cli_parse_year("report", a.year, &year))
		return EXIT_USAGE;
	if (!a.out)
		return cli_usage_error("report", "--out FILE is required");
	format = a.format ? a.format : has_suffix(a.out, ".xlsx") ? "xlsx" :
		 has_suffix(a.out, ".csv") ? "csv" : has_suffix(a.out, ".json") ? "json" : "html";
	if (strcmp(format, "html") && strcmp(format, "xlsx") && strcmp(format, "csv") &&
	    strcmp(format, "json"))
		return cli_usage_error("report", "--format takes html, xlsx, csv or json, not '%s'", format);
	in.org = -1;
	if (a.org) {
		if (!strcmp(a.org, "sales"))
			in.org = ORG_SALES;
		else if (!strcmp(a.org, "operations"))
			in.org = ORG_OPERATIONS;
		else
			return cli_usage_error("report", "--org takes sales or operations, not '%s'", a.org);
	}
	if (a.subject) {
		const char *colon = strchr(a.subject, ':');
		for (size_t i = 0; colon && colon[1] && i < 4; i++)
			if (strlen(kinds[i]) == (size_t)(colon - a.subject) &&
			    !strncmp(kinds[i], a.subject, (size_t)(colon - a.subject)))
				kind = xstrndup(a.subject, (size_t)(colon - a.subject));
		if (!kind)
			return cli_usage_error("report", "--subject takes KIND:ID (contract, person, org_unit or company), not '%s'",
					       a.subject);
		in.subject_kind = kind;
		in.subject_id = colon + 1;
	}
	in.lang = report_lang(cli);
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	/* Y last, so that a failure to score Y itself is the one reported. */
	for (int k = 0; k < 3; k++) {
		int y = year - 2 + k;
		if (k < 2 && strcmp(format, "html") && strcmp(format, "xlsx"))
			continue;
		if ((rc = cli_score_year(s, a.model, y, &years[k])) != EXIT_OK) {
			if (k == 2)
				goto out;
			app_scored_year_release(&years[k]);
			continue;
		}
		in.history[k] = years[k].scores;
	}
	in.scores = years[2].scores;
	in.model_version = years[2].model_version;
	if (!strcmp(format, "html") || !strcmp(format, "xlsx")) {
		/* Credits look at every month of data (earn-back runs past Y). */
		if (app_load_data(s, DAY_NONE, &all, &err)) {
			cli_error("%s", err.data);
			rc = EXIT_STORAGE;
			goto out;
		}
		all_loaded = 1;
		credits_compute(&all, &credits);
		in.credits = &credits;
	}
	/* A frozen year's report names the audit head its freeze left. */
	struct buf corrections = BUF_INIT;
	char frozen_head[96];
	long n_corrections = 0;
	if (closed_corrections(s, year, frozen_head, &corrections, &n_corrections, &err) == 0 &&
	    frozen_head[0])
		in.frozen_audit_head = frozen_head;
	buf_release(&corrections);
	buf_reset(&err);
	if (kind) {
		years[2].scores->only_kind = kind;
		years[2].scores->only_id = in.subject_id;
	}
	if (!strcmp(format, "xlsx")) {
		if (report_xlsx(&in, a.out, &err)) {
			cli_error("%s", err.data);
			rc = EXIT_STORAGE;
			goto out;
		}
	} else {
		if (!strcmp(format, "html"))
			report_html(&in, &out);
		else if (!strcmp(format, "csv"))
			report_scores_csv(in.scores, &out);
		else
			report_scores_json(in.scores, &out);
		if ((rc = cli_write_file(a.out, out.data, out.len)) != EXIT_OK)
			goto out;
	}
	printf("wrote %s (%s, %d)\n", a.out, format, year);
	rc = EXIT_OK;
out:
	if (all_loaded) {
		if (in.credits)
			credits_free(&credits);
		dataset_free(&all);
	}
	for (int k = 0; k < 3; k++)
		app_scored_year_release(&years[k]);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	xfree(kind);
	return rc;
}

int cmd_template(int argc, char **argv, struct cli *cli)
{
	const char *out = NULL;
	struct buf err = BUF_INIT;
	int rc = EXIT_OK;

	const struct cli_option options[] = { { "--out", CLI_TEXT, &out } };
	const struct cli_spec spec = { "template", CLI_OPTIONS(options), 1 };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (!out)
		return cli_usage_error("template", "--out FILE.xlsx is required");
	if (report_workbook_write(out, NULL, NULL, report_lang(cli), &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else {
		printf("wrote %s\n", out);
	}
	buf_release(&err);
	return rc;
}
