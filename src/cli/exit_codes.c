/* SPDX-License-Identifier: MIT */
/* The one table from an app result (app/app.h) to the command's exit code
 * (cli/cli.h); on its own so that anything may link it without the
 * command table. */
#include "cli/cli.h"

int cli_exit_of(enum app_status st)
{
	static const enum exit_code exit_of[APP_N_STATUS] = {
		[APP_OK] = EXIT_OK,
		[APP_PROPOSED] = EXIT_OK,
		[APP_INVALID] = EXIT_BAD_INPUT,
		[APP_FORBIDDEN] = EXIT_BAD_INPUT,
		[APP_CONFLICT] = EXIT_BAD_INPUT,
		[APP_EXISTS] = EXIT_BAD_INPUT,
		[APP_MISSING] = EXIT_BAD_INPUT,
		[APP_FAILED] = EXIT_STORAGE,
		[APP_CLOSED] = EXIT_BAD_INPUT,
	};
	return st < APP_N_STATUS ? (int)exit_of[st] : EXIT_STORAGE;
}
