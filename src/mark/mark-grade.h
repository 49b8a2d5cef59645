/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-grade.h - the marks store read for grading (`grade --marks FILE`):
 * each answer's final criterion scores by the one rule (mark-rule), or
 * that it still awaits marks or the arbiter, or was left blank, into
 * grading's table (grade/grade-marks). */
#ifndef EXAMGEN_MARK_MARK_GRADE_H
#define EXAMGEN_MARK_MARK_GRADE_H

#include <stddef.h>

#include "base/diag.h"
#include "grade/grade-marks.h"
#include "paper/key.h"

/* Read the store at path into m (initialised by the caller) by the keys'
 * rubrics and marking rules; 0, or -1 with the error in d. */
int mark_grade_load(struct grade_marks *m, const char *path,
		    struct key *const *keys, size_t nkeys, struct diags *d);

#endif
