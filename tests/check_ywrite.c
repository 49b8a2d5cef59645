/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_ywrite.c - ywrite_quoted(): the exact bytes, and every string read
 * back by libyaml as it was written. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "yaml/ywrite.h"

/* ywrite_quoted(s) as a malloc'd string. */
static char *quoted(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(fp);
	ywrite_quoted(fp, s);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* The scalar libyaml reads from YAML text y, malloc'd. */
static char *read_back(const char *y)
{
	yaml_parser_t p;
	yaml_event_t e;
	char *v = NULL;

	ck_assert(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)y, strlen(y));
	do {
		ck_assert_msg(yaml_parser_parse(&p, &e), "cannot parse %s", y);
		if (e.type == YAML_SCALAR_EVENT && !v)
			v = strndup((const char *)e.data.scalar.value,
				    e.data.scalar.length);
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		yaml_event_delete(&e);
	} while (1);
	yaml_parser_delete(&p);
	ck_assert_ptr_nonnull(v);
	return v;
}

START_TEST(test_bytes)
{
	char *q = quoted("a\"b\\c\nd\te\x01\x7f 中");

	ck_assert_str_eq(q, "\"a\\\"b\\\\c\\nd\\te\\x01\\x7f 中\"");
	free(q);
	q = quoted(NULL);
	ck_assert_str_eq(q, "\"\"");
	free(q);
}
END_TEST

START_TEST(test_round_trip)
{
	static const char *const v[] = {
		"", "plain", "yes", "N", "- dash", "a: b", "# hash", "'single'",
		"\"double\"", "back\\slash", "two\nlines", "tab\there",
		"bell\x07", "del\x7f", "  spaces  ", "客服经理（A卷）",
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		char *q = quoted(v[i]), *back = read_back(q);

		ck_assert_str_eq(back, v[i]);
		free(back);
		free(q);
	}
}
END_TEST

/* The suite. */
static Suite *ywrite_suite(void)
{
	Suite *s = suite_create("ywrite");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(ywrite_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
