/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-cell.c - the report's checked cell writers: every libxlsxwriter
 * error kept (the first one), text never taken for a formula and cut to
 * Excel's limit, and each column's width tracked from what is written. */
#include "report/report-cell.h"
#include "base/utf8.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH_MAX 60.0
#define WIDTH_MIN 4.0
#define MARGIN_SIDE_IN 0.4	/* printed margins left and right, inches */
#define MARGIN_END_IN 0.5	/* top and bottom */
#define HEADER_WRAP 8.0	/* header width on one line at most */
#define PRINT_SCALE_MIN 73	/* 11-point type printed at 8 points */

/* Keep the first libxlsxwriter error. */
void rpt_check(struct rpt *r, lxw_error e)
{
	if (e != LXW_NO_ERROR && r->err == LXW_NO_ERROR)
		r->err = e;
}

/* "Name!" for formulas, quoted unless the name is ASCII letters. */
const char *rpt_sheet_ref(const char *name, char buf[RPT_SHEET_REF_MAX])
{
	bool plain = true;

	for (const char *p = name; *p; p++)
		plain = plain && ((*p >= 'A' && *p <= 'Z') ||
				  (*p >= 'a' && *p <= 'z'));
	snprintf(buf, RPT_SHEET_REF_MAX, plain ? "%s!" : "'%s'!", name);
	return buf;
}

/* Display width of UTF-8 text, of its longest line (utf8_width()). */
double rpt_text_width(const char *s)
{
	size_t widest = 0;

	for (;;) {
		size_t len = strcspn(s, "\n"), w = utf8_width(s, len);

		widest = w > widest ? w : widest;
		if (!s[len])
			return (double)widest;
		s += len + 1;
	}
}

/* Remember that column col of s needs width w. */
void rpt_sheet_need(struct rpt_sheet *s, lxw_col_t col, double w)
{
	if (col < s->ncols && w > s->width[col])
		s->width[col] = w;
}

/* Add a worksheet with ncols tracked column widths. */
int rpt_sheet_add(struct rpt *r, struct rpt_sheet *s, const char *name,
		  size_t ncols)
{
	s->ncols = ncols;
	s->own_scale = false;
	s->width = calloc(ncols ? ncols : 1, sizeof(*s->width));
	s->ws = NULL;
	if (!s->width) {
		r->oom = 1;
		return -1;
	}
	s->ws = workbook_add_worksheet(r->wb, name);
	if (!s->ws) {
		rpt_check(r, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return -1;
	}
	/* printed: landscape A4 with narrow margins, header row on every
	 * page; the scale is set by rpt_sheet_finish() */
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, 9);
	worksheet_set_margins(s->ws, MARGIN_SIDE_IN, MARGIN_SIDE_IN,
			      MARGIN_END_IN, MARGIN_END_IN);
	rpt_check(r, worksheet_repeat_rows(s->ws, 0, 0));
	return 0;
}

/* The print scale (percent) that fits columns of widths w[0..n) (in
 * characters of the default font) across landscape A4. */
static double fit_scale(const double *w, size_t n)
{
	/* a width of c characters is 7c + 5 pixels, a pixel 0.75 point */
	double pt = 0, paper = 842 - 2 * 72 * MARGIN_SIDE_IN;

	for (size_t c = 0; c < n; c++)
		pt += (7 * w[c] + 5) * 0.75;
	return pt > 0 ? 100 * paper / pt : 100;
}

/* Apply the tracked widths (capped) and the print scale, and free the
 * widths.  Printed, a sheet is one page wide when that keeps the type at
 * 8 points or more (the default 11 at PRINT_SCALE_MIN percent); wider
 * sheets print at that scale on pages across, each repeating the first
 * columns (who the row is). */
void rpt_sheet_finish(struct rpt *r, struct rpt_sheet *s)
{
	for (size_t c = 0; s->ws && c < s->ncols; c++) {
		double w = s->width[c] + 2;

		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		s->width[c] = w;
		rpt_check(r, worksheet_set_column(s->ws, (lxw_col_t)c,
						  (lxw_col_t)c, w, NULL));
	}
	if (s->ws && !s->own_scale &&
	    fit_scale(s->width, s->ncols) >= PRINT_SCALE_MIN) {
		worksheet_fit_to_pages(s->ws, 1, 0);
	} else if (s->ws && !s->own_scale) {
		worksheet_set_print_scale(s->ws, PRINT_SCALE_MIN);
		rpt_check(r, worksheet_repeat_columns(s->ws, 0,
						      s->ncols > 3 ? 2 : 0));
	}
	free(s->width);
	s->width = NULL;
}

/* Write text as a string cell, cut to Excel's limit on a character
 * boundary. */
void rpt_str(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	     lxw_col_t col, const char *text, lxw_format *f)
{
	size_t len = text ? strlen(text) : 0;

	if (len > RPT_CELL_TEXT_MAX) {
		char *cut;

		r->ncut++;
		len = RPT_CELL_TEXT_MAX;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
		cut = strndup(text, len);
		if (!cut) {
			r->oom = 1;
			return;
		}
		rpt_str(r, s, row, col, cut, f);
		free(cut);
		return;
	}
	if (len == 0) {
		if (f)
			rpt_check(r, worksheet_write_blank(s->ws, row, col, f));
		return;
	}
	/* a text is never wider than its length in bytes */
	if (col >= s->ncols || (double)len > s->width[col])
		rpt_sheet_need(s, col, rpt_text_width(text));
	rpt_check(r, worksheet_write_string(s->ws, row, col, text, f));
}

/* Width a number takes in General format, roughly. */
static double num_width(double v)
{
	double w;

	/* whole numbers and halves, most of the cells, without printf */
	if (v >= 0 && v < 1e9 && v * 2 == (double)(unsigned long)(v * 2)) {
		unsigned long i = (unsigned long)v;

		w = (double)i != v ? 3 : 1;

		for (; i >= 10; i /= 10)
			w++;
		return w;
	}
	/* any other number shows its whole digits and a few decimals, as
	 * the cell formats it (0.0, 0.0%), not its every digit */
	w = v < 0 ? 2 : 1;
	for (double a = fabs(v); a >= 10 && w < 16; a /= 10)
		w++;
	return w + 4;
}

/* Write a number. */
void rpt_num(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	     lxw_col_t col, double v, lxw_format *f)
{
	rpt_sheet_need(s, col, num_width(v));
	rpt_check(r, worksheet_write_number(s->ws, row, col, v, f));
}

/* Write a formula with its cached number. */
void rpt_fnum(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	      lxw_col_t col, const char *formula, lxw_format *f, double v)
{
	rpt_sheet_need(s, col, num_width(v));
	rpt_check(r, worksheet_write_formula_num(s->ws, row, col, formula, f,
						 v));
}

/* Write a formula with its cached text. */
void rpt_fstr(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	      lxw_col_t col, const char *formula, lxw_format *f,
	      const char *v)
{
	rpt_sheet_need(s, col, rpt_text_width(v));
	rpt_check(r, worksheet_write_formula_str(s->ws, row, col, formula, f,
						 v));
}

/* Write a header row of n labels. */
void rpt_header(struct rpt *r, struct rpt_sheet *s, const char *const *labels,
		size_t n)
{
	bool wrap = false;

	for (size_t i = 0; i < n; i++) {
		double w = rpt_text_width(labels[i]);
		double before = i < s->ncols ? s->width[i] : 0;

		rpt_str(r, s, 0, (lxw_col_t)i, labels[i], r->hdr);
		if (i < s->ncols)
			s->width[i] = before;	/* the header's need is below */
		/* a long header wraps onto two lines rather than widen its
		 * column (the format wraps) */
		if (w > HEADER_WRAP) {
			w = ceil(w / 2) + 1;
			wrap = true;
		}
		/* room for the autofilter button */
		rpt_sheet_need(s, (lxw_col_t)i, w + 2);
	}
	if (wrap)
		rpt_check(r, worksheet_set_row(s->ws, 0, 30, NULL));
}

/* Index of a key in gb->keys.keys, or SIZE_MAX. */
size_t rpt_key_index(const struct gradebook *gb, const struct key *k)
{
	for (size_t i = 0; k && i < gb->keys.nkeys; i++)
		if (gb->keys.keys[i] == k)
			return i;
	return SIZE_MAX;
}

/* True if c counts in item and test statistics. */
bool rpt_counted(const struct candidate *c)
{
	return candidate_result(c) != RESULT_PENDING;
}
