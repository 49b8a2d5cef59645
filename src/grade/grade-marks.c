/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-marks.c - scores given on screen as grading takes them (see
 * grade-marks.h). */
#include "grade/grade-marks.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/points.h"
#include "grade/answer.h"

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
static struct gmark *find(struct grade_marks *m, const char *paper,
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

/* The sheet's own score of the question: its total or the sum of its
 * criterion scores; false when the sheet gives none (or none readable). */
static bool sheet_score(const struct key_item *it,
			const struct sheet_cell *cell,
			const struct sheet_cell *crit, size_t ncrit,
			double *v)
{
	bool any = false;

	*v = 0;
	for (size_t k = 0; k < ncrit && k < it->ncriteria; k++) {
		double x;

		if (crit[k].text && answer_parse_score(crit[k].text,
						       it->criterion_points[k],
						       &x, NULL) == ANSWER_OK) {
			*v += x;
			any = true;
		}
	}
	if (any)
		return true;
	return cell && cell->text &&
	       answer_parse_score(cell->text, it->points, v, NULL) ==
	       ANSWER_OK;
}

/* Add note to c's notes ("; " between). */
static void add_note(struct gradebook *gb, struct candidate *c,
		     const char *note)
{
	const char *n = c->notes ? arena_printf(&gb->arena, "%s; %s",
						c->notes, note)
				 : arena_strdup(&gb->arena, note);

	if (!n)
		gradebook_oom(gb);
	else
		c->notes = n;
}

/* Score question no of c from the table when it has the answer. */
bool grade_marks_apply(struct gradebook *gb, struct candidate *c,
		       unsigned no, const struct sheet_cell *cell,
		       const struct sheet_cell *crit, size_t ncrit)
{
	const struct key_item *it = &c->key->items[no - 1];
	struct response *r = &c->resp[no - 1];
	char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX], note[96];
	struct gmark *g;
	bool on_sheet;
	double v;

	if (!gb->marks || !c->key->build || !c->id ||
	    !(g = find(gb->marks, c->key->paper, c->key->build, c->id, no)))
		return false;
	g->used = true;
	on_sheet = sheet_score(it, cell, crit, ncrit, &v);
	r->mask = 0;
	switch (g->state) {
	case GMARK_WAITING:
	case GMARK_ARBITRATE:
		r->status = RESP_MISSING;
		r->raw = NULL;
		r->earned = 0;
		c->incomplete = true;
		candidate_problem(gb, c, cell ? cell->line : c->line, 0, no,
				  "question %u awaits %s in '%s' (%u given)",
				  no, g->state == GMARK_ARBITRATE ?
				  "the arbiter's mark" : "marks",
				  gb->marks->path, (unsigned)g->ngiven);
		return true;
	case GMARK_BLANK:
	case GMARK_FINAL:
		break;
	}
	if (on_sheet && !points_eq(v, g->total)) {
		r->status = RESP_INVALID;
		r->raw = NULL;
		r->earned = 0;
		candidate_problem(gb, c, cell ? cell->line : c->line,
				  cell ? cell->col : 0, no, "question %u is "
				  "scored %s on the sheet and %s in '%s'", no,
				  format_number(v, a), format_number(g->total, b),
				  gb->marks->path);
		return true;
	}
	r->earned = g->total;
	if (g->state == GMARK_BLANK) {
		r->status = RESP_BLANK;
		r->raw = NULL;
		snprintf(note, sizeof(note), "question %u: nothing written, "
			 "0 without a marker", no);
		add_note(gb, c, note);
		return true;
	}
	r->status = RESP_OK;
	if (!(r->raw = arena_strdup(&gb->arena, format_number(g->total, a))))
		gradebook_oom(gb);
	return true;
}
