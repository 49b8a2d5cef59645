/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-labels.h - the words of the report in English and in Chinese. */
#ifndef EXAMGEN_REPORT_REPORT_LABELS_H
#define EXAMGEN_REPORT_REPORT_LABELS_H

#include "report/report-cell.h"

/* The labels of each report language (report-labels.c). */
extern const struct rpt_labels rpt_labels_en, rpt_labels_zh;

#endif
