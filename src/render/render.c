/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render.c - output formats and the dispatch of render_doc() to the text,
 * Markdown and HTML writers (PDF: pdf/pdf-print.h). */
#include "render/render.h"

#include <errno.h>
#include <string.h>

#include "render/render-html.h"
#include "render/render-text.h"

static const char *const fmt_names[FMT_COUNT] = { "txt", "md", "html",
						  "pdf" };

/* File name extension of a format. */
const char *render_fmt_ext(enum render_fmt f)
{
	return (unsigned)f < FMT_COUNT ? fmt_names[f] : "txt";
}

/* Parse a comma list of format names into a bit set. */
int render_fmt_parse(const char *list, unsigned *set, const char **bad)
{
	const char *s = list;

	*set = 0;
	for (;;) {
		size_t n = strcspn(s, ","), f;

		for (f = 0; f < FMT_COUNT; f++)
			if (strlen(fmt_names[f]) == n &&
			    strncmp(fmt_names[f], s, n) == 0)
				break;
		if (f == FMT_COUNT) {
			*bad = s;
			return -1;
		}
		*set |= 1u << f;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

/* Write the paper or guide of form f in format fmt. */
int render_doc(FILE *fp, enum render_fmt fmt, enum render_doc doc,
	       const struct paper *p, const struct paper_form *f)
{
	switch (fmt) {
	case FMT_TXT:
		return render_text(fp, false, doc, p, f);
	case FMT_MD:
		return render_text(fp, true, doc, p, f);
	case FMT_HTML:
		return render_html(fp, doc, p, f);
	case FMT_PDF:
	case FMT_COUNT:
		break;
	}
	errno = EINVAL;
	return -1;
}
