/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_review.c - libFuzzer target: any bytes as a reviewed scan workbook
 * (review.xlsx after a reviewer filled in its 待复核 worksheet): the
 * decisions are applied to a fixed first worksheet, which must keep its
 * rows on their lines and change only doubtful cells, then the whole
 * workbook is graded the way `examgen grade` reads it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-keys.h"
#include "grade/read-review.h"
#include "grade/read-xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first worksheet as CSV text: '?' cells are the ones to decide. */
static const char answers[] =
	"\"candidate_id\",\"name\",\"form\",\"1\",\"2\",\"3\",\"4\",\"5.1\","
	"\"5.2\"\n"
	"\"0001\",\"\",\"A\",\"?T\",\"C\",\"?AC\",\"4\",\"?5\",\"2\"\n"
	"\"?12\",\"\",\"B\",\"F\",\"?\",\"AD\",\"?2.5\",\"3\",\"?1\"\n"
	"\n"
	"\"0003\",\"\",\"A\",\"T\",\"B\",\"\",\"6\",\"6\",\"4\"\n";

/* Count the lines of s. */
static size_t lines(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* Apply the input's decisions, then read and grade it as one workbook. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gradebook gb;
	struct diags d;
	char *out = NULL;
	size_t outlen = 0;
	const char *file;

	if (!fuzz_key_dir[0])
		fuzz_keys_setup();
	diags_init(&d);
	fuzz_gradebook(&gb);
	file = arena_strdup(&gb.arena, "sheets/review.xlsx");
	if (file && review_apply(&gb, file, (const char *)data, size, answers,
				 sizeof(answers) - 1, &out, &outlen, &d) == 0 &&
	    out) {
		/* every row stays on its line */
		if (strlen(out) != outlen ||
		    lines(out, outlen) != lines(answers, sizeof(answers) - 1))
			abort();
	}
	free(out);
	gradebook_release(&gb);
	fuzz_gradebook(&gb);
	file = arena_strdup(&gb.arena, "sheets/review.xlsx");
	if (file && sheet_read_xlsx(&gb, file, (const char *)data, size,
				    &d) == 0) {
		fuzz_check_counts(&gb);
		fuzz_write_outputs(&gb);
	}
	gradebook_release(&gb);
	diags_release(&d);
	return 0;
}
