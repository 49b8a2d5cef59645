/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-page.h - the marking page (marking.html beside this file, HTML with
 * its style and script inline, no external resource), embedded in the
 * program, and the Content-Security-Policy that lets exactly its own
 * script and style run. */
#ifndef EXAMGEN_MARK_MARK_PAGE_H
#define EXAMGEN_MARK_MARK_PAGE_H

#include <stddef.h>

/* The page with title (HTML-escaped) in place of each "{{TITLE}}", in a
 * malloc'd buffer of *len bytes; NULL when out of memory. */
char *mark_page_render(const char *title, size_t *len);
/* The Content-Security-Policy of the page into a malloc'd string (the
 * hashes of its inline script and style); NULL when out of memory. */
char *mark_page_csp(void);

#endif
