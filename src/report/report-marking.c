/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-marking.c - the 阅卷 worksheet (see report-marking.h). */
#include "report/report-marking.h"

#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "grade/grade-marks.h"
#include "mark/mark-stats.h"
#include "report/report-labels.h"

/* The worksheet's words in one language. */
struct mk_words {
	const char *sheet, *rule_twice[3], *arbiter_note, *rule_tail;
	const char *rule_once, *markers, *questions;
	const char *m_hdr[10], *q_hdr[9];
	const char *severe, *lenient, *drift, *icc_note, *flag_note;
};

static const struct mk_words words_zh = {
	"阅卷",
	{ "双评：两评之差不超过 ", " 分取两评平均；否则由题组长三评，三评与较近一评之差不超过 ",
	  " 分取二者平均，否则以题组长评分为准" },
	"（final: arbiter：凡需三评即以题组长评分为准）",
	"。分数按 0.5 分取整（四舍五入）。",
	"单评：每份答卷由一位阅卷人评分。",
	"阅卷人", "题目",
	{ "阅卷人", "评卷数", "平均得分率", "双评对比份数",
	  "宽严度（分，负为偏严）", "宽严度（得分率）", "完全一致率",
	  "相邻一致率（±1分）", "前后漂移（得分率）", "标记" },
	{ "题号", "题目ID", "满分", "作答份数", "双评份数", "ICC(1,1)",
	  "95%置信下限", "95%置信上限", "超差仲裁率" },
	"偏严", "偏宽", "前后漂移",
	"ICC(1,1)：单向随机效应、单一评分者、绝对一致（Shrout & Fleiss 1979 第1类；McGraw & Wong 1996 ICC(1)），每份答卷的两位初评人来自同一阅卷组；置信区间由F分布求得。少于3份双评时不计算。",
	"标记：与另一初评相比宽严度超过满分的10%（至少5份）为偏严或偏宽；后半与前半宽严度之差超过满分的10%（至少10份）为前后漂移。",
};

static const struct mk_words words_en = {
	"Marking",
	{ "Double marking: two marks at most ", " points apart give their mean; otherwise the arbiter marks a third time, which with the nearer first mark, when at most ",
	  " points apart, gives their mean, and otherwise stands" },
	" (final: arbiter: whenever a third mark was needed, it is final)",
	". Scores round to half points (quarters up).",
	"Single marking: each answer is marked by one marker.",
	"Markers", "Questions",
	{ "Marker", "Marks", "Mean share of points", "Marks compared",
	  "Severity (points; < 0 harsh)", "Severity (share)", "Exact agreement",
	  "Adjacent agreement (±1 point)", "Drift (share)", "Flags" },
	{ "No.", "Question id", "Points", "Answers", "Double-marked",
	  "ICC(1,1)", "95% CI low", "95% CI high", "Arbitration rate" },
	"harsh", "lenient", "drifting",
	"ICC(1,1): one-way random effects, single rater, absolute agreement (Shrout & Fleiss 1979, case 1; McGraw & Wong 1996, ICC(1)): each answer's two first markers come from one pool of markers; the confidence interval is from the F distribution. Not computed under 3 double-marked answers.",
	"Flags: severity against the other first mark beyond 10% of the points (at least 5 answers) is harsh or lenient; the later half's severity beyond 10% of the points from the earlier half's (at least 10 answers) is drifting.",
};

/* Text in the report's script (Traditional when the report is). */
static const char *script(struct rpt *r, const char *s)
{
	const char *t;

	if (!r->hant)
		return s;
	if (!(t = rpt_text_hant(s, &r->arena, r->d)))
		r->conv_failed = true;
	return t ? t : s;
}

/* A header row of n words at row. */
static void header(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		   const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rpt_str(r, s, row, (lxw_col_t)i, script(r, w[i]), r->hdr);
}

/* The rule line of the marks. */
static void rule_line(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		      const struct mk_words *w, const struct grade_marks *m)
{
	char tol[FORMAT_NUMBER_MAX], line[1024];

	if (!m->twice) {
		rpt_str(r, s, row, 0, script(r, w->rule_once), NULL);
		return;
	}
	format_number(m->tolerance, tol);
	snprintf(line, sizeof(line), "%s%s%s%s%s%s%s", w->rule_twice[0], tol,
		 w->rule_twice[1], tol, w->rule_twice[2],
		 m->final && !strcmp(m->final, "arbiter") ? w->arbiter_note
							  : "",
		 w->rule_tail);
	rpt_str(r, s, row, 0, script(r, line), NULL);
}

/* The flags of a marker as words. */
static void flag_words(const struct mk_words *w, unsigned f, char *buf,
		       size_t n)
{
	buf[0] = '\0';
	if (f & MARK_FLAG_SEVERE)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s", w->severe);
	if (f & MARK_FLAG_LENIENT)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s", w->lenient);
	if (f & MARK_FLAG_DRIFT)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
			 buf[0] ? ", " : "", w->drift);
}

/* One marker's row. */
static void marker_row(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		       const struct mk_words *w,
		       const struct mark_marker_stats *m)
{
	char flags[64];

	rpt_str(r, s, row, 0, m->name, NULL);
	rpt_num(r, s, row, 1, (double)m->count, NULL);
	rpt_num(r, s, row, 2, m->mean_share, r->pct);
	rpt_num(r, s, row, 3, (double)m->shared, NULL);
	if (m->shared) {
		rpt_num(r, s, row, 4, m->severity, r->ratio);
		rpt_num(r, s, row, 5, m->severity_share, r->pct);
		rpt_num(r, s, row, 6, m->exact, r->pct);
		rpt_num(r, s, row, 7, m->adjacent, r->pct);
		rpt_num(r, s, row, 8, m->drift_share, r->pct);
	}
	flag_words(w, m->flags, flags, sizeof(flags));
	if (flags[0])
		rpt_str(r, s, row, 9, script(r, flags), r->flag);
}

/* One question's row. */
static void question_row(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			 const struct mark_question_stats *q)
{
	rpt_num(r, s, row, 0, q->number, NULL);
	rpt_str(r, s, row, 1, q->qid, NULL);
	rpt_num(r, s, row, 2, q->points, NULL);
	rpt_num(r, s, row, 3, (double)q->answers, NULL);
	rpt_num(r, s, row, 4, (double)q->pairs, NULL);
	if (q->has_icc) {
		rpt_num(r, s, row, 5, q->icc, r->ratio);
		rpt_num(r, s, row, 6, q->icc_lo, r->ratio);
		rpt_num(r, s, row, 7, q->icc_hi, r->ratio);
	}
	if (q->pairs)
		rpt_num(r, s, row, 8, (double)q->arbitrated /
			(double)q->pairs, r->pct);
}

/* Write the worksheet when the gradebook has marks. */
int rpt_write_marking(struct rpt *r)
{
	const struct grade_marks *m = r->gb->marks;
	const struct mk_words *w = r->zh ? &words_zh : &words_en;
	struct mark_stats st;
	struct rpt_sheet s;
	lxw_row_t row = 0;
	int ret = -1;

	if (!m || !m->n)
		return 0;
	if (mark_stats_compute(m, &st) < 0) {
		r->oom = 1;
		return -1;
	}
	if (rpt_sheet_add(r, &s, script(r, w->sheet), 10) < 0)
		goto out;
	rule_line(r, &s, row++, w, m);
	row++;
	rpt_str(r, &s, row++, 0, script(r, w->markers), r->hdr);
	header(r, &s, row++, w->m_hdr, 10);
	for (size_t i = 0; i < st.nmarkers; i++)
		marker_row(r, &s, row++, w, &st.markers[i]);
	rpt_str(r, &s, row++, 0, script(r, w->flag_note), NULL);
	row++;
	rpt_str(r, &s, row++, 0, script(r, w->questions), r->hdr);
	header(r, &s, row++, w->q_hdr, 9);
	for (size_t i = 0; i < st.nquestions; i++)
		question_row(r, &s, row++, &st.questions[i]);
	rpt_str(r, &s, row++, 0, script(r, w->icc_note), NULL);
	/* the long notes span the table rather than widen its first column */
	s.width[0] = 12;
	ret = r->oom || r->err || r->conv_failed ? -1 : 0;
	rpt_sheet_finish(r, &s);
out:
	mark_stats_release(&st);
	return ret;
}
