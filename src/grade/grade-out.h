/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-out.h - the gradebook as a CSV summary (docs/grade-report.md
 * column order) and as JSON detail for scripts. */
#ifndef EXAMGEN_GRADE_GRADE_OUT_H
#define EXAMGEN_GRADE_GRADE_OUT_H

#include <stdio.h>

#include "grade/grade.h"

/* The words of the CSV summary: its fixed headers and the results. */
struct csv_words {
	const char *id, *name, *form, *total, *percent, *result, *problems;
	const char *pass, *fail, *pending;
	bool people;	/* for a spreadsheet: digit ids written ="0260101"
			 * so that Excel and LibreOffice keep them as text */
};

/* The header and results of docs/grade-report.md (for scripts); the same
 * in English and in Chinese, in Simplified and in Traditional script (for
 * people). */
extern const struct csv_words csv_words_spec, csv_words_en, csv_words_zh,
	csv_words_hant;

/* Write the CSV summary (columns as docs/grade-report.md lists them) /
 * the JSON detail. */
int grade_out_csv(FILE *fp, const struct gradebook *gb);
/* Write the CSV summary with the words w. */
int grade_out_csv_words(FILE *fp, const struct gradebook *gb,
			const struct csv_words *w);
int grade_out_json(FILE *fp, const struct gradebook *gb);

#endif
