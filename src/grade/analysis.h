/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis.h - classical test and item analysis of a gradebook, over the
 * sheets that are not pending: per question id (aggregated over forms)
 * difficulty, discrimination, item-rest r, alpha if the item is deleted,
 * and per bank option the share choosing it overall and in the upper and
 * lower 27% groups with its option-rest point-biserial; per form alpha and
 * SEM over the whole paper, and for the whole test and per section alpha
 * over every candidate (papers of the same questions) or the forms'
 * pooled (forms of questions of their own); skewness, kurtosis and each candidate's percentile rank.  The
 * report and the JSON output both read it, so they flag alike.  The
 * struct analysis owns its arrays and borrows the gradebook. */
#ifndef EXAMGEN_GRADE_ANALYSIS_H
#define EXAMGEN_GRADE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grade/grade.h"
#include "grade/stats.h"

/* Level of Welch's test under which forms are said to differ. */
#define ANALYSIS_FORMS_P 0.05

/* Flag thresholds (sources in docs/grade-report.md). */
#define ANALYSIS_P_EASY 0.90		/* too easy above */
#define ANALYSIS_P_HARD 0.20		/* too hard below */
#define ANALYSIS_D_POOR 0.20		/* poor discrimination below */
#define ANALYSIS_R_LOW 0.20		/* low item-rest r below */
#define ANALYSIS_OPT_RARE 0.05		/* distractor chosen by fewer */
#define ANALYSIS_OPT_R 0.05		/* distractor option-rest r above, */
#define ANALYSIS_OPT_Z 1.645		/* and above z / sqrt(m - 1), */
#define ANALYSIS_OPT_CHOSEN 5		/* chosen by at least so many */
#define ANALYSIS_ALPHA_GAIN 0.01	/* alpha if deleted shown as a gain */
#define ANALYSIS_MIN_N 10		/* no flags on fewer candidates */
#define ANALYSIS_ROUGH_N 30		/* a caution on fewer */

/* Item flags (bits of item_stats.flags). */
enum item_flag {
	ITEM_EASY = 1 << 0,		/* p > ANALYSIS_P_EASY */
	ITEM_HARD = 1 << 1,		/* p < ANALYSIS_P_HARD */
	ITEM_NEG_DISC = 1 << 2,		/* D < 0 */
	ITEM_POOR_DISC = 1 << 3,	/* 0 <= D < ANALYSIS_D_POOR */
	ITEM_LOW_R = 1 << 4,		/* item-rest r < ANALYSIS_R_LOW */
	ITEM_BELOW_CHANCE = 1 << 5,	/* true/false or single choice:
					 * p below 1 / options */
};

/* One bank option (true/false: 0 true, 1 false) of a choice or
 * true/false question. */
struct option_stats {
	size_t n;			/* candidates who marked it */
	double share;			/* n / candidates with the question */
	double upper, lower;		/* share in the upper / lower group */
	double rpb;			/* option-rest point-biserial */
	bool has_groups, has_rpb;	/* false: not defined */
	bool keyed;			/* a right answer */
	bool rare;			/* distractor chosen by < 5% */
	bool positive;			/* distractor with rpb above chance
					 * (ANALYSIS_OPT_R, _Z, _CHOSEN) */
};

/* One question id over every form it appears on. */
struct item_stats {
	const struct key_item *it;	/* as on the first form seen */
	bool same_no;			/* same number on every form */
	uint32_t keyed;			/* bank letters; tf: bit 0 true, 1 false */
	unsigned nopt;			/* options analysed (0: not a choice) */
	struct option_stats opt[MAX_OPTIONS];
	size_t blank, invalid;
	struct stats_item st;
	double alpha_del;		/* test reliability without it */
	bool has_alpha_del;
	bool raises_alpha;		/* removing it would raise the
					 * reliability by ANALYSIS_ALPHA_GAIN
					 * or more (an item with variance) */
	bool common;			/* on every counted candidate's paper */
	unsigned flags;			/* enum item_flag */
};

/* Reliability of the candidates of one form over its whole paper. */
struct form_stats {
	const struct key *k;
	size_t n;			/* counted candidates of the form */
	double mean, sd;
	double alpha, sem;
	bool has_alpha, has_sem;
	bool kr20;			/* candidates, and every item scored
					 * right/wrong by its rule */
	size_t passed;			/* of n, reaching the pass mark */
	double eq_a, eq_b;		/* linear equating onto the reference
					 * form: a x total + b */
	bool has_eq;
};

/* Decisions near the pass mark (analysis-decision.c), over the whole
 * test when every paper has the same questions. */
struct analysis_decision {
	double alpha_lo, alpha_hi;	/* Feldt's 95% interval for alpha */
	bool has_ci;
	double csem;			/* conditional SEM at the pass mark
					 * (Lord's binomial error model) */
	bool has_csem;
	double p0, kappa;		/* Subkoviak's decision consistency
					 * and its kappa */
	bool has_p0, has_kappa;
	unsigned k;			/* questions of the paper */
	double pass, total;		/* the first key's pass mark, total */
};

struct analysis {
	const struct gradebook *gb;
	struct item_stats *items;	/* one per question id */
	size_t nitems;
	size_t **kmap;			/* kmap[key][position] = item index */
	struct form_stats *forms;	/* one per key, as gb->keys.keys */
	double *section_alpha;		/* per gb->keys.section_titles */
	bool *has_section_alpha;
	size_t n;			/* counted candidates */
	size_t *cand;			/* their index in gb->cands */
	size_t *kidx;			/* their key in gb->keys.keys */
	double *total;			/* their totals */
	double *prank;			/* per gb->cands: percentile rank
					 * 0..100, NAN when not counted */
	struct stats_describe desc;	/* of total[0..n) */
	double alpha, sem;		/* the whole test: alpha over every
					 * candidate when all papers have
					 * the same questions, else pooled
					 * over forms */
	bool has_alpha, has_sem;
	bool same_questions;		/* every paper has every question */
	struct stats_welch welch;	/* of the forms' mean totals */
	bool has_welch;
	bool forms_differ;		/* forms of questions of their own
					 * whose means differ (p < .05) */
	size_t eq_ref;			/* reference form of the equating */
	bool equated;			/* forms of their own questions,
					 * linearly equated (random groups) */
	double *equated_total;		/* per gb->cands: equated total,
					 * NAN when none */
	struct analysis_decision dec;	/* near the pass mark */
	bool kr20;			/* candidates, and every item scored
					 * right/wrong by its rule */
	unsigned maxopt;		/* most options of one question */
	bool any_tf;
};

/* Prepare an empty analysis. */
void analysis_init(struct analysis *a);
/* Analyse gb (borrowed until analysis_release).  0, or -1 when out of
 * memory. */
int analysis_run(struct analysis *a, const struct gradebook *gb);
/* Describe and compare the forms of a run analysis (analysis-forms.c):
 * pass counts, Welch's test of their means, and, for forms of questions
 * of their own, linear equating onto the first form with spread.  0, or
 * -1 when out of memory. */
int analysis_forms(struct analysis *a);
/* The decisions near the pass mark of a run analysis
 * (analysis-decision.c): Feldt's interval for alpha, the conditional SEM
 * at the pass mark and Subkoviak's decision consistency, when every
 * paper has the same questions. */
void analysis_decision(struct analysis *a);
/* Free what analysis_run allocated. */
void analysis_release(struct analysis *a);

#endif
