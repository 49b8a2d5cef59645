/* SPDX-License-Identifier: GPL-3.0-or-later */
/* question.c - reading one question of a bank (docs/bank-format.md,
 * section 2): its fields, their types and the rules between them, with a
 * message at the right line and column for every problem.  Also the names
 * banks write for the enums in bank.h. */
#include "bank/question.h"
#include "bank/optref.h"
#include "base/points.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const qtype_names[] = {
	"true_false", "single", "multiple", "short", "essay", NULL
};
static const char *const difficulty_names[] = {
	"", "easy", "medium", "hard", NULL
};
static const char *const mc_rule_names[] = {
	"", "exact", "half", "per_option", NULL
};

/* Index of s in a NULL-terminated name table, or -1. */
static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (names[i][0] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* The name banks write for a question type. */
const char *qtype_name(enum qtype t)
{
	return t < Q_NTYPES ? qtype_names[t] : "?";
}

/* Question type from the name banks write. */
int qtype_parse(const char *s)
{
	return name_index(qtype_names, s);
}

/* The name banks write for a difficulty. */
const char *difficulty_name(enum difficulty d)
{
	return difficulty_names[d];
}

/* Difficulty from the name banks write. */
int difficulty_parse(const char *s)
{
	return name_index(difficulty_names, s);
}

/* The name banks write for a multiple-choice rule. */
const char *mc_rule_name(enum mc_rule r)
{
	return mc_rule_names[r];
}

/* Multiple-choice rule from the name banks write. */
int mc_rule_parse(const char *s)
{
	return name_index(mc_rule_names, s);
}

/* True if s is a valid question id. */
bool question_id_valid(const char *s)
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

/* Read non-empty text (null is not text) into the const char * of obj
 * at f->off. */
static int read_text(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj)
{
	const char *s;

	(void)a;
	if (!(s = yvalue_text(src, v, f->key)))
		return -1;
	*(const char **)((char *)obj + f->off) = s;
	return 0;
}

/* The keys of an option written as a mapping. */
static const struct yfield option_fields[] = {
	{ "text", read_text, offsetof(struct option, text), 0,
	  "option needs 'text'" },
	{ "fixed", yfield_bool, offsetof(struct option, fixed), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

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
		const struct ynode *o = n->items[i];
		struct option *opt = &q->options[i];

		if (o->kind == YNODE_MAP) {
			bad |= yfield_check_keys(src, o, option_fields) > 0;
			if (yfield_read(src, a, o, option_fields, opt) < 0)
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

/* Read a rubric entry's 'points' (more than 0) into the criterion at
 * obj. */
static int read_criterion_points(const struct ysource *src, struct arena *a,
				 const struct ynode *v, const struct yfield *f,
				 void *obj)
{
	struct criterion *cr = obj;

	(void)a;
	if (yvalue_number(src, v, f->key, &cr->points) < 0)
		return -1;
	if (cr->points <= 0) {
		yvalue_error(src, v, "rubric 'points' must be more than 0, "
			     "not '%.40s'", v->str);
		return -1;
	}
	return 0;
}

/* The keys of a rubric entry. */
static const struct yfield criterion_fields[] = {
	{ "criterion", read_text, offsetof(struct criterion, text), 0,
	  "rubric entry needs 'criterion'" },
	{ "points", read_criterion_points, 0, 0,
	  "rubric entry needs 'points'" },
	{ NULL, NULL, 0, 0, NULL }
};

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
		const struct ynode *c = n->items[i];
		struct criterion *cr = &q->rubric[i];

		if (c->kind != YNODE_MAP) {
			yvalue_error(src, c, "a rubric entry must be a mapping "
				     "{criterion, points}, not %s",
				     ynode_kind_name(c->kind));
			bad = 1;
			continue;
		}
		bad |= yfield_check_keys(src, c, criterion_fields) > 0;
		if (yfield_read(src, a, c, criterion_fields, cr) < 0)
			bad = 1;
		sum += cr->points;
	}
	if (bad)
		return -1;
	if (q->points_explicit && !points_eq(sum, q->points)) {
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

/* Read 'difficulty' into the question at obj. */
static int read_difficulty(const struct ysource *src, struct arena *a,
			   const struct ynode *v, const struct yfield *f,
			   void *obj)
{
	int i;

	(void)a;
	if (yvalue_enum(src, v, f->key, difficulty_parse, "difficulty",
			"easy, medium or hard", &i) < 0)
		return -1;
	((struct question *)obj)->difficulty = (enum difficulty)i;
	return 0;
}

/* See question.h. */
int question_rule_field(const struct ysource *src, struct arena *a,
			const struct ynode *v, const struct yfield *f,
			void *obj)
{
	int i;

	(void)a;
	if (yvalue_enum(src, v, f->key, mc_rule_parse, "scoring rule",
			"exact, half or per_option", &i) < 0)
		return -1;
	*(enum mc_rule *)((char *)obj + f->off) = (enum mc_rule)i;
	return 0;
}

/* Read a review date: YYYY-MM-DD. */
static int read_date(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj)
{
	const char *s;
	bool ok;

	(void)a;
	if (!(s = yvalue_text(src, v, f->key)))
		return -1;
	ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
	for (size_t i = 0; ok && i < 10; i++)
		ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
	if (!ok) {
		yvalue_error(src, v, "'%s' must be a date YYYY-MM-DD, not "
			     "'%.40s'", f->key, s);
		return -1;
	}
	*(const char **)((char *)obj + f->off) = s;
	return 0;
}

/* The keys of 'reviewed'. */
static const struct yfield reviewed_fields[] = {
	{ "by", read_text, offsetof(struct question, reviewed_by), 0,
	  "'reviewed' needs 'by' (who reviewed the question)" },
	{ "date", read_date, offsetof(struct question, reviewed_date), 0,
	  "'reviewed' needs 'date' (YYYY-MM-DD)" },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read 'reviewed: {by, date}' into the question at obj. */
static int read_reviewed(const struct ysource *src, struct arena *a,
			 const struct ynode *v, const struct yfield *f,
			 void *obj)
{
	(void)f;
	if (v->kind != YNODE_MAP) {
		yvalue_error(src, v, "'reviewed' must be a mapping {by, date}, "
			     "not %s", ynode_kind_name(v->kind));
		return -1;
	}
	if (yfield_check_keys(src, v, reviewed_fields) > 0)
		return -1;
	return yfield_read(src, a, v, reviewed_fields, obj);
}

/* Report each {{option:N}} of text s (field key of node v) that names no
 * option of q; 1 if any. */
static int check_refs_in(const struct ysource *src, const struct ynode *v,
			 const struct question *q, const char *s)
{
	const char *at;
	size_t len;
	unsigned n;
	int bad = 0;

	for (; optref_find(s, &at, &len, &n); s = at + len) {
		if (n >= 1 && n <= q->noptions)
			continue;
		if (!q->noptions)
			yvalue_error(src, v, "'%.*s' in %s: a %s question has "
				     "no options to refer to", (int)len, at,
				     qtype_name(q->type), qtype_name(q->type));
		else
			yvalue_error(src, v, "'%.*s' names no option: "
				     "'{{option:N}}' takes N from 1 to %zu",
				     (int)len, at, q->noptions);
		bad = 1;
	}
	return bad;
}

/* Check the option references of the stem, options and explanation. */
static int check_refs(const struct ysource *src, const struct ynode *m,
		      const struct question *q)
{
	const struct ynode *v = ynode_get(m, "options");
	int bad = 0;

	bad |= check_refs_in(src, ynode_get(m, "stem"), q, q->stem);
	bad |= check_refs_in(src, ynode_get(m, "explanation"), q,
			     q->explanation);
	for (size_t i = 0; v && v->kind == YNODE_SEQ && i < q->noptions &&
	     i < v->n; i++)
		bad |= check_refs_in(src, v->items[i], q, q->options[i].text);
	return bad;
}

#define Q_AT(m) offsetof(struct question, m)

/* The keys of a question; the ones without a reader depend on the type
 * and are read by question_read(). */
static const struct yfield question_fields[] = {
	{ "id", NULL, 0, 0, NULL },
	{ "type", NULL, 0, 0, NULL },
	{ "stem", NULL, 0, 0, NULL },
	{ "options", NULL, 0, 0, NULL },
	{ "answer", NULL, 0, 0, NULL },
	{ "points", NULL, 0, 0, NULL },
	{ "tags", yfield_text_list, Q_AT(tags), Q_AT(ntags), NULL },
	{ "difficulty", read_difficulty, 0, 0, NULL },
	{ "explanation", yfield_text, Q_AT(explanation), 0, NULL },
	{ "reference", yfield_text, Q_AT(reference), 0, NULL },
	{ "keys", yfield_texts, Q_AT(keys), Q_AT(nkeys), NULL },
	{ "deductions", yfield_texts, Q_AT(deductions), Q_AT(ndeductions),
	  NULL },
	{ "rubric", NULL, 0, 0, NULL },
	{ "group", yfield_text, Q_AT(group), 0, NULL },
	{ "shuffle", yfield_bool, Q_AT(shuffle), 0, NULL },
	{ "scoring", question_rule_field, Q_AT(scoring), 0, NULL },
	{ "source", yfield_text, Q_AT(source), 0, NULL },
	{ "reviewed", read_reviewed, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read one question mapping into q; -1 if it has problems. */
int question_read(const struct ysource *src, struct arena *a,
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
	bad |= yfield_check_keys(src, m, question_fields) > 0;
	v = ynode_get(m, "id");
	if (!v) {
		yvalue_error(src, m, "question needs an 'id'");
		bad = 1;
	} else if (!(q->id = yvalue_text(src, v, "id"))) {
		q->id = "?";
		bad = 1;
	} else if (!question_id_valid(q->id)) {
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
	if (yfield_read(src, a, m, question_fields, q) < 0)
		bad = 1;
	if (read_type_body(src, a, q, m) < 0)
		bad = 1;
	else if (check_refs(src, m, q))
		bad = 1;
	return bad ? -1 : 0;
}
