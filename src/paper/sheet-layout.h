/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-layout.h - the machine-readable answer sheet as one description in
 * millimetres from the top-left corner of each A4 page: corner marks, the QR
 * code's place, every bubble (options, marker scores, candidate-id digits),
 * and the printed words and boxes around them.  The PDF and HTML sheets draw
 * from it, the key records its marks, QR and bubbles (docs/scan.md, "The
 * sheet"), and scan reads pages by it.  A layout owns its arena. */
#ifndef EXAMGEN_PAPER_SHEET_LAYOUT_H
#define EXAMGEN_PAPER_SHEET_LAYOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "paper/page-layout.h"
#include "paper/paper.h"
#include "yaml/ynode.h"

#define SHEET_W 210.0
#define SHEET_H 297.0
#define SHEET_ID_DIGITS 8	/* columns of the candidate-id grid */

enum sheet_bubble_kind { SB_OPTION, SB_SCORE, SB_ID };

/* Marker score bubble groups: one mark in tens and in units, the half
 * bubble optional. */
enum sheet_group { SG_TENS, SG_UNITS, SG_HALF };

struct sheet_bubble {
	unsigned page;			/* 1-based */
	double x, y, r;			/* centre and radius */
	enum sheet_bubble_kind kind;
	unsigned question;		/* SB_OPTION, SB_SCORE: its number */
	char option;			/* SB_OPTION: 'A'.., or 'T'/'F' */
	unsigned criterion;		/* SB_SCORE: 1-based; 0: the question */
	enum sheet_group group;		/* SB_SCORE */
	double value;			/* SB_SCORE: points; SB_ID: digit */
	unsigned digit;			/* SB_ID: 1-based column */
};

/* A solid square (corner mark) or the QR code's square: centre, side. */
struct sheet_square {
	unsigned page;
	double x, y, size;
};

/* Printed words: role chooses the type size, anchor the alignment at x. */
enum sheet_role { SR_TITLE, SR_HEAD, SR_BODY, SR_SMALL, SR_LABEL, SR_TINY };
enum sheet_anchor { SA_LEFT, SA_CENTER, SA_RIGHT };

struct sheet_text {
	unsigned page;
	double x, y;			/* y: top of the line */
	enum sheet_role role;
	enum sheet_anchor anchor;
	bool latin;			/* Latin letters and digits only */
	bool id_grid;			/* the candidate-id grid's label */
	bool own;			/* names the form or the candidate:
					 * differs between the sheets of a
					 * paper's forms */
	const char *text;
};

/* A stroked box (lw > 0) or a rule (h == 0). */
struct sheet_rect {
	unsigned page;
	double x, y, w, h, lw;
};

struct sheet_layout {
	struct arena arena;
	unsigned pages;
	struct sheet_square *marks, *qr;
	size_t nmarks, nqr;
	struct sheet_bubble *bubbles;
	size_t nbubbles;
	struct sheet_text *texts;
	size_t ntexts;
	struct sheet_rect *rects;
	size_t nrects;
	size_t caps[5];			/* allocated lengths while building */
};

/* Lay out the answer sheet of form f of paper p: a blank one (with the
 * candidate-id grid) when cand_id is NULL, else one printed for that
 * candidate.  Bubbles and marks are in the same places either way.
 * 0, or -1 when out of memory (then L holds nothing to release). */
int sheet_layout_build(struct sheet_layout *L, const struct paper *p,
		       const struct paper_form *f, const char *cand_id,
		       const char *cand_name);
/* Free a layout (built or loaded). */
void sheet_layout_release(struct sheet_layout *L);
/* Write the key's `layout:` block (marks, qr, bubbles) of L to fp, with
 * the QR codes and writing regions of the paper's pages when pages is not
 * NULL (page-layout.h). */
int sheet_layout_write(FILE *fp, const struct sheet_layout *L,
		       const struct page_layout *pages);
/* Read a key's `layout:` node n of file path into L (which must be zeroed);
 * problems go to d.  0, or -1 after an error. */
int sheet_layout_load(struct sheet_layout *L, const struct ynode *n,
		      const char *path, struct diags *d);

#define SHEET_QR_MAX 256	/* bytes of a sheet_qr_text() buffer */
/* The QR text of one page of form f's sheet:
 * "EXAMGEN1;paper;build;form;page;pages" and ";candidate" when printed for
 * one (buf of SHEET_QR_MAX bytes). */
const char *sheet_qr_text(char *buf, const struct paper *p,
			  const struct paper_form *f, unsigned page,
			  unsigned pages, const char *cand_id);

/* The QR text of page `page` of `pages` of form f's paper (the pages a
 * candidate writes on; page-layout.h): "EXAMGEN1P;" and the fields of a
 * sheet page's (buf of SHEET_QR_MAX bytes). */
const char *sheet_qr_paper_text(char *buf, const struct paper *p,
				const struct paper_form *f, unsigned page,
				unsigned pages, const char *cand_id);

/* What a sheet or paper page's QR says. */
struct sheet_qr {
	char paper[64], build[16], form[FORM_NAME_MAX], cand[64];
	unsigned page, pages;
	bool paper_page;		/* a paper page's, not a sheet's */
};
/* Parse a QR text made by sheet_qr_text() or sheet_qr_paper_text(); false
 * if it is neither. */
bool sheet_qr_parse(const char *text, size_t len, struct sheet_qr *q);

#endif
