/* cmd.h - the command table: one file per command (src/cmd-NAME.c), each
 * exporting a struct cmd_entry that main.c dispatches to. */
#ifndef EXAMGEN_CMD_H
#define EXAMGEN_CMD_H

/* Exit codes of every command (SPEC). */
enum exit_code {
	EXIT_DONE = 0,		/* done, nothing to report */
	EXIT_PROBLEMS = 1,	/* done, problems found */
	EXIT_USAGE = 2,		/* usage error or refused */
	EXIT_SYSTEM = 3,	/* I/O error, out of memory */
};

struct cmd_entry {
	const char *name;
	const char *usage;	/* one line, after "usage: examgen " */
	const char *help;	/* full help text for COMMAND --help */
	int (*exec)(int argc, char **argv);	/* argv[0] is the command */
};

extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_build_entry;
extern const struct cmd_entry cmd_grade_entry;
extern const struct cmd_entry cmd_help_entry;

/* All commands, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* Print "usage: examgen USAGE" for a command to stderr; returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define EXAMGEN_VERSION "0.1.0"

#endif
