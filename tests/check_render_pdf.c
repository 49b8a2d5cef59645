/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_render_pdf.c - the PDF writer: valid PDF with the right page
 * count, every stem found by pdftotext and no answer text on the paper,
 * the guide's answers, Noto CJK fonts embedded for Simplified, Traditional
 * and English papers, byte-identical repeats, write errors, and the
 * typesetting engine's pagination and CJK line breaking, and the answer
 * sheet's common part held once by a print file of several forms. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paper/paper.h"
#include "paper/template.h"
#include "pdf/pdf-compose.h"
#include "pdf/pdf-paper.h"
#include "pdf/pdf-print.h"
#include "render/render.h"

#define NQ 6

/* A hand-made paper: one form, two sections. */
struct fixture {
	struct template t;
	struct bank b;
	struct question q[NQ];
	struct option shortopts[4], longopts[4];
	struct criterion rubric[2];
	const char *keys[1], *deductions[1];
	double criteria[2];
	struct paper_item items[NQ];
	struct paper_section sec[2];
	struct paper_form form;
	struct paper p;
};

/* Fill the fixture in a template language and a bank language. */
static void fixture_init(struct fixture *x, const char *lang,
			 const char *bank_lang)
{
	static const char *const stems_zh[NQ] = {
		"真正地倾听是要听两方面的内容，事实和情感。",
		"处理投诉的CLEAR原则中的“A”代表的是（ ）。",
		"道歉时应当注意哪些方面？",
		"下列哪一项最能体现以客户为中心的服务理念？",
		"简述首问负责制的含义。",
		"客户王女士通过热线投诉快递延误，请模拟对话，解决投诉并安抚客户情绪。",
	};
	static const char *const stems_hant[NQ] = {
		"肢體語言在溝通中的作用要大於說話的內容本身。",
		"處理投訴的CLEAR原則中的“A”代表的是（ ）。",
		"道歉時應當注意哪些方面？",
		"下列哪一項最能體現以客戶為中心的服務理念？",
		"簡述首問負責制的含義。",
		"客戶王女士通過熱線投訴快遞延誤，請模擬對話，解決投訴並安撫客戶情緒。",
	};
	static const char *const stems_en[NQ] = {
		"Listening means hearing both facts and feelings.",
		"In the CLEAR method for complaints, what does A stand for?",
		"Which of these belong in a good apology?",
		"Which answer best shows a customer-first attitude?",
		"Explain the first-contact ownership rule in two sentences.",
		"A customer calls about a late parcel: role-play the call.",
	};
	const char *const *stems = strcmp(lang, "en") == 0 ? stems_en :
		strcmp(bank_lang, "zh-Hant") == 0 ? stems_hant : stems_zh;
	const enum qtype types[NQ] = { Q_TRUE_FALSE, Q_SINGLE, Q_MULTIPLE,
				       Q_SINGLE, Q_SHORT, Q_ESSAY };

	memset(x, 0, sizeof(*x));
	x->t.code = "PDF-1";
	x->t.title = strcmp(lang, "en") == 0 ? "Service desk hiring test" :
		     "客户服务专员笔试";
	x->t.language = lang;
	x->t.duration = 60;
	x->b.name = "b";
	x->b.language = bank_lang;
	x->shortopts[0].text = "及时";
	x->shortopts[1].text = "大方";
	x->shortopts[2].text = "规范";
	x->shortopts[3].text = "OPTX";
	x->longopts[0].text = "把客户的每一项要求都当作必须无条件满足的命令来执行";
	x->longopts[1].text = "先了解客户真正的需要，再给出可行的方案并确认满意";
	x->longopts[2].text = "按公司流程办事，流程以外的问题一律请客户另找部门";
	x->longopts[3].text = "尽量缩短通话时间，以提高每小时处理的来电数量";
	x->rubric[0] = (struct criterion){ "倾听与共情", 6 };
	x->rubric[1] = (struct criterion){ "信息核实与解决方案", 4 };
	x->keys[0] = "KEYTEXT先复述客户诉求";
	x->deductions[0] = "DEDUCTTEXT推诿责任";
	for (int i = 0; i < NQ; i++) {
		struct question *q = &x->q[i];

		q->id = "q";
		q->type = types[i];
		q->stem = stems[i];
		q->bank = &x->b;
		q->points = 2;
		x->items[i].no = (unsigned)i + 1;
		x->items[i].q = q;
		x->items[i].points = 2;
	}
	x->q[0].answer_tf = true;
	x->q[0].explanation = "EXPLTEXT事实与情感";
	x->q[1].options = x->shortopts;
	x->q[1].noptions = 4;
	x->q[1].answer = 1u << 3;
	x->q[2].options = x->shortopts;
	x->q[2].noptions = 4;
	x->q[2].answer = 7;
	x->q[3].options = x->longopts;
	x->q[3].noptions = 4;
	x->q[3].answer = 1u << 1;
	x->q[4].reference = "REFTEXT谁接待谁负责到底";
	x->q[5].rubric = x->rubric;
	x->q[5].nrubric = 2;
	x->q[5].points = 10;
	x->q[5].keys = x->keys;
	x->q[5].nkeys = 1;
	x->q[5].deductions = x->deductions;
	x->q[5].ndeductions = 1;
	x->items[5].points = 10;
	x->criteria[0] = 6;
	x->criteria[1] = 4;
	x->items[5].criteria = x->criteria;
	for (int i = 1; i <= 3; i++) {
		x->items[i].noptions = 4;
		for (unsigned k = 0; k < 4; k++)
			x->items[i].order[k] = (unsigned char)(3 - k);
		x->items[i].rule = MC_HALF;
	}
	/* printed order is reversed: bank D is printed A */
	x->items[1].answer = 1u << 0;
	x->items[2].answer = (1u << 3) | (1u << 2) | (1u << 1);
	x->items[3].answer = 1u << 2;
	x->sec[0] = (struct paper_section){ "一、选择题", "每题2分。", 0, 4,
					    8 };
	x->sec[1] = (struct paper_section){ "二、简答与情景题", NULL, 4, 2,
					    12 };
	x->form = (struct paper_form){ "A", x->items, NQ, x->sec, 2, 20 };
	x->p.tpl = &x->t;
	x->p.seed = 42;
	x->p.forms = &x->form;
	x->p.nforms = 1;
	x->p.total = 20;
	x->p.pass = 12;
}

/* Render into a malloc'd buffer. */
static char *render(const struct fixture *x, enum render_doc doc,
		    size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(pdf_print_doc(fp, doc, &x->p, &x->form), 0);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* Save a rendered document to a temporary file; returns its path. */
static char *save(const struct fixture *x, enum render_doc doc)
{
	char *path = strdup("/tmp/check_render_pdf-XXXXXX");
	size_t len;
	char *buf = render(x, doc, &len);
	int fd;

	ck_assert_ptr_nonnull(path);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
	free(buf);
	return path;
}

/* Output of a shell command on a file (malloc'd); pdftotext writes to
 * standard output. */
static char *run(const char *cmd, const char *path)
{
	char line[1024], *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	FILE *p;

	snprintf(line, sizeof(line), "%s '%s' %s 2>&1", cmd, path,
		 strncmp(cmd, "pdftotext", 9) == 0 ||
		 strncmp(cmd, "qpdf", 4) == 0 ? "-" : "");
	p = popen(line, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(o);
	while (fgets(line, sizeof(line), p))
		fputs(line, o);
	ck_assert_int_eq(pclose(p), 0);
	fclose(o);
	return out;
}

/* Page count that pdfinfo reports. */
static int pages(const char *path)
{
	char *info = run("pdfinfo", path);
	const char *s = strstr(info, "Pages:");
	int n;

	ck_assert_ptr_nonnull(s);
	n = atoi(s + 6);
	free(info);
	return n;
}

START_TEST(paper_has_stems_and_no_answers)
{
	struct fixture x;
	char *path, *text, *squeezed;
	char footer[64];
	int n;

	fixture_init(&x, "zh", "zh-Hans");
	path = save(&x, DOC_PAPER);
	n = pages(path);
	ck_assert_int_ge(n, 2);		/* questions, then the answer sheet */
	text = run("pdftotext -enc UTF-8", path);
	for (int i = 0; i < NQ; i++)
		ck_assert_msg(strstr(text, x.q[i].stem), "stem %d missing", i);
	ck_assert_ptr_nonnull(strstr(text, "客户服务专员笔试"));
	ck_assert_ptr_nonnull(strstr(text, "PDF-1"));
	ck_assert_ptr_nonnull(strstr(text, "答题卡"));
	/* the answer sheet names rubric criteria by number only */
	ck_assert_ptr_null(strstr(text, "倾听与共情"));
	ck_assert_ptr_nonnull(strstr(text, "评分项1"));
	ck_assert_ptr_nonnull(strstr(text, "OPTX"));
	/* pdftotext keeps or drops spaces between Chinese words as the
	 * glyphs fall: compare without them */
	snprintf(footer, sizeof(footer), "第1页/共%d页", n);
	squeezed = strdup(text);
	ck_assert_ptr_nonnull(squeezed);
	for (char *r = text, *w = squeezed;; r++)
		if (*r != ' ' && !(*w++ = *r))
			break;
	ck_assert_msg(strstr(squeezed, footer), "no '%s'", footer);
	free(squeezed);
	ck_assert_ptr_null(strstr(text, "EXPLTEXT"));
	ck_assert_ptr_null(strstr(text, "REFTEXT"));
	ck_assert_ptr_null(strstr(text, "KEYTEXT"));
	ck_assert_ptr_null(strstr(text, "DEDUCTTEXT"));
	ck_assert_ptr_null(strstr(text, "T 正确"));
	free(text);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(guide_has_answers)
{
	struct fixture x;
	char *path, *text;

	fixture_init(&x, "zh", "zh-Hans");
	path = save(&x, DOC_GUIDE);
	text = run("pdftotext -enc UTF-8", path);
	ck_assert_ptr_nonnull(strstr(text, "EXPLTEXT"));
	ck_assert_ptr_nonnull(strstr(text, "REFTEXT"));
	ck_assert_ptr_nonnull(strstr(text, "KEYTEXT"));
	ck_assert_ptr_nonnull(strstr(text, "DEDUCTTEXT"));
	ck_assert_ptr_nonnull(strstr(text, "高分关键"));
	ck_assert_ptr_nonnull(strstr(text, "扣分项"));
	ck_assert_ptr_nonnull(strstr(text, "参考答案"));
	ck_assert_ptr_nonnull(strstr(text, "解析"));
	ck_assert_ptr_nonnull(strstr(text, "少选得一半分"));
	ck_assert_ptr_nonnull(strstr(text, "BCD"));	/* item 3 */
	ck_assert_ptr_nonnull(strstr(text, "合格线 12 分"));
	ck_assert_ptr_null(strstr(text, "答题卡"));
	/* the true/false answer and the essay's criteria as the sheet names
	 * its bubbles and score rows */
	ck_assert_ptr_nonnull(strstr(text, "1. T"));
	ck_assert_ptr_nonnull(strstr(text, "T 正确"));
	ck_assert_ptr_nonnull(strstr(text, "评分项1"));
	ck_assert_ptr_nonnull(strstr(text, "评分项2"));
	free(text);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(options_columns)
{
	struct fixture x;
	char *path, *text, *line;
	bool four = false, sep = true;

	fixture_init(&x, "zh", "zh-Hans");
	path = save(&x, DOC_PAPER);
	text = run("pdftotext -layout -enc UTF-8", path);
	/* short options share a line, long ones get a line each */
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strstr(line, "A. OPTX") && strstr(line, "D. 及时"))
			four = true;
		if (strstr(line, "先了解客户") && strstr(line, "按公司流程"))
			sep = false;
	}
	ck_assert(four);
	ck_assert(sep);
	free(text);
	unlink(path);
	free(path);
}
END_TEST

/* Fonts, text and page count of a paper in one language. */
static void check_language(const char *lang, const char *bank_lang,
			   const char *font, const char *word)
{
	struct fixture x;
	char *path, *fonts, *text;

	fixture_init(&x, lang, bank_lang);
	path = save(&x, DOC_PAPER);
	fonts = run("pdffonts", path);
	ck_assert_msg(strstr(fonts, font), "%s not embedded:\n%s", font,
		      fonts);
	ck_assert_ptr_null(strstr(fonts, "DejaVu"));
	ck_assert_ptr_null(strstr(fonts, " no "));	/* all embedded */
	text = run("pdftotext -enc UTF-8", path);
	ck_assert_msg(strstr(text, word), "'%s' missing", word);
	ck_assert_ptr_nonnull(strstr(text, x.q[5].stem));
	free(fonts);
	free(text);
	unlink(path);
	free(path);
}

START_TEST(traditional_chinese)
{
	check_language("zh", "zh-Hant", "NotoSerifCJKtc-Regular", "答題卡");
}
END_TEST

START_TEST(simplified_chinese)
{
	check_language("zh", "zh-Hans", "NotoSerifCJKsc-Regular", "考生编号");
}
END_TEST

START_TEST(english)
{
	check_language("en", "en", "NotoSerifCJKsc-Regular", "Page 1 of ");
}
END_TEST

START_TEST(same_bytes)
{
	struct fixture x;
	size_t la, lb;
	char *a, *b;

	fixture_init(&x, "zh", "zh-Hans");
	a = render(&x, DOC_PAPER, &la);
	b = render(&x, DOC_PAPER, &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(a, b, la), 0);
	ck_assert_int_eq(memcmp(a, "%PDF-", 5), 0);
	ck_assert_ptr_nonnull(strstr(a + la - 8, "%%EOF"));
	free(a);
	free(b);
}
END_TEST

START_TEST(write_error)
{
	struct fixture x;
	FILE *fp = fopen("/dev/full", "w");

	if (!fp)
		return;	/* no /dev/full here */
	setvbuf(fp, NULL, _IONBF, 0);
	fixture_init(&x, "zh", "zh-Hans");
	errno = 0;
	ck_assert_int_eq(pdf_print_doc(fp, DOC_PAPER, &x.p, &x.form), -1);
	ck_assert_int_eq(errno, ENOSPC);
	fclose(fp);
}
END_TEST

START_TEST(many_marked_questions)
{
	enum { N = 60 };
	static struct paper_item items[N];
	struct fixture x;
	char *path, *text, *squeezed, want[64];
	int n, sheet_pages = 0;

	fixture_init(&x, "zh", "zh-Hans");
	for (unsigned i = 0; i < N; i++) {
		items[i] = x.items[5];
		items[i].no = i + 1;
	}
	x.sec[0] = (struct paper_section){ "情景题", NULL, 0, N, 10.0 * N };
	x.form.items = items;
	x.form.nitems = N;
	x.form.nsections = 1;
	x.form.total = 10.0 * N;
	path = save(&x, DOC_PAPER);
	n = pages(path);
	ck_assert_int_gt(n, N / 3);
	text = run("pdftotext -enc UTF-8", path);
	squeezed = strdup(text);
	ck_assert_ptr_nonnull(squeezed);
	for (char *r = text, *w = squeezed;; r++)
		if (*r != ' ' && !(*w++ = *r))
			break;
	/* every criterion has its score bubbles, over more than one sheet page */
	for (unsigned i = 1; i <= N; i++) {
		snprintf(want, sizeof(want), "第%u题评分项2（4分）", i);
		ck_assert_msg(strstr(squeezed, want), "no '%s'", want);
	}
	for (int p = 1; p <= n; p++) {
		char cmd[64], *page;

		snprintf(cmd, sizeof(cmd), "pdftotext -f %d -l %d", p, p);
		page = run(cmd, path);
		sheet_pages += strstr(page, "答题卡") != NULL;
		free(page);
	}
	ck_assert_int_ge(sheet_pages, 2);
	free(squeezed);
	free(text);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(blocks_stay_on_one_page)
{
	struct pdf_doc d;
	const double body = PDF_BODY_BOTTOM - PDF_BODY_TOP;

	struct pdf_fonts ft;

	ck_assert_int_eq(pdf_fonts_init(&ft, PS_HANS), 0);
	pdf_doc_init(&d, &ft, PS_HANS);
	/* 30 blocks of 100 points: 7 to a page, never cut */
	for (int b = 0; b < 30; b++) {
		pdf_block_begin(&d, 0, 0);
		for (int k = 0; k < 5; k++)
			pdf_rule(&d, PDF_MARGIN_X, 20.0 * k, 100, 1);
		pdf_block_end(&d, 100);
	}
	/* one taller than a page is cut between its operations */
	pdf_block_begin(&d, 0, 0);
	for (int k = 0; k < 60; k++)
		pdf_rule(&d, PDF_MARGIN_X, 20.0 * k, 100, 1);
	pdf_block_end(&d, 1200);
	ck_assert_int_eq(pdf_doc_paginate(&d), 0);
	for (size_t b = 0; b < 30; b++) {
		const struct pdf_block *bl = &d.blocks[b];

		for (size_t i = 1; i < bl->nops; i++)
			ck_assert_uint_eq(d.ops[bl->first + i].page,
					  d.ops[bl->first].page);
		ck_assert_uint_eq(d.ops[bl->first].page,
				  (unsigned)(b / (size_t)(body / 100)));
	}
	ck_assert_uint_gt(d.ops[d.nops - 1].page, d.ops[d.nops - 60].page);
	for (size_t i = 0; i < d.nops; i++) {
		ck_assert(d.ops[i].y >= PDF_BODY_TOP - 0.01);
		ck_assert(d.ops[i].y + d.ops[i].h <= PDF_BODY_BOTTOM + 0.01);
	}
	ck_assert_uint_eq(d.pages, d.ops[d.nops - 1].page + 1);
	pdf_doc_release(&d);
	pdf_fonts_release(&ft);
}
END_TEST

START_TEST(cjk_line_breaks)
{
	static const char *const bad[] = { "。", "，", "、", "）", "」", "』",
					   "！", "？", "；", "：", "”", "》" };
	static const char text[] =
		"客户说：“你们的服务（尤其是售后）太差了！”我们应当先道歉，"
		"再了解情况、核实信息；然后给出方案。「首问负责」是指："
		"谁接待、谁负责，不推诿，不拖延！对吗？对。《服务规范》、"
		"《投诉处理流程》都这样规定，客户满意为止。";
	struct pdf_doc d;
	size_t lines = 0;

	struct pdf_fonts ft;

	ck_assert_int_eq(pdf_fonts_init(&ft, PS_HANS), 0);
	pdf_doc_init(&d, &ft, PS_HANS);
	/* many widths, so that punctuation falls at every line start */
	for (int w = 60; w < 200; w += 3) {
		pdf_block_begin(&d, 0, 0);
		pdf_text(&d, PS_HANS, PF_BODY, 0, 0, w, 0, text, 0);
		pdf_block_end(&d, 0);
	}
	for (size_t i = 0; i < d.nops; i++) {
		PangoLayoutLine *l = pango_layout_get_line_readonly(
			d.ops[i].layout, d.ops[i].line);
		const char *start = pango_layout_get_text(d.ops[i].layout) +
				    l->start_index;

		if (d.ops[i].line == 0)
			continue;
		lines++;
		for (size_t k = 0; k < sizeof(bad) / sizeof(*bad); k++)
			ck_assert_msg(strncmp(start, bad[k], strlen(bad[k])),
				      "line starts with '%s'", bad[k]);
	}
	ck_assert_uint_gt(lines, 100);
	pdf_doc_release(&d);
	pdf_fonts_release(&ft);
}
END_TEST

/* Every cell of the guide's answer table holds its text inside its
 * borders, even "142. ABCD" (#16: "42. ABCD" was drawn below). */
START_TEST(answer_table_fits)
{
	struct fixture x;
	struct pdf_fonts ft;
	struct pdf_paper pp;
	struct pdf_copy c;
	size_t cells = 0;

	fixture_init(&x, "zh", "zh-Hans");
	for (int i = 0; i < NQ; i++)
		x.items[i].no = 140 + (unsigned)i;
	x.items[2].answer = 0xf;
	c = (struct pdf_copy){ &x.form, NULL, NULL };
	memset(&pp, 0, sizeof(pp));
	ck_assert_int_eq(pdf_fonts_init(&ft, PS_HANS), 0);
	pdf_doc_init(&pp.doc, &ft, PS_HANS);
	ck_assert_int_eq(pdf_compose_paper(&pp, DOC_GUIDE, &x.p, &c), 0);
	for (size_t i = 1; i < pp.doc.nops; i++) {
		const struct pdf_op *r = &pp.doc.ops[i - 1];

		if (r->kind != OP_RECT || pp.doc.ops[i].kind != OP_LINE ||
		    strncmp(pango_layout_get_text(pp.doc.ops[i].layout), "14",
			    2) != 0)
			continue;
		cells++;
		/* every line of the cell's text */
		for (size_t k = i; k < pp.doc.nops &&
		     pp.doc.ops[k].kind == OP_LINE &&
		     pp.doc.ops[k].layout == pp.doc.ops[i].layout; k++) {
			const struct pdf_op *t = &pp.doc.ops[k];

			ck_assert_msg(t->x >= r->x &&
				      t->x + t->w <= r->x + r->w &&
				      t->y >= r->y &&
				      t->y + t->h <= r->y + r->h,
				      "'%s' outside its cell",
				      pango_layout_get_text(t->layout));
		}
	}
	ck_assert_uint_eq(cells, 4);
	pdf_doc_release(&pp.doc);
	pdf_fonts_release(&ft);
}
END_TEST

/* Occurrences of s in the n bytes at b. */
static int count(const char *b, size_t n, const char *s)
{
	size_t k = strlen(s);
	int c = 0;

	for (size_t i = 0; i + k <= n; i++)
		c += memcmp(b + i, s, k) == 0;
	return c;
}

START_TEST(sheet_shared_by_forms)
{
	static const char *const names[3] = { "A", "B", "C" };
	struct fixture x;
	struct paper_form forms[3];
	struct pdf_copy copies[3];
	struct pdf_job j;
	char *buf = NULL, *path = strdup("/tmp/check_render_pdf-XXXXXX");
	char *text, *one;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	int fd, words;

	fixture_init(&x, "zh", "zh-Hans");
	/* how often form A's paper alone says 考生编号 */
	one = save(&x, DOC_PAPER);
	text = run("pdftotext -enc UTF-8", one);
	words = count(text, strlen(text), "考生编号");
	ck_assert_int_gt(words, 0);
	free(text);
	/* a paper alone shows each text once: no text is a drawing of its
	 * own, only the sheet's common part */
	text = run("qpdf --qdf --object-streams=disable", one);
	ck_assert_int_eq(count(text, strlen(text), "/Subtype /Form"), 1);
	free(text);
	unlink(one);
	free(one);
	for (int i = 0; i < 3; i++) {
		forms[i] = x.form;
		strcpy(forms[i].name, names[i]);
		copies[i] = (struct pdf_copy){ &forms[i], NULL, NULL };
	}
	x.p.forms = forms;
	x.p.nforms = 3;
	j = (struct pdf_job){ fp, DOC_PAPER, copies, 3, false, 0 };
	ck_assert_int_eq(pdf_print_jobs(&x.p, &j, 1, NULL), 0);
	ck_assert_int_eq(fclose(fp), 0);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
	/* the three forms' sheets differ only in the form's name and QR
	 * code: the rest of the page is in the file once, a drawing the
	 * size of the page (the objects written out of their object
	 * streams); the texts that all three papers show are drawings of
	 * their own */
	text = run("qpdf --qdf --object-streams=disable", path);
	ck_assert_int_eq(count(text, strlen(text), "/BBox [\n    0\n    0\n"
			       "    596\n    842\n  ]"), 1);
	ck_assert_int_gt(count(text, strlen(text), "/Subtype /Form"), 1);
	free(text);
	text = run("pdftotext -enc UTF-8", path);
	ck_assert_int_eq(count(text, strlen(text), "考生编号"), 3 * words);
	for (int i = 0; i < 3; i++) {
		char form[32];

		snprintf(form, sizeof(form), "%s卷", names[i]);
		ck_assert_msg(strstr(text, form), "'%s' missing", form);
	}
	free(text);
	free(buf);
	unlink(path);
	free(path);
}
END_TEST

/* The suite. */
static Suite *render_pdf_suite(void)
{
	Suite *s = suite_create("pdf_print_doc");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, paper_has_stems_and_no_answers);
	tcase_add_test(tc, guide_has_answers);
	tcase_add_test(tc, options_columns);
	tcase_add_test(tc, traditional_chinese);
	tcase_add_test(tc, simplified_chinese);
	tcase_add_test(tc, english);
	tcase_add_test(tc, same_bytes);
	tcase_add_test(tc, write_error);
	tcase_add_test(tc, many_marked_questions);
	tcase_add_test(tc, blocks_stay_on_one_page);
	tcase_add_test(tc, cjk_line_breaks);
	tcase_add_test(tc, answer_table_fits);
	tcase_add_test(tc, sheet_shared_by_forms);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit 1 if anything failed. */
int main(void)
{
	SRunner *sr = srunner_create(render_pdf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
