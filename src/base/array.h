/* SPDX-License-Identifier: GPL-3.0-or-later */
/* array.h - growable arrays: one checked way to make room in a realloc'd
 * array, instead of a doubling realloc written out at every append. */
#ifndef EXAMGEN_BASE_ARRAY_H
#define EXAMGEN_BASE_ARRAY_H

#include <stddef.h>

/* Make the array whose pointer is at *arrayp (capacity *cap elements of
 * size bytes) hold at least need elements: the capacity at least doubles
 * (16 at first), so n appends cost O(n).  0 on success; -1 with errno
 * ENOMEM when out of memory or when need * size overflows, and then the
 * array and *cap are unchanged. */
int array_grow(void *arrayp, size_t *cap, size_t need, size_t size);

/* qsort() and bsearch() order of an array of strings (char * elements):
 * by strcmp(). */
int array_strcmp(const void *a, const void *b);
/* array_grow() for array pointer v with capacity cap (both lvalues),
 * element size taken from v. */
#define ARRAY_GROW(v, cap, need) \
	array_grow(&(v), &(cap), (need), sizeof(*(v)))

#endif
