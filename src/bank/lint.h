/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lint.h - warnings about bank and template text that is valid but should
 * be improved (`examgen validate` only): half-width punctuation next to
 * Chinese text, and short-answer questions that give the marker nothing to
 * mark against.  Warnings never change an exit code. */
#ifndef EXAMGEN_BANK_LINT_H
#define EXAMGEN_BANK_LINT_H

#include <stddef.h>

#include "bank/bank.h"
#include "base/diag.h"
#include "yaml/ynode.h"

/* One source file being checked: its text, for exact columns, and a
 * cursor over its lines that moves forward as its nodes are checked in
 * order. */
struct lint {
	const char *path;
	const char *buf;
	size_t len;
	struct diags *d;
	size_t line_start;	/* byte offset where line `line` starts */
	unsigned line;
};

/* Prepare a checker of the YAML text buf (len bytes) of path; warnings go
 * to d. */
void lint_init(struct lint *l, const char *path, const char *buf,
	       size_t len, struct diags *d);
/* Warn about the text of question q read from mapping m: half-width
 * punctuation in its stem, options, rubric criteria, reference, keys,
 * deductions and explanation; a short-answer question without a
 * reference answer. */
void lint_question(struct lint *l, const struct ynode *m,
		   const struct question *q);
/* Warn about half-width punctuation in the title, section titles and
 * instructions of the template in buf (a template that does not parse is
 * left to the loader's messages). */
void lint_template(const char *path, const char *buf, size_t len,
		   struct diags *d);
/* The full-width form of a half-width punctuation mark that is next to
 * Chinese text at byte i of s ("，" for ','), or NULL. */
const char *lint_punct_at(const char *s, size_t len, size_t i);

#endif
