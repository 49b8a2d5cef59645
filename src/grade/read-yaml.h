/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-yaml.h - a filled-in sheet as YAML (docs/grade-report.md,
 * "Sheets"): one candidate with paper, form, candidate {id, name} and
 * answers {no: value}. */
#ifndef EXAMGEN_GRADE_READ_YAML_H
#define EXAMGEN_GRADE_READ_YAML_H

#include <stddef.h>

#include "grade/grade.h"

/* Grade the candidate of a YAML sheet (text: UTF-8, len bytes) read from
 * file (a string in gb->arena).  Problems are recorded in gb; returns 0, or
 * -1 on no memory. */
int sheet_read_yaml(struct gradebook *gb, const char *file, const char *text,
		    size_t len);

#endif
