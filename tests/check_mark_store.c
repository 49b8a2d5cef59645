/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_mark_store.c - the marks store (src/mark/mark-store.c): answers
 * imported once however often, every bad manifest row reported, answers
 * dealt to two different markers in each one's own order, marks refused
 * that the page would refuse, the arbiter's queue, and every mark still
 * there after the store is closed and opened again. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tmptree.h"
#include "mark/mark-store.h"

static const char key_text[] =
	"paper: P\n"
	"build: \"0123456789ab\"\n"
	"form: A\n"
	"total: 11\n"
	"pass: 6\n"
	"marking: {double: true, tolerance: 2, final: mean}\n"
	"sections:\n"
	"  - {title: S, questions: [1, 2], points: 11}\n"
	"questions:\n"
	"  - {number: 1, id: tf, type: true_false, points: 1, answer: T}\n"
	"  - {number: 2, id: essay, type: essay, points: 10,\n"
	"     rubric: [{criterion: x, points: 6}, {criterion: y, points: 4}],"
	"\n     stem: \"Why?\"}\n";

static const char header[] =
	"paper,build,form,candidate_id,name,question,part,page,file,blank\n";

/* Create file path and the folders it needs. */
static void put(const char *path, const char *content)
{
	char *dir = fileio_dirname(path);

	ck_assert_int_eq(fileio_mkdirs(dir), 0);
	free(dir);
	tmptree_put(path, content);
}

struct fixture {
	char dir[TMPTREE_MAX];
	char *answers, *store, *keypath;
	struct key *key;
	struct mark_store s;
	struct diags d;
};

/* An answers folder of n candidates (the last one blank), a key and an
 * open store. */
static void setup(struct fixture *f, unsigned n)
{
	char *csv = NULL, path[256];
	size_t len = 0;
	FILE *fp = open_memstream(&csv, &len);

	memset(f, 0, sizeof(*f));
	diags_init(&f->d);
	tmptree_make(f->dir, "check_mark_store");
	f->answers = fileio_join(f->dir, "ans");
	f->store = fileio_join(f->dir, "marks.db");
	f->keypath = fileio_join(f->dir, "P-A.key.yaml");
	tmptree_put(f->keypath, key_text);
	fputs(header, fp);
	for (unsigned i = 1; i <= n; i++) {
		snprintf(path, sizeof(path), "%s/P/0123456789ab/c%u/q2-1.png",
			 f->answers, i);
		put(path, "png");
		fprintf(fp, "P,0123456789ab,A,c%u,名%u,2,1,2,"
			"P/0123456789ab/c%u/q2-1.png,%d\n", i, i, i, i == n);
	}
	fclose(fp);
	snprintf(path, sizeof(path), "%s/answers.csv", f->answers);
	put(path, csv);
	free(csv);
	f->key = key_load(f->keypath, &f->d);
	ck_assert_ptr_nonnull(f->key);
	ck_assert_int_eq(mark_store_open(&f->s, f->store, &f->d), 0);
}

/* Close and remove what setup made. */
static void teardown(struct fixture *f)
{
	mark_store_close(&f->s);
	key_free(f->key);
	diags_release(&f->d);
	tmptree_remove(f->dir);
	free(f->answers);
	free(f->store);
	free(f->keypath);
}

/* Count rows of a table. */
static int count(struct fixture *f, const char *table)
{
	char sql[64];
	sqlite3_stmt *st;
	int n;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	ck_assert_int_eq(sqlite3_prepare_v2(f->s.db, sql, -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

START_TEST(test_import_idempotent)
{
	struct fixture f;
	size_t added = 0;
	struct mark_answer a;

	setup(&f, 3);
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), 0);
	ck_assert_uint_eq(added, 3);
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), 0);
	ck_assert_uint_eq(added, 3);		/* nothing new */
	ck_assert_int_eq(count(&f, "answers"), 3);
	ck_assert_int_eq(count(&f, "parts"), 3);
	ck_assert_int_eq(mark_store_answer(&f.s, 3, &a), 1);
	ck_assert(a.blank);
	ck_assert_str_eq(a.candidate, "c3");
	ck_assert_str_eq(a.qid, "essay");
	ck_assert_uint_eq(a.question, 2);
	ck_assert_uint_eq(a.nparts, 1);
	ck_assert_ptr_nonnull(strstr(a.files[0], "/ans/P/0123456789ab/c3/"));
	mark_store_answer_release(&a);
	ck_assert_int_eq(mark_store_answer(&f.s, 1, &a), 1);
	ck_assert(!a.blank);
	mark_store_answer_release(&a);
	ck_assert_int_eq(mark_store_answer(&f.s, 99, &a), 0);
	teardown(&f);
}
END_TEST

/* Every bad row is reported at its line; nothing is imported. */
START_TEST(test_import_bad_rows)
{
	struct fixture f;
	char path[256];
	size_t added = 0;
	char *all = NULL;
	size_t len = 0;
	FILE *fp;

	setup(&f, 1);
	snprintf(path, sizeof(path), "%s/secret.txt", f.dir);
	tmptree_put(path, "secret");
	snprintf(path, sizeof(path), "%s/answers.csv", f.answers);
	tmptree_put(path, "paper,build,form,candidate_id,name,question,part,"
		    "page,file,blank\n"
		    "P,0123456789ab,A,c1,n,2,1,2,../secret.txt,0\n"
		    "P,0123456789ab,A,c1,n,1,1,2,P/0123456789ab/c1/q2-1.png,0\n"
		    "Q,0123456789ab,A,c1,n,2,1,2,P/0123456789ab/c1/q2-1.png,0\n"
		    "P,0123456789ab,A,c1,n,2,1,2,P/0123456789ab/c1/q2-1.png,2\n"
		    "P,0123456789ab,A,c1,n,2,1,2,/etc/passwd,0\n");
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), -1);
	ck_assert_uint_eq(added, 0);
	ck_assert_int_eq(count(&f, "answers"), 0);
	fp = open_memstream(&all, &len);
	for (size_t i = 0; i < f.d.n; i++) {
		char *m = diag_format(&f.d.v[i]);

		fprintf(fp, "%s\n", strstr(m, "answers.csv"));
		free(m);
	}
	fclose(fp);
	ck_assert_uint_eq(f.d.errors, 5);
	ck_assert_ptr_nonnull(strstr(all, "answers.csv:2:9: error: crop "
				     "'../secret.txt' is missing or outside "
				     "the answers folder"));
	ck_assert_ptr_nonnull(strstr(all, "answers.csv:3:6: error: question "
				     "'1' is not a written question"));
	ck_assert_ptr_nonnull(strstr(all, "answers.csv:4:1: error: no key "
				     "loaded for paper 'Q'"));
	ck_assert_ptr_nonnull(strstr(all, "answers.csv:5:10: error: 'blank' "
				     "must be 0 or 1, not '2'"));
	ck_assert_ptr_nonnull(strstr(all, "answers.csv:6:9: error: crop "
				     "'/etc/passwd'"));
	free(all);
	teardown(&f);
}
END_TEST

/* Each written answer goes to two different markers, never three; a
 * marker gets their unmarked answer again; blank answers go to no one. */
START_TEST(test_double_dealing)
{
	struct fixture f;
	struct mark_marker a, b, c, a2;
	size_t added = 0;
	long long id, first;
	unsigned seen[8] = { 0 };

	setup(&f, 5);				/* 4 written, 1 blank */
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), 0);
	ck_assert_int_eq(mark_store_marker(&f.s, "甲", MARK_ROLE_MARKER, true,
					   &a), 1);
	ck_assert_int_eq(mark_store_marker(&f.s, "乙", MARK_ROLE_MARKER, true,
					   &b), 1);
	ck_assert_int_eq(mark_store_marker(&f.s, "丙", MARK_ROLE_MARKER, true,
					   &c), 1);
	ck_assert_uint_eq(strlen(a.token), MARK_TOKEN_LEN);
	ck_assert_str_ne(a.token, b.token);
	ck_assert_int_eq(mark_store_marker_by_token(&f.s, b.token, &a2), 1);
	ck_assert_str_eq(a2.name, "乙");
	ck_assert_int_eq(mark_store_marker_by_token(&f.s, "nope", &a2), 0);
	/* an existing marker keeps role and token */
	ck_assert_int_eq(mark_store_marker(&f.s, "甲", MARK_ROLE_ARBITER, true,
					   &a2), 1);
	ck_assert_int_eq(a2.role, MARK_ROLE_MARKER);
	ck_assert_str_eq(a2.token, a.token);
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, false,
					 &first), 1);
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, false,
					 &id), 1);
	ck_assert_int_eq(id, first);		/* held until marked */
	for (int i = 0; i < 4; i++) {
		const double sc[2] = { 3, 2 };
		const double pts[2] = { 6, 4 };

		ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2,
						 false, &id), 1);
		seen[id]++;
		ck_assert_int_eq(mark_store_save(&f.s, &a, id, sc, 2, pts,
						 &f.key->marking), MARK_OK);
		ck_assert_int_eq(mark_store_next(&f.s, &b, "P", "essay", 2,
						 false, &id), 1);
		seen[id]++;
		ck_assert_int_eq(mark_store_save(&f.s, &b, id, sc, 2, pts,
						 &f.key->marking), MARK_OK);
	}
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, false,
					 &id), 0);
	ck_assert_int_eq(mark_store_next(&f.s, &c, "P", "essay", 2, false,
					 &id), 0);
	for (int i = 1; i <= 4; i++)
		ck_assert_uint_eq(seen[i], 2);
	ck_assert_uint_eq(seen[5], 0);
	ck_assert_int_eq(count(&f, "marks"), 8);
	teardown(&f);
}
END_TEST

/* What the page would refuse, the store refuses. */
START_TEST(test_refusals)
{
	struct fixture f;
	struct mark_marker a, b;
	size_t added = 0;
	long long id;
	const double pts[2] = { 6, 4 };
	const double over[2] = { 6.5, 0 }, odd[2] = { 1.25, 0 },
		     neg[2] = { -1, 0 }, ok[2] = { 6, 4 };

	setup(&f, 2);
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), 0);
	mark_store_marker(&f.s, "a", MARK_ROLE_MARKER, true, &a);
	mark_store_marker(&f.s, "b", MARK_ROLE_MARKER, true, &b);
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, false,
					 &id), 1);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, over, 2, pts, NULL),
			 MARK_BAD_SCORES);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, odd, 2, pts, NULL),
			 MARK_BAD_SCORES);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, neg, 2, pts, NULL),
			 MARK_BAD_SCORES);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, ok, 0, pts, NULL),
			 MARK_BAD_SCORES);
	ck_assert_int_eq(mark_store_save(&f.s, &b, id, ok, 2, pts, NULL),
			 MARK_NOT_ASSIGNED);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id + 1, ok, 2, pts, NULL),
			 MARK_NOT_ASSIGNED);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, ok, 2, pts, NULL),
			 MARK_OK);
	ck_assert_int_eq(mark_store_save(&f.s, &a, id, ok, 2, pts, NULL),
			 MARK_ALREADY);
	ck_assert_int_eq(count(&f, "marks"), 1);
	teardown(&f);
}
END_TEST

struct collected {
	unsigned answers, marks, final;
	double total;
	const struct marking *rule;
};

/* Collect what mark_store_each hands over. */
static int collect(const struct mark_answer *a, const struct mark_given *g,
		   size_t n, void *ctx)
{
	struct collected *c = ctx;
	double m[3][MARK_MAX_CRITERIA];
	struct mark_outcome o;

	(void)a;
	c->answers++;
	c->marks += (unsigned)n;
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(g[i].slot, i + 1);
		memcpy(m[i], g[i].scores, sizeof(m[i]));
	}
	mark_rule_final(c->rule, 2, (const double (*)[MARK_MAX_CRITERIA])m, n,
			&o);
	if (o.state == MARK_FINAL) {
		c->final++;
		c->total += o.total;
	}
	return 0;
}

/* Marks over the tolerance go to the arbiter, whose mark settles them;
 * everything is still there after closing and opening the store. */
START_TEST(test_arbitration_and_reopen)
{
	struct fixture f;
	struct mark_marker a, b, arb;
	struct mark_progress p;
	struct collected c = { 0 };
	size_t added = 0;
	long long id, id2;
	const double pts[2] = { 6, 4 };
	const double low[2] = { 1, 1 }, high[2] = { 6, 3 }, mid[2] = { 5, 2 };

	setup(&f, 2);				/* 1 written, 1 blank */
	c.rule = &f.key->marking;
	ck_assert_int_eq(mark_store_import(&f.s, f.answers, &f.key, 1, &added,
					   &f.d), 0);
	mark_store_marker(&f.s, "a", MARK_ROLE_MARKER, true, &a);
	mark_store_marker(&f.s, "b", MARK_ROLE_MARKER, true, &b);
	mark_store_marker(&f.s, "arb", MARK_ROLE_ARBITER, true, &arb);
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, false,
					 &id), 1);
	ck_assert_int_eq(mark_store_next(&f.s, &b, "P", "essay", 2, false,
					 &id2), 1);
	ck_assert_int_eq(id, id2);
	ck_assert_int_eq(mark_store_next(&f.s, &arb, "P", "essay", 2, true,
					 &id2), 0);
	mark_store_save(&f.s, &a, id, low, 2, pts, c.rule);	/* 2 */
	mark_store_save(&f.s, &b, id, high, 2, pts, c.rule);	/* 9 */
	mark_store_progress(&f.s, &a, "P", "essay", &p);
	ck_assert_uint_eq(p.answers, 1);
	ck_assert_uint_eq(p.mine, 1);
	ck_assert_uint_eq(p.marks, 2);
	ck_assert_uint_eq(p.arbitrate, 1);
	ck_assert_uint_eq(p.final, 0);
	/* a first marker cannot arbitrate their own answer */
	ck_assert_int_eq(mark_store_next(&f.s, &a, "P", "essay", 2, true,
					 &id2), 0);
	ck_assert_int_eq(mark_store_next(&f.s, &arb, "P", "essay", 2, true,
					 &id2), 1);
	ck_assert_int_eq(id2, id);
	ck_assert_int_eq(mark_store_save(&f.s, &arb, id, mid, 2, pts, c.rule),
			 MARK_OK);			/* 7: near 9 */
	mark_store_close(&f.s);
	ck_assert_int_eq(mark_store_open_read(&f.s, f.store, &f.d), 0);
	ck_assert_int_eq(mark_store_each(&f.s, collect, &c), 0);
	ck_assert_uint_eq(c.answers, 2);
	ck_assert_uint_eq(c.marks, 3);
	ck_assert_uint_eq(c.final, 1);
	ck_assert_double_eq(c.total, 8);	/* (5+6)/2=5.5, (2+3)/2=2.5 */
	teardown(&f);
}
END_TEST

/* A file that is not a store, and a store of a later version, are
 * refused. */
START_TEST(test_not_a_store)
{
	struct fixture f;
	char path[256];

	setup(&f, 1);
	mark_store_close(&f.s);
	snprintf(path, sizeof(path), "%s/text.db", f.dir);
	tmptree_put(path, "this is not a database, just some text\n");
	ck_assert_int_eq(mark_store_open(&f.s, path, &f.d), -1);
	ck_assert_int_eq(mark_store_open_read(&f.s, f.keypath, &f.d), -1);
	snprintf(path, sizeof(path), "%s/none.db", f.dir);
	ck_assert_int_eq(mark_store_open_read(&f.s, path, &f.d), -1);
	ck_assert_int_eq(mark_store_open(&f.s, f.store, &f.d), 0);
	ck_assert_int_eq(sqlite3_exec(f.s.db, "PRAGMA user_version = 9", NULL,
				      NULL, NULL), SQLITE_OK);
	mark_store_close(&f.s);
	ck_assert_int_eq(mark_store_open(&f.s, f.store, &f.d), -1);
	ck_assert_int_eq(diags_exit(&f.d), 2);
	teardown(&f);
}
END_TEST

/* The suite. */
static Suite *mark_store_suite(void)
{
	Suite *s = suite_create("mark_store");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_import_idempotent);
	tcase_add_test(tc, test_import_bad_rows);
	tcase_add_test(tc, test_double_dealing);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_arbitration_and_reopen);
	tcase_add_test(tc, test_not_a_store);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(mark_store_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
