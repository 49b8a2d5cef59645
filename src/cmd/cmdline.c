/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmdline.c - parse every command's argv against its option table, and
 * print the option list of its help from the same table. */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmdline.h"
#include "yaml/yvalue.h"

#define CMD_MAX_OPTIONS 32	/* options of one command */
#define HELP_WIDTH 72		/* help lines wrap before this column */

/* Print one error through a list of its own (vprintf-style). */
__attribute__((format(printf, 2, 0)))
static int print_error(enum diag_class cls, const char *fmt, va_list ap)
{
	struct diags d = DIAGS_INIT;
	int rc;

	diags_vfail(&d, cls, NULL, 0, 0, fmt, ap);
	diags_print(&d, stderr);
	rc = diags_exit(&d);
	diags_release(&d);
	return rc;
}

/* Print one error of class cls with no file; its exit code. */
int cmdline_error(enum diag_class cls, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = print_error(cls, fmt, ap);
	va_end(ap);
	return rc;
}

/* Print a usage error and c's usage line; EXIT_USAGE. */
int cmdline_usage_error(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = print_error(DIAG_REFUSED, fmt, ap);
	va_end(ap);
	fprintf(stderr, "usage: examgen %s\n", c->usage);
	return rc;
}

/* Number of entries in an option table. */
static size_t count_options(const struct cmd_option *t)
{
	size_t n = 0;

	while (t && t[n].name)
		n++;
	assert(n <= CMD_MAX_OPTIONS);
	return n;
}

/* The table entry named by the first len bytes of name, or NULL. */
static const struct cmd_option *find_option(const struct cmd_option *t,
					    const char *name, size_t len)
{
	for (size_t i = 0; t && t[i].name; i++)
		if (strlen(t[i].name) == len && !strncmp(t[i].name, name, len))
			return &t[i];
	return NULL;
}

/* Report an unknown option (the part of arg before any '='), with the
 * nearest option name when one is close. */
static int unknown_option(const struct cmd_entry *c, const char *arg)
{
	const char *names[CMD_MAX_OPTIONS + 1], *hint;
	const char *word = arg + strspn(arg, "-");
	size_t n = count_options(c->options);
	char bare[64];
	int len = (int)strcspn(arg, "=");

	for (size_t i = 0; i < n; i++)
		names[i] = c->options[i].name;
	names[n] = NULL;
	snprintf(bare, sizeof(bare), "%.*s", (int)strcspn(word, "="), word);
	hint = yvalue_suggest(bare, names);
	if (hint)
		return cmdline_usage_error(c, "unknown option '%.*s'; did you mean "
					   "'--%s'?", len, arg, hint);
	return cmdline_usage_error(c, "unknown option '%.*s'", len, arg);
}

/* Parse a decimal whole number with nothing around it. */
static int parse_uint(const char *s, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/* Write "a, b or c" for a choice list into buf. */
static void choice_list(char *buf, size_t size, const char *const *choices)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; choices[i] && used < size; i++) {
		const char *sep = i == 0 ? "" : choices[i + 1] ? ", " : " or ";
		int n = snprintf(buf + used, size - used, "%s%s", sep,
				 choices[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* Check val against o's type, storing a number; EXIT_DONE or a usage
 * error. */
static int check_value(const struct cmd_entry *c, const struct cmd_option *o,
		       const char *val, struct cmd_optval *ov)
{
	char list[256];

	switch (o->type) {
	case OPT_UINT:
		if (parse_uint(val, &ov->num) < 0 || ov->num < o->min ||
		    ov->num > o->max)
			return cmdline_usage_error(c, "option '--%s' must be a "
						   "whole number from %llu to %llu,"
						   " not '%s'", o->name, o->min,
						   o->max, val);
		break;
	case OPT_CHOICE:
		for (size_t i = 0; o->choices[i]; i++)
			if (!strcmp(o->choices[i], val))
				return EXIT_DONE;
		choice_list(list, sizeof(list), o->choices);
		return cmdline_usage_error(c, "option '--%s' must be %s, not '%s'",
					   o->name, list, val);
	case OPT_FLAG:
	case OPT_TEXT:
		break;
	}
	return EXIT_DONE;
}

/* Whether arg is an option rather than a value ("--x" or "--"). */
static bool looks_like_option(const char *arg)
{
	return arg[0] == '-' && arg[1] == '-';
}

/* Read the option at argv[*i] (and its value) into a. */
static int parse_option(struct cmd_args *a, const struct cmd_entry *c,
			int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *name = arg + 2, *val;
	size_t len = strcspn(name, "=");
	const struct cmd_option *o = NULL;
	struct cmd_optval *ov;

	if (looks_like_option(arg))
		o = find_option(c->options, name, len);
	if (!o)
		return unknown_option(c, arg);
	ov = &a->opts[o - c->options];
	assert(ov->v);	/* cmdline_parse gave each option room for argc values */
	if (o->type == OPT_FLAG) {
		if (name[len] == '=')
			return cmdline_usage_error(c, "option '--%s' takes no "
						   "value", o->name);
		if (ov->n == 0)
			ov->v[ov->n++] = arg;
		return EXIT_DONE;
	}
	if (name[len] == '=')
		val = name + len + 1;
	else if (*i + 1 < argc && !looks_like_option(argv[*i + 1]))
		val = argv[++*i];
	else
		val = NULL;
	if (!val || !*val)
		return cmdline_usage_error(c, "option '--%s' needs a value",
					   o->name);
	if (ov->n && !o->repeat)
		return cmdline_usage_error(c, "option '--%s' is given twice",
					   o->name);
	ov->v[ov->n++] = val;
	return check_value(c, o, val, ov);
}

/* Parse argv against c's options into a. */
int cmdline_parse(struct cmd_args *a, const struct cmd_entry *c, int argc,
		  char **argv)
{
	size_t nopts = count_options(c->options), slots = (size_t)argc;
	const char **vals;
	bool dashdash = false;
	int rc;

	memset(a, 0, sizeof(*a));
	a->table = c->options;
	a->opts = calloc(1, nopts * sizeof(*a->opts) +
			 (nopts + 1) * slots * sizeof(*vals));
	if (!a->opts)
		return cmdline_error(DIAG_SYSTEM, "out of memory");
	vals = (const char **)(void *)(a->opts + nopts);
	for (size_t k = 0; k < nopts; k++)
		a->opts[k].v = vals + k * slots;
	a->operands = vals + nopts * slots;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (dashdash || arg[0] != '-' || arg[1] == '\0') {
			a->operands[a->noperands++] = arg;
		} else if (!strcmp(arg, "--")) {
			dashdash = true;
		} else if ((rc = parse_option(a, c, argc, argv, &i))) {
			return rc;
		}
	}
	return EXIT_DONE;
}

/* Free what cmdline_parse allocated. */
void cmdline_args_release(struct cmd_args *a)
{
	free(a->opts);
	memset(a, 0, sizeof(*a));
}

/* The values of option name. */
const struct cmd_optval *cmdline_arg(const struct cmd_args *a, const char *name)
{
	const struct cmd_option *o = find_option(a->table, name, strlen(name));

	assert(o);	/* a command asks only for options in its table */
	return &a->opts[o - a->table];
}

/* The value of a once-only option, or NULL. */
const char *cmdline_arg_text(const struct cmd_args *a, const char *name)
{
	const struct cmd_optval *ov = cmdline_arg(a, name);

	return ov->n ? ov->v[ov->n - 1] : NULL;
}

/* Whether an option was given. */
bool cmdline_arg_given(const struct cmd_args *a, const char *name)
{
	return cmdline_arg(a, name)->n > 0;
}

/* Print one help item: label at column 2, text from column col, wrapped
 * at word boundaries before HELP_WIDTH. */
static void print_item(FILE *fp, const char *label, const char *arg,
		       const char *text, size_t col)
{
	size_t at = (size_t)fprintf(fp, "  %s%s%s", label, arg ? " " : "",
				   arg ? arg : "");

	while (*text) {
		size_t word = strcspn(text, " ");

		if (at >= col && at + 1 + word > HELP_WIDTH) {
			fputc('\n', fp);
			at = 0;
		}
		if (at < col) {
			fprintf(fp, "%*s", (int)(col - at), "");
			at = col;
		} else {
			fputc(' ', fp);
			at++;
		}
		fwrite(text, 1, word, fp);
		at += word;
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', fp);
}

/* Width of an option's label ("--name ARG"). */
static size_t option_width(const struct cmd_option *o)
{
	return 2 + strlen(o->name) + (o->arg ? 1 + strlen(o->arg) : 0);
}

/* Print c's usage line, help text and option list. */
void cmdline_print_help(FILE *fp, const struct cmd_entry *c)
{
	const struct cmd_option *o = c->options;
	const struct cmd_operand *op = c->operands;
	size_t width = 0;
	char label[64];

	fprintf(fp, "usage: examgen %s\n\n%s", c->usage, c->help);
	for (size_t i = 0; o && o[i].name; i++)
		if (option_width(&o[i]) > width)
			width = option_width(&o[i]);
	for (size_t i = 0; op && op[i].name; i++)
		if (strlen(op[i].name) > width)
			width = strlen(op[i].name);
	if (width)
		fputc('\n', fp);
	for (size_t i = 0; o && o[i].name; i++) {
		snprintf(label, sizeof(label), "--%s", o[i].name);
		print_item(fp, label, o[i].arg, o[i].help, 2 + width + 3);
	}
	for (size_t i = 0; op && op[i].name; i++)
		print_item(fp, op[i].name, NULL, op[i].help, 2 + width + 3);
	if (c->help_tail)
		fprintf(fp, "\n%s", c->help_tail);
}
