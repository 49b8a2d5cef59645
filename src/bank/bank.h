/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank.h - question banks: the model of the bank/ files
 * (docs/bank-format.md) and its loader.  A bankset owns everything loaded
 * into it: one arena for the banks, strings, options and rubrics, plus each
 * bank's questions array (grown with realloc while the file streams in);
 * bankset_release() frees all. */
#ifndef EXAMGEN_BANK_BANK_H
#define EXAMGEN_BANK_BANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/sha256.h"

#define MAX_OPTIONS 26		/* options are lettered A..Z */

enum qtype { Q_TRUE_FALSE, Q_SINGLE, Q_MULTIPLE, Q_SHORT, Q_ESSAY, Q_NTYPES };
enum difficulty { DIFF_NONE, DIFF_EASY, DIFF_MEDIUM, DIFF_HARD };
/* Multiple-choice scoring rule; MC_DEFAULT means "use the template's". */
enum mc_rule { MC_DEFAULT, MC_EXACT, MC_HALF, MC_PER_OPTION };

struct option {
	const char *text;
	bool fixed;		/* keeps its place when options are shuffled */
};

struct criterion {
	const char *text;
	double points;
};

struct bank;

struct question {
	const char *id;
	enum qtype type;
	const char *stem;
	struct option *options;
	size_t noptions;
	uint32_t answer;	/* single/multiple: bit i = option i is right */
	bool answer_tf;		/* true_false */
	double points;		/* explicit, default, or rubric sum */
	bool points_explicit;
	const char **tags;
	size_t ntags;
	enum difficulty difficulty;
	const char *explanation;	/* 解析 */
	const char *reference;		/* 参考答案 */
	const char **keys;		/* 高分关键 */
	size_t nkeys;
	const char **deductions;	/* 扣分项 */
	size_t ndeductions;
	struct criterion *rubric;
	size_t nrubric;
	const char *group;
	const char *source;	/* origin, informative: seed-003, original */
	const char *reviewed_by;	/* who reviewed it apart from its author */
	const char *reviewed_date;	/* YYYY-MM-DD */
	bool shuffle;		/* false: options keep their places */
	enum mc_rule scoring;
	const struct bank *bank;
	unsigned line, col;	/* where the question starts */
};

struct bank {
	const char *name;	/* `bank:` or the file name without extension */
	const char *path;
	const char *language;
	double default_points;
	struct question *questions;
	size_t nquestions;
};

struct bankset {
	struct arena arena;
	struct bank **banks;
	size_t nbanks, cap;
	/* id index: open-addressing hash of question pointers */
	const struct question **index;
	size_t index_cap, nquestions;
	/* real paths of the files loaded, so a file named twice loads once */
	char **files;
	size_t nfiles, files_cap;
	/* SHA-256 over every loaded file's bytes, in load order; not kept
	 * when no_digest is set (validate needs none) */
	struct sha256 digest;
	bool no_digest;
	/* validate: add warnings about the questions' text (lint.h) */
	bool lint;
};

/* Prepare an empty set. */
void bankset_init(struct bankset *bs);
/* Free every bank and question. */
void bankset_release(struct bankset *bs);
/* Load a bank file, or every *.yaml / *.yml in a folder sorted by name; a
 * file already loaded (same real path) is skipped.
 * Problems go to d.  Returns 0 if everything loaded cleanly, 1 if problems
 * were found (the good questions are still loaded), -1 on a system error
 * (message in d) such as a missing file. */
int bankset_load(struct bankset *bs, const char *path, struct diags *d);
/* Load the banks of paths a[0..na) and then b[0..nb) (a template's and
 * the command line's): the worst result of bankset_load, -1 if one
 * failed, else 1 if one had problems, else 0. */
int bankset_load_all(struct bankset *bs, const char *const *a, size_t na,
		     const char *const *b, size_t nb, struct diags *d);
/* Load a bank from memory (path is only used in messages). */
int bankset_load_buffer(struct bankset *bs, const char *path,
			const char *buf, size_t len, struct diags *d);
/* The question with that id, or NULL. */
const struct question *bankset_find(const struct bankset *bs, const char *id);
/* "sha256:<64 hex>" of every bank file's bytes in load order, into out
 * (only meaningful when the set was loaded without no_digest). */
const char *bankset_digest(const struct bankset *bs, char out[72]);

/* The names banks write for enums, and their parsers (-1 if unknown). */
const char *qtype_name(enum qtype t);
int qtype_parse(const char *s);
const char *difficulty_name(enum difficulty d);
int difficulty_parse(const char *s);
const char *mc_rule_name(enum mc_rule r);
int mc_rule_parse(const char *s);

#endif
