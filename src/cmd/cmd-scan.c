/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-scan.c - `examgen scan`: read scanned answer sheets (PNG, JPEG, TIFF,
 * PDF) against their keys and write the responses CSV that `grade` reads,
 * with every doubtful mark written '?' and, with --review, a crop of each
 * and a review list.  scan-read.h does the reading; this layer checks the
 * command line, drives the pages, prints and chooses the exit code. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "cmd/cmd.h"
#include "scan/scan-image.h"
#include "scan/scan-read.h"
#include "scan/scan-review.h"

/* The command line of one run. */
struct scan_opts {
	const char *const *keys;
	size_t nkeys;
	const char *const *scans;
	size_t nscans;
	const char *out, *review, *answers;
	bool force;
};

/* Check the options make sense together; EXIT_DONE or a usage error. */
static int check_opts(const struct scan_opts *o)
{
	if (!o->nkeys)
		return cmdline_usage_error(&cmd_scan_entry, "no '--key' given");
	if (!o->nscans)
		return cmdline_usage_error(&cmd_scan_entry, "no scans given");
	return EXIT_DONE;
}

/* Refuse up front, into d: missing inputs, outputs that would be
 * overwritten. */
static void check_files(const struct scan_opts *o, struct diags *d)
{
	for (size_t i = 0; i < o->nkeys; i++)
		if (!fileio_exists(o->keys[i]))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "cannot open key "
				   "'%s': no such file or folder", o->keys[i]);
	for (size_t i = 0; i < o->nscans; i++)
		if (!fileio_exists(o->scans[i]))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "cannot open "
				   "scan '%s': no such file", o->scans[i]);
	if (o->out && strcmp(o->out, "-") && !o->force &&
	    fileio_exists(o->out))
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' exists; use "
			   "--force to replace it", o->out);
	for (int i = 0; o->review && i < 2; i++) {
		char *out = fileio_join(o->review, i ? "review.xlsx" :
						       "review.csv");

		if (!out)
			diags_oom(d);
		else if (o->out && fileio_same(o->out, out))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'--out %s' is "
				   "the review folder's own '%s'", o->out,
				   out);
		else if (!o->force && fileio_exists(out))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' exists; "
				   "use --force to replace it", out);
		free(out);
	}
	if (o->answers) {
		char *out = fileio_join(o->answers, "answers.csv");

		if (out && !o->force && fileio_exists(out))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' exists; "
				   "use --force to replace it", out);
		free(out);
	}
}

/* Show progress on a terminal. */
static void progress(size_t pages, const char *file)
{
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\rscan: %zu pages read (%s)\033[K", pages,
			file);
}

/* Read every page of every scan, the failures in r->d (a page refused:
 * bilevel or low resolution, is a refusal); -1 when the run stops. */
static int read_scans(struct scan_run *r, const struct scan_opts *o)
{
	for (size_t i = 0; i < o->nscans; i++) {
		struct scan_source src;
		enum scan_next n;
		unsigned page;
		PIX *g;

		if (scan_source_open(&src, o->scans[i], r->d) < 0) {
			scan_source_close(&src);
			if (diags_out_of_memory(r->d) ||
			    scan_run_unread(r, o->scans[i], 0, "the file "
					    "cannot be read") < 0)
				return -1;
			continue;
		}
		while ((n = scan_source_next(&src, &g, &page, r->d)) !=
		       SN_END) {
			if (n == SN_REFUSED)
				diags_raise(r->d, DIAG_REFUSED);
			if (n != SN_PAGE &&
			    (diags_out_of_memory(r->d) ||
			     scan_run_unread(r, o->scans[i], page,
					     n == SN_REFUSED ? "refused (see "
					     "the message of scan)" :
					     "the page cannot be decoded") < 0)) {
				scan_source_close(&src);
				return -1;
			}
			if (n != SN_PAGE)
				continue;
			if (scan_run_page(r, g, o->scans[i], page) < 0) {
				pixDestroy(&g);
				scan_source_close(&src);
				diags_raise(r->d, DIAG_SYSTEM);
				return -1;
			}
			pixDestroy(&g);
			progress(r->pages, o->scans[i]);
		}
		scan_source_close(&src);
	}
	if (isatty(STDERR_FILENO) && r->pages)
		fputs("\r\033[K", stderr);
	return 0;
}

/* Stage one output with writer (xlsx: the review workbook) into batch;
 * 0, or -1 with the failure in d. */
static int stage_one(struct outbatch *batch, const char *path, bool force,
		     const struct scan_run *r,
		     int (*writer)(const struct scan_run *, FILE *),
		     bool xlsx, struct diags *d)
{
	struct outfile of;
	enum fileio_err fe = outfile_open(&of, path, force);

	if (fe == FILEIO_OK &&
	    (xlsx ? scan_review_write_xlsx(r, &of) : writer(r, of.fp)) < 0) {
		outfile_abort(&of);
		fe = errno == ENOMEM ? FILEIO_ENOMEM : FILEIO_EIO;
	} else if (fe == FILEIO_OK) {
		fe = outbatch_add(batch, &of);
	}
	if (fe == FILEIO_OK)
		return 0;
	fileio_fail(d, fe, errno, NULL, "cannot write '%s'", path);
	return -1;
}

/* Write answers.csv of the run's cut answers. */
static int write_answers(const struct scan_run *r, FILE *fp)
{
	return scan_answers_write((struct scan_answers *)&r->answers, fp);
}

/* Write the responses CSV, the review list and the review workbook, all
 * or none (temporary files renamed together at the end); a failure into
 * d. */
static void write_outputs(struct scan_run *r, const struct scan_opts *o,
			  struct diags *d)
{
	const char *out = o->out ? o->out : "-", *failed;
	char *list = NULL, *book = NULL;
	struct outbatch batch;
	enum fileio_err fe;
	int rc = 0;

	outbatch_init(&batch);
	if (o->answers) {
		char *csv = fileio_join(o->answers, "answers.csv");

		if (!csv) {
			diags_oom(d);
			goto out;
		}
		rc = stage_one(&batch, csv, o->force, r, write_answers, false,
			       d);
		free(csv);
	}
	if (!rc && o->review) {
		list = fileio_join(o->review, "review.csv");
		book = fileio_join(o->review, "review.xlsx");
		if (!list || !book) {
			diags_oom(d);
			goto out;
		}
		rc = stage_one(&batch, list, o->force, r,
			       scan_run_write_review, false, d);
		if (!rc)
			rc = stage_one(&batch, book, o->force, r, NULL, true,
				       d);
	}
	/* standard output is written at once: last, when the rest is
	 * staged */
	if (!rc)
		rc = stage_one(&batch, out, o->force, r, scan_run_write_csv,
			       false, d);
	if (!rc && (fe = outbatch_commit(&batch, &failed)) != FILEIO_OK)
		fileio_fail(d, fe, errno, NULL, "cannot write '%s'", failed);
out:
	outbatch_release(&batch);
	free(list);
	free(book);
}

/* Run `examgen scan`. */
static int cmd_scan_exec(const struct cmd_args *a)
{
	const struct cmd_optval *keys = cmdline_arg(a, "key");
	struct scan_opts o = { keys->v, keys->n, a->operands, a->noperands,
			       cmdline_arg_text(a, "out"),
			       cmdline_arg_text(a, "review"),
			       cmdline_arg_text(a, "answers"),
			       cmdline_arg_given(a, "force") };
	struct diags d = DIAGS_INIT;
	struct scan_run r;
	bool keys_failed = false;
	int rc = check_opts(&o);

	if (rc != EXIT_DONE)
		return rc;
	check_files(&o, &d);
	if (diags_exit(&d))
		goto out;
	setMsgSeverity(L_SEVERITY_NONE);
	if (scan_run_init(&r, &d) < 0) {
		diags_oom(&d);
		scan_run_release(&r);
		goto out;
	}
	/* a key that cannot be used refuses the run */
	for (size_t i = 0; i < o.nkeys; i++)
		keys_failed |= scan_run_add_keys(&r, o.keys[i]) < 0;
	if (keys_failed)
		diags_raise(&d, DIAG_REFUSED);
	else if (o.review && fileio_mkdirs(o.review) < 0)
		diags_errno(&d, errno, NULL, "cannot create '%s'", o.review);
	else if (o.answers && fileio_mkdirs(o.answers) < 0)
		diags_errno(&d, errno, NULL, "cannot create '%s'", o.answers);
	r.review = o.review;
	scan_answers_init(&r.answers, o.answers, o.force);
	if (!diags_exit(&d)) {
		read_scans(&r, &o);
		scan_run_finish(&r);
	}
	/* any message about the pages (even a warning) asks for a look */
	if (d.n)
		diags_raise(&d, DIAG_PROBLEM);
	diags_print(&d, stderr);
	if (diags_exit(&d) < DIAG_SYSTEM)
		write_outputs(&r, &o, &d);
	diags_print(&d, stderr);
	if (diags_exit(&d) <= DIAG_PROBLEM)
		fprintf(stderr, "examgen: read %zu pages into %zu sheets: %zu "
			"marks to review, %zu pages not read\n", r.pages,
			r.nsheets, r.ndoubts, r.unread);
	if (diags_exit(&d) <= DIAG_PROBLEM && r.answers.pages && o.answers)
		fprintf(stderr, "examgen: %zu paper pages identified; %zu "
			"answers cut into %s (%zu blank)\n", r.answers.pages,
			r.answers.nrows, o.answers, r.answers.blank);
	else if (diags_exit(&d) <= DIAG_PROBLEM && r.answers.pages)
		fprintf(stderr, "examgen: %zu paper pages identified (their "
			"answers are cut with --answers DIR)\n",
			r.answers.pages);
	scan_run_release(&r);
out:
	diags_print(&d, stderr);
	rc = diags_exit(&d);
	diags_release(&d);
	return rc;
}

const struct cmd_entry cmd_scan_entry = {
	.name = "scan",
	.usage = "scan --key PATH... [--out FILE|-] [--review DIR] "
		 "[--answers DIR] [--force] SCAN...",
	.help =
	"Read scanned answer sheets and write the responses CSV that\n"
	"'examgen grade' reads (paper and build columns included):\n"
	"  examgen scan --key out/ scans.pdf | examgen grade --key out/ -\n",
	.options = (const struct cmd_option[]){
		{ .name = "key", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a key file (CODE-F.key.yaml) or a build output "
			  "folder (all its *.key.yaml); repeat for more" },
		{ .name = "out", .arg = "FILE|-", .type = OPT_TEXT,
		  .help = "write the responses CSV there (default: standard "
			  "output)" },
		{ .name = "review", .arg = "DIR", .type = OPT_TEXT,
		  .help = "write a crop PNG of every doubtful mark, the "
			  "list review.csv and the workbook review.xlsx there" },
		{ .name = "answers", .arg = "DIR", .type = OPT_TEXT,
		  .help = "cut each written answer region of the booklets' "
			  "paper pages out as a PNG there, listed in "
			  "answers.csv" },
		{ .name = "force", .type = OPT_FLAG,
		  .help = "overwrite existing output files" },
		{ 0 },
	},
	.operands = (const struct cmd_operand[]){
		{ "SCAN", "a PNG, JPEG, TIFF or PDF file of answer-sheet "
			  "pages (greyscale or colour, 150 dpi or more)" },
		{ 0 },
	},
	.help_tail =
	"Pages may come in any order, upside down, several sheets to a file.\n"
	"Each page is identified by its QR code; printed-for-a-candidate\n"
	"sheets by the id in it, blank ones by the candidate-id bubbles on\n"
	"page 1 (keep the pages of one blank sheet together, in order).\n"
	"\n"
	"A bubble is filled when clearly dark, empty when clearly blank; any\n"
	"other mark, two marks where one is allowed, or a score group without\n"
	"exactly one mark is written '?' and the likely reading, which\n"
	"'grade' flags, and reported on standard error as FILE:PAGE: ...\n"
	"Pages that cannot be identified are reported with file and page.\n"
	"The question pages of a booklet (paper pages) are identified by\n"
	"their QR code and counted; with --answers DIR each answer region\n"
	"of a copy printed for a roster is cut out as\n"
	"DIR/PAPER/BUILD/ID/qN-PART.png, blank ones told apart, all listed\n"
	"in DIR/answers.csv.\n"

	"Black-and-white (1-bit) scans and scans under 150 dpi are refused:\n"
	"rescan in greyscale at 200 dpi or more.\n"	"\n"
	"With --review DIR, DIR/review.xlsx holds the responses (worksheet\n"
	"答卷) and one row per doubtful mark with its crop (worksheet 待复核):\n"
	"write the right answer in its 复核结果 cell ('-' for no mark), save,\n"
	"and grade the workbook: examgen grade --key out/ DIR/review.xlsx.\n"
	"A decision left empty keeps the sheet pending.\n"
	"\n"
	"Exit: 0 every mark decided; 1 done, but something is to review or\n"
	"a page was not read; 2 usage error, missing key or scan, a scan\n"
	"refused, or an output exists; 3 system error.\n",
	.exec = cmd_scan_exec,
};
