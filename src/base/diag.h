/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.h - a list of diagnostics collected by lower layers and printed by
 * the command layer as `PATH:LINE:COL: error: MESSAGE` (diag_format, the
 * one formatter).  The list owns copies of every path and message; printing
 * the list empties it, so each entry is printed once. */
#ifndef EXAMGEN_BASE_DIAG_H
#define EXAMGEN_BASE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

/* What kind of failure an error reports.  The values are the exit codes:
 * a command's exit code is the worst class in its list (diags_exit). */
enum diag_class {
	DIAG_PROBLEM = 1,	/* invalid input, a flagged sheet */
	DIAG_REFUSED = 2,	/* a usage error or a refusal (missing file,
				 * an output that exists, a key of another
				 * paper) */
	DIAG_SYSTEM = 3,	/* an I/O error, out of memory */
};

struct diag {
	enum diag_level level;
	int cls;		/* enum diag_class of an error; 0 otherwise */
	char *path;		/* NULL: no file (e.g. a usage problem) */
	unsigned line, col;	/* 1-based; 0 = unknown */
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors;		/* count of DIAG_ERROR entries */
	int oom;		/* out of memory (maybe while storing an entry);
				 * set by diags_oom, read by
				 * diags_out_of_memory */
	int worst;		/* the worst enum diag_class added; 0: none */
	bool oom_said;		/* "out of memory" printed already */
};

#define DIAGS_INIT { NULL, 0, 0, 0, 0, 0, false }

/* Prepare an empty list. */
void diags_init(struct diags *d);
/* Free every entry. */
void diags_release(struct diags *d);
/* Append an error at PATH:LINE:COL. */
void diags_error(struct diags *d, const char *path, unsigned line,
		 unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Append an error of class cls, from a va_list. */
void diags_vfail(struct diags *d, enum diag_class cls, const char *path,
		 unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* Append an error of class cls (diags_error is DIAG_PROBLEM). */
void diags_fail(struct diags *d, enum diag_class cls, const char *path,
		unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Record that memory ran out: a system error, printed once as the last
 * message unless an entry says so. */
void diags_oom(struct diags *d);
/* Raise the list's class to at least cls without a message of its own
 * (the entries that say why are in the list): an input that could not be
 * loaded at all refuses the run even when its errors are problems. */
void diags_raise(struct diags *d, enum diag_class cls);
/* True once memory ran out (diags_oom, or an entry that could not be
 * stored). */
bool diags_out_of_memory(const struct diags *d);
/* The exit code the list calls for: 3 out of memory or a system error,
 * else 2 a refusal, 1 a problem, 0 nothing (warnings do not count). */
int diags_exit(const struct diags *d);
/* Append a diagnostic of any level. */
void diags_add(struct diags *d, enum diag_level level, const char *path,
	       unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Sort entries by path, line and column (stable). */
void diags_sort(struct diags *d);
/* Drop exact repeats (same level, place and message) after sorting. */
void diags_unique(struct diags *d);
/* Make a message printable on one line, in place: control characters
 * become '?', bytes that are not UTF-8 are dropped. */
void diag_sanitize(char *msg);
/* The class of a failed system call's errno, the one mapping from a file
 * error to an exit class: a refusal for what the user named wrongly
 * (missing, in a folder that is not there, a folder, existing, not
 * permitted), else a system error (I/O, no space, no memory). */
enum diag_class diag_errno_class(int e);
/* strerror(e) starting in lower case, as messages are worded ("folder",
 * not "directory"). */
const char *diag_errno(int e);
/* Append an error about a failed system call: the formatted message, then
 * ": " and errno e's text (diag_errno); its class is diag_errno_class(e).
 * Every message about an errno is written through this. */
void diags_errno(struct diags *d, int e, const char *path, const char *fmt,
		 ...)
	__attribute__((format(printf, 4, 5)));
/* Append an error of class cls whose reason is given apart: the message,
 * then ": " and reason (for fileio_fail). */
void diags_vfail_reason(struct diags *d, enum diag_class cls,
			const char *reason, const char *path, const char *fmt,
			va_list ap)
	__attribute__((format(printf, 5, 0)));
/* Print every entry to fp in the standard form and drop it (the counts
 * and the class stay): a later call prints only what was added since. */
void diags_print(struct diags *d, FILE *fp);
/* Silence standard error while a library that prints its own messages
 * there runs (libxlsxwriter's "[ERROR]" lines, which name temporary
 * files; examgen reports the failure itself): the saved descriptor for
 * diag_stderr_restore, or -1 (nothing changed). */
int diag_stderr_silence(void);
/* Give standard error back (saved from diag_stderr_silence; -1: none). */
void diag_stderr_restore(int saved);
/* Format one entry into the standard form (malloc'd; NULL on no memory). */
char *diag_format(const struct diag *e);

#endif
