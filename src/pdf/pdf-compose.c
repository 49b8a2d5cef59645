/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-compose.c - the paper and the marker's guide as PDF (cairo + pango):
 * the title block, sections, questions and options (the answer sheet is in
 * pdf-sheet.c), then pagination, running headers and page numbers, and
 * on every paper page its QR code and the borders of its writing regions,
 * found from the paginated ruled lines. */
#include "pdf/pdf-compose.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "paper/sheet-layout.h"
#include "pdf/pdf-paper.h"
#include "pdf/pdf-sheet.h"

#define INDENT 22.0		/* question text right of its number */
#define PT (72.0 / 25.4)	/* points per millimetre */
#define RULE_PITCH (PAGE_RULE_PITCH * PT)	/* ruled answer lines */
/* The QR code of a paper page (millimetres): in the bottom margin, flush
 * with the body's right edge, clear of the text and of the page number */
#define PAGE_QR_SIZE 14.0
#define PAGE_QR_X 183.0		/* the body ends at 190 mm */
#define PAGE_QR_Y 283.5
#define ID_BOX_W 100.0		/* the header's candidate-id box (points) */
#define HEAD_NAME_MAX 16	/* characters of a name in the header */
#define LETTER_W 14.0		/* "A." before an option's text */
#define ANSWER_CELL_MAX 128	/* bytes of an answer_cell() buffer */

/* Writing system of a language tag such as "zh-Hant" or "en"; -1 if
 * none is given. */
static int script_of(const char *lang)
{
	if (!lang || !*lang)
		return -1;
	if (g_ascii_strncasecmp(lang, "zh", 2) != 0)
		return PS_LATIN;
	return strstr(lang, "Hant") || strstr(lang, "TW") ||
	       strstr(lang, "HK") || strstr(lang, "MO") ? PS_HANT : PS_HANS;
}

/* Writing system of a question: its bank's language, else the paper's. */
static enum pdf_script item_script(const struct pdf_paper *pp,
				const struct question *q)
{
	int s = q->bank ? script_of(q->bank->language) : -1;

	return s < 0 ? pp->doc.script : (enum pdf_script)s;
}

/* Copy of s without trailing white space (g_free it). */
static char *trimmed(const char *s)
{
	return g_strchomp(g_strdup(s ? s : ""));
}

/* Title, code line and (on the paper) the candidate block. */
static void title_block(struct pdf_paper *pp)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const struct template *t = pp->p->tpl;
	char tot[FORMAT_NUMBER_MAX], pass[FORMAT_NUMBER_MAX];
	char dur[96] = "", passed[128] = "";
	const double x = PDF_MARGIN_X, w = PDF_BODY_W;
	double y = 0;
	char *s, *title;

	pdf_block_begin(d, 0, 0);
	title = pp->kind == DOC_GUIDE ?
		g_strconcat(t->title, lb->sep, lb->guide, NULL) :
		g_strdup(t->title);
	y += pdf_text(d, d->script, PF_TITLE, x, y, w, PT_CENTER, title, 0);
	g_free(title);
	if (t->duration)
		snprintf(dur, sizeof(dur), "%s%s %u%s", lb->sep, lb->duration,
			 t->duration, lb->minutes);
	if (pp->kind == DOC_GUIDE)
		snprintf(passed, sizeof(passed), "%s%s %s %s", lb->sep,
			 lb->pass, format_number(pp->p->pass, pass),
			 lb->unit);
	s = g_strdup_printf("%s %s%s%s%s%s%s%s%s %s %s%s", lb->code, t->code,
			    lb->sep, lb->form_pre, pp->f->name,
			    lb->form_post, dur, lb->sep, lb->total,
			    format_number(pp->f->total, tot), lb->unit,
			    passed);
	y += 4 + pdf_text(d, d->script, PF_SMALL, x, y + 4, w, PT_CENTER, s, 0);
	g_free(s);
	if (pp->kind == DOC_GUIDE) {
		y += 6 + pdf_text(d, d->script, PF_BOLD, x, y + 6, w,
				  PT_CENTER, lb->guide_note, 0);
	} else {
		const char *f3[3] = { lb->name, lb->candidate_id,
					lb->date };
		const double bh = 30, sw = 100, fw = (w - sw) / 3;
		char notice[NOTICE_MAX];

		y += 12;
		pdf_rect(d, x, y, w, bh, 0.8);
		pdf_rect(d, x + w - sw, y, sw, bh, 0.8);
		const char *filled[3] = { pp->cand_name, pp->cand_id, NULL };

		for (int i = 0; i < 3; i++) {
			PangoLayout *l = pdf_layout(d, d->script, PF_BODY,
						    f3[i]);
			double lw, lh;

			pdf_layout_size(l, &lw, &lh);
			pdf_put_layout(d, l, x + 8 + fw * i, y + 15 - lh / 2,
				       0);
			pdf_rule(d, x + 12 + fw * i + lw, y + 21,
				 fw - lw - 20, 0.5);
			if (filled[i])
				pdf_text(d, d->script, PF_BOLD,
					 x + 16 + fw * i + lw, y + 15 - lh / 2,
					 fw - lw - 26, PT_CLIP2, filled[i], 0);
		}
		pdf_text(d, d->script, PF_BODY, x + w - sw + 8, y + 8, 0, 0,
			 lb->score, 0);
		y += bh;
		y += 6 + pdf_text(d, d->script, PF_SMALL, x, y + 6, w, 0,
				  labels_notice(lb, pp->f, notice), 0);
	}
	pdf_block_end(d, y);
}

/* Open a section's block with its heading and instructions; returns the
 * height so far (the first question joins the block). */
static double section_head(struct pdf_paper *pp,
			   const struct paper_section *sec)
{
	struct pdf_doc *d = &pp->doc;
	char num[LABEL_MAX] = "", sum[LABEL_MAX];
	double y = 0;
	char *s;

	pdf_block_begin(d, 18, 0);
	if (!labels_title_numbered(sec->title))
		labels_section_number(pp->lb, (size_t)(sec - pp->f->sections),
				      num);
	s = g_strdup_printf("%s%s%s", num, sec->title,
			    labels_section_summary(pp->lb, sec->count,
						   sec->points, sum));
	y += pdf_text(d, d->script, PF_HEAD, PDF_MARGIN_X, y, PDF_BODY_W, 0,
		      s, 0);
	g_free(s);
	if (sec->instructions && *sec->instructions) {
		s = trimmed(sec->instructions);
		y += 2 + pdf_text(d, d->script, PF_SMALL, PDF_MARGIN_X, y + 2,
				  PDF_BODY_W, 0, s, 0);
		g_free(s);
	}
	return y + 8;
}

/* Options of a choice item, several per line when they are short; in the
 * guide the right ones are bold and ticked.  Returns the new y. */
static double options(struct pdf_paper *pp, const struct paper_item *it,
		      enum pdf_script s, double y)
{
	struct pdf_doc *d = &pp->doc;
	const double x = PDF_MARGIN_X + INDENT, w = PDF_BODY_W - INDENT;
	PangoLayout *l[MAX_OPTIONS];
	char *txt[MAX_OPTIONS], letter[4];
	double maxw = 0, lw, lh, rowh = 0;
	unsigned per = 1;

	for (unsigned i = 0; i < it->noptions; i++) {
		bool right = pp->kind == DOC_GUIDE &&
			     (it->answer & (1u << i));
		char *o = trimmed(it->q->options[it->order[i]].text);

		txt[i] = g_strdup_printf("%s%s", o, right ? " √" : "");
		g_free(o);
		l[i] = pdf_layout(d, s, right ? PF_BOLD : PF_BODY, txt[i]);
		pdf_layout_size(l[i], &lw, &lh);
		lw += LETTER_W;
		if (lw > maxw)
			maxw = lw;
		if (lh > rowh)
			rowh = lh;
		if (strchr(txt[i], '\n'))
			maxw = w;
	}
	if (maxw <= w / 4 - 10)
		per = 4;
	else if (maxw <= w / 2 - 10)
		per = 2;
	for (unsigned i = 0; i < it->noptions; i++) {
		bool right = pp->kind == DOC_GUIDE &&
			     (it->answer & (1u << i));

		if (per > 1) {
			double ox = x + (w / per) * (double)(i % per);

			snprintf(letter, sizeof(letter), "%c.", 'A' + i);
			pdf_put_layout(d, pdf_layout(d, s, right ? PF_BOLD :
						     PF_BODY, letter), ox, y, 0);
			pdf_put_layout(d, l[i], ox + LETTER_W, y, 0);
			if (i % per == per - 1 || i + 1 == it->noptions)
				y += rowh + 2;
		} else {
			/* one per line: the letter hangs, the text wraps */
			snprintf(letter, sizeof(letter), "%c.", 'A' + i);
			pdf_text(d, s, right ? PF_BOLD : PF_BODY, x, y, 0, 0,
				 letter, 0);
			y += 2 + pdf_text(d, s, right ? PF_BOLD : PF_BODY,
					  x + 18, y, w - 18, 0, txt[i], 0);
		}
		g_free(txt[i]);
	}
	return y;
}

/* A labelled paragraph of the guide, "参考答案：..." */
static double guide_para(struct pdf_paper *pp, enum pdf_script s, double y,
			 const char *label, const char *text)
{
	char *body = trimmed(text);
	char *t = g_strconcat(label, pp->lb->colon, body, NULL);
	double h = pdf_text(&pp->doc, s, PF_BODY, PDF_MARGIN_X + INDENT, y,
			    PDF_BODY_W - INDENT, 0, t,
			    strlen(label) + strlen(pp->lb->colon));

	g_free(t);
	g_free(body);
	return y + h + 3;
}

/* A labelled list of the guide: "高分关键：" then one bullet a line. */
static double guide_list(struct pdf_paper *pp, enum pdf_script s, double y,
			 const char *label, const char *const *v, size_t n)
{
	struct pdf_doc *d = &pp->doc;
	const double x = PDF_MARGIN_X + INDENT, w = PDF_BODY_W - INDENT;
	char *t = g_strconcat(label, pp->lb->colon, NULL);

	y += pdf_text(d, s, PF_BODY, x, y, w, 0, t, strlen(t));
	g_free(t);
	for (size_t i = 0; i < n; i++) {
		char *item = trimmed(v[i]);

		pdf_text(d, s, PF_BODY, x + 4, y, 0, 0, "·", 0);
		y += 1 + pdf_text(d, s, PF_BODY, x + 14, y, w - 14, 0, item,
				  0);
		g_free(item);
	}
	return y + 3;
}

/* Answer, scoring, rubric, reference, keys, deductions and explanation of
 * an item in the guide. */
static double guide_item(struct pdf_paper *pp, const struct paper_item *it,
			 enum pdf_script s, double y)
{
	const struct labels *lb = pp->lb;
	const struct question *q = it->q;
	struct pdf_doc *d = &pp->doc;
	char buf[LABEL_MAX], pts[FORMAT_NUMBER_MAX];
	char *t;

	y += 3;
	if (labels_answer(lb, it, buf))
		y = guide_para(pp, d->script, y, lb->answer, buf);
	if (q->type == Q_MULTIPLE)
		y = guide_para(pp, d->script, y, lb->scoring,
			       labels_rule(lb, it->rule));
	if (q->type == Q_ESSAY && q->nrubric) {
		const double x = PDF_MARGIN_X + INDENT, w = PDF_BODY_W - INDENT;

		t = g_strconcat(lb->rubric, lb->colon, NULL);
		y += pdf_text(d, d->script, PF_BODY, x, y, w, 0, t, strlen(t));
		g_free(t);
		for (size_t i = 0; i < q->nrubric; i++) {
			double h;

			/* named as on the sheet's score rows */
			t = g_strdup_printf("%s %s", labels_criterion(lb, i,
					    pts), q->rubric[i].text);
			h = pdf_text(d, s, PF_BODY, x + 4, y, w - 74, 0, t, 0);
			g_free(t);
			t = g_strdup_printf("%s %s", format_number(
					    it->criteria ? it->criteria[i] :
					    q->rubric[i].points, pts),
					    lb->unit);
			pdf_text(d, d->script, PF_BOLD, x + w - 64, y, 64,
				 PT_RIGHT, t, 0);
			g_free(t);
			pdf_rule(d, x + 4, y + h + 1, w - 4, 0.3);
			y += h + 3;
		}
		y += 3;
	}
	if (q->reference)
		y = guide_para(pp, s, y, lb->reference, q->reference);
	if (q->nkeys)
		y = guide_list(pp, s, y, lb->keys, q->keys, q->nkeys);
	if (q->ndeductions)
		y = guide_list(pp, s, y, lb->deductions, q->deductions,
			       q->ndeductions);
	if (q->explanation)
		y = guide_para(pp, s, y, lb->explanation, q->explanation);
	return y;
}

/* One question: number, stem with points, options, then writing lines
 * (paper) or the answers (guide).  y > 0 continues a section's block. */
static void item(struct pdf_paper *pp, const struct paper_item *it, double y)
{
	struct pdf_doc *d = &pp->doc;
	enum pdf_script s = item_script(pp, it->q);
	char num[16], pts[LABEL_MAX];
	char *stem, *txt;

	if (y == 0)
		pdf_block_begin(d, 10, 0);
	snprintf(num, sizeof(num), "%u.", it->no);
	pdf_text(d, d->script, PF_BOLD, PDF_MARGIN_X, y, 0, 0, num, 0);
	stem = trimmed(it->q->stem);
	txt = g_strconcat(labels_points(pp->lb, it->points, pts),
			  d->script == PS_LATIN ? " " : "", stem,
			  it->q->type == Q_MULTIPLE ? pp->lb->multiple_hint :
			  it->q->type == Q_TRUE_FALSE ? pp->lb->tf_hint : "",
			  NULL);
	y += 3 + pdf_text(d, s, PF_BODY, PDF_MARGIN_X + INDENT, y,
			  PDF_BODY_W - INDENT, 0, txt, 0);
	g_free(stem);
	g_free(txt);
	if (it->q->type == Q_SINGLE || it->q->type == Q_MULTIPLE)
		y = options(pp, it, s, y);
	if (pp->kind == DOC_GUIDE) {
		y = guide_item(pp, it, s, y);
	} else if (it->q->type == Q_SHORT || it->q->type == Q_ESSAY) {
		unsigned n = item_answer_lines(it);
		size_t first = d->nops;

		/* the question with its first two lines stays together;
		 * the rest may run on over the page */
		pdf_block_keep(d, y + RULE_PITCH * (n < 2 ? n : 2) + 4);
		for (unsigned i = 0; i < n; i++) {
			y += RULE_PITCH;
			pdf_rule(d, PDF_MARGIN_X + INDENT, y,
				 PDF_BODY_W - INDENT, 0.4);
		}
		y += 4;
		if (n && ARRAY_GROW(pp->writing, pp->writing_cap,
				    pp->nwriting + 1) < 0)
			d->oom = true;
		else if (n)
			pp->writing[pp->nwriting++] = (struct pdf_writing){
				it->no, first, d->nops - first };
	}
	pdf_block_end(d, y);
}

/* The text of an objective item's cell in the guide's answer table,
 * "12. ACD", or T or F as the sheet's bubbles say (buf of ANSWER_CELL_MAX
 * bytes). */
static const char *answer_cell(const struct labels *lb,
			       const struct paper_item *it, char *buf)
{
	char letters[MASK_LETTERS_MAX];

	snprintf(buf, ANSWER_CELL_MAX, "%u. %s", it->no,
		 it->q->type == Q_TRUE_FALSE ?
		 (it->q->answer_tf ? lb->tf_true : lb->tf_false) :
		 mask_letters(it->answer, letters));
	return buf;
}

/* The guide's table of objective answers: ten to a row, or fewer when the
 * widest cell would not fit inside its borders. */
static void quick_answers(struct pdf_paper *pp)
{
	static const unsigned per_row[] = { 10, 8, 6, 5, 4, 3, 2 };
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	const double rh = 18, pad = 4;
	double y, cw, widest = 0;
	unsigned per = 1;
	size_t n = 0;
	char cell[ANSWER_CELL_MAX];

	for (size_t i = 0; i < pp->f->nitems; i++) {
		const struct paper_item *it = &pp->f->items[i];
		double w, h;

		if (!item_is_objective(it))
			continue;
		n++;
		pdf_layout_size(pdf_layout(d, d->script, PF_BODY,
					   answer_cell(lb, it, cell)), &w, &h);
		if (w > widest)
			widest = w;
	}
	if (!n)
		return;
	for (size_t k = 0; k < sizeof(per_row) / sizeof(*per_row); k++)
		if (widest + 2 * pad <= PDF_BODY_W / per_row[k]) {
			per = per_row[k];
			break;
		}
	cw = PDF_BODY_W / per;
	pdf_block_begin(d, 14, 0);
	y = pdf_text(d, d->script, PF_HEAD, PDF_MARGIN_X, 0, PDF_BODY_W, 0,
		     lb->answer, 0) + 4;
	n = 0;
	for (size_t i = 0; i < pp->f->nitems; i++) {
		const struct paper_item *it = &pp->f->items[i];
		double cx = PDF_MARGIN_X + cw * (double)(n % per);

		if (!item_is_objective(it))
			continue;
		pdf_rect(d, cx, y, cw, rh, 0.4);
		pdf_text(d, d->script, PF_BODY, cx + pad, y + 2, 0, 0,
			 answer_cell(lb, it, cell), 0);
		if (++n % per == 0)
			y += rh;
	}
	pdf_block_end(d, n % per ? y + rh : y);
}

/* v points in millimetres, to 0.01 mm. */
static double to_mm(double v)
{
	return round(v / PT * 100.0) / 100.0;
}

/* The regions of each writing space on each page it spans, from the
 * paginated ruled lines: a region holds its lines' writing room, from
 * just below the text above the first line to just below the last. */
static int find_regions(struct pdf_paper *pp)
{
	const struct pdf_doc *d = &pp->doc;
	const double x = PDF_MARGIN_X + INDENT - PAGE_RULE_INSET * PT;
	const double w = PDF_MARGIN_X + PDF_BODY_W - x;

	for (size_t k = 0; k < pp->nwriting; k++) {
		const struct pdf_writing *wr = &pp->writing[k];

		for (size_t i = wr->first; i < wr->first + wr->n;) {
			const struct pdf_op *op = &d->ops[i];
			double top = op->y - PAGE_RULE_FIRST * PT;
			double bottom = op->y;
			unsigned page = op->page;

			for (; i < wr->first + wr->n &&
			       d->ops[i].page == page; i++)
				bottom = d->ops[i].y;
			if (page_layout_add_region(&pp->regions, page + 1,
						   to_mm(x), to_mm(top),
						   to_mm(w),
						   to_mm(bottom - top +
							 PAGE_RULE_LAST * PT),
						   wr->question) < 0)
				return -1;
		}
	}
	return 0;
}

/* The paper page's own header: the candidate's id and name when the
 * copy is printed for one, else a box to write the id in, left of the
 * code and form at right_x; then its QR code and the borders of its
 * writing regions. */
static int paper_page(struct pdf_paper *pp, cairo_t *cr, unsigned page,
		      double right_x)
{
	struct pdf_doc *d = &pp->doc;
	const struct labels *lb = pp->lb;
	struct sheet_square sq = { page + 1, PAGE_QR_X, PAGE_QR_Y,
				   PAGE_QR_SIZE };
	char qr[SHEET_QR_MAX];
	PangoLayout *l;
	double w, h, x;
	char *s;

	if (pp->cand_id) {
		const char *name = pp->cand_name ? pp->cand_name : "";
		/* a long name stops short of the title on the left */
		glong n = g_utf8_strlen(name, -1);
		int keep = n > HEAD_NAME_MAX ?
			   (int)(g_utf8_offset_to_pointer(name,
				HEAD_NAME_MAX - 1) - name) : (int)strlen(name);

		s = g_strdup_printf("%s%s%s  %s%s%.*s%s", lb->candidate_id,
				    lb->colon, pp->cand_id, lb->name,
				    lb->colon, keep, name,
				    n > HEAD_NAME_MAX ? "…" : "");
		l = pdf_layout(d, d->script, PF_SMALL, s);
		g_free(s);
		if (!l)
			return -1;
		pdf_layout_size(l, &w, &h);
		pdf_show(cr, l, right_x - 16 - w, 39, 0);
	} else {
		x = right_x - 16 - ID_BOX_W;
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.5);
		cairo_rectangle(cr, x, 36, ID_BOX_W, 15);
		cairo_stroke(cr);
		s = g_strconcat(lb->candidate_id, lb->colon, NULL);
		l = pdf_layout(d, d->script, PF_LABEL, s);
		g_free(s);
		if (!l)
			return -1;
		pdf_layout_size(l, &w, &h);
		pdf_show(cr, l, x - 4 - w, 40, 0.35);
	}
	sheet_qr_paper_text(qr, pp->p, pp->f, page + 1, pp->all, pp->cand_id);
	if (pdf_sheet_qr(cr, &sq, qr) < 0)
		return -1;
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_set_line_width(cr, 0.6);
	for (size_t i = 0; i < pp->regions.nregions; i++) {
		const struct page_region *r = &pp->regions.regions[i];

		if (r->page == page + 1)
			cairo_rectangle(cr, r->x * PT, r->y * PT, r->w * PT,
					r->h * PT);
	}
	cairo_stroke(cr);
	return 0;
}

/* Running header, page number and, on answer-sheet pages, the four
 * registration marks; on the paper's other pages, the candidate, the
 * page's QR code and the borders of its writing regions. */
static int decorate(struct pdf_doc *d, cairo_t *cr, unsigned page,
		    unsigned pages, int src, void *arg)
{
	struct pdf_paper *pp = arg;
	const struct labels *lb = pp->lb;
	bool sheet = src >= 0 && d->sheet_pages[src];
	char *s;
	PangoLayout *l;
	double w, h;

	/* an answer-sheet page carries its own header */
	if (sheet && pdf_sheet_draw_page(cr, d, pp, (unsigned)src -
					 d->body_pages + 1) < 0)
		return -1;
	l = pdf_layout(d, d->script, PF_LABEL, pp->p->tpl->title);
	if (!l)
		return -1;
	if (!sheet)
		pdf_show(cr, l, PDF_MARGIN_X, 40, 0.35);
	s = g_strdup_printf("%s%s%s%s%s%s%s", pp->p->tpl->code, lb->sep,
			    lb->form_pre, pp->f->name, lb->form_post,
			    pp->kind == DOC_GUIDE ? lb->sep : "",
			    pp->kind == DOC_GUIDE ? lb->guide : "");
	l = pdf_layout(d, d->script, PF_LABEL, s);
	g_free(s);
	if (!l)
		return -1;
	pdf_layout_size(l, &w, &h);
	if (!sheet && pp->kind == DOC_PAPER &&
	    paper_page(pp, cr, page, PDF_PAGE_W - PDF_MARGIN_X - w) < 0)
		return -1;
	if (!sheet) {
		pdf_show(cr, l, PDF_PAGE_W - PDF_MARGIN_X - w, 40, 0.35);
		cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, PDF_MARGIN_X, 40 + h + 3);
		cairo_line_to(cr, PDF_PAGE_W - PDF_MARGIN_X, 40 + h + 3);
		cairo_stroke(cr);
	}
	s = g_strdup_printf("%s%u%s%u%s", lb->page_pre, page + 1, lb->page_mid,
			    pages, lb->page_post);
	l = pdf_layout(d, d->script, PF_LABEL, s);
	g_free(s);
	if (!l)
		return -1;
	pdf_layout_size(l, &w, &h);
	pdf_show(cr, l, (PDF_PAGE_W - w) / 2, PDF_PAGE_H - 44, 0.2);
	if (src < 0) {
		/* a blank page before the answer sheet says why it is there */
		bool before = pp->kind == DOC_PAPER && page < pp->body &&
			      d->pages > d->body_pages;

		l = pdf_layout(d, d->script, before ? PF_BODY : PF_HEAD,
			       before ? lb->blank_before_sheet :
					lb->blank_page);
		pdf_layout_size(l, &w, &h);
		pdf_show(cr, l, (PDF_PAGE_W - w) / 2, (PDF_PAGE_H - h) / 2,
			 0.45);
	}
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Lay out and paginate one copy. */
int pdf_compose_paper(struct pdf_paper *pp, enum render_doc doc,
		      const struct paper *p, const struct pdf_copy *c)
{
	const struct paper_form *f = c->f;

	pdf_doc_reset(&pp->doc);
	pp->nwriting = 0;
	pp->regions.nregions = 0;
	pp->p = p;
	pp->f = f;
	pp->kind = doc;
	pp->lb = labels_for(p);
	pp->cand_id = c->id;
	pp->cand_name = c->name;
	title_block(pp);
	if (doc == DOC_GUIDE)
		quick_answers(pp);
	for (size_t s = 0; s < f->nsections; s++) {
		const struct paper_section *sec = &f->sections[s];
		double y = section_head(pp, sec);

		if (!sec->count)
			pdf_block_end(&pp->doc, y);
		for (size_t i = 0; i < sec->count; i++)
			item(pp, &f->items[sec->first + i], i ? 0 : y);
	}
	if (doc == DOC_PAPER)
		pdf_sheet(pp);
	if (pdf_doc_paginate(&pp->doc) < 0 || find_regions(pp) < 0)
		return -1;
	return 0;
}

/* See pdf-compose.h. */
int pdf_compose_regions(const struct pdf_paper *pp, struct page_layout *out)
{
	for (size_t i = 0; i < pp->regions.nregions; i++) {
		const struct page_region *r = &pp->regions.regions[i];

		if (page_layout_add_region(out, r->page, r->x, r->y, r->w,
					   r->h, r->question) < 0)
			return -1;
	}
	return 0;
}

/* See pdf-compose.h. */
int pdf_compose_qrs(struct page_layout *out, unsigned body_pages,
		    unsigned pages, unsigned body, unsigned total)
{
	unsigned all = pdf_pages_padded(body_pages, pages, &body, total);
	unsigned sheet = pages - body_pages;

	for (unsigned page = 0; page < all; page++)
		if ((page < body || page >= body + sheet) &&
		    page_layout_add_qr(out, page + 1, PAGE_QR_X, PAGE_QR_Y,
				       PAGE_QR_SIZE) < 0)
			return -1;
	return 0;
}

/* Write copies as one PDF; with total 0 each copy is made even. */
int pdf_write_copies(FILE *fp, struct pdf_fonts *ft, enum render_doc doc,
		     const struct paper *p, const struct pdf_copy *v,
		     size_t n, unsigned body, unsigned total)
{
	struct pdf_sink sink = { .fp = NULL };
	struct pdf_paper pp;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	const struct labels *lb = labels_for(p);
	int rc = -1, oom = 0;
	char *title;

	pdf_paper_init(&pp, ft, p);
	if (n == 1)
		title = g_strdup_printf("%s %s%s%s%s%s", p->tpl->title,
					lb->form_pre, v[0].f->name,
					lb->form_post,
					doc == DOC_GUIDE ? lb->sep : "",
					doc == DOC_GUIDE ? lb->guide : "");
	else
		title = g_strdup_printf("%s%s%s", p->tpl->title,
					doc == DOC_GUIDE ? lb->sep : "",
					doc == DOC_GUIDE ? lb->guide : "");
	sf = pdf_surface_create(&sink, fp, title);
	g_free(title);
	cr = cairo_create(sf);
	/* the copies of a file say many of the same texts: counted first,
	 * each is then drawn once */
	for (size_t i = 0; n > 1 && i < n; i++) {
		if (pdf_compose_paper(&pp, doc, p, &v[i]) < 0) {
			oom = 1;
			goto out;
		}
		pdf_doc_count_texts(&pp.doc);
	}
	for (size_t i = 0; i < n; i++) {
		if (pdf_compose_paper(&pp, doc, p, &v[i]) < 0) {
			oom = 1;
			goto out;
		}
		pp.body = body ? body : pp.doc.body_pages;
		/* without a common count, each copy ends on an even page */
		unsigned t = total ? total : pp.doc.pages + (pp.doc.pages & 1);
		unsigned b = body;

		pp.all = pdf_doc_padded(&pp.doc, &b, t);
		if (pdf_doc_draw(&pp.doc, cr, body, t, decorate, &pp) < 0)
			goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	if (pdf_surface_finish(&sink, sf) == 0)
		rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	oom |= pp.doc.oom;
	pdf_paper_release(&pp);
	if (rc < 0)
		errno = sink.err ? sink.err : oom ? ENOMEM : EIO;
	return rc;
}
