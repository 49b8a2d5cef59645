/* SPDX-License-Identifier: GPL-3.0-or-later */
/* key.c - answer keys (docs/build-id.md): key_write() prints one paper form's
 * key as YAML; key_load() reads it back with full checking, so grading needs
 * neither the banks nor the template.  A loaded key owns one arena holding
 * the key, its items, sections and strings. */
#include "paper/key.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/fileio.h"
#include "base/points.h"
#include "paper/buildid.h"
#include "paper/labels.h"
#include "yaml/ynode.h"
#include "yaml/ywrite.h"

#define KEY_MAX_BYTES ((size_t)64 * 1024 * 1024)

/* Write a letter string, quoted when YAML 1.1 readers would take it for a
 * boolean (Y, N, NO). */
static void yaml_letters(FILE *fp, const char *s)
{
	if (!strcmp(s, "Y") || !strcmp(s, "N") || !strcmp(s, "NO"))
		fprintf(fp, "\"%s\"", s);
	else
		fputs(s, fp);
}

/* Write a number in plain decimal. */
static void yaml_number(FILE *fp, double v)
{
	char buf[FORMAT_NUMBER_MAX];

	fputs(format_number(v, buf), fp);
}

/* Write a list of texts as a YAML flow sequence. */
static void yaml_texts(FILE *fp, const char *const *v, size_t n)
{
	fputc('[', fp);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", fp);
		ywrite_quoted(fp, v[i]);
	}
	fputc(']', fp);
}

/* Write what a marker on screen sees of a written question: its stem,
 * reference, keys and deductions (the guide's words). */
static void key_write_guide(FILE *fp, const struct question *q)
{
	fputs(",\n     stem: ", fp);
	ywrite_quoted(fp, q->stem);
	if (q->reference) {
		fputs(",\n     reference: ", fp);
		ywrite_quoted(fp, q->reference);
	}
	if (q->nkeys) {
		fputs(",\n     keys: ", fp);
		yaml_texts(fp, q->keys, q->nkeys);
	}
	if (q->ndeductions) {
		fputs(",\n     deductions: ", fp);
		yaml_texts(fp, q->deductions, q->ndeductions);
	}
}

/* Write one question line of the key. */
static void key_write_item(FILE *fp, const struct paper_item *it)
{
	const struct question *q = it->q;
	char letters[MASK_LETTERS_MAX];

	fprintf(fp, "  - {number: %u, id: ", it->no);
	ywrite_quoted(fp, q->id);
	fprintf(fp, ", type: %s, points: ", qtype_name(q->type));
	yaml_number(fp, it->points);
	switch (q->type) {
	case Q_TRUE_FALSE:
		fprintf(fp, ", answer: %c", q->answer_tf ? 'T' : 'F');
		break;
	case Q_SINGLE:
	case Q_MULTIPLE:
		fprintf(fp, ", options: %u, answer: ", it->noptions);
		yaml_letters(fp, mask_letters(it->answer, letters));
		if (q->type == Q_MULTIPLE)
			fprintf(fp, ", scoring: %s", mc_rule_name(it->rule));
		fputs(", order: [", fp);
		for (unsigned i = 0; i < it->noptions; i++) {
			letters[0] = (char)('A' + it->order[i]);
			letters[1] = '\0';
			fputs(i ? ", " : "", fp);
			yaml_letters(fp, letters);
		}
		fputc(']', fp);
		break;
	case Q_ESSAY:
		fputs(",\n     rubric: [", fp);
		for (size_t i = 0; i < q->nrubric; i++) {
			fputs(i ? ",\n              {criterion: " :
				  "{criterion: ", fp);
			ywrite_quoted(fp, q->rubric[i].text);
			fputs(", points: ", fp);
			yaml_number(fp, it->criteria ? it->criteria[i] :
					q->rubric[i].points);
			fputc('}', fp);
		}
		fputc(']', fp);
		key_write_guide(fp, q);
		break;
	case Q_SHORT:
		key_write_guide(fp, q);
		break;
	case Q_NTYPES:
		break;
	}
	fputs("}\n", fp);
}

/* Write the key of form f of paper p as YAML (what key_load reads). */
int key_write(FILE *fp, const struct paper *p, const struct paper_form *f,
	      const struct page_layout *pages)
{
	const struct template *t = p->tpl;
	char build[BUILD_ID_LEN + 1];
	struct sheet_layout layout;
	int rc;

	fputs("paper: ", fp);
	ywrite_quoted(fp, t->code);
	fprintf(fp, "\nbuild: \"%s\"", buildid_of_paper(p, build));
	fprintf(fp, "\nform: %s\nseed: %" PRIu64 "\nbank_digest: ", f->name,
		p->seed);
	ywrite_quoted(fp, p->digest);
	fputs("\ntitle: ", fp);
	ywrite_quoted(fp, t->title);
	/* the script of the paper's words, so that grade reports in it */
	fprintf(fp, "\nlanguage: %s\ntotal: ",
		t->language && !strcmp(t->language, "en") ? "en" :
		labels_for(p) == labels_get("zh-Hant") ? "zh-Hant" : "zh");
	yaml_number(fp, f->total);
	fputs("\npass: ", fp);
	yaml_number(fp, p->pass);
	if (t->has_marking) {
		fprintf(fp, "\nmarking: {double: %s, tolerance: ",
			t->marking.twice ? "true" : "false");
		yaml_number(fp, t->marking.tolerance);
		fprintf(fp, ", final: %s}",
			marking_final_name(t->marking.final));
	}
	fputs("\nsections:\n", fp);
	for (size_t s = 0; s < f->nsections; s++) {
		const struct paper_section *ps = &f->sections[s];

		fputs("  - {title: ", fp);
		ywrite_quoted(fp, ps->title);
		fputs(", questions: [", fp);
		for (size_t i = 0; i < ps->count; i++)
			fprintf(fp, "%s%u", i ? ", " : "",
				f->items[ps->first + i].no);
		fputs("], points: ", fp);
		yaml_number(fp, ps->points);
		fputs("}\n", fp);
	}
	fputs("questions:\n", fp);
	for (size_t i = 0; i < f->nitems; i++)
		key_write_item(fp, &f->items[i]);
	if (sheet_layout_build(&layout, p, f, NULL, NULL) < 0) {
		errno = ENOMEM;
		return -1;
	}
	rc = sheet_layout_write(fp, &layout, pages);
	sheet_layout_release(&layout);
	return rc < 0 || ferror(fp) ? -1 : 0;
}

/* State of one key_load(): the key being filled and where errors go. */
struct kload {
	struct key *k;
	const char *path;
	struct diags *d;
	size_t errors;
};

/* Record an error at node n. */
static void kerr(struct kload *L, const struct ynode *n, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));
static void kerr(struct kload *L, const struct ynode *n, const char *fmt,
		 ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diags_error(L->d, L->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
	L->errors++;
}

/* Check that every key of map is in allowed (NULL-terminated). */
static void check_keys(struct kload *L, const struct ynode *map,
		       const char *const *allowed, const char *what)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *kn = map->keys[i];
		size_t j;

		if (kn->kind != YNODE_SCALAR) {
			kerr(L, kn, "a key of %s must be a plain name", what);
			continue;
		}
		for (j = 0; allowed[j]; j++)
			if (!strcmp(allowed[j], kn->str))
				break;
		if (!allowed[j])
			kerr(L, kn, "unknown key '%s' in %s", kn->str, what);
	}
}

/* The value of a required key, or NULL after an error. */
static const struct ynode *need(struct kload *L, const struct ynode *map,
				const char *key, const char *what)
{
	const struct ynode *v = ynode_get(map, key);

	if (!v)
		kerr(L, map, "missing '%s' in %s", key, what);
	return v;
}

/* A scalar's string copied into the key arena, or NULL after an error. */
static const char *get_str(struct kload *L, const struct ynode *v,
			   const char *key)
{
	const char *s;

	if (!v)
		return NULL;
	if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
		kerr(L, v, "'%s' must be a text", key);
		return NULL;
	}
	s = arena_strndup(&L->k->arena, v->str, v->len);
	if (!s)
		diags_oom(L->d);
	return s;
}

/* A non-negative finite number, or -1 after an error. */
static double get_num(struct kload *L, const struct ynode *v, const char *key)
{
	char *end;
	double x;

	if (!v)
		return -1;
	if (v->kind == YNODE_SCALAR && v->len && !ynode_is_null(v)) {
		errno = 0;
		x = strtod(v->str, &end);
		if (!errno && end == v->str + v->len && isfinite(x) && x >= 0)
			return x;
	}
	kerr(L, v, "'%s' must be a number of 0 or more", key);
	return -1;
}

/* A whole number in lo..hi, or 0 after an error (lo must be >= 1). */
static unsigned long long get_uint(struct kload *L, const struct ynode *v,
				   const char *key, unsigned long long lo,
				   unsigned long long hi)
{
	unsigned long long x;
	char *end;

	if (!v)
		return 0;
	if (v->kind == YNODE_SCALAR && v->len && v->str[0] >= '0' &&
	    v->str[0] <= '9') {
		errno = 0;
		x = strtoull(v->str, &end, 10);
		if (!errno && end == v->str + v->len && x >= lo && x <= hi)
			return x;
	}
	kerr(L, v, "'%s' must be a whole number from %llu to %llu", key, lo,
	     hi);
	return 0;
}

/* Letters of a choice answer ("ACD" or [A, C, D]) into a mask; 0 after an
 * error. */
static uint32_t get_letters(struct kload *L, const struct ynode *v,
			    unsigned noptions)
{
	uint32_t mask = 0;
	size_t n = v->kind == YNODE_SEQ ? v->n : 1;

	for (size_t i = 0; i < n; i++) {
		const struct ynode *e = v->kind == YNODE_SEQ ? v->items[i] : v;

		if (e->kind != YNODE_SCALAR || !e->len) {
			kerr(L, e, "'answer' must be option letters");
			return 0;
		}
		for (size_t j = 0; j < e->len; j++) {
			int c = e->str[j];
			unsigned bit;

			if (c >= 'a' && c <= 'z')
				c -= 'a' - 'A';
			if (c < 'A' || c > 'Z') {
				kerr(L, e, "'answer' must be option letters, "
				     "not '%s'", e->str);
				return 0;
			}
			bit = (unsigned)(c - 'A');
			if (bit >= noptions) {
				kerr(L, e, "answer letter '%c' is beyond the "
				     "%u options", c, noptions);
				return 0;
			}
			if (mask & (UINT32_C(1) << bit)) {
				kerr(L, e, "answer letter '%c' is given twice",
				     c);
				return 0;
			}
			mask |= UINT32_C(1) << bit;
		}
	}
	if (!mask)
		kerr(L, v, "'answer' must name at least one option");
	return mask;
}

/* Read an `order` list into it->order: noptions distinct letters. */
static void load_order(struct kload *L, struct key_item *it,
		       const struct ynode *v)
{
	unsigned noptions = it->noptions;
	uint32_t seen = 0;

	if (v->kind != YNODE_SEQ || v->n != noptions) {
		kerr(L, v, "'order' must list %u option letters", noptions);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *e = v->items[i];
		unsigned bit;

		if (e->kind != YNODE_SCALAR || e->len != 1 || e->str[0] < 'A' ||
		    e->str[0] > 'Z') {
			kerr(L, e, "'order' must list option letters");
			return;
		}
		bit = (unsigned)(e->str[0] - 'A');
		if (seen & (UINT32_C(1) << bit)) {
			kerr(L, e, "option letter '%c' is given twice in "
			     "'order'", e->str[0]);
			return;
		}
		seen |= UINT32_C(1) << bit;
		it->order[i] = (unsigned char)bit;
	}
}

/* Read an essay rubric into it; criteria must add up to the points. */
static void load_rubric(struct kload *L, struct key_item *it,
			const struct ynode *v)
{
	static const char *const ckeys[] = { "criterion", "points", NULL };
	double sum = 0;

	if (v->kind != YNODE_SEQ || !v->n) {
		kerr(L, v, "'rubric' must be a non-empty list");
		return;
	}
	it->ncriteria = v->n;
	it->criteria = arena_calloc(&L->k->arena, v->n, sizeof(char *));
	it->criterion_points = arena_calloc(&L->k->arena, v->n,
					    sizeof(double));
	if (!it->criteria || !it->criterion_points) {
		diags_oom(L->d);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *c = v->items[i];

		if (c->kind != YNODE_MAP) {
			kerr(L, c, "a rubric entry must be a mapping");
			continue;
		}
		check_keys(L, c, ckeys, "a rubric entry");
		it->criteria[i] = get_str(L, need(L, c, "criterion",
						  "a rubric entry"),
					  "criterion");
		it->criterion_points[i] = get_num(L, need(L, c, "points",
							  "a rubric entry"),
						  "points");
		sum += it->criterion_points[i];
	}
	if (!points_eq(sum, it->points)) {
		char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];

		kerr(L, v, "rubric points add up to %s, not the question's %s",
		     format_number(sum, a), format_number(it->points, b));
	}
}

/* Keys a question of each type may have. */
static const char *const qkeys[Q_NTYPES][11] = {
	[Q_TRUE_FALSE] = { "number", "no", "id", "type", "points", "answer",
			   NULL },
	[Q_SINGLE] = { "number", "no", "id", "type", "points", "options",
		       "answer", "order", NULL },
	[Q_MULTIPLE] = { "number", "no", "id", "type", "points", "options",
			 "answer", "order", "scoring", NULL },
	[Q_SHORT] = { "number", "no", "id", "type", "points", "stem",
		      "reference", "keys", "deductions", NULL },
	[Q_ESSAY] = { "number", "no", "id", "type", "points", "rubric",
		      "stem", "reference", "keys", "deductions", NULL },
};

/* A list of texts (or one text) into *out and *n in the key arena. */
static void get_texts(struct kload *L, const struct ynode *v,
		      const char *key, const char ***out, size_t *n)
{
	size_t count = v->kind == YNODE_SEQ ? v->n : 1;

	*out = arena_calloc(&L->k->arena, count ? count : 1, sizeof(**out));
	if (!*out) {
		diags_oom(L->d);
		return;
	}
	for (size_t i = 0; i < count; i++)
		(*out)[i] = get_str(L, v->kind == YNODE_SEQ ? v->items[i] : v,
				    key);
	*n = count;
}

/* Read the guide's words of a written question (all optional). */
static void load_guide(struct kload *L, struct key_item *it,
		       const struct ynode *q)
{
	const struct ynode *v;

	if ((v = ynode_get(q, "stem")))
		it->stem = get_str(L, v, "stem");
	if ((v = ynode_get(q, "reference")))
		it->reference = get_str(L, v, "reference");
	if ((v = ynode_get(q, "keys")))
		get_texts(L, v, "keys", &it->keys, &it->nkeys);
	if ((v = ynode_get(q, "deductions")))
		get_texts(L, v, "deductions", &it->deductions,
			  &it->ndeductions);
}

/* Read `marking: {double, tolerance, final}` into the key. */
static void load_marking(struct kload *L, const struct ynode *m)
{
	static const char *const mkeys[] = { "double", "tolerance", "final",
					     NULL };
	struct marking *mk = &L->k->marking;
	const struct ynode *v;
	int r;

	if (m->kind != YNODE_MAP) {
		kerr(L, m, "'marking' must be a mapping");
		return;
	}
	check_keys(L, m, mkeys, "'marking'");
	if ((v = ynode_get(m, "double"))) {
		if (v->kind == YNODE_SCALAR && !strcmp(v->str, "true"))
			mk->twice = true;
		else if (v->kind != YNODE_SCALAR || strcmp(v->str, "false"))
			kerr(L, v, "'double' must be true or false");
	}
	if ((v = ynode_get(m, "tolerance"))) {
		mk->tolerance = get_num(L, v, "tolerance");
		if (mk->tolerance >= 0 && !points_halves(mk->tolerance))
			kerr(L, v, "'tolerance' must be in halves");
	}
	if ((v = ynode_get(m, "final"))) {
		r = v->kind == YNODE_SCALAR ? marking_final_parse(v->str) : -1;
		if (r < 0)
			kerr(L, v, "'final' must be mean or arbiter");
		else
			mk->final = (enum marking_final)r;
	}
}

/* The printed number of a question: `number`, or `no` as keys written by
 * examgen 0.1 have it (a YAML 1.1 reader takes that name for false). */
static const struct ynode *number_node(struct kload *L, const struct ynode *q)
{
	const struct ynode *num = ynode_get(q, "number");
	const struct ynode *no = ynode_get(q, "no");

	if (num && no) {
		kerr(L, no, "a question has both 'number' and 'no'");
		return NULL;
	}
	if (!num && !no)
		kerr(L, q, "missing 'number' in a question");
	return num ? num : no;
}

/* Read one question entry into its slot (by `no`). */
static void load_item(struct kload *L, const struct ynode *q)
{
	struct key *k = L->k;
	const struct ynode *v;
	struct key_item *it;
	unsigned no;
	int type;

	if (q->kind != YNODE_MAP) {
		kerr(L, q, "a question must be a mapping");
		return;
	}
	v = number_node(L, q);
	no = (unsigned)get_uint(L, v, v && v == ynode_get(q, "no") ? "no" :
				"number", 1, k->nitems);
	v = need(L, q, "type", "a question");
	if (!no || !v)
		return;
	type = v->kind == YNODE_SCALAR ? qtype_parse(v->str) : -1;
	if (type < 0) {
		kerr(L, v, "unknown question type '%s'",
		     v->kind == YNODE_SCALAR ? v->str : "?");
		return;
	}
	it = &k->items[no - 1];
	if (it->no) {
		kerr(L, q, "question %u is given twice", no);
		return;
	}
	it->no = no;
	it->type = (enum qtype)type;
	it->section = SIZE_MAX;
	check_keys(L, q, qkeys[type], "a question");
	it->id = get_str(L, need(L, q, "id", "a question"), "id");
	it->points = get_num(L, need(L, q, "points", "a question"), "points");
	switch (it->type) {
	case Q_TRUE_FALSE:
		v = need(L, q, "answer", "a true_false question");
		if (v && v->kind == YNODE_SCALAR &&
		    (!strcmp(v->str, "T") || !strcmp(v->str, "true")))
			it->answer_tf = true;
		else if (v && (v->kind != YNODE_SCALAR ||
			       (strcmp(v->str, "F") &&
				strcmp(v->str, "false"))))
			kerr(L, v, "'answer' must be T or F");
		break;
	case Q_SINGLE:
	case Q_MULTIPLE:
		it->noptions = (unsigned)get_uint(L, need(L, q, "options",
							  "a choice question"),
						  "options", 1, MAX_OPTIONS);
		v = need(L, q, "answer", "a choice question");
		if (it->noptions && v)
			it->answer = get_letters(L, v, it->noptions);
		if (it->type == Q_SINGLE && mask_count(it->answer) > 1)
			kerr(L, v, "a single-choice question has one answer "
			     "letter");
		if (it->noptions && (v = ynode_get(q, "order")))
			load_order(L, it, v);
		it->rule = it->type == Q_MULTIPLE ? MC_EXACT : MC_DEFAULT;
		if ((v = ynode_get(q, "scoring"))) {
			int r = v->kind == YNODE_SCALAR ? mc_rule_parse(v->str)
							: -1;

			if (r <= MC_DEFAULT)
				kerr(L, v, "'scoring' must be exact, half or "
				     "per_option");
			else
				it->rule = (enum mc_rule)r;
		}
		break;
	case Q_ESSAY:
		if ((v = need(L, q, "rubric", "an essay question")) &&
		    it->points >= 0)
			load_rubric(L, it, v);
		load_guide(L, it, q);
		break;
	case Q_SHORT:
		load_guide(L, it, q);
		break;
	case Q_NTYPES:
		break;
	}
}

/* Read the sections and tie every question to exactly one of them. */
static void load_sections(struct kload *L, const struct ynode *v)
{
	static const char *const skeys[] = { "title", "questions", "points",
					     NULL };
	struct key *k = L->k;

	if (v->kind != YNODE_SEQ || !v->n) {
		kerr(L, v, "'sections' must be a non-empty list");
		return;
	}
	k->nsections = v->n;
	k->sections = arena_calloc(&k->arena, v->n, sizeof(*k->sections));
	if (!k->sections) {
		diags_oom(L->d);
		return;
	}
	for (size_t s = 0; s < v->n; s++) {
		const struct ynode *sn = v->items[s], *qs;
		struct key_section *ks = &k->sections[s];
		double sum = 0;

		if (sn->kind != YNODE_MAP) {
			kerr(L, sn, "a section must be a mapping");
			continue;
		}
		check_keys(L, sn, skeys, "a section");
		ks->title = get_str(L, need(L, sn, "title", "a section"),
				    "title");
		ks->points = get_num(L, need(L, sn, "points", "a section"),
				     "points");
		qs = need(L, sn, "questions", "a section");
		if (!qs)
			continue;
		if (qs->kind != YNODE_SEQ) {
			kerr(L, qs, "'questions' of a section must be a list");
			continue;
		}
		ks->nos = arena_calloc(&k->arena, qs->n ? qs->n : 1,
				       sizeof(unsigned));
		if (!ks->nos) {
			diags_oom(L->d);
			return;
		}
		for (size_t i = 0; i < qs->n; i++) {
			unsigned no = (unsigned)get_uint(L, qs->items[i],
							 "questions", 1,
							 k->nitems);
			struct key_item *it = no ? &k->items[no - 1] : NULL;

			if (!it || !it->no)
				continue;
			if (it->section != SIZE_MAX) {
				kerr(L, qs->items[i], "question %u is in two "
				     "sections", no);
				continue;
			}
			it->section = s;
			ks->nos[ks->nitems++] = no;
			sum += it->points;
		}
		if (ks->points >= 0 && !points_eq(sum, ks->points)) {
			char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];

			kerr(L, sn, "section points %s do not match its "
			     "questions' %s", format_number(ks->points, a),
			     format_number(sum, b));
		}
	}
}

/* Read the QR codes and writing regions of the paper's pages from layout
 * node v: each region is a marker-scored question's. */
static void load_pages(struct kload *L, const struct ynode *v)
{
	const struct ysource src = { L->path, L->d };
	const struct ynode *rg = ynode_get(v, "regions");
	struct page_layout *pl = &L->k->pages;

	if (page_layout_load(pl, v, &src) < 0) {
		L->errors++;
		return;
	}
	for (size_t i = 0; i < pl->nregions; i++) {
		unsigned q = pl->regions[i].question;

		if (q > L->k->nitems || (L->k->items[q - 1].type != Q_SHORT &&
					 L->k->items[q - 1].type != Q_ESSAY))
			kerr(L, rg->items[i], "region of question %u, which "
			     "is no short or essay question", q);
	}
}

/* Check and read a parsed key document into L->k. */
static void load_root(struct kload *L, const struct ynode *root)
{
	static const char *const rkeys[] = {
		"paper", "build", "form", "seed", "bank_digest", "title",
		"language", "total", "pass", "marking", "sections",
		"questions", "layout", NULL
	};
	struct key *k = L->k;
	const struct ynode *v, *qs;
	double sum = 0;

	if (!root || root->kind != YNODE_MAP) {
		kerr(L, root, "a key file must be a mapping");
		return;
	}
	check_keys(L, root, rkeys, "a key");
	k->paper = get_str(L, need(L, root, "paper", "a key"), "paper");
	k->form = get_str(L, need(L, root, "form", "a key"), "form");
	if ((v = ynode_get(root, "build")) &&
	    (k->build = get_str(L, v, "build")) && !buildid_valid(k->build))
		kerr(L, v, "'build' must be 12 lower-case hex digits, not '%s'",
		     k->build);
	if ((v = ynode_get(root, "seed")))
		k->seed = get_uint(L, v, "seed", 0, UINT64_MAX);
	if ((v = ynode_get(root, "bank_digest")))
		k->bank_digest = get_str(L, v, "bank_digest");
	k->title = (v = ynode_get(root, "title")) ? get_str(L, v, "title")
						   : k->paper;
	k->language = "zh";
	if ((v = ynode_get(root, "language"))) {
		if (v->kind == YNODE_SCALAR && !strcmp(v->str, "en"))
			k->language = "en";
		else if (v->kind == YNODE_SCALAR && !strcmp(v->str, "zh-Hant"))
			k->language = "zh-Hant";
		else if (v->kind != YNODE_SCALAR || (strcmp(v->str, "zh") &&
						     strcmp(v->str, "zh-Hans")))
			kerr(L, v, "'language' must be zh, zh-Hans, zh-Hant "
			     "or en");
	}
	k->total = get_num(L, need(L, root, "total", "a key"), "total");
	k->pass = get_num(L, need(L, root, "pass", "a key"), "pass");
	if ((v = ynode_get(root, "marking")))
		load_marking(L, v);
	qs = need(L, root, "questions", "a key");
	v = need(L, root, "sections", "a key");
	if (!qs)
		return;
	if (qs->kind != YNODE_SEQ || !qs->n) {
		kerr(L, qs, "'questions' must be a non-empty list");
		return;
	}
	k->nitems = qs->n;
	k->items = arena_calloc(&k->arena, qs->n, sizeof(*k->items));
	if (!k->items) {
		diags_oom(L->d);
		return;
	}
	for (size_t i = 0; i < qs->n; i++)
		load_item(L, qs->items[i]);
	for (size_t i = 0; i < k->nitems; i++) {
		if (!k->items[i].no) {
			kerr(L, qs, "question %zu is missing from "
			     "'questions'", i + 1);
			return;
		}
		sum += k->items[i].points;
	}
	if ((v = ynode_get(root, "layout"))) {
		k->layout = calloc(1, sizeof(*k->layout));
		if (!k->layout)
			diags_oom(L->d);
		else if (sheet_layout_load(k->layout, v, L->path, L->d) < 0)
			L->errors++;
		else
			load_pages(L, v);
	}
	v = ynode_get(root, "sections");
	if (!v)
		return;
	load_sections(L, v);
	for (size_t i = 0; i < k->nitems && k->sections; i++)
		if (k->items[i].section == SIZE_MAX)
			kerr(L, v, "question %zu is in no section", i + 1);
	if (k->total >= 0 && !points_eq(sum, k->total)) {
		char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];

		kerr(L, ynode_get(root, "total"), "'total' %s does not match "
		     "the questions' %s points", format_number(k->total, a),
		     format_number(sum, b));
	}
	if (k->pass > k->total && k->total >= 0) {
		char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];

		kerr(L, ynode_get(root, "pass"), "'pass' %s is more than "
		     "'total' %s", format_number(k->pass, a),
		     format_number(k->total, b));
	}
}

/* Read and check a key file. */
struct key *key_load(const char *path, struct diags *d)
{
	struct kload L = { NULL, path, d, 0 };
	struct ynode *root = NULL;
	enum fileio_err fe;
	char *buf = NULL;
	size_t len = 0, skip = 0;
	struct key *k = calloc(1, sizeof(*k));

	if (!k) {
		diags_oom(d);
		return NULL;
	}
	arena_init(&k->arena);
	L.k = k;
	fe = fileio_read(path, KEY_MAX_BYTES, &buf, &len);
	if (fe != FILEIO_OK) {
		fileio_fail(d, fe, errno, path, "cannot read key");
		L.errors++;
		goto out;
	}
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		skip = 3;
	k->path = arena_strdup(&k->arena, path);
	if (!k->path) {
		diags_oom(d);
		L.errors++;
		goto out;
	}
	if (ydoc_parse(&k->arena, path, buf + skip, len - skip, &root, d)) {
		L.errors++;
		goto out;
	}
	load_root(&L, root);
	if (k->arena.failed)
		diags_oom(d);
	if (diags_out_of_memory(d))
		L.errors++;
out:
	free(buf);
	if (L.errors) {
		key_free(k);
		return NULL;
	}
	return k;
}

/* Free a key and its arena. */
void key_free(struct key *k)
{
	if (!k)
		return;
	if (k->layout) {
		sheet_layout_release(k->layout);
		free(k->layout);
	}
	page_layout_release(&k->pages);
	arena_release(&k->arena);
	free(k);
}
