/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cue.c - item-writing checks (see cue.h). */
#include "bank/cue.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* Words that make a statement absolute (specific determiners): a
 * test-wise candidate marks such a statement false. */
static const char *const absolute_words[] = {
	"只", "一定", "所有", "总是", "總是", "绝对", "絕對", "必须", "必須",
	"从不", "從不", "从来", "從來", "任何", "永远", "永遠", "完全", "一律",
	"无论", "無論", "绝不", "絕不", "决不", "決不", "一切", "凡是", "唯一",
	"全部", "每次", "务必", "務必", "肯定", NULL
};

/* Words next to which a letter names an option. */
static const char *const before_letter[] = {
	"答案", "选项", "選項", "选择", "選擇", "选", "選", NULL
};
static const char *const after_letter[] = {
	"选项", "選項", "项", "項", "选", "選", NULL
};
/* Between such a word and the letter. */
static const char *const filler[] = {
	"是", "为", "為", "：", ":", " ", "应", "應", NULL
};

/* Beginnings of an option that sums up the others. */
static const char *const above_starts[] = {
	"以上", "上述", "all of the above", "none of the above",
	"All of the above", "None of the above", NULL
};

/* Count what counts for length. */
size_t cue_length(const char *s)
{
	size_t n = 0, k, len = s ? strlen(s) : 0;

	for (size_t i = 0; i < len; i += k) {
		uint32_t c = utf8_decode(s + i, len - i, &k);

		if (c > 0x7f ? c != 0x3000 : (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			n++;
	}
	return n;
}

/* Find an absolute word. */
const char *cue_absolute(const char *s)
{
	for (size_t i = 0; s && absolute_words[i]; i++)
		if (strstr(s, absolute_words[i]))
			return absolute_words[i];
	return NULL;
}

/* True if ASCII byte c is a letter or digit. */
static bool ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* True if s[0..end) ends with one of words (after fillers). */
static bool ends_with_word(const char *s, size_t end,
			   const char *const *words)
{
	bool skipped = true;

	while (skipped) {
		skipped = false;
		for (size_t f = 0; filler[f]; f++) {
			size_t fl = strlen(filler[f]);

			if (end >= fl && !memcmp(s + end - fl, filler[f], fl)) {
				end -= fl;
				skipped = true;
			}
		}
	}
	for (size_t w = 0; words[w]; w++) {
		size_t wl = strlen(words[w]);

		if (end >= wl && !memcmp(s + end - wl, words[w], wl))
			return true;
	}
	return false;
}

/* True if s at from starts with one of words (after spaces). */
static bool starts_with_word(const char *s, const char *const *words)
{
	while (*s == ' ')
		s++;
	for (size_t w = 0; words[w]; w++)
		if (!strncmp(s, words[w], strlen(words[w])))
			return true;
	return false;
}

/* True if a bracket opens at s[0..end). */
static bool open_bracket(const char *s, size_t end)
{
	return (end >= 1 && s[end - 1] == '(') ||
	       (end >= 3 && !memcmp(s + end - 3, "（", 3));
}

/* Marks after which a clause starts. */
static const char *const clause_marks[] = {
	"，", "。", "；", "：", "、", " ", ",", ";", ":", NULL
};

/* True if a clause starts at byte i of s. */
static bool clause_start(const char *s, size_t i)
{
	for (size_t m = 0; i > 0 && clause_marks[m]; m++) {
		size_t ml = strlen(clause_marks[m]);

		if (i >= ml && !memcmp(s + i - ml, clause_marks[m], ml))
			return true;
	}
	return i == 0;
}

/* True if a letter run of n letters at i..j of s is the subject of a
 * clause ("A 推卸，B 居高臨下") or one of a list ("A、C 生硬"). */
static bool letter_subject(const char *s, size_t i, size_t j, size_t n)
{
	bool list = !strncmp(s + j, "、", 3) && s[j + 3] >= 'A' &&
		    s[j + 3] <= 'Z';

	if (n != 1 || !clause_start(s, i))
		return false;
	while (s[j] == ' ')
		j++;
	/* Chinese text goes on: not the English article "A good ..." */
	return list || (unsigned char)s[j] >= 0xe4;
}

/* Find a named option letter. */
long cue_letter(const char *s, size_t nopt)
{
	size_t len = s ? strlen(s) : 0;

	for (size_t i = 0; i < len; i++) {
		size_t j = i;
		bool in_range = true;

		if (s[i] < 'A' || s[i] > 'Z' || (i > 0 && ascii_alnum(s[i - 1])))
			continue;
		while (j < len && s[j] >= 'A' && s[j] <= 'Z') {
			in_range = in_range && (size_t)(s[j] - 'A') < nopt;
			j++;
		}
		if (j < len && ascii_alnum(s[j])) {
			i = j;
			continue;
		}
		if (in_range &&
		    (ends_with_word(s, i, before_letter) ||
		     letter_subject(s, i, j, j - i) ||
		     starts_with_word(s + j, after_letter) ||
		     (open_bracket(s, i) &&
		      (s[j] == ')' || !strncmp(s + j, "）", 3)))))
			return (long)i;
		i = j - 1;
	}
	return -1;
}

/* Find a summing-up option. */
bool cue_above(const char *s)
{
	for (size_t i = 0; s && above_starts[i]; i++)
		if (!strncmp(s, above_starts[i], strlen(above_starts[i])))
			return true;
	return false;
}

/* Index of the key of a single-choice question. */
static size_t key_of(const struct question *q)
{
	size_t k = 0;

	while (k < q->noptions && !(q->answer & (1u << k)))
		k++;
	return k;
}

/* Length of the longest option other than k. */
static size_t longest_other(const struct question *q, size_t k)
{
	size_t m = 0;

	for (size_t i = 0; i < q->noptions; i++)
		if (i != k && cue_length(q->options[i].text) > m)
			m = cue_length(q->options[i].text);
	return m;
}

/* How many options of q are len long. */
static size_t ties_at(const struct question *q, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < q->noptions; i++)
		n += cue_length(q->options[i].text) == len;
	return n;
}

/* Warn about option letters named in the text of q whose options move. */
static void check_letters(const struct question *q, struct cue_summary *s,
			  struct diags *d)
{
	const char *where = NULL, *text = NULL;
	long at = -1;

	if (!q->shuffle || q->noptions < 2)
		return;
	if ((at = cue_letter(text = q->stem, q->noptions)) >= 0)
		where = "stem";
	else if ((at = cue_letter(text = q->explanation, q->noptions)) >= 0)
		where = "explanation";
	for (size_t i = 0; !where && i < q->noptions; i++)
		if ((at = cue_letter(text = q->options[i].text,
				     q->noptions)) >= 0)
			where = "text of an option";
	if (!where)
		return;
	s->letters++;
	s->warnings++;
	diags_add(d, DIAG_WARNING, q->bank->path, q->line, q->col,
		  "the %s of '%s' names option '%c', but its options are "
		  "shuffled: write '{{option:N}}' for the N-th option as "
		  "listed, which prints the letter each form shows", where,
		  q->id, text[at]);
}

/* Warn about "all/none of the above" not fixed in the last place. */
static void check_above(const struct question *q, struct cue_summary *s,
			struct diags *d)
{
	for (size_t i = 0; i < q->noptions; i++) {
		const struct option *o = &q->options[i];
		bool last = i + 1 == q->noptions;

		if (!cue_above(o->text) ||
		    (last && (o->fixed || !q->shuffle)))
			continue;
		s->above++;
		s->warnings++;
		diags_add(d, DIAG_WARNING, q->bank->path, q->line, q->col,
			  "option %zu of '%s' ('%.40s') sums up the others but "
			  "%s: write it last as {text: ..., fixed: true}",
			  i + 1, q->id, o->text,
			  last ? "is shuffled with them" : "is not last");
	}
}

/* Count and check one question. */
static void check_question(const struct question *q, struct cue_summary *s,
			   struct diags *d)
{
	s->nquestions++;
	s->unreviewed += !q->reviewed_by;
	if (q->type == Q_TRUE_FALSE) {
		bool abs = cue_absolute(q->stem) != NULL;

		s->tf_true += q->answer_tf;
		s->tf_false += !q->answer_tf;
		s->abs_true += abs && q->answer_tf;
		s->abs_false += abs && !q->answer_tf;
		return;
	}
	if (q->type != Q_SINGLE && q->type != Q_MULTIPLE)
		return;
	check_letters(q, s, d);
	check_above(q, s, d);
	if (q->type == Q_SINGLE && q->noptions >= 2) {
		size_t k = key_of(q), kl, other;

		if (k >= q->noptions)
			return;
		kl = cue_length(q->options[k].text);
		other = longest_other(q, k);
		s->nsingle++;
		s->chance += 1.0 / (double)q->noptions;
		s->longest += kl > other ? 1 : kl < other ? 0 :
			      1.0 / (double)ties_at(q, kl);
		if (other > 0 && (double)kl >= CUE_LONG_RATIO * (double)other) {
			s->warnings++;
			diags_add(d, DIAG_WARNING, q->bank->path, q->line,
				  q->col, "the key of '%s' is %zu characters, "
				  "the longest distractor %zu: a test-wise "
				  "candidate picks the longest option; make "
				  "the options about equally long", q->id, kl,
				  other);
		}
	}
}

/* True if count of n draws, each with chance p_i summing to mean and
 * variance var, is beyond chance. */
static bool beyond_chance(double count, double mean, double var)
{
	return count > mean + CUE_Z * sqrt(var) + 0.5;
}

/* Warn about a bank whose longest-option keys are beyond chance, at each
 * single-choice question whose key is the longest. */
static void check_length_share(const struct bank *b, struct cue_summary *s,
			       struct diags *d)
{
	double var = 0;

	for (size_t i = 0; i < b->nquestions; i++) {
		const struct question *q = &b->questions[i];
		double p = 1.0 / (double)(q->noptions ? q->noptions : 1);

		if (q->type == Q_SINGLE && q->noptions >= 2)
			var += p * (1 - p);
	}
	if (!beyond_chance(s->longest, s->chance, var))
		return;
	for (size_t i = 0; i < b->nquestions; i++) {
		const struct question *q = &b->questions[i];
		size_t k;

		size_t kl, other;

		if (q->type != Q_SINGLE || q->noptions < 2 ||
		    (k = key_of(q)) >= q->noptions)
			continue;
		kl = cue_length(q->options[k].text);
		other = longest_other(q, k);
		/* a key much longer than the rest is reported already */
		if (kl <= other || (other > 0 && (double)kl >=
				    CUE_LONG_RATIO * (double)other))
			continue;
		s->warnings++;
		diags_add(d, DIAG_WARNING, b->path, q->line, q->col,
			  "the key of '%s' is its longest option, as in %.1f "
			  "of the bank's %zu single-choice questions (chance: "
			  "%.1f; a tie counts in part): picking the longest "
			  "option beats guessing",
			  q->id, s->longest, s->nsingle, s->chance);
	}
}

/* Warn about a bank whose absolute-word statements are false beyond
 * chance, at each such false statement. */
static void check_absolute_share(const struct bank *b,
				 struct cue_summary *s, struct diags *d)
{
	size_t n = s->abs_false + s->abs_true, tf = s->tf_false + s->tf_true;
	double p = tf ? (double)s->tf_false / (double)tf : 0.5;

	if (!n || !beyond_chance((double)s->abs_false, p * (double)n,
				 (double)n * p * (1 - p)))
		return;
	for (size_t i = 0; i < b->nquestions; i++) {
		const struct question *q = &b->questions[i];
		const char *w;

		if (q->type != Q_TRUE_FALSE || q->answer_tf ||
		    !(w = cue_absolute(q->stem)))
			continue;
		s->warnings++;
		diags_add(d, DIAG_WARNING, b->path, q->line, q->col,
			  "false statement '%s' says '%s', as %zu of the "
			  "bank's false statements do against %zu true ones: "
			  "a test-wise candidate marks such statements false",
			  q->id, w, s->abs_false, s->abs_true);
	}
}

/* Check every bank. */
int cue_check(const struct bankset *bs, struct cue_summary **out,
	      size_t *n, struct diags *d)
{
	struct cue_summary *v = calloc(bs->nbanks ? bs->nbanks : 1,
				       sizeof(*v));

	*out = v;
	*n = 0;
	if (!v) {
		diags_oom(d);
		return -1;
	}
	for (size_t b = 0; b < bs->nbanks; b++) {
		const struct bank *bk = bs->banks[b];
		struct cue_summary *s = &v[b];

		s->bank = bk;
		for (size_t i = 0; i < bk->nquestions; i++)
			check_question(&bk->questions[i], s, d);
		check_length_share(bk, s, d);
		check_absolute_share(bk, s, d);
	}
	*n = bs->nbanks;
	return 0;
}
