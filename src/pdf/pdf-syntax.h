/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-syntax.h - the PDF syntax that pdf-file.c reads and writes: tokens,
 * indirect references, and a walk over a value that checks it, collects
 * its references or copies it with the objects renumbered. */
#ifndef EXAMGEN_PDF_PDF_SYNTAX_H
#define EXAMGEN_PDF_PDF_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pdf/pdf-file.h"

/* Deepest nesting of arrays and dictionaries read. */
#define PDF_MAX_DEPTH 32
/* A value that is not there (a malformed body). */
#define PDF_BAD SIZE_MAX

/* A walk over an object's body: checking it, collecting its references
 * or writing it renumbered. */
struct pdf_walk {
	const struct pdf_file *f;
	const size_t *map;	/* new numbers by old (0: none), or NULL */
	struct pdf_bytes *out;	/* written here, or NULL */
	bool collect;		/* references go to refs (not written) */
	size_t *refs;
	size_t nrefs, cap;
	const char *key;	/* at depth 1 this key's value ... */
	const char *value;	/* ... becomes this text */
	bool bad;
};

/* The place after the white space and comments at b[p..z). */
size_t pdf_skip(const unsigned char *b, size_t p, size_t z);
/* The end of the token at b[p] (p < z, not white space); PDF_BAD when a
 * string runs past z. */
size_t pdf_token_end(const unsigned char *b, size_t p, size_t z);
/* True when the token b[a, e) is the string s. */
bool pdf_token_is(const unsigned char *b, size_t a, size_t e,
		  const char *s);
/* The non-negative integer token b[a, e) as *v; false if it is none. */
bool pdf_token_int(const unsigned char *b, size_t a, size_t e, size_t *v);
/* An indirect reference "N G R" at b[p] (a token's start): its object
 * number and end; false if there is none. */
bool pdf_ref_at(const unsigned char *b, size_t p, size_t z, size_t *num,
		size_t *end);
/* Append n bytes to out. */
void pdf_put(struct pdf_bytes *out, const void *s, size_t n);
/* Append the string s to out. */
void pdf_puts(struct pdf_bytes *out, const char *s);
/* Walk the value at b[p] (after white space), depth deep; its end, or
 * PDF_BAD with w->bad set. */
size_t pdf_walk_value(struct pdf_walk *w, size_t p, size_t z, int depth);

#endif
