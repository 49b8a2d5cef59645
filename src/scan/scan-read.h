/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-read.h - reading a stack of scanned answer-sheet pages into
 * candidates' responses: each page is identified by its QR code, its
 * bubbles are decided (filled, empty, or doubtful: never decided
 * silently), and pages are gathered into sheets by candidate (printed for
 * a roster) or by order (blank sheets, whose page 1 carries the bubbled
 * candidate id).  The run owns its sheets, doubts and keys. */
#ifndef EXAMGEN_SCAN_SCAN_READ_H
#define EXAMGEN_SCAN_SCAN_READ_H

#include <stdbool.h>
#include <stdio.h>

#include <leptonica/allheaders.h>

#include "base/diag.h"
#include "paper/keyset.h"
#include "paper/roster.h"
#include "scan/scan-answers.h"
#include "scan/scan-page.h"

/* Bubble decisions (docs/scan.md): how far the ink darkness inside a
 * bubble is above the page's empty-bubble baseline. */
#define SCAN_FILLED 0.30	/* at or above: filled */
#define SCAN_EMPTY 0.12		/* below, with few dark pixels: empty */
#define SCAN_EMPTY_DARK 0.10	/* "few": share of dark pixels over base */
#define SCAN_RING 0.35		/* directions with ink just outside a
				 * bubble, over the median of its kind:
				 * a doubt */

#define SCAN_MAX_CRITERIA 16	/* essays with more: one summed column */

enum scan_mark { SM_EMPTY, SM_FILLED, SM_DOUBT };

/* Decide one bubble from its fill and dark share over the baselines. */
enum scan_mark scan_decide(double fill, double dark);

/* One answer cell being gathered. */
struct scan_cell {
	char letters[32];		/* objective: the reading */
	double sum;			/* marked: the score */
	double crit[SCAN_MAX_CRITERIA];	/* marked: per rubric criterion */
	bool crit_doubt[SCAN_MAX_CRITERIA];
	bool seen;			/* its bubbles were read */
	bool doubt;			/* written with '?' */
};

/* One candidate's sheet. */
struct scan_sheet {
	const struct key *key;
	char cand[64];			/* id (with '?' when doubtful) */
	bool printed;			/* the id came from the QR code */
	const char *file;		/* where its first page was */
	unsigned page;
	unsigned pages;
	unsigned char *seen;		/* [pages] */
	struct scan_cell *cells;	/* [key->nitems] */
};

/* A doubtful question, for the review list. */
struct scan_doubt {
	const char *file;
	unsigned page;
	size_t sheet;			/* index into run->sheets */
	unsigned question;		/* 0: the candidate id */
	unsigned criterion;		/* its N.k column, or 0 */
	char reading[40];
	const char *reason;
	char *image;			/* crop file name, or NULL */
	unsigned char *png;		/* the crop as PNG (with image) */
	size_t png_len;
	unsigned png_w, png_h;		/* its size in pixels */
	unsigned png_dpi;		/* the resolution it gives, or 0 */
};

/* A page, or a whole file, that was not read: it gets a row of its own
 * in the responses CSV, so grade flags it. */
struct scan_unread {
	const char *file;
	unsigned page;			/* 0: the whole file */
	char *why;			/* malloc'd */
};

struct scan_run {
	struct keyset keys;
	struct roster names;		/* the keys' builds' rosters */
	const struct sheet_layout *geom;	/* where marks and QR are */
	struct scan_qr_reader qr;
	struct scan_sheet *sheets;
	size_t nsheets, sheets_cap;
	struct scan_doubt *doubts;
	size_t ndoubts, doubts_cap;
	const char *review;		/* crops go here, or NULL */
	unsigned maxq;			/* most questions of a loaded key */
	size_t pages, unread;		/* pages seen, pages not read */
	struct scan_unread *unreads;	/* [unread] */
	size_t unreads_cap;
	struct scan_answers answers;	/* the booklets' paper pages */
	struct diags *d;
};

/* Prepare a run reporting into d; -1 when out of memory. */
int scan_run_init(struct scan_run *r, struct diags *d);
/* Free everything. */
void scan_run_release(struct scan_run *r);
/* Load keys from path (file or build folder); 0, or -1 after errors. */
int scan_run_add_keys(struct scan_run *r, const char *path);
/* Read grey page image g, page `page` of file.  Problems go to the diags;
 * returns -1 only on a system error (out of memory, a crop not
 * written). */
int scan_run_page(struct scan_run *r, PIX *g, const char *file,
		  unsigned page);
/* Record page of file (0: the whole file) as not read, for the reason
 * why (already reported); -1 (and diags_oom) when out of memory. */
int scan_run_unread(struct scan_run *r, const char *file, unsigned page,
		    const char *why);
/* Report sheets with pages missing (their cells become '?'). */
void scan_run_finish(struct scan_run *r);
/* The criterion columns N.1 ... N.K of question q (K, the most criteria
 * of a loaded key's question q), or 0: an essay scored per rubric
 * criterion fills its own N.k columns, whatever the other forms' question
 * q is, so a doubt is always about one criterion. */
unsigned scan_run_criteria(const struct scan_run *r, unsigned q);
/* Whether question q has an N column: some loaded key's question q is
 * not scored per criterion (a choice question, a short answer). */
bool scan_run_question_column(const struct scan_run *r, unsigned q);
#define SCAN_COLUMN_MAX 24	/* bytes of a scan_column_name() buffer */
/* The column header of question q, criterion k (0: the question) in buf
 * (SCAN_COLUMN_MAX bytes); returns buf. */
const char *scan_column_name(unsigned q, unsigned k, char *buf);
/* Write the responses CSV (header, one row per sheet, one per page not
 * read). */
int scan_run_write_csv(const struct scan_run *r, FILE *fp);
/* Write the review list CSV. */
int scan_run_write_review(const struct scan_run *r, FILE *fp);

#endif
