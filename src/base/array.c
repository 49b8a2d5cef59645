/* SPDX-License-Identifier: GPL-3.0-or-later */
/* array.c - growable arrays. */
#include "base/array.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_MIN_CAP 16

/* See array.h.  The array pointer is read and written with memcpy, so any
 * object pointer type may be passed without breaking aliasing rules. */
int array_grow(void *arrayp, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : ARRAY_MIN_CAP;
	void *v, *nv;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			ncap = need;
			break;
		}
		ncap *= 2;
	}
	if (size && ncap > SIZE_MAX / size) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(&v, arrayp, sizeof(v));
	nv = realloc(v, ncap * size);
	if (!nv) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(arrayp, &nv, sizeof(nv));
	*cap = ncap;
	return 0;
}

/* See array.h. */
int array_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}
