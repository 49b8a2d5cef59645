/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-msg.h - the problems found while grading in Chinese.  Problems
 * are recorded with English printf formats, as messages on standard
 * error and in the JSON output are; a catalog keyed by the English format
 * holds the Chinese format of each, with the same conversions in the same
 * order, for the report in Chinese (as gettext does, so the compiler
 * checks the arguments against the English format). */
#ifndef EXAMGEN_GRADE_GRADE_MSG_H
#define EXAMGEN_GRADE_GRADE_MSG_H

#include <stdarg.h>
#include <stddef.h>

#define GTEXT_MAX 1024

/* One message in both languages. */
struct gtext {
	char en[GTEXT_MAX];
	char zh[GTEXT_MAX];
};

/* The Chinese format of the English format fmt; fmt itself when the
 * catalog has none. */
const char *gmsg_zh(const char *fmt) __attribute__((format_arg(1)));
/* Format t in both languages. */
void gtext_set(struct gtext *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Format t in both languages from a va_list. */
void gtext_vset(struct gtext *t, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append to both languages of t. */
void gtext_add(struct gtext *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Number of entries in the catalog. */
size_t gmsg_count(void);
/* Entry i of the catalog (i < gmsg_count()): English and Chinese. */
void gmsg_entry(size_t i, const char **en, const char **zh);

#endif
