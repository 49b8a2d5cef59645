/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hash.h - FNV-1a, the one string hash behind examgen's lookup tables (bank
 * ids, anchors, candidate ids, message de-duplication). */
#ifndef EXAMGEN_BASE_HASH_H
#define EXAMGEN_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_INIT 14695981039346656037ULL	/* FNV-1a offset basis */

/* Fold len bytes into hash h (start from HASH_INIT). */
static inline uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* Fold a NUL-terminated string, and its terminating NUL, into hash h. */
static inline uint64_t hash_str(uint64_t h, const char *s)
{
	do
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	while (*s++);
	return h;
}

/* The hash of a NUL-terminated string as an index into a hash table
 * (mask it with the table's size less one). */
static inline size_t hash_key(const char *s)
{
	return (size_t)hash_str(HASH_INIT, s);
}

#endif
