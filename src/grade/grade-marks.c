/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-marks.c - scores given on screen as grading takes them (see
 * grade-marks.h). */
#include "grade/grade-marks.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"

/* Prepare an empty table. */
void grade_marks_init(struct grade_marks *m, const char *path)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->arena);
	m->path = path;
}

/* Free the table. */
void grade_marks_release(struct grade_marks *m)
{
	free(m->v);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

/* Add an answer. */
int grade_marks_add(struct grade_marks *m, const struct gmark *a,
		    const double *scores, size_t nscores)
{
	struct arena *ar = &m->arena;
	struct gmark *g;

	if (ARRAY_GROW(m->v, m->cap, m->n + 1) < 0)
		return -1;
	g = &m->v[m->n];
	*g = *a;
	g->paper = arena_strdup(ar, a->paper);
	g->build = arena_strdup(ar, a->build);
	g->candidate = arena_strdup(ar, a->candidate);
	g->qid = arena_strdup(ar, a->qid);
	g->scores = nscores ? arena_calloc(ar, nscores, sizeof(double)) : NULL;
	g->given = a->ngiven ? arena_calloc(ar, a->ngiven, sizeof(*g->given))
			     : NULL;
	if (!g->paper || !g->build || !g->candidate || !g->qid ||
	    (nscores && !g->scores) || (a->ngiven && !g->given))
		return -1;
	g->total = 0;
	for (size_t k = 0; k < nscores; k++) {
		g->scores[k] = scores[k];
		g->total += scores[k];
	}
	g->nscores = nscores;
	for (size_t i = 0; i < a->ngiven; i++) {
		g->given[i] = a->given[i];
		g->given[i].marker = arena_strdup(ar, a->given[i].marker);
		g->given[i].time = arena_strdup(ar, a->given[i].time);
		if (!g->given[i].marker || !g->given[i].time)
			return -1;
	}
	g->used = false;
	m->n++;
	m->sorted = false;
	return 0;
}

/* Order of answers: paper, build, candidate, question. */
static int gmark_cmp(const void *a, const void *b)
{
	const struct gmark *x = a, *y = b;
	int c;

	if ((c = strcmp(x->paper, y->paper)) ||
	    (c = strcmp(x->build, y->build)) ||
	    (c = strcmp(x->candidate, y->candidate)))
		return c;
	return (x->question > y->question) - (x->question < y->question);
}

/* The answer of paper, build, candidate and question, or NULL. */
struct gmark *grade_marks_find(struct grade_marks *m, const char *paper,
			       const char *build, const char *candidate,
			       unsigned question)
{
	struct gmark key;

	memset(&key, 0, sizeof(key));
	key.paper = paper;
	key.build = build;
	key.candidate = candidate;
	key.question = question;

	if (!m->sorted) {
		qsort(m->v, m->n, sizeof(*m->v), gmark_cmp);
		m->sorted = true;
	}
	return m->n ? bsearch(&key, m->v, m->n, sizeof(*m->v), gmark_cmp)
		    : NULL;
}
