/* SPDX-License-Identifier: GPL-3.0-or-later */
/* md-escape.c - text into Markdown (see md-escape.h). */
#include "render/md-escape.h"

#include <string.h>

/* Write Markdown text from s on, escaping what could be markup; at_start
 * tells whether s begins a line.  Returns the bytes of s consumed. */
size_t md_escape_chars(FILE *fp, const char *s, bool at_start)
{
	unsigned char c = (unsigned char)*s;
	size_t n = 0;

	if (at_start && c >= '0' && c <= '9') {
		/* "1. text" at a line start would become a list */
		while (s[n] >= '0' && s[n] <= '9')
			n++;
		fwrite(s, 1, n, fp);
		if (s[n] == '.' || s[n] == ')') {
			fputc('\\', fp);
			fputc(s[n++], fp);
		}
		return n;
	}
	if (strchr("\\`*_[]<>|&~", c) ||
	    (at_start && (c == '#' || c == '=' ||
			  ((c == '-' || c == '+') && s[1] == ' '))))
		fputc('\\', fp);
	fputc(c, fp);
	return 1;
}

/* Write a one-line text escaped. */
void md_escape(FILE *fp, const char *s)
{
	for (bool at_start = true; *s; at_start = false)
		s += md_escape_chars(fp, s, at_start);
}
