/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-print.c - the PDF files of a build (print file, guide file, per-form
 * files, answer sheets alone): one page count for every form's paper, then the files written
 * by as many threads as there are cores, each thread with its own fonts
 * (pango objects are not shared between threads).  Which thread writes a
 * file does not change its bytes. */
#include "pdf/pdf-print.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/pdf-compose.h"
#include "pdf/pdf-paper.h"
#include "pdf/pdf-sheet.h"

#define MAX_THREADS 8

/* The work shared by the threads. */
struct print_run {
	const struct paper *p;
	struct pdf_job *jobs;
	size_t njobs;
	atomic_size_t next;		/* next job to take */
	unsigned body, total;		/* every paper's page counts */
	pthread_mutex_t sheets_lock;	/* the first sheet job draws them */
	bool sheets_drawn;
	int sheets_err;			/* errno of drawing them, or 0 */
	struct pdf_sheets sheets;
};

/* One thread's fonts and result. */
struct print_worker {
	struct print_run *run;
	struct pdf_fonts ft;
	bool ft_ok;
	pthread_t tid;
};

/* Round n up to an even number. */
static unsigned even(unsigned n)
{
	return n + (n & 1);
}

/* The page counts every form's paper is padded to: its body to the
 * longest body, made even so that the answer sheet starts on an odd page,
 * and its sheet to the longest sheet, made even so that the next copy of a
 * print file starts on an odd page too. */
static int paper_pages(struct print_run *run, struct pdf_fonts *ft,
		       struct page_layout *layouts)
{
	struct pdf_paper pp;
	unsigned body = 0, sheet = 0;
	unsigned *pages = calloc(2 * run->p->nforms + 1, sizeof(*pages));
	int rc = pages ? 0 : -1;

	pdf_paper_init(&pp, ft, run->p);
	for (size_t f = 0; rc == 0 && f < run->p->nforms; f++) {
		struct pdf_copy c = { &run->p->forms[f], NULL, NULL };

		if (pdf_compose_paper(&pp, DOC_PAPER, run->p, &c) < 0 ||
		    (layouts && pdf_compose_regions(&pp, &layouts[f]) < 0)) {
			rc = -1;
			break;
		}
		pages[2 * f] = pp.doc.body_pages;
		pages[2 * f + 1] = pp.doc.pages;
		if (pp.doc.body_pages > body)
			body = pp.doc.body_pages;
		if (pp.doc.pages - pp.doc.body_pages > sheet)
			sheet = pp.doc.pages - pp.doc.body_pages;
	}
	pdf_paper_release(&pp);
	run->body = even(body);
	run->total = run->body + even(sheet);
	/* each form's pages as its papers print them */
	for (size_t f = 0; layouts && rc == 0 && f < run->p->nforms; f++)
		rc = pdf_compose_qrs(&layouts[f], pages[2 * f], pages[2 * f + 1],
				     run->body, run->total);
	free(pages);
	return rc;
}

/* Write the blank sheet of the form of job j alone, drawing every form's
 * sheet first if no thread has.  0, or -1 with errno set. */
static int sheet_job(struct print_run *run, struct pdf_job *j,
		     struct pdf_fonts *ft)
{
	int err;

	pthread_mutex_lock(&run->sheets_lock);
	if (!run->sheets_drawn) {
		run->sheets_drawn = true;
		if (pdf_sheets_init(&run->sheets, ft, run->p) < 0)
			run->sheets_err = errno ? errno : EIO;
	}
	err = run->sheets_err;
	pthread_mutex_unlock(&run->sheets_lock);
	if (err) {
		errno = err;
		return -1;
	}
	return pdf_sheets_write(&run->sheets, j->fp,
				(size_t)(j->copies[0].f - run->p->forms), ft);
}

/* Take jobs until none is left. */
static void *work(void *arg)
{
	struct print_worker *w = arg;
	struct print_run *run = w->run;
	size_t i;

	while ((i = atomic_fetch_add(&run->next, 1)) < run->njobs) {
		struct pdf_job *j = &run->jobs[i];
		bool paper = j->doc == DOC_PAPER;

		if (!w->ft_ok) {
			j->err = ENOMEM;
			continue;
		}
		/* a guide copy only needs an even page count */
		errno = 0;
		if (j->sheet ? sheet_job(run, j, &w->ft) < 0 :
		    pdf_write_copies(j->fp, &w->ft, j->doc, run->p, j->copies,
				     j->ncopies, paper ? run->body : 0,
				     paper ? run->total : 0) < 0)
			j->err = errno ? errno : EIO;
		else
			j->err = 0;
	}
	return NULL;
}

/* Fewer threads than cores when there are fewer jobs. */
static size_t thread_count(size_t njobs)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cores > 0 ? (size_t)cores : 1;

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	return n < njobs ? n : njobs;
}

/* Write every job. */
int pdf_print_jobs(const struct paper *p, struct pdf_job *jobs, size_t n,
		   struct page_layout *layouts)
{
	struct print_run run = { .p = p, .jobs = jobs, .njobs = n };
	struct print_worker w[MAX_THREADS];
	size_t nthreads = thread_count(n), started = 1;
	int rc = 0;

	if (!n)
		return 0;
	memset(w, 0, sizeof(w));
	atomic_init(&run.next, 0);
	pthread_mutex_init(&run.sheets_lock, NULL);
	for (size_t t = 0; t < nthreads; t++) {
		w[t].run = &run;
		w[t].ft_ok = pdf_fonts_init(&w[t].ft, pdf_paper_script(p)) == 0;
	}
	if (!w[0].ft_ok || paper_pages(&run, &w[0].ft, layouts) < 0) {
		for (size_t i = 0; i < n; i++)
			jobs[i].err = ENOMEM;
		goto out;
	}
	for (size_t t = 1; t < nthreads; t++) {
		if (pthread_create(&w[t].tid, NULL, work, &w[t]) != 0)
			break;
		started++;
	}
	work(&w[0]);
	for (size_t t = 1; t < started; t++)
		pthread_join(w[t].tid, NULL);
out:
	if (run.sheets_drawn)
		pdf_sheets_release(&run.sheets);
	pthread_mutex_destroy(&run.sheets_lock);
	for (size_t t = 0; t < nthreads; t++)
		pdf_fonts_release(&w[t].ft);
	for (size_t i = 0; i < n; i++)
		if (jobs[i].err) {
			errno = jobs[i].err;
			rc = -1;
		}
	return rc;
}

/* The paper or guide of one form. */
int pdf_print_doc(FILE *fp, enum render_doc doc, const struct paper *p,
		  const struct paper_form *f)
{
	struct pdf_copy c = { f, NULL, NULL };
	struct pdf_job j = { fp, doc, &c, 1, false, 0 };

	return pdf_print_jobs(p, &j, 1, NULL);
}
