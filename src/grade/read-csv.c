/* SPDX-License-Identifier: GPL-3.0-or-later */
/* read-csv.c - CSV answer sheets: the header names the columns
 * (candidate_id, name, form, optional paper, question numbers and essay
 * criterion columns N.k); every row becomes a candidate graded against the
 * key of its form.  A row scan wrote for a page it could not read (its
 * scan_problem cell says why) is a pending candidate with that problem.  Each row's fields are copied into the gradebook arena in
 * one block, so no cell costs a malloc. */
#include "grade/read-csv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/utf8.h"

#define MAX_QUESTION 100000
#define MAX_CRITERIA 128

/* The columns of one question: its answer and its criterion scores. */
struct qcol {
	size_t main;		/* column + 1; 0 = none */
	size_t *crit;		/* column + 1 per criterion (malloc'd) */
	size_t ncrit;
};

/* What the header says, and per-file state while rows are read. */
struct layout {
	size_t ncols;
	size_t id, name, form, paper, build; /* column + 1; 0 = none */
	size_t scan_problem;		/* a page scan could not read */
	struct qcol *q;			/* indexed by question no */
	size_t maxno;
	bool *no_column_flagged;	/* by no, up to max key items */
	size_t max_items;
	unsigned header_problems;	/* make every row pending */
	size_t *note_cols;		/* extra columns: column + 1 */
	const char **note_names;	/* their headers (gradebook arena) */
	size_t nnotes;
	char *scratch;			/* a row's cells, answers not kept */
	size_t scratch_cap;
};

/* True if a header that is not a column name was meant as a question
 * ("01", "1.0", "-1", "Q1", "第1题"). */
static bool looks_like_question(const char *h)
{
	if ((*h == '-' || *h == '+') && h[1] >= '0' && h[1] <= '9')
		return true;
	return (*h >= '0' && *h <= '9') ||
	       ((*h == 'Q' || *h == 'q') && h[1] >= '0' && h[1] <= '9') ||
	       !strncmp(h, "\xE7\xAC\xAC", 3);	/* 第 */
}

/* Carry column i (header h) into the report as notes, with a warning. */
static int note_column(struct gradebook *gb, const char *file,
		       struct layout *L, const char *h, size_t i,
		       unsigned line)
{
	size_t *cols = realloc(L->note_cols, (L->nnotes + 1) * sizeof(*cols));
	const char **names;

	if (!cols)
		return -1;
	L->note_cols = cols;
	names = realloc(L->note_names, (L->nnotes + 1) * sizeof(*names));
	if (!names)
		return -1;
	L->note_names = names;
	if (!(names[L->nnotes] = arena_strdup(&gb->arena, h)))
		return -1;
	cols[L->nnotes++] = i + 1;
	if (gb->rd.diags)
		diags_add(gb->rd.diags, DIAG_WARNING, file, line, (unsigned)(i + 1),
			  "column '%s' is not a question: carried into the "
			  "report as notes", h);
	return 0;
}

/* Trim white space at both ends of s in place. */
static char *trim(char *s)
{
	s += strspn(s, " \t\r\n");
	s[utf8_trim_end(s, strlen(s))] = '\0';
	return s;
}

/* Parse a whole number 1..MAX_QUESTION from s..end; 0 if not one. */
static size_t parse_no(const char *s, const char *end)
{
	size_t v = 0;

	if (s == end || *s == '0')
		return 0;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (size_t)(*s - '0');
		if (v > MAX_QUESTION)
			return 0;
	}
	return v;
}

/* Make room for question no in the layout; -1 on no memory. */
static int layout_grow(struct layout *L, size_t no)
{
	struct qcol *v;

	if (no <= L->maxno)
		return 0;
	v = realloc(L->q, (no + 1) * sizeof(*v));
	if (!v)
		return -1;
	memset(v + L->maxno + 1, 0, (no - L->maxno) * sizeof(*v));
	if (!L->maxno)
		memset(v, 0, sizeof(*v));
	L->q = v;
	L->maxno = no;
	return 0;
}

/* Record column col (0-based) for criterion k of question no. */
static int layout_crit(struct layout *L, size_t no, size_t k, size_t col)
{
	struct qcol *q = &L->q[no];

	if (k > q->ncrit) {
		size_t *v = realloc(q->crit, k * sizeof(*v));

		if (!v)
			return -1;
		memset(v + q->ncrit, 0, (k - q->ncrit) * sizeof(*v));
		q->crit = v;
		q->ncrit = k;
	}
	q->crit[k - 1] = col + 1;
	return 0;
}

/* The header words and what they name: SPEC's, then responses.xlsx's in
 * Simplified, Traditional and English (render/responses-xlsx.c). */
static const struct {
	const char *word;
	enum sheet_column col;
} header_words[] = {
	{ "candidate_id", SHEET_COL_ID }, { "id", SHEET_COL_ID },
	{ "name", SHEET_COL_NAME }, { "form", SHEET_COL_FORM },
	{ "paper", SHEET_COL_PAPER }, { "build", SHEET_COL_BUILD },
	{ SCAN_PROBLEM_COLUMN, SHEET_COL_SCAN_PROBLEM },
	{ "考生编号", SHEET_COL_ID }, { "考生編號", SHEET_COL_ID },
	{ "Candidate ID", SHEET_COL_ID }, { "姓名", SHEET_COL_NAME },
	{ "卷别", SHEET_COL_FORM }, { "卷別", SHEET_COL_FORM },
	{ "试卷代码", SHEET_COL_PAPER }, { "試卷代碼", SHEET_COL_PAPER },
	{ "Paper code", SHEET_COL_PAPER },
	{ "构建编号", SHEET_COL_BUILD }, { "構建編號", SHEET_COL_BUILD },
	{ "Build ID", SHEET_COL_BUILD },
};

/* What a header names. */
enum sheet_column sheet_column_named(const char *h)
{
	for (size_t j = 0; j < sizeof(header_words) / sizeof(*header_words);
	     j++)
		if (!strcasecmp(h, header_words[j].word))
			return header_words[j].col;
	return SHEET_COL_NONE;
}

/* Name a header column; unknown or repeated columns are problems. */
static int header_column(struct gradebook *gb, const char *file,
			 struct layout *L, const struct csv_row *row, size_t i)
{
	char *h = trim(row->fields[i]), *dot = strchr(h, '.');
	char *end = h + strlen(h);
	size_t *slot = NULL, no = parse_no(h, dot ? dot : end);
	size_t k = dot ? parse_no(dot + 1, end) : 0;
	unsigned col = (unsigned)(i + 1);

	switch (sheet_column_named(h)) {
	case SHEET_COL_ID:
		slot = &L->id;
		break;
	case SHEET_COL_NAME:
		slot = &L->name;
		break;
	case SHEET_COL_FORM:
		slot = &L->form;
		break;
	case SHEET_COL_PAPER:
		slot = &L->paper;
		break;
	case SHEET_COL_BUILD:
		slot = &L->build;
		break;
	case SHEET_COL_SCAN_PROBLEM:
		slot = &L->scan_problem;
		break;
	case SHEET_COL_NONE:
		break;
	}
	if (!slot && no && (!dot || k)) {
		if (layout_grow(L, no))
			return -1;
		if (dot && k > L->q[no].ncrit)
			return layout_crit(L, no, k, i);
		slot = dot ? &L->q[no].crit[k - 1] : &L->q[no].main;
	}
	if (!slot && !looks_like_question(h))
		return note_column(gb, file, L, h, i, row->line);
	if (!slot) {
		gradebook_problem(gb, file, row->line, col, NULL, 0,
				  "unknown column '%s': not a question number "
				  "(1, 2, ..., or 7.1 for criterion 1 of "
				  "question 7); every row is pending", h);
		L->header_problems++;
		return 0;
	}
	if (*slot) {
		gradebook_problem(gb, file, row->line, col, NULL, 0,
				  "column '%s' is given twice (the first "
				  "counts); every row is pending", h);
		L->header_problems++;
		return 0;
	}
	*slot = i + 1;
	return 0;
}

/* Read the header row into L. */
static int read_header(struct gradebook *gb, const char *file,
		       struct layout *L, const struct csv_row *row)
{
	L->ncols = row->n;
	for (size_t i = 0; i < row->n; i++)
		if (header_column(gb, file, L, row, i))
			return -1;
	if (!L->id)
		gradebook_problem(gb, file, row->line, 0, NULL, 0,
				  "missing column 'candidate_id'");
	if (!L->form && gb->keys.nkeys > 1)
		gradebook_problem(gb, file, row->line, 0, NULL, 0,
				  "missing column 'form'");
	if (!L->build)
		gradebook_unchecked(gb, file, row->line, L->paper ?
				    "'build' column" :
				    "'paper' and 'build' columns");
	for (size_t i = 0; i < gb->keys.nkeys; i++)
		if (gb->keys.keys[i]->nitems > L->max_items)
			L->max_items = gb->keys.keys[i]->nitems;
	L->no_column_flagged = calloc(L->max_items + 1, sizeof(bool));
	return L->no_column_flagged ? 0 : -1;
}

/* True if every field of the row is empty (a blank line, or ",,,"). */
static bool row_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->lens[i] && row->fields[i][strspn(row->fields[i],
							 " \t\r")])
			return false;
	return true;
}

/* True if a cell starts with the quote that examgen's own CSV writer (and
 * spreadsheets) put before text that would otherwise run as a formula. */
static bool formula_guarded(const char *s)
{
	return s[0] == '\'' && (s[1] == '=' || s[1] == '+' || s[1] == '-' ||
				s[1] == '@' || s[1] == '\t' || s[1] == '\r');
}

/* Copy a row's fields into one block (the gradebook arena, or reused
 * scratch space when answers are not kept); field i at out[i] (NULL past
 * the row's end).  A formula guard quote is dropped, so text written by
 * examgen (e.g. an id '=1 in responses.csv) reads back as it was. */
static int copy_row(struct gradebook *gb, struct layout *L,
		    const struct csv_row *row, char **out, size_t ncols)
{
	size_t total = 0;
	char *p;

	for (size_t i = 0; i < row->n; i++)
		total += row->lens[i] + 1;
	if (gb->keep_answers) {
		p = arena_alloc(&gb->arena, total ? total : 1);
	} else {
		/* nothing keeps the cells: one buffer for every row */
		if (total + 1 > L->scratch_cap) {
			free(L->scratch);
			L->scratch_cap = total + 1 > 2 * L->scratch_cap ?
					 total + 1 : 2 * L->scratch_cap;
			L->scratch = malloc(L->scratch_cap);
			if (!L->scratch)
				L->scratch_cap = 0;
		}
		p = L->scratch;
	}
	if (!p)
		return -1;
	for (size_t i = 0; i < ncols; i++) {
		if (i >= row->n) {
			out[i] = NULL;
			continue;
		}
		memcpy(p, row->fields[i], row->lens[i] + 1);
		out[i] = formula_guarded(p) ? p + 1 : p;
		p += row->lens[i] + 1;
	}
	return 0;
}

/* A cell of the copied row: column+1 (0 = none). */
static struct sheet_cell cell_at(char *const *f, size_t col, unsigned line)
{
	struct sheet_cell c = { NULL, line, (unsigned)col };

	if (col)
		c.text = f[col - 1];
	return c;
}

/* Find the key of a row from its paper, build and form cells. */
static const struct key *row_key(struct gradebook *gb, struct candidate *c,
				 const struct layout *L, char *const *f)
{
	const char *paper = L->paper && f[L->paper - 1] ?
			    trim(f[L->paper - 1]) : "";
	const char *build = L->build && f[L->build - 1] ?
			    trim(f[L->build - 1]) : "";

	if (!L->form && gb->keys.nkeys == 1)
		c->form = gb->keys.keys[0]->form;
	if (L->build && !*build)
		gradebook_unchecked(gb, c->file, c->line, "build in some rows");
	return gradebook_sheet_key(gb, c, paper, build, c->line,
				   (unsigned)(*build ? L->build : L->paper),
				   (unsigned)L->form);
}

/* Whether a cell is absent or blank. */
static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

/* Grade every answer of a row against c's key. */
static int grade_row(struct gradebook *gb, struct candidate *c,
		     struct layout *L, char *const *f)
{
	const struct key *k = c->key;
	struct sheet_cell cell, crit[MAX_CRITERIA];

	for (unsigned no = 1; no <= k->nitems; no++) {
		const struct qcol *q = no <= L->maxno ? &L->q[no] : NULL;
		size_t ncrit = q ? q->ncrit : 0;

		if (ncrit > sizeof(crit) / sizeof(crit[0]))
			ncrit = sizeof(crit) / sizeof(crit[0]);
		if (!q || (!q->main && !q->ncrit)) {
			/* every row of this paper is pending: counted on
			 * each, reported once */
			c->flagged = true;
			c->nproblems++;
		}
		if ((!q || (!q->main && !q->ncrit)) &&
		    !L->no_column_flagged[no]) {
			L->no_column_flagged[no] = true;
			gradebook_problem(gb, c->file, c->line, 0, NULL, no,
					  "no column for question %u; its rows "
					  "are pending", no);
		}
		cell = cell_at(f, q ? q->main : 0, c->line);
		for (size_t i = 0; i < ncrit; i++)
			crit[i] = cell_at(f, q->crit[i], c->line);
		/* N.k columns past this form's criteria, left blank (another
		 * form's question N has more), are not this row's */
		while (ncrit > k->items[no - 1].ncriteria &&
		       blank(crit[ncrit - 1].text))
			ncrit--;
		grade_answer(gb, c, no, &cell, crit, ncrit);
	}
	for (size_t no = k->nitems + 1; no <= L->maxno; no++) {
		size_t col = L->q[no].main;

		if (col && f[col - 1] && *trim(f[col - 1]))
			candidate_problem(gb, c, c->line, (unsigned)col,
					  (unsigned)no, "answer to question "
					  "%zu, which form %s does not have",
					  no, k->form);
	}
	return candidate_finish(gb, c);
}

/* True if a field of the row holds U+FFFD (a byte that was not UTF-8). */
static bool row_repaired(const struct csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (strstr(row->fields[i], "\xEF\xBF\xBD"))
			return true;
	return false;
}

/* Join the row's note cells as "header: text; ..." into c->notes. */
static int row_notes(struct gradebook *gb, struct candidate *c,
		     const struct layout *L, char *const *f)
{
	size_t len = 1;
	char *p;

	for (size_t i = 0; i < L->nnotes; i++) {
		char *v = f[L->note_cols[i] - 1];

		if (v && *trim(v))
			len += strlen(L->note_names[i]) + strlen(v) + 4;
	}
	if (len == 1)
		return 0;
	if (!(p = arena_alloc(&gb->arena, len)))
		return -1;
	c->notes = p;
	for (size_t i = 0; i < L->nnotes; i++) {
		char *v = f[L->note_cols[i] - 1];

		if (v && *(v = trim(v)))
			p += sprintf(p, "%s%s: %s", p == c->notes ? "" : "; ",
				     L->note_names[i], v);
	}
	return 0;
}

/* Read one data row as a candidate. */
static int read_row(struct gradebook *gb, const char *file, struct layout *L,
		    const struct csv_row *row, char **f)
{
	struct candidate *c = gradebook_candidate(gb, file, row->line);

	if (!c || copy_row(gb, L, row, f, L->ncols))
		return -1;
	if (L->id && f[L->id - 1])
		c->id = trim(f[L->id - 1]);
	if (L->name && f[L->name - 1])
		c->name = trim(f[L->name - 1]);
	if (L->form && f[L->form - 1])
		c->form = trim(f[L->form - 1]);
	if (!gb->keep_answers &&
	    (!(c->id = arena_strdup(&gb->arena, c->id)) ||
	     !(c->name = arena_strdup(&gb->arena, c->name)) ||
	     !(c->form = arena_strdup(&gb->arena, c->form))))
		return -1;
	if (L->header_problems) {
		c->flagged = true;
		c->nproblems += L->header_problems;
	}
	if (L->nnotes && row_notes(gb, c, L, f))
		return -1;
	if (gb->rd.repaired && row_repaired(row))
		candidate_problem(gb, c, row->line, 0, 0, "this row holds "
				  "bytes that are not UTF-8 (read as "
				  "\xEF\xBF\xBD): check it and save the file as "
				  "UTF-8");
	if (row->n != L->ncols)
		candidate_problem(gb, c, row->line, 0, 0, "row has %zu "
				  "fields, the header has %zu", row->n,
				  L->ncols);
	if (L->scan_problem && f[L->scan_problem - 1] &&
	    *trim(f[L->scan_problem - 1])) {
		/* a page scan could not read: no key, no answers */
		candidate_problem(gb, c, row->line, (unsigned)L->scan_problem,
				  0, "a page scan could not read: %s; rescan "
				  "it or type its answers",
				  trim(f[L->scan_problem - 1]));
		return candidate_finish(gb, c);
	}
	if (candidate_set_key(gb, c, row_key(gb, c, L, f)))
		return -1;
	if (!c->key)
		return candidate_finish(gb, c);
	return grade_row(gb, c, L, f);
}

/* Grade every row of a CSV sheet. */
int sheet_read_csv(struct gradebook *gb, const char *file, const char *text,
		   size_t len)
{
	struct layout L;
	struct csv_reader r;
	struct csv_row row;
	enum csv_err e;
	char **f = NULL, *resep = NULL, sep;
	int rc = 0;

	memset(&L, 0, sizeof(L));
	if ((sep = csv_guess_separator(text, len)) != ',') {
		if (!(resep = csv_reseparate(text, len, sep, &len)))
			return -1;
		text = resep;
		if (gb->rd.diags)
			diags_add(gb->rd.diags, DIAG_WARNING, file, 1, 1, "the "
				  "header is separated by %s, not commas: "
				  "read as such", sep == ';' ?
				  "';' (a European Excel export)" :
				  "tabs (Excel's \"Unicode Text\")");
	}
	csv_reader_init(&r, text, len);
	do
		e = csv_next(&r, &row);
	while (e == CSV_OK && row_blank(&row));
	if (e == CSV_EOF) {
		if (gradebook_damaged(gb, file, 0, 0, "the sheet is empty"))
			goto oom;
		goto out;
	}
	if (e != CSV_OK)
		goto bad;
	if (read_header(gb, file, &L, &row) ||
	    !(f = calloc(L.ncols ? L.ncols : 1, sizeof(*f))))
		goto oom;
	while (!gb->stopped && (e = csv_next(&r, &row)) == CSV_OK) {
		if (row_blank(&row))
			continue;
		if (read_row(gb, file, &L, &row, f))
			goto oom;
	}
	if (e == CSV_EOF || gb->stopped)
		goto out;
bad:
	if (e == CSV_ENOMEM)
		goto oom;
	gradebook_problem(gb, file, r.err_line, r.err_col, NULL, 0,
			  "%s; the rest of the sheet is not read",
			  csv_strerror(e));
	goto out;
oom:
	rc = -1;
out:
	csv_reader_release(&r);
	for (size_t i = 0; L.q && i <= L.maxno; i++)
		free(L.q[i].crit);
	free(L.q);
	free(L.no_column_flagged);
	free(L.note_cols);
	free(L.scratch);
	free(resep);
	free(L.note_names);
	free(f);
	return rc;
}
