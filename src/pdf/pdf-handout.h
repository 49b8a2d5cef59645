/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-handout.h - the hand-out list of a roster build: who gets which form,
 * in the order the print file stacks the papers, with a column for the
 * candidate's signature; as CSV and as a printable PDF table. */
#ifndef EXAMGEN_PDF_PDF_HANDOUT_H
#define EXAMGEN_PDF_PDF_HANDOUT_H

#include <stdio.h>

#include "paper/paper.h"
#include "pdf/pdf-paper.h"
#include "render/render.h"

/* The hand-out list of copies v[0..n) in print order (id, name, form, a
 * signature column): fmt FMT_PDF for a printable table, else CSV.  0, or
 * -1 with errno set. */
int pdf_handout_write(FILE *fp, enum render_fmt fmt, const struct paper *p,
		      const struct pdf_copy *v, size_t n);

#endif
