/* pdf-paper.h - what the PDF writer's parts share: the state of one
 * document being written.  It borrows the paper, form and labels; its doc
 * owns every layout. */
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
	unsigned sheet_pages;		/* answer-sheet pages after the body */
};

/* Writing system of a question's text. */
enum pdf_script pdf_item_script(const struct pdf_paper *pp,
				const struct question *q);

#endif
