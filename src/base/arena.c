/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.c - region allocator (see arena.h). */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

struct arena_block {
	struct arena_block *next;
	size_t size;	/* usable bytes in data */
	size_t off;	/* first free byte */
	max_align_t data[];
};

/* Prepare an empty arena. */
void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->failed = 0;
}

/* Free every block. */
void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

/* size bytes aligned to align (a power of two up to ARENA_ALIGN) from the
 * newest block, or a fresh block; not zeroed. */
static void *arena_take(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	size_t off = 0;
	void *p;

	if (need < size) {
		a->failed = 1;
		return NULL;
	}
	if (b) {
		off = (b->off + align - 1) & ~(align - 1);
		if (off > b->size || b->size - off < size)
			b = NULL;
	}
	if (!b) {
		size_t bsize = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;

		if (bsize > SIZE_MAX - sizeof(*b) ||
		    !(b = malloc(sizeof(*b) + bsize))) {
			a->failed = 1;
			return NULL;
		}
		b->size = bsize;
		b->off = 0;
		off = 0;
		/* a big one-off block goes behind the current one so the
		 * current block's free space stays usable */
		if (a->head && need > ARENA_BLOCK_MIN / 4) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + off;
	a->used += off + size - b->off;
	b->off = off + size;
	return p;
}

/* Zeroed aligned memory. */
void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_take(a, size, ARENA_ALIGN);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Zeroed array with overflow check. */
void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, n * size);
}

/* NUL-terminated copy of len bytes. */
char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = arena_take(a, len + 1, 1);	/* text needs no alignment */
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* NUL-terminated copy of s. */
char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Formatted string in arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
