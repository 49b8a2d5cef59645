/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_grade.c - grading: every scoring rule on hand-worked cases, every
 * spelling of an answer, every flagged problem with its position, encodings,
 * YAML sheets, and the CSV / JSON outputs. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grade/grade-out.h"
#include "grade/grade.h"
#include "grade/grade-msg.h"
#include "grade/read.h"
#include "paper/script.h"

/* Choice 10 points (tf 1, single 1, multiple exact 2, half 2,
 * per_option 4), written 20 (short 5, essay 15 = 10 + 5); pass 18. */
static const char key_a[] =
	"paper: T-1\n"
	"form: A\n"
	"title: \"Test\"\n"
	"language: en\n"
	"total: 30\n"
	"pass: 18\n"
	"sections:\n"
	"  - {title: \"Choice\", questions: [1, 2, 3, 4, 5], points: 10}\n"
	"  - {title: \"Written\", questions: [6, 7], points: 20}\n"
	"questions:\n"
	"  - {no: 1, id: tf1, type: true_false, points: 1, answer: T}\n"
	"  - {no: 2, id: sc1, type: single, points: 1, options: 4, "
	"answer: C}\n"
	"  - {no: 3, id: mc-exact, type: multiple, points: 2, options: 4, "
	"answer: ACD, scoring: exact}\n"
	"  - {no: 4, id: mc-half, type: multiple, points: 2, options: 4, "
	"answer: ACD, scoring: half}\n"
	"  - {no: 5, id: mc-per, type: multiple, points: 4, options: 5, "
	"answer: ABC, scoring: per_option}\n"
	"  - {no: 6, id: sh1, type: short, points: 5}\n"
	"  - {no: 7, id: es1, type: essay, points: 15, rubric: "
	"[{criterion: \"a\", points: 10}, {criterion: \"b\", points: 5}]}\n";

static const char header[] = "candidate_id,name,form,1,2,3,4,5,6,7,7.1,7.2\n";

static char dir[64];

/* A fresh scratch folder for each test. */
static void setup(void)
{
	strcpy(dir, "/tmp/check_grade_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove the scratch folder and its files. */
static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Write len bytes to dir/name; returns the path (static buffer). */
static const char *put(const char *name, const char *text, size_t len)
{
	static char path[8][128];
	static int next;
	char *p = path[next++ % 8];
	FILE *fp;

	snprintf(p, 128, "%s/%s", dir, name);
	fp = fopen(p, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	fclose(fp);
	return p;
}

/* Write a NUL-terminated text to dir/name. */
static const char *put_s(const char *name, const char *text)
{
	return put(name, text, strlen(text));
}

/* A gradebook with key_a loaded. */
static void book(struct gradebook *gb)
{
	struct diags d = DIAGS_INIT;

	gradebook_init(gb);
	ck_assert_int_eq(keyset_add(&gb->keys, put_s("t.key.yaml", key_a),
					    &d), 0);
	ck_assert_uint_eq(d.n, 0);
	diags_release(&d);
}

/* Read one sheet into gb, expecting no system error. */
static void read_sheet(struct gradebook *gb, const char *path)
{
	struct diags d = DIAGS_INIT;

	ck_assert_int_eq(gradebook_read(gb, path, &d), 0);
	ck_assert_uint_eq(d.errors, 0);	/* a warning: no build to check */
	diags_release(&d);
}

/* Grade a CSV text (header + rows) against key_a. */
static void grade_csv(struct gradebook *gb, const char *text)
{
	book(gb);
	read_sheet(gb, put_s("s.csv", text));
}

/* Expect a problem at line:col for question q whose message contains
 * want; returns its index. */
static size_t expect_problem(const struct gradebook *gb, unsigned line,
			     unsigned col, unsigned q, const char *want)
{
	for (size_t i = 0; i < gb->nproblems; i++) {
		const struct problem *p = &gb->problems[i];

		if (p->line == line && p->col == col && p->question == q &&
		    strstr(p->msg, want))
			return i;
	}
	for (size_t i = 0; i < gb->nproblems; i++)
		fprintf(stderr, "  %u:%u q%u %s\n", gb->problems[i].line,
			gb->problems[i].col, gb->problems[i].question,
			gb->problems[i].msg);
	ck_abort_msg("no problem %u:%u q%u '%s'", line, col, q, want);
	return 0;
}

/* Assert that every problem of gb has its Chinese message (the catalog
 * of grade-msg.c knows its format). */
static void all_in_chinese(const struct gradebook *gb)
{
	ck_assert_uint_gt(gb->nproblems, 0);
	for (size_t i = 0; i < gb->nproblems; i++) {
		const struct problem *p = &gb->problems[i];

		bool cjk = false;

		ck_assert_ptr_nonnull(p->msg_zh);
		/* a CJK ideograph (U+4E00..U+9FFF) starts with E4..E9 */
		for (const char *s = p->msg_zh; *s; s++)
			cjk = cjk || ((unsigned char)*s >= 0xE4 &&
				      (unsigned char)*s <= 0xE9);
		if (!strcmp(p->msg, p->msg_zh) || !cjk)
			ck_abort_msg("not in Chinese: '%s' ('%s')", p->msg,
				     p->msg_zh);
	}
}

/* Points earned on question no by candidate i. */
static double earned(const struct gradebook *gb, size_t i, unsigned no)
{
	ck_assert_ptr_nonnull(gb->cands[i].key);
	return gb->cands[i].resp[no - 1].earned;
}

#define ck_near(a, b) ck_assert_double_eq_tol((a), (b), 1e-4)

START_TEST(test_scoring_rules)
{
	struct gradebook gb;
	char text[1024];

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,A,T,C,ACD,ACD,ABC,5,15,,\n"
		 "c2,Bob,A,F,B,AC,AC,AB,3,,8,4\n"
		 "c3,Cy,A,T,C,\"A,B,C\",A、B,ABD,0,,,\n"
		 "c4,Di,A,T,C,ACDB,C,ADE,4.5,10,,\n"
		 "c5,Ed,A,F,D,,,ABCDE,5,15,,\n");
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, 5);
	ck_assert_uint_eq(gb.sheets_read, 5);
	/* all right: full marks */
	ck_near(gb.cands[0].total, 30);
	ck_near(gb.cands[0].percent, 100);
	ck_assert(gb.cands[0].pass);
	ck_assert(!gb.cands[0].flagged);
	/* 少选: exact 0, half 1, per_option 4 x 2/3; criteria 8 + 4 */
	ck_near(earned(&gb, 1, 1), 0);
	ck_near(earned(&gb, 1, 2), 0);
	ck_near(earned(&gb, 1, 3), 0);
	ck_near(earned(&gb, 1, 4), 1);
	ck_near(earned(&gb, 1, 5), 8.0 / 3);
	ck_near(earned(&gb, 1, 7), 12);
	ck_near(gb.cands[1].section[0], 1 + 8.0 / 3);
	ck_near(gb.cands[1].section[1], 15);
	ck_near(gb.cands[1].total, 18 + 2.0 / 3);
	ck_assert(gb.cands[1].pass);
	ck_assert(!gb.cands[1].flagged);
	/* 错选: half 0; per_option (2 - 1) / 3 x 4; blank essay missing */
	ck_near(earned(&gb, 2, 3), 0);
	ck_near(earned(&gb, 2, 4), 0);
	ck_near(earned(&gb, 2, 5), 4.0 / 3);
	ck_assert_int_eq(gb.cands[2].resp[6].status, RESP_MISSING);
	ck_assert(gb.cands[2].incomplete);
	ck_assert(gb.cands[2].flagged);
	expect_problem(&gb, 4, 10, 7, "missing marker score for question 7");
	/* a wrong option spoils exact; one right of three earns half;
	 * per_option floored at 0 */
	ck_near(earned(&gb, 3, 3), 0);
	ck_near(earned(&gb, 3, 4), 1);
	ck_near(earned(&gb, 3, 5), 0);
	ck_near(earned(&gb, 3, 6), 4.5);
	ck_near(gb.cands[3].total, 2 + 1 + 4.5 + 10);
	ck_assert(!gb.cands[3].pass);
	/* blank choice answers: 0, status blank; all five options for
	 * per_option: 3 right - 2 wrong */
	ck_assert_int_eq(gb.cands[4].resp[2].status, RESP_BLANK);
	ck_assert_ptr_null(gb.cands[4].resp[2].raw);
	ck_near(earned(&gb, 4, 5), 4.0 / 3);
	ck_assert(!gb.cands[4].flagged);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_spellings)
{
	static const char *const tf_true[] = { "T", "t", "true", "TRUE", "√",
					       "对", "Y", "y" };
	static const char *const tf_false[] = { "F", "false", "×", "错",
						"N" };
	static const char *const acd[] = { "ACD", "acd", "\"A,C,D\"", "A、C、D",
					   "A，C，D", "C A D", "ＡＣＤ",
					   "\"D, c ,a\"", "Ａ　Ｃ　Ｄ" };
	struct gradebook gb;
	char text[4096], *p = text;
	size_t n = 0;

	p += sprintf(p, "%s", header);
	for (size_t i = 0; i < sizeof(tf_true) / sizeof(*tf_true); i++)
		p += sprintf(p, "t%zu,,A,%s,c,%s,,,1,1,,\n", n++, tf_true[i],
			     acd[i % (sizeof(acd) / sizeof(*acd))]);
	for (size_t i = 0; i < sizeof(acd) / sizeof(*acd); i++)
		p += sprintf(p, "m%zu,,A,,Ｃ,%s,,,1,1,,\n", n++, acd[i]);
	for (size_t i = 0; i < sizeof(tf_false) / sizeof(*tf_false); i++)
		p += sprintf(p, "f%zu,,A,%s,,,,,１,1.5,,\n", n++,
			     tf_false[i]);
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, n);
	for (size_t i = 0; i < gb.nproblems; i++)
		fprintf(stderr, "%u:%u %s\n", gb.problems[i].line,
			gb.problems[i].col, gb.problems[i].msg);
	ck_assert_uint_eq(gb.nproblems, 0);
	for (size_t i = 0; i < sizeof(tf_true) / sizeof(*tf_true); i++) {
		ck_near(earned(&gb, i, 1), 1);
		ck_near(earned(&gb, i, 2), 1);
		ck_near(earned(&gb, i, 3), 2);
		ck_assert_uint_eq(gb.cands[i].resp[0].mask, 1);
	}
	for (size_t i = 8; i < 8 + sizeof(acd) / sizeof(*acd); i++) {
		ck_near(earned(&gb, i, 2), 1);
		ck_near(earned(&gb, i, 3), 2);
		ck_assert_uint_eq(gb.cands[i].resp[2].mask, 0xd);
	}
	for (size_t i = n - 5; i < n; i++) {
		ck_near(earned(&gb, i, 1), 0);
		ck_assert_int_eq(gb.cands[i].resp[0].status, RESP_OK);
		ck_near(earned(&gb, i, 6), 1);
		ck_near(earned(&gb, i, 7), 1.5);
	}
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_invalid_answers)
{
	struct gradebook gb;
	char text[1024];

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,A,maybe,E,A1,ACD,ABC,6,,11,5\n"
		 "c2,Bob,A,T,\"A, C\",ACD,ACD,ABC,abc,16,,\n"
		 "c3,Cy,A,T,C,ACD,ACD,ABC,2.3,15,9,5\n");
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, 3);
	expect_problem(&gb, 2, 4, 1, "'maybe' is not true or false");
	expect_problem(&gb, 2, 5, 2, "option 'E' does not exist");
	expect_problem(&gb, 2, 6, 3, "question 3:");
	expect_problem(&gb, 2, 9, 6, "more than the 5 points");
	expect_problem(&gb, 2, 11, 7,
		       "score '11' is more than the 10 points of criterion 1");
	expect_problem(&gb, 3, 5, 2, "several answers 'A, C' to a "
		       "single-choice question");
	expect_problem(&gb, 3, 9, 6, "score 'abc' is not a number");
	expect_problem(&gb, 3, 10, 7, "more than the 15 points");
	expect_problem(&gb, 4, 9, 6, "not a whole or half point");
	expect_problem(&gb, 4, 10, 7, "marker total 15 does not match the "
		       "criteria sum 14");
	for (unsigned no = 1; no <= 3; no++)
		ck_assert_int_eq(gb.cands[0].resp[no - 1].status,
				 RESP_INVALID);
	ck_assert_str_eq(gb.cands[0].resp[0].raw, "maybe");
	ck_assert_int_eq(gb.cands[0].resp[6].status, RESP_INVALID);
	ck_near(gb.cands[0].total, 2 + 4);
	ck_near(gb.cands[1].total, 1 + 2 + 2 + 4);
	ck_near(earned(&gb, 2, 7), 14);
	ck_assert_str_eq(gb.cands[2].resp[6].raw, "9, 5");
	ck_assert(gb.cands[0].flagged && gb.cands[1].flagged &&
		  gb.cands[2].flagged);
	ck_assert(!gb.cands[0].incomplete);
	ck_assert_str_eq(gb.problems[0].candidate, "c1");
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_missing_criterion)
{
	struct gradebook gb;
	char text[512];

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,A,T,C,ACD,ACD,ABC,5,,8,\n");
	grade_csv(&gb, text);
	expect_problem(&gb, 2, 12, 7,
		       "missing marker score for criterion 2 of question 7");
	ck_assert(gb.cands[0].incomplete);
	ck_assert_int_eq(gb.cands[0].resp[6].status, RESP_MISSING);
	ck_near(earned(&gb, 0, 7), 8);
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_rows_never_dropped)
{
	struct gradebook gb;
	char text[1024];

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,C,T,C,ACD,ACD,ABC,5,15,,\n"
		 "c2,Bob,A,T,C\n"
		 "\n"
		 ",,,,,,,,,,,\n"
		 "c3,Cy,A,T,C,ACD,ACD,ABC,5,15,,,extra\n"
		 "c4,Di,,T\n");
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, 4);
	ck_assert_uint_eq(gb.sheets_read, 4);
	/* unknown form: kept without key, total 0 */
	ck_assert_ptr_null(gb.cands[0].key);
	ck_assert(gb.cands[0].flagged);
	ck_near(gb.cands[0].total, 0);
	expect_problem(&gb, 2, 3, 0, "no key for paper 'T-1' form 'C'");
	/* short row: flagged, graded with what is there */
	expect_problem(&gb, 3, 0, 0, "row has 5 fields, the header has 12");
	ck_near(gb.cands[1].section[0], 2);
	ck_assert(gb.cands[1].incomplete);
	/* long row (line 6 after the two blank ones) */
	ck_assert_uint_eq(gb.cands[2].line, 6);
	expect_problem(&gb, 6, 0, 0, "row has 13 fields, the header has 12");
	ck_near(gb.cands[2].total, 30);
	expect_problem(&gb, 7, 3, 0, "missing form");
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_pending_never_fail)
{
	struct gradebook gb;
	char text[1024];

	/* c1: a doubtful scan mark with its likely reading; c2: a lone '?'
	 * (a lost character or an undecided mark); c3: '?' inside an
	 * answer; c4: answers of another paper; c5: clean but below the
	 * pass mark; c6: a marker score over the maximum */
	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,A,T,?B,ACD,ACD,ABC,5,15,,\n"
		 "c2,Bob,A,?,C,ACD,ACD,ABC,5,15,,\n"
		 "c3,Cy,A,T,C,A?D,ACD,ABC,5,15,,\n"
		 "c4,Di,A,yes please,G,XYZ,H,Q,5,15,,\n"
		 "c5,Ed,A,F,A,B,B,D,1,2,,\n"
		 "c6,Fa,A,T,C,ACD,ACD,ABC,12,15,,\n");
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, 6);
	expect_problem(&gb, 2, 5, 2, "question 2: mark not decided by scan "
		       "(likely 'B')");
	ck_near(earned(&gb, 0, 2), 0);
	expect_problem(&gb, 3, 4, 1, "'?' is a mark scan could not decide, "
		       "or characters lost when the file was saved in another "
		       "encoding (save it as UTF-8)");
	expect_problem(&gb, 4, 6, 3, "may be a character lost when the file "
		       "was saved in another encoding (save it as UTF-8)");
	ck_assert_str_eq(gb.problems[expect_problem(&gb, 5, 0, 0, "5 of the 5 "
		       "answers to objective questions are not possible "
		       "answers on paper 'T-1' form 'A': is this a sheet of "
		       "another paper?")].msg_zh, "5 个客观题答案（共 5 个）不是"
		       "试卷“T-1” A 卷可能的答案：这是否是另一份试卷的答题卡？");
	expect_problem(&gb, 7, 9, 6, "more than the 5 points");
	for (size_t i = 0; i < 6; i++)
		ck_assert_int_eq(candidate_result(&gb.cands[i]),
				 i == 4 ? RESULT_FAIL : RESULT_PENDING);
	ck_assert_uint_eq(gb.cands[4].nproblems, 0);
	ck_assert_uint_eq(gb.cands[3].nproblems, 6);
	/* a doubtful mark is not counted as not fitting the paper */
	ck_assert_uint_eq(gb.cands[0].nunfit, 0);
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

/* The conversions of a printf format ("%.0s" is an 's'), one letter
 * each after its length modifier, into out. */
static void conversions(const char *fmt, char *out, size_t len)
{
	size_t n = 0;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		p += strspn(p, "-+ #0123456789.*");
		while (*p == 'l' || *p == 'z' || *p == 'h') {
			ck_assert_uint_lt(n, len - 1);
			out[n++] = *p++;
		}
		ck_assert_uint_lt(n, len - 1);
		out[n++] = *p;
	}
	out[n] = 0;
}

START_TEST(test_messages_catalog)
{
	char a[64], b[64];

	/* each Chinese format takes the English one's arguments, in order */
	ck_assert_uint_gt(gmsg_count(), 40);
	for (size_t i = 0; i < gmsg_count(); i++) {
		const char *en, *zh;

		gmsg_entry(i, &en, &zh);
		conversions(en, a, sizeof(a));
		conversions(zh, b, sizeof(b));
		ck_assert_msg(!strcmp(a, b), "'%s' takes %s, '%s' takes %s",
			      en, a, zh, b);
		ck_assert_str_ne(en, zh);
		ck_assert_ptr_eq(gmsg_zh(en), zh);
		/* Chinese text takes full-width punctuation; a position
		 * "%s:%u" and the quoted character "?" are not text */
		ck_assert_msg(!strpbrk(zh, ",;()") &&
			      (!strchr(zh, ':') || strstr(zh, "%s:%u")) &&
			      (!strchr(zh, '?') || strstr(zh, "\xE2\x80\x9C?")),
			      "'%s' has half-width punctuation", zh);
	}
	ck_assert_str_eq(gmsg_zh("not in the catalog"), "not in the catalog");
}
END_TEST

START_TEST(test_csv_words_hant)
{
	const char *const *zh = (const char *const *)&csv_words_zh;
	const char *const *hant = (const char *const *)&csv_words_hant;
	struct diags d = DIAGS_INIT;

	/* the Traditional words are OpenCC's conversion of the Simplified */
	for (size_t i = 0; i < offsetof(struct csv_words, people) / sizeof(*zh);
	     i++) {
		char *t = script_convert(SCRIPT_HANT, zh[i], &d);

		ck_assert_ptr_nonnull(t);
		ck_assert_str_eq(hant[i], t);
		free(t);
	}
	diags_release(&d);
}
END_TEST

START_TEST(test_header_problems)
{
	struct gradebook gb;

	grade_csv(&gb, "candidate_id,name,form,remarks,1,2,3,4,5,7,7.1,7.2,"
		       "7.x\n"
		       "c1,Ann,A,late,T,C,ACD,ACD,ABC,15,,,\n"
		       "c2,Bob,A,,T,C,ACD,ACD,ABC,15,,,\n");
	/* an extra column is carried as notes, not a problem (a warning) */
	ck_assert_str_eq(gb.cands[0].notes, "remarks: late");
	ck_assert_ptr_null(gb.cands[1].notes);
	expect_problem(&gb, 1, 13, 0, "unknown column '7.x'");
	/* question 6 has no column: said once for the file */
	expect_problem(&gb, 2, 0, 6, "no column for question 6");
	ck_assert_uint_eq(gb.nproblems, 2 + 2);
	expect_problem(&gb, 2, 0, 6, "missing marker score for question 6");
	ck_assert_ptr_null(gb.problems[0].candidate);
	/* a bad header makes every row pending, each counting it */
	for (size_t i = 0; i < 2; i++) {
		ck_assert_int_eq(candidate_result(&gb.cands[i]),
				 RESULT_PENDING);
		ck_assert_uint_eq(gb.cands[i].nproblems, 3);
	}
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_duplicate_ids)
{
	struct gradebook gb;
	char text[512];

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,Ann,A,T,C,ACD,ACD,ABC,5,15,,\n"
		 "c2,Bob,A,T,C,ACD,ACD,ABC,5,15,,\n");
	grade_csv(&gb, text);
	snprintf(text, sizeof(text), "%s%s", header,
		 "c3,Cy,A,T,C,ACD,ACD,ABC,5,15,,\n"
		 "c1,Ann again,A,T,C,ACD,ACD,ABC,5,15,,\n");
	read_sheet(&gb, put_s("t.csv", text));
	ck_assert_uint_eq(gb.ncands, 4);
	ck_assert(gb.cands[0].flagged);
	ck_assert(!gb.cands[1].flagged);
	ck_assert(!gb.cands[2].flagged);
	ck_assert(gb.cands[3].flagged);
	expect_problem(&gb, 3, 0, 0, "duplicate candidate id 'c1' (also at");
	expect_problem(&gb, 2, 0, 0, "duplicate candidate id 'c1' (again at");
	ck_near(gb.cands[3].total, 30);
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_many_ids_hash)
{
	struct gradebook gb;
	size_t n = 5000, cap = n * 48 + 100;
	char *text = malloc(cap), *p = text;

	p += sprintf(p, "%s", header);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "id%zu,,A,T,C,ACD,ACD,ABC,5,15,,\n",
			     i == n - 1 ? (size_t)17 : i);
	grade_csv(&gb, text);
	ck_assert_uint_eq(gb.ncands, n);
	ck_assert_uint_eq(gb.nproblems, 2);
	ck_assert(gb.cands[17].flagged && gb.cands[n - 1].flagged);
	gradebook_release(&gb);
	free(text);
}
END_TEST

START_TEST(test_gbk_and_bom)
{
	struct gradebook gb;
	/* "张三" and "对" in GBK, with CRLF line ends */
	static const char gbk[] =
		"candidate_id,name,form,1,2,3,4,5,6,7\r\n"
		"g1,\xd5\xc5\xc8\xfd,A,\xb6\xd4,C,ACD,ACD,ABC,5,15\r\n";
	char text[512];

	book(&gb);
	read_sheet(&gb, put("gbk.csv", gbk, sizeof(gbk) - 1));
	snprintf(text, sizeof(text), "\xef\xbb\xbf%s%s", header,
		 "b1,李四,A,错,C,ACD,ACD,ABC,5,15,,\n");
	read_sheet(&gb, put_s("bom.csv", text));
	ck_assert_uint_eq(gb.nproblems, 0);
	ck_assert_str_eq(gb.cands[0].name, "张三");
	ck_assert_str_eq(gb.cands[0].resp[0].raw, "对");
	ck_near(gb.cands[0].total, 30);
	ck_assert_str_eq(gb.cands[1].id, "b1");
	ck_near(gb.cands[1].total, 29);
	/* bytes that are neither UTF-8 nor GB18030 */
	read_sheet(&gb, put("bad.csv", "id\n\xff\xfe\xfd\x80\n", 8));
	expect_problem(&gb, 2, 1, 0, "not UTF-8 or GB18030 text: byte 0xFF");
	gradebook_release(&gb);
}
END_TEST

static const char yaml_sheet[] =
	"# a filled-in sheet\n"
	"paper: T-1\n"
	"form: A\n"
	"candidate: {id: \"2026001\", name: 张三}\n"
	"answers:\n"
	"  1: T\n"
	"  2: c\n"
	"  3: [A, C, D]\n"
	"  4: A C\n"
	"  5: ~\n"
	"  6: 4.5\n"
	"  7: [8, 5]\n";

START_TEST(test_yaml_sheet)
{
	struct gradebook gb;

	book(&gb);
	read_sheet(&gb, put_s("s.yaml", yaml_sheet));
	ck_assert_uint_eq(gb.ncands, 1);
	ck_assert_uint_eq(gb.nproblems, 0);
	ck_assert_str_eq(gb.cands[0].id, "2026001");
	ck_assert_str_eq(gb.cands[0].name, "张三");
	ck_assert_uint_eq(gb.cands[0].line, 2);
	ck_near(earned(&gb, 0, 3), 2);
	ck_assert_str_eq(gb.cands[0].resp[2].raw, "A,C,D");
	ck_near(earned(&gb, 0, 4), 1);
	ck_assert_int_eq(gb.cands[0].resp[4].status, RESP_BLANK);
	ck_near(earned(&gb, 0, 7), 13);
	ck_near(gb.cands[0].total, 1 + 1 + 2 + 1 + 4.5 + 13);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_yaml_sheet_problems)
{
	struct gradebook gb;

	book(&gb);
	read_sheet(&gb, put_s("a.yaml",
			      "paper: T-1\nform: A\nextra: 1\n"
			      "candidate: {id: x1, name: A}\n"
			      "answers:\n  1: T\n  9: A\n  7: [8]\n"
			      "  2: {a: 1}\n  3: [A, [B]]\n"));
	expect_problem(&gb, 3, 1, 0, "unknown key 'extra'");
	expect_problem(&gb, 7, 3, 0, "no question '9' on paper 'T-1' form "
		       "'A'");
	expect_problem(&gb, 8, 7, 7, "1 criterion scores given for 2 "
		       "criteria");
	expect_problem(&gb, 9, 6, 2, "the answer must be a value or a list");
	expect_problem(&gb, 10, 10, 3, "a list inside an answer");
	expect_problem(&gb, 1, 0, 6, "missing marker score for question 6");
	/* broken YAML and an unknown form still give a candidate */
	read_sheet(&gb, put_s("b.yaml", "paper: T-1\nanswers: [\n"));
	read_sheet(&gb, put_s("c.yaml", "paper: T-1\nform: Q\n"
			      "candidate: {id: x3}\n"));
	ck_assert_uint_eq(gb.ncands, 3);
	ck_assert(gb.cands[1].flagged && !gb.cands[1].key);
	ck_assert_str_eq(gb.cands[2].id, "x3");
	expect_problem(&gb, 1, 0, 0, "no key for paper 'T-1' form 'Q'");
	all_in_chinese(&gb);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_keys_folder_and_papers)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;
	char sub[128], *k2 = strdup(key_a), *at;
	const char *p1;

	/* form B of T-1 and form A of paper U-2, in a build folder */
	snprintf(sub, sizeof(sub), "%s/out", dir);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	k2[strstr(k2, "form: A") - k2 + 6] = 'B';
	put_s("out/T-1-B.key.yaml", k2);
	put_s("out/T-1-A.key.yaml", key_a);
	at = strstr(k2, "T-1");
	memcpy(at, "U-2", 3);
	k2[strstr(k2, "form: B") - k2 + 6] = 'A';
	put_s("out/U-2-A.key.yaml", k2);
	put_s("out/notes.yaml", "not a key");
	gradebook_init(&gb);
	ck_assert_int_eq(keyset_add(&gb.keys, sub, &d), 0);
	ck_assert_uint_eq(gb.keys.nkeys, 3);
	ck_assert_str_eq(gb.keys.keys[0]->form, "A");
	ck_assert_str_eq(gb.keys.keys[1]->form, "B");
	ck_assert_str_eq(gb.keys.keys[2]->paper, "U-2");
	ck_assert_uint_eq(gb.keys.nsection_titles, 2);
	/* the same key again: refused */
	ck_assert_int_eq(keyset_add(&gb.keys, put_s("again.key.yaml",
						       key_a), &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "second key for paper "
				     "'T-1' form 'A'"));
	ck_assert_int_lt(diags_exit(&d), DIAG_SYSTEM);
	/* several papers: rows need a paper column */
	p1 = put_s("p.csv", "candidate_id,name,form,1\nx,,A,T\n");
	read_sheet(&gb, p1);
	expect_problem(&gb, 2, 0, 0, "no paper given, and keys of several "
		       "papers are loaded");
	read_sheet(&gb, put_s("q.csv", "paper,candidate_id,form,1\n"
			      "U-2,y,a,T\nT-1,z,B,F\n"));
	ck_assert_ptr_eq(gb.cands[1].key, gb.keys.keys[2]);
	ck_assert_ptr_eq(gb.cands[2].key, gb.keys.keys[1]);
	ck_near(earned(&gb, 1, 1), 1);
	/* an empty folder */
	snprintf(sub, sizeof(sub), "%s/empty", dir);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	ck_assert_int_eq(keyset_add(&gb.keys, sub, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[d.n - 1].msg, "no key files"));
	diags_release(&d);
	gradebook_release(&gb);
	free(k2);
}
END_TEST

/* Everything fp received, as a string (caller frees). */
static char *capture(int (*writer)(FILE *, const struct gradebook *),
		     const struct gradebook *gb)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(writer(fp, gb), 0);
	fclose(fp);
	return buf;
}

START_TEST(test_csv_output)
{
	struct gradebook gb;
	char text[1024], *out;

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,=1+1,A,T,C,ACD,ACD,ABC,5,,10,4\n"
		 "c2,\"Smith, J\",A,T,C,AC,AC,AB,3,12,,\n"
		 "@c3,Cy,X,,,,,,,,,\n");
	grade_csv(&gb, text);
	out = capture(grade_out_csv, &gb);
	ck_assert_str_eq(out,
		"candidate_id,name,form,Choice,Written,total,percent,result,"
		"problems\n"
		"c1,'=1+1,A,10,19,29,96.67,pass,0\n"
		"c2,\"Smith, J\",A,5.6667,15,20.6667,68.89,pass,0\n"
		"'@c3,Cy,X,,,0,0,pending,1\n");
	free(out);
	gradebook_release(&gb);
}
END_TEST

START_TEST(test_json_output)
{
	struct gradebook gb;
	char text[1024], *out;

	snprintf(text, sizeof(text), "%s%s", header,
		 "c1,\"a\"\"b\\\tc\",A,T,C,ACD,ACD,ABC,5,,10,\n");
	grade_csv(&gb, text);
	out = capture(grade_out_json, &gb);
	ck_assert_ptr_nonnull(strstr(out, "\"name\":\"a\\\"b\\\\\\tc\""));
	ck_assert_ptr_nonnull(strstr(out, "\"sections\":{\"Choice\":10,"
				     "\"Written\":15}"));
	ck_assert_ptr_nonnull(strstr(out, "{\"no\":7,\"id\":\"es1\","
				     "\"response\":\"10, \",\"points\":10,"
				     "\"max\":15,\"status\":\"missing\"}"));
	ck_assert_ptr_nonnull(strstr(out, "\"flagged\":true,"
				     "\"incomplete\":true"));
	ck_assert_ptr_nonnull(strstr(out, "\"line\":2,\"column\":12,"
				     "\"candidate\":\"c1\",\"question\":7,"
				     "\"message\":\"missing marker score for "
				     "criterion 2 of question 7\"}"));
	ck_assert_ptr_nonnull(strstr(out, "\"summary\":{\"sheets\":1,"
				     "\"clean\":0,\"flagged\":1,"));
	free(out);
	gradebook_release(&gb);
}
END_TEST

/* The grade suite. */
static Suite *grade_suite(void)
{
	Suite *s = suite_create("grade");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_scoring_rules);
	tcase_add_test(tc, test_spellings);
	tcase_add_test(tc, test_invalid_answers);
	tcase_add_test(tc, test_missing_criterion);
	tcase_add_test(tc, test_rows_never_dropped);
	tcase_add_test(tc, test_pending_never_fail);
	tcase_add_test(tc, test_header_problems);
	tcase_add_test(tc, test_messages_catalog);
	tcase_add_test(tc, test_csv_words_hant);
	tcase_add_test(tc, test_duplicate_ids);
	tcase_add_test(tc, test_many_ids_hash);
	tcase_add_test(tc, test_gbk_and_bom);
	tcase_add_test(tc, test_yaml_sheet);
	tcase_add_test(tc, test_yaml_sheet_problems);
	tcase_add_test(tc, test_keys_folder_and_papers);
	tcase_add_test(tc, test_csv_output);
	tcase_add_test(tc, test_json_output);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(grade_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
