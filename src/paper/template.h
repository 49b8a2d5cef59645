/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.h - paper templates (docs/bank-format.md, section 4) and their
 * loader.  A template owns its arena; template_free() releases everything. */
#ifndef EXAMGEN_PAPER_TEMPLATE_H
#define EXAMGEN_PAPER_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "bank/bank.h"
#include "base/arena.h"
#include "base/diag.h"

/* Most ruled answer lines a template may ask for under a question. */
#define MAX_ANSWER_LINES 60
/* Largest template file read. */
#define TEMPLATE_MAX_BYTES ((size_t)16 * 1024 * 1024)

struct pick {
	int type;			/* enum qtype, or -1 for any */
	const char **tags;		/* all must match */
	size_t ntags;
	const char **any_tags;		/* at least one must match */
	size_t nany_tags;
	int difficulty;			/* enum difficulty, or -1 for any */
	const char *bank;		/* bank name, or NULL */
	const char **ids;		/* named questions, or NULL */
	size_t nids;
	unsigned count;
	double points;			/* < 0: the bank's points */
	int lines;			/* ruled answer lines of its written
					 * questions; < 0: by their points */
	unsigned line, col;
};

struct tsection {
	const char *title;
	const char *instructions;
	struct pick *picks;
	size_t npicks;
	int lines;			/* default of its picks' 'lines' */
	unsigned line, col;
};

enum forms_vary { VARY_ORDER, VARY_QUESTIONS };

/* What makes the final score of a doubly marked answer (docs/marking.md):
 * the mean of the two marks, or of the third and the nearer one, and the
 * arbiter's otherwise; or the arbiter's whenever a third mark was needed. */
enum marking_final { MARKING_MEAN, MARKING_ARBITER };

/* How essays and short answers are marked on screen: `marking:`. */
struct marking {
	bool twice;			/* double: each answer by two markers */
	double tolerance;		/* points (whole or half) two marks may
					 * differ by and stand */
	enum marking_final final;
};

/* Name of a final rule ("mean", "arbiter"). */
const char *marking_final_name(enum marking_final f);
/* The rule named s, or -1. */
int marking_final_parse(const char *s);

struct template {
	struct arena arena;
	const char *path;
	const char *code;
	char digest[72];		/* "sha256:..." of the template's bytes */
	const char *title;
	const char *language;		/* "zh-Hans", "zh-Hant" or "en" */
	unsigned duration;		/* minutes; 0 = not given */
	const char **banks;		/* resolved against the template's folder */
	size_t nbanks;
	double total;			/* < 0: not asserted */
	double pass_value;		/* points, or percent if pass_percent */
	bool pass_percent;
	bool has_pass;
	unsigned forms;			/* >= 1 */
	enum forms_vary vary;
	bool shuffle_questions, shuffle_options;
	enum mc_rule multiple_rule;	/* default for multiple choice */
	bool has_marking;		/* `marking:` given */
	struct marking marking;
	struct tsection *sections;
	size_t nsections;
	unsigned total_line, total_col;
};

/* Load and check a template's own shape.  Returns a template (even with
 * problems, so they can all be reported) or NULL on a system error; problems
 * go to d and set *bad. */
struct template *template_load(const char *path, struct diags *d, bool *bad);
/* The same from memory: path names the template in messages and is the
 * base of its relative 'banks:' paths. */
struct template *template_load_buffer(const char *path, const char *buf,
				      size_t len, struct diags *d, bool *bad);
/* Free a template. */
void template_free(struct template *t);
/* Check the template against loaded banks: filter values that match no
 * question, pools smaller than count (groups counted once), total.  Returns
 * 0 if fine, 1 if problems were added to d. */
int template_check(const struct template *t, const struct bankset *bs,
		   struct diags *d);
/* True if question q passes pick p's filters. */
bool pick_matches(const struct pick *p, const struct question *q);
/* Refuse (DIAG_REFUSED, at the template's sections) a paper of forms forms
 * over the limits of paper.h; 0 if within them, else 1. */
int template_check_limits(const struct template *t, unsigned forms,
			  struct diags *d);
/* How many questions pick p can draw from the banks, a group counted once
 * (its pool); -1 when out of memory. */
long template_check_pool(const struct pick *p, const struct bankset *bs);
/* Check the 'total' t asserts against total, what its sections add up to
 * (section s: points[s]): 0, or -1 after an error naming each section's
 * points.  No 'total' asserted: 0. */
int template_check_total(const struct template *t, double total,
			 const double *points, struct diags *d);
/* Pass mark in points for a paper of total points. */
double template_pass_points(const struct template *t, double total);

#endif
