/* SPDX-License-Identifier: GPL-3.0-or-later */
/* html-escape.c - text into HTML and SVG (see html-escape.h). */
#include "render/html-escape.h"

/* See html-escape.h. */
void html_escape(FILE *fp, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\r':
			break;
		default:
			fputc(s[i], fp);
		}
	}
}
