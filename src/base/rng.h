/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rng.h - the seeded pseudo-random generator behind every draw and shuffle:
 * xoshiro256** (Blackman and Vigna, 2018) whose state is filled from the
 * 64-bit seed by splitmix64.  Integer arithmetic only, so the same seed
 * gives the same sequence on every platform.  See docs/randomness.md. */
#ifndef EXAMGEN_BASE_RNG_H
#define EXAMGEN_BASE_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seed the generator; stream selects an independent sequence (e.g. form
 * number) from the same seed. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
/* Next 64 random bits. */
uint64_t rng_next(struct rng *r);
/* Uniform integer in 0..n-1 (n > 0), without modulo bias. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Shuffle n indices in place (Fisher-Yates, from the last down). */
void rng_shuffle(struct rng *r, size_t *v, size_t n);

#endif
