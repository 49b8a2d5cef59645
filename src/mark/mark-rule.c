/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-rule.c - the final-score rule of marking on screen (see
 * mark-rule.h). */
#include "mark/mark-rule.h"

#include <math.h>
#include <string.h>

#include "base/points.h"

/* Round x to the nearest half point, a quarter going up. */
double mark_rule_round_half(double x)
{
	return floor(x * 2 + 0.5 + POINTS_EPS) / 2;
}

/* Sum of the ncrit scores of one mark. */
static double mark_total(const double *s, size_t ncrit)
{
	double t = 0;

	for (size_t k = 0; k < ncrit; k++)
		t += s[k];
	return t;
}

/* Make out final from mark a alone (b 0) or the mean of marks a and b
 * (1-based). */
static void settle(struct mark_outcome *out, size_t ncrit,
		   const double (*marks)[MARK_MAX_CRITERIA], unsigned a,
		   unsigned b)
{
	out->state = MARK_FINAL;
	out->from[0] = a;
	out->from[1] = b;
	out->total = 0;
	for (size_t k = 0; k < ncrit; k++) {
		double s = marks[a - 1][k];

		if (b)
			s = mark_rule_round_half((s + marks[b - 1][k]) / 2);
		out->scores[k] = s;
		out->total += s;
	}
}

/* The final scores of an answer from its marks under rule m. */
void mark_rule_final(const struct marking *m, size_t ncrit,
		     const double (*marks)[MARK_MAX_CRITERIA], size_t nmarks,
		     struct mark_outcome *out)
{
	double t1, t2, t3, d1, d3;

	memset(out, 0, sizeof(*out));
	out->state = MARK_WAITING;
	if (ncrit > MARK_MAX_CRITERIA || nmarks == 0)
		return;
	if (!m || !m->twice) {
		settle(out, ncrit, marks, 1, 0);
		return;
	}
	if (nmarks < 2)
		return;
	t1 = mark_total(marks[0], ncrit);
	t2 = mark_total(marks[1], ncrit);
	if (fabs(t1 - t2) <= m->tolerance + POINTS_EPS) {
		settle(out, ncrit, marks, 1, 2);
		return;
	}
	if (nmarks < 3) {
		out->state = MARK_ARBITRATE;
		return;
	}
	if (m->final == MARKING_ARBITER) {
		settle(out, ncrit, marks, 3, 0);
		return;
	}
	t3 = mark_total(marks[2], ncrit);
	d1 = fabs(t3 - t1);
	d3 = fabs(t3 - t2);
	if (points_eq(d1, d3))		/* halfway: the third is the middle */
		settle(out, ncrit, marks, 3, 0);
	else if (fmin(d1, d3) <= m->tolerance + POINTS_EPS)
		settle(out, ncrit, marks, 3, d1 < d3 ? 1 : 2);
	else
		settle(out, ncrit, marks, 3, 0);
}
