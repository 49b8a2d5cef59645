/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.h - RFC 4180 CSV: a reader over a UTF-8 buffer (quoted fields,
 * embedded commas, quotes and newlines, CRLF or LF, ragged rows reported by
 * the caller) and writers that keep text from becoming a formula. */
#ifndef EXAMGEN_BASE_CSV_H
#define EXAMGEN_BASE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELDS 100000
/* The column of the responses CSV in which scan says why a page was not
 * read (its row has no answers); grade makes such a row pending. */
#define SCAN_PROBLEM_COLUMN "scan_problem"

struct csv_row {
	size_t n;		/* number of fields */
	char **fields;		/* NUL-terminated, unquoted; owned by reader */
	size_t *lens;
	unsigned line;		/* 1-based line where the row starts */
	unsigned row;		/* 1-based record number (header = 1) */
};

enum csv_err { CSV_OK = 0, CSV_EOF, CSV_UNTERMINATED, CSV_BAD_QUOTE,
	       CSV_NUL, CSV_TOO_MANY_FIELDS, CSV_ENOMEM };

struct csv_reader {
	const char *buf, *end, *p;
	unsigned line, row;
	char *scratch;		/* field bytes of the current row */
	size_t scratch_cap;
	char **fields;
	size_t *lens, *offs;
	size_t fields_cap;
	unsigned err_line, err_col;	/* where the last error was seen */
};

/* Start reading buf (len bytes, UTF-8, no BOM); the buffer must outlive it. */
void csv_reader_init(struct csv_reader *r, const char *buf, size_t len);
/* Free the reader's scratch memory. */
void csv_reader_release(struct csv_reader *r);
/* Read the next record into row (valid until the next call).  Returns
 * CSV_OK, CSV_EOF, or an error with r->err_line/err_col set.  Blank lines
 * are returned as rows with one empty field. */
enum csv_err csv_next(struct csv_reader *r, struct csv_row *row);
/* Message for an error (lower case). */
const char *csv_strerror(enum csv_err e);

/* Write a text field, quoted when needed; text starting with = + - @, a tab
 * or a CR is prefixed with ' so spreadsheets never run it as a formula. */
void csv_write_text(FILE *fp, const char *s);
/* Write a number in plain decimal: integers without a point, otherwise up
 * to 4 decimals with trailing zeros dropped (never exponent notation). */
void csv_write_number(FILE *fp, double v);
#define FORMAT_NUMBER_MAX 64	/* bytes of a format_number() buffer */
/* Format a number the same way into buf (FORMAT_NUMBER_MAX bytes). */
const char *format_number(double v, char *buf);
/* The separator of a CSV text judged from its first line: ',' unless it
 * has no comma but a ';' (European Excel) or a tab ("Unicode Text"). */
char csv_guess_separator(const char *text, size_t len);
/* A malloc'd, NUL-terminated copy of text separated by sep rewritten with
 * commas (fields that hold a comma or quote get quoted); NULL when out of
 * memory. */
char *csv_reseparate(const char *text, size_t len, char sep, size_t *outlen);

#endif
