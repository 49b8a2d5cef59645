/* SPDX-License-Identifier: GPL-3.0-or-later */
/* similar.c - near-duplicate stems (see similar.h).
 *
 * Each stem becomes the set of its character 4-grams, ranked rarest first.
 * Stems are visited from the smallest set up; a pair at least t alike
 * shares a gram among the first |x| - ceil(t |x|) + 1 of the larger set
 * and the first |y| - ceil(2t/(1+t) |y|) + 1 of the smaller, which alone
 * go into the inverted index (prefix filtering), and a candidate whose
 * shared grams so far plus those still possible after the positions of
 * a match cannot reach the overlap needed is dropped (positional
 * filtering; Xiao et al., "Efficient similarity joins for near duplicate
 * detection", 2008).  A candidate that survives is verified from the
 * counts of the prefix matches: only the sets' remainders after the
 * prefixes are merged, and not at all when they cannot supply the overlap
 * still missing (the same paper).  Only the first SIMILAR_REPORT_MAX
 * pairs become warnings; the others are counted, so that a bank of many
 * copies costs their comparisons, not millions of messages.  The index
 * keeps each gram's entries in one run of an array, so that probing reads
 * memory in sequence. */
#include "bank/similar.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/utf8.h"

/* One stem: its gram ranks, sorted, in the shared array. */
struct stem {
	const struct question *q;
	size_t order;		/* load order, to name the earlier one */
	size_t first, n;	/* slice of the rank array */
};

/* Everything of one run. */
struct sim {
	struct stem *stems;
	size_t nstems;
	uint64_t *grams;	/* hashed grams of every stem */
	uint32_t *ranks;
	size_t ngrams;
	/* distinct grams: open addressing, key + 1 (0 = free) */
	uint64_t *keys;
	uint32_t *df, *rank_of;
	size_t kcap, nkeys;
};

/* Code point at s (advancing *s); 0 at the end. */
static uint32_t next_cp(const char **s)
{
	size_t n;
	uint32_t c;

	if (!**s)
		return 0;
	c = utf8_decode(*s, SIZE_MAX, &n);
	*s += n;
	return c;
}

/* The character as compared: 0 for white space and punctuation (ASCII,
 * general, CJK and full-width), letters and digits folded to lower-case
 * ASCII. */
static uint32_t fold(uint32_t c)
{
	if (c >= 0xff10 && c <= 0xff19)
		return c - 0xff10 + '0';
	if (c >= 0xff21 && c <= 0xff3a)
		return c - 0xff21 + 'a';
	if (c >= 0xff41 && c <= 0xff5a)
		return c - 0xff41 + 'a';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
	if ((c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xff00 && c <= 0xff65) || (c >= 0xfe30 && c <= 0xfe4f) ||
	    c == 0xa0 || c == 0xb7)
		return 0;
	return c;
}

/* Ciura's gaps for Shell's sort, largest first. */
static const size_t shell_gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };

/* Sort n hashed grams ascending: Shell's sort, as a stem has a few dozen
 * grams and qsort's comparison calls cost more than the sorting. */
static void sort_grams(uint64_t *v, size_t n)
{
	for (size_t g = 0; g < sizeof(shell_gaps) / sizeof(*shell_gaps); g++)
		for (size_t gap = shell_gaps[g], i = gap; i < n; i++) {
			uint64_t x = v[i];
			size_t j = i;

			for (; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
}

/* Sort n ranks ascending, as sort_grams(). */
static void sort_ranks(uint32_t *v, size_t n)
{
	for (size_t g = 0; g < sizeof(shell_gaps) / sizeof(*shell_gaps); g++)
		for (size_t gap = shell_gaps[g], i = gap; i < n; i++) {
			uint32_t x = v[i];
			size_t j = i;

			for (; j >= gap && v[j - gap] > x; j -= gap)
				v[j] = v[j - gap];
			v[j] = x;
		}
}

/* A 64-bit hash of a gram: each code point (21 bits) times its own odd
 * constant, mixed (cheaper than hashing the gram's bytes one by one). */
static uint64_t gram_hash(const uint32_t *win)
{
	static const uint64_t mul[] = {
		0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL,
		0x165667b19e3779f9ULL, 0xd6e8feb86659fd93ULL,
	};
	uint64_t h = 0;

	for (size_t i = 0; i < SIMILAR_GRAM; i++)
		h = (h ^ (win[i] * mul[i % 4])) * 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

/* Append the distinct SIMILAR_GRAM-grams of s (hashed) to v (cap grown);
 * their count, or -1 when out of memory. */
static long grams(const char *s, uint64_t **v, size_t *n, size_t *cap)
{
	size_t start = *n, have = 0, k;
	uint32_t win[SIMILAR_GRAM] = { 0 }, c;

	while ((c = next_cp(&s)) != 0) {
		if (!(c = fold(c)))
			continue;
		memmove(win, win + 1, (SIMILAR_GRAM - 1) * sizeof(*win));
		win[SIMILAR_GRAM - 1] = c;
		if (++have < SIMILAR_GRAM)
			continue;
		if (ARRAY_GROW(*v, *cap, *n + 1) < 0)
			return -1;
		(*v)[(*n)++] = gram_hash(win);
	}
	if (*n == start)
		return 0;
	sort_grams(*v + start, *n - start);
	k = start;
	for (size_t i = start; i < *n; i++)
		if (i == start || (*v)[i] != (*v)[k - 1])
			(*v)[k++] = (*v)[i];
	*n = k;
	return (long)(k - start);
}

/* Slot of gram g in the distinct-gram table. */
static size_t key_slot(const struct sim *m, uint64_t g)
{
	/* g is a hash already: a multiplicative mix spreads its bits */
	size_t j = (size_t)((g * 0x9e3779b97f4a7c15ULL) >> 32) &
		   (m->kcap - 1);

	while (m->keys[j] && m->keys[j] != g + 1)
		j = (j + 1) & (m->kcap - 1);
	return j;
}

/* Double the distinct-gram table. */
static int grow_keys(struct sim *m)
{
	struct sim old = *m;

	m->kcap = old.kcap ? old.kcap * 2 : 1 << 16;
	m->keys = calloc(m->kcap, sizeof(*m->keys));
	m->df = calloc(m->kcap, sizeof(*m->df));
	if (!m->keys || !m->df) {
		free(m->keys);
		free(m->df);
		m->keys = old.keys;
		m->df = old.df;
		m->kcap = old.kcap;
		return -1;
	}
	for (size_t j = 0; j < old.kcap; j++)
		if (old.keys[j]) {
			size_t k = key_slot(m, old.keys[j] - 1);

			m->keys[k] = old.keys[j];
			m->df[k] = old.df[j];
		}
	free(old.keys);
	free(old.df);
	return 0;
}

/* Count each distinct gram's stems (document frequency). */
static int count_df(struct sim *m)
{
	if (grow_keys(m) < 0)
		return -1;
	for (size_t i = 0; i < m->ngrams; i++) {
		size_t j = key_slot(m, m->grams[i]);

		if (!m->keys[j]) {
			if (2 * (m->nkeys + 1) > m->kcap) {
				if (grow_keys(m) < 0)
					return -1;
				j = key_slot(m, m->grams[i]);
			}
			m->keys[j] = m->grams[i] + 1;
			m->nkeys++;
		}
		m->df[j]++;
	}
	m->rank_of = calloc(m->kcap, sizeof(*m->rank_of));
	return m->rank_of ? 0 : -1;
}

static const struct sim *sort_sim;	/* for by_rarity (qsort has no ctx) */

/* Order table slots by document frequency, then gram. */
static int by_rarity(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct sim *m = sort_sim;

	if (m->df[x] != m->df[y])
		return m->df[x] < m->df[y] ? -1 : 1;
	return m->keys[x] < m->keys[y] ? -1 : m->keys[x] > m->keys[y];
}

/* Replace each stem's grams by their ranks, rarest first. */
static int rank_grams(struct sim *m)
{
	size_t *slots = malloc((m->nkeys ? m->nkeys : 1) * sizeof(*slots));
	size_t k = 0;

	m->ranks = malloc((m->ngrams ? m->ngrams : 1) * sizeof(*m->ranks));
	if (!slots || !m->ranks) {
		free(slots);
		return -1;
	}
	for (size_t j = 0; j < m->kcap; j++)
		if (m->keys[j])
			slots[k++] = j;
	sort_sim = m;
	qsort(slots, k, sizeof(*slots), by_rarity);
	for (size_t r = 0; r < k; r++)
		m->rank_of[slots[r]] = (uint32_t)r;
	free(slots);
	for (size_t i = 0; i < m->ngrams; i++)
		m->ranks[i] = m->rank_of[key_slot(m, m->grams[i])];
	for (size_t s = 0; s < m->nstems; s++)
		sort_ranks(m->ranks + m->stems[s].first, m->stems[s].n);
	return 0;
}

/* Size of the prefix of a set of n probed against the index. */
static size_t probe_prefix(size_t n)
{
	size_t need = (size_t)ceil(SIMILAR_THRESHOLD * (double)n - 1e-9);

	return n - need + 1;
}

/* Size of the prefix of a set of n put into the index. */
static size_t index_prefix(size_t n)
{
	double t = SIMILAR_THRESHOLD;
	size_t need = (size_t)ceil(2 * t / (1 + t) * (double)n - 1e-9);

	return n - need + 1;
}

/* Overlap two sets of na and nb need to be at least t alike. */
static size_t needed_overlap(size_t na, size_t nb)
{
	double t = SIMILAR_THRESHOLD;

	return (size_t)ceil(t / (1 + t) * (double)(na + nb) - 1e-9);
}

/* Shared ranks of two sorted sets, counted until it is clear that they
 * cannot reach need (then the count so far, less than need). */
static size_t overlap(const uint32_t *a, size_t na, const uint32_t *b,
		      size_t nb, size_t need)
{
	size_t i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (k + (na - i < nb - j ? na - i : nb - j) < need)
			break;
		if (a[i] == b[j]) {
			k++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return k;
}

/* Order stems by set size, then load order. */
static int by_size(const void *a, const void *b)
{
	const struct stem *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Report one pair at the later question: the first max pairs found; the
 * others are only counted (pairs is the count so far). */
static void report_pair(const struct stem *a, const struct stem *b,
			double score, long pairs, long max, struct diags *d)
{
	const struct stem *early = a->order < b->order ? a : b;
	const struct stem *late = early == a ? b : a;

	if (pairs >= max)
		return;
	diags_add(d, DIAG_WARNING, late->q->bank->path, late->q->line,
		  late->q->col, "the stem of '%s' is %.0f%% like that of '%s' "
		  "(%s:%u): a near duplicate? (questions of one 'group' are "
		  "not compared)", late->q->id, floor(score * 100),
		  early->q->id, early->q->bank->path, early->q->line);
}

/* True if two questions may meet on one paper. */
static bool may_meet(const struct question *a, const struct question *b)
{
	return !a->group || !b->group || strcmp(a->group, b->group) != 0;
}

/* One entry of the index: a stem whose index prefix holds the rank. */
struct entry {
	uint32_t stem;		/* index into stems */
	uint32_t pos;		/* the rank's place in the stem's set */
	uint32_t size;		/* the stem's set size */
};

/* The index: for each rank, its entries in one run of the entry array,
 * in the order the stems went in (smallest sets first), so that a probe
 * reads memory in sequence, newest (largest) first. */
struct index {
	size_t *start;		/* per rank: its run; nkeys + 1 */
	uint32_t *fill;		/* per rank: entries in so far */
	struct entry *e;
};

/* Size the index's runs for the index prefixes of every stem. */
static int index_init(struct index *ix, const struct sim *m)
{
	size_t nk = m->nkeys;

	ix->start = calloc(nk + 1, sizeof(*ix->start));
	ix->fill = calloc(nk ? nk : 1, sizeof(*ix->fill));
	if (!ix->start || !ix->fill)
		return -1;
	for (size_t s = 0; s < m->nstems; s++) {
		const uint32_t *r = m->ranks + m->stems[s].first;

		for (size_t i = 0; i < index_prefix(m->stems[s].n); i++)
			ix->start[r[i] + 1]++;
	}
	for (size_t r = 0; r < nk; r++)
		ix->start[r + 1] += ix->start[r];
	ix->e = malloc((ix->start[nk] ? ix->start[nk] : 1) * sizeof(*ix->e));
	return ix->e ? 0 : -1;
}

/* Free the index. */
static void index_release(struct index *ix)
{
	free(ix->start);
	free(ix->fill);
	free(ix->e);
}

/* An indexed stem as a candidate of the stem being probed. */
struct cand {
	int32_t hits;		/* prefix ranks shared so far; -1 dropped */
	uint32_t size;		/* its set size */
	uint32_t last;		/* the last rank of its index prefix */
};

/* Count, in each candidate's hits, the prefix ranks stem x (ranks xr)
 * shares with each indexed stem at least min_size large, and drop (-1) a
 * stem that can no longer reach the overlap needed from the positions of
 * a match; the stems first met go into touched; returns how many. */
static size_t probe(const struct index *ix, const uint32_t *xr, size_t nx,
		    struct cand *c, size_t *touched)
{
	size_t p = probe_prefix(nx), nt = 0;
	size_t min_size = (size_t)ceil(SIMILAR_THRESHOLD * (double)nx -
				       1e-9);

	for (size_t i = 0; i < p; i++) {
		const struct entry *run = ix->e + ix->start[xr[i]];

		for (size_t k = ix->fill[xr[i]]; k-- > 0;) {
			const struct entry *e = &run[k];
			size_t y = e->stem, ny = e->size, rest;

			/* newest first: the rest are no larger */
			if (ny < min_size)
				break;
			if (c[y].hits < 0)
				continue;
			if (c[y].hits == 0)
				touched[nt++] = y;
			rest = nx - i - 1 < ny - e->pos - 1 ?
			       nx - i - 1 : ny - e->pos - 1;
			if ((size_t)c[y].hits + 1 + rest <
			    needed_overlap(nx, ny))
				c[y].hits = -1;
			else
				c[y].hits++;
		}
	}
	return nt;
}

/* The sorted ranks of stem s. */
static const uint32_t *stem_ranks(const struct sim *m, size_t s)
{
	return m->ranks + m->stems[s].first;
}

/* How many of the n sorted ranks of x are at most r. */
static size_t ranks_upto(const uint32_t *x, size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x[mid] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Shared ranks of the probing set x (nx) and candidate c, stem y of m,
 * counted only while they can still reach need (else some count
 * below need).  Every shared rank up to the smaller of the two prefixes'
 * last ranks lies in both prefixes, so it is among c's hits; the others
 * lie past that rank in both sets: only those remainders are merged, and
 * only when they are long enough to supply what is missing (Xiao et
 * al.'s verification).  The ranks of stem y are read only then. */
static size_t verify(const uint32_t *x, size_t nx, const struct cand *c,
		     const struct sim *m, size_t y, size_t need)
{
	size_t ny = c->size, h = (size_t)c->hits;
	size_t px = probe_prefix(nx), py = index_prefix(ny);
	size_t more = need > h ? need - h : 0, from;

	if (x[px - 1] < c->last) {
		/* y's first h ranks are x's shared prefix ranks */
		if (h + nx - px < need)
			return h;
		return h + overlap(x + px, nx - px, stem_ranks(m, y) + h,
				   ny - h, more);
	}
	from = ranks_upto(x, nx, c->last);
	if (h + (nx - from < ny - py ? nx - from : ny - py) < need)
		return h;
	return h + overlap(x + from, nx - from, stem_ranks(m, y) + py, ny - py,
			   more);
}

/* Find and report the pairs, smallest sets first. */
static long find_pairs(struct sim *m, long max, struct diags *d)
{
	size_t ns = m->nstems ? m->nstems : 1;
	struct cand *c = calloc(ns, sizeof(*c));
	size_t *touched = malloc(ns * sizeof(*touched));
	struct index ix = { 0 };
	long pairs = -1;

	if (!c || !touched || index_init(&ix, m) < 0)
		goto out;
	/* stem k is the k-th probed, and candidates are numbered alike */
	qsort(m->stems, m->nstems, sizeof(*m->stems), by_size);
	for (size_t i = 0; i < m->nstems; i++) {
		const struct stem *st = &m->stems[i];

		c[i].size = (uint32_t)st->n;
		c[i].last = m->ranks[st->first + index_prefix(st->n) - 1];
	}
	pairs = 0;
	for (size_t k = 0; k < m->nstems; k++) {
		const struct stem *x = &m->stems[k];
		const uint32_t *xr = m->ranks + x->first;
		size_t nt = probe(&ix, xr, x->n, c, touched);

		for (size_t i = 0; i < nt; i++) {
			size_t yi = touched[i];
			const struct stem *y;
			size_t ov, need;
			double score;

			if (c[yi].hits <= 0) {
				c[yi].hits = 0;
				continue;
			}
			need = needed_overlap(x->n, c[yi].size);
			ov = verify(xr, x->n, &c[yi], m, yi, need);
			c[yi].hits = 0;
			if (ov < need)
				continue;
			y = &m->stems[yi];
			score = (double)ov / (double)(x->n + y->n - ov);
			if (score >= SIMILAR_THRESHOLD - 1e-9 &&
			    may_meet(x->q, y->q)) {
				report_pair(x, y, score, pairs, max, d);
				pairs++;
			}
		}
		for (size_t i = 0; i < index_prefix(x->n); i++) {
			struct entry *e = &ix.e[ix.start[xr[i]] +
						ix.fill[xr[i]]++];

			e->stem = (uint32_t)k;
			e->pos = (uint32_t)i;
			e->size = (uint32_t)x->n;
		}
	}
out:
	free(c);
	free(touched);
	index_release(&ix);
	return pairs;
}

/* Collect the stems long enough to compare. */
static int collect(struct sim *m, const struct bankset *bs)
{
	size_t n = 0, cap = 0, order = 0;

	for (size_t b = 0; b < bs->nbanks; b++)
		n += bs->banks[b]->nquestions;
	m->stems = calloc(n ? n : 1, sizeof(*m->stems));
	if (!m->stems)
		return -1;
	for (size_t b = 0; b < bs->nbanks; b++)
		for (size_t i = 0; i < bs->banks[b]->nquestions; i++) {
			const struct question *q = &bs->banks[b]->questions[i];
			struct stem *s = &m->stems[m->nstems];
			long k;

			order++;
			if (!q->stem)
				continue;
			s->first = m->ngrams;
			k = grams(q->stem, &m->grams, &m->ngrams, &cap);
			if (k < 0)
				return -1;
			if (k < SIMILAR_MIN_GRAMS) {
				m->ngrams = s->first;
				continue;
			}
			s->q = q;
			s->order = order;
			s->n = (size_t)k;
			m->nstems++;
		}
	return 0;
}

/* Report the near-duplicate stems of bs. */
long similar_report(const struct bankset *bs, struct diags *d)
{
	return similar_report_max(bs, SIMILAR_REPORT_MAX, d);
}

/* Report the near-duplicate stems of bs, at most max of them. */
long similar_report_max(const struct bankset *bs, long max, struct diags *d)
{
	struct sim m;
	long pairs = -1;

	memset(&m, 0, sizeof(m));
	if (collect(&m, bs) < 0 || count_df(&m) < 0 || rank_grams(&m) < 0)
		goto out;
	pairs = find_pairs(&m, max, d);
	if (pairs > max && m.nstems)
		diags_add(d, DIAG_WARNING, bs->banks[0]->path, 1, 1,
			  "%ld more pairs of near-duplicate stems not listed "
			  "(%ld in all; the first %ld are)", pairs - max, pairs,
			  max);
out:
	if (pairs < 0)
		diags_oom(d);
	free(m.stems);
	free(m.grams);
	free(m.ranks);
	free(m.keys);
	free(m.df);
	free(m.rank_of);
	return pairs;
}

/* Gram Jaccard similarity of two texts. */
double similar_score(const char *a, const char *b)
{
	uint64_t *v = NULL;
	size_t n = 0, cap = 0, shared = 0;
	long na, nb;
	double score = 0;

	na = grams(a, &v, &n, &cap);
	nb = na < 0 ? -1 : grams(b, &v, &n, &cap);
	if (na >= SIMILAR_MIN_GRAMS && nb >= SIMILAR_MIN_GRAMS) {
		for (size_t i = 0; i < (size_t)na; i++)
			for (size_t j = (size_t)na; j < n; j++)
				shared += v[i] == v[j];
		score = (double)shared / (double)(n - shared);
	}
	free(v);
	return score;
}
