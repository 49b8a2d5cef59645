/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_template.c - libFuzzer target: any bytes as a paper template and,
 * after a line "%%bank", a bank of its own, checked against that bank and
 * a small fixed one and, when clean, assembled into a paper the way
 * `examgen build` does.  Fuzzing both together reaches template checks
 * over broken banks (an empty bank, a bank that is a list). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "base/diag.h"
#include "paper/paper.h"
#include "paper/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_bank[] =
	"bank: fz\n"
	"questions:\n"
	"  - {id: t1, type: true_false, stem: s, answer: true, tags: [a], difficulty: easy}\n"
	"  - {id: t2, type: true_false, stem: s, answer: false, tags: [a, b], group: g}\n"
	"  - {id: s1, type: single, stem: s, options: [x, y, z], answer: B, tags: [b]}\n"
	"  - {id: s2, type: single, stem: s, options: [x, {text: y, fixed: true}], answer: A, group: g}\n"
	"  - {id: m1, type: multiple, stem: s, options: [x, y, z, w], answer: ACD, scoring: half, tags: [c]}\n"
	"  - {id: m2, type: multiple, stem: s, options: [x, y], answer: [A, B], shuffle: false, difficulty: hard}\n"
	"  - {id: h1, type: short, stem: s, points: 3, tags: [c]}\n"
	"  - {id: e1, type: essay, stem: s, rubric: [{criterion: a, points: 3}, {criterion: b, points: 2}], tags: [a]}\n"
	"  - {id: e2, type: essay, stem: s, points: 4, rubric: [{criterion: a, points: 4}], difficulty: medium}\n";

static const char bank_marker[] = "\n%%bank\n";

/* Load the fixed bank, then the input's own bank (text after the marker,
 * if any) the way a template's second bank file would be. */
static void load_banks(struct bankset *bs, const char *own, size_t len,
		       struct diags *d)
{
	bankset_init(bs);
	if (bankset_load_buffer(bs, "fz.yaml", fixed_bank,
				sizeof(fixed_bank) - 1, d) != 0) {
		diags_print(d, stderr);
		abort();
	}
	if (own)
		(void)bankset_load_buffer(bs, "own.yaml", own, len, d);
}

/* Check the template against both banks and, when clean, assemble it
 * with two seeds. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = DIAGS_INIT;
	struct bankset bank;
	struct template *t;
	char *buf = malloc(size + 1), *own;
	size_t tlen = size, olen = 0;
	bool bad = false;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	own = strstr(buf, bank_marker);
	if (own) {
		*own = '\0';
		tlen = (size_t)(own - buf);
		own += sizeof(bank_marker) - 1;
		olen = size - (size_t)(own - buf);
	}
	load_banks(&bank, own, olen, &d);
	t = template_load_buffer("tpl/fuzz.yaml", buf, tlen, &d, &bad);
	if (t && !bad && t->nsections && template_check(t, &bank, &d) == 0) {
		for (uint64_t seed = 1; seed <= 2; seed++) {
			struct paper *p = paper_assemble(t, &bank, seed, 0, &d);

			if (p && p->nforms != t->forms)
				abort();
			paper_free(p);
		}
	}
	if (t)
		(void)template_pass_points(t, 100);
	diags_sort(&d);
	diags_unique(&d);
	template_free(t);
	bankset_release(&bank);
	diags_release(&d);
	free(buf);
	return 0;
}
