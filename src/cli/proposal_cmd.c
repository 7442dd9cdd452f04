/* SPDX-License-Identifier: MIT */
/* tandem proposal: list and show proposals with their feasibility gate, and
 * move them through draft → review → won | lost with the store's state
 * machine (store/proposals.h). The command line has no login: it is an
 * administrator's tool, and --as names the role acted in (admin by
 * default); the web passes its logged-in user's role to the same functions. */
#include "cli/commands.h"

#include "app/lifecycle.h"
#include "cli/scoring.h"
#include "base/clock.h"
#include "io/jsonw.h"
#include "store/audit.h"
#include "report/lifecycle_text.h"
#include "store/proposals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_proposal[] =
	"usage: tandem proposal list [--status draft|review|won|lost] [--format text|json]\n"
	"       tandem proposal show ID [--format text|json]\n"
	"       tandem proposal review ID --reviewer PERSON --verdict feasible|conditional|infeasible\n"
	"                      [--on YYYY-MM-DD] [--predicted 0.9] [--risk low|medium|high]\n"
	"                      [--ramp-days N] [--conditions TEXT] [--as ROLE]\n"
	"       tandem proposal win ID [--as ROLE]\n"
	"       tandem proposal lose ID [--as ROLE]\n"
	"       tandem proposal override ID --reason TEXT --as executive\n"
	"\n"
	"A proposal goes draft → review → won or lost (SPEC §3). Operations reviews\n"
	"whether the work can be delivered: 'review' records a feasibility review by\n"
	"a person of an operations unit (dated --on, today by default) and moves a\n"
	"draft to review. A proposal cannot be won without a review whose verdict is\n"
	"feasible or conditional, unless an executive has recorded an override with\n"
	"a written reason ('override'; it opens the gate, then 'win'). Every change\n"
	"is written to the audit log.\n"
	"\n"
	"The command line has no login: it is an administrator's tool. --as ROLE\n"
	"(or --role) names the role acted in: admin (default), executive, sales,\n"
	"operations or viewer. review: operations or admin; win and lose: sales,\n"
	"executive or admin; override: executive only. The web enforces the same\n"
	"rules with the logged-in user's own role.\n"
	"\n"
	"Exit status: 0 done, 1 refused (state, role, gate or input) or no such\n"
	"proposal, 2 usage error, 3 storage error.\n";

static const char *const roles[] = { "admin", "executive", "operations", "sales", "viewer", NULL };

struct proposal_args {
	const char *sub, *id;
	const char *status, *format, *role;
	const char *reviewer, *verdict, *on, *predicted, *risk, *ramp_days, *conditions, *reason;
};

/* Returns 0 to go on, or 1 with the exit status in *rc (cli_parse). */
static int parse_args(int argc, char **argv, struct cli *cli, struct proposal_args *a,
		      int *rc)
{
	const struct cli_option options[] = {
		{ "--status", CLI_TEXT, &a->status },
		{ "--format", CLI_TEXT, &a->format },
		{ "--as", CLI_TEXT, &a->role },
		{ "--role", CLI_TEXT, &a->role },
		{ "--reviewer", CLI_TEXT, &a->reviewer },
		{ "--verdict", CLI_TEXT, &a->verdict },
		{ "--on", CLI_TEXT, &a->on },
		{ "--predicted", CLI_TEXT, &a->predicted },
		{ "--risk", CLI_TEXT, &a->risk },
		{ "--ramp-days", CLI_TEXT, &a->ramp_days },
		{ "--conditions", CLI_TEXT, &a->conditions },
		{ "--reason", CLI_TEXT, &a->reason },
	};
	const char *pos[2] = { NULL, NULL };
	int n_pos;
	const struct cli_spec spec = { "proposal", CLI_OPTIONS(options), 1, 0,
				       pos, 2, &n_pos };

	memset(a, 0, sizeof *a);
	if (cli_parse(&spec, argc, argv, cli, rc))
		return 1;
	a->sub = pos[0];
	a->id = pos[1];
	if (!a->role)
		a->role = "admin";
	for (size_t i = 0; roles[i]; i++)
		if (!strcmp(roles[i], a->role))
			return 0;
	*rc = cli_usage_error("proposal", "--as takes admin, executive, operations, sales or viewer, not '%s'",
			      a->role);
	return 1;
}

/* The exit status of a store_proposal_* result, after printing why. */
static int result_status(enum app_status st, const struct buf *err)
{
	return cli_app_result(st, err);
}

/* The policy's proposal action as the command-line operator in role --as.
 * A review's problems are rendered into err here, the edge: in the
 * language of messages, "; " between (they are options, not a file). */
static enum app_status act(struct store *s, const struct proposal_args *a, enum policy_action action,
			   struct proposal_review_input *review, struct buf *err)
{
	struct app_actor actor = { role_parse(a->role), NULL, audit_cli_actor() };
	struct problem_list problems = PROBLEM_LIST_INIT;
	const char *code;
	enum app_status st = app_proposal_act(s, &actor, 1, action, a->id, review, a->reason, &code,
					      &problems, err);
	for (size_t i = 0; i < problems.n; i++) {
		if (err->len)
			buf_adds(err, "; ");
		problem_message(&problems.items[i], cli_messages_lang(), err);
	}
	problems_release(&problems);
	return st;
}

/* ---- list and show ----------------------------------------------------- */

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static const char *gate_text(const struct proposal_detail *d)
{
	if (d->has_override)
		return "open (executive override)";
	return d->gate_open ? "open (feasible or conditional review)" : "shut (no feasible or conditional review)";
}

static void show_text(const struct proposal_detail *d, struct buf *out)
{
	buf_addf(out, "proposal %s: %s\n", d->id, or_dash(d->title));
	buf_addf(out, "  client        %s %s\n", d->client_id, or_dash(d->client_name));
	buf_addf(out, "  origin        %s\n", d->origin);
	buf_addf(out, "  service line  %s\n", or_dash(d->service_line));
	buf_addf(out, "  proposed on   %s\n", or_dash(d->proposed_on));
	buf_addf(out, "  annual value  %s\n", or_dash(d->annual_value));
	buf_addf(out, "  credited to   %s\n", or_dash(d->credited_contract_id));
	buf_addf(out, "  status        %s\n", d->status);
	buf_addf(out, "  gate          %s\n", gate_text(d));
	buf_addf(out, "feasibility reviews: %zu\n", d->n_reviews);
	for (size_t i = 0; i < d->n_reviews; i++) {
		const struct proposal_review_row *r = &d->reviews[i];
		buf_addf(out, "  %s %s %s: %s, predicted %s, risk %s, ramp-up %s days", r->reviewed_on,
			 r->reviewer, or_dash(r->reviewer_name), r->verdict,
			 or_dash(r->predicted_attainment), or_dash(r->risk_tier),
			 or_dash(r->required_ramp_days));
		if (r->conditions)
			buf_addf(out, ", conditions \"%s\"", r->conditions);
		buf_addc(out, '\n');
	}
	if (d->has_override)
		buf_addf(out, "override: by %s at %s, reason \"%s\"\n", d->override_by, d->override_at,
			 d->override_reason);
}

static int check_format(const char *format)
{
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error("proposal", "--format takes text or json, not '%s'", format);
	return 0;
}

static int run_list(struct store *s, const struct proposal_args *a)
{
	struct proposal_detail *list = NULL;
	struct buf err = BUF_INIT, out = BUF_INIT;
	const char *format = a->format ? a->format : "text";
	size_t n = 0;
	int rc = EXIT_OK;

	if (a->id)
		return cli_usage_error("proposal", "list takes no id");
	if (a->status && strcmp(a->status, "draft") && strcmp(a->status, "review") &&
	    strcmp(a->status, "won") && strcmp(a->status, "lost"))
		return cli_usage_error("proposal", "--status takes draft, review, won or lost, not '%s'",
				       a->status);
	if (check_format(format))
		return EXIT_USAGE;
	if (store_proposal_list(s, a->status, &list, &n, &err)) {
		cli_error("%s", err.data);
		rc = EXIT_STORAGE;
		goto out;
	}
	if (!strcmp(format, "json"))
		buf_adds(&out, "[");
	for (size_t i = 0; i < n; i++) {
		const struct proposal_detail *d = &list[i];
		if (!strcmp(format, "json")) {
			buf_adds(&out, i ? ",\n" : "\n");
			report_proposal_json(d, &out);
			continue;
		}
		buf_addf(&out, "%-10s %-7s %-6s %s%s  %s  %s\n", d->id, d->status,
			 d->gate_open ? "open" : "shut", d->client_id,
			 d->has_override ? " [override]" : "", or_dash(d->proposed_on), or_dash(d->title));
	}
	if (!strcmp(format, "json"))
		buf_adds(&out, n ? "\n]\n" : "]\n");
	fwrite(out.data, 1, out.len, stdout);
out:
	proposal_list_free(list, n);
	buf_release(&err);
	buf_release(&out);
	return rc;
}

static int run_show(struct store *s, const struct proposal_args *a)
{
	struct proposal_detail d;
	struct buf err = BUF_INIT, out = BUF_INIT;
	const char *format = a->format ? a->format : "text";
	int rc;

	if (check_format(format))
		return EXIT_USAGE;
	rc = store_proposal_get(s, a->id, &d, &err);
	if (rc) {
		if (rc > 0)
			cli_error("no proposal '%s'", a->id);
		else
			cli_error("%s", err.data);
		buf_release(&err);
		return rc > 0 ? EXIT_BAD_INPUT : EXIT_STORAGE;
	}
	if (!strcmp(format, "json")) {
		report_proposal_json(&d, &out);
		buf_addc(&out, '\n');
	} else {
		show_text(&d, &out);
	}
	fwrite(out.data, 1, out.len, stdout);
	proposal_detail_release(&d);
	buf_release(&err);
	buf_release(&out);
	return EXIT_OK;
}

/* ---- changes ----------------------------------------------------------- */

static void today(char out[11])
{
	char now[21];
	clock_now_iso(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

static int run_review(struct store *s, const struct proposal_args *a)
{
	struct buf err = BUF_INIT;
	char on[11];
	if (!a->reviewer || !a->verdict)
		return cli_usage_error("proposal", "review needs --reviewer PERSON and --verdict");
	today(on);
	struct proposal_review_input in = {
		a->id, a->on ? a->on : on, a->reviewer, a->verdict, a->predicted, a->risk,
		a->ramp_days, a->conditions,
	};
	int rc = result_status(act(s, a, POLICY_REVIEW, &in, &err), &err);
	if (!rc)
		printf("proposal %s: review of %s recorded\n", a->id, in.reviewed_on);
	buf_release(&err);
	return rc;
}

static int run_win(struct store *s, const struct proposal_args *a)
{
	struct buf err = BUF_INIT;
	int rc = result_status(act(s, a, POLICY_WIN, NULL, &err), &err);
	if (!rc)
		printf("proposal %s: won\n", a->id);
	buf_release(&err);
	return rc;
}

static int run_lose(struct store *s, const struct proposal_args *a)
{
	struct buf err = BUF_INIT;
	int rc = result_status(act(s, a, POLICY_LOSE, NULL, &err), &err);
	if (!rc)
		printf("proposal %s: lost\n", a->id);
	buf_release(&err);
	return rc;
}

static int run_override(struct store *s, const struct proposal_args *a)
{
	struct buf err = BUF_INIT;
	int rc = result_status(act(s, a, POLICY_OVERRIDE, NULL, &err), &err);
	if (!rc)
		printf("proposal %s: gate override recorded\n", a->id);
	buf_release(&err);
	return rc;
}

/* Sorted by name. */
static const struct subcommand {
	const char *name;
	int (*run)(struct store *, const struct proposal_args *);
	int needs_id;
} subcommands[] = {
	{ "list", run_list, 0 },
	{ "lose", run_lose, 1 },
	{ "override", run_override, 1 },
	{ "review", run_review, 1 },
	{ "show", run_show, 1 },
	{ "win", run_win, 1 },
};

int cmd_proposal(int argc, char **argv, struct cli *cli)
{
	struct proposal_args a;
	struct store *s = NULL;
	const struct subcommand *sub = NULL;
	int rc;

	if (parse_args(argc, argv, cli, &a, &rc))
		return rc;
	if (!a.sub)
		return cli_usage_error("proposal", "which: list, show, review, win, lose or override?");
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (!strcmp(subcommands[i].name, a.sub))
			sub = &subcommands[i];
	if (!sub)
		return cli_usage_error("proposal", "unknown subcommand '%s'", a.sub);
	if (sub->needs_id && !a.id)
		return cli_usage_error("proposal", "%s needs a proposal id", sub->name);
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;
	rc = sub->run(s, &a);
	store_close(s);
	return rc;
}
