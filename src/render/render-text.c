/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-text.c - plain-text and Markdown papers and guides (see
 * render-text.h).  Both share one walk over the form; `md` switches the
 * markup and the escaping.  Nothing is allocated. */
#include "render/render-text.h"

#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"
#include "paper/labels.h"
#include "render/md-escape.h"
#include "render/sheet-text.h"

#define RULE_WIDTH 64		/* width of the text rules and answer lines */

/* One text rendering in progress. */
struct tw {
	FILE *fp;
	bool md;
	bool guide;
	const struct labels *l;
	const struct paper *p;
	const struct paper_form *f;
	const char *quote;	/* Markdown: written after each line break */
};

/* Write n copies of s. */
static void repeat(FILE *fp, const char *s, size_t n)
{
	while (n--)
		fputs(s, fp);
}

/* Write text: in txt, continuation lines are indented by indent spaces;
 * in Markdown, special characters are escaped and a line break becomes a
 * hard break (a blank line stays a paragraph break).  Trailing white
 * space and newlines of the text are dropped. */
static void text(const struct tw *w, const char *s, int indent, bool at_start)
{
	size_t len = s ? utf8_trim_end(s, strlen(s)) : 0;

	for (size_t i = 0; i < len;) {
		if (s[i] == '\r') {
			i++;
		} else if (s[i] == '\n') {
			bool blank = i + 1 < len && s[i + 1] == '\n';

			if (w->md && blank)
				fprintf(w->fp, "\n%s\n%s", w->quote,
					w->quote);
			else if (w->md)
				fprintf(w->fp, "  \n%s", w->quote);
			else
				fprintf(w->fp, "\n%*s", indent, "");
			i += w->md && blank ? 2 : 1;
			at_start = true;
		} else if (w->md) {
			i += md_escape_chars(w->fp, s + i, at_start);
			at_start = false;
		} else {
			fputc(s[i++], w->fp);
		}
	}
}

/* Write a label in bold (Markdown) or plain, followed by the colon. */
static void label(const struct tw *w, const char *name)
{
	fprintf(w->fp, w->md ? "**%s**%s" : "%s%s", name, w->l->colon);
}

/* Write the facts line: code, form, duration, total. */
static void facts(const struct tw *w)
{
	const struct labels *l = w->l;
	char num[FORMAT_NUMBER_MAX];

	label(w, l->code);
	text(w, w->p->tpl->code, 0, false);
	fputs(l->sep, w->fp);
	label(w, l->form);
	fputs(w->f->name, w->fp);
	if (w->p->tpl->duration) {
		fputs(l->sep, w->fp);
		label(w, l->duration);
		fprintf(w->fp, "%u%s", w->p->tpl->duration, l->minutes);
	}
	fputs(l->sep, w->fp);
	label(w, l->total);
	fprintf(w->fp, "%s %s", format_number(w->f->total, num),
		w->f->total == 1 ? l->unit_one : l->unit);
	if (w->guide) {
		fputs(l->sep, w->fp);
		label(w, l->pass);
		fprintf(w->fp, "%s %s", format_number(w->p->pass, num),
			l->unit);
		fputs(l->sep, w->fp);
		label(w, l->seed);
		fprintf(w->fp, "%llu", (unsigned long long)w->p->seed);
	}
	fputs("\n\n", w->fp);
}

/* Write the name / ID / date line. */
static void candidate_line(const struct tw *w)
{
	const char *blank = w->md ? "\\_" : "_";

	label(w, w->l->name);
	repeat(w->fp, blank, 16);
	fputs("  ", w->fp);
	label(w, w->l->candidate_id);
	repeat(w->fp, blank, 16);
	fputs("  ", w->fp);
	label(w, w->l->date);
	repeat(w->fp, blank, 12);
	fputs("\n\n", w->fp);
}

/* Write the document header. */
static void header(const struct tw *w)
{
	char notice[NOTICE_MAX];

	if (w->md) {
		fputs("# ", w->fp);
		text(w, w->p->tpl->title, 0, false);
		if (w->guide)
			fprintf(w->fp, " — %s", w->l->guide);
		fputs("\n\n", w->fp);
	} else {
		text(w, w->p->tpl->title, 0, true);
		if (w->guide)
			fprintf(w->fp, " — %s", w->l->guide);
		fputc('\n', w->fp);
		repeat(w->fp, "=", RULE_WIDTH);
		fputs("\n", w->fp);
	}
	facts(w);
	if (w->guide) {
		fprintf(w->fp, w->md ? "> **%s**\n\n" : "** %s **\n\n",
			w->l->guide_note);
		return;
	}
	candidate_line(w);
	fprintf(w->fp, w->md ? "> %s\n\n" : "%s\n\n",
		labels_notice(w->l, w->f, notice));
}

/* Start one entry of an item's marker notes: "[name] " in text, a quoted
 * "**name**: " in Markdown (entries there are apart by a quoted blank
 * line). */
static void guide_entry(const struct tw *w, const char *name, bool own_line)
{
	if (w->md)
		fprintf(w->fp, ">\n> **%s**%s", name, w->l->colon);
	else
		fprintf(w->fp, own_line ? "   [%s]" : "   [%s] ", name);
	if (own_line)
		fputc('\n', w->fp);
}

/* Write a list of strings under a heading (guide). */
static void guide_list(const struct tw *w, const char *name,
		       const char **v, size_t n)
{
	if (!n)
		return;
	guide_entry(w, name, true);
	for (size_t i = 0; i < n; i++) {
		fputs(w->md ? "> - " : "     - ", w->fp);
		text(w, v[i], 7, false);
		fputc('\n', w->fp);
	}
}

/* Write one labelled paragraph of the guide. */
static void guide_para(const struct tw *w, const char *name, const char *s)
{
	if (!s || !*s)
		return;
	guide_entry(w, name, false);
	text(w, s, 3, false);
	fputc('\n', w->fp);
}

/* Write the marker's notes of one item. */
static void guide_item(struct tw *w, const struct paper_item *it)
{
	const struct question *q = it->q;
	const struct labels *l = w->l;
	char buf[LABEL_MAX], num[FORMAT_NUMBER_MAX];

	if (w->md) {
		fputc('\n', w->fp);
		w->quote = "> ";
	}
	if (labels_answer(l, it, buf)) {
		guide_entry(w, l->answer, false);
		fprintf(w->fp, "%s\n", buf);
	}
	if (q->type == Q_MULTIPLE)
		guide_para(w, l->scoring, labels_rule(l, it->rule));
	guide_para(w, l->explanation, q->explanation);
	if (q->nrubric) {
		guide_entry(w, l->rubric, true);
		for (size_t i = 0; i < q->nrubric; i++) {
			fputs(w->md ? "> - " : "     - ", w->fp);
			/* an essay's criteria are scored by name on the sheet */
			if (q->type == Q_ESSAY)
				fprintf(w->fp, w->md ? "**%s** " : "%s ",
					labels_criterion(l, i, num));
			text(w, q->rubric[i].text, 7, false);
			fprintf(w->fp, "%s%s %s\n", l->colon,
				format_number(it->criteria ? it->criteria[i] :
					      q->rubric[i].points, num),
				l->unit);
		}
	}
	guide_para(w, l->reference, q->reference);
	guide_list(w, l->keys, q->keys, q->nkeys);
	guide_list(w, l->deductions, q->deductions, q->ndeductions);
	w->quote = "";
}

/* Write one question. */
static void item(struct tw *w, const struct paper_item *it)
{
	const struct question *q = it->q;
	char buf[LABEL_MAX];
	int indent = it->no < 10 ? 3 : it->no < 100 ? 4 : 5;

	fprintf(w->fp, w->md ? "**%u.** " : "%u. ", it->no);
	fputs(labels_points(w->l, it->points, buf), w->fp);
	fputs(w->l->stem_gap, w->fp);
	text(w, q->stem, indent, false);
	if (q->type == Q_MULTIPLE)
		fputs(w->l->multiple_hint, w->fp);
	if (q->type == Q_TRUE_FALSE)
		fputs(w->l->tf_hint, w->fp);
	fputc('\n', w->fp);
	if (w->md && it->noptions)
		fputc('\n', w->fp);
	for (unsigned i = 0; i < it->noptions; i++) {
		if (w->md)
			fprintf(w->fp, "- %c. ", 'A' + (int)i);
		else
			fprintf(w->fp, "%*s%c. ", indent, "", 'A' + (int)i);
		text(w, q->options[it->order[i]].text, indent + 3, false);
		fputc('\n', w->fp);
	}
	if (w->guide) {
		guide_item(w, it);
	} else if ((q->type == Q_SHORT || q->type == Q_ESSAY) &&
		   item_answer_lines(it) > 0) {
		size_t lines = item_answer_lines(it);

		if (w->md)
			fprintf(w->fp, "\n*%s*\n", w->l->answer_space);
		else
			fprintf(w->fp, "\n%*s%s\n", indent, "",
				w->l->answer_space);
		for (size_t k = 0; !w->md && k < lines; k++) {
			fprintf(w->fp, "%*s", indent, "");
			repeat(w->fp, "_", RULE_WIDTH - (size_t)indent);
			fputc('\n', w->fp);
		}
	}
	fputc('\n', w->fp);
}

/* Write a section heading with its summary and instructions. */
static void section(const struct tw *w, size_t s)
{
	const struct paper_section *ps = &w->f->sections[s];
	char num[LABEL_MAX], sum[LABEL_MAX];

	fputs(w->md ? "## " : "", w->fp);
	if (!labels_title_numbered(ps->title))
		fputs(labels_section_number(w->l, s, num), w->fp);
	text(w, ps->title, 0, !w->md);
	fprintf(w->fp, "%s\n", labels_section_summary(w->l, ps->count,
						      ps->points, sum));
	if (!w->md) {
		repeat(w->fp, "-", RULE_WIDTH);
		fputc('\n', w->fp);
	}
	fputc('\n', w->fp);
	if (ps->instructions && *ps->instructions) {
		if (w->md)
			fputc('*', w->fp);
		text(w, ps->instructions, 0, !w->md);
		fputs(w->md ? "*\n\n" : "\n\n", w->fp);
	}
}

/* The answer of objective item it as the sheet's bubbles name it: the
 * letters, T or F (buf of MASK_LETTERS_MAX bytes). */
static const char *sheet_answer(const struct labels *l,
				const struct paper_item *it, char *buf)
{
	if (it->q->type == Q_TRUE_FALSE)
		return it->q->answer_tf ? l->tf_true : l->tf_false;
	return mask_letters(it->answer, buf);
}

/* Write the guide's table of objective answers, "12. ACD" each, ten to
 * a line (the PDF guide's table; the marker checks the sheet against it). */
static void answer_table(const struct tw *w)
{
	size_t n = 0, width = 0, prev = 0;
	char buf[MASK_LETTERS_MAX];

	for (size_t i = 0; i < w->f->nitems; i++) {
		const struct paper_item *it = &w->f->items[i];

		if (item_is_objective(it) &&
		    strlen(sheet_answer(w->l, it, buf)) > width)
			width = strlen(sheet_answer(w->l, it, buf));
	}
	for (size_t i = 0; i < w->f->nitems; i++) {
		const struct paper_item *it = &w->f->items[i];
		const char *ans = sheet_answer(w->l, it, buf);

		if (!item_is_objective(it))
			continue;
		if (!n)
			fprintf(w->fp, w->md ? "## %s\n\n" : "%s\n",
				w->l->answer);
		else if (n % 10 == 0)
			fputs(w->md ? "  \n" : "\n", w->fp);
		if (w->md)
			fprintf(w->fp, "%s**%u.** %s", n % 10 ? " · " : "",
				it->no, ans);
		else	/* padding the one before to the widest, no trailing */
			fprintf(w->fp, "%*s%3u. %s", n % 10 ? (int)(width -
				prev + 3) : 0, "", it->no, ans);
		prev = strlen(ans);
		n++;
	}
	if (n)
		fputs("\n\n", w->fp);
}

/* Write the paper or guide of form f as text or Markdown. */
int render_text(FILE *fp, bool md, enum render_doc doc,
		const struct paper *p, const struct paper_form *f)
{
	struct tw w = { fp, md, doc == DOC_GUIDE, labels_for(p), p, f, "" };

	header(&w);
	if (w.guide)
		answer_table(&w);
	for (size_t s = 0; s < f->nsections; s++) {
		const struct paper_section *ps = &f->sections[s];

		section(&w, s);
		for (size_t i = 0; i < ps->count; i++)
			item(&w, &f->items[ps->first + i]);
	}
	if (!w.guide) {
		fputs(md ? "\n---\n" : "\f", fp);
		if (sheet_text_write(fp, md, p, f) < 0)
			return -1;
	}
	return ferror(fp) ? -1 : 0;
}
