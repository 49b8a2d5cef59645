/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-rule.h - the one rule that makes the final score of an answer marked
 * on screen (SPEC "Marking", docs/marking.md): 单评 the one mark; 双评 two
 * marks within the tolerance give their mean; otherwise a third mark, given
 * by an arbiter (题组长), which with the nearer of the first two, when
 * within the tolerance of it, gives their mean (equally near both: the
 * third, their midpoint), and otherwise stands alone;
 * `final: arbiter` takes the third mark whenever one was needed.  Scores
 * are per criterion; means round to the nearest half point (.25 and .75
 * up).  Pure: no store, no I/O. */
#ifndef EXAMGEN_MARK_MARK_RULE_H
#define EXAMGEN_MARK_MARK_RULE_H

#include <stddef.h>

#include "paper/template.h"

/* Most criteria of one question's rubric marked on screen. */
#define MARK_MAX_CRITERIA 32

/* Where an answer stands. */
enum mark_state {
	MARK_WAITING,		/* fewer marks than the rule needs */
	MARK_ARBITRATE,		/* two marks differ beyond the tolerance:
				 * a third (the arbiter's) is needed */
	MARK_FINAL,		/* scores are final */
};

/* The outcome: the state and, when final, the score of each criterion
 * and their sum, and which marks (1-based, in the order given) made it. */
struct mark_outcome {
	enum mark_state state;
	double scores[MARK_MAX_CRITERIA];
	double total;
	unsigned from[2];	/* marks averaged; from[1] 0: one mark */
};

/* Round x to the nearest half point, a quarter going up. */
double mark_rule_round_half(double x);
/* The final scores of an answer of ncrit criteria from its marks in the
 * order given (marks[i][k]: mark i's score of criterion k; nmarks 0..3,
 * the third the arbiter's) under rule m; NULL m: single marking. */
void mark_rule_final(const struct marking *m, size_t ncrit,
		     const double (*marks)[MARK_MAX_CRITERIA], size_t nmarks,
		     struct mark_outcome *out);

#endif
