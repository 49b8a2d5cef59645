/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_bank.c - libFuzzer target: any bytes as a question bank.  The bank
 * loader must report problems, never crash, leak or hang; every question it
 * keeps must be findable by id, and every message must format. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Check the index and the messages of a loaded set; a clean set must
 * also hold only usable questions. */
static void check_set(const struct bankset *bs, struct diags *d, bool clean)
{
	char digest[72];
	size_t n = 0;

	for (size_t i = 0; i < bs->nbanks; i++) {
		const struct bank *b = bs->banks[i];

		for (size_t j = 0; j < b->nquestions; j++) {
			const struct question *q = &b->questions[j];

			if (bankset_find(bs, q->id) != q)
				abort();
			if (q->noptions > MAX_OPTIONS)
				abort();
			if (clean && (q->points <= 0 || !q->stem ||
				      ((q->type == Q_SINGLE ||
					q->type == Q_MULTIPLE) &&
				       (q->noptions < 2 || !q->answer ||
					q->answer >> q->noptions))))
				abort();
			n++;
		}
	}
	if (n != bs->nquestions)
		abort();
	bankset_digest(bs, digest);
	diags_sort(d);
	diags_unique(d);
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		if (!s || strchr(s, '\n'))
			abort();
		free(s);
	}
}

/* Load the input twice (the second time every id is a duplicate). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bankset bs;
	struct diags d = DIAGS_INIT;
	char *buf = malloc(size + 1);
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	bankset_init(&bs);
	rc = bankset_load_buffer(&bs, "fuzz.yaml", buf, size, &d);
	check_set(&bs, &d, rc == 0);
	if (rc >= 0)
		(void)bankset_load_buffer(&bs, "dir/again.yml", buf, size, &d);
	check_set(&bs, &d, false);
	bankset_release(&bs);
	diags_release(&d);
	free(buf);
	return 0;
}
