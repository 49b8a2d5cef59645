/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read.h - one filled-in sheet file into the gradebook, whatever its form
 * (.xlsx, YAML or CSV) and encoding; the readers of each form are
 * read-xlsx.h, read-yaml.h and read-csv.h.  The reader session is what
 * reading the file in hand needs beyond the book: where its warnings go
 * and what was found in it so far. */
#ifndef EXAMGEN_GRADE_READ_H
#define EXAMGEN_GRADE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

struct gradebook;

/* The reader session: the sheet file being read. */
struct read_session {
	struct diags *diags;		/* while a file is read: its warnings
					 * and running out of memory */
	const char *unchecked_file;	/* warned: no paper/build in it */
	bool repaired;			/* this file had bytes not UTF-8 */
	unsigned repair_line, repair_col; /* the first of them */
	unsigned repair_byte;
	size_t repair_count;
};

/* Read one sheet file (YAML or CSV by content; "-" = CSV on stdin) and
 * grade every candidate in it.  Problems in the sheet are recorded as
 * problems, not diags.  Returns 0, or -1 on a system error (in d). */
int gradebook_read(struct gradebook *gb, const char *path, struct diags *d);

#endif
