/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-stats.h - the Statistics worksheet, with Items and Distractors. */
#ifndef EXAMGEN_REPORT_REPORT_STATS_H
#define EXAMGEN_REPORT_REPORT_STATS_H

#include "report/report-cell.h"

/* Summary cells of candidate ci (gb->cands index) on row: percentile
 * rank among the sheets not pending at col, and at col + 1 the
 * borderline mark when the total is within one SEM of the pass mark;
 * formulas with cached values (the rank only when live), blank for
 * pending sheets. */
void rpt_summary_standing(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			  size_t ci, lxw_col_t col, bool live);
/* Colour the borderline marks of Summary column col. */
void rpt_summary_band_format(struct rpt *r, struct rpt_sheet *s,
			     lxw_col_t col);
/* The Items, Statistics and Distractors worksheets. */
int rpt_write_items_stats(struct rpt *r);

#endif
