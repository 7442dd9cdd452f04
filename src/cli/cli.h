/* SPDX-License-Identifier: MIT */
/* What the subcommands share: the command table's entry type, exit codes,
 * option parsing and opening the store. */
#ifndef TANDEM_CLI_H
#define TANDEM_CLI_H

#include "app/app.h"
#include "base/buf.h"
#include "report/i18n.h"
#include "report/problems.h"
#include "store/store.h"

#include <stdio.h>

enum exit_code {
	EXIT_OK = 0,
	EXIT_BAD_INPUT = 1,
	EXIT_USAGE = 2,
	EXIT_STORAGE = 3,
};

/* The exit code of an app result (app/app.h): the one table. */
int cli_exit_of(enum app_status st);

struct cli {
	const char *db;          /* --db, or NULL for the default */
	const char *lang;        /* --lang, or NULL for the locale's */
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct cli *cli);
	const char *summary;
	const char *help;        /* the full --help text */
};

extern const struct command commands[];
extern const size_t n_commands;

/* Is argv[*i] the option name (as "--name VALUE" or "--name=VALUE")? Then
 * *value is set, *i advanced, and 1 returned. A missing value prints a
 * usage error and returns -1. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value);
/* Is argv[i] a --help / -h flag? Prints help and returns 1. */
int cli_help(const char *arg, const struct command *cmd);
const struct command *cli_find(const char *name);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens the store and checks that it is initialized (and current). On
 * failure prints the message and returns the exit code; the caller closes
 * *out with store_close(). */
int cli_open_store(struct cli *cli, struct store **out);
/* Writes len bytes of data to the file path (created or replaced): EXIT_OK,
 * or EXIT_STORAGE after printing "cannot write 'path': reason". */
int cli_write_file(const char *path, const char *data, size_t len);
/* Prints "tandem: msg" to stderr, in the language of messages: each line
 * read through the catalog (report/i18n.c), a "FILE:LINE:COL: " place
 * kept as it is. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints each line of text (problems, one a line) as prefix + the line in
 * the language of messages. */
void cli_put_problems(FILE *f, const char *prefix, const char *text);
/* Prints each problem of l as prefix + "FILE:LINE:COLUMN: message" (the
 * place when it has one) in the language of messages, to stderr. */
void cli_put_problem_list(const char *prefix, const struct problem_list *l);
/* Sets the language of messages ("ko" or "en"; NULL/"" keeps it). */
void cli_set_lang(const char *lang);
/* The language of messages: cli_set_lang's, else the locale's. */
enum lang cli_messages_lang(void);
/* Is the user's language Korean (--lang ko, or a ko_* locale)? */
int cli_lang_ko(const struct cli *cli);



/* ---- a command's arguments, declared once -------------------------------
 *
 * Each command lists its options in a table and cli_parse reads argv with
 * it: one loop, one set of messages (through the catalog) and exit codes
 * for every command. */
enum cli_opt_type {
	CLI_TEXT,       /* --name VALUE or --name=VALUE: sets *(const char **)to */
	CLI_FLAG,       /* --name: sets *(int *)to to 1 */
	CLI_INT,        /* --name N, a whole number from min to max: *(int *)to;
			 * another value is a usage error saying bad_value */
};

struct cli_option {
	const char *name;               /* "--year" */
	enum cli_opt_type type;
	void *to;
	long min, max;                  /* CLI_INT */
	const char *bad_value;          /* CLI_INT: "--threads takes 1 to 16" */
};

/* How a command reads argv: its options, from argv[first] on (1, or 2
 * after a subcommand), up to max_pos positional arguments into pos[], and
 * with xlsx_limits the --xlsx-* options (cli_limit_opt). --help/-h and the
 * common options (--db, --lang, --audit-key) go with every command. */
struct cli_spec {
	const char *cmd;                /* for messages and --help */
	const struct cli_option *options;
	size_t n_options;
	int first;
	int xlsx_limits;
	const char **pos;
	int max_pos;
	int *n_pos;                     /* may be NULL when max_pos is 0 */
};

/* Reads argv as spec declares. Returns 0 to go on; or 1 when the command
 * is done, *exit_code its status: EXIT_OK after printing --help, EXIT_USAGE
 * after printing a usage error (a value missing or out of range, "unknown
 * option '--x'" for a name not declared, "unexpected argument 'x'" past
 * max_pos). */
int cli_parse(const struct cli_spec *spec, int argc, char **argv, struct cli *cli,
	      int *exit_code);
/* A cli_spec's options and n_options from an array. */
#define CLI_OPTIONS(a) (a), (sizeof(a) / sizeof((a)[0]))

/* Handles --db and --lang after a command's name: 1 handled, 0 not an
 * option of these, -1 usage error (printed). */
int cli_common_opt(int argc, char **argv, int *i, struct cli *cli);
/* The reading limits of io/xlsx_read.h for commands that read workbooks
 * (import, serve): cli_limits_env applies $TANDEM_XLSX_* (0, or -1 after
 * printing the problem); cli_limit_opt takes --xlsx-max-part BYTES,
 * --xlsx-max-ratio N, --xlsx-max-cells N, --xlsx-max-gap BYTES and
 * --xlsx-cpu-seconds S like cli_opt (1 taken, 0 not ours, -1 printed). */
int cli_limits_env(const char *cmd);
int cli_limit_opt(int argc, char **argv, int *i, const char *cmd);
/* The options' lines for a command's help. */
#define CLI_LIMITS_HELP \
	"  --xlsx-max-part BYTES   a workbook part may inflate to BYTES (default 256M)\n" \
	"  --xlsx-max-ratio N      ... and to N times its compressed size (default 100)\n" \
	"  --xlsx-max-cells N      cells in a workbook (default 16000000)\n" \
	"  --xlsx-max-gap BYTES    whitespace between two XML tags (default 4M)\n" \
	"  --xlsx-cpu-seconds S    CPU time to read one workbook (default 120)\n" \
	"                          (also $TANDEM_XLSX_MAX_PART, _MAX_RATIO, _MAX_CELLS,\n" \
	"                          _MAX_GAP, _CPU_SECONDS; see docs/reliability.md)\n"
#endif
