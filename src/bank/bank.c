/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank.c - question bank loader and checks (see bank.h). */
#include "bank/bank.h"

#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bank/lint.h"
#include "bank/question.h"
#include "base/array.h"
#include "base/fileio.h"
#include "base/hash.h"
#include "yaml/yfield.h"
#include "yaml/ynode.h"
#include "yaml/yvalue.h"

#define BANK_MAX_BYTES ((size_t)256 * 1024 * 1024)


/* Prepare an empty set. */
void bankset_init(struct bankset *bs)
{
	memset(bs, 0, sizeof(*bs));
	arena_init(&bs->arena);
	sha256_init(&bs->digest);
}

/* Free everything loaded. */
void bankset_release(struct bankset *bs)
{
	for (size_t i = 0; i < bs->nbanks; i++)
		free(bs->banks[i]->questions);
	for (size_t i = 0; i < bs->nfiles; i++)
		free(bs->files[i]);
	free(bs->files);
	free(bs->banks);
	free(bs->index);
	arena_release(&bs->arena);
	memset(bs, 0, sizeof(*bs));
}

/* Slot of id in the index (empty slot if absent). */
static size_t index_slot(const struct bankset *bs, const char *id)
{
	size_t mask = bs->index_cap - 1, i = hash_key(id) & mask;

	while (bs->index[i] && strcmp(bs->index[i]->id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Grow the id index to keep it at most half full. */
static int index_grow(struct bankset *bs)
{
	const struct question **old = bs->index;
	size_t old_cap = bs->index_cap, cap = old_cap ? old_cap * 2 : 256;

	bs->index = calloc(cap, sizeof(*bs->index));
	if (!bs->index) {
		bs->index = old;
		return -1;
	}
	bs->index_cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			bs->index[index_slot(bs, old[i]->id)] = old[i];
	free(old);
	return 0;
}

/* The question with that id, or NULL. */
const struct question *bankset_find(const struct bankset *bs, const char *id)
{
	if (!bs->index_cap)
		return NULL;
	return bs->index[index_slot(bs, id)];
}

/* "sha256:..." digest of the loaded bytes. */
const char *bankset_digest(const struct bankset *bs, char out[72])
{
	struct sha256 copy = bs->digest;

	memcpy(out, "sha256:", 7);
	sha256_hex(&copy, out + 7);
	return out;
}

/* Append a bank pointer to the set. */
static int bankset_push(struct bankset *bs, struct bank *b)
{
	if (ARRAY_GROW(bs->banks, bs->cap, bs->nbanks + 1) < 0)
		return -1;
	bs->banks[bs->nbanks++] = b;
	return 0;
}

/* Index a question by id, reporting a duplicate with both places. */
static int index_question(struct bankset *bs, const struct ysource *src,
			  const struct question *q)
{
	size_t slot;

	if (bs->nquestions * 2 >= bs->index_cap && index_grow(bs) < 0)
		return -1;
	slot = index_slot(bs, q->id);
	if (bs->index[slot]) {
		const struct question *first = bs->index[slot];

		diags_error(src->d, src->path, q->line, q->col,
			    "duplicate id '%s' (first defined at %s:%u:%u)",
			    q->id, first->bank->path, first->line,
			    first->col);
		return 1;
	}
	bs->index[slot] = q;
	bs->nquestions++;
	return 0;
}

/* Name of a bank file without folder and extension. */
static const char *file_stem(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return arena_strndup(a, base, dot && dot != base ?
			     (size_t)(dot - base) : strlen(base));
}

/* A bank's questions while its file is parsed: each question is read as
 * soon as its mapping is complete, then its parse tree is dropped. */
struct qstream {
	struct bankset *bs;
	struct bank *b;
	struct ysource src;	/* messages, kept apart until the parse ends */
	struct diags diags;
	struct lint lint;	/* when bs->lint: warnings into diags */
	struct question *v;	/* malloc'd */
	size_t n, cap;
};

/* Copy of a string into the set's arena; *bad set when out of memory. */
static const char *keep(struct arena *a, const char *s, int *bad)
{
	const char *p;

	if (!s)
		return NULL;
	p = arena_strdup(a, s);
	if (!p)
		*bad = 1;
	return p;
}

/* Copy every string a question keeps out of the parse tree into a. */
static int keep_strings(struct arena *a, struct question *q)
{
	int bad = 0;

	q->id = keep(a, q->id, &bad);
	q->stem = keep(a, q->stem, &bad);
	for (size_t i = 0; i < q->noptions; i++)
		q->options[i].text = keep(a, q->options[i].text, &bad);
	for (size_t i = 0; i < q->ntags; i++)
		q->tags[i] = keep(a, q->tags[i], &bad);
	for (size_t i = 0; i < q->nkeys; i++)
		q->keys[i] = keep(a, q->keys[i], &bad);
	for (size_t i = 0; i < q->ndeductions; i++)
		q->deductions[i] = keep(a, q->deductions[i], &bad);
	for (size_t i = 0; i < q->nrubric; i++)
		q->rubric[i].text = keep(a, q->rubric[i].text, &bad);
	q->explanation = keep(a, q->explanation, &bad);
	q->reference = keep(a, q->reference, &bad);
	q->group = keep(a, q->group, &bad);
	q->source = keep(a, q->source, &bad);
	q->reviewed_by = keep(a, q->reviewed_by, &bad);
	q->reviewed_date = keep(a, q->reviewed_date, &bad);
	return bad ? -1 : 0;
}

/* Read one question as soon as the parser has it (a ydoc_item_fn).  Its
 * default points are not known yet (a bank may give 'defaults:' after
 * 'questions:'): b->default_points is NAN meanwhile, and read_bank() fills
 * them in. */
static int on_question(void *ctx, const struct ynode *item)
{
	struct qstream *st = ctx;
	struct question *q;
	int r;

	if (ARRAY_GROW(st->v, st->cap, st->n + 1) < 0) {
		diags_oom(&st->diags);
		return -1;
	}
	q = &st->v[st->n];
	r = question_read(&st->src, &st->bs->arena, st->b, q, item);
	if (!question_id_valid(q->id))
		return 0;
	if (st->bs->lint && r == 0)
		lint_question(&st->lint, item, q);
	if (keep_strings(&st->bs->arena, q) < 0) {
		diags_oom(&st->diags);
		return -1;
	}
	st->n++;
	return 0;
}

/* Read 'points' of 'defaults' (more than 0) into the bank at obj. */
static int read_default_points(const struct ysource *src, struct arena *a,
			       const struct ynode *v, const struct yfield *f,
			       void *obj)
{
	struct bank *b = obj;

	(void)a;
	if (yvalue_number(src, v, f->key, &b->default_points) < 0 ||
	    b->default_points <= 0) {
		if (b->default_points <= 0)
			yvalue_error(src, v, "'points' must be more than 0");
		b->default_points = 1;
		return -1;
	}
	return 0;
}

/* The keys of 'defaults'. */
static const struct yfield defaults_fields[] = {
	{ "points", read_default_points, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read 'defaults' into the bank at obj. */
static int read_defaults(const struct ysource *src, struct arena *a,
			 const struct ynode *v, const struct yfield *f,
			 void *obj)
{
	int bad;

	(void)f;
	if (v->kind != YNODE_MAP) {
		yvalue_error(src, v, "'defaults' must be a mapping");
		return -1;
	}
	bad = yfield_check_keys(src, v, defaults_fields) > 0;
	if (yfield_read(src, a, v, defaults_fields, obj) < 0)
		bad = 1;
	return bad ? -1 : 0;
}

#define B_AT(m) offsetof(struct bank, m)

/* The keys of a bank; its questions are read while parsing. */
static const struct yfield bank_fields[] = {
	{ "bank", yfield_text, B_AT(name), 0, NULL },
	{ "language", yfield_text, B_AT(language), 0, NULL },
	{ "defaults", read_defaults, 0, 0, NULL },
	{ "questions", NULL, 0, 0, "a bank needs 'questions:'" },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read the top level of a bank document; *qsp is set to its questions
 * list when that is one (its items were read while parsing). */
static int read_bank(struct bankset *bs, const struct ysource *src,
		     struct bank *b, const struct ynode *root,
		     const struct ynode **qsp)
{
	struct arena *a = &bs->arena;
	const struct ynode *qs;
	int bad = 0;

	*qsp = NULL;
	/* named even when the document is unusable: picks filter by name */
	b->name = file_stem(a, src->path);
	if (!root) {
		diags_error(src->d, src->path, 1, 1, "the bank is empty "
			    "(expected 'questions:')");
		return 1;
	}
	if (root->kind != YNODE_MAP) {
		yvalue_error(src, root, "a bank must be a mapping with "
			     "'questions:', not %s", ynode_kind_name(root->kind));
		return 1;
	}
	bad |= yfield_check_keys(src, root, bank_fields) > 0;
	b->language = NULL;
	b->default_points = 1;
	if (yfield_read(src, a, root, bank_fields, b) < 0)
		bad = 1;
	if (!(qs = ynode_get(root, "questions")))
		return 1;
	if (qs->kind != YNODE_SEQ) {
		yvalue_error(src, qs, "'questions' must be a list, not %s",
			     ynode_kind_name(qs->kind));
		return 1;
	}
	*qsp = qs;
	return bad;
}

/* Give the bank the questions read (the set frees the array) and index
 * them; a question whose id is taken is reported and left out. */
static int add_questions(struct bankset *bs, const struct ysource *src,
			 struct bank *b, struct qstream *st)
{
	struct question *v;
	int bad = 0;

	v = realloc(st->v, (st->n ? st->n : 1) * sizeof(*v));
	if (!v)
		return -1;
	b->questions = v;
	st->v = NULL;
	for (size_t i = 0; i < st->n; i++) {
		struct question *q = &b->questions[b->nquestions];
		int r;

		if (i != b->nquestions)
			*q = b->questions[i];
		if (isnan(q->points))
			q->points = b->default_points;
		r = index_question(bs, src, q);
		if (r < 0)
			return -1;
		if (r > 0) {
			bad = 1;
			continue;
		}
		b->nquestions++;
	}
	return bad;
}

/* Load a bank from memory. */
int bankset_load_buffer(struct bankset *bs, const char *path,
			const char *buf, size_t len, struct diags *d)
{
	struct ysource src = { NULL, d };
	struct qstream st;
	struct arena scratch;
	const struct ynode *qs;
	struct ynode *root;
	struct bank *b;
	size_t errors = d->errors;
	int r, rc = -1, failed_before = bs->arena.failed;

	memset(&st, 0, sizeof(st));
	diags_init(&st.diags);
	arena_init(&scratch);
	b = arena_alloc(&bs->arena, sizeof(*b));
	if (!b || !(b->path = arena_strdup(&bs->arena, path)))
		goto oom;
	src.path = b->path;
	st.bs = bs;
	st.b = b;
	st.src.path = b->path;
	st.src.d = &st.diags;
	lint_init(&st.lint, b->path, buf, len, &st.diags);
	b->default_points = NAN;
	if (!bs->no_digest)
		sha256_update(&bs->digest, buf, len);
	if (ydoc_parse_items(&bs->arena, &scratch, path, buf, len,
			     "questions", on_question, &st, &root, d) < 0) {
		if (diags_out_of_memory(&st.diags))
			goto oom;
		rc = diags_out_of_memory(d) ? -1 : 1;
		goto out;
	}
	r = read_bank(bs, &src, b, root, &qs);
	if (r < 0)
		goto oom;
	/* a list that was not streamed (an alias) is read now */
	for (size_t i = 0; qs && i < qs->n; i++)
		if (on_question(&st, qs->items[i]) < 0)
			goto oom;
	/* an allocation the readers could not report (once: the set's
	 * arena stays marked for the banks that follow) */
	if ((bs->arena.failed && !failed_before) || scratch.failed)
		goto oom;
	/* the questions' messages count only when the whole file parsed */
	for (size_t i = 0; i < st.diags.n; i++) {
		const struct diag *e = &st.diags.v[i];

		diags_add(d, e->level, e->path, e->line, e->col, "%s", e->msg);
	}
	if (diags_out_of_memory(&st.diags))
		goto oom;
	/* the set owns the bank before its questions are indexed, so a
	 * failure while indexing leaves no pointer into freed memory */
	if (bankset_push(bs, b) < 0)
		goto oom;
	if (qs && add_questions(bs, &src, b, &st) < 0)
		goto oom;
	rc = d->errors > errors ? 1 : 0;
	goto out;
oom:
	diags_oom(d);
	diags_error(d, path, 0, 0, "out of memory");
out:
	free(st.v);
	diags_release(&st.diags);
	arena_release(&scratch);
	return rc;
}

/* Remember a file's real path; 1 if it was loaded before, -1 on error. */
static int note_file(struct bankset *bs, const char *path)
{
	char *real = realpath(path, NULL);

	if (!real)
		return 0;	/* the read that follows reports the problem */
	for (size_t i = 0; i < bs->nfiles; i++) {
		if (strcmp(bs->files[i], real) == 0) {
			free(real);
			return 1;
		}
	}
	if (ARRAY_GROW(bs->files, bs->files_cap, bs->nfiles + 1) < 0) {
		free(real);
		return -1;
	}
	bs->files[bs->nfiles++] = real;
	return 0;
}

/* Load one bank file. */
static int load_file(struct bankset *bs, const char *path, struct diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	enum fileio_err e;
	int r = note_file(bs, path);

	if (r < 0) {
		diags_oom(d);
		return -1;
	}
	if (r > 0)
		return 0;
	e = fileio_read(path, BANK_MAX_BYTES, &buf, &len);
	if (e != FILEIO_OK) {
		fileio_fail(d, e, errno, path, "cannot read bank");
		return -1;
	}
	r = bankset_load_buffer(bs, path, buf, len, d);
	free(buf);
	return r;
}

/* True if name ends in .yaml or .yml. */
static bool is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* Load every bank in a folder, sorted by name. */
static int load_dir(struct bankset *bs, const char *path, struct diags *d)
{
	char **names;
	size_t n;
	int rc = 0;

	if (fileio_list(path, is_yaml_name, &names, &n) < 0) {
		diags_errno(d, errno, path, "cannot open folder");
		return -1;
	}
	if (n == 0) {
		diags_error(d, path, 0, 0, "no *.yaml or *.yml bank files in "
			    "the folder");
		rc = -1;
	}
	for (size_t i = 0; i < n; i++) {
		int r = load_file(bs, names[i], d);

		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0)
			rc = 1;
	}
	fileio_list_free(names, n);
	return rc;
}

/* Load a bank file or folder. */
int bankset_load(struct bankset *bs, const char *path, struct diags *d)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diags_errno(d, errno, path, "cannot read bank");
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(bs, path, d);
	return load_file(bs, path, d);
}

/* Load two lists of bank paths; the worst result. */
int bankset_load_all(struct bankset *bs, const char *const *a, size_t na,
		     const char *const *b, size_t nb, struct diags *d)
{
	int worst = 0;

	for (size_t i = 0; i < na + nb; i++) {
		int r = bankset_load(bs, i < na ? a[i] : b[i - na], d);

		if (r < 0 || (r > 0 && worst == 0))
			worst = r;
	}
	return worst;
}
