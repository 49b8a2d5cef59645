/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sha256.h - SHA-256 (FIPS 180-4), used for the bank digest in keys. */
#ifndef EXAMGEN_BASE_SHA256_H
#define EXAMGEN_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char buf[64];
	size_t nbuf;
};

/* Start a digest. */
void sha256_init(struct sha256 *s);
/* Feed len bytes. */
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Finish into 32 bytes. */
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* Finish into 64 lower-case hex digits and a NUL. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif
