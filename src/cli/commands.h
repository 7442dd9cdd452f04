/* SPDX-License-Identifier: MIT */
/* The subcommands' entry points and help texts, one pair per cli/ file. */
#ifndef TANDEM_COMMANDS_H
#define TANDEM_COMMANDS_H

#include "cli/cli.h"

#define DECLARE_COMMAND(name) \
	int cmd_##name(int argc, char **argv, struct cli *cli); \
	extern const char help_##name[]

DECLARE_COMMAND(init);
DECLARE_COMMAND(migrate);
DECLARE_COMMAND(import);
DECLARE_COMMAND(feed);
DECLARE_COMMAND(export);
DECLARE_COMMAND(demo);
DECLARE_COMMAND(model);
DECLARE_COMMAND(score);
DECLARE_COMMAND(explain);
DECLARE_COMMAND(whatif);
DECLARE_COMMAND(freeze);
DECLARE_COMMAND(verify);
DECLARE_COMMAND(serve);
DECLARE_COMMAND(user);
DECLARE_COMMAND(audit);
DECLARE_COMMAND(proposal);
DECLARE_COMMAND(promises);
DECLARE_COMMAND(alerts);
DECLARE_COMMAND(credits);
DECLARE_COMMAND(cycle);
DECLARE_COMMAND(track_record);
DECLARE_COMMAND(report);
DECLARE_COMMAND(template);
DECLARE_COMMAND(backup);
DECLARE_COMMAND(restore);
DECLARE_COMMAND(changes);
DECLARE_COMMAND(policy);

/* The terminal's progress line of an import (store/import.h's
 * on_progress), on stderr; import_cmd.c. */
struct import_progress;
void cli_import_progress(void *ctx, const struct import_progress *p);

#endif
