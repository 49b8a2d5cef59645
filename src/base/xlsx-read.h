/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx-read.h - the cells of one worksheet (the first, or one by name) of
 * an .xlsx workbook held in memory: the zip container (minizip), then the
 * workbook, its relationships, styles, shared strings and the sheet
 * (expat).  Untrusted input: every size is bounded (zip entries, unpacked
 * bytes, XML depth, text per cell, rows and columns) and a workbook that
 * breaks a bound or is damaged is refused with a message naming the
 * part. */
#ifndef EXAMGEN_BASE_XLSX_READ_H
#define EXAMGEN_BASE_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#define XLSX_MAX_ENTRIES 10000			/* zip entries */
#define XLSX_MAX_PART_BYTES ((size_t)64 << 20)	/* one part unpacked */
#define XLSX_MAX_TOTAL_BYTES ((size_t)128 << 20)	/* all but the sheet */
/* The worksheet read is parsed as it is unpacked, never held whole: its
 * limit bounds the time (a 100,000-row responses.xlsx is about 300 MiB). */
#define XLSX_MAX_SHEET_BYTES ((size_t)1 << 30)
#define XLSX_MAX_DEPTH 64			/* XML element nesting */
#define XLSX_MAX_TEXT ((size_t)1 << 20)		/* text of one cell */
#define XLSX_MAX_ROWS 1048576u			/* Excel's own limits */
#define XLSX_MAX_COLS 16384u

/* How a cell's value was stored. */
enum xlsx_kind {
	XLSX_TEXT,		/* a shared, inline or formula string */
	XLSX_NUMBER,		/* text: the number in plain decimal */
	XLSX_DATE,		/* a number in a date format: "YYYY-MM-DD" */
	XLSX_BOOL,		/* "TRUE" or "FALSE" */
	XLSX_ERROR,		/* a formula error such as "#N/A" */
	XLSX_FORMULA,		/* a formula saved without its value (some
				 * libraries write them so): text is '='
				 * and the formula */
};

/* One cell with a value. */
struct xlsx_cell {
	unsigned row, col;	/* 1-based: A1 is row 1, column 1 */
	enum xlsx_kind kind;
	const char *text;	/* UTF-8, valid until the callback returns */
};

/* Called for each cell with a value, row by row, left to right; a
 * non-zero return stops the reading. */
typedef int (*xlsx_cell_fn)(void *ctx, const struct xlsx_cell *c);

enum xlsx_err {
	XLSX_OK,
	XLSX_DAMAGED,		/* not a readable workbook: see the message */
	XLSX_ENOMEM,
	XLSX_STOPPED,		/* the callback returned non-zero */
	XLSX_NO_SHEET,		/* no worksheet of the name asked for */
};

/* Read every cell of the first worksheet of the workbook data[0..len),
 * calling fn(ctx, cell).  For XLSX_DAMAGED, err gets a message (lower
 * case, no full stop). */
enum xlsx_err xlsx_read_cells(const void *data, size_t len, xlsx_cell_fn fn,
			      void *ctx, char *err, size_t errsize);

/* The same for the worksheet named name (NULL: the first one);
 * XLSX_NO_SHEET, without a message, when the workbook has none of that
 * name. */
enum xlsx_err xlsx_read_sheet_cells(const void *data, size_t len,
				    const char *name, xlsx_cell_fn fn,
				    void *ctx, char *err, size_t errsize);

/* Whether data starts like a zip file (and so maybe a workbook). */
bool xlsx_is_zip(const void *data, size_t len);

#endif
