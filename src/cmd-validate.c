/* cmd-validate.c - `examgen validate` (being written). */
#include <stdio.h>

#include "cmd.h"

/* Not yet implemented. */
static int cmd_validate_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return EXIT_SYSTEM;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "validate [--bank PATH]... [TEMPLATE]...",
	.help = "",
	.exec = cmd_validate_exec,
};
