/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_xlsx.c - libFuzzer target: any bytes as an .xlsx answer sheet the
 * way `examgen grade` reads it: the zip container, the workbook parts and
 * the first sheet read cell by cell (positions must only grow), then the
 * rows graded against two fixed keys.  No row may be lost and the
 * summaries must write. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xlsx-read.h"
#include "fuzz-keys.h"
#include "grade/read-xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reader's promises about each cell. */
static int check_cell(void *ctx, const struct xlsx_cell *c)
{
	unsigned *last = ctx;

	if (c->row < last[0] || (c->row == last[0] && c->col <= last[1]) ||
	    c->row < 1 || c->row > XLSX_MAX_ROWS || c->col < 1 ||
	    c->col > XLSX_MAX_COLS || !c->text[0] ||
	    strlen(c->text) > XLSX_MAX_TEXT)
		abort();
	last[0] = c->row;
	last[1] = c->col;
	return 0;
}

/* Read and grade the input as one workbook. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gradebook gb;
	struct diags d;
	unsigned last[2] = { 0, 0 };
	char err[320];
	const char *file;
	enum xlsx_err e;

	if (!fuzz_key_dir[0])
		fuzz_keys_setup();
	e = xlsx_read_cells(data, size, check_cell, last, err, sizeof(err));
	if (e == XLSX_DAMAGED && !err[0])
		abort();
	if (e == XLSX_STOPPED)
		abort();
	diags_init(&d);
	fuzz_gradebook(&gb);
	file = arena_strdup(&gb.arena, "sheets/fuzz.xlsx");
	if (file && sheet_read_xlsx(&gb, file, (const char *)data, size,
				    &d) == 0) {
		fuzz_check_counts(&gb);
		fuzz_write_outputs(&gb);
	}
	gradebook_release(&gb);
	diags_release(&d);
	return 0;
}
