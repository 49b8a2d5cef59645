/* SPDX-License-Identifier: GPL-3.0-or-later */
/* labels.c - printed words in zh-Hans, zh-Hant and en, and the text helpers
 * of the renderers (see labels.h).  The tables are static; nothing here
 * allocates. */
#include "paper/labels.h"

#include <stdio.h>
#include <string.h>

#include "base/csv.h"

static const struct labels zh_hans = {
	.html_lang = "zh-Hans",
	.colon = "：",
	.sep = "　·　",
	.guide = "评分指南",
	.guide_note = "仅供阅卷人使用，请勿发给考生。",
	.code = "试卷代码",
	.form = "卷别",
	.duration = "考试时间",
	.total = "满分",
	.pass = "合格线",
	.seed = "随机种子",
	.form_pre = "",
	.form_post = " 卷",
	.minutes = " 分钟",
	.name = "姓名",
	.candidate_id = "考生编号",
	.date = "日期",
	.notice_first = "请先在答题卡上填写姓名和考生编号。",
	.notice_sep = "；",
	.notice_end = "。",
	.notice_tf_choice = "判断题和选择题在答题卡上涂选作答",
	.notice_tf = "判断题在答题卡上涂选作答",
	.notice_choice = "选择题在答题卡上涂选作答",
	.notice_written = "简答题和论述题在题目下方的空白处作答",
	.notice_oral_some = "没有作答空白的题目请口头作答，由考官在答题卡上评分",
	.notice_oral_all = "本卷各题请口头作答，由考官在答题卡上评分",
	.count_pre = "（共 ",
	.count_mid = " 题，",
	.count_mid_one = " 题，",
	.stem_gap = "",
	.count_post = " 分）",
	.pts_pre = "（",
	.pts_post = " 分）",
	.pts_post_one = " 分）",
	.unit = "分",
	.unit_one = "分",
	.multiple_hint = "（多选）",
	.tf_hint = "（　　）",
	.tf_true = "T",
	.tf_false = "F",
	.tf_true_word = "正确",
	.tf_false_word = "错误",
	.answer = "答案",
	.explanation = "解析",
	.rubric = "评分要点",
	.reference = "参考答案",
	.keys = "高分关键",
	.deductions = "扣分项",
	.scoring = "计分",
	.rule_exact = "全部选对得满分，少选、错选均不得分",
	.rule_half = "少选得一半分，错选不得分",
	.rule_per_option = "按选项计分：（选对数 − 选错数）÷ 正确选项数 × "
			   "分值，最低 0 分",
	.answer_space = "答：",
	.answer_sheet = "答题卡",
	.subjective = "主观题评分（阅卷人填写）",
	.criterion = "评分项",
	.score = "得分",
	.marker = "阅卷人",
	.page_pre = "第 ",
	.page_mid = " 页 / 共 ",
	.page_post = " 页",
	.blank_page = "本页空白",
	.blank_before_sheet = "本页空白：答题卡另起一张纸，双面打印时可单独取下交卷",
	.handout = "试卷发放签收表",
	.handout_note = "按此顺序发放（与打印顺序相同），考生领卷时签名。",
	.seq = "序号",
	.signature = "签名",
	.sheet_head = "答题卡录入：在每个题号后填写考生的答案或阅卷人的分数，"
		      "未作答留空。",
	.type_names = { "判断题", "单选题", "多选题", "简答题", "论述题" },
	.hint = { "填 T 或 F", "填一个字母", "填所选字母，如 A C D",
		  "填阅卷人给的分数", "填阅卷人给的总分" },
	.hint_criteria = "，或按评分项填 ",
};

static const struct labels zh_hant = {
	.html_lang = "zh-Hant",
	.colon = "：",
	.sep = "　·　",
	.guide = "評分指南",
	.guide_note = "僅供閱卷人使用，請勿發給考生。",
	.code = "試卷代碼",
	.form = "卷別",
	.duration = "考試時間",
	.total = "滿分",
	.pass = "合格線",
	.seed = "隨機種子",
	.form_pre = "",
	.form_post = " 卷",
	.minutes = " 分鐘",
	.name = "姓名",
	.candidate_id = "考生編號",
	.date = "日期",
	.notice_first = "請先在答題卡上填寫姓名和考生編號。",
	.notice_sep = "；",
	.notice_end = "。",
	.notice_tf_choice = "判斷題和選擇題在答題卡上塗選作答",
	.notice_tf = "判斷題在答題卡上塗選作答",
	.notice_choice = "選擇題在答題卡上塗選作答",
	.notice_written = "簡答題和論述題在題目下方的空白處作答",
	.notice_oral_some = "沒有作答空白的題目請口頭作答，由考官在答題卡上評分",
	.notice_oral_all = "本卷各題請口頭作答，由考官在答題卡上評分",
	.count_pre = "（共 ",
	.count_mid = " 題，",
	.count_mid_one = " 題，",
	.stem_gap = "",
	.count_post = " 分）",
	.pts_pre = "（",
	.pts_post = " 分）",
	.pts_post_one = " 分）",
	.unit = "分",
	.unit_one = "分",
	.multiple_hint = "（多選）",
	.tf_hint = "（　　）",
	.tf_true = "T",
	.tf_false = "F",
	.tf_true_word = "正確",
	.tf_false_word = "錯誤",
	.answer = "答案",
	.explanation = "解析",
	.rubric = "評分要點",
	.reference = "參考答案",
	.keys = "高分關鍵",
	.deductions = "扣分項",
	.scoring = "計分",
	.rule_exact = "全部選對得滿分，少選、錯選均不得分",
	.rule_half = "少選得一半分，錯選不得分",
	.rule_per_option = "按選項計分：（選對數 − 選錯數）÷ 正確選項數 × "
			   "分值，最低 0 分",
	.answer_space = "答：",
	.answer_sheet = "答題卡",
	.subjective = "主觀題評分（閱卷人填寫）",
	.criterion = "評分項",
	.score = "得分",
	.marker = "閱卷人",
	.page_pre = "第 ",
	.page_mid = " 頁 / 共 ",
	.page_post = " 頁",
	.blank_page = "本頁空白",
	.blank_before_sheet = "本頁空白：答題卡另起一張紙，雙面列印時可單獨取下交卷",
	.handout = "試卷發放簽收表",
	.handout_note = "按此順序發放（與列印順序相同），考生領卷時簽名。",
	.seq = "序號",
	.signature = "簽名",
	.sheet_head = "答題卡錄入：在每個題號後填寫考生的答案或閱卷人的分數，"
		      "未作答留空。",
	.type_names = { "判斷題", "單選題", "多選題", "簡答題", "論述題" },
	.hint = { "填 T 或 F", "填一個字母", "填所選字母，如 A C D",
		  "填閱卷人給的分數", "填閱卷人給的總分" },
	.hint_criteria = "，或按評分項填 ",
};

static const struct labels en = {
	.html_lang = "en",
	.colon = ": ",
	.sep = "  ·  ",
	.guide = "Marker's guide",
	.guide_note = "For markers only: do not hand out to candidates.",
	.code = "Paper",
	.form = "Form",
	.duration = "Time",
	.total = "Total",
	.pass = "Pass mark",
	.seed = "Seed",
	.form_pre = "Form ",
	.form_post = "",
	.minutes = " minutes",
	.name = "Name",
	.candidate_id = "Candidate ID",
	.date = "Date",
	.notice_first = "Write your name and candidate ID on the answer sheet "
			"first. ",
	.notice_sep = ". ",
	.notice_end = ".",
	.notice_tf_choice = "Answer true/false and multiple-choice questions "
			    "on the answer sheet",
	.notice_tf = "Answer true/false questions on the answer sheet",
	.notice_choice = "Answer multiple-choice questions on the answer "
			 "sheet",
	.notice_written = "Write short and essay answers in the space below "
			  "each question",
	.notice_oral_some = "Answer the questions without answer space "
			    "aloud; the examiner scores them on the answer "
			    "sheet",
	.notice_oral_all = "Answer every question aloud; the examiner scores "
			   "them on the answer sheet",
	.count_pre = " (",
	.count_mid = " questions, ",
	.count_mid_one = " question, ",
	.stem_gap = " ",
	.count_post = " points)",
	.pts_pre = "(",
	.pts_post = " points)",
	.pts_post_one = " point)",
	.unit = "points",
	.unit_one = "point",
	.multiple_hint = " (choose all that apply)",
	.tf_hint = " (True / False)",
	.tf_true = "T",
	.tf_false = "F",
	.tf_true_word = "True",
	.tf_false_word = "False",
	.answer = "Answer",
	.explanation = "Explanation",
	.rubric = "Rubric",
	.reference = "Reference answer",
	.keys = "Earns high marks",
	.deductions = "Loses marks",
	.scoring = "Scoring",
	.rule_exact = "all and only the right options earn the points",
	.rule_half = "a correct subset earns half; any wrong option earns 0",
	.rule_per_option = "points x (right chosen - wrong chosen) / right "
			   "options, at least 0",
	.answer_space = "Answer:",
	.answer_sheet = "Answer sheet",
	.subjective = "Marked questions (for markers)",
	.criterion = "Criterion",
	.score = "Score",
	.marker = "Marker",
	.page_pre = "Page ",
	.page_mid = " of ",
	.page_post = "",
	.blank_page = "This page is intentionally blank",
	.blank_before_sheet = "This page is intentionally blank: the answer "
			      "sheet starts on a leaf of its own, to be taken "
			      "off and handed in when printed on both sides",
	.handout = "Hand-out list",
	.handout_note = "Hand out in this order (the order the papers were "
			"printed); each candidate signs on receipt.",
	.seq = "No.",
	.signature = "Signature",
	.sheet_head = "Write each candidate answer or marker score after its "
		      "number; leave it empty when nothing was answered.",
	.type_names = { "true/false", "single choice", "multiple choice",
			"short answer", "essay" },
	.hint = { "T or F", "one letter", "letters, e.g. A C D",
		  "the marker's score", "the marker's total" },
	.hint_criteria = ", or per criterion ",
};

/* Labels by language name. */
const struct labels *labels_get(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0)
		return &en;
	if (lang && strcmp(lang, "zh-Hant") == 0)
		return &zh_hant;
	return &zh_hans;
}

/* True if a bank language names Traditional Chinese. */
static bool lang_is_hant(const char *lang)
{
	return lang && (strncmp(lang, "zh-Hant", 7) == 0 ||
			strcmp(lang, "zh-TW") == 0 ||
			strcmp(lang, "zh-HK") == 0);
}

/* Labels for paper p. */
const struct labels *labels_for(const struct paper *p)
{
	size_t n = 0;

	if (p->tpl->language && strcmp(p->tpl->language, "en") == 0)
		return &en;
	/* the template's language decides when it names a script */
	if (lang_is_hant(p->tpl->language))
		return &zh_hant;
	if (p->tpl->language && strncmp(p->tpl->language, "zh-Hans", 7) == 0)
		return &zh_hans;
	for (size_t f = 0; f < p->nforms; f++)
		for (size_t i = 0; i < p->forms[f].nitems; i++, n++)
			if (!lang_is_hant(p->forms[f].items[i].q->bank ?
			    p->forms[f].items[i].q->bank->language : NULL))
				return &zh_hans;
	return n ? &zh_hant : &zh_hans;
}

static const char *const cjk_digits[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

/* Byte length of the Chinese numeral at the start of s, or 0. */
static size_t cjk_digit_len(const char *s)
{
	for (size_t i = 0; i < sizeof(cjk_digits) / sizeof(*cjk_digits); i++)
		if (strncmp(s, cjk_digits[i], strlen(cjk_digits[i])) == 0)
			return strlen(cjk_digits[i]);
	return 0;
}

/* True if a title starts with its own number. */
bool labels_title_numbered(const char *title)
{
	const char *s = title;
	size_t n;

	if (!s)
		return false;
	if (strncmp(s, "第", strlen("第")) == 0 ||
	    strncmp(s, "Part ", 5) == 0 || strncmp(s, "Section ", 8) == 0)
		return true;
	if (*s >= '0' && *s <= '9') {
		while (*s >= '0' && *s <= '9')
			s++;
	} else if ((n = cjk_digit_len(s)) > 0) {
		while ((n = cjk_digit_len(s)) > 0)
			s += n;
	} else {
		return false;
	}
	return *s == '.' || *s == ')' || strncmp(s, "、", 3) == 0 ||
	       strncmp(s, "．", 3) == 0 || strncmp(s, "）", 3) == 0;
}

/* Section number before an unnumbered title. */
const char *labels_section_number(const struct labels *l, size_t i,
				  char *buf)
{
	size_t n = i + 1;

	if (l == &en || n > 99) {
		snprintf(buf, LABEL_MAX, "Part %zu: ", n);
		return buf;
	}
	snprintf(buf, LABEL_MAX, "%s%s%s、", n >= 20 ? cjk_digits[n / 10] : "",
		 n >= 10 ? "十" : "", n % 10 ? cjk_digits[n % 10] : "");
	return buf;
}

/* Section summary: count and points. */
const char *labels_section_summary(const struct labels *l, size_t count,
				   double points, char *buf)
{
	char num[FORMAT_NUMBER_MAX];

	snprintf(buf, LABEL_MAX, "%s%zu%s%s%s", l->count_pre, count,
		 count == 1 ? l->count_mid_one : l->count_mid,
		 format_number(points, num), l->count_post);
	return buf;
}

/* Points of one question. */
const char *labels_points(const struct labels *l, double points, char *buf)
{
	char num[FORMAT_NUMBER_MAX];

	snprintf(buf, LABEL_MAX, "%s%s%s", l->pts_pre,
		 format_number(points, num),
		 points == 1 ? l->pts_post_one : l->pts_post);
	return buf;
}

/* Criterion by number only. */
const char *labels_criterion(const struct labels *l, size_t k, char *buf)
{
	bool latin = l->criterion[0] >= 'A' && l->criterion[0] <= 'Z';

	snprintf(buf, LABEL_MAX, "%s%s%zu", l->criterion, latin ? " " : "",
		 k + 1);
	return buf;
}

/* Scoring rule in words. */
const char *labels_rule(const struct labels *l, enum mc_rule r)
{
	switch (r) {
	case MC_HALF:
		return l->rule_half;
	case MC_PER_OPTION:
		return l->rule_per_option;
	case MC_DEFAULT:
	case MC_EXACT:
		break;
	}
	return l->rule_exact;
}

/* True for choice questions. */
bool item_is_objective(const struct paper_item *it)
{
	return it->q->type == Q_TRUE_FALSE || it->q->type == Q_SINGLE ||
	       it->q->type == Q_MULTIPLE;
}

/* Printed answer of an objective item. */
const char *labels_answer(const struct labels *l,
			  const struct paper_item *it, char *buf)
{
	switch (it->q->type) {
	case Q_TRUE_FALSE:
		snprintf(buf, LABEL_MAX, "%s %s",
			 it->q->answer_tf ? l->tf_true : l->tf_false,
			 it->q->answer_tf ? l->tf_true_word :
					    l->tf_false_word);
		return buf;
	case Q_SINGLE:
	case Q_MULTIPLE:
		return mask_letters(it->answer, buf);
	case Q_SHORT:
	case Q_ESSAY:
	case Q_NTYPES:
		break;
	}
	return NULL;
}

/* How to answer form f. */
const char *labels_notice(const struct labels *l, const struct paper_form *f,
			  char *buf)
{
	bool tf = false, choice = false, written = false, oral = false;
	const char *part[3];
	size_t n = 0, len;

	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];

		switch (it->q->type) {
		case Q_TRUE_FALSE:
			tf = true;
			break;
		case Q_SINGLE:
		case Q_MULTIPLE:
			choice = true;
			break;
		case Q_SHORT:
		case Q_ESSAY:
		case Q_NTYPES:
			if (item_answer_lines(it))
				written = true;
			else
				oral = true;
			break;
		}
	}
	if (tf || choice)
		part[n++] = tf && choice ? l->notice_tf_choice :
			    tf ? l->notice_tf : l->notice_choice;
	if (written)
		part[n++] = l->notice_written;
	if (oral)
		part[n++] = written || tf || choice ? l->notice_oral_some :
						      l->notice_oral_all;
	len = (size_t)snprintf(buf, NOTICE_MAX, "%s", l->notice_first);
	for (size_t i = 0; i < n && len < NOTICE_MAX; i++)
		len += (size_t)snprintf(buf + len, NOTICE_MAX - len, "%s%s",
					part[i], i + 1 < n ? l->notice_sep :
							     l->notice_end);
	return buf;
}
