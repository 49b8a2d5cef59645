/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-csv.h - filled-in sheets as CSV (docs/grade-report.md,
 * "Sheets"): header candidate_id,name,form[,paper],1,2,...,N with optional
 * essay criterion columns N.1, N.2, ...; one candidate per row. */
#ifndef EXAMGEN_GRADE_READ_CSV_H
#define EXAMGEN_GRADE_READ_CSV_H

#include <stddef.h>

#include "grade/grade.h"

/* The columns a header may name besides questions. */
enum sheet_column { SHEET_COL_NONE, SHEET_COL_ID, SHEET_COL_NAME,
		    SHEET_COL_FORM, SHEET_COL_PAPER, SHEET_COL_BUILD,
		    SHEET_COL_SCAN_PROBLEM };
/* What header h names: the words of docs/grade-report.md (candidate_id,
 * id, name, form, paper, build, scan's problem column, any case) or those responses.xlsx is
 * headed with in the paper's language (考生编号, 姓名, 卷别, ...); else
 * SHEET_COL_NONE. */
enum sheet_column sheet_column_named(const char *h);

/* Grade every row of a CSV sheet (text: UTF-8, len bytes) read from file
 * (a string in gb->arena).  Problems are recorded in gb; returns 0, or -1
 * on no memory. */
int sheet_read_csv(struct gradebook *gb, const char *file, const char *text,
		   size_t len);

#endif
