/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.h - printable documents of one paper form: the paper (never
 * answers), the marker's guide, and the answer sheets.  Each writer returns
 * 0, or -1 on a write error (errno kept). */
#ifndef EXAMGEN_RENDER_H
#define EXAMGEN_RENDER_H

#include <stdio.h>

#include "paper.h"

enum render_doc { DOC_PAPER, DOC_GUIDE };
enum render_fmt { FMT_TXT, FMT_MD, FMT_HTML, FMT_PDF, FMT_COUNT };

/* File name extension of a format ("txt", ...). */
const char *render_fmt_ext(enum render_fmt f);
/* Parse a comma list such as "txt,md,html" into a bit set of formats;
 * -1 if a name is unknown (*bad points at it). */
int render_fmt_parse(const char *list, unsigned *set, const char **bad);

/* Write the paper or guide of form f in format fmt to fp. */
int render_doc(FILE *fp, enum render_fmt fmt, enum render_doc doc,
	       const struct paper *p, const struct paper_form *f);
/* One printed copy: a form, for a candidate when id is not NULL. */
struct pdf_copy {
	const struct paper_form *f;
	const char *id, *name;
};

/* One PDF file of a build: copies of the paper or of the guide, in order.
 * err is set by render_pdf_jobs: 0, or the errno of its failure. */
struct pdf_job {
	FILE *fp;
	enum render_doc doc;
	const struct pdf_copy *copies;
	size_t ncopies;
	int err;
};

/* Write every PDF job of paper p, spread over the processor cores; the
 * files are the same bytes whatever the spread.  Every paper is padded
 * with blank pages to the page count of the longest form, its answer sheet
 * starting on an odd page; every guide copy has an even page count, so
 * each copy of a print file starts on an odd page.  0, or -1 when a job
 * failed (its err says why). */
int render_pdf_jobs(const struct paper *p, struct pdf_job *jobs, size_t n);
/* The hand-out list of copies v[0..n) in print order (id, name, form, a
 * signature column): fmt FMT_PDF for a printable table, else CSV. */
int render_handout(FILE *fp, enum render_fmt fmt, const struct paper *p,
		   const struct pdf_copy *v, size_t n);
/* The paper or guide of form f alone as PDF (padded as above). */
int render_pdf(FILE *fp, enum render_doc doc, const struct paper *p,
	       const struct paper_form *f);

/* A blank answer sheet (SPEC YAML); with id/name the header is filled. */
int sheet_write(FILE *fp, const struct paper *p, const struct paper_form *f,
		const char *id, const char *name);
/* responses.csv header: candidate_id,name,form,paper,build,1..N, one
 * column per question (forms of one paper share item numbering); an
 * essay's column takes the marker's total. */
int responses_write_header(FILE *fp, const struct paper_form *f);
/* One candidate's row of responses.csv for form f of p, answers empty. */
int responses_write_row(FILE *fp, const struct paper *p,
			const struct paper_form *f, const char *id,
			const char *name);

#endif
