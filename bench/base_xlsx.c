/* SPDX-License-Identifier: GPL-3.0-or-later */
/* base_xlsx.c - benchmark baseline: the least any xlsx report writer must
 * do.  Writes the given numbers of text, number and formula cells (with
 * cached values) row by row into one worksheet with libxlsxwriter in
 * constant-memory mode, 64 cells to a row, and nothing else.
 *
 *   base_xlsx OUT.xlsx STRINGS NUMBERS FORMULAS
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#define WIDTH 64

/* Short texts like the responses and names a report holds. */
static const char *const texts[] = {
	"A", "BD", "T", "F", "ACD", "张伟", "王芳", "pass", "fail", "C",
};

/* Parse a non-negative count argument; exits on garbage. */
static unsigned long count_arg(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0') {
		fprintf(stderr, "base_xlsx: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

/* Write the cells, close the workbook; exit 1 on any libxlsxwriter error. */
int main(int argc, char **argv)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	unsigned long ns, nn, nf, total, i;
	lxw_error err = LXW_NO_ERROR;

	if (argc != 5) {
		fprintf(stderr, "usage: base_xlsx OUT STRINGS NUMBERS "
			"FORMULAS\n");
		return 2;
	}
	ns = count_arg(argv[2]);
	nn = count_arg(argv[3]);
	nf = count_arg(argv[4]);
	total = ns + nn + nf;
	wb = workbook_new_opt(argv[1], &opt);
	if (!wb)
		return 1;
	ws = workbook_add_worksheet(wb, NULL);
	for (i = 0; i < total && err == LXW_NO_ERROR; i++) {
		lxw_row_t row = (lxw_row_t)(i / WIDTH);
		lxw_col_t col = (lxw_col_t)(i % WIDTH);

		if (i < ns)
			err = worksheet_write_string(ws, row, col,
						     texts[i % 10], NULL);
		else if (i < ns + nn)
			err = worksheet_write_number(ws, row, col,
						     (double)(i % 97) / 2,
						     NULL);
		else
			err = worksheet_write_formula_num(ws, row, col,
							  "=SUM(A1:C1)", NULL,
							  (double)(i % 89));
	}
	if (err != LXW_NO_ERROR) {
		fprintf(stderr, "base_xlsx: %s\n", lxw_strerror(err));
		workbook_close(wb);
		return 1;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
