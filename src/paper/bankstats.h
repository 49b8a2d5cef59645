/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bankstats.h - `examgen validate --stats`: what the loaded banks hold, and
 * for a template how its pools compare with what each pick needs and how
 * many questions two forms share when each draws its own. */
#ifndef EXAMGEN_PAPER_BANKSTATS_H
#define EXAMGEN_PAPER_BANKSTATS_H

#include <stdio.h>

#include "bank/bank.h"
#include "paper/template.h"

/* Seeds drawn to measure the overlap of two forms: 1..this. */
#define BANKSTATS_SEEDS 100

/* Print the question counts of bs by type, difficulty and tag to fp;
 * -1 when out of memory. */
int bankstats_banks(FILE *fp, const struct bankset *bs);
/* Print, for template t over bs, each pick's pool against its count
 * (groups counted once) and the share of questions two forms have in
 * common with 'vary: questions', drawn with the real assembly for seeds
 * 1..BANKSTATS_SEEDS; -1 when out of memory. */
int bankstats_template(FILE *fp, const struct template *t,
		       struct bankset *bs);

#endif
