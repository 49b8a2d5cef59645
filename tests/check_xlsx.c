/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_xlsx.c - the .xlsx reader: strings (shared, rich, inline),
 * numbers, booleans, errors, dates, cell positions, and every refusal of
 * a damaged or hostile workbook (zip bombs, too many entries, encryption,
 * bad XML, DOCTYPE, deep nesting, references out of order). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/fileio.h"
#include "base/xlsx-read.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""

/* One file to put in a zip. */
struct entry {
	const char *name;
	const char *text;	/* NULL: zeros of size bytes */
	size_t size;
};

/* Write the entries (NULL-terminated by name) into a zip file and read
 * it back into memory; password: encrypt. */
static char *make_zip(const struct entry *e, const char *password,
		      size_t *len)
{
	char path[] = "/tmp/check_xlsx_XXXXXX";
	int fd = mkstemp(path);
	zipFile zf;
	char *buf = NULL;
	static char blanks[65536];

	ck_assert_int_ge(fd, 0);
	close(fd);
	memset(blanks, ' ', sizeof(blanks));
	zf = zipOpen64(path, 0);
	ck_assert_ptr_nonnull(zf);
	for (; e->name; e++) {
		size_t n = e->text ? strlen(e->text) : e->size;

		ck_assert_int_eq(zipOpenNewFileInZip3_64(zf, e->name, NULL,
			NULL, 0, NULL, 0, NULL, Z_DEFLATED, 9, 0, -MAX_WBITS,
			8, Z_DEFAULT_STRATEGY, password, 0, 1), ZIP_OK);
		if (e->text) {
			ck_assert_int_eq(zipWriteInFileInZip(zf, e->text,
					 (unsigned)n), ZIP_OK);
		} else {
			for (size_t done = 0; done < n; done += sizeof(blanks))
				ck_assert_int_eq(zipWriteInFileInZip(zf, blanks,
					sizeof(blanks)), ZIP_OK);
		}
		ck_assert_int_eq(zipCloseFileInZip(zf), ZIP_OK);
	}
	ck_assert_int_eq(zipClose(zf, NULL), ZIP_OK);
	ck_assert_int_eq(fileio_read(path, (size_t)1 << 30, &buf, len),
			 FILEIO_OK);
	unlink(path);
	return buf;
}

/* Cells seen, as "A1=kind:text" lines. */
struct seen {
	char text[4096];
	int stop_after;		/* stop after this many cells; 0: never */
	int n;
};

/* Note one cell; stop when asked to. */
static int collect(void *ctx, const struct xlsx_cell *c)
{
	static const char *const kinds[] = { "s", "n", "d", "b", "e", "f" };
	struct seen *s = ctx;
	size_t used = strlen(s->text);

	snprintf(s->text + used, sizeof(s->text) - used, "%u,%u=%s:%s\n",
		 c->row, c->col, kinds[c->kind], c->text);
	return s->stop_after && ++s->n >= s->stop_after;
}

/* Read a workbook made of the standard parts around sheet, sst and
 * styles (either may be NULL); returns the result, cells in s, message
 * in err. */
static enum xlsx_err read_book(const char *workbook, const char *sheet,
			       const char *sst, const char *styles,
			       struct seen *s, char *err, size_t errsize)
{
	struct entry e[8] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "xl/workbook.xml", workbook ? workbook :
		  "<workbook " NS " " RNS "><sheets><sheet name=\"S\" "
		  "sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"T\" "
		  "sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http:"
		  "//schemas.openxmlformats.org/package/2006/relationships\">"
		  "<Relationship Id=\"rId8\" Target=\"worksheets/two.xml\"/>"
		  "<Relationship Id=\"rId7\" Target=\"/xl/worksheets/one.xml\""
		  "/></Relationships>", 0 },
		{ "xl/worksheets/one.xml", sheet, 0 },
		{ "xl/worksheets/two.xml", "<worksheet " NS "><sheetData><row>"
		  "<c t=\"inlineStr\"><is><t>second sheet</t></is></c></row>"
		  "</sheetData></worksheet>", 0 },
	};
	size_t n = 5, len;
	char *zip;
	enum xlsx_err rc;

	if (sst)
		e[n++] = (struct entry){ "xl/sharedStrings.xml", sst, 0 };
	if (styles)
		e[n++] = (struct entry){ "xl/styles.xml", styles, 0 };
	zip = make_zip(e, NULL, &len);
	memset(s->text, 0, sizeof(s->text));
	rc = xlsx_read_cells(zip, len, collect, s, err, errsize);
	free(zip);
	return rc;
}

#define SHEET(rows) "<worksheet " NS "><sheetData>" rows \
	"</sheetData></worksheet>"

START_TEST(test_strings)
{
	struct seen s = { .stop_after = 0 };
	char err[256];

	ck_assert_int_eq(read_book(NULL, SHEET(
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		"<c r=\"C1\" t=\"s\"><v>1</v></c>"
		"<c r=\"D1\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line"
		"</t></r></is></c><c r=\"E1\" t=\"s\"><v>2</v></c></row>"
		"<row r=\"3\"><c t=\"str\"><f>A1</f><v>formula &amp; text</v>"
		"</c><c t=\"s\"><v>3</v></c><c t=\"s\"><v>4</v></c>"
		"<c t=\"inlineStr\"><is><t>a_x000D_b_x4E09_</t></is></c></row>"),
		"<sst " NS "><si><t>candidate_id</t></si>"
		"<si><r><t>张</t></r><r><rPr/><t xml:space=\"preserve\">三 "
		"</t></r><rPh><t>ちょう</t></rPh></si><si><t/></si>"
		"<si><t>0012</t></si><si><t>_x0041_ _x005F_x0041_ _x00_</t>"
		"</si></sst>", NULL, &s, err, sizeof(err)),
		XLSX_OK);
	/* Excel's escapes: _xHHHH_ is that character, _x005F_ a '_' */
	ck_assert_str_eq(s.text, "1,1=s:candidate_id\n1,3=s:张三 \n"
			 "1,4=s:inline\n3,1=s:formula & text\n3,2=s:0012\n"
			 "3,3=s:A _x0041_ _x00_\n3,4=s:a\rb三\n");
}
END_TEST

START_TEST(test_numbers_and_kinds)
{
	struct seen s = { .stop_after = 0 };
	char err[256];

	ck_assert_int_eq(read_book(NULL, SHEET(
		"<row><c><v>2026001</v></c><c><v>4.5</v></c>"
		"<c t=\"n\"><v>4.4999999999999991</v></c><c><v>1E-3</v></c>"
		"<c><v>-0</v></c><c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v>"
		"</c><c t=\"e\"><v>#N/A</v></c><c/><c><v></v></c>"
		"<c s=\"1\"><v>46024</v></c><c s=\"2\"><v>46024.5</v></c>"
		"<c s=\"3\"><v>12</v></c><c s=\"1\"><v>60</v></c></row>"),
		NULL, "<styleSheet " NS "><numFmts count=\"2\">"
		"<numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd hh:mm\"/>"
		"<numFmt numFmtId=\"165\" formatCode=\"&quot;d&quot;0.00_m\"/>"
		"</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
		"<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
		"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>"
		"</styleSheet>", &s, err, sizeof(err)), XLSX_OK);
	ck_assert_str_eq(s.text, "1,1=n:2026001\n1,2=n:4.5\n1,3=n:4.5\n"
			 "1,4=n:0.001\n1,5=n:0\n1,6=b:TRUE\n1,7=b:FALSE\n"
			 "1,8=e:#N/A\n1,11=d:2026-01-02\n"
			 "1,12=d:2026-01-02 12:00:00\n1,13=n:12\n"
			 "1,14=d:1900-02-29\n");
}
END_TEST

START_TEST(test_date1904_and_prefixes)
{
	struct seen s = { .stop_after = 0 };
	char err[256];

	ck_assert_int_eq(read_book("<x:workbook xmlns:x=\"http://schemas."
		"openxmlformats.org/spreadsheetml/2006/main\" " RNS ">"
		"<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"S\" "
		"r:id=\"rId7\"/></x:sheets></x:workbook>",
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
		"spreadsheetml/2006/main\"><x:sheetData><x:row r=\"2\">"
		"<x:c r=\"B2\" s=\"1\"><x:v>0</x:v></x:c></x:row></x:sheetData>"
		"</x:worksheet>", NULL, "<styleSheet " NS "><cellXfs>"
		"<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs>"
		"</styleSheet>", &s, err, sizeof(err)), XLSX_OK);
	ck_assert_str_eq(s.text, "2,2=d:1904-01-01\n");
}
END_TEST

/* Expect a damaged-workbook message containing want. */
static void expect_damaged(const char *sheet, const char *sst,
			   const char *want)
{
	struct seen s = { .stop_after = 0 };
	char err[256];

	ck_assert_int_eq(read_book(NULL, sheet, sst, NULL, &s, err,
				   sizeof(err)), XLSX_DAMAGED);
	ck_assert_msg(strstr(err, want), "'%s' lacks '%s'", err, want);
}

START_TEST(test_damaged_parts)
{
	char deep[4096] = "<worksheet " NS ">";

	expect_damaged(SHEET("<row><c>"), NULL, "'xl/worksheets/one.xml' is "
		       "not well-formed XML (line 1, column");
	expect_damaged("", NULL, "not well-formed XML");
	expect_damaged("<!DOCTYPE x [<!ENTITY a \"b\">]>" SHEET(""), NULL,
		       "a DOCTYPE is not allowed");
	expect_damaged(SHEET("<row r=\"2\"/><row r=\"1\"/>"), NULL,
		       "row 1 is out of order");
	expect_damaged(SHEET("<row><c r=\"B1\"/><c r=\"A1\"/></row>"), NULL,
		       "cell 'A1' is out of order");
	expect_damaged(SHEET("<row><c r=\"A2\"/></row>"), NULL,
		       "cell 'A2' is out of order");
	expect_damaged(SHEET("<row><c r=\"XFE1\"/></row>"), NULL,
		       "'XFE1' is not a cell reference");
	expect_damaged(SHEET("<row><c t=\"s\"><v>1</v></c></row>"),
		       "<sst " NS "><si><t>x</t></si></sst>",
		       "shared string '1' does not exist");
	expect_damaged(SHEET("<row><c t=\"s\"><v>0</v></c></row>"), NULL,
		       "shared string '0' does not exist");
	expect_damaged(SHEET("<row><c><v>12x</v></c></row>"), NULL,
		       "cell A1 holds '12x', which is not a number");
	for (int i = 0; i < 70; i++)
		strcat(deep, "<a>");
	expect_damaged(deep, NULL, "elements nested deeper than 64");
}
END_TEST

START_TEST(test_not_a_workbook)
{
	static const struct entry none[] = { { "a.txt", "hello", 0 },
					     { NULL, NULL, 0 } };
	char err[256], *zip;
	struct seen s = { .stop_after = 0 };
	size_t len;

	ck_assert_int_eq(xlsx_read_cells("PK\3\4junk", 8, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	ck_assert_ptr_nonnull(strstr(err, "not a readable zip file"));
	ck_assert(xlsx_is_zip("PK\3\4", 4));
	ck_assert(!xlsx_is_zip("candidate_id", 12));
	zip = make_zip(none, NULL, &len);
	ck_assert_int_eq(xlsx_read_cells(zip, len, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	ck_assert_str_eq(err, "the workbook has no 'xl/workbook.xml' (is it "
			 "an .xlsx file?)");
	/* cut short: the central directory is gone */
	ck_assert_int_eq(xlsx_read_cells(zip, len - 30, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	free(zip);
}
END_TEST

START_TEST(test_encrypted)
{
	static const struct entry e[] = {
		{ "xl/workbook.xml", "<workbook/>", 0 }, { NULL, NULL, 0 } };
	char err[256], *zip;
	struct seen s = { .stop_after = 0 };
	size_t len;

	zip = make_zip(e, "secret", &len);
	ck_assert_int_eq(xlsx_read_cells(zip, len, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	ck_assert_str_eq(err, "the workbook is encrypted (save it without a "
			 "password)");
	free(zip);
}
END_TEST

START_TEST(test_zip_bomb)
{
	struct entry e[] = {
		{ "xl/workbook.xml", NULL, XLSX_MAX_PART_BYTES + 65536 },
		{ NULL, NULL, 0 } };
	char err[256], *zip;
	struct seen s = { .stop_after = 0 };
	size_t len;

	zip = make_zip(e, NULL, &len);
	ck_assert_uint_lt(len, 1 << 20);	/* a few hundred KiB packed */
	ck_assert_int_eq(xlsx_read_cells(zip, len, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	ck_assert_str_eq(err, "'xl/workbook.xml' unpacks to more than 64 MiB "
			 "(the limit)");
	free(zip);
}
END_TEST

/* The worksheet is parsed as it is unpacked: one over the limit of the
 * other parts (a 100,000-row responses.xlsx is about 300 MiB) is read,
 * and a formula saved without its value comes as its text. */
START_TEST(test_large_sheet)
{
	static const char head[] = "<worksheet " NS "><sheetData>";
	static const char tail[] = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
				   "<is><t>last</t></is></c><c r=\"B1\">"
				   "<f>SUM(C1:C9)</f></c></row></sheetData>"
				   "</worksheet>";
	size_t pad = XLSX_MAX_PART_BYTES + (1 << 20);
	char *sheet = malloc(sizeof(head) + pad + sizeof(tail));
	struct seen s = { .stop_after = 0 };
	char err[256];

	ck_assert_ptr_nonnull(sheet);
	memcpy(sheet, head, sizeof(head) - 1);
	memset(sheet + sizeof(head) - 1, ' ', pad);
	memcpy(sheet + sizeof(head) - 1 + pad, tail, sizeof(tail));
	ck_assert_int_eq(read_book(NULL, sheet, NULL, NULL, &s, err,
				   sizeof(err)), XLSX_OK);
	ck_assert_str_eq(s.text, "1,1=s:last\n1,2=f:=SUM(C1:C9)\n");
	free(sheet);
}
END_TEST

START_TEST(test_too_many_entries)
{
	struct entry *e = calloc(XLSX_MAX_ENTRIES + 2, sizeof(*e));
	char (*names)[16] = calloc(XLSX_MAX_ENTRIES + 1, sizeof(*names));
	char err[256], *zip;
	struct seen s = { .stop_after = 0 };
	size_t len;

	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(names);
	for (int i = 0; i <= XLSX_MAX_ENTRIES; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		e[i] = (struct entry){ names[i], "", 0 };
	}
	zip = make_zip(e, NULL, &len);
	ck_assert_int_eq(xlsx_read_cells(zip, len, collect, &s, err,
					 sizeof(err)), XLSX_DAMAGED);
	ck_assert_str_eq(err, "the zip file has 10001 entries (at most "
			 "10000)");
	free(zip);
	free(e);
	free(names);
}
END_TEST

START_TEST(test_callback_stops)
{
	struct seen s = { .stop_after = 1 };
	char err[256];

	ck_assert_int_eq(read_book(NULL, SHEET("<row><c><v>1</v></c><c><v>2"
		"</v></c></row>"), NULL, NULL, &s, err, sizeof(err)),
		XLSX_STOPPED);
	ck_assert_str_eq(s.text, "1,1=n:1\n");
}
END_TEST

/* The suite. */
static Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_numbers_and_kinds);
	tcase_add_test(tc, test_date1904_and_prefixes);
	tcase_add_test(tc, test_damaged_parts);
	tcase_add_test(tc, test_not_a_workbook);
	tcase_add_test(tc, test_encrypted);
	tcase_add_test(tc, test_zip_bomb);
	tcase_add_test(tc, test_large_sheet);
	tcase_add_test(tc, test_too_many_entries);
	tcase_add_test(tc, test_callback_stops);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(xlsx_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
