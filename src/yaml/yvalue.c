/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yvalue.c - typed reading of ynode values (see yvalue.h). */
#include "yaml/yvalue.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report an error at a node. */
void yvalue_error(const struct ysource *src, const struct ynode *n,
		  const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diags_error(src->d, src->path, n ? n->line : 0, n ? n->col : 0, "%s",
		    msg);
}

/* Edit distance of two short ASCII words, counting a swap of two
 * neighbouring letters as one edit (optimal string alignment); capped. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][33], *pp = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > 32 || lb > 32)
		return 9;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t sub = prev[j - 1] + (ca != cb);
			size_t m = del < ins ? del : ins;

			m = m < sub ? m : sub;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) &&
			    pp[j - 2] + 1 < m)
				m = pp[j - 2] + 1;
			cur[j] = m;
		}
		size_t *t = pp;

		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* Closest candidate within distance max(1, len/3), or NULL. */
const char *yvalue_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = 99, limit = strlen(word) / 3;

	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (size_t i = 0; candidates[i]; i++) {
		size_t dist = edit_distance(word, candidates[i]);

		if (dist <= limit && dist < best_d) {
			best = candidates[i];
			best_d = dist;
		}
	}
	return best;
}

/* Report keys of map that are not allowed. */
int yvalue_check_keys(const struct ysource *src, const struct ynode *map,
		      const char *const *allowed)
{
	int bad = 0;

	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		const char *hint;
		size_t j;

		if (k->kind != YNODE_SCALAR) {
			yvalue_error(src, k, "a key must be text, not %s",
				     ynode_kind_name(k->kind));
			bad++;
			continue;
		}
		/* the first byte rules out most names without a call */
		for (j = 0; allowed[j]; j++)
			if (allowed[j][0] == k->str[0] &&
			    strcmp(allowed[j], k->str) == 0)
				break;
		if (allowed[j])
			continue;
		hint = yvalue_suggest(k->str, allowed);
		if (hint)
			yvalue_error(src, k, "unknown key '%s'; did you mean "
				     "'%s'?", k->str, hint);
		else
			yvalue_error(src, k, "unknown key '%s'", k->str);
		bad++;
	}
	return bad;
}

/* Text of a scalar. */
const char *yvalue_str(const struct ysource *src, const struct ynode *n,
		       const char *what)
{
	if (n->kind != YNODE_SCALAR) {
		yvalue_error(src, n, "'%s' must be text, not %s", what,
			     ynode_kind_name(n->kind));
		return NULL;
	}
	if (memchr(n->str, '\0', n->len)) {
		/* C strings would end there: "x\0y" would read as "x" */
		yvalue_error(src, n, "'%s' contains a NUL character (\\0)",
			     what);
		return NULL;
	}
	return n->str;
}

/* One of the names parse knows. */
int yvalue_enum(const struct ysource *src, const struct ynode *n,
		const char *key, int (*parse)(const char *s),
		const char *what, const char *names, int *out)
{
	const char *s = yvalue_str(src, n, key);
	int i;

	if (!s)
		return -1;
	if ((i = parse(s)) < 0) {
		yvalue_error(src, n, "unknown %s '%.40s' (%s)", what, s, names);
		return -1;
	}
	*out = i;
	return 0;
}

/* Non-empty text. */
const char *yvalue_text(const struct ysource *src, const struct ynode *n,
			const char *what)
{
	const char *s = yvalue_str(src, n, what);

	if (!s)
		return NULL;
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			return s;
	yvalue_error(src, n, "'%s' is empty", what);
	return NULL;
}

/* Parse [-]digits[.digits] strictly. */
bool parse_decimal(const char *s, double *out)
{
	const char *p = s;
	double v = 0, scale = 1;
	bool neg = false, digits = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		digits = true;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			scale /= 10;
			v += (*p - '0') * scale;
			digits = true;
		}
	}
	if (!digits || *p || !isfinite(v))
		return false;
	*out = neg ? -v : v;
	return true;
}

/* A finite decimal number. */
int yvalue_number(const struct ysource *src, const struct ynode *n,
		  const char *what, double *out)
{
	if (n->kind != YNODE_SCALAR) {
		yvalue_error(src, n, "'%s' must be a number, not %s", what,
			     ynode_kind_name(n->kind));
		return -1;
	}
	if (!parse_decimal(n->str, out) || fabs(*out) > 1e9) {
		yvalue_error(src, n, "'%s' must be a number, not '%.40s'",
			     what, n->str);
		return -1;
	}
	return 0;
}

/* A whole number in 0..max. */
int yvalue_uint(const struct ysource *src, const struct ynode *n,
		const char *what, unsigned long long max,
		unsigned long long *out)
{
	unsigned long long v = 0;
	const char *p;

	if (n->kind != YNODE_SCALAR) {
		yvalue_error(src, n, "'%s' must be a whole number, not %s",
			     what, ynode_kind_name(n->kind));
		return -1;
	}
	for (p = n->str; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (v > (max - d) / 10) {
			yvalue_error(src, n, "'%s' must be at most %llu, not "
				     "'%.40s'", what, max, n->str);
			return -1;
		}
		v = v * 10 + d;
	}
	if (p == n->str || *p) {
		yvalue_error(src, n, "'%s' must be a whole number, not "
			     "'%.40s'", what, n->str);
		return -1;
	}
	*out = v;
	return 0;
}

/* true/false and their YAML 1.1 spellings. */
int yvalue_bool(const struct ysource *src, const struct ynode *n,
		const char *what, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };

	if (n->kind == YNODE_SCALAR) {
		for (size_t i = 0; yes[i]; i++) {
			if (strcasecmp(n->str, yes[i]) == 0) {
				*out = true;
				return 0;
			}
			if (strcasecmp(n->str, no[i]) == 0) {
				*out = false;
				return 0;
			}
		}
	}
	yvalue_error(src, n, "'%s' must be true or false, not %s%.40s%s",
		     what, n->kind == YNODE_SCALAR ? "'" : "",
		     n->kind == YNODE_SCALAR ? n->str :
		     ynode_kind_name(n->kind),
		     n->kind == YNODE_SCALAR ? "'" : "");
	return -1;
}

/* A list of non-empty texts. */
long yvalue_str_list(const struct ysource *src, const struct ynode *n,
		     const char *what, bool allow_scalar, struct arena *a,
		     const char ***out)
{
	const char **v;
	size_t count = 0;
	int bad = 0;

	*out = NULL;
	if (n->kind == YNODE_SCALAR && allow_scalar && !ynode_is_null(n)) {
		v = arena_calloc(a, 1, sizeof(*v));
		if (!v || !(v[0] = yvalue_text(src, n, what)))
			return -1;
		*out = v;
		return 1;
	}
	if (ynode_is_null(n))
		return 0;
	if (n->kind != YNODE_SEQ) {
		yvalue_error(src, n, "'%s' must be a list, not %s", what,
			     ynode_kind_name(n->kind));
		return -1;
	}
	v = arena_calloc(a, n->n ? n->n : 1, sizeof(*v));
	if (!v)
		return -1;
	for (size_t i = 0; i < n->n; i++) {
		const char *s = yvalue_text(src, n->items[i], what);

		if (!s)
			bad = 1;
		else
			v[count++] = s;
	}
	*out = v;
	return bad ? -1 : (long)count;
}
