/* pdf-doc.c - the PDF typesetting engine (see pdf-doc.h). */
#include "pdf-doc.h"

#include <stdlib.h>
#include <string.h>

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

/* Grow an array to hold one more element; false when out of memory. */
static bool grow(void **v, size_t n, size_t *cap, size_t size)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 64;
	nv = realloc(*v, ncap * size);
	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

/* Create the font map, context and font descriptions. */
int pdf_doc_init(struct pdf_doc *d, enum pdf_script script)
{
	static const char *const lang_tags[PS_COUNT] = { "zh-cn", "zh-tw",
							 "en" };
	cairo_font_options_t *fo;

	memset(d, 0, sizeof(*d));
	d->script = script;
	d->oom = true;		/* until everything is made */
	d->fontmap = pango_cairo_font_map_new();
	if (!d->fontmap)
		return -1;
	d->ctx = pango_font_map_create_context(d->fontmap);
	if (!d->ctx)
		return -1;
	/* one PDF point per unit, outlines unhinted: what is measured is
	 * what is drawn */
	pango_cairo_context_set_resolution(d->ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->ctx, fo);
	cairo_font_options_destroy(fo);
	for (int s = 0; s < PS_COUNT; s++)
		d->langs[s] = pango_language_from_string(lang_tags[s]);
	pango_context_set_language(d->ctx, d->langs[script]);
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
			d->fonts[v][f] = fd;
		}
	d->oom = false;
	return 0;
}

/* Free everything. */
void pdf_doc_release(struct pdf_doc *d)
{
	for (size_t i = 0; i < d->nlayouts; i++)
		g_object_unref(d->layouts[i]);
	free(d->layouts);
	free(d->ops);
	free(d->blocks);
	free(d->sheet_pages);
	for (int v = 0; v < 2; v++)
		for (int f = 0; f < PF_COUNT; f++)
			if (d->fonts[v][f])
				pango_font_description_free(d->fonts[v][f]);
	if (d->ctx)
		g_object_unref(d->ctx);
	if (d->fontmap)
		g_object_unref(d->fontmap);
	memset(d, 0, sizeof(*d));
}

/* Append an operation to the current block (NULL when out of memory). */
static struct pdf_op *op_add(struct pdf_doc *d, enum pdf_op_kind k)
{
	struct pdf_op *op;

	if (!grow((void **)&d->ops, d->nops, &d->ops_cap, sizeof(*d->ops))) {
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
	if (!grow((void **)&d->blocks, d->nblocks, &d->blocks_cap,
		  sizeof(*d->blocks))) {
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

/* Add flags to the open block. */
void pdf_block_flags(struct pdf_doc *d, unsigned flags)
{
	if (d->open && d->nblocks)
		d->blocks[d->nblocks - 1].flags |= flags;
}

/* Forget the newest operations (their layouts stay owned by the doc). */
void pdf_ops_truncate(struct pdf_doc *d, size_t n)
{
	if (n < d->nops)
		d->nops = n;
}

/* A new layout in the doc's context (NULL when out of memory). */
static PangoLayout *layout_new(struct pdf_doc *d, enum pdf_script s,
			       enum pdf_font f, const char *text, double w,
			       size_t bold_len)
{
	PangoLayout *l;
	PangoAttrList *al;
	PangoAttribute *a;
	int v;

	if (!grow((void **)&d->layouts, d->nlayouts, &d->layouts_cap,
		  sizeof(*d->layouts))) {
		d->oom = true;
		return NULL;
	}
	l = pango_layout_new(d->ctx);
	d->layouts[d->nlayouts++] = l;
	/* Latin text takes the document's CJK face: fewer fonts to embed */
	v = s == PS_HANT || (s == PS_LATIN && d->script == PS_HANT);
	pango_layout_set_font_description(l, d->fonts[v][f]);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	al = pango_attr_list_new();
	a = pango_attr_language_new(d->langs[s]);
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
	pango_layout_set_text(l, text, -1);
	return l;
}

/* Lay out wrapped text as one operation per line. */
double pdf_text(struct pdf_doc *d, enum pdf_script s, enum pdf_font f,
		double x, double y, double w, unsigned flags,
		const char *text, size_t bold_len)
{
	PangoLayout *l = layout_new(d, s, f, text, w, bold_len);
	PangoLayoutIter *it;
	int line = 0, lw, lh;

	if (!l)
		return 0;
	if (flags & PT_CLIP2) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, -2);
	}
	if (flags & (PT_CENTER | PT_RIGHT))
		pango_layout_set_alignment(l, flags & PT_CENTER ?
			PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle r;
		struct pdf_op *op = op_add(d, OP_LINE);

		if (!op)
			break;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		op->layout = l;
		op->line = line++;
		op->x = x + (double)r.x / PANGO_SCALE;
		op->y = y + (double)r.y / PANGO_SCALE;
		op->h = (double)r.height / PANGO_SCALE;
		op->w = (double)r.width / PANGO_SCALE;
		op->baseline = (double)pango_layout_iter_get_baseline(it) /
			       PANGO_SCALE - (double)r.y / PANGO_SCALE;
		op->lw = 0;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_layout_get_size(l, &lw, &lh);
	return (double)lh / PANGO_SCALE;
}

/* A single-line layout. */
PangoLayout *pdf_layout(struct pdf_doc *d, enum pdf_script s,
			enum pdf_font f, const char *text)
{
	return layout_new(d, s, f, text, 0, 0);
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

/* Place a layout centred on its ink. */
void pdf_put_centered(struct pdf_doc *d, PangoLayout *l, double cx,
		      double cy, double gray)
{
	PangoRectangle ink;

	if (!l)
		return;
	pango_layout_get_extents(l, &ink, NULL);
	pdf_put_layout(d, l,
		       cx - ((double)ink.x + ink.width / 2.0) / PANGO_SCALE,
		       cy - ((double)ink.y + ink.height / 2.0) / PANGO_SCALE,
		       gray);
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

/* A circle. */
void pdf_circle(struct pdf_doc *d, double x, double y, double dia, double lw)
{
	struct pdf_op *op = op_add(d, OP_CIRCLE);

	if (!op)
		return;
	op->x = x;
	op->y = y;
	op->w = dia;
	op->h = dia;
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

		if (!top && ((b->flags & PB_BREAK) ||
			     (y + b->gap + b->height > PDF_BODY_BOTTOM &&
			      b->height <= body))) {
			page++;
			y = PDF_BODY_TOP;
			top = true;
		}
		if (!top)
			y += b->gap;
		if (b->flags & PB_SHEET)
			d->sheet_pages[page] = 1;
		place_block(d, b, &page, &y);
		if (b->flags & PB_SHEET)
			d->sheet_pages[page] = 1;
	}
	d->pages = page + 1;
	return 0;
}

/* Draw a layout now. */
void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y, double gray)
{
	cairo_set_source_rgb(cr, gray, gray, gray);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

/* Draw one operation. */
static void draw_op(cairo_t *cr, const struct pdf_op *op)
{
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
	case OP_CIRCLE:
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, op->lw);
		cairo_new_sub_path(cr);
		cairo_arc(cr, op->x + op->w / 2, op->y + op->w / 2, op->w / 2,
			  0, 2 * G_PI);
		cairo_stroke(cr);
		break;
	}
}

/* Draw every page in order. */
int pdf_doc_draw(struct pdf_doc *d, cairo_t *cr, pdf_decorate_fn decorate,
		 void *arg)
{
	size_t i = 0;

	for (unsigned page = 0; page < d->pages; page++) {
		for (; i < d->nops && d->ops[i].page == page; i++)
			draw_op(cr, &d->ops[i]);
		if (decorate(d, cr, page, d->pages, arg) < 0)
			return -1;
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			return -1;
	}
	return 0;
}
