/* SPDX-License-Identifier: GPL-3.0-or-later */
/* textenc.h - detect the encoding of a text file as people save it (UTF-8
 * with or without BOM, UTF-16 with BOM, or GB18030/GBK as Excel writes "CSV"
 * on Chinese Windows) and convert it to UTF-8 with iconv. */
#ifndef EXAMGEN_BASE_TEXTENC_H
#define EXAMGEN_BASE_TEXTENC_H

#include <stddef.h>

enum textenc { TEXTENC_UTF8, TEXTENC_UTF8_BOM, TEXTENC_UTF16LE,
	       TEXTENC_UTF16BE, TEXTENC_GB18030, TEXTENC_UNKNOWN };

/* Guess the encoding of buf: a BOM wins; valid UTF-8 is UTF-8; otherwise
 * valid GB18030 is GB18030, unless multi-byte UTF-8 text comes before the
 * first byte that is not UTF-8 (mixed encodings); else TEXTENC_UNKNOWN. */
enum textenc textenc_detect(const char *buf, size_t len);
/* Name for messages ("UTF-8", "GB18030", ...). */
const char *textenc_name(enum textenc e);
/* Convert buf to UTF-8 without BOM into a malloc'd, NUL-terminated buffer.
 * Returns 0, or -1 with errno (EILSEQ: *bad_offset = first bad byte). */
int textenc_to_utf8(const char *buf, size_t len, enum textenc e, char **out,
		    size_t *outlen, size_t *bad_offset);

#endif
