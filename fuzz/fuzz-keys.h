/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-keys.h - answer keys for the sheet fuzz targets: two forms of one
 * small paper covering every question type, written to a scratch folder
 * once and loaded into a fresh gradebook for every input. */
#ifndef EXAMGEN_FUZZ_KEYS_H
#define EXAMGEN_FUZZ_KEYS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grade/grade-out.h"
#include "grade/grade.h"

#define FUZZ_KEY_BODY \
	"seed: 7\n" \
	"bank_digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n" \
	"title: fuzz paper\n" \
	"total: 20\n" \
	"pass: 12\n" \
	"sections:\n" \
	"  - {title: 选择题, questions: [1, 2, 3], points: 4}\n" \
	"  - {title: \"=问答\", questions: [4, 5], points: 16}\n" \
	"questions:\n" \
	"  - {no: 1, id: tf1, type: true_false, points: 1, answer: T}\n" \
	"  - {no: 2, id: sc1, type: single, points: 1, options: 4, answer: C, order: [B, D, A, C]}\n" \
	"  - {no: 3, id: mc1, type: multiple, points: 2, options: 4, answer: ACD, scoring: half}\n" \
	"  - {no: 4, id: sh1, type: short, points: 6}\n" \
	"  - {no: 5, id: es1, type: essay, points: 10, rubric: [{criterion: a, points: 6}, {criterion: b, points: 4}]}\n"

/* Folder holding FZ-1-A.key.yaml and FZ-1-B.key.yaml. */
static char fuzz_key_dir[64];

/* Write one key file into the scratch folder; exits on failure. */
static void fuzz_write_key(const char *form)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/FZ-1-%s.key.yaml", fuzz_key_dir, form);
	fp = fopen(path, "w");
	if (!fp || fprintf(fp, "paper: FZ-1\nform: %s\n%s", form,
			   FUZZ_KEY_BODY) < 0 || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

/* Remove the scratch folder at exit. */
static void fuzz_keys_cleanup(void)
{
	char path[128];

	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/FZ-1-%c.key.yaml",
			 fuzz_key_dir, "AB"[i]);
		unlink(path);
	}
	rmdir(fuzz_key_dir);
}

/* Create the scratch folder with both keys and check they load. */
static void fuzz_keys_setup(void)
{
	struct gradebook gb;
	struct diags d = DIAGS_INIT;

	snprintf(fuzz_key_dir, sizeof(fuzz_key_dir), "/tmp/examgen-fuzz-XXXXXX");
	if (!mkdtemp(fuzz_key_dir)) {
		perror("mkdtemp");
		exit(1);
	}
	atexit(fuzz_keys_cleanup);
	fuzz_write_key("A");
	fuzz_write_key("B");
	gradebook_init(&gb);
	if (keyset_add(&gb.keys, fuzz_key_dir, &d) < 0 ||
	    gb.keys.nkeys != 2) {
		diags_print(&d, stderr);
		fprintf(stderr, "fuzz: the fuzz keys do not load\n");
		exit(1);
	}
	gradebook_release(&gb);
	diags_release(&d);
}

/* A gradebook with both keys loaded; exits if they no longer load. */
static void fuzz_gradebook(struct gradebook *gb)
{
	struct diags d = DIAGS_INIT;

	gradebook_init(gb);
	if (keyset_add(&gb->keys, fuzz_key_dir, &d) < 0) {
		diags_print(&d, stderr);
		abort();
	}
	diags_release(&d);
}

/* Check the promise that no sheet is dropped: every candidate read is
 * counted, and each is graded, flagged, or refused as a sheet of another
 * paper or build (which refuses the whole run, exit 2). */
static void fuzz_check_counts(const struct gradebook *gb)
{
	if (gb->sheets_read != gb->ncands) {
		fprintf(stderr, "fuzz: %zu candidates read but %zu kept\n",
			gb->sheets_read, gb->ncands);
		abort();
	}
	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];

		if (!c->key && !c->flagged && !c->refused) {
			fprintf(stderr, "fuzz: candidate %zu has no key and "
				"is not flagged\n", i);
			abort();
		}
		if (c->total != c->total || c->percent != c->percent) {
			fprintf(stderr, "fuzz: candidate %zu total is NaN\n", i);
			abort();
		}
	}
}

/* Write the CSV and JSON summaries to /dev/null: every text path runs. */
static void fuzz_write_outputs(const struct gradebook *gb)
{
	static FILE *null;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	grade_out_csv(null, gb);
	grade_out_json(null, gb);
}

#endif
