/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-doc.h - a small typesetting engine over cairo + pango for the PDF
 * writer: content is added as blocks of drawing operations (text lines,
 * boxes, circles) with positions relative to the block; pdf_doc_paginate()
 * then places the blocks on A4 pages (a block stays on one page unless it is
 * taller than a page, or only its head is kept together), and pdf_doc_draw()
 * writes every page knowing the page count, padding with blank pages where
 * asked.  The fonts (struct pdf_fonts: font map, pango context, font
 * descriptions and every layout made, each text laid out once) are shared
 * by the docs of one thread; a doc owns only its operations and blocks. */
#ifndef EXAMGEN_PDF_PDF_DOC_H
#define EXAMGEN_PDF_PDF_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pdf/pdf-file.h"

/* A4 in points, and the printable body. */
#define PDF_PAGE_W 595.276
#define PDF_PAGE_H 841.89
#define PDF_MARGIN_X 56.7
#define PDF_BODY_TOP 76.0
#define PDF_BODY_BOTTOM (PDF_PAGE_H - 64.0)
#define PDF_BODY_W (PDF_PAGE_W - 2 * PDF_MARGIN_X)

/* Writing systems: they choose the font (SC or TC) and the language pango
 * breaks lines by. */
enum pdf_script { PS_HANS, PS_HANT, PS_LATIN, PS_COUNT };

/* Font roles. */
enum pdf_font {
	PF_BODY,	/* serif 10.5 */
	PF_BOLD,	/* sans bold 10.5 */
	PF_SMALL,	/* serif 9 */
	PF_LABEL,	/* serif 8 */
	PF_TINY,	/* serif 6, inside bubbles */
	PF_HEAD,	/* sans bold 12 */
	PF_TITLE,	/* sans bold 18 */
	PF_BIG,		/* sans bold 26 */
	PF_COUNT
};

/* Text placement flags. */
enum {
	PT_CENTER = 1,		/* centre within the width */
	PT_RIGHT = 2,		/* flush right within the width */
	PT_CLIP2 = 8,		/* at most two lines, then an ellipsis */
};

enum pdf_op_kind { OP_LINE, OP_LAYOUT, OP_RECT, OP_FILL, OP_RULE };

/* One drawing operation.  Before pagination y is relative to its block's
 * top; afterwards it is on the page. */
struct pdf_op {
	enum pdf_op_kind kind;
	PangoLayout *layout;	/* OP_LINE, OP_LAYOUT (owned by the doc) */
	int line;		/* OP_LINE: line index in layout */
	double x, y, w, h;	/* box; OP_LINE: top-left of the line */
	double baseline;	/* OP_LINE: baseline offset from y */
	double lw;		/* stroke width; gray level for text */
	unsigned page;
};

/* Block flags. */
enum {
	PB_BREAK = 1,		/* start on a new page */
	PB_SHEET = 2,		/* its pages are answer-sheet pages */
};

/* A run of operations kept together. */
struct pdf_block {
	size_t first, nops;
	double height;
	double gap;		/* space above, dropped at the top of a page */
	double keep;		/* > 0: only this much must stay together */
	unsigned flags;
};

struct pdf_doc;

/* A laid-out text and its lines, made once per fonts and reused. */
struct pdf_text_lines {
	PangoLayout *layout;
	struct pdf_line {
		double x, y, w, h, baseline;
	} *lines;
	int nlines;
	double height;
};

/* The fonts of one thread: font map, context, descriptions and the cache
 * of laid-out texts (owned; pdf_fonts_release() frees them). */
struct pdf_fonts {
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoFontDescription *desc[2][PF_COUNT];	/* [SC, TC][role] */
	PangoLanguage *langs[PS_COUNT];
	GHashTable *cache;		/* key -> struct pdf_text_lines */
};

/* Draws the running header and footer of page (0-based) of pages; src is
 * the doc's page shown there, or -1 for a blank padding page. */
typedef int (*pdf_decorate_fn)(struct pdf_doc *d, cairo_t *cr,
			       unsigned page, unsigned pages, int src,
			       void *arg);

struct pdf_doc {
	struct pdf_fonts *ft;		/* borrowed */
	enum pdf_script script;		/* the document's labels */
	struct pdf_op *ops;
	size_t nops, ops_cap;
	struct pdf_block *blocks;
	size_t nblocks, blocks_cap;
	bool open;			/* a block is being filled */
	unsigned pages;			/* after pagination */
	unsigned body_pages;		/* pages before the first sheet page */
	unsigned char *sheet_pages;	/* [pages]: 1 = answer sheet page */
	GHashTable *shared;		/* key -> recorded drawing (see
					 * pdf_paint_shared), kept by reset */
	GHashTable *uses;		/* text -> times the file shows it
					 * (pdf_doc_count_texts), or NULL */
	bool oom;
};

/* Create the font map, context and fonts; script is the default language
 * of the context.  -1 when out of memory. */
int pdf_fonts_init(struct pdf_fonts *ft, enum pdf_script script);
/* Free the fonts and every layout made with them. */
void pdf_fonts_release(struct pdf_fonts *ft);

/* An empty document whose labels are in script, laid out with ft. */
void pdf_doc_init(struct pdf_doc *d, struct pdf_fonts *ft,
		  enum pdf_script script);
/* Empty the document for the next one (keeps its memory). */
void pdf_doc_reset(struct pdf_doc *d);
/* Free what the doc holds (not the fonts). */
void pdf_doc_release(struct pdf_doc *d);

/* Start a new block gap points below the previous one. */
void pdf_block_begin(struct pdf_doc *d, double gap, unsigned flags);
/* Close the current block; its height is the lowest point of its ops or
 * height, whichever is larger. */
void pdf_block_end(struct pdf_doc *d, double height);

/* The current block may be split below y (relative to the block): only
 * its first y points must stay on one page. */
void pdf_block_keep(struct pdf_doc *d, double y);

/* Lay out text in font role f of script s at (x, y) of the current block,
 * wrapped to width w (0: no wrapping); bold_len > 0 sets the first bytes in
 * bold.  Returns the height taken. */
double pdf_text(struct pdf_doc *d, enum pdf_script s, enum pdf_font f,
		double x, double y, double w, unsigned flags,
		const char *text, size_t bold_len);
/* A laid-out single line for measuring and placing (owned by the fonts). */
PangoLayout *pdf_layout(struct pdf_doc *d, enum pdf_script s,
			enum pdf_font f, const char *text);
/* Width and height of a layout in points. */
void pdf_layout_size(PangoLayout *l, double *w, double *h);
/* Place a layout with its top-left at (x, y). */
void pdf_put_layout(struct pdf_doc *d, PangoLayout *l, double x, double y,
		    double gray);
/* Stroke a rectangle (lw > 0) or fill it (lw == 0). */
void pdf_rect(struct pdf_doc *d, double x, double y, double w, double h,
	      double lw);
/* A horizontal rule from x to x + w at y. */
void pdf_rule(struct pdf_doc *d, double x, double y, double w, double lw);

/* Place the blocks on pages; -1 when out of memory. */
int pdf_doc_paginate(struct pdf_doc *d);
/* Draw every page on cr (a PDF surface), calling decorate for each; blank
 * pages are added after the body until it has body pages, and after the
 * answer sheet until the document has total pages (0: no padding). */
int pdf_doc_draw(struct pdf_doc *d, cairo_t *cr, unsigned body,
		 unsigned total, pdf_decorate_fn decorate, void *arg);
/* The pages a doc of pages pages, body_pages of them before the answer
 * sheet, has when drawn padded to body and total (pdf_doc_draw); *body
 * becomes the pages before the answer sheet, padding included. */
unsigned pdf_pages_padded(unsigned body_pages, unsigned pages, unsigned *body,
			  unsigned total);
/* The pages pdf_doc_draw(d, cr, *body, total, ...) draws; *body becomes
 * the pages before the answer sheet, padding included. */
unsigned pdf_doc_padded(const struct pdf_doc *d, unsigned *body,
			unsigned total);
/* Count the long texts the doc's pages show, adding to the counts of
 * earlier docs (kept by reset): pdf_doc_draw() then draws a text shown
 * more than once only once per file. */
void pdf_doc_count_texts(struct pdf_doc *d);
/* Draw a layout now at (x, y) (for headers and footers). */
void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y, double gray);

/* Draws a page's worth of content on cr; 0, or -1 on failure. */
typedef int (*pdf_draw_fn)(cairo_t *cr, void *arg);
/* Paint the drawing named key on cr: drawn by draw(arg) the first time
 * the doc meets key, then reused, so that a PDF holds it once (a form
 * XObject) however many pages show it.  0, or -1 when out of memory or
 * draw failed. */
int pdf_paint_shared(struct pdf_doc *d, cairo_t *cr, const char *key,
		     pdf_draw_fn draw, void *arg);

/* Where a PDF file's bytes go: held in memory while cairo writes them,
 * then written to fp anew (pdf-file.h); and the first error. */
struct pdf_sink {
	FILE *fp;
	int err;		/* errno of the first failure, 0 if none */
	unsigned char *buf;	/* the PDF so far (freed with the surface) */
	size_t len, cap;
};

/* An A4 cairo PDF surface writing to fp through sink, stamped with
 * examgen as creator, title and a constant date (the same paper gives
 * the same bytes); write it with pdf_surface_finish(). */
cairo_surface_t *pdf_surface_create(struct pdf_sink *sink, FILE *fp,
				    const char *title);
/* Finish surface sf and write its PDF, fonts shrunk and compact
 * (pdf-file.h), to the sink's file.  0, or -1: sink->err says why (0 when
 * cairo failed). */
int pdf_surface_finish(struct pdf_sink *sink, cairo_surface_t *sf);
/* Finish surface sf and read its PDF into f, fonts shrunk (f then holds
 * cairo's bytes as they are when it could not read them).  0; 1 when f
 * could not be read; -1 on failure (sink->err says why, 0 when cairo
 * failed). */
int pdf_surface_finish_file(struct pdf_sink *sink, cairo_surface_t *sf,
			    struct pdf_file *f);

#endif
