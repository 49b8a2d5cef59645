/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_sheet_yaml.c - libFuzzer target: any bytes as a filled-in YAML
 * answer sheet, graded against two fixed keys.  Every candidate read must
 * be graded or flagged, and the summaries must write. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-keys.h"
#include "grade/read-yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Grade the input as one YAML sheet. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gradebook gb;
	const char *file;
	char *buf;

	if (!fuzz_key_dir[0])
		fuzz_keys_setup();
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	fuzz_gradebook(&gb);
	file = arena_strdup(&gb.arena, "sheets/fuzz.yaml");
	if (file && sheet_read_yaml(&gb, file, buf, size) == 0) {
		fuzz_check_counts(&gb);
		fuzz_write_outputs(&gb);
	}
	gradebook_release(&gb);
	free(buf);
	return 0;
}
