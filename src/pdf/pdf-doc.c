/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-doc.c - the PDF typesetting engine (see pdf-doc.h). */
#include "pdf/pdf-doc.h"
#include "base/array.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "pdf/pdf-file.h"

/* Point size and face of each font role: serif regular (宋体 style) or
 * sans bold (黑体 style).  Two faces only: cairo 1.16 reads a whole CJK
 * font (15-25 MB) twice per document for each face it embeds. */
static const struct {
	double size;
	bool bold;
} font_roles[PF_COUNT] = {
	[PF_BODY] = { 10.5, false },
	[PF_BOLD] = { 10.5, true },
	[PF_SMALL] = { 9, false },
	[PF_LABEL] = { 8, false },
	[PF_TINY] = { 6, false },
	[PF_HEAD] = { 12, true },
	[PF_TITLE] = { 18, true },
	[PF_BIG] = { 26, true },
};

/* Family of each face, by variant (SC, TC). */
static const char *const serif[2] = { "Noto Serif CJK SC",
				      "Noto Serif CJK TC" };
static const char *const sans[2] = { "Noto Sans CJK SC", "Noto Sans CJK TC" };

/* A text line of at least this many characters that a file shows more
 * than once is drawn once in it: below it, placing the drawing costs
 * about what drawing the line does (measured on Chinese and English
 * papers of 100 forms). */
#define SHARED_LINE_CHARS 14
/* Room for the name of a shared text. */
#define SHARE_KEY_MAX 64

/* Free a cached text. */
static void text_lines_free(void *v)
{
	struct pdf_text_lines *t = v;

	g_object_unref(t->layout);
	g_free(t->lines);
	g_free(t);
}

/* Create the font map, context and font descriptions. */
int pdf_fonts_init(struct pdf_fonts *ft, enum pdf_script script)
{
	static const char *const lang_tags[PS_COUNT] = { "zh-cn", "zh-tw",
							 "en" };
	cairo_font_options_t *fo;

	memset(ft, 0, sizeof(*ft));
	ft->fontmap = pango_cairo_font_map_new();
	if (!ft->fontmap)
		return -1;
	ft->ctx = pango_font_map_create_context(ft->fontmap);
	if (!ft->ctx)
		return -1;
	/* one PDF point per unit, outlines unhinted: what is measured is
	 * what is drawn */
	pango_cairo_context_set_resolution(ft->ctx, 72);
	pango_context_set_round_glyph_positions(ft->ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ft->ctx, fo);
	cairo_font_options_destroy(fo);
	for (int s = 0; s < PS_COUNT; s++)
		ft->langs[s] = pango_language_from_string(lang_tags[s]);
	pango_context_set_language(ft->ctx, ft->langs[script]);
	for (int v = 0; v < 2; v++)
		for (int f = 0; f < PF_COUNT; f++) {
			PangoFontDescription *fd = pango_font_description_new();

			if (!fd)
				return -1;
			pango_font_description_set_family(fd,
				font_roles[f].bold ? sans[v] : serif[v]);
			pango_font_description_set_weight(fd, font_roles[f].bold ?
				PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			pango_font_description_set_size(fd,
				(gint)(font_roles[f].size * PANGO_SCALE));
			ft->desc[v][f] = fd;
		}
	ft->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  text_lines_free);
	return ft->cache ? 0 : -1;
}

/* Free the fonts and the cache. */
void pdf_fonts_release(struct pdf_fonts *ft)
{
	if (ft->cache)
		g_hash_table_destroy(ft->cache);
	for (int v = 0; v < 2; v++)
		for (int f = 0; f < PF_COUNT; f++)
			if (ft->desc[v][f])
				pango_font_description_free(ft->desc[v][f]);
	if (ft->ctx)
		g_object_unref(ft->ctx);
	if (ft->fontmap)
		g_object_unref(ft->fontmap);
	memset(ft, 0, sizeof(*ft));
}

/* An empty document. */
void pdf_doc_init(struct pdf_doc *d, struct pdf_fonts *ft,
		  enum pdf_script script)
{
	memset(d, 0, sizeof(*d));
	d->ft = ft;
	d->script = script;
}

/* Empty the document, keeping its arrays. */
void pdf_doc_reset(struct pdf_doc *d)
{
	d->nops = 0;
	d->nblocks = 0;
	d->open = false;
	d->pages = 0;
	d->body_pages = 0;
	d->oom = false;
}

/* Free everything. */
void pdf_doc_release(struct pdf_doc *d)
{
	if (d->shared)
		g_hash_table_destroy(d->shared);
	if (d->uses)
		g_hash_table_destroy(d->uses);
	free(d->ops);
	free(d->blocks);
	free(d->sheet_pages);
	memset(d, 0, sizeof(*d));
}

/* Append an operation to the current block (NULL when out of memory). */
static struct pdf_op *op_add(struct pdf_doc *d, enum pdf_op_kind k)
{
	struct pdf_op *op;

	if (ARRAY_GROW(d->ops, d->ops_cap, d->nops + 1) < 0) {
		d->oom = true;
		return NULL;
	}
	op = &d->ops[d->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = k;
	return op;
}

/* Start a block. */
void pdf_block_begin(struct pdf_doc *d, double gap, unsigned flags)
{
	struct pdf_block *b;

	if (d->open)
		pdf_block_end(d, 0);
	if (ARRAY_GROW(d->blocks, d->blocks_cap, d->nblocks + 1) < 0) {
		d->oom = true;
		return;
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->first = d->nops;
	b->gap = gap;
	b->flags = flags;
	d->open = true;
}

/* Close the block, measuring it. */
void pdf_block_end(struct pdf_doc *d, double height)
{
	struct pdf_block *b;

	if (!d->open || !d->nblocks)
		return;
	b = &d->blocks[d->nblocks - 1];
	b->nops = d->nops - b->first;
	b->height = height;
	for (size_t i = b->first; i < d->nops; i++)
		if (d->ops[i].y + d->ops[i].h > b->height)
			b->height = d->ops[i].y + d->ops[i].h;
	d->open = false;
}

/* Let the open block split below y. */
void pdf_block_keep(struct pdf_doc *d, double y)
{
	if (d->open && d->nblocks)
		d->blocks[d->nblocks - 1].keep = y;
}

/* The laid-out text (s, f, w, flags, bold_len, text), made on first use
 * and kept in the fonts' cache; NULL when out of memory. */
static struct pdf_text_lines *text_get(struct pdf_doc *d, enum pdf_script s,
				       enum pdf_font f, const char *text,
				       double w, unsigned flags,
				       size_t bold_len)
{
	struct pdf_fonts *ft = d->ft;
	struct pdf_text_lines *t;
	PangoLayout *l;
	PangoLayoutIter *it;
	PangoAttrList *al;
	PangoAttribute *a;
	char *key;
	int v, lw, lh;

	/* Latin text takes the document's CJK face: fewer fonts to embed */
	v = s == PS_HANT || (s == PS_LATIN && d->script == PS_HANT);
	key = g_strdup_printf("%d %d %d %.3f %u %zu|%s", v, (int)s, (int)f, w,
			      flags, bold_len, text);
	t = g_hash_table_lookup(ft->cache, key);
	if (t) {
		g_free(key);
		return t;
	}
	l = pango_layout_new(ft->ctx);
	pango_layout_set_font_description(l, ft->desc[v][f]);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	al = pango_attr_list_new();
	a = pango_attr_language_new(ft->langs[s]);
	pango_attr_list_insert(al, a);
	if (bold_len) {
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->end_index = (guint)bold_len;
		pango_attr_list_insert(al, a);
		a = pango_attr_family_new(sans[v]);
		a->end_index = (guint)bold_len;
		pango_attr_list_insert(al, a);
	}
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	if (flags & PT_CLIP2) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -2);
	}
	if (flags & (PT_CENTER | PT_RIGHT))
		pango_layout_set_alignment(l, flags & PT_CENTER ?
			PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);
	pango_layout_set_text(l, text, -1);
	t = g_new0(struct pdf_text_lines, 1);
	t->layout = l;
	t->lines = g_new(struct pdf_line, (gsize)pango_layout_get_line_count(l));
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle r;
		struct pdf_line *ln = &t->lines[t->nlines++];

		pango_layout_iter_get_line_extents(it, NULL, &r);
		ln->x = (double)r.x / PANGO_SCALE;
		ln->y = (double)r.y / PANGO_SCALE;
		ln->h = (double)r.height / PANGO_SCALE;
		ln->w = (double)r.width / PANGO_SCALE;
		ln->baseline = (double)pango_layout_iter_get_baseline(it) /
			       PANGO_SCALE - ln->y;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_layout_get_size(l, &lw, &lh);
	t->height = (double)lh / PANGO_SCALE;
	g_hash_table_insert(ft->cache, key, t);
	return t;
}

/* Lay out wrapped text as one operation per line. */
double pdf_text(struct pdf_doc *d, enum pdf_script s, enum pdf_font f,
		double x, double y, double w, unsigned flags,
		const char *text, size_t bold_len)
{
	struct pdf_text_lines *t = text_get(d, s, f, text, w, flags,
					    bold_len);

	for (int i = 0; i < t->nlines; i++) {
		struct pdf_op *op = op_add(d, OP_LINE);

		if (!op)
			break;
		op->layout = t->layout;
		op->line = i;
		op->x = x + t->lines[i].x;
		op->y = y + t->lines[i].y;
		op->h = t->lines[i].h;
		op->w = t->lines[i].w;
		op->baseline = t->lines[i].baseline;
	}
	return t->height;
}

/* A single-line layout. */
PangoLayout *pdf_layout(struct pdf_doc *d, enum pdf_script s,
			enum pdf_font f, const char *text)
{
	return text_get(d, s, f, text, 0, 0, 0)->layout;
}

/* Logical size of a layout. */
void pdf_layout_size(PangoLayout *l, double *w, double *h)
{
	int pw, ph;

	pango_layout_get_size(l, &pw, &ph);
	*w = (double)pw / PANGO_SCALE;
	*h = (double)ph / PANGO_SCALE;
}

/* Place a whole layout. */
void pdf_put_layout(struct pdf_doc *d, PangoLayout *l, double x, double y,
		    double gray)
{
	struct pdf_op *op;
	double w, h;

	if (!l || !(op = op_add(d, OP_LAYOUT)))
		return;
	pdf_layout_size(l, &w, &h);
	op->layout = l;
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->lw = gray;
}

/* A rectangle. */
void pdf_rect(struct pdf_doc *d, double x, double y, double w, double h,
	      double lw)
{
	struct pdf_op *op = op_add(d, lw > 0 ? OP_RECT : OP_FILL);

	if (!op)
		return;
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->lw = lw;
}

/* A horizontal rule. */
void pdf_rule(struct pdf_doc *d, double x, double y, double w, double lw)
{
	struct pdf_op *op = op_add(d, OP_RULE);

	if (!op)
		return;
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = lw;
	op->lw = lw;
}

/* Place one block whose top is at *y on page *page. */
static void place_block(struct pdf_doc *d, const struct pdf_block *b,
			unsigned *page, double *y)
{
	double shift = *y;

	for (size_t i = b->first; i < b->first + b->nops; i++) {
		struct pdf_op *op = &d->ops[i];

		/* a block taller than a page breaks before the op that
		 * would cross the bottom */
		if (shift + op->y + op->h > PDF_BODY_BOTTOM &&
		    shift + op->y > PDF_BODY_TOP + 0.5) {
			(*page)++;
			shift = PDF_BODY_TOP - op->y;
		}
		op->page = *page;
		op->y += shift;
	}
	*y = shift + b->height;
}

/* Assign a page and a page position to every operation. */
int pdf_doc_paginate(struct pdf_doc *d)
{
	unsigned page = 0;
	double y = PDF_BODY_TOP;
	const double body = PDF_BODY_BOTTOM - PDF_BODY_TOP;

	if (d->open)
		pdf_block_end(d, 0);
	if (d->oom)
		return -1;
	free(d->sheet_pages);
	d->sheet_pages = calloc(d->nops + d->nblocks + 1, 1);
	if (!d->sheet_pages)
		return -1;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct pdf_block *b = &d->blocks[i];
		bool top = y <= PDF_BODY_TOP + 0.5;
		double need = b->keep > 0 && b->keep < b->height ? b->keep :
			      b->height;

		if (!top && ((b->flags & PB_BREAK) ||
			     (y + b->gap + need > PDF_BODY_BOTTOM &&
			      need <= body))) {
			page++;
			y = PDF_BODY_TOP;
			top = true;
		}
		if (!top)
			y += b->gap;
		if ((b->flags & PB_SHEET) && !d->body_pages && page)
			d->body_pages = page;
		if (b->flags & PB_SHEET)
			d->sheet_pages[page] = 1;
		place_block(d, b, &page, &y);
		if (b->flags & PB_SHEET)
			d->sheet_pages[page] = 1;
	}
	d->pages = page + 1;
	if (!d->body_pages)
		d->body_pages = d->sheet_pages[0] ? 0 : d->pages;
	return 0;
}

/* Draw a layout now. */
void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y, double gray)
{
	cairo_set_source_rgb(cr, gray, gray, gray);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

/* Paint the drawing named key with its origin at (x, y), recording it
 * within extents ext on first use. */
static int paint_shared(struct pdf_doc *d, cairo_t *cr, const char *key,
			double x, double y, const cairo_rectangle_t *ext,
			pdf_draw_fn draw, void *arg)
{
	cairo_surface_t *rec;

	if (!d->shared)
		d->shared = g_hash_table_new_full(g_str_hash, g_str_equal,
			g_free, (GDestroyNotify)cairo_surface_destroy);
	rec = g_hash_table_lookup(d->shared, key);
	if (!rec) {
		cairo_t *rc;
		int r;

		rec = cairo_recording_surface_create(
			CAIRO_CONTENT_COLOR_ALPHA, ext);
		rc = cairo_create(rec);
		r = draw(rc, arg);
		if (cairo_status(rc) != CAIRO_STATUS_SUCCESS)
			r = -1;
		cairo_destroy(rc);
		if (r < 0) {
			cairo_surface_destroy(rec);
			return -1;
		}
		g_hash_table_insert(d->shared, g_strdup(key), rec);
	}
	cairo_save(cr);
	cairo_set_source_surface(cr, rec, x, y);
	cairo_paint(cr);
	cairo_restore(cr);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Paint a shared drawing, recording it on first use. */
int pdf_paint_shared(struct pdf_doc *d, cairo_t *cr, const char *key,
		     pdf_draw_fn draw, void *arg)
{
	static const cairo_rectangle_t page = { 0, 0, PDF_PAGE_W, PDF_PAGE_H };

	return paint_shared(d, cr, key, 0, 0, &page, draw, arg);
}

/* Draw line op->line of op->layout with the top of the line at (0, 0). */
static int draw_line(cairo_t *cr, void *arg)
{
	const struct pdf_op *op = arg;

	cairo_set_source_rgb(cr, op->lw, op->lw, op->lw);
	cairo_move_to(cr, 0, op->baseline);
	pango_cairo_show_layout_line(cr,
		pango_layout_get_line_readonly(op->layout, op->line));
	return 0;
}

/* The characters of line i of layout l. */
static glong line_chars(PangoLayout *l, int i)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);

	return g_utf8_strlen(pango_layout_get_text(l) + line->start_index,
			     line->length);
}

/* Draw layout op->layout with its top-left at (0, 0). */
static int draw_layout(cairo_t *cr, void *arg)
{
	const struct pdf_op *op = arg;

	pdf_show(cr, op->layout, 0, 0, op->lw);
	return 0;
}

/* The name of text operation op's drawing in d->shared and d->uses, or
 * false when op is no text long enough to share. */
static bool share_key(const struct pdf_op *op, char *key, size_t n)
{
	if (op->kind == OP_LINE &&
	    line_chars(op->layout, op->line) >= SHARED_LINE_CHARS)
		snprintf(key, n, "line %p %d %.3f", (void *)op->layout,
			 op->line, op->lw);
	else if (op->kind == OP_LAYOUT &&
		 g_utf8_strlen(pango_layout_get_text(op->layout), -1) >=
		 SHARED_LINE_CHARS)
		snprintf(key, n, "layout %p %.3f", (void *)op->layout, op->lw);
	else
		return false;
	return true;
}

/* See pdf-doc.h. */
void pdf_doc_count_texts(struct pdf_doc *d)
{
	char key[SHARE_KEY_MAX];

	if (!d->uses)
		d->uses = g_hash_table_new_full(g_str_hash, g_str_equal,
						g_free, NULL);
	for (size_t i = 0; i < d->nops; i++)
		if (share_key(&d->ops[i], key, sizeof(key))) {
			guint n = GPOINTER_TO_UINT(g_hash_table_lookup(d->uses,
								       key));

			g_hash_table_insert(d->uses, g_strdup(key),
					    GUINT_TO_POINTER(n + 1));
		}
}

/* Draw one operation; a text that the file shows more than once (counted
 * by pdf_doc_count_texts) is drawn once, a form XObject placed wherever
 * it is shown. */
static void draw_op(struct pdf_doc *d, cairo_t *cr, const struct pdf_op *op)
{
	char key[SHARE_KEY_MAX];

	if (d->uses && share_key(op, key, sizeof(key)) &&
	    GPOINTER_TO_UINT(g_hash_table_lookup(d->uses, key)) > 1) {
		/* room for ink outside the text's box */
		cairo_rectangle_t ext = { -op->h, -op->h, op->w + 2 * op->h,
					  3 * op->h };

		if (paint_shared(d, cr, key, op->x, op->y, &ext,
				 op->kind == OP_LINE ? draw_line : draw_layout,
				 (void *)(uintptr_t)op) < 0)
			d->oom = true;
		return;
	}
	switch (op->kind) {
	case OP_LINE:
		cairo_set_source_rgb(cr, op->lw, op->lw, op->lw);
		cairo_move_to(cr, op->x, op->y + op->baseline);
		pango_cairo_show_layout_line(cr,
			pango_layout_get_line_readonly(op->layout, op->line));
		break;
	case OP_LAYOUT:
		pdf_show(cr, op->layout, op->x, op->y, op->lw);
		break;
	case OP_RECT:
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, op->lw);
		cairo_rectangle(cr, op->x, op->y, op->w, op->h);
		cairo_stroke(cr);
		break;
	case OP_FILL:
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_rectangle(cr, op->x, op->y, op->w, op->h);
		cairo_fill(cr);
		break;
	case OP_RULE:
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, op->lw);
		cairo_move_to(cr, op->x, op->y);
		cairo_line_to(cr, op->x + op->w, op->y);
		cairo_stroke(cr);
		break;
	}
}

/* See pdf-doc.h. */
unsigned pdf_pages_padded(unsigned body_pages, unsigned pages, unsigned *body,
			  unsigned total)
{
	unsigned all;

	if (*body < body_pages)
		*body = body_pages;
	all = *body + pages - body_pages;
	return total > all ? total : all;
}

/* See pdf-doc.h. */
unsigned pdf_doc_padded(const struct pdf_doc *d, unsigned *body,
			unsigned total)
{
	return pdf_pages_padded(d->body_pages, d->pages, body, total);
}

/* Draw every page in order, with blank pages after the body and at the
 * end to make up body and total pages. */
int pdf_doc_draw(struct pdf_doc *d, cairo_t *cr, unsigned body,
		 unsigned total, pdf_decorate_fn decorate, void *arg)
{
	unsigned out = 0, all = pdf_doc_padded(d, &body, total);
	size_t i = 0;

	for (unsigned src = 0; out < all; out++) {
		bool blank = (src == d->body_pages && out < body) ||
			     src >= d->pages;

		if (!blank)
			for (; i < d->nops && d->ops[i].page == src; i++)
				draw_op(d, cr, &d->ops[i]);
		if (decorate(d, cr, out, all, blank ? -1 : (int)src, arg) < 0)
			return -1;
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			return -1;
		src += !blank;
	}
	return 0;
}

/* cairo's write callback: append to the sink's buffer. */
static cairo_status_t sink_write(void *closure, const unsigned char *data,
				 unsigned int len)
{
	struct pdf_sink *k = closure;

	if (k->len + len > k->cap &&
	    array_grow(&k->buf, &k->cap, k->len + len, 1) < 0) {
		if (!k->err)
			k->err = ENOMEM;
		return CAIRO_STATUS_NO_MEMORY;
	}
	memcpy(k->buf + k->len, data, len);
	k->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Free a sink's buffer (when its surface is destroyed). */
static void sink_free(void *closure)
{
	struct pdf_sink *k = closure;

	free(k->buf);
	k->buf = NULL;
	k->len = k->cap = 0;
}

/* The user-data key of the sink on its surface. */
static const cairo_user_data_key_t sink_key;

/* See pdf-doc.h. */
cairo_surface_t *pdf_surface_create(struct pdf_sink *sink, FILE *fp,
				    const char *title)
{
	static const char date[] = "2026-01-01T00:00:00Z";
	cairo_surface_t *sf;

	memset(sink, 0, sizeof(*sink));
	sink->fp = fp;
	sf = cairo_pdf_surface_create_for_stream(sink_write, sink, PDF_PAGE_W,
						 PDF_PAGE_H);
	if (cairo_surface_set_user_data(sf, &sink_key, sink, sink_free) !=
	    CAIRO_STATUS_SUCCESS)
		sink->err = ENOMEM;
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE,
				       date);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
				       "examgen");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	return sf;
}

/* See pdf-doc.h. */
int pdf_surface_finish_file(struct pdf_sink *sink, cairo_surface_t *sf,
			    struct pdf_file *f)
{
	int r;

	memset(f, 0, sizeof(*f));
	cairo_surface_finish(sf);
	if (sink->err || cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		return -1;
	/* the file takes cairo's bytes */
	r = pdf_file_read(f, sink->buf, sink->len);
	sink->buf = NULL;
	sink->len = sink->cap = 0;
	if (r == 0 && pdf_file_shrink_fonts(f) < 0)
		r = -1;
	if (r < 0)
		sink->err = ENOMEM;
	return r;
}

/* See pdf-doc.h. */
int pdf_surface_finish(struct pdf_sink *sink, cairo_surface_t *sf)
{
	struct pdf_bytes out = { NULL, 0, 0, false };
	struct pdf_file f;
	int r = pdf_surface_finish_file(sink, sf, &f);

	if (r == 0 && pdf_file_write(&f, &out) < 0)
		sink->err = ENOMEM;
	else if (r >= 0 && (r == 0 ?
		 fwrite(out.b, 1, out.len, sink->fp) != out.len :
		 fwrite(f.b, 1, f.len, sink->fp) != f.len))
		sink->err = errno ? errno : EIO;
	free(out.b);
	pdf_file_release(&f);
	return sink->err ? -1 : 0;
}
