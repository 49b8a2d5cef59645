/* SPDX-License-Identifier: GPL-3.0-or-later */
/* roster.h - the candidate list of `build --roster FILE`: a CSV file with
 * a header naming the columns id and name (UTF-8 with or without BOM, or
 * GB18030), whose ids become file names under sheets/.  A roster owns an
 * arena holding every entry and string. */
#ifndef EXAMGEN_PAPER_ROSTER_H
#define EXAMGEN_PAPER_ROSTER_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

struct key;

#define ROSTER_MAX_ID 128	/* longest id in bytes (it names a file) */
#define ROSTER_MAX_CANDIDATES 100000	/* candidates in one build */

struct roster_entry {
	const char *id;
	const char *name;
	unsigned line, col;	/* where the id is written */
};

struct roster {
	struct arena arena;
	struct roster_entry *v;
	size_t n, cap;
	char **loaded;		/* "DIR\nBUILD" read by roster_add_build */
	size_t nloaded, loaded_cap;
};

/* Prepare an empty roster. */
void roster_init(struct roster *r);
/* Free every entry. */
void roster_release(struct roster *r);
/* Read path into r.  Returns 0, 1 if problems were added to d (bad ids,
 * duplicates, bad CSV), or -1 on a system error (missing file, no
 * memory; message in d). */
int roster_load(struct roster *r, const char *path, struct diags *d);

/* Add the candidates of key k's build that the build output folder k
 * was loaded from lists in its responses.csv (written by `build
 * --roster`: the names the sheets were printed with); nothing when k has
 * no build, or its folder no such file or rows.  Each folder and build
 * is read once; the entries are then in id order, which roster_load's
 * are not.  0, or -1 on no memory. */
int roster_add_build(struct roster *r, const struct key *k);
/* The name of candidate id in r, or NULL. */
const char *roster_name(const struct roster *r, const char *id);

#endif
