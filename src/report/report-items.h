/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-items.h - the Items and Distractors worksheets of the report. */
#ifndef EXAMGEN_REPORT_REPORT_ITEMS_H
#define EXAMGEN_REPORT_REPORT_ITEMS_H

#include "grade/analysis.h"
#include "report/report-cell.h"

/* The Items sheet: per question id n, mean, p, D, item-rest r, alpha if
 * deleted, key, option counts and flags.  0, or -1 (r->err / r->oom). */
int rpt_write_items(struct rpt *r, const struct analysis *a);
/* The Distractors sheet: per bank option the share choosing it overall
 * and in the 27% groups, option-rest r and flags.  0, or -1. */
int rpt_write_distractors(struct rpt *r, const struct analysis *a);

#endif
