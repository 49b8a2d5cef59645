/* SPDX-License-Identifier: GPL-3.0-or-later */
/* labels.h - the fixed words of papers, guides and answer sheets in
 * Simplified Chinese, Traditional Chinese or English, and the small text
 * helpers the renderers share (section numbers, point values, answers).
 * Every label is a static string owned by this module. */
#ifndef EXAMGEN_PAPER_LABELS_H
#define EXAMGEN_PAPER_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "paper/paper.h"

struct labels {
	const char *html_lang;		/* "zh-Hans", "zh-Hant", "en" */
	const char *colon;		/* "：" or ": " */
	const char *sep;		/* between header facts: " · " */
	const char *guide;		/* "评分指南" */
	const char *guide_note;		/* for markers only */
	const char *code, *form, *duration, *total, *pass, *seed;
	const char *form_pre, *form_post;	/* "A 卷" / "Form A" */
	const char *minutes;		/* " 分钟" / " minutes" */
	const char *name, *candidate_id, *date;
	/* how to answer (labels_notice): a first sentence, then clauses for
	 * what the paper has, joined by notice_sep and ended by notice_end */
	const char *notice_first, *notice_sep, *notice_end;
	const char *notice_tf_choice, *notice_tf, *notice_choice;
	const char *notice_written;	/* short/essay with answer space */
	const char *notice_oral_some;	/* some without: answered aloud */
	const char *notice_oral_all;	/* none with answer space */
	const char *count_pre, *count_mid, *count_mid_one, *count_post;
	const char *stem_gap;		/* between "(5 points)" and the stem */
	const char *pts_pre, *pts_post, *pts_post_one;	/* "（20 分）" */
	const char *unit, *unit_one;	/* "分" / "points", "point" */
	const char *multiple_hint;	/* "（多选）" */
	const char *tf_hint;		/* "（　）" after a true/false stem */
	const char *tf_true, *tf_false;	/* as the sheet's bubbles: T, F */
	const char *tf_true_word, *tf_false_word;	/* "正确", "错误" */
	const char *answer, *explanation, *rubric, *reference, *keys,
		   *deductions, *scoring;
	const char *rule_exact, *rule_half, *rule_per_option;
	const char *answer_space;	/* "答：" */
	const char *answer_sheet, *subjective;
	const char *criterion, *score, *marker;
	const char *page_pre, *page_mid, *page_post;	/* "第 1 页 / 共 3 页" */
	const char *blank_page;		/* "本页空白" */
	const char *blank_before_sheet;	/* and why: the sheet on its own leaf */
	const char *handout, *handout_note;	/* hand-out list title, note */
	const char *seq, *signature;	/* its columns "序号", "签名" */
	/* answer-sheet YAML comments */
	const char *sheet_head;		/* how to fill the file in */
	const char *type_names[Q_NTYPES];	/* "判断题", ... */
	const char *hint[Q_NTYPES];	/* what to write for each type */
	const char *hint_criteria;	/* essay: "or per criterion" */
};

/* Labels for a paper: English for an "en" template, Traditional Chinese
 * for a zh-Hant (zh-TW, zh-HK) one, Simplified for zh-Hans; a plain "zh"
 * or no language: Traditional when every drawn question comes from a
 * zh-Hant bank, else Simplified. */
const struct labels *labels_for(const struct paper *p);
/* Labels by name: "en", "zh-Hant" or anything else for Simplified. */
const struct labels *labels_get(const char *lang);

#define NOTICE_MAX 512	/* bytes of a labels_notice() buffer */
/* How to answer form f, for its first page: fill in name and id on the
 * sheet, then only what the form has: bubbling true/false and choice
 * questions, writing under the questions that have answer space,
 * answering aloud those without (buf of NOTICE_MAX bytes). */
const char *labels_notice(const struct labels *l, const struct paper_form *f,
			  char *buf);

#define LABEL_MAX 96	/* bytes of a buffer for the labels_*() below */

/* True if a section title already starts with its own number ("一、",
 * "2.", "Part 3"). */
bool labels_title_numbered(const char *title);
/* The number printed before section index i (0-based) whose title is not
 * numbered: "一、" or "Part 1: " (buf of LABEL_MAX
 * bytes). */
const char *labels_section_number(const struct labels *l, size_t i,
				  char *buf);
/* "（共 3 题，60 分）" / " (3 questions, 60 points)" (buf of LABEL_MAX
 * bytes). */
const char *labels_section_summary(const struct labels *l, size_t count,
				   double points, char *buf);
/* "（20 分）" / "(20 points)" (buf of LABEL_MAX bytes). */
const char *labels_points(const struct labels *l, double points, char *buf);
/* The name of rubric criterion k (0-based) on what the candidate holds:
 * "评分项1" / "Criterion 1" (buf of LABEL_MAX bytes). */
const char *labels_criterion(const struct labels *l, size_t k, char *buf);
/* The scoring rule of a multiple-choice item in words. */
const char *labels_rule(const struct labels *l, enum mc_rule r);
/* The printed answer of an objective item: "C", "ACD", "T 正确"
 * (buf of LABEL_MAX bytes); NULL for short and essay questions. */
const char *labels_answer(const struct labels *l,
			  const struct paper_item *it, char *buf);
/* True for the types answered by choosing (true/false, single, multiple). */
bool item_is_objective(const struct paper_item *it);

#endif
