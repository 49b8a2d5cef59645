/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-html.c - the answer sheet in HTML: one inline SVG per page in
 * millimetres, drawn from the same layout as the PDF sheet (corner marks,
 * QR code, bubbles, words), printed on its own A4 page without margins. */
#include "render/sheet-html.h"

#include <string.h>

#include <qrencode.h>

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

/* The QR code of text as one SVG path filling square s. */
static int svg_qr(FILE *fp, const struct sheet_square *s, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double m;

	if (!qr)
		return -1;
	m = s->size / qr->width;
	fprintf(fp, "<g transform=\"translate(%.3f %.3f) scale(%.5f)\">"
		"<path d=\"", s->x - s->size / 2, s->y - s->size / 2, m);
	for (int r = 0; r < qr->width; r++)
		for (int c = 0; c < qr->width; c++)
			if (qr->data[r * qr->width + c] & 1)
				fprintf(fp, "M%d %dh1v1h-1z", c, r);
	fputs("\"/></g>\n", fp);
	QRcode_free(qr);
	return 0;
}

/* One page of the layout as SVG. */
static int svg_page(FILE *fp, const struct sheet_layout *L, unsigned page,
		    const char *qr_text)
{
	static const char *const anchors[] = { "start", "middle", "end" };

	fprintf(fp, "<svg class=\"sheetpage\" viewBox=\"0 0 %g %g\" "
		"xmlns=\"http://www.w3.org/2000/svg\">\n", SHEET_W, SHEET_H);
	for (size_t i = 0; i < L->nmarks; i++)
		if (L->marks[i].page == page)
			fprintf(fp, "<rect x=\"%g\" y=\"%g\" width=\"%g\" "
				"height=\"%g\"/>\n",
				L->marks[i].x - L->marks[i].size / 2,
				L->marks[i].y - L->marks[i].size / 2,
				L->marks[i].size, L->marks[i].size);
	for (size_t i = 0; i < L->nqr; i++)
		if (L->qr[i].page == page && svg_qr(fp, &L->qr[i],
						    qr_text) < 0)
			return -1;
	fputs("<g fill=\"none\" stroke=\"#000\">\n", fp);
	for (size_t i = 0; i < L->nrects; i++) {
		const struct sheet_rect *r = &L->rects[i];

		if (r->page != page)
			continue;
		if (r->h > 0)
			fprintf(fp, "<rect x=\"%g\" y=\"%g\" width=\"%g\" "
				"height=\"%g\" stroke-width=\"%.3f\"/>\n",
				r->x, r->y, r->w, r->h, r->lw * 25.4 / 72);
		else
			fprintf(fp, "<path d=\"M%g %gh%g\" "
				"stroke-width=\"%.3f\"/>\n", r->x, r->y, r->w,
				r->lw * 25.4 / 72);
	}
	fputs("</g>\n<g fill=\"none\" stroke=\"#404040\" "
	      "stroke-width=\".25\">\n", fp);
	for (size_t i = 0; i < L->nbubbles; i++)
		if (L->bubbles[i].page == page)
			fprintf(fp, "<circle cx=\"%g\" cy=\"%g\" r=\"%g\"/>\n",
				L->bubbles[i].x, L->bubbles[i].y,
				L->bubbles[i].r);
	fputs("</g>\n<g fill=\"#737373\" text-anchor=\"middle\">\n", fp);
	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *b = &L->bubbles[i];
		char s[16];

		if (b->page != page)
			continue;
		if (b->kind == SB_OPTION)
			snprintf(s, sizeof(s), "%c", b->option);
		else if (b->kind == SB_SCORE && b->group == SG_HALF)
			strcpy(s, ".5");
		else
			snprintf(s, sizeof(s), "%g", b->value);
		fprintf(fp, "<text x=\"%g\" y=\"%.2f\" font-size=\"%.2f\">%s"
			"</text>\n", b->x, b->y + 1.0,
			size_of(strlen(s) > 1 ? SR_TINY : SR_LABEL), s);
	}
	fputs("</g>\n", fp);
	for (size_t i = 0; i < L->ntexts; i++) {
		const struct sheet_text *t = &L->texts[i];
		double sz = size_of(t->role);

		if (t->page != page)
			continue;
		fprintf(fp, "<text x=\"%g\" y=\"%.2f\" font-size=\"%.2f\"%s "
			"text-anchor=\"%s\">", t->x, t->y + sz * 0.95, sz,
			t->role == SR_TITLE || t->role == SR_HEAD ?
			" font-weight=\"700\"" : "", anchors[t->anchor]);
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
int render_sheet_html(FILE *fp, const struct paper *p,
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
