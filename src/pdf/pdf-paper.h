/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-paper.h - what the PDF writer's parts share: a printed copy, and the
 * state of one copy being laid out (a form's paper or guide, perhaps for one
 * candidate).  It borrows the paper, form, candidate and labels; its doc
 * borrows the fonts, which own every layout. */
#ifndef EXAMGEN_PDF_PDF_PAPER_H
#define EXAMGEN_PDF_PDF_PAPER_H

#include "paper/labels.h"
#include "paper/page-layout.h"
#include "paper/paper.h"
#include "pdf/pdf-doc.h"
#include "render/render.h"

/* One printed copy: a form, for a candidate when id is not NULL. */
struct pdf_copy {
	const struct paper_form *f;
	const char *id, *name;
};

/* A marker-scored question's writing space: its ruled lines are the
 * doc's operations first .. first + n - 1. */
struct pdf_writing {
	unsigned question;
	size_t first, n;
};

/* One document being written. */
struct pdf_paper {
	struct pdf_doc doc;
	const struct paper *p;
	const struct paper_form *f;
	const struct labels *lb;
	enum render_doc kind;
	const char *cand_id, *cand_name;	/* NULL: a blank copy */
	unsigned all;			/* pages of the copy, padding included */
	struct pdf_writing *writing;	/* while composing */
	size_t nwriting, writing_cap;
	struct page_layout regions;	/* once paginated: each writing space
					 * on each page it spans (only its
					 * regions) */
	unsigned body;			/* pages before the answer sheet,
					 * blank padding included */
};

/* An empty document laid out with ft (pdf_doc_init). */
void pdf_paper_init(struct pdf_paper *pp, struct pdf_fonts *ft,
		    const struct paper *p);
/* Free what pp holds (not the fonts). */
void pdf_paper_release(struct pdf_paper *pp);
/* Writing system of a paper's labels. */
enum pdf_script pdf_paper_script(const struct paper *p);

#endif
