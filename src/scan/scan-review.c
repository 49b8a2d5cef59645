/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-review.c - review.xlsx (see scan-review.h).  The 答卷 worksheet is
 * written from the text of the responses CSV, so the two cannot differ;
 * the 待复核 rows name their cell the way the reader finds it again: the
 * candidate id as the 答卷 row shows it and the 答卷 column header. */
#include "scan/scan-review.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "paper/review-format.h"
#include "paper/script.h"

#define ANSWERS_SHEET "\xE7\xAD\x94\xE5\x8D\xB7"	/* 答卷 */
#define IMAGE_HEIGHT 80.0	/* pixels a crop is shown at, at most */
#define IMAGE_WIDTH 800.0

/* The workbook being written. */
struct rw {
	const struct scan_run *r;
	lxw_workbook *wb;
	lxw_format *text, *head, *decide, *wrap, *row;
	char **ids;			/* 答卷's id cell of each sheet */
	double image_w;			/* the widest crop shown, pixels */
	enum script script;		/* SCRIPT_HANT: words in Traditional */
	char **owned;			/* converted words, freed at the end */
	size_t nowned, owned_cap;
	lxw_error err;
};

/* Keep the first libxlsxwriter error. */
static void check(struct rw *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
		w->err = e;
}

/* Word s (Simplified) in the paper's script: Traditional for a zh-Hant
 * paper (kept until the workbook is written), else s. */
static const char *tr(struct rw *w, const char *s)
{
	struct diags d = DIAGS_INIT;
	char *t;

	if (w->script != SCRIPT_HANT)
		return s;
	t = script_convert(SCRIPT_HANT, s, &d);
	diags_release(&d);
	if (!t || ARRAY_GROW(w->owned, w->owned_cap, w->nowned + 1) < 0) {
		free(t);
		check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return s;
	}
	w->owned[w->nowned++] = t;
	return t;
}

/* The 答卷 worksheet: every field of the responses CSV as a text cell;
 * each row's id cell is kept for 待复核. */
static int write_answers(struct rw *w, const char *csv, size_t len)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, ANSWERS_SHEET);
	struct csv_reader rd;
	struct csv_row row;
	enum csv_err e;
	lxw_row_t n = 0;
	int rc = -1;

	if (!ws)
		return -1;
	csv_reader_init(&rd, csv, len);
	while ((e = csv_next(&rd, &row)) == CSV_OK) {
		if (n >= 1 && n - 1 < w->r->nsheets &&
		    !(w->ids[n - 1] = strdup(row.fields[0])))
			goto out;
		for (size_t j = 0; j < row.n && j < LXW_COL_MAX; j++)
			check(w, worksheet_write_string(ws, n, (lxw_col_t)j,
							row.fields[j],
							n ? w->text :
							    w->head));
		n++;
	}
	/* the text is scan's own CSV: anything but its end is no memory */
	if (e != CSV_EOF) {
		errno = ENOMEM;
		goto out;
	}
	check(w, worksheet_set_column(ws, 0, 4, 14, w->text));
	worksheet_freeze_panes(ws, 1, 1);
	rc = 0;
out:
	csv_reader_release(&rd);
	return rc;
}

/* The headers of 待复核, in column order. */
static const char *const review_heads[] = {
	"\xE5\xBA\x8F\xE5\x8F\xB7",			/* 序号 */
	"\xE6\x96\x87\xE4\xBB\xB6",			/* 文件 */
	"\xE9\xA1\xB5",					/* 页 */
	REVIEW_ID,
	"\xE5\x8D\xB7\xE5\x88\xAB",			/* 卷别 */
	REVIEW_COLUMN,
	"\xE6\x89\xAB\xE6\x8F\x8F\xE5\x9B\xBE\xE5\x83\x8F", /* 扫描图像 */
	"\xE5\x8F\xAF\xE8\x83\xBD\xE8\xAF\xBB\xE6\x95\xB0", /* 可能读数 */
	"\xE5\x8E\x9F\xE5\x9B\xA0",			/* 原因 */
	REVIEW_DECISION,
};

#define COL_IMAGE 6
#define COL_DECISION 9

/* What the reviewer is asked to do (row 1 of 待复核). */
static const char review_help[] =
	"\xE6\xAF\x8F\xE8\xA1\x8C\xE6\x98\xAF\xE4\xB8\x80\xE5\xA4\x84"
	"\xE6\x89\xAB\xE6\x8F\x8F\xE6\x9C\xAA\xE8\x83\xBD\xE7\xA1\xAE"
	"\xE5\xAE\x9A\xE7\x9A\x84\xE5\xA1\xAB\xE6\xB6\x82\xEF\xBC\x9A"
	"\xE5\xAF\xB9\xE7\x85\xA7\xE6\x89\xAB\xE6\x8F\x8F\xE5\x9B\xBE"
	"\xE5\x83\x8F\xE5\x9C\xA8\xE3\x80\x8C\xE5\xA4\x8D\xE6\xA0\xB8"
	"\xE7\xBB\x93\xE6\x9E\x9C\xE3\x80\x8D\xE5\xA1\xAB\xE5\x86\x99"
	"\xEF\xBC\x9A\xE9\x80\x89\xE6\x8B\xA9\xE9\xA2\x98\xE5\xA1\xAB"
	"\xE5\xAD\x97\xE6\xAF\x8D\xEF\xBC\x88\xE5\xA6\x82 B \xE6\x88\x96 "
	"ACD\xEF\xBC\x89\xEF\xBC\x8C\xE5\x88\xA4\xE6\x96\xAD\xE9\xA2\x98"
	"\xE5\xA1\xAB T \xE6\x88\x96 F\xEF\xBC\x8C\xE8\xAF\x84\xE5\x88\x86"
	"\xE5\xA1\xAB\xE5\x88\x86\xE6\x95\xB0\xEF\xBC\x8C\xE8\x80\x83\xE7"
	"\x94\x9F\xE7\xBC\x96\xE5\x8F\xB7\xE5\xA1\xAB\xE7\xBC\x96\xE5\x8F"
	"\xB7\xEF\xBC\x8C\xE6\x9C\xAA\xE4\xBD\x9C\xE7\xAD\x94\xE5\xA1\xAB "
	"-\xE3\x80\x82\xE7\x95\x99\xE7\xA9\xBA\xE7\x9A\x84\xE4\xBB\x8D"
	"\xE5\xBE\x85\xE5\xAE\x9A\xE3\x80\x82\xE4\xBF\x9D\xE5\xAD\x98"
	"\xE5\x90\x8E\xE8\xBF\x90\xE8\xA1\x8C examgen grade --key ... "
	"review.xlsx";

/* Each reason scan-read.c gives for a doubt, and its Chinese. */
static const char *const reasons[][2] = {
	{ "two marks where one is allowed", "只能涂一个选项，却涂了两个" },
	{ "a mark that is neither clearly filled nor clearly empty",
	  "填涂不清：既不像已涂满，也不像未涂" },
	{ "ink around a bubble (a ring drawn round it, or a mark beside it)",
	  "圆圈外有笔迹（圈出了选项，或涂在了圆圈旁边）" },
	{ "a half-point mark that is neither clearly filled nor clearly empty",
	  "半分格填涂不清：既不像已涂满，也不像未涂" },
	{ "more than one mark in a score group", "同一组评分格涂了不止一个" },
	{ "no mark in a score group", "一组评分格都没有涂" },
	{ "a score mark that is neither clearly filled nor clearly empty",
	  "评分格填涂不清：既不像已涂满，也不像未涂" },
	{ "two marks in one digit of the candidate id",
	  "考生编号的同一位涂了两个数字" },
	{ "a mark in the candidate id that is neither clearly filled nor "
	  "clearly empty", "考生编号填涂不清：既不像已涂满，也不像未涂" },
	{ "an empty digit inside the candidate id",
	  "考生编号中间有一位没有涂" },
	{ "no candidate id bubbled", "没有涂考生编号" },
};

/* The Chinese of reason en (the workbook is Chinese), or en. */
static const char *reason_zh(const char *en)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(reasons[i][0], en))
			return reasons[i][1];
	return en;
}

/* One row of 待复核 for doubt i at row n. */
static void write_doubt(struct rw *w, lxw_worksheet *ws, size_t i,
			lxw_row_t n)
{
	const struct scan_doubt *dt = &w->r->doubts[i];
	const struct scan_sheet *s = &w->r->sheets[dt->sheet];
	const char *id = w->ids[dt->sheet] ? w->ids[dt->sheet] : s->cand;
	char col[24];
	double scale;

	check(w, worksheet_write_number(ws, n, 0, (double)(i + 1), w->row));
	check(w, worksheet_write_string(ws, n, 1, dt->file, w->row));
	check(w, worksheet_write_number(ws, n, 2, dt->page, w->row));
	check(w, worksheet_write_string(ws, n, 3, id, w->row));
	check(w, worksheet_write_string(ws, n, 4, s->key->form, w->row));
	check(w, worksheet_write_string(ws, n, 5, dt->question ?
					scan_column_name(dt->question,
							 dt->criterion, col) :
					"candidate_id", w->row));
	check(w, worksheet_write_string(ws, n, 7, dt->reading + 1, w->row));
	check(w, worksheet_write_string(ws, n, 8, tr(w, reason_zh(dt->reason)),
					w->wrap));
	check(w, worksheet_write_blank(ws, n, COL_DECISION, w->decide));
	if (dt->png && dt->png_h && dt->png_w) {
		lxw_image_options opt = { 0 };

		/* spreadsheets show a PNG at its own resolution (96 dpi
		 * when it gives none): scale it to IMAGE_HEIGHT pixels */
		double shown = dt->png_dpi ? 96.0 / dt->png_dpi : 1;

		scale = fmin(IMAGE_HEIGHT / dt->png_h,
			     IMAGE_WIDTH / dt->png_w) / shown;
		w->image_w = fmax(w->image_w, dt->png_w * scale * shown);
		opt.x_offset = 2;
		opt.y_offset = 2;
		opt.x_scale = scale;
		opt.y_scale = scale;
		opt.object_position = LXW_OBJECT_MOVE_AND_SIZE;
		check(w, worksheet_insert_image_buffer_opt(ws, n, COL_IMAGE,
							   dt->png,
							   dt->png_len,
							   &opt));
		/* points are 4/3 pixels */
		check(w, worksheet_set_row(ws, n, (dt->png_h * scale * shown +
					       4) * 0.75, NULL));
	}
}

/* The 待复核 worksheet. */
static void write_review(struct rw *w)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, tr(w, REVIEW_SHEET));
	lxw_row_t n = 2;

	if (!ws) {
		check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	check(w, worksheet_merge_range(ws, 0, 0, 0, COL_DECISION,
				       tr(w, review_help), w->wrap));
	check(w, worksheet_set_row(ws, 0, 36, NULL));
	for (lxw_col_t c = 0; c <= COL_DECISION; c++)
		check(w, worksheet_write_string(ws, 1, c,
						tr(w, review_heads[c]),
						w->head));
	for (size_t i = 0; i < w->r->ndoubts && n < LXW_ROW_MAX; i++, n++)
		write_doubt(w, ws, i, n);
	check(w, worksheet_set_column(ws, 0, 0, 6, NULL));
	check(w, worksheet_set_column(ws, 1, 1, 24, NULL));
	check(w, worksheet_set_column(ws, 2, 2, 5, NULL));
	check(w, worksheet_set_column(ws, 3, 5, 11, NULL));
	/* a character of the default font is about 7 pixels wide */
	check(w, worksheet_set_column(ws, COL_IMAGE, COL_IMAGE,
				      fmax(w->image_w, 60) / 7 + 1, NULL));
	check(w, worksheet_set_column(ws, 7, 7, 10, NULL));
	check(w, worksheet_set_column(ws, 8, 8, 30, NULL));
	check(w, worksheet_set_column(ws, COL_DECISION, COL_DECISION, 12,
				      w->decide));
	worksheet_freeze_panes(ws, 2, 0);
	worksheet_activate(ws);
}

/* The formats: text cells, bold headers, the yellow decision cell. */
static int make_formats(struct rw *w)
{
	w->text = workbook_add_format(w->wb);
	w->head = workbook_add_format(w->wb);
	w->decide = workbook_add_format(w->wb);
	w->wrap = workbook_add_format(w->wb);
	w->row = workbook_add_format(w->wb);
	if (!w->text || !w->head || !w->decide || !w->wrap || !w->row)
		return -1;
	format_set_num_format(w->row, "@");
	format_set_align(w->row, LXW_ALIGN_VERTICAL_CENTER);
	format_set_align(w->decide, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(w->text, "@");
	format_set_bold(w->head);
	format_set_num_format(w->head, "@");
	format_set_num_format(w->decide, "@");
	format_set_bg_color(w->decide, 0xFFEB9C);
	format_set_border(w->decide, LXW_BORDER_THIN);
	format_set_text_wrap(w->wrap);
	format_set_align(w->wrap, LXW_ALIGN_VERTICAL_CENTER);
	return 0;
}

/* Write review.xlsx. */
int scan_review_write_xlsx(const struct scan_run *r, struct outfile *o)
{
	lxw_workbook_options opt = { 0 };
	int quiet;
	struct rw w;
	char *csv = NULL;
	size_t len = 0;
	FILE *mem;
	bool bad;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	w.r = r;
	/* the workbook speaks the paper's script (Chinese for any paper) */
	if (r->keys.nkeys && r->keys.keys[0]->language &&
	    !strcmp(r->keys.keys[0]->language, "zh-Hant"))
		w.script = SCRIPT_HANT;
	mem = open_memstream(&csv, &len);
	if (!mem)
		goto out;
	bad = scan_run_write_csv(r, mem) < 0;
	if (fclose(mem) || bad)
		goto out;
	w.ids = calloc(r->nsheets + 1, sizeof(*w.ids));
	opt.tmpdir = fileio_dirname(o->path);
	if (!w.ids || !opt.tmpdir)
		goto out;
	quiet = diag_stderr_silence();
	w.wb = workbook_new_opt(o->tmp, &opt);
	diag_stderr_restore(quiet);
	if (!w.wb || make_formats(&w) < 0 || write_answers(&w, csv, len) < 0)
		goto out;
	write_review(&w);
	quiet = diag_stderr_silence();
	check(&w, workbook_close(w.wb));
	diag_stderr_restore(quiet);
	w.wb = NULL;
	if (w.err == LXW_NO_ERROR)
		rc = 0;
out:
	if (w.wb)
		lxw_workbook_free(w.wb);
	if (rc && !errno)
		errno = EIO;
	for (size_t i = 0; w.ids && i < r->nsheets; i++)
		free(w.ids[i]);
	for (size_t i = 0; i < w.nowned; i++)
		free(w.owned[i]);
	free(w.owned);
	free(w.ids);
	free(opt.tmpdir);
	free(csv);
	return rc;
}
