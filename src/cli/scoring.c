/* SPDX-License-Identifier: MIT */
/* Model selection and year scoring for the scoring commands. */
#include "cli/scoring.h"

#include "cli/cli.h"
#include "domain/date.h"
#include "engine/calibrate.h"
#include "store/load.h"
#include "store/models.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > (64u << 20)) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		buf_add(out, chunk, n);
	}
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

int cli_load_model(struct store *s, const char *spec, int year, struct model **out,
		   char **version)
{
	struct buf err = BUF_INIT, text = BUF_INIT;
	struct stored_model sm = { 0 };
	struct stat sb;
	int rc = EXIT_STORAGE;

	*out = NULL;
	*version = NULL;
	if (spec && !stat(spec, &sb)) {
		if (read_file(spec, &text)) {
			cli_error("cannot read '%s': %s", spec, strerror(errno));
			goto out;
		}
		if (model_parse(text.data, text.len, spec, out, &err)) {
			cli_put_problems(stderr, "", err.data);
			rc = EXIT_BAD_INPUT;
			goto out;
		}
		*version = xstrdup(spec);
		rc = EXIT_OK;
		goto out;
	}
	if (spec && !strcmp(spec, "default"))
		goto builtin;
	int got = spec ? (s ? store_model_get(s, spec, &sm, &err) : 1)
		       : (s ? store_model_for_year(s, year, &sm, &err) : 1);
	if (got < 0) {
		cli_error("%s", err.data);
		goto out;
	}
	if (got == 1 && spec) {
		cli_error("no model file or stored version '%s' (see 'tandem model list')", spec);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (got == 0) {
		if (model_parse(sm.body, strlen(sm.body), sm.version, out, &err)) {
			cli_put_problems(stderr, "", err.data);
			rc = EXIT_BAD_INPUT;
			goto out;
		}
		*version = xstrdup(sm.version);
		rc = EXIT_OK;
		goto out;
	}
builtin:
	if (model_default(out, &err)) {
		cli_error("the built-in model does not parse (a bug): %s", err.data);
		goto out;
	}
	*version = xstrdup("default");
	rc = EXIT_OK;
out:
	stored_model_release(&sm);
	buf_release(&err);
	buf_release(&text);
	return rc;
}

int cli_score_year(struct store *s, const char *model_spec, int year, struct scored_year *out)
{
	struct buf err = BUF_INIT;
	int rc;
	memset(out, 0, sizeof *out);
	rc = cli_load_model(s, model_spec, year, &out->model, &out->model_version);
	if (rc)
		return rc;
	if (store_load(s, model_year_last_day(out->model, year), &out->ds, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_STORAGE;
	}
	if (score_run(out->model, &out->ds, year, &out->scores, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_STORAGE;
	}
	buf_release(&err);
	return EXIT_OK;
}

void scored_year_release(struct scored_year *y)
{
	scores_free(y->scores);
	dataset_free(&y->ds);
	model_free(y->model);
	xfree(y->model_version);
	memset(y, 0, sizeof *y);
}

int cli_calibrate(struct store *s, const struct model *base, int year, int n_years,
		  const int orgs[2], struct model **draft, struct calibration **cal)
{
	struct dataset ds = { 0 };
	struct buf err = BUF_INIT;
	int rc = EXIT_STORAGE;

	*draft = NULL;
	*cal = NULL;
	if (n_years < 1 || n_years > 20) {
		cli_error("calibration takes 1 to 20 years of history, not %d", n_years);
		return EXIT_USAGE;
	}
	if (store_load(s, model_year_last_day(base, year - 1), &ds, &err) ||
	    calibrate_from(base, &ds, year, n_years, orgs, draft, cal, &err))
		cli_error("%s", err.data);
	else
		rc = EXIT_OK;
	dataset_free(&ds);
	buf_release(&err);
	return rc;
}

int cli_parse_year(const char *cmd, const char *text, int *year)
{
	char *end;
	long y = text ? strtol(text, &end, 10) : 0;
	if (!text || *end || y < YEAR_FIRST || y > YEAR_LAST) {
		cli_usage_error(cmd, "--year takes a year from %d to %d such as 2026%s%s%s", YEAR_FIRST,
				YEAR_LAST, text ? ", not '" : "", text ? text : "", text ? "'" : "");
		return -1;
	}
	*year = (int)y;
	return 0;
}
