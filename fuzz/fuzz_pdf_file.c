/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_pdf_file.c - libFuzzer target: any bytes as a PDF from cairo (the
 * reader of pdf-file.h): when read, its fonts are shrunk and it is
 * written whole and as its first and last pages alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf-file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the input; when read, write it in every way. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *b = malloc(size ? size : 1);
	struct pdf_bytes out = { NULL, 0, 0, false };
	struct pdf_file f;

	if (!b)
		return 0;
	memcpy(b, data, size);
	if (pdf_file_read(&f, b, size) == 0 &&
	    pdf_file_shrink_fonts(&f) == 0 && pdf_file_write(&f, &out) == 0) {
		out.len = 0;
		if (pdf_file_write_pages(&f, 0, 1, "\xe5\x8d\xb7 A", &out) < 0 ||
		    pdf_file_write_pages(&f, f.nkids - 1, 1, "", &out) < 0)
			abort();	/* its pages are there */
	}
	pdf_file_release(&f);
	free(out.b);
	return 0;
}
