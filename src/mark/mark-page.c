/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-page.c - the embedded marking page and its policy (see
 * mark-page.h).  The page's bytes come from src/mark/marking.html through
 * the assembler's .incbin (the Makefile makes this object depend on it). */
#include "mark/mark-page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "render/html-escape.h"

#define CSP_MAX 512

extern const char mark_page_html[];
__asm__(".section .rodata\n"
	".global mark_page_html\n"
	".type mark_page_html, @object\n"
	"mark_page_html:\n"
	".incbin \"src/mark/marking.html\"\n"
	".byte 0\n"
	".previous\n");

/* The page with the title in place. */
char *mark_page_render(const char *title, size_t *len)
{
	const char *p = mark_page_html, *at;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (!fp)
		return NULL;
	while ((at = strstr(p, "{{TITLE}}"))) {
		fwrite(p, 1, (size_t)(at - p), fp);
		html_escape(fp, title, strlen(title));
		p = at + strlen("{{TITLE}}");
	}
	fputs(p, fp);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Base64 of the 32 bytes of a digest into out (45 bytes). */
static void base64_digest(const unsigned char in[32], char out[45])
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < 33; i += 3) {
		unsigned v = (unsigned)in[i] << 16 |
			     (i + 1 < 32 ? (unsigned)in[i + 1] << 8 : 0) |
			     (i + 2 < 32 ? in[i + 2] : 0);

		out[o++] = abc[v >> 18 & 63];
		out[o++] = abc[v >> 12 & 63];
		out[o++] = i + 1 < 32 ? abc[v >> 6 & 63] : '=';
		out[o++] = i + 2 < 32 ? abc[v & 63] : '=';
	}
	out[o] = '\0';
}

/* 'sha256-...' of the text between the first open and close tags. */
static void inline_hash(const char *open, const char *close, char out[64])
{
	const char *a = strstr(mark_page_html, open), *b;
	unsigned char dg[32];
	char b64[45];
	struct sha256 s;

	a = a ? a + strlen(open) : mark_page_html;
	b = strstr(a, close);
	sha256_init(&s);
	sha256_update(&s, a, b ? (size_t)(b - a) : 0);
	sha256_final(&s, dg);
	base64_digest(dg, b64);
	snprintf(out, 64, "'sha256-%s'", b64);
}

/* The page's Content-Security-Policy. */
char *mark_page_csp(void)
{
	char script[64], style[64], *csp = malloc(CSP_MAX);

	if (!csp)
		return NULL;
	inline_hash("<script>", "</script>", script);
	inline_hash("<style>", "</style>", style);
	snprintf(csp, CSP_MAX, "default-src 'none'; script-src %s; style-src %s; "
		     "img-src blob:; connect-src 'self'; base-uri 'none'; "
		 "form-action 'none'; frame-ancestors 'none'", script, style);
	return csp;
}
