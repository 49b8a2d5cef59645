/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.h - the item history a bank carries: one CSV row per question
 * and administration (date, paper, build, forms, question id, type,
 * points, candidates counted, exposure, difficulty p, discrimination D,
 * item-rest r), which `grade --history` appends to and `validate --stats
 * --history` reads; and the questions whose statistics drift from their
 * past or go bad.  The struct history owns its rows' text (an arena). */
#ifndef EXAMGEN_BANK_HISTORY_H
#define EXAMGEN_BANK_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"

/* The header of a history file, its columns in this order. */
#define HISTORY_HEADER "date,paper,build,forms,item,type,points,n," \
		       "exposure,p,discrimination,item_rest_r"

/* Drift of p that flags a question: a two-proportion z beyond this
 * (two-sided 1%), the latest administration against the earlier ones. */
#define HISTORY_DRIFT_Z 2.576
/* A drop of the item-rest r beyond this Fisher z (one-sided 5%) with r
 * ending under HISTORY_R_LOW goes bad. */
#define HISTORY_BAD_Z 1.645
/* No alarm on an administration of fewer candidates (the Items sheet
 * flags nothing under 10 either). */
#define HISTORY_MIN_N 10
/* An item-rest r under this (the Items flag) goes bad. */
#define HISTORY_R_LOW 0.20

/* One question in one administration. */
struct history_row {
	const char *date, *paper, *build, *forms, *item, *type;
	double points, p, disc, r;
	bool has_disc, has_r;
	size_t n, exposure;
	unsigned line;			/* in the file, 0 if new */
};

struct history {
	struct history_row *rows;
	size_t n, cap;
	struct arena text;		/* the rows' strings */
};

/* Prepare an empty history. */
void history_init(struct history *h);
/* Free what h holds. */
void history_release(struct history *h);
/* Read the history file path into h (appending its rows); every problem
 * goes to d with its line.  0, or -1 when the file cannot be read or has
 * problems. */
int history_read(struct history *h, const char *path, struct diags *d);
/* Add a copy of row r to h; 0, or -1 when out of memory. */
int history_add(struct history *h, const struct history_row *r);
/* Write h as a history file (header and rows) to fp; -1 on a write
 * error. */
int history_write(FILE *fp, const struct history *h);
/* Print, per question of h, its administrations, candidates, exposure,
 * p, D and r over time, and what drifts or went bad; -1 when out of
 * memory. */
int history_report(FILE *fp, const struct history *h);

#endif
