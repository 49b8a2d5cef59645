/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_cue.c - unit tests of the item-writing checks: cues a test-wise
 * candidate uses (src/bank/cue.c), option references (src/bank/optref.c)
 * and blind guessing's expected score (src/paper/guess.c). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bank/cue.h"
#include "bank/optref.h"
#include "base/arena.h"
#include "paper/guess.h"

START_TEST(test_letter_references)
{
	/* named options */
	ck_assert_int_ge(cue_letter("长三角……B选项兼顾效率与成本。", 3), 0);
	ck_assert_int_ge(cue_letter("答案 C，因为……", 4), 0);
	ck_assert_int_ge(cue_letter("佩戴在右胸（B、C）不符合規範。", 4), 0);
	ck_assert_int_ge(cue_letter("事件本身（A）", 4), 0);
	ck_assert_int_ge(cue_letter("C 表達了主動幫助的態度；A 推卸。", 4), 0);
	ck_assert_int_ge(cue_letter("規範；A、C 生硬無禮。", 4), 0);
	/* not options: a letter quoted as content, Latin words, English
	 * articles, letters beyond the options */
	ck_assert_int_lt(cue_letter("CLEAR 原則中的“A”代表的是", 4), 0);
	ck_assert_int_lt(cue_letter("“E”是 Establish，建立共鳴。", 4), 0);
	ck_assert_int_lt(cue_letter("A good apology is ( ).", 4), 0);
	ck_assert_int_lt(cue_letter("the A is an apology", 4), 0);
	ck_assert_int_lt(cue_letter("情緒 ABC 理論認為", 4), 0);
	ck_assert_int_lt(cue_letter("答案 E", 4), 0);
	ck_assert_int_lt(cue_letter(NULL, 4), 0);
}
END_TEST

START_TEST(test_absolute_and_summing_up)
{
	ck_assert_str_eq(cue_absolute("客戶只要滿意就一定忠誠"), "只");
	ck_assert_str_eq(cue_absolute("所有退货都免运费"), "所有");
	ck_assert_ptr_null(cue_absolute("客戶滿意不等於忠誠"));
	ck_assert(cue_above("以上都是"));
	ck_assert(cue_above("以上三者都不是"));
	ck_assert(cue_above("None of the above"));
	ck_assert(!cue_above("上班时穿制服"));
	/* white space and ASCII punctuation do not count for length */
	ck_assert_uint_eq(cue_length("您好， 请稍候。"), 7);
	ck_assert_uint_eq(cue_length("CSAT (90%)"), 6);
}
END_TEST

START_TEST(test_option_references_expand)
{
	struct arena a = ARENA_INIT;
	/* printed A shows bank option 2, B option 0, C option 1 */
	const unsigned char order[] = { 2, 0, 1 };
	const char *at, *s = "先说{{option:1}}，再说{{option:3}}。";
	size_t len;
	unsigned n;

	ck_assert_str_eq(optref_expand(&a, s, order, 3), "先说B，再说A。");
	/* text without references is returned as it is */
	ck_assert_ptr_eq(optref_expand(&a, "无", order, 3), "无");
	/* not a reference: kept, and found with N = 0 */
	ck_assert_str_eq(optref_expand(&a, "{{option:x}}", order, 3),
			 "{{option:x}}");
	ck_assert(optref_find("见{{option:0}}", &at, &len, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert(optref_find("见{{option:12}}", &at, &len, &n));
	ck_assert_uint_eq(n, 12);
	ck_assert_uint_eq(len, strlen("{{option:12}}"));
	ck_assert(!optref_find("{{opt:1}}", &at, &len, &n));
	arena_release(&a);
}
END_TEST

START_TEST(test_blind_guessing)
{
	struct option opts[4] = { { "甲", false }, { "乙", false },
				  { "丙", false }, { "丁", false } };
	struct question q;

	memset(&q, 0, sizeof(q));
	q.type = Q_TRUE_FALSE;
	ck_assert_double_eq_tol(guess_question(&q, 12, MC_DEFAULT), 6, 1e-9);
	q.type = Q_SINGLE;
	q.options = opts;
	q.noptions = 3;
	ck_assert_double_eq_tol(guess_question(&q, 12, MC_DEFAULT), 4, 1e-9);
	/* multiple, key AB of four: 15 responses; exact: 1 right */
	q.type = Q_MULTIPLE;
	q.noptions = 4;
	q.answer = 0x3;
	ck_assert_double_eq_tol(guess_question(&q, 15, MC_EXACT), 1, 1e-9);
	/* half: AB full, A or B half: (1 + 0.5 + 0.5) / 15 */
	ck_assert_double_eq_tol(guess_question(&q, 15, MC_HALF), 2, 1e-9);
	q.type = Q_ESSAY;
	ck_assert_double_eq_tol(guess_question(&q, 20, MC_DEFAULT), 0, 1e-9);
}
END_TEST

/* The cue suite. */
static Suite *cue_suite(void)
{
	Suite *s = suite_create("cue");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_letter_references);
	tcase_add_test(tc, test_absolute_and_summing_up);
	tcase_add_test(tc, test_option_references_expand);
	tcase_add_test(tc, test_blind_guessing);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(cue_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
