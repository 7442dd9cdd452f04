/* SPDX-License-Identifier: MIT */
/* tandem: the command table and dispatch. This is the only place that
 * exits; every subcommand returns its exit status (cli/cli.h). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/audit.h"
#include "store/store.h"

#include <dirent.h>
#include <jansson.h>
#include <locale.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TANDEM_VERSION "0.1.0"

#define COMMAND(n, summary) { #n, cmd_##n, summary, help_##n }
/* Sorted by name. */
const struct command commands[] = {
	COMMAND(alerts, "early warnings: stabilization, SLA, readiness, renewals"),
	COMMAND(audit, "list and verify the hash-chained audit log"),
	COMMAND(backup, "copy a SQLite store into one file while it is in use"),
	COMMAND(changes, "list, show, confirm and reject proposed changes of evidence"),
	COMMAND(credits, "service credits under the SLA terms: owed, waived, pending"),
	COMMAND(cycle, "the growth cycle year by year, and the referral tree"),
	COMMAND(demo, "create a demo company, score it and serve it"),
	COMMAND(explain, "explain one criterion of one contract step by step"),
	COMMAND(export, "write the store's records as CSV or JSON files"),
	COMMAND(feed, "SLA data from contact-center platforms and ticket systems"),
	COMMAND(freeze, "store a year's official results for good"),
	COMMAND(import, "import CSV files or folders, all or nothing"),
	COMMAND(init, "create a new store"),
	COMMAND(migrate, "bring a store's schema up to date"),
	COMMAND(model, "list, show, validate, import, activate and diff models"),
	COMMAND(policy, "print the evidence policy: who may change which records"),
	COMMAND(promises, "promise vs delivery: predicted against real SLA attainment"),
	COMMAND(proposal, "list proposals and move them through the feasibility gate"),
	COMMAND(report, "write a year's scores as an HTML, XLSX, CSV or JSON report"),
	COMMAND(restore, "write a backup into a SQLite or PostgreSQL store"),
	COMMAND(score, "score a year: contracts, people, org units, the company"),
	COMMAND(serve, "serve the web application and the JSON API"),
	COMMAND(template, "write the empty XLSX workbook to fill in and import"),
	{ "track-record", cmd_track_record, "an anonymised track record to show prospects",
	  help_track_record },
	COMMAND(user, "add and manage the accounts of the web application"),
	COMMAND(verify, "recompute a frozen year and show what differs"),
	COMMAND(whatif, "re-score a year under a draft model and show who moves"),
};
const size_t n_commands = sizeof commands / sizeof commands[0];

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tandem [--db PATH] [--audit-key PATH] [--lang ko|en] COMMAND [ARGS...]\n"
		"\n"
		"Tandem scores a BPO's sales organization by how stably the contracts it\n"
		"won are operated, and its operations organization by how much the\n"
		"accounts it runs grow.\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < n_commands; i++)
		fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\n"
		"options:\n"
		"  --db PATH      the store: a SQLite file (default ./tandem.db, or $TANDEM_DB)\n"
		"  --audit-key PATH  the audit log's key file (default: beside a SQLite store,\n"
		"                 tandem.db.key; or $TANDEM_AUDIT_KEY_FILE)\n"
		"  --lang ko|en   the language of reports and messages, errors included\n"
		"                 (default: the locale, LC_ALL, LC_MESSAGES or LANG: ko_KR.UTF-8\n"
		"                 is Korean); an error keeps its FILE:LINE:COLUMN: place\n"
		"  --version      print the version\n"
		"--db, --audit-key and --lang may also follow the command's name, with\n"
		"every command. An option the command does not take ('unknown option'),\n"
		"a value missing or out of range, or one argument too many is a usage\n"
		"error, said in the language of messages.\n"
		"\n"
		"'tandem COMMAND --help' explains each command. Exit status: 0 ok, 1 bad\n"
		"input, 2 usage error, 3 storage or internal error.\n");
}

/* Every command but the server runs in a failure scope (base/alloc.h): when
 * memory runs out, what it opened is closed (a store's open transaction
 * rolled back), what it allocated is freed, and it ends with a message and
 * EXIT_STORAGE rather than an abort. The server's threads share sessions
 * and caches that an unwind must not cut through: there an allocation
 * failure still aborts (the store stays intact: every write is one
 * transaction). */
/* Torture mode's check that an unwind closed what the command opened: the
 * descriptors open at the start (inherited ones too) are noted, and any
 * other one still open after an unwind is reported. */
static unsigned char fds_at_start[1024];

static void note_open_descriptors(int report)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], target[256];
		ssize_t len;
		int fd = (int)strtol(e->d_name, NULL, 10);
		if (e->d_name[0] == '.' || fd == dirfd(d))
			continue;
		if (!report) {
			if (fd < (int)sizeof fds_at_start)
				fds_at_start[fd] = 1;
			continue;
		}
		if (fd < (int)sizeof fds_at_start && fds_at_start[fd])
			continue;
		snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof target - 1);
		target[len > 0 ? len : 0] = '\0';
		fprintf(stderr, "tandem: torture: file descriptor %s left open: %s\n",
			e->d_name, target);
	}
	closedir(d);
}

static int run_command(const struct command *cmd, int argc, char **argv, struct cli *cli)
{
	static struct alloc_scope scope;
	int rc;

	if (!strcmp(cmd->name, "serve") || !strcmp(cmd->name, "demo"))
		return cmd->run(argc, argv, cli);
	if (ALLOC_SCOPE_TRY(&scope)) {
		rc = cmd->run(argc, argv, cli);
		alloc_scope_pop(&scope);
	} else {
		fflush(stdout);
		fprintf(stderr, "tandem: %s: out of memory (a request for %zu bytes failed); "
			"the command stopped and any transaction it had open was rolled back\n",
			cmd->name, scope.failed_size);
		if (alloc_torture_enabled())
			note_open_descriptors(1);
		rc = EXIT_STORAGE;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli = { NULL, NULL };
	int i = 1;

	setlocale(LC_CTYPE, "");
	alloc_torture_init();
	if (alloc_torture_enabled()) {
		store_sqlite_torture();
		note_open_descriptors(0);
	}
	/* jansson's memory is Tandem's: counted, and freed by an unwind. */
	json_set_alloc_funcs(xmalloc, xfree);
	/* A file-size limit or a closed pipe must give an error to report, not
	 * kill the process halfway through. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (sodium_init() < 0) {
		fprintf(stderr, "tandem: cannot initialize libsodium\n");
		return EXIT_STORAGE;
	}
	/* Global options may come before the command; each command also
	 * accepts them after its name. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *v;
		int r;
		if (!strcmp(argv[i], "--version")) {
			printf("tandem %s\n", TANDEM_VERSION);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return EXIT_OK;
		}
		if ((r = cli_opt(argc, argv, &i, "--db", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			cli.db = v;
		} else if ((r = cli_opt(argc, argv, &i, "--audit-key", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			audit_set_key_file(v);
		} else if ((r = cli_opt(argc, argv, &i, "--lang", &v)) != 0) {
			if (r < 0)
				return EXIT_USAGE;
			cli.lang = v;
			cli_set_lang(v);
		} else {
			fprintf(stderr, "tandem: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		const struct command *c = i + 1 < argc ? cli_find(argv[i + 1]) : NULL;
		if (c)
			fputs(c->help, stdout);
		else
			usage(stdout);
		return EXIT_OK;
	}
	const struct command *cmd = cli_find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "tandem: '%s' is not a tandem command (see 'tandem --help')\n", argv[i]);
		return EXIT_USAGE;
	}
	return run_command(cmd, argc - i, argv + i, &cli);
}
