/* SPDX-License-Identifier: GPL-3.0-or-later */
/* html-escape.h - text into HTML and SVG: the one escaper of the HTML
 * paper, guide and answer sheet. */
#ifndef EXAMGEN_RENDER_HTML_ESCAPE_H
#define EXAMGEN_RENDER_HTML_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Write the len bytes of s to fp as HTML text or attribute value: & < > "
 * and ' as entities, carriage returns dropped (HTML reads a line break
 * without them). */
void html_escape(FILE *fp, const char *s, size_t len);

#endif
