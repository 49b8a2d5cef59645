/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-image.h - the pages of one scan file as 8-bit grey images: PNG,
 * JPEG, TIFF (every page) or PDF (a page that is one embedded image gives
 * that image, any other page is rendered at 300 dpi).  Pages are handed
 * out one at a time, so a long stack needs memory for one page.  Bilevel
 * and low-resolution pages are refused with how to rescan. */
#ifndef EXAMGEN_SCAN_SCAN_IMAGE_H
#define EXAMGEN_SCAN_SCAN_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <leptonica/allheaders.h>

#include "base/diag.h"

#define SCAN_MAX_BYTES ((size_t)1 << 30)	/* largest scan file read */
#define SCAN_MIN_DPI 150
#define SCAN_MAX_PIXELS 2e8		/* A0 at 600 dpi is 1.4e8 */

/* A JPEG image embedded in a PDF as it is (a copier's scan-to-PDF):
 * where its bytes are in the file and its size in pixels. */
struct scan_jpeg {
	size_t off, len;
	long w, h;
};

/* One open scan file. */
struct scan_source {
	const char *path;
	unsigned char *data;		/* the file's bytes (owned) */
	size_t len;
	int format;			/* leptonica IFF_*, or -1 for PDF */
	bool tiff;			/* a TIFF file (pages read one by one) */
	bool lossy;			/* the page handed out was a JPEG */
	void *pdf;			/* PopplerDocument (owned) */
	double pdf_pixels;		/* pixels of its largest image */
	struct scan_jpeg *jpegs;	/* a PDF's JPEG page images, in file
					 * order (owned), or NULL */
	size_t njpegs;
	unsigned npages, next;		/* next: 0-based page to hand out */
};

/* What scan_source_next() gives. */
enum scan_next { SN_PAGE, SN_END, SN_BAD_PAGE, SN_REFUSED };

/* Open path and find its pages; 0, or -1 after an error in d (missing,
 * unreadable or not an image or PDF). */
int scan_source_open(struct scan_source *s, const char *path,
		     struct diags *d);
/* The same for a file's bytes already in memory: data (malloc'd, len
 * bytes) is owned by s from now on, whatever the result. */
int scan_source_open_mem(struct scan_source *s, const char *path,
			 unsigned char *data, size_t len, struct diags *d);
/* The next page as an 8-bit grey image (*out, the caller destroys it) and
 * its 1-based number.  SN_BAD_PAGE: the page could not be decoded;
 * SN_REFUSED: bilevel or under SCAN_MIN_DPI (error with how to rescan in
 * d).  After SN_END there are no more pages. */
enum scan_next scan_source_next(struct scan_source *s, PIX **out,
				unsigned *page, struct diags *d);
/* Close the file and free everything. */
void scan_source_close(struct scan_source *s);

/* An 8-bit grey copy of any leptonica image (colour, colour-mapped, 16
 * bit, 1 to 4 bit); NULL when out of memory. */
PIX *scan_to_grey(PIX *pix);
/* The resolution of an A4 page image of w x h pixels, in dots per inch. */
double scan_dpi(unsigned w, unsigned h);

#endif
