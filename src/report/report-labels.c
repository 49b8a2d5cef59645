/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-labels.c - the report's labels in English and Chinese; the
 * Traditional ones are the Simplified ones converted with OpenCC, so that
 * no label is ever missing from them. */
#include "report/report-labels.h"

#include <stdlib.h>
#include <string.h>

#include "paper/script.h"

const struct rpt_labels rpt_labels_en = {
	.rank = "rank", .id = "candidate id", .name = "name", .form = "form",
	.total = "total", .percent = "percent", .result = "result",
	.pass = "pass", .fail = "fail", .pending = "pending",
	.problems = "problems", .notes = "notes", .pts = "pts",
	.no = "no", .qid = "id", .type = "type", .points = "points",
	.n = "n", .mean = "mean", .p = "difficulty (p)",
	.disc = "discrimination (27%)", .rpb = "item-rest r",
	.key = "key (bank letter)",
	.blank = "blank", .invalid = "invalid", .flags = "flags",
	.flag_sep = "; ",
	.opt_t = "A/T", .opt_f = "B/F", .tf_true = "T", .tf_false = "F",
	.too_easy = "too easy", .too_hard = "too hard",
	.poor_disc = "poor discrimination",
	.neg_disc = "negative discrimination",
	.low_r = "low item-rest r", .distractor = "distractor ",
	.rare_post = " chosen by under 5%",
	.positive_post = " goes with a higher score (check the key)",
	.below_chance = "below chance (check the key)",
	.pct_rank = "percentile rank",
	.sem_band = "within 1 SEM of the pass mark",
	.near_pass = "borderline",
	.alpha_del = "alpha if deleted", .option = "option",
	.keyed_mark = "key", .chose_n = "chosen (n)",
	.chose_pct = "chosen (%)", .upper_pct = "upper 27% chose",
	.lower_pct = "lower 27% chose", .opt_rpb = "option-rest r",
	.types = { "true_false", "single", "multiple", "short", "essay" },
	.statistic = "statistic", .value = "value",
	.st_n = "candidates scored (n)", .st_mean = "mean",
	.st_median = "median", .st_sd = "sd (sample, n-1)",
	.st_min = "min", .st_max = "max", .st_paper_total = "paper total",
	.st_pass_mark = "pass mark", .st_passed = "passed",
	.st_pass_rate = "pass rate", .st_alpha = "Cronbach's alpha",
	.st_kr20 = "KR-20 (alpha, all items right/wrong)",
	.st_sem = "SEM = sd * sqrt(1 - alpha)",
	.st_skew = "skewness", .st_kurt = "kurtosis (excess)",
	.st_pooled = "reliability (forms pooled, differences between forms "
		     "as error)",
	.st_sem_pooled = "SEM = sd * sqrt(1 - reliability)",
	.st_form_alpha = "alpha", .st_form_sem = "SEM",
	.st_flagged = "sheets flagged", .st_incomplete = "sheets incomplete",
	.st_pending = "sheets pending (left out of every statistic here "
		      "and on Items)",
	.st_note = "alpha, SEM and the Items sheet are computed from the "
		   "scores as graded; the other figures follow edits",
	.section = "section", .section_alpha = "alpha", .section_mean = "mean", .section_max = "max",
	.section_pct = "mean % of max",
	.section_points = "points", .band = "score band",
	.candidates = "candidates", .chart_dist = "Score distribution",
	.chart_dist_x = "total score", .chart_dist_y = "candidates",
	.chart_pass_colours = "red: below the pass mark, green: at or above it",
	.chart_sections = "Section means (% of the maximum)",
	.pr_file = "file", .pr_line = "line", .pr_col = "column",
	.pr_candidate = "candidate", .pr_question = "question",
	.pr_message = "message",
	.st_small_n = "Caution: fewer than 30 candidates, so every figure "
		      "here and on Items and Distractors is rough (a p or r "
		      "moves by .1 or more with a few candidates); no item "
		      "is flagged under 10 candidates.",
	.st_decision = "decisions near the pass mark",
	.st_alpha_ci = "alpha, 95% confidence interval (Feldt)",
	.st_csem = "conditional SEM at the pass mark (Lord's binomial model)",
	.st_consistency = "decision consistency (Subkoviak)",
	.st_kappa = "decision consistency beyond chance (kappa)",
	.st_decision_note = "Decision consistency is the share of candidates "
			    "who would get the same pass or fail on a second, "
			    "equally hard paper: at 90%, one in ten would "
			    "change side.",
	.st_form_sd = "sd", .st_eq_a = "equating a",
	.st_eq_b = "equating b",
	.st_welch = "forms' means equal? Welch's F, df1, df2, p",
	.st_forms_differ = "Warning: the forms draw questions of their own and "
			   "their mean totals differ (p < .05), so a total on "
			   "one form is not worth the same as on another. "
			   "Rank, result and percentile rank compare raw "
			   "totals: compare candidates of different forms by "
			   "their equated totals (linear equating, random "
			   "groups, onto form {form}: a * total + b above; JSON "
			   "equated_total).",
	.st_forms_same = "The forms draw questions of their own; their means "
			 "do not differ significantly (p >= .05). Equated "
			 "totals (linear equating, random groups, onto form "
			 "{form}): a * total + b above; JSON equated_total.",
	.sh_summary = "Summary", .sh_answers = "Answers", .sh_items = "Items",
	.sh_statistics = "Statistics", .sh_distractors = "Distractors",
	.sh_problems = "Problems",
};

const struct rpt_labels rpt_labels_zh = {
	.rank = "排名", .id = "考生编号", .name = "姓名", .form = "卷别",
	.total = "总分", .percent = "百分比", .result = "结果",
	.pass = "通过", .fail = "不通过", .pending = "待定",
	.problems = "问题数", .notes = "备注", .pts = "得分",
	.no = "题号", .qid = "题目编号", .type = "题型", .points = "分值",
	.n = "人数", .mean = "平均分", .p = "难度（p）",
	.disc = "区分度（27%）", .rpb = "校正题总相关",
	.key = "答案（题库字母）",
	.blank = "未答", .invalid = "无效", .flags = "提示",
	.flag_sep = "；",
	.opt_t = "A/对", .opt_f = "B/错", .tf_true = "对", .tf_false = "错",
	.too_easy = "过易", .too_hard = "过难", .poor_disc = "区分度低",
	.neg_disc = "负区分度", .low_r = "题总相关低", .distractor = "干扰项",
	.rare_post = "选择率低于5%",
	.positive_post = "选择者得分偏高（请核对答案）",
	.below_chance = "低于猜测水平（请核对答案）",
	.pct_rank = "百分位等级", .sem_band = "临界（及格线±1个测量标准误）",
	.near_pass = "临界",
	.alpha_del = "删除该题后信度", .option = "选项", .keyed_mark = "答案",
	.chose_n = "选择人数", .chose_pct = "选择率",
	.upper_pct = "高分组（前27%）选择率", .lower_pct = "低分组（后27%）选择率",
	.opt_rpb = "选项-其余分相关",
	.types = { "判断题", "单选题", "多选题", "简答题", "论述题" },
	.statistic = "统计量", .value = "数值",
	.st_n = "计分人数（n）", .st_mean = "平均分", .st_median = "中位数",
	.st_sd = "标准差（样本，n-1）", .st_min = "最低分",
	.st_max = "最高分", .st_paper_total = "试卷总分",
	.st_pass_mark = "及格线", .st_passed = "通过人数",
	.st_pass_rate = "通过率", .st_alpha = "克隆巴赫 alpha 系数",
	.st_kr20 = "KR-20 信度（全部为对错计分）",
	.st_sem = "测量标准误 SEM = sd * sqrt(1 - alpha)",
	.st_skew = "偏度", .st_kurt = "峰度（超额）",
	.st_pooled = "信度（各卷合并，卷间差异计为误差）",
	.st_sem_pooled = "测量标准误 SEM = sd * sqrt(1 - 信度)",
	.st_form_alpha = "信度 alpha", .st_form_sem = "测量标准误 SEM",
	.st_flagged = "有问题的答卷", .st_incomplete = "未评完的答卷",
	.st_pending = "待定答卷（未计入本页及题目分析的统计）",
	.st_note = "信度、SEM 与题目分析按评分时的分数计算；"
		   "其余数据随修改自动更新",
	.section = "部分", .section_alpha = "信度 alpha", .section_mean = "平均分", .section_max = "满分",
	.section_pct = "平均得分率",
	.section_points = "分值", .band = "分数段", .candidates = "人数",
	.chart_dist = "分数分布", .chart_dist_x = "总分",
	.chart_pass_colours = "红色：未达及格线；绿色：达到及格线",
	.chart_dist_y = "人数", .chart_sections = "各部分平均得分率",
	.pr_file = "文件", .pr_line = "行", .pr_col = "列",
	.pr_candidate = "考生", .pr_question = "题号",
	.pr_message = "问题",
	.st_small_n = "注意：计分人数不足 30，本页及题目分析、选项分析的各项数据"
		      "都很粗略（几名考生即可使 p 或 r 变动 .1 以上）；"
		      "不足 10 人时不提示任何题目。",
	.st_decision = "及格线附近的判定",
	.st_alpha_ci = "alpha 的 95% 置信区间（Feldt）",
	.st_csem = "及格线处的条件测量标准误（Lord 二项模型）",
	.st_consistency = "判定一致性（Subkoviak）",
	.st_kappa = "扣除偶然一致后的判定一致性（kappa）",
	.st_decision_note = "判定一致性是在另一份同等难度的试卷上得到相同通过或"
			    "不通过结果的考生比例：为 90% 时，十人中有一人会改变结果。",
	.st_form_sd = "标准差", .st_eq_a = "等值 a",
	.st_eq_b = "等值 b",
	.st_welch = "各卷平均分相等吗？Welch F、df1、df2、p",
	.st_forms_differ = "注意：各卷题目不同，且平均分差异显著（p < .05），"
			   "同一总分在不同试卷上的分量不同。排名、结果与百分位"
			   "等级按原始总分比较：比较不同试卷的考生请用等值分"
			   "（线性等值，随机组设计，以{form}卷为准：上表 a × 总分 + b；"
			   "JSON 的 equated_total）。",
	.st_forms_same = "各卷题目不同，平均分差异不显著（p ≥ .05）。等值分"
			 "（线性等值，随机组设计，以{form}卷为准）：上表 a × 总分 + b；"
			 "JSON 的 equated_total。",
	.sh_summary = "成绩汇总", .sh_answers = "答题明细", .sh_items = "题目分析",
	.sh_statistics = "统计", .sh_distractors = "选项分析",
	.sh_problems = "问题清单",
};

/* Text s in Traditional script, in a; NULL with an error in d. */
const char *rpt_text_hant(const char *s, struct arena *a, struct diags *d)
{
	char *t = script_convert(SCRIPT_HANT, s, d);
	const char *out;

	if (!t)
		return NULL;
	out = arena_strdup(a, t);
	free(t);
	if (!out)
		diags_oom(d);
	return out;
}

/* The Chinese labels in Traditional script, into out. */
int rpt_labels_hant(struct rpt_labels *out, struct arena *a,
		    struct diags *d)
{
	/* the labels are texts only: seen as an array of them, every label
	 * is converted, those added later too */
	enum { N = sizeof(struct rpt_labels) / sizeof(const char *) };
	const char *v[N];

	_Static_assert(sizeof(struct rpt_labels) == N * sizeof(const char *),
		       "struct rpt_labels holds only texts");
	memcpy(v, &rpt_labels_zh, sizeof(v));
	for (size_t i = 0; i < N; i++)
		if (v[i] && !(v[i] = rpt_text_hant(v[i], a, d)))
			return -1;
	memcpy(out, v, sizeof(v));
	return 0;
}
