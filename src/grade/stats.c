/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats.c - test statistics and item analysis (see stats.h). */
#include "grade/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/points.h"

struct ranked {
	double t;
	size_t i;
};

/* qsort order of doubles, ascending. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* qsort order of totals, highest first, ties by index. */
static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Skewness and excess kurtosis of x[0..n) into out (mean, sd set). */
static void describe_shape(const double *x, size_t n,
			   struct stats_describe *out)
{
	double s3 = 0, s4 = 0, dn = (double)n;

	if (n < 3 || !(out->sd > 0))
		return;
	for (size_t i = 0; i < n; i++) {
		double z = (x[i] - out->mean) / out->sd;

		s3 += z * z * z;
		s4 += z * z * z * z;
	}
	out->skew = dn / ((dn - 1) * (dn - 2)) * s3;
	out->has_skew = 1;
	if (n < 4)
		return;
	out->kurt = dn * (dn + 1) / ((dn - 1) * (dn - 2) * (dn - 3)) * s4 -
		    3 * (dn - 1) * (dn - 1) / ((dn - 2) * (dn - 3));
	out->has_kurt = 1;
}

/* Describe x[0..n): mean, median, sample sd, min, max. */
int stats_describe(const double *x, size_t n, struct stats_describe *out)
{
	double *v, sum = 0, ss = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0)
		return 0;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -1;
	memcpy(v, x, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_double);
	for (i = 0; i < n; i++)
		sum += v[i];
	out->mean = sum / (double)n;
	for (i = 0; i < n; i++)
		ss += (v[i] - out->mean) * (v[i] - out->mean);
	out->var = n > 1 ? ss / (double)(n - 1) : 0;
	out->sd = sqrt(out->var);
	out->min = v[0];
	out->max = v[n - 1];
	out->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	describe_shape(v, n, out);
	free(v);
	return 0;
}

/* Size of each extreme group for n candidates. */
size_t stats_group_size(size_t n)
{
	size_t g = (size_t)floor(STATS_GROUP_SHARE * (double)n + 0.5);

	if (g < 1 && n >= 2)
		g = 1;
	if (g > n / 2)
		g = n / 2;
	return g;
}

/* Mark the upper and lower 27% groups by total. */
int stats_groups(const double *t, size_t n, signed char *group)
{
	struct ranked *r;
	size_t i, g = stats_group_size(n);
	double tu, tl;

	memset(group, 0, n);
	if (g == 0)
		return 0;
	r = malloc(n * sizeof(*r));
	if (!r)
		return -1;
	for (i = 0; i < n; i++) {
		r[i].t = t[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof(*r), cmp_ranked);
	/* ties with the group's last total join it, so the groups never
	 * depend on the row order; if the groups would meet, the tied total
	 * is in neither */
	tu = r[g - 1].t;
	tl = r[n - g].t;
	for (i = 0; i < n; i++) {
		bool met = points_eq(tu, tl);

		if (met ? t[i] > tu && !points_eq(t[i], tu) :
			  t[i] >= tu || points_eq(t[i], tu))
			group[i] = 1;
		else if (met ? t[i] < tl && !points_eq(t[i], tl) :
			       t[i] <= tl || points_eq(t[i], tl))
			group[i] = -1;
	}
	free(r);
	return 0;
}

/* Pearson correlation of x and y. */
int stats_pearson(const double *x, const double *y, size_t n, double *r)
{
	double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
	size_t i;

	if (n < 2)
		return -1;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (sxx <= 0 || syy <= 0)
		return -1;
	*r = sxy / sqrt(sxx * syy);
	return 0;
}

/* Analyse one item against totals and extreme groups. */
void stats_item(const double *x, const double *t, const signed char *group,
		size_t n, double points, struct stats_item *out)
{
	double sum = 0, up = 0, lo = 0, mx = 0, mr = 0, sxx = 0, srr = 0,
	       sxr = 0;
	size_t i, nup = 0, nlo = 0;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		sum += x[i];
		mr += t[i] - x[i];
		if (group[i] > 0) {
			up += x[i];
			nup++;
		} else if (group[i] < 0) {
			lo += x[i];
			nlo++;
		}
	}
	out->mean = sum / (double)n;
	out->p = points > 0 ? out->mean / points : 0;
	if (nup > 0 && nlo > 0 && points > 0) {
		out->disc = (up / (double)nup - lo / (double)nlo) / points;
		out->has_disc = 1;
	}
	mx = out->mean;
	mr /= (double)n;
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx, dr = t[i] - x[i] - mr;

		sxx += dx * dx;
		srr += dr * dr;
		sxr += dx * dr;
	}
	if (n >= 2 && sxx > 0 && srr > 0) {
		out->rpb = sxr / sqrt(sxx * srr);
		out->has_rpb = 1;
	}
}

/* Cronbach's alpha from the summed item variances and the variance of
 * their sum. */
int stats_alpha(double item_var_sum, size_t k, double sum_var,
		double *alpha)
{
	if (k < 2 || !(sum_var > 0))
		return -1;
	*alpha = (double)k / (double)(k - 1) * (1 - item_var_sum / sum_var);
	return 0;
}

/* Continued fraction of the incomplete beta function at x, evaluated by
 * the modified Lentz method (converges fast for x < (a+1)/(a+b+2)). */
static double beta_fraction(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), f;

	d = 1 / (fabs(d) < tiny ? tiny : d);
	f = d;
	for (int m = 1; m <= 500; m++) {
		double dm = m, step[2], delta = 0;

		/* the even and the odd term of step m */
		step[0] = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
		step[1] = -(a + dm) * (a + b + dm) * x /
			  ((a + 2 * dm) * (a + 2 * dm + 1));
		for (int i = 0; i < 2; i++) {
			d = 1 + step[i] * d;
			c = 1 + step[i] / c;
			d = 1 / (fabs(d) < tiny ? tiny : d);
			c = fabs(c) < tiny ? tiny : c;
			delta = c * d;
			f *= delta;
		}
		if (fabs(delta - 1) < 1e-15)
			break;
	}
	return f;
}

/* The regularized incomplete beta function I_x(a, b). */
double stats_beta_reg(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
		    b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_fraction(a, b, x) / a;
	return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

/* Upper tail of the F distribution with d1, d2 degrees of freedom. */
double stats_f_upper(double f, double d1, double d2)
{
	if (!(f > 0))
		return 1;
	return stats_beta_reg(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
}

/* Welch's test of equal means of g groups. */
int stats_welch(const size_t *n, const double *mean, const double *sd,
		size_t g, struct stats_welch *out)
{
	double w = 0, xw = 0, num = 0, lam = 0, dg = (double)g;

	memset(out, 0, sizeof(*out));
	if (g < 2)
		return -1;
	for (size_t i = 0; i < g; i++) {
		if (n[i] < 2 || !(sd[i] > 0))
			return -1;
		w += (double)n[i] / (sd[i] * sd[i]);
	}
	for (size_t i = 0; i < g; i++)
		xw += (double)n[i] / (sd[i] * sd[i]) * mean[i] / w;
	for (size_t i = 0; i < g; i++) {
		double wi = (double)n[i] / (sd[i] * sd[i]);

		num += wi * (mean[i] - xw) * (mean[i] - xw);
		lam += (1 - wi / w) * (1 - wi / w) / (double)(n[i] - 1);
	}
	num /= dg - 1;
	out->df1 = dg - 1;
	if (lam > 0) {
		out->df2 = (dg * dg - 1) / (3 * lam);
		out->f = num / (1 + 2 * (dg - 2) / (dg * dg - 1) * lam);
	} else {		/* groups of infinite size: chi-square limit */
		out->df2 = INFINITY;
		out->f = num;
	}
	out->p = isfinite(out->df2) ? stats_f_upper(out->f, out->df1,
						     out->df2) : NAN;
	return isfinite(out->p) ? 0 : -1;
}

/* The q-quantile of the F distribution with d1, d2 degrees of freedom:
 * bisection on the upper tail, which falls as f grows. */
double stats_f_quantile(double q, double d1, double d2)
{
	double lo = 0, hi = 1;

	if (!(q > 0))
		return 0;
	if (!(q < 1))
		return INFINITY;
	while (1 - stats_f_upper(hi, d1, d2) < q && hi < 1e300)
		hi *= 2;
	for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
		double mid = (lo + hi) / 2;

		if (1 - stats_f_upper(mid, d1, d2) < q)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* P(X >= c) for X binomial with k trials of probability p. */
double stats_binom_upper(unsigned c, unsigned k, double p)
{
	if (c == 0)
		return 1;
	if (c > k)
		return 0;
	return stats_beta_reg((double)c, (double)(k - c + 1), p);
}

/* Feldt's confidence interval for alpha. */
int stats_alpha_ci(double alpha, size_t n, size_t k, double level,
		   double *lo, double *hi)
{
	double d1, d2, g = (1 - level) / 2;

	if (n < 2 || k < 2 || !(alpha < 1))
		return -1;
	d1 = (double)(n - 1);
	d2 = (double)(n - 1) * (double)(k - 1);
	*lo = 1 - (1 - alpha) * stats_f_quantile(1 - g, d1, d2);
	*hi = 1 - (1 - alpha) * stats_f_quantile(g, d1, d2);
	return 0;
}

/* Percentile rank of each of t[0..n) among them. */
int stats_percentile_ranks(const double *t, size_t n, double *out)
{
	double *v = malloc((n ? n : 1) * sizeof(*v));

	if (!v)
		return -1;
	memcpy(v, t, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_double);
	for (size_t j = 0; j < n; j++) {
		size_t lo = 0, hi = n, below;

		while (lo < hi) {	/* first not below t[j] */
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid] < t[j] && !points_eq(v[mid], t[j]))
				lo = mid + 1;
			else
				hi = mid;
		}
		below = lo;
		hi = n;
		while (lo < hi) {	/* first above t[j] */
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid] <= t[j] || points_eq(v[mid], t[j]))
				lo = mid + 1;
			else
				hi = mid;
		}
		out[j] = 100 * ((double)below + (double)(lo - below) / 2) /
			 (double)n;
	}
	free(v);
	return 0;
}
