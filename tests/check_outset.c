/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_outset.c - a build's files written as a set: a new folder, a
 * replaced set that keeps the user's files, a refused clash, a staging
 * folder left by a killed run cleaned without losing anything. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/outset.h"
#include "lib/tmptree.h"

static char tmpdir[TMPTREE_MAX];

/* A fresh folder for each test. */
static void setup(void)
{
	tmptree_make(tmpdir, "check_outset");
}

/* Remove the test folder. */
static void teardown(void)
{
	tmptree_remove(tmpdir);
}

/* tmpdir/rel (static buffer, one at a time). */
static const char *tp(const char *rel)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, rel);
	return buf;
}

/* Create file rel of the test folder with the given content. */
static void put(const char *rel, const char *content)
{
	tmptree_put(tp(rel), content);
}

/* The entries of folder rel, sorted, joined by spaces. */
static char *listing(const char *rel)
{
	static char buf[1024];
	char **v;
	size_t n;
	DIR *d = opendir(tp(rel));
	struct dirent *e;

	buf[0] = '\0';
	ck_assert_ptr_nonnull(d);
	v = calloc(64, sizeof(*v));
	n = 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    n < 64)
			v[n++] = strdup(e->d_name);
	closedir(d);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(v[j], v[i]) < 0) {
				char *t = v[i];

				v[i] = v[j];
				v[j] = t;
			}
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, v[i]);
		free(v[i]);
	}
	free(v);
	return buf;
}

/* Write a set of files (each holding its own name plus tag) to out. */
static enum outset_err write_set(const char *const *rels, size_t n,
				 const char *tag, bool force,
				 const char **clash_copy)
{
	struct outset s;
	const char *clash;
	enum outset_err e;

	outset_init(&s);
	ck_assert_int_eq(outset_open(&s, tp("out"), "P"), OUTSET_OK);
	for (size_t i = 0; i < n; i++) {
		FILE *fp = outset_create(&s, rels[i]);

		ck_assert_ptr_nonnull(fp);
		fprintf(fp, "%s %s\n", rels[i], tag);
		ck_assert_int_eq(outset_close(fp), 0);
	}
	e = outset_commit(&s, force, &clash);
	if (clash_copy)
		*clash_copy = clash ? strdup(clash) : NULL;
	outset_release(&s);
	return e;
}

START_TEST(test_new_folder)
{
	static const char *const rels[] = { "P-A.key.yaml", "sheets/1.yaml" };

	ck_assert_int_eq(write_set(rels, 2, "one", false, NULL), OUTSET_OK);
	ck_assert_str_eq(listing(""), "out");
	ck_assert_str_eq(listing("out"), ".examgen-set-P P-A.key.yaml sheets");
	ck_assert_str_eq(listing("out/sheets"), "1.yaml");
}
END_TEST

START_TEST(test_replace_keeps_user_files)
{
	static const char *const old[] = { "P-A.key.yaml", "P-B.key.yaml",
					   "sheets/1.yaml" };
	static const char *const new[] = { "P-A.key.yaml" };
	struct stat before, after;
	char buf[64] = "";
	FILE *fp;

	ck_assert_int_eq(write_set(old, 3, "old", false, NULL), OUTSET_OK);
	put("out/notes.txt", "mine\n");
	put("out/sheets/typed.csv", "mine too\n");
	ck_assert_int_eq(stat(tp("out/notes.txt"), &before), 0);
	ck_assert_int_eq(write_set(new, 1, "new", true, NULL), OUTSET_OK);
	/* the old set's B form and roster sheet are gone, the user's stay */
	ck_assert_str_eq(listing("out"),
			 ".examgen-set-P P-A.key.yaml notes.txt sheets");
	ck_assert_str_eq(listing("out/sheets"), "typed.csv");
	ck_assert_int_eq(stat(tp("out/notes.txt"), &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	fp = fopen(tp("out/P-A.key.yaml"), "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	ck_assert_str_eq(buf, "P-A.key.yaml new\n");
	ck_assert_str_eq(listing(""), "out");
}
END_TEST

START_TEST(test_clash_refused)
{
	static const char *const rels[] = { "P-A.key.yaml" };
	const char *clash = NULL;

	ck_assert_int_eq(mkdir(tp("out"), 0777), 0);
	put("out/P-A.key.yaml", "theirs\n");
	ck_assert_int_eq(write_set(rels, 1, "ours", false, &clash),
			 OUTSET_EXISTS);
	ck_assert_str_eq(clash, "P-A.key.yaml");
	free((char *)clash);
	ck_assert_str_eq(listing(""), "out");
	ck_assert_str_eq(listing("out"), "P-A.key.yaml");
}
END_TEST

START_TEST(test_stale_cleaned)
{
	static const char *const rels[] = { "P-A.key.yaml" };

	/* a killed run's staging folder: one file of its set (listed), a
	 * link to a file that is in the folder, and a file nobody listed */
	ck_assert_int_eq(mkdir(tp("out"), 0777), 0);
	put("out/notes.txt", "mine\n");
	ck_assert_int_eq(mkdir(tp(".out.examgen-AbC123"), 0700), 0);
	put(".out.examgen-AbC123/.examgen-set-P", "P-B.key.yaml\n");
	put(".out.examgen-AbC123/P-B.key.yaml", "half\n");
	put(".out.examgen-AbC123/notes.txt", "mine\n");
	put(".out.examgen-AbC123/lost.txt", "only copy\n");
	/* and a folder that only looks alike: not ours, untouched */
	ck_assert_int_eq(mkdir(tp(".out.examgen-toolong"), 0700), 0);
	ck_assert_int_eq(write_set(rels, 1, "new", false, NULL), OUTSET_OK);
	ck_assert_str_eq(listing(""), ".out.examgen-toolong out");
	ck_assert_str_eq(listing("out"),
			 ".examgen-set-P P-A.key.yaml lost.txt notes.txt");
}
END_TEST

START_TEST(test_release_unfinished)
{
	struct outset s;
	FILE *fp;

	outset_init(&s);
	ck_assert_int_eq(outset_open(&s, tp("out"), "P"), OUTSET_OK);
	fp = outset_create(&s, "sheets/1.yaml");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(outset_close(fp), 0);
	outset_release(&s);
	ck_assert_str_eq(listing(""), "");
}
END_TEST

/* The suite. */
static Suite *outset_suite(void)
{
	Suite *s = suite_create("outset");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_folder);
	tcase_add_test(tc, test_replace_keeps_user_files);
	tcase_add_test(tc, test_clash_refused);
	tcase_add_test(tc, test_stale_cleaned);
	tcase_add_test(tc, test_release_unfinished);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(outset_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
