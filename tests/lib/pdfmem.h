/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdfmem.h - a PDF that cairo writes, kept in memory (a struct pdf_bytes),
 * for the Check suites of the PDF writer. */
#ifndef EXAMGEN_TESTS_PDFMEM_H
#define EXAMGEN_TESTS_PDFMEM_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "pdf/pdf-file.h"

/* cairo's write callback: append data to the struct pdf_bytes at
 * closure. */
static inline cairo_status_t pdfmem_write(void *closure,
					  const unsigned char *data,
					  unsigned int len)
{
	struct pdf_bytes *m = closure;

	if (m->len + len > m->cap) {
		m->cap = (m->len + len) * 2;
		m->b = realloc(m->b, m->cap);
		ck_assert_ptr_nonnull(m->b);
	}
	memcpy(m->b + m->len, data, len);
	m->len += len;
	return CAIRO_STATUS_SUCCESS;
}

#endif
