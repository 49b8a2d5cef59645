/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tmptree.h - scratch folders for the Check suites that touch the file
 * system: make one per test, put files in it, remove it whole. */
#ifndef EXAMGEN_TESTS_TMPTREE_H
#define EXAMGEN_TESTS_TMPTREE_H

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"

#define TMPTREE_MAX 64	/* size of a folder name buffer */

/* Make a fresh folder /tmp/NAME.XXXXXX, its path in dir. */
static inline void tmptree_make(char dir[TMPTREE_MAX], const char *name)
{
	ck_assert_int_lt(snprintf(dir, TMPTREE_MAX, "/tmp/%s.XXXXXX", name),
			 TMPTREE_MAX);
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove folder dir and everything in it, folders a test made read-only
 * included. */
static inline void tmptree_remove(const char *dir)
{
	DIR *d;
	struct dirent *e;

	chmod(dir, 0700);
	if (!(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		char *p;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		p = fileio_join(dir, e->d_name);
		if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			tmptree_remove(p);
		else if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Create file path holding content, the plain way. */
static inline void tmptree_put(const char *path, const char *content)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_ge(fputs(content, fp), 0);
	ck_assert_int_eq(fclose(fp), 0);
}

#endif
