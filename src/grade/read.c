/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read.c - one sheet file into the gradebook: read it whole, settle its
 * encoding (UTF-8, GB18030, UTF-16, a few stray bytes repaired and
 * flagged), and hand it to the reader its content calls for (.xlsx, YAML
 * or CSV).  The readers call back into the gradebook (grade.h). */
#include "grade/read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "base/textenc.h"
#include "base/utf8.h"
#include "grade/grade.h"
#include "grade/read-csv.h"
#include "grade/read-xlsx.h"
#include "grade/read-yaml.h"

/* The largest sheet file read. */
#define SHEET_MAX_BYTES ((size_t)1 << 31)

/* True if text (UTF-8) looks like a YAML sheet: its first line that is not
 * blank, a comment or a document marker starts with a sheet key, or it
 * has no other line but at least one comment or marker (a sheet cut
 * short inside its first comment: no CSV starts with '#'). */
static bool looks_like_yaml(const char *s, const char *end)
{
	static const char *const keys[] = { "paper", "build", "form",
					     "candidate", "answers", NULL };
	bool marked = false;

	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *p = s;

		if (!eol)
			eol = end;
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p == eol || *p == '#' || !strncmp(p, "---", 3) ||
		    *p == '%') {
			marked |= p != eol;
			s = eol + 1;
			continue;
		}
		for (size_t i = 0; keys[i]; i++) {
			size_t n = strlen(keys[i]);

			if ((size_t)(eol - p) > n &&
			    !strncmp(p, keys[i], n)) {
				const char *q = p + n;

				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
				if (q < eol && *q == ':')
					return true;
			}
		}
		return false;
	}
	return marked;
}

/* Read one sheet file and grade every candidate in it. */
int gradebook_read(struct gradebook *gb, const char *path, struct diags *d)
{
	char *buf = NULL, *utf8 = NULL;
	const char *text, *file;
	size_t len = 0, tlen, bad = 0;
	enum fileio_err fe;
	enum textenc enc;
	int rc = 0;

	gb->rd.diags = d;
	file = arena_strdup(&gb->arena, path);
	if (!file)
		goto oom;
	fe = fileio_read(path, SHEET_MAX_BYTES, &buf, &len);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, path, "cannot read sheet");
		rc = -1;
		goto out;
	}
	if (sheet_is_xlsx(buf, len)) {
		rc = sheet_read_xlsx(gb, file, buf, len, d);
		goto read;
	}
	enc = textenc_detect(buf, len);
	text = buf;
	tlen = len;
	if (enc == TEXTENC_UTF8_BOM &&
	    utf8_valid_prefix(buf + 3, len - 3) != len - 3)
		enc = TEXTENC_UNKNOWN;	/* a stray byte after the BOM */
	if (enc == TEXTENC_UNKNOWN) {
		size_t skip = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
		size_t at = utf8_valid_prefix(buf + skip, len - skip) + skip;
		unsigned line, col;

		utf8_position(buf + skip, at - skip, &line, &col);
		if (!(utf8 = utf8_repair(buf + skip, len - skip, &tlen, &bad)))
			goto oom;
		if (bad * 20 > len) {
			rc = gradebook_damaged(gb, file, line, col, "the sheet is "
					  "not UTF-8 or GB18030 text: byte "
					  "0x%02X here is not UTF-8 (a binary "
					  "file?)", (unsigned char)buf[at]);
			goto read;
		}
		/* a few stray bytes: read the rest, flag what they touch */
		gb->rd.repaired = true;
		gb->rd.repair_line = line;
		gb->rd.repair_col = col;
		gb->rd.repair_byte = (unsigned char)buf[at];
		gb->rd.repair_count = bad;
		text = utf8;
	} else if (enc != TEXTENC_UTF8) {
		if (textenc_to_utf8(buf, len, enc, &utf8, &tlen, &bad)) {
			if (errno == ENOMEM)
				goto oom;
			rc = gradebook_damaged(gb, file, 0, 0, "the sheet cannot be "
					  "read as %s (byte %zu): save it as "
					  "UTF-8", textenc_name(enc), bad + 1);
			goto read;
		}
		text = utf8;
	}
	if (looks_like_yaml(text, text + tlen)) {
		rc = sheet_read_yaml(gb, file, text, tlen);
	} else {
		if (gb->rd.repaired)
			gradebook_problem(gb, file, gb->rd.repair_line,
					  gb->rd.repair_col, NULL, 0, "byte 0x%02X "
					  "here is not UTF-8 (%zu such %s, read "
					  "as \xEF\xBF\xBD): save the file as "
					  "UTF-8; the rows they touch are "
					  "pending", gb->rd.repair_byte,
					  gb->rd.repair_count,
					  gb->rd.repair_count == 1 ? "byte" :
					  "bytes");
		rc = sheet_read_csv(gb, file, text, tlen);
	}
read:
	gb->rd.repaired = false;
	if (rc)
		goto oom;
	gradebook_report_refusals(gb, file, d);
	goto out;
oom:
	diags_fail(d, DIAG_SYSTEM, path, 0, 0, "out of memory while grading");
	rc = -1;
out:
	gb->rd.diags = NULL;
	free(utf8);
	free(buf);
	return rc;
}
