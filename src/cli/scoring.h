/* SPDX-License-Identifier: MIT */
/* What the scoring commands (score, explain, whatif, freeze, verify) share:
 * the app's model choice and scored year (app/scoring.h), with problems
 * printed and the result as an exit code. */
#ifndef TANDEM_CLI_SCORING_H
#define TANDEM_CLI_SCORING_H

#include "app/scoring.h"
#include "store/store.h"

/* app_model_load with files allowed (spec: a JSON file if one exists at
 * that path, else "default" or a stored version; NULL: the store's model
 * for the year, else the built-in default). Prints problems; returns an
 * exit code. *out (model_free) and *version (free) are the caller's. */
int cli_load_model(struct store *s, const char *spec, int year, struct model **out,
		   char **version);
/* app_open_scored_year with the same model choice; release *out with
 * app_scored_year_release() whatever the result. */
int cli_score_year(struct store *s, const char *model_spec, int year, struct app_scored_year *out);
struct calibration;
/* Calibrates base for `year` from the n_years years before it (each scored
 * under base from the store's data) for the organizations in orgs[2]: see
 * engine/calibrate.h. On success *draft and *cal are the caller's
 * (model_free, calibration_free). Prints problems; returns an exit code. */
int cli_calibrate(struct store *s, const struct model *base, int year, int n_years,
		  const int orgs[2], struct model **draft, struct calibration **cal);
/* Parses a year argument (1000..9999); prints a usage error on failure. */
int cli_parse_year(const char *cmd, const char *text, int *year);
/* The same for a result of opening a model (app_model_load, app_open_*):
 * APP_MISSING names spec, a model's parse errors are printed as they are. */
int cli_model_result(enum app_status st, const char *spec, struct buf *err);
/* Prints an app result's reason (err, one problem a line) and returns its
 * exit code (EXIT_OK for APP_OK, printing nothing). */
int cli_app_result(enum app_status st, const struct buf *err);

#endif
