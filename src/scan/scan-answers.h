/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-answers.h - the paper pages of a scanned booklet (the question
 * pages a candidate writes on): each is identified by its QR code and
 * counted, never an error; with an answers folder, each writing region the
 * key records on it (page-layout.h) is cut out per candidate and question
 * as a grey PNG at the scan's resolution, told blank or written, and
 * listed in the folder's answers.csv for marking on screen. */
#ifndef EXAMGEN_SCAN_SCAN_ANSWERS_H
#define EXAMGEN_SCAN_SCAN_ANSWERS_H

#include <stdbool.h>
#include <stdio.h>

#include <leptonica/allheaders.h>

#include "base/diag.h"
#include "paper/key.h"
#include "paper/keyset.h"
#include "scan/scan-page.h"

/* A region counts as written when this much of it, in square
 * millimetres, is ink (printed rules and borders left out). */
#define SCAN_WRITTEN_MM2 3.0

/* One cut-out answer region: a row of answers.csv. */
struct scan_answer {
	const struct key *key;
	char cand[64];
	unsigned question, part, page;
	char *file;			/* relative to the folder */
	bool blank;
};

/* The paper pages of one candidate's copy seen so far. */
struct scan_booklet {
	const struct key *key;
	char cand[64];
	const char *file;		/* where its first page was */
	unsigned page;
	unsigned char *seen;		/* [key->pages.nqr + 1] by page */
};

struct scan_answers {
	const char *dir;		/* the answers folder, or NULL */
	bool force;
	struct scan_answer *rows;
	size_t nrows, rows_cap;
	struct scan_booklet *books;	/* every roster copy met */
	size_t nbooks, books_cap;
	size_t pages;			/* paper pages identified */
	size_t blank;			/* rows told blank */
	bool anonymous;			/* a page of a copy printed for no
					 * candidate was met (reported once) */
};

/* An empty set writing into dir (NULL: count paper pages only). */
void scan_answers_init(struct scan_answers *a, const char *dir, bool force);
/* Free everything. */
void scan_answers_release(struct scan_answers *a);
#define SCAN_WHY_MAX 256	/* bytes of a scan_answers_page() reason */
/* Identify grey page image g (page `page` of file), which is no answer
 * sheet page, by its QR code against the loaded keys and cut its answers.
 * 1: a paper page (a warning about it in d); 2: a paper page not read,
 * why (SCAN_WHY_MAX bytes) says why; 0: not a paper page (nothing
 * reported); -1: a system error (reported). */
int scan_answers_page(struct scan_answers *a, const struct keyset *keys,
		      struct scan_qr_reader *qr, PIX *g, const char *file,
		      unsigned page, struct diags *d, char *why);
/* Report, into d, the paper pages missing from each candidate's copy
 * whose answers were cut (their regions are not in answers.csv). */
void scan_answers_finish(const struct scan_answers *a, struct diags *d);
/* Write answers.csv (header and one row per cut region, by paper, build,
 * candidate, question and part). */
int scan_answers_write(struct scan_answers *a, FILE *fp);

#endif
