/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scansim.c - a scanner simulator for testing `examgen scan`: renders a
 * blank answer sheet (CODE-F.sheet.pdf) at a resolution, fills it in like
 * candidates and markers do at the bubble centres the key records (dark,
 * medium, light, partial, tick and cross marks, erasure haze, stray dots),
 * then degrades it like an office copier (rotation, scale, offset, paper
 * tone, noise, blur, JPEG, 1-bit, upside down, a defaced QR code).  Writes
 * one image per sheet page and, beside them, the truth: truth.csv (the
 * responses as they were meant) and marks.csv (the mark type of every
 * question).
 *
 * usage: scansim KEY.key.yaml OUTDIR [name=value...]
 *   seed=N sheets=N dpi=N marks=mixed|dark|medium|light|partial|tick|cross
 *   rotate=DEG scale=F offset=MM tone=F noise=SIGMA blur=0|1 jpeg=Q
 *   bilevel=0|1 flip=0|1|mixed deface=0|1 format=png|jpg|tiff stack=0|1
 *   cut=0|1 (a corner cut off, a bubble-sized fill near it) doodle=0|1
 *   (a dark square in the margin outside a corner mark) shadow=F (part
 *   of the page loses up to F of its light, soft-edged) circle=0|1
 *   (some answers circled, not filled) turn=0|1 (pages a quarter turned)
 * marks=office: pen and 40-60% pencil, some light and faint (20-30%)
 * print=CODE.print.pdf fills in the sheets a roster build printed for its
 * candidates (their ids from the sheets' QR codes, no id bubbles), each
 * once, instead of `sheets` blank ones.
 * stack=1 also writes every page into one multi-page TIFF (stack.tif) and
 * one PDF of embedded page images (stack.pdf), as a copier's scan-to-file
 * does.  Every random choice comes from seed: the same arguments give the
 * same images. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <leptonica/allheaders.h>
#include <poppler.h>

#include "paper/key.h"
#include "scan/scan-page.h"

enum mark { MK_NONE, MK_DARK, MK_MEDIUM, MK_LIGHT, MK_PARTIAL, MK_TICK,
	    MK_CROSS, MK_FAINT, MK_CIRCLE, MK_COUNT };
static const char *const mark_names[MK_COUNT] = {
	"empty", "dark", "medium", "light", "partial", "tick", "cross",
	"faint", "circle"
};

struct opts {
	uint64_t seed;
	unsigned sheets, dpi, jpeg;
	int marks;		/* -1: mixed */
	double rotate, scale, offset, tone, noise;
	int blur, bilevel, flip, deface;	/* flip 2: mixed */
	int stack;
	int cut, doodle;		/* a cut corner and a fill near it;
					 * a dark square in the margin */
	double shadow;			/* darkest share of light lost */
	int circle;			/* rings drawn around chosen bubbles */
	int turn;			/* pages turned a quarter */
	const char *format;
	const char *print;		/* a build's print file, or NULL */
};

/* xorshift64* */
static uint64_t rng_state;
static double urand(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) /
	       9007199254740992.0;
}

/* Uniform in [a, b]. */
static double uniform(double a, double b)
{
	return a + (b - a) * urand();
}

/* Standard normal (Box-Muller). */
static double gauss(void)
{
	double u = urand() + 1e-12, v = urand();

	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* A mark type for a question. */
static enum mark pick_mark(const struct opts *o)
{
	double x = urand();

	if (o->circle && urand() < 0.3)
		return MK_CIRCLE;
	if (o->marks >= 0)
		return x < 0.08 ? MK_NONE : (enum mark)o->marks;
	if (o->marks == -3)	/* office: pen and pencil, some faint */
		return x < 0.08 ? MK_NONE : x < 0.48 ? MK_DARK :
		       x < 0.78 ? MK_MEDIUM : x < 0.90 ? MK_LIGHT : MK_FAINT;
	return x < 0.08 ? MK_NONE : x < 0.45 ? MK_DARK : x < 0.72 ? MK_MEDIUM :
	       x < 0.82 ? MK_LIGHT : x < 0.90 ? MK_PARTIAL :
	       x < 0.95 ? MK_TICK : MK_CROSS;
}

/* Draw mark m in the bubble at (x, y) px of radius r px. */
static void draw_mark(cairo_t *cr, enum mark m, double x, double y, double r,
		      double ppm)
{
	double jx = x + gauss() * 0.15 * ppm, jy = y + gauss() * 0.15 * ppm;

	cairo_save(cr);
	switch (m) {
	case MK_DARK:
	case MK_MEDIUM:
	case MK_LIGHT:
	case MK_FAINT: {
		double g = m == MK_DARK ? uniform(0.05, 0.2) :
			   m == MK_MEDIUM ? uniform(0.35, 0.5) :
			   m == MK_LIGHT ? uniform(0.58, 0.66) :
					   uniform(0.70, 0.80);

		cairo_set_source_rgb(cr, g, g, g);
		cairo_arc(cr, jx, jy, r * uniform(0.85, 1.02), 0, 2 * M_PI);
		cairo_fill(cr);
		break;
	}
	case MK_PARTIAL:
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		cairo_arc(cr, jx, jy, r * 0.9, 0, 2 * M_PI);
		cairo_clip(cr);
		cairo_rectangle(cr, jx - r, jy - r * uniform(0.1, 1), 2 * r,
				r * 2);
		cairo_fill(cr);
		break;
	case MK_TICK:
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 0.5 * ppm);
		cairo_move_to(cr, jx - 0.7 * r, jy);
		cairo_line_to(cr, jx - 0.1 * r, jy + 0.7 * r);
		cairo_line_to(cr, jx + 0.9 * r, jy - 0.9 * r);
		cairo_stroke(cr);
		break;
	case MK_CROSS:
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 0.5 * ppm);
		cairo_move_to(cr, jx - 0.8 * r, jy - 0.8 * r);
		cairo_line_to(cr, jx + 0.8 * r, jy + 0.8 * r);
		cairo_move_to(cr, jx + 0.8 * r, jy - 0.8 * r);
		cairo_line_to(cr, jx - 0.8 * r, jy + 0.8 * r);
		cairo_stroke(cr);
		break;
	case MK_CIRCLE:
		/* a ring drawn around the bubble, the letter circled */
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 0.4 * ppm);
		cairo_translate(cr, jx, jy);
		cairo_scale(cr, 1, uniform(0.9, 1.1));
		cairo_arc(cr, 0, 0, r * uniform(1.25, 1.55), 0,
			  2 * M_PI * uniform(0.9, 1));
		/* stroked in the page's own space: an even pen */
		cairo_restore(cr);
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, 0.4 * ppm);
		cairo_stroke(cr);
		break;
	case MK_NONE:
	case MK_COUNT:
		break;
	}
	cairo_restore(cr);
}

/* Noise on an empty bubble: erasure haze or a stray dot, sometimes. */
static void draw_litter(cairo_t *cr, double x, double y, double r,
			double ppm)
{
	double u = urand();

	if (u < 0.04) {
		double g = uniform(0.86, 0.92);

		cairo_set_source_rgb(cr, g, g, g);
		cairo_arc(cr, x, y, r * 0.9, 0, 2 * M_PI);
		cairo_fill(cr);
	} else if (u < 0.07) {
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_arc(cr, x + uniform(-r, r), y + uniform(-r, r),
			  0.25 * ppm, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

/* Cut a random corner off the page (a skewed feed), taking its corner
 * mark, and put a dark fill the size of a filled bubble (a rounded
 * 5.6 x 4.4 mm blob) in the margin 18-40 mm from it. */
static void cut_corner(cairo_t *cr, double ppm)
{
	int c = (int)(urand() * 4);
	double cx = c & 1 ? SHEET_W : 0, cy = c & 2 ? SHEET_H : 0;
	double sx = c & 1 ? -1 : 1, sy = c & 2 ? -1 : 1, leg = 33;
	double fx = c & 1 ? SHEET_W - 5 : 5;
	double fy = (c & 2 ? SHEET_H - 12 : 12) + sy * uniform(18, 40);
	double w = 5.6, h = 4.4, rr = 1.6;

	cairo_save(cr);
	cairo_scale(cr, ppm, ppm);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_move_to(cr, cx, cy);
	cairo_line_to(cr, cx + sx * leg, cy);
	cairo_line_to(cr, cx, cy + sy * leg);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
	cairo_new_sub_path(cr);
	cairo_arc(cr, fx + h / 2 - rr, fy - w / 2 + rr, rr, -M_PI / 2, 0);
	cairo_arc(cr, fx + h / 2 - rr, fy + w / 2 - rr, rr, 0, M_PI / 2);
	cairo_arc(cr, fx - h / 2 + rr, fy + w / 2 - rr, rr, M_PI / 2, M_PI);
	cairo_arc(cr, fx - h / 2 + rr, fy - w / 2 + rr, rr, M_PI,
		  3 * M_PI / 2);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* A dark 5-7 mm square doodled in the margin of a random corner,
 * outside its corner mark (nearer the corner). */
static void doodle(cairo_t *cr, double ppm)
{
	int c = (int)(urand() * 4);
	double side = uniform(5, 7), at = uniform(3.5, 4.5);
	double x = c & 1 ? SHEET_W - at : at, y = c & 2 ? SHEET_H - at : at;

	cairo_save(cr);
	cairo_scale(cr, ppm, ppm);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_rectangle(cr, x - side / 2, y - side / 2, side, side);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* The sheet's pages rendered at dpi (white background). */
static cairo_surface_t *render(PopplerDocument *doc, int page, double dpi)
{
	PopplerPage *pg = poppler_document_get_page(doc, page);
	double pw, ph;
	cairo_surface_t *sf;
	cairo_t *cr;

	poppler_page_get_size(pg, &pw, &ph);
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					(int)lround(pw / 72 * dpi),
					(int)lround(ph / 72 * dpi));
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72, dpi / 72);
	poppler_page_render_for_printing(pg, cr);
	cairo_destroy(cr);
	g_object_unref(pg);
	return sf;
}

/* A grey leptonica image of a cairo surface. */
static PIX *to_pix(cairo_surface_t *sf)
{
	int w = cairo_image_surface_get_width(sf);
	int h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf);
	unsigned char *d;
	PIX *p = pixCreate(w, h, 8);

	cairo_surface_flush(sf);
	d = cairo_image_surface_get_data(sf);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(p) + y * pixGetWpl(p);
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)y *
						      (size_t)stride);

		for (int x = 0; x < w; x++)
			SET_DATA_BYTE(line, x, (row[x] >> 8) & 255);
	}
	return p;
}

/* Degrade a page like a copier. */
static PIX *degrade(PIX *p, const struct opts *o, double ppm, bool flip)
{
	int w = pixGetWidth(p), h = pixGetHeight(p);
	double ang = uniform(-o->rotate, o->rotate) * M_PI / 180;
	double sc = 1 + uniform(-o->scale, o->scale);
	int dx = (int)(uniform(-o->offset, o->offset) * ppm);
	int dy = (int)(uniform(-o->offset, o->offset) * ppm);
	double tone = o->tone > 0 ? uniform(1 - o->tone, 1) : 1;
	/* drawn only with a shadow: other runs keep their random stream */
	double sa = o->shadow > 0 ? uniform(0, 2 * M_PI) : 0;
	double sc0 = cos(sa), ss0 = sin(sa), soft = 0.3 * w;
	double s0 = o->shadow > 0 ? uniform(-0.2, 0.2) * w : 0;
	PIX *t;

	if (ang != 0) {
		t = pixRotate(p, (l_float32)ang, L_ROTATE_AREA_MAP,
			      L_BRING_IN_WHITE, w, h);
		pixDestroy(&p);
		p = t;
	}
	if (sc != 1) {
		t = pixScale(p, (l_float32)sc, (l_float32)sc);
		pixDestroy(&p);
		p = t;
	}
	/* back onto a page of the original size, shifted */
	t = pixCreate(w, h, 8);
	pixSetAll(t);
	pixRasterop(t, dx + (w - (int)pixGetWidth(p)) / 2,
		    dy + (h - (int)pixGetHeight(p)) / 2, pixGetWidth(p),
		    pixGetHeight(p), PIX_SRC, p, 0, 0);
	pixDestroy(&p);
	p = t;
	if (o->blur) {
		t = pixBlockconv(p, 1, 1);
		pixDestroy(&p);
		p = t;
	}
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(p) + y * pixGetWpl(p);

		for (int x = 0; x < w; x++) {
			double v = GET_DATA_BYTE(line, x) * tone;

			if (o->shadow > 0) {
				/* a shadow over part of the page, its edge
				 * soft, from a random side */
				double a = ((x - w / 2) * sc0 +
					    (y - h / 2) * ss0 - s0) / soft;

				a = a < 0 ? 0 : a > 1 ? 1 : a;
				v *= 1 - o->shadow * a;
			}

			if (o->noise > 0)
				v += gauss() * o->noise;
			v = v < 0 ? 0 : v > 255 ? 255 : v;
			SET_DATA_BYTE(line, x, (l_uint8)lround(v));
		}
	}
	if (flip) {
		t = pixRotate180(NULL, p);
		pixDestroy(&p);
		p = t;
	}
	if (o->turn) {
		t = pixRotateOrth(p, 1);
		pixDestroy(&p);
		p = t;
	}
	if (o->bilevel) {
		t = pixThresholdToBinary(p, 160);
		pixDestroy(&p);
		p = t;
	}
	return p;
}

/* Write a page image in o's format; jpeg quality applies to jpg. */
static int write_page(PIX *p, const struct opts *o, const char *path,
		      unsigned dpi)
{
	pixSetResolution(p, (l_int32)dpi, (l_int32)dpi);
	if (!strcmp(o->format, "jpg"))
		return pixWriteJpeg(path, p, o->jpeg ? (l_int32)o->jpeg : 85,
				    0);
	if (!strcmp(o->format, "tiff"))
		return pixWriteTiff(path, p, pixGetDepth(p) == 1 ?
				    IFF_TIFF_G4 : IFF_TIFF_ZIP, "w");
	if (o->jpeg) {
		/* through JPEG, kept as PNG */
		l_uint8 *buf = NULL;
		size_t len = 0;
		PIX *t;

		pixWriteMemJpeg(&buf, &len, p, (l_int32)o->jpeg, 0);
		t = pixReadMemJpeg(buf, len, 0, 1, NULL, 0);
		free(buf);
		pixSetResolution(t, (l_int32)dpi, (l_int32)dpi);
		pixWritePng(path, t, 0);
		pixDestroy(&t);
		return 0;
	}
	return pixWritePng(path, p, 0);
}

/* Add page image p (8-bit grey, dpi) as one page of the stack PDF: an A4
 * page showing the image and nothing else; jpeg (len bytes, taken over)
 * when the page was written as JPEG, embedded as it is (what a copier's
 * scan-to-PDF makes), else NULL. */
static void stack_pdf_page(cairo_surface_t *pdf, PIX *p, unsigned dpi,
			   unsigned char *jpeg, size_t len)
{
	int w = pixGetWidth(p), h = pixGetHeight(p);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							  w, h);
	int stride = cairo_image_surface_get_stride(img);
	unsigned char *d = cairo_image_surface_get_data(img);
	cairo_t *cr;

	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(p) + y * pixGetWpl(p);
		uint32_t *row = (uint32_t *)(void *)(d + (size_t)y *
						      (size_t)stride);

		for (int x = 0; x < w; x++) {
			uint32_t v = GET_DATA_BYTE(line, x);

			row[x] = v << 16 | v << 8 | v;
		}
	}
	cairo_surface_mark_dirty(img);
	if (jpeg)
		cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, jpeg,
					    len, free, jpeg);
	cr = cairo_create(pdf);
	cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
}

/* What was drawn for a question: its cell (the letters or the score) and,
 * for an essay scored per criterion, each criterion's score. */
struct truth {
	char cell[64];
	double crit[16];
	enum mark mark;
};

/* Whether question it gets N.k columns (as scan writes them). */
static bool split(const struct key_item *it)
{
	return it->type == Q_ESSAY && it->ncriteria &&
	       it->ncriteria <= sizeof(((struct truth *)0)->crit) /
				sizeof(double);
}

/* Parse name=value options. */
static int parse(struct opts *o, int argc, char **argv)
{
	*o = (struct opts){ .seed = 1, .sheets = 1, .dpi = 200, .marks = -1,
			    .format = "png" };
	for (int i = 3; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		const char *v;

		if (!eq)
			return -1;
		*eq = '\0';
		v = eq + 1;
		if (!strcmp(argv[i], "seed"))
			o->seed = strtoull(v, NULL, 10);
		else if (!strcmp(argv[i], "sheets"))
			o->sheets = (unsigned)atoi(v);
		else if (!strcmp(argv[i], "dpi"))
			o->dpi = (unsigned)atoi(v);
		else if (!strcmp(argv[i], "jpeg"))
			o->jpeg = (unsigned)atoi(v);
		else if (!strcmp(argv[i], "rotate"))
			o->rotate = atof(v);
		else if (!strcmp(argv[i], "scale"))
			o->scale = atof(v);
		else if (!strcmp(argv[i], "offset"))
			o->offset = atof(v);
		else if (!strcmp(argv[i], "tone"))
			o->tone = atof(v);
		else if (!strcmp(argv[i], "noise"))
			o->noise = atof(v);
		else if (!strcmp(argv[i], "blur"))
			o->blur = atoi(v);
		else if (!strcmp(argv[i], "bilevel"))
			o->bilevel = atoi(v);
		else if (!strcmp(argv[i], "flip"))
			o->flip = !strcmp(v, "mixed") ? 2 : atoi(v);
		else if (!strcmp(argv[i], "deface"))
			o->deface = atoi(v);
		else if (!strcmp(argv[i], "stack"))
			o->stack = atoi(v);
		else if (!strcmp(argv[i], "cut"))
			o->cut = atoi(v);
		else if (!strcmp(argv[i], "doodle"))
			o->doodle = atoi(v);
		else if (!strcmp(argv[i], "shadow"))
			o->shadow = atof(v);
		else if (!strcmp(argv[i], "circle"))
			o->circle = atoi(v);
		else if (!strcmp(argv[i], "turn"))
			o->turn = atoi(v);
		else if (!strcmp(argv[i], "print"))
			o->print = v;
		else if (!strcmp(argv[i], "format"))
			o->format = v;
		else if (!strcmp(argv[i], "marks")) {
			o->marks = -2;
			for (int m = 0; m < MK_COUNT; m++)
				if (!strcmp(v, mark_names[m]))
					o->marks = m;
			if (!strcmp(v, "mixed"))
				o->marks = -1;
			if (!strcmp(v, "office"))
				o->marks = -3;
			if (o->marks == -2)
				return -1;
		} else
			return -1;
	}
	return 0;
}

/* Fill in one candidate's sheet on the rendered pages and record the
 * truth; id (64 bytes) is the candidate's when printed on the sheet,
 * else "" and gets the id bubbled. */
static void fill_sheet(cairo_surface_t **pages, const struct key *k,
		       const struct opts *o, double ppm, struct truth *t,
		       char *id)
{
	const struct sheet_layout *L = k->layout;
	unsigned idlen = 5 + (unsigned)(urand() * 4);
	cairo_t *cr[64];

	for (unsigned p = 0; p < L->pages; p++)
		cr[p] = cairo_create(pages[p]);
	/* a sheet printed for a candidate comes with its id: no bubbles */
	if (*id)
		idlen = 0;
	for (unsigned i = 0; i < idlen; i++)
		id[i] = (char)('0' + (int)(urand() * 10));
	if (idlen)
		id[idlen] = '\0';
	for (size_t q = 0; q < k->nitems; q++) {
		const struct key_item *it = &k->items[q];
		uint32_t chosen = 0;
		double score = 0;

		t[q].mark = pick_mark(o);
		t[q].cell[0] = '\0';
		if (it->type == Q_TRUE_FALSE || it->type == Q_SINGLE) {
			unsigned n = it->type == Q_TRUE_FALSE ? 2 :
				     it->noptions;

			chosen = 1u << (unsigned)(urand() * n);
		} else if (it->type == Q_MULTIPLE) {
			while (!chosen)
				for (unsigned b = 0; b < it->noptions; b++)
					if (urand() < 0.45)
						chosen |= 1u << b;
		} else {
			/* a marker's score: firm marks, never a blank */
			if (t[q].mark == MK_NONE || t[q].mark == MK_TICK ||
			    t[q].mark == MK_CROSS || t[q].mark == MK_PARTIAL ||
			    t[q].mark == MK_CIRCLE)
				t[q].mark = MK_DARK;
		}
		if (t[q].mark == MK_NONE)
			chosen = 0;
		if (it->type == Q_SHORT || it->type == Q_ESSAY) {
			/* each criterion within its points, in halves */
			size_t nc = it->ncriteria ? it->ncriteria : 1;

			score = 0;
			for (size_t c = 0; c < nc; c++) {
				double max = it->ncriteria ?
					     it->criterion_points[c] :
					     it->points;
				double v = floor(urand() * (2 * max + 1)) / 2;
				unsigned tens = (unsigned)(v / 10);
				unsigned units = (unsigned)fmod(v, 10);
				bool half = fmod(v, 1) > 0.25;

				score += v;
				if (split(it))
					t[q].crit[c] = v;
				for (size_t b = 0; b < L->nbubbles; b++) {
					const struct sheet_bubble *bb =
						&L->bubbles[b];
					bool fill;

					if (bb->kind != SB_SCORE ||
					    bb->question != it->no ||
					    (it->ncriteria &&
					     bb->criterion != c + 1))
						continue;
					fill = bb->group == SG_TENS ?
					       bb->value == tens * 10.0 :
					       bb->group == SG_UNITS ?
					       bb->value == units : half;
					if (fill)
						draw_mark(cr[bb->page - 1],
							  t[q].mark,
							  bb->x * ppm,
							  bb->y * ppm,
							  bb->r * ppm, ppm);
				}
			}
			snprintf(t[q].cell, sizeof(t[q].cell), "%g", score);
			continue;
		}
		for (size_t b = 0; b < L->nbubbles; b++) {
			const struct sheet_bubble *bb = &L->bubbles[b];
			unsigned idx;

			if (bb->kind != SB_OPTION || bb->question != it->no)
				continue;
			idx = it->type == Q_TRUE_FALSE ?
			      (bb->option == 'T' ? 0u : 1u) :
			      (unsigned)(bb->option - 'A');
			if (chosen & (1u << idx)) {
				size_t n = strlen(t[q].cell);

				t[q].cell[n] = bb->option;
				t[q].cell[n + 1] = '\0';
				draw_mark(cr[bb->page - 1], t[q].mark,
					  bb->x * ppm, bb->y * ppm,
					  bb->r * ppm, ppm);
			} else {
				draw_litter(cr[bb->page - 1], bb->x * ppm,
					    bb->y * ppm, bb->r * ppm, ppm);
			}
		}
	}
	for (size_t b = 0; b < L->nbubbles; b++) {
		const struct sheet_bubble *bb = &L->bubbles[b];

		if (bb->kind == SB_ID && bb->digit <= idlen && idlen &&
		    id[bb->digit - 1] - '0' == (int)bb->value)
			draw_mark(cr[bb->page - 1], MK_DARK, bb->x * ppm,
				  bb->y * ppm, bb->r * ppm, ppm);
	}
	if (o->deface)
		for (size_t p = 0; p < L->pages; p++) {
			const struct sheet_square *q = &L->qr[p];

			/* a pen scribble over the QR's finder patterns */
			cairo_set_source_rgb(cr[p], 0.1, 0.1, 0.1);
			cairo_set_line_width(cr[p], 1.2 * ppm);
			for (int s = 0; s < 6; s++) {
				cairo_move_to(cr[p], (q->x - q->size / 2) * ppm,
					      (q->y - q->size / 2 + 4 * s) *
						      ppm);
				cairo_line_to(cr[p], (q->x + q->size / 2) * ppm,
					      (q->y - q->size / 2 + 4 * s + 3) *
						      ppm);
			}
			cairo_stroke(cr[p]);
		}
	for (unsigned p = 0; p < L->pages; p++) {
		if (o->cut)
			cut_corner(cr[p], ppm);
		if (o->doodle)
			doodle(cr[p], ppm);
		cairo_destroy(cr[p]);
	}
}

/* Run the simulator on the command line's arguments. */
/* One simulator run: what is written where. */
struct sim {
	const struct opts *o;
	const struct key *k;
	const char *outdir;
	FILE *truth, *marks;
	cairo_surface_t *stack;		/* the stack PDF, or NULL */
	unsigned n;			/* pages written */
};

/* Fill in, degrade and write one sheet (its pages rendered at the run's
 * dpi, destroyed here) with the truth; id as for fill_sheet. */
static void write_sheet(struct sim *sm, cairo_surface_t **pages, char *id)
{
	const struct opts *o = sm->o;
	const struct key *k = sm->k;
	double ppm = o->dpi / 25.4;
	struct truth *t = calloc(k->nitems, sizeof(*t));
	bool flip = o->flip == 2 ? urand() < 0.5 : o->flip;
	char path[4096];

	fill_sheet(pages, k, o, ppm, t, id);
	fprintf(sm->truth, "%s,,%s,%s,%s", id, k->form, k->paper,
		k->build ? k->build : "");
	for (size_t q = 0; q < k->nitems; q++) {
		const struct key_item *it = &k->items[q];

		if (!split(it)) {
			fprintf(sm->truth, ",%s", t[q].cell);
			fprintf(sm->marks, "%s,%zu,%s\n", id, q + 1,
				mark_names[t[q].mark]);
			continue;
		}
		for (size_t c = 0; c < it->ncriteria; c++) {
			fprintf(sm->truth, ",%g", t[q].crit[c]);
			fprintf(sm->marks, "%s,%zu.%zu,%s\n", id, q + 1, c + 1,
				mark_names[t[q].mark]);
		}
	}
	fputs("\n", sm->truth);
	for (unsigned p = 0; p < k->layout->pages; p++) {
		PIX *pix = degrade(to_pix(pages[p]), o, ppm, flip);

		snprintf(path, sizeof(path), "%s/page-%04u.%s", sm->outdir,
			 ++sm->n, strcmp(o->format, "jpg") ?
			 strcmp(o->format, "tiff") ? "png" : "tif" : "jpg");
		write_page(pix, o, path, o->dpi);
		if (sm->stack && pixGetDepth(pix) == 8) {
			unsigned char *jpeg = NULL;
			size_t len = 0;

			if (!strcmp(o->format, "jpg"))
				jpeg = l_binaryRead(path, &len);
			snprintf(path, sizeof(path), "%s/stack.tif",
				 sm->outdir);
			pixWriteTiff(path, pix, IFF_TIFF_ZIP,
				     sm->n == 1 ? "w" : "a");
			stack_pdf_page(sm->stack, pix, o->dpi, jpeg, len);
		}
		pixDestroy(&pix);
		cairo_surface_destroy(pages[p]);
	}
	free(t);
}

/* Open a PDF file with poppler; NULL if it cannot be read. */
static PopplerDocument *open_pdf(const char *file)
{
	char path[4096];
	GError *err = NULL;
	PopplerDocument *doc;

	if (file[0] != '/') {
		char *cwd = g_get_current_dir();

		snprintf(path, sizeof(path), "file://%s/%s", cwd, file);
		g_free(cwd);
	} else {
		snprintf(path, sizeof(path), "file://%s", file);
	}
	doc = poppler_document_new_from_file(path, NULL, &err);
	if (err)
		g_error_free(err);
	return doc;
}

/* The sheets printed for the candidates of a roster, taken from the
 * build's print file: a page is a sheet page of the key's form when its
 * QR code (read at 150 dpi, as scan reads it) says so, with the
 * candidate's id; each candidate's sheet is filled in once all its pages
 * are seen.  Returns the number of sheets written. */
static unsigned write_printed(struct sim *sm, PopplerDocument *print)
{
	const struct sheet_layout *L = sm->k->layout;
	struct scan_qr_reader qr;
	int at[64], npages = poppler_document_get_n_pages(print);
	char id[64] = "";
	unsigned done = 0;

	if (scan_qr_reader_init(&qr) < 0)
		return 0;
	for (int i = 0; i < npages; i++) {
		cairo_surface_t *sf = render(print, i, 150);
		PIX *g = to_pix(sf);
		struct scan_geom geo;
		struct sheet_qr q;
		char text[512];

		cairo_surface_destroy(sf);
		if (scan_page_find(g, L, &qr, &geo, text, sizeof(text)) ==
		    SF_OK && sheet_qr_parse(text, strlen(text), &q) &&
		    *q.cand && !strcmp(q.form, sm->k->form) &&
		    q.page >= 1 && q.page <= L->pages && L->pages <= 64) {
			if (strcmp(id, q.cand))
				memset(at, -1, sizeof(at));
			snprintf(id, sizeof(id), "%s", q.cand);
			at[q.page - 1] = i;
		}
		pixDestroy(&g);
		if (!*id || at[L->pages - 1] != i)
			continue;
		/* the candidate's last page: render and fill the sheet */
		cairo_surface_t *pages[64];
		bool whole = true;

		for (unsigned p = 0; p < L->pages; p++)
			whole = whole && at[p] >= 0;
		if (!whole)
			continue;
		for (unsigned p = 0; p < L->pages; p++)
			pages[p] = render(print, at[p], sm->o->dpi);
		write_sheet(sm, pages, id);
		done++;
		id[0] = '\0';
	}
	scan_qr_reader_release(&qr);
	return done;
}

/* Run the simulator on the command line's arguments. */
int main(int argc, char **argv)
{
	struct diags d = DIAGS_INIT;
	struct opts o;
	struct key *k;
	struct sim sm;
	char path[4096], *sheet;
	PopplerDocument *doc;

	if (argc < 3 || parse(&o, argc, argv) < 0) {
		fprintf(stderr, "usage: scansim KEY OUTDIR [name=value...]\n");
		return 2;
	}
	rng_state = o.seed * 0x9E3779B97F4A7C15ULL + 1;
	k = key_load(argv[1], &d);
	if (!k || !k->layout) {
		diags_print(&d, stderr);
		fprintf(stderr, "scansim: cannot use key '%s'\n", argv[1]);
		return 2;
	}
	/* CODE-F.key.yaml -> CODE-F.sheet.pdf, one byte longer */
	sheet = malloc(strlen(argv[1]) + sizeof(".sheet.pdf"));
	if (!sheet)
		return 3;
	strcpy(sheet, argv[1]);
	strcpy(strstr(sheet, ".key.yaml"), ".sheet.pdf");
	doc = open_pdf(o.print ? o.print : sheet);
	if (!doc) {
		fprintf(stderr, "scansim: cannot open '%s'\n",
			o.print ? o.print : sheet);
		return 2;
	}
	memset(&sm, 0, sizeof(sm));
	sm.o = &o;
	sm.k = k;
	sm.outdir = argv[2];
	snprintf(path, sizeof(path), "%s/truth.csv", argv[2]);
	sm.truth = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/marks.csv", argv[2]);
	sm.marks = fopen(path, "w");
	if (!sm.truth || !sm.marks) {
		fprintf(stderr, "scansim: cannot write in '%s'\n", argv[2]);
		return 2;
	}
	fprintf(sm.truth, "candidate_id,name,form,paper,build");
	for (size_t q = 0; q < k->nitems; q++)
		if (split(&k->items[q]))
			for (size_t c = 0; c < k->items[q].ncriteria; c++)
				fprintf(sm.truth, ",%zu.%zu", q + 1, c + 1);
		else
			fprintf(sm.truth, ",%zu", q + 1);
	fputs("\n", sm.truth);
	fputs("candidate_id,question,mark\n", sm.marks);
	if (o.stack) {
		snprintf(path, sizeof(path), "%s/stack.pdf", argv[2]);
		sm.stack = cairo_pdf_surface_create(path, SHEET_W / 25.4 * 72,
						    SHEET_H / 25.4 * 72);
	}
	if (o.print && !write_printed(&sm, doc)) {
		fprintf(stderr, "scansim: no sheet of form %s printed for a "
			"candidate in '%s'\n", k->form, o.print);
		return 2;
	}
	for (unsigned s = 0; !o.print && s < o.sheets; s++) {
		cairo_surface_t *pages[64];
		char id[64] = "";

		for (unsigned p = 0; p < k->layout->pages; p++)
			pages[p] = render(doc, (int)p, o.dpi);
		write_sheet(&sm, pages, id);
	}
	if (sm.stack)
		cairo_surface_destroy(sm.stack);
	fclose(sm.truth);
	fclose(sm.marks);
	g_object_unref(doc);
	key_free(k);
	free(sheet);
	diags_release(&d);
	return 0;
}
