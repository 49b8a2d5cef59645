/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.h - test statistics and classical item analysis as pure functions
 * over arrays the caller owns: descriptive statistics of totals, upper and
 * lower 27% groups, item difficulty, discrimination and corrected
 * point-biserial, Cronbach's alpha.  Nothing here keeps memory between
 * calls. */
#ifndef EXAMGEN_GRADE_STATS_H
#define EXAMGEN_GRADE_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* Share of candidates in each of the upper and lower groups. */
#define STATS_GROUP_SHARE 0.27

struct stats_describe {
	size_t n;
	double mean;
	double median;
	double sd;		/* sample standard deviation (divisor n - 1) */
	double var;		/* sample variance (divisor n - 1) */
	double min, max;
	double skew;		/* sample skewness, as Excel's SKEW */
	double kurt;		/* sample excess kurtosis, as Excel's KURT */
	int has_skew, has_kurt;	/* 0: not defined (n < 3 / n < 4, sd 0) */
};

struct stats_item {
	size_t n;
	double mean;		/* mean item score */
	double p;		/* difficulty: mean / points */
	double disc;		/* (upper mean - lower mean) / points */
	double rpb;		/* corrected item-total (item-rest) correlation */
	int has_disc, has_rpb;	/* 0: not defined (too few, no variance) */
};

/* Welch's (1951) test that g group means are equal. */
struct stats_welch {
	double f;		/* Welch's F */
	double df1, df2;	/* its degrees of freedom */
	double p;		/* P(F(df1, df2) >= f) */
};

/* Describe x[0..n): mean, median, sample sd, min, max, skewness
 * n / ((n-1)(n-2)) sum z^3 and excess kurtosis
 * n(n+1) / ((n-1)(n-2)(n-3)) sum z^4 - 3 (n-1)^2 / ((n-2)(n-3)) with
 * z = (x - mean) / sd.  Returns 0, or -1
 * when out of memory (the median needs a sorted copy). */
int stats_describe(const double *x, size_t n, struct stats_describe *out);
/* Size of each extreme group for n candidates: round(0.27 n), at least 1
 * when n >= 2, and never more than n / 2. */
size_t stats_group_size(size_t n);
/* Mark the upper (+1) and lower (-1) 27% groups by total t[0..n) in
 * group[0..n), others 0: with g = stats_group_size(n), tu the g-th highest
 * total and tl the g-th lowest, upper is every total >= tu and lower every
 * total <= tl, the same within points_eq (base/points.h) included
 * (ties at the boundary all join, so the groups do not depend on the row
 * order and may hold more than g); when tu == tl, upper is > tu
 * and lower < tl.  Returns 0, or -1 when out of memory. */
int stats_groups(const double *t, size_t n, signed char *group);
/* Analyse one item: x[i] is candidate i's item score, t[i] their total
 * (item included), group[i] their extreme group from stats_groups. */
void stats_item(const double *x, const double *t, const signed char *group,
		size_t n, double points, struct stats_item *out);
/* Pearson correlation of x and y; returns 0 and sets *r, or -1 when not
 * defined (n < 2 or a variable without variance). */
int stats_pearson(const double *x, const double *y, size_t n, double *r);
/* Cronbach's alpha of k items whose variances sum to item_var_sum and
 * whose sum has variance sum_var (the same divisor throughout); equals
 * KR-20 for items scored 0 or full points.  Returns 0 and sets *alpha,
 * or -1 when not defined (k < 2 or no variance of the sum). */
int stats_alpha(double item_var_sum, size_t k, double sum_var,
		double *alpha);

/* The regularized incomplete beta function I_x(a, b), a, b > 0. */
double stats_beta_reg(double a, double b, double x);
/* P(F >= f) for an F distribution with d1 and d2 degrees of freedom. */
double stats_f_upper(double f, double d1, double d2);
/* Welch's test of equal means of g groups of sizes n, means mean and
 * sample sds sd: F = [sum w (m - mw)^2 / (g - 1)] / [1 + 2 (g - 2) L /
 * (g^2 - 1)], w = n / sd^2, mw the w-weighted mean, L = sum (1 - w/W)^2 /
 * (n - 1), df1 = g - 1, df2 = (g^2 - 1) / (3 L).  Returns 0, or -1 when
 * not defined (g < 2, a group of fewer than 2 or without spread). */
int stats_welch(const size_t *n, const double *mean, const double *sd,
		size_t g, struct stats_welch *out);

/* The percentile rank of each of t[0..n) among them into out[0..n):
 * 100 (below + equal / 2) / n, equal within points_eq (base/points.h).
 * 0, or -1 when out of memory. */
int stats_percentile_ranks(const double *t, size_t n, double *out);
/* The q-quantile (0 < q < 1) of the F distribution with d1 and d2
 * degrees of freedom. */
double stats_f_quantile(double q, double d1, double d2);
/* P(X >= c) for X binomial with k trials of probability p. */
double stats_binom_upper(unsigned c, unsigned k, double p);
/* Feldt's confidence interval (level, e.g. .95) for Cronbach's alpha of k
 * items over n candidates: (1 - alpha) / (1 - true alpha) is taken as
 * F(n - 1, (n - 1)(k - 1)), so lo = 1 - (1 - alpha) F(1 - g) and hi = 1 -
 * (1 - alpha) F(g), g = (1 - level) / 2 (Feldt, Woodruff & Salih 1987).
 * Returns 0, or -1 when not defined (n < 2, k < 2, alpha 1). */
int stats_alpha_ci(double alpha, size_t n, size_t k, double level,
		   double *lo, double *hi);

#endif
