/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis-decision.c - how far pass and fail can be trusted near the pass
 * mark (see analysis_decision in analysis.h): Feldt's confidence interval
 * for alpha, the conditional SEM at the pass mark under Lord's binomial
 * error model, and Subkoviak's single-administration decision
 * consistency.  The binomial model takes the paper as k questions scored
 * right or wrong and a total as the share of the points earned: exact for
 * such papers, an approximation for weighted or partial-credit questions
 * (docs/grade-report.md says so). */
#include "grade/analysis.h"

#include <math.h>

/* Level of the interval for alpha. */
#define DECISION_LEVEL 0.95

/* Subkoviak's consistency: each candidate's true share by Kelley's
 * regression toward the mean with reliability rel, the chance P of
 * reaching the pass mark on a parallel form (binomial, k questions, c
 * right needed), consistency the mean of P^2 + (1 - P)^2, and kappa
 * against the consistency of chance. */
static void subkoviak(struct analysis *a, double rel)
{
	struct analysis_decision *d = &a->dec;
	double mean = a->desc.mean / d->total, sum_p = 0, sum_c = 0, pc;
	unsigned c = (unsigned)ceil(d->pass / d->total * d->k - 1e-9);

	for (size_t j = 0; j < a->n; j++) {
		double tau = rel * (a->total[j] / d->total) + (1 - rel) * mean;
		double p = stats_binom_upper(c, d->k, fmin(1, fmax(0, tau)));

		sum_p += p;
		sum_c += p * p + (1 - p) * (1 - p);
	}
	d->p0 = sum_c / (double)a->n;
	d->has_p0 = true;
	sum_p /= (double)a->n;
	pc = sum_p * sum_p + (1 - sum_p) * (1 - sum_p);
	d->has_kappa = pc < 1;
	d->kappa = d->has_kappa ? (d->p0 - pc) / (1 - pc) : 0;
}

/* The decisions near the pass mark of a run analysis. */
void analysis_decision(struct analysis *a)
{
	struct analysis_decision *d = &a->dec;
	const struct key *k;
	double share;

	if (!a->same_questions || a->gb->keys.nkeys == 0 || a->n < 2)
		return;
	k = a->gb->keys.keys[a->kidx[0]];
	d->k = (unsigned)k->nitems;
	d->pass = k->pass;
	d->total = k->total;
	if (a->has_alpha)
		d->has_ci = stats_alpha_ci(a->alpha, a->n, d->k,
					   DECISION_LEVEL, &d->alpha_lo,
					   &d->alpha_hi) == 0;
	if (d->k < 2 || !(d->total > 0))
		return;
	share = d->pass / d->total;
	d->csem = d->total * sqrt(fmax(0, share * (1 - share)) /
				  (double)(d->k - 1));
	d->has_csem = true;
	if (a->has_alpha)
		subkoviak(a, fmax(0, a->alpha));
}
