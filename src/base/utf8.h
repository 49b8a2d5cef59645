/* SPDX-License-Identifier: GPL-3.0-or-later */
/* utf8.h - the one UTF-8 decoder and the one display-width rule, and
 * the repair of text that is not all UTF-8.
 *
 * Width: a character takes 2 columns when Unicode's East Asian Width calls
 * it Wide or Fullwidth (Han, kana, Hangul, full-width forms, CJK
 * punctuation such as "，" and "。", emoji) and 1 otherwise.  Ambiguous
 * characters ("…", "—", "“", "○", "×") count 1: they are narrow in a
 * Latin context, and every place examgen measures text is one — an Excel
 * column is measured in digits of the workbook's Latin font, which draws
 * them narrow, and a .txt paper is read in a terminal or editor, where
 * wcwidth() makes them 1.  (In a CJK font they would be wide; a text
 * paper only pads its score table, which holds labels and numbers.) */
#ifndef EXAMGEN_BASE_UTF8_H
#define EXAMGEN_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD 0xFFFFFFFFu	/* not a valid UTF-8 sequence */

/* The code point at s, of which len > 0 bytes may be read, with its
 * length in *n.  Only valid UTF-8 decodes: a byte that starts no
 * sequence, or one overlong, cut short, a surrogate or above U+10FFFF,
 * gives UTF8_BAD with *n = 1.  A NUL ends a sequence, so NUL-terminated
 * text may pass len SIZE_MAX. */
uint32_t utf8_decode(const char *s, size_t len, size_t *n);
/* Columns code point cp takes: 2 if East Asian Wide or Fullwidth, else 1
 * (UTF8_BAD too). */
unsigned utf8_cp_width(uint32_t cp);
/* Columns the len bytes at s take, by utf8_cp_width(). */
size_t utf8_width(const char *s, size_t len);
/* The length of the len bytes at s without the blanks (space, tab, CR,
 * LF) at their end. */
size_t utf8_trim_end(const char *s, size_t len);
/* Characters in the len bytes at s: the bytes that are not UTF-8
 * continuation bytes (a column count for messages). */
size_t utf8_count(const char *s, size_t len);
/* Line and column (1-based, counting characters) just after the len bytes
 * at buf. */
void utf8_position(const char *buf, size_t len, unsigned *line,
		   unsigned *col);
/* Length of the valid UTF-8 prefix of buf (== len when all valid). */
size_t utf8_valid_prefix(const char *buf, size_t len);
/* A malloc'd, NUL-terminated copy of buf with each byte that is not UTF-8
 * replaced by U+FFFD (*nbad counts them); NULL when out of memory. */
char *utf8_repair(const char *buf, size_t len, size_t *outlen, size_t *nbad);

#endif
