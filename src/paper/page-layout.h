/* SPDX-License-Identifier: GPL-3.0-or-later */
/* page-layout.h - the pages of a printed paper that a candidate writes on,
 * in millimetres from the top-left corner of each A4 page: the QR code of
 * every paper page (the answer sheet's own pages aside) and the writing
 * region of each marker-scored question on each page it spans.  The PDF
 * paper records it from the numbers it draws with, the key writes it into
 * its `layout` (`qr` entries of kind paper, `regions`) and reads it back,
 * and scan cuts the written answers by it.  Pages are numbered within the
 * candidate's paper, as its page footers number them. */
#ifndef EXAMGEN_PAPER_PAGE_LAYOUT_H
#define EXAMGEN_PAPER_PAGE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "yaml/yvalue.h"

#define PAGE_W 210.0		/* A4 in millimetres */
#define PAGE_H 297.0

/* A page's QR code: its page, centre and side. */
struct page_qr {
	unsigned page;
	double x, y, size;
};

/* A writing region as the paper draws it, in millimetres: ruled lines
 * from PAGE_RULE_INSET right of its left edge to its right edge, the first
 * PAGE_RULE_FIRST below its top, one every PAGE_RULE_PITCH, the last
 * PAGE_RULE_LAST above its bottom (scan finds a region by its lines). */
#define PAGE_RULE_PITCH (22.0 * 25.4 / 72)
#define PAGE_RULE_FIRST (18.0 * 25.4 / 72)
#define PAGE_RULE_LAST (6.0 * 25.4 / 72)
#define PAGE_RULE_INSET (6.0 * 25.4 / 72)

/* Where a question's answer is written on one page. */
struct page_region {
	unsigned page;			/* 1-based, in the candidate's paper */
	double x, y, w, h;		/* top-left corner and size */
	unsigned question;		/* printed number */
};

struct page_layout {
	struct page_qr *qr;		/* one per paper page */
	size_t nqr, qr_cap;
	struct page_region *regions;	/* in page order, then top down */
	size_t nregions, regions_cap;
};

/* An empty layout. */
void page_layout_init(struct page_layout *pl);
/* Free a layout's lists (it is then empty). */
void page_layout_release(struct page_layout *pl);
/* Add the QR square of a paper page; -1 when out of memory. */
int page_layout_add_qr(struct page_layout *pl, unsigned page, double x,
		       double y, double size);
/* Add a writing region; -1 when out of memory. */
int page_layout_add_region(struct page_layout *pl, unsigned page, double x,
			   double y, double w, double h, unsigned question);
/* The QR square of paper page `page`, or NULL. */
const struct page_qr *page_layout_qr(const struct page_layout *pl,
				     unsigned page);

/* Write pl's QR squares as entries of the key's `layout: qr:` list
 * (`kind: paper`). */
int page_layout_write_qr(FILE *fp, const struct page_layout *pl);
/* Write the key's `layout: regions:` list. */
int page_layout_write_regions(FILE *fp, const struct page_layout *pl);
/* True when entry e of a key's `layout: qr:` list is a paper page's. */
bool page_layout_is_paper_qr(const struct ynode *e);
/* Read the paper pages' entries of a key's layout node n (the `qr`
 * entries of kind paper and the `regions`) into pl (initialised);
 * problems go to src.  0, or -1 after an error. */
int page_layout_load(struct page_layout *pl, const struct ynode *n,
		     const struct ysource *src);

#endif
