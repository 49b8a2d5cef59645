/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-answers.c - the Answers worksheet (see report-answers.h).  Forms
 * print a question under different numbers (vary: order) or draw other
 * questions (vary: questions), so the columns are the bank questions: a
 * column holds one question whatever the form, and its header says under
 * which number each form printed it. */
#include "report/report-answers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report-points.h"

#define HEADER_MAX 512
#define ID_WIDTH 12		/* a longer bank id wraps in its header */

/* One question of one key while the columns are laid out. */
struct qentry {
	const char *id;
	size_t sec;		/* section column (gb->keys.section_titles) */
	size_t ki, item;	/* key index, item index */
};

/* Order: by id, then first key, then item (the first of an id leads). */
static int cmp_by_id(const void *a, const void *b)
{
	const struct qentry *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	if (x->ki != y->ki)
		return x->ki < y->ki ? -1 : 1;
	return (x->item > y->item) - (x->item < y->item);
}

/* Order: by section column, then key, then printed position. */
static int cmp_by_place(const void *a, const void *b)
{
	const struct qentry *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->ki != y->ki)
		return x->ki < y->ki ? -1 : 1;
	return (x->item > y->item) - (x->item < y->item);
}

/* Lay out the Answers columns of r's keys. */
int rpt_answer_columns(struct rpt *r)
{
	const struct gradebook *gb = r->gb;
	struct qentry *e = NULL, *lead = NULL;
	size_t n = 0, k = 0, nlead = 0;
	int ret = -1;

	r->qcol = calloc(gb->keys.nkeys ? gb->keys.nkeys : 1, sizeof(*r->qcol));
	if (!r->qcol)
		goto out;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		n += gb->keys.keys[ki]->nitems;
		r->qcol[ki] = calloc(gb->keys.keys[ki]->nitems ?
				     gb->keys.keys[ki]->nitems : 1, sizeof(size_t));
		if (!r->qcol[ki])
			goto out;
	}
	e = malloc((n ? n : 1) * sizeof(*e));
	lead = malloc((n ? n : 1) * sizeof(*lead));
	if (!e || !lead)
		goto out;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *key = gb->keys.keys[ki];

		for (size_t i = 0; i < key->nitems; i++)
			e[k++] = (struct qentry){ key->items[i].id,
				keyset_section_column(&gb->keys, key,
							 key->items[i].section),
				ki, i };
	}
	qsort(e, n, sizeof(*e), cmp_by_id);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(e[i].id, e[i - 1].id))
			lead[nlead++] = e[i];
	qsort(lead, nlead, sizeof(*lead), cmp_by_place);
	for (size_t j = 0; j < nlead; j++)
		r->qcol[lead[j].ki][lead[j].item] = j;
	/* the others of an id take its leader's column */
	for (size_t i = 0, col = 0; i < n; i++) {
		if (i == 0 || strcmp(e[i].id, e[i - 1].id))
			col = r->qcol[e[i].ki][e[i].item];
		r->qcol[e[i].ki][e[i].item] = col;
	}
	r->nqcols = nlead;
	ret = 0;
out:
	if (ret)
		r->oom = 1;
	free(e);
	free(lead);
	return ret;
}

/* Free the column layout. */
void rpt_answer_columns_free(struct rpt *r)
{
	for (size_t ki = 0; r->qcol && ki < r->gb->keys.nkeys; ki++)
		free(r->qcol[ki]);
	free(r->qcol);
	r->qcol = NULL;
}

/* The question column of item index i of key k. */
static size_t question_col(const struct rpt *r, const struct key *k, size_t i)
{
	return r->qcol[rpt_key_index(r->gb, k)][i];
}

/* The Answers points column of question no of key k. */
lxw_col_t rpt_answer_points_col(const struct rpt *r, const struct key *k,
				unsigned no)
{
	return RPT_ANS_PTS(question_col(r, k, no - 1));
}

/* The criterion scores of a marker-scored response written as a sum,
 * "8 + 6 + 2", in buf; NULL when raw is not one score per criterion (a
 * total alone) or the question is not marker-scored. */
static const char *criteria_sum(const struct key_item *it, const char *raw,
				char *buf, size_t size)
{
	size_t len = 0, n = 1;

	if (!raw || (it->type != Q_ESSAY && it->type != Q_SHORT) ||
	    it->ncriteria < 2)
		return NULL;
	for (const char *p = raw; (p = strstr(p, ", ")); p += 2)
		n++;
	if (n != it->ncriteria)
		return NULL;
	for (const char *p = raw; *p && len + 4 < size; p++)
		if (p[0] == ',' && p[1] == ' ') {
			len += (size_t)snprintf(buf + len, size - len, " + ");
			p++;
		} else {
			buf[len++] = *p;
		}
	buf[len] = '\0';
	return buf;
}

/* The response and points cells of one question. */
static void answer_cells(struct rpt *r, struct rpt_sheet *s, lxw_row_t row,
			 size_t col, const struct key_item *it,
			 const struct response *rs)
{
	lxw_col_t rc = RPT_ANS_RESP(col), pc = RPT_ANS_PTS(col);
	lxw_format *f = NULL;
	char fm[1600], cell[LXW_MAX_CELL_NAME_LENGTH], letters[MASK_LETTERS_MAX];
	const char *text;

	switch (rs->status) {
	case RESP_MISSING:
		rpt_str(r, s, row, rc, rs->raw, r->missing);
		rpt_check(r, worksheet_write_blank(s->ws, row, pc,
						   r->missing_pts));
		return;
	case RESP_INVALID:
		f = r->invalid;
		break;
	default:
		/* a marker's score below full marks is not a wrong answer */
		f = it->type == Q_SHORT || it->type == Q_ESSAY ? NULL :
		    rs->earned < it->points ? r->wrong : r->answer;
		break;
	}
	if (rs->status != RESP_INVALID &&
	    rpt_points_formula(it, "", fm, sizeof(fm))) {
		/* objective: the response as graded, points re-scored from
		 * it by formula when a reviewer corrects it */
		if (it->type == Q_TRUE_FALSE)
			text = rs->status == RESP_OK ? (rs->mask ? "T" : "F")
						     : NULL;
		else
			text = rs->status == RESP_OK ?
			       mask_letters(rs->mask, letters) : NULL;
		rpt_str(r, s, row, rc, text, f);
		lxw_rowcol_to_cell(cell, row, rc);
		rpt_points_formula(it, cell, fm, sizeof(fm));
		rpt_fnum(r, s, row, pc, fm, NULL, rs->earned);
		return;
	}
	/* a marker's scores: the criteria as a sum ("8 + 6 + 2"); a total
	 * alone is the points cell's, so one column never holds a total on
	 * one row and a criterion list on another */
	rpt_str(r, s, row, rc, rs->status == RESP_INVALID ? rs->raw :
		criteria_sum(it, rs->raw, fm, sizeof(fm)), f);
	rpt_num(r, s, row, pc, rs->earned, NULL);
}

/* The bank id of question column j. */
static const char *column_id(const struct rpt *r, size_t j)
{
	const struct gradebook *gb = r->gb;

	for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
		for (size_t i = 0; i < gb->keys.keys[ki]->nitems; i++)
			if (r->qcol[ki][i] == j)
				return gb->keys.keys[ki]->items[i].id;
	return "";
}

/* Append " FORMno" to a column header in hdr (cut at HEADER_MAX). */
static void header_add(char *hdr, const char *form, unsigned no)
{
	size_t len = strlen(hdr);

	snprintf(hdr + len, HEADER_MAX - len, "%s%s%u", len ? " " : "", form,
		 no);
}

/* The header row: per question, the form and number it was printed
 * under on each form ("A3 B7"; the number alone for one form) over its
 * bank id, and the points column beside it.  A long id wraps in its
 * column rather than widen it: the columns stay narrow enough to print
 * several questions a page. */
static void answer_header(struct rpt *r, struct rpt_sheet *s)
{
	const struct gradebook *gb = r->gb;
	char (*hdr)[HEADER_MAX] = calloc(r->nqcols ? r->nqcols : 1,
					 sizeof(*hdr));
	char text[HEADER_MAX + 256];

	if (!hdr) {
		r->oom = 1;
		return;
	}
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];

		for (size_t i = 0; i < k->nitems; i++)
			header_add(hdr[r->qcol[ki][i]],
				   gb->keys.nkeys > 1 ? k->form : "",
				   k->items[i].no);
	}
	rpt_str(r, s, 0, 0, r->L->id, r->hdr);
	rpt_str(r, s, 0, 1, r->L->name, r->hdr);
	rpt_str(r, s, 0, 2, r->L->form, r->hdr);
	for (size_t j = 0; j < r->nqcols; j++) {
		const char *id = column_id(r, j);
		double w = rpt_text_width(id);

		snprintf(text, sizeof(text), "%s\n%s", hdr[j], id);
		rpt_check(r, worksheet_write_string(s->ws, 0, RPT_ANS_RESP(j),
						    text, r->hdr));
		rpt_sheet_need(s, RPT_ANS_RESP(j), rpt_text_width(hdr[j]));
		rpt_sheet_need(s, RPT_ANS_RESP(j), w < ID_WIDTH ? w : ID_WIDTH);
		rpt_str(r, s, 0, RPT_ANS_PTS(j), r->L->pts, r->hdr);
	}
	free(hdr);
}

/* The Answers sheet: rows in the Summary's order, two columns per bank
 * question (the response as graded and the points earned). */
int rpt_write_answers(struct rpt *r)
{
	const struct gradebook *gb = r->gb;
	size_t ncols = 3 + 2 * r->nqcols;
	struct rpt_sheet s;
	int ret = -1;

	if (rpt_sheet_add(r, &s, r->L->sh_answers, ncols) < 0)
		goto out;
	/* many questions: print readable pages across (not one sheet wide,
	 * an unreadable strip), each with the header row and the candidate
	 * columns */
	worksheet_set_print_scale(s.ws, 80);
	s.own_scale = true;
	rpt_check(r, worksheet_repeat_columns(s.ws, 0, 2));
	/* the header: numbers per form over the bank id, which may wrap */
	rpt_check(r, worksheet_set_row(s.ws, 0, 48, NULL));
	answer_header(r, &s);
	for (size_t c = 0; c < ncols; c++)
		rpt_sheet_need(&s, (lxw_col_t)c, s.width[c] + 2);
	for (size_t i = 0; i < gb->ncands && !r->oom && !r->err; i++) {
		const struct candidate *c = &gb->cands[r->order[i]];
		lxw_row_t row = (lxw_row_t)(i + 1);

		rpt_str(r, &s, row, 0, c->id, NULL);
		rpt_str(r, &s, row, 1, c->name, NULL);
		rpt_str(r, &s, row, 2, c->form, NULL);
		for (size_t q = 0; c->key && q < c->key->nitems; q++)
			answer_cells(r, &s, row, question_col(r, c->key, q),
				     &c->key->items[q], &c->resp[q]);
	}
	worksheet_freeze_panes(s.ws, 1, 3);
	rpt_check(r, worksheet_autofilter(s.ws, 0, 0, (lxw_row_t)gb->ncands,
					  (lxw_col_t)(ncols - 1)));
	ret = r->oom || r->err ? -1 : 0;
out:
	rpt_sheet_finish(r, &s);
	return ret;
}
