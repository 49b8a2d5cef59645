/* SPDX-License-Identifier: GPL-3.0-or-later */
/* samefact.h - pairs of questions that test the same fact, reported as
 * warnings by `examgen validate`: one question on a paper should not give
 * away the answer of another (Haladyna, Downing & Rodriguez 2002,
 * guideline 4; docs/item-writing.md).  Wording alone misses them (a
 * true/false statement and the single-choice question whose key says the
 * same), so each question is compared by its content: the stem, the text
 * of its key (the right options) and its explanation or reference answer,
 * as sets of character bigrams.  Only rare bigrams count (those in at
 * most SAMEFACT_RARE questions, or an eighth of a small bank's, at least
 * 2): common words say nothing about the fact.
 * Two questions share a fact when the rare bigrams they share are at
 * least SAMEFACT_THRESHOLD of the smaller set.  Essays are left out (they
 * ask for an approach, not a fact); questions of one 'group' are not
 * compared.  An inverted index over the rare bigrams, whose lists are
 * short by definition, finds the candidates: the work is bounded by the
 * bigrams times SAMEFACT_RARE, not by the square of the questions. */
#ifndef EXAMGEN_BANK_SAMEFACT_H
#define EXAMGEN_BANK_SAMEFACT_H

#include "bank/bank.h"
#include "base/diag.h"

/* A bigram in more questions than this is common. */
#define SAMEFACT_RARE 16
/* Shared share of the smaller set of rare bigrams. */
#define SAMEFACT_THRESHOLD 0.35
/* Questions with fewer rare bigrams are not compared. */
#define SAMEFACT_MIN 8
/* Pairs reported one by one; the rest are counted in one warning. */
#define SAMEFACT_REPORT_MAX 50

/* Warn at the later question of each same-fact pair of bs, naming the
 * earlier; returns the number of pairs, or -1 when out of memory (marked
 * in d). */
long samefact_report(const struct bankset *bs, struct diags *d);

#endif
