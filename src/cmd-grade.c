/* cmd-grade.c - `examgen grade` (placeholder until the grade issue lands). */
#include <stdio.h>

#include "cmd.h"

/* Not yet implemented. */
static int cmd_grade_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("examgen: error: 'grade' is not implemented yet\n", stderr);
	return EXIT_SYSTEM;
}

const struct cmd_entry cmd_grade_entry = {
	.name = "grade",
	.usage = "grade --key PATH... [--xlsx FILE] [--csv FILE|-] [--json FILE|-] "
		 "[--lang zh|en] [--force] SHEET...",
	.help = "",
	.exec = cmd_grade_exec,
};
