/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-stats.h - the Statistics worksheet, with Items and Distractors. */
#ifndef EXAMGEN_REPORT_REPORT_STATS_H
#define EXAMGEN_REPORT_REPORT_STATS_H

#include "report/report-cell.h"

/* The Items, Statistics and Distractors worksheets. */
int rpt_write_items_stats(struct rpt *r);

#endif
