/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-grade.c - the marks store read for grading (see mark-grade.h). */
#include "mark/mark-grade.h"

#include <string.h>

#include "mark/mark-rule.h"
#include "mark/mark-store.h"

/* State of one load. */
struct load {
	struct grade_marks *m;
	struct key *const *keys;
	size_t nkeys;
	size_t unknown;		/* answers of no loaded key */
	int oom;
};

/* The key of an answer, or NULL. */
static const struct key *key_of(const struct load *L,
				const struct mark_answer *a)
{
	for (size_t i = 0; i < L->nkeys; i++) {
		const struct key *k = L->keys[i];

		if (!strcmp(k->paper, a->paper) && k->build &&
		    !strcmp(k->build, a->build) && !strcmp(k->form, a->form))
			return k;
	}
	return NULL;
}

/* Put one answer of the store into the table. */
static int one_answer(const struct mark_answer *a,
		      const struct mark_given *g, size_t n, void *ctx)
{
	struct load *L = ctx;
	const struct key *k = key_of(L, a);
	double marks[3][MARK_MAX_CRITERIA];
	const struct key_item *it;
	struct gmark_given given[3];
	struct mark_outcome out;
	struct gmark gm;
	size_t ncrit;

	if (!k || a->question < 1 || a->question > k->nitems) {
		L->unknown++;
		return 0;
	}
	it = &k->items[a->question - 1];
	ncrit = it->type == Q_ESSAY ? it->ncriteria : 1;
	memset(marks, 0, sizeof(marks));
	memset(&gm, 0, sizeof(gm));
	for (size_t i = 0; i < n && i < 3; i++) {
		memcpy(marks[i], g[i].scores, sizeof(marks[i]));
		given[i].marker = g[i].marker_name;
		given[i].slot = g[i].slot;
		given[i].time = g[i].time;
		given[i].total = 0;
		for (size_t c = 0; c < g[i].nscores; c++)
			given[i].total += g[i].scores[c];
	}
	mark_rule_final(&k->marking, ncrit,
			(const double (*)[MARK_MAX_CRITERIA])marks, n, &out);
	gm.paper = a->paper;
	gm.build = a->build;
	gm.candidate = a->candidate;
	gm.question = a->question;
	gm.qid = a->qid;
	gm.points = it->points;
	gm.given = given;
	gm.ngiven = n < 3 ? n : 3;
	if (a->blank)
		gm.state = GMARK_BLANK;
	else if (out.state == MARK_FINAL)
		gm.state = GMARK_FINAL;
	else
		gm.state = out.state == MARK_ARBITRATE ? GMARK_ARBITRATE
						       : GMARK_WAITING;
	if (k->marking.twice && !L->m->twice) {
		L->m->twice = true;
		L->m->tolerance = k->marking.tolerance;
		L->m->final = marking_final_name(k->marking.final);
	}
	if (grade_marks_add(L->m, &gm, out.scores,
			    gm.state == GMARK_FINAL ? ncrit : 0) < 0) {
		L->oom = 1;
		return 1;
	}
	return 0;
}

/* Read the store at path into m. */
int mark_grade_load(struct grade_marks *m, const char *path,
		    struct key *const *keys, size_t nkeys, struct diags *d)
{
	struct load L = { m, keys, nkeys, 0, 0 };
	struct mark_store s;
	int rc;

	if (mark_store_open_read(&s, path, d) < 0)
		return -1;
	rc = mark_store_each(&s, one_answer, &L);
	if (rc < 0)
		diags_fail(d, DIAG_SYSTEM, path, 0, 0, "cannot read the marks "
			   "store: %s", mark_store_error(&s));
	else if (L.oom)
		diags_oom(d);
	else if (L.unknown)
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "%zu answers in the "
			   "marks store are of no key loaded (paper, build or "
			   "form)", L.unknown);
	mark_store_close(&s);
	return rc < 0 || L.oom || L.unknown ? -1 : 0;
}
