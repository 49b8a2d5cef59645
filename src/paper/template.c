/* SPDX-License-Identifier: GPL-3.0-or-later */
/* template.c - paper template loader and checks (see template.h). */
#include "paper/template.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bank/question.h"
#include "base/fileio.h"
#include "base/points.h"
#include "base/sha256.h"
#include "paper/paper.h"
#include "paper/script.h"
#include "yaml/yfield.h"
#include "yaml/ynode.h"
#include "yaml/yvalue.h"

#define TEMPLATE_MAX_PICKS 1000

#define P_AT(m) offsetof(struct pick, m)
#define S_AT(m) offsetof(struct tsection, m)
#define T_AT(m) offsetof(struct template, m)


/* True if s is a valid paper code. */
static bool code_valid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

/* Read an optional 'lines' (ruled answer lines, 0 for none) of m into
 * *lines; -1 after an error. */
static int read_lines(const struct ysource *src, const struct ynode *m,
		      int *lines)
{
	const struct ynode *v = ynode_get(m, "lines");
	unsigned long long u;

	if (!v)
		return 0;
	if (yvalue_uint(src, v, "lines", MAX_ANSWER_LINES, &u) < 0)
		return -1;
	*lines = (int)u;
	return 0;
}

/* Read a pick's 'type' into the pick at obj. */
static int read_pick_type(const struct ysource *src, struct arena *a,
			  const struct ynode *v, const struct yfield *f,
			  void *obj)
{
	(void)a;
	return yvalue_enum(src, v, f->key, qtype_parse, "type", "true_false, "
			   "single, multiple, short or essay",
			   &((struct pick *)obj)->type);
}

/* Read a pick's 'difficulty' into the pick at obj. */
static int read_pick_difficulty(const struct ysource *src, struct arena *a,
				const struct ynode *v, const struct yfield *f,
				void *obj)
{
	(void)a;
	return yvalue_enum(src, v, f->key, difficulty_parse, "difficulty",
			   "easy, medium or hard",
			   &((struct pick *)obj)->difficulty);
}

/* Read a pick's 'points' (a positive whole or half number) into the pick
 * at obj. */
static int read_pick_points(const struct ysource *src, struct arena *a,
			    const struct ynode *v, const struct yfield *f,
			    void *obj)
{
	struct pick *p = obj;

	(void)a;
	if (yvalue_number(src, v, f->key, &p->points) < 0) {
		p->points = -1;
		return -1;
	}
	if (p->points <= 0 || !points_halves(p->points)) {
		yvalue_error(src, v, "'points' must be a positive whole or "
			     "half number, not '%.40s'", v->str);
		p->points = -1;
		return -1;
	}
	return 0;
}

/* The keys of a pick; count (which ids can stand for) and lines are read
 * by read_pick(). */
static const struct yfield pick_fields[] = {
	{ "type", read_pick_type, 0, 0, NULL },
	{ "tags", yfield_texts, P_AT(tags), P_AT(ntags), NULL },
	{ "any_tags", yfield_texts, P_AT(any_tags), P_AT(nany_tags), NULL },
	{ "difficulty", read_pick_difficulty, 0, 0, NULL },
	{ "bank", yfield_text, P_AT(bank), 0, NULL },
	{ "ids", yfield_texts, P_AT(ids), P_AT(nids), NULL },
	{ "count", NULL, 0, 0, NULL },
	{ "points", read_pick_points, 0, 0, NULL },
	{ "lines", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read one pick of a section. */
static int read_pick(const struct ysource *src, struct arena *a,
		     struct pick *p, const struct ynode *m)
{
	const struct ynode *v;
	unsigned long long u;
	int bad = 0;

	p->type = -1;
	p->difficulty = -1;
	p->points = -1;
	p->line = m->line;
	p->col = m->col;
	if (m->kind != YNODE_MAP) {
		yvalue_error(src, m, "a pick must be a mapping such as "
			     "{tags: [x], count: 3}, not %s",
			     ynode_kind_name(m->kind));
		return -1;
	}
	bad |= yfield_check_keys(src, m, pick_fields) > 0;
	if (yfield_read(src, a, m, pick_fields, p) < 0)
		bad = 1;
	v = ynode_get(m, "count");
	if (!v) {
		if (p->nids) {
			p->count = (unsigned)p->nids;
		} else {
			yvalue_error(src, m, "a pick needs 'count' (how many "
				     "questions to draw)");
			bad = 1;
		}
	} else if (yvalue_uint(src, v, "count", 10000, &u) < 0) {
		bad = 1;
	} else if (u == 0) {
		yvalue_error(src, v, "'count' must be at least 1");
		bad = 1;
	} else {
		p->count = (unsigned)u;
	}
	p->lines = -1;
	if (read_lines(src, m, &p->lines) < 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* The keys of a section; picks and lines are read by read_section(). */
static const struct yfield section_fields[] = {
	{ "title", yfield_text, S_AT(title), 0, "a section needs a 'title'" },
	{ "instructions", yfield_text, S_AT(instructions), 0, NULL },
	{ "picks", NULL, 0, 0, NULL },
	{ "lines", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read one section. */
static int read_section(const struct ysource *src, struct arena *a,
			struct tsection *s, const struct ynode *m)
{
	const struct ynode *v;
	int bad = 0;

	s->line = m->line;
	s->col = m->col;
	if (m->kind != YNODE_MAP) {
		yvalue_error(src, m, "a section must be a mapping with "
			     "'title' and 'picks', not %s",
			     ynode_kind_name(m->kind));
		return -1;
	}
	bad |= yfield_check_keys(src, m, section_fields) > 0;
	if (yfield_read(src, a, m, section_fields, s) < 0)
		bad = 1;
	if (!s->title)
		s->title = "?";
	v = ynode_get(m, "picks");
	if (!v || v->kind != YNODE_SEQ || v->n == 0) {
		yvalue_error(src, v ? v : m, "section '%s' needs 'picks': a "
			     "non-empty list", s->title);
		return -1;
	}
	s->picks = arena_calloc(a, v->n, sizeof(*s->picks));
	if (!s->picks)
		return -1;
	s->npicks = v->n;
	s->lines = -1;
	if (read_lines(src, m, &s->lines) < 0)
		bad = 1;
	for (size_t i = 0; i < v->n; i++) {
		if (read_pick(src, a, &s->picks[i], v->items[i]) < 0)
			bad = 1;
		else if (s->picks[i].lines < 0)
			s->picks[i].lines = s->lines;
	}
	return bad ? -1 : 0;
}

/* Read the pass mark: "60%" or a number of points, into the template at
 * obj. */
static int read_pass(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj)
{
	struct template *t = obj;
	double x;

	(void)a;
	(void)f;
	if (v->kind != YNODE_SCALAR)
		goto bad;
	if (v->len > 1 && v->str[v->len - 1] == '%') {
		char num[64];

		if (v->len >= sizeof(num))
			goto bad;
		memcpy(num, v->str, v->len - 1);
		num[v->len - 1] = '\0';
		if (!parse_decimal(num, &x) || x < 0 || x > 100)
			goto bad;
		t->pass_percent = true;
	} else if (!parse_decimal(v->str, &x) || x < 0) {
		goto bad;
	}
	t->pass_value = x;
	t->has_pass = true;
	return 0;
bad:
	yvalue_error(src, v, "'pass' must be a percentage such as 60%% or a "
		     "number of points");
	return -1;
}

/* Join the template's folder and a relative bank path. */
static const char *resolve_path(struct arena *a, const char *tpl_path,
				const char *rel)
{
	const char *slash = strrchr(tpl_path, '/');

	if (rel[0] == '/' || !slash)
		return rel;
	return arena_printf(a, "%.*s/%s", (int)(slash - tpl_path), tpl_path,
			    rel);
}

/* Read 'count' of 'forms' into the template at obj. */
static int read_forms_count(const struct ysource *src, struct arena *a,
			    const struct ynode *v, const struct yfield *f,
			    void *obj)
{
	unsigned long long u = 1;

	(void)a;
	if (yvalue_uint(src, v, f->key, PAPER_MAX_FORMS, &u) < 0 || u == 0) {
		if (u == 0)
			yvalue_error(src, v, "'count' must be 1 to %d",
				     PAPER_MAX_FORMS);
		return -1;
	}
	((struct template *)obj)->forms = (unsigned)u;
	return 0;
}

/* Read 'vary' of 'forms' into the template at obj. */
static int read_forms_vary(const struct ysource *src, struct arena *a,
			   const struct ynode *v, const struct yfield *f,
			   void *obj)
{
	struct template *t = obj;

	(void)a;
	if (!yvalue_str(src, v, f->key))
		return -1;
	if (strcmp(v->str, "order") == 0) {
		t->vary = VARY_ORDER;
	} else if (strcmp(v->str, "questions") == 0) {
		t->vary = VARY_QUESTIONS;
	} else {
		yvalue_error(src, v, "'vary' must be 'order' or 'questions', "
			     "not '%.40s'", v->str);
		return -1;
	}
	return 0;
}

/* Name of a final rule. */
const char *marking_final_name(enum marking_final f)
{
	return f == MARKING_ARBITER ? "arbiter" : "mean";
}

/* The final rule named s, or -1. */
int marking_final_parse(const char *s)
{
	if (!strcmp(s, "mean"))
		return MARKING_MEAN;
	if (!strcmp(s, "arbiter"))
		return MARKING_ARBITER;
	return -1;
}

/* Read 'tolerance' of 'marking' (0 or more, in halves) into the template
 * at obj. */
static int read_marking_tolerance(const struct ysource *src,
				  struct arena *a, const struct ynode *v,
				  const struct yfield *f, void *obj)
{
	struct template *t = obj;
	double x;

	(void)a;
	if (yvalue_number(src, v, f->key, &x) < 0)
		return -1;
	if (x < 0 || !points_halves(x)) {
		yvalue_error(src, v, "'tolerance' must be 0 or more points in "
			     "halves, not '%.40s'", v->str);
		return -1;
	}
	t->marking.tolerance = x;
	return 0;
}

/* Read 'final' of 'marking' into the template at obj. */
static int read_marking_final(const struct ysource *src, struct arena *a,
			      const struct ynode *v, const struct yfield *f,
			      void *obj)
{
	int r;

	(void)a;
	if (yvalue_enum(src, v, f->key, marking_final_parse, "final rule",
			"mean or arbiter", &r) < 0)
		return -1;
	((struct template *)obj)->marking.final = (enum marking_final)r;
	return 0;
}

/* The keys of 'forms', 'shuffle', 'scoring' and 'marking'. */
static const struct yfield forms_fields[] = {
	{ "count", read_forms_count, 0, 0, NULL },
	{ "vary", read_forms_vary, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct yfield shuffle_fields[] = {
	{ "questions", yfield_bool, T_AT(shuffle_questions), 0, NULL },
	{ "options", yfield_bool, T_AT(shuffle_options), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct yfield scoring_fields[] = {
	{ "multiple", question_rule_field, T_AT(multiple_rule), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct yfield marking_fields[] = {
	{ "double", yfield_bool, T_AT(marking.twice), 0, NULL },
	{ "tolerance", read_marking_tolerance, 0, 0, NULL },
	{ "final", read_marking_final, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read the mapping v of option key into the template at obj by fields;
 * example shows one in the message when it is not a mapping. */
static int read_option_map(const struct ysource *src, const struct ynode *v,
			   const char *key, const char *example,
			   const struct yfield *fields, void *obj)
{
	int bad;

	if (v->kind != YNODE_MAP) {
		yvalue_error(src, v, "'%s' must be a mapping such as %s", key,
			     example);
		return -1;
	}
	bad = yfield_check_keys(src, v, fields) > 0;
	if (yfield_read(src, NULL, v, fields, obj) < 0)
		bad = 1;
	return bad ? -1 : 0;
}

/* Read 'forms' into the template at obj. */
static int read_forms(const struct ysource *src, struct arena *a,
		      const struct ynode *v, const struct yfield *f, void *obj)
{
	(void)a;
	return read_option_map(src, v, f->key, "{count: 2, vary: order}",
			       forms_fields, obj);
}

/* Read 'shuffle' into the template at obj. */
static int read_shuffle(const struct ysource *src, struct arena *a,
			const struct ynode *v, const struct yfield *f,
			void *obj)
{
	(void)a;
	return read_option_map(src, v, f->key,
			       "{questions: true, options: true}",
			       shuffle_fields, obj);
}

/* Read 'scoring' into the template at obj. */
static int read_scoring(const struct ysource *src, struct arena *a,
			const struct ynode *v, const struct yfield *f,
			void *obj)
{
	(void)a;
	return read_option_map(src, v, f->key, "{multiple: exact}",
			       scoring_fields, obj);
}

/* Read 'marking' into the template at obj. */
static int read_marking(const struct ysource *src, struct arena *a,
			const struct ynode *v, const struct yfield *f,
			void *obj)
{
	(void)a;
	((struct template *)obj)->has_marking = true;
	return read_option_map(src, v, f->key, "{double: true, tolerance: 2, "
			       "final: mean}", marking_fields, obj);
}

/* Read 'code' into the template at obj: text that can name files. */
static int read_code(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj)
{
	struct template *t = obj;

	if (yfield_text(src, a, v, f, obj) < 0)
		return -1;
	if (!t->code)
		return 0;
	if (!code_valid(t->code)) {
		yvalue_error(src, v, "code '%.60s' may use only letters, "
			     "digits, '.', '_' and '-'", t->code);
		return -1;
	}
	if (fileio_name_reserved(t->code)) {
		yvalue_error(src, v, "code '%s' cannot name files: it is a "
			     "device name on Windows", t->code);
		return -1;
	}
	return 0;
}

/* Read 'language' into the template at obj. */
static int read_language(const struct ysource *src, struct arena *a,
			 const struct ynode *v, const struct yfield *f,
			 void *obj)
{
	int s;

	(void)a;
	if (!yvalue_str(src, v, f->key))
		return -1;
	if ((s = script_of_template_language(v->str)) < 0) {
		yvalue_error(src, v, "'language' must be zh-Hans, zh-Hant or "
			     "en (zh is zh-Hans), not '%.40s'", v->str);
		return -1;
	}
	((struct template *)obj)->language = script_tag((enum script)s);
	return 0;
}

/* Read 'duration' (minutes) into the template at obj. */
static int read_duration(const struct ysource *src, struct arena *a,
			 const struct ynode *v, const struct yfield *f,
			 void *obj)
{
	unsigned long long u;

	(void)a;
	if (yvalue_uint(src, v, f->key, 24 * 60, &u) < 0)
		return -1;
	((struct template *)obj)->duration = (unsigned)u;
	return 0;
}

/* Read 'total' (points, more than 0) and where it stands into the
 * template at obj. */
static int read_total(const struct ysource *src, struct arena *a,
		      const struct ynode *v, const struct yfield *f, void *obj)
{
	struct template *t = obj;

	(void)a;
	t->total_line = v->line;
	t->total_col = v->col;
	if (yvalue_number(src, v, f->key, &t->total) < 0 || t->total <= 0) {
		if (t->total <= 0 && t->total != -1)
			yvalue_error(src, v, "'total' must be more than 0");
		t->total = -1;
		return -1;
	}
	return 0;
}

/* Read 'banks' into the template at obj, each relative to its folder. */
static int read_banks(const struct ysource *src, struct arena *a,
		      const struct ynode *v, const struct yfield *f, void *obj)
{
	struct template *t = obj;
	const char **rel;
	long n = yvalue_str_list(src, v, f->key, true, a, &rel);

	if (n < 0)
		return -1;
	t->banks = arena_calloc(a, (size_t)n + 1, sizeof(*t->banks));
	if (!t->banks)
		return -1;
	for (long i = 0; i < n; i++)
		if (!(t->banks[i] = resolve_path(a, t->path, rel[i])))
			return -1;
	t->nbanks = (size_t)n;
	return 0;
}

/* The keys of a template; sections are read by read_template(). */
static const struct yfield template_fields[] = {
	{ "code", read_code, T_AT(code), 0,
	  "a template needs a 'code' such as CSM-2026" },
	{ "title", yfield_text, T_AT(title), 0, "a template needs a 'title'" },
	{ "language", read_language, 0, 0, NULL },
	{ "duration", read_duration, 0, 0, NULL },
	{ "banks", read_banks, 0, 0, NULL },
	{ "total", read_total, 0, 0, NULL },
	{ "pass", read_pass, 0, 0, NULL },
	{ "forms", read_forms, 0, 0, NULL },
	{ "shuffle", read_shuffle, 0, 0, NULL },
	{ "scoring", read_scoring, 0, 0, NULL },
	{ "marking", read_marking, 0, 0, NULL },
	{ "sections", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

/* Read every part of a template document. */
static int read_template(const struct ysource *src, struct template *t,
			 const struct ynode *root)
{
	struct arena *a = &t->arena;
	const struct ynode *v;
	size_t npicks = 0;
	int bad = 0;

	if (!root || root->kind != YNODE_MAP) {
		diags_error(src->d, src->path, root ? root->line : 1,
			    root ? root->col : 1, "a template must be a "
			    "mapping with 'code', 'title' and 'sections'");
		return -1;
	}
	bad |= yfield_check_keys(src, root, template_fields) > 0;
	if (yfield_read(src, a, root, template_fields, t) < 0)
		bad = 1;
	if (t->arena.failed)
		return -1;
	if (!t->code)
		t->code = "PAPER";
	if (!t->title)
		t->title = t->code;
	v = ynode_get(root, "sections");
	if (!v || v->kind != YNODE_SEQ || v->n == 0) {
		yvalue_error(src, v ? v : root, "a template needs 'sections': "
			     "a non-empty list");
		return -1;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *pk = ynode_get(v->items[i], "picks");

		npicks += pk && pk->kind == YNODE_SEQ ? pk->n : 0;
	}
	if (npicks > TEMPLATE_MAX_PICKS) {
		/* checking picks against each other is quadratic */
		yvalue_error(src, v, "too many picks: %zu (at most %d)",
			     npicks, TEMPLATE_MAX_PICKS);
		return -1;
	}
	t->sections = arena_calloc(a, v->n, sizeof(*t->sections));
	if (!t->sections)
		return -1;
	t->nsections = v->n;
	for (size_t i = 0; i < v->n; i++)
		if (read_section(src, a, &t->sections[i], v->items[i]) < 0)
			bad = 1;
	return bad ? 1 : 0;
}

/* Load a template from memory (path names it in messages and is the base
 * of relative bank paths). */
struct template *template_load_buffer(const char *path, const char *buf,
				      size_t len, struct diags *d, bool *bad)
{
	struct template *t = calloc(1, sizeof(*t));
	struct ysource src = { NULL, d };
	struct ynode *root;
	struct sha256 digest;
	size_t errors = d->errors;

	*bad = false;
	if (!t) {
		diags_oom(d);
		return NULL;
	}
	arena_init(&t->arena);
	t->forms = 1;
	t->shuffle_questions = true;
	t->shuffle_options = true;
	t->multiple_rule = MC_EXACT;
	t->total = -1;
	t->language = script_tag(SCRIPT_HANS);
	sha256_init(&digest);
	sha256_update(&digest, buf, len);
	memcpy(t->digest, "sha256:", 7);
	sha256_hex(&digest, t->digest + 7);
	if (!(t->path = arena_strdup(&t->arena, path)))
		goto fail;
	src.path = t->path;
	if (ydoc_parse(&t->arena, path, buf, len, &root, d) < 0) {
		if (diags_out_of_memory(d))
			goto fail;
		*bad = true;
		t->nsections = 0;
		return t;
	}
	if ((read_template(&src, t, root) < 0 && diags_out_of_memory(d)) || t->arena.failed)
		goto fail;
	*bad = d->errors > errors;
	return t;
fail:
	diags_oom(d);
	template_free(t);
	return NULL;
}

/* Load a template file. */
struct template *template_load(const char *path, struct diags *d, bool *bad)
{
	struct template *t;
	char *buf = NULL;
	size_t len;
	enum fileio_err e;

	*bad = false;
	e = fileio_read(path, TEMPLATE_MAX_BYTES, &buf, &len);
	if (e != FILEIO_OK) {
		fileio_fail(d, e, errno, path, "cannot read template");
		return NULL;
	}
	t = template_load_buffer(path, buf, len, d, bad);
	free(buf);
	return t;
}

/* Free a template. */
void template_free(struct template *t)
{
	if (!t)
		return;
	arena_release(&t->arena);
	free(t);
}

/* True if q has tag. */
static bool has_tag(const struct question *q, const char *tag)
{
	for (size_t i = 0; i < q->ntags; i++)
		if (strcmp(q->tags[i], tag) == 0)
			return true;
	return false;
}

/* True if question q passes the pick's filters. */
bool pick_matches(const struct pick *p, const struct question *q)
{
	if (p->type >= 0 && q->type != (enum qtype)p->type)
		return false;
	if (p->difficulty >= 0 && q->difficulty != (enum difficulty)p->difficulty)
		return false;
	if (p->bank && strcmp(p->bank, q->bank->name) != 0)
		return false;
	for (size_t i = 0; i < p->ntags; i++)
		if (!has_tag(q, p->tags[i]))
			return false;
	if (p->nany_tags) {
		size_t i;

		for (i = 0; i < p->nany_tags; i++)
			if (has_tag(q, p->any_tags[i]))
				break;
		if (i == p->nany_tags)
			return false;
	}
	if (p->nids) {
		size_t i;

		for (i = 0; i < p->nids; i++)
			if (strcmp(p->ids[i], q->id) == 0)
				break;
		if (i == p->nids)
			return false;
	}
	return true;
}

/* Pass mark in points. */
double template_pass_points(const struct template *t, double total)
{
	if (!t->has_pass)
		return total * 0.6;
	if (t->pass_percent)
		return total * t->pass_value / 100.0;
	return t->pass_value;
}
