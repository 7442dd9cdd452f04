/* SPDX-License-Identifier: MIT */
/* tandem feed: SLA data straight from contact-center platforms and ticket
 * systems (issue 19, docs/feeds.md): import, the formats, and where a
 * contract metric's daily measurements came from. */
#include "cli/commands.h"

#include "io/csv.h"
#include "io/feed.h"
#include "store/closed.h"
#include "store/feed_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char help_feed[] =
	"usage: tandem feed import --format FORMAT --map MAP.json [--dry-run] [--strict]\n"
	"                          [--correction REASON] [--db PATH] FILE...\n"
	"       tandem feed formats\n"
	"       tandem feed sources CONTRACT METRIC [--from DATE] [--to DATE]\n"
	"\n"
	"Reads SLA data as contact-center platforms and ticket systems export it and\n"
	"turns it into daily measurements (see docs/feeds.md). Each file is reduced\n"
	"to canonical intervals per source id (queue, skill or call type), stored,\n"
	"and every contract metric the map names gets one measurement per local day\n"
	"(in the map's time zone) as numerator and denominator, derived from every\n"
	"stored interval of that day: importing overlapping files, a day split over\n"
	"several files or the same file twice gives the same measurements.\n"
	"\n"
	"  import      read FILE... in FORMAT (see 'tandem feed formats') with the\n"
	"              map MAP: a JSON file, or the name of a map stored on the web\n"
	"              page SLA feeds; all or nothing, one transaction\n"
	"  formats     the formats and the fields each reads\n"
	"  sources     for each day of CONTRACT METRIC: format, source id, files\n"
	"              and intervals (or tickets) behind its measurement, as CSV\n"
	"\n"
	"  --dry-run   check and compute everything, write nothing\n"
	"  --strict    a source id the map does not name is an error (default: it\n"
	"              is reported once with its interval count and skipped)\n"
	"  --correction REASON  the feed corrects days of a closed (frozen) year;\n"
	"              without it such a change is refused. The correction is\n"
	"              audit-logged and 'tandem verify' lists it\n"
	"\n"
	"A problem in the map is printed as MAP.json: path: message; in a JSON file\n"
	"as FILE: path.to.field: message; in a CSV file as FILE:LINE:COLUMN: message.\n"
	"Then nothing is written and the exit status is 1.\n";

static int feed_formats_cmd(void)
{
	for (size_t i = 0; i < feed_n_formats; i++)
		printf("%s%s\n  %s\n  reads: %s\n  measures: %s\n", i ? "\n" : "", feed_formats[i].name,
		       feed_formats[i].summary, feed_formats[i].fields,
		       feed_formats[i].tickets ? "ticket_sla"
					       : "service_level, handle_time, abandon_rate, speed_of_answer");
	return EXIT_OK;
}

static int print_source(void *ctx, day_t day, const char *format, const char *source_id,
			const char *measure, const char *files, int64_t items)
{
	struct buf line = BUF_INIT;
	char date[11];
	(void)ctx;
	date_format(day, date);
	buf_addf(&line, "%s,", date);
	struct buf joined = BUF_INIT;
	/* The files are kept one a line; here they are joined by ';'. */
	for (const char *p = files; *p; p++)
		buf_addc(&joined, *p == '\n' ? ';' : *p);
	csv_write_field(&line, format, strlen(format));
	buf_addc(&line, ',');
	csv_write_field(&line, source_id, strlen(source_id));
	buf_addc(&line, ',');
	csv_write_field(&line, measure, strlen(measure));
	buf_addc(&line, ',');
	csv_write_field(&line, joined.data, joined.len);
	buf_release(&joined);
	buf_addf(&line, ",%lld\n", (long long)items);
	fputs(line.data, stdout);
	buf_release(&line);
	return 0;
}

static int feed_sources_cmd(int argc, char **argv, struct cli *cli)
{
	const char *pos[2] = { NULL, NULL }, *from_text = NULL, *to_text = NULL;
	const char *const *texts[] = { &from_text, &to_text };
	day_t from = DAY_NONE, to = DAY_NONE, *days[] = { &from, &to };
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int n = 0, rc;
	const struct cli_option options[] = {
		{ "--from", CLI_TEXT, &from_text },
		{ "--to", CLI_TEXT, &to_text },
	};
	const struct cli_spec spec = { "feed", CLI_OPTIONS(options), 2, 0, pos, 2, &n };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	for (size_t k = 0; k < 2; k++) {
		const char *v = *texts[k];
		if (v && date_parse(v, strlen(v), days[k]))
			return cli_usage_error("feed", "'%s' is not a date (YYYY-MM-DD)", v);
	}
	if (n != 2)
		return cli_usage_error("feed", "sources takes CONTRACT METRIC");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	fputs("date,format,source_id,measure,files,items\n", stdout);
	if (store_feed_sources(s, pos[0], pos[1], from, to, print_source, NULL, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	}
	store_close(s);
	buf_release(&err);
	return rc;
}

static int add_map_name(void *ctx, const char *name, const char *updated_at, const char *updated_by)
{
	struct buf *names = ctx;
	(void)updated_at;
	(void)updated_by;
	buf_addf(names, "%s%s", names->len ? ", " : "", name);
	return 0;
}

/* --map names a file or, when there is no such file, a map stored by name
 * (the web page's SLA feeds, PUT /api/v1/feeds/maps/NAME). Returns EXIT_OK
 * with *map, EXIT_BAD_INPUT with the map's problems in report, or another
 * exit status after printing why. */
static int read_map(struct store *s, const char *name, struct feed_map **map, struct buf *report)
{
	struct stat st;
	struct buf err = BUF_INIT, names = BUF_INIT;
	char *body = NULL;
	int rc;
	if (!stat(name, &st))
		return feed_map_read(name, NULL, 0, map, report) ? EXIT_BAD_INPUT : EXIT_OK;
	rc = store_feed_map_get(s, name, &body, &err);
	if (rc < 0) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else if (rc == 1) {
		if (store_feed_map_list(s, add_map_name, &names, &err)) {
			cli_error("%s", err.data);
			rc = EXIT_STORAGE;
		} else {
			cli_error("%s: no such map: neither a file nor a map stored by that name (%s%s)", name,
				  names.len ? "stored maps: " : "no map is stored; the web page SLA feeds stores them",
				  names.len ? names.data : "");
			rc = EXIT_BAD_INPUT;
		}
	} else {
		rc = feed_map_read(name, body, strlen(body), map, report) ? EXIT_BAD_INPUT : EXIT_OK;
	}
	xfree(body);
	buf_release(&err);
	buf_release(&names);
	return rc;
}

static int feed_import_cmd(int argc, char **argv, struct cli *cli)
{
	struct feed_import_options opt = { NULL, 0, 0, 0, NULL };
	struct feed_import_result res;
	struct feed_file *files = xcalloc((size_t)argc, sizeof *files);
	struct feed_map *map = NULL;
	struct buf report = BUF_INIT, err = BUF_INIT;
	struct store *s = NULL;
	const char *map_path = NULL, *format = NULL, *correction = NULL;
	const char **paths = xcalloc((size_t)argc, sizeof *paths);
	int n = 0, rc;
	const struct cli_option options[] = {
		{ "--dry-run", CLI_FLAG, &opt.dry_run },
		{ "--strict", CLI_FLAG, &opt.strict },
		{ "--format", CLI_TEXT, &format },
		{ "--correction", CLI_TEXT, &correction },
		{ "--map", CLI_TEXT, &map_path },
	};
	const struct cli_spec spec = { "feed", CLI_OPTIONS(options), 2, 0, paths, argc, &n };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		goto out;
	if (correction && !correction[strspn(correction, " \t\r\n")]) {
		rc = cli_usage_error("feed", "--correction takes the reason of the correction");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		files[i].name = paths[i];
		files[i].path = paths[i];
	}
	if (!format) {
		rc = cli_usage_error("feed", "--format is required (see 'tandem feed formats')");
		goto out;
	}
	if (!(opt.format = feed_format_find(format))) {
		struct buf names = BUF_INIT;
		for (size_t i = 0; i < feed_n_formats; i++)
			buf_addf(&names, "%s%s", i ? ", " : "", feed_formats[i].name);
		rc = cli_usage_error("feed", "unknown format '%s' (one of %s)", format, names.data);
		buf_release(&names);
		goto out;
	}
	if (!map_path) {
		rc = cli_usage_error("feed", "--map MAP.json is required (which source id feeds which"
				     " contract metric)");
		goto out;
	}
	if (!n) {
		rc = cli_usage_error("feed", "nothing to import: name the files");
		goto out;
	}
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		goto out;
	if ((rc = read_map(s, map_path, &map, &report)) != EXIT_OK) {
		if (rc == EXIT_BAD_INPUT && report.len) {
			fputs(report.data, stderr);
			fprintf(stderr, "tandem: feed import failed: the map has problems; nothing was written\n");
		}
		goto out;
	}
	opt.progress = isatty(2);
	closed_set_correction(s, correction);
	rc = store_feed_import(s, map, files, n, &opt, &res, &report, &err);
	fputs(report.data, stderr);
	if (rc < 0) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
	} else if (rc == 1) {
		fprintf(stderr, "tandem: feed import failed: %llu problem%s; nothing was written\n",
			(unsigned long long)res.errors, res.errors == 1 ? "" : "s");
		rc = EXIT_BAD_INPUT;
	} else {
		const char *what = opt.format->tickets ? "ticket SLA outcomes" : "intervals";
		if (opt.dry_run)
			printf("%llu %s in %d file%s are valid; %llu daily measurements would be written"
			       " (dry run: nothing written)\n", (unsigned long long)res.records, what, n,
			       n == 1 ? "" : "s", (unsigned long long)res.days);
		else
			printf("imported %llu %s from %d file%s: %llu daily measurements written, %llu"
			       " removed (batch %lld)\n", (unsigned long long)res.records, what, n,
			       n == 1 ? "" : "s", (unsigned long long)res.days,
			       (unsigned long long)res.removed, (long long)res.batch);
		if (res.skipped)
			printf("skipped: %llu (source ids the map does not name)\n",
			       (unsigned long long)res.skipped);
		rc = EXIT_OK;
	}
out:
	store_close(s);
	feed_map_free(map);
	buf_release(&report);
	buf_release(&err);
	xfree(files);
	xfree(paths);
	return rc;
}

int cmd_feed(int argc, char **argv, struct cli *cli)
{
	for (int i = 1; i < argc; i++)
		if (cli_help(argv[i], cli_find("feed")))
			return EXIT_OK;
	if (argc < 2)
		return cli_usage_error("feed", "name a subcommand: import, formats or sources");
	if (!strcmp(argv[1], "import"))
		return feed_import_cmd(argc, argv, cli);
	if (!strcmp(argv[1], "formats"))
		return feed_formats_cmd();
	if (!strcmp(argv[1], "sources"))
		return feed_sources_cmd(argc, argv, cli);
	return cli_usage_error("feed", "unknown subcommand '%s' (import, formats or sources)", argv[1]);
}
