/* SPDX-License-Identifier: GPL-3.0-or-later */
/* base_pdf.c - baseline for the print benchmark: the least any
 * cairo + pango program does to print the same job.  Writes PAGES A4 pages
 * into one PDF, each with LINES lines of text (a different line each time,
 * cycled from a fixed list of Chinese or English sentences), one font map
 * and one shaping context for the whole file, the same Noto CJK faces as
 * examgen; no layout decisions, no pagination, nothing read.
 *
 *   base_pdf OUT.pdf PAGES LINES zh|en
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

static const char *const zh[] = {
	"当物流信息长时间未更新时，分析订单记录补偿、需求工单的回访。",
	"客户在社交媒体上公开投诉时，处理优惠券规范客户、跟进升级标准。",
	"A. 时效忠诚度绩效、核实　B. 协调售后期望、需求　C. 订单原则",
	"新员工上岗第一周，判断升级时效流程，会员经理需求，维修问题。",
};
static const char *const en[] = {
	"When a parcel has not moved for days, review the order record.",
	"Facing an angry customer, handle the complaint process calmly.",
	"A. customer loyalty  B. refund process  C. follow-up  D. ticket",
	"In a new agent's first week, explain the escalation standard.",
};

/* Lay out and write the baseline PDF named on the command line. */
int main(int argc, char **argv)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	PangoLayout *l;
	PangoFontDescription *fd;
	const char *const *text;
	long pages, lines;
	int chinese;

	if (argc != 5) {
		fputs("usage: base_pdf OUT.pdf PAGES LINES zh|en\n", stderr);
		return 2;
	}
	pages = strtol(argv[2], NULL, 10);
	lines = strtol(argv[3], NULL, 10);
	chinese = strcmp(argv[4], "zh") == 0;
	text = chinese ? zh : en;
	sf = cairo_pdf_surface_create(argv[1], 595.276, 841.89);
	cr = cairo_create(sf);
	l = pango_cairo_create_layout(cr);
	fd = pango_font_description_from_string("Noto Serif CJK SC 10.5");
	pango_layout_set_font_description(l, fd);
	for (long p = 0; p < pages; p++) {
		for (long i = 0; i < lines; i++) {
			pango_layout_set_text(l, text[(p + i) % 4], -1);
			cairo_move_to(cr, 56.7, 76 + 22.0 * (double)i);
			pango_cairo_show_layout(cr, l);
		}
		cairo_show_page(cr);
	}
	pango_font_description_free(fd);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		fputs("base_pdf: cannot write the PDF\n", stderr);
		return 1;
	}
	cairo_surface_destroy(sf);
	return 0;
}
