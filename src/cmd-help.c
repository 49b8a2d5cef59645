/* cmd-help.c - `examgen help [COMMAND]`. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Print the overview, or one command's help. */
static int cmd_help_exec(int argc, char **argv)
{
	if (argc > 2)
		return cmd_usage_error(&cmd_help_entry, "too many arguments");
	if (argc == 2) {
		for (size_t i = 0; cmd_table[i]; i++) {
			const struct cmd_entry *c = cmd_table[i];

			if (strcmp(c->name, argv[1]) == 0) {
				printf("usage: examgen %s\n\n%s", c->usage,
				       c->help);
				return EXIT_DONE;
			}
		}
		fprintf(stderr, "examgen: error: unknown command '%s'\n",
			argv[1]);
		return EXIT_USAGE;
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
