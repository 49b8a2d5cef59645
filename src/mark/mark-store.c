/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-store.c - the marks store in SQLite (see mark-store.h). */
#include "mark/mark-store.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "base/csv.h"
#include "base/fileio.h"
#include "base/points.h"

#define ANSWERS_CSV_MAX ((size_t)256 * 1024 * 1024)
#define SCORES_TEXT_MAX (MARK_MAX_CRITERIA * (FORMAT_NUMBER_MAX + 1))

/* The schema of version MARK_STORE_VERSION. */
static const char schema[] =
	"CREATE TABLE answers(id INTEGER PRIMARY KEY, paper TEXT NOT NULL,"
	" build TEXT NOT NULL, form TEXT NOT NULL,"
	" candidate_id TEXT NOT NULL, name TEXT NOT NULL,"
	" question INTEGER NOT NULL, qid TEXT NOT NULL,"
	" blank INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(paper, build, candidate_id, question));"
	"CREATE INDEX answers_by_question ON answers(paper, qid, state);"
	"CREATE TABLE parts(answer INTEGER NOT NULL REFERENCES answers(id),"
	" part INTEGER NOT NULL, page INTEGER NOT NULL, file TEXT NOT NULL,"
	" blank INTEGER NOT NULL, PRIMARY KEY(answer, part));"
	"CREATE TABLE markers(id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" role TEXT NOT NULL CHECK(role IN ('marker', 'arbiter')),"
	" token TEXT NOT NULL UNIQUE, seed INTEGER NOT NULL);"
	"CREATE TABLE assignments(answer INTEGER NOT NULL REFERENCES answers(id),"
	" marker INTEGER NOT NULL REFERENCES markers(id),"
	" slot INTEGER NOT NULL CHECK(slot BETWEEN 1 AND 3),"
	" time TEXT NOT NULL, PRIMARY KEY(answer, slot),"
	" UNIQUE(answer, marker));"
	"CREATE TABLE marks(id INTEGER PRIMARY KEY,"
	" answer INTEGER NOT NULL REFERENCES answers(id),"
	" marker INTEGER NOT NULL REFERENCES markers(id),"
	" slot INTEGER NOT NULL, scores TEXT NOT NULL, total REAL NOT NULL,"
	" time TEXT NOT NULL, UNIQUE(answer, marker), UNIQUE(answer, slot));"
	"PRAGMA user_version = 1;";

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* The store's last error message. */
const char *mark_store_error(const struct mark_store *s)
{
	return s->db ? sqlite3_errmsg(s->db) : "cannot open the store";
}

/* A 64-bit mix of seed and id (splitmix64): a marker's shuffled order. */
static void sql_mix(sqlite3_context *cx, int n, sqlite3_value **v)
{
	uint64_t z = (uint64_t)sqlite3_value_int64(v[0]) +
		     (uint64_t)sqlite3_value_int64(v[1]) *
		     UINT64_C(0x9e3779b97f4a7c15);

	(void)n;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	sqlite3_result_int64(cx, (sqlite3_int64)(z >> 1));
}

/* Run sql (no results); 0 or -1. */
static int exec(struct mark_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
									: -1;
}

/* Report the store's error at its path into d. */
static void store_fail(struct mark_store *s, struct diags *d,
		       const char *what)
{
	diags_fail(d, DIAG_SYSTEM, s->path, 0, 0, "%s: %s", what,
		   mark_store_error(s));
}

/* Open path with flags, check or create the schema; 0 or -1. */
static int store_open(struct mark_store *s, const char *path, int flags,
		      struct diags *d)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	s->path = path;
	s->db = NULL;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "cannot open the marks "
			   "store: %s", mark_store_error(s));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_create_function(s->db, "mark_mix", 2,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_mix, NULL, NULL);
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "not a marks store: %s",
			   mark_store_error(s));
		goto fail;
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (version > MARK_STORE_VERSION) {
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "marks store of version "
			   "%d is newer than this examgen reads (%d)", version,
			   MARK_STORE_VERSION);
		goto fail;
	}
	if (version == 0 && (flags & SQLITE_OPEN_READONLY)) {
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "not a marks store "
			   "(no schema)");
		goto fail;
	}
	if (flags & SQLITE_OPEN_READONLY)
		return 0;
	if (exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		 "PRAGMA foreign_keys = ON;") < 0) {
		store_fail(s, d, "cannot set up the marks store");
		goto fail;
	}
	if (version == 0 && (exec(s, "BEGIN IMMEDIATE") < 0 ||
			     exec(s, schema) < 0 || exec(s, "COMMIT") < 0)) {
		store_fail(s, d, "cannot create the marks store");
		exec(s, "ROLLBACK");
		goto fail;
	}
	return 0;
fail:
	sqlite3_finalize(st);
	sqlite3_close(s->db);
	s->db = NULL;
	return -1;
}

/* Open (creating) the store at path. */
int mark_store_open(struct mark_store *s, const char *path, struct diags *d)
{
	return store_open(s, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			  d);
}

/* Open an existing store read-only. */
int mark_store_open_read(struct mark_store *s, const char *path,
			 struct diags *d)
{
	if (!fileio_exists(path)) {
		diags_fail(d, DIAG_REFUSED, path, 0, 0, "no such marks store");
		return -1;
	}
	return store_open(s, path, SQLITE_OPEN_READONLY, d);
}

/* Close the store. */
void mark_store_close(struct mark_store *s)
{
	sqlite3_close(s->db);
	s->db = NULL;
}

/* The columns of DIR/answers.csv, in order (CONTRACT-answers.md). */
static const char *const answer_columns[] = {
	"paper", "build", "form", "candidate_id", "name", "question", "part",
	"page", "file", "blank"
};
#define NCOLUMNS (sizeof(answer_columns) / sizeof(answer_columns[0]))

/* A whole number in 1..max from s, or 0. */
static unsigned small_number(const char *s, unsigned max)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	return errno || *end || v > max ? 0 : (unsigned)v;
}

/* The key of paper, build and form among keys, or NULL. */
static const struct key *find_key(struct key *const *keys, size_t nkeys,
				  const char *paper, const char *build,
				  const char *form)
{
	for (size_t i = 0; i < nkeys; i++)
		if (!strcmp(keys[i]->paper, paper) && keys[i]->build &&
		    !strcmp(keys[i]->build, build) &&
		    !strcmp(keys[i]->form, form))
			return keys[i];
	return NULL;
}

/* State of one import. */
struct import {
	struct mark_store *s;
	const char *csv;		/* DIR/answers.csv */
	char *root;			/* realpath of DIR, '/' added */
	struct diags *d;
	sqlite3_stmt *ins_answer, *ins_part, *blank;
	size_t bad;
};

/* Report a problem at row line, column col of the manifest. */
static void import_error(struct import *im, unsigned line, unsigned col,
			 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void import_error(struct import *im, unsigned line, unsigned col,
			 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vfail(im->d, DIAG_REFUSED, im->csv, line, col, fmt, ap);
	va_end(ap);
	im->bad++;
}

/* The real path of file (relative to DIR) if it stays inside DIR, else
 * NULL (malloc'd). */
static char *inside_root(struct import *im, const char *file)
{
	char *joined, *real;

	if (file[0] == '/' || strstr(file, ".."))
		return NULL;
	joined = fileio_join(im->root, file);
	real = joined ? realpath(joined, NULL) : NULL;
	free(joined);
	if (real && strncmp(real, im->root, strlen(im->root))) {
		free(real);
		return NULL;
	}
	return real;
}

/* Column number (1-based) of field i of row: its place in the line. */
static unsigned col_of(size_t i)
{
	return (unsigned)i + 1;
}

/* Import one manifest row; -1 on a store error. */
static int import_row(struct import *im, const struct csv_row *row,
		      struct key *const *keys, size_t nkeys, size_t *added)
{
	char **f = row->fields;
	const struct key *k;
	unsigned no, part, page;
	char *file = NULL;
	bool blank;
	int rc = -1;

	if (row->n != NCOLUMNS) {
		import_error(im, row->line, 0, "a row of %zu fields, not %zu",
			     row->n, NCOLUMNS);
		return 0;
	}
	if (!(k = find_key(keys, nkeys, f[0], f[1], f[2]))) {
		import_error(im, row->line, 1, "no key loaded for paper '%s' "
			     "build '%s' form '%s'", f[0], f[1], f[2]);
		return 0;
	}
	no = small_number(f[5], (unsigned)k->nitems);
	if (!no || (k->items[no - 1].type != Q_ESSAY &&
		    k->items[no - 1].type != Q_SHORT)) {
		import_error(im, row->line, col_of(5), "question '%s' is not "
			     "a written question of the key", f[5]);
		return 0;
	}
	part = small_number(f[6], MARK_MAX_PARTS);
	page = small_number(f[7], 100000);
	if (!part || !page) {
		import_error(im, row->line, col_of(part ? 7 : 6), "'%s' must "
			     "be a whole number from 1", part ? f[7] : f[6]);
		return 0;
	}
	if (strcmp(f[9], "0") && strcmp(f[9], "1")) {
		import_error(im, row->line, col_of(9), "'blank' must be 0 or 1, "
			     "not '%s'", f[9]);
		return 0;
	}
	blank = f[9][0] == '1';
	if (!f[3][0]) {
		import_error(im, row->line, col_of(3), "a row without "
			     "'candidate_id'");
		return 0;
	}
	if (!(file = inside_root(im, f[8]))) {
		import_error(im, row->line, col_of(8), "crop '%s' is missing "
			     "or outside the answers folder", f[8]);
		return 0;
	}
	sqlite3_reset(im->ins_answer);
	sqlite3_bind_text(im->ins_answer, 1, f[0], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_answer, 2, f[1], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_answer, 3, f[2], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_answer, 4, f[3], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_answer, 5, f[4], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(im->ins_answer, 6, (int)no);
	sqlite3_bind_text(im->ins_answer, 7, k->items[no - 1].id, -1,
			  SQLITE_STATIC);
	sqlite3_bind_int(im->ins_answer, 8, blank);
	if (sqlite3_step(im->ins_answer) != SQLITE_DONE)
		goto out;
	sqlite3_reset(im->ins_part);
	sqlite3_bind_text(im->ins_part, 1, f[0], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_part, 2, f[1], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->ins_part, 3, f[3], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(im->ins_part, 4, (int)no);
	sqlite3_bind_int(im->ins_part, 5, (int)part);
	sqlite3_bind_int(im->ins_part, 6, (int)page);
	sqlite3_bind_text(im->ins_part, 7, file, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(im->ins_part, 8, blank);
	if (sqlite3_step(im->ins_part) != SQLITE_DONE)
		goto out;
	if (sqlite3_changes(im->s->db))
		(*added)++;
	/* an answer is blank only when every part of it is */
	sqlite3_reset(im->blank);
	sqlite3_bind_text(im->blank, 1, f[0], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->blank, 2, f[1], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(im->blank, 3, f[3], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(im->blank, 4, (int)no);
	if (sqlite3_step(im->blank) != SQLITE_DONE)
		goto out;
	rc = 0;
out:
	free(file);
	return rc;
}

/* Check the manifest's header row; 0 or -1 (reported). */
static int import_header(struct import *im, const struct csv_row *row)
{
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (i >= row->n || strcmp(row->fields[i], answer_columns[i])) {
			import_error(im, row->line, col_of(i), "the header must "
				     "be 'paper,build,form,candidate_id,name,"
				     "question,part,page,file,blank'");
			return -1;
		}
	return 0;
}

/* Read every row of the manifest text buf into the store. */
static int import_rows(struct import *im, const char *buf, size_t len,
		       struct key *const *keys, size_t nkeys, size_t *added)
{
	struct csv_reader r;
	struct csv_row row;
	enum csv_err e;
	int rc = 0;

	csv_reader_init(&r, buf, len);
	while ((e = csv_next(&r, &row)) == CSV_OK) {
		if (row.row == 1) {
			if (import_header(im, &row) < 0)
				break;
			continue;
		}
		if (row.n == 1 && !row.fields[0][0])
			continue;
		if (import_row(im, &row, keys, nkeys, added) < 0) {
			rc = -1;
			break;
		}
	}
	if (e != CSV_OK && e != CSV_EOF)
		import_error(im, r.err_line, r.err_col, "%s", csv_strerror(e));
	csv_reader_release(&r);
	return rc;
}

/* Import DIR/answers.csv into the store. */
int mark_store_import(struct mark_store *s, const char *dir,
		      struct key *const *keys, size_t nkeys, size_t *added,
		      struct diags *d)
{
	struct import im = { s, NULL, NULL, d, NULL, NULL, NULL, 0 };
	char *buf = NULL, *real = NULL;
	size_t len = 0, skip = 0;
	enum fileio_err fe;
	int rc = -1;

	if (!(im.csv = fileio_join(dir, "answers.csv"))) {
		diags_oom(d);
		return -1;
	}
	fe = fileio_read(im.csv, ANSWERS_CSV_MAX, &buf, &len);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, im.csv, "cannot read the answers "
			    "list");
		goto out;
	}
	if (!(real = realpath(dir, NULL)) ||
	    !(im.root = fileio_join(real, ""))) {
		diags_fail(d, DIAG_SYSTEM, dir, 0, 0, "cannot resolve the "
			   "answers folder: %s", strerror(errno));
		goto out;
	}
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		skip = 3;
	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO answers(paper, "
			       "build, form, candidate_id, name, question, "
			       "qid, blank) VALUES(?,?,?,?,?,?,?,?)", -1,
			       &im.ins_answer, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO parts(answer, "
			       "part, page, file, blank) SELECT id, ?5, ?6, "
			       "?7, ?8 FROM answers WHERE paper = ?1 AND "
			       "build = ?2 AND candidate_id = ?3 AND "
			       "question = ?4", -1, &im.ins_part,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "UPDATE answers SET blank = NOT EXISTS("
			       "SELECT 1 FROM parts WHERE answer = answers.id "
			       "AND blank = 0) WHERE paper = ?1 AND build = ?2 "
			       "AND candidate_id = ?3 AND question = ?4", -1,
			       &im.blank, NULL) != SQLITE_OK ||
	    exec(s, "BEGIN IMMEDIATE") < 0) {
		store_fail(s, d, "cannot import answers");
		goto out;
	}
	if (import_rows(&im, buf + skip, len - skip, keys, nkeys, added) < 0 ||
	    im.bad) {
		if (!im.bad)
			store_fail(s, d, "cannot import answers");
		exec(s, "ROLLBACK");
		goto out;
	}
	if (exec(s, "COMMIT") < 0) {
		store_fail(s, d, "cannot import answers");
		exec(s, "ROLLBACK");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(im.ins_answer);
	sqlite3_finalize(im.ins_part);
	sqlite3_finalize(im.blank);
	free((char *)im.csv);
	free(im.root);
	free(real);
	free(buf);
	return rc;
}

/* Fill m from a markers row (id, name, role, token, seed) of st. */
static void marker_row(sqlite3_stmt *st, struct mark_marker *m)
{
	const unsigned char *t;

	m->id = sqlite3_column_int64(st, 0);
	snprintf(m->name, sizeof(m->name), "%s",
		 (t = sqlite3_column_text(st, 1)) ? (const char *)t : "");
	t = sqlite3_column_text(st, 2);
	m->role = t && !strcmp((const char *)t, "arbiter") ? MARK_ROLE_ARBITER
							   : MARK_ROLE_MARKER;
	snprintf(m->token, sizeof(m->token), "%s",
		 (t = sqlite3_column_text(st, 3)) ? (const char *)t : "");
	m->seed = (uint64_t)sqlite3_column_int64(st, 4);
}

/* Run a one-text query for a marker (by name or token) into m. */
static int marker_query(struct mark_store *s, const char *sql,
			const char *arg, struct mark_marker *m)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		marker_row(st, m);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The marker named name, created when absent and create. */
int mark_store_marker(struct mark_store *s, const char *name,
		      enum mark_role role, bool create, struct mark_marker *m)
{
	unsigned char rnd[MARK_TOKEN_LEN / 2 + 8];
	char token[MARK_TOKEN_LEN + 1];
	sqlite3_stmt *st;
	uint64_t seed = 0;
	int rc;

	rc = marker_query(s, "SELECT id, name, role, token, seed FROM markers "
			  "WHERE name = ?1", name, m);
	if (rc != 0 || !create)
		return rc;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	for (size_t i = 0; i < MARK_TOKEN_LEN / 2; i++)
		snprintf(token + 2 * i, 3, "%02x", rnd[i]);
	for (size_t i = 0; i < 8; i++)
		seed = seed << 8 | rnd[MARK_TOKEN_LEN / 2 + i];
	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO markers(name, "
			       "role, token, seed) VALUES(?1, ?2, ?3, ?4)", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role == MARK_ROLE_ARBITER ? "arbiter"
							   : "marker", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 3, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)(seed >> 1));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	return marker_query(s, "SELECT id, name, role, token, seed FROM "
			    "markers WHERE name = ?1", name, m);
}

/* The marker whose token is token. */
int mark_store_marker_by_token(struct mark_store *s, const char *token,
			       struct mark_marker *m)
{
	return marker_query(s, "SELECT id, name, role, token, seed FROM "
			    "markers WHERE token = ?1", token, m);
}

/* Copy column i of st (text) into buf of size n. */
static void column_text(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(buf, n, "%s", t ? (const char *)t : "");
}

/* Fill a from an answers row (id, paper, build, form, candidate_id,
 * question, qid, blank) of st. */
static void answer_row(sqlite3_stmt *st, struct mark_answer *a)
{
	a->id = sqlite3_column_int64(st, 0);
	column_text(st, 1, a->paper, sizeof(a->paper));
	column_text(st, 2, a->build, sizeof(a->build));
	column_text(st, 3, a->form, sizeof(a->form));
	column_text(st, 4, a->candidate, sizeof(a->candidate));
	a->question = (unsigned)sqlite3_column_int(st, 5);
	column_text(st, 6, a->qid, sizeof(a->qid));
	a->blank = sqlite3_column_int(st, 7) != 0;
}

#define ANSWER_COLUMNS "n.id, n.paper, n.build, n.form, n.candidate_id, " \
		       "n.question, n.qid, n.blank"

/* The answer with id, with its parts' files. */
int mark_store_answer(struct mark_store *s, long long id,
		      struct mark_answer *a)
{
	sqlite3_stmt *st;
	int rc;

	memset(a, 0, sizeof(*a));
	if (sqlite3_prepare_v2(s->db, "SELECT " ANSWER_COLUMNS " FROM answers "
			       "n WHERE n.id = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		answer_row(st, a);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	if (sqlite3_prepare_v2(s->db, "SELECT file FROM parts WHERE answer = ?1 "
			       "ORDER BY part", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	       a->nparts < MARK_MAX_PARTS) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (!(a->files[a->nparts] = strdup(t ? (const char *)t : "")))
			break;
		a->nparts++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 1 : -1;
}

/* Free an answer's files. */
void mark_store_answer_release(struct mark_answer *a)
{
	for (size_t i = 0; i < a->nparts; i++)
		free(a->files[i]);
	a->nparts = 0;
}

/* Run st (bound) and read one integer answer id; 1, 0 none, -1. */
static int one_id(sqlite3_stmt *st, long long *id, int *extra)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (extra)
			*extra = sqlite3_column_int(st, 1);
	}
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Find and, when new, assign the next answer (inside a transaction). */
static int next_locked(struct mark_store *s, const struct mark_marker *m,
		       const char *paper, const char *qid, unsigned need,
		       bool arbitrate, long long *id)
{
	sqlite3_stmt *st = NULL;
	int rc, slot = 3;

	/* an answer they hold and have not marked comes first */
	if (sqlite3_prepare_v2(s->db, "SELECT a.answer FROM assignments a "
			       "JOIN answers n ON n.id = a.answer WHERE "
			       "a.marker = ?1 AND n.paper = ?2 AND n.qid = ?3 "
			       "AND (a.slot = 3) = ?4 AND NOT EXISTS(SELECT 1 "
			       "FROM marks k WHERE k.answer = a.answer AND "
			       "k.marker = a.marker) ORDER BY a.time, a.answer "
			       "LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, paper, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, qid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, arbitrate);
	rc = one_id(st, id, NULL);
	sqlite3_finalize(st);
	if (rc != 0)
		return rc;
	if (sqlite3_prepare_v2(s->db, arbitrate ?
			       "SELECT n.id, 3 FROM answers n WHERE "
			       "n.paper = ?2 AND n.qid = ?3 AND n.state = 1 "
			       "AND NOT EXISTS(SELECT 1 FROM assignments x "
			       "WHERE x.answer = n.id AND (x.marker = ?1 OR "
			       "x.slot = 3)) ORDER BY mark_mix(?4, n.id) "
			       "LIMIT 1" :
			       "SELECT n.id, (SELECT count(*) FROM assignments "
			       "x WHERE x.answer = n.id) + 1 AS slot FROM "
			       "answers n WHERE n.paper = ?2 AND n.qid = ?3 "
			       "AND n.blank = 0 AND n.state = 0 AND NOT "
			       "EXISTS(SELECT 1 FROM assignments x WHERE "
			       "x.answer = n.id AND x.marker = ?1) AND slot <= "
			       "?5 ORDER BY mark_mix(?4, n.id) LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, paper, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, qid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)m->seed);
	if (!arbitrate)
		sqlite3_bind_int(st, 5, (int)need);
	rc = one_id(st, id, &slot);
	sqlite3_finalize(st);
	if (rc != 1)
		return rc;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO assignments(answer, marker, "
			       "slot, time) VALUES(?1, ?2, ?3, " NOW ")", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, m->id);
	sqlite3_bind_int(st, 3, slot);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 1 : -1;
}

/* The next answer of question qid of paper for marker m. */
int mark_store_next(struct mark_store *s, const struct mark_marker *m,
		    const char *paper, const char *qid, unsigned need,
		    bool arbitrate, long long *id)
{
	int rc;

	/* a dealt answer lost to a power cut is dealt again: no flush to
	 * the disk for it (a killed server loses nothing either way) */
	if (exec(s, "PRAGMA synchronous = NORMAL") < 0 ||
	    exec(s, "BEGIN IMMEDIATE") < 0)
		return -1;
	rc = next_locked(s, m, paper, qid, need, arbitrate, id);
	if (rc < 0 || exec(s, "COMMIT") < 0) {
		exec(s, "ROLLBACK");
		rc = -1;
	}
	exec(s, "PRAGMA synchronous = FULL");
	return rc;
}

/* Whether marker m holds answer id. */
int mark_store_holds(struct mark_store *s, const struct mark_marker *m,
		     long long id)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM assignments WHERE "
			       "answer = ?1 AND marker = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, m->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Parse a stored scores text "8,6.5,2" into v; the count, or 0. */
static size_t parse_scores(const char *t, double *v)
{
	size_t n = 0;
	char *end;

	while (t && *t && n < MARK_MAX_CRITERIA) {
		v[n++] = strtod(t, &end);
		if (end == t)
			return 0;
		t = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* The scores of answer id's marks in slot order into marks; the count,
 * or -1. */
static long marks_of(struct mark_store *s, long long id,
		     double (*marks)[MARK_MAX_CRITERIA])
{
	sqlite3_stmt *st;
	long n = 0;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT scores FROM marks WHERE "
			       "answer = ?1 ORDER BY slot", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 3)
		parse_scores((const char *)sqlite3_column_text(st, 0),
			     marks[n++]);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : -1;
}

/* Check the scores against the criteria's points; write them as text
 * into buf and their total into *total. */
static bool scores_valid(const double *scores, size_t ncrit,
			 const double *points, char *buf, double *total)
{
	char num[FORMAT_NUMBER_MAX];
	size_t len = 0;

	*total = 0;
	buf[0] = '\0';
	if (ncrit == 0 || ncrit > MARK_MAX_CRITERIA)
		return false;
	for (size_t k = 0; k < ncrit; k++) {
		if (!(scores[k] >= 0) || scores[k] > points[k] + POINTS_EPS ||
		    !points_halves(scores[k]))
			return false;
		len += (size_t)snprintf(buf + len, SCORES_TEXT_MAX - len,
					"%s%s", k ? "," : "",
					format_number(scores[k], num));
		*total += scores[k];
	}
	return true;
}

/* Save a mark inside a transaction. */
static enum mark_refusal save_locked(struct mark_store *s,
				     const struct mark_marker *m, long long id,
				     const char *text, double total,
				     size_t ncrit, const struct marking *rule)
{
	double marks[3][MARK_MAX_CRITERIA];
	struct mark_outcome out;
	sqlite3_stmt *st;
	int rc, slot = 0;
	long n;

	if (sqlite3_prepare_v2(s->db, "SELECT a.slot, EXISTS(SELECT 1 FROM "
			       "marks k WHERE k.answer = a.answer AND k.marker "
			       "= a.marker) FROM assignments a WHERE a.answer "
			       "= ?1 AND a.marker = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return MARK_STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, m->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		slot = sqlite3_column_int(st, 0);
		rc = sqlite3_column_int(st, 1) ? -2 : SQLITE_ROW;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return MARK_NOT_ASSIGNED;
	if (rc == -2)
		return MARK_ALREADY;
	if (rc != SQLITE_ROW)
		return MARK_STORE_ERROR;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO marks(answer, marker, slot, "
			       "scores, total, time) VALUES(?1, ?2, ?3, ?4, "
			       "?5, " NOW ")", -1, &st, NULL) != SQLITE_OK)
		return MARK_STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, m->id);
	sqlite3_bind_int(st, 3, slot);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 5, total);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return MARK_STORE_ERROR;
	if ((n = marks_of(s, id, marks)) < 0)
		return MARK_STORE_ERROR;
	mark_rule_final(rule, ncrit, (const double (*)[MARK_MAX_CRITERIA])marks,
			(size_t)n, &out);
	if (sqlite3_prepare_v2(s->db, "UPDATE answers SET state = ?2 WHERE "
			       "id = ?1", -1, &st, NULL) != SQLITE_OK)
		return MARK_STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)out.state);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MARK_OK : MARK_STORE_ERROR;
}

/* Save marker m's scores of answer id. */
enum mark_refusal mark_store_save(struct mark_store *s,
				  const struct mark_marker *m, long long id,
				  const double *scores, size_t ncrit,
				  const double *points,
				  const struct marking *rule)
{
	char text[SCORES_TEXT_MAX];
	enum mark_refusal r;
	double total;

	if (!scores_valid(scores, ncrit, points, text, &total))
		return MARK_BAD_SCORES;
	if (exec(s, "BEGIN IMMEDIATE") < 0)
		return MARK_STORE_ERROR;
	r = save_locked(s, m, id, text, total, ncrit, rule);
	if (r != MARK_OK || exec(s, "COMMIT") < 0) {
		exec(s, "ROLLBACK");
		return r == MARK_OK ? MARK_STORE_ERROR : r;
	}
	return MARK_OK;
}

/* Counts of question qid of paper for marker m. */
int mark_store_progress(struct mark_store *s, const struct mark_marker *m,
			const char *paper, const char *qid,
			struct mark_progress *p)
{
	sqlite3_stmt *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if (sqlite3_prepare_v2(s->db, "SELECT count(*), "
			       "sum(n.state = 1), sum(n.state = 2), "
			       "(SELECT count(*) FROM marks k JOIN answers x "
			       "ON x.id = k.answer WHERE x.paper = ?1 AND "
			       "x.qid = ?2), (SELECT count(*) FROM marks k "
			       "JOIN answers x ON x.id = k.answer WHERE "
			       "x.paper = ?1 AND x.qid = ?2 AND k.marker = ?3) "
			       "FROM answers n WHERE n.paper = ?1 AND n.qid = "
			       "?2 AND n.blank = 0", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, paper, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, qid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, m ? m->id : -1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->answers = (unsigned)sqlite3_column_int(st, 0);
		p->arbitrate = (unsigned)sqlite3_column_int(st, 1);
		p->final = (unsigned)sqlite3_column_int(st, 2);
		p->marks = (unsigned)sqlite3_column_int(st, 3);
		p->mine = (unsigned)sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Fill g from columns first.. of st: answer, marker, name, slot, scores,
 * time. */
static void given_row(sqlite3_stmt *st, int first, struct mark_given *g)
{
	g->answer = sqlite3_column_int64(st, first);
	g->marker = sqlite3_column_int64(st, first + 1);
	column_text(st, first + 2, g->marker_name, sizeof(g->marker_name));
	g->slot = (unsigned)sqlite3_column_int(st, first + 3);
	g->nscores = parse_scores((const char *)sqlite3_column_text(st,
								    first + 4),
				  g->scores);
	column_text(st, first + 5, g->time, sizeof(g->time));
}

/* Marker m's marks of question qid of paper, oldest first. */
int mark_store_history(struct mark_store *s, const struct mark_marker *m,
		       const char *paper, const char *qid,
		       int (*fn)(const struct mark_given *g, void *ctx),
		       void *ctx)
{
	struct mark_given g;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT k.answer, k.marker, r.name, "
			       "k.slot, k.scores, k.time FROM marks k JOIN "
			       "answers n ON n.id = k.answer JOIN markers r ON "
			       "r.id = k.marker WHERE k.marker = ?1 AND "
			       "n.paper = ?2 AND n.qid = ?3 ORDER BY k.id", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, paper, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, qid, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		given_row(st, 0, &g);
		if (fn(&g, ctx))
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Every answer with its marks in slot order, to fn. */
int mark_store_each(struct mark_store *s,
		    int (*fn)(const struct mark_answer *a,
			      const struct mark_given *marks, size_t nmarks,
			      void *ctx),
		    void *ctx)
{
	struct mark_given g[3];
	struct mark_answer a, next;
	sqlite3_stmt *st;
	size_t n = 0;
	bool have = false;
	int rc = SQLITE_DONE, stop = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT " ANSWER_COLUMNS ", k.answer, "
			       "k.marker, r.name, k.slot, k.scores, k.time FROM "
			       "answers n LEFT JOIN marks k ON k.answer = n.id "
			       "LEFT JOIN markers r ON r.id = k.marker ORDER BY "
			       "n.id, k.slot", -1, &st, NULL) != SQLITE_OK)
		return -1;
	memset(&a, 0, sizeof(a));
	memset(&next, 0, sizeof(next));
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		answer_row(st, &next);
		if (have && next.id != a.id) {
			stop = fn(&a, g, n, ctx);
			n = 0;
		}
		a = next;
		have = true;
		if (sqlite3_column_type(st, 8) != SQLITE_NULL && n < 3)
			given_row(st, 8, &g[n++]);
	}
	if (!stop && have)
		stop = fn(&a, g, n, ctx);
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : -1;
}
