/* pdf-sheet.c - the answer-sheet pages at the end of the PDF paper: the
 * paper code and form printed large, candidate fields, a bubble grid for
 * the objective questions and score boxes per rubric criterion for the
 * marked ones (registration marks are drawn with the page decorations). */
#include <string.h>

#include "csv.h"
#include "pdf-paper.h"

#define BUBBLE 11.0		/* bubble diameter */
#define PITCH 16.0		/* bubble to bubble */
#define ROW 17.0		/* grid row to row */
#define NUMW 24.0		/* room for the question number */

/* The paper total box and the marker's signature at y; returns the
 * height. */
static double sheet_total(struct pdf_paper *pp, double y)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const double x = PDF_MARGIN_X, w = PDF_BODY_W;
	PangoLayout *l;
	double lw, lh;
	char pts[96];
	char *t;

	t = g_strdup_printf("%s %s", lb->sum,
			    labels_points(lb, pp->f->total, pts));
	l = pdf_layout(d, d->script, PF_HEAD, t);
	g_free(t);
	if (!l)
		return 0;
	pdf_layout_size(l, &lw, &lh);
	pdf_put_layout(d, l, x, y + 15 - lh / 2, 0);
	pdf_rect(d, x + lw + 8, y, 70, 30, 1.5);
	l = pdf_layout(d, d->script, PF_BODY, lb->marker);
	if (!l)
		return 0;
	pdf_layout_size(l, &lw, &lh);
	pdf_put_layout(d, l, x + w / 2, y + 22 - lh, 0);
	pdf_rule(d, x + w / 2 + lw + 6, y + 20, w / 2 - lw - 20, 0.6);
	return 30;
}

/* Code and form in large type, title, candidate fields and the total. */
static void sheet_head(struct pdf_paper *pp)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const double x = PDF_MARGIN_X, w = PDF_BODY_W, box = 40;
	PangoLayout *code, *form;
	double cw, ch, y;
	const char *letter = pp->f->name;
	const char *fields[2] = { lb->name, lb->candidate_id };

	pdf_block_begin(d, 0, PB_BREAK | PB_SHEET);
	pdf_text(d, d->script, PF_TITLE, x, 8, 0, 0, lb->answer_sheet, 0);
	code = pdf_layout(d, d->script, PF_BIG, pp->p->tpl->code);
	form = pdf_layout(d, d->script, PF_BIG, letter);
	if (!code || !form)
		return;
	pdf_layout_size(code, &cw, &ch);
	pdf_put_centered(d, code, x + w - box - 10 - cw / 2, box / 2, 0);
	pdf_rect(d, x + w - box, 0, box, box, 1.5);
	pdf_put_centered(d, form, x + w - box / 2, box / 2, 0);
	y = box + 12;
	for (int i = 0; i < 2; i++) {
		PangoLayout *l = pdf_layout(d, d->script, PF_BODY, fields[i]);
		double lw, lh, fx = x + (w / 2) * i;

		if (!l)
			return;
		pdf_layout_size(l, &lw, &lh);
		pdf_put_layout(d, l, fx, y, 0);
		pdf_rule(d, fx + lw + 6, y + lh - 2, w / 2 - lw - 20, 0.6);
	}
	y += 24;
	y += 8 + sheet_total(pp, y);
	y += pdf_text(d, d->script, PF_SMALL, x, y, w, 0, lb->sheet_note, 0);
	pdf_rule(d, x, y + 6, w, 0.8);
	pdf_block_end(d, y + 8);
}

/* The bubble grid: questions down the columns, a gap after every fifth
 * row. */
static void sheet_bubbles(struct pdf_paper *pp)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const struct paper_form *f = pp->f;
	PangoLayout *letters[MAX_OPTIONS], *yes, *no;
	size_t n = 0, k = 0, ncols, rows;
	unsigned maxopt = 2;
	double colw, y0;

	for (size_t i = 0; i < f->nitems; i++)
		if (item_is_objective(&f->items[i])) {
			n++;
			if (f->items[i].noptions > maxopt)
				maxopt = f->items[i].noptions;
		}
	if (!n)
		return;
	for (unsigned i = 0; i < maxopt; i++) {
		char s[2] = { (char)('A' + i), '\0' };

		letters[i] = pdf_layout(d, PS_LATIN, PF_LABEL, s);
	}
	yes = pdf_layout(d, d->script, PF_TINY, lb->tf_true);
	no = pdf_layout(d, d->script, PF_TINY, lb->tf_false);
	colw = NUMW + PITCH * maxopt + 14;
	ncols = (size_t)(PDF_BODY_W / colw);
	if (ncols < 1)
		ncols = 1;
	/* whole groups of five rows */
	rows = (n + ncols - 1) / ncols;
	rows = (rows + 4) / 5 * 5;
	if (rows > n)
		rows = n;
	ncols = (n + rows - 1) / rows;
	colw = PDF_BODY_W / (double)(ncols > 4 ? ncols : 4);
	pdf_block_begin(d, 10, PB_SHEET);
	y0 = pdf_text(d, d->script, PF_HEAD, PDF_MARGIN_X, 0, PDF_BODY_W, 0,
		      lb->objective, 0) + 8;
	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];
		size_t r = k % rows, c = k / rows;
		double x = PDF_MARGIN_X + colw * (double)c;
		double y = y0 + ROW * (double)r + 6.0 * (double)(r / 5);
		PangoLayout *l;
		char num[16];
		double nw, nh;
		unsigned nb;

		if (!item_is_objective(it))
			continue;
		k++;
		snprintf(num, sizeof(num), "%u", it->no);
		l = pdf_layout(d, PS_LATIN, PF_SMALL, num);
		if (!l)
			return;
		pdf_layout_size(l, &nw, &nh);
		pdf_put_centered(d, l, x + NUMW - 5 - nw / 2, y + BUBBLE / 2,
				 0);
		nb = it->q->type == Q_TRUE_FALSE ? 2 : it->noptions;
		for (unsigned b = 0; b < nb; b++) {
			double bx = x + NUMW + PITCH * b;

			pdf_circle(d, bx, y, BUBBLE, 0.6);
			pdf_put_centered(d, it->q->type == Q_TRUE_FALSE ?
					 (b ? no : yes) : letters[b],
					 bx + BUBBLE / 2, y + BUBBLE / 2, 0.45);
		}
	}
	pdf_block_end(d, y0 + ROW * (double)rows + 6.0 *
		      (double)((rows - 1) / 5) + 4);
}

/* A score table of one marked question at (x, y), w wide: a title row with
 * the question's total box, then for an essay one row per rubric criterion
 * (name cut to two lines, maximum, empty box).  Returns its height. */
static double score_table(struct pdf_paper *pp, const struct paper_item *it,
			  enum pdf_script s, double x, double y, double w)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const struct question *q = it->q;
	const double boxw = 36, maxw = 24, pad = 2.5;
	size_t nrows = q->type == Q_ESSAY ? q->nrubric : 0;
	double top = y, h;
	char pts[96], crit[64];
	char *t;

	t = g_strdup_printf("%s %u %s", lb->qno, it->no,
			    labels_points(lb, it->points, pts));
	h = pdf_text(d, d->script, PF_BOLD, x + pad, y + 4,
		     w - boxw - 2 * pad, 0, t, 0) + 8;
	g_free(t);
	if (h < 24)
		h = 24;
	pdf_rect(d, x, y, w, h, 0.8);
	pdf_rect(d, x + w - boxw, y + 2, boxw - 2, h - 4, 1.2);
	y += h;
	for (size_t i = 0; i < nrows; i++) {
		double v = it->criteria ? it->criteria[i] :
			   q->rubric[i].points;

		h = pdf_text(d, s, PF_LABEL, x + pad, y + pad,
			     w - boxw - maxw - 2 * pad, PT_CLIP2,
			     pp->kind == DOC_GUIDE ? q->rubric[i].text :
			     labels_criterion(lb, i, crit), 0) + 2 * pad;
		if (h < 17)
			h = 17;
		pdf_text(d, PS_LATIN, PF_LABEL, x + w - boxw - maxw, y + pad,
			 maxw - pad, PT_RIGHT, format_number(v, pts), 0);
		pdf_rect(d, x, y, w, h, 0.5);
		pdf_rect(d, x + w - boxw, y + 2, boxw - 2, h - 4, 0.8);
		y += h;
	}
	return y - top;
}

/* Score tables of the marked questions in two or three columns, each
 * table going to the shortest column; used is the height the sheet has
 * taken on its first page.  A table that does not fit starts a new page. */
static void sheet_scores(struct pdf_paper *pp, double used)
{
	struct pdf_doc *d = &pp->doc;
	const struct paper_form *f = pp->f;
	const double body = PDF_BODY_BOTTOM - PDF_BODY_TOP, gap = 6;
	double col[3] = { 0, 0, 0 }, colw, y0, avail;
	size_t n = 0, ncols, placed = 0;

	for (size_t i = 0; i < f->nitems; i++)
		n += !item_is_objective(&f->items[i]);
	if (!n)
		return;
	ncols = n > 4 ? 3 : 2;
	colw = (PDF_BODY_W - 10 * (double)(ncols - 1)) / (double)ncols;
	avail = body - used - 12;
	pdf_block_begin(d, 12, PB_SHEET);
	y0 = pdf_text(d, d->script, PF_HEAD, PDF_MARGIN_X, 0, PDF_BODY_W, 0,
		      pp->lb->subjective, 0) + 6;
	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];
		size_t c = 0, mark = d->nops;
		double h;

		if (item_is_objective(it))
			continue;
		for (size_t k = 1; k < ncols; k++)
			if (col[k] < col[c])
				c = k;
		h = score_table(pp, it, pdf_item_script(pp, it->q),
				PDF_MARGIN_X + (colw + 10) * (double)c,
				y0 + col[c], colw);
		if (y0 + col[c] + h > avail) {
			/* this page is full: the rest go on the next */
			pdf_ops_truncate(d, mark);
			if (placed) {
				pdf_block_end(d, 0);
				pdf_block_begin(d, 0, PB_BREAK | PB_SHEET);
				y0 = 0;
			} else {
				pdf_block_flags(d, PB_BREAK);
			}
			avail = body;
			col[0] = col[1] = col[2] = 0;
			c = 0;
			h = score_table(pp, it, pdf_item_script(pp, it->q),
					PDF_MARGIN_X, y0, colw);
		}
		col[c] += h + gap;
		placed++;
	}
	pdf_block_end(d, 0);
}

/* The answer-sheet pages. */
void pdf_sheet(struct pdf_paper *pp)
{
	struct pdf_doc *d = &pp->doc;
	size_t first = d->nblocks;
	double used = 0;

	sheet_head(pp);
	sheet_bubbles(pp);
	for (size_t b = first; b < d->nblocks; b++)
		used += d->blocks[b].height + (b > first ? d->blocks[b].gap : 0);
	sheet_scores(pp, used);
}
