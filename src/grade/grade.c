/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade.c - the gradebook: candidates graded against its keys
 * as the sheet readers (read-csv.c, read-yaml.c, read-xlsx.c) hand over
 * their answers,
 * and every problem recorded with file, line and column.  Candidates,
 * responses, raw answers and problem texts live in the gradebook's arena;
 * the candidate, problem and id-hash arrays are malloc'd and grown. */
#include "grade/grade.h"
#include "base/array.h"
#include "base/hash.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/points.h"
#include "grade/answer.h"
#include "grade/grade-marks.h"
#include "grade/grade-msg.h"

/* Prepare an empty gradebook. */
void gradebook_init(struct gradebook *gb)
{
	memset(gb, 0, sizeof(*gb));
	arena_init(&gb->arena);
	keyset_init(&gb->keys);
	gb->keep_answers = true;
}

/* Free everything, keys included. */
void gradebook_release(struct gradebook *gb)
{
	keyset_release(&gb->keys);
	free(gb->cands);
	free(gb->problems);
	free(gb->id_slots);
	free(gb->refusals);
	free(gb->scratch_resp);
	arena_release(&gb->arena);
	memset(gb, 0, sizeof(*gb));
}

/* Record that memory ran out while reading a file. */
void gradebook_oom(struct gradebook *gb)
{
	if (gb->rd.diags)
		diags_oom(gb->rd.diags);
}

/* True once memory ran out while reading a file. */
static bool gradebook_out_of_memory(const struct gradebook *gb)
{
	return gb->rd.diags && diags_out_of_memory(gb->rd.diags);
}

/* Append a problem whose message is en, in Chinese zh (both cleaned in
 * place). */
static void problem_add_text(struct gradebook *gb, const char *file,
			     unsigned line, unsigned col,
			     const char *candidate, unsigned question,
			     char *en, char *zh)
{
	struct problem *p;

	if (ARRAY_GROW(gb->problems, gb->prob_cap, gb->nproblems + 1) < 0) {
		gradebook_oom(gb);
		return;
	}
	/* cell text may hold newlines or cut bytes */
	diag_sanitize(en);
	diag_sanitize(zh);
	p = &gb->problems[gb->nproblems];
	p->file = file;
	p->line = line;
	p->col = col;
	p->candidate = candidate;
	p->question = question;
	p->msg = arena_strdup(&gb->arena, en);
	p->msg_zh = strcmp(en, zh) ? arena_strdup(&gb->arena, zh) : p->msg;
	if (!p->msg || !p->msg_zh) {
		gradebook_oom(gb);
		return;
	}
	gb->nproblems++;
}

/* Append a problem with a formatted message. */
__attribute__((format(printf, 7, 0)))
static void problem_add(struct gradebook *gb, const char *file, unsigned line,
			unsigned col, const char *candidate, unsigned question,
			const char *fmt, va_list ap)
{
	struct gtext t;

	gtext_vset(&t, fmt, ap);
	problem_add_text(gb, file, line, col, candidate, question, t.en, t.zh);
}

/* Record a problem (formatted message). */
void gradebook_problem(struct gradebook *gb, const char *file, unsigned line,
		       unsigned col, const char *candidate, unsigned question,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_add(gb, file, line, col, candidate, question, fmt, ap);
	va_end(ap);
}

/* Record a problem about candidate c and flag it. */
void candidate_problem(struct gradebook *gb, struct candidate *c,
		       unsigned line, unsigned col, unsigned question,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	problem_add(gb, c->file, line, col, c->id, question, fmt, ap);
	va_end(ap);
	c->flagged = true;
	c->nproblems++;
}

/* The result of c. */
enum cand_result candidate_result(const struct candidate *c)
{
	if (c->flagged || !c->key)
		return RESULT_PENDING;
	return c->pass ? RESULT_PASS : RESULT_FAIL;
}

/* Name of a result in CSV and JSON. */
const char *cand_result_name(enum cand_result r)
{
	return r == RESULT_PASS ? "pass" : r == RESULT_FAIL ? "fail"
							     : "pending";
}

/* Append a zeroed candidate read at file:line. */
struct candidate *gradebook_candidate(struct gradebook *gb, const char *file,
				      unsigned line)
{
	struct candidate *c;

	if (ARRAY_GROW(gb->cands, gb->cand_cap, gb->ncands + 1) < 0) {
		gradebook_oom(gb);
		return NULL;
	}
	c = &gb->cands[gb->ncands++];
	gb->stopped |= gb->max_cands && gb->ncands >= gb->max_cands;
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->line = line;
	c->id = "";
	c->name = "";
	c->form = "";
	return c;
}

/* Give c its key and response slots; no key is a flagged problem. */
int candidate_set_key(struct gradebook *gb, struct candidate *c,
		      const struct key *k)
{
	c->key = k;
	if (!k)
		return 0;
	if (gb->keep_answers) {
		c->resp = arena_calloc(&gb->arena, k->nitems,
				       sizeof(*c->resp));
	} else {
		if (k->nitems > gb->scratch_resp_cap) {
			free(gb->scratch_resp);
			gb->scratch_resp = malloc(k->nitems *
						  sizeof(*gb->scratch_resp));
			gb->scratch_resp_cap = gb->scratch_resp ? k->nitems
								: 0;
		}
		c->resp = gb->scratch_resp;
		if (c->resp)
			memset(c->resp, 0, k->nitems * sizeof(*c->resp));
	}
	c->section = arena_calloc(&gb->arena, k->nsections ? k->nsections : 1,
				  sizeof(*c->section));
	if (!c->resp || !c->section) {
		gradebook_oom(gb);
		c->key = NULL;
		return -1;
	}
	return 0;
}

/* Points of a multiple-choice answer under the item's rule. */
static double score_multiple(const struct key_item *it, uint32_t mask)
{
	unsigned right = mask_count(mask & it->answer);
	unsigned wrong = mask_count(mask & ~it->answer);
	unsigned all = mask_count(it->answer);

	if (mask == it->answer)
		return it->points;
	switch (it->rule) {
	case MC_HALF:
		return right && !wrong ? it->points / 2 : 0;
	case MC_PER_OPTION:
		return right > wrong && all ?
		       it->points * (double)(right - wrong) / all : 0;
	case MC_DEFAULT:
	case MC_EXACT:
		break;
	}
	return 0;
}

/* Record "question no: why" about c at cell, in both languages. */
static void question_problem(struct gradebook *gb, struct candidate *c,
			     const struct sheet_cell *cell, unsigned no,
			     const struct gtext *why)
{
	char en[GTEXT_MAX + 32], zh[GTEXT_MAX + 32];

	snprintf(en, sizeof(en), "question %u: %s", no, why->en);
	snprintf(zh, sizeof(zh), gmsg_zh("question %u: %s"), no, why->zh);
	problem_add_text(gb, c->file, cell->line, cell->col, c->id, no, en,
			 zh);
	c->flagged = true;
	c->nproblems++;
}

/* Mark r invalid (0 points) with a problem at the cell. */
static void resp_invalid(struct gradebook *gb, struct candidate *c,
			 struct response *r, const struct sheet_cell *cell,
			 unsigned no, const struct gtext *why)
{
	r->status = RESP_INVALID;
	r->earned = 0;
	question_problem(gb, c, cell, no, why);
}

/* Mark r missing a marker score: the sheet is incomplete. */
static void resp_missing(struct gradebook *gb, struct candidate *c,
			 struct response *r, const struct sheet_cell *cell,
			 unsigned no, size_t criterion)
{
	r->status = RESP_MISSING;
	c->incomplete = true;
	if (criterion)
		candidate_problem(gb, c, cell->line, cell->col, no,
				  "missing marker score for criterion %zu of "
				  "question %u", criterion, no);
	else
		candidate_problem(gb, c, cell->line, cell->col, no,
				  "missing marker score for question %u", no);
}

static bool doubtful_mark(struct gradebook *gb, struct candidate *c,
			  struct response *r, const struct sheet_cell *cell,
			  unsigned no);

/* Score an essay from its per-criterion scores (some given). */
static void grade_criteria(struct gradebook *gb, struct candidate *c,
			   const struct key_item *it, struct response *r,
			   const struct sheet_cell *cell,
			   const struct sheet_cell *crit, size_t ncrit)
{
	size_t len = 0, missing = 0;
	double sum = 0, total;
	bool bad = false;
	struct gtext why;
	char *raw;

	if (ncrit != it->ncriteria) {
		gtext_set(&why, "%zu criterion scores given for %zu criteria",
			  ncrit, it->ncriteria);
		resp_invalid(gb, c, r, &crit[0], it->no, &why);
		return;
	}
	for (size_t i = 0; i < ncrit; i++)
		len += (crit[i].text ? strlen(crit[i].text) : 0) + 2;
	if (!(raw = arena_alloc(&gb->arena, len + 1))) {
		gradebook_oom(gb);
		return;
	}
	r->raw = raw;
	for (size_t i = 0; i < ncrit; i++) {
		const char *s = crit[i].text ? crit[i].text : "";
		double v = 0;

		raw += sprintf(raw, "%s%s", i ? ", " : "", s);
		if (doubtful_mark(gb, c, r, &crit[i], it->no)) {
			bad = true;
			continue;
		}
		switch (answer_parse_score(s, it->criterion_points[i], &v,
					   &why)) {
		case ANSWER_OK:
			sum += v;
			break;
		case ANSWER_BLANK:
			if (!missing)
				missing = i + 1;
			break;
		case ANSWER_INVALID:
			if (answer_parse_score(s, HUGE_VAL, &v, NULL) ==
			    ANSWER_OK) {
				char num[FORMAT_NUMBER_MAX];

				gtext_set(&why, "score '%s' is more than the "
					  "%s points of criterion %zu", s,
					  format_number(it->criterion_points[i],
							num), i + 1);
			}
			question_problem(gb, c, &crit[i], it->no, &why);
			bad = true;
			break;
		}
	}
	if (bad) {
		r->status = RESP_INVALID;
		return;
	}
	r->earned = sum;
	if (missing) {
		resp_missing(gb, c, r, &crit[missing - 1], it->no, missing);
		return;
	}
	r->status = RESP_OK;
	if (cell && cell->text &&
	    answer_parse_score(cell->text, it->points, &total, NULL) ==
	    ANSWER_OK &&
	    !points_eq(total, sum)) {
		char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];

		candidate_problem(gb, c, cell->line, cell->col, it->no,
				  "question %u: marker total %s does not "
				  "match the criteria sum %s (the sum counts)",
				  it->no, format_number(total, a),
				  format_number(sum, b));
	}
}

/* True if every criterion cell is absent or blank. */
static bool criteria_blank(const struct sheet_cell *crit, size_t ncrit)
{
	for (size_t i = 0; i < ncrit; i++) {
		const char *s = crit[i].text;

		if (s && s[strspn(s, " \t\r\n")])
			return false;
	}
	return true;
}

/* True if s holds a '?' or U+FFFD that a lossy save may have left. */
static bool lost_character(const char *s)
{
	return strchr(s, '?') || strstr(s, "\xEF\xBF\xBD");
}

/* A cell beginning with '?' is a mark scan could not decide
 * (docs/scan.md): a flagged problem, never scored as read.  True if cell
 * is one. */
static bool doubtful_mark(struct gradebook *gb, struct candidate *c,
			  struct response *r, const struct sheet_cell *cell,
			  unsigned no)
{
	const char *s = cell->text ? cell->text : "";
	const char *rest;

	s += strspn(s, " \t\r\n");
	if (*s == '?')
		rest = s + 1;
	else if (!strncmp(s, "\xEF\xBC\x9F", 3))	/* full-width ？ */
		rest = s + 3;
	else
		return false;
	rest += strspn(rest, " \t\r\n");
	r->status = RESP_INVALID;
	r->earned = 0;
	r->mask = 0;
	if (*rest && !lost_character(rest))
		candidate_problem(gb, c, cell->line, cell->col, no,
				  "question %u: mark not decided by scan "
				  "(likely '%s'): check the sheet and write "
				  "the answer", no, rest);
	else
		candidate_problem(gb, c, cell->line, cell->col, no,
				  "question %u: '%s' is a mark scan could not "
				  "decide, or characters lost when the file "
				  "was saved in another encoding (save it as "
				  "UTF-8): check the sheet", no, s);
	return true;
}

/* The sheet's own score of the question: its total or the sum of its
 * criterion scores; false when the sheet gives none (or none readable). */
static bool sheet_score(const struct key_item *it,
			const struct sheet_cell *cell,
			const struct sheet_cell *crit, size_t ncrit,
			double *v)
{
	bool any = false;

	*v = 0;
	for (size_t k = 0; k < ncrit && k < it->ncriteria; k++) {
		double x;

		if (crit[k].text && answer_parse_score(crit[k].text,
						       it->criterion_points[k],
						       &x, NULL) == ANSWER_OK) {
			*v += x;
			any = true;
		}
	}
	if (any)
		return true;
	return cell && cell->text &&
	       answer_parse_score(cell->text, it->points, v, NULL) ==
	       ANSWER_OK;
}

/* Add note to c's notes ("; " between). */
static void add_note(struct gradebook *gb, struct candidate *c,
		     const char *note)
{
	const char *n = c->notes ? arena_printf(&gb->arena, "%s; %s",
						c->notes, note)
				 : arena_strdup(&gb->arena, note);

	if (!n)
		gradebook_oom(gb);
	else
		c->notes = n;
}

/* Score written question no of c from the scores given on screen when
 * the marks store has its answer (grade-marks.h): true if it did. */
static bool grade_from_marks(struct gradebook *gb, struct candidate *c,
			     unsigned no, const struct sheet_cell *cell,
			     const struct sheet_cell *crit, size_t ncrit)
{
	const struct key_item *it = &c->key->items[no - 1];
	struct response *r = &c->resp[no - 1];
	char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX], note[96];
	struct gmark *g;
	bool on_sheet;
	double v;

	if (!gb->marks || !c->key->build || !c->id ||
	    !(g = grade_marks_find(gb->marks, c->key->paper, c->key->build,
				   c->id, no)))
		return false;
	g->used = true;
	on_sheet = sheet_score(it, cell, crit, ncrit, &v);
	r->mask = 0;
	switch (g->state) {
	case GMARK_WAITING:
	case GMARK_ARBITRATE:
		r->status = RESP_MISSING;
		r->raw = NULL;
		r->earned = 0;
		c->incomplete = true;
		candidate_problem(gb, c, cell ? cell->line : c->line, 0, no,
				  "question %u awaits %s in '%s' (%u given)",
				  no, g->state == GMARK_ARBITRATE ?
				  "the arbiter's mark" : "marks",
				  gb->marks->path, (unsigned)g->ngiven);
		return true;
	case GMARK_BLANK:
	case GMARK_FINAL:
		break;
	}
	if (on_sheet && !points_eq(v, g->total)) {
		r->status = RESP_INVALID;
		r->raw = NULL;
		r->earned = 0;
		candidate_problem(gb, c, cell ? cell->line : c->line,
				  cell ? cell->col : 0, no, "question %u is "
				  "scored %s on the sheet and %s in '%s'", no,
				  format_number(v, a), format_number(g->total, b),
				  gb->marks->path);
		return true;
	}
	r->earned = g->total;
	if (g->state == GMARK_BLANK) {
		r->status = RESP_BLANK;
		r->raw = NULL;
		snprintf(note, sizeof(note), "question %u: nothing written, "
			 "0 without a marker", no);
		add_note(gb, c, note);
		return true;
	}
	r->status = RESP_OK;
	if (!(r->raw = arena_strdup(&gb->arena, format_number(g->total, a))))
		gradebook_oom(gb);
	return true;
}

/* Normalise and score one answer of c. */
void grade_answer(struct gradebook *gb, struct candidate *c, unsigned no,
		  const struct sheet_cell *cell,
		  const struct sheet_cell *crit, size_t ncrit)
{
	const struct key_item *it = &c->key->items[no - 1];
	struct response *r = &c->resp[no - 1];
	struct sheet_cell none = { NULL, c->line, 0 };
	enum answer_result ar = ANSWER_BLANK;
	const char *s;
	double v = 0;
	struct gtext why;
	bool tf;

	if (!cell)
		cell = &none;
	s = cell->text ? cell->text : "";
	if ((it->type == Q_ESSAY || it->type == Q_SHORT) &&
	    grade_from_marks(gb, c, no, cell, crit, ncrit))
		return;
	if (it->type == Q_ESSAY && ncrit && !criteria_blank(crit, ncrit)) {
		grade_criteria(gb, c, it, r, cell, crit, ncrit);
		return;
	}
	r->raw = cell->text;
	if (doubtful_mark(gb, c, r, cell, no))
		return;
	switch (it->type) {
	case Q_TRUE_FALSE:
		ar = answer_parse_tf(s, &tf, &why);
		if (ar == ANSWER_OK) {
			r->mask = tf;
			r->earned = tf == it->answer_tf ? it->points : 0;
		}
		break;
	case Q_SINGLE:
	case Q_MULTIPLE:
		ar = answer_parse_choice(s, it->noptions, &r->mask, &why);
		if (ar == ANSWER_OK && it->type == Q_SINGLE &&
		    mask_count(r->mask) > 1) {
			gtext_set(&why, "several answers '%s' to a "
				  "single-choice question", s);
			ar = ANSWER_INVALID;
		}
		if (ar == ANSWER_OK)
			r->earned = (it->type == Q_SINGLE ?
				    (r->mask == it->answer ? it->points : 0) :
				    score_multiple(it, r->mask));
		break;
	case Q_SHORT:
	case Q_ESSAY:
	case Q_NTYPES:
		ar = answer_parse_score(s, it->points, &v, &why);
		if (ar == ANSWER_BLANK) {
			r->raw = NULL;
			resp_missing(gb, c, r, cell, no, 0);
			return;
		}
		r->earned = v;
		break;
	}
	switch (ar) {
	case ANSWER_OK:
		r->status = RESP_OK;
		break;
	case ANSWER_BLANK:
		r->status = RESP_BLANK;
		r->raw = NULL;
		r->mask = 0;
		break;
	case ANSWER_INVALID:
		r->mask = 0;
		if (lost_character(s))
			gtext_add(&why, "; its '?' may be a character lost "
				  "when the file was saved in another encoding "
				  "(save it as UTF-8)");
		resp_invalid(gb, c, r, cell, no, &why);
		break;
	}
	if (it->type == Q_TRUE_FALSE || it->type == Q_SINGLE ||
	    it->type == Q_MULTIPLE) {
		c->nobjective += ar != ANSWER_BLANK;
		c->nunfit += ar == ANSWER_INVALID;
	}
}

/* Double the id hash table. */
static int id_grow(struct gradebook *gb)
{
	size_t cap = gb->id_cap ? gb->id_cap * 2 : 1024;
	size_t *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (size_t i = 0; i < gb->id_cap; i++) {
		size_t j, v = gb->id_slots[i];

		if (!v)
			continue;
		j = hash_key(gb->cands[v - 1].id) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = v;
	}
	free(gb->id_slots);
	gb->id_slots = slots;
	gb->id_cap = cap;
	return 0;
}

/* Flag c and the first candidate with the same id, if any; else index c. */
static int check_duplicate(struct gradebook *gb, struct candidate *c)
{
	size_t j, idx = (size_t)(c - gb->cands);

	if (!*c->id)
		return 0;
	if (gb->nids * 2 >= gb->id_cap && id_grow(gb))
		return -1;
	j = hash_key(c->id) & (gb->id_cap - 1);
	for (; gb->id_slots[j]; j = (j + 1) & (gb->id_cap - 1)) {
		struct candidate *o = &gb->cands[gb->id_slots[j] - 1];

		if (strcmp(o->id, c->id))
			continue;
		candidate_problem(gb, c, c->line, 0, 0, "duplicate candidate "
				  "id '%s' (also at %s:%u)", c->id, o->file,
				  o->line);
		candidate_problem(gb, o, o->line, 0, 0, "duplicate candidate "
				  "id '%s' (again at %s:%u)", o->id, c->file,
				  c->line);
		return 0;
	}
	gb->id_slots[j] = idx + 1;
	gb->nids++;
	return 0;
}

/* True if c, graded, has questions and left every one blank: a no-show
 * is never graded 0 and counted silently. */
static bool candidate_no_show(const struct candidate *c)
{
	if (!c->key->nitems)
		return false;
	for (size_t i = 0; i < c->key->nitems; i++)
		if (c->resp[i].status != RESP_BLANK)
			return false;
	return true;
}

/* Totals, pass mark, duplicate check and progress once c is read. */
int candidate_finish(struct gradebook *gb, struct candidate *c)
{
	const struct key *k = c->key;

	if (!*c->id)
		candidate_problem(gb, c, c->line, 0, 0, "missing candidate id");
	if (k && c->nobjective >= 4 && c->nunfit * 2 > c->nobjective)
		candidate_problem(gb, c, c->line, 0, 0, "%u of the %u answers "
				  "to objective questions are not possible "
				  "answers on paper '%s' form '%s': is this a "
				  "sheet of another paper?", c->nunfit,
				  c->nobjective, k->paper, k->form);
	if (k && candidate_no_show(c))
		candidate_problem(gb, c, c->line, 0, 0, "every answer is blank "
				  "(an absent candidate?): pending and left "
				  "out of the statistics; delete the row if "
				  "the candidate did not sit");
	if (k) {
		for (size_t i = 0; i < k->nitems; i++) {
			c->section[k->items[i].section] += c->resp[i].earned;
			c->total += c->resp[i].earned;
		}
		c->percent = k->total > 0 ? c->total / k->total * 100 : 0;
		c->pass = c->total >= k->pass || points_eq(c->total, k->pass);
	}
	if (!gb->keep_answers)
		c->resp = NULL;	/* scratch: the next candidate's */
	if (check_duplicate(gb, c)) {
		gradebook_oom(gb);
		return -1;
	}
	gb->sheets_read++;
	if (gb->progress && gb->sheets_read % GRADE_PROGRESS_EVERY == 0)
		gb->progress(gb->sheets_read, gb->progress_ctx);
	return gradebook_out_of_memory(gb) ? -1 : 0;
}

/* Record a sheet file that holds no readable sheet as one pending
 * candidate with the problem, so it is in every output; -1 on no memory. */
int gradebook_damaged(struct gradebook *gb, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
{
	struct candidate *c = gradebook_candidate(gb, file, line ? line : 1);
	va_list ap;

	if (!c)
		return -1;
	va_start(ap, fmt);
	problem_add(gb, file, line, col, NULL, 0, fmt, ap);
	va_end(ap);
	c->flagged = true;
	c->nproblems++;
	gb->sheets_read++;
	return gradebook_out_of_memory(gb) ? -1 : 0;
}

