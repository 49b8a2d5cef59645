/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_array.c - array_grow(): capacity, contents kept, overflow refused. */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/array.h"

START_TEST(test_appends_keep_contents)
{
	unsigned *v = NULL;
	size_t n = 0, cap = 0;

	for (unsigned i = 0; i < 1000; i++) {
		ck_assert_int_eq(ARRAY_GROW(v, cap, n + 1), 0);
		ck_assert_uint_ge(cap, n + 1);
		v[n++] = i * 7;
	}
	for (unsigned i = 0; i < 1000; i++)
		ck_assert_uint_eq(v[i], i * 7);
	free(v);
}
END_TEST

START_TEST(test_capacity_doubles)
{
	char *v = NULL;
	size_t cap = 0, reallocs = 0, last = 0;

	ck_assert_int_eq(ARRAY_GROW(v, cap, 1), 0);
	ck_assert_uint_eq(cap, 16);
	for (size_t need = 2; need <= 100000; need++) {
		ck_assert_int_eq(ARRAY_GROW(v, cap, need), 0);
		if (cap != last)
			reallocs++;
		last = cap;
	}
	/* 16 .. 131072: 13 doublings, not one per append */
	ck_assert_uint_eq(cap, 131072);
	ck_assert_uint_le(reallocs, 14);
	free(v);
}
END_TEST

START_TEST(test_big_need_at_once)
{
	double *v = NULL;
	size_t cap = 0;

	ck_assert_int_eq(ARRAY_GROW(v, cap, 5000), 0);
	ck_assert_uint_ge(cap, 5000);
	v[4999] = 1.5;
	/* room enough: nothing moves */
	{
		double *before = v;
		size_t was = cap;

		ck_assert_int_eq(ARRAY_GROW(v, cap, 10), 0);
		ck_assert_ptr_eq(v, before);
		ck_assert_uint_eq(cap, was);
	}
	free(v);
}
END_TEST

START_TEST(test_overflow_refused)
{
	uint64_t *v = NULL;
	size_t cap = 0;

	ck_assert_int_eq(ARRAY_GROW(v, cap, 4), 0);
	v[0] = 42;
	errno = 0;
	ck_assert_int_eq(ARRAY_GROW(v, cap, SIZE_MAX / 4), -1);
	ck_assert_int_eq(errno, ENOMEM);
	/* unchanged on failure */
	ck_assert_uint_eq(cap, 16);
	ck_assert_uint_eq(v[0], 42);
	errno = 0;
	ck_assert_int_eq(array_grow(&v, &cap, SIZE_MAX, sizeof(*v)), -1);
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_uint_eq(cap, 16);
	free(v);
}
END_TEST

START_TEST(test_strcmp_sorts_and_finds)
{
	const char *v[] = { "pear", "apple", "fig", "apple2" };
	const char *key = "fig", *missing = "kiwi";

	qsort(v, 4, sizeof(*v), array_strcmp);
	ck_assert_str_eq(v[0], "apple");
	ck_assert_str_eq(v[1], "apple2");
	ck_assert_str_eq(v[3], "pear");
	ck_assert_ptr_nonnull(bsearch(&key, v, 4, sizeof(*v), array_strcmp));
	ck_assert_ptr_null(bsearch(&missing, v, 4, sizeof(*v),
				   array_strcmp));
}
END_TEST

/* The suite. */
static Suite *array_suite(void)
{
	Suite *s = suite_create("array");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_appends_keep_contents);
	tcase_add_test(tc, test_capacity_doubles);
	tcase_add_test(tc, test_big_need_at_once);
	tcase_add_test(tc, test_overflow_refused);
	tcase_add_test(tc, test_strcmp_sorts_and_finds);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(array_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
