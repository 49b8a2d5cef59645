/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_stats.c - test statistics and item analysis against a small data
 * set worked out by hand (numbers in the comments). */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "base/points.h"
#include "grade/stats.h"

#define EPS 1e-9

/* Six candidates, four items of 1 point:
 *        i1 i2 i3 i4  total
 *   c0    1  1  1  1   4
 *   c1    1  1  1  0   3
 *   c2    1  0  1  0   2
 *   c3    1  1  0  0   2
 *   c4    0  1  0  0   1
 *   c5    0  0  0  0   0
 * Groups: round(0.27 * 6) = 2: upper c0 c1, lower c4 c5. */
static const double items[4][6] = {
	{ 1, 1, 1, 1, 0, 0 },
	{ 1, 1, 0, 1, 1, 0 },
	{ 1, 1, 1, 0, 0, 0 },
	{ 1, 0, 0, 0, 0, 0 },
};
static const double totals[6] = { 4, 3, 2, 2, 1, 0 };

START_TEST(test_describe)
{
	struct stats_describe d;

	ck_assert_int_eq(stats_describe(totals, 6, &d), 0);
	ck_assert_uint_eq(d.n, 6);
	ck_assert_double_eq_tol(d.mean, 2, EPS);
	/* sorted 0 1 2 2 3 4: median (2 + 2) / 2 */
	ck_assert_double_eq_tol(d.median, 2, EPS);
	/* squares of deviations 4+1+0+0+1+4 = 10, / (6 - 1) = 2 */
	ck_assert_double_eq_tol(d.var, 2, EPS);
	ck_assert_double_eq_tol(d.sd, sqrt(2), EPS);
	ck_assert_double_eq_tol(d.min, 0, EPS);
	ck_assert_double_eq_tol(d.max, 4, EPS);
}
END_TEST

START_TEST(test_describe_odd_and_empty)
{
	const double x[] = { 5, 1, 3 };
	struct stats_describe d;

	ck_assert_int_eq(stats_describe(x, 3, &d), 0);
	ck_assert_double_eq_tol(d.median, 3, EPS);
	ck_assert_int_eq(stats_describe(x, 0, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(stats_describe(x, 1, &d), 0);
	ck_assert_double_eq_tol(d.sd, 0, EPS);
}
END_TEST

START_TEST(test_describe_shape)
{
	/* 0 0 1 3: mean 1, sd sqrt(2), z = (-1 -1 0 2) / sqrt(2); sum z^3
	 * = 6 / (2 sqrt 2), skew = 4 / (3 * 2) * that = sqrt(2); sum z^4 =
	 * 18 / 4, kurt = 4 * 5 / (3 * 2 * 1) * 4.5 - 3 * 9 / (2 * 1) = 1.5
	 * (what Excel's SKEW and KURT give) */
	const double x[] = { 0, 0, 1, 3 };
	struct stats_describe d;

	ck_assert_int_eq(stats_describe(x, 4, &d), 0);
	ck_assert_int_eq(d.has_skew, 1);
	ck_assert_int_eq(d.has_kurt, 1);
	ck_assert_double_eq_tol(d.skew, sqrt(2), EPS);
	ck_assert_double_eq_tol(d.kurt, 1.5, EPS);
	/* the six totals are symmetric: skew 0; kurt 42 / 60 * 8.5 - 75 / 12 */
	ck_assert_int_eq(stats_describe(totals, 6, &d), 0);
	ck_assert_double_eq_tol(d.skew, 0, EPS);
	ck_assert_double_eq_tol(d.kurt, -0.3, EPS);
	/* three values: skew only; no spread: neither */
	ck_assert_int_eq(stats_describe(x + 1, 3, &d), 0);
	ck_assert_int_eq(d.has_skew, 1);
	ck_assert_int_eq(d.has_kurt, 0);
	ck_assert_int_eq(stats_describe(x, 2, &d), 0);
	ck_assert_int_eq(d.has_skew, 0);
}
END_TEST

START_TEST(test_group_size)
{
	ck_assert_uint_eq(stats_group_size(0), 0);
	ck_assert_uint_eq(stats_group_size(1), 0);
	ck_assert_uint_eq(stats_group_size(2), 1);
	ck_assert_uint_eq(stats_group_size(6), 2);	/* 1.62 */
	ck_assert_uint_eq(stats_group_size(100), 27);
	ck_assert_uint_eq(stats_group_size(102), 28);	/* 27.54 */
}
END_TEST

START_TEST(test_groups)
{
	signed char g[6];
	const double tied[4] = { 5, 5, 5, 5 };
	signed char gt[4];

	ck_assert_int_eq(stats_groups(totals, 6, g), 0);
	ck_assert_int_eq(g[0], 1);
	ck_assert_int_eq(g[1], 1);
	ck_assert_int_eq(g[2], 0);
	ck_assert_int_eq(g[3], 0);
	ck_assert_int_eq(g[4], -1);
	ck_assert_int_eq(g[5], -1);
	/* all tied: the groups would meet, so the tie is in neither (it
	 * used to depend on the row order) */
	ck_assert_int_eq(stats_groups(tied, 4, gt), 0);
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(gt[i], 0);
}
END_TEST

START_TEST(test_groups_rounding)
{
	/* 0.1 + 0.2 is 0.30000000000000004: the same score as 0.3 (points
	 * added in another order), so both are in the lower group of one */
	const double t[4] = { 2, 0.1 + 0.2, 1, 0.3 };
	signed char g[4];

	ck_assert_int_eq(stats_groups(t, 4, g), 0);
	ck_assert_int_eq(g[0], 1);
	ck_assert_int_eq(g[1], -1);
	ck_assert_int_eq(g[2], 0);
	ck_assert_int_eq(g[3], -1);
	ck_assert(points_eq(0.1 + 0.2, 0.3));
	ck_assert(!points_eq(0.3, 0.3 + 1e-5));
}
END_TEST

START_TEST(test_groups_row_order)
{
	/* g = 2 of 6: the second-highest total 7 is tied, so both 7s are
	 * upper, in either row order; 3, 3 are lower */
	static const double a[6] = { 9, 7, 7, 5, 3, 3 };
	static const double b[6] = { 3, 7, 5, 3, 9, 7 };
	signed char ga[6], gb[6];

	ck_assert_int_eq(stats_groups(a, 6, ga), 0);
	ck_assert_int_eq(stats_groups(b, 6, gb), 0);
	for (size_t i = 0; i < 6; i++)
		for (size_t j = 0; j < 6; j++)
			if (a[i] == b[j])
				ck_assert_int_eq(ga[i], gb[j]);
	ck_assert_int_eq(ga[1], 1);
	ck_assert_int_eq(ga[2], 1);
	ck_assert_int_eq(ga[3], 0);
	ck_assert_int_eq(ga[5], -1);
}
END_TEST

START_TEST(test_items)
{
	/* p: 4/6 4/6 3/6 1/6; discrimination (upper - lower):
	 * i1 1-0, i2 1-0.5, i3 1-0, i4 0.5-0 */
	static const double p[4] = { 4.0 / 6, 4.0 / 6, 0.5, 1.0 / 6 };
	static const double disc[4] = { 1, 0.5, 1, 0.5 };
	signed char g[6];
	struct stats_item it;

	ck_assert_int_eq(stats_groups(totals, 6, g), 0);
	for (int i = 0; i < 4; i++) {
		stats_item(items[i], totals, g, 6, 1, &it);
		ck_assert_uint_eq(it.n, 6);
		ck_assert_double_eq_tol(it.p, p[i], EPS);
		ck_assert_double_eq_tol(it.mean, p[i], EPS);
		ck_assert_int_eq(it.has_disc, 1);
		ck_assert_double_eq_tol(it.disc, disc[i], EPS);
		ck_assert_int_eq(it.has_rpb, 1);
	}
	/* i1 against the rest 3 2 1 1 1 0: sxy = 5/3, sxx = 4/3,
	 * srr = 16/3, r = (5/3) / (8/3) = 0.625 */
	stats_item(items[0], totals, g, 6, 1, &it);
	ck_assert_double_eq_tol(it.rpb, 0.625, EPS);
}
END_TEST

START_TEST(test_item_points_scale)
{
	/* the same item worth 4 points: p and discrimination unchanged */
	double x[6], t[6];
	signed char g[6];
	struct stats_item it;

	for (int i = 0; i < 6; i++) {
		x[i] = 4 * items[0][i];
		t[i] = totals[i] + 3 * items[0][i];
	}
	ck_assert_int_eq(stats_groups(t, 6, g), 0);
	stats_item(x, t, g, 6, 4, &it);
	ck_assert_double_eq_tol(it.mean, 8.0 / 3, EPS);
	ck_assert_double_eq_tol(it.p, 4.0 / 6, EPS);
	ck_assert_double_eq_tol(it.disc, 1, EPS);
	ck_assert_double_eq_tol(it.rpb, 0.625, EPS);
}
END_TEST

START_TEST(test_item_undefined)
{
	/* everyone right: no variance, no correlation */
	const double x[3] = { 1, 1, 1 }, t[3] = { 3, 2, 1 };
	signed char g[3];
	struct stats_item it;
	double r;

	ck_assert_int_eq(stats_groups(t, 3, g), 0);
	stats_item(x, t, g, 3, 1, &it);
	ck_assert_double_eq_tol(it.p, 1, EPS);
	ck_assert_int_eq(it.has_rpb, 0);
	ck_assert_double_eq_tol(it.disc, 0, EPS);
	ck_assert_int_eq(stats_pearson(x, t, 3, &r), -1);
	stats_item(x, t, g, 0, 1, &it);
	ck_assert_uint_eq(it.n, 0);
	ck_assert_int_eq(it.has_disc, 0);
}
END_TEST

START_TEST(test_alpha)
{
	/* sample item variances: 6/5 p q = 4/15 4/15 3/10 1/6 (sum 1);
	 * total variance 2; alpha = 4/3 (1 - 1/2) = 2/3 */
	double var[4], alpha;

	for (int i = 0; i < 4; i++) {
		struct stats_describe d;

		ck_assert_int_eq(stats_describe(items[i], 6, &d), 0);
		var[i] = d.var;
	}
	ck_assert_double_eq_tol(var[0], 4.0 / 15, EPS);
	ck_assert_double_eq_tol(var[3], 1.0 / 6, EPS);
	ck_assert_int_eq(stats_alpha(var[0] + var[1] + var[2] + var[3], 4, 2,
				     &alpha), 0);
	ck_assert_double_eq_tol(alpha, 2.0 / 3, EPS);
	ck_assert_int_eq(stats_alpha(var[0], 1, 2, &alpha), -1);
	ck_assert_int_eq(stats_alpha(var[0], 4, 0, &alpha), -1);
}
END_TEST

START_TEST(test_pearson)
{
	const double x[4] = { 1, 2, 3, 4 }, y[4] = { 2, 4, 6, 8 },
		     z[4] = { 4, 3, 2, 1 };
	double r;

	ck_assert_int_eq(stats_pearson(x, y, 4, &r), 0);
	ck_assert_double_eq_tol(r, 1, EPS);
	ck_assert_int_eq(stats_pearson(x, z, 4, &r), 0);
	ck_assert_double_eq_tol(r, -1, EPS);
	ck_assert_int_eq(stats_pearson(x, y, 1, &r), -1);
}
END_TEST

/* Values of scipy 1.10 (special.betainc, stats.f.sf), an independent
 * implementation. */
START_TEST(test_beta_reg)
{
	ck_assert_double_eq_tol(stats_beta_reg(0.5, 2.5, 0.3),
				0.7968893362799451, 1e-13);
	ck_assert_double_eq_tol(stats_beta_reg(59, 0.5, 0.98),
				0.12338190588141446, 1e-13);
	ck_assert_double_eq_tol(stats_beta_reg(10, 10, 0.5), 0.5, 1e-13);
	ck_assert_double_eq_tol(stats_beta_reg(2, 3, 0.999),
				0.999999996003, 1e-13);
	ck_assert_double_eq_tol(stats_f_upper(3.5, 2, 40.5),
				0.03962037896385027, 1e-13);
}
END_TEST

/* Welch's test of three groups {3 5 6 7 9}, {1 2 2 4 4 6}, {8 9 11 12}:
 * F and df2 by the formula in numpy, p by scipy's F distribution. */
START_TEST(test_welch)
{
	const size_t n[3] = { 5, 6, 4 };
	const double m[3] = { 6.0, 3.1666666666666665, 10.0 };
	const double sd[3] = { 2.23606797749979, 1.8348478592697182,
			       1.8257418583505538 };
	const double flat[2] = { 1, 0 };
	struct stats_welch w;

	ck_assert_int_eq(stats_welch(n, m, sd, 3, &w), 0);
	ck_assert_double_eq_tol(w.f, 15.34905436361032, 1e-11);
	ck_assert_double_eq_tol(w.df1, 2, 1e-12);
	ck_assert_double_eq_tol(w.df2, 7.326895828527505, 1e-11);
	ck_assert_double_eq_tol(w.p, 0.0023993187228301613, 1e-13);
	/* a group without spread, or one group: not defined */
	ck_assert_int_eq(stats_welch(n, m, flat, 2, &w), -1);
	ck_assert_int_eq(stats_welch(n, m, sd, 1, &w), -1);
}
END_TEST

/* Feldt's interval, the F quantile and the binomial tail against scipy
 * 1.10 (stats.f.ppf, stats.binom.sf). */
START_TEST(test_alpha_ci)
{
	double lo, hi;

	ck_assert_double_eq_tol(stats_f_quantile(0.975, 99, 99 * 39),
				1.3024531032845172, 1e-12);
	ck_assert_double_eq_tol(stats_f_quantile(0.5, 3, 7),
				0.8709442531872845, 1e-12);
	ck_assert_double_eq_tol(stats_binom_upper(30, 40, 0.63),
				0.07684763703650106, 1e-13);
	ck_assert_double_eq(stats_binom_upper(0, 40, 0.63), 1);
	ck_assert_double_eq(stats_binom_upper(41, 40, 0.63), 0);
	ck_assert_int_eq(stats_alpha_ci(0.8, 100, 40, 0.95, &lo, &hi), 0);
	ck_assert_double_eq_tol(lo, 0.7395093793430967, 1e-12);
	ck_assert_double_eq_tol(hi, 0.8522456015909452, 1e-12);
	ck_assert_int_eq(stats_alpha_ci(0.8, 1, 40, 0.95, &lo, &hi), -1);
}
END_TEST

/* Percentile ranks 100 (below + equal / 2) / n, 0.1 + 0.2 the same
 * total as 0.3. */
START_TEST(test_percentile_ranks)
{
	const double t[4] = { 2, 0.1 + 0.2, 1, 0.3 };
	double pr[4];

	ck_assert_int_eq(stats_percentile_ranks(t, 4, pr), 0);
	ck_assert_double_eq_tol(pr[0], 87.5, EPS);
	ck_assert_double_eq_tol(pr[1], 25, EPS);
	ck_assert_double_eq_tol(pr[2], 62.5, EPS);
	ck_assert_double_eq_tol(pr[3], 25, EPS);
}
END_TEST

/* The stats suite. */
static Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_describe_odd_and_empty);
	tcase_add_test(tc, test_describe_shape);
	tcase_add_test(tc, test_group_size);
	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_groups_rounding);
	tcase_add_test(tc, test_groups_row_order);
	tcase_add_test(tc, test_items);
	tcase_add_test(tc, test_item_points_scale);
	tcase_add_test(tc, test_item_undefined);
	tcase_add_test(tc, test_alpha);
	tcase_add_test(tc, test_pearson);
	tcase_add_test(tc, test_beta_reg);
	tcase_add_test(tc, test_welch);
	tcase_add_test(tc, test_alpha_ci);
	tcase_add_test(tc, test_percentile_ranks);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(stats_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
