/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-paper.h - what the PDF writer's parts share: the state of one
 * copy being laid out (a form's paper or guide, perhaps for one candidate).
 * It borrows the paper, form, candidate and labels; its doc borrows the
 * fonts, which own every layout. */
#ifndef EXAMGEN_PDF_PAPER_H
#define EXAMGEN_PDF_PAPER_H

#include "labels.h"
#include "paper.h"
#include "pdf-doc.h"
#include "render.h"

/* One document being written. */
struct pdf_paper {
	struct pdf_doc doc;
	const struct paper *p;
	const struct paper_form *f;
	const struct labels *lb;
	enum render_doc kind;
	const char *cand_id, *cand_name;	/* NULL: a blank copy */
};

/* Writing system of a paper's labels. */
enum pdf_script pdf_paper_script(const struct paper *p);
/* Lay out and paginate copy c of the paper or guide on pp (whose doc is
 * initialised); -1 when out of memory. */
int pdf_paper_compose(struct pdf_paper *pp, enum render_doc doc,
		      const struct paper *p, const struct pdf_copy *c);
/* Write copies v[0..n) as one PDF on fp with fonts ft, each padded with
 * blank pages to body pages before its answer sheet and to total pages in
 * all (0: each copy to an even count).  0, or -1 with errno set. */
int pdf_write_copies(FILE *fp, struct pdf_fonts *ft, enum render_doc doc,
		     const struct paper *p, const struct pdf_copy *v,
		     size_t n, unsigned body, unsigned total);

/* Writing system of a question's text. */
enum pdf_script pdf_item_script(const struct pdf_paper *pp,
				const struct question *q);
/* The answer-sheet pages of the paper. */
void pdf_sheet(struct pdf_paper *pp);

#endif
