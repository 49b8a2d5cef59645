/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_mark_rule.c - the final-score rule of marking on screen
 * (src/mark/mark-rule.c): every branch of 单评, 双评, 三评 and 仲裁, both
 * final rules, and rounding to halves. */
#include <check.h>

#include "mark/mark-rule.h"

static const struct marking twice2 = { .twice = true, .tolerance = 2,
				       .final = MARKING_MEAN };
static const struct marking twice2_arbiter = { .twice = true,
					       .tolerance = 2,
					       .final = MARKING_ARBITER };

START_TEST(test_round_half)
{
	ck_assert_double_eq(mark_rule_round_half(7), 7);
	ck_assert_double_eq(mark_rule_round_half(7.25), 7.5);
	ck_assert_double_eq(mark_rule_round_half(7.75), 8);
	ck_assert_double_eq(mark_rule_round_half(7.2), 7);
	ck_assert_double_eq(mark_rule_round_half(7.5), 7.5);
	ck_assert_double_eq(mark_rule_round_half(0), 0);
	/* a sum a hair below a quarter still counts as the quarter */
	ck_assert_double_eq(mark_rule_round_half(0.1 + 0.15), 0.5);
}
END_TEST

/* Single marking: the one mark, as it is; none yet: waiting. */
START_TEST(test_single)
{
	const double m[1][MARK_MAX_CRITERIA] = { { 3.5, 4 } };
	struct marking once = { .twice = false, .tolerance = 0 };
	struct mark_outcome o;

	mark_rule_final(&once, 2, m, 0, &o);
	ck_assert_int_eq(o.state, MARK_WAITING);
	mark_rule_final(&once, 2, m, 1, &o);
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.total, 7.5);
	ck_assert_double_eq(o.scores[0], 3.5);
	ck_assert_uint_eq(o.from[0], 1);
	ck_assert_uint_eq(o.from[1], 0);
	mark_rule_final(NULL, 2, m, 1, &o);
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.total, 7.5);
}
END_TEST

/* Two marks within the tolerance (the edge included): their mean, per
 * criterion, rounded to halves. */
START_TEST(test_double_within)
{
	const double m[2][MARK_MAX_CRITERIA] = { { 5, 3 }, { 6.5, 3.5 } };
	struct mark_outcome o;

	mark_rule_final(&twice2, 2, m, 1, &o);
	ck_assert_int_eq(o.state, MARK_WAITING);
	mark_rule_final(&twice2, 2, m, 2, &o);	/* 8 and 10: exactly 2 */
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.scores[0], 6);	/* 5.75 -> 6 */
	ck_assert_double_eq(o.scores[1], 3.5);	/* 3.25 -> 3.5 */
	ck_assert_double_eq(o.total, 9.5);
	ck_assert_uint_eq(o.from[0], 1);
	ck_assert_uint_eq(o.from[1], 2);
}
END_TEST

/* Over the tolerance: to the arbiter; a tolerance of 0 needs equal
 * totals. */
START_TEST(test_double_over)
{
	const double m[2][MARK_MAX_CRITERIA] = { { 5, 3 }, { 7, 3.5 } };
	struct marking exact = { .twice = true, .tolerance = 0 };
	struct mark_outcome o;

	mark_rule_final(&twice2, 2, m, 2, &o);	/* 8 and 10.5 */
	ck_assert_int_eq(o.state, MARK_ARBITRATE);
	mark_rule_final(&twice2_arbiter, 2, m, 2, &o);
	ck_assert_int_eq(o.state, MARK_ARBITRATE);
	mark_rule_final(&exact, 2, m, 2, &o);
	ck_assert_int_eq(o.state, MARK_ARBITRATE);
}
END_TEST

/* Third mark near one of the first two: the mean of the third and the
 * nearer one (either side). */
START_TEST(test_third_near)
{
	double m[3][MARK_MAX_CRITERIA] = { { 4 }, { 12 }, { 11 } };
	struct mark_outcome o;

	mark_rule_final(&twice2, 1, m, 3, &o);
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.total, 11.5);
	ck_assert_uint_eq(o.from[0], 3);
	ck_assert_uint_eq(o.from[1], 2);
	m[2][0] = 5.5;
	mark_rule_final(&twice2, 1, m, 3, &o);
	ck_assert_double_eq(o.total, 5);	/* 4.75 -> 5 */
	ck_assert_uint_eq(o.from[1], 1);
}
END_TEST

/* Third mark near neither: the arbiter's mark stands alone; equally near
 * both: the third, their midpoint. */
START_TEST(test_third_far_and_middle)
{
	double m[3][MARK_MAX_CRITERIA] = { { 2, 2 }, { 10, 10 }, { 6, 5 } };
	struct mark_outcome o;

	mark_rule_final(&twice2, 2, m, 3, &o);	/* 4, 20, 11 */
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.total, 11);
	ck_assert_double_eq(o.scores[1], 5);
	ck_assert_uint_eq(o.from[0], 3);
	ck_assert_uint_eq(o.from[1], 0);
	m[0][0] = 5;
	m[0][1] = 5;
	m[1][0] = 9;
	m[1][1] = 6;
	m[2][0] = 7.5;
	m[2][1] = 5;				/* 10, 15, 12.5 */
	mark_rule_final(&twice2, 2, m, 3, &o);
	ck_assert_double_eq(o.total, 12.5);
	ck_assert_uint_eq(o.from[1], 0);
}
END_TEST

/* final: arbiter takes the third mark even near one of the others. */
START_TEST(test_final_arbiter)
{
	const double m[3][MARK_MAX_CRITERIA] = { { 4 }, { 12 }, { 11 } };
	struct mark_outcome o;

	mark_rule_final(&twice2_arbiter, 1, m, 3, &o);
	ck_assert_int_eq(o.state, MARK_FINAL);
	ck_assert_double_eq(o.total, 11);
	ck_assert_uint_eq(o.from[0], 3);
	ck_assert_uint_eq(o.from[1], 0);
	/* within the tolerance the mean holds under either rule */
	mark_rule_final(&twice2_arbiter, 1, m + 1, 2, &o);
	ck_assert_double_eq(o.total, 11.5);
}
END_TEST

/* More criteria than a rubric may have: never final. */
START_TEST(test_too_many_criteria)
{
	const double m[1][MARK_MAX_CRITERIA] = { { 1 } };
	struct mark_outcome o;

	mark_rule_final(NULL, MARK_MAX_CRITERIA + 1, m, 1, &o);
	ck_assert_int_eq(o.state, MARK_WAITING);
}
END_TEST

/* The suite. */
static Suite *mark_rule_suite(void)
{
	Suite *s = suite_create("mark_rule");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_round_half);
	tcase_add_test(tc, test_single);
	tcase_add_test(tc, test_double_within);
	tcase_add_test(tc, test_double_over);
	tcase_add_test(tc, test_third_near);
	tcase_add_test(tc, test_third_far_and_middle);
	tcase_add_test(tc, test_final_arbiter);
	tcase_add_test(tc, test_too_many_criteria);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(mark_rule_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
