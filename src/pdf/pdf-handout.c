/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-handout.c - the hand-out list of a roster build: who gets which
 * form, in the order the print file stacks the papers, with a column for
 * the candidate's signature; as CSV and as a printable PDF table. */
#include "pdf/pdf-handout.h"

#include <errno.h>
#include <string.h>

#include "base/csv.h"
#include "paper/labels.h"
#include "pdf/pdf-doc.h"

#define ROW_H 24.0		/* table row */

/* The list as CSV: a UTF-8 BOM (for Excel), then order, candidate_id,
 * name, form and an empty signature cell per copy. */
static int handout_csv(FILE *fp, const struct pdf_copy *v, size_t n)
{
	fputs("\xef\xbb\xbforder,candidate_id,name,form,signature\r\n", fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%zu,", i + 1);
		csv_write_text(fp, v[i].id ? v[i].id : "");
		fputc(',', fp);
		csv_write_text(fp, v[i].name ? v[i].name : "");
		fprintf(fp, ",%s,\r\n", v[i].f->name);
	}
	return ferror(fp) ? -1 : 0;
}

/* Column left edges and the table's right edge, in points. */
static const double cols[] = { 0, 40, 150, 280, 330, PDF_BODY_W };

/* One table row at y: the cells' texts (NULL: empty) and borders. */
static void handout_row(struct pdf_doc *d, double y, const char *const *cell,
			enum pdf_font font)
{
	for (int c = 0; c < 5; c++) {
		double x = PDF_MARGIN_X + cols[c], w = cols[c + 1] - cols[c];

		pdf_rect(d, x, y, w, ROW_H, 0.5);
		if (cell[c])
			pdf_text(d, d->script, font, x + 4, y + 6, w - 8,
				 PT_CLIP2, cell[c], 0);
	}
}

/* Page number at the foot of each page. */
static int handout_decorate(struct pdf_doc *d, cairo_t *cr, unsigned page,
			    unsigned pages, int src, void *arg)
{
	const struct labels *lb = arg;
	char *s = g_strdup_printf("%s%u%s%u%s", lb->page_pre, page + 1,
				  lb->page_mid, pages, lb->page_post);
	PangoLayout *l = pdf_layout(d, d->script, PF_LABEL, s);
	double w, h;

	(void)src;
	g_free(s);
	pdf_layout_size(l, &w, &h);
	pdf_show(cr, l, (PDF_PAGE_W - w) / 2, PDF_PAGE_H - 44, 0.2);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Lay out the list: title, code and note, then a head row repeated on
 * every page and one row per copy. */
static void handout_layout(struct pdf_doc *d, const struct labels *lb,
			   const struct paper *p, const struct pdf_copy *v,
			   size_t n)
{
	const char *head[5] = { lb->seq, lb->candidate_id, lb->name,
				lb->form, lb->signature };
	const double body = PDF_BODY_BOTTOM - PDF_BODY_TOP;
	char *t = g_strdup_printf("%s%s%s", p->tpl->title, lb->sep,
				  lb->handout);
	double y = 0;
	size_t per;

	pdf_block_begin(d, 0, 0);
	y += pdf_text(d, d->script, PF_TITLE, PDF_MARGIN_X, 0, PDF_BODY_W,
		      PT_CENTER, t, 0);
	g_free(t);
	t = g_strdup_printf("%s %s%s%s", lb->code, p->tpl->code, lb->sep,
			    lb->handout_note);
	y += 4 + pdf_text(d, d->script, PF_SMALL, PDF_MARGIN_X, y + 4,
			  PDF_BODY_W, PT_CENTER, t, 0);
	g_free(t);
	pdf_block_end(d, y + 10);
	per = (size_t)((body - y - 10) / ROW_H) - 1;
	for (size_t i = 0; i < n; i += per) {
		pdf_block_begin(d, 0, i ? PB_BREAK : 0);
		handout_row(d, 0, head, PF_BOLD);
		for (size_t k = i; k < n && k < i + per; k++) {
			char no[24];
			const char *cell[5] = { no, v[k].id, v[k].name,
						v[k].f->name, NULL };

			snprintf(no, sizeof(no), "%zu", k + 1);
			handout_row(d, ROW_H * (double)(k - i + 1), cell,
				    PF_BODY);
		}
		pdf_block_end(d, 0);
		per = (size_t)(body / ROW_H) - 1;
	}
}

/* The list as a PDF table. */
static int handout_pdf(FILE *fp, const struct paper *p,
		       const struct pdf_copy *v, size_t n)
{
	const struct labels *lb = labels_for(p);
	enum pdf_script script = strcmp(lb->html_lang, "en") == 0 ? PS_LATIN :
		strcmp(lb->html_lang, "zh-Hant") == 0 ? PS_HANT : PS_HANS;
	struct pdf_sink sink = { .fp = NULL };
	struct pdf_fonts ft;
	struct pdf_doc d;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	int rc = -1;

	pdf_doc_init(&d, &ft, script);
	if (pdf_fonts_init(&ft, script) < 0)
		goto out;
	handout_layout(&d, lb, p, v, n);
	if (pdf_doc_paginate(&d) < 0)
		goto out;
	sf = pdf_surface_create(&sink, fp, lb->handout);
	cr = cairo_create(sf);
	if (pdf_doc_draw(&d, cr, 0, 0, handout_decorate, (void *)lb) < 0)
		goto out;
	cairo_destroy(cr);
	cr = NULL;
	if (pdf_surface_finish(&sink, sf) == 0)
		rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	if (rc < 0)
		errno = sink.err ? sink.err : d.oom ? ENOMEM : EIO;
	pdf_doc_release(&d);
	pdf_fonts_release(&ft);
	return rc;
}

/* The hand-out list in fmt (FMT_PDF, else CSV). */
int pdf_handout_write(FILE *fp, enum render_fmt fmt, const struct paper *p,
		      const struct pdf_copy *v, size_t n)
{
	return fmt == FMT_PDF ? handout_pdf(fp, p, v, n) :
				handout_csv(fp, v, n);
}
