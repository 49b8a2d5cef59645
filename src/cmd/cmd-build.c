/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-build.c - `examgen build`: assemble a paper from a template and its
 * banks with a seed, then write every form's paper, marker's guide, key and
 * blank answer sheet (and, with a roster, one sheet per candidate and
 * responses.csv).  Every output path is checked before anything is
 * written; each file is written atomically. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "bank/bank.h"
#include "base/array.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/outset.h"
#include "cmd/cmd.h"
#include "paper/key.h"
#include "paper/paper.h"
#include "paper/roster.h"
#include "paper/script.h"
#include "paper/template.h"
#include "pdf/pdf-handout.h"
#include "pdf/pdf-print.h"
#include "render/render-html.h"
#include "render/render.h"
#include "render/responses-xlsx.h"
#include "render/sheet-html.h"
#include "render/sheet-yaml.h"

#define DEFAULT_FORMATS "txt,md,html"
#define SEED_LIMIT ((uint64_t)1 << 53)	/* drawn seeds stay JSON-safe */

/* Options of one run. */
struct build_opts {
	const char *template;
	const char *const *banks;
	size_t nbanks;
	uint64_t seed;
	bool has_seed;
	unsigned forms;		/* 0: the template's */
	const char *roster;
	unsigned formats;	/* bit set of enum render_fmt */
	const char *out;
	bool force;
	bool split;		/* also one paper and guide PDF per form */
};

enum out_kind { OUT_DOC, OUT_KEY, OUT_SHEET, OUT_SHEET_DOC, OUT_CANDIDATE,
		OUT_CANDIDATE_PAPER, OUT_RESPONSES, OUT_RESPONSES_XLSX, OUT_PRINT, OUT_GUIDES,
		OUT_HANDOUT };

/* One file to write. */
struct output {
	char *path;		/* in messages: DIR/REL */
	char *rel;		/* within the output folder */
	enum out_kind kind;
	size_t form;
	enum render_doc doc;
	enum render_fmt fmt;
	size_t cand;		/* OUT_CANDIDATE(_PAPER): roster index */
};

/* Every file of a run. */
struct plan {
	struct output *v;
	size_t n, cap;
};

/* Free a plan's paths. */
static void plan_release(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		free(pl->v[i].path);
		free(pl->v[i].rel);
	}
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}

/* Add dir/name (name printf-formatted) to the plan; -1 on no memory. */
static int plan_add(struct plan *pl, const char *dir, struct output o,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int plan_add(struct plan *pl, const char *dir, struct output o,
		    const char *fmt, ...)
{
	char name[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (ARRAY_GROW(pl->v, pl->cap, pl->n + 1) < 0)
		return -1;
	o.path = fileio_join(dir, name);
	o.rel = strdup(name);
	if (!o.path || !o.rel) {
		free(o.path);
		free(o.rel);
		return -1;
	}
	pl->v[pl->n++] = o;
	return 0;
}

/* List every output of the run in writing order. */
static int plan_make(struct plan *pl, const struct build_opts *o,
		     const struct paper *p, const struct roster *r)
{
	const char *code = p->tpl->code;
	static const char *const docs[] = { "paper", "guide" };

	assert(p->nforms > 0);	/* paper_assemble makes at least one form */

	if ((o->formats & (1u << FMT_PDF)) &&
	    (plan_add(pl, o->out, (struct output){ .kind = OUT_PRINT,
		      .doc = DOC_PAPER, .fmt = FMT_PDF }, "%s.print.pdf",
		      code) < 0 ||
	     plan_add(pl, o->out, (struct output){ .kind = OUT_GUIDES,
		      .doc = DOC_GUIDE, .fmt = FMT_PDF }, "%s.guide.pdf",
		      code) < 0))
		return -1;
	if (r && (plan_add(pl, o->out, (struct output){ .kind = OUT_HANDOUT,
			   .fmt = FMT_TXT }, "%s.handout.csv", code) < 0 ||
		  ((o->formats & (1u << FMT_PDF)) &&
		   plan_add(pl, o->out, (struct output){ .kind = OUT_HANDOUT,
			    .fmt = FMT_PDF }, "%s.handout.pdf", code) < 0)))
		return -1;
	for (size_t f = 0; f < p->nforms; f++) {
		const char *letter = p->forms[f].name;

		for (int d = DOC_PAPER; d <= DOC_GUIDE; d++)
			for (int fmt = 0; fmt < FMT_COUNT; fmt++)
				if ((o->formats & (1u << fmt)) &&
				    (fmt != FMT_PDF || o->split) &&
				    plan_add(pl, o->out, (struct output){
					.kind = OUT_DOC, .form = f,
					.doc = (enum render_doc)d,
					.fmt = (enum render_fmt)fmt },
					"%s-%s.%s.%s", code, letter, docs[d],
					render_fmt_ext((enum render_fmt)fmt))
				    < 0)
					return -1;
		for (int fmt = FMT_HTML; fmt <= FMT_PDF; fmt++)
			if ((o->formats & (1u << fmt)) &&
			    plan_add(pl, o->out, (struct output){
				.kind = OUT_SHEET_DOC, .form = f,
				.fmt = (enum render_fmt)fmt }, "%s-%s.sheet.%s",
				code, letter,
				render_fmt_ext((enum render_fmt)fmt)) < 0)
				return -1;
		if (plan_add(pl, o->out, (struct output){ .kind = OUT_KEY,
			     .form = f }, "%s-%s.key.yaml", code, letter) < 0 ||
		    plan_add(pl, o->out, (struct output){ .kind = OUT_SHEET,
			     .form = f }, "%s-%s.sheet.yaml", code, letter) < 0)
			return -1;
	}
	for (size_t i = 0; r && i < r->n; i++)
		if (plan_add(pl, o->out, (struct output){
			.kind = OUT_CANDIDATE, .form = i % p->nforms,
			.cand = i }, "sheets/%s.sheet.yaml", r->v[i].id) < 0)
			return -1;
	for (size_t i = 0; r && (o->formats & (1u << FMT_HTML)) && i < r->n;
	     i++)
		if (plan_add(pl, o->out, (struct output){
			.kind = OUT_CANDIDATE_PAPER, .form = i % p->nforms,
			.cand = i }, "papers/%s.paper.html", r->v[i].id) < 0)
			return -1;
	if (r && (plan_add(pl, o->out, (struct output){
			  .kind = OUT_RESPONSES }, "responses.csv") < 0 ||
		  plan_add(pl, o->out, (struct output){
			  .kind = OUT_RESPONSES_XLSX }, "responses.xlsx") < 0))
		return -1;
	return 0;
}

/* Write responses.csv: a UTF-8 BOM (so Excel reads the Chinese text
 * right), the header, then one row per candidate with the answer cells
 * left empty. */
static int write_responses(FILE *fp, const struct paper *p,
			   const struct roster *r)
{
	const struct paper_form *f0 = &p->forms[0];

	fputs("\xef\xbb\xbf", fp);
	if (responses_write_header(fp, f0) < 0)
		return -1;
	for (size_t i = 0; i < r->n; i++)
		if (responses_write_row(fp, p, &p->forms[i % p->nforms],
					r->v[i].id, r->v[i].name) < 0)
			return -1;
	return ferror(fp) ? -1 : 0;
}

/* Write responses.xlsx to path: the rows of responses.csv, with a
 * drop-down per answer cell. */
static int write_responses_xlsx(const char *path, const struct paper *p,
				const struct roster *r)
{
	char *csv = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&csv, &len);
	int rc;

	if (!fp)
		return -1;
	rc = write_responses(fp, p, r);
	if (fclose(fp) != 0)
		rc = -1;
	if (rc == 0)
		rc = responses_xlsx_write(path, csv, len, p);
	free(csv);
	return rc;
}

/* True for the outputs pdf_print_jobs writes. */
static bool is_pdf_job(const struct output *o)
{
	return o->fmt == FMT_PDF &&
	       (o->kind == OUT_DOC || o->kind == OUT_PRINT ||
		o->kind == OUT_GUIDES || o->kind == OUT_SHEET_DOC);
}

/* Write every PDF paper, guide and answer sheet into the set in one go
 * (pdf_print_jobs spreads them over the cores); the print file holds
 * copies, the guide file each form once.  0, or -1 with the failure in
 * d. */
static int write_pdfs(const struct plan *pl, const struct paper *p,
		      const struct pdf_copy *copies, size_t ncopies,
		      const struct pdf_copy *forms, struct outset *set,
		      struct page_layout *layouts, struct diags *d)
{
	struct pdf_job *jobs = calloc(pl->n + 1, sizeof(*jobs));
	size_t *which = calloc(pl->n + 1, sizeof(*which));
	size_t n = 0;
	bool papers = false;
	int rc = -1;

	if (!jobs || !which) {
		diags_oom(d);
		goto out;
	}
	for (size_t k = 0; k < pl->n; k++) {
		const struct output *o = &pl->v[k];

		if (!is_pdf_job(o))
			continue;
		jobs[n].fp = outset_create(set, o->rel);
		if (!jobs[n].fp) {
			diags_errno(d, errno, NULL, "cannot create '%s'",
				    o->path);
			goto out;
		}
		jobs[n].doc = o->doc;
		papers |= o->kind == OUT_PRINT || (o->kind == OUT_DOC &&
						   o->doc == DOC_PAPER);
		if (o->kind == OUT_PRINT) {
			jobs[n].copies = copies;
			jobs[n].ncopies = ncopies;
		} else if (o->kind == OUT_GUIDES) {
			jobs[n].copies = forms;
			jobs[n].ncopies = p->nforms;
		} else {
			jobs[n].copies = &forms[o->form];
			jobs[n].ncopies = 1;
			jobs[n].sheet = o->kind == OUT_SHEET_DOC;
		}
		which[n++] = k;
	}
	/* the key records the pages of a printed PDF paper */
	pdf_print_jobs(p, jobs, n, papers ? layouts : NULL);
	rc = 0;
out:
	for (size_t i = 0; jobs && i < n; i++) {
		int err = jobs[i].err;

		if (outset_close(jobs[i].fp) < 0 && !err)
			err = errno ? errno : EIO;
		if (err && rc == 0) {
			diags_errno(d, err, NULL, "cannot write '%s'",
				    pl->v[which[i]].path);
			rc = -1;
		}
	}
	free(jobs);
	free(which);
	return rc;
}

/* Write one planned file into the set; 0, or -1 with the failure in d. */
static int write_output(const struct output *o, const struct paper *p,
			const struct roster *r, const struct pdf_copy *copies,
			size_t ncopies, const struct page_layout *layouts,
			struct outset *set, struct diags *d)
{
	const struct paper_form *f = &p->forms[o->form];
	char *path = NULL;
	FILE *fp = NULL;
	int rc = -1;

	/* plan_make plans the roster's outputs only with a roster */
	assert(r || (o->kind != OUT_CANDIDATE &&
		     o->kind != OUT_CANDIDATE_PAPER &&
		     o->kind != OUT_RESPONSES &&
		     o->kind != OUT_RESPONSES_XLSX));
	if (o->kind == OUT_RESPONSES_XLSX)
		path = outset_create_path(set, o->rel);
	else
		fp = outset_create(set, o->rel);
	if (!fp && !path) {
		diags_errno(d, errno, NULL, "cannot create '%s'", o->path);
		return -1;
	}
	switch (o->kind) {
	case OUT_DOC:
		rc = render_doc(fp, o->fmt, o->doc, p, f);
		break;
	case OUT_SHEET_DOC:
		/* the PDF sheets are print jobs (write_pdfs) */
		rc = sheet_html_write(fp, p, f);
		break;
	case OUT_KEY:
		rc = key_write(fp, p, f, layouts[o->form].nqr ?
			       &layouts[o->form] : NULL);
		break;
	case OUT_SHEET:
		rc = sheet_write(fp, p, f, "", "");
		break;
	case OUT_CANDIDATE:
		rc = sheet_write(fp, p, f, r->v[o->cand].id,
				 r->v[o->cand].name);
		break;
	case OUT_CANDIDATE_PAPER:
		rc = render_html_candidate(fp, p, f, r->v[o->cand].id,
					   r->v[o->cand].name);
		break;
	case OUT_RESPONSES:
		rc = write_responses(fp, p, r);
		break;
	case OUT_RESPONSES_XLSX:
		rc = write_responses_xlsx(path, p, r);
		break;
	case OUT_HANDOUT:
		rc = pdf_handout_write(fp, o->fmt, p, copies, ncopies);
		break;
	case OUT_PRINT:
	case OUT_GUIDES:
		break;
	}
	free(path);
	if ((fp && outset_close(fp) < 0) || rc < 0) {
		diags_errno(d, errno, NULL, "cannot write '%s'", o->path);
		return -1;
	}
	return 0;
}

/* A seed from the operating system in 1..2^53. */
static int os_seed(uint64_t *seed)
{
	uint64_t v = 0;
	ssize_t n = getrandom(&v, sizeof(v), 0);

	if (n != (ssize_t)sizeof(v)) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

		n = fd < 0 ? -1 : read(fd, &v, sizeof(v));
		if (fd >= 0)
			close(fd);
		if (n != (ssize_t)sizeof(v))
			return -1;
	}
	*seed = v % SEED_LIMIT + 1;
	return 0;
}

/* Read the parsed command line into o; EXIT_DONE or a usage error. */
static int read_args(const struct cmd_args *a, struct build_opts *o)
{
	const struct cmd_optval *banks = cmdline_arg(a, "bank");
	const char *formats = cmdline_arg_text(a, "format"), *bad;

	o->banks = banks->v;
	o->nbanks = banks->n;
	o->has_seed = cmdline_arg_given(a, "seed");
	o->seed = cmdline_arg(a, "seed")->num;
	o->forms = (unsigned)cmdline_arg(a, "forms")->num;
	o->roster = cmdline_arg_text(a, "roster");
	o->out = cmdline_arg_text(a, "out");
	o->force = cmdline_arg_given(a, "force");
	o->split = cmdline_arg_given(a, "split");
	if (a->noperands == 0)
		return cmdline_usage_error(&cmd_build_entry, "no template given");
	if (a->noperands > 1)
		return cmdline_usage_error(&cmd_build_entry,
			"more than one template ('%s' and '%s')",
			a->operands[0], a->operands[1]);
	o->template = a->operands[0];
	if (render_fmt_parse(formats ? formats : DEFAULT_FORMATS, &o->formats,
			     &bad) < 0)
		return cmdline_usage_error(&cmd_build_entry,
			"unknown format '%.*s' (use txt, md, html or pdf)",
			(int)strcspn(bad, ","), bad);
	return EXIT_DONE;
}

/* Print the diagnostics of a run that stops here (unusable: a template,
 * bank or roster could not be loaded at all, which refuses the run). */
static void report(struct diags *d, bool unusable)
{
	if (unusable)
		diags_raise(d, DIAG_REFUSED);
	diags_sort(d);
	diags_unique(d);
	diags_print(d, stderr);
	if (diags_exit(d) == EXIT_PROBLEMS)
		fprintf(stderr, "examgen: %zu problem%s found, nothing "
			"written\n", d->errors, d->errors == 1 ? "" : "s");
}

/* Refuse, in d, an output that exists; -1. */
static int refuse_existing(const char *path, struct diags *d)
{
	diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' already exists (use "
		   "--force to replace it); nothing written", path);
	return -1;
}

/* Refuse to replace existing files without --force; 0 if none. */
static int check_existing(const struct plan *pl, bool force, struct diags *d)
{
	if (force)
		return 0;
	for (size_t i = 0; i < pl->n; i++)
		if (fileio_exists(pl->v[i].path))
			return refuse_existing(pl->v[i].path, d);
	return 0;
}

/* Write every planned file as one set: into a staging folder beside the
 * output folder, then swapped in whole, so the folder never holds parts
 * of two builds and a failure part way changes nothing.  0, or -1 with
 * the failure in d. */
static int write_all(const struct plan *pl, const struct build_opts *o,
		     const struct paper *p, const struct roster *r,
		     struct diags *d)
{
	struct outset set;
	const char *clash;
	char *path;
	struct pdf_copy *copies = NULL, *forms;
	struct page_layout *layouts = calloc(p->nforms, sizeof(*layouts));
	size_t ncopies = r ? r->n : p->nforms;
	int rc = -1;

	outset_init(&set);
	if (!layouts) {
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "%s",
			   diag_errno(ENOMEM));
		goto out;
	}
	switch (outset_open(&set, o->out, p->tpl->code)) {
	case OUTSET_OK:
		break;
	case OUTSET_CWD:
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' is the current "
			   "folder or holds it, and cannot be replaced as a "
			   "whole; give a folder below it with --out", o->out);
		goto out;
	default:
		diags_errno(d, errno, NULL, "cannot create folder '%s'",
			    o->out);
		goto out;
	}
	copies = calloc(ncopies + p->nforms, sizeof(*copies));
	if (!copies) {
		diags_oom(d);
		goto out;
	}
	forms = copies + ncopies;
	for (size_t i = 0; i < p->nforms; i++)
		forms[i].f = &p->forms[i];
	for (size_t i = 0; i < ncopies; i++)
		copies[i] = r ? (struct pdf_copy){ &p->forms[i % p->nforms],
						    r->v[i].id, r->v[i].name } :
				forms[i];
	if (write_pdfs(pl, p, copies, ncopies, forms, &set, layouts, d) < 0)
		goto out;
	for (size_t i = 0; i < pl->n; i++)
		if (!is_pdf_job(&pl->v[i]) &&
		    write_output(&pl->v[i], p, r, copies, ncopies, layouts,
				 &set, d) < 0)
			goto out;
	switch (outset_commit(&set, o->force, &clash)) {
	case OUTSET_OK:
		rc = 0;
		break;
	case OUTSET_EXISTS:
		/* a concurrent run wrote the folder first */
		path = fileio_join(o->out, clash);
		refuse_existing(path ? path : o->out, d);
		free(path);
		break;
	default:
		/* the folder is replaced as a whole, from beside it */
		if (errno == EBUSY || errno == EXDEV)
			diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "cannot write "
				   "the outputs into '%s': it is a mount point "
				   "(or on another file system than the folder "
				   "that holds it), and a build replaces its "
				   "folder as a whole; use a folder inside it, "
				   "such as '%s/exam'", o->out, o->out);
		else
			diags_errno(d, errno, NULL, "cannot write the outputs "
				    "into '%s'", o->out);
		break;
	}
	if (set.kept)
		diags_add(d, DIAG_WARNING, NULL, 0, 0, "'%s' holds files "
			  "examgen did not write; left in place", set.kept);
out:
	outset_release(&set);
	free(copies);
	for (size_t i = 0; layouts && i < p->nforms; i++)
		page_layout_release(&layouts[i]);
	free(layouts);
	return rc;
}

/* Assemble the paper and write it out. */
static int build(struct build_opts *o)
{
	struct diags d = DIAGS_INIT;
	struct template *t = NULL;
	struct paper *p = NULL;
	struct bankset bs;
	struct roster ros;
	struct plan pl = { 0 };
	char *out = NULL;
	bool bad = false;
	bool unusable = false;
	int rc, r;

	bankset_init(&bs);
	roster_init(&ros);
	t = template_load(o->template, &d, &bad);
	if (!t) {
		report(&d, true);
		goto out;
	}
	/* a build over the limits is refused before any work */
	if (template_check_limits(t, o->forms ? o->forms : t->forms, &d)) {
		report(&d, false);
		goto out;
	}
	r = bankset_load_all(&bs, (const char *const *)t->banks, t->nbanks,
			     o->banks, o->nbanks, &d);
	if (r < 0)
		unusable = true;
	else if (r > 0)
		bad = true;
	if (bs.nbanks == 0 && !unusable) {
		diags_error(&d, t->path, 1, 1, "the template names no banks "
			    "(add 'banks:' or use --bank)");
		bad = true;
	}
	if (!bad && !unusable && template_check(t, &bs, &d) != 0)
		bad = true;
	if (o->roster && (r = roster_load(&ros, o->roster, &d)) != 0)
		unusable = unusable || r < 0;
	if (bad || unusable || d.errors) {
		report(&d, unusable);
		goto out;
	}
	if (!o->has_seed) {
		if (os_seed(&o->seed) < 0) {
			diags_errno(&d, errno, NULL, "cannot get a random "
				    "seed from the system");
			goto out;
		}
		fprintf(stderr, "examgen: seed %" PRIu64 " (use --seed %"
			PRIu64 " to rebuild this paper)\n", o->seed, o->seed);
	}
	if (script_convert_template(t, &d) < 0)
		goto out;
	p = paper_assemble(t, &bs, o->seed, o->forms, &d);
	if (!p) {
		report(&d, false);
		/* a paper not drawn without a word said is a system error */
		if (!diags_exit(&d))
			diags_raise(&d, DIAG_SYSTEM);
		goto out;
	}
	if (script_convert_paper(p, &d) < 0)
		goto out;
	if (!o->out) {
		out = malloc(strlen(t->code) + 32);
		if (!out) {
			diags_oom(&d);
			goto out;
		}
		sprintf(out, "out/%s-%" PRIu64, t->code, o->seed);
		o->out = out;
	}
	if (plan_make(&pl, o, p, o->roster ? &ros : NULL) < 0) {
		diags_errno(&d, errno, NULL, "cannot plan the outputs");
		goto out;
	}
	if (check_existing(&pl, o->force, &d) == 0 &&
	    write_all(&pl, o, p, o->roster ? &ros : NULL, &d) == 0) {
		diags_print(&d, stderr);
		fprintf(stderr, "examgen: wrote %zu files to %s\n", pl.n,
			o->out);
		printf("%s\n", o->out);
	}
out:
	diags_print(&d, stderr);
	rc = diags_exit(&d);
	plan_release(&pl);
	paper_free(p);
	template_free(t);
	bankset_release(&bs);
	roster_release(&ros);
	diags_release(&d);
	free(out);
	return rc;
}

/* Run build. */
static int cmd_build_exec(const struct cmd_args *a)
{
	struct build_opts o = { 0 };
	int rc = read_args(a, &o);

	if (rc == EXIT_DONE)
		rc = build(&o);
	return rc;
}

const struct cmd_entry cmd_build_entry = {
	.name = "build",
	.usage = "build TEMPLATE [--bank PATH]... [--seed N] [--forms K] "
		 "[--roster FILE] [--format txt,md,html[,pdf]] [--split] "
		 "[--out DIR] [--force]",
	.help =
	"Draw a paper from a template and its question banks, and write for\n"
	"each form F (A, B, ...) into the output folder:\n"
	"  CODE-F.paper.FMT   the printable paper with its answer-sheet page\n"
	"                     (never any answers)\n"
	"  CODE-F.guide.FMT   the marker's guide: the table of answers the\n"
	"                     sheet's bubbles are checked against, scoring\n"
	"                     rules, rubric criteria named as on the sheet's\n"
	"                     score rows, reference answers, keys and\n"
	"                     deductions\n"
	"  CODE-F.key.yaml    the answer key that 'examgen grade' reads\n"
	"  CODE-F.sheet.yaml  a blank answer sheet to fill in for grading\n"
	"With pdf, the papers go into one print file instead, CODE.print.pdf:\n"
	"every paper in hand-out order (one per form, or one per candidate\n"
	"with --roster), each starting on an odd page and every form padded\n"
	"to the same page count with pages marked blank; and the guides into\n"
	"CODE.guide.pdf, each form's once.  With --roster, CODE.handout.csv\n"
	"(and CODE.handout.pdf) list who gets which form in that order, with\n"
	"a signature column.\n",
	.options = (const struct cmd_option[]){
		{ .name = "bank", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a bank file or a folder of *.yaml / *.yml banks, "
			  "added to the template's 'banks:'; may be "
			  "repeated" },
		{ .name = "seed", .arg = "N", .type = OPT_UINT,
		  .min = 0, .max = UINT64_MAX,
		  .help = "the seed of the draw and shuffles (0 to 2^64-1); "
			  "the same template, banks and seed give "
			  "byte-identical files. Without it a seed is drawn "
			  "from the system and printed on standard error" },
		{ .name = "forms", .arg = "K", .type = OPT_UINT,
		  .min = 1, .max = PAPER_MAX_FORMS,
		  .help = "number of forms instead of the template's "
			  "'forms: {count: K}'; named A..Z, then AA, AB..." },
		{ .name = "roster", .arg = "FILE", .type = OPT_TEXT,
		  .help = "a CSV file with the columns id,name (UTF-8 or "
			  "GB18030): writes sheets/ID.sheet.yaml per "
			  "candidate, forms dealt in turn (A, B, A, ...), "
			  "with html papers/ID.paper.html (the paper printed "
			  "for the candidate, name and id filled in), and "
			  "responses.csv with one row per candidate" },
		{ .name = "format", .arg = "LIST", .type = OPT_TEXT,
		  .help = "comma list of txt, md, html, pdf (default "
			  DEFAULT_FORMATS "); html is print-ready A4" },
		{ .name = "split", .type = OPT_FLAG,
		  .help = "with pdf, also write CODE-F.paper.pdf and "
			  "CODE-F.guide.pdf for each form" },
		{ .name = "out", .arg = "DIR", .type = OPT_TEXT,
		  .help = "output folder (default out/CODE-SEED)" },
		{ .name = "force", .type = OPT_FLAG,
		  .help = "replace this paper's earlier build in the "
			  "folder as a whole (other files there are kept); "
			  "without it nothing is written if any output "
			  "already exists" },
		{ 0 },
	},
	.help_tail =
	"Standard output gets the output folder; messages go to standard\n"
	"error.  Exit: 0 written; 1 problems in the template, banks or\n"
	"roster (all reported, nothing written); 2 usage error, missing\n"
	"file or an output that already exists; 3 system error.\n",
	.exec = cmd_build_exec,
};
