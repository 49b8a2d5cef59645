/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-image.c - decode scan files into grey pages (see scan-image.h):
 * leptonica reads the images, poppler the PDFs. */
#include "scan/scan-image.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "base/array.h"
#include "base/fileio.h"

#define RENDER_DPI 300.0
#define RENDER_MAX_PIXELS 6e7	/* A1 at 300 dpi */
/* A black-and-white scan saved as grey (JPEG): almost no pixel between
 * nearly black and nearly white, fewer than BILEVEL_RATIO times the
 * nearly black ones (a grey scan's edges and paper give many more). */
#define MID_MAX 0.05
#define BILEVEL_RATIO 1.5

/* The resolution of an A4 page image. */
double scan_dpi(unsigned w, unsigned h)
{
	unsigned s = w < h ? w : h;

	return s / (210.0 / 25.4);
}

/* An 8-bit grey copy of pix. */
PIX *scan_to_grey(PIX *pix)
{
	PIX *t, *g;

	if (pixGetColormap(pix)) {
		t = pixRemoveColormap(pix, REMOVE_CMAP_TO_GRAYSCALE);
		if (!t)
			return NULL;
		g = pixGetDepth(t) == 8 ? pixClone(t) : scan_to_grey(t);
		pixDestroy(&t);
		return g;
	}
	switch (pixGetDepth(pix)) {
	case 8:
		return pixCopy(NULL, pix);
	case 16:
		return pixConvert16To8(pix, L_MS_BYTE);
	case 24:
	case 32:
		return pixConvertRGBToLuminance(pix);
	default:
		return pixConvertTo8(pix, 0);
	}
}

/* How many grey levels an 8-bit image has: 1, 2, or 3 for more (one: a
 * blank page; two: a bilevel scan saved as grey). */
static int grey_levels(PIX *g)
{
	unsigned w = (unsigned)pixGetWidth(g), h = (unsigned)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);
	int a = -1, b = -1;

	for (unsigned y = 0; y < h; y += 3) {
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (unsigned x = 0; x < w; x += 3) {
			int v = GET_DATA_BYTE(line, x);

			if (v == a || v == b)
				continue;
			if (a < 0)
				a = v;
			else if (b < 0)
				b = v;
			else
				return 3;
		}
	}
	return b < 0 ? 1 : 2;
}

/* The share of sampled pixels of g that are neither nearly white (245
 * or more) nor nearly black (10 or less), and in *black the share of
 * nearly black ones. */
static double mid_share(PIX *g, double *black)
{
	unsigned w = (unsigned)pixGetWidth(g), h = (unsigned)pixGetHeight(g);
	l_uint32 *data = pixGetData(g);
	int wpl = pixGetWpl(g);
	size_t n = 0, mid = 0, dark = 0;

	for (unsigned y = 0; y < h; y += 3) {
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (unsigned x = 0; x < w; x += 3) {
			int v = GET_DATA_BYTE(line, x);

			n++;
			mid += v > 10 && v < 245;
			dark += v <= 10;
		}
	}
	*black = n ? (double)dark / (double)n : 0;
	return n ? (double)mid / (double)n : 1;
}

/* Check a decoded page and make it grey; SN_PAGE with *out set, or
 * SN_REFUSED / SN_BAD_PAGE. */
static enum scan_next accept_page(struct scan_source *s, PIX *pix,
				  unsigned page, PIX **out, struct diags *d)
{
	unsigned w = (unsigned)pixGetWidth(pix);
	unsigned h = (unsigned)pixGetHeight(pix);
	double dpi = scan_dpi(w, h), black = 1, mid;
	int levels;
	PIX *g;

	if (pixGetDepth(pix) == 1) {
		diags_error(d, s->path, 0, 0, "page %u: the scan is black "
			    "and white only (1 bit): light marks are lost; "
			    "rescan in greyscale or colour at 200 dpi or "
			    "more", page);
		return SN_REFUSED;
	}
	if (lround(dpi) < SCAN_MIN_DPI) {
		diags_error(d, s->path, 0, 0, "page %u: the scan has about "
			    "%.0f dpi (%ux%u pixels); rescan at 200 dpi or "
			    "more (at least %d)", page, dpi, w, h,
			    SCAN_MIN_DPI);
		return SN_REFUSED;
	}
	g = scan_to_grey(pix);
	if (!g) {
		diags_oom(d);
		return SN_BAD_PAGE;
	}
	levels = grey_levels(g);
	if (levels == 1) {
		pixDestroy(&g);
		diags_error(d, s->path, 0, 0, "page %u: the page is blank "
			    "(one grey level all over): not an answer-sheet "
			    "page; page not read", page);
		return SN_BAD_PAGE;
	}
	/* only a lossy page hides a black-and-white scan under noise */
	mid = levels == 2 ? 0 : s->lossy ? mid_share(g, &black) : 1;
	if (mid < MID_MAX && mid < BILEVEL_RATIO * black) {
		pixDestroy(&g);
		diags_error(d, s->path, 0, 0, "page %u: the scan is black "
			    "and white only (%s): light marks are lost; "
			    "rescan in greyscale or colour at 200 dpi or "
			    "more", page, levels == 2 ? "two grey levels" :
			    "pure black and white under the compression's "
			    "noise");
		return SN_REFUSED;
	}
	*out = g;
	return SN_PAGE;
}

/* The value of the name key (such as "/Width") in the dictionary text
 * [p, end): a plain number, or -1 when absent or not a plain number (an
 * indirect reference). */
static double dict_number(const char *p, const char *end, const char *key)
{
	size_t n = strlen(key);

	for (; p + n < end; p++) {
		const char *q;
		double v = 0;

		if (memcmp(p, key, n) || (p[n] >= 'A' && p[n] <= 'z'))
			continue;
		for (q = p + n; q < end && strchr(" \t\r\n", *q); q++)
			;
		if (q == end || *q < '0' || *q > '9')
			return -1;
		for (; q < end && *q >= '0' && *q <= '9'; q++)
			v = v * 10 + (*q - '0');
		while (q < end && strchr(" \t\r\n", *q))
			q++;
		/* "W 0 R" is a reference, not a number */
		if (q < end && *q >= '0' && *q <= '9')
			return -1;
		return v;
	}
	return -1;
}

/* The most pixels of an image in a PDF file: each image's dictionary (a
 * stream, which the PDF format never packs into an object stream, so it
 * is in the clear) read for /Width and /Height; a size that is not
 * plain numbers counts as too large.  Poppler decodes an image whole
 * before a page is rendered or its image taken, so this is checked
 * first. */
static double pdf_max_pixels(const char *data, size_t len)
{
	const char *end = data + len, *p = data;
	double most = 0;

	while ((p = memchr(p, '/', (size_t)(end - p)))) {
		const char *lo = p - (p - data > 4096 ? 4096 : p - data);
		const char *hi = end - p > 4096 ? p + 4096 : end;
		const char *at = p;
		double w, h;

		if (end - p < 6 || memcmp(p++, "/Image", 6))
			continue;
		p += 5;
		if (p < end && ((*p >= 'A' && *p <= 'Z') ||
				(*p >= 'a' && *p <= 'z')))
			continue;	/* /ImageMask, /ImageB, ... */
		/* the dictionary: from its "<<" to the stream */
		for (const char *q = at; q > lo; q--)
			if (q[0] == '<' && q[-1] == '<') {
				lo = q - 1;
				break;
			}
		for (const char *q = at; q + 6 <= hi; q++)
			if (!memcmp(q, "stream", 6)) {
				hi = q;
				break;
			}
		w = dict_number(lo, hi, "/Width");
		h = dict_number(lo, hi, "/Height");
		if (w < 0 || h < 0)
			return INFINITY;
		if (w * h > most)
			most = w * h;
	}
	return most;
}

/* The first place of string n in [h, e), or NULL. */
static const char *find(const char *h, const char *e, const char *n)
{
	size_t len = strlen(n);

	while (h && e - h >= (ptrdiff_t)len) {
		h = memchr(h, n[0], (size_t)(e - h) - len + 1);
		if (!h || !memcmp(h, n, len))
			return h;
		h++;
	}
	return NULL;
}

/* Whether PDF dictionary text [d, e) has name `key` (a whole name). */
static bool dict_has(const char *d, const char *e, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = d; p && p < e;) {
		p = find(p, e, key);
		if (!p)
			return false;
		p += n;
		if (p >= e || !(isalnum((unsigned char)*p) || *p == '_'))
			return true;
	}
	return false;
}

/* Whether dictionary text [d, e) is that of an image the JPEG decoder
 * gives exactly as a PDF viewer shows it: DCTDecode alone, 8 bits of
 * DeviceGray or DeviceRGB, no decode array, parameters or masks. */
static bool plain_jpeg(const char *d, const char *e)
{
	const char *f = find(d, e, "/Filter");

	if (!f || !dict_has(d, e, "/Image"))
		return false;
	for (f += 7; f < e && isspace((unsigned char)*f); f++)
		;
	if (e - f < 10 || memcmp(f, "/DCTDecode", 10))
		return false;
	return dict_number(d, e, "/BitsPerComponent") == 8 &&
	       (dict_has(d, e, "/DeviceGray") || dict_has(d, e, "/DeviceRGB")) &&
	       !dict_has(d, e, "/Decode") && !dict_has(d, e, "/DecodeParms") &&
	       !dict_has(d, e, "/SMask") && !dict_has(d, e, "/Mask") &&
	       !dict_has(d, e, "/ImageMask");
}

/* Find the plain JPEG images of PDF s in file order (none when out of
 * memory: the pages are then rendered). */
static void find_jpegs(struct scan_source *s)
{
	const char *buf = (const char *)s->data, *end = buf + s->len;
	const char *p = buf;
	size_t cap = 0;

	while ((p = find(p, end, "/DCTDecode"))) {
		const char *d = p, *st, *data, *stop;
		long w, h;

		/* the object's dictionary: from "obj" to "stream" */
		while (d > buf && p - d < 4096 && memcmp(d, "obj", 3))
			d--;
		st = find(p, end - p < 4096 ? end : p + 4096, "stream");
		p += 10;
		if (!st || memcmp(d, "obj", 3))
			continue;
		data = st + 6;
		data += data < end && *data == '\r';
		data += data < end && *data == '\n';
		stop = find(data, end, "endstream");
		w = (long)dict_number(d, st, "/Width");
		h = (long)dict_number(d, st, "/Height");
		if (!stop || w <= 0 || h <= 0 || !plain_jpeg(d, st) ||
		    stop - data < 4 || (unsigned char)data[0] != 0xFF ||
		    (unsigned char)data[1] != 0xD8)
			continue;
		if (array_grow(&s->jpegs, &cap, s->njpegs + 1,
			       sizeof(*s->jpegs)) < 0) {
			s->njpegs = 0;
			return;
		}
		s->jpegs[s->njpegs++] = (struct scan_jpeg){
			(size_t)(data - buf), (size_t)(stop - data), w, h };
		p = stop;
	}
}

/* Open a scan file. */
int scan_source_open(struct scan_source *s, const char *path,
		     struct diags *d)
{
	enum fileio_err fe;
	char *buf = NULL;
	size_t len = 0;

	memset(s, 0, sizeof(*s));
	fe = fileio_read(path, SCAN_MAX_BYTES, &buf, &len);
	if (fe == FILEIO_ENOMEM) {
		s->path = path;
		diags_oom(d);
		return -1;
	}
	if (fe != FILEIO_OK) {
		s->path = path;
		diags_error(d, path, 0, 0, "cannot read scan: %s",
			    fileio_reason(fe, errno));
		return -1;
	}
	return scan_source_open_mem(s, path, (unsigned char *)buf, len, d);
}

/* Open a scan held in memory. */
int scan_source_open_mem(struct scan_source *s, const char *path,
			 unsigned char *data, size_t len, struct diags *d)
{
	char *buf = (char *)data;
	l_int32 fmt = IFF_UNKNOWN;

	memset(s, 0, sizeof(*s));
	s->path = path;
	s->format = IFF_UNKNOWN;
	s->data = data;
	s->len = len;
	if (s->len >= 5 && !memcmp(buf, "%PDF-", 5)) {
		GBytes *bytes = g_bytes_new_static(buf, s->len);
		GError *err = NULL;
		PopplerDocument *doc = poppler_document_new_from_bytes(
			bytes, NULL, &err);

		g_bytes_unref(bytes);
		if (!doc) {
			diags_error(d, path, 0, 0, "cannot read scan: not a "
				    "readable PDF (%s)", err ? err->message :
							      "unknown");
			if (err)
				g_error_free(err);
			return -1;
		}
		s->pdf = doc;
		s->format = -1;
		s->npages = (unsigned)poppler_document_get_n_pages(doc);
		s->pdf_pixels = pdf_max_pixels(buf, s->len);
		find_jpegs(s);
		return 0;
	}
	if (s->len < 8 || findFileFormatBuffer(s->data, &fmt) ||
	    !(fmt == IFF_PNG || fmt == IFF_JFIF_JPEG ||
	      (fmt >= IFF_TIFF && fmt <= IFF_TIFF_JPEG))) {
		diags_error(d, path, 0, 0, "cannot read scan: not a PNG, "
			    "JPEG, TIFF or PDF file");
		return -1;
	}
	s->format = fmt;
	if (fmt >= IFF_TIFF && fmt <= IFF_TIFF_JPEG) {
		FILE *fp = fmemopen(s->data, s->len, "rb");
		l_int32 n = 0;

		if (!fp || tiffGetCount(fp, &n) || n <= 0) {
			if (fp)
				fclose(fp);
			diags_error(d, path, 0, 0, "cannot read scan: a "
				    "damaged TIFF file");
			return -1;
		}
		fclose(fp);
		s->tiff = true;
		s->npages = (unsigned)n;
	} else {
		s->npages = 1;
	}
	return 0;
}

/* A cairo image surface as an 8-bit grey image. */
static PIX *surface_to_grey(cairo_surface_t *sf)
{
	int w = cairo_image_surface_get_width(sf);
	int h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf);
	cairo_format_t fmt = cairo_image_surface_get_format(sf);
	const unsigned char *px;
	PIX *g;

	cairo_surface_flush(sf);
	px = cairo_image_surface_get_data(sf);
	if (!px || w <= 0 || h <= 0 || (fmt != CAIRO_FORMAT_RGB24 &&
					fmt != CAIRO_FORMAT_ARGB32 &&
					fmt != CAIRO_FORMAT_A8))
		return NULL;
	g = pixCreate(w, h, 8);
	if (!g)
		return NULL;
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(g) +
				 (size_t)y * (size_t)pixGetWpl(g);
		const unsigned char *row = px + (size_t)y * (size_t)stride;

		for (int x = 0; x < w; x++) {
			unsigned v;

			if (fmt == CAIRO_FORMAT_A8) {
				v = 255u - row[x];
			} else {
				l_uint32 p = ((const l_uint32 *)(const void *)
					      row)[x];
				unsigned r = (p >> 16) & 255;
				unsigned gg = (p >> 8) & 255;
				unsigned b = p & 255, a = p >> 24;

				v = (299 * r + 587 * gg + 114 * b) / 1000;
				/* transparent shows the white paper */
				if (fmt == CAIRO_FORMAT_ARGB32 && a < 255)
					v = v + (255 - a);
				if (v > 255)
					v = 255;
			}
			SET_DATA_BYTE(line, x, (l_uint8)v);
		}
	}
	return g;
}

/* PDF page i's JPEG decoded to grey, when the file has one plain JPEG a
 * page and it decodes to the size its dictionary says; else NULL. */
static PIX *page_jpeg(struct scan_source *s, unsigned i)
{
	const struct scan_jpeg *j = &s->jpegs[i];
	PIX *pix, *g;

	if (s->njpegs != s->npages || (double)j->w * (double)j->h >
	    SCAN_MAX_PIXELS)
		return NULL;
	pix = pixReadMemJpeg(s->data + j->off, j->len, 0, 1, NULL,
			     L_JPEG_READ_LUMINANCE);
	if (pix && (pixGetWidth(pix) != j->w || pixGetHeight(pix) != j->h)) {
		pixDestroy(&pix);
		return NULL;
	}
	g = pix ? scan_to_grey(pix) : NULL;
	pixDestroy(&pix);
	return g;
}

/* The image of PDF page i: its one embedded image when it covers the
 * page, else the page rendered at RENDER_DPI.  NULL on failure. */
static PIX *pdf_page(struct scan_source *s, unsigned i)
{
	PopplerPage *pg = poppler_document_get_page(s->pdf, (int)i);
	cairo_surface_t *sf = NULL;
	double pw, ph;
	GList *maps;
	PIX *g = NULL;

	if (!pg)
		return NULL;
	poppler_page_get_size(pg, &pw, &ph);
	maps = poppler_page_get_image_mapping(pg);
	if (maps && !maps->next) {
		PopplerImageMapping *m = maps->data;
		double aw = m->area.x2 - m->area.x1;
		double ah = m->area.y2 - m->area.y1;

		/* one JPEG a page: decoded here, straight to grey */
		if (aw * ah >= 0.9 * pw * ph)
			g = page_jpeg(s, i);
		s->lossy = g != NULL;
		if (!g && aw * ah >= 0.9 * pw * ph)
			sf = poppler_page_get_image(pg, m->image_id);
	}
	poppler_page_free_image_mapping(maps);
	if (g)
		goto out;
	if (!sf) {
		int w = (int)lround(pw / 72.0 * RENDER_DPI);
		int h = (int)lround(ph / 72.0 * RENDER_DPI);
		cairo_t *cr;

		if (w <= 0 || h <= 0 || (double)w * h > RENDER_MAX_PIXELS)
			goto out;
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cr = cairo_create(sf);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, RENDER_DPI / 72.0, RENDER_DPI / 72.0);
		poppler_page_render_for_printing(pg, cr);
		cairo_destroy(cr);
	}
	if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS)
		g = surface_to_grey(sf);
out:
	if (sf)
		cairo_surface_destroy(sf);
	g_object_unref(pg);
	return g;
}

/* True if an image (TIFF page n, or the one image when n < 0) says it
 * is larger than any page scan (its size in *w, *h), or its header
 * cannot be read (*w = 0). */
static bool too_large(const struct scan_source *s, l_int32 n, l_int32 *w,
		      l_int32 *h)
{
	l_int32 fmt, bps, spp, cmap, res;

	*w = *h = 0;
	if (n >= 0 ? readHeaderMemTiff(s->data, s->len, n, w, h, &bps,
				       &spp, &res, &cmap, &fmt) :
		     pixReadHeaderMem(s->data, s->len, &fmt, w, h, &bps,
				      &spp, &cmap)) {
		*w = *h = 0;
		return true;
	}
	return *w <= 0 || *h <= 0 || (double)*w * *h > SCAN_MAX_PIXELS;
}

/* Hand out the next page. */
enum scan_next scan_source_next(struct scan_source *s, PIX **out,
				unsigned *page, struct diags *d)
{
	enum scan_next r;
	PIX *pix;
	unsigned i;
	l_int32 w = 0, h = 0;
	bool big = false;

	*out = NULL;
	if (s->next >= s->npages)
		return SN_END;
	i = s->next++;
	*page = i + 1;
	s->lossy = s->format == IFF_JFIF_JPEG || s->format == IFF_TIFF_JPEG;
	if (s->pdf && s->pdf_pixels > SCAN_MAX_PIXELS) {
		diags_error(d, s->path, 0, 0, "page %u: the PDF holds an image "
			    "of more than %.0f million pixels (%s), more than "
			    "any page scan: not decoded", *page,
			    SCAN_MAX_PIXELS / 1e6, isinf(s->pdf_pixels) ?
			    "its size is not given as plain numbers" :
			    "its /Width times /Height");
		return SN_BAD_PAGE;
	}
	if (s->pdf)
		pix = pdf_page(s, i);
	else if ((big = too_large(s, s->tiff ? (l_int32)i : -1, &w, &h)))
		pix = NULL;
	else if (s->tiff)
		pix = pixReadMemTiff(s->data, s->len, (l_int32)i);
	else
		pix = pixReadMem(s->data, s->len);
	if (!pix && big && w > 0) {
		diags_error(d, s->path, 0, 0, "page %u: the image is %dx%d "
			    "pixels, more than any page scan (at most %.0f "
			    "million); rescan the page at 200 to 600 dpi",
			    *page, w, h, SCAN_MAX_PIXELS / 1e6);
		return SN_REFUSED;
	}
	if (!pix) {
		diags_error(d, s->path, 0, 0, "page %u: cannot decode this "
			    "page of the scan", *page);
		return SN_BAD_PAGE;
	}
	r = accept_page(s, pix, *page, out, d);
	pixDestroy(&pix);
	return r;
}

/* Close a scan file. */
void scan_source_close(struct scan_source *s)
{
	if (s->pdf)
		g_object_unref(s->pdf);
	free(s->jpegs);
	free(s->data);
	memset(s, 0, sizeof(*s));
}
