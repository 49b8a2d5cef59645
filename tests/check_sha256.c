/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_sha256.c - SHA-256 against the FIPS 180-4 / NIST example vectors. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"

/* Hex digest of a whole buffer in one update. */
static void digest_of(const void *data, size_t len, char out[65])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_hex(&s, out);
}

START_TEST(test_empty)
{
	char hex[65];

	digest_of("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb924"
			      "27ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(test_abc)
{
	char hex[65];

	digest_of("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223"
			      "b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(test_448_bits)
{
	static const char msg[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65];

	ck_assert_uint_eq(strlen(msg), 56);
	digest_of(msg, strlen(msg), hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039"
			      "a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(test_896_bits)
{
	static const char msg[] =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	char hex[65];

	digest_of(msg, strlen(msg), hex);
	ck_assert_str_eq(hex, "cf5b16a778af8380036ce59e7b049237"
			      "0b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(test_million_a)
{
	const size_t n = 1000000;
	char *buf = malloc(n);
	char hex[65];
	struct sha256 s;

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'a', n);
	digest_of(buf, n, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
			      "f1809a48a497200e046d39ccc7112cd0");
	/* the same in odd-sized pieces */
	sha256_init(&s);
	for (size_t off = 0; off < n;) {
		size_t take = n - off < 997 ? n - off : 997;

		sha256_update(&s, buf + off, take);
		off += take;
	}
	sha256_hex(&s, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
			      "f1809a48a497200e046d39ccc7112cd0");
	free(buf);
}
END_TEST

START_TEST(test_incremental_boundaries)
{
	unsigned char msg[200];
	char whole[65], parts[65];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)(i * 31 + 7);
	/* every length around the 55/56/64-byte padding edges, and every
	 * split point, must agree with the one-shot digest */
	for (size_t len = 0; len <= sizeof(msg); len++) {
		digest_of(msg, len, whole);
		for (size_t cut = 0; cut <= len; cut += (len < 130 ? 1 : 17)) {
			struct sha256 s;

			sha256_init(&s);
			sha256_update(&s, msg, cut);
			sha256_update(&s, msg + cut, 0);
			sha256_update(&s, msg + cut, len - cut);
			sha256_hex(&s, parts);
			ck_assert_str_eq(parts, whole);
		}
	}
	/* byte by byte across two block boundaries */
	{
		struct sha256 s;

		sha256_init(&s);
		for (size_t i = 0; i < 130; i++)
			sha256_update(&s, msg + i, 1);
		sha256_hex(&s, parts);
		digest_of(msg, 130, whole);
		ck_assert_str_eq(parts, whole);
	}
}
END_TEST

START_TEST(test_raw_matches_hex)
{
	struct sha256 s;
	unsigned char raw[32];

	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_final(&s, raw);
	ck_assert_uint_eq(raw[0], 0xba);
	ck_assert_uint_eq(raw[31], 0xad);
}
END_TEST

/* The sha256 suite. */
static Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_abc);
	tcase_add_test(tc, test_448_bits);
	tcase_add_test(tc, test_896_bits);
	tcase_add_test(tc, test_million_a);
	tcase_add_test(tc, test_incremental_boundaries);
	tcase_add_test(tc, test_raw_matches_hex);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(sha256_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
