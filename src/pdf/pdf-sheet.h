/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-sheet.h - the machine-readable answer sheet as PDF pages, drawn from
 * its layout (sheet-layout.h), for the paper's print files and on its own
 * as CODE-F.sheet.pdf. */
#ifndef EXAMGEN_PDF_PDF_SHEET_H
#define EXAMGEN_PDF_PDF_SHEET_H

#include <stdio.h>

#include "paper/paper.h"
#include "paper/sheet-layout.h"
#include "pdf/pdf-doc.h"
#include "pdf/pdf-file.h"
#include "pdf/pdf-paper.h"

/* The answer-sheet pages of the paper being composed on pp. */
void pdf_sheet(struct pdf_paper *pp);
/* Draw page `page` (1-based) of the answer sheet of copy pp on cr, an A4
 * page in points: the sheet printed for pp->cand_id/cand_name, or blank
 * (with the candidate-id grid) when cand_id is NULL.  0, or -1 when out
 * of memory or the page does not exist. */
int pdf_sheet_draw_page(cairo_t *cr, struct pdf_doc *d,
			const struct pdf_paper *pp, unsigned page);
/* Draw the QR code of text filling square s (millimetres) on cr, an A4
 * page in points; 0, or -1 when it cannot be encoded. */
int pdf_sheet_qr(cairo_t *cr, const struct sheet_square *s, const char *text);
/* The blank answer sheets of every form of a paper, drawn once as one
 * PDF, each form's pages then written as a file of its own: one font
 * subset for all of them. */
struct pdf_sheets {
	const struct paper *p;
	struct pdf_file file;	/* every form's sheet, in form order */
	size_t *first;		/* page of form i's sheet; [nforms]: all */
	bool whole;		/* file was read (else a sheet at a time) */
};

/* Draw the sheets of every form of p with the fonts ft.  0, or -1 with
 * errno set. */
int pdf_sheets_init(struct pdf_sheets *s, struct pdf_fonts *ft,
		    const struct paper *p);
/* Free the sheets. */
void pdf_sheets_release(struct pdf_sheets *s);
/* Write the blank answer sheet of form f (an index into p->forms) alone
 * as a PDF to fp; drawn anew with the fonts ft when s's file could not be
 * read.  0, or -1 with errno set. */
int pdf_sheets_write(const struct pdf_sheets *s, FILE *fp, size_t f,
		     struct pdf_fonts *ft);

#endif
