/* SPDX-License-Identifier: MIT */
/* tandem changes: the proposed changes of SPEC §2 (counter-party
 * confirmation) from the command line — list, show, confirm, reject — and
 * tandem policy: the evidence policy table. Deciding goes through
 * app/records.h, the same code as the web: the account named by --as must
 * be eligible, and the audit log names the operating-system user and it. */
#include "cli/commands.h"

#include "app/records.h"
#include "store/audit.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char help_changes[] =
	"usage: tandem changes list [--state STATE] [--mine ACCOUNT | --waiting ACCOUNT]\n"
	"                           [--format text|json] [--db PATH]\n"
	"       tandem changes show ID [--format text|json] [--db PATH]\n"
	"       tandem changes confirm ID --as ACCOUNT [--note TEXT] [--db PATH]\n"
	"       tandem changes reject ID --as ACCOUNT --note TEXT [--db PATH]\n"
	"\n"
	"A change that a rated party makes to evidence that can raise its own\n"
	"score is stored as a proposed change and counts only after a person of\n"
	"the other side confirms it (SPEC §2; `tandem policy` prints who). Scores,\n"
	"exports and reports read confirmed records only.\n"
	"\n"
	"  list      newest first: id, state, kind, record, change, proposer,\n"
	"            who confirms; --state proposed|confirmed|rejected|withdrawn,\n"
	"            --mine ACCOUNT (proposed by it), --waiting ACCOUNT (it may\n"
	"            confirm them)\n"
	"  show      one change with the record before and after\n"
	"  confirm   apply the change, as the web account ACCOUNT (an eligible\n"
	"            person of the other side, or an executive); refused when the\n"
	"            record changed since the change was proposed\n"
	"  reject    refuse it, with a note saying why\n"
	"\n"
	"Exit status: 0 done, 1 refused or no such change, 2 usage, 3 storage.\n";

const char help_policy[] =
	"usage: tandem policy [--format text|tsv|markdown]\n"
	"\n"
	"Prints the evidence policy (SPEC §2): for every record kind and field\n"
	"group, action and role, the effect (allow, deny, propose: a proposed\n"
	"change that the other side confirms), the relation it needs (own: the\n"
	"contract's sales owner is the account's person; unit: the contract's\n"
	"ops owner is in the person's operations unit or below; self: rated_by /\n"
	"reviewer is the person) and who confirms. tsv is one line per kind,\n"
	"field group, action and role; markdown is the table of docs/security.md.\n"
	"Admins' file imports load every kind from the system of record and are\n"
	"not subject to it.\n";

int cmd_policy(int argc, char **argv, struct cli *cli)
{
	const char *format = "text";
	const struct cli_option options[] = { { "--format", CLI_TEXT, &format } };
	const struct cli_spec spec = { "policy", CLI_OPTIONS(options), 1 };
	int rc;

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	struct buf out = BUF_INIT;
	if (policy_table_text(&out, format)) {
		buf_release(&out);
		return cli_usage_error("policy", "--format is text, tsv or markdown");
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_release(&out);
	return EXIT_OK;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void change_text(const struct change *c, int full)
{
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)c->id, c->state, c->kind, c->key, c->op,
	       or_dash(c->proposer_person ? c->proposer_person : c->proposer), c->confirmer);
	if (!full)
		return;
	printf("proposer: %s\nreason: %s\nproposed at: %s\nbefore: %s\nafter: %s\n"
	       "decided by: %s\nnote: %s\ndecided at: %s\n",
	       or_dash(c->proposer), or_dash(c->reason), or_dash(c->created_at), or_dash(c->before),
	       or_dash(c->after), or_dash(c->decided_by), or_dash(c->note), or_dash(c->decided_at));
}

/* The web account ACCOUNT as the actor: its role and person decide what
 * it may confirm; the log names the operating-system user acting as it. */
static int account_actor(struct store *s, const char *name, struct user *u, struct app_actor *a,
			 char *actor, size_t actor_size)
{
	struct buf err = BUF_INIT;
	int rc = users_get(s, name, u, &err);
	if (rc) {
		cli_error(rc < 0 ? "%s" : "no account '%s'", rc < 0 ? err.data : name);
		buf_release(&err);
		return rc < 0 ? EXIT_STORAGE : EXIT_BAD_INPUT;
	}
	buf_release(&err);
	if (u->disabled) {
		cli_error("the account '%s' is disabled", name);
		user_release(u);
		return EXIT_BAD_INPUT;
	}
	snprintf(actor, actor_size, "%s as user:%s", audit_cli_actor(), name);
	a->role = u->role;
	a->person = u->person_id;
	a->account = actor;
	return EXIT_OK;
}

int cmd_changes(int argc, char **argv, struct cli *cli)
{
	const char *sub = NULL, *id_text = NULL, *as = NULL, *note = NULL, *state = NULL;
	const char *mine = NULL, *waiting = NULL, *format = "text";
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int rc;

	const struct cli_option options[] = {
		{ "--as", CLI_TEXT, &as },
		{ "--note", CLI_TEXT, &note },
		{ "--state", CLI_TEXT, &state },
		{ "--mine", CLI_TEXT, &mine },
		{ "--waiting", CLI_TEXT, &waiting },
		{ "--format", CLI_TEXT, &format },
	};
	const char *pos[2] = { NULL, NULL };
	int n_pos;
	const struct cli_spec spec = { "changes", CLI_OPTIONS(options), 1, 0, pos, 2, &n_pos };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	sub = pos[0];
	id_text = pos[1];
	if (!sub || (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "confirm") &&
		     strcmp(sub, "reject")))
		return cli_usage_error("changes", "say list, show, confirm or reject");
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error("changes", "--format is text or json");
	if (state && strcmp(state, "proposed") && strcmp(state, "confirmed") &&
	    strcmp(state, "rejected") && strcmp(state, "withdrawn"))
		return cli_usage_error("changes", "--state is proposed, confirmed, rejected or withdrawn");
	int64_t id = 0;
	if (strcmp(sub, "list")) {
		char *end;
		long long v = id_text ? strtoll(id_text, &end, 10) : 0;
		if (!id_text || *end || v <= 0)
			return cli_usage_error("changes", "%s needs the change's number", sub);
		id = v;
	}
	if ((!strcmp(sub, "confirm") || !strcmp(sub, "reject")) && !as)
		return cli_usage_error("changes", "%s needs --as ACCOUNT (the web account deciding)", sub);
	if (!strcmp(sub, "reject") && (!note || !*note))
		return cli_usage_error("changes", "reject needs --note TEXT saying why");
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;

	if (!strcmp(sub, "list")) {
		struct change *list = NULL;
		size_t n = 0;
		struct user u;
		struct app_actor a;
		char actor[160];
		memset(&u, 0, sizeof u);
		if (waiting) {
			rc = account_actor(s, waiting, &u, &a, actor, sizeof actor);
			if (rc)
				goto out;
			rc = app_changes_waiting(s, &a, &list, &n, &err);
			user_release(&u);
		} else {
			char who[96];
			snprintf(who, sizeof who, "user:%s", mine ? mine : "");
			rc = changes_list(s, state, mine ? who : NULL, &list, &n, &err);
		}
		if (rc) {
			cli_error("%s", err.data);
			rc = EXIT_STORAGE;
			goto out;
		}
		struct buf j = BUF_INIT;
		if (!strcmp(format, "json"))
			buf_adds(&j, "[");
		size_t shown = 0;
		for (size_t i = 0; i < n; i++) {
			if (state && strcmp(list[i].state, state))
				continue;
			if (!strcmp(format, "json")) {
				if (shown)
					buf_addc(&j, ',');
				change_json(&list[i], &j);
			} else {
				change_text(&list[i], 0);
			}
			shown++;
		}
		if (!strcmp(format, "json")) {
			buf_adds(&j, "]\n");
			fwrite(j.data, 1, j.len, stdout);
		}
		buf_release(&j);
		changes_free(list, n);
		rc = EXIT_OK;
	} else if (!strcmp(sub, "show")) {
		struct change c;
		int g = changes_get(s, id, &c, &err);
		if (g) {
			cli_error(g < 0 ? "%s" : "no change %s", g < 0 ? err.data : id_text);
			rc = g < 0 ? EXIT_STORAGE : EXIT_BAD_INPUT;
			goto out;
		}
		if (!strcmp(format, "json")) {
			struct buf j = BUF_INIT;
			change_json(&c, &j);
			buf_addc(&j, '\n');
			fwrite(j.data, 1, j.len, stdout);
			buf_release(&j);
		} else {
			change_text(&c, 1);
		}
		change_release(&c);
		rc = EXIT_OK;
	} else {
		struct user u;
		struct app_actor a;
		struct problem_list problems = PROBLEM_LIST_INIT;
		char actor[160];
		int confirm = !strcmp(sub, "confirm");
		rc = account_actor(s, as, &u, &a, actor, sizeof actor);
		if (rc)
			goto out;
		enum app_status st = app_change_decide(s, &a, id, confirm ? CHANGE_CONFIRM : CHANGE_REJECT,
						       note, &problems);
		user_release(&u);
		if (st == APP_OK) {
			printf("change %lld: %s\n", (long long)id, confirm ? "confirmed and applied" : "rejected");
			rc = EXIT_OK;
		} else {
			if (st == APP_MISSING) {
				cli_error("no change %lld", (long long)id);
			} else {
				char prefix[64];
				snprintf(prefix, sizeof prefix, "tandem: change %lld: ", (long long)id);
				cli_put_problem_list(prefix, &problems);
			}
			rc = cli_exit_of(st);
		}
		problems_release(&problems);
	}
out:
	buf_release(&err);
	store_close(s);
	return rc;
}
