/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-validate.c - `examgen validate`: check banks and templates, report
 * every problem as PATH:LINE:COL: error: ..., exit 1 if any; warnings
 * (lint.h, similar.h) do not change the exit code.  --stats prints what the
 * banks hold and each template's pools and form overlap. */
#include <stdio.h>
#include <stdlib.h>

#include "bank/bank.h"
#include "bank/history.h"
#include "bank/lint.h"
#include "bank/similar.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "cmd/cmd.h"
#include "paper/bankstats.h"
#include "paper/template.h"

/* Options of one run. */
struct validate_opts {
	const char *const *banks;
	size_t nbanks;
	const char *const *templates;
	size_t ntemplates;
	bool stats;
	const char *history;	/* item history to show with --stats */
};

/* Print the --stats of the banks and of template t (if any: it is left
 * out when it has problems). */
static int print_stats(const struct template *t, bool bad,
		       struct bankset *bs, struct diags *d)
{
	if (bankstats_banks(stdout, bs) < 0 ||
	    (t && !bad && bankstats_template(stdout, t, bs) < 0)) {
		diags_oom(d);
		return -1;
	}
	return 0;
}

/* Warn about a template's text (the file is read again: the loader keeps
 * no source; a file it could not read, it has reported, but running out
 * of memory now is new). */
static void lint_template_file(const char *path, struct diags *d)
{
	char *buf = NULL;
	size_t len;
	enum fileio_err e = fileio_read(path, TEMPLATE_MAX_BYTES, &buf, &len);

	if (e == FILEIO_ENOMEM)
		diags_oom(d);
	if (e != FILEIO_OK)
		return;
	lint_template(path, buf, len, d);
	free(buf);
}

/* Check one template (or the --bank banks alone when t_path is NULL). */
static int validate_one(const struct validate_opts *o, const char *t_path,
			struct diags *d, size_t *nquestions)
{
	struct template *t = NULL;
	struct bankset bs;
	bool bad = false;
	int rc = 0, r;

	bankset_init(&bs);
	bs.no_digest = true;	/* nothing is built: no key to record it in */
	bs.lint = true;
	if (t_path) {
		t = template_load(t_path, d, &bad);
		if (!t) {
			rc = -1;
			goto out;
		}
		lint_template_file(t_path, d);
	}
	r = bankset_load_all(&bs, t ? (const char *const *)t->banks : NULL,
			     t ? t->nbanks : 0, o->banks, o->nbanks, d);
	if (r < 0) {
		rc = -1;
		goto out;
	}
	if (t && t->nsections && bs.nbanks == 0) {
		diags_error(d, t->path, 1, 1, "the template names no banks "
			    "(add 'banks:' or use --bank)");
		bad = true;
	}
	if (t && t->nsections && template_check_limits(t, t->forms, d))
		bad = true;
	/* check the picks that could be read even if others could not */
	if (t && t->nsections && bs.nbanks)
		bad = template_check(t, &bs, d) != 0 || bad;
	if (bs.nquestions > *nquestions)
		*nquestions = bs.nquestions;
	if (similar_report(&bs, d) < 0 ||
	    (o->stats && print_stats(t, bad, &bs, d) < 0))
		rc = -1;
out:
	template_free(t);
	bankset_release(&bs);
	return rc;
}

/* Print the item history o->history (--stats): each question's
 * statistics over time and what drifts or went bad; problems of the file
 * go to d. */
static void print_history(const struct validate_opts *o, struct diags *d)
{
	struct history h;

	history_init(&h);
	if (history_read(&h, o->history, d) == 0 &&
	    history_report(stdout, &h) < 0)
		diags_oom(d);
	history_release(&h);
}

/* Run validate. */
static int cmd_validate_exec(const struct cmd_args *a)
{
	const struct cmd_optval *banks = cmdline_arg(a, "bank");
	struct validate_opts o = { banks->v, banks->n, a->operands,
				   a->noperands, cmdline_arg_given(a, "stats"),
				   cmdline_arg_text(a, "history") };
	struct diags d = DIAGS_INIT;
	size_t nquestions = 0, warnings = 0;
	int rc = EXIT_DONE;
	char also[64] = "";

	if (o.nbanks == 0 && o.ntemplates == 0) {
		rc = cmdline_usage_error(&cmd_validate_entry,
					 "nothing to validate: give --bank "
					 "PATH or a template");
		goto out;
	}
	if (o.history && !o.stats) {
		rc = cmdline_usage_error(&cmd_validate_entry, "'--history' is "
					 "shown with '--stats'");
		goto out;
	}
	/* a template or bank that could not be loaded at all is refused */
	if (o.ntemplates == 0 && validate_one(&o, NULL, &d, &nquestions) < 0)
		diags_raise(&d, DIAG_REFUSED);
	for (size_t i = 0; i < o.ntemplates; i++)
		if (validate_one(&o, o.templates[i], &d, &nquestions) < 0)
			diags_raise(&d, DIAG_REFUSED);
	if (o.history)
		print_history(&o, &d);
	diags_sort(&d);
	diags_unique(&d);
	for (size_t i = 0; i < d.n; i++)
		warnings += d.v[i].level == DIAG_WARNING;
	diags_print(&d, stderr);
	if (warnings)
		snprintf(also, sizeof(also), ", %zu warning%s", warnings,
			 warnings == 1 ? "" : "s");
	rc = diags_exit(&d);
	if (rc == EXIT_DONE)
		fprintf(stderr, "examgen: no problems found (%zu template%s, "
			"%zu questions)%s\n", o.ntemplates,
			o.ntemplates == 1 ? "" : "s", nquestions, also);
	else if (rc == EXIT_PROBLEMS)
		fprintf(stderr, "examgen: %zu problem%s found%s\n", d.errors,
			d.errors == 1 ? "" : "s", also);
out:
	diags_release(&d);
	return rc;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "validate [--bank PATH]... [--stats [--history FILE]] "
		 "[TEMPLATE]...",
	.help =
	"Check question banks and paper templates and report every problem\n"
	"as PATH:LINE:COL: error: MESSAGE on standard error, and as\n"
	"PATH:LINE:COL: warning: MESSAGE what is valid but should be looked\n"
	"at: half-width punctuation next to Chinese text, short-answer\n"
	"questions without a reference answer, near-duplicate stems.\n"
	"Warnings do not change the exit code.\n",
	.options = (const struct cmd_option[]){
		{ .name = "bank", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a bank file, or a folder of *.yaml / *.yml banks; "
			  "may be repeated; added to each template's "
			  "'banks:'" },
		{ .name = "history", .arg = "FILE", .type = OPT_TEXT,
		  .help = "with --stats: the item history 'grade --history' "
			  "keeps (CSV): per question its administrations, "
			  "candidates, exposure, p, D and r over time, and "
			  "those whose p drifts from its past, whose r went "
			  "bad or stays weak" },
		{ .name = "stats", .type = OPT_FLAG,
		  .help = "print on standard output the questions per type, "
			  "difficulty and tag, and for each template every "
			  "pick's pool against its count and the questions "
			  "two forms share with 'vary: questions' (seeds "
			  "1..100)" },
		{ 0 },
	},
	.operands = (const struct cmd_operand[]){
		{ "TEMPLATE", "a paper template; checked against its banks: "
			      "filter values that match nothing, pools too "
			      "small for their count, a 'total' that does not "
			      "add up" },
		{ 0 },
	},
	.help_tail =
	"Exit: 0 no problems; 1 problems found; 2 usage error or missing\n"
	"file; 3 system error.\n",
	.exec = cmd_validate_exec,
};
