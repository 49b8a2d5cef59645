/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-out.c - the gradebook as a CSV summary (docs/grade-report.md
 * column order) and as JSON detail for scripts.  Text from sheets goes
 * through csv_write_text() (never a formula) or JSON escaping; numbers
 * through format_number(). */
#include "grade/grade-out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "base/csv.h"
#include "base/points.h"
#include "base/utf8.h"
#include "grade/analysis.h"

/* Percent rounded to 2 decimals. */
static double percent2(double p)
{
	return round(p * 100) / 100;
}

/* Write the CSV summary with the header of docs/grade-report.md, for
 * scripts. */
int grade_out_csv(FILE *fp, const struct gradebook *gb)
{
	return grade_out_csv_words(fp, gb, &csv_words_spec);
}

/* The words of docs/grade-report.md: what scripts read. */
const struct csv_words csv_words_spec = {
	"candidate_id", "name", "form", "total", "percent", "result",
	"problems", "pass", "fail", "pending", false,
};

/* The same for people, in English, ... */
const struct csv_words csv_words_en = {
	"candidate_id", "name", "form", "total", "percent", "result",
	"problems", "pass", "fail", "pending", true,
};

/* ... and in Chinese (check_grade checks that the
 * Traditional ones are OpenCC's conversion of these). */
const struct csv_words csv_words_zh = {
	"考生编号", "姓名", "卷别", "总分", "百分比", "结果", "问题数",
	"通过", "不通过", "待定", true,
};

const struct csv_words csv_words_hant = {
	"考生編號", "姓名", "卷別", "總分", "百分比", "結果", "問題數",
	"通過", "不通過", "待定", true,
};

/* Write a candidate id: for people, an id of digits alone as the formula
 * ="0260101", which a spreadsheet opening the CSV shows as that text (a
 * plain 0260101 turns into the number 260101); digits cannot inject
 * anything.  Else as text. */
static void write_id(FILE *fp, const char *id, bool people)
{
	if (people && *id && strspn(id, "0123456789") == strlen(id))
		fprintf(fp, "\"=\"\"%s\"\"\"", id);
	else
		csv_write_text(fp, id);
}

/* Write the CSV summary with the words w: one header row, one row per
 * candidate. */
int grade_out_csv_words(FILE *fp, const struct gradebook *gb,
			const struct csv_words *w)
{
	size_t n = gb->keys.nsection_titles;
	const double **cell = calloc(n ? n : 1, sizeof(*cell));
	char num[FORMAT_NUMBER_MAX];

	if (!cell)
		return -1;
	fprintf(fp, "%s,%s,%s", w->id, w->name, w->form);
	for (size_t i = 0; i < n; i++) {
		fputc(',', fp);
		csv_write_text(fp, gb->keys.section_titles[i]);
	}
	fprintf(fp, ",%s,%s,%s,%s\n", w->total, w->percent, w->result,
		w->problems);
	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];
		const struct key *k = c->key;
		enum cand_result res = candidate_result(c);

		write_id(fp, c->id, w->people);
		fputc(',', fp);
		csv_write_text(fp, c->name);
		fputc(',', fp);
		csv_write_text(fp, c->form);
		/* a section column the candidate's key lacks stays empty */
		memset(cell, 0, n * sizeof(*cell));
		for (size_t s = 0; k && s < k->nsections; s++)
			cell[keyset_section_column(&gb->keys, k, s)] =
				&c->section[s];
		for (size_t col = 0; col < n; col++)
			fprintf(fp, ",%s", cell[col] ?
				format_number(*cell[col], num) : "");
		fprintf(fp, ",%s", format_number(c->total, num));
		fprintf(fp, ",%s,%s,%u\n",
			format_number(percent2(c->percent), num),
			res == RESULT_PASS ? w->pass : res == RESULT_FAIL ?
			w->fail : w->pending, c->nproblems);
	}
	free(cell);
	return ferror(fp) ? -1 : 0;
}

/* Write s as a JSON string: escapes, control characters as \u00XX, and
 * invalid UTF-8 bytes replaced by U+FFFD. */
static void json_str(FILE *fp, const char *s)
{
	size_t len;

	if (!s) {
		fputs("null", fp);
		return;
	}
	len = strlen(s);
	fputc('"', fp);
	while (len) {
		size_t ok = utf8_valid_prefix(s, len);

		for (size_t i = 0; i < ok; i++) {
			unsigned char ch = (unsigned char)s[i];

			if (ch == '"' || ch == '\\')
				fprintf(fp, "\\%c", ch);
			else if (ch == '\n')
				fputs("\\n", fp);
			else if (ch == '\r')
				fputs("\\r", fp);
			else if (ch == '\t')
				fputs("\\t", fp);
			else if (ch < 0x20 || ch == 0x7f)
				fprintf(fp, "\\u%04x", ch);
			else
				fputc(ch, fp);
		}
		s += ok;
		len -= ok;
		if (len) {
			fputs("\\ufffd", fp);
			s++;
			len--;
		}
	}
	fputc('"', fp);
}

/* Write a JSON number in plain decimal. */
static void json_num(FILE *fp, double v)
{
	char num[FORMAT_NUMBER_MAX];

	fputs(format_number(v, num), fp);
}

/* Write points earned: a whole or half number as it is (75.5), any other
 * (thirds of per_option points) with the fewest digits that read back
 * as the same double, never rounded to a few decimals. */
static void json_points(FILE *fp, double v)
{
	char buf[40];

	if (points_halves(v)) {
		json_num(fp, round(v * 2) / 2);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v || prec == 17)
			break;
	}
	fputs(buf, fp);
}

/* Names of response states in JSON. */
static const char *const status_names[] = {
	[RESP_BLANK] = "blank", [RESP_OK] = "ok", [RESP_INVALID] = "invalid",
	[RESP_MISSING] = "missing",
};

/* Write the keys loaded (paper information). */
static void json_keys(FILE *fp, const struct gradebook *gb)
{
	fputs("\"keys\":[", fp);
	for (size_t i = 0; i < gb->keys.nkeys; i++) {
		const struct key *k = gb->keys.keys[i];

		fputs(i ? ",\n{\"paper\":" : "\n{\"paper\":", fp);
		json_str(fp, k->paper);
		fputs(",\"build\":", fp);
		json_str(fp, k->build);
		fputs(",\"form\":", fp);
		json_str(fp, k->form);
		fputs(",\"title\":", fp);
		json_str(fp, k->title);
		fputs(",\"language\":", fp);
		json_str(fp, k->language);
		fputs(",\"file\":", fp);
		json_str(fp, k->path);
		fputs(",\"total\":", fp);
		json_num(fp, k->total);
		fputs(",\"pass\":", fp);
		json_num(fp, k->pass);
		fprintf(fp, ",\"questions\":%zu,\"sections\":[", k->nitems);
		for (size_t s = 0; s < k->nsections; s++) {
			fputs(s ? ",{\"title\":" : "{\"title\":", fp);
			json_str(fp, k->sections[s].title);
			fputs(",\"points\":", fp);
			json_num(fp, k->sections[s].points);
			fputc('}', fp);
		}
		fputs("]}", fp);
	}
	fputs("],\n", fp);
}

/* Write a statistic with every digit it has, or null when not defined. */
static void json_stat(FILE *fp, bool defined, double v)
{
	if (defined && isfinite(v))
		fprintf(fp, "%.17g", v);
	else
		fputs("null", fp);
}

/* Write ,"name": and the statistic v (null unless defined). */
static void json_field(FILE *fp, const char *name, bool defined, double v)
{
	fprintf(fp, ",\"%s\":", name);
	json_stat(fp, defined, v);
}

/* Write one candidate with its sections and answers; prank is its
 * percentile rank, eq its equated total (NAN: none). */
static void json_candidate(FILE *fp, const struct candidate *c, double prank,
			   double eq)
{
	const struct key *k = c->key;

	fputs("{\"candidate_id\":", fp);
	json_str(fp, c->id);
	fputs(",\"name\":", fp);
	json_str(fp, c->name);
	fputs(",\"form\":", fp);
	json_str(fp, c->form);
	fputs(",\"paper\":", fp);
	json_str(fp, k ? k->paper : NULL);
	fputs(",\"file\":", fp);
	json_str(fp, c->file);
	fprintf(fp, ",\"line\":%u,\"sections\":{", c->line);
	for (size_t s = 0; k && s < k->nsections; s++) {
		fputs(s ? "," : "", fp);
		json_str(fp, k->sections[s].title);
		fputc(':', fp);
		json_points(fp, c->section[s]);
	}
	fputs("},\"total\":", fp);
	json_points(fp, c->total);
	fputs(",\"percent\":", fp);
	json_num(fp, percent2(c->percent));
	fprintf(fp, ",\"result\":\"%s\",\"problems\":%u,\"flagged\":%s,"
		"\"incomplete\":%s,\"notes\":",
		cand_result_name(candidate_result(c)), c->nproblems,
		c->flagged ? "true" : "false",
		c->incomplete ? "true" : "false");
	json_str(fp, c->notes);
	json_field(fp, "percentile_rank", true, prank);
	json_field(fp, "equated_total", true, eq);
	fputs(",\"answers\":[", fp);
	for (size_t i = 0; k && i < k->nitems; i++) {
		const struct response *r = &c->resp[i];

		fprintf(fp, "%s{\"no\":%u,\"id\":", i ? "," : "",
			k->items[i].no);
		json_str(fp, k->items[i].id);
		fputs(",\"response\":", fp);
		json_str(fp, r->raw);
		fputs(",\"points\":", fp);
		json_points(fp, r->earned);
		fputs(",\"max\":", fp);
		json_num(fp, k->items[i].points);
		fprintf(fp, ",\"status\":\"%s\"}", status_names[r->status]);
	}
	fputs("]}", fp);
}

/* Names of item flags in JSON, by bit. */
static const char *const item_flag_names[] = {
	"too_easy", "too_hard", "negative_discrimination",
	"poor_discrimination", "low_item_rest_r", "below_chance",
};

/* Write the analysis of one bank option of item s. */
static void json_option(FILE *fp, const struct item_stats *s, unsigned o)
{
	const struct option_stats *op = &s->opt[o];
	char letter = s->it->type == Q_TRUE_FALSE ? (o ? 'F' : 'T') :
			(char)('A' + o);
	const char *sep = "";

	fprintf(fp, "%s{\"option\":\"%c\",\"key\":%s,\"n\":%zu,"
		"\"share\":", o ? "," : "", letter,
		op->keyed ? "true" : "false", op->n);
	json_stat(fp, s->st.n > 0, op->share);
	json_field(fp, "upper", op->has_groups, op->upper);
	json_field(fp, "lower", op->has_groups, op->lower);
	json_field(fp, "option_rest_r", op->has_rpb, op->rpb);
	fputs(",\"flags\":[", fp);
	if (op->positive) {
		fputs("\"positive_option_rest_r\"", fp);
		sep = ",";
	}
	if (op->rare)
		fprintf(fp, "%s\"rare\"", sep);
	fputs("]}", fp);
}

/* Write the analysis of one question id. */
static void json_item(FILE *fp, const struct item_stats *s)
{
	const char *sep = "";

	fputs("{\"id\":", fp);
	json_str(fp, s->it->id);
	fprintf(fp, ",\"type\":\"%s\",\"points\":",
		qtype_name(s->it->type));
	json_num(fp, s->it->points);
	fprintf(fp, ",\"n\":%zu,\"mean\":", s->st.n);
	json_stat(fp, s->st.n > 0, s->st.mean);
	json_field(fp, "p", s->st.n > 0, s->st.p);
	json_field(fp, "discrimination", s->st.has_disc, s->st.disc);
	json_field(fp, "item_rest_r", s->st.has_rpb, s->st.rpb);
	json_field(fp, "alpha_if_deleted", s->has_alpha_del, s->alpha_del);
	fprintf(fp, ",\"raises_alpha\":%s", s->raises_alpha ? "true" :
		"false");
	fputs(",\"flags\":[", fp);
	for (unsigned b = 0; b < sizeof(item_flag_names) /
				 sizeof(*item_flag_names); b++)
		if (s->flags & (1u << b)) {
			fprintf(fp, "%s\"%s\"", sep, item_flag_names[b]);
			sep = ",";
		}
	fputs("],\"options\":[", fp);
	for (unsigned o = 0; o < s->nopt; o++)
		json_option(fp, s, o);
	fputs("]}", fp);
}

/* Write how the forms compare: Welch's test of their means, whether
 * forms of their own questions differ, and their equating. */
static void json_forms_compared(FILE *fp, const struct analysis *a)
{
	fputs("],\n\"forms_test\":", fp);
	if (a->has_welch) {
		fputs("{\"method\":\"welch\",\"f\":", fp);
		json_stat(fp, true, a->welch.f);
		json_field(fp, "df1", true, a->welch.df1);
		json_field(fp, "df2", true, a->welch.df2);
		json_field(fp, "p", true, a->welch.p);
		fputc('}', fp);
	} else {
		fputs("null", fp);
	}
	fprintf(fp, ",\"forms_differ\":%s,\"equating\":",
		a->forms_differ ? "true" : "false");
	if (a->equated) {
		fputs("{\"method\":\"linear, random groups\",\"reference\":",
		      fp);
		json_str(fp, a->forms[a->eq_ref].k->form);
		fputc('}', fp);
	} else {
		fputs("null", fp);
	}
}

/* Write the decisions near the pass mark. */
static void json_decision(FILE *fp, const struct analysis_decision *d)
{
	fputs(",\n\"alpha_ci95\":", fp);
	if (d->has_ci) {
		fputc('[', fp);
		json_stat(fp, true, d->alpha_lo);
		fputc(',', fp);
		json_stat(fp, true, d->alpha_hi);
		fputc(']', fp);
	} else {
		fputs("null", fp);
	}
	json_field(fp, "csem_at_pass", d->has_csem, d->csem);
	json_field(fp, "decision_consistency", d->has_p0, d->p0);
	json_field(fp, "decision_kappa", d->has_kappa, d->kappa);
}

/* Write the test and item statistics of the sheets not pending. */
static void json_statistics(FILE *fp, const struct analysis *a)
{
	const struct gradebook *gb = a->gb;
	const struct stats_describe *d = &a->desc;

	fprintf(fp, "\"statistics\":{\"n\":%zu,\"mean\":", a->n);
	json_stat(fp, a->n > 0, d->mean);
	json_field(fp, "median", a->n > 0, d->median);
	json_field(fp, "sd", a->n > 1, d->sd);
	json_field(fp, "min", a->n > 0, d->min);
	json_field(fp, "max", a->n > 0, d->max);
	json_field(fp, "skewness", d->has_skew, d->skew);
	json_field(fp, "kurtosis", d->has_kurt, d->kurt);
	fprintf(fp, ",\"coefficient\":\"%s\"", !a->same_questions &&
		a->gb->keys.nkeys > 1 ? "pooled_forms" : a->kr20 ? "kr20" : "alpha");
	json_field(fp, "alpha", a->has_alpha, a->alpha);
	fprintf(fp, ",\"small_n\":%s", a->n < ANALYSIS_ROUGH_N ? "true" :
		"false");
	fprintf(fp, ",\"kr20\":%s,\"sem\":", a->kr20 ? "true" : "false");
	json_stat(fp, a->has_sem, a->sem);
	json_decision(fp, &a->dec);
	fputs(",\n\"forms\":[", fp);
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct form_stats *f = &a->forms[ki];

		fputs(ki ? ",{\"paper\":" : "{\"paper\":", fp);
		json_str(fp, f->k->paper);
		fputs(",\"form\":", fp);
		json_str(fp, f->k->form);
		fprintf(fp, ",\"n\":%zu,\"questions\":%zu,\"alpha\":", f->n,
			f->k->nitems);
		json_stat(fp, f->has_alpha, f->alpha);
		fprintf(fp, ",\"kr20\":%s,\"sem\":",
			f->kr20 ? "true" : "false");
		json_stat(fp, f->has_sem, f->sem);
		json_field(fp, "mean", f->n > 0, f->mean);
		json_field(fp, "sd", f->n > 1, f->sd);
		fprintf(fp, ",\"passed\":%zu", f->passed);
		json_field(fp, "pass_rate", f->n > 0,
			   f->n ? (double)f->passed / (double)f->n : 0);
		if (f->has_eq) {
			fputs(",\"equating\":{\"a\":", fp);
			json_stat(fp, true, f->eq_a);
			json_field(fp, "b", true, f->eq_b);
			fputc('}', fp);
		} else {
			fputs(",\"equating\":null", fp);
		}
		fputc('}', fp);
	}
	json_forms_compared(fp, a);
	fputs(",\n\"sections\":[", fp);
	for (size_t i = 0; i < gb->keys.nsection_titles; i++) {
		fputs(i ? ",{\"title\":" : "{\"title\":", fp);
		json_str(fp, gb->keys.section_titles[i]);
		json_field(fp, "alpha", a->has_section_alpha[i], a->section_alpha[i]);
		fputc('}', fp);
	}
	fputs("],\n\"items\":[", fp);
	for (size_t i = 0; i < a->nitems; i++) {
		fputs(i ? ",\n" : "\n", fp);
		json_item(fp, &a->items[i]);
	}
	fputs("]}", fp);
}

/* Write the JSON detail: keys, candidates, problems, counts and
 * statistics. */
int grade_out_json(FILE *fp, const struct gradebook *gb)
{
	size_t flagged = 0, incomplete = 0, passed = 0, pending = 0;
	struct analysis a;

	analysis_init(&a);
	if (analysis_run(&a, gb) < 0) {
		analysis_release(&a);
		return -1;
	}
	fputs("{", fp);
	json_keys(fp, gb);
	fputs("\"sections\":[", fp);
	for (size_t i = 0; i < gb->keys.nsection_titles; i++) {
		fputs(i ? "," : "", fp);
		json_str(fp, gb->keys.section_titles[i]);
	}
	fputs("],\n\"candidates\":[", fp);
	for (size_t i = 0; i < gb->ncands; i++) {
		const struct candidate *c = &gb->cands[i];

		fputs(i ? ",\n" : "\n", fp);
		json_candidate(fp, c, a.prank[i], a.equated_total[i]);
		flagged += c->flagged;
		incomplete += c->incomplete;
		passed += candidate_result(c) == RESULT_PASS;
		pending += candidate_result(c) == RESULT_PENDING;
	}
	fputs("],\n\"problems\":[", fp);
	for (size_t i = 0; i < gb->nproblems; i++) {
		const struct problem *p = &gb->problems[i];

		fputs(i ? ",\n{\"file\":" : "\n{\"file\":", fp);
		json_str(fp, p->file);
		fprintf(fp, ",\"line\":%u,\"column\":%u,\"candidate\":",
			p->line, p->col);
		json_str(fp, p->candidate);
		if (p->question)
			fprintf(fp, ",\"question\":%u,\"message\":",
				p->question);
		else
			fputs(",\"question\":null,\"message\":", fp);
		json_str(fp, p->msg);
		fputc('}', fp);
	}
	fprintf(fp, "],\n\"summary\":{\"sheets\":%zu,\"clean\":%zu,"
		"\"flagged\":%zu,\"incomplete\":%zu,\"passed\":%zu,"
		"\"pending\":%zu,\"problems\":%zu},\n", gb->ncands,
		gb->ncands - flagged, flagged, incomplete, passed, pending,
		gb->nproblems);
	json_statistics(fp, &a);
	fputs("}\n", fp);
	analysis_release(&a);
	return ferror(fp) ? -1 : 0;
}
