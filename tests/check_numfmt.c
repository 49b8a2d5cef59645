/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_numfmt.c - numbers written without printf are the bytes printf
 * writes: every layout-like value, the ties, the edges and random doubles
 * compared with snprintf. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numfmt.h"
#include "base/rng.h"

/* The same bytes as snprintf's "%g". */
static void same_g(double v)
{
	char want[NUMFMT_MAX], got[NUMFMT_MAX];
	size_t len = numfmt_g(got, v);

	snprintf(want, sizeof(want), "%g", v);
	ck_assert_msg(strcmp(got, want) == 0, "%%g of %.17g: '%s', want '%s'",
		      v, got, want);
	ck_assert_uint_eq(len, strlen(want));
}

/* The same bytes as snprintf's "%.*f". */
static void same_fixed(double v, int d)
{
	char want[NUMFMT_MAX], got[NUMFMT_MAX];
	size_t len = numfmt_fixed(got, v, d);

	snprintf(want, sizeof(want), "%.*f", d, v);
	ck_assert_msg(strcmp(got, want) == 0, "%%.%df of %.17g: '%s', want "
		      "'%s'", d, v, got, want);
	ck_assert_uint_eq(len, strlen(want));
}

START_TEST(test_g_layout_values)
{
	static const double v[] = {
		0, -0.0, 1, -1, 0.5, 31.5, 2.6, 12, 210, 297, 999.999,
		999.9999999, 1000, 123456, 999999, 1e6, 0.1, 0.09999999,
		0.0005, 1e-7, 12.3456, 1234.5678, 3.14159265, 1e300, -2.5e-3,
		0.1 + 0.2, 80.0000000001, 79.9999999999, 4.4999999999,
		INFINITY, -INFINITY, NAN,
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		same_g(v[i]);
	for (int n = -300000; n <= 300000; n += 29)
		same_g(n / 1000.0);
	for (int n = 0; n <= 4000; n++)
		same_g(n * 0.25 + n * 0.1);
}
END_TEST

START_TEST(test_fixed_ties_and_edges)
{
	static const double v[] = {
		0, -0.0, 0.125, 0.375, 2.5, -2.5, 0.0005, 0.0015, -0.0001,
		1.005, 2.675, 1e9, 1e12, -1e-12, 123.4565, 8.4666666,
		INFINITY, NAN,
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		for (int d = 0; d <= 6; d++)
			same_fixed(v[i], d);
	for (int n = -200000; n <= 200000; n += 41)
		for (int d = 0; d <= 5; d++)
			same_fixed(n / 997.0, d);
}
END_TEST

START_TEST(test_random_doubles)
{
	struct rng r;

	rng_seed(&r, 20261207, 1);
	for (int i = 0; i < 30000; i++) {
		double u = (double)(rng_next(&r) >> 11) / 9007199254740992.0;
		double v = (u - 0.5) * pow(10, (double)(i % 12) - 4);

		same_g(v);
		same_g(round(v * 1000) / 1000);
		same_fixed(v, i % 7);
	}
}
END_TEST

START_TEST(test_long)
{
	static const long v[] = { 0, 1, -1, 9, 10, 123456789, -987654321,
				  2147483647L, -2147483647L - 1 };
	char want[NUMFMT_MAX], got[NUMFMT_MAX];

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		snprintf(want, sizeof(want), "%ld", v[i]);
		ck_assert_uint_eq(numfmt_long(got, v[i]), strlen(want));
		ck_assert_str_eq(got, want);
	}
}
END_TEST

/* The suite. */
static Suite *numfmt_suite(void)
{
	Suite *s = suite_create("numfmt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_g_layout_values);
	tcase_add_test(tc, test_fixed_ties_and_edges);
	tcase_add_test(tc, test_random_doubles);
	tcase_add_test(tc, test_long);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(numfmt_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
