/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-marks.h - scores given on screen (`examgen mark`) as grading takes
 * them (`grade --marks FILE`): a table of answers by paper, build,
 * candidate id and question number, each final (its criterion scores),
 * still awaiting marks or the arbiter, or left blank (0 without a
 * marker).  The command layer fills it from the marks store; grading
 * looks each written question up while it scores a sheet: a question
 * scored on the sheet and in the store with other values is a problem
 * naming both; one still awaiting marks leaves the sheet pending. */
#ifndef EXAMGEN_GRADE_GRADE_MARKS_H
#define EXAMGEN_GRADE_GRADE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "grade/grade.h"

enum gmark_state {
	GMARK_FINAL,		/* scores final */
	GMARK_WAITING,		/* fewer marks than needed */
	GMARK_ARBITRATE,	/* awaiting the arbiter */
	GMARK_BLANK,		/* nothing written: 0 without a marker */
};

/* One answer of the store. */
struct gmark {
	const char *paper, *build, *candidate;
	unsigned question;
	enum gmark_state state;
	unsigned nmarks;	/* marks given */
	double total;		/* final: the sum of scores */
	double *scores;		/* final: per criterion */
	size_t nscores;
	bool used;		/* a sheet took it */
};

struct grade_marks {
	struct arena arena;
	const char *path;	/* the store, for messages */
	struct gmark *v;
	size_t n, cap;
	bool sorted;
};

/* Prepare an empty table for the store at path. */
void grade_marks_init(struct grade_marks *m, const char *path);
/* Free the table. */
void grade_marks_release(struct grade_marks *m);
/* Add an answer (strings copied); -1 on no memory. */
int grade_marks_add(struct grade_marks *m, const char *paper,
		    const char *build, const char *candidate,
		    unsigned question, enum gmark_state state,
		    unsigned nmarks, const double *scores, size_t nscores);
/* Score question no of c from the table when it has the answer: true if
 * it did (the response is set, problems recorded against c); false if
 * the table has no such answer (the sheet's own score stands). */
bool grade_marks_apply(struct gradebook *gb, struct candidate *c,
		       unsigned no, const struct sheet_cell *cell,
		       const struct sheet_cell *crit, size_t ncrit);

#endif
