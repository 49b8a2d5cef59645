/* fuzz_template.c - libFuzzer target: any bytes as a paper template, checked
 * against a small fixed bank and, when it is clean, assembled into a paper
 * the way `examgen build` does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank.h"
#include "diag.h"
#include "paper.h"
#include "template.h"

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

static struct bankset bank;

/* Load the fixed bank once. */
static void setup(void)
{
	struct diags d = DIAGS_INIT;

	bankset_init(&bank);
	if (bankset_load_buffer(&bank, "fz.yaml", fixed_bank,
				sizeof(fixed_bank) - 1, &d) != 0) {
		diags_print(&d, stderr);
		abort();
	}
	diags_release(&d);
}

/* Check and, when clean, assemble the template with two seeds. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = DIAGS_INIT;
	struct template *t;
	char *buf = malloc(size + 1);
	bool bad = false;

	if (!bank.nbanks)
		setup();
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	t = template_load_buffer("tpl/fuzz.yaml", buf, size, &d, &bad);
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
	diags_release(&d);
	free(buf);
	return 0;
}
