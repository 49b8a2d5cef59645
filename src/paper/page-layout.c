/* SPDX-License-Identifier: GPL-3.0-or-later */
/* page-layout.c - the QR codes and writing regions of a paper's pages (see
 * page-layout.h): built by the PDF paper, written into the key and read
 * back through field tables. */
#include "paper/page-layout.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "yaml/yfield.h"

#define PAGES_MAX 100000	/* pages of one candidate's paper */
#define QR_KIND "paper"		/* `kind` of a paper page's QR entry */

/* See page-layout.h. */
void page_layout_init(struct page_layout *pl)
{
	memset(pl, 0, sizeof(*pl));
}

/* See page-layout.h. */
void page_layout_release(struct page_layout *pl)
{
	free(pl->qr);
	free(pl->regions);
	page_layout_init(pl);
}

/* See page-layout.h. */
int page_layout_add_qr(struct page_layout *pl, unsigned page, double x,
		       double y, double size)
{
	if (ARRAY_GROW(pl->qr, pl->qr_cap, pl->nqr + 1) < 0)
		return -1;
	pl->qr[pl->nqr++] = (struct page_qr){ page, x, y, size };
	return 0;
}

/* See page-layout.h. */
int page_layout_add_region(struct page_layout *pl, unsigned page, double x,
			   double y, double w, double h, unsigned question)
{
	if (ARRAY_GROW(pl->regions, pl->regions_cap, pl->nregions + 1) < 0)
		return -1;
	pl->regions[pl->nregions++] = (struct page_region){ page, x, y, w, h,
							    question };
	return 0;
}

/* See page-layout.h. */
const struct page_qr *page_layout_qr(const struct page_layout *pl,
				     unsigned page)
{
	for (size_t i = 0; i < pl->nqr; i++)
		if (pl->qr[i].page == page)
			return &pl->qr[i];
	return NULL;
}

/* See page-layout.h. */
int page_layout_write_qr(FILE *fp, const struct page_layout *pl)
{
	char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX], c[FORMAT_NUMBER_MAX];

	for (size_t i = 0; i < pl->nqr; i++)
		fprintf(fp, "    - {page: %u, x: %s, y: %s, size: %s, kind: "
			QR_KIND "}\n", pl->qr[i].page,
			format_number(pl->qr[i].x, a),
			format_number(pl->qr[i].y, b),
			format_number(pl->qr[i].size, c));
	return ferror(fp) ? -1 : 0;
}

/* See page-layout.h. */
int page_layout_write_regions(FILE *fp, const struct page_layout *pl)
{
	char x[FORMAT_NUMBER_MAX], y[FORMAT_NUMBER_MAX];
	char w[FORMAT_NUMBER_MAX], h[FORMAT_NUMBER_MAX];

	fputs(pl->nregions ? "  regions:\n" : "  regions: []\n", fp);
	for (size_t i = 0; i < pl->nregions; i++) {
		const struct page_region *r = &pl->regions[i];

		fprintf(fp, "    - {page: %u, x: %s, y: %s, w: %s, h: %s, "
			"question: %u}\n", r->page, format_number(r->x, x),
			format_number(r->y, y), format_number(r->w, w),
			format_number(r->h, h), r->question);
	}
	return ferror(fp) ? -1 : 0;
}

/* See page-layout.h. */
bool page_layout_is_paper_qr(const struct ynode *e)
{
	const struct ynode *k = e->kind == YNODE_MAP ? ynode_get(e, "kind") :
				NULL;

	return k && k->kind == YNODE_SCALAR && !strcmp(k->str, QR_KIND);
}

/* Read a number in lo..hi into the double at f->off of obj. */
static int read_range(const struct ysource *src, const struct ynode *v,
		      const struct yfield *f, void *obj, double lo,
		      double hi)
{
	double x;

	if (yvalue_number(src, v, f->key, &x) < 0)
		return -1;
	if (!(x >= lo && x <= hi)) {
		yvalue_error(src, v, "'%s' must be a number from %g to %g",
			     f->key, lo, hi);
		return -1;
	}
	*(double *)((char *)obj + f->off) = x;
	return 0;
}

/* Read a position across the page (mm). */
static int read_x(const struct ysource *src, struct arena *a,
		  const struct ynode *v, const struct yfield *f, void *obj)
{
	(void)a;
	return read_range(src, v, f, obj, 0, PAGE_W);
}

/* Read a position down the page (mm). */
static int read_y(const struct ysource *src, struct arena *a,
		  const struct ynode *v, const struct yfield *f, void *obj)
{
	(void)a;
	return read_range(src, v, f, obj, 0, PAGE_H);
}

/* Read a QR code's side (mm). */
static int read_size(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj)
{
	(void)a;
	return read_range(src, v, f, obj, 1, 100);
}

/* Read a whole number from 1 into the unsigned at f->off of obj. */
static int read_count(const struct ysource *src, struct arena *a,
		      const struct ynode *v, const struct yfield *f,
		      void *obj)
{
	unsigned long long u;

	(void)a;
	if (yvalue_uint(src, v, f->key, PAGES_MAX, &u) < 0)
		return -1;
	if (!u) {
		yvalue_error(src, v, "'%s' must be 1 or more", f->key);
		return -1;
	}
	*(unsigned *)((char *)obj + f->off) = (unsigned)u;
	return 0;
}

#define Q_AT(m) offsetof(struct page_qr, m)
#define R_AT(m) offsetof(struct page_region, m)

/* A paper page's QR entry. */
static const struct yfield qr_fields[] = {
	{ "page", read_count, Q_AT(page), 0, "a paper page's qr lacks 'page'" },
	{ "x", read_x, Q_AT(x), 0, "a paper page's qr lacks 'x'" },
	{ "y", read_y, Q_AT(y), 0, "a paper page's qr lacks 'y'" },
	{ "size", read_size, Q_AT(size), 0, "a paper page's qr lacks 'size'" },
	{ "kind", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* A writing region. */
static const struct yfield region_fields[] = {
	{ "page", read_count, R_AT(page), 0, "a region lacks 'page'" },
	{ "x", read_x, R_AT(x), 0, "a region lacks 'x'" },
	{ "y", read_y, R_AT(y), 0, "a region lacks 'y'" },
	{ "w", read_x, R_AT(w), 0, "a region lacks 'w'" },
	{ "h", read_y, R_AT(h), 0, "a region lacks 'h'" },
	{ "question", read_count, R_AT(question), 0,
	  "a region lacks 'question'" },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read one mapping e of a list through fields into obj; -1 if reported. */
static int read_entry(const struct ysource *src, const struct ynode *e,
		      const struct yfield *fields, void *obj,
		      const char *what)
{
	int bad;

	if (e->kind != YNODE_MAP) {
		yvalue_error(src, e, "%s must be a mapping", what);
		return -1;
	}
	bad = yfield_check_keys(src, e, fields) > 0;
	return yfield_read(src, NULL, e, fields, obj) < 0 || bad ? -1 : 0;
}

/* See page-layout.h. */
int page_layout_load(struct page_layout *pl, const struct ynode *n,
		     const struct ysource *src)
{
	const struct ynode *qr = ynode_get(n, "qr");
	const struct ynode *rg = ynode_get(n, "regions");
	int rc = 0;

	for (size_t i = 0; qr && qr->kind == YNODE_SEQ && i < qr->n; i++) {
		struct page_qr s = { 0, 0, 0, 0 };

		if (!page_layout_is_paper_qr(qr->items[i]))
			continue;
		if (read_entry(src, qr->items[i], qr_fields, &s,
			       "a qr entry") < 0)
			rc = -1;
		else if (page_layout_qr(pl, s.page)) {
			yvalue_error(src, qr->items[i], "paper page %u has two "
				     "qr entries", s.page);
			rc = -1;
		} else if (page_layout_add_qr(pl, s.page, s.x, s.y, s.size) <
			   0) {
			diags_oom(src->d);
			return -1;
		}
	}
	if (!rg)
		return rc;
	if (rg->kind != YNODE_SEQ) {
		yvalue_error(src, rg, "layout 'regions' must be a list");
		return -1;
	}
	for (size_t i = 0; i < rg->n; i++) {
		struct page_region r = { 0, 0, 0, 0, 0, 0 };

		if (read_entry(src, rg->items[i], region_fields, &r,
			       "a region") < 0) {
			rc = -1;
			continue;
		}
		if (r.x + r.w > PAGE_W || r.y + r.h > PAGE_H || r.w <= 0 ||
		    r.h <= 0) {
			yvalue_error(src, rg->items[i], "a region must lie "
				     "on its page");
			rc = -1;
		} else if (!page_layout_qr(pl, r.page)) {
			yvalue_error(src, rg->items[i], "region on page %u, "
				     "which has no qr entry", r.page);
			rc = -1;
		} else if (page_layout_add_region(pl, r.page, r.x, r.y, r.w,
						  r.h, r.question) < 0) {
			diags_oom(src->d);
			return -1;
		}
	}
	return rc;
}
