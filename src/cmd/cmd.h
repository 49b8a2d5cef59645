/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.h - the command table (cmd.c, with the help command): one file per
 * other command (src/cmd-NAME.c), each exporting a struct cmd_entry that
 * main.c dispatches to.  An entry holds the command's option grammar
 * (cmdline.h): main.c parses every command line against it before the
 * command runs. */
#ifndef EXAMGEN_CMD_CMD_H
#define EXAMGEN_CMD_CMD_H

#include "cmd/cmdline.h"

/* Exit codes of every command (docs/man/examgen.1.md, EXIT STATUS). */
enum exit_code {
	EXIT_DONE = 0,		/* done, nothing to report */
	EXIT_PROBLEMS = 1,	/* done, problems found */
	EXIT_USAGE = 2,		/* usage error or refused */
	EXIT_SYSTEM = 3,	/* I/O error, out of memory */
};

struct cmd_entry {
	const char *name;
	const char *usage;	/* one line, after "usage: examgen " */
	const char *help;	/* help text before the option list */
	const struct cmd_option *options;	/* ends with { 0 }; or NULL */
	const struct cmd_operand *operands;	/* ends with { 0 }; or NULL */
	const char *help_tail;	/* help text after the list, or NULL */
	int (*exec)(const struct cmd_args *a);
};

extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_build_entry;
extern const struct cmd_entry cmd_scan_entry;
extern const struct cmd_entry cmd_grade_entry;
extern const struct cmd_entry cmd_mark_entry;
extern const struct cmd_entry cmd_help_entry;

/* All commands, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* Report an unknown command name (with a "did you mean" when one is
 * close); returns EXIT_USAGE. */
int cmd_unknown(const char *name);

#endif
