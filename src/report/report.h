/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h - the Excel score report (docs/grade-report.md): Summary,
 * Answers, Items, Statistics and Problems sheets, written with
 * libxlsxwriter to a temporary file and renamed into place. */
#ifndef EXAMGEN_REPORT_REPORT_H
#define EXAMGEN_REPORT_REPORT_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "grade/grade.h"

enum report_err { REPORT_OK = 0, REPORT_EXISTS, REPORT_EIO, REPORT_ENOMEM,
		  REPORT_XLSX };

/* Message for an error code. */
const char *report_strerror(enum report_err e);
/* Write the report of gb to path in language lang ("zh" or "en"); refuses
 * to overwrite an existing file unless force.  Details of a failure are
 * added to d. */
enum report_err report_write_xlsx(const char *path,
				  const struct gradebook *gb,
				  const char *lang, bool force,
				  struct diags *d);
/* Write the workbook into the temporary file of o (opened by the caller,
 * who commits or aborts it, e.g. with the other outputs of a run). */
enum report_err report_build_xlsx(struct outfile *o,
				  const struct gradebook *gb,
				  const char *lang, struct diags *d);
/* One more than the candidates a report has room for: reading can stop
 * there, since the report will be refused anyway. */
size_t report_max_rows(void);
/* True if gb fits one workbook (Excel's rows per sheet); else an error
 * naming path in d. */
bool report_fits(const char *path, const struct gradebook *gb,
		 struct diags *d);

#endif
