/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_lint.c - unit tests of validate's warnings: half-width
 * punctuation next to Chinese text (src/bank/lint.c) and near-duplicate stems
 * (src/bank/similar.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bank/lint.h"
#include "bank/similar.h"

/* The suggestion for the mark at the first c in s, or NULL. */
static const char *at(const char *s, char c)
{
	return lint_punct_at(s, strlen(s), (size_t)(strchr(s, c) - s));
}

START_TEST(test_punct_next_to_chinese)
{
	ck_assert_str_eq(at("情景:您", ':'), "：");
	ck_assert_str_eq(at("公司,近期", ','), "，");
	ck_assert_str_eq(at("延迟?", '?'), "？");
	ck_assert_str_eq(at("(主营", '('), "（");
	ck_assert_str_eq(at("产品)", ')'), "）");
	ck_assert_str_eq(at("好!", '!'), "！");
	ck_assert_str_eq(at("一;二", ';'), "；");
	/* numbers and Latin text keep theirs */
	ck_assert_ptr_null(at("价格1,000元", ','));
	ck_assert_ptr_null(at("Latin, text: ok", ','));
	ck_assert_ptr_null(at("Latin, text: ok", ':'));
	ck_assert_ptr_null(at("(CSAT)", '('));
	/* full-width punctuation is not Chinese text to be next to */
	ck_assert_ptr_null(at("。( )", '('));
	/* other marks are left alone */
	ck_assert_ptr_null(lint_punct_at("好.", 4, 3));
}
END_TEST

START_TEST(test_similar_scores)
{
	/* seed 003's two copies of one question, and the CLEAR questions
	 * that differ in the letter asked */
	double copy = similar_score(
		"女員工坐著辦公時，應坐姿端正，不得躺靠在椅子上，並注意雙膝並攏。",
		"女員工坐著辦理業務時，應坐姿端正，不得躺靠在椅子上，並注意雙膝並攏。");
	double clear = similar_score(
		"處理投訴的 CLEAR 原則中，“C”代表的是（　　）。",
		"處理投訴的 CLEAR 原則中，“E”代表的是（　　）。");

	ck_assert(copy >= SIMILAR_THRESHOLD);
	ck_assert(clear < SIMILAR_THRESHOLD);
	/* punctuation, white space and case do not count */
	ck_assert(similar_score("Hello, 客户服务 World!",
				"hello客户服务world") == 1.0);
	/* too short to compare */
	ck_assert(similar_score("你好", "你好") == 0.0);
}
END_TEST

START_TEST(test_similar_report_pairs)
{
	static const char bank[] =
		"questions:\n"
		"  - {id: a, type: true_false, answer: true,\n"
		"     stem: 通話中如果發生掉線，應由接電話方重新撥打。}\n"
		"  - {id: b, type: true_false, answer: true,\n"
		"     stem: 通話中如果發生掉線，應由接電話方重新撥打！}\n"
		"  - {id: c, type: true_false, answer: true, group: g,\n"
		"     stem: 通話中如果發生掉線應由接電話方重新撥打}\n"
		"  - {id: d, type: true_false, answer: true, group: g,\n"
		"     stem: 通話中如果發生掉線應由接電話方重新撥打}\n"
		"  - {id: e, type: true_false, answer: true,\n"
		"     stem: 客戶服務人員應當耐心傾聽客戶的意見}\n";
	struct bankset bs;
	struct diags d = DIAGS_INIT;

	bankset_init(&bs);
	ck_assert_int_eq(bankset_load_buffer(&bs, "b.yaml", bank,
					     strlen(bank), &d), 0);
	/* a-b, a-c, a-d, b-c, b-d; c-d share a group */
	ck_assert_int_eq(similar_report(&bs, &d), 5);
	ck_assert_uint_eq(d.n, 5);
	for (size_t i = 0; i < d.n; i++)
		ck_assert_int_eq(d.v[i].level, DIAG_WARNING);
	ck_assert_uint_eq(d.errors, 0);
	bankset_release(&bs);
	diags_release(&d);
}
END_TEST

/* The lint suite. */
static Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_punct_next_to_chinese);
	tcase_add_test(tc, test_similar_scores);
	tcase_add_test(tc, test_similar_report_pairs);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(lint_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
