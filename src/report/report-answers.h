/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-answers.h - the Answers worksheet: one pair of columns (response,
 * points) per bank question, whatever form printed it under which number
 * (docs/grade-report.md, "The Answers sheet": the same question in
 * the same column). */
#ifndef EXAMGEN_REPORT_REPORT_ANSWERS_H
#define EXAMGEN_REPORT_REPORT_ANSWERS_H

#include "report/report-cell.h"

/* Lay out the Answers columns of r's keys (r->qcol, r->nqcols): by
 * section, then in the order the first key that has a question prints
 * it.  0, or -1 when out of memory. */
int rpt_answer_columns(struct rpt *r);
/* Free what rpt_answer_columns allocated. */
void rpt_answer_columns_free(struct rpt *r);
/* The Answers points column of question no of key k. */
lxw_col_t rpt_answer_points_col(const struct rpt *r, const struct key *k,
				unsigned no);
/* Write the Answers worksheet (rows in r->order).  0, or -1. */
int rpt_write_answers(struct rpt *r);

#endif
