/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outset.h - the files of one build written as a set.  They are created
 * in a hidden staging folder beside the output folder (".BASE.examgen-"
 * and six random characters), made durable, and then swapped in as a
 * whole: the output folder holds either the earlier contents or the new
 * set, never parts of both, even when the process is killed at any
 * instant.
 *
 * Each set is listed in the folder in ".examgen-set-NAME" (NAME is the
 * paper code), one relative path a line.  A replacing run drops the files
 * of the earlier list and those the new set writes again; every other
 * entry of the folder (the user's own files, other papers' sets) is
 * carried over into the new folder by hard link, so nothing is copied and
 * nothing is lost.  Staging folders left by killed runs are recognised by
 * name and lock and cleaned by the next run.  One not yet swapped in
 * (marked ".examgen-staging") holds only our files, a library's
 * temporary files and links, and is deleted; in any other (an old folder
 * swapped out) only entries listed in a set list or also present in the
 * output folder are deleted, and anything else is moved back. */
#ifndef EXAMGEN_BASE_OUTSET_H
#define EXAMGEN_BASE_OUTSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define OUTSET_LIST_PREFIX ".examgen-set-"

enum outset_err {
	OUTSET_OK = 0,
	OUTSET_EXISTS,		/* a file of the set exists and no force */
	OUTSET_CWD,		/* the folder is or holds the current folder */
	OUTSET_EIO,		/* system error: errno kept */
};

struct outset {
	char *real;		/* the output folder operated on (resolved) */
	char *parent;		/* the folder that holds it */
	char *base;		/* its name in parent */
	char *stage;		/* the staging folder; NULL once swapped in */
	char *list;		/* the set list's file name */
	char *kept;		/* a stale folder left in place, or NULL */
	int stage_fd;		/* the staging folder, locked while we live */
	int list_fd;		/* the set list being written */
	char **names;		/* the set's paths, relative to the folder */
	size_t n, cap;
};

/* Prepare an unused set. */
void outset_init(struct outset *s);
/* Start a set called name for output folder dir: clean the staging
 * folders that killed runs left beside dir, then create a staging folder.
 * OUTSET_OK, OUTSET_CWD, or OUTSET_EIO (errno). */
enum outset_err outset_open(struct outset *s, const char *dir,
			    const char *name);
/* Create the file rel (relative to the folder; '/' makes subfolders) in
 * the staging folder and open it for writing; NULL with errno. */
FILE *outset_create(struct outset *s, const char *rel);
/* List the file rel in the set and return the path (malloc'd) where a
 * library that writes files by name should create it; NULL with errno. */
char *outset_create_path(struct outset *s, const char *rel);
/* Close a file from outset_create; 0, or -1 with errno on a write
 * error. */
int outset_close(FILE *fp);
/* Make the set durable and swap it into the folder as a whole.  Without
 * force, a set path that exists in the folder (say, written by a
 * concurrent run) gives OUTSET_EXISTS with *clash naming it (valid until
 * outset_release) and changes nothing. */
enum outset_err outset_commit(struct outset *s, bool force,
			      const char **clash);
/* Remove the staging folder if the set was not swapped in, and free
 * everything. */
void outset_release(struct outset *s);

#endif
