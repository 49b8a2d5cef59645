/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_render.c - papers, guides and answer sheets: formats, escaping,
 * no answers on the paper, the guide's answers, and every bundled template
 * built with many seeds (totals, key/paper agreement, reproducibility). */
#include <check.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paper/buildid.h"
#include "paper/key.h"
#include "paper/labels.h"
#include "paper/paper.h"
#include "paper/template.h"
#include "render/render-html.h"
#include "render/render.h"
#include "render/sheet-yaml.h"

/* Render into a malloc'd string. */
static char *render(enum render_fmt fmt, enum render_doc doc,
		    const struct paper *p, const struct paper_form *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(render_doc(fp, fmt, doc, p, f), 0);
	fclose(fp);
	return buf;
}

/* A hand-made paper: one form, one section of four questions. */
struct fixture {
	struct template t;
	struct bank b;
	struct question q[4];
	struct option opts[4];
	struct criterion rubric[2];
	const char *keys[1], *deductions[1];
	double criteria[2];
	struct paper_item items[4];
	struct paper_section sec;
	struct paper_form form;
	struct paper p;
};

/* Fill the fixture: true/false, single (options shuffled), multiple and
 * essay, with text that needs escaping. */
static void fixture_init(struct fixture *x, const char *lang)
{
	memset(x, 0, sizeof(*x));
	x->t.code = "T-1";
	x->t.title = "Test <paper> & \"title\"";
	x->t.language = lang;
	x->t.duration = 30;
	x->b.name = "b";
	x->b.language = "zh-Hans";
	x->opts[0].text = "alpha *bold*";
	x->opts[1].text = "beta <b>";
	x->opts[2].text = "gamma_right";
	x->opts[3].text = "delta";
	x->rubric[0] = (struct criterion){ "listening", 6 };
	x->rubric[1] = (struct criterion){ "solution", 4 };
	x->keys[0] = "KEYTEXT-high-marks";
	x->deductions[0] = "DEDUCTTEXT-loses";
	for (int i = 0; i < 4; i++) {
		x->q[i].bank = &x->b;
		x->q[i].points = 1;
	}
	x->q[0] = (struct question){ .id = "tf", .type = Q_TRUE_FALSE,
		.stem = "TF stem", .answer_tf = false, .bank = &x->b,
		.explanation = "EXPLTEXT-tf" };
	x->q[1] = (struct question){ .id = "sc", .type = Q_SINGLE,
		.stem = "Single <script>alert(1)</script>", .options = x->opts,
		.noptions = 4, .answer = 1u << 2, .bank = &x->b,
		.explanation = "EXPLTEXT-single" };
	x->q[2] = (struct question){ .id = "mc", .type = Q_MULTIPLE,
		.stem = "# Multiple\n1. line", .options = x->opts,
		.noptions = 4, .answer = 3, .bank = &x->b };
	x->q[3] = (struct question){ .id = "es", .type = Q_ESSAY,
		.stem = "Essay stem", .rubric = x->rubric, .nrubric = 2,
		.points = 10, .reference = "REFTEXT-reference",
		.keys = x->keys, .nkeys = 1, .deductions = x->deductions,
		.ndeductions = 1, .bank = &x->b };
	x->criteria[0] = 12;
	x->criteria[1] = 8;
	for (unsigned i = 0; i < 4; i++) {
		struct paper_item *it = &x->items[i];

		it->no = i + 1;
		it->q = &x->q[i];
		it->points = i == 3 ? 20 : 2;
		it->rule = MC_HALF;
		if (x->q[i].noptions) {
			/* printed A B C D show bank options D C B A */
			it->noptions = 4;
			for (unsigned k = 0; k < 4; k++)
				it->order[k] = (unsigned char)(3 - k);
			for (unsigned k = 0; k < 4; k++)
				if (x->q[i].answer & (1u << it->order[k]))
					it->answer |= 1u << k;
		}
	}
	x->items[3].criteria = x->criteria;
	x->sec = (struct paper_section){ "Listening", "Do it.", 0, 4, 26 };
	x->form = (struct paper_form){ "A", x->items, 4, &x->sec, 1, 26 };
	x->p.tpl = &x->t;
	x->p.seed = 7;
	x->p.forms = &x->form;
	x->p.nforms = 1;
	x->p.total = 26;
	x->p.pass = 15.6;
}

START_TEST(test_fmt_parse)
{
	unsigned set;
	const char *bad = NULL;

	ck_assert_int_eq(render_fmt_parse("txt,md,html", &set, &bad), 0);
	ck_assert_uint_eq(set, (1u << FMT_TXT) | (1u << FMT_MD) |
			  (1u << FMT_HTML));
	ck_assert_int_eq(render_fmt_parse("pdf", &set, &bad), 0);
	ck_assert_uint_eq(set, 1u << FMT_PDF);
	ck_assert_int_eq(render_fmt_parse("txt,xls", &set, &bad), -1);
	ck_assert_str_eq(bad, "xls");
	ck_assert_int_eq(render_fmt_parse("", &set, &bad), -1);
	ck_assert_int_eq(render_fmt_parse("txt,", &set, &bad), -1);
	ck_assert_str_eq(render_fmt_ext(FMT_HTML), "html");
}
END_TEST

START_TEST(test_paper_has_no_answers)
{
	static const char *const secret[] = { "EXPLTEXT", "REFTEXT",
		"KEYTEXT", "DEDUCTTEXT", "[Answer]", "Answer: ",
		"**Answer**", "class=\"key\"", "o on", "●" };
	struct fixture x;

	fixture_init(&x, "en");
	for (int fmt = FMT_TXT; fmt <= FMT_HTML; fmt++) {
		char *paper = render((enum render_fmt)fmt, DOC_PAPER, &x.p,
				     &x.form);
		char *guide = render((enum render_fmt)fmt, DOC_GUIDE, &x.p,
				     &x.form);

		for (size_t i = 0; i < sizeof(secret) / sizeof(*secret); i++)
			ck_assert_msg(!strstr(paper, secret[i]),
				      "format %d: paper shows '%s'", fmt,
				      secret[i]);
		for (size_t i = 0; i < 4; i++)
			ck_assert_msg(strstr(guide, secret[i]),
				      "format %d: guide lacks '%s'", fmt,
				      secret[i]);
		/* the scaled rubric points, not the bank's */
		ck_assert_ptr_nonnull(strstr(guide, "12 points"));
		ck_assert_ptr_nonnull(strstr(paper, "Candidate ID"));
		free(paper);
		free(guide);
	}
}
END_TEST

START_TEST(test_guide_answers_in_print_order)
{
	struct fixture x;
	char *txt;

	fixture_init(&x, "en");
	txt = render(FMT_TXT, DOC_GUIDE, &x.p, &x.form);
	/* bank C is printed B; bank A+B are printed C+D; false */
	ck_assert_ptr_nonnull(strstr(txt, "B. gamma_right"));
	ck_assert_ptr_nonnull(strstr(txt, "[Answer] B\n"));
	ck_assert_ptr_nonnull(strstr(txt, "[Answer] CD\n"));
	ck_assert_ptr_nonnull(strstr(txt, "[Answer] F False\n"));
	ck_assert_ptr_nonnull(strstr(txt, "a correct subset earns half"));
	free(txt);
}
END_TEST

START_TEST(test_guide_has_no_sheet_of_its_own)
{
	struct fixture x;

	fixture_init(&x, "en");
	for (int fmt = FMT_TXT; fmt <= FMT_HTML; fmt++) {
		char *g = render((enum render_fmt)fmt, DOC_GUIDE, &x.p,
				 &x.form);
		static const char *const want[][3] = {
			{ "  1. F      2. B      3. CD\n",
			  "- Criterion 1 listening: 12 points",
			  "- Criterion 2 solution: 8 points" },
			{ "**1.** F · **2.** B · **3.** CD\n",
			  "- **Criterion 1** listening: 12 points",
			  "- **Criterion 2** solution: 8 points" },
			{ "<span><b>1.</b> F</span><span><b>2.</b> B</span>"
			  "<span><b>3.</b> CD</span>",
			  "<b>Criterion 1</b>listening: 12 points",
			  "<b>Criterion 2</b>solution: 8 points" },
		};

		/* the objective answers as the sheet's bubbles name them,
		 * the essay's criteria as its score rows do, and no answer
		 * sheet drawn a second way */
		for (int k = 0; k < 3; k++)
			ck_assert_msg(strstr(g, want[fmt][k]),
				      "format %d: guide lacks '%s'", fmt,
				      want[fmt][k]);
		ck_assert_msg(!strstr(g, "Answer sheet"),
			      "format %d: the guide has a sheet", fmt);
		free(g);
	}
}
END_TEST

START_TEST(test_html_for_candidate)
{
	struct fixture x;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fixture_init(&x, "zh");
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(render_html_candidate(fp, &x.p, &x.form, "2026001",
					       "张<三>"), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "姓名：<span>张&lt;三&gt;</span>"));
	ck_assert_ptr_nonnull(strstr(buf, "考生编号：<span>2026001</span>"));
	/* the answer sheet is printed for the candidate too */
	ck_assert_ptr_nonnull(strstr(buf, ">考生编号：2026001　　姓名：张&lt;三&gt;"
				     "</text>"));
	free(buf);
}
END_TEST

START_TEST(test_html_escaped)
{
	struct fixture x;
	char *html;

	fixture_init(&x, "zh");
	html = render(FMT_HTML, DOC_PAPER, &x.p, &x.form);
	ck_assert_ptr_null(strstr(html, "<script>"));
	ck_assert_ptr_null(strstr(html, "<b>\""));
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)"));
	ck_assert_ptr_nonnull(strstr(html, "Test &lt;paper&gt; &amp; "
				     "&quot;title&quot;"));
	/* the title in the CSS page header cannot close the style */
	ck_assert_ptr_nonnull(strstr(html, "Test \\3c paper\\3e  & "
				     "\\\"title\\\""));
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"zh-Hans\">"));
	ck_assert_ptr_nonnull(strstr(html, "一、Listening"));
	ck_assert_ptr_nonnull(strstr(html, "（共 4 题，26 分）"));
	ck_assert_ptr_nonnull(strstr(html, "counter(pages)"));
	free(html);
}
END_TEST

START_TEST(test_markdown_escaped)
{
	struct fixture x;
	char *md;

	fixture_init(&x, "en");
	md = render(FMT_MD, DOC_PAPER, &x.p, &x.form);
	ck_assert_ptr_nonnull(strstr(md, "alpha \\*bold\\*"));
	ck_assert_ptr_nonnull(strstr(md, "gamma\\_right"));
	ck_assert_ptr_nonnull(strstr(md, "beta \\<b\\>"));
	/* line starts that would become a heading or a list */
	ck_assert_ptr_nonnull(strstr(md, "# Multiple  \n1\\. line"));
	ck_assert_ptr_nonnull(strstr(md, "## Part 1: Listening"));
	free(md);
}
END_TEST

START_TEST(test_sheet)
{
	struct fixture x;
	char *buf = NULL, build[BUILD_ID_LEN + 1], want[160];
	size_t len = 0;
	FILE *fp;

	fixture_init(&x, "en");
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(sheet_write(fp, &x.p, &x.form, "20\"26",
				     "Zhang San"), 0);
	fclose(fp);
	snprintf(want, sizeof(want), "\npaper: \"T-1\"\nbuild: \"%s\"\n"
		 "form: \"A\"\ncandidate: {id: \"20\\\"26\", name: "
		 "\"Zhang San\"}\nanswers:\n  1:    # ",
		 buildid_of_paper(&x.p, build));
	ck_assert_ptr_nonnull(strstr(buf, want));
	ck_assert_ptr_nonnull(strstr(buf, "\n  4:    # essay (20 points) "
				     "the marker's total, or per criterion "
				     "[listening 12, solution 8]\n"));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(responses_write_header(fp, &x.form), 0);
	fclose(fp);
	ck_assert_str_eq(buf, "candidate_id,name,form,paper,build,1,2,3,4"
			 "\r\n");
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(responses_write_row(fp, &x.p, &x.form, "=1", "Li"),
			 0);
	fclose(fp);
	snprintf(want, sizeof(want), "'=1,Li,A,T-1,%s,,,,\r\n", build);
	ck_assert_str_eq(buf, want);
	free(buf);
}
END_TEST

START_TEST(test_labels)
{
	char buf[96];

	ck_assert(labels_title_numbered("一、判斷題"));
	ck_assert(labels_title_numbered("12. Listening"));
	ck_assert(labels_title_numbered("第一部分"));
	ck_assert(!labels_title_numbered("情景模拟题"));
	ck_assert(!labels_title_numbered("2026 trends"));
	ck_assert_str_eq(labels_section_number(labels_get("zh"), 0, buf),
			 "一、");
	ck_assert_str_eq(labels_section_number(labels_get("zh"), 10, buf),
			 "十一、");
	ck_assert_str_eq(labels_section_number(labels_get("zh"), 21, buf),
			 "二十二、");
	ck_assert_str_eq(labels_points(labels_get("en"), 1, buf),
			 "(1 point)");
	ck_assert_str_eq(labels_points(labels_get("zh-Hant"), 7.5, buf),
			 "（7.5 分）");
}
END_TEST

/* The template's script decides the labels; a plain "zh" follows the
 * banks (here Simplified). */
START_TEST(test_labels_follow_template_script)
{
	struct fixture x;

	fixture_init(&x, "zh-Hant");
	ck_assert_str_eq(labels_for(&x.p)->candidate_id, "考生編號");
	ck_assert_str_eq(labels_for(&x.p)->page_mid, " 頁 / 共 ");
	fixture_init(&x, "zh-TW");
	ck_assert_str_eq(labels_for(&x.p)->html_lang, "zh-Hant");
	fixture_init(&x, "zh-Hans");
	ck_assert_str_eq(labels_for(&x.p)->candidate_id, "考生编号");
	fixture_init(&x, "zh");
	ck_assert_str_eq(labels_for(&x.p)->html_lang, "zh-Hans");
	x.b.language = "zh-Hant";
	ck_assert_str_eq(labels_for(&x.p)->html_lang, "zh-Hant");
}
END_TEST

/* A built template: template, banks and paper. */
struct built {
	struct template *t;
	struct bankset bs;
	struct paper *p;
};

/* Load a bundled template and its banks, and assemble with seed. */
static void build(struct built *b, const char *path, uint64_t seed)
{
	struct diags d = DIAGS_INIT;
	bool bad = false;

	bankset_init(&b->bs);
	b->t = template_load(path, &d, &bad);
	ck_assert_msg(b->t && !bad, "%s does not load", path);
	for (size_t i = 0; i < b->t->nbanks; i++)
		ck_assert_int_eq(bankset_load(&b->bs, b->t->banks[i], &d), 0);
	ck_assert_int_eq(template_check(b->t, &b->bs, &d), 0);
	b->p = paper_assemble(b->t, &b->bs, seed, 0, &d);
	ck_assert_msg(b->p != NULL, "%s seed %llu does not assemble", path,
		      (unsigned long long)seed);
	diags_release(&d);
}

/* Free a built template. */
static void built_free(struct built *b)
{
	paper_free(b->p);
	template_free(b->t);
	bankset_release(&b->bs);
}

/* True if s is printed legitimately somewhere on form f (a stem, an
 * option, a title, a rubric criterion). */
static bool on_paper_text(const struct paper_form *f, const char *s)
{
	for (size_t i = 0; i < f->nitems; i++) {
		const struct question *q = f->items[i].q;

		if (q->stem && strstr(q->stem, s))
			return true;
		for (size_t k = 0; k < q->noptions; k++)
			if (strstr(q->options[k].text, s))
				return true;
		for (size_t k = 0; k < q->nrubric; k++)
			if (strstr(q->rubric[k].text, s))
				return true;
	}
	return false;
}

/* Fail if any marker-only text of form f shows in doc. */
static void check_no_answers(const char *doc, const struct paper_form *f,
			     const char *what)
{
	static const char *const labels[] = { "[答案]", "**答案**",
		"答案：", "class=\"key\"", "●", "o on", "解析：", "[解析]",
		"参考答案", "參考答案", "高分关键", "高分關鍵", "扣分项",
		"扣分項" };

	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		ck_assert_msg(!strstr(doc, labels[i]), "%s shows '%s'", what,
			      labels[i]);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct question *q = f->items[i].q;
		const char *texts[64];
		size_t n = 0;

		texts[n++] = q->explanation;
		texts[n++] = q->reference;
		for (size_t k = 0; k < q->nkeys && n < 63; k++)
			texts[n++] = q->keys[k];
		for (size_t k = 0; k < q->ndeductions && n < 63; k++)
			texts[n++] = q->deductions[k];
		for (size_t k = 0; k < n; k++) {
			char probe[64];
			size_t len;

			if (!texts[k] || strlen(texts[k]) < 12)
				continue;
			/* the first line, up to 60 bytes on a character
			 * boundary */
			len = strcspn(texts[k], "\n");
			if (len > 60)
				len = 60;
			while (len && (texts[k][len] & 0xc0) == 0x80)
				len--;
			memcpy(probe, texts[k], len);
			probe[len] = '\0';
			if (len < 12 || on_paper_text(f, probe))
				continue;
			ck_assert_msg(!strstr(doc, probe), "%s shows '%s' "
				      "of question %s", what, probe, q->id);
		}
	}
}

/* The key's answer letters point at the options the bank marks right,
 * as printed in the txt paper. */
static void check_key_matches_paper(const struct paper *p,
				    const struct paper_form *f,
				    const char *txt)
{
	char path[] = "/tmp/check_render_keyXXXXXX";
	struct diags d = DIAGS_INIT;
	struct key *k;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(key_write(fp, p, f, NULL), 0);
	fclose(fp);
	k = key_load(path, &d);
	unlink(path);
	ck_assert_msg(k != NULL, "key does not load back");
	ck_assert_uint_eq(k->nitems, f->nitems);
	ck_assert(fabs(k->total - f->total) < 1e-9);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];
		const struct question *q = it->q;
		char head[32], next[32];
		const char *from, *to;

		if (q->type != Q_SINGLE && q->type != Q_MULTIPLE)
			continue;
		snprintf(head, sizeof(head), "\n%u. ", it->no);
		snprintf(next, sizeof(next), "\n%u. ", it->no + 1);
		from = strstr(txt, head);
		ck_assert_ptr_nonnull(from);
		to = strstr(from, next);
		if (!to)
			to = txt + strlen(txt);
		for (unsigned l = 0; l < k->items[i].noptions; l++) {
			bool right = k->items[i].answer & (1u << l);
			char line[2048];
			const char *at;
			unsigned bank = 0;

			/* find the printed text of letter l in the paper */
			snprintf(line, sizeof(line), " %c. ", 'A' + (int)l);
			at = strstr(from, line);
			ck_assert_msg(at && at < to, "no option %c for %u",
				      'A' + (int)l, it->no);
			at += strlen(line);
			for (bank = 0; bank < q->noptions; bank++)
				if (strncmp(at, q->options[bank].text,
					    strlen(q->options[bank].text)) == 0
				    && at[strlen(q->options[bank].text)] ==
				    '\n')
					break;
			ck_assert_msg(bank < q->noptions, "option %c of %u "
				      "is no bank option", 'A' + (int)l,
				      it->no);
			ck_assert_msg(right == !!(q->answer & (1u << bank)),
				      "question %u (%s) option %c: key and "
				      "bank disagree", it->no, q->id,
				      'A' + (int)l);
		}
	}
	key_free(k);
	diags_release(&d);
}

START_TEST(test_bundled_templates)
{
	glob_t g;

	ck_assert_int_eq(glob("templates/*.yaml", 0, NULL, &g), 0);
	ck_assert_uint_gt(g.gl_pathc, 0);
	for (size_t t = 0; t < g.gl_pathc; t++) {
		char *first = NULL;

		for (uint64_t seed = 1; seed <= 100; seed++) {
			struct built b;
			char what[256];

			build(&b, g.gl_pathv[t], seed);
			for (size_t f = 0; f < b.p->nforms; f++) {
				const struct paper_form *pf = &b.p->forms[f];
				char *txt = render(FMT_TXT, DOC_PAPER, b.p, pf);

				if (b.t->total >= 0)
					ck_assert(fabs(pf->total -
						       b.t->total) < 1e-9);
				snprintf(what, sizeof(what), "%s seed %llu "
					 "form %s", g.gl_pathv[t],
					 (unsigned long long)seed, pf->name);
				check_no_answers(txt, pf, what);
				if (seed <= 20) {
					for (int fmt = FMT_MD; fmt <= FMT_HTML;
					     fmt++) {
						char *o = render(
							(enum render_fmt)fmt,
							DOC_PAPER, b.p, pf);

						check_no_answers(o, pf, what);
						free(o);
					}
					check_key_matches_paper(b.p, pf, txt);
				}
				if (seed == 1 && f == 0)
					first = txt;
				else
					free(txt);
			}
			built_free(&b);
		}
		free(first);
	}
	globfree(&g);
}
END_TEST

START_TEST(test_reproducible)
{
	glob_t g;

	ck_assert_int_eq(glob("templates/*.yaml", 0, NULL, &g), 0);
	for (size_t t = 0; t < g.gl_pathc; t++) {
		struct built a, b, c;

		build(&a, g.gl_pathv[t], 42);
		build(&b, g.gl_pathv[t], 42);
		build(&c, g.gl_pathv[t], 43);
		for (int fmt = FMT_TXT; fmt <= FMT_HTML; fmt++)
			for (int doc = DOC_PAPER; doc <= DOC_GUIDE; doc++) {
				char *x = render((enum render_fmt)fmt,
						 (enum render_doc)doc, a.p,
						 &a.p->forms[0]);
				char *y = render((enum render_fmt)fmt,
						 (enum render_doc)doc, b.p,
						 &b.p->forms[0]);
				char *z = render((enum render_fmt)fmt,
						 (enum render_doc)doc, c.p,
						 &c.p->forms[0]);

				ck_assert_str_eq(x, y);
				/* the director template draws everything
				 * it has in bank order: only the seed line
				 * of its guide changes */
				if (doc == DOC_GUIDE || strstr(
				    g.gl_pathv[t], "director") == NULL)
					ck_assert_str_ne(x, z);
				free(x);
				free(y);
				free(z);
			}
		built_free(&a);
		built_free(&b);
		built_free(&c);
	}
	globfree(&g);
}
END_TEST

/* The render suite. */
static Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fmt_parse);
	tcase_add_test(tc, test_paper_has_no_answers);
	tcase_add_test(tc, test_guide_answers_in_print_order);
	tcase_add_test(tc, test_guide_has_no_sheet_of_its_own);
	tcase_add_test(tc, test_html_for_candidate);
	tcase_add_test(tc, test_html_escaped);
	tcase_add_test(tc, test_markdown_escaped);
	tcase_add_test(tc, test_sheet);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_labels_follow_template_script);
	tcase_add_test(tc, test_bundled_templates);
	tcase_add_test(tc, test_reproducible);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(render_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
