/* SPDX-License-Identifier: MIT */
/* tandem user: the accounts of the web application (store/users.h). */
#include "cli/commands.h"

#include "store/audit.h"
#include "store/users.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char help_user[] =
	"usage: tandem user add NAME --role ROLE [--person ID] [--password-stdin]\n"
	"       tandem user passwd NAME [--password-stdin]\n"
	"       tandem user role NAME ROLE\n"
	"       tandem user disable NAME | enable NAME\n"
	"       tandem user list\n"
	"\n"
	"Accounts of 'tandem serve'. Roles: admin (users, imports), executive\n"
	"(reads all, overrides the proposal gate), sales, operations, viewer (read\n"
	"only); docs/security.md has the full table. Without --password-stdin a\n"
	"random password is made and printed once. Passwords are stored as\n"
	"Argon2id hashes; changing a password or disabling an account ends its\n"
	"sessions.\n"
	"\n"
	"  --role ROLE        admin, executive, sales, operations or viewer\n"
	"  --person ID        the person (people.csv id) the account belongs to;\n"
	"                     a sales account may write only contracts it owns\n"
	"  --password-stdin   read the password from the first line of stdin\n"
	"                     (10 to 1024 characters)\n";

static int read_password(char *out, size_t size)
{
	size_t n;
	if (!fgets(out, (int)size, stdin))
		return -1;
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n < 10 || n > PASSWORD_MAX) {
		cli_error("a password has 10 to %d characters", PASSWORD_MAX);
		return -1;
	}
	return 0;
}

static int report(int rc, const char *name, struct buf *err)
{
	if (rc == 1) {
		cli_error("no user '%s'", name);
		return EXIT_BAD_INPUT;
	}
	if (rc) {
		cli_error("%s", err->data);
		return EXIT_STORAGE;
	}
	return EXIT_OK;
}

int cmd_user(int argc, char **argv, struct cli *cli)
{
	const char *args[3] = { NULL, NULL, NULL }, *role = NULL, *person = NULL;
	int n_args = 0, from_stdin = 0, rc;
	char password[PASSWORD_MAX + 2] = "";
	struct store *s = NULL;
	struct buf err = BUF_INIT;

	const struct cli_option options[] = {
		{ "--role", CLI_TEXT, &role },
		{ "--person", CLI_TEXT, &person },
		{ "--password-stdin", CLI_FLAG, &from_stdin },
	};
	const struct cli_spec spec = { "user", CLI_OPTIONS(options), 1, 0, args, 3, &n_args };

	if (cli_parse(&spec, argc, argv, cli, &rc))
		return rc;
	const char *sub = args[0], *name = args[1];
	if (!sub)
		return cli_usage_error("user", "say add, passwd, role, disable, enable or list");
	if (strcmp(sub, "list") && (!name || !user_name_valid(name)))
		return cli_usage_error("user", "name a user: 1 to 64 letters, digits or . _ @ -");
	if (!strcmp(sub, "role")) {
		role = args[2];
		if (!role)
			return cli_usage_error("user", "say which role");
	} else if (n_args > 2) {
		return cli_usage_error("user", "unexpected argument '%s'", args[2]);
	}
	if (role && !role_parse(role))
		return cli_usage_error("user", "unknown role '%s' (admin, executive, sales, operations, viewer)", role);
	if (!strcmp(sub, "add") && !role)
		return cli_usage_error("user", "add needs --role");
	if ((!strcmp(sub, "add") || !strcmp(sub, "passwd")) && from_stdin &&
	    read_password(password, sizeof password))
		return EXIT_BAD_INPUT;
	if ((rc = cli_open_store(cli, &s)) != EXIT_OK)
		return rc;

	const char *actor = audit_cli_actor();
	int generated = 0;
	if ((!strcmp(sub, "add") || !strcmp(sub, "passwd")) && !from_stdin) {
		password_generate(password);
		generated = 1;
	}
	if (!strcmp(sub, "add")) {
		int r = users_add(s, name, role_parse(role), person, password, actor, &err);
		if (r == 1) {
			cli_error("user '%s' exists already", name);
			rc = EXIT_BAD_INPUT;
		} else if ((rc = report(r, name, &err)) == EXIT_OK) {
			printf("added %s (%s)\n", name, role);
			if (generated)
				printf("password: %s\n", password);
		}
	} else if (!strcmp(sub, "passwd")) {
		if ((rc = report(users_set_password(s, name, password, actor, &err), name, &err)) == EXIT_OK) {
			printf("changed the password of %s; their sessions ended\n", name);
			if (generated)
				printf("password: %s\n", password);
		}
	} else if (!strcmp(sub, "role")) {
		if ((rc = report(users_set_role(s, name, role_parse(role), actor, &err), name, &err)) == EXIT_OK)
			printf("%s is now %s\n", name, role);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		int off = !strcmp(sub, "disable");
		if ((rc = report(users_set_disabled(s, name, off, actor, &err), name, &err)) == EXIT_OK)
			printf("%s %s\n", off ? "disabled" : "enabled", name);
	} else if (!strcmp(sub, "list")) {
		struct user *list;
		size_t n;
		if (users_list(s, &list, &n, &err)) {
			rc = report(-1, "", &err);
		} else {
			for (size_t i = 0; i < n; i++)
				printf("%s\t%s\t%s\t%s\n", list[i].name,
				       role_name(list[i].role) ? role_name(list[i].role) : "?",
				       list[i].person_id ? list[i].person_id : "-",
				       list[i].disabled ? "disabled" : list[i].locked_until ? "locked" : "active");
			users_free_list(list, n);
		}
	} else {
		rc = cli_usage_error("user", "unknown subcommand '%s'", sub);
	}
	sodium_memzero(password, sizeof password);
	store_close(s);
	buf_release(&err);
	return rc;
}
