/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-validate.c - `examgen validate`: check banks and templates, report
 * every problem as PATH:LINE:COL: error: ..., exit 1 if any; warnings
 * (lint.h, similar.h) do not change the exit code.  --stats prints what the
 * banks hold and each template's pools and form overlap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "bank/cue.h"
#include "bank/history.h"
#include "bank/lint.h"
#include "bank/samefact.h"
#include "bank/similar.h"
#include "base/diag.h"
#include "base/array.h"
#include "base/fileio.h"
#include "cmd/cmd.h"
#include "paper/bankstats.h"
#include "paper/guess.h"
#include "paper/template.h"

/* Options of one run. */
struct validate_opts {
	const char *const *banks;
	size_t nbanks;
	const char *const *templates;
	size_t ntemplates;
	bool stats;
	const char *history;	/* item history to show with --stats */
	bool strict;
};

/* One line per bank with item-writing warnings, each bank (by name:
 * two templates may reach one file by two paths) once. */
struct summaries {
	char **line;
	const char **path;	/* the bank's name, in line's block */
	size_t n, cap;
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

/* Add the summary of a bank with item-writing warnings, unless a
 * template before named the same bank; -1 when out of memory. */
static int add_summary(struct summaries *sm, const struct cue_summary *c)
{
	char *line;
	size_t len;

	if (!c->warnings)
		return 0;
	for (size_t i = 0; i < sm->n; i++)
		if (!strcmp(sm->path[i], c->bank->name))
			return 0;
	len = strlen(c->bank->path) + strlen(c->bank->name) + 512;
	if (ARRAY_GROW(sm->line, sm->cap, sm->n + 1) < 0 ||
	    !(sm->path = realloc(sm->path, sm->cap * sizeof(*sm->path))) ||
	    !(line = malloc(2 * len)))
		return -1;
	snprintf(line, len, "examgen: %s: %zu item-writing warning%s: key "
		 "the longest option in %.1f of %zu single-choice questions "
		 "(%.1f by chance); absolute words in %zu false and %zu true "
		 "statements; %zu questions name option letters; %zu "
		 "summing-up options not fixed last; %zu of %zu questions "
		 "without 'reviewed'", c->bank->path, c->warnings,
		 c->warnings == 1 ? "" : "s", c->longest, c->nsingle,
		 c->chance, c->abs_false, c->abs_true, c->letters, c->above,
		 c->unreviewed, c->nquestions);
	strcpy(line + len, c->bank->name);
	sm->path[sm->n] = line + len;
	sm->line[sm->n++] = line;
	return 0;
}

/* Print every summary and free them. */
static void summaries_flush(struct summaries *sm)
{
	for (size_t i = 0; i < sm->n; i++) {
		fprintf(stderr, "%s\n", sm->line[i]);
		free(sm->line[i]);
	}
	free(sm->line);
	free(sm->path);
}

/* Check the banks' items for cues; -1 when out of memory. */
static int check_cues(const struct bankset *bs, struct summaries *sm,
		      struct diags *d)
{
	struct cue_summary *c;
	size_t n;
	int rc = cue_check(bs, &c, &n, d);

	for (size_t i = 0; rc == 0 && i < n; i++)
		if (add_summary(sm, &c[i]) < 0) {
			diags_oom(d);
			rc = -1;
		}
	free(c);
	return rc;
}

/* Check blind guessing on template t and, with --stats, print what it
 * expects; -1 when out of memory. */
static int check_guessing(const struct template *t, const struct bankset *bs,
			  bool stats, struct diags *d)
{
	struct guess g;

	if (guess_template(t, bs, &g, d) < 0)
		return -1;
	if (stats) {
		printf("blind guessing on %s: %.1f of %g points expected "
		       "(pass mark %g)\n", t->path, g.expect, g.points, g.pass);
		for (size_t i = 0; i < g.nsections; i++)
			printf("  %s: %.1f of %g\n", g.sections[i].title ?
			       g.sections[i].title : "-", g.sections[i].expect,
			       g.sections[i].points);
	}
	guess_release(&g);
	return 0;
}

/* Check one template (or the --bank banks alone when t_path is NULL). */
static int validate_one(const struct validate_opts *o, const char *t_path,
			struct summaries *sm, struct diags *d,
			size_t *nquestions)
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
	if (similar_report(&bs, d) < 0 || samefact_report(&bs, d) < 0 ||
	    check_cues(&bs, sm, d) < 0 ||
	    (t && !bad && check_guessing(t, &bs, o->stats, d) < 0) ||
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
				   cmdline_arg_text(a, "history"),
				   cmdline_arg_given(a, "strict") };
	struct summaries sm = { NULL, NULL, 0, 0 };
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
	if (o.ntemplates == 0 && validate_one(&o, NULL, &sm, &d, &nquestions) < 0)
		diags_raise(&d, DIAG_REFUSED);
	for (size_t i = 0; i < o.ntemplates; i++)
		if (validate_one(&o, o.templates[i], &sm, &d,
				 &nquestions) < 0)
			diags_raise(&d, DIAG_REFUSED);
	if (o.history)
		print_history(&o, &d);
	diags_sort(&d);
	diags_unique(&d);
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].level != DIAG_WARNING)
			continue;
		if (o.strict) {	/* --strict: each warning is a problem */
			d.v[i].level = DIAG_ERROR;
			d.v[i].cls = DIAG_PROBLEM;
			d.errors++;
			if (d.worst < DIAG_PROBLEM)
				d.worst = DIAG_PROBLEM;
		} else {
			warnings++;
		}
	}
	diags_print(&d, stderr);
	summaries_flush(&sm);
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
		 "[--strict] [TEMPLATE]...",
	.help =
	"Check question banks and paper templates and report every problem\n"
	"as PATH:LINE:COL: error: MESSAGE on standard error, and as\n"
	"PATH:LINE:COL: warning: MESSAGE what is valid but should be looked\n"
	"at: half-width punctuation next to Chinese text, short-answer\n"
	"questions without a reference answer, near-duplicate stems, and\n"
	"what lets a test-wise candidate answer without knowing the job\n"
	"(a longest-option key, absolute words in false statements, option\n"
	"letters in text whose options move, a summing-up option not fixed\n"
	"last, two questions on the same fact, points a guess can win),\n"
	"with a summary line per bank.  Warnings do not change the exit\n"
	"code unless --strict.\n",
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
		{ .name = "strict", .type = OPT_FLAG,
		  .help = "report each warning as an error (exit 1), so "
			  "that a bank with a cue or a duplicate does not "
			  "pass" },
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
