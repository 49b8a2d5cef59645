/* report.h - the Excel score report (SPEC "Report (.xlsx)"): Summary,
 * Answers, Items, Statistics and Problems sheets, written with
 * libxlsxwriter to a temporary file and renamed into place. */
#ifndef EXAMGEN_REPORT_H
#define EXAMGEN_REPORT_H

#include <stdbool.h>

#include "diag.h"
#include "grade.h"

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

#endif
