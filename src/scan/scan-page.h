/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-page.h - one scanned answer-sheet page: find its four corner marks,
 * fit the projective map from sheet millimetres to image pixels (trying
 * the page upright, then upside down), read its QR code on the predicted
 * spot, and measure how dark each bubble is. */
#ifndef EXAMGEN_SCAN_SCAN_PAGE_H
#define EXAMGEN_SCAN_SCAN_PAGE_H

#include <stdbool.h>

#include <leptonica/allheaders.h>

#include "paper/sheet-layout.h"

/* Reads QR codes; one per run (zbar's scanner is reused). */
struct scan_qr_reader {
	void *scanner;			/* zbar_image_scanner_t */
};

/* Prepare / free a QR reader; init returns -1 when out of memory. */
int scan_qr_reader_init(struct scan_qr_reader *r);
void scan_qr_reader_release(struct scan_qr_reader *r);

/* Where a page is: the map from millimetres to pixels. */
struct scan_geom {
	double h[9];			/* projective map, h[8] == 1 */
	double ppm;			/* pixels per millimetre */
	double white, ink;		/* grey levels of paper and of marks */
	bool flipped;			/* the page was upside down */
};

/* What went wrong finding a page. */
/* SF_DISAGREE: marks were found, but no choice of them agrees with the
 * check marks and the QR code's place: the page is not decided.
 * SF_NOMEM: memory ran out. */
enum scan_find { SF_OK, SF_NO_MARKS, SF_NO_QR, SF_DISAGREE, SF_NOMEM };

/* Find the marks of geometry L (its page-1 marks and QR) on grey image g
 * and read the QR into text (cap bytes).  SF_OK with *geo set only when
 * the corner marks, the check marks (sheets that have them) and the QR
 * code's place agree. */
enum scan_find scan_page_find(PIX *g, const struct sheet_layout *L,
			      struct scan_qr_reader *qr, struct scan_geom *geo,
			      char *text, size_t cap);

/* Find a QR code anywhere on g (a paper page's: no corner marks): SF_OK
 * with its text in text (cap bytes) and the image positions of its
 * corners in loc (as zbar gives them), SF_NO_QR, or SF_NOMEM. */
enum scan_find scan_page_find_qr(PIX *g, struct scan_qr_reader *qr,
				 char *text, size_t cap, double loc[4][2]);
/* The map of a page from its QR code, whose corners are at loc on g and
 * whose square on the page has centre (x, y) and side size (mm): the
 * rotation, scale and shift that fit the corners best; the paper white
 * measured on g. */
void scan_geom_from_qr(struct scan_geom *geo, PIX *g, const double loc[4][2],
		       double x, double y, double size);
/* Even out uneven light on grey image g in place (a shadow, a phone
 * photo's gradient): each pixel is taken relative to the brightest paper
 * within about 6 mm of it, so marks are judged against their own local
 * paper.  A page under even light is left alone.  -1 when out of memory. */
int scan_page_flatten(PIX *g);

/* The image position of sheet point (x, y) in millimetres. */
void scan_geom_map(const struct scan_geom *geo, double x, double y,
		   double *u, double *v);

/* How dark bubble b is: *fill the mean ink darkness inside it (0 paper,
 * 1 ink) and *dark the share of its pixels darker than half ink, both
 * over its inner disc (the printed ring left out), against the paper
 * around it; *ring the share of ink just outside its printed ring (a ring
 * drawn around it, a mark beside it). */
void scan_bubble_measure(PIX *g, const struct scan_geom *geo,
			 const struct sheet_bubble *b, double *fill,
			 double *dark, double *ring);

/* Solve the projective map h taking the four points src to dst; -1 if
 * they are degenerate. */
int scan_homography(const double src[4][2], const double dst[4][2],
		    double h[9]);

#endif
