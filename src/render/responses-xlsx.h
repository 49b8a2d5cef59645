/* SPDX-License-Identifier: GPL-3.0-or-later */
/* responses-xlsx.h - responses.xlsx, written by `build --roster` beside
 * responses.csv: the same columns and pre-filled candidate rows, as an
 * Excel workbook for typing the answers in, with a drop-down (data
 * validation) on each answer cell for the question of that row's form.
 * `grade` reads it back directly (grade/read-xlsx.h). */
#ifndef EXAMGEN_RENDER_RESPONSES_XLSX_H
#define EXAMGEN_RENDER_RESPONSES_XLSX_H

#include <stddef.h>

#include "paper/paper.h"

/* Write to path the workbook of the responses.csv text csv[0..len) for
 * paper p.  Returns 0, or -1 with errno set. */
int responses_xlsx_write(const char *path, const char *csv, size_t len,
			 const struct paper *p);

#endif
