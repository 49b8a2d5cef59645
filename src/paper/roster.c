/* SPDX-License-Identifier: GPL-3.0-or-later */
/* roster.c - reading the candidate list of `build --roster` (see
 * roster.h). */
#include "paper/roster.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "base/textenc.h"
#include "base/utf8.h"
#include "paper/key.h"

#define ROSTER_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define BAD_CONTROL "it contains a control character"

/* Prepare an empty roster. */
void roster_init(struct roster *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
}

/* Free every entry. */
void roster_release(struct roster *r)
{
	for (size_t i = 0; i < r->nloaded; i++)
		free(r->loaded[i]);
	free(r->loaded);
	free(r->v);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* A place in the roster text: the start of a line and its number.  Rows
 * are read in order, so finding the next row's line only moves forward. */
struct line_cursor {
	const char *p;
	unsigned line;
};

/* 1-based column (in characters) where field k of the record starting on
 * line starts; 1 when it cannot be told (a quoted line break).  Moves the
 * cursor to that line, which must not be before it. */
static unsigned field_col(struct line_cursor *cur, const char *end,
			  unsigned line, size_t k)
{
	const char *p, *start;
	bool quoted = false;

	for (p = cur->p; cur->line < line && p < end; p++)
		if (*p == '\n') {
			cur->line++;
			cur->p = p + 1;
		}
	start = p = cur->p;
	for (; k && p < end && (quoted || *p != '\n'); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && !quoted)
			k--;
	}
	if (k)
		return 1;
	return 1 + (unsigned)utf8_count(start, (size_t)(p - start));
}

/* Field i of a row with surrounding blanks removed, copied to the arena;
 * "" when the row is short.  NULL on no memory. */
static char *field(struct roster *r, const struct csv_row *row, size_t i)
{
	const char *s;
	size_t n;

	if (i >= row->n)
		return arena_strdup(&r->arena, "");
	s = row->fields[i];
	n = row->lens[i];
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(&r->arena, s, n);
}

/* Why an id cannot name a file, or NULL if it can. */
static const char *id_problem(const char *id, char *buf, size_t len)
{
	if (strlen(id) > ROSTER_MAX_ID)
		return "it is longer than 128 bytes";
	for (const unsigned char *c = (const unsigned char *)id; *c; c++) {
		if (*c < 0x20 || *c == 0x7f)
			return BAD_CONTROL;
		if (strchr("/\\:*?\"<>|", *c)) {
			snprintf(buf, len, "it contains '%c'", *c);
			return buf;
		}
	}
	if (!strcmp(id, ".") || !strcmp(id, ".."))
		return "it is a folder name";
	if (id[0] == '.')
		return "it starts with '.'";
	if (id[0] == '-')
		return "it starts with '-' (its files would read as options "
		       "on a command line)";
	if (fileio_name_reserved(id))
		return "it is a device name on Windows";
	return NULL;
}

/* Find the id and name columns of the header row. */
static int header_columns(const struct csv_row *row, size_t *id_col,
			  size_t *name_col)
{
	static const char *const ids[] = { "id", "candidate_id", "考生编号",
					   "考生編號", NULL };
	static const char *const names[] = { "name", "姓名", NULL };

	*id_col = *name_col = SIZE_MAX;
	for (size_t i = 0; i < row->n; i++) {
		const char *h = row->fields[i];

		while (*h == ' ')
			h++;
		for (size_t k = 0; ids[k]; k++)
			if (!strcasecmp(h, ids[k]) && *id_col == SIZE_MAX)
				*id_col = i;
		for (size_t k = 0; names[k]; k++)
			if (!strcasecmp(h, names[k]) && *name_col == SIZE_MAX)
				*name_col = i;
	}
	return *id_col == SIZE_MAX || *name_col == SIZE_MAX ? -1 : 0;
}

/* Compare entries by id ignoring ASCII case, then by id, then line. */
static int by_id(const void *a, const void *b)
{
	const struct roster_entry *x = *(const struct roster_entry *const *)a;
	const struct roster_entry *y = *(const struct roster_entry *const *)b;
	int c = strcasecmp(x->id, y->id);

	if (!c)
		c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Report every id that appears more than once, and ids that differ only
 * in case: their sheet files would be one file on Windows and macOS. */
static int check_duplicates(struct roster *r, const char *path,
			    struct diags *d)
{
	const struct roster_entry **v = calloc(r->n ? r->n : 1, sizeof(*v));
	int bad = 0;

	if (!v)
		return -1;
	for (size_t i = 0; i < r->n; i++)
		v[i] = &r->v[i];
	qsort(v, r->n, sizeof(*v), by_id);
	for (size_t i = 0, same = 0, fold = 0; i < r->n; i++) {
		if (i == 0 || strcasecmp(v[i]->id, v[fold]->id)) {
			same = fold = i;
			continue;
		}
		if (strcmp(v[i]->id, v[same]->id)) {
			same = i;
			diags_error(d, path, v[i]->line, v[i]->col, "candidate "
				    "id '%s' differs from '%s' (line %u) only "
				    "in case; their sheet files would be one",
				    v[i]->id, v[fold]->id, v[fold]->line);
		} else {
			diags_error(d, path, v[i]->line, v[i]->col, "duplicate "
				    "candidate id '%s' (first on line %u)",
				    v[i]->id, v[same]->line);
		}
		bad = 1;
	}
	free(v);
	return bad;
}

/* Append one entry; -1 on no memory. */
static int roster_add(struct roster *r, const char *id, const char *name,
		      unsigned line, unsigned col)
{
	if (ARRAY_GROW(r->v, r->cap, r->n + 1) < 0)
		return -1;
	r->v[r->n++] = (struct roster_entry){ id, name, line, col };
	return 0;
}

/* Read the rows of a UTF-8 roster buffer. */
static int roster_parse(struct roster *r, const char *path, const char *buf,
			size_t len, struct diags *d)
{
	struct line_cursor cur = { buf, 1 };
	struct csv_reader rd;
	struct csv_row row;
	size_t id_col, name_col;
	enum csv_err e;
	int rc = 0;
	char why[64];

	csv_reader_init(&rd, buf, len);
	e = csv_next(&rd, &row);
	if (e == CSV_OK && header_columns(&row, &id_col, &name_col) < 0) {
		diags_error(d, path, 1, 1, "the roster header must name the "
			    "columns 'id' and 'name'");
		rc = 1;
		goto out;
	}
	while (e == CSV_OK && (e = csv_next(&rd, &row)) == CSV_OK) {
		char *id, *name;
		const char *bad;
		unsigned col;

		if (row.n == 1 && row.lens[0] == 0)
			continue;	/* blank line */
		if (r->n == ROSTER_MAX_CANDIDATES) {
			diags_fail(d, DIAG_REFUSED, path, row.line, 1, "more "
				   "than %d candidates; at most %d in one "
				   "build (split the roster)",
				   ROSTER_MAX_CANDIDATES,
				   ROSTER_MAX_CANDIDATES);
			rc = 1;
			goto out;
		}
		id = field(r, &row, id_col);
		name = field(r, &row, name_col);
		col = field_col(&cur, buf + len, row.line, id_col);
		if (!id || !name ||
		    roster_add(r, id, name, row.line, col) < 0) {
			rc = -1;
			goto out;
		}
		bad = id_problem(id, why, sizeof(why));
		if (!*id) {
			diags_error(d, path, row.line, col, "missing "
				    "candidate id");
			rc = 1;
		} else if (bad) {
			diags_error(d, path, row.line, col,
				    "candidate id '%s' cannot name a sheet "
				    "file: %s", strcmp(bad, BAD_CONTROL) ?
				    id : "?", bad);
			rc = 1;
		}
	}
	if (e == CSV_ENOMEM) {
		rc = -1;
	} else if (e != CSV_EOF) {
		diags_error(d, path, rd.err_line, rd.err_col, "%s",
			    csv_strerror(e));
		rc = 1;
	} else if (r->n == 0) {
		diags_error(d, path, 1, 1, "the roster lists no candidates");
		rc = 1;
	}
out:
	csv_reader_release(&rd);
	return rc;
}

/* Read a roster file. */
int roster_load(struct roster *r, const char *path, struct diags *d)
{
	char *raw = NULL, *buf = NULL;
	size_t len, ulen, bad_at;
	enum fileio_err fe;
	enum textenc enc;
	size_t before = d->errors;
	int rc = -1, dup;

	fe = fileio_read(path, ROSTER_MAX_BYTES, &raw, &len);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, path, "cannot read the roster");
		goto out;
	}
	enc = textenc_detect(raw, len);
	if (enc == TEXTENC_UNKNOWN ||
	    textenc_to_utf8(raw, len, enc, &buf, &ulen, &bad_at) < 0) {
		if (errno == ENOMEM)
			goto out;
		diags_error(d, path, 1, 1, "the roster is not UTF-8 or "
			    "GB18030 text");
		rc = 1;
		goto out;
	}
	rc = roster_parse(r, path, buf, ulen, d);
	if (rc >= 0 && (dup = check_duplicates(r, path, d)) != 0)
		rc = dup;
out:
	if (rc < 0 && d->errors == before)
		diags_fail(d, DIAG_SYSTEM, path, 0, 0,
			   "out of memory reading the roster");
	free(raw);
	free(buf);
	return rc;
}

/* Compare two entries by id alone. */
static int by_id_only(const void *a, const void *b)
{
	return strcmp(((const struct roster_entry *)a)->id,
		      ((const struct roster_entry *)b)->id);
}

/* Whether dir and build were read already; else note them.  -1 on no
 * memory. */
static int seen_build(struct roster *r, const char *dir, const char *build)
{
	size_t n = strlen(dir) + strlen(build) + 2;
	char *s = malloc(n);

	if (!s)
		return -1;
	snprintf(s, n, "%s\n%s", dir, build);
	for (size_t i = 0; i < r->nloaded; i++)
		if (!strcmp(r->loaded[i], s)) {
			free(s);
			return 1;
		}
	if (ARRAY_GROW(r->loaded, r->loaded_cap, r->nloaded + 1) < 0) {
		free(s);
		return -1;
	}
	r->loaded[r->nloaded++] = s;
	return 0;
}

/* Column i of the header row named one of names, or SIZE_MAX. */
static size_t named_column(const struct csv_row *row,
			   const char *const *names)
{
	for (size_t i = 0; i < row->n; i++)
		for (size_t k = 0; names[k]; k++)
			if (!strcasecmp(row->fields[i], names[k]))
				return i;
	return SIZE_MAX;
}

/* Add the rows of build of the responses text buf[0..len). */
static int parse_build(struct roster *r, const char *buf, size_t len,
		       const char *build)
{
	static const char *const ids[] = { "candidate_id", "id", NULL };
	static const char *const names[] = { "name", NULL };
	static const char *const builds[] = { "build", NULL };
	struct csv_reader rd;
	struct csv_row row;
	size_t ic, nc, bc;
	enum csv_err e;
	int rc = 0;

	csv_reader_init(&rd, buf, len);
	e = csv_next(&rd, &row);
	if (e != CSV_OK) {
		if (e == CSV_ENOMEM)
			rc = -1;
		goto out;
	}
	ic = named_column(&row, ids);
	nc = named_column(&row, names);
	bc = named_column(&row, builds);
	if (ic == SIZE_MAX || nc == SIZE_MAX || bc == SIZE_MAX)
		goto out;
	while ((e = csv_next(&rd, &row)) == CSV_OK) {
		char *id, *name, *b;

		if (ic >= row.n || nc >= row.n || bc >= row.n)
			continue;
		id = field(r, &row, ic);
		name = field(r, &row, nc);
		b = field(r, &row, bc);
		if (!id || !name || !b) {
			rc = -1;
			break;
		}
		/* a name the build guarded against formulas ('=...) */
		if (name[0] == '\'' && name[1] && strchr("=+-@\t\r", name[1]))
			name++;
		if (*id && !strcmp(b, build) &&
		    roster_add(r, id, name, row.line, 1) < 0) {
			rc = -1;
			break;
		}
	}
	if (e == CSV_ENOMEM)
		rc = -1;
	/* kept sorted by id for roster_name */
	qsort(r->v, r->n, sizeof(*r->v), by_id_only);
out:
	csv_reader_release(&rd);
	return rc;
}

/* Add the candidates of the responses.csv beside key k. */
int roster_add_build(struct roster *r, const struct key *k)
{
	char *dir = NULL, *path = NULL, *raw = NULL, *buf = NULL;
	size_t len, ulen, bad_at;
	enum textenc enc;
	int rc, seen;

	if (!k->build)
		return 0;
	dir = fileio_dirname(k->path);
	if (!dir)
		return -1;
	seen = seen_build(r, dir, k->build);
	if (seen) {
		free(dir);
		return seen < 0 ? -1 : 0;
	}
	path = fileio_join(dir, "responses.csv");
	rc = -1;
	if (!path)
		goto out;
	rc = 0;
	errno = 0;
	if (fileio_read(path, ROSTER_MAX_BYTES, &raw, &len) != FILEIO_OK) {
		rc = errno == ENOMEM ? -1 : 0;
		goto out;
	}
	enc = textenc_detect(raw, len);
	if (enc == TEXTENC_UNKNOWN ||
	    textenc_to_utf8(raw, len, enc, &buf, &ulen, &bad_at) < 0) {
		rc = errno == ENOMEM ? -1 : 0;
		goto out;
	}
	rc = parse_build(r, buf, ulen, k->build);
out:
	free(dir);
	free(path);
	free(raw);
	free(buf);
	return rc;
}

/* The name of a candidate. */
const char *roster_name(const struct roster *r, const char *id)
{
	struct roster_entry key = { id, NULL, 0, 0 };
	const struct roster_entry *e;

	if (!r->n)
		return NULL;
	e = bsearch(&key, r->v, r->n, sizeof(*r->v), by_id_only);
	return e ? e->name : NULL;
}
