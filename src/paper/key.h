/* SPDX-License-Identifier: GPL-3.0-or-later */
/* key.h - answer keys (docs/build-id.md): written at build from a paper form,
 * read back at grading without the banks.  A key owns its arena. */
#ifndef EXAMGEN_PAPER_KEY_H
#define EXAMGEN_PAPER_KEY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bank/bank.h"
#include "base/diag.h"
#include "paper/page-layout.h"
#include "paper/paper.h"
#include "paper/sheet-layout.h"

struct key_item {
	unsigned no;			/* printed number (`number`) */
	const char *id;
	enum qtype type;
	double points;
	unsigned noptions;		/* single/multiple */
	unsigned char order[MAX_OPTIONS]; /* printed i shows bank option
					   * order[i]; all 0: not known */
	uint32_t answer;		/* single/multiple: printed letters */
	bool answer_tf;
	enum mc_rule rule;		/* multiple */
	size_t ncriteria;		/* essay rubric */
	const char **criteria;
	double *criterion_points;
	size_t section;			/* index into key->sections */
	/* short/essay: what a marker on screen sees (the guide's words) */
	const char *stem;
	const char *reference;		/* 参考答案; NULL: none */
	const char **keys;		/* 高分关键 */
	size_t nkeys;
	const char **deductions;	/* 扣分项 */
	size_t ndeductions;
};

struct key_section {
	const char *title;
	double points;
	size_t nitems;
	unsigned *nos;			/* question numbers in this section */
};

struct key {
	struct arena arena;
	const char *path;
	const char *paper;		/* template code */
	const char *build;		/* build id; NULL: a key of 0.1 */
	const char *form;		/* "A", "B", ... */
	uint64_t seed;
	const char *bank_digest;
	const char *title;
	const char *language;		/* "zh", "zh-Hant" or "en" */
	double total;
	double pass;
	struct key_section *sections;
	size_t nsections;
	struct key_item *items;		/* ordered by no; items[i].no == i+1 */
	size_t nitems;
	struct sheet_layout *layout;	/* the answer sheet; NULL: none */
	struct page_layout pages;	/* the paper's pages (QR codes and
					 * writing regions); empty: none */
	struct marking marking;		/* `marking:`; single marking when
					 * the key has none */
};

/* Write the key of one form as YAML to fp (what key_load reads), with
 * the QR codes and writing regions of its printed paper's pages when
 * pages is not NULL. */
int key_write(FILE *fp, const struct paper *p, const struct paper_form *f,
	      const struct page_layout *pages);
/* Read a key file; NULL with errors in d. */
struct key *key_load(const char *path, struct diags *d);
/* Free a key. */
void key_free(struct key *k);

#endif
