/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-cell.c - the report's checked cell writers: every libxlsxwriter
 * error kept (the first one), text never taken for a formula and cut to
 * Excel's limit, and each column's width tracked from what is written. */
#include "report/report-cell.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH_MAX 60.0
#define WIDTH_MIN 4.0

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
	/* printed: landscape A4, one page wide, header row on every page */
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, 9);
	worksheet_fit_to_pages(s->ws, 1, 0);
	rpt_check(r, worksheet_repeat_rows(s->ws, 0, 0));
	return 0;
}

/* Apply the tracked widths (capped) and free them. */
void rpt_sheet_finish(struct rpt *r, struct rpt_sheet *s)
{
	for (size_t c = 0; s->ws && c < s->ncols; c++) {
		double w = s->width[c] + 2;

		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		rpt_check(r, worksheet_set_column(s->ws, (lxw_col_t)c,
						  (lxw_col_t)c, w, NULL));
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
	char buf[32];

	/* whole numbers and halves, most of the cells, without printf */
	if (v >= 0 && v < 1e9 && v * 2 == (double)(unsigned long)(v * 2)) {
		unsigned long i = (unsigned long)v;
		double w = (double)i != v ? 3 : 1;

		for (; i >= 10; i /= 10)
			w++;
		return w;
	}
	return (double)snprintf(buf, sizeof(buf), "%.10g", v);
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
	for (size_t i = 0; i < n; i++) {
		rpt_str(r, s, 0, (lxw_col_t)i, labels[i], r->hdr);
		/* room for the autofilter button */
		rpt_sheet_need(s, (lxw_col_t)i, rpt_text_width(labels[i]) + 2);
	}
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
