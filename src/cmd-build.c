/* cmd-build.c - `examgen build` (placeholder until the build issue lands). */
#include <stdio.h>

#include "cmd.h"

/* Not yet implemented. */
static int cmd_build_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("examgen: error: 'build' is not implemented yet\n", stderr);
	return EXIT_SYSTEM;
}

const struct cmd_entry cmd_build_entry = {
	.name = "build",
	.usage = "build TEMPLATE [--bank PATH]... [--seed N] [--forms K] "
		 "[--roster FILE] [--format txt,md,html[,pdf]] [--out DIR] "
		 "[--force]",
	.help = "",
	.exec = cmd_build_exec,
};
