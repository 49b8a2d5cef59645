/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_pdf_file.c - cairo's PDF written anew: the whole file comes out
 * smaller with the same pages, text and pixels (poppler) and passes
 * qpdf --check; a run of its pages comes out as a file of its own with
 * its new title; anything else (garbage, a file cut short or damaged) is
 * "not read" or read safely, never a crash (run under ASan and valgrind). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "pdf/pdf-file.h"
#include "lib/pdfmem.h"

/* The text of page i of the test file. */
static const char *const page_text[3] = {
	"第一页 page one: 请用2B铅笔填涂答题卡",
	"第二页 page two: 客户服务 A B C D",
	"第三页 page three: 评分要点 T F",
};

/* A three-page PDF made by cairo: text, and a drawing shared by pages 1
 * and 3 (one form XObject). */
static struct pdf_bytes make_pdf(void)
{
	struct pdf_bytes m = { NULL, 0, 0, false };
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(
		pdfmem_write, &m, 595, 842);
	cairo_t *cr = cairo_create(sf);
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	cairo_pattern_t *shared;

	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				       "整卷 (whole)");
	cairo_push_group(cr);
	cairo_rectangle(cr, 50, 700, 200, 40);
	cairo_fill(cr);
	shared = cairo_pop_group(cr);
	pango_cairo_update_context(cr, ctx);
	for (int i = 0; i < 3; i++) {
		PangoLayout *l = pango_layout_new(ctx);
		PangoFontDescription *fd = pango_font_description_from_string(
			"Noto Serif CJK SC 12");

		pango_layout_set_font_description(l, fd);
		pango_layout_set_text(l, page_text[i], -1);
		cairo_move_to(cr, 40, 60);
		pango_cairo_show_layout(cr, l);
		if (i != 1) {
			cairo_set_source(cr, shared);
			cairo_paint(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		cairo_show_page(cr);
		pango_font_description_free(fd);
		g_object_unref(l);
	}
	cairo_pattern_destroy(shared);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	ck_assert_int_eq(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(sf);
	return m;
}

/* A malloc'd copy of n bytes. */
static unsigned char *copy_of(const unsigned char *b, size_t n)
{
	unsigned char *c = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(c);
	memcpy(c, b, n);
	return c;
}

/* The PDF b[0..n) opened by poppler (caller unrefs). */
static PopplerDocument *open_doc(const unsigned char *b, size_t n)
{
	GBytes *bytes = g_bytes_new(b, n);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL,
							       NULL);

	g_bytes_unref(bytes);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

/* The text of page i of doc (g_free). */
static char *text_of(PopplerDocument *doc, int i)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	char *t;

	ck_assert_ptr_nonnull(page);
	t = poppler_page_get_text(page);
	g_object_unref(page);
	return t;
}

/* Page i of doc drawn at 100 dpi (caller destroys). */
static cairo_surface_t *draw(PopplerDocument *doc, int i)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							  827, 1170);
	cairo_t *cr = cairo_create(img);

	ck_assert_ptr_nonnull(page);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, 100.0 / 72, 100.0 / 72);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	g_object_unref(page);
	return img;
}

/* True when pages i of a and j of b draw the same pixels. */
static bool same_pixels(PopplerDocument *a, int i, PopplerDocument *b, int j)
{
	cairo_surface_t *x = draw(a, i), *y = draw(b, j);
	size_t n = (size_t)cairo_image_surface_get_stride(x) *
		   (size_t)cairo_image_surface_get_height(x);
	bool same = !memcmp(cairo_image_surface_get_data(x),
			    cairo_image_surface_get_data(y), n);

	cairo_surface_destroy(x);
	cairo_surface_destroy(y);
	return same;
}

/* True when qpdf --check finds nothing wrong with b[0..n). */
static bool qpdf_ok(const unsigned char *b, size_t n)
{
	char path[] = "/tmp/check_pdf_file-XXXXXX", cmd[128];
	int fd = mkstemp(path), rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, b, n), (ssize_t)n);
	close(fd);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1", path);
	rc = system(cmd);
	unlink(path);
	return rc == 0;
}

START_TEST(whole_file_smaller_and_the_same)
{
	struct pdf_bytes m = make_pdf(), out = { NULL, 0, 0, false };
	struct pdf_file f;
	PopplerDocument *a, *b;
	gchar *title;

	ck_assert_int_eq(pdf_file_read(&f, copy_of(m.b, m.len), m.len), 0);
	ck_assert_uint_eq(f.nkids, 3);
	ck_assert_int_eq(pdf_file_shrink_fonts(&f), 0);
	ck_assert_int_eq(pdf_file_write(&f, &out), 0);
	ck_assert_uint_lt(out.len, m.len);
	ck_assert_int_eq(memcmp(out.b, "%PDF-1.5", 8), 0);
	ck_assert(qpdf_ok(out.b, out.len));
	a = open_doc(m.b, m.len);
	b = open_doc(out.b, out.len);
	ck_assert_int_eq(poppler_document_get_n_pages(b), 3);
	title = poppler_document_get_title(b);
	ck_assert_str_eq(title, "整卷 (whole)");
	g_free(title);
	for (int i = 0; i < 3; i++) {
		char *t = text_of(b, i);

		ck_assert_msg(strstr(t, page_text[i] + 10), "page %d: %s", i,
			      t);
		g_free(t);
		ck_assert_msg(same_pixels(a, i, b, i), "page %d differs", i);
	}
	g_object_unref(a);
	g_object_unref(b);
	pdf_file_release(&f);
	free(out.b);
	free(m.b);
}
END_TEST

START_TEST(pages_as_a_file_of_their_own)
{
	struct pdf_bytes m = make_pdf(), out = { NULL, 0, 0, false };
	struct pdf_bytes two = { NULL, 0, 0, false };
	struct pdf_file f;
	PopplerDocument *a, *b;
	gchar *title;
	char *t;

	ck_assert_int_eq(pdf_file_read(&f, copy_of(m.b, m.len), m.len), 0);
	/* page 3 alone */
	ck_assert_int_eq(pdf_file_write_pages(&f, 2, 1, "答题卡 C", &out), 0);
	ck_assert(qpdf_ok(out.b, out.len));
	a = open_doc(m.b, m.len);
	b = open_doc(out.b, out.len);
	ck_assert_int_eq(poppler_document_get_n_pages(b), 1);
	title = poppler_document_get_title(b);
	ck_assert_str_eq(title, "答题卡 C");
	g_free(title);
	t = text_of(b, 0);
	ck_assert_msg(strstr(t, "page three"), "%s", t);
	ck_assert_ptr_null(strstr(t, "page one"));
	g_free(t);
	ck_assert(same_pixels(a, 2, b, 0));
	g_object_unref(b);
	/* pages 1-2: the shared drawing once, page 2's text */
	ck_assert_int_eq(pdf_file_write_pages(&f, 0, 2, "", &two), 0);
	ck_assert(qpdf_ok(two.b, two.len));
	b = open_doc(two.b, two.len);
	ck_assert_int_eq(poppler_document_get_n_pages(b), 2);
	ck_assert(same_pixels(a, 1, b, 1));
	g_object_unref(b);
	g_object_unref(a);
	/* pages that are not there */
	ck_assert_int_eq(pdf_file_write_pages(&f, 3, 1, "x", &out), -1);
	ck_assert_int_eq(pdf_file_write_pages(&f, 1, 3, "x", &out), -1);
	ck_assert_int_eq(pdf_file_write_pages(&f, 0, 0, "x", &out), -1);
	pdf_file_release(&f);
	free(out.b);
	free(two.b);
	free(m.b);
}
END_TEST

/* Read b[0..n) (a copy); when read, write it whole and its first page. */
static int read_and_write(const unsigned char *b, size_t n)
{
	struct pdf_bytes out = { NULL, 0, 0, false };
	struct pdf_file f;
	int r = pdf_file_read(&f, copy_of(b, n), n);

	if (r == 0) {
		ck_assert_int_eq(pdf_file_write(&f, &out), 0);
		ck_assert_int_eq(pdf_file_write_pages(&f, 0, 1, "t", &out), 0);
	}
	pdf_file_release(&f);
	free(out.b);
	return r;
}

START_TEST(other_files_are_not_read)
{
	struct pdf_bytes m = make_pdf();
	unsigned char junk[4096], *c;
	size_t steps = 0, read = 0;

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 7919 >> 3);
	ck_assert_int_eq(read_and_write(junk, sizeof(junk)), 1);
	ck_assert_int_eq(read_and_write(junk, 0), 1);
	/* cut short: no cross-reference table at its end */
	for (size_t cut = 0; cut < m.len; cut += 1 + cut / 2, steps++)
		ck_assert_int_eq(read_and_write(m.b, cut), 1);
	/* damaged: read or not, never out of bounds */
	c = copy_of(m.b, m.len);
	for (size_t at = 0; at < m.len; at += 1 + at / 8, steps++) {
		c[at] ^= 0x5a;
		read += read_and_write(c, m.len) == 0;
		c[at] ^= 0x5a;
	}
	ck_assert_uint_gt(steps, 60);
	/* most bytes are stream data: changing them leaves a readable file */
	ck_assert_uint_gt(read, 0);
	free(c);
	free(m.b);
}
END_TEST

/* The suite. */
static Suite *pdf_file_suite(void)
{
	Suite *s = suite_create("pdf_file");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, whole_file_smaller_and_the_same);
	tcase_add_test(tc, pages_as_a_file_of_their_own);
	tcase_add_test(tc, other_files_are_not_read);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit 1 if anything failed. */
int main(void)
{
	SRunner *sr = srunner_create(pdf_file_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
