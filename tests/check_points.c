/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_points.c - the points tolerance: sums equal on paper compare
 * equal, a real difference does not. */
#include <check.h>
#include <stdlib.h>

#include "base/points.h"

START_TEST(test_eq_sums)
{
	double sum = 0;

	for (int i = 0; i < 10; i++)
		sum += 0.1;
	ck_assert(sum != 1.0);	/* the reason for a tolerance */
	ck_assert(points_eq(sum, 1.0));
	ck_assert(points_eq(0.1 + 0.2, 0.3));
	ck_assert(points_eq(100, 100));
	ck_assert(!points_eq(99.9999, 100));
	ck_assert(!points_eq(10, 10.5));
	ck_assert(!points_eq(0.0001, 0));
}
END_TEST

START_TEST(test_halves)
{
	ck_assert(points_halves(1));
	ck_assert(points_halves(2.5));
	ck_assert(points_halves(0.1 * 3 + 0.2));
	ck_assert(!points_halves(0.25));
	ck_assert(!points_halves(1.3));
	ck_assert(!points_halves(2.4999));
}
END_TEST

START_TEST(test_div)
{
	double ten = 0;

	for (int i = 0; i < 100; i++)
		ten += 0.1;
	ck_assert(ten / 10 < 1);	/* a hair below */
	ck_assert_uint_eq(points_div(ten, 10), 1);
	ck_assert_uint_eq(points_div(ten, 1), 10);
	ck_assert_uint_eq(points_div(29.5, 10), 2);
	ck_assert_uint_eq(points_div(7.5, 1), 7);
	ck_assert_uint_eq(points_div(0, 10), 0);
}
END_TEST

/* The suite. */
static Suite *points_suite(void)
{
	Suite *s = suite_create("points");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_eq_sums);
	tcase_add_test(tc, test_halves);
	tcase_add_test(tc, test_div);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(points_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
