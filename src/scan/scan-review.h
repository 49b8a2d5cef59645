/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-review.h - the review workbook of a scan run (review.xlsx): the
 * worksheet 答卷 holds the responses exactly as the CSV (every cell as
 * text), and the worksheet 待复核 one row per doubtful mark with the crop
 * of its bubbles, the likely reading, the reason and an empty 复核结果
 * cell for the reviewer's decision.  `examgen grade` reads the saved
 * workbook and applies the decisions; the names both use are
 * paper/review-format.h. */
#ifndef EXAMGEN_SCAN_SCAN_REVIEW_H
#define EXAMGEN_SCAN_SCAN_REVIEW_H

#include <stdbool.h>

#include "base/fileio.h"
#include "scan/scan-read.h"

/* Write the review workbook of r into o's temporary file (o opened by the
 * caller, who commits or aborts it).  0, or -1 with errno set. */
int scan_review_write_xlsx(const struct scan_run *r, struct outfile *o);

#endif
