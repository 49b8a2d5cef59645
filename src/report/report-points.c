/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-points.c - the points of an objective answer as a worksheet
 * formula over its response cell and the key, so that a reviewer who
 * corrects a response in the Answers sheet re-scores it
 * (docs/grade-report.md, "Corrections in the workbook").  The response
 * cell holds the answer as graded, in canonical form (T or F; printed
 * letters), and the formula reads that form and the common ways of typing
 * it, by the same rules as grading (exact, half, per_option). */
#include <stdio.h>
#include <string.h>

#include "report/report-points.h"

/* Spellings of true and false a reviewer may type (upper case). */
static const char tf_true[] = "{\"T\",\"TRUE\",\"Y\",\"YES\",\"\u221A\","
	"\"\u2713\",\"\u5BF9\",\"\u5C0D\",\"\u662F\",\"\u6B63\u786E\","
	"\"\u25CB\"}";
static const char tf_false[] = "{\"F\",\"FALSE\",\"N\",\"NO\",\"X\","
	"\"\u00D7\",\"\u2717\",\"\u9519\",\"\u932F\",\"\u5426\","
	"\"\u9519\u8BEF\"}";

/* Append "+ISNUMBER(SEARCH("L",cell))" for each letter of mask in or out
 * of the key; returns the length written, or 0 if it did not fit. */
static size_t count_letters(char *buf, size_t len, const char *cell,
			    uint32_t mask, unsigned noptions, bool keyed)
{
	size_t n = 0;
	int w;

	for (unsigned i = 0; i < noptions && i < 26; i++) {
		if (((mask >> i) & 1u) != keyed)
			continue;
		w = snprintf(buf + n, len - n, "%sISNUMBER(SEARCH(\"%c\",%s))",
			     n ? "+" : "", 'A' + i, cell);
		if (w < 0 || (size_t)w >= len - n)
			return 0;
		n += (size_t)w;
	}
	if (!n) {
		w = snprintf(buf, len, "0");
		n = w > 0 ? (size_t)w : 0;
	}
	return n;
}

/* The formula of the points of item it answered in cell, into buf; NULL
 * for questions a marker scores (their points are input cells). */
const char *rpt_points_formula(const struct key_item *it, const char *cell,
			       char *buf, size_t len)
{
	char right[600], wrong[600], pts[32];
	unsigned nkey = 0;

	snprintf(pts, sizeof(pts), "%.15g", it->points);
	if (it->type == Q_TRUE_FALSE) {
		snprintf(buf, len, "=IF(ISNUMBER(MATCH(UPPER(TRIM(%s)),%s,0)),"
			 "%s,0)", cell, it->answer_tf ? tf_true : tf_false,
			 pts);
		return buf;
	}
	if (it->type != Q_SINGLE && it->type != Q_MULTIPLE)
		return NULL;
	for (unsigned i = 0; i < it->noptions && i < 26; i++)
		nkey += (it->answer >> i) & 1u;
	if (!count_letters(right, sizeof(right), cell, it->answer,
			   it->noptions, true) ||
	    !count_letters(wrong, sizeof(wrong), cell, it->answer,
			   it->noptions, false))
		return NULL;
	switch (it->type == Q_SINGLE ? MC_EXACT : it->rule) {
	case MC_HALF:
		snprintf(buf, len, "=IF(%s>0,0,IF((%s)=%u,%s,IF((%s)>0,%s/2,"
			 "0)))", wrong, right, nkey, pts, right, pts);
		break;
	case MC_PER_OPTION:
		snprintf(buf, len, "=MAX(0,%s*((%s)-(%s))/%u)", pts, right,
			 wrong, nkey);
		break;
	case MC_DEFAULT:
	case MC_EXACT:
		snprintf(buf, len, "=IF(AND((%s)=%u,(%s)=0),%s,0)", right, nkey,
			 wrong, pts);
		break;
	}
	return buf;
}
