/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_csv.c - the RFC 4180 reader, its error positions and speed, and
 * the formula-safe writers. */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/csv.h"

/* Read the next row of r, expecting CSV_OK and exactly the given fields
 * (a NULL-terminated list). */
static void expect_row(struct csv_reader *r, unsigned line, ...)
{
	struct csv_row row;
	va_list ap;
	size_t i = 0;
	const char *want;

	ck_assert_int_eq(csv_next(r, &row), CSV_OK);
	ck_assert_uint_eq(row.line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *))) {
		ck_assert_uint_lt(i, row.n);
		ck_assert_str_eq(row.fields[i], want);
		ck_assert_uint_eq(row.lens[i], strlen(want));
		i++;
	}
	va_end(ap);
	ck_assert_uint_eq(row.n, i);
}

/* Expect the end of input. */
static void expect_eof(struct csv_reader *r)
{
	struct csv_row row;

	ck_assert_int_eq(csv_next(r, &row), CSV_EOF);
	ck_assert_int_eq(csv_next(r, &row), CSV_EOF);
}

START_TEST(test_simple)
{
	static const char s[] = "candidate_id,name,form,1\n2026001,张三,A,C\n";
	struct csv_reader r;
	struct csv_row row;

	csv_reader_init(&r, s, strlen(s));
	ck_assert_int_eq(csv_next(&r, &row), CSV_OK);
	ck_assert_uint_eq(row.row, 1);
	ck_assert_uint_eq(row.n, 4);
	ck_assert_str_eq(row.fields[0], "candidate_id");
	ck_assert_str_eq(row.fields[3], "1");
	ck_assert_int_eq(csv_next(&r, &row), CSV_OK);
	ck_assert_uint_eq(row.row, 2);
	ck_assert_uint_eq(row.line, 2);
	ck_assert_str_eq(row.fields[1], "张三");
	ck_assert_uint_eq(row.lens[1], 6);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_quoted)
{
	static const char s[] =
		"\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
		"\"two\nlines\",\"crlf\r\ninside\",x\r\n"
		"\"\"\"\",end\n";
	struct csv_reader r;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "a,b", "say \"hi\"", "", NULL);
	expect_row(&r, 2, "two\nlines", "crlf\r\ninside", "x", NULL);
	/* the embedded line breaks are counted */
	expect_row(&r, 5, "\"", "end", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_line_ends)
{
	static const char s[] = "a,b\r\nc\rd,e\nf";
	struct csv_reader r;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "a", "b", NULL);
	expect_row(&r, 2, "c", NULL);
	expect_row(&r, 3, "d", "e", NULL);
	/* the last line has no line end */
	expect_row(&r, 4, "f", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_blank_and_empty)
{
	static const char s[] = "a\n\n\r\n,\nx,\n\"q\"";
	struct csv_reader r;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "a", NULL);
	expect_row(&r, 2, "", NULL);
	expect_row(&r, 3, "", NULL);
	expect_row(&r, 4, "", "", NULL);
	expect_row(&r, 5, "x", "", NULL);
	expect_row(&r, 6, "q", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
	/* an empty buffer has no rows */
	csv_reader_init(&r, "", 0);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_stray_quote_literal)
{
	static const char s[] = "5\"7,ab\",\"q\"  ,\"t\"\t\n";
	struct csv_reader r;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "5\"7", "ab\"", "q", "t", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_text_after_quote)
{
	static const char s[] = "id,ans\n1,\"A\"C,x\n2,B\n";
	struct csv_reader r;
	struct csv_row row;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "id", "ans", NULL);
	ck_assert_int_eq(csv_next(&r, &row), CSV_BAD_QUOTE);
	ck_assert_uint_eq(r.err_line, 2);
	ck_assert_uint_eq(r.err_col, 6);
	/* reading resumes at the next line */
	expect_row(&r, 3, "2", "B", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_unterminated)
{
	static const char s[] = "id,name\n张三,\"abc\nmore,stuff\n";
	struct csv_reader r;
	struct csv_row row;

	csv_reader_init(&r, s, strlen(s));
	expect_row(&r, 1, "id", "name", NULL);
	ck_assert_int_eq(csv_next(&r, &row), CSV_UNTERMINATED);
	/* where the quoted field started, counting characters */
	ck_assert_uint_eq(r.err_line, 2);
	ck_assert_uint_eq(r.err_col, 4);
	expect_eof(&r);
	csv_reader_release(&r);
	csv_reader_init(&r, "\"", 1);
	ck_assert_int_eq(csv_next(&r, &row), CSV_UNTERMINATED);
	ck_assert_uint_eq(r.err_line, 1);
	ck_assert_uint_eq(r.err_col, 1);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_nul)
{
	static const char s[] = "a,b\nc,d\0e\nf\n\"g\0\"\nh\n";
	struct csv_reader r;
	struct csv_row row;

	csv_reader_init(&r, s, sizeof(s) - 1);
	expect_row(&r, 1, "a", "b", NULL);
	ck_assert_int_eq(csv_next(&r, &row), CSV_NUL);
	ck_assert_uint_eq(r.err_line, 2);
	ck_assert_uint_eq(r.err_col, 4);
	expect_row(&r, 3, "f", NULL);
	ck_assert_int_eq(csv_next(&r, &row), CSV_NUL);
	ck_assert_uint_eq(r.err_line, 4);
	ck_assert_uint_eq(r.err_col, 3);
	expect_row(&r, 5, "h", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
}
END_TEST

START_TEST(test_too_many_fields)
{
	size_t n = CSV_MAX_FIELDS;
	char *s = malloc(2 * n + 8);
	struct csv_reader r;
	struct csv_row row;

	ck_assert_ptr_nonnull(s);
	/* exactly the limit: fine */
	memset(s, ',', n - 1);
	strcpy(s + n - 1, "\nok\n");
	csv_reader_init(&r, s, strlen(s));
	ck_assert_int_eq(csv_next(&r, &row), CSV_OK);
	ck_assert_uint_eq(row.n, n);
	expect_row(&r, 2, "ok", NULL);
	csv_reader_release(&r);
	/* one more: refused, then the next line reads */
	memset(s, ',', n);
	strcpy(s + n, "\nok\n");
	csv_reader_init(&r, s, strlen(s));
	ck_assert_int_eq(csv_next(&r, &row), CSV_TOO_MANY_FIELDS);
	ck_assert_uint_eq(r.err_line, 1);
	ck_assert_uint_eq(r.err_col, n + 1);
	expect_row(&r, 2, "ok", NULL);
	expect_eof(&r);
	csv_reader_release(&r);
	free(s);
}
END_TEST

START_TEST(test_big_field)
{
	size_t n = 300000;
	char *s = malloc(n + 16);
	struct csv_reader r;
	struct csv_row row;

	ck_assert_ptr_nonnull(s);
	s[0] = '"';
	memset(s + 1, 'x', n);
	strcpy(s + 1 + n, "\",y\n");
	csv_reader_init(&r, s, strlen(s));
	ck_assert_int_eq(csv_next(&r, &row), CSV_OK);
	ck_assert_uint_eq(row.n, 2);
	ck_assert_uint_eq(row.lens[0], n);
	ck_assert_uint_eq(strlen(row.fields[0]), n);
	ck_assert_str_eq(row.fields[1], "y");
	csv_reader_release(&r);
	free(s);
}
END_TEST

/* 100,000 rows of 60 columns, quoted cells among them, read whole (the
 * speed of this is measured in bench/, not here). */
START_TEST(test_many_rows)
{
	const size_t rows = 100000, cols = 60;
	size_t cap = rows * (cols * 4 + 16), len = 0, total = 0, ragged = 0;
	char *s = malloc(cap);
	struct csv_reader r;
	struct csv_row row;
	enum csv_err e;

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < rows; i++) {
		len += (size_t)sprintf(s + len, "%zu", 2026000 + i);
		for (size_t j = 1; j < cols; j++)
			len += (size_t)sprintf(s + len, j % 7 ? ",A%c" :
					       ",\"C,D\"", (char)('A' + j % 4));
		s[len++] = '\n';
	}
	csv_reader_init(&r, s, len);
	/* no ck_assert inside the loop: each one talks to the parent
	 * process */
	while ((e = csv_next(&r, &row)) == CSV_OK) {
		ragged += row.n != cols;
		total += row.n;
	}
	ck_assert_int_eq(e, CSV_EOF);
	ck_assert_uint_eq(ragged, 0);
	ck_assert_uint_eq(total, rows * cols);
	csv_reader_release(&r);
	free(s);
}
END_TEST

/* What csv_write_text writes for s. */
static char *written(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	csv_write_text(fp, s);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* Assert that s is written as want. */
static void expect_text(const char *s, const char *want)
{
	char *got = written(s);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_write_text)
{
	expect_text("plain", "plain");
	expect_text("张三", "张三");
	expect_text("", "");
	expect_text(NULL, "");
	expect_text("a,b", "\"a,b\"");
	expect_text("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_text("\"", "\"\"\"\"");
	expect_text("two\nlines", "\"two\nlines\"");
	/* terminal controls are shown, never sent: ESC, BEL, DEL, C1 CSI */
	expect_text("\x1b[31mred\a\x7f\xc2\x9b" "2J",
		    "\u241b[31mred\u2407\u2421\ufffd2J");
	expect_text("=\x1b", "'=\u241b");
	expect_text("cr\rhere", "\"cr\rhere\"");
	expect_text(" lead", "\" lead\"");
	expect_text("trail ", "\"trail \"");
	expect_text("in side", "in side");
	/* formula injection */
	expect_text("=SUM(A1:A9)", "'=SUM(A1:A9)");
	expect_text("+1", "'+1");
	expect_text("-1", "'-1");
	expect_text("@cmd", "'@cmd");
	expect_text("\tx", "'\tx");
	expect_text("\rx", "\"'\rx\"");
	expect_text("=HYPERLINK(\"x\",\"y\")",
		    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	expect_text("a=b", "a=b");
}
END_TEST

START_TEST(test_write_read_back)
{
	static const char *const v[] = {
		"x", "a,b", "\"q\"", "multi\r\nline", " sp ", "", "张三，李四",
	};
	char *buf = NULL;
	size_t len = 0, n = sizeof(v) / sizeof(v[0]);
	FILE *fp = open_memstream(&buf, &len);
	struct csv_reader r;
	struct csv_row row;

	ck_assert_ptr_nonnull(fp);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', fp);
		csv_write_text(fp, v[i]);
	}
	putc('\n', fp);
	ck_assert_int_eq(fclose(fp), 0);
	csv_reader_init(&r, buf, len);
	ck_assert_int_eq(csv_next(&r, &row), CSV_OK);
	ck_assert_uint_eq(row.n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(row.fields[i], v[i]);
	expect_eof(&r);
	csv_reader_release(&r);
	free(buf);
}
END_TEST

/* Assert that v is formatted as want. */
static void expect_number(double v, const char *want)
{
	char buf[64];

	ck_assert_str_eq(format_number(v, buf), want);
}

START_TEST(test_numbers)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	expect_number(12, "12");
	expect_number(0, "0");
	expect_number(7.5, "7.5");
	expect_number(-2.5, "-2.5");
	expect_number(180, "180");
	expect_number(1.0 / 3, "0.3333");
	expect_number(2.0 / 3, "0.6667");
	expect_number(0.1 + 0.2, "0.3");
	expect_number(66.66666, "66.6667");
	expect_number(99.99999, "100");
	expect_number(12.05, "12.05");
	expect_number(-0.0, "0");
	expect_number(-0.00001, "0");
	expect_number(0.00001, "0");
	expect_number(1e20, "100000000000000000000");
	expect_number(123456789012.25, "123456789012.25");
	expect_number(NAN, "");
	expect_number(INFINITY, "");
	expect_number(-INFINITY, "");
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	csv_write_number(fp, 87.5);
	putc(',', fp);
	csv_write_number(fp, NAN);
	putc(',', fp);
	csv_write_number(fp, 1e6);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(buf, "87.5,,1000000");
	free(buf);
}
END_TEST

START_TEST(test_strerror)
{
	ck_assert_str_eq(csv_strerror(CSV_UNTERMINATED),
			 "quoted field has no closing quote");
	ck_assert_str_eq(csv_strerror(CSV_ENOMEM), "out of memory");
	ck_assert_ptr_nonnull(strstr(csv_strerror(CSV_TOO_MANY_FIELDS),
				     "100000"));
}
END_TEST

/* The csv suite. */
static Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_quoted);
	tcase_add_test(tc, test_line_ends);
	tcase_add_test(tc, test_blank_and_empty);
	tcase_add_test(tc, test_stray_quote_literal);
	tcase_add_test(tc, test_text_after_quote);
	tcase_add_test(tc, test_unterminated);
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_too_many_fields);
	tcase_add_test(tc, test_big_field);
	tcase_add_test(tc, test_many_rows);
	tcase_add_test(tc, test_write_text);
	tcase_add_test(tc, test_write_read_back);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(csv_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
