/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-id.c - which key grades a sheet: the sheet's paper, build and form
 * (docs/build-id.md) against the keys loaded.  A sheet of a paper or
 * build no key has is refused (reported once per file and paper/build, with
 * the number of rows); a sheet without them is graded with a warning. */
#include "grade/grade.h"
#include "base/array.h"

#include <stdlib.h>
#include <string.h>

/* Text naming the loaded keys' papers and builds (first few). */
static const char *keys_named(const struct gradebook *gb, char *buf,
			      size_t size)
{
	size_t len = 0, shown = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < gb->keys.nkeys && len < size; i++) {
		const struct key *k = gb->keys.keys[i];
		bool seen = false;
		int n;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(gb->keys.keys[j]->paper, k->paper) &&
			       (gb->keys.keys[j]->build && k->build ?
				!strcmp(gb->keys.keys[j]->build, k->build) :
				gb->keys.keys[j]->build == k->build);
		if (seen)
			continue;
		if (shown++ == 3) {
			snprintf(buf + len, size - len, ", ...");
			break;
		}
		n = snprintf(buf + len, size - len, "%spaper '%s' build '%s' "
			     "('%s')", len ? ", " : "", k->paper,
			     k->build ? k->build : "none", k->path);
		len += n > 0 ? (size_t)n : 0;
	}
	return buf;
}

/* Record a refused sheet or row; repeats of a file's paper/build only
 * count. */
static void refuse(struct gradebook *gb, struct candidate *c,
		   unsigned line, unsigned col, const char *paper,
		   const char *build)
{
	struct refusal *r;

	c->refused = true;
	gb->nrefused++;
	for (size_t i = 0; i < gb->nrefusals; i++) {
		r = &gb->refusals[i];
		if (r->file == c->file && !strcmp(r->paper, paper) &&
		    !strcmp(r->build, build)) {
			r->rows++;
			return;
		}
	}
	if (ARRAY_GROW(gb->refusals, gb->refusal_cap, gb->nrefusals + 1) < 0) {
		gradebook_oom(gb);
		return;
	}
	r = &gb->refusals[gb->nrefusals];
	r->file = c->file;
	r->line = line;
	r->col = col;
	r->paper = arena_strdup(&gb->arena, paper);
	r->build = arena_strdup(&gb->arena, build);
	r->rows = 1;
	if (!r->paper || !r->build)
		gradebook_oom(gb);
	else
		gb->nrefusals++;
}

/* Report the refusals recorded for file as errors in d. */
void gradebook_report_refusals(struct gradebook *gb, const char *file,
			       struct diags *d)
{
	char keys[512];

	for (size_t i = 0; i < gb->nrefusals; i++) {
		const struct refusal *r = &gb->refusals[i];
		char more[64] = "";

		if (r->file != file)
			continue;
		if (r->rows > 1)
			snprintf(more, sizeof(more), " (%zu rows)", r->rows);
		diags_fail(d, DIAG_REFUSED, file, r->line, r->col ? r->col : 1,
			   "sheet of paper '%s' %s%s%s%s, but the keys loaded "
			   "are %s: grade it with the key of its own paper "
			   "and build", r->paper, *r->build ? "build '" :
			   "(no build", r->build, *r->build ? "'" : ")", more,
			   keys_named(gb, keys, sizeof(keys)));
	}
}

/* Warn once per file that its sheets cannot be checked against the keys'
 * build. */
void gradebook_unchecked(struct gradebook *gb, const char *file,
			 unsigned line, const char *what)
{
	if (gb->rd.unchecked_file == file)
		return;
	gb->rd.unchecked_file = file;
	if (gb->rd.diags)
		diags_add(gb->rd.diags, DIAG_WARNING, file, line, 1, "no %s: "
			  "not checked to be of the keys' build (a hand-made "
			  "sheet?)", what);
}

/* True if some key is of paper (and, when build is given, of build). */
static bool key_known(const struct gradebook *gb, const char *paper,
		      const char *build)
{
	for (size_t i = 0; i < gb->keys.nkeys; i++) {
		const struct key *k = gb->keys.keys[i];

		if (strcmp(k->paper, paper))
			continue;
		if (!*build || !k->build || !strcmp(k->build, build))
			return true;
	}
	return false;
}

/* The key that grades candidate c, whose sheet names paper and build
 * (both "" when not given) at line:col and c->form at line:form_col; NULL
 * when there is none (a problem recorded) or the sheet is refused. */
const struct key *gradebook_sheet_key(struct gradebook *gb,
				      struct candidate *c, const char *paper,
				      const char *build, unsigned line,
				      unsigned col, unsigned form_col)
{
	const struct key *k;

	if (*paper && !key_known(gb, paper, "")) {
		refuse(gb, c, line, col, paper, build);
		return NULL;
	}
	if (!*paper && !gb->keys.one_paper) {
		candidate_problem(gb, c, line, col, 0, "no paper given, and "
				  "keys of several papers are loaded");
		return NULL;
	}
	if (!*paper)
		paper = gb->keys.one_paper;
	if (*build && !key_known(gb, paper, build)) {
		refuse(gb, c, line, col, paper, build);
		return NULL;
	}
	if (!*c->form) {
		candidate_problem(gb, c, line, form_col, 0, "missing form");
		return NULL;
	}
	k = keyset_find(&gb->keys, paper, c->form);
	if (!k) {
		candidate_problem(gb, c, line, form_col, 0, "no key for "
				  "paper '%s' form '%s'", paper, c->form);
		return NULL;
	}
	if (*build && k->build && strcmp(k->build, build)) {
		refuse(gb, c, line, col, paper, build);
		return NULL;
	}
	if (*build && !k->build && !gb->warned_old_key && gb->rd.diags) {
		gb->warned_old_key = true;
		diags_add(gb->rd.diags, DIAG_WARNING, k->path, 0, 0, "this key "
			  "has no build id (written by examgen 0.1): sheets "
			  "are not checked to be of its build");
	}
	return k;
}
