/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keyset.h - the keys of a build, loaded from key files or a build folder:
 * at most one key per paper and form, found again by the paper and form a
 * sheet names, with the section titles of all keys in one list (first seen
 * first) and each key's sections mapped to it.  Grading and scan both read
 * sheets against a keyset.  It owns the keys added to it. */
#ifndef EXAMGEN_PAPER_KEYSET_H
#define EXAMGEN_PAPER_KEYSET_H

#include <stddef.h>

#include "base/diag.h"
#include "paper/key.h"

struct keyset {
	struct key **keys;
	size_t nkeys;
	const char **section_titles;	/* union over keys, first seen first */
	size_t nsection_titles;
	size_t **key_cols;		/* per key: section -> title column */
	const char *one_paper;		/* paper code if all keys share it */
};

/* Prepare an empty keyset. */
void keyset_init(struct keyset *ks);
/* Free everything, keys included. */
void keyset_release(struct keyset *ks);
/* Add a key file or every *.key.yaml in a build folder.  0, or -1 with
 * errors in d (missing file, bad key, two keys for one paper/form). */
int keyset_add(struct keyset *ks, const char *path, struct diags *d);
/* The key for paper (NULL: the only paper loaded) and form, or NULL. */
const struct key *keyset_find(const struct keyset *ks, const char *paper,
			      const char *form);
/* Column index of section `section` of key k in ks->section_titles. */
size_t keyset_section_column(const struct keyset *ks, const struct key *k,
			     size_t section);

#endif
