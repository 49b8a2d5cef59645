/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-stats.c - the Items sheet (classical item analysis per question
 * id, aggregated over forms) and the Statistics sheet (test statistics as
 * live formulas over the Summary, reliability, charts).  Numbers come from
 * stats.c; the arrays here are malloc'd per report and freed before
 * returning. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-stats.h"
#include "report/stats.h"

#define NBANDS 10
#define P_EASY 0.9
#define P_HARD 0.2
#define DISC_POOR 0.2

/* One question id over every form it appears on. */
struct agg {
	const struct key_item *it;	/* as on the first form seen */
	const struct key *k;
	bool same_no;			/* same number on every form */
	uint32_t keyed;			/* bank letters; tf: bit 0 true, 1 false */
	size_t counts[MAX_OPTIONS], blank, invalid;
	struct stats_item st;
	bool common;			/* on every scored candidate's paper */
	bool dich;			/* every score 0 or full points */
	double var;			/* sample variance of the item score */
};

/* Item analysis of a whole report. */
struct analysis {
	struct agg *aggs;
	size_t naggs;
	size_t **kmap;			/* kmap[key][item] = agg index */
	size_t **kpos;			/* kpos[key][agg] = its first item
					 * on that key, or SIZE_MAX */
	size_t *kidx;			/* key of each scored candidate,
					 * input order */
	size_t nsc;
	double *xs;			/* points earned, by agg: agg i's
					 * from xs[xoff[i]], candidate order */
	size_t *xoff;
	size_t gg_agg;			/* gg holds the groups of the
					 * candidates of this agg */
	double *t, *x, *tt, *sumc, *vars;
	signed char *g, *gg;
	double alpha;
	bool has_alpha, kr20;
	size_t kcommon;
	unsigned maxopt;
	bool any_tf;
};

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

/* True for choice items (options counted by letter). */
static bool is_choice(enum qtype t)
{
	return t == Q_SINGLE || t == Q_MULTIPLE;
}

/* Group every key item by id (and type and points): kmap and aggs. */
static int build_aggs(struct rpt *r, struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	size_t cap = 0;

	a->kmap = calloc(gb->nkeys ? gb->nkeys : 1, sizeof(*a->kmap));
	if (!a->kmap)
		return -1;
	for (size_t ki = 0; ki < gb->nkeys; ki++)
		cap += gb->keys[ki]->nitems;
	a->aggs = calloc(cap ? cap : 1, sizeof(*a->aggs));
	if (!a->aggs)
		return -1;
	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		const struct key *k = gb->keys[ki];

		a->kmap[ki] = calloc(k->nitems ? k->nitems : 1,
				     sizeof(**a->kmap));
		if (!a->kmap[ki])
			return -1;
		for (size_t i = 0; i < k->nitems; i++) {
			const struct key_item *it = &k->items[i];
			size_t j;

			for (j = 0; j < a->naggs; j++)
				if (!strcmp(a->aggs[j].it->id, it->id) &&
				    a->aggs[j].it->type == it->type &&
				    a->aggs[j].it->points == it->points)
					break;
			if (j == a->naggs) {
				a->aggs[j].it = it;
				a->aggs[j].k = k;
				a->aggs[j].same_no = true;
				if (it->type == Q_TRUE_FALSE)
					a->aggs[j].keyed = it->answer_tf ? 1 : 2;
				else if (is_choice(it->type))
					a->aggs[j].keyed = to_bank(it,
								   it->answer);
				a->naggs++;
			} else if (a->aggs[j].it->no != it->no) {
				a->aggs[j].same_no = false;
			}
			a->kmap[ki][i] = j;
			if (is_choice(it->type) && it->noptions > a->maxopt)
				a->maxopt = it->noptions;
			if (it->type == Q_TRUE_FALSE)
				a->any_tf = true;
		}
	}
	a->kpos = calloc(gb->nkeys ? gb->nkeys : 1, sizeof(*a->kpos));
	if (!a->kpos)
		return -1;
	for (size_t ki = 0; ki < gb->nkeys; ki++) {
		a->kpos[ki] = malloc((a->naggs ? a->naggs : 1) *
				     sizeof(**a->kpos));
		if (!a->kpos[ki])
			return -1;
		for (size_t j = 0; j < a->naggs; j++)
			a->kpos[ki][j] = SIZE_MAX;
		for (size_t i = gb->keys[ki]->nitems; i-- > 0;)
			a->kpos[ki][a->kmap[ki][i]] = i;
	}
	if (a->any_tf && a->maxopt < 2)
		a->maxopt = 2;
	if (a->maxopt > MAX_OPTIONS)
		a->maxopt = MAX_OPTIONS;
	return 0;
}

/* Count one response into an item's option counts. */
static void count_option(struct agg *g, const struct key_item *it,
			 const struct response *rs)
{
	if (rs->status == RESP_BLANK) {
		g->blank++;
		return;
	}
	if (rs->status == RESP_INVALID) {
		g->invalid++;
		return;
	}
	if (rs->status != RESP_OK)
		return;
	if (it->type == Q_TRUE_FALSE) {
		g->counts[rs->mask & 1 ? 0 : 1]++;
	} else if (is_choice(it->type)) {
		uint32_t m = to_bank(it, rs->mask);

		for (unsigned i = 0; i < MAX_OPTIONS; i++)
			if (m & (UINT32_C(1) << i))
				g->counts[i]++;
	}
}

/* Sample variance of x[0..n). */
static double sample_var(const double *x, size_t n)
{
	double m = 0, ss = 0;

	if (n < 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		m += x[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	return ss / (double)(n - 1);
}

/* True if aggs ai and aj (SIZE_MAX: none) are on the same keys, so on
 * the papers of the same candidates. */
static bool same_papers(const struct analysis *a, size_t nkeys, size_t ai,
			size_t aj)
{
	if (aj == SIZE_MAX)
		return false;
	for (size_t ki = 0; ki < nkeys; ki++)
		if ((a->kpos[ki][ai] == SIZE_MAX) !=
		    (a->kpos[ki][aj] == SIZE_MAX))
			return false;
	return true;
}

/* Sort the scored candidates' points by agg into xs (one pass over the
 * responses, instead of one per agg), count the options chosen and see
 * which aggs are scored right/wrong only. */
static int gather(struct rpt *r, struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	size_t *nk = calloc(gb->nkeys ? gb->nkeys : 1, sizeof(*nk));
	size_t *fill = NULL, j = 0;
	int ret = -1;

	a->xoff = calloc(a->naggs + 1, sizeof(*a->xoff));
	fill = malloc((a->naggs ? a->naggs : 1) * sizeof(*fill));
	if (!nk || !a->xoff || !fill)
		goto out;
	for (size_t i = 0; i < a->nsc; i++)
		nk[a->kidx[i]]++;
	for (size_t ai = 0; ai < a->naggs; ai++) {
		a->xoff[ai + 1] = a->xoff[ai];
		for (size_t ki = 0; ki < gb->nkeys; ki++)
			if (a->kpos[ki][ai] != SIZE_MAX)
				a->xoff[ai + 1] += nk[ki];
		fill[ai] = a->xoff[ai];
		a->aggs[ai].dich = true;
	}
	a->xs = malloc((a->xoff[a->naggs] ? a->xoff[a->naggs] : 1) *
		       sizeof(*a->xs));
	if (!a->xs)
		goto out;
	for (size_t ci = 0; ci < gb->ncands && j < a->nsc; ci++) {
		const struct candidate *c = &gb->cands[ci];
		size_t ki = a->kidx[j];
		const struct key *k = gb->keys[ki];

		if (rpt_key_index(gb, c->key) == SIZE_MAX || !rpt_counted(c))
			continue;	/* not scored, or pending */
		for (size_t i = 0; i < k->nitems; i++) {
			size_t ai = a->kmap[ki][i];
			const struct key_item *it = &k->items[i];
			double e = c->resp[i].earned;

			if (a->kpos[ki][ai] != i)	/* id seen before */
				continue;
			if (e != 0 && e != it->points)
				a->aggs[ai].dich = false;
			a->xs[fill[ai]++] = c->resp[i].earned;
			count_option(&a->aggs[ai], it, &c->resp[i]);
		}
		j++;
	}
	ret = 0;
out:
	free(nk);
	free(fill);
	return ret;
}

/* Analyse one item over the scored candidates whose paper has it. */
static int analyse_item(struct rpt *r, struct analysis *a, size_t ai)
{
	const struct gradebook *gb = r->gb;
	struct agg *g = &a->aggs[ai];
	const double *xs = a->xs + a->xoff[ai];
	size_t m = 0;
	const signed char *grp;

	for (size_t j = 0; j < a->nsc; j++) {
		if (a->kpos[a->kidx[j]][ai] == SIZE_MAX)
			continue;	/* not on this candidate's paper */
		a->x[m] = xs[m];
		a->tt[m] = a->t[j];
		m++;
	}
	g->common = m == a->nsc && m > 0;
	grp = a->g;
	if (!g->common) {
		if (!same_papers(a, gb->nkeys, ai, a->gg_agg) &&
		    stats_groups(a->tt, m, a->gg) < 0)
			return -1;
		a->gg_agg = ai;
		grp = a->gg;
	}
	stats_item(a->x, a->tt, grp, m, g->it->points, &g->st);
	if (g->common) {
		g->var = sample_var(a->x, m);
		for (size_t j = 0; j < m; j++)
			a->sumc[j] += a->x[j];
	}
	return 0;
}

/* Item statistics for every id and alpha over the common items. */
static int analyse(struct rpt *r, struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	size_t n = r->nscored ? r->nscored : 1;

	if (build_aggs(r, a) < 0)
		return -1;
	a->kidx = malloc(n * sizeof(*a->kidx));
	a->t = malloc(n * sizeof(*a->t));
	a->x = malloc(n * sizeof(*a->x));
	a->tt = malloc(n * sizeof(*a->tt));
	a->sumc = calloc(n, sizeof(*a->sumc));
	a->g = malloc(n);
	a->gg = malloc(n);
	a->vars = malloc((a->naggs ? a->naggs : 1) * sizeof(*a->vars));
	if (!a->kidx || !a->t || !a->x || !a->tt || !a->sumc || !a->g ||
	    !a->gg || !a->vars)
		return -1;
	a->gg_agg = SIZE_MAX;
	for (size_t i = 0; i < gb->ncands; i++) {
		size_t ki = rpt_key_index(gb, gb->cands[i].key);

		if (ki == SIZE_MAX || !rpt_counted(&gb->cands[i]))
			continue;
		a->kidx[a->nsc] = ki;
		a->t[a->nsc] = r->total[i];
		a->nsc++;
	}
	if (gather(r, a) < 0 || stats_groups(a->t, a->nsc, a->g) < 0)
		return -1;
	a->kr20 = true;
	for (size_t ai = 0; ai < a->naggs; ai++) {
		if (analyse_item(r, a, ai) < 0)
			return -1;
		if (a->aggs[ai].common) {
			a->vars[a->kcommon++] = a->aggs[ai].var;
			a->kr20 = a->kr20 && a->aggs[ai].dich;
		}
	}
	a->has_alpha = stats_alpha(a->vars, a->kcommon,
				   sample_var(a->sumc, a->nsc), &a->alpha) == 0;
	return 0;
}

/* Free an analysis. */
static void analysis_release(struct analysis *a, size_t nkeys)
{
	for (size_t i = 0; a->kmap && i < nkeys; i++)
		free(a->kmap[i]);
	free(a->kmap);
	for (size_t i = 0; a->kpos && i < nkeys; i++)
		free(a->kpos[i]);
	free(a->kpos);
	free(a->aggs);
	free(a->kidx);
	free(a->xs);
	free(a->xoff);
	free(a->t);
	free(a->x);
	free(a->tt);
	free(a->sumc);
	free(a->g);
	free(a->gg);
	free(a->vars);
}

/* Append "; " (unless first), a, the letter c (unless 0) and b to buf. */
static void add_flag(char *buf, size_t len, size_t *used, const char *a,
		     char c, const char *b)
{
	int n = snprintf(buf + *used, len - *used, "%s%s%.*s%s",
			 *used ? "; " : "", a, c ? 1 : 0, &c, b);

	if (n > 0 && (size_t)n < len - *used)
		*used += (size_t)n;
}

/* Flags of an item ("; "-separated) into buf. */
static void item_flags(const struct rpt_labels *L, const struct agg *g,
		       unsigned maxopt, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	if (g->st.n == 0)
		return;
	if (g->st.p > P_EASY)
		add_flag(buf, len, &used, L->too_easy, 0, "");
	else if (g->st.p < P_HARD)
		add_flag(buf, len, &used, L->too_hard, 0, "");
	if (g->st.has_disc && g->st.disc < 0)
		add_flag(buf, len, &used, L->neg_disc, 0, "");
	else if (g->st.has_disc && g->st.disc < DISC_POOR)
		add_flag(buf, len, &used, L->poor_disc, 0, "");
	if (is_choice(g->it->type))
		for (unsigned i = 0; i < g->it->noptions && i < maxopt; i++)
			if (!(g->keyed & (UINT32_C(1) << i)) &&
			    g->counts[i] == 0)
				add_flag(buf, len, &used, L->unused,
					 (char)('A' + i), L->unused_post);
}

/* Number cell of an item statistic, or nothing when not defined. */
static void stat_cell(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		      lxw_col_t col, int defined, double v, bool bad)
{
	if (defined)
		rpt_num(r, s, row, col, v, bad ? r->badratio : r->ratio);
}

/* One row of the Items sheet. */
static void item_row(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		     const struct analysis *a, const struct agg *g)
{
	const struct rpt_labels *L = r->L;
	const struct key_item *it = g->it;
	lxw_col_t oc = 10, bc = (lxw_col_t)(oc + a->maxopt);
	char buf[512];
	size_t used = 0;

	if (g->same_no) {
		rpt_num(r, s, row, 0, it->no, r->center);
	} else {
		for (size_t ki = 0; ki < r->gb->nkeys; ki++) {
			const struct key *k = r->gb->keys[ki];

			for (size_t i = 0; i < k->nitems; i++) {
				int n;

				if (&a->aggs[a->kmap[ki][i]] != g)
					continue;
				n = snprintf(buf + used, sizeof(buf) - used,
					     "%s%s:%u", used ? " " : "",
					     k->form, k->items[i].no);
				if (n > 0 && (size_t)n < sizeof(buf) - used)
					used += (size_t)n;
			}
		}
		rpt_str(r, s, row, 0, buf, r->center);
	}
	rpt_str(r, s, row, 1, it->id, NULL);
	rpt_str(r, s, row, 2, it->type < Q_NTYPES ? L->types[it->type] : "",
		NULL);
	rpt_num(r, s, row, 3, it->points, NULL);
	rpt_num(r, s, row, 4, (double)g->st.n, NULL);
	if (g->st.n > 0) {
		rpt_num(r, s, row, 5, g->st.mean, r->ratio);
		stat_cell(r, s, row, 6, 1, g->st.p,
			  g->st.p > P_EASY || g->st.p < P_HARD);
	}
	stat_cell(r, s, row, 7, g->st.has_disc, g->st.disc,
		  g->st.disc < DISC_POOR);
	stat_cell(r, s, row, 8, g->st.has_rpb, g->st.rpb, g->st.rpb < 0);
	used = 0;
	buf[0] = 0;
	if (it->type == Q_TRUE_FALSE) {
		snprintf(buf, sizeof(buf), "%s",
			 it->answer_tf ? L->tf_true : L->tf_false);
	} else if (is_choice(it->type)) {
		for (unsigned i = 0; i < MAX_OPTIONS; i++)
			if (g->keyed & (UINT32_C(1) << i))
				buf[used++] = (char)('A' + i);
		buf[used] = 0;
	}
	rpt_str(r, s, row, 9, buf, r->center);
	if (it->type == Q_TRUE_FALSE || is_choice(it->type)) {
		unsigned nopt = it->type == Q_TRUE_FALSE ? 2 : it->noptions;

		for (unsigned i = 0; i < nopt && i < a->maxopt; i++)
			rpt_num(r, s, row, (lxw_col_t)(oc + i),
				(double)g->counts[i],
				g->keyed & (UINT32_C(1) << i) ? r->keyed
							       : NULL);
	}
	rpt_num(r, s, row, bc, (double)g->blank, NULL);
	rpt_num(r, s, row, (lxw_col_t)(bc + 1), (double)g->invalid, NULL);
	item_flags(L, g, a->maxopt, buf, sizeof(buf));
	rpt_str(r, s, row, (lxw_col_t)(bc + 2), buf, r->flag);
}

/* The Items sheet: one row per question id. */
static int write_items(struct rpt *r, const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	size_t ncols = 13 + a->maxopt;
	const char **hdr = calloc(ncols, sizeof(*hdr));
	char (*letters)[2] = calloc(MAX_OPTIONS, sizeof(*letters));
	struct rpt_sheet s = { NULL, NULL, 0 };
	int ret = -1;

	if (!hdr || !letters) {
		r->oom = 1;
		goto out;
	}
	if (rpt_sheet_add(r, &s, "Items", ncols) < 0)
		goto out;
	hdr[0] = L->no;
	hdr[1] = L->qid;
	hdr[2] = L->type;
	hdr[3] = L->points;
	hdr[4] = L->n;
	hdr[5] = L->mean;
	hdr[6] = L->p;
	hdr[7] = L->disc;
	hdr[8] = L->rpb;
	hdr[9] = L->key;
	for (unsigned i = 0; i < a->maxopt; i++) {
		letters[i][0] = (char)('A' + i);
		hdr[10 + i] = letters[i];
	}
	if (a->any_tf) {
		hdr[10] = L->opt_t;
		hdr[11] = L->opt_f;
	}
	hdr[10 + a->maxopt] = L->blank;
	hdr[11 + a->maxopt] = L->invalid;
	hdr[12 + a->maxopt] = L->flags;
	rpt_header(r, &s, hdr, ncols);
	for (size_t i = 0; i < a->naggs && !r->err && !r->oom; i++)
		item_row(r, &s, (lxw_row_t)(i + 1), a, &a->aggs[i]);
	worksheet_freeze_panes(s.ws, 1, 2);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0, (lxw_row_t)a->naggs,
					  (lxw_col_t)(ncols - 1)));
	ret = r->err || r->oom ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	free(hdr);
	free(letters);
	return ret;
}

/* Absolute range of Summary column col over every candidate row. */
static void summary_range(const struct rpt *r, lxw_col_t col, char *buf,
			  size_t len)
{
	char a[LXW_MAX_CELL_NAME_LENGTH], z[LXW_MAX_CELL_NAME_LENGTH];
	size_t n = r->gb->ncands ? r->gb->ncands : 1;

	lxw_rowcol_to_cell_abs(a, 1, col, 1, 1);
	lxw_rowcol_to_cell_abs(z, (lxw_row_t)n, col, 1, 1);
	snprintf(buf, len, "Summary!%s:%s", a, z);
}

/* A labelled statistic as an array formula FN over the Summary range rng
 * of the sheets not pending, with its cached value, or blank when not
 * defined. */
static void stat_formula(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			 const char *label, const char *fn, const char *rng,
			 bool defined, double v, lxw_format *f)
{
	char fm[320], res[96];

	rpt_str(r, s, row, 0, label, NULL);
	if (!defined)
		return;
	summary_range(r, (lxw_col_t)(r->sum_total_col + 2), res, sizeof(res));
	snprintf(fm, sizeof(fm), "{=%s(IF(%s<>\"%s\",%s))}", fn, res,
		 r->L->pending, rng);
	rpt_check(r, worksheet_write_array_formula_num(s->ws, row, 1, row, 1,
						       fm, f, v));
}

/* Add a column chart of Statistics!A[r1..r2] / vcol[r1..r2] at (row,
 * col). */
static void add_chart(struct rpt *r, struct rpt_sheet *s, lxw_row_t r1,
		      lxw_row_t r2, lxw_col_t vcol, const char *title,
		      const char *xname, const char *yname, lxw_row_t row,
		      lxw_col_t col)
{
	lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
	lxw_chart_series *se;
	lxw_chart_options opt = { .x_scale = 1.25, .y_scale = 1.1 };
	lxw_chart_fill fill = { .color = 0x4472C4 };

	if (!ch || !(se = chart_add_series(ch, NULL, NULL))) {
		rpt_check(r, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	chart_series_set_categories(se, "Statistics", r1, 0, r2, 0);
	chart_series_set_values(se, "Statistics", r1, vcol, r2, vcol);
	chart_series_set_fill(se, &fill);
	chart_series_set_labels(se);
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->x_axis, xname);
	chart_axis_set_name(ch->y_axis, yname);
	chart_axis_set_min(ch->y_axis, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_set_series_gap(ch, 20);
	rpt_check(r, worksheet_insert_chart_opt(s->ws, row, col, ch, &opt));
}

/* The Statistics block of per-section means; returns the next row. */
static lxw_row_t section_block(struct rpt *r, struct rpt_sheet *s,
			       lxw_row_t row)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	lxw_row_t first = row + 1;
	char rng[96], fm[64];

	rpt_str(r, s, row, 0, L->section, r->hdr);
	rpt_str(r, s, row, 1, L->section_mean, r->hdr);
	rpt_str(r, s, row, 2, L->section_points, r->hdr);
	rpt_str(r, s, row, 3, L->section_pct, r->hdr);
	for (size_t j = 0; j < gb->nsection_titles; j++) {
		double sum = 0, pts = 0;
		size_t n = 0;

		row = (lxw_row_t)(first + j);
		for (size_t i = 0; i < gb->ncands; i++) {
			const struct candidate *c = &gb->cands[i];

			if (!rpt_counted(c))
				continue;
			for (size_t k = 0; c->key && k < c->key->nsections;
			     k++) {
				const struct key_section *ks =
					&c->key->sections[k];

				if (gradebook_section_column(gb, c->key, k) !=
				    j)
					continue;
				for (size_t q = 0; q < ks->nitems; q++)
					if (ks->nos[q] >= 1 &&
					    ks->nos[q] <= c->key->nitems)
						sum += c->resp[ks->nos[q] - 1]
							       .earned;
				n++;
				if (ks->points > pts)
					pts = ks->points;
			}
		}
		summary_range(r, RPT_SUM_SECTION(j), rng, sizeof(rng));
		stat_formula(r, s, row, gb->section_titles[j], "AVERAGE", rng,
			     n > 0, n ? sum / (double)n : 0, r->score);
		rpt_num(r, s, row, 2, pts, NULL);
		/* charted: sections of different maxima compare as percent */
		snprintf(fm, sizeof(fm), "=IF(C%u>0,B%u/C%u,0)", row + 1,
			 row + 1, row + 1);
		rpt_fnum(r, s, row, 3, fm, r->pct,
			 n && pts > 0 ? sum / (double)n / pts : 0);
	}
	if (gb->nsection_titles > 0)
		add_chart(r, s, first,
			  (lxw_row_t)(first + gb->nsection_titles - 1), 3,
			  L->chart_sections, L->section, L->section_mean, 18, 4);
	return (lxw_row_t)(first + gb->nsection_titles + 1);
}

/* The score distribution block: NBANDS bands over 0..paper total. */
static void band_block(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		       const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	double w = r->paper_total / NBANDS;
	char rng[96], res[96], fm[400], label[64];

	summary_range(r, (lxw_col_t)(r->sum_total_col + 2), res, sizeof(res));
	rpt_str(r, s, row, 0, L->band, r->hdr);
	rpt_str(r, s, row, 1, L->candidates, r->hdr);
	if (!(w > 0))
		return;
	summary_range(r, r->sum_total_col, rng, sizeof(rng));
	for (unsigned b = 0; b < NBANDS; b++) {
		double lo = w * b, hi = w * (b + 1);
		bool last = b == NBANDS - 1;
		size_t n = 0;

		for (size_t j = 0; j < a->nsc; j++)
			if (a->t[j] >= lo && (last ? a->t[j] <= hi : a->t[j] < hi))
				n++;
		snprintf(label, sizeof(label), "%.4g%s%.4g", lo,
			 last ? "–" : "–<", hi);
		snprintf(fm, sizeof(fm), "=COUNTIFS(%s,\">=%.15g\",%s,\"%s%.15g\","
			 "%s,\"<>%s\")", rng, lo, rng, last ? "<=" : "<", hi,
			 res, L->pending);
		rpt_str(r, s, row + 1 + b, 0, label, NULL);
		rpt_fnum(r, s, row + 1 + b, 1, fm, NULL, (double)n);
	}
	add_chart(r, s, row + 1, row + NBANDS, 1, L->chart_dist,
		  L->chart_dist_x,
		  L->chart_dist_y, 1, 4);
}

/* The Statistics sheet. */
static int write_statistics(struct rpt *r, const struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	struct stats_describe d;
	struct rpt_sheet s = { NULL, NULL, 0 };
	char rng[96], res[96], fm[320];
	size_t passed = 0, flagged = 0, incomplete = 0, pending = 0;
	bool some = a->nsc > 0;
	lxw_row_t row;
	int ret = -1;

	if (stats_describe(a->t, a->nsc, &d) < 0) {
		r->oom = 1;
		goto out;
	}
	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];

		passed += candidate_result(c) == RESULT_PASS;
		pending += candidate_result(c) == RESULT_PENDING;
		flagged += c->flagged;
		incomplete += c->incomplete;
	}
	if (rpt_sheet_add(r, &s, "Statistics", 4) < 0)
		goto out;
	rpt_str(r, &s, 0, 0, L->statistic, r->hdr);
	rpt_str(r, &s, 0, 1, L->value, r->hdr);
	summary_range(r, r->sum_total_col, rng, sizeof(rng));
	summary_range(r, (lxw_col_t)(r->sum_total_col + 2), res, sizeof(res));
	stat_formula(r, &s, 1, L->st_n, "COUNT", rng, true, (double)a->nsc,
		     NULL);
	stat_formula(r, &s, 2, L->st_mean, "AVERAGE", rng, some, d.mean,
		     r->ratio);
	stat_formula(r, &s, 3, L->st_median, "MEDIAN", rng, some, d.median,
		     r->score);
	stat_formula(r, &s, 4, L->st_sd, "STDEV", rng, a->nsc > 1, d.sd,
		     r->ratio);
	stat_formula(r, &s, 5, L->st_min, "MIN", rng, some, d.min, r->score);
	stat_formula(r, &s, 6, L->st_max, "MAX", rng, some, d.max, r->score);
	rpt_str(r, &s, 7, 0, L->st_paper_total, NULL);
	rpt_num(r, &s, 7, 1, r->paper_total, NULL);
	rpt_str(r, &s, 8, 0, L->st_pass_mark, NULL);
	rpt_num(r, &s, 8, 1, r->pass_mark, NULL);
	rpt_str(r, &s, 9, 0, L->st_passed, NULL);
	snprintf(fm, sizeof(fm), "=COUNTIF(%s,\"%s\")", res, L->pass);
	rpt_fnum(r, &s, 9, 1, fm, NULL, (double)passed);
	rpt_str(r, &s, 10, 0, L->st_pass_rate, NULL);
	rpt_fnum(r, &s, 10, 1, "=IF(B2>0,B10/B2,0)", r->pct,
		 some ? (double)passed / (double)a->nsc : 0);
	rpt_str(r, &s, 11, 0, a->kr20 ? L->st_kr20 : L->st_alpha, NULL);
	if (a->has_alpha)
		rpt_num(r, &s, 11, 1, a->alpha, r->ratio);
	rpt_str(r, &s, 12, 0, L->st_sem, NULL);
	if (a->has_alpha && a->nsc > 1 && a->alpha <= 1)
		rpt_fnum(r, &s, 12, 1, "=B5*SQRT(1-B12)", r->ratio,
			 d.sd * sqrt(1 - a->alpha));
	rpt_str(r, &s, 13, 0, L->st_k, NULL);
	rpt_num(r, &s, 13, 1, (double)a->kcommon, NULL);
	rpt_str(r, &s, 14, 0, L->st_flagged, NULL);
	rpt_num(r, &s, 14, 1, (double)flagged, NULL);
	rpt_str(r, &s, 15, 0, L->st_incomplete, NULL);
	rpt_num(r, &s, 15, 1, (double)incomplete, NULL);
	rpt_str(r, &s, 16, 0, L->st_pending, NULL);
	snprintf(fm, sizeof(fm), "=COUNTIF(%s,\"%s\")", res, L->pending);
	rpt_fnum(r, &s, 16, 1, fm, NULL, (double)pending);
	/* the note may run across the empty cells to its right */
	rpt_check(r, worksheet_write_string(s.ws, 17, 0, L->st_note, NULL));
	row = section_block(r, &s, 19);
	band_block(r, &s, row, a);
	ret = r->err || r->oom ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	return ret;
}

/* The Items and Statistics sheets. */
int rpt_write_items_stats(struct rpt *r)
{
	struct analysis a;
	int ret = -1;

	memset(&a, 0, sizeof(a));
	if (analyse(r, &a) < 0) {
		r->oom = 1;
		goto out;
	}
	if (write_items(r, &a) < 0 || write_statistics(r, &a) < 0)
		goto out;
	ret = 0;
out:
	analysis_release(&a, r->gb->nkeys);
	return ret;
}
