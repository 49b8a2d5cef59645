/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-marking.h - the 阅卷 (Marking) worksheet of a report graded with
 * `grade --marks`: the rule that made the final scores, each marker's
 * count, mean, severity and agreement with flags, and each question's
 * ICC(1,1) with its confidence interval and arbitration rate
 * (mark/mark-stats). */
#ifndef EXAMGEN_REPORT_REPORT_MARKING_H
#define EXAMGEN_REPORT_REPORT_MARKING_H

#include "report/report-cell.h"

/* Write the worksheet when the gradebook has marks; 0 or -1. */
int rpt_write_marking(struct rpt *r);

#endif
