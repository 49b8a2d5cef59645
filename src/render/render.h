/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.h - printable documents of one paper form: the paper (never
 * answers), the marker's guide, and the answer sheets.  Each writer returns
 * 0, or -1 on a write error (errno kept). */
#ifndef EXAMGEN_RENDER_RENDER_H
#define EXAMGEN_RENDER_RENDER_H

#include <stdio.h>

#include "paper/paper.h"

enum render_doc { DOC_PAPER, DOC_GUIDE };
enum render_fmt { FMT_TXT, FMT_MD, FMT_HTML, FMT_PDF, FMT_COUNT };

/* File name extension of a format ("txt", ...). */
const char *render_fmt_ext(enum render_fmt f);
/* Parse a comma list such as "txt,md,html" into a bit set of formats;
 * -1 if a name is unknown (*bad points at it). */
int render_fmt_parse(const char *list, unsigned *set, const char **bad);

/* Write the paper or guide of form f in text format fmt (txt, md or html)
 * to fp; PDF is written by pdf/pdf-print.h.  -1 with errno EINVAL for
 * FMT_PDF. */
int render_doc(FILE *fp, enum render_fmt fmt, enum render_doc doc,
	       const struct paper *p, const struct paper_form *f);

#endif
