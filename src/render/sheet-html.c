/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-html.c - the answer sheet in HTML: one inline SVG per page in
 * millimetres, drawn from the same layout as the PDF sheet (corner marks,
 * QR code, bubbles, words), printed on its own A4 page without margins. */
#include "render/sheet-html.h"

#include <string.h>

#include <qrencode.h>

#include "base/numfmt.h"
#include "paper/labels.h"
#include "paper/sheet-layout.h"
#include "render/html-escape.h"

const char sheet_html_css[] =
"@page sheet{size:A4;margin:0;@top-left{content:none}"
"@top-right{content:none}@bottom-center{content:none}}\n"
".sheetpage{page:sheet;display:block;break-before:page;width:209mm;"
"height:295.6mm;margin:0 auto}\n"
".sheetpage text{font-family:inherit}\n";

/* Type size in millimetres of a layout role (the PDF's point sizes). */
static double size_of(enum sheet_role r)
{
	static const double pt[] = {
		[SR_TITLE] = 18, [SR_HEAD] = 12, [SR_BODY] = 10.5,
		[SR_SMALL] = 9,  [SR_LABEL] = 8, [SR_TINY] = 6,
	};
	return pt[r] * 25.4 / 72.0;
}

/* Write v at fp as "%g" writes it. */
static void put_g(FILE *fp, double v)
{
	char b[NUMFMT_MAX];

	fwrite(b, 1, numfmt_g(b, v), fp);
}

/* Write v at fp as "%.*f" writes it with the given decimals. */
static void put_fixed(FILE *fp, double v, int decimals)
{
	char b[NUMFMT_MAX];

	fwrite(b, 1, numfmt_fixed(b, v, decimals), fp);
}

/* Write n at fp as "%d" writes it. */
static void put_int(FILE *fp, int n)
{
	char b[NUMFMT_MAX];

	fwrite(b, 1, numfmt_long(b, n), fp);
}

/* The QR code of text as one SVG path filling square s. */
static int svg_qr(FILE *fp, const struct sheet_square *s, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (!qr)
		return -1;
	fputs("<g transform=\"translate(", fp);
	put_fixed(fp, s->x - s->size / 2, 3);
	fputc(' ', fp);
	put_fixed(fp, s->y - s->size / 2, 3);
	fputs(") scale(", fp);
	put_fixed(fp, s->size / qr->width, 5);
	fputs(")\"><path d=\"", fp);
	for (int r = 0; r < qr->width; r++)
		for (int c = 0; c < qr->width; c++)
			if (qr->data[r * qr->width + c] & 1) {
				fputc('M', fp);
				put_int(fp, c);
				fputc(' ', fp);
				put_int(fp, r);
				fputs("h1v1h-1z", fp);
			}
	fputs("\"/></g>\n", fp);
	QRcode_free(qr);
	return 0;
}

/* Attribute name="v" with v as "%g" writes it, a space before it. */
static void put_attr(FILE *fp, const char *name, double v)
{
	fputc(' ', fp);
	fputs(name, fp);
	fputs("=\"", fp);
	put_g(fp, v);
	fputc('"', fp);
}

/* <text x=.. y=.. font-size=..: the start of a text element, unclosed. */
static void put_text_start(FILE *fp, double x, double y, double size)
{
	fputs("<text", fp);
	put_attr(fp, "x", x);
	fputs(" y=\"", fp);
	put_fixed(fp, y, 2);
	fputs("\" font-size=\"", fp);
	put_fixed(fp, size, 2);
	fputc('"', fp);
}

/* One page of the layout as SVG.  Every figure is written through
 * base/numfmt: a build writes hundreds of thousands of them. */
static int svg_page(FILE *fp, const struct sheet_layout *L, unsigned page,
		    const char *qr_text)
{
	static const char *const anchors[] = { "start", "middle", "end" };

	fputs("<svg class=\"sheetpage\" viewBox=\"0 0 ", fp);
	put_g(fp, SHEET_W);
	fputc(' ', fp);
	put_g(fp, SHEET_H);
	fputs("\" xmlns=\"http://www.w3.org/2000/svg\">\n", fp);
	for (size_t i = 0; i < L->nmarks; i++) {
		const struct sheet_square *m = &L->marks[i];

		if (m->page != page)
			continue;
		fputs("<rect", fp);
		put_attr(fp, "x", m->x - m->size / 2);
		put_attr(fp, "y", m->y - m->size / 2);
		put_attr(fp, "width", m->size);
		put_attr(fp, "height", m->size);
		fputs("/>\n", fp);
	}
	for (size_t i = 0; i < L->nqr; i++)
		if (L->qr[i].page == page && svg_qr(fp, &L->qr[i],
						    qr_text) < 0)
			return -1;
	fputs("<g fill=\"none\" stroke=\"#000\">\n", fp);
	for (size_t i = 0; i < L->nrects; i++) {
		const struct sheet_rect *r = &L->rects[i];

		if (r->page != page)
			continue;
		if (r->h > 0) {
			fputs("<rect", fp);
			put_attr(fp, "x", r->x);
			put_attr(fp, "y", r->y);
			put_attr(fp, "width", r->w);
			put_attr(fp, "height", r->h);
		} else {
			fputs("<path d=\"M", fp);
			put_g(fp, r->x);
			fputc(' ', fp);
			put_g(fp, r->y);
			fputc('h', fp);
			put_g(fp, r->w);
			fputc('"', fp);
		}
		fputs(" stroke-width=\"", fp);
		put_fixed(fp, r->lw * 25.4 / 72, 3);
		fputs("\"/>\n", fp);
	}
	fputs("</g>\n<g fill=\"none\" stroke=\"#404040\" "
	      "stroke-width=\".25\">\n", fp);
	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *b = &L->bubbles[i];

		if (b->page != page)
			continue;
		fputs("<circle", fp);
		put_attr(fp, "cx", b->x);
		put_attr(fp, "cy", b->y);
		put_attr(fp, "r", b->r);
		fputs("/>\n", fp);
	}
	fputs("</g>\n<g fill=\"#737373\" text-anchor=\"middle\">\n", fp);
	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *b = &L->bubbles[i];
		char s[NUMFMT_MAX];

		if (b->page != page)
			continue;
		if (b->kind == SB_OPTION) {
			s[0] = b->option;
			s[1] = '\0';
		} else if (b->kind == SB_SCORE && b->group == SG_HALF) {
			strcpy(s, ".5");
		} else {
			numfmt_g(s, b->value);
		}
		put_text_start(fp, b->x, b->y + 1.0,
			       size_of(strlen(s) > 1 ? SR_TINY : SR_LABEL));
		fputc('>', fp);
		fputs(s, fp);
		fputs("</text>\n", fp);
	}
	fputs("</g>\n", fp);
	for (size_t i = 0; i < L->ntexts; i++) {
		const struct sheet_text *t = &L->texts[i];
		double sz = size_of(t->role);

		if (t->page != page)
			continue;
		put_text_start(fp, t->x, t->y + sz * 0.95, sz);
		if (t->role == SR_TITLE || t->role == SR_HEAD)
			fputs(" font-weight=\"700\"", fp);
		fputs(" text-anchor=\"", fp);
		fputs(anchors[t->anchor], fp);
		fputs("\">", fp);
		html_escape(fp, t->text, strlen(t->text));
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* Every page of one sheet as SVG. */
int sheet_html_pages(FILE *fp, const struct paper *p,
		     const struct paper_form *f, const char *cand_id,
		     const char *cand_name)
{
	struct sheet_layout L;
	char qr[SHEET_QR_MAX];
	int rc = -1;

	if (sheet_layout_build(&L, p, f, cand_id, cand_name) < 0)
		goto out;
	for (unsigned pg = 1; pg <= L.pages; pg++) {
		sheet_qr_text(qr, p, f, pg, L.pages, cand_id);
		if (svg_page(fp, &L, pg, qr) < 0)
			goto out;
	}
	rc = 0;
out:
	sheet_layout_release(&L);
	return rc;
}

/* The blank sheet of form f alone as an HTML document. */
int sheet_html_write(FILE *fp, const struct paper *p,
		     const struct paper_form *f)
{
	const struct labels *lb = labels_for(p);

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<title>", lb->html_lang);
	html_escape(fp, p->tpl->title, strlen(p->tpl->title));
	fprintf(fp, " %s%s%s%s%s</title>\n<style>\n"
		"html{font-family:\"Noto Sans CJK SC\",\"Noto Sans\","
		"sans-serif;-webkit-print-color-adjust:exact;"
		"print-color-adjust:exact}\nbody{margin:0}\n%s"
		".sheetpage:first-child{break-before:auto}\n</style>\n"
		"</head>\n<body>\n", lb->form_pre, f->name, lb->form_post,
		lb->sep, lb->answer_sheet, sheet_html_css);
	if (sheet_html_pages(fp, p, f, NULL, NULL) < 0)
		return -1;
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}
