/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-store.h - the marks store of `examgen mark` (docs/marking.md): one
 * SQLite file in WAL mode, its schema versioned (PRAGMA user_version),
 * holding the answers imported from answers folders (one per candidate and
 * written question, with the crop files of its parts), the markers, which
 * marker holds which answer (assignments: slots 1 and 2 for the first
 * marks, 3 for the arbiter's) and every mark with its criterion scores,
 * marker and time.  Each mark is its own transaction, committed before the
 * server answers.  The store checks what a mark may be (assigned to that
 * marker, not marked by them yet, every criterion within its points in
 * halves) whatever the client sent. */
#ifndef EXAMGEN_MARK_MARK_STORE_H
#define EXAMGEN_MARK_MARK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "mark/mark-rule.h"
#include "paper/key.h"

#define MARK_STORE_VERSION 1
#define MARK_TOKEN_LEN 32		/* hex digits of a marker's token */
#define MARK_NAME_MAX 64		/* bytes of a marker's name, NUL in */
#define MARK_MAX_PARTS 16		/* crops of one answer */

struct sqlite3;

struct mark_store {
	struct sqlite3 *db;
	const char *path;
};

enum mark_role { MARK_ROLE_MARKER, MARK_ROLE_ARBITER };

/* A marker as the store knows them. */
struct mark_marker {
	long long id;
	char name[MARK_NAME_MAX];
	enum mark_role role;
	char token[MARK_TOKEN_LEN + 1];
	uint64_t seed;			/* of their shuffled order */
};

/* One imported answer. */
struct mark_answer {
	long long id;
	char paper[64], build[16], form[16], candidate[128];
	unsigned question;		/* printed number */
	char qid[128];			/* bank question id */
	bool blank;			/* every part blank: 0 without a marker */
	size_t nparts;
	char *files[MARK_MAX_PARTS];	/* crop paths (malloc'd) */
};

/* Open (creating when absent) the store at path; 0, or -1 with the
 * error in d. */
int mark_store_open(struct mark_store *s, const char *path,
		    struct diags *d);
/* Open an existing store read-only (grade --marks); 0 or -1. */
int mark_store_open_read(struct mark_store *s, const char *path,
			 struct diags *d);
/* Close the store. */
void mark_store_close(struct mark_store *s);

/* Import DIR/answers.csv (the answers contract) for the questions of keys:
 * the same row twice is one answer.  Adds the rows' count to *added; 0, or
 * -1 with every problem in d. */
int mark_store_import(struct mark_store *s, const char *dir,
		      struct key *const *keys, size_t nkeys, size_t *added,
		      struct diags *d);

/* The marker named name, created with role and a fresh token when absent
 * (create) — an existing marker keeps their role and token; 1 found or
 * made, 0 absent, -1 on a store error. */
int mark_store_marker(struct mark_store *s, const char *name,
		      enum mark_role role, bool create, struct mark_marker *m);
/* The marker whose token is token; 1, 0 none, -1 error. */
int mark_store_marker_by_token(struct mark_store *s, const char *token,
			       struct mark_marker *m);

/* The answer with id into a (parts' files malloc'd); 1, 0 none, -1. */
int mark_store_answer(struct mark_store *s, long long id,
		      struct mark_answer *a);
/* Free an answer's files. */
void mark_store_answer_release(struct mark_answer *a);

/* The next answer of question qid of paper for marker m into *id: their
 * unmarked assignment if they hold one, else a new one in their shuffled
 * order — a first mark (need marks per answer: 1 or 2), or with arbitrate
 * an answer awaiting the arbiter.  1 found, 0 none left, -1 error. */
int mark_store_next(struct mark_store *s, const struct mark_marker *m,
		    const char *paper, const char *qid, unsigned need,
		    bool arbitrate, long long *id);

/* Whether marker m holds answer id (dealt to them, marked or not): 1
 * yes, 0 no, -1 error. */
int mark_store_holds(struct mark_store *s, const struct mark_marker *m,
		     long long id);

/* Why a mark was refused. */
enum mark_refusal {
	MARK_OK,
	MARK_NOT_ASSIGNED,	/* the answer is not this marker's */
	MARK_ALREADY,		/* this marker has marked it */
	MARK_BAD_SCORES,	/* count, range or step of the scores */
	MARK_STORE_ERROR,
};

/* Save marker m's scores of answer id (ncrit criteria of points each,
 * halves) and the answer's state under rule (NULL: single) in one
 * transaction. */
enum mark_refusal mark_store_save(struct mark_store *s,
				  const struct mark_marker *m, long long id,
				  const double *scores, size_t ncrit,
				  const double *points,
				  const struct marking *rule);

/* Counts of question qid of paper for a progress line. */
struct mark_progress {
	unsigned answers;	/* written (not blank) answers */
	unsigned mine;		/* marked by this marker */
	unsigned marks;		/* marks given by anyone */
	unsigned arbitrate;	/* awaiting the arbiter */
	unsigned final;		/* final */
};
/* Fill p for marker m (NULL: no one); 0 or -1. */
int mark_store_progress(struct mark_store *s, const struct mark_marker *m,
			const char *paper, const char *qid,
			struct mark_progress *p);

/* One mark as read back. */
struct mark_given {
	long long answer;
	long long marker;
	char marker_name[MARK_NAME_MAX];
	unsigned slot;		/* 1, 2 first marks; 3 the arbiter's */
	double scores[MARK_MAX_CRITERIA];
	size_t nscores;
	char time[32];		/* ISO 8601 UTC */
};

/* Marker m's marks of question qid of paper, oldest first, to fn (for
 * going back); 0 or -1. */
int mark_store_history(struct mark_store *s, const struct mark_marker *m,
		       const char *paper, const char *qid,
		       int (*fn)(const struct mark_given *g, void *ctx),
		       void *ctx);

/* Every answer with its marks in slot order, to fn (a's files not
 * filled); a non-zero return of fn stops.  0, -1 store error. */
int mark_store_each(struct mark_store *s,
		    int (*fn)(const struct mark_answer *a,
			      const struct mark_given *marks, size_t nmarks,
			      void *ctx),
		    void *ctx);

/* A message for the store's last error. */
const char *mark_store_error(const struct mark_store *s);

#endif
