/* SPDX-License-Identifier: MIT */
/* The scoring commands' view of app/scoring.h: problems printed, exit codes. */
#include "cli/scoring.h"

#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_app_result(enum app_status st, const struct buf *err)
{
	if (st != APP_OK)
		cli_error("%s", err->data);
	return cli_exit_of(st);
}

int cli_model_result(enum app_status st, const char *spec, struct buf *err)
{
	if (st == APP_MISSING)
		buf_addf(err, "no model file or stored version '%s' (see 'tandem model list')", spec);
	if (st == APP_INVALID) {
		cli_put_problems(stderr, "", err->data); /* "SOURCE: PATH: message" lines */
		return cli_exit_of(st);
	}
	return cli_app_result(st, err);
}

int cli_load_model(struct store *s, const char *spec, int year, struct model **out,
		   char **version)
{
	struct buf err = BUF_INIT;
	int rc = cli_model_result(app_model_load(s, spec, year, APP_MODEL_FILES, out, version, &err),
				  spec, &err);
	buf_release(&err);
	return rc;
}

int cli_score_year(struct store *s, const char *model_spec, int year, struct app_scored_year *out)
{
	struct buf err = BUF_INIT;
	int rc = cli_model_result(app_open_scored_year(s, model_spec, year, APP_MODEL_FILES, out, &err),
				  model_spec, &err);
	buf_release(&err);
	return rc;
}

int cli_calibrate(struct store *s, const struct model *base, int year, int n_years,
		  const int orgs[2], struct model **draft, struct calibration **cal)
{
	struct buf err = BUF_INIT;
	enum app_status st;
	if (n_years < 1 || n_years > 20) {
		cli_error("calibration takes 1 to 20 years of history, not %d", n_years);
		return EXIT_USAGE;
	}
	st = app_calibrate(s, base, year, n_years, orgs, draft, cal, &err);
	int rc = cli_app_result(st, &err);
	buf_release(&err);
	return rc;
}

int cli_parse_year(const char *cmd, const char *text, int *year)
{
	if (year_parse(text, year)) {
		cli_usage_error(cmd, "--year takes a year from %d to %d such as 2026%s%s%s", YEAR_FIRST,
				YEAR_LAST, text ? ", not '" : "", text ? text : "", text ? "'" : "");
		return -1;
	}
	return 0;
}
