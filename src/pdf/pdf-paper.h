/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-paper.h - what the PDF writer's parts share: a printed copy, and the
 * state of one copy being laid out (a form's paper or guide, perhaps for one
 * candidate).  It borrows the paper, form, candidate and labels; its doc
 * borrows the fonts, which own every layout. */
#ifndef EXAMGEN_PDF_PDF_PAPER_H
#define EXAMGEN_PDF_PDF_PAPER_H

#include "paper/labels.h"
#include "paper/paper.h"
#include "pdf/pdf-doc.h"
#include "render/render.h"

/* One printed copy: a form, for a candidate when id is not NULL. */
struct pdf_copy {
	const struct paper_form *f;
	const char *id, *name;
};

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

#endif
