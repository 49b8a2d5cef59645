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
