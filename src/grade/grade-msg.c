/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-msg.c - the Chinese catalog of grading problems (see
 * grade-msg.h).  Every Chinese format takes the same arguments in the same
 * order as its English one (check_grade compares their conversions); an
 * English plural ending is taken and not printed with "%.0s". */
#include "grade/grade-msg.h"

#include <stdio.h>
#include <string.h>

/* English format, Chinese format. */
static const char *const catalog[][2] = {
	/* sheets and rows */
	{ "no paper given, and keys of several papers are loaded",
	  "未写明试卷代码，而载入了多份试卷的答案" },
	{ "missing form", "缺少卷别" },
	{ "no key for paper '%s' form '%s'",
	  "没有试卷“%s” %s 卷的答案" },
	{ "duplicate candidate id '%s' (also at %s:%u)",
	  "考生编号“%s”重复（另见 %s:%u）" },
	{ "duplicate candidate id '%s' (again at %s:%u)",
	  "考生编号“%s”重复（又见于 %s:%u）" },
	{ "missing candidate id", "缺少考生编号" },
	{ "%u of the %u answers to objective questions are not possible "
	  "answers on paper '%s' form '%s': is this a sheet of another paper?",
	  "%u 个客观题答案（共 %u 个）不是试卷“%s” %s 卷可能的答案："
	  "这是否是另一份试卷的答题卡？" },
	{ "every answer is blank (an absent candidate?): pending and left out "
	  "of the statistics; delete the row if the candidate did not sit",
	  "所有题目均未作答（缺考？）：待定，不计入统计；如考生缺考请删除此行" },
	{ "the sheet is empty", "答题文件为空" },
	{ "the sheet is too large (more than %zu MiB as text)",
	  "答题文件过大（文本超过 %zu MiB）" },
	{ "the sheet is not UTF-8 or GB18030 text: byte 0x%02X here is not "
	  "UTF-8 (a binary file?)",
	  "答题文件不是 UTF-8 或 GB18030 文本：此处字节 0x%02X 不是 UTF-8"
	  "（是二进制文件吗？）" },
	{ "the sheet cannot be read as %s (byte %zu): save it as UTF-8",
	  "无法按 %s 读取答题文件（第 %zu 字节）：请另存为 UTF-8" },
	{ "byte 0x%02X here is not UTF-8 (%zu such %s, read as \xEF\xBF\xBD): "
	  "save the file as UTF-8; the rows they touch are pending",
	  "此处字节 0x%02X 不是 UTF-8（共 %zu 个%.0s，读作 \xEF\xBF\xBD）："
	  "请将文件另存为 UTF-8；涉及的行待定" },
	{ "byte 0x%02X is not UTF-8 (read as \xEF\xBF\xBD): check the sheet and "
	  "save it as UTF-8",
	  "字节 0x%02X 不是 UTF-8（读作 \xEF\xBF\xBD）：请核对答题卡并另存为 "
	  "UTF-8" },
	{ "this row holds bytes that are not UTF-8 (read as \xEF\xBF\xBD): "
	  "check it and save the file as UTF-8",
	  "本行含有不是 UTF-8 的字节（读作 \xEF\xBF\xBD）：请核对并将文件另存为 "
	  "UTF-8" },
	/* a reader's own message (YAML syntax, a damaged workbook), whose
	 * details stay as the reader wrote them */
	{ "%s", "答题文件无法读取：%s" },
	{ "%s; the rest of the sheet is not read",
	  "%s；答题文件的其余部分未读取" },
	/* CSV header and rows */
	{ "unknown column '%s': not a question number (1, 2, ..., or 7.1 for "
	  "criterion 1 of question 7); every row is pending",
	  "未知的列“%s”：不是题号（应为 1、2……，或 7.1 表示第 7 题第 1 项）；"
	  "所有行待定" },
	{ "column '%s' is given twice (the first counts); every row is pending",
	  "列“%s”出现两次（以第一列为准）；所有行待定" },
	{ "missing column 'candidate_id'", "缺少“candidate_id”（考生编号）列" },
	{ "missing column 'form'", "缺少“form”（卷别）列" },
	{ "no column for question %u; its rows are pending",
	  "没有第 %u 题的列；相关的行待定" },
	{ "answer to question %zu, which form %s does not have",
	  "填写了第 %zu 题的答案，而 %s 卷没有这道题" },
	{ "row has %zu fields, the header has %zu",
	  "本行有 %zu 个字段，表头有 %zu 个" },
	/* YAML sheets */
	{ "'%s' must be a text, not %s", "“%s”必须是文本，而不是 %s" },
	{ "unknown key '%s'", "未知的键“%s”" },
	{ "question %u: a list inside an answer",
	  "第 %u 题：答案中嵌套了列表" },
	{ "no question '%s' on paper '%s' form '%s'",
	  "没有题目“%s”（试卷“%s” %s 卷）" },
	{ "question %lu is answered twice (the first counts)",
	  "第 %lu 题作答了两次（以第一次为准）" },
	{ "question %lu: the answer must be a value or a list, not %s",
	  "第 %lu 题：答案必须是一个值或一个列表，而不是 %s" },
	{ "'candidate' must be a mapping with id and name",
	  "“candidate”必须是含 id 和 name 的映射" },
	{ "'answers' must be a mapping of question numbers to answers",
	  "“answers”必须是题号到答案的映射" },
	{ "a sheet must be a mapping with paper, form, candidate and answers",
	  "答题卡必须是含 paper、form、candidate 和 answers 的映射" },
	/* answers */
	{ "question %u: %s", "第 %u 题：%s" },
	{ "missing marker score for criterion %zu of question %u",
	  "缺少阅卷评分：评分项 %zu（第 %u 题）" },
	{ "missing marker score for question %u", "第 %u 题缺少阅卷评分" },
	{ "question %u: marker total %s does not match the criteria sum %s "
	  "(the sum counts)",
	  "第 %u 题：阅卷总分 %s 与各评分项之和 %s 不符（以各项之和为准）" },
	{ "question %u: mark not decided by scan (likely '%s'): check the "
	  "sheet and write the answer",
	  "第 %u 题：扫描无法确定的填涂（可能是“%s”）：请核对答题卡并填写答案" },
	{ "question %u: '%s' is a mark scan could not decide, or characters "
	  "lost when the file was saved in another encoding (save it as "
	  "UTF-8): check the sheet",
	  "第 %u 题：“%s”是扫描无法确定的填涂，或是文件以其他编码保存时丢失的"
	  "字符（请另存为 UTF-8）：请核对答题卡" },
	{ "%zu criterion scores given for %zu criteria",
	  "给出了 %zu 个评分项的分数，而评分标准有 %zu 项" },
	{ "score '%s' is more than the %s points of criterion %zu",
	  "分数“%s”超过满分 %s 分（评分项 %zu）" },
	{ "several answers '%s' to a single-choice question",
	  "单选题给出了多个答案“%s”" },
	{ "; its '?' may be a character lost when the file was saved in "
	  "another encoding (save it as UTF-8)",
	  "；其中的“?”可能是文件以其他编码保存时丢失的字符（请另存为 UTF-8）" },
	{ "byte 0x%02X is not valid UTF-8 text",
	  "字节 0x%02X 不是有效的 UTF-8 文本" },
	{ "character U+%04X is not an option letter",
	  "字符 U+%04X 不是选项字母" },
	{ "'%.*s' is not an option letter", "“%.*s”不是选项字母" },
	{ "option '%c' does not exist (the question has %u option%s)",
	  "选项“%c”不存在（本题只有 %u 个选项%.0s）" },
	{ "'%s' is not true or false", "“%s”不是对或错" },
	{ "score '%s' is not a number", "分数“%s”不是数字" },
	{ "score '%s' is negative", "分数“%s”是负数" },
	{ "score '%s' is more than the %s point%s of the question",
	  "分数“%s”超过本题满分 %s 分%.0s" },
	{ "score '%s' is not a whole or half point",
	  "分数“%s”不是整分或半分" },
};

/* The Chinese format of fmt, or fmt. */
const char *gmsg_zh(const char *fmt)
{
	for (size_t i = 0; i < sizeof(catalog) / sizeof(catalog[0]); i++)
		if (!strcmp(catalog[i][0], fmt))
			return catalog[i][1];
	return fmt;
}

/* Format t in both languages from a va_list. */
void gtext_vset(struct gtext *t, const char *fmt, va_list ap)
{
	va_list zh;

	va_copy(zh, ap);
	vsnprintf(t->en, sizeof(t->en), fmt, ap);
	vsnprintf(t->zh, sizeof(t->zh), gmsg_zh(fmt), zh);
	va_end(zh);
}

/* Format t in both languages. */
void gtext_set(struct gtext *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gtext_vset(t, fmt, ap);
	va_end(ap);
}

/* Append to both languages of t. */
void gtext_add(struct gtext *t, const char *fmt, ...)
{
	size_t en = strlen(t->en), zh = strlen(t->zh);
	va_list ap, ap2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	vsnprintf(t->en + en, sizeof(t->en) - en, fmt, ap);
	vsnprintf(t->zh + zh, sizeof(t->zh) - zh, gmsg_zh(fmt), ap2);
	va_end(ap2);
	va_end(ap);
}

/* Number of entries in the catalog. */
size_t gmsg_count(void)
{
	return sizeof(catalog) / sizeof(catalog[0]);
}

/* Entry i of the catalog. */
void gmsg_entry(size_t i, const char **en, const char **zh)
{
	*en = catalog[i][0];
	*zh = catalog[i][1];
}
