/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.c - RFC 4180 reader and formula-safe writers (see csv.h).
 * The reader owns one scratch buffer holding the current row's field bytes
 * and three arrays (fields, lens, offs); all grow as needed and are reused
 * for every row, so reading allocates nothing per field.
 *
 * Leniency, as spreadsheets read CSV: a quote inside an unquoted field is
 * kept literally (a"b is the text a"b), and blanks after a closing quote
 * are ignored.  Any other text after a closing quote is CSV_BAD_QUOTE.
 * After an error other than CSV_ENOMEM the reader resumes at the next
 * line, so a caller can report every bad record. */
#include "base/csv.h"
#include "base/utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that end an unquoted field (1) or interrupt a quoted one (2). */
static const unsigned char csv_stop[256] = {
	['\0'] = 3, ['\n'] = 3, ['\r'] = 3, [','] = 1, ['"'] = 2,
};

/* Start reading buf. */
void csv_reader_init(struct csv_reader *r, const char *buf, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->end = buf + len;
	r->p = buf;
	r->line = 1;
}

/* Free the scratch memory. */
void csv_reader_release(struct csv_reader *r)
{
	free(r->scratch);
	free(r->fields);
	free(r->lens);
	free(r->offs);
	r->scratch = NULL;
	r->fields = NULL;
	r->lens = r->offs = NULL;
	r->scratch_cap = r->fields_cap = 0;
}

/* Message for an error. */
const char *csv_strerror(enum csv_err e)
{
	switch (e) {
	case CSV_OK:
		return "no error";
	case CSV_EOF:
		return "end of file";
	case CSV_UNTERMINATED:
		return "quoted field has no closing quote";
	case CSV_BAD_QUOTE:
		return "unexpected text after the closing quote of a field";
	case CSV_NUL:
		return "NUL byte in text (is this a binary file?)";
	case CSV_TOO_MANY_FIELDS:
		return "row has too many fields (the limit is 100000)";
	case CSV_ENOMEM:
		return "out of memory";
	}
	return "unknown error";
}

/* Record an error at pos on line: the column counts characters (UTF-8
 * lead bytes) from the start of pos's physical line. */
static enum csv_err csv_fail(struct csv_reader *r, enum csv_err e,
			     const char *pos, unsigned line)
{
	const char *s = pos;

	while (s > r->buf && s[-1] != '\n' && s[-1] != '\r')
		s--;
	r->err_line = line;
	r->err_col = 1 + (unsigned)utf8_count(s, (size_t)(pos - s));
	return e;
}

/* Move past the rest of the physical line after a bad record. */
static void csv_skip_line(struct csv_reader *r, const char *p)
{
	while (p < r->end && *p != '\n' && *p != '\r')
		p++;
	if (p < r->end && *p == '\r')
		p++;
	if (p < r->end && *p == '\n')
		p++;
	r->line++;
	r->p = p;
}

/* Make room for need more scratch bytes after used; false if no memory. */
static bool csv_reserve(struct csv_reader *r, size_t used, size_t need)
{
	size_t cap = r->scratch_cap ? r->scratch_cap : 256;
	char *p;

	if (r->scratch_cap - used >= need)
		return true;
	if (need > SIZE_MAX / 2 - used)
		return false;
	while (cap - used < need)
		cap *= 2;
	p = realloc(r->scratch, cap);
	if (!p)
		return false;
	r->scratch = p;
	r->scratch_cap = cap;
	return true;
}

/* Grow the per-field arrays; false if no memory. */
static bool csv_grow_fields(struct csv_reader *r)
{
	size_t cap = r->fields_cap ? r->fields_cap * 2 : 64;
	char **f;
	size_t *l, *o;

	if (cap > CSV_MAX_FIELDS + 1)
		cap = CSV_MAX_FIELDS + 1;
	f = realloc(r->fields, cap * sizeof(*f));
	if (!f)
		return false;
	r->fields = f;
	l = realloc(r->lens, cap * sizeof(*l));
	if (!l)
		return false;
	r->lens = l;
	o = realloc(r->offs, cap * sizeof(*o));
	if (!o)
		return false;
	r->offs = o;
	r->fields_cap = cap;
	return true;
}

/* Read a quoted field starting at the opening quote *pp into scratch at
 * *used; on success *pp is just past the closing quote. */
static enum csv_err csv_quoted(struct csv_reader *r, const char **pp,
			       size_t *used)
{
	const char *q = *pp, *p = q + 1, *end = r->end;
	unsigned qline = r->line;

	for (;;) {
		const char *s = p;
		size_t len;

		while (s < end && !(csv_stop[(unsigned char)*s] & 2))
			s++;
		/* the bytes so far plus one that may follow */
		len = (size_t)(s - p);
		if (!csv_reserve(r, *used, len + 2))
			return csv_fail(r, CSV_ENOMEM, s, r->line);
		memcpy(r->scratch + *used, p, len);
		*used += len;
		if (s == end) {
			r->p = end;
			return csv_fail(r, CSV_UNTERMINATED, q, qline);
		}
		p = s + 1;
		switch (*s) {
		case '"':
			if (p < end && *p == '"') {
				r->scratch[(*used)++] = '"';
				p++;
				continue;
			}
			*pp = p;
			return CSV_OK;
		case '\0':
			return csv_fail(r, CSV_NUL, s, r->line);
		case '\r':
			r->scratch[(*used)++] = '\r';
			if (p < end && *p == '\n') {
				r->scratch[(*used)++] = '\n';
				p++;
			}
			r->line++;
			break;
		default:	/* '\n' */
			r->scratch[(*used)++] = '\n';
			r->line++;
			break;
		}
	}
}

/* Read the next record into row. */
enum csv_err csv_next(struct csv_reader *r, struct csv_row *row)
{
	const char *p = r->p, *end = r->end;
	size_t used = 0, n = 0;
	enum csv_err err;

	if (p >= end)
		return CSV_EOF;
	row->line = r->line;
	row->row = ++r->row;
	for (;;) {
		if (n == CSV_MAX_FIELDS) {
			err = csv_fail(r, CSV_TOO_MANY_FIELDS, p, r->line);
			goto bad;
		}
		if (n == r->fields_cap && !csv_grow_fields(r))
			return csv_fail(r, CSV_ENOMEM, p, r->line);
		r->offs[n] = used;
		if (p < end && *p == '"') {
			err = csv_quoted(r, &p, &used);
			if (err == CSV_UNTERMINATED || err == CSV_ENOMEM)
				return err;
			if (err != CSV_OK)
				goto bad;
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
				err = csv_fail(r, *p ? CSV_BAD_QUOTE : CSV_NUL,
					       p, r->line);
				goto bad;
			}
		} else {
			const char *s = p;
			size_t len;

			while (s < end && !(csv_stop[(unsigned char)*s] & 1))
				s++;
			if (s < end && *s == '\0') {
				err = csv_fail(r, CSV_NUL, s, r->line);
				goto bad;
			}
			len = (size_t)(s - p);
			if (!csv_reserve(r, used, len + 1))
				return csv_fail(r, CSV_ENOMEM, p, r->line);
			memcpy(r->scratch + used, p, len);
			used += len;
			p = s;
		}
		if (!csv_reserve(r, used, 1))
			return csv_fail(r, CSV_ENOMEM, p, r->line);
		r->lens[n] = used - r->offs[n];
		r->scratch[used++] = '\0';
		n++;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end) {
			if (*p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			p++;
			r->line++;
		}
		break;
	}
	r->p = p;
	for (size_t i = 0; i < n; i++)
		r->fields[i] = r->scratch + r->offs[i];
	row->n = n;
	row->fields = r->fields;
	row->lens = r->lens;
	return CSV_OK;
bad:
	csv_skip_line(r, p);
	return err;
}

/* True if s must be quoted: separators, quotes, line breaks, or blanks
 * at either end that a reader might trim. */
static bool csv_needs_quotes(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* True for a byte that starts a control character a terminal would act
 * on: C0 but tab and line breaks (quoted, they are CSV data), DEL, and C1
 * (U+0080..U+009F, C2 80..C2 9F in UTF-8). */
static bool terminal_control(const unsigned char *p)
{
	return (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
	       *p == 0x7F ||
	       (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
}

/* A malloc'd copy of s with every terminal control character shown as its
 * Unicode control picture (U+2400 + c; DEL U+2421; C1 U+FFFD), or NULL
 * when s has none (or on no memory: s is then written as it is). */
static char *control_pictures(const char *s)
{
	const unsigned char *p;
	size_t n = 0;
	char *out, *o;

	for (p = (const unsigned char *)s; *p; p++)
		n += terminal_control(p);
	if (!n || !(out = malloc(strlen(s) + 2 * n + 1)))
		return NULL;
	for (p = (const unsigned char *)s, o = out; *p; p++) {
		if (!terminal_control(p)) {
			*o++ = (char)*p;
			continue;
		}
		if (*p == 0xC2) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			p++;
		} else {
			unsigned cp = *p == 0x7F ? 0x2421 : 0x2400 + *p;

			o[0] = (char)(0xE0 | (cp >> 12));
			o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			o[2] = (char)(0x80 | (cp & 0x3F));
		}
		o += 3;
	}
	*o = '\0';
	return out;
}

/* Write a text field; errors stay in ferror(fp) for the caller to see at
 * outfile_commit.  Control characters never reach a terminal: they are
 * written as their control pictures (ESC as U+241B). */
void csv_write_text(FILE *fp, const char *s)
{
	size_t len;
	bool neutral, quote;
	char *shown;

	if (!s)
		s = "";
	if ((shown = control_pictures(s))) {
		csv_write_text(fp, shown);
		free(shown);
		return;
	}
	len = strlen(s);
	neutral = len && strchr("=+-@\t\r", s[0]) != NULL;
	quote = csv_needs_quotes(s, len);
	if (quote)
		putc('"', fp);
	if (neutral)
		putc('\'', fp);
	if (!quote) {
		fwrite(s, 1, len, fp);
		return;
	}
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		/* up to and including the quote, then its double */
		fwrite(s, 1, (size_t)(q - s) + 1, fp);
		putc('"', fp);
	}
	fputs(s, fp);
	putc('"', fp);
}

/* Format v in plain decimal, at most 4 decimals, no exponent, no locale:
 * NaN and infinities give an empty string. */
const char *format_number(double v, char *buf)
{
	double a = fabs(v);
	long long scaled, ip, fp;
	char *p = buf;

	buf[0] = '\0';
	if (!isfinite(v))
		return buf;
	if (a >= 9e14) {
		/* too big for 4 decimals in 64 bits: whole number only; a
		 * %.0f has no decimal point so the locale cannot show */
		char tmp[400];
		int n = snprintf(tmp, sizeof(tmp), "%.0f", v);

		if (n > 0 && n < FORMAT_NUMBER_MAX)
			memcpy(buf, tmp, (size_t)n + 1);
		return buf;
	}
	scaled = llround(a * 10000.0);
	ip = scaled / 10000;
	fp = scaled % 10000;
	if (v < 0 && scaled)
		*p++ = '-';
	p += snprintf(p, 40, "%lld", ip);
	if (fp) {
		int digits = 4;

		while (fp % 10 == 0) {
			fp /= 10;
			digits--;
		}
		snprintf(p, 8, ".%0*lld", digits, fp);
	}
	return buf;
}

/* Write a number as format_number spells it. */
void csv_write_number(FILE *fp, double v)
{
	char buf[FORMAT_NUMBER_MAX];

	fputs(format_number(v, buf), fp);
}

/* The separator of text judged from its first line that is not blank:
 * ',' unless that line has no comma but a ';' or a tab. */
char csv_guess_separator(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *eol;
	size_t commas = 0, semis = 0, tabs = 0;

	while (p < end && (*p == '\n' || *p == '\r' || *p == ' '))
		p++;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	for (bool quoted = false; p < eol; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
		else if (!quoted && *p == '\t')
			tabs++;
	}
	if (commas || (!semis && !tabs))
		return ',';
	return tabs >= semis ? '\t' : ';';
}

/* A malloc'd copy of text (separated by sep) as comma-separated CSV:
 * quoted fields are kept, unquoted ones that hold a comma or a quote are
 * quoted.  NULL when out of memory. */
char *csv_reseparate(const char *text, size_t len, char sep, size_t *outlen)
{
	/* at worst every byte is a quote doubled inside new quotes */
	char *out = malloc(2 * len + 3), *o = out;
	const char *p = text, *end = text + len;

	if (!out)
		return NULL;
	while (p < end) {
		const char *f = p;
		bool special = false;

		if (*p == '"') {		/* a quoted field, as it is */
			for (p++; p < end; p++)
				if (*p == '"' && (p + 1 >= end || p[1] != '"'))
					break;
				else if (*p == '"')
					p++;
			p = p < end ? p + 1 : p;
			while (p < end && *p != sep && *p != '\n' && *p != '\r')
				p++;
			memcpy(o, f, (size_t)(p - f));
			o += p - f;
		} else {
			for (; p < end && *p != sep && *p != '\n' &&
			       *p != '\r'; p++)
				special = special || *p == ',' || *p == '"';
			if (special)
				*o++ = '"';
			for (const char *q = f; q < p; q++) {
				if (special && *q == '"')
					*o++ = '"';
				*o++ = *q;
			}
			if (special)
				*o++ = '"';
		}
		if (p < end && *p == sep) {
			*o++ = ',';
			p++;
		} else {
			while (p < end && (*p == '\n' || *p == '\r'))
				*o++ = *p++;
		}
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}
