/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paper.h - an assembled paper: for each form, the drawn questions in print
 * order with their points, option order and printed answer.  Built from a
 * template and a bankset by paper_assemble(); the paper owns an arena for
 * its items and borrows the template and questions (which must outlive it).
 */
#ifndef EXAMGEN_PAPER_PAPER_H
#define EXAMGEN_PAPER_PAPER_H

#include <stdint.h>

#include "bank/bank.h"
#include "base/diag.h"
#include "paper/template.h"

#define FORM_NAME_MAX 8	/* bytes of a form name: "ZZZZZZZ" and NUL */
#define MASK_LETTERS_MAX (MAX_OPTIONS + 1)	/* "AB...Z" and NUL */

struct paper_item {
	unsigned no;			/* 1-based number on the paper */
	const struct question *q;
	double points;			/* points on this paper */
	double *criteria;		/* essay: rubric points scaled to points */
	unsigned noptions;
	unsigned char order[MAX_OPTIONS]; /* printed i shows bank option order[i] */
	uint32_t answer;		/* single/multiple: printed letters */
	enum mc_rule rule;		/* multiple: effective rule */
	bool lines_given;		/* the template sets its ruled lines: */
	unsigned lines;			/* how many */
};

struct paper_section {
	const char *title;
	const char *instructions;
	size_t first;			/* index of its first item in items */
	size_t count;
	double points;
};

struct paper_form {
	char name[FORM_NAME_MAX];	/* "A".."Z", "AA".."ZZ", "AAA"... */
	struct paper_item *items;
	size_t nitems;
	struct paper_section *sections;
	size_t nsections;
	double total;
};

/* Limits of one build, checked before any work (docs/guarantees.md):
 * forms (A..Z, AA..ALL), questions on one form, and questions printed in
 * all forms together, which bounds the time and the disk a build takes. */
#define PAPER_MAX_FORMS 1000
#define PAPER_MAX_QUESTIONS 1000
#define PAPER_MAX_PRINTED 100000

struct paper {
	struct arena arena;
	const struct template *tpl;
	uint64_t seed;
	char digest[72];		/* "sha256:..." of the bank content */
	struct paper_form *forms;
	size_t nforms;
	double total;			/* every form has the same total */
	double pass;			/* pass mark in points */
};

/* Draw every form of t from bs with seed (see docs/randomness.md for the
 * procedure).  forms overrides the template's form count when > 0.
 * Returns a paper, or NULL with errors in d (infeasible section, total). */
struct paper *paper_assemble(const struct template *t, struct bankset *bs,
			     uint64_t seed, unsigned forms, struct diags *d);
/* Free a paper (not the template or banks). */
void paper_free(struct paper *p);
/* Ruled answer lines under a short or essay item: the template's 'lines'
 * when given, else by the points (5 points: 6 lines, 12: 10, 20: 15, at
 * most 20). */
unsigned item_answer_lines(const struct paper_item *it);
/* Letter string of a printed answer mask, e.g. "ACD" (buf of
 * MASK_LETTERS_MAX bytes). */
const char *mask_letters(uint32_t mask, char *buf);
/* Number of letters in a mask. */
unsigned mask_count(uint32_t mask);

#endif
