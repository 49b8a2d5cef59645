/* SPDX-License-Identifier: GPL-3.0-or-later */
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

#include "bank/history.h"
#include "base/fileio.h"
#include "cmd/cmd.h"
#include "grade/analysis.h"
#include "grade/grade-history.h"
#include "grade/grade-out.h"
#include "grade/grade-marks.h"
#include "grade/grade.h"
#include "grade/read.h"
#include "paper/roster.h"
#include "mark/mark-grade.h"
#include "report/report.h"

/* The command line of one run. */
struct grade_opts {
	const char *const *keys;
	size_t nkeys;
	const char *const *sheets;
	size_t nsheets;
	const char *xlsx, *csv, *json, *lang;
	const char *history;	/* the bank's item history to add to */
	const char *marks;	/* the marks store of `examgen mark` */
	bool force;
	bool bom;		/* CSV starts with a UTF-8 byte-order mark */
};

/* Read the parsed command line into o. */
static void read_args(const struct cmd_args *a, struct grade_opts *o)
{
	const struct cmd_optval *keys = cmdline_arg(a, "key");

	o->keys = keys->v;
	o->nkeys = keys->n;
	o->sheets = a->operands;
	o->nsheets = a->noperands;
	o->xlsx = cmdline_arg_text(a, "xlsx");
	o->csv = cmdline_arg_text(a, "csv");
	o->json = cmdline_arg_text(a, "json");
	o->lang = cmdline_arg_text(a, "lang");
	o->history = cmdline_arg_text(a, "history");
	o->marks = cmdline_arg_text(a, "marks");
	o->force = cmdline_arg_given(a, "force");
	o->bom = cmdline_arg_given(a, "bom");
}

/* Check the options make sense together; EXIT_DONE or a usage error. */
static int check_opts(const struct grade_opts *o)
{
	const char *outs[] = { o->csv, o->json, o->xlsx };
	static const char *const names[] = { "--csv", "--json", "--xlsx" };
	size_t stdin_sheets = 0;

	if (!o->nkeys)
		return cmdline_usage_error(&cmd_grade_entry, "no '--key' given");
	if (!o->nsheets)
		return cmdline_usage_error(&cmd_grade_entry, "no answer sheets "
					   "given");
	if (o->xlsx && !strcmp(o->xlsx, "-"))
		return cmdline_usage_error(&cmd_grade_entry, "'--xlsx' needs a "
					   "file name, not '-'");
	if (o->csv && o->json && !strcmp(o->csv, "-") &&
	    !strcmp(o->json, "-"))
		return cmdline_usage_error(&cmd_grade_entry, "'--csv' and '--json' "
					   "cannot both write to standard output");
	/* two outputs into one file: the last would silently win */
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++)
			if (outs[i] && outs[j] && strcmp(outs[i], "-") &&
			    fileio_same(outs[i], outs[j]))
				return cmdline_usage_error(&cmd_grade_entry,
							   "'%s' and '%s' both "
							   "name '%s'", names[i],
							   names[j], outs[i]);
	for (size_t i = 0; i < o->nsheets; i++)
		stdin_sheets += !strcmp(o->sheets[i], "-");
	if (stdin_sheets > 1)
		return cmdline_usage_error(&cmd_grade_entry, "standard input "
					   "('-') can be read only once");
	return EXIT_DONE;
}

/* Refuse up front, into d: inputs that do not exist, outputs that would
 * be overwritten. */
static void check_files(const struct grade_opts *o, struct diags *d)
{
	const char *outs[] = { o->xlsx, o->csv, o->json };

	for (size_t i = 0; i < o->nkeys; i++)
		if (!fileio_exists(o->keys[i]))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "cannot open key "
				   "'%s': no such file or folder", o->keys[i]);
	for (size_t i = 0; i < o->nsheets; i++)
		if (strcmp(o->sheets[i], "-") && !fileio_exists(o->sheets[i]))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "cannot open "
				   "sheet '%s': no such file", o->sheets[i]);
	for (size_t i = 0; i < 3; i++)
		if (outs[i] && strcmp(outs[i], "-") && !o->force &&
		    fileio_exists(outs[i]))
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' already "
				   "exists (use --force to replace it); "
				   "nothing written", outs[i]);
}

/* Progress on a terminal. */
static void show_progress(size_t n, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "\rgraded %zu sheets...", n);
}

/* Print every problem found in the sheets (each one through d, and one at
 * a time: there may be millions). */
static void print_problems(const struct gradebook *gb, struct diags *d)
{
	for (size_t i = 0; i < gb->nproblems; i++) {
		const struct problem *p = &gb->problems[i];

		if (p->candidate && *p->candidate)
			diags_fail(d, DIAG_PROBLEM, p->file, p->line, p->col,
				   "%s (candidate '%s')", p->msg, p->candidate);
		else
			diags_fail(d, DIAG_PROBLEM, p->file, p->line, p->col,
				   "%s", p->msg);
		diags_print(d, stderr);
	}
}

/* Say in d why an output could not be written; -1. */
static int output_failed(const char *path, enum fileio_err fe,
			 struct diags *d)
{
	fileio_fail(d, fe, errno, NULL, "cannot write '%s'", path);
	return -1;
}

/* Write one text output: the CSV summary with the words w, after a UTF-8
 * byte-order mark when bom (Excel needs it to read Chinese right), or the
 * JSON when w is NULL. */
static int write_text(FILE *fp, const struct gradebook *gb,
		      const struct csv_words *w, bool bom)
{
	if (!w)
		return grade_out_json(fp, gb);
	if (bom)
		fputs("\xEF\xBB\xBF", fp);
	return grade_out_csv_words(fp, gb, w);
}

/* Write one text output (as write_text) to a temporary file added to the
 * batch; 0, or -1 with the failure in d. */
static int stage_output(struct outbatch *batch, const char *path, bool force,
			const struct gradebook *gb,
			const struct csv_words *w, bool bom, struct diags *d)
{
	struct outfile out;
	enum fileio_err fe = outfile_open(&out, path, force);

	if (fe == FILEIO_OK && write_text(out.fp, gb, w, bom)) {
		outfile_abort(&out);
		fe = FILEIO_EIO;
	} else if (fe == FILEIO_OK) {
		fe = outbatch_add(batch, &out);
	}
	return fe == FILEIO_OK ? 0 : output_failed(path, fe, d);
}

/* Write the Excel report to a temporary file added to the batch; 0, or
 * -1 with the failure in d. */
static int stage_xlsx(struct outbatch *batch, const struct grade_opts *o,
		      const struct gradebook *gb, const char *lang,
		      struct diags *d)
{
	struct outfile out;
	enum fileio_err fe = outfile_open(&out, o->xlsx, o->force);
	size_t errors = d->errors;
	enum report_err re;

	if (fe != FILEIO_OK)
		return output_failed(o->xlsx, fe, d);
	re = report_build_xlsx(&out, gb, lang, d);
	if (re != REPORT_OK) {
		/* one message per failure: the report layer's, when it gave
		 * one; a report not written is a system error */
		if (d->errors == errors)
			diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "cannot write "
				   "'%s': %s", o->xlsx, report_strerror(re));
		diags_raise(d, DIAG_SYSTEM);
		outfile_abort(&out);
		return -1;
	}
	fe = outbatch_add(batch, &out);
	return fe == FILEIO_OK ? 0 : output_failed(o->xlsx, fe, d);
}

/* Move into merged the rows of old that are not of the administration
 * now recorded in add (same paper, build and question; a key without a
 * build id: the same date too), and those of add; the number of old rows
 * dropped into *dups. */
static int merge_history(const struct history *old, const struct history *add,
			 struct history *merged, size_t *dups)
{
	*dups = 0;
	for (size_t i = 0; i < old->n; i++) {
		const struct history_row *r = &old->rows[i];
		bool dup = false;

		for (size_t j = 0; j < add->n && !dup; j++)
			dup = (*r->build || !strcmp(r->date,
						    add->rows[j].date)) &&
			      !strcmp(r->paper, add->rows[j].paper) &&
			      !strcmp(r->build, add->rows[j].build) &&
			      !strcmp(r->item, add->rows[j].item);
		*dups += dup;
		if (!dup && history_add(merged, r) < 0)
			return -1;
	}
	for (size_t j = 0; j < add->n; j++)
		if (history_add(merged, &add->rows[j]) < 0)
			return -1;
	return 0;
}

/* Add this administration's item statistics to the item history
 * o->history (read, extended, written to a temporary file added to the
 * batch); an administration already there (the same build of the
 * paper, graded again on any day; without a build id, on the same day)
 * is refused without --force, replaced with it.  0, or -1 with the
 * failure in d. */
static int stage_history(struct outbatch *batch, const struct grade_opts *o,
			 const struct gradebook *gb, struct diags *d)
{
	struct history old, add, merged;
	struct analysis a;
	struct outfile out;
	enum fileio_err fe = FILEIO_OK;
	char date[11];
	size_t dups = 0;
	int rc = -1;

	history_init(&old);
	history_init(&add);
	history_init(&merged);
	analysis_init(&a);
	grade_history_date(date);
	if (fileio_exists(o->history) &&
	    history_read(&old, o->history, d) < 0) {
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' is not an item "
			   "history examgen can add to; nothing written",
			   o->history);
		goto out;
	}
	if (analysis_run(&a, gb) < 0 ||
	    grade_history_rows(&a, date, &add) < 0 ||
	    merge_history(&old, &add, &merged, &dups) < 0) {
		diags_oom(d);
		goto out;
	}
	if (dups && !o->force) {
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' already holds "
			   "this administration (%zu rows of paper '%s' build "
			   "'%s' on %s): use --force to replace them; nothing "
			   "written", o->history, dups, add.rows[0].paper,
			   add.rows[0].build, date);
		goto out;
	}
	fe = outfile_open(&out, o->history, true);
	if (fe == FILEIO_OK && history_write(out.fp, &merged)) {
		outfile_abort(&out);
		fe = FILEIO_EIO;
	} else if (fe == FILEIO_OK) {
		fe = outbatch_add(batch, &out);
	}
	rc = fe == FILEIO_OK ? 0 : output_failed(o->history, fe, d);
out:
	analysis_release(&a);
	history_release(&old);
	history_release(&add);
	history_release(&merged);
	return rc;
}

/* The report's language: --lang or the keys', in the keys' script when
 * Chinese (a zh-Hant paper reports in Traditional). */
static const char *report_lang(const struct grade_opts *o,
			       const struct gradebook *gb)
{
	const char *keys = gb->keys.keys[0]->language;

	if (o->lang && (strcmp(o->lang, "zh") || strcmp(keys, "zh-Hant")))
		return o->lang;
	return keys;
}

/* Write every output asked for, the files all or none (temporary files
 * renamed together at the end); the CSV summary on stdout by default.
 * 0, or -1 with the failure in d. */
static int write_outputs(const struct grade_opts *o,
			 const struct gradebook *gb, struct diags *d)
{
	const char *lang = report_lang(o, gb);
	const char *csv = o->csv, *failed;
	/* with --bom the CSV is for people (Excel): in the report's
	 * language; without, for scripts: the header of
	 * docs/grade-report.md */
	const struct csv_words *words = !o->bom ? &csv_words_spec :
		!strcmp(lang, "en") ? &csv_words_en :
		!strcmp(lang, "zh-Hant") ? &csv_words_hant : &csv_words_zh;
	bool csv_out = false, json_out = false;
	struct outbatch batch;
	enum fileio_err fe;
	int rc = 0;

	if (!csv && !o->json && !o->xlsx)
		csv = "-";
	outbatch_init(&batch);
	if (csv && !strcmp(csv, "-"))
		csv_out = true;
	else if (csv)
		rc = stage_output(&batch, csv, o->force, gb, words, o->bom,
				  d);
	if (!rc && o->json && !strcmp(o->json, "-"))
		json_out = true;
	else if (!rc && o->json)
		rc = stage_output(&batch, o->json, o->force, gb, NULL, false,
				  d);
	if (!rc && o->xlsx)
		rc = stage_xlsx(&batch, o, gb, lang, d);
	if (!rc && o->history)
		rc = stage_history(&batch, o, gb, d);
	if (!rc && (fe = outbatch_commit(&batch, &failed)) != FILEIO_OK)
		rc = output_failed(failed, fe, d);
	outbatch_release(&batch);
	if (rc)
		return rc;
	if (csv_out && (write_text(stdout, gb, words, o->bom) ||
			fflush(stdout)))
		return output_failed("-", FILEIO_EIO, d);
	if (json_out && (write_text(stdout, gb, NULL, false) ||
			 fflush(stdout)))
		return output_failed("-", FILEIO_EIO, d);
	return 0;
}

/* Give each candidate read without a name the name its build's roster
 * gives it (the responses.csv beside its key, which `build --roster`
 * wrote): a scanned sheet carries only the id.  names holds the rosters
 * and must outlive gb's use.  0, or -1 on no memory (in d). */
static int roster_names(struct gradebook *gb, struct roster *names,
			struct diags *d)
{
	for (size_t i = 0; i < gb->keys.nkeys; i++)
		if (roster_add_build(names, gb->keys.keys[i]) < 0) {
			diags_oom(d);
			return -1;
		}
	for (size_t i = 0; names->n && i < gb->ncands; i++) {
		struct candidate *c = &gb->cands[i];
		const char *name;

		if ((!c->name || !*c->name) && c->id && c->key &&
		    (name = roster_name(names, c->id)))
			c->name = name;
	}
	return 0;
}

/* Record a problem for each answer of the marks store that no sheet
 * took: a candidate whose answers were marked but whose sheet is not
 * among those graded. */
static void marks_unclaimed(struct gradebook *gb)
{
	const struct grade_marks *m = gb->marks;

	for (size_t i = 0; i < m->n; i++)
		if (!m->v[i].used)
			gradebook_problem(gb, m->path, 0, 0, m->v[i].candidate,
					  m->v[i].question, "candidate '%s' has "
					  "an answer to question %u in the "
					  "marks store but no sheet among "
					  "those graded", m->v[i].candidate,
					  m->v[i].question);
}

/* Load the keys and grade every sheet, printing what d holds then
 * (sorted by file and place); 0, or -1 when the run stops here. */
static int grade_all(const struct grade_opts *o, struct gradebook *gb,
		     struct roster *names, struct diags *d)
{
	bool failed = false;

	for (size_t i = 0; i < o->nkeys; i++)
		failed |= keyset_add(&gb->keys, o->keys[i], d) != 0;
	if (!failed && gb->marks)
		failed = mark_grade_load(gb->marks, o->marks, gb->keys.keys,
					 gb->keys.nkeys, d) != 0;
	if (!failed && isatty(2))
		gb->progress = show_progress;
	for (size_t i = 0; !failed && !gb->stopped && i < o->nsheets; i++)
		failed = gradebook_read(gb, o->sheets[i], d) != 0;
	if (gb->progress && gb->sheets_read >= GRADE_PROGRESS_EVERY)
		fputc('\n', stderr);
	if (!failed && roster_names(gb, names, d))
		failed = true;
	if (!failed && gb->marks)
		marks_unclaimed(gb);
	diags_sort(d);
	/* a key or sheet file that cannot be used at all refuses the run */
	if (failed)
		diags_raise(d, DIAG_REFUSED);
	else if (gb->nrefused)
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "%zu %s refused: not "
			   "of the keys' paper and build; nothing written",
			   gb->nrefused, gb->nrefused == 1 ? "sheet" : "sheets");
	diags_print(d, stderr);
	return diags_exit(d) ? -1 : 0;
}

/* True if the report fits a workbook; else say so in d (nothing
 * written). */
static bool xlsx_fits(const struct grade_opts *o, const struct gradebook *gb,
		      struct diags *d)
{
	bool fits = report_fits(o->xlsx, gb, d);

	if (!fits)
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "refused; nothing "
			   "written");
	return fits;
}

/* Run `examgen grade`. */
static int cmd_grade_exec(const struct cmd_args *a)
{
	struct diags d = DIAGS_INIT;
	struct grade_opts o;
	struct gradebook gb;
	struct roster names;
	struct grade_marks marks;
	size_t pending = 0;
	int rc;

	memset(&o, 0, sizeof(o));
	roster_init(&names);
	read_args(a, &o);
	if ((rc = check_opts(&o)))
		return rc;
	gradebook_init(&gb);
	grade_marks_init(&marks, o.marks);
	if (o.marks)
		gb.marks = &marks;
	check_files(&o, &d);
	if (diags_exit(&d))
		goto out;
	/* the CSV summary alone needs no answers kept in memory (the
	 * statistics of JSON, Excel and the history do) */
	gb.keep_answers = o.json || o.xlsx || o.history;
	/* a workbook has room for so many rows: stop reading past them */
	if (o.xlsx)
		gb.max_cands = report_max_rows();
	if (grade_all(&o, &gb, &names, &d) || (o.xlsx && !xlsx_fits(&o, &gb, &d)))
		goto out;
	diags_print(&d, stderr);
	print_problems(&gb, &d);
	if (write_outputs(&o, &gb, &d))
		goto out;
	diags_print(&d, stderr);
	for (size_t i = 0; i < gb.ncands; i++)
		pending += candidate_result(&gb.cands[i]) == RESULT_PENDING;
	fprintf(stderr, "graded %zu sheets: %zu clean, %zu flagged\n",
		gb.ncands, gb.ncands - pending, pending);
	if (pending)
		diags_raise(&d, DIAG_PROBLEM);
out:
	diags_print(&d, stderr);
	rc = diags_exit(&d);
	diags_release(&d);
	gradebook_release(&gb);
	roster_release(&names);
	grade_marks_release(&marks);
	return rc;
}

static const char *const langs[] = { "zh", "en", NULL };

const struct cmd_entry cmd_grade_entry = {
	.name = "grade",
	.usage = "grade --key PATH... [--marks FILE] [--xlsx FILE] "
		 "[--csv FILE|-] [--json FILE|-] [--history FILE] "
		 "[--lang zh|en] [--bom] "
		 "[--force] SHEET...",
	.help = "Score filled-in answer sheets against the answer keys of a "
		"paper.\n",
	.options = (const struct cmd_option[]){
		{ .name = "key", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a key file (CODE-F.key.yaml) or a build output "
			  "folder (all its *.key.yaml); repeat for more" },
		{ .name = "marks", .arg = "FILE", .type = OPT_TEXT,
		  .help = "take the final scores of essays and short answers "
			  "from the marks store of 'examgen mark'" },
		{ .name = "csv", .arg = "FILE|-", .type = OPT_TEXT,
		  .help = "write the summary as CSV ('-': standard output)" },
		{ .name = "json", .arg = "FILE|-", .type = OPT_TEXT,
		  .help = "write every candidate, answer and problem as "
			  "JSON" },
		{ .name = "xlsx", .arg = "FILE", .type = OPT_TEXT,
		  .help = "write the Excel report (Summary, Answers, Items, "
			  "Statistics, Problems)" },
		{ .name = "lang", .arg = "zh|en", .type = OPT_CHOICE,
		  .choices = langs,
		  .help = "language of the Excel report and of the --bom CSV "
			  "(default: the key's); zh is in the paper's script "
			  "(Traditional for a zh-Hant paper)" },
		{ .name = "bom", .type = OPT_FLAG,
		  .help = "write the CSV summary for people: a UTF-8 "
			  "byte-order mark, so Excel shows its Chinese text "
			  "right, and the header and results in the report's "
			  "language" },
		{ .name = "history", .arg = "FILE", .type = OPT_TEXT,
		  .help = "add this administration's item statistics (p, D, "
			  "r, n, exposure per question) to the bank's item "
			  "history FILE (CSV, created if missing), which "
			  "'validate --stats --history FILE' shows" },
		{ .name = "force", .type = OPT_FLAG,
		  .help = "overwrite existing output files (and replace an "
			  "administration already in the --history file)" },
		{ 0 },
	},
	.help_tail =
	"A SHEET is a YAML sheet (one candidate) or a CSV file with the\n"
	"header candidate_id,name,form,1,2,...,N (essay criterion columns\n"
	"N.1, N.2, ... allowed; a 'paper' column when keys of several papers\n"
	"are loaded).  '-' reads CSV from standard input.  UTF-8 (with or\n"
	"without BOM) and GB18030/GBK files are read.  An .xlsx workbook\n"
	"whose first sheet has the same columns (such as the responses.xlsx\n"
	"of 'build --roster') is read directly.\n"
	"\n"
	"Without --csv, --json or --xlsx the CSV summary goes to standard\n"
	"output: candidate_id, name, form, one column per section, total,\n"
	"percent, result, problems.  result is pass or fail for a clean\n"
	"sheet and pending for a sheet with any problem (unreadable answer,\n"
	"missing or out-of-range marker score, unknown form, ragged row,\n"
	"duplicate id, damaged file): those are reported on standard error as\n"
	"FILE:LINE:COL: error: ..., counted in problems, listed in the JSON\n"
	"and Excel outputs, and left out of the statistics; no sheet row is\n"
	"ever dropped.  Sheets whose paper or build is not the keys' are\n"
	"refused.\n"
	"\n"
	"Exit: 0 all sheets clean; 1 graded, but some sheet is pending or\n"
	"something was flagged; 2 usage error, missing or invalid key, missing\n"
	"sheet, sheets of another paper or build, or an output exists; 3\n"
	"system error.\n",
	.exec = cmd_grade_exec,
};
