/* SPDX-License-Identifier: GPL-3.0-or-later */
/* similar.h - near-duplicate stems across every loaded bank, reported as
 * warnings by `examgen validate`.  Stems are compared by the Jaccard
 * similarity of their sets of 4-character runs (4-grams) after punctuation,
 * white space and letter case are dropped; a prefix-filtered inverted
 * index finds the candidate pairs. */
#ifndef EXAMGEN_BANK_SIMILAR_H
#define EXAMGEN_BANK_SIMILAR_H

#include "bank/bank.h"
#include "base/diag.h"

/* Characters per gram: 4-grams tell a reworded copy from a question that
 * changes one key word better than bigrams (on the bundled banks: seed
 * 003's two tests' 女員工坐著辦公時 / 辦理業務時 copies are 0.68 alike in
 * 4-grams, 0.81 in bigrams; the CLEAR questions that differ only in the
 * letter asked at most 0.58, 0.79 in bigrams), and they are rare enough
 * for the index to stay small on big banks. */
#define SIMILAR_GRAM 4
/* Pairs at least this alike are reported. */
#define SIMILAR_THRESHOLD 0.65
/* Pairs reported one by one; the rest are counted in one warning. */
#define SIMILAR_REPORT_MAX 50
/* Stems with fewer grams than this are too short to compare. */
#define SIMILAR_MIN_GRAMS 4

/* Warn at the later question of every pair of stems in bs at least
 * SIMILAR_THRESHOLD alike, naming the earlier one (the first
 * SIMILAR_REPORT_MAX pairs found, then one warning counting the rest);
 * questions of one
 * 'group' (never on one paper together) are not compared.  Returns the
 * number of pairs, or -1 when out of memory (marked in d). */
long similar_report(const struct bankset *bs, struct diags *d);
/* The same, listing at most max pairs (max >= 0). */
long similar_report_max(const struct bankset *bs, long max, struct diags *d);
/* Jaccard similarity of the gram sets of two texts, as similar_report()
 * measures it (0 when either is too short). */
double similar_score(const char *a, const char *b);

#endif
