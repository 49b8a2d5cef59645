/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-review.h - the reviewer's decisions in a workbook written by
 * `examgen scan --review`: its worksheet 待复核 (待複核 for a zh-Hant
 * paper, whose headers are Traditional too) lists every doubtful mark
 * (the candidate id and the column as the first worksheet has them, a crop
 * of the bubbles, the likely reading) with a 复核结果 cell for the
 * reviewer.  A filled-in decision replaces the doubtful cell ('?...') of
 * the first worksheet before it is graded; an empty one leaves the mark
 * doubtful (the sheet pending); one that cannot be placed on exactly one
 * doubtful cell is a problem and changes nothing. */
#ifndef EXAMGEN_GRADE_READ_REVIEW_H
#define EXAMGEN_GRADE_READ_REVIEW_H

#include <stddef.h>

#include "base/diag.h"
#include "grade/grade.h"

/* Apply the decisions of worksheet 待复核 of the workbook data[0..len)
 * (read from file) to csv[0..csvlen), its first worksheet as CSV text (row
 * N on line N).  *out gets a malloc'd CSV text with the decided cells
 * replaced, or NULL when the workbook has no 待复核 worksheet (csv is then
 * used as it is).  Decisions that cannot be placed are problems in gb;
 * marks left without a decision are a warning in d.  0, or -1 on no
 * memory. */
int review_apply(struct gradebook *gb, const char *file, const char *data,
		 size_t len, const char *csv, size_t csvlen, char **out,
		 size_t *outlen, struct diags *d);

#endif
