/* SPDX-License-Identifier: MIT */
/* tandem promises, alerts, cycle and track-record: the account lifecycle
 * beyond the scores (SPEC §6), computed by engine/lifecycle.c from the
 * store's data and printed by report/lifecycle_text.c. */
#include "cli/commands.h"

#include "base/clock.h"
#include "cli/scoring.h"
#include "engine/lifecycle.h"
#include "report/i18n.h"
#include "report/lifecycle_text.h"
#include "app/scoring.h"
#include "store/proposals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_promises[] =
	"usage: tandem promises --year Y [--model VERSION|FILE] [--format text|csv|json] [--lang ko|en]\n"
	"\n"
	"Promise vs delivery: for each won proposal whose contract has steady-state\n"
	"data in year Y, the feasibility review's predicted_attainment beside the\n"
	"real steady-state SLA attainment (the value of S2.1 in Y) and the gap\n"
	"(actual − predicted); then calibration per reviewer, per sales owner and\n"
	"overall: n, mean absolute error and bias (the mean gap: negative means\n"
	"operations promised more than was delivered). A proposal's contract is the\n"
	"first contract of the same client and service line signed on or after the\n"
	"proposal (see docs/lifecycle.md). A gate override is shown beside its row.\n";

const char help_alerts[] =
	"usage: tandem alerts [--as-of YYYY-MM-DD] [--model VERSION|FILE] [--format text|json]\n"
	"                     [--lang ko|en]\n"
	"\n"
	"Early warnings in force on a date (today by default), each naming the\n"
	"contract, its sales and operations owners, the rule and the evidence:\n"
	"  stabilization_overdue  month P+K-1 has passed and no run of K compliant\n"
	"                         months has begun\n"
	"  sla_missed             an SLA metric missed its target in each of the last\n"
	"                         N complete months (N = alerts.sla_missed_months, 2)\n"
	"  readiness_open         a required readiness item is open D days or less\n"
	"                         before go-live (D = alerts.readiness_days_before_go_live, 14)\n"
	"  renewal_at_risk        a pending renewal is due within R days (R =\n"
	"                         alerts.renewal_days, 90) and the client's latest\n"
	"                         relationship level is below the one before\n"
	"  below_minimum          a metric with SLA terms (sla_terms.csv) is below its\n"
	"                         contractual minimum in the as-of month so far\n"
	"  credit_exposure        the as-of month so far incurs service credits\n"
	"                         (tandem credits)\n"
	"The thresholds are the model's \"alerts\" object. Only data dated on or\n"
	"before the as-of date is used.\n";

const char help_cycle[] =
	"usage: tandem cycle --from Y1 [--to Y2] [--model VERSION|FILE] [--format text|csv|json]\n"
	"       tandem cycle --referrals [--format text|json]\n"
	"\n"
	"The virtuous cycle, year by year: the share of contracts whose plan\n"
	"deadline (month P+K-1) fell in the year that stabilized within plan; the\n"
	"renewal rate; expansions per active contract and their value growth; new\n"
	"service lines per active contract; the referral rate (new clients\n"
	"introduced by an existing client ÷ new clients); references per account.\n"
	"--referrals prints the referral chains (client → client it introduced) as\n"
	"a tree.\n";

const char help_track_record[] =
	"usage: tandem track-record --year Y [--model VERSION|FILE] [--format text|html|json]\n"
	"                           [--lang ko|en]\n"
	"\n"
	"An anonymised summary of year Y a BPO can show prospects: months to\n"
	"stabilize against plan, steady-state SLA attainment, renewal rate and\n"
	"expansions. It names no client and no person: contracts are numbered.\n"
	"--format html writes a print-ready page with charts.\n";

struct lc_args {
	const char *year, *model, *format, *as_of, *from, *to;
	int referrals;
};

/* Returns 0 to go on, or 1 with the exit status in *rc (cli_parse). */
static int parse_args(const char *cmd, int argc, char **argv, struct cli *cli,
		      struct lc_args *a, int *rc)
{
	const struct cli_option options[] = {
		{ "--year", CLI_TEXT, &a->year },
		{ "--model", CLI_TEXT, &a->model },
		{ "--format", CLI_TEXT, &a->format },
		{ "--as-of", CLI_TEXT, &a->as_of },
		{ "--from", CLI_TEXT, &a->from },
		{ "--to", CLI_TEXT, &a->to },
		{ "--referrals", CLI_FLAG, &a->referrals },
	};
	const struct cli_spec spec = { cmd, CLI_OPTIONS(options), 1 };

	memset(a, 0, sizeof *a);
	return cli_parse(&spec, argc, argv, cli, rc);
}

/* Is format one of the NULL-terminated allowed ones? Prints a usage error if not. */
static int check_format(const char *cmd, const char *format, const char *const *allowed,
			const char *list)
{
	for (; *allowed; allowed++)
		if (!strcmp(*allowed, format))
			return 0;
	return cli_usage_error(cmd, "--format takes %s, not '%s'", list, format);
}

static enum lang cli_lang(const struct cli *cli)
{
	return cli_lang_ko(cli) ? LANG_KO : LANG_EN;
}

static void print(struct buf *out)
{
	fwrite(out->data, 1, out->len, stdout);
}

/* ---- promises ---------------------------------------------------------- */

/* The overrides in the store as lc_override rows over ds's proposals. */
static int load_overrides(struct store *s, const struct dataset *ds,
			  struct proposal_override_row **rows, size_t *n_rows,
			  struct lc_override **out, size_t *n)
{
	struct buf err = BUF_INIT;
	if (store_proposal_overrides(s, rows, n_rows, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_STORAGE;
	}
	*out = xcalloc(*n_rows + 1, sizeof **out);
	*n = 0;
	for (size_t i = 0; i < *n_rows; i++)
		for (size_t p = 0; p < ds->n_proposals; p++)
			if (!strcmp(ds->proposals[p].id, (*rows)[i].proposal_id))
				(*out)[(*n)++] = (struct lc_override){ (int)p, (*rows)[i].decided_by,
								       (*rows)[i].reason, (*rows)[i].decided_at };
	buf_release(&err);
	return EXIT_OK;
}

int cmd_promises(int argc, char **argv, struct cli *cli)
{
	static const char *const formats[] = { "text", "csv", "json", NULL };
	struct lc_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct proposal_override_row *rows = NULL;
	struct lc_override *ov = NULL;
	struct lc_promises p = { 0 };
	struct buf out = BUF_INIT;
	size_t n_rows = 0, n_ov = 0;
	int year, rc;

	if (parse_args("promises", argc, argv, cli, &a, &rc))
		return rc;
	const char *format = a.format ? a.format : "text";
	if (cli_parse_year("promises", a.year, &year) ||
	    check_format("promises", format, formats, "text, csv or json"))
		return EXIT_USAGE;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	if ((rc = cli_score_year(s, a.model, year, &y)) != EXIT_OK ||
	    (rc = load_overrides(s, &y.ds, &rows, &n_rows, &ov, &n_ov)) != EXIT_OK)
		goto out;
	lifecycle_promises(y.scores, ov, n_ov, &p);
	if (!strcmp(format, "csv"))
		report_promises_csv(&p, &y.ds, ov, &out);
	else if (!strcmp(format, "json"))
		report_promises_json(&p, &y.ds, ov, &out);
	else
		report_promises_text(&p, &y.ds, ov, cli_lang(cli), &out);
	print(&out);
out:
	lc_promises_release(&p);
	xfree(ov);
	proposal_overrides_free(rows, n_rows);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	return rc;
}

/* ---- alerts ------------------------------------------------------------ */

int cmd_alerts(int argc, char **argv, struct cli *cli)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct lc_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct lc_alerts al = { 0 };
	struct buf out = BUF_INIT, err = BUF_INIT;
	day_t as_of;
	int rc;

	if (parse_args("alerts", argc, argv, cli, &a, &rc))
		return rc;
	const char *format = a.format ? a.format : "text";
	if (check_format("alerts", format, formats, "text or json"))
		return EXIT_USAGE;
	if (a.as_of ? date_parse(a.as_of, strlen(a.as_of), &as_of) : (as_of = app_today()) == DAY_NONE)
		return cli_usage_error("alerts", "--as-of takes a date YYYY-MM-DD, not '%s'",
				       a.as_of ? a.as_of : "");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	rc = cli_model_result(app_open_as_of(s, a.model, as_of, APP_MODEL_FILES, &y, &err), a.model,
			      &err);
	if (rc)
		goto out;
	lifecycle_alerts(&y.ds, &y.model->alerts, y.model->stabilization_run_months, as_of, &al);
	if (!strcmp(format, "json"))
		report_alerts_json(&al, &y.ds, cli_lang(cli), &out);
	else
		report_alerts_text(&al, &y.ds, cli_lang(cli), &out);
	print(&out);
out:
	lc_alerts_release(&al);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}

/* ---- cycle ------------------------------------------------------------- */

static int run_referrals(struct cli *cli, const char *format)
{
	struct store *s = NULL;
	struct dataset ds = { 0 };
	struct lc_referral *r = NULL;
	struct buf out = BUF_INIT, err = BUF_INIT;
	size_t n = 0;
	int rc;

	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	if (app_load_data(s, DAY_NONE, &ds, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
		goto out;
	}
	lifecycle_referrals(&ds, &r, &n);
	if (!strcmp(format, "json"))
		report_referrals_json(r, n, &ds, &out);
	else
		report_referrals_text(r, n, &ds, cli_lang(cli), &out);
	print(&out);
	dataset_free(&ds);
out:
	xfree(r);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}

int cmd_cycle(int argc, char **argv, struct cli *cli)
{
	static const char *const formats[] = { "text", "csv", "json", NULL };
	static const char *const tree_formats[] = { "text", "json", NULL };
	struct lc_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct lc_cycle_year *years = NULL;
	struct buf out = BUF_INIT, err = BUF_INIT;
	size_t n = 0;
	int y1, y2, rc;

	if (parse_args("cycle", argc, argv, cli, &a, &rc))
		return rc;
	const char *format = a.format ? a.format : "text";
	if (a.referrals) {
		if (a.from || a.to || a.year)
			return cli_usage_error("cycle", "--referrals takes no years: the tree is of all time");
		if (check_format("cycle", format, tree_formats, "text or json"))
			return EXIT_USAGE;
		return run_referrals(cli, format);
	}
	if (check_format("cycle", format, formats, "text, csv or json"))
		return EXIT_USAGE;
	if (!a.from)
		return cli_usage_error("cycle", "--from Y1 is needed (or --referrals)");
	if (cli_parse_year("cycle", a.from, &y1) || cli_parse_year("cycle", a.to ? a.to : a.from, &y2))
		return EXIT_USAGE;
	if (y2 < y1 || y2 - y1 > 50)
		return cli_usage_error("cycle", "--to must be from --from up to 50 years later");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	rc = cli_model_result(app_open_year_data(s, a.model, y2, APP_MODEL_FILES, &y, &err), a.model,
			      &err);
	if (rc)
		goto out;
	lifecycle_cycle(&y.ds, y.model, y1, y2, &years, &n);
	if (!strcmp(format, "csv"))
		report_cycle_csv(years, n, &out);
	else if (!strcmp(format, "json"))
		report_cycle_json(years, n, &out);
	else
		report_cycle_text(years, n, cli_lang(cli), &out);
	print(&out);
out:
	xfree(years);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}

/* ---- track record ------------------------------------------------------ */

int cmd_track_record(int argc, char **argv, struct cli *cli)
{
	static const char *const formats[] = { "text", "html", "json", NULL };
	struct lc_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct lc_track_record t = { 0 };
	struct buf out = BUF_INIT;
	int year, rc;

	if (parse_args("track-record", argc, argv, cli, &a, &rc))
		return rc;
	const char *format = a.format ? a.format : "text";
	if (cli_parse_year("track-record", a.year, &year) ||
	    check_format("track-record", format, formats, "text, html or json"))
		return EXIT_USAGE;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	if ((rc = cli_score_year(s, a.model, year, &y)) != EXIT_OK)
		goto out;
	lifecycle_track_record(y.scores, &t);
	if (!strcmp(format, "html"))
		report_track_record_html(&t, cli_lang(cli), &out);
	else if (!strcmp(format, "json"))
		report_track_record_json(&t, &out);
	else
		report_track_record_text(&t, cli_lang(cli), &out);
	print(&out);
out:
	lc_track_record_release(&t);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	return rc;
}
