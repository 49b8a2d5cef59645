/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c - the table of every command. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "yaml/yvalue.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_validate_entry,
	&cmd_build_entry,
	&cmd_scan_entry,
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
		return cmd_error(DIAG_REFUSED, "unknown command '%s'; did you "
				 "mean '%s'?", name, hint);
	return cmd_error(DIAG_REFUSED, "unknown command '%s'", name);
}
