/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-review.c - the decisions of worksheet 待复核 applied to the first
 * worksheet (see read-review.h).  A decision names its cell by candidate
 * id and column header, not by position, so it lands on the right cell or
 * on none: the id must be on exactly one row, the column must exist, the
 * cell must still be a doubtful mark, and two decisions for one cell must
 * agree. */
#include "grade/read-review.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/utf8.h"
#include "base/xlsx-read.h"
#include "paper/review-format.h"

#define MAX_DECISIONS 1000000u
#define MAX_CELL 256u		/* bytes of an id, column or decision kept */

/* One filled-in decision row of 待复核. */
struct decision {
	char *id, *column, *value;	/* trimmed, malloc'd */
	unsigned row, col;		/* its 复核结果 cell */
	size_t target;			/* column + 1 in the first sheet */
	size_t rows;			/* rows of the first sheet with its id */
	const struct decision *same;	/* an earlier one just like it */
	bool conflict, applied;
	bool toolong;			/* a cell over MAX_CELL bytes */
	char *found;			/* not applied: what its cell holds */
	char *open;			/* and the row's doubtful columns */
};

/* The 待复核 worksheet while it is read. */
struct review {
	unsigned header_row;		/* 0: not found yet */
	unsigned id_col, column_col, decision_col;
	unsigned row;			/* the row being collected */
	char *cell[3];			/* its id, column, decision */
	unsigned decision_at;		/* column of its decision */
	bool toolong;			/* one of them is over MAX_CELL */
	struct decision *v;
	size_t n, cap;
	size_t undecided;		/* rows whose decision is empty */
	bool nomem, toomany;
	const char *sheet;		/* 待复核, or 待複核 (a zh-Hant paper) */
	char **head;			/* the first sheet's header, trimmed */
	size_t nhead;
};

/* A malloc'd copy of s[0..n) without white space at its end, or NULL. */
static char *trim_copy(const char *s, size_t n)
{
	char *t;

	n = utf8_trim_end(s, n);
	t = malloc(n + 1);
	if (t) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

/* Trim white space at both ends: a malloc'd copy, or NULL. */
static char *trimmed(const char *s)
{
	s += strspn(s, " \t\r\n");
	return trim_copy(s, strlen(s));
}

/* trimmed() of a cell of 待复核, whose text may be a shared string of
 * up to a megabyte: at most MAX_CELL bytes (cut before a character) are
 * looked at and kept, and *toolong is set when there were more. */
static char *trimmed_cell(const char *s, bool *toolong)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strnlen(s, MAX_CELL + 1);
	if (n > MAX_CELL) {
		*toolong = true;
		for (n = MAX_CELL; n && (s[n] & 0xC0) == 0x80; n--)
			;
	}
	return trim_copy(s, n);
}

/* Whether a decision means "no mark": '-', a dash, 空 or 无. */
static bool means_blank(const char *s)
{
	static const char *const words[] = {
		"-", "\xEF\xBC\x8D", "\xE2\x80\x94", "\xE7\xA9\xBA",
		"\xE6\x97\xA0", "\xE7\x84\xA1", NULL
	};

	for (size_t i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return true;
	return false;
}

/* Free the cells collected for the current row. */
static void drop_row(struct review *rv)
{
	for (int i = 0; i < 3; i++) {
		free(rv->cell[i]);
		rv->cell[i] = NULL;
	}
	rv->toolong = false;
}

/* The collected row becomes a decision when its decision is filled in. */
static void end_row(struct review *rv)
{
	struct decision *dc;

	if (!rv->cell[2] || !*rv->cell[2]) {
		/* a listed mark without a decision (not an empty row) */
		rv->undecided += rv->cell[0] || rv->cell[1];
		drop_row(rv);
		return;
	}
	if (rv->n == MAX_DECISIONS) {
		rv->toomany = true;
		drop_row(rv);
		return;
	}
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? 2 * rv->cap : 32;
		struct decision *v = realloc(rv->v, cap * sizeof(*v));

		if (!v) {
			rv->nomem = true;
			drop_row(rv);
			return;
		}
		rv->v = v;
		rv->cap = cap;
	}
	dc = &rv->v[rv->n++];
	memset(dc, 0, sizeof(*dc));
	dc->id = rv->cell[0] ? rv->cell[0] : trimmed("");
	dc->column = rv->cell[1] ? rv->cell[1] : trimmed("");
	dc->value = means_blank(rv->cell[2]) ? trimmed("") : rv->cell[2];
	if (means_blank(rv->cell[2]))
		free(rv->cell[2]);
	dc->row = rv->row;
	dc->col = rv->decision_at;
	dc->toolong = rv->toolong;
	rv->toolong = false;
	rv->cell[0] = rv->cell[1] = rv->cell[2] = NULL;
	if (!dc->id || !dc->column || !dc->value)
		rv->nomem = true;
}

/* Take one cell of 待复核: find the header, then collect each row's id,
 * column and decision. */
static int on_cell(void *ctx, const struct xlsx_cell *c)
{
	struct review *rv = ctx;
	int slot = -1;

	if (!rv->header_row) {
		if (!strcmp(c->text, REVIEW_ID) ||
		    !strcmp(c->text, REVIEW_ID_HANT))
			rv->id_col = c->col;
		else if (!strcmp(c->text, REVIEW_COLUMN) ||
			 !strcmp(c->text, REVIEW_COLUMN_HANT))
			rv->column_col = c->col;
		else if (!strcmp(c->text, REVIEW_DECISION) ||
			 !strcmp(c->text, REVIEW_DECISION_HANT))
			rv->decision_col = c->col;
		if (rv->id_col && rv->column_col && rv->decision_col)
			rv->header_row = c->row;
		return 0;
	}
	if (c->row == rv->header_row)
		return 0;
	if (c->row != rv->row) {
		end_row(rv);
		rv->row = c->row;
	}
	if (c->col == rv->id_col)
		slot = 0;
	else if (c->col == rv->column_col)
		slot = 1;
	else if (c->col == rv->decision_col)
		slot = 2;
	if (slot < 0)
		return 0;
	free(rv->cell[slot]);
	rv->cell[slot] = trimmed_cell(c->text, &rv->toolong);
	if (slot == 2)
		rv->decision_at = c->col;
	if (!rv->cell[slot])
		rv->nomem = true;
	return rv->nomem;
}

/* Order decisions by id, then column, then row. */
static int decision_cmp(const void *a, const void *b)
{
	const struct decision *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (!c)
		c = strcmp(x->column, y->column);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The decisions [lo, hi) of id (v sorted by id). */
static void id_range(const struct review *rv, const char *id, size_t *lo,
		     size_t *hi)
{
	size_t a = 0, b = rv->n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (strcmp(rv->v[m].id, id) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	for (b = a; b < rv->n && !strcmp(rv->v[b].id, id); b++)
		;
	*hi = b;
}

/* Whether a cell holds a mark scan left undecided ('?' or '？'). */
static bool doubtful(const char *s)
{
	s += strspn(s, " \t\r\n");
	return *s == '?' || !strncmp(s, "\xEF\xBC\x9F", 3);
}

/* A growing CSV text. */
struct text {
	char *p;
	size_t len, cap;
};

/* Append n bytes; -1 on no memory. */
static int put(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		char *p;

		while (cap < t->len + n + 1)
			cap *= 2;
		p = realloc(t->p, cap);
		if (!p)
			return -1;
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
	return 0;
}

/* Append one quoted field (the converted sheet has no line breaks in
 * cells). */
static int put_field(struct text *t, const char *s)
{
	if (put(t, "\"", 1))
		return -1;
	for (; *s; s++)
		if (*s == '"' ? put(t, "\"\"", 2) : put(t, s, 1))
			return -1;
	return put(t, "\"", 1);
}

/* A column of the first worksheet's header: its name, trimmed. */
struct head {
	char *name;
	size_t col;		/* column + 1 */
};

/* Order header columns by name, then position. */
static int head_cmp(const void *a, const void *b)
{
	const struct head *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->col > y->col) - (x->col < y->col);
}

/* The first column (column + 1) named name in heads[0..n) sorted by
 * head_cmp, or 0. */
static size_t head_find(const struct head *heads, size_t n, const char *name)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (strcmp(heads[m].name, name) < 0)
			a = m + 1;
		else
			b = m;
	}
	return a < n && !strcmp(heads[a].name, name) ? heads[a].col : 0;
}

/* Place the decisions on the header's columns (its names sorted once, so
 * each decision costs a binary search); mark disagreeing ones. */
static void place(struct review *rv, const struct csv_row *h)
{
	struct head *heads = calloc(h->n ? h->n : 1, sizeof(*heads));
	size_t nh = 0;

	if (!heads) {
		rv->nomem = true;
		return;
	}
	for (size_t j = 0; j < h->n; j++) {
		char *name = trimmed(h->fields[j]);

		if (!name) {
			rv->nomem = true;
			goto out;
		}
		if (!*name) {
			free(name);
			continue;
		}
		heads[nh].name = name;
		heads[nh++].col = j + 1;
	}
	qsort(heads, nh, sizeof(*heads), head_cmp);
	/* the header in column order, to name a row's doubtful cells */
	rv->head = calloc(h->n ? h->n : 1, sizeof(*rv->head));
	if (!rv->head) {
		rv->nomem = true;
		goto out;
	}
	for (; rv->nhead < h->n; rv->nhead++)
		if (!(rv->head[rv->nhead] = trimmed(h->fields[rv->nhead]))) {
			rv->nomem = true;
			goto out;
		}
	for (size_t i = 0; i < rv->n; i++) {
		struct decision *dc = &rv->v[i];

		dc->target = head_find(heads, nh, dc->column);
		if (!i || strcmp(dc->id, rv->v[i - 1].id) ||
		    strcmp(dc->column, rv->v[i - 1].column))
			continue;
		if (strcmp(dc->value, rv->v[i - 1].value))
			dc->conflict = rv->v[i - 1].conflict = true;
		else
			dc->same = rv->v[i - 1].same ? rv->v[i - 1].same :
						       &rv->v[i - 1];
	}
	for (size_t i = rv->n; i-- > 1;)
		if (rv->v[i].conflict &&
		    !strcmp(rv->v[i].id, rv->v[i - 1].id) &&
		    !strcmp(rv->v[i].column, rv->v[i - 1].column))
			rv->v[i - 1].conflict = true;
out:
	for (size_t j = 0; j < nh; j++)
		free(heads[j].name);
	free(heads);
}

/* The id column of the header (column + 1), or 0 (and rv->nomem set
 * when memory ran out). */
static size_t id_column(struct review *rv, const struct csv_row *h)
{
	for (size_t j = 0; j < h->n; j++) {
		char *name = trimmed(h->fields[j]);
		bool is = name && (!strcasecmp(name, "candidate_id") ||
				   !strcasecmp(name, "id"));

		free(name);
		if (!name) {
			rv->nomem = true;
			return 0;
		}
		if (is)
			return j + 1;
	}
	return 0;
}

/* For each decision of row [lo, hi) that found its cell no longer
 * doubtful: what the cell holds and which columns of the row still are
 * doubtful (a mistyped 题号 names the wrong one).  -1 on no memory. */
static int note_unapplied(struct review *rv, const struct csv_row *row,
			  size_t lo, size_t hi)
{
	for (size_t i = lo; i < hi; i++) {
		struct decision *dc = &rv->v[i];
		struct text t = { NULL, 0, 0 };

		if (dc->applied || dc->rows != 1 || dc->conflict || dc->same ||
		    !dc->target || dc->target > row->n || dc->found)
			continue;
		for (size_t j = 0; j < row->n && j < rv->nhead; j++)
			if (doubtful(row->fields[j]) &&
			    ((t.len && put(&t, ", ", 2)) ||
			     put(&t, rv->head[j], strlen(rv->head[j]))))
				goto nomem;
		if (put(&t, "", 0) ||
		    !(dc->found = trimmed(row->fields[dc->target - 1])))
			goto nomem;
		dc->open = t.p;
		continue;
nomem:
		free(t.p);
		return -1;
	}
	return 0;
}

/* Rewrite csv with the decisions applied (two passes: count each id's
 * rows, then replace).  0, or -1 on no memory or unreadable text. */
static int rewrite(struct review *rv, const char *csv, size_t csvlen,
		   struct text *out)
{
	struct csv_reader r;
	struct csv_row row;
	enum csv_err e;
	size_t idcol = 0, lo, hi;
	unsigned line = 1;
	int rc = -1;

	for (int pass = 0; pass < 2; pass++) {
		bool header = true;

		csv_reader_init(&r, csv, csvlen);
		while ((e = csv_next(&r, &row)) == CSV_OK) {
			bool blank = row.n == 1 && !row.lens[0];
			char *id;

			if (pass) {
				for (; line < row.line; line++)
					if (put(out, "\n", 1))
						goto out;
			}
			if (header && !blank) {
				header = false;
				idcol = id_column(rv, &row);
				if (!pass)
					place(rv, &row);
				if (rv->nomem)
					goto out;
			} else if (!blank && idcol && idcol <= row.n) {
				if (!(id = trimmed(row.fields[idcol - 1])))
					goto out;
				id_range(rv, id, &lo, &hi);
				free(id);
				for (size_t i = lo; i < hi; i++) {
					struct decision *dc = &rv->v[i];

					if (!pass) {
						dc->rows++;
						continue;
					}
					if (dc->rows != 1 || dc->conflict ||
					    dc->toolong ||
					    dc->same ||
					    !dc->target || dc->target > row.n ||
					    !doubtful(row.fields[dc->target -
								 1]))
						continue;
					row.fields[dc->target - 1] = dc->value;
					dc->applied = true;
				}
				if (pass && note_unapplied(rv, &row, lo, hi))
					goto out;
			}
			if (!pass)
				continue;
			for (size_t j = 0; j < row.n; j++)
				if ((j && put(out, ",", 1)) ||
				    put_field(out, row.fields[j]))
					goto out;
		}
		/* the text comes from the workbook's cells, so it always
		 * reads to its end, unless memory runs out */
		if (e != CSV_EOF)
			goto out;
		csv_reader_release(&r);
	}
	rc = put(out, "\n", 1);
	return rc;
out:
	csv_reader_release(&r);
	return rc;
}

/* Report each decision that was not applied, once per cell. */
static void report(struct gradebook *gb, const char *file,
		   struct review *rv)
{
	for (size_t i = 0; i < rv->n; i++) {
		struct decision *dc = &rv->v[i];
		char why[400];

		if (dc->applied || (dc->same && dc->same->applied))
			continue;
		if (dc->toolong) {
			gradebook_problem(gb, file, dc->row, dc->col, NULL, 0,
					  "worksheet '%s': a cell of this "
					  "decision is longer than %u bytes: not "
					  "applied", rv->sheet, MAX_CELL);
			continue;
		}
		if (!dc->rows)
			snprintf(why, sizeof(why), "no row of the first "
				 "worksheet has that candidate id");
		else if (dc->rows > 1)
			snprintf(why, sizeof(why), "more than one row of the "
				 "first worksheet has that candidate id");
		else if (!dc->target)
			snprintf(why, sizeof(why), "the first worksheet has "
				 "no such column: is the question number "
				 "mistyped?");
		else if (dc->conflict)
			snprintf(why, sizeof(why), "another decision for the "
				 "same cell differs");
		else if (dc->open && *dc->open)
			snprintf(why, sizeof(why), "that cell holds '%.40s', "
				 "not a doubtful mark ('?...'), while the "
				 "row's doubtful %s %.200s: is the question "
				 "number mistyped?",
				 dc->found ? dc->found : "",
				 strchr(dc->open, ',') ? "cells are in columns"
						       : "cell is in column",
				 dc->open);
		else
			snprintf(why, sizeof(why), "that cell holds '%.40s', "
				 "no longer a doubtful mark ('?...'): it was "
				 "changed in the first worksheet",
				 dc->found ? dc->found : "");
		gradebook_problem(gb, file, dc->row, dc->col, NULL, 0,
				  "worksheet '%s': decision '%s' for candidate "
				  "'%s', column '%s' not applied: %s",
				  rv->sheet, dc->value, dc->id, dc->column,
				  why);
	}
}

/* Apply the decisions of 待复核. */
int review_apply(struct gradebook *gb, const char *file, const char *data,
		 size_t len, const char *csv, size_t csvlen, char **out,
		 size_t *outlen, struct diags *d)
{
	struct review rv;
	struct text t = { NULL, 0, 0 };
	char err[320];
	enum xlsx_err e;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	memset(&rv, 0, sizeof(rv));
	rv.sheet = REVIEW_SHEET;
	e = xlsx_read_sheet_cells(data, len, REVIEW_SHEET, on_cell, &rv, err,
				  sizeof(err));
	if (e == XLSX_NO_SHEET) {
		rv.sheet = REVIEW_SHEET_HANT;
		e = xlsx_read_sheet_cells(data, len, REVIEW_SHEET_HANT,
					  on_cell, &rv, err, sizeof(err));
	}
	if (e == XLSX_OK)
		end_row(&rv);
	if (rv.nomem || e == XLSX_ENOMEM)
		goto out;
	if (e == XLSX_NO_SHEET) {
		rc = 0;
		goto out;
	}
	if (e != XLSX_OK) {
		gradebook_problem(gb, file, 0, 0, NULL, 0, "worksheet '%s': "
				  "%s; no decision applied", rv.sheet, err);
	} else if (!rv.header_row) {
		gradebook_problem(gb, file, 0, 0, NULL, 0, "worksheet '%s' "
				  "has no header with '" REVIEW_ID "', '"
				  REVIEW_COLUMN "' and '" REVIEW_DECISION "'; "
				  "no decision applied", rv.sheet);
	} else if (rv.toomany) {
		gradebook_problem(gb, file, 0, 0, NULL, 0, "worksheet '%s' "
				  "has more than %u decisions; none applied",
				  rv.sheet, MAX_DECISIONS);
	} else {
		qsort(rv.v, rv.n, sizeof(*rv.v), decision_cmp);
		if (rewrite(&rv, csv, csvlen, &t) < 0)
			goto out;
		report(gb, file, &rv);
		if (d && rv.undecided)
			diags_add(d, DIAG_WARNING, file, 0, 0, "worksheet '%s': "
				  "%zu marks without a decision in '%s': they "
				  "stay doubtful", rv.sheet, rv.undecided,
				  strcmp(rv.sheet, REVIEW_SHEET) ?
				  REVIEW_DECISION_HANT : REVIEW_DECISION);
		*out = t.p;
		*outlen = t.len;
		t.p = NULL;
		rc = 0;
		goto out;
	}
	/* the worksheet cannot be used: grade the cells as they are */
	rc = 0;
out:
	drop_row(&rv);
	for (size_t i = 0; i < rv.n; i++) {
		free(rv.v[i].id);
		free(rv.v[i].column);
		free(rv.v[i].value);
		free(rv.v[i].found);
		free(rv.v[i].open);
	}
	for (size_t i = 0; i < rv.nhead; i++)
		free(rv.head[i]);
	free(rv.head);
	free(rv.v);
	free(t.p);
	return rc;
}
