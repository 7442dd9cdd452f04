/* SPDX-License-Identifier: MIT */
/* What every action of the app room shares: the one status vocabulary its
 * functions return (the CLI maps it to exit codes in one table, cli_exit_of
 * in cli/cli.c; the web to HTTP statuses and error codes in one table,
 * web_app_error in web/router.c) and the actor an action is done for. */
#ifndef TANDEM_APP_APP_H
#define TANDEM_APP_APP_H

#include "store/users.h"

enum app_status {
	APP_OK,
	APP_PROPOSED,        /* stored as a proposed change; *change_id says which */
	APP_INVALID,         /* the input is wrong (errors says why) */
	APP_FORBIDDEN,       /* the policy says no (decision.code) */
	APP_CONFLICT,        /* the state says no (won proposal, record changed meanwhile,
			      * a year frozen already, the data changed while freezing) */
	APP_EXISTS,          /* a create of a key that exists */
	APP_MISSING,         /* no such record, change, model version or frozen year */
	APP_FAILED,          /* storage failure */
	APP_CLOSED,          /* evidence of a closed year, and no correction (store/closed.h) */
	APP_N_STATUS
};

struct app_actor {
	enum role role;
	const char *person;  /* NULL when the account is not a person */
	const char *account; /* the audit actor: "user:kim", "cli:root" */
};

#endif
