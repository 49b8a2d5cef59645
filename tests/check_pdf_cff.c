/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_pdf_cff.c - the CFF font shrinker: a cairo PDF whose Noto CJK
 * subsets keep every subroutine comes out far smaller and draws the same
 * pixels (poppler), a second pass changes nothing, and fonts or files it
 * does not understand (garbage, truncated or damaged fonts) are left as
 * they are. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <zlib.h>

#include "pdf/pdf-cff.h"

/* Text whose glyphs make cairo 1.16 keep all subroutines: several glyphs
 * that start their outline in one shared subroutine. */
static const char serif_text[] =
	"用黑色签字笔或2B铅笔将所选项的圆圈涂满；改时擦净。"
	"请勿折叠、污损本答题卡，在四角黑块与二维码处不要书写。";
static const char bold_text[] = "客服专员招聘笔试 FL KL EF";

/* cairo's bytes into a growing buffer. */
struct mem {
	unsigned char *b;
	size_t len, cap;
};

/* cairo's write callback. */
static cairo_status_t mem_write(void *closure, const unsigned char *data,
				unsigned int len)
{
	struct mem *m = closure;

	if (m->len + len > m->cap) {
		m->cap = (m->len + len) * 2;
		m->b = realloc(m->b, m->cap);
		ck_assert_ptr_nonnull(m->b);
	}
	memcpy(m->b + m->len, data, len);
	m->len += len;
	return CAIRO_STATUS_SUCCESS;
}

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
static struct mem make_pdf(void)
{
	struct mem m = { NULL, 0, 0 };
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(mem_write,
								  &m, 595,
								  842);
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
static unsigned char *first_font(const struct mem *m, size_t *len)
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
	struct mem m = make_pdf();
	unsigned char *small = NULL, *again = NULL;
	size_t n = 0, n2 = 1;
	cairo_surface_t *a, *b;
	int stride, h;

	ck_assert_int_eq(pdf_cff_shrink_pdf(m.b, m.len, &small, &n), 0);
	ck_assert_ptr_nonnull(small);
	/* cairo kept 0.4 MB or more of subroutines per face */
	ck_assert_msg(n + 300000 < m.len, "%zu -> %zu bytes", m.len, n);
	a = draw(m.b, m.len);
	b = draw(small, n);
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
	ck_assert_int_eq(pdf_cff_shrink_pdf(small, n, &again, &n2), 0);
	ck_assert_ptr_null(again);
	ck_assert_uint_eq(n2, 0);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	free(small);
	free(m.b);
}
END_TEST

START_TEST(damaged_input_is_left_alone)
{
	struct mem m = make_pdf();
	unsigned char junk[4096], *out = (unsigned char *)"x";
	size_t n = 1, flen, steps = 0;
	unsigned char *font = first_font(&m, &flen);
	unsigned char *copy = malloc(flen);

	ck_assert_ptr_nonnull(copy);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 7919 >> 3);
	ck_assert_uint_eq(pdf_cff_shrink(junk, sizeof(junk)), 0);
	ck_assert_int_eq(pdf_cff_shrink_pdf(junk, sizeof(junk), &out, &n), 0);
	ck_assert_ptr_null(out);
	/* a PDF cut short has no cross-reference table to rewrite */
	ck_assert_int_eq(pdf_cff_shrink_pdf(m.b, m.len / 2, &out, &n), 0);
	ck_assert_ptr_null(out);
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

/* The suite. */
static Suite *pdf_cff_suite(void)
{
	Suite *s = suite_create("pdf_cff");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, shrinks_and_draws_the_same);
	tcase_add_test(tc, damaged_input_is_left_alone);
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
