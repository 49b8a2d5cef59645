/* SPDX-License-Identifier: GPL-3.0-or-later */
/* textenc.c - encoding detection and conversion to UTF-8 (see textenc.h).
 * Detection only reads the caller's buffer; conversion returns a malloc'd
 * buffer that the caller owns and frees. */
#include "base/textenc.h"
#include "base/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the structurally valid GB18030 prefix (1-, 2- and 4-byte
 * sequences; whether a 4-byte code is assigned is left to iconv). */
static size_t gb18030_valid_prefix(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c == 0x80 || c == 0xFF || len - i < 2)
			return i;
		if ((s[i + 1] >= 0x40 && s[i + 1] <= 0x7E) ||
		    (s[i + 1] >= 0x80 && s[i + 1] <= 0xFE)) {
			i += 2;
			continue;
		}
		if (s[i + 1] < 0x30 || s[i + 1] > 0x39 || len - i < 4 ||
		    s[i + 2] < 0x81 || s[i + 2] > 0xFE ||
		    s[i + 3] < 0x30 || s[i + 3] > 0x39)
			return i;
		i += 4;
	}
	return len;
}

/* Guess the encoding: BOM, then strict UTF-8, then GB18030. */
enum textenc textenc_detect(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return TEXTENC_UTF8_BOM;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return TEXTENC_UTF16LE;
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return TEXTENC_UTF16BE;
	size_t valid = utf8_valid_prefix(buf, len);

	if (valid == len)
		return TEXTENC_UTF8;
	/* UTF-8 Chinese text (3- and 4-byte sequences) before the first bad
	 * byte: mixed encodings, which no single conversion reads right */
	for (size_t i = 0; i < valid; i++)
		if (s[i] >= 0xE0)
			return TEXTENC_UNKNOWN;
	if (gb18030_valid_prefix(buf, len) == len)
		return TEXTENC_GB18030;
	return TEXTENC_UNKNOWN;
}

/* Name of an encoding for messages. */
const char *textenc_name(enum textenc e)
{
	switch (e) {
	case TEXTENC_UTF8:
		return "UTF-8";
	case TEXTENC_UTF8_BOM:
		return "UTF-8 with BOM";
	case TEXTENC_UTF16LE:
		return "UTF-16LE";
	case TEXTENC_UTF16BE:
		return "UTF-16BE";
	case TEXTENC_GB18030:
		return "GB18030";
	case TEXTENC_UNKNOWN:
		break;
	}
	return "unknown encoding";
}

/* Copy len bytes into a malloc'd NUL-terminated buffer. */
static int copy_out(const char *buf, size_t len, char **out, size_t *outlen)
{
	char *p;

	if (len == SIZE_MAX) {
		errno = ENOMEM;
		return -1;
	}
	p = malloc(len + 1);
	if (!p)
		return -1;
	if (len)
		memcpy(p, buf, len);
	p[len] = '\0';
	*out = p;
	*outlen = len;
	return 0;
}

/* Convert with iconv from the named charset, growing the output on E2BIG.
 * On EILSEQ/EINVAL *bad_offset is the input offset of the bad sequence. */
static int iconv_to_utf8(const char *from, const char *buf, size_t len,
			 char **out, size_t *outlen, size_t *bad_offset)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *res = NULL, *in = (char *)buf, *op;
	size_t cap, inleft = len, outleft;
	bool flushing = false;
	int ret = -1, saved = 0;

	if (cd == (iconv_t)-1)
		return -1;
	/* mostly-ASCII files convert 1:1; Chinese text grows up to 1.5x
	 * and takes the E2BIG path below */
	if (len > SIZE_MAX - 64) {
		saved = ENOMEM;
		goto out;
	}
	cap = len + 64;
	res = malloc(cap);
	if (!res) {
		saved = errno;
		goto out;
	}
	op = res;
	outleft = cap - 1;	/* room for the NUL */
	for (;;) {
		size_t r = flushing ? iconv(cd, NULL, NULL, &op, &outleft)
				    : iconv(cd, &in, &inleft, &op, &outleft);
		size_t used;
		char *grown;

		if (r != (size_t)-1) {
			/* all input taken: write any shift sequence, done */
			if (flushing)
				break;
			flushing = true;
			continue;
		}
		if (errno == EILSEQ || errno == EINVAL) {
			*bad_offset = (size_t)(in - buf);
			saved = EILSEQ;
			goto out;
		}
		if (errno != E2BIG || cap > SIZE_MAX / 2) {
			saved = errno == E2BIG ? ENOMEM : errno;
			goto out;
		}
		used = (size_t)(op - res);
		grown = realloc(res, cap * 2);
		if (!grown) {
			saved = errno;
			goto out;
		}
		res = grown;
		cap *= 2;
		op = res + used;
		outleft = cap - 1 - used;
	}
	*op = '\0';
	*out = res;
	*outlen = (size_t)(op - res);
	res = NULL;
	ret = 0;
out:
	free(res);
	iconv_close(cd);
	if (ret)
		errno = saved;
	return ret;
}

/* Drop a leading U+FEFF (EF BB BF) from a converted buffer in place. */
static void strip_bom(char *buf, size_t *len)
{
	if (*len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(buf, buf + 3, *len - 3 + 1);
		*len -= 3;
	}
}

/* Convert buf in encoding e to UTF-8 without BOM.  For TEXTENC_UNKNOWN
 * *bad_offset is the first byte that is not valid UTF-8. */
int textenc_to_utf8(const char *buf, size_t len, enum textenc e, char **out,
		    size_t *outlen, size_t *bad_offset)
{
	size_t skip = 0, valid;
	const char *from = NULL;

	switch (e) {
	case TEXTENC_UTF8_BOM:
		skip = len >= 3 ? 3 : 0;
		/* fall through */
	case TEXTENC_UTF8:
	case TEXTENC_UNKNOWN:
		valid = utf8_valid_prefix(buf + skip, len - skip);
		if (valid != len - skip) {
			*bad_offset = skip + valid;
			errno = EILSEQ;
			return -1;
		}
		return copy_out(buf + skip, len - skip, out, outlen);
	case TEXTENC_UTF16LE:
		from = "UTF-16LE";
		skip = len >= 2 ? 2 : 0;
		break;
	case TEXTENC_UTF16BE:
		from = "UTF-16BE";
		skip = len >= 2 ? 2 : 0;
		break;
	case TEXTENC_GB18030:
		from = "GB18030";
		break;
	}
	if (!from) {
		errno = EINVAL;
		return -1;
	}
	if (iconv_to_utf8(from, buf + skip, len - skip, out, outlen,
			  bad_offset)) {
		if (errno == EILSEQ)
			*bad_offset += skip;
		return -1;
	}
	strip_bom(*out, outlen);
	return 0;
}
