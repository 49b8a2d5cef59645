/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.c - diagnostics list (see diag.h). */
#include "base/diag.h"
#include "base/array.h"
#include "base/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Prepare an empty list. */
void diags_init(struct diags *d)
{
	memset(d, 0, sizeof(*d));
}

/* Free every entry. */
void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	diags_init(d);
}

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 if invalid or
 * cut short. */
static size_t utf8_seq(const unsigned char *s)
{
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* True if the UTF-8 sequence s (len bytes) is a bidirectional control:
 * U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069. */
static bool bidi_control(const unsigned char *s, size_t len)
{
	if (len == 2)
		return s[0] == 0xD8 && s[1] == 0x9C;
	if (len != 3 || s[0] != 0xE2)
		return false;
	return (s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F ||
				 (s[2] >= 0xAA && s[2] <= 0xAE))) ||
	       (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9);
}

/* Keep a message printable on one line: control characters (C0, DEL,
 * C1, bidirectional) become '?' and bytes that are not UTF-8 (a
 * character cut by a "%.40s" width, or raw bytes from input) are
 * dropped. */
void diag_sanitize(char *msg)
{
	unsigned char *r = (unsigned char *)msg, *w = r;

	while (*r) {
		size_t len = utf8_seq(r);

		if (len == 0) {
			r++;
		} else if ((len == 1 && (*r < 0x20 || *r == 0x7f)) ||
			   (len == 2 && r[0] == 0xC2 && r[1] < 0xA0) ||
			   bidi_control(r, len)) {
			/* C0, DEL, C1, and the marks that turn the
			 * direction of the text shown (U+202E and its kin) */
			*w++ = '?';
			r += len;
		} else {
			memmove(w, r, len);
			w += len;
			r += len;
		}
	}
	*w = '\0';
}

/* Append a formatted entry of class cls (0 for a warning), followed by
 * ": " and reason when reason is not NULL. */
__attribute__((format(printf, 8, 0)))
static void diags_vadd(struct diags *d, enum diag_level level,
		       enum diag_class cls, const char *reason,
		       const char *path, unsigned line, unsigned col,
		       const char *fmt, va_list ap)
{
	size_t more = reason ? strlen(reason) + 2 : 0;
	struct diag *e;
	va_list ap2;
	int n;

	if ((int)cls > d->worst)
		d->worst = (int)cls;
	if (ARRAY_GROW(d->v, d->cap, d->n + 1) < 0) {
		d->oom = 1;
		return;
	}
	e = &d->v[d->n];
	e->level = level;
	e->cls = (int)cls;
	e->line = line;
	e->col = col;
	e->path = path ? strdup(path) : NULL;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	e->msg = n >= 0 ? malloc((size_t)n + more + 1) : NULL;
	if ((path && !e->path) || !e->msg) {
		free(e->path);
		free(e->msg);
		d->oom = 1;
		return;
	}
	vsnprintf(e->msg, (size_t)n + 1, fmt, ap);
	if (reason)
		sprintf(e->msg + n, ": %s", reason);
	diag_sanitize(e->msg);
	d->n++;
	if (level == DIAG_ERROR)
		d->errors++;
}

/* Append an error. */
void diags_error(struct diags *d, const char *path, unsigned line,
		 unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, DIAG_PROBLEM, NULL, path, line, col, fmt, ap);
	va_end(ap);
}

/* Append an error of a given class, from a va_list. */
void diags_vfail(struct diags *d, enum diag_class cls, const char *path,
		 unsigned line, unsigned col, const char *fmt, va_list ap)
{
	diags_vadd(d, DIAG_ERROR, cls, NULL, path, line, col, fmt, ap);
}

/* Append an error of a given class. */
void diags_fail(struct diags *d, enum diag_class cls, const char *path,
		unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, cls, NULL, path, line, col, fmt, ap);
	va_end(ap);
}

/* Append an error whose reason is given apart: the message, ": ", the
 * reason. */
void diags_vfail_reason(struct diags *d, enum diag_class cls,
			const char *reason, const char *path, const char *fmt,
			va_list ap)
{
	diags_vadd(d, DIAG_ERROR, cls, reason, path, 0, 0, fmt, ap);
}

/* Append an error about a failed system call (errno e). */
void diags_errno(struct diags *d, int e, const char *path, const char *fmt,
		 ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, diag_errno_class(e), diag_errno(e), path, 0,
		   0, fmt, ap);
	va_end(ap);
}

/* The class of a failed system call's errno: the one mapping from a file
 * error to an exit class. */
enum diag_class diag_errno_class(int e)
{
	switch (e) {
	case ENOENT: case ENOTDIR: case EISDIR: case EACCES: case EPERM:
	case ELOOP: case ENAMETOOLONG: case EEXIST:
		return DIAG_REFUSED;
	default:
		return DIAG_SYSTEM;
	}
}

/* Record that memory ran out. */
void diags_oom(struct diags *d)
{
	d->oom = 1;
	d->worst = DIAG_SYSTEM;
}

/* Raise the list's class to at least cls. */
void diags_raise(struct diags *d, enum diag_class cls)
{
	if ((int)cls > d->worst)
		d->worst = (int)cls;
}

/* True once memory ran out. */
bool diags_out_of_memory(const struct diags *d)
{
	return d->oom;
}

/* The exit code for the worst failure in the list. */
int diags_exit(const struct diags *d)
{
	return d->oom ? DIAG_SYSTEM : d->worst;
}

/* Append an entry of any level. */
void diags_add(struct diags *d, enum diag_level level, const char *path,
	       unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, level, level == DIAG_ERROR ? DIAG_PROBLEM : 0, NULL,
		   path,
		   line, col, fmt, ap);
	va_end(ap);
}

/* Compare two entries by position. */
static int diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* Order of two entry pointers: by position, then as added (so the sort
 * is stable). */
static int diag_ptr_cmp(const void *a, const void *b)
{
	const struct diag *x = *(const struct diag *const *)a;
	const struct diag *y = *(const struct diag *const *)b;
	int c = diag_cmp(x, y);

	return c ? c : x < y ? -1 : x > y;
}

/* Stable sort of the entries by position. */
void diags_sort(struct diags *d)
{
	struct diag **by = NULL, *out = NULL;

	if (d->n < 2)
		return;
	by = malloc(d->n * sizeof(*by));
	out = malloc(d->n * sizeof(*out));
	if (!by || !out) {
		diags_oom(d);
		goto out;
	}
	for (size_t i = 0; i < d->n; i++)
		by[i] = &d->v[i];
	qsort(by, d->n, sizeof(*by), diag_ptr_cmp);
	for (size_t i = 0; i < d->n; i++)
		out[i] = *by[i];
	memcpy(d->v, out, d->n * sizeof(*out));
out:
	free(by);
	free(out);
}

/* True if two entries say the same thing at the same place. */
static bool diag_same(const struct diag *a, const struct diag *b)
{
	return a->level == b->level && diag_cmp(a, b) == 0 &&
	       strcmp(a->msg, b->msg) == 0;
}

/* Hash of an entry's level, place and message. */
static size_t diag_hash(const struct diag *e)
{
	unsigned nums[3] = { (unsigned)e->level, e->line, e->col };
	uint64_t h = hash_str(HASH_INIT, e->path ? e->path : "");

	h = hash_str(h, e->msg);
	return (size_t)hash_bytes(h, nums, sizeof(nums));
}

/* Drop repeats of an entry anywhere in the list (keeps the first); a hash
 * of the kept entries keeps this linear. */
void diags_unique(struct diags *d)
{
	size_t out = 0, cap = 16, *slot;

	while (cap < d->n * 2)
		cap *= 2;
	slot = calloc(cap, sizeof(*slot));	/* kept index + 1; 0 free */
	if (!slot) {
		d->oom = 1;
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		size_t j = diag_hash(&d->v[i]) & (cap - 1);
		bool dup = false;

		for (; slot[j] && !dup; j = (j + 1) & (cap - 1))
			dup = diag_same(&d->v[slot[j] - 1], &d->v[i]);
		if (dup) {
			if (d->v[i].level == DIAG_ERROR)
				d->errors--;
			free(d->v[i].path);
			free(d->v[i].msg);
		} else {
			d->v[out] = d->v[i];
			slot[j] = ++out;
		}
	}
	d->n = out;
	free(slot);
}

/* strerror with a lower-case first letter (static buffer), saying
 * "folder" where it says "directory". */
const char *diag_errno(int e)
{
	static char buf[256];

	switch (e) {
	case ENOENT:
		return "no such file or folder";
	case ENOTDIR:
		return "not a folder";
	case EISDIR:
		return "is a folder";
	default:
		break;
	}
	snprintf(buf, sizeof(buf), "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* Standard text form of one entry. */
char *diag_format(const struct diag *e)
{
	const char *lv = e->level == DIAG_ERROR ? "error" : "warning";
	size_t n = strlen(e->msg) + strlen(lv) + 64 +
		   (e->path ? strlen(e->path) : 0);
	char *s = malloc(n);

	if (!s)
		return NULL;
	if (e->path && e->line)
		snprintf(s, n, "%s:%u:%u: %s: %s", e->path, e->line,
			 e->col ? e->col : 1, lv, e->msg);
	else if (e->path)
		snprintf(s, n, "%s: %s: %s", e->path, lv, e->msg);
	else
		snprintf(s, n, "examgen: %s: %s", lv, e->msg);
	return s;
}

/* Print every entry and drop it; print "out of memory" once when memory
 * ran out and no system error in the list said so. */
void diags_print(struct diags *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		struct diag *e = &d->v[i];
		char *s = diag_format(e);

		if (s) {
			fprintf(fp, "%s\n", s);
			free(s);
			d->oom_said = d->oom_said || e->cls == DIAG_SYSTEM ||
				      strstr(e->msg, "out of memory");
		} else {
			d->oom = 1;	/* said below instead */
		}
		free(e->path);
		free(e->msg);
	}
	d->n = 0;
	if (d->oom && !d->oom_said) {
		fputs("examgen: error: out of memory\n", fp);
		d->oom_said = true;
	}
}

/* Point standard error at /dev/null. */
int diag_stderr_silence(void)
{
	int saved, null;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if (saved < 0)
		return -1;
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, STDERR_FILENO) < 0) {
		if (null >= 0)
			close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

/* Put standard error back. */
void diag_stderr_restore(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}
