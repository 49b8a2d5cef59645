/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read.h - one filled-in sheet file into the gradebook, whatever its form
 * (.xlsx, YAML or CSV) and encoding; the readers of each form are
 * read-xlsx.h, read-yaml.h and read-csv.h. */
#ifndef EXAMGEN_GRADE_READ_H
#define EXAMGEN_GRADE_READ_H

#include "base/diag.h"
#include "grade/grade.h"

/* Read one sheet file (YAML or CSV by content; "-" = CSV on stdin) and
 * grade every candidate in it.  Problems in the sheet are recorded as
 * problems, not diags.  Returns 0, or -1 on a system error (in d). */
int gradebook_read(struct gradebook *gb, const char *path, struct diags *d);

#endif
