/* SPDX-License-Identifier: GPL-3.0-or-later */
/* question.h - reading one question mapping of a bank into a struct
 * question.  Strings are left pointing into the parse tree (the caller
 * copies what it keeps); options and rubrics are allocated in the arena
 * passed in. */
#ifndef EXAMGEN_BANK_QUESTION_H
#define EXAMGEN_BANK_QUESTION_H

#include <stdbool.h>

#include "bank/bank.h"
#include "yaml/yfield.h"
#include "yaml/ynode.h"
#include "yaml/yvalue.h"

/* Read question mapping m of bank b into q, reporting every problem to
 * src; 0 if it is valid, -1 if it has problems (q is still filled as far
 * as it could be, so its id can be indexed). */
int question_read(const struct ysource *src, struct arena *a,
		  const struct bank *b, struct question *q,
		  const struct ynode *m);
/* A field reader (yfield.h) of a multiple-choice scoring rule, an enum
 * mc_rule: exact, half or per_option. */
int question_rule_field(const struct ysource *src, struct arena *a,
			const struct ynode *v, const struct yfield *f,
			void *obj);
/* True if s is a valid question id: [A-Za-z0-9][A-Za-z0-9._-]*. */
bool question_id_valid(const char *s);

#endif
