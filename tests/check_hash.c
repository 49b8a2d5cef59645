/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_hash.c - FNV-1a against its published value, and hash_key() as
 * the hash of a string with its terminating NUL. */
#include <check.h>
#include <stdlib.h>

#include "base/hash.h"

START_TEST(test_fnv1a_vector)
{
	/* FNV-1a 64 of "a" */
	ck_assert_uint_eq(hash_bytes(HASH_INIT, "a", 1),
			  0xaf63dc4c8601ec8cULL);
	ck_assert_uint_eq(hash_bytes(HASH_INIT, "", 0), HASH_INIT);
}
END_TEST

START_TEST(test_key_is_str_with_nul)
{
	ck_assert_uint_eq(hash_str(HASH_INIT, "a"),
			  hash_bytes(HASH_INIT, "a", 2));
	ck_assert_uint_eq(hash_key("a"), (size_t)0x089be207b544f1e4ULL);
	ck_assert_uint_eq(hash_key("q-001"),
			  (size_t)hash_bytes(HASH_INIT, "q-001", 6));
	ck_assert_uint_ne(hash_key("ab"), hash_key("ba"));
}
END_TEST

/* The suite. */
static Suite *hash_suite(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_fnv1a_vector);
	tcase_add_test(tc, test_key_is_str_with_nul);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(hash_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
