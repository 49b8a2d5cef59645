/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-yaml.c - YAML answer sheets: one candidate per document (a file
 * with several, "---" between them, gives one each).  The document
 * is parsed into a scratch arena; what grading keeps (id, name, form, the
 * answers as written) is copied into the gradebook arena.  YAML syntax
 * errors become problems of the sheet, never a crash or a lost sheet. */
#include "grade/read-yaml.h"

#include <stdlib.h>
#include <string.h>

#include "yaml/ynode.h"

#define MAX_CRITERIA 128
#define MAX_DOCUMENTS 1000	/* sheets in one file read one by one */

/* State while one sheet is read. */
struct yread {
	struct gradebook *gb;
	struct candidate *c;
	struct sheet_cell *cells;	/* by no - 1 */
	const struct ynode **crit;	/* essay criterion lists, by no - 1 */
};

/* A copy of a scalar's text in the gradebook arena ("" on no memory). */
static const char *keep(struct yread *R, const struct ynode *n)
{
	char *s = arena_strndup(&R->gb->arena, n->str, n->len);

	if (!s)
		gradebook_oom(R->gb);
	return s ? s : "";
}

/* Text of an optional scalar field (trimmed copy), or "". */
static const char *field(struct yread *R, const struct ynode *map,
			 const char *key)
{
	const struct ynode *v = ynode_get(map, key);

	if (!v || ynode_is_null(v))
		return "";
	if (v->kind != YNODE_SCALAR) {
		candidate_problem(R->gb, R->c, v->line, v->col, 0,
				  "'%s' must be a text, not %s", key,
				  ynode_kind_name(v->kind));
		return "";
	}
	return keep(R, v);
}

/* Flag keys of map that are not in allowed (NULL-terminated). */
static void unknown_keys(struct yread *R, const struct ynode *map,
			 const char *const *allowed)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		size_t j = 0;

		while (allowed[j] && (k->kind != YNODE_SCALAR ||
				      strcmp(allowed[j], k->str)))
			j++;
		if (!allowed[j])
			candidate_problem(R->gb, R->c, k->line, k->col, 0,
					  "unknown key '%s'",
					  k->kind == YNODE_SCALAR ? k->str
								  : "?");
	}
}

/* The answer value of a list written for a choice question: its letters
 * joined with commas, so "[A, C]" reads like "A,C". */
static const char *join_list(struct yread *R, const struct ynode *v,
			     unsigned no)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != YNODE_SCALAR) {
			candidate_problem(R->gb, R->c, v->items[i]->line,
					  v->items[i]->col, no, "question %u: "
					  "a list inside an answer", no);
			return NULL;
		}
		len += v->items[i]->len + 1;
	}
	if (!(p = s = arena_alloc(&R->gb->arena, len))) {
		gradebook_oom(R->gb);
		return NULL;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			*p++ = ',';
		memcpy(p, v->items[i]->str, v->items[i]->len);
		p += v->items[i]->len;
	}
	*p = '\0';
	return s;
}

/* Take one `no: value` pair of answers into R->cells / R->crit. */
static void take_answer(struct yread *R, const struct ynode *kn,
			const struct ynode *v)
{
	const struct key *k = R->c->key;
	const char *end;
	unsigned long no;
	struct sheet_cell *cell;

	no = kn->kind == YNODE_SCALAR ? strtoul(kn->str, (char **)&end, 10)
				       : 0;
	if (!no || kn->str[0] < '1' || kn->str[0] > '9' || *end ||
	    no > k->nitems) {
		candidate_problem(R->gb, R->c, kn->line, kn->col, 0,
				  "no question '%s' on paper '%s' form '%s'",
				  kn->kind == YNODE_SCALAR ? kn->str : "?",
				  k->paper, k->form);
		return;
	}
	cell = &R->cells[no - 1];
	if (cell->line) {
		candidate_problem(R->gb, R->c, kn->line, kn->col,
				  (unsigned)no, "question %lu is answered "
				  "twice (the first counts)", no);
		return;
	}
	cell->line = v->line;
	cell->col = v->col;
	if (v->kind == YNODE_SCALAR) {
		cell->text = ynode_is_null(v) ? NULL : keep(R, v);
	} else if (v->kind == YNODE_SEQ &&
		   k->items[no - 1].type == Q_ESSAY) {
		R->crit[no - 1] = v;
	} else if (v->kind == YNODE_SEQ) {
		cell->text = join_list(R, v, (unsigned)no);
		if (!cell->text)
			cell->text = "";
	} else {
		candidate_problem(R->gb, R->c, v->line, v->col, (unsigned)no,
				  "question %lu: the answer must be a value "
				  "or a list, not %s", no,
				  ynode_kind_name(v->kind));
		cell->text = NULL;
		R->c->resp[no - 1].status = RESP_INVALID;
	}
}

/* Grade every question of the key from what the sheet holds. */
static void grade_all(struct yread *R)
{
	const struct key *k = R->c->key;
	struct sheet_cell crit[MAX_CRITERIA];

	for (unsigned no = 1; no <= k->nitems; no++) {
		const struct ynode *list = R->crit[no - 1];
		size_t ncrit = 0;

		if (R->c->resp[no - 1].status == RESP_INVALID)
			continue;
		if (!R->cells[no - 1].line)
			R->cells[no - 1].line = R->c->line;
		for (size_t i = 0; list && i < list->n && i < MAX_CRITERIA;
		     i++, ncrit++) {
			const struct ynode *e = list->items[i];

			crit[i].line = e->line;
			crit[i].col = e->col;
			crit[i].text = e->kind != YNODE_SCALAR ? "?" :
				       ynode_is_null(e) ? NULL : keep(R, e);
		}
		grade_answer(R->gb, R->c, no, &R->cells[no - 1], crit, ncrit);
	}
}

/* Read the candidate of a parsed sheet. */
static int read_sheet(struct yread *R, const struct ynode *root)
{
	static const char *const rkeys[] = { "paper", "build", "form",
					     "candidate", "answers", NULL };
	static const char *const ckeys[] = { "id", "name", NULL };
	struct gradebook *gb = R->gb;
	struct candidate *c = R->c;
	const struct ynode *cand, *ans;
	const char *paper, *build;
	const struct key *k;

	unknown_keys(R, root, rkeys);
	cand = ynode_get(root, "candidate");
	if (cand && cand->kind == YNODE_MAP) {
		unknown_keys(R, cand, ckeys);
		c->id = field(R, cand, "id");
		c->name = field(R, cand, "name");
	} else {
		candidate_problem(gb, c, cand ? cand->line : c->line,
				  cand ? cand->col : 0, 0, "'candidate' must "
				  "be a mapping with id and name");
	}
	paper = field(R, root, "paper");
	build = field(R, root, "build");
	c->form = field(R, root, "form");
	if (!*build)
		gradebook_unchecked(gb, c->file, c->line, *paper ? "'build'" :
				    "'paper' and 'build'");
	k = gradebook_sheet_key(gb, c, paper, build, c->line, 0, 0);
	if (!k)
		return 0;
	if (candidate_set_key(gb, c, k))
		return -1;
	R->cells = calloc(k->nitems, sizeof(*R->cells));
	R->crit = calloc(k->nitems, sizeof(*R->crit));
	if (!R->cells || !R->crit)
		return -1;
	ans = ynode_get(root, "answers");
	if (ans && ans->kind == YNODE_MAP)
		for (size_t i = 0; i < ans->n; i++)
			take_answer(R, ans->keys[i], ans->items[i]);
	else if (ans && !ynode_is_null(ans))
		candidate_problem(gb, c, ans->line, ans->col, 0,
				  "'answers' must be a mapping of question "
				  "numbers to answers");
	grade_all(R);
	return 0;
}

/* Read one document (text, whose earlier documents are blank lines, so
 * positions stay those of the file; it starts on line) as one
 * candidate. */
static int read_document(struct gradebook *gb, const char *file,
			 const char *text, size_t len, unsigned line)
{
	struct yread R = { gb, NULL, NULL, NULL };
	struct arena scratch;
	struct diags d;
	struct ynode *root = NULL;
	int rc = -1;

	arena_init(&scratch);
	diags_init(&d);
	if (!(R.c = gradebook_candidate(gb, file, line)))
		goto out;
	if (ydoc_parse(&scratch, file, text, len, &root, &d)) {
		if (diags_out_of_memory(&d))
			goto out;
		for (size_t i = 0; i < d.n; i++)
			candidate_problem(gb, R.c, d.v[i].line, d.v[i].col, 0,
					  "%s", d.v[i].msg);
	} else if (!root || root->kind != YNODE_MAP) {
		candidate_problem(gb, R.c, root ? root->line : 1,
				  root ? root->col : 0, 0, "a sheet must be a "
				  "mapping with paper, form, candidate and "
				  "answers");
	} else {
		R.c->line = root->line;
		if (read_sheet(&R, root))
			goto out;
	}
	if (gb->rd.repaired)
		candidate_problem(gb, R.c, gb->rd.repair_line, gb->rd.repair_col, 0,
				  "byte 0x%02X is not UTF-8 (read as "
				  "\xEF\xBF\xBD): check the sheet and save it "
				  "as UTF-8", gb->rd.repair_byte);
	rc = candidate_finish(gb, R.c);
out:
	if (rc)
		gradebook_oom(gb);
	free(R.cells);
	free(R.crit);
	diags_release(&d);
	arena_release(&scratch);
	return rc;
}

/* True if the lines [s, end) hold nothing but blank lines, comments and
 * directives. */
static bool no_content(const char *s, const char *end)
{
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *p = s + strspn(s, " \t\r");

		if (!eol)
			eol = end;
		if (p < eol && *p != '#' && *p != '%')
			return false;
		s = eol + 1;
	}
	return true;
}

/* Grade the candidate of a YAML sheet. */
int sheet_read_yaml(struct gradebook *gb, const char *file, const char *text,
		    size_t len)
{
	const char *end = text + len, *doc = text, *p = text;
	const char *docs[MAX_DOCUMENTS + 1];
	size_t n = 0;
	char *buf;
	int rc = 0;

	/* a document starts at each "---" line that follows content */
	for (; p < end; p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 :
	     end) {
		if (end - p < 3 || memcmp(p, "---", 3) ||
		    (end - p > 3 && !strchr(" \t\r\n", p[3])) ||
		    no_content(doc, p))
			continue;
		if (n == MAX_DOCUMENTS)
			break;
		docs[n++] = doc;
		doc = p;
	}
	if (!n || no_content(doc, end) || n == MAX_DOCUMENTS)
		return read_document(gb, file, text, len, 1);
	docs[n++] = doc;
	/* several sheets in one file: one candidate each */
	if (!(buf = malloc(len + 1))) {
		gradebook_oom(gb);
		return -1;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const char *e = i + 1 < n ? docs[i + 1] : end;
		size_t at = (size_t)(docs[i] - text), k = 0, k0;

		for (size_t j = 0; j < at; j++)
			if (text[j] == '\n')
				buf[k++] = '\n';
		k0 = k;
		memcpy(buf + k, docs[i], (size_t)(e - docs[i]));
		k += (size_t)(e - docs[i]);
		buf[k] = '\0';
		rc = read_document(gb, file, buf, k, (unsigned)k0 + 1);
	}
	free(buf);
	return rc;
}
