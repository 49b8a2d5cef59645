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

enum gmark_state {
	GMARK_FINAL,		/* scores final */
	GMARK_WAITING,		/* fewer marks than needed */
	GMARK_ARBITRATE,	/* awaiting the arbiter */
	GMARK_BLANK,		/* nothing written: 0 without a marker */
};

/* One mark given to an answer (for the marking worksheet). */
struct gmark_given {
	const char *marker;
	unsigned slot;		/* 1, 2 first marks; 3 the arbiter's */
	double total;
	const char *time;	/* ISO 8601 UTC: the order marks were given */
};

/* One answer of the store. */
struct gmark {
	const char *paper, *build, *candidate;
	unsigned question;
	const char *qid;	/* bank question id: one question of the
				 * paper whatever its number on a form */
	double points;		/* the question's */
	struct gmark_given *given;
	size_t ngiven;
	enum gmark_state state;
	double total;		/* final: the sum of scores */
	double *scores;		/* final: per criterion */
	size_t nscores;
	bool used;		/* a sheet took it */
};

struct grade_marks {
	struct arena arena;
	const char *path;	/* the store, for messages */
	bool twice;		/* some paper is marked twice */
	double tolerance;	/* its tolerance (the first such key's) */
	const char *final;	/* its final rule: "mean" or "arbiter" */
	struct gmark *v;
	size_t n, cap;
	bool sorted;
};

/* Prepare an empty table for the store at path. */
void grade_marks_init(struct grade_marks *m, const char *path);
/* Free the table. */
void grade_marks_release(struct grade_marks *m);
/* Add an answer a (its strings and given marks copied; its scores,
 * when final, the nscores of scores); -1 on no memory. */
int grade_marks_add(struct grade_marks *m, const struct gmark *a,
		    const double *scores, size_t nscores);
/* The answer of paper, build, candidate and question number, or NULL
 * (the sheet's own score stands). */
struct gmark *grade_marks_find(struct grade_marks *m, const char *paper,
			       const char *build, const char *candidate,
			       unsigned question);

#endif
