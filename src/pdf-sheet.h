/* pdf-sheet.h - the machine-readable answer sheet as PDF pages, drawn from
 * its layout (sheet-layout.h), for the paper's print files and on its own
 * as CODE-F.sheet.pdf. */
#ifndef EXAMGEN_PDF_SHEET_H
#define EXAMGEN_PDF_SHEET_H

#include <stdio.h>

#include "paper.h"
#include "pdf-doc.h"

/* Draw the answer-sheet pages of form f of paper p on cr, a surface of
 * A4 pages in points, each page ended with cairo_show_page(): printed for
 * candidate cand_id/cand_name, or blank (with the candidate-id grid) when
 * cand_id is NULL.  With total > 0 each page carries the document's page
 * number at its foot, the first being page `first` of total.  d lends its
 * fonts.  0, or -1 when out of memory or cairo failed. */
int pdf_sheet_draw(cairo_t *cr, struct pdf_doc *d, const struct paper *p,
		   const struct paper_form *f, const char *cand_id,
		   const char *cand_name, unsigned first, unsigned total);
/* The number of pages of form f's answer sheet; -1 when out of memory. */
int pdf_sheet_pages(const struct paper *p, const struct paper_form *f);
/* Write the blank answer sheet of form f alone as a PDF to fp.  0, or -1
 * with errno set. */
int render_sheet_pdf(FILE *fp, const struct paper *p,
		     const struct paper_form *f);

#endif
