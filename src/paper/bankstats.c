/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bankstats.c - `validate --stats` (see bankstats.h). */
#include "paper/bankstats.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "paper/paper.h"

/* A name and how many questions carry it. */
struct count {
	const char *name;
	size_t n;
};

/* Order counts from the largest, then by name. */
static int by_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Print the tags of bs with their counts. */
static int print_tags(FILE *fp, const struct bankset *bs)
{
	const char **tags;
	struct count *c;
	size_t n = 0, nc = 0;

	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++)
			n += bs->banks[b]->questions[i].ntags;
	tags = malloc((n ? n : 1) * sizeof(*tags));
	c = malloc((n ? n : 1) * sizeof(*c));
	if (!tags || !c) {
		free(tags);
		free(c);
		return -1;
	}
	n = 0;
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];

			for (size_t k = 0; k < q->ntags; k++)
				tags[n++] = q->tags[k];
		}
	qsort(tags, n, sizeof(*tags), array_strcmp);
	for (size_t i = 0; i < n; i++) {
		if (nc && strcmp(c[nc - 1].name, tags[i]) == 0) {
			c[nc - 1].n++;
			continue;
		}
		c[nc].name = tags[i];
		c[nc++].n = 1;
	}
	qsort(c, nc, sizeof(*c), by_count);
	fprintf(fp, "  by tag (%zu tags):", nc);
	for (size_t i = 0; i < nc; i++)
		fprintf(fp, "%s %s %zu", i % 6 ? "," : "\n   ", c[i].name,
			c[i].n);
	fputs(nc ? "\n" : " none\n", fp);
	free(tags);
	free(c);
	return 0;
}

/* Print the question counts of bs. */
int bankstats_banks(FILE *fp, const struct bankset *bs)
{
	size_t types[Q_NTYPES] = { 0 }, diffs[DIFF_HARD + 1] = { 0 };

	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];

			types[q->type]++;
			diffs[q->difficulty]++;
		}
	fprintf(fp, "banks: %zu, questions: %zu\n", bs->nbanks,
		bs->nquestions);
	for (size_t b = 0; b < bs->nbanks; b++)
		fprintf(fp, "  %s (%s): %zu\n", bs->banks[b]->name,
			bs->banks[b]->path, bs->banks[b]->nquestions);
	fputs("  by type:", fp);
	for (int t = 0; t < Q_NTYPES; t++)
		fprintf(fp, "%s %s %zu", t ? "," : "",
			qtype_name((enum qtype)t), types[t]);
	fputs("\n  by difficulty:", fp);
	for (int k = DIFF_EASY; k <= DIFF_HARD; k++)
		fprintf(fp, " %s %zu,", difficulty_name((enum difficulty)k),
			diffs[k]);
	fprintf(fp, " not given %zu\n", diffs[DIFF_NONE]);
	return print_tags(fp, bs);
}

/* Print a list of names after a label. */
static void print_names(FILE *fp, const char *label, const char **v,
			size_t n, bool *first)
{
	if (!n)
		return;
	fprintf(fp, "%s%s ", *first ? "" : ", ", label);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? "+" : "", v[i]);
	*first = false;
}

/* Print what pick p draws from. */
static void print_filter(FILE *fp, const struct pick *p)
{
	bool first = true;

	if (p->type >= 0) {
		fprintf(fp, "type %s", qtype_name((enum qtype)p->type));
		first = false;
	}
	print_names(fp, "tags", p->tags, p->ntags, &first);
	print_names(fp, "any of", p->any_tags, p->nany_tags, &first);
	if (p->difficulty >= 0) {
		fprintf(fp, "%sdifficulty %s", first ? "" : ", ",
			difficulty_name((enum difficulty)p->difficulty));
		first = false;
	}
	if (p->bank) {
		fprintf(fp, "%sbank %s", first ? "" : ", ", p->bank);
		first = false;
	}
	if (p->nids) {
		fprintf(fp, "%s%zu named ids", first ? "" : ", ", p->nids);
		first = false;
	}
	if (first)
		fputs("any question", fp);
}

/* Order question pointers. */
static int by_ptr(const void *a, const void *b)
{
	const struct question *x = *(const struct question *const *)a;
	const struct question *y = *(const struct question *const *)b;

	return x < y ? -1 : x > y;
}

/* Questions forms 0 and 1 of p have in common. */
static size_t shared(const struct paper *p, const struct question **a,
		     const struct question **b)
{
	const struct paper_form *f = &p->forms[0], *g = &p->forms[1];
	size_t i = 0, j = 0, k = 0;

	for (size_t n = 0; n < f->nitems; n++)
		a[n] = f->items[n].q;
	for (size_t n = 0; n < g->nitems; n++)
		b[n] = g->items[n].q;
	qsort(a, f->nitems, sizeof(*a), by_ptr);
	qsort(b, g->nitems, sizeof(*b), by_ptr);
	while (i < f->nitems && j < g->nitems) {
		if (a[i] == b[j]) {
			k++;
			i++;
			j++;
		} else if (by_ptr(&a[i], &b[j]) < 0) {
			i++;
		} else {
			j++;
		}
	}
	return k;
}

/* Print the overlap of two forms drawn with 'vary: questions'. */
static int print_overlap(FILE *fp, const struct template *t,
			 struct bankset *bs)
{
	struct template two = *t;
	const struct question **a = NULL, **b = NULL;
	double sum = 0, most = 0, per_form = 0;
	int rc = 0;

	two.vary = VARY_QUESTIONS;
	for (unsigned seed = 1; seed <= BANKSTATS_SEEDS; seed++) {
		struct diags d = DIAGS_INIT;
		struct paper *p = paper_assemble(&two, bs, seed, 2, &d);
		double share;

		if (!p) {
			rc = diags_out_of_memory(&d) ? -1 : 0;
			fprintf(fp, "  two forms with 'vary: questions': cannot "
				"be drawn (seed %u: %s)\n", seed,
				d.n ? d.v[0].msg : "no memory");
			diags_release(&d);
			goto out;
		}
		diags_release(&d);
		if (!a) {
			a = malloc((p->forms[0].nitems + 1) * sizeof(*a));
			b = malloc((p->forms[0].nitems + 1) * sizeof(*b));
			per_form = (double)p->forms[0].nitems;
		}
		if (!a || !b || p->forms[1].nitems != p->forms[0].nitems) {
			paper_free(p);
			rc = -1;
			goto out;
		}
		share = per_form > 0 ? (double)shared(p, a, b) / per_form : 0;
		sum += share;
		if (share > most)
			most = share;
		paper_free(p);
	}
	fprintf(fp, "  two forms with 'vary: questions' share %.1f%% of "
		"their %.0f questions on average, %.1f%% at most (seeds 1..%d)"
		"\n", 100 * sum / BANKSTATS_SEEDS, per_form, 100 * most,
		BANKSTATS_SEEDS);
out:
	free(a);
	free(b);
	return rc;
}

/* Print a template's pools and form overlap. */
int bankstats_template(FILE *fp, const struct template *t,
		       struct bankset *bs)
{
	fprintf(fp, "template %s (%s):\n", t->path, t->code);
	for (size_t s = 0; s < t->nsections; s++) {
		const struct tsection *sec = &t->sections[s];

		for (size_t k = 0; k < sec->npicks; k++) {
			const struct pick *p = &sec->picks[k];
			long pool = template_check_pool(p, bs);

			if (pool < 0)
				return -1;
			fprintf(fp, "  %s, pick %zu (", sec->title, k + 1);
			print_filter(fp, p);
			fprintf(fp, "): pool %ld for %u", pool, p->count);
			if (p->count)
				fprintf(fp, " (%.1fx)", (double)pool /
					(double)p->count);
			fputc('\n', fp);
		}
	}
	return print_overlap(fp, t, bs);
}
