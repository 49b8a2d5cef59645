/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paper.c - assembling papers from a template: the seeded draw, forms,
 * question and option shuffles, points scaling (see paper.h and
 * docs/randomness.md for the exact procedure). */
#include "paper/paper.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bank/optref.h"
#include "base/points.h"
#include "base/rng.h"

#define STREAM_DRAW 1000	/* rng stream of the shared draw */

/* Every loaded question in load order, with its global index. */
struct pool {
	const struct question **qs;
	size_t n;
	bool *used;			/* on the current paper */
	unsigned *uses;			/* forms of this build that drew it */
	size_t *tier;			/* draw_pick's candidates */
	const char **groups;	/* groups taken on the current paper */
	size_t ngroups;
	/* for each pick of the template (sections in order), the indices of
	 * the questions it matches, ascending: filled by the first draw and
	 * reused by every later form's draw */
	size_t **match;
	size_t *nmatch;
	size_t npicks;
};

/* Letters of a mask, "ACD". */
const char *mask_letters(uint32_t mask, char *buf)
{
	size_t n = 0;

	for (int i = 0; i < MAX_OPTIONS; i++)
		if (mask & (1u << i))
			buf[n++] = (char)('A' + i);
	buf[n] = '\0';
	return buf;
}

/* Number of set bits of a mask. */
unsigned mask_count(uint32_t mask)
{
	unsigned n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

/* Form names count like spreadsheet columns: A..Z, AA..ZZ, AAA... */
static const char *form_name(size_t i, char *buf)
{
	char tmp[FORM_NAME_MAX];
	size_t n = 0, k = 0;

	i++;
	while (i > 0 && n < sizeof(tmp) - 1) {
		i--;
		tmp[n++] = (char)('A' + i % 26);
		i /= 26;
	}
	while (n > 0)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return buf;
}

/* Collect the questions of every bank. */
static int pool_init(struct pool *p, const struct bankset *bs,
		     const struct template *t)
{
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	for (size_t b = 0; b < bs->nbanks; b++)
		n += bs->banks[b]->nquestions;
	for (size_t s = 0; s < t->nsections; s++)
		p->npicks += t->sections[s].npicks;
	p->qs = calloc(n ? n : 1, sizeof(*p->qs));
	p->used = calloc(n ? n : 1, sizeof(*p->used));
	p->uses = calloc(n ? n : 1, sizeof(*p->uses));
	p->tier = calloc(n ? n : 1, sizeof(*p->tier));
	p->groups = calloc(n ? n : 1, sizeof(*p->groups));
	p->match = calloc(p->npicks ? p->npicks : 1, sizeof(*p->match));
	p->nmatch = calloc(p->npicks ? p->npicks : 1, sizeof(*p->nmatch));
	if (!p->qs || !p->used || !p->uses || !p->tier || !p->groups ||
	    !p->match || !p->nmatch)
		return -1;
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++)
			p->qs[p->n++] = &bs->banks[b]->questions[i];
	return 0;
}

/* Free the pool's arrays. */
static void pool_release(struct pool *p)
{
	for (size_t i = 0; p->match && i < p->npicks; i++)
		free(p->match[i]);
	free(p->match);
	free(p->nmatch);
	free(p->qs);
	free(p->used);
	free(p->uses);
	free(p->tier);
	free(p->groups);
}

/* Forget what the previous paper took. */
static void pool_reset(struct pool *p)
{
	memset(p->used, 0, p->n * sizeof(*p->used));
	p->ngroups = 0;
}

/* True if q's group is already on the paper. */
static bool group_taken(const struct pool *p, const struct question *q)
{
	if (!q->group)
		return false;
	for (size_t i = 0; i < p->ngroups; i++)
		if (strcmp(p->groups[i], q->group) == 0)
			return true;
	return false;
}

/* Rubric points scaled to the item's points, rounded to halves that still
 * add up to the item's points. */
static double *scale_rubric(struct arena *a, const struct question *q,
			    double points)
{
	double *c = arena_calloc(a, q->nrubric, sizeof(*c));
	double sum = 0;
	size_t big = 0;
	bool halves = points_halves(points);

	if (!c)
		return NULL;
	for (size_t i = 0; i < q->nrubric; i++) {
		c[i] = q->rubric[i].points * points / q->points;
		if (halves) {
			c[i] = round(c[i] * 2) / 2;
			if (c[i] < 0.5)
				c[i] = 0.5;
		}
		sum += c[i];
		if (c[i] > c[big])
			big = i;
	}
	if (halves)
		c[big] += points - sum;
	return c;
}

/* Fill an item's option order and printed answer. */
static void shuffle_options(struct paper_item *it, const struct template *t,
			    struct rng *r)
{
	const struct question *q = it->q;
	size_t free_pos[MAX_OPTIONS], free_opt[MAX_OPTIONS], nfree = 0;

	it->noptions = (unsigned)q->noptions;
	for (size_t i = 0; i < q->noptions; i++) {
		it->order[i] = (unsigned char)i;
		if (!q->options[i].fixed) {
			free_pos[nfree] = i;
			free_opt[nfree++] = i;
		}
	}
	if (t->shuffle_options && q->shuffle) {
		rng_shuffle(r, free_opt, nfree);
		for (size_t k = 0; k < nfree; k++)
			it->order[free_pos[k]] = (unsigned char)free_opt[k];
	}
	it->answer = 0;
	for (size_t i = 0; i < q->noptions; i++)
		if (q->answer & (1u << it->order[i]))
			it->answer |= 1u << i;
}

/* True if a text of q names an option by {{option:N}}. */
static bool has_refs(const struct question *q)
{
	const char *at;
	size_t len;
	unsigned n;
	bool any = optref_find(q->stem, &at, &len, &n) ||
		   optref_find(q->explanation, &at, &len, &n);

	for (size_t i = 0; !any && i < q->noptions; i++)
		any = optref_find(q->options[i].text, &at, &len, &n);
	return any;
}

/* Point an item whose question names options by {{option:N}} at a copy
 * whose stem, options and explanation print the letters of this item's
 * order (optref.h); -1 when out of memory. */
static int expand_refs(struct arena *a, struct paper_item *it)
{
	const struct question *q = it->q;
	struct question *c;
	struct option *o;

	if (!has_refs(q))
		return 0;
	c = arena_alloc(a, sizeof(*c));
	o = arena_calloc(a, q->noptions, sizeof(*o));
	if (!c || !o)
		return -1;
	*c = *q;
	c->options = o;
	c->stem = optref_expand(a, q->stem, it->order, it->noptions);
	c->explanation = optref_expand(a, q->explanation, it->order,
				       it->noptions);
	if (!c->stem || (q->explanation && !c->explanation))
		return -1;
	for (size_t i = 0; i < q->noptions; i++) {
		o[i] = q->options[i];
		o[i].text = optref_expand(a, q->options[i].text, it->order,
					  it->noptions);
		if (!o[i].text)
			return -1;
	}
	it->q = c;
	return 0;
}

/* The questions pick number pi (pk) matches, found once per paper. */
static const size_t *pick_pool(struct pool *p, size_t pi,
			       const struct pick *pk, size_t *n)
{
	if (!p->match[pi]) {
		size_t m = 0;

		for (size_t i = 0; i < p->n; i++)
			if (pick_matches(pk, p->qs[i]))
				m++;
		p->match[pi] = malloc((m ? m : 1) * sizeof(**p->match));
		if (!p->match[pi])
			return NULL;
		m = 0;
		for (size_t i = 0; i < p->n; i++)
			if (pick_matches(pk, p->qs[i]))
				p->match[pi][m++] = i;
		p->nmatch[pi] = m;
	}
	*n = p->nmatch[pi];
	return p->match[pi];
}

/* True if question i may still go on the current paper. */
static bool free_on_paper(const struct pool *p, size_t i)
{
	return !p->used[i] && !group_taken(p, p->qs[i]);
}

/* Fill p->tier with the questions of match (nm of them, ascending) that
 * are free on the paper and that the fewest earlier forms drew, in match
 * order; returns how many. */
static size_t least_used(struct pool *p, const size_t *match, size_t nm)
{
	unsigned least = UINT_MAX;
	size_t n = 0;

	for (size_t m = 0; m < nm; m++)
		if (p->uses[match[m]] < least && free_on_paper(p, match[m]))
			least = p->uses[match[m]];
	for (size_t m = 0; m < nm; m++)
		if (p->uses[match[m]] == least && free_on_paper(p, match[m]))
			p->tier[n++] = match[m];
	return n;
}

/* Draw the questions of pick number pi into out, each from the least
 * drawn questions still free; -1 if the pool runs dry, -2 when out of
 * memory. */
static int draw_pick(struct pool *p, size_t pi, const struct pick *pk,
		     struct rng *r, const struct question **out)
{
	size_t n = 0, nm;
	const size_t *match = pick_pool(p, pi, pk, &nm);
	size_t *tier = p->tier;

	if (!match)
		return -2;
	for (unsigned k = 0; k < pk->count; k++) {
		size_t j, qi;
		const struct question *q;

		if (n == 0)
			n = least_used(p, match, nm);
		if (n == 0)
			return -1;
		j = (size_t)rng_below(r, n);
		qi = tier[j];
		q = p->qs[qi];
		out[k] = q;
		p->used[qi] = true;
		p->uses[qi]++;
		tier[j] = tier[--n];
		if (q->group) {
			p->groups[p->ngroups++] = q->group;
			for (size_t e = 0; e < n;)
				if (p->qs[tier[e]]->group &&
				    strcmp(p->qs[tier[e]]->group,
					   q->group) == 0)
					tier[e] = tier[--n];
				else
					e++;
		}
	}
	return 0;
}

/* Questions drawn for one paper, per section. */
struct draw {
	const struct question **qs;	/* all items, section after section */
	double *points;
	int *lines;			/* each item's template 'lines' */
	size_t *section_start;		/* nsections + 1 offsets */
	size_t n;
};

/* Load-order position of a question, for unshuffled sections. */
static int by_bank_order(const void *a, const void *b)
{
	const struct question *qa = *(const struct question *const *)a;
	const struct question *qb = *(const struct question *const *)b;

	if (qa->bank != qb->bank)
		return qa->bank < qb->bank ? -1 : 1;
	return qa < qb ? -1 : (qa > qb);
}

/* Draw a whole paper; -1 with an error naming the section. */
static int draw_paper(const struct template *t, struct pool *p,
		      struct rng *r, struct draw *dr, struct diags *d)
{
	size_t pi = 0;
	int r2;

	pool_reset(p);
	dr->n = 0;
	for (size_t s = 0; s < t->nsections; s++) {
		const struct tsection *sec = &t->sections[s];

		dr->section_start[s] = dr->n;
		for (size_t k = 0; k < sec->npicks; k++) {
			const struct pick *pk = &sec->picks[k];

			r2 = draw_pick(p, pi++, pk, r, dr->qs + dr->n);
			if (r2 == -2) {
				diags_oom(d);
				diags_error(d, t->path, 0, 0, "out of memory "
					    "assembling the paper");
				return -1;
			}
			if (r2 < 0) {
				diags_error(d, t->path, pk->line, pk->col,
					    "section '%s': not enough "
					    "questions left for a pick of %u "
					    "(a question is never drawn twice, "
					    "and at most one per group)",
					    sec->title, pk->count);
				return -1;
			}
			for (unsigned c = 0; c < pk->count; c++, dr->n++) {
				dr->points[dr->n] = pk->points >= 0 ?
					pk->points : dr->qs[dr->n]->points;
				dr->lines[dr->n] = pk->lines;
			}
		}
	}
	dr->section_start[t->nsections] = dr->n;
	return 0;
}

/* Lay out one form from a draw: section order, options, numbering. */
static int make_form(struct paper *pp, struct paper_form *f,
		     const struct draw *dr, struct rng *r)
{
	const struct template *t = pp->tpl;
	size_t *idx = calloc(dr->n ? dr->n : 1, sizeof(*idx));
	int rc = -1;

	f->items = arena_calloc(&pp->arena, dr->n ? dr->n : 1,
				sizeof(*f->items));
	f->sections = arena_calloc(&pp->arena, t->nsections,
				   sizeof(*f->sections));
	if (!idx || !f->items || !f->sections)
		goto out;
	f->nitems = dr->n;
	f->nsections = t->nsections;
	for (size_t s = 0; s < t->nsections; s++) {
		size_t a = dr->section_start[s], b = dr->section_start[s + 1];
		struct paper_section *ps = &f->sections[s];

		ps->title = t->sections[s].title;
		ps->instructions = t->sections[s].instructions;
		ps->first = a;
		ps->count = b - a;
		for (size_t i = a; i < b; i++)
			idx[i] = i;
		if (t->shuffle_questions) {
			rng_shuffle(r, idx + a, b - a);
		} else {
			/* keep the bank's order: sort indices by question */
			for (size_t i = a + 1; i < b; i++)
				for (size_t j = i; j > a &&
				     by_bank_order(&dr->qs[idx[j - 1]],
						   &dr->qs[idx[j]]) > 0; j--) {
					size_t tmp = idx[j];

					idx[j] = idx[j - 1];
					idx[j - 1] = tmp;
				}
		}
		for (size_t i = a; i < b; i++) {
			struct paper_item *it = &f->items[i];

			it->no = (unsigned)i + 1;
			it->q = dr->qs[idx[i]];
			it->points = dr->points[idx[i]];
			it->lines_given = dr->lines[idx[i]] >= 0;
			it->lines = it->lines_given ?
				    (unsigned)dr->lines[idx[i]] : 0;
			ps->points += it->points;
			if (it->q->type == Q_ESSAY &&
			    !(it->criteria = scale_rubric(&pp->arena, it->q,
							  it->points)))
				goto out;
			if (it->q->type == Q_SINGLE ||
			    it->q->type == Q_MULTIPLE)
				shuffle_options(it, t, r);
			if (it->noptions && expand_refs(&pp->arena, it) < 0)
				goto out;
			it->rule = it->q->scoring != MC_DEFAULT ?
				   it->q->scoring : t->multiple_rule;
			if (it->rule == MC_DEFAULT)
				it->rule = MC_EXACT;
		}
		f->total += ps->points;
	}
	rc = 0;
out:
	free(idx);
	return rc;
}

/* Report a total that does not match the template's assertion. */
static int check_total(const struct template *t, const struct paper_form *f,
		       struct diags *d)
{
	double *points;
	int rc;

	if (t->total < 0 || points_eq(f->total, t->total))
		return 0;
	points = calloc(f->nsections ? f->nsections : 1, sizeof(*points));
	if (!points) {
		diags_oom(d);
		return -1;
	}
	for (size_t s = 0; s < f->nsections; s++)
		points[s] = f->sections[s].points;
	rc = template_check_total(t, f->total, points, d);
	free(points);
	return rc;
}

/* Allocate the per-draw arrays. */
static int draw_init(struct draw *dr, const struct template *t)
{
	size_t n = 0;

	for (size_t s = 0; s < t->nsections; s++)
		for (size_t k = 0; k < t->sections[s].npicks; k++)
			n += t->sections[s].picks[k].count;
	dr->qs = calloc(n ? n : 1, sizeof(*dr->qs));
	dr->points = calloc(n ? n : 1, sizeof(*dr->points));
	dr->lines = calloc(n ? n : 1, sizeof(*dr->lines));
	dr->section_start = calloc(t->nsections + 1,
				   sizeof(*dr->section_start));
	return dr->qs && dr->points && dr->lines && dr->section_start ? 0 :
	       -1;
}

/* Ruled answer lines of a written item. */
unsigned item_answer_lines(const struct paper_item *it)
{
	double n = round(it->points * 0.6) + 3;

	if (it->lines_given)
		return it->lines;
	return n > 20 ? 20 : n < 4 ? 4 : (unsigned)n;
}

/* Free the per-draw arrays. */
static void draw_release(struct draw *dr)
{
	free(dr->qs);
	free(dr->points);
	free(dr->lines);
	free(dr->section_start);
}

/* Assemble every form. */
struct paper *paper_assemble(const struct template *t, struct bankset *bs,
			     uint64_t seed, unsigned forms, struct diags *d)
{
	struct paper *pp = calloc(1, sizeof(*pp));
	struct pool pool;
	struct draw dr = { 0 };
	struct rng r;
	int ok = 0;

	memset(&pool, 0, sizeof(pool));
	if (!pp)
		goto oom;
	arena_init(&pp->arena);
	pp->tpl = t;
	pp->seed = seed;
	bankset_digest(bs, pp->digest);
	pp->nforms = forms ? forms : t->forms;
	pp->forms = arena_calloc(&pp->arena, pp->nforms, sizeof(*pp->forms));
	if (!pp->forms || pool_init(&pool, bs, t) < 0 || draw_init(&dr, t) < 0)
		goto oom;
	for (size_t f = 0; f < pp->nforms; f++) {
		struct paper_form *pf = &pp->forms[f];

		if (f == 0 || t->vary == VARY_QUESTIONS) {
			rng_seed(&r, seed, t->vary == VARY_QUESTIONS ?
				 STREAM_DRAW + f : STREAM_DRAW);
			if (draw_paper(t, &pool, &r, &dr, d) < 0)
				goto out;
		}
		form_name(f, pf->name);
		rng_seed(&r, seed, f);
		if (make_form(pp, pf, &dr, &r) < 0)
			goto oom;
		if (check_total(t, pf, d) < 0)
			goto out;
	}
	pp->total = pp->forms[0].total;
	pp->pass = template_pass_points(t, pp->total);
	ok = 1;
	goto out;
oom:
	diags_oom(d);
	diags_error(d, t->path, 0, 0, "out of memory assembling the paper");
out:
	draw_release(&dr);
	pool_release(&pool);
	if (!ok) {
		paper_free(pp);
		return NULL;
	}
	return pp;
}

/* Free a paper. */
void paper_free(struct paper *p)
{
	if (!p)
		return;
	arena_release(&p->arena);
	free(p);
}
