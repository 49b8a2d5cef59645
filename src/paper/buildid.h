/* SPDX-License-Identifier: GPL-3.0-or-later */
/* buildid.h - the build id of a paper (docs/build-id.md): 12 lower-case
 * hex digits printed in every key, sheet and responses file, so grading can
 * refuse sheets of another paper, seed or bank.  See docs/build-id.md. */
#ifndef EXAMGEN_PAPER_BUILDID_H
#define EXAMGEN_PAPER_BUILDID_H

#include <stdbool.h>
#include <stdint.h>

#include "paper/paper.h"

#define BUILD_ID_LEN 12

/* The build id of template digest tpl_digest, bank digest bank_digest
 * (both "sha256:<hex>") and seed, into out (BUILD_ID_LEN + 1 bytes). */
const char *buildid_make(const char *tpl_digest, const char *bank_digest,
			 uint64_t seed, char out[BUILD_ID_LEN + 1]);
/* The build id of paper p (its template, banks and seed). */
const char *buildid_of_paper(const struct paper *p, char out[BUILD_ID_LEN + 1]);
/* True if s is a well-formed build id (12 lower-case hex digits). */
bool buildid_valid(const char *s);

#endif
