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

/* Find the mark nearest corner (cx, cy) of the image inside a window of
 * win pixels; its centre in (*mx, *my).  false if none. */
static bool find_mark(PIX *g, int cx, int cy, int win, double side,
		      l_int32 thresh, double *mx, double *my)
{
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	int x0 = cx ? w - win : 0, y0 = cy ? h - win : 0;
	BOX *box = boxCreate(x0 < 0 ? 0 : x0, y0 < 0 ? 0 : y0, win, win);
	PIX *crop = box ? pixClipRectangle(g, box, NULL) : NULL;
	PIX *bin = crop ? pixThresholdToBinary(crop, thresh) : NULL;
	PIXA *comps = NULL;
	BOXA *boxes = bin ? pixConnComp(bin, &comps, 8) : NULL;
	double best = INFINITY;
	bool found = false;

	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	for (int i = 0; boxes && i < boxaGetCount(boxes); i++) {
		l_int32 bx, by, bw, bh, cnt = 0;
		l_float32 fx, fy;
		PIX *c;
		double d, ox, oy;

		boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
		if (bw < 0.55 * side || bw > 1.6 * side ||
		    bh < 0.55 * side || bh > 1.6 * side ||
		    bw > 1.35 * bh || bh > 1.35 * bw)
			continue;
		c = pixaGetPix(comps, i, L_CLONE);
		if (!c)
			continue;
		pixCountPixels(c, &cnt, NULL);
		if ((double)cnt < 0.8 * bw * bh ||
		    pixCentroid(c, NULL, NULL, &fx,
							 &fy)) {
			pixDestroy(&c);
			continue;
		}
		pixDestroy(&c);
		ox = (double)(x0 + bx) + (double)fx;
		oy = (double)(y0 + by) + (double)fy;
		d = hypot(ox - (cx ? w : 0), oy - (cy ? h : 0));
		if (d < best) {
			best = d;
			*mx = ox;
			*my = oy;
			found = true;
		}
	}
	boxaDestroy(&boxes);
	pixaDestroy(&comps);
	pixDestroy(&bin);
	pixDestroy(&crop);
	boxDestroy(&box);
	return found;
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
 * text in text, SF_NO_QR, or SF_NOMEM. */
static enum scan_find read_qr(PIX *g, const struct scan_geom *geo,
			      const struct sheet_square *q,
			      struct scan_qr_reader *qr, char *text,
			      size_t cap)
{
	double half = q->size / 2 + QR_MARGIN_MM, lo[2] = { 1e18, 1e18 },
	       hi[2] = { -1e18, -1e18 };

	for (int i = 0; i < 4; i++) {
		double u, v;

		scan_geom_map(geo, q->x + (i & 1 ? half : -half),
			      q->y + (i & 2 ? half : -half), &u, &v);
		lo[0] = fmin(lo[0], u);
		lo[1] = fmin(lo[1], v);
		hi[0] = fmax(hi[0], u);
		hi[1] = fmax(hi[1], v);
	}
	return read_box(g, (int)lo[0], (int)lo[1], (int)hi[0], (int)hi[1], qr,
			text, cap, NULL);
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
	double mx = 0, my = 0, mu = 0, mv = 0, sxx = 0, a = 0, b = 0, scale;

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

		sxx += dx * dx + dy * dy;
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

/* Find a page. */
enum scan_find scan_page_find(PIX *g, const struct sheet_layout *L,
			      struct scan_qr_reader *qr, struct scan_geom *geo,
			      char *text, size_t cap)
{
	unsigned w = (unsigned)pixGetWidth(g), h = (unsigned)pixGetHeight(g);
	double ppm = scan_dpi(w, h) / 25.4, img[4][2], mm[4][2];
	const struct sheet_square *m = L->marks;
	double side = m[0].size * ppm;
	int win = (int)(WINDOW_MM * ppm), missing = -1;
	l_int32 thresh;

	memset(geo, 0, sizeof(*geo));
	geo->white = paper_white(g);
	thresh = (l_int32)(0.6 * geo->white);
	/* image corners TL, TR, BL, BR; one of them may be cut off a
	 * skewed page: then the other three place it (affine) */
	for (int i = 0; i < 4; i++)
		if (!find_mark(g, i & 1, i >> 1, win, side, thresh,
			       &img[i][0], &img[i][1])) {
			if (missing >= 0)
				return SF_NO_MARKS;
			missing = i;
		}
	if (missing >= 0) {
		int a = missing ^ 1, b = missing ^ 2, o = missing ^ 3;

		img[missing][0] = img[a][0] + img[b][0] - img[o][0];
		img[missing][1] = img[a][1] + img[b][1] - img[o][1];
	}
	/* the page's marks in the same order: by position on the sheet */
	for (int i = 0; i < 4; i++) {
		const struct sheet_square *best = NULL;

		for (size_t k = 0; k < L->nmarks; k++) {
			const struct sheet_square *c = &m[k];

			if (c->page != 1 || (c->x > SHEET_W / 2) != (i & 1) ||
			    (c->y > SHEET_H / 2) != (i >> 1))
				continue;
			best = c;
		}
		if (!best)
			return SF_NO_MARKS;
		mm[i][0] = best->x;
		mm[i][1] = best->y;
	}
	geo->ink = mark_ink(g, img[missing ? 0 : 3][0],
			    img[missing ? 0 : 3][1], side);
	if (geo->ink > geo->white - 40)
		geo->ink = geo->white - 40;
	for (int flip = 0; flip < 2; flip++) {
		double src[4][2];

		for (int i = 0; i < 4; i++) {
			src[i][0] = mm[flip ? 3 - i : i][0];
			src[i][1] = mm[flip ? 3 - i : i][1];
		}
		if (scan_homography(src, img, geo->h) < 0)
			return SF_NO_MARKS;
		geo->flipped = flip;
		geo->ppm = (hypot(img[1][0] - img[0][0],
				  img[1][1] - img[0][1]) +
			    hypot(img[3][0] - img[2][0],
				  img[3][1] - img[2][1])) /
			   (2 * fabs(mm[1][0] - mm[0][0]));
		for (size_t k = 0; k < L->nqr; k++) {
			enum scan_find f = L->qr[k].page == 1 ?
				read_qr(g, geo, &L->qr[k], qr, text, cap) :
				SF_NO_QR;

			if (f != SF_NO_QR)
				return f;
		}
	}
	return SF_NO_QR;
}

/* Measure one bubble. */
void scan_bubble_measure(PIX *g, const struct scan_geom *geo,
			 const struct sheet_bubble *b, double *fill,
			 double *dark)
{
	double u, v, rho = INNER * b->r * geo->ppm;
	double span = geo->white - geo->ink;
	int w = (int)pixGetWidth(g), h = (int)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g), r = (int)ceil(rho);
	double sum = 0;
	size_t n = 0, nd = 0;

	scan_geom_map(geo, b->x, b->y, &u, &v);
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
			k = (geo->white - GET_DATA_BYTE(line, x)) / span;
			k = k < 0 ? 0 : k > 1 ? 1 : k;
			sum += k;
			nd += k > 0.5;
			n++;
		}
	}
	*fill = n ? sum / (double)n : 0;
	*dark = n ? (double)nd / (double)n : 0;
}
