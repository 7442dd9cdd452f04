/* SPDX-License-Identifier: MIT */
/* tandem model: the evaluation models, versioned per year (SPEC §5). */
#include "cli/commands.h"

#include "cli/scoring.h"
#include "engine/calibrate.h"
#include "report/model_diff_text.h"
#include "report/units.h"
#include "store/audit.h"
#include "store/load.h"
#include "store/models.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_model[] =
	"usage: tandem model list\n"
	"       tandem model show [VERSION|FILE|default]\n"
	"       tandem model validate FILE\n"
	"       tandem model import FILE --year Y [--version NAME]\n"
	"       tandem model activate VERSION\n"
	"       tandem model diff A B\n"
	"       tandem model calibrate --year Y [--years N] [--from MODEL] [--org ORG]\n"
	"                                [--out FILE]\n"
	"\n"
	"An evaluation model is a JSON file: the organizations, their categories\n"
	"and criteria, each criterion's measures and scoring functions, and every\n"
	"parameter (weights, K, the sales window, required margins, reference\n"
	"weights, roll-up weighting, grade bands, the fiscal year's first month).\n"
	"'model show default' prints the built-in model of SPEC §5: copy it, edit\n"
	"it, validate it, try it with 'tandem whatif', then import and activate it.\n"
	"\n"
	"Models are kept per year. A stored version never changes. Scoring year Y\n"
	"uses the active model of Y, else the newest active model of an earlier\n"
	"year, else the built-in default. Activating is audit-logged.\n"
	"\n"
	"  list       every stored version, its year, and which is active\n"
	"  show       a model as canonical JSON (default: the one scoring this year)\n"
	"  validate   check a model file; every problem is printed with its path\n"
	"  import     store FILE as a version for year Y (NAME defaults to Y-N)\n"
	"  activate   make VERSION the model of its year\n"
	"  diff       what differs between two models (versions, files or default);\n"
	"             scoring functions in words with the formula beside, in the\n"
	"             language of --lang\n"
	"  calibrate  propose a draft for year Y from the N years before it (default\n"
	"             2), scored under MODEL (default: the model scoring Y): each\n"
	"             linear measure gets zero = P10 and full = P90 of its per-contract\n"
	"             values (P90 and P10 when lower is better; nearest-rank\n"
	"             percentiles); fewer than 5 values, P10 = P90 or bands keep\n"
	"             their scoring; weights are unchanged. Prints n, P10, P50, P90\n"
	"             and old -> new bounds per measure (a changed one also in\n"
	"             words), and writes the draft to FILE (without --out: the\n"
	"             draft to stdout, the table to stderr).\n"
	"             --org sales or operations calibrates that organization's\n"
	"             measures only. Nothing is stored or activated.\n";

static const char *const calib_outcome_text[] = {
	[CALIB_CHANGED] = NULL,
	[CALIB_BANDS] = "kept (bands are not calibrated)",
	[CALIB_TOO_FEW] = "kept (fewer than 5 values)",
	[CALIB_FLAT] = "kept (P10 = P90)",
};

static void calibration_text(const struct calibration *c, const char *from,
			     struct buf *out)
{
	buf_addf(out, "calibration for %d from %d-%d under model %s\n", c->year,
		 c->first_year, c->last_year, from);
	buf_addf(out, "%-10s %-9s %-22s %5s %10s %10s %10s  %s\n", "org", "criterion",
		 "measure", "n", "P10", "P50", "P90", "bounds");
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct calib_measure *r = &c->rows[i];
		buf_addf(out, "%-10s %-9s %-22s %5zu", score_org_id(r->org), r->criterion,
			 r->measure, r->n);
		const long double p[3] = { r->p10, r->p50, r->p90 };
		for (int k = 0; k < 3; k++) {
			struct buf num = BUF_INIT;
			if (r->n)
				numfmt_ld(&num, p[k], 4);
			else
				buf_adds(&num, "-");
			buf_addf(out, " %10s", num.data);
			buf_release(&num);
		}
		buf_adds(out, "  ");
		model_scoring_text(&r->old_scoring, out);
		if (r->outcome == CALIB_CHANGED) {
			buf_adds(out, " -> ");
			model_scoring_text(&r->new_scoring, out);
		} else {
			buf_addf(out, " %s", calib_outcome_text[r->outcome]);
		}
		buf_addc(out, '\n');
		/* the new bounds in words, as people read them on the model page */
		if (r->outcome == CALIB_CHANGED) {
			const struct criterion_def *def = criterion_find(r->criterion);
			int at = def ? criterion_measure_index(def, r->measure) : -1;
			buf_addf(out, "%-43s -> ", "");
			units_scoring_words(out, LANG_EN, &r->new_scoring,
					    at >= 0 && def->measure_formats[at] == VALUE_RATIO);
			buf_addc(out, '\n');
		}
	}
}

/* tandem model calibrate: score the years before Y under the base model,
 * calibrate, print the table and write the draft. */
static int model_calibrate(struct store *s, int year, const char *years_text,
			   const char *from, const char *org_text, const char *out_file)
{
	int orgs[2] = { 1, 1 };
	struct model *base = NULL, *draft = NULL;
	char *version = NULL;
	struct calibration *cal = NULL;
	struct buf table = BUF_INIT;
	long n_years = 2;
	int rc;

	if (years_text) {
		char *end;
		n_years = strtol(years_text, &end, 10);
		if (!*years_text || *end || n_years < 1 || n_years > 20)
			return cli_usage_error("model", "--years takes a number of years from 1 to 20, not '%s'",
					       years_text);
	}
	if (org_text) {
		if (!strcmp(org_text, "sales"))
			orgs[ORG_OPERATIONS] = 0;
		else if (!strcmp(org_text, "operations"))
			orgs[ORG_SALES] = 0;
		else
			return cli_usage_error("model", "--org takes sales or operations, not '%s'",
					       org_text);
	}
	if ((rc = cli_load_model(s, from, year, &base, &version)) != EXIT_OK)
		goto out;
	if ((rc = cli_calibrate(s, base, year, (int)n_years, orgs, &draft, &cal)) != EXIT_OK)
		goto out;
	calibration_text(cal, version, &table);
	char *json = model_to_json(draft);
	if (out_file) {
		rc = cli_write_file(out_file, json, strlen(json));
		if (rc == EXIT_OK) {
			fputs(table.data, stdout);
			printf("draft written to %s (not stored, not active: try 'tandem whatif --model %s "
			       "--year %d', then 'tandem model import %s --year %d')\n",
			       out_file, out_file, year - 1, out_file, year);
		}
	} else {
		fputs(table.data, stderr);
		fputs(json, stdout);
		rc = EXIT_OK;
	}
	xfree(json);
out:
	calibration_free(cal);
	model_free(draft);
	model_free(base);
	xfree(version);
	buf_release(&table);
	return rc;
}

static int model_list(struct store *s)
{
	struct stored_model *list;
	size_t n;
	struct buf err = BUF_INIT;
	if (store_model_list(s, &list, &n, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		return EXIT_STORAGE;
	}
	if (!n)
		printf("no stored models: every year is scored with the built-in default\n");
	for (size_t i = 0; i < n; i++) {
		char year[16] = "any";
		if (list[i].year)
			snprintf(year, sizeof year, "%d", list[i].year);
		printf("%-20s %-5s %s%s by %s\n", list[i].version, year,
		       list[i].active ? "active   " : "         ", list[i].created_at, list[i].created_by);
		char *note = model_note_of(list[i].body);
		if (note)
			printf("    note: %s\n", note);
		xfree(note);
		stored_model_release(&list[i]);
	}
	xfree(list);
	return EXIT_OK;
}

int cmd_model(int argc, char **argv, struct cli *cli)
{
	const char *args[4] = { 0 }, *year_text = NULL, *version = NULL;
	const char *years_text = NULL, *from = NULL, *out_file = NULL, *org_text = NULL;
	int n = 0, rc = EXIT_USAGE, year = 0;
	struct store *s = NULL;
	struct model *a = NULL, *b = NULL;
	char *va = NULL, *vb = NULL;
	struct buf err = BUF_INIT, out = BUF_INIT;

	const struct cli_option options[] = {
		{ "--year", CLI_TEXT, &year_text },
		{ "--version", CLI_TEXT, &version },
		{ "--years", CLI_TEXT, &years_text },
		{ "--from", CLI_TEXT, &from },
		{ "--org", CLI_TEXT, &org_text },
		{ "--out", CLI_TEXT, &out_file },
	};
	const struct cli_spec spec = { "model", CLI_OPTIONS(options), 1, 0, args, 4, &n };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (!n)
		return cli_usage_error("model", "say what to do: list, show, validate, import, activate, diff or calibrate");
	const char *what = args[0];

	if (!strcmp(what, "validate")) {
		if (n != 2)
			return cli_usage_error("model", "validate takes one FILE");
		rc = cli_load_model(NULL, args[1], 0, &a, &va);
		if (!rc)
			printf("%s: valid\n", args[1]);
		goto out;
	}
	if (strcmp(what, "list") && strcmp(what, "show") && strcmp(what, "import") &&
	    strcmp(what, "activate") && strcmp(what, "diff") && strcmp(what, "calibrate"))
		return cli_usage_error("model", "unknown subcommand '%s'", what);
	if ((years_text || from || out_file || org_text) && strcmp(what, "calibrate"))
		return cli_usage_error("model", "--years, --from, --org and --out belong to 'model calibrate'");
	if (!strcmp(what, "calibrate")) {
		if (n != 1)
			return cli_usage_error("model", "calibrate takes no arguments, only options");
		if (cli_parse_year("model", year_text, &year))
			return EXIT_USAGE;
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;

	if (!strcmp(what, "calibrate")) {
		rc = model_calibrate(s, year, years_text, from, org_text, out_file);
	} else if (!strcmp(what, "list")) {
		rc = n == 1 ? model_list(s) : cli_usage_error("model", "list takes no arguments");
	} else if (!strcmp(what, "show")) {
		if (n > 2) {
			rc = cli_usage_error("model", "show takes at most one VERSION or FILE");
			goto out;
		}
		if (n == 1 && !year_text) {
			rc = cli_load_model(s, NULL, 9999, &a, &va);
		} else if (n == 1) {
			if (cli_parse_year("model", year_text, &year)) {
				rc = EXIT_USAGE;
				goto out;
			}
			rc = cli_load_model(s, NULL, year, &a, &va);
		} else {
			rc = cli_load_model(s, args[1], 0, &a, &va);
		}
		if (!rc) {
			char *json = model_to_json(a);
			fputs(json, stdout);
			xfree(json);
		}
	} else if (!strcmp(what, "import")) {
		if (n != 2 || cli_parse_year("model", year_text, &year)) {
			rc = n != 2 ? cli_usage_error("model", "import takes one FILE and --year Y") : EXIT_USAGE;
			goto out;
		}
		if ((rc = cli_load_model(NULL, args[1], year, &a, &va)) != EXIT_OK)
			goto out;
		char *stored = NULL;
		rc = cli_app_result(app_model_import(s, a, year, version, audit_cli_actor(), &stored, &err),
				    &err);
		if (rc)
			goto out;
		printf("stored model version %s for %d (not active yet: 'tandem model activate %s')\n",
		       stored, year, stored);
		xfree(stored);
		rc = EXIT_OK;
	} else if (!strcmp(what, "activate")) {
		if (n != 2) {
			rc = cli_usage_error("model", "activate takes one VERSION");
			goto out;
		}
		enum app_status st = app_model_activate(s, args[1], audit_cli_actor(), &err);
		if (st == APP_MISSING)
			buf_adds(&err, " (see 'tandem model list')");
		if ((rc = cli_app_result(st, &err)) != EXIT_OK)
			goto out;
		printf("model %s is now active\n", args[1]);
		rc = EXIT_OK;
	} else {
		if (n != 3) {
			rc = cli_usage_error("model", "diff takes two models A B");
			goto out;
		}
		if ((rc = cli_load_model(s, args[1], 0, &a, &va)) ||
		    (rc = cli_load_model(s, args[2], 0, &b, &vb)))
			goto out;
		if (!report_model_diff(a, b, cli_lang_ko(cli) ? LANG_KO : LANG_EN, DIFF_WORDS, &out))
			printf("%s and %s are the same model\n", va, vb);
		fputs(out.data, stdout);
		rc = EXIT_OK;
	}
out:
	model_free(a);
	model_free(b);
	xfree(va);
	xfree(vb);
	store_close(s);
	buf_release(&err);
	buf_release(&out);
	return rc;
}
