/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c - the table of every command, and `examgen help [COMMAND]`, the
 * command that lists it (one object: the table and the list use each
 * other). */
#include <stdio.h>
#include <string.h>

#include "base/version.h"
#include "cmd/cmd.h"
#include "yaml/yvalue.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_validate_entry,
	&cmd_build_entry,
	&cmd_scan_entry,
	&cmd_mark_entry,
	&cmd_grade_entry,
	&cmd_help_entry,
	NULL,
};

/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* Report an unknown command name, with the nearest command's name when
 * one is close; returns EXIT_USAGE. */
int cmd_unknown(const char *name)
{
	const char *names[sizeof(cmd_table) / sizeof(cmd_table[0])];
	const char *hint;
	size_t n = 0;

	for (; cmd_table[n]; n++)
		names[n] = cmd_table[n]->name;
	names[n] = NULL;
	hint = yvalue_suggest(name, names);
	if (hint)
		return cmdline_error(DIAG_REFUSED, "unknown command '%s'; did you "
				     "mean '%s'?", name, hint);
	return cmdline_error(DIAG_REFUSED, "unknown command '%s'", name);
}

/* Print the overview, or one command's help. */
static int cmd_help_exec(const struct cmd_args *a)
{
	const struct cmd_entry *c;

	if (a->noperands > 1)
		return cmdline_usage_error(&cmd_help_entry, "too many arguments");
	if (a->noperands == 1) {
		c = cmd_find(a->operands[0]);
		if (!c)
			return cmd_unknown(a->operands[0]);
		cmdline_print_help(stdout, c);
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
