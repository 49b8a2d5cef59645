/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-text.h - the paper and the marker's guide as plain text (for
 * printing from any editor) and as Markdown. */
#ifndef EXAMGEN_RENDER_RENDER_TEXT_H
#define EXAMGEN_RENDER_RENDER_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "render/render.h"

/* Write the paper or guide of form f as text (md false) or Markdown. */
int render_text(FILE *fp, bool md, enum render_doc doc,
		const struct paper *p, const struct paper_form *f);

#endif
