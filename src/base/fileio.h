/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fileio.h - whole-file reads and never-half-written outputs.
 * An output is written to a temporary file in the destination folder, then
 * renamed over the destination, so readers see either the old file or the
 * complete new one. */
#ifndef EXAMGEN_BASE_FILEIO_H
#define EXAMGEN_BASE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

enum fileio_err {
	FILEIO_OK = 0,
	FILEIO_ENOENT,		/* no such file */
	FILEIO_EXISTS,		/* would overwrite without force */
	FILEIO_TOOBIG,		/* input larger than the limit */
	FILEIO_EIO,		/* read/write/rename failed: errno kept */
	FILEIO_ENOMEM,
};

/* Message for an error code (lower case, no full stop). */
const char *fileio_strerror(enum fileio_err e);

/* Why a file operation failed, as a message says it: errno err's text
 * when it is known (FILEIO_EIO, FILEIO_ENOENT), else e's. */
const char *fileio_reason(enum fileio_err e, int err);
/* Append an error for a failed file operation: the formatted message, then
 * ": " and why (errno err's text when it is known, else e's); its class is
 * fileio_class(e, err). */
void fileio_fail(struct diags *d, enum fileio_err e, int err,
		 const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Read a whole file (or stdin for "-") into a malloc'd buffer that has a
 * NUL after the last byte.  Caller frees *buf.  Returns FILEIO_OK or an
 * error; errno is kept for FILEIO_EIO. */
enum fileio_err fileio_read(const char *path, size_t limit, char **buf,
			    size_t *len);

/* An output being written: fp writes to a temporary file beside path,
 * named ".NAME.examgen-PID.XXXXXX" after the process that writes it. */
struct outfile {
	FILE *fp;
	char *path;		/* destination */
	char *tmp;		/* temporary name */
	char *backup;		/* outbatch: a hard link to the old file */
	int err;		/* first errno seen, 0 if none */
	bool force;		/* replace an existing destination */
	bool absent;		/* outbatch: there was no old file */
};

/* Open a temporary file for path.  Fails with FILEIO_EXISTS if path exists
 * and !force.  "-" writes to stdout directly.  The first time a run opens
 * one in a folder, the temporaries there of examgen runs that were killed
 * (their process is gone) are removed. */
enum fileio_err outfile_open(struct outfile *o, const char *path, bool force);
/* Flush, fsync and rename over the destination; on any failure remove the
 * temporary file and return FILEIO_EIO (errno kept). */
enum fileio_err outfile_commit(struct outfile *o);
/* Remove the temporary file and free everything (after an error). */
void outfile_abort(struct outfile *o);
/* Outputs written one by one and committed together: each is flushed and
 * closed as it is added, then one sync makes them all durable, then each
 * is renamed into place.  A failure before the renames leaves none of
 * them behind.  Owns the added outfiles' names. */
struct outbatch {
	struct outfile *v;
	size_t n, cap;
};

/* Prepare an empty batch. */
void outbatch_init(struct outbatch *b);
/* Flush and close o and keep it for outbatch_commit (o is released).  On
 * failure o's temporary file is removed and FILEIO_EIO returned (errno). */
enum fileio_err outbatch_add(struct outbatch *b, struct outfile *o);
/* Sync every added file once, then rename each into place, in order.  On
 * failure *failed names the destination that failed (valid until
 * outbatch_release), the files already renamed are rolled back (the old
 * file, kept as a hard link until the end, renamed back; a new one
 * removed), the files not yet renamed are removed, and errno is kept.
 * Where hard links cannot be made an old file cannot come back. */
enum fileio_err outbatch_commit(struct outbatch *b, const char **failed);
/* Remove the temporary files still pending and free the batch. */
void outbatch_release(struct outbatch *b);

/* Write a whole buffer atomically to path. */
enum fileio_err fileio_write(const char *path, const void *buf, size_t len,
			     bool force);
/* The paths (DIR/NAME) of the entries of folder dir whose name passes
 * keep, sorted by name; names starting with '.' are skipped.  Returns 0
 * with *paths malloc'd (free with fileio_list_free), or -1 with errno. */
int fileio_list(const char *dir, bool (*keep)(const char *name),
		char ***paths, size_t *n);
/* Free what fileio_list returned. */
void fileio_list_free(char **paths, size_t n);
/* Create a folder and its parents (mode 0777 & ~umask); 0 or -1 (errno). */
int fileio_mkdirs(const char *path);
/* True if a file named name cannot be created on Windows because the
 * part before its first '.' is a device name (CON, PRN, AUX, NUL, COM1-9,
 * LPT1-9, in any case): outputs copied to a Windows share must work. */
bool fileio_name_reserved(const char *name);
/* True if path exists (any kind). */
bool fileio_exists(const char *path);
/* True if paths a and b name one file: the same text, or the same file
 * (device and inode) when both exist, or the same name in one folder. */
bool fileio_same(const char *a, const char *b);
/* Join folder and name with one '/' (malloc'd). */
char *fileio_join(const char *dir, const char *name);
/* The folder part of path: "." when it has no '/', "/" for a name at
 * the root (malloc'd; NULL when out of memory). */
char *fileio_dirname(const char *path);

#endif
