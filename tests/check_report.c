/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_report.c - the Excel report of a gradebook built by hand: the file
 * is a zip whose sheet XML is read back with `unzip -p` and checked for
 * formulas with cached values, text never written as a formula, frozen
 * panes, autofilters, charts, CJK labels and refusing to overwrite. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"

static char tmpdir[64];
static char out[128];

/* A fresh folder for each test. */
static void setup(void)
{
	strcpy(tmpdir, "/tmp/check_report.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(out, sizeof(out), "%s/report.xlsx", tmpdir);
}

/* Remove the test folder and its files. */
static void teardown(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char p[512];

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] ||
		    (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(tmpdir);
}

/* Number of entries in the test folder (. and .. not counted). */
static int entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

/* One key: form, items (type, points, noptions, printed answer) in
 * sections of the given sizes. */
struct item_spec {
	const char *id;
	enum qtype type;
	double points;
	unsigned noptions;
	uint32_t answer;
	bool tf;
	const char *order;	/* bank letters per printed option, or NULL */
};

/* Build a key in its own arena. */
static struct key *mk_key(const char *form, const struct item_spec *spec,
			  size_t n, const char *const *titles,
			  const size_t *sizes, size_t nsec)
{
	struct key *k = calloc(1, sizeof(*k));
	size_t no = 0;

	ck_assert_ptr_nonnull(k);
	arena_init(&k->arena);
	k->paper = "T-1";
	k->form = form;
	k->language = "zh";
	k->items = arena_calloc(&k->arena, n, sizeof(*k->items));
	k->nitems = n;
	k->sections = arena_calloc(&k->arena, nsec, sizeof(*k->sections));
	k->nsections = nsec;
	for (size_t s = 0; s < nsec; s++) {
		struct key_section *ks = &k->sections[s];

		ks->title = titles[s];
		ks->nitems = sizes[s];
		ks->nos = arena_calloc(&k->arena, sizes[s], sizeof(unsigned));
		for (size_t i = 0; i < sizes[s]; i++, no++) {
			struct key_item *it = &k->items[no];

			ks->nos[i] = (unsigned)no + 1;
			it->no = (unsigned)no + 1;
			it->id = spec[no].id;
			it->type = spec[no].type;
			it->points = spec[no].points;
			it->noptions = spec[no].noptions;
			it->answer = spec[no].answer;
			it->answer_tf = spec[no].tf;
			it->rule = MC_EXACT;
			it->section = s;
			for (unsigned o = 0; spec[no].order && o < it->noptions;
			     o++)
				it->order[o] =
					(unsigned char)(spec[no].order[o] - 'A');
			ks->points += it->points;
			k->total += it->points;
		}
	}
	k->pass = k->total * 0.6;
	return k;
}

/* A response. */
struct resp_spec {
	const char *raw;
	float earned;
	uint32_t mask;
	enum resp_status status;
};

/* Add a candidate graded against key k (index ki). */
static void add_cand(struct gradebook *gb, const char *id, const char *name,
		     size_t ki, const struct resp_spec *rs)
{
	struct candidate *c = &gb->cands[gb->ncands++];
	const struct key *k = ki < gb->keys.nkeys ? gb->keys.keys[ki] : NULL;

	c->id = id;
	c->name = name;
	c->form = k ? k->form : "Z";
	c->file = "sheets.csv";
	c->line = (unsigned)gb->ncands + 1;
	c->key = k;
	if (!k)
		return;
	c->resp = arena_calloc(&gb->arena, k->nitems, sizeof(*c->resp));
	c->section = arena_calloc(&gb->arena, k->nsections, sizeof(double));
	for (size_t i = 0; i < k->nitems; i++) {
		c->resp[i].raw = rs[i].raw;
		c->resp[i].earned = rs[i].earned;
		c->resp[i].mask = rs[i].mask;
		c->resp[i].status = (uint8_t)rs[i].status;
		c->section[k->items[i].section] += rs[i].earned;
		c->total += rs[i].earned;
	}
	c->percent = c->total / k->total * 100;
	c->pass = c->total >= k->pass;
}

static const char *const titles[] = { "选择题", "情景模拟题" };
static const size_t sizes[] = { 2, 1 };

/* A gradebook: forms A and B of one paper (same questions, own order),
 * four candidates, one without a known form, and one problem. */
static void mk_gradebook(struct gradebook *gb)
{
	static const struct item_spec a[] = {
		{ "tf-listen", Q_TRUE_FALSE, 1, 0, 0, true, NULL },
		{ "sc-clear", Q_SINGLE, 2, 4, 1u << 2, false, "BDAC" },
		{ "scen-late", Q_ESSAY, 10, 0, 0, false, NULL },
	};
	static const struct item_spec b[] = {
		{ "sc-clear", Q_SINGLE, 2, 4, 1u << 0, false, "ABCD" },
		{ "tf-listen", Q_TRUE_FALSE, 1, 0, 0, true, NULL },
		{ "scen-late", Q_ESSAY, 10, 0, 0, false, NULL },
	};
	/* form A printed C is bank A; form B printed A is bank A */
	static const struct resp_spec r1[] = {
		{ "T", 1, 1, RESP_OK }, { "C", 2, 1u << 2, RESP_OK },
		{ "9", 9, 0, RESP_OK } };
	static const struct resp_spec r2[] = {
		{ "B", 0, 1u << 1, RESP_OK }, { "对", 1, 1, RESP_OK },
		{ "5.5", 5.5f, 0, RESP_OK } };
	static const struct resp_spec r3[] = {
		{ "Q", 0, 0, RESP_INVALID }, { NULL, 0, 0, RESP_BLANK },
		{ NULL, 0, 0, RESP_MISSING } };

	gradebook_init(gb);
	gb->keys.keys = calloc(2, sizeof(*gb->keys.keys));
	gb->keys.key_cols = calloc(2, sizeof(*gb->keys.key_cols));
	gb->keys.section_titles = calloc(2, sizeof(*gb->keys.section_titles));
	gb->cands = calloc(4, sizeof(*gb->cands));
	gb->problems = calloc(1, sizeof(*gb->problems));
	ck_assert(gb->keys.keys && gb->keys.key_cols && gb->keys.section_titles && gb->cands &&
		  gb->problems);
	gb->cand_cap = 4;
	gb->prob_cap = 1;
	gb->keys.keys[0] = mk_key("A", a, 3, titles, sizes, 2);
	gb->keys.keys[1] = mk_key("B", b, 3, titles, sizes, 2);
	gb->keys.nkeys = 2;
	for (size_t i = 0; i < 2; i++) {
		gb->keys.key_cols[i] = calloc(2, sizeof(size_t));
		ck_assert_ptr_nonnull(gb->keys.key_cols[i]);
		gb->keys.key_cols[i][0] = 0;
		gb->keys.key_cols[i][1] = 1;
	}
	gb->keys.section_titles[0] = titles[0];
	gb->keys.section_titles[1] = titles[1];
	gb->keys.nsection_titles = 2;
	add_cand(gb, "2026002", "=1+1", 1, r2);
	add_cand(gb, "2026001", "张三", 0, r1);
	add_cand(gb, "2026003", "李四", 0, r3);
	add_cand(gb, "2026004", "王五", 9, NULL);
	gb->cands[2].flagged = gb->cands[2].incomplete = true;
	gb->problems[0] = (struct problem){ "sheets.csv", 4, 4, "2026003", 1,
					    "'Q' is not an option",
					    "“Q”不是选项字母" };
	gb->nproblems = 1;
}

/* Contents of one member of the report (malloc'd). */
static char *member(const char *name)
{
	char cmd[512], *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s'", out, name);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap * 2 + 8192;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		n = fread(buf + len, 1, 4096, p);
		len += n;
	} while (n > 0);
	buf[len] = 0;
	ck_assert_int_eq(pclose(p), 0);
	return buf;
}

/* Assert that member name contains text. */
static void has(const char *name, const char *text)
{
	char *s = member(name);

	if (!strstr(s, text))
		ck_abort_msg("'%s' lacks '%s'", name, text);
	free(s);
}

/* Assert that member name does not contain text. */
static void lacks(const char *name, const char *text)
{
	char *s = member(name);

	if (strstr(s, text))
		ck_abort_msg("'%s' has '%s'", name, text);
	free(s);
}

#define SUMMARY "xl/worksheets/sheet1.xml"
#define ANSWERS "xl/worksheets/sheet2.xml"
#define ITEMS "xl/worksheets/sheet3.xml"
#define STATS "xl/worksheets/sheet4.xml"
#define DISTRACTORS "xl/worksheets/sheet5.xml"
#define PROBLEMS "xl/worksheets/sheet6.xml"

/* Write the hand-made gradebook's report. */
static void write_report(const char *lang, bool force, enum report_err want)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;

	mk_gradebook(&gb);
	ck_assert_int_eq(report_write_xlsx(out, &gb, lang, force, &d), want);
	ck_assert_uint_eq(d.errors, want == REPORT_OK ? 0 : 1);
	diags_release(&d);
	gradebook_release(&gb);
}

START_TEST(test_sheets_and_order)
{
	/* worksheets named in the report's language */
	write_report("en", false, REPORT_OK);
	has("xl/workbook.xml", "name=\"Summary\"");
	has("xl/workbook.xml", "name=\"Answers\"");
	has("xl/workbook.xml", "name=\"Items\"");
	has("xl/workbook.xml", "name=\"Statistics\"");
	has("xl/workbook.xml", "name=\"Problems\"");
	write_report("zh", true, REPORT_OK);
	has("xl/workbook.xml", "name=\"成绩汇总\"");
	has("xl/workbook.xml", "name=\"答题明细\"");
	has("xl/workbook.xml", "name=\"题目分析\"");
	has("xl/workbook.xml", "name=\"统计\"");
	has("xl/workbook.xml", "name=\"选项分析\"");
	has("xl/workbook.xml", "name=\"问题清单\"");
	lacks("xl/workbook.xml", "name=\"Summary\"");
	/* rank order: 张三 (12) first, =1+1 (6.5) second, 李四 (0) */
	has(SUMMARY, "<c r=\"B2\" t=\"inlineStr\"><is><t>2026001</t>");
	has(SUMMARY, "<c r=\"B3\" t=\"inlineStr\"><is><t>2026002</t>");
	has(SUMMARY, "<c r=\"B5\" t=\"inlineStr\"><is><t>2026004</t>");
	/* CJK headers */
	has(SUMMARY, "<t>排名</t>");
	has(SUMMARY, "<t>情景模拟题</t>");
	/* problems in Chinese in the Chinese report */
	has(PROBLEMS, "<t>“Q”不是选项字母</t>");
	lacks(PROBLEMS, "is not an option");
	ck_assert_int_eq(entries(), 1);	/* no temporary files left */
}
END_TEST

START_TEST(test_hant)
{
	/* a zh-Hant paper's report: labels and problems in Traditional,
	 * the candidates' own text as written */
	write_report("zh-Hant", false, REPORT_OK);
	has(SUMMARY, "<t>考生編號</t>");
	has(SUMMARY, "<t>總分</t>");
	has(SUMMARY, "<t>张三</t>");
	has(SUMMARY, "\"待定\",IF(");
	has(PROBLEMS, "<t>“Q”不是選項字母</t>");
	has(ANSWERS, "<t>得分</t>");
}
END_TEST

/* Number of times text occurs in member name. */
static int count(const char *name, const char *text)
{
	char *s = member(name), *p = s;
	int n = 0;

	while ((p = strstr(p, text))) {
		n++;
		p += strlen(text);
	}
	free(s);
	return n;
}

START_TEST(test_histogram_pass_line)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;

	/* paper total 13, pass mark 7.8: a band edge (6 x 1.3); the six
	 * bands below it red, the four from it on green */
	write_report("en", false, REPORT_OK);
	has("xl/charts/chart2.xml", "<a:t>Score distribution (pass mark "
				    "7.8)</a:t>");
	has("xl/charts/chart2.xml", "red: below the pass mark, green: at or "
				    "above it");
	ck_assert_int_eq(count("xl/charts/chart2.xml", "<c:dPt>"), 10);
	ck_assert_int_eq(count("xl/charts/chart2.xml", "C0504D"), 6);
	ck_assert_int_eq(count("xl/charts/chart2.xml", "70AD47"), 4);
	/* a pass mark inside a band splits it: 11 bands, the line an edge */
	mk_gradebook(&gb);
	gb.keys.keys[0]->pass = gb.keys.keys[1]->pass = 8;
	ck_assert_int_eq(report_write_xlsx(out, &gb, "en", true, &d),
			 REPORT_OK);
	diags_release(&d);
	gradebook_release(&gb);
	has(STATS, "<t>7.8–&lt;8</t>");
	has(STATS, "<t>8–&lt;9.1</t>");
	has(STATS, "<t>11.7–13</t>");
	ck_assert_int_eq(count("xl/charts/chart2.xml", "<c:dPt>"), 11);
	ck_assert_int_eq(count("xl/charts/chart2.xml", "C0504D"), 7);
	/* the section means are charted as percent */
	has("xl/charts/chart1.xml", "formatCode=\"0%\"");
}
END_TEST

START_TEST(test_formulas_cached)
{
	write_report("zh", false, REPORT_OK);
	/* section: form A numbers 1, 2 are Answers points columns E, G,
	 * one cell each (F, a response, is never summed); the Chinese sheet
	 * names are quoted in formulas */
	has(SUMMARY, "<f>SUM('答题明细'!E2,'答题明细'!G2)</f><v>3</v>");
	has(SUMMARY, "<f>SUM('答题明细'!I2)</f><v>9</v>");
	/* objective points are formulas over the response cell and the
	 * key: a corrected response re-scores (the single choice keyed C of
	 * four options, exact) */
	has(ANSWERS, "<f>IF(ISNUMBER(MATCH(UPPER(TRIM(D2)),{\"T\",");
	has(ANSWERS, "<f>IF(AND((ISNUMBER(SEARCH(\"C\",F2)))=1,"
		     "(ISNUMBER(SEARCH(\"A\",F2))+ISNUMBER(SEARCH(\"B\",F2))"
		     "+ISNUMBER(SEARCH(\"D\",F2)))=0),2,0)</f><v>2</v>");
	/* =1+1 wrote 对 (form B, question 2): shown as T, scored 1, in the
	 * columns of tf-listen (form A's question 1) */
	has(ANSWERS, "<c r=\"D3\" s=\"");
	has(ANSWERS, "<is><t>T</t></is></c><c r=\"E3\"><f>IF(ISNUMBER("
		     "MATCH(UPPER(TRIM(D3)),{\"T\",");
	/* the pass mark, paper total and section maxima beside the table */
	has(SUMMARY, "<is><t>及格线</t></is></c><c r=\"O2\"");
	/* percentile rank among the sheets not pending (张三 12 over =1+1
	 * 6.5: 100 (1 + 1/2) / 2) and the borderline mark, both live */
	has(SUMMARY, "<t>百分位等级</t>");
	has(SUMMARY, "<c r=\"K2\" s=\"");
	has(SUMMARY, "COUNTIF($I$2:$I$5,\"&lt;&gt;待定\")*100)</f><v>75</v>");
	has(SUMMARY, "<f>IF(AND(I2&lt;&gt;\"待定\",ABS(G2-7.8)&lt;=");
	has(SUMMARY, "满分</t>");
	/* an invalid response stays as written, its 0 an input cell */
	lacks(ANSWERS, "TRIM(D4)");
	has(SUMMARY, "<f>SUM(E2:F2)</f><v>12</v>");
	has(SUMMARY, "<f>G3/13</f><v>0.5<");
	has(SUMMARY, "<c r=\"I2\" t=\"str\"><f>IF(J2&gt;0,\"待定\",IF(G2&gt;="
		     "7.8-0.000001,\"通过\",\"不通过\"))</f><v>通过</v>");
	/* ranks among the sheets not pending, ties within the points
	 * tolerance; a pending sheet has none */
	has(SUMMARY, "<f>IF(I2=\"待定\",\"\",COUNTIFS($G$2:$G$5,\"&gt;\"&amp;"
		     "(G2+0.000001),$I$2:$I$5,\"&lt;&gt;待定\")+1)</f><v>1</v>");
	has(SUMMARY, "<f>IF(I4=\"待定\",\"\",COUNTIFS($G$2:$G$5,\"&gt;\"&amp;"
		     "(G4+0.000001),$I$2:$I$5,\"&lt;&gt;待定\")+1)</f><v></v>");
	/* the candidate without a known form has no total and is pending
	 * (SPEC: never fail because of a problem), with its one problem */
	has(SUMMARY, "<c r=\"I5\" t=\"inlineStr\"><is><t>待定</t>");
	has(SUMMARY, "<c r=\"J5\" s=\"");
	/* statistics leave pending sheets out */
	has(STATS, "IF('成绩汇总'!$I$2:$I$5&lt;&gt;\"待定\","
		       "'成绩汇总'!$G$2:$G$5)");
	lacks(SUMMARY, "<c r=\"G5\"");
}
END_TEST

START_TEST(test_section_runs)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;
	unsigned *nos;

	/* form B's first section is questions 1 and 3, its second 2 */
	mk_gradebook(&gb);
	nos = gb.keys.keys[1]->sections[0].nos;
	nos[1] = 3;
	gb.keys.keys[1]->sections[1].nos[0] = 2;
	ck_assert_int_eq(report_write_xlsx(out, &gb, "en", false, &d),
			 REPORT_OK);
	diags_release(&d);
	gradebook_release(&gb);
	/* =1+1 on form B: sc-clear (G) + scen-late (I) = 0 + 5.5, and
	 * tf-listen (E) = 1: each question's own column */
	has(SUMMARY, "<f>SUM(Answers!G3,Answers!I3)</f><v>5.5</v>");
	has(SUMMARY, "<f>SUM(Answers!E3)</f><v>1</v>");
	has(SUMMARY, "<f>SUM(Answers!E2,Answers!G2)</f><v>3</v>");
}
END_TEST

START_TEST(test_answer_columns)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;

	/* one column pair per bank question, headed by where each form
	 * printed it: tf-listen is A1 and B2 */
	write_report("en", false, REPORT_OK);
	has(ANSWERS, "<t>A1 B2\ntf-listen</t>");
	has(ANSWERS, "<t>A1 B2\ntf-listen</t></is></c><c r=\"E1\" s=\"1\" "
		     "t=\"inlineStr\"><is><t>pts</t>");
	has(ANSWERS, "<t>A2 B1\nsc-clear</t>");
	has(ANSWERS, "<t>A3 B3\nscen-late</t>");
	/* forms that draw their own questions: form B's first question is
	 * one form A does not have, and gets a column of its own, beside
	 * the other questions of its section */
	mk_gradebook(&gb);
	gb.keys.keys[1]->items[0].id = "sc-other";
	ck_assert_int_eq(report_write_xlsx(out, &gb, "en", true, &d),
			 REPORT_OK);
	diags_release(&d);
	gradebook_release(&gb);
	has(ANSWERS, "<t>A2\nsc-clear</t>");
	has(ANSWERS, "<t>B1\nsc-other</t>");
	has(ANSWERS, "<c r=\"J1\" s=\"1\" t=\"inlineStr\"><is><t>"
		     "A3 B3\nscen-late</t>");
	has(SUMMARY, "<f>SUM(Answers!I3,Answers!E3)</f><v>1</v>");
	has(SUMMARY, "<f>SUM(Answers!K3)</f><v>5.5</v>");
	has(SUMMARY, "<f>SUM(Answers!E2,Answers!G2)</f><v>3</v>");
	has(ANSWERS, "<autoFilter ref=\"A1:K5\"/>");
}
END_TEST

START_TEST(test_sum_nested)
{
	enum { N = 401 };
	static struct item_spec spec[N];
	static struct resp_spec rs[N];
	static char ids[N][16];
	static const char *const t2[] = { "odd", "even" };
	static const size_t sz[] = { N, 0 };
	struct gradebook gb;
	struct diags d = DIAGS_INIT;
	struct key_section *odd, *even;
	char *s, *p;

	for (size_t i = 0; i < N; i++) {
		snprintf(ids[i], sizeof(ids[i]), "tf%zu", i + 1);
		spec[i] = (struct item_spec){ ids[i], Q_TRUE_FALSE, 1, 0, 0,
					      true, NULL };
		rs[i] = (struct resp_spec){ "T", 1, 1, RESP_OK };
	}
	gradebook_init(&gb);
	gb.keys.keys = calloc(1, sizeof(*gb.keys.keys));
	gb.keys.key_cols = calloc(1, sizeof(*gb.keys.key_cols));
	gb.cands = calloc(1, sizeof(*gb.cands));
	gb.keys.section_titles = calloc(2, sizeof(*gb.keys.section_titles));
	ck_assert(gb.keys.keys && gb.keys.key_cols && gb.cands && gb.keys.section_titles);
	gb.cand_cap = 1;
	gb.keys.keys[0] = mk_key("A", spec, N, t2, sz, 2);
	gb.keys.nkeys = 1;
	gb.keys.key_cols[0] = calloc(2, sizeof(size_t));
	ck_assert_ptr_nonnull(gb.keys.key_cols[0]);
	gb.keys.key_cols[0][1] = 1;
	gb.keys.section_titles[0] = t2[0];
	gb.keys.section_titles[1] = t2[1];
	gb.keys.nsection_titles = 2;
	/* odd questions in one section, even ones in the other: 201 and
	 * 200 single cells */
	odd = &gb.keys.keys[0]->sections[0];
	even = &gb.keys.keys[0]->sections[1];
	even->nos = arena_calloc(&gb.keys.keys[0]->arena, N, sizeof(unsigned));
	ck_assert_ptr_nonnull(even->nos);
	odd->nitems = even->nitems = 0;
	for (unsigned no = 1; no <= N; no++) {
		if (no % 2)
			odd->nos[odd->nitems++] = no;
		else
			even->nos[even->nitems++] = no;
	}
	add_cand(&gb, "1", "n", 0, rs);
	ck_assert_int_eq(report_write_xlsx(out, &gb, "en", false, &d),
			 REPORT_OK);
	diags_release(&d);
	gradebook_release(&gb);
	s = member(SUMMARY);
	/* more than 200 arguments: nested SUMs of 200 */
	p = strstr(s, "<f>SUM(SUM(Answers!E2,Answers!I2,");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "),SUM(Answers!");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(strstr(p, "))</f><v>201</v>"));
	ck_assert_ptr_nonnull(strstr(s, "<f>SUM(Answers!G2,Answers!K2,"));
	ck_assert_ptr_null(strstr(s, "<f>SUM(SUM(Answers!G2"));
	free(s);
}
END_TEST

START_TEST(test_responses_are_text)
{
	char *s;

	write_report("en", false, REPORT_OK);
	/* every response cell has a style, and each style of one is the
	 * built-in text format: edits stay text, which SUM ranges skip */
	s = member("xl/styles.xml");
	ck_assert_ptr_nonnull(strstr(s, "<xf numFmtId=\"49\""));
	free(s);
	has(ANSWERS, "<c r=\"D2\" s=\"");	/* right: T */
	has(ANSWERS, "<c r=\"D3\" s=\"");	/* wrong: B */
	has(ANSWERS, "<c r=\"D4\" s=\"");	/* invalid: Q */
	lacks(ANSWERS, "<c r=\"E2\" s=\"");	/* points: General */
}
END_TEST

START_TEST(test_text_never_formula)
{
	write_report("en", false, REPORT_OK);
	has(SUMMARY, "<c r=\"C3\" t=\"inlineStr\"><is><t>=1+1</t>");
	has(ANSWERS, "<c r=\"B3\" t=\"inlineStr\"><is><t>=1+1</t>");
	lacks(SUMMARY, "<f>1+1");
	lacks(ANSWERS, "<f>1+1");
}
END_TEST

START_TEST(test_layout)
{
	write_report("en", false, REPORT_OK);
	has(SUMMARY, "<pane xSplit=\"3\" ySplit=\"1\"");
	has(SUMMARY, "<autoFilter ref=\"A1:L5\"/>");
	has(SUMMARY, "<conditionalFormatting sqref=\"I2:I5\">");
	has(SUMMARY, "<formula>\"pass\"</formula>");
	has(SUMMARY, "<formula>\"pending\"</formula>");
	has(ANSWERS, "<autoFilter ref=\"A1:I5\"/>");
	has(ANSWERS, "<pane xSplit=\"3\" ySplit=\"1\"");
	has(ITEMS, "<pane xSplit=\"2\" ySplit=\"1\"");
	has("xl/charts/chart1.xml", "<c:barChart>");
	has("xl/charts/chart2.xml", "<c:barChart>");
	/* Answers prints across pages, candidate columns and header row
	 * repeated, not squeezed to one page wide */
	has("xl/workbook.xml", "Answers!$A:$C,Answers!$1:$1");
	lacks(ANSWERS, "fitToPage");
	/* section means charted as percent of each section's maximum */
	has("xl/charts/chart1.xml", "<c:f>Statistics!$D$");
	has(SUMMARY, "<cols>");
	has(PROBLEMS, "<t>'Q' is not an option</t>");
	/* 李四 (an invalid answer) and the unknown form are pending: the
	 * mean is over 张三 (12) and =1+1 (6.5) */
	has(STATS, "AVERAGE(IF(Summary!$I$2:$I$5&lt;&gt;\"pending\","
		   "Summary!$G$2:$G$5))</f><v>9.25</v>");
	has(STATS, "<f>COUNTIF(Summary!$I$2:$I$5,\"pending\")</f><v>2</v>");
	has(STATS, "<f>COUNTIF(Summary!$I$2:$I$5,\"pass\")</f><v>1</v>");
}
END_TEST

START_TEST(test_items_by_bank_letter)
{
	write_report("en", false, REPORT_OK);
	/* sc-clear keyed bank A on both forms: 张三 chose it on form A
	 * (printed C), =1+1 chose printed B on form B (bank B); 李四's
	 * answer was invalid */
	has(ITEMS, "<t>sc-clear</t>");
	has(ITEMS, "<t>A</t></is></c><c r=\"L3\" s=\"");
	has(ITEMS, "<c r=\"M3\"><v>1</v></c>");
	/* two counted candidates chose A and B: C and D under 5%, but two
	 * candidates are too few to flag anything (fewer than 10), and the
	 * Statistics sheet says the figures are rough */
	lacks(ITEMS, "chosen by under 5%");
	has(DISTRACTORS, "<t>sc-clear</t></is></c><c r=\"C7\" s=\"2\" "
			 "t=\"inlineStr\"><is><t>D</t>");
	lacks(DISTRACTORS, "chosen by under 5%");
	has(STATS, "<t>Caution: fewer than 30 candidates");
}
END_TEST

START_TEST(test_refuses_overwrite)
{
	FILE *fp = fopen(out, "w");

	ck_assert_ptr_nonnull(fp);
	fputs("keep", fp);
	ck_assert_int_eq(fclose(fp), 0);
	write_report("en", false, REPORT_EXISTS);
	fp = fopen(out, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fgetc(fp), 'k');
	fclose(fp);
	ck_assert_int_eq(entries(), 1);
	write_report("en", true, REPORT_OK);
	has(SUMMARY, "<t>rank</t>");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_missing_folder)
{
	snprintf(out, sizeof(out), "%s/no/such/report.xlsx", tmpdir);
	write_report("en", false, REPORT_EIO);
	ck_assert_int_eq(entries(), 0);
}
END_TEST

START_TEST(test_row_limit_refused)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;

	/* only the counts are looked at: no candidate array is needed */
	gradebook_init(&gb);
	gb.ncands = 1048576;
	ck_assert(!report_fits("big.xlsx", &gb, &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "too many rows for one "
				     "worksheet (1048576 sheets"));
	ck_assert_int_eq(report_write_xlsx(out, &gb, "en", false, &d),
			 REPORT_XLSX);
	ck_assert_int_eq(access(out, F_OK), -1);	/* nothing written */
	gb.ncands = 1048575;
	ck_assert(report_fits("big.xlsx", &gb, &d));
	gb.ncands = 0;
	gradebook_release(&gb);
	diags_release(&d);
}
END_TEST

/* The report suite. */
static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_sheets_and_order);
	tcase_add_test(tc, test_formulas_cached);
	tcase_add_test(tc, test_section_runs);
	tcase_add_test(tc, test_answer_columns);
	tcase_add_test(tc, test_hant);
	tcase_add_test(tc, test_histogram_pass_line);
	tcase_add_test(tc, test_sum_nested);
	tcase_add_test(tc, test_responses_are_text);
	tcase_add_test(tc, test_text_never_formula);
	tcase_add_test(tc, test_layout);
	tcase_add_test(tc, test_items_by_bank_letter);
	tcase_add_test(tc, test_refuses_overwrite);
	tcase_add_test(tc, test_missing_folder);
	tcase_add_test(tc, test_row_limit_refused);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
