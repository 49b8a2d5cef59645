/* diag.c - diagnostics list (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = { "error", "warning", "note" };

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

/* Append a formatted entry. */
static void diags_vadd(struct diags *d, enum diag_level level,
		       const char *path, unsigned line, unsigned col,
		       const char *fmt, va_list ap)
{
	struct diag *e;
	va_list ap2;
	int n;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct diag *v = realloc(d->v, cap * sizeof(*v));

		if (!v) {
			d->oom = 1;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	e = &d->v[d->n];
	e->level = level;
	e->line = line;
	e->col = col;
	e->path = path ? strdup(path) : NULL;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	e->msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if ((path && !e->path) || !e->msg) {
		free(e->path);
		free(e->msg);
		d->oom = 1;
		return;
	}
	vsnprintf(e->msg, (size_t)n + 1, fmt, ap);
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
	diags_vadd(d, DIAG_ERROR, path, line, col, fmt, ap);
	va_end(ap);
}

/* Append an entry of any level. */
void diags_add(struct diags *d, enum diag_level level, const char *path,
	       unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, level, path, line, col, fmt, ap);
	va_end(ap);
}

/* Compare two entries by position; notes compare by their parent. */
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

/* Stable insertion sort of groups (an entry and the notes after it). */
void diags_sort(struct diags *d)
{
	size_t i = 0;

	while (i < d->n) {
		size_t end = i + 1, j, len;

		while (end < d->n && d->v[end].level == DIAG_NOTE)
			end++;
		len = end - i;
		/* find the insertion point among earlier group heads */
		j = i;
		while (j > 0) {
			size_t h = j - 1;

			while (h > 0 && d->v[h].level == DIAG_NOTE)
				h--;
			if (diag_cmp(&d->v[h], &d->v[i]) <= 0)
				break;
			j = h;
		}
		if (j < i) {
			struct diag *tmp = malloc(len * sizeof(*tmp));

			if (!tmp) {
				d->oom = 1;
				return;
			}
			memcpy(tmp, &d->v[i], len * sizeof(*tmp));
			memmove(&d->v[j + len], &d->v[j],
				(i - j) * sizeof(*tmp));
			memcpy(&d->v[j], tmp, len * sizeof(*tmp));
			free(tmp);
		}
		i = end;
	}
}

/* True if two entries say the same thing at the same place. */
static bool diag_same(const struct diag *a, const struct diag *b)
{
	return a->level == b->level && diag_cmp(a, b) == 0 &&
	       strcmp(a->msg, b->msg) == 0;
}

/* Drop repeats of an entry anywhere in the list (keeps the first). */
void diags_unique(struct diags *d)
{
	size_t out = 0;

	for (size_t i = 0; i < d->n; i++) {
		bool dup = false;

		for (size_t j = 0; j < out && !dup; j++)
			dup = diag_same(&d->v[j], &d->v[i]);
		if (dup) {
			if (d->v[i].level == DIAG_ERROR)
				d->errors--;
			free(d->v[i].path);
			free(d->v[i].msg);
		} else {
			d->v[out++] = d->v[i];
		}
	}
	d->n = out;
}

/* strerror with a lower-case first letter (static buffer). */
const char *diag_errno(int e)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* Standard text form of one entry. */
char *diag_format(const struct diag *e)
{
	const char *lv = level_names[e->level];
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

/* Print every entry. */
void diags_print(const struct diags *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		if (s) {
			fprintf(fp, "%s\n", s);
			free(s);
		}
	}
	if (d->oom)
		fprintf(fp, "examgen: error: out of memory while "
			    "collecting messages\n");
}
