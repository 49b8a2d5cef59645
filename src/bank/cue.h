/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cue.h - item-writing checks of `examgen validate`: what lets a
 * test-wise candidate answer an objective question without knowing the
 * answer (docs/item-writing.md cites the guideline behind each).  Per
 * question: a key much longer than every distractor; option letters named
 * in the text of a question whose options move; "all/none of the above"
 * that is not fixed last.  Per bank: the share of single-choice keys that
 * are the longest option, and of true/false statements with an absolute
 * word (只, 一定, 所有 ...) that are false, each against chance; when a
 * share is beyond chance, each question that adds to it is named. */
#ifndef EXAMGEN_BANK_CUE_H
#define EXAMGEN_BANK_CUE_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/bank.h"
#include "base/diag.h"

/* A key at least this many times as long as the longest distractor is a
 * cue on its own. */
#define CUE_LONG_RATIO 1.5
/* A share is beyond chance when it exceeds what chance gives by more than
 * this many standard deviations (about 2.3% one-sided). */
#define CUE_Z 2.0

/* What one bank shows. */
struct cue_summary {
	const struct bank *bank;
	size_t nquestions;
	size_t nsingle;		/* single-choice questions of 2+ options */
	double longest;		/* ... whose key is the longest option (1/n
				 * when n options tie for the longest) */
	double chance;		/* ... expected by chance: sum of 1/options */
	size_t abs_false, abs_true;	/* true/false with an absolute word */
	size_t tf_false, tf_true;	/* all true/false statements */
	size_t letters;		/* questions naming option letters */
	size_t above;		/* "all/none of the above" not fixed last */
	size_t unreviewed;	/* questions without 'reviewed' */
	size_t warnings;	/* item-writing warnings given */
};

/* Check every bank of bs, warnings into d; one summary per bank into
 * *out (malloc'd, *n of them).  -1 when out of memory (marked in d). */
int cue_check(const struct bankset *bs, struct cue_summary **out,
	      size_t *n, struct diags *d);
/* Characters of s that count for length (not white space or ASCII
 * punctuation). */
size_t cue_length(const char *s);
/* The first absolute word of s ("一定"), or NULL. */
const char *cue_absolute(const char *s);
/* Where s names an option letter of a question of nopt options ("B选项",
 * "答案C", "（A）"): the letter's byte offset, or -1. */
long cue_letter(const char *s, size_t nopt);
/* True if option text s sums up the others: 以上都是, 以上都不是, "all
 * of the above", "none of the above" ... */
bool cue_above(const char *s);

#endif
