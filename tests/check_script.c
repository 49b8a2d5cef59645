/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_script.c - unit tests of script conversion (src/paper/script.c): the
 * language tags, and a paper's other-script text converted with OpenCC
 * once per question, in every field, for every form. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "paper/paper.h"
#include "paper/script.h"

static const char hans_bank[] =
	"bank: hans\n"
	"questions:\n"
	"  - id: e1\n"
	"    type: essay\n"
	"    stem: 请说明后续跟进的步骤。\n"
	"    rubric:\n"
	"      - {criterion: 了解客户需求, points: 4}\n"
	"      - {criterion: 发现问题, points: 6}\n"
	"    reference: 先联系客户。\n"
	"    keys: [体现责任, 说明原因]\n"
	"    deductions: [推卸责任]\n"
	"    explanation: 头发。\n"
	"  - {id: s1, type: single, stem: 哪个对？, options: [后来, 头发],"
	" answer: A}\n";

static const char hant_bank[] =
	"bank: hant\n"
	"language: zh-Hant\n"
	"questions:\n"
	"  - {id: t1, type: true_false, stem: 這裡為什麼這麼慢？, answer: true}\n";

/* A paper of every question of both banks in a template of language
 * lang, with two forms. */
struct fixture {
	struct template *t;
	struct bankset bs;
	struct paper *p;
	struct diags d;
};

/* Load the banks and a template, assemble seed 1. */
static void fixture_load(struct fixture *f, const char *lang)
{
	char tpl[1024];
	bool bad;

	snprintf(tpl, sizeof(tpl), "code: T\ntitle: 客服测试\n"
		 "language: %s\nforms: {count: 2, vary: order}\n"
		 "sections:\n  - title: 一、题目\n    instructions: 共3题。\n"
		 "    picks: [{count: 3}]\n", lang);
	diags_init(&f->d);
	bankset_init(&f->bs);
	ck_assert_int_eq(bankset_load_buffer(&f->bs, "hans.yaml", hans_bank,
					     strlen(hans_bank), &f->d), 0);
	ck_assert_int_eq(bankset_load_buffer(&f->bs, "hant.yaml", hant_bank,
					     strlen(hant_bank), &f->d), 0);
	f->t = template_load_buffer("t.yaml", tpl, strlen(tpl), &f->d, &bad);
	ck_assert_ptr_nonnull(f->t);
	ck_assert(!bad);
	f->p = paper_assemble(f->t, &f->bs, 1, 0, &f->d);
	ck_assert_ptr_nonnull(f->p);
}

/* Free the fixture. */
static void fixture_release(struct fixture *f)
{
	paper_free(f->p);
	template_free(f->t);
	bankset_release(&f->bs);
	diags_release(&f->d);
}

/* The item of form f showing question id. */
static const struct paper_item *item(const struct paper *p, size_t f,
				     const char *id)
{
	for (size_t i = 0; i < p->forms[f].nitems; i++)
		if (!strcmp(p->forms[f].items[i].q->id, id))
			return &p->forms[f].items[i];
	ck_abort_msg("no question '%s' in form %zu", id, f);
	return NULL;
}

START_TEST(test_language_tags)
{
	ck_assert_int_eq(script_of_template_language("zh"), SCRIPT_HANS);
	ck_assert_int_eq(script_of_template_language("zh-Hans"), SCRIPT_HANS);
	ck_assert_int_eq(script_of_template_language("zh-Hant"), SCRIPT_HANT);
	ck_assert_int_eq(script_of_template_language("en"), SCRIPT_NONE);
	ck_assert_int_eq(script_of_template_language("zh-TW"), -1);
	ck_assert_int_eq(script_of_template_language("fr"), -1);
	ck_assert_int_eq(script_of_bank_language(NULL), SCRIPT_HANS);
	ck_assert_int_eq(script_of_bank_language("zh-CN"), SCRIPT_HANS);
	ck_assert_int_eq(script_of_bank_language("zh-HK"), SCRIPT_HANT);
	ck_assert_int_eq(script_of_bank_language("zh-Hant"), SCRIPT_HANT);
	ck_assert_int_eq(script_of_bank_language("en"), SCRIPT_NONE);
	ck_assert_str_eq(script_tag(SCRIPT_HANT), "zh-Hant");
}
END_TEST

START_TEST(test_hant_paper_converts_every_field_once)
{
	struct fixture f;
	const struct paper_item *e, *e2, *s, *t;
	const struct question *orig;

	fixture_load(&f, "zh-Hant");
	ck_assert_str_eq(f.t->language, "zh-Hant");
	orig = bankset_find(&f.bs, "e1");
	ck_assert_int_eq(script_convert_template(f.t, &f.d), 0);
	ck_assert_str_eq(f.t->title, "客服測試");
	ck_assert_str_eq(f.t->sections[0].instructions, "共3題。");
	ck_assert_int_eq(script_convert_paper(f.p, &f.d), 0);
	ck_assert_uint_eq(f.d.n, 0);
	e = item(f.p, 0, "e1");
	ck_assert_ptr_ne(e->q, orig);
	ck_assert_str_eq(e->q->stem, "請說明後續跟進的步驟。");
	ck_assert_str_eq(e->q->rubric[0].text, "瞭解客戶需求");
	ck_assert_str_eq(e->q->rubric[1].text, "發現問題");
	ck_assert(e->q->rubric[1].points == 6);
	ck_assert_str_eq(e->q->reference, "先聯繫客戶。");
	ck_assert_str_eq(e->q->keys[1], "說明原因");
	ck_assert_str_eq(e->q->deductions[0], "推卸責任");
	ck_assert_str_eq(e->q->explanation, "頭髮。");
	ck_assert_str_eq(e->q->bank->language, "zh-Hant");
	ck_assert_str_eq(e->q->bank->name, "hans");
	/* the bank's own question is untouched */
	ck_assert_str_eq(orig->stem, "请说明后续跟进的步骤。");
	/* one copy per question, shared by the forms */
	e2 = item(f.p, 1, "e1");
	ck_assert_ptr_eq(e->q, e2->q);
	s = item(f.p, 0, "s1");
	ck_assert_str_eq(s->q->options[0].text, "後來");
	ck_assert_str_eq(s->q->options[1].text, "頭髮");
	ck_assert_ptr_eq(s->q->bank, e->q->bank);
	/* zh-Hant text is left as written */
	t = item(f.p, 0, "t1");
	ck_assert_ptr_eq(t->q, bankset_find(&f.bs, "t1"));
	fixture_release(&f);
}
END_TEST

START_TEST(test_hans_paper_converts_hant_bank)
{
	struct fixture f;
	const struct paper_item *t;

	fixture_load(&f, "zh");
	ck_assert_str_eq(f.t->language, "zh-Hans");
	ck_assert_int_eq(script_convert_template(f.t, &f.d), 0);
	ck_assert_str_eq(f.t->title, "客服测试");
	ck_assert_int_eq(script_convert_paper(f.p, &f.d), 0);
	t = item(f.p, 1, "t1");
	ck_assert_str_eq(t->q->stem, "这里为什么这么慢？");
	ck_assert_str_eq(t->q->bank->language, "zh-Hans");
	ck_assert_ptr_eq(item(f.p, 0, "e1")->q, bankset_find(&f.bs, "e1"));
	fixture_release(&f);
}
END_TEST

START_TEST(test_english_paper_is_not_converted)
{
	struct fixture f;

	fixture_load(&f, "en");
	ck_assert_int_eq(script_convert_template(f.t, &f.d), 0);
	ck_assert_int_eq(script_convert_paper(f.p, &f.d), 0);
	ck_assert_str_eq(item(f.p, 0, "t1")->q->stem, "這裡為什麼這麼慢？");
	ck_assert_str_eq(item(f.p, 0, "e1")->q->stem,
			 "请说明后续跟进的步骤。");
	ck_assert_str_eq(f.t->title, "客服测试");
	fixture_release(&f);
}
END_TEST

START_TEST(test_traditional_template_text_kept)
{
	static const char tpl[] =
		"code: T\ntitle: 為了解決問題\nlanguage: zh-Hant\n"
		"sections:\n  - {title: 一、判斷題, instructions: 了解一下,"
		" picks: [{count: 1}]}\n";
	struct diags d = DIAGS_INIT;
	struct template *t;
	bool bad;

	t = template_load_buffer("t.yaml", tpl, strlen(tpl), &d, &bad);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(script_convert_template(t, &d), 0);
	/* s2tw would make 為瞭解決 of Traditional text: it is left alone */
	ck_assert_str_eq(t->title, "為了解決問題");
	ck_assert_str_eq(t->sections[0].title, "一、判斷題");
	/* text without a Traditional character is taken as Simplified */
	ck_assert_str_eq(t->sections[0].instructions, "瞭解一下");
	template_free(t);
	diags_release(&d);
}
END_TEST

START_TEST(test_template_language_values)
{
	static const char tpl[] = "code: T\ntitle: x\nlanguage: zh-TW\n";
	struct diags d = DIAGS_INIT;
	struct template *t;
	size_t i;
	bool bad;

	t = template_load_buffer("t.yaml", tpl, strlen(tpl), &d, &bad);
	ck_assert_ptr_nonnull(t);
	ck_assert(bad);
	for (i = 0; i < d.n; i++)
		if (d.v[i].line == 3)
			break;
	ck_assert_uint_lt(i, d.n);
	ck_assert_str_eq(d.v[i].msg, "'language' must be zh-Hans, zh-Hant or "
			 "en (zh is zh-Hans), not 'zh-TW'");
	template_free(t);
	diags_release(&d);
}
END_TEST

/* The script suite. */
static Suite *script_suite(void)
{
	Suite *s = suite_create("script");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_language_tags);
	tcase_add_test(tc, test_hant_paper_converts_every_field_once);
	tcase_add_test(tc, test_hans_paper_converts_hant_bank);
	tcase_add_test(tc, test_english_paper_is_not_converted);
	tcase_add_test(tc, test_traditional_template_text_kept);
	tcase_add_test(tc, test_template_language_values);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite. */
int main(void)
{
	SRunner *sr = srunner_create(script_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
