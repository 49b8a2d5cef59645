/* SPDX-License-Identifier: GPL-3.0-or-later */
/* answer.c - reading answers as people write them (see answer.h).  Every
 * function reads a NUL-terminated UTF-8 string owned by the caller and
 * writes only to its out parameters and the caller's why text. */
#include "grade/answer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"

#define QUOTE_MAX 40		/* bytes of an answer quoted in a reason */

/* Decode the code point at *ps and step past it; a bad byte is UTF8_BAD
 * and is stepped over alone. */
static uint32_t next_cp(const char **ps)
{
	size_t n;
	uint32_t cp = utf8_decode(*ps, SIZE_MAX, &n);

	*ps += n;
	return cp;
}

/* True for the blanks people type around answers, full-width included. */
static bool is_blank(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	       cp == 0x3000;
}

/* Map full-width ASCII (U+FF01..U+FF5E) to ASCII. */
static uint32_t halfwidth(uint32_t cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp;
}

/* Printf into why, in both languages, when the caller gave one. */
static void set_why(struct gtext *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Printf into why, in both languages, when the caller gave one. */
static void set_why(struct gtext *why, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	va_start(ap, fmt);
	gtext_vset(why, fmt, ap);
	va_end(ap);
}

/* Copy s without surrounding blanks into out (outlen > QUOTE_MAX + 3) for
 * quoting in a reason: bad bytes become '?', long text is cut at a
 * character boundary and ends in "..."; returns out. */
static const char *quotable(const char *s, char *out, size_t outlen)
{
	size_t n = 0, keep = 0;
	bool cut = false;

	while (*s) {
		const char *at = s;
		uint32_t cp = next_cp(&s);
		size_t len = cp == UTF8_BAD ? 1 : (size_t)(s - at);

		if (is_blank(cp) && n == 0)
			continue;
		if (n + len > QUOTE_MAX || n + len + 4 > outlen) {
			cut = true;
			break;
		}
		if (cp == UTF8_BAD)
			out[n] = '?';
		else
			memcpy(out + n, at, len);
		n += len;
		if (!is_blank(cp))
			keep = n;
	}
	if (cut) {
		memcpy(out + keep, "...", 3);
		keep += 3;
	}
	out[keep] = '\0';
	return out;
}

/* Explain why the character cp (the bytes from..to) is not a letter. */
static void why_not_letter(struct gtext *why, uint32_t cp,
			   const char *from, const char *to)
{
	if (cp == UTF8_BAD)
		set_why(why, "byte 0x%02X is not valid UTF-8 text",
			(unsigned)(unsigned char)*from);
	else if (cp < 0x20 || cp == 0x7F)
		set_why(why, "character U+%04X is not an option letter",
			(unsigned)cp);
	else
		set_why(why, "'%.*s' is not an option letter",
			(int)(to - from), from);
}

/* Choice letters into a mask. */
enum answer_result answer_parse_choice(const char *s, unsigned noptions,
				       uint32_t *mask, struct gtext *why)
{
	uint32_t m = 0;

	*mask = 0;
	if (noptions > 26)
		noptions = 26;
	while (*s) {
		const char *at = s;
		uint32_t cp = next_cp(&s), c = halfwidth(cp);
		unsigned idx;

		if (is_blank(cp) || c == ',' || c == ';' || c == '/' ||
		    cp == 0x3001)
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c < 'A' || c > 'Z') {
			why_not_letter(why, cp, at, s);
			return ANSWER_INVALID;
		}
		idx = c - 'A';
		if (idx >= noptions) {
			set_why(why, "option '%c' does not exist (the "
				"question has %u option%s)", (char)c, noptions,
				noptions == 1 ? "" : "s");
			return ANSWER_INVALID;
		}
		m |= 1u << idx;
	}
	if (!m)
		return ANSWER_BLANK;
	*mask = m;
	return ANSWER_OK;
}

/* Spellings of true and false, after trimming, full-width folding and
 * ASCII lower-casing. */
static const char *const tf_true[] = {
	"t", "true", "y", "yes", "\u221A", "\u2713", "\u2714", "\u2705",
	"\u25CB", "\u25EF",			/* ○ ◯ */
	"\u5BF9", "\u5C0D", "\u662F",		/* 对 對 是 */
	"\u6B63\u786E", "\u6B63\u78BA",		/* 正确 正確 */
};
static const char *const tf_false[] = {
	"f", "false", "n", "no", "x", "\u00D7", "\u2717", "\u2718", "\u2715",
	"\u274C", "\u9519", "\u932F", "\u5426",	/* 错 錯 否 */
	"\u9519\u8BEF", "\u932F\u8AA4",		/* 错误 錯誤 */
};

/* Trim s and fold it (full width to ASCII, ASCII to lower case) into out;
 * false when it does not fit. */
static bool fold(const char *s, char *out, size_t outlen)
{
	size_t n = 0, keep = 0;

	while (*s) {
		const char *at = s;
		uint32_t cp = next_cp(&s), c = halfwidth(cp);
		size_t len = (size_t)(s - at);

		if (is_blank(cp) && n == 0)
			continue;
		if (c != cp || c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (n + 1 >= outlen)
				return false;
			out[n++] = (char)c;
		} else {
			if (n + len >= outlen)
				return false;
			memcpy(out + n, at, len);
			n += len;
		}
		if (!is_blank(cp))
			keep = n;
	}
	out[keep] = '\0';
	return true;
}

/* True if s is one of the n words. */
static bool one_of(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	return false;
}

/* True/false in any accepted spelling. */
enum answer_result answer_parse_tf(const char *s, bool *value,
				   struct gtext *why)
{
	char buf[32], q[QUOTE_MAX + 4];

	if (!fold(s, buf, sizeof(buf))) {
		set_why(why, "'%s' is not true or false",
			quotable(s, q, sizeof(q)));
		return ANSWER_INVALID;
	}
	if (!buf[0])
		return ANSWER_BLANK;
	if (one_of(buf, tf_true, sizeof(tf_true) / sizeof(tf_true[0]))) {
		*value = true;
		return ANSWER_OK;
	}
	if (one_of(buf, tf_false, sizeof(tf_false) / sizeof(tf_false[0]))) {
		*value = false;
		return ANSWER_OK;
	}
	set_why(why, "'%s' is not true or false",
		quotable(s, q, sizeof(q)));
	return ANSWER_INVALID;
}

/* A marker's score, parsed digit by digit (no locale, no exponent). */
enum answer_result answer_parse_score(const char *s, double max,
				      double *score, struct gtext *why)
{
	char buf[64], q[QUOTE_MAX + 4], num[FORMAT_NUMBER_MAX];
	const char *p = buf;
	unsigned long long whole = 0;
	bool neg = false, digits = false, half = false, odd = false;
	bool huge = false;
	double v;

	if (!fold(s, buf, sizeof(buf))) {
		set_why(why, "score '%s' is not a number",
			quotable(s, q, sizeof(q)));
		return ANSWER_INVALID;
	}
	if (!buf[0])
		return ANSWER_BLANK;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++) {
		digits = true;
		if (whole > 1000000000000ULL)
			huge = true;	/* far beyond any question */
		else
			whole = whole * 10 + (unsigned long long)(*p - '0');
	}
	if (*p == '.') {
		/* only .5 or .0 (with any trailing zeros) is a step of 0.5 */
		for (p++; *p >= '0' && *p <= '9'; p++) {
			digits = true;
			if (*p == '5' && !half && !odd && p[-1] == '.')
				half = true;
			else if (*p != '0')
				odd = true;
		}
	}
	if (*p || !digits) {
		set_why(why, "score '%s' is not a number",
			quotable(s, q, sizeof(q)));
		return ANSWER_INVALID;
	}
	v = (double)whole + (half ? 0.5 : 0.0);
	if (neg && (v > 0 || odd)) {
		set_why(why, "score '%s' is negative",
			quotable(s, q, sizeof(q)));
		return ANSWER_INVALID;
	}
	if (huge || v > max) {
		set_why(why, "score '%s' is more than the %s point%s of "
			"the question", quotable(s, q, sizeof(q)),
			format_number(max, num), max == 1 ? "" : "s");
		return ANSWER_INVALID;
	}
	if (odd) {
		set_why(why, "score '%s' is not a whole or half point",
			quotable(s, q, sizeof(q)));
		return ANSWER_INVALID;
	}
	*score = v;
	return ANSWER_OK;
}
