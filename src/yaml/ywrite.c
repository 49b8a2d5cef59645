/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ywrite.c - writing YAML (see ywrite.h). */
#include "yaml/ywrite.h"

/* See ywrite.h. */
void ywrite_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *c = (const unsigned char *)(s ? s : "");
	     *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(fp, "\\%c", *c);
		else if (*c == '\n')
			fputs("\\n", fp);
		else if (*c == '\t')
			fputs("\\t", fp);
		else if (*c < 0x20 || *c == 0x7f)
			fprintf(fp, "\\x%02x", *c);
		else
			fputc(*c, fp);
	}
	fputc('"', fp);
}
