/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-labels.h - the words of the report in English and in Chinese
 * (Simplified, or Traditional converted from it). */
#ifndef EXAMGEN_REPORT_REPORT_LABELS_H
#define EXAMGEN_REPORT_REPORT_LABELS_H

#include "base/arena.h"
#include "base/diag.h"
#include "report/report-cell.h"

/* The labels of each report language (report-labels.c). */
extern const struct rpt_labels rpt_labels_en, rpt_labels_zh;

/* The Chinese labels in Traditional script (a zh-Hant paper's report),
 * converted into out with their texts in a.  0, or -1 with an error in d
 * (OpenCC cannot be loaded, no memory). */
int rpt_labels_hant(struct rpt_labels *out, struct arena *a,
		    struct diags *d);
/* Text s in Traditional script, in a; NULL with an error in d. */
const char *rpt_text_hant(const char *s, struct arena *a, struct diags *d);

#endif
