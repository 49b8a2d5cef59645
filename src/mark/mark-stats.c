/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-stats.c - how the markers agreed (see mark-stats.h). */
#include "mark/mark-stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/points.h"
#include "grade/stats.h"

/* ICC(1,1) of n answers with two marks each and its 95% interval. */
bool mark_stats_icc1(const double (*x)[2], size_t n, double *icc, double *lo,
	       double *hi)
{
	const double k = 2;
	double grand = 0, ssb = 0, ssw = 0, msb, msw, f, fl, fu;

	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++)
		grand += x[i][0] + x[i][1];
	grand /= (double)n * k;
	for (size_t i = 0; i < n; i++) {
		double m = (x[i][0] + x[i][1]) / 2;

		ssb += k * (m - grand) * (m - grand);
		ssw += (x[i][0] - m) * (x[i][0] - m) +
		       (x[i][1] - m) * (x[i][1] - m);
	}
	msb = ssb / (double)(n - 1);
	msw = ssw / ((double)n * (k - 1));
	if (msb + (k - 1) * msw <= 0)
		return false;
	*icc = (msb - msw) / (msb + (k - 1) * msw);
	if (msw <= 0) {
		*lo = *hi = 1;
		return true;
	}
	f = msb / msw;
	fl = f / stats_f_quantile(0.975, (double)n - 1, (double)n * (k - 1));
	fu = f * stats_f_quantile(0.975, (double)n * (k - 1), (double)n - 1);
	*lo = (fl - 1) / (fl + k - 1);
	*hi = (fu - 1) / (fu + k - 1);
	return true;
}

/* The marker named name in s, added when new; NULL on no memory. */
static struct mark_marker_stats *marker(struct mark_stats *s, size_t *cap,
					const char *name)
{
	for (size_t i = 0; i < s->nmarkers; i++)
		if (!strcmp(s->markers[i].name, name))
			return &s->markers[i];
	if (ARRAY_GROW(s->markers, *cap, s->nmarkers + 1) < 0)
		return NULL;
	memset(&s->markers[s->nmarkers], 0, sizeof(*s->markers));
	s->markers[s->nmarkers].name = name;
	return &s->markers[s->nmarkers++];
}

/* The question of g in s, added when new; NULL on no memory. */
static struct mark_question_stats *question(struct mark_stats *s,
					    size_t *cap,
					    const struct gmark *g)
{
	for (size_t i = 0; i < s->nquestions; i++)
		if (!strcmp(s->questions[i].paper, g->paper) &&
		    !strcmp(s->questions[i].qid, g->qid))
			return &s->questions[i];
	if (ARRAY_GROW(s->questions, *cap, s->nquestions + 1) < 0)
		return NULL;
	memset(&s->questions[s->nquestions], 0, sizeof(*s->questions));
	s->questions[s->nquestions].paper = g->paper;
	s->questions[s->nquestions].qid = g->qid;
	s->questions[s->nquestions].number = g->question;
	s->questions[s->nquestions].points = g->points;
	return &s->questions[s->nquestions++];
}

/* One first mark beside another: (mine - other) / points, in time
 * order of the marker's marks. */
struct side {
	size_t marker;
	const char *time;
	double diff, share;
};

/* Order sides by marker, then time. */
static int side_cmp(const void *a, const void *b)
{
	const struct side *x = a, *y = b;

	if (x->marker != y->marker)
		return x->marker < y->marker ? -1 : 1;
	return strcmp(x->time, y->time);
}

/* Severity, agreement and drift of each marker from their sides. */
static void marker_agreement(struct mark_stats *s, struct side *v, size_t n)
{
	qsort(v, n, sizeof(*v), side_cmp);
	for (size_t i = 0; i < n;) {
		struct mark_marker_stats *m = &s->markers[v[i].marker];
		size_t j = i, half;
		double first = 0, second = 0;

		while (j < n && v[j].marker == v[i].marker)
			j++;
		m->shared = j - i;
		half = m->shared / 2;
		for (size_t x = i; x < j; x++) {
			m->severity += v[x].diff;
			m->severity_share += v[x].share;
			m->exact += fabs(v[x].diff) < POINTS_EPS;
			m->adjacent += fabs(v[x].diff) <= 1 + POINTS_EPS;
			if (x - i < half)
				first += v[x].share;
			else if (x - i >= m->shared - half)
				second += v[x].share;
		}
		m->severity /= (double)m->shared;
		m->severity_share /= (double)m->shared;
		m->exact /= (double)m->shared;
		m->adjacent /= (double)m->shared;
		if (half)
			m->drift_share = (second - first) / (double)half;
		if (m->shared >= MARK_FLAG_MIN_SEVERITY &&
		    fabs(m->severity_share) > MARK_FLAG_SHARE)
			m->flags |= m->severity < 0 ? MARK_FLAG_SEVERE
						    : MARK_FLAG_LENIENT;
		if (m->shared >= MARK_FLAG_MIN_DRIFT &&
		    fabs(m->drift_share) > MARK_FLAG_SHARE)
			m->flags |= MARK_FLAG_DRIFT;
		i = j;
	}
}

/* The two first marks of g (slots 1 and 2), or NULL. */
static bool first_pair(const struct gmark *g, const struct gmark_given **a,
		       const struct gmark_given **b)
{
	*a = *b = NULL;
	for (size_t i = 0; i < g->ngiven; i++) {
		if (g->given[i].slot == 1)
			*a = &g->given[i];
		if (g->given[i].slot == 2)
			*b = &g->given[i];
	}
	return *a && *b;
}

/* The ICC of each question from its pairs. */
static int question_icc(struct mark_stats *s, const struct grade_marks *m)
{
	double (*x)[2] = calloc(m->n ? m->n : 1, sizeof(*x));

	if (!x)
		return -1;
	for (size_t q = 0; q < s->nquestions; q++) {
		struct mark_question_stats *qs = &s->questions[q];
		size_t n = 0;

		for (size_t i = 0; i < m->n; i++) {
			const struct gmark_given *a, *b;

			if (strcmp(m->v[i].paper, qs->paper) ||
			    strcmp(m->v[i].qid, qs->qid) ||
			    !first_pair(&m->v[i], &a, &b))
				continue;
			x[n][0] = a->total;
			x[n][1] = b->total;
			n++;
		}
		qs->has_icc = mark_stats_icc1((const double (*)[2])x, n, &qs->icc,
					&qs->icc_lo, &qs->icc_hi);
	}
	free(x);
	return 0;
}

/* Compute the statistics of the marks in m into s. */
int mark_stats_compute(const struct grade_marks *m, struct mark_stats *s)
{
	size_t mcap = 0, qcap = 0, nsides = 0;
	struct side *sides = calloc(2 * m->n + 1, sizeof(*sides));
	int rc = -1;

	memset(s, 0, sizeof(*s));
	if (!sides)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct gmark *g = &m->v[i];
		struct mark_question_stats *q = question(s, &qcap, g);
		const struct gmark_given *a, *b;

		if (!q)
			goto out;
		q->answers += g->state != GMARK_BLANK;
		for (size_t j = 0; j < g->ngiven; j++) {
			struct mark_marker_stats *mk =
				marker(s, &mcap, g->given[j].marker);

			if (!mk)
				goto out;
			mk->count++;
			mk->mean_share += g->points > 0 ?
					  g->given[j].total / g->points : 0;
		}
		if (!first_pair(g, &a, &b))
			continue;
		q->pairs++;
		q->arbitrated += fabs(a->total - b->total) >
				 m->tolerance + POINTS_EPS;
		for (int side = 0; side < 2; side++) {
			const struct gmark_given *me = side ? b : a;
			const struct gmark_given *other = side ? a : b;
			struct side *sd = &sides[nsides++];

			sd->marker = (size_t)(marker(s, &mcap, me->marker) -
					      s->markers);
			sd->time = me->time;
			sd->diff = me->total - other->total;
			sd->share = g->points > 0 ? sd->diff / g->points : 0;
		}
	}
	for (size_t i = 0; i < s->nmarkers; i++)
		if (s->markers[i].count)
			s->markers[i].mean_share /=
				(double)s->markers[i].count;
	marker_agreement(s, sides, nsides);
	rc = question_icc(s, m);
out:
	free(sides);
	if (rc < 0)
		mark_stats_release(s);
	return rc;
}

/* Free what mark_stats_compute allocated. */
void mark_stats_release(struct mark_stats *s)
{
	free(s->markers);
	free(s->questions);
	memset(s, 0, sizeof(*s));
}
