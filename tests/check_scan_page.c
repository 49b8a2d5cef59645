/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_scan_page.c - the map of a paper page taken from its QR code's
 * corners (scan_geom_from_qr): upright, turned a few degrees either way,
 * upside down, with the corners a pixel out as zbar gives them; a point
 * far from the code lands where the page puts it. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "scan/scan-page.h"

#define W 1240			/* A4 at 150 dpi */
#define H 1754

/* The image point of page point (x, y) mm on a page turned by deg about
 * its centre. */
static void truth(double deg, double x, double y, double *u, double *v)
{
	double ppm = W / 210.0, t = deg * M_PI / 180;
	double dx = (x - 105) * ppm, dy = (y - 148.5) * ppm;

	*u = W / 2.0 + cos(t) * dx - sin(t) * dy;
	*v = H / 2.0 + sin(t) * dx + cos(t) * dy;
}

/* The map from the code's corners (zbar's order: the code's top left,
 * bottom left, bottom right, top right), grown by grow pixels each way
 * (zbar gives the outer edge of the outer modules) and each moved by
 * jitter pixels, puts a point of the page's far corner within tol
 * pixels. */
static void check_turn(double deg, double grow, double jitter, double tol)
{
	static const double corner[4][2] = { { -1, -1 }, { -1, 1 }, { 1, 1 },
					     { 1, -1 } };
	PIX *g = pixCreate(W, H, 8);
	struct scan_geom geo;
	double loc[4][2], u, v, tu, tv;

	ck_assert_ptr_nonnull(g);
	pixSetAllArbitrary(g, 230);
	for (int i = 0; i < 4; i++) {
		double half = 7 + grow * 210.0 / W;

		truth(deg, 183 + half * corner[i][0],
		      283.5 + half * corner[i][1], &loc[i][0], &loc[i][1]);
		loc[i][0] += jitter * (i & 1 ? 1 : -1);
		loc[i][1] += jitter * (i & 2 ? -1 : 1);
	}
	scan_geom_from_qr(&geo, g, loc, 183, 283.5, 14);
	ck_assert(geo.flipped == (fabs(deg) > 90));
	ck_assert(fabs(geo.ppm - W / 210.0) < 1e-9);
	ck_assert(fabs(geo.white - 230) < 1);
	/* the top left of a region at the top of the page */
	scan_geom_map(&geo, 25.65, 20.46, &u, &v);
	truth(deg, 25.65, 20.46, &tu, &tv);
	if (hypot(u - tu, v - tv) > tol)
		ck_abort_msg("turned %g: (%g, %g) for (%g, %g)", deg, u, v, tu,
			     tv);
	pixDestroy(&g);
}

START_TEST(test_upright_and_turned)
{
	check_turn(0, 0, 0, 0.01);
	check_turn(3, 0, 0, 0.01);
	check_turn(-2.5, 0, 0, 0.01);
	/* a code that looks larger does not scale the page */
	check_turn(2, 1.5, 0, 0.01);
}
END_TEST

START_TEST(test_upside_down)
{
	check_turn(180, 0, 0, 0.01);
	check_turn(177, 0, 0, 0.01);
}
END_TEST

/* corners half a pixel out turn the map a little: at the far end of the
 * page it is off by a few millimetres, which the ruled lines then take
 * out (scan-answers.c looks for them 3.5 mm around) */
START_TEST(test_corners_a_pixel_out)
{
	check_turn(1, 1.5, 0.5, 3.5 * W / 210.0);
	check_turn(181, 1.5, 0.5, 3.5 * W / 210.0);
}
END_TEST

/* The scan-page suite. */
static Suite *scan_page_suite(void)
{
	Suite *s = suite_create("scan_page");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_upright_and_turned);
	tcase_add_test(tc, test_upside_down);
	tcase_add_test(tc, test_corners_a_pixel_out);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(scan_page_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
