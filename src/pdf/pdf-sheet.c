/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-sheet.c - the answer sheet as PDF pages drawn from its layout
 * (sheet-layout.h): corner marks, the QR code, bubbles with their letters
 * inside, and the words around them, at the millimetres the key records. */
#include "pdf/pdf-sheet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "paper/labels.h"
#include "paper/sheet-layout.h"

#define PT (72.0 / 25.4)	/* points per millimetre */

/* Font role of a layout role. */
static enum pdf_font font_of(enum sheet_role r)
{
	static const enum pdf_font map[] = {
		[SR_TITLE] = PF_TITLE, [SR_HEAD] = PF_HEAD,
		[SR_BODY] = PF_BODY,   [SR_SMALL] = PF_SMALL,
		[SR_LABEL] = PF_LABEL, [SR_TINY] = PF_TINY,
	};
	return map[r];
}

/* Draw the QR code of text filling the square s: one bit a module, a
 * 1-bit stencil the PDF holds inline in the page (about a tenth of the
 * bytes of a path), each module a sharp square. */
int pdf_sheet_qr(cairo_t *cr, const struct sheet_square *s, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	cairo_surface_t *img = NULL;
	cairo_pattern_t *pat;
	unsigned char *bits;
	int n, stride, rc = -1;

	if (!qr)
		return -1;
	n = qr->width;
	img = cairo_image_surface_create(CAIRO_FORMAT_A1, n, n);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_surface_flush(img);
	bits = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++) {
			unsigned char *b = bits + r * stride + c / 8;
			/* cairo's A1 bit order follows the machine's */
			unsigned bit = (unsigned)(G_BYTE_ORDER ==
				G_LITTLE_ENDIAN ? c % 8 : 7 - c % 8);

			if (qr->data[r * n + c] & 1)
				*b |= (unsigned char)(1u << bit);
			else
				*b &= (unsigned char)~(1u << bit);
		}
	cairo_surface_mark_dirty(img);
	cairo_save(cr);
	cairo_translate(cr, (s->x - s->size / 2) * PT,
			(s->y - s->size / 2) * PT);
	cairo_scale(cr, s->size * PT / n, s->size * PT / n);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pat = cairo_pattern_create_for_surface(img);
	cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
	cairo_mask(cr, pat);
	cairo_pattern_destroy(pat);
	cairo_restore(cr);
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
out:
	cairo_surface_destroy(img);
	QRcode_free(qr);
	return rc;
}

/* Draw text t of the layout. */
static int draw_text(cairo_t *cr, struct pdf_doc *d,
		     const struct sheet_text *t)
{
	PangoLayout *l = pdf_layout(d, t->latin ? PS_LATIN : d->script,
				    font_of(t->role), t->text);
	double w, h, x = t->x * PT;

	if (!l)
		return -1;
	pdf_layout_size(l, &w, &h);
	if (t->anchor == SA_CENTER)
		x -= w / 2;
	else if (t->anchor == SA_RIGHT)
		x -= w;
	pdf_show(cr, l, x, t->y * PT, 0);
	return 0;
}

/* Draw bubble b with its letter or value inside. */
static int draw_bubble(cairo_t *cr, struct pdf_doc *d,
		       const struct sheet_bubble *b)
{
	char s[16];
	PangoLayout *l;
	double w, h;

	switch (b->kind) {
	case SB_OPTION:
		s[0] = b->option;
		s[1] = '\0';
		break;
	case SB_SCORE:
		if (b->group == SG_HALF)
			strcpy(s, ".5");
		else
			snprintf(s, sizeof(s), "%g", b->value);
		break;
	case SB_ID:
		snprintf(s, sizeof(s), "%g", b->value);
		break;
	}
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_set_line_width(cr, 0.7);
	cairo_new_sub_path(cr);
	cairo_arc(cr, b->x * PT, b->y * PT, b->r * PT, 0, 2 * G_PI);
	cairo_stroke(cr);
	l = pdf_layout(d, PS_LATIN, strlen(s) > 1 ? PF_TINY : PF_LABEL, s);
	if (!l)
		return -1;
	pdf_layout_size(l, &w, &h);
	pdf_show(cr, l, b->x * PT - w / 2, b->y * PT - h / 2, 0.45);
	return 0;
}

/* What the common part of a sheet page is drawn from. */
struct sheet_page {
	struct pdf_doc *d;
	const struct sheet_layout *L;
	unsigned page;
};

/* Draw what page sp->page of the layout shares with the same page of the
 * paper's other forms: marks, boxes, words (not the form's or the
 * candidate's own), bubbles. */
static int draw_common(cairo_t *cr, void *arg)
{
	const struct sheet_page *sp = arg;
	const struct sheet_layout *L = sp->L;
	unsigned page = sp->page;

	for (size_t i = 0; i < L->nmarks; i++)
		if (L->marks[i].page == page) {
			const struct sheet_square *m = &L->marks[i];

			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_rectangle(cr, (m->x - m->size / 2) * PT,
					(m->y - m->size / 2) * PT,
					m->size * PT, m->size * PT);
			cairo_fill(cr);
		}
	for (size_t i = 0; i < L->nrects; i++) {
		const struct sheet_rect *r = &L->rects[i];

		if (r->page != page)
			continue;
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, r->lw);
		if (r->h > 0) {
			cairo_rectangle(cr, r->x * PT, r->y * PT, r->w * PT,
					r->h * PT);
		} else {
			cairo_move_to(cr, r->x * PT, r->y * PT);
			cairo_line_to(cr, (r->x + r->w) * PT, r->y * PT);
		}
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < L->ntexts; i++)
		if (L->texts[i].page == page && !L->texts[i].own &&
		    draw_text(cr, sp->d, &L->texts[i]) < 0)
			return -1;
	for (size_t i = 0; i < L->nbubbles; i++)
		if (L->bubbles[i].page == page &&
		    draw_bubble(cr, sp->d, &L->bubbles[i]) < 0)
			return -1;
	return 0;
}

/* The name of the common part of page sp->page: everything it is drawn
 * from, so that equal names draw equal pages (malloc'd). */
static char *common_key(const struct sheet_page *sp)
{
	const struct sheet_layout *L = sp->L;
	GString *k = g_string_new("sheet");

	for (size_t i = 0; i < L->nmarks; i++)
		if (L->marks[i].page == sp->page)
			g_string_append_printf(k, "|m%.3f %.3f %.3f",
					       L->marks[i].x, L->marks[i].y,
					       L->marks[i].size);
	for (size_t i = 0; i < L->nrects; i++) {
		const struct sheet_rect *r = &L->rects[i];

		if (r->page == sp->page)
			g_string_append_printf(k, "|r%.3f %.3f %.3f %.3f %.3f",
					       r->x, r->y, r->w, r->h, r->lw);
	}
	for (size_t i = 0; i < L->ntexts; i++) {
		const struct sheet_text *t = &L->texts[i];

		if (t->page == sp->page && !t->own)
			g_string_append_printf(k, "|t%.3f %.3f %d %d %d %s",
					       t->x, t->y, (int)t->role,
					       (int)t->anchor, (int)t->latin,
					       t->text);
	}
	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *b = &L->bubbles[i];

		if (b->page == sp->page)
			g_string_append_printf(k, "|b%.3f %.3f %.3f %d %d %d %g",
					       b->x, b->y, b->r, (int)b->kind,
					       b->option, (int)b->group,
					       b->value);
	}
	return g_string_free(k, FALSE);
}

/* Draw page (1-based) of layout L: the part it shares with the other
 * forms' sheets once per PDF, then its QR code and own words. */
static int draw_page(cairo_t *cr, struct pdf_doc *d,
		     const struct sheet_layout *L, unsigned page,
		     const char *qr_text)
{
	struct sheet_page sp = { d, L, page };
	char *key = common_key(&sp);
	int rc = pdf_paint_shared(d, cr, key, draw_common, &sp);

	g_free(key);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < L->nqr; i++)
		if (L->qr[i].page == page && pdf_sheet_qr(cr, &L->qr[i],
							  qr_text) < 0)
			return -1;
	for (size_t i = 0; i < L->ntexts; i++)
		if (L->texts[i].page == page && L->texts[i].own &&
		    draw_text(cr, d, &L->texts[i]) < 0)
			return -1;
	return 0;
}

/* Draw page `page` of the answer sheet of copy pp. */
int pdf_sheet_draw_page(cairo_t *cr, struct pdf_doc *d,
			const struct pdf_paper *pp, unsigned page)
{
	struct sheet_layout L;
	char qr[SHEET_QR_MAX];
	int rc = -1;

	if (sheet_layout_build(&L, pp->p, pp->f, pp->cand_id,
			       pp->cand_name) == 0 && page >= 1 &&
	    page <= L.pages) {
		sheet_qr_text(qr, pp->p, pp->f, page, L.pages, pp->cand_id);
		rc = draw_page(cr, d, &L, page, qr);
	}
	sheet_layout_release(&L);
	return rc;
}

/* The number of pages of form f's answer sheet; -1 when out of memory. */
static int pdf_sheet_pages(const struct paper *p, const struct paper_form *f)
{
	struct sheet_layout L;
	int n = -1;

	if (sheet_layout_build(&L, p, f, NULL, NULL) == 0)
		n = (int)L.pages;
	sheet_layout_release(&L);
	return n;
}

/* The sheet's pages in the paper's flow: one empty page-high block each,
 * drawn by pdf_sheet_draw_page() when the page is decorated. */
void pdf_sheet(struct pdf_paper *pp)
{
	int n = pdf_sheet_pages(pp->p, pp->f);

	if (n < 0) {
		pp->doc.oom = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		pdf_block_begin(&pp->doc, 0, PB_BREAK | PB_SHEET);
		pdf_block_end(&pp->doc, PDF_BODY_BOTTOM - PDF_BODY_TOP);
	}
}

/* The title of form f's sheet alone (g_free). */
static char *sheet_title(const struct paper *p, const struct paper_form *f)
{
	const struct labels *lb = labels_for(p);

	return g_strdup_printf("%s %s%s%s%s%s", p->tpl->title, lb->form_pre,
			       f->name, lb->form_post, lb->sep,
			       lb->answer_sheet);
}

/* Draw the blank sheets of forms [0, nforms) on the pages of sf, form i
 * from page first[i]; 0, or -1 with the failure in *oom or the sink. */
static int sheets_draw(cairo_surface_t *sf, struct pdf_fonts *ft,
		       const struct paper *p, size_t from, size_t to,
		       size_t *first, bool *oom)
{
	cairo_t *cr = cairo_create(sf);
	struct pdf_paper pp;
	size_t page = 0;
	int rc = -1;

	memset(&pp, 0, sizeof(pp));
	pp.p = p;
	pp.lb = labels_for(p);
	pp.kind = DOC_PAPER;
	pdf_doc_init(&pp.doc, ft, pdf_paper_script(p));
	for (size_t i = from; i < to; i++) {
		int pages = pdf_sheet_pages(p, &p->forms[i]);

		if (first)
			first[i - from] = page;
		if (pages < 0) {
			pp.doc.oom = true;
			goto out;
		}
		pp.f = &p->forms[i];
		for (int pg = 1; pg <= pages; pg++, page++) {
			if (pdf_sheet_draw_page(cr, &pp.doc, &pp,
						(unsigned)pg) < 0)
				goto out;
			cairo_show_page(cr);
		}
	}
	if (first)
		first[to - from] = page;
	rc = 0;
out:
	cairo_destroy(cr);
	*oom = pp.doc.oom;
	pdf_doc_release(&pp.doc);
	return rc;
}

/* The sheet of form f alone as a PDF file, laid out with ft. */
static int sheet_write(FILE *fp, struct pdf_fonts *ft, const struct paper *p,
		       size_t f)
{
	struct pdf_sink sink = { .fp = NULL };
	char *title = sheet_title(p, &p->forms[f]);
	cairo_surface_t *sf = pdf_surface_create(&sink, fp, title);
	bool oom = false;
	int rc = -1;

	g_free(title);
	if (sheets_draw(sf, ft, p, f, f + 1, NULL, &oom) == 0 &&
	    pdf_surface_finish(&sink, sf) == 0)
		rc = 0;
	cairo_surface_destroy(sf);
	if (rc < 0)
		errno = sink.err ? sink.err : oom ? ENOMEM : EIO;
	return rc;
}

/* See pdf-sheet.h. */
int pdf_sheets_init(struct pdf_sheets *s, struct pdf_fonts *ft,
		    const struct paper *p)
{
	struct pdf_sink sink = { .fp = NULL };
	cairo_surface_t *sf;
	bool oom = false;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	s->p = p;
	s->first = calloc(p->nforms + 1, sizeof(*s->first));
	if (!s->first) {
		errno = ENOMEM;
		return -1;
	}
	sf = pdf_surface_create(&sink, NULL, p->tpl->title);
	if (sheets_draw(sf, ft, p, 0, p->nforms, s->first, &oom) == 0) {
		int r = pdf_surface_finish_file(&sink, sf, &s->file);

		/* a file this reader does not split: a sheet at a time */
		s->whole = r == 0;
		rc = r < 0 ? -1 : 0;
	}
	cairo_surface_destroy(sf);
	if (rc < 0)
		errno = sink.err ? sink.err : oom ? ENOMEM : EIO;
	return rc;
}

/* See pdf-sheet.h. */
void pdf_sheets_release(struct pdf_sheets *s)
{
	pdf_file_release(&s->file);
	free(s->first);
	memset(s, 0, sizeof(*s));
}

/* See pdf-sheet.h. */
int pdf_sheets_write(const struct pdf_sheets *s, FILE *fp, size_t f,
		     struct pdf_fonts *ft)
{
	struct pdf_bytes out = { NULL, 0, 0, false };
	char *title;
	int rc = -1;

	if (!s->whole)
		return sheet_write(fp, ft, s->p, f);
	title = sheet_title(s->p, &s->p->forms[f]);
	if (pdf_file_write_pages(&s->file, s->first[f],
				 s->first[f + 1] - s->first[f], title,
				 &out) < 0)
		errno = ENOMEM;
	else if (fwrite(out.b, 1, out.len, fp) != out.len)
		errno = errno ? errno : EIO;
	else
		rc = 0;
	g_free(title);
	free(out.b);
	return rc;
}
