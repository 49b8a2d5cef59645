/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-stats.h - how the markers agreed (the 阅卷 worksheet, docs/
 * marking.md): per marker the marks given, their mean, their severity
 * against the other first marker of the same answers, exact and adjacent
 * agreement, and flags for a marker who is harsh, lenient or drifting;
 * per question the inter-rater reliability of the two first marks as
 * ICC(1,1) — one-way random effects, single rater, absolute agreement
 * (Shrout & Fleiss 1979, case 1; McGraw & Wong 1996, ICC(1)): each answer
 * is marked by its own two markers of the pool — with its 95% confidence
 * interval from the F distribution, and the arbitration rate. */
#ifndef EXAMGEN_MARK_MARK_STATS_H
#define EXAMGEN_MARK_MARK_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "grade/grade-marks.h"

/* Flags of a marker (docs/marking.md gives the thresholds). */
#define MARK_FLAG_SEVERE 1u	/* marks lower than the other marker */
#define MARK_FLAG_LENIENT 2u	/* marks higher than the other marker */
#define MARK_FLAG_DRIFT 4u	/* severity moved between the halves */

/* A severity or drift beyond this share of a question's points, over at
 * least this many shared answers, is flagged. */
#define MARK_FLAG_SHARE 0.10
#define MARK_FLAG_MIN_SEVERITY 5
#define MARK_FLAG_MIN_DRIFT 10

struct mark_marker_stats {
	const char *name;
	size_t count;		/* marks given, arbiter's included */
	double mean_share;	/* mean total / the question's points */
	size_t shared;		/* first marks with another first mark */
	double severity;	/* mean (mine - other) in points; < 0 harsh */
	double severity_share;	/* the same / the question's points */
	double exact;		/* share of shared marks equal to the other */
	double adjacent;	/* share within one point of the other */
	double drift_share;	/* severity share, later half - earlier */
	unsigned flags;		/* MARK_FLAG_* */
};

struct mark_question_stats {
	const char *paper, *qid;
	unsigned number;	/* as on the first form seen */
	double points;
	size_t answers;		/* written answers */
	size_t pairs;		/* with both first marks */
	size_t arbitrated;	/* of those, apart beyond the tolerance */
	bool has_icc;		/* at least 3 pairs, not all the same */
	double icc, icc_lo, icc_hi;
};

struct mark_stats {
	struct mark_marker_stats *markers;
	size_t nmarkers;
	struct mark_question_stats *questions;
	size_t nquestions;
};

/* ICC(1,1) of n answers with two marks each (x[i][0], x[i][1]) and its
 * 95% confidence interval; false when it is not defined (n < 3, or no
 * variance at all).  The interval's F quantiles are stats_f_quantile's
 * (grade/stats.h). */
bool mark_stats_icc1(const double (*x)[2], size_t n, double *icc, double *lo,
	       double *hi);
/* Compute the statistics of the marks in m into s; -1 on no memory. */
int mark_stats_compute(const struct grade_marks *m, struct mark_stats *s);
/* Free what mark_stats_compute allocated. */
void mark_stats_release(struct mark_stats *s);

#endif
