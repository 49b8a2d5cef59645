/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.c - the item history of a bank (see history.h). */
#include "bank/history.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"

/* Columns of a history row. */
enum { H_DATE, H_PAPER, H_BUILD, H_FORMS, H_ITEM, H_TYPE, H_POINTS, H_N,
       H_EXPOSURE, H_P, H_DISC, H_R, H_NCOLS };

/* A history file is at most this big. */
#define HISTORY_MAX ((size_t)1 << 30)

/* Prepare an empty history. */
void history_init(struct history *h)
{
	memset(h, 0, sizeof(*h));
	arena_init(&h->text);
}

/* Free what h holds. */
void history_release(struct history *h)
{
	free(h->rows);
	arena_release(&h->text);
	history_init(h);
}

/* Add a copy of row r to h. */
int history_add(struct history *h, const struct history_row *r)
{
	struct history_row *c;

	if (ARRAY_GROW(h->rows, h->cap, h->n + 1) < 0)
		return -1;
	c = &h->rows[h->n];
	*c = *r;
	if (!(c->date = arena_strdup(&h->text, r->date)) ||
	    !(c->paper = arena_strdup(&h->text, r->paper)) ||
	    !(c->build = arena_strdup(&h->text, r->build)) ||
	    !(c->forms = arena_strdup(&h->text, r->forms)) ||
	    !(c->item = arena_strdup(&h->text, r->item)) ||
	    !(c->type = arena_strdup(&h->text, r->type)))
		return -1;
	h->n++;
	return 0;
}

/* Field s as a number into *v: false when not one (or empty and not
 * optional). */
static bool number(const char *s, bool optional, double *v, bool *has)
{
	char *end;

	*has = *s != 0;
	if (!*s)
		return optional;
	*v = strtod(s, &end);
	return *end == 0 && isfinite(*v);
}

/* True if s is a date YYYY-MM-DD. */
static bool is_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";

	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return false;
	return s[sizeof(shape) - 1] == 0;
}

/* Read one data row of the history into h; false (with the problem in
 * d) when it is not a history row. */
static bool read_row(struct history *h, const struct csv_row *row,
		     const char *path, struct diags *d)
{
	struct history_row r;
	double n, e;
	bool has, ok;

	if (row->n != H_NCOLS) {
		diags_error(d, path, row->line, 1, "a history row has %d "
			    "fields, this one %zu", H_NCOLS, row->n);
		return false;
	}
	memset(&r, 0, sizeof(r));
	r.date = row->fields[H_DATE];
	r.paper = row->fields[H_PAPER];
	r.build = row->fields[H_BUILD];
	r.forms = row->fields[H_FORMS];
	r.item = row->fields[H_ITEM];
	r.type = row->fields[H_TYPE];
	r.line = row->line;
	ok = is_date(r.date) && *r.item &&
	     number(row->fields[H_POINTS], false, &r.points, &has) &&
	     number(row->fields[H_N], false, &n, &has) && n >= 0 &&
	     number(row->fields[H_EXPOSURE], false, &e, &has) && e >= n &&
	     number(row->fields[H_P], n == 0, &r.p, &has) &&
	     number(row->fields[H_DISC], true, &r.disc, &r.has_disc) &&
	     number(row->fields[H_R], true, &r.r, &r.has_r);
	if (!ok) {
		diags_error(d, path, row->line, 1, "not a history row: a date "
			    "(YYYY-MM-DD), a question id, and numbers where "
			    "the header says (exposure at least n)");
		return false;
	}
	r.n = (size_t)n;
	r.exposure = (size_t)e;
	if (history_add(h, &r) < 0) {
		diags_oom(d);
		return false;
	}
	return true;
}

/* Read the history file path into h. */
int history_read(struct history *h, const char *path, struct diags *d)
{
	struct csv_reader rd;
	struct csv_row row;
	enum csv_err ce;
	enum fileio_err fe;
	char *buf;
	size_t len, errors = d->errors;
	const char *text;

	fe = fileio_read(path, HISTORY_MAX, &buf, &len);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, path,
			    "cannot read the item history");
		return -1;
	}
	text = buf;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	csv_reader_init(&rd, text, len);
	if (len == 0)		/* a file just created: no rows yet */
		goto out;
	ce = csv_next(&rd, &row);
	if (ce != CSV_OK || row.n != H_NCOLS ||
	    strcmp(row.fields[0], "date")) {
		diags_error(d, path, 1, 1, "not an item history: the header "
			    "must be '%s'", HISTORY_HEADER);
		goto out;
	}
	while ((ce = csv_next(&rd, &row)) == CSV_OK)
		if (!(row.n == 1 && !*row.fields[0]))	/* blank line */
			read_row(h, &row, path, d);
	if (ce != CSV_EOF)
		diags_error(d, path, rd.err_line, rd.err_col, "%s",
			    csv_strerror(ce));
out:
	csv_reader_release(&rd);
	free(buf);
	return d->errors > errors ? -1 : 0;
}

/* Write an optional statistic. */
static void write_stat(FILE *fp, bool has, double v)
{
	fputc(',', fp);
	if (has)
		fprintf(fp, "%.6f", v);
}

/* Write h as a history file. */
int history_write(FILE *fp, const struct history *h)
{
	fputs(HISTORY_HEADER "\n", fp);
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->rows[i];
		const char *text[] = { r->date, r->paper, r->build, r->forms,
				       r->item, r->type };

		for (size_t t = 0; t < sizeof(text) / sizeof(*text); t++) {
			if (t)
				fputc(',', fp);
			csv_write_text(fp, text[t]);
		}
		fputc(',', fp);
		csv_write_number(fp, r->points);
		fprintf(fp, ",%zu,%zu", r->n, r->exposure);
		write_stat(fp, r->n > 0, r->p);
		write_stat(fp, r->has_disc, r->disc);
		write_stat(fp, r->has_r, r->r);
		fputc('\n', fp);
	}
	return ferror(fp) ? -1 : 0;
}

/* qsort order of row pointers: by question id, then date, then file
 * order. */
static int cmp_rows(const void *a, const void *b)
{
	const struct history_row *x = *(const struct history_row *const *)a,
				 *y = *(const struct history_row *const *)b;
	int c = strcmp(x->item, y->item);

	if (!c)
		c = strcmp(x->date, y->date);
	if (!c)
		c = (x->line > y->line) - (x->line < y->line);
	return c ? c : (x > y) - (x < y);
}

/* Print one statistic over the rows of one question. */
static void print_series(FILE *fp, const char *name,
			 struct history_row *const *r, size_t n, int which)
{
	fputs(name, fp);
	for (size_t i = 0; i < n; i++) {
		bool has = which == 0 ? r[i]->n > 0 : which == 1 ?
			   r[i]->has_disc : r[i]->has_r;
		double v = which == 0 ? r[i]->p : which == 1 ? r[i]->disc :
			   r[i]->r;

		if (has)
			fprintf(fp, " %.2f", v);
		else
			fputs(" -", fp);
	}
}

/* Print what drifts or went bad in the rows of one question, the latest
 * against the earlier ones pooled by candidates: p by the two-proportion
 * z test (two-sided 1%), the item-rest r by Fisher's z of the drop
 * (one-sided 5%) when it ends under HISTORY_R_LOW; and an r under it in
 * every administration. */
static void print_alarms(FILE *fp, struct history_row *const *r, size_t n)
{
	const struct history_row *last = r[n - 1];
	double n0 = 0, p0 = 0, z0 = 0, nr = 0, n1 = (double)last->n, pbar, z;
	bool weak = true;

	if (last->n < HISTORY_MIN_N)
		return;
	for (size_t i = 0; i < n; i++)
		weak = weak && (!r[i]->has_r || r[i]->r < HISTORY_R_LOW);
	for (size_t i = 0; i + 1 < n; i++) {
		n0 += (double)r[i]->n;
		p0 += (double)r[i]->n * r[i]->p;
		if (r[i]->has_r && r[i]->n > 3 && fabs(r[i]->r) < 1) {
			z0 += (double)(r[i]->n - 3) * atanh(r[i]->r);
			nr += (double)(r[i]->n - 3);
		}
	}
	if (n0 > 0 && n1 > 0) {
		p0 /= n0;
		pbar = (n0 * p0 + n1 * last->p) / (n0 + n1);
		z = pbar > 0 && pbar < 1 ? (last->p - p0) /
		    sqrt(pbar * (1 - pbar) * (1 / n0 + 1 / n1)) : 0;
		if (fabs(z) > HISTORY_DRIFT_Z)
			fprintf(fp, "    drifts: p %.2f on %s against %.2f "
				"before (z %+.1f)\n", last->p, last->date, p0,
				z);
	}
	if (nr > 0 && last->has_r && last->r < HISTORY_R_LOW &&
	    fabs(last->r) < 1 && last->n > 3) {
		z0 /= nr;
		z = (z0 - atanh(last->r)) /
		    sqrt(1 / nr + 1 / (double)(last->n - 3));
		if (z > HISTORY_BAD_Z)
			fprintf(fp, "    went bad: item-rest r %.2f on %s, "
				"%.2f before (Fisher z %+.1f)\n", last->r,
				last->date, tanh(z0), z);
	}
	if (weak && last->has_r)
		fprintf(fp, "    weak: item-rest r under %.2f in every "
			"administration\n", HISTORY_R_LOW);
}

/* Print, per question of h, its statistics over time and alarms. */
int history_report(FILE *fp, const struct history *h)
{
	struct history_row **v = malloc((h->n ? h->n : 1) * sizeof(*v));
	size_t items = 0;

	if (!v)
		return -1;
	for (size_t i = 0; i < h->n; i++)
		v[i] = &h->rows[i];
	qsort(v, h->n, sizeof(*v), cmp_rows);
	for (size_t i = 0; i < h->n; i++)
		items += i == 0 || strcmp(v[i]->item, v[i - 1]->item);
	fprintf(fp, "item history: %zu questions, %zu rows\n", items, h->n);
	for (size_t i = 0, j; i < h->n; i = j) {
		size_t cands = 0, exposure = 0;

		for (j = i; j < h->n && !strcmp(v[j]->item, v[i]->item); j++) {
			cands += v[j]->n;
			exposure += v[j]->exposure;
		}
		fprintf(fp, "  %s (%s): %zu %s, %zu candidates, exposure %zu "
			"(last %s);", v[i]->item, v[i]->type, j - i,
			j - i == 1 ? "administration" : "administrations",
			cands, exposure, v[j - 1]->date);
		print_series(fp, " p", v + i, j - i, 0);
		print_series(fp, ", D", v + i, j - i, 1);
		print_series(fp, ", r", v + i, j - i, 2);
		fputc('\n', fp);
		print_alarms(fp, v + i, j - i);
	}
	free(v);
	return ferror(fp) ? -1 : 0;
}
