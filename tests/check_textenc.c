/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_textenc.c - encoding detection and conversion to UTF-8. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/textenc.h"
#include "base/utf8.h"

/* "姓名,答案\r\n张三,A\r\n李四,B\r\n" as Excel saves it on Chinese Windows. */
static const char gbk_csv[] =
	"\xD0\xD5\xC3\xFB,\xB4\xF0\xB0\xB8\r\n"
	"\xD5\xC5\xC8\xFD,A\r\n"
	"\xC0\xEE\xCB\xC4,B\r\n";
static const char utf8_csv[] = "姓名,答案\r\n张三,A\r\n李四,B\r\n";

/* Convert and check the result equals want. */
static void expect_utf8(const char *buf, size_t len, enum textenc e,
			const char *want)
{
	char *out = NULL;
	size_t outlen = 0, bad = 0;

	ck_assert_int_eq(textenc_to_utf8(buf, len, e, &out, &outlen, &bad), 0);
	ck_assert_uint_eq(outlen, strlen(want));
	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_gbk_csv_file)
{
	char path[] = "/tmp/check_textenc.XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	char *buf = NULL;
	size_t len = 0;

	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(gbk_csv, 1, sizeof(gbk_csv) - 1, fp),
			  sizeof(gbk_csv) - 1);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(fileio_read(path, 1 << 20, &buf, &len), FILEIO_OK);
	unlink(path);
	ck_assert_int_eq(textenc_detect(buf, len), TEXTENC_GB18030);
	ck_assert_str_eq(textenc_name(TEXTENC_GB18030), "GB18030");
	expect_utf8(buf, len, TEXTENC_GB18030, utf8_csv);
	free(buf);
}
END_TEST

START_TEST(test_gb18030_four_byte)
{
	/* U+0080 (81 30 81 30) and U+1F600 (94 39 FC 36) */
	static const char gb[] = "a\x81\x30\x81\x30\x94\x39\xFC\x36z";

	ck_assert_int_eq(textenc_detect(gb, sizeof(gb) - 1), TEXTENC_GB18030);
	expect_utf8(gb, sizeof(gb) - 1, TEXTENC_GB18030,
		    "a\xC2\x80\xF0\x9F\x98\x80z");
	/* a GB18030 BOM (U+FEFF as 84 31 95 33) is stripped */
	expect_utf8("\x84\x31\x95\x33\xD5\xC5", 6, TEXTENC_GB18030, "张");
}
END_TEST

START_TEST(test_gb18030_long_grows)
{
	/* 3000 two-byte characters become 9000 bytes: the output buffer
	 * has to grow (E2BIG) several times */
	size_t n = 3000, len = 2 * n;
	char *gb = malloc(len), *want = malloc(3 * n + 1);

	ck_assert_ptr_nonnull(gb);
	ck_assert_ptr_nonnull(want);
	for (size_t i = 0; i < n; i++) {
		memcpy(gb + 2 * i, "\xD5\xC5", 2);
		memcpy(want + 3 * i, "张", 3);
	}
	want[3 * n] = '\0';
	ck_assert_int_eq(textenc_detect(gb, len), TEXTENC_GB18030);
	expect_utf8(gb, len, TEXTENC_GB18030, want);
	free(gb);
	free(want);
}
END_TEST

START_TEST(test_utf8_bom)
{
	static const char s[] = "\xEF\xBB\xBF" "id,姓名\n1,张三\n";

	ck_assert_int_eq(textenc_detect(s, sizeof(s) - 1), TEXTENC_UTF8_BOM);
	expect_utf8(s, sizeof(s) - 1, TEXTENC_UTF8_BOM, "id,姓名\n1,张三\n");
	/* a BOM alone is an empty file */
	expect_utf8("\xEF\xBB\xBF", 3, TEXTENC_UTF8_BOM, "");
}
END_TEST

START_TEST(test_utf8_plain)
{
	ck_assert_int_eq(textenc_detect(utf8_csv, strlen(utf8_csv)),
			 TEXTENC_UTF8);
	ck_assert_int_eq(textenc_detect("", 0), TEXTENC_UTF8);
	expect_utf8(utf8_csv, strlen(utf8_csv), TEXTENC_UTF8, utf8_csv);
	expect_utf8("", 0, TEXTENC_UTF8, "");
}
END_TEST

START_TEST(test_utf16le_bom)
{
	/* BOM, "张三,A\n" */
	static const char s[] = "\xFF\xFE\x20\x5F\x09\x4E,\0A\0\n\0";
	size_t len = sizeof(s) - 1;

	ck_assert_int_eq(textenc_detect(s, len), TEXTENC_UTF16LE);
	expect_utf8(s, len, TEXTENC_UTF16LE, "张三,A\n");
}
END_TEST

START_TEST(test_utf16be_bom)
{
	/* BOM, "三", U+1F600 as a surrogate pair */
	static const char s[] = "\xFE\xFF\x4E\x09\xD8\x3D\xDE\x00";

	ck_assert_int_eq(textenc_detect(s, sizeof(s) - 1), TEXTENC_UTF16BE);
	expect_utf8(s, sizeof(s) - 1, TEXTENC_UTF16BE, "三\xF0\x9F\x98\x80");
}
END_TEST

START_TEST(test_utf16_bad_surrogate)
{
	/* a lone low surrogate at offset 4 */
	static const char s[] = "\xFF\xFE" "A\0" "\x00\xDC" "B\0";
	char *out = NULL;
	size_t outlen, bad = 0;

	errno = 0;
	ck_assert_int_eq(textenc_to_utf8(s, sizeof(s) - 1, TEXTENC_UTF16LE,
					 &out, &outlen, &bad), -1);
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(bad, 4);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_utf8_strict)
{
	/* overlong '/', overlong 3-byte, surrogate, above U+10FFFF,
	 * stray continuation, truncated sequence, 0xFF */
	static const char *const bad[] = {
		"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		"\x80", "\xE5\xBC", "\xFF", "\xF5\x80\x80\x80", "\xC1\xBF",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char buf[16];
		size_t n = strlen(bad[i]);

		memcpy(buf, "ok", 2);
		memcpy(buf + 2, bad[i], n);
		ck_assert_uint_eq(utf8_valid_prefix(buf, n + 2), 2);
	}
	/* the edges that are valid */
	ck_assert_uint_eq(utf8_valid_prefix("\xF4\x8F\xBF\xBF", 4), 4);
	ck_assert_uint_eq(utf8_valid_prefix("\xED\x9F\xBF", 3), 3);
	ck_assert_uint_eq(utf8_valid_prefix("\xEE\x80\x80", 3), 3);
	ck_assert_uint_eq(utf8_valid_prefix("\xC2\x80\xDF\xBF", 4), 4);
	ck_assert_uint_eq(utf8_valid_prefix("\xF0\x90\x80\x80", 4), 4);
}
END_TEST

START_TEST(test_invalid_bytes_eilseq)
{
	/* valid UTF-8 "张" then 0xFF: neither UTF-8 nor GB18030 */
	static const char s[] = "id\n\xE5\xBC\xA0\xFF";
	char *out = NULL;
	size_t outlen, bad = 0;
	enum textenc e = textenc_detect(s, sizeof(s) - 1);

	ck_assert_int_eq(e, TEXTENC_UNKNOWN);
	errno = 0;
	ck_assert_int_eq(textenc_to_utf8(s, sizeof(s) - 1, e, &out, &outlen,
					 &bad), -1);
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(bad, 6);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_bad_offsets)
{
	char *out = NULL;
	size_t outlen, bad = 0;

	/* UTF-8 with BOM: the offset counts the BOM */
	errno = 0;
	ck_assert_int_eq(textenc_to_utf8("\xEF\xBB\xBF" "ab\xC0\xAF", 7,
					 TEXTENC_UTF8_BOM, &out, &outlen,
					 &bad), -1);
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(bad, 5);
	/* GB18030 with a truncated 4-byte sequence at the end */
	errno = 0;
	ck_assert_int_eq(textenc_to_utf8("\xD5\xC5\x81\x30", 4,
					 TEXTENC_GB18030, &out, &outlen,
					 &bad), -1);
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(bad, 2);
	/* GB18030 with a bad trail byte */
	ck_assert_int_eq(textenc_detect("a\xD5\x20", 3), TEXTENC_UNKNOWN);
	ck_assert_int_eq(textenc_to_utf8("ab\xD5\xC5\xD5\x20", 6,
					 TEXTENC_GB18030, &out, &outlen,
					 &bad), -1);
	ck_assert_int_eq(errno, EILSEQ);
	ck_assert_uint_eq(bad, 4);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(textenc_name(TEXTENC_UTF8), "UTF-8");
	ck_assert_str_eq(textenc_name(TEXTENC_UTF16LE), "UTF-16LE");
	ck_assert_str_eq(textenc_name(TEXTENC_UTF16BE), "UTF-16BE");
	ck_assert_str_eq(textenc_name(TEXTENC_UNKNOWN), "unknown encoding");
}
END_TEST

/* The textenc suite. */
static Suite *textenc_suite(void)
{
	Suite *s = suite_create("textenc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_gbk_csv_file);
	tcase_add_test(tc, test_gb18030_four_byte);
	tcase_add_test(tc, test_gb18030_long_grows);
	tcase_add_test(tc, test_utf8_bom);
	tcase_add_test(tc, test_utf8_plain);
	tcase_add_test(tc, test_utf16le_bom);
	tcase_add_test(tc, test_utf16be_bom);
	tcase_add_test(tc, test_utf16_bad_surrogate);
	tcase_add_test(tc, test_utf8_strict);
	tcase_add_test(tc, test_invalid_bytes_eilseq);
	tcase_add_test(tc, test_bad_offsets);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(textenc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
