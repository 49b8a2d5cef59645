/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_ynode.c - unit tests of the YAML node tree (src/yaml/ynode.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/ynode.h"

/* Parse text; returns the root (or NULL) and fills d. */
static struct ynode *parse(struct arena *a, struct diags *d, const char *s,
			   int *rc)
{
	struct ynode *root = NULL;

	*rc = ydoc_parse(a, "t.yaml", s, strlen(s), &root, d);
	return root;
}

/* First message text, or "". */
static const char *first_msg(const struct diags *d)
{
	return d->n ? d->v[0].msg : "";
}

START_TEST(test_positions)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;
	struct ynode *r = parse(&a, &d, "a: 1\nlist:\n  - x\n  - 'y'\n", &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->kind, YNODE_MAP);
	ck_assert_uint_eq(r->n, 2);
	struct ynode *l = ynode_get(r, "list");
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->kind, YNODE_SEQ);
	ck_assert_uint_eq(l->items[1]->line, 4);
	ck_assert_uint_eq(l->items[1]->col, 5);
	ck_assert(l->items[0]->plain);
	ck_assert(!l->items[1]->plain);
	ck_assert_str_eq(l->items[1]->str, "y");
	ck_assert_uint_eq(ynode_get(r, "a")->line, 1);
	ck_assert_uint_eq(ynode_get(r, "a")->col, 4);
	ck_assert_ptr_null(ynode_get(r, "missing"));
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_duplicate_keys_all_reported)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;
	struct ynode *r = parse(&a, &d, "a: 1\nb: 2\na: 3\nb: 4\n", &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(d.errors, 2);
	ck_assert_str_eq(d.v[0].msg,
			 "duplicate key 'a' (first at line 1, column 1)");
	ck_assert_uint_eq(d.v[0].line, 3);
	ck_assert_str_eq(d.v[1].msg,
			 "duplicate key 'b' (first at line 2, column 1)");
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_syntax_error_position)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;

	parse(&a, &d, "a: [1, 2\nb: c\n", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_uint_eq(d.v[0].line, 2);
	ck_assert_ptr_nonnull(strstr(first_msg(&d), "flow sequence"));
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_alias_shared_and_bounded)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;
	struct ynode *r = parse(&a, &d, "x: &v [1, 2]\ny: *v\n", &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_eq(ynode_get(r, "x"), ynode_get(r, "y"));
	arena_release(&a);
	diags_release(&d);

	/* billion laughs: 9 levels of 10 aliases = 10^9 nodes */
	char bomb[4096];
	size_t off = (size_t)snprintf(bomb, sizeof(bomb), "a0: &a0 [x]\n");
	for (int i = 1; i < 10; i++) {
		off += (size_t)snprintf(bomb + off, sizeof(bomb) - off,
					"a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			off += (size_t)snprintf(bomb + off, sizeof(bomb) - off,
						"%s*a%d", j ? ", " : "", i - 1);
		off += (size_t)snprintf(bomb + off, sizeof(bomb) - off, "]\n");
	}
	parse(&a, &d, bomb, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(first_msg(&d), "aliases expand"));
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_depth_bound)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	size_t n = 5000;
	char *s = malloc(2 * n + 1);
	int rc;

	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	parse(&a, &d, s, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(first_msg(&d), "nesting deeper"));
	free(s);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_invalid_utf8_and_multidoc)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;

	parse(&a, &d, "a: \xff\xfe\n", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(d.errors, 1);
	diags_release(&d);
	parse(&a, &d, "a: 1\n---\nb: 2\n", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(first_msg(&d), "more than one YAML document in the "
			 "file");
	ck_assert_uint_eq(d.v[0].line, 2);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_empty_and_null)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	int rc;
	struct ynode *r = parse(&a, &d, "", &rc);

	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_null(r);
	r = parse(&a, &d, "a: ~\nb:\nc: ''\n", &rc);
	ck_assert(ynode_is_null(ynode_get(r, "a")));
	ck_assert(ynode_is_null(ynode_get(r, "b")));
	ck_assert(!ynode_is_null(ynode_get(r, "c")));
	diags_release(&d);
	arena_release(&a);
}
END_TEST

/* The ynode suite. */
static Suite *ynode_suite(void)
{
	Suite *s = suite_create("ynode");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_duplicate_keys_all_reported);
	tcase_add_test(tc, test_syntax_error_position);
	tcase_add_test(tc, test_alias_shared_and_bounded);
	tcase_add_test(tc, test_depth_bound);
	tcase_add_test(tc, test_invalid_utf8_and_multidoc);
	tcase_add_test(tc, test_empty_and_null);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(ynode_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
