/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_lint.c - unit tests of validate's warnings: half-width
 * punctuation next to Chinese text (src/bank/lint.c) and near-duplicate stems
 * (src/bank/similar.c). */
#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

/* The next number of a xorshift64 sequence. */
static uint64_t xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A bank of n true/false questions q0.. with stems of 8 to 40 Chinese
 * characters: a third of them new, the others an earlier stem with one
 * character changed, added or dropped anywhere, so that chains of edits
 * give many pairs of many sizes just above and just below the threshold;
 * returns the malloc'd YAML text. */
static char *edited_bank(size_t n)
{
	enum { MAXLEN = 48 };
	uint32_t (*cp)[MAXLEN] = calloc(n, sizeof(*cp));
	size_t *len = calloc(n, sizeof(*len));
	size_t cap = n * (MAXLEN * 3 + 64) + 64, off;
	char *text = malloc(cap);
	uint64_t x = 88172645463325252ULL;

	off = (size_t)snprintf(text, cap, "questions:\n");
	for (size_t i = 0; i < n; i++) {
		if (i % 3 == 0) {
			len[i] = 8 + xorshift(&x) % 33;
			for (size_t k = 0; k < len[i]; k++)
				cp[i][k] = 0x4e00 + (uint32_t)(xorshift(&x) % 400);
		} else {
			size_t from = i - 1 - (size_t)(xorshift(&x) % (i < 8 ? i : 8));
			size_t at, op = (size_t)(xorshift(&x) % 3);

			memcpy(cp[i], cp[from], sizeof(cp[i]));
			len[i] = len[from];
			at = (size_t)(xorshift(&x) % len[i]);
			if (op == 0 && len[i] < MAXLEN) {	/* add */
				memmove(cp[i] + at + 1, cp[i] + at,
					(len[i] - at) * sizeof(**cp));
				len[i]++;
			} else if (op == 1 && len[i] > 8) {	/* drop */
				memmove(cp[i] + at, cp[i] + at + 1,
					(len[i] - at - 1) * sizeof(**cp));
				len[i]--;
			}
			if (op != 1 || len[i] <= 8)
				cp[i][at] = 0x4e00 + (uint32_t)(xorshift(&x) % 400);
		}
		off += (size_t)snprintf(text + off, cap - off,
					"  - {id: q%zu, type: true_false, "
					"answer: true, stem: ", i);
		for (size_t k = 0; k < len[i]; k++)
			off += (size_t)snprintf(text + off, cap - off,
						"%c%c%c",
						0xe0 | (cp[i][k] >> 12),
						0x80 | ((cp[i][k] >> 6) & 0x3f),
						0x80 | (cp[i][k] & 0x3f));
		off += (size_t)snprintf(text + off, cap - off, "}\n");
	}
	free(cp);
	free(len);
	return text;
}

START_TEST(test_similar_report_finds_every_pair)
{
	enum { N = 400 };
	char *text = edited_bank(N);
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	static bool want[N][N], got[N][N];
	size_t nwant = 0, near_miss = 0;

	bankset_init(&bs);
	ck_assert_int_eq(bankset_load_buffer(&bs, "b.yaml", text,
					     strlen(text), &d), 0);
	ck_assert_uint_eq(bs.nquestions, N);
	/* every pair, compared one by one: the index must find exactly
	 * the pairs this finds */
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < i; j++) {
			double sc = similar_score(bs.banks[0]->questions[i].stem,
						  bs.banks[0]->questions[j].stem);

			want[i][j] = sc >= SIMILAR_THRESHOLD - 1e-9;
			nwant += want[i][j];
			near_miss += !want[i][j] && sc >= 0.5;
		}
	/* the bank has pairs on both sides of the threshold */
	ck_assert_uint_ge(nwant, 200);
	ck_assert_uint_ge(near_miss, 200);
	ck_assert_int_eq(similar_report_max(&bs, LONG_MAX, &d), (long)nwant);
	ck_assert_uint_eq(d.n, nwant);
	for (size_t k = 0; k < d.n; k++) {
		unsigned late, early;

		ck_assert_int_eq(sscanf(d.v[k].msg, "the stem of 'q%u' is %*u%% "
					"like that of 'q%u'", &late, &early), 2);
		ck_assert_uint_lt(early, late);
		ck_assert(!got[late][early]);
		got[late][early] = true;
	}
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(want[i][j] == got[i][j], "q%zu q%zu", i, j);
	bankset_release(&bs);
	diags_release(&d);
	free(text);
}
END_TEST

/* The lint suite. */
static Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_punct_next_to_chinese);
	tcase_add_test(tc, test_similar_scores);
	tcase_add_test(tc, test_similar_report_pairs);
	tcase_add_test(tc, test_similar_report_finds_every_pair);
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
