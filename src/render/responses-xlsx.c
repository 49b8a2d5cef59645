/* SPDX-License-Identifier: GPL-3.0-or-later */
/* responses-xlsx.c - responses.xlsx from the text of responses.csv, so the
 * two always have the same columns and rows: every CSV field becomes a
 * text cell, the columns that are not answers (id, name, form, paper,
 * build) are formatted as text (typed ids keep their leading zeros, build
 * ids never turn into numbers), and each answer cell gets the drop-down of
 * its question on that row's form: T/F for true/false, the option letters
 * for single choice, a number from 0 to the points in halves for marker
 * scores; free text for multiple choice.  The worksheet and the headers
 * of the columns that are not questions are in the paper's language
 * (grade reads those words as SPEC's: grade/read-csv.h). */
#include "render/responses-xlsx.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "bank/bank.h"
#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"

/* What one answer cell accepts. */
struct rule {
	enum { RULE_NONE, RULE_TRUE_FALSE, RULE_LETTERS, RULE_SCORE } kind;
	unsigned noptions;	/* RULE_LETTERS */
	double points;		/* RULE_SCORE */
};

/* The paper's words: the worksheet, the columns that are not questions,
 * and what a score cell that is not a half point says. */
struct rx_words {
	const char *lang, *sheet;
	const char *id, *name, *form, *paper, *build;
	const char *score_title;
	const char *score_pre, *score_post;	/* around the points */
};

static const struct rx_words rx_words[] = {
	{ "zh-Hans", "答卷录入", "考生编号", "姓名", "卷别", "试卷代码",
	  "构建编号", "分数无效", "请填 0 到 ",
	  " 之间的分数，整分或半分（如 1 或 1.5）。" },
	{ "zh-Hant", "答卷錄入", "考生編號", "姓名", "卷別", "試卷代碼",
	  "構建編號", "分數無效", "請填 0 到 ",
	  " 之間的分數，整分或半分（如 1 或 1.5）。" },
	{ "en", "Responses", "Candidate ID", "Name", "Form", "Paper code",
	  "Build ID", "Not a score", "Type a score from 0 to ",
	  " in whole or half points (1 or 1.5)." },
};

/* The words of language lang (English for one not listed). */
static const struct rx_words *words_for(const char *lang)
{
	for (size_t i = 0; i < sizeof(rx_words) / sizeof(*rx_words); i++)
		if (lang && !strcmp(rx_words[i].lang, lang))
			return &rx_words[i];
	return &rx_words[2];
}

/* The workbook being written. */
struct rx {
	const struct paper *p;
	const struct rx_words *w;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_error err;
	size_t ncols;
	unsigned *qno;		/* question number of each column, 0: none */
	size_t form_col;	/* column + 1 of 'form', 0: none */
	size_t id_col;		/* column + 1 of 'candidate_id', 0: none */
};

/* The rule of question no on form f. */
static struct rule rule_of(const struct paper_form *f, unsigned no)
{
	struct rule r = { RULE_NONE, 0, 0 };

	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];

		if (it->no != no)
			continue;
		switch (it->q->type) {
		case Q_TRUE_FALSE:
			r.kind = RULE_TRUE_FALSE;
			break;
		case Q_SINGLE:
			r.kind = RULE_LETTERS;
			r.noptions = it->noptions;
			break;
		case Q_SHORT:
		case Q_ESSAY:
			r.kind = RULE_SCORE;
			r.points = it->points;
			break;
		case Q_MULTIPLE:
		case Q_NTYPES:
			break;
		}
	}
	return r;
}

/* Whether two rules are the same. */
static bool rule_eq(struct rule a, struct rule b)
{
	return a.kind == b.kind && a.noptions == b.noptions &&
	       a.points == b.points;
}

/* Put rule r on the cells rows first..last of column col. */
static void validate(struct rx *x, struct rule r, lxw_row_t first,
		     lxw_row_t last, lxw_col_t col)
{
	static char *const letters[] = { "A", "B", "C", "D", "E", "F", "G",
		"H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
		"T", "U", "V", "W", "X", "Y", "Z", NULL };
	static char *const tf[] = { "T", "F", NULL };
	char *list[27];
	char cell[16], formula[160], msg[160];
	char num[FORMAT_NUMBER_MAX];
	lxw_data_validation dv;
	lxw_error e;

	memset(&dv, 0, sizeof(dv));
	switch (r.kind) {
	case RULE_NONE:
		return;
	case RULE_TRUE_FALSE:
		memcpy(list, tf, sizeof(tf));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = list;
		break;
	case RULE_LETTERS:
		if (r.noptions < 1 || r.noptions > 26)
			return;
		memcpy(list, letters, r.noptions * sizeof(letters[0]));
		list[r.noptions] = NULL;
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = list;
		break;
	case RULE_SCORE:
		/* a number from 0 to the points in whole or half points */
		lxw_rowcol_to_cell(cell, first, col);
		snprintf(formula, sizeof(formula), "=AND(ISNUMBER(%s),%s>=0,"
			 "%s<=%s,MOD(%s*2,1)=0)", cell, cell, cell,
			 format_number(r.points, num), cell);
		snprintf(msg, sizeof(msg), "%s%s%s", x->w->score_pre,
			 format_number(r.points, num), x->w->score_post);
		dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		dv.value_formula = formula;
		dv.error_title = (char *)x->w->score_title;
		dv.error_message = msg;
		break;
	}
	e = worksheet_data_validation_range(x->ws, first, col, last, col, &dv);
	if (e && !x->err)
		x->err = e;
}

/* The form of the candidate in a row, or NULL. */
static const struct paper_form *row_form(const struct rx *x,
					 const struct csv_row *row)
{
	const char *name;

	if (!x->form_col || x->form_col > row->n)
		return NULL;
	name = row->fields[x->form_col - 1];
	for (size_t i = 0; i < x->p->nforms; i++)
		if (!strcmp(x->p->forms[i].name, name))
			return &x->p->forms[i];
	return NULL;
}

/* Whether a column number is a question number (all digits). */
static unsigned parse_qno(const char *s)
{
	unsigned long v;
	char *end;

	if (*s < '1' || *s > '9')
		return 0;
	v = strtoul(s, &end, 10);
	return *end || v > 100000 ? 0 : (unsigned)v;
}

/* Text of a CSV field as written: without the quote that guards text
 * which a spreadsheet would take for a formula (no formula runs from a
 * string cell). */
static const char *unguard(const char *s)
{
	return s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]) ? s + 1 : s;
}

/* The header of column h (SPEC's word) in the paper's language. */
static const char *header(const struct rx *x, const char *h)
{
	return !strcmp(h, "candidate_id") ? x->w->id :
	       !strcmp(h, "name") ? x->w->name :
	       !strcmp(h, "form") ? x->w->form :
	       !strcmp(h, "paper") ? x->w->paper :
	       !strcmp(h, "build") ? x->w->build : h;
}

/* Write the header row and note its columns. */
static int write_header(struct rx *x, const struct csv_row *row,
			lxw_format *bold)
{
	x->ncols = row->n;
	x->qno = calloc(row->n ? row->n : 1, sizeof(*x->qno));
	if (!x->qno)
		return -1;
	for (size_t i = 0; i < row->n; i++) {
		const char *h = row->fields[i];

		x->qno[i] = parse_qno(h);
		if (!strcmp(h, "form"))
			x->form_col = i + 1;
		else if (!strcmp(h, "candidate_id"))
			x->id_col = i + 1;
		worksheet_write_string(x->ws, 0, (lxw_col_t)i, header(x, h),
				       bold);
	}
	return 0;
}

/* Put each question column's drop-downs: one rule for the whole column
 * when every form agrees, else one per cell from the row's form. */
static void write_rules(struct rx *x, const struct paper_form **forms,
			size_t nrows)
{
	for (size_t c = 0; c < x->ncols && nrows; c++) {
		struct rule first;
		bool same = true;

		if (!x->qno[c])
			continue;
		first = forms[0] ? rule_of(forms[0], x->qno[c])
				 : (struct rule){ RULE_NONE, 0, 0 };
		for (size_t r = 1; r < nrows && same; r++)
			same = forms[r] && forms[0] &&
			       rule_eq(first, rule_of(forms[r], x->qno[c]));
		if (same) {
			validate(x, first, 1, (lxw_row_t)nrows, (lxw_col_t)c);
			continue;
		}
		for (size_t r = 0; r < nrows; r++)
			if (forms[r])
				validate(x, rule_of(forms[r], x->qno[c]),
					 (lxw_row_t)(r + 1),
					 (lxw_row_t)(r + 1), (lxw_col_t)c);
	}
}

/* Write every row of the CSV text into the worksheet. */
static int write_rows(struct rx *x, struct csv_reader *r)
{
	const struct paper_form **forms = NULL;
	size_t nrows = 0, cap = 0;
	struct csv_row row;
	enum csv_err e;
	lxw_format *bold = workbook_add_format(x->wb);
	lxw_format *text = workbook_add_format(x->wb);
	int rc = -1;

	if (!bold || !text || csv_next(r, &row) != CSV_OK)
		return -1;
	format_set_bold(bold);
	format_set_num_format(text, "@");
	if (write_header(x, &row, bold))
		return -1;
	while ((e = csv_next(r, &row)) == CSV_OK) {
		if (nrows + 1 >= LXW_ROW_MAX)
			goto out;
		if (ARRAY_GROW(forms, cap, nrows + 1) < 0)
			goto out;
		forms[nrows++] = row_form(x, &row);
		for (size_t i = 0; i < row.n && i < x->ncols; i++)
			if (row.lens[i])
				worksheet_write_string(x->ws, (lxw_row_t)nrows,
						       (lxw_col_t)i,
						       unguard(row.fields[i]),
						       NULL);
	}
	if (e != CSV_EOF)
		goto out;
	for (size_t c = 0; c < x->ncols; c++) {
		lxw_col_t col = (lxw_col_t)c;

		if (!x->qno[c])
			worksheet_set_column(x->ws, col, col,
					     c + 1 == x->id_col ? 14 : 10, text);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	write_rules(x, forms, nrows);
	rc = 0;
out:
	free(forms);
	return rc;
}

/* The creation time the workbook records: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else a fixed date, never the clock, so
 * that a rebuild is byte-identical. */
static time_t created_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s && *s) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!*end && !errno && v > 0)
			return (time_t)v;
	}
	return (time_t)946684800;	/* 2000-01-01T00:00:00Z */
}

/* Write the workbook. */
int responses_xlsx_write(const char *path, const char *csv, size_t len,
			 const struct paper *p)
{
	lxw_workbook_options opt = { 0 };
	lxw_doc_properties props = { 0 };
	int quiet;
	struct csv_reader r;
	struct rx x;
	lxw_error e;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.p = p;
	errno = 0;	/* a failure without its own errno reports EIO */
	if (len >= 3 && !memcmp(csv, "\xef\xbb\xbf", 3)) {
		csv += 3;
		len -= 3;
	}
	csv_reader_init(&r, csv, len);
	opt.tmpdir = fileio_dirname(path);
	if (!opt.tmpdir)
		goto out;
	quiet = diag_stderr_silence();
	x.wb = workbook_new_opt(path, &opt);
	diag_stderr_restore(quiet);
	props.created = created_time();
	if (x.wb && workbook_set_properties(x.wb, &props))
		goto out;
	x.w = words_for(p->tpl->language);
	x.ws = x.wb ? workbook_add_worksheet(x.wb, x.w->sheet) : NULL;
	if (!x.ws || write_rows(&x, &r) < 0)
		goto out;
	quiet = diag_stderr_silence();
	e = workbook_close(x.wb);
	diag_stderr_restore(quiet);
	x.wb = NULL;
	if (e == LXW_NO_ERROR && !x.err)
		rc = 0;
out:
	if (rc < 0 && !errno)
		errno = EIO;
	if (x.wb)
		lxw_workbook_free(x.wb);
	csv_reader_release(&r);
	free(opt.tmpdir);
	free(x.qno);
	return rc;
}
