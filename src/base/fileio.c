/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fileio.c - whole-file reads and atomic outputs (see fileio.h).
 * fileio_read hands the caller a malloc'd buffer it must free.  A struct
 * outfile owns its FILE, its path copies and its temporary file until
 * outfile_commit or outfile_abort, which both release everything. */
#define _GNU_SOURCE	/* renameat2 and RENAME_NOREPLACE */
#include "base/fileio.h"
#include "base/array.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define READ_CHUNK ((size_t)64 * 1024)

/* Message for an error code. */
const char *fileio_strerror(enum fileio_err e)
{
	switch (e) {
	case FILEIO_OK:
		return "no error";
	case FILEIO_ENOENT:
		return "no such file or folder";
	case FILEIO_EXISTS:
		return "file already exists";
	case FILEIO_TOOBIG:
		return "file is too large";
	case FILEIO_EIO:
		return "input/output error";
	case FILEIO_ENOMEM:
		return "out of memory";
	}
	return "unknown error";
}

/* The class of failure an error code is. */
static enum diag_class fileio_class(enum fileio_err e, int err)
{
	if (e == FILEIO_ENOMEM)
		return DIAG_SYSTEM;
	return e == FILEIO_EIO ? diag_errno_class(err) : DIAG_REFUSED;
}

/* Why a file operation failed. */
const char *fileio_reason(enum fileio_err e, int err)
{
	if (err && (e == FILEIO_EIO || e == FILEIO_ENOENT))
		return diag_errno(err);
	return fileio_strerror(e);
}

/* Append an error for a failed file operation. */
void fileio_fail(struct diags *d, enum fileio_err e, int err,
		 const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vfail_reason(d, fileio_class(e, err), fileio_reason(e, err),
			   path, fmt, ap);
	va_end(ap);
}

/* Read everything from fd, at most limit bytes, into a NUL-terminated
 * malloc'd buffer; size_hint is the expected size (0 if unknown). */
static enum fileio_err read_fd(int fd, size_t limit, size_t size_hint,
			       char **buf, size_t *len)
{
	size_t cap, n = 0;
	char *p;

	if (limit > SIZE_MAX - 2)
		limit = SIZE_MAX - 2;
	/* room for the expected bytes, the NUL, and one more so that the
	 * read that sees end of file needs no growth */
	if (size_hint)
		cap = size_hint < limit ? size_hint + 2 : limit + 2;
	else
		cap = limit < READ_CHUNK ? limit + 2 : READ_CHUNK;
	p = malloc(cap);
	if (!p)
		return FILEIO_ENOMEM;
	for (;;) {
		ssize_t r;

		if (n == cap - 1) {
			/* one byte past the limit is enough to know */
			size_t ncap = cap > limit / 2 ? limit + 2 : cap * 2;
			char *q;

			if (n > limit) {
				free(p);
				return FILEIO_TOOBIG;
			}
			q = realloc(p, ncap);
			if (!q) {
				free(p);
				return FILEIO_ENOMEM;
			}
			p = q;
			cap = ncap;
		}
		r = read(fd, p + n, cap - 1 - n);
		if (r < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			free(p);
			errno = saved;
			return FILEIO_EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return FILEIO_OK;
}

/* Read a whole file or stdin ("-"), refusing more than limit bytes. */
enum fileio_err fileio_read(const char *path, size_t limit, char **buf,
			    size_t *len)
{
	struct stat st;
	size_t hint = 0;
	enum fileio_err ret;
	int fd, saved;

	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, limit, 0, buf, len);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? FILEIO_ENOENT
							   : FILEIO_EIO;
	if (fstat(fd, &st) < 0) {
		ret = FILEIO_EIO;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		ret = FILEIO_EIO;
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > limit) {
			ret = FILEIO_TOOBIG;
			goto out;
		}
		hint = (size_t)st.st_size;
	}
	ret = read_fd(fd, limit, hint, buf, len);
out:
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

/* True if name's stem is a Windows device name. */
bool fileio_name_reserved(const char *name)
{
	static const char *const devices[] = { "CON", "PRN", "AUX", "NUL",
					       NULL };
	size_t n = strcspn(name, ".");

	while (n && name[n - 1] == ' ')	/* Windows drops trailing blanks */
		n--;
	for (size_t i = 0; devices[i]; i++)
		if (n == 3 && !strncasecmp(name, devices[i], 3))
			return true;
	return n == 4 && (!strncasecmp(name, "COM", 3) ||
			  !strncasecmp(name, "LPT", 3)) &&
	       name[3] >= '1' && name[3] <= '9';
}

/* Whether two paths name one file. */
bool fileio_same(const char *a, const char *b)
{
	struct stat sa, sb;
	const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
	char *da, *db;
	bool same;

	if (!strcmp(a, b))
		return true;
	if (!stat(a, &sa) && !stat(b, &sb))
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	/* not both there yet: the same name in the same folder */
	ba = ba ? ba + 1 : a;
	bb = bb ? bb + 1 : b;
	if (strcmp(ba, bb))
		return false;
	da = fileio_dirname(a);
	db = fileio_dirname(b);
	same = da && db && (!strcmp(da, db) ||
			    (!stat(da, &sa) && !stat(db, &sb) &&
			     sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino));
	free(da);
	free(db);
	return same;
}

/* True if something (file, folder, even a dangling link) is at path. */
bool fileio_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Join folder and name with exactly one '/'. */
char *fileio_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	char *p;

	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (dl == 0)
		return strdup(name);
	p = malloc(dl + 1 + nl + 1);
	if (!p)
		return NULL;
	memcpy(p, dir, dl);
	if (dir[dl - 1] != '/')
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

/* Create a folder and its parents, like mkdir -p. */
int fileio_mkdirs(const char *path)
{
	char *p = strdup(path);
	struct stat st;
	int ret = -1, saved = 0;

	if (!p)
		return -1;
	if (!*p) {
		free(p);
		errno = ENOENT;
		return -1;
	}
	for (char *s = p + 1; ; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			saved = errno;
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(p, &st) < 0) {
		saved = errno;
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		saved = ENOTDIR;
		goto out;
	}
	ret = 0;
out:
	free(p);
	if (ret)
		errno = saved;
	return ret;
}

/* Free the outfile's strings and forget its stream. */
static void outfile_release(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->path = NULL;
	o->tmp = NULL;
	o->fp = NULL;
}

#define TEMP_TAG ".examgen-"	/* ".NAME.examgen-PID.XXXXXX" */

/* The temporary-file template ".<base>.examgen-<pid>.XXXXXX" in path's
 * folder: the pid tells a later run whether its writer still runs. */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dl = (size_t)(base - path), bl = strlen(base), n;
	char *t;

	if (bl == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		errno = EISDIR;
		return NULL;
	}
	n = dl + 1 + bl + sizeof(TEMP_TAG) + 24 + 8;
	t = malloc(n);
	if (!t)
		return NULL;
	snprintf(t, n, "%.*s.%s" TEMP_TAG "%ld.XXXXXX", (int)dl, path, base,
		 (long)getpid());
	return t;
}

/* The pid of a temporary file name ".NAME.examgen-PID.XXXXXX" (or that
 * and ".old", a backup of outbatch_commit), or 0 for another name. */
static long temp_pid(const char *name)
{
	size_t n = strlen(name);
	const char *end, *tag, *p;
	long pid = 0;

	if (name[0] != '.')
		return 0;
	if (n > 4 && !strcmp(name + n - 4, ".old"))
		n -= 4;
	if (n < 8 + sizeof(TEMP_TAG))
		return 0;
	end = name + n - 7;		/* ".XXXXXX" */
	if (*end != '.')
		return 0;
	for (tag = end - 1; tag > name && *tag >= '0' && *tag <= '9'; tag--)
		;
	tag -= sizeof(TEMP_TAG) - 2;
	if (tag <= name || strncmp(tag, TEMP_TAG, sizeof(TEMP_TAG) - 1) ||
	    tag + sizeof(TEMP_TAG) - 1 == end)
		return 0;
	for (p = tag + sizeof(TEMP_TAG) - 1; p < end && pid < 1L << 30; p++)
		pid = pid * 10 + (*p - '0');
	return pid;
}

/* Remove from path's folder the temporary files of examgen runs that
 * were killed: their process no longer runs.  Once per folder per run
 * (nothing allocated); a file that cannot be removed is left. */
static void sweep_killed(const char *path)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char last[4096];
	const char *slash = strrchr(path, '/');
	char dir[sizeof(last)];
	DIR *d;
	struct dirent *e;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if ((size_t)(slash - path) + 2 > sizeof(dir))
		return;
	else
		snprintf(dir, sizeof(dir), "%.*s",
			 slash == path ? 1 : (int)(slash - path), path);
	pthread_mutex_lock(&lock);
	if (!strcmp(last, dir)) {
		pthread_mutex_unlock(&lock);
		return;
	}
	snprintf(last, sizeof(last), "%s", dir);
	d = opendir(dir);
	while (d && (e = readdir(d))) {
		long pid = temp_pid(e->d_name);
		struct stat st;

		if (!pid || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d)
		closedir(d);
	pthread_mutex_unlock(&lock);
}

/* Permission bits a newly created file gets: 0666 less the umask. */
static mode_t creation_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return (mode_t)(0666 & ~mask);
}

/* Open a temporary file beside path (or stdout for "-"). */
enum fileio_err outfile_open(struct outfile *o, const char *path, bool force)
{
	enum fileio_err ret = FILEIO_EIO;
	int fd = -1, saved;

	memset(o, 0, sizeof(*o));
	o->path = strdup(path);
	if (!o->path)
		return FILEIO_ENOMEM;
	o->force = force;
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return FILEIO_OK;
	}
	if (!force && fileio_exists(path)) {
		ret = FILEIO_EXISTS;
		goto fail;
	}
	sweep_killed(path);
	o->tmp = temp_template(path);
	if (!o->tmp) {
		ret = errno == ENOMEM ? FILEIO_ENOMEM : FILEIO_EIO;
		goto fail;
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		ret = errno == ENOENT || errno == ENOTDIR ? FILEIO_ENOENT
							  : FILEIO_EIO;
		free(o->tmp);
		o->tmp = NULL;	/* nothing was created */
		goto fail;
	}
	if (fchmod(fd, creation_mode()) < 0)
		goto fail;
	o->fp = fdopen(fd, "w");
	if (!o->fp)
		goto fail;
	return FILEIO_OK;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (o->tmp)
		unlink(o->tmp);
	outfile_release(o);
	o->err = saved;
	errno = saved;
	return ret;
}

/* Move tmp to path without replacing anything already there: renameat2
 * with RENAME_NOREPLACE, else link+unlink, else a checked rename. */
static enum fileio_err rename_noreplace(const char *tmp, const char *path)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return FILEIO_OK;
	if (errno == EEXIST)
		return FILEIO_EXISTS;
	if (errno != EINVAL && errno != ENOSYS)
		return FILEIO_EIO;
#endif
	if (link(tmp, path) == 0)
		return unlink(tmp) == 0 ? FILEIO_OK : FILEIO_EIO;
	if (errno == EEXIST)
		return FILEIO_EXISTS;
	if (errno != EPERM && errno != ENOSYS && errno != EOPNOTSUPP &&
	    errno != EMLINK)
		return FILEIO_EIO;
	/* no hard links on this file system: a small race remains */
	if (fileio_exists(path)) {
		errno = EEXIST;
		return FILEIO_EXISTS;
	}
	return rename(tmp, path) == 0 ? FILEIO_OK : FILEIO_EIO;
}

/* Flush, fsync, close and rename into place; on failure remove the
 * temporary file.  Releases o either way. */
enum fileio_err outfile_commit(struct outfile *o)
{
	enum fileio_err ret = FILEIO_EIO;
	int saved = 0;

	if (!o->tmp) {
		/* stdout: flush only, never close it */
		if (!o->fp) {
			saved = EBADF;
			goto fail;
		}
		errno = 0;
		if (fflush(o->fp) != 0 || ferror(o->fp)) {
			saved = errno ? errno : EIO;
			goto fail;
		}
		outfile_release(o);
		return FILEIO_OK;
	}
	errno = 0;
	if (ferror(o->fp) || fflush(o->fp) != 0 ||
	    fsync(fileno(o->fp)) != 0) {
		saved = errno ? errno : EIO;
		fclose(o->fp);
		o->fp = NULL;
		goto fail;
	}
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		saved = errno;
		goto fail;
	}
	o->fp = NULL;
	if (o->force)
		ret = rename(o->tmp, o->path) == 0 ? FILEIO_OK : FILEIO_EIO;
	else
		ret = rename_noreplace(o->tmp, o->path);
	if (ret == FILEIO_OK) {
		outfile_release(o);
		return FILEIO_OK;
	}
	saved = errno;
fail:
	if (o->tmp)
		unlink(o->tmp);
	outfile_release(o);
	o->err = saved;
	errno = saved;
	return ret;
}

/* Drop an unfinished output: close and remove the temporary file.  Also
 * safe after a failed outfile_open, any outfile_commit, or an abort. */
void outfile_abort(struct outfile *o)
{
	int saved = errno;

	if (o->fp && o->tmp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	outfile_release(o);
	errno = saved;
}

/* Prepare an empty batch. */
void outbatch_init(struct outbatch *b)
{
	memset(b, 0, sizeof(*b));
}

/* Flush and close one output and keep it pending. */
enum fileio_err outbatch_add(struct outbatch *b, struct outfile *o)
{
	int saved;

	if (!o->tmp)	/* stdout cannot wait: commit it now */
		return outfile_commit(o);
	if (ARRAY_GROW(b->v, b->cap, b->n + 1) < 0) {
		outfile_abort(o);
		return FILEIO_ENOMEM;
	}
	errno = 0;
	if (ferror(o->fp) || fflush(o->fp) != 0) {
		saved = errno ? errno : EIO;
		outfile_abort(o);
		errno = saved;
		return FILEIO_EIO;
	}
	if (fclose(o->fp) != 0) {
		saved = errno;
		o->fp = NULL;
		outfile_abort(o);
		errno = saved;
		return FILEIO_EIO;
	}
	o->fp = NULL;
	b->v[b->n++] = *o;
	memset(o, 0, sizeof(*o));
	return FILEIO_OK;
}

/* Make every pending file durable: one syncfs on their file system, or an
 * fsync of each where syncfs is not available. */
static int outbatch_sync(const struct outbatch *b)
{
	int fd, rc;

	if (b->n == 0)
		return 0;
	fd = open(b->v[0].tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = syncfs(fd);
	close(fd);
	if (rc == 0)
		return 0;
	for (size_t i = 0; i < b->n; i++) {
		fd = open(b->v[i].tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		rc = fsync(fd);
		close(fd);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Sync once, then rename each pending file into place. */
enum fileio_err outbatch_commit(struct outbatch *b, const char **failed)
{
	size_t i;
	enum fileio_err e = FILEIO_OK;
	int saved;

	*failed = NULL;
	if (outbatch_sync(b) < 0) {
		*failed = b->n ? b->v[0].path : "";
		return FILEIO_EIO;
	}
	for (i = 0; i < b->n && e == FILEIO_OK; i++) {
		struct outfile *o = &b->v[i];

		/* keep the old file until all are in place */
		o->absent = !o->force;
		if (o->force && (o->backup = malloc(strlen(o->tmp) + 5))) {
			sprintf(o->backup, "%s.old", o->tmp);
			if (link(o->path, o->backup) < 0) {
				o->absent = errno == ENOENT;
				free(o->backup);
				o->backup = NULL;
			}
		}
		if (o->force)
			e = rename(o->tmp, o->path) == 0 ? FILEIO_OK :
							    FILEIO_EIO;
		else
			e = rename_noreplace(o->tmp, o->path);
		if (e != FILEIO_OK) {
			*failed = o->path;
			break;
		}
		free(o->tmp);
		o->tmp = NULL;	/* renamed: nothing to remove */
	}
	saved = errno;
	/* a failure puts back what was renamed: all or none */
	while (e != FILEIO_OK && i-- > 0) {
		struct outfile *o = &b->v[i];

		if (o->backup && rename(o->backup, o->path) == 0) {
			free(o->backup);
			o->backup = NULL;
		} else if (o->absent) {
			unlink(o->path);
		}
	}
	for (i = 0; i < b->n; i++)
		if (b->v[i].backup) {
			unlink(b->v[i].backup);
			free(b->v[i].backup);
			b->v[i].backup = NULL;
		}
	errno = saved;
	return e;
}

/* Remove what is still pending and free the batch. */
void outbatch_release(struct outbatch *b)
{
	int saved = errno;

	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].tmp)
			unlink(b->v[i].tmp);
		free(b->v[i].tmp);
		free(b->v[i].path);
	}
	free(b->v);
	outbatch_init(b);
	errno = saved;
}

/* Write a whole buffer to path through a temporary file. */
enum fileio_err fileio_write(const char *path, const void *buf, size_t len,
			     bool force)
{
	struct outfile o;
	enum fileio_err ret = outfile_open(&o, path, force);

	if (ret != FILEIO_OK)
		return ret;
	if (len && fwrite(buf, 1, len, o.fp) != len) {
		int saved = errno ? errno : EIO;

		outfile_abort(&o);
		errno = saved;
		return FILEIO_EIO;
	}
	return outfile_commit(&o);
}

/* Sorted paths of the entries of a folder that keep accepts. */
int fileio_list(const char *dir, bool (*keep)(const char *name),
		char ***paths, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t count = 0, cap = 0;
	int saved;

	*paths = NULL;
	*n = 0;
	if (!dp)
		return -1;
	errno = 0;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.' || !keep(e->d_name))
			continue;
		if (ARRAY_GROW(v, cap, count + 1) < 0)
			goto fail;
		if (!(v[count] = fileio_join(dir, e->d_name)))
			goto fail;
		count++;
	}
	if (errno)
		goto fail;
	closedir(dp);
	if (count)
		qsort(v, count, sizeof(*v), array_strcmp);
	*paths = v;
	*n = count;
	return 0;
fail:
	saved = errno ? errno : ENOMEM;
	closedir(dp);
	fileio_list_free(v, count);
	errno = saved;
	return -1;
}

/* Free a list from fileio_list. */
void fileio_list_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/* See fileio.h. */
char *fileio_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}
