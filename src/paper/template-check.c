/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template-check.c - checking a template against loaded banks: filter
 * values that match nothing, pools too small for their count (worst case
 * over every seed), and the asserted total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper/paper.h"
#include "base/points.h"
#include "paper/template.h"
#include "yaml/yvalue.h"

/* A question's "group key": its group if it has one, else its own id;
 * the two kinds never compare equal. */
struct gkey {
	bool group;
	const char *s;
};

/* The distinct group keys of a pick's pool, sorted. */
struct gkeyset {
	struct gkey *v;
	size_t n;
};

/* Order group keys for sorting and intersection. */
static int gkey_cmp(const struct gkey *a, const struct gkey *b)
{
	if (a->group != b->group)
		return a->group ? 1 : -1;
	return strcmp(a->s, b->s);
}

/* gkey_cmp for qsort. */
static int key_cmp(const void *a, const void *b)
{
	return gkey_cmp(a, b);
}

/* Build the sorted distinct keys of questions matching pick p. */
static int gkeyset_build(struct gkeyset *ks, const struct pick *p,
			const struct bankset *bs, double *points,
			bool *same_points)
{
	size_t cap = 0, n = 0;

	/* size the set to the pool, not the banks: a template may have
	 * many picks and the banks many questions */
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++)
			cap += pick_matches(p, &bs->banks[b]->questions[i]);
	ks->v = calloc(cap ? cap : 1, sizeof(*ks->v));
	if (!ks->v)
		return -1;
	*same_points = true;
	*points = -1;
	for (size_t b = 0; b < bs->nbanks; b++) {
		const struct bank *bk = bs->banks[b];

		for (size_t i = 0; i < bk->nquestions && n < cap; i++) {
			const struct question *q = &bk->questions[i];

			if (!pick_matches(p, q))
				continue;
			ks->v[n].group = q->group != NULL;
			ks->v[n++].s = q->group ? q->group : q->id;
			if (*points < 0)
				*points = q->points;
			else if (!points_eq(*points, q->points))
				*same_points = false;
		}
	}
	qsort(ks->v, n, sizeof(*ks->v), key_cmp);
	ks->n = 0;
	for (size_t i = 0; i < n; i++)
		if (ks->n == 0 || gkey_cmp(&ks->v[ks->n - 1], &ks->v[i]) != 0)
			ks->v[ks->n++] = ks->v[i];
	return 0;
}

/* How many keys of sorted key set b sorted set a has; each shared key of
 * b is marked in mark (one per key of b). */
static size_t gkeyset_overlap(const struct gkeyset *a,
			      const struct gkeyset *b, bool *mark)
{
	size_t i = 0, j = 0, n = 0;

	while (i < a->n && j < b->n) {
		int c = gkey_cmp(&a->v[i], &b->v[j]);

		if (c == 0) {
			mark[j] = true;
			n++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	return n;
}

/* Most of pick k's groups that picks 0..k-1 can take: each takes at most
 * its count of the groups its pool shares with k's, and all of them
 * together at most the shared groups; -1 when out of memory. */
static long taken_before(const struct gkeyset *sets, const unsigned *counts,
			 size_t k)
{
	bool *mark = calloc(sets[k].n ? sets[k].n : 1, sizeof(*mark));
	size_t taken = 0, marked = 0;

	if (!mark)
		return -1;
	for (size_t j = 0; j < k; j++) {
		size_t shared = gkeyset_overlap(&sets[j], &sets[k], mark);

		taken += shared < counts[j] ? shared : counts[j];
	}
	for (size_t i = 0; i < sets[k].n; i++)
		marked += mark[i];
	free(mark);
	return (long)(taken < marked ? taken : marked);
}

/* True if some loaded question has tag. */
static bool tag_known(const struct bankset *bs, const char *tag)
{
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];

			for (size_t k = 0; k < q->ntags; k++)
				if (strcmp(q->tags[k], tag) == 0)
					return true;
		}
	return false;
}

/* Report an unknown tag, with the closest known tag when there is one. */
static void report_unknown_tag(const struct template *t,
			       const struct tsection *s, const struct pick *p,
			       const struct bankset *bs, const char *tag,
			       struct diags *d)
{
	const char *hint = NULL;
	const char *one[2] = { NULL, NULL };

	for (size_t b = 0; b < bs->nbanks && !hint; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions && !hint; i++) {
			const struct question *q = &bs->banks[b]->questions[i];

			for (size_t k = 0; k < q->ntags && !hint; k++) {
				one[0] = q->tags[k];
				hint = yvalue_suggest(tag, one);
			}
		}
	if (hint)
		diags_error(d, t->path, p->line, p->col, "section '%s': no "
			    "question has tag '%s'; did you mean '%s'?",
			    s->title, tag, hint);
	else
		diags_error(d, t->path, p->line, p->col, "section '%s': no "
			    "question has tag '%s'", s->title, tag);
}

/* True if a bank of that name is loaded. */
static bool bank_known(const struct bankset *bs, const char *name)
{
	for (size_t b = 0; b < bs->nbanks; b++)
		if (bs->banks[b]->name &&
		    strcmp(bs->banks[b]->name, name) == 0)
			return true;
	return false;
}

/* Report filter values of a pick that match no loaded question. */
static int check_filters(const struct template *t, const struct tsection *s,
			 const struct pick *p, const struct bankset *bs,
			 struct diags *d)
{
	int bad = 0;

	for (size_t i = 0; i < p->ntags; i++)
		if (!tag_known(bs, p->tags[i])) {
			report_unknown_tag(t, s, p, bs, p->tags[i], d);
			bad = 1;
		}
	for (size_t i = 0; i < p->nany_tags; i++)
		if (!tag_known(bs, p->any_tags[i])) {
			report_unknown_tag(t, s, p, bs, p->any_tags[i], d);
			bad = 1;
		}
	for (size_t i = 0; i < p->nids; i++)
		if (!bankset_find(bs, p->ids[i])) {
			diags_error(d, t->path, p->line, p->col, "section "
				    "'%s': no question has id '%s'", s->title,
				    p->ids[i]);
			bad = 1;
		}
	if (p->bank && !bank_known(bs, p->bank)) {
		diags_error(d, t->path, p->line, p->col, "section '%s': no "
			    "bank is named '%s'", s->title, p->bank);
		bad = 1;
	}
	return bad;
}

/* Check the template against the banks. */
int template_check(const struct template *t, const struct bankset *bs,
		   struct diags *d)
{
	struct gkeyset *sets;
	unsigned *counts;
	double *sec_points;
	size_t np = 0, k = 0;
	double total = 0;
	bool total_known = true;
	int bad = 0;

	for (size_t s = 0; s < t->nsections; s++)
		np += t->sections[s].npicks;
	sets = calloc(np ? np : 1, sizeof(*sets));
	counts = calloc(np ? np : 1, sizeof(*counts));
	sec_points = calloc(t->nsections + 1, sizeof(*sec_points));
	if (!sets || !counts || !sec_points) {
		diags_oom(d);
		bad = 1;
		goto out;
	}
	for (size_t s = 0; s < t->nsections; s++) {
		const struct tsection *sec = &t->sections[s];

		for (size_t i = 0; i < sec->npicks; i++, k++) {
			const struct pick *p = &sec->picks[i];
			double pts;
			bool same;
			unsigned taken = 0;
			long before;
			int unknown = check_filters(t, sec, p, bs, d);

			bad |= unknown;
			if (gkeyset_build(&sets[k], p, bs, &pts, &same) < 0) {
				diags_oom(d);
				bad = 1;
				goto out;
			}
			counts[k] = p->count;
			if ((before = taken_before(sets, counts, k)) < 0) {
				diags_oom(d);
				bad = 1;
				goto out;
			}
			taken = (unsigned)before;
			if (unknown) {
				/* the pool is empty for a reason said above */
			} else if (sets[k].n < p->count) {
				diags_error(d, t->path, p->line, p->col,
					    "section '%s': the pick needs %u "
					    "question%s but only %zu match "
					    "(questions of one group count "
					    "once)", sec->title, p->count,
					    p->count == 1 ? "" : "s",
					    sets[k].n);
				bad = 1;
			} else if (taken >= sets[k].n && taken > 0) {
				diags_error(d, t->path, p->line, p->col,
					    "section '%s': earlier picks may "
					    "take every question this pick "
					    "needs (%zu match)", sec->title,
					    sets[k].n);
				bad = 1;
			} else if (sets[k].n - taken < p->count) {
				diags_error(d, t->path, p->line, p->col,
					    "section '%s': the pick needs %u "
					    "question%s but earlier picks may "
					    "take %u of the %zu that match",
					    sec->title, p->count,
					    p->count == 1 ? "" : "s", taken,
					    sets[k].n);
				bad = 1;
			}
			if (p->points >= 0)
				sec_points[s] += p->points * p->count;
			else if (same && pts >= 0)
				sec_points[s] += pts * p->count;
			else
				total_known = false;
		}
		total += sec_points[s];
	}
	if (total_known && template_check_total(t, total, sec_points, d) < 0)
		bad = 1;
out:
	for (size_t i = 0; i < np && sets; i++)
		free(sets[i].v);
	free(sets);
	free(counts);
	free(sec_points);
	return bad;
}

/* Refuse a paper over the limits before any drawing or writing. */
int template_check_limits(const struct template *t, unsigned forms,
			  struct diags *d)
{
	size_t n = 0, printed;

	for (size_t s = 0; s < t->nsections; s++)
		for (size_t k = 0; k < t->sections[s].npicks; k++) {
			const struct pick *p = &t->sections[s].picks[k];

			n += p->count;
			if (n > PAPER_MAX_QUESTIONS) {
				diags_fail(d, DIAG_REFUSED, t->path, p->line,
					   p->col, "section '%s': this pick "
					   "brings the paper to %zu questions; "
					   "at most %d", t->sections[s].title,
					   n, PAPER_MAX_QUESTIONS);
				return 1;
			}
		}
	printed = n * forms;
	if (printed > PAPER_MAX_PRINTED) {
		diags_fail(d, DIAG_REFUSED, t->path, 1, 1, "%u forms of %zu "
			   "questions would print %zu questions; at most %d "
			   "in one build (use fewer forms)", forms, n, printed,
			   PAPER_MAX_PRINTED);
		return 1;
	}
	return 0;
}

/* Check the asserted 'total' against what the sections add up to. */
int template_check_total(const struct template *t, double total,
			 const double *points, struct diags *d)
{
	char parts[1024];
	size_t off = 0;

	if (t->total < 0 || points_eq(total, t->total))
		return 0;
	parts[0] = '\0';
	for (size_t s = 0; s < t->nsections; s++) {
		int n = snprintf(parts + off, sizeof(parts) - off, "%s'%s' %g",
				 s ? ", " : "", t->sections[s].title, points[s]);

		if (n < 0 || (size_t)n >= sizeof(parts) - off)
			break;
		off += (size_t)n;
	}
	diags_error(d, t->path, t->total_line, t->total_col,
		    "'total' is %g but the sections add up to %g (%s)",
		    t->total, total, parts);
	return -1;
}

/* How many questions pick p can draw from, a group counted once. */
long template_check_pool(const struct pick *p, const struct bankset *bs)
{
	struct gkeyset ks = { NULL, 0 };
	double points;
	bool same;
	long n;

	if (gkeyset_build(&ks, p, bs, &points, &same) < 0)
		return -1;
	n = (long)ks.n;
	free(ks.v);
	return n;
}
