/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_keyset.c - the keys of a build (paper/keyset): a key found by paper
 * and form, the only paper when a sheet names none, one list of section
 * titles over all keys, and a second key for one paper and form refused. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "paper/keyset.h"
#include "lib/tmptree.h"

/* A key of paper P, form F, with sections S1 and S2 (a one-line YAML
 * key, as build writes them). */
static void put_key(const char *dir, const char *name, const char *paper,
		    const char *form, const char *s1, const char *s2)
{
	char path[TMPTREE_MAX + 64], text[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(text, sizeof(text),
		 "paper: %s\nform: %s\ntitle: \"T\"\nlanguage: en\n"
		 "total: 2\npass: 1\nsections:\n"
		 "  - {title: \"%s\", questions: [1], points: 1}\n"
		 "  - {title: \"%s\", questions: [2], points: 1}\n"
		 "questions:\n"
		 "  - {no: 1, id: a, type: true_false, points: 1, answer: T}\n"
		 "  - {no: 2, id: b, type: true_false, points: 1, answer: F}\n",
		 paper, form, s1, s2);
	tmptree_put(path, text);
}

START_TEST(test_find_and_columns)
{
	char dir[TMPTREE_MAX];
	struct keyset ks;
	struct diags d = DIAGS_INIT;
	const struct key *a, *b;

	tmptree_make(dir, "check_keyset");
	put_key(dir, "P-A.key.yaml", "P", "A", "Choice", "Written");
	put_key(dir, "P-B.key.yaml", "P", "B", "Written", "Oral");
	keyset_init(&ks);
	ck_assert_int_eq(keyset_add(&ks, dir, &d), 0);
	ck_assert_uint_eq(ks.nkeys, 2);
	ck_assert_str_eq(ks.one_paper, "P");
	a = keyset_find(&ks, "P", "A");
	b = keyset_find(&ks, NULL, "b");	/* the only paper; any case */
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->form, "B");
	ck_assert_ptr_null(keyset_find(&ks, "Q", "A"));
	ck_assert_ptr_null(keyset_find(&ks, "P", NULL));
	/* one list of titles, first seen first */
	ck_assert_uint_eq(ks.nsection_titles, 3);
	ck_assert_uint_eq(keyset_section_column(&ks, a, 0), 0);
	ck_assert_uint_eq(keyset_section_column(&ks, a, 1), 1);
	ck_assert_uint_eq(keyset_section_column(&ks, b, 0), 1);
	ck_assert_uint_eq(keyset_section_column(&ks, b, 1), 2);
	ck_assert_str_eq(ks.section_titles[2], "Oral");
	keyset_release(&ks);
	diags_release(&d);
	tmptree_remove(dir);
}
END_TEST

START_TEST(test_second_key_refused)
{
	char dir[TMPTREE_MAX], path[TMPTREE_MAX + 32];
	struct keyset ks;
	struct diags d = DIAGS_INIT;

	tmptree_make(dir, "check_keyset");
	put_key(dir, "one.key.yaml", "P", "A", "S", "T");
	put_key(dir, "two.key.yaml", "Q", "A", "S", "T");
	keyset_init(&ks);
	ck_assert_int_eq(keyset_add(&ks, dir, &d), 0);
	ck_assert_ptr_null(ks.one_paper);	/* two papers: none implied */
	ck_assert_ptr_null(keyset_find(&ks, NULL, "A"));
	snprintf(path, sizeof(path), "%s/one.key.yaml", dir);
	ck_assert_int_eq(keyset_add(&ks, path, &d), -1);
	ck_assert_uint_eq(ks.nkeys, 2);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "second key for paper 'P' "
				     "form 'A'"));
	keyset_release(&ks);
	diags_release(&d);
	tmptree_remove(dir);
}
END_TEST

/* The suite. */
static Suite *keyset_suite(void)
{
	Suite *s = suite_create("keyset");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find_and_columns);
	tcase_add_test(tc, test_second_key_refused);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(keyset_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
