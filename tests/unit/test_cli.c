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
	/* the "--lang ko" before it set the language of messages */
	assert_string_equal(capture_end(),
			    "tandem: --lang은 ko(한국어) 또는 en(영어)입니다('fr'이 아님)\n");
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

/* One command's declared options read by cli_parse: text (both forms),
 * flag, bounded number, positionals, and each refusal's exit status and
 * message. */
static void parse_declared(void **state)
{
	(void)state;
	const char *name = NULL, *pos[2] = { NULL, NULL };
	int flag = 0, count = 7, n_pos = -1, rc = -1;
	struct cli cli = { NULL, NULL };
	const struct cli_option options[] = {
		{ "--name", CLI_TEXT, &name },
		{ "--flag", CLI_FLAG, &flag },
		{ "--count", CLI_INT, &count, 1, 9, "--count takes 1 to 9" },
	};
	const struct cli_spec spec = { "score", CLI_OPTIONS(options), 1, 0, pos, 2, &n_pos };
	char *ok[] = { "score", "a", "--name=x", "--flag", "--db", "p.db", "--count", "9", "b", NULL };

	cli_set_lang("en");
	assert_int_equal(cli_parse(&spec, 9, ok, &cli, &rc), 0);
	assert_int_equal(rc, -1);               /* untouched when it goes on */
	assert_string_equal(name, "x");
	assert_int_equal(flag, 1);
	assert_int_equal(count, 9);
	assert_string_equal(cli.db, "p.db");
	assert_int_equal(n_pos, 2);
	assert_string_equal(pos[0], "a");
	assert_string_equal(pos[1], "b");

	static const struct {
		int argc;
		char *argv[4];
		int rc;
		const char *message;
	} cases[] = {
		{ 3, { "score", "--count", "10" }, EXIT_USAGE,
		  "tandem score: --count takes 1 to 9\n(see 'tandem score --help')\n" },
		{ 3, { "score", "--count", "2x" }, EXIT_USAGE,
		  "tandem score: --count takes 1 to 9\n(see 'tandem score --help')\n" },
		{ 2, { "score", "--name" }, EXIT_USAGE, "tandem: option '--name' needs a value\n" },
		{ 2, { "score", "--other" }, EXIT_USAGE,
		  "tandem score: unknown option '--other'\n(see 'tandem score --help')\n" },
		{ 4, { "score", "a", "b", "c" }, EXIT_USAGE,
		  "tandem score: unexpected argument 'c'\n(see 'tandem score --help')\n" },
		{ 3, { "score", "--other", "--help" }, EXIT_USAGE,
		  "tandem score: unknown option '--other'\n(see 'tandem score --help')\n" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		capture_begin();
		int done = cli_parse(&spec, cases[k].argc, (char **)cases[k].argv, &cli, &rc);
		const char *got = capture_end();
		assert_int_equal(done, 1);
		assert_int_equal(rc, cases[k].rc);
		assert_string_equal(got, cases[k].message);
	}
	/* the messages are the catalog's: in Korean with --lang ko */
	char *ko[] = { "score", "--lang", "ko", "--name", NULL };
	capture_begin();
	assert_int_equal(cli_parse(&spec, 4, ko, &cli, &rc), 1);
	assert_string_equal(capture_end(), "tandem: 옵션 '--name'에 값이 필요합니다\n");
	char *ko2[] = { "score", "--lang", "ko", "--other", NULL };
	capture_begin();
	assert_int_equal(cli_parse(&spec, 4, ko2, &cli, &rc), 1);
	assert_string_equal(capture_end(),
			    "tandem score: 알 수 없는 옵션 '--other'\n"
			    "('tandem score --help' 참고)\n");
	cli_set_lang("en");
	/* a positional argument where the command takes none */
	const struct cli_spec bare = { "score", NULL, 0, 1 };
	char *extra[] = { "score", "x", NULL };
	capture_begin();
	assert_int_equal(cli_parse(&bare, 2, extra, &cli, &rc), 1);
	assert_string_equal(capture_end(),
			    "tandem score: unexpected argument 'x'\n(see 'tandem score --help')\n");
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
		cmocka_unit_test(parse_declared),
		cmocka_unit_test(serve_refusals),
		cmocka_unit_test(store_not_initialized),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
