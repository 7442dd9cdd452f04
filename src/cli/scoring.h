/* SPDX-License-Identifier: MIT */
/* What the scoring commands (score, explain, whatif, freeze, verify) share:
 * choosing the model for a year and scoring a year from the store. */
#ifndef TANDEM_CLI_SCORING_H
#define TANDEM_CLI_SCORING_H

#include "domain/dataset.h"
#include "engine/model.h"
#include "engine/score.h"
#include "store/store.h"

/* A scored year: the model, the loaded data and the scores, owned together
 * and released with scored_year_release(). */
struct scored_year {
	struct model *model;
	char *model_version;       /* "default", a stored version, or a file name */
	struct dataset ds;
	struct scores *scores;
};

/* Loads the model named by spec (a JSON file if one exists at that path, else
 * a stored version), or when spec is NULL the store's model for the year,
 * else the built-in default. Prints problems; returns an exit code. */
int cli_load_model(struct store *s, const char *spec, int year, struct model **out,
		   char **version);
/* Loads the model as cli_load_model() does, the year's data and scores it. */
int cli_score_year(struct store *s, const char *model_spec, int year, struct scored_year *out);
void scored_year_release(struct scored_year *y);
struct calibration;
/* Calibrates base for `year` from the n_years years before it (each scored
 * under base from the store's data) for the organizations in orgs[2]: see
 * engine/calibrate.h. On success *draft and *cal are the caller's
 * (model_free, calibration_free). Prints problems; returns an exit code. */
int cli_calibrate(struct store *s, const struct model *base, int year, int n_years,
		  const int orgs[2], struct model **draft, struct calibration **cal);
/* Parses a year argument (1000..9999); prints a usage error on failure. */
int cli_parse_year(const char *cmd, const char *text, int *year);

#endif
