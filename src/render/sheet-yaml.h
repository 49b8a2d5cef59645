/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-yaml.h - the answer sheet as a YAML file to fill in (blank, or with
 * the candidate's header filled from the roster), and responses.csv, the
 * same answers as one spreadsheet row per candidate (docs/sheets.md).
 * The writers only print; the caller owns the stream.  Each returns 0, or
 * -1 on a write error (errno kept). */
#ifndef EXAMGEN_RENDER_SHEET_YAML_H
#define EXAMGEN_RENDER_SHEET_YAML_H

#include <stdio.h>

#include "paper/paper.h"

/* A blank answer sheet (YAML); with id/name the header is filled. */
int sheet_write(FILE *fp, const struct paper *p, const struct paper_form *f,
		const char *id, const char *name);
/* responses.csv header: candidate_id,name,form,paper,build,1..N, one
 * column per question (forms of one paper share item numbering); an
 * essay's column takes the marker's total. */
int responses_write_header(FILE *fp, const struct paper_form *f);
/* One candidate's row of responses.csv for form f of p, answers empty. */
int responses_write_row(FILE *fp, const struct paper *p,
			const struct paper_form *f, const char *id,
			const char *name);

#endif
