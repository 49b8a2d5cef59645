/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-compose.h - the paper and the marker's guide laid out as PDF pages:
 * title block, sections, questions with their options or answer lines,
 * the guide's answers and rubrics, and the paper's answer sheet; each
 * paper page's QR code and writing regions (page-layout.h). */
#ifndef EXAMGEN_PDF_PDF_COMPOSE_H
#define EXAMGEN_PDF_PDF_COMPOSE_H

#include <stdio.h>

#include "paper/paper.h"
#include "pdf/pdf-doc.h"
#include "pdf/pdf-paper.h"
#include "render/render.h"

/* Lay out and paginate copy c of the paper or guide on pp (whose doc is
 * initialised); -1 when out of memory. */
int pdf_compose_paper(struct pdf_paper *pp, enum render_doc doc,
		      const struct paper *p, const struct pdf_copy *c);
/* Add to out the writing regions of the copy composed on pp
 * (page-layout.h).  -1 when out of memory. */
int pdf_compose_regions(const struct pdf_paper *pp, struct page_layout *out);
/* Add to out the QR codes of the paper pages of a copy of pages pages,
 * body_pages of them before its answer sheet, padded as
 * pdf_write_copies() pads it to body and total pages.  -1 when out of
 * memory. */
int pdf_compose_qrs(struct page_layout *out, unsigned body_pages,
		    unsigned pages, unsigned body, unsigned total);
/* Write copies v[0..n) as one PDF on fp with fonts ft, each padded with
 * blank pages to body pages before its answer sheet and to total pages in
 * all (0: each copy to an even count).  0, or -1 with errno set. */
int pdf_write_copies(FILE *fp, struct pdf_fonts *ft, enum render_doc doc,
		     const struct paper *p, const struct pdf_copy *v,
		     size_t n, unsigned body, unsigned total);

#endif
