/* SPDX-License-Identifier: GPL-3.0-or-later */
/* samefact.c - same-fact pairs by content (see samefact.h). */
#include "bank/samefact.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank/similar.h"
#include "base/array.h"
#include "base/utf8.h"

/* One bigram of one question. */
struct gq {
	uint32_t gram;
	uint32_t q;
};

/* Everything of one run. */
struct facts {
	const struct question **qs;
	size_t nq;
	struct gq *v;		/* by question, then sorted by gram */
	size_t n, cap;
	size_t *first;		/* per question: its slice of v; nq + 1 */
	uint32_t *rare;		/* per question: its rare bigrams */
};

/* The character as compared: 0 for white space and punctuation. */
static uint32_t fold(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
	if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xff00 && c <= 0xff65) || (c >= 0xfe30 && c <= 0xfe4f))
		return 0;
	return c;
}

/* Append the bigrams of s for question qi. */
static int add_text(struct facts *f, const char *s, uint32_t qi)
{
	size_t len = s ? strlen(s) : 0, k;
	uint32_t prev = 0;

	for (size_t i = 0; i < len; i += k) {
		uint32_t c = fold(utf8_decode(s + i, len - i, &k));

		if (!c)
			continue;
		if (prev) {
			if (ARRAY_GROW(f->v, f->cap, f->n + 1) < 0)
				return -1;
			/* two code points of 21 bits, mixed into 32 */
			f->v[f->n].gram = (uint32_t)((((uint64_t)prev << 21 |
						      c) *
						     0x9e3779b97f4a7c15ULL) >>
						    32);
			f->v[f->n++].q = qi;
		}
		prev = c;
	}
	return 0;
}

/* Sort v[0..n) by gram, stably (two passes of 16 bits). */
static int radix_sort(struct gq *v, size_t n)
{
	struct gq *tmp;
	size_t *count;

	if (n < 2)
		return 0;
	tmp = malloc(n * sizeof(*tmp));
	count = malloc(65537 * sizeof(*count));
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	for (int shift = 0; shift < 32; shift += 16) {
		memset(count, 0, 65537 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[((v[i].gram >> shift) & 0xffff) + 1]++;
		for (size_t b = 0; b < 65536; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			tmp[count[(v[i].gram >> shift) & 0xffff]++] = v[i];
		memcpy(v, tmp, n * sizeof(*v));
	}
	free(tmp);
	free(count);
	return 0;
}

/* Collect the questions compared and their bigrams, each once. */
static int collect(struct facts *f, const struct bankset *bs)
{
	size_t n = 0;

	for (size_t b = 0; b < bs->nbanks; b++)
		n += bs->banks[b]->nquestions;
	f->qs = malloc((n ? n : 1) * sizeof(*f->qs));
	if (!f->qs)
		return -1;
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];
			uint32_t qi = (uint32_t)f->nq;
			size_t start = f->n;

			if (q->type == Q_ESSAY || !q->stem)
				continue;
			if (add_text(f, q->stem, qi) < 0 ||
			    add_text(f, q->explanation, qi) < 0 ||
			    add_text(f, q->reference, qi) < 0)
				return -1;
			for (size_t o = 0; o < q->noptions; o++)
				if ((q->answer & (1u << o)) &&
				    add_text(f, q->options[o].text, qi) < 0)
					return -1;
			if (f->n == start)
				continue;
			f->qs[f->nq++] = q;
		}
	return 0;
}

/* True if two questions may meet on one paper. */
static bool may_meet(const struct question *a, const struct question *b)
{
	return !a->group || !b->group || strcmp(a->group, b->group) != 0;
}

/* Report one pair at the later question. */
static void report(const struct question *a, const struct question *b,
		   double share, long pairs, struct diags *d)
{
	if (pairs >= SAMEFACT_REPORT_MAX)
		return;
	diags_add(d, DIAG_WARNING, b->bank->path, b->line, b->col,
		  "'%s' and '%s' (%s:%u) share %.0f%% of their rare "
		  "character pairs (stem, key and explanation): the same "
		  "fact? one may give the other away; rewrite one, or put "
		  "both in one 'group'", b->id, a->id, a->bank->path, a->line,
		  share * 100);
}

/* Find the pairs: v sorted by gram, each gram's run of questions. */
static long find_pairs(struct facts *f, struct diags *d)
{
	size_t nq = f->nq ? f->nq : 1;
	uint32_t *cnt = calloc(nq, sizeof(*cnt));
	uint32_t *touched = malloc(nq * sizeof(*touched));
	size_t *by_q = calloc(nq + 1, sizeof(*by_q));
	size_t *runs = NULL, nr = 0;
	long pairs = -1;

	/* in a small bank every bigram is in few questions: rare there
	 * means in at most an eighth of them */
	size_t rare_max = f->nq / 8 < SAMEFACT_RARE ? f->nq / 8 :
			  SAMEFACT_RARE;

	if (rare_max < 2)
		rare_max = 2;
	if (!cnt || !touched || !by_q)
		goto out;
	/* keep the rare runs: their questions, distinct, in order */
	runs = malloc((f->n + 1) * sizeof(*runs));
	if (!runs)
		goto out;
	f->rare = calloc(nq, sizeof(*f->rare));
	if (!f->rare)
		goto out;
	{
		size_t w = 0;

		for (size_t i = 0; i < f->n;) {
			size_t j = i, start = w;

			while (j < f->n && f->v[j].gram == f->v[i].gram) {
				if (w == start || f->v[w - 1].q != f->v[j].q)
					f->v[w++] = f->v[j];
				j++;
			}
			if (w - start > rare_max) {
				w = start;
			} else {
				runs[nr++] = start;
				for (size_t k = start; k < w; k++)
					f->rare[f->v[k].q]++;
			}
			i = j;
		}
		runs[nr] = w;
		f->n = w;
	}
	pairs = 0;
	/* walk each rare run once: every pair in it shares that gram; the
	 * counts of a question's pairs are gathered question by question */
	for (size_t r = 0; r < nr; r++)
		for (size_t k = runs[r]; k < runs[r + 1]; k++)
			by_q[f->v[k].q + 1]++;
	for (size_t q = 0; q < f->nq; q++)
		by_q[q + 1] += by_q[q];
	{
		uint32_t *slot = malloc((f->n ? f->n : 1) * sizeof(*slot));
		size_t *fill = calloc(nq, sizeof(*fill));

		if (!slot || !fill) {
			free(slot);
			free(fill);
			pairs = -1;
			goto out;
		}
		/* slot: per question, the runs its rare grams are in */
		for (size_t r = 0; r < nr; r++)
			for (size_t k = runs[r]; k < runs[r + 1]; k++) {
				uint32_t q = f->v[k].q;

				slot[by_q[q] + fill[q]++] = (uint32_t)r;
			}
		for (size_t x = 0; x < f->nq; x++) {
			size_t nt = 0;

			if (f->rare[x] < SAMEFACT_MIN)
				continue;
			for (size_t s = by_q[x]; s < by_q[x + 1]; s++)
				for (size_t k = runs[slot[s]];
				     k < runs[slot[s] + 1]; k++) {
					uint32_t y = f->v[k].q;

					if (y >= x)
						continue;
					if (!cnt[y]++)
						touched[nt++] = y;
				}
			for (size_t t = 0; t < nt; t++) {
				uint32_t y = touched[t];
				uint32_t m = f->rare[y] < f->rare[x] ?
					     f->rare[y] : f->rare[x];
				double share = (double)cnt[y] / (double)m;

				cnt[y] = 0;
				/* near-duplicate stems are reported so */
				if (f->rare[y] < SAMEFACT_MIN ||
				    share < SAMEFACT_THRESHOLD - 1e-9 ||
				    !may_meet(f->qs[x], f->qs[y]) ||
				    similar_score(f->qs[x]->stem,
						  f->qs[y]->stem) >=
				    SIMILAR_THRESHOLD - 1e-9)
					continue;
				report(f->qs[y], f->qs[x], share, pairs, d);
				pairs++;
			}
		}
		free(slot);
		free(fill);
	}
out:
	free(cnt);
	free(touched);
	free(by_q);
	free(runs);
	return pairs;
}

/* Report the same-fact pairs of bs. */
long samefact_report(const struct bankset *bs, struct diags *d)
{
	struct facts f;
	long pairs = -1;

	memset(&f, 0, sizeof(f));
	if (collect(&f, bs) < 0 || radix_sort(f.v, f.n) < 0)
		goto out;
	pairs = find_pairs(&f, d);
	if (pairs > SAMEFACT_REPORT_MAX)
		diags_add(d, DIAG_WARNING, bs->banks[0]->path, 1, 1,
			  "%ld more same-fact pairs not listed (%ld in all; "
			  "the first %d are)", pairs - SAMEFACT_REPORT_MAX,
			  pairs, SAMEFACT_REPORT_MAX);
out:
	if (pairs < 0)
		diags_oom(d);
	free(f.qs);
	free(f.v);
	free(f.rare);
	return pairs;
}
