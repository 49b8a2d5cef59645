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
/* PDF writer (cairo + pango), same contract. */
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
