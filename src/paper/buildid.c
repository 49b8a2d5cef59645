/* SPDX-License-Identifier: GPL-3.0-or-later */
/* buildid.c - build ids: the first 12 hex digits of SHA-256 over the
 * template's digest, the bank digest and the seed, each on its own line. */
#include "paper/buildid.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/sha256.h"

/* The build id of a template digest, bank digest and seed. */
const char *buildid_make(const char *tpl_digest, const char *bank_digest,
			 uint64_t seed, char out[BUILD_ID_LEN + 1])
{
	struct sha256 s;
	char seedtext[32], hex[65];
	int n = snprintf(seedtext, sizeof(seedtext), "%" PRIu64 "\n", seed);

	sha256_init(&s);
	sha256_update(&s, "examgen-build-1\n", 16);
	sha256_update(&s, tpl_digest, strlen(tpl_digest));
	sha256_update(&s, "\n", 1);
	sha256_update(&s, bank_digest, strlen(bank_digest));
	sha256_update(&s, "\n", 1);
	sha256_update(&s, seedtext, (size_t)n);
	sha256_hex(&s, hex);
	memcpy(out, hex, BUILD_ID_LEN);
	out[BUILD_ID_LEN] = '\0';
	return out;
}

/* The build id of paper p. */
const char *buildid_of_paper(const struct paper *p, char out[BUILD_ID_LEN + 1])
{
	return buildid_make(p->tpl->digest, p->digest, p->seed, out);
}

/* True if s is 12 lower-case hex digits. */
bool buildid_valid(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == BUILD_ID_LEN && !s[n];
}
