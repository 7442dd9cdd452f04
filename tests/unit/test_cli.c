/* SPDX-License-Identifier: MIT */
/* src/cli: option parsing (cli_opt, cli_common_opt, cli_limit_opt), exit
 * codes and the exact text of usage and storage errors, in process; and
 * `tandem serve`'s option checks, which refuse before anything starts.
 * stderr is captured into a temporary file around each call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"

/* The command table is main.c's, which the tests do not link: the
 * commands these tests run, as main.c lists them. */
const struct command commands[] = {
	{ "import", cmd_import, "import", help_import },
	{ "init", cmd_init, "init", help_init },
	{ "score", cmd_score, "score", help_score },
	{ "serve", cmd_serve, "serve", help_serve },
};
const size_t n_commands = sizeof commands / sizeof commands[0];

static int saved_fd = -1;
static FILE *capture;

static void capture_begin(void)
{
	fflush(stderr);
	capture = tmpfile();
	assert_non_null(capture);
	saved_fd = dup(2);
	dup2(fileno(capture), 2);
}

/* Ends the capture; the text written to stderr meanwhile (static). */
static const char *capture_end(void)
{
	static char text[2048];
	size_t n;
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	rewind(capture);
	n = fread(text, 1, sizeof text - 1, capture);
	text[n] = '\0';
	fclose(capture);
	return text;
}

static void opt_forms(void **state)
{
	(void)state;
	char *argv[] = { "x", "--db", "a.db", "--db=b.db", "--dbx", "--db", NULL };
	const char *v = NULL;
	int i = 1;
	assert_int_equal(cli_opt(6, argv, &i, "--db", &v), 1);
	assert_string_equal(v, "a.db");
	assert_int_equal(i, 2);                 /* the value was taken */
	i = 3;
	assert_int_equal(cli_opt(6, argv, &i, "--db", &v), 1);
	assert_string_equal(v, "b.db");
	assert_int_equal(i, 3);
	i = 4;
	assert_int_equal(cli_opt(6, argv, &i, "--db", &v), 0);   /* another option */
	i = 5;
	capture_begin();
	assert_int_equal(cli_opt(6, argv, &i, "--db", &v), -1);
	assert_string_equal(capture_end(), "tandem: option '--db' needs a value\n");
}

static void common_options(void **state)
{
	(void)state;
	struct cli cli = { NULL, NULL };
	char *argv[] = { "x", "--lang", "ko", "--lang", "fr", "--db", "s.db", "--other", NULL };
	int i = 1;
	assert_int_equal(cli_common_opt(8, argv, &i, &cli), 1);
	assert_string_equal(cli.lang, "ko");
	assert_true(cli_lang_ko(&cli));
	i = 3;
	capture_begin();
	assert_int_equal(cli_common_opt(8, argv, &i, &cli), -1);
	assert_string_equal(capture_end(), "tandem: --lang takes ko or en, not 'fr'\n");
	assert_string_equal(cli.lang, "ko");    /* unchanged */
	i = 5;
	assert_int_equal(cli_common_opt(8, argv, &i, &cli), 1);
	assert_string_equal(cli.db, "s.db");
	i = 7;
	assert_int_equal(cli_common_opt(8, argv, &i, &cli), 0);
	cli.lang = "en";
	assert_false(cli_lang_ko(&cli));
	cli.lang = NULL;
	setenv("LC_ALL", "ko_KR.UTF-8", 1);
	assert_true(cli_lang_ko(&cli));
	setenv("LC_ALL", "C", 1);
	assert_false(cli_lang_ko(&cli));
	unsetenv("LC_ALL");
}

static void usage_error_text(void **state)
{
	(void)state;
	/* common_options parsed "--lang ko", which sets the language of
	 * messages for the process: these texts are the English ones. */
	cli_set_lang("en");
	capture_begin();
	assert_int_equal(cli_usage_error("score", "--year takes %s", "a year"), EXIT_USAGE);
	assert_string_equal(capture_end(),
			    "tandem score: --year takes a year\n(see 'tandem score --help')\n");
	capture_begin();
	cli_error("%s: %d", "failed", 3);
	assert_string_equal(capture_end(), "tandem: failed: 3\n");
	assert_ptr_equal(cli_find("serve"), &commands[3]);
	assert_null(cli_find("serv"));
}

static void limit_options(void **state)
{
	(void)state;
	char *argv[] = { "import", "--xlsx-max-part", "abc", "--xlsx-max-cells=50", "--db", NULL };
	int i = 1;
	capture_begin();
	assert_int_equal(cli_limit_opt(5, argv, &i, "import"), -1);
	assert_string_equal(capture_end(),
			    "tandem import: --xlsx-max-part takes a whole number above 0 (bytes; K, M"
			    " or G may follow), not 'abc'\n(see 'tandem import --help')\n");
	i = 3;
	assert_int_equal(cli_limit_opt(5, argv, &i, "import"), 1);
	i = 4;
	assert_int_equal(cli_limit_opt(5, argv, &i, "import"), 0);
}

/* tandem serve refuses a bad option with exit status 2 and one message,
 * before it opens anything. */
static void serve_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *opt, *value, *message;
	} cases[] = {
		{ "--threads", "0", "tandem serve: --threads takes 1 to 16\n" },
		{ "--login-cpu-percent", "101", "tandem serve: --login-cpu-percent takes 0 to 100\n" },
		{ "--login-cpu-percent", "-1", "tandem serve: --login-cpu-percent takes 0 to 100\n" },
		{ "--per-ip-connections", "0", "tandem serve: --per-ip-connections takes 1 to 1024\n" },
		{ "--listen", "nowhere", "tandem serve: --listen takes HOST:PORT\n" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct cli cli = { NULL, NULL };
		char *argv[] = { "serve", (char *)cases[k].opt, (char *)cases[k].value, NULL };
		char want[256];
		snprintf(want, sizeof want, "%s(see 'tandem serve --help')\n", cases[k].message);
		capture_begin();
		int rc = cmd_serve(3, argv, &cli);
		const char *got = capture_end();
		assert_int_equal(rc, EXIT_USAGE);
		assert_string_equal(got, want);
	}
}

/* A store that was never initialized: exit status 3 and the way out. */
static void store_not_initialized(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-cli-XXXXXX";
	char want[256];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct cli cli = { path, NULL };
	struct store *s = (struct store *)&cli;   /* set to NULL on failure */
	capture_begin();
	assert_int_equal(cli_open_store(&cli, &s), EXIT_STORAGE);
	const char *got = capture_end();
	snprintf(want, sizeof want, "tandem: %s: not a tandem store yet (run 'tandem init --db %s')\n",
		 path, path);
	assert_string_equal(got, want);
	assert_null(s);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opt_forms),
		cmocka_unit_test(common_options),
		cmocka_unit_test(usage_error_text),
		cmocka_unit_test(limit_options),
		cmocka_unit_test(serve_refusals),
		cmocka_unit_test(store_not_initialized),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
