/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-history.h - one administration's item statistics as rows of the
 * bank's item history (bank/history.h), from the analysis of a
 * gradebook. */
#ifndef EXAMGEN_GRADE_GRADE_HISTORY_H
#define EXAMGEN_GRADE_GRADE_HISTORY_H

#include "bank/history.h"
#include "grade/analysis.h"

/* Add to h one row per question of analysis a, dated date (YYYY-MM-DD):
 * the paper and build of the first key that has it, the forms that print
 * it, n and the statistics of the sheets not pending, and its exposure
 * (every sheet whose paper has it, pending too).  0, or -1 when out of
 * memory. */
int grade_history_rows(const struct analysis *a, const char *date,
		       struct history *h);
/* Today's date in UTC as YYYY-MM-DD into buf (11 bytes), or the date of
 * SOURCE_DATE_EPOCH when set (reproducible runs). */
void grade_history_date(char buf[11]);

#endif
