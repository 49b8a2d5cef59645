/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-cff.h - shrinks the CID-keyed CFF fonts that cairo embeds.
 * cairo 1.16 keeps only the subroutines a subset's glyphs call, but gives
 * up and keeps all of them when two glyphs start their outline in the same
 * subroutine, which happens with most Noto CJK text: a few hundred
 * glyphs then embed 0.4-0.8 MB of subroutines per face.  Here every
 * glyph's charstring is run through (subroutines included, each time) to
 * find the subroutines really called; only those are kept, with new
 * numbers (every call renumbered).  pdf-file.c runs it on every such font
 * of a PDF.  A font this reader does not understand is left as it is. */
#ifndef EXAMGEN_PDF_PDF_CFF_H
#define EXAMGEN_PDF_PDF_CFF_H

#include <stddef.h>

/* Shrink the CFF font program cff[0..len) in place: the unused
 * subroutines are dropped.  The new length, or 0 when the font is
 * left as it is (not a CID-keyed CFF this code reads, or nothing to
 * gain). */
size_t pdf_cff_shrink(unsigned char *cff, size_t len);

#endif
