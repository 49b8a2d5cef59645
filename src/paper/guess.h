/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guess.h - what blind guessing scores on a template's papers: the
 * expected points of a candidate who marks every objective question at
 * random (true/false: one of two; single: one of the options; multiple:
 * any non-empty set of options, scored by the question's rule) and leaves
 * the written ones blank, per section and per paper, averaged over each
 * pick's pool.  `examgen validate` warns (docs/item-writing.md) when a
 * section that a marker scores by rubric can also draw a marker-free
 * question worth more than a rubric item, and when guessing expects half
 * the pass mark or more. */
#ifndef EXAMGEN_PAPER_GUESS_H
#define EXAMGEN_PAPER_GUESS_H

#include <stddef.h>

#include "bank/bank.h"
#include "base/diag.h"
#include "paper/template.h"

/* The expected points of one section. */
struct guess_section {
	const char *title;
	double points;		/* the section's points (pool mean) */
	double expect;		/* blind guessing's expected points */
};

struct guess {
	double points, expect, pass;
	struct guess_section *sections;	/* malloc'd, one per section */
	size_t nsections;
};

/* Expected blind-guessing score of one response to q worth points under
 * rule (multiple choice; MC_DEFAULT: exact). */
double guess_question(const struct question *q, double points,
		      enum mc_rule rule);
/* Work out g for template t over the banks bs and warn into d; -1 when
 * out of memory (marked in d). */
int guess_template(const struct template *t, const struct bankset *bs,
		   struct guess *g, struct diags *d);
/* Free what guess_template() allocated. */
void guess_release(struct guess *g);

#endif
