/* SPDX-License-Identifier: GPL-3.0-or-later */
/* guess.c - blind guessing's expected score (see guess.h). */
#include "paper/guess.h"

#include <stdbool.h>
#include <stdlib.h>

/* Options up to which every response to a multiple-choice question is
 * counted (2^12 responses); beyond, each option is taken as a coin. */
#define GUESS_ENUM_MAX 12

/* Bits set in x. */
static unsigned bits(uint32_t x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Points share of response r to key under rule. */
static double mc_share(uint32_t r, uint32_t key, enum mc_rule rule)
{
	unsigned right = bits(r & key), wrong = bits(r & ~key);
	unsigned m = bits(key);
	double v;

	switch (rule) {
	case MC_HALF:
		if (wrong || !right)
			return 0;
		return right == m ? 1 : 0.5;
	case MC_PER_OPTION:
		v = ((double)right - (double)wrong) / (double)(m ? m : 1);
		return v > 0 ? v : 0;
	case MC_DEFAULT:
	case MC_EXACT:
		break;
	}
	return r == key ? 1 : 0;
}

/* Expected score of a blind guess at q. */
double guess_question(const struct question *q, double points,
		      enum mc_rule rule)
{
	size_t k = q->noptions;
	double sum = 0;

	switch (q->type) {
	case Q_TRUE_FALSE:
		return points / 2;
	case Q_SINGLE:
		return k ? points / (double)k : 0;
	case Q_MULTIPLE:
		if (k == 0)
			return 0;
		if (k > GUESS_ENUM_MAX)
			return points * (rule == MC_PER_OPTION ? 0.25 : 0);
		for (uint32_t r = 1; r < (1u << k); r++)
			sum += mc_share(r, q->answer, rule);
		return points * sum / (double)((1u << k) - 1);
	case Q_SHORT:
	case Q_ESSAY:
	case Q_NTYPES:
		break;
	}
	return 0;
}

/* True if a marker scores q. */
static bool marked(const struct question *q)
{
	return q->type == Q_SHORT || q->type == Q_ESSAY;
}

/* What a pick's pool holds. */
struct pool_view {
	size_t n, objective, written;
	double points, expect;	/* sums over the pool */
	double max_objective;	/* the most an objective one is worth */
	double max_criterion;	/* the largest rubric item, scaled */
	const char *objective_type;
};

/* Look at the questions of bs that pick p draws. */
static void view_pool(const struct template *t, const struct pick *p,
		      const struct bankset *bs, struct pool_view *v)
{
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];
			double pts = p->points >= 0 ? p->points : q->points;
			enum mc_rule rule = q->scoring != MC_DEFAULT ?
					    q->scoring : t->multiple_rule;

			if (!pick_matches(p, q))
				continue;
			v->n++;
			v->points += pts;
			v->expect += guess_question(q, pts, rule);
			if (marked(q)) {
				v->written++;
				for (size_t c = 0; c < q->nrubric; c++) {
					double s = q->rubric[c].points * pts /
						   q->points;

					if (s > v->max_criterion)
						v->max_criterion = s;
				}
				continue;
			}
			v->objective++;
			if (pts > v->max_objective) {
				v->max_objective = pts;
				v->objective_type = qtype_name(q->type);
			}
		}
}

/* Work out and check the template's guessing score. */
int guess_template(const struct template *t, const struct bankset *bs,
		   struct guess *g, struct diags *d)
{
	int rc = 0;

	g->points = g->expect = 0;
	g->nsections = 0;
	g->sections = calloc(t->nsections ? t->nsections : 1,
			     sizeof(*g->sections));
	if (!g->sections) {
		diags_oom(d);
		return -1;
	}
	for (size_t s = 0; s < t->nsections; s++) {
		const struct tsection *ts = &t->sections[s];
		struct guess_section *gs = &g->sections[s];
		struct pool_view *v = calloc(ts->npicks ? ts->npicks : 1,
					     sizeof(*v));
		double crit = 0;
		size_t written = 0;

		if (!v) {
			diags_oom(d);
			rc = -1;
			goto out;
		}
		gs->title = ts->title;
		for (size_t p = 0; p < ts->npicks; p++) {
			view_pool(t, &ts->picks[p], bs, &v[p]);
			if (v[p].max_criterion > crit)
				crit = v[p].max_criterion;
			written += v[p].written;
			if (!v[p].n)
				continue;
			gs->points += ts->picks[p].count * v[p].points /
				      (double)v[p].n;
			gs->expect += ts->picks[p].count * v[p].expect /
				      (double)v[p].n;
		}
		/* a short answer has no rubric item: beside one, any
		 * marker-free question is a coin among written answers */
		for (size_t p = 0; p < ts->npicks && written; p++) {
			if (!v[p].objective ||
			    (crit > 0 && v[p].max_objective <= crit))
				continue;
			diags_add(d, DIAG_WARNING, t->path, ts->picks[p].line,
				  ts->picks[p].col, "this pick can draw a "
				  "%s question worth %g points, scored without "
				  "a marker, into a section of written answers "
				  "whose largest rubric item is worth %g: a "
				  "guess wins what a written answer must earn; "
				  "give objective questions a section (and "
				  "points) of their own", v[p].objective_type,
				  v[p].max_objective, crit);
		}
		free(v);
		g->points += gs->points;
		g->expect += gs->expect;
		g->nsections++;
	}
	g->pass = template_pass_points(t, g->points);
	if (t->has_pass && g->expect > 0 && 2 * g->expect >= g->pass)
		diags_add(d, DIAG_WARNING, t->path, 1, 1, "blind guessing "
			  "expects %.1f of the paper's %g points, half the "
			  "pass mark (%g) or more", g->expect, g->points,
			  g->pass);
out:
	if (rc < 0)
		guess_release(g);	/* the sections this call allocated */
	return rc;
}

/* Free the sections. */
void guess_release(struct guess *g)
{
	free(g->sections);
	g->sections = NULL;
	g->nsections = 0;
}
