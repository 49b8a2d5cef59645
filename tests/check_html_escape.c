/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_html_escape.c - html_escape(): every special character, nothing
 * else touched, the length honoured. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/html-escape.h"

/* html_escape() of the first len bytes of s, as a malloc'd string. */
static char *escaped(const char *s, size_t len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(fp);
	html_escape(fp, s, len);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

START_TEST(test_specials)
{
	const char *s = "a<b>&\"c\"'d'\r\n";
	char *e = escaped(s, strlen(s));

	ck_assert_str_eq(e, "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\n");
	free(e);
}
END_TEST

START_TEST(test_plain_and_utf8_untouched)
{
	const char *s = "客服经理 — 试卷 A";
	char *e = escaped(s, strlen(s));

	ck_assert_str_eq(e, s);
	free(e);
}
END_TEST

START_TEST(test_length_honoured)
{
	char *e = escaped("x&y<z", 3);

	ck_assert_str_eq(e, "x&amp;y");
	free(e);
	e = escaped("", 0);
	ck_assert_str_eq(e, "");
	free(e);
}
END_TEST

/* The suite. */
static Suite *html_escape_suite(void)
{
	Suite *s = suite_create("html_escape");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_specials);
	tcase_add_test(tc, test_plain_and_utf8_untouched);
	tcase_add_test(tc, test_length_honoured);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(html_escape_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
