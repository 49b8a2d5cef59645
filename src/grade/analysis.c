/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis.c - test and item analysis of a gradebook (see analysis.h).
 * Candidates are taken in input order; the working arrays of one run are
 * in a struct work, freed before analysis_run returns. */
#include "grade/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	bool **fdich;			/* fdich[key][position] */
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

/* Index of key k in gb->keys, or SIZE_MAX. */
static size_t key_index(const struct gradebook *gb, const struct key *k)
{
	for (size_t i = 0; k && i < gb->nkeys; i++)
		if (gb->keys[i] == k)
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
	size_t cap = 0, nk = gb->nkeys ? gb->nkeys : 1;

	a->kmap = calloc(nk, sizeof(*a->kmap));
	w->kpos = calloc(nk, sizeof(*w->kpos));
	for (size_t ki = 0; ki < gb->nkeys; ki++)
		cap += gb->keys[ki]->nitems;
	a->items = calloc(cap ? cap : 1, sizeof(*a->items));
	if (!a->kmap || !w->kpos || !a->items)
		return -1;
	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		const struct key *k = gb->keys[ki];

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
				s->dich = true;
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
	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		w->kpos[ki] = malloc((a->nitems ? a->nitems : 1) *
				     sizeof(**w->kpos));
		if (!w->kpos[ki])
			return -1;
		for (size_t j = 0; j < a->nitems; j++)
			w->kpos[ki][j] = SIZE_MAX;
		for (size_t i = gb->keys[ki]->nitems; i-- > 0;)
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
	size_t n = a->n ? a->n : 1, nk = a->gb->nkeys ? a->gb->nkeys : 1;

	w->x = malloc(n * sizeof(*w->x));
	w->tt = malloc(n * sizeof(*w->tt));
	w->rest = malloc(n * sizeof(*w->rest));
	w->ind = malloc(n * sizeof(*w->ind));
	w->part = malloc(n * sizeof(*w->part));
	w->mk = malloc(n * sizeof(*w->mk));
	w->g = malloc(n);
	w->gg = malloc(n);
	w->fvar = calloc(nk, sizeof(*w->fvar));
	w->fdich = calloc(nk, sizeof(*w->fdich));
	w->k = malloc(nk * sizeof(*w->k));
	w->sumv = malloc(nk * sizeof(*w->sumv));
	w->fsum = malloc(nk * sizeof(*w->fsum));
	w->fss = malloc(nk * sizeof(*w->fss));
	w->fn = malloc(nk * sizeof(*w->fn));
	w->fin = malloc(nk * sizeof(*w->fin));
	a->forms = calloc(nk, sizeof(*a->forms));
	if (!w->x || !w->tt || !w->rest || !w->ind || !w->part || !w->mk ||
	    !w->g || !w->gg || !w->fvar || !w->fdich || !w->k || !w->sumv ||
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
	size_t *nk = calloc(gb->nkeys ? gb->nkeys : 1, sizeof(*nk));
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
		for (size_t ki = 0; ki < gb->nkeys; ki++)
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
			if (rs->earned != 0 && rs->earned != k->items[i].points)
				s->dich = false;
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
	for (size_t ki = 0; ki < a->gb->nkeys; ki++)
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
		if (!op->keyed && is_choice(s->it->type)) {
			op->rare = op->share < ANALYSIS_OPT_RARE;
			op->positive = op->has_rpb && op->rpb > 0;
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
	return 0;
}

/* Item variances and right/wrong scoring per form: w->fvar, w->fdich. */
static int form_items(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;

	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		const struct key *k = gb->keys[ki];
		size_t ni = k->nitems ? k->nitems : 1, n = 0;
		double *mean = calloc(ni, sizeof(*mean));

		w->fvar[ki] = calloc(ni, sizeof(**w->fvar));
		w->fdich[ki] = malloc(ni * sizeof(**w->fdich));
		if (!mean || !w->fvar[ki] || !w->fdich[ki]) {
			free(mean);
			return -1;
		}
		for (size_t i = 0; i < k->nitems; i++)
			w->fdich[ki][i] = true;
		for (size_t j = 0; j < a->n; j++) {
			const struct response *rs;

			if (a->kidx[j] != ki)
				continue;
			rs = gb->cands[a->cand[j]].resp;
			for (size_t i = 0; i < k->nitems; i++) {
				mean[i] += rs[i].earned;
				if (rs[i].earned != 0 &&
				    rs[i].earned != k->items[i].points)
					w->fdich[ki][i] = false;
			}
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

/* Reliability of a part of the paper: w->part[j] is counted candidate
 * j's score on it, w->k[f] and w->sumv[f] the number of its items on
 * form f and their variances summed.  Each form with alpha defined
 * (k >= 2, score variance > 0) gives alpha_f and error variance
 * V_f (1 - alpha_f); those are pooled with weights n_f - 1, and the
 * reliability is 1 - pooled error / variance of the part over the same
 * candidates.  Fills fs (when not NULL) per form; returns 0, or -1 when
 * not defined.  *sem is NAN when the pooled error is negative. */
static int part_reliability(const struct analysis *a, struct work *w,
			    struct form_stats *fs, double *rel, double *sem)
{
	size_t nk = a->gb->nkeys, nall = 0;
	double err = 0, df = 0, sum = 0, ss = 0, mean, var;

	memset(w->fsum, 0, nk * sizeof(*w->fsum));
	memset(w->fss, 0, nk * sizeof(*w->fss));
	memset(w->fn, 0, nk * sizeof(*w->fn));
	for (size_t j = 0; j < a->n; j++) {
		w->fsum[a->kidx[j]] += w->part[j];
		w->fn[a->kidx[j]]++;
	}
	for (size_t j = 0; j < a->n; j++) {
		size_t f = a->kidx[j];
		double d = w->part[j] - w->fsum[f] / (double)w->fn[f];

		w->fss[f] += d * d;
	}
	for (size_t f = 0; f < nk; f++) {
		size_t n = w->fn[f];
		double v = n > 1 ? w->fss[f] / (double)(n - 1) : 0, al = 0;

		w->fin[f] = n > 1 &&
			    stats_alpha(w->sumv[f], w->k[f], v, &al) == 0;
		if (w->fin[f]) {
			err += w->fss[f] * (1 - al);
			df += (double)(n - 1);
		}
		if (!fs)
			continue;
		fs[f].n = n;
		fs[f].mean = n ? w->fsum[f] / (double)n : 0;
		fs[f].sd = sqrt(v);
		fs[f].has_alpha = w->fin[f];
		fs[f].alpha = al;
		fs[f].has_sem = w->fin[f] && al <= 1;
		fs[f].sem = fs[f].has_sem ? sqrt(v * (1 - al)) : 0;
	}
	if (df <= 0)
		return -1;
	for (size_t j = 0; j < a->n; j++)
		if (w->fin[a->kidx[j]]) {
			sum += w->part[j];
			nall++;
		}
	mean = sum / (double)nall;
	for (size_t j = 0; j < a->n; j++)
		if (w->fin[a->kidx[j]])
			ss += (w->part[j] - mean) * (w->part[j] - mean);
	var = ss / (double)(nall - 1);
	if (!(var > 0))
		return -1;
	err /= df;
	*rel = 1 - err / var;
	*sem = err >= 0 ? sqrt(err) : NAN;
	return 0;
}

/* Alpha and SEM per form and pooled, over the whole paper. */
static void whole_paper(struct analysis *a, struct work *w)
{
	const struct gradebook *gb = a->gb;

	a->kr20 = a->nitems > 0;
	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		const struct key *k = gb->keys[ki];

		w->k[ki] = k->nitems;
		w->sumv[ki] = 0;
		a->forms[ki].k = k;
		a->forms[ki].kr20 = k->nitems > 0;
		for (size_t i = 0; i < k->nitems; i++) {
			w->sumv[ki] += w->fvar[ki][i];
			a->forms[ki].kr20 = a->forms[ki].kr20 &&
					    w->fdich[ki][i];
		}
	}
	for (size_t ii = 0; ii < a->nitems; ii++)
		a->kr20 = a->kr20 && a->items[ii].dich;
	memcpy(w->part, a->total, a->n * sizeof(*w->part));
	a->has_alpha = part_reliability(a, w, a->forms, &a->alpha,
					&a->sem) == 0;
	a->has_sem = a->has_alpha && !isnan(a->sem);
}

/* Reliability of the whole paper without item ii, on every form. */
static void alpha_deleted(struct analysis *a, struct work *w, size_t ii)
{
	const struct gradebook *gb = a->gb;
	struct item_stats *s = &a->items[ii];
	double sem;

	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		size_t p = w->kpos[ki][ii];

		w->k[ki] = gb->keys[ki]->nitems;
		w->sumv[ki] = 0;
		for (size_t i = 0; i < gb->keys[ki]->nitems; i++)
			if (i != p)
				w->sumv[ki] += w->fvar[ki][i];
		w->k[ki] -= p != SIZE_MAX;
	}
	for (size_t j = 0; j < a->n; j++) {
		size_t p = w->kpos[a->kidx[j]][ii];

		w->part[j] = a->total[j] -
			     (p == SIZE_MAX ? 0 :
			      gb->cands[a->cand[j]].resp[p].earned);
	}
	s->has_alpha_del = part_reliability(a, w, NULL, &s->alpha_del,
					    &sem) == 0;
}

/* Reliability of section column sc (items of the sections so titled). */
static void section_alpha(struct analysis *a, struct work *w, size_t sc)
{
	const struct gradebook *gb = a->gb;
	double sem;

	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		const struct key *k = gb->keys[ki];

		w->k[ki] = 0;
		w->sumv[ki] = 0;
		for (size_t s = 0; s < k->nsections; s++) {
			const struct key_section *ks = &k->sections[s];

			if (gradebook_section_column(gb, k, s) != sc)
				continue;
			for (size_t q = 0; q < ks->nitems; q++)
				if (ks->nos[q] >= 1 && ks->nos[q] <= k->nitems) {
					w->k[ki]++;
					w->sumv[ki] += w->fvar[ki]
							      [ks->nos[q] - 1];
				}
		}
	}
	for (size_t j = 0; j < a->n; j++) {
		const struct candidate *c = &gb->cands[a->cand[j]];
		const struct key *k = c->key;

		w->part[j] = 0;
		for (size_t s = 0; s < k->nsections; s++) {
			const struct key_section *ks = &k->sections[s];

			if (gradebook_section_column(gb, k, s) != sc)
				continue;
			for (size_t q = 0; q < ks->nitems; q++)
				if (ks->nos[q] >= 1 && ks->nos[q] <= k->nitems)
					w->part[j] +=
						c->resp[ks->nos[q] - 1].earned;
		}
	}
	a->has_section_alpha[sc] = part_reliability(a, w, NULL,
						    &a->section_alpha[sc],
						    &sem) == 0;
}

/* qsort order of doubles, ascending. */
static int cmp_double(const void *x, const void *y)
{
	double u = *(const double *)x, v = *(const double *)y;

	return (u > v) - (u < v);
}

/* Percentile rank of each counted candidate: 100 (below + equal / 2) / n
 * over the counted totals. */
static int percentile_ranks(struct analysis *a)
{
	double *v = malloc((a->n ? a->n : 1) * sizeof(*v));

	if (!v)
		return -1;
	memcpy(v, a->total, a->n * sizeof(*v));
	qsort(v, a->n, sizeof(*v), cmp_double);
	for (size_t j = 0; j < a->n; j++) {
		size_t lo = 0, hi = a->n, below, upto;

		while (lo < hi) {	/* first >= total */
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid] < a->total[j])
				lo = mid + 1;
			else
				hi = mid;
		}
		below = lo;
		hi = a->n;
		while (lo < hi) {	/* first > total */
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid] <= a->total[j])
				lo = mid + 1;
			else
				hi = mid;
		}
		upto = lo;
		a->prank[a->cand[j]] = 100 * ((double)below +
					      (double)(upto - below) / 2) /
				       (double)a->n;
	}
	free(v);
	return 0;
}

/* The flags of item s. */
static unsigned item_flags(const struct item_stats *s)
{
	unsigned f = 0;

	if (s->st.n == 0)
		return 0;
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

/* Free the working arrays. */
static void work_release(struct work *w, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++) {
		if (w->kpos)
			free(w->kpos[i]);
		if (w->fvar)
			free(w->fvar[i]);
		if (w->fdich)
			free(w->fdich[i]);
	}
	free(w->kpos);
	free(w->fvar);
	free(w->fdich);
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
	size_t nsec = gb->nsection_titles ? gb->nsection_titles : 1;
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
	whole_paper(a, &w);
	for (size_t ii = 0; ii < a->nitems; ii++)
		alpha_deleted(a, &w, ii);
	for (size_t sc = 0; sc < gb->nsection_titles; sc++)
		section_alpha(a, &w, sc);
	ret = 0;
out:
	work_release(&w, gb->nkeys);
	return ret;
}

/* Free what analysis_run allocated. */
void analysis_release(struct analysis *a)
{
	for (size_t i = 0; a->kmap && a->gb && i < a->gb->nkeys; i++)
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
	analysis_init(a);
}
