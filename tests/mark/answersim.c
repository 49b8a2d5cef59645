/* SPDX-License-Identifier: GPL-3.0-or-later */
/* answersim.c - writes an answers folder as `scan --answers DIR` does
 * (CONTRACT: DIR/<paper>/<build>/<candidate_id>/q<number>-<part>.png and
 * DIR/answers.csv), for the marking tests before scanned booklets exist.
 *
 *   answersim DIR < rows.csv
 *
 * Each input row is paper,build,form,candidate_id,name,question,text: the
 * text is drawn into the crop as a candidate's writing (cairo and pango),
 * a '|' in it starting another part (a page break); an empty text gives
 * one blank crop. */
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/fileio.h"

/* Draw text (may be empty) into a grey crop at path. */
static int draw(const char *path, const char *text, size_t len)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 900, 320);
	cairo_t *cr = cairo_create(s);
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd =
		pango_font_description_from_string("Noto Sans CJK SC 22");
	int rc;

	cairo_set_source_rgb(cr, 0.97, 0.97, 0.96);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	for (int y = 60; y < 320; y += 52) {	/* the ruled lines */
		cairo_move_to(cr, 20, y);
		cairo_line_to(cr, 880, y);
	}
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_width(pl, 840 * PANGO_SCALE);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_spacing(pl, 18 * PANGO_SCALE);
	pango_layout_set_text(pl, text, (int)len);
	cairo_set_source_rgb(cr, 0.12, 0.12, 0.2);
	cairo_move_to(cr, 30, 16);
	cairo_rotate(cr, -0.006);
	pango_cairo_show_layout(cr, pl);
	rc = cairo_surface_write_to_png(s, path) == CAIRO_STATUS_SUCCESS ? 0
									  : -1;
	pango_font_description_free(fd);
	g_object_unref(pl);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return rc;
}

/* Write the crops of one row and its manifest lines. */
static int one_row(const char *dir, FILE *csv, char **f)
{
	const char *text = f[6];
	unsigned part = 1;

	for (;;) {
		const char *bar = strchr(text, '|');
		size_t len = bar ? (size_t)(bar - text) : strlen(text);
		char rel[512], *path, *folder;

		snprintf(rel, sizeof(rel), "%s/%s/%s/q%s-%u.png", f[0], f[1],
			 f[3], f[5], part);
		path = fileio_join(dir, rel);
		folder = path ? fileio_dirname(path) : NULL;
		if (!folder || fileio_mkdirs(folder) < 0 ||
		    draw(path, text, len) < 0) {
			fprintf(stderr, "answersim: cannot write %s\n", rel);
			free(path);
			free(folder);
			return -1;
		}
		free(path);
		free(folder);
		fprintf(csv, "%s,%s,%s,%s,", f[0], f[1], f[2], f[3]);
		csv_write_text(csv, f[4]);
		fprintf(csv, ",%s,%u,%u,%s,%d\n", f[5], part, part + 1, rel,
			len == 0);
		if (!bar)
			return 0;
		text = bar + 1;
		part++;
	}
}

/* Read rows from standard input, write DIR. */
int main(int argc, char **argv)
{
	static char buf[1 << 22];
	size_t len = fread(buf, 1, sizeof(buf) - 1, stdin);
	struct csv_reader r;
	struct csv_row row;
	char *out = NULL;
	size_t outlen = 0;
	FILE *csv;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: answersim DIR < rows.csv\n");
		return 2;
	}
	csv = open_memstream(&out, &outlen);
	fputs("paper,build,form,candidate_id,name,question,part,page,file,"
	      "blank\n", csv);
	csv_reader_init(&r, buf, len);
	while (rc == 0 && csv_next(&r, &row) == CSV_OK)
		if (row.n == 7)
			rc = one_row(argv[1], csv, row.fields);
	csv_reader_release(&r);
	fclose(csv);
	if (rc == 0) {
		char *path = fileio_join(argv[1], "answers.csv");

		rc = fileio_write(path, out, outlen, true) == FILEIO_OK ? 0 : -1;
		free(path);
	}
	free(out);
	return rc ? 1 : 0;
}
