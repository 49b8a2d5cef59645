/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-points.h - an objective item's points as a spreadsheet formula over the
 * candidate's answer cell, so a corrected answer re-scores itself. */
#ifndef EXAMGEN_REPORT_REPORT_POINTS_H
#define EXAMGEN_REPORT_REPORT_POINTS_H

#include <stddef.h>
#include "paper/key.h"

/* The points of objective item it answered in cell (e.g. "F2") as a
 * formula into buf; NULL for marker-scored items. */
const char *rpt_points_formula(const struct key_item *it, const char *cell,
			       char *buf, size_t len);

#endif
