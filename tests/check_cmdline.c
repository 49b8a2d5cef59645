/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_cmdline.c - the shared option parser: values, operands, the
 * messages of every usage error, the help layout, and the consistency of
 * every command's option table. */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/cmdline.h"

static const char *const colours[] = { "red", "green", "blue", NULL };

/* A command with one option of each kind. */
static const struct cmd_entry test_entry = {
	.name = "try",
	.usage = "try [--bank PATH]... [--seed N] [--colour C] [--out DIR] "
		 "[--force] FILE...",
	.help = "Try the parser.\n",
	.options = (const struct cmd_option[]){
		{ .name = "bank", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true, .help = "a bank; may be repeated" },
		{ .name = "seed", .arg = "N", .type = OPT_UINT, .min = 1,
		  .max = 99, .help = "a number" },
		{ .name = "colour", .arg = "C", .type = OPT_CHOICE,
		  .choices = colours, .help = "one of three colours" },
		{ .name = "out", .arg = "DIR", .type = OPT_TEXT,
		  .help = "a folder with a rather long description that "
			  "must wrap onto a second and even a third line of "
			  "the help output when printed" },
		{ .name = "force", .type = OPT_FLAG, .help = "replace" },
		{ 0 },
	},
	.operands = (const struct cmd_operand[]){
		{ "FILE", "a file" },
		{ 0 },
	},
	.help_tail = "The end.\n",
};

/* Parse a NULL-terminated argument list (after the command name) into
 * a; returns the exit code and, in msg, what went to stderr. */
static int vparse(struct cmd_args *a, char *msg, size_t size, va_list ap)
{
	char *argv[32] = { "try" };
	int argc = 1, saved, rc;
	FILE *tmp = tmpfile();
	size_t n;

	ck_assert_ptr_nonnull(tmp);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	rc = cmdline_parse(a, &test_entry, argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(msg, 1, size - 1, tmp);
	msg[n] = '\0';
	fclose(tmp);
	return rc;
}

/* vparse with the arguments given here. */
static int parse(struct cmd_args *a, char *msg, size_t size, ...)
{
	va_list ap;
	int rc;

	va_start(ap, size);
	rc = vparse(a, msg, size, ap);
	va_end(ap);
	return rc;
}

/* Expect a usage error whose first line is want. */
static void expect_error(const char *want, ...)
{
	char msg[1024], line[512];
	struct cmd_args a;
	va_list ap;
	int rc;

	va_start(ap, want);
	rc = vparse(&a, msg, sizeof(msg), ap);
	va_end(ap);
	cmdline_args_release(&a);
	ck_assert_int_eq(rc, EXIT_USAGE);
	snprintf(line, sizeof(line), "examgen: error: %s\nusage: examgen %s\n",
		 want, test_entry.usage);
	ck_assert_str_eq(msg, line);
}

START_TEST(test_values)
{
	struct cmd_args a;
	char msg[256];
	const struct cmd_optval *banks;

	ck_assert_int_eq(parse(&a, msg, sizeof(msg), "--bank", "b1", "f1",
			       "--bank=b2", "--seed", "42", "--colour=green",
			       "-", "--force", "--force", "--out", "-",
			       NULL), EXIT_DONE);
	ck_assert_str_eq(msg, "");
	banks = cmdline_arg(&a, "bank");
	ck_assert_uint_eq(banks->n, 2);
	ck_assert_str_eq(banks->v[0], "b1");
	ck_assert_str_eq(banks->v[1], "b2");
	ck_assert_uint_eq(cmdline_arg(&a, "seed")->num, 42);
	ck_assert_str_eq(cmdline_arg_text(&a, "seed"), "42");
	ck_assert_str_eq(cmdline_arg_text(&a, "colour"), "green");
	ck_assert_str_eq(cmdline_arg_text(&a, "out"), "-");
	ck_assert(cmdline_arg_given(&a, "force"));
	ck_assert_uint_eq(a.noperands, 2);
	ck_assert_str_eq(a.operands[0], "f1");
	ck_assert_str_eq(a.operands[1], "-");
	cmdline_args_release(&a);
}
END_TEST

START_TEST(test_absent_and_dashdash)
{
	struct cmd_args a;
	char msg[256];

	ck_assert_int_eq(parse(&a, msg, sizeof(msg), "x", "--", "--seed",
			       "-y", NULL), EXIT_DONE);
	ck_assert(!cmdline_arg_given(&a, "seed"));
	ck_assert(!cmdline_arg_given(&a, "force"));
	ck_assert_ptr_null(cmdline_arg_text(&a, "out"));
	ck_assert_uint_eq(cmdline_arg(&a, "bank")->n, 0);
	ck_assert_uint_eq(a.noperands, 3);
	ck_assert_str_eq(a.operands[1], "--seed");
	ck_assert_str_eq(a.operands[2], "-y");
	cmdline_args_release(&a);
}
END_TEST

START_TEST(test_missing_value)
{
	expect_error("option '--bank' needs a value", "--bank", NULL);
	expect_error("option '--bank' needs a value", "--bank=", NULL);
	expect_error("option '--out' needs a value", "--out", "--force",
		     NULL);
	expect_error("option '--out' needs a value", "--out", "--", "x",
		     NULL);
	expect_error("option '--seed' needs a value", "f", "--seed", NULL);
}
END_TEST

START_TEST(test_repeat)
{
	expect_error("option '--seed' is given twice", "--seed", "1",
		     "--seed=2", NULL);
	expect_error("option '--out' is given twice", "--out", "a", "--out",
		     "a", NULL);
	expect_error("option '--colour' is given twice", "--colour", "red",
		     "--colour", "blue", NULL);
}
END_TEST

START_TEST(test_unknown)
{
	expect_error("unknown option '--sed'; did you mean '--seed'?",
		     "--sed", "1", NULL);
	expect_error("unknown option '--sede'; did you mean '--seed'?",
		     "--sede=1", NULL);
	expect_error("unknown option '-seed'; did you mean '--seed'?",
		     "-seed", NULL);
	expect_error("unknown option '--color'; did you mean '--colour'?",
		     "--color", "red", NULL);
	expect_error("unknown option '--frobnicate'", "--frobnicate", NULL);
	expect_error("unknown option '-x'", "-x", NULL);
}
END_TEST

START_TEST(test_bad_values)
{
	expect_error("option '--seed' must be a whole number from 1 to 99, "
		     "not '0'", "--seed", "0", NULL);
	expect_error("option '--seed' must be a whole number from 1 to 99, "
		     "not '100'", "--seed=100", NULL);
	expect_error("option '--seed' must be a whole number from 1 to 99, "
		     "not '-5'", "--seed", "-5", NULL);
	expect_error("option '--seed' must be a whole number from 1 to 99, "
		     "not ' 5'", "--seed", " 5", NULL);
	expect_error("option '--seed' must be a whole number from 1 to 99, "
		     "not '99999999999999999999999'", "--seed",
		     "99999999999999999999999", NULL);
	expect_error("option '--colour' must be red, green or blue, not "
		     "'RED'", "--colour", "RED", NULL);
	expect_error("option '--force' takes no value", "--force=yes", NULL);
}
END_TEST

START_TEST(test_help_layout)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);
	const char *line;

	ck_assert_ptr_nonnull(fp);
	cmdline_print_help(fp, &test_entry);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "usage: examgen try [--bank PATH]"));
	ck_assert_ptr_nonnull(strstr(buf, "\n\nTry the parser.\n\n"
				     "  --bank PATH   a bank; may be "
				     "repeated\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  --colour C    one of three "
				     "colours\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  --force       replace\n"
				     "  FILE          a file\n\nThe end.\n"));
	/* the long description wraps at a word, under the column */
	ck_assert_ptr_nonnull(strstr(buf, "  --out DIR     a folder with a "
				     "rather long description that must wrap\n"
				     "                onto a second and even a "
				     "third line of the help output\n"
				     "                when printed\n"));
	for (line = strchr(buf, '\n') + 1; *line; line = strchr(line, '\n') + 1)
		ck_assert_uint_le(strcspn(line, "\n"), 72);
	free(buf);
}
END_TEST

/* Every command's table is complete and agrees with its usage line. */
START_TEST(test_command_tables)
{
	for (size_t i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *c = cmd_table[i];
		const struct cmd_option *o = c->options;

		ck_assert_ptr_eq(cmd_find(c->name), c);
		ck_assert_ptr_nonnull(c->help);
		for (size_t k = 0; o && o[k].name; k++) {
			char opt[64];

			snprintf(opt, sizeof(opt), "--%s", o[k].name);
			ck_assert_msg(strstr(c->usage, opt), "%s: %s not in "
				      "usage", c->name, opt);
			ck_assert_str_ne(o[k].name, "help");
			ck_assert_ptr_nonnull(o[k].help);
			ck_assert_int_eq(o[k].arg == NULL,
					 o[k].type == OPT_FLAG);
			ck_assert(o[k].type != OPT_FLAG || !o[k].repeat);
			ck_assert(o[k].min <= o[k].max);
			ck_assert_int_eq(o[k].choices != NULL,
					 o[k].type == OPT_CHOICE);
			for (size_t j = 0; j < k; j++)
				ck_assert_str_ne(o[j].name, o[k].name);
		}
	}
	ck_assert_ptr_null(cmd_find("nosuchcommand"));
}
END_TEST

/* The suite. */
static Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_absent_and_dashdash);
	tcase_add_test(tc, test_missing_value);
	tcase_add_test(tc, test_repeat);
	tcase_add_test(tc, test_unknown);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_help_layout);
	tcase_add_test(tc, test_command_tables);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(cmdline_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
