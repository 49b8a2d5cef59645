/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-page.c - locate a scanned sheet page and measure its bubbles (see
 * scan-page.h).  Corner marks: pixels darker than 0.6 of the paper white,
 * connected, of about the mark's size and nearly solid, the one nearest
 * each image corner. */
#include "scan/scan-page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <zbar.h>

#include "scan/scan-image.h"

#define WINDOW_MM 55.0		/* corner search window, from the corner */
#define INNER 0.72		/* measured disc: this share of the radius */
#define QR_MARGIN_MM 5.0	/* around the QR's predicted square */
#define MAX_CANDS 4		/* corner-mark candidates kept a corner */
#define FLAT_BLOCK_MM 4.0	/* paper white taken in blocks this big */
#define RING_SAMPLES 40	/* paper samples on each of two circles */
#define RING_DARK 0.4		/* ink around a bubble: this dark */
#define RING_RAYS 48		/* directions looked in around a bubble */
#define FLAT_EVEN 0.9		/* darkest paper to brightest: even light */

/* Prepare a QR reader. */
int scan_qr_reader_init(struct scan_qr_reader *r)
{
	zbar_image_scanner_t *s = zbar_image_scanner_create();

	r->scanner = s;
	if (!s)
		return -1;
	zbar_image_scanner_set_config(s, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	return 0;
}

/* Free a QR reader. */
void scan_qr_reader_release(struct scan_qr_reader *r)
{
	if (r->scanner)
		zbar_image_scanner_destroy(r->scanner);
	r->scanner = NULL;
}

/* Solve the 8x8 system for the projective map. */
int scan_homography(const double src[4][2], const double dst[4][2],
		    double h[9])
{
	double a[8][9];

	for (int i = 0; i < 4; i++) {
		double x = src[i][0], y = src[i][1];
		double u = dst[i][0], v = dst[i][1];
		double r1[9] = { x, y, 1, 0, 0, 0, -x * u, -y * u, u };
		double r2[9] = { 0, 0, 0, x, y, 1, -x * v, -y * v, v };

		memcpy(a[2 * i], r1, sizeof(r1));
		memcpy(a[2 * i + 1], r2, sizeof(r2));
	}
	for (int c = 0; c < 8; c++) {
		int p = c;

		for (int r = c + 1; r < 8; r++)
			if (fabs(a[r][c]) > fabs(a[p][c]))
				p = r;
		if (fabs(a[p][c]) < 1e-12)
			return -1;
		if (p != c)
			for (int k = 0; k < 9; k++) {
				double t = a[c][k];

				a[c][k] = a[p][k];
				a[p][k] = t;
			}
		for (int r = 0; r < 8; r++) {
			double f;

			if (r == c)
				continue;
			f = a[r][c] / a[c][c];
			for (int k = c; k < 9; k++)
				a[r][k] -= f * a[c][k];
		}
	}
	for (int i = 0; i < 8; i++)
		h[i] = a[i][8] / a[i][i];
	h[8] = 1;
	return 0;
}

/* Even out uneven light. */
int scan_page_flatten(PIX *g)
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	int f = (int)lround(FLAT_BLOCK_MM * scan_dpi((unsigned)w,
						     (unsigned)h) / 25.4);
	l_uint32 *data = pixGetData(g), *mdata;
	int wpl = pixGetWpl(g), mw, mh, mwpl;
	PIX *small, *m;
	l_int32 lo = 255, hi = 0;
	float *row;

	f = f < 2 ? 2 : f;
	small = pixScaleGrayMinMax(g, f, f, L_CHOOSE_MAX);
	m = small ? pixCloseGray(small, 3, 3) : NULL;
	pixDestroy(&small);
	if (!m)
		return -1;
	mw = (int)pixGetWidth(m);
	mh = (int)pixGetHeight(m);
	mdata = pixGetData(m);
	mwpl = pixGetWpl(m);
	for (int j = 0; j < mh; j++)
		for (int i = 0; i < mw; i++) {
			l_int32 v = (l_int32)GET_DATA_BYTE(
				mdata + (size_t)j * (size_t)mwpl, i);

			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	/* even light (a copier): nothing to do */
	if (hi < 16 || lo >= FLAT_EVEN * hi) {
		pixDestroy(&m);
		return 0;
	}
	row = malloc((size_t)mw * sizeof(*row));
	if (!row) {
		pixDestroy(&m);
		return -1;
	}
	for (int y = 0; y < h; y++) {
		double fy = (y + 0.5) / f - 0.5, t;
		int j0 = (int)floor(fy), j1;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;
		l_uint32 *r0, *r1;

		t = fy - j0;
		j0 = j0 < 0 ? 0 : j0 >= mh ? mh - 1 : j0;
		j1 = j0 + 1 < mh ? j0 + 1 : j0;
		if (fy < 0)
			t = 0;
		r0 = mdata + (size_t)j0 * (size_t)mwpl;
		r1 = mdata + (size_t)j1 * (size_t)mwpl;
		for (int i = 0; i < mw; i++)
			row[i] = (float)((1 - t) * GET_DATA_BYTE(r0, i) +
					 t * GET_DATA_BYTE(r1, i));
		for (int x = 0; x < w; x++) {
			float fx = ((float)x + 0.5f) / (float)f - 0.5f, u, b;
			int i0 = (int)floorf(fx), i1;
			float v;

			u = fx - (float)i0;
			if (fx < 0)
				u = 0;
			i0 = i0 < 0 ? 0 : i0 >= mw ? mw - 1 : i0;
			i1 = i0 + 1 < mw ? i0 + 1 : i0;
			b = (1 - u) * row[i0] + u * row[i1];
			v = b > 8 ? (float)GET_DATA_BYTE(line, x) *
				    (float)hi / b : 255;
			SET_DATA_BYTE(line, x, v > 255 ? 255 :
				      (l_uint8)lroundf(v));
		}
	}
	free(row);
	pixDestroy(&m);
	return 0;
}

/* Map a sheet point to the image. */
void scan_geom_map(const struct scan_geom *geo, double x, double y,
		   double *u, double *v)
{
	const double *h = geo->h;
	double w = h[6] * x + h[7] * y + h[8];

	*u = (h[0] * x + h[1] * y + h[2]) / w;
	*v = (h[3] * x + h[4] * y + h[5]) / w;
}

/* The paper white: the 95th percentile of a sparse sample of g. */
static double paper_white(PIX *g)
{
	unsigned w = (unsigned)pixGetWidth(g), h = (unsigned)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);
	size_t hist[256] = { 0 }, n = 0, acc = 0;

	for (unsigned y = 0; y < h; y += 7)
		for (unsigned x = 0; x < w; x += 7) {
			hist[GET_DATA_BYTE(data + (size_t)y * (size_t)wpl,
					   x)]++;
			n++;
		}
	for (int v = 255; v >= 0; v--) {
		acc += hist[v];
		if (acc >= n / 20)
			return v;
	}
	return 255;
}

/* A corner-mark candidate: its centre in the image. */
struct mark_cand {
	double x, y, d;			/* d: distance to the image corner */
};

/* Sort candidates nearest the corner first. */
static int cand_cmp(const void *a, const void *b)
{
	double x = ((const struct mark_cand *)a)->d;
	double y = ((const struct mark_cand *)b)->d;

	return (x > y) - (x < y);
}

/* The corner-mark candidates near corner (cx, cy) of the image, inside a
 * window of win pixels: solid, square components of about the mark's
 * side and area (a filled bubble is round and smaller), the MAX_CANDS
 * nearest the corner in c.  Returns how many. */
static size_t find_marks(PIX *g, int cx, int cy, int win, double side,
			 l_int32 thresh, struct mark_cand *c)
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	int x0 = cx ? w - win : 0, y0 = cy ? h - win : 0;
	BOX *box = boxCreate(x0 < 0 ? 0 : x0, y0 < 0 ? 0 : y0, win, win);
	PIX *crop = box ? pixClipRectangle(g, box, NULL) : NULL;
	PIX *bin = crop ? pixThresholdToBinary(crop, thresh) : NULL;
	PIXA *comps = NULL;
	BOXA *boxes = bin ? pixConnComp(bin, &comps, 8) : NULL;
	struct mark_cand all[64];
	size_t n = 0;

	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	for (int i = 0; boxes && i < boxaGetCount(boxes) && n < 64; i++) {
		l_int32 bx, by, bw, bh, cnt = 0;
		l_float32 fx, fy;
		PIX *p;

		boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
		if (bw < 0.7 * side || bw > 1.5 * side ||
		    bh < 0.7 * side || bh > 1.5 * side ||
		    bw > 1.3 * bh || bh > 1.3 * bw)
			continue;
		p = pixaGetPix(comps, i, L_CLONE);
		if (!p)
			continue;
		pixCountPixels(p, &cnt, NULL);
		if ((double)cnt < 0.8 * bw * bh ||
		    (double)cnt < 0.72 * side * side ||
		    (double)cnt > 1.4 * side * side ||
		    pixCentroid(p, NULL, NULL, &fx, &fy)) {
			pixDestroy(&p);
			continue;
		}
		pixDestroy(&p);
		all[n].x = (double)(x0 + bx) + (double)fx;
		all[n].y = (double)(y0 + by) + (double)fy;
		all[n].d = hypot(all[n].x - (cx ? w : 0),
				 all[n].y - (cy ? h : 0));
		n++;
	}
	boxaDestroy(&boxes);
	pixaDestroy(&comps);
	pixDestroy(&bin);
	pixDestroy(&crop);
	boxDestroy(&box);
	qsort(all, n, sizeof(*all), cand_cmp);
	if (n > MAX_CANDS)
		n = MAX_CANDS;
	memcpy(c, all, n * sizeof(*c));
	return n;
}

/* How far four image points p (TL, TR, BL, BR; `missing` placed from
 * the other three, or -1) are from the corner marks' rectangle of wmm x
 * hmm millimetres at about ppm pixels a millimetre: the parallelogram's
 * gap, the sides' disagreement and the shear, in millimetres; a negative
 * value when the scale is far off. */
static double shape_error(double p[4][2], int missing, double wmm,
			  double hmm, double ppm)
{
	double hx, hy, vx, vy, lh, lv, k, gap = 0;

	if (missing >= 0) {
		int a = missing ^ 1, b = missing ^ 2, o = missing ^ 3;

		p[missing][0] = p[a][0] + p[b][0] - p[o][0];
		p[missing][1] = p[a][1] + p[b][1] - p[o][1];
	} else {
		gap = hypot(p[0][0] + p[3][0] - p[1][0] - p[2][0],
			    p[0][1] + p[3][1] - p[1][1] - p[2][1]);
	}
	hx = p[1][0] - p[0][0];
	hy = p[1][1] - p[0][1];
	vx = p[2][0] - p[0][0];
	vy = p[2][1] - p[0][1];
	lh = hypot(hx, hy);
	lv = hypot(vx, vy);
	if (lh < 1 || lv < 1)
		return -1;
	k = (lh / wmm + lv / hmm) / 2;
	if (k < 0.85 * ppm || k > 1.15 * ppm)
		return -1;
	return gap / k + fabs(lh / wmm - lv / hmm) / k * hmm +
	       fabs(hx * vx + hy * vy) / (lh * lv) * hmm;
}

/* How far check mark m is from where geo puts it, in millimetres (a
 * large value when it is not there): the dark pixels around the spot
 * must be about its size, their centre near the spot. */
static double check_mark_off(PIX *g, const struct scan_geom *geo,
			     const struct sheet_square *m, l_int32 thresh)
{
	double u, v, half = (m->size / 2 + 2.5) * geo->ppm, sx = 0, sy = 0;
	double want = m->size * m->size * geo->ppm * geo->ppm;
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);
	size_t n = 0;

	scan_geom_map(geo, m->x, m->y, &u, &v);
	for (int y = (int)(v - half); y <= (int)(v + half); y++) {
		l_uint32 *line;

		if (y < 0 || y >= h)
			continue;
		line = data + (size_t)y * (size_t)wpl;
		for (int x = (int)(u - half); x <= (int)(u + half); x++)
			if (x >= 0 && x < w &&
			    (l_int32)GET_DATA_BYTE(line, x) < thresh) {
				sx += x;
				sy += y;
				n++;
			}
	}
	if ((double)n < 0.5 * want || (double)n > 1.6 * want)
		return 1e9;
	return hypot(sx / (double)n - u, sy / (double)n - v) / geo->ppm;
}

/* Mean grey level of the middle of the mark at (x, y) of side px. */
static double mark_ink(PIX *g, double x, double y, double side)
{
	int r = (int)(side / 4);
	double sum = 0;
	size_t n = 0;

	for (int dy = -r; dy <= r; dy++)
		for (int dx = -r; dx <= r; dx++) {
			l_uint32 v;

			if (!pixGetPixel(g, (l_int32)lround(x) + dx,
					 (l_int32)lround(y) + dy, &v)) {
				sum += v;
				n++;
			}
		}
	return n ? sum / (double)n : 0;
}

/* Read a QR code inside the pixel box [x0, x1) x [y0, y1) of g: SF_OK
 * with its text in text and, when loc is not NULL, the image positions
 * of its corners as zbar gives them; SF_NO_QR, or SF_NOMEM. */
static enum scan_find read_box(PIX *g, int x0, int y0, int x1, int y1,
			       struct scan_qr_reader *qr, char *text,
			       size_t cap, double loc[4][2])
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	zbar_image_t *img;
	unsigned char *buf;
	bool ok = false;

	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > w ? w : x1;
	y1 = y1 > h ? h : y1;
	if (x1 - x0 < 20 || y1 - y0 < 20)
		return SF_NO_QR;
	buf = malloc((size_t)(x1 - x0) * (size_t)(y1 - y0));
	if (!buf)
		return SF_NOMEM;
	for (int y = y0; y < y1; y++) {
		l_uint32 *line = pixGetData(g) +
				 (size_t)y * (size_t)pixGetWpl(g);

		for (int x = x0; x < x1; x++)
			buf[(size_t)(y - y0) * (size_t)(x1 - x0) +
			    (size_t)(x - x0)] = (unsigned char)
				GET_DATA_BYTE(line, x);
	}
	img = zbar_image_create();
	if (!img) {
		free(buf);
		return SF_NOMEM;
	}
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)(x1 - x0), (unsigned)(y1 - y0));
	zbar_image_set_data(img, buf, (unsigned long)(x1 - x0) *
			    (unsigned long)(y1 - y0), NULL);
	if (zbar_scan_image(qr->scanner, img) > 0) {
		const zbar_symbol_t *s = zbar_image_first_symbol(img);

		for (; s && !ok; s = zbar_symbol_next(s)) {
			unsigned len = zbar_symbol_get_data_length(s);

			if (zbar_symbol_get_type(s) != ZBAR_QRCODE ||
			    len + 1 > cap ||
			    (loc && zbar_symbol_get_loc_size(s) != 4))
				continue;
			memcpy(text, zbar_symbol_get_data(s), len);
			text[len] = '\0';
			for (unsigned i = 0; loc && i < 4; i++) {
				loc[i][0] = x0 + zbar_symbol_get_loc_x(s, i);
				loc[i][1] = y0 + zbar_symbol_get_loc_y(s, i);
			}
			ok = true;
		}
	}
	zbar_image_destroy(img);
	free(buf);
	return ok ? SF_OK : SF_NO_QR;
}

/* Read a QR code inside the image box of sheet square q: SF_OK with its
 * text in text and in *off how far (millimetres) its centre is from
 * where geo puts it, SF_NO_QR, or SF_NOMEM. */
static enum scan_find read_qr(PIX *g, const struct scan_geom *geo,
			      const struct sheet_square *q,
			      struct scan_qr_reader *qr, char *text,
			      size_t cap, double *off)
{
	double half = q->size / 2 + QR_MARGIN_MM, lo[2] = { 1e18, 1e18 },
	       hi[2] = { -1e18, -1e18 }, loc[4][2], pu, pv, cu = 0, cv = 0;
	enum scan_find f;

	for (int i = 0; i < 4; i++) {
		double u, v;

		scan_geom_map(geo, q->x + (i & 1 ? half : -half),
			      q->y + (i & 2 ? half : -half), &u, &v);
		lo[0] = fmin(lo[0], u);
		lo[1] = fmin(lo[1], v);
		hi[0] = fmax(hi[0], u);
		hi[1] = fmax(hi[1], v);
	}
	f = read_box(g, (int)lo[0], (int)lo[1], (int)hi[0], (int)hi[1], qr,
		     text, cap, loc);
	if (f != SF_OK)
		return f;
	for (int i = 0; i < 4; i++) {
		cu += loc[i][0] / 4;
		cv += loc[i][1] / 4;
	}
	scan_geom_map(geo, q->x, q->y, &pu, &pv);
	*off = hypot(cu - pu, cv - pv) / geo->ppm;
	return SF_OK;
}

/* See scan-page.h. */
enum scan_find scan_page_find_qr(PIX *g, struct scan_qr_reader *qr,
				 char *text, size_t cap, double loc[4][2])
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	int cw = w * 2 / 5, ch = h / 4;
	/* a paper page's code is near a corner (bottom right, or top left
	 * on a page upside down): those first, then the whole page */
	const int box[3][4] = { { w - cw, h - ch, w, h }, { 0, 0, cw, ch },
				{ 0, 0, w, h } };
	enum scan_find f = SF_NO_QR;

	for (int i = 0; i < 3 && f == SF_NO_QR; i++)
		f = read_box(g, box[i][0], box[i][1], box[i][2], box[i][3], qr,
			     text, cap, loc);
	return f;
}

/* See scan-page.h. */
void scan_geom_from_qr(struct scan_geom *geo, PIX *g, const double loc[4][2],
		       double x, double y, double size)
{
	/* zbar's corners: the code's top left, bottom left, bottom right,
	 * top right */
	static const double corner[4][2] = { { -1, -1 }, { -1, 1 }, { 1, 1 },
					     { 1, -1 } };
	double mx = 0, my = 0, mu = 0, mv = 0, a = 0, b = 0, scale;

	memset(geo, 0, sizeof(*geo));
	for (int i = 0; i < 4; i++) {
		mx += x + corner[i][0] * size / 2;
		my += y + corner[i][1] * size / 2;
		mu += loc[i][0];
		mv += loc[i][1];
	}
	mx /= 4;
	my /= 4;
	mu /= 4;
	mv /= 4;
	/* the similarity (rotation, scale, shift) nearest the four pairs */
	for (int i = 0; i < 4; i++) {
		double dx = x + corner[i][0] * size / 2 - mx;
		double dy = y + corner[i][1] * size / 2 - my;
		double du = loc[i][0] - mu, dv = loc[i][1] - mv;

		a += dx * du + dy * dv;
		b += dx * dv - dy * du;
	}
	/* the scale of the whole page, not of the small square: the
	 * code's corners are a pixel or two out, a few per cent of it */
	geo->ppm = scan_dpi((unsigned)pixGetWidth(g),
			    (unsigned)pixGetHeight(g)) / 25.4;
	scale = geo->ppm / hypot(a, b);
	a *= scale;
	b *= scale;
	geo->h[0] = a;
	geo->h[1] = -b;
	geo->h[2] = mu - a * mx + b * my;
	geo->h[3] = b;
	geo->h[4] = a;
	geo->h[5] = mv - b * mx - a * my;
	geo->h[8] = 1;
	geo->flipped = a < 0;
	geo->white = paper_white(g);
}

/* Whether marks of size `size` are corner marks (the check marks are
 * smaller). */
static bool corner_mark(const struct sheet_square *m)
{
	return m->page == 1 && m->size >= 5;
}

/* The corners' candidates, how many each, and the fit being tried. */
struct corner_search {
	struct mark_cand c[4][MAX_CANDS];
	size_t n[4];
	double mm[4][2];		/* the corner marks on the sheet */
	double ppm;			/* pixels a millimetre, from the size */
};

/* One choice of a candidate (or none: MAX_CANDS) per corner. */
struct corner_pick {
	unsigned char at[4];
	double err;
};

/* Sort picks by their shape error. */
static int pick_cmp(const void *a, const void *b)
{
	double x = ((const struct corner_pick *)a)->err;
	double y = ((const struct corner_pick *)b)->err;

	return (x > y) - (x < y);
}

/* The plausible picks of cs, best first, in p (cap); how many.  A pick
 * has at most one corner without a mark (cut off a skewed page: the
 * other three place it), which costs a little. */
static size_t corner_picks(const struct corner_search *cs,
			   struct corner_pick *p, size_t cap)
{
	size_t n = 0;
	unsigned lim[4];

	for (int i = 0; i < 4; i++)
		lim[i] = (unsigned)cs->n[i] + 1;
	for (unsigned a = 0; a < lim[0]; a++)
		for (unsigned b = 0; b < lim[1]; b++)
			for (unsigned c = 0; c < lim[2]; c++)
				for (unsigned d = 0; d < lim[3]; d++) {
		unsigned at[4] = { a, b, c, d };
		double pt[4][2], e;
		int missing = -1, nmiss = 0;

		for (int i = 0; i < 4; i++) {
			if (at[i] == cs->n[i]) {
				missing = i;
				nmiss++;
				continue;
			}
			pt[i][0] = cs->c[i][at[i]].x;
			pt[i][1] = cs->c[i][at[i]].y;
		}
		if (nmiss > 1 || n == cap)
			continue;
		e = shape_error(pt, missing, cs->mm[1][0] - cs->mm[0][0],
				cs->mm[2][1] - cs->mm[0][1], cs->ppm);
		if (e < 0 || e > 12)
			continue;
		for (int i = 0; i < 4; i++)
			p[n].at[i] = (unsigned char)at[i];
		p[n++].err = e + 2.0 * nmiss;
				}
	qsort(p, n, sizeof(*p), pick_cmp);
	return n;
}

#define CHECK_TOL_MM 1.2	/* check mark from where the fit puts it */
#define QR_TOL_MM 2.0		/* the QR's centre from where it is put */
#define MAX_PICKS 8		/* corner picks tried on one page */
#define OLD_PICKS 3		/* the same on sheets without check marks */

/* Find a page: for each plausible choice of corner marks (best first),
 * fit the map, then accept it only when the check marks are where it
 * puts them and the QR code reads there, upright or upside down. */
enum scan_find scan_page_find(PIX *g, const struct sheet_layout *L,
			      struct scan_qr_reader *qr, struct scan_geom *geo,
			      char *text, size_t cap)
{
	unsigned w = (unsigned)pixGetWidth(g), h = (unsigned)pixGetHeight(g);
	struct corner_search cs;
	struct corner_pick picks[256];
	const struct sheet_square *m = L->marks;
	double side = 0;
	size_t npicks, nchecks = 0;
	int win;
	l_int32 thresh;
	enum scan_find res = SF_NO_MARKS;

	memset(geo, 0, sizeof(*geo));
	memset(&cs, 0, sizeof(cs));
	cs.ppm = scan_dpi(w, h) / 25.4;
	win = (int)(WINDOW_MM * cs.ppm);
	geo->white = paper_white(g);
	thresh = (l_int32)(0.6 * geo->white);
	/* the page's marks in the image's corner order: by position */
	for (int i = 0; i < 4; i++) {
		const struct sheet_square *best = NULL;

		for (size_t k = 0; k < L->nmarks; k++) {
			const struct sheet_square *c = &m[k];

			if (!corner_mark(c) ||
			    (c->x > SHEET_W / 2) != (i & 1) ||
			    (c->y > SHEET_H / 2) != (i >> 1))
				continue;
			best = c;
		}
		if (!best)
			return SF_NO_MARKS;
		cs.mm[i][0] = best->x;
		cs.mm[i][1] = best->y;
		side = best->size * cs.ppm;
	}
	for (size_t k = 0; k < L->nmarks; k++)
		nchecks += m[k].page == 1 && !corner_mark(&m[k]);
	for (int i = 0; i < 4; i++)
		cs.n[i] = find_marks(g, i & 1, i >> 1, win, side, thresh,
				     cs.c[i]);
	npicks = corner_picks(&cs, picks, sizeof(picks) / sizeof(*picks));
	for (size_t p = 0; p < npicks && p < MAX_PICKS; p++) {
		double img[4][2], worst = 0;
		int missing = -1;
		bool qr_off = false;

		for (int i = 0; i < 4; i++) {
			if (picks[p].at[i] == cs.n[i]) {
				missing = i;
				continue;
			}
			img[i][0] = cs.c[i][picks[p].at[i]].x;
			img[i][1] = cs.c[i][picks[p].at[i]].y;
		}
		if (missing >= 0) {
			int a = missing ^ 1, b = missing ^ 2, o = missing ^ 3;

			img[missing][0] = img[a][0] + img[b][0] - img[o][0];
			img[missing][1] = img[a][1] + img[b][1] - img[o][1];
		}
		geo->ink = mark_ink(g, img[missing ? 0 : 3][0],
				    img[missing ? 0 : 3][1], side);
		if (geo->ink > geo->white - 40)
			geo->ink = geo->white - 40;
		geo->ppm = (hypot(img[1][0] - img[0][0],
				  img[1][1] - img[0][1]) +
			    hypot(img[3][0] - img[2][0],
				  img[3][1] - img[2][1])) /
			   (2 * fabs(cs.mm[1][0] - cs.mm[0][0]));
		/* the check marks sit symmetrically: one look at them
		 * serves the page either way up */
		for (int flip = 0; flip < 2; flip++) {
			double src[4][2], off = 0;

			for (int i = 0; i < 4; i++) {
				src[i][0] = cs.mm[flip ? 3 - i : i][0];
				src[i][1] = cs.mm[flip ? 3 - i : i][1];
			}
			if (scan_homography(src, img, geo->h) < 0)
				break;
			geo->flipped = flip;
			for (size_t k = 0; !flip && k < L->nmarks; k++)
				if (m[k].page == 1 && !corner_mark(&m[k]))
					worst = fmax(worst, check_mark_off(
						g, geo, &m[k], thresh));
			if (worst > CHECK_TOL_MM)
				break;
			for (size_t k = 0; k < L->nqr; k++) {
				enum scan_find f = L->qr[k].page == 1 ?
					read_qr(g, geo, &L->qr[k], qr, text,
						cap, &off) : SF_NO_QR;

				if (f == SF_NOMEM)
					return f;
				if (f != SF_OK)
					continue;
				if (off <= QR_TOL_MM)
					return SF_OK;
				qr_off = true;
			}
		}
		if (worst > CHECK_TOL_MM || qr_off) {
			res = SF_DISAGREE;
			continue;
		}
		/* corner marks the check marks confirm place the page for
		 * sure: its QR code itself cannot be read */
		if (nchecks)
			return SF_NO_QR;
		if (res == SF_NO_MARKS)
			res = SF_NO_QR;
		if (p + 1 >= OLD_PICKS)
			break;
	}
	return res;
}

/* Sort grey levels. */
static int grey_cmp(const void *a, const void *b)
{
	return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

/* The paper's grey level around the bubble at image (u, v) of radius rho
 * pixels: a bright percentile of a ring of samples just outside its
 * printed ring (a neighbour's ring or a stray mark there is a minority);
 * the page's white when the ring is off the image. */
static double local_white(PIX *g, const struct scan_geom *geo, double u,
			  double v, double rho)
{
	unsigned char s[2 * RING_SAMPLES];
	size_t n = 0;

	for (int k = 0; k < 2; k++) {
		double rr = rho + (k ? 1.1 : 0.7) * geo->ppm;

		for (int i = 0; i < RING_SAMPLES; i++) {
			double a = 2 * M_PI * i / RING_SAMPLES;
			l_uint32 px;

			if (!pixGetPixel(g, (l_int32)lround(u + rr * cos(a)),
					 (l_int32)lround(v + rr * sin(a)),
					 &px))
				s[n++] = (unsigned char)px;
		}
	}
	if (n < RING_SAMPLES)
		return geo->white;
	qsort(s, n, 1, grey_cmp);
	return s[n * 3 / 4];
}

/* The share of directions from the bubble at image (u, v), radius rad
 * pixels, in which ink lies 0.35 to 1.8 mm outside its printed ring (a
 * ring drawn round it is in nearly all; lw and span as for its inside. */
static double ring_ink(PIX *g, const struct scan_geom *geo, double u,
		       double v, double rad, double lw, double span)
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);
	size_t hit = 0;
	double limit = lw - RING_DARK * span;

	for (int i = 0; i < RING_RAYS; i++) {
		double a = 2 * M_PI * i / RING_RAYS, c = cos(a), s = sin(a);

		for (double d = 0.35; d <= 1.8; d += 0.15) {
			double rr = rad + d * geo->ppm;
			int x = (int)lround(u + rr * c);
			int y = (int)lround(v + rr * s);

			if (x >= 0 && y >= 0 && x < w && y < h &&
			    GET_DATA_BYTE(data + (size_t)y * (size_t)wpl, x) <
			    limit) {
				hit++;
				break;
			}
		}
	}
	return (double)hit / RING_RAYS;
}

/* Measure one bubble: darkness against the paper right around it. */
void scan_bubble_measure(PIX *g, const struct scan_geom *geo,
			 const struct sheet_bubble *b, double *fill,
			 double *dark, double *ring)
{
	double u, v, rho = INNER * b->r * geo->ppm;
	double span = geo->white - geo->ink, lw;
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g), r = (int)ceil(rho);
	double sum = 0;
	size_t n = 0, nd = 0;

	scan_geom_map(geo, b->x, b->y, &u, &v);
	/* ink and paper in the same light: the span shrinks with it */
	lw = local_white(g, geo, u, v, b->r * geo->ppm);
	span *= lw / geo->white;
	for (int dy = -r; dy <= r; dy++) {
		int y = (int)lround(v) + dy;
		l_uint32 *line;

		if (y < 0 || y >= h)
			continue;
		line = data + (size_t)y * (size_t)wpl;
		for (int dx = -r; dx <= r; dx++) {
			int x = (int)lround(u) + dx;
			double px, py, k;

			px = x - u;
			py = y - v;
			if (x < 0 || x >= w || px * px + py * py > rho * rho)
				continue;
			k = (lw - GET_DATA_BYTE(line, x)) / span;
			k = k < 0 ? 0 : k > 1 ? 1 : k;
			sum += k;
			nd += k > 0.5;
			n++;
		}
	}
	*fill = n ? sum / (double)n : 0;
	*dark = n ? (double)nd / (double)n : 0;
	*ring = ring_ink(g, geo, u, v, b->r * geo->ppm, lw, span);
}
