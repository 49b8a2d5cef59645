/* main.c - examgen entry point: dispatch to the command table. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_validate_entry,
	&cmd_build_entry,
	&cmd_grade_entry,
	&cmd_help_entry,
	NULL,
};

/* Print a usage error for a command and return EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list ap;

	fputs("examgen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: examgen %s\n", c->usage);
	return EXIT_USAGE;
}

/* Find a command by name. */
static const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* Run the command named in argv[1]. */
int main(int argc, char **argv)
{
	const struct cmd_entry *c;

	setlocale(LC_CTYPE, "C.UTF-8");
	if (argc < 2) {
		fputs("examgen: error: no command given\n", stderr);
		return cmd_help_entry.exec(1, (char *[]){ "help", NULL });
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("examgen %s\n", EXAMGEN_VERSION);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help_entry.exec(1, (char *[]){ "help", NULL });
	c = cmd_find(argv[1]);
	if (!c) {
		fprintf(stderr, "examgen: error: unknown command '%s'\n"
				"run 'examgen help' for the list\n", argv[1]);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: examgen %s\n\n%s", c->usage, c->help);
			return EXIT_DONE;
		}
	}
	return c->exec(argc - 1, argv + 1);
}
