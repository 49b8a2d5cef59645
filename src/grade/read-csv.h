/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-csv.h - filled-in sheets as CSV (docs/grade-report.md,
 * "Sheets"): header candidate_id,name,form[,paper],1,2,...,N with optional
 * essay criterion columns N.1, N.2, ...; one candidate per row. */
#ifndef EXAMGEN_GRADE_READ_CSV_H
#define EXAMGEN_GRADE_READ_CSV_H

#include <stddef.h>

#include "grade/grade.h"

/* Grade every row of a CSV sheet (text: UTF-8, len bytes) read from file
 * (a string in gb->arena).  Problems are recorded in gb; returns 0, or -1
 * on no memory. */
int sheet_read_csv(struct gradebook *gb, const char *file, const char *text,
		   size_t len);

#endif
