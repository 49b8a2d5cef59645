/* bank.c - question bank loader and checks (see bank.h). */
#include "bank.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "ynode.h"
#include "yvalue.h"

#define BANK_MAX_BYTES ((size_t)256 * 1024 * 1024)

static const char *const qtype_names[] = {
	"true_false", "single", "multiple", "short", "essay", NULL
};
static const char *const difficulty_names[] = {
	"", "easy", "medium", "hard", NULL
};
static const char *const mc_rule_names[] = {
	"", "exact", "half", "per_option", NULL
};
static const char *const bank_keys[] = {
	"bank", "language", "defaults", "questions", NULL
};
static const char *const defaults_keys[] = { "points", NULL };
static const char *const question_keys[] = {
	"id", "type", "stem", "options", "answer", "points", "tags",
	"difficulty", "explanation", "reference", "keys", "deductions",
	"rubric", "group", "shuffle", "scoring", NULL
};
static const char *const option_keys[] = { "text", "fixed", NULL };
static const char *const criterion_keys[] = { "criterion", "points", NULL };

/* Index of s in a NULL-terminated name table, or -1. */
static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (names[i][0] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* SPEC name of a question type. */
const char *qtype_name(enum qtype t)
{
	return t < Q_NTYPES ? qtype_names[t] : "?";
}

/* Question type from its SPEC name. */
int qtype_parse(const char *s)
{
	return name_index(qtype_names, s);
}

/* SPEC name of a difficulty. */
const char *difficulty_name(enum difficulty d)
{
	return difficulty_names[d];
}

/* Difficulty from its SPEC name. */
int difficulty_parse(const char *s)
{
	return name_index(difficulty_names, s);
}

/* SPEC name of a multiple-choice rule. */
const char *mc_rule_name(enum mc_rule r)
{
	return mc_rule_names[r];
}

/* Multiple-choice rule from its SPEC name. */
int mc_rule_parse(const char *s)
{
	return name_index(mc_rule_names, s);
}

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

/* FNV-1a hash of an id. */
static size_t id_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* Slot of id in the index (empty slot if absent). */
static size_t index_slot(const struct bankset *bs, const char *id)
{
	size_t mask = bs->index_cap - 1, i = id_hash(id) & mask;

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

/* True if s is a valid question id. */
static bool id_valid(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	      (*s >= '0' && *s <= '9')))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

/* Read the options list of a choice question. */
static int read_options(const struct ysource *src, struct arena *a,
			struct question *q, const struct ynode *n)
{
	int bad = 0;

	if (n->kind != YNODE_SEQ) {
		yvalue_error(src, n, "'options' must be a list, not %s",
			     ynode_kind_name(n->kind));
		return -1;
	}
	if (n->n < 2) {
		yvalue_error(src, n, "'options' needs at least 2 options, "
			     "not %zu", n->n);
		return -1;
	}
	if (n->n > MAX_OPTIONS) {
		yvalue_error(src, n, "too many options: %zu (at most %d, "
			     "lettered A to Z)", n->n, MAX_OPTIONS);
		return -1;
	}
	q->options = arena_calloc(a, n->n, sizeof(*q->options));
	if (!q->options)
		return -1;
	q->noptions = n->n;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *o = n->items[i], *v;
		struct option *opt = &q->options[i];

		if (o->kind == YNODE_MAP) {
			bad |= yvalue_check_keys(src, o, option_keys) > 0;
			v = ynode_get(o, "text");
			if (!v) {
				yvalue_error(src, o, "option needs 'text'");
				bad = 1;
			} else if (!(opt->text = yvalue_text(src, v, "text"))) {
				bad = 1;
			}
			v = ynode_get(o, "fixed");
			if (v && yvalue_bool(src, v, "fixed", &opt->fixed) < 0)
				bad = 1;
		} else if (!(opt->text = yvalue_text(src, o, "option"))) {
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* Letter of a character (A-Z or a-z), or -1. */
static int letter_index(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	return -1;
}

/* Add one answer letter to the mask, reporting repeats and strays. */
static int answer_letter(const struct ysource *src, const struct ynode *n,
			 const struct question *q, int li, const char *c,
			 uint32_t *mask)
{
	if (li < 0) {
		int clen = 1;	/* the whole UTF-8 character, not one byte */

		while (clen < 4 && ((unsigned char)c[clen] & 0xc0) == 0x80)
			clen++;
		yvalue_error(src, n, "answer '%.40s' has '%.*s', which is not "
			     "an option letter", n->kind == YNODE_SCALAR ?
			     n->str : "", clen, c);
		return -1;
	}
	if ((size_t)li >= q->noptions) {
		yvalue_error(src, n, "answer '%c' is not an option (the "
			     "question has %zu options, A to %c)", 'A' + li,
			     q->noptions, (int)('A' + q->noptions - 1));
		return -1;
	}
	if (*mask & (1u << li)) {
		yvalue_error(src, n, "answer repeats option '%c'", 'A' + li);
		return -1;
	}
	*mask |= 1u << li;
	return 0;
}

/* Read a single/multiple answer: "A", "ABC", "A, C" or [A, C]. */
static int read_choice_answer(const struct ysource *src, struct question *q,
			      const struct ynode *n)
{
	uint32_t mask = 0;
	int bad = 0;

	if (n->kind == YNODE_SEQ) {
		for (size_t i = 0; i < n->n; i++) {
			const struct ynode *it = n->items[i];

			if (it->kind != YNODE_SCALAR || it->len != 1) {
				yvalue_error(src, it, "each answer in the "
					     "list must be one letter");
				bad = 1;
				continue;
			}
			if (answer_letter(src, it, q, letter_index(it->str[0]),
					  it->str, &mask) < 0)
				bad = 1;
		}
	} else if (n->kind == YNODE_SCALAR) {
		for (const char *p = n->str; *p; p++) {
			if (*p == ' ' || *p == ',')
				continue;
			if (answer_letter(src, n, q, letter_index(*p), p,
					  &mask) < 0) {
				bad = 1;
				break;
			}
		}
	} else {
		yvalue_error(src, n, "'answer' must be letters, not %s",
			     ynode_kind_name(n->kind));
		return -1;
	}
	if (bad)
		return -1;
	if (!mask) {
		yvalue_error(src, n, "'answer' is empty");
		return -1;
	}
	if (q->type == Q_SINGLE && (mask & (mask - 1))) {
		yvalue_error(src, n, "a single-choice question has one "
			     "answer, not '%.40s'", n->kind == YNODE_SCALAR ?
			     n->str : "a list");
		return -1;
	}
	q->answer = mask;
	return 0;
}

/* Read an essay rubric and check it against explicit points. */
static int read_rubric(const struct ysource *src, struct arena *a,
		       struct question *q, const struct ynode *n)
{
	double sum = 0;
	int bad = 0;

	if (n->kind != YNODE_SEQ || n->n == 0) {
		yvalue_error(src, n, "'rubric' must be a non-empty list of "
			     "{criterion, points}");
		return -1;
	}
	q->rubric = arena_calloc(a, n->n, sizeof(*q->rubric));
	if (!q->rubric)
		return -1;
	q->nrubric = n->n;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *c = n->items[i], *v;
		struct criterion *cr = &q->rubric[i];

		if (c->kind != YNODE_MAP) {
			yvalue_error(src, c, "a rubric entry must be a mapping "
				     "{criterion, points}, not %s",
				     ynode_kind_name(c->kind));
			bad = 1;
			continue;
		}
		bad |= yvalue_check_keys(src, c, criterion_keys) > 0;
		v = ynode_get(c, "criterion");
		if (!v) {
			yvalue_error(src, c, "rubric entry needs 'criterion'");
			bad = 1;
		} else if (!(cr->text = yvalue_text(src, v, "criterion"))) {
			bad = 1;
		}
		v = ynode_get(c, "points");
		if (!v) {
			yvalue_error(src, c, "rubric entry needs 'points'");
			bad = 1;
		} else if (yvalue_number(src, v, "points", &cr->points) < 0) {
			bad = 1;
		} else if (cr->points <= 0) {
			yvalue_error(src, v, "rubric 'points' must be more "
				     "than 0, not '%.40s'", v->str);
			bad = 1;
		}
		sum += cr->points;
	}
	if (bad)
		return -1;
	if (q->points_explicit && fabs(sum - q->points) > 1e-9) {
		const struct ynode *pn = n;

		yvalue_error(src, pn, "rubric adds up to %g points, but the "
			     "question has 'points: %g'", sum, q->points);
		return -1;
	}
	q->points = sum;
	return 0;
}

/* Fields that only some types may have: report misplaced ones. */
static int check_type_fields(const struct ysource *src, const struct ynode *m,
			     const struct question *q)
{
	bool choice = q->type == Q_SINGLE || q->type == Q_MULTIPLE;
	int bad = 0;
	const struct ynode *v;

	if ((v = ynode_get(m, "options")) && !choice) {
		yvalue_error(src, v, "a %s question has no 'options'",
			     qtype_name(q->type));
		bad = 1;
	}
	if ((v = ynode_get(m, "answer")) &&
	    (q->type == Q_SHORT || q->type == Q_ESSAY)) {
		yvalue_error(src, v, "a %s question has no 'answer' (use "
			     "'reference' for a reference answer)",
			     qtype_name(q->type));
		bad = 1;
	}
	if ((v = ynode_get(m, "rubric")) && q->type != Q_ESSAY) {
		yvalue_error(src, v, "'rubric' belongs to essay questions, "
			     "not %s", qtype_name(q->type));
		bad = 1;
	}
	if ((v = ynode_get(m, "scoring")) && q->type != Q_MULTIPLE) {
		yvalue_error(src, v, "'scoring' belongs to multiple "
			     "questions, not %s", qtype_name(q->type));
		bad = 1;
	}
	if ((v = ynode_get(m, "shuffle")) && !choice) {
		yvalue_error(src, v, "'shuffle' belongs to single and "
			     "multiple questions, not %s",
			     qtype_name(q->type));
		bad = 1;
	}
	return bad;
}

/* Optional text field: NULL when absent; sets *bad on a wrong type. */
static const char *opt_text(const struct ysource *src, const struct ynode *m,
			    const char *key, int *bad)
{
	const struct ynode *v = ynode_get(m, key);
	const char *s;

	if (!v || ynode_is_null(v))
		return NULL;
	s = yvalue_text(src, v, key);
	if (!s)
		*bad = 1;
	return s;
}

/* "question 'ID'" for messages, or "the question" when it has no id. */
static const char *qref(const struct question *q, char buf[160])
{
	if (!q->id || strcmp(q->id, "?") == 0)
		return "the question";
	snprintf(buf, 160, "question '%.140s'", q->id);
	return buf;
}

/* Read the answer or rubric part of a question by type. */
static int read_type_body(const struct ysource *src, struct arena *a,
			  struct question *q, const struct ynode *m)
{
	const struct ynode *v;
	char qb[160];
	int bad = 0;

	switch (q->type) {
	case Q_TRUE_FALSE:
		v = ynode_get(m, "answer");
		if (!v) {
			yvalue_error(src, m, "%s needs 'answer' (true or "
				     "false)", qref(q, qb));
			return -1;
		}
		return yvalue_bool(src, v, "answer", &q->answer_tf);
	case Q_SINGLE:
	case Q_MULTIPLE:
		v = ynode_get(m, "options");
		if (!v) {
			yvalue_error(src, m, "%s needs 'options'",
				     qref(q, qb));
			bad = 1;
		} else if (read_options(src, a, q, v) < 0) {
			bad = 1;
		}
		v = ynode_get(m, "answer");
		if (!v) {
			yvalue_error(src, m, "%s needs 'answer'",
				     qref(q, qb));
			bad = 1;
		} else if (!bad && read_choice_answer(src, q, v) < 0) {
			bad = 1;
		}
		return bad ? -1 : 0;
	case Q_ESSAY:
		v = ynode_get(m, "rubric");
		if (!v) {
			yvalue_error(src, m, "%s needs a 'rubric' (it is an "
				     "essay)", qref(q, qb));
			return -1;
		}
		return read_rubric(src, a, q, v);
	case Q_SHORT:
	case Q_NTYPES:
		break;
	}
	return 0;
}

/* Read the enum-valued and list fields shared by every type. */
static int read_common(const struct ysource *src, struct arena *a,
		       struct question *q, const struct ynode *m)
{
	const struct ynode *v;
	int bad = 0, i;
	long n;

	if ((v = ynode_get(m, "tags"))) {
		n = yvalue_str_list(src, v, "tags", false, a, &q->tags);
		if (n < 0)
			bad = 1;
		else
			q->ntags = (size_t)n;
	}
	if ((v = ynode_get(m, "keys"))) {
		n = yvalue_str_list(src, v, "keys", true, a, &q->keys);
		if (n < 0)
			bad = 1;
		else
			q->nkeys = (size_t)n;
	}
	if ((v = ynode_get(m, "deductions"))) {
		n = yvalue_str_list(src, v, "deductions", true, a,
				    &q->deductions);
		if (n < 0)
			bad = 1;
		else
			q->ndeductions = (size_t)n;
	}
	if ((v = ynode_get(m, "difficulty"))) {
		const char *s = yvalue_str(src, v, "difficulty");

		if (!s) {
			bad = 1;
		} else if ((i = difficulty_parse(s)) < 0) {
			yvalue_error(src, v, "unknown difficulty '%.40s' "
				     "(easy, medium or hard)", s);
			bad = 1;
		} else {
			q->difficulty = (enum difficulty)i;
		}
	}
	if ((v = ynode_get(m, "scoring"))) {
		const char *s = yvalue_str(src, v, "scoring");

		if (!s) {
			bad = 1;
		} else if ((i = mc_rule_parse(s)) < 0) {
			yvalue_error(src, v, "unknown scoring rule '%.40s' "
				     "(exact, half or per_option)", s);
			bad = 1;
		} else {
			q->scoring = (enum mc_rule)i;
		}
	}
	if ((v = ynode_get(m, "shuffle")) &&
	    yvalue_bool(src, v, "shuffle", &q->shuffle) < 0)
		bad = 1;
	q->explanation = opt_text(src, m, "explanation", &bad);
	q->reference = opt_text(src, m, "reference", &bad);
	q->group = opt_text(src, m, "group", &bad);
	return bad ? -1 : 0;
}

/* Read one question mapping into q; -1 if it has problems. */
static int read_question(const struct ysource *src, struct arena *a,
			 const struct bank *b, struct question *q,
			 const struct ynode *m)
{
	const struct ynode *v;
	char qb[160];
	int bad = 0, t;

	memset(q, 0, sizeof(*q));	/* the slot may hold a rejected question */
	q->id = "?";
	q->bank = b;
	q->line = m->line;
	q->col = m->col;
	q->shuffle = true;
	q->points = b->default_points;
	if (m->kind != YNODE_MAP) {
		yvalue_error(src, m, "a question must be a mapping, not %s",
			     ynode_kind_name(m->kind));
		return -1;
	}
	bad |= yvalue_check_keys(src, m, question_keys) > 0;
	v = ynode_get(m, "id");
	if (!v) {
		yvalue_error(src, m, "question needs an 'id'");
		bad = 1;
	} else if (!(q->id = yvalue_text(src, v, "id"))) {
		q->id = "?";
		bad = 1;
	} else if (!id_valid(q->id)) {
		yvalue_error(src, v, "id '%.60s' must start with a letter or "
			     "digit and use only letters, digits, '.', '_' "
			     "and '-'", q->id);
		bad = 1;
	}
	v = ynode_get(m, "type");
	if (!v) {
		yvalue_error(src, m, "%s needs a 'type'", qref(q, qb));
		return -1;
	}
	if (!yvalue_str(src, v, "type"))
		return -1;
	if ((t = qtype_parse(v->str)) < 0) {
		const char *hint = yvalue_suggest(v->str, qtype_names);

		yvalue_error(src, v, "unknown type '%.40s'%s%s%s (true_false, "
			     "single, multiple, short or essay)", v->str,
			     hint ? "; did you mean '" : "", hint ? hint : "",
			     hint ? "'?" : "");
		return -1;
	}
	q->type = (enum qtype)t;
	v = ynode_get(m, "stem");
	if (!v) {
		yvalue_error(src, m, "%s needs a 'stem'", qref(q, qb));
		bad = 1;
	} else if (!(q->stem = yvalue_text(src, v, "stem"))) {
		bad = 1;
	}
	if ((v = ynode_get(m, "points"))) {
		if (yvalue_number(src, v, "points", &q->points) < 0) {
			bad = 1;
		} else if (q->points <= 0) {
			yvalue_error(src, v, "'points' must be more than 0, "
				     "not '%.40s'", v->str);
			bad = 1;
		} else {
			q->points_explicit = true;
		}
	}
	bad |= check_type_fields(src, m, q);
	if (read_common(src, a, q, m) < 0)
		bad = 1;
	if (read_type_body(src, a, q, m) < 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* Append a bank pointer to the set. */
static int bankset_push(struct bankset *bs, struct bank *b)
{
	if (bs->nbanks == bs->cap) {
		size_t cap = bs->cap ? bs->cap * 2 : 8;
		struct bank **v = realloc(bs->banks, cap * sizeof(*v));

		if (!v)
			return -1;
		bs->banks = v;
		bs->cap = cap;
	}
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

	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 256;
		struct question *v = realloc(st->v, cap * sizeof(*v));

		if (!v)
			return -1;
		st->v = v;
		st->cap = cap;
	}
	q = &st->v[st->n];
	(void)read_question(&st->src, &st->bs->arena, st->b, q, item);
	if (!id_valid(q->id))
		return 0;
	if (keep_strings(&st->bs->arena, q) < 0)
		return -1;
	st->n++;
	return 0;
}

/* Read the top level of a bank document; *qsp is set to its questions
 * list when that is one (its items were read while parsing). */
static int read_bank(struct bankset *bs, const struct ysource *src,
		     struct bank *b, const struct ynode *root,
		     const struct ynode **qsp)
{
	struct arena *a = &bs->arena;
	const struct ynode *v, *qs;
	int bad = 0;

	*qsp = NULL;

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
	bad |= yvalue_check_keys(src, root, bank_keys) > 0;
	b->name = opt_text(src, root, "bank", &bad);
	if (!b->name)
		b->name = file_stem(a, src->path);
	b->language = opt_text(src, root, "language", &bad);
	b->default_points = 1;
	if ((v = ynode_get(root, "defaults"))) {
		if (v->kind != YNODE_MAP) {
			yvalue_error(src, v, "'defaults' must be a mapping");
			bad = 1;
		} else {
			const struct ynode *p = ynode_get(v, "points");

			bad |= yvalue_check_keys(src, v, defaults_keys) > 0;
			if (p && (yvalue_number(src, p, "points",
						&b->default_points) < 0 ||
				  b->default_points <= 0)) {
				if (b->default_points <= 0)
					yvalue_error(src, p, "'points' must "
						     "be more than 0");
				b->default_points = 1;
				bad = 1;
			}
		}
	}
	qs = ynode_get(root, "questions");
	if (!qs) {
		yvalue_error(src, root, "a bank needs 'questions:'");
		return 1;
	}
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
	int r, rc = -1;

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
	b->default_points = NAN;
	sha256_update(&bs->digest, buf, len);
	if (ydoc_parse_items(&bs->arena, &scratch, path, buf, len,
			     "questions", on_question, &st, &root, d) < 0) {
		rc = d->oom ? -1 : 1;
		goto out;
	}
	r = read_bank(bs, &src, b, root, &qs);
	if (r < 0)
		goto oom;
	/* a list that was not streamed (an alias) is read now */
	for (size_t i = 0; qs && i < qs->n; i++)
		if (on_question(&st, qs->items[i]) < 0)
			goto oom;
	/* the questions' messages count only when the whole file parsed */
	for (size_t i = 0; i < st.diags.n; i++) {
		const struct diag *e = &st.diags.v[i];

		diags_add(d, e->level, e->path, e->line, e->col, "%s", e->msg);
	}
	if (st.diags.oom)
		goto oom;
	if (qs && add_questions(bs, &src, b, &st) < 0)
		goto oom;
	if (bankset_push(bs, b) < 0) {
		free(b->questions);
		goto oom;
	}
	rc = d->errors > errors ? 1 : 0;
	goto out;
oom:
	d->oom = 1;
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
	if (bs->nfiles == bs->files_cap) {
		size_t cap = bs->files_cap ? bs->files_cap * 2 : 8;
		char **v = realloc(bs->files, cap * sizeof(*v));

		if (!v) {
			free(real);
			return -1;
		}
		bs->files = v;
		bs->files_cap = cap;
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
		d->oom = 1;
		return -1;
	}
	if (r > 0)
		return 0;
	e = fileio_read(path, BANK_MAX_BYTES, &buf, &len);
	if (e != FILEIO_OK) {
		diags_error(d, path, 0, 0, "cannot read bank: %s",
			    e == FILEIO_EIO ? diag_errno(errno) :
			    fileio_strerror(e));
		return -1;
	}
	r = bankset_load_buffer(bs, path, buf, len, d);
	free(buf);
	return r;
}

/* Compare two strings for qsort. */
static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True if name ends in .yaml or .yml. */
static bool is_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' &&
	       ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
		(n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

/* Load every bank in a folder, sorted by name. */
static int load_dir(struct bankset *bs, const char *path, struct diags *d)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!dir) {
		diags_error(d, path, 0, 0, "cannot open folder: %s",
			    diag_errno(errno));
		return -1;
	}
	while ((de = readdir(dir))) {
		if (!is_yaml_name(de->d_name))
			continue;
		if (n == cap) {
			char **v;

			cap = cap ? cap * 2 : 16;
			v = realloc(names, cap * sizeof(*v));
			if (!v) {
				rc = -1;
				goto out;
			}
			names = v;
		}
		if (!(names[n] = fileio_join(path, de->d_name))) {
			rc = -1;
			goto out;
		}
		n++;
	}
	if (n == 0) {
		diags_error(d, path, 0, 0, "no *.yaml or *.yml bank files in "
			    "the folder");
		rc = -1;
		goto out;
	}
	qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++) {
		int r = load_file(bs, names[i], d);

		if (r < 0) {
			rc = -1;
			goto out;
		}
		if (r > 0)
			rc = 1;
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dir);
	return rc;
}

/* Load a bank file or folder. */
int bankset_load(struct bankset *bs, const char *path, struct diags *d)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diags_error(d, path, 0, 0, "cannot read bank: %s",
			    diag_errno(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(bs, path, d);
	return load_file(bs, path, d);
}
