/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-answers.c - paper pages identified and their answers cut out (see
 * scan-answers.h).  A page's map comes from its QR code (rotation, scale
 * and shift); each region's printed border is then looked for near where
 * the map puts it, so that the crop holds the region whatever the error
 * of a map taken from a small square.  Blank or written: the dark pixels
 * inside the border, against the region's own paper white, less the
 * printed lines (straight dark runs of RUN_MM or more). */
#include "scan/scan-answers.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "paper/sheet-layout.h"

#define SEARCH_MM 4.0	/* a border is looked for this far either side */
#define BOTTOM_MM 0.5	/* kept below the bottom border */
#define INSET_MM 1.5	/* left out inside the border when measuring */
#define RUN_MM 6.0	/* a straight dark run this long is printed */
#define DARK 0.65	/* ink: darker than this share of the paper white */
#define PATH_PART_MAX 64	/* bytes of a folder name made of a field */

/* See scan-answers.h. */
void scan_answers_init(struct scan_answers *a, const char *dir, bool force)
{
	memset(a, 0, sizeof(*a));
	a->dir = dir;
	a->force = force;
}

/* See scan-answers.h. */
void scan_answers_release(struct scan_answers *a)
{
	for (size_t i = 0; i < a->nrows; i++)
		free(a->rows[i].file);
	for (size_t i = 0; i < a->nbooks; i++)
		free(a->books[i].seen);
	free(a->rows);
	free(a->books);
	memset(a, 0, sizeof(*a));
}

/* The loaded key of the paper and form a QR code names, or NULL. */
static const struct key *find_key(struct key *const *keys, size_t nkeys,
				  const struct sheet_qr *q)
{
	for (size_t i = 0; i < nkeys; i++)
		if (!strcmp(keys[i]->paper, q->paper) &&
		    !strcmp(keys[i]->form, q->form))
			return keys[i];
	return NULL;
}

/* The grey level of g at image point (u, v), bilinear; white outside. */
static double grey_at(PIX *g, double u, double v, double white)
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	int x = (int)floor(u - 0.5), y = (int)floor(v - 0.5);
	double fx = u - 0.5 - x, fy = v - 0.5 - y, s = 0;
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);

	for (int j = 0; j < 2; j++)
		for (int i = 0; i < 2; i++) {
			int xi = x + i, yj = y + j;
			double p = xi < 0 || yj < 0 || xi >= w || yj >= h ?
				   white : GET_DATA_BYTE(data + (size_t)yj *
							 (size_t)wpl, xi);

			s += p * (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
		}
	return s;
}

/* The mean grey along the page segment (x0, y0)-(x1, y1) in mm. */
static double line_grey(PIX *g, const struct scan_geom *geo, double x0,
			double y0, double x1, double y1)
{
	int n = (int)(hypot(x1 - x0, y1 - y0) * geo->ppm / 2) + 2;
	double s = 0;

	for (int i = 0; i < n; i++) {
		double t = (i + 0.5) / n, u, v;

		scan_geom_map(geo, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, &u,
			      &v);
		s += grey_at(g, u, v, geo->white);
	}
	return s / n;
}

/* The offset within +-range mm that puts the border line across (along
 * x when across, else along y) at its darkest: from at `at` + offset,
 * spanning [lo, hi] the other way. */
static double find_border(PIX *g, const struct scan_geom *geo, bool across,
			  double at, double lo, double hi, double range)
{
	double best = 0, dark = 1e9, step = 0.5 / geo->ppm;

	for (double d = -range; d <= range; d += step) {
		double m = across ? line_grey(g, geo, lo, at + d, hi, at + d) :
				    line_grey(g, geo, at + d, lo, at + d, hi);

		if (m < dark) {
			dark = m;
			best = d;
		}
	}
	return best;
}

/* Cut region r out of g, deskewed, its box moved onto the printed border
 * found near it; NULL when out of memory. */
static PIX *cut(PIX *g, const struct scan_geom *geo,
		const struct page_region *r)
{
	double x = r->x, y = r->y, w = r->w, h = r->h, dpi = geo->ppm * 25.4;
	double top, left, right, bottom;
	int cw, ch;
	PIX *c;

	top = find_border(g, geo, true, y, x + 3, x + w - 3, SEARCH_MM);
	left = find_border(g, geo, false, x, y + 3, y + h - 3, SEARCH_MM);
	right = find_border(g, geo, false, x + w, y + 3, y + h - 3,
			    SEARCH_MM);
	/* not looked for: the last ruled line is too near it */
	bottom = top + BOTTOM_MM;
	x += left;
	y += top;
	w += right - left;
	h += bottom - top;
	cw = (int)lround(w * geo->ppm);
	ch = (int)lround(h * geo->ppm);
	if (cw < 1 || ch < 1 || !(c = pixCreate(cw, ch, 8)))
		return NULL;
	pixSetResolution(c, (l_int32)lround(dpi), (l_int32)lround(dpi));
	for (int j = 0; j < ch; j++) {
		l_uint32 *line = pixGetData(c) + (size_t)j *
				 (size_t)pixGetWpl(c);

		for (int i = 0; i < cw; i++) {
			double u, v, p;

			scan_geom_map(geo, x + (i + 0.5) / geo->ppm,
				      y + (j + 0.5) / geo->ppm, &u, &v);
			p = grey_at(g, u, v, geo->white);
			SET_DATA_BYTE(line, i, (l_uint8)lround(p));
		}
	}
	return c;
}

/* Mark as printed (2) the dark pixels (1) of every straight run of at
 * least len in m (w x h, stepping by `step` along a line and `next`
 * between lines), with the dark pixels either side of it. */
static void printed_runs(unsigned char *m, int w, int h, int len, bool rows)
{
	int lines = rows ? h : w, along = rows ? w : h;

	for (int l = 0; l < lines; l++)
		for (int i = 0; i < along;) {
			int j = i;

			while (j < along && m[rows ? (size_t)l * (size_t)w + (size_t)j :
					      (size_t)j * (size_t)w + (size_t)l])
				j++;
			if (j - i >= len)
				for (int k = i; k < j; k++)
					for (int s = -1; s <= 1; s++) {
						int ll = l + s;
						size_t at;

						if (ll < 0 || ll >= lines)
							continue;
						at = rows ? (size_t)ll * (size_t)w +
							    (size_t)k :
						     (size_t)k * (size_t)w +
							    (size_t)ll;
						if (m[at])
							m[at] = 2;
					}
			i = j + 1;
		}
}

/* True when crop c holds no writing; -1 when out of memory. */
static int is_blank(PIX *c, double ppm)
{
	int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c);
	int in = (int)lround(INSET_MM * ppm), len = (int)lround(RUN_MM * ppm);
	unsigned hist[256] = { 0 };
	unsigned char *m = calloc((size_t)w * (size_t)h, 1);
	double white = 255, ink = 0, seen = 0;

	if (!m)
		return -1;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			hist[GET_DATA_BYTE(pixGetData(c) + (size_t)y *
					   (size_t)pixGetWpl(c), x) & 255]++;
	/* the region's own paper: the level 90% of its pixels are below */
	for (int v = 0; v < 256; v++) {
		seen += hist[v];
		if (seen >= 0.9 * w * h) {
			white = v;
			break;
		}
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			m[(size_t)y * (size_t)w + (size_t)x] = GET_DATA_BYTE(pixGetData(c) +
				(size_t)y * (size_t)pixGetWpl(c), x) <
				DARK * white;
	printed_runs(m, w, h, len, true);
	printed_runs(m, w, h, len, false);
	for (int y = in; y < h - in; y++)
		for (int x = in; x < w - in; x++)
			ink += m[(size_t)y * (size_t)w + (size_t)x] == 1;
	free(m);
	return ink < SCAN_WRITTEN_MM2 * ppm * ppm;
}

/* Copy s into out (PATH_PART_MAX bytes) fit to be a folder name: path
 * separators, control characters and a leading dot become '_'. */
static const char *path_part(const char *s, char *out)
{
	size_t n = 0;

	for (; *s && n + 1 < PATH_PART_MAX; s++, n++)
		out[n] = *s == '/' || *s == '\\' || (unsigned char)*s < 32 ||
			 (!n && *s == '.') ? '_' : *s;
	out[n] = '\0';
	return n ? out : "_";
}

/* The booklet of candidate cand of key k, added if new; NULL when out of
 * memory. */
static struct scan_booklet *booklet(struct scan_answers *a,
				    const struct key *k, const char *cand,
				    const char *file, unsigned page)
{
	struct scan_booklet *b;

	for (size_t i = 0; i < a->nbooks; i++)
		if (a->books[i].key == k && !strcmp(a->books[i].cand, cand))
			return &a->books[i];
	if (ARRAY_GROW(a->books, a->books_cap, a->nbooks + 1) < 0)
		return NULL;
	b = &a->books[a->nbooks];
	memset(b, 0, sizeof(*b));
	b->seen = calloc(k->pages.nqr + 2, 1);
	if (!b->seen)
		return NULL;
	a->nbooks++;
	b->key = k;
	snprintf(b->cand, sizeof(b->cand), "%s", cand);
	b->file = file;
	b->page = page;
	return b;
}

/* Cut region i of key k's pages out of g into the folder, as a row for
 * candidate cand; -1 on a system error (reported). */
static int cut_region(struct scan_answers *a, const struct key *k,
		      size_t i, const char *cand, PIX *g,
		      const struct scan_geom *geo, struct diags *d)
{
	const struct page_region *r = &k->pages.regions[i];
	char pp[PATH_PART_MAX], cp[PATH_PART_MAX], *dir = NULL, *path = NULL;
	char rel[3 * PATH_PART_MAX + 32];
	struct scan_answer *row;
	l_uint8 *png = NULL;
	size_t len = 0;
	unsigned part = 1;
	enum fileio_err fe;
	int blank, rc = -1;
	PIX *c = NULL;

	for (size_t j = 0; j < i; j++)
		part += k->pages.regions[j].question == r->question;
	if (ARRAY_GROW(a->rows, a->rows_cap, a->nrows + 1) < 0)
		goto oom;
	row = &a->rows[a->nrows];
	memset(row, 0, sizeof(*row));
	row->key = k;
	snprintf(row->cand, sizeof(row->cand), "%s", cand);
	row->question = r->question;
	row->part = part;
	row->page = r->page;
	snprintf(rel, sizeof(rel), "%s/%s/%s/q%u-%u.png",
		 path_part(k->paper, pp), k->build, path_part(cand, cp),
		 r->question, part);
	row->file = strdup(rel);
	*strrchr(rel, '/') = '\0';
	dir = fileio_join(a->dir, rel);
	path = row->file ? fileio_join(a->dir, row->file) : NULL;
	if (!row->file || !dir || !path || !(c = cut(g, geo, r)) || (blank = is_blank(c, geo->ppm)) < 0 ||
	    pixWriteMemPng(&png, &len, c, 0))
		goto oom;
	row->blank = blank;
	a->blank += (size_t)blank;
	a->nrows++;
	/* answers.csv is what says a run is done: a crop left by a run
	 * that stopped before writing it is replaced */
	if (fileio_mkdirs(dir) < 0) {
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "cannot create '%s': "
			   "%s", dir, diag_errno(errno));
		goto out;
	}
	fe = fileio_write(path, png, len, true);
	if (fe != FILEIO_OK) {
		diags_fail(d, fileio_class(fe, errno), NULL, 0, 0, "cannot "
			   "write '%s': %s", path, fe == FILEIO_EIO ?
			   diag_errno(errno) : fileio_strerror(fe));
		goto out;
	}
	rc = 0;
	goto out;
oom:
	diags_oom(d);
out:
	if (c)
		pixDestroy(&c);
	free(png);
	free(dir);
	free(path);
	return rc;
}

/* See scan-answers.h. */
int scan_answers_page(struct scan_answers *a, struct key *const *keys,
		      size_t nkeys, struct scan_qr_reader *qr, PIX *g,
		      const char *file, unsigned page, struct diags *d,
		      size_t *unread)
{
	const struct page_qr *sq;
	const struct key *k;
	struct scan_booklet *b;
	struct scan_geom geo;
	struct sheet_qr q;
	double loc[4][2];
	char text[512];

	if (!scan_page_find_qr(g, qr, text, sizeof(text), loc) ||
	    !sheet_qr_parse(text, strlen(text), &q) || !q.paper_page)
		return 0;
	a->pages++;
	k = find_key(keys, nkeys, &q);
	if (!k || !k->build || strcmp(k->build, q.build)) {
		(*unread)++;
		diags_error(d, file, 0, 0, "page %u: page %u of a paper of %s "
			    "'%s' form '%s', for which no key is loaded: page "
			    "not read", page, q.page, k ? "build" : "paper",
			    k ? q.build : q.paper, q.form);
		return 1;
	}
	if (!a->dir)
		return 1;
	if (!*q.cand) {
		if (!a->anonymous)
			diags_add(d, DIAG_WARNING, file, 0, 0, "page %u: a "
				  "paper page of a copy printed for no "
				  "candidate: its answers are not cut (build "
				  "with --roster to print each candidate's "
				  "id on every page)", page);
		a->anonymous = true;
		return 1;
	}
	sq = page_layout_qr(&k->pages, q.page);
	if (!sq) {
		(*unread)++;
		diags_error(d, file, 0, 0, "page %u: the key of paper '%s' "
			    "form '%s' has no page %u: page not read", page,
			    q.paper, q.form, q.page);
		return 1;
	}
	b = booklet(a, k, q.cand, file, page);
	if (!b) {
		diags_oom(d);
		return -1;
	}
	if (b->seen[q.page]) {
		(*unread)++;
		diags_error(d, file, 0, 0, "page %u: paper page %u of "
			    "candidate '%s' again: page not read", page,
			    q.page, q.cand);
		return 1;
	}
	b->seen[q.page] = 1;
	scan_geom_from_qr(&geo, g, loc, sq->x, sq->y, sq->size);
	for (size_t i = 0; i < k->pages.nregions; i++)
		if (k->pages.regions[i].page == q.page &&
		    cut_region(a, k, i, q.cand, g, &geo, d) < 0)
			return -1;
	return 1;
}

/* See scan-answers.h. */
void scan_answers_finish(const struct scan_answers *a, struct diags *d)
{
	for (size_t i = 0; i < a->nbooks; i++) {
		const struct scan_booklet *b = &a->books[i];
		const struct page_layout *pl = &b->key->pages;

		for (size_t j = 0; j < pl->nregions; j++) {
			unsigned p = pl->regions[j].page;

			/* once per page */
			if (b->seen[p] || (j && pl->regions[j - 1].page == p))
				continue;
			diags_error(d, b->file, 0, 0, "page %u: the paper of "
				    "candidate '%s' (form %s) lacks its page "
				    "%u: its answers there are not cut",
				    b->page, b->cand, b->key->form, p);
		}
	}
}

/* answers.csv order: paper, build, candidate, question, part. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct scan_answer *x = pa, *y = pb;
	int c = strcmp(x->key->paper, y->key->paper);

	if (!c)
		c = strcmp(x->key->build, y->key->build);
	if (!c)
		c = strcmp(x->cand, y->cand);
	if (!c)
		c = (x->question > y->question) - (x->question < y->question);
	if (!c)
		c = (x->part > y->part) - (x->part < y->part);
	return c;
}

/* See scan-answers.h. */
int scan_answers_write(struct scan_answers *a, FILE *fp)
{
	qsort(a->rows, a->nrows, sizeof(*a->rows), row_cmp);
	fputs("paper,build,form,candidate_id,name,question,part,page,file,"
	      "blank\n", fp);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct scan_answer *r = &a->rows[i];

		csv_write_text(fp, r->key->paper);
		fprintf(fp, ",%s,%s,", r->key->build, r->key->form);
		csv_write_text(fp, r->cand);
		fprintf(fp, ",,%u,%u,%u,", r->question, r->part, r->page);
		csv_write_text(fp, r->file);
		fprintf(fp, ",%d\n", r->blank);
	}
	return ferror(fp) ? -1 : 0;
}
