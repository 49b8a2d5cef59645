/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-syntax.c - PDF tokens and values (see pdf-syntax.h). */
#include "pdf/pdf-syntax.h"

#include <stdio.h>
#include <string.h>

#include "base/array.h"

/* True for PDF white space. */
static bool is_space(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	       c == ' ';
}

/* True for a PDF delimiter. */
static bool is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* True for a regular character (part of a number, keyword or name). */
static bool is_regular(unsigned char c)
{
	return !is_space(c) && !is_delim(c);
}

/* The place after the white space and comments at b[p..z). */
size_t pdf_skip(const unsigned char *b, size_t p, size_t z)
{
	while (p < z) {
		if (b[p] == '%')
			while (p < z && b[p] != '\n' && b[p] != '\r')
				p++;
		else if (is_space(b[p]))
			p++;
		else
			break;
	}
	return p;
}

/* The end of the token at b[p] (p < z, not white space); PDF_BAD when a
 * string runs past z. */
size_t pdf_token_end(const unsigned char *b, size_t p, size_t z)
{
	size_t q = p + 1;

	switch (b[p]) {
	case '(': {
		int depth = 1;

		for (; q < z && depth; q++)
			if (b[q] == '\\')
				q++;
			else if (b[q] == '(')
				depth++;
			else if (b[q] == ')')
				depth--;
		return depth || q > z ? PDF_BAD : q;
	}
	case '<':
		if (q < z && b[q] == '<')
			return q + 1;
		while (q < z && b[q] != '>')
			q++;
		return q < z ? q + 1 : PDF_BAD;
	case '>':
		return q < z && b[q] == '>' ? q + 1 : PDF_BAD;
	case '/':
		break;
	default:
		if (!is_regular(b[p]))
			return q;
	}
	while (q < z && is_regular(b[q]))
		q++;
	return q;
}

/* True when the token b[a, e) is the string s. */
bool pdf_token_is(const unsigned char *b, size_t a, size_t e,
		  const char *s)
{
	size_t n = strlen(s);

	return e - a == n && !memcmp(b + a, s, n);
}

/* The non-negative integer token b[a, e) as *v; false if it is none. */
bool pdf_token_int(const unsigned char *b, size_t a, size_t e, size_t *v)
{
	size_t n = 0;

	if (a == e || e - a > 12)
		return false;
	for (size_t i = a; i < e; i++) {
		if (b[i] < '0' || b[i] > '9')
			return false;
		n = n * 10 + (size_t)(b[i] - '0');
	}
	*v = n;
	return true;
}

/* An indirect reference "N G R" at b[p] (a token's start): its object
 * number and end; false if there is none. */
bool pdf_ref_at(const unsigned char *b, size_t p, size_t z, size_t *num,
		size_t *end)
{
	size_t e = pdf_token_end(b, p, z), q, gen;

	if (e == PDF_BAD || !pdf_token_int(b, p, e, num))
		return false;
	q = pdf_skip(b, e, z);
	if (q >= z)
		return false;
	e = pdf_token_end(b, q, z);
	if (e == PDF_BAD || !pdf_token_int(b, q, e, &gen) || gen != 0)
		return false;
	q = pdf_skip(b, e, z);
	if (q >= z || b[q] != 'R' || (q + 1 < z && is_regular(b[q + 1])))
		return false;
	*end = q + 1;
	return true;
}


/* Append n bytes to out. */
void pdf_put(struct pdf_bytes *out, const void *s, size_t n)
{
	if (out->oom)
		return;
	if (out->len + n > out->cap &&
	    array_grow(&out->b, &out->cap, out->len + n, 1) < 0) {
		out->oom = true;
		return;
	}
	memcpy(out->b + out->len, s, n);
	out->len += n;
}

/* Append the string s to out. */
void pdf_puts(struct pdf_bytes *out, const char *s)
{
	pdf_put(out, s, strlen(s));
}

/* Append a token to out, after a space when two regular characters would
 * otherwise meet. */
static void pdf_put_token(struct pdf_bytes *out, const void *s, size_t n)
{
	if (n && out->len && is_regular(out->b[out->len - 1]) &&
	    is_regular(*(const unsigned char *)s))
		pdf_put(out, " ", 1);
	pdf_put(out, s, n);
}

/* Walk the value at b[p] (after white space), depth deep; its end, or
 * PDF_BAD with w->bad set. */
size_t pdf_walk_value(struct pdf_walk *w, size_t p, size_t z, int depth)
{
	const unsigned char *b = w->f->b;
	size_t e, num;
	bool key;

	if (p >= z || depth > PDF_MAX_DEPTH)
		goto bad;
	if (pdf_ref_at(b, p, z, &num, &e)) {
		if (num >= w->f->nobj || !w->f->obj[num].used)
			goto bad;
		if (w->out) {
			char s[32];

			if (w->map[num])
				snprintf(s, sizeof(s), "%zu 0 R", w->map[num]);
			else
				snprintf(s, sizeof(s), "null");
			pdf_put_token(w->out, s, strlen(s));
		} else if (w->collect) {
			if (ARRAY_GROW(w->refs, w->cap, w->nrefs + 1) < 0)
				goto bad;
			w->refs[w->nrefs++] = num;
		}
		return e;
	}
	e = pdf_token_end(b, p, z);
	if (e == PDF_BAD)
		goto bad;
	if (w->out)
		pdf_put_token(w->out, b + p, e - p);
	if (pdf_token_is(b, p, e, "<<")) {
		for (p = pdf_skip(b, e, z); p < z && !(b[p] == '>' && p + 1 < z &&
						    b[p + 1] == '>');
		     p = pdf_skip(b, p, z)) {
			e = pdf_token_end(b, p, z);
			if (e == PDF_BAD || b[p] != '/')
				goto bad;
			if (w->out)
				pdf_put_token(w->out, b + p, e - p);
			key = depth == 0 && w->key && pdf_token_is(b, p, e, w->key);
			p = pdf_skip(b, e, z);
			if (key) {
				/* the replaced value is skipped unwalked */
				struct pdf_walk quiet = *w;

				quiet.out = NULL;
				quiet.collect = false;
				p = pdf_walk_value(&quiet, p, z, depth + 1);
				if (quiet.bad)
					goto bad;
				if (w->out)
					pdf_put_token(w->out, w->value,
						  strlen(w->value));
				continue;
			}
			p = pdf_walk_value(w, p, z, depth + 1);
			if (w->bad)
				return PDF_BAD;
		}
		if (p >= z)
			goto bad;
		if (w->out)
			pdf_put(w->out, ">>", 2);
		return p + 2;
	}
	if (pdf_token_is(b, p, e, "[")) {
		for (p = pdf_skip(b, e, z); p < z && b[p] != ']'; p = pdf_skip(b, p, z)) {
			p = pdf_walk_value(w, p, z, depth + 1);
			if (w->bad)
				return PDF_BAD;
		}
		if (p >= z)
			goto bad;
		if (w->out)
			pdf_put(w->out, "]", 1);
		return p + 1;
	}
	/* a lone closing bracket, a keyword or a brace is not a value */
	if (b[p] == ']' || b[p] == '>' || b[p] == ')' || b[p] == '{' ||
	    b[p] == '}' || pdf_token_is(b, p, e, "R") ||
	    pdf_token_is(b, p, e, "obj") || pdf_token_is(b, p, e, "endobj") ||
	    pdf_token_is(b, p, e, "stream"))
		goto bad;
	return e;
bad:
	w->bad = true;
	return PDF_BAD;
}

