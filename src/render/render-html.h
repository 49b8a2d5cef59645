/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-html.h - the paper and the marker's guide as one self-contained,
 * print-ready HTML file (inline CSS, A4 pages, no external resources). */
#ifndef EXAMGEN_RENDER_RENDER_HTML_H
#define EXAMGEN_RENDER_RENDER_HTML_H

#include <stdio.h>

#include "render/render.h"

/* Write the paper or guide of form f as HTML. */
int render_html(FILE *fp, enum render_doc doc, const struct paper *p,
		const struct paper_form *f);
/* Write form f's paper printed for one candidate: their name and id in
 * the header and on the answer sheet, the id in the sheet's QR code. */
int render_html_candidate(FILE *fp, const struct paper *p,
			  const struct paper_form *f, const char *id,
			  const char *name);

#endif
