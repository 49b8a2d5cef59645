/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-items.c - the Items sheet (one row per question id, aggregated
 * over forms) and the Distractors sheet (one row per bank option of each
 * choice and true/false question), written from grade/analysis.c. */
#include "report/report-items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append sep (unless first), a, the letter c (unless 0) and b to buf. */
static void add_flag(char *buf, size_t len, size_t *used, const char *sep,
		     const char *a, char c, const char *b)
{
	int n = snprintf(buf + *used, len - *used, "%s%s%.*s%s",
			 *used ? sep : "", a, c ? 1 : 0, &c, b);

	if (n > 0 && (size_t)n < len - *used)
		*used += (size_t)n;
}

/* The letter of bank option o of s (true/false: T or F). */
static char option_letter(const struct item_stats *s, unsigned o)
{
	if (s->it->type == Q_TRUE_FALSE)
		return o == 0 ? 'T' : 'F';
	return (char)('A' + o);
}

/* Flags of an item (separated by the labels' flag_sep) into buf. */
static void item_flags(const struct rpt_labels *L, const struct item_stats *s,
		       char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	if (s->flags & ITEM_EASY)
		add_flag(buf, len, &used, L->flag_sep, L->too_easy, 0, "");
	if (s->flags & ITEM_HARD)
		add_flag(buf, len, &used, L->flag_sep, L->too_hard, 0, "");
	if (s->flags & ITEM_NEG_DISC)
		add_flag(buf, len, &used, L->flag_sep, L->neg_disc, 0, "");
	if (s->flags & ITEM_POOR_DISC)
		add_flag(buf, len, &used, L->flag_sep, L->poor_disc, 0, "");
	if (s->flags & ITEM_LOW_R)
		add_flag(buf, len, &used, L->flag_sep, L->low_r, 0, "");
	if (s->flags & ITEM_BELOW_CHANCE)
		add_flag(buf, len, &used, L->flag_sep, L->below_chance, 0, "");
	for (unsigned o = 0; o < s->nopt; o++) {
		if (s->opt[o].positive)
			add_flag(buf, len, &used, L->flag_sep, L->distractor,
				 option_letter(s, o), L->positive_post);
		if (s->opt[o].rare)
			add_flag(buf, len, &used, L->flag_sep, L->distractor,
				 option_letter(s, o), L->rare_post);
	}
}

/* Number cell of a statistic, or nothing when not defined. */
static void stat_cell(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
		      lxw_col_t col, bool defined, double v, lxw_format *f,
		      bool bad)
{
	if (defined)
		rpt_num(r, s, row, col, v, bad ? r->badratio : f);
}

/* True if every form prints item ii. */
static bool on_every_form(const struct rpt *r, const struct analysis *a,
			  size_t ii)
{
	for (size_t ki = 0; ki < r->gb->keys.nkeys; ki++) {
		size_t i;

		for (i = 0; i < r->gb->keys.keys[ki]->nitems; i++)
			if (a->kmap[ki][i] == ii)
				break;
		if (i == r->gb->keys.keys[ki]->nitems)
			return false;
	}
	return true;
}

/* Printed number(s) of item s: one number when every form prints it
 * under that number, else "A:3 B:7" (the forms that print it), so that
 * no two rows read alike when forms draw questions of their own. */
static void item_no(struct rpt *r, struct rpt_sheet *sh, lxw_row_t row,
		    const struct analysis *a, size_t ii)
{
	char buf[512];
	size_t used = 0;

	if (a->items[ii].same_no && on_every_form(r, a, ii)) {
		rpt_num(r, sh, row, 0, a->items[ii].it->no, r->center);
		return;
	}
	buf[0] = 0;
	for (size_t ki = 0; ki < r->gb->keys.nkeys; ki++) {
		const struct key *k = r->gb->keys.keys[ki];

		for (size_t i = 0; i < k->nitems; i++) {
			int n;

			if (a->kmap[ki][i] != ii)
				continue;
			n = snprintf(buf + used, sizeof(buf) - used, "%s%s:%u",
				     used ? " " : "", k->form, k->items[i].no);
			if (n > 0 && (size_t)n < sizeof(buf) - used)
				used += (size_t)n;
		}
	}
	rpt_str(r, sh, row, 0, buf, r->center);
}

/* The key of item s as bank letters (or the true/false word) into buf. */
static void key_text(const struct rpt_labels *L, const struct item_stats *s,
		     char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	if (s->it->type == Q_TRUE_FALSE) {
		snprintf(buf, len, "%s",
			 s->it->answer_tf ? L->tf_true : L->tf_false);
		return;
	}
	for (unsigned o = 0; o < MAX_OPTIONS && used + 1 < len; o++)
		if (s->keyed & (UINT32_C(1) << o))
			buf[used++] = (char)('A' + o);
	buf[used] = 0;
}

/* One row of the Items sheet. */
static void item_row(struct rpt *r, struct rpt_sheet *sh, lxw_row_t row,
		     const struct analysis *a, size_t ii)
{
	const struct rpt_labels *L = r->L;
	const struct item_stats *s = &a->items[ii];
	const struct key_item *it = s->it;
	lxw_col_t oc = 11, bc = (lxw_col_t)(oc + a->maxopt);
	char buf[512];

	item_no(r, sh, row, a, ii);
	rpt_str(r, sh, row, 1, it->id, NULL);
	rpt_str(r, sh, row, 2, it->type < Q_NTYPES ? L->types[it->type] : "",
		NULL);
	rpt_num(r, sh, row, 3, it->points, NULL);
	rpt_num(r, sh, row, 4, (double)s->st.n, NULL);
	if (s->st.n > 0) {
		rpt_num(r, sh, row, 5, s->st.mean, r->ratio);
		stat_cell(r, sh, row, 6, true, s->st.p, r->ratio,
			  s->flags & (ITEM_EASY | ITEM_HARD |
				      ITEM_BELOW_CHANCE));
	}
	stat_cell(r, sh, row, 7, s->st.has_disc, s->st.disc, r->ratio,
		  s->flags & (ITEM_NEG_DISC | ITEM_POOR_DISC));
	stat_cell(r, sh, row, 8, s->st.has_rpb, s->st.rpb, r->ratio,
		  s->flags & ITEM_LOW_R);
	/* an item whose removal would raise the reliability markedly */
	stat_cell(r, sh, row, 9, s->has_alpha_del, s->alpha_del, r->ratio,
		  s->raises_alpha);
	key_text(L, s, buf, sizeof(buf));
	rpt_str(r, sh, row, 10, buf, r->center);
	for (unsigned o = 0; o < s->nopt && o < a->maxopt; o++)
		rpt_num(r, sh, row, (lxw_col_t)(oc + o), (double)s->opt[o].n,
			s->opt[o].keyed ? r->keyed : NULL);
	rpt_num(r, sh, row, bc, (double)s->blank, NULL);
	rpt_num(r, sh, row, (lxw_col_t)(bc + 1), (double)s->invalid, NULL);
	item_flags(L, s, buf, sizeof(buf));
	rpt_str(r, sh, row, (lxw_col_t)(bc + 2), buf, r->flag);
}

/* The Items sheet: one row per question id. */
int rpt_write_items(struct rpt *r, const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	size_t ncols = 14 + a->maxopt;
	const char **hdr = calloc(ncols, sizeof(*hdr));
	char (*letters)[2] = calloc(MAX_OPTIONS, sizeof(*letters));
	struct rpt_sheet s = { NULL, NULL, 0, false };
	int ret = -1;

	if (!hdr || !letters) {
		r->oom = 1;
		goto out;
	}
	if (rpt_sheet_add(r, &s, L->sh_items, ncols) < 0)
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
	hdr[9] = L->alpha_del;
	hdr[10] = L->key;
	for (unsigned i = 0; i < a->maxopt; i++) {
		letters[i][0] = (char)('A' + i);
		hdr[11 + i] = letters[i];
	}
	if (a->any_tf) {
		hdr[11] = L->opt_t;
		hdr[12] = L->opt_f;
	}
	hdr[11 + a->maxopt] = L->blank;
	hdr[12 + a->maxopt] = L->invalid;
	hdr[13 + a->maxopt] = L->flags;
	rpt_header(r, &s, hdr, ncols);
	for (size_t i = 0; i < a->nitems && !r->err && !r->oom; i++)
		item_row(r, &s, (lxw_row_t)(i + 1), a, i);
	worksheet_freeze_panes(s.ws, 1, 2);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0, (lxw_row_t)a->nitems,
					  (lxw_col_t)(ncols - 1)));
	ret = r->err || r->oom ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	free(hdr);
	free(letters);
	return ret;
}

/* One row of the Distractors sheet: option o of item ii. */
static void option_row(struct rpt *r, struct rpt_sheet *sh, lxw_row_t row,
		       const struct analysis *a, size_t ii, unsigned o)
{
	const struct rpt_labels *L = r->L;
	const struct item_stats *s = &a->items[ii];
	const struct option_stats *op = &s->opt[o];
	char letter[2] = { option_letter(s, o), 0 }, buf[256];
	size_t used = 0;

	item_no(r, sh, row, a, ii);
	rpt_str(r, sh, row, 1, s->it->id, NULL);
	if (s->it->type == Q_TRUE_FALSE)
		rpt_str(r, sh, row, 2, o == 0 ? L->tf_true : L->tf_false,
			r->center);
	else
		rpt_str(r, sh, row, 2, letter, r->center);
	rpt_str(r, sh, row, 3, op->keyed ? L->keyed_mark : "",
		op->keyed ? r->keyed : r->center);
	rpt_num(r, sh, row, 4, (double)op->n, NULL);
	if (s->st.n > 0)
		rpt_num(r, sh, row, 5, op->share, r->pct);
	if (op->has_groups) {
		rpt_num(r, sh, row, 6, op->upper, r->pct);
		rpt_num(r, sh, row, 7, op->lower, r->pct);
	}
	stat_cell(r, sh, row, 8, op->has_rpb, op->rpb, r->ratio,
		  op->positive);
	buf[0] = 0;
	if (op->positive)
		add_flag(buf, sizeof(buf), &used, L->flag_sep, L->distractor,
			 letter[0], L->positive_post);
	if (op->rare)
		add_flag(buf, sizeof(buf), &used, L->flag_sep, L->distractor,
			 letter[0], L->rare_post);
	rpt_str(r, sh, row, 9, buf, r->flag);
}

/* The Distractors sheet: per bank option of every choice and true/false
 * question, who chose it overall and in the 27% groups, and how choosing
 * it goes with the rest of the score. */
int rpt_write_distractors(struct rpt *r, const struct analysis *a)
{
	const struct rpt_labels *L = r->L;
	const char *hdr[10];
	struct rpt_sheet s = { NULL, NULL, 0, false };
	lxw_row_t row = 0;

	if (rpt_sheet_add(r, &s, L->sh_distractors, 10) < 0)
		goto out;
	hdr[0] = L->no;
	hdr[1] = L->qid;
	hdr[2] = L->option;
	hdr[3] = L->key;
	hdr[4] = L->chose_n;
	hdr[5] = L->chose_pct;
	hdr[6] = L->upper_pct;
	hdr[7] = L->lower_pct;
	hdr[8] = L->opt_rpb;
	hdr[9] = L->flags;
	rpt_header(r, &s, hdr, 10);
	for (size_t ii = 0; ii < a->nitems && !r->err && !r->oom; ii++)
		for (unsigned o = 0; o < a->items[ii].nopt; o++)
			option_row(r, &s, ++row, a, ii, o);
	worksheet_freeze_panes(s.ws, 1, 2);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0, row, 9));
out:
	rpt_sheet_finish(r, &s);
	return r->err || r->oom ? -1 : 0;
}
