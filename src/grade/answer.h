/* SPDX-License-Identifier: GPL-3.0-or-later */
/* answer.h - reading answers as people write them (docs/grade-report.md,
 * "Sheets"): letters in any case, full width, separated by , 、 ， spaces or
 * nothing; true/false as T/F, true/false, √/×, 对/错, Y/N; marker scores as
 * numbers with halves. */
#ifndef EXAMGEN_GRADE_ANSWER_H
#define EXAMGEN_GRADE_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grade/grade-msg.h"

enum answer_result {
	ANSWER_OK,		/* parsed */
	ANSWER_BLANK,		/* empty or only white space: omitted */
	ANSWER_INVALID,		/* not readable; see the why text */
};

/* Choice letters into a mask (bit 0 = A).  Letters past noptions, or
 * anything that is not a letter or separator, is ANSWER_INVALID with a
 * reason in why, in English and Chinese (lower case, subject in single
 * quotes; why may be NULL). */
enum answer_result answer_parse_choice(const char *s, unsigned noptions,
				       uint32_t *mask, struct gtext *why);
/* True/false in any accepted spelling. */
enum answer_result answer_parse_tf(const char *s, bool *value,
				   struct gtext *why);
/* A marker's score: a number (ASCII or full-width digits) in 0..max, in
 * steps of 0.5. */
enum answer_result answer_parse_score(const char *s, double max,
				      double *score, struct gtext *why);

#endif
