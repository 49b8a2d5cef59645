/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-xlsx.h - filled-in sheets as an Excel workbook (.xlsx): the first
 * worksheet holds the same columns as responses.csv
 * (docs/spreadsheet-input.md), one candidate per row.  Cells are read as
 * the text Excel shows (numbers in plain decimal, dates as YYYY-MM-DD) and
 * graded exactly as the CSV sheet would be; row and column numbers in
 * messages are the worksheet's. */
#ifndef EXAMGEN_GRADE_READ_XLSX_H
#define EXAMGEN_GRADE_READ_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "grade/grade.h"

/* Whether data (a whole sheet file) is a zip file, so maybe a workbook. */
bool sheet_is_xlsx(const char *data, size_t len);

/* Grade every row of the workbook data[0..len) read from file (a string
 * in gb->arena).  A damaged workbook is a problem of the file; cells that
 * look wrongly typed (ids that lost leading zeros, dates) are warnings in
 * d.  Returns 0, or -1 on no memory. */
int sheet_read_xlsx(struct gradebook *gb, const char *file, const char *data,
		    size_t len, struct diags *d);

#endif
