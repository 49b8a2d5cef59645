/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-sheet.h - the machine-readable answer sheet as PDF pages, drawn from
 * its layout (sheet-layout.h), for the paper's print files and on its own
 * as CODE-F.sheet.pdf. */
#ifndef EXAMGEN_PDF_PDF_SHEET_H
#define EXAMGEN_PDF_PDF_SHEET_H

#include <stdio.h>

#include "paper/paper.h"
#include "pdf/pdf-doc.h"
#include "pdf/pdf-paper.h"

/* The answer-sheet pages of the paper being composed on pp. */
void pdf_sheet(struct pdf_paper *pp);
/* Draw page `page` (1-based) of the answer sheet of copy pp on cr, an A4
 * page in points: the sheet printed for pp->cand_id/cand_name, or blank
 * (with the candidate-id grid) when cand_id is NULL.  0, or -1 when out
 * of memory or the page does not exist. */
int pdf_sheet_draw_page(cairo_t *cr, struct pdf_doc *d,
			const struct pdf_paper *pp, unsigned page);
/* The number of pages of form f's answer sheet; -1 when out of memory. */
int pdf_sheet_pages(const struct paper *p, const struct paper_form *f);
/* Write the blank answer sheet of form f alone as a PDF to fp, laid out
 * with the fonts ft.  0, or -1 with errno set. */
int pdf_sheet_write(FILE *fp, struct pdf_fonts *ft, const struct paper *p,
		    const struct paper_form *f);

#endif
