/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-paper.c - what the PDF writer's parts share. */
#include "pdf/pdf-paper.h"

#include <stdlib.h>
#include <string.h>

/* See pdf-paper.h. */
void pdf_paper_init(struct pdf_paper *pp, struct pdf_fonts *ft,
		    const struct paper *p)
{
	memset(pp, 0, sizeof(*pp));
	pp->p = p;
	pp->lb = labels_for(p);
	page_layout_init(&pp->regions);
	pdf_doc_init(&pp->doc, ft, pdf_paper_script(p));
}

/* See pdf-paper.h. */
void pdf_paper_release(struct pdf_paper *pp)
{
	pdf_doc_release(&pp->doc);
	page_layout_release(&pp->regions);
	free(pp->writing);
	pp->writing = NULL;
	pp->nwriting = pp->writing_cap = 0;
}

/* Writing system of a paper's labels. */
enum pdf_script pdf_paper_script(const struct paper *p)
{
	const struct labels *lb = labels_for(p);

	return strcmp(lb->html_lang, "en") == 0 ? PS_LATIN :
	       strcmp(lb->html_lang, "zh-Hant") == 0 ? PS_HANT : PS_HANS;
}
