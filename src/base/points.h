/* SPDX-License-Identifier: GPL-3.0-or-later */
/* points.h - the one tolerance for comparing points.  Points are sums of
 * decimals (a rubric's criteria, a section, a paper, a candidate's score)
 * held in doubles, so two that are equal on paper may differ in the last
 * bits.  A millionth of a point is far below the four decimals points are
 * ever written with (format_number) and far above the rounding error of
 * adding up a paper's points. */
#ifndef EXAMGEN_BASE_POINTS_H
#define EXAMGEN_BASE_POINTS_H

#include <math.h>
#include <stdbool.h>

#define POINTS_EPS 1e-6

/* True if points a and b are the same within POINTS_EPS. */
static inline bool points_eq(double a, double b)
{
	return fabs(a - b) <= POINTS_EPS;
}

/* True if p is a whole or half number of points. */
static inline bool points_halves(double p)
{
	return points_eq(p * 2, round(p * 2));
}

/* Whole times step fits in p (p >= 0), a point sum a hair below a
 * multiple counting as that multiple: 30 / 10 gives 3 however 30 was
 * added up. */
static inline unsigned points_div(double p, double step)
{
	return (unsigned)(p / step + POINTS_EPS);
}

#endif
