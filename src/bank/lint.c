/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lint.c - warnings about bank and template text (see lint.h). */
#include "bank/lint.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/fileio.h"
#include "base/utf8.h"

/* Half-width marks that Chinese text writes full width, and their
 * full-width forms. */
static const char half_marks[] = ",:;?!()";
static const char *const full_marks[] = {
	"，", "：", "；", "？", "！", "（", "）",
};

/* Start of the code point that ends just before byte i of s. */
static size_t prev_start(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/* True if c is a Chinese character (a Han ideograph). */
static bool is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f);
}

/* Full-width form of a half-width mark next to Chinese text, or NULL. */
const char *lint_punct_at(const char *s, size_t len, size_t i)
{
	const char *m = i < len && s[i] ? strchr(half_marks, s[i]) : NULL;
	size_t n, p;

	if (!m)
		return NULL;
	p = i > 0 ? prev_start(s, i) : 0;
	if (i > 0 && is_han(utf8_decode(s + p, len - p, &n)))
		return full_marks[m - half_marks];
	if (i + 1 < len && is_han(utf8_decode(s + i + 1, len - i - 1, &n)))
		return full_marks[m - half_marks];
	return NULL;
}

/* The full-width form of a half-width bracket. */
static const char *full_bracket(char c)
{
	return c == '(' ? "（" : "）";
}

/* Mark in flag[] (one per byte of s) each half-width mark to warn about:
 * those next to Chinese text, and the other bracket of a pair of which
 * one is, as in 是( )。 */
static void mark_flags(const char *s, size_t len, const char **flag)
{
	size_t open[32], depth = 0;

	for (size_t i = 0; i < len; i++) {
		flag[i] = lint_punct_at(s, len, i);
		if (s[i] == '(') {
			if (depth < sizeof(open) / sizeof(*open))
				open[depth] = i;
			depth++;
		} else if (s[i] == ')' && depth > 0) {
			size_t o;

			if (--depth >= sizeof(open) / sizeof(*open))
				continue;
			o = open[depth];
			if (flag[o] && !flag[i])
				flag[i] = full_bracket(')');
			else if (flag[i] && !flag[o])
				flag[o] = full_bracket('(');
		}
	}
}

/* Prepare a checker. */
void lint_init(struct lint *l, const char *path, const char *buf,
	       size_t len, struct diags *d)
{
	l->path = path;
	l->buf = buf;
	l->len = len;
	l->d = d;
	l->line_start = 0;
	l->line = 1;
}

/* Byte offset of line:col in the source; len if past the end.  The
 * cursor moves from the line asked before, so checking the nodes of a
 * file in about their order reads it about once. */
static size_t source_offset(struct lint *l, unsigned line, unsigned col)
{
	size_t i, n;

	while (l->line > line && l->line_start > 0) {
		i = l->line_start - 1;		/* the '\n' ending the line above */
		while (i > 0 && l->buf[i - 1] != '\n')
			i--;
		l->line_start = i;
		l->line--;
	}
	while (l->line < line) {
		const char *nl = memchr(l->buf + l->line_start, '\n',
					l->len - l->line_start);

		if (!nl)
			return l->len;
		l->line_start = (size_t)(nl - l->buf) + 1;
		l->line++;
	}
	i = l->line_start;
	for (unsigned c = 1; c < col && i < l->len && l->buf[i] != '\n'; c++) {
		utf8_decode(l->buf + i, l->len - i, &n);
		i += n;
	}
	return i;
}

/* Walk the source of a scalar alongside its value: each character of the
 * value that is not white space is the next equal character of the source
 * (quotes, escapes, indentation and block headers are passed over). */
struct walk {
	size_t src;		/* byte offset in the source */
	unsigned line, col;	/* of src */
};

/* Move w to the source character of value character c; false if the
 * source runs out. */
static bool walk_to(const struct lint *l, struct walk *w, uint32_t c)
{
	size_t n;

	while (w->src < l->len) {
		uint32_t s = utf8_decode(l->buf + w->src, l->len - w->src,
					 &n);

		if (s == c)
			return true;
		w->src += n;
		if (s == '\n') {
			w->line++;
			w->col = 1;
		} else {
			w->col++;
		}
	}
	return false;
}

/* Warn about each half-width mark next to Chinese text in scalar n, at
 * the mark's own line and column. */
static void lint_text(struct lint *l, const struct ynode *n)
{
	const char *small[256], **flag = small;
	struct walk w;
	bool mapped = true, any = false;
	size_t i = 0, k;

	if (!n || n->kind != YNODE_SCALAR || !strpbrk(n->str, half_marks))
		return;
	if (n->len > sizeof(small) / sizeof(*small) &&
	    !(flag = malloc(n->len * sizeof(*flag)))) {
		diags_oom(l->d);
		return;
	}
	mark_flags(n->str, n->len, flag);
	for (i = 0; i < n->len && !any; i++)
		any = flag[i] != NULL;
	w.src = source_offset(l, n->line, n->col);
	w.line = n->line;
	w.col = n->col;
	for (i = 0; any && i < n->len; i += k) {
		uint32_t c = utf8_decode(n->str + i, n->len - i, &k);
		bool ink = c != ' ' && c != '\n' && c != '\t' && c != '\r';

		if (mapped && ink)
			mapped = walk_to(l, &w, c);
		if (flag[i])
			diags_add(l->d, DIAG_WARNING, l->path,
				  mapped ? w.line : n->line,
				  mapped ? w.col : n->col,
				  "half-width '%c' next to Chinese text; use "
				  "'%s'", n->str[i], flag[i]);
		if (mapped && ink) {
			w.src += k;
			w.col++;
		}
	}
	if (flag != small)
		free(flag);
}

/* Check every text of a list or of a single scalar. */
static void lint_texts(struct lint *l, const struct ynode *n,
		       const char *key)
{
	if (!n)
		return;
	if (n->kind == YNODE_SCALAR) {
		lint_text(l, n);
		return;
	}
	for (size_t i = 0; n->kind == YNODE_SEQ && i < n->n; i++) {
		const struct ynode *it = n->items[i];

		lint_text(l, it->kind == YNODE_MAP && key ?
			  ynode_get(it, key) : it);
	}
}

/* Warn about a question's text and guidance. */
void lint_question(struct lint *l, const struct ynode *m,
		   const struct question *q)
{
	static const char *const texts[] = {
		"stem", "reference", "explanation", "keys", "deductions", NULL
	};

	if (!m || m->kind != YNODE_MAP)
		return;
	for (size_t i = 0; texts[i]; i++)
		lint_texts(l, ynode_get(m, texts[i]), NULL);
	lint_texts(l, ynode_get(m, "options"), "text");
	lint_texts(l, ynode_get(m, "rubric"), "criterion");
	if (q->type == Q_SHORT && !q->reference)
		diags_add(l->d, DIAG_WARNING, l->path, m->line, m->col,
			  "short-answer question '%s' has no 'reference': "
			  "the marker's guide gives nothing to mark against",
			  q->id);
}

/* Warn about a template's title, section titles and instructions. */
void lint_template(const char *path, const char *buf, size_t len,
		   struct diags *d)
{
	struct arena a = ARENA_INIT;
	struct diags parse = DIAGS_INIT;
	struct ynode *root = NULL;
	const struct ynode *secs;
	struct lint l;

	if (ydoc_parse(&a, path, buf, len, &root, &parse) < 0 || !root ||
	    root->kind != YNODE_MAP)
		goto out;
	lint_init(&l, path, buf, len, d);
	lint_text(&l, ynode_get(root, "title"));
	secs = ynode_get(root, "sections");
	for (size_t i = 0; secs && secs->kind == YNODE_SEQ && i < secs->n;
	     i++) {
		const struct ynode *s = secs->items[i];

		if (s->kind != YNODE_MAP)
			continue;
		lint_text(&l, ynode_get(s, "title"));
		lint_text(&l, ynode_get(s, "instructions"));
	}
out:
	if (diags_out_of_memory(&parse))
		diags_oom(d);
	diags_release(&parse);
	arena_release(&a);
}
