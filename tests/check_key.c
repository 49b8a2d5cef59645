/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_key.c - answer keys: key_write of a hand-built paper gives the SPEC
 * layout, key_load reads it back, and every kind of bad key is reported at
 * its line and column. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paper/buildid.h"
#include "paper/key.h"

/* A temporary file holding text; the caller unlinks and frees the name. */
static char *temp_file(const char *text)
{
	char *path = strdup("/tmp/check_key_XXXXXX");
	int fd;

	ck_assert_ptr_nonnull(path);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* The questions and template the hand-built paper borrows. */
static struct criterion rubric[2] = { { "倾听与\"共情\"", 10 },
				      { "方案", 10 } };
static const char *keys1[2] = { "先共情", "后方案" };
static const char *deductions1[1] = { "推卸责任" };
static struct question questions[4] = {
	{ .id = "scen-1", .type = Q_ESSAY, .rubric = rubric, .nrubric = 2,
	  .stem = "客户投诉\n请回应", .reference = "参考<答案>",
	  .keys = keys1, .nkeys = 2, .deductions = deductions1,
	  .ndeductions = 1 },
	{ .id = "tf-1", .type = Q_TRUE_FALSE, .answer_tf = true },
	{ .id = "sc-1", .type = Q_SINGLE, .noptions = 4 },
	{ .id = "mc-1", .type = Q_MULTIPLE, .noptions = 4 },
};

/* Build a two-section paper of four items by hand (form A). */
static void make_paper(struct paper *p, struct template *t,
		       struct paper_form *f, struct paper_item *items,
		       struct paper_section *secs, double *crit)
{
	memset(t, 0, sizeof(*t));
	t->code = "CSM-2026";
	t->title = "2026年客户服务经理\\考核";
	t->language = "zh";
	t->has_marking = true;
	t->marking = (struct marking){ .twice = true, .tolerance = 2.5,
				       .final = MARKING_ARBITER };
	memset(items, 0, 4 * sizeof(*items));
	crit[0] = 5;
	crit[1] = 5;
	items[0] = (struct paper_item){ .no = 1, .q = &questions[0],
					.points = 10, .criteria = crit };
	items[1] = (struct paper_item){ .no = 2, .q = &questions[1],
					.points = 1 };
	items[2] = (struct paper_item){ .no = 3, .q = &questions[2],
					.points = 1.5, .noptions = 4,
					.order = { 1, 3, 0, 2 },
					.answer = 1u << 2 };
	items[3] = (struct paper_item){ .no = 4, .q = &questions[3],
					.points = 2, .noptions = 4,
					.order = { 0, 1, 2, 3 },
					.answer = (1u << 0) | (1u << 2) |
						  (1u << 3),
					.rule = MC_HALF };
	secs[0] = (struct paper_section){ .title = "情景模拟题", .first = 0,
					  .count = 1, .points = 10 };
	secs[1] = (struct paper_section){ .title = "Choice", .first = 1,
					  .count = 3, .points = 4.5 };
	memset(f, 0, sizeof(*f));
	strcpy(f->name, "A");
	f->items = items;
	f->nitems = 4;
	f->sections = secs;
	f->nsections = 2;
	f->total = 14.5;
	memset(p, 0, sizeof(*p));
	p->tpl = t;
	p->seed = 42;
	strcpy(p->digest, "sha256:00ff");
	p->forms = f;
	p->nforms = 1;
	p->total = 14.5;
	p->pass = 8.7;
}

static const char expected_key[] =
	"paper: \"CSM-2026\"\n"
	"build: \"%s\"\n"
	"form: A\n"
	"seed: 42\n"
	"bank_digest: \"sha256:00ff\"\n"
	"title: \"2026年客户服务经理\\\\考核\"\n"
	"language: zh\n"
	"total: 14.5\n"
	"pass: 8.7\n"
	"marking: {double: true, tolerance: 2.5, final: arbiter}\n"
	"sections:\n"
	"  - {title: \"情景模拟题\", questions: [1], points: 10}\n"
	"  - {title: \"Choice\", questions: [2, 3, 4], points: 4.5}\n"
	"questions:\n"
	"  - {number: 1, id: \"scen-1\", type: essay, points: 10,\n"
	"     rubric: [{criterion: \"倾听与\\\"共情\\\"\", points: 5},\n"
	"              {criterion: \"方案\", points: 5}],\n"
	"     stem: \"客户投诉\\n请回应\",\n"
	"     reference: \"参考<答案>\",\n"
	"     keys: [\"先共情\", \"后方案\"],\n"
	"     deductions: [\"推卸责任\"]}\n"
	"  - {number: 2, id: \"tf-1\", type: true_false, points: 1, "
	"answer: T}\n"
	"  - {number: 3, id: \"sc-1\", type: single, points: 1.5, "
	"options: 4, answer: C, order: [B, D, A, C]}\n"
	"  - {number: 4, id: \"mc-1\", type: multiple, points: 2, "
	"options: 4, "
	"answer: ACD, scoring: half, order: [A, B, C, D]}\n";

START_TEST(test_write_layout)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	double crit[2];
	char *buf = NULL, build[BUILD_ID_LEN + 1];
	char want[sizeof(expected_key) + BUILD_ID_LEN];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	make_paper(&p, &t, &f, items, secs, crit);
	ck_assert_int_eq(key_write(fp, &p, &f, NULL), 0);
	fclose(fp);
	snprintf(want, sizeof(want), expected_key, buildid_of_paper(&p, build));
	/* the questions, then the answer sheet's layout */
	ck_assert_int_eq(strncmp(buf, want, strlen(want)), 0);
	ck_assert_ptr_nonnull(strstr(buf + strlen(want),
				     "layout:\n  size: [210, 297]\n"));
	free(buf);
}
END_TEST

START_TEST(test_round_trip)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct diags d = DIAGS_INIT;
	double crit[2];
	char *buf = NULL, *path;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct key *k;

	make_paper(&p, &t, &f, items, secs, crit);
	ck_assert_int_eq(key_write(fp, &p, &f, NULL), 0);
	fclose(fp);
	path = temp_file(buf);
	k = key_load(path, &d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->paper, "CSM-2026");
	ck_assert_str_eq(k->form, "A");
	ck_assert_uint_eq(k->seed, 42);
	ck_assert_str_eq(k->bank_digest, "sha256:00ff");
	ck_assert_str_eq(k->title, "2026年客户服务经理\\考核");
	ck_assert_str_eq(k->language, "zh");
	ck_assert_double_eq(k->total, 14.5);
	ck_assert_double_eq(k->pass, 8.7);
	ck_assert_uint_eq(k->nsections, 2);
	ck_assert_str_eq(k->sections[0].title, "情景模拟题");
	ck_assert_uint_eq(k->sections[1].nitems, 3);
	ck_assert_uint_eq(k->sections[1].nos[2], 4);
	ck_assert_uint_eq(k->nitems, 4);
	for (unsigned i = 0; i < 4; i++)
		ck_assert_uint_eq(k->items[i].no, i + 1);
	ck_assert_int_eq(k->items[0].type, Q_ESSAY);
	ck_assert_uint_eq(k->items[0].ncriteria, 2);
	ck_assert_str_eq(k->items[0].criteria[0], "倾听与\"共情\"");
	ck_assert_double_eq(k->items[0].criterion_points[1], 5);
	ck_assert_uint_eq(k->items[0].section, 0);
	ck_assert_str_eq(k->items[0].stem, "客户投诉\n请回应");
	ck_assert_str_eq(k->items[0].reference, "参考<答案>");
	ck_assert_uint_eq(k->items[0].nkeys, 2);
	ck_assert_str_eq(k->items[0].keys[1], "后方案");
	ck_assert_uint_eq(k->items[0].ndeductions, 1);
	ck_assert_str_eq(k->items[0].deductions[0], "推卸责任");
	ck_assert(k->marking.twice);
	ck_assert_double_eq(k->marking.tolerance, 2.5);
	ck_assert_int_eq(k->marking.final, MARKING_ARBITER);
	ck_assert(k->items[1].answer_tf);
	ck_assert_uint_eq(k->items[1].section, 1);
	ck_assert_uint_eq(k->items[2].noptions, 4);
	ck_assert_uint_eq(k->items[2].answer, 1u << 2);
	ck_assert_uint_eq(k->items[2].order[0], 1);
	ck_assert_uint_eq(k->items[2].order[1], 3);
	ck_assert_uint_eq(k->items[2].order[3], 2);
	ck_assert_double_eq(k->items[2].points, 1.5);
	ck_assert_uint_eq(k->items[3].answer, 0xd);
	ck_assert_int_eq(k->items[3].rule, MC_HALF);
	key_free(k);
	diags_release(&d);
	unlink(path);
	free(path);
	free(buf);
}
END_TEST

/* The paper's pages (QR codes and writing regions, page-layout.h) are
 * written into the key's layout and read back as they were; a region of
 * a question that is not marker-scored, or on a page without its QR
 * code, is refused. */
START_TEST(test_pages_round_trip)
{
	struct paper p;
	struct template t;
	struct paper_form f;
	struct paper_item items[4];
	struct paper_section secs[2];
	struct page_layout pl;
	struct diags d = DIAGS_INIT;
	double crit[2];
	char *buf = NULL, *path, *bad;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct key *k;

	make_paper(&p, &t, &f, items, secs, crit);
	page_layout_init(&pl);
	for (unsigned i = 1; i <= 3; i++)
		ck_assert_int_eq(page_layout_add_qr(&pl, i, 183, 283.5, 14), 0);
	ck_assert_int_eq(page_layout_add_region(&pl, 1, 25.65, 97.16, 164.35,
						117.12, 1), 0);
	ck_assert_int_eq(page_layout_add_region(&pl, 2, 25.65, 20.46, 164.35,
						93.84, 1), 0);
	ck_assert_int_eq(key_write(fp, &p, &f, &pl), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "    - {page: 3, x: 183, y: 283.5, "
				     "size: 14, kind: paper}\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  regions:\n    - {page: 1, x: "
				     "25.65, y: 97.16, w: 164.35, h: 117.12, "
				     "question: 1}\n"));
	path = temp_file(buf);
	k = key_load(path, &d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(k);
	/* the answer sheet's own QR codes stay its own */
	ck_assert_uint_eq(k->layout->nqr, k->layout->pages);
	ck_assert_uint_eq(k->pages.nqr, 3);
	ck_assert_uint_eq(k->pages.qr[2].page, 3);
	ck_assert_double_eq(k->pages.qr[2].y, 283.5);
	ck_assert_double_eq(k->pages.qr[2].size, 14);
	ck_assert_uint_eq(k->pages.nregions, 2);
	ck_assert_uint_eq(k->pages.regions[1].page, 2);
	ck_assert_double_eq(k->pages.regions[1].h, 93.84);
	ck_assert_uint_eq(k->pages.regions[1].question, 1);
	key_free(k);
	unlink(path);
	free(path);
	/* question 2 is a true/false question */
	bad = malloc(strlen(buf) + 64);
	ck_assert_ptr_nonnull(bad);
	strcpy(bad, buf);
	*strstr(strstr(bad, "  regions:"), "question: 1") = '\0';
	path = temp_file(strcat(bad, "question: 2}\n"));
	ck_assert_ptr_null(key_load(path, &d));
	ck_assert_ptr_nonnull(strstr(d.v[d.n - 1].msg, "region of question 2, "
				     "which is no short or essay question"));
	unlink(path);
	free(path);
	/* page 4 has no QR code */
	strcpy(bad, buf);
	*strstr(strstr(bad, "  regions:"), "{page: 1") = '\0';
	path = temp_file(strcat(bad, "{page: 4, x: 1, y: 1, w: 2, h: 2, "
				"question: 1}\n"));
	ck_assert_ptr_null(key_load(path, &d));
	ck_assert_ptr_nonnull(strstr(d.v[d.n - 1].msg, "region on page 4, "
				     "which has no qr entry"));
	unlink(path);
	free(path);
	free(bad);
	diags_release(&d);
	page_layout_release(&pl);
	free(buf);
}
END_TEST

/* Quoting that YAML 1.1 readers need: a lone N or Y, or NO. */
START_TEST(test_write_quotes_boolean_letters)
{
	struct question q = { .id = "mc", .type = Q_MULTIPLE };
	struct paper_item it = { .no = 1, .q = &q, .points = 1,
				 .noptions = 15,
				 .order = { 13, 14, 24, 0, 1, 2, 3, 4, 5, 6,
					    7, 8, 9, 10, 11 },
				 .answer = (1u << 13) | (1u << 14),
				 .rule = MC_EXACT };
	struct paper_section s = { .title = "s", .first = 0, .count = 1,
				   .points = 1 };
	struct paper_form f = { .name = "B", .items = &it, .nitems = 1,
				.sections = &s, .nsections = 1, .total = 1 };
	struct template t = { .code = "X", .title = "t", .language = "en" };
	struct paper p = { .tpl = &t, .forms = &f, .nforms = 1, .total = 1,
			   .pass = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_int_eq(key_write(fp, &p, &f, NULL), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "answer: \"NO\""));
	ck_assert_ptr_nonnull(strstr(buf, "order: [\"N\", O, \"Y\", A,"));
	ck_assert_ptr_nonnull(strstr(buf, "language: en\n"));
	free(buf);
}
END_TEST

/* A valid small key, edited by the bad-key tests. */
static const char good_key[] =
	"paper: P\n"
	"form: A\n"
	"total: 4\n"
	"pass: 2\n"
	"sections:\n"
	"  - {title: S, questions: [1, 2], points: 4}\n"
	"questions:\n"
	"  - {no: 1, id: a, type: single, points: 1, options: 4, answer: B}\n"
	"  - {no: 2, id: b, type: essay, points: 3,\n"
	"     rubric: [{criterion: x, points: 2}, {criterion: y, points: 1}]}\n";

/* Load text as a key expecting failure; return the diagnostics text. */
static char *load_bad(const char *text)
{
	struct diags d = DIAGS_INIT;
	char *path = temp_file(text), *all = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&all, &len);
	struct key *k = key_load(path, &d);

	ck_assert_ptr_null(k);
	ck_assert_uint_gt(d.errors, 0);
	for (size_t i = 0; i < d.n; i++) {
		char *s = diag_format(&d.v[i]);
		const char *base = strrchr(s, '/');

		/* drop the temporary path: keep ":LINE:COL: error: ..." */
		fprintf(fp, "%s\n", strchr(base, ':'));
		free(s);
	}
	fclose(fp);
	diags_release(&d);
	unlink(path);
	free(path);
	return all;
}

/* Expect a bad key to report want (a substring of the messages). */
static void expect_bad(const char *text, const char *want)
{
	char *got = load_bad(text);

	if (!strstr(got, want))
		ck_abort_msg("wanted '%s' in:\n%s", want, got);
	free(got);
}

/* Replace the first occurrence of from in good_key by to. */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(good_key, from);
	char *s = malloc(sizeof(good_key) + strlen(to));

	ck_assert_ptr_nonnull(at);
	sprintf(s, "%.*s%s%s", (int)(at - good_key), good_key, to,
		at + strlen(from));
	return s;
}

START_TEST(test_good_key_loads)
{
	struct diags d = DIAGS_INIT;
	char *path = temp_file(good_key);
	struct key *k = key_load(path, &d);

	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->language, "zh");
	ck_assert_str_eq(k->title, "P");
	ck_assert_uint_eq(k->items[0].answer, 2);
	key_free(k);
	diags_release(&d);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_bad_keys)
{
	static const struct { const char *from, *to, *want; } cases[] = {
		{ "form: A\n", "form: A\ncolour: red\n",
		  ":3:1: error: unknown key 'colour' in a key" },
		{ "form: A\n", "", ":1:1: error: missing 'form' in a key" },
		{ "total: 4", "total: four",
		  ":3:8: error: 'total' must be a number of 0 or more" },
		{ "answer: B", "answer: E",
		  ":8:65: error: answer letter 'E' is beyond the 4 options" },
		{ "answer: B", "answer: AB",
		  "a single-choice question has one answer letter" },
		{ "type: single", "type: riddle",
		  ":8:26: error: unknown question type 'riddle'" },
		{ "questions: [1, 2]", "questions: [1]",
		  ":6:3: error: question 2 is in no section" },
		{ "questions: [1, 2]", "questions: [1, 2, 2]",
		  "error: question 2 is in two sections" },
		{ "questions: [1, 2]", "questions: [1, 2, 3]",
		  ":6:34: error: 'questions' must be a whole number from 1 "
		  "to 2" },
		{ "points: 4}", "points: 5}",
		  ":6:5: error: section points 5 do not match its questions' "
		  "4" },
		{ "{criterion: y, points: 1}", "{criterion: y, points: 2}",
		  ":10:14: error: rubric points add up to 4, not the "
		  "question's 3" },
		{ "{no: 2,", "{no: 1,", "error: question 1 is given twice" },
		{ "total: 4", "total: 5",
		  ":3:8: error: 'total' 5 does not match the questions' 4 "
		  "points" },
		{ "pass: 2", "pass: 9", "error: 'pass' 9 is more than 'total' 4" },
		{ "pass: 2", "pass: 2\nmarking: {double: maybe}",
		  "error: 'double' must be true or false" },
		{ "pass: 2", "pass: 2\nmarking: {tolerance: 1.2}",
		  "error: 'tolerance' must be in halves" },
		{ "pass: 2", "pass: 2\nmarking: {final: median}",
		  "error: 'final' must be mean or arbiter" },
		{ "pass: 2", "pass: 2\nmarking: {rule: x}",
		  "error: unknown key 'rule' in 'marking'" },
		{ "options: 4,", "options: 4, scoring: half,",
		  "error: unknown key 'scoring' in a question" },
		{ "{criterion: x, points: 2}", "{criterion: x}",
		  "error: missing 'points' in a rubric entry" },
		{ "paper: P", "paper: [P]", ":1:8: error: 'paper' must be a "
		  "text" },
		{ "sections:\n", "sections:\n  - 7\n",
		  ":6:5: error: a section must be a mapping" },
		{ "id: a,", "id: a, order: [A, A, B, C],",
		  "option letter 'A' is given twice in 'order'" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = edit(cases[i].from, cases[i].to);
		expect_bad(text, cases[i].want);
		free(text);
	}
	expect_bad("- 1\n", ":1:1: error: a key file must be a mapping");
	expect_bad("paper: [\n", "error:");
}
END_TEST

START_TEST(test_build_id)
{
	static const char t1[] = "sha256:aa", t2[] = "sha256:ab";
	static const char b1[] = "sha256:01", b2[] = "sha256:02";
	char id[4][BUILD_ID_LEN + 1];

	buildid_make(t1, b1, 42, id[0]);
	buildid_make(t2, b1, 42, id[1]);
	buildid_make(t1, b2, 42, id[2]);
	buildid_make(t1, b1, 43, id[3]);
	for (size_t i = 0; i < 4; i++) {
		ck_assert(buildid_valid(id[i]));
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(id[i], id[j]);
	}
	ck_assert_str_eq(buildid_make(t1, b1, 42, id[1]), id[0]);
	ck_assert(!buildid_valid("3F9A1C0B7D2E"));
	ck_assert(!buildid_valid("3f9a1c0b7d2"));
	ck_assert(!buildid_valid("3f9a1c0b7d2e0"));
	ck_assert(buildid_valid("3f9a1c0b7d2e"));
}
END_TEST

/* Load a key text that must load; the caller frees the key. */
static struct key *load_good(const char *text)
{
	struct diags d = DIAGS_INIT;
	char *path = temp_file(text);
	struct key *k = key_load(path, &d);

	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(k);
	diags_release(&d);
	unlink(path);
	free(path);
	return k;
}

START_TEST(test_number_and_build)
{
	char *text = edit("paper: P\n", "paper: P\nbuild: \"3f9a1c0b7d2e\"\n");
	struct key *k = load_good(text);

	ck_assert_str_eq(k->build, "3f9a1c0b7d2e");
	key_free(k);
	free(text);
	k = load_good(good_key);	/* a key of 0.1: `no`, no build */
	ck_assert_ptr_null(k->build);
	ck_assert_uint_eq(k->items[1].no, 2);
	key_free(k);
	text = edit("{no: 2,", "{number: 2,");
	k = load_good(text);
	ck_assert_uint_eq(k->items[1].no, 2);
	ck_assert_uint_eq(k->items[1].type, Q_ESSAY);
	key_free(k);
	free(text);
	text = edit("{no: 2,", "{number: 2, no: 2,");
	expect_bad(text, "error: a question has both 'number' and 'no'");
	free(text);
	text = edit("{no: 2,", "{");
	expect_bad(text, ":9:5: error: missing 'number' in a question");
	free(text);
	text = edit("paper: P\n", "paper: P\nbuild: 3F9A1C0B7D2E\n");
	expect_bad(text, ":2:8: error: 'build' must be 12 lower-case hex "
		   "digits, not '3F9A1C0B7D2E'");
	free(text);
}
END_TEST

START_TEST(test_missing_file)
{
	struct diags d = DIAGS_INIT;

	ck_assert_ptr_null(key_load("/nonexistent/x.key.yaml", &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "cannot read key"));
	diags_release(&d);
}
END_TEST

/* The key suite. */
static Suite *key_suite(void)
{
	Suite *s = suite_create("key");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_write_layout);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_pages_round_trip);
	tcase_add_test(tc, test_write_quotes_boolean_letters);
	tcase_add_test(tc, test_good_key_loads);
	tcase_add_test(tc, test_bad_keys);
	tcase_add_test(tc, test_build_id);
	tcase_add_test(tc, test_number_and_build);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(key_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
