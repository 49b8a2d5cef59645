/* SPDX-License-Identifier: GPL-3.0-or-later */
/* grade-history.c - an administration's item statistics as item history
 * rows (see grade-history.h). */
#include "grade/grade-history.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Today's date (or SOURCE_DATE_EPOCH's) as YYYY-MM-DD. */
void grade_history_date(char buf[11])
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t = env && *env ? (time_t)strtoll(env, NULL, 10) : time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, 11, "%Y-%m-%d", &tm))
		strcpy(buf, "1970-01-01");
}

/* The forms printing item ii ("A B"), the first key that has it, and
 * its exposure (sheets[ki]: sheets graded by key ki), into the row's
 * fields. */
static void item_forms(const struct analysis *a, size_t ii,
		       const size_t *sheets, char *forms, size_t len,
		       const struct key **first, size_t *exposure)
{
	const struct gradebook *gb = a->gb;
	size_t used = 0;

	*first = NULL;
	*exposure = 0;
	forms[0] = 0;
	for (size_t ki = 0; ki < gb->keys.nkeys; ki++) {
		const struct key *k = gb->keys.keys[ki];
		bool has = false;

		for (size_t i = 0; i < k->nitems && !has; i++)
			has = a->kmap[ki][i] == ii;
		if (!has)
			continue;
		if (!*first)
			*first = k;
		*exposure += sheets[ki];
		if (used + strlen(k->form) + 2 < len)
			used += (size_t)snprintf(forms + used, len - used,
						 "%s%s", used ? " " : "",
						 k->form);
	}
}

/* Add one row per question of a to h. */
int grade_history_rows(const struct analysis *a, const char *date,
		       struct history *h)
{
	const struct gradebook *gb = a->gb;
	size_t *sheets = calloc(gb->keys.nkeys ? gb->keys.nkeys : 1, sizeof(*sheets));
	int ret = -1;

	if (!sheets)
		return -1;
	for (size_t c = 0; c < gb->ncands; c++)
		for (size_t ki = 0; ki < gb->keys.nkeys; ki++)
			if (gb->cands[c].key == gb->keys.keys[ki]) {
				sheets[ki]++;
				break;
			}
	for (size_t ii = 0; ii < a->nitems; ii++) {
		const struct item_stats *s = &a->items[ii];
		const struct key *k;
		struct history_row r;
		char forms[256];

		memset(&r, 0, sizeof(r));
		item_forms(a, ii, sheets, forms, sizeof(forms), &k,
			   &r.exposure);
		if (!k)
			continue;
		r.date = date;
		r.paper = k->paper;
		r.build = k->build ? k->build : "";
		r.forms = forms;
		r.item = s->it->id;
		r.type = qtype_name(s->it->type);
		r.points = s->it->points;
		r.n = s->st.n;
		r.p = s->st.p;
		r.disc = s->st.disc;
		r.has_disc = s->st.has_disc;
		r.r = s->st.rpb;
		r.has_r = s->st.has_rpb;
		if (history_add(h, &r) < 0)
			goto out;
	}
	ret = 0;
out:
	free(sheets);
	return ret;
}
