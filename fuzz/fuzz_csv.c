/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_csv.c - libFuzzer target: any bytes as a CSV answer sheet the way
 * `examgen grade` reads it: encoding detected and converted, the CSV
 * reader run over every record, then the rows graded against two fixed
 * keys.  No row may be lost and the summaries must write. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/textenc.h"
#include "base/utf8.h"
#include "fuzz-keys.h"
#include "grade/read-csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every record and check the reader's own promises. */
static void read_records(const char *text, size_t len)
{
	static FILE *null;
	struct csv_reader r;
	struct csv_row row;
	enum csv_err e;
	unsigned last = 0;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	csv_reader_init(&r, text, len);
	while ((e = csv_next(&r, &row)) == CSV_OK) {
		if (row.n == 0 || row.n > CSV_MAX_FIELDS || row.row != last + 1)
			abort();
		last = row.row;
		for (size_t i = 0; i < row.n; i++) {
			if (strlen(row.fields[i]) > row.lens[i])
				abort();
			csv_write_text(null, row.fields[i]);
		}
	}
	if (e != CSV_EOF && !csv_strerror(e))
		abort();
	csv_reader_release(&r);
}

/* Decode and grade the input as one CSV sheet. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gradebook gb;
	const char *file, *text;
	char *buf, *utf8 = NULL;
	size_t tlen, bad = 0;
	enum textenc enc;

	if (!fuzz_key_dir[0])
		fuzz_keys_setup();
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	enc = textenc_detect(buf, size);
	text = buf;
	tlen = size;
	if (enc == TEXTENC_UNKNOWN)
		goto out;
	if (enc != TEXTENC_UTF8) {
		if (textenc_to_utf8(buf, size, enc, &utf8, &tlen, &bad) < 0)
			goto out;
		if (utf8_valid_prefix(utf8, tlen) != tlen)
			abort();
		text = utf8;
	}
	read_records(text, tlen);
	fuzz_gradebook(&gb);
	file = arena_strdup(&gb.arena, "sheets/fuzz.csv");
	if (file && sheet_read_csv(&gb, file, text, tlen) == 0) {
		fuzz_check_counts(&gb);
		fuzz_write_outputs(&gb);
	}
	gradebook_release(&gb);
out:
	free(utf8);
	free(buf);
	return 0;
}
