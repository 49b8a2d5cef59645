/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis-forms.c - the forms of a gradebook described and compared
 * (see analysis_forms in analysis.h): each form's pass count, Welch's test
 * that the forms' mean totals are equal, and for forms that draw questions
 * of their own the linear equating of the random-groups design (Kolen &
 * Brennan, Test Equating, Scaling, and Linking, 3rd ed., 2014, ch. 2):
 * candidates were dealt the forms in turn, so the groups are taken as
 * equally able and a difference of mean or spread as the forms'. */
#include "grade/analysis.h"

#include <math.h>
#include <stdlib.h>

/* Welch's test over the forms of two candidates or more whose totals
 * spread. */
static int compare_means(struct analysis *a)
{
	size_t nk = a->gb->keys.nkeys, g = 0;
	size_t *n = malloc((nk ? nk : 1) * sizeof(*n));
	double *m = malloc((nk ? nk : 1) * sizeof(*m));
	double *sd = malloc((nk ? nk : 1) * sizeof(*sd));
	int ret = -1;

	if (!n || !m || !sd)
		goto out;
	for (size_t ki = 0; ki < nk; ki++) {
		if (a->forms[ki].n < 2 || !(a->forms[ki].sd > 0))
			continue;	/* no spread to compare */
		n[g] = a->forms[ki].n;
		m[g] = a->forms[ki].mean;
		sd[g++] = a->forms[ki].sd;
	}
	a->has_welch = stats_welch(n, m, sd, g, &a->welch) == 0;
	a->forms_differ = a->has_welch && !a->same_questions &&
			  a->welch.p < ANALYSIS_FORMS_P;
	ret = 0;
out:
	free(n);
	free(m);
	free(sd);
	return ret;
}

/* Linear equating of forms of their own questions onto the first form
 * with spread: e(x) = mean_r + sd_r / sd_f (x - mean_f). */
static void equate(struct analysis *a)
{
	const struct form_stats *ref = NULL;
	size_t usable = 0;

	for (size_t ki = 0; ki < a->gb->keys.nkeys; ki++) {
		const struct form_stats *f = &a->forms[ki];

		if (f->n < 2 || !(f->sd > 0))
			continue;
		if (!ref) {
			ref = f;
			a->eq_ref = ki;
		}
		usable++;
	}
	a->equated = !a->same_questions && usable >= 2;
	if (!a->equated)
		return;
	for (size_t ki = 0; ki < a->gb->keys.nkeys; ki++) {
		struct form_stats *f = &a->forms[ki];

		if (f->n < 2 || !(f->sd > 0))
			continue;
		f->eq_a = ref->sd / f->sd;
		f->eq_b = ref->mean - f->eq_a * f->mean;
		f->has_eq = true;
	}
	for (size_t j = 0; j < a->n; j++) {
		const struct form_stats *f = &a->forms[a->kidx[j]];

		if (f->has_eq)
			a->equated_total[a->cand[j]] = f->eq_a * a->total[j] +
						       f->eq_b;
	}
}

/* Describe and compare the forms of a run analysis. */
int analysis_forms(struct analysis *a)
{
	const struct gradebook *gb = a->gb;

	a->equated_total = malloc((gb->ncands ? gb->ncands : 1) *
				  sizeof(*a->equated_total));
	if (!a->equated_total)
		return -1;
	for (size_t i = 0; i < gb->ncands; i++)
		a->equated_total[i] = NAN;
	for (size_t j = 0; j < a->n; j++)
		a->forms[a->kidx[j]].passed +=
			candidate_result(&gb->cands[a->cand[j]]) ==
			RESULT_PASS;
	if (compare_means(a) < 0)
		return -1;
	equate(a);
	return 0;
}
