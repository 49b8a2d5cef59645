/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-text.h - the answer sheet as a plain listing in text and Markdown
 * papers, from the same layout as the printed sheet. */
#ifndef EXAMGEN_RENDER_SHEET_TEXT_H
#define EXAMGEN_RENDER_SHEET_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "paper/paper.h"

/* Write the blank answer sheet of form f of paper p to fp line by line
 * (Markdown when md).  0, or -1 when out of memory or a write failed. */
int sheet_text_write(FILE *fp, bool md, const struct paper *p,
		     const struct paper_form *f);

#endif
