/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_template.c - unit tests of the template loader (src/paper/template.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paper/paper.h"
#include "paper/template.h"

/* Load template text from a temporary file. */
static struct template *load_text(const char *text, struct diags *d,
				  bool *bad, char *path)
{
	int fd;
	FILE *fp;

	strcpy(path, "/tmp/check_template_XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return template_load(path, d, bad);
}

/* True if some message equals msg at line:col. */
static bool has_msg(const struct diags *d, unsigned line, unsigned col,
		    const char *msg)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strcmp(d->v[i].msg, msg) == 0)
			return true;
	return false;
}

START_TEST(test_full_template)
{
	struct diags d = DIAGS_INIT;
	char path[64];
	bool bad;
	struct template *t = load_text(
		"code: CSM-2026\n"
		"title: 2026年客户服务经理面试考核\n"
		"language: en\n"
		"duration: 90\n"
		"banks: [../bank/cs-manager.yaml, /abs/b.yaml]\n"
		"total: 180\n"
		"pass: 60%\n"
		"forms: {count: 2, vary: questions}\n"
		"shuffle: {questions: false, options: true}\n"
		"scoring: {multiple: per_option}\n"
		"sections:\n"
		"  - title: 情景模拟题\n"
		"    instructions: 每题20分\n"
		"    picks:\n"
		"      - {type: essay, tags: [scenario], count: 3, points: 20}\n"
		"      - {any_tags: [a, b], difficulty: hard, bank: x,"
		" count: 1, points: 7.5}\n"
		"      - {ids: [q1, q2]}\n", &d, &bad, path);

	ck_assert_ptr_nonnull(t);
	ck_assert_msg(!bad, "%s", d.n ? d.v[0].msg : "");
	ck_assert_str_eq(t->code, "CSM-2026");
	ck_assert_str_eq(t->language, "en");
	ck_assert_uint_eq(t->duration, 90);
	ck_assert_uint_eq(t->nbanks, 2);
	ck_assert_str_eq(t->banks[0] + strlen(t->banks[0]) -
			 strlen("/../bank/cs-manager.yaml"),
			 "/../bank/cs-manager.yaml");
	ck_assert_int_eq(strncmp(t->banks[0], "/tmp", 4), 0);
	ck_assert_str_eq(t->banks[1], "/abs/b.yaml");
	ck_assert_double_eq(t->total, 180);
	ck_assert(t->pass_percent);
	ck_assert_double_eq(template_pass_points(t, 180), 108);
	ck_assert_uint_eq(t->forms, 2);
	ck_assert_int_eq(t->vary, VARY_QUESTIONS);
	ck_assert(!t->shuffle_questions);
	ck_assert_int_eq(t->multiple_rule, MC_PER_OPTION);
	ck_assert_uint_eq(t->sections[0].npicks, 3);
	ck_assert_int_eq(t->sections[0].picks[0].type, Q_ESSAY);
	ck_assert_double_eq(t->sections[0].picks[1].points, 7.5);
	ck_assert_int_eq(t->sections[0].picks[1].difficulty, DIFF_HARD);
	ck_assert_uint_eq(t->sections[0].picks[2].count, 2);
	ck_assert_double_eq(t->sections[0].picks[2].points, -1);
	template_free(t);
	unlink(path);
	diags_release(&d);
}
END_TEST

START_TEST(test_every_problem)
{
	struct diags d = DIAGS_INIT;
	char path[64];
	bool bad;
	struct template *t = load_text(
		"code: CSM 2026\n"
		"titel: x\n"
		"language: fr\n"
		"pass: lots\n"
		"forms: {count: 0, vary: all}\n"
		"sections:\n"
		"  - title: a\n"
		"    picks:\n"
		"      - {tags: [x], points: -1}\n"
		"      - {count: 2, colour: red}\n", &d, &bad, path);

	ck_assert_ptr_nonnull(t);
	ck_assert(bad);
	ck_assert(has_msg(&d, 1, 7, "code 'CSM 2026' may use only letters, "
			  "digits, '.', '_' and '-'"));
	ck_assert(has_msg(&d, 2, 1, "unknown key 'titel'; did you mean "
			  "'title'?"));
	ck_assert(has_msg(&d, 1, 1, "a template needs a 'title'"));
	ck_assert(has_msg(&d, 3, 11, "'language' must be zh-Hans, zh-Hant "
			  "or en (zh is zh-Hans), not 'fr'"));
	ck_assert(has_msg(&d, 4, 7, "'pass' must be a percentage such as "
			  "60% or a number of points"));
	ck_assert(has_msg(&d, 5, 16, "'count' must be 1 to 1000"));
	ck_assert(has_msg(&d, 5, 25, "'vary' must be 'order' or "
			  "'questions', not 'all'"));
	ck_assert(has_msg(&d, 9, 9, "a pick needs 'count' (how many "
			  "questions to draw)"));
	ck_assert(has_msg(&d, 9, 29, "'points' must be a positive whole or "
			  "half number, not '-1'"));
	ck_assert(has_msg(&d, 10, 20, "unknown key 'colour'"));
	template_free(t);
	unlink(path);
	diags_release(&d);
}
END_TEST

/* 'lines' on a section is the default of its picks; a pick's own wins;
 * none given is -1 (by the points); a bad value is reported. */
START_TEST(test_answer_lines)
{
	struct diags d = DIAGS_INIT;
	char path[64];
	bool bad;
	struct template *t = load_text(
		"code: L\n"
		"title: t\n"
		"sections:\n"
		"  - title: a\n"
		"    lines: 0\n"
		"    picks:\n"
		"      - {type: essay, count: 1}\n"
		"      - {type: essay, count: 1, lines: 12}\n"
		"  - title: b\n"
		"    picks:\n"
		"      - {type: short, count: 1}\n"
		"      - {type: short, count: 1, lines: many}\n", &d, &bad, path);
	struct paper_item it = { .points = 12 };

	ck_assert_ptr_nonnull(t);
	ck_assert(bad);
	ck_assert_int_eq(t->sections[0].picks[0].lines, 0);
	ck_assert_int_eq(t->sections[0].picks[1].lines, 12);
	ck_assert_int_eq(t->sections[1].picks[0].lines, -1);
	ck_assert_uint_eq(d.errors, 1);
	/* without 'lines' the room follows the points */
	ck_assert_uint_eq(item_answer_lines(&it), 10);
	it.points = 5;
	ck_assert_uint_eq(item_answer_lines(&it), 6);
	it.points = 100;
	ck_assert_uint_eq(item_answer_lines(&it), 20);
	it.lines_given = true;
	ck_assert_uint_eq(item_answer_lines(&it), 0);
	template_free(t);
	unlink(path);
	diags_release(&d);
}
END_TEST

/* 'marking': double marking, its tolerance in halves and the final rule;
 * without it single marking; bad values reported where they stand. */
START_TEST(test_marking)
{
	struct diags d = DIAGS_INIT;
	char path[64];
	bool bad;
	struct template *t = load_text(
		"code: M\ntitle: t\n"
		"marking: {double: true, tolerance: 2.5, final: arbiter}\n"
		"sections:\n  - title: a\n    picks:\n"
		"      - {type: essay, count: 1}\n", &d, &bad, path);

	ck_assert_ptr_nonnull(t);
	ck_assert_msg(!bad, "%s", d.n ? d.v[0].msg : "");
	ck_assert(t->has_marking);
	ck_assert(t->marking.twice);
	ck_assert_double_eq(t->marking.tolerance, 2.5);
	ck_assert_int_eq(t->marking.final, MARKING_ARBITER);
	template_free(t);
	unlink(path);
	t = load_text("code: M\ntitle: t\n"
		      "sections:\n  - title: a\n    picks:\n"
		      "      - {type: essay, count: 1}\n", &d, &bad, path);
	ck_assert(!bad);
	ck_assert(!t->has_marking);
	ck_assert(!t->marking.twice);
	ck_assert_int_eq(t->marking.final, MARKING_MEAN);
	template_free(t);
	unlink(path);
	t = load_text("code: M\ntitle: t\n"
		      "marking: {double: yes please, tolerance: -1, "
		      "final: median, judge: x}\n"
		      "sections:\n  - title: a\n    picks:\n"
		      "      - {type: essay, count: 1}\n", &d, &bad, path);
	ck_assert(bad);
	ck_assert(has_msg(&d, 3, 61, "unknown key 'judge'"));
	ck_assert(has_msg(&d, 3, 19, "'double' must be true or false, not "
			  "'yes please'"));
	ck_assert(has_msg(&d, 3, 42, "'tolerance' must be 0 or more points "
			  "in halves, not '-1'"));
	ck_assert(has_msg(&d, 3, 53, "unknown final rule 'median' (mean or "
			  "arbiter)"));
	template_free(t);
	unlink(path);
	t = load_text("code: M\ntitle: t\nmarking: {tolerance: 0.3}\n"
		      "sections:\n  - title: a\n    picks:\n"
		      "      - {type: essay, count: 1}\n", &d, &bad, path);
	ck_assert(bad);
	ck_assert(has_msg(&d, 3, 22, "'tolerance' must be 0 or more points "
			  "in halves, not '0.3'"));
	template_free(t);
	unlink(path);
	diags_release(&d);
}
END_TEST

START_TEST(test_missing_file)
{
	struct diags d = DIAGS_INIT;
	bool bad;

	ck_assert_ptr_null(template_load("/nonexistent/t.yaml", &d, &bad));
	ck_assert_str_eq(d.v[0].msg, "cannot read template: no such file or "
			 "folder");
	diags_release(&d);
}
END_TEST

/* The template suite. */
static Suite *template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_full_template);
	tcase_add_test(tc, test_every_problem);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_answer_lines);
	tcase_add_test(tc, test_marking);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(template_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
