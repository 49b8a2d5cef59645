/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-html.c - print-ready HTML papers and guides (see render-html.h).
 * Running headers and page numbers use CSS @page margin boxes (Chromium
 * 131 and later, WeasyPrint, Prince); browsers without them print the
 * pages without. Every text is escaped here; nothing is allocated. */
#include "render/render-html.h"

#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"
#include "base/version.h"
#include "paper/labels.h"
#include "render/html-escape.h"
#include "render/sheet-html.h"


static const char css[] =
"*{box-sizing:border-box}\n"
"html{color:#111;background:#fff;font-size:10.5pt;line-height:1.65;"
"font-family:\"Noto Sans CJK SC\",\"Noto Serif CJK SC\",\"Microsoft YaHei\","
"\"PingFang SC\",sans-serif;line-break:strict;overflow-wrap:anywhere;"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"html:lang(zh-Hant){font-family:\"Noto Sans CJK TC\",\"Noto Serif CJK TC\","
"\"Microsoft JhengHei\",\"PingFang TC\",\"Noto Sans CJK SC\",sans-serif}\n"
"html:lang(en){font-family:\"Noto Sans\",\"Liberation Sans\",Arial,"
"\"Noto Sans CJK SC\",sans-serif}\n"
"body{margin:0 auto;max-width:178mm}\n"
"@media screen{body{padding:10mm 6mm}}\n"
"h1{font-size:17pt;text-align:center;margin:0 0 1mm;line-height:1.3}\n"
"h1 small{display:block;font-size:12pt;font-weight:normal}\n"
".facts{text-align:center;font-size:9.5pt;margin:0 0 4mm}\n"
".facts b{font-weight:600}\n"
".facts span{white-space:nowrap}\n"
".cand{display:flex;gap:5mm;margin:0 0 4mm;font-size:10.5pt}\n"
".cand div{display:flex;flex:1 1 0;align-items:flex-end;gap:1mm}\n"
".cand span{flex:1;border-bottom:.3mm solid #000;height:1.4em;"
"font-weight:700;padding-left:2mm;white-space:nowrap;overflow:hidden}\n"
".cand .score{flex:0 0 34mm}\n"
".cand .score span{border:.3mm solid #000;height:9mm}\n"
".notice{border:.3mm solid #777;border-radius:1mm;padding:1.5mm 3mm;"
"font-size:9.5pt;margin:0 0 5mm}\n"
".notice.guide{border:.6mm solid #b00;color:#b00;font-weight:600}\n"
"p,li{orphans:2;widows:2}\n"
"h2{font-size:12.5pt;margin:6mm 0 2mm;padding-bottom:.5mm;"
"border-bottom:.4mm solid #000;break-after:avoid;break-inside:avoid}\n"
"h2 .sum{font-weight:normal;font-size:10.5pt}\n"
".instr{margin:0 0 3mm;font-size:9.5pt;white-space:pre-line;"
"break-after:avoid}\n"
".q{break-inside:avoid;margin:0 0 3.5mm}\n"
".q.w{break-inside:auto}\n"
/* a break after an element's last child is one after the element: only
 * what has something after it is kept with it */
".q.w .lines i:nth-child(-n+2):not(:last-child),"
".q.w .key>:first-child:not(:last-child),"
".qh:not(:last-child){break-inside:avoid;break-after:avoid}\n"
".qh{display:flex;gap:1mm;break-inside:avoid}\n"
".no{flex:0 0 auto;min-width:2.2em;font-weight:700}\n"
".stem{flex:1;white-space:pre-line}\n"
".pts{white-space:nowrap;color:#333}\n"
".opts{list-style:none;margin:.5mm 0 0 2.4em;padding:0;display:grid;"
"grid-template-columns:1fr;gap:0 4mm}\n"
".opts.c2{grid-template-columns:1fr 1fr}\n"
".opts.c4{grid-template-columns:repeat(4,1fr)}\n"
".opts li{display:flex;gap:1.2mm;white-space:pre-line}\n"
".opts li b{flex:0 0 auto}\n"
".lines{margin:1mm 0 0 2.4em}\n"
".lines i{display:block;height:8mm;border-bottom:.25mm solid #999}\n"
".key{margin:1.5mm 0 0 2.4em;padding:1.5mm 3mm;border-left:1mm solid #2a7;"
"background:#f2f8f4;font-size:9.5pt}\n"
".key p,.key ul{margin:.5mm 0}\n"
".key p:has(+ul){break-after:avoid}\n"
".key ul{padding-left:5mm}\n"
".key li{break-inside:avoid}\n"
".key .cr b{margin-right:1.5mm}\n"
".key .t{white-space:pre-line}\n"
".key .ans{font-size:11pt;font-weight:700;color:#064}\n"
".at{display:grid;grid-template-columns:repeat(auto-fill,minmax(22mm,1fr));"
"border-top:.3mm solid #000;border-left:.3mm solid #000;margin:0 0 4mm}\n"
".at span{border-right:.3mm solid #000;border-bottom:.3mm solid #000;"
"padding:.8mm 2mm;white-space:nowrap;break-inside:avoid}\n";

/* One HTML rendering in progress. */
struct hw {
	FILE *fp;
	bool guide;
	const struct labels *l;
	const struct paper *p;
	const struct paper_form *f;
	const char *cand_id, *cand_name;	/* a paper printed for one */
};

/* Write text with HTML special characters escaped and trailing white
 * space dropped. */
static void esc(FILE *fp, const char *s)
{
	html_escape(fp, s, s ? utf8_trim_end(s, strlen(s)) : 0);
}

/* Write s as the body of a CSS string: quotes, backslashes, line breaks
 * and '<' (which could close the style element) are escaped. */
static void css_str(FILE *fp, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)(s ? s : "");
	     *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(fp, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f || *c == '<' || *c == '>')
			fprintf(fp, "\\%x ", *c);
		else
			fputc(*c, fp);
	}
}

/* Write the @page rule: A4, margins, running header and page numbers. */
static void page_rule(const struct hw *w)
{
	const struct labels *l = w->l;

	fputs("@page{size:A4;margin:17mm 15mm 17mm 15mm;\n"
	      "@top-left{content:\"", w->fp);
	css_str(w->fp, w->p->tpl->code);
	fprintf(w->fp, " · %s%s%s", l->form_pre, w->f->name,
		l->form_post);
	if (w->guide) {
		fputs(" · ", w->fp);
		css_str(w->fp, l->guide);
	}
	fputs("\";font-size:8pt;color:#555}\n@top-right{content:\"", w->fp);
	css_str(w->fp, w->p->tpl->title);
	fputs("\";font-size:8pt;color:#555}\n@bottom-center{content:\"", w->fp);
	css_str(w->fp, l->page_pre);
	fputs("\" counter(page) \"", w->fp);
	css_str(w->fp, l->page_mid);
	fputs("\" counter(pages) \"", w->fp);
	css_str(w->fp, l->page_post);
	fputs("\";font-size:8pt;color:#555}}\n", w->fp);
}

/* Write the document head. */
static void head(const struct hw *w)
{
	fprintf(w->fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"examgen %s\">\n<title>",
		w->l->html_lang, EXAMGEN_VERSION);
	esc(w->fp, w->p->tpl->title);
	fprintf(w->fp, " — ");
	esc(w->fp, w->p->tpl->code);
	fprintf(w->fp, " %s%s%s", w->l->form_pre, w->f->name,
		w->l->form_post);
	if (w->guide)
		fprintf(w->fp, " — %s", w->l->guide);
	fputs("</title>\n<style>\n", w->fp);
	page_rule(w);
	fputs(css, w->fp);
	if (!w->guide)
		fputs(sheet_html_css, w->fp);
	fputs("</style>\n</head>\n", w->fp);
}

/* Start one "label：value" fact of the facts line (closing the one
 * before). */
static void fact(const struct hw *w, bool first, const char *name)
{
	if (!first)
		fprintf(w->fp, "</span>%s", w->l->sep);
	fprintf(w->fp, "<span><b>%s</b>%s", name, w->l->colon);
}

/* Write the facts line: code, form, duration, total (and pass, seed). */
static void facts(const struct hw *w)
{
	const struct labels *l = w->l;
	char num[FORMAT_NUMBER_MAX];

	fputs("<p class=\"facts\">", w->fp);
	fact(w, true, l->code);
	esc(w->fp, w->p->tpl->code);
	fact(w, false, l->form);
	fputs(w->f->name, w->fp);
	if (w->p->tpl->duration) {
		fact(w, false, l->duration);
		fprintf(w->fp, "%u%s", w->p->tpl->duration, l->minutes);
	}
	fact(w, false, l->total);
	fprintf(w->fp, "%s %s", format_number(w->f->total, num),
		w->f->total == 1 ? l->unit_one : l->unit);
	if (w->guide) {
		fact(w, false, l->pass);
		fprintf(w->fp, "%s %s", format_number(w->p->pass, num),
			l->unit);
		fact(w, false, l->seed);
		fprintf(w->fp, "%llu", (unsigned long long)w->p->seed);
	}
	fputs("</span></p>\n", w->fp);
}

/* Write the name / candidate ID / date block with the marker's score
 * box (as on the PDF paper), the name and id filled in when the paper is
 * printed for a candidate. */
static void candidate_block(const struct hw *w)
{
	fprintf(w->fp, "<div class=\"cand\"><div>%s%s<span>", w->l->name,
		w->l->colon);
	esc(w->fp, w->cand_name);
	fprintf(w->fp, "</span></div><div>%s%s<span>", w->l->candidate_id,
		w->l->colon);
	esc(w->fp, w->cand_id);
	fprintf(w->fp, "</span></div><div>%s%s<span></span></div>"
		"<div class=\"score\">%s<span></span></div></div>\n",
		w->l->date, w->l->colon, w->l->score);
}

/* Write the title, facts and candidate block of the first page. */
static void header(const struct hw *w)
{
	fputs("<header>\n<h1>", w->fp);
	esc(w->fp, w->p->tpl->title);
	if (w->guide)
		fprintf(w->fp, "<small>%s</small>", w->l->guide);
	fputs("</h1>\n", w->fp);
	facts(w);
	if (w->guide) {
		fprintf(w->fp, "<p class=\"notice guide\">%s</p>\n",
			w->l->guide_note);
	} else {
		char notice[NOTICE_MAX];

		candidate_block(w);
		fprintf(w->fp, "<p class=\"notice\">%s</p>\n",
			labels_notice(w->l, w->f, notice));
	}
	fputs("</header>\n", w->fp);
}

/* Columns for a question's options: 4 when all are short, 2 when all are
 * medium, else one option per line. */
static const char *option_columns(const struct paper_item *it)
{
	size_t longest = 0;

	for (unsigned i = 0; i < it->noptions; i++) {
		const char *t = it->q->options[it->order[i]].text;
		size_t n = strlen(t);

		if (strchr(t, '\n'))
			return "";
		if (n > longest)
			longest = n;
	}
	return longest <= 21 ? " c4" : longest <= 48 ? " c2" : "";
}

/* Write a list of strings under a label (guide). */
static void key_list(const struct hw *w, const char *name, const char **v,
		     size_t n)
{
	if (!n)
		return;
	fprintf(w->fp, "<p><b>%s</b>%s</p><ul>", name, w->l->colon);
	for (size_t i = 0; i < n; i++) {
		fputs("<li class=\"t\">", w->fp);
		esc(w->fp, v[i]);
		fputs("</li>", w->fp);
	}
	fputs("</ul>\n", w->fp);
}

/* Write one labelled paragraph of the guide. */
static void key_para(const struct hw *w, const char *name, const char *s)
{
	if (!s || !*s)
		return;
	fprintf(w->fp, "<p class=\"t\"><b>%s</b>%s", name, w->l->colon);
	esc(w->fp, s);
	fputs("</p>\n", w->fp);
}

/* Write the marker's notes of one item. */
static void key_block(const struct hw *w, const struct paper_item *it)
{
	const struct question *q = it->q;
	const struct labels *l = w->l;
	char buf[LABEL_MAX], num[FORMAT_NUMBER_MAX];

	fputs("<div class=\"key\">\n", w->fp);
	if (labels_answer(l, it, buf))
		fprintf(w->fp, "<p><b>%s</b>%s<span class=\"ans\">%s</span>"
			"</p>\n", l->answer, l->colon, buf);
	if (q->type == Q_MULTIPLE)
		key_para(w, l->scoring, labels_rule(l, it->rule));
	key_para(w, l->explanation, q->explanation);
	if (q->nrubric) {
		fprintf(w->fp, "<p><b>%s</b>%s</p><ul>", l->rubric, l->colon);
		for (size_t i = 0; i < q->nrubric; i++) {
			/* an essay's criteria are scored by name on the sheet */
			if (q->type == Q_ESSAY)
				fprintf(w->fp, "<li class=\"t cr\"><b>%s</b>",
					labels_criterion(l, i, num));
			else
				fputs("<li class=\"t\">", w->fp);
			esc(w->fp, q->rubric[i].text);
			fprintf(w->fp, "%s%s %s</li>", l->colon,
				format_number(it->criteria ? it->criteria[i] :
					      q->rubric[i].points, num),
				l->unit);
		}
		fputs("</ul>\n", w->fp);
	}
	key_para(w, l->reference, q->reference);
	key_list(w, l->keys, q->keys, q->nkeys);
	key_list(w, l->deductions, q->deductions, q->ndeductions);
	fputs("</div>\n", w->fp);
}

/* Write one question. */
static void item(const struct hw *w, const struct paper_item *it)
{
	const struct question *q = it->q;
	char buf[LABEL_MAX];

	/* a written question may run its lines, or in the guide its marking
	 * notes, on over the page */
	fprintf(w->fp, "<div class=\"q%s\" id=\"q%u\">\n<div class=\"qh\">"
		"<span class=\"no\">%u.</span><span class=\"stem\">"
		"<span class=\"pts\">%s</span>",
		(q->type == Q_SHORT || q->type == Q_ESSAY) &&
		(w->guide || item_answer_lines(it) > 2) ? " w" : "", it->no,
		it->no,
		labels_points(w->l, it->points, buf));
	fputs(w->l->stem_gap, w->fp);
	esc(w->fp, q->stem);
	if (q->type == Q_MULTIPLE)
		esc(w->fp, w->l->multiple_hint);
	if (q->type == Q_TRUE_FALSE)
		esc(w->fp, w->l->tf_hint);
	fputs("</span></div>\n", w->fp);
	if (it->noptions) {
		fprintf(w->fp, "<ol class=\"opts%s\" type=\"A\">",
			option_columns(it));
		for (unsigned i = 0; i < it->noptions; i++) {
			fprintf(w->fp, "<li><b>%c.</b><span>", 'A' + (int)i);
			esc(w->fp, q->options[it->order[i]].text);
			fputs("</span></li>", w->fp);
		}
		fputs("</ol>\n", w->fp);
	}
	if (w->guide) {
		key_block(w, it);
	} else if ((q->type == Q_SHORT || q->type == Q_ESSAY) &&
		   item_answer_lines(it) > 0) {
		unsigned n = item_answer_lines(it);

		fputs("<div class=\"lines\">", w->fp);
		while (n--)
			fputs("<i></i>", w->fp);
		fputs("</div>\n", w->fp);
	}
	fputs("</div>\n", w->fp);
}

/* Write a section title with its number, count and points. */
static void section_title(const struct hw *w, size_t s)
{
	const struct paper_section *ps = &w->f->sections[s];
	char num[LABEL_MAX], sum[LABEL_MAX];

	fputs("<h2>", w->fp);
	if (!labels_title_numbered(ps->title))
		fputs(labels_section_number(w->l, s, num), w->fp);
	esc(w->fp, ps->title);
	fprintf(w->fp, "<span class=\"sum\">%s</span></h2>\n",
		labels_section_summary(w->l, ps->count, ps->points, sum));
}

/* Write the guide's table of objective answers, "12. ACD" a cell, T or F
 * for true/false (the PDF guide's table; the marker checks the sheet's
 * bubbles against it). */
static void answer_table(const struct hw *w)
{
	const struct labels *l = w->l;
	bool any = false;
	char buf[MASK_LETTERS_MAX];

	for (size_t i = 0; i < w->f->nitems; i++) {
		const struct paper_item *it = &w->f->items[i];

		if (!item_is_objective(it))
			continue;
		if (!any)
			fprintf(w->fp, "<section class=\"answers\">\n<h2>%s"
				"</h2>\n<div class=\"at\">", l->answer);
		any = true;
		fprintf(w->fp, "<span><b>%u.</b> %s</span>", it->no,
			it->q->type == Q_TRUE_FALSE ?
			(it->q->answer_tf ? l->tf_true : l->tf_false) :
			mask_letters(it->answer, buf));
	}
	if (any)
		fputs("</div>\n</section>\n", w->fp);
}

/* Write the document w describes. */
static int document(struct hw *w)
{
	const struct paper_form *f = w->f;

	head(w);
	fprintf(w->fp, "<body class=\"%s\">\n", w->guide ? "guide" : "paper");
	header(w);
	if (w->guide)
		answer_table(w);
	for (size_t s = 0; s < f->nsections; s++) {
		const struct paper_section *ps = &f->sections[s];

		fputs("<section>\n", w->fp);
		section_title(w, s);
		if (ps->instructions && *ps->instructions) {
			fputs("<p class=\"instr\">", w->fp);
			esc(w->fp, ps->instructions);
			fputs("</p>\n", w->fp);
		}
		for (size_t i = 0; i < ps->count; i++)
			item(w, &f->items[ps->first + i]);
		fputs("</section>\n", w->fp);
	}
	if (!w->guide && sheet_html_pages(w->fp, w->p, f, w->cand_id,
					  w->cand_name) < 0)
		return -1;
	fputs("</body>\n</html>\n", w->fp);
	return ferror(w->fp) ? -1 : 0;
}

/* Write the paper or guide of form f as HTML. */
int render_html(FILE *fp, enum render_doc doc, const struct paper *p,
		const struct paper_form *f)
{
	struct hw w = { fp, doc == DOC_GUIDE, labels_for(p), p, f, NULL,
			NULL };

	return document(&w);
}

/* Write form f's paper printed for one candidate. */
int render_html_candidate(FILE *fp, const struct paper *p,
			  const struct paper_form *f, const char *id,
			  const char *name)
{
	struct hw w = { fp, false, labels_for(p), p, f, id, name };

	return document(&w);
}
