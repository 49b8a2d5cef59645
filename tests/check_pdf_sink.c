/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_pdf_sink.c - pdf_surface_create() and pdf_surface_finish(): the
 * PDF reaches the file with its fixed stamp (read back by poppler), and a
 * failed write is kept as the sink's errno. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "pdf/pdf-doc.h"

/* Draw one page on sf and write it through sink: pdf_surface_finish(). */
static int one_page(struct pdf_sink *sink, cairo_surface_t *sf)
{
	cairo_t *cr = cairo_create(sf);

	cairo_rectangle(cr, 10, 10, 100, 100);
	cairo_fill(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	return pdf_surface_finish(sink, sf);
}

START_TEST(test_writes_pdf)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);
	struct pdf_sink sink;
	cairo_surface_t *sf;

	ck_assert_ptr_nonnull(fp);
	sf = pdf_surface_create(&sink, fp, "Title of the test");
	ck_assert_int_eq(one_page(&sink, sf), 0);
	cairo_surface_destroy(sf);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(sink.err, 0);
	ck_assert_uint_gt(size, 100);
	ck_assert_int_eq(memcmp(buf, "%PDF-", 5), 0);
	{
		GBytes *bytes = g_bytes_new(buf, size);
		PopplerDocument *doc = poppler_document_new_from_bytes(bytes,
								       NULL,
								       NULL);
		gchar *title, *creator;

		ck_assert_ptr_nonnull(doc);
		ck_assert_int_eq(poppler_document_get_n_pages(doc), 1);
		title = poppler_document_get_title(doc);
		creator = poppler_document_get_creator(doc);
		ck_assert_str_eq(title, "Title of the test");
		ck_assert_str_eq(creator, "examgen");
		/* 2026-01-01T00:00:00Z */
		ck_assert_int_eq(poppler_document_get_creation_date(doc),
				 1767225600);
		g_free(title);
		g_free(creator);
		g_object_unref(doc);
		g_bytes_unref(bytes);
	}
	free(buf);
}
END_TEST

START_TEST(test_write_error_kept)
{
	FILE *fp = fopen("/dev/full", "w");
	struct pdf_sink sink;
	cairo_surface_t *sf;

	if (!fp)
		return;	/* no /dev/full here */
	setvbuf(fp, NULL, _IONBF, 0);
	sf = pdf_surface_create(&sink, fp, "t");
	ck_assert_int_ne(one_page(&sink, sf), 0);
	cairo_surface_destroy(sf);
	fclose(fp);
	ck_assert_int_eq(sink.err, ENOSPC);
}
END_TEST

/* The suite. */
static Suite *pdf_sink_suite(void)
{
	Suite *s = suite_create("pdf_sink");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_writes_pdf);
	tcase_add_test(tc, test_write_error_kept);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(pdf_sink_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
