/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-stats.h - the Items and Statistics worksheets of the report. */
#ifndef EXAMGEN_REPORT_REPORT_STATS_H
#define EXAMGEN_REPORT_REPORT_STATS_H

#include "report/report-cell.h"

/* The Items and Statistics worksheets. */
int rpt_write_items_stats(struct rpt *r);

#endif
