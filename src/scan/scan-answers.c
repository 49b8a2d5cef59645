/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-answers.c - paper pages identified and their answers cut out (see
 * scan-answers.h).  A page's map comes from its QR code (rotation and
 * shift; the scale from the image's size); each region's ruled lines are
 * then looked for near where the map puts them, so that the crop holds
 * the region whatever the error of a map taken from a small square.
 * Blank or written: the dark pixels inside the border, against the
 * region's own paper white, less the printed lines (straight dark runs of
 * RUN_MM or more). */
#include "scan/scan-answers.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "paper/sheet-layout.h"

#define MARGIN_MM 4.5	/* a region is looked at this far around where
			 * the map puts it */
#define SHIFT_MM 3.5	/* its lines are looked for this far off: less
			 * than half their pitch, so that the page header's
			 * rule above a region at the top of a page is not
			 * taken for its first line */
#define INSET_MM 1.5	/* left out inside the border when measuring */
#define RUN_MM 6.0	/* a straight dark run this long is printed */
#define RUN_GAP 2	/* pixels of a gap a run steps over */
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

/* Cut the box (x, y, w, h) mm of the page out of g, upright, at the
 * map's scale; NULL when out of memory. */
static PIX *cut_box(PIX *g, const struct scan_geom *geo, double x, double y,
		    double w, double h)
{
	int cw = (int)lround(w * geo->ppm), ch = (int)lround(h * geo->ppm);
	l_int32 dpi = (l_int32)lround(geo->ppm * 25.4);
	PIX *c;

	if (cw < 1 || ch < 1 || !(c = pixCreate(cw, ch, 8)))
		return NULL;
	pixSetResolution(c, dpi, dpi);
	for (int j = 0; j < ch; j++) {
		l_uint32 *line = pixGetData(c) + (size_t)j *
				 (size_t)pixGetWpl(c);

		for (int i = 0; i < cw; i++) {
			double u, v;

			scan_geom_map(geo, x + (i + 0.5) / geo->ppm,
				      y + (j + 0.5) / geo->ppm, &u, &v);
			SET_DATA_BYTE(line, i, (l_uint8)lround(
				grey_at(g, u, v, geo->white)));
		}
	}
	return c;
}

/* The level 90% of the pixels of c are below: its paper white. */
static double crop_white(PIX *c)
{
	int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c);
	unsigned hist[256] = { 0 };
	double seen = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			hist[GET_DATA_BYTE(pixGetData(c) + (size_t)y *
					   (size_t)pixGetWpl(c), x) & 255]++;
	for (int v = 0; v < 256; v++) {
		seen += hist[v];
		if (seen >= 0.9 * w * h)
			return v;
	}
	return 255;
}

/* How many pixels of row y of c are in straight dark runs of at least
 * len pixels. */
static int row_runs(PIX *c, int y, double thr, int len)
{
	int w = (int)pixGetWidth(c), dark = 0;
	l_uint32 *line = pixGetData(c) + (size_t)y * (size_t)pixGetWpl(c);

	for (int x = 0; x < w;) {
		int e = x;

		while (e < w && GET_DATA_BYTE(line, e) < thr)
			e++;
		if (e - x >= len)
			dark += e - x;
		x = e + 1;
	}
	return dark;
}

/* Where the first straight dark run of at least len pixels starts in the
 * band of rows y0..y1 of c, a column counting as dark when any of its
 * pixels in the band is (a ruled line a little askew stays one run);
 * -1 if none. */
static int band_start(PIX *c, int y0, int y1, double thr, int len)
{
	int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c), run = 0;

	y0 = y0 < 0 ? 0 : y0;
	y1 = y1 >= h ? h - 1 : y1;
	for (int x = 0; x < w; x++) {
		bool dark = false;

		for (int y = y0; y <= y1 && !dark; y++)
			dark = GET_DATA_BYTE(pixGetData(c) + (size_t)y *
					     (size_t)pixGetWpl(c), x) < thr;
		run = dark ? run + 1 : 0;
		if (run >= len)
			return x - len + 1;
	}
	return -1;
}

/* The shift (mm) that puts region r's ruled lines where c, cut with a
 * margin of MARGIN_MM around r, shows them: down by the best match of
 * every line at once, across by where most lines start.  True when most
 * of its lines were found there. */
static bool find_lines(PIX *c, double ppm, const struct page_region *r,
		       double *dx, double *dy)
{
	int h = (int)pixGetHeight(c), len = (int)lround(RUN_MM * ppm);
	int n = (int)lround((r->h - PAGE_RULE_FIRST - PAGE_RULE_LAST) /
			    PAGE_RULE_PITCH) + 1;
	int m = (int)lround(SHIFT_MM * ppm), best = 0, score = 0;
	double thr = DARK * crop_white(c);
	int *dark = calloc((size_t)h, sizeof(*dark));
	int starts[64], nstarts = 0, band = (int)lround(0.8 * ppm);

	*dx = *dy = 0;
	if (!dark)
		goto out;
	for (int y = 0; y < h; y++)
		dark[y] = row_runs(c, y, thr, len);
	for (int s = -m; s <= m; s++) {
		int sum = 0;

		for (int k = 0; k < n; k++) {
			int y = (int)lround((MARGIN_MM + PAGE_RULE_FIRST +
					     k * PAGE_RULE_PITCH) * ppm) + s;
			int top = 0;

			for (int t = y - 1; t <= y + 1; t++)
				if (t >= 0 && t < h && dark[t] > top)
					top = dark[t];
			sum += top;
		}
		if (sum > score) {
			score = sum;
			best = s;
		}
	}
	if (!score)
		goto out;
	*dy = best / ppm;
	for (int k = 0; k < n && nstarts < 64; k++) {
		int y = (int)lround((MARGIN_MM + PAGE_RULE_FIRST +
				     k * PAGE_RULE_PITCH) * ppm) + best;
		int at = band_start(c, y - band, y + band, thr, len);

		if (at >= 0)
			starts[nstarts++] = at;
	}
	/* the median start, against where the lines begin */
	for (int i = 1; i < nstarts; i++)
		for (int j = i; j > 0 && starts[j - 1] > starts[j]; j--) {
			int t = starts[j];

			starts[j] = starts[j - 1];
			starts[j - 1] = t;
		}
	if (nstarts)
		*dx = starts[nstarts / 2] / ppm - MARGIN_MM -
		      PAGE_RULE_INSET;
out:
	free(dark);
	return 2 * nstarts >= n && n > 0;
}

/* Cut region r out of g, upright, moved onto its ruled lines as the
 * scan shows them (*lines: whether most were found); NULL when out of
 * memory. */
static PIX *cut(PIX *g, const struct scan_geom *geo,
		const struct page_region *r, bool *lines)
{
	double dx, dy;
	PIX *wide = cut_box(g, geo, r->x - MARGIN_MM, r->y - MARGIN_MM,
			    r->w + 2 * MARGIN_MM, r->h + 2 * MARGIN_MM);

	if (!wide)
		return NULL;
	*lines = find_lines(wide, geo->ppm, r, &dx, &dy);
	pixDestroy(&wide);
	return cut_box(g, geo, r->x + dx, r->y + dy, r->w, r->h);
}

/* The value of m (w x h) at position i along line l, by rows or by
 * columns. */
static unsigned char *at(unsigned char *m, int w, bool rows, int l, int i)
{
	return rows ? &m[(size_t)l * (size_t)w + (size_t)i] :
		      &m[(size_t)i * (size_t)w + (size_t)l];
}

/* Mark as printed (2) the dark pixels (1) of m (w x h) that lie on a
 * straight run of at least len along the rows (or the columns): a run
 * takes the line and those either side of it, and steps over gaps of up
 * to RUN_GAP, so that a printed line a little askew or broken by the
 * scan stays one run. */
static void printed_runs(unsigned char *m, int w, int h, int len, bool rows)
{
	int lines = rows ? h : w, along = rows ? w : h;

	for (int l = 0; l < lines; l++)
		for (int i = 0; i < along;) {
			int j = i, gap = 0, end = i;

			for (; j < along && gap <= RUN_GAP; j++) {
				bool dark = false;

				for (int s = l - 1; s <= l + 1; s++)
					dark |= s >= 0 && s < lines &&
						*at(m, w, rows, s, j);
				gap = dark ? 0 : gap + 1;
				if (dark)
					end = j + 1;
			}
			if (end - i >= len)
				for (int k = i; k < end; k++)
					for (int s = l - 1; s <= l + 1; s++)
						if (s >= 0 && s < lines &&
						    *at(m, w, rows, s, k))
							*at(m, w, rows, s, k) = 2;
			i = end > i ? end : i + 1;
		}
}

/* True when crop c holds no writing; -1 when out of memory. */
static int is_blank(PIX *c, double ppm)
{
	int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c);
	int in = (int)lround(INSET_MM * ppm), len = (int)lround(RUN_MM * ppm);
	unsigned char *m = calloc((size_t)w * (size_t)h, 1);
	double thr = DARK * crop_white(c), ink = 0;

	if (!m)
		return -1;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			m[(size_t)y * (size_t)w + (size_t)x] = GET_DATA_BYTE(
				pixGetData(c) + (size_t)y *
				(size_t)pixGetWpl(c), x) < thr;
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
	bool lines = false;
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
	if (!row->file || !dir || !path || !(c = cut(g, geo, r, &lines)) ||
	    (blank = is_blank(c, geo->ppm)) < 0 ||
	    pixWriteMemPng(&png, &len, c, 0))
		goto oom;
	/* blank only where the region was found: a crop that may be off
	 * goes to a marker */
	blank &= lines;
	row->blank = blank;
	a->blank += (size_t)blank;
	a->nrows++;
	/* answers.csv is what says a run is done: a crop left by a run
	 * that stopped before writing it is replaced */
	if (fileio_mkdirs(dir) < 0) {
		diags_errno(d, errno, NULL, "cannot create '%s'", dir);
		goto out;
	}
	fe = fileio_write(path, png, len, true);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, NULL, "cannot write '%s'", path);
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
int scan_answers_page(struct scan_answers *a, const struct keyset *keys,
		      struct scan_qr_reader *qr, PIX *g, const char *file,
		      unsigned page, struct diags *d, char *why)
{
	const struct page_qr *sq;
	const struct key *k;
	struct scan_booklet *b;
	struct scan_geom geo;
	struct sheet_qr q;
	double loc[4][2];
	char text[512];

	switch (scan_page_find_qr(g, qr, text, sizeof(text), loc)) {
	case SF_NOMEM:
		diags_oom(d);
		return -1;
	case SF_OK:
		break;
	default:
		return 0;
	}
	if (!sheet_qr_parse(text, strlen(text), &q) || !q.paper_page)
		return 0;
	a->pages++;
	k = keyset_find(keys, q.paper, q.form);
	if (!k) {
		snprintf(why, SCAN_WHY_MAX, "a paper page of paper '%s' form "
			 "'%s', for which no key is loaded", q.paper, q.form);
		return 2;
	}
	if (!k->build || strcmp(k->build, q.build)) {
		snprintf(why, SCAN_WHY_MAX, "a paper page of build '%s' of "
			 "paper '%s', but the key loaded is of build '%s'",
			 q.build, q.paper, k->build ? k->build : "none");
		return 2;
	}
	if (!*q.cand) {
		if (a->dir && !a->anonymous)
			diags_add(d, DIAG_WARNING, file, 0, 0, "page %u: a "
				  "paper page of a copy printed for no "
				  "candidate: its answers are not cut (build "
				  "with --roster to print each candidate's "
				  "id on every page)", page);
		a->anonymous = true;
		return 1;
	}
	sq = page_layout_qr(&k->pages, q.page);
	if (k->pages.nqr && k->layout &&
	    q.pages != k->pages.nqr + k->layout->pages) {
		snprintf(why, SCAN_WHY_MAX, "the QR code says %u pages of "
			 "paper, the key %zu", q.pages,
			 k->pages.nqr + k->layout->pages);
		return 2;
	}
	if (!sq) {
		snprintf(why, SCAN_WHY_MAX, "the key of paper '%s' form '%s' "
			 "has no page %u", q.paper, q.form, q.page);
		return 2;
	}
	b = booklet(a, k, q.cand, file, page);
	if (!b) {
		diags_oom(d);
		return -1;
	}
	if (b->seen[q.page]) {
		snprintf(why, SCAN_WHY_MAX, "paper page %u of candidate '%s' "
			 "again", q.page, q.cand);
		return 2;
	}
	b->seen[q.page] = 1;
	if (!a->dir)
		return 1;
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
	for (size_t i = 0; a->dir && i < a->nbooks; i++) {
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
