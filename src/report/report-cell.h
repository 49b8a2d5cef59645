/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-cell.h - what the report writer's files share: the state
 * of one report being written (workbook, formats, candidate order) and the
 * checked cell writers.  The struct rpt borrows the gradebook and owns the
 * arrays it allocates; report.c frees them. */
#ifndef EXAMGEN_REPORT_REPORT_CELL_H
#define EXAMGEN_REPORT_REPORT_CELL_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "base/arena.h"
#include "grade/analysis.h"
#include "grade/grade.h"

/* Labels of one report language. */
struct rpt_labels {
	const char *rank, *id, *name, *form, *total, *percent, *result;
	const char *pass, *fail, *pending, *problems, *notes, *pts;
	const char *no, *qid, *type, *points, *n, *mean, *p, *disc, *rpb,
		   *key, *blank, *invalid, *flags, *flag_sep, *opt_t, *opt_f,
		   *tf_true, *tf_false;
	const char *too_easy, *too_hard, *poor_disc, *neg_disc, *low_r,
		   *distractor, *rare_post, *positive_post, *below_chance;
	const char *pct_rank, *sem_band, *near_pass;
	const char *alpha_del, *option, *keyed_mark, *chose_n, *chose_pct,
		   *upper_pct, *lower_pct, *opt_rpb;
	const char *types[Q_NTYPES];
	const char *statistic, *value, *st_n, *st_mean, *st_median, *st_sd,
		   *st_min, *st_max, *st_paper_total, *st_pass_mark,
		   *st_passed, *st_pass_rate, *st_alpha, *st_kr20, *st_sem,
		   *st_skew, *st_kurt, *st_pooled, *st_sem_pooled,
		   *st_form_alpha,
		   *st_form_sem, *st_flagged, *st_incomplete, *st_pending, *st_note;
	const char *section, *section_alpha, *section_mean, *section_points, *section_max,
		   *section_pct,
		   *band,
		   *candidates, *chart_dist, *chart_dist_x, *chart_dist_y,
		   *chart_pass_colours,
		   *chart_sections;
	const char *pr_file, *pr_line, *pr_col, *pr_candidate,
		   *pr_question, *pr_message;
	const char *st_small_n, *st_decision, *st_alpha_ci, *st_csem,
		   *st_consistency, *st_kappa, *st_decision_note;
	const char *st_form_sd, *st_eq_a, *st_eq_b, *st_welch,
		   *st_forms_differ, *st_forms_same;
	const char *sh_summary, *sh_answers, *sh_items, *sh_statistics,
		   *sh_distractors, *sh_problems;	/* worksheet names */
};

/* A worksheet and the widths its columns need (in characters). */
struct rpt_sheet {
	lxw_worksheet *ws;
	double *width;
	size_t ncols;
	bool own_scale;		/* the sheet sets its print scale itself */
};

/* One report being written. */
struct rpt {
	const struct gradebook *gb;
	const struct rpt_labels *L;
	bool zh;			/* in Chinese: problems too */
	bool hant;			/* in Traditional script */
	struct rpt_labels hant_labels;	/* L when hant */
	struct arena arena;		/* texts converted into Traditional */
	struct diags *d;		/* errors while converting */
	bool conv_failed;		/* a conversion failed (error in d) */
	lxw_workbook *wb;
	lxw_error err;			/* first libxlsxwriter error */
	int oom;
	size_t ncut;			/* texts cut to Excel's cell limit */
	/* formats; answer, wrong, invalid and missing are for Answers
	 * response cells, which are text (typed-in numbers stay text) */
	lxw_format *hdr, *score, *pct, *ratio, *answer, *wrong, *invalid,
		   *missing, *missing_pts, *keyed, *flag, *good, *bad,
		   *badratio, *center, *hold;
	lxw_format *note, *warn;	/* Statistics notes: wrapped; red */
	/* candidates */
	size_t *order;			/* Summary/Answers row i+1: cands[order[i]] */
	double *total;			/* sum of points earned, per candidate */
	size_t nscored;			/* candidates with a key */
	size_t ncounted;		/* of those, not pending */
	double *counted_total;		/* their totals, in rank order */
	bool any_notes;			/* some candidate has notes */
	size_t **qcol;			/* per key (index in gb->keys.keys): item
					 * index -> Answers question column */
	size_t nqcols;			/* Answers: bank questions, one pair
					 * of columns each */
	lxw_col_t sum_total_col;	/* Summary: total column */
	double paper_total;		/* largest key total */
	double pass_mark;		/* pass mark of the first key */
	struct analysis an;		/* item and test analysis */
};

/* Summary column of section column j; Answers columns of question
 * column j (0-based, see report-answers.h). */
#define RPT_SUM_SECTION(j) ((lxw_col_t)(4 + (j)))
#define RPT_ANS_RESP(j) ((lxw_col_t)(3 + 2 * (j)))
#define RPT_ANS_PTS(j) ((lxw_col_t)(4 + 2 * (j)))

/* points_eq's tolerance (base/points.h) as formulas write it. */
#define RPT_POINTS_EPS "0.000001"

/* Excel's limit on the text of one cell. */
#define RPT_CELL_TEXT_MAX 32767

/* Room for a sheet reference (a name of at most 31 characters). */
#define RPT_SHEET_REF_MAX 160

/* "Name!" for formulas, quoted ("'名称'!") unless the name is plain ASCII
 * letters; returns buf. */
const char *rpt_sheet_ref(const char *name, char buf[RPT_SHEET_REF_MAX]);
/* Display width of UTF-8 text, of its longest line, in characters: East
 * Asian wide and full-width characters count 2. */
double rpt_text_width(const char *s);
/* Keep the first libxlsxwriter error. */
void rpt_check(struct rpt *r, lxw_error e);
/* Add a worksheet with ncols tracked column widths; NULL ws on failure. */
int rpt_sheet_add(struct rpt *r, struct rpt_sheet *s, const char *name,
		  size_t ncols);
/* Remember that column col of s needs width w (in characters). */
void rpt_sheet_need(struct rpt_sheet *s, lxw_col_t col, double w);
/* Apply the tracked widths (capped) and free them. */
void rpt_sheet_finish(struct rpt *r, struct rpt_sheet *s);
/* Write text as a string cell (never a formula), tracking its width. */
void rpt_str(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	     lxw_col_t col, const char *text, lxw_format *f);
/* Write a number. */
void rpt_num(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	     lxw_col_t col, double v, lxw_format *f);
/* Write a formula with its cached number. */
void rpt_fnum(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	      lxw_col_t col, const char *formula, lxw_format *f, double v);
/* Write a formula with its cached text. */
void rpt_fstr(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
	      lxw_col_t col, const char *formula, lxw_format *f,
	      const char *v);
/* Write a header row of n labels. */
void rpt_header(struct rpt *r, struct rpt_sheet *s, const char *const *labels,
		size_t n);
/* True if c counts in item and test statistics: graded, not pending. */
bool rpt_counted(const struct candidate *c);
/* Index of a candidate's key in gb->keys.keys, or SIZE_MAX. */
size_t rpt_key_index(const struct gradebook *gb, const struct key *k);

#endif
