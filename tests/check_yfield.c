/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_yfield.c - field tables: the unknown-key check with its "did you
 * mean", each reader, fields left to the caller, errors per field. */
#include <check.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/yfield.h"

/* What the test table reads into. */
struct thing {
	const char *name;
	bool on;
	const char **tags;
	size_t ntags;
	const char **ids;
	size_t nids;
	int custom;
};

/* A reader of the caller's own: the length of the text. */
static int read_len(const struct ysource *src, struct arena *a,
		    const struct ynode *v, const struct yfield *f, void *obj)
{
	const char *s = yvalue_str(src, v, f->key);

	(void)a;
	if (!s)
		return -1;
	((struct thing *)obj)->custom = (int)strlen(s);
	return 0;
}

static const struct yfield fields[] = {
	{ "name", yfield_text, offsetof(struct thing, name), 0, NULL },
	{ "on", yfield_bool, offsetof(struct thing, on), 0, NULL },
	{ "tags", yfield_text_list, offsetof(struct thing, tags),
	  offsetof(struct thing, ntags), NULL },
	{ "ids", yfield_texts, offsetof(struct thing, ids),
	  offsetof(struct thing, nids), NULL },
	{ "len", read_len, 0, 0, NULL },
	{ "later", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Parse YAML text s into *root with arena a; messages into d. */
static void parse(struct arena *a, struct diags *d, const char *s,
		  struct ynode **root)
{
	ck_assert_int_eq(ydoc_parse(a, "t.yaml", s, strlen(s), root, d), 0);
	ck_assert_ptr_nonnull(*root);
}

START_TEST(test_reads_every_kind)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;
	struct thing t = { 0 };

	parse(&a, &d, "name: Ann\non: yes\ntags: [x, y]\nids: q1\n"
		      "len: abcd\nlater: {anything: 1}\n", &root);
	ck_assert_int_eq(yfield_check_keys(&src, root, fields), 0);
	ck_assert_int_eq(yfield_read(&src, &a, root, fields, &t), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(t.name, "Ann");
	ck_assert(t.on);
	ck_assert_uint_eq(t.ntags, 2);
	ck_assert_str_eq(t.tags[1], "y");
	ck_assert_uint_eq(t.nids, 1);	/* one text is a list of one */
	ck_assert_str_eq(t.ids[0], "q1");
	ck_assert_int_eq(t.custom, 4);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_absent_and_null_left_alone)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;
	struct thing t = { "kept", true, NULL, 0, NULL, 0, 7 };

	parse(&a, &d, "name: ~\n", &root);
	ck_assert_int_eq(yfield_read(&src, &a, root, fields, &t), 0);
	ck_assert_str_eq(t.name, "kept");
	ck_assert(t.on);
	ck_assert_int_eq(t.custom, 7);
	ck_assert_uint_eq(d.n, 0);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_unknown_keys)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;

	parse(&a, &d, "nmae: x\nzzzzzz: 1\nlater: 2\n", &root);
	ck_assert_int_eq(yfield_check_keys(&src, root, fields), 2);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_str_eq(d.v[0].msg, "unknown key 'nmae'; did you mean "
				     "'name'?");
	ck_assert_uint_eq(d.v[0].line, 1);
	ck_assert_str_eq(d.v[1].msg, "unknown key 'zzzzzz'");
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_each_bad_field_reported)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;
	struct thing t = { 0 };

	parse(&a, &d, "name: [a]\non: maybe\ntags: x\nlen: 3\n", &root);
	ck_assert_int_eq(yfield_read(&src, &a, root, fields, &t), -1);
	ck_assert_uint_eq(d.n, 3);	/* name, on, tags; len is fine */
	ck_assert_uint_eq(d.v[0].line, 1);
	ck_assert_uint_eq(d.v[1].line, 2);
	ck_assert_uint_eq(d.v[2].line, 3);
	ck_assert_int_eq(t.custom, 1);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

/* A table with required fields, one read by the caller's own code. */
static const struct yfield required_fields[] = {
	{ "name", yfield_text, offsetof(struct thing, name), 0,
	  "a thing needs a 'name'" },
	{ "on", yfield_bool, offsetof(struct thing, on), 0, NULL },
	{ "later", NULL, 0, 0, "a thing needs 'later'" },
	{ NULL, NULL, 0, 0, NULL }
};

START_TEST(test_required_missing)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;
	struct thing t = { 0 };

	parse(&a, &d, "\n  on: yes\n", &root);
	ck_assert_int_eq(yfield_read(&src, &a, root, required_fields, &t), -1);
	ck_assert_uint_eq(d.n, 2);	/* at the mapping, in table order */
	ck_assert_str_eq(d.v[0].msg, "a thing needs a 'name'");
	ck_assert_uint_eq(d.v[0].line, 2);
	ck_assert_uint_eq(d.v[0].col, 3);
	ck_assert_str_eq(d.v[1].msg, "a thing needs 'later'");
	ck_assert_uint_eq(d.v[1].line, 2);
	ck_assert(t.on);		/* the other fields are still read */
	ck_assert_ptr_null(t.name);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

START_TEST(test_required_present)
{
	struct arena a = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ysource src = { "t.yaml", &d };
	struct ynode *root;
	struct thing t = { 0 };

	/* present counts, even null; a bad value gets its own message */
	parse(&a, &d, "name: ~\nlater: 1\n", &root);
	ck_assert_int_eq(yfield_read(&src, &a, root, required_fields, &t), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_null(t.name);
	arena_release(&a);
	arena_init(&a);
	parse(&a, &d, "name: [x]\nlater: 1\n", &root);
	ck_assert_int_eq(yfield_read(&src, &a, root, required_fields, &t), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert(strstr(d.v[0].msg, "needs") == NULL);
	diags_release(&d);
	arena_release(&a);
}
END_TEST

/* The suite. */
static Suite *yfield_suite(void)
{
	Suite *s = suite_create("yfield");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_reads_every_kind);
	tcase_add_test(tc, test_absent_and_null_left_alone);
	tcase_add_test(tc, test_unknown_keys);
	tcase_add_test(tc, test_each_bad_field_reported);
	tcase_add_test(tc, test_required_missing);
	tcase_add_test(tc, test_required_present);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(yfield_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
