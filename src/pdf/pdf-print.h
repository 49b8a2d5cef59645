/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-print.h - the PDF files of a build, written by as many threads as
 * there are cores; which thread writes a file does not change its bytes. */
#ifndef EXAMGEN_PDF_PDF_PRINT_H
#define EXAMGEN_PDF_PDF_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "paper/page-layout.h"
#include "paper/paper.h"
#include "pdf/pdf-paper.h"
#include "render/render.h"

/* One PDF file of a build: copies of the paper or of the guide, in order,
 * or with sheet set the blank answer sheet of copies[0]'s form alone.
 * err is set by pdf_print_jobs: 0, or the errno of its failure. */
struct pdf_job {
	FILE *fp;
	enum render_doc doc;
	const struct pdf_copy *copies;
	size_t ncopies;
	bool sheet;
	int err;
};

/* Write every PDF job of paper p, spread over the processor cores; the
 * files are the same bytes whatever the spread.  Every paper is padded
 * with blank pages to the page count of the longest form, its answer sheet
 * starting on an odd page; every guide copy has an even page count, so
 * each copy of a print file starts on an odd page.  With layouts (one
 * per form, initialised), each form's papers' page QR codes and writing
 * regions are added to its layout.  0, or -1 when a job failed (its err
 * says why). */
int pdf_print_jobs(const struct paper *p, struct pdf_job *jobs, size_t n,
		   struct page_layout *layouts);
/* The paper or guide of form f alone as PDF (padded as above).  0, or -1
 * with errno set. */
int pdf_print_doc(FILE *fp, enum render_doc doc, const struct paper *p,
		  const struct paper_form *f);

#endif
