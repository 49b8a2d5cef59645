/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_bank.c - unit tests of the bank loader (src/bank/bank.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"

/* Load text as a bank; returns the loader's result. */
static int load(struct bankset *bs, struct diags *d, const char *path,
		const char *text)
{
	return bankset_load_buffer(bs, path, text, strlen(text), d);
}

/* True if some diagnostic has exactly this message at line:col. */
static bool has_msg(const struct diags *d, unsigned line, unsigned col,
		    const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strcmp(d->v[i].msg, msg) == 0)
			return true;
	return false;
}

static const char good[] =
	"bank: cs\n"
	"language: zh-Hans\n"
	"defaults: {points: 2}\n"
	"questions:\n"
	"  - id: tf-1\n"
	"    type: true_false\n"
	"    stem: 真正地倾听是要听两方面的内容。\n"
	"    answer: false\n"
	"    tags: [listening]\n"
	"    difficulty: easy\n"
	"  - id: sc-1\n"
	"    type: single\n"
	"    stem: 选一个\n"
	"    options: [甲, 乙, 丙, 丁]\n"
	"    answer: C\n"
	"    shuffle: false\n"
	"  - id: mc-1\n"
	"    type: multiple\n"
	"    stem: 选几个\n"
	"    options:\n"
	"      - 道歉语应当文明而规范\n"
	"      - 道歉应当及时\n"
	"      - {text: 以上都是, fixed: true}\n"
	"    answer: [A, C]\n"
	"    scoring: half\n"
	"    points: 3\n"
	"  - id: es-1\n"
	"    type: essay\n"
	"    stem: 模拟对话\n"
	"    rubric:\n"
	"      - {criterion: 倾听与共情, points: 10}\n"
	"      - {criterion: 方案, points: 8}\n"
	"      - {criterion: 跟进, points: 2}\n"
	"    reference: 参考\n"
	"    keys: [同理心]\n"
	"    deductions: 推卸责任\n"
	"    group: late\n"
	"  - id: sh-1\n"
	"    type: short\n"
	"    stem: 简答\n"
	"    points: 5\n"
	"    source: original\n";

START_TEST(test_good_bank)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	const struct question *q;
	char dig[72];

	bankset_init(&bs);
	ck_assert_int_eq(load(&bs, &d, "cs.yaml", good), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(bs.nquestions, 5);
	ck_assert_str_eq(bs.banks[0]->name, "cs");
	q = bankset_find(&bs, "tf-1");
	ck_assert_int_eq(q->type, Q_TRUE_FALSE);
	ck_assert(!q->answer_tf);
	ck_assert_double_eq(q->points, 2);
	ck_assert_int_eq(q->difficulty, DIFF_EASY);
	q = bankset_find(&bs, "sc-1");
	ck_assert_uint_eq(q->answer, 1u << 2);
	ck_assert(!q->shuffle);
	q = bankset_find(&bs, "mc-1");
	ck_assert_uint_eq(q->answer, 1u | 4u);
	ck_assert(q->options[2].fixed);
	ck_assert_int_eq(q->scoring, MC_HALF);
	ck_assert_double_eq(q->points, 3);
	q = bankset_find(&bs, "es-1");
	ck_assert_double_eq(q->points, 20);
	ck_assert_uint_eq(q->nrubric, 3);
	ck_assert_uint_eq(q->ndeductions, 1);
	ck_assert_str_eq(q->group, "late");
	ck_assert_ptr_null(q->source);
	ck_assert_str_eq(bankset_find(&bs, "sh-1")->source, "original");
	ck_assert_uint_eq(q->line, 27);
	ck_assert_uint_eq(q->col, 5);
	ck_assert_ptr_null(bankset_find(&bs, "nope"));
	bankset_digest(&bs, dig);
	ck_assert_int_eq(strncmp(dig, "sha256:", 7), 0);
	ck_assert_uint_eq(strlen(dig), 71);
	diags_release(&d);
	bankset_release(&bs);
}
END_TEST

START_TEST(test_every_problem_reported)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	static const char bad[] =
		"questions:\n"
		"  - id: a\n"			/* 2 */
		"    type: single\n"
		"    stem: s\n"
		"    options: [x, y]\n"
		"    anwser: A\n"		/* 6 */
		"  - id: b/../c\n"		/* 7 */
		"    type: essay\n"
		"    stem: '  '\n"		/* 9 */
		"    points: 21\n"
		"    rubric: [{criterion: c, points: 20}]\n"	/* 11 */
		"  - id: d\n"
		"    type: multiple\n"
		"    stem: s\n"
		"    options: [x, y, z]\n"
		"    answer: AAD\n"		/* 16 */
		"  - id: e\n"
		"    type: true_false\n"
		"    stem: s\n"
		"    answer: maybe\n"		/* 20 */
		"    options: [x]\n"		/* 21 */
		"  - id: a\n"			/* 22 */
		"    type: shrot\n"		/* 23 */
		"    stem: s\n";

	bankset_init(&bs);
	ck_assert_int_eq(load(&bs, &d, "bad.yaml", bad), 1);
	ck_assert(has_msg(&d, 6, 5, "unknown key 'anwser'; did you mean "
			  "'answer'?"));
	ck_assert(has_msg(&d, 2, 5, "question 'a' needs 'answer'"));
	ck_assert(has_msg(&d, 7, 9, "id 'b/../c' must start with a letter "
			  "or digit and use only letters, digits, '.', '_' "
			  "and '-'"));
	ck_assert(has_msg(&d, 9, 11, "'stem' is empty"));
	ck_assert(has_msg(&d, 11, 13, "rubric adds up to 20 points, but the "
			  "question has 'points: 21'"));
	ck_assert(has_msg(&d, 16, 13, "answer repeats option 'A'"));
	ck_assert(has_msg(&d, 20, 13, "'answer' must be true or false, not "
			  "'maybe'"));
	ck_assert(has_msg(&d, 21, 14, "a true_false question has no "
			  "'options'"));
	ck_assert(has_msg(&d, 23, 11, "unknown type 'shrot'; did you mean "
			  "'short'? (true_false, single, multiple, short or "
			  "essay)"));
	ck_assert(has_msg(&d, 22, 5, "duplicate id 'a' (first defined at "
			  "bad.yaml:2:5)"));
	diags_release(&d);
	bankset_release(&bs);
}
END_TEST

START_TEST(test_answer_not_an_option)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	static const char bad[] =
		"questions:\n"
		"  - {id: a, type: single, stem: s, options: [x, y], "
		"answer: AB}\n"
		"  - {id: b, type: single, stem: s, options: [x, y], "
		"answer: C}\n"
		"  - {id: c, type: multiple, stem: s, options: [x, y], "
		"answer: A?}\n";

	bankset_init(&bs);
	ck_assert_int_eq(load(&bs, &d, "b.yaml", bad), 1);
	ck_assert(has_msg(&d, 2, 61, "a single-choice question has one "
			  "answer, not 'AB'"));
	ck_assert(has_msg(&d, 3, 61, "answer 'C' is not an option (the "
			  "question has 2 options, A to B)"));
	ck_assert(has_msg(&d, 4, 63, "answer 'A?' has '?', which is not an "
			  "option letter"));
	diags_release(&d);
	bankset_release(&bs);
}
END_TEST

START_TEST(test_duplicate_ids_across_banks)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;

	bankset_init(&bs);
	ck_assert_int_eq(load(&bs, &d, "one.yaml", "questions:\n"
			      "  - {id: x, type: short, stem: s}\n"), 0);
	ck_assert_int_eq(load(&bs, &d, "two.yaml", "questions:\n"
			      "  - {id: y, type: short, stem: s}\n"
			      "  - {id: x, type: short, stem: s}\n"), 1);
	ck_assert(has_msg(&d, 3, 5, "duplicate id 'x' (first defined at "
			  "one.yaml:2:5)"));
	ck_assert_str_eq(d.v[0].path, "two.yaml");
	diags_release(&d);
	bankset_release(&bs);
}
END_TEST

START_TEST(test_wrong_types)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	static const char bad[] =
		"questions:\n"
		"  - id: [a]\n"
		"    type: short\n"
		"    stem: {x: 1}\n"
		"    points: lots\n"
		"    tags: listening\n"
		"    source: [seed-003]\n";

	bankset_init(&bs);
	ck_assert_int_eq(load(&bs, &d, "t.yaml", bad), 1);
	ck_assert(has_msg(&d, 2, 9, "'id' must be text, not a list"));
	ck_assert(has_msg(&d, 4, 11, "'stem' must be text, not a mapping"));
	ck_assert(has_msg(&d, 5, 13, "'points' must be a number, not "
			  "'lots'"));
	ck_assert(has_msg(&d, 6, 11, "'tags' must be a list, not a scalar"));
	ck_assert(has_msg(&d, 7, 13, "'source' must be text, not a list"));
	diags_release(&d);
	bankset_release(&bs);
}
END_TEST

/* The bank suite. */
static Suite *bank_suite(void)
{
	Suite *s = suite_create("bank");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_good_bank);
	tcase_add_test(tc, test_every_problem_reported);
	tcase_add_test(tc, test_answer_not_an_option);
	tcase_add_test(tc, test_duplicate_ids_across_banks);
	tcase_add_test(tc, test_wrong_types);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(bank_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
