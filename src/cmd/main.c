/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - examgen entry point: parse the command line against the
 * command's option table and run the command. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "base/version.h"
#include "cmd/cmd.h"

/* Parse argv against c's options and run c. */
static int run(const struct cmd_entry *c, int argc, char **argv)
{
	struct cmd_args a;
	int rc = cmdline_parse(&a, c, argc, argv);

	if (rc == EXIT_DONE)
		rc = c->exec(&a);
	cmdline_args_release(&a);
	return rc;
}

/* Run the command named in argv[1]. */
int main(int argc, char **argv)
{
	const struct cmd_entry *c;

	setlocale(LC_CTYPE, "C.UTF-8");
	if (argc < 2) {
		/* a usage error, whose help is the list of commands */
		int rc = cmdline_error(DIAG_REFUSED, "no command given");

		run(&cmd_help_entry, 1, (char *[]){ "help", NULL });
		return rc;
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("examgen %s\n", EXAMGEN_VERSION);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return run(&cmd_help_entry, 1, (char *[]){ "help", NULL });
	c = cmd_find(argv[1]);
	if (!c) {
		cmd_unknown(argv[1]);
		fputs("run 'examgen help' for the list\n", stderr);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			cmdline_print_help(stdout, c);
			return EXIT_DONE;
		}
	}
	return run(c, argc - 1, argv + 1);
}
