/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis.c - test and item analysis of a gradebook (see analysis.h).
 * Candidates are taken in input order; the working arrays of one run are
 * in a struct work, freed before analysis_run returns. */
#include "grade/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/points.h"
#include "grade/grade.h"

/* Working arrays of one run. */
struct work {
	size_t **kpos;			/* kpos[key][item] = its first
					 * position on that key, or SIZE_MAX */
	double *xs;			/* points by item: item i's from
					 * xs[xoff[i]], counted candidates
					 * in order */
	uint32_t *ms;			/* options marked, laid out as xs */
	size_t *xoff;
	double *x, *tt, *rest, *ind, *part;	/* per candidate */
	uint32_t *mk;
	signed char *g, *gg;		/* groups of all / of gg_item's */
	size_t gg_item;
	double **fvar;			/* fvar[key][position]: item
					 * variance over the form's
					 * candidates */
	size_t **sec;			/* sec[key][position]: section
					 * column, or SIZE_MAX */
	double *ivar;			/* per item: variance over every
					 * counted candidate (common ones) */
	size_t *k;			/* per key: items in a part */
	double *sumv;			/* per key: their variances summed */
	double *fsum, *fss;		/* per key: sums while pooling */
	size_t *fn;
	bool *fin;
};

/* True if c counts in item and test statistics: graded, not pending. */
static bool counts(const struct candidate *c)
{
	return c->key && candidate_result(c) != RESULT_PENDING;
}

/* Index of key k in gb->keys.keys, or SIZE_MAX. */
static size_t key_index(const struct gradebook *gb, const struct key *k)
{
	for (size_t i = 0; k && i < gb->keys.nkeys; i++)
		if (gb->keys.keys[i] == k)
			return i;
	return SIZE_MAX;
}

/* True for choice items (options counted by letter). */
static bool is_choice(enum qtype t)
{
	return t == Q_SINGLE || t == Q_MULTIPLE;
}

/* Bank letter (0 = A) of printed option i of an item. */
static unsigned bank_letter(const struct key_item *it, unsigned i)
{
	for (unsigned j = 0; j < it->noptions && j < MAX_OPTIONS; j++)
		if (it->order[j])
			return it->order[i];
	return i;
}

/* Printed letters mask to bank letters mask. */
static uint32_t to_bank(const struct key_item *it, uint32_t mask)
{
	uint32_t m = 0;

	for (unsigned i = 0; i < it->noptions && i < MAX_OPTIONS; i++)
		if (mask & (UINT32_C(1) << i))
			m |= UINT32_C(1) << bank_letter(it, i);
	return m;
}

/* Options marked in a response, as bank letters (tf: bit 0 true, bit 1
 * false); 0 when blank or not read. */
static uint32_t marked(const struct key_item *it, const struct response *rs)
{
	if (rs->status != RESP_OK)
		return 0;
	if (it->type == Q_TRUE_FALSE)
		return rs->mask & 1 ? 1 : 2;
	if (is_choice(it->type))
		return to_bank(it, rs->mask);
	return 0;
}

/* Group every key item by id (and type and points): a->items, a->kmap
 * and w->kpos. */
static int build_items(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;
	size_t cap = 0, nk = gb->keys.nkeys ? gb->keys.nkeys : 1;

	a->kmap = calloc(nk, sizeof(*a->kmap));
	w->kpos = calloc(nk, sizeof(*w->kpos));
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
		cap += gb->keys.keys[ki]->nitems;
	a->items = calloc(cap ? cap : 1, sizeof(*a->items));
	if (!a->kmap || !w->kpos || !a->items)
		return -1;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];

		a->kmap[ki] = calloc(k->nitems ? k->nitems : 1,
				     sizeof(**a->kmap));
		if (!a->kmap[ki])
			return -1;
		for (size_t i = 0; i < k->nitems; i++) {
			const struct key_item *it = &k->items[i];
			struct item_stats *s;
			size_t j;

			for (j = 0; j < a->nitems; j++)
				if (!strcmp(a->items[j].it->id, it->id) &&
				    a->items[j].it->type == it->type &&
				    a->items[j].it->points == it->points)
					break;
			s = &a->items[j];
			if (j == a->nitems) {
				s->it = it;
				s->same_no = true;
				if (it->type == Q_TRUE_FALSE) {
					s->keyed = it->answer_tf ? 1 : 2;
					s->nopt = 2;
					a->any_tf = true;
				} else if (is_choice(it->type)) {
					s->keyed = to_bank(it, it->answer);
					s->nopt = it->noptions < MAX_OPTIONS ?
						  it->noptions : MAX_OPTIONS;
				}
				if (s->nopt > a->maxopt)
					a->maxopt = s->nopt;
				a->nitems++;
			} else if (s->it->no != it->no) {
				s->same_no = false;
			}
			a->kmap[ki][i] = j;
		}
	}
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		w->kpos[ki] = malloc((a->nitems ? a->nitems : 1) *
				     sizeof(**w->kpos));
		if (!w->kpos[ki])
			return -1;
		for (size_t j = 0; j < a->nitems; j++)
			w->kpos[ki][j] = SIZE_MAX;
		for (size_t i = gb->keys.keys[ki]->nitems; i-- > 0;)
			w->kpos[ki][a->kmap[ki][i]] = i;
	}
	return 0;
}

/* The counted candidates: a->cand, a->kidx, a->total. */
static int list_counted(struct analysis *a)
{
	const struct gradebook *gb = a->gb;
	size_t n = gb->ncands ? gb->ncands : 1;

	a->cand = malloc(n * sizeof(*a->cand));
	a->kidx = malloc(n * sizeof(*a->kidx));
	a->total = malloc(n * sizeof(*a->total));
	a->prank = malloc(n * sizeof(*a->prank));
	if (!a->cand || !a->kidx || !a->total || !a->prank)
		return -1;
	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];
		size_t ki = key_index(gb, c->key);

		a->prank[i] = NAN;
		if (ki == SIZE_MAX || !counts(c))
			continue;
		a->cand[a->n] = i;
		a->kidx[a->n] = ki;
		a->total[a->n] = c->total;
		a->n++;
	}
	return 0;
}

/* Allocate the per-candidate and per-key scratch arrays. */
static int work_alloc(struct analysis *a, struct work *w)
{
	size_t n = a->n ? a->n : 1, nk = a->gb->keys.nkeys ? a->gb->keys.nkeys : 1;

	w->x = malloc(n * sizeof(*w->x));
	w->tt = malloc(n * sizeof(*w->tt));
	w->rest = malloc(n * sizeof(*w->rest));
	w->ind = malloc(n * sizeof(*w->ind));
	w->part = malloc(n * sizeof(*w->part));
	w->mk = malloc(n * sizeof(*w->mk));
	w->g = malloc(n);
	w->gg = malloc(n);
	w->fvar = calloc(nk, sizeof(*w->fvar));
	w->sec = calloc(nk, sizeof(*w->sec));
	w->ivar = calloc(a->nitems ? a->nitems : 1, sizeof(*w->ivar));
	w->k = malloc(nk * sizeof(*w->k));
	w->sumv = malloc(nk * sizeof(*w->sumv));
	w->fsum = malloc(nk * sizeof(*w->fsum));
	w->fss = malloc(nk * sizeof(*w->fss));
	w->fn = malloc(nk * sizeof(*w->fn));
	w->fin = malloc(nk * sizeof(*w->fin));
	a->forms = calloc(nk, sizeof(*a->forms));
	if (!w->x || !w->tt || !w->rest || !w->ind || !w->part || !w->mk ||
	    !w->g || !w->gg || !w->fvar || !w->sec || !w->ivar ||
	    !w->k || !w->sumv ||
	    !w->fsum || !w->fss || !w->fn || !w->fin || !a->forms)
		return -1;
	w->gg_item = SIZE_MAX;
	return 0;
}

/* Sort the counted candidates' points and marks by item into xs and ms
 * (one pass over the responses), count blanks and see which items are
 * scored right/wrong only. */
static int gather(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;
	size_t *nk = calloc(gb->keys.nkeys ? gb->keys.nkeys : 1, sizeof(*nk));
	size_t *fill = malloc((a->nitems ? a->nitems : 1) * sizeof(*fill));
	size_t len;
	int ret = -1;

	w->xoff = calloc(a->nitems + 1, sizeof(*w->xoff));
	if (!nk || !fill || !w->xoff)
		goto out;
	for (size_t j = 0; j < a->n; j++)
		nk[a->kidx[j]]++;
	for (size_t ii = 0; ii < a->nitems; ii++) {
		w->xoff[ii + 1] = w->xoff[ii];
		for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
			if (w->kpos[ki][ii] != SIZE_MAX)
				w->xoff[ii + 1] += nk[ki];
		fill[ii] = w->xoff[ii];
	}
	len = w->xoff[a->nitems] ? w->xoff[a->nitems] : 1;
	w->xs = malloc(len * sizeof(*w->xs));
	w->ms = malloc(len * sizeof(*w->ms));
	if (!w->xs || !w->ms)
		goto out;
	for (size_t j = 0; j < a->n; j++) {
		const struct candidate *c = &gb->cands[a->cand[j]];
		const struct key *k = c->key;
		size_t ki = a->kidx[j];

		for (size_t i = 0; i < k->nitems; i++) {
			size_t ii = a->kmap[ki][i];
			struct item_stats *s = &a->items[ii];
			const struct response *rs = &c->resp[i];

			if (w->kpos[ki][ii] != i)	/* id seen before */
				continue;
			s->blank += rs->status == RESP_BLANK;
			s->invalid += rs->status == RESP_INVALID;
			w->xs[fill[ii]] = rs->earned;
			w->ms[fill[ii]++] = marked(&k->items[i], rs);
		}
	}
	ret = 0;
out:
	free(nk);
	free(fill);
	return ret;
}

/* True if items ii and jj (SIZE_MAX: none) are on the same keys, so on
 * the papers of the same candidates. */
static bool same_papers(const struct analysis *a, const struct work *w,
			size_t ii, size_t jj)
{
	if (jj == SIZE_MAX)
		return false;
	for (size_t ki = 0; ki < a->gb->keys.nkeys; ki++)
		if ((w->kpos[ki][ii] == SIZE_MAX) !=
		    (w->kpos[ki][jj] == SIZE_MAX))
			return false;
	return true;
}

/* Statistics of each option of item s over its m candidates (w->x,
 * w->tt, w->mk) with extreme groups grp. */
static void analyse_options(struct item_stats *s, struct work *w, size_t m,
			    const signed char *grp)
{
	for (size_t j = 0; j < m; j++)
		w->rest[j] = w->tt[j] - w->x[j];
	for (unsigned o = 0; o < s->nopt; o++) {
		struct option_stats *op = &s->opt[o];
		size_t up = 0, lo = 0, nup = 0, nlo = 0;

		op->keyed = s->keyed & (UINT32_C(1) << o);
		for (size_t j = 0; j < m; j++) {
			bool on = w->mk[j] & (UINT32_C(1) << o);

			w->ind[j] = on;
			op->n += on;
			if (grp[j] > 0) {
				nup++;
				up += on;
			} else if (grp[j] < 0) {
				nlo++;
				lo += on;
			}
		}
		if (m == 0)
			continue;
		op->share = (double)op->n / (double)m;
		if (nup && nlo) {
			op->upper = (double)up / (double)nup;
			op->lower = (double)lo / (double)nlo;
			op->has_groups = true;
		}
		op->has_rpb = stats_pearson(w->ind, w->rest, m, &op->rpb) == 0;
		if (!op->keyed && is_choice(s->it->type) &&
		    m >= ANALYSIS_MIN_N) {
			op->rare = op->share < ANALYSIS_OPT_RARE;
			/* above the one-sided 5% point of r under no
			 * relation (large-sample SE 1 / sqrt(m - 1)) */
			op->positive = op->has_rpb &&
				       op->n >= ANALYSIS_OPT_CHOSEN &&
				       op->rpb > ANALYSIS_OPT_R &&
				       op->rpb > ANALYSIS_OPT_Z /
						 sqrt((double)(m - 1));
		}
	}
}

/* Analyse item ii over the counted candidates whose paper has it. */
static int analyse_item(struct analysis *a, struct work *w, size_t ii)
{
	struct item_stats *s = &a->items[ii];
	const double *xs = w->xs + w->xoff[ii];
	const uint32_t *ms = w->ms + w->xoff[ii];
	const signed char *grp = w->g;
	size_t m = 0;

	for (size_t j = 0; j < a->n; j++) {
		if (w->kpos[a->kidx[j]][ii] == SIZE_MAX)
			continue;	/* not on this candidate's paper */
		w->x[m] = xs[m];
		w->mk[m] = ms[m];
		w->tt[m] = a->total[j];
		m++;
	}
	s->common = m == a->n && m > 0;
	if (!s->common) {
		if (!same_papers(a, w, ii, w->gg_item) &&
		    stats_groups(w->tt, m, w->gg) < 0)
			return -1;
		w->gg_item = ii;
		grp = w->gg;
	}
	stats_item(w->x, w->tt, grp, m, s->it->points, &s->st);
	analyse_options(s, w, m, grp);
	if (s->common) {
		double ss = 0;

		for (size_t j = 0; j < m; j++)
			ss += (w->x[j] - s->st.mean) * (w->x[j] - s->st.mean);
		w->ivar[ii] = m > 1 ? ss / (double)(m - 1) : 0;
	}
	return 0;
}

/* Item variances per form: w->fvar. */
static int form_items(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;

	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];
		size_t ni = k->nitems ? k->nitems : 1, n = 0;
		double *mean = calloc(ni, sizeof(*mean));

		w->fvar[ki] = calloc(ni, sizeof(**w->fvar));
		if (!mean || !w->fvar[ki]) {
			free(mean);
			return -1;
		}
		for (size_t j = 0; j < a->n; j++) {
			const struct response *rs;

			if (a->kidx[j] != ki)
				continue;
			rs = gb->cands[a->cand[j]].resp;
			for (size_t i = 0; i < k->nitems; i++)
				mean[i] += rs[i].earned;
			n++;
		}
		for (size_t i = 0; i < k->nitems && n; i++)
			mean[i] /= (double)n;
		for (size_t j = 0; j < a->n; j++) {
			const struct response *rs;

			if (a->kidx[j] != ki)
				continue;
			rs = gb->cands[a->cand[j]].resp;
			for (size_t i = 0; i < k->nitems; i++)
				w->fvar[ki][i] += (rs[i].earned - mean[i]) *
						  (rs[i].earned - mean[i]);
		}
		for (size_t i = 0; i < k->nitems; i++)
			w->fvar[ki][i] = n > 1 ? w->fvar[ki][i] /
						 (double)(n - 1) : 0;
		free(mean);
	}
	return 0;
}

/* True if item it is scored right or wrong by its rule (KR-20 is alpha
 * of such items): true/false, single choice, multiple choice under
 * `exact`. */
static bool right_wrong(const struct key_item *it)
{
	return it->type == Q_TRUE_FALSE || it->type == Q_SINGLE ||
	       (it->type == Q_MULTIPLE && it->rule == MC_EXACT);
}

/* A part of the paper whose reliability is wanted. */
enum part_kind { PART_WHOLE, PART_WITHOUT, PART_SECTION };

struct part {
	enum part_kind kind;
	size_t arg;			/* the item left out / section column */
};

/* True if position i of key ki is in part p. */
static bool in_part(const struct analysis *a, const struct work *w,
		    size_t ki, size_t i, const struct part *p)
{
	if (p->kind == PART_WITHOUT)
		return a->kmap[ki][i] != p->arg;
	if (p->kind == PART_SECTION)
		return w->sec[ki][i] == p->arg;
	return true;
}

/* Group of counted candidate j: one group, or one per form. */
static size_t group_of(const struct analysis *a, size_t j, bool one)
{
	return one ? 0 : a->kidx[j];
}

/* Each counted candidate's score on part p into w->part, and per group
 * (one: all candidates, by the questions of the first one's form; else
 * per form) the number of the part's items into w->k and the sum of
 * their variances into w->sumv. */
static void part_prepare(const struct analysis *a, struct work *w,
			 const struct part *p, bool one)
{
	const struct gradebook *gb = a->gb;

	for (size_t j = 0; j < a->n; j++) {
		size_t ki = a->kidx[j];
		const struct response *rs = gb->cands[a->cand[j]].resp;

		w->part[j] = 0;
		for (size_t i = 0; i < gb->keys.keys[ki]->nitems; i++)
			if (in_part(a, w, ki, i, p))
				w->part[j] += rs[i].earned;
	}
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		size_t g = one ? 0 : ki;

		if (one && (a->n == 0 || ki != a->kidx[0]))
			continue;
		w->k[g] = 0;
		w->sumv[g] = 0;
		for (size_t i = 0; i < gb->keys.keys[ki]->nitems; i++)
			if (in_part(a, w, ki, i, p)) {
				w->k[g]++;
				w->sumv[g] += one ? w->ivar[a->kmap[ki][i]] :
						    w->fvar[ki][i];
			}
	}
}

/* Reliability of the part in w (part_prepare) over every counted
 * candidate: each group with alpha defined (k >= 2, score variance > 0)
 * holds true-score sum of squares SS_g alpha_g (SS_g its sum of squared
 * deviations from its own mean), a group without none (nothing is
 * true-score variance without evidence); the reliability is their sum
 * over SS_T, the sum of squares of the part over every counted candidate
 * about their mean (one group: its alpha), so that the differences
 * between the groups' means count as error, and the error variance is
 * (SS_T - true) / (n - 1), so that SEM = sd x sqrt(1 - reliability) for
 * the sd of all of them.  Fills fs (when not NULL) per group; returns 0,
 * or -1 when not defined (no group with alpha).  *sem is NAN when the
 * error is negative. */
static int part_reliability(const struct analysis *a, struct work *w,
			    bool one, struct form_stats *fs, double *rel,
			    double *sem)
{
	size_t ng = one ? 1 : a->gb->keys.nkeys;
	double true_ss = 0, sum = 0, ss = 0, mean, err;
	bool any = false;

	memset(w->fsum, 0, ng * sizeof(*w->fsum));
	memset(w->fss, 0, ng * sizeof(*w->fss));
	memset(w->fn, 0, ng * sizeof(*w->fn));
	for (size_t j = 0; j < a->n; j++) {
		w->fsum[group_of(a, j, one)] += w->part[j];
		w->fn[group_of(a, j, one)]++;
	}
	for (size_t j = 0; j < a->n; j++) {
		size_t g = group_of(a, j, one);
		double d = w->part[j] - w->fsum[g] / (double)w->fn[g];

		w->fss[g] += d * d;
	}
	for (size_t g = 0; g < ng; g++) {
		size_t n = w->fn[g];
		double v = n > 1 ? w->fss[g] / (double)(n - 1) : 0, al = 0;

		w->fin[g] = n > 1 &&
			    stats_alpha(w->sumv[g], w->k[g], v, &al) == 0;
		any = any || w->fin[g];
		true_ss += w->fin[g] ? w->fss[g] * al : 0;
		if (!fs)
			continue;
		fs[g].n = n;
		fs[g].mean = n ? w->fsum[g] / (double)n : 0;
		fs[g].sd = sqrt(v);
		fs[g].has_alpha = w->fin[g];
		fs[g].alpha = al;
		fs[g].has_sem = w->fin[g] && al <= 1;
		fs[g].sem = fs[g].has_sem ? sqrt(v * (1 - al)) : 0;
	}
	if (!any || a->n < 2)
		return -1;
	for (size_t j = 0; j < a->n; j++)
		sum += w->part[j];
	mean = sum / (double)a->n;
	for (size_t j = 0; j < a->n; j++)
		ss += (w->part[j] - mean) * (w->part[j] - mean);
	if (!(ss > 0))
		return -1;
	*rel = true_ss / ss;
	err = (ss - true_ss) / (double)(a->n - 1);
	*sem = err >= 0 ? sqrt(err) : NAN;
	return 0;
}

/* Alpha and SEM per form over its whole paper, and for the whole test:
 * alpha over every candidate when all papers have the same questions,
 * else the forms' pooled. */
static void whole_paper(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;
	struct part whole = { PART_WHOLE, 0 };

	a->kr20 = a->nitems > 0 && a->n > 0;
	a->same_questions = a->n > 0;
	for (size_t ii = 0; ii < a->nitems; ii++) {
		a->kr20 = a->kr20 && right_wrong(a->items[ii].it);
		a->same_questions = a->same_questions && a->items[ii].common;
	}
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];

		a->forms[ki].k = k;
		a->forms[ki].kr20 = k->nitems > 0;
		for (size_t i = 0; i < k->nitems; i++)
			a->forms[ki].kr20 = a->forms[ki].kr20 &&
					    right_wrong(&k->items[i]);
	}
	part_prepare(a, w, &whole, false);
	a->has_alpha = part_reliability(a, w, false, a->forms, &a->alpha,
					&a->sem) == 0;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
		a->forms[ki].kr20 = a->forms[ki].kr20 && a->forms[ki].n > 0;
	if (a->same_questions) {
		part_prepare(a, w, &whole, true);
		a->has_alpha = part_reliability(a, w, true, NULL, &a->alpha,
						&a->sem) == 0;
	}
	a->has_sem = a->has_alpha && !isnan(a->sem);
}

/* The reliability of part p as the whole test's is computed; -1 when
 * not defined. */
static int part_alpha(const struct analysis *a, struct work *w,
		      const struct part *p, double *rel)
{
	double sem;

	part_prepare(a, w, p, a->same_questions);
	return part_reliability(a, w, a->same_questions, NULL, rel, &sem);
}

/* Section column of each position of each key: w->sec. */
static int section_columns(const struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;

	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];

		w->sec[ki] = malloc((k->nitems ? k->nitems : 1) *
				    sizeof(**w->sec));
		if (!w->sec[ki])
			return -1;
		for (size_t i = 0; i < k->nitems; i++)
			w->sec[ki][i] = SIZE_MAX;
		for (size_t s = 0; s < k->nsections; s++) {
			const struct key_section *ks = &k->sections[s];
			size_t col = keyset_section_column(&gb->keys, k, s);

			for (size_t q = 0; q < ks->nitems; q++)
				if (ks->nos[q] >= 1 && ks->nos[q] <= k->nitems)
					w->sec[ki][ks->nos[q] - 1] = col;
		}
	}
	return 0;
}

/* Percentile rank of each counted candidate (stats_percentile_ranks),
 * into a->prank by candidate. */
static int percentile_ranks(struct analysis *a)
{
	double *pr = malloc((a->n ? a->n : 1) * sizeof(*pr));

	if (!pr || stats_percentile_ranks(a->total, a->n, pr) < 0) {
		free(pr);
		return -1;
	}
	for (size_t j = 0; j < a->n; j++)
		a->prank[a->cand[j]] = pr[j];
	free(pr);
	return 0;
}

/* The p a candidate guessing would get on item s (one right answer in
 * nopt), or 0 when guessing has no such share. */
static double chance(const struct item_stats *s)
{
	if (s->it->type == Q_TRUE_FALSE)
		return 0.5;
	if (s->it->type == Q_SINGLE && s->nopt > 1)
		return 1.0 / (double)s->nopt;
	return 0;
}

/* The flags of item s: none on fewer than ANALYSIS_MIN_N candidates,
 * where they would be noise. */
static unsigned item_flags(const struct item_stats *s)
{
	unsigned f = 0;

	if (s->st.n < ANALYSIS_MIN_N)
		return 0;
	if (s->st.p < chance(s))
		f |= ITEM_BELOW_CHANCE;
	if (s->st.p > ANALYSIS_P_EASY)
		f |= ITEM_EASY;
	else if (s->st.p < ANALYSIS_P_HARD)
		f |= ITEM_HARD;
	if (s->st.has_disc && s->st.disc < 0)
		f |= ITEM_NEG_DISC;
	else if (s->st.has_disc && s->st.disc < ANALYSIS_D_POOR)
		f |= ITEM_POOR_DISC;
	if (s->st.has_rpb && s->st.rpb < ANALYSIS_R_LOW)
		f |= ITEM_LOW_R;
	return f;
}

/* True if the counted candidates' scores on item ii differ. */
static bool item_varies(const struct work *w, size_t ii)
{
	for (size_t j = w->xoff[ii] + 1; j < w->xoff[ii + 1]; j++)
		if (w->xs[j] != w->xs[w->xoff[ii]])
			return true;
	return false;
}

/* Free the working arrays. */
static void work_release(struct work *w, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++) {
		if (w->kpos)
			free(w->kpos[i]);
		if (w->fvar)
			free(w->fvar[i]);
		if (w->sec)
			free(w->sec[i]);
	}
	free(w->sec);
	free(w->ivar);
	free(w->kpos);
	free(w->fvar);
	free(w->xs);
	free(w->ms);
	free(w->xoff);
	free(w->x);
	free(w->tt);
	free(w->rest);
	free(w->ind);
	free(w->part);
	free(w->mk);
	free(w->g);
	free(w->gg);
	free(w->k);
	free(w->sumv);
	free(w->fsum);
	free(w->fss);
	free(w->fn);
	free(w->fin);
}

/* Prepare an empty analysis. */
void analysis_init(struct analysis *a)
{
	memset(a, 0, sizeof(*a));
}

/* Analyse gb. */
int analysis_run(struct analysis *a, const struct gradebook *gb)
{
	struct work w;
	size_t nsec = gb->keys.nsection_titles ? gb->keys.nsection_titles : 1;
	int ret = -1;

	memset(&w, 0, sizeof(w));
	a->gb = gb;
	if (build_items(a, &w) < 0 || list_counted(a) < 0 ||
	    work_alloc(a, &w) < 0 || gather(a, &w) < 0 ||
	    stats_groups(a->total, a->n, w.g) < 0 ||
	    stats_describe(a->total, a->n, &a->desc) < 0 ||
	    form_items(a, &w) < 0 || percentile_ranks(a) < 0)
		goto out;
	a->section_alpha = calloc(nsec, sizeof(*a->section_alpha));
	a->has_section_alpha = calloc(nsec, sizeof(*a->has_section_alpha));
	if (!a->section_alpha || !a->has_section_alpha)
		goto out;
	for (size_t ii = 0; ii < a->nitems; ii++) {
		if (analyse_item(a, &w, ii) < 0)
			goto out;
		a->items[ii].flags = item_flags(&a->items[ii]);
	}
	if (section_columns(a, &w) < 0)
		goto out;
	whole_paper(a, &w);
	for (size_t ii = 0; ii < a->nitems; ii++) {
		struct part p = { PART_WITHOUT, ii };
		struct item_stats *s = &a->items[ii];

		s->has_alpha_del = part_alpha(a, &w, &p, &s->alpha_del) == 0;
		/* an item without variance adds nothing to remove */
		s->raises_alpha = s->has_alpha_del && a->has_alpha &&
				  s->st.n >= ANALYSIS_MIN_N &&
				  s->alpha_del - a->alpha >=
				  ANALYSIS_ALPHA_GAIN && item_varies(&w, ii);
	}
	for (size_t sc = 0; sc < gb->keys.nsection_titles; sc++) {
		struct part p = { PART_SECTION, sc };

		a->has_section_alpha[sc] = part_alpha(a, &w, &p,
						      &a->section_alpha[sc]) == 0;
	}
	if (analysis_forms(a) < 0)
		goto out;
	analysis_decision(a);
	ret = 0;
out:
	work_release(&w, gb->keys.nkeys);
	return ret;
}

/* Free what analysis_run allocated. */
void analysis_release(struct analysis *a)
{
	for (size_t i = 0; a->kmap && a->gb && i < a->gb->keys.nkeys; i++)
		free(a->kmap[i]);
	free(a->kmap);
	free(a->items);
	free(a->forms);
	free(a->section_alpha);
	free(a->has_section_alpha);
	free(a->cand);
	free(a->kidx);
	free(a->total);
	free(a->prank);
	free(a->equated_total);
	analysis_init(a);
}
