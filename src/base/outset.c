/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outset.c - a build's files written as a set and swapped in as a whole
 * (see outset.h).  A struct outset owns its strings, its two descriptors
 * and, until it is swapped in, the staging folder. */
#define _GNU_SOURCE	/* renameat2, RENAME_EXCHANGE, syncfs */
#include "base/outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/fileio.h"

#define STAGE_TAG ".examgen-"
#define STAGE_RANDOM 6		/* the XXXXXX of mkdtemp */
/* In a staging folder until it is swapped in: everything in it is ours
 * (a library's temporary files too) or a link to a file of the folder. */
#define STAGE_MARK ".examgen-staging"
#define LIST_MAX_BYTES ((size_t)256 * 1024 * 1024)

/* A sorted list of relative paths, searched with bsearch. */
struct pathlist {
	char **v;
	size_t n, cap;
};

/* Free a path list. */
static void pathlist_release(struct pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Append a copy of s[0..len); -1 on no memory. */
static int pathlist_add(struct pathlist *l, const char *s, size_t len)
{
	if (ARRAY_GROW(l->v, l->cap, l->n + 1) < 0)
		return -1;
	if (!(l->v[l->n] = strndup(s, len)))
		return -1;
	l->n++;
	return 0;
}

/* Sort a list for pathlist_has. */
static void pathlist_sort(struct pathlist *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), array_strcmp);
}

/* True if the sorted list holds rel. */
static bool pathlist_has(const struct pathlist *l, const char *rel)
{
	return l->n &&
	       bsearch(&rel, l->v, l->n, sizeof(*l->v), array_strcmp);
}

/* Add the lines of set list file name in folder fd (none if missing). */
static int pathlist_read(struct pathlist *l, int fd, const char *name)
{
	int lfd = openat(fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = -1, saved;

	if (lfd < 0)
		return errno == ENOENT ? 0 : -1;
	for (;;) {
		ssize_t r;

		if (len == cap) {
			char *b;

			cap = cap ? cap * 2 : 4096;
			if (cap > LIST_MAX_BYTES || !(b = realloc(buf, cap))) {
				errno = cap > LIST_MAX_BYTES ? EFBIG : ENOMEM;
				goto out;
			}
			buf = b;
		}
		r = read(lfd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	for (size_t i = 0, start = 0; i < len; i++)
		if (buf[i] == '\n') {
			if (i > start && pathlist_add(l, buf + start,
						      i - start) < 0)
				goto out;
			start = i + 1;
		}
	rc = 0;
out:
	saved = errno;
	free(buf);
	close(lfd);
	errno = saved;
	return rc;
}

/* prefix/name, or name when prefix is empty (malloc'd). */
static char *rel_join(const char *prefix, const char *name)
{
	return *prefix ? fileio_join(prefix, name) : strdup(name);
}

/* Create the folders on the way to rel inside folder fd. */
static int mkdirs_at(int fd, const char *rel)
{
	char *p = strdup(rel);
	int rc = 0;

	if (!p)
		return -1;
	for (char *s = strchr(p, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdirat(fd, p, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
		if (rc)
			break;
	}
	free(p);
	return rc;
}

/* Move rel from folder xfd to the same place in folder rfd without
 * replacing anything there. */
static int move_noreplace(int xfd, int rfd, const char *rel)
{
	if (mkdirs_at(rfd, rel) < 0)
		return -1;
	if (renameat2(xfd, rel, rfd, rel, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (linkat(xfd, rel, rfd, rel, 0) < 0)
		return -1;
	return unlinkat(xfd, rel, 0);
}

/* Where stale folders are cleaned into: the output folder, opened (and
 * created) only when something must be looked up or moved there. */
struct cleaner {
	const char *real;
	int rfd;		/* -1 until opened */
	bool rmissing;		/* the output folder does not exist */
	const struct pathlist *listed;
	bool unfinished;	/* a staging folder: delete everything */
	size_t kept;
};

/* The output folder's descriptor, creating the folder if create. */
static int cleaner_rfd(struct cleaner *c, bool create)
{
	if (c->rfd >= 0 || (c->rmissing && !create))
		return c->rfd;
	if (create && c->rmissing && fileio_mkdirs(c->real) < 0)
		return -1;
	c->rfd = open(c->real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	c->rmissing = c->rfd < 0;
	return c->rfd;
}

/* Clean the entries under prefix of stale folder xfd: an entry present in
 * the output folder or listed in a set list is deleted, anything else is
 * moved back into the output folder (or kept, counted). */
static void clean_walk(struct cleaner *c, int xfd, const char *prefix)
{
	int dfd = openat(xfd, *prefix ? prefix : ".",
			 O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *dp = dfd < 0 ? NULL : fdopendir(dfd);
	struct dirent *e;

	if (!dp) {
		if (dfd >= 0)
			close(dfd);
		c->kept++;
		return;
	}
	while ((e = readdir(dp))) {
		struct stat st;
		char *rel;
		int rfd;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!*prefix && (!strncmp(e->d_name, OUTSET_LIST_PREFIX,
					  strlen(OUTSET_LIST_PREFIX)) ||
				 !strcmp(e->d_name, STAGE_MARK)))
			continue;	/* removed last */
		if (!(rel = rel_join(prefix, e->d_name))) {
			c->kept++;
			continue;
		}
		if (fstatat(xfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			clean_walk(c, xfd, rel);
			(void)unlinkat(xfd, rel, AT_REMOVEDIR);
		} else if (((rfd = cleaner_rfd(c, false)) >= 0 &&
			    fstatat(rfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0) ||
			   pathlist_has(c->listed, rel) || c->unfinished) {
			if (unlinkat(xfd, rel, 0) < 0)
				c->kept++;
		} else if ((rfd = cleaner_rfd(c, true)) < 0 ||
			   move_noreplace(xfd, rfd, rel) < 0) {
			c->kept++;
		}
		free(rel);
	}
	closedir(dp);
}

/* Empty and remove stale folder x beside the output folder; -1 with
 * errno if something had to be left in it. */
static int clean_folder(struct outset *s, int xfd, const char *x)
{
	struct pathlist listed = { 0 };
	struct cleaner c = { s->real, -1, false, &listed, false, 0 };
	struct stat st;
	DIR *dp;
	struct dirent *e;
	int lfd = dup(xfd), rc = 0;

	/* every set list in it: the files examgen wrote there */
	dp = lfd < 0 ? NULL : fdopendir(lfd);
	if (!dp) {
		if (lfd >= 0)
			close(lfd);
		return -1;
	}
	while ((e = readdir(dp)))
		if (!strncmp(e->d_name, OUTSET_LIST_PREFIX,
			     strlen(OUTSET_LIST_PREFIX)) &&
		    pathlist_read(&listed, xfd, e->d_name) < 0)
			c.kept++;
	pathlist_sort(&listed);
	c.unfinished = fstatat(xfd, STAGE_MARK, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (c.kept == 0)
		clean_walk(&c, xfd, "");
	if (c.kept == 0) {
		rewinddir(dp);
		while ((e = readdir(dp)))
			if (!strncmp(e->d_name, OUTSET_LIST_PREFIX,
				     strlen(OUTSET_LIST_PREFIX)) ||
			    !strcmp(e->d_name, STAGE_MARK))
				(void)unlinkat(xfd, e->d_name, 0);
	}
	closedir(dp);
	if (c.rfd >= 0)
		close(c.rfd);
	pathlist_release(&listed);
	if (c.kept || rmdir(x) < 0) {
		free(s->kept);
		s->kept = strdup(x);
		errno = ENOTEMPTY;
		rc = -1;
	}
	return rc;
}

/* True if name is a staging folder name for base. */
static bool is_stage_name(const char *name, const char *base)
{
	size_t bl = strlen(base), tl = strlen(STAGE_TAG);

	return name[0] == '.' && !strncmp(name + 1, base, bl) &&
	       !strncmp(name + 1 + bl, STAGE_TAG, tl) &&
	       strlen(name + 1 + bl + tl) == STAGE_RANDOM;
}

/* Clean the staging folders beside the output folder that no live run
 * holds (each run keeps its own locked). */
static void clean_stale(struct outset *s)
{
	DIR *dp = opendir(s->parent);
	struct dirent *e;

	if (!dp)
		return;
	while ((e = readdir(dp))) {
		char *x;
		int xfd;

		if (!is_stage_name(e->d_name, s->base))
			continue;
		if (!(x = fileio_join(s->parent, e->d_name)))
			break;
		xfd = open(x, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			   O_NOFOLLOW);
		if (xfd >= 0 && flock(xfd, LOCK_EX | LOCK_NB) == 0)
			(void)clean_folder(s, xfd, x);
		if (xfd >= 0)
			close(xfd);
		free(x);
	}
	closedir(dp);
}

/* Prepare an unused set. */
void outset_init(struct outset *s)
{
	memset(s, 0, sizeof(*s));
	s->stage_fd = s->list_fd = -1;
}

/* True if folder real is the current folder or one of its parents. */
static bool holds_cwd(const char *real)
{
	char cwd[PATH_MAX];
	size_t n = strlen(real);

	if (!getcwd(cwd, sizeof(cwd)))
		return false;
	if (n == 1 && real[0] == '/')
		return true;
	return !strncmp(cwd, real, n) && (cwd[n] == '\0' || cwd[n] == '/');
}

/* Work out real, parent and base for dir. */
static enum outset_err locate(struct outset *s, const char *dir)
{
	struct stat st;
	char *slash;

	if (lstat(dir, &st) == 0) {
		/* an existing folder (or a link to one): its real path */
		s->real = realpath(dir, NULL);
		if (!s->real)
			return OUTSET_EIO;
		if (holds_cwd(s->real))
			return OUTSET_CWD;
	} else {
		size_t n = strlen(dir);

		if (!(s->real = strdup(dir)))
			return OUTSET_EIO;
		while (n > 1 && s->real[n - 1] == '/')
			s->real[--n] = '\0';
	}
	slash = strrchr(s->real, '/');
	s->parent = slash == s->real ? strdup("/") :
		    slash ? strndup(s->real, (size_t)(slash - s->real)) :
			    strdup(".");
	s->base = strdup(slash ? slash + 1 : s->real);
	if (!s->parent || !s->base)
		return OUTSET_EIO;
	if (!*s->base || !strcmp(s->base, ".") || !strcmp(s->base, "..")) {
		errno = EINVAL;
		return OUTSET_EIO;
	}
	return OUTSET_OK;
}

/* Permission bits for a new folder: 0777 less the umask. */
static mode_t folder_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return (mode_t)(0777 & ~mask);
}

/* Create and lock the staging folder (under the parent's lock). */
static enum outset_err make_stage(struct outset *s)
{
	int fd;
	size_t n = strlen(s->parent) + strlen(s->base) + strlen(STAGE_TAG) +
		   16;

	if (!(s->stage = malloc(n)))
		return OUTSET_EIO;
	snprintf(s->stage, n, "%s/.%s%sXXXXXX", s->parent, s->base,
		 STAGE_TAG);
	if (!mkdtemp(s->stage)) {
		free(s->stage);
		s->stage = NULL;
		return OUTSET_EIO;
	}
	s->stage_fd = open(s->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->stage_fd < 0 || flock(s->stage_fd, LOCK_EX) < 0 ||
	    fchmod(s->stage_fd, folder_mode()) < 0)
		return OUTSET_EIO;
	fd = openat(s->stage_fd, STAGE_MARK, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		return OUTSET_EIO;
	close(fd);
	return OUTSET_OK;
}

/* Start a set: locate the folder, clean stale staging, stage.  Cleaning
 * and staging happen under a lock on the parent folder, so no run takes
 * another's new staging folder, not yet locked, for a stale one. */
enum outset_err outset_open(struct outset *s, const char *dir,
			    const char *name)
{
	enum outset_err e = locate(s, dir);
	int pfd;

	if (e != OUTSET_OK)
		return e;
	s->list = malloc(strlen(OUTSET_LIST_PREFIX) + strlen(name) + 1);
	if (!s->list || fileio_mkdirs(s->parent) < 0)
		return OUTSET_EIO;
	strcpy(s->list, OUTSET_LIST_PREFIX);
	strcat(s->list, name);
	pfd = open(s->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0 || flock(pfd, LOCK_EX) < 0) {
		if (pfd >= 0)
			close(pfd);
		return OUTSET_EIO;
	}
	clean_stale(s);
	e = make_stage(s);
	close(pfd);
	if (e != OUTSET_OK)
		return e;
	s->list_fd = openat(s->stage_fd, s->list, O_WRONLY | O_CREAT |
			    O_EXCL | O_APPEND | O_CLOEXEC, 0666);
	return s->list_fd < 0 ? OUTSET_EIO : OUTSET_OK;
}

/* Write all of buf to fd. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t r = write(fd, buf, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		buf += r;
		len -= (size_t)r;
	}
	return 0;
}

/* List rel in the set (first on disk, so a killed run's staging folder
 * never holds an unlisted file of ours) and make its folders. */
static int add_name(struct outset *s, const char *rel)
{
	size_t len = strlen(rel);
	char *line;
	int rc;

	if (ARRAY_GROW(s->names, s->cap, s->n + 1) < 0)
		return -1;
	if (!(s->names[s->n] = strdup(rel)))
		return -1;
	s->n++;
	if (!(line = malloc(len + 2)))
		return -1;
	memcpy(line, rel, len);
	line[len] = '\n';
	rc = write_all(s->list_fd, line, len + 1);
	free(line);
	return rc < 0 ? -1 : mkdirs_at(s->stage_fd, rel);
}

/* List rel in the set, then create it in the staging folder. */
FILE *outset_create(struct outset *s, const char *rel)
{
	FILE *fp;
	int fd;

	if (add_name(s, rel) < 0)
		return NULL;
	fd = openat(s->stage_fd, rel, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	if (!(fp = fdopen(fd, "w"))) {
		int saved = errno;

		close(fd);
		errno = saved;
	}
	return fp;
}

/* List rel in the set; where to write it. */
char *outset_create_path(struct outset *s, const char *rel)
{
	return add_name(s, rel) < 0 ? NULL : fileio_join(s->stage, rel);
}

/* Close a file of the set, reporting any write error. */
int outset_close(FILE *fp)
{
	int err = ferror(fp), saved = errno;

	if (fclose(fp) != 0)
		return -1;
	if (err) {
		errno = saved ? saved : EIO;
		return -1;
	}
	return 0;
}

/* Link every entry under prefix of folder dfd that is neither in the new
 * set nor in the old one into the same place in the staging folder; a
 * subfolder whose entries were all replaced is not carried. */
static int carry_over(struct outset *s, int dfd, const char *prefix,
		      const struct pathlist *new_set,
		      const struct pathlist *old_set)
{
	int sub = openat(dfd, *prefix ? prefix : ".",
			 O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *dp = sub < 0 ? NULL : fdopendir(sub);
	struct dirent *e;
	size_t seen = 0, replaced = 0;
	int rc = 0;

	if (!dp) {
		if (sub >= 0)
			close(sub);
		return -1;
	}
	errno = 0;
	while (rc == 0 && (e = readdir(dp))) {
		struct stat st;
		char *rel;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    (!*prefix && !strcmp(e->d_name, s->list)))
			continue;
		seen++;
		if (!(rel = rel_join(prefix, e->d_name)))
			rc = -1;
		else if (pathlist_has(new_set, rel) ||
			 pathlist_has(old_set, rel))
			replaced++;
		else if (fstatat(dfd, rel, &st, AT_SYMLINK_NOFOLLOW) < 0)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc = (mkdirat(s->stage_fd, rel, st.st_mode & 07777) < 0
			      && errno != EEXIST) ? -1 :
			     carry_over(s, dfd, rel, new_set, old_set);
		else
			rc = linkat(dfd, rel, s->stage_fd, rel, 0);
		free(rel);
		errno = rc ? errno : 0;
	}
	if (rc == 0 && errno)
		rc = -1;
	closedir(dp);
	/* a folder of replaced files only (an earlier roster's sheets/) */
	if (rc == 0 && *prefix && seen && seen == replaced)
		(void)unlinkat(s->stage_fd, prefix, AT_REMOVEDIR);
	return rc;
}

/* Sync the file system of the folder fd holds (every file of the set
 * and the links made). */
static int sync_folder(int fd)
{
	return syncfs(fd) == 0 || fsync(fd) == 0 ? 0 : -1;
}

/* Swap the staging folder with the existing folder dfd (locked).  The
 * old contents end up at the staging folder's name, or at *aside when
 * the file system cannot exchange two names in one step. */
static int swap_in(struct outset *s, char **aside)
{
	size_t n;

	*aside = NULL;
	if (renameat2(AT_FDCWD, s->stage, AT_FDCWD, s->real,
		      RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* no exchange: move the old folder aside, then the new one in; a
	 * kill between leaves both complete, and the next run's cleaning
	 * moves the user's files back */
	n = strlen(s->parent) + strlen(s->base) + strlen(STAGE_TAG) + 16;
	if (!(*aside = malloc(n)))
		return -1;
	snprintf(*aside, n, "%s/.%s%sXXXXXX", s->parent, s->base, STAGE_TAG);
	if (!mkdtemp(*aside) || rename(s->real, *aside) < 0)
		return -1;
	return rename(s->stage, s->real);
}

/* Under the folder's lock: refuse clashes, carry over what stays, swap. */
static enum outset_err replace_locked(struct outset *s, int dfd, bool force,
				      const char **clash)
{
	struct pathlist new_set = { s->names, s->n, s->cap }, old_set = { 0 };
	enum outset_err rc = OUTSET_EIO;
	struct stat st;
	char *aside = NULL;
	int xfd;

	pathlist_sort(&new_set);
	s->names = new_set.v;	/* sorted in place */
	for (size_t i = 0; !force && i < s->n; i++)
		if (fstatat(dfd, s->names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
			*clash = s->names[i];
			return OUTSET_EXISTS;
		}
	if (pathlist_read(&old_set, dfd, s->list) < 0)
		goto out;
	pathlist_sort(&old_set);
	if (carry_over(s, dfd, "", &new_set, &old_set) < 0 ||
	    fstat(dfd, &st) < 0 || fchmod(s->stage_fd, st.st_mode & 07777) < 0
	    || sync_folder(s->stage_fd) < 0 || swap_in(s, &aside) < 0)
		goto out;
	/* the old contents, now beside the folder: drop what the new set
	 * replaced and what was carried over */
	xfd = open(aside ? aside : s->stage, O_RDONLY | O_DIRECTORY |
		   O_CLOEXEC);
	if (xfd >= 0) {
		(void)clean_folder(s, xfd, aside ? aside : s->stage);
		close(xfd);
	}
	free(s->stage);
	s->stage = NULL;	/* it is the output folder now */
	rc = OUTSET_OK;
out:
	free(aside);
	pathlist_release(&old_set);
	return rc;
}

/* Sync, then move the staging folder into place or swap it in. */
enum outset_err outset_commit(struct outset *s, bool force,
			      const char **clash)
{
	*clash = NULL;
	if (close(s->list_fd) < 0) {
		s->list_fd = -1;
		return OUTSET_EIO;
	}
	s->list_fd = -1;
	/* from here the folder may become the output folder */
	if (unlinkat(s->stage_fd, STAGE_MARK, 0) < 0 ||
	    sync_folder(s->stage_fd) < 0)
		return OUTSET_EIO;
	for (;;) {
		struct stat held, now;
		enum outset_err rc;
		int dfd;

		if (renameat2(AT_FDCWD, s->stage, AT_FDCWD, s->real,
			      RENAME_NOREPLACE) == 0 ||
		    ((errno == EINVAL || errno == ENOSYS) &&
		     !fileio_exists(s->real) && rename(s->stage, s->real) == 0)) {
			free(s->stage);
			s->stage = NULL;
			return OUTSET_OK;
		}
		if (errno != EEXIST && errno != ENOTEMPTY && errno != EINVAL &&
		    errno != ENOSYS)
			return OUTSET_EIO;
		/* the folder exists: replace it under its lock, unless a
		 * concurrent run swapped it meanwhile (then look again) */
		dfd = open(s->real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0)
			return OUTSET_EIO;
		if (flock(dfd, LOCK_EX) < 0 || fstat(dfd, &held) < 0) {
			close(dfd);
			return OUTSET_EIO;
		}
		if (stat(s->real, &now) == 0 && now.st_ino == held.st_ino &&
		    now.st_dev == held.st_dev) {
			rc = replace_locked(s, dfd, force, clash);
			close(dfd);
			return rc;
		}
		close(dfd);
	}
}

/* Drop an unfinished staging folder and free everything. */
void outset_release(struct outset *s)
{
	int saved = errno;

	if (s->list_fd >= 0)
		close(s->list_fd);
	/* our files are all listed, the rest are links to the folder's */
	if (s->stage && s->stage_fd >= 0)
		(void)clean_folder(s, s->stage_fd, s->stage);
	if (s->stage_fd >= 0)
		close(s->stage_fd);
	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->real);
	free(s->parent);
	free(s->base);
	free(s->stage);
	free(s->list);
	free(s->kept);
	outset_init(s);
	errno = saved;
}
