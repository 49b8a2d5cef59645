/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_utf8.c - the UTF-8 decoder (valid forms only) and the display
 * width (East Asian Wide and Fullwidth 2, Ambiguous 1). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* Decode all of s (NUL-terminated); the code point and its length. */
static uint32_t dec(const char *s, size_t *n)
{
	return utf8_decode(s, strlen(s), n);
}

START_TEST(test_decode_valid)
{
	size_t n;

	ck_assert_uint_eq(dec("A", &n), 'A');
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(dec("\xC3\xA9", &n), 0xE9);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(dec("中", &n), 0x4E2D);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(dec("\xF0\x9F\x98\x80", &n), 0x1F600);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(dec("\xF4\x8F\xBF\xBF", &n), 0x10FFFF);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(utf8_decode("", 1, &n), 0);	/* the NUL itself */
	ck_assert_uint_eq(n, 1);
}
END_TEST

START_TEST(test_decode_invalid)
{
	static const char *const bad[] = {
		"\x80",			/* continuation alone */
		"\xC0\x80",		/* overlong NUL */
		"\xC1\xBF",		/* overlong */
		"\xE0\x9F\xBF",		/* overlong 3-byte */
		"\xED\xA0\x80",		/* surrogate */
		"\xF0\x8F\xBF\xBF",	/* overlong 4-byte */
		"\xF4\x90\x80\x80",	/* above U+10FFFF */
		"\xF5\x80\x80\x80",
		"\xFF",
		"\xE4\xB8",		/* cut short by the NUL */
		"\xE4\x41\x41",		/* not a continuation */
	};
	size_t n;

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		n = 9;
		ck_assert_uint_eq(dec(bad[i], &n), UTF8_BAD);
		ck_assert_uint_eq(n, 1);
	}
	/* cut short by the length, not a NUL */
	ck_assert_uint_eq(utf8_decode("中", 2, &n), UTF8_BAD);
	ck_assert_uint_eq(n, 1);
	/* NUL-terminated text with no length */
	ck_assert_uint_eq(utf8_decode("\xE4\xB8", SIZE_MAX, &n), UTF8_BAD);
	ck_assert_uint_eq(utf8_decode("中", SIZE_MAX, &n), 0x4E2D);
}
END_TEST

START_TEST(test_width_rule)
{
	ck_assert_uint_eq(utf8_cp_width('a'), 1);
	ck_assert_uint_eq(utf8_cp_width(0x4E2D), 2);	/* 中 */
	ck_assert_uint_eq(utf8_cp_width(0x3002), 2);	/* 。 */
	ck_assert_uint_eq(utf8_cp_width(0xFF0C), 2);	/* ， */
	ck_assert_uint_eq(utf8_cp_width(0xAC00), 2);	/* 가 */
	ck_assert_uint_eq(utf8_cp_width(0x1F600), 2);	/* emoji */
	ck_assert_uint_eq(utf8_cp_width(0x20000), 2);	/* plane 2 */
	/* East Asian Ambiguous: narrow */
	ck_assert_uint_eq(utf8_cp_width(0x2026), 1);	/* … */
	ck_assert_uint_eq(utf8_cp_width(0x2014), 1);	/* — */
	ck_assert_uint_eq(utf8_cp_width(0x201C), 1);	/* “ */
	ck_assert_uint_eq(utf8_cp_width(0x25CB), 1);	/* ○ */
	ck_assert_uint_eq(utf8_cp_width(0xD7), 1);	/* × */
	/* Neutral and half-width */
	ck_assert_uint_eq(utf8_cp_width(0x1000), 1);	/* Myanmar */
	ck_assert_uint_eq(utf8_cp_width(0xFF61), 1);	/* ｡ */
	ck_assert_uint_eq(utf8_cp_width(UTF8_BAD), 1);
}
END_TEST

START_TEST(test_width_of_text)
{
	const char *s = "题号 No.……——";

	ck_assert_uint_eq(utf8_width(s, strlen(s)), 4 + 1 + 3 + 4);
	ck_assert_uint_eq(utf8_width("ab\xFF" "c", 4), 4);
	ck_assert_uint_eq(utf8_width("", 0), 0);
}
END_TEST

START_TEST(test_count_and_position)
{
	const char *s = "ab\n中文x\ny";
	unsigned line, col;

	ck_assert_uint_eq(utf8_count(s, strlen(s)), 8);
	ck_assert_uint_eq(utf8_count("中", 2), 1);	/* a cut character */
	utf8_position(s, 0, &line, &col);
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(col, 1);
	utf8_position(s, 2, &line, &col);	/* at the first line feed */
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(col, 3);
	utf8_position(s, 9, &line, &col);	/* at 'x' */
	ck_assert_uint_eq(line, 2);
	ck_assert_uint_eq(col, 3);
	utf8_position(s, strlen(s), &line, &col);	/* after 'y' */
	ck_assert_uint_eq(line, 3);
	ck_assert_uint_eq(col, 2);
}
END_TEST

START_TEST(test_trim_end)
{
	ck_assert_uint_eq(utf8_trim_end("ab \t\r\n", 6), 2);
	ck_assert_uint_eq(utf8_trim_end(" a b ", 5), 4);
	ck_assert_uint_eq(utf8_trim_end("  ", 2), 0);
	ck_assert_uint_eq(utf8_trim_end("中\n", 4), 3);
	ck_assert_uint_eq(utf8_trim_end("x\xE3\x80\x80", 4), 4);
	ck_assert_uint_eq(utf8_trim_end("", 0), 0);
}
END_TEST

/* The suite. */
static Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_decode_valid);
	tcase_add_test(tc, test_decode_invalid);
	tcase_add_test(tc, test_width_rule);
	tcase_add_test(tc, test_width_of_text);
	tcase_add_test(tc, test_count_and_position);
	tcase_add_test(tc, test_trim_end);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(utf8_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
