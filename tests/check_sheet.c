/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_sheet.c - the answer-sheet layout: a bubble per option and score
 * value, the candidate-id grid only on blank sheets with every other bubble
 * in the same place, nothing overlapping or off the page, four marks and a
 * QR per page, the key's layout block read back exactly, and the QR text
 * round trip. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper/sheet-layout.h"

static struct criterion rubric[2] = { { "倾听", 5 }, { "方案", 12.5 } };
static struct question questions[4] = {
	{ .id = "scen-1", .type = Q_ESSAY, .rubric = rubric, .nrubric = 2 },
	{ .id = "tf-1", .type = Q_TRUE_FALSE, .answer_tf = true },
	{ .id = "sc-1", .type = Q_SINGLE, .noptions = 4 },
	{ .id = "mc-1", .type = Q_MULTIPLE, .noptions = 5 },
};

enum { MANY = 200 };

/* A paper whose form has n items: an essay, then true/false, single and
 * multiple in turn, in two sections. */
static void make_paper(struct paper *p, struct template *t,
		       struct paper_form *f, struct paper_item *items,
		       size_t n, struct paper_section *secs)
{
	memset(t, 0, sizeof(*t));
	t->code = "CSS-2026";
	t->title = "客服笔试";
	t->language = "zh";
	memset(items, 0, n * sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct question *q = &questions[i ? 1 + (i - 1) % 3 : 0];

		items[i] = (struct paper_item){ .no = (unsigned)i + 1, .q = q,
			.points = i ? 1 : 17.5,
			.noptions = (unsigned)q->noptions };
	}
	secs[0] = (struct paper_section){ .title = "一、情景题", .first = 0,
					  .count = 1, .points = 17.5 };
	secs[1] = (struct paper_section){ .title = "二、选择题", .first = 1,
					  .count = n - 1,
					  .points = (double)n - 1 };
	memset(f, 0, sizeof(*f));
	strcpy(f->name, "B");
	f->items = items;
	f->nitems = n;
	f->sections = secs;
	f->nsections = 2;
	memset(p, 0, sizeof(*p));
	p->tpl = t;
	p->forms = f;
	p->nforms = 1;
}

/* Bubbles of a kind in L. */
static size_t count(const struct sheet_layout *L, enum sheet_bubble_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < L->nbubbles; i++)
		n += L->bubbles[i].kind == k;
	return n;
}

START_TEST(test_bubbles)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct sheet_layout L;
	size_t tens = 0, units = 0, half = 0;

	make_paper(&p, &t, &f, items, 4, secs);
	ck_assert_int_eq(sheet_layout_build(&L, &p, &f, NULL, NULL), 0);
	ck_assert_uint_eq(count(&L, SB_OPTION), 2 + 4 + 5);
	ck_assert_uint_eq(count(&L, SB_ID), 10 * SHEET_ID_DIGITS);
	for (size_t i = 0; i < L.nbubbles; i++) {
		const struct sheet_bubble *b = &L.bubbles[i];

		ck_assert(b->r >= 2.5);	/* at least 5 mm across */
		if (b->kind != SB_SCORE)
			continue;
		ck_assert_uint_eq(b->question, 1);
		if (b->criterion == 1) {
			/* 5 points: units 0..5 and a half */
			ck_assert(b->group != SG_TENS);
			ck_assert(b->value <= 5);
		}
		tens += b->group == SG_TENS;
		units += b->group == SG_UNITS;
		half += b->group == SG_HALF;
	}
	/* 12.5 points: tens 0, 10; units 0..9 for the second criterion */
	ck_assert_uint_eq(tens, 2);
	ck_assert_uint_eq(units, 6 + 10);
	ck_assert_uint_eq(half, 2);
	ck_assert_uint_eq(L.pages, 1);
	ck_assert_uint_eq(L.nmarks, 8);
	ck_assert_uint_eq(L.nqr, 1);
	sheet_layout_release(&L);
}
END_TEST

START_TEST(test_printed_keeps_places)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct sheet_layout a, b;
	size_t j = 0;

	make_paper(&p, &t, &f, items, 4, secs);
	ck_assert_int_eq(sheet_layout_build(&a, &p, &f, NULL, NULL), 0);
	ck_assert_int_eq(sheet_layout_build(&b, &p, &f, "2026001", "张三"),
			 0);
	ck_assert_uint_eq(count(&b, SB_ID), 0);
	for (size_t i = 0; i < a.nbubbles; i++) {
		if (a.bubbles[i].kind == SB_ID)
			continue;
		ck_assert_uint_lt(j, b.nbubbles);
		ck_assert(a.bubbles[i].x == b.bubbles[j].x);
		ck_assert(a.bubbles[i].y == b.bubbles[j].y);
		j++;
	}
	ck_assert_uint_eq(j, b.nbubbles);
	sheet_layout_release(&a);
	sheet_layout_release(&b);
}
END_TEST

START_TEST(test_no_overlap_many_pages)
{
	static struct paper_item items[MANY];
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_section secs[2];
	struct sheet_layout L;

	make_paper(&p, &t, &f, items, MANY, secs);
	ck_assert_int_eq(sheet_layout_build(&L, &p, &f, NULL, NULL), 0);
	ck_assert_uint_ge(L.pages, 2);
	ck_assert_uint_eq(L.nmarks, 8 * (size_t)L.pages);
	ck_assert_uint_eq(L.nqr, L.pages);
	for (size_t i = 0; i < L.nbubbles; i++) {
		const struct sheet_bubble *a = &L.bubbles[i];

		ck_assert(a->x - a->r > 16 && a->x + a->r < 194);
		ck_assert(a->y - a->r > 50 && a->y + a->r < 280);
		ck_assert(a->page >= 1 && a->page <= L.pages);
		for (size_t k = i + 1; k < L.nbubbles; k++) {
			const struct sheet_bubble *c = &L.bubbles[k];

			if (c->page == a->page)
				ck_assert_msg(hypot(a->x - c->x, a->y - c->y) >
					      a->r + c->r + 0.5,
					      "bubbles %zu and %zu touch", i,
					      k);
		}
	}
	sheet_layout_release(&L);
}
END_TEST

START_TEST(test_key_round_trip)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct sheet_layout a, b;
	struct arena ar = ARENA_INIT;
	struct diags d = DIAGS_INIT;
	struct ynode *root = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	make_paper(&p, &t, &f, items, 4, secs);
	ck_assert_int_eq(sheet_layout_build(&a, &p, &f, NULL, NULL), 0);
	ck_assert_int_eq(sheet_layout_write(fp, &a, NULL), 0);
	fclose(fp);
	ck_assert_int_eq(ydoc_parse(&ar, "k", buf, len, &root, &d), 0);
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(sheet_layout_load(&b, ynode_get(root, "layout"), "k",
					   &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(b.pages, a.pages);
	ck_assert_uint_eq(b.nbubbles, a.nbubbles);
	for (size_t i = 0; i < a.nbubbles; i++) {
		const struct sheet_bubble *x = &a.bubbles[i];
		const struct sheet_bubble *y = &b.bubbles[i];

		ck_assert(x->x == y->x && x->y == y->y && x->r == y->r);
		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_uint_eq(x->question, y->question);
		ck_assert_int_eq(x->option, y->option);
		ck_assert_uint_eq(x->criterion, y->criterion);
		ck_assert_int_eq(x->group, y->group);
		ck_assert(x->value == y->value);
		ck_assert_uint_eq(x->digit, y->digit);
	}
	ck_assert(b.marks[3].x == a.marks[3].x && b.qr[0].size == a.qr[0].size);
	sheet_layout_release(&a);
	sheet_layout_release(&b);
	arena_release(&ar);
	diags_release(&d);
	free(buf);
}
END_TEST

START_TEST(test_bad_layout)
{
	static const char *const bad[] = {
		"layout: {pages: 1, marks: [], qr: [], bubbles: []}\n",
		"layout: {pages: 0}\n",
		"layout: {pages: 1, marks: [{page: 1, x: 1, y: 1, size: 6}],"
		" qr: [], bubbles: [{page: 2, x: 1, y: 1, r: 2}]}\n",
		"layout: {pages: 1, marks: [], qr: [], bubbles: "
		"[{page: 1, x: 1, y: 1, r: 2, question: 1, group: x, "
		"value: 1}]}\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct arena ar = ARENA_INIT;
		struct diags d = DIAGS_INIT;
		struct ynode *root = NULL;
		struct sheet_layout L;

		memset(&L, 0, sizeof(L));
		ck_assert_int_eq(ydoc_parse(&ar, "k", bad[i], strlen(bad[i]),
					    &root, &d), 0);
		ck_assert_int_eq(sheet_layout_load(&L, ynode_get(root,
								 "layout"),
						   "k", &d), -1);
		ck_assert_uint_ge(d.errors, 1);
		sheet_layout_release(&L);
		arena_release(&ar);
		diags_release(&d);
	}
}
END_TEST

START_TEST(test_qr_text)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct sheet_qr q;
	char buf[256];

	make_paper(&p, &t, &f, items, 4, secs);
	sheet_qr_text(buf, &p, &f, 2, 3, "id;50%");
	ck_assert(sheet_qr_parse(buf, strlen(buf), &q));
	ck_assert_str_eq(q.paper, "CSS-2026");
	ck_assert_str_eq(q.form, "B");
	ck_assert_str_eq(q.cand, "id;50%");
	ck_assert_uint_eq(q.page, 2);
	ck_assert_uint_eq(q.pages, 3);
	ck_assert_uint_eq(strlen(q.build), 12);
	sheet_qr_text(buf, &p, &f, 1, 1, NULL);
	ck_assert(sheet_qr_parse(buf, strlen(buf), &q));
	ck_assert_str_eq(q.cand, "");
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;3;2", 18, &q));
	ck_assert(!sheet_qr_parse("https://example.com", 19, &q));
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;x;2", 18, &q));
	/* a forged id: a NUL that would cut it short, control characters
	 * that would reach file names and terminals */
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;1;1;ab%00cd", 26, &q));
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;1;1;%1B[31mx", 27, &q));
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;1;1;a\nb", 22, &q));
	ck_assert(!sheet_qr_parse("EXAMGEN1;P;b;A;1;1;a%0Db", 24, &q));
	ck_assert(sheet_qr_parse("EXAMGEN1;P;b;A;1;1;=HYPERLINK(x)", 32, &q));
	ck_assert_str_eq(q.cand, "=HYPERLINK(x)");
	ck_assert(!q.paper_page);
	/* a paper page's: the same fields, told apart */
	sheet_qr_paper_text(buf, &p, &f, 7, 8, "2026001");
	ck_assert_int_eq(strncmp(buf, "EXAMGEN1P;", 10), 0);
	ck_assert(sheet_qr_parse(buf, strlen(buf), &q));
	ck_assert(q.paper_page);
	ck_assert_str_eq(q.paper, "CSS-2026");
	ck_assert_str_eq(q.cand, "2026001");
	ck_assert_uint_eq(q.page, 7);
	ck_assert_uint_eq(q.pages, 8);
	ck_assert(!sheet_qr_parse("EXAMGEN1P;P;b;A;9;8", 19, &q));
	ck_assert(!sheet_qr_parse("EXAMGEN1Q;P;b;A;1;8", 19, &q));
}
END_TEST

/* The sheet suite. */
static Suite *sheet_suite(void)
{
	Suite *s = suite_create("sheet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_bubbles);
	tcase_add_test(tc, test_printed_keeps_places);
	tcase_add_test(tc, test_no_overlap_many_pages);
	tcase_add_test(tc, test_key_round_trip);
	tcase_add_test(tc, test_bad_layout);
	tcase_add_test(tc, test_qr_text);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(sheet_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
