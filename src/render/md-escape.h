/* SPDX-License-Identifier: GPL-3.0-or-later */
/* md-escape.h - text into Markdown: the one escaper of the Markdown paper,
 * guide and answer sheet, so a title such as "<script>" or "*x*" shows as
 * typed and never becomes markup. */
#ifndef EXAMGEN_RENDER_MD_ESCAPE_H
#define EXAMGEN_RENDER_MD_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write Markdown text from s on, escaping what could be markup; at_start
 * tells whether s begins a line.  Returns the bytes of s consumed. */
size_t md_escape_chars(FILE *fp, const char *s, bool at_start);
/* Write the one-line text s escaped, as the start of a line. */
void md_escape(FILE *fp, const char *s);

#endif
