/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-html.h - the machine-readable answer sheet in HTML (inline SVG
 * pages drawn from the sheet layout), inside the HTML paper and on its own
 * as CODE-F.sheet.html. */
#ifndef EXAMGEN_RENDER_SHEET_HTML_H
#define EXAMGEN_RENDER_SHEET_HTML_H

#include <stdio.h>

#include "paper/paper.h"

/* The CSS the SVG pages need (a margin-free A4 page each). */
extern const char sheet_html_css[];

/* Write the answer-sheet pages of form f of paper p
 * as SVG elements to fp, printed for cand_id/cand_name or blank when
 * cand_id is NULL.  0, or -1 when out of memory or a write failed. */
int sheet_html_pages(FILE *fp, const struct paper *p,
		     const struct paper_form *f, const char *cand_id,
		     const char *cand_name);
/* Write the blank answer sheet of form f alone as an HTML document. */
int sheet_html_write(FILE *fp, const struct paper *p,
		     const struct paper_form *f);

#endif
