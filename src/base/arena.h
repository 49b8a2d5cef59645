/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.h - region allocator: everything parsed from one input lives in one
 * arena and is freed by a single arena_release().  Pointers returned by the
 * arena are owned by the arena; never free() them. */
#ifndef EXAMGEN_BASE_ARENA_H
#define EXAMGEN_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;	/* newest block first */
	size_t used;			/* bytes handed out, for statistics */
	int failed;			/* an allocation has failed (sticky,
					 * so a reader can check once at the
					 * end that nothing was lost) */
};

#define ARENA_INIT { NULL, 0, 0 }

/* Prepare an empty arena. */
void arena_init(struct arena *a);
/* Free every block of the arena; it can be reused afterwards ('failed'
 * stays set: only arena_init clears it). */
void arena_release(struct arena *a);
/* Zeroed, max-aligned memory; NULL only when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* Zeroed array of n elements of size bytes; NULL on overflow or no memory. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* Copy of len bytes plus a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/* Copy of a NUL-terminated string. */
char *arena_strdup(struct arena *a, const char *s);
/* printf into arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
