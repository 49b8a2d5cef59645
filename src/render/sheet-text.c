/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-text.c - the answer sheet as a plain listing for text and Markdown
 * papers: the words and bubbles of the sheet layout, line by line in the
 * order they are printed (the candidate-id grid, only useful on paper, is
 * left out). */
#include "render/sheet-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "paper/sheet-layout.h"
#include "render/md-escape.h"

/* One thing on a line: words or a bubble. */
struct cell {
	unsigned page;
	double x, y;			/* y: the middle of the line */
	const struct sheet_text *t;
	const struct sheet_bubble *b;
};

/* Top to bottom: page, then y. */
static int cell_cmp_y(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return (x->y > y->y) - (x->y < y->y);
}

/* Left to right. */
static int cell_cmp_x(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	return (x->x > y->x) - (x->x < y->x);
}

/* Text of a bubble: "(A)", "(10)", "(.5)". */
static void bubble_text(FILE *fp, const struct sheet_bubble *b)
{
	if (b->kind == SB_OPTION)
		fprintf(fp, "(%c)", b->option);
	else if (b->group == SG_HALF)
		fputs("(.5)", fp);
	else
		fprintf(fp, "(%g)", b->value);
}

/* Write the listing. */
int sheet_text_write(FILE *fp, bool md, const struct paper *p,
		     const struct paper_form *f)
{
	struct sheet_layout L;
	struct cell *v = NULL;
	size_t n = 0;
	int rc = -1;

	if (sheet_layout_build(&L, p, f, NULL, NULL) < 0)
		goto out;
	v = calloc(L.ntexts + L.nbubbles + 1, sizeof(*v));
	if (!v)
		goto out;
	for (size_t i = 0; i < L.ntexts; i++) {
		const struct sheet_text *t = &L.texts[i];

		if (t->id_grid)
			continue;
		v[n++] = (struct cell){ t->page, t->x, t->y + 2.2, t, NULL };
	}
	for (size_t i = 0; i < L.nbubbles; i++)
		if (L.bubbles[i].kind != SB_ID)
			v[n++] = (struct cell){ L.bubbles[i].page,
						L.bubbles[i].x, L.bubbles[i].y,
						NULL, &L.bubbles[i] };
	qsort(v, n, sizeof(*v), cell_cmp_y);
	/* a line: the cells within 3 mm below its first one */
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && v[j].page == v[i].page &&
				v[j].y - v[i].y < 3.0; j++)
			;
		qsort(v + i, j - i, sizeof(*v), cell_cmp_x);
		if (i && v[i - 1].page != v[i].page)
			fputs(md ? "\n---\n" : "\n\f", fp);
		if (i)
			fputs(md ? "  \n" : "\n", fp);
		for (size_t k = i; k < j; k++) {
			if (k == i && v[k].t && (v[k].t->role == SR_HEAD ||
						 v[k].t->role == SR_TITLE))
				fputs(md ? "\n### " : "\n", fp);
			else if (k > i)
				fputs(v[k].x - v[k - 1].x > 8 ? "   " : " ",
				      fp);
			if (v[k].t && md)
				md_escape(fp, v[k].t->text);
			else if (v[k].t)
				fputs(v[k].t->text, fp);
			else
				bubble_text(fp, v[k].b);
		}
	}
	fputs("\n", fp);
	rc = ferror(fp) ? -1 : 0;
out:
	free(v);
	sheet_layout_release(&L);
	return rc;
}
