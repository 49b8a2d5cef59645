/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade.h - grading: keys loaded, sheets read (YAML one candidate, CSV many),
 * each response normalised and scored, problems recorded with file and
 * line/row.  The gradebook owns an arena for candidates, responses and
 * problem texts, and owns the keyset it grades against. */
#ifndef EXAMGEN_GRADE_GRADE_H
#define EXAMGEN_GRADE_GRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "grade/read.h"
#include "paper/key.h"
#include "paper/keyset.h"

struct grade_marks;

enum resp_status {
	RESP_BLANK,		/* omitted: 0 points */
	RESP_OK,		/* read and scored */
	RESP_INVALID,		/* unreadable: flagged, 0 points */
	RESP_MISSING,		/* marker score missing: sheet incomplete */
};

struct response {
	const char *raw;	/* as written; NULL when blank */
	double earned;		/* points earned (a float lost thirds) */
	uint32_t mask;		/* choice: letters chosen; tf: 1 = true */
	uint8_t status;		/* enum resp_status */
};

struct candidate {
	const char *id;
	const char *name;
	const char *form;	/* as written on the sheet */
	const char *file;	/* sheet path ("-" for stdin) */
	unsigned line;		/* line of the CSV row / YAML sheet start */
	const struct key *key;	/* NULL: unknown paper or form */
	struct response *resp;	/* key->nitems entries (NULL without key) */
	double *section;	/* points per key section */
	double total;
	double percent;		/* 0..100 */
	bool pass;		/* total reaches the pass mark */
	bool flagged;		/* a problem names this candidate: pending */
	unsigned nproblems;	/* problems naming it, its file's header's */
	const char *notes;	/* extra columns ("备注: ..."), or NULL */
	unsigned nobjective;	/* objective answers written, doubtful not */
	unsigned nunfit;	/* of those, not a possible answer */
	bool incomplete;	/* a marker score is missing */
	bool refused;		/* of a paper or build no key has */
};

struct problem {
	const char *file;
	unsigned line, col;	/* col 0 = whole row/sheet */
	const char *candidate;	/* id, or NULL */
	unsigned question;	/* 0 = not about one question */
	const char *msg;	/* lower case, subject in single quotes */
	const char *msg_zh;	/* the same in Chinese (grade-msg.h) */
};

/* The result of a candidate (docs/grade-report.md, "Results": pending
 * whenever a problem names it, never fail because of one). */
enum cand_result { RESULT_PASS, RESULT_FAIL, RESULT_PENDING };

/* Sheets of one file refused for one paper and build. */
struct refusal {
	const char *file;
	unsigned line, col;	/* the first such sheet or row */
	const char *paper, *build;
	size_t rows;
};

/* The book of one grading run: the candidates read, the problems and
 * the refusals, graded against its keys while its reader session reads
 * one sheet file after another. */
struct gradebook {
	struct arena arena;
	struct keyset keys;		/* owned (paper/keyset.h) */
	struct read_session rd;		/* the sheet file being read */
	struct candidate *cands;
	size_t ncands, cand_cap;
	struct problem *problems;
	size_t nproblems, prob_cap;
	size_t sheets_read;		/* candidates read, flagged or not */
	size_t *id_slots;		/* id hash: candidate index + 1, 0 free */
	size_t id_cap, nids;
	struct refusal *refusals;	/* by file and paper/build */
	size_t nrefusals, refusal_cap;
	size_t nrefused;		/* sheets or rows refused */
	bool warned_old_key;		/* warned: a key without build */
	/* false: no output needs the answers (CSV summary only), so a
	 * candidate's responses and raw cells live in reused scratch
	 * space, not the arena, and c->resp is NULL once it is graded */
	bool keep_answers;
	/* when not 0: reading stops (stopped set) once this many candidates
	 * are read, for an output that cannot hold more */
	size_t max_cands;
	bool stopped;
	struct response *scratch_resp;
	size_t scratch_resp_cap;
	/* scores given on screen (grade --marks); NULL: none */
	struct grade_marks *marks;
	/* when set, called every GRADE_PROGRESS_EVERY candidates */
	void (*progress)(size_t ncands, void *ctx);
	void *progress_ctx;
};

#define GRADE_PROGRESS_EVERY 10000

/* One answer cell of a sheet as a reader hands it to grading. */
struct sheet_cell {
	const char *text;	/* NUL-terminated in gb->arena; NULL: absent */
	unsigned line, col;	/* where it is written (col 0: unknown) */
};

/* Prepare an empty gradebook. */
void gradebook_init(struct gradebook *gb);
/* Free everything, keys included. */
void gradebook_release(struct gradebook *gb);
/* Record a sheet file that holds no readable sheet (empty, binary, not
 * decodable) as one pending candidate with that problem; -1 on no
 * memory. */
int gradebook_damaged(struct gradebook *gb, const char *file, unsigned line,
		      unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Record that memory ran out while reading a file (in gb->rd.diags, which
 * the readers' callers set; nowhere without it). */
void gradebook_oom(struct gradebook *gb);
/* Record a problem (formatted message). */
void gradebook_problem(struct gradebook *gb, const char *file, unsigned line,
		       unsigned col, const char *candidate, unsigned question,
		       const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Sheet readers (read-csv.c, read-yaml.c, read-xlsx.c) grade through
 * these. */
/* Append a candidate read at file:line (id, name, form copied by the
 * caller into gb->arena); NULL on no memory.  Valid until the next call. */
struct candidate *gradebook_candidate(struct gradebook *gb, const char *file,
				      unsigned line);
/* The key that grades c, whose sheet gives paper, build ("" when not
 * given) at line:col and c->form at line:form_col (grade-id.c).  NULL: no
 * key (a problem recorded against c) or the sheet is refused
 * (c->refused). */
const struct key *gradebook_sheet_key(struct gradebook *gb,
				      struct candidate *c, const char *paper,
				      const char *build, unsigned line,
				      unsigned col, unsigned form_col);
/* Warn (once per file) that a file's sheets carry no `what` to check. */
void gradebook_unchecked(struct gradebook *gb, const char *file,
			 unsigned line, const char *what);
/* Report the sheets of file refused for their paper or build into d. */
void gradebook_report_refusals(struct gradebook *gb, const char *file,
			       struct diags *d);
/* Give c its key (NULL: flagged as having none); -1 on no memory. */
int candidate_set_key(struct gradebook *gb, struct candidate *c,
		      const struct key *k);
/* Normalise and score the answer to question no of c's key: cell is the
 * answer (or an essay's total), crit the per-criterion scores of an essay
 * (ncrit 0: none given).  Problems are recorded against c. */
void grade_answer(struct gradebook *gb, struct candidate *c, unsigned no,
		  const struct sheet_cell *cell,
		  const struct sheet_cell *crit, size_t ncrit);
/* Record a problem about candidate c (flags it). */
void candidate_problem(struct gradebook *gb, struct candidate *c,
		       unsigned line, unsigned col, unsigned question,
		       const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Totals, pass, duplicate id check and counts once c is read; -1 on no
 * memory. */
int candidate_finish(struct gradebook *gb, struct candidate *c);

/* The result of c: pending if flagged or without key, else pass/fail. */
enum cand_result candidate_result(const struct candidate *c);
/* "pass", "fail" or "pending". */
const char *cand_result_name(enum cand_result r);

#endif
