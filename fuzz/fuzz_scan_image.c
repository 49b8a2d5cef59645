/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_scan_image.c - libFuzzer target: any bytes as a scan file the way
 * `examgen scan` reads it: the format sniffed, every page decoded (PNG,
 * JPEG, TIFF, PDF), refused or turned grey, then the corner marks
 * searched, the QR code read on its predicted spot and the bubbles of a
 * small sheet layout measured.  Nothing may crash, leak or read out of
 * bounds, and measurements stay within 0..1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan-image.h"
#include "scan/scan-page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A one-page layout: the sheet's marks and QR, and a few bubbles. */
static void make_layout(struct sheet_layout *L, struct sheet_square *marks,
			struct sheet_square *qr, struct sheet_bubble *b)
{
	static const double at[4][2] = {
		{ 12, 12 }, { 198, 12 }, { 12, 285 }, { 198, 285 }
	};

	memset(L, 0, sizeof(*L));
	for (int i = 0; i < 4; i++)
		marks[i] = (struct sheet_square){ 1, at[i][0], at[i][1], 6 };
	*qr = (struct sheet_square){ 1, 178, 32, 24 };
	for (int i = 0; i < 4; i++)
		b[i] = (struct sheet_bubble){ .page = 1, .x = 30 + 7.0 * i,
					      .y = 150, .r = 2.6,
					      .kind = SB_OPTION, .question = 1,
					      .option = (char)('A' + i) };
	L->pages = 1;
	L->marks = marks;
	L->nmarks = 4;
	L->qr = qr;
	L->nqr = 1;
	L->bubbles = b;
	L->nbubbles = 4;
}

/* Decode the input as a scanned image and read it as an answer-sheet page. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scan_qr_reader qr;
	static int ready;
	struct sheet_square marks[4], sq;
	struct sheet_bubble b[4];
	struct sheet_layout L;
	struct diags d = DIAGS_INIT;
	struct scan_source src;
	unsigned char *copy;
	unsigned page;
	PIX *g;
	enum scan_next n;
	int pages = 0;

	if (!ready) {
		setMsgSeverity(L_SEVERITY_NONE);
		if (scan_qr_reader_init(&qr) < 0)
			abort();
		ready = 1;
	}
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = 0;
	make_layout(&L, marks, &sq, b);
	if (scan_source_open_mem(&src, "fuzz", copy, size, &d) == 0) {
		while ((n = scan_source_next(&src, &g, &page, &d)) != SN_END &&
		       pages++ < 4) {
			struct scan_geom geo;
			char text[256];

			if (n != SN_PAGE)
				continue;
			if (scan_page_find(g, &L, &qr, &geo, text,
					   sizeof(text)) != SF_NO_MARKS)
				for (int i = 0; i < 4; i++) {
					double fill, dark, ring;

					scan_bubble_measure(g, &geo, &b[i],
							    &fill, &dark,
							    &ring);
					if (!(fill >= 0 && fill <= 1) ||
					    !(dark >= 0 && dark <= 1) ||
					    !(ring >= 0 && ring <= 1))
						abort();
				}
			pixDestroy(&g);
		}
	}
	scan_source_close(&src);
	diags_release(&d);
	return 0;
}
