/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-file.h - the objects of a PDF file that cairo wrote, written anew:
 * whole and compact (PDF 1.5 object streams and a cross-reference stream,
 * stream lengths inline, objects renumbered), or a run of its pages as a
 * file of their own.  cairo 1.16 writes every dictionary, stream length
 * and page as an object of its own with a plain cross-reference table:
 * about 500 bytes a page before the page's content.  Only what cairo
 * writes is read (one cross-reference table, one flat page tree); any
 * other file is "not read" and its caller keeps the bytes as they are. */
#ifndef EXAMGEN_PDF_PDF_FILE_H
#define EXAMGEN_PDF_PDF_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* One object: its body (the dictionary of a stream) and a stream's
 * data, in the file or replaced. */
struct pdf_object {
	size_t at, len;		/* body: file bytes [at, at + len) */
	size_t data, data_len;	/* stream data: file bytes */
	unsigned char *own;	/* replaced stream data (malloc'd), or NULL */
	size_t own_len;
	bool used;		/* in use in the cross-reference table */
	bool stream;
};

/* A PDF file read into objects. */
struct pdf_file {
	unsigned char *b;	/* the file (owned) */
	size_t len;
	struct pdf_object *obj;	/* by object number */
	size_t nobj;
	size_t root, info, pages;	/* object numbers (info 0 if none) */
	size_t *kids;		/* the page objects, in order */
	size_t nkids;
};

/* Bytes written by pdf_file_write(). */
struct pdf_bytes {
	unsigned char *b;
	size_t len, cap;
	bool oom;
};

/* Read the PDF b[0..len), taking the malloc'd buffer b (freed by
 * pdf_file_release() whatever the result).  0; 1 when the file is not
 * one this reader understands; -1 when out of memory. */
int pdf_file_read(struct pdf_file *f, unsigned char *b, size_t len);
/* Free f's objects and bytes. */
void pdf_file_release(struct pdf_file *f);
/* Give every CID-keyed CFF font of f the subroutines its glyphs call
 * only (pdf-cff.h).  0, or -1 when out of memory. */
int pdf_file_shrink_fonts(struct pdf_file *f);
/* Append to out the whole of f, compact.  0, or -1 when out of memory. */
int pdf_file_write(const struct pdf_file *f, struct pdf_bytes *out);
/* Append to out a file of f's pages [first, first + n) with what they
 * use, titled title (UTF-8).  0; -1 when out of memory or when the pages
 * are not in f. */
int pdf_file_write_pages(const struct pdf_file *f, size_t first, size_t n,
			 const char *title, struct pdf_bytes *out);

#endif
