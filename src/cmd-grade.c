/* cmd-grade.c - `examgen grade`: load the keys, read and grade every sheet,
 * print the problems found, and write the CSV / JSON / Excel results.  The
 * gradebook (grade.h) does the work; this layer parses options, prints,
 * and chooses the exit code. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fileio.h"
#include "grade.h"
#include "report.h"

/* The command line of one run. */
struct grade_opts {
	const char **keys;
	size_t nkeys;
	const char **sheets;
	size_t nsheets;
	const char *xlsx, *csv, *json, *lang;
	bool force;
};

/* Parse the options; EXIT_DONE or a usage error (already printed). */
static int parse_opts(int argc, char **argv, struct grade_opts *o)
{
	bool dashdash = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = NULL, *val = NULL;
		const char **slot = NULL;
		size_t n;

		if (dashdash || a[0] != '-' || !strcmp(a, "-")) {
			o->sheets[o->nsheets++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = true;
			continue;
		}
		if (!strcmp(a, "--force")) {
			o->force = true;
			continue;
		}
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a) : strlen(a);
		if (n == 5 && !strncmp(a, "--key", n))
			slot = &o->keys[o->nkeys];
		else if (n == 6 && !strncmp(a, "--xlsx", n))
			slot = &o->xlsx;
		else if (n == 5 && !strncmp(a, "--csv", n))
			slot = &o->csv;
		else if (n == 6 && !strncmp(a, "--json", n))
			slot = &o->json;
		else if (n == 6 && !strncmp(a, "--lang", n))
			slot = &o->lang;
		else
			return cmd_usage_error(&cmd_grade_entry,
					       "unknown option '%s'", a);
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		if (!val || !*val)
			return cmd_usage_error(&cmd_grade_entry, "option "
					       "'%.*s' needs a value", (int)n,
					       a);
		if (slot != &o->keys[o->nkeys] && *slot)
			return cmd_usage_error(&cmd_grade_entry, "option "
					       "'%.*s' is given twice", (int)n,
					       a);
		if (slot == &o->keys[o->nkeys])
			o->nkeys++;
		*slot = val;
	}
	return EXIT_DONE;
}

/* Check the options make sense together; EXIT_DONE or a usage error. */
static int check_opts(const struct grade_opts *o)
{
	size_t stdin_sheets = 0;

	if (!o->nkeys)
		return cmd_usage_error(&cmd_grade_entry, "no '--key' given");
	if (!o->nsheets)
		return cmd_usage_error(&cmd_grade_entry, "no answer sheets "
				       "given");
	if (o->lang && strcmp(o->lang, "zh") && strcmp(o->lang, "en"))
		return cmd_usage_error(&cmd_grade_entry, "'--lang' must be zh "
				       "or en, not '%s'", o->lang);
	if (o->xlsx && !strcmp(o->xlsx, "-"))
		return cmd_usage_error(&cmd_grade_entry, "'--xlsx' needs a "
				       "file name, not '-'");
	if (o->csv && o->json && !strcmp(o->csv, "-") &&
	    !strcmp(o->json, "-"))
		return cmd_usage_error(&cmd_grade_entry, "'--csv' and '--json' "
				       "cannot both write to standard output");
	for (size_t i = 0; i < o->nsheets; i++)
		stdin_sheets += !strcmp(o->sheets[i], "-");
	if (stdin_sheets > 1)
		return cmd_usage_error(&cmd_grade_entry, "standard input "
				       "('-') can be read only once");
	return EXIT_DONE;
}

/* Refuse up front: inputs that do not exist, outputs that would be
 * overwritten.  EXIT_DONE or EXIT_USAGE (printed). */
static int check_files(const struct grade_opts *o)
{
	const char *outs[] = { o->xlsx, o->csv, o->json };
	int rc = EXIT_DONE;

	for (size_t i = 0; i < o->nkeys; i++)
		if (!fileio_exists(o->keys[i])) {
			fprintf(stderr, "examgen: error: cannot open key "
				"'%s': no such file or folder\n", o->keys[i]);
			rc = EXIT_USAGE;
		}
	for (size_t i = 0; i < o->nsheets; i++)
		if (strcmp(o->sheets[i], "-") &&
		    !fileio_exists(o->sheets[i])) {
			fprintf(stderr, "examgen: error: cannot open sheet "
				"'%s': no such file\n", o->sheets[i]);
			rc = EXIT_USAGE;
		}
	for (size_t i = 0; i < 3; i++)
		if (outs[i] && strcmp(outs[i], "-") && !o->force &&
		    fileio_exists(outs[i])) {
			fprintf(stderr, "examgen: error: '%s' already exists "
				"(use --force to replace it); nothing "
				"written\n", outs[i]);
			rc = EXIT_USAGE;
		}
	return rc;
}

/* Progress on a terminal. */
static void show_progress(size_t n, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "\rgraded %zu sheets...", n);
}

/* Print every problem found in the sheets. */
static void print_problems(const struct gradebook *gb)
{
	for (size_t i = 0; i < gb->nproblems; i++) {
		const struct problem *p = &gb->problems[i];

		if (p->line)
			fprintf(stderr, "%s:%u:%u: error: ", p->file, p->line,
				p->col ? p->col : 1);
		else
			fprintf(stderr, "%s: error: ", p->file);
		if (p->candidate && *p->candidate)
			fprintf(stderr, "%s (candidate '%s')\n", p->msg,
				p->candidate);
		else
			fprintf(stderr, "%s\n", p->msg);
	}
}

/* Write one text output (CSV or JSON) atomically, or to stdout for "-". */
static int write_output(const char *path, bool force,
			int (*writer)(FILE *, const struct gradebook *),
			const struct gradebook *gb)
{
	struct outfile out;
	enum fileio_err fe = outfile_open(&out, path, force);

	if (fe == FILEIO_OK && writer(out.fp, gb)) {
		outfile_abort(&out);
		fe = FILEIO_EIO;
	} else if (fe == FILEIO_OK) {
		fe = outfile_commit(&out);
	}
	if (fe == FILEIO_OK)
		return EXIT_DONE;
	fprintf(stderr, "examgen: error: cannot write '%s': %s\n", path,
		fe == FILEIO_EIO && errno ? diag_errno(errno)
					  : fileio_strerror(fe));
	return fe == FILEIO_EXISTS ? EXIT_USAGE : EXIT_SYSTEM;
}

/* Write every output asked for; the CSV summary on stdout by default. */
static int write_outputs(const struct grade_opts *o,
			 const struct gradebook *gb)
{
	const char *lang = o->lang ? o->lang : gb->keys[0]->language;
	const char *csv = o->csv;
	struct diags d;
	enum report_err re;
	int rc;

	if (!csv && !o->json && !o->xlsx)
		csv = "-";
	if (csv && (rc = write_output(csv, o->force, grade_write_csv, gb)))
		return rc;
	if (o->json &&
	    (rc = write_output(o->json, o->force, grade_write_json, gb)))
		return rc;
	if (!o->xlsx)
		return EXIT_DONE;
	diags_init(&d);
	re = report_write_xlsx(o->xlsx, gb, lang, o->force, &d);
	diags_print(&d, stderr);
	diags_release(&d);
	if (re == REPORT_OK)
		return EXIT_DONE;
	fprintf(stderr, "examgen: error: cannot write '%s': %s\n", o->xlsx,
		report_strerror(re));
	return re == REPORT_EXISTS ? EXIT_USAGE : EXIT_SYSTEM;
}

/* Load the keys and grade every sheet; EXIT_DONE or an exit code. */
static int grade_all(const struct grade_opts *o, struct gradebook *gb)
{
	struct diags d;
	int rc = EXIT_DONE;

	diags_init(&d);
	for (size_t i = 0; i < o->nkeys; i++)
		if (gradebook_add_keys(gb, o->keys[i], &d))
			rc = gb->syserr ? EXIT_SYSTEM : EXIT_USAGE;
	if (rc == EXIT_DONE && isatty(2))
		gb->progress = show_progress;
	for (size_t i = 0; rc == EXIT_DONE && i < o->nsheets; i++)
		if (gradebook_read(gb, o->sheets[i], &d))
			rc = gb->syserr ? EXIT_SYSTEM : EXIT_USAGE;
	if (gb->progress && gb->sheets_read >= GRADE_PROGRESS_EVERY)
		fputc('\n', stderr);
	diags_sort(&d);
	diags_print(&d, stderr);
	diags_release(&d);
	return rc;
}

/* Run `examgen grade`. */
static int cmd_grade_exec(int argc, char **argv)
{
	struct grade_opts o;
	struct gradebook gb;
	const char **list = calloc(2 * (size_t)argc + 1, sizeof(*list));
	size_t flagged = 0;
	int rc;

	gradebook_init(&gb);
	if (!list) {
		fputs("examgen: error: out of memory\n", stderr);
		return EXIT_SYSTEM;
	}
	memset(&o, 0, sizeof(o));
	o.keys = list;
	o.sheets = list + argc;
	if ((rc = parse_opts(argc, argv, &o)) || (rc = check_opts(&o)) ||
	    (rc = check_files(&o)))
		goto out;
	if ((rc = grade_all(&o, &gb)))
		goto out;
	print_problems(&gb);
	if ((rc = write_outputs(&o, &gb)))
		goto out;
	for (size_t i = 0; i < gb.ncands; i++)
		flagged += gb.cands[i].flagged;
	fprintf(stderr, "graded %zu sheets: %zu clean, %zu flagged\n",
		gb.sheets_read, gb.sheets_read - flagged, flagged);
	rc = gb.nproblems ? EXIT_PROBLEMS : EXIT_DONE;
out:
	gradebook_release(&gb);
	free(list);
	return rc;
}

const struct cmd_entry cmd_grade_entry = {
	.name = "grade",
	.usage = "grade --key PATH... [--xlsx FILE] [--csv FILE|-] "
		 "[--json FILE|-] [--lang zh|en] [--force] SHEET...",
	.help =
	"Score filled-in answer sheets against the answer keys of a paper.\n"
	"\n"
	"  --key PATH      a key file (CODE-F.key.yaml) or a build output\n"
	"                  folder (all its *.key.yaml); repeat for more\n"
	"  --csv FILE|-    write the summary as CSV ('-': standard output)\n"
	"  --json FILE|-   write every candidate, answer and problem as JSON\n"
	"  --xlsx FILE     write the Excel report (Summary, Answers, Items,\n"
	"                  Statistics, Problems)\n"
	"  --lang zh|en    language of the report labels (default: the key's)\n"
	"  --force         overwrite existing output files\n"
	"\n"
	"A SHEET is a YAML sheet (one candidate) or a CSV file with the\n"
	"header candidate_id,name,form,1,2,...,N (essay criterion columns\n"
	"N.1, N.2, ... allowed; a 'paper' column when keys of several papers\n"
	"are loaded).  '-' reads CSV from standard input.  UTF-8 (with or\n"
	"without BOM) and GB18030/GBK files are read.\n"
	"\n"
	"Without --csv, --json or --xlsx the CSV summary goes to standard\n"
	"output: candidate_id, name, form, one column per section, total,\n"
	"percent, result (pass/fail).  Unreadable answers, missing marker\n"
	"scores, unknown forms, ragged rows and duplicate ids are flagged on\n"
	"standard error as FILE:LINE:COL: error: ..., scored 0, and listed in\n"
	"the JSON and Excel outputs; no sheet row is ever dropped.\n"
	"\n"
	"Exit: 0 all sheets clean; 1 graded, but something was flagged;\n"
	"2 usage error, missing or invalid key, missing sheet, or an output\n"
	"exists; 3 system error.\n",
	.exec = cmd_grade_exec,
};
