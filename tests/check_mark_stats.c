/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_mark_stats.c - marker agreement (src/mark/mark-stats.c): the F
 * quantiles, ICC(1,1) and its interval against values computed apart
 * (SciPy 1.10: scipy.stats.f.ppf and the one-way ANOVA of Shrout & Fleiss
 * 1979, case 1), severity, agreement, the arbitration rate and the
 * flags. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "grade/stats.h"
#include "mark/mark-stats.h"

#define near(a, b, eps) ck_assert_msg(fabs((a) - (b)) < (eps), \
				      "%.12g vs %.12g", (double)(a), \
				      (double)(b))

START_TEST(test_f_quantile)
{
	near(stats_f_quantile(0.975, 4, 5), 7.387885751267751, 1e-8);
	near(stats_f_quantile(0.975, 5, 4), 9.36447081580829, 1e-8);
	near(stats_f_quantile(0.5, 10, 30), 0.9553965764236229, 1e-8);
	near(stats_f_quantile(0.05, 3, 7), 0.11252716602610759, 1e-8);
}
END_TEST

START_TEST(test_icc1)
{
	const double a[5][2] = { { 8, 7.5 }, { 3, 9 }, { 10, 3 },
				 { 5.5, 6.5 }, { 1, 9 } };
	const double b[6][2] = { { 0, 0.5 }, { 1, 1.5 }, { 2, 2.5 },
				 { 3, 3.5 }, { 4, 4.5 }, { 5, 5 } };
	const double same[3][2] = { { 2, 2 }, { 2, 2 }, { 2, 2 } };
	const double exact[3][2] = { { 1, 1 }, { 2, 2 }, { 4, 4 } };
	double icc, lo, hi;

	ck_assert(mark_stats_icc1(a, 5, &icc, &lo, &hi));
	near(icc, -0.7650513950073422, 1e-9);
	near(lo, -0.9646027044667654, 1e-9);
	near(hi, 0.10973360302748097, 1e-9);
	ck_assert(mark_stats_icc1(b, 6, &icc, &lo, &hi));
	near(icc, 0.9685534591194968, 1e-9);
	near(lo, 0.8254037706385037, 1e-9);
	near(hi, 0.9954317471353742, 1e-9);
	ck_assert(!mark_stats_icc1(a, 2, &icc, &lo, &hi));	/* too few */
	ck_assert(!mark_stats_icc1(same, 3, &icc, &lo, &hi));	/* no variance */
	ck_assert(mark_stats_icc1(exact, 3, &icc, &lo, &hi));	/* full agreement */
	near(icc, 1, 1e-12);
	near(lo, 1, 1e-12);
}
END_TEST

/* Add an answer with first marks x (by A) and y (by B), given in order
 * at minute i, and optionally a third by C. */
static void add(struct grade_marks *m, unsigned i, double x, double y,
		double z)
{
	struct gmark_given g[3];
	struct gmark a;
	char t[3][32], cand[16];

	snprintf(cand, sizeof(cand), "c%u", i);
	for (int k = 0; k < 3; k++)
		snprintf(t[k], sizeof(t[k]), "2026-01-01T10:%02u:%02dZ", i, k);
	g[0] = (struct gmark_given){ "A", 1, x, t[0] };
	g[1] = (struct gmark_given){ "B", 2, y, t[1] };
	g[2] = (struct gmark_given){ "C", 3, z, t[2] };
	memset(&a, 0, sizeof(a));
	a.paper = "P";
	a.build = "0123456789ab";
	a.candidate = cand;
	a.question = 1;
	a.qid = "q";
	a.points = 10;
	a.given = g;
	a.ngiven = z >= 0 ? 3 : 2;
	a.state = GMARK_FINAL;
	ck_assert_int_eq(grade_marks_add(m, &a, &x, 1), 0);
}

/* A marks 2 points under B throughout, then B drifts up: A harsh, B
 * lenient and drifting; agreement shares and the arbitration rate. */
START_TEST(test_markers)
{
	struct grade_marks m;
	struct mark_stats s;
	const struct mark_marker_stats *a, *b, *c;

	grade_marks_init(&m, "marks.db");
	m.twice = true;
	m.tolerance = 2;
	for (unsigned i = 0; i < 10; i++)
		add(&m, i, 5, i < 5 ? 7 : 9, i == 9 ? 6 : -1);
	ck_assert_int_eq(mark_stats_compute(&m, &s), 0);
	ck_assert_uint_eq(s.nmarkers, 3);
	a = &s.markers[0];
	b = &s.markers[1];
	c = &s.markers[2];
	ck_assert_str_eq(a->name, "A");
	ck_assert_uint_eq(a->count, 10);
	near(a->mean_share, 0.5, 1e-12);
	ck_assert_uint_eq(a->shared, 10);
	near(a->severity, -3, 1e-12);
	near(b->severity, 3, 1e-12);
	near(a->exact, 0, 1e-12);
	near(a->adjacent, 0, 1e-12);
	near(b->drift_share, 0.2, 1e-12);	/* +2 then +4 of 10 points */
	ck_assert_uint_eq(a->flags, MARK_FLAG_SEVERE | MARK_FLAG_DRIFT);
	ck_assert_uint_eq(b->flags, MARK_FLAG_LENIENT | MARK_FLAG_DRIFT);
	ck_assert_uint_eq(c->count, 1);
	ck_assert_uint_eq(c->shared, 0);
	ck_assert_uint_eq(c->flags, 0);
	ck_assert_uint_eq(s.nquestions, 1);
	ck_assert_uint_eq(s.questions[0].pairs, 10);
	ck_assert_uint_eq(s.questions[0].arbitrated, 5);	/* 4 > 2 */
	mark_stats_release(&s);
	grade_marks_release(&m);
}
END_TEST

/* The suite. */
static Suite *mark_stats_suite(void)
{
	Suite *s = suite_create("mark_stats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_f_quantile);
	tcase_add_test(tc, test_icc1);
	tcase_add_test(tc, test_markers);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(mark_stats_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
