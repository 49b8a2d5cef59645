/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optref.c - option references in question text (see optref.h). */
#include "bank/optref.h"

#include <string.h>

static const char open_mark[] = "{{option:";

/* Find the next reference. */
bool optref_find(const char *s, const char **at, size_t *len, unsigned *n)
{
	const char *p = s ? strstr(s, open_mark) : NULL, *q;
	unsigned v = 0, digits = 0;

	if (!p)
		return false;
	q = p + sizeof(open_mark) - 1;
	for (; *q >= '0' && *q <= '9' && digits < 3; q++, digits++)
		v = v * 10 + (unsigned)(*q - '0');
	*at = p;
	if (q[0] == '}' && q[1] == '}' && digits > 0 && digits < 3 && v > 0) {
		*len = (size_t)(q + 2 - p);
		*n = v;
		return true;
	}
	*len = sizeof(open_mark) - 1;
	*n = 0;
	return true;
}

/* Expand the references of s for one printed order. */
const char *optref_expand(struct arena *a, const char *s,
			  const unsigned char *order, unsigned nopt)
{
	const char *at, *from = s;
	size_t len, out = 0;
	unsigned n;
	char *r;

	if (!s || !optref_find(s, &at, &len, &n))
		return s;
	if (!(r = arena_alloc(a, strlen(s) + 1)))
		return NULL;
	while (optref_find(from, &at, &len, &n)) {
		char letter = '?';

		memcpy(r + out, from, (size_t)(at - from));
		out += (size_t)(at - from);
		for (unsigned p = 0; n && p < nopt; p++)
			if (order[p] == n - 1)
				letter = (char)('A' + p);
		if (n) {
			r[out++] = letter;
		} else {	/* not a reference: kept as written */
			memcpy(r + out, at, len);
			out += len;
		}
		from = at + len;
	}
	strcpy(r + out, from);
	return r;
}
