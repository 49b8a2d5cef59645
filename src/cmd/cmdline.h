/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmdline.h - the one command-line parser of every command.  Each command's
 * table entry (cmd.h) lists its options as struct cmd_option; cmdline_parse
 * reads argv against that list with the same rules and the same messages
 * for all commands, and cmdline_print_help prints the option list from it.
 *
 * Rules: "--name VALUE" or "--name=VALUE"; an empty value, or a next
 * argument that is itself an option ("--..."), counts as missing; "-" is
 * an operand (standard input); "--" ends the options; a flag given twice
 * means the same as once. */
#ifndef EXAMGEN_CMD_CMDLINE_H
#define EXAMGEN_CMD_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

struct cmd_entry;

/* What an option's value must be. */
enum cmd_opt_type {
	OPT_FLAG,		/* no value, e.g. --force */
	OPT_TEXT,		/* any non-empty text */
	OPT_UINT,		/* a whole number in min..max */
	OPT_CHOICE,		/* one of choices */
};

/* One option in a command's table. */
struct cmd_option {
	const char *name;	/* without the leading "--" */
	const char *arg;	/* the value in usage and help ("PATH"); NULL
				 * for a flag */
	enum cmd_opt_type type;
	bool repeat;		/* may be given more than once */
	unsigned long long min, max;	/* OPT_UINT: the allowed range */
	const char *const *choices;	/* OPT_CHOICE: NULL-terminated */
	const char *help;	/* one-line description for help and man */
};

/* An operand described in the help (e.g. TEMPLATE). */
struct cmd_operand {
	const char *name;
	const char *help;	/* one-line description */
};

/* The values of one option, in command-line order. */
struct cmd_optval {
	const char **v;
	size_t n;
	unsigned long long num;	/* OPT_UINT: the value of v[n - 1] */
};

/* A parsed command line.  Values point into argv; one allocation. */
struct cmd_args {
	const struct cmd_option *table;
	struct cmd_optval *opts;	/* one per table entry */
	const char **operands;
	size_t noperands;
};

/* Parse argv (argv[0] is the command) against c's option table into a;
 * EXIT_DONE, or a usage error printed (EXIT_USAGE) or out of memory
 * printed (EXIT_SYSTEM).  Release a in every case. */
int cmdline_parse(struct cmd_args *a, const struct cmd_entry *c, int argc,
		  char **argv);
/* Free what cmdline_parse allocated. */
void cmdline_args_release(struct cmd_args *a);

/* The values of option name (which must be in the table). */
const struct cmd_optval *cmdline_arg(const struct cmd_args *a, const char *name);
/* The value of an option given at most once, or NULL when not given. */
const char *cmdline_arg_text(const struct cmd_args *a, const char *name);
/* Whether a flag or option was given. */
bool cmdline_arg_given(const struct cmd_args *a, const char *name);

/* Print "usage: examgen USAGE" and the help of c, options from its table. */
void cmdline_print_help(FILE *fp, const struct cmd_entry *c);
/* Print one error of class cls (diag.h) with no file, "examgen: error:
 * MESSAGE", through a list of its own: the errors before or instead of a
 * command's run.  Returns the list's exit code. */
int cmdline_error(enum diag_class cls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print a usage error, "examgen: error: MESSAGE", and c's usage line to
 * stderr; returns EXIT_USAGE. */
int cmdline_usage_error(const struct cmd_entry *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
