/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script.c - language tags to scripts, and converting a paper's bank text
 * into its template's script with libopencc (see script.h).
 *
 * Conversions: zh-Hans text into zh-Hant with s2tw (OpenCC's phrase
 * tables pick the character by its word: 发 -> 發 or 髮, 后 -> 後 or 后; the
 * Taiwan-standard glyphs 為 說 裡 著 are those Traditional Chinese is
 * printed with, and those of the bundled Traditional bank; s2twp would also
 * replace mainland terms, 信息 -> 資訊, changing the wording of questions).
 * zh-Hant text into zh-Hans with t2s (tw2s and tw2sp also turn correct
 * Simplified text such as 什么 and 显著 into 什幺 and 显着, and tw2sp turns
 * 核心 into 内核). */
#include "paper/script.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "base/hash.h"

#define OPENCC_FAILED ((opencc_t)-1)

/* The OpenCC configuration converting into each script. */
static const char *const config_of[] = {
	[SCRIPT_HANS] = "t2s.json",
	[SCRIPT_HANT] = "s2tw.json",
};

/* Converters opened so far in this process (opening one costs tens of
 * milliseconds: its phrase dictionary is loaded), closed at exit. */
static opencc_t converters[3];
static int close_registered;

/* Close the converters opened (atexit). */
static void close_converters(void)
{
	for (size_t i = 0; i < sizeof(converters) / sizeof(*converters); i++)
		if (converters[i]) {
			opencc_close(converters[i]);
			converters[i] = NULL;
		}
}

/* Script of a template's language, or -1. */
int script_of_template_language(const char *lang)
{
	if (!strcmp(lang, "zh") || !strcmp(lang, "zh-Hans"))
		return SCRIPT_HANS;
	if (!strcmp(lang, "zh-Hant"))
		return SCRIPT_HANT;
	if (!strcmp(lang, "en"))
		return SCRIPT_NONE;
	return -1;
}

/* Script of a bank's declared language. */
enum script script_of_bank_language(const char *lang)
{
	static const char *const hans[] = { "zh", "zh-Hans", "zh-CN",
					    "zh-SG", NULL };
	static const char *const hant[] = { "zh-Hant", "zh-TW", "zh-HK",
					    "zh-MO", NULL };

	if (!lang)
		return SCRIPT_HANS;
	for (size_t i = 0; hans[i]; i++)
		if (!strcmp(lang, hans[i]))
			return SCRIPT_HANS;
	for (size_t i = 0; hant[i]; i++)
		if (!strcmp(lang, hant[i]))
			return SCRIPT_HANT;
	return SCRIPT_NONE;
}

/* Canonical tag of a script. */
const char *script_tag(enum script s)
{
	return s == SCRIPT_HANS ? "zh-Hans" : s == SCRIPT_HANT ? "zh-Hant" :
	       "en";
}

/* The converter into script s, opened on first use; NULL with an error in
 * d when OpenCC cannot load it.  EXAMGEN_OPENCC_DATA names another folder
 * of OpenCC configurations. */
static opencc_t converter(enum script s, struct diags *d)
{
	const char *dir = getenv("EXAMGEN_OPENCC_DATA");
	char path[4096];
	opencc_t o;

	if (converters[s])
		return converters[s];
	if (dir && *dir)
		snprintf(path, sizeof(path), "%s/%s", dir, config_of[s]);
	else
		snprintf(path, sizeof(path), "%s", config_of[s]);
	o = opencc_open(path);
	if (o == OPENCC_FAILED) {
		const char *why = opencc_error();
		size_t n;

		if (strncmp(why, path, strlen(path)) == 0 &&
		    why[strlen(path)] == ' ')
			why += strlen(path) + 1;	/* "PATH not found..." */
		n = strlen(why);
		while (n && (why[n - 1] == '.' || why[n - 1] == '\n'))
			n--;
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "cannot load the OpenCC "
			   "conversion '%s': %.*s (it comes with the "
			   "libopencc-data package)", path, (int)n, why);
		return NULL;
	}
	if (!close_registered && atexit(close_converters) == 0)
		close_registered = 1;
	converters[s] = o;
	return o;
}

/* Text converted into script s (malloc'd), or NULL with an error in d. */
char *script_convert(enum script s, const char *text, struct diags *d)
{
	opencc_t cc = converter(s, d);
	char *r, *out;

	if (!cc)
		return NULL;
	r = opencc_convert_utf8(cc, text, strlen(text));
	if (!r) {
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "cannot convert text "
			   "with OpenCC: %s", opencc_error());
		return NULL;
	}
	out = strdup(r);
	opencc_convert_utf8_free(r);
	if (!out)
		diags_oom(d);
	return out;
}

/* One conversion run: the converter, the paper's arena, the copies made. */
struct conversion {
	opencc_t cc;
	enum script target;
	struct arena *arena;
	const struct question **from;	/* open addressing: original */
	struct question **to;		/* its converted copy */
	size_t cap;
	const struct bank **banks;	/* originals, and their copies */
	struct bank **bank_copies;
	size_t nbanks;
	enum { CONV_OK, CONV_NO_MEMORY, CONV_OPENCC, CONV_REPORTED } failed;
};

/* Converted copy of s in the arena (NULL stays NULL). */
static const char *conv_text(struct conversion *c, const char *s)
{
	char *r, *out;

	if (!s || c->failed)
		return s;
	r = opencc_convert_utf8(c->cc, s, strlen(s));
	if (!r) {
		c->failed = CONV_OPENCC;
		return s;
	}
	out = arena_strdup(c->arena, r);
	opencc_convert_utf8_free(r);
	if (!out)
		c->failed = CONV_NO_MEMORY;
	return out ? out : s;
}

/* Converted copy of a list of n texts. */
static const char **conv_list(struct conversion *c, const char **v, size_t n)
{
	const char **out;

	if (!n)
		return v;
	out = arena_calloc(c->arena, n, sizeof(*out));
	if (!out) {
		c->failed = CONV_NO_MEMORY;
		return v;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = conv_text(c, v[i]);
	return out;
}

/* The copy of bank b that declares the target script. */
static const struct bank *bank_copy(struct conversion *c, const struct bank *b)
{
	struct bank *copy;

	for (size_t i = 0; i < c->nbanks; i++)
		if (c->banks[i] == b)
			return c->bank_copies[i];
	copy = arena_alloc(c->arena, sizeof(*copy));
	if (!copy) {
		c->failed = CONV_NO_MEMORY;
		return b;
	}
	*copy = *b;
	copy->language = script_tag(c->target);
	c->banks[c->nbanks] = b;
	c->bank_copies[c->nbanks++] = copy;
	return copy;
}

/* Converted copy of question q (made once). */
static const struct question *conv_question(struct conversion *c,
					    const struct question *q)
{
	size_t j = (size_t)hash_bytes(HASH_INIT, &q, sizeof(q)) & (c->cap - 1);
	struct question *n;

	for (; c->from[j]; j = (j + 1) & (c->cap - 1))
		if (c->from[j] == q)
			return c->to[j];
	n = arena_alloc(c->arena, sizeof(*n));
	if (!n) {
		c->failed = CONV_NO_MEMORY;
		return q;
	}
	*n = *q;
	n->stem = conv_text(c, q->stem);
	if (q->noptions) {
		n->options = arena_calloc(c->arena, q->noptions,
					  sizeof(*n->options));
		if (!n->options) {
			c->failed = CONV_NO_MEMORY;
			return q;
		}
		for (size_t i = 0; i < q->noptions; i++) {
			n->options[i] = q->options[i];
			n->options[i].text = conv_text(c, q->options[i].text);
		}
	}
	if (q->nrubric) {
		n->rubric = arena_calloc(c->arena, q->nrubric,
					 sizeof(*n->rubric));
		if (!n->rubric) {
			c->failed = CONV_NO_MEMORY;
			return q;
		}
		for (size_t i = 0; i < q->nrubric; i++) {
			n->rubric[i] = q->rubric[i];
			n->rubric[i].text = conv_text(c, q->rubric[i].text);
		}
	}
	n->explanation = conv_text(c, q->explanation);
	n->reference = conv_text(c, q->reference);
	n->keys = conv_list(c, q->keys, q->nkeys);
	n->deductions = conv_list(c, q->deductions, q->ndeductions);
	n->bank = bank_copy(c, q->bank);
	c->from[j] = q;
	c->to[j] = n;
	return n;
}

/* True if item's question needs converting into script target. */
static bool needs_conversion(const struct paper_item *it, enum script target)
{
	enum script s = script_of_bank_language(it->q->bank ?
						it->q->bank->language : NULL);

	return s != SCRIPT_NONE && s != target;
}

/* Convert template text *s in place if it is in the other script: into
 * zh-Hans always (t2s leaves Simplified text as it is); into zh-Hant only
 * when it has no Traditional character (t2s leaves it as it is), as s2tw
 * would rewrite some words of Traditional text.  The converter into the
 * target is opened when first needed. */
static void conv_template_text(struct conversion *c, opencc_t to_hans,
			       const char **s, struct diags *d)
{
	char *r;
	bool foreign;

	if (!*s || c->failed)
		return;
	if (c->target == SCRIPT_HANT) {
		r = opencc_convert_utf8(to_hans, *s, strlen(*s));
		if (!r) {
			c->failed = CONV_OPENCC;
			return;
		}
		foreign = strcmp(r, *s) == 0;
		opencc_convert_utf8_free(r);
		if (!foreign)
			return;
	}
	if (!c->cc && !(c->cc = converter(c->target, d))) {
		c->failed = CONV_REPORTED;
		return;
	}
	*s = conv_text(c, *s);
}

/* Report a failed conversion run into d. */
static void conv_report(const struct conversion *c, struct diags *d)
{
	if (c->failed == CONV_NO_MEMORY)
		diags_oom(d);
	else if (c->failed == CONV_OPENCC)
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "OpenCC cannot convert "
			   "text into %s: %s", script_tag(c->target),
			   opencc_error());
}

/* Convert the title, section titles and instructions of t written in the
 * other script. */
int script_convert_template(struct template *t, struct diags *d)
{
	int ts = script_of_template_language(t->language);
	struct conversion c = { 0 };
	opencc_t to_hans;

	if (ts <= SCRIPT_NONE)
		return 0;
	c.target = (enum script)ts;
	c.arena = &t->arena;
	if (!(to_hans = converter(SCRIPT_HANS, d)))
		return -1;
	conv_template_text(&c, to_hans, &t->title, d);
	for (size_t i = 0; i < t->nsections; i++) {
		conv_template_text(&c, to_hans, &t->sections[i].title, d);
		conv_template_text(&c, to_hans, &t->sections[i].instructions,
				   d);
	}
	conv_report(&c, d);
	return c.failed ? -1 : 0;
}

/* Convert the other-script questions of p into its template's script. */
int script_convert_paper(struct paper *p, struct diags *d)
{
	int ts = script_of_template_language(p->tpl->language);
	struct conversion c = { 0 };
	size_t n = 0;
	int rc;

	if (ts <= SCRIPT_NONE)
		return 0;
	c.target = (enum script)ts;
	for (size_t f = 0; f < p->nforms; f++)
		for (size_t i = 0; i < p->forms[f].nitems; i++)
			n += needs_conversion(&p->forms[f].items[i], c.target);
	if (n == 0)
		return 0;
	if (!(c.cc = converter(c.target, d)))
		return -1;
	c.arena = &p->arena;
	for (c.cap = 16; c.cap < 2 * n; c.cap *= 2)
		;
	c.from = calloc(c.cap, sizeof(*c.from));
	c.to = calloc(c.cap, sizeof(*c.to));
	c.banks = calloc(n, sizeof(*c.banks));
	c.bank_copies = calloc(n, sizeof(*c.bank_copies));
	if (!c.from || !c.to || !c.banks || !c.bank_copies)
		c.failed = CONV_NO_MEMORY;
	for (size_t f = 0; f < p->nforms && !c.failed; f++)
		for (size_t i = 0; i < p->forms[f].nitems; i++) {
			struct paper_item *it = &p->forms[f].items[i];

			if (needs_conversion(it, c.target))
				it->q = conv_question(&c, it->q);
		}
	conv_report(&c, d);
	rc = c.failed ? -1 : 0;
	free(c.from);
	free(c.to);
	free(c.banks);
	free(c.bank_copies);
	return rc;
}
