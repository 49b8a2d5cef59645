/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt.h - numbers written as printf writes them, without printf.  The
 * layout of an answer sheet is tens of thousands of millimetre figures a
 * build; printf's general float conversion costs most of what writing them
 * costs.  These write the same bytes as "%g", "%.Nf" and "%d" for the
 * values a layout holds (a few decimals, below a million) and hand every
 * other value to snprintf, so the output never depends on which path ran. */
#ifndef EXAMGEN_BASE_NUMFMT_H
#define EXAMGEN_BASE_NUMFMT_H

#include <stddef.h>

/* Room for any number these functions write, its terminating NUL included. */
#define NUMFMT_MAX 48

/* Write v into out as snprintf(out, NUMFMT_MAX, "%g", v) would; returns the
 * length. */
size_t numfmt_g(char out[NUMFMT_MAX], double v);

/* Write v into out as snprintf(out, NUMFMT_MAX, "%.*f", decimals, v) would,
 * for decimals 0 to 6; returns the length. */
size_t numfmt_fixed(char out[NUMFMT_MAX], double v, int decimals);

/* Write n into out as snprintf(out, NUMFMT_MAX, "%ld", n) would; returns the
 * length. */
size_t numfmt_long(char out[NUMFMT_MAX], long n);

#endif
