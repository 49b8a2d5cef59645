/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-xlsx.c - Excel answer sheets: the first worksheet's cells become
 * the rows of a CSV text (row N is line N, column K is field K), which the
 * CSV sheet reader grades, so both inputs follow one set of rules.  On the
 * way, cells Excel has retyped are reported: ids stored as numbers where
 * the other ids show leading zeros, and dates.  A workbook written by scan
 * --review brings its reviewer's decisions (read-review.h). */
#include "grade/read-xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/xlsx-read.h"
#include "grade/read-csv.h"
#include "grade/read-review.h"

#define MAX_CSV_BYTES ((size_t)256 << 20)	/* the converted sheet */
#define MAX_ID_WARNINGS 20			/* then one summary line */

/* An id cell stored as a number. */
struct numeric_id {
	unsigned row, col;
	char text[24];
};

/* State while the cells are converted. */
struct conv {
	const char *file;
	struct diags *d;
	char *csv;
	size_t len, cap;
	unsigned row, col;	/* position of the last cell written */
	bool toobig;
	/* the header: its row, width and id column */
	unsigned header_row, header_cols, id_col;
	/* what the ids look like */
	struct numeric_id *nums;
	size_t nnums, nums_cap;
	char padded[24];	/* an id written as text with a leading 0 */
	size_t digits_len;	/* common length of all-digit text ids */
	bool digits_mixed;	/* all-digit text ids of several lengths */
	/* formulas saved without their values */
	size_t nformulas;
	unsigned formula_row, formula_col;
};

/* Append n bytes to the CSV text; -1 on no memory or over the limit. */
static int put(struct conv *cv, const char *s, size_t n)
{
	if (cv->len + n + 1 > MAX_CSV_BYTES) {
		cv->toobig = true;
		return -1;
	}
	if (cv->len + n + 1 > cv->cap) {
		size_t cap = cv->cap ? cv->cap : 4096;
		char *p;

		while (cap < cv->len + n + 1)
			cap *= 2;
		p = realloc(cv->csv, cap);
		if (!p)
			return -1;
		cv->csv = p;
		cv->cap = cap;
	}
	memcpy(cv->csv + cv->len, s, n);
	cv->len += n;
	cv->csv[cv->len] = '\0';
	return 0;
}

/* Append a quoted CSV field; line breaks in the cell become spaces so
 * that each row stays one line. */
static int put_field(struct conv *cv, const char *text)
{
	if (put(cv, "\"", 1))
		return -1;
	for (const char *p = text; *p; p++) {
		size_t run = strcspn(p, "\"\r\n");

		if (put(cv, p, run))
			return -1;
		p += run;
		if (!*p)
			break;
		if (*p == '"' ? put(cv, "\"\"", 2) : put(cv, " ", 1))
			return -1;
	}
	return put(cv, "\"", 1);
}

/* Whether s is all ASCII digits (and not empty). */
static bool all_digits(const char *s)
{
	return *s && s[strspn(s, "0123456789")] == '\0';
}

/* Note what an id cell under the header looks like. */
static int note_id(struct conv *cv, const struct xlsx_cell *c)
{
	size_t n = strlen(c->text);

	if (c->kind == XLSX_NUMBER && all_digits(c->text)) {
		struct numeric_id *v;

		if (ARRAY_GROW(cv->nums, cv->nums_cap, cv->nnums + 1) < 0)
			return -1;
		v = &cv->nums[cv->nnums++];
		v->row = c->row;
		v->col = c->col;
		snprintf(v->text, sizeof(v->text), "%s", c->text);
	} else if (c->kind == XLSX_TEXT && all_digits(c->text)) {
		if (c->text[0] == '0' && !cv->padded[0] &&
		    n < sizeof(cv->padded))
			memcpy(cv->padded, c->text, n + 1);
		if (cv->digits_len && cv->digits_len != n)
			cv->digits_mixed = true;
		cv->digits_len = n;
	}
	return 0;
}

/* Warn about a cell Excel shows as a date. */
static void warn_date(struct conv *cv, const struct xlsx_cell *c)
{
	diags_add(cv->d, DIAG_WARNING, cv->file, c->row, c->col, "cell holds "
		  "the date %s: Excel may have turned what was typed into a "
		  "date (format the column as text and type it again)",
		  c->text);
}

/* End the current row: a spreadsheet leaves trailing empty cells out,
 * so fill the row up to the header's width. */
static int end_row(struct conv *cv)
{
	for (; cv->row && cv->col < cv->header_cols; cv->col++)
		if (put(cv, ",", 1))
			return -1;
	return 0;
}

/* Take one cell: place it in the CSV text and note what it looks like. */
static int on_cell(void *ctx, const struct xlsx_cell *c)
{
	struct conv *cv = ctx;

	if (!cv->header_row)
		cv->header_row = c->row;
	if (c->row == cv->header_row)
		cv->header_cols = c->col;
	if (c->row == cv->header_row &&
	    sheet_column_named(c->text) == SHEET_COL_ID && !cv->id_col)
		cv->id_col = c->col;
	else if (c->row > cv->header_row && c->col == cv->id_col &&
		 note_id(cv, c))
		return -1;
	if (c->kind == XLSX_DATE)
		warn_date(cv, c);
	if (c->kind == XLSX_FORMULA && !cv->nformulas++) {
		cv->formula_row = c->row;
		cv->formula_col = c->col;
	}
	if (c->row > cv->row) {
		if (end_row(cv))
			return -1;
		for (; cv->row < c->row; cv->row++)
			if (cv->row && put(cv, "\n", 1))
				return -1;
		cv->col = 1;
	}
	for (; cv->col < c->col; cv->col++)
		if (put(cv, ",", 1))
			return -1;
	return put_field(cv, c->text);
}

/* Warn about ids stored as numbers when the other ids show that they
 * are written with leading zeros: Excel drops those from numbers. */
static void warn_numeric_ids(struct conv *cv)
{
	size_t want = cv->digits_mixed ? 0 : cv->digits_len, warned = 0;

	if (!cv->padded[0])
		return;
	for (size_t i = 0; i < cv->nnums; i++) {
		const struct numeric_id *n = &cv->nums[i];
		size_t len = strlen(n->text);

		if (want && len >= want)
			continue;
		if (warned++ == MAX_ID_WARNINGS)
			break;
		if (want)
			diags_add(cv->d, DIAG_WARNING, cv->file, n->row,
				  n->col, "candidate id %s is a number in the "
				  "workbook, and the ids written as text have "
				  "leading zeros (such as '%s'): if it was "
				  "'%0*d%s', format the column as text and "
				  "type it again", n->text, cv->padded,
				  (int)(want - len), 0, n->text);
		else
			diags_add(cv->d, DIAG_WARNING, cv->file, n->row,
				  n->col, "candidate id %s is a number in the "
				  "workbook, and the ids written as text have "
				  "leading zeros (such as '%s'): it may have "
				  "lost some; format the column as text and "
				  "type it again", n->text, cv->padded);
	}
	if (warned > MAX_ID_WARNINGS)
		diags_add(cv->d, DIAG_WARNING, cv->file, 0, 0, "more candidate "
			  "ids are numbers that may have lost leading zeros");
}

/* Whether data is a zip file. */
bool sheet_is_xlsx(const char *data, size_t len)
{
	return xlsx_is_zip(data, len);
}

/* Convert the workbook to CSV text and grade it. */
int sheet_read_xlsx(struct gradebook *gb, const char *file, const char *data,
		    size_t len, struct diags *d)
{
	struct conv cv;
	char err[320], *reviewed = NULL;
	size_t reviewed_len = 0;
	enum xlsx_err e;
	int rc = 0;

	memset(&cv, 0, sizeof(cv));
	cv.file = file;
	cv.d = d;
	e = xlsx_read_cells(data, len, on_cell, &cv, err, sizeof(err));
	if (e == XLSX_OK && (end_row(&cv) || put(&cv, "\n", 1)))
		e = XLSX_STOPPED;
	/* a workbook that cannot be read is one pending row */
	if (e == XLSX_DAMAGED) {
		rc = gradebook_damaged(gb, file, 0, 0, "%s", err);
	} else if (e != XLSX_OK && cv.toobig) {
		rc = gradebook_damaged(gb, file, 0, 0, "the sheet is too "
				       "large (more than %zu MiB as text)",
				       MAX_CSV_BYTES >> 20);
	} else if (e != XLSX_OK) {
		rc = -1;
	} else {
		warn_numeric_ids(&cv);
		if (cv.nformulas)
			diags_add(d, DIAG_WARNING, file, cv.formula_row,
				  cv.formula_col, "%zu %s saved without %s "
				  "value (the program that wrote the workbook "
				  "did not compute %s): read as the formula "
				  "text, which no answer is; open the workbook "
				  "in Excel or LibreOffice and save it again",
				  cv.nformulas, cv.nformulas == 1 ?
				  "formula is" : "formulas are",
				  cv.nformulas == 1 ? "its" : "their",
				  cv.nformulas == 1 ? "it" : "them");
		/* a workbook from scan --review: the reviewer's decisions */
		rc = review_apply(gb, file, data, len, cv.csv, cv.len,
				  &reviewed, &reviewed_len, d);
		if (!rc)
			rc = reviewed ? sheet_read_csv(gb, file, reviewed,
						       reviewed_len) :
					sheet_read_csv(gb, file, cv.csv,
						       cv.len);
	}
	free(reviewed);
	free(cv.csv);
	free(cv.nums);
	return rc;
}
