/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optref.h - option references in question text: `{{option:N}}` in a
 * stem, option or explanation names the question's N-th option as the
 * bank lists it (1-based), and is printed as the letter that option has
 * on each form, in the paper and in the marker's guide alike, so that
 * text which speaks of an option stays right when options are shuffled
 * (docs/bank-format.md). */
#ifndef EXAMGEN_BANK_OPTREF_H
#define EXAMGEN_BANK_OPTREF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* The first reference in s at or after s: its start (*at) and length
 * (*len), and the option it names in *n (1-based; 0 when the text between
 * the braces is not a number from 1 to 99).  False when s holds none. */
bool optref_find(const char *s, const char **at, size_t *len, unsigned *n);
/* s with each reference replaced by the letter that bank option N-1 has
 * where order[p] is the bank option printed at p (nopt options); s itself
 * when it holds none, NULL when out of memory. */
const char *optref_expand(struct arena *a, const char *s,
			  const unsigned char *order, unsigned nopt);

#endif
