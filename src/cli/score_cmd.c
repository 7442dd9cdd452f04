/* SPDX-License-Identifier: MIT */
/* tandem score, explain, whatif, freeze and verify: scoring a year from the
 * store (cli/scoring.c) and printing it with the report renderers. */
#include "cli/commands.h"

#include "cli/scoring.h"
#include "base/clock.h"
#include "engine/whatif.h"
#include "report/i18n.h"
#include "report/scores_csv.h"
#include "report/scores_json.h"
#include "report/scores_text.h"
#include "report/whatif_text.h"
#include "store/audit.h"
#include "store/closed.h"
#include "store/feed_store.h"
#include "store/models.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_score[] =
	"usage: tandem score --year Y [--model VERSION|FILE] [--subject KIND:ID]\n"
	"                    [--format text|csv|json] [--frozen] [--lang ko|en]\n"
	"\n"
	"Scores evaluation year Y: every contract for the sales organization (by\n"
	"how stably it is operated) and for operations (by how its account grew),\n"
	"then each person, org unit and the company. The model is the store's\n"
	"model for Y (see 'tandem model'), or --model.\n"
	"\n"
	"  --format text   a scorecard per org unit and person, with grades (default)\n"
	"  --format csv    one row per subject_kind, subject_id, org, criterion with\n"
	"                  value, score, weight, coverage; n/a is an empty cell\n"
	"  --format json   the same rows and the evidence behind every value\n"
	"  --subject KIND:ID  only contract:ID, person:ID, org_unit:ID or company:company\n"
	"  --frozen        print the official results frozen with 'tandem freeze',\n"
	"                  byte for byte as they were\n";

const char help_explain[] =
	"usage: tandem explain CONTRACT CRITERION --year Y [--model VERSION|FILE] [--lang ko|en]\n"
	"       tandem explain contract:ID CRITERION --year Y ...\n"
	"\n"
	"Explains step by step how one criterion of one contract was computed,\n"
	"from which records: 'month 4 (2025-03): AHT 312.4 > target 300 → not met'.\n"
	"CRITERION is an id of the model, S1.1 … S3.3 or O1.1 … O3.3.\n";

const char help_whatif[] =
	"usage: tandem whatif --model FILE|VERSION --year Y [--against VERSION|FILE]\n"
	"                     [--format text|csv|json] [--lang ko|en]\n"
	"\n"
	"Re-scores year Y under a draft model beside the model that scores Y now\n"
	"(or --against), before the draft is activated: per person, org unit and\n"
	"the company the old and new total, the change, grade changes, and each\n"
	"category's change in contribution (its weight share times its score),\n"
	"which add up to the total's change, largest change first. The text and\n"
	"JSON also show, per organization, how many people and org units fall in\n"
	"each grade before and after.\n";

const char help_freeze[] =
	"usage: tandem freeze --year Y [--model VERSION|FILE]\n"
	"\n"
	"Stores the official results of year Y: the CSV and JSON of 'tandem score',\n"
	"the model version and a hash of all evaluation data. 'tandem score --year Y\n"
	"--frozen' then prints them byte for byte, whatever changes later; 'tandem\n"
	"verify --year Y' recomputes and shows every difference. A year is frozen\n"
	"once; the freeze is audit-logged. When another process (a server, an\n"
	"import) changes the data while the scores are computed and hashed, nothing\n"
	"is frozen and the exit status is 1: run it again.\n";

const char help_verify[] =
	"usage: tandem verify --year Y\n"
	"\n"
	"Recomputes year Y with the frozen model version and compares with the\n"
	"frozen results: prints whether the data changed since the freeze and\n"
	"every row that differs. Exit status 0 when identical, 1 when not.\n";

struct score_args {
	const char *year, *model, *subject, *format, *against;
	int frozen;
	const char *pos[2];
	int n_pos;
};

/* Returns 0 to go on, or 1 with the exit status in *rc (cli_parse). */
static int parse_args(const char *cmd, int argc, char **argv, struct cli *cli,
		      struct score_args *a, int *rc)
{
	const struct cli_option options[] = {
		{ "--year", CLI_TEXT, &a->year },
		{ "--model", CLI_TEXT, &a->model },
		{ "--subject", CLI_TEXT, &a->subject },
		{ "--format", CLI_TEXT, &a->format },
		{ "--against", CLI_TEXT, &a->against },
		{ "--frozen", CLI_FLAG, &a->frozen },
	};
	const struct cli_spec spec = { cmd, CLI_OPTIONS(options), 1, 0,
				       a->pos, 2, &a->n_pos };

	memset(a, 0, sizeof *a);
	return cli_parse(&spec, argc, argv, cli, rc);
}

static enum lang cli_lang(const struct cli *cli)
{
	return cli_lang_ko(cli) ? LANG_KO : LANG_EN;
}

/* Splits "KIND:ID"; kind must be one of the subject kinds. */
static int parse_subject(const char *cmd, const char *text, char **kind, const char **id)
{
	static const char *const kinds[] = { "contract", "person", "org_unit", "company" };
	const char *colon = text ? strchr(text, ':') : NULL;
	if (!colon || !colon[1])
		return cli_usage_error(cmd, "--subject takes KIND:ID, e.g. contract:C1 or person:P1");
	for (size_t i = 0; i < 4; i++)
		if (strlen(kinds[i]) == (size_t)(colon - text) && !strncmp(kinds[i], text, (size_t)(colon - text))) {
			*kind = xstrndup(text, (size_t)(colon - text));
			*id = colon + 1;
			return 0;
		}
	return cli_usage_error(cmd, "unknown subject kind in '%s' (contract, person, org_unit or company)", text);
}

static int print_frozen(struct store *s, int year, const char *format, const char *kind,
			const char *id)
{
	struct frozen f;
	struct buf err = BUF_INIT;
	int rc = store_frozen_get(s, year, &f, &err);
	if (rc) {
		if (rc > 0)
			cli_error("the results of %d are not frozen (see 'tandem freeze --help')", year);
		else
			cli_error("%s", err.data);
		buf_release(&err);
		return rc > 0 ? EXIT_BAD_INPUT : EXIT_STORAGE;
	}
	if (!strcmp(format, "json")) {
		if (kind) {
			frozen_release(&f);
			return cli_usage_error("score", "--frozen --format json prints the whole year; drop --subject");
		}
		fputs(f.json, stdout);
	} else if (!kind) {
		fputs(f.csv, stdout);
	} else {
		/* The header, then the rows of the subject. */
		struct buf prefix = BUF_INIT;
		const char *line = f.csv;
		buf_addf(&prefix, "%s,%s,", kind, id);
		for (int first = 1; *line; first = 0) {
			const char *nl = strchr(line, '\n');
			size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
			if (first || !strncmp(line, prefix.data, prefix.len))
				fwrite(line, 1, len, stdout);
			line += len;
		}
		buf_release(&prefix);
	}
	frozen_release(&f);
	return EXIT_OK;
}

int cmd_score(int argc, char **argv, struct cli *cli)
{
	struct score_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct buf out = BUF_INIT;
	char *kind = NULL;
	const char *id = NULL;
	int year, rc;

	if (parse_args("score", argc, argv, cli, &a, &rc))
		return rc;
	if (a.n_pos)
		return cli_usage_error("score", "unexpected argument '%s'", a.pos[0]);
	if (cli_parse_year("score", a.year, &year))
		return EXIT_USAGE;
	const char *format = a.format ? a.format : "text";
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return cli_usage_error("score", "--format takes text, csv or json, not '%s'", format);
	if (a.subject && parse_subject("score", a.subject, &kind, &id))
		return EXIT_USAGE;
	if (a.frozen && (!strcmp(format, "text") || a.model)) {
		xfree(kind);
		return cli_usage_error("score", "--frozen prints the frozen csv or json; it takes no --model");
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if (a.frozen) {
		rc = print_frozen(s, year, format, kind, id);
		goto out;
	}
	if ((rc = cli_score_year(s, a.model, year, &y)) != EXIT_OK)
		goto out;
	y.scores->only_kind = kind;
	y.scores->only_id = id;
	if (!strcmp(format, "csv"))
		report_scores_csv(y.scores, &out);
	else if (!strcmp(format, "json"))
		report_scores_json(y.scores, &out);
	else
		report_scores_text(y.scores, cli_lang(cli), &out);
	fwrite(out.data, 1, out.len, stdout);
	rc = EXIT_OK;
out:
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	xfree(kind);
	return rc;
}

int cmd_explain(int argc, char **argv, struct cli *cli)
{
	struct score_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct feed_evidence *fe = NULL;
	size_t n_fe = 0;
	int year, rc;

	if (parse_args("explain", argc, argv, cli, &a, &rc))
		return rc;
	if (a.n_pos != 2)
		return cli_usage_error("explain", "name a contract and a criterion, e.g. 'explain C1 S3.1 --year 2025'");
	if (cli_parse_year("explain", a.year, &year))
		return EXIT_USAGE;
	const char *contract = a.pos[0];
	if (!strncmp(contract, "contract:", 9))
		contract += 9;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if ((rc = cli_score_year(s, a.model, year, &y)) != EXIT_OK)
		goto out;
	day_t from, to;
	if (report_explain_span(y.scores, contract, a.pos[1], &from, &to) &&
	    store_feed_evidence(s, contract, from, to, &fe, &n_fe, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
		goto out;
	}
	if (report_explain_feeds(y.scores, contract, a.pos[1], fe, n_fe, cli_lang(cli), &out, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	fwrite(out.data, 1, out.len, stdout);
	rc = EXIT_OK;
out:
	feed_evidence_free(fe, n_fe);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}

int cmd_whatif(int argc, char **argv, struct cli *cli)
{
	struct score_args a;
	struct store *s = NULL;
	struct app_scored_year now = { 0 }, draft = { 0 };
	struct whatif *w = NULL;
	struct model *m = NULL;
	char *version = NULL;
	struct buf out = BUF_INIT, err = BUF_INIT;
	int year, rc;

	if (parse_args("whatif", argc, argv, cli, &a, &rc))
		return rc;
	if (a.n_pos)
		return cli_usage_error("whatif", "unexpected argument '%s'", a.pos[0]);
	if (!a.model)
		return cli_usage_error("whatif", "--model names the draft model (a file or a stored version)");
	if (cli_parse_year("whatif", a.year, &year))
		return EXIT_USAGE;
	const char *format = a.format ? a.format : "text";
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return cli_usage_error("whatif", "--format takes text, csv or json, not '%s'", format);
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if ((rc = cli_score_year(s, a.against, year, &now)) != EXIT_OK ||
	    (rc = cli_load_model(s, a.model, year, &m, &version)) != EXIT_OK)
		goto out;
	rc = cli_app_result(app_whatif(s, now.scores, m, version, year, &draft, &w, &err), &err);
	m = NULL;                      /* draft's now */
	if (rc)
		goto out;
	if (!strcmp(format, "csv")) {
		report_whatif_csv(w, &out);
	} else if (!strcmp(format, "json")) {
		report_whatif_json(w, now.model_version, draft.model_version, &out);
		buf_addc(&out, '\n');
	} else {
		buf_addf(&out, "%s → %s\n", now.model_version, draft.model_version);
		report_whatif_text(w, cli_lang(cli), &out);
	}
	fwrite(out.data, 1, out.len, stdout);
	rc = EXIT_OK;
out:
	whatif_free(w);
	model_free(m);
	xfree(version);
	app_scored_year_release(&now);
	app_scored_year_release(&draft);
	store_close(s);
	buf_release(&out);
	buf_release(&err);
	return rc;
}

int cmd_freeze(int argc, char **argv, struct cli *cli)
{
	struct score_args a;
	struct store *s = NULL;
	struct app_scored_year y = { 0 };
	struct frozen f = { 0 };
	struct buf err = BUF_INIT;
	int year, rc;

	if (parse_args("freeze", argc, argv, cli, &a, &rc))
		return rc;
	if (a.n_pos)
		return cli_usage_error("freeze", "unexpected argument '%s'", a.pos[0]);
	if (cli_parse_year("freeze", a.year, &year))
		return EXIT_USAGE;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if ((rc = cli_score_year(s, a.model, year, &y)) != EXIT_OK)
		goto out;
	rc = cli_app_result(app_freeze(s, year, y.scores, y.model_version, y.data_version,
				       audit_cli_actor(), &f, &err), &err);
	if (rc)
		goto out;
	printf("froze the results of %d (model %s, data %.16s…)\n", year, f.model_version, f.data_hash);
	{
		/* The anchor to keep beside the official results: the audit log
		 * cannot lose an entry up to it unnoticed (docs/security.md). */
		int64_t n = 0;
		char head[65];
		if (audit_head(s, &n, head, &err) == 0)
			printf("audit head: %lld:%s (record it: 'tandem audit verify --head %lld:%s')\n",
			       (long long)n, head, (long long)n, head);
	}
	rc = EXIT_OK;
out:
	frozen_release(&f);
	app_scored_year_release(&y);
	store_close(s);
	buf_release(&err);
	return rc;
}


int cmd_verify(int argc, char **argv, struct cli *cli)
{
	struct score_args a;
	struct store *s = NULL;
	struct app_verification v = { 0 };
	struct buf err = BUF_INIT;
	int year, rc;

	if (parse_args("verify", argc, argv, cli, &a, &rc))
		return rc;
	if (a.n_pos || a.model)
		return cli_usage_error("verify", "verify takes only --year Y");
	if (cli_parse_year("verify", a.year, &year))
		return EXIT_USAGE;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if ((rc = cli_app_result(app_verify(s, year, &v, &err), &err)) != EXIT_OK)
		goto out;
	int data_same = v.data_same, results_same = v.results_same;
	printf("year %d frozen %s by %s with model %s\n", year, v.f.frozen_at, v.f.frozen_by,
	       v.f.model_version);
	printf("data:    %s\n", data_same ? "unchanged since the freeze" : "CHANGED since the freeze");
	printf("results: %s\n", results_same ? "identical to the frozen results" : "DIFFER from the frozen results:");
	if (!results_same)
		fputs(v.diff.data, stdout);
	/* The frozen bytes themselves never change ('score --frozen'); what
	 * changed the data since is named: the corrections of the closed year. */
	{
		struct buf lines = BUF_INIT;
		char head[96];
		long n = 0;
		if (closed_corrections(s, year, head, &lines, &n, &err)) {
			cli_error("%s", err.data);
			buf_release(&lines);
			rc = EXIT_STORAGE;
			goto out;
		}
		if (head[0])
			printf("audit:   head %s at the freeze\n", head);
		printf("corrections of %d since the freeze: %ld\n%s", year, n, lines.data);
		if (!data_same && !n)
			printf("the data changed without a correction of %d (other years' evidence or"
			       " undated records)\n", year);
		buf_release(&lines);
	}
	rc = results_same && data_same ? EXIT_OK : EXIT_BAD_INPUT;
out:
	app_verification_release(&v);
	store_close(s);
	buf_release(&err);
	return rc;
}
