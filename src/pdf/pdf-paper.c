/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-paper.c - what the PDF writer's parts share. */
#include "pdf/pdf-paper.h"

#include <string.h>

/* Writing system of a paper's labels. */
enum pdf_script pdf_paper_script(const struct paper *p)
{
	const struct labels *lb = labels_for(p);

	return strcmp(lb->html_lang, "en") == 0 ? PS_LATIN :
	       strcmp(lb->html_lang, "zh-Hant") == 0 ? PS_HANT : PS_HANS;
}
