/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-yaml.c - blank and roster-filled answer sheets as YAML
 * (docs/sheets.md) and the rows of responses.csv for spreadsheet entry.
 * The writers only print; the caller owns the stream. */
#include "render/sheet-yaml.h"

#include <string.h>

#include "base/csv.h"
#include "paper/buildid.h"
#include "paper/labels.h"
#include "yaml/ywrite.h"

/* Write text on one comment line: line breaks become spaces. */
static void comment_text(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

/* Write the comment after one answer: type, points and what to write. */
static void answer_comment(FILE *fp, const struct labels *l,
			   const struct paper_item *it)
{
	const struct question *q = it->q;
	char buf[LABEL_MAX], num[FORMAT_NUMBER_MAX];

	fprintf(fp, "# %s %s %s%s", l->type_names[q->type],
		labels_points(l, it->points, buf), l->hint[q->type],
		q->nrubric ? l->hint_criteria : "");
	if (!q->nrubric)
		return;
	fputc('[', fp);
	for (size_t k = 0; k < q->nrubric; k++) {
		fputs(k ? ", " : "", fp);
		comment_text(fp, q->rubric[k].text);
		fprintf(fp, " %s", format_number(it->criteria ?
			it->criteria[k] : q->rubric[k].points, num));
	}
	fputc(']', fp);
}

/* Write an answer sheet of form f; id and name fill its header. */
int sheet_write(FILE *fp, const struct paper *p, const struct paper_form *f,
		const char *id, const char *name)
{
	const struct labels *l = labels_for(p);
	char build[BUILD_ID_LEN + 1];

	fprintf(fp, "# %s %s%s%s", p->tpl->code, f->name, l->form_post,
		l->sep);
	comment_text(fp, p->tpl->title);
	fprintf(fp, "\n# %s\npaper: ", l->sheet_head);
	ywrite_quoted(fp, p->tpl->code);
	fprintf(fp, "\nbuild: \"%s\"\nform: \"%s\"\ncandidate: {id: ",
		buildid_of_paper(p, build), f->name);
	ywrite_quoted(fp, id);
	fputs(", name: ", fp);
	ywrite_quoted(fp, name);
	fputs("}\nanswers:\n", fp);
	for (size_t i = 0; i < f->nitems; i++) {
		fprintf(fp, "  %u:%*s", f->items[i].no,
			f->items[i].no < 10 ? 4 : f->items[i].no < 100 ? 3 : 2,
			"");
		answer_comment(fp, l, &f->items[i]);
		fputc('\n', fp);
	}
	return ferror(fp) ? -1 : 0;
}

/* Write the header row of responses.csv. */
int responses_write_header(FILE *fp, const struct paper_form *f)
{
	fputs("candidate_id,name,form,paper,build", fp);
	for (size_t i = 0; i < f->nitems; i++)
		fprintf(fp, ",%u", f->items[i].no);
	fputs("\r\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* Write one candidate's row of responses.csv, answer cells empty. */
int responses_write_row(FILE *fp, const struct paper *p,
			const struct paper_form *f, const char *id,
			const char *name)
{
	char build[BUILD_ID_LEN + 1];

	csv_write_text(fp, id);
	fputc(',', fp);
	csv_write_text(fp, name);
	fprintf(fp, ",%s,", f->name);
	csv_write_text(fp, p->tpl->code);
	fprintf(fp, ",%s", buildid_of_paper(p, build));
	for (size_t k = 0; k < f->nitems; k++)
		fputc(',', fp);
	fputs("\r\n", fp);
	return ferror(fp) ? -1 : 0;
}
