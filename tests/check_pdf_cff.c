/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_pdf_cff.c - the CFF font shrinker: a cairo PDF whose Noto CJK
 * subsets keep every subroutine comes out far smaller and draws the same
 * pixels (poppler), a second pass changes nothing, and fonts or files it
 * does not understand (garbage, truncated or damaged fonts) are left as
 * they are.  The fonts it shrinks keep only subroutines some glyph calls
 * and every glyph, its calls expanded, is the same bytes as before (in
 * cairo's fonts and in fonts built here: numbers re-encoded shorter and
 * longer, an emptied INDEX); a subroutine number not written right
 * before its call, or one written in a global subroutine that numbers
 * the local subroutines of two FDs, leaves the font as it is. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <zlib.h>

#include "pdf/pdf-cff.h"
#include "pdf/pdf-file.h"
#include "lib/pdfmem.h"

/* Text whose glyphs make cairo 1.16 keep all subroutines: several glyphs
 * that start their outline in one shared subroutine. */
static const char serif_text[] =
	"用黑色签字笔或2B铅笔将所选项的圆圈涂满；改时擦净。"
	"请勿折叠、污损本答题卡，在四角黑块与二维码处不要书写。";
static const char bold_text[] = "客服专员招聘笔试 FL KL EF";

/* Show text in font (a Pango description) at y, laid out in ctx. */
static void show(cairo_t *cr, PangoContext *ctx, const char *font,
		 const char *text, double y)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, 500 * PANGO_SCALE);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, 40, y);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* A one-page PDF made by cairo alone. */
static struct pdf_bytes make_pdf(void)
{
	struct pdf_bytes m = { NULL, 0, 0, false };
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(
		pdfmem_write, &m, 595, 842);
	cairo_t *cr = cairo_create(sf);
	/* a font map of its own, freed after (pango's default one stays) */
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);

	pango_cairo_update_context(cr, ctx);
	show(cr, ctx, "Noto Sans CJK SC Bold 18", bold_text, 40);
	show(cr, ctx, "Noto Serif CJK SC 10.5", serif_text, 100);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	ck_assert_int_eq(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(sf);
	return m;
}

/* Page 1 of a PDF drawn by poppler at 150 dpi (caller destroys). */
static cairo_surface_t *draw(const unsigned char *pdf, size_t len)
{
	GBytes *bytes = g_bytes_new(pdf, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL,
							       NULL);
	PopplerPage *page;
	cairo_surface_t *img;
	cairo_t *cr;

	ck_assert_ptr_nonnull(doc);
	page = poppler_document_get_page(doc, 0);
	ck_assert_ptr_nonnull(page);
	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1240, 1754);
	cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, 150.0 / 72, 150.0 / 72);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	g_object_unref(page);
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return img;
}

/* The first s in b[from..len), or NULL. */
static unsigned char *find(unsigned char *b, size_t from, size_t len,
			   const char *s)
{
	size_t n = strlen(s);

	for (size_t i = from; i + n <= len; i++)
		if (!memcmp(b + i, s, n))
			return b + i;
	return NULL;
}

/* The first CID CFF font program of a cairo PDF, inflated (malloc'd). */
static unsigned char *first_font(const struct pdf_bytes *m, size_t *len)
{
	unsigned char *at = find(m->b, 0, m->len, "/Subtype /CIDFontType0C");
	unsigned char *out = malloc(4 << 20);
	uLongf n = 4 << 20;

	ck_assert_ptr_nonnull(at);
	at = find(m->b, (size_t)(at - m->b), m->len, "stream\n");
	ck_assert_ptr_nonnull(at);
	at += 7;
	ck_assert_ptr_nonnull(out);
	/* the stream runs to its end; uncompress stops there */
	ck_assert_int_ne(uncompress(out, &n, at,
				    m->len - (size_t)(at - m->b)),
			 Z_DATA_ERROR);
	*len = n;
	return out;
}

START_TEST(shrinks_and_draws_the_same)
{
	struct pdf_bytes m = make_pdf();
	struct pdf_bytes small = { NULL, 0, 0, false };
	struct pdf_file f;
	unsigned char *copy = malloc(m.len), *font;
	cairo_surface_t *a, *b;
	size_t flen, n;
	int stride, h;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m.b, m.len);
	ck_assert_int_eq(pdf_file_read(&f, copy, m.len), 0);
	ck_assert_int_eq(pdf_file_shrink_fonts(&f), 0);
	ck_assert_int_eq(pdf_file_write(&f, &small), 0);
	pdf_file_release(&f);
	/* cairo kept 0.4 MB or more of subroutines per face */
	ck_assert_msg(small.len + 300000 < m.len, "%zu -> %zu bytes", m.len,
		      small.len);
	a = draw(m.b, m.len);
	b = draw(small.b, small.len);
	stride = cairo_image_surface_get_stride(a);
	h = cairo_image_surface_get_height(a);
	ck_assert(memcmp(cairo_image_surface_get_data(a),
			 cairo_image_surface_get_data(b),
			 (size_t)stride * (size_t)h) == 0);
	/* and something was drawn */
	for (int i = 0; i < stride * h; i++)
		if (cairo_image_surface_get_data(a)[i] != 0xff)
			goto drawn;
	ck_abort_msg("a blank page");
drawn:
	/* a second pass finds nothing more to drop */
	font = first_font(&m, &flen);
	n = pdf_cff_shrink(font, flen);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(pdf_cff_shrink(font, n), 0);
	free(font);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	free(small.b);
	free(m.b);
}
END_TEST

START_TEST(damaged_input_is_left_alone)
{
	struct pdf_bytes m = make_pdf();
	unsigned char junk[4096];
	size_t flen, steps = 0;
	unsigned char *font = first_font(&m, &flen);
	unsigned char *copy = malloc(flen);

	ck_assert_ptr_nonnull(copy);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 7919 >> 3);
	ck_assert_uint_eq(pdf_cff_shrink(junk, sizeof(junk)), 0);
	/* the font cut short, or with bytes overwritten: never read out of
	 * bounds (run under valgrind / ASan), never a longer font */
	for (size_t cut = 0; cut < flen; cut += 1 + cut / 3, steps++) {
		memcpy(copy, font, cut);
		ck_assert_uint_le(pdf_cff_shrink(copy, cut), cut);
	}
	for (size_t at = 0; at < flen; at += 1 + at / 2, steps++) {
		memcpy(copy, font, flen);
		copy[at] ^= 0xa5;
		ck_assert_uint_lt(pdf_cff_shrink(copy, flen), flen);
	}
	ck_assert_uint_gt(steps, 20);
	/* the whole font does shrink */
	memcpy(copy, font, flen);
	ck_assert_uint_gt(pdf_cff_shrink(copy, flen), 0);
	free(copy);
	free(font);
	free(m.b);
}
END_TEST

#define MAX_FDS 8
#define MAX_ITEMS 65536		/* an INDEX's most */

/* A font read back: its INDEXes as item bounds. */
struct font {
	const unsigned char *b;
	size_t len;
	unsigned nglyphs, ngsubrs, nfds, nlsubrs[MAX_FDS];
	size_t glyph[MAX_ITEMS][2], gsubr[MAX_ITEMS][2];
	size_t lsubr[MAX_FDS][MAX_ITEMS][2];
	unsigned char fdsel[MAX_ITEMS];
	/* how often each subroutine is called */
	unsigned gcalls[MAX_ITEMS], lcalls[MAX_FDS][MAX_ITEMS];
};

/* Read the INDEX at b[*o] into items (at most max), moving *o past it;
 * its count. */
static unsigned read_index(const unsigned char *b, size_t *o,
			   size_t (*items)[2], unsigned max)
{
	unsigned n = (unsigned)b[*o] << 8 | b[*o + 1], osz;
	size_t off[2], data;

	if (!n) {
		*o += 2;
		return 0;
	}
	osz = b[*o + 2];
	ck_assert_uint_le(n, max);
	data = *o + 2 + (n + 1) * (size_t)osz;
	for (unsigned i = 0; i <= n; i++) {
		off[1] = 0;
		for (unsigned k = 0; k < osz; k++)
			off[1] = off[1] << 8 | b[*o + 3 + i * osz + k];
		if (i)
			ck_assert_uint_le(off[0], off[1]);
		if (i) {
			items[i - 1][0] = data + off[0];
			items[i - 1][1] = data + off[1];
		}
		off[0] = off[1];
	}
	*o = data + off[0];
	return n;
}

/* The integer operands of DICT b[a..z) before operator op (12 x as
 * 1200 + x) into v[]; how many. */
static int dict_get(const unsigned char *b, size_t a, size_t z, int op,
		    long *v)
{
	int n = 0;

	while (a < z) {
		unsigned c = b[a];

		if (c <= 21) {
			int o = c == 12 ? 1200 + b[a + 1] : (int)c;

			a += c == 12 ? 2 : 1;
			if (o == op)
				return n;
			n = 0;
		} else if (c == 29) {
			v[n++] = (long)(int32_t)((uint32_t)b[a + 1] << 24 |
				 (uint32_t)b[a + 2] << 16 |
				 (uint32_t)b[a + 3] << 8 | b[a + 4]);
			a += 5;
		} else if (c == 28) {
			v[n++] = (int16_t)(b[a + 1] << 8 | b[a + 2]);
			a += 3;
		} else if (c == 30) {
			while ((b[a] & 15) != 15 && (b[a] >> 4) != 15)
				a++;
			v[n++] = 0;
			a++;
		} else if (c <= 246) {
			v[n++] = (long)c - 139;
			a++;
		} else {
			v[n++] = c <= 250 ? (long)(c - 247) * 256 + b[a + 1] + 108 :
				 -(long)(c - 251) * 256 - b[a + 1] - 108;
			a += 2;
		}
	}
	return -1;
}

/* Read the structure of the CID-keyed font b[0..len) into f. */
static void read_font(struct font *f, const unsigned char *b, size_t len)
{
	size_t o = b[2], top[1][2], fds[MAX_FDS][2], x;
	long v[48];

	memset(f, 0, sizeof(*f));
	f->b = b;
	f->len = len;
	read_index(b, &o, top, 1);			/* names */
	ck_assert_uint_eq(read_index(b, &o, top, 1), 1);
	read_index(b, &o, f->gsubr, MAX_ITEMS);		/* strings */
	f->ngsubrs = read_index(b, &o, f->gsubr, MAX_ITEMS);
	ck_assert_int_eq(dict_get(b, top[0][0], top[0][1], 17, v), 1);
	x = (size_t)v[0];
	f->nglyphs = read_index(b, &x, f->glyph, MAX_ITEMS);
	ck_assert_int_eq(dict_get(b, top[0][0], top[0][1], 1237, v), 1);
	ck_assert_uint_eq(b[v[0]], 0);
	memcpy(f->fdsel, b + v[0] + 1, f->nglyphs);
	ck_assert_int_eq(dict_get(b, top[0][0], top[0][1], 1236, v), 1);
	x = (size_t)v[0];
	f->nfds = read_index(b, &x, fds, MAX_FDS);
	for (unsigned i = 0; i < f->nfds; i++) {
		size_t priv;

		ck_assert_int_eq(dict_get(b, fds[i][0], fds[i][1], 18, v), 2);
		priv = (size_t)v[1];
		if (dict_get(b, priv, priv + (size_t)v[0], 19, v) != 1)
			continue;
		x = priv + (size_t)v[0];
		f->nlsubrs[i] = read_index(b, &x, f->lsubr[i], MAX_ITEMS);
	}
	ck_assert_uint_le(x, len);
}

/* The bias of an INDEX of n subroutines. */
static long subr_bias(unsigned n)
{
	return n < 1240 ? 107 : n < 33900 ? 1131 : 32768;
}

/* A glyph's outline being flattened: its charstring with every
 * subroutine call replaced by the subroutine's bytes. */
struct flat {
	unsigned char b[65536];
	size_t n;
	unsigned nhints;
	int sp;
	bool masked;
};

/* Append charstring [a, z) of a glyph of FD fd to fl, calls expanded,
 * counting the calls in f; 1 at endchar. */
static int flatten(struct font *f, unsigned fd, size_t a, size_t z,
		   struct flat *fl)
{
	const unsigned char *b = f->b;
	size_t last = 0;		/* where the last number began in fl */
	long num = 0;

	while (a < z) {
		ck_assert_uint_lt(fl->n + 16, sizeof(fl->b));
		unsigned c = b[a];
		size_t n = c == 28 ? 3 : c < 32 ? 1 : c <= 246 ? 1 :
			   c <= 254 ? 2 : 5;

		if (c == 28 || c >= 32) {
			num = c == 28 ? (int16_t)(b[a + 1] << 8 | b[a + 2]) :
			      c <= 246 ? (long)c - 139 :
			      c <= 250 ? (long)(c - 247) * 256 + b[a + 1] + 108 :
			      -(long)(c - 251) * 256 - b[a + 1] - 108;
			last = fl->n;
			fl->sp++;
			memcpy(fl->b + fl->n, b + a, n);
			fl->n += n;
			a += n;
			continue;
		}
		if (c == 10 || c == 29) {
			unsigned cnt = c == 10 ? f->nlsubrs[fd] : f->ngsubrs;
			long i = num + subr_bias(cnt);
			size_t (*it)[2] = c == 10 ? f->lsubr[fd] : f->gsubr;
			int r;

			ck_assert(i >= 0 && i < (long)cnt);
			/* never a subroutine dropped as a lone return */
			ck_assert(it[i][1] - it[i][0] > 1 ||
				  b[it[i][0]] != 11);
			if (c == 10)
				f->lcalls[fd][i]++;
			else
				f->gcalls[i]++;
			fl->n = last;		/* the number is not outline */
			fl->sp--;
			r = flatten(f, fd, it[i][0], it[i][1], fl);
			if (r)
				return r;
			a++;
			continue;
		}
		if (c == 11)
			return 0;
		fl->b[fl->n++] = (unsigned char)c;
		a++;
		if (c == 12)
			fl->b[fl->n++] = b[a++];
		if (c == 1 || c == 3 || c == 18 || c == 23 ||
		    ((c == 19 || c == 20) && !fl->masked))
			fl->nhints += (unsigned)fl->sp / 2;
		if (c == 19 || c == 20) {
			fl->masked = true;
			memcpy(fl->b + fl->n, b + a, (fl->nhints + 7) / 8);
			fl->n += (fl->nhints + 7) / 8;
			a += (fl->nhints + 7) / 8;
		}
		fl->sp = 0;
		if (c == 14)
			return 1;
	}
	return 0;
}

/* Glyph g of f flattened into fl. */
static void flatten_glyph(struct font *f, unsigned g, struct flat *fl)
{
	fl->n = fl->nhints = 0;
	fl->sp = 0;
	fl->masked = false;
	flatten(f, f->fdsel[g], f->glyph[g][0], f->glyph[g][1], fl);
}

/* The subroutines of f no glyph calls. */
static unsigned uncalled(const struct font *f)
{
	unsigned n = 0;

	for (unsigned i = 0; i < f->ngsubrs; i++)
		n += !f->gcalls[i];
	for (unsigned d = 0; d < f->nfds; d++)
		for (unsigned i = 0; i < f->nlsubrs[d]; i++)
			n += !f->lcalls[d][i];
	return n;
}

/* Whether fonts a and b draw the same outlines: each glyph flattened
 * is the same bytes.  Counts the calls of b. */
static void same_outlines(struct font *a, struct font *b)
{
	static struct flat fa, fb;

	ck_assert_uint_eq(a->nglyphs, b->nglyphs);
	for (unsigned g = 0; g < a->nglyphs; g++) {
		ck_assert_uint_eq(a->fdsel[g], b->fdsel[g]);
		flatten_glyph(a, g, &fa);
		flatten_glyph(b, g, &fb);
		ck_assert_uint_eq(fa.n, fb.n);
		ck_assert(memcmp(fa.b, fb.b, fa.n) == 0);
	}
}


/* Put v in n bytes, big-endian, at b[at]. */
static void put_be(unsigned char *b, size_t at, size_t v, unsigned n)
{
	for (unsigned k = 0; k < n; k++)
		b[at + k] = (unsigned char)(v >> (8 * (n - 1 - k)));
}

/* Append an INDEX of the n items s[] (lens[i] bytes, or strlen when lens
 * is NULL) at b[*o]. */
static void put_index(unsigned char *b, size_t *o, const char *const *s,
		      const size_t *lens, unsigned n)
{
	size_t off = 1;

	put_be(b, *o, n, 2);
	if (!n) {
		*o += 2;
		return;
	}
	b[*o + 2] = 4;
	for (unsigned i = 0; i <= n; i++) {
		put_be(b, *o + 3 + i * 4, off, 4);
		if (i < n)
			off += lens ? lens[i] : strlen(s[i]);
	}
	*o += 3 + (n + 1) * 4;
	for (unsigned i = 0; i < n; i++) {
		size_t len = lens ? lens[i] : strlen(s[i]);

		memcpy(b + *o, s[i], len);
		*o += len;
	}
}

/* Put the 5-byte DICT integer v at b[at]. */
static void put_dict5(unsigned char *b, size_t at, size_t v)
{
	b[at] = 29;
	put_be(b, at + 1, v, 4);
}

/* A CID-keyed CFF font laid out as cairo does (offsets in 5 bytes) into
 * b: glyph g in FD g % nfd (at most 4), each FD with its own copy of the
 * local subroutines; its length. */
static size_t build_font(unsigned char *b, const char *const *glyphs,
			 const size_t *glens, unsigned ng,
			 const char *const *gsubrs, unsigned ngs,
			 const char *const *lsubrs, unsigned nls, unsigned nfd)
{
	/* ROS, then charset, CharStrings, FDArray, FDSelect, set below */
	static const char top[] =
		"\x1d\x00\x00\x01\x87\x1d\x00\x00\x01\x88\x8b\x0c\x1e"
		"\x1d\x00\x00\x00\x00\x0f\x1d\x00\x00\x00\x00\x11"
		"\x1d\x00\x00\x00\x00\x0c\x24\x1d\x00\x00\x00\x00\x0c\x25";
	/* Private: 6 bytes at 0, set below */
	static const char fd[] = "\x1d\x00\x00\x00\x06\x1d\x00\x00\x00\x00\x12";
	const char *item[4] = { "F" };
	size_t len[4] = { sizeof(top) - 1 };
	size_t o = 4, at, fds;

	ck_assert_uint_le(nfd, 4);
	memcpy(b, "\x01\x00\x04\x04", 4);
	put_index(b, &o, item, NULL, 1);		/* name */
	item[0] = top;
	at = o + 11;
	put_index(b, &o, item, len, 1);
	put_index(b, &o, NULL, NULL, 0);		/* strings */
	put_index(b, &o, gsubrs, NULL, ngs);
	put_dict5(b, at + 13, o);			/* charset */
	b[o++] = 0;
	for (unsigned g = 1; g < ng; g++) {
		put_be(b, o, g, 2);
		o += 2;
	}
	put_dict5(b, at + 32, o);			/* FDSelect */
	b[o++] = 0;
	for (unsigned g = 0; g < ng; g++)
		b[o++] = (unsigned char)(g % nfd);
	put_dict5(b, at + 19, o);			/* CharStrings */
	put_index(b, &o, glyphs, glens, ng);
	put_dict5(b, at + 25, o);			/* FDArray */
	for (unsigned k = 0; k < nfd; k++) {
		item[k] = fd;
		len[k] = sizeof(fd) - 1;
	}
	fds = o + 3 + (nfd + 1) * 4;			/* the first FD dict */
	put_index(b, &o, item, len, nfd);
	for (unsigned k = 0; k < nfd; k++) {
		put_dict5(b, fds + k * (sizeof(fd) - 1) + 5, o);
		put_dict5(b, o, 6);			/* Subrs */
		b[o + 5] = 19;
		o += 6;
		put_index(b, &o, lsubrs, NULL, nls);
	}
	return o;
}

/* A glyph into s: "0 0 rmoveto", then a callsubr for each of the n
 * subroutine numbers at[] of an INDEX of count, then endchar; its
 * length. */
static size_t calls(char *s, const unsigned *at, unsigned n, unsigned count)
{
	size_t o = 0;

	memcpy(s, "\x8b\x8b\x15", 3);
	o = 3;
	for (unsigned i = 0; i < n; i++) {
		long v = (long)at[i] - subr_bias(count);

		if (v >= -107 && v <= 107) {
			s[o++] = (char)(v + 139);
		} else if (v >= 108 && v <= 1131) {
			s[o++] = (char)(247 + (v - 108) / 256);
			s[o++] = (char)((v - 108) % 256);
		} else if (v <= -108 && v >= -1131) {
			s[o++] = (char)(251 + (-v - 108) / 256);
			s[o++] = (char)((-v - 108) % 256);
		} else {
			s[o++] = 28;
			s[o++] = (char)((unsigned long)v >> 8 & 255);
			s[o++] = (char)(v & 255);
		}
		s[o++] = 10;
	}
	s[o++] = 14;
	return o;
}

/* A subroutine: 1 1 rlineto. */
static const char line[] = "\x8c\x8c\x05\x0b";

/* Shrink the font b[0..len) into a copy, check it draws the same
 * outlines with every subroutine left called, and read it into *out
 * (with the original into *in); the new length. */
static size_t shrink_checked(const unsigned char *b, size_t len,
			     struct font *in, struct font *out,
			     unsigned char *copy)
{
	size_t n;

	memcpy(copy, b, len);
	n = pdf_cff_shrink(copy, len);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, len);
	read_font(in, b, len);
	read_font(out, copy, n);
	same_outlines(in, out);
	ck_assert_uint_eq(uncalled(out), 0);
	return n;
}

START_TEST(keeps_only_called_subroutines_renumbered)
{
	struct pdf_bytes m = make_pdf();
	size_t len, n, before, after;
	unsigned char *font = first_font(&m, &len);
	unsigned char *small = malloc(len);
	struct font *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	n = shrink_checked(font, len, a, b, small);
	/* cairo kept thousands of subroutines no glyph calls */
	before = a->ngsubrs;
	after = b->ngsubrs;
	for (unsigned i = 0; i < a->nfds; i++) {
		before += a->nlsubrs[i];
		after += b->nlsubrs[i];
	}
	ck_assert_uint_gt(uncalled(a), 1000);
	ck_assert_uint_lt(after * 10, before);
	ck_assert_uint_lt(n * 5, len);
	free(a);
	free(b);
	free(small);
	free(font);
	free(m.b);
}
END_TEST

START_TEST(renumbers_and_reencodes_calls)
{
	static const char *gs[3] = { line, line, line };
	static const char *ls[2400];
	static char g[3][10000];
	static unsigned char font[1 << 17], copy[1 << 17];
	const char *glyphs[3] = { g[0], g[1], g[2] };
	size_t glen[3], len;
	unsigned at[2300];
	struct font *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	for (unsigned i = 0; i < 2400; i++)
		ls[i] = line;
	/* 300 of 1300 local subroutines (bias 1131, then 107) and 1 of 3
	 * global ones; glyph 2 calls old number 1131 (written "0" in one
	 * byte), which becomes 299 (192: two bytes) */
	for (unsigned i = 0; i < 300; i++)
		at[i] = 832 + i;
	glen[0] = calls(g[0], at, 300, 1300);
	memcpy(g[1], "\x8b\x8b\x15\x22\x1d\x0e", 6);	/* global 2 */
	glen[1] = 6;
	glen[2] = calls(g[2], at + 299, 1, 1300);
	len = build_font(font, glyphs, glen, 3, gs, 3, ls, 1300, 1);
	shrink_checked(font, len, a, b, copy);
	ck_assert_uint_eq(uncalled(a), 1000 + 2);
	ck_assert_uint_eq(b->nlsubrs[0], 300);
	ck_assert_uint_eq(b->ngsubrs, 1);
	ck_assert_uint_eq(b->glyph[2][1] - b->glyph[2][0],
			  a->glyph[2][1] - a->glyph[2][0] + 1);
	/* 2300 of 2400 (bias 1131 before and after): numbers past 1131
	 * written in three bytes, all of them changed */
	for (unsigned i = 0; i < 2300; i++)
		at[i] = 100 + i;
	glen[0] = calls(g[0], at, 2300, 2400);
	glen[1] = 6;
	len = build_font(font, glyphs, glen, 2, gs, 3, ls, 2400, 1);
	shrink_checked(font, len, a, b, copy);
	ck_assert_uint_eq(b->nlsubrs[0], 2300);
	ck_assert(memchr(font + a->glyph[0][0], 28, glen[0]));
	/* no local subroutine called: an empty INDEX */
	glen[1] = 6;
	len = build_font(font, glyphs + 1, glen + 1, 1, gs, 3, ls, 10, 1);
	shrink_checked(font, len, a, b, copy);
	ck_assert_uint_eq(b->nlsubrs[0], 0);
	ck_assert_uint_eq(b->ngsubrs, 1);
	free(a);
	free(b);
}
END_TEST

START_TEST(subroutine_number_not_written_before_call_left_alone)
{
	/* global 0 leaves -107 on the stack: local 0's number */
	static const char *gs[3] = { "\x20\x0b", line, line };
	static const char *ls[10];
	static unsigned char font[4096], copy[4096];
	static const char *const cases[] = {
		"\x8b\x8b\x15\x20\x1d\x0a\x0e",		/* from a subroutine */
		"\x8b\x8b\x15\xff\xff\x95\x00\x00\x0a\x0e", /* 16.16 fixed */
		"\x8b\x8b\x15\x20\x0a\x0e",		/* written: shrinks */
	};
	static const size_t lens[] = { 7, 10, 6 };

	for (unsigned i = 0; i < 10; i++)
		ls[i] = line;
	for (unsigned k = 0; k < 3; k++) {
		size_t len = build_font(font, cases + k, lens + k, 1, gs, 3,
					ls, 10, 1);

		memcpy(copy, font, len);
		if (k < 2) {
			ck_assert_uint_eq(pdf_cff_shrink(copy, len), 0);
			ck_assert(memcmp(copy, font, len) == 0);
		} else {
			ck_assert_uint_gt(pdf_cff_shrink(copy, len), 0);
		}
	}
}
END_TEST

START_TEST(global_subroutine_numbering_two_fds_locals_left_alone)
{
	/* global 0 calls local 5: of FD 0 for glyph 0, of FD 1 for glyph 1
	 * (when there are two FDs), one number written for two INDEXes
	 * where it would become 1 (FD 0 keeps locals 2 and 5) and 0 */
	static const char *gs[3] = { "\x25\x0a\x0b", line, line };
	static const char *ls[10];
	static const char *const glyphs[2] = {
		"\x8b\x8b\x15\x22\x0a\x20\x1d\x0e",
		"\x8b\x8b\x15\x20\x1d\x0e",
	};
	static unsigned char font[4096], copy[4096];
	struct font *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	size_t len;

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	for (unsigned i = 0; i < 10; i++)
		ls[i] = line;
	len = build_font(font, glyphs, NULL, 2, gs, 3, ls, 10, 2);
	memcpy(copy, font, len);
	ck_assert_uint_eq(pdf_cff_shrink(copy, len), 0);
	ck_assert(memcmp(copy, font, len) == 0);
	/* one FD: shrinks */
	len = build_font(font, glyphs, NULL, 2, gs, 3, ls, 10, 1);
	shrink_checked(font, len, a, b, copy);
	ck_assert_uint_eq(b->ngsubrs, 1);
	ck_assert_uint_eq(b->nlsubrs[0], 2);
	free(a);
	free(b);
}
END_TEST

/* The suite. */
static Suite *pdf_cff_suite(void)
{
	Suite *s = suite_create("pdf_cff");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, shrinks_and_draws_the_same);
	tcase_add_test(tc, damaged_input_is_left_alone);
	tcase_add_test(tc, keeps_only_called_subroutines_renumbered);
	tcase_add_test(tc, renumbers_and_reencodes_calls);
	tcase_add_test(tc, subroutine_number_not_written_before_call_left_alone);
	tcase_add_test(tc, global_subroutine_numbering_two_fds_locals_left_alone);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit 1 if anything failed. */
int main(void)
{
	SRunner *sr = srunner_create(pdf_cff_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
