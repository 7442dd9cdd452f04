/* SPDX-License-Identifier: MIT */
/* tandem demo: a believable demo company, generated deterministically,
 * imported through the ordinary importer into a fresh store. */
#include "cli/commands.h"

#include "cli/scoring.h"
#include "engine/calibrate.h"
#include "io/demo_gen.h"
#include "report/problems.h"
#include "report/scores_text.h"
#include "store/audit.h"
#include "store/import.h"
#include "store/models.h"
#include "web/web.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char help_demo[] =
	"usage: tandem demo [--out DIR] [--db PATH] [--year Y] [--lang ko|en]\n"
	"                   [--listen HOST:PORT] [--no-serve]\n"
	"\n"
	"Creates a demo company: three years of a BPO with two sales teams, two\n"
	"operation centers, about forty contracts and their daily SLA data, all\n"
	"nineteen kinds of record. The demo is the same every time.\n"
	"\n"
	"It keeps a model history as a company reviewing its criteria every year\n"
	"would: version 2024-1, the built-in model, for 2023 and 2024; version\n"
	"2025-1 from 2025 on, its operations bounds calibrated from 2023-2024\n"
	"('tandem model calibrate') and growth judged from an account's 12th month,\n"
	"each with a note saying why. It prints the company's scorecard for --year\n"
	"(default 2025, the last complete year of the demo), creates one demo\n"
	"account per role (their\n"
	"passwords are printed once) and serves the web UI on --listen (default\n"
	"127.0.0.1:8080) until Ctrl-C.\n"
	"\n"
	"  --out DIR   only write the CSV files into DIR, to see what they look like,\n"
	"              and DIR/feeds: a sample and a map per 'tandem feed' format\n"
	"  --db PATH   the store to (re)create (default ./demo.db; any file there is\n"
	"              replaced, so the demo never mixes with real data)\n"
	"  --no-serve  stop after the scorecard (scripts, tests)\n";

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int remove_store_files(const char *path)
{
	const char *suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s%s", path, suffixes[i]);
		if (unlink(p.data) && errno != ENOENT) {
			cli_error("cannot replace '%s': %s", p.data, strerror(errno));
			buf_release(&p);
			return -1;
		}
		buf_release(&p);
	}
	return 0;
}

static int print_scorecard(struct store *s, int year, struct cli *cli)
{
	struct app_scored_year y;
	struct buf out = BUF_INIT;
	int rc = cli_score_year(s, NULL, year, &y);
	if (rc == EXIT_OK) {
		report_scores_text(y.scores, cli_lang_ko(cli) ? LANG_KO : LANG_EN, &out);
		fwrite(out.data, 1, out.len, stdout);
		printf("\nExplore:  tandem --db %s score --year %d --format csv\n"
		       "          tandem --db %s explain CT16 S3.1 --year %d   (a contract that stabilized late)\n",
		       cli->db, year, cli->db, year);
	}
	app_scored_year_release(&y);
	buf_release(&out);
	return rc;
}

/* The demo's yearly review, as a company would do it with Tandem. */
#define DEMO_REVIEW_YEAR 2025
#define DEMO_MIN_MONTHS 12

static const char note_default[] =
	"The built-in model of SPEC §5, used since the company started with Tandem "
	"(2023 and 2024).";
/* After "Yearly review for 2025. Under the default bounds N of the M graded
 * operations people were graded D in 2024:" */
static const char note_review[] =
	" an account records some of the expansions, proposals, references and "
	"innovations in a year but seldom all, so bounds such as linear(0, 2) were out "
	"of reach. Operations "
	"scoring bounds are calibrated from the company's own 2023-2024 results (zero = "
	"P10, full = P90 of each measure's per-contract values: 'tandem model calibrate "
	"--year 2025 --org operations'); an account's growth is judged from its 12th "
	"month (operations_min_months 12: renewals and expansions come after the first "
	"year). Sales bounds and every weight are unchanged.";

static int store_version(struct store *s, struct model *m, const char *version, int year,
			 const char *note)
{
	struct buf err = BUF_INIT;
	int rc = EXIT_OK;
	m->year = year;
	xfree(m->description);
	m->description = xstrdup(note);
	char *stored = NULL;
	if (app_model_import(s, m, year, version, "demo", &stored, &err) != APP_OK ||
	    app_model_activate(s, version, "demo", &err) != APP_OK) {
		cli_error("the demo model %s did not store (a bug): %s", version, err.data);
		rc = EXIT_STORAGE;
	}
	xfree(stored);
	buf_release(&err);
	return rc;
}

/* Stores the model history: the default for 2024 (version 2024-1), then
 * the reviewed model for 2025 (2025-1), both active for their years. */
static int demo_review(struct store *s)
{
	static const int operations_only[2] = { 0, 1 };
	struct model *base = NULL, *draft = NULL;
	struct calibration *cal = NULL;
	struct buf err = BUF_INIT, note = BUF_INIT;
	int rc = EXIT_STORAGE;

	char *builtin = NULL;
	enum app_status st = app_model_load(NULL, "default", 0, 0, &base, &builtin, &err);
	xfree(builtin);
	if (st != APP_OK) {
		cli_error("the built-in model does not parse (a bug): %s", err.data);
		goto out;
	}
	if ((rc = store_version(s, base, "2024-1", DEMO_REVIEW_YEAR - 1, note_default)) != EXIT_OK)
		goto out;
	if ((rc = cli_calibrate(s, base, DEMO_REVIEW_YEAR, 2, operations_only, &draft, &cal)) != EXIT_OK)
		goto out;
	draft->operations_min_months = DEMO_MIN_MONTHS;
	xfree(draft->name);
	draft->name = xstrdup("Hanbit BPO 2025 (calibrated operations)");
	/* the note says what the review saw: the last year's grades */
	struct app_scored_year last;
	if ((rc = cli_score_year(s, "2024-1", DEMO_REVIEW_YEAR - 1, &last)) != EXIT_OK) {
		app_scored_year_release(&last);
		goto out;
	}
	size_t *counts = xcalloc(base->n_grades + 1, sizeof *counts), graded = 0;
	score_grade_counts(last.scores, ORG_OPERATIONS, SUBJECT_PERSON, counts);
	for (size_t g = 0; g < base->n_grades; g++)
		graded += counts[g];
	buf_addf(&note, "Yearly review for %d. Under the default bounds %zu of the %zu graded "
		 "operations people were graded %s in %d:%s", DEMO_REVIEW_YEAR,
		 counts[base->n_grades - 1], graded, base->grades[base->n_grades - 1].grade,
		 DEMO_REVIEW_YEAR - 1, note_review);
	xfree(counts);
	app_scored_year_release(&last);
	rc = store_version(s, draft, "2025-1", DEMO_REVIEW_YEAR, note.data);
out:
	buf_release(&note);
	calibration_free(cal);
	model_free(draft);
	model_free(base);
	buf_release(&err);
	return rc;
}

/* One account per role, then the web UI until Ctrl-C. */
static int serve_demo(struct store *s, const char *db, const char *listen)
{
	struct web_config cfg;
	struct buf err = BUF_INIT, passwords = BUF_INIT, host = BUF_INIT;
	const char *colon = strrchr(listen, ':');
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;
	int rc = EXIT_STORAGE;

	if (!colon || colon == listen || *end || port < 0 || port > 65535)
		return cli_usage_error("demo", "--listen takes HOST:PORT");
	if (web_demo_users(s, &passwords, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	printf("\nDemo accounts (name, role, password; shown only now):\n%s", passwords.data);
	web_config_default(&cfg);
	buf_add(&host, listen, (size_t)(colon - listen));
	cfg.host = host.data;
	cfg.port = (int)port;
	cfg.db_url = db;
	printf("\nThe web UI (Korean and English) serves until Ctrl-C.\n");
	fflush(stdout);
	if (web_serve(&cfg, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	rc = EXIT_OK;
out:
	buf_release(&err);
	buf_release(&passwords);
	buf_release(&host);
	return rc;
}

int cmd_demo(int argc, char **argv, struct cli *cli)
{
	const char *out_dir = NULL, *year_text = "2025", *listen = "127.0.0.1:8080";
	int no_serve = 0;
	struct buf err = BUF_INIT, errors = BUF_INIT;
	int year;
	struct store *s = NULL;
	char tmp[] = "/tmp/tandem-demo-XXXXXX";
	int rc = EXIT_STORAGE, made_tmp = 0;
	const struct cli_option options[] = {
		{ "--out", CLI_TEXT, &out_dir },
		{ "--year", CLI_TEXT, &year_text },
		{ "--listen", CLI_TEXT, &listen },
		{ "--no-serve", CLI_FLAG, &no_serve },
	};
	const struct cli_spec spec = { "demo", CLI_OPTIONS(options), 1 };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	if (cli_parse_year("demo", year_text, &year))
		return EXIT_USAGE;
	if (out_dir) {
		if (mkdir(out_dir, 0777) && errno != EEXIST) {
			cli_error("cannot create '%s': %s", out_dir, strerror(errno));
			return EXIT_STORAGE;
		}
		if (demo_write_csv(out_dir, &err) || demo_write_feeds(out_dir, &err)) {
			cli_error("%s", err.data);
			buf_release(&err);
			return EXIT_STORAGE;
		}
		printf("wrote the demo company's CSV files to %s (SLA feed samples in %s/feeds)\n",
		       out_dir, out_dir);
		return EXIT_OK;
	}

	if (!mkdtemp(tmp)) {
		cli_error("cannot create a temporary folder: %s", strerror(errno));
		return EXIT_STORAGE;
	}
	made_tmp = 1;
	if (demo_write_csv(tmp, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	const char *db = cli->db ? cli->db : "demo.db";
	cli->db = db;
	if (remove_store_files(db))
		goto out;
	int from, to, key_created;
	int64_t rekeyed;
	if (store_open(db, &s, &err) || store_migrate(s, &from, &to, &err) ||
	    audit_key_setup(s, &key_created, &rekeyed, &err)) {
		cli_error("%s", err.data);
		goto out;
	}
	struct import_options opt = { .max_errors = 100, .actor = "demo" };
	struct import_result res;
	struct problem_list problems = PROBLEM_LIST_INIT;
	const char *paths[1] = { tmp };
	if (isatty(2))
		opt.on_progress = cli_import_progress;
	int irc = store_import(s, paths, 1, &opt, &res, &problems, &err);
	problems_render(&problems, LANG_EN, &errors);
	problems_release(&problems);
	if (irc) {
		fputs(errors.data, stderr);
		cli_error("the demo data did not import (a bug): %s", err.data);
		goto out;
	}
	printf("demo company: %llu rows from %d files imported into %s\n\n",
	       (unsigned long long)res.rows, res.files, db);
	fflush(stdout);
	if ((rc = demo_review(s)) != EXIT_OK)
		goto out;
	printf("model history: 2024-1 (the built-in model) for 2023-2024, 2025-1 (the 2025 review:\n"
	       "operations bounds calibrated, growth judged from month 12) from 2025 on;\n"
	       "see 'tandem --db %s model list' and\n"
	       "'tandem --db %s whatif --model 2025-1 --against 2024-1 --year 2025'\n\n", db, db);
	rc = print_scorecard(s, year, cli);
	if (rc == EXIT_OK && !no_serve)
		rc = serve_demo(s, db, listen);
out:
	store_close(s);
	if (made_tmp)
		nftw(tmp, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	buf_release(&err);
	buf_release(&errors);
	return rc;
}
