/* SPDX-License-Identifier: GPL-3.0-or-later */
/* utf8.c - UTF-8 decoding, display width and repair (see utf8.h). */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* An inclusive range of code points. */
struct cp_range {
	uint32_t lo, hi;
};

/* East Asian Wide and Fullwidth code points, Unicode 14.0.0, written by
 * scripts/gen-wide-table.py. */
static const struct cp_range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4C6 },
	{ 0xA960, 0xA97C }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAD9 },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6B }, { 0xFF01, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x1B2FB }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D },
	{ 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAF6 }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};

/* See utf8.h. */
uint32_t utf8_decode(const char *s, size_t len, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;	/* second byte's range */
	uint32_t cp;
	size_t k;

	*n = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		k = 2;
		cp = p[0] & 0x1Fu;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		k = 3;
		cp = p[0] & 0x0Fu;
		if (p[0] == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (p[0] == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		k = 4;
		cp = p[0] & 0x07u;
		if (p[0] == 0xF0)
			lo = 0x90;	/* overlong */
		else if (p[0] == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		return UTF8_BAD;
	}
	if (len < k || p[1] < lo || p[1] > hi)
		return UTF8_BAD;
	for (size_t i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return UTF8_BAD;
		cp = cp << 6 | (p[i] & 0x3Fu);
	}
	*n = k;
	return cp;
}

/* See utf8.h. */
unsigned utf8_cp_width(uint32_t cp)
{
	size_t a = 0, b = sizeof(wide) / sizeof(wide[0]);

	if (cp < wide[0].lo)
		return 1;
	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (cp > wide[m].hi)
			a = m + 1;
		else if (cp < wide[m].lo)
			b = m;
		else
			return 2;
	}
	return 1;
}

/* See utf8.h. */
size_t utf8_width(const char *s, size_t len)
{
	size_t w = 0, n;

	for (size_t i = 0; i < len; i += n)
		w += utf8_cp_width(utf8_decode(s + i, len - i, &n));
	return w;
}

/* See utf8.h. */
size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* See utf8.h. */
void utf8_position(const char *buf, size_t len, unsigned *line,
		   unsigned *col)
{
	const char *start = buf;

	*line = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			start = buf + i + 1;
		}
	}
	*col = 1 + (unsigned)utf8_count(start, (size_t)(buf + len - start));
}

/* See utf8.h. */
size_t utf8_trim_end(const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	return len;
}

/* Length of the valid UTF-8 prefix: shortest forms only, no surrogates,
 * nothing above U+10FFFF. */
size_t utf8_valid_prefix(const char *buf, size_t len)
{
	size_t i = 0, n;

	while (i < len && utf8_decode(buf + i, len - i, &n) != UTF8_BAD)
		i += n;
	return i;
}

/* Copy buf with every byte that is not UTF-8 replaced by U+FFFD. */
char *utf8_repair(const char *buf, size_t len, size_t *outlen, size_t *nbad)
{
	size_t cap = len + 1, n = 0, bad = 0;
	char *out;

	/* every bad byte grows by two: count them first */
	for (size_t i = 0; i < len;) {
		size_t ok = utf8_valid_prefix(buf + i, len - i);

		i += ok;
		if (i < len) {
			bad++;
			i++;
		}
	}
	cap += 2 * bad;
	if (!(out = malloc(cap)))
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t ok = utf8_valid_prefix(buf + i, len - i);

		memcpy(out + n, buf + i, ok);
		n += ok;
		i += ok;
		if (i < len) {
			memcpy(out + n, "\xEF\xBF\xBD", 3);
			n += 3;
			i++;
		}
	}
	out[n] = '\0';
	*outlen = n;
	*nbad = bad;
	return out;
}
