/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-help.c - `examgen help [COMMAND]`. */
#include <stdio.h>

#include "base/version.h"
#include "cmd/cmd.h"

/* Print the overview, or one command's help. */
static int cmd_help_exec(const struct cmd_args *a)
{
	const struct cmd_entry *c;

	if (a->noperands > 1)
		return cmd_usage_error(&cmd_help_entry, "too many arguments");
	if (a->noperands == 1) {
		c = cmd_find(a->operands[0]);
		if (!c)
			return cmd_unknown(a->operands[0]);
		cmd_print_help(stdout, c);
		return EXIT_DONE;
	}
	printf("examgen %s - exam papers from YAML question banks, and their "
	       "grading\n\nusage:\n", EXAMGEN_VERSION);
	for (size_t i = 0; cmd_table[i]; i++)
		printf("  examgen %s\n", cmd_table[i]->usage);
	printf("  examgen --version\n\n"
	       "Run 'examgen help COMMAND' for a command's options.\n"
	       "Exit codes: 0 done; 1 done, problems found; 2 usage error or "
	       "refused; 3 system error.\n");
	return EXIT_DONE;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "help [COMMAND]",
	.help = "Show the list of commands, or the options of one command.\n",
	.exec = cmd_help_exec,
};
