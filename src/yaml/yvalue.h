/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yvalue.h - typed reading of ynode values with precise messages: each
 * reader checks the node's shape and adds `PATH:LINE:COL: error: ...` to d
 * when it is wrong.  Strings returned point into the node tree (arena). */
#ifndef EXAMGEN_YAML_YVALUE_H
#define EXAMGEN_YAML_YVALUE_H

#include <stdbool.h>

#include "base/diag.h"
#include "yaml/ynode.h"

/* Where values come from, for messages. */
struct ysource {
	const char *path;
	struct diags *d;
};

/* Report every key of map not in allowed (NULL-terminated), with a
 * "did you mean" for near misses.  Returns the number reported. */
int yvalue_check_keys(const struct ysource *src, const struct ynode *map,
		      const char *const *allowed);
/* The closest word in candidates within a small edit distance, or NULL. */
const char *yvalue_suggest(const char *word, const char *const *candidates);
/* Report an error at node n. */
void yvalue_error(const struct ysource *src, const struct ynode *n,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Text of a scalar; NULL (reported) if n is not a scalar. */
const char *yvalue_str(const struct ysource *src, const struct ynode *n,
		       const char *what);
/* A scalar that parse knows as one of its names: its number in *out, or
 * -1 with "unknown WHAT 'TEXT' (NAMES)" reported and *out unchanged (what
 * names the kind, names lists the names for the reader). */
int yvalue_enum(const struct ysource *src, const struct ynode *n,
		const char *key, int (*parse)(const char *s),
		const char *what, const char *names, int *out);
/* Non-empty text (white space alone counts as empty). */
const char *yvalue_text(const struct ysource *src, const struct ynode *n,
			const char *what);
/* A finite decimal number (no exponent, no hex); -1 if reported. */
int yvalue_number(const struct ysource *src, const struct ynode *n,
		  const char *what, double *out);
/* A whole number in 0..max; -1 if reported. */
int yvalue_uint(const struct ysource *src, const struct ynode *n,
		const char *what, unsigned long long max,
		unsigned long long *out);
/* true/false (also yes/no, on/off in any case); -1 if reported. */
int yvalue_bool(const struct ysource *src, const struct ynode *n,
		const char *what, bool *out);
/* A list of non-empty texts (a single text counts as a list of one when
 * allow_scalar); returns count or -1, *out in arena a. */
long yvalue_str_list(const struct ysource *src, const struct ynode *n,
		     const char *what, bool allow_scalar, struct arena *a,
		     const char ***out);
/* Parse a plain decimal number; false if s is not one. */
bool parse_decimal(const char *s, double *out);

#endif
