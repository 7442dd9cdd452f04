/* SPDX-License-Identifier: MIT */
/* Option parsing and store opening shared by the subcommands. */
#include "cli/cli.h"

#include "io/xlsx_read.h"
#include "report/i18n.h"
#include "store/audit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_error("option '%s' needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

int cli_help(const char *arg, const struct command *cmd)
{
	if (strcmp(arg, "--help") && strcmp(arg, "-h"))
		return 0;
	fputs(cmd->help, stdout);
	return 1;
}

const struct command *cli_find(const char *name)
{
	for (size_t i = 0; i < n_commands; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* The language of messages: --lang (global or the command's), else the
 * locale (LC_ALL, LC_MESSAGES, LANG); -1 until known. */
static int messages_ko = -1;

void cli_set_lang(const char *lang)
{
	if (lang && *lang)
		messages_ko = !strcmp(lang, "ko");
}

enum lang cli_messages_lang(void)
{
	if (messages_ko < 0) {
		struct cli none = { 0 };
		messages_ko = cli_lang_ko(&none);
	}
	return messages_ko ? LANG_KO : LANG_EN;
}

void cli_put_problems(FILE *f, const char *prefix, const char *text)
{
	struct buf one = BUF_INIT, shown = BUF_INIT;
	size_t n;
	enum lang lang = cli_messages_lang();
	for (const char *s = text; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		buf_reset(&one);
		buf_add(&one, s, len);
		buf_reset(&shown);
		if (lang == LANG_EN)
			buf_add(&shown, s, len);
		else
			i18n_translate(lang, one.data, &shown, NULL, &n);
		fprintf(f, "%s%s\n", prefix, shown.data);
		if (!nl)
			break;
		s = nl + 1;
	}
	buf_release(&one);
	buf_release(&shown);
}

void cli_put_problem_list(const char *prefix, const struct problem_list *l)
{
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		buf_reset(&line);
		problem_line(&l->items[i], cli_messages_lang(), &line);
		fprintf(stderr, "%s%s\n", prefix, line.data);
	}
	buf_release(&line);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	struct buf m = BUF_INIT, prefix = BUF_INIT;
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	buf_addf(&prefix, "tandem %s: ", cmd);
	cli_put_problems(stderr, prefix.data, m.data);
	const char *args[] = { cmd };
	buf_reset(&m);
	i18n_add(&m, cli_messages_lang(), "cli.see_help", args, 1);
	fprintf(stderr, "%s\n", m.data);
	buf_release(&m);
	buf_release(&prefix);
	return EXIT_USAGE;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	struct buf m = BUF_INIT;
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	cli_put_problems(stderr, "tandem: ", m.data);
	buf_release(&m);
}

int cli_open_store(struct cli *cli, struct store **out)
{
	struct buf err = BUF_INIT;
	const char *url = store_default_url(cli->db);
	int version;
	*out = NULL;
	if (store_open(url, out, &err) || store_schema_version(*out, &version, &err)) {
		cli_error("%s", err.data);
		buf_release(&err);
		store_close(*out);
		*out = NULL;
		return EXIT_STORAGE;
	}
	if (version == 0) {
		cli_error("%s: not a tandem store yet (run 'tandem init --db %s')", url, url);
		store_close(*out);
		*out = NULL;
		return EXIT_STORAGE;
	}
	if (version != store_latest_version()) {
		cli_error("%s: schema version %d, this tandem needs %d (run 'tandem migrate')",
			  url, version, store_latest_version());
		store_close(*out);
		*out = NULL;
		return EXIT_STORAGE;
	}
	buf_release(&err);
	return EXIT_OK;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int failed = !f || fwrite(data, 1, len, f) != len;

	if (f && fclose(f))
		failed = 1;
	if (failed) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_STORAGE;
	}
	return EXIT_OK;
}

int cli_lang_ko(const struct cli *cli)
{
	const char *l = cli->lang;
	if (!l || !*l) {
		l = getenv("LC_ALL");
		if (!l || !*l)
			l = getenv("LC_MESSAGES");
		if (!l || !*l)
			l = getenv("LANG");
	}
	return l && !strncmp(l, "ko", 2);
}

int cli_limits_env(const char *cmd)
{
	struct xlsx_limits l;
	struct buf err = BUF_INIT;
	int rc = 0;
	xlsx_limits_get(&l);
	if (xlsx_limits_from_env(&l, &err)) {
		cli_usage_error(cmd, "%s", err.data);
		rc = -1;
	} else {
		xlsx_limits_set(&l);
	}
	buf_release(&err);
	return rc;
}

int cli_limit_opt(int argc, char **argv, int *i, const char *cmd)
{
	static const char *const names[] = { "xlsx-max-part", "xlsx-max-ratio", "xlsx-max-cells",
					     "xlsx-max-gap", "xlsx-cpu-seconds" };
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char opt[32];
		const char *v;
		int r;
		snprintf(opt, sizeof opt, "--%s", names[k]);
		if ((r = cli_opt(argc, argv, i, opt, &v)) == 0)
			continue;
		if (r > 0) {
			struct xlsx_limits l;
			struct buf err = BUF_INIT;
			xlsx_limits_get(&l);
			if (!xlsx_limits_parse(&l, names[k], v, &err)) {
				cli_usage_error(cmd, "--%s", err.data);
				r = -1;
			} else {
				xlsx_limits_set(&l);
			}
			buf_release(&err);
		}
		return r;
	}
	return 0;
}

int cli_common_opt(int argc, char **argv, int *i, struct cli *cli)
{
	const char *v;
	int r;
	if ((r = cli_opt(argc, argv, i, "--db", &v)) != 0) {
		if (r > 0)
			cli->db = v;
		return r;
	}
	if ((r = cli_opt(argc, argv, i, "--audit-key", &v)) != 0) {
		if (r > 0)
			audit_set_key_file(v);
		return r;
	}
	if ((r = cli_opt(argc, argv, i, "--lang", &v)) != 0) {
		if (r > 0) {
			if (strcmp(v, "ko") && strcmp(v, "en")) {
				cli_error("--lang takes ko or en, not '%s'", v);
				return -1;
			}
			cli->lang = v;
			cli_set_lang(v);
		}
		return r;
	}
	return 0;
}

/* Takes argv[*i] if it is option o: 1 taken, 0 not o, -1 usage error
 * (printed). */
static int take_option(const struct cli_spec *spec, const struct cli_option *o,
		       int argc, char **argv, int *i)
{
	const char *v;
	char *end;
	long n;
	int r;

	if (o->type == CLI_FLAG) {
		if (strcmp(argv[*i], o->name))
			return 0;
		*(int *)o->to = 1;
		return 1;
	}
	if ((r = cli_opt(argc, argv, i, o->name, &v)) <= 0)
		return r;
	if (o->type == CLI_TEXT) {
		*(const char **)o->to = v;
		return 1;
	}
	n = strtol(v, &end, 10);
	if (!*v || *end || n < o->min || n > o->max) {
		cli_usage_error(spec->cmd, "%s", o->bad_value);
		return -1;
	}
	*(int *)o->to = (int)n;
	return 1;
}

/* Takes arg as the next positional argument: 1, or -1 after printing why
 * not. */
static int take_positional(const struct cli_spec *spec, const char *arg)
{
	if (arg[0] == '-' && arg[1]) {
		cli_usage_error(spec->cmd, "unknown option '%s'", arg);
		return -1;
	}
	if (!spec->n_pos || *spec->n_pos >= spec->max_pos) {
		cli_usage_error(spec->cmd, "unexpected argument '%s'", arg);
		return -1;
	}
	spec->pos[(*spec->n_pos)++] = arg;
	return 1;
}

int cli_parse(const struct cli_spec *spec, int argc, char **argv, struct cli *cli,
	      int *exit_code)
{
	if (spec->n_pos)
		*spec->n_pos = 0;
	for (int i = spec->first; i < argc; i++) {
		int r;

		if (cli_help(argv[i], cli_find(spec->cmd))) {
			*exit_code = EXIT_OK;
			return 1;
		}
		r = cli_common_opt(argc, argv, &i, cli);
		if (!r && spec->xlsx_limits)
			r = cli_limit_opt(argc, argv, &i, spec->cmd);
		for (size_t k = 0; !r && k < spec->n_options; k++)
			r = take_option(spec, &spec->options[k], argc, argv, &i);
		if (!r)
			r = take_positional(spec, argv[i]);
		if (r < 0) {
			*exit_code = EXIT_USAGE;
			return 1;
		}
	}
	return 0;
}
