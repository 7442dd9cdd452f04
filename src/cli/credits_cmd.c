/* SPDX-License-Identifier: MIT */
/* tandem credits: the service credits of a year under the contracts' SLA
 * terms (engine/credits.h), as text, CSV or JSON (report/credits_report.h). */
#include "cli/commands.h"
#include "cli/scoring.h"

#include "engine/credits.h"
#include "report/credits_report.h"
#include "app/scoring.h"

#include <stdio.h>
#include <string.h>

const char help_credits[] =
	"usage: tandem credits --year Y [--contract ID] [--format text|csv|json] [--lang ko|en]\n"
	"\n"
	"The service credits of year Y under the contracts' SLA terms\n"
	"(sla_terms.csv): for each metric and month with data, its value\n"
	"(Σnumerator ÷ Σdenominator), the minimum and expected levels, and the\n"
	"credit, owed, waived by earn-back or pending. Month 1 is the go-live\n"
	"month; no credit in the burn-in months. The pool of a month is\n"
	"at_risk_pct % of its revenue (financials.csv); a metric's allocation is\n"
	"allocation_pct % of the pool; full pays the allocation below the\n"
	"minimum, linear in proportion between expected and minimum; a month's\n"
	"credits above the pool are scaled down to it. A credit is waived when\n"
	"the next earn_back_months months meet the expected level, pending while\n"
	"some of them have no data yet, else owed. Earn-back looks at every\n"
	"month of data, also after Y. Amounts are exact, rounded half away from\n"
	"zero to two decimals; totals are rounded once.\n"
	"--format csv prints one row per contract, metric and month:\n"
	"  contract_id,metric,month,value,minimum,expected,credit_owed,\n"
	"  credit_waived,credit_pending\n"
	"--format json adds the evidence: each month's sums, revenue, pool and\n"
	"cap factor, and the months each earn-back looked at.\n"
	"Exposure is reported, not scored (docs/evaluation.md, \"Service credits\").\n";

int cmd_credits(int argc, char **argv, struct cli *cli)
{
	const char *year_text = NULL, *contract_id = NULL, *format = "text";
	struct store *s = NULL;
	struct dataset ds = { 0 };
	struct credits c;
	struct buf out = BUF_INIT, err = BUF_INIT;
	int year, rc, contract = -1, loaded = 0, computed = 0;

	const struct cli_option options[] = {
		{ "--year", CLI_TEXT, &year_text },
		{ "--contract", CLI_TEXT, &contract_id },
		{ "--format", CLI_TEXT, &format },
	};
	const struct cli_spec spec = { "credits", CLI_OPTIONS(options), 1 };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (cli_parse_year("credits", year_text, &year))
		return EXIT_USAGE;
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return cli_usage_error("credits", "--format takes text, csv or json, not '%s'", format);
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	/* Every month loaded: an earn-back of December looks into the next year. */
	if (app_load_data(s, DAY_NONE, &ds, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
		goto out;
	}
	loaded = 1;
	if (contract_id) {
		for (size_t k = 0; k < ds.n_contracts; k++)
			if (!strcmp(ds.contracts[k].id, contract_id))
				contract = (int)k;
		if (contract < 0) {
			cli_error("unknown contract '%s'", contract_id);
			rc = EXIT_BAD_INPUT;
			goto out;
		}
	}
	credits_compute(&ds, &c);
	computed = 1;
	if (!strcmp(format, "csv"))
		report_credits_csv(&c, year, contract, &out);
	else if (!strcmp(format, "json"))
		report_credits_json(&c, year, contract, &out);
	else
		report_credits_text(&c, year, contract, cli_lang_ko(cli) ? LANG_KO : LANG_EN, &out);
	fwrite(out.data, 1, out.len, stdout);
	rc = EXIT_OK;
out:
	if (computed)
		credits_free(&c);
	if (loaded)
		dataset_free(&ds);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}
