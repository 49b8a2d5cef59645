/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c - the Excel score report (see report.h): workbook lifecycle,
 * formats, and the Summary, Answers and Problems worksheets.  The checked
 * cell writers are in report-cell.c, Items and Statistics in
 * report-stats.c.
 * The workbook is written in constant-memory mode (rows in order, one
 * temporary file per sheet in the output folder) to a temporary name
 * beside the destination, then renamed into place by fileio. */
#include "report/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/fileio.h"
#include "base/points.h"
#include "grade/analysis.h"
#include "report/report-answers.h"
#include "report/report-cell.h"
#include "report/report-labels.h"
#include "report/report-marking.h"
#include "report/report-stats.h"

#define FORMULA_MAX 8000		/* Excel allows 8192 characters */
#define SUM_ARGS_MAX 200		/* Excel allows 255 per function */
#define RANK_FORMULA_MAX 20000		/* above: RANK would crawl; values */
#define TEXT_NUM_FORMAT 49		/* Excel's built-in "@" (text) */

/* A growing string for formulas. */
struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
};

/* Append formatted text to b. */
__attribute__((format(printf, 2, 3)))
static void sbuf_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if (ARRAY_GROW(b->s, b->cap, b->len + (size_t)n + 1) < 0) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Message for an error code. */
const char *report_strerror(enum report_err e)
{
	switch (e) {
	case REPORT_OK:
		return "no error";
	case REPORT_EXISTS:
		return "file already exists";
	case REPORT_EIO:
		return "cannot write the report";
	case REPORT_ENOMEM:
		return "out of memory";
	case REPORT_XLSX:
		return "cannot build the workbook";
	}
	return "unknown error";
}

/* A format with a number format, or NULL on failure (checked later). */
static lxw_format *add_format(struct rpt *r)
{
	lxw_format *f = workbook_add_format(r->wb);

	if (!f)
		rpt_check(r, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return f;
}

/* Create every cell format.  0, or -1 on failure. */
static int make_formats(struct rpt *r)
{
	if (!(r->hdr = add_format(r)) || !(r->score = add_format(r)) ||
	    !(r->pct = add_format(r)) || !(r->ratio = add_format(r)) ||
	    !(r->wrong = add_format(r)) || !(r->invalid = add_format(r)) ||
	    !(r->missing = add_format(r)) || !(r->keyed = add_format(r)) ||
	    !(r->flag = add_format(r)) || !(r->good = add_format(r)) ||
	    !(r->bad = add_format(r)) || !(r->center = add_format(r)) ||
	    !(r->badratio = add_format(r)) || !(r->answer = add_format(r)) ||
	    !(r->missing_pts = add_format(r)) || !(r->hold = add_format(r)) ||
	    !(r->note = add_format(r)) || !(r->warn = add_format(r)))
		return -1;
	format_set_text_wrap(r->note);
	format_set_align(r->note, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(r->warn);
	format_set_align(r->warn, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_color(r->warn, 0x9C0006);
	format_set_font_color(r->hold, 0x7F6000);
	format_set_bg_color(r->hold, 0xFFEB9C);
	format_set_align(r->center, LXW_ALIGN_CENTER);
	format_set_align(r->hdr, LXW_ALIGN_CENTER);
	format_set_align(r->answer, LXW_ALIGN_CENTER);
	format_set_align(r->wrong, LXW_ALIGN_CENTER);
	format_set_align(r->invalid, LXW_ALIGN_CENTER);
	format_set_align(r->missing, LXW_ALIGN_CENTER);
	/* responses stay text when edited (a letter or "1" corrected by a
	 * reviewer is read by the points formula, never summed) */
	format_set_num_format_index(r->answer, TEXT_NUM_FORMAT);
	format_set_num_format_index(r->wrong, TEXT_NUM_FORMAT);
	format_set_num_format_index(r->invalid, TEXT_NUM_FORMAT);
	format_set_num_format_index(r->missing, TEXT_NUM_FORMAT);
	format_set_font_color(r->badratio, 0x9C0006);
	format_set_bg_color(r->badratio, 0xFFC7CE);
	format_set_num_format(r->badratio, "0.00");
	format_set_bold(r->hdr);
	format_set_bg_color(r->hdr, 0xDDEBF7);
	format_set_bottom(r->hdr, LXW_BORDER_THIN);
	format_set_text_wrap(r->hdr);
	format_set_align(r->hdr, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(r->score, "0.0");
	format_set_num_format(r->pct, "0.0%");
	format_set_num_format(r->ratio, "0.00");
	format_set_font_color(r->wrong, 0x9C0006);
	format_set_bg_color(r->wrong, 0xFFC7CE);
	format_set_font_color(r->invalid, 0x7F3F00);
	format_set_bg_color(r->invalid, 0xF4B183);
	format_set_bold(r->invalid);
	format_set_bg_color(r->missing, 0xFFF2CC);
	format_set_bottom(r->missing, LXW_BORDER_DOTTED);
	format_set_bg_color(r->missing_pts, 0xFFF2CC);
	format_set_bottom(r->missing_pts, LXW_BORDER_DOTTED);
	format_set_bold(r->keyed);
	format_set_font_color(r->keyed, 0x006100);
	format_set_bg_color(r->keyed, 0xC6EFCE);
	format_set_font_color(r->flag, 0x9C0006);
	format_set_font_color(r->good, 0x006100);
	format_set_bg_color(r->good, 0xC6EFCE);
	format_set_font_color(r->bad, 0x9C0006);
	format_set_bg_color(r->bad, 0xFFC7CE);
	return 0;
}

/* qsort context: totals of the candidates being ordered. */
static const struct rpt *sort_ctx;

/* Rank order: scored candidates by total, highest first, then input
 * order; candidates without a key last. */
static int cmp_rank(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct candidate *c = sort_ctx->gb->cands;
	int ki = c[i].key != NULL, kj = c[j].key != NULL;
	double ti = sort_ctx->total[i], tj = sort_ctx->total[j];

	if (ki != kj)
		return kj - ki;
	if (ti != tj)
		return ti < tj ? 1 : -1;
	return (i > j) - (i < j);
}

/* Totals, rank order and layout facts.  0, or -1 when out of memory. */
static int order_candidates(struct rpt *r)
{
	const struct gradebook *gb = r->gb;
	size_t n = gb->ncands;

	r->order = malloc((n ? n : 1) * sizeof(*r->order));
	r->total = calloc(n ? n : 1, sizeof(*r->total));
	if (!r->order || !r->total) {
		r->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < gb->keys.nkeys; i++) {
		const struct key *k = gb->keys.keys[i];

		if (k->total > r->paper_total)
			r->paper_total = k->total;
		if (i == 0)
			r->pass_mark = k->pass;
	}
	for (size_t i = 0; i < n; i++) {
		const struct candidate *c = &gb->cands[i];

		r->order[i] = i;
		r->ncounted += rpt_counted(c) && c->key;
		r->any_notes = r->any_notes || c->notes;
		if (!c->key)
			continue;
		r->nscored++;
		for (size_t q = 0; q < c->key->nitems; q++)
			r->total[i] += c->resp[q].earned;
	}
	sort_ctx = r;
	qsort(r->order, n, sizeof(*r->order), cmp_rank);
	sort_ctx = NULL;
	r->counted_total = malloc((n ? n : 1) * sizeof(*r->counted_total));
	if (!r->counted_total) {
		r->oom = 1;
		return -1;
	}
	for (size_t i = 0, j = 0; i < n; i++)
		if (rpt_counted(&gb->cands[r->order[i]]) &&
		    gb->cands[r->order[i]].key)
			r->counted_total[j++] = r->total[r->order[i]];
	return 0;
}

/* Append the Answers points cells of key k's questions nos[0..n) on row
 * as SUM arguments, one cell each (never a range: the response columns
 * between them are for corrections, and must not count), with SUMs nested
 * to stay within Excel's argument limit. */
static void sum_refs(const struct rpt *r, struct sbuf *b, const struct key *k,
		     const unsigned *nos, size_t n, lxw_row_t row)
{
	char a[LXW_MAX_CELL_NAME_LENGTH], ref[RPT_SHEET_REF_MAX];
	bool nest = n > SUM_ARGS_MAX;

	rpt_sheet_ref(r->L->sh_answers, ref);
	sbuf_add(b, "=SUM(");
	for (size_t i = 0; i < n; i++) {
		if (nest && i % SUM_ARGS_MAX == 0)
			sbuf_add(b, "%sSUM(", i ? ")," : "");
		else if (i)
			sbuf_add(b, ",");
		lxw_rowcol_to_cell(a, row, rpt_answer_points_col(r, k, nos[i]));
		sbuf_add(b, "%s%s", ref, a);
	}
	sbuf_add(b, nest ? "))" : ")");
}

/* Summary: section cells of one candidate's row, and its total. */
static void summary_scores(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			   const struct candidate *c, struct sbuf *b)
{
	const struct gradebook *gb = r->gb;
	const struct key *k = c->key;
	lxw_col_t tc = r->sum_total_col;
	char a[LXW_MAX_CELL_NAME_LENGTH], z[LXW_MAX_CELL_NAME_LENGTH];
	double total = 0;

	for (size_t si = 0; si < k->nsections; si++) {
		const struct key_section *ks = &k->sections[si];
		size_t col = keyset_section_column(&gb->keys, k, si);
		double v = 0;

		for (size_t i = 0; i < ks->nitems; i++)
			if (ks->nos[i] >= 1 && ks->nos[i] <= k->nitems)
				v += c->resp[ks->nos[i] - 1].earned;
		total += v;
		b->len = 0;
		sum_refs(r, b, k, ks->nos, ks->nitems, row);
		if (b->oom) {
			r->oom = 1;
			return;
		}
		if (col >= gb->keys.nsection_titles)
			continue;
		if (ks->nitems > 0 && b->len <= FORMULA_MAX)
			rpt_fnum(r, s, row, RPT_SUM_SECTION(col), b->s,
				 r->score, v);
		else
			rpt_num(r, s, row, RPT_SUM_SECTION(col), v, r->score);
	}
	if (gb->keys.nsection_titles > 0) {
		lxw_rowcol_to_cell(a, row, RPT_SUM_SECTION(0));
		lxw_rowcol_to_cell(z, row, RPT_SUM_SECTION(gb->keys.nsection_titles -
							     1));
		b->len = 0;
		sbuf_add(b, "=SUM(%s:%s)", a, z);
		if (b->oom) {
			r->oom = 1;
			return;
		}
		rpt_fnum(r, s, row, tc, b->s, r->score, total);
	} else {
		rpt_num(r, s, row, tc, r->total[c - gb->cands], r->score);
	}
}

/* Summary: row `row` of the legend beside the table (pass mark, paper
 * total, each section's maximum), so a reader sees what the numbers are
 * out of; nothing past the legend's last row. */
static void summary_legend(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			   lxw_col_t col)
{
	const struct gradebook *gb = r->gb;
	char label[256];
	double max = 0;
	size_t j;

	if (row == 1) {
		rpt_str(r, s, row, col, r->L->st_pass_mark, r->hdr);
		rpt_num(r, s, row, col + 1, r->pass_mark, NULL);
		return;
	}
	if (row == 2) {
		rpt_str(r, s, row, col, r->L->st_paper_total, r->hdr);
		rpt_num(r, s, row, col + 1, r->paper_total, NULL);
		return;
	}
	j = row - 3;
	if (j >= gb->keys.nsection_titles)
		return;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
		for (size_t si = 0; si < gb->keys.keys[ki]->nsections; si++)
			if (gb->keys.key_cols[ki][si] == j &&
			    gb->keys.keys[ki]->sections[si].points > max)
				max = gb->keys.keys[ki]->sections[si].points;
	snprintf(label, sizeof(label), "%s %s", gb->keys.section_titles[j],
		 r->L->section_max);
	rpt_str(r, s, row, col, label, r->hdr);
	rpt_num(r, s, row, col + 1, max, NULL);
}

/* Summary: the rank of candidate ci on row `row` (rows in rank order;
 * *above counts the sheets not pending on the rows before, and is
 * advanced): 1 + the sheets not pending whose total is higher by more
 * than points_eq's tolerance, so totals that differ only by rounding
 * (thirds of per_option points) tie; a pending sheet takes no place and
 * has no rank.  The formula says the same, so ranks stay tied after a
 * recalculation. */
static void summary_rank(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			 size_t ci, struct sbuf *b, size_t *above)
{
	const struct candidate *c = &r->gb->cands[ci];
	lxw_col_t rc = (lxw_col_t)(r->sum_total_col + 2);
	char t[LXW_MAX_CELL_NAME_LENGTH], res[LXW_MAX_CELL_NAME_LENGTH],
	     t1[LXW_MAX_CELL_NAME_LENGTH], t2[LXW_MAX_CELL_NAME_LENGTH],
	     r1[LXW_MAX_CELL_NAME_LENGTH], r2[LXW_MAX_CELL_NAME_LENGTH];
	lxw_row_t last = (lxw_row_t)r->gb->ncands;
	double tot = r->total[ci];
	bool counted = rpt_counted(c);

	/* rows are by total, highest first: the higher ones are a prefix */
	while (*above < r->ncounted &&
	       r->counted_total[*above] > tot + POINTS_EPS)
		(*above)++;
	lxw_rowcol_to_cell(t, row, r->sum_total_col);
	lxw_rowcol_to_cell(res, row, rc);
	lxw_rowcol_to_cell_abs(t1, 1, r->sum_total_col, 1, 1);
	lxw_rowcol_to_cell_abs(t2, last, r->sum_total_col, 1, 1);
	lxw_rowcol_to_cell_abs(r1, 1, rc, 1, 1);
	lxw_rowcol_to_cell_abs(r2, last, rc, 1, 1);
	b->len = 0;
	sbuf_add(b, "=IF(%s=\"%s\",\"\",COUNTIFS(%s:%s,\">\"&(%s+%s),%s:%s,"
		 "\"<>%s\")+1)", res, r->L->pending, t1, t2, t, RPT_POINTS_EPS,
		 r1, r2, r->L->pending);
	if (b->oom) {
		r->oom = 1;
		return;
	}
	if (r->nscored > RANK_FORMULA_MAX) {
		if (counted)
			rpt_num(r, s, row, 0, (double)(*above + 1), r->center);
	} else if (counted) {
		rpt_fnum(r, s, row, 0, b->s, r->center, (double)(*above + 1));
	} else {
		rpt_fstr(r, s, row, 0, b->s, r->center, "");
	}
}

/* The Summary sheet: one row per candidate in rank order. */
static int write_summary(struct rpt *r)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	size_t nsec = gb->keys.nsection_titles, n = gb->ncands;
	size_t ncols = 10 + nsec + (size_t)r->any_notes;
	lxw_col_t legend = (lxw_col_t)(ncols + 1);
	size_t nlegend = 2 + nsec;
	const char **hdr;
	struct rpt_sheet s;
	struct sbuf b = { NULL, 0, 0, 0 };
	char tcell[LXW_MAX_CELL_NAME_LENGTH];
	lxw_conditional_format cf;
	size_t above = 0;
	int ret = -1;

	r->sum_total_col = (lxw_col_t)(4 + nsec);
	if (rpt_sheet_add(r, &s, r->L->sh_summary, ncols + 3) < 0)
		goto out;
	hdr = calloc(ncols, sizeof(*hdr));
	if (!hdr) {
		r->oom = 1;
		goto out;
	}
	hdr[0] = L->rank;
	hdr[1] = L->id;
	hdr[2] = L->name;
	hdr[3] = L->form;
	for (size_t j = 0; j < nsec; j++)
		hdr[4 + j] = gb->keys.section_titles[j];
	hdr[4 + nsec] = L->total;
	hdr[5 + nsec] = L->percent;
	hdr[6 + nsec] = L->result;
	hdr[7 + nsec] = L->problems;
	hdr[8 + nsec] = L->pct_rank;
	hdr[9 + nsec] = L->sem_band;
	if (r->any_notes)
		hdr[10 + nsec] = L->notes;
	rpt_header(r, &s, hdr, ncols);
	free(hdr);
	for (size_t i = 0; i < n && !r->oom && !r->err; i++) {
		const struct candidate *c = &gb->cands[r->order[i]];
		const struct key *k = c->key;
		lxw_row_t row = (lxw_row_t)(i + 1);
		double t = r->total[r->order[i]];

		summary_legend(r, &s, row, legend);
		char pcell[LXW_MAX_CELL_NAME_LENGTH];
		enum cand_result res;

		rpt_str(r, &s, row, 1, c->id, NULL);
		rpt_str(r, &s, row, 2, c->name, NULL);
		rpt_str(r, &s, row, 3, c->form, NULL);
		rpt_num(r, &s, row, (lxw_col_t)(7 + nsec), c->nproblems,
			r->center);
		if (c->notes)
			rpt_str(r, &s, row, (lxw_col_t)(10 + nsec), c->notes,
				NULL);
		if (!k) {
			rpt_str(r, &s, row, (lxw_col_t)(6 + nsec), L->pending,
				NULL);
			continue;
		}
		lxw_rowcol_to_cell(tcell, row, r->sum_total_col);
		summary_rank(r, &s, row, r->order[i], &b, &above);
		summary_scores(r, &s, row, c, &b);
		b.len = 0;
		if (k->total > 0) {
			sbuf_add(&b, "=%s/%.15g", tcell, k->total);
			rpt_fnum(r, &s, row, (lxw_col_t)(5 + nsec), b.s, r->pct,
				 t / k->total);
		} else {
			rpt_num(r, &s, row, (lxw_col_t)(5 + nsec), 0, r->pct);
		}
		res = candidate_result(c);
		lxw_rowcol_to_cell(pcell, row, (lxw_col_t)(7 + nsec));
		b.len = 0;
		sbuf_add(&b, "=IF(%s>0,\"%s\",IF(%s>=%.15g-%s,\"%s\",\"%s\"))",
			 pcell, L->pending, tcell, k->pass, RPT_POINTS_EPS,
			 L->pass, L->fail);
		if (b.oom) {
			r->oom = 1;
			break;
		}
		rpt_fstr(r, &s, row, (lxw_col_t)(6 + nsec), b.s, NULL,
			 res == RESULT_PASS ? L->pass : res == RESULT_FAIL ?
			 L->fail : L->pending);
		rpt_summary_standing(r, &s, row, r->order[i],
				     (lxw_col_t)(8 + nsec),
				     r->nscored <= RANK_FORMULA_MAX);
	}
	worksheet_freeze_panes(s.ws, 1, 3);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0, (lxw_row_t)n,
					  (lxw_col_t)(ncols - 1)));
	if (n > 0) {
		const char *word[3] = { L->pass, L->fail, L->pending };
		lxw_format *look[3] = { r->good, r->bad, r->hold };

		memset(&cf, 0, sizeof(cf));
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		for (int k = 0; k < 3; k++) {
			b.len = 0;
			sbuf_add(&b, "\"%s\"", word[k]);
			if (b.oom) {
				r->oom = 1;
				goto out;
			}
			cf.value_string = b.s;
			cf.format = look[k];
			rpt_check(r, worksheet_conditional_format_range(s.ws,
				1, (lxw_col_t)(6 + nsec), (lxw_row_t)n,
				(lxw_col_t)(6 + nsec), &cf));
		}
		rpt_summary_band_format(r, &s, (lxw_col_t)(9 + nsec));
	}
	/* rows past the table last: constant-memory mode checks the ranges
	 * above against the last row written */
	for (size_t i = n; i < nlegend; i++)
		summary_legend(r, &s, (lxw_row_t)(i + 1), legend);
	ret = r->oom || r->err ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	free(b.s);
	return ret;
}

/* The Problems sheet: every problem recorded while grading. */
static int write_problems(struct rpt *r)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	const char *hdr[] = { L->pr_file, L->pr_line, L->pr_col,
			      L->pr_candidate, L->pr_question,
			      L->pr_message };
	struct rpt_sheet s;
	int ret = -1;

	if (rpt_sheet_add(r, &s, r->L->sh_problems, 6) < 0)
		goto out;
	rpt_header(r, &s, hdr, 6);
	for (size_t i = 0; i < gb->nproblems && !r->oom && !r->err; i++) {
		const struct problem *p = &gb->problems[i];
		const char *msg = r->zh && p->msg_zh ? p->msg_zh : p->msg;
		lxw_row_t row = (lxw_row_t)(i + 1);

		rpt_str(r, &s, row, 0, p->file, NULL);
		if (p->line)
			rpt_num(r, &s, row, 1, p->line, NULL);
		if (p->col)
			rpt_num(r, &s, row, 2, p->col, NULL);
		rpt_str(r, &s, row, 3, p->candidate, NULL);
		if (p->question)
			rpt_num(r, &s, row, 4, p->question, NULL);
		if (r->hant && msg == p->msg_zh &&
		    !(msg = rpt_text_hant(msg, &r->arena, r->d))) {
			r->conv_failed = true;
			break;
		}
		rpt_str(r, &s, row, 5, msg, NULL);
	}
	worksheet_freeze_panes(s.ws, 1, 0);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0,
					  (lxw_row_t)gb->nproblems, 5));
	ret = r->oom || r->err || r->conv_failed ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	return ret;
}

/* The most candidates a report holds, plus one. */
size_t report_max_rows(void)
{
	return LXW_ROW_MAX;
}

/* True if gb fits one workbook (rows per sheet); else an error in d. */
bool report_fits(const char *path, const struct gradebook *gb,
		 struct diags *d)
{
	if (gb->ncands < LXW_ROW_MAX && gb->nproblems < LXW_ROW_MAX)
		return true;
	diags_error(d, path, 0, 0, "too many rows for one worksheet (%s%zu "
		    "sheets, %zu problems; at most %u each): grade the sheets "
		    "in parts, or write CSV or JSON", gb->stopped ? "more "
		    "than " : "", gb->ncands - gb->stopped, gb->nproblems,
		    (unsigned)LXW_ROW_MAX - 1);
	return false;
}

/* Write the workbook of gb into o's temporary file (o open, not
 * committed). */
enum report_err report_build_xlsx(struct outfile *o,
				  const struct gradebook *gb,
				  const char *lang, struct diags *d)
{
	const char *path = o->path;
	struct rpt r;
	lxw_workbook_options opt = { .constant_memory = 1 };
	int quiet;
	enum report_err ret = REPORT_EIO;

	memset(&r, 0, sizeof(r));
	r.gb = gb;
	r.zh = !lang || strcmp(lang, "en");
	r.hant = lang && !strcmp(lang, "zh-Hant");
	r.L = r.zh ? &rpt_labels_zh : &rpt_labels_en;
	r.d = d;
	if (!report_fits(path, gb, d))
		return REPORT_XLSX;
	arena_init(&r.arena);
	if (r.hant) {
		if (rpt_labels_hant(&r.hant_labels, &r.arena, d) < 0) {
			ret = diags_out_of_memory(d) ? REPORT_ENOMEM :
							 REPORT_XLSX;
			goto out;
		}
		r.L = &r.hant_labels;
	}
	opt.tmpdir = fileio_dirname(path);
	analysis_init(&r.an);
	if (!opt.tmpdir || order_candidates(&r) < 0 ||
	    analysis_run(&r.an, gb) < 0) {
		ret = REPORT_ENOMEM;
		goto out;
	}
	if (rpt_answer_columns(&r) < 0) {
		ret = REPORT_ENOMEM;
		goto out;
	}
	if (3 + 2 * r.nqcols > LXW_COL_MAX) {
		diags_error(d, path, 0, 0, "too many questions for one "
			    "worksheet");
		ret = REPORT_XLSX;
		goto out;
	}
	quiet = diag_stderr_silence();
	r.wb = workbook_new_opt(o->tmp, &opt);
	diag_stderr_restore(quiet);
	if (!r.wb) {
		ret = REPORT_XLSX;
		diags_error(d, path, 0, 0, "cannot start the workbook");
		goto out;
	}
	if (make_formats(&r) < 0 || write_summary(&r) < 0 ||
	    rpt_write_answers(&r) < 0 || rpt_write_items_stats(&r) < 0 ||
	    rpt_write_marking(&r) < 0 || write_problems(&r) < 0) {
		ret = r.oom ? REPORT_ENOMEM : REPORT_XLSX;
		/* a failed allocation of ours reaches libxlsxwriter as a
		 * NULL argument: out of memory is the one report of it */
		if (r.err && !r.oom)
			diags_error(d, path, 0, 0, "cannot build the workbook: %s",
				    lxw_strerror(r.err));
		goto out;
	}
	quiet = diag_stderr_silence();
	rpt_check(&r, workbook_close(r.wb));
	diag_stderr_restore(quiet);
	r.wb = NULL;
	if (r.ncut)
		diags_add(d, DIAG_WARNING, path, 0, 0, "%zu %s longer than "
			  "Excel's %d characters: cut to fit (the JSON output "
			  "keeps the whole text)", r.ncut,
			  r.ncut == 1 ? "cell was" : "cells were",
			  RPT_CELL_TEXT_MAX);
	if (r.err && !r.oom) {
		diags_error(d, path, 0, 0, "cannot write the workbook: %s",
			    lxw_strerror(r.err));
		ret = REPORT_EIO;
		goto out;
	}
	ret = REPORT_OK;
out:
	if (r.oom) {
		ret = REPORT_ENOMEM;
		diags_error(d, path, 0, 0, "out of memory writing the report");
	}
	if (r.wb)
		lxw_workbook_free(r.wb);	/* failed: free, write nothing */
	free(opt.tmpdir);
	arena_release(&r.arena);
	rpt_answer_columns_free(&r);
	free(r.order);
	free(r.total);
	free(r.counted_total);
	analysis_release(&r.an);
	return ret;
}

/* Write the report of gb to path. */
enum report_err report_write_xlsx(const char *path,
				  const struct gradebook *gb,
				  const char *lang, bool force,
				  struct diags *d)
{
	struct outfile o;
	enum fileio_err fe;
	enum report_err ret;

	if (!strcmp(path, "-")) {
		diags_error(d, NULL, 0, 0, "cannot write the Excel report "
			    "to standard output");
		return REPORT_EIO;
	}
	if (!report_fits(path, gb, d))
		return REPORT_XLSX;
	fe = outfile_open(&o, path, force);
	if (fe != FILEIO_OK) {
		if (fe == FILEIO_EXISTS) {
			diags_error(d, path, 0, 0, "file already exists "
				    "(use --force to replace it)");
			return REPORT_EXISTS;
		}
		fileio_fail(d, fe, o.err, path, "cannot create the report");
		return fe == FILEIO_ENOMEM ? REPORT_ENOMEM : REPORT_EIO;
	}
	ret = report_build_xlsx(&o, gb, lang, d);
	if (ret != REPORT_OK) {
		outfile_abort(&o);
		return ret;
	}
	fe = outfile_commit(&o);
	if (fe == FILEIO_EXISTS) {
		diags_error(d, path, 0, 0, "file already exists "
			    "(use --force to replace it)");
		return REPORT_EXISTS;
	}
	if (fe != FILEIO_OK) {
		diags_errno(d, o.err, path, "cannot write the report");
		return REPORT_EIO;
	}
	return REPORT_OK;
}
