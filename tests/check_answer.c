/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_answer.c - answers as people write them: choice letters, true or
 * false, and marker scores, with the reasons given for unreadable ones. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "grade/answer.h"
#include "paper/paper.h"

#define A (1u << 0)
#define B (1u << 1)
#define C (1u << 2)
#define D (1u << 3)

/* Assert that s reads as the mask want with 4 options. */
static void expect_choice(const char *s, uint32_t want)
{
	uint32_t m = 0xdead;
	struct gtext why = { "", "" };

	ck_assert_msg(answer_parse_choice(s, 4, &m, &why) ==
		      ANSWER_OK, "'%s' not read: %s", s, why.en);
	ck_assert_msg(m == want, "'%s' read as %#x", s, (unsigned)m);
}

/* Assert that s is invalid for noptions options with reason want. */
static void expect_bad_choice(const char *s, unsigned noptions,
			      const char *want)
{
	uint32_t m = 0xdead;
	struct gtext why = { "", "" };

	ck_assert_int_eq(answer_parse_choice(s, noptions, &m, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, want);
	ck_assert_uint_eq(m, 0);
}

START_TEST(test_choice_forms)
{
	expect_choice("A", A);
	expect_choice("a", A);
	expect_choice("Ａ", A);
	expect_choice("ｄ", D);
	expect_choice("A,C", A | C);
	expect_choice("A、C", A | C);
	expect_choice("A，C", A | C);
	expect_choice("AC", A | C);
	expect_choice("C A", A | C);
	expect_choice("ca", A | C);
	expect_choice("C\u3000A", A | C);
	expect_choice("A;C", A | C);
	expect_choice("A；C", A | C);
	expect_choice("A/C", A | C);
	expect_choice(" A , B ,D ", A | B | D);
	expect_choice("AAC", A | C);
	expect_choice("a, A", A);
	expect_choice("ＡＢＣＤ", A | B | C | D);
	expect_choice("\tb\r\n", B);
}
END_TEST

START_TEST(test_choice_blank)
{
	static const char *const blanks[] = { "", " ", "\u3000", " , 、",
					      "\t" };
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		uint32_t m = 0xdead;

		ck_assert_int_eq(answer_parse_choice(blanks[i], 4, &m, NULL),
				 ANSWER_BLANK);
		ck_assert_uint_eq(m, 0);
	}
}
END_TEST

START_TEST(test_choice_invalid)
{
	uint32_t m;

	expect_bad_choice("E", 4, "option 'E' does not exist (the question "
			  "has 4 options)");
	expect_bad_choice("a e", 4, "option 'E' does not exist (the question "
			  "has 4 options)");
	expect_bad_choice("Ｆ", 5, "option 'F' does not exist (the question "
			  "has 5 options)");
	expect_bad_choice("？", 4, "'？' is not an option letter");
	expect_bad_choice("A?", 4, "'?' is not an option letter");
	expect_bad_choice("1", 4, "'1' is not an option letter");
	expect_bad_choice("A和B", 4, "'和' is not an option letter");
	expect_bad_choice("A\x01", 4,
			  "character U+0001 is not an option letter");
	expect_bad_choice("A\xFF", 4, "byte 0xFF is not valid UTF-8 text");
	expect_bad_choice("\xC0\xAF", 4, "byte 0xC0 is not valid UTF-8 text");
	/* a NULL why is allowed */
	ck_assert_int_eq(answer_parse_choice("Z", 4, &m, NULL),
			 ANSWER_INVALID);
	/* all 26 letters when the question has them */
	ck_assert_int_eq(answer_parse_choice("z", 26, &m, NULL), ANSWER_OK);
	ck_assert_uint_eq(m, 1u << 25);
}
END_TEST

/* Assert that s reads as the truth value want. */
static void expect_tf(const char *s, bool want)
{
	bool v = !want;
	struct gtext why = { "", "" };

	ck_assert_msg(answer_parse_tf(s, &v, &why) == ANSWER_OK,
		      "'%s' not read: %s", s, why.en);
	ck_assert_msg(v == want, "'%s' read as %d", s, v);
}

START_TEST(test_tf)
{
	static const char *const yes[] = {
		"T", "t", "true", "TRUE", "True", "√", "✓", "✔", "对", "是",
		"Y", "y", "yes", "YES", "正确", "Ｔ", "Ｙ", "ｔ", " T ",
		"\u3000对\u3000", "ＴＲＵＥ", "對", "正確", "○", "◯",
	};
	static const char *const no[] = {
		"F", "f", "false", "FALSE", "×", "✗", "✘", "错", "否", "N",
		"n", "no", "No", "错误", "Ｆ", "Ｎ", "\tF\n", "X", "錯",
		"錯誤",
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		expect_tf(yes[i], true);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		expect_tf(no[i], false);
}
END_TEST

START_TEST(test_tf_blank_invalid)
{
	bool v = true;
	struct gtext why;

	ck_assert_int_eq(answer_parse_tf("", &v, &why),
			 ANSWER_BLANK);
	ck_assert_int_eq(answer_parse_tf(" \u3000 ", &v, &why),
			 ANSWER_BLANK);
	ck_assert_int_eq(answer_parse_tf("maybe", &v, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, "'maybe' is not true or false");
	ck_assert_int_eq(answer_parse_tf(" T F ", &v, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, "'T F' is not true or false");
	ck_assert_int_eq(answer_parse_tf("对错", &v, &why),
			 ANSWER_INVALID);
	ck_assert_int_eq(answer_parse_tf("tru", &v, &why),
			 ANSWER_INVALID);
	/* long text is quoted shortened, at a character boundary */
	ck_assert_int_eq(answer_parse_tf("这个说法基本上是正确的但是有一些例外情况",
					 &v, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, "'这个说法基本上是正确的但是...' is not true "
			 "or false");
	ck_assert(v);
}
END_TEST

/* Assert that s reads as the score want out of max. */
static void expect_score(const char *s, double max, double want)
{
	double v = -1;
	struct gtext why = { "", "" };

	ck_assert_msg(answer_parse_score(s, max, &v, &why) ==
		      ANSWER_OK, "'%s' not read: %s", s, why.en);
	ck_assert_double_eq(v, want);
}

/* Assert that s is not a valid score out of max, with reason want. */
static void expect_bad_score(const char *s, double max, const char *want)
{
	double v = -1;
	struct gtext why = { "", "" };

	ck_assert_int_eq(answer_parse_score(s, max, &v, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, want);
	ck_assert_double_eq(v, -1);
}

START_TEST(test_score_ok)
{
	expect_score("15", 20, 15);
	expect_score("0", 20, 0);
	expect_score("20", 20, 20);
	expect_score("7.5", 20, 7.5);
	expect_score("7.50", 20, 7.5);
	expect_score("8.0", 20, 8);
	expect_score(".5", 20, 0.5);
	expect_score("5.", 20, 5);
	expect_score(" 12 ", 20, 12);
	expect_score("１５", 20, 15);
	expect_score("１２．５", 20, 12.5);
	expect_score("+3", 20, 3);
	expect_score("-0", 20, 0);
	expect_score("0007", 20, 7);
	expect_score("2.5", 2.5, 2.5);
}
END_TEST

START_TEST(test_score_invalid)
{
	double v = -1;

	expect_bad_score("25", 20, "score '25' is more than the 20 points of "
			 "the question");
	expect_bad_score("2", 1, "score '2' is more than the 1 point of the "
			 "question");
	expect_bad_score("3", 2.5, "score '3' is more than the 2.5 points of "
			 "the question");
	expect_bad_score("7.3", 20, "score '7.3' is not a whole or half point");
	expect_bad_score("7.05", 20,
			 "score '7.05' is not a whole or half point");
	expect_bad_score("7.55", 20,
			 "score '7.55' is not a whole or half point");
	expect_bad_score("-1", 20, "score '-1' is negative");
	expect_bad_score("-0.5", 20, "score '-0.5' is negative");
	expect_bad_score("abc", 20, "score 'abc' is not a number");
	expect_bad_score("1e3", 2000, "score '1e3' is not a number");
	expect_bad_score("nan", 20, "score 'nan' is not a number");
	expect_bad_score("inf", 20, "score 'inf' is not a number");
	expect_bad_score("1,5", 20, "score '1,5' is not a number");
	expect_bad_score("1 5", 20, "score '1 5' is not a number");
	expect_bad_score(".", 20, "score '.' is not a number");
	expect_bad_score("-", 20, "score '-' is not a number");
	expect_bad_score("0x10", 20, "score '0x10' is not a number");
	expect_bad_score("99999999999999999999999", 20,
			 "score '99999999999999999999999' is more than the "
			 "20 points of the question");
	ck_assert_int_eq(answer_parse_score("", 20, &v, NULL),
			 ANSWER_BLANK);
	ck_assert_int_eq(answer_parse_score("\u3000", 20, &v, NULL),
			 ANSWER_BLANK);
	ck_assert_int_eq(answer_parse_score("x", 20, &v, NULL),
			 ANSWER_INVALID);
	ck_assert_double_eq(v, -1);
}
END_TEST

START_TEST(test_why_chinese)
{
	struct gtext why;
	uint32_t m;
	double v;

	/* the reason in Chinese too, for the report in Chinese (the plural
	 * ending of the English is taken and not printed) */
	ck_assert_int_eq(answer_parse_choice("E", 4, &m, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.en, "option 'E' does not exist (the question "
			 "has 4 options)");
	ck_assert_str_eq(why.zh, "选项“E”不存在（本题只有 4 个选项）");
	ck_assert_int_eq(answer_parse_score("12", 10, &v, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.zh, "分数“12”超过本题满分 10 分");
	ck_assert_int_eq(answer_parse_tf("maybe", &(bool){ false }, &why),
			 ANSWER_INVALID);
	ck_assert_str_eq(why.zh, "“maybe”不是对或错");
}
END_TEST

START_TEST(test_mask_count)
{
	ck_assert_uint_eq(mask_count(0), 0);
	ck_assert_uint_eq(mask_count(A | C), 2);
	ck_assert_uint_eq(mask_count(0xFFFFFFFFu), 32);
}
END_TEST

/* The answer suite. */
static Suite *answer_suite(void)
{
	Suite *s = suite_create("answer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_choice_forms);
	tcase_add_test(tc, test_choice_blank);
	tcase_add_test(tc, test_choice_invalid);
	tcase_add_test(tc, test_tf);
	tcase_add_test(tc, test_tf_blank_invalid);
	tcase_add_test(tc, test_score_ok);
	tcase_add_test(tc, test_score_invalid);
	tcase_add_test(tc, test_why_chinese);
	tcase_add_test(tc, test_mask_count);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(answer_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
