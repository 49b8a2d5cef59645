/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_cff.c - libFuzzer target: any bytes as a CFF font program, shrunk
 * the way the PDF writer shrinks cairo's fonts (pdf_cff_shrink).  A font
 * never grows, and a shrunk font is left as it is by a second pass: every
 * subroutine it keeps is called, under its new number. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf-cff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Shrink a copy of the input, then the result once more. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *font = malloc(size + 1);
	size_t n;

	if (!font)
		return 0;
	memcpy(font, data, size);
	n = pdf_cff_shrink(font, size);
	if (n >= size && n)
		abort();
	if (n && pdf_cff_shrink(font, n))
		abort();
	free(font);
	return 0;
}
