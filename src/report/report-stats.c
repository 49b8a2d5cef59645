/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-stats.c - the Statistics sheet (test statistics as live
 * formulas over the Summary, reliability per form and pooled, per
 * section, charts); the analysis behind it (grade/analysis.c) also feeds
 * the Items and Distractors sheets (report-items.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-stats.h"
#include "base/csv.h"
#include "base/points.h"
#include "grade/analysis.h"
#include "report/report-items.h"

#define NBANDS 10

/* Absolute range of Summary column col over every candidate row. */
static void summary_range(const struct rpt *r, lxw_col_t col, char *buf,
			  size_t len)
{
	char a[LXW_MAX_CELL_NAME_LENGTH], z[LXW_MAX_CELL_NAME_LENGTH],
	     ref[RPT_SHEET_REF_MAX];
	size_t n = r->gb->ncands ? r->gb->ncands : 1;

	lxw_rowcol_to_cell_abs(a, 1, col, 1, 1);
	lxw_rowcol_to_cell_abs(z, (lxw_row_t)n, col, 1, 1);
	snprintf(buf, len, "%s%s:%s", rpt_sheet_ref(r->L->sh_summary, ref), a,
		 z);
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
 * col), its value axis in the number format ynum (NULL: general); returns
 * its series (NULL on failure, recorded). */
static lxw_chart_series *add_chart(struct rpt *r, struct rpt_sheet *s,
				   lxw_row_t r1, lxw_row_t r2, lxw_col_t vcol,
				   const char *title, const char *xname,
				   const char *yname, const char *ynum,
				   lxw_row_t row, lxw_col_t col)
{
	lxw_chart *ch = workbook_add_chart(r->wb, LXW_CHART_COLUMN);
	lxw_chart_series *se;
	lxw_chart_options opt = { .x_scale = 1.25, .y_scale = 1.1 };
	lxw_chart_fill fill = { .color = 0x4472C4 };

	if (!ch || !(se = chart_add_series(ch, NULL, NULL))) {
		rpt_check(r, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	chart_series_set_categories(se, r->L->sh_statistics, r1, 0, r2, 0);
	chart_series_set_values(se, r->L->sh_statistics, r1, vcol, r2, vcol);
	chart_series_set_fill(se, &fill);
	chart_series_set_labels(se);
	chart_title_set_name(ch, title);
	chart_axis_set_name(ch->x_axis, xname);
	chart_axis_set_name(ch->y_axis, yname);
	chart_axis_set_min(ch->y_axis, 0);
	if (ynum)
		chart_axis_set_num_format(ch->y_axis, ynum);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	chart_set_series_gap(ch, 20);
	rpt_check(r, worksheet_insert_chart_opt(s->ws, row, col, ch, &opt));
	return se;
}

/* Columns a Statistics note spans, and the column of the charts right of
 * the tables. */
#define NOTE_COLS 9
#define CHART_COL 10

/* A note of the Statistics sheet on row: text wrapped over the first
 * NOTE_COLS columns (red when warn), the row as high as it needs. */
static void note_row(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		     const char *text, bool warn)
{
	double lines = ceil(rpt_text_width(text) / 100);

	rpt_check(r, worksheet_set_row(s->ws, row, 15 * (lines < 1 ? 1 :
							   lines), NULL));
	rpt_check(r, worksheet_merge_range(s->ws, row, 0, row,
					   NOTE_COLS - 1, text,
					   warn ? r->warn : r->note));
}

/* The Statistics block of per-section means; returns the next row. */
static lxw_row_t section_block(struct rpt *r, struct rpt_sheet *s,
			       lxw_row_t row, const struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	lxw_row_t first = row + 1;
	char rng[96], fm[64];

	rpt_str(r, s, row, 0, L->section, r->hdr);
	rpt_str(r, s, row, 1, L->section_mean, r->hdr);
	rpt_str(r, s, row, 2, L->section_points, r->hdr);
	rpt_str(r, s, row, 3, L->section_pct, r->hdr);
	rpt_str(r, s, row, 4, L->section_alpha, r->hdr);
	for (size_t j = 0; j < gb->keys.nsection_titles; j++) {
		double sum = 0, pts = 0;
		size_t n = 0;

		row = (lxw_row_t)(first + j);
		for (size_t i = 0; i < gb->ncands; i++) {
			const struct candidate *c = &gb->cands[i];

			if (!rpt_counted(c) || !c->key)
				continue;
			for (size_t k = 0; c->key && k < c->key->nsections;
			     k++) {
				const struct key_section *ks =
					&c->key->sections[k];

				if (keyset_section_column(&gb->keys, c->key, k) !=
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
		stat_formula(r, s, row, gb->keys.section_titles[j], "AVERAGE", rng,
			     n > 0, n ? sum / (double)n : 0, r->score);
		rpt_num(r, s, row, 2, pts, NULL);
		/* charted: sections of different maxima compare as percent */
		snprintf(fm, sizeof(fm), "=IF(C%u>0,B%u/C%u,0)", row + 1,
			 row + 1, row + 1);
		rpt_fnum(r, s, row, 3, fm, r->pct,
			 n && pts > 0 ? sum / (double)n / pts : 0);
		if (a->has_section_alpha[j])
			rpt_num(r, s, row, 4, a->section_alpha[j], r->ratio);
	}
	if (gb->keys.nsection_titles > 0)
		add_chart(r, s, first,
			  (lxw_row_t)(first + gb->keys.nsection_titles - 1), 3,
			  L->chart_sections, L->section, L->section_pct, "0%",
			  18, CHART_COL);
	return (lxw_row_t)(first + gb->keys.nsection_titles + 1);
}

/* The score bands: NBANDS equal bands over 0..total, the one the pass
 * mark falls inside split at it, so that the pass line is a band edge;
 * returns the number of bands, whose edges are edge[0..n]. */
static unsigned band_edges(double total, double pass,
			   double edge[NBANDS + 2])
{
	double w = total / NBANDS, eps = 1e-9 * total;
	unsigned n = 0;

	edge[0] = 0;
	for (unsigned b = 1; b <= NBANDS; b++) {
		double e = b == NBANDS ? total : w * b;

		if (pass > edge[n] + eps && pass < e - eps)
			edge[++n] = pass;
		edge[++n] = e;
	}
	return n;
}

/* The score distribution block and its histogram, which marks the pass
 * line: the bands below the pass mark red, those from it on green. */
static void band_block(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		       const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	double edge[NBANDS + 2], eps = 1e-9 * r->paper_total;
	lxw_chart_fill below = { .color = 0xC0504D }, above = {
		.color = 0x70AD47 };
	lxw_chart_point pt[NBANDS + 1], *pts[NBANDS + 2];
	lxw_chart_series *se;
	char rng[96], res[96], fm[400], label[64], title[256], xname[256],
	     num[64];
	unsigned nb;

	summary_range(r, (lxw_col_t)(r->sum_total_col + 2), res, sizeof(res));
	rpt_str(r, s, row, 0, L->band, r->hdr);
	rpt_str(r, s, row, 1, L->candidates, r->hdr);
	if (!(r->paper_total > 0))
		return;
	summary_range(r, r->sum_total_col, rng, sizeof(rng));
	nb = band_edges(r->paper_total, r->pass_mark, edge);
	for (unsigned b = 0; b < nb; b++) {
		double lo = edge[b], hi = edge[b + 1];
		bool last = b == nb - 1;
		size_t n = 0;

		/* a total within points_eq's tolerance of an edge is on it */
		for (size_t j = 0; j < a->n; j++)
			if (a->total[j] >= lo - POINTS_EPS &&
			    (last ? a->total[j] <= hi + POINTS_EPS :
				    a->total[j] < hi - POINTS_EPS))
				n++;
		snprintf(label, sizeof(label), "%.4g%s%.4g", lo,
			 last ? "–" : "–<", hi);
		snprintf(fm, sizeof(fm), "=COUNTIFS(%s,\">=%.15g\",%s,\"%s%.15g\","
			 "%s,\"<>%s\")", rng, lo - POINTS_EPS, rng,
			 last ? "<=" : "<", last ? hi + POINTS_EPS :
			 hi - POINTS_EPS, res, L->pending);
		rpt_str(r, s, row + 1 + b, 0, label, NULL);
		rpt_fnum(r, s, row + 1 + b, 1, fm, NULL, (double)n);
		pt[b] = (lxw_chart_point){ .fill = lo + eps >= r->pass_mark ?
					   &above : &below };
		pts[b] = &pt[b];
	}
	pts[nb] = NULL;
	snprintf(title, sizeof(title), "%s (%s %s)", L->chart_dist,
		 L->st_pass_mark, format_number(r->pass_mark, num));
	snprintf(xname, sizeof(xname), "%s (%s)", L->chart_dist_x,
		 L->chart_pass_colours);
	se = add_chart(r, s, row + 1, row + nb, 1, title, xname,
		       L->chart_dist_y, NULL, 1, CHART_COL);
	if (se)
		rpt_check(r, chart_series_set_points(se, pts));
}

/* text with its first "{form}" replaced by form, into buf. */
static void with_form(char *buf, size_t len, const char *text,
		      const char *form)
{
	const char *at = strstr(text, "{form}");

	if (!at)
		snprintf(buf, len, "%s", text);
	else
		snprintf(buf, len, "%.*s%s%s", (int)(at - text), text, form,
			 at + strlen("{form}"));
}

/* The name of form f in the report. */
static void form_label(const struct rpt *r, const struct form_stats *f,
		      char *buf, size_t len)
{
	if (r->gb->keys.one_paper)
		snprintf(buf, len, "%s", f->k->form);
	else
		snprintf(buf, len, "%s %s", f->k->paper, f->k->form);
}

/* Each form described (n, mean, sd, pass rate, alpha and SEM over its
 * whole paper, its linear equating), Welch's test of their means and,
 * for forms of questions of their own, what to make of it; from row on,
 * returns the next free row. */
static lxw_row_t form_block(struct rpt *r, struct rpt_sheet *s,
			    lxw_row_t row, const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	const char *hdr[] = { L->form, L->n, L->st_mean, L->st_form_sd,
			      L->st_pass_rate, L->st_form_alpha,
			      L->st_form_sem, L->st_eq_a, L->st_eq_b };
	char name[160], note[2048];

	for (lxw_col_t c = 0; c < (a->equated ? 9 : 7); c++)
		rpt_str(r, s, row, c, hdr[c], r->hdr);
	for (size_t ki = 0; ki < r->gb->keys.nkeys; ki++) {
		const struct form_stats *f = &a->forms[ki];

		row++;
		form_label(r, f, name, sizeof(name));
		rpt_str(r, s, row, 0, name, NULL);
		rpt_num(r, s, row, 1, (double)f->n, NULL);
		if (f->n > 0) {
			rpt_num(r, s, row, 2, f->mean, r->ratio);
			rpt_num(r, s, row, 4, (double)f->passed /
				(double)f->n, r->pct);
		}
		if (f->n > 1)
			rpt_num(r, s, row, 3, f->sd, r->ratio);
		if (f->has_alpha)
			rpt_num(r, s, row, 5, f->alpha, r->ratio);
		if (f->has_sem)
			rpt_num(r, s, row, 6, f->sem, r->ratio);
		if (f->has_eq) {
			rpt_num(r, s, row, 7, f->eq_a, r->ratio);
			rpt_num(r, s, row, 8, f->eq_b, r->ratio);
		}
	}
	if (r->gb->keys.nkeys > 1) {
		row++;
		rpt_str(r, s, row, 0, L->st_welch, NULL);
		if (a->has_welch) {
			rpt_num(r, s, row, 1, a->welch.f, r->ratio);
			rpt_num(r, s, row, 2, a->welch.df1, r->ratio);
			rpt_num(r, s, row, 3, a->welch.df2, r->ratio);
			rpt_num(r, s, row, 4, a->welch.p, NULL);
		}
	}
	if (a->equated) {
		form_label(r, &a->forms[a->eq_ref], name, sizeof(name));
		with_form(note, sizeof(note), a->forms_differ ?
			  L->st_forms_differ : L->st_forms_same, name);
		note_row(r, s, ++row, note, a->forms_differ);
	}
	return row + 2;
}

/* The decisions near the pass mark, from row on; returns the next free
 * row. */
static lxw_row_t decision_block(struct rpt *r, struct rpt_sheet *s,
				lxw_row_t row, const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	const struct analysis_decision *d = &a->dec;

	if (!d->has_ci && !d->has_csem && !d->has_p0)
		return row;
	rpt_str(r, s, row, 0, L->st_decision, r->hdr);
	rpt_str(r, s, row, 1, L->value, r->hdr);
	rpt_str(r, s, ++row, 0, L->st_alpha_ci, NULL);
	if (d->has_ci) {
		rpt_num(r, s, row, 1, d->alpha_lo, r->ratio);
		rpt_num(r, s, row, 2, d->alpha_hi, r->ratio);
	}
	rpt_str(r, s, ++row, 0, L->st_csem, NULL);
	if (d->has_csem)
		rpt_num(r, s, row, 1, d->csem, r->ratio);
	rpt_str(r, s, ++row, 0, L->st_consistency, NULL);
	if (d->has_p0)
		rpt_num(r, s, row, 1, d->p0, r->pct);
	rpt_str(r, s, ++row, 0, L->st_kappa, NULL);
	if (d->has_kappa)
		rpt_num(r, s, row, 1, d->kappa, r->ratio);
	note_row(r, s, ++row, L->st_decision_note, false);
	return row + 2;
}

/* The Statistics sheet. */
static int write_statistics(struct rpt *r, const struct analysis *a)
{
	const struct gradebook *gb = r->gb;
	const struct rpt_labels *L = r->L;
	const struct stats_describe *d = &a->desc;
	struct rpt_sheet s = { NULL, NULL, 0, false };
	char rng[96], res[96], fm[320];
	size_t passed = 0, flagged = 0, incomplete = 0, pending = 0;
	bool some = a->n > 0;
	lxw_row_t row;

	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];

		passed += candidate_result(c) == RESULT_PASS;
		pending += candidate_result(c) == RESULT_PENDING;
		flagged += c->flagged;
		incomplete += c->incomplete;
	}
	if (rpt_sheet_add(r, &s, L->sh_statistics, 5) < 0)
		goto out;
	rpt_str(r, &s, 0, 0, L->statistic, r->hdr);
	rpt_str(r, &s, 0, 1, L->value, r->hdr);
	summary_range(r, r->sum_total_col, rng, sizeof(rng));
	summary_range(r, (lxw_col_t)(r->sum_total_col + 2), res, sizeof(res));
	stat_formula(r, &s, 1, L->st_n, "COUNT", rng, true, (double)a->n,
		     NULL);
	stat_formula(r, &s, 2, L->st_mean, "AVERAGE", rng, some, d->mean,
		     r->ratio);
	stat_formula(r, &s, 3, L->st_median, "MEDIAN", rng, some, d->median,
		     r->score);
	stat_formula(r, &s, 4, L->st_sd, "STDEV", rng, a->n > 1, d->sd,
		     r->ratio);
	stat_formula(r, &s, 5, L->st_min, "MIN", rng, some, d->min,
		     r->score);
	stat_formula(r, &s, 6, L->st_max, "MAX", rng, some, d->max,
		     r->score);
	stat_formula(r, &s, 7, L->st_skew, "SKEW", rng, d->has_skew,
		     d->skew, r->ratio);
	stat_formula(r, &s, 8, L->st_kurt, "KURT", rng, d->has_kurt,
		     d->kurt, r->ratio);
	rpt_str(r, &s, 9, 0, L->st_paper_total, NULL);
	rpt_num(r, &s, 9, 1, r->paper_total, NULL);
	rpt_str(r, &s, 10, 0, L->st_pass_mark, NULL);
	rpt_num(r, &s, 10, 1, r->pass_mark, NULL);
	rpt_str(r, &s, 11, 0, L->st_passed, NULL);
	snprintf(fm, sizeof(fm), "=COUNTIF(%s,\"%s\")", res, L->pass);
	rpt_fnum(r, &s, 11, 1, fm, NULL, (double)passed);
	rpt_str(r, &s, 12, 0, L->st_pass_rate, NULL);
	rpt_fnum(r, &s, 12, 1, "=IF(B2>0,B12/B2,0)", r->pct,
		 some ? (double)passed / (double)a->n : 0);
	/* papers of the same questions: Cronbach's alpha; forms of their own
	 * questions: each form's alpha over its whole paper, pooled
	 * (docs/grade-report.md) */
	rpt_str(r, &s, 13, 0,
		gb->keys.nkeys > 1 && !a->same_questions ? L->st_pooled :
			      a->kr20 ? L->st_kr20 : L->st_alpha, NULL);
	if (a->has_alpha)
		rpt_num(r, &s, 13, 1, a->alpha, r->ratio);
	rpt_str(r, &s, 14, 0, gb->keys.nkeys > 1 && !a->same_questions ?
		L->st_sem_pooled : L->st_sem, NULL);
	if (a->has_sem)
		rpt_fnum(r, &s, 14, 1, "=B5*SQRT(1-B14)", r->ratio, a->sem);
	rpt_str(r, &s, 15, 0, L->st_flagged, NULL);
	rpt_num(r, &s, 15, 1, (double)flagged, NULL);
	rpt_str(r, &s, 16, 0, L->st_incomplete, NULL);
	rpt_num(r, &s, 16, 1, (double)incomplete, NULL);
	rpt_str(r, &s, 17, 0, L->st_pending, NULL);
	snprintf(fm, sizeof(fm), "=COUNTIF(%s,\"%s\")", res, L->pending);
	rpt_fnum(r, &s, 17, 1, fm, NULL, (double)pending);
	/* the note may run across the empty cells to its right */
	rpt_check(r, worksheet_write_string(s.ws, 18, 0, L->st_note, NULL));
	if (a->n < ANALYSIS_ROUGH_N)
		note_row(r, &s, 19, L->st_small_n, true);
	row = form_block(r, &s, 20, a);
	row = decision_block(r, &s, row, a);
	row = section_block(r, &s, row, a);
	band_block(r, &s, row, a);
out:
	rpt_sheet_finish(r, &s);
	return r->err || r->oom ? -1 : 0;
}

/* The SEM of c's band: its form's, else the whole test's; false when
 * neither is defined. */
static bool band_sem(const struct rpt *r, const struct candidate *c,
		     double *sem)
{
	const struct analysis *a = &r->an;

	for (size_t ki = 0; ki < r->gb->keys.nkeys; ki++)
		if (r->gb->keys.keys[ki] == c->key && a->forms[ki].has_sem) {
			*sem = a->forms[ki].sem;
			return true;
		}
	*sem = a->sem;
	return a->has_sem;
}

/* Summary: percentile rank and borderline mark of candidate ci. */
void rpt_summary_standing(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			  size_t ci, lxw_col_t col, bool live)
{
	const struct candidate *c = &r->gb->cands[ci];
	const struct rpt_labels *L = r->L;
	double pr = r->an.prank[ci], sem;
	bool counted = !isnan(pr), near;
	char t[LXW_MAX_CELL_NAME_LENGTH], res[LXW_MAX_CELL_NAME_LENGTH],
	     t1[LXW_MAX_CELL_NAME_LENGTH], t2[LXW_MAX_CELL_NAME_LENGTH],
	     r1[LXW_MAX_CELL_NAME_LENGTH], r2[LXW_MAX_CELL_NAME_LENGTH],
	     fm[1024];
	lxw_row_t last = (lxw_row_t)(r->gb->ncands ? r->gb->ncands : 1);

	lxw_rowcol_to_cell(t, row, r->sum_total_col);
	lxw_rowcol_to_cell(res, row, (lxw_col_t)(r->sum_total_col + 2));
	lxw_rowcol_to_cell_abs(t1, 1, r->sum_total_col, 1, 1);
	lxw_rowcol_to_cell_abs(t2, last, r->sum_total_col, 1, 1);
	lxw_rowcol_to_cell_abs(r1, 1, (lxw_col_t)(r->sum_total_col + 2), 1, 1);
	lxw_rowcol_to_cell_abs(r2, last, (lxw_col_t)(r->sum_total_col + 2), 1,
			       1);
	if (live) {
		/* 100 (below + equal / 2) / n over the sheets not pending,
		 * equal within points_eq's tolerance */
		snprintf(fm, sizeof(fm), "=IF(%s=\"%s\",\"\",(COUNTIFS(%s:%s,"
			 "\"<\"&(%s-%s),%s:%s,\"<>%s\")+COUNTIFS(%s:%s,"
			 "\">=\"&(%s-%s),%s:%s,\"<=\"&(%s+%s),%s:%s,"
			 "\"<>%s\")/2)/COUNTIF(%s:%s,\"<>%s\")*100)", res,
			 L->pending, t1, t2, t, RPT_POINTS_EPS, r1, r2,
			 L->pending, t1, t2, t, RPT_POINTS_EPS, t1, t2, t,
			 RPT_POINTS_EPS, r1, r2, L->pending, r1, r2,
			 L->pending);
		if (counted)
			rpt_fnum(r, s, row, col, fm, r->score, pr);
		else
			rpt_fstr(r, s, row, col, fm, NULL, "");
	} else if (counted) {
		rpt_num(r, s, row, col, pr, r->score);
	}
	if (!c->key || !band_sem(r, c, &sem))
		return;
	near = counted && fabs(c->total - c->key->pass) <= sem;
	snprintf(fm, sizeof(fm), "=IF(AND(%s<>\"%s\",ABS(%s-%.15g)<=%.15g),"
		 "\"%s\",\"\")", res, L->pending, t, c->key->pass, sem,
		 L->near_pass);
	rpt_fstr(r, s, row, (lxw_col_t)(col + 1), fm, r->center,
		 near ? L->near_pass : "");
}

/* Colour the borderline marks of Summary column col. */
void rpt_summary_band_format(struct rpt *r, struct rpt_sheet *s,
			     lxw_col_t col)
{
	lxw_conditional_format cf;
	char word[96];

	if (r->gb->ncands == 0)
		return;
	memset(&cf, 0, sizeof(cf));
	snprintf(word, sizeof(word), "\"%s\"", r->L->near_pass);
	cf.type = LXW_CONDITIONAL_TYPE_CELL;
	cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
	cf.value_string = word;
	cf.format = r->hold;
	rpt_check(r, worksheet_conditional_format_range(s->ws, 1, col,
		(lxw_row_t)r->gb->ncands, col, &cf));
}

/* The Items, Statistics and Distractors sheets. */
int rpt_write_items_stats(struct rpt *r)
{
	if (rpt_write_items(r, &r->an) < 0 ||
	    write_statistics(r, &r->an) < 0 ||
	    rpt_write_distractors(r, &r->an) < 0)
		return -1;
	return 0;
}
